"""Sort the actor errors of one extraction into classes, to choose which class of error to fix.

The errors are exactly those the scorer counts (:func:`resilience_kg.extract.score.score_report`):
each required gold actor no drafted node matches is a *miss*, each drafted node that counts as a
false positive a *false actor*. Each is put in the first class that fits, looking at every drafted
actor row (rejected ones too) and where its quote sits in the source text:

Misses (:data:`MISS_CLASSES`):

- ``filtered``: a rejected row names it (one of its names, normalised, is a gold name): it was
  found and then set aside (the actor filter, a place or person check...);
- ``boundary``: a drafted row's quote overlaps the actor's text but names it otherwise (too long,
  too short, cut at the wrong word): the recogniser saw it, the span is wrong;
- ``boundary-rejected``: only a rejected row's quote overlaps it;
- ``unseen``: no recogniser proposed anything there.

False actors (:data:`FALSE_CLASSES`):

- ``duplicate``: it names a gold actor that another node matched (one body drafted as two nodes);
- ``boundary``: its quote overlaps a required gold actor's text (a wrong span of a real actor);
- ``boundary-opt``: its quote overlaps only optional gold actors (a venue, a unit known by a post);
- ``spurious``: it overlaps no gold actor (not a body, or a body the annotator left out).

A gold actor's text is every place its surface or an alias occurs, case and all, in the text the
extraction saved (the drafted offsets point into it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from resilience_kg.extract.score import (
    NAME_COLUMNS,
    SECTORS,
    GoldActor,
    GoldReport,
    actor_matches,
    normalise,
    plain_text,
    read_drafts_table,
    read_extracted,
)

#: The classes of a missed gold actor, in the order they are tried.
MISS_CLASSES = ("filtered", "boundary", "boundary-rejected", "unseen")
#: The classes of a false drafted actor, in the order they are tried.
FALSE_CLASSES = ("duplicate", "boundary", "boundary-opt", "spurious")

Span = tuple[int, int]


@dataclass(frozen=True)
class ActorError:
    """One missed gold actor or one false drafted actor, with its class.

    ``surface`` is the gold surface of a miss, or the drafted name of a false actor (its first name
    in sorted order, as the scorer's details print it). ``quote`` is, for a boundary error, the
    drafted quote that overlaps. ``gold`` is, for a false actor, the gold actor it names
    (duplicate) or overlaps (boundary).
    """

    error_class: str
    surface: str
    quote: str | None = None
    gold: str | None = None


@dataclass
class ReportErrors:
    """The misses and false actors of one report."""

    name: str
    misses: list[ActorError] = field(default_factory=list)
    false_actors: list[ActorError] = field(default_factory=list)


@dataclass
class ErrorCounts:
    """How many misses and false actors fall in each class (over one report, a set, or several)."""

    reports: int = 0
    misses: Counter[str] = field(default_factory=Counter)
    false_actors: Counter[str] = field(default_factory=Counter)


def classify(gold: GoldReport, folder: Path) -> ReportErrors:
    """The misses and false actors of the extraction kept in ``folder``, each with its class."""
    extracted = read_extracted(folder)
    rows = [r for r in read_drafts_table(folder / "elements.csv") if r.get("type") in SECTORS]
    text = _source_text(folder) or plain_text(gold)
    candidates, matching = actor_matches(gold, extracted)
    found = set(matching.values())
    errors = ReportErrors(name=gold.name)

    for i, actor in enumerate(gold.actors):
        if actor.optional or i in found:
            continue
        keys = actor.keys()
        where = _occurrences(actor, text)
        named = [r for r in rows if _rejected(r) and {normalise(r.get(c, "")) for c in NAME_COLUMNS} & keys]
        live = [r for r in rows if not _rejected(r) and _overlaps(_span(r), where)]
        dropped = [r for r in rows if _rejected(r) and _overlaps(_span(r), where)]
        kind = "filtered" if named else "boundary" if live else "boundary-rejected" if dropped else "unseen"
        quote = (live or dropped)[0].get("quote") if kind.startswith("boundary") else None
        errors.misses.append(ActorError(kind, actor.surface, quote=quote))

    gold_text = [(actor, where) for actor in gold.actors for where in _occurrences(actor, text)]
    for node, drafted in sorted(extracted.actors.items()):
        # The same skips as the scorer: a matched node is right (or, matched to an optional
        # actor, counts neither way), and so is a node that can only be an optional actor.
        if node in matching or (candidates[node] and all(gold.actors[i].optional for i in candidates[node])):
            continue
        names = drafted["names"]
        assert isinstance(names, set)
        label = sorted(names)[0] if names else node
        required = [gold.actors[i] for i in candidates[node] if not gold.actors[i].optional]
        if required:
            errors.false_actors.append(ActorError("duplicate", label, gold=required[0].surface))
            continue
        own = [r for r in rows if (r.get("same_as") or r.get("id")) == node and not _rejected(r)]
        hits = [(r, actor) for r in own for actor, where in gold_text if _overlaps(_span(r), [where])]
        # A required actor's text outranks an optional one's: the span is then wrong, not a venue.
        hits.sort(key=lambda hit: hit[1].optional)
        if not hits:
            errors.false_actors.append(ActorError("spurious", label))
            continue
        row, actor = hits[0]
        kind = "boundary-opt" if actor.optional else "boundary"
        errors.false_actors.append(ActorError(kind, label, quote=row.get("quote"), gold=actor.surface))
    return errors


def count(reports: Iterable[ReportErrors]) -> ErrorCounts:
    """The class counts over several reports (every class present, zero or not)."""
    out = ErrorCounts(misses=Counter(dict.fromkeys(MISS_CLASSES, 0)),
                      false_actors=Counter(dict.fromkeys(FALSE_CLASSES, 0)))  # fmt: skip
    for report in reports:
        out.reports += 1
        out.misses.update(e.error_class for e in report.misses)
        out.false_actors.update(e.error_class for e in report.false_actors)
    return out


def add(counts: Iterable[ErrorCounts]) -> ErrorCounts:
    """Pool the counts of several sets."""
    out = count(())
    for c in counts:
        out.reports += c.reports
        out.misses.update(c.misses)
        out.false_actors.update(c.false_actors)
    return out


def _source_text(folder: Path) -> str | None:
    """The one source text the extraction saved in ``folder`` (its offsets point into it), if any."""
    files = [folder / s["file"] for s in read_drafts_table(folder / "sources.csv") if s.get("file")]
    files = [f for f in files if f.is_file()]
    return files[0].read_text(encoding="utf-8") if len(files) == 1 else None


def _occurrences(actor: GoldActor, text: str) -> list[Span]:
    """Where the actor's surface or an alias occurs in the text, exactly as written."""
    return [(m.start(), m.end()) for s in {actor.surface, *actor.aliases} if s for m in re.finditer(re.escape(s), text)]


def _span(row: dict[str, str]) -> Span | None:
    try:
        return int(row["start"]), int(row["end"])
    except (KeyError, ValueError):
        return None  # a row with no offsets (typed by a curator) sits nowhere in the text


def _overlaps(span: Span | None, spans: Iterable[Span]) -> bool:
    return span is not None and any(span[0] < end and start < span[1] for start, end in spans)


def _rejected(row: dict[str, str]) -> bool:
    return row.get("status") == "rejected"
