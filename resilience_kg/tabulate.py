"""Rows as a table for people or programs: aligned text, CSV, JSON or Markdown.

The one table renderer of the package: query results, the analysis, ``connections`` and ``gaps``
all print through it. Cells come from data files, so the human-readable forms (text and
Markdown) show control characters as visible escapes: a label holding ``ESC[2J`` must not clear
the analyst's terminal.

>>> print(render(["actor", "pillar"], [["BPBD", "SIAP"], ["Dishub", "TERHUBUNG"]], "table"), end="")
actor   pillar
------  ---------
BPBD    SIAP
Dishub  TERHUBUNG
>>> print(render(["a"], [["x|y"]], "markdown"), end="")
| a |
| --- |
| x\\|y |
>>> visible("red\\x1b[31m")
'red\\\\x1b[31m'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

#: Every format the renderer writes, in the order the CLI offers them.
TABLE_FORMATS = ("table", "csv", "json", "markdown")

# C0 and C1 controls, DEL, and the Unicode bidirectional overrides that can reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control characters shown as escapes and line breaks as spaces, for a terminal."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a dashed rule under the header; cells made visible."""
    header = [visible(h) for h in header]
    body = [[visible(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines) + "\n"


def render(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    notes: Sequence[str] = (),
) -> str:
    """``rows`` under ``header`` as ``table``, ``csv``, ``json`` (objects) or ``markdown``.

    Notes (what the table covers, what it leaves out) precede a text or Markdown table and go
    under ``notes`` in JSON; CSV carries only the rows, so that spreadsheets read it as is.
    """
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        doc: dict[str, Any] = {"rows": [dict(zip(header, r, strict=True)) for r in rows]}
        if notes:
            doc["notes"] = list(notes)
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        out = [f"> {visible(n)}\n" for n in notes]
        out.append("| " + " | ".join(markdown_cell(str(h)) for h in header) + " |")
        out.append("|" + " --- |" * len(header))
        out += ["| " + " | ".join(markdown_cell(str(c)) for c in r) + " |" for r in rows]
        return "\n".join(out) + "\n"
    if fmt == "table":
        return "".join(visible(n) + "\n\n" for n in notes) + aligned(header, [[str(c) for c in r] for r in rows])
    raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")


def markdown_cell(text: str) -> str:
    """A Markdown table cell: controls made visible, pipes escaped."""
    return visible(text).replace("|", "\\|")
