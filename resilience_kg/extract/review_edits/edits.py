"""The review's edits to a drafts folder: accept, reject, edit, link, bulk accept and undo.

Every edit names the rows it changes as the reviewer saw them (:class:`RowRef`: the table, the
line and the row's fingerprint). Under a lock on the folder, the tables are read afresh, each row
is found by its fingerprint, and an edit whose row has changed since (in another tab, or by an
``extract`` re-run) is refused with :class:`ReviewConflict` rather than applied to values nobody
saw. The tables, the review log and ``review.html`` are then written together (staged beside
their targets and renamed in, :class:`resilience_kg.files.OutputSet`), every column kept.

Changing what a connection links (its ``from``, ``to`` or ``type``) rejects the drafted row and
adds the corrected one beside it, with the same quote: ``extract`` finds its own draft again
(rejected) and does not draft it anew, so a re-run keeps the correction (see ``merge.py``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from resilience_kg.errors import ReviewConflict, ReviewError
from resilience_kg.extract.review_edits.folder import (
    DraftRow,
    Drafts,
    DraftTable,
    TableName,
    checksum,
    fingerprint,
    folder_lock,
    read_drafts,
)
from resilience_kg.extract.review_edits.log import LOG_NAME, Change, RowChange, log_line, read_log, undone

#: Columns that hold a row's evidence: an edit never moves them (the quote must stay at its offsets).
EVIDENCE = ("source", "quote", "start", "end", "occurrence")
#: Columns that say what a connection links: changing one replaces the row (see the module's note).
LINK_COLUMNS = ("from", "to", "type")


@dataclass(frozen=True)
class RowRef:
    """A row as the reviewer saw it: its table, its line and its fingerprint."""

    table: TableName
    line: int
    fingerprint: str

    @classmethod
    def of(cls, row: DraftRow) -> RowRef:
        return cls(row.table, row.line, row.fingerprint)


class _Raced(Exception):
    """A table changed on disk between our reading and our writing (an ``extract`` run)."""


class _Edit:
    """The rows one change touches, with their old values, as the change is worked out."""

    def __init__(self, drafts: Drafts) -> None:
        self.drafts = drafts
        self.touched: list[tuple[DraftTable, DraftRow, RowChange]] = []
        self.tables: set[str] = set()

    def find(self, ref: RowRef) -> DraftRow:
        table = self.drafts.table(ref.table)
        row = table.find(ref.line, ref.fingerprint)
        if row is None:
            raise ReviewConflict(
                f"{table.file} line {ref.line} changed since you loaded the page (in another tab, or by an "
                "`extract` run): reload the page to see it as it is now, then make your change again")
        return row

    def _table(self, row: DraftRow) -> DraftTable:
        table = self.drafts.table(row.table)
        if not table.writable:
            raise ReviewError(f"{table.file} must be fixed by hand before the review can write it "
                              f"({table.blocked_by})")
        self.tables.add(row.table)
        return table

    def set(self, row: DraftRow, values: Mapping[str, str]) -> None:
        table = self._table(row)
        changed = {k: v for k, v in values.items() if row.get(k) != v}
        if not changed:
            return
        unknown = [k for k in changed if k not in table.header]
        if unknown:
            raise ReviewError(f"{table.file} has no column {', '.join(unknown)}")
        record = next((rc for t, r, rc in self.touched if r is row), None)
        if record is None:
            record = RowChange(file=table.file, line=row.line, row=row.key)
            self.touched.append((table, row, record))
        for k, v in changed.items():
            record.old.setdefault(k, row.get(k))
            record.new[k] = v
        row.values.update(changed)

    def add(self, name: TableName, values: Mapping[str, str]) -> DraftRow:
        table = self.drafts.table(name)
        full = {c: values.get(c, "") for c in table.header}
        row = DraftRow(name, 0, full, "")
        self._table(row)
        table.rows.append(row)
        self.touched.append((table, row, RowChange(file=table.file, line=0, row=row.key, new=dict(full), added=True)))
        return row

    def remove(self, row: DraftRow) -> None:
        table = self._table(row)
        table.rows.remove(row)
        self.touched.append((table, row, RowChange(file=table.file, line=row.line, row=row.key, old=dict(row.values),
                                                   removed=True, fingerprint=row.fingerprint)))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _commit(drafts: Drafts, edit: _Edit, change: Change) -> None:
    """Write the touched tables, the log and review.html together; _Raced if a table moved on disk."""
    from resilience_kg.extract.merge import to_csv
    from resilience_kg.extract.review import render_review
    from resilience_kg.files import OutputSet

    folder = drafts.folder
    for _table, row, record in edit.touched:
        if not record.removed:
            row.fingerprint = fingerprint(row.values)
            record.fingerprint = row.fingerprint
    # Every file a review change may write is declared, so that a journal left in the folder is
    # replayed only for these (see files.recover).
    outputs = OutputSet(folder, files=[drafts.table(name).path for name in ("elements", "connections", "sources")]
                        + [folder / "review.html", folder / LOG_NAME])
    try:
        for name in sorted(edit.tables):
            table = drafts.table(name)
            outputs.write(table.path, to_csv(table.header, [r.values for r in table.rows]))
        log = folder / LOG_NAME
        before = log.read_bytes() if log.is_file() else b""
        if before and not before.endswith(b"\n"):
            before += b"\n"
        change.rows = [record for _t, _r, record in edit.touched]
        page = render_review(elements=[r.values for r in drafts.elements.rows],
                             connections=[r.values for r in drafts.connections.rows],
                             sources=[r.values for r in drafts.sources.rows], texts=drafts.texts, folder=folder)
        outputs.write(folder / "review.html", page.encode("utf-8"))
        # The lines of added rows are known once the tables are laid out: count them as written.
        _number_added(drafts, edit)
        outputs.write(log, before + log_line(change))
        for name in sorted(edit.tables):
            table = drafts.table(name)
            now = table.path.read_bytes() if table.path.is_file() else b""
            if table.version and checksum(now) != table.version:
                raise _Raced
        outputs.commit()
    except BaseException:
        outputs.discard()
        raise


def _number_added(drafts: Drafts, edit: _Edit) -> None:
    from resilience_kg.extract.merge import to_csv

    for name in edit.tables:
        table = drafts.table(name)
        if not any(record.added for t, _r, record in edit.touched if t is table):
            continue
        line = 2
        for row in table.rows:
            row.line = line
            line += to_csv(table.header, [row.values]).decode("utf-8").count("\n") - 1
        for t, row, record in edit.touched:
            if t is table and record.added:
                record.line = row.line


def _change(folder: str | Path, action: str, work: Callable[[_Edit], None], *, undoes: str = "",
            note: str = "") -> Change:
    """Read the folder under its lock, let ``work`` make the edit, write it all; retried when an
    ``extract`` run rewrites a table meanwhile (its rows are then found again by fingerprint)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReviewError(f"{folder}: no such folder")
    for _attempt in range(5):
        with folder_lock(folder):
            drafts = read_drafts(folder, known_ids=())  # what a link points at is the page's to show
            edit = _Edit(drafts)
            work(edit)
            change = Change(change=secrets.token_hex(6), time=_now(), action=action, undoes=undoes, note=note)
            if not edit.touched:
                return change
            try:
                _commit(drafts, edit, change)
            except _Raced:
                continue
            return change
    raise ReviewConflict(f"{folder}: the tables kept changing while the change was written (an `extract` run?); "
                         "reload the page and try again")


# ---------------------------------------------------------------- the edits


def set_status(folder: str | Path, refs: Sequence[RowRef], status: str, *, action: str | None = None) -> Change:
    """Set the ``status`` of the rows ``refs`` (``accepted``, ``rejected`` or ``draft``)."""
    if status not in ("accepted", "rejected", "draft"):
        raise ReviewError(f"status {status!r} must be accepted, rejected or draft")

    def work(edit: _Edit) -> None:
        for ref in refs:
            edit.set(edit.find(ref), {"status": status})

    return _change(folder, action or {"accepted": "accept", "rejected": "reject"}.get(status, "draft"), work)


def accept(folder: str | Path, ref: RowRef) -> Change:
    """Accept one row."""
    return set_status(folder, [ref], "accepted")


def reject(folder: str | Path, ref: RowRef) -> Change:
    """Reject one row (``build`` never loads it; ``extract`` never drafts it again)."""
    return set_status(folder, [ref], "rejected")


def accept_at_least(folder: str | Path, threshold: float, *, only: Sequence[RowRef] | None = None) -> Change:
    """Accept every draft row whose confidence is at least ``threshold``; with ``only``, just those
    rows among them (the rows the reviewer saw: one added since by ``extract`` stays a draft)."""
    if not 0.0 <= threshold <= 1.0:
        raise ReviewError(f"a confidence threshold is a number from 0 to 1, not {threshold!r}")

    def work(edit: _Edit) -> None:
        rows = [edit.find(ref) for ref in only] if only is not None else list(edit.drafts.rows())
        for row in rows:
            if row.status == "draft" and row.confidence is not None and row.confidence >= threshold:
                edit.set(row, {"status": "accepted"})

    return _change(folder, "bulk-accept", work, note=f"confidence >= {threshold:g}")


def edit(folder: str | Path, ref: RowRef, values: Mapping[str, str]) -> Change:
    """Change columns of one row. A connection's ``from``, ``to`` or ``type`` is changed by
    rejecting the drafted row and adding the corrected one (accepted, same quote)."""
    moved = [c for c in values if c in EVIDENCE]
    if moved:
        raise ReviewError(f"{', '.join(moved)} cannot be edited here: they pin the row's evidence in the text")

    def work(edit: _Edit) -> None:
        row = edit.find(ref)
        if row.table == "connections" and any(row.get(c) != values[c] for c in LINK_COLUMNS if c in values):
            _replace(edit, [row], {c: values.get(c, row.get(c)) for c in LINK_COLUMNS},
                     extra={k: v for k, v in values.items() if k not in LINK_COLUMNS})
        else:
            edit.set(row, values)

    return _change(folder, "edit", work)


def set_link(folder: str | Path, current: Sequence[RowRef], *, frm: str, to: str, type: str,
             note: str = "") -> Change:
    """Make ``frm type to`` the one link among the rows ``current`` (say, an actor's role in the
    event, an issue's pillar, a unit's parent): every other row of ``current`` is rejected; the link
    is added (accepted) unless one of them is it already. An empty ``to`` or ``frm`` only rejects."""

    def work(edit: _Edit) -> None:
        rows = [edit.find(ref) for ref in current]
        if frm and to:
            _replace(edit, rows, {"from": frm, "to": to, "type": type}, note=note)
        else:
            for row in rows:
                edit.set(row, {"status": "rejected"})

    return _change(folder, "link", work)


def _replace(edit: _Edit, rows: Sequence[DraftRow], link: Mapping[str, str], *, extra: Mapping[str, str] = {},
             note: str = "") -> None:
    same = [r for r in rows if all(r.get(c) == link[c] for c in LINK_COLUMNS)]
    for row in rows:
        if row in same:
            edit.set(row, {"status": "accepted", **extra})
        elif row.status != "rejected":
            edit.set(row, {"status": "rejected"})
    if same:
        return
    # An equal link elsewhere in the table (rejected earlier, say) is accepted again, not added twice.
    for row in edit.drafts.connections.rows:
        if all(row.get(c) == link[c] for c in LINK_COLUMNS):
            edit.set(row, {"status": "accepted", **extra})
            return
    model = next((r for r in rows if r.get("quote")), None)
    if model is not None:
        values = dict(model.values)
        values.update(link)
        was = f"{model.get('from')} {model.get('type')} {model.get('to')}"
        values.update({"status": "accepted", "method": f"review (drafted as {was} by {model.get('method')})",
                       "note": note or f"corrected on review from line {model.line}"})
    else:
        # Nothing drafted to lean on: the reviewer's own statement, curated, with its basis.
        values = {**link, "basis": "curated", "confidence": "well-attested", "status": "accepted",
                  "method": "review", "note": note or "stated by the reviewer on review"}
    values.update(extra)
    edit.add("connections", values)


def undo(folder: str | Path, change_id: str) -> Change:
    """Put back what change ``change_id`` replaced, if its rows are still as it left them."""

    def work(edit: _Edit) -> None:
        changes = read_log(edit.drafts.folder)
        target = next((c for c in changes if c.change == change_id), None)
        if target is None:
            raise ReviewError(f"no change {change_id!r} in the review log")
        if change_id in undone(changes):
            raise ReviewError(f"change {change_id} was undone already")
        for record in reversed(target.rows):
            table = edit.drafts.table(record.table)
            if record.removed:
                edit.add(table.name, record.old)
                continue
            matches = [r for r in table.rows if r.fingerprint == record.fingerprint]
            if not matches:
                raise ReviewConflict(
                    f"{table.file}: the row {record.row!r} (line {record.line}) changed after change {change_id}, "
                    "so undoing it would lose that later edit: reload the page and edit the row instead")
            row = min(matches, key=lambda r: abs(r.line - record.line))
            if record.added:
                edit.remove(row)
            else:
                edit.set(row, record.old)

    return _change(folder, "undo", work, undoes=change_id)


def last_changes(folder: str | Path, drafts: Drafts | None = None) -> dict[tuple[str, int], str]:
    """For each row (table, line) whose latest change is still in effect, that change's id: what
    the row's undo button undoes."""
    drafts = drafts or read_drafts(folder, known_ids=())
    changes = read_log(folder)
    gone = undone(changes)
    by_fingerprint: dict[tuple[str, str], str] = {}
    for change in changes:
        if change.change in gone or change.undoes:
            continue
        for record in change.rows:
            if not record.removed:
                by_fingerprint[(record.table, record.fingerprint)] = change.change
    out: dict[tuple[str, int], str] = {}
    for row in drafts.rows():
        found = by_fingerprint.get((row.table, row.fingerprint))
        if found is not None:
            out[(row.table, row.line)] = found
    return out


def _latest_records(changes: Sequence[Change]) -> dict[tuple[str, str], tuple[Change, RowChange]]:
    """For each row (table, id) the last record of a change still in effect."""
    gone = undone(list(changes))
    latest: dict[tuple[str, str], tuple[Change, RowChange]] = {}
    for change in changes:
        if change.change in gone:
            continue
        for record in change.rows:
            latest[(record.table, record.row)] = (change, record)
    return latest


def _is_lost(drafts: Drafts, record: RowChange) -> bool:
    """True when a logged change is no longer in the table and the row is back as it was before
    it: another writer (an ``extract`` run that had read the table before the change) wrote over it."""
    if record.removed or record.table not in ("elements", "connections"):
        return False
    table = drafts.table(record.table)
    if any(r.fingerprint == record.fingerprint for r in table.rows):
        return False
    same = [r for r in table.rows if r.key == record.row]
    if record.added:
        return not same
    return any(all(r.get(k) == v for k, v in record.old.items()) for r in same)


def lost_changes(folder: str | Path, drafts: Drafts | None = None) -> list[Change]:
    """The logged changes (each with only its lost rows) that another writer overwrote."""
    drafts = drafts or read_drafts(folder, known_ids=())
    lost: dict[str, Change] = {}
    for change, record in _latest_records(read_log(folder)).values():
        if _is_lost(drafts, record):
            lost.setdefault(change.change, Change(change.change, change.time, change.action, note=change.note)) \
                .rows.append(record)
    return list(lost.values())


def reapply(folder: str | Path, change_id: str) -> Change:
    """Make again the rows of change ``change_id`` that another writer overwrote (see :func:`lost_changes`)."""

    def work(edit: _Edit) -> None:
        found = [c for c in lost_changes(edit.drafts.folder, edit.drafts) if c.change == change_id]
        if not found:
            raise ReviewError(f"change {change_id} is in effect: there is nothing to make again")
        for record in found[0].rows:
            if record.added:
                edit.add(edit.drafts.table(record.table).name, record.new)
                continue
            row = next(r for r in edit.drafts.table(record.table).rows
                       if r.key == record.row and all(r.get(k) == v for k, v in record.old.items()))
            edit.set(row, record.new)

    return _change(folder, "reapply", work, note=f"change {change_id}, overwritten by another writer")
