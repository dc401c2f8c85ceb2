"""Roles, round 18: a report whose event no word of the table names still has an event (its title),
so every body drafted gets a role; a council's hearing and working meeting by their short forms.
Every passage is made up."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.extraction import event, roles

from resilience_kg.extract.pipeline import extract_reports

# -- no body without a role: a report whose event no word names has its title for an event ----------

HEARING = ("Dewan Desak Balai Cari Jalan Keluar Soal Genangan di Sukamaju\n"
           "Senin, 3 Maret 2025\n\n"
           "KOTA CONTOH - Anggota DPRD Kota Contoh, Budi Santoso, menyoroti genangan yang melanda Sukamaju. "
           "Hadir dalam pertemuan ini Dinas Sosial Kota Contoh dan BPBD Kota Contoh.\n")


def _connections(tmp_path: Path, report: str) -> list[dict[str, str]]:
    source = tmp_path / "dewan-sukamaju.txt"
    source.write_text(report, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        elements = list(csv.DictReader(f))
    with (tmp_path / "drafts" / "connections.csv").open(encoding="utf-8") as f:
        return [*elements, *csv.DictReader(f)]


def test_a_report_no_event_word_names_takes_its_title_for_the_event() -> None:
    text = HEARING.replace("pertemuan ini", "ruangan itu")
    _, kind, label = event(text)
    assert kind == "meeting"
    assert label == "Dewan Desak Balai Cari Jalan Keluar Soal Genangan di Sukamaju"


def test_a_text_with_no_title_line_still_has_no_event() -> None:
    assert event("Anggota DPRD Kota Contoh menyoroti genangan yang melanda Sukamaju.") == (None, None, None)


def test_every_body_of_a_report_with_no_event_word_gets_a_role(tmp_path: Path) -> None:
    rows = _connections(tmp_path, HEARING.replace("pertemuan ini", "ruangan itu"))
    bodies = {r["id"] for r in rows if r.get("type") == "GovernmentAgency" and r.get("status") == "draft"}
    events = [r["id"] for r in rows if r.get("type") == "Event"]
    assert bodies and len(events) == 1
    with_role = {r["from"] for r in rows if r.get("to") == events[0]} | {r["to"] for r in rows if r.get("from") == events[0]}
    assert bodies <= with_role


def test_a_council_hearing_by_its_short_form_is_the_event() -> None:
    text = "Komisi C DPRD Kota Contoh menggelar RDP bersama Dinas Sosial Kota Contoh, Senin."
    assert event(text)[2].startswith("RDP")
    assert roles(text, "Komisi C DPRD Kota Contoh", "Dinas Sosial Kota Contoh") == {
        "Komisi C DPRD Kota Contoh": "organiser", "Dinas Sosial Kota Contoh": "participant"}


def test_a_working_visit_and_a_working_meeting_by_their_short_forms() -> None:
    assert event("Komisi B DPRD Provinsi Contoh melakukan kunker ke BPBD Kota Contoh, Selasa.")[1] == "visit"
    assert event("Raker Komisi A dengan Dinas Sosial Kota Contoh berlangsung Rabu.")[1] == "meeting"
