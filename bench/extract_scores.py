"""Measure extraction quality on the development set: per report and overall, against a regex floor.

Each report of ``tests/extract_devset`` (those marked ``"format": "docx"`` or ``"pdf"`` are first
written in that format from their text) goes through ``resilience-kg extract`` into its own folder;
:mod:`resilience_kg.extract.score` compares the tables with the hand annotation (the matching rule
is in its docstring). The baseline is a plain regular expression for "Dinas/Badan/Biro/PT ..." and
capitalised acronyms, scored by the same rule. Targets (issue 12) are printed as met or missed.

    python bench/extract_scores.py                   # extract, then score
    python bench/extract_scores.py --extracted DIR   # score folders already extracted: DIR/<report>/
    python bench/extract_scores.py --keep            # keep the extracted folders (path printed)
    python bench/extract_scores.py --details         # list false positives, misses and wrong sectors
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
TARGETS = {"precision": 0.90, "recall": 0.85, "sector": 0.90, "quotes": 1.0, "dates": 0.80}


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


def details(scores: list[ReportScore]) -> None:
    for s in scores:
        if s.false_positives or s.missed or s.sector_wrong:
            print(f"  {s.name}")
            for label, items in (("false positive", s.false_positives), ("missed", s.missed),
                                 ("wrong sector", s.sector_wrong)):  # fmt: skip
                for item in items:
                    print(f"      {label}: {item}")


def verdicts(s: ReportScore) -> None:
    figures = {"precision": (s.precision, s.extracted), "recall": (s.recall, s.gold),
               "sector": (s.sector_accuracy, s.matched), "quotes": (s.quote_accuracy, s.quotes_total),
               "dates": (s.date_accuracy, s.dated)}  # fmt: skip
    for key, (value, n) in figures.items():
        if n:
            met = "met" if value >= TARGETS[key] else "MISSED"
            print(f"    {key:<10} {value:.2f}  target {TARGETS[key]:.2f}  {met}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="folder of reports and gold JSON files")
    parser.add_argument("--extracted", type=Path, help="score these folders (one per report, named as it)")
    parser.add_argument("--keep", action="store_true", help="keep the extracted folders")
    parser.add_argument("--details", action="store_true", help="list false positives, misses, wrong sectors")
    args = parser.parse_args()
    golds = load_devset(args.devset)
    print(f"Development set: {len(golds)} hand-annotated reports in {args.devset}")

    work = Path(tempfile.mkdtemp(prefix="extract-scores-"))
    scores: list[ReportScore] = []
    failures = []
    seconds = 0.0
    for gold in golds:
        if args.extracted:
            folder: Path | None = args.extracted / gold.name
            error = "" if folder and folder.is_dir() else f"no folder {folder}"
            folder = folder if not error else None
        else:
            folder, took, error = run_extract(gold, work)
            seconds += took
        if folder is None:
            failures.append(f"{gold.name}: {error}")
            if "No such command" in error:  # this checkout has no extract command: the baseline only
                break
            continue
        scores.append(score_report(gold, read_extracted(folder)))
    base = [score_report(g, baseline(plain_text(g))) for g in golds]
    for b in base:  # a regex finds no event and no role: those columns do not apply
        b.dated = b.date_right = b.roles_total = b.roles_right = 0

    if scores:
        print("\nExtraction (resilience-kg extract), per report:")
        table(HEADER, [*rows_of(scores), *rows_of([total(scores)])])
        if not args.extracted:
            print(f"    ({seconds:.1f} s for {len(scores)} extract calls, each a fresh process)")
    print("\nBaseline (regex: Dinas/Badan/Biro/PT ... and capitalised acronyms), per report:")
    table(HEADER, [*rows_of(base), *rows_of([total(base, name="overall")])])
    if scores:
        print("\nOverall, extraction against the targets:")
        verdicts(total(scores))
        if args.details:
            print("\nDetails (extraction):")
            details(scores)
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
