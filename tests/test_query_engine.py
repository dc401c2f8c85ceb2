"""The query engine: offline only, read-only, stopped at a deadline, values bound safely, and
every result format readable by other tools (pyoxigraph and rdflib)."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib.query
from click.testing import CliRunner
from helpers import write

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import QueryError, QueryTimeout, UnsafeQueryError
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql.named import get_query, list_queries
from resilience_kg.sparql.query import parse_params, parse_value, query

XSD_INTEGER = ox.NamedNode(v.XSD + "integer")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PILLARS = "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n"


# --- a loopback listener that records every connection made to it ----------------------------


class Listener:
    """A TCP socket on 127.0.0.1 and a thread that accepts (and records) connections.

    The thread polls with a short accept timeout and stops by itself after ``lifetime``
    seconds; :meth:`close` stops it, joins it, and drains any connection still queued.
    """

    def __init__(self, lifetime: float = 60.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._deadline = time.monotonic() + lifetime
        self._thread = threading.Thread(target=self._serve, name=f"listener-{self.port}", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _record(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.5)
            try:
                head = conn.recv(200)
            except OSError:
                head = b""
        with self._lock:
            self.seen.append(head or b"<connected>")

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._record(conn)

    def connections(self) -> list[bytes]:
        """Everything seen so far, after giving an in-flight connection a moment to land."""
        time.sleep(0.1)
        with self._lock:
            return list(self.seen)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        assert not self._thread.is_alive(), "listener thread did not stop"
        self.sock.setblocking(False)
        while True:  # connections the thread did not get to
            try:
                conn, _ = self.sock.accept()
            except OSError:
                break
            conn.setblocking(True)
            self._record(conn)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    try:
        yield lst
    finally:
        lst.close()
    assert lst.seen == [], f"something connected to the loopback listener: {lst.seen!r}"


def test_listener_sees_a_real_service_call(listener: Listener) -> None:
    """Control: the listener does catch an engine that runs SERVICE, so the tests below can fail."""
    store = ox.Store()
    with pytest.raises(OSError):
        list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"))
    seen = listener.connections()
    assert seen and seen[0].startswith(b"POST /sparql")
    listener.seen.clear()  # the fixture's own check is for the tests that must see nothing


# --- offline: SERVICE, FROM, FROM NAMED -------------------------------------------------------

NETWORK_QUERIES = {
    "service": "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "service-silent": "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
    "service-lowercase": "select * where {{ service <{url}/sparql> {{ ?s ?p ?o }} }}",
    "service-in-optional": "SELECT * WHERE {{ ?s a rkg:Pillar OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "service-in-subquery": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    "service-unicode-escape": r"SELECT * WHERE {{ \u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "from": "SELECT * FROM <{url}/x> WHERE {{ ?s ?p ?o }}",
    "from-named": "SELECT * FROM NAMED <{url}/x> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ask-from": "ASK FROM <{url}/x> {{ ?s ?p ?o }}",
    "construct-service": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("name", sorted(NETWORK_QUERIES))
def test_network_queries_are_refused_and_nothing_connects(kg: KnowledgeGraph, listener: Listener, name: str) -> None:
    text = NETWORK_QUERIES[name].format(url=listener.url)
    with pytest.raises(UnsafeQueryError) as info:
        query(kg, text, timeout=5)
    keyword = "FROM" if "from" in name else "SERVICE"
    assert keyword in str(info.value)
    assert listener.connections() == []


def test_from_file_url_is_refused_and_the_file_is_never_read(kg: KnowledgeGraph, tmp_path: Path) -> None:
    marker = f"secret-marker-{uuid.uuid4().hex}"
    secret = write(tmp_path / "secret.ttl", f'<urn:x:s> <urn:x:p> "{marker}" .\n')
    url = secret.resolve().as_uri()
    assert url.startswith("file:///")
    size = len(kg)
    texts = [
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT ?o FROM <{url}> WHERE {{ ?s <urn:x:p> ?o }}",
        f"LOAD <{url}>",
    ]
    for text in texts:
        with pytest.raises(UnsafeQueryError) as info:
            query(kg, text, timeout=5)
        assert marker not in str(info.value)
    # Nothing of the file reached the graph either: the marker is in no result.
    found = query(kg, "SELECT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    assert marker.encode() not in found.serialize("json")
    assert len(kg) == size


def test_cli_refuses_service_with_exit_2(runner: CliRunner, listener: Listener) -> None:
    result = runner.invoke(main, ["query", f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"])
    assert result.exit_code == 2, result.output
    assert "SERVICE" in result.output
    assert "Traceback" not in result.output
    assert listener.connections() == []


# --- read-only ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "DROP ALL",
    ],
)
def test_updates_are_refused_and_the_store_is_unchanged(kg: KnowledgeGraph, text: str) -> None:
    before = len(kg)
    with pytest.raises(UnsafeQueryError) as info:
        query(kg, text, timeout=5)
    assert text.split()[0] in str(info.value)
    assert len(kg) == before
    assert query(kg, "ASK { <a:b> <a:c> <a:d> }").boolean is False


# --- the deadline ---------------------------------------------------------------------------------


def test_runaway_query_is_stopped_and_the_next_one_works(kg: KnowledgeGraph) -> None:
    start = time.monotonic()
    with pytest.raises(QueryTimeout) as info:
        query(kg, RUNAWAY, timeout=1)
    elapsed = time.monotonic() - start
    assert elapsed < 10, f"the query was stopped only after {elapsed:.1f} s"
    assert "1 s" in str(info.value)
    after = query(kg, PILLARS)
    assert [row["n"].value for row in after.rows] == ["SEHAT", "SIAP", "TERHUBUNG"]


def test_cli_timeout(runner: CliRunner) -> None:
    start = time.monotonic()
    result = runner.invoke(main, ["query", RUNAWAY, "--timeout", "1"])
    assert time.monotonic() - start < 10
    assert result.exit_code != 0
    assert result.exit_code == 2, result.output
    assert "--timeout" in result.output and "stopped" in result.output


def test_timeout_must_be_positive(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="timeout"):
        query(kg, PILLARS, timeout=0)


# --- syntax errors ----------------------------------------------------------------------------------


def test_syntax_error_gives_line_and_column(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError) as info:
        query(kg, "SELECT ?s\nWHERE { ?s ?p }")
    message = str(info.value)
    assert not isinstance(info.value, UnsafeQueryError)
    assert re.search(r"line 2, column \d+", message), message


def test_cli_syntax_error_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "SELECT *\nWHERE {\n  ?s ?p ?o ?x }"])
    assert result.exit_code == 2
    assert re.search(r"line 3, column \d+", result.output), result.output


# --- parameters ---------------------------------------------------------------------------------------

ACRONYM = "SELECT ?actor ?acronym WHERE { ?actor skos:altLabel ?acronym }"


def test_param_finds_bpbd(kg: KnowledgeGraph) -> None:
    result = query(kg, ACRONYM, params={"acronym": "BPBD"})
    assert [row["actor"] for row in result.rows] == [ox.NamedNode(v.ID + "bpbd")]


def test_cli_param_finds_bpbd(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", ACRONYM, "--param", "acronym=BPBD", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["actor", "acronym"], [v.ID + "bpbd", "BPBD"]]


def test_param_in_ask_query(kg: KnowledgeGraph) -> None:
    assert query(kg, "ASK { ?a skos:altLabel ?acronym }", params={"acronym": "BPBD"}).boolean is True
    assert query(kg, "ASK { ?a skos:altLabel ?acronym }", params={"acronym": "NO-SUCH"}).boolean is False


INJECTION = 'BPBD" } ; DROP ALL ; SELECT * { "'


def test_injection_attempt_is_bound_as_one_literal(kg: KnowledgeGraph) -> None:
    before = len(kg)
    result = query(kg, ACRONYM, params={"acronym": INJECTION})
    assert result.rows == []
    assert len(kg) == before
    # The whole value, quotes and braces included, is one plain literal.
    echoed = query(kg, "SELECT ?x WHERE { }", params={"x": INJECTION})
    assert echoed.rows == [{"x": ox.Literal(INJECTION)}]
    assert query(kg, PILLARS).rows  # the data is still there


def test_cli_injection_attempt(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", ACRONYM, "--param", f"acronym={INJECTION}"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "(0 rows)"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("<https://example.org/x>", ox.NamedNode("https://example.org/x")),
        ('"x"@en', ox.Literal("x", language="en")),
        ('"5"^^xsd:integer', ox.Literal("5", datatype=XSD_INTEGER)),
        ('"5"^^<http://www.w3.org/2001/XMLSchema#integer>', ox.Literal("5", datatype=XSD_INTEGER)),
        ("rkg:Pillar", ox.NamedNode(v.RKG + "Pillar")),
        ("id:bpbd", ox.NamedNode(v.ID + "bpbd")),
        ("BPBD", ox.Literal("BPBD")),
        ('"say \\"hi\\""', ox.Literal('say "hi"')),
        ("nosuchprefix:x", ox.Literal("nosuchprefix:x")),
    ],
)
def test_parse_value_forms(text: str, term: ox.NamedNode | ox.Literal) -> None:
    parsed = parse_value(text)
    assert type(parsed) is type(term)
    assert parsed == term


def test_iri_param_binds_a_class(kg: KnowledgeGraph) -> None:
    result = query(kg, "SELECT ?p ?cls WHERE { ?p a ?cls }", params={"cls": "rkg:Pillar"})
    assert sorted(row["p"].value for row in result.rows) == [
        v.ID + "jakarta-sehat",
        v.ID + "jakarta-siap",
        v.ID + "jakarta-terhubung",
    ]


def test_language_param_binds_a_tagged_literal(kg: KnowledgeGraph) -> None:
    text = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label }"
    tagged = query(kg, text, params={"label": '"Regional Disaster Management Agency"@en'})
    assert [row["s"] for row in tagged.rows] == [ox.NamedNode(v.ID + "bpbd")]
    plain = query(kg, text, params={"label": "Regional Disaster Management Agency"})
    assert plain.rows == []  # a plain string is not the English label


def test_param_not_in_the_query_is_an_error(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="nosuch"):
        query(kg, ACRONYM, params={"nosuch": "x"})


def test_param_not_returned_is_a_clear_error(kg: KnowledgeGraph) -> None:
    # Documented: the parameter must be a variable the query returns.
    with pytest.raises(QueryError, match=r"\?acronym"):
        query(kg, "SELECT ?actor WHERE { ?actor skos:altLabel ?acronym }", params={"acronym": "BPBD"})


@pytest.mark.parametrize("spec", ["acronym", "=BPBD", "1x=BPBD", "a b=c"])
def test_malformed_param_spec(spec: str) -> None:
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params([spec])


def test_param_spec_forms() -> None:
    assert parse_params(["?acronym=BPBD", "n=a=b"]) == {"acronym": ox.Literal("BPBD"), "n": ox.Literal("a=b")}


def test_cli_malformed_param_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", ACRONYM, "--param", "acronym"])
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.output


# --- result formats -----------------------------------------------------------------------------------

OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}


@pytest.fixture(scope="module", params=["participants", "pillar-issues"])
def select_result(request: pytest.FixtureRequest, kg: KnowledgeGraph):
    result = query(kg, get_query(request.param).text)
    assert result.rows, "the named query should return rows on the bundled graph"
    return result


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_formats_parse_in_pyoxigraph(select_result, fmt: str) -> None:
    data = select_result.serialize(fmt)
    parsed = ox.parse_query_results(data, format=OX_RESULTS[fmt])
    names = [var.value for var in parsed.variables]
    assert names == select_result.variables
    assert [{n: sol[n] for n in names} for sol in parsed] == select_result.rows


def test_select_csv_is_w3c_csv(select_result) -> None:
    # pyoxigraph refuses to parse SPARQL CSV (it is lossy), so read it as plain CSV.
    data = select_result.serialize("csv")
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == select_result.variables
    assert len(rows) - 1 == len(select_result.rows)
    expected = [[(row[n].value if row[n] is not None else "") for n in rows[0]] for row in select_result.rows]
    assert rows[1:] == expected


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_formats_parse_in_rdflib(select_result, fmt: str) -> None:
    data = select_result.serialize(fmt)
    parsed = rdflib.query.Result.parse(io.BytesIO(data), format=fmt)
    assert parsed.type == "SELECT"
    assert [str(var) for var in parsed.vars] == select_result.variables
    assert len(list(parsed)) == len(select_result.rows)


def test_table_format(kg: KnowledgeGraph) -> None:
    result = query(kg, "SELECT ?n ?p WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n")
    lines = result.serialize("table").decode().splitlines()
    assert lines[0].split() == ["n", "p"]
    assert re.fullmatch(r"-+  -+", lines[1])
    assert [line.split()[0] for line in lines[2:-1]] == ["SEHAT", "SIAP", "TERHUBUNG"]
    assert "id:jakarta-siap" in lines[3]  # IRIs shortened for people
    assert lines[-1] == "(3 rows)"
    one = query(kg, ACRONYM, params={"acronym": "BPBD"}).serialize("table").decode().splitlines()
    assert one[-1] == "(1 row)"
    none = query(kg, ACRONYM, params={"acronym": "NO-SUCH"}).serialize("table").decode().splitlines()
    assert none[0].split() == ["actor", "acronym"] and none[-1] == "(0 rows)"


@pytest.mark.parametrize(
    ("text", "answer"), [("ASK { id:bpbd a rkg:Actor }", True), ("ASK { id:bpbd a rkg:Pillar }", False)]
)
def test_ask_formats(kg: KnowledgeGraph, text: str, answer: bool) -> None:
    result = query(kg, text)
    assert result.boolean is answer
    assert result.serialize("table") == (b"yes\n" if answer else b"no\n")
    assert json.loads(result.serialize("json"))["boolean"] is answer
    xml = ox.parse_query_results(result.serialize("xml"), format=ox.QueryResultsFormat.XML)
    assert bool(xml) is answer
    assert rdflib.query.Result.parse(io.BytesIO(result.serialize("json")), format="json").askAnswer is answer


CONSTRUCT = "CONSTRUCT { ?a rkg:participatedIn ?e } WHERE { ?a rkg:participatedIn ?e }"
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def spo(statement: ox.Triple | ox.Quad) -> tuple[object, object, object]:
    return (statement.subject, statement.predicate, statement.object)


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_construct_formats_parse_to_the_same_triples(kg: KnowledgeGraph, fmt: str) -> None:
    result = query(kg, CONSTRUCT)
    triples = {spo(t) for t in result.triples}
    assert len(triples) == len(result.triples) > 10
    data = result.serialize(fmt)
    parsed = [spo(q) for q in ox.parse(data, format=GRAPH_FORMATS[fmt])]
    assert len(parsed) == len(triples)
    assert set(parsed) == triples
    bpbd = (ox.NamedNode(v.ID + "bpbd"), ox.NamedNode(v.RKG + "participatedIn"),
            ox.NamedNode(v.ID + "joint-workshop-2019"))
    assert bpbd in triples


def test_construct_result_gives_triples(kg: KnowledgeGraph) -> None:
    """``QueryResult.triples`` is documented (and typed) as a list of ``pyoxigraph.Triple``."""
    result = query(kg, CONSTRUCT)
    assert result.triples
    assert all(isinstance(t, ox.Triple) for t in result.triples), type(result.triples[0])
    bpbd = ox.Triple(ox.NamedNode(v.ID + "bpbd"), ox.NamedNode(v.RKG + "participatedIn"),
                     ox.NamedNode(v.ID + "joint-workshop-2019"))
    assert bpbd in result.triples


def test_construct_table_and_cli_turtle(kg: KnowledgeGraph, runner: CliRunner) -> None:
    table = query(kg, CONSTRUCT).serialize("table").decode().splitlines()
    assert table[0].split() == ["subject", "predicate", "object"]
    result = runner.invoke(main, ["query", CONSTRUCT, "--format", "turtle"])
    assert result.exit_code == 0, result.output
    assert "id:bpbd rkg:participatedIn id:joint-workshop-2019" in result.stdout


def test_select_as_turtle_is_an_error_naming_the_formats(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError) as info:
        query(kg, PILLARS).serialize("turtle")
    message = str(info.value)
    for fmt in ("table", "csv", "tsv", "json", "xml"):
        assert fmt in message
    assert "turtle" in message  # says what was asked for


def test_construct_as_csv_is_an_error_naming_the_formats(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError) as info:
        query(kg, CONSTRUCT).serialize("csv")
    for fmt in ("turtle", "nt", "jsonld"):
        assert fmt in str(info.value)


def test_cli_select_as_turtle_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", PILLARS, "--format", "turtle"])
    assert result.exit_code == 2
    assert "csv" in result.output and "json" in result.output


# --- every bundled query runs -----------------------------------------------------------------------------


#: The competency questions the bundled data answers on its own; other named queries (brokers)
#: read graphs that other commands add, and may return nothing on the bundled data alone.
ANSWERED_BY_BUNDLED_DATA = {
    "actor-pillars", "actors", "agreements", "curated", "evidence", "participants", "pillar-issues", "solutions",
}


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_runs(kg: KnowledgeGraph, name: str) -> None:
    result = query(kg, get_query(name).text)
    assert result.form == "SELECT"
    assert result.variables
    if name in ANSWERED_BY_BUNDLED_DATA:
        assert len(result) > 0


def test_the_core_named_queries_exist() -> None:
    assert ANSWERED_BY_BUNDLED_DATA <= {q.name for q in list_queries()}
