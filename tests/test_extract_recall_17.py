"""Indonesian actor recall, round 17 (issue 20): classes of bodies written in unusual forms that
unseen real pages name (a body's headline name then its name with its place, a river basin
office, a regional special hospital, a Perumdam, a city whose name the text spaces otherwise than
the region list). Each test is a made-up passage with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import actors_by_name as by_name

from resilience_kg.extract.regions import is_place


def test_a_headline_body_then_the_body_with_its_region_is_named_with_its_region() -> None:
    # The headline drops the place the dateline and the lead give: one body, named in full.
    text = ("Banjir Meluas, Dinas Sosial Bentuk Tim Relawan\n\n"
            "KEBUMEN - Dinas Sosial (Dinsos) Kabupaten Kebumen membentuk tim relawan untuk warga "
            "terdampak banjir. Tim itu bekerja bersama warga.")
    got = names(text)
    assert "Dinas Sosial Kabupaten Kebumen" in got, got
    assert "Dinas Sosial" not in got, got


def test_a_bare_body_without_a_region_after_it_keeps_its_name() -> None:
    text = "Dinas Sosial membuka posko pengungsian. Dinas Sosial juga membagikan makanan."
    assert names(text) == ["Dinas Sosial"], names(text)


def test_a_river_basin_office_keeps_its_number_and_region_after_its_short_form() -> None:
    # "Balai Wilayah Sungai (BWS) V Sulbar": the fifth river basin office, in Sulawesi Barat.
    text = "Komisi III DPRD Sulbar menggelar rapat bersama Balai Wilayah Sungai (BWS) V Sulbar di Mamuju."
    got = names(text)
    assert "Balai Wilayah Sungai V Sulbar" in got, got
    assert "Balai Wilayah Sungai" not in got, got


def test_a_river_basin_office_keeps_its_basin_after_its_short_form() -> None:
    text = "Rapat dihadiri Balai Besar Wilayah Sungai (BBWS) Sungai Harapan dan BPBD Kabupaten Kebumen."
    got = names(text)
    assert "Balai Besar Wilayah Sungai Sungai Harapan" in got, got
    assert "BPBD Kabupaten Kebumen" in got, got


def test_a_roman_numeral_with_no_region_after_a_short_form_is_no_part_of_the_name() -> None:
    text = "Hadir Badan Pengelola Kawasan (BPK) I dan Dinas Sosial."
    assert not any(n.endswith(" I") for n in names(text)), names(text)


def test_a_regional_special_hospital_named_by_its_place_is_an_actor() -> None:
    text = ("Komisi E DPRD Kabupaten Kebumen berkunjung ke Rumah Sakit Khusus Daerah (RSKD) Karang "
            "Asri. Direktur RSKD Karang Asri, Budi Santoso, mengatakan layanan akan ditambah.")
    got = by_name(text)
    assert "Rumah Sakit Khusus Daerah Karang Asri" in got, list(got)
    assert got["Rumah Sakit Khusus Daerah Karang Asri"].sector == "GovernmentAgency"


def test_a_perumdam_named_after_its_water_is_a_regional_enterprise() -> None:
    # Perumdam: the BUMD law's name for a PDAM (Perusahaan Umum Daerah Air Minum).
    text = "Jaringan baru ini hasil kerja Perumdam Tirta Harapan dalam melayani warga."
    got = by_name(text)
    assert "Perumdam Tirta Harapan" in got, list(got)
    assert got["Perumdam Tirta Harapan"].sector == "RegionalEnterprise"
    assert "Perumdam" not in got, list(got)


def test_a_city_is_a_place_however_its_name_is_spaced() -> None:
    # The region list writes "Palangkaraya" and "Bukittinggi"; the cities' own sites space them.
    assert is_place("Palangka Raya") is not None
    assert is_place("Bukit Tinggi") is not None
    assert is_place("Kota Palangka Raya") is not None
    assert is_place("Kota Baru") is None  # a town's "new town", not the regency Kotabaru


def test_a_national_body_with_a_city_spaced_otherwise_is_its_office_there() -> None:
    text = "Apel siaga diikuti Basarnas Palangka Raya, BPBD dan TNI."
    assert "Basarnas Palangka Raya" in names(text), names(text)
