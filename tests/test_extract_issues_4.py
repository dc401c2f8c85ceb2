"""Classes of issues as news of real meetings states them (issue 20, round three), each on a
made-up passage: the class found, and its near miss left alone."""

from __future__ import annotations

import pytest
from helpers.statements import jakarta_pillar

from resilience_kg.extract.recognise.enumerations import find_items


def _issues(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


@pytest.mark.parametrize(("text", "issue"), [
    # A forecast hazard: the outlook the meeting prepares for.
    ("Kepala BPBD menyampaikan bahwa puncak musim kemarau diprediksi terjadi pada bulan Agustus.",
     "puncak musim kemarau diprediksi terjadi pada bulan Agustus"),
    # A hazard a place may bring.
    ("Menurut kepala dinas, lereng di desa itu berpotensi longsor bila hujan turun berhari-hari.",
     "lereng di desa itu berpotensi longsor bila hujan turun berhari-hari"),
    # A hazard that comes again and again.
    ("Wilayah pesisir utara kerap dilanda banjir rob saat pasang tinggi.",
     "Wilayah pesisir utara kerap dilanda banjir rob saat pasang tinggi"),
    # English: a hazard expected.
    ("The district office said heavy rain is expected to continue until the end of the month.",
     "heavy rain is expected to continue until the end of the month"),
])
def test_a_hazard_forecast_or_recurring_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Kabupaten ini memiliki potensi wisata alam yang besar di kawasan pegunungan.",  # a potential, no hazard
    "Peserta rapat diperkirakan mencapai dua ratus orang dari seluruh kecamatan.",  # a forecast of no hazard
    "Pertemuan ini kerap dihadiri para kepala desa dan tokoh masyarakat setempat.",  # often, but nothing harms
    # The hazard is what the body works against: the aim of the effort, not a problem raised.
    "BPBD terus memperkuat kerja sama dengan kampus demi mengurangi potensi bencana di wilayahnya.",
])
def test_a_forecast_or_a_potential_of_no_hazard_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    ("Sebanyak dua ribu keluarga di tiga kecamatan masih dilanda krisis air bersih.",
     "dua ribu keluarga di tiga kecamatan masih dilanda krisis air bersih"),
    ("Dinas Kesehatan mencatat empat kelurahan masih berstatus endemis DBD.",
     "empat kelurahan masih berstatus endemis DBD"),
    ("Relawan di posko mengaku kewalahan melayani pengungsi pada malam hari.",
     "kewalahan melayani pengungsi pada malam hari"),
    ("The coordinator noted a shortage of trained volunteers in the upland villages.",
     "shortage of trained volunteers in the upland villages"),
])
def test_a_crisis_an_endemic_disease_or_a_shortage_is_an_issue(text: str, issue: str) -> None:
    assert any(issue in found for found in _issues(text)), _issues(text)


def test_a_forecast_reported_with_bahwa_after_an_unlisted_verb_starts_after_bahwa() -> None:
    text = ("Kepala dinas juga mengingatkan prakiraan Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) bahwa "
            "puncak musim hujan akan terjadi pada bulan Desember 2030. Kondisi ini diperparah oleh angin kencang "
            "yang diperkirakan berlangsung hingga Februari 2031.")
    found = _issues(text)
    assert "puncak musim hujan akan terjadi pada bulan Desember 2030" in found
    # The full stop after the year ends the first statement: the second is its own.
    assert any(f.startswith("Kondisi ini diperparah") for f in found), found


def test_a_degree_is_an_issue_only_of_a_harm() -> None:
    assert _issues("Kepala dinas menyampaikan bahwa angka kasus diare di tiga desa masih tergolong sangat tinggi.") == [
        "angka kasus diare di tiga desa masih tergolong sangat tinggi"]
    assert _issues("Antusiasme warga mengikuti kerja bakti di tiap dusun sangat tinggi.") == []


def test_the_time_of_a_measure_before_the_peak_is_no_forecast() -> None:
    assert _issues("Kapasitas gudang logistik ditambah sebelum puncak musim hujan tiba.") == []


@pytest.mark.parametrize(("text", "issue"), [
    ("“Kendalanya adalah jumlah petugas yang sedikit dibanding luas wilayah,” ujar camat.",
     "jumlah petugas yang sedikit dibanding luas wilayah"),
    ("Tantangannya adalah banyak warga yang enggan mengungsi.", "banyak warga yang enggan mengungsi"),
    ("Pendataan balita di tingkat desa menjadi salah satu kendala penurunan kasus gizi buruk.",
     "Pendataan balita di tingkat desa menjadi salah satu kendala penurunan kasus gizi buruk"),
])
def test_a_problem_a_speaker_names_in_a_quotation_or_as_one_of_several(text: str, issue: str) -> None:
    found = _issues(text)
    assert issue in found, found
    assert not any("ujar" in f for f in found)  # the attribution after the quotation is no item


# --- pillars -------------------------------------------------------------------------------------------


def test_an_item_exposed_to_a_hazard_is_under_the_hazards_pillar() -> None:
    text = "Aset yang didata:\n- terminal bus dan stasiun kereta di kawasan rawan banjir;\n"
    assert jakarta_pillar(text, "terminal bus dan stasiun kereta di kawasan rawan banjir") == "jakarta-siap"
    # Without the exposure, the assets' own words place it.
    text = "Aset yang didata:\n- terminal bus dan stasiun kereta yang belum terhubung;\n"
    assert jakarta_pillar(text, "terminal bus dan stasiun kereta yang belum terhubung") == "jakarta-terhubung"


@pytest.mark.parametrize(("item", "pillar"), [
    ("Kekeringan membuat warga kesulitan air bersih", "jakarta-sehat"),  # drought as a water shortage
    ("Kekeringan memicu kebakaran lahan di pinggir kota", "jakarta-siap"),  # drought as a hazard
    ("Kepadatan kendaraan pada puncak arus mudik di jalan tol", "jakarta-terhubung"),
    ("Cakupan imunisasi di posyandu masih rendah", "jakarta-sehat"),
])
def test_the_topics_of_real_reports_have_their_pillar(item: str, pillar: str) -> None:
    assert jakarta_pillar(item + ".", item) == pillar


@pytest.mark.parametrize(("text", "issue"), [
    # News drops "bahwa" after a verb of saying: the speaker introduces the item, it is no part of it.
    ("Kepala dinas mengatakan jumlah pengungsi di posko terus bertambah.", "jumlah pengungsi di posko terus bertambah"),
    ("Camat menyebutkan adanya pendangkalan saluran di tiga kelurahan.", "pendangkalan saluran di tiga kelurahan"),
    ("Sampah di gorong-gorong menjadi faktor utama genangan di jalan protokol.",
     "Sampah di gorong-gorong menjadi faktor utama genangan di jalan protokol"),
])
def test_a_cause_of_floods_or_a_harm_reported_without_bahwa(text: str, issue: str) -> None:
    assert issue in _issues(text), _issues(text)


def test_a_practice_that_goes_on_still_is_an_issue() -> None:
    text = "Lurah menyampaikan bahwa sebagian warga di bantaran masih membuang sampah ke kali."
    assert _issues(text) == ["sebagian warga di bantaran masih membuang sampah ke kali"]
    assert _issues("Rapat kemudian ditutup oleh sekretaris camat pada pukul dua siang.") == []
