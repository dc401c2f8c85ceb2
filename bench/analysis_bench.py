"""Time the network analysis step by step on synthetic corpora (``bench/generate.py``).

Each scale runs in fresh worker processes: one untimed-by-anything-else pass that records wall and
CPU time per step and the growth of the process's peak RSS (``ru_maxrss``), and, up to
``--trace-max``, a second pass under ``tracemalloc`` for each step's peak of Python allocations
(its timings are thrown away: tracemalloc slows networkx code about 4x). The steps are the ones
:func:`resilience_kg.analysis.analyze.analyze` runs, called one by one, then ``analyze`` itself.
Nothing is asserted: targets are printed as met or missed, and the exit status is non-zero only when
something fails.

    python bench/analysis_bench.py                       # 1e3, 1e4, 1e5, 1e6
    python bench/analysis_bench.py --quick               # 1e3, 1e4 (a minute or so)
    python bench/analysis_bench.py --scales 1e3,1e4,1e5,1e6,3e6
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DISTS = ("networkx", "pyoxigraph", "numpy")  # versions printed in the header
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file; not edited here)
from report import Probe, run_worker, table, versions  # noqa: E402  (bench/report.py)

PY = sys.executable
DEFAULT_SCALES = ("1e3", "1e4", "1e5", "1e6")
QUICK_SCALES = ("1e3", "1e4")
STEPS = ("load", "project", "pillar_links", "centralities", "brokers", "communities", "find_gaps")
TARGET_S = 60.0  # projection plus all metrics (analyze), ~10,000 actors / ~1e6 quads
TARGET_ACTORS = 10_000


# ================================================================ helpers shared by both sides
def scale_label(n: int) -> str:
    """1000000 -> '1e6', 300000 -> '3e5', 123456 -> '123456'."""
    exp = int(math.log10(n)) if n > 0 else 0
    mant = n / 10**exp
    return f"{int(mant)}e{exp}" if mant == int(mant) else str(n)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _rss_now_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ================================================================ workers (fresh processes)
def worker_steps(folder: str, trace: bool) -> dict[str, Any]:
    """Every step of ``analyze`` on one corpus, then ``analyze`` itself (untraced passes only)."""
    import tracemalloc

    import networkx as nx
    import networkx.algorithms.community as nx_community

    from resilience_kg.analysis import metrics
    from resilience_kg.analysis.analyze import analyze
    from resilience_kg.analysis.gaps import find_gaps
    from resilience_kg.analysis.pillar_links import pillar_links
    from resilience_kg.analysis.projection import actors, pillars, project
    from resilience_kg.graph.dataset import load_graph

    out: dict[str, Any] = {"rss_imports_mb": _rss_now_mb(), "steps": {}, "loadavg_start": _loadavg()}
    probe = Probe([
        (metrics, "simple_graph", "simple_graph"),
        (nx, "betweenness_centrality", "betweenness"),
        (nx, "closeness_centrality", "closeness (exact)"),
        (metrics, "sampled_closeness", "closeness (sampled)"),
        (nx, "eigenvector_centrality", "eigenvector"),
        (nx_community, "louvain_communities", "louvain"),
    ])
    if trace:
        tracemalloc.start()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        gc.collect()
        probe.step = name
        hw0, cur0 = _maxrss_mb(), _rss_now_mb()
        if trace:
            tracemalloc.reset_peak()
            traced0 = tracemalloc.get_traced_memory()[0]
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rec = {"wall_s": wall, "cpu_s": cpu, "maxrss_delta_mb": _maxrss_mb() - hw0,
               "rss_before_mb": cur0, "rss_after_mb": _rss_now_mb()}
        if trace:
            now, peak = tracemalloc.get_traced_memory()
            rec.update(traced_peak_mb=(peak - traced0) / 2**20, traced_retained_mb=(now - traced0) / 2**20)
        out["steps"][name] = rec
        return result

    with probe:
        kg = step("load", lambda: load_graph([folder], bundled=False))
        g = step("project", lambda: project(kg))
        links = step("pillar_links", lambda: pillar_links(g))
        _values, settings = step("centralities", lambda: metrics.centralities(g))
        found_brokers = step("brokers", lambda: metrics.brokers(g, links))
        found_communities = step("communities", lambda: metrics.communities(g))
        gaps = step("find_gaps", lambda: find_gaps(g, links))
    if trace:
        tracemalloc.stop()
    out["parts"] = {s: probe.parts(s) for s in ("centralities", "brokers", "communities")}
    h = metrics.simple_graph(g)
    components = list(nx.connected_components(h))
    actor_list = actors(g)
    out["sizes"] = {
        "quads": len(kg), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
        "simple_edges": h.number_of_edges(), "components": len(components),
        "largest_component": max((len(c) for c in components), default=0), "actors": len(actor_list),
        "pillars": len(pillars(g)), "links": len(links), "brokers": len(found_brokers),
        "communities": len(found_communities), "exact": settings.exact, "sample_k": settings.sample_k,
        "gaps": len(gaps.issues) + len(gaps.solutions) + len(gaps.pillars),
    }
    if trace:
        return out
    gc.collect()
    hw0 = _maxrss_mb()
    c0, t0 = time.process_time(), time.perf_counter()
    result = analyze(kg)
    out["analyze"] = {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                      "maxrss_delta_mb": _maxrss_mb() - hw0, "rss_after_mb": _rss_now_mb()}
    same = ([m.actor for m in result.metrics] == actor_list and len(result.links) == len(links)
            and len(result.brokers) == len(found_brokers))
    out["analyze"]["consistent"] = same
    del result
    out["loadavg_end"] = _loadavg()
    out["maxrss_mb"] = _maxrss_mb()
    return out


def worker_betweenness(folder: str) -> dict[str, Any]:
    """Exact against sampled betweenness (as metrics.centralities calls them) on one projection."""
    import networkx as nx

    from resilience_kg.analysis.metrics import SAMPLE_K, SEED, simple_graph
    from resilience_kg.analysis.projection import actors, project
    from resilience_kg.graph.dataset import load_graph

    g = project(load_graph([folder], bundled=False))
    h = simple_graph(g)
    n = h.number_of_nodes()
    out: dict[str, Any] = {"nodes": n, "edges": h.number_of_edges(), "components": nx.number_connected_components(h)}
    t0 = time.perf_counter()
    exact = nx.betweenness_centrality(h)
    out["exact_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sampled = nx.betweenness_centrality(h, k=min(SAMPLE_K, n), seed=SEED)
    out["sampled_s"] = time.perf_counter() - t0
    diffs = [abs(sampled[k] - exact[k]) for k in exact]
    out["mad"] = sum(diffs) / n
    out["max_diff"] = max(diffs)
    out["mean_exact"] = sum(exact.values()) / n
    act = actors(g)
    out["mad_actors"] = sum(abs(sampled[a] - exact[a]) for a in act) / max(1, len(act))
    top = 20
    best = {k for k, _ in sorted(exact.items(), key=lambda kv: -kv[1])[:top]}
    best_s = {k for k, _ in sorted(sampled.items(), key=lambda kv: -kv[1])[:top]}
    out["top20_overlap"] = len(best & best_s)
    return out


def worker_main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "steps":
        result = worker_steps(args[0], args[1] == "trace")
    elif kind == "betweenness":
        result = worker_betweenness(args[0])
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(result), flush=True)
    return 0


# ================================================================ the parent
class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.errors: list[str] = []
        self.targets: list[tuple[str, str, bool | None]] = []
        self.per: dict[str, dict[str, Any]] = {}
        self.traced: dict[str, dict[str, Any]] = {}
        self.ref: dict[str, Any] | None = None

    def error(self, message: str) -> None:
        self.errors.append(message)
        print(f"  ERROR: {message}", flush=True)

    def worker(self, argv: list[str]) -> dict[str, Any] | None:
        result, problem = run_worker(str(Path(__file__).resolve()), argv, timeout=self.args.timeout, cwd=ROOT)
        if problem:
            self.error(problem)
        return result

    def corpus(self, label: str) -> Path:
        target = generate.parse_size(label)
        folder = generate.CORPORA / label
        if not generate.is_current(folder, target, self.args.seed):
            m = generate.generate(target, folder, seed=self.args.seed)
            print(f"  generated {folder.relative_to(ROOT)}: {m['predicted_quads']} quads in {m['seconds']} s",
                  flush=True)
        return folder

    # -- 1: per scale ---------------------------------------------------------------------------
    def scales(self) -> None:
        for label in self.args.scale_list:
            folder = self.corpus(label)
            print(f"  {label}: timing pass (fresh process; load average {_loadavg()})", flush=True)
            r = self.worker(["steps", str(folder), "time"])
            if r is None:
                continue
            self.per[label] = r
            s = r["sizes"]
            print(f"  {label}: {s['quads']} quads, {s['actors']} actors, {s['nodes']} nodes; analyze() "
                  f"{r['analyze']['wall_s']:.2f} s", flush=True)
            if self.args.trace and generate.parse_size(label) <= generate.parse_size(self.args.trace_max):
                print(f"  {label}: tracemalloc pass (fresh process)", flush=True)
                t = self.worker(["steps", str(folder), "trace"])
                if t is not None:
                    self.traced[label] = t

    def report_sizes(self) -> None:
        print("\n1. Corpus and projection sizes (projection = project(kg); simple = undirected, parallel edges merged)")
        rows = []
        for label, r in self.per.items():
            s = r["sizes"]
            mode = "exact" if s["exact"] else f"sampled k={s['sample_k']}"
            rows.append([label, str(s["quads"]), str(s["actors"]), str(s["pillars"]), str(s["nodes"]),
                         str(s["edges"]), str(s["simple_edges"]), f"{s['components']} (max {s['largest_component']})",
                         str(s["links"]), str(s["brokers"]), str(s["communities"]), mode])
        table(["scale", "quads", "actors", "pillars", "nodes", "edges", "simple edges", "components",
                "pillar links", "brokers", "communities", "centralities"], rows)

    def report_steps(self) -> None:
        print("\n2. Time and memory per step (one run per scale, each scale in a fresh process)")
        print("   wall/CPU s: time.perf_counter / time.process_time around the call (CPU counts every thread)")
        print("   peak RSS +MB: growth of ru_maxrss (the process's RSS high-water mark) during the step; 0 when the")
        print("                 step stays under an earlier peak. RSS after MB: resident set after the step")
        print("   traced peak MB: tracemalloc peak during the step above its start (Python allocations only, not")
        print("                   Oxigraph's Rust store), from a separate traced pass (up to "
              f"--trace-max {self.args.trace_max})")
        rows = []
        for label, r in self.per.items():
            steps = r["steps"]
            metric_sum = sum(steps[k]["wall_s"] for k in STEPS if k != "load")
            for name in STEPS:
                st = steps[name]
                tr = self.traced.get(label, {}).get("steps", {}).get(name)
                rows.append([label, name, f"{st['wall_s']:.3f}", f"{st['cpu_s']:.3f}",
                             f"{100 * st['wall_s'] / (metric_sum + steps['load']['wall_s']):.0f}%",
                             f"{st['maxrss_delta_mb']:.0f}", f"{st['rss_after_mb']:.0f}",
                             f"{tr['traced_peak_mb']:.1f}" if tr else "-",
                             f"{tr['traced_retained_mb']:.1f}" if tr else "-"])
            a = r["analyze"]
            rows.append([label, "sum project..find_gaps", f"{metric_sum:.3f}", "", "", "", "", "", ""])
            rows.append([label, "analyze() total", f"{a['wall_s']:.3f}", f"{a['cpu_s']:.3f}", "",
                         f"{a['maxrss_delta_mb']:.0f}", f"{a['rss_after_mb']:.0f}", "", ""])
            if not a.get("consistent", True):
                self.error(f"scale {label}: analyze() disagrees with the step-by-step results")
        table(["scale", "step", "wall s", "CPU s", "share", "peak RSS +MB", "RSS after MB", "traced peak MB",
                "traced kept MB"], rows)
        print("   (analyze() = project + pillar_links + matrix + sectors + actor_metrics (centralities) + brokers +")
        print("    communities + find_gaps, on the already loaded graph; load is not part of it)")
        rows = []
        for label, r in self.per.items():
            for step, parts in r["parts"].items():
                for part, seconds in parts.items():
                    total = r["steps"][step]["wall_s"]
                    rows.append([label, step, part, f"{seconds:.3f}", f"{100 * seconds / total:.0f}%"])
        print("\n   2a. Inside the metric steps (the networkx calls each step makes, timed in the same pass)")
        table(["scale", "step", "call", "wall s", "of step"], rows)

    def report_growth(self) -> None:
        labels = list(self.per)
        if len(labels) < 2:
            return
        print("\n3. Growth between consecutive scales (ratio of wall times; linear cost gives the quads ratio)")
        header = ["step", *(f"{a} -> {b}" for a, b in itertools.pairwise(labels))]
        rows = []
        for key, get in (("quads", lambda r: r["sizes"]["quads"]), ("nodes", lambda r: r["sizes"]["nodes"]),
                         ("actors", lambda r: r["sizes"]["actors"])):
            rows.append([f"({key})", *(f"{get(self.per[b]) / get(self.per[a]):.1f}x"
                                       for a, b in itertools.pairwise(labels))])
        for name in (*STEPS, "analyze"):
            cells = []
            for a, b in itertools.pairwise(labels):
                ta = self.per[a]["analyze" if name == "analyze" else "steps"]
                tb = self.per[b]["analyze" if name == "analyze" else "steps"]
                wa = ta["wall_s"] if name == "analyze" else ta[name]["wall_s"]
                wb = tb["wall_s"] if name == "analyze" else tb[name]["wall_s"]
                cells.append(f"{wb / wa:.1f}x" if wa > 0 else "-")
            rows.append(["analyze() total" if name == "analyze" else name, *cells])
        table(header, rows)

    def targets_for_scales(self) -> None:
        def line(label: str, r: dict[str, Any], what: str) -> None:
            s, a = r["sizes"], r["analyze"]["wall_s"]
            metric_sum = sum(r["steps"][k]["wall_s"] for k in STEPS if k != "load")
            self.targets.append((f"projection + all metrics {what} < {TARGET_S:g} s",
                                 f"{label}: {s['quads']} quads, {s['actors']} actors, {s['nodes']} nodes: analyze() "
                                 f"{a:.1f} s (steps one by one {metric_sum:.1f} s)", a < TARGET_S))

        if "1e6" in self.per:
            line("1e6", self.per["1e6"], "at ~1e6 quads")
        else:
            self.targets.append((f"projection + all metrics at ~1e6 quads < {TARGET_S:g} s",
                                 "not measured: add 1e6 to --scales", None))
        big = [(label, r) for label, r in self.per.items() if r["sizes"]["actors"] >= 0.8 * TARGET_ACTORS]
        if big:
            line(*big[0], f"at ~{TARGET_ACTORS:,} actors")
        else:
            most = max((r["sizes"]["actors"] for r in self.per.values()), default=0)
            self.targets.append((f"projection + all metrics at ~{TARGET_ACTORS:,} actors < {TARGET_S:g} s",
                                 f"not measured: the largest scale run has {most} actors (1e6 quads gives about "
                                 "3,300; add 3e6 to --scales for about 10,000)", None))

    # -- 2: exact vs sampled betweenness ------------------------------------------------------------
    def betweenness(self) -> None:
        label = self.args.ref_scale
        folder = self.corpus(label)
        print(f"\n4. Exact vs sampled betweenness on one mid-size projection ({label} quads; fresh process)")
        r = self.worker(["betweenness", str(folder)])
        if r is None:
            return
        from resilience_kg.analysis.metrics import EXACT_LIMIT, SAMPLE_K, SEED

        rel = r["mad"] / r["mean_exact"] if r["mean_exact"] else float("nan")
        print(f"   simple graph: {r['nodes']} nodes, {r['edges']} edges, {r['components']} components; EXACT_LIMIT "
              f"{EXACT_LIMIT} (so the library {'samples' if r['nodes'] > EXACT_LIMIT else 'is exact'} here)")
        table(["betweenness", "wall s", "note"], [
            ["exact: nx.betweenness_centrality(h)", f"{r['exact_s']:.2f}", ""],
            [f"sampled: k={SAMPLE_K}, seed={SEED}", f"{r['sampled_s']:.2f}",
             f"{r['exact_s'] / r['sampled_s']:.0f}x faster than exact"],
        ])
        table(["sampled vs exact", "value"], [
            ["mean |sampled - exact|, all nodes", f"{r['mad']:.3e}"],
            ["mean |sampled - exact|, actors", f"{r['mad_actors']:.3e}"],
            ["max |sampled - exact|", f"{r['max_diff']:.3e}"],
            ["mean exact value (for scale)", f"{r['mean_exact']:.3e}"],
            ["mean |diff| / mean value", f"{rel:.0%}"],
            ["top-20 nodes in common", f"{r['top20_overlap']} of 20"],
        ])
        self.ref = r

    def summary(self) -> None:
        print("\nTargets")
        for target, measured, met in self.targets:
            tag = {True: "met   ", False: "MISSED", None: "n/a   "}[met]
            print(f"  [{tag}] {target}: {measured}")
        if self.errors:
            print(f"\n{len(self.errors)} error(s):")
            for e in self.errors:
                print(f"  - {e}")








def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1:])
    ap = argparse.ArgumentParser(description="Time the network analysis step by step on synthetic corpora.")
    ap.add_argument("--quick", action="store_true", help="scales 1e3 and 1e4; reference betweenness at 2e5")
    ap.add_argument("--scales", help=f"comma-separated quad counts (default {','.join(DEFAULT_SCALES)}); any size "
                    "works, e.g. 3e6 for about 10,000 actors")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1, as bench/run.py)")
    ap.add_argument("--ref-scale", help="corpus for exact vs sampled betweenness (default 3e5, ~3,900 nodes; "
                    "2e5, ~2,600 nodes, with --quick)")
    ap.add_argument("--trace-max", default="1e6", help="largest scale given a tracemalloc pass (default 1e6)")
    ap.add_argument("--no-trace", dest="trace", action="store_false", help="no tracemalloc pass")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a worker is stopped")
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    args = ap.parse_args(argv)
    if args.quick and args.scales:
        ap.error("give --quick or --scales, not both")
    raw = QUICK_SCALES if args.quick else (args.scales.split(",") if args.scales else DEFAULT_SCALES)
    try:
        sizes = sorted({generate.parse_size(s) for s in raw})
        args.ref_scale = scale_label(generate.parse_size(args.ref_scale or ("2e5" if args.quick else "3e5")))
        generate.parse_size(args.trace_max)
    except ValueError as exc:
        ap.error(f"bad size: {exc}")
    args.scale_list = [scale_label(n) for n in sizes]

    from resilience_kg.analysis.metrics import EXACT_LIMIT, SAMPLE_K, SEED

    started = time.perf_counter()
    print(f"resilience-kg analysis benchmark: {versions(*DISTS)}")
    print(f"scales {', '.join(args.scale_list)}; corpora in {generate.CORPORA.relative_to(ROOT)} (seed {args.seed}); "
          f"load average {_loadavg()}")
    print(f"metrics.EXACT_LIMIT = {EXACT_LIMIT} nodes (above it betweenness and closeness are sampled), "
          f"metrics.SAMPLE_K = {SAMPLE_K}, metrics.SEED = {SEED}")
    bench = Bench(args)
    try:
        bench.scales()
        if bench.per:
            bench.report_sizes()
            bench.report_steps()
            bench.report_growth()
            bench.targets_for_scales()
        bench.betweenness()
    except KeyboardInterrupt:
        bench.error("interrupted")
    bench.summary()
    elapsed = time.perf_counter() - started
    print(f"\nanalysis bench took {elapsed:.0f} s (load average now {_loadavg()})")
    if args.json:
        doc = {"scales": bench.per, "traced": bench.traced, "reference": getattr(bench, "ref", None),
               "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in bench.targets],
               "errors": bench.errors, "seconds": elapsed, "versions": versions(*DISTS)}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
