"""Enumerated issues and solutions: "(i) ...; (ii) ...; dan (iii) ...", "1. ... 2. ...", bullet
lines and semicolon lists after a colon. The words before the list ("isu utama ... yaitu:",
"Solusi yang dihadirkan ...:") say whether its items are issues or solutions
(``rules/list_kinds.csv``); a list with neither is left alone."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import alternation, list_kinds, table, word_map
from resilience_kg.extract.recognise.rules import words as word_list


@dataclass(frozen=True)
class ListItem:
    kind: str  # Issue | Solution
    label: str
    start: int  # quote: marker and item text
    end: int
    intro_start: int  # the words that introduce the list
    intro_end: int
    method: str
    #: The row of ``rules/methods.csv`` that says how sure the drafted row is.
    sure: str = "item"


def _intro_kind(intro: str) -> str | None:
    """The kind named last before the list: "isu ... Solusi ...:" introduces solutions."""
    pattern, kinds = list_kinds()
    found = [kinds[m.group(1).lower()] for m in pattern.finditer(intro)]
    return found[-1] if found else None


_INLINE_MARKER = re.compile(r"\((?:i{1,3}|iv|v|vi{1,3}|ix|x|[a-h]|\d{1,2})\)|(?<![\w.])(?:[a-h]|\d{1,2})\)(?=\s)")
_LINE_ITEM = re.compile(r"^[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)]|\((?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\))"
                        r"[ \t]+(?=\S)", re.M)
_TRAIL = re.compile(r"(?:[;,:]\s*(?:" + alternation("list_conjunctions") + r")?|\s+(?:dan|and|serta|sekaligus))\s*$",
                    re.I)


def _clean(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim an item's span: spaces, a trailing "; dan", a final full stop."""
    while True:
        chunk = text[s:e]
        stripped = chunk.rstrip()
        m = _TRAIL.search(stripped)
        if m:
            stripped = stripped[:m.start()]
        stripped = stripped.rstrip(" .")
        if len(stripped) == len(chunk):
            break
        e = s + len(stripped)
    return s, e


def _item_label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[0].upper() + text[1:] if text else text


def find_items(text: str, *, bodies: Sequence[tuple[int, int]] | None = None) -> list[ListItem]:
    """Issues and solutions in lists, in sentences that name them, and stated in prose with a cue
    word; ``bodies`` (the spans of the bodies the report names, when known) keep a body's own
    proposal for :mod:`resilience_kg.extract.recognise.clauses`."""
    if bodies is not None:
        from resilience_kg.extract.recognise.clauses import past_bracket

        # "Ani (BMKG) mengusulkan ...": the body's verb comes after the bracket that holds it.
        bodies = [(s, past_bracket(text, (s, e))) for s, e in bodies]
    items: list[ListItem] = []
    items += _inline_lists(text)
    items += _line_lists(text)
    items += _semicolon_lists(text, taken=[(i.start, i.end) for i in items])
    items += _ordinal_items(text, taken=[(i.start, i.end) for i in items])
    items += _prose_items(text, taken=[(i.intro_start, i.end) for i in items])
    items += _prose_statements(text, taken=[(min(i.intro_start, i.start), i.end) for i in items], bodies=bodies)
    if bodies is not None:
        from resilience_kg.extract.recognise.issues import body_acts

        # "c. BPBD akan menyerahkan data ..." in a list of notes is BPBD's commitment (clauses.py), no issue.
        items = [i for i in items if not body_acts(text, i.start, i.end, bodies)]
    return sorted(items, key=lambda i: i.start)


def _prose_statements(text: str, *, taken: list[tuple[int, int]],
                      bodies: Sequence[tuple[int, int]] | None) -> list[ListItem]:
    """Issues and solutions a sentence states with a cue word ("masih minimnya ...", "X perlu
    ditingkatkan"): :mod:`resilience_kg.extract.recognise.issues`."""
    from resilience_kg.extract.recognise.issues import find_statements

    return [ListItem(s.kind, _item_label(text[s.start:s.end]), s.start, s.end, s.intro_start, s.intro_end,
                     _METHODS.get(s.cue, f"rule:prose-{s.kind.lower()}"))
            for s in find_statements(text, taken=taken, bodies=bodies)]


#: The method of an item found under a heading or in a table column, by how it was found.
_METHODS = {"heading": "rule:heading-section", "table": "rule:table-column"}


@functools.cache
def _prose_regex() -> re.Pattern[str]:
    """A noun that names issues or solutions, up to three qualifying words, and a copula:
    "Permasalahan utama yang dihadapi adalah ...", "The main challenges are ..."
    (``rules/list_kinds.csv``, ``rules/clause_words.csv``)."""
    # Only the nouns that name issues or solutions outright ("prose" in the table): "Upaya ini
    # adalah bagian dari ..." names no solution.
    nouns = [r["cue"].lower() for r in table("list_kinds") if r["prose"]]
    copulas = sorted((r["word"] for r in table("clause_words") if r["role"] == "copula"), key=len, reverse=True)
    kind = "|".join(re.escape(k) for k in sorted(nouns, key=len, reverse=True))
    copula = "|".join(re.escape(c) for c in copulas)
    # Copulas may come in a run ("di antaranya adalah", "antara lain yaitu"): the item starts after
    # the last. "Permasalahan yang dihadapi: X" on one line names X as the copula would; a longer
    # qualification ends at a word that enumerates ("ada beberapa masalah yang diinventarisir
    # menjadi kendala, yaitu X, serta Y"; "beberapa rekomendasi, antara lain X"; "diantaranya
    # adalah X").
    listing = "|".join(re.escape(c) for c in sorted(word_list("enumerating_copulas"), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<kind>{kind})(?:(?:\s+[\w-]+){{0,3}}?"
                      rf"(?:(?:\s+(?:{copula})){{1,2}}(?:\s*:)?|[ \t]*:)|"
                      rf"(?:\s+[\w-]+){{0,6}}?,?\s+(?:{listing})(?:\s+(?:{copula}))?)[ \t]+(?=\S)", re.I)



@functools.cache
def _next_sentence_regex() -> re.Pattern[str]:
    """A noun that names issues or solutions near the end of a sentence, and the next sentence
    opening with a word that enumerates them ("... langkah strategis dalam mengurangi kemacetan.
    Di antaranya, memperluas rute ...", "... sejumlah kendala. Salah satunya adalah ..."; ``words.csv``
    list ``next_sentence_openers``): news items name the kind in one sentence and list it in the
    next. Every noun of ``list_kinds`` counts here, as the opener itself says a list follows."""
    nouns = sorted((r["cue"].lower() for r in table("list_kinds")), key=len, reverse=True)
    copulas = sorted((r["word"] for r in table("clause_words") if r["role"] == "copula"), key=len, reverse=True)
    openers = alternation("next_sentence_openers")
    kind = "|".join(re.escape(k) for k in nouns)
    copula = "|".join(re.escape(c) for c in copulas)
    return re.compile(rf"(?<!\w)(?P<kind>{kind})(?:[ \t]+[^\s.!?:;]+){{0,{NEXT_REACH}}}?[ \t]*\.[ \t]+"
                      rf"(?P<open>{openers})(?![\w-])(?:[ \t]*,)?(?:[ \t]+(?:{copula}))?[ \t]*,?[ \t]+(?=\S)", re.I)


def _qualifies(text: str, a: int, b: int) -> bool:
    """Does the part ``text[a:b]`` of a list, past its leads, open with a preposition or a word that
    enumerates ("khususnya di daerah X", "yakni Kota Y")? Then it qualifies the part before it."""
    from resilience_kg.extract.recognise.issues import _problem_list

    a += len(text[a:b]) - len(text[a:b].lstrip())
    lead = _item_lead().match(text, a, b)
    return _problem_list()[2].match(text, lead.end() if lead else a) is not None


@functools.cache
def _item_lead() -> re.Pattern[str]:
    """Words that lead a list's item without being part of it (``words.csv`` list ``list_item_leads``)."""
    return re.compile(rf"(?:(?:{alternation('list_item_leads')})\s+)+", re.I)


#: Most words between the noun that names a list's kind and the end of its sentence.
NEXT_REACH = 8
#: Longest list named in one sentence, in characters (five measures of a dozen words each).
MAX_PROSE_LIST = 500


def _prose_items(text: str, *, taken: list[tuple[int, int]]) -> list[ListItem]:
    """Issues and solutions named in a sentence rather than a list: "Permasalahan utama adalah
    banjir rob dan kebocoran pipa." gives two issues; what follows the copula, split at commas and
    "dan"/"and" when it lists, up to the end of the sentence."""
    from resilience_kg.extract.recognise.issues import names

    _, kinds = list_kinds()
    out: list[ListItem] = []
    for m in (*_prose_regex().finditer(text), *_next_sentence_regex().finditer(text)):
        if any(a <= m.start() < b for a, b in taken) or any(i.start <= m.start() < i.end for i in out):
            continue  # a list the other readers have
        # The sentence ends at its full stop, a line's end, a colon, or the close of a quotation
        # ('"Kendalanya adalah X," ujarnya': the attribution is no item).
        stop = re.compile(r"\.(?:\s|$)|\n|:|[”\"]").search(text, m.end())
        end = stop.start() if stop else len(text)
        if end - m.end() > MAX_PROSE_LIST:
            continue  # no sentence end in sight: not a statement of issues
        parts = _outside_brackets(text[m.end():end])
        pieces = []
        for n, (ps, pe) in enumerate(parts):
            # "A, B dan C": the last part holds the joiner; a "dan" inside an earlier part of a
            # list of commas joins the words of its own item ("melibatkan ahli dan pakar ...").
            chunk = text[m.end() + ps:m.end() + pe]
            for q in _split_and(chunk) if n == len(parts) - 1 else [chunk]:
                at = text.find(q, m.end() + ps)
                pieces.append((at, at + len(q)))
        if len(pieces) == 1:
            pieces = [(m.end(), end)]  # one item: "dan" inside it joins its own words
        elif names(text, pieces):
            continue  # "groups working on environmental issues attended, including A, B, C": who came
        # A list the next sentence opens is introduced by its opener: the sentence that names the
        # kind states its own issue or measure ("... dalam mengurangi dampak kemacetan.").
        intro = m.start("open") if m.groupdict().get("open") else m.start()
        if intro != m.start() and len(pieces) > 1 and any(_qualifies(text, a, b) for a, b in pieces):
            continue  # "Antara lain, persoalan banjir, khususnya di dapil X": one problem qualified, issues.py reads it
        for a, b in pieces:
            a, b = _clean(text, a + len(text[a:b]) - len(text[a:b].lstrip()), b)
            if len(pieces) > 1 and (lead := _item_lead().match(text, a, b)):
                a = lead.end()  # "..., hingga rekomendasi X": the item is the recommendation
            label = text[a:b]
            if len(label.split()) < 2 or len(label) > 160:
                continue
            out.append(ListItem(kinds[m.group("kind").lower()], _item_label(label), a, b, intro, m.end(),
                                "rule:prose-items"))
    return out


@functools.cache
def _ordinal_regex() -> re.Pattern[str]:
    """An ordinal opening a sentence, and its comma (``words.csv`` list ``ordinal_openers``)."""
    return re.compile(rf"(?:(?<=[.!?]\s)|(?<=\n)|^)[ \t]*[\"“]?(?P<ord>{alternation('ordinal_openers')}),[ \t]+(?=\S)",
                      re.M)


#: Longest item an ordinal opens, in characters (a sentence).
MAX_ORDINAL_ITEM = 300


def _ordinal_items(text: str, *, taken: list[tuple[int, int]]) -> list[ListItem]:
    """Items numbered by the sentences that state them: "... empat faktor yang memperparah persoalan
    sampah. Pertama, timbulan sampah meningkat. Kedua, ..." gives an issue per ordinal sentence,
    of the kind the sentence before names (``rules/list_kinds.csv``; none named, none drafted).
    The ordinals must run in order from the first, each right after the item before: two at least."""
    numbers = {w.lower(): int(n) for w, n in word_map("ordinal_openers").items()}
    out: list[ListItem] = []
    for first in _ordinal_regex().finditer(text):
        if numbers[first.group("ord").lower()] != 1 or any(a <= first.start() < b for a, b in taken):
            continue
        # The sentence before, in the same paragraph or the one before, names the kind.
        before = text[:first.start("ord")].rstrip(" \t\"“")
        intro_start = max(before.rfind(". ", 0, len(before) - 1) + 2, before.rfind("\n", 0, len(before) - 1) + 1)
        kind = _intro_kind(text[intro_start:first.start("ord")])
        if kind is None:
            continue
        run: list[tuple[int, int]] = []
        m: re.Match[str] | None = first
        while m is not None and numbers[m.group("ord").lower()] == len(run) + 1:
            stop = re.compile(r"[.!?](?:[\"”]?\s|$)|\n|[,.]?[\"”]").search(text, m.end())
            end = stop.start() if stop else len(text)
            if end - m.end() > MAX_ORDINAL_ITEM:
                break
            run.append((m.end(), end))
            m = _ordinal_regex().match(text, end + 1) or _ordinal_regex().match(text, end + 2)
        if len(run) < 2:
            continue
        for a, b in run:
            a, b = _clean(text, a, b)
            if len(text[a:b].split()) >= 2:
                out.append(ListItem(kind, _item_label(text[a:b]), a, b, intro_start, first.start("ord"),
                                    "rule:ordinal-items"))
    return out


def _outside_brackets(chunk: str) -> list[tuple[int, int]]:
    """The parts of ``chunk`` between its commas and semicolons, as (start, end), leaving whole what
    a bracket holds: "penetapan status (siaga, tanggap darurat, dan transisi)" is one part, its
    bracket an explanation of the item, not items of the list."""
    parts: list[tuple[int, int]] = []
    depth, last = 0, 0
    for n, ch in enumerate(chunk):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append((last, n))
            last = n + 1
    parts.append((last, len(chunk)))
    return [(a, b) for a, b in parts if chunk[a:b].strip()]


def _bracketed(chunk: str) -> list[tuple[int, int]]:
    """The spans of ``chunk`` inside brackets (an unclosed one runs to the end)."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for n, ch in enumerate(chunk):
        if ch == "(":
            if depth == 0:
                start = n
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, n + 1))
    if depth:
        spans.append((start, len(chunk)))
    return spans


def _split_and(chunk: str) -> list[str]:
    """``chunk`` split at "dan"/"serta"/"and", except between two capitalised words, which join a
    name ("Kerja Sama Pemerintah dan Badan Usaha"), and inside a bracket."""
    parts: list[str] = []
    last = 0
    inside = _bracketed(chunk)
    for m in re.finditer(r"(\S*)\s+(?:dan|serta|and)\s+(?=(\S))", chunk):
        if m.group(1)[:1].isupper() and m.group(2).isupper():
            continue
        if any(a < m.start() + len(m.group(1)) < b for a, b in inside):
            continue
        parts.append(chunk[last:m.start() + len(m.group(1))])
        last = m.end()
    parts.append(chunk[last:])
    return parts


def _inline_lists(text: str) -> list[ListItem]:
    out: list[ListItem] = []
    for para in re.finditer(r"[^\n]+", text):
        markers = [m for m in _INLINE_MARKER.finditer(text, para.start(), para.end())]
        if len(markers) < 2:
            continue
        # Split markers into runs that restart at (i)/(a)/(1).
        runs: list[list[re.Match[str]]] = []
        for m in markers:
            first = m.group(0).strip("()") in ("i", "a", "1")
            if first or not runs:
                runs.append([m])
            else:
                runs[-1].append(m)
        for run in runs:
            if len(run) < 2:
                continue
            intro_start = max(para.start(), text.rfind(".", para.start(), run[0].start()) + 1)
            # The intro ends at the first marker; it starts after the previous list or sentence.
            kind = _intro_kind(text[intro_start:run[0].start()])
            if kind is None:
                continue
            for n, m in enumerate(run):
                if n + 1 < len(run):
                    stop = run[n + 1].start()
                else:
                    end_match = re.search(r"\.(?=\s+[A-Z]|\s*$)", text[m.end():para.end()])
                    stop = m.end() + end_match.start() if end_match else para.end()
                s, e = _clean(text, m.start(), stop)
                body_start = m.end() + (len(text[m.end():e]) - len(text[m.end():e].lstrip()))
                if e - body_start < 3:
                    continue
                out.append(ListItem(kind, _item_label(text[body_start:e]), s, e, intro_start, run[0].start(),
                                    "rule:list-inline-marker"))
    return out


def _line_lists(text: str) -> list[ListItem]:
    out: list[ListItem] = []
    lines = list(re.finditer(r"[^\n]*", text))
    n = 0
    while n < len(lines):
        if not _LINE_ITEM.match(lines[n].group(0)) or not lines[n].group(0).strip():
            n += 1
            continue
        run = []
        while n < len(lines) and (lines[n].group(0).strip() == "" or _LINE_ITEM.match(lines[n].group(0))):
            if lines[n].group(0).strip():
                run.append(lines[n])
            n += 1
        if len(run) < 2:
            continue
        # The line that introduces the list, blank lines skipped ("## Key issues", a blank line, "* ...").
        intro_end = len(text[:run[0].start()].rstrip())
        prev = text.rfind("\n", 0, intro_end)
        intro_start = max(0, prev + 1)
        kind = _intro_kind(text[intro_start:intro_end])
        if kind is None:
            continue
        for line in run:
            marker = _LINE_ITEM.match(line.group(0))
            assert marker is not None
            s, e = _clean(text, line.start(), line.end())
            body = line.start() + marker.end()
            if e - body < 3:
                continue
            out.append(ListItem(kind, _item_label(text[body:e]), s, e, intro_start, intro_end, "rule:list-lines"))
    return out


def _semicolon_lists(text: str, *, taken: list[tuple[int, int]]) -> list[ListItem]:
    """"... yaitu: A; B; dan C." in one sentence (at least two semicolons or one and a "dan")."""
    out: list[ListItem] = []
    for m in re.finditer(r"([^\n:]{5,300}):\s*([^\n:]+?;[^\n]+?)(?:\.(?=\s|$)|$)", text, re.M):
        if any(m.start(2) < e and s < m.end(2) for s, e in taken):
            continue
        kind = _intro_kind(m.group(1))
        if kind is None:
            continue
        pos = m.start(2)
        parts = re.split(r";", m.group(2))
        if len(parts) < 2:
            continue
        for part in parts:
            s = pos + (len(part) - len(part.lstrip()))
            raw_end = pos + len(part)
            pos = raw_end + 1
            lead = re.match(r"(?:dan|and|serta)\s+", text[s:raw_end], re.I)
            if lead:
                s += lead.end()
            s, e = _clean(text, s, raw_end)
            if e - s < 3:
                continue
            out.append(ListItem(kind, _item_label(text[s:e]), s, e, m.start(1), m.end(1), "rule:list-semicolon"))
    return out
