"""The review page: the source text with every draft fact highlighted at its offsets, coloured by
kind, the rows beside it, and filters by kind, status and confidence.

One self-contained file that works offline: no CDN, a Content-Security-Policy that allows only
its own inline script and style (by hash), the data embedded as escaped JSON and drawn with DOM
text nodes, and a Jinja2 template with autoescaping for everything else.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from resilience_kg._version import __version__


def _asset(name: str) -> str:
    return resources.files("resilience_kg.extract").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def policy(script: str, style: str) -> str:
    """A policy under which only this page's own script and style run and nothing is fetched."""
    return "; ".join([
        "default-src 'none'", f"script-src {_hash(script)}", f"style-src {_hash(style)}", "img-src 'none'",
        "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ])


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None


def _offset(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def source_text(folder: Path, row: Mapping[str, str]) -> str | None:
    """The saved text of a source row, only from inside ``folder``."""
    name = row.get("file", "")
    if not name:
        return None
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def review_data(*, elements: Sequence[Mapping[str, str]], connections: Sequence[Mapping[str, str]],
                sources: Sequence[Mapping[str, str]], texts: Mapping[str, str], folder: Path) -> dict[str, Any]:
    """What the page draws: the sources with their texts and every row that quotes one."""
    source_list = []
    known_texts: dict[str, str] = {}
    for row in sources:
        sid = row.get("id", "")
        text = texts.get(sid)
        if text is None:
            text = source_text(folder, row)
        if text is None:
            continue
        known_texts[sid] = text
        source_list.append({"id": sid, "title": row.get("title_id") or row.get("title_en") or sid, "text": text})
    facts: list[dict[str, Any]] = []
    for table, rows in (("elements", elements), ("connections", connections)):
        for row in rows:
            sid = row.get("source", "")
            start, end = _offset(row.get("start", "")), _offset(row.get("end", ""))
            text = known_texts.get(sid)
            if text is None or start is None or end is None or not 0 <= start <= end <= len(text):
                continue
            label = (row.get("label_id") or row.get("id", "")) if table == "elements" else \
                f"{row.get('from', '')} {row.get('type', '')} {row.get('to', '')}"
            facts.append({
                "n": len(facts) + 1, "table": table, "kind": row.get("type", ""), "label": label,
                "status": (row.get("status") or "accepted").strip().lower(),
                "confidence": _number(row.get("confidence", "")), "confidence_text": row.get("confidence", ""),
                "method": row.get("method", ""), "quote": row.get("quote", ""),
                "start": start, "end": end, "source": sid,
            })
    return {"sources": source_list, "facts": facts}


def render_review(*, elements: Sequence[Mapping[str, str]], connections: Sequence[Mapping[str, str]],
                  sources: Sequence[Mapping[str, str]], texts: Mapping[str, str], folder: Path) -> str:
    """The review page as one HTML string."""
    from jinja2 import Environment

    data = review_data(elements=elements, connections=connections, sources=sources, texts=texts, folder=folder)
    script, style = _asset("review.js"), _asset("review.css")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("review.html"))
    kinds = sorted({f["kind"] for f in data["facts"]})
    statuses = sorted({f["status"] for f in data["facts"]} | {"draft", "accepted", "rejected"})
    ids = [s["id"] for s in data["sources"]]
    title = ", ".join(ids) if len(ids) <= 3 else f"{len(ids)} sources"
    title = title or "no sources"
    return template.render(policy=policy(script, style), version=__version__, title=title, style=style, script=script,
                           data=data, sources=data["sources"], kinds=kinds, statuses=statuses, folder=folder.name)
