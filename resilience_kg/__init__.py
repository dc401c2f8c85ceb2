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
    "analyze": "resilience_kg.graph.analysis",
    "Analysis": "resilience_kg.graph.analysis",
    "project": "resilience_kg.graph.projection",
    "query_df": "resilience_kg.graph.frames",
    "matrix_df": "resilience_kg.graph.frames",
    "actors_df": "resilience_kg.graph.frames",
    "find_gaps": "resilience_kg.graph.gaps",
    "attach_analysis": "resilience_kg.graph.analysis_rdf",
    "open_store": "resilience_kg.graph.store",
    "save_store": "resilience_kg.graph.store",
    "build_view": "resilience_kg.views.network_view",
    "write_page": "resilience_kg.views.page",
    "write_report": "resilience_kg.views.report",
    "show": "resilience_kg.views.notebook",
    "write_plots": "resilience_kg.graph.plots",
    "export_network": "resilience_kg.graph.netexport",
    "extract_reports": "resilience_kg.extract",
}

__all__ = [
    "Analysis",
    "KnowledgeGraph",
    "QueryResult",
    "ValidationReport",
    "__version__",
    "actors_df",
    "analyze",
    "attach_analysis",
    "build",
    "build_view",
    "check_query",
    "export",
    "export_network",
    "extract_reports",
    "find_gaps",
    "get_query",
    "list_queries",
    "load_graph",
    "matrix_df",
    "open_store",
    "project",
    "query",
    "query_df",
    "save_store",
    "serialize",
    "show",
    "summarize",
    "validate",
    "write_page",
    "write_plots",
    "write_report",
]

if TYPE_CHECKING:
    from resilience_kg.extract import extract_reports
    from resilience_kg.graph.analysis import Analysis, analyze
    from resilience_kg.graph.analysis_rdf import attach_analysis
    from resilience_kg.graph.build import build
    from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
    from resilience_kg.graph.export import export, serialize
    from resilience_kg.graph.frames import actors_df, matrix_df, query_df
    from resilience_kg.graph.gaps import find_gaps
    from resilience_kg.graph.named_queries import get_query, list_queries
    from resilience_kg.graph.netexport import export_network
    from resilience_kg.graph.plots import write_plots
    from resilience_kg.graph.projection import project
    from resilience_kg.graph.query import QueryResult, query
    from resilience_kg.graph.safety import check_query
    from resilience_kg.graph.store import open_store, save_store
    from resilience_kg.graph.summary import summarize
    from resilience_kg.graph.validate import ValidationReport, validate
    from resilience_kg.views.network_view import build_view
    from resilience_kg.views.notebook import show
    from resilience_kg.views.page import write_page
    from resilience_kg.views.report import write_report


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'resilience_kg' has no attribute {name!r}")
