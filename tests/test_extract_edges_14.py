"""The edges of a body's name (issue 20, round 14): a regency named after "Pemerintah" without its
level word, a country after a short form in brackets, a body's office building ("Kantor <body>")
at a venue's address, and a list of the regions a body serves inside its name. On real pages one
body drafted with the wrong edges costs a false actor and a missed one at once. Each passage is
made up; no local body named here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

# --- 1. "Pemerintah" and a regency's or a city's name, no level word --------------------------


def test_a_regency_of_two_words_after_pemerintah_is_its_government_not_the_province() -> None:
    # "Aceh" alone is the province (Pemerintah Aceh, a known name); "Aceh Besar" is a regency.
    text = "Pemerintah Aceh Besar menggelar rapat koordinasi gizi di aula Dinas Kesehatan."
    assert "Pemerintah Aceh Besar" in quotes(text)
    names = actor_names(text)
    assert "Pemerintah Kabupaten Aceh Besar" in names, names
    assert "Pemerintah Aceh" not in names, names


def test_the_government_named_with_and_without_its_level_word_is_one_actor() -> None:
    text = ("Pemerintah Sumba Timur menggelar rapat. Pemerintah Kabupaten Sumba Timur akan menyiapkan "
            "lumbung pangan.")
    names = actor_names(text)
    assert names.count("Pemerintah Kabupaten Sumba Timur") == 1, names


def test_a_name_that_is_a_regency_and_a_city_is_left_alone_and_the_province_stays() -> None:
    # "Bogor" is Kabupaten Bogor and Kota Bogor: the words do not say which government.
    assert "Pemerintah Bogor" not in quotes("Rapat dipimpin Pemerintah Bogor di aula.")
    assert "Pemerintah Aceh" in actor_names("Pemerintah Aceh menggelar rapat di Banda Aceh.")


# --- 2. a country after a short form in brackets -----------------------------------------------


def test_a_country_after_a_ministry_s_short_form_belongs_to_its_name() -> None:
    text = "Program ini didukung Kementerian Luar Negeri dan Perdagangan (KLNP) Selandia Baru sejak 2015."
    assert "Kementerian Luar Negeri dan Perdagangan (KLNP) Selandia Baru" in quotes(text)


def test_a_region_after_the_brackets_is_still_read_as_the_branch_s() -> None:
    text = "Hadir Dinas Lingkungan Hidup (DLH) Kota Bogor dan warga."
    assert "Dinas Lingkungan Hidup (DLH) Kota Bogor" in quotes(text)


# --- 3. "Kantor" before a body's name ----------------------------------------------------------


def test_a_body_s_office_at_a_venue_s_address_is_the_body() -> None:
    text = ("Badan Perencanaan Pembangunan Daerah (Bappeda) Provinsi Lampung menggelar rapat di Ruang "
            "Rapat Melati Lt.2, Kantor Bappeda Provinsi Lampung, Senin.")
    names = actor_names(text)
    assert not any(n.startswith("Kantor") for n in names), names
    assert len([n for n in names if "Bappeda" in n or "Perencanaan" in n]) == 1, names


def test_an_office_named_kantor_and_a_branch_office_keep_the_word() -> None:
    text = ("Rapat dihadiri Kantor Imigrasi Kelas I Ambon, Kantor Pertanahan Kota Bogor dan Kantor Wilayah "
            "Kementerian Agama.")
    got = quotes(text)
    assert "Kantor Imigrasi Kelas I Ambon" in got, got
    assert "Kantor Pertanahan Kota Bogor" in got, got
    assert "Kantor Wilayah Kementerian Agama" in got, got


def test_the_local_office_of_a_national_agency_keeps_the_word() -> None:
    # "Kantor Basarnas Ambon" is the national agency's office there: a branch, not its building.
    got = quotes("Rapat dihadiri BPBD Maluku, Kantor Basarnas Ambon dan Kantor Dinas Sosial Kota Ambon.")
    assert "Kantor Basarnas Ambon" in got, got
    assert "Dinas Sosial Kota Ambon" in got, got


def test_at_the_body_s_office_is_still_the_venue() -> None:
    # "di Kantor BPBD X" is where the event was: the venue rules read it, not this one.
    assert quotes("Rapat digelar di Kantor BPBD Natuna pada Senin.") == []


# --- 4. the regions a body serves, listed inside its name --------------------------------------


def test_a_list_of_regions_closed_by_the_short_form_is_one_name() -> None:
    text = ("Narasumber FGD: Kepala Badan Pengelola Transportasi Medan, Binjai, Deli Serdang dan Karo "
            "(Mebidangro); Direktur Jalan Tol.")
    got = quotes(text)
    assert "Badan Pengelola Transportasi Medan, Binjai, Deli Serdang dan Karo (Mebidangro)" in got, got
    assert "Badan Pengelola Transportasi Medan" not in got, got


def test_a_list_of_bodies_of_several_regions_is_still_several_bodies() -> None:
    text = "Hadir BPBD Kota Bogor, Depok dan Bekasi serta Dinas Sosial Jakarta, Bogor dan warga."
    got = quotes(text)
    assert "BPBD Kota Bogor" in got, got
    assert not any("," in q for q in got), got


# --- 5. a unit's fields listed with commas, its parent written out after them -------------------


def test_a_bureau_s_listed_fields_run_on_to_its_parent_written_out() -> None:
    text = ("Penandatanganan difasilitasi Biro Hukum, Tata Laksana dan Kerja Sama Sekretariat Daerah "
            "Provinsi Contoh Raya di aula.")
    got = quotes(text)
    assert "Biro Hukum, Tata Laksana dan Kerja Sama Sekretariat Daerah Provinsi Contoh Raya" in got, got
    assert "Tata Laksana" not in got, got


def test_bodies_listed_with_their_heads_are_still_several() -> None:
    got = quotes("Hadir Dinas Sosial, Dinas Kesehatan dan Badan Pusat Statistik.")
    assert got == ["Dinas Sosial", "Dinas Kesehatan", "Badan Pusat Statistik"], got


# --- 6. one body named two ways ----------------------------------------------------------------


def test_a_university_and_its_un_short_form_are_one_actor() -> None:
    text = "Kerja sama Universitas Kartanegara dan pemerintah daerah. Rektor Unkartan menandatangani naskah."
    names = actor_names(text)
    assert "Universitas Kartanegara" in names, names
    assert "Unkartan" not in names, names


def test_two_universities_whose_names_start_alike_stay_two() -> None:
    text = "Hadir Universitas Tamalanrea, Universitas Tanjung Contoh dan UNTAM."
    names = actor_names(text)
    assert "Universitas Tamalanrea" in names and "Universitas Tanjung Contoh" in names, names
    assert "UNTAM" not in names, names


def test_a_body_of_a_regency_written_short_is_the_body_written_in_full() -> None:
    text = ("Rapat dengar pendapat DPRD Barito Utara membahas air bersih. Komisi B DPRD Barut meminta "
            "PDAM memperbaiki pipa.")
    names = actor_names(text)
    assert "DPRD Barito Utara" in names, names
    assert "DPRD Barut" not in names, names
