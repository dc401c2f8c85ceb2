"""The bundled named queries (``queries/NAME.rq``): the competency questions of the graph.

Each file opens with comment lines; ``# title:`` says what the query returns.

>>> [q.name for q in list_queries()][:3]
['actor-pillars', 'actor-sources', 'actors']
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib.resources import files

from resilience_kg.errors import QueryError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    title = ""
    for line in text.splitlines():
        if line.startswith("# title:"):
            title = line.removeprefix("# title:").strip()
            break
    return NamedQuery(name=name, title=title, text=text)


def list_queries() -> list[NamedQuery]:
    """Every bundled query, sorted by name."""
    folder = files("resilience_kg.sparql").joinpath("queries")
    found = [
        _parse(entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(found, key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """The bundled query called ``name``; an unknown name gets the nearest names."""
    queries = {q.name: q for q in list_queries()}
    if name in queries:
        return queries[name]
    near = difflib.get_close_matches(name, list(queries), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else f"; known: {', '.join(queries)}"
    raise QueryError(f"no bundled query named {name!r}{hint}")
