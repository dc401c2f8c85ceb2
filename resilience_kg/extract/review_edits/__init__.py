"""Review a drafts folder from Python: read it with every row's line, fingerprint and problems,
then accept, reject, edit, link, bulk-accept and undo, each change written at once (atomically,
every column kept) and logged. ``resilience-kg review DIR`` is a page over these calls.

For instance (``notebooks/05-add-a-report.ipynb`` runs these)::

    drafts = read_drafts("drafts/")
    accept("drafts/", RowRef.of(drafts.elements.rows[0]))
"""

from __future__ import annotations

from resilience_kg.extract.review_edits.edits import (
    ReviewConflict,
    ReviewError,
    RowRef,
    accept,
    accept_at_least,
    edit,
    last_changes,
    lost_changes,
    reapply,
    reject,
    set_link,
    set_status,
    undo,
)
from resilience_kg.extract.review_edits.folder import DraftRow, Drafts, DraftTable, Problem, folder_lock, read_drafts
from resilience_kg.extract.review_edits.known import GraphIndex, KnownNode, graph_index
from resilience_kg.extract.review_edits.log import LOG_NAME, Change, RowChange, read_log

__all__ = [
    "LOG_NAME", "Change", "DraftRow", "DraftTable", "Drafts", "GraphIndex", "KnownNode", "Problem", "ReviewConflict",
    "ReviewError", "RowChange", "RowRef", "accept", "accept_at_least", "edit", "folder_lock", "graph_index",
    "last_changes", "lost_changes", "read_drafts", "read_log", "reapply", "reject", "set_link", "set_status", "undo",
]
