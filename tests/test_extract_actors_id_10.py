"""Indonesian names of bodies, round 10: error classes of actor recall and precision seen on real
Indonesian pages (issue 20). Each test is a short made-up passage in the style of a class, with
what a reviewer expects to see drafted. No body named here is in a rule table: the rules read the
kinds of body (community bodies every kelurahan has, a district's government, a council's
commission, a kelurahan's office, a regional secretary's post)."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import actors_by_name as by_name

# --- 1. community bodies listed by their short forms -----------------------------------------------


def test_community_bodies_listed_bare_are_actors() -> None:
    # LMK, FKDM, PKK and Karang Taruna are bodies every kelurahan has: a list of who attended
    # writes them bare, beside collectives (RT, RW, warga) that are no actor.
    text = ("Sebanyak 30 peserta dari unsur aparatur kelurahan, pengurus RT, RW, LMK, FKDM, PKK dan "
            "Karang Taruna, Senin (3/2), mengikuti pelatihan yang digelar BPBD Kota Bogor.")
    got = by_name(text)
    assert {"LMK", "FKDM", "PKK", "Karang Taruna"} <= set(got), list(got)
    assert all(got[n].sector == "CivilSocietyOrganization" for n in ("LMK", "FKDM", "PKK", "Karang Taruna"))
    assert not {"RT", "RW"} & set(got), list(got)


def test_a_community_body_named_with_its_team_or_village_keeps_the_whole_name() -> None:
    text = ("Ketua TP PKK Kota Bogor membuka lomba, didampingi Karang Taruna Desa Mekar Sari.")
    got = names(text)
    assert "TP PKK Kota Bogor" in got, got
    assert "Karang Taruna Desa Mekar Sari" in got, got
    assert "PKK" not in got and "Karang Taruna" not in got, got


def test_the_cadres_of_a_community_body_are_people_not_the_body() -> None:
    text = "Sosialisasi diberikan kepada para kader PKK, dasa wisma, dan warga oleh DLH Kota Bogor."
    assert "PKK" not in names(text), names(text)


# --- 2. a district's government and a kelurahan's office -------------------------------------------


def test_a_district_government_is_an_actor_in_either_case() -> None:
    text = ("BPBD Kabupaten Klaten bersinergi dengan Pemerintah Kecamatan Sukamaju menyelenggarakan "
            "pelatihan. Rapat lanjutan pemerintah Kecamatan Cakrawala bersama para Ketua RW digelar Senin.")
    got = by_name(text)
    assert "Pemerintah Kecamatan Sukamaju" in got, list(got)
    assert "Kecamatan Cakrawala" in got, list(got)  # (the quote keeps "pemerintah")
    assert got["Pemerintah Kecamatan Sukamaju"].sector == "GovernmentAgency"


def test_a_kelurahan_office_names_the_kelurahan_not_the_building() -> None:
    # "di aula Kantor Kelurahan X": the event is in the kelurahan's own house, so the kelurahan
    # (the body) is drafted; "Kantor Camat Y" is the kecamatan's.
    text = ("Sosialisasi digelar Dinas Kominfo Kota Bogor di aula Kantor Kelurahan Sukamaju, Kecamatan "
            "Cakrawala. Rapat berikutnya di Kantor Camat Cakrawala.")
    got = by_name(text)
    assert "Kelurahan Sukamaju" in got, list(got)
    assert "Kecamatan Cakrawala" in got, list(got)
    assert got["Kelurahan Sukamaju"].sector == "GovernmentAgency"
    assert not [n for n in got if n.startswith(("Kantor", "aula"))], list(got)


def test_a_kelurahan_named_as_a_place_is_still_no_actor() -> None:
    text = "Banjir merendam Kelurahan Sukamaju dan Kecamatan Cakrawala sejak Senin pagi."
    assert not names(text), names(text)


# --- 3. a council's commission -----------------------------------------------------------------


def test_a_lettered_commission_is_one_unit_with_its_council() -> None:
    text = "Komisi B DPRD Provinsi Jambi menerima laporan dari jajaran Dinas Sosial, Selasa."
    got = names(text)
    assert "Komisi B DPRD Provinsi Jambi" in got, got
    assert "Komisi B" not in got, got


def test_a_commission_in_lower_case_is_one_unit_with_its_council() -> None:
    text = "Hadir Dinas Perhubungan, BPBD, dan PT Sinar Jaya. Hadir pula komisi III DPRD Kota Bogor."
    got = names(text)
    assert any(n.lower() == "komisi iii dprd kota bogor" for n in got), got


def test_a_council_named_by_its_region_ends_before_its_member() -> None:
    # "Anggota Komisi IV DPRD Sumbar Rafi, ...": the council is named by its region alone, so the
    # word after the region is the member's name.
    text = "Anggota Komisi IV DPRD Sumbar Rafi, meminta penjelasan kepada BPBD Sumbar."
    got = names(text)
    assert "Komisi IV DPRD Sumbar" in got, got
    assert not [n for n in got if "Rafi" in n], got


# --- 4. a university's body named with its short form, then the university ---------------------------


def test_a_university_unit_after_its_short_form_keeps_the_university() -> None:
    text = ("Hadir Ketua Lembaga Penelitian dan Pengabdian Masyarakat (LPPM) Unhas, Prof. Budi, dan "
            "Ketua Pusat Penelitian dan Pengembangan (Puslitbang) Kebencanaan Unhas.")
    got = by_name(text)
    assert "Lembaga Penelitian dan Pengabdian Masyarakat Unhas" in got, list(got)
    assert "Pusat Penelitian dan Pengembangan Kebencanaan Unhas" in got, list(got)
    assert got["Lembaga Penelitian dan Pengabdian Masyarakat Unhas"].sector == "AcademicInstitution"


# --- 5. a regional secretary's post --------------------------------------------------------------


def test_a_regional_secretary_with_a_region_makes_the_government_an_actor() -> None:
    # Annotation guide, rule 11: the Sekda is the regional government's own official.
    text = ("Bantuan diterima oleh Sekretaris Daerah Kabupaten Trenggalek Edi Santoso, Jumat. "
            "Rapat lanjutan dipimpin Plh Sekda Provinsi Banten, Virgo Hartanto.")
    got = by_name(text)
    assert "Pemerintah Kabupaten Trenggalek" in got, list(got)
    assert "Pemerintah Provinsi Banten" in got, list(got)


def test_a_regional_secretary_only_mentioned_or_without_a_region_names_no_government() -> None:
    # (As for a head's post, a comma after the region reads as a list of those present: not tested.)
    text = "Sesuai instruksi Sekda Provinsi Banten tentang posko, BPBD bersiaga. Sekda Budi Santoso membuka rapat."
    got = names(text)
    assert not [n for n in got if n.startswith("Pemerintah")], got


def test_a_commission_named_bare_and_with_its_council_is_one_actor() -> None:
    text = ("Komisi D (bidang pembangunan) DPRD Provinsi Jambi menggelar rapat kerja. Hadir Koordinator "
            "Komisi D Budi. Pimpinan Komisi D DPRD Provinsi Jambi memperkenalkan diri.")
    got = [n for n in names(text) if n.startswith("Komisi")]
    assert got == ["Komisi D DPRD Provinsi Jambi"], got


def test_commissions_of_two_councils_stay_two_actors() -> None:
    text = "Komisi V DPR RI berkunjung ke Surabaya. Hadir pula Komisi V DPRD Jawa Timur."
    got = names(text)
    assert {"Komisi V DPR RI", "Komisi V DPRD Jawa Timur"} <= set(got), got


# --- 6. a tally after a name --------------------------------------------------------------------


def test_a_tally_after_each_name_is_no_word_of_it() -> None:
    text = ('"Usulan fisik didominasi Sudin SDA 27 usulan, Sudin Bina Marga 15 usulan, dan Sudis '
            'Pendidikan 1 usulan," ujarnya. Siswa SMP Negeri 2 ikut.')
    got = names(text)
    assert {"Sudin SDA", "Sudin Bina Marga", "Sudis Pendidikan"} <= set(got), got
    assert "SMP Negeri 2" in got, got
