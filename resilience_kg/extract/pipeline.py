"""``extract_reports``: from report files to draft tables, the saved texts and a review page."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilience_kg.extract.components import Context, Document, run
from resilience_kg.extract.draft import ExtractedSource, ExtractResult, IdMaker, slug
from resilience_kg.extract.readers import (
    DEFAULT_LIMITS,
    INSTALL_HINT,
    ExtractError,
    Limits,
    MissingDependency,
    SourceText,
    read_source,
)

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.pillars.strategy import Strategies
    from resilience_kg.extract.resolve import KnownActor

LANGS = ("id", "en", "auto")


def _checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract_one(source: SourceText, *, source_id: str, lang: str, published: dt.date | None,
                gazetteer: Gazetteer | None, known: Sequence[KnownActor], ids: IdMaker,
                cache: dict[tuple[Any, ...], Any] | None = None,
                strategies: Strategies | None = None) -> ExtractedSource:
    """Recognise, resolve and draft one report: its document through the components of
    :data:`~resilience_kg.extract.components.PIPELINE`; ``strategies`` (the bundled ones by
    default) give the pillars its city's strategy has and the cue words that draft its pillar links."""
    context = Context(source_id=source_id, lang=lang, published=published, gazetteer=gazetteer, known=known,
                      ids=ids, cache=cache, strategies=strategies)
    doc = run(Document(source.text, context))
    return ExtractedSource(source_id, source, doc.language, _source_row(source, doc), doc.draft, doc.city)


def _source_row(source: SourceText, doc: Document) -> dict[str, str]:
    """The report's row of sources.csv; its date is the publication date, else the event's."""
    when = doc.context.published or (doc.event.date if doc.event is not None else None)
    english = doc.language == "en"
    sid = doc.context.source_id
    return {
        "id": sid, "title_id": "" if english else source.title, "title_en": source.title if english else "",
        "date": when.isoformat() if when else "", "publisher": "", "language": doc.language,
        "file": f"sources/{sid}.txt", "url": "", "checksum": _checksum(doc.text),
    }


def _known_actors(data: Sequence[Path], *, bundled: bool) -> tuple[list[KnownActor], set[str]]:
    """The actors of the graph the drafts will join (bundled data plus ``data``) and every id in it."""
    from resilience_kg.extract.resolve import known_actors
    from resilience_kg.graph.csv_reader import read_table

    tables = []
    if bundled:
        from importlib import resources

        folder = resources.files("resilience_kg.data")
        for name in ("elements.csv", "connections.csv"):
            tables.append(read_table(folder.joinpath(name), display_name=name))
    for path in data:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".csv":
                tables.append(_read_table_lenient(file))
    ids = {row.get("id") for t in tables if t is not None and t.kind == "elements" for row in t.rows}
    return known_actors([t for t in tables if t is not None]), {i for i in ids if i}


def _read_table_lenient(file: Path) -> Any:
    """A --data table; extracted tables carry the contract's extra columns, which an older
    reader may not know yet, so they are read with the csv module and wrapped the same way."""
    import csv

    from resilience_kg.graph.csv_reader import Row, Table, detect_kind
    from resilience_kg.tabulate import from_spreadsheet_cell

    with open(file, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            kind = detect_kind([c.strip().lower() for c in reader.fieldnames or []], name=str(file))
        except Exception:
            return None
        # A drafts folder's cells may carry the guard that keeps a spreadsheet from running them.
        rows = [Row({from_spreadsheet_cell(k).strip().lower(): from_spreadsheet_cell(v or "") for k, v in r.items()
                     if k}, f"{file}:{n + 2}") for n, r in enumerate(reader)]
    return Table(kind=kind, name=str(file), rows=rows)


def extract_reports(paths: Sequence[Path], *, out: Path, lang: str = "auto", date: dt.date | None = None,
                    source_id: str | None = None, data: Sequence[Path] = (), bundled: bool = True,
                    progress: Callable[[Path], None] | None = None,
                    limits: Limits = DEFAULT_LIMITS, strategies: Sequence[Path] = ()) -> ExtractResult:
    """Extract draft facts from report files into ``out``: elements.csv, connections.csv,
    sources.csv, one text file per source under ``sources/`` and ``review.html``.

    Every input is read before anything is written; a report that cannot be read raises
    :class:`ExtractError` naming it and leaves ``out`` untouched. Rows already in ``out`` (and
    the curator's statuses and edits in them) are kept; only new draft rows are added.
    ``limits`` bounds what reading a report may cost (:class:`~resilience_kg.extract.readers.Limits`).
    ``strategies`` are folders (or table files) of city resilience strategies, beside the bundled
    ones (see :mod:`resilience_kg.extract.pillars.strategy`).
    """
    if lang not in LANGS:
        raise ExtractError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    if not paths:
        raise ExtractError("no report given")
    if source_id is not None and len(paths) > 1:
        raise ExtractError("--source-id names one report; give one PATH with it")
    if source_id is not None and slug(source_id) != source_id:
        raise ExtractError(f"source id {source_id!r}: use lower-case letters, digits and hyphens ({slug(source_id)!r})")
    check_dependencies(paths)
    from resilience_kg.extract.gazetteer import load_gazetteer
    from resilience_kg.extract.merge import merge_and_write

    out = Path(out)
    # Read everything first: a bad file stops the run before anything is written.
    texts = [read_source(Path(p), limits=limits) for p in paths]
    from resilience_kg.extract.pillars.strategy import load_strategies

    known_strategies = load_strategies([Path(p) for p in strategies])
    gazetteer = load_gazetteer()
    gazetteer_ids = {entry.id for entry in gazetteer.entries}
    known, known_ids = _known_actors([Path(d) for d in data if Path(d).resolve() != out.resolve()], bundled=bundled)
    existing_ids = _existing_ids(out)
    result = ExtractResult(out=out)
    used: set[str] = set()
    cache: dict[tuple[Any, ...], Any] = {}
    for source in texts:
        sid = source_id or slug(source.path.stem)
        base = sid
        n = 2
        while sid in used:
            sid = f"{base}-{n}"
            n += 1
        used.add(sid)
        # Ids already in the output folder that came from this source are reused as they are;
        # other ids there are taken.
        ids = IdMaker(known_ids | gazetteer_ids | {i for i, src in existing_ids.items() if src != sid}, sid)
        result.sources.append(extract_one(source, source_id=sid, lang=lang, published=date, gazetteer=gazetteer,
                                          known=known, ids=ids, cache=cache, strategies=known_strategies))
        if progress is not None:
            progress(source.path)
    merge_and_write(result)
    return result


def check_dependencies(paths: Sequence[Path]) -> None:
    """Refuse early, with the install hint, when a package the run needs is missing: rapidfuzz
    (the resolver) always, python-docx for .docx, pypdf for .pdf."""
    import importlib

    need = {"rapidfuzz": "rapidfuzz"}
    suffixes = {Path(p).suffix.lower() for p in paths}
    if ".docx" in suffixes:
        need["docx"] = "python-docx"
    if ".pdf" in suffixes:
        need["pypdf"] = "pypdf"
    missing = []
    for module, package in need.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise MissingDependency(f"extract needs {', '.join(missing)}: {INSTALL_HINT}")


def _existing_ids(out: Path) -> dict[str, str]:
    """Element ids already in ``out/elements.csv`` and the source each came from."""
    from resilience_kg.extract.merge import read_rows

    return {row.get("id", ""): row.get("source", "") for row in read_rows(out / "elements.csv")[1]}
