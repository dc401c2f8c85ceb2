"""What the bench scripts that write a shipped table (samples, weights) share: write the table, or
check that the shipped one is reproduced.

    >>> import tempfile; from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_or_check(path, "a\\n", check=False, wrote="1 row")
    wrote t.csv: 1 row
    0
    >>> write_or_check(path, "b\\n", check=True, differs="run the script")
    t.csv: differs from the table the script gives now: run the script
    1
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from resilience_kg.files import atomic_write  # noqa: E402


def _shown(path: Path) -> str:
    for base in (ROOT, path.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def samples_parser(doc: str, target: Path) -> argparse.ArgumentParser:
    """The arguments every sample writer takes: ``--folder`` (repeatable), ``--out`` and ``--check``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--folder", type=Path, action="append", default=[],
                        help="an annotated folder (repeatable); default: the tuned part and /work/realset/tune*")
    parser.add_argument("--out", type=Path, default=target)
    parser.add_argument("--check", action="store_true", help="fail if the shipped samples differ")
    return parser


def write_or_check(path: Path, text: str, *, check: bool, wrote: str = "", differs: str = "") -> int:
    """With ``check``, 0 when ``path`` holds exactly ``text`` and 1 (saying so, with the remedy
    ``differs``) when not; else write ``text`` to ``path`` whole (a temporary file, then a rename)
    and say what was written. The exit status of a script either way. A path ending ``.gz`` holds
    the text gzipped (with no time stamp, so the same text gives the same bytes)."""
    zipped = path.suffix == ".gz"
    if check:
        held = path.read_bytes() if path.exists() else None
        if held is None or (gzip.decompress(held) if zipped else held).decode("utf-8") != text:
            print(f"{_shown(path)}: differs from the table the script gives now" + (f": {differs}" if differs else ""))
            return 1
        print(f"{_shown(path)}: reproduced")
        return 0
    data = text.encode("utf-8")
    atomic_write(path, gzip.compress(data, mtime=0) if zipped else data)
    print(f"wrote {_shown(path)}" + (f": {wrote}" if wrote else ""))
    return 0
