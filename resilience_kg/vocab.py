"""Namespaces, named-graph IRIs and the minting of IRIs from slugs.

Plain strings, not rdflib objects, so that importing this module costs nothing.

>>> mint("bpbd")
'https://w3id.org/resilience-kg/id/bpbd'
>>> mint("a b>c")
'https://w3id.org/resilience-kg/id/a%20b%3Ec'
"""

from __future__ import annotations

from urllib.parse import quote

RKG = "https://w3id.org/resilience-kg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/resilience-kg/ontology"
ID = "https://w3id.org/resilience-kg/id/"
GRAPH = "https://w3id.org/resilience-kg/graph/"
#: Where ``push --replace`` loads a graph before swapping it in: outside GRAPH, so that readers
#: of our graphs never take a half-loaded one for one of them.
STAGING = "https://w3id.org/resilience-kg/staging/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
SH = "http://www.w3.org/ns/shacl#"
VANN = "http://purl.org/vocab/vann/"

#: Prefixes bound in every export and available, undeclared, in every query.
PREFIXES: dict[str, str] = {
    "rkg": RKG,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "org": ORG,
    "prov": PROV,
    "schema": SCHEMA,
    "oa": OA,
    "vann": VANN,
    "statement": ID + "statement/",
    "quote": ID + "quote/",
    "source": ID + "source/",
    "analysis": ID + "analysis/",
}

#: The prefixes a query may use undeclared: every export prefix, and ``graph:`` for the named graphs
#: (``GRAPH graph:provenance { ... }``). ``graph:`` stays out of exports, which name graphs in full.
QUERY_PREFIXES: dict[str, str] = {**PREFIXES, "graph": GRAPH}

#: The named graphs: what the sources state, what curators add, the ontology, and the
#: statement-level provenance that ties each of the first two to its quote or basis.
REPORT_GRAPH = GRAPH + "report"
CURATED_GRAPH = GRAPH + "curated"
ONTOLOGY_GRAPH = GRAPH + "ontology"
PROVENANCE_GRAPH = GRAPH + "provenance"
ANALYSIS_GRAPH = GRAPH + "analysis"
#: Rows an extraction proposed and nobody has reviewed yet (loaded only on request).
DRAFT_GRAPH = GRAPH + "draft"
FILE_GRAPH = GRAPH + "file/"

GRAPHS: dict[str, str] = {
    "report": REPORT_GRAPH,
    "curated": CURATED_GRAPH,
    "ontology": ONTOLOGY_GRAPH,
    "provenance": PROVENANCE_GRAPH,
    "analysis": ANALYSIS_GRAPH,
    "draft": DRAFT_GRAPH,
}


def mint(slug: str) -> str:
    """Return the IRI of the individual with this slug, percent-encoding anything unsafe.

    Every character outside RFC 3986's unreserved set (and ``/``, used for sub-namespaces such
    as ``quote/``) is escaped, so no value can end the IRI and start another term.
    """
    return ID + quote(slug, safe="-._~/")


def shorten(iri: str) -> str:
    """Return ``prefix:local`` for an IRI under a known namespace, else the IRI itself.

    >>> shorten("https://w3id.org/resilience-kg/ontology#Actor")
    'rkg:Actor'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if local and all(c.isalnum() or c in "-_." for c in local):
            return f"{best}:{local}"
    return iri
