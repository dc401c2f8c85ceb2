"""The endpoint's query workers (:mod:`resilience_kg.sparql.pool`) and the server's execution path:
the jail holds there too with the guard switched off, a runaway is killed and replaced while the
next query answers, memory and answer size are bounded, a rebuilt store is picked up, and
``serve`` reports its health, logs requests without their queries and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import extra
from helpers.listener import Listener
from helpers.servers import serve
from test_jail import CARTESIAN, DOUBLING, PILLARS, RUNAWAY, many_open_files, needs_jail, service

from resilience_kg.errors import QueryError, QueryMemoryError, QueryTimeout, ResultTooLarge
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.store import open_store, save_store
from resilience_kg.server.app import create_app
from resilience_kg.sparql import guard as guard_module
from resilience_kg.sparql import query as query_module
from resilience_kg.sparql.pool import QueryPool

httpx = extra("httpx", extra="client")
extra("starlette", extra="server")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient` is deprecated")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.server

__all__ = ["many_open_files"]  # a fixture, used by name below

SPARQL_JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def pool() -> Iterator[QueryPool]:
    """Two workers over the bundled graph, with a low memory limit and a 1 MiB answer cap."""
    with QueryPool(load_graph(), workers=2, memory=256 << 20, max_result=1 << 20) as running:
        yield running


def alive(pid: int) -> bool:
    """True if ``pid`` runs (a zombie waiting to be reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def pillars(result_rows: list[dict[str, ox.Literal]]) -> list[str]:
    return [row["n"].value for row in result_rows]  # type: ignore[union-attr]


# ---------------------------------------------------------------- the jail, through the server's path


@needs_jail
def test_a_worker_without_the_guard_cannot_connect(pool: QueryPool, listener: Listener) -> None:
    """A text handed to a worker as already checked (the guard does not run): the jail stops it."""
    with pytest.raises(QueryError, match="Permission denied"):
        pool.run(service(listener.port), form="SELECT", fmt="json", bindings={}, timeout=10)
    assert pool.query(PILLARS).rows
    assert listener.close() == 0, "the query process connected to the SERVICE target"


@needs_jail
def test_the_server_path_without_the_guard_cannot_connect(kg: KnowledgeGraph, listener: Listener,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a pool each request is checked and answered in a forked child: with the guard
    switched off there, the jail still holds."""
    monkeypatch.setattr(guard_module, "check_query", lambda text, **_: "SELECT")
    app = create_app(kg, timeout=10)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        response = client.get("/sparql", params={"query": service(listener.port)},
                              headers={"Accept": SPARQL_JSON})
        assert response.status_code == 400, response.text
        assert "Permission denied" in response.text
        after = client.get("/sparql", params={"query": PILLARS}, headers={"Accept": SPARQL_JSON})
        assert after.status_code == 200
    assert listener.close() == 0, "the query process connected to the SERVICE target"


def test_pool_workers_report_the_jail_in_place(pool: QueryPool) -> None:
    assert pool.health()["network_jail"] is True


# ---------------------------------------------------------------- answers and limits


def test_pool_answers_as_the_library_does(pool: QueryPool, kg: KnowledgeGraph) -> None:
    assert pillars(pool.query(PILLARS).rows) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]
    for fmt in ("csv", "json", "xml", "tsv", "table"):
        assert pool.query(PILLARS, fmt=fmt).payload == query_module.query(kg, PILLARS, fmt=fmt).payload
    construct = "CONSTRUCT { ?a rkg:participatedIn ?e } WHERE { ?a rkg:participatedIn ?e }"
    assert pool.query(construct, fmt="turtle").payload == query_module.query(kg, construct, fmt="turtle").payload
    bound = pool.query("SELECT ?p ?n WHERE { ?p skos:notation ?n }", params={"n": "SIAP"})
    assert bound.rows[0]["p"].value == "https://w3id.org/resilience-kg/id/jakarta-siap"  # type: ignore[union-attr]


def test_a_runaway_worker_is_killed_and_replaced(pool: QueryPool) -> None:
    busy_before = {w.pid for w in pool._idle}
    replaced = pool.health()["replaced"]
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        pool.query(RUNAWAY, timeout=1)
    assert time.monotonic() - started < 5
    assert pillars(pool.query(PILLARS).rows) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]
    state = pool.health()
    assert state["replaced"] == replaced + 1 and state["workers"] == 2 and state["idle"] == 2
    gone = busy_before - {w.pid for w in pool._idle}
    assert len(gone) == 1
    time.sleep(1.5)  # the zygote reaps within a second
    assert not alive(gone.pop())


def test_a_worker_out_of_memory_is_replaced(pool: QueryPool) -> None:
    with pytest.raises(QueryMemoryError, match="used more than 256 MiB"):
        pool.query(DOUBLING, timeout=60)
    assert pillars(pool.query(PILLARS).rows) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]
    assert pool.health()["workers"] == 2


def test_a_large_answer_is_refused_by_the_worker(pool: QueryPool) -> None:
    with pytest.raises(ResultTooLarge, match="larger than 1 MiB and was not sent"):
        pool.query(CARTESIAN, fmt="csv", timeout=60)
    assert pool.health()["workers"] == 2


def test_the_server_path_reports_the_limits(pool: QueryPool, kg: KnowledgeGraph) -> None:
    with TestClient(create_app(kg, pool=pool, timeout=60), base_url="http://127.0.0.1") as client:
        memory = client.get("/sparql", params={"query": DOUBLING}, headers={"Accept": SPARQL_JSON})
        assert memory.status_code == 503 and "used more than 256 MiB" in memory.text
        large = client.get("/sparql", params={"query": CARTESIAN}, headers={"Accept": "text/csv"})
        assert large.status_code == 400 and "larger than 1 MiB" in large.text
        page = client.get("/sparql", params={"query": PILLARS, "format": "html"})
        assert page.status_code == 200 and "<td>SIAP</td>" in page.text


def test_the_pool_works_with_more_than_1024_open_files(pool: QueryPool, many_open_files: list[int]) -> None:
    with QueryPool(load_graph(), workers=1) as high:
        assert high._idle[0].replies > 1024
        assert pillars(high.query(PILLARS).rows) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]
        with pytest.raises(QueryTimeout):
            high.query(RUNAWAY, timeout=1)
        assert pillars(high.query(PILLARS).rows) == ["SEHAT", "SIAP", "TERHUBUNG"]  # type: ignore[arg-type]


def test_a_rebuilt_store_is_picked_up(tmp_path: Path) -> None:
    kg = load_graph()
    save_store(kg, tmp_path / "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with QueryPool(open_store(tmp_path / "store"), workers=2) as pool:
        before = int(pool.query(count).rows[0]["n"].value)  # type: ignore[union-attr]
        kg.store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("new"),
                             ox.NamedNode("urn:x:g")))
        save_store(kg, tmp_path / "store")  # build --store again: the folder is swapped
        time.sleep(1.1)  # the store is looked at once a second
        assert int(pool.query(count).rows[0]["n"].value) == before + 1  # type: ignore[union-attr]
        assert pool.health()["generation"] == 1


def test_a_closed_pool_leaves_no_process() -> None:
    pool = QueryPool(load_graph(), workers=2).start()
    zygote = pool._zygote
    assert zygote is not None
    workers = [w.pid for w in pool._idle]
    pool.close()
    assert zygote.returncode is not None
    assert not any(alive(pid) for pid in workers)
    with pytest.raises(QueryError, match="closed"):
        pool.query(PILLARS)


# ---------------------------------------------------------------- serve: workers, health, log, shutdown


def test_serve_health_access_log_and_graceful_stop(tmp_path: Path) -> None:
    with serve("--workers", "3", "--timeout", "1", "--access-log", log_dir=tmp_path) as running, \
            httpx.Client(timeout=30.0) as http:
        health = http.get(f"{running.base}/health")
        assert health.status_code == 200
        state = health.json()
        assert state["status"] == "ok" and state["workers"] == 3 and state["network_jail"] is True
        foreign = http.get(f"{running.base}/health", headers={"Host": "evil.example"})
        assert foreign.status_code == 403  # a rebound DNS name learns nothing
        secret = "SELECT ?secret_marker WHERE { ?secret_marker a rkg:Pillar }"
        assert http.get(running.url, params={"query": secret}).status_code == 200
        assert http.get(running.url, params={"query": RUNAWAY}).status_code == 503
        assert http.get(f"{running.base}/health").json()["replaced"] == 1
        assert http.get(running.url, params={"query": PILLARS}).status_code == 200
        os.killpg(running.process.pid, signal.SIGTERM)
        assert running.process.wait(30) == 0
        assert "stopped." in running.process.stdout()
        with pytest.raises(ProcessLookupError):  # the zygote and the workers are gone too
            os.killpg(running.process.pid, 0)
        lines = [json.loads(line) for line in running.process.stderr().splitlines() if line.startswith("{")]
        assert {"path": "/sparql", "status": 503} in [{"path": x["path"], "status": x["status"]} for x in lines]
        assert all({"time", "client", "method", "path", "status", "bytes", "ms"} <= set(x) for x in lines)
        assert "secret_marker" not in running.process.stderr()


def test_more_requests_than_workers_wait_their_turn(kg: KnowledgeGraph) -> None:
    import asyncio

    async def ask_many(app: object) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return list(await asyncio.gather(*[
                client.get("/sparql", params={"query": PILLARS}, headers={"Accept": "text/csv"}) for _ in range(12)]))

    with QueryPool(kg, workers=1) as single:
        responses = asyncio.run(ask_many(create_app(kg, pool=single, max_concurrent=12, timeout=30)))
        assert [r.status_code for r in responses] == [200] * 12
        assert {r.text for r in responses} == {"n\r\nSEHAT\r\nSIAP\r\nTERHUBUNG\r\n"}
        assert single.health()["served"] == 12
