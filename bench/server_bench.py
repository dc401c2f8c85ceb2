"""Figures for the store, the endpoint and publishing (``make bench``).

- ``build --store`` once on a synthetic corpus, then ``query -n actor-pillars`` from the store
  in a cold process, against loading the CSV tables every time: cold start, query time, ratio.
- ``push`` throughput (triples per second) into a real Oxigraph server on a loopback port.
- Endpoint throughput: queries per second for a small SELECT against ``serve``, from a bounded
  local load generator (a fixed number of client threads for a fixed time, loopback only).

    python bench/server_bench.py              # the 1e6 corpus
    python bench/server_bench.py --quick      # the 1e4 corpus, shorter load
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file)

PY = sys.executable
CLI = str(Path(PY).with_name("resilience-kg"))
SMALL_SELECT = "SELECT ?p ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } LIMIT 10"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, limit: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {limit:g} s")


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of a command in fresh processes; raises if it fails."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def load(url: str, *, threads: int, seconds: float) -> tuple[int, list[float], int]:
    """Send the small SELECT from ``threads`` clients for ``seconds``: (answers, latencies, errors)."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(timeout=30.0) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    r = http.get(url, params={"query": SMALL_SELECT}, headers={"Accept": "text/csv"})
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - started
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return len(latencies), latencies, errors[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the 1e4 corpus and 5 s of load")
    parser.add_argument("--scale", default=None, help="corpus preset (default 1e6; 1e4 with --quick)")
    parser.add_argument("--threads", type=int, default=4, help="client threads of the load generator")
    parser.add_argument("--seconds", type=float, default=None, help="load duration (default 15; 5 with --quick)")
    args = parser.parse_args(argv)
    scale = args.scale or ("1e4" if args.quick else "1e6")
    seconds = args.seconds or (5.0 if args.quick else 15.0)
    corpus = HERE / "corpora" / scale
    target = generate.PRESETS[scale]
    if not generate.is_current(corpus, target, 1):
        generate.generate(target, corpus, seed=1)
    work = Path(tempfile.mkdtemp(prefix="rkg-server-bench-"))
    rows: list[tuple[str, str]] = []
    try:
        store = work / "store"
        started = time.perf_counter()
        subprocess.run([CLI, "build", "--no-bundled", "--data", str(corpus), "--no-validate", "--store", str(store),
                        "--out", str(work / "out")], check=True, capture_output=True)
        rows.append((f"build --store once ({scale})", f"{time.perf_counter() - started:.2f} s"))
        from_store = timed([CLI, "query", "-n", "actor-pillars", "--store", str(store), "--format", "csv",
                            "-o", str(work / "a.csv")], 3)
        from_files = timed([CLI, "query", "-n", "actor-pillars", "--no-bundled", "--data", str(corpus),
                            "--format", "csv", "-o", str(work / "b.csv")], 3)
        cold_store = timed([CLI, "query", "ASK {}", "--store", str(store)], 3)
        cold_files = timed([CLI, "query", "ASK {}", "--no-bundled", "--data", str(corpus)], 3)
        if (work / "a.csv").read_bytes() != (work / "b.csv").read_bytes():
            raise RuntimeError("the store and the files gave different answers")
        rows += [
            ("cold start (ASK {}), from the store", f"{cold_store:.3f} s"),
            ("cold start (ASK {}), loading the CSV", f"{cold_files:.3f} s"),
            ("query -n actor-pillars, from the store", f"{from_store:.3f} s"),
            ("query -n actor-pillars, loading the CSV", f"{from_files:.3f} s"),
            ("files / store", f"{from_files / from_store:.1f}x"),
        ]

        # push into a real Oxigraph server
        oxigraph = shutil.which("oxigraph") or str(Path(PY).with_name("oxigraph"))
        port = free_port()
        server = subprocess.Popen([oxigraph, "serve", "--location", str(work / "oxigraph"), "--bind",
                                   f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_http(f"http://127.0.0.1:{port}/")
            from resilience_kg.graph.store import open_store
            from resilience_kg.remote.push import push

            kg = open_store(store)
            base = f"http://127.0.0.1:{port}"
            # Replace: staged, checked triple by triple, swapped in; merge: checked after.
            for label, replace in (("push --replace (staged, checked, swapped)", True),
                                   ("push, merge (checked triple by triple)", False)):
                started = time.perf_counter()
                report = push(kg, f"{base}/query", graph_store=f"{base}/store", update=f"{base}/update",
                              replace=replace)
                took = time.perf_counter() - started
                pushed = sum(g.local for g in report.graphs)
                rows.append((label, f"{pushed} triples in {took:.2f} s = {pushed / took:,.0f} triples/s"))
        finally:
            server.terminate()
            server.wait(timeout=30)

        # endpoint throughput
        for label, source in (("bundled data", []), (f"the {scale} store", ["--store", str(store)])):
            port = free_port()
            serve = subprocess.Popen([CLI, "serve", "--port", str(port), *source], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
            try:
                wait_http(f"http://127.0.0.1:{port}/")
                n, latencies, errors = load(f"http://127.0.0.1:{port}/sparql", threads=args.threads, seconds=seconds)
                qs = sorted(latencies)
                p50 = qs[len(qs) // 2] if qs else float("nan")
                p95 = qs[int(len(qs) * 0.95)] if qs else float("nan")
                rows.append((f"serve, small SELECT, {label}", f"{n / seconds:.1f} queries/s ({args.threads} clients, "
                             f"{seconds:g} s; p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, {errors} errors)"))
            finally:
                serve.terminate()
                serve.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(k) for k, _ in rows)
    print(f"resilience-kg store, endpoint and push benchmark ({scale} corpus)")
    for key, value in rows:
        print(f"  {key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
