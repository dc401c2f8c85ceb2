"""resilience-kg: a knowledge graph of the actors in urban resilience.

The public API, for scripts and notebooks::

    from resilience_kg import load_graph, query, validate, export
    kg = load_graph()                       # the bundled Jakarta 2019 workshop
    query(kg, "SELECT * WHERE { ?p a rkg:Pillar }").rows

Names are imported on first use, so ``import resilience_kg`` (and the CLI's ``--help``) stays
fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_graph": "resilience_kg.graph.dataset",
    "KnowledgeGraph": "resilience_kg.graph.dataset",
    "query": "resilience_kg.graph.query",
    "QueryResult": "resilience_kg.graph.query",
    "validate": "resilience_kg.graph.validate",
    "ValidationReport": "resilience_kg.graph.validate",
    "export": "resilience_kg.graph.export",
    "serialize": "resilience_kg.graph.export",
    "build": "resilience_kg.graph.build",
    "summarize": "resilience_kg.graph.summary",
    "list_queries": "resilience_kg.graph.named_queries",
    "get_query": "resilience_kg.graph.named_queries",
    "check_query": "resilience_kg.graph.safety",
}

__all__ = [
    "KnowledgeGraph",
    "QueryResult",
    "ValidationReport",
    "__version__",
    "build",
    "check_query",
    "export",
    "get_query",
    "list_queries",
    "load_graph",
    "query",
    "serialize",
    "summarize",
    "validate",
]

if TYPE_CHECKING:
    from resilience_kg.graph.build import build
    from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
    from resilience_kg.graph.export import export, serialize
    from resilience_kg.graph.named_queries import get_query, list_queries
    from resilience_kg.graph.query import QueryResult, query
    from resilience_kg.graph.safety import check_query
    from resilience_kg.graph.summary import summarize
    from resilience_kg.graph.validate import ValidationReport, validate


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'resilience_kg' has no attribute {name!r}")
