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
import csv
import gzip
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from resilience_kg.files import atomic_write  # noqa: E402

#: Where the real annotated pages live: third-party texts, kept outside the repository.
REAL = Path("/work/realset")


def real_folders(real: Path = REAL) -> list[Path]:
    """The readable real sets a writer reads by default: ``tune``, ``tune2``, ``tune3``, ... in number
    order, whichever are on this machine (a writer still checks each one's ``OPEN`` mark)."""
    found = [p for p in real.glob("tune*") if p.is_dir() and re.fullmatch(r"tune\d*", p.name)]
    return sorted(found, key=lambda p: int(p.name[4:] or 1))


def absent_set(real: Path = REAL) -> Callable[[str], bool]:
    """Whether a table's ``set`` value (``tune4``, ``tune4@7fc41a9``) names a real set that is not on
    this machine. The synthetic part is always here."""
    return lambda name: (base := name.split("@")[0]) != "synthetic" and not (real / base).is_dir()


def read_table(path: Path) -> str:
    """A shipped table's text ('' when there is none); a ``.gz`` path is read as gzipped text."""
    if not path.exists():
        return ""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def keep_absent_sets(text: str, shipped: Path, *, absent: Callable[[str], bool] | None = None) -> str:
    """``text`` (a samples table, header first) with the rows of ``shipped`` whose ``set`` is a real
    set absent from this machine put back, every row in set order (the synthetic part, then
    ``tune``, ``tune2``, ..., then the rows an earlier version drafted, by version).

    The real pages stay outside the repository, so a machine may lack some or all of them; the
    shipped rows are then all that is left of those pages, and rewriting the table must not drop
    them. They come back as shipped (the features they were drafted with).

    >>> import tempfile; from pathlib import Path
    >>> shipped = Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = shipped.write_text("page,set,x\\nb,synthetic,2\\na,tune2,1\\n")
    >>> keep_absent_sets("page,set,x\\nc,synthetic,3\\nd,tune3,4\\n", shipped, absent=lambda s: s == "tune2")
    'page,set,x\\nc,synthetic,3\\na,tune2,1\\nd,tune3,4\\n'
    """
    absent = absent or absent_set()
    old = read_table(shipped)
    if not old:
        return text
    header = text.partition("\n")[0]
    old_rows = list(csv.reader(io.StringIO(old)))
    if ",".join(old_rows[0]) != header:
        raise SystemExit(f"{_shown(shipped)}: its columns differ from this writer's, so the rows of the real "
                         "sets absent here cannot be kept: restore the real sets or the table")
    where = old_rows[0].index("set")
    kept = [row for row in old_rows[1:] if absent(row[where])]
    rows = kept + list(csv.reader(io.StringIO(text)))[1:]
    versions = list(dict.fromkeys(row[where].partition("@")[2] for row in rows))

    def order(row: list[str]) -> tuple[int, int]:
        name, _, version = row[where].partition("@")
        number = -1 if name == "synthetic" else int(name[4:] or 1) if re.fullmatch(r"tune\d*", name) else 10**6
        return (0 if not version else 1 + versions.index(version), number)

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([old_rows[0], *sorted(rows, key=order)])
    if kept:
        print(f"  kept {len(kept)} shipped rows of real sets not on this machine", file=sys.stderr)
    return out.getvalue()


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
