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
