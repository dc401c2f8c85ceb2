"""Produce every user-facing output of the bundled data, and the drafts extracted from the tuned
set of reports, for the golden test.

``python tests/golden/outputs.py --write`` regenerates ``manifest.txt`` after a deliberate change
of data or output; the test (``tests/test_golden.py``) fails whenever an output changes otherwise,
which is how a reshaping of the code proves it changed no behaviour.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MANIFEST = Path(__file__).with_name("manifest.txt")
TESTS = Path(__file__).resolve().parent.parent
#: The reports whose drafts are recorded: the tuned set and the new reports (never the frozen set).
REPORTS = tuple(
    sorted(p for p in (TESTS / "extract_devset").iterdir() if p.suffix in (".txt", ".md", ".html"))
    + sorted((TESTS / "data" / "new-reports").glob("*.txt"))
)
#: What an extraction's record covers: the draft tables (not review.html, a view of them).
DRAFT_TABLES = ("elements.csv", "connections.csv", "sources.csv")

# (output name, CLI arguments); "{out}" is the output path.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("build", ("build", "--out", "{out}")),
    *(
        (f"export.{fmt}", ("export", "--format", fmt, "-o", "{out}"))
        for fmt in (
            "turtle", "trig", "nt", "nquads", "jsonld", "xml",
            "graphml", "gexf", "node-link", "cytoscape", "kumu-csv",
        )
    ),
    *((f"analyze.{fmt}", ("analyze", "--format", fmt, "-o", "{out}")) for fmt in ("table", "csv", "json", "markdown")),
    ("analyze.report-only", ("analyze", "--report-only", "--format", "csv", "-o", "{out}")),
    ("connections", ("connections",)),
    ("connections.bpbd", ("connections", "BPBD")),
    ("gaps", ("gaps",)),
    ("viz.full", ("viz", "--view", "full", "-o", "{out}")),
    ("viz.actors-pillars", ("viz", "--view", "actors-pillars", "-o", "{out}")),
    ("viz.pillar-siap", ("viz", "--view", "pillar:SIAP", "-o", "{out}")),
    # Each report alone, then all in one run (ids taken by earlier reports, the shared resolution cache).
    *((f"extract.{path.stem}", ("extract", str(path), "-o", "{out}")) for path in REPORTS),
    ("extract.batch", ("extract", *map(str, REPORTS), "-o", "{out}")),
)  # fmt: skip


def _digest(path: Path, only: tuple[str, ...] = ()) -> str:
    """The sha256 of a file, or of a folder's files (``only`` those named, when given)."""
    if path.is_dir():
        h = hashlib.sha256()
        for f in sorted(p for p in path.rglob("*") if p.is_file() and (not only or p.name in only)):
            h.update(f.relative_to(path).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        return h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outputs() -> dict[str, str]:
    """Run every command on the bundled data and return ``{name: sha256}``."""
    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in COMMANDS:
            out = Path(tmp) / name
            argv = [a.replace("{out}", str(out)) for a in args]
            # Tables fit COLUMNS when it is set: the record is of the full width, whatever the caller's.
            env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
            proc = subprocess.run(
                [sys.executable, "-m", "resilience_kg", *argv], capture_output=True, check=False, cwd=tmp, env=env
            )
            if proc.returncode != 0:
                raise RuntimeError(f"{name}: exit {proc.returncode}: {proc.stderr.decode()}")
            if "{out}" not in args:
                result[name] = hashlib.sha256(proc.stdout).hexdigest()
            else:
                result[name] = _digest(out, DRAFT_TABLES if name.startswith("extract.") else ())
    return result


def read_manifest() -> dict[str, str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return dict(line.split("  ", 1)[::-1] for line in lines if line.strip())  # type: ignore[misc]


if __name__ == "__main__":
    got = outputs()
    if "--write" in sys.argv:
        MANIFEST.write_text("".join(f"{h}  {n}\n" for n, h in got.items()), encoding="utf-8")
    else:
        want = read_manifest()
        for n, h in got.items():
            print(("same   " if want.get(n) == h else "CHANGED"), n)
