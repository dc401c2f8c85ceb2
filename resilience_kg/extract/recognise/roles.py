"""Each actor's role in the event, read from cue phrases in its sentence (``rules/role_cues.csv``).

A cue applies to the actors after it ("dihadiri oleh X"), before it ("X menyelenggarakan") or
either side. An actor takes the role of the nearest cue that reaches it; an actor with no cue is
*mentioned*. Across its mentions an actor keeps its strongest role.

A list or a table (rows of an attendance table, Markdown ``| ... |`` or tab-separated, list items,
under group headings such as "Pemerintah:") takes the cue of the heading that introduces it
("Daftar Hadir", "I. PESERTA RAPAT", "Narasumber:"): see :func:`heading_cue`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import alternation, table
from resilience_kg.extract.segment import Span

#: Strongest first: an organiser who also attends is an organiser.
ROLE_ORDER = ("organiser", "host", "opener", "speaker", "participant", "mentioned")
#: The role of a cue that says who signs an agreement: decided after the others (organiser of a
#: signing nobody else organises, else participant), never drafted as such.
SIGNATORY = "signatory"
#: The connection each role becomes, and whether it runs event -> actor.
ROLE_CONNECTIONS = {
    "organiser": ("organizedBy", True),
    "host": ("hostedBy", True),
    "opener": ("openedBy", True),
    "speaker": ("speakerAt", False),
    "participant": ("participatedIn", False),
    "mentioned": ("mentionedIn", False),
}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    role: str
    direction: str
    phrase: str


@functools.cache
def _cue_regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    cues: dict[str, tuple[str, str]] = {}
    for row in table("role_cues"):
        cues.setdefault(row["cue"].lower(), (row["role"], row["direction"]))
    alternatives = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in alternatives) + r")(?!\w)", re.I), cues


def find_cues(text: str, sentence: Span) -> list[Cue]:
    pattern, cues = _cue_regex()
    out = []
    for m in pattern.finditer(text, sentence.start, sentence.end):
        role, direction = cues[m.group(1).lower()]
        if direction == "before" and _ARTICLE.search(text, max(0, m.start() - 5), m.start()):
            continue  # "called for a shared map": a participle after an article is an adjective, no act
        out.append(Cue(m.start(), m.end(), role, direction, m.group(1)))
        # A cue that begins inside this one and runs past it is a second cue: "received a
        # delegation from the Embassy" says who hosts and who visits.
        for pos in range(m.start() + 1, m.end()):
            tail = pattern.match(text, pos, sentence.end)
            if tail is not None and tail.end() > m.end():
                role, direction = cues[tail.group(1).lower()]
                out.append(Cue(tail.start(), tail.end(), role, direction, tail.group(1)))
                break
    return out


def role_of(start: int, end: int, cues: Sequence[Cue], text: str,
            others: Sequence[tuple[int, int]] = ()) -> tuple[str, Cue | None]:
    """The role of the mention at ``start:end`` given its sentence's cues.

    A cue reaches forward over the rest of its clause (a semicolon or a full stop ends it) and
    backward over the words before it in the same clause. A verb of speaking reaches back no
    further than the plain list of bodies just before it ("A, B dan C menyampaikan"): in "A meminta
    agar ..., sementara B menyoroti ..." the verb is B's. (Who organises is often named with a
    partner, "A bersama B menyelenggarakan", so the other cues keep their reach.) ``others`` are
    the spans of the sentence's other mentions.
    """
    best: tuple[int, Cue] | None = None
    for cue in cues:
        if cue.direction in ("after", "both") and cue.end <= start:
            between = text[cue.end:start]
            # A venue (its host) or a supporter is one name; an attendance list runs over commas and semicolons.
            if cue.role in ("mentioned", "host") and re.search(r"[;,]\s", between):
                continue
            if _ANSWERING.search(text, max(0, cue.start - 20), cue.start):
                continue  # "Menanggapi paparan tersebut, X ...": X answers the presentation
            distance = start - cue.end
        elif cue.direction in ("before", "both") and cue.start >= end:
            between = text[end:cue.start]
            if ";" in between or len(between) > 160:
                continue
            if cue.role == "speaker" and not _listed_before(end, cue.start, others, text):
                continue  # "A meminta agar ..., sementara B menyoroti ...": B speaks, not A
            distance = cue.start - end + 40  # a cue before its actor is the usual reading
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, cue)
    if best is None:
        return "mentioned", None
    cue = best[1]
    if cue.start >= end:
        # "X turut hadir dan menyampaikan ...": verbs joined after the actor all say what it did;
        # it keeps the strongest (an opener or a speaker is there too).
        for other in sorted(cues, key=lambda c: c.start):
            if other.start >= cue.end and _JOINED.fullmatch(text[cue.end:other.start]) and \
                    other.direction in ("before", "both") and stronger(other.role, cue.role) == other.role:
                cue = other
    return cue.role, cue


def _listed_before(end: int, cue_start: int, others: Sequence[tuple[int, int]], text: str) -> bool:
    """True when every body named between a mention (ending at ``end``) and a cue after it stands
    in one plain list with the mention: only list joiners between them."""
    at = end
    for s, e in sorted(o for o in others if end <= o[0] and o[1] <= cue_start):
        if not _list_joiner().fullmatch(text[at:s]):
            return False
        at = e
    return True


@functools.cache
def _list_joiner() -> re.Pattern[str]:
    """What joins the members of a plain list of bodies: "A, B dan C", "A serta B", "A and the B",
    "A/B" (the words: ``list_joiners`` of ``rules/words.csv``)."""
    joiners = alternation("list_joiners")
    return re.compile(rf"\s*(?:,|/)?\s*(?:(?:{joiners})\s+)?(?:the\s+)?", re.I)


#: An English article just before a verb cue makes the verb an adjective ("a shared map").
_ARTICLE = re.compile(r"(?i)\b(?:a|an|the)\s+$")
#: Words before a cue that make who follows answer it, not do it ("Menanggapi paparan tersebut, X").
_ANSWERING = re.compile(r"(?i)\b(?:menanggapi|merespons|responding to|in response to)\s+(?:the\s+)?$")
#: What joins two verbs of one actor: "hadir dan menyampaikan", "attended and presented".
_JOINED = re.compile(r"\s*,?\s*(?:dan|serta|sekaligus|and)\s+", re.I)
#: A line that is a row of a table (Markdown pipes, or cells separated by tabs) or a list item.
_ROW = re.compile(r"[ \t]*(?:\||[-•*–][ \t]|\(?\d{1,3}[.)][ \t]|\(?[a-z][.)][ \t])")
#: Three columns set apart by runs of spaces ("1.      Budi    BPBD Kota Medan").
_COLUMNS = re.compile(r"\S {3,}\S.*?\S {3,}\S")
#: A table's rule line ("|---|:--|").
_RULE = re.compile(r"^[ \t|:+-]*$")
#: How far up a list's heading is looked for, in lines.
_HEADING_REACH = 80
#: The most words of a heading that does not end in a colon.
_HEADING_WORDS = 6
#: The most words of a line that is one cell of a table.
_CELL_WORDS = 10


def _is_row(line: str) -> bool:
    """A table row (pipes, even without the outer ones: "1 | Nama | Instansi"; tabs; or columns
    set apart by runs of spaces, as a PDF's table reads) or a list item."""
    return bool(_ROW.match(line)) or "\t" in line.strip() or line.count("|") >= 2 or bool(_COLUMNS.search(line))


@functools.cache
def _group_labels() -> frozenset[str]:
    return frozenset(row["cue"].lower() for row in table("group_headings"))


def _is_group_heading(line: str) -> bool:
    """A group label of a list ("Pemerintah:", "Dunia Usaha:", "unsur Akademisi:", from
    ``rules/group_headings.csv``), read past to the list's own heading."""
    label = re.sub(r"(?i)^\s*(?:unsur|kelompok)\s+", "", line.strip().rstrip(":").strip())
    return line.strip().endswith(":") and label.lower() in _group_labels()


def _is_heading(line: str) -> bool:
    """A line that can introduce a list: short ("Daftar Hadir", "I. PESERTA RAPAT") or ending in
    a colon ("... Narasumber dan undangan:"); a paragraph that runs on is no heading."""
    stripped = line.strip()
    return stripped.endswith(":") or len(stripped.split()) <= _HEADING_WORDS


def _is_cell(line: str) -> bool:
    """A line of one table cell, as a web page's table reads when each cell is a block ("1",
    "Budi", "BPBD Kota Medan"): short, and no sentence."""
    stripped = line.strip()
    return 0 < len(stripped.split()) <= _CELL_WORDS and not re.search(r"[.!?:;,]$", stripped)


def heading_cue(text: str, pos: int) -> Cue | None:
    """The cue of the heading over the list or table whose row or item holds ``pos``, if any.

    From the line of ``pos``, when it is a row or an item, the lines above are read up past the
    other rows and items, the rule and header lines of a table and the group headings of a list,
    to the first other line: the list's heading. Its cue (the first one of its last sentence that
    reaches forward, such as "Daftar Hadir", "Peserta yang hadir:", "Narasumber dan undangan:",
    "Attendance") is the role of every body the list names without a cue of its own. A table
    read one cell a line (a web page's) is read the same way, over its cells.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    own = text[line_start:line_end if line_end >= 0 else len(text)]
    cells = not _is_row(own) and _is_cell(own)
    if not (_is_row(own) or cells):
        return None
    end = line_start - 1
    top: tuple[int, int] | None = None  # the first row of the table: its header, if it has one
    header: Cue | None = None  # in a table of one cell a line, its organisation column's header
    for _ in range(_HEADING_REACH):
        if end < 0:
            break  # the text begins with the table
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip() or _RULE.match(line):
            continue
        if _is_row(line):
            top = (start, start + len(line))
            continue  # the other rows and items, the table's header
        if _is_group_heading(line):
            continue
        cues = [c for c in find_cues(text, _last_sentence(text, start, start + len(line)))
                if c.direction in ("after", "both") and c.role != "mentioned"] if _is_heading(line) else []
        if cues:
            return cues[0]
        if cells and _is_cell(line):
            header = _attendance_header(text, start, start + len(line)) or header
            continue
        # No heading says who the rows are: a header with an organisation column still does (it
        # may be a line of one cell, "Name / Organisation", above rows of several).
        return (_attendance_header(text, *(top or (start, start))) or _attendance_header(text, start, start + len(line))
                or header)
    return _attendance_header(text, *top) if top else header


@functools.cache
def _attendance_column() -> re.Pattern[str]:
    columns = sorted((row["column"] for row in table("attendance_columns")), key=len, reverse=True)
    return re.compile(r"(?:^|[|\t/]| {2})[ \t]*(" + "|".join(re.escape(c) for c in columns)
                      + r")[ \t]*(?:$|[|\t/]| {2})", re.I | re.M)


def _attendance_header(text: str, start: int, end: int) -> Cue | None:
    """A table with no heading that says who its rows are, whose header row has an organisation
    column ("| No | Nama | Jabatan | Instansi |", "Name / Organisation"), is an attendance list."""
    header = _attendance_column().search(text, start, end)
    if header is None:
        return None
    return Cue(header.start(1), header.end(1), "participant", "after", header.group(1))


def _last_sentence(text: str, start: int, end: int) -> Span:
    """The last sentence of the line ``text[start:end]`` (a heading may close a paragraph:
    "Peserta berjumlah 45 orang ... Narasumber dan undangan:")."""
    cut = max((m.end() for m in re.finditer(r"[.!?]\s+(?=\S)", text[start:end])), default=0)
    return Span(start + cut, end, text[start + cut:end])


def stronger(a: str, b: str) -> str:
    return a if ROLE_ORDER.index(a) <= ROLE_ORDER.index(b) else b
