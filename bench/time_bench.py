"""Time the analyses across events and over time, and the views' time filter.

1. A multi-event corpus from ``bench/generate.py`` (500 events and 2,000 actors by default,
   ``event_corpus``), loaded in a fresh worker process: ``timeline`` (projection included) by year
   and by month, and the co-attendance network (projection, pairs, betweenness, Louvain) as is,
   with ``--threshold 2`` and with the disparity backbone. Targets: timeline under 10 s,
   co-attendance under 20 s.
2. The full view of a corpus of about 5,000 nodes (as ``views_bench.py`` makes it) in headless
   Chromium: the time to draw, then the time from moving a time handle until the network has
   redrawn with the new range (median of several moves). Target: within 3 s.

Nothing is asserted: each target is printed as met or missed (on wall time); the exit status is
non-zero only when something fails. The CPU time of each analysis is printed beside it: on a
machine busy with other work it is the better guide to what the analysis costs.

    python bench/time_bench.py
    python bench/time_bench.py --events 100 --actors 400 --view-nodes 1000     # quick
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py)
from report import Probe, run_worker, table, versions  # noqa: E402  (bench/report.py)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
TARGET_TIMELINE_S = 10.0
TARGET_COATTENDANCE_S = 20.0
TARGET_FILTER_S = 3.0


# ================================================================ worker (a fresh process)
def worker_analyses(folder: str) -> dict[str, Any]:
    from resilience_kg.analysis import coattendance, timeline
    from resilience_kg.graph import projection
    from resilience_kg.graph.dataset import load_graph

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    kg = load_graph([folder], bundled=False)
    out["load_s"], out["quads"] = time.perf_counter() - t0, len(kg)
    probe = Probe([(projection, "project", "project"), (timeline, "event_activity", "event_activity"),
                   (coattendance, "co_network", "co_network"), (coattendance, "disparity_backbone", "backbone")])
    runs: list[tuple[str, Any]] = [
        ("timeline --by year", lambda: timeline.timeline(kg, by="year")),
        ("timeline --by month", lambda: timeline.timeline(kg, by="month")),
        ("coattendance", lambda: coattendance.coattendance(kg)),
        ("coattendance --threshold 2", lambda: coattendance.coattendance(kg, threshold=2)),
        ("coattendance --backbone 0.05", lambda: coattendance.coattendance(kg, backbone=0.05)),
    ]
    out["runs"] = []
    with probe:
        for name, call in runs:
            probe.step = name
            t0, c0 = time.perf_counter(), time.process_time()
            result = call()
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            if name.startswith("timeline"):
                size = f"{len(result.periods)} periods, {len(result.rows)} actor-periods"
            else:
                size = (f"{result.network.number_of_nodes()} actors, {result.network.number_of_edges()} links, "
                        f"{len(result.communities)} communities, {len(result.brokers)} brokers")
            out["runs"].append({"name": name, "seconds": seconds, "cpu": cpu, "size": size,
                                "parts": probe.parts(name)})
    return out


def worker_view(folder: str, html: str) -> dict[str, Any]:
    from resilience_kg.graph.dataset import load_graph
    from resilience_kg.views.network_view import build_view
    from resilience_kg.views.page import write_page

    kg = load_graph([folder], bundled=False)
    t0, c0 = time.perf_counter(), time.process_time()
    data = build_view(kg, "full")
    built, built_cpu = time.perf_counter() - t0, time.process_time() - c0
    write_page(data, html)
    return {"build_view_s": built, "build_view_cpu_s": built_cpu, "nodes": len(data.nodes),
            "edges": len(data.edges), "dates": len(data.dates),
            "dated_nodes": sum(1 for n in data.nodes if n.get("dates"))}


def worker_main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "analyses":
        print(json.dumps(worker_analyses(args[0])), flush=True)
    elif kind == "view":
        print(json.dumps(worker_view(args[0], args[1])), flush=True)
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    return 0


# ================================================================ in the browser
# Move a handle by script, exactly as the page's own input listener sees it, and time until the
# network has drawn the new range (vis-network's afterDrawing after the DataView refresh).
MOVE = """async ([id, value]) => {
  const r = document.getElementById(id);
  const before = rkgView.visibleNodeIds().length;
  const drawn = new Promise((res) => rkgView.network.once("afterDrawing", res));
  const t0 = performance.now();
  r.value = String(value);
  r.dispatchEvent(new Event("input"));
  const timeout = new Promise((res) => setTimeout(() => res("timeout"), 20000));
  const how = await Promise.race([drawn, timeout]);
  return { ms: performance.now() - t0, before: before, after: rkgView.visibleNodeIds().length,
           timeout: how === "timeout" };
}"""


def browser_filter(html: Path, moves: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"moves": [], "errors": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        pg = context.new_page()
        pg.set_default_timeout(120_000)
        pg.on("pageerror", lambda exc: out["errors"].append(str(exc)))
        t0 = time.perf_counter()
        pg.goto(html.resolve().as_uri(), wait_until="commit")
        pg.wait_for_selector("body[data-drawn]", state="attached")
        out["drawn_s"] = time.perf_counter() - t0
        n = int(pg.evaluate("rkgView.dates.length"))
        out["dates"] = n
        # Narrow the range step by step from the left, then widen it again: every move changes
        # what is visible, so every move redraws.
        steps = [("rkg-from", round(i * (n - 1) / (moves + 1))) for i in range(1, moves + 1)]
        steps += [("rkg-from", 0)]
        for handle, value in steps:
            out["moves"].append(pg.evaluate(MOVE, [handle, value]) | {"handle": handle, "value": value})
        browser.close()
    return out


# ================================================================ the parent
def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker_main(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=500)
    ap.add_argument("--actors", type=int, default=2000)
    ap.add_argument("--view-nodes", type=int, default=5000, help="size of the full view for the filter timing")
    ap.add_argument("--moves", type=int, default=5, help="handle moves to time")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--no-view", action="store_true", help="time the analyses only")
    args = ap.parse_args(argv)
    errors: list[str] = []
    verdicts: list[tuple[str, str, bool]] = []
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"time bench: {versions('networkx', 'pyoxigraph', 'playwright')}; load average {load}", flush=True)

    folder = generate.CORPORA / f"events-{args.events}x{args.actors}-s{args.seed}"
    try:
        m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        fresh = m.get("generator_version") != generate.GENERATOR_VERSION or m.get("events") != args.events
    except (OSError, ValueError):
        fresh = True
    if fresh:
        m = generate.event_corpus(folder, events=args.events, actors=args.actors, seed=args.seed)
    print(f"\n1. Corpus {folder.relative_to(ROOT)}: {m['events']} events, {m['actors']} actors, {m['elements']} "
          f"elements, {m['connections']} connections", flush=True)
    script = str(Path(__file__).resolve())
    res, problem = run_worker(script, ["analyses", str(folder)], timeout=args.timeout, cwd=ROOT)
    if res is None:
        errors.append(problem)
        print(f"  ERROR: {problem}")
    else:
        print(f"   loaded {res['quads']} quads in {res['load_s']:.2f} s (not part of the figures below)\n")
        rows = []
        for r in res["runs"]:
            parts = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r["parts"].items()))
            rows.append([r["name"], f"{r['seconds']:.2f}", f"{r['cpu']:.2f}", r["size"], parts])
            target = TARGET_TIMELINE_S if r["name"].startswith("timeline") else TARGET_COATTENDANCE_S
            verdicts.append((f"{r['name']}: {r['seconds']:.2f} s ({r['cpu']:.2f} s of CPU)", f"< {target:g} s",
                             r["seconds"] < target))
        table(["analysis", "seconds", "cpu s", "result", "of which (wall s)"], rows)

    if args.no_view:
        return report_targets(verdicts, errors)
    print(f"\n2. The full view of about {args.view_nodes} nodes with a time filter, in Chromium", flush=True)
    import argparse as _ap

    import views_bench

    vfolder = views_bench.Bench(_ap.Namespace(seed=args.seed, timeout=args.timeout)).corpus(args.view_nodes)
    html = vfolder.parent / f"time-view-{args.view_nodes}.html"
    built, problem = run_worker(script, ["view", str(vfolder), str(html)], timeout=args.timeout, cwd=ROOT)
    if built is None:
        errors.append(problem)
        print(f"  ERROR: {problem}")
    else:
        print(f"   {built['nodes']} nodes ({built['dated_nodes']} dated), {built['edges']} links, {built['dates']} "
              f"dates; build_view {built['build_view_s']:.2f} s ({built['build_view_cpu_s']:.2f} s of CPU)", flush=True)
        try:
            b = browser_filter(html, args.moves)
        except Exception as exc:
            errors.append(f"browser: {exc}")
            print(f"  ERROR: browser: {exc}")
        else:
            errors += b["errors"]
            rows = [[mv["handle"], str(mv["value"]), str(mv["before"]), str(mv["after"]), f"{mv['ms'] / 1000:.3f}",
                     "timeout" if mv["timeout"] else ""] for mv in b["moves"]]
            print(f"   drawn in {b['drawn_s']:.2f} s; handle moves (seconds until redrawn):")
            table(["handle", "to index", "nodes before", "nodes after", "seconds", ""], rows)
            worst = max(mv["ms"] for mv in b["moves"]) / 1000
            median = statistics.median(mv["ms"] for mv in b["moves"]) / 1000
            verdicts.append((f"time filter at {built['nodes']} nodes: median {median:.3f} s, worst {worst:.3f} s",
                             f"< {TARGET_FILTER_S:g} s", worst < TARGET_FILTER_S and not any(
                                 mv["timeout"] for mv in b["moves"])))
    return report_targets(verdicts, errors)


def report_targets(verdicts: list[tuple[str, str, bool]], errors: list[str]) -> int:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nTargets (load average now {load}):")
    for what, target, ok in verdicts:
        print(f"  {'met   ' if ok else 'MISSED'} {what} (target {target})")
    for e in errors:
        print(f"  ERROR: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
