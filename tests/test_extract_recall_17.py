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


def test_a_disaster_agency_unit_before_its_agency_is_one_actor() -> None:
    # TRC (rapid response team) and Pusdalops PB (operations centre) are units every BPBD has.
    text = ("Rapat diikuti instansi terkait, TRC BPBD Kab. Kebumen, dan swasta. Budi dari Pusdalops PB "
            "BPBD Provinsi Jawa Tengah memandu simulasi.")
    got = names(text)
    assert "TRC BPBD Kab. Kebumen" in got, got
    assert "Pusdalops PB BPBD Provinsi Jawa Tengah" in got, got


def test_a_state_university_written_by_its_short_form_is_an_academic_actor() -> None:
    text = "Lokakarya dihadiri Bappeda Kota Kupang, Undana Kupang, Politani Kupang, serta Unsrat."
    got = by_name(text)
    for name in ("Undana Kupang", "Politani Kupang", "Unsrat"):
        assert name in got, list(got)
        assert got[name].sector == "AcademicInstitution"


def test_a_name_broken_after_its_short_form_in_brackets_goes_on_in_the_next_line() -> None:
    # A copied page breaks one line inside a sentence, right after "(Pemprov)".
    text = ("Direktur RSUD Harapan, Budi, mengatakan rumah sakit ini menjadi rujukan bagi panti milik "
            "Pemerintah Provinsi (Pemprov)\nJawa Tengah. Pemprov Jawa Tengah menyiapkan anggaran.")
    got = names(text)
    assert "Pemerintah Provinsi Jawa Tengah" in got, got
    assert "Pemerintah Provinsi" not in got, got


def test_a_headline_that_ends_on_a_short_form_is_not_joined_to_the_lead() -> None:
    text = ("Banjir Rendam Tiga Desa, Warga Mengungsi ke Posko Badan Penanggulangan Bencana Daerah (BPBD)\n"
            "KEBUMEN - Hujan deras merendam tiga desa di Kabupaten Kebumen.")
    assert not any("KEBUMEN" in n for n in names(text)), names(text)


def test_a_government_named_before_a_second_region_ends_at_its_own_region() -> None:
    # "Pemda Aceh Utara dan Kota Lhokseumawe": two regions' governments, the second by its place.
    text = "Penandatanganan disaksikan para dosen, Pemkab Aceh Utara dan Kota Lhokseumawe, serta warga."
    got = names(text)
    assert "Pemkab Aceh Utara" in got, got
    assert "Pemerintah Kota Lhokseumawe" in got, got
    assert not any(" dan " in n for n in got), got


def test_a_field_after_dan_stays_in_a_dinas_name() -> None:
    text = "Rapat dihadiri Dinas Pertanian dan Ketahanan Pangan Kabupaten Kebumen."
    assert names(text) == ["Dinas Pertanian dan Ketahanan Pangan Kabupaten Kebumen"], names(text)


def test_indonesia_s_own_government_is_an_actor_as_a_foreign_one_is() -> None:
    text = "Program ini mendukung komitmen Pemerintah Indonesia dan Pemerintah Jepang terkait iklim."
    got = names(text)
    assert "Pemerintah Republik Indonesia" in got, got
    assert "Pemerintah Jepang" in got, got
