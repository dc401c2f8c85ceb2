"""Run SPARQL queries on the graph: checked for safety, values bound safely, stopped at a deadline.

The default graph is the union of the named graphs, and the usual prefixes (``rkg:``, ``id:``,
``skos:``, ...) need no declaration.

>>> from resilience_kg.graph.dataset import load_graph
>>> kg = load_graph()
>>> r = query(kg, "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n")
>>> [row["n"].value for row in r.rows]
['SEHAT', 'SIAP', 'TERHUBUNG']
>>> r = query(kg, "SELECT ?p ?n WHERE { ?p skos:notation ?n }", params={"n": "SIAP"})
>>> r.rows[0]["p"].value
'https://w3id.org/resilience-kg/id/jakarta-siap'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.errors import QueryError
from resilience_kg.graph.oxterms import to_bytes
from resilience_kg.limits import QUERY_TIMEOUT
from resilience_kg.sparql.guard import check_query
from resilience_kg.sparql.runner import ChildSyntaxError, run_killable
from resilience_kg.tabulate import aligned

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

Term = ox.NamedNode | ox.BlankNode | ox.Literal
DEFAULT_TIMEOUT = QUERY_TIMEOUT

#: Output formats: the W3C results formats for SELECT and ASK, RDF syntaxes for CONSTRUCT and
#: DESCRIBE, and ``table`` for people.
RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld")

_SYNTAX_POS = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$', re.S)


def parse_value(text: str) -> Term:
    """Read a parameter value: ``<iri>``, ``prefix:local``, ``"text"@lang``,
    ``"5"^^xsd:integer``, or anything else as a plain string.

    The value becomes an RDF term and is bound to the variable by the engine; it is never
    pasted into the query text.

    >>> parse_value("rkg:Pillar")
    <NamedNode value=https://w3id.org/resilience-kg/ontology#Pillar>
    >>> parse_value('"Jakarta SIAP"@id')
    <Literal value=Jakarta SIAP language=id>
    >>> parse_value("BPBD").value
    'BPBD'
    """
    try:
        if text.startswith("<") and text.endswith(">"):
            return ox.NamedNode(text[1:-1])
        m = _LITERAL.match(text)
        if m:
            body = re.sub(r"\\(.)", r"\1", m.group(1))
            if m.group(2):
                return ox.Literal(body, language=m.group(2))
            if m.group(3):
                dt = parse_value(m.group(3))
                if not isinstance(dt, ox.NamedNode):
                    raise QueryError(f"datatype {m.group(3)!r} is not an IRI")
                return ox.Literal(body, datatype=dt)
            return ox.Literal(body)
        prefix, sep, local = text.partition(":")
        if sep and prefix in v.QUERY_PREFIXES and re.fullmatch(r"[\w.\-/%]*", local):
            return ox.NamedNode(v.QUERY_PREFIXES[prefix] + local)
    except ValueError as exc:
        raise QueryError(f"bad parameter value {text!r}: {exc}") from exc
    return ox.Literal(text)


def parse_params(specs: list[str] | tuple[str, ...]) -> dict[str, Term]:
    """Turn ``NAME=VALUE`` strings (as given to ``--param``) into bindings."""
    out: dict[str, Term] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _NAME.match(name):
            raise QueryError(f"--param {spec!r}: write NAME=VALUE, for example --param acronym=BPBD")
        out[name] = parse_value(value)
    return out


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples otherwise.

    ``payload`` holds the answer as the child process sent it: SPARQL TSV or JSON results
    (``payload_format``), or N-Triples for CONSTRUCT and DESCRIBE. It is parsed once, on first
    use.
    """

    form: str
    payload: bytes
    payload_format: str = "json"

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def _solutions(self) -> ox.QuerySolutions | ox.QueryBoolean:
        return ox.parse_query_results(self.payload, format=RESULT_FORMATS[self.payload_format])

    @cached_property
    def _table(self) -> tuple[list[str], list[tuple[Term | None, ...]], bool | None]:
        # cached_property writes to the instance dict directly, which a frozen dataclass allows.
        if self.is_graph:
            rows = [(t.subject, t.predicate, t.object) for t in self.triples]
            return ["subject", "predicate", "object"], rows, None  # type: ignore[return-value]
        sols = self._solutions()
        if isinstance(sols, ox.QueryBoolean):
            return [], [], bool(sols)
        names = [var.value for var in sols.variables]
        return names, [tuple(sol) for sol in sols], None

    @property
    def variables(self) -> list[str]:
        return list(self._table[0])

    @cached_property
    def rows(self) -> list[dict[str, Term | None]]:
        """One dict per solution, variable name to term (None where unbound)."""
        names, rows, _ = self._table
        return [dict(zip(names, row, strict=True)) for row in rows]

    @property
    def boolean(self) -> bool | None:
        """The answer of an ASK query; None for the other forms."""
        return self._table[2] if self.form == "ASK" else None

    @cached_property
    def triples(self) -> list[ox.Triple]:
        if not self.is_graph:
            return []
        return [q.triple for q in ox.parse(self.payload, format=ox.RdfFormat.N_TRIPLES)]

    def __iter__(self) -> Iterator[dict[str, Term | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._table[1])

    def serialize(self, fmt: str = "table") -> bytes:
        """The result in one of :data:`FORMATS`; ``csv``/``tsv``/``json``/``xml`` are the W3C
        SPARQL 1.1 results formats for SELECT and ASK."""
        if fmt == "table":
            return self.to_table().encode()
        if self.is_graph:
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a {self.form} query gives table, {', '.join(GRAPH_FORMATS)}; not {fmt}")
            triples = sorted(self.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
            return to_bytes(
                ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=v.PREFIXES if fmt != "nt" else None)
            )
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.form} query gives table, {', '.join(RESULT_FORMATS)}; not {fmt}")
        if self.form == "ASK" and fmt in ("csv", "tsv"):
            return b"true\n" if self.boolean else b"false\n"  # the W3C formats define no boolean form
        if fmt == self.payload_format:
            return self.payload
        return to_bytes(self._solutions().serialize(format=RESULT_FORMATS[fmt]))

    def to_table(self) -> str:
        """An aligned plain-text table for people, IRIs shortened to ``prefix:local``."""
        if self.form == "ASK":
            return ("yes" if self.boolean else "no") + "\n"
        body = [[display(term) for term in row] for row in self._table[1]]
        lines = [aligned(self.variables, body).rstrip("\n")]
        lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
        return "\n".join(lines) + "\n"


def display(term: Term | ox.Triple | None) -> str:
    """A term as a person reads it: ``prefix:local`` IRIs, literal values without quotes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return v.shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value.replace("\n", " ")
    return str(term)


def _position(message: str) -> str:
    m = _SYNTAX_POS.search(message)
    if m:
        return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3).strip()}"
    return f"SPARQL syntax error: {message}"


def query(
    kg: KnowledgeGraph,
    text: str,
    *,
    params: Mapping[str, Term | str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run a read-only SPARQL query on ``kg`` and return its result.

    ``params`` binds variables to values (strings are read by :func:`parse_value`); the query
    is refused if it would reach the network or the disk (``SERVICE``, ``LOAD``, ``FROM``) or
    change the data, and stopped after ``timeout`` seconds.
    """
    form = check_query(text)
    bindings: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
    for name, value in (params or {}).items():
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"parameter {name!r} is not a variable of this query (no ?{name} in it)")
        bindings[ox.Variable(name)] = parse_value(value) if isinstance(value, str) else value
    store, path = kg.store, kg.store_path

    def work() -> bytes:
        # A forked child must not share the parent's RocksDB handle: it opens its own,
        # read-only. An in-memory store is simply inherited, copy-on-write.
        target = ox.Store.read_only(str(path)) if path is not None else store
        result = target.query(
            text, use_default_graph_as_union=True, prefixes=v.QUERY_PREFIXES, substitutions=bindings
        )
        if isinstance(result, ox.QueryTriples):
            return to_bytes(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES))
        # TSV is the most compact lossless results format: quickest to write and to read back.
        fmt = ox.QueryResultsFormat.JSON if isinstance(result, ox.QueryBoolean) else ox.QueryResultsFormat.TSV
        return to_bytes(result.serialize(format=fmt))

    if timeout <= 0:
        raise QueryError("the timeout must be a positive number of seconds")
    try:
        payload = run_killable(work, timeout=timeout)
    except ChildSyntaxError as exc:
        raise QueryError(_position(str(exc))) from None
    except QueryError as exc:
        if "SELECT projection" in str(exc):
            # Oxigraph binds a parameter only to a variable that the SELECT clause returns.
            names = ", ".join(f"?{n}" for n in sorted(params or {}))
            raise QueryError(
                f"a parameter must be a variable the query returns: add {names} to the SELECT clause "
                "(or use SELECT *); Oxigraph binds parameters to returned variables only"
            ) from None
        raise
    return QueryResult(form=form, payload=payload, payload_format="json" if form == "ASK" else "tsv")
