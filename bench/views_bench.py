"""Time the interactive network views: building, writing, and drawing them in headless Chromium.

The graphs are real projections of synthetic corpora from ``bench/generate.py``, each sized so
that its full view has about the wanted number of nodes (the generator is run with a quad count
found by a few trial runs; the node count of a full view equals the number of element rows).
For each size a fresh worker process loads the corpus and times ``build_view(kg, "full")`` and
``write_page``; then Chromium (Playwright, /usr/bin/chromium, every non-file:// request blocked)
opens the page: the time from navigation until ``body[data-drawn]``, and until a click on a node
has selected it and filled the details panel, median of several loads. Nothing is asserted:
targets are printed as met or missed; the exit status is non-zero only when something fails.

    python bench/views_bench.py                  # 500, 5,000 and 20,000 nodes
    python bench/views_bench.py --quick          # 500 and 5,000 nodes
    python bench/views_bench.py --sizes 5000 --loads 5 --keep
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DISTS = ("networkx", "pyvis", "playwright")  # versions printed in the header
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file; not edited here)
from report import Probe, run_worker, table, versions  # noqa: E402  (bench/report.py)

PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
DEFAULT_SIZES = (500, 5_000, 20_000)
QUICK_SIZES = (500, 5_000)
TARGET_SIZE = 5_000
TARGET_INTERACTIVE_S = 3.0
NODES_PER_QUAD = 0.0132  # first guess for the calibration (1e6 quads gave 13,159 nodes)
CALIBRATION_TOLERANCE = 0.01


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ================================================================ worker (a fresh process per size)
def worker_build(folder: str, html: str) -> dict[str, Any]:
    """Load a corpus, then time build_view (with its parts) and write_page."""
    from resilience_kg.graph.dataset import load_graph
    from resilience_kg.views import network_view, page

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    kg = load_graph([folder], bundled=False)
    out["load_s"] = time.perf_counter() - t0
    out["quads"] = len(kg)
    from resilience_kg.analysis import projection

    # build_view gets its projection through analysis.window, which looks project up when called.
    probe = Probe([(projection, "project", "project")] + [(network_view, name, name) for name in
                   ("pillar_links", "centralities", "_evidence", "_node_pillars", "layout")])
    with probe:
        t0, c0 = time.perf_counter(), time.process_time()
        data = network_view.build_view(kg, "full")
        out["build_view_s"], out["build_view_cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    out["build_parts"] = probe.parts("")
    out.update(nodes=len(data.nodes), edges=len(data.edges), physics=data.physics)
    probe = Probe([(network_view, "to_pyvis", "to_pyvis"), (page, "render_page", "render_page"),
                   (page, "atomic_write", "atomic_write")])
    with probe:
        t0 = time.perf_counter()
        page.write_page(data, html)
        out["write_page_s"] = time.perf_counter() - t0
    out["write_parts"] = probe.parts("")
    out["html_bytes"] = Path(html).stat().st_size
    out["maxrss_mb"] = _maxrss_mb()
    return out


def worker_main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind != "build":
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(worker_build(args[0], args[1])), flush=True)
    return 0


# ================================================================ in the browser
PICK_NODE = """() => {
  const net = window.rkgView.network;
  const ids = window.rkgView.nodesView.getIds();
  const pos = net.getPositions(ids);
  const box = document.getElementById("rkg-network").getBoundingClientRect();
  const cx = box.width / 2, cy = box.height / 2;
  const cands = [];
  for (const id of ids) {
    const d = net.canvasToDOM(pos[id]);
    if (d.x > 10 && d.y > 10 && d.x < box.width - 10 && d.y < box.height - 10) {
      cands.push([(d.x - cx) ** 2 + (d.y - cy) ** 2, id, d]);
    }
  }
  cands.sort((a, b) => a[0] - b[0]);
  for (const [, id, d] of cands.slice(0, 300)) {
    if (net.getNodeAt(d) === id) { return { id: id, x: box.left + d.x, y: box.top + d.y }; }
  }
  return null;
}"""
RESPONDED = """(id) => {
  const h2 = document.querySelector("#rkg-details h2");
  return window.rkgView.network.getSelectedNodes().includes(id) && h2 !== null && h2.textContent.length > 0;
}"""
PAGE_FACTS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return { dcl: nav ? nav.domContentLoadedEventEnd : null,
           heap: performance.memory ? performance.memory.usedJSHeapSize : null,
           nodes: window.rkgView.nodesView.getIds().length };
}"""


DIAGNOSE = """() => {
  const v = window.rkgView, net = v.network, out = {};
  const ids = v.nodesView.getIds();
  const once = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  const med = (f) => { const xs = [once(f), once(f), once(f)]; xs.sort((a, b) => a - b); return xs[1]; };
  out.scale = net.getScale();
  out.edges = v.edges.length;
  out.dashed = v.edges.get({ filter: (e) => Boolean(e.dashes) }).length;
  let data = null;
  out.json_parse = once(() => { data = JSON.parse(document.getElementById("rkg-data").textContent); });
  const box = document.createElement("div");
  box.style.cssText = "position:absolute;left:-4000px;top:0;width:1000px;height:800px";
  document.body.appendChild(box);
  let second = null;
  const both = { nodes: v.nodesView, edges: v.edgesView };
  out.construct = once(() => { second = new vis.Network(box, both, data.options); });
  second.destroy();
  box.remove();
  out.redraw = med(() => net.redraw());
  out.focus = once(() => v.focus(ids[Math.floor(ids.length / 2)]));
  out.redraw_dimmed = med(() => net.redraw());
  v.nodes.update(ids.map((k) => ({ id: k, opacity: 1 })));
  v.edges.update(v.edges.getIds().map((k) => ({ id: k, dashes: false })));
  out.redraw_no_dashes = med(() => net.redraw());
  net.setOptions({ edges: { arrows: { to: { enabled: false } } } });
  out.redraw_no_dashes_arrows = med(() => net.redraw());
  net.setOptions({ edges: { hidden: true } });
  out.redraw_no_edges = med(() => net.redraw());
  return out;
}"""


def page_diagnosis(browser: Any, url: str, timeout_s: float) -> dict[str, Any]:
    """One more load, then in-page timings (performance.now) of what a load and a click do: a
    second vis.Network on the same data, one redraw, the click handler's focus(), and redraws
    without dashed edges, without arrows, without edges. Changes the page, so it runs last."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    try:
        pg = context.new_page()
        pg.set_default_timeout(timeout_s * 1000)
        pg.goto(url, wait_until="commit")
        pg.wait_for_selector("body[data-drawn]", state="attached")
        return dict(pg.evaluate(DIAGNOSE))
    finally:
        context.close()


def browser_loads(pw: Any, html: Path, loads: int, timeout_s: float, diagnose: bool) -> dict[str, Any]:
    """Open the page ``loads`` times, each in a fresh browser context; returns every figure."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    url = html.resolve().as_uri()
    runs: list[dict[str, Any]] = []
    blocked: list[str] = []
    errors: list[str] = []
    try:
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1280, "height": 800})

            def route(r: Any) -> None:
                if r.request.url.startswith("file://"):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            pg = context.new_page()
            pg.set_default_timeout(timeout_s * 1000)
            pg.on("pageerror", lambda exc: errors.append(str(exc)))
            pg.on("request", lambda req: None if req.url.startswith(("file://", "data:", "blob:"))
                  else blocked.append(req.url))
            t0 = time.perf_counter()
            pg.goto(url, wait_until="commit")
            pg.wait_for_selector("body[data-drawn]", state="attached")
            drawn = time.perf_counter() - t0
            target = pg.evaluate(PICK_NODE)
            if target is None:
                errors.append("no node could be picked for the click")
                context.close()
                continue
            t1 = time.perf_counter()
            pg.mouse.click(target["x"], target["y"])
            pg.wait_for_function(RESPONDED, arg=target["id"], polling="raf")
            t2 = time.perf_counter()
            facts = pg.evaluate(PAGE_FACTS)
            runs.append({"drawn_s": drawn, "pick_s": t1 - t0 - drawn, "click_s": t2 - t1, "interactive_s": t2 - t0,
                         "dcl_s": facts["dcl"] / 1000 if facts["dcl"] is not None else None,
                         "heap_mb": facts["heap"] / 2**20 if facts["heap"] else None, "node": target["id"],
                         "visible_nodes": facts["nodes"]})
            context.close()
        diagnosis = page_diagnosis(browser, url, timeout_s) if diagnose else None
    finally:
        browser.close()
    return {"runs": runs, "blocked": sorted(set(blocked)), "errors": errors, "diagnosis": diagnosis}


# ================================================================ the parent
class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.errors: list[str] = []
        self.targets: list[tuple[str, str, bool | None]] = []
        self.built: dict[int, dict[str, Any]] = {}
        self.browser: dict[int, dict[str, Any]] = {}

    def error(self, message: str) -> None:
        self.errors.append(message)
        print(f"  ERROR: {message}", flush=True)

    def worker(self, argv: list[str]) -> dict[str, Any] | None:
        result, problem = run_worker(str(Path(__file__).resolve()), argv, timeout=self.args.timeout, cwd=ROOT)
        if problem:
            self.error(problem)
        return result

    def corpus(self, nodes: int) -> Path:
        """A corpus whose full view has ``nodes`` nodes, within 1%: bench/corpora/nodes-N."""
        folder = generate.CORPORA / f"nodes-{nodes}"
        seed = self.args.seed
        try:
            m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            if (generate.is_current(folder, int(m["target_quads"]), seed)
                    and abs(int(m["elements"]) - nodes) <= CALIBRATION_TOLERANCE * nodes):
                return folder
        except (OSError, ValueError, KeyError):
            pass
        started = time.perf_counter()
        target = max(1_000, round(nodes / NODES_PER_QUAD))
        with tempfile.TemporaryDirectory(prefix="rkg-views-calibrate-") as tmp:
            for _ in range(12):
                m = generate.generate(target, Path(tmp), seed=seed)
                got = int(str(m["elements"]))
                if abs(got - nodes) <= CALIBRATION_TOLERANCE * nodes:
                    break
                target = max(1_000, round(target * nodes / max(got, 1)))
        m = generate.generate(target, folder, seed=seed)
        print(f"  generated {folder.relative_to(ROOT)}: {m['predicted_quads']} quads, {m['elements']} elements "
              f"(calibrated in {time.perf_counter() - started:.1f} s)", flush=True)
        return folder

    def run(self) -> None:
        outdir = Path(self.args.keep) if self.args.keep else Path(tempfile.mkdtemp(prefix="rkg-views-bench-"))
        outdir.mkdir(parents=True, exist_ok=True)
        try:
            for size in self.args.size_list:
                folder = self.corpus(size)
                html = outdir / f"view-full-{size}.html"
                print(f"  {size}: build_view and write_page (fresh process; load average {_loadavg()})", flush=True)
                r = self.worker(["build", str(folder), str(html)])
                if r is None:
                    continue
                self.built[size] = r
                print(f"  {size}: {r['nodes']} nodes, {r['edges']} edges; build_view {r['build_view_s']:.2f} s, "
                      f"write_page {r['write_page_s']:.2f} s, {r['html_bytes'] / 2**20:.1f} MiB", flush=True)
            self.open_pages(outdir)
        finally:
            if self.args.keep:
                print(f"\n  pages kept in {outdir}")
            else:
                shutil.rmtree(outdir, ignore_errors=True)

    def open_pages(self, outdir: Path) -> None:
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            self.error("playwright is not installed: no browser figures")
            return
        if not Path(CHROMIUM).exists():
            self.error(f"{CHROMIUM} not found: no browser figures")
            return
        with sync_playwright() as pw:
            for size in self.built:
                html = outdir / f"view-full-{size}.html"
                print(f"  {size}: {self.args.loads} loads in Chromium (load average {_loadavg()})", flush=True)
                try:
                    b = browser_loads(pw, html, self.args.loads, self.args.browser_timeout, self.args.diagnose)
                except PlaywrightError as exc:
                    self.error(f"{size} nodes: browser: {str(exc).splitlines()[0]}")
                    continue
                self.browser[size] = b
                for e in b["errors"]:
                    self.error(f"{size} nodes: page error: {e}")
                if b["blocked"]:
                    self.error(f"{size} nodes: the page asked for {len(b['blocked'])} non-file URL(s), blocked: "
                               f"{', '.join(b['blocked'][:3])}")

    # -- reports ------------------------------------------------------------------------------------
    def report(self) -> None:
        print("\n1. Python side, one fresh process per size: build_view(kg, 'full') and write_page(data, path)")
        rows = []
        for size, r in self.built.items():
            rows.append([str(size), str(r["quads"]), str(r["nodes"]), str(r["edges"]), "on" if r["physics"] else "off",
                         f"{r['load_s']:.2f}", f"{r['build_view_s']:.2f}", f"{r['write_page_s']:.2f}",
                         f"{r['html_bytes'] / 2**20:.2f}", f"{r['html_bytes'] / max(1, r['nodes']):.0f}",
                         f"{r['maxrss_mb']:.0f}"])
        table(["size", "quads", "nodes", "edges", "physics", "load s (not in build)", "build_view s",
                "write_page s", "HTML MiB", "bytes/node", "peak RSS MB"], rows)
        rows = []
        for size, r in self.built.items():
            for part, seconds in [*r["build_parts"].items(), *r["write_parts"].items()]:
                step = "build_view" if part in r["build_parts"] else "write_page"
                total = r["build_view_s"] if step == "build_view" else r["write_page_s"]
                rows.append([str(size), step, part, f"{seconds:.3f}", f"{100 * seconds / total:.0f}%"])
        print("\n   1a. Inside build_view and write_page (calls timed in the same run)")
        table(["size", "step", "call", "wall s", "of step"], rows)
        if not self.browser:
            return
        print(f"\n2. In headless Chromium ({CHROMIUM}, 1280x800 viewport, fresh context per load, non-file:// "
              f"requests blocked); median of {self.args.loads} loads")
        print("   drawn: navigation -> body[data-drawn] (first afterDrawing); DOMContentLoaded from the page's "
              "navigation timing")
        print("   click: mouse click on a node's position (getPositions + canvasToDOM, checked with getNodeAt) ->"
              " getSelectedNodes()")
        print("          contains it and #rkg-details h2 is filled; interactive: navigation -> that response "
              "(includes the harness's node pick)")
        rows = []
        for size, b in self.browser.items():
            runs = b["runs"]
            if not runs:
                continue
            med = {k: statistics.median(x[k] for x in runs) for k in ("drawn_s", "click_s", "interactive_s",
                                                                         "pick_s")}
            dcl = [x["dcl_s"] for x in runs if x["dcl_s"] is not None]
            heap = [x["heap_mb"] for x in runs if x["heap_mb"] is not None]
            rows.append([str(size), str(runs[0]["visible_nodes"]), f"{statistics.median(dcl):.2f}" if dcl else "-",
                         f"{med['drawn_s']:.2f}", f"{med['pick_s']:.3f}", f"{med['click_s']:.3f}",
                         f"{med['interactive_s']:.2f}", " ".join(f"{x['interactive_s']:.2f}" for x in runs),
                         f"{statistics.median(heap):.0f}" if heap else "-", str(len(b["blocked"]))])
            b["median"] = med
        table(["size", "nodes drawn", "DCL s", "drawn s", "pick s", "click s", "interactive s", "(each load)",
                "JS heap MB", "blocked"], rows)
        diag = {size: b["diagnosis"] for size, b in self.browser.items() if b.get("diagnosis")}
        if diag:
            print("\n  2a. Inside the page, one more load per size (performance.now in the page; redraws median of 3)")
            print("       JSON.parse of the data block; new vis.Network on the same data in a second container;")
            print("       network.redraw() as drawn; focus(id), the click handler (dims every other node through")
            print("       nodes.update); then redraw with no dashed edges, also no arrows, and no edges at all")
            rows = []
            for size, d in diag.items():
                rows.append([str(size), f"{d['scale']:.3f}", str(d["edges"]), str(d["dashed"]),
                             *(f"{d[k]:.0f}" for k in ("json_parse", "construct", "redraw", "focus", "redraw_dimmed",
                                                       "redraw_no_dashes", "redraw_no_dashes_arrows",
                                                       "redraw_no_edges"))])
            table(["size", "zoom", "edges", "dashed", "JSON.parse ms", "new Network ms", "redraw ms", "focus() ms",
                    "redraw dimmed ms", "no dashes ms", "no dashes/arrows ms", "no edges ms"], rows)

    def summary(self) -> None:
        b = self.browser.get(TARGET_SIZE, {}).get("median")
        if b:
            self.targets.append((f"{TARGET_SIZE:,}-node view interactive (navigation -> click answered) within "
                                 f"{TARGET_INTERACTIVE_S:g} s", f"{b['interactive_s']:.2f} s (drawn at "
                                 f"{b['drawn_s']:.2f} s, click answered in {b['click_s']:.3f} s)",
                                 b["interactive_s"] < TARGET_INTERACTIVE_S))
        else:
            self.targets.append((f"{TARGET_SIZE:,}-node view interactive within {TARGET_INTERACTIVE_S:g} s",
                                 "not measured", None))
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
    ap = argparse.ArgumentParser(description="Time building, writing and drawing the network views.")
    ap.add_argument("--quick", action="store_true", help="500 and 5,000 nodes only")
    ap.add_argument("--sizes", help="comma-separated node counts (default 500,5000,20000)")
    ap.add_argument("--loads", type=int, default=3, help="page loads per size; the median is shown (default 3)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--keep", metavar="DIR", help="write the pages to DIR and keep them (default: a temporary folder)")
    ap.add_argument("--no-diagnose", dest="diagnose", action="store_false",
                    help="leave out the in-page breakdown (one extra load per size)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a Python worker is stopped")
    ap.add_argument("--browser-timeout", type=float, default=180, help="seconds to wait for a page to answer")
    args = ap.parse_args(argv)
    if args.quick and args.sizes:
        ap.error("give --quick or --sizes, not both")
    try:
        raw = QUICK_SIZES if args.quick else ([int(float(s)) for s in args.sizes.split(",")] if args.sizes
                                              else DEFAULT_SIZES)
    except ValueError as exc:
        ap.error(f"bad size: {exc}")
    args.size_list = sorted(set(raw))
    if args.loads < 1:
        ap.error("--loads must be at least 1")

    from resilience_kg.views.network_view import PHYSICS_LIMIT

    started = time.perf_counter()
    print(f"resilience-kg views benchmark: {versions(*DISTS)}")
    print(f"sizes {', '.join(map(str, args.size_list))} nodes (full view of a calibrated synthetic corpus, seed "
          f"{args.seed}); PHYSICS_LIMIT = {PHYSICS_LIMIT}; load average {_loadavg()}")
    bench = Bench(args)
    try:
        bench.run()
        bench.report()
    except KeyboardInterrupt:
        bench.error("interrupted")
    bench.summary()
    print(f"\nviews bench took {time.perf_counter() - started:.0f} s (load average now {_loadavg()})")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
