"""Error classes of actor recognition seen on reports the rules were not written for (issue 20,
sections 3 and 4): each test is a short made-up passage in the style of a class, with what a
reviewer expects to see drafted. None of the names here is in a rule table: the rules are general."""

from __future__ import annotations

import pytest
from helpers.extraction import found

from resilience_kg.extract.regions import is_place


def quotes(text: str) -> dict[str, str]:
    """Each mention's quoted text and its sector."""
    return {text[m.start:m.end]: (m.sector or "") for m in found(text)}


def names(text: str) -> set[str]:
    return {m.name for m in found(text)}


# --- 1. regional stations and offices of national bodies -----------------------------------------


def test_weather_stations_and_numbered_regional_offices_are_one_actor_with_their_place() -> None:
    text = ("Rapat diikuti Stasiun Klimatologi Banjarbaru, Stasiun Geofisika Kepahiang Bengkulu, "
            "BBMKG Wilayah III Denpasar, KPH Bulusaraung II dan Perum Perhutani.")
    got = quotes(text)
    assert got["Stasiun Klimatologi Banjarbaru"] == "GovernmentAgency"
    assert got["Stasiun Geofisika Kepahiang Bengkulu"] == "GovernmentAgency"
    assert got["BBMKG Wilayah III Denpasar"] == "GovernmentAgency"
    assert got["KPH Bulusaraung II"] == "GovernmentAgency"
    assert "Perum Perhutani" in got


def test_a_railway_station_is_no_actor() -> None:
    assert "Stasiun Manggarai" not in quotes("Peserta berkumpul di Stasiun Manggarai bersama Dinas Perhubungan.")


def test_a_short_form_with_the_ending_of_a_full_name_is_that_body() -> None:
    text = ("Hadir Balai Wilayah Sungai Kalimantan III dan BPBD Kota Samarinda. "
            "BWS Kalimantan III memaparkan rencana normalisasi.")
    bws = [m for m in found(text) if "Kalimantan III" in m.name]
    assert {m.name for m in bws} == {"Balai Wilayah Sungai Kalimantan III"}
    assert len(bws) == 2  # two mentions of one actor


# --- 2. police commands with their area ----------------------------------------------------------


@pytest.mark.parametrize("command", ["Polres Metro Jakarta Selatan", "Polda Kalbar", "Polsek Cilandak",
                                     "Polrestabes Makassar", "Kepolisian Sektor Menteng"])
def test_police_commands_are_government_bodies_named_with_their_area(command: str) -> None:
    text = f"Koordinasi pengamanan melibatkan {command} dan Dinas Perhubungan."
    assert quotes(text).get(command) == "GovernmentAgency"


# --- 3. organisations without a head noun ----------------------------------------------------------


def test_the_organisation_column_of_an_attendance_table_names_bodies_and_the_post_column_none() -> None:
    text = ("DAFTAR HADIR\n"
            "No | Nama | Jabatan | Instansi\n"
            "1 | Budi Santoso | Kepala Seksi Operasi | BPBD Kota Bogor\n"
            "2 | Rina Wati | Manajer Wilayah | Gojek\n"
            "3 | Ahmad Yani | Staf | Yayasan Air Bogor\n")
    got = quotes(text)
    assert "Gojek" in got and got["Gojek"] == "PrivateCompany"
    assert "Seksi Operasi" not in got  # a unit named in a post is the post's, not an attendee
    assert "Yayasan Air Bogor" in got


def test_a_tab_separated_table_cell_ends_the_name() -> None:
    text = ("No.\tNama\tInstansi\tMateri\n"
            "1.\tDr. Sari\tFakultas Teknik UNHAS\tKajian longsor\n"
            "2.\tAndi\tTokopedia\tLogistik bantuan\n")
    got = quotes(text)
    assert "Fakultas Teknik UNHAS" in got
    assert "Tokopedia" in got
    assert not any("\t" in q for q in got)


def test_a_one_word_list_member_that_proposes_elsewhere_is_a_body() -> None:
    text = ("Rapat diikuti BPBD Kota Medan, Dinas Kesehatan Kota Medan, Grab, Bappeda Kota Medan dan Housing. "
            "Grab menawarkan armada untuk evakuasi warga lansia.")
    got = quotes(text)
    assert got.get("Grab") == "PrivateCompany"
    assert "Housing" not in got  # one capitalised word that does nothing is too weak a name


def test_post_first_items_under_speakers_and_sector_headings() -> None:
    text = ("Speakers\n- Chief executive, Kitabisa\n- Head of programmes, Rumah Zakat\n\n"
            "Dunia Usaha:\n- Sinar Mas Land\n\nPeserta:\n- Associate Director\n- Provincial\n")
    got = quotes(text)
    assert "Kitabisa" in got and "Rumah Zakat" in got
    assert got["Sinar Mas Land"] == "PrivateCompany"
    assert "Associate Director" not in got and "Provincial" not in got


def test_english_descriptors_name_community_groups() -> None:
    text = "The clean-up group Trash Hero Bali and the hotel association PHRI Lombok joined the audit."
    got = quotes(text)
    assert got.get("Trash Hero Bali") == "CivilSocietyOrganization"
    assert got.get("PHRI Lombok") == "CivilSocietyOrganization"


# --- 4. university research centres and faculties -------------------------------------------------


def test_research_centres_of_universities_are_academic_and_keep_their_full_name() -> None:
    text = ("Hadir Pusat Penelitian Lingkungan Hidup Universitas Andalas, the Hasanuddin University Disaster "
            "Studies Centre, Tohoku University's International Research Institute of Disaster Science, the "
            "Centre for Climate Studies of Universitas Diponegoro (PSI Undip) and the Faculty of Engineering, "
            "Universitas Brawijaya.")
    got = quotes(text)
    assert got["Pusat Penelitian Lingkungan Hidup Universitas Andalas"] == "AcademicInstitution"
    assert got["Hasanuddin University Disaster Studies Centre"] == "AcademicInstitution"
    assert got["Tohoku University's International Research Institute of Disaster Science"] == "AcademicInstitution"
    assert got["Centre for Climate Studies of Universitas Diponegoro (PSI Undip)"] == "AcademicInstitution"
    assert got["Faculty of Engineering, Universitas Brawijaya"] == "AcademicInstitution"


def test_a_word_of_a_centre_s_name_spelled_in_its_short_form_is_no_parent() -> None:
    text = "Hadir Pusat Kajian Kota dan Komunitas Tangguh (PKKKT) Universitas Hasanuddin dalam rapat."
    got = quotes(text)
    assert "Komunitas Tangguh" not in got
    assert got["Pusat Kajian Kota dan Komunitas Tangguh (PKKKT) Universitas Hasanuddin"] == "AcademicInstitution"


# --- 5. English names with a city or province adjective --------------------------------------------


def test_english_names_with_a_city_adjective_end_at_their_head() -> None:
    text = ("Attendees included the Kupang City Public Works and Spatial Planning Office and Nusa Cendana "
            "University, and the Lombok Provincial Health Agency and Lombok's hospitals.")
    got = names(text)
    assert "Kupang City Public Works and Spatial Planning Office" in got
    assert "Lombok Provincial Health Agency" in got
    assert not any(n.endswith(("and Nusa Cendana", "Lombok's")) for n in got)


def test_a_chapter_of_a_national_body_is_the_regional_branch() -> None:
    text = "The drill was supported by the Surabaya chapter of the Indonesian Red Cross and local schools."
    assert "Surabaya chapter of the Indonesian Red Cross" in names(text)
    assert "Indonesian Red Cross" not in names(text)


# --- 6. community and customary groups --------------------------------------------------------------


def test_community_groups_cooperatives_and_churches() -> None:
    text = ("Hadir Kelompok Tani Sumber Rejeki, Koperasi Nelayan Mina Bahari, Masyarakat Peduli Api Desa Sungai "
            "Rambut, Gereja Masehi Injili di Timor dan the Evangelical Church of Sumba (GKS).")
    got = quotes(text)
    for quote in ("Kelompok Tani Sumber Rejeki", "Koperasi Nelayan Mina Bahari",
                  "Masyarakat Peduli Api Desa Sungai Rambut", "Evangelical Church of Sumba (GKS)"):
        assert got.get(quote) == "CivilSocietyOrganization", quote


def test_a_name_after_a_bracketed_short_form_that_the_text_repeats_with_it() -> None:
    text = ("Hadir Lembaga Adat Suku (LAS) Malamoi dan BPBD Kabupaten Sorong. "
            "Ketua LAS Malamoi menyampaikan kondisi kampung.")
    assert quotes(text).get("Lembaga Adat Suku (LAS) Malamoi") == "CivilSocietyOrganization"


# --- 7. regional branches -----------------------------------------------------------------------


def test_a_province_written_short_stays_in_the_name_and_ends_it() -> None:
    assert is_place("NTT") is not None and is_place("Kalbar") is not None
    text = "Rapat diikuti BPBD Provinsi NTT, Sub Bidang Data BMKG Kalbar dan Pusdatin Provinsi Jawa Tengah."
    got = quotes(text)
    assert "BPBD Provinsi NTT" in got
    assert "Sub Bidang Data BMKG Kalbar" in got


def test_the_place_after_a_bracketed_expansion_or_short_form_is_the_body_s() -> None:
    text = ("Hadir BPBD (Badan Penanggulangan Bencana Daerah) Kabupaten Tapin dan Pemerintah Kabupaten (Pemkab) "
            "Batang.")
    got = names(text)
    assert "Badan Penanggulangan Bencana Daerah Kabupaten Tapin" in got
    assert "Pemerintah Kabupaten Batang" in got


# --- 8. units with their parent -------------------------------------------------------------------


def test_a_numbered_commission_is_a_unit_of_its_parliament() -> None:
    text = "Rapat dengar pendapat dengan Komisi III DPRD Tapin membahas anggaran."
    commission = next(m for m in found(text) if m.name.startswith("Komisi"))
    assert commission.name == "Komisi III DPRD Tapin"
    assert commission.parent_span is not None


# --- 9. false positives ---------------------------------------------------------------------------


def test_bodies_inside_a_collective_venues_and_contact_lines_are_no_actors() -> None:
    text = ("Rapat di Halaman Kantor Gubernur Jawa Tengah diikuti unsur pemerintah, TNI/Polri dan relawan.\n"
            "Media contact: Public Relations Office, Universitas Diponegoro\n")
    got = quotes(text)
    assert not {"TNI", "Polri", "Kantor Gubernur Jawa Tengah", "Public Relations Office"} & set(got)


def test_a_listed_company_s_suffix_starts_no_second_name() -> None:
    text = "Hadir PT Indosat (Persero) Tbk Area Sumatera Selatan dan BPBD Provinsi Sumatera Selatan."
    assert not any(n.startswith("Tbk") for n in names(text))


def test_two_bodies_joined_after_a_place_are_two() -> None:
    text = "Nota kesepahaman ditandatangani Pemprov NTB dan Unram di Mataram."
    assert not any(" dan " in n for n in names(text))


# --- 10. sectors -----------------------------------------------------------------------------------


def test_a_foreign_red_cross_society_is_international_and_its_english_name_is_an_alias() -> None:
    text = "Pelatihan didukung Palang Merah Belanda (Netherlands Red Cross) dan PMI Kota Bima."
    red_cross = next(m for m in found(text) if m.name == "Palang Merah Belanda")
    assert red_cross.sector == "InternationalOrganization"
    assert red_cross.acronym == "Netherlands Red Cross"


def test_a_network_of_an_intergovernmental_body_is_international() -> None:
    assert quotes("Hadir ASEAN Disaster Resilience Network (ADRN) dalam diskusi.").get(
        "ASEAN Disaster Resilience Network (ADRN)") == "InternationalOrganization"


def test_an_english_institute_named_with_its_short_form_is_civil_society() -> None:
    assert quotes("Hadir Kota Kita Institute (KKI) dalam diskusi.").get("Kota Kita Institute (KKI)") == \
        "CivilSocietyOrganization"


@pytest.mark.parametrize(("full", "short"), [
    ("Pemerintah Provinsi Nusa Tenggara Barat", "Pemprov NTB"),
    ("Suku Dinas Sumber Daya Air Kota Administrasi Jakarta Timur", "Suku Dinas SDA"),
    ("Dinas Pekerjaan Umum Kota Palu", "Dinas PU"),
])
def test_a_short_form_after_the_full_name_is_the_same_actor(full: str, short: str) -> None:
    text = f"Rapat dihadiri {full} dan relawan. Selanjutnya {short} memaparkan rencana kerja."
    mentions = [m for m in found(text) if m.name in (full, short)]
    assert [m.name for m in mentions] == [full, full]


def test_the_same_head_in_another_region_is_another_body() -> None:
    text = "Rapat dihadiri BPBD Kota Bogor. Selanjutnya BPBD Kabupaten Bogor memaparkan rencana kerja."
    assert {"BPBD Kota Bogor", "BPBD Kabupaten Bogor"} <= names(text)


def test_a_unit_of_a_unit_of_a_ministry_is_one_actor_with_the_ministry_as_parent() -> None:
    text = "Hadir Balai Besar Wilayah Sungai Citarum Ditjen SDA Kementerian PUPR dan BPBD Kabupaten Bandung."
    got = names(text)
    assert "Balai Besar Wilayah Sungai Citarum Ditjen SDA Kementerian PUPR" in got
    assert not any(n.startswith("Ditjen") for n in got)


def test_a_camel_case_list_member_is_a_brand_and_a_bare_village_is_a_place() -> None:
    text = "Rapat diikuti BPBD Kota Medan, Dinas Kesehatan Kota Medan, GoLink, Bappeda Kota Medan dan Kapuk."
    got = quotes(text)
    assert got.get("GoLink") == "PrivateCompany"
    assert "Kapuk" not in got


def test_an_html_attendance_table_keeps_its_columns(tmp_path) -> None:
    from resilience_kg.extract import read_source

    page = tmp_path / "notulen.html"
    page.write_text("<html><body><main><h1>Notulen rapat</h1><p>Daftar hadir:</p><table>"
                    "<tr><th>Nama</th><th>Jabatan</th><th>Instansi</th></tr>"
                    "<tr><td>Budi</td><td>Kepala Seksi Logistik</td><td>Gojek</td></tr>"
                    "<tr><td>Ani</td><td>Staf</td><td>BPBD Kota Bogor</td></tr>"
                    "</table><p>Rapat selesai pukul 12.00.</p></main></body></html>", encoding="utf-8")
    text = read_source(page).text
    assert "| Budi | Kepala Seksi Logistik | Gojek |" in text
    got = quotes(text)
    assert "Gojek" in got and "BPBD Kota Bogor" in got
    assert "Seksi Logistik" not in got


def test_an_organisation_column_named_in_several_words() -> None:
    text = ("No | Nama Lengkap | Jabatan/Posisi | Asal Instansi\n"
            "1 | Sari | Kepala Seksi Data | Traveloka\n"
            "2 | Budi | Staf | Dinas Sosial Kota Bogor\n\nRapat selesai.")
    got = quotes(text)
    assert "Traveloka" in got and "Dinas Sosial Kota Bogor" in got
    assert "Seksi Data" not in got


def test_the_office_building_of_a_regional_head_is_a_venue() -> None:
    text = "Rapat bertempat di Ruang Rapat Lantai 3 Kantor Wali Kota Palopo, dihadiri BPBD Kota Palopo."
    got = quotes(text)
    assert "BPBD Kota Palopo" in got
    assert not any(q.startswith("Kantor Wali Kota") for q in got)
