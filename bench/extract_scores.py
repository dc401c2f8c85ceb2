"""Measure extraction quality on the tuned and the frozen sets: per report and overall, against a regex floor.

Two parts are scored and printed separately: the TUNED part (``tests/extract_devset``, the reports
the rules are developed on) and the FROZEN part (``tests/extract_frozen``, written and annotated by
someone who never read the rules or the gazetteer; nobody tunes on it, so its figures stand for
reports the project has not seen). Each report (those marked ``"format": "docx"`` or ``"pdf"`` are
first written in that format from their text) goes through ``resilience-kg extract`` into its own
folder; :mod:`resilience_kg.extract.score` compares the tables with the hand annotation (the
matching rules are in its docstring): actors, sectors, quotes, dates, roles, and the issues,
solutions and commitments with their event, pillar, proposer, party and status. The baseline is a
plain regular expression for "Dinas/Badan/Biro/PT ..." and capitalised acronyms, scored by the same
rule. The targets of issue 20 are printed as met or missed for each part.

    python bench/extract_scores.py                   # extract, then score both parts
    python bench/extract_scores.py --part frozen     # one part only
    python bench/extract_scores.py --extracted DIR   # score folders already extracted: DIR/<report>/
    python bench/extract_scores.py --keep            # keep the extracted folders (path printed)
    python bench/extract_scores.py --details         # list false positives, misses, wrong sectors and roles
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from helpers.devset_formats import materialise  # noqa: E402
from report import table  # noqa: E402

from resilience_kg.extract.score import (  # noqa: E402
    GoldReport,
    ReportScore,
    baseline,
    load_devset,
    plain_text,
    read_extracted,
    score_report,
    total,
)

DEVSET = ROOT / "tests" / "extract_devset"
FROZEN = ROOT / "tests" / "extract_frozen"
PARTS = {"tuned": DEVSET, "frozen": FROZEN}
#: Issue 20's targets on reports the rules were not tuned on.
TARGETS = {"precision": 0.92, "recall": 0.88, "sector": 0.95, "roles": 0.85, "quotes": 1.0, "dates": 0.85,
           "issue pillars": 0.80}  # fmt: skip


def run_extract(gold: GoldReport, work: Path) -> tuple[Path | None, float, str]:
    """Extract one report with the CLI into its own folder: (folder or None, seconds, error)."""
    source = materialise(gold.source, gold.format, work / "in" / gold.name)
    out = work / "out" / gold.name
    cmd = [sys.executable, "-m", "resilience_kg", "extract", str(source), "-o", str(out)]
    if gold.publication_date:
        cmd += ["--date", gold.publication_date]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        return None, seconds, (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
    return out, seconds, ""


def _fmt(x: float, n: int) -> str:
    return f"{x:.2f}" if n else "-"


def rows_of(scores: list[ReportScore]) -> list[list[str]]:
    return [
        [s.name, str(s.gold), str(s.extracted), str(s.matched), _fmt(s.precision, s.extracted), _fmt(s.recall, s.gold),
         _fmt(s.sector_accuracy, s.matched), f"{s.quotes_exact}/{s.quotes_total}", _fmt(s.date_accuracy, s.dated),
         _fmt(s.role_accuracy, s.roles_total)]
        for s in scores
    ]  # fmt: skip


HEADER = ["report", "gold", "found", "matched", "precision", "recall", "sector", "quotes exact", "date", "role"]


STATEMENT_HEADER = ["report", "issues", "raised in", "pillar", "solutions", "presented", "sol. pillar",
                    "proposers", "commitments", "parties", "status"]  # fmt: skip


def statement_rows(scores: list[ReportScore]) -> list[list[str]]:
    """Per report, each statement measure as right/total."""
    fields = [(r, t) for label, r, t in ReportScore.MEASURES if label != "issues drafted that are gold"]
    return [[s.name, *(f"{getattr(s, r)}/{getattr(s, t)}" for r, t in fields)] for s in scores]


def details(scores: list[ReportScore]) -> None:
    for s in scores:
        if s.false_positives or s.missed or s.sector_wrong or s.role_wrong or s.statement_misses or s.id_conflicts:
            print(f"  {s.name}")
            for label, items in (("false positive", s.false_positives), ("missed", s.missed),
                                 ("wrong sector", s.sector_wrong), ("wrong role", s.role_wrong),
                                 ("not drafted", s.statement_misses),
                                 ("resolved elsewhere", s.id_conflicts)):  # fmt: skip
                for item in items:
                    print(f"      {label}: {item}")


def figures(s: ReportScore) -> dict[str, tuple[int, int]]:
    """Each targeted measure as (right, total)."""
    return {"precision": (s.matched, s.extracted), "recall": (s.matched, s.gold), "sector": (s.sector_right, s.matched),
            "roles": (s.roles_right, s.roles_total), "quotes": (s.quotes_exact, s.quotes_total),
            "dates": (s.date_right, s.dated), "issue pillars": (s.pillar_right, s.pillar_total)}  # fmt: skip


def verdicts(s: ReportScore) -> None:
    """The targeted measures, each a fraction with its count, met or missed; then the other statement measures."""
    for key, (right, n) in figures(s).items():
        if n:
            value = right / n
            met = "met" if value >= TARGETS[key] else "MISSED"
            print(f"    {key:<14} {value:.2f} ({right}/{n})  target {TARGETS[key]:.2f}  {met}")
        else:
            print(f"    {key:<14} -  (nothing to count)  target {TARGETS[key]:.2f}")
    for label, r, t in ReportScore.MEASURES:
        right, n, value = s.fraction(r, t)
        print(f"    {label:<48} {value:.2f} ({right}/{n})" if n else f"    {label:<48} -  (0/0)")
    if s.id_conflicts:
        print(f"    {len(s.id_conflicts)} name matches refused because the node was resolved to another gazetteer id "
              "(a wrong resolution, or a gold id to align: see --details)")


def score_part(name: str, folder: Path, args: argparse.Namespace, work: Path) -> tuple[ReportScore | None, list[str]]:
    """Extract and score one part, print its tables; return its total (None without extraction) and failures."""
    golds = load_devset(folder)
    blurb = {"tuned": "the rules are tuned on these", "frozen": "written blind to the rules; never tune on these"}
    where = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"\n=== {name.upper()} part: {len(golds)} annotated reports in {where} ({blurb.get(name, 'custom')}) ===")
    scores: list[ReportScore] = []
    failures = []
    seconds = 0.0
    for gold in golds:
        if args.extracted:
            out: Path | None = args.extracted / gold.name
            error = "" if out and out.is_dir() else f"no folder {out}"
            out = out if not error else None
        else:
            out, took, error = run_extract(gold, work)
            seconds += took
        if out is None:
            failures.append(f"{gold.name}: {error}")
            if "No such command" in error:  # this checkout has no extract command: the baseline only
                break
            continue
        scores.append(score_report(gold, read_extracted(out)))
    base = [score_report(g, baseline(plain_text(g))) for g in golds]
    for b in base:  # a regex finds no event, no role and no statement: those columns do not apply
        b.dated = b.date_right = b.roles_total = b.roles_right = 0
        for _, r, t in ReportScore.MEASURES:
            setattr(b, r, 0)
            setattr(b, t, 0)

    if scores:
        print(f"\n{name.capitalize()} part, extraction (resilience-kg extract), actors per report:")
        table(HEADER, [*rows_of(scores), *rows_of([total(scores)])])
        if not args.extracted:
            print(f"    ({seconds:.1f} s for {len(scores)} extract calls, each a fresh process)")
        print(f"\n{name.capitalize()} part, extraction, issues, solutions and commitments per report (right/gold):")
        table(STATEMENT_HEADER, [*statement_rows(scores), *statement_rows([total(scores)])])
    print(f"\n{name.capitalize()} part, baseline (regex: Dinas/Badan/Biro/PT ... and capitalised acronyms):")
    table(HEADER, [*rows_of(base), *rows_of([total(base, name="overall")])])
    if not scores:
        return None, failures
    overall = total(scores)
    print(f"\n{name.capitalize()} part, overall, extraction against the targets of issue 20:")
    verdicts(overall)
    if args.details:
        print(f"\n{name.capitalize()} part, details (extraction):")
        details(scores)
    return overall, failures


def summary(parts: dict[str, ReportScore]) -> None:
    """One table: each targeted measure on each part, as a fraction with its count, met or missed."""
    header = ["measure", "target", *(f"{n} part" for n in parts), *(f"{n}" for n in parts)]
    rows = []
    for key, target in TARGETS.items():
        cells, marks = [], []
        for s in parts.values():
            right, n = figures(s)[key]
            cells.append(f"{right / n:.2f} ({right}/{n})" if n else "-")
            marks.append(("met" if right / n >= target else "MISSED") if n else "-")
        rows.append([key, f"{target:.2f}", *cells, *marks])
    print("\nSummary, tuned against frozen, each against the targets of issue 20:")
    table(header, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["tuned", "frozen", "both"], default="both", help="which part to score")
    parser.add_argument("--devset", type=Path, help="score this folder of reports and gold JSON files instead")
    parser.add_argument("--extracted", type=Path, help="score these folders (one per report, named as it)")
    parser.add_argument("--keep", action="store_true", help="keep the extracted folders")
    parser.add_argument("--details", action="store_true", help="list false positives, misses, wrong sectors and roles")
    args = parser.parse_args()
    chosen = {"custom": args.devset} if args.devset else {n: PARTS[n] for n in PARTS if args.part in (n, "both")}
    work = Path(tempfile.mkdtemp(prefix="extract-scores-"))
    overall: dict[str, ReportScore] = {}
    failures: list[str] = []
    for name, folder in chosen.items():
        part_total, part_failures = score_part(name, folder, args, work)
        failures += part_failures
        if part_total is not None:
            overall[name] = part_total
    if len(overall) > 1:
        summary(overall)
    for failure in failures:
        print(f"FAILED {failure}")
    if args.keep:
        print(f"\nExtracted folders kept in {work / 'out'}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
