"""Resolve an actor mentioned in a report to an actor of the graph it joins, or of the gazetteer.

The order (issue 12): an exact name, acronym or alias first; then a fuzzy match (rapidfuzz) of the
normalised name above a threshold. Jurisdiction decides between bodies that share a name: place
words in the mention itself ("Dishub Surabaya") win over the report's city; without them the
report's city, then its province, then national and international bodies are tried in turn. A
body of another place is taken only when the report's city is unknown and no other body bears
the name ("PAM Jaya"); in a report on another city it stays a candidate for the curator.
Ambiguity is never settled silently: a tie returns no ``same_as``, the candidates and
``ambiguous=True``. A name that fits only a body pattern ("Dinas Perhubungan Kota Semarang", or
"Dishub" in a Semarang report) resolves to no id: it is a new actor, with the pattern as its
method (``rule:body-pattern:<row>``) and a note that its real name may differ.

>>> from resilience_kg.extract.gazetteer import load_gazetteer
>>> gaz = load_gazetteer()
>>> r = resolve(Mention("Dinas Perhubungan"), known=[], gazetteer=gaz, city="DKI Jakarta")
>>> r.same_as, r.method
('dishub', 'gazetteer:dishub')
>>> r = resolve(Mention("Dinas Perhubungan"), known=[], gazetteer=gaz, city="Surabaya")
>>> r.same_as, r.method
(None, 'rule:body-pattern:dinas-perhubungan')
>>> resolve(Mention("BPBD"), known=[], gazetteer=gaz, city=None).ambiguous
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from resilience_kg.extract.gazetteer import NON_TERRITORIAL, SECTORS, Gazetteer, normalise
from resilience_kg.extract.recognise.rules import alternation, weekdays
from resilience_kg.graph.csv_reader import Table

#: Two candidates within this many points of each other are a tie: neither is chosen.
NEAR_TIE = 3.0
# Fuzzy matching is for misspellings, not for short acronyms ("DLH" is not "DPH").
_MIN_FUZZY_LENGTH = 6
# Each word of one name must be this close to a word of the other: a typo, not an extra word.
_WORD_SIMILARITY = 75.0
# "Badan ... (BPBD)", "DSDA (Dinas Sumber Daya Air)": a name with its acronym or expansion.
_TRAILING_PAREN = re.compile(r"^\s*(.*?\S)\s*\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Mention:
    """An actor as a report names it: the text, and the acronym and expansion where given."""

    name: str
    acronym: str | None = None
    expansion: str | None = None
    sector_hint: str | None = None


@dataclass(frozen=True)
class KnownActor:
    """An actor already in the graph being joined (from its CSV tables)."""

    id: str
    labels: tuple[str, ...]
    acronym: str | None
    sector: str
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Resolution:
    """The outcome: the id the mention resolves to (or None), how, and every candidate weighed."""

    same_as: str | None
    score: float
    sector: str | None
    parent: str | None
    method: str
    candidates: tuple[tuple[str, float], ...]
    ambiguous: bool
    note: str = ""
    #: For a body known only by a pattern: the pattern and the region's code, so that two
    #: mentions of one such body in a report can be drafted as one actor ("" otherwise).
    key: str = ""


def known_actors(kg_tables: Iterable[Table]) -> list[KnownActor]:
    """The actors of the graph being joined, from its elements tables (rows of an actor class).

    A row with ``same_as`` adds its labels to the actor it names instead of being one; rejected
    rows are left out.
    """
    rows = [r for t in kg_tables if t.kind == "elements" for r in t.rows]
    labels: dict[str, list[str]] = {}
    acronyms: dict[str, str] = {}
    sectors: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for row in rows:
        if row.get("type") not in SECTORS or row.get("status") == "rejected":
            continue
        names = [row.get(c) for c in ("label_id", "label_en", "expansion", "acronym") if row.get(c)]
        target = row.get("same_as") or row.get("id")
        labels.setdefault(target, []).extend(names)
        if target == row.get("id"):
            sectors[target] = row.get("type")
            if row.get("acronym"):
                acronyms.setdefault(target, row.get("acronym"))
        else:  # an alias row; it defines its target when no other row does
            fallback.setdefault(target, row.get("type"))
    result = []
    for aid, sector in {**fallback, **sectors}.items():
        forms = tuple(dict.fromkeys(labels.get(aid, [])))
        result.append(KnownActor(id=aid, labels=forms, acronym=acronyms.get(aid), sector=sector))
    return result


@dataclass(frozen=True)
class _Record:
    """A body we may resolve to: a known actor, a gazetteer entry, or both under one id."""

    id: str
    origin: str  # "graph" or "gazetteer"
    sector: str
    parent: str | None
    jurisdiction: str | None
    forms: tuple[str, ...]


@dataclass
class _Index:
    records: dict[str, _Record]
    full: dict[str, list[str]]  # normalised name -> record ids
    core: dict[str, list[str]]  # name without place words -> record ids
    parent_jurisdiction: dict[str, str]  # "Kota Administrasi Jakarta Selatan" -> "DKI Jakarta"


@lru_cache(maxsize=8)
def _index(gazetteer: Gazetteer, known: tuple[KnownActor, ...]) -> _Index:
    records: dict[str, _Record] = {}
    for e in gazetteer.entries:
        records[e.id] = _Record(e.id, "gazetteer", e.sector, e.parent or None, e.jurisdiction, e.names())
    for k in known:
        forms = tuple(dict.fromkeys(f for f in (*k.labels, k.acronym or "") if f))
        entry = gazetteer.by_id.get(k.id)
        if entry is not None:  # the bundled ids are the gazetteer's: one record, both names
            records[k.id] = _Record(k.id, "gazetteer", entry.sector, entry.parent or None, entry.jurisdiction,
                                    tuple(dict.fromkeys((*entry.names(), *forms))))
            continue
        jurisdiction = k.jurisdiction
        if jurisdiction is None:  # a label that names its place ("Dinas Sosial Kota Semarang")
            named: set[str] = set()
            for f in forms:
                named |= gazetteer.places.split(normalise(f))[1]
            jurisdiction = next(iter(named)) if len(named) == 1 else None
        records[k.id] = _Record(k.id, "graph", k.sector, None, jurisdiction, forms)
    full: dict[str, list[str]] = {}
    core: dict[str, list[str]] = {}
    for rec in records.values():
        for form in rec.forms:
            key = normalise(form)
            if not key:
                continue
            _add(full, key, rec.id)
            rest, places = gazetteer.places.split(key)
            if rest and (not places or rec.jurisdiction in places):
                _add(core, rest, rec.id)
    parent_jurisdiction = {}
    for e in gazetteer.entries:
        parent = gazetteer.by_id.get(e.parent) if e.parent else None
        if e.level == "city" and parent is not None and parent.jurisdiction not in NON_TERRITORIAL:
            parent_jurisdiction[e.jurisdiction] = parent.jurisdiction
    return _Index(records, full, core, parent_jurisdiction)


def _add(index: dict[str, list[str]], key: str, rid: str) -> None:
    bucket = index.setdefault(key, [])
    if rid not in bucket:
        bucket.append(rid)


def _context(city: str | None, gazetteer: Gazetteer) -> frozenset[str]:
    """The jurisdictions a report's city names ("Jakarta" -> DKI Jakarta)."""
    if not city:
        return frozenset()
    jurs = gazetteer.places.split(normalise(city))[1]
    if jurs:
        return jurs
    return frozenset(j for j in gazetteer.places.kind if j.lower() == city.strip().lower())


def _tiers(ids: Iterable[str], idx: _Index, *, own: frozenset[str], context: frozenset[str]) -> list[list[str]]:
    """Candidates grouped by how well their jurisdiction fits, best group first.

    With place words in the mention (``own``): only bodies of those places, then national and
    international bodies. Without: the report's city, its province, national and international
    bodies, and last bodies of other places.
    """
    ids = list(dict.fromkeys(ids))

    def jur(rid: str) -> str | None:
        return idx.records[rid].jurisdiction

    def free(rid: str) -> bool:
        return jur(rid) is None or jur(rid) in NON_TERRITORIAL

    if own:
        return [[i for i in ids if jur(i) in own], [i for i in ids if free(i)]]
    parents = frozenset(idx.parent_jurisdiction[j] for j in context if j in idx.parent_jurisdiction)
    return [
        [i for i in ids if jur(i) in context],
        [i for i in ids if jur(i) in parents],
        [i for i in ids if free(i)],
        [i for i in ids if not free(i) and jur(i) not in context and jur(i) not in parents],
    ]


def _is_city_unit(rec: _Record) -> bool:
    """A Suku Dinas (a city's office of a provincial Dinas), by its names."""
    return bool(rec.forms) and normalise(rec.forms[0]).startswith(("suku dinas", "sudin"))


def _is_branch(name: str, own: frozenset[str], records: Sequence[_Record]) -> bool:
    """A mention that names its region with its level ("Provinsi Jawa Tengah", "Kota Makassar"),
    or a public body's or a society's short form with its region alone ("PMI Jatim", "BPS
    Jateng"), matched only by national bodies of Indonesia. A bare city in a proper name
    ("Institut Teknologi Bandung") is no branch, nor a university's or a firm's short form with a
    city ("UGM Yogyakarta")."""
    from resilience_kg.extract.recognise.actors import JURISDICTION_WORDS

    words = name.split()
    levelled = any(w in JURISDICTION_WORDS for w in words)
    # A public body's or a society's name with a region ("PMI Jatim", "BPS Jateng", "Kepolisian
    # Daerah Jabar", "Kementerian Agama Kukar"): a national body's names never end in a region.
    short = len(words) >= 2 and all(r.sector in _BRANCHED_SECTORS for r in records)
    return (levelled or short) and any(p not in NON_TERRITORIAL for p in own) and all(
        r.jurisdiction == "Indonesia" for r in records)


#: The sectors of national bodies with regional branches named by a short form and a region.
_BRANCHED_SECTORS = frozenset(("GovernmentAgency", "CivilSocietyOrganization"))


def _words_align(a: str, b: str) -> bool:
    """Every word of each name is close to some word of the other (typos, not extra words)."""
    from rapidfuzz import fuzz

    wa, wb = a.split(), b.split()
    return all(max(fuzz.ratio(x, y) for y in wb) >= _WORD_SIMILARITY for x in wa) and all(
        max(fuzz.ratio(y, x) for x in wa) >= _WORD_SIMILARITY for y in wb
    )


def _decide(
    scored: dict[str, float], idx: _Index, *, stage: str, sector_hint: str | None, elsewhere: bool
) -> Resolution:
    """One id if it stands clear of the rest; otherwise an ambiguous result naming them all."""
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    candidates = tuple((rid, round(score, 1)) for rid, score in ranked)
    best_id, best = ranked[0]
    rivals = [rid for rid, s in ranked[1:] if best - s < NEAR_TIE]
    if rivals and sector_hint:
        fitting = [rid for rid in (best_id, *rivals) if idx.records[rid].sector == sector_hint]
        if len(fitting) == 1:  # the mention's own sector evidence tells them apart
            best_id, rivals = fitting[0], []
            best = scored[best_id]
    sectors = {idx.records[rid].sector for rid, _ in ranked}
    if rivals or elsewhere:
        # A body of another place may be the one meant, or its namesake here: the curator decides.
        reason = f"{stage}-other-jurisdiction" if elsewhere else stage
        return Resolution(None, best, sectors.pop() if len(sectors) == 1 else None, None,
                          f"ambiguous:{reason}", candidates, True)
    rec = idx.records[best_id]
    prefix = rec.origin if stage == "exact" else f"{rec.origin}-fuzzy"
    return Resolution(best_id, best, rec.sector, rec.parent, f"{prefix}:{best_id}", candidates, False)


def resolve(
    mention: Mention,
    *,
    known: Sequence[KnownActor],
    gazetteer: Gazetteer,
    city: str | None,
    threshold: float = 88.0,
) -> Resolution:
    """Resolve one mention against the graph's actors and the gazetteer (see the module docstring)."""
    res = _resolve_named(mention, known=known, gazetteer=gazetteer, city=city, threshold=threshold)
    if res.same_as is None and (res.method.startswith("unresolved") or res.method.endswith("other-jurisdiction")):
        return _by_pattern(mention, gazetteer, city, res) or res
    entry = gazetteer.by_id.get(res.same_as or "")
    if entry is not None and entry.jurisdiction not in NON_TERRITORIAL and not _context(city, gazetteer):
        # "BPBD" in a report that names no place: every region has one; Jakarta's is only a candidate.
        match = _by_pattern(mention, gazetteer, None, res)
        if match is not None and not gazetteer.places.split(normalise(mention.name))[1]:
            return Resolution(None, res.score, res.sector, None, "ambiguous:standard-body-no-place",
                              res.candidates or ((entry.id, res.score),), True, match.note)
    return res


def _by_pattern(mention: Mention, gazetteer: Gazetteer, city: str | None, res: Resolution) -> Resolution | None:
    """A new actor where the mention fits a body pattern only: never an id (issue 22, section 4)."""
    context = _context(city, gazetteer)
    for form in (mention.name, mention.expansion, mention.acronym):
        match = gazetteer.match_pattern(form, context) if form and form.strip() else None
        if match is not None:
            key = f"{match.method}@{match.region.code}" if match.region is not None else ""
            return Resolution(None, 0.0, match.pattern.sector, None, match.method, res.candidates, False, match.note,
                              key)
    return None


def _resolve_named(
    mention: Mention, *, known: Sequence[KnownActor], gazetteer: Gazetteer, city: str | None, threshold: float
) -> Resolution:
    idx = _index(gazetteer, tuple(known))
    context = _context(city, gazetteer)
    # The name as written is the most specific form; the acronym only stands in for it when the
    # name adds nothing (so "BPBD Kota Malang" is never taken for the city's own BPBD).
    # "Kementerian PUPR (Pekerjaan Umum ...)" or "Badan ... (BPBD)": the name and its parenthesis.
    as_written = mention.name
    paren = _TRAILING_PAREN.match(mention.name)
    if paren and not (mention.acronym and mention.expansion):
        outside, inside = paren.group(1), paren.group(2)
        short, long = sorted((outside, inside), key=len)
        mention = Mention(outside, mention.acronym or short, mention.expansion or long, mention.sector_hint)
    forms: list[str] = list(dict.fromkeys(f for f in (as_written, mention.name, mention.expansion) if f and f.strip()))
    if mention.acronym and mention.acronym.strip():
        words = set(normalise(mention.name).split()) - set(normalise(mention.acronym).split())
        words -= set(normalise(mention.expansion or "").split())
        if not words or not mention.name.strip():
            forms.append(mention.acronym)
    own: frozenset[str] = frozenset()
    keys: list[tuple[str, str]] = []
    for form in forms:
        full = normalise(form)
        if not full:
            continue
        core, places = gazetteer.places.split(full)
        own |= places
        keys.append((full, core))
    if len(own) > 1 and own & context:  # "BPBD Bogor" in a report on Kota Bogor: that Bogor
        own &= context

    exact: list[str] = []
    for full, core in keys:
        exact += idx.full.get(full, [])
        exact += idx.core.get(core, [])
    # Bodies of which this is a name as written, place and all ("BBMKG Wilayah I Medan"): never
    # read as a regional branch of themselves.
    named_so = {rid for full, _ in keys for rid in idx.full.get(full, [])}
    plain_dinas = normalise(as_written).startswith("dinas ") and not own
    if plain_dinas:
        # Jakarta's administrative cities have no Dinas, only Suku Dinas: "Dinas Kesehatan" in a
        # meeting at the North Jakarta mayor's office is the province's, unless the text says Suku
        # Dinas or names the city ("Dinas Kesehatan Jakarta Utara").
        exact = [rid for rid in exact if not _is_city_unit(idx.records[rid])]
    for stage, scored in (("exact", {rid: 100.0 for rid in exact}), ("fuzzy", None)):
        if scored is None:
            scored = _fuzzy(keys, idx, threshold=threshold)
        if not scored:
            continue
        if plain_dinas:
            scored = {rid: v for rid, v in scored.items() if not _is_city_unit(idx.records[rid])}
        tiers = _tiers(scored, idx, own=own, context=context)
        for n, tier in enumerate(tiers):
            if tier and own and n == 1 and not named_so & set(tier) and \
                    _is_branch(as_written, own, [idx.records[rid] for rid in tier]):
                # "BPS Provinsi Jawa Tengah", "PMI Kota Makassar": the regional branch of a national
                # body, an actor of its own that keeps its place; the national body is its parent.
                national = sorted(tier, key=lambda rid: -scored[rid])[0]
                return Resolution(None, 0.0, idx.records[national].sector, national,
                                  f"unresolved:regional-branch-of:{national}",
                                  tuple((rid, scored[rid]) for rid in tier), False)
            if tier:
                # A body of another place: taken only when the report names no place at all and
                # no other body bears the name; a report on another city leaves it to the curator.
                elsewhere = n == 3 and (bool(context) or len(tier) > 1)
                return _decide({rid: scored[rid] for rid in tier}, idx, stage=stage, sector_hint=mention.sector_hint,
                               elsewhere=elsewhere)
        if stage == "exact":  # exact names, but of bodies of another place than the mention's own
            # Not the body meant, but one of its kind: "FPRB Jawa Barat" is a forum as the Jakarta
            # FPRB is, whatever the place (all the namesakes agreeing).
            kinds = {idx.records[rid].sector for rid in exact}
            kind = kinds.pop() if len(kinds) == 1 else mention.sector_hint
            return Resolution(None, 0.0, kind, None, "unresolved:other-jurisdiction",
                              tuple((rid, 100.0) for rid in dict.fromkeys(exact)), False)
    return Resolution(None, 0.0, mention.sector_hint, None, "unresolved", (), False)


def _fuzzy(keys: list[tuple[str, str]], idx: _Index, *, threshold: float) -> dict[str, float]:
    """Best fuzzy score per record id over every key of the mention, at or above ``threshold``."""
    from rapidfuzz import fuzz, process

    best: dict[str, float] = {}
    for index, pick in ((idx.full, 0), (idx.core, 1)):
        choices = [k for k in index if len(k) >= _MIN_FUZZY_LENGTH]
        for key in {k[pick] for k in keys}:
            if len(key) < _MIN_FUZZY_LENGTH:
                continue
            for choice, score, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=20):
                if not _words_align(key, choice):
                    continue
                for rid in index[choice]:
                    best[rid] = max(best.get(rid, 0.0), float(score))
    return best


_WEEKDAYS = "|".join(re.escape(day) for day in sorted(weekdays()))
# "Semarang, 17Juli 2018 -", "Jakarta, Selasa, 14 Januari 2020.": a place, a comma, then a date.
_DATELINE = re.compile(rf"(?im)^\W*([A-Z][\w.]*(?: [A-Z][\w.]*){{0,3}}),\s*(?:\(?\d{{1,2}}|(?:{_WEEKDAYS})\b)")
# A place written with its level ("Kota Semarang", "Pemprov DKI Jakarta", "Provinsi Jawa Barat").
_MARKED = re.compile(
    r"\b(?:" + alternation("jurisdiction_words") + r")\s+((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?)"
)

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?: (?:" + alternation("dateline_place_seconds") + r"))?\b")


def report_city(text: str, gazetteer: Gazetteer) -> str | None:
    """The jurisdiction a report is about, for :func:`resolve`'s ``city``; None when unclear.

    The dateline decides ("Semarang, 17 Juli 2018"); without one, the place most often written
    with its level ("Kota Semarang", "DKI Jakarta"), so that names such as "Sekretariat Jakarta
    Berketahanan" do not make a Semarang report a Jakarta one; failing both, the place most often
    named at all. A tie gives None.

    >>> from resilience_kg.extract.gazetteer import load_gazetteer
    >>> report_city("Semarang, 17Juli 2018 - Sekretariat Jakarta Berketahanan berkunjung.", load_gazetteer())
    'Kota Semarang'
    """
    places = gazetteer.places
    for m in _DATELINE.finditer(text[:2000]):
        jurs = places.split(normalise(m.group(1)))[1]
        if len(jurs) == 1:
            return next(iter(jurs))
    counts: Counter[str] = Counter()
    for m in _MARKED.finditer(text):
        phrase = normalise(m.group(0))
        jurs = places.split(phrase)[1] or places.split(normalise(m.group(1).split()[0]))[1]
        if len(jurs) == 1:
            counts[next(iter(jurs))] += 1
    if not counts:  # last resort: bare place names ("Jakarta"), names of bodies included
        for m in _CAPITALISED.finditer(text):
            rest, jurs = places.split(normalise(m.group(0)))
            if len(jurs) == 1 and not rest:
                counts[next(iter(jurs))] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
