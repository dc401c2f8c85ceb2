"""Events a report names by the verb of holding or handing over, eleventh pass of issue 20: six of
288 readable real pages had no event word the table knew ("menggelar evaluasi", "bantuan diserahkan",
"handed out masks", "a public test"), so they were drafted with no event, no date and no roles.
Made-up passages."""

from __future__ import annotations

import pytest
from helpers.extraction import event

from resilience_kg.extract.recognise.rules import table


@pytest.mark.parametrize(("text", "date"), [
    ("Dinas Kesehatan Kabupaten Sukamaju menggelar evaluasi program air bersih di Aula Bupati, Selasa "
     "(9/12/2025).", "2025-12-09"),
    ("Bantuan masker dari PT Sukamaju Makmur diserahkan langsung kepada Bupati Sukamaju di Kantor Kecamatan "
     "Cibening, Jumat (28/5/2021).", "2021-05-28"),
    ("BPBD Sukamaju adakan penanaman pohon di bantaran sungai Cibening, Selasa (23/11/2021).", "2021-11-23"),
    ("PT Sukamaju Mining handed out 5,000 face masks to the Sukamaju District government on Monday, "
     "12 July 2021.", "2021-07-12"),
])  # fmt: skip
def test_an_activity_named_only_by_the_verb_of_holding_or_handing_over_is_dated(text: str, date: str) -> None:
    assert event(text)[0] == date


def test_an_english_public_test_of_a_draft_plan_is_a_public_consultation() -> None:
    text = ("Sukamaju (ANTARA) - The Sukamaju Disaster Management Agency conducted a public test of its draft "
            "disaster management plan on Thursday, 4 May 2023.")
    assert event(text)[:2] == ("2023-05-04", "public consultation")


def test_a_verb_of_holding_gives_way_to_an_event_word_later_in_the_report() -> None:
    # The verb is a last resort: a workshop named anywhere is the event.
    text = ("Yayasan Sukamaju mengadakan kegiatan bersama warga. Dalam Workshop Air Bersih itu, warga "
            "menyampaikan masalah sumur, Rabu (3/5/2023).")
    assert event(text)[1:] == ("workshop", "Workshop Air Bersih itu")


def test_every_event_word_is_a_word_a_fallback_or_a_last_resort() -> None:
    # A fallback value the reader does not know would make a row silently never read.
    assert {row["fallback"] for row in table("event_kinds")} <= {"", "yes", "last"}
