"""The first rows of a query's answer as a person reads them: what the HTML results page shows.

Runs in the query process (a pool worker or a forked child), under the deadline and the memory
limit, so that the server only receives a page that is small by construction: at most
:data:`resilience_kg.limits.HTML_ROWS` rows, each cell at most :data:`CELL` characters, the whole
at most :data:`PAGE_BYTES` bytes. Oxigraph evaluates lazily, so a cross join of millions of rows
costs no more than its first thousand here. The page travels as JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from resilience_kg.limits import HTML_ROWS
from resilience_kg.sparql.query import Bindings, display, prefixes_used

if TYPE_CHECKING:
    import pyoxigraph as ox

#: The most characters a cell shows (the download links give the whole value).
CELL = 2000
#: The most bytes of cell text a page holds.
PAGE_BYTES = 2 << 20


def _cell(term: object) -> str:
    text = display(term)  # type: ignore[arg-type]
    return text if len(text) <= CELL else text[:CELL] + "…"


def preview(store: ox.Store, text: str, *, form: str, bindings: Bindings, rows: int = HTML_ROWS) -> bytes:
    """The page of ``text``'s answer as JSON: ``{"boolean": b}`` for ASK, else ``{"variables":
    [...], "rows": [[cell, ...], ...], "more": true if rows were left out}``."""
    import pyoxigraph as ox

    result = store.query(text, use_default_graph_as_union=True, prefixes=prefixes_used(text),
                         substitutions=bindings)
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"boolean": bool(result)}).encode()
    page: dict[str, Any]
    if isinstance(result, ox.QueryTriples):
        page = {"variables": ["subject", "predicate", "object"], "rows": [], "more": False}
        source: Any = ((t.subject, t.predicate, t.object) for t in result)
    else:
        page = {"variables": [v.value for v in result.variables], "rows": [], "more": False}
        source = (tuple(solution) for solution in result)
    size = 0
    for row in source:
        if len(page["rows"]) >= rows or size > PAGE_BYTES:
            page["more"] = True
            break
        cells = [_cell(term) for term in row]
        size += sum(len(c) for c in cells) + len(cells)
        page["rows"].append(cells)
    return json.dumps(page).encode()
