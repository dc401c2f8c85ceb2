"""Dates in report text: "Kamis, 28 November 2019", "17Juli 2018", "Rabu (29/11)" (the year
from the publication date), "(20/02/2025)", "20 September 2018", "September 20, 2018",
"10-11 Mei 2023" (the first day), "13th of November 2018", "(03/06)" (the year from the publication
date, or the one year the report names); with a publication date, a dateline
"JAKARTA, 5/2" and a day named relative to it ("kemarin", "pada Senin", "yesterday")."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import alternation, months, table, weekdays, word_map


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    has_weekday: bool
    method: str
    #: The last day of a range of days ("14 hingga 15 Desember 2024"), dated by its first.
    last: dt.date | None = None


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month = "|".join(sorted((re.escape(m) for m in months()), key=len, reverse=True))
    day = "|".join(sorted((re.escape(w) for w in weekdays()), key=len, reverse=True))
    # "Sabtu malam (9/11/19)", "Saturday morning, 9 November": a time of day between the weekday
    # and its date still dates the event on that weekday.
    part = alternation("times_of_day")
    wd = rf"(?:(?:hari\s+)?(?P<wd>{day})(?:\s+(?:{part}))?\s*[,/]?\s*(?:\(\s*)?(?:tanggal\s+)?)?"
    # The second day of a range, read past: "10-11 Mei", "15 s.d. 17 Juli", "April 29 to 30".
    joiners = alternation("date_range_joiners")
    # (Never across a line: "by Redaksi 2" above "- 07 Oktober 2024" is no range.)
    to = rf"(?:[ \t]*(?:[-–]|s\.\s?d\.?|s/d|{joiners})[ \t]*(?P<to>\d{{1,2}})(?:st|nd|rd|th)?)?"
    return [
        # "on July 11 and July 13, 2017", "on 11 July and 13 July 2017": two days that share the year
        # written after the second; the first dates the first event (a report about several takes
        # the first one's, guide: dates)
        ("date:month-day-year", re.compile(
            rf"{wd}\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:,\s*|\s+)(?:and|&)\s+"
            rf"(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)),
        ("date:day-month-year", re.compile(
            rf"{wd}\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{month})\.?\s*(?:,\s*|\s+)(?:and|&)\s+"
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I)),
        # Kamis, 28 November 2019 / 17Juli 2018 / 10-11 Mei 2023 / 28 Nov. 2019 / the 13th of November 2018
        # / 29 Agustus - 2 September 2016 (a range over two months: its first day has its own month)
        ("date:day-month-year", re.compile(
            rf"{wd}\b(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t]+(?P<m1>{month})\.?(?=[ \t]*[-–]))?{to}"
            rf"(?:\s+of)?\s*(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})\b\)?", re.I)),
        # Thursday, November 28, 2019 / September 20, 2018
        ("date:month-day-year", re.compile(
            rf"{wd}\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{to},?\s+(?P<y>\d{{4}})\b", re.I)),
        # Kamis-Jumat (29-30/4/21): a range of days in numbers, dated by the first
        ("date:numeric", re.compile(
            rf"{wd}\(?\b(?P<d>\d{{1,2}})\s*[-–]\s*(?P<to>\d{{1,2}})/(?P<mn>\d{{1,2}})/"
            rf"(?P<y>\d{{4}}|\d{{2}})\b\)?", re.I)),
        # Kamis (20/02/2025), Kamis (9/11/23), (2/1/2020)
        ("date:numeric", re.compile(
            rf"{wd}\(?\b(?P<d>\d{{1,2}})[/.-](?P<mn>\d{{1,2}})[/.-](?P<y>\d{{4}}|\d{{2}})\b\)?", re.I)),
        # 2019-11-28 (ISO)
        ("date:iso", re.compile(rf"{wd}\b(?P<y>\d{{4}})-(?P<mn>\d{{2}})-(?P<d>\d{{2}})\b", re.I)),
        # Rabu (29/11): needs the publication date for its year
        ("date:weekday-day-month", re.compile(
            rf"\b(?P<wd>{day})\s*,?\s*\(\s*(?P<d>\d{{1,2}})/(?P<mn>\d{{1,2}})\s*\)", re.I)),
        # "(03/06)" after the place or the event: a news item's day and month in brackets, with no
        # weekday (the year from the publication date, or the one year the report names)
        ("date:day-month", re.compile(r"\((?P<d>\d{1,2})/(?P<mn>\d{1,2})\)")),
        # A news dateline, "JAKARTA, 5/2 -": the place in capitals, then the day and month
        ("date:dateline", re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'-]{2,30}\s*,\s*(?P<d>\d{1,2})/(?P<mn>\d{1,2})(?![/\d])")),
    ]


@functools.cache
def _relative() -> re.Pattern[str]:
    """A day named relative to the publication: "kemarin", "hari ini", "yesterday"
    (``relative_days`` of ``rules/words.csv``), or a weekday alone, "pada Senin", "Senin lalu",
    "on Monday", "last Monday" (the latest such day on or before the publication)."""
    day = "|".join(sorted((re.escape(w) for w in weekdays()), key=len, reverse=True))
    relative = alternation("relative_days")
    return re.compile(rf"(?i)(?<!\w)(?:(?P<rel>{relative})"
                      rf"|(?:pada\s+(?:hari\s+)?|on\s+|last\s+)(?P<wd>{day})(?:\s+(?:lalu|kemarin))?"
                      rf"|(?P<wd2>{day})\s+(?:lalu|kemarin))(?!\w)")


def _relative_dates(text: str, published: dt.date, taken: list[tuple[int, int]]) -> list[DateMention]:
    """The days :func:`_relative` names, dated from the publication date ``published``."""
    offsets = {w.lower(): int(v) for w, v in word_map("relative_days").items()}
    out = []
    spans = sorted(taken)
    for m in _relative().finditer(text):
        # The written dates sorted and not overlapping: only the one starting last before the
        # match's end can overlap it.
        i = bisect.bisect_left(spans, (m.end(), -1)) - 1
        if i >= 0 and spans[i][1] > m.start():
            continue
        if m.group("rel"):
            date = published + dt.timedelta(days=offsets[m.group("rel").lower()])
        else:
            number = _weekday_numbers()[(m.group("wd") or m.group("wd2")).lower()]
            date = published - dt.timedelta(days=(published.weekday() - number) % 7)
        out.append(DateMention(m.start(), m.end(), date, False, "date:relative"))
    return out


@functools.cache
def _weekday_numbers() -> dict[str, int]:
    """Each weekday name to its number, Monday 0 (the ``day`` column of ``rules/weekdays.csv``)."""
    return {row["name"].lower(): int(row["day"]) for row in table("weekdays")}


def _year_of_weekday(text: str, day: int, month: int, weekday: str | None) -> int | None:
    """The year of "Jumat (3/7)" in a report that names no publication date: the one year the
    text names in which that day falls on that weekday ("simulasi 2015 ... Jumat (3/7)": 3 July
    2015 was a Friday), or None when no named year fits or several do."""
    if not weekday or (number := _weekday_numbers().get(weekday.lower())) is None:
        return None
    fits = set()
    for y in {int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)}:
        try:
            if dt.date(y, month, day).weekday() == number:
                fits.add(y)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None


@functools.cache
def _weekday_end() -> re.Pattern[str]:
    day = "|".join(sorted((re.escape(w) for w in weekdays()), key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{day})\s*,?\s*$")


def _weekday_before(text: str, pos: int) -> bool:
    """Is a weekday written right before ``pos`` ("Rabu (29/11)")?"""
    return _weekday_end().search(text, max(0, pos - 16), pos) is not None


def _only_year(text: str) -> int | None:
    """The year a report names, when it names one and only one ("arus balik Lebaran 2019 ...
    (03/06)"): the year of a day and month it writes without one."""
    years = {int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)}
    return years.pop() if len(years) == 1 else None


def find_dates(text: str, *, published: dt.date | None = None) -> list[DateMention]:
    """Every date in ``text``, in order of position, without overlaps.

    >>> [str(d.date) for d in find_dates("Kamis, 28 November 2019 dan 17Juli 2018")]
    ['2019-11-28', '2018-07-17']
    >>> [str(d.date) for d in find_dates("Rabu (29/11)", published=dt.date(2017, 12, 2))]
    ['2017-11-29']
    >>> [str(d.date) for d in find_dates("Rabu (29/11)", published=dt.date(2018, 1, 5))]
    ['2017-11-29']
    >>> [str(d.date) for d in find_dates("Simulasi banjir 2015 digelar Jumat (3/7).")]
    ['2015-07-03']
    >>> [str(d.date) for d in find_dates("Date: 2019-11-28; September 20, 2018")]
    ['2019-11-28', '2018-09-20']
    >>> [str(d.date) for d in find_dates("on July 11 and July 13, 2017; on 3 May and 5 May 2019")]
    ['2017-07-11', '2019-05-03']
    >>> [str(d.date) for d in find_dates("15 s.d. 17 Juli 2019; April 29-30, 2024; from April 29 to 30, 2024")]
    ['2019-07-15', '2024-04-29', '2024-04-29']
    >>> [(str(d.date), str(d.last)) for d in find_dates("Pada tanggal 29 Agustus - 2 September 2016, ...")]
    [('2016-08-29', '2016-09-02')]
    >>> [str(d.date) for d in find_dates("Kamis hingga Jumat (29-30/4/21); Hari/Tanggal: Kamis/12 Maret 2020")]
    ['2021-04-29', '2020-03-12']
    >>> [(str(d.date), d.has_weekday) for d in find_dates("Rapat digelar Sabtu malam (9/11/19).")]
    [('2019-11-09', True)]
    >>> news = "JAKARTA, 5/2 - Rapat digelar pada Senin, kemarin."
    >>> [str(d.date) for d in find_dates(news, published=dt.date(2020, 2, 6))]
    ['2020-02-05', '2020-02-03', '2020-02-05']
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for method, pattern in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            try:
                day = int(groups["d"])
                last_month = months()[groups["m"].lower()] if groups.get("m") else int(groups["mn"])
                month = months()[groups["m1"].lower()] if groups.get("m1") else last_month
                if groups.get("y"):
                    year = int(groups["y"])
                    year = year + 2000 if year < 100 else year
                elif published is not None:
                    # A day and month without a year: the latest such date on or before publication.
                    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
                elif (fit := _year_of_weekday(text, day, month, groups.get("wd"))) is not None:
                    year = fit
                elif method == "date:day-month" and not _weekday_before(text, m.start()) and \
                        (only := _only_year(text)) is not None:
                    # "Rabu (29/11)" whose weekday no named year fits stays undated.
                    year = only
                else:
                    continue
                date = dt.date(year, month, day)
            except (ValueError, KeyError):
                continue
            if not 1900 <= date.year <= 2100:
                continue
            taken.append((m.start(), m.end()))
            end = m.end()
            while end > m.start() and text[end - 1] in " ,":
                end -= 1
            last = None
            if groups.get("to"):
                try:
                    last = dt.date(date.year, last_month, int(groups["to"]))
                except ValueError:
                    last = None
            found.append(DateMention(m.start(), end, date, bool(groups.get("wd")), method,
                                     last if last and last > date else None))
    if published is not None:
        found.extend(_relative_dates(text, published, taken))
    return sorted(found, key=lambda d: d.start)
