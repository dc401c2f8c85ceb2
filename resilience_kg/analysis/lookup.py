"""Find a node by what an analyst would type: an acronym, a slug, or a label in either language.

>>> from resilience_kg.graph.dataset import load_graph
>>> from resilience_kg.analysis.projection import project
>>> g = project(load_graph())
>>> find_node(g, "bpbd"), find_node(g, "Environment Agency"), find_node(g, "SIAP", kind="pillar")
('bpbd', 'dlh', 'jakarta-siap')
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from resilience_kg.errors import NotFound

if TYPE_CHECKING:
    import networkx as nx

_NAME_FIELDS = ("acronym", "notation", "label_id", "label_en", "label")


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").split())


def names_of(g: nx.MultiDiGraph, node: str) -> list[str]:
    """Every name a node answers to: its slug, acronym, notation and labels."""
    a = g.nodes[node]
    return [node, *(str(a[f]) for f in _NAME_FIELDS if a.get(f))]


def find_node(g: nx.MultiDiGraph, name: str, *, kind: str = "actor") -> str:
    """The node of ``kind`` whose slug, acronym, notation or label is ``name`` (case and
    spacing ignored); :class:`NotFound` with the nearest names otherwise."""
    wanted = _fold(name)
    index: dict[str, set[str]] = {}
    for node, k in g.nodes(data="kind"):
        if k == kind:
            for n in names_of(g, node):
                index.setdefault(_fold(n), set()).add(node)
    hits = index.get(wanted, set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        raise NotFound(f"{name!r} names several {kind}s: {', '.join(sorted(hits))}; use the id")
    near = difflib.get_close_matches(wanted, list(index), n=5, cutoff=0.5)
    hint = f"; nearest: {', '.join(near)}" if near else ""
    raise NotFound(f"no {kind} named {name!r}{hint}")
