"""Sort the actor errors of annotated folders into classes: which kind of error to fix next.

Each report of each folder (gold JSON beside its text, as ``tests/extract_devset``) goes through
``resilience-kg extract`` with this checkout's code into a temporary folder, as in
``extract_scores.py``; then :func:`resilience_kg.extract.evaluation.error_classes.classify` puts
every missed gold actor in filtered / boundary / boundary-rejected / unseen and every false drafted
actor in duplicate / boundary / boundary-opt / spurious (the classes are defined in that module).
It prints the counts per class for each folder and pooled; ``--list`` adds one line per error.

    python bench/error_classes.py                        # the tuned part, tests/extract_devset
    python bench/error_classes.py /work/realset/tune41 /work/realset/tune42 --list
    python bench/error_classes.py --extracted DIR SET... # folders already extracted: DIR/<set>/<report>/

The frozen part (``tests/extract_frozen``, or any folder named ``frozen...``) is never read by a
developer: it is never the default, and ``--list`` on it is refused (counts only).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from extract_scores import DEVSET, FROZEN, run_extract  # noqa: E402
from report import table  # noqa: E402

from resilience_kg.extract.evaluation.error_classes import (  # noqa: E402
    FALSE_CLASSES,
    MISS_CLASSES,
    ActorError,
    ErrorCounts,
    ReportErrors,
    add,
    classify,
    count,
)
from resilience_kg.extract.score import load_devset  # noqa: E402


def is_frozen(folder: Path) -> bool:
    """Is this a frozen part, whose errors nobody may read?"""
    resolved = folder.resolve()
    return resolved == FROZEN.resolve() or resolved.name.startswith("frozen")


def error_line(kind: str, where: str, e: ActorError) -> str:
    """One error: its kind and class, the report, its surface, what it overlaps or names."""
    line = f"{kind:5s} {e.error_class:17s} {where}  {e.surface!r}"
    if e.quote is not None:
        line += f" ~ drafted {e.quote!r}"
    if e.gold is not None:
        line += f" (gold {e.gold!r})"
    return line


def classify_folder(folder: Path, *, extracted: Path | None, work: Path, show: bool) -> tuple[ErrorCounts, list[str]]:
    """Extract (or find) and classify every report of one folder; print its errors when ``show``."""
    reports: list[ReportErrors] = []
    failures = []
    for gold in load_devset(folder):
        if extracted is not None:
            kept = [d for d in (extracted / folder.name / gold.name, extracted / gold.name) if d.is_dir()]
            out, error = (kept[0], "") if kept else (None, f"no folder {extracted / folder.name / gold.name}")
        else:
            out, _, error = run_extract(gold, work / folder.name)
        if out is None:
            failures.append(f"{folder.name}/{gold.name}: {error}")
            continue
        errors = classify(gold, out)
        reports.append(errors)
        if show:
            for e in errors.misses:
                print(error_line("MISS", f"{folder.name}/{gold.name}", e))
            for e in errors.false_actors:
                print(error_line("FALSE", f"{folder.name}/{gold.name}", e))
    return count(reports), failures


def print_counts(counts: dict[str, ErrorCounts]) -> None:
    """Two tables, misses and false actors: a row per folder, and the pooled row."""
    rows = dict(counts)
    if len(counts) > 1:
        rows["pooled"] = add(counts.values())
    for title, attr, classes in (("Missed gold actors", "misses", MISS_CLASSES),
                                 ("False drafted actors", "false_actors", FALSE_CLASSES)):  # fmt: skip
        print(f"\n{title} by class:")
        table(["set", "reports", "total", *classes],
              [[name, str(c.reports), str(sum(getattr(c, attr).values())), *(str(getattr(c, attr)[k]) for k in classes)]
               for name, c in rows.items()])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="annotated folders (default: tests/extract_devset)")
    parser.add_argument("--list", action="store_true", help="one line per error: class, report, surface, overlap")
    parser.add_argument("--extracted", type=Path, help="classify folders already extracted: DIR/<set>/<report>/")
    args = parser.parse_args(argv)
    folders: list[Path] = args.folders or [DEVSET]
    if args.list and (frozen := [str(f) for f in folders if is_frozen(f)]):
        parser.error(f"--list reads the errors of a frozen part ({', '.join(frozen)}): nobody reads those; "
                     "leave out --list for its counts")  # fmt: skip
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        parser.error(f"no such folder: {', '.join(missing)}")
    work = Path(tempfile.mkdtemp(prefix="error-classes-"))
    counts: dict[str, ErrorCounts] = {}
    failures: list[str] = []
    try:
        for folder in folders:
            show = args.list and not is_frozen(folder)
            counts[folder.name], failed = classify_folder(folder, extracted=args.extracted, work=work, show=show)
            failures += failed
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_counts(counts)
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
