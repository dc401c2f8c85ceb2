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

from resilience_kg._version import __version__

_EXPORTS = {
    "load_graph": "resilience_kg.graph.dataset",
    "KnowledgeGraph": "resilience_kg.graph.dataset",
    "query": "resilience_kg.sparql.query",
    "QueryResult": "resilience_kg.sparql.query",
    "validate": "resilience_kg.graph.validate",
    "ValidationReport": "resilience_kg.graph.validate",
    "export": "resilience_kg.graph.export",
    "serialize": "resilience_kg.graph.export",
    "build": "resilience_kg.graph.build",
    "summarize": "resilience_kg.graph.summary",
    "list_queries": "resilience_kg.sparql.named",
    "get_query": "resilience_kg.sparql.named",
    "check_query": "resilience_kg.sparql.guard",
    "analyze": "resilience_kg.analysis.analyze",
    "Analysis": "resilience_kg.analysis.analyze",
    "project": "resilience_kg.analysis.projection",
    "query_df": "resilience_kg.formats.frames",
    "matrix_df": "resilience_kg.formats.frames",
    "actors_df": "resilience_kg.formats.frames",
    "find_gaps": "resilience_kg.analysis.gaps",
    "attach_analysis": "resilience_kg.analysis.write_back",
    "open_store": "resilience_kg.graph.store",
    "save_store": "resilience_kg.graph.store",
    "build_view": "resilience_kg.views.network_view",
    "write_page": "resilience_kg.views.page",
    "write_report": "resilience_kg.views.report",
    "show": "resilience_kg.views.notebook",
    "write_plots": "resilience_kg.formats.plots",
    "export_network": "resilience_kg.formats.network",
    "Window": "resilience_kg.analysis.window",
    "timeline": "resilience_kg.analysis.timeline",
    "Timeline": "resilience_kg.analysis.timeline",
    "coattendance": "resilience_kg.analysis.coattendance",
    "CoAttendance": "resilience_kg.analysis.coattendance",
    "extract_reports": "resilience_kg.extract.pipeline",
    "read_drafts": "resilience_kg.extract.review_edits.folder",
    "RowRef": "resilience_kg.extract.review_edits.edits",
    "set_status": "resilience_kg.extract.review_edits.edits",
    "set_link": "resilience_kg.extract.review_edits.edits",
    "accept_at_least": "resilience_kg.extract.review_edits.edits",
    "undo": "resilience_kg.extract.review_edits.edits",
    "read_log": "resilience_kg.extract.review_edits.log",
    "accepted_impact": "resilience_kg.server.review.impact",
}

__all__ = [
    "Analysis",
    "CoAttendance",
    "KnowledgeGraph",
    "QueryResult",
    "RowRef",
    "Timeline",
    "ValidationReport",
    "Window",
    "__version__",
    "accept_at_least",
    "accepted_impact",
    "actors_df",
    "analyze",
    "attach_analysis",
    "build",
    "build_view",
    "check_query",
    "coattendance",
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
    "read_drafts",
    "read_log",
    "save_store",
    "serialize",
    "set_link",
    "set_status",
    "show",
    "summarize",
    "timeline",
    "undo",
    "validate",
    "write_page",
    "write_plots",
    "write_report",
]

if TYPE_CHECKING:
    from resilience_kg.analysis.analyze import Analysis, analyze
    from resilience_kg.analysis.coattendance import CoAttendance, coattendance
    from resilience_kg.analysis.gaps import find_gaps
    from resilience_kg.analysis.projection import project
    from resilience_kg.analysis.timeline import Timeline, timeline
    from resilience_kg.analysis.window import Window
    from resilience_kg.analysis.write_back import attach_analysis
    from resilience_kg.extract.pipeline import extract_reports
    from resilience_kg.extract.review_edits.edits import RowRef, accept_at_least, set_link, set_status, undo
    from resilience_kg.extract.review_edits.folder import read_drafts
    from resilience_kg.extract.review_edits.log import read_log
    from resilience_kg.formats.frames import actors_df, matrix_df, query_df
    from resilience_kg.formats.network import export_network
    from resilience_kg.formats.plots import write_plots
    from resilience_kg.graph.build import build
    from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
    from resilience_kg.graph.export import export, serialize
    from resilience_kg.graph.store import open_store, save_store
    from resilience_kg.graph.summary import summarize
    from resilience_kg.graph.validate import ValidationReport, validate
    from resilience_kg.server.review.impact import accepted_impact
    from resilience_kg.sparql.guard import check_query
    from resilience_kg.sparql.named import get_query, list_queries
    from resilience_kg.sparql.query import QueryResult, query
    from resilience_kg.views.network_view import build_view
    from resilience_kg.views.notebook import show
    from resilience_kg.views.page import write_page
    from resilience_kg.views.report import write_report


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'resilience_kg' has no attribute {name!r}")
