"""Print speed and memory figures for resilience-kg (``make bench``).

Start-up figures are taken in fresh interpreters (median of several runs); figures that depend on
the size of the graph are taken on synthetic corpora of 1e3 to 1e6 quads (``bench/generate.py``,
generated on first use), each scale in fresh worker processes so that peak memory is per scale.
Nothing timed is asserted: the targets are reported as met or missed, and the exit status is
non-zero only when something fails (a command exits with an error, a worker crashes).

    python bench/run.py                  # every scale (about 5 minutes on 2 cores)
    python bench/run.py --quick          # 1e3 and 1e4 only
    python bench/run.py --scales 1e3,1e5
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DISTS = ("pyoxigraph", "rdflib", "pyshacl")  # versions printed in the header
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file)
from report import last_json, table, versions  # noqa: E402  (bench/report.py)

PY = sys.executable
CLI = str(Path(PY).with_name("resilience-kg"))
SCALES = ("1e3", "1e4", "1e5", "1e6")
MODULES = ("rdflib", "networkx", "pyvis", "pyshacl", "pyoxigraph", "resilience_kg", "resilience_kg.cli")
EXTRA_MODULES = ("resilience_kg.graph.dataset", "resilience_kg.sparql.query")  # what `query` needs at run time
QUERY = "actor-pillars"

TARGET_HELP_S = 0.2
TARGET_QUERY_CLI_S = 0.5
TARGET_LOAD_1E6_S = 15.0
TARGET_OURS_VS_RAW = 1.5
TARGET_RDFLIB_VS_RAW = 100.0


# ================================================================ workers (run in subprocesses)
def _maxrss_mb(who: int | None = None) -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF if who is None else who).ru_maxrss / 1024  # KB on Linux


def worker_scale(folder: str, repeat: int, dump: str) -> dict[str, Any]:
    """Load one corpus, then time the named query through our API and through raw pyoxigraph."""
    import resource

    import pyoxigraph as ox

    from resilience_kg.graph.dataset import load_graph
    from resilience_kg.sparql.named import get_query
    from resilience_kg.sparql.query import query

    rss_imports = _maxrss_mb()
    started = time.perf_counter()
    kg = load_graph([folder], bundled=False)
    load_s = time.perf_counter() - started
    out: dict[str, Any] = {"load_s": load_s, "quads": len(kg), "rss_imports_mb": rss_imports,
                           "rss_load_mb": _maxrss_mb()}
    if dump:
        with open(dump, "wb") as fh:
            fh.write(ox.serialize(kg.store, format=ox.RdfFormat.N_QUADS))
    if repeat <= 0:
        return out
    text = get_query(QUERY).text

    def raw() -> int:
        result = kg.store.query(text, use_default_graph_as_union=True)
        return len([tuple(solution) for solution in result])

    raw_s, ours_s, call_s, rows_s, ask_raw_s, ask_ours_s = [], [], [], [], [], []
    rows_raw = rows_ours = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows_raw = raw()
        raw_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = query(kg, text)
        t1 = time.perf_counter()
        rows_ours = len(result.rows)
        t2 = time.perf_counter()
        call_s.append(t1 - t0)
        rows_s.append(t2 - t1)
        ours_s.append(t2 - t0)
        # The fixed cost of a query through our API (fork, pipe, JSON) on a process of this size.
        t0 = time.perf_counter()
        bool(kg.store.query("ASK {}"))
        ask_raw_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _ = query(kg, "ASK {}").boolean
        ask_ours_s.append(time.perf_counter() - t0)
    out.update(raw_s=raw_s, ours_s=ours_s, call_s=call_s, rows_s=rows_s, ask_raw_s=ask_raw_s, ask_ours_s=ask_ours_s,
               rows_raw=rows_raw, rows_ours=rows_ours, rss_end_mb=_maxrss_mb(),
               rss_children_mb=_maxrss_mb(resource.RUSAGE_CHILDREN))
    return out


def worker_build(folder: str, check: bool) -> dict[str, Any]:
    from resilience_kg.graph.build import build

    with tempfile.TemporaryDirectory(prefix="rkg-bench-build-") as out:
        started = time.perf_counter()
        result = build([folder], bundled=False, out=out, check=check)
        seconds = time.perf_counter() - started
    conforms = None if result.report is None else result.report.conforms
    return {"build_s": seconds, "conforms": conforms, "quads": len(result.kg), "rss_mb": _maxrss_mb()}


def worker_rdflib(nquads: str) -> dict[str, Any]:
    """rdflib's own SPARQL engine on the same data: parse N-Quads into a Dataset, query the union."""
    import rdflib

    from resilience_kg.sparql.named import get_query

    text = get_query(QUERY).text
    started = time.perf_counter()
    ds = rdflib.Dataset()
    ds.parse(nquads, format="nquads")
    ds.default_union = True
    parse_s = time.perf_counter() - started
    print(json.dumps({"parse_s": parse_s}), flush=True)  # partial result, in case the query is killed
    started = time.perf_counter()
    rows = [tuple(row) for row in ds.query(text)]  # type: ignore[arg-type]
    return {"parse_s": parse_s, "query_s": time.perf_counter() - started, "rows": len(rows)}


def worker_main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "scale":
        result = worker_scale(args[0], int(args[1]), args[2] if len(args) > 2 else "")
    elif kind == "build":
        result = worker_build(args[0], args[1] == "check")
    elif kind == "rdflib":
        result = worker_rdflib(args[0])
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(result), flush=True)
    return 0


# ================================================================ the parent
class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.errors: list[str] = []
        self.results: dict[str, Any] = {}
        self.targets: list[tuple[str, str, bool | None]] = []  # (target, measured, met)

    # -- helpers ------------------------------------------------------------------------------
    def error(self, message: str) -> None:
        self.errors.append(message)
        print(f"  ERROR: {message}", flush=True)

    def worker(self, argv: list[str], timeout: float) -> dict[str, Any] | None:
        """Run ``run.py --worker ...`` in a fresh interpreter; its last stdout line is JSON."""
        cmd = [PY, str(Path(__file__).resolve()), "--worker", *argv]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired as exc:  # subprocess.run has killed the child
            partial = last_json(exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or ""))
            return {"timeout": True, **(partial or {})}
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            self.error(f"worker {' '.join(argv[:1])} {argv[1:] if len(argv) > 1 else ''} exited "
                       f"{proc.returncode}: " + " | ".join(tail))
            return None
        parsed = last_json(proc.stdout)
        if parsed is None:
            self.error(f"worker {argv[0]} printed no result")
        return parsed

    def wall(self, cmd: list[str], runs: int, *, env: dict[str, str] | None = None) -> tuple[float, str]:
        """Median wall time of ``cmd`` over ``runs`` fresh processes, and the stderr of the last."""
        times: list[float] = []
        stderr = ""
        for _ in range(runs):
            started = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
            times.append(time.perf_counter() - started)
            stderr = proc.stderr
            if proc.returncode != 0:
                self.error(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
                break
        return statistics.median(times), stderr

    # -- 1 and 2: start-up --------------------------------------------------------------------
    def startup(self) -> None:
        runs = self.args.startup_runs
        print(f"\n1. Import time in a cold process (median of {runs} runs)")
        print("   wall: `python -c 'import X'` minus `python -c pass`; importtime: the cumulative time -X importtime")
        print("   reports for the top-level imports, less those of the interpreter's start-up (with its overhead)")
        bare, _ = self.wall([PY, "-c", "pass"], runs)
        rows = [["(bare interpreter start)", f"{bare * 1000:.1f}", "-", ""]]
        imports: dict[str, dict[str, float]] = {}
        for mod in (*MODULES, *EXTRA_MODULES):
            w, _ = self.wall([PY, "-c", f"import {mod}"], runs)
            it = self.importtime(f"import {mod}", runs)
            imports[mod] = {"wall_ms": (w - bare) * 1000, "importtime_ms": it}
            note = "(not asked; loaded by `query`)" if mod in EXTRA_MODULES else ""
            rows.append([mod, f"{(w - bare) * 1000:.1f}", f"{it:.1f}", note])
        table(["module", "wall ms", "importtime ms", ""], rows)
        self.results["imports"] = {"bare_ms": bare * 1000, **imports}

        print(f"\n2. Command line, cold process each (median of {runs} runs)")
        help_s, _ = self.wall([CLI, "--help"], runs)
        q_s, _ = self.wall([CLI, "query", "-n", "participants"], runs)
        rows = [["resilience-kg --help", f"{help_s:.3f}", f"< {TARGET_HELP_S}", _met(help_s < TARGET_HELP_S)],
                ["resilience-kg query -n participants", f"{q_s:.3f}", f"< {TARGET_QUERY_CLI_S}",
                 _met(q_s < TARGET_QUERY_CLI_S)]]
        table(["command", "wall s", "target s", ""], rows)
        self.results["cli"] = {"help_s": help_s, "query_participants_s": q_s}
        self.targets.append((f"`resilience-kg --help` < {TARGET_HELP_S} s", f"{help_s:.3f} s", help_s < TARGET_HELP_S))
        self.targets.append((f"`resilience-kg query -n participants` < {TARGET_QUERY_CLI_S} s", f"{q_s:.3f} s",
                             q_s < TARGET_QUERY_CLI_S))

    def importtime(self, code: str, runs: int) -> float:
        """Median over runs of the summed cumulative -X importtime of the top-level imports, in ms,
        leaving out the modules the interpreter's own start-up imports (as in ``-c pass``)."""
        if self._startup_modules is None:
            self._startup_modules = set()
            for _ in range(3):
                self._startup_modules |= set(_top_level_imports("pass"))
        totals = [sum(us for name, us in _top_level_imports(code).items() if name not in self._startup_modules)
                  for _ in range(runs)]
        return statistics.median(totals) / 1000

    _startup_modules: set[str] | None = None

    # -- 3: per scale -------------------------------------------------------------------------
    def corpus(self, scale: str, *, single_source: bool = False) -> Path:
        target = generate.PRESETS[scale]
        folder = generate.CORPORA / (scale + ("-one-source" if single_source else ""))
        if not generate.is_current(folder, target, self.args.seed, single_source):
            m = generate.generate(target, folder, seed=self.args.seed, single_source=single_source)
            print(f"  generated {folder.relative_to(ROOT)}: {m['predicted_quads']} quads in {m['seconds']} s",
                  flush=True)
        return folder

    def scales(self) -> None:
        scales = self.args.scale_list
        runs, repeat = self.args.load_runs, self.args.query_repeat
        print(f"\n3. Per scale: load from CSV, peak memory, the `{QUERY}` query "
              f"({runs} fresh processes per scale; medians)")
        per: dict[str, dict[str, Any]] = {}
        nq_dump = Path(tempfile.gettempdir()) / f"rkg-bench-1e4-{os.getpid()}.nq"
        for scale in scales:
            folder = self.corpus(scale)
            samples = []
            for i in range(runs):
                dump = str(nq_dump) if (scale == "1e4" and i == 0 and self.args.rdflib) else ""
                r = self.worker(["scale", str(folder), str(repeat), dump], timeout=900)
                if r is None or r.get("timeout"):
                    if r is not None:
                        self.error(f"scale {scale}: worker timed out")
                    break
                samples.append(r)
            if not samples:
                continue
            agg = {
                "quads": samples[0]["quads"],
                "load_s": statistics.median(s["load_s"] for s in samples),
                "load_all_s": [s["load_s"] for s in samples],
                "rss_imports_mb": statistics.median(s["rss_imports_mb"] for s in samples),
                "rss_load_mb": max(s["rss_load_mb"] for s in samples),
                "rss_end_mb": max(s.get("rss_end_mb", 0) for s in samples),
            }
            if repeat > 0:
                for key in ("raw_s", "ours_s", "call_s", "rows_s", "ask_raw_s", "ask_ours_s"):
                    agg[key] = statistics.median(x for s in samples for x in s[key])
                agg["rows"] = samples[0]["rows_raw"]
                agg["ratio"] = agg["ours_s"] / agg["raw_s"] if agg["raw_s"] else float("nan")
                if any(s["rows_raw"] != s["rows_ours"] for s in samples):
                    self.error(f"scale {scale}: our API returned {samples[0]['rows_ours']} rows, "
                               f"raw Oxigraph {samples[0]['rows_raw']}")
            per[scale] = agg
            print(f"  {scale}: loaded {agg['quads']} quads in {agg['load_s']:.2f} s", flush=True)
        self.results["scales"] = per
        if not per:
            return
        print("\n  3a. Load and memory")
        rows = []
        for scale, a in per.items():
            rows.append([scale, str(a["quads"]), f"{a['load_s']:.3f}", " ".join(f"{x:.2f}" for x in a["load_all_s"]),
                         f"{a['quads'] / a['load_s'] / 1000:.0f}", f"{a['rss_imports_mb']:.0f}",
                         f"{a['rss_load_mb']:.0f}", f"{a['rss_load_mb'] - a['rss_imports_mb']:.0f}"])
        table(["scale", "quads", "load s", "(runs)", "kquads/s", "RSS imports MB", "peak RSS MB",
                "peak - imports MB"], rows)
        if "1e6" in per:
            load = per["1e6"]["load_s"]
            self.targets.append((f"load 1e6 from CSV < {TARGET_LOAD_1E6_S:g} s", f"{load:.2f} s",
                                 load < TARGET_LOAD_1E6_S))
        if repeat > 0:
            print(f"\n  3b. The `{QUERY}` query: ours = query(kg, text) then .rows (fork, JSON, parse, dicts);"
                  f"\n      raw = store.query(text, use_default_graph_as_union=True), every solution made a tuple;"
                  f"\n      median of {runs}x{repeat} runs; ASK = `ASK {{}}`, the fixed cost of one query")
            rows = []
            for scale, a in per.items():
                rows.append([scale, str(a["rows"]), f"{a['raw_s'] * 1000:.1f}", f"{a['ours_s'] * 1000:.1f}",
                             f"{a['call_s'] * 1000:.1f}", f"{a['rows_s'] * 1000:.1f}", f"{a['ratio']:.2f}x",
                             f"{a['ask_raw_s'] * 1000:.2f}", f"{a['ask_ours_s'] * 1000:.1f}",
                             _met(a["ratio"] <= TARGET_OURS_VS_RAW)])
            table(["scale", "rows", "raw ms", "ours ms", "query() ms", ".rows ms", "ours/raw", "ASK raw ms",
                    "ASK ours ms", f"<= {TARGET_OURS_VS_RAW}x"], rows)
            worst = max(per.items(), key=lambda kv: kv[1]["ratio"])
            self.targets.append((f"ours within {TARGET_OURS_VS_RAW}x of raw Oxigraph at every scale",
                                 ", ".join(f"{s} {a['ratio']:.2f}x" for s, a in per.items()),
                                 worst[1]["ratio"] <= TARGET_OURS_VS_RAW))
        if self.args.one_source:
            self.one_source()
        if self.args.build:
            self.builds()
        if self.args.rdflib:
            self.rdflib_vs_oxigraph(nq_dump)
        nq_dump.unlink(missing_ok=True)
        self.growth()

    def one_source(self) -> None:
        print("\n  3c. Load when every quote comes from one source text (one run each): the same kind of corpus,"
              "\n      but one big report instead of one per workshop; assemble.py checks each fact's quote"
              "\n      against its whole source text")
        rows = []
        per = self.results["scales"]
        out: dict[str, Any] = {}
        for scale in per:
            folder = self.corpus(scale, single_source=True)
            r = self.worker(["scale", str(folder), "0"], timeout=900)
            if r is None or r.get("timeout"):
                continue
            size = (folder / "sources" / "synthetic-corpus.txt").stat().st_size
            out[scale] = {"load_s": r["load_s"], "quads": r["quads"], "text_bytes": size}
            rows.append([scale, str(r["quads"]), f"{size / 1e6:.2f}", f"{r['load_s']:.3f}",
                         f"{per[scale]['load_s']:.3f}", f"{r['load_s'] / per[scale]['load_s']:.1f}x"])
        table(["scale", "quads", "text MB", "load s (1 source)", "load s (per workshop)", "slowdown"], rows)
        self.results["one_source"] = out

    def builds(self) -> None:
        limit = self.args.shacl_max
        print(f"\n  3d. build(data, bundled=False, out=tmp, check=...): load, SHACL (check=True), summary, TriG and"
              f"\n      Turtle export. SHACL up to {limit} (median of 3 below 1e5, one run at 1e5); check=False at"
              f" every scale")
        rows = []
        out: dict[str, Any] = {}
        for scale in self.results["scales"]:
            folder = generate.CORPORA / scale
            n = 3 if generate.PRESETS[scale] < 100_000 else 1
            nocheck = [self.worker(["build", str(folder), "nocheck"], timeout=900) for _ in range(n)]
            nocheck_s = [r["build_s"] for r in nocheck if r and not r.get("timeout")]
            entry: dict[str, Any] = {"nocheck_s": statistics.median(nocheck_s) if nocheck_s else None}
            if generate.PRESETS[scale] <= generate.PRESETS[limit]:
                check = [self.worker(["build", str(folder), "check"], timeout=self.args.shacl_timeout)
                         for _ in range(n)]
                if any(r and r.get("timeout") for r in check):
                    entry["check"] = f"did not finish in {self.args.shacl_timeout:g} s"
                else:
                    ok = [r for r in check if r]
                    if ok:
                        entry["check_s"] = statistics.median(r["build_s"] for r in ok)
                        entry["conforms"] = all(r["conforms"] for r in ok)
                        entry["rss_check_mb"] = max(r["rss_mb"] for r in ok)
                        if not entry["conforms"]:
                            self.error(f"scale {scale}: the synthetic corpus does not conform to the shapes")
            else:
                entry["check"] = "skipped"
            out[scale] = entry
            ns = entry["nocheck_s"]
            cs = entry.get("check_s")
            rows.append([scale, f"{cs:.2f}" if cs is not None else entry.get("check", "-"),
                         f"{ns:.2f}" if ns is not None else "-",
                         f"{cs - ns:.2f}" if cs is not None and ns is not None else "-",
                         f"{entry['rss_check_mb']:.0f}" if "rss_check_mb" in entry else "-",
                         {True: "yes", False: "NO", None: "-"}[entry.get("conforms")]])
            print(f"  {scale}: build done", flush=True)
        table(["scale", "check=True s", "check=False s", "SHACL share s", "peak RSS (check) MB", "conforms"], rows)
        skipped = [s for s, e in out.items() if e.get("check") == "skipped"]
        if skipped:
            print(f"    SHACL skipped at {', '.join(skipped)}: above --shacl-max {limit}, as it grows faster than the"
                  " data (pass --shacl-max 1e6 to try)")
        self.results["build"] = out

    def rdflib_vs_oxigraph(self, nq: Path) -> None:
        per = self.results["scales"]
        print(f"\n  3e. Raw Oxigraph vs rdflib's SPARQL engine, `{QUERY}` at 1e4 (rdflib.Dataset from N-Quads,"
              f"\n      default_union=True, results materialised; rdflib capped at {self.args.rdflib_timeout:g} s)")
        if "1e4" not in per or "raw_s" not in per["1e4"] or not nq.exists():
            print("      skipped: needs the 1e4 scale with queries")
            return
        raw = per["1e4"]["raw_s"]
        r = self.worker(["rdflib", str(nq)], timeout=self.args.rdflib_timeout)
        if r is None:
            return
        if r.get("timeout"):
            line = (f"      rdflib did not finish in {self.args.rdflib_timeout:g} s (parse "
                    f"{r.get('parse_s', float('nan')):.2f} s); ratio > {self.args.rdflib_timeout / raw:.0f}x")
            print(line)
            self.results["rdflib"] = {"timeout": True, "raw_s": raw}
            self.targets.append((f"raw Oxigraph >= {TARGET_RDFLIB_VS_RAW:g}x faster than rdflib at 1e4",
                                 "rdflib did not finish", True))
            return
        ratio = r["query_s"] / raw
        table(["engine", "query ms", "rows", "parse s"],
               [["pyoxigraph (raw)", f"{raw * 1000:.1f}", str(per['1e4']['rows']), "-"],
                ["rdflib", f"{r['query_s'] * 1000:.1f}", str(r["rows"]), f"{r['parse_s']:.2f}"],
                ["rdflib / Oxigraph", f"{ratio:.0f}x", "", _met(ratio >= TARGET_RDFLIB_VS_RAW)]])
        if r["rows"] != per["1e4"]["rows"]:
            self.error(f"rdflib returned {r['rows']} rows, Oxigraph {per['1e4']['rows']}")
        self.results["rdflib"] = {**r, "raw_s": raw, "ratio": ratio}
        self.targets.append((f"raw Oxigraph >= {TARGET_RDFLIB_VS_RAW:g}x faster than rdflib at 1e4", f"{ratio:.0f}x",
                             ratio >= TARGET_RDFLIB_VS_RAW))

    # -- 4: growth ----------------------------------------------------------------------------
    def growth(self) -> None:
        per = self.results["scales"]
        names = list(per)
        if len(names) < 2:
            return
        print("\n4. Growth between consecutive scales (ratio of the figures; 10x data, linear cost gives ~10x)")
        rows = []
        build = self.results.get("build", {})
        one = self.results.get("one_source", {})
        for a, b in itertools.pairwise(names):
            pa, pb = per[a], per[b]
            row = [f"{a} -> {b}", f"{pb['quads'] / pa['quads']:.1f}x", f"{pb['load_s'] / pa['load_s']:.1f}x"]
            row.append(f"{one[b]['load_s'] / one[a]['load_s']:.1f}x" if a in one and b in one else "-")
            if "raw_s" in pa and "raw_s" in pb:
                row += [f"{pb['raw_s'] / pa['raw_s']:.1f}x", f"{pb['ours_s'] / pa['ours_s']:.1f}x"]
            else:
                row += ["-", "-"]
            ca, cb = build.get(a, {}).get("check_s"), build.get(b, {}).get("check_s")
            na, nb = build.get(a, {}).get("nocheck_s"), build.get(b, {}).get("nocheck_s")
            row.append(f"{cb / ca:.1f}x" if ca and cb else "-")
            row.append(f"{nb / na:.1f}x" if na and nb else "-")
            rows.append(row)
        table(["scales", "quads", "load", "load (1 source)", "query raw", "query ours", "build check=True",
                "build check=False"], rows)

    # -- summary ------------------------------------------------------------------------------
    def summary(self) -> None:
        print("\nTargets")
        for target, measured, met in self.targets:
            print(f"  [{'met   ' if met else 'MISSED'}] {target}: {measured}")
        met = sum(1 for *_, m in self.targets if m)
        print(f"  {met} of {len(self.targets)} targets met")
        if self.errors:
            print(f"\n{len(self.errors)} error(s):")
            for e in self.errors:
                print(f"  - {e}")


def _top_level_imports(code: str) -> dict[str, int]:
    """Module name to cumulative import time (us) of each top-level import ``-X importtime`` reports."""
    proc = subprocess.run([PY, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=ROOT)
    found: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or "cumulative" in line:
            continue
        name = parts[2][1:]
        if not name.startswith(" "):
            found[name.strip()] = found.get(name.strip(), 0) + int(parts[1])
    return found


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"






def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1:])
    ap = argparse.ArgumentParser(description="Print speed and memory figures for resilience-kg.")
    ap.add_argument("--quick", action="store_true", help="scales 1e3 and 1e4 only, 3 start-up runs")
    ap.add_argument("--scales", help=f"comma-separated subset of {','.join(SCALES)} (default: all)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--startup-runs", type=int, help="cold-process runs per start-up figure (default 5; 3 quick)")
    ap.add_argument("--load-runs", type=int, default=3, help="fresh processes per scale (default 3)")
    ap.add_argument("--query-repeat", type=int, default=3, help="query runs per process (default 3)")
    ap.add_argument("--shacl-max", choices=SCALES, default="1e5", help="largest scale to validate (default 1e5)")
    ap.add_argument("--shacl-timeout", type=float, default=600, help="seconds before a SHACL build is stopped")
    ap.add_argument("--rdflib-timeout", type=float, default=300, help="seconds before rdflib's query is stopped")
    ap.add_argument("--skip-startup", action="store_true", help="leave out sections 1 and 2")
    ap.add_argument("--no-build", dest="build", action="store_false", help="leave out the build figures")
    ap.add_argument("--no-rdflib", dest="rdflib", action="store_false", help="leave out the rdflib comparison")
    ap.add_argument("--no-one-source", dest="one_source", action="store_false",
                    help="leave out the one-source-text load figures")
    ap.add_argument("--json", type=Path, default=HERE / "results" / "latest.json",
                    help="also write every figure here (default bench/results/latest.json)")
    args = ap.parse_args(argv)
    if args.quick and args.scales:
        ap.error("give --quick or --scales, not both")
    scales = ["1e3", "1e4"] if args.quick else (args.scales.split(",") if args.scales else list(SCALES))
    unknown = [s for s in scales if s not in SCALES]
    if unknown:
        ap.error(f"unknown scale {unknown[0]!r}; use {', '.join(SCALES)}")
    args.scale_list = sorted(dict.fromkeys(scales), key=SCALES.index)
    args.startup_runs = args.startup_runs or (3 if args.quick else 5)

    started = time.perf_counter()
    print(f"resilience-kg benchmark: {versions(*DISTS)}")
    print(f"scales {', '.join(args.scale_list)}; corpora in {generate.CORPORA.relative_to(ROOT)} (seed {args.seed})")
    bench = Bench(args)
    try:
        if not args.skip_startup:
            bench.startup()
        bench.scales()
    except KeyboardInterrupt:
        bench.error("interrupted")
    bench.summary()
    elapsed = time.perf_counter() - started
    print(f"\nbench took {elapsed:.0f} s")
    bench.results.update(targets=[{"target": t, "measured": m, "met": ok} for t, m, ok in bench.targets],
                         errors=bench.errors, seconds=elapsed, versions=versions(*DISTS), scales_run=args.scale_list)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(bench.results, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
