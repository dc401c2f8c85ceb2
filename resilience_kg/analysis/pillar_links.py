"""Which actors connect to which pillar, how strongly, and through what.

A connection is a path in the projected graph from an actor to a pillar, along one of the
patterns in :data:`PATHS`. Each pattern has a weight for what it means, and each curated link on
the way is discounted by its confidence. The strength of an actor-pillar pair is the sum of its
paths' weights, with each pattern's total capped at its cap: so being present at a workshop that
had a session on every pillar (which connects every participant to every pillar) adds a little
and never adds up to a mandate.

The weights, all in one place:

==========  ===========================================================  ======  ===
pattern     path                                                         weight  cap
==========  ===========================================================  ======  ===
mandate     actor -worksOn-> issue -underPillar-> pillar                 1.0     --
commitment  actor <-committedBy- commitment -underPillar-> pillar, or
            ... commitment -commitmentConcerns-> issue or solution
            -underPillar-> pillar                                        0.8     --
proposal    actor <-proposedBy- solution -addressesIssue-> issue
            -underPillar-> pillar, or ... solution -underPillar-> pillar 0.6     --
session     actor -participatedIn-> session -concernsPillar-> pillar     0.3     0.3
event       actor -participatedIn-> event -concernsPillar-> pillar, or
            actor -participatedIn-> event -hasSession-> session
            -concernsPillar-> pillar (the event as a whole)              0.1     0.1
==========  ===========================================================  ======  ===

The least certain curated link on a path discounts its weight once: stated and well-attested
1.0, uncertain 0.6, unknown 0.5. Presence alone is worth at most 0.4 (session plus event), less than
the weakest mandate (0.5). A solution or commitment with two routes to the same pillar (its own
``underPillar`` and that of the issue it addresses or concerns) counts there once, by the better
route. Commitments stay out of the projection's network (they move no centrality): they sit in its
side graph ``g.graph[UTTERANCES]``, which the walk follows. Mandates, the pillar of each issue,
solution and session, and which solution addresses which issue are curated knowledge, so the
report-only view keeps only presence at an event on the pillars the source says it was about: its
scores are weaker, and the analysis says so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from resilience_kg.analysis.projection import UTTERANCES, actors, pillars

if TYPE_CHECKING:
    import networkx as nx

Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Pattern:
    name: str
    steps: tuple[tuple[str, Direction], ...]
    weight: float
    cap: float = math.inf
    kinds: tuple[str, ...] = ()  # the kind of node each step must reach ("" for any)

    def describe(self, *, lang: str = "en") -> str:
        """The path as words, from the kinds of node it passes through.

        >>> PATHS[0].describe()
        'actor -> works on -> issue -> under -> pillar'
        """
        parts = ["actor"]
        for i, step in enumerate(self.steps):
            kind = self.kinds[i] if i < len(self.kinds) and self.kinds[i] else "any"
            parts += [PHRASES.get(step, {}).get(lang, step[0]), kind]
        return " -> ".join(parts)


PATHS: tuple[Pattern, ...] = (
    Pattern("mandate", (("worksOn", "out"), ("underPillar", "out")), 1.0, kinds=("issue", "pillar")),
    # A commitment binds its party to act: more than a proposal, less than a standing mandate.
    # It reaches the pillar it is under, or that of the issue or solution it concerns.
    Pattern("commitment", (("committedBy", "in"), ("underPillar", "out")), 0.8, kinds=("commitment", "pillar")),
    Pattern(
        "commitment",
        (("committedBy", "in"), ("commitmentConcerns", "out"), ("underPillar", "out")),
        0.8,
        kinds=("commitment", "", "pillar"),
    ),
    Pattern(
        "proposal",
        (("proposedBy", "in"), ("addressesIssue", "out"), ("underPillar", "out")),
        0.6,
        kinds=("solution", "issue", "pillar"),
    ),
    # A proposal the text pairs with no issue reaches the pillar it is under itself. Same name:
    # a solution with both routes to one pillar counts once there (see ONCE_THROUGH).
    Pattern("proposal", (("proposedBy", "in"), ("underPillar", "out")), 0.6, kinds=("solution", "pillar")),
    Pattern("session", (("participatedIn", "out"), ("concernsPillar", "out")), 0.3, 0.3, kinds=("session", "pillar")),
    # The event as a whole: on a pillar the source says it was about, or through one of its
    # sessions; both paths share the name, so together they stay within the one cap.
    Pattern("event", (("participatedIn", "out"), ("concernsPillar", "out")), 0.1, 0.1, kinds=("event", "pillar")),
    Pattern(
        "event",
        (("participatedIn", "out"), ("hasSession", "out"), ("concernsPillar", "out")),
        0.1,
        0.1,
        kinds=("event", "session", "pillar"),
    ),
)
CONFIDENCE_FACTOR = {"stated": 1.0, "well-attested": 1.0, "uncertain": 0.6, "unknown": 0.5}
#: Patterns with two routes to a pillar through the same solution or commitment: it counts by
#: the better route.
ONCE_THROUGH = ("proposal", "commitment")
#: Patterns that mean an actor does something about a pillar, not merely that it was there
#: (sessions and events are presence).
SUBSTANTIVE = ("mandate", "commitment", "proposal")

PHRASES = {
    ("worksOn", "out"): {"en": "works on", "id": "menangani"},
    ("underPillar", "out"): {"en": "under", "id": "di bawah"},
    ("proposedBy", "in"): {"en": "proposed", "id": "mengusulkan"},
    ("addressesIssue", "out"): {"en": "addresses", "id": "menjawab"},
    ("participatedIn", "out"): {"en": "took part in", "id": "hadir dalam"},
    ("concernsPillar", "out"): {"en": "on", "id": "membahas"},
    ("hasSession", "out"): {"en": "had session", "id": "memiliki sesi"},
    ("committedBy", "in"): {"en": "committed to", "id": "berkomitmen pada"},
    ("commitmentConcerns", "out"): {"en": "concerning", "id": "tentang"},
}


@dataclass(frozen=True)
class PillarPath:
    """One path from an actor to a pillar: the nodes, the pattern, and what it is worth."""

    pattern: str
    nodes: tuple[str, ...]
    steps: tuple[tuple[str, Direction], ...]
    weight: float
    curated: bool
    confidence: str | None

    def chain(self, g: nx.MultiDiGraph, *, lang: str = "en") -> str:
        """The path as words: ``BPBD -> works on -> Early warning system -> under -> Jakarta SIAP``."""
        parts = [display_name(g, self.nodes[0], lang=lang)]
        for step, node in zip(self.steps, self.nodes[1:], strict=True):
            parts += [PHRASES.get(step, {}).get(lang, step[0]), display_name(g, node, lang=lang)]
        return " -> ".join(parts)


@dataclass
class PillarLink:
    """An actor-pillar pair: its strength, the contribution of each pattern, and every path."""

    actor: str
    pillar: str
    strength: float
    basis: dict[str, float] = field(default_factory=dict)
    paths: list[PillarPath] = field(default_factory=list)

    @property
    def substantive(self) -> bool:
        """True if the actor does something about the pillar, beyond being present."""
        return any(self.basis.get(k, 0) > 0 for k in SUBSTANTIVE)


def _node(g: nx.MultiDiGraph, node: str) -> dict[str, object]:
    """A node's attributes, in the projection or in its side graph of utterances."""
    if node in g:
        return g.nodes[node]  # type: ignore[no-any-return]
    side = g.graph.get(UTTERANCES)
    return side.nodes[node] if side is not None and node in side else {}  # type: ignore[no-any-return]


def display_name(g: nx.MultiDiGraph, node: str, *, lang: str = "en") -> str:
    """A short name: the acronym of an actor, else its label in ``lang``."""
    a = _node(g, node)
    if a.get("kind") == "actor" and a.get("acronym"):
        return str(a["acronym"])
    if a.get("kind") == "pillar":
        return str(a.get("label_id") or a.get("label"))
    return str(a.get(f"label_{lang}") or a.get("label") or node)


def _walk(g: nx.MultiDiGraph, start: str, pattern: Pattern) -> Iterator[PillarPath]:
    # Breadth-first along the pattern's steps; each frontier item carries the path so far and
    # the factor of its least certain curated link (a path is as sure as its weakest link, and
    # is discounted once, so that no mandate falls below mere presence).
    frontier: list[tuple[tuple[str, ...], float, bool, str | None]] = [((start,), 1.0, False, None)]
    graphs = [h for h in (g, g.graph.get(UTTERANCES)) if h is not None]
    for depth, (predicate, direction) in enumerate(pattern.steps):
        want = pattern.kinds[depth] if pattern.kinds else ""
        nxt: list[tuple[tuple[str, ...], float, bool, str | None]] = []
        for nodes, factor, curated, conf in frontier:
            here = nodes[-1]
            edges: list[tuple[str, str, dict[str, object]]] = []
            for h in graphs:  # the projection, then the commitments beside it
                if here not in h:
                    continue
                if direction == "out":
                    edges += [(t, k, d) for _, t, k, d in h.out_edges(here, keys=True, data=True)]
                else:
                    edges += [(s, k, d) for s, _, k, d in h.in_edges(here, keys=True, data=True)]
            for other, key, data in edges:
                if key != predicate or other in nodes:
                    continue
                kind = _node(g, other).get("kind")
                if kind is None or (want and kind != want):
                    continue
                if data.get("graph") == "curated":
                    c = str(data.get("confidence", "unknown"))
                    worst = c if conf is None or CONFIDENCE_FACTOR.get(c, 0.5) < CONFIDENCE_FACTOR[conf] else conf
                    nxt.append(((*nodes, other), min(factor, CONFIDENCE_FACTOR.get(c, 0.5)), True, worst))
                else:
                    nxt.append(((*nodes, other), factor, curated, conf))
        frontier = nxt
    for nodes, factor, curated, conf in frontier:
        yield PillarPath(pattern.name, nodes, pattern.steps, round(pattern.weight * factor, 6), curated, conf)


def pillar_links(g: nx.MultiDiGraph) -> list[PillarLink]:
    """Every actor-pillar pair that some path connects, strongest first within each actor.

    >>> from resilience_kg.graph.dataset import load_graph
    >>> from resilience_kg.analysis.projection import project
    >>> links = pillar_links(project(load_graph()))
    >>> best = max((l for l in links if l.actor == "bpbd"), key=lambda l: l.strength)
    >>> best.pillar, best.paths[0].chain(project(load_graph()))
    ('jakarta-siap', 'BPBD -> works on -> Disaster risk mapping -> under -> Jakarta SIAP')
    """
    pillar_set = set(pillars(g))
    out: list[PillarLink] = []
    for actor in actors(g):
        found: dict[str, PillarLink] = {}
        totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        # A solution (or commitment) with two routes to a pillar, its own link and the issue it
        # addresses, counts by the better route, not by both: one proposal there, not two.
        routes: dict[tuple[str, str, str], dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for index, pattern in enumerate(PATHS):
            for path in _walk(g, actor, pattern):
                pillar = path.nodes[-1]
                if pillar not in pillar_set:
                    continue
                link = found.setdefault(pillar, PillarLink(actor, pillar, 0.0))
                link.paths.append(path)
                if pattern.name in ONCE_THROUGH:
                    routes[(pattern.name, path.nodes[1], pillar)][index] += path.weight
                else:
                    totals[pillar][pattern.name] += path.weight
        for (name, _through, pillar), by_route in routes.items():
            totals[pillar][name] += max(by_route.values())
        caps = {p.name: p.cap for p in PATHS}
        for pillar, link in found.items():
            link.basis = {k: round(min(caps[k], t), 6) for k, t in totals[pillar].items()}
            link.strength = round(sum(link.basis.values()), 6)
            link.paths.sort(key=lambda p: (-p.weight, p.nodes))
        out.extend(sorted(found.values(), key=lambda lk: (-lk.strength, lk.pillar)))
    return out


def matrix(g: nx.MultiDiGraph, links: list[PillarLink]) -> dict[str, dict[str, float]]:
    """The actor-by-pillar matrix (3W style): every actor a row, every pillar a column, the
    strength in each cell (0.0 where nothing connects them)."""
    cols = pillars(g)
    table = {a: dict.fromkeys(cols, 0.0) for a in actors(g)}
    for link in links:
        table[link.actor][link.pillar] = link.strength
    return table


def sectors_per_pillar(g: nx.MultiDiGraph, links: list[PillarLink]) -> dict[str, dict[str, int]]:
    """Per pillar, the number of actors of each sector that do something about it (a mandate or
    a proposal; presence alone does not count)."""
    counts: dict[str, dict[str, int]] = {p: {} for p in pillars(g)}
    for link in links:
        if link.substantive:
            sector = str(g.nodes[link.actor].get("sector", "unknown"))
            counts[link.pillar][sector] = counts[link.pillar].get(sector, 0) + 1
    return counts
