"""Solutions and proposers in regional news of meetings (issue 20 §1, fifth round): a head who
recommends a measure to someone, the follow-up a meeting settles on, what must be provided, and
the important steps a speaker names. Every passage is made up for the test."""

from __future__ import annotations

from test_extract_proposers_4 import drafted, who

KOTA = ("Pemerintah Kota Sukamaju menggelar rapat koordinasi kekeringan di aula kantor wali kota, "
        "Senin (6/1/2020). Rapat dipimpin Sekda Kota Sukamaju. ")


def test_a_body_that_recommends_a_measure_to_someone_proposes_it() -> None:
    found = drafted(KOTA + "Dinas Sosial Kota Sukamaju menganjurkan kepada para lurah untuk segera mendata "
                           "warga yang membutuhkan air bersih.")
    label = next(label for label in found if "mendata warga" in label)
    assert found[label][0] == "Solution"
    assert who(found, label) == ["Dinas Sosial Kota Sukamaju"]


def test_the_follow_up_a_meeting_settles_on_lists_its_measures() -> None:
    found = drafted(KOTA + "Tindak lanjut dari hasil rapat ini adalah membangun sumur bor di tiga kelurahan, "
                           "menambah armada mobil tangki dan memperbarui peta rawan kekeringan.")
    for measure in ("membangun sumur bor di tiga kelurahan", "menambah armada mobil tangki",
                    "memperbarui peta rawan kekeringan"):
        assert found[measure][0] == "Solution"


def test_what_must_be_provided_in_an_emergency_is_listed_as_measures() -> None:
    found = drafted(KOTA + "Dalam keadaan darurat, beberapa hal yang harus dipenuhi yaitu penyediaan air minum "
                           "bagi warga, pelayanan kesehatan keliling dan penanganan jalan putus.")
    assert {"penyediaan air minum bagi warga", "pelayanan kesehatan keliling",
            "penanganan jalan putus"} <= {label for label, row in found.items() if row[0] == "Solution"}


def test_the_important_steps_a_speaker_names_are_proposed_by_the_speaker() -> None:
    text = ("Pemerintah Kabupaten Sukamaju menggelar rapat koordinasi pengendalian DBD di aula kantor bupati, "
            "Senin (6/1/2020). Kepala BPBD Kabupaten Sukamaju menekankan beberapa langkah penting antara lain "
            "pemberantasan sarang nyamuk di setiap desa.")
    found = drafted(text)
    assert found["pemberantasan sarang nyamuk di setiap desa"][0] == "Solution"
    assert who(found, "pemberantasan sarang nyamuk di setiap desa") == ["BPBD Kabupaten Sukamaju"]


def test_a_step_named_as_part_of_something_is_no_measure() -> None:
    # "langkah" alone names no list in prose: "Langkah ini adalah bagian dari ..." states no measure.
    found = drafted(KOTA + "Langkah ini adalah bagian dari program kota tangguh bencana yang dimulai tahun lalu.")
    assert not any("bagian dari" in label for label in found)


KABUPATEN = ("Pemerintah Kabupaten Sukamaju menggelar rapat koordinasi sanitasi di aula Bappeda Kabupaten "
             "Sukamaju, Senin (6/1/2020). ")


def test_a_plan_the_meeting_agreed_on_is_a_planned_commitment_whose_party_the_reviewer_names() -> None:
    found = drafted(KABUPATEN + "Hasil rapat ini menyepakati bahwa pemilihan desa penerima akan mengacu pada data "
                                "stunting terbaru.")
    label = "pemilihan desa penerima akan mengacu pada data stunting terbaru"
    assert found[label][:2] == ("Commitment", "planned")
    assert who(found, label) == []


def test_what_the_outcome_will_become_is_no_agreed_plan() -> None:
    found = drafted(KABUPATEN + "Hasil rapat ini akan menjadi dasar penyusunan anggaran tahun depan.")
    assert not any("dasar penyusunan anggaran" in label for label in found)


def test_a_body_the_meeting_agreed_on_commits_to_its_own_deed() -> None:
    found = drafted(KABUPATEN + "Rapat juga menyepakati bahwa Dinas Kesehatan Kabupaten Sukamaju memperbarui data "
                                "balita setiap bulan.")
    label = next(label for label in found if "data balita" in label)
    assert found[label][:2] == ("Commitment", "planned")
    assert who(found, label) == ["Dinas Kesehatan Kabupaten Sukamaju"]


def test_a_supply_that_is_sufficient_is_no_fulfilled_commitment() -> None:
    found = drafted("Dinas Kesehatan Kabupaten Sukamaju menggelar rapat koordinasi DBD di aula kantor bupati, "
                    "Senin (6/1/2020). Menurut laporan, Puskesmas Sukamaju sudah mencukupi kebutuhan obat pasien "
                    "DBD. RSUD Sukamaju sudah melengkapi ruang isolasi.")
    assert not any("kebutuhan obat" in label for label in found)
    assert found["melengkapi ruang isolasi"][:2] == ("Commitment", "fulfilled")


def test_what_the_regional_secretary_sets_out_is_the_regional_governments() -> None:
    # The report names both the government and its secretariat: the Sekda speaks for the government.
    text = ("Pemerintah Kabupaten Sukamaju menggelar rapat koordinasi pengendalian DBD di ruang rapat Setda "
            "Sukamaju, Selasa (7/1/2020). Rapat dipimpin Sekda Sukamaju Budi Santoso. Sekda Sukamaju "
            "menganjurkan kepada para camat untuk menggerakkan warga membersihkan saluran air.")
    found = drafted(text)
    label = next(label for label in found if "membersihkan saluran" in label)
    assert who(found, label) == ["Pemerintah Kabupaten Sukamaju"]


def test_a_regional_secretary_speaks_for_the_secretariat_where_no_government_is_named() -> None:
    text = ("Setda Kabupaten Sukamaju menggelar rapat koordinasi pengendalian DBD di aula kantor bupati, "
            "Selasa (7/1/2020). Sekda Sukamaju menganjurkan kepada para camat untuk menggerakkan warga "
            "membersihkan saluran air.")
    found = drafted(text)
    label = next(label for label in found if "membersihkan saluran" in label)
    assert who(found, label) == ["Setda Kabupaten Sukamaju"]


def test_a_request_a_body_submits_is_its_proposal_past_a_short_form_with_a_full_stop() -> None:
    found = drafted("Dinas Kesehatan Kabupaten Sukamaju menggelar rapat koordinasi DBD di aula kantor bupati, "
                    "Senin (6/1/2020). Oleh karena itu Dinas Kesehatan Kabupaten Sukamaju mengajukan permintaan "
                    "ke Dinas Kesehatan Prov. Jawa Tengah dan segera mendistribusikan cairan infus ke puskesmas.")
    label = next(label for label in found if "permintaan" not in label and "cairan infus" in label)
    assert label.endswith("segera mendistribusikan cairan infus ke puskesmas")
    assert who(found, label) == ["Dinas Kesehatan Kabupaten Sukamaju"]
