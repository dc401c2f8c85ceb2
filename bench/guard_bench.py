"""A short, bounded load test of ``serve``'s guards: normal clients alone, then the same normal
clients while a runaway client and a cross-site page hammer the endpoint.

- normal: small SELECTs from 127.0.0.1 (``--normal`` threads);
- runaway: one client (127.0.0.2) sending queries that run into ``--timeout`` (``--runaway`` threads);
- cross-site: a web page on another site (127.0.0.3, ``Origin: http://evil.example``) POSTing the
  same runaway queries as a form (``--cross`` threads).

Each class prints its requests, answers by status, and p50/p99 latency. Loopback only; every
client thread stops after ``--seconds``.

    python bench/guard_bench.py                 # 20 s per phase
    python bench/guard_bench.py --seconds 5
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import table, versions  # noqa: E402  (bench/report.py, beside this file)

SMALL_SELECT = "SELECT ?p ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } LIMIT 10"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Tally:
    """What one class of clients got."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # seconds, every answered request
    failures: int = 0  # no HTTP answer at all
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | None, elapsed: float) -> None:
        with self.lock:
            if status is None:
                self.failures += 1
            else:
                self.statuses[status] += 1
                self.latencies.append(elapsed)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + self.failures

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _client(url: str, tally: Tally, stop: float, *, address: str, text: str, headers: dict[str, str]) -> None:
    import httpx

    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(timeout=60.0, transport=transport) as http:
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status: int | None = http.post(url, data={"query": text}, headers=headers).status_code
            except httpx.HTTPError:
                status = None
            tally.add(status, time.perf_counter() - started)
            if status == 503:
                time.sleep(0.05)  # a polite client would honour Retry-After; a hostile one barely waits


def mixed_load(url: str, *, seconds: float, normal: int, runaway: int, cross: int) -> dict[str, Tally]:
    """Run the three classes of clients against ``url`` together for ``seconds``."""
    stop = time.monotonic() + seconds
    tallies = {"normal": Tally(), "runaway": Tally(), "cross-site": Tally()}
    plans = [
        ("normal", normal, "127.0.0.1", SMALL_SELECT, {"Accept": "application/sparql-results+json"}),
        ("runaway", runaway, "127.0.0.2", RUNAWAY, {}),
        ("cross-site", cross, "127.0.0.3", RUNAWAY,
         {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}),
    ]
    threads = [
        threading.Thread(target=_client, args=(url, tallies[name], stop),
                         kwargs={"address": address, "text": text, "headers": headers}, daemon=True)
        for name, count, address, text, headers in plans
        for _ in range(count)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 90)
    return {name: tally for name, tally in tallies.items() if tally.requests}


def rows(phase: str, tallies: dict[str, Tally]) -> list[list[str]]:
    out = []
    for name, t in tallies.items():
        shown = ", ".join(f"{status}: {n}" for status, n in sorted(t.statuses.items()))
        out.append([phase, name, str(t.requests), shown + (f", no answer: {t.failures}" if t.failures else ""),
                    f"{t.percentile(50) * 1000:.0f}", f"{t.percentile(99) * 1000:.0f}"])
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int, *args: str, log: Path) -> subprocess.Popen[bytes]:
    import httpx

    with log.open("wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "resilience_kg", "serve", "--port", str(port), *args],
                                   stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"serve did not start: {log.read_text(errors='replace')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--normal", type=int, default=4, help="normal client threads")
    parser.add_argument("--runaway", type=int, default=8, help="runaway client threads (one address)")
    parser.add_argument("--cross", type=int, default=8, help="cross-site client threads")
    parser.add_argument("--timeout", default="2", help="serve --timeout")
    parser.add_argument("--queue-timeout", default="1", help="serve --queue-timeout")
    args = parser.parse_args(argv)
    print(f"serve guards under load: {versions('uvicorn', 'starlette', 'pyoxigraph')}")
    print(f"    serve --timeout {args.timeout} --queue-timeout {args.queue_timeout}; {args.seconds:g} s per phase; "
          "latencies in ms")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="rkg-guard-bench-") as work:
        process = start(port, "--timeout", args.timeout, "--queue-timeout", args.queue_timeout,
                        log=Path(work) / "serve.stderr")
        try:
            url = f"http://127.0.0.1:{port}/sparql"
            alone = mixed_load(url, seconds=args.seconds, normal=args.normal, runaway=0, cross=0)
            mixed = mixed_load(url, seconds=args.seconds, normal=args.normal, runaway=args.runaway, cross=args.cross)
        finally:
            process.terminate()
            process.wait(30)
    table(["phase", "clients", "requests", "answers", "p50", "p99"], rows("alone", alone) + rows("attacked", mixed))
    base, hit = alone["normal"], mixed["normal"]
    ok_share = hit.statuses[200] / max(1, hit.requests)
    print(f"    normal clients under attack: {ok_share:.1%} answered 200; "
          f"{hit.statuses[200] / args.seconds:.1f} q/s against {base.statuses[200] / args.seconds:.1f} q/s alone; "
          f"p50 {statistics.median(hit.latencies) * 1000:.0f} ms "
          f"against {statistics.median(base.latencies) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
