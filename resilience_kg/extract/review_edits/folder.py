"""Read a drafts folder as the review sees it: every row with the CSV line it starts on, a
fingerprint of its values (the version an edit is checked against), and the problems that a hand
edit may have left in it, by file and line.

Reading never fails on a bad row: a record with the wrong number of fields, a status or a
confidence that means nothing, offsets outside the text or a quote that no longer matches them are
*problems* attached to the row (or to the file, for a file that cannot be read at all). A table
with a record of the wrong shape is read-only until it is fixed by hand, since writing it back
would pad or cut that record.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from resilience_kg.extract.review import source_text

TableName = Literal["elements", "connections", "sources"]
TABLES: tuple[TableName, ...] = ("elements", "connections", "sources")
#: The review statuses a row may carry; an empty status means accepted (hand-typed data).
STATUSES = ("draft", "accepted", "rejected")
#: A curated row's confidence words (graph/assemble.py's CONFIDENCE_LEVELS).
CONFIDENCE_WORDS = ("stated", "well-attested", "uncertain", "unknown")
LOCK_NAME = ".review.lock"
_THREAD_LOCK = threading.Lock()
REQUIRED: dict[TableName, tuple[str, ...]] = {
    "elements": ("id", "type"),
    "connections": ("from", "to", "type"),
    "sources": ("id",),
}


@dataclass(frozen=True)
class Problem:
    """Something wrong in a drafts file, where it is (line 0: the file as a whole)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass
class DraftRow:
    """One record of a table: its values by column, the line it starts on, its fingerprint."""

    table: TableName
    line: int
    values: dict[str, str]
    fingerprint: str
    problems: list[str] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    @property
    def status(self) -> str:
        """``draft``, ``accepted`` or ``rejected`` (empty counts as accepted, as the loader reads it)."""
        return self.get("status").strip().lower() or "accepted"

    @property
    def key(self) -> str:
        """What the row is about, for people: an element's id, a connection's ``from type to``."""
        if self.table == "connections":
            return f"{self.get('from')} {self.get('type')} {self.get('to')}"
        return self.get("id")

    @property
    def confidence(self) -> float | None:
        try:
            number = float(self.get("confidence"))
        except ValueError:
            return None
        return number if 0.0 <= number <= 1.0 else None


@dataclass
class DraftTable:
    """One CSV file of the folder."""

    name: TableName
    path: Path
    header: list[str] = field(default_factory=list)
    rows: list[DraftRow] = field(default_factory=list)
    version: str = ""  # the file's checksum (empty: no file)
    problems: list[Problem] = field(default_factory=list)  # the file's own (unreadable, no header)
    blocked_by: str = ""  # why the table cannot be written back (a record of the wrong shape), if so

    @property
    def writable(self) -> bool:
        return not self.blocked_by

    @property
    def file(self) -> str:
        return self.path.name

    def find(self, line: int, fingerprint: str) -> DraftRow | None:
        """The row shown at ``line`` with ``fingerprint``, wherever it is now; None if it changed."""
        for row in self.rows:
            if row.line == line and row.fingerprint == fingerprint:
                return row
        moved = [row for row in self.rows if row.fingerprint == fingerprint]
        return moved[0] if len(moved) == 1 else None


@dataclass
class Drafts:
    """A drafts folder: its three tables and the saved texts of its sources."""

    folder: Path
    elements: DraftTable
    connections: DraftTable
    sources: DraftTable
    texts: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> DraftTable:
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}: use elements, connections or sources")
        table: DraftTable = getattr(self, name)
        return table

    def rows(self) -> Iterator[DraftRow]:
        """Every element row, then every connection row."""
        yield from self.elements.rows
        yield from self.connections.rows

    def problems(self) -> list[Problem]:
        """Every problem of the folder, file by file, line by line."""
        out: list[Problem] = []
        for name in TABLES:
            table = self.table(name)
            out.extend(table.problems)
            out.extend(Problem(table.file, row.line, message) for row in table.rows for message in row.problems)
        return out

    def versions(self) -> dict[str, str]:
        return {name: self.table(name).version for name in TABLES}


def checksum(data: bytes) -> str:
    """The version of a file's bytes (a short SHA-256)."""
    return hashlib.sha256(data).hexdigest()[:20]


def fingerprint(values: Mapping[str, str]) -> str:
    """The version of one row: its non-empty values by column, so a column added to the file
    (empty in this row) or a reordered header leaves it unchanged.

    >>> fingerprint({"id": "a", "status": "draft"}) == fingerprint({"status": "draft", "id": "a", "note": ""})
    True
    >>> fingerprint({"id": "a", "status": "draft"}) == fingerprint({"id": "a", "status": "accepted"})
    False
    """
    pairs = sorted((k, v) for k, v in values.items() if v)
    return checksum(json.dumps(pairs, ensure_ascii=False).encode("utf-8"))


def _read_table(name: TableName, path: Path) -> DraftTable:
    table = DraftTable(name=name, path=path)
    if not path.exists():
        if name != "sources":
            table.problems.append(Problem(path.name, 0, "missing: run `resilience-kg extract REPORT -o FOLDER` first"))
            table.blocked_by = str(table.problems[-1])
        return table
    try:
        raw = path.read_bytes()
    except OSError as exc:
        table.problems.append(Problem(path.name, 0, f"cannot read: {exc.strerror}"))
        table.blocked_by = str(table.problems[-1])
        return table
    table.version = checksum(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        table.problems.append(Problem(path.name, line, f"not UTF-8 text ({exc.reason}): save the sheet as CSV UTF-8"))
        table.blocked_by = table.blocked_by or str(table.problems[-1])
        return table
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        table.problems.append(Problem(path.name, 1, f"the header cannot be read ({exc})"))
        table.blocked_by = table.blocked_by or str(table.problems[-1])
        return table
    if not header or not any(h.strip() for h in header):
        table.problems.append(Problem(path.name, 1, "no header: the first line must name the columns"))
        table.blocked_by = table.blocked_by or str(table.problems[-1])
        return table
    table.header = [h.strip() for h in header]
    missing = [c for c in REQUIRED[name] if c not in table.header]
    if missing:
        table.problems.append(Problem(path.name, 1, f"the header lacks the column(s) {', '.join(missing)}"))
        table.blocked_by = table.blocked_by or str(table.problems[-1])
    if len(set(table.header)) != len(table.header):
        table.problems.append(Problem(path.name, 1, "a column is named twice in the header"))
        table.blocked_by = table.blocked_by or str(table.problems[-1])
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            table.problems.append(Problem(path.name, start, f"this record cannot be read ({exc}); the rest of the "
                                          "file is not shown: fix it in a text editor"))
            table.blocked_by = table.blocked_by or str(table.problems[-1])
            break
        if not record or (record == [""] * len(record) and len(record) <= 1):
            start = reader.line_num + 1
            continue  # a blank line
        values = {c: (record[i] if i < len(record) else "") for i, c in enumerate(table.header)}
        row = DraftRow(name, start, values, fingerprint(values))
        if len(record) != len(table.header):
            row.problems.append(f"{len(record)} fields where the header has {len(table.header)}: fix the row in a "
                                "text editor (edits to this file wait until then)")
            table.blocked_by = table.blocked_by or f"{path.name}:{start}: {row.problems[-1]}"
        table.rows.append(row)
        start = reader.line_num + 1
    return table


def _check(drafts: Drafts, known_ids: Iterable[str]) -> None:
    """Attach to each row what a hand edit may have broken in it."""
    source_ids = {row.get("id") for row in drafts.sources.rows}
    element_ids: dict[str, int] = {}
    for row in drafts.elements.rows:
        ident = row.get("id")
        if ident in element_ids:
            row.problems.append(f"id {ident!r} is used already at line {element_ids[ident]}")
        else:
            element_ids[ident] = row.line
    ids = set(element_ids) | set(known_ids)
    for row in drafts.rows():
        for column in REQUIRED[row.table]:
            if column in row.values and not row.get(column).strip():
                row.problems.append(f"{column} is empty")
        status = row.get("status").strip().lower()
        if status and status not in STATUSES:
            row.problems.append(f"status {row.get('status')!r} must be draft, accepted or rejected")
        conf = row.get("confidence").strip()
        if conf and conf not in CONFIDENCE_WORDS and row.confidence is None:
            row.problems.append(f"confidence {conf!r} must be a number from 0 to 1 or one of "
                                + ", ".join(CONFIDENCE_WORDS))
        if row.table == "connections":
            for column in ("from", "to"):
                target = row.get(column)
                if target and target not in ids and ":" not in target:
                    row.problems.append(f"{column} {target!r} is not the id of any element")
        _check_quote(row, drafts.texts, source_ids)


def _check_quote(row: DraftRow, texts: Mapping[str, str], source_ids: set[str]) -> None:
    source, start, end = row.get("source"), row.get("start").strip(), row.get("end").strip()
    if source and source not in source_ids:
        row.problems.append(f"source {source!r} is not in sources.csv")
        return
    if not (start or end):
        return
    if not (start.isdigit() and end.isdigit()):
        row.problems.append(f"start {start!r} and end {end!r} must be whole numbers (offsets in the text)")
        return
    text = texts.get(source)
    if text is None:
        return
    s, e = int(start), int(end)
    if not 0 <= s <= e <= len(text):
        row.problems.append(f"offsets {s}-{e} are outside the text of {source!r} ({len(text)} characters)")
    elif text[s:e] != row.get("quote"):
        row.problems.append(f"the quote no longer matches the text at {s}-{e} (the text there reads "
                            f"{text[s:e][:60]!r})")


def read_drafts(folder: str | Path, *, known_ids: Iterable[str] | None = None) -> Drafts:
    """The drafts folder ``folder``, every row checked; ``known_ids`` are the ids of the graph the
    drafts join, which a connection may point at (default: the bundled graph's and the ontology's)."""
    folder = Path(folder)
    if known_ids is None:
        from resilience_kg.extract.review_edits.known import graph_index

        known_ids = graph_index().ids
    tables = {name: _read_table(name, folder / f"{name}.csv") for name in TABLES}
    drafts = Drafts(folder=folder, **tables)  # type: ignore[arg-type]
    for row in drafts.sources.rows:
        text = source_text(folder, row.values)
        if text is not None:
            drafts.texts[row.get("id")] = text
        elif row.get("file"):
            row.problems.append(f"its text {row.get('file')!r} is missing from the folder")
    _check(drafts, known_ids)
    return drafts


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[None]:
    """One writer at a time on ``folder``: between threads, and between processes where the
    system has ``flock`` (the review page and a notebook on the same folder; ``extract`` should
    hold it too while it merges, so that a change made between its reading and its writing of the
    tables is not overwritten)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCK:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: one process at a time is the user's care
            yield
            return
        with open(folder / LOCK_NAME, "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
