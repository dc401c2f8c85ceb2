"""A persistent, on-disk Oxigraph store, so a large corpus is loaded once and every later
command starts at once.

A build never leaves a store half-written: it fills a new store in a sibling folder, then swaps
it in (in one step where the system allows it: the path always holds a whole store, old or new).
See :mod:`resilience_kg.files`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from resilience_kg._version import __version__
from resilience_kg.errors import DataError
from resilience_kg.files import OutputSet
from resilience_kg.graph.dataset import KnowledgeGraph

MARKER = "resilience-kg.json"


def is_store(path: Path) -> bool:
    """True if ``path`` is a store that this tool wrote."""
    return (path / MARKER).is_file()


def check_target(target: Path) -> None:
    """Refuse to build a store over something that is not one (an empty folder is fine)."""
    if target.exists() and not is_store(target):
        if not target.is_dir() or any(target.iterdir()):
            raise DataError(f"{target} exists and is not a resilience-kg store; refusing to overwrite it")


def write_store(kg: KnowledgeGraph, folder: Path) -> None:
    """Write ``kg`` as a store into ``folder`` (new and empty)."""
    disk = ox.Store(str(folder / "oxigraph"))
    disk.bulk_extend(kg.store)
    disk.flush()
    del disk  # close RocksDB before the folder moves
    meta = {"version": __version__, "inputs": kg.inputs, "source_texts": kg.source_texts, "quads": len(kg)}
    (folder / MARKER).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def save_store(kg: KnowledgeGraph, path: str | Path) -> Path:
    """Write ``kg`` to an on-disk store at ``path``, replacing any store there atomically."""
    target = Path(path)
    check_target(target)
    with OutputSet(target.parent, folders=[target]) as outputs:
        outputs.folder(target, lambda folder: write_store(kg, folder))
    return target


def open_store(path: str | Path) -> KnowledgeGraph:
    """Open a store written by :func:`save_store`, read-only."""
    where = Path(path)
    if not is_store(where):
        raise DataError(f"{where} is not a resilience-kg store (build one with: resilience-kg build --store {where})")
    meta = json.loads((where / MARKER).read_text(encoding="utf-8"))
    try:
        store = ox.Store.read_only(str(where / "oxigraph"))
    except OSError as exc:
        raise DataError(f"cannot open the store: {exc}", location=str(where)) from exc
    return KnowledgeGraph(
        store=store,
        origins={},
        inputs=[f"store {where}", *meta.get("inputs", [])],
        source_texts=meta.get("source_texts", {}),
        store_path=where / "oxigraph",
    )
