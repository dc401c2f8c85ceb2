"""Roles, twelfth pass (issue 20): co-organisers named after the organiser's verb ("gelar FGD ...
bersama A serta B", "was held jointly with A and B"), a venue whose name begins with the premises
word ("di Kantor Kelurahan X"), and an inspection that someone else hosts. Made-up passages."""

from __future__ import annotations

import pytest
from helpers.extraction import roles

from resilience_kg.extract.recognise import role_model


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_model, "shipped", lambda: False)


@pytest.mark.parametrize("verb", ["gelar", "menggelar", "mengadakan"])
def test_the_partners_named_after_the_organisers_verb_co_organise(verb: str) -> None:
    text = (f"Badan Lumen {verb} diskusi terfokus tentang prosedur siaga darurat bersama Yayasan Pelita Sera "
            "serta Forum Sungai Lumen di Hotel Mawar, Jumat (2/6/2023).")
    assert roles(text, "Badan Lumen", "Yayasan Pelita Sera", "Forum Sungai Lumen") == {
        "Badan Lumen": "organiser", "Yayasan Pelita Sera": "organiser", "Forum Sungai Lumen": "organiser"}


def test_the_partners_after_a_passive_verb_of_holding_co_organise() -> None:
    text = "Diskusi yang digelar Badan Lumen bersama Yayasan Pelita Sera itu membahas prosedur siaga darurat."
    assert roles(text, "Badan Lumen", "Yayasan Pelita Sera")["Yayasan Pelita Sera"] == "organiser"


def test_english_held_jointly_with_names_co_organisers() -> None:
    text = ("This was the second session of the course, and was held jointly with the Lumen Fire Department "
            "and the Lumen Water Office.")
    assert roles(text, "Lumen Fire Department", "Lumen Water Office") == {
        "Lumen Fire Department": "organiser", "Lumen Water Office": "organiser"}


def test_a_partner_after_an_attendance_cue_attends() -> None:
    text = "Rapat itu dihadiri oleh Dinas Air Lumen bersama Dinas Jalan Lumen dan para camat."
    assert roles(text, "Dinas Air Lumen", "Dinas Jalan Lumen")["Dinas Jalan Lumen"] == "participant"


def test_bersama_before_a_group_word_names_no_co_organiser() -> None:
    text = "Badan Lumen menggelar rapat bersama para camat, lalu Dinas Air Lumen hadir."
    assert roles(text, "Badan Lumen", "Dinas Air Lumen")["Dinas Air Lumen"] != "organiser"


def test_who_inspects_with_a_body_shows_the_site_and_organises_nothing() -> None:
    text = "Komisi Lumen meninjau posko banjir bersama Dinas Air Lumen, Senin."
    got = roles(text, "Komisi Lumen", "Dinas Air Lumen")
    assert got["Komisi Lumen"] == "organiser"
    assert got["Dinas Air Lumen"] != "organiser"


def test_a_venue_whose_name_begins_with_the_premises_word_hosts() -> None:
    text = ("Badan Lumen melatih satuan tugas bencana. Pelatihan berlangsung di Kantor Kelurahan Sera "
            "selama dua hari.")
    assert roles(text, "Badan Lumen", "Kantor Kelurahan Sera")["Kantor Kelurahan Sera"] == "host"


def test_an_inspection_nobody_else_runs_is_the_inspecting_bodys_event() -> None:
    text = "Komisi Lumen meninjau lokasi banjir di Desa Sera, Senin (3/3/2020)."
    assert roles(text, "Komisi Lumen")["Komisi Lumen"] == "organiser"


def test_an_inspection_in_a_visit_someone_receives_is_taken_part_in() -> None:
    text = ("Komisi Lumen melakukan kunjungan kerja ke Dinas Air Sera untuk meninjau kesiapan posko. "
            "Rombongan diterima oleh Dinas Air Sera di ruang rapatnya.")
    got = roles(text, "Komisi Lumen", "Dinas Air Sera")
    assert got == {"Komisi Lumen": "participant", "Dinas Air Sera": "host"}


@pytest.mark.parametrize("text", [
    "Meskipun Balai Sungai Lumen absen, Komisi Lumen tetap melanjutkan RDP bersama Dinas Air Lumen.",
    "Hari ini kami melakukan Rapat Koordinasi dengan Kementerian Lumen di aula.",
    "The plan was presented at a meeting of the survey team with the Lumen City Government.",
])
def test_the_body_a_meeting_is_held_with_attends(text: str) -> None:
    body = next(b for b in ("Dinas Air Lumen", "Kementerian Lumen", "Lumen City Government") if b in text)
    assert roles(text, body)[body] == "participant"


def test_a_meeting_with_a_topic_names_no_body() -> None:
    text = "Rapat dengan tema Air Bersih dipimpin oleh Dinas Air Lumen."
    assert roles(text, "Dinas Air Lumen", "Air Bersih")["Air Bersih"] != "participant"


@pytest.mark.parametrize(("text", "body"), [
    ("Stasiun Cuaca Lumen melakukan kunjungan audiensi ke Badan Bencana Sera, Senin.", "Badan Bencana Sera"),
    ("During a visit to Lumen State University, the Ambassador met students.", "Lumen State University"),
])
def test_the_body_a_visit_goes_to_hosts_it(text: str, body: str) -> None:
    assert roles(text, body)[body] == "host"


def test_other_trips_told_of_in_the_plural_host_nothing() -> None:
    text = "He also mentioned recent faculty visits to Lumen University and Sera University."
    assert roles(text, "Lumen University")["Lumen University"] != "host"
