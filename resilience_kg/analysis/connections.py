"""The ``connections`` and ``gaps`` reports: the actor-by-pillar matrix, one actor's paths to
each pillar with the basis of every score, and the gaps, as table, CSV, JSON or Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resilience_kg.analysis.analyze import REPORT_ONLY_NOTE
from resilience_kg.analysis.gaps import find_gaps
from resilience_kg.analysis.lookup import find_node
from resilience_kg.analysis.pillar_links import PillarLink, display_name, matrix, pillar_links
from resilience_kg.analysis.projection import notation, pillars
from resilience_kg.tabulate import render

if TYPE_CHECKING:

    from resilience_kg.analysis.window import Window
    from resilience_kg.graph.dataset import KnowledgeGraph


def _basis(link: PillarLink) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in sorted(link.basis.items(), key=lambda kv: -kv[1]))


def connections(
    kg: KnowledgeGraph,
    *,
    actor: str | None = None,
    pillar: str | None = None,
    fmt: str = "table",
    lang: str = "en",
    report_only: bool = False,
    window: Window | None = None,
) -> str:
    """The matrix (no ``actor``), or one actor's paths to each pillar (or to ``pillar``), within
    ``window`` if given."""
    from resilience_kg.analysis.window import windowed_projection

    g, coverage = windowed_projection(kg, report_only=report_only, window=window)
    links = pillar_links(g)
    notes = [*([REPORT_ONLY_NOTE] if report_only else []), coverage.describe(), *coverage.notes]
    cols = pillars(g)
    if pillar is not None:
        cols = [find_node(g, pillar, kind="pillar")]
    if actor is None:
        table = matrix(g, links)
        header = ["actor", "name", "sector", *[notation(g, p) for p in cols]]
        ordered = sorted(table, key=lambda a: (-max(table[a][p] for p in cols), a))
        rows = [[a, display_name(g, a, lang=lang), str(g.nodes[a].get("sector", "")),
                 *[f"{table[a][p]:g}" for p in cols]] for a in ordered]
        return render(header, rows, fmt, notes=notes)
    node = find_node(g, actor)
    header = ["pillar", "strength", "basis", "weight", "link", "path"]
    rows = []
    for link in links:
        if link.actor != node or link.pillar not in cols:
            continue
        for path in link.paths:
            kind = f"curated ({path.confidence})" if path.curated else "report"
            rows.append([notation(g, link.pillar), f"{link.strength:g}", _basis(link), f"{path.weight:g}", kind,
                         path.chain(g, lang=lang)])
    if not rows:
        notes.append(f"{display_name(g, node, lang=lang)} connects to no pillar in this view.")
    return render(header, rows, fmt, notes=notes)


def gaps_report(
    kg: KnowledgeGraph, *, fmt: str = "table", report_only: bool = False, window: Window | None = None
) -> str:
    """The gaps (see :mod:`resilience_kg.analysis.gaps`) as rows: what, which, why; within ``window``."""
    from resilience_kg.analysis.window import windowed_projection

    g, coverage = windowed_projection(kg, report_only=report_only, window=window)
    found = find_gaps(g, pillar_links(g))
    rows: list[list[str]] = []
    for x in found.issues:
        rows.append(["issue", display_name(g, x.issue), notation(g, x.pillar) if x.pillar else "", x.reason])
    for s in found.solutions:
        issues = ", ".join(display_name(g, i) for i in s.issues)
        rows.append(["solution", display_name(g, s.solution), issues, s.reason])
    for p in found.pillars:
        missing = ", ".join(p.missing_sectors) or "none"
        rows.append(["pillar", display_name(g, p.pillar), notation(g, p.pillar),
                     f"{p.actors} local actor(s) beyond presence; missing sectors: {missing}"])
    notes = [*([REPORT_ONLY_NOTE] if report_only else []), coverage.describe(), *coverage.notes]
    notes.append(f"Local means of the host country ({found.home_country or 'unknown'}), not a diplomatic mission.")
    return render(["gap", "what", "where", "why"], rows, fmt, notes=notes)
