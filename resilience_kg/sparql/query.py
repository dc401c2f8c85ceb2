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

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.errors import ChildSyntaxError, QueryError, ResultTooLarge
from resilience_kg.graph.oxterms import to_bytes
from resilience_kg.limits import MAX_RESULT, QUERY_MEMORY, QUERY_TIMEOUT
from resilience_kg.sparql.guard import check_query
from resilience_kg.sparql.runner import mib, run_killable
from resilience_kg.tabulate import aligned, terminal_width

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Bindings = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]

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

    ``payload`` holds the answer as the child process sent it, in ``payload_format``: SPARQL TSV
    or JSON results, or N-Triples for CONSTRUCT and DESCRIBE, unless the query asked for another
    format (then :meth:`serialize` in that format costs nothing). It is parsed once, on first
    use; ``csv`` and ``table`` answers cannot be read back into rows.
    """

    form: str
    payload: bytes
    payload_format: str = "json"

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def _solutions(self) -> ox.QuerySolutions | ox.QueryBoolean:
        if self.payload_format not in ("tsv", "json", "xml"):
            raise QueryError(f"a {self.payload_format} answer cannot be read back into rows; run the query "
                             "without a format")
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
        if self.payload_format not in GRAPH_FORMATS:
            raise QueryError(f"a {self.payload_format} answer cannot be read back into triples; run the query "
                             "without a format")
        return [q.triple for q in ox.parse(self.payload, format=GRAPH_FORMATS[self.payload_format])]

    def __iter__(self) -> Iterator[dict[str, Term | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._table[1])

    def serialize(self, fmt: str = "table") -> bytes:
        """The result in one of :data:`FORMATS`; ``csv``/``tsv``/``json``/``xml`` are the W3C
        SPARQL 1.1 results formats for SELECT and ASK."""
        if fmt == self.payload_format:
            return self.payload
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
        return to_bytes(self._solutions().serialize(format=RESULT_FORMATS[fmt]))

    def to_table(self, *, width: int | bool | None = True) -> str:
        """An aligned plain-text table for people, IRIs shortened to ``prefix:local``, fitted to
        ``width`` (True: the terminal's, see :func:`~resilience_kg.tabulate.terminal_width`)."""
        if self.form == "ASK":
            return ("yes" if self.boolean else "no") + "\n"
        body = [[display(term) for term in row] for row in self._table[1]]
        fit = terminal_width() if width is True else width or None
        lines = [aligned(self.variables, body, width=fit).rstrip("\n")]
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


def _syntax_error(message: str) -> QueryError:
    """Oxigraph's syntax error, with its position as ``line``/``column`` (the query page marks it)."""
    m = _SYNTAX_POS.search(message)
    if m:
        line, column = int(m.group(1)), int(m.group(2))
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {m.group(3).rstrip()}",
                          line=line, column=column)
    return QueryError(f"SPARQL syntax error: {message}")


class _Capped(io.RawIOBase):
    """A write-only buffer that refuses to grow past ``cap`` bytes, so that an answer too large
    to send is stopped while it is written, not after. Wrapped in a BufferedWriter, so that
    Oxigraph's many small writes cost one Python call per 64 KiB."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        if len(self.data) + len(chunk) > self.cap:
            raise too_large(self.cap)
        self.data += chunk
        return len(chunk)


def prefixes_used(text: str) -> dict[str, str]:
    """The predeclared prefixes ``text`` may use: those whose ``name:`` occurs in it (a prefix
    that never occurs cannot be used). Oxigraph converts each prefix it is given on every query,
    so fewer is faster.

    >>> sorted(prefixes_used("SELECT * WHERE { ?p a rkg:Pillar }"))
    ['rkg']
    """
    return {name: iri for name, iri in v.QUERY_PREFIXES.items() if f"{name}:" in text}


def too_large(cap: int) -> ResultTooLarge:
    return ResultTooLarge(f"the answer is larger than {mib(cap)} and was not sent: add a LIMIT, select fewer "
                          "variables, or raise --max-result")


def check_format(form: str, fmt: str | None) -> None:
    """Refuse a format that cannot carry the answer of a ``form`` query, before it runs."""
    if fmt is None or fmt == "table":
        return
    if form in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a {form} query gives table, {', '.join(GRAPH_FORMATS)}; not {fmt}")
    elif fmt not in RESULT_FORMATS:
        raise QueryError(f"a {form} query gives table, {', '.join(RESULT_FORMATS)}; not {fmt}")


def transport_format(form: str) -> str:
    """The format an answer travels in when none is asked for: lossless, quick to write and read."""
    return "nt" if form in ("CONSTRUCT", "DESCRIBE") else "json" if form == "ASK" else "tsv"


def answer(
    store: ox.Store, text: str, *, form: str, fmt: str | None, bindings: Bindings, max_result: int,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Evaluate ``text`` on ``store`` and return the answer's bytes in ``fmt`` (None: the
    transport format). Runs in the query process, so the whole cost (evaluation and writing)
    is under the deadline and the memory limit; raises :class:`ResultTooLarge` past
    ``max_result`` bytes."""
    if prefixes is None:
        prefixes = prefixes_used(text)
    try:
        result = store.query(text, use_default_graph_as_union=True, prefixes=prefixes, substitutions=bindings)
    except SyntaxError as exc:  # in words, at the spot, with a caret (the parent shows it as is)
        from resilience_kg.sparql.syntax_message import describe

        raise SyntaxError(describe(text, str(exc), known=v.QUERY_PREFIXES)) from None
    base = transport_format(form)
    # The W3C results formats are written straight from the solutions; the others (sorted graphs,
    # the table, a boolean as CSV) from the transport format, by QueryResult.
    writes_directly = form == "SELECT" or (form == "ASK" and fmt in ("json", "xml"))
    direct = fmt if fmt in RESULT_FORMATS and writes_directly else base
    out = _Capped(max_result)
    sink = io.BufferedWriter(out, 1 << 16)  # type: ignore[type-var]
    if isinstance(result, ox.QueryTriples):
        ox.serialize(result, sink, format=ox.RdfFormat.N_TRIPLES)
    else:
        result.serialize(sink, format=RESULT_FORMATS[direct])
    sink.flush()
    payload = bytes(out.data)
    if fmt is None or fmt == direct:
        return payload
    shaped = QueryResult(form=form, payload=payload, payload_format=base).serialize(fmt)
    if len(shaped) > max_result:
        raise too_large(max_result)
    return shaped


def prepare(text: str, params: Mapping[str, Term | str] | None, fmt: str | None = None) -> tuple[str, Bindings]:
    """Check ``text`` (the guard) and ``fmt``, and turn ``params`` into bindings: the query's
    form and the bindings. Everything a query needs before it may run."""
    form = check_query(text)
    check_format(form, fmt)
    bindings: Bindings = {}
    for name, value in (params or {}).items():
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"parameter {name!r} is not a variable of this query (no ?{name} in it)")
        bindings[ox.Variable(name)] = parse_value(value) if isinstance(value, str) else value
    return form, bindings


def explain(exc: QueryError, params: Mapping[str, object] | None) -> QueryError:
    """A clearer error for what the query process reported, where one is known."""
    if isinstance(exc, ChildSyntaxError):
        return _syntax_error(str(exc))
    if "SELECT projection" in str(exc):
        # Oxigraph binds a parameter only to a variable that the SELECT clause returns.
        names = ", ".join(f"?{n}" for n in sorted(params or {}))
        return QueryError(
            f"a parameter must be a variable the query returns: add {names} to the SELECT clause "
            "(or use SELECT *); Oxigraph binds parameters to returned variables only"
        )
    return exc


def query(
    kg: KnowledgeGraph,
    text: str,
    *,
    params: Mapping[str, Term | str] | None = None,
    timeout: float = QUERY_TIMEOUT,
    memory: int | None = QUERY_MEMORY,
    max_result: int = MAX_RESULT,
    fmt: str | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query on ``kg`` and return its result.

    ``params`` binds variables to values (strings are read by :func:`parse_value`); the query
    is refused if it would reach the network or the disk (``SERVICE``, ``LOAD``, ``FROM``) or
    change the data. It runs in a process that cannot open a network connection, stopped after
    ``timeout`` seconds, or once it allocates ``memory`` bytes (None: no limit), or once its
    answer passes ``max_result`` bytes. With ``fmt`` (one of :data:`FORMATS`) the answer is
    written in that format by the query process itself.
    """
    form, bindings = prepare(text, params, fmt)
    store, path = kg.store, kg.store_path

    def work() -> bytes:
        # A forked child must not share the parent's RocksDB handle: it opens its own,
        # read-only. An in-memory store is simply inherited, copy-on-write.
        target = ox.Store.read_only(str(path)) if path is not None else store
        return answer(target, text, form=form, fmt=fmt, bindings=bindings, max_result=max_result)

    if timeout <= 0:
        raise QueryError("the timeout must be a positive number of seconds")
    try:
        payload = run_killable(work, timeout=timeout, memory=memory)
    except QueryError as exc:
        raise explain(exc, params) from None
    return QueryResult(form=form, payload=payload, payload_format=fmt or transport_format(form))
