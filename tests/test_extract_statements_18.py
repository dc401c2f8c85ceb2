"""Who proposes, and which solutions are drafted, in news of meetings (issue 20, round 18). Every
passage is made up for the test."""

from __future__ import annotations

from helpers.statements import drafted, who

KOTA = ("Pemerintah Kota Sukamaju menggelar rapat koordinasi kesiapsiagaan banjir di aula kantor wali kota, "
        "Senin (6/1/2020). Rapat dipimpin Sekda Kota Sukamaju. ")


def test_a_pronoun_tag_opening_a_paragraph_with_its_comma_goes_on_with_the_last_body_acting() -> None:
    text = (KOTA + "\nMenyambut baik inisiatif itu, Kepala BPBD Kabupaten Sukamaju, Dr. Rina Lestari, mengapresiasi "
            "langkah para relawan.\nMenurutnya, kolaborasi lintas sektor sangat dibutuhkan untuk membangun kota yang "
            "tangguh.")
    found = drafted(text)
    label = next(label for label in found if "dibutuhkan untuk membangun" in label)
    assert who(found, label) == ["BPBD Kabupaten Sukamaju"]


def test_a_body_pressing_another_to_act_proposes_the_measure() -> None:
    text = ("Bandung - Komisi IV DPRD Kabupaten Sukamaju mendesak pemerintah kabupaten segera membangun kolam "
            "retensi di hulu Sungai Cibeureum.")
    found = drafted(text)
    label = next(label for label in found if "kolam retensi" in label)
    assert found[label][0] == "Solution"
    assert who(found, label) == ["Komisi IV DPRD Kabupaten Sukamaju"]
    # A crowd pressing at a gate presses nobody to a measure.
    assert not any("pintu" in label for label in drafted("Ratusan warga saling mendesak di depan pintu balai desa."))


def test_a_members_name_written_again_speaks_for_the_council_of_their_post() -> None:
    text = ("Komisi IV DPRD Kabupaten Sukamaju menggelar rapat kerja dengan Dinas Lingkungan Hidup, Senin (6/1/2020).\n"
            "Anggota Komisi IV DPRD Kabupaten Sukamaju, Budi Hartono, menyoroti timbulan sampah yang terus naik.\n"
            "Selanjutnya, Budi menekankan pentingnya pembangunan tempat pengolahan sampah terpadu di tiap kecamatan.")
    found = drafted(text)
    label = next(label for label in found if "tempat pengolahan sampah terpadu" in label)
    assert who(found, label) == ["Komisi IV DPRD Kabupaten Sukamaju"]


def _issues_of(text: str) -> list[str]:
    from resilience_kg.extract.recognise.enumerations import find_items

    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


def test_sentences_an_ordinal_opens_are_the_items_the_sentence_before_names() -> None:
    text = ("Anggota dewan menyoroti tiga persoalan utama dalam pengelolaan air bersih. Pertama, kebocoran pipa "
            "distribusi masih tinggi. Kedua, debit mata air turun setiap kemarau. Ketiga, tarif belum menutup "
            "biaya operasi.")
    found = _issues_of(text)
    assert "kebocoran pipa distribusi masih tinggi" in found
    assert "debit mata air turun setiap kemarau" in found
    assert "tarif belum menutup biaya operasi" in found


def test_ordinals_after_a_sentence_naming_no_kind_or_out_of_order_are_no_list() -> None:
    # The sentence before names no kind of item: the ordinals number steps of a programme.
    text = ("Acara dibuka dengan sambutan wali kota. Pertama, peserta mengikuti senam pagi bersama. Kedua, "
            "peserta menanam pohon di taman kota.")
    assert not any(i.startswith("peserta") for i in _issues_of(text))
    # One ordinal alone numbers nothing.
    text = "Ada dua persoalan utama. Pertama, jalan desa rusak berat di musim hujan."
    from resilience_kg.extract.recognise.enumerations import find_items

    assert not any(i.method == "rule:ordinal-items" for i in find_items(text))


def test_bakal_states_a_plan_as_akan_does() -> None:
    found = drafted("Pemerintah Kota Sukamaju bakal segera memperbaiki tiga pintu air di hilir Sungai Cibeureum.")
    label = next(label for label in found if "pintu air" in label)
    assert found[label][:2] == ("Commitment", "planned")
    assert who(found, label) == ["Pemerintah Kota Sukamaju"]
    # What the weather will do commits nobody.
    found = drafted("Menurut BMKG, hujan lebat bakal terjadi di wilayah Sukamaju pekan depan.")
    assert not any(row[0] == "Commitment" for row in found.values())


def test_what_is_one_of_the_causes_of_a_harm_is_an_issue() -> None:
    from helpers.statements import issues

    text = ("The district office held a dialogue on peat fires on Monday. Open burning to clear farmland has "
            "long been named as one of the causes of the yearly haze in the province.")
    found = issues(text)
    assert any(q.startswith("Open burning to clear farmland") for q in found)
    assert not any(q.startswith("causes of") for q in found)


def test_a_road_a_hazard_cut_off_is_an_issue_and_a_cut_without_a_hazard_is_none() -> None:
    from helpers.statements import issues

    text = ("BPBD Kabupaten Sukamaju menggelar rapat koordinasi penanganan bencana, Senin (6/1/2020). Jalan "
            "provinsi di Desa Sukamulya terputus akibat longsor sehingga warga memutar lewat jalan desa.")
    assert any("terputus akibat longsor" in q for q in issues(text))
    text = ("BPBD Kabupaten Sukamaju menggelar rapat koordinasi, Senin (6/1/2020). Siaran langsung rapat sempat "
            "terputus karena gangguan jaringan internet.")
    assert not any("terputus" in q for q in issues(text))


def test_a_speech_tag_before_a_units_long_title_names_the_body_at_its_end() -> None:
    text = ("Sebanyak 80 kader posyandu mengikuti pelatihan gizi di aula kantor wali kota, Selasa (4/7/2023).\n"
            "\u201cKita harus bekerja bersama menekan angka stunting,\u201d ujar Subkoordinasi Urusan Kesehatan, "
            "Perlindungan Anak dan Pengendalian Penduduk Bagian Kesejahteraan Rakyat Sekretariat Kota Sukamaju, "
            "Sugiarto.\nIa mengatakan, perlu dilakukan pendampingan keluarga berisiko di setiap kelurahan.")
    found = drafted(text)
    label = next(label for label in found if "pendampingan keluarga" in label)
    assert who(found, label) == ["Bagian Kesejahteraan Rakyat Sekretariat Kota Sukamaju"]


def test_a_subject_acting_with_unnamed_partners_commits_alone() -> None:
    found = drafted("Melalui kerja sama ini, BPBD Kabupaten Sukamaju bersama perguruan tinggi akan membentuk "
                    "desa tangguh bencana di lima kecamatan.")
    label = next(label for label in found if "desa tangguh bencana" in label)
    assert found[label][:2] == ("Commitment", "planned")
    assert who(found, label) == ["BPBD Kabupaten Sukamaju"]
    text = ("Kepala BNPB menyampaikan, rapat membahas penanganan banjir bandang di Kabupaten Sukamaju. "
            "Pihaknya bersama kementerian terkait akan mendukung pemulihan jalan desa hingga situasi normal.")
    found = drafted(text)
    label = next(label for label in found if "pemulihan jalan desa" in label)
    assert found[label][:2] == ("Commitment", "planned")


def test_a_pledge_ends_before_the_consequence_drawn_after_its_comma() -> None:
    found = drafted("Komisi IV DPRD Kabupaten Sukamaju berkomitmen mengawal perbaikan irigasi desa, oleh karena itu "
                    "hasil kunjungan ini dibahas dalam rapat kerja berikutnya.")
    assert "mengawal perbaikan irigasi desa" in found
    assert not any("hasil kunjungan" in label for label in found)



def test_how_an_activity_or_a_target_must_go_is_a_measure_called_for() -> None:
    head = "Dinas Kesehatan Provinsi Sukamaju menggelar musrenbang, Senin (6/1/2020). "
    found = drafted(head + "Menurut Kepala Dinas Kesehatan Provinsi Sukamaju, penyusunan rencana kerja dan anggaran "
                           "harus menggunakan pendekatan skala prioritas.")
    assert any(row[0] == "Solution" and "penyusunan rencana kerja" in label for label, row in found.items())
    found = drafted(head + "Kepala Dinas Kesehatan Provinsi Sukamaju mengatakan target cakupan imunisasi harus "
                           "mencapai 95 persen.")
    assert any(row[0] == "Solution" and "imunisasi harus mencapai" in label for label, row in found.items())
    # People who must do something tell a hardship, not a measure.
    found = drafted(head + "Sebagian penduduk harus menempuh perjalanan dua jam ke puskesmas terdekat.")
    assert not any(row[0] == "Solution" for row in found.values())


def test_a_body_described_after_sebagai_before_its_pledge_commits() -> None:
    found = drafted("Forum Pemuda Peduli Sukamaju sebagai organisasi kepemudaan di Sukamaju berkomitmen mendukung "
                    "pembangunan jalur sepeda di pusat kota.")
    label = next(label for label in found if "jalur sepeda" in label)
    assert found[label][:2] == ("Commitment", "planned")
    assert who(found, label) == ["Forum Pemuda Peduli Sukamaju"]


def test_the_worst_of_a_hazard_is_an_issue_and_the_largest_budget_none() -> None:
    from helpers.statements import issues

    head = "DPRD Kabupaten Sukamaju menggelar rapat dengar pendapat, Senin (6/1/2020). "
    found = issues(head + "Ketua DPRD mengatakan longsor di Desa Sukamulya pekan ini adalah yang terparah sepanjang "
                          "sepuluh tahun.")
    assert any("terparah" in q for q in found)
    found = issues(head + "Dinas Pendidikan menerima alokasi anggaran terbesar tahun ini untuk membangun sekolah.")
    assert not any("terbesar" in q for q in found)


def test_what_we_will_face_is_a_forecast_no_plan() -> None:
    text = ("BPBD Kabupaten Sukamaju menggelar apel kesiapsiagaan, Senin (6/1/2020). \u201cKami akan menghadapi "
            "puncak musim hujan bulan depan,\u201d ujar Kepala BPBD Kabupaten Sukamaju.")
    assert not any(row[0] == "Commitment" for row in drafted(text).values())
