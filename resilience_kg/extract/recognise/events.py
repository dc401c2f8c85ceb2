"""The event a report is about: its kind, label, date and sessions."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.dates import DateMention, find_dates
from resilience_kg.extract.recognise.rules import table, word_regex, words
from resilience_kg.extract.segment import Span

_NOT_NAME_WORDS = frozenset(words("not_event_name_words"))
@functools.cache
def _label_stop() -> re.Pattern[str]:
    """Punctuation, or a word of ``rules/event_label_stops.csv``, ends an event's name."""
    words = sorted((row["word"] for row in table("event_label_stops")), key=len, reverse=True)
    return re.compile(r"[,.;:()\[\]\n]|\s(?:" + "|".join(re.escape(w) for w in words) + r")\s", re.I)


@dataclass(frozen=True)
class EventFact:
    kind: str
    label: str
    start: int  # of the label quote
    end: int
    cue: str
    date: dt.date | None
    date_mention: DateMention | None
    kind_guessed: bool = False


@dataclass(frozen=True)
class SessionFact:
    label: str
    start: int
    end: int


@functools.cache
def _fallback_regex(tier: str) -> re.Pattern[str]:
    """The fallback cues of one tier: ``yes`` (a word that names an activity, "Kegiatan",
    "Penandatanganan"), or ``last`` (a verb of holding or handing over, "menggelar", "diserahkan",
    read only when no word of the first tier appears: "menggelar rembuk stunting" is a rembuk)."""
    cues = [row["cue"] for row in table("event_kinds") if row["fallback"] == tier]
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in cues) + r")(?![\w-])", re.I)


@functools.cache
def _fallback_kinds() -> dict[str, str]:
    """The kind each fallback cue gives ("peninjauan": a visit), lower-cased."""
    return {row["cue"].lower(): row["kind"] for row in table("event_kinds") if row["fallback"]}


@functools.cache
def _kind_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {row["cue"].lower(): row["kind"] for row in table("event_kinds") if not row["fallback"]}
    alternatives = sorted(kinds, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in alternatives) + r")(?![\w-])", re.I), kinds


def event_regex() -> re.Pattern[str]:
    """Every event word (FGD, Workshop, Rapat Koordinasi...), case-insensitive."""
    return _kind_regex()[0]


def find_event(text: str, sentences: Sequence[Span], *, published: dt.date | None) -> EventFact | None:
    """The report's event: the first event word in the text (FGD, Workshop, Rapat...), its label
    (the words it governs, up to a clause boundary) and its date (a date with a weekday wins,
    then the first date in the opening sentences, then the first date anywhere)."""
    pattern, kinds = _kind_regex()
    match = None
    for m in pattern.finditer(text):
        word = m.group(1)
        # "rapat" in lower case is often "meeting room" (ruang rapat); take it only capitalised.
        if word.islower() and kinds[word.lower()] in ("meeting",) and text[max(0, m.start() - 6):m.start()].lower() \
                .strip().endswith("ruang"):
            continue
        match = m
        break
    fallback = False
    if match is None:
        # No event word: "Kegiatan ..." (an activity) names the event, kind left to the curator.
        match = _fallback_regex("yes").search(text) or _fallback_regex("last").search(text)
        fallback = match is not None
    dates = find_dates(text, published=published)
    if match is None:
        return _title_event(text, dates, sentences, published)
    date = _event_date(dates, sentences, match.start(), text=text, published=published)
    stop = _label_stop().search(text, match.end())
    end = stop.start() if stop else len(text)
    begin = match.start()
    base = max(0, begin - 60)
    before = list(re.finditer(r"[A-Z][\w-]*", text[base:begin]))
    # "a Capacity Building Workshop": the capitalised words before the event word name it too.
    # (A verb that names the event, "X meninjau posko", has its subject before it, not a name.)
    for word in reversed(before[-4:] if not (fallback and match.group(1)[:1].islower()) else []):
        at = base + word.start()
        if text[at + len(word.group(0)):begin].strip() or word.group(0) in _NOT_NAME_WORDS:
            break
        begin = at
    line_start = text.rfind("\n", 0, begin) + 1
    line_end = text.find("\n", begin) % (len(text) + 1)
    if begin == line_start and not text[:line_start].strip() and line_end - line_start <= 160:
        # A title line that starts with the event word names the event whole: "Workshop on Safer
        # Public Transport for Jakarta" ("on" would end a name in running text).
        end = line_start + len(text[line_start:line_end].rstrip(" .:"))
    spans = list(re.finditer(r"\S+", text[begin:end]))
    if len(spans) > 18:
        end = begin + spans[17].end()
    label = text[begin:end].strip()
    kind = _fallback_kinds().get(match.group(1).lower(), "meeting") if fallback else kinds[match.group(1).lower()]
    return EventFact(kind, label, begin, begin + len(label), match.group(1), date.date if date else None, date,
                     fallback)


#: The most words of a title line that may stand for an event no word names.
_TITLE_EVENT_WORDS = 20


def _title_event(text: str, dates: list[DateMention], sentences: Sequence[Span],
                 published: dt.date | None) -> EventFact | None:
    """The last resort when no word of ``rules/event_kinds.csv`` names the event: the report's title
    line, its kind left to the curator. Every report of the corpus tells of an event (the guide's
    roles are roles in it), and without one no body gets a role at all (roles-18: a council's
    hearing called by an acronym the table lacked drafted every body with none). A text with no
    short first line followed by more has no title, and stays without an event."""
    first = re.match(r"\s*([^\n]+)\n", text)
    if first is None or not text[first.end():].strip():
        return None
    begin, end = first.start(1), first.end(1)
    label = text[begin:end].strip()
    if not label or len(label.split()) > _TITLE_EVENT_WORDS:
        return None
    date = _event_date(dates, sentences, begin, text=text, published=published)
    return EventFact("meeting", label, begin, begin + len(label), label.split()[0],
                     date.date if date else None, date, True)


def _event_date(dates: list[DateMention], sentences: Sequence[Span], cue: int, *, text: str = "",
                published: dt.date | None = None) -> DateMention | None:
    """A date with a weekday (reports date their events "Kamis, 28 November 2019"), else a
    date in the sentence that names the event (not a dateline before it), else the first date
    in the opening sentences, else the first date.

    A news page prints its publication date above the story ("Kamis, 3 November 2022", alone on
    its line) and dates the event in it ("..., Selasa (1/11/2022)"): a weekday date that is the
    publication date, or stands alone on its line, gives way to another weekday date."""
    if not dates:
        return None
    # A page's publication line ("Project story | Denpasar, 20 September 2019", "Published by
    # ..., 14 January 2020") and a news dateline ("Bandung, 7 Desember 2025 – BPBD ... pada tanggal
    # 6 Desember 2025 mengadakan ...") date the page: a date in the story wins over them.
    dates = [d for d in dates if not _publication_line(text, d, published)] or dates
    # A date far from the dateline's is background ("resmi lahir pada 10 Januari 2020 lalu", an
    # earlier meeting cited): news reports its event within days, so then the dateline stands.
    # A date with its weekday ("pada Selasa (12/8)") is how a story dates its own event, however late.
    datelines = [d for d in dates if _dateline(text, d)]
    written = [d for d in dates if d.method != "date:relative" and not _dateline(text, d)
               and (not datelines or d.has_weekday
                    or any(abs((d.date - line.date).days) <= _DATELINE_REACH_DAYS for line in datelines))]
    dates = [d for d in dates if not _dateline(text, d)] if written else (datelines or dates)
    # A day named relative to the publication ("kemarin", "pada Senin") only when no date is written.
    dates = [d for d in dates if d.method != "date:relative"] or dates
    weekday = [d for d in dates if d.has_weekday]
    # A weekday date in a sentence that is the publication date still dates the event (a story
    # published the day it happened) before a weekday date alone on its line (the page's header).
    in_story = [d for d in weekday if d.date != published and not _alone_on_line(text, d)]
    weekday = in_story or [d for d in weekday if not _alone_on_line(text, d)] or weekday
    if weekday:
        # "pada tanggal 14 hingga 15 Desember 2024 ... Sabtu (15/12/2024)": a weekday date within a
        # range the report wrote first is a day of the event, which began on the range's first day.
        return next((d for d in dates if d.last and d.start < weekday[0].start
                     and d.date <= weekday[0].date <= d.last), weekday[0])
    same = [s for s in sentences if s.start <= cue < s.end]
    if same:
        inside = [d for d in dates if same[0].start <= d.start < same[0].end and d.start > cue]
        if inside:
            return inside[0]
    opening_end = sentences[min(3, len(sentences) - 1)].end if sentences else 0
    early = [d for d in dates if d.start <= opening_end]
    return early[0] if early else dates[0]


#: The most words besides its date of a line that is a page's publication line, not a sentence.
_BYLINE_WORDS = 8
#: The most characters a publication line holds either side of its date.
_BYLINE_REACH = 160


def _publication_line(text: str, d: DateMention, published: dt.date | None) -> bool:
    """True when the date is the page's publication date on a short line of its own (a byline,
    a dateline above the story), or follows a word of publishing ("Published", "Diterbitkan")."""
    if not text:
        return False
    # Read at most a byline's length either side: a long line is a sentence, and a page of one
    # line must not be read again for each of its dates.
    start = text.rfind("\n", max(0, d.start - _BYLINE_REACH), d.start) + 1
    if start == 0 and d.start > _BYLINE_REACH:
        return False
    if _published_word().search(text, start, d.start):
        return True
    end = text.find("\n", d.end, d.end + _BYLINE_REACH)
    if end < 0 and len(text) - d.end > _BYLINE_REACH:
        return False
    rest = text[start:d.start] + " " + text[d.end:end if end >= 0 else len(text)]
    return d.date == published and len(re.findall(r"\w+", rest)) <= _BYLINE_WORDS


@functools.cache
def _published_word() -> re.Pattern[str]:
    """A word of publishing before a date on its line (``published_words`` of ``rules/words.csv``)."""
    return word_regex("published_words")


#: How far from a dateline's date a date in the story may be and still date the event the
#: dateline's story reports (a month either way); a date further off is the story's background.
_DATELINE_REACH_DAYS = 31
#: The most words before a dateline's date on its line ("MajmusSunda News, Bandung,").
_DATELINE_WORDS = 6
#: (A web page may set its dateline off with a bar: "Jakarta, 29 September 2022 | The city ...".)
_DATELINE_DASH = re.compile(r"[ \t]*(?:[-–—]{1,2}|\|)[ \t]")


def _dateline(text: str, d: DateMention) -> bool:
    """True when the date ends a news dateline: a few words opening the line, the date, then a dash
    (or a bar) before the story ("Bandung, 7 Desember 2025 – BPBD ..."): the page's date, not the event's."""
    if not text or not _DATELINE_DASH.match(text, d.end):
        return False
    start = text.rfind("\n", 0, d.start) + 1
    return len(re.findall(r"\w+", text[start:d.start])) <= _DATELINE_WORDS


def _alone_on_line(text: str, d: DateMention) -> bool:
    """True when the date is all its line holds (a publication line), not a date in a sentence."""
    if not text:
        return False
    start = text.rfind("\n", 0, d.start) + 1
    end = text.find("\n", d.end)
    line = text[start:end if end >= 0 else len(text)]
    return not line.replace(text[d.start:d.end], "").strip(" ,.-|()")


_SESSION = re.compile(r"(?<!\w)(?:[Ss]esi|[Ss]ession)\s+(?!diskusi\b|tanya\b|ini\b|tersebut\b|foto\b)"
                      r"((?:[a-z]+(?:\s+dan\s+[a-z]+)?)|(?:\d+|[IVX]+)(?::[^.;\n]{3,60})?|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,4})")


def find_sessions(text: str) -> list[SessionFact]:
    """Sessions named in the text ("sesi keterhubungan", "Session 2: Financing", "sesi pertama").

    >>> [s.label for s in find_sessions("Dalam sesi keterhubungan dijelaskan; pada sesi kedua dibahas")]
    ['Sesi keterhubungan', 'Sesi kedua']
    """
    out: list[SessionFact] = []
    for m in _SESSION.finditer(text):
        topic = m.group(1).strip()
        if topic.lower() in words("not_session_topics"):
            continue
        label = m.group(0)[0].upper() + m.group(0)[1:]
        out.append(SessionFact(label.strip(), m.start(), m.start() + len(m.group(0).rstrip())))
    return out
