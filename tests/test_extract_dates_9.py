"""Event dates on real news pages: a dateline, a page's header date, a range of days, and a time of
day between the weekday and the date (issue 20: event dates on reports nobody tuned on)."""

from __future__ import annotations

import datetime as dt

import pytest

from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences


def event_date(text: str, published: dt.date | None = None) -> str | None:
    event = find_event(text, sentences(text), published=published)
    return str(event.date) if event and event.date else None


def test_a_dateline_dates_the_page_and_the_story_dates_the_event() -> None:
    text = ("Warta Kota, Sukamaju, 7 Desember 2025 – BPBD Kota Sukamaju pada tanggal 6 Desember 2025 "
            "mengadakan Sarasehan Relawan di Gedung Serbaguna.")  # fmt: skip
    assert event_date(text, dt.date(2025, 12, 7)) == "2025-12-06"


def test_a_dateline_with_only_a_day_named_relative_to_it_keeps_the_dateline() -> None:
    # "kemarin" is read only where no date is written; the dateline is the only written one.
    text = "SUKAMAJU, 5 Februari 2020 - Rapat koordinasi banjir digelar kemarin di kantor BPBD."
    assert event_date(text, dt.date(2020, 2, 5)) == "2020-02-05"


def test_the_page_header_date_gives_way_to_the_weekday_date_of_the_story_published_that_day() -> None:
    text = ("Sabtu, 27 April 2024\n\nPMI Sukamaju Berikan Pelatihan Hunian\n\n"
            "Palang Merah Indonesia Sukamaju memberikan pelatihan hunian di Gedung Olahraga, Kamis (3/11/2022).")
    assert event_date(text, dt.date(2022, 11, 3)) == "2022-11-03"


def test_a_range_of_days_dates_the_event_by_its_first_day_though_a_later_weekday_names_the_second() -> None:
    text = ("Pemerintah Desa Sukamaju menggelar pelatihan penanggulangan bencana pada tanggal 14 hingga "
            "15 Desember 2024. \"Kegiatan ini tahunan,\" kata Kepala Desa, Minggu (15/12/2024).")  # fmt: skip
    assert event_date(text) == "2024-12-14"


@pytest.mark.parametrize("written", ["Sabtu malam (9/11/19)", "Sabtu pagi (9/11/19)", "Saturday morning (9/11/19)"])
def test_a_time_of_day_after_the_weekday_keeps_the_weekday_date(written: str) -> None:
    text = (f"Rapat koordinasi kecamatan berlangsung di ruang rapat kantor kecamatan, {written}.\n"
            "Ketua RW mengatakan, Minggu (10/11/19), bahwa rapat membahas pelayanan.")  # fmt: skip
    assert event_date(text) == "2019-11-09"
