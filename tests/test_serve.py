"""``resilience-kg serve``: a real server in a subprocess on a free loopback port, queried by
SPARQLWrapper (a client we did not write) and by httpx, and the app in-process where no socket is
needed. The SPARQL 1.1 Protocol's positive and negative cases, content negotiation, the guards
(SERVICE, FROM, LOAD refused; the timeout; Host and CORS; body size), the start-up messages,
Ctrl-C, the offline query page, and serving a store."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shlex
import signal
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from xml.dom.minidom import Document

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import extra, write
from helpers.listener import Listener
from helpers.servers import Served, kg_command, serve
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from resilience_kg.cli import main
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.server.app import create_app
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import query

httpx = extra("httpx", extra="client")
extra("starlette", extra="server")

with warnings.catch_warnings():
    # Starlette 1.x asks for its own fork of httpx in the test client; httpx is what we install.
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient` is deprecated")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.server

PARTICIPANTS = get_query("participants").text
PARTICIPANT_COUNT = 22
PILLARS = "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n"
PARTICIPATION = "CONSTRUCT { ?a rkg:participatedIn ?e } WHERE { ?a rkg:participatedIn ?e }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPARQL_JSON = "application/sparql-results+json"
BOLD_LABEL = "<b>Bold</b> & Co agency"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``serve`` with its defaults, shared by the tests that do not need other options."""
    with serve(log_dir=tmp_path_factory.mktemp("serve")) as running:
        yield running


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30.0) as client:
        yield client


def pillars_from_json(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(SPARQL_JSON)
    return [row["n"]["value"] for row in response.json()["results"]["bindings"]]


# ---------------------------------------------------------------- SPARQLWrapper, every format


def local_participants(runner: CliRunner) -> list[list[str]]:
    """The rows of ``resilience-kg query -n participants --format csv``, header first."""
    result = runner.invoke(main, ["query", "-n", "participants", "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


def sparqlwrapper(url: str, text: str, fmt: str, *, only_conneg: bool = False) -> tuple[str, bytes | object]:
    """Ask ``url`` with SPARQLWrapper as a user would; the content type and the converted answer
    (raw bytes for the RDF formats)."""
    client = SPARQLWrapper(url)
    client.setQuery(text)
    client.setReturnFormat(fmt)
    client.setOnlyConneg(only_conneg)
    result = client.query()
    try:
        ctype = result.response.headers.get("Content-Type", "")
        body = result.response.read() if fmt in (TURTLE, JSONLD, RDFXML) else result.convert()
    finally:
        result.response.close()
    return ctype, body


@pytest.mark.parametrize(
    ("fmt", "media"),
    [(JSON, SPARQL_JSON), (XML, "application/sparql-results+xml"), (CSV, "text/csv"),
     (TSV, "text/tab-separated-values")],
)
def test_sparqlwrapper_select_in_each_results_format(server: Served, runner: CliRunner, fmt: str,
                                                     media: str) -> None:
    local = local_participants(runner)
    assert len(local) - 1 == PARTICIPANT_COUNT
    ctype, body = sparqlwrapper(server.url, PARTICIPANTS, fmt)
    assert ctype.startswith(media)
    if fmt == JSON:
        assert isinstance(body, dict)
        assert body["head"]["vars"] == local[0]
        rows = body["results"]["bindings"]
    elif fmt == XML:
        assert isinstance(body, Document)
        assert [v.getAttribute("name") for v in body.getElementsByTagName("variable")] == local[0]
        rows = body.getElementsByTagName("result")
    elif fmt == CSV:
        assert isinstance(body, bytes)
        table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert table == local  # byte for byte the same table as the local query
        rows = table[1:]
    else:
        assert isinstance(body, bytes)
        lines = body.decode("utf-8").splitlines()
        assert lines[0].split("\t") == [f"?{name}" for name in local[0]]
        rows = lines[1:]
    assert len(rows) == PARTICIPANT_COUNT


# SPARQLWrapper by default also sends its format name as a `format` parameter (``turtle``,
# ``json-ld``, ``rdf+xml``, then the media type again); with ``only_conneg`` it relies on the
# Accept header alone. Both must work.
@pytest.mark.parametrize("only_conneg", [False, True], ids=["format-param", "accept-only"])
@pytest.mark.parametrize(("fmt", "media", "syntax"), [
    (TURTLE, "text/turtle", ox.RdfFormat.TURTLE), (JSONLD, "application/ld+json", ox.RdfFormat.JSON_LD),
    (RDFXML, "application/rdf+xml", ox.RdfFormat.RDF_XML)],
    ids=["turtle", "jsonld", "rdfxml"])
def test_sparqlwrapper_construct_in_turtle_and_jsonld(server: Served, kg: KnowledgeGraph, fmt: str, media: str,
                                                      syntax: ox.RdfFormat, only_conneg: bool) -> None:
    ctype, body = sparqlwrapper(server.url, PARTICIPATION, fmt, only_conneg=only_conneg)
    assert ctype.startswith(media)
    assert isinstance(body, bytes)
    served = {q.triple for q in ox.parse(body, format=syntax)}
    local = set(query(kg, PARTICIPATION).triples)
    assert len(local) >= PARTICIPANT_COUNT
    assert served == local


# ---------------------------------------------------------------- content negotiation and methods


@pytest.mark.parametrize(("accept", "media"), [
    (None, SPARQL_JSON),
    ("application/sparql-results+json", SPARQL_JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml;q=0.5, text/csv;q=0.9", "text/csv"),
    ("image/png, */*;q=0.1", SPARQL_JSON),
])
def test_select_negotiates_by_accept(server: Served, http: httpx.Client, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = http.get(server.url, params={"query": PILLARS}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "SIAP" in response.text


@pytest.mark.parametrize(("accept", "syntax"), [
    (None, ox.RdfFormat.TURTLE),
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_negotiates_by_accept(server: Served, http: httpx.Client, kg: KnowledgeGraph,
                                        accept: str | None, syntax: ox.RdfFormat) -> None:
    headers = {"Accept": accept} if accept else {}
    response = http.get(server.url, params={"query": PARTICIPATION}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(syntax.media_type)
    served = {q.triple for q in ox.parse(response.content, format=syntax)}
    assert served == set(query(kg, PARTICIPATION).triples)


@pytest.mark.parametrize("text", [PILLARS, PARTICIPATION], ids=["select", "construct"])
def test_unacceptable_accept_gets_406(server: Served, http: httpx.Client, text: str) -> None:
    response = http.get(server.url, params={"query": text}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "Accept" in response.text


def test_get_and_both_posts_give_the_same_answer(server: Served, http: httpx.Client) -> None:
    by_get = pillars_from_json(http.get(server.url, params={"query": PILLARS}))
    by_form = pillars_from_json(http.post(server.url, data={"query": PILLARS}))
    by_body = pillars_from_json(http.post(server.url, content=PILLARS.encode(),
                                          headers={"Content-Type": "application/sparql-query; charset=utf-8"}))
    assert by_get == by_form == by_body == ["SEHAT", "SIAP", "TERHUBUNG"]


# ---------------------------------------------------------------- the protocol's negative cases

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def too_big(limit: int) -> Iterator[bytes]:
    """A query body past ``limit`` bytes, sent in chunks (no Content-Length)."""
    chunk = b"#" * 65536 + b"\n"
    for _ in range(limit // len(chunk) + 2):
        yield chunk
    yield PILLARS.encode()


# Each case: how to send it, and the status the W3C SPARQL 1.1 Protocol calls for on a
# read-only endpoint. ``default-graph-uri`` gets 400: this endpoint answers over its own graphs
# only and says so, rather than silently ignoring the dataset the client asked for.
NEGATIVE = {
    "malformed query": ("GET", {"params": {"query": "SELECT ?x WHERE { ?x"}}, 400),
    "update as update= form field": ("POST", {"data": {"update": "INSERT DATA { <a:s> <a:p> <a:o> }"}}, 400),
    "update as sparql-update body": (
        "POST", {"content": b"INSERT DATA { <a:s> <a:p> <a:o> }",
                 "headers": {"Content-Type": "application/sparql-update"}}, 400),
    "update text as query": ("GET", {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 400),
    "two query parameters": ("GET", {"params": [("query", PILLARS), ("query", PILLARS)]}, 400),
    "query in URL and form": ("POST", {"params": {"query": PILLARS}, "data": {"query": PILLARS}}, 400),
    "default-graph-uri": (
        "GET", {"params": [("query", PILLARS), ("default-graph-uri", "https://w3id.org/resilience-kg/graph/report")]},
        400),
    "named-graph-uri": (
        "POST", {"data": {"query": PILLARS, "named-graph-uri": "https://w3id.org/resilience-kg/graph/report"}}, 400),
    "POST with a wrong content type": ("POST", {"content": PILLARS.encode(), "headers": {"Content-Type": "text/plain"}},
                                       415),
    "POST with no content type": ("POST", {"content": PILLARS.encode()}, 415),
    "no query (GET)": ("GET", {"headers": {"Accept": SPARQL_JSON}}, 400),
    "no query (POST form)": ("POST", {"content": b"format=json", "headers": FORM}, 400),
    "oversize body": ("POST", {"content": b"#" * (2 << 20) + PILLARS.encode(),
                               "headers": {"Content-Type": "application/sparql-query"}}, 413),
    "oversize chunked body": ("POST", {"content": too_big(1 << 20),
                                       "headers": {"Content-Type": "application/sparql-query"}}, 413),
    "PUT": ("PUT", {"content": PILLARS.encode(), "headers": {"Content-Type": "application/sparql-query"}}, 405),
    "DELETE": ("DELETE", {"params": {"query": PILLARS}}, 405),
}


@pytest.mark.parametrize("case", list(NEGATIVE))
def test_protocol_negative_cases(server: Served, http: httpx.Client, case: str) -> None:
    method, options, status = NEGATIVE[case]
    response = http.request(method, server.url, **options)
    assert response.status_code == status, f"{case}: {response.status_code} {response.text}"
    assert response.text.strip(), "an error must say what is wrong"
    # The server is not harmed: the next query answers.
    assert pillars_from_json(http.get(server.url, params={"query": PILLARS})) == ["SEHAT", "SIAP", "TERHUBUNG"]


def test_other_methods_are_told_which_are_allowed_and_head_gets_headers_only(server: Served,
                                                                            http: httpx.Client) -> None:
    refused = http.request("PATCH", server.url, params={"query": PILLARS})
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, POST"
    head = http.head(server.url, params={"query": PILLARS}, headers={"Accept": "text/csv"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == "text/csv; charset=utf-8"


def test_update_leaves_the_data_unchanged(server: Served, http: httpx.Client) -> None:
    http.post(server.url, data={"update": "CLEAR ALL"})
    http.post(server.url, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    count = http.post(server.url, data={"query": PARTICIPANTS}).json()["results"]["bindings"]
    assert len(count) == PARTICIPANT_COUNT


def test_malformed_query_says_where(server: Served, http: httpx.Client) -> None:
    response = http.get(server.url, params={"query": "SELECT ?x WHERE {\n  ?x ?y\n"})
    assert response.status_code == 400
    assert "line" in response.text and "column" in response.text


# ---------------------------------------------------------------- SERVICE, FROM, LOAD


def test_the_listener_sees_a_connection(listener: Listener) -> None:
    # The control for the tests below: a connection to the listener is counted.
    with socket.create_connection(("127.0.0.1", listener.port), timeout=5):
        pass
    assert listener.close() == 1


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }} LIMIT 1",
], ids=["service", "service-silent", "lower-case", "u-escape", "after-a-pattern"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_service_is_refused_and_never_connects(server: Served, http: httpx.Client, listener: Listener,
                                               template: str, method: str) -> None:
    text = template.format(port=listener.port)
    if method == "GET":
        response = http.get(server.url, params={"query": text})
    else:
        response = http.post(server.url, content=text.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400, response.text
    assert "SERVICE is not allowed" in response.text
    assert listener.close() == 0, "the server connected to the SERVICE target"


@pytest.mark.parametrize(("template", "keyword"), [
    ("SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}", "FROM"),
    ("SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM NAMED"),
    ("LOAD <http://127.0.0.1:{port}/data.ttl>", "LOAD"),
    ("LOAD <file:///etc/passwd> INTO GRAPH <urn:x>", "LOAD"),
])
def test_from_and_load_are_refused(server: Served, http: httpx.Client, listener: Listener, template: str,
                                   keyword: str) -> None:
    response = http.post(server.url, data={"query": template.format(port=listener.port)})
    assert response.status_code == 400, response.text
    assert f"{keyword} is not allowed" in response.text
    assert listener.close() == 0


# ---------------------------------------------------------------- the timeout


def test_runaway_query_is_stopped_and_the_next_one_answers(tmp_path: Path) -> None:
    with serve("--timeout", "1", log_dir=tmp_path) as running, httpx.Client(timeout=60.0) as http:
        started = time.monotonic()
        response = http.get(running.url, params={"query": RUNAWAY})
        elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert "longer than 1 s" in response.text
        assert elapsed < 10, f"the runaway query ran {elapsed:.1f} s past a 1 s timeout"
        after = http.post(running.url, data={"query": PARTICIPANTS}, headers={"Accept": SPARQL_JSON})
        assert after.status_code == 200
        assert len(after.json()["results"]["bindings"]) == PARTICIPANT_COUNT
        assert running.process.alive()


# ---------------------------------------------------------------- Host and CORS


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", ""])
@pytest.mark.parametrize("path", ["/sparql", "/"])
def test_a_foreign_host_is_refused(server: Served, http: httpx.Client, host: str, path: str) -> None:
    response = http.get(server.base + path, params={"query": PILLARS},
                        headers={"Host": host.format(port=server.port)})
    assert response.status_code == 403
    assert "SIAP" not in response.text
    assert "--allow-host" in response.text


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "localhost", "LOCALHOST:{port}",
                                  "[::1]:{port}"])
def test_local_host_names_are_answered(server: Served, http: httpx.Client, host: str) -> None:
    response = http.get(server.url, params={"query": PILLARS}, headers={"Host": host.format(port=server.port)})
    assert pillars_from_json(response) == ["SEHAT", "SIAP", "TERHUBUNG"]


def test_allow_host_adds_one_name(tmp_path: Path) -> None:
    with serve("--allow-host", "kg.example", log_dir=tmp_path) as running, httpx.Client(timeout=30.0) as http:
        allowed = http.get(running.url, params={"query": PILLARS}, headers={"Host": f"kg.example:{running.port}"})
        assert pillars_from_json(allowed) == ["SEHAT", "SIAP", "TERHUBUNG"]
        other = http.get(running.url, params={"query": PILLARS}, headers={"Host": f"evil.example:{running.port}"})
        assert other.status_code == 403


def test_no_cors_headers_by_default(server: Served, http: httpx.Client) -> None:
    # Without --cors, a request from another origin is refused outright (test_serve_guards.py).
    response = http.get(server.url, params={"query": PILLARS}, headers={"Origin": "http://app.example"})
    assert response.status_code == 403
    assert "SIAP" not in response.text
    assert "access-control-allow-origin" not in response.headers
    preflight = http.options(server.url, headers={"Origin": "http://app.example",
                                                  "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_for_the_given_origin_only(tmp_path: Path) -> None:
    with serve("--cors", "http://app.example", log_dir=tmp_path) as running, httpx.Client(timeout=30.0) as http:
        ours = http.get(running.url, params={"query": PILLARS}, headers={"Origin": "http://app.example"})
        assert ours.status_code == 200
        assert ours.headers["access-control-allow-origin"] == "http://app.example"
        preflight = http.options(running.url, headers={
            "Origin": "http://app.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://app.example"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        for origin in ("http://evil.example", "http://app.example.evil.example", "https://app.example"):
            other = http.get(running.url, params={"query": PILLARS}, headers={"Origin": origin})
            assert "access-control-allow-origin" not in other.headers, origin
            refused = http.options(running.url, headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
            assert "access-control-allow-origin" not in refused.headers, origin


# ---------------------------------------------------------------- start-up, port in use, Ctrl-C


def test_startup_prints_the_endpoint_and_a_working_curl(server: Served, http: httpx.Client) -> None:
    out = server.process.stdout()
    assert f"SPARQL endpoint: {server.url}" in out
    assert f"query page: {server.base}/" in out
    curl = next(line for line in out.splitlines() if line.startswith("try: curl"))
    # Replay the sample command as curl would send it: a form POST with the Accept header.
    words = shlex.split(curl.removeprefix("try: "))
    url = next(w for w in words if w.startswith("http"))
    data = words[words.index("--data-urlencode") + 1]
    accept = words[words.index("-H") + 1]
    name, _, value = data.partition("=")
    header, _, media = accept.partition(": ")
    assert url == server.url
    response = http.post(url, data={name: value}, headers={header: media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert len(response.text.strip().splitlines()) == 1 + 3  # a header and the three pillars


def test_a_second_serve_on_the_same_port_fails_fast(server: Served) -> None:
    started = time.monotonic()
    second = subprocess.run(kg_command("serve", "--port", str(server.port)), capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert time.monotonic() - started < 30
    assert second.returncode != 0
    assert f"port {server.port}" in second.stderr
    assert "already in use" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert server.process.alive()


def test_sigint_stops_serve_cleanly(tmp_path: Path) -> None:
    with serve(log_dir=tmp_path) as running:
        with httpx.Client(timeout=30.0) as http:
            assert pillars_from_json(http.get(running.url, params={"query": PILLARS}))
        running.process.popen.send_signal(signal.SIGINT)
        try:
            code = running.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail("serve did not stop within 15 s of SIGINT")
        assert code in (0, 130, -signal.SIGINT), running.process.output()
        assert "Traceback" not in running.process.output()
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", running.port)) != 0, "the port still accepts connections"


# ---------------------------------------------------------------- the query page and HTML results


def test_query_page_is_offline_html_with_a_form(server: Served, http: httpx.Client) -> None:
    for response in (http.get(server.base + "/"), http.get(server.url, headers={"Accept": "text/html"})):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        assert re.search(r"<form[^>]*action=\"/?sparql\"", page)
        assert re.search(r'<textarea[^>]* name="query"', page)
        assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", page, re.I), "loads from the web"
        assert "default-src 'none'" in response.headers["content-security-policy"]


def test_query_page_form_submission_renders_a_table(server: Served, http: httpx.Client) -> None:
    # What the browser sends when the form is submitted with the html format.
    response = http.get(server.url, params={"query": PILLARS, "format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<p>3 rows</p>" in response.text
    cells = re.findall(r"<td>([^<]*)</td>", response.text)
    assert cells == ["SEHAT", "SIAP", "TERHUBUNG"]


@pytest.fixture(scope="module")
def bold_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app in-process over the bundled graph plus an actor whose label holds markup."""
    ttl = write(tmp_path_factory.mktemp("bold") / "bold.ttl", f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/resilience-kg/id/bold-agency> skos:prefLabel "{BOLD_LABEL}"@en .
""")
    app = create_app(load_graph([ttl]), timeout=30, max_body=4096)
    with TestClient(app, base_url="http://localhost") as client:
        yield client


def test_html_results_escape_labels(bold_client: TestClient) -> None:
    text = 'SELECT ?label WHERE { ?x skos:prefLabel ?label FILTER(CONTAINS(?label, "<b>")) }'
    response = bold_client.get("/sparql", params={"query": text, "format": "html"})
    assert response.status_code == 200
    page = response.text
    assert f"<td>{html.escape(BOLD_LABEL)}</td>" in page
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;" in page.split("<textarea", 1)[1].split("</textarea>", 1)[0]  # the query, escaped


def test_html_error_page_escapes_the_query(bold_client: TestClient) -> None:
    text = "SELECT ?x WHERE { ?x ?y </textarea><script>alert(1)</script>"
    response = bold_client.get("/sparql", params={"query": text, "format": "html"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_html_results_and_errors_are_pages_of_the_strict_policy(bold_client: TestClient) -> None:
    from resilience_kg.server.page import PAGE_POLICY

    ask = bold_client.get("/sparql", params={"query": "ASK { ?x a rkg:Pillar }", "format": "html"})
    bad = bold_client.get("/sparql", params={"query": "SELECT ?x WHERE {", "format": "html"})
    for response in (ask, bad):
        assert response.headers["content-security-policy"] == PAGE_POLICY  # no inline style, no inline script
        assert "<style" not in response.text and "style=" not in response.text and "<script" not in response.text
        assert 'href="/static/style.css"' in response.text
    assert ask.status_code == 200 and "<p>Answer: <b>yes</b></p>" in ask.text
    assert bad.status_code == 400 and '<p class="error">' in bad.text


def test_in_process_body_limit_and_foreign_host(bold_client: TestClient) -> None:
    small = bold_client.post("/sparql", content=PILLARS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert pillars_from_json(small) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]
    big = bold_client.post("/sparql", content=b"#" * 5000 + PILLARS.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert big.status_code == 413
    assert "4096" in big.text
    assert bold_client.get("/", headers={"Host": "evil.example"}).status_code == 403


def test_json_results_are_valid_sparql_json(server: Served, http: httpx.Client, kg: KnowledgeGraph) -> None:
    response = http.post(server.url, data={"query": PARTICIPANTS}, headers={"Accept": SPARQL_JSON})
    served = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    local = query(kg, PARTICIPANTS)
    assert [dict(zip(local.variables, tuple(s), strict=True)) for s in served] == local.rows  # type: ignore[union-attr]
    assert json.loads(response.content)["head"]["vars"] == local.variables


# ---------------------------------------------------------------- serving a store


def test_serve_a_store_built_by_build(tmp_path: Path, runner: CliRunner, kg: KnowledgeGraph) -> None:
    built = runner.invoke(main, ["build", "--out", str(tmp_path / "out"), "--store", str(tmp_path / "db")])
    assert built.exit_code == 0, built.output
    with serve("--store", str(tmp_path / "db"), "--timeout", "2", log_dir=tmp_path / "logs") as running, \
            httpx.Client(timeout=30.0) as http:
        response = http.post(running.url, data={"query": PARTICIPANTS}, headers={"Accept": "text/csv"})
        assert response.status_code == 200
        assert response.content == query(kg, PARTICIPANTS).serialize("csv")
        runaway = http.get(running.url, params={"query": RUNAWAY})
        assert runaway.status_code == 503
        again = http.get(running.url, params={"query": PILLARS})
        assert pillars_from_json(again) == ["SEHAT", "SIAP", "TERHUBUNG"]


# ---------------------------------------------------------------- the report, served


@pytest.fixture(scope="module")
def report_client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg, timeout=30), base_url="http://127.0.0.1") as client:
        yield client


def test_the_report_and_its_views_are_served_with_their_own_policies(report_client: TestClient) -> None:
    from resilience_kg.views.page import view_policy
    from resilience_kg.views.report import POLICY

    assert '<a href="/report/">report</a>' in report_client.get("/").text  # every page's header leads there
    folder = report_client.get("/report", follow_redirects=False)
    assert folder.status_code == 308 and folder.headers["location"] == "/report/"
    page = report_client.get("/report/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == POLICY + "; frame-ancestors 'none'"
    assert page.headers["x-content-type-options"] == "nosniff"
    views = re.findall(r'<a href="(view-[a-z-]+\.html)#lang=id">', page.text)  # each link in its language
    assert re.findall(r'<a href="(view-[a-z-]+\.html)#lang=en">', page.text) == views
    assert set(views) == {"view-full.html", "view-actors-pillars.html", "view-pillar-siap.html",
                          "view-pillar-sehat.html", "view-pillar-terhubung.html"}
    # Served, every actor of the heatmap links to its entity page, and that page answers.
    assert '<a class="entity" href="../id/bpbd"><span lang="id"><span title="Regional Disaster Management Agency">' \
        'Badan Penanggulangan Bencana Daerah (BPBD)</span>' in page.text
    entity = report_client.get("/id/bpbd", headers={"Accept": "text/html"})
    assert entity.status_code == 200 and "BPBD" in entity.text
    for name in views:
        view = report_client.get(f"/report/{name}")
        assert view.status_code == 200
        assert view.headers["content-security-policy"] == view_policy() + "; frame-ancestors 'none'"
        assert '"entity_pages": {"https://w3id.org/resilience-kg/id/": "../id/"}' in view.text
    assert report_client.get("/report/nope.html").status_code == 404


def test_the_report_is_rendered_once_for_every_request(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    from resilience_kg.views import report

    calls = []
    real = report.render_report

    def counted(*args: object, **kwargs: object) -> dict[str, str]:
        calls.append(kwargs.get("entity_pages"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "render_report", counted)
    with TestClient(create_app(kg, timeout=30), base_url="http://127.0.0.1") as client:
        for path in ("/report/", "/report/view-full.html", "/report/", "/report/view-pillar-siap.html"):
            assert client.get(path).status_code == 200
    assert calls == ["../id/"]


def test_the_report_has_the_guards_of_every_page(report_client: TestClient) -> None:
    assert report_client.get("/report/", headers={"Host": "rebound.example"}).status_code == 403
    fetched = report_client.get("/report/view-full.html", headers={"Origin": "https://evil.example",
                                                                   "Sec-Fetch-Site": "cross-site"})
    assert fetched.status_code == 403
    # A link from another site may open the report, as it may an entity page.
    followed = report_client.get("/report/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
                                                      "Sec-Fetch-Dest": "document"})
    assert followed.status_code == 200


def test_a_report_that_cannot_be_rendered_says_why(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    from resilience_kg.errors import ResilienceKGError
    from resilience_kg.views import report

    def refuse(*args: object, **kwargs: object) -> dict[str, str]:
        raise ResilienceKGError("no pillar to draw")

    monkeypatch.setattr(report, "render_report", refuse)
    with TestClient(create_app(kg, timeout=30), base_url="http://127.0.0.1") as client:
        response = client.get("/report/")
        assert response.status_code == 500
        assert response.text == "the report could not be rendered: no pillar to draw\n"
        assert client.get("/id/bpbd", headers={"Accept": "text/html"}).status_code == 200  # the rest still answers


def test_the_served_report_opens_in_the_language_asked_for(report_client: TestClient) -> None:
    default = report_client.get("/report/").text
    assert '<html lang="id">' in default and "<title>Laporan resilience-kg</title>" in default  # the data's language
    english = report_client.get("/report/?lang=en")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text and "<title>resilience-kg report</title>" in english.text
    assert re.search(r'<input class="lang-choice"[^>]*id="lang-en"[^>]* checked>', english.text)
    assert '<html lang="id">' in report_client.get("/report/?lang=id").text
    wrong = report_client.get("/report/?lang=fr")
    assert wrong.status_code == 400 and "lang is id or en, not 'fr'" in wrong.text
