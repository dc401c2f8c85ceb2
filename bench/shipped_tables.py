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


def write_or_check(path: Path, text: str, *, check: bool, wrote: str = "", differs: str = "") -> int:
    """With ``check``, 0 when ``path`` holds exactly ``text`` and 1 (saying so, with the remedy
    ``differs``) when not; else write ``text`` to ``path`` whole (a temporary file, then a rename)
    and say what was written. The exit status of a script either way."""
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{_shown(path)}: differs from the table the script gives now" + (f": {differs}" if differs else ""))
            return 1
        print(f"{_shown(path)}: reproduced")
        return 0
    atomic_write(path, text.encode("utf-8"))
    print(f"wrote {_shown(path)}" + (f": {wrote}" if wrote else ""))
    return 0
