"""Show a view inside Jupyter: the page goes into a sandboxed iframe (``srcdoc``), which works in
JupyterLab, classic Notebook and VS Code alike, where pyvis's own display is often blank.

>>> from resilience_kg.graph.dataset import load_graph
>>> frame = show(load_graph(), "actor:BPBD", height=400)
>>> frame._repr_html_().startswith("<iframe")
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph


@dataclass(frozen=True)
class NotebookView:
    """A rendered page that Jupyter shows through ``_repr_html_`` (no IPython import needed)."""

    page: str
    height: int = 600

    def _repr_html_(self) -> str:
        # srcdoc keeps the page's own CSP; allow-scripts without allow-same-origin keeps it
        # away from the notebook's cookies and DOM.
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd;"></iframe>'
        )


def show(kg: KnowledgeGraph, view: str = "full", *, report_only: bool = False, height: int = 600) -> NotebookView:
    """The interactive view ``view`` of ``kg``, for display in a notebook cell."""
    from resilience_kg.views.network_view import build_view, to_pyvis
    from resilience_kg.views.page import render_page

    data = build_view(kg, view, report_only=report_only)
    net = to_pyvis(data)
    return NotebookView(page=render_page(data, net.options), height=height)
