"""Content negotiation for SPARQL results: pick a media type from an ``Accept`` header.

>>> choose("application/sparql-results+xml;q=0.9, text/csv", graph=False)
'csv'
>>> choose("*/*", graph=True)
'turtle'
>>> choose("image/png", graph=False) is None
True
"""

from __future__ import annotations

import functools
import re

#: Media types for SELECT and ASK results, and for CONSTRUCT and DESCRIBE graphs.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "text/html": "html",
}
MEDIA_TYPE = {
    ("json", False): "application/sparql-results+json",
    ("xml", False): "application/sparql-results+xml",
    ("csv", False): "text/csv; charset=utf-8",
    ("tsv", False): "text/tab-separated-values; charset=utf-8",
    ("turtle", True): "text/turtle; charset=utf-8",
    ("jsonld", True): "application/ld+json",
    ("nt", True): "application/n-triples",
    ("xml", True): "application/rdf+xml",
}


#: Values of a ``format`` request parameter (as SPARQLWrapper, YASGUI and others send it).
FORMAT_ALIASES = {
    "json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "html": "html",
    "turtle": "turtle", "ttl": "turtle", "json-ld": "jsonld", "jsonld": "jsonld",
    "nt": "nt", "n-triples": "nt", "ntriples": "nt", "rdf+xml": "xml", "rdf": "xml",
}  # fmt: skip


def format_param(value: str, *, graph: bool) -> str | None:
    """Our format for a ``format`` parameter: a short name or a media type.

    >>> format_param("json-ld", graph=True), format_param("application/sparql-results+xml", graph=False)
    ('jsonld', 'xml')
    """
    value = value.strip().lower()
    if "/" in value:
        return (GRAPH_TYPES if graph else RESULT_TYPES).get(value.split(";")[0].strip())
    return FORMAT_ALIASES.get(value)


#: A quality value as RFC 9110 (12.4.2) writes it: 0 to 1, at most three decimals. Anything
#: else (``nan``, ``inf``, ``2``, ``-1``, ``1e0``) makes its media range unacceptable.
_QVALUE = re.compile(r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")


def qvalue(text: str) -> float:
    """The weight of a ``q=`` parameter; 0 (not acceptable) for anything RFC 9110 does not allow.

    >>> qvalue("0.5"), qvalue("1.000"), qvalue("nan"), qvalue("inf"), qvalue("1.5"), qvalue("-0")
    (0.5, 1.0, 0.0, 0.0, 0.0, 0.0)
    """
    text = text.strip()
    return float(text) if _QVALUE.fullmatch(text) else 0.0


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def _ranges(accept: str) -> tuple[tuple[float, int, str], ...]:
    out = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                q = qvalue(f[2:])
        out.append((q, i, media))
    # Highest quality first; among equals, the more specific range, then the order given.
    return tuple(sorted(out, key=lambda r: (-r[0], r[2].count("*"), r[1])))


def choose(accept: str | None, *, graph: bool) -> str | None:
    """The format to answer with, or None if nothing acceptable is offered."""
    table = GRAPH_TYPES if graph else RESULT_TYPES
    default = "turtle" if graph else "json"
    if not accept:
        return default
    for q, _, media in _ranges(accept):
        if q <= 0:
            continue
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            if media == "text/*":
                return "turtle" if graph else "csv"
            return default
    return None


#: Media types of an entity's description (its page for a browser, its triples for the rest).
DOCUMENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def choose_document(accept: str | None) -> str | None:
    """The form of an entity's description to answer with: Turtle when the client states no
    preference (``*/*``, as curl and most RDF libraries send), the page when it asks for HTML.

    >>> choose_document("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    'html'
    >>> choose_document(None), choose_document("*/*"), choose_document("application/ld+json;q=nan")
    ('turtle', 'turtle', None)
    """
    if not accept:
        return "turtle"
    for q, _, media in _ranges(accept):
        if q <= 0:
            continue
        if media in DOCUMENT_TYPES:
            return DOCUMENT_TYPES[media]
        if media in ("*/*", "text/*"):
            return "turtle"
        if media == "application/*":
            return "nt"
    return None
