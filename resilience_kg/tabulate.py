"""Rows as a table for people or programs: aligned text, CSV, JSON or Markdown.

The one table renderer of the package: query results, the analysis, ``connections`` and ``gaps``
all print through it. Cells come from data files, so the human-readable forms (text and
Markdown) show control characters as visible escapes: a label holding ``ESC[2J`` must not clear
the analyst's terminal. Every CSV it writes is meant for a spreadsheet, so its cells go through
:func:`spreadsheet_cell` (no cell a spreadsheet would run as a formula); so do the other CSV files
meant for one (``extract``'s drafts, ``analyze --format csv``, the Kumu sheets), and
:func:`from_spreadsheet_cell` reads such a cell back exactly.

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

import contextlib
import contextvars
import csv
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: Every format the renderer writes, in the order the CLI offers them.
TABLE_FORMATS = ("table", "csv", "json", "markdown")

# C0 and C1 controls, DEL, and the Unicode bidirectional overrides that can reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a text cell that
#: begins with one of these is written with a leading single quote, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(value: object) -> object:
    """``value`` as a CSV cell a spreadsheet cannot run: numbers as they are, text that a
    spreadsheet would read as a formula neutralised with a leading ``'``.

    A text cell holding nothing but a number (``-0.5``) stays as it is: it is read as that
    number, never as a formula. Text that already starts with quotes before a formula sign gets
    one more, so that :func:`from_spreadsheet_cell` gives back exactly what was written.

    >>> [spreadsheet_cell(x) for x in ("=1+1", "@SUM(A1)", "-0.5", "-1+2", -0.5, "BPBD", "'=x", "'a")]
    ["'=1+1", "'@SUM(A1)", '-0.5', "'-1+2", -0.5, 'BPBD', "''=x", "'a"]
    """
    if not isinstance(value, str):
        return value
    rest = value.lstrip("'")
    if not rest.startswith(FORMULA_STARTS) or (rest is value and _PLAIN_NUMBER.fullmatch(value)):
        return value
    return "'" + value


def from_spreadsheet_cell(text: str) -> str:
    """The text that :func:`spreadsheet_cell` wrote as ``text``: one leading ``'`` taken off where
    it guards a formula sign; anything else as it is (a cell a spreadsheet saved without it too).

    >>> [from_spreadsheet_cell(x) for x in ("'=1+1", "''=x", "'a", "=1+1", "-0.5")]
    ['=1+1', "'=x", "'a", '=1+1', '-0.5']
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def spreadsheet_csv(header: Sequence[object], rows: Iterable[Sequence[object]], *, lineterminator: str = "\n") -> str:
    """``rows`` under ``header`` as CSV for a spreadsheet: every cell through :func:`spreadsheet_cell`,
    and every cell holding a line break quoted, a lone CR too (which the csv module quotes only
    when CR is part of the line terminator; unquoted, it would split the row in a reader).

    >>> spreadsheet_csv(["a", "b"], [["x\\ry", "=1"]])
    'a,b\\n"x\\ry",\\'=1\\n'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    lines = []
    for row in (header, *rows):
        writer.writerow([spreadsheet_cell(c) for c in row])
        lines.append(buf.getvalue()[:-2])
        buf.seek(0)
        buf.truncate()
    return "".join(line + lineterminator for line in lines)


def visible(text: str) -> str:
    """``text`` with control characters shown as escapes and line breaks as spaces, for a terminal."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: Set while a table is written to a file (``-o``): files get whole cells, whatever the terminal.
_TO_FILE: contextvars.ContextVar[bool] = contextvars.ContextVar("to_file", default=False)


@contextlib.contextmanager
def full_width() -> Iterator[None]:
    """Within it, :func:`terminal_width` is None: for output written to a file."""
    token = _TO_FILE.set(True)
    try:
        yield
    finally:
        _TO_FILE.reset(token)


def terminal_width() -> int | None:
    """The width to fit a table to: ``COLUMNS`` if set, else the terminal's, else None (a pipe
    or a file: full width, so that programs reading the lines get whole cells)."""
    if _TO_FILE.get():
        return None
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], *, width: int | None = None) -> str:
    """Columns padded to their widest cell, a dashed rule under the header; cells made visible.

    With ``width``, the table is fitted to it: a cell repeating the one above it in the leading
    columns is left blank, a long path repeating the start of the one above shows ``…`` for
    it, and the widest columns wrap onto more lines until the table fits.

    >>> print(aligned(["actor", "note"], [["BPBD", "works on early warning"], ["BPBD", "maps risk"]],
    ...               width=20), end="")
    actor  note
    -----  -------------
    BPBD   works on
           early warning
    <BLANKLINE>
           maps risk
    """
    header = [visible(h) for h in header]
    body = [[visible(c) for c in r] for r in rows]
    if width is not None:
        body = _drop_repeats(body)
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    if width is not None and sum(widths) + 2 * (len(widths) - 1) > width:
        widths = _fit(header, body, widths, width)
        return _wrapped(header, body, widths)
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines) + "\n"


#: A path's steps (``BPBD -> works on -> …``): a long shared start is shown once.
_STEP = " -> "
_SHARED = 24


def _drop_repeats(body: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for i, row in enumerate(body):
        if i == 0:
            out.append(row)
            continue
        above = body[i - 1]
        shown = list(row)
        j = 0
        while j < len(row) - 1 and row[j] and row[j] == above[j]:  # the leading columns, as groups
            shown[j] = ""
            j += 1
        for k, cell in enumerate(row):
            if _STEP in cell and _STEP in above[k]:
                steps, before = cell.split(_STEP), above[k].split(_STEP)
                n = 0
                while n < min(len(steps), len(before)) - 1 and steps[n] == before[n]:
                    n += 1
                if len(_STEP.join(steps[:n])) >= _SHARED:
                    shown[k] = "…" + _STEP + _STEP.join(steps[n:])
        out.append(shown)
    return out


def _fit(header: list[str], body: list[list[str]], widths: list[int], width: int) -> list[int]:
    """Narrow the widest columns, one character at a time, until the row fits ``width``: first
    down to each column's longest word (so no word breaks), then, if that is not enough, down to
    the header's longest word; past that the table stays wider than ``width``."""
    room = width - 2 * (len(widths) - 1)
    longest_word = [max((len(w) for cell in [h] + [r[i] for r in body] for w in cell.split()), default=1)
                    for i, h in enumerate(header)]
    widths = list(widths)
    heads = [max((len(w) for w in h.split()), default=1) for h in header]
    for floor in ([min(w, max(4, min(longest_word[i], 30))) for i, w in enumerate(widths)],
                  [min(w, max(6, heads[i])) for i, w in enumerate(widths)]):  # headers stay whole
        while sum(widths) > room:
            i = max(range(len(widths)), key=lambda k: (widths[k] > floor[k], widths[k]))
            if widths[i] <= floor[i]:
                break  # as narrow as it goes with this floor
            widths[i] -= 1
    return widths


def _wrapped(header: list[str], body: list[list[str]], widths: list[int]) -> str:
    import textwrap

    def lines_of(row: list[str]) -> list[str]:
        cells = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] for c, w in zip(row, widths, strict=True)]
        depth = max(len(c) for c in cells)
        return ["  ".join((c[n] if n < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
                for n in range(depth)]

    out = lines_of(header)
    out.append("  ".join("-" * w for w in widths))
    rows = [lines_of(row) for row in body]
    for i, lines in enumerate(rows):
        if i and (len(lines) > 1 or len(rows[i - 1]) > 1):  # a wrapped row runs into its neighbours
            out.append("")
        out += lines
    return "\n".join(out) + "\n"


def wrap_note(text: str, width: int | None) -> str:
    """A note, made visible, wrapped to ``width`` if given."""
    import textwrap

    text = visible(text)
    return textwrap.fill(text, width, break_on_hyphens=False) if width else text


class Rendered:
    """A result that can be written in each of :data:`TABLE_FORMATS` (the analysis, the
    timeline, co-attendance, a plain :class:`Table`): the subclass writes each format
    (``to_table``, ``to_csv``, ``to_json``, ``to_markdown``), and :meth:`render` is the one
    place where a format's name becomes its writer.

    >>> Table(["a"], [["x"]]).render("xml")
    Traceback (most recent call last):
    ...
    resilience_kg.errors.ResilienceKGError: unknown format 'xml'; use one of table, csv, json, markdown
    """

    def to_table(self) -> str:
        raise NotImplementedError

    def to_csv(self) -> str:
        raise NotImplementedError

    def to_json(self) -> str:
        raise NotImplementedError

    def to_markdown(self) -> str:
        raise NotImplementedError

    def render(self, fmt: str) -> str:
        """The result as ``table`` (aligned text for a terminal), ``csv``, ``json`` or ``markdown``."""
        from resilience_kg.errors import ResilienceKGError

        writers = {"table": self.to_table, "csv": self.to_csv, "json": self.to_json, "markdown": self.to_markdown}
        if fmt not in writers:
            raise ResilienceKGError(f"unknown format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")
        return writers[fmt]()


class Table(Rendered):
    """Rows under a header, with notes (what the table covers, what it leaves out).

    Notes precede a text or Markdown table and go under ``notes`` in JSON; CSV carries only the
    rows, so that spreadsheets read it as is (no cell a spreadsheet would run:
    :func:`spreadsheet_cell`)."""

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[Any]], *, notes: Sequence[str] = ()) -> None:
        self.header = header
        self.rows = rows
        self.notes = notes

    def to_csv(self) -> str:
        return spreadsheet_csv(self.header, self.rows)

    def to_json(self) -> str:
        doc: dict[str, Any] = {"rows": [dict(zip(self.header, r, strict=True)) for r in self.rows]}
        if self.notes:
            doc["notes"] = list(self.notes)
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        out = [f"> {visible(n)}\n" for n in self.notes]
        out.append("| " + " | ".join(markdown_cell(str(h)) for h in self.header) + " |")
        out.append("|" + " --- |" * len(self.header))
        out += ["| " + " | ".join(markdown_cell(str(c)) for c in r) + " |" for r in self.rows]
        return "\n".join(out) + "\n"

    def to_table(self) -> str:
        width = terminal_width()
        return "".join(wrap_note(n, width) + "\n\n" for n in self.notes) + aligned(
            self.header, [[str(c) for c in r] for r in self.rows], width=width)


def render(header: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, notes: Sequence[str] = ()) -> str:
    """``rows`` under ``header`` as ``table``, ``csv``, ``json`` (objects) or ``markdown``: a
    :class:`Table`, rendered."""
    return Table(header, rows, notes=notes).render(fmt)


def markdown_cell(text: str) -> str:
    """A Markdown table cell: controls made visible, pipes escaped."""
    return visible(text).replace("|", "\\|")
