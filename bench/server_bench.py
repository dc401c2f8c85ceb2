"""Figures for the store, the endpoint and publishing (``make bench``).

- ``build --store`` once on a synthetic corpus, then ``query -n actor-pillars`` from the store
  in a cold process, against loading the CSV tables every time: cold start, query time, ratio.
- ``push`` throughput (triples per second) into a real Oxigraph server on a loopback port.
- Endpoint throughput: queries per second for a small SELECT against ``serve``, from a bounded
  local load generator (a fixed number of client threads for a fixed time, loopback only).
- The query jail's cost: ``confine()`` itself, and a fork-per-query ``query()`` with and without it.
- ``serve`` against ``oxigraph serve-read-only`` on the same graph and the same small SELECT, in
  one run, at 1, 4 and 16 clients: queries per second, p50 and p99, and the ratio to the target
  (within 1.5 times Oxigraph's rate).
- A soak: ``serve`` under 4 clients for ``--soak`` seconds, its memory (the server, and the
  fork server with its workers) sampled over time, to show it does not grow.

    python bench/server_bench.py              # the 1e6 corpus
    python bench/server_bench.py --quick      # the 1e4 corpus, shorter load
    python bench/server_bench.py --part throughput,soak --soak 600    # the 10-minute soak
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
from report import table, versions  # noqa: E402  (bench/report.py, the shared harness)

PY = sys.executable
CLI = str(Path(PY).with_name("resilience-kg"))
SMALL_SELECT = "SELECT ?p ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } LIMIT 10"
# The same query with full IRIs, so that Oxigraph's server (which knows no prefixes) runs it too.
FULL_SELECT = ("SELECT ?p ?n WHERE { ?p a <https://w3id.org/resilience-kg/ontology#Pillar> ; "
               "<http://www.w3.org/2004/02/skos/core#notation> ?n } LIMIT 10")
TARGET_RATIO = 1.5


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


# ---------------------------------------------------------------- the jail's cost


def sandbox_cost(runs: int) -> list[list[str]]:
    """The jail's cost: confine() in a fresh child, and a fork-per-query query() with and without it."""
    import os

    from resilience_kg.graph.dataset import load_graph
    from resilience_kg.sparql import sandbox
    from resilience_kg.sparql.query import query

    def confine_once() -> float:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            started = time.perf_counter()
            sandbox.confine(memory=2 << 30, keep=(write_fd,))
            os.write(write_fd, repr(time.perf_counter() - started).encode())
            os._exit(0)
        os.close(write_fd)
        took = float(os.read(read_fd, 64))
        os.close(read_fd)
        os.waitpid(pid, 0)
        return took

    kg = load_graph()
    sandbox.prepare()  # as run_killable does before it forks
    inside = statistics.median(confine_once() for _ in range(runs))
    real = (sandbox.block_network, sandbox.limit_memory, sandbox.close_inherited)
    samples: dict[str, list[float]] = {"jailed": [], "not jailed": []}
    query(kg, SMALL_SELECT)
    try:
        for _ in range(runs):  # interleaved, so that a change in the machine's load hits both alike
            for label in samples:
                if label == "jailed":
                    sandbox.block_network, sandbox.limit_memory, sandbox.close_inherited = real
                else:  # this process only: the library is not changed
                    sandbox.block_network = lambda: None  # type: ignore[assignment]
                    sandbox.limit_memory = lambda memory: None  # type: ignore[assignment]
                    sandbox.close_inherited = lambda keep=(): None  # type: ignore[assignment]
                started = time.perf_counter()
                query(kg, SMALL_SELECT)
                samples[label].append(time.perf_counter() - started)
    finally:
        sandbox.block_network, sandbox.limit_memory, sandbox.close_inherited = real
    timings = {label: statistics.median(values) for label, values in samples.items()}
    return [
        ["confine() in a fresh child (seccomp, RLIMIT_AS, close fds)", f"{inside * 1e6:.0f} us"],
        ["query(), fork per query, jailed", f"{timings['jailed'] * 1e3:.2f} ms"],
        ["query(), fork per query, not jailed", f"{timings['not jailed'] * 1e3:.2f} ms"],
        ["cost of the jail per forked query", f"{(timings['jailed'] - timings['not jailed']) * 1e3:+.2f} ms"],
        ["cost per query with the pool (jailed once per worker)", "0 (paid at worker start)"],
    ]


# ---------------------------------------------------------------- throughput against Oxigraph


def hammer(host: str, port: int, path: str, *, clients: int, seconds: float,
           fresh: bool = False) -> tuple[int, list[float], int]:
    """Send FULL_SELECT from ``clients`` threads, each on one keep-alive connection, for ``seconds``:
    (answers, latencies, errors). Loopback only, bounded in count and time. ``fresh``: every
    request a text never sent before (the same query with a numbered comment), so nothing learnt
    from an earlier run of it can help."""
    import http.client
    from urllib.parse import urlencode

    assert host == "127.0.0.1"
    target = f"{path}?{urlencode({'query': FULL_SELECT})}"
    sent = iter(range(1 << 62))
    headers = {"Accept": "application/sparql-results+json", "Host": f"127.0.0.1:{port}"}
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        start.wait()
        mine = latencies[i]
        while time.monotonic() < stop[0]:
            url = f"{path}?{urlencode({'query': f'{FULL_SELECT} # {next(sent)}'})}" if fresh else target
            began = time.perf_counter()
            try:
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
            if ok:
                mine.append(time.perf_counter() - began)
            else:
                errors[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    stop[0] = time.monotonic() + seconds
    start.wait()
    for t in threads:
        t.join()
    merged = sorted(x for part in latencies for x in part)
    return len(merged), merged, sum(errors)


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def start_ours(args: list[str], port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([PY, "-m", "resilience_kg", "serve", "--port", str(port), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/health")
    return proc


# The floor of our stack: uvicorn and Starlette answering a constant, with no query at all.
FLOOR_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = b'{"head":{"vars":["p","n"]},"results":{"bindings":[]}}'
async def constant(request):
    return Response(BODY, media_type="application/sparql-results+json")
app = Starlette(routes=[Route("/sparql", constant)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


def throughput(levels: list[int], seconds: float, workers: int | None) -> tuple[list[list[str]], bool]:
    """``serve`` and ``oxigraph serve-read-only`` on the bundled graph, one after the other at each level."""
    from resilience_kg.graph.dataset import load_graph
    from resilience_kg.graph.store import save_store

    work = Path(tempfile.mkdtemp(prefix="rkg-throughput-"))
    rows: list[list[str]] = []
    met = True
    try:
        save_store(load_graph(), work / "store")
        oxigraph = shutil.which("oxigraph") or str(Path(PY).with_name("oxigraph"))
        ox_port, our_port = free_port(), free_port()
        theirs = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(work / "store" / "oxigraph"),
                                   "--union-default-graph", "--bind", f"127.0.0.1:{ox_port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = start_ours(["--workers", str(workers)] if workers else [], our_port)
        floor_port = free_port()
        floor = subprocess.Popen([PY, "-c", FLOOR_APP, str(floor_port)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            wait_http(f"http://127.0.0.1:{ox_port}/")
            wait_http(f"http://127.0.0.1:{floor_port}/sparql")
            for clients in levels:
                results = {}
                for name, port, path, fresh in (
                        ("oxigraph", ox_port, "/query", False), ("serve", our_port, "/sparql", False),
                        ("oxigraph, every query new", ox_port, "/query", True),
                        ("serve, every query new", our_port, "/sparql", True),
                        ("uvicorn+starlette constant", floor_port, "/sparql", False)):
                    hammer("127.0.0.1", port, path, clients=clients, seconds=min(2.0, seconds), fresh=fresh)  # warm up
                    n, lat, errors = hammer("127.0.0.1", port, path, clients=clients, seconds=seconds, fresh=fresh)
                    results[name] = (n / seconds, pct(lat, 0.5), pct(lat, 0.99), errors)

                pairs = (("oxigraph", "serve"), ("oxigraph, every query new", "serve, every query new"))
                same, new = (results[a][0] / results[b][0] if results[b][0] else float("inf") for a, b in pairs)
                met = met and same <= TARGET_RATIO
                for name in results:
                    qps, p50, p99, errors = results[name]
                    shown = {"serve": f"{same:.2f}x", "serve, every query new": f"{new:.2f}x"}.get(name, "")
                    rows.append([str(clients), name, f"{qps:,.0f}", f"{p50 * 1e3:.2f}", f"{p99 * 1e3:.2f}", str(errors),
                                 shown])
        finally:
            for proc in (ours, theirs, floor):
                proc.terminate()
                proc.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows, met


# ---------------------------------------------------------------- soak


def tree_memory(root: int) -> tuple[float, float, int]:
    """(RSS of ``root`` in MiB, PSS of its descendants in MiB, how many descendants)."""
    import os

    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    family, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == pid]
        family.update(kids)
        frontier.extend(kids)

    def field(pid: int, path: str, name: str) -> float:
        try:
            with open(f"/proc/{pid}/{path}") as f:
                for line in f:
                    if line.startswith(name):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    return field(root, "status", "VmRSS:"), sum(field(p, "smaps_rollup", "Pss:") for p in family), len(family)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def runaways(port: int, stop: threading.Event, stopped: list[int]) -> None:
    """One client that sends a query that never ends, again and again: each is killed at the
    timeout and its worker replaced, so the soak also shows replacement does not leak."""
    import http.client
    from urllib.parse import urlencode

    while not stop.is_set():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", f"/sparql?{urlencode({'query': RUNAWAY})}")
            if conn.getresponse().status == 503:
                stopped[0] += 1
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()


def soak(seconds: float, clients: int, samples: int) -> list[list[str]]:
    """``serve`` on the bundled graph under ``clients`` clients and one runaway client for
    ``seconds``, memory sampled."""
    port = free_port()
    proc = start_ours(["--timeout", "1"], port)
    rows: list[list[str]] = []
    done = [0, 0]
    stop, stopped = threading.Event(), [0]
    bad = threading.Thread(target=runaways, args=(port, stop, stopped))
    bad.start()
    try:
        step = seconds / samples
        started = time.monotonic()
        rss, pss, n = tree_memory(proc.pid)
        rows.append(["0", f"{rss:.1f}", f"{pss:.1f}", str(n), "0", "0", "0"])
        for _ in range(samples):
            answered, _, errors = hammer("127.0.0.1", port, "/sparql", clients=clients, seconds=step)
            done[0] += answered
            done[1] += errors
            rss, pss, n = tree_memory(proc.pid)
            rows.append([f"{time.monotonic() - started:.0f}", f"{rss:.1f}", f"{pss:.1f}", str(n), f"{done[0]:,}",
                         str(done[1]), str(stopped[0])])
    finally:
        stop.set()
        bad.join(timeout=30)
        proc.terminate()
        proc.wait(timeout=30)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the 1e4 corpus and 5 s of load")
    parser.add_argument("--scale", default=None, help="corpus preset (default 1e6; 1e4 with --quick)")
    parser.add_argument("--threads", type=int, default=4, help="client threads of the load generator")
    parser.add_argument("--seconds", type=float, default=None, help="load duration (default 15; 5 with --quick)")
    parser.add_argument("--part", default="store,sandbox,throughput,soak",
                        help="which parts to run, comma-separated: store, sandbox, throughput, soak")
    parser.add_argument("--clients", default="1,4,16", help="client counts for the throughput comparison")
    parser.add_argument("--workers", type=int, default=None, help="serve --workers for the comparison")
    parser.add_argument("--soak", type=float, default=30.0, help="soak duration in seconds (600 for the long soak)")
    args = parser.parse_args(argv)
    scale = args.scale or ("1e4" if args.quick else "1e6")
    seconds = args.seconds or (5.0 if args.quick else 15.0)
    parts = set(args.part.split(","))
    print(f"resilience-kg endpoint benchmark: {versions('pyoxigraph', 'oxigraph', 'uvicorn', 'starlette')}")
    if "sandbox" in parts:
        print("\nThe query jail's cost (median of 200)")
        table(["what", "time"], sandbox_cost(200))
    if "throughput" in parts:
        levels = [int(c) for c in args.clients.split(",")]
        rows, met = throughput(levels, seconds, args.workers)
        print(f"\nSmall SELECT on the bundled graph, {seconds:g} s per server and level (target: within "
              f"{TARGET_RATIO}x of Oxigraph's rate on the same query, sent again and again as the issue measures it; "
              "every query serve answers is checked and run by one of its workers, never on its event loop. "
              "'Every query new' sends a text never seen before each time (a numbered comment). "
              "The last server of each level answers a constant without a query: the floor of the HTTP stack)")
        table(["clients", "server", "queries/s", "p50 ms", "p99 ms", "errors", "oxigraph/serve"], rows)
        print("    target (the same query) met at every level" if met else "    target (the same query) MISSED")
    if "soak" in parts:
        print(f"\nSoak: serve --timeout 1 under 4 clients and 1 runaway client for {args.soak:g} s; memory of "
              "the server (RSS) and of its fork server and workers (PSS, shared pages counted once)")
        table(["s", "server RSS MiB", "workers PSS MiB", "processes", "answers", "errors", "runaways stopped"],
              soak(args.soak, 4, 10))
    if "store" not in parts:
        return 0
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
