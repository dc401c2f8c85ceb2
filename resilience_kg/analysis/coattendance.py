"""Who meets whom: actors linked by the events they attended together.

Two actors are linked if both were at an event (in any role, see
:func:`resilience_kg.analysis.timeline.event_activity`). Each link carries ``shared``, the
number of events they shared, and ``weight``, Newman's collaboration weight: an event with ``n``
attendees adds ``1 / (n - 1)`` to each of its pairs, so a plenary of two hundred adds little to
any one pair while a meeting of three adds a lot. Two options keep a large event from turning
everything into one clique:

- ``threshold``: keep only pairs that shared at least this many events;
- ``backbone``: the disparity filter (Serrano, Boguñá and Vespignani, PNAS 2009) at level
  ``alpha``: a link stays if, for either end, its weight is significantly larger than a uniform
  share of that actor's total weight (``(1 - w / s) ** (k - 1) < alpha``). An actor with one
  link keeps it.

Communities (Louvain on the weights, seeded) and brokers are reported as ``analyze`` reports
them. A broker here is an actor linked to two or more communities, ranked by its participation
coefficient (Guimerà and Amaral, Nature 2005: ``1 - sum over communities of (w_c / w) ** 2``, where
``w_c`` is the weight of its links into community ``c``; 0 when all its links stay in one
community, near 1 when they spread evenly over many), then by betweenness. Betweenness counts
shortest paths in hops; on a network larger than :data:`EXACT_WORK` (nodes times nodes plus links) it is
estimated from a seeded sample of sources, and the notes say so. Hops rather than weighted
distances: the threshold and the backbone already deal with weak ties, and a weighted search
costs several times as much on the dense networks that events produce.

>>> from resilience_kg.graph.dataset import load_graph
>>> co = coattendance(load_graph())
>>> co.network.number_of_nodes(), co.network.number_of_edges()
(22, 231)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.tabulate import Rendered, Table

if TYPE_CHECKING:
    import networkx as nx

    from resilience_kg.analysis.window import Coverage, Window
    from resilience_kg.graph.dataset import KnowledgeGraph

SEED = 42
#: Nodes times (nodes plus links), the work of one search from every node, up to which
#: betweenness is exact; above, it is estimated from ``EXACT_WORK // (nodes + links)`` seeded
#: sources (at least :data:`MIN_SAMPLE`).
EXACT_WORK = 2_000_000
MIN_SAMPLE = 32
#: Brokers listed in the table and Markdown output (JSON and CSV list them all).
SHOWN_BROKERS = 15


@dataclass(frozen=True)
class CoBroker:
    actor: str
    communities: tuple[int, ...]
    participation: float
    betweenness: float


@dataclass
class CoAttendance(Rendered):
    """The co-attendance network of a (windowed) projection and what was found in it."""

    graph: nx.MultiDiGraph  # the projection it came from (labels, sectors)
    network: nx.Graph  # actors; edges with shared, weight, events
    threshold: int
    backbone: float | None
    removed: int  # pairs the threshold and the backbone left out
    betweenness: dict[str, float]
    communities: list[list[str]]
    brokers: list[CoBroker]
    coverage: Coverage
    notes: list[str] = field(default_factory=list)

    def community_of(self) -> dict[str, int]:
        return {n: i for i, c in enumerate(self.communities) for n in c}

    def parameters(self) -> dict[str, Any]:
        from resilience_kg._version import __version__

        return {"tool": "resilience-kg", "version": __version__, "analysis": "coattendance",
                "threshold": self.threshold, "backbone": self.backbone, "weight": "newman", "seed": SEED,
                "window": self.coverage.window.to_dict()}

    def all_notes(self) -> list[str]:
        filt = f"pairs sharing at least {self.threshold} event(s)"
        if self.backbone is not None:
            filt += f", disparity backbone at alpha {self.backbone:g}"
        return [*self.notes, f"{self.network.number_of_nodes()} actors, {self.network.number_of_edges()} links "
                f"({filt}; {self.removed} pair(s) left out).", self.coverage.describe(), *self.coverage.notes]

    def actor_table(self) -> tuple[list[str], list[list[str]]]:
        from resilience_kg.analysis.pillar_links import display_name

        g, h = self.graph, self.network
        comm = self.community_of()
        rank = {b.actor: i + 1 for i, b in enumerate(self.brokers)}
        part = {b.actor: b.participation for b in self.brokers}
        rows = []
        for a in sorted(h.nodes, key=lambda n: (rank.get(n, len(rank) + 1), -self.betweenness.get(n, 0.0), n)):
            rows.append([a, display_name(g, a), str(g.nodes[a].get("sector", "")), str(h.degree(a)),
                         f"{h.degree(a, weight='weight'):.3f}", f"{self.betweenness.get(a, 0.0):.6f}",
                         f"{part.get(a, 0.0):.3f}", str(comm.get(a, -1)), str(rank.get(a, ""))])
        return ["actor", "name", "sector", "partners", "strength", "betweenness", "participation", "community",
                "broker_rank"], rows

    def link_table(self) -> tuple[list[str], list[list[str]]]:
        from resilience_kg.analysis.pillar_links import display_name

        g, h = self.graph, self.network
        edges = sorted(h.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))
        rows = [[display_name(g, u), display_name(g, w), str(d["shared"]), f"{d['weight']:.3f}",
                 ", ".join(d["events"])] for u, w, d in edges]
        return ["actor", "other", "shared", "weight", "events"], rows

    def to_csv(self) -> str:
        """The actor rows."""
        return Table(*self.actor_table()).to_csv()

    def to_json(self) -> str:
        from resilience_kg.analysis.window import windowed_json

        return windowed_json(
            self,
            actors=[dict(zip(*[self.actor_table()[0]], r, strict=True)) for r in self.actor_table()[1]],
            links=[{"actor": u, "other": w, "shared": d["shared"], "weight": round(d["weight"], 6),
                    "events": d["events"]} for u, w, d in sorted(self.network.edges(data=True))],
            communities=self.communities,
            brokers=[{"actor": b.actor, "communities": list(b.communities), "participation": b.participation,
                      "betweenness": b.betweenness} for b in self.brokers],
        )

    def _broker_lines(self) -> list[str]:
        from resilience_kg.analysis.pillar_links import display_name

        g = self.graph
        lines = [f"{i + 1}. {display_name(g, b.actor)}: communities {', '.join(map(str, b.communities))} "
                 f"(participation {b.participation:.3f}, betweenness {b.betweenness:.3f})"
                 for i, b in enumerate(self.brokers[:SHOWN_BROKERS])] or ["None."]
        if len(self.brokers) > SHOWN_BROKERS:
            lines.append(f"... and {len(self.brokers) - SHOWN_BROKERS} more (all in the JSON and CSV output)")
        return lines

    def _community_lines(self) -> list[str]:
        from resilience_kg.analysis.pillar_links import display_name

        return [f"{i}. {len(c)} actors: {', '.join(display_name(self.graph, a) for a in c)}"
                for i, c in enumerate(self.communities)]

    # Names come from data files: no control character of theirs may reach a terminal.
    def to_markdown(self) -> str:
        from resilience_kg.tabulate import visible

        out = ["# Co-attendance", "", *(f"> {visible(n)}" for n in self.all_notes()), "", "## Actors", "",
               Table(*self.actor_table()).to_markdown(), "## Brokers", "", *map(visible, self._broker_lines()), "",
               "## Communities (Louvain, seeded)", "", *map(visible, self._community_lines()), "", "## Links", "",
               Table(*self.link_table()).to_markdown()]
        return "\n".join(out)

    def to_table(self) -> str:
        from resilience_kg.tabulate import terminal_width, wrap_note

        width = terminal_width()
        return "\n".join([*(wrap_note(n, width) for n in self.all_notes()), "",
                          Table(*self.actor_table()).to_table(), "brokers:",
                          *(wrap_note(b, width) for b in self._broker_lines()), "", "communities:",
                          *(wrap_note(c, width) for c in self._community_lines())]) + "\n"


def attendance(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Per event: the actors that were there (in any role), sorted."""
    from resilience_kg.analysis.timeline import event_activity

    out: dict[str, set[str]] = defaultdict(set)
    for actor, event in event_activity(g):
        if g.nodes[actor].get("kind") == "actor":
            out[event].add(actor)
    return {e: sorted(a) for e, a in sorted(out.items())}


def co_network(g: nx.MultiDiGraph) -> nx.Graph:
    """Every pair of actors that shared an event, with ``shared``, ``weight`` and ``events``."""
    import networkx as nx

    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    weight: dict[tuple[str, str], float] = defaultdict(float)
    for event, present in attendance(g).items():
        if len(present) < 2:
            continue
        w = 1.0 / (len(present) - 1)
        for pair in combinations(present, 2):  # present is sorted, so each pair is (smaller, larger)
            shared[pair].append(event)
            weight[pair] += w
    h = nx.Graph()
    h.add_nodes_from(sorted({a for pair in shared for a in pair}))
    h.add_edges_from((u, w, {"shared": len(evs), "weight": round(weight[(u, w)], 9), "events": evs})
                     for (u, w), evs in sorted(shared.items()))
    return h


def disparity_backbone(h: nx.Graph, alpha: float) -> nx.Graph:
    """The links the disparity filter keeps at level ``alpha`` (see the module's docstring)."""
    if not 0 < alpha < 1:
        raise ResilienceKGError(f"the backbone's alpha must be between 0 and 1, not {alpha}")
    strength = dict(h.degree(weight="weight"))
    degree = dict(h.degree())

    def significant(node: str, w: float) -> bool:
        k = degree[node]
        if k <= 1:
            return True
        return (1.0 - w / strength[node]) ** (k - 1) < alpha

    return _keep(h, [(u, v, d) for u, v, d in h.edges(data=True)
                     if significant(u, d["weight"]) or significant(v, d["weight"])])


def _keep(h: nx.Graph, edges: list[tuple[str, str, dict[str, Any]]]) -> nx.Graph:
    """Every node of ``h`` (in its order) and only ``edges``: cheaper than copying ``h`` and
    removing most of its links."""
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from(h.nodes)
    out.add_edges_from(edges)
    return out


def hop_betweenness(h: nx.Graph) -> tuple[dict[str, float], int]:
    """Normalised betweenness in hops; exact up to :data:`EXACT_WORK`, else estimated from a
    seeded sample of sources. Also the sample size (0 when exact)."""
    import networkx as nx

    n, m = h.number_of_nodes(), h.number_of_edges()
    if m == 0:
        return dict.fromkeys(h.nodes, 0.0), 0
    k = 0 if n * (n + m) <= EXACT_WORK else min(n, max(MIN_SAMPLE, EXACT_WORK // (n + m)))
    # networkx draws the sample from the node order, which co_network makes sorted (and the
    # filters keep), so a run repeats exactly.
    return nx.betweenness_centrality(h, k=k or None, seed=SEED), k


def coattendance_of(
    g: nx.MultiDiGraph, coverage: Coverage, *, threshold: int = 1, backbone: float | None = None
) -> CoAttendance:
    """The co-attendance network of a projection, filtered, with communities and brokers."""
    import networkx as nx
    from networkx.algorithms.community import louvain_communities

    if threshold < 1:
        raise ResilienceKGError(f"the threshold is a number of shared events, at least 1, not {threshold}")
    full = co_network(g)
    h = full
    if threshold > 1:
        h = _keep(full, [(u, w, d) for u, w, d in full.edges(data=True) if d["shared"] >= threshold])
    if backbone is not None:
        h = disparity_backbone(h, backbone)
    removed = full.number_of_edges() - h.number_of_edges()
    between, sampled = hop_betweenness(h)
    names = sorted(h.nodes)
    ints = nx.Graph()
    index = {n: i for i, n in enumerate(names)}
    ints.add_nodes_from(range(len(names)))
    ints.add_edges_from((index[u], index[w], {"weight": d["weight"]}) for u, w, d in sorted(h.edges(data=True)))
    # Louvain on integer labels: sets of strings iterate in a hash-seed order (see metrics.communities).
    found = louvain_communities(ints, weight="weight", seed=SEED) if names else []
    communities = sorted((sorted(names[i] for i in c) for c in found), key=lambda c: (-len(c), c))
    comm = {n: i for i, c in enumerate(communities) for n in c}
    brokers = []
    for n in names:
        into: dict[int, float] = defaultdict(float)
        for m, d in h[n].items():
            into[comm[m]] += d["weight"]
        if len({*into, comm[n]}) < 2:  # every link stays inside its own community
            continue
        total = sum(into.values())
        participation = round(1.0 - sum((w / total) ** 2 for w in into.values()), 6)
        brokers.append(CoBroker(n, tuple(sorted({*into, comm[n]})), participation, between.get(n, 0.0)))
    brokers.sort(key=lambda b: (-b.participation, -b.betweenness, b.actor))
    notes = [f"Betweenness was estimated from {sampled} seeded sources (a large network)."] if sampled else []
    return CoAttendance(g, h, threshold, backbone, removed, between, communities, brokers, coverage, notes)


def coattendance(
    kg: KnowledgeGraph,
    *,
    threshold: int = 1,
    backbone: float | None = None,
    report_only: bool = False,
    window: Window | None = None,
) -> CoAttendance:
    """Project ``kg`` (restricted to ``window``, if given) and build its co-attendance network."""
    from resilience_kg.analysis.window import windowed_projection

    g, coverage = windowed_projection(kg, report_only=report_only, window=window)
    return coattendance_of(g, coverage, threshold=threshold, backbone=backbone)
