"""Project the RDF graph onto a networkx graph: entities become nodes, object-property triples
become edges, literals become node attributes.

One pass over the data graphs of the Oxigraph store (report, curated, and any loaded files),
plus small look-ups in the ontology and provenance graphs; the ontology, provenance and analysis
triples themselves stay out. A link to a concept of the ontology (a sector, a confidence level,
an agreement status) becomes an attribute holding the concept's notation, not an edge.

>>> from resilience_kg.graph.dataset import load_graph
>>> g = project(load_graph())
>>> g.nodes["bpbd"]["sector"], g.nodes["bpbd"]["acronym"]
('government', 'BPBD')
>>> sorted({d["graph"] for _, _, d in g.edges(data=True)})
['curated', 'report']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.graph.oxterms import literal_value, text

if TYPE_CHECKING:
    import networkx as nx

    from resilience_kg.graph.dataset import KnowledgeGraph

#: Kinds of node, by class (local name); every actor sector class is of kind "actor".
ACTOR_CLASSES = (
    "GovernmentAgency", "RegionalEnterprise", "PrivateCompany",
    "CivilSocietyOrganization", "AcademicInstitution", "DiplomaticMission", "InternationalOrganization",
)  # fmt: skip
#: Classes whose nodes are what actors said and promised, not parts of the network: they stay out
#: of the projection (so they move no centrality) and are shown in their speaker's details.
UTTERANCE_CLASSES = ("Remark", "Commitment")
#: The key in ``g.graph`` of the side graph that holds the utterances and their links (a
#: commitment's party, what it concerns, its pillar), for the paths that follow them.
UTTERANCES = "utterances"

# Literal-valued properties kept as node attributes, under these names.
_ATTRIBUTES = {
    v.SKOS + "altLabel": "acronym",
    v.SKOS + "notation": "notation",
    v.RKG + "countryCode": "country",
    v.RKG + "isGroup": "is_group",
    v.RKG + "expansion": "expansion",
    v.DCTERMS + "description": "description_en",
    v.SCHEMA + "startDate": "date",
    v.SCHEMA + "value": "value",
    v.SCHEMA + "minValue": "min_value",
    v.RKG + "minExclusive": "min_exclusive",
    v.SCHEMA + "position": "position",
    v.SCHEMA + "unitText": "unit_text",
    v.SCHEMA + "unitCode": "unit_code",
}
_DATA_GRAPHS = (v.REPORT_GRAPH, v.CURATED_GRAPH, v.DRAFT_GRAPH)
_RDF_TYPE = v.RDF + "type"
_PREF_LABEL = v.SKOS + "prefLabel"


def node_id(iri: str) -> str:
    """The node key for an IRI: its slug under the ``id:`` namespace, else the IRI."""
    return iri[len(v.ID) :] if iri.startswith(v.ID) else iri


def graph_name(iri: str) -> str:
    """``report``, ``curated``, or ``file:NAME`` for a graph loaded from a file."""
    if iri.startswith(v.FILE_GRAPH):
        return "file:" + iri[len(v.FILE_GRAPH) :]
    return iri[len(v.GRAPH) :] if iri.startswith(v.GRAPH) else iri


def _concept_notations(store: ox.Store) -> dict[str, str]:
    onto = ox.NamedNode(v.ONTOLOGY_GRAPH)
    return {
        text(q.subject): text(q.object)
        for q in store.quads_for_pattern(None, ox.NamedNode(v.SKOS + "notation"), None, onto)
        if isinstance(q.subject, ox.NamedNode)
    }


def _curated_confidence(store: ox.Store) -> dict[tuple[str, str, str], str]:
    """(subject, predicate, object) IRIs of each curated link -> its confidence notation."""
    rows = store.query(
        """SELECT ?s ?p ?o ?c WHERE { GRAPH graph:provenance {
             ?st a rkg:CuratedStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rkg:confidence ?c
             FILTER(isIRI(?o)) } }""",
        prefixes=v.QUERY_PREFIXES,
    )
    return {
        (r["s"].value, r["p"].value, r["o"].value): r["c"].value.rsplit("confidence-", 1)[-1]
        for r in rows  # type: ignore[union-attr]
    }


def data_graphs(kg: KnowledgeGraph) -> list[str]:
    """The graphs that hold data: report, curated, drafts (if loaded), and any graph loaded from a file."""
    return [g for g in kg.graph_names() if g in _DATA_GRAPHS or g.startswith(v.FILE_GRAPH)]


def project(kg: KnowledgeGraph, *, report_only: bool = False) -> nx.MultiDiGraph:
    """The entity graph as a ``networkx.MultiDiGraph``.

    Nodes are keyed by slug and carry ``type`` (the class's local name), ``kind`` (``actor``,
    ``pillar``, ``issue``, ...), ``sector``, ``acronym``, ``label_id``, ``label_en``, ``label``
    (short, for display) and the other literal attributes. Edges are keyed by the property's
    local name and carry ``predicate`` (a CURIE), ``graph`` (``report``, ``curated`` or
    ``file:...``) and, for curated links, ``confidence``. With ``report_only=True`` curated links
    are left out (labels and attributes still come from every data graph).
    """
    import networkx as nx

    store = kg.store
    notations = _concept_notations(store)
    confidence = _curated_confidence(store)
    actor_classes = {v.RKG + c for c in ACTOR_CLASSES}
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    utterances = {
        q.subject.value
        for cls in UTTERANCE_CLASSES
        for q in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), ox.NamedNode(v.RKG + cls), None)
        if isinstance(q.subject, ox.NamedNode)
    }

    # What actors said and promised: kept apart, in a side graph (see UTTERANCES), so that the
    # pillar links can follow a party to what it committed to without the commitments entering
    # the network.
    side_nodes: dict[str, dict[str, Any]] = {}
    side_edges: list[tuple[str, str, str, dict[str, Any]]] = []

    def attrs(iri: str, into: dict[str, dict[str, Any]] = nodes) -> dict[str, Any]:
        key = node_id(iri)
        if key not in into:
            into[key] = {"iri": iri}
        return into[key]

    for graph_iri in data_graphs(kg):
        gname = graph_name(graph_iri)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            s, p, o = q.subject, q.predicate.value, q.object
            if not isinstance(s, ox.NamedNode):
                continue
            if isinstance(q.object, ox.NamedNode) and q.object.value in utterances:
                continue
            said = s.value in utterances
            into = side_nodes if said else nodes
            if p == _RDF_TYPE:
                attrs(s.value, into).setdefault("_types", set()).add(text(o))
            elif isinstance(o, ox.Literal):
                if p == _PREF_LABEL and o.language in ("id", "en"):
                    attrs(s.value, into)[f"label_{o.language}"] = o.value
                elif p in _ATTRIBUTES:
                    attrs(s.value, into)[_ATTRIBUTES[p]] = literal_value(o)
            elif isinstance(o, ox.NamedNode):
                local = p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                if o.value in notations:  # a concept of the ontology: an attribute, not a node
                    attrs(s.value, into)[local] = notations[o.value]
                    continue
                if report_only and gname in ("curated", "draft"):
                    continue
                data: dict[str, Any] = {"predicate": v.shorten(p), "graph": gname}
                if gname == "curated":
                    data["confidence"] = confidence.get((s.value, p, o.value), "unknown")
                if said:
                    side_edges.append((node_id(s.value), node_id(o.value), local, data))
                    continue
                attrs(o.value)
                edges.append((node_id(s.value), node_id(o.value), local, data))
    g = nx.MultiDiGraph()
    # Nodes, attributes and edges go in sorted, so the graph (and every file written from it)
    # is the same whichever order the store yields its quads: an on-disk store differs there.
    for key, a in sorted(nodes.items()):
        types = a.pop("_types", set())
        sector_class = sorted(types & actor_classes)
        # The most specific class names the node: a sector class for actors (rkg:Actor is
        # their shared superclass), else the class itself.
        named = sector_class or sorted(types - {v.RKG + "Actor"}) or sorted(types)
        local = named[0].rsplit("#", 1)[-1].rsplit("/", 1)[-1] if named else "Thing"
        a["type"] = local
        a["kind"] = "actor" if sector_class or v.RKG + "Actor" in types else local.lower()
        a["label"] = str(a.get("acronym") or a.get("notation") or a.get("label_en") or a.get("label_id") or key)
        g.add_node(key, **dict(sorted(a.items())))
    # The same link in two graphs is one edge; the report's copy is added last and wins.
    edges.sort(key=lambda e: (e[0], e[1], e[2], e[3]["graph"] == "report", e[3]["graph"]))
    g.add_edges_from((u, w, k, dict(sorted(d.items()))) for u, w, k, d in edges)
    side = nx.MultiDiGraph()
    for key, a in sorted(side_nodes.items()):
        types = a.pop("_types", set())
        local = sorted(types)[0].rsplit("#", 1)[-1].rsplit("/", 1)[-1] if types else "Thing"
        a.update(type=local, kind=local.lower(), label=str(a.get("label_en") or a.get("label_id") or key))
        side.add_node(key, **dict(sorted(a.items())))
    side_edges.sort(key=lambda e: (e[0], e[1], e[2], e[3]["graph"] == "report", e[3]["graph"]))
    side.add_edges_from((u, w, k, dict(sorted(d.items()))) for u, w, k, d in side_edges)
    g.graph[UTTERANCES] = side
    return g


def actors(g: nx.MultiDiGraph) -> list[str]:
    """The actor nodes of a projection, sorted."""
    return sorted(n for n, k in g.nodes(data="kind") if k == "actor")


def notation(g: nx.MultiDiGraph, node: str) -> str:
    """A node's notation (a pillar's short name, ``SIAP``), else its key.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("jakarta-siap", notation="SIAP"); g.add_node("bpbd")
    >>> notation(g, "jakarta-siap"), notation(g, "bpbd")
    ('SIAP', 'bpbd')
    """
    return str(g.nodes[node].get("notation", node))


def pillars(g: nx.MultiDiGraph) -> list[str]:
    """The pillar nodes, sorted by notation."""
    return sorted((n for n, k in g.nodes(data="kind") if k == "pillar"), key=lambda n: notation(g, n))
