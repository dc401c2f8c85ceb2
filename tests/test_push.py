"""``resilience-kg push`` against real triple stores: an Oxigraph server and a Virtuoso, each on
a free loopback port. After a push every bundled named query gives the same answer through the
server as locally; pushes are verified, idempotent and retried without duplicating anything; a
server that is down fails fast and clearly; credentials go in headers and never into output."""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from helpers import IN_CI, extra, servers, write
from helpers.servers import Oxigraph, Proxy, Recorder, Seen, Virtuoso, kg_command

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import PushMismatch
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.remote import client as remote_client
from resilience_kg.remote.client import RemoteError, make_client
from resilience_kg.remote.endpoint import load_remote, remote_query
from resilience_kg.remote.push import PushReport, push, staging_graph
from resilience_kg.sparql.named import get_query, list_queries
from resilience_kg.sparql.query import QueryResult, query

httpx = extra("httpx", extra="client")

pytestmark = pytest.mark.server

QUERY_NAMES = [q.name for q in list_queries()]
BUNDLED_GRAPHS = sorted(v.GRAPHS[g] for g in ("report", "curated", "ontology", "provenance"))
SECRET = "s3cret-Pa55word-xyzzy"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
# One triple more in the report graph (TriG keeps the graph), to see whether a push replaces.
EXTRA_REPORT_TRIPLE = f"""<{v.REPORT_GRAPH}> {{
  <https://w3id.org/resilience-kg/id/push-test> <http://www.w3.org/2004/02/skos/core#prefLabel> "push test"@en .
}}
"""


def unavailable(reason: str) -> None:
    """Skip here; fail under CI, which must be able to run the server."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def clean_env() -> dict[str, str]:
    """No credentials from the caller's environment leak into a test."""
    return {"RKG_USER": "", "RKG_PASSWORD": "", "RKG_AUTH": "", "RKG_TOKEN": ""}


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    """A fresh, empty Oxigraph server for each test."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(servers.oxigraph(tmp_path / "oxigraph-db", log_dir=tmp_path / "logs"))
        except servers.Unavailable as exc:
            unavailable(str(exc))
        yield server


@pytest.fixture(scope="module")
def analysis_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysis graph, as ``analyze --rdf`` writes it."""
    folder = tmp_path_factory.mktemp("analysis")
    result = CliRunner().invoke(main, ["analyze", "-o", str(folder / "analysis.md"), "--rdf",
                                       str(folder / "analysis.trig")])
    assert result.exit_code == 0, result.output
    return folder / "analysis.trig"


def push_cli(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(main, ["push", *args], env={**clean_env(), **(env or {})})


def printed_counts(output: str) -> dict[str, tuple[int, int]]:
    """The table ``push`` prints: graph IRI -> (local, server), for the graphs missing nothing."""
    found = re.findall(r"^(https?://\S+)\s+(\d+)\s+(\d+)\s+0$", output, re.M)
    return {g: (int(local), int(remote)) for g, local, remote in found}


def printed_missing(output: str) -> dict[str, int]:
    """The table ``push`` prints: graph IRI -> triples sent that the server lacks."""
    found = re.findall(r"^(https?://\S+)\s+\d+\s+\d+\s+(\d+)$", output, re.M)
    return {g: int(missing) for g, missing in found}


def local_counts(kg: KnowledgeGraph) -> dict[str, int]:
    return {g: sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in kg.graph_names()}


def server_counts(query_url: str) -> dict[str, int]:
    """Triples per named graph on the server, asked directly (not through the library)."""
    with httpx.Client(timeout=30.0) as http:
        response = http.post(query_url, data={"query": COUNTS}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def cli_query(runner: CliRunner, name: str, *where: str) -> str:
    result = runner.invoke(main, ["query", "-n", name, "--format", "csv", *where], env=clean_env())
    assert result.exit_code == 0, f"{name} {where}: {result.output}"
    return result.stdout


def assert_verified(result: Result, kg: KnowledgeGraph) -> None:
    """``push`` exited 0, said "verified", and printed per graph local == server == our count."""
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("verified")
    printed = printed_counts(result.stdout)
    expected = local_counts(kg)
    assert printed == {g: (n, n) for g, n in expected.items()}


# ---------------------------------------------------------------- Oxigraph: Graph Store push


@pytest.mark.parametrize("with_analysis", [False, True], ids=["bundled", "with-analysis"])
def test_every_named_query_answers_the_same_through_oxigraph(runner: CliRunner, oxigraph: Oxigraph,
                                                             analysis_trig: Path, with_analysis: bool) -> None:
    data = ["--data", str(analysis_trig)] if with_analysis else []
    kg = load_graph([analysis_trig] if with_analysis else [])
    result = push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url, *data)
    assert_verified(result, kg)
    assert server_counts(oxigraph.query_url) == local_counts(kg)
    for name in QUERY_NAMES:
        local = cli_query(runner, name, *data)
        served = cli_query(runner, name, "--endpoint", oxigraph.query_url)
        assert served == local, f"{name}: the server answers differently"
        rows = local.count("\n") - 1
        if name == "brokers":
            # Only the analysis graph holds brokers: no rows on either side without it.
            assert (rows > 0) is with_analysis, local
        else:
            assert rows > 0, f"{name} returns no rows: the comparison proves nothing"


def test_pushing_twice_and_replacing_leaves_the_same_counts(runner: CliRunner, oxigraph: Oxigraph,
                                                            kg: KnowledgeGraph) -> None:
    args = ["--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url, "--update", oxigraph.update_url]
    expected = local_counts(kg)
    for options in ([], [], ["--replace"], ["--replace"], []):
        assert_verified(push_cli(runner, *args, *options), kg)
        assert server_counts(oxigraph.query_url) == expected


def test_replace_removes_triples_that_merge_keeps(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph,
                                                  tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.trig", EXTRA_REPORT_TRIPLE)
    args = ["--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url, "--update", oxigraph.update_url]
    assert_verified(push_cli(runner, *args, "--data", str(extra)), load_graph([extra]))
    expected = local_counts(kg)
    # Merging the bundled graphs keeps the extra triple (the server holds more: still verified).
    merged = push_cli(runner, *args)
    assert merged.exit_code == 0, merged.output
    assert server_counts(oxigraph.query_url)[v.REPORT_GRAPH] == expected[v.REPORT_GRAPH] + 1
    # Replacing drops it.
    assert_verified(push_cli(runner, *args, "--replace"), kg)
    assert server_counts(oxigraph.query_url) == expected


def test_push_one_graph_only(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph) -> None:
    result = push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                      "--graph", "curated")
    assert result.exit_code == 0, result.output
    assert printed_counts(result.stdout) == {v.CURATED_GRAPH: (local_counts(kg)[v.CURATED_GRAPH],) * 2}
    assert server_counts(oxigraph.query_url) == {v.CURATED_GRAPH: local_counts(kg)[v.CURATED_GRAPH]}


# ---------------------------------------------------------------- reading back: --endpoint and load_remote

BULK = 12_000  # more triples than Virtuoso's default ResultSetMaxRows (10000) returns in one answer


@pytest.fixture(scope="module")
def bulk_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Turtle file of ``BULK`` triples (loaded into a graph of its own, named after the file)."""
    lines = ["@prefix skos: <http://www.w3.org/2004/02/skos/core#> ."]
    lines += [f'<https://w3id.org/resilience-kg/id/bulk-{i}> skos:note "bulk {i}" .' for i in range(BULK)]
    return write(tmp_path_factory.mktemp("bulk") / "bulk.ttl", "\n".join(lines) + "\n")


def view_counts(output: str) -> str:
    """``viz`` says "wrote PATH (N nodes, M links)"; the part in brackets."""
    return output.rsplit("(", 1)[1]


def assert_reads_back(runner: CliRunner, endpoint: str, tmp_path: Path) -> None:
    """``analyze`` and ``viz`` give the same results from ``endpoint`` as from the local data."""
    remote = runner.invoke(main, ["analyze", "--format", "csv", "--endpoint", endpoint], env=clean_env())
    assert remote.exception is None or isinstance(remote.exception, SystemExit), repr(remote.exception)
    assert remote.exit_code == 0, remote.output
    local = runner.invoke(main, ["analyze", "--format", "csv"], env=clean_env())
    assert remote.stdout == local.stdout
    remote_view = runner.invoke(main, ["viz", "-o", str(tmp_path / "remote.html"), "--endpoint", endpoint],
                                env=clean_env())
    assert remote_view.exit_code == 0, remote_view.output
    local_view = runner.invoke(main, ["viz", "-o", str(tmp_path / "local.html")], env=clean_env())
    assert view_counts(remote_view.stdout) == view_counts(local_view.stdout)


def test_analyze_and_viz_read_back_from_oxigraph(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph,
                                                 tmp_path: Path) -> None:
    assert_verified(push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url), kg)
    assert_reads_back(runner, oxigraph.query_url, tmp_path)


def test_load_remote_copies_every_quad_from_oxigraph(runner: CliRunner, oxigraph: Oxigraph, bulk_ttl: Path) -> None:
    kg = load_graph([bulk_ttl])
    assert_verified(push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                             "--data", str(bulk_ttl)), kg)
    with make_client(env={}) as http:
        copied = load_remote(oxigraph.query_url, client=http)
    assert local_counts(copied) == local_counts(kg)
    assert max(local_counts(kg).values()) == BULK


# ---------------------------------------------------------------- Oxigraph: LOAD through SPARQL Update


@pytest.mark.parametrize("replace", [False, True], ids=["merge", "replace"])
def test_load_mode_pushes_and_verifies(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph,
                                       replace: bool) -> None:
    args = ["--endpoint", oxigraph.query_url, "--update", oxigraph.update_url, "--batch", "1000"]
    extra = ["--replace"] if replace else []
    for _ in range(2):  # twice: the second push must not add anything
        assert_verified(push_cli(runner, *args, *extra), kg)
        assert server_counts(oxigraph.query_url) == local_counts(kg)
    assert cli_query(runner, "actor-pillars", "--endpoint", oxigraph.query_url) == cli_query(runner, "actor-pillars")


# ---------------------------------------------------------------- failures and retries


def test_push_to_a_server_that_is_down_fails_clearly_and_soon(tmp_path: Path) -> None:
    port = servers.free_port()  # nothing listens there
    store = f"http://127.0.0.1:{port}/store"
    started = time.monotonic()
    done = subprocess.run(
        kg_command("push", "--endpoint", f"http://127.0.0.1:{port}/query", "--graph-store", store),
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path,
        env={**os.environ, **clean_env()},
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert f"http://127.0.0.1:{port}/query" in done.stderr  # the first request: which graphs it holds
    assert "refused" in done.stderr.lower()
    assert "Traceback" not in done.stderr + done.stdout
    assert elapsed < 45, f"giving up on a server that is down took {elapsed:.0f} s"


def test_request_to_nothing_listening_tries_twice_then_names_the_url() -> None:
    # A refused connection is retried once (a server restarting), not with the full backoff.
    url = f"http://127.0.0.1:{servers.free_port()}/store"
    waits: list[float] = []
    with make_client(env={}) as http, pytest.raises(RemoteError) as caught:
        remote_client.request(http, "POST", url, content=b"", retries=3, sleep=waits.append)
    assert waits == [0.5]
    message = str(caught.value)
    assert url in message and "refused" in message.lower() and "gave up after 2 tries" in message


def nth_write(n: int) -> Callable[[Seen], bool]:
    """A proxy rule's test: the ``n``-th request to the Graph Store (``/store``)."""
    writes = [0]

    def test(seen: Seen) -> bool:
        if not seen.path.startswith("/store"):
            return False
        writes[0] += 1
        return writes[0] == n

    return test


@pytest.mark.parametrize("fault", [503, "drop", "forward-drop"])
@pytest.mark.parametrize("replace", [False, True], ids=["merge", "replace"])
def test_a_retried_push_duplicates_nothing(oxigraph: Oxigraph, kg: KnowledgeGraph, fault: int | str,
                                           replace: bool) -> None:
    # Batches of 500: the provenance graph goes in eight requests; the third graph write fails
    # once. With "forward-drop" the server stored that batch but the client never heard so, and
    # sends it again.
    with Proxy(oxigraph.port, rules=[(nth_write(3), fault)]) as proxy, make_client(env={}) as http:
        report = push(kg, f"{proxy.base}/query", graph_store=f"{proxy.base}/store", update=f"{proxy.base}/update",
                      batch=500, replace=replace, client=http)
        seen = proxy.seen
    assert report.ok
    assert {c.graph: (c.local, c.remote) for c in report.graphs} == {g: (n, n) for g, n in local_counts(kg).items()}
    writes = [(s.method, s.path, s.body) for s in seen if s.path.startswith("/store")]
    assert writes[2] == writes[3], "the failed request was not sent again"
    assert len(writes) == len(set(writes)) + 1  # sent twice, once only
    assert server_counts(oxigraph.query_url) == local_counts(kg)


def test_a_client_error_is_not_retried(oxigraph: Oxigraph, kg: KnowledgeGraph) -> None:
    # The first request lists the server's graphs; the second, the first write, gets a 400.
    with Proxy(oxigraph.port, faults=[None, 400]) as proxy, make_client(env={}) as http:
        started = time.monotonic()
        with pytest.raises(RemoteError, match=r"/store answered 400: test server: answering 400 on purpose"):
            push(kg, f"{proxy.base}/query", graph_store=f"{proxy.base}/store", client=http)
        assert time.monotonic() - started < 5
        assert len(proxy.seen) == 2


# ---------------------------------------------------------------- credentials


def basic_token(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_auth_is_sent_and_the_password_never_shown(runner: CliRunner, oxigraph: Oxigraph,
                                                         kg: KnowledgeGraph) -> None:
    with Proxy(oxigraph.port) as proxy:
        result = push_cli(runner, "--endpoint", f"{proxy.base}/query", "--graph-store", f"{proxy.base}/store",
                          env={"RKG_USER": "alice", "RKG_PASSWORD": SECRET})
        seen = proxy.seen
    assert_verified(result, kg)
    assert seen and {s.authorization for s in seen} == {f"Basic {basic_token('alice', SECRET)}"}
    for text in (result.stdout, result.stderr, result.output):
        assert SECRET not in text
        assert basic_token("alice", SECRET) not in text


@pytest.mark.parametrize(("status", "headers"), [
    (401, {"WWW-Authenticate": 'Basic realm="test"'}),
    (403, {}),
    (500, {}),
])
def test_the_password_is_not_in_error_messages(runner: CliRunner, status: int, headers: dict[str, str]) -> None:
    body = b"refused: wrong credentials\n"
    with Recorder(status, body, headers) as recorder:
        env = {"RKG_USER": "alice", "RKG_PASSWORD": SECRET}
        result = push_cli(runner, "--endpoint", f"{recorder.base}/query", "--graph-store", f"{recorder.base}/store",
                          env=env)
        assert result.exit_code == 2
        # The first request asks the query endpoint which graphs the server holds.
        assert f"{recorder.base}/query answered {status}" in result.output
        with make_client(env=env) as http, pytest.raises(RemoteError) as caught:
            push(load_graph(), f"{recorder.base}/query", graph_store=f"{recorder.base}/store", client=http)
        seen = recorder.seen
    assert seen[0].authorization == f"Basic {basic_token('alice', SECRET)}"
    texts = [result.stdout, result.stderr, result.output, str(caught.value), repr(caught.value)]
    cause: BaseException | None = caught.value
    while cause is not None:
        texts += [str(cause), repr(cause), *map(str, cause.args)]
        cause = cause.__cause__ or cause.__context__
    for text in texts:
        assert SECRET not in text
        assert basic_token("alice", SECRET) not in text


def test_a_bearer_token_is_sent_and_not_shown(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph) -> None:
    with Proxy(oxigraph.port) as proxy:
        result = push_cli(runner, "--endpoint", f"{proxy.base}/query", "--graph-store", f"{proxy.base}/store",
                          env={"RKG_TOKEN": SECRET})
        seen = proxy.seen
    assert_verified(result, kg)
    assert {s.authorization for s in seen} == {f"Bearer {SECRET}"}
    assert SECRET not in result.output


# ---------------------------------------------------------------- Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(servers.virtuoso(tmp_path_factory.mktemp("virtuoso")))
        except servers.Unavailable as exc:
            unavailable(f"cannot start Virtuoso: {exc}")
        yield server


XSD_BOOLEAN = v.XSD + "boolean"
XSD_INTEGER = v.XSD + "integer"
XSD_DOUBLE = v.XSD + "double"
XSD_FLOAT = v.XSD + "float"


def rows(result: QueryResult, boolean_columns: set[str]) -> list[tuple[str, ...]]:
    """The rows as sorted tuples of comparable strings.

    Virtuoso 7.2 answers the same solutions as Oxigraph, but (1) in another order where ORDER BY
    compares literals in different languages (the evidence query: SPARQL leaves that order to
    the engine), and (2) with booleans in other forms: a stored ``"true"^^xsd:boolean`` comes
    back as ``"1"^^xsd:boolean``, and a computed one (``BIND(?a = ?b AS ?x)``, ``EXISTS``) as
    ``"1"^^xsd:integer``, and (3) with doubles printed to six significant digits
    (``0.7051282051282051`` comes back as ``0.705128``, in every results format, though the
    stored value is exact: ``STR(?v)`` and ``FILTER(?v = 0.7051282051282051e0)`` show it). So
    rows are compared as sorted lists, a boolean by its value, a 0/1 integer as a boolean in a
    column that holds booleans locally, and a double to six significant digits."""
    def key(name: str, term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.Literal):
            boolean = term.datatype.value == XSD_BOOLEAN or (
                name in boolean_columns and term.datatype.value == XSD_INTEGER and term.value in ("0", "1"))
            if boolean:
                return f"boolean {term.value in ('true', '1')}"
            if term.datatype.value in (XSD_DOUBLE, XSD_FLOAT):
                return f"double {float(term.value):.6g}"
        return str(term)

    return sorted(tuple(key(n, row[n]) for n in result.variables) for row in result.rows)


def boolean_columns(result: QueryResult) -> set[str]:
    return {
        name for name in result.variables
        if any(row[name] is not None for row in result.rows)
        and all(isinstance(row[name], ox.Literal) and row[name].datatype.value == XSD_BOOLEAN  # type: ignore[union-attr]
                for row in result.rows if row[name] is not None)
    }


@pytest.mark.virtuoso
def test_virtuoso_needs_digest_auth_to_push(runner: CliRunner, virtuoso: Virtuoso) -> None:
    args = ["--endpoint", virtuoso.sparql, "--graph-store", virtuoso.graph_store, "--graph", "curated"]
    anonymous = push_cli(runner, *args)
    assert anonymous.exit_code == 2
    assert f"{virtuoso.graph_store} answered 401" in anonymous.output
    basic = push_cli(runner, *args, env={"RKG_USER": virtuoso.user, "RKG_PASSWORD": virtuoso.password})
    assert basic.exit_code == 2
    assert "answered 401" in basic.output  # Basic is not enough: Virtuoso wants Digest here


@pytest.mark.virtuoso
def test_every_named_query_answers_the_same_through_virtuoso(runner: CliRunner, virtuoso: Virtuoso,
                                                             analysis_trig: Path) -> None:
    kg = load_graph([analysis_trig])
    args = ["--endpoint", virtuoso.sparql, "--graph-store", virtuoso.graph_store, "--data", str(analysis_trig)]
    # --replace: an instance started outside the tests may hold an earlier push.
    for _ in range(2):
        result = push_cli(runner, *args, "--replace", "--update", virtuoso.update_url, env=virtuoso.push_env())
        assert_verified(result, kg)
        counts = server_counts(virtuoso.sparql)
        assert {g: counts.get(g) for g in kg.graph_names()} == local_counts(kg)
    merged = push_cli(runner, *args, env=virtuoso.push_env())
    assert_verified(merged, kg)  # merging the same triples again adds none
    with make_client(env={}) as http:
        for name in QUERY_NAMES:
            text = get_query(name).text
            local = query(kg, text)
            served = remote_query(virtuoso.sparql, text, client=http)
            assert served.variables == local.variables, name
            assert len(local.rows) > 0, f"{name} returns no rows: the comparison proves nothing"
            columns = boolean_columns(local)
            assert rows(served, columns) == rows(local, columns), f"{name}: Virtuoso answers differently"


@pytest.mark.virtuoso
def test_virtuoso_query_cli_round_trip(runner: CliRunner, virtuoso: Virtuoso, analysis_trig: Path) -> None:
    # The participants table has no booleans and a total order: byte for byte the same CSV.
    kg = load_graph([analysis_trig])
    assert_verified(push_cli(runner, "--endpoint", virtuoso.sparql, "--graph-store", virtuoso.graph_store,
                             "--data", str(analysis_trig), "--replace", "--update", virtuoso.update_url,
                             env=virtuoso.push_env()), kg)
    for name in ("participants", "actors", "pillar-issues"):
        assert cli_query(runner, name, "--endpoint", virtuoso.sparql) == cli_query(runner, name), name


@pytest.mark.virtuoso
def test_analyze_and_viz_read_back_from_virtuoso(runner: CliRunner, virtuoso: Virtuoso, kg: KnowledgeGraph,
                                                 tmp_path: Path) -> None:
    assert_verified(push_cli(runner, "--endpoint", virtuoso.sparql, "--graph-store", virtuoso.graph_store,
                             "--replace", "--update", virtuoso.update_url, env=virtuoso.push_env()), kg)
    assert_reads_back(runner, virtuoso.sparql, tmp_path)


@pytest.mark.virtuoso
def test_load_remote_copies_every_quad_from_virtuoso(runner: CliRunner, virtuoso: Virtuoso,
                                                     bulk_ttl: Path) -> None:
    kg = load_graph([bulk_ttl])
    assert_verified(push_cli(runner, "--endpoint", virtuoso.sparql, "--graph-store", virtuoso.graph_store,
                             "--data", str(bulk_ttl), "--replace", "--update", virtuoso.update_url,
                             env=virtuoso.push_env()), kg)
    with make_client(env={}) as http:
        copied = load_remote(virtuoso.sparql, client=http)
    # Virtuoso's own graphs (its ontologies, its settings) come along too; ours must be complete.
    assert {g: n for g, n in local_counts(copied).items() if g in local_counts(kg)} == local_counts(kg)


# ---------------------------------------------------------------- atomic replace, verified merge


@dataclass
class Target:
    """Where a test pushes to: one of the real servers, with what a push needs there."""

    query_url: str
    store_url: str
    update_url: str
    port: int
    env: dict[str, str]
    digest: bool

    def args(self, base: str | None = None) -> list[str]:
        """The push options; through ``base`` (a proxy) for the writes, if given."""
        def via(url: str) -> str:
            return url if base is None else base + url.split(f":{self.port}", 1)[1]

        return ["--endpoint", self.query_url, "--graph-store", via(self.store_url), "--update", via(self.update_url)]


def target(request: pytest.FixtureRequest, name: str) -> Target:
    if name == "oxigraph":
        ox_server: Oxigraph = request.getfixturevalue("oxigraph")
        return Target(ox_server.query_url, ox_server.store_url, ox_server.update_url, ox_server.port, {}, False)
    vt: Virtuoso = request.getfixturevalue("virtuoso")
    port = int(vt.base.rsplit(":", 1)[1])
    return Target(vt.sparql, vt.graph_store, vt.update_url, port, vt.push_env(), True)


def nth_store_write(n: int, *, signed: bool) -> Callable[[Seen], bool]:
    """The ``n``-th write to a Graph Store (with ``signed``, only those carrying credentials: a
    Digest client's first request is an unsigned one that gets the challenge)."""
    writes = [0]

    def test(seen: Seen) -> bool:
        if seen.method not in ("PUT", "POST") or "graph" not in seen.path or (signed and not seen.authorization):
            return False
        writes[0] += 1
        return writes[0] == n

    return test


def ours(counts: dict[str, int]) -> dict[str, int]:
    """The bundled graphs' counts (a shared Virtuoso also holds graphs other tests pushed)."""
    return {g: n for g, n in counts.items() if g in BUNDLED_GRAPHS}


def staging(counts: dict[str, int]) -> dict[str, int]:
    return {g: n for g, n in counts.items() if g.startswith(v.STAGING)}


def has_extra(query_url: str) -> bool:
    with httpx.Client(timeout=30.0) as http:
        response = http.post(query_url, headers={"Accept": "application/sparql-results+json"}, data={
            "query": "ASK { GRAPH ?g { <https://w3id.org/resilience-kg/id/push-test> ?p ?o } }"})
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def union_count(query_url: str) -> int:
    """Triples in the union of the server's graphs, as ``query --endpoint`` sees it."""
    with make_client(env={}) as http:
        union = remote_query(query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", client=http)
    return int(union.rows[0]["n"].value)  # type: ignore[union-attr]


@pytest.mark.parametrize("server", ["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def test_a_replace_killed_half_way_leaves_the_published_graphs_whole(
        runner: CliRunner, request: pytest.FixtureRequest, kg: KnowledgeGraph, tmp_path: Path, server: str) -> None:
    # Regression: killed after its first batch, `push --replace` left 2,000 of 269,746 triples on
    # the server, and readers saw the partial graph during every push.
    to = target(request, server)
    extra = write(tmp_path / "extra.trig", EXTRA_REPORT_TRIPLE)
    old_kg = load_graph([extra])
    assert_verified(push_cli(runner, *to.args(), "--replace", "--data", str(extra), env=to.env), old_kg)
    old = ours(server_counts(to.query_url))
    assert old == local_counts(old_kg) and has_extra(to.query_url)
    union_before = union_count(to.query_url)
    # The new push goes through a proxy that holds its second graph write (the first batch of
    # the ontology graph, after the whole curated graph went in: a batch holds all of it): then
    # it is killed.
    with Proxy(to.port, rules=[(nth_store_write(2, signed=to.digest), "hold")]) as proxy:
        pushing = servers.spawn(kg_command("push", *to.args(proxy.base), "--replace", "--batch", "200"),
                                log_dir=tmp_path / "logs", name="push", env={**clean_env(), **to.env})
        try:
            proxy.wait_holding()
            during = server_counts(to.query_url)
            assert ours(during) == old, "readers see a half-pushed graph"
            assert list(staging(during).values()) == [local_counts(kg)[v.CURATED_GRAPH]], during
            # The library's own readers leave staging graphs out of the union they query.
            assert union_count(to.query_url) == union_before
        finally:
            pushing.stop(signal.SIGKILL)
    after_kill = server_counts(to.query_url)
    assert ours(after_kill) == old and has_extra(to.query_url)
    assert staging(after_kill), "the killed push left no staging graph: it was not killed half-way"
    # The next push drops the leftover and replaces the graphs.
    again = push_cli(runner, *to.args(), "--replace", env=to.env)
    assert_verified(again, kg)
    assert "dropped 1 staging graph(s) left by an earlier push" in again.stdout
    final = server_counts(to.query_url)
    assert ours(final) == local_counts(kg) and not staging(final) and not has_extra(to.query_url)


@pytest.mark.parametrize("replace", [False, True], ids=["merge", "replace"])
def test_a_triple_lost_on_the_way_fails_the_push(runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph,
                                                 tmp_path: Path, replace: bool) -> None:
    # Regression: merge mode said "verified" whenever the server held at least as many triples
    # as were sent, so a triple lost where the server held another one went unseen.
    extra = write(tmp_path / "extra.trig", EXTRA_REPORT_TRIPLE)
    args = ["--endpoint", oxigraph.query_url, "--update", oxigraph.update_url]
    # The server holds one triple of the report graph that the push does not send.
    assert_verified(push_cli(runner, *args, "--graph-store", oxigraph.store_url, "--data", str(extra), "--no-bundled"),
                    load_graph([extra], bundled=False))
    before = server_counts(oxigraph.query_url)
    report_graph = lambda seen: seen.method in ("PUT", "POST") and "report" in seen.path  # noqa: E731
    with Proxy(oxigraph.port, rules=[(report_graph, "lose-last-line")]) as proxy:
        result = push_cli(runner, *args, "--graph-store", f"{proxy.base}/store", *(["--replace"] if replace else []))
    assert result.exit_code == 1, result.output
    assert "MISMATCH: the server lacks triples that were sent" in result.stdout
    assert printed_missing(result.stdout)[v.REPORT_GRAPH] == 1
    assert re.search(rf"^missing in {re.escape(v.REPORT_GRAPH)}: <", result.stdout, re.M), result.stdout
    assert "Traceback" not in result.output
    after = server_counts(oxigraph.query_url)
    if replace:  # nothing was swapped in, and no staging graph is left behind
        assert after == before
    else:  # the count alone would have passed: the extra triple makes up for the lost one
        # The server held the extra triple only; now it holds that one plus all sent but one.
        assert before[v.REPORT_GRAPH] == 1
        assert after[v.REPORT_GRAPH] == local_counts(kg)[v.REPORT_GRAPH]


def test_replace_without_an_update_endpoint_changes_nothing_and_says_what_to_give(
        runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph) -> None:
    assert_verified(push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url), kg)
    before = server_counts(oxigraph.query_url)
    # --update defaults to --endpoint, and Oxigraph's /query takes no updates.
    result = push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url, "--replace")
    assert result.exit_code == 2, result.output
    assert "give the update endpoint with --update" in result.output
    assert server_counts(oxigraph.query_url) == before


def test_push_mismatch_is_its_own_exception(oxigraph: Oxigraph, kg: KnowledgeGraph) -> None:
    report_graph = lambda seen: seen.method == "PUT" and "report" in seen.path  # noqa: E731
    with Proxy(oxigraph.port, rules=[(report_graph, "lose-last-line")]) as proxy, make_client(env={}) as http, \
            pytest.raises(PushMismatch) as caught:
        push(kg, oxigraph.query_url, graph_store=f"{proxy.base}/store", update=oxigraph.update_url, replace=True,
             client=http)
    report = caught.value.report
    assert isinstance(report, PushReport) and not report.ok
    assert {g.graph: g.missing for g in report.graphs if g.missing} == {v.REPORT_GRAPH: 1}
    assert not staging(server_counts(oxigraph.query_url))


# ---------------------------------------------------------------- credentials in URLs


def with_userinfo(url: str, user: str = "alice", password: str = SECRET) -> str:
    return url.replace("://", f"://{user}:{password}@", 1)


def test_credentials_in_a_url_are_sent_as_auth_and_never_shown(runner: CliRunner, oxigraph: Oxigraph,
                                                               kg: KnowledgeGraph,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with Proxy(oxigraph.port) as proxy:
        result = push_cli(runner, "--endpoint", with_userinfo(f"{proxy.base}/query"),
                          "--graph-store", with_userinfo(f"{proxy.base}/store"),
                          "--update", with_userinfo(f"{proxy.base}/update"), "--replace")
        seen = proxy.seen
    assert_verified(result, kg)
    assert {s.authorization for s in seen} == {f"Basic {basic_token('alice', SECRET)}"}
    assert all("alice" not in s.path and SECRET not in s.path for s in seen)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "HTTP Request" in logged  # httpx logged its requests: and the URLs in them are clean
    for text in (result.output, logged):
        assert SECRET not in text and basic_token("alice", SECRET) not in text


@pytest.mark.parametrize("status", [401, 500])
def test_credentials_in_a_url_are_not_in_error_messages(runner: CliRunner, status: int) -> None:
    with Recorder(status, f"denied {SECRET}\n".encode()) as recorder:
        for command in (["push", "--endpoint", with_userinfo(f"{recorder.base}/query"),
                         "--graph-store", with_userinfo(f"{recorder.base}/store")],
                        ["query", "-n", "actors", "--endpoint", with_userinfo(f"{recorder.base}/query")],
                        ["analyze", "--endpoint", with_userinfo(f"{recorder.base}/query")]):
            result = runner.invoke(main, command, env=clean_env())
            assert result.exit_code == 2, result.output
            assert f"http://***@127.0.0.1:{recorder.port}/query answered {status}" not in result.output
            assert f"127.0.0.1:{recorder.port}/query answered {status}: denied ***" in result.output
            assert SECRET not in result.output and "alice:" not in result.output
    nowhere = with_userinfo(f"http://127.0.0.1:{servers.free_port()}/query")
    result = runner.invoke(main, ["query", "-n", "actors", "--endpoint", nowhere], env=clean_env())
    assert result.exit_code == 2 and "cannot reach" in result.output
    assert SECRET not in result.output and "alice:" not in result.output


def test_staging_graphs_left_behind_are_dropped_by_the_next_push(runner: CliRunner, oxigraph: Oxigraph,
                                                                 kg: KnowledgeGraph) -> None:
    now = datetime.now(UTC)
    recent, old = (t.strftime("%Y%m%dT%H%M%SZ") for t in (now - timedelta(minutes=5), now - timedelta(days=2)))
    leftovers = {
        staging_graph(v.CURATED_GRAPH, stamp=recent, token="aa11"): True,   # for a graph pushed now
        staging_graph(v.REPORT_GRAPH, stamp=old, token="bb22"): True,       # stale, whoever left it
        staging_graph(v.REPORT_GRAPH, stamp=recent, token="cc33"): False,   # maybe a push under way
    }
    with httpx.Client(timeout=30.0) as http:
        for graph in leftovers:
            response = http.post(oxigraph.store_url, params={"graph": graph}, headers={
                "Content-Type": "application/n-triples"}, content=b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
            assert response.status_code < 300, response.text
    # A merge push (through the Graph Store: DELETE) of the curated graph alone.
    result = push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                      "--graph", "curated")
    assert result.exit_code == 0, result.output
    assert "dropped 2 staging graph(s) left by an earlier push" in result.stdout
    assert set(staging(server_counts(oxigraph.query_url))) == {g for g, gone in leftovers.items() if not gone}
    # Through SPARQL Update (a replace), the last one goes once the report graph is pushed.
    assert_verified(push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                             "--update", oxigraph.update_url, "--replace"), kg)
    assert not staging(server_counts(oxigraph.query_url))


def test_a_replace_that_fails_half_way_changes_nothing_and_leaves_no_staging(
        runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph, tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.trig", EXTRA_REPORT_TRIPLE)
    args = ["--endpoint", oxigraph.query_url, "--update", oxigraph.update_url]
    assert_verified(push_cli(runner, *args, "--graph-store", oxigraph.store_url, "--data", str(extra)),
                    load_graph([extra]))
    before = server_counts(oxigraph.query_url)
    with Proxy(oxigraph.port, rules=[(nth_store_write(3, signed=False), 400)]) as proxy:
        result = push_cli(runner, *args, "--graph-store", f"{proxy.base}/store", "--replace", "--batch", "100")
    assert result.exit_code == 2, result.output
    assert "answered 400" in result.output
    assert server_counts(oxigraph.query_url) == before  # no staging graph either
    assert has_extra(oxigraph.query_url)


def is_swap(seen: Seen) -> bool:
    """The request of a replace that swaps the staging graphs in."""
    return seen.path.startswith("/update") and seen.body.startswith(b"DELETE {")


@pytest.mark.parametrize("fault", ["forward-drop", "drop", 503])
def test_a_swap_whose_answer_is_lost_is_sent_again_safely(oxigraph: Oxigraph, kg: KnowledgeGraph,
                                                          fault: str | int) -> None:
    # The swap writes the difference between the staging graph and the published one: sent a
    # second time (its answer lost, "forward-drop": the server did it), it changes nothing.
    with Proxy(oxigraph.port, rules=[(is_swap, fault)]) as proxy, make_client(env={}) as http:
        report = push(kg, oxigraph.query_url, graph_store=oxigraph.store_url, update=f"{proxy.base}/update",
                      replace=True, client=http)
        swaps = [s for s in proxy.seen if is_swap(s)]
    assert report.ok
    assert len(swaps) == 2 and swaps[0].body == swaps[1].body
    assert ours(server_counts(oxigraph.query_url)) == local_counts(kg)
    assert not staging(server_counts(oxigraph.query_url))


def test_a_swap_the_server_refuses_leaves_the_published_graphs_and_no_staging(
        runner: CliRunner, oxigraph: Oxigraph, kg: KnowledgeGraph, tmp_path: Path) -> None:
    # As Virtuoso does when one transaction would be too large ("SR171: Transaction timed out").
    extra = write(tmp_path / "extra.trig", EXTRA_REPORT_TRIPLE)
    assert_verified(push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                             "--data", str(extra)), load_graph([extra]))
    before = server_counts(oxigraph.query_url)
    with Proxy(oxigraph.port, rules=[(is_swap, 500)]) as proxy:
        result = push_cli(runner, "--endpoint", oxigraph.query_url, "--graph-store", oxigraph.store_url,
                          "--update", f"{proxy.base}/update", "--replace")
        swaps = [s for s in proxy.seen if is_swap(s)]
    assert result.exit_code == 2, result.output
    assert "answered 500" in result.output and "the published graphs are as they were" in result.output
    assert len(swaps) == 1  # a refusal is not retried
    assert server_counts(oxigraph.query_url) == before and has_extra(oxigraph.query_url)
