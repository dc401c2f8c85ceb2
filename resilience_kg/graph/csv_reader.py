"""Read the spreadsheet-friendly CSV tables: elements, connections and sources.

The layout follows Kumu's import format, so an analyst moving from Kumu recognises it: one row a
node in ``elements.csv`` (``id``, ``type``, labels, ...), one row a link in ``connections.csv``
(``from``, ``to``, ``type``), plus ``sources.csv`` for the documents that quotes come from.
Headers are matched case-insensitively, so Kumu's ``Label``, ``From`` and ``To`` work.

This module only checks the shape of the tables (columns, field counts, duplicate ids); what the
rows mean is checked in :mod:`resilience_kg.graph.assemble` and by the SHACL shapes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from resilience_kg.errors import DataError

TableKind = Literal["elements", "connections", "sources"]

# Where a quote sits in its source and how a row was made and reviewed (issues 11 and 12): start
# and end are character offsets, occurrence picks one of several equal quotes; status, method,
# same_as, match_score and candidates come from `extract` and the curator's review.
EVIDENCE_COLUMNS = ("occurrence", "start", "end", "status", "method")
ELEMENT_COLUMNS = (
    "id", "type", "label_id", "label_en", "acronym", "notation", "expansion",
    "expansion_confidence", "description_en", "country", "is_group", "date", "value",
    "min_value", "min_exclusive", "unit_code", "unit_text", "position", "basis", "confidence", "source", "quote",
    "note", *EVIDENCE_COLUMNS, "same_as", "match_score", "candidates", "translation_confidence", "translation_note",
)  # fmt: skip
CONNECTION_COLUMNS = ("from", "to", "type", "basis", "confidence", "source", "quote", "note", *EVIDENCE_COLUMNS)
SOURCE_COLUMNS = ("id", "title_id", "title_en", "date", "publisher", "language", "file", "url", "checksum")

REQUIRED: dict[TableKind, tuple[str, ...]] = {
    "elements": ("id", "type", "label_id", "label_en", "basis"),
    "connections": ("from", "to", "type", "basis"),
    "sources": ("id", "title_id", "title_en", "file"),
}
COLUMNS: dict[TableKind, tuple[str, ...]] = {
    "elements": ELEMENT_COLUMNS,
    "connections": CONNECTION_COLUMNS,
    "sources": SOURCE_COLUMNS,
}
# Kumu's own header names, so a Kumu export needs no renaming.
ALIASES = {"label": "label_id", "description": "description_en"}


class Readable(Protocol):
    """A file we can read: a ``pathlib.Path`` or an ``importlib.resources`` Traversable."""

    @property
    def name(self) -> str: ...

    def read_bytes(self) -> bytes: ...


@dataclass(frozen=True)
class Row:
    """One CSV record: its fields by column, and where it starts (``file:line``)."""

    values: dict[str, str]
    location: str

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Table:
    """One CSV file of a known kind and its rows."""

    kind: TableKind
    name: str
    rows: list[Row] = field(default_factory=list)


def _normalise(header: str) -> str:
    key = header.strip().lower().replace(" ", "_").replace("(", "").replace(")", "")
    return ALIASES.get(key, key)


def detect_kind(columns: Iterable[str], *, name: str) -> TableKind:
    """Tell which table a header belongs to, or raise a DataError naming the file."""
    cols = set(columns)
    if {"from", "to"} <= cols:
        return "connections"
    if "file" in cols and "title_id" in cols:
        return "sources"
    if {"id", "type"} <= cols:
        return "elements"
    raise DataError(
        "cannot tell which table this is: an elements table needs the columns id and type, "
        "a connections table from and to, a sources table id, title_id, title_en and file "
        f"(found: {', '.join(sorted(cols)) or 'no header'})",
        location=f"{name}:1",
    )


def read_table(source: Readable, *, display_name: str | None = None) -> Table:
    """Parse one CSV table, checking its header and the field count of every record.

    A byte-order mark (as spreadsheets write) is accepted; a record with too many or too few
    fields is an error, never padded. Errors name the file and the line the record starts on.
    """
    name = display_name or source.name
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the sheet as CSV UTF-8",
            location=f"{name}:{line}",
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("empty file: expected a header row", location=name) from None
    except csv.Error as exc:
        raise DataError(f"malformed CSV: {exc}", location=f"{name}:1") from exc
    columns = [_normalise(h) for h in header]
    kind = detect_kind(columns, name=name)
    known = COLUMNS[kind]
    unknown = [header[i] for i, c in enumerate(columns) if c not in known]
    if unknown:
        raise DataError(
            f"unknown column {unknown[0]!r} in the {kind} table; known columns: {', '.join(known)}",
            location=f"{name}:1",
        )
    seen: set[str] = set()
    for col in columns:
        if col in seen:
            raise DataError(f"column {col!r} appears twice", location=f"{name}:1")
        seen.add(col)
    missing = [c for c in REQUIRED[kind] if c not in columns]
    if missing:
        raise DataError(
            f"missing column {missing[0]!r}: the {kind} table needs {', '.join(REQUIRED[kind])}",
            location=f"{name}:1",
        )
    table = Table(kind=kind, name=name)
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", location=f"{name}:{start}") from exc
        if not record or all(not v.strip() for v in record):
            start = reader.line_num + 1
            continue  # blank lines, as spreadsheets leave at the end
        if len(record) != len(columns):
            raise DataError(
                f"this row has {len(record)} fields but the header has {len(columns)}",
                location=f"{name}:{start}",
            )
        values = {c: v.strip() for c, v in zip(columns, record, strict=True)}
        table.rows.append(Row(values=values, location=f"{name}:{start}"))
        start = reader.line_num + 1
    return table
