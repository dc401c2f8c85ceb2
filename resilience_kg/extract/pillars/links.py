"""Draft the pillar links of a report: which pillar of its city's strategy each issue, solution,
commitment, session and event is about, read from the cue words of
:mod:`resilience_kg.extract.pillars.strategy`.

A post-pass over the drafted rows: it reads the Issue, Solution, Commitment, Session and Event
element rows (their ``quote``/``start``/``end``) and the ``raisedIn``, ``presentedIn`` and
``hasSession`` connection rows that tie the items to their session or event, and appends
``underPillar`` for each item (``concernsPillar`` for each session, and for the event when its
issues agree). A pillar link is an inference, never a report statement: every row has
``basis=curated``, the cue words as its quote (exact offsets), the method
``rule:pillar-cue:<cue>`` and a confidence from where the cue is and how many agree:

- cues in the item itself decide; the pillar with most cue hits wins (0.6 for one cue, 0.7 for
  two that agree, 0.75 for three or more; 0.1 less when another pillar's cue is there too);
- a tie in the item (a cue listed under two pillars, or one cue each) is broken by the heading of
  the item's session (or event), keeping the item's own cue as the quote (0.45); failing that,
  no link, and the row's note names the candidates;
- an item with no cue takes the pillar of its session's heading (0.4); with none there either,
  no link, and the note says "no pillar cue: choose one on review";
- a weak cue (``weight=weak`` in the cue table: data sharing, participation, themes of every
  pillar) counts only when the item has no other cue and its heading none either.

A report whose city has no strategy gets no pillar link (its issues say so). Pillars that the
graph being joined does not know (a user's city strategy) are drafted too, as curated Strategy
and Pillar rows, so that the links have an end.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilience_kg.extract.draft import CONNECTION_HEADER, ELEMENT_HEADER, Draft, IdMaker
from resilience_kg.extract.recognise.rules import confidence as rule_confidence

if TYPE_CHECKING:
    from resilience_kg.extract.pillars.strategy import Cue, Strategies, Strategy

ITEM_TYPES = ("Issue", "Solution", "Commitment")
#: Links that tie an item to the session or event it was raised or presented in.
OWNER_LINKS = ("raisedIn", "presentedIn")
NO_CUE = "no pillar cue: choose one on review"
#: The note an issue gets from the drafting before its pillar is decided here.
_PENDING = "review: link it to a pillar (underPillar)"


@dataclass(frozen=True)
class Hit:
    """A cue found in the text: where, which cue, and every pillar that cue is listed under."""

    start: int
    end: int
    cue: str
    pillars: tuple[str, ...]
    weak: bool = False


@dataclass(frozen=True)
class Choice:
    """The pillar chosen for one row, the hit quoted as evidence, and how sure."""

    pillar: str
    hit: Hit
    confidence: float
    agreeing: tuple[str, ...]
    why: str


#: Small words inside an organisation's name ("Ministry of Health", "Dinas Pertamanan dan Hutan Kota").
_NAME_JOINERS = frozenset(("of", "for", "and", "dan"))


@functools.cache
def _heads() -> tuple[tuple[str, ...], ...]:
    from resilience_kg.extract.recognise.rules import table

    return tuple(tuple(row["head"].split()) for row in table("head_nouns"))


#: How far back the words of a name are read, in characters (the longest names run to about
#: 150: "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah ...").
_NAME_REACH = 300


def in_a_name(text: str, start: int) -> bool:
    """True when the word at ``start`` is part of an organisation's name: capitalised, in a run
    of capitalised words that holds an organisation head noun (``rules/head_nouns.csv``). The
    health office's name says nothing about what it proposed.

    >>> in_a_name("Dinas Kesehatan mengusulkan", 6), in_a_name("isu kesehatan warga", 4)
    (True, False)
    """
    if not text[start:start + 1].isupper():
        return False
    # A name's words stand just before the cue: read back no further than a long name reaches,
    # so that a long line of cues costs each of them a little, not the whole line.
    line = text[max(text.rfind("\n", 0, start) + 1, start - _NAME_REACH):start]
    run: list[str] = []
    for word in reversed(re.findall(r"[\w.&'-]+", line)):
        if not (word[:1].isupper() or word in _NAME_JOINERS):
            break
        run.append(word)
    run.reverse()
    return any(tuple(run[i:i + len(h)]) == h for h in _heads() for i in range(len(run) - len(h) + 1))


def find_hits(text: str, start: int, end: int, strategy: Strategy) -> list[Hit]:
    """The cue hits in ``text[start:end]``, left to right; a hit inside a longer one ("limbah" in
    "air limbah") or inside an organisation's name ("Dinas Kesehatan") is dropped.

    >>> from resilience_kg.extract.pillars.strategy import load_strategies
    >>> jakarta = load_strategies().for_city("DKI Jakarta")
    >>> text = "Pengelolaan air limbah di kawasan yang kebanjiran"
    >>> [(h.cue, text[h.start:h.end], h.pillars) for h in find_hits(text, 0, len(text), jakarta)]
    [('air limbah', 'air limbah', ('jakarta-sehat',)), ('banjir', 'kebanjiran', ('jakarta-siap',))]
    """
    by_pattern: dict[str, list[Cue]] = defaultdict(list)
    for cue in strategy.cues:
        by_pattern[cue.pattern].append(cue)
    found: list[Hit] = []
    for pattern, cues in by_pattern.items():
        pillars = tuple(dict.fromkeys(c.pillar for c in cues))
        weak = all(c.weak for c in cues)
        for m in re.finditer(pattern, text[start:end], re.IGNORECASE):
            if not in_a_name(text, start + m.start()):
                found.append(Hit(start + m.start(), start + m.end(), cues[0].cue, pillars, weak))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in found:
        if kept and hit.start < kept[-1].end:  # inside (or overlapping) a longer, earlier hit
            continue
        kept.append(hit)
    return kept


@functools.cache
def _exposure() -> re.Pattern[str]:
    """An exposure word ("rawan", "terancam", "prone to": ``words.csv`` list ``hazard_exposure``)
    at the end of a text, maybe with one word between it and what follows ("rawan terjadi")."""
    from resilience_kg.extract.recognise.rules import words

    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in
                            sorted(words("hazard_exposure"), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})\s+(?:[\w-]+\s+)?$", re.I)


def _exposure_first(text: str, hits: Sequence[Hit], start: int) -> list[Hit]:
    """The hits an exposure word stands before ("halte ... di kawasan rawan banjir": banjir),
    when there are any: what the item is exposed to says what it is about, not the assets or
    the people exposed; else every hit.

    >>> from resilience_kg.extract.pillars.strategy import load_strategies
    >>> jakarta = load_strategies().for_city("DKI Jakarta")
    >>> text = "halte bus di kawasan rawan banjir"
    >>> [h.cue for h in _exposure_first(text, find_hits(text, 0, len(text), jakarta), 0)]
    ['banjir']
    """
    exposed = [h for h in hits if not h.weak and _exposure().search(text[max(start, h.start - 60):h.start])]
    return exposed or list(hits)


def _tally(hits: Sequence[Hit]) -> dict[str, list[Hit]]:
    out: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        for pillar in hit.pillars:
            out[pillar].append(hit)
    return out


def _leaders(tally: dict[str, list[Hit]]) -> list[str]:
    if not tally:
        return []
    best = max(len(v) for v in tally.values())
    return sorted(p for p, v in tally.items() if len(v) == best)


def _quote_hit(hits: Sequence[Hit]) -> Hit:
    """The hit to quote: the first that names this pillar alone, else the first."""
    return next((h for h in hits if len(h.pillars) == 1), hits[0])


def _cues(hits: Sequence[Hit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h.cue for h in hits))


def choose(own: Sequence[Hit], context: Sequence[Hit], strategy: Strategy, *,
           where: str = "heading") -> tuple[Choice | None, str]:
    """The pillar for an item from the cues in it (``own``) and in its context (``context``: its
    sentence, or its session's or event's heading, as ``where`` says), or None and a note saying
    why none."""
    notation = {p.id: p.notation for p in strategy.pillars}
    # Weak cues (a theme of every pillar: data, participation) count only when nothing stronger
    # speaks: not a strong cue in the item, nor its heading.
    strong = [h for h in own if not h.weak]
    if strong or len(_leaders(_tally([h for h in context if not h.weak]))) == 1:
        own = strong
    context = [h for h in context if not h.weak] or context
    own_tally = _tally(own)
    leaders = _leaders(own_tally)
    if len(leaders) == 1:
        pillar = leaders[0]
        agreeing = _cues(own_tally[pillar])
        others = [p for p in own_tally if p != pillar]
        how_many = ("pillar:one-cue", "pillar:two-cues", "pillar:three-cues")[min(len(agreeing), 3) - 1]
        confidence = rule_confidence(how_many)
        confidence -= rule_confidence("pillar:contested") if others else 0.0
        why = f"cue(s) in the item: {', '.join(agreeing)}"
        if others:
            why += "; outweighing " + ", ".join(f"{notation[p]} ({', '.join(_cues(own_tally[p]))})" for p in others)
        return Choice(pillar, _quote_hit(own_tally[pillar]), confidence, agreeing, why), ""
    context_tally = _tally(context)
    if leaders:
        among = {p: context_tally[p] for p in leaders if p in context_tally}
        broken = _leaders(among)
        candidates = "; ".join(f"{notation[p]}: {', '.join(_cues(own_tally[p]))}" for p in leaders)
        if len(broken) == 1:
            pillar = broken[0]
            why = (f"cues for {len(leaders)} pillars in the item ({candidates}); its {where}'s cue "
                   f"{_cues(context_tally[pillar])[0]!r} decides")
            return Choice(pillar, _quote_hit(own_tally[pillar]), rule_confidence("pillar:own-cue-in-context"),
                          _cues(own_tally[pillar]), why), ""
        return None, f"cues for {len(leaders)} pillars ({candidates}): choose one on review"
    context_leaders = _leaders(context_tally)
    if len(context_leaders) == 1:
        pillar = context_leaders[0]
        agreeing = _cues(context_tally[pillar])
        return Choice(pillar, _quote_hit(context_tally[pillar]), rule_confidence("pillar:context"), agreeing,
                      f"no cue in the item; its {where}'s cue(s): {', '.join(agreeing)}"), ""
    if context_leaders:
        candidates = "; ".join(f"{notation[p]}: {', '.join(_cues(context_tally[p]))}" for p in context_leaders)
        return None, f"no cue in the item and its {where}'s cues tie ({candidates}): choose one on review"
    return None, NO_CUE


def _span(row: dict[str, str]) -> tuple[int, int] | None:
    try:
        start, end = int(row.get("start", "")), int(row.get("end", ""))
    except ValueError:
        return None
    return (start, end) if 0 <= start <= end else None


def _add_note(row: dict[str, str], note: str = "") -> None:
    """Add ``note`` to the row's note, dropping the drafting's "link it to a pillar" (this pass
    either links it or says why not)."""
    parts = [p for p in (row.get("note") or "").split("; ") if p and p != _PENDING]
    if note and note not in parts:
        parts.append(note)
    row["note"] = "; ".join(parts)


def _link(text: str, source: str, frm: str, to: str, kind: str, choice: Choice) -> dict[str, str]:
    row = dict.fromkeys(CONNECTION_HEADER, "")
    hit = choice.hit
    row.update({"from": frm, "to": to, "type": kind, "basis": "curated", "confidence": f"{choice.confidence:.2f}",
                "source": source, "quote": text[hit.start:hit.end], "start": str(hit.start), "end": str(hit.end),
                "status": "draft", "method": f"rule:pillar-cue:{hit.cue}",
                "note": f"inferred from cue words, not stated by the report: {choice.why}"})
    return row


def _strategy_rows(strategy: Strategy, known: set[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Curated rows for a strategy and the pillars the graph does not know yet."""
    elements: list[dict[str, str]] = []
    connections: list[dict[str, str]] = []
    missing = [p for p in strategy.pillars if p.id not in known]
    if not missing:
        return elements, connections

    def element(**values: str) -> dict[str, str]:
        row = dict.fromkeys(ELEMENT_HEADER, "")
        row.update(values, basis="curated", confidence="well-attested", status="draft", method="strategy-table")
        return row

    if strategy.id not in known:
        elements.append(element(id=strategy.id, type="Strategy", label_id=strategy.label_id,
                                label_en=strategy.label_en, note=f"from the strategies table ({strategy.origin}): "
                                f"{strategy.basis}"))
    for p in missing:
        elements.append(element(id=p.id, type="Pillar", label_id=p.label_id, label_en=p.label_en,
                                notation=p.notation, description_en=p.description_en,
                                note=f"a pillar of {strategy.label_id} (strategies table): {p.basis}"))
        row = dict.fromkeys(CONNECTION_HEADER, "")
        row.update({"from": strategy.id, "to": p.id, "type": "hasPillar", "basis": "curated",
                    "confidence": "well-attested", "status": "draft", "method": "strategy-table",
                    "note": f"the strategies table: {p.basis}"})
        connections.append(row)
    return elements, connections


def add_pillar_links(draft: Draft, text: str, *, city: str | None, ids: IdMaker, strategies: Strategies) -> None:
    """Append the drafted pillar links of one report to ``draft`` (see the module's docstring).

    ``city`` is the report's city as the extraction names it ("DKI Jakarta", "Kota Surabaya");
    ``ids`` the run's :class:`IdMaker` (its ``taken`` ids tell which pillars the graph already
    has, its ``source_id`` the report); ``strategies`` from
    :func:`resilience_kg.extract.pillars.strategy.load_strategies`.
    """
    strategy = strategies.for_city(city)
    elements = {row["id"]: row for row in draft.elements if row.get("id")}
    if strategy is None:
        for row in draft.elements:
            if row.get("type") == "Issue":
                _add_note(row, f"no pillar: no resilience strategy is known for {city or 'the report’s city'} "
                               "(add one with extract --strategies)")
        return
    source = ids.source_id
    known = set(ids.taken)
    new_elements, new_connections = _strategy_rows(strategy, known)
    draft.elements.extend(new_elements)
    draft.connections.extend(new_connections)

    linked = {(c["from"], c["type"]) for c in draft.connections if c.get("type") in ("underPillar", "concernsPillar")}
    owner: dict[str, str] = {}
    for c in draft.connections:
        if c.get("type") in OWNER_LINKS and c["to"] in elements:
            owner.setdefault(c["from"], c["to"])
    sessions_of: dict[str, list[str]] = defaultdict(list)
    for c in draft.connections:
        if c.get("type") == "hasSession":
            sessions_of[c["from"]].append(c["to"])
    events = [r["id"] for r in draft.elements if r.get("type") == "Event"]
    sole_event = events[0] if len(events) == 1 else None

    def hits_of(row_id: str) -> list[Hit]:
        row = elements.get(row_id)
        span = _span(row) if row is not None else None
        return find_hits(text, span[0], span[1], strategy) if span else []

    topic = _leaning(find_hits(text, 0, _topic_end(text), strategy))

    @functools.cache
    def lean() -> Choice | None:
        """The report's lean: its opening's, else its whole text's (read only when an item needs it)."""
        return topic or _leaning(find_hits(text, 0, min(len(text), _WHOLE_REACH), strategy), whole=True)
    placed: dict[str, Choice] = {}
    for row in list(draft.elements):
        span = _span(row)
        if row.get("type") not in ITEM_TYPES or span is None or (row["id"], "underPillar") in linked:
            continue
        context_id = owner.get(row["id"]) or sole_event
        around = [h for h in _around(text, span, strategy) if not h.weak]
        own = _exposure_first(text, hits_of(row["id"]), span[0])
        if len(_leaders(_tally(around))) == 1:  # the item's own sentence or list intro speaks: it decides
            choice, note = choose(own, around, strategy, where="sentence")
        else:
            choice, note = choose(own, hits_of(context_id) if context_id else [], strategy)
        if choice is None and note == NO_CUE and lean() is not None:
            choice = lean()
        if choice is None:
            if row["type"] != "Commitment" or note != NO_CUE:  # a commitment reaches a pillar through what it concerns
                _add_note(row, note)
            continue
        placed[row["id"]] = choice
        draft.connections.append(_link(text, source, row["id"], choice.pillar, "underPillar", choice))
        _add_note(row)

    # Sessions: their heading's cues, else the pillar their issues agree on.
    issues_in: dict[str, list[str]] = defaultdict(list)
    for item, where in owner.items():
        if elements.get(item, {}).get("type") == "Issue":
            issues_in[where].append(item)
    for row in list(draft.elements):
        if row.get("type") != "Session" or (row["id"], "concernsPillar") in linked:
            continue
        own = hits_of(row["id"])
        choice, _ = choose(own, [], strategy) if own else (None, "")
        if choice is None:
            choice = _agreed(issues_in[row["id"]], placed, "its issues")
        if choice is not None:
            placed[row["id"]] = choice
            draft.connections.append(_link(text, source, row["id"], choice.pillar, "concernsPillar", choice))

    # The event: when the issues raised in it or in its sessions agree on one pillar.
    for event in events:
        if (event, "concernsPillar") in linked:
            continue
        issues = list(issues_in[event]) + [i for s in sessions_of[event] for i in issues_in[s]]
        if event == sole_event:  # issues tied to no session or event belong to the report's one event
            issues += [r["id"] for r in draft.elements if r.get("type") == "Issue" and r["id"] not in owner]
        choice = _agreed(issues, placed, "its issues")
        if choice is not None:
            draft.connections.append(_link(text, source, event, choice.pillar, "concernsPillar", choice))


#: The report leans to a pillar when this share of its cue words, and at least ``_LEAN_MIN`` of them, name it.
_LEAN_SHARE = 0.6
_LEAN_MIN = 2
#: The whole report leans to a pillar when this share of all its cue words, and at least ``_WHOLE_MIN``, name it.
_WHOLE_SHARE = 0.8
_WHOLE_MIN = 4
#: How much of the report its whole-text lean reads, in characters (a long report; a hostile text
#: of megabytes is not read through for it).
_WHOLE_REACH = 60_000


def _topic_end(text: str) -> int:
    """Where the report's topic ends: its title lines and the first paragraph of 15 words or more
    (the one that says what the event was about)."""
    pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if len(line.split()) >= 15:
            break
    return min(pos, len(text))


def _leaning(hits: Sequence[Hit], *, whole: bool = False) -> Choice | None:
    """The pillar most cue words of the report's topic name (its title and opening paragraph: an
    item with no cue anywhere near it is most likely about what the event was about), or None when
    no pillar has a clear majority. With ``whole``, ``hits`` are the whole report's, and the bar
    is higher (:data:`_WHOLE_SHARE`, :data:`_WHOLE_MIN`): a report about one pillar throughout."""
    strong = [h for h in hits if not h.weak and len(h.pillars) == 1]
    tally = _tally(strong)
    leaders = _leaders(tally)
    if len(leaders) != 1:
        return None
    pillar = leaders[0]
    n = len(tally[pillar])
    share, least = (_WHOLE_SHARE, _WHOLE_MIN) if whole else (_LEAN_SHARE, _LEAN_MIN)
    if n < least or n < share * len(strong):
        return None
    if whole:
        return Choice(pillar, tally[pillar][0], rule_confidence("pillar:report"), _cues(tally[pillar]),
                      f"no cue in the item, near it or in the report's opening; {n} of the {len(strong)} cue "
                      "words of the whole report name this pillar")
    return Choice(pillar, tally[pillar][0], rule_confidence("pillar:opening"), _cues(tally[pillar]),
                  f"no cue in the item nor near it; {n} of the {len(strong)} cue words of the report's title "
                  "and opening name this pillar")


@functools.cache
def _clause_break() -> re.Pattern[str]:
    """Where a clause ends inside a sentence: a semicolon, a colon, or a contrast after a comma."""
    from resilience_kg.extract.recognise.rules import alternation

    contrast = alternation("contrast_words")
    return re.compile(rf"[;:]|,\s+(?:{contrast})\b", re.I)


#: How far from an item its sentence is read, in characters.
_SENTENCE_REACH = 600


def _around(text: str, span: tuple[int, int], strategy: Strategy) -> list[Hit]:
    """Cue hits near an item but outside it: the rest of its sentence (its line), and for an item
    of a list, the line that introduces the list."""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    # The sentence, read no further than a long sentence reaches either side (a page of one line
    # without full stops would make every item read all of it).
    near_start, near_end = max(line_start, start - _SENTENCE_REACH), min(line_end, end + _SENTENCE_REACH)
    sentence_start = max(near_start, text.rfind(". ", near_start, start) + 1)
    sentence_end = text.find(". ", end, near_end)
    sentence_end = near_end if sentence_end < 0 else sentence_end
    # Only the item's own clause: "X asks for A, while Y stresses B" says nothing of B by A's words.
    for m in _clause_break().finditer(text, sentence_start, start):
        sentence_start = m.end()
    stop = _clause_break().search(text, end, sentence_end)
    sentence_end = stop.start() if stop else sentence_end
    hits = find_hits(text, sentence_start, start, strategy) + find_hits(text, end, sentence_end, strategy)
    if re.compile(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)])[ \t]").match(text, line_start, start):
        # A list line: the nearest line above that is not a list line introduces the list.
        pos = line_start
        while pos > 0:
            prev_start = text.rfind("\n", 0, pos - 1) + 1
            line = text[prev_start:pos - 1]
            if line.strip() and not re.match(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)])[ \t]", line):
                hits += find_hits(text, prev_start, pos - 1, strategy)
                break
            pos = prev_start
    return hits


def _agreed(items: Sequence[str], placed: dict[str, Choice], what: str) -> Choice | None:
    """The pillar every placed item of ``items`` is under, when there is exactly one."""
    choices = [placed[i] for i in items if i in placed]
    pillars = {c.pillar for c in choices}
    if len(pillars) != 1:
        return None
    first = choices[0]
    unplaced = len([i for i in items if i not in placed])
    confidence = rule_confidence("pillar:items-agree-some-unplaced" if unplaced else "pillar:items-agree")
    why = f"{what} agree: {len(choices)} under the same pillar" + (f", {unplaced} unplaced" if unplaced else "")
    return Choice(first.pillar, first.hit, confidence, first.agreeing, why)
