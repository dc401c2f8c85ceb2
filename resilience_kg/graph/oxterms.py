"""Small typed helpers over pyoxigraph's API, whose signatures are wider than our uses of them.

>>> from typing import Any

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    _XSD + t
    for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
              "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort")
)  # fmt: skip
_REALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
>>> text(ox.NamedNode("http://example.org/a")), text(ox.Literal("x"))
('http://example.org/a', 'x')
>>> XSD = "http://www.w3.org/2001/XMLSchema#"
>>> literal_value(ox.Literal("7000", datatype=ox.NamedNode(XSD + "integer")))
7000
>>> literal_value(ox.Literal("0.97", datatype=ox.NamedNode(XSD + "decimal")))
0.97
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    _XSD + t
    for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
              "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort")
)  # fmt: skip
_REALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))


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


def literal_value(lit: ox.Literal) -> Any:
    """A literal as the Python value it denotes: int, float or bool for the XSD numbers and booleans,
    else its text. The one conversion the analysis, the frames and the views share."""
    dt = lit.datatype.value
    try:
        if dt in _INTEGERS:
            return int(lit.value)
        if dt in _REALS:
            return float(lit.value)
    except ValueError:  # an ill-typed literal stays text rather than failing a whole analysis
        return lit.value
    if dt == _XSD + "boolean":
        return lit.value in ("true", "1")
    return lit.value
