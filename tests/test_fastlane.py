"""The fast lane (:mod:`resilience_kg.sparql.fastlane`): quick queries answered on the jailed
event-loop thread, everything else by the workers.

- Only a query a worker answered quickly and briefly is remembered; a runaway never is, and is
  still stopped at the timeout however often it comes back.
- The lane answers as the workers do, opens only on a thread refused the network (SERVICE
  cannot connect from there either), forgets everything when the store is rebuilt, and holds a
  bounded number of texts.
- Through ``serve``: repeated queries are answered by the lane (``/health`` counts them) with
  the same bytes as the first answer.

The jailed thread is a fresh one in each test: the filter cannot be lifted, and ends with it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from helpers.listener import Listener
from helpers.servers import serve
from test_jail import PILLARS, RUNAWAY, needs_jail, service

from resilience_kg.errors import QueryTimeout
from resilience_kg.graph.dataset import load_graph
from resilience_kg.graph.store import open_store, save_store
from resilience_kg.sparql import fastlane
from resilience_kg.sparql.fastlane import FastLane
from resilience_kg.sparql.pool import QueryPool
from resilience_kg.sparql.query import answer

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def on_jailed_thread(work: Callable[[FastLane], Any], lane: FastLane) -> Any:
    """``work(lane)`` on a new thread that has opened ``lane`` (refused itself the network)."""
    out: dict[str, Any] = {}

    def body() -> None:
        try:
            reason = lane.jail_this_thread()
            assert reason is None, reason
            out["value"] = work(lane)
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=body)
    thread.start()
    thread.join(120)
    if "error" in out:
        raise out["error"]
    return out["value"]


def test_only_quick_small_answers_are_remembered() -> None:
    lane = FastLane(ox.Store())
    lane.learn("ASK {}", "ASK", "json", seconds=0.0001, size=30)
    lane.learn("slow", "SELECT", "json", seconds=fastlane.FAST * 2, size=30)
    lane.learn("big", "SELECT", "json", seconds=0.0001, size=fastlane.FAST_BYTES + 1)
    assert lane.knows("ASK {}", "json")
    assert not lane.knows("ASK {}", "csv"), "remembered per format"
    assert not lane.knows("slow", "json") and not lane.knows("big", "json")


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o FILTER(IF(RAND() < 0.01, true, false)) }",
    "SELECT ?t WHERE { BIND(now () AS ?t) }",
    "SELECT (STRUUID() AS ?u) {}", "SELECT (UUID() AS ?u) {}", "SELECT (bnode() AS ?b) {}",
    "ASK { FILTER(STRLEN(\"" + "x" * fastlane.LONGEST + "\") > 0) }",
])
def test_queries_whose_cost_may_change_or_that_are_too_long_are_never_remembered(text: str) -> None:
    lane = FastLane(ox.Store())
    lane.learn(text, "SELECT", "json", seconds=0.0001, size=30)
    assert not lane.knows(text, "json")


def test_the_lane_is_bounded_and_forgets_a_rebuilt_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastlane, "REMEMBERED", 3)
    lane = FastLane(ox.Store())
    for i in range(5):
        lane.learn(f"ASK {{ <urn:x:{i}> ?p ?o }}", "ASK", "json", seconds=0.0001, size=30)
    assert [lane.knows(f"ASK {{ <urn:x:{i}> ?p ?o }}", "json") for i in range(5)] == [False, False, True, True, True]
    lane.renew(1)
    assert not any(lane.knows(f"ASK {{ <urn:x:{i}> ?p ?o }}", "json") for i in range(5))


def test_the_lane_stays_closed_off_the_jailed_thread() -> None:
    lane = FastLane(load_graph().store)
    lane.learn(PILLARS, "SELECT", "json", seconds=0.0001, size=300)
    assert lane.run(PILLARS, "json", max_result=1 << 20) is None
    assert lane.health()["open"] is False


@needs_jail
@pytest.mark.parametrize(("text", "form", "fmt"), [
    (PILLARS, "SELECT", "csv"), (PILLARS, "SELECT", "tsv"), (PILLARS, "SELECT", "json"), (PILLARS, "SELECT", "xml"),
    (PILLARS, "SELECT", None), ("ASK { ?p a rkg:Pillar }", "ASK", "json"), ("ASK { ?p a rkg:Pillar }", "ASK", "csv"),
    ("CONSTRUCT WHERE { ?p a rkg:Pillar }", "CONSTRUCT", "turtle"),
])
def test_the_lane_answers_as_a_worker_does(text: str, form: str, fmt: str | None) -> None:
    kg = load_graph()
    lane = FastLane(kg.store)
    expected = answer(kg.store, text, form=form, fmt=fmt, bindings={}, max_result=1 << 20)
    lane.learn(text, form, fmt, seconds=0.0001, size=len(expected))
    got = on_jailed_thread(lambda ln: ln.run(text, fmt, max_result=1 << 20), lane)
    assert got == expected
    assert lane.served == 1


@needs_jail
def test_service_cannot_connect_from_the_lane_thread(listener: Listener) -> None:
    """The guard refuses SERVICE before anything runs; here it is bypassed on purpose, to show
    that the thread the lane answers on cannot reach the network either."""
    kg = load_graph()
    lane = FastLane(kg.store)
    text = service(listener.port)
    lane.learn(text, "SELECT", "json", seconds=0.0001, size=100)

    def attempt(ln: FastLane) -> tuple[object, str]:
        try:  # what the lane runs, without its fallback, to see the error itself
            answer(ln.store, text, form="SELECT", fmt="json", bindings={}, max_result=1 << 20)
            direct = "answered"
        except Exception as exc:
            direct = str(exc)
        return ln.run(text, "json", max_result=1 << 20), direct

    through_lane, direct = on_jailed_thread(attempt, lane)
    assert through_lane is None, "a failing query goes back to the workers"
    assert not lane.knows(text, "json"), "and is forgotten"
    assert "Permission denied" in direct, direct
    assert listener.close() == 0, "the lane's thread connected to the SERVICE target"


@needs_jail
def test_quick_queries_take_the_lane_and_runaways_never_do(tmp_path: Path) -> None:
    kg = load_graph()
    save_store(kg, tmp_path / "store")
    with QueryPool(open_store(tmp_path / "store"), workers=2) as pool:

        def scenario(lane: FastLane) -> dict[str, Any]:
            async def go() -> dict[str, Any]:
                first = await pool.arun(PILLARS, form="SELECT", fmt="csv", bindings={}, timeout=10)
                served_by_workers = pool.served
                second = await pool.arun(PILLARS, form="SELECT", fmt="csv", bindings={}, timeout=10)
                lane_answered = pool.served == served_by_workers and lane.served == 1
                timeouts = 0
                for _ in range(2):
                    try:
                        await pool.arun(RUNAWAY, form="SELECT", fmt="json", bindings={}, timeout=0.5)
                    except QueryTimeout:
                        timeouts += 1
                before = await pool.arun(COUNT, form="SELECT", fmt="csv", bindings={}, timeout=10)
                kg.store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("new"),
                                     ox.NamedNode("urn:x:g")))
                save_store(kg, tmp_path / "store")  # build --store again: the folder is swapped
                await asyncio.sleep(1.1)  # the store is looked at once a second
                after = await pool.arun(COUNT, form="SELECT", fmt="csv", bindings={}, timeout=10)
                return {"same": first == second, "lane": lane_answered, "timeouts": timeouts,
                        "runaway_known": lane.knows(RUNAWAY, "json"), "before": before, "after": after,
                        "generation": lane.generation}

            return asyncio.run(go())

        seen = on_jailed_thread(scenario, pool.lane)
    assert seen["same"] and seen["lane"], seen
    assert seen["timeouts"] == 2 and not seen["runaway_known"], seen
    count = lambda csv: int(csv.decode().split()[1])  # noqa: E731
    assert count(seen["after"]) == count(seen["before"]) + 1, "the lane saw the rebuilt store"
    assert seen["generation"] == 1


@pytest.mark.server
@needs_jail
def test_serve_answers_repeated_queries_from_the_lane(tmp_path: Path) -> None:
    with serve(log_dir=tmp_path) as running, httpx.Client(timeout=30.0) as http:
        answers = [http.get(running.url, params={"query": PILLARS}, headers={"Accept": "text/csv"})
                   for _ in range(5)]
        health = http.get(running.base + "/health").json()
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1, "the lane answers with the workers' bytes"
    assert health["fast_lane"]["open"] is True
    assert health["fast_lane"]["served"] >= 3, health
    assert health["served"] <= 2, health
