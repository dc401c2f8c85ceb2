"""What the accepted rows of a drafts folder add to the graph: the new actors and each one's
pillar strengths, and the known actors whose strengths change, computed by the project's own
analysis (:func:`resilience_kg.analysis.pillar_links.pillar_links` over the projection) on the
graph with and without the folder.

A folder the graph's loader refuses (an accepted row naming an unknown type, a quote that moved)
gives that refusal, with its file and line, instead of figures: it is what ``build`` would say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ActorStrengths:
    """One actor's pillar strengths (by notation), now and before the drafts."""

    id: str
    name: str
    sector: str
    strengths: dict[str, float]
    before: dict[str, float] | None = None


@dataclass
class Impact:
    """The difference the accepted drafts make."""

    pillars: list[str] = field(default_factory=list)
    new: list[ActorStrengths] = field(default_factory=list)
    changed: list[ActorStrengths] = field(default_factory=list)
    error: str = ""
    location: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def strengths(data: Sequence[str | Path], *, bundled: bool = True) -> tuple[list[str], dict[str, ActorStrengths]]:
    """The pillar notations and every actor's strengths in the graph of ``data`` (plus the bundled
    data unless ``bundled=False``)."""
    from resilience_kg.analysis.pillar_links import display_name, matrix, pillar_links
    from resilience_kg.analysis.projection import notation, pillars
    from resilience_kg.analysis.window import windowed_projection
    from resilience_kg.graph.dataset import load_graph

    kg = load_graph(list(data), bundled=bundled)
    g, _coverage = windowed_projection(kg)
    table = matrix(g, pillar_links(g))
    columns = pillars(g)
    names = [notation(g, p) for p in columns]
    out = {}
    for actor, row in table.items():
        out[actor] = ActorStrengths(id=actor, name=display_name(g, actor), sector=str(g.nodes[actor].get("sector", "")),
                                    strengths={n: round(row[p], 3) for n, p in zip(names, columns, strict=True)})
    return names, out


def accepted_impact(folder: str | Path, *, data: Sequence[str | Path] = (), bundled: bool = True,
                    baseline: tuple[list[str], dict[str, ActorStrengths]] | None = None) -> Impact:
    """The actors the accepted rows of ``folder`` add, and the known actors whose pillar strengths
    they change; ``baseline`` is :func:`strengths` of the graph without the folder (computed when
    not given)."""
    from resilience_kg.errors import DataError

    folder = Path(folder)
    others = [d for d in data if Path(d).resolve() != folder.resolve()]
    try:
        before_pillars, before = baseline if baseline is not None else strengths(others, bundled=bundled)
        pillars, after = strengths([*others, folder], bundled=bundled)
    except DataError as exc:
        return Impact(error=exc.detail, location=exc.location or "")
    impact = Impact(pillars=pillars)
    for actor, now in sorted(after.items(), key=lambda kv: (-max(kv[1].strengths.values(), default=0), kv[0])):
        old = before.get(actor)
        if old is None:
            impact.new.append(now)
        elif old.strengths != now.strengths:
            now.before = old.strengths
            impact.changed.append(now)
    del before_pillars
    return impact
