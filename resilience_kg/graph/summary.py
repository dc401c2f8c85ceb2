"""Counts that describe a graph: triples per named graph, instances per class and graph."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from resilience_kg import vocab as v

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

_CLASS_COUNTS = """
SELECT ?class ?g (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/resilience-kg/id/"))
} GROUP BY ?class ?g
"""

_GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass
class Summary:
    """``triples`` per graph name; ``classes`` maps a class to its count per graph."""

    total: int
    triples: dict[str, int]
    classes: dict[str, dict[str, int]]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    def to_markdown(self) -> str:
        graphs = sorted(self.triples)
        lines = ["# Graph summary", "", f"{self.total} quads in all.", "", "| graph | triples |", "| --- | ---: |"]
        lines += [f"| {g} | {self.triples[g]} |" for g in graphs]
        lines += ["", "| class | " + " | ".join(graphs) + " |", "| --- |" + " ---: |" * len(graphs)]
        for cls in sorted(self.classes):
            lines.append(f"| {cls} | " + " | ".join(str(self.classes[cls].get(g, 0)) for g in graphs) + " |")
        return "\n".join(lines) + "\n"


def _short_graph(iri: str) -> str:
    return iri[len(v.GRAPH) :] if iri.startswith(v.GRAPH) else iri


def summarize(kg: KnowledgeGraph) -> Summary:
    """Count the triples of each named graph and the individuals of each class in each graph."""
    triples = {
        _short_graph(r["g"].value): int(r["n"].value) for r in kg.store.query(_GRAPH_COUNTS)  # type: ignore[union-attr]
    }
    classes: dict[str, dict[str, int]] = {}
    for r in kg.store.query(_CLASS_COUNTS):  # type: ignore[union-attr]
        cls = v.shorten(r["class"].value)
        classes.setdefault(cls, {})[_short_graph(r["g"].value)] = int(r["n"].value)
    return Summary(total=len(kg), triples=triples, classes=classes)
