"""Write the drafts into the output folder without losing a curator's review.

Rows already in the folder are kept exactly as they are (status, edits, extra columns, order);
a new draft row is added only when no existing row has the same key: the ``id`` for elements,
``(from, to, type)`` for connections, or the same quote at the same place (``source``,
``start``, ``end``, ``type``), so a row whose id the curator changed is not drafted again.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from resilience_kg.extract.draft import CONNECTION_HEADER, ELEMENT_HEADER, SOURCE_HEADER
from resilience_kg.extract.readers import ExtractError
from resilience_kg.files import atomic_write
from resilience_kg.tabulate import from_spreadsheet_cell, spreadsheet_csv

if TYPE_CHECKING:
    from resilience_kg.extract.draft import ExtractResult


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV table in the output folder (empty when there is none)."""
    if not path.is_file():
        return [], []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [from_spreadsheet_cell(h) for h in next(reader, [])]
            rows = [{k: from_spreadsheet_cell(v) for k, v in zip(header, record, strict=False)}
                    for record in reader if record]
            return header, [{k: row.get(k, "") for k in header} for row in rows]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ExtractError(f"{path}: cannot read the existing table to keep its review ({exc})") from None


def to_csv(header: Sequence[str], rows: Sequence[dict[str, str]]) -> bytes:
    """The table for a spreadsheet: a cell that starts with = + - @ gets a leading ``'``, so that
    no quote from a report is run as a formula; :func:`read_rows` and the graph's CSV reader take
    it off again, so the quote and its offsets stay exact."""
    return spreadsheet_csv(header, ([row.get(k, "") for k in header] for row in rows)).encode("utf-8")


def _header(existing: list[str], ours: Sequence[str]) -> list[str]:
    return list(existing) + [c for c in ours if c not in existing] if existing else list(ours)


def _spot(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row.get("source", ""), row.get("start", ""), row.get("end", ""), row.get("type", "")


def _is_reviewed(row: dict[str, str]) -> bool:
    return row.get("status", "").strip().lower() in ("accepted", "rejected", "")


def _check_inside(out: Path, path: Path) -> None:
    """Refuse to write ``path`` through a symbolic link inside ``out``: a ``sources`` folder that
    leads elsewhere would put the saved texts outside the output folder, and a file that links to
    a pipe or a device would be written into."""
    inner = path.relative_to(out)
    for part in [*reversed(inner.parents[:-1]), inner]:  # sources, deeper folders, the file
        if (out / part).is_symlink():
            raise ExtractError(f"{out / part}: a symbolic link (to {os.readlink(out / part)!r}); extract writes "
                               "only inside the output folder: remove the link, or extract into another folder")


def merge_and_write(result: ExtractResult) -> None:
    """Merge ``result``'s drafts into ``result.out`` and write every file atomically, inside
    ``result.out`` only, holding the folder's review lock: a change made on the review page
    between this run's reading and writing of the tables is never overwritten."""
    from resilience_kg.extract.review_edits.folder import folder_lock

    out = result.out
    if out.exists() and not out.is_dir():
        raise ExtractError(f"{out}: not a folder")
    # Refuse a link out of the folder before anything, the lock file included, is written there.
    for name in ("elements.csv", "connections.csv", "sources.csv", "review.html",
                 *(e.row["file"] for e in result.sources)):
        _check_inside(out, out / name)
    with folder_lock(out):
        _merge_and_write(result)


def _merge_and_write(result: ExtractResult) -> None:
    out = result.out
    el_header, elements = read_rows(out / "elements.csv")
    con_header, connections = read_rows(out / "connections.csv")
    src_header, sources = read_rows(out / "sources.csv")
    result.kept_elements, result.kept_connections = len(elements), len(connections)
    result.reviewed = sum(1 for r in elements + connections if _is_reviewed(r))

    by_source = {row.get("id", ""): row for row in sources}
    texts: list[tuple[Path, bytes]] = []
    for extracted in result.sources:
        old = by_source.get(extracted.source_id)
        if old is not None and old.get("checksum") and old["checksum"] != extracted.row["checksum"]:
            raise ExtractError(
                f"{extracted.source.path}: source {extracted.source_id!r} in {out / 'sources.csv'} was extracted from "
                "a different text (its checksum differs), so the reviewed offsets would no longer match; "
                "give another --source-id or extract into a fresh folder")
        if old is None:
            sources.append(extracted.row)
            by_source[extracted.source_id] = extracted.row
            result.added_sources += 1
        texts.append((out / extracted.row["file"], extracted.source.text.encode("utf-8")))

    element_ids = {row.get("id", "") for row in elements}
    spots = {_spot(row) for row in elements + connections}
    link_keys = {(row.get("from", ""), row.get("to", ""), row.get("type", "")) for row in connections}
    for extracted in result.sources:
        for row in extracted.draft.elements:
            # A row without offsets (a strategy's pillar) is known by its id alone.
            if row["id"] in element_ids or (row.get("start") and _spot(row) in spots):
                continue
            elements.append(row)
            element_ids.add(row["id"])
            spots.add(_spot(row))
            result.added_elements += 1
        for row in extracted.draft.connections:
            key = (row["from"], row["to"], row["type"])
            if key in link_keys or (_spot(row) in spots and row["type"] in ("org:postIn",)):
                continue
            connections.append(row)
            link_keys.add(key)
            result.added_connections += 1

    from resilience_kg.extract.review import render_review

    files: list[tuple[Path, bytes]] = [
        *texts,
        (out / "elements.csv", to_csv(_header(el_header, ELEMENT_HEADER), elements)),
        (out / "connections.csv", to_csv(_header(con_header, CONNECTION_HEADER), connections)),
        (out / "sources.csv", to_csv(_header(src_header, SOURCE_HEADER), sources)),
    ]
    page = render_review(elements=elements, connections=connections, sources=sources,
                         texts={e.source_id: e.source.text for e in result.sources}, folder=out)
    files.append((out / "review.html", page.encode("utf-8")))
    for path, _ in files:
        _check_inside(out, path)  # every path first: nothing is written if one is refused
    for path, data in files:
        atomic_write(path, data)
        result.files.append(path)
