"""Write the analysis back into RDF, as the ``analysis`` named graph, so that a SPARQL user can
ask for the top brokers like any other fact.

Each value is an ``rkg:Measurement`` of one node (``rkg:measuredEntity``), named by
``rkg:metric``, with ``schema:value`` and ``prov:wasGeneratedBy`` an ``rkg:AnalysisRun`` that
names the tool, its version and its parameters. IRIs are derived from the parameters and the
values, so the same analysis gives the same triples.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.graph.assemble import iri, literal
from resilience_kg.graph.oxterms import to_bytes

if TYPE_CHECKING:
    from resilience_kg.analysis.analyze import Analysis
    from resilience_kg.analysis.coattendance import CoAttendance
    from resilience_kg.analysis.timeline import Timeline
    from resilience_kg.graph.dataset import KnowledgeGraph

G = iri(v.ANALYSIS_GRAPH)
A = iri(v.RDF + "type")


def analysis_nquads(analysis: Analysis) -> bytes:
    """The analysis as N-Quads in the ``analysis`` graph."""
    g = analysis.graph
    params = json.dumps(analysis.parameters(), sort_keys=True)
    values: list[tuple[str, str, str | None, float | int]] = []
    comm = analysis.community_of()
    broker_rank = {b.actor: i + 1 for i, b in enumerate(analysis.brokers)}
    for m in analysis.metrics:
        values += [
            (m.actor, "degree", None, m.degree),
            (m.actor, "betweenness", None, m.betweenness),
            (m.actor, "closeness", None, m.closeness),
            (m.actor, "eigenvector", None, m.eigenvector),
            (m.actor, "community", None, comm.get(m.actor, -1)),
        ]
        if m.actor in broker_rank:
            values.append((m.actor, "broker_rank", None, broker_rank[m.actor]))
    for b in analysis.brokers:
        values.append((b.actor, "broker_betweenness", None, b.betweenness))
    for link in analysis.links:
        values.append((link.actor, "pillar_strength", link.pillar, link.strength))
    digest = hashlib.sha1((params + repr(sorted(values, key=repr))).encode()).hexdigest()[:16]
    run = iri(v.mint(f"analysis/{digest}"))
    agent = iri(v.mint("software/resilience-kg"))
    params_obj = analysis.parameters()
    lines = [
        f"{run} {A} {iri(v.RKG + 'AnalysisRun')} {G} .",
        f"{run} {iri(v.RKG + 'parameters')} {literal(params, datatype=v.RDF + 'JSON')} {G} .",
        f"{run} {iri(v.PROV + 'wasAssociatedWith')} {agent} {G} .",
        f"{run} {iri(v.SKOS + 'prefLabel')} {literal('Analisis jaringan resilience-kg', lang='id')} {G} .",
        f"{run} {iri(v.SKOS + 'prefLabel')} {literal('resilience-kg network analysis', lang='en')} {G} .",
        f"{agent} {A} {iri(v.PROV + 'SoftwareAgent')} {G} .",
        f"{agent} {iri(v.SCHEMA + 'softwareVersion')} {literal(str(params_obj['version']))} {G} .",
        f"{agent} {iri(v.SKOS + 'prefLabel')} {literal('resilience-kg', lang='en')} {G} .",
    ]
    for node, metric, pillar, value in values:
        key = f"{node}/{metric}" + (f"/{pillar}" if pillar else "")
        node_iri = iri(v.mint(f"analysis/{digest}/{key}"))
        dt = v.XSD + ("integer" if isinstance(value, int) else "double")
        lines += [
            f"{node_iri} {A} {iri(v.RKG + 'Measurement')} {G} .",
            f"{node_iri} {iri(v.RKG + 'measuredEntity')} {iri(g.nodes[node]['iri'])} {G} .",
            f"{node_iri} {iri(v.RKG + 'metric')} {literal(metric)} {G} .",
            f"{node_iri} {iri(v.SCHEMA + 'value')} {literal(repr(value), datatype=dt)} {G} .",
            f"{node_iri} {iri(v.PROV + 'wasGeneratedBy')} {run} {G} .",
        ]
        if pillar:
            lines.append(f"{node_iri} {iri(v.RKG + 'aboutPillar')} {iri(g.nodes[pillar]['iri'])} {G} .")
    return ("\n".join(lines) + "\n").encode()


def attach_analysis(kg: KnowledgeGraph, analysis: Analysis) -> int:
    """Replace the ``analysis`` graph of ``kg`` with this analysis; return its triple count."""
    graph = ox.NamedNode(v.ANALYSIS_GRAPH)
    if graph in set(kg.store.named_graphs()):
        kg.store.remove_graph(graph)
    kg.store.load(analysis_nquads(analysis), format=ox.RdfFormat.N_QUADS)
    return sum(1 for _ in kg.store.quads_for_pattern(None, None, None, graph))


def analysis_trig(analysis: Analysis) -> bytes:
    """The analysis graph as TriG with the project's prefixes, sorted (same analysis, same bytes)."""
    quads = sorted(ox.parse(analysis_nquads(analysis), format=ox.RdfFormat.N_QUADS), key=str)
    return to_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=v.PREFIXES))


# -- the analyses over time: the same Measurement pattern, with a period and a second entity ----
def measurements_nquads(
    values: list[tuple[str, str, float | int, str | None, str | None]],
    params: dict[str, object],
    *,
    iri_of: dict[str, str],
    label_en: str,
    label_id: str,
    pillars: frozenset[str] = frozenset(),
) -> bytes:
    """N-Quads for one analysis run: ``values`` are (node, metric, value, period, other node);
    the period goes in ``dcterms:temporal`` (``2019``, ``2019-Q4``, ``2019-11``), the other node
    (of a pair) is a second ``rkg:measuredEntity``, or ``rkg:aboutPillar`` if it is one of
    ``pillars``. IRIs derive from the parameters and values."""
    text = json.dumps(params, sort_keys=True)
    digest = hashlib.sha1((text + repr(sorted(values, key=repr))).encode()).hexdigest()[:16]
    run = iri(v.mint(f"analysis/{digest}"))
    agent = iri(v.mint("software/resilience-kg"))
    lines = [
        f"{run} {A} {iri(v.RKG + 'AnalysisRun')} {G} .",
        f"{run} {iri(v.RKG + 'parameters')} {literal(text, datatype=v.RDF + 'JSON')} {G} .",
        f"{run} {iri(v.PROV + 'wasAssociatedWith')} {agent} {G} .",
        f"{run} {iri(v.SKOS + 'prefLabel')} {literal(label_id, lang='id')} {G} .",
        f"{run} {iri(v.SKOS + 'prefLabel')} {literal(label_en, lang='en')} {G} .",
        f"{agent} {A} {iri(v.PROV + 'SoftwareAgent')} {G} .",
        f"{agent} {iri(v.SCHEMA + 'softwareVersion')} {literal(str(params['version']))} {G} .",
        f"{agent} {iri(v.SKOS + 'prefLabel')} {literal('resilience-kg', lang='en')} {G} .",
    ]
    for node, metric, value, period, other in values:
        key = "/".join(x for x in (node, other, metric, period) if x)
        m = iri(v.mint(f"analysis/{digest}/{key}"))
        dt = v.XSD + ("integer" if isinstance(value, int) else "double")
        lines += [
            f"{m} {A} {iri(v.RKG + 'Measurement')} {G} .",
            f"{m} {iri(v.RKG + 'measuredEntity')} {iri(iri_of[node])} {G} .",
            f"{m} {iri(v.RKG + 'metric')} {literal(metric)} {G} .",
            f"{m} {iri(v.SCHEMA + 'value')} {literal(repr(value), datatype=dt)} {G} .",
            f"{m} {iri(v.PROV + 'wasGeneratedBy')} {run} {G} .",
        ]
        if period:
            lines.append(f"{m} {iri(v.DCTERMS + 'temporal')} {literal(period)} {G} .")
        if other:
            about = "aboutPillar" if other in pillars else "measuredEntity"
            lines.append(f"{m} {iri(v.RKG + about)} {iri(iri_of[other])} {G} .")
    return ("\n".join(lines) + "\n").encode()


def timeline_nquads(tl: Timeline) -> bytes:
    """The timeline as measurements: per actor and period the events attended and each role held;
    per pillar and period the actors (and the actors of each sector) that touched it; and the
    newcomers and leavers (``newcomer``/``leaver`` = 1 for the actor in that period)."""
    values: list[tuple[str, str, float | int, str | None, str | None]] = []
    for r in tl.rows:
        values.append((r.actor, "events_attended", len(r.events), r.period, None))
        values += [(r.actor, f"role_{role}", n, r.period, None) for role, n in sorted(r.roles.items())]
        values += [(r.actor, "touched_pillar", 1, r.period, p) for p in r.pillars]
    for period in tl.periods:
        values += [(a, "newcomer", 1, period, None) for a in tl.newcomers[period]]
        if period != tl.periods[-1]:
            values += [(a, "leaver", 1, period, None) for a in tl.leavers[period]]
        for p, n in sorted(tl.pillar_actors[period].items()):
            values.append((p, "actors_on_pillar", n, period, None))
            values += [(p, f"actors_on_pillar_{s}", c, period, None)
                       for s, c in sorted(tl.pillar_sectors[period].get(p, {}).items())]
    iri_of = {n: str(d["iri"]) for n, d in tl.graph.nodes(data=True)}
    return measurements_nquads(values, tl.parameters(), iri_of=iri_of, label_en="resilience-kg timeline",
                               label_id="Lini masa resilience-kg", pillars=frozenset(tl.pillars))


def coattendance_nquads(co: CoAttendance) -> bytes:
    """The co-attendance network as measurements: per pair the shared events and the weight;
    per actor its betweenness and community, and for a broker its rank and participation."""
    values: list[tuple[str, str, float | int, str | None, str | None]] = []
    for u, w, d in sorted(co.network.edges(data=True)):
        values += [(u, "shared_events", int(d["shared"]), None, w),
                   (u, "coattendance_weight", float(d["weight"]), None, w)]
    comm = co.community_of()
    rank = {b.actor: i + 1 for i, b in enumerate(co.brokers)}
    values += [(b.actor, "coattendance_participation", float(b.participation), None, None) for b in co.brokers]
    for a in sorted(co.network.nodes):
        values += [(a, "coattendance_betweenness", float(co.betweenness.get(a, 0.0)), None, None),
                   (a, "coattendance_community", comm.get(a, -1), None, None)]
        if a in rank:
            values.append((a, "coattendance_broker_rank", rank[a], None, None))
    iri_of = {n: str(d["iri"]) for n, d in co.graph.nodes(data=True)}
    return measurements_nquads(values, co.parameters(), iri_of=iri_of, label_en="resilience-kg co-attendance network",
                               label_id="Jaringan kehadiran bersama resilience-kg")


def nquads_trig(nquads: bytes) -> bytes:
    """N-Quads as TriG with the project's prefixes, sorted (same analysis, same bytes)."""
    quads = sorted(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), key=str)
    return to_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=v.PREFIXES))
