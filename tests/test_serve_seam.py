"""Every query of the server goes through one seam, which owns the deadline: a page whose own
queries run long is stopped like a client's query, with the same answer, while ``/health``
goes on answering. Real ``serve`` on loopback, real Oxigraph, a graph made slow on purpose.

The slow graph: one entity linked to another that has thousands of English and Indonesian
labels. The entity page asks for the labels of what it links to, in both languages, so the
query pairs every English label with every Indonesian one (millions of rows) before it groups
them: seconds of work for a page, as a graph could hold by accident.
"""

from __future__ import annotations

import html
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import extra
from helpers.servers import Served, serve

from resilience_kg.errors import QueryTimeout
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.server.app import create_app
from resilience_kg.server.executor import Executor

httpx = extra("httpx", extra="client")
extra("starlette", extra="server")

pytestmark = pytest.mark.server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABELS = 2000  # 2,000 x 2,000 label pairs: several seconds on any machine, against a 1 s deadline
STOPPED = "the query ran longer than 1 s and was stopped (raise --timeout to allow more)"
PREFIXES = """@prefix id: <https://w3id.org/resilience-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rkg: <https://w3id.org/resilience-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@pytest.fixture(scope="module")
def slow_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("seam") / "slow.ttl"
    lines = [PREFIXES, 'id:slow-page skos:prefLabel "Slow page"@en ; rkg:participatedIn id:many-names .']
    lines += [f'id:many-names skos:prefLabel "name {i}"@en ; rdfs:label "nama {i}"@id .' for i in range(LABELS)]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def slow(slow_data: Path) -> Iterator[Served]:
    """``serve`` over the slow graph, with a 1 s deadline."""
    with serve("--no-bundled", "--data", str(slow_data), "--timeout", "1", "--workers", "2",
               log_dir=slow_data.parent) as running:
        yield running


def test_a_slow_entity_page_is_stopped_with_the_query_pages_answer(slow: Served) -> None:
    with httpx.Client(timeout=60.0) as http:
        stopped_query = http.get(slow.url, params={"query": RUNAWAY})
        assert stopped_query.status_code == 503, stopped_query.text
        message = stopped_query.text.strip()
        assert message == STOPPED

        started = time.monotonic()
        page = http.get(f"{slow.base}/id/slow-page", headers={"Accept": "text/html"})
        elapsed = time.monotonic() - started
        assert page.status_code == 503, page.text[:500]
        assert page.headers["content-type"].startswith("text/html")
        assert html.unescape(page.text).count(message) == 1
        assert elapsed < 6, f"the page ran {elapsed:.1f} s past a 1 s timeout"
        # A link a person follows (?format=html) is stopped the same way.
        followed = http.get(f"{slow.base}/id/slow-page", params={"format": "html"})
        assert followed.status_code == 503 and message in html.unescape(followed.text)

        # The worker that ran it was replaced: the next pages and queries answer.
        assert http.get(f"{slow.base}/id/many-names", headers={"Accept": "text/turtle"}).status_code == 200
        after = http.get(slow.url, params={"query": "ASK { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
        assert after.status_code == 200 and after.json()["boolean"] is True
        assert slow.process.alive()


def test_health_answers_while_a_slow_page_runs(slow: Served) -> None:
    answered: list[float] = []
    page: list[httpx.Response] = []

    def ask_page() -> None:
        with httpx.Client(timeout=60.0) as http:
            page.append(http.get(f"{slow.base}/id/slow-page", headers={"Accept": "text/html"}))

    thread = threading.Thread(target=ask_page)
    started = time.monotonic()
    thread.start()
    with httpx.Client(timeout=10.0) as http:
        time.sleep(0.2)  # the page's query is running
        while thread.is_alive() and time.monotonic() - started < 30:
            asked = time.monotonic()
            health = http.get(f"{slow.base}/health")
            answered.append(time.monotonic() - asked)
            assert health.status_code == 200, health.text
            assert health.json()["status"] == "ok"
            time.sleep(0.05)
    thread.join(30)
    assert page and page[0].status_code == 503
    assert answered, "the page answered before /health was asked"
    assert max(answered) < 0.5, f"/health took {max(answered):.2f} s while a page's query ran"


def test_without_a_pool_a_slow_page_is_stopped_in_a_forked_child(slow_data: Path) -> None:
    """``create_app`` without workers (a notebook, a test) forks a child per query: the same
    seam, the same deadline, the same answer."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient` is deprecated")
        from starlette.testclient import TestClient

    app = create_app(load_graph([slow_data], bundled=False), timeout=1)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        started = time.monotonic()
        page = client.get("/id/slow-page", headers={"Accept": "text/html"})
        elapsed = time.monotonic() - started
        assert page.status_code == 503, page.text[:500]
        assert STOPPED in html.unescape(page.text)
        assert elapsed < 6, f"the page ran {elapsed:.1f} s past a 1 s timeout"
        described = client.get("/id/slow-page", headers={"Accept": "text/turtle"})
        assert described.status_code == 200 and "many-names" in described.text


def test_the_seam_binds_values_and_a_pages_queries_share_its_deadline(kg: KnowledgeGraph) -> None:
    """The executor alone (forked children, no pool): values are bound, never pasted, and a
    query asked after its page's deadline has passed is refused with the whole timeout named."""
    import anyio
    import pyoxigraph as ox

    run = Executor(kg, timeout=5)

    async def ask() -> None:
        rows = await run.select("SELECT ?p ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n")
        assert [r["n"].value for r in rows] == ["SEHAT", "SIAP", "TERHUBUNG"]
        hostile = ox.Literal('SIAP" } UNION { ?p ?q ?n')
        assert await run.select("SELECT ?p ?n WHERE { ?p skos:notation ?n }", n=hostile) == []
        assert await run.ask("ASK { ?p skos:notation ?n }", n=ox.Literal("SIAP"))
        deadline = run.deadline()
        assert deadline - time.monotonic() == pytest.approx(5, abs=0.5)
        with pytest.raises(QueryTimeout, match="longer than 5 s"):
            await run.ask("ASK { ?s ?p ?o }", deadline=time.monotonic() - 0.1)

    anyio.run(ask)
