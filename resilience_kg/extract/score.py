"""Score extracted tables against a hand-annotated report: actors, sectors, quotes, dates, roles.

A gold file is JSON, one per report, beside the report (``tests/extract_devset/*.json``)::

    {"source": "01_x.txt", "encoding": "utf-8", "format": "docx" (optional: generate this format),
     "language": "id", "city": "DKI Jakarta", "publication_date": null,
     "event": {"kind": "meeting", "date": "2020-01-14"},
     "actors": [{"surface": "Dinas Sumber Daya Air (DSDA)", "name": "Dinas Sumber Daya Air",
                 "id": "dsda", "sector": "GovernmentAgency", "role": "participant",
                 "aliases": ["DSDA"], "optional": false}, ...],
     "persons": [...], "not_actors": [...], "issues": [...], "solutions": [...], "agreements": [...]}

**The matching rule.** The extracted actors are the element rows of an actor class that are not
rejected, one actor per node: rows naming the same ``same_as`` (or, without it, the same ``id``)
are one actor. An extracted actor matches a gold actor when

1. its node id (``same_as`` or ``id``) is the gold ``id``; or
2. one of its names (``label_id``, ``label_en``, ``acronym``, ``expansion``, ``quote``), normalised
   as the gazetteer does (case, punctuation, legal forms, spelling variants), equals the gold
   ``surface``, ``name`` or one of its ``aliases``, normalised the same way; unless the node was
   resolved to a gazetteer id and the gold actor has another id (the Jakarta ``bpbd`` node does not
   match Semarang's BPBD because both are called "BPBD").

Each gold actor is matched at most once (a maximum bipartite matching). An extracted actor that
matches only an ``optional`` gold actor (a venue, a unit known only through a post) counts neither
way. Every other unmatched extracted actor is a false positive, including a second node for an
actor already matched: the graph must hold one node per actor.

- precision = matched / extracted actors (optional ones left out); recall = matched / required gold;
- sector accuracy = matched actors whose ``type`` is the gold ``sector``, over matched actors;
- quotes exact = rows with a quote whose ``start``/``end`` select exactly that quote in the source
  text, over every row (elements and connections) with a quote;
- date correct = the first ``Event`` row's ``date`` is the gold event date (reports with a date);
- role accuracy = matched actors whose connection to the event has the gold role ("speaker" and
  "opener" count as one; a role held through a post, ``org:postIn``, is its organisation's), over
  matched actors with a gold role.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from resilience_kg.errors import DataError
from resilience_kg.extract.gazetteer import SECTORS, normalise

#: Connection types that state an actor's role in an event, to the role they state.
ROLE_OF_CONNECTION = {
    "organizedBy": "organizer", "hostedBy": "host", "openedBy": "speaker", "speakerAt": "speaker",
    "presentedIn": "speaker", "participatedIn": "participant", "mentionedIn": "mentioned",
}  # fmt: skip
_ROLE_GROUP = {"opener": "speaker"}


@dataclass(frozen=True)
class GoldActor:
    surface: str
    name: str
    id: str | None
    sector: str
    role: str | None
    aliases: tuple[str, ...] = ()
    optional: bool = False

    def keys(self) -> set[str]:
        return {k for k in (normalise(s) for s in (self.surface, self.name, *self.aliases)) if k}


@dataclass(frozen=True)
class GoldReport:
    """One hand-annotated report."""

    path: Path  # the JSON file
    source: Path  # the report file
    encoding: str
    format: str | None
    language: str
    city: str | None
    publication_date: str | None
    event_kind: str | None
    event_date: str | None
    actors: tuple[GoldActor, ...]
    not_actors: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.source.stem

    def text(self) -> str:
        return self.source.read_bytes().decode(self.encoding)


def load_gold(path: Path) -> GoldReport:
    """Read one gold JSON file, checking its fields; errors name the file and the actor."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the annotation: {exc}", location=str(path)) from exc
    try:
        actors = []
        for n, a in enumerate(data["actors"], 1):
            if a["sector"] not in SECTORS:
                raise DataError(f"actor {n} ({a['surface']!r}): unknown sector {a['sector']!r}", location=str(path))
            actors.append(GoldActor(
                surface=a["surface"], name=a["name"], id=a.get("id"), sector=a["sector"], role=a.get("role"),
                aliases=tuple(a.get("aliases", ())), optional=bool(a.get("optional", False)),
            ))  # fmt: skip
        event = data.get("event") or {}
        return GoldReport(
            path=path, source=path.parent / data["source"], encoding=data.get("encoding", "utf-8"),
            format=data.get("format"), language=data.get("language", "id"), city=data.get("city"),
            publication_date=data.get("publication_date"), event_kind=event.get("kind"),
            event_date=event.get("date"), actors=tuple(actors), not_actors=tuple(data.get("not_actors", ())),
        )  # fmt: skip
    except KeyError as exc:
        raise DataError(f"missing field {exc.args[0]!r}", location=str(path)) from None


def load_devset(folder: Path) -> list[GoldReport]:
    """Every gold file of a folder, in name order."""
    return [load_gold(p) for p in sorted(folder.glob("*.json"))]


@dataclass
class Extracted:
    """The extracted actors of one report (from tables or from the baseline) and what to check."""

    actors: dict[str, dict[str, object]] = field(default_factory=dict)  # node id -> {"type", "names"}
    quotes_total: int = 0
    quotes_exact: int = 0
    event_date: str | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)  # node id -> roles


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    text = path.read_bytes().decode("utf-8-sig")
    return [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def read_extracted(folder: Path) -> Extracted:
    """Read ``elements.csv``, ``connections.csv`` and ``sources.csv`` (with the source texts) from a folder."""
    elements = _read_csv(folder / "elements.csv")
    connections = _read_csv(folder / "connections.csv")
    sources = _read_csv(folder / "sources.csv")
    texts: dict[str, str] = {}
    for src in sources:
        file = folder / src.get("file", "")
        if src.get("file") and file.is_file():
            texts[src.get("id", "")] = file.read_text(encoding="utf-8")
    only_text = next(iter(texts.values())) if len(texts) == 1 else None
    out = Extracted()
    node_of: dict[str, str] = {}
    for row in elements:
        if row.get("status") == "rejected":
            continue
        if row.get("type") in SECTORS:
            node = row.get("same_as") or row["id"]
            node_of[row["id"]] = node
            actor = out.actors.setdefault(node, {"type": row["type"], "names": set()})
            names = actor["names"]
            assert isinstance(names, set)
            names.update(v for c in ("label_id", "label_en", "acronym", "expansion", "quote") if (v := row.get(c)))
        elif row.get("type") == "Event" and out.event_date is None and row.get("date"):
            out.event_date = row["date"][:10]
    for row in [*elements, *connections]:
        quote = row.get("quote", "")
        if not quote or row.get("status") == "rejected":
            continue
        out.quotes_total += 1
        text = texts.get(row.get("source", ""), only_text)
        try:
            start, end = int(row.get("start", "")), int(row.get("end", ""))
        except ValueError:
            continue
        if text is not None and text[start:end] == quote:
            out.quotes_exact += 1
    live = [row for row in connections if row.get("status") != "rejected"]
    # A role held through a post ("opened by the Head of Dishub") is the post's organisation's role.
    org_of_post = {r.get("from", ""): r.get("to", "") for r in live if r.get("type") == "org:postIn"}
    for row in live:
        role = ROLE_OF_CONNECTION.get(row.get("type", ""))
        if role is None:
            continue
        for side in (row.get("from", ""), row.get("to", "")):
            side = org_of_post.get(side, side)
            if side in node_of:
                out.roles.setdefault(node_of[side], set()).add(role)
    return out


_BASELINE_ORG = re.compile(r"\b(?:Dinas|Badan|Biro|PT\.?)(?:\s+(?:[A-Z][\w&'.-]*|dan))+")
_BASELINE_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?\b")


def plain_text(report: GoldReport) -> str:
    """The report's text, with HTML tags, scripts and styles taken out (for the baseline)."""
    text = report.text()
    if report.source.suffix.lower() in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        text = re.sub(r"&[a-z]+;", " ", text)
    return text


def baseline(text: str) -> Extracted:
    """The floor to beat: a plain regex for Dinas/Badan/Biro/PT ... and capitalised acronyms."""
    out = Extracted()
    for pattern, sector in ((_BASELINE_ORG, "GovernmentAgency"), (_BASELINE_ACRONYM, "GovernmentAgency")):
        for m in pattern.finditer(text):
            surface = re.sub(r"\s+dan$", "", m.group(0))
            key = f"regex:{normalise(surface)}"  # never a gazetteer id: the regex resolves nothing
            if key == "regex:" or key in out.actors:
                continue
            kind = "PrivateCompany" if surface.startswith("PT") else sector
            out.actors[key] = {"type": kind, "names": {surface}}
            out.quotes_total += 1
            out.quotes_exact += 1  # the match is its own quote, at its own offsets
    return out


@dataclass
class ReportScore:
    """The figures for one report (or, summed, for a set)."""

    name: str
    extracted: int = 0
    matched: int = 0
    gold: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    sector_right: int = 0
    sector_wrong: list[str] = field(default_factory=list)
    quotes_total: int = 0
    quotes_exact: int = 0
    dated: int = 0
    date_right: int = 0
    roles_total: int = 0
    roles_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_right / self.matched if self.matched else 0.0

    @property
    def quote_accuracy(self) -> float:
        return self.quotes_exact / self.quotes_total if self.quotes_total else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dated if self.dated else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.roles_total if self.roles_total else 0.0


def _match(candidates: dict[str, list[int]]) -> dict[str, int]:
    """Maximum bipartite matching of extracted nodes to gold actors (augmenting paths)."""
    owner: dict[int, str] = {}

    def place(node: str, seen: set[int]) -> bool:
        for g in candidates[node]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or place(owner[g], seen):
                owner[g] = node
                return True
        return False

    for node in sorted(candidates):
        place(node, set())
    return {node: g for g, node in owner.items()}


@lru_cache(maxsize=1)
def _gazetteer_ids() -> frozenset[str]:
    from resilience_kg.extract.gazetteer import load_gazetteer

    return frozenset(e.id for e in load_gazetteer().entries)


def score_report(gold: GoldReport, extracted: Extracted) -> ReportScore:
    """Compare one report's extracted actors, quotes, date and roles with its annotation."""
    score = ReportScore(name=gold.name, gold=sum(1 for a in gold.actors if not a.optional))
    keys = [a.keys() for a in gold.actors]
    known = _gazetteer_ids()
    candidates: dict[str, list[int]] = {}
    for node, actor in extracted.actors.items():
        names = actor["names"]
        assert isinstance(names, set)
        node_keys = {normalise(n) for n in names}
        candidates[node] = [
            i for i, a in enumerate(gold.actors)
            if a.id == node or (keys[i] & node_keys and not (node in known and a.id is not None and a.id != node))
        ]
    matching = _match(candidates)
    for node, actor in sorted(extracted.actors.items()):
        label = sorted(actor["names"])[0] if actor["names"] else node  # type: ignore[call-overload]
        if node in matching:
            g = gold.actors[matching[node]]
            if g.optional:
                continue
            score.extracted += 1
            score.matched += 1
            if actor["type"] == g.sector:
                score.sector_right += 1
            else:
                score.sector_wrong.append(f"{g.name}: {actor['type']} (gold {g.sector})")
            if g.role:
                score.roles_total += 1
                found = {_ROLE_GROUP.get(r, r) for r in extracted.roles.get(node, set())}
                score.roles_right += _ROLE_GROUP.get(g.role, g.role) in found
        elif candidates[node] and all(gold.actors[i].optional for i in candidates[node]):
            continue
        else:
            score.extracted += 1
            score.false_positives.append(str(label))
    found_gold = set(matching.values())
    score.missed = [a.surface for i, a in enumerate(gold.actors) if not a.optional and i not in found_gold]
    score.quotes_total, score.quotes_exact = extracted.quotes_total, extracted.quotes_exact
    if gold.event_date:
        score.dated = 1
        score.date_right = int(extracted.event_date == gold.event_date)
    return score


def total(scores: Iterable[ReportScore], *, name: str = "overall") -> ReportScore:
    """Micro-averaged figures: counts summed over the reports."""
    out = ReportScore(name=name)
    for s in scores:
        for f in ("extracted", "matched", "gold", "sector_right", "quotes_total", "quotes_exact", "dated",
                  "date_right", "roles_total", "roles_right"):  # fmt: skip
            setattr(out, f, getattr(out, f) + getattr(s, f))
        out.false_positives += s.false_positives
        out.missed += s.missed
        out.sector_wrong += s.sector_wrong
    return out


def score_folders(golds: Sequence[GoldReport], folders: Sequence[Path]) -> list[ReportScore]:
    """Score each report's extracted folder (``folders[i]`` holds the tables for ``golds[i]``)."""
    return [score_report(g, read_extracted(f)) for g, f in zip(golds, folders, strict=True)]
