"""Serialise the graph: deterministic (same data, same bytes), prefixes bound, written atomically.

Oxigraph's serialisers write each format; the quads are sorted first, so a repeat export is
byte-identical and Turtle groups each subject's triples under it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write
from resilience_kg.graph.oxterms import to_bytes

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
EXTENSIONS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "jsonld": ".jsonld", "xml": ".rdf"}


def serialize(kg: KnowledgeGraph, fmt: str = "turtle", *, graph: str = "all") -> bytes:
    """The graph (``all``, or one named graph such as ``report``) in ``fmt``.

    Triple formats (Turtle, N-Triples, RDF/XML) get the merged triples; dataset formats (TriG,
    N-Quads, JSON-LD) keep the named graphs.
    """
    if fmt not in EXPORT_FORMATS:
        raise ResilienceKGError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    rdf_format = EXPORT_FORMATS[fmt]
    prefixes = None if fmt in ("nt", "nquads") else v.PREFIXES
    if rdf_format.supports_datasets:
        nquads = kg.sorted_nquads(graph)
        if fmt == "nquads":
            return nquads
        parsed = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
        data = to_bytes(ox.serialize(parsed, format=rdf_format, prefixes=prefixes))
    else:
        ntriples = kg.sorted_ntriples(graph)
        if fmt == "nt":
            return ntriples
        parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
        data = to_bytes(ox.serialize(parsed, format=rdf_format, prefixes=prefixes))
    if fmt == "jsonld":
        # Oxigraph writes expanded JSON-LD; an inline context (never a remote one) lets
        # JSON-LD tools compact it with our prefixes, offline.
        doc = json.loads(data)
        data = json.dumps({"@context": dict(v.PREFIXES), "@graph": doc}, ensure_ascii=False, indent=1).encode() + b"\n"
    return data


def export(kg: KnowledgeGraph, path: str | Path, fmt: str = "turtle", *, graph: str = "all") -> Path:
    """Write :func:`serialize`'s output to ``path`` atomically and return the path."""
    return atomic_write(path, serialize(kg, fmt, graph=graph))
