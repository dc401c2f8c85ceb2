"""Bodies present through their heads, and governments named by their place (issue 20, round 16):
a regional head's or commander's post that spells its region by initials, in a bulleted list or
before a holder written with initials; "Kabinda" and its province; "Pemprov." with a full stop; a
dinas head's post with "Kab." and its holder after it; a list of a body's branches by short and
initialled regions; "Pemerintah" and a region or a country; the regional bodies' short forms
(Bapelitbangda, Bapperida, DLHK, Dishut). Every passage is made up for the test."""

from __future__ import annotations

import pytest
from helpers.extraction import found

from resilience_kg.extract.regions import is_place


def _names(text: str) -> dict[str, str]:
    """Each mention the recogniser finds, as quoted, to the name it drafts."""
    return {text[m.start:m.end]: m.name for m in found(text)}


def test_a_regency_written_by_its_initials_is_the_regency() -> None:
    assert is_place("TTS").name == "Timor Tengah Selatan"
    assert is_place("Kabupaten HSU").name == "Hulu Sungai Utara"
    assert is_place("LPK") is None  # a training institute far more often than Lima Puluh Kota


def test_a_regents_post_with_the_regencys_initials_names_its_government() -> None:
    text = "Musrenbang dibuka oleh Bupati TTS, Drs. Markus Lamba, di aula kantor bupati."
    assert _names(text).get("TTS") == "Pemerintah Kabupaten Timor Tengah Selatan"


def test_a_police_chiefs_post_with_the_regencys_initials_names_the_command() -> None:
    text = "Rapat dihadiri Kapolres HSU, AKBP Rudi Hartono, dan para camat."
    assert _names(text).get("Kapolres HSU") == "Kepolisian Resor Hulu Sungai Utara"


def test_a_regional_head_alone_on_a_bulleted_line_is_present() -> None:
    text = "Rapat koordinasi kebakaran lahan dihadiri oleh:\n  • Wakil Bupati Sintang\n  • Dandim 1205/Sintang\n"
    assert _names(text).get("Sintang") == "Pemerintah Kabupaten Sintang"


def test_a_regional_head_merely_spoken_of_names_no_government() -> None:
    text = "Laporan itu akan disampaikan kepada Bupati Sintang pekan depan."
    assert "Sintang" not in _names(text)


def test_a_mayor_before_a_holder_written_with_initials_is_present() -> None:
    text = "Bupati Gianyar bertemu Walikota Denpasar IB. Made Surya di rumah jabatan."
    assert _names(text).get("Denpasar") == "Pemerintah Kota Denpasar"


def test_the_head_of_a_provinces_intelligence_office_spells_the_office() -> None:
    text = "Hadir dalam rapat Kabinda Jambi, Brigjen Andi Saputra, dan Kapolda Jambi."
    assert _names(text).get("Kabinda Jambi") == "Badan Intelijen Negara Daerah Jambi"


def test_a_provincial_government_short_form_with_a_full_stop_is_one_body() -> None:
    text = "Rapat dibuka oleh Asisten II Setda Pemprov. Kalteng dan diikuti BPBD."
    assert "Pemprov. Kalteng" in _names(text)


def test_a_dinas_heads_post_with_kab_and_the_holder_after_spells_the_dinas() -> None:
    text = "Hadir pula Kadis Pertanian Kab. Sintang Bpk. Yohanes Ringo dan para penyuluh."
    assert _names(text).get("Kadis Pertanian Kab. Sintang") == "Dinas Pertanian Kabupaten Sintang"


def test_a_list_of_branches_goes_on_through_short_and_initialled_regencies() -> None:
    text = "Unsur kabupaten yang hadir: BPBD Kabupaten OKI, Banyuasin, Muratara, PALI dan Lahat, serta PT Maju."
    names = _names(text)
    assert names.get("Muratara") == "BPBD Kabupaten Musi Rawas Utara"
    assert names.get("PALI") == "BPBD Kabupaten Penukal Abab Lematang Ilir"
    assert names.get("Lahat") == "BPBD Kabupaten Lahat"


def test_pemerintah_and_a_provinces_short_form_is_the_provincial_government() -> None:
    text = "BMKG meminta Pemerintah Sulteng menyiapkan posko siaga banjir."
    assert _names(text).get("Pemerintah Sulteng") == "Pemerintah Provinsi Sulawesi Tengah"


def test_pemerintah_and_a_name_both_a_regency_and_a_city_names_no_government() -> None:
    assert "Pemerintah Bogor" not in _names("Pemerintah Bogor menyiapkan posko siaga banjir.")


def test_a_countrys_government_named_in_indonesian_is_a_body() -> None:
    text = "Kajian ini didanai Pemerintah Swiss dan dibahas bersama BNPB."
    assert _names(text).get("Pemerintah Swiss") == "Pemerintah Swiss"


@pytest.mark.parametrize("text, quote", [
    ("Kepala Bapelitbangda Sikka, Yosef Lewar, memaparkan rancangan RKPD.", "Bapelitbangda Sikka"),
    ("Kabid Perencanaan Bapperida, Andi Makmur, menyampaikan arah kebijakan.", "Bapperida"),
    ("Sampah diangkut petugas DLHK Gianyar setiap pagi.", "DLHK Gianyar"),
    ("Data titik panas disiapkan Dishut dan Manggala Agni.", "Dishut"),
])  # fmt: skip
def test_a_regional_bodys_short_form_of_its_standard_pattern_is_a_body(text: str, quote: str) -> None:
    assert quote in _names(text)


def test_a_police_post_with_a_regency_shortened_by_its_syllables_names_the_command() -> None:
    text = "Rapat itu dihadiri Wakapolres Konsel Kompol Hadi Susanto dan para camat."
    assert _names(text).get("Wakapolres Konsel") == "Kepolisian Resor Konawe Selatan"
