"""A persistent, on-disk Oxigraph store, so a large corpus is loaded once and every later
command starts at once.

A build never leaves a store half-written: it fills a new store in a sibling folder, then swaps
it in with two renames (the old one is removed only after the new one is in place).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from resilience_kg._version import __version__
from resilience_kg.errors import DataError
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


def save_store(kg: KnowledgeGraph, path: str | Path) -> Path:
    """Write ``kg`` to an on-disk store at ``path``, replacing any store there atomically."""
    target = Path(path)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        fresh.chmod(0o777 & ~umask)  # mkdtemp makes it private; a store is an ordinary folder
        disk = ox.Store(str(fresh / "oxigraph"))
        disk.bulk_extend(kg.store)
        disk.flush()
        del disk  # close RocksDB before the folder moves
        meta = {"version": __version__, "inputs": kg.inputs, "source_texts": kg.source_texts, "quads": len(kg)}
        (fresh / MARKER).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(fresh, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
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
