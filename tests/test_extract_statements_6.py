"""Solutions in real news of meetings (issue 20 §1, sixth round): a list in prose whose item
explains itself in brackets, a list introduced by a run of copulas, and what "must" be done with
an adverb before the passive verb. Every passage is made up for the test."""

from __future__ import annotations

from test_extract_proposers_4 import drafted, who

KOTA = ("Pemerintah Kota Sukamaju menggelar rapat koordinasi kesiapsiagaan banjir di aula kantor wali kota, "
        "Senin (6/1/2020). Rapat dipimpin Sekda Kota Sukamaju. ")


def _solutions(text: str) -> set[str]:
    return {label for label, row in drafted(text).items() if row[0] == "Solution"}


def test_a_bracket_inside_a_listed_measure_is_no_list_of_its_own() -> None:
    found = _solutions(KOTA + "Tindak lanjut dari hasil rapat ini adalah memperbarui peta genangan, penetapan "
                              "jalur evakuasi (jalur utama, jalur cadangan, dan titik kumpul) di setiap kelurahan "
                              "dan pelatihan relawan kampung.")
    assert "penetapan jalur evakuasi (jalur utama, jalur cadangan, dan titik kumpul) di setiap kelurahan" in found
    assert "memperbarui peta genangan" in found
    assert "pelatihan relawan kampung" in found
    # The words in the bracket explain the item: none of them is a measure of its own.
    assert not any(label.startswith(("jalur cadangan", "titik kumpul")) for label in found)


def test_a_run_of_copulas_opens_the_list_after_the_last() -> None:
    found = _solutions(KOTA + "Solusi yang dibahas di antaranya adalah pemilahan sampah di setiap rumah "
                              "tangga, dan pembentukan bank sampah di setiap kelurahan.")
    assert "pemilahan sampah di setiap rumah tangga" in found
    assert "pembentukan bank sampah di setiap kelurahan" in found
    assert not any(label.startswith("adalah") for label in found)


def test_must_with_an_adverb_before_the_passive_verb_is_a_measure_called_for() -> None:
    found = _solutions(KOTA + "Wali kota mengatakan bahwa pengawasan tanggul laut harus lebih ditingkatkan.")
    assert any("pengawasan tanggul laut harus lebih ditingkatkan" in label for label in found)
    found = _solutions(KOTA + "Menurutnya, pembersihan saluran harus terus dilakukan setiap pekan.")
    assert any("pembersihan saluran harus terus dilakukan" in label for label in found)


def test_must_with_an_adverb_before_an_active_verb_is_no_measure() -> None:
    # "harus tetap mengungsi": what people had to go through, a hardship, not a measure called for.
    found = _solutions(KOTA + "Sebagian warga harus tetap mengungsi di balai kelurahan hingga air surut.")
    assert not any("mengungsi" in label for label in found)


def test_a_clause_that_opens_with_what_is_needed_calls_for_a_measure() -> None:
    found = _solutions(KOTA + "Menyikapi ancaman rob, diperlukan kerja sama semua kelurahan dalam menjaga pintu "
                              "air. Dibutuhkan pula pelatihan petugas pompa di setiap rumah pompa.")
    assert any(label.startswith("diperlukan kerja sama semua kelurahan") for label in found)
    assert any(label.startswith("dibutuhkan pula pelatihan petugas pompa") for label in found)


def test_the_time_that_is_needed_is_no_measure() -> None:
    found = _solutions(KOTA + "Waktu yang diperlukan sirene untuk berbunyi sekitar tiga menit. Diperlukan waktu "
                              "dua jam bagi air untuk surut.")
    assert not any("sirene" in label or "surut" in label for label in found)


def test_a_person_with_the_body_in_brackets_commits_and_proposes_for_that_body() -> None:
    found = drafted(KOTA + "Budi Santoso (BPBD Kota Sukamaju) akan menambah pompa mobile di kawasan pesisir. "
                           "Ani Lestari (BMKG) mengusulkan pemasangan alat ukur curah hujan di hulu sungai.")
    assert found["menambah pompa mobile di kawasan pesisir"][:2] == ("Commitment", "planned")
    assert who(found, "menambah pompa mobile di kawasan pesisir") == ["BPBD Kota Sukamaju"]
    label = next(label for label in found if "alat ukur curah hujan" in label)
    assert who(found, label) == ["BMKG"]


def test_a_body_in_brackets_after_another_body_is_not_the_subject() -> None:
    # "(Dinsos)" is the short form inside the body's own name: the body is the subject, once.
    found = drafted(KOTA + "Dinas Sosial (Dinsos) Kota Sukamaju akan menyiapkan dapur umum di setiap kecamatan.")
    assert who(found, "menyiapkan dapur umum di setiap kecamatan") == ["Dinas Sosial Kota Sukamaju"]


def test_a_body_that_tells_someone_to_act_proposes_the_act() -> None:
    found = drafted(KOTA + "Dinas Kesehatan Kota Sukamaju menyampaikan kepada para lurah agar menggerakkan "
                           "warga membersihkan saluran setiap Jumat.")
    label = next(label for label in found if "membersihkan saluran" in label)
    assert found[label][0] == "Solution"
    assert label.startswith("menggerakkan warga")  # the addressee is no part of the measure
    assert who(found, label) == ["Dinas Kesehatan Kota Sukamaju"]


def test_a_body_that_asks_someone_with_its_own_cue_proposes_once() -> None:
    found = drafted(KOTA + "BPBD Kota Sukamaju meminta kepada camat agar memasang rambu jalur evakuasi.")
    labels = [label for label in found if "rambu jalur evakuasi" in label]
    assert len(labels) == 1
    assert who(found, labels[0]) == ["BPBD Kota Sukamaju"]


def test_what_an_official_stresses_the_importance_of_is_a_measure_called_for() -> None:
    found = _solutions(KOTA + "Dalam sambutannya, beliau menekankan pentingnya pemeliharaan pompa di setiap "
                              "rumah pompa sebelum musim hujan.")
    assert any(label.startswith("pentingnya pemeliharaan pompa") for label in found)


def test_what_a_situation_needs_is_a_measure_called_for_but_not_who_needs_it() -> None:
    found = _solutions(KOTA + "Kepala BPBD Kota Sukamaju menambahkan bahwa penanganan rob membutuhkan kerja sama "
                              "semua kelurahan. Bantuan diberikan kepada keluarga yang membutuhkan air bersih.")
    assert any(label.startswith("penanganan rob membutuhkan kerja sama") for label in found)
    assert not any("air bersih" in label for label in found)


def test_a_comma_after_a_long_subject_keeps_the_body_as_proposer() -> None:
    found = drafted(KOTA + "Dinas Lingkungan Hidup Kota Sukamaju, menegaskan pentingnya pemilahan sampah di "
                           "setiap rumah tangga.")
    label = next(label for label in found if "pemilahan sampah" in label)
    assert who(found, label) == ["Dinas Lingkungan Hidup Kota Sukamaju"]


def test_the_points_an_official_stresses_in_a_list_are_measures_proposed_by_the_official() -> None:
    found = drafted(KOTA + "\nDalam arahannya, BPBD Kota Sukamaju memberikan tiga penekanan, di antaranya:\n"
                           "1. Melakukan patroli tanggul setiap malam;\n"
                           "2. Menyiapkan perahu karet di setiap kelurahan;\n"
                           "3. Memastikan jalur evakuasi bebas hambatan.\n")
    for item in ("melakukan patroli tanggul setiap malam", "menyiapkan perahu karet di setiap kelurahan",
                 "memastikan jalur evakuasi bebas hambatan"):
        assert found[item][0] == "Solution"
        assert who(found, item) == ["BPBD Kota Sukamaju"]


def test_a_conjunction_opening_a_sentence_is_no_body() -> None:
    found = drafted(KOTA + "Rapat bertujuan agar warga sadar akan bahaya banjir. Sehingga akan dapat mengurangi "
                           "kerugian harta benda warga.")
    assert not any("mengurangi kerugian" in label for label in found)


def test_a_response_done_quickly_names_no_measure() -> None:
    found = _solutions(KOTA + "Oleh karena itu, diperlukan koordinasi lintas sektor agar respons terhadap banjir "
                              "dapat dilakukan dengan cepat dan tepat.")
    assert any(label.startswith("diperlukan koordinasi lintas sektor") for label in found)
    assert "cepat dan tepat" not in found


def test_english_a_project_put_forward_by_a_body_is_its_proposal() -> None:
    found = drafted("Sukamaju, 6 January 2020 - Yayasan Rumah Aman held a city workshop on climate action. "
                    "The ideas included a rainwater harvesting scheme put forward by BPBD Kota Sukamaju.")
    label = next(label for label in found if "rainwater harvesting" in label)
    assert found[label][0] == "Solution"
    assert who(found, label) == ["BPBD Kota Sukamaju"]


def test_a_head_named_with_the_holder_speaks_for_the_body_of_the_post() -> None:
    found = drafted("Pemerintah Kota Bogor menggelar rapat koordinasi sampah di balai kota, Senin (6/1/2020). "
                    "Kepala Dinas Lingkungan Hidup Kota Bogor Ratna Dewi SH mengatakan, sampah kiriman menjadi "
                    "masalah lama, untuk itu dia meminta kerja sama para lurah di setiap kelurahan.")
    label = next(label for label in found if "kerja sama para lurah" in label)
    assert who(found, label) == ["Dinas Lingkungan Hidup Kota Bogor"]
