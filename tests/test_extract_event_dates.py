"""The event's date on made-up news pages: the publication line above the story gives way to the
date in it, and a day without a year takes the one year the text names that fits its weekday."""

from __future__ import annotations

import datetime as dt

from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences

PAGE = ("Banjir Rob, Dinas Air Lumen Kumpulkan Lurah\n\nRabu, 9 Maret 2022\n\n"
        "LUMEN – Dinas Air Kota Lumen mengumpulkan para lurah dalam rapat penanganan rob, Senin (7/3/2022).")


def _date(text: str, published: dt.date | None = None) -> dt.date | None:
    event = find_event(text, sentences(text), published=published)
    assert event is not None
    return event.date


def test_the_publication_line_gives_way_to_the_date_in_the_story() -> None:
    assert _date(PAGE) == dt.date(2022, 3, 7)
    assert _date(PAGE, published=dt.date(2022, 3, 9)) == dt.date(2022, 3, 7)


def test_a_day_without_a_year_takes_the_named_year_its_weekday_fits() -> None:
    text = "Simulasi banjir Kota Lumen 2015 digelar Jumat (3/7). Hasil simulasi tahun 2014 dibahas."
    assert _date(text) == dt.date(2015, 7, 3)  # 3 July 2015 was a Friday; 3 July 2014 was not
    assert _date(text.replace("Jumat", "Senin")) is None  # no named year fits a Monday
