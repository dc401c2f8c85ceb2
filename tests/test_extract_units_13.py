"""A body named with its short form (issue 20, round 13): the short form written as a slash
alternative ("Dinas X/Dishub") and one word in brackets after a name that the letters do not
spell ("Dinas ... (Gulkarmat)", an English name with its Indonesian short form). The annotation's
surface is the name with its short form, one actor; on real pages the draft cut the brackets off
or kept the slash in the name. Each passage is made up."""

from __future__ import annotations

from helpers.extraction import actors_by_name, quotes

# --- 1. a slash alternative -------------------------------------------------------------------


def test_a_short_form_after_a_slash_is_the_short_form_of_the_name_before_it() -> None:
    text = "Rapat dihadiri Dinas Perhubungan/Dishub, Bappeda dan warga Kelurahan Contoh."
    got = actors_by_name(text)
    assert "Dinas Perhubungan" in got, got
    assert got["Dinas Perhubungan"].mention.acronym == "Dishub"
    assert "Dinas Perhubungan/Dishub" not in got


def test_a_slash_alternative_with_a_space_and_a_place_after_it_is_one_body() -> None:
    text = "Musyawarah dihadiri Forum Komunikasi Pimpinan Kecamatan/ FORKOPIMCAM Kecamatan Contoh Jaya dan warga."
    got = quotes(text)
    assert "Forum Komunikasi Pimpinan Kecamatan/ FORKOPIMCAM Kecamatan Contoh Jaya" in got, got
    assert "Forum Komunikasi Pimpinan Kecamatan" not in got, got


def test_two_words_with_a_slash_that_spell_nothing_are_no_short_form() -> None:
    text = "Rapat Pemerintah Kabupaten/Kota se-Contoh dihadiri Dinas Pendidikan tentang Sekolah/Madrasah."
    got = actors_by_name(text)
    assert not any(a.mention.acronym in ("Kota", "Madrasah") for a in got.values()), got


# --- 2. one word in brackets after the name ---------------------------------------------------


def test_a_short_form_the_letters_do_not_spell_joins_the_name() -> None:
    text = "Simulasi diikuti Dinas Penanggulangan Kebakaran dan Penyelamatan (Gulkarmat) dan warga."
    got = quotes(text)
    assert "Dinas Penanggulangan Kebakaran dan Penyelamatan (Gulkarmat)" in got, got
    assert "Gulkarmat" not in got, got


def test_an_english_name_keeps_its_indonesian_short_form() -> None:
    text = "The meeting was attended by the Contoh Development Planning Board (Bappeda) and local residents."
    got = actors_by_name(text)
    assert got["Contoh Development Planning Board"].mention.acronym == "Bappeda", got


def test_a_place_in_brackets_stays_out() -> None:
    text = "Hadir Dinas Sosial (Jakarta) dan warga dalam rapat."
    got = actors_by_name(text)
    assert "Dinas Sosial" in got and got["Dinas Sosial"].mention.acronym is None, got
