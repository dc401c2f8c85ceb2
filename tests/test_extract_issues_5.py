"""Classes of issues as real pages state them (issue 20, fifth round), each on a made-up passage:
the class found, and its near miss left alone."""

from __future__ import annotations

import pytest

from resilience_kg.extract.recognise.enumerations import find_items


def _issues(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


@pytest.mark.parametrize(("text", "issue"), [
    # What a hazard did, as a situation report counts it.
    ("Banjir bandang merendam sedikitnya 400 rumah di dua desa.",
     "Banjir bandang merendam sedikitnya 400 rumah di dua desa"),
    ("Menurut petugas, longsor menewaskan seorang pengendara di ruas jalan provinsi.",
     "longsor menewaskan seorang pengendara di ruas jalan provinsi"),
    ("Last week the storms caused three deaths and damaged a bridge in the upper valley.",
     "Last week the storms caused three deaths and damaged a bridge in the upper valley"),
    ("Flash floods displaced about 900 residents of the riverside villages.",
     "Flash floods displaced about 900 residents of the riverside villages"),
])
def test_what_a_hazard_did_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Gotong royong warga membersihkan saluran yang tertutup daun.",  # no damage verb, no hazard
    "The new schedule caused some confusion among the volunteers.",  # caused, but no hazard or harm
    "Tanggul itu dibangun untuk mencegah banjir merendam permukiman warga.",  # what a measure prevents
])
def test_damage_of_no_hazard_or_prevented_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    ("Sesuai prakiraan stasiun cuaca, bahwa musim kemarau akan berlangsung hingga akhir Oktober.",
     "musim kemarau akan berlangsung hingga akhir Oktober"),
    ("Ia menegaskan kekeringan akan melanda tiga kecamatan di selatan kabupaten.",
     "kekeringan akan melanda tiga kecamatan di selatan kabupaten"),
])
def test_a_hazard_forecast_to_go_on_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Simulasi gempa akan berlangsung di halaman sekolah pada Sabtu pagi.",  # an exercise announced
    "Rapat lanjutan akan berlangsung pekan depan di kantor kecamatan.",  # no hazard at all
])
def test_an_exercise_or_a_meeting_to_come_is_no_forecast(text: str) -> None:
    assert _issues(text) == []


def test_a_shortfall_written_in_title_case_is_an_issue() -> None:
    text = "Petugas gudang melaporkan bahwa stok masker cukup, namun Persediaan Selimut Masih Kurang."
    assert any(i.endswith("Persediaan Selimut Masih Kurang") for i in _issues(text))


def test_a_capitalised_cue_inside_a_name_stays_no_issue() -> None:
    # "Krisis" in the name of a centre is no crisis raised.
    assert _issues("Kepala Pusat Krisis Kesehatan membuka pelatihan relawan di aula dinas.") == []
