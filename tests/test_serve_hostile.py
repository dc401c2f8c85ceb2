"""No request can freeze the server (issue 18): while each kind of hostile request is in progress,
``GET /health`` on another connection answers within 100 ms, every time.

One real ``serve`` on loopback, with small limits so that each attack reaches them quickly. Each
attacker binds its own loopback address (127.0.0.2 and up: any local user has all of 127/8; on a
network, each would be another machine); the probe asks from 127.0.0.1 every 50 ms, on a fresh
connection each time, from a process of its own (a slow try is asked again at once: see
:func:`probing`).

- runaway queries (query evaluation), the same text again and again (the fast lane, which ran a
  query it had seen answered quickly on the event loop, is gone: every run goes to a worker);
- an 858 KB body of nested groups and ambiguous '<' (the guard's work: in the query process);
- ``format=html`` over a cross join of millions of rows (a page shows the first 1,000);
- bodies sent a byte at a time (read before a query slot is taken, stopped by ``--body-timeout``);
- hundreds of connections with unfinished headers from one address (``--max-connections-per-client``);
- a chain of 7,000 operators (refused by the guard; it used to kill a worker with SIGSEGV).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import extra
from helpers.servers import Served, serve

httpx = extra("httpx", extra="client")

pytestmark = pytest.mark.server

PILLARS = "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
# The report's guard attack: 55 nested groups, then ambiguous '<' up to 858 KB.
GUARD_BOMB = "SELECT * WHERE " + "{" * 55 + "FILTER(" + "(?o<a#> ?x) " * 71_500 + ")" + "}" * 55
CHAIN = "SELECT ({} AS ?x) {{}}".format("+".join(["1"] * 7000))
#: What a probe may take: the principle of issue 18.
HEALTH_WITHIN = 0.100


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve("--workers", "2", "--timeout", "3", "--queue-timeout", "0.5", "--body-timeout", "2",
               "--max-connections", "128", "--max-connections-per-client", "16",
               log_dir=tmp_path_factory.mktemp("hostile")) as running:
        yield running


def client_at(address: str, timeout: float = 30.0) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=httpx.HTTPTransport(local_address=address))


@dataclass
class Probes:
    """What ``/health`` answered while an attack ran."""

    seconds: list[float] = field(default_factory=list)
    states: list[dict] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    retried: list[float] = field(default_factory=list)  # first tries slower than 100 ms

    def summary(self) -> str:
        if not self.seconds:
            return "no probe answered"
        return (f"{len(self.seconds)} probes, median {statistics.median(self.seconds) * 1000:.1f} ms, "
                f"slowest {max(self.seconds) * 1000:.1f} ms, {len(self.retried)} asked again "
                f"({', '.join(f'{s * 1000:.0f}' for s in self.retried)} ms)")


# The probe runs in a process of its own: the attackers' threads in this one would hold the GIL
# and delay it. It asks /health from 127.0.0.1 every 50 ms on a fresh connection until its stdin
# closes, and prints one JSON line per probe: the seconds of each try, and the state reported.
PROBE = r"""
import json, socket, sys, threading, time
port, within = int(sys.argv[1]), float(sys.argv[2])
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()

def ask():
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=5.0, source_address=("127.0.0.1", 0)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return time.perf_counter() - started, reply

while not done.is_set():
    tries = []
    try:
        for _ in range(3):
            seconds, reply = ask()
            tries.append(seconds)
            if seconds <= within:
                break
        head, _, body = reply.partition(b"\r\n\r\n")
        ok = head.startswith((b"HTTP/1.1 200", b"HTTP/1.1 503"))
        print(json.dumps({"tries": tries, "state": json.loads(body) if ok else None,
                          "failure": None if ok else head.decode(errors="replace")[:100]}), flush=True)
    except OSError as exc:
        print(json.dumps({"tries": tries, "state": None, "failure": repr(exc)}), flush=True)
    done.wait(0.05)
"""


@contextlib.contextmanager
def probing(served: Served) -> Iterator[Probes]:
    """Probe /health for as long as the block runs (after a moment for the attack to start).

    A probe slower than 100 ms is asked again at once, twice at most: on a machine shared with
    other work the scheduler alone delays a process that long now and then (an idle server,
    probed the same way on the 2-core machine these tests were written on, under a load average
    of 8 to 20, missed 100 ms about once in 60 probes), while a blocked event loop delays every
    try (the freezes reported lasted 17 to 21 s)."""
    probes = Probes()
    time.sleep(0.3)
    process = subprocess.Popen([sys.executable, "-c", PROBE, str(served.port), str(HEALTH_WITHIN)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        yield probes
    finally:
        out, _ = process.communicate(input="", timeout=30)
    for line in out.splitlines():
        record = json.loads(line)
        if record["failure"]:
            probes.failures.append(record["failure"])
            continue
        probes.seconds.append(record["tries"][-1])
        probes.retried.extend(record["tries"][:-1])
        probes.states.append(record["state"])
    assert not probes.failures, probes.failures[:3]
    assert len(probes.seconds) >= 10, probes.summary()
    slow = [s for s in probes.seconds if s > HEALTH_WITHIN]
    assert not slow, f"/health took more than 100 ms three times in a row {len(slow)} times: {probes.summary()}"
    print(probes.summary())


def attackers(count: int, work: Callable[[int], None]) -> tuple[threading.Event, list[threading.Thread]]:
    stop = threading.Event()

    def loop(i: int) -> None:
        while not stop.is_set():
            with contextlib.suppress(httpx.HTTPError, OSError):
                work(i)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(count)]
    for t in threads:
        t.start()
    return stop, threads


def finish(stop: threading.Event, threads: list[threading.Thread]) -> None:
    stop.set()
    for t in threads:
        t.join(30)


def test_health_answers_while_runaway_queries_run_and_says_the_gate_is_full(server: Served) -> None:
    def runaway(i: int) -> None:
        with client_at(f"127.0.0.{2 + i % 2}") as http:
            http.post(server.url, data={"query": RUNAWAY})

    stop, threads = attackers(4, runaway)
    try:
        with probing(server) as probes:
            time.sleep(3.0)
    finally:
        finish(stop, threads)
    # Four runaways on two slots: /health says so (it said "ok" while every query got 503).
    assert any(s["status"] == "full" and s["queries"]["full"] for s in probes.states), probes.states[-3:]


def test_the_same_quick_query_is_always_answered_by_a_worker(server: Served) -> None:
    """The fast lane answered a text seen quick before on the event loop, where nothing could
    stop it; a text whose cost changes (NOW#x, a newline, then '()') froze every client. Every
    run now goes to a worker under the deadline."""
    with client_at("127.0.0.4") as http:
        before = http.get(f"{server.base}/health").json()
        assert "fast_lane" not in before
        for _ in range(5):
            assert http.post(server.url, data={"query": PILLARS}).status_code == 200
        after = http.get(f"{server.base}/health").json()
    assert after["served"] - before["served"] == 5


def test_health_answers_while_the_guard_reads_an_858_kb_bomb(server: Served) -> None:
    assert 800_000 < len(GUARD_BOMB) < 1 << 20
    answers: list[httpx.Response] = []

    def bomb(i: int) -> None:
        with client_at(f"127.0.0.{5 + i}", timeout=60.0) as http:
            answers.append(http.post(server.url, content=GUARD_BOMB.encode(),
                                     headers={"Content-Type": "application/sparql-query"}))

    stop, threads = attackers(2, bomb)
    try:
        with probing(server):
            time.sleep(3.0)
    finally:
        finish(stop, threads)
    assert answers, "no bomb was answered"
    # Refused as too ambiguous, or stopped at the deadline: either way a clear answer.
    for answer in answers:
        assert answer.status_code in (400, 503), answer.text[:200]
        assert "ambiguous" in answer.text or "longer than 3 s" in answer.text or "slots" in answer.text


def test_health_answers_while_html_pages_of_a_cross_join_are_made(server: Served) -> None:
    answers: list[httpx.Response] = []

    def page(i: int) -> None:
        with client_at(f"127.0.0.{8 + i}") as http:
            answers.append(http.get(server.url, params={"query": CROSS_JOIN, "format": "html"}))

    stop, threads = attackers(2, page)
    try:
        with probing(server):
            time.sleep(3.0)
    finally:
        finish(stop, threads)
    shown = [a for a in answers if a.status_code == 200]
    assert shown, [a.text[:200] for a in answers]
    for answer in shown:
        assert len(answer.content) < 2_000_000  # it was 108 MB
        assert answer.text.count("<tr>") == 1001  # the header and 1,000 rows
        assert "The first 1000 rows are shown" in answer.text
        links = re.findall(r'href="([^"]*format=(csv|tsv|json|xml))" download', answer.text)
        assert {fmt for _, fmt in links} == {"csv", "tsv", "json", "xml"}


def test_a_short_result_page_has_every_row_and_no_note(server: Served) -> None:
    with client_at("127.0.0.10") as http:
        answer = http.get(server.url, params={"query": PILLARS, "format": "html"})
    assert answer.status_code == 200
    assert answer.text.count("<tr>") == 4 and "3 rows" in answer.text
    assert "first" not in answer.text.lower().split("<h1>")[1].split("endpoint:")[0]


def slow_body(served: Served, address: str, stop: threading.Event, answers: list[bytes]) -> None:
    """A POST whose 100-byte body comes one byte every 0.5 s."""
    with socket.create_connection(("127.0.0.1", served.port), source_address=(address, 0)) as sock:
        sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
                     "Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\n".encode())
        sock.settimeout(0.5)
        reply = b""
        while not stop.is_set():
            try:
                sock.sendall(b" ")
            except OSError:
                break
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            reply += chunk
        answers.append(reply)


def test_slow_bodies_take_no_query_slot_and_are_cut_off(server: Served) -> None:
    stop = threading.Event()
    answers: list[bytes] = []
    slow = [threading.Thread(target=slow_body, args=(server, f"127.0.0.{11 + i}", stop, answers), daemon=True)
            for i in range(4)]  # more slow senders than slots
    for t in slow:
        t.start()
    try:
        with probing(server) as probes, client_at("127.0.0.1") as http:
            time.sleep(0.5)
            # Every other client is answered, not told that the slots are busy.
            statuses = [http.post(server.url, data={"query": PILLARS}).status_code for _ in range(5)]
            time.sleep(0.5)
        assert statuses == [200] * 5
        assert all(s["status"] == "ok" for s in probes.states), probes.states[-3:]
        for t in slow:
            t.join(10)  # --body-timeout 2: each is answered 408 and closed
    finally:
        stop.set()
    assert len(answers) == 4
    for reply in answers:
        assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
        assert b"--body-timeout" in reply


def test_one_address_cannot_take_every_connection(server: Served) -> None:
    sockets: list[socket.socket] = []
    try:
        for _ in range(200):  # more than --max-connections (128)
            sock = socket.create_connection(("127.0.0.1", server.port), source_address=("127.0.0.20", 0))
            sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            sockets.append(sock)
        time.sleep(0.3)
        refused = 0
        for sock in sockets:
            sock.settimeout(0.01)
            with contextlib.suppress(TimeoutError):
                if sock.recv(4096).startswith(b"HTTP/1.1 503"):
                    refused += 1
        assert refused == 200 - 16, f"{refused} of 200 connections refused; --max-connections-per-client is 16"
        with probing(server), client_at("127.0.0.1") as http:
            for _ in range(5):
                assert http.post(server.url, data={"query": PILLARS}).status_code == 200
                time.sleep(0.1)
    finally:
        for sock in sockets:
            sock.close()


def test_a_chain_of_7000_operators_is_refused_and_kills_no_worker(server: Served) -> None:
    with client_at("127.0.0.21") as http:
        before = http.get(f"{server.base}/health").json()["replaced"]
        answer = http.post(server.url, data={"query": CHAIN})
        assert answer.status_code == 400
        assert "the expression is too long" in answer.text, answer.text
        assert http.get(f"{server.base}/health").json()["replaced"] == before


def test_the_access_log_is_off_by_default_and_goes_to_a_file_when_asked(tmp_path: Path, server: Served) -> None:
    log = tmp_path / "access.log"
    with serve("--workers", "1", "--access-log", str(log), log_dir=tmp_path) as running:
        httpx.get(running.url, params={"query": PILLARS}, timeout=30.0)
        stderr = running.process.stderr()
    assert '"path": "/sparql"' in log.read_text(encoding="utf-8")
    assert '"path"' not in stderr
    assert '"path"' not in server.process.stderr(), "serve logged requests without --access-log"
