"""Small typed helpers over pyoxigraph's API, whose signatures are wider than our uses of them.

>>> import pyoxigraph as ox
>>> text(ox.NamedNode("http://example.org/a")), text(ox.Literal("x"))
('http://example.org/a', 'x')
"""

from __future__ import annotations

import pyoxigraph as ox


def to_bytes(data: bytes | None) -> bytes:
    """The bytes that ``serialize``/``dump`` return when they are given no output file."""
    if data is None:  # pragma: no cover - only when an output file was passed
        raise ValueError("expected serialised bytes, got None")
    return data


def text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> str:
    """The lexical value of a term: an IRI, a blank node id, a literal's text (a quoted triple,
    which our data never holds, as its N-Triples form)."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)
