"""The edges of a body's name (issue 20, round 13): a person's single name run on after the body in
a list of officials, and a region written after a body in a form the official list does not spell
(three words with no level word, a regency shortened by its syllables, a short form in brackets
inside the region's name). On real pages one body drafted with the wrong edges costs a false actor
and a missed one at once. Each passage is made up; no name here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

from resilience_kg.extract.regions import contracted

# --- 1. a person's single name after the body ------------------------------------------------


def test_a_single_name_after_a_post_and_its_body_is_the_officer_not_the_body() -> None:
    text = "Rapat dipimpin Wakil Ketua DPRD Sutanto dan dihadiri Kepala Dinas Pariwisata Handoko, serta warga."
    got = actor_names(text)
    assert "Dinas Pariwisata" in got, got
    assert not any(n.endswith(("Sutanto", "Handoko")) for n in got), got


def test_a_single_name_in_a_list_of_officials_by_their_posts_is_cut_too() -> None:
    # The list names each official by post, body and name; an item may lack a post the table knows.
    text = ("Hadir Kepala Bidang Umum Joko, Kepala Seksi Data Ani, Staf Dinas Pertanian Wiryo, "
            "Dinas Perikanan Sarmin, dan Camat Kota Lama.")
    got = quotes(text)
    assert "Dinas Pertanian" in got and "Dinas Perikanan" in got, got
    assert "Dinas Perikanan Sarmin" not in got and "Dinas Pertanian Wiryo" not in got, got


def test_a_region_a_name_of_its_own_or_a_district_after_the_body_stays() -> None:
    text = ("Hadir Kepala Dinas Sosial Sumbawa, Ketua Yayasan Sinar Kasih Abadi, "
            "Kapolsek Tambora dan Kepala Dinas Kesehatan Kota Bogor.")
    got = quotes(text)
    assert "Dinas Sosial Sumbawa" in got, got
    assert "Dinas Kesehatan Kota Bogor" in got, got


def test_the_officer_named_twice_with_the_post_is_still_the_officer() -> None:
    text = "Rapat dipimpin Wakil Ketua DPRD Sutanto. Menurut Wakil Ketua DPRD Sutanto, tanggul harus diperbaiki."
    assert "DPRD Sutanto" not in quotes(text)


def test_a_body_whose_name_ends_in_an_unknown_word_without_a_post_keeps_it() -> None:
    text = "Pelatihan diadakan oleh Yayasan Pelita Harmoni bersama Dinas Sosial di balai desa."
    assert "Yayasan Pelita Harmoni" in quotes(text)


# --- 2. a region after the body, not as the official list spells it --------------------------


def test_a_region_of_three_words_without_its_level_word_ends_the_body_s_name() -> None:
    text = "Kegiatan ini tindak lanjut kerja sama dengan BPBD Tanjung Jabung Barat tahun lalu."
    assert "BPBD Tanjung Jabung Barat" in quotes(text)


def test_a_regency_shortened_by_its_syllables_ends_the_body_s_name() -> None:
    assert contracted("Barut") is not None and contracted("Barut").name == "Barito Utara"
    assert contracted("Tanjab Barat") is not None and contracted("Tanjab Barat").name == "Tanjung Jabung Barat"
    assert contracted("Tanjab") is None  # (Barat or Timur: two regencies fit)
    for word in ("Halte", "Sumba", "Basri", "Sutanto"):
        assert contracted(word) is None, word
    text = "Rapat dihadiri perwakilan DPPKA Barut dan BPBD Tanjab Barat di aula."
    got = quotes(text)
    assert "DPPKA Barut" in got and "BPBD Tanjab Barat" in got, got


def test_a_short_form_in_brackets_inside_the_region_s_name_is_the_body_s() -> None:
    text = ("Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Tanjung Jabung (Tanjab) "
            "Barat Provinsi Jambi berkunjung ke kantor kami.")
    got = quotes(text)
    assert any(q.endswith("Kabupaten Tanjung Jabung (Tanjab) Barat") for q in got), got


def test_a_common_word_that_also_shortens_a_regency_is_no_region() -> None:
    # "Mitra" shortens Minahasa Tenggara, but in a name it is a partner: the body stays bare.
    text = "Pelatihan diadakan oleh BPBD Mitra Kerja dan warga."
    assert "BPBD Mitra" not in quotes(text)


# --- 3. an English post before "of" and the body ---------------------------------------------


def test_an_english_post_with_its_number_before_of_is_not_the_body_s_name() -> None:
    text = "The delegation was welcomed by the Vice Rector IV of Contoh Raya University, Prof. Budi."
    got = actor_names(text)
    assert "Contoh Raya University" in got, got
    assert not any(n.startswith(("Vice", "Rector")) for n in got), got


def test_a_researcher_of_a_university_is_the_university() -> None:
    text = "The talk was given by the Senior Researcher of University of Contoh Raya, Dr. Ana."
    got = actor_names(text)
    assert "University of Contoh Raya" in got, got
    assert not any(n.startswith("Senior") for n in got), got


def test_the_region_shortened_by_its_syllables_is_the_same_branch_as_the_region_written_out() -> None:
    # One branch: written out first, then with its regency shortened ("Kukar" for Kutai Kartanegara).
    text = ("Hadir Dinas Sosial Kabupaten Kutai Kartanegara dalam rapat itu. "
            "Dinas Sosial Kukar membagikan beras kepada warga.")
    got = actor_names(text)
    assert got.count("Dinas Sosial Kabupaten Kutai Kartanegara") == 1, got
    assert "Dinas Sosial Kukar" not in got, got


def test_a_short_form_in_brackets_inside_the_region_is_left_out_of_the_body_s_name() -> None:
    text = ("Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Tanjung Jabung (Tanjab) "
            "Barat berkunjung. Kaji tiru yang dilakukan BPBD Tanjab Barat yakni mempelajari tata kelola.")
    got = actor_names(text)
    assert got == ["Badan Penanggulangan Bencana Daerah Kabupaten Tanjung Jabung Barat"], got
