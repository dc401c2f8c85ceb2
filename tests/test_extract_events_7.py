"""A report with no meeting word is still about an event (issue 20 §1): a memorandum signed, a
local deliberation or a launch names the event when nothing else does, so its date and the roles
of the bodies in it are drafted. Made-up passages only."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.cli import main
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences


@pytest.mark.parametrize(("text", "cue", "date"), [
    ("Kota Lumen Gandeng PT Daur Ulang Lumen\n\nLUMEN - Masalah sampah menemukan jalan. Hal itu terlihat "
     "dari MoU antara Dinas Lingkungan Hidup Kota Lumen dengan PT Daur Ulang Lumen, Selasa (14/5/2024).",
     "MoU", dt.date(2024, 5, 14)),
    ("Pemda Lumen Perpanjang Kerja Sama\n\nBupati Lumen menandatangani perpanjangan nota kesepahaman "
     "dengan PT Kapal Lumen di Jakarta, Kamis 4 Juli 2019.", "nota kesepahaman", dt.date(2019, 7, 4)),
    ("Angka Stunting Lumen Turun\n\nPemerintah Kabupaten Lumen menggelar rembuk stunting di aula "
     "Bappeda, Rabu (8/6/2022).", "rembuk", dt.date(2022, 6, 8)),
    ("Ministry Opens a Holiday Travel Post\nThe Ministry of Transportation launched a joint post to watch "
     "holiday travel on Monday, 3 May 2021.", "launched", dt.date(2021, 5, 3)),
])
def test_a_signing_a_deliberation_or_a_launch_names_the_event(text: str, cue: str, date: dt.date) -> None:
    event = find_event(text, sentences(text), published=None)
    assert event is not None
    assert event.cue.lower() == cue.lower()
    assert event.kind_guessed  # the kind is left to the reviewer: a signing is no meeting word
    assert event.date == date


def test_a_meeting_word_still_wins_over_the_memorandum_it_signs() -> None:
    text = ("Rapat koordinasi air bersih Kota Lumen, Senin (2/3/2020), ditutup dengan MoU antara PDAM Lumen "
            "dan Dinas Perumahan Kota Lumen.")
    event = find_event(text, sentences(text), published=None)
    assert event is not None
    assert event.cue.lower() == "rapat koordinasi"
    assert not event.kind_guessed


def test_the_bodies_of_a_signing_report_have_roles_in_its_event(tmp_path: Path) -> None:
    report = tmp_path / "signing.txt"
    report.write_text(
        "Dinas Perhubungan Kota Lumen Gandeng PT Kapal Lumen\n\n"
        "LUMEN - Dinas Perhubungan Kota Lumen menandatangani MoU dengan PT Kapal Lumen tentang angkutan "
        "penyeberangan, Selasa (23/7/2019). Kepala Dinas Perhubungan Kota Lumen, Ahmad Sule, mengatakan "
        "kerja sama itu memperpanjang layanan kapal ke pulau-pulau kecil.\n", encoding="utf-8")
    out = tmp_path / "drafts"
    result = CliRunner().invoke(main, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "elements.csv").open(encoding="utf-8") as f:
        events = [row for row in csv.DictReader(f) if row["type"] == "Event"]
    assert len(events) == 1 and events[0]["date"] == "2019-07-23"
    with (out / "connections.csv").open(encoding="utf-8") as f:
        in_event = {(row["from"], row["type"]) for row in csv.DictReader(f) if row["to"] == events[0]["id"]}
    roles = {kind for _, kind in in_event}
    assert roles & {"organizerOf", "speakerAt", "participatedIn"}, in_event
