"""Gaps: what the network leaves uncovered.

- issues that no local actor works on (a mandate), or only with uncertain confidence;
- solutions that no local actor could carry (no local actor works on an issue they address), and
  solutions paired with no issue at all: a finding about what was proposed, not a gap to fill;
- pillars with few actors, or with a sector missing (no civil society on a pillar, say).

"Local" means an actor of the host country: not a diplomatic mission, and with no country code
or the host's (by default the most common country code among the actors).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from resilience_kg.analysis.pillar_links import CONFIDENCE_FACTOR, PillarLink, display_name, sectors_per_pillar
from resilience_kg.analysis.projection import actors, pillars

if TYPE_CHECKING:
    import networkx as nx

#: Sectors a pillar is expected to have among the actors who work on it.
LOCAL_SECTORS = ("government", "regional-enterprise", "private", "civil-society", "academia")
#: A pillar with fewer actors than this (beyond presence) is thin.
MIN_ACTORS = 3
#: An unpaired solution is a finding about the proposals (offered for no issue the source raised),
#: not a pairing to invent.
UNPAIRED = (
    "a finding, not a gap to fill: paired with no issue (the source pairs it with none and no curated pairing fits)"
)


@dataclass(frozen=True)
class IssueGap:
    issue: str
    pillar: str | None
    reason: str


@dataclass(frozen=True)
class SolutionGap:
    solution: str
    issues: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class PillarGap:
    pillar: str
    actors: int
    missing_sectors: tuple[str, ...]


@dataclass
class Gaps:
    home_country: str | None
    issues: list[IssueGap] = field(default_factory=list)
    solutions: list[SolutionGap] = field(default_factory=list)
    pillars: list[PillarGap] = field(default_factory=list)


def home_country(g: nx.MultiDiGraph) -> str | None:
    """The most common country code among the actors."""
    codes = Counter(g.nodes[a].get("country") for a in actors(g) if g.nodes[a].get("country"))
    return codes.most_common(1)[0][0] if codes else None


def is_local(g: nx.MultiDiGraph, actor: str, home: str | None) -> bool:
    a = g.nodes[actor]
    if a.get("type") == "DiplomaticMission":
        return False
    return not a.get("country") or a.get("country") == home


def _mandates(g: nx.MultiDiGraph, issue: str) -> list[tuple[str, str]]:
    """(actor, confidence) of every actor that works on the issue."""
    found = []
    for actor, _, key, data in g.in_edges(issue, keys=True, data=True):
        if key == "worksOn" and g.nodes[actor].get("kind") == "actor":
            found.append((actor, data.get("confidence", "stated") if data.get("graph") == "curated" else "stated"))
    return found


def find_gaps(g: nx.MultiDiGraph, links: list[PillarLink], *, home: str | None = None) -> Gaps:
    """Everything the network leaves uncovered; see the module's docstring."""
    home = home or home_country(g)
    gaps = Gaps(home_country=home)
    issues = sorted(n for n, k in g.nodes(data="kind") if k == "issue")
    covered: dict[str, bool] = {}
    for issue in issues:
        pillar = next((t for _, t, k in g.out_edges(issue, keys=True) if k == "underPillar"), None)
        local = [(a, c) for a, c in _mandates(g, issue) if is_local(g, a, home)]
        covered[issue] = bool(local)
        if not local:
            gaps.issues.append(IssueGap(issue, pillar, "no local actor works on it"))
        elif all(CONFIDENCE_FACTOR.get(c, 0.5) < 1.0 for _, c in local):
            names = ", ".join(display_name(g, a) for a, _ in local)
            gaps.issues.append(IssueGap(issue, pillar, f"only uncertain links: {names}"))
    for solution in sorted(n for n, k in g.nodes(data="kind") if k == "solution"):
        addressed = tuple(sorted(t for _, t, k in g.out_edges(solution, keys=True) if k == "addressesIssue"))
        if not addressed:
            gaps.solutions.append(SolutionGap(solution, (), UNPAIRED))
        elif not any(covered.get(i) for i in addressed):
            gaps.solutions.append(SolutionGap(solution, addressed, "no local actor works on the issues it addresses"))
    per_pillar = sectors_per_pillar(g, [lk for lk in links if is_local(g, lk.actor, home)])
    for pillar in pillars(g):
        counts = per_pillar.get(pillar, {})
        missing = tuple(s for s in LOCAL_SECTORS if not counts.get(s))
        total = sum(counts.values())
        if missing or total < MIN_ACTORS:
            gaps.pillars.append(PillarGap(pillar, total, missing))
    return gaps
