"""Network metrics: centralities per actor, brokers between pillars, and communities.

Centralities are computed on the undirected, simple version of the projection (parallel edges
merged), one connected component at a time: no shortest path crosses components, so the sums are the
same, and a corpus of many cities (many components) costs the sum of small problems instead of one
large one (exact betweenness is O(n·m) in the size of the graph it runs on). A component above
:data:`EXACT_LIMIT` nodes has its betweenness and closeness estimated from a seeded sample of ``k``
source nodes, so a run repeats exactly. Values are scaled as networkx scales them for the whole
graph (normalised betweenness, Wasserman-Faust closeness). Eigenvector centrality is computed per
component and weighted by the square root of the component's share of the nodes, so that the vector
keeps unit length and every component's actors get a score (on the whole graph, the largest
component would take it all); an isolated node scores 0."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilience_kg.analysis.pillar_links import PillarLink
from resilience_kg.analysis.projection import actors

if TYPE_CHECKING:
    import networkx as nx

#: Node count above which betweenness and closeness are sampled instead of exact.
EXACT_LIMIT = 2000
#: Sample size (source nodes) for the estimates.
SAMPLE_K = 200
#: Seed for every random choice: sampling and Louvain.
SEED = 42


@dataclass(frozen=True)
class ActorMetrics:
    actor: str
    degree: int
    betweenness: float
    closeness: float
    eigenvector: float


@dataclass(frozen=True)
class Broker:
    """An actor connected (beyond presence) to two or more pillars."""

    actor: str
    pillars: tuple[str, ...]
    betweenness: float


@dataclass(frozen=True)
class MetricSettings:
    """How the metrics were computed, for the record (and the RDF write-back)."""

    exact: bool
    sample_k: int | None
    seed: int
    nodes: int
    edges: int


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of a projection: one edge per linked pair, nodes and edges
    in sorted order so that every algorithm sees them in the same order on every run."""
    import networkx as nx

    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    h.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u != v}))
    return h


def sampled_closeness(h: nx.Graph, *, k: int, seed: int) -> dict[str, float]:
    """Closeness estimated from ``k`` seeded pivot nodes (Eppstein and Wang's estimator):
    the mean distance from a node to the pivots in its component stands for its mean distance
    to all nodes, scaled like networkx's Wasserman-Faust closeness for disconnected graphs."""
    import networkx as nx

    nodes = sorted(h.nodes)
    pivots = random.Random(seed).sample(nodes, min(k, len(nodes)))
    total = dict.fromkeys(nodes, 0)
    reached = dict.fromkeys(nodes, 0)
    for p in pivots:
        for node, d in nx.single_source_shortest_path_length(h, p).items():
            total[node] += d
            reached[node] += 1
    n = len(nodes)
    size = {node: len(c) for c in nx.connected_components(h) for node in c}
    out = {}
    for node in nodes:
        comp = size[node] if reached[node] else 1
        if total[node] == 0 or comp <= 1:
            out[node] = 0.0
            continue
        mean = total[node] / max(1, reached[node] - 1 if node in pivots else reached[node])
        out[node] = (1.0 / mean) * ((comp - 1) / (n - 1))
    return out


def _components(h: nx.Graph) -> list[nx.Graph]:
    import networkx as nx

    return [h.subgraph(c).copy() for c in sorted(nx.connected_components(h), key=min)]


def betweenness(h: nx.Graph, *, weight: str | None = None) -> tuple[dict[str, float], bool]:
    """Normalised betweenness of every node, component by component (exact up to
    :data:`EXACT_LIMIT` nodes, sampled above); also whether any component was sampled."""
    import networkx as nx

    n = h.number_of_nodes()
    out: dict[str, float] = dict.fromkeys(h.nodes, 0.0)
    sampled = False
    for comp in _components(h):
        m = comp.number_of_nodes()
        if m <= 2:
            continue
        if m <= EXACT_LIMIT:
            part = nx.betweenness_centrality(comp, normalized=False, weight=weight)
        else:
            sampled = True
            part = nx.betweenness_centrality(comp, k=min(SAMPLE_K, m), normalized=False, weight=weight, seed=SEED)
        out.update(part)
    # networkx's normalisation for an undirected graph of n nodes: 2 / ((n - 1)(n - 2)).
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {node: value * scale for node, value in out.items()}, sampled


def centralities(g: nx.MultiDiGraph) -> tuple[dict[str, dict[str, float]], MetricSettings]:
    """Degree, betweenness, closeness and eigenvector centrality of every node, by metric name."""
    import networkx as nx

    h = simple_graph(g)
    n = h.number_of_nodes()
    between, sampled = betweenness(h)
    closeness: dict[str, float] = dict.fromkeys(h.nodes, 0.0)
    eigen: dict[str, float] = dict.fromkeys(h.nodes, 0.0)
    for comp in _components(h):
        m = comp.number_of_nodes()
        if m < 2:
            continue
        inner = nx.closeness_centrality(comp) if m <= EXACT_LIMIT else sampled_closeness(comp, k=SAMPLE_K, seed=SEED)
        share = (m - 1) / (n - 1)  # Wasserman-Faust: as networkx scales a node of a smaller component
        closeness.update({node: value * share for node, value in inner.items()})
        try:
            vector = nx.eigenvector_centrality(comp, max_iter=1000, tol=1e-8)
        except nx.PowerIterationFailedConvergence:  # pragma: no cover - a pathological component
            continue
        weight = (m / n) ** 0.5
        eigen.update({node: value * weight for node, value in vector.items()})
    values = {
        "degree": {node: float(d) for node, d in h.degree()},
        "betweenness": between,
        "closeness": closeness,
        "eigenvector": eigen,
    }
    settings = MetricSettings(
        exact=not sampled, sample_k=SAMPLE_K if sampled else None, seed=SEED, nodes=n, edges=h.number_of_edges()
    )
    return values, settings


def actor_metrics(g: nx.MultiDiGraph) -> tuple[list[ActorMetrics], MetricSettings]:
    """Degree, betweenness, closeness and eigenvector centrality for every actor."""
    values, settings = centralities(g)
    rows = [
        ActorMetrics(
            actor=a,
            degree=int(values["degree"].get(a, 0)),
            betweenness=values["betweenness"].get(a, 0.0),
            closeness=values["closeness"].get(a, 0.0),
            eigenvector=values["eigenvector"].get(a, 0.0),
        )
        for a in actors(g)
    ]
    return rows, settings


def brokers(g: nx.MultiDiGraph, links: Iterable[PillarLink]) -> list[Broker]:
    """Actors that do something about two or more pillars, ranked by their betweenness on the
    actor-pillar graph (edges weighted by strength, stronger links shorter)."""
    import networkx as nx

    bip = nx.Graph()
    touched: dict[str, list[str]] = {}
    for link in links:
        if link.substantive:
            bip.add_edge(link.actor, link.pillar, distance=1.0 / link.strength)
            touched.setdefault(link.actor, []).append(link.pillar)
    if bip.number_of_nodes() == 0:
        return []
    between, _ = betweenness(bip, weight="distance")
    found = [Broker(a, tuple(sorted(ps)), between.get(a, 0.0)) for a, ps in touched.items() if len(ps) >= 2]
    return sorted(found, key=lambda b: (-b.betweenness, -len(b.pillars), b.actor))


def communities(g: nx.MultiDiGraph, *, seed: int = SEED) -> list[list[str]]:
    """Louvain communities of the undirected graph, seeded so that a run repeats exactly;
    largest first, members sorted."""
    import networkx as nx
    from networkx.algorithms.community import louvain_communities

    # Louvain keeps communities in sets; sets of strings iterate in an order that changes with
    # Python's hash seed, so the same seed could give different communities in two processes.
    # Integers hash to themselves, so the algorithm runs on integer labels.
    h = simple_graph(g)
    names = list(h.nodes)
    found = louvain_communities(nx.convert_node_labels_to_integers(h, ordering="default"), seed=seed)
    return sorted((sorted(names[i] for i in c) for c in found), key=lambda c: (-len(c), c))
