"""Bodies known by a short form, a brand or an odd spelling (issue 20, round 16): a gazetteer
acronym written as a name ("Unicef", "Kadin"), a college written by its short form ("UIN X",
"Akbid X"), and a list of bodies a colon opens ("perwakilan dari: A, B, C"). Each passage is made
up; no local body named here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

# --- 1. a gazetteer acronym written in title case ----------------------------------------------


def test_an_international_acronym_written_as_a_name_is_the_known_body() -> None:
    text = "Dinas Kesehatan Kota Contoh bekerja sama dengan Unicef menggelar pelatihan gizi bagi kader posyandu."
    assert "Unicef" in quotes(text)


def test_a_national_acronym_in_title_case_keeps_its_region() -> None:
    text = "Rapat koordinasi dihadiri Dinas Perdagangan, Kadin Jatim dan perwakilan pelaku usaha."
    assert "Kadin Jatim" in quotes(text)


def test_a_title_case_acronym_among_bodies_in_a_list_is_a_body() -> None:
    text = "Apel siaga diikuti oleh BPBD Kabupaten Contoh, Tagana, PMI, Orari dan Basarnas."
    assert "Orari" in quotes(text)


def test_a_title_case_word_that_starts_a_longer_name_is_not_the_acronym() -> None:
    # "Asean" opens an event's name here, not ASEAN the body.
    text = "Kota Contoh pernah menjadi tuan rumah Asean Mayor Forum pada tahun lalu."
    assert "Asean" not in quotes(text)


def test_a_title_case_acronym_in_brackets_goes_with_the_name_before_it() -> None:
    text = "Ketua Kamar Dagang dan Industri (Kadin) Kota Contoh menyampaikan dukungan pada acara itu."
    assert "Kadin" not in actor_names(text)


def test_an_international_body_named_with_a_region_after_it_stays_one_body() -> None:
    # The region after an international body is where its office works, not a branch of its own.
    text = ("Pemerintah Kota Contoh bersama Unicef menggelar pertemuan. Kepala Unicef Papua, Budi, "
            "membuka acara.")
    names = actor_names(text)
    assert "Unicef Papua" not in names, names


# --- 2. a college written by its short form ----------------------------------------------------


def test_a_state_islamic_university_by_its_short_form_is_a_body() -> None:
    text = "Nota kesepahaman ditandatangani Bupati Contoh dan Rektor UIN Sunan Contoh di pendopo."
    assert any(q.startswith("UIN Sunan Contoh") for q in quotes(text)), quotes(text)


def test_a_midwifery_academy_by_its_short_form_is_a_body_with_its_place() -> None:
    text = "Musrenbang dihadiri para camat, Direktur AKBID Kotabaru dan perwakilan LSM."
    assert "AKBID Kotabaru" in quotes(text), quotes(text)


# --- 3. a list of bodies that a colon opens ----------------------------------------------------


def test_a_list_after_a_colon_takes_its_short_names_as_bodies() -> None:
    text = ("Peluncuran aplikasi diadakan oleh Yayasan Contoh Lestari dengan mengundang perwakilan dari: "
            "SDN Contoh 3, BPBD, PMI Kota Contoh, HIMAGEO UKC, BEM UKC, Relawan Merapi Contoh, BPPT, "
            "Karang Taruna dan warga yang tinggal di sekitar sungai, Budi dan Ani.")
    found = quotes(text)
    assert "BEM UKC" in found, found
    assert "HIMAGEO UKC" in found, found


def test_a_list_that_the_sentence_goes_on_after_keeps_its_short_names() -> None:
    # The clause after the list ("memenuhi ...") is no member: it would dilute the list's bodies.
    text = ("Pemkot Contoh bersama sektor swasta seperti Kadin Jatim, Kadin Surabaya, Pemuda Hijau Contoh, "
            "Kali Bersih Contoh, serta Yayasan Contoh Lestari (YCL), memenuhi ruas jalan di kota lama.")
    found = quotes(text)
    assert "Pemuda Hijau Contoh" in found, found


def test_a_relative_clause_before_the_first_body_still_opens_the_list() -> None:
    text = ("Usai penandatanganan, digelar rapat yang diikuti BPBD Provinsi Contoh, Dinas PUPR Provinsi Contoh, "
            "Yayasan Contoh Peduli serta LSM Timor Contoh.")
    assert "Yayasan Contoh Peduli" in quotes(text)
