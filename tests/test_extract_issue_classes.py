"""Classes of issue statements seen in real reports, each on a made-up passage: a problem stated
with a cue the rules learnt this round, and a near miss that states none."""

from __future__ import annotations

import pytest

from resilience_kg.extract.recognise.enumerations import find_items


def _items(text: str) -> list[tuple[str, str]]:
    return [(i.kind, text[i.start:i.end]) for i in find_items(text)]


def test_problems_listed_after_a_longer_qualification_and_namely() -> None:
    text = ("Dalam pendampingan ada beberapa kendala yang dicatat oleh tim desa, yaitu belum tersedianya tempat "
            "pengolahan sampah terpadu, serta minimnya petugas kebersihan di tiap dusun.")
    assert _items(text) == [("Issue", "belum tersedianya tempat pengolahan sampah terpadu"),
                            ("Issue", "minimnya petugas kebersihan di tiap dusun")]


def test_a_list_of_topics_after_namely_is_no_list_of_issues() -> None:
    assert _items("Rapat membahas beberapa hal penting bagi desa, yaitu jadwal kerja bakti dan pembagian tugas.") == []


@pytest.mark.parametrize(("text", "issue"), [
    # The causes of a harm, named as such.
    ("Camat menjelaskan terdapat dua faktor penyebab genangan di permukiman, yakni saluran yang dangkal dan pompa "
     "yang sering mati.", "faktor penyebab genangan di permukiman"),
    # A hazard that triggers a harm.
    ("Hujan lebat di hulu memicu longsor di ruas jalan provinsi.", "Hujan lebat di hulu memicu longsor"),
    # A hazard forecast to stay high.
    ("Pasalnya, curah hujan pada bulan depan diperkirakan masih tinggi.",
     "curah hujan pada bulan depan diperkirakan masih tinggi"),
    # A risk the speaker says must not happen.
    ("Jangan sampai pompa mati lagi saat hujan deras seperti tahun lalu.", "pompa mati lagi saat hujan deras"),
    # A sentence the writer began without its capital: its problem is a clause of its own.
    ("Rapat membahas kesiapan posko di tiap kelurahan. adapun dampak hujan ekstrem dapat mengakibatkan banjir di "
     "bantaran sungai.", "dampak hujan ekstrem dapat mengakibatkan banjir di bantaran sungai"),
])
def test_a_problem_of_each_class_is_an_issue(text: str, issue: str) -> None:
    found = [item for kind, item in _items(text) if kind == "Issue"]
    assert any(issue in item for item in found), found
    assert not any("Rapat membahas" in item for item in found)  # the clause before the lost capital is no part of it


@pytest.mark.parametrize("text", [
    "Rapat dipimpin oleh Bpk. Tri Handoko dan dihadiri dua puluh peserta.",  # an abbreviation's full stop
    "Kegiatan ditutup dengan foto bersama. peserta kemudian kembali ke kantor masing-masing.",
])
def test_a_sentence_without_a_problem_gives_no_issue_whatever_its_full_stops(text: str) -> None:
    assert _items(text) == []


# --- measures, as real reports state them -----------------------------------------------------------


def test_a_list_of_what_must_be_done_keeps_each_items_own_and() -> None:
    text = ("Hal yang harus dilakukan kelurahan terkait kebencanaan adalah memetakan jalur evakuasi bersama warga, "
            "melibatkan ahli dan relawan dalam kajian risiko, membangun dan merawat sistem peringatan dini, "
            "melatih kader posyandu dalam pertolongan pertama, serta menyiapkan lumbung pangan di tiap RW dan "
            "menyusun daftar warga rentan beserta pendamping mereka masing-masing di setiap rukun tetangga.")
    found = _items(text)
    assert ("Solution", "melibatkan ahli dan relawan dalam kajian risiko") in found
    assert ("Solution", "membangun dan merawat sistem peringatan dini") in found
    assert ("Solution", "menyiapkan lumbung pangan di tiap RW") in found  # the last part splits at its "dan"
    assert len(found) == 6 and {k for k, _ in found} == {"Solution"}


def test_what_must_be_done_is_a_measure_and_what_people_must_endure_is_not() -> None:
    assert _items("Selain itu, juga harus ada posko pengaduan di setiap kecamatan.") == [
        ("Solution", "harus ada posko pengaduan di setiap kecamatan")]
    assert _items("Pemeliharaan pintu air harus ditingkatkan sebelum musim hujan.") == [
        ("Solution", "Pemeliharaan pintu air harus ditingkatkan sebelum musim hujan")]
    # "harus" before an active verb tells what people had to do: no measure.
    assert not [k for k, _ in _items("Warga bantaran kali harus mengungsi ke sekolah terdekat.") if k == "Solution"]


@pytest.mark.parametrize(("text", "issue"), [
    ("“Kurangnya petugas kebersihan membuat sampah menumpuk,” kata lurah.",
     "Kurangnya petugas kebersihan membuat sampah menumpuk"),
    ('"Minimnya anggaran pemeliharaan jadi masalah," ujarnya.', "Minimnya anggaran pemeliharaan jadi masalah"),
    ("Lurah mengatakan, “Pompa di RW 05 sering mati saat hujan deras dan tidak berfungsi,” jelasnya.",
     "Pompa di RW 05 sering mati saat hujan deras dan tidak berfungsi"),
])
def test_a_quoted_problem_is_the_quotation_without_its_attribution(text: str, issue: str) -> None:
    assert _items(text) == [("Issue", issue)]


def test_the_way_a_measure_can_be_done_is_the_measure() -> None:
    text = "Upaya pencegahan bisa kita lakukan dengan menormalisasi saluran yang tersumbat sampah."
    assert _items(text) == [("Solution", "menormalisasi saluran yang tersumbat sampah")]


@pytest.mark.parametrize(("text", "issue"), [
    ("Koordinasi antar dinas saat banjir masih tidak optimal.",
     "Koordinasi antar dinas saat banjir masih tidak optimal"),
    ("Menurut camat, instruksi yang kurang jelas membuat petugas bekerja sendiri-sendiri.",
     "instruksi yang kurang jelas membuat petugas bekerja sendiri-sendiri"),
    ("The drains in the market area are poorly maintained.", "The drains in the market area are poorly maintained"),
])
def test_a_service_that_falls_short_is_an_issue(text: str, issue: str) -> None:
    assert _items(text) == [("Issue", issue)]
