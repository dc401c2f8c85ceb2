"""The review log: one JSON line per change made through the review, in the drafts folder
(``review-log.jsonl``; not a ``.csv``, so ``build --data FOLDER`` does not read it as a table).

Each line says when, what (accept, reject, edit, link, bulk-accept, undo), and for every row
touched: the file, the line, the row's id (an element's id, a connection's ``from type to``), the
old and new values of the columns that changed, and the row's fingerprint after the change (what
an undo checks before it puts the old values back).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LOG_NAME = "review-log.jsonl"


@dataclass
class RowChange:
    """One row touched by a change."""

    file: str
    line: int
    row: str
    old: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)
    added: bool = False
    removed: bool = False
    fingerprint: str = ""  # after the change (for a removed row: before it)

    @property
    def table(self) -> str:
        return self.file.removesuffix(".csv")


@dataclass
class Change:
    """One change: an accept, a reject, an edit, a bulk accept or an undo, and the rows it touched."""

    change: str
    time: str
    action: str
    rows: list[RowChange] = field(default_factory=list)
    undoes: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        rows = [RowChange(**{k: r[k] for k in r if k in RowChange.__dataclass_fields__}) for r in data.get("rows", [])]
        return cls(change=str(data["change"]), time=str(data.get("time", "")), action=str(data.get("action", "")),
                   rows=rows, undoes=str(data.get("undoes", "")), note=str(data.get("note", "")))


def log_line(change: Change) -> bytes:
    return (json.dumps(change.as_dict(), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def read_log(folder: str | Path) -> list[Change]:
    """The changes logged in ``folder``, oldest first (lines that cannot be read are skipped: the
    log is a record for people, the CSVs are the data)."""
    path = Path(folder) / LOG_NAME
    if not path.is_file():
        return []
    changes = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            changes.append(Change.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            continue
    return changes


def undone(changes: list[Change]) -> set[str]:
    """The ids of the changes in effect no more: undone, and not brought back by undoing the undo."""
    by_id = {c.change: c for c in changes}
    out: set[str] = set()
    for change in changes:
        if change.undoes:
            out.add(change.undoes)
            target = by_id.get(change.undoes)
            if target is not None and target.undoes:
                out.discard(target.undoes)
    return out
