"""The whole network analysis in one call, and its tables as text, CSV, JSON or Markdown.

>>> from resilience_kg.graph.dataset import load_graph
>>> result = analyze(load_graph())
>>> max(result.matrix["bpbd"], key=result.matrix["bpbd"].get)
'jakarta-siap'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from resilience_kg._version import __version__
from resilience_kg.analysis.gaps import Gaps, find_gaps
from resilience_kg.analysis.metrics import ActorMetrics, Broker, MetricSettings, actor_metrics, brokers, communities
from resilience_kg.analysis.pillar_links import (
    PATHS,
    PillarLink,
    display_name,
    matrix,
    pillar_links,
    sectors_per_pillar,
)
from resilience_kg.analysis.projection import notation, pillars
from resilience_kg.tabulate import Rendered, aligned, markdown_cell, spreadsheet_csv, terminal_width, visible

if TYPE_CHECKING:
    import networkx as nx

    from resilience_kg.analysis.window import Coverage, Window
    from resilience_kg.graph.dataset import KnowledgeGraph

REPORT_ONLY_NOTE = (
    "Report-only view: curated links (actors' mandates, the pillar of each session and issue, which solution "
    "addresses which issue) are left out, so actors connect to pillars only through their presence at an event "
    "on the pillars the report says it was about. The scores are weaker and say who was in the room, not who "
    "works on what."
)


@dataclass
class Analysis(Rendered):
    """Everything :func:`analyze` found, with the graph it was computed on."""

    graph: nx.MultiDiGraph
    report_only: bool
    links: list[PillarLink]
    matrix: dict[str, dict[str, float]]
    sectors: dict[str, dict[str, int]]
    metrics: list[ActorMetrics]
    settings: MetricSettings
    brokers: list[Broker]
    communities: list[list[str]]
    gaps: Gaps
    notes: list[str] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def pillars(self) -> list[str]:
        return pillars(self.graph)

    def community_of(self) -> dict[str, int]:
        return {n: i for i, c in enumerate(self.communities) for n in c}

    def parameters(self) -> dict[str, Any]:
        """What a repeat of this analysis needs: the tool, its version and every parameter."""
        return {
            "tool": "resilience-kg",
            "version": __version__,
            "report_only": self.report_only,
            "weights": {p.name: {"weight": p.weight, "cap": None if p.cap == float("inf") else p.cap} for p in PATHS},
            "centrality": "exact" if self.settings.exact else f"sampled k={self.settings.sample_k}",
            "seed": self.settings.seed,
            **({"window": self.coverage.window.to_dict()} if self.coverage else {}),
        }

    # -- tables ---------------------------------------------------------------------------
    def actor_rows(self) -> list[dict[str, Any]]:
        """One row per actor: labels, sector, centralities, community, strength per pillar."""
        g = self.graph
        comm = self.community_of()
        broker_rank = {b.actor: i + 1 for i, b in enumerate(self.brokers)}
        rows = []
        for m in sorted(self.metrics, key=lambda m: (-m.betweenness, m.actor)):
            a = g.nodes[m.actor]
            row: dict[str, Any] = {
                "actor": m.actor,
                "name": display_name(g, m.actor),
                "label_en": a.get("label_en", ""),
                "sector": a.get("sector", ""),
                "degree": m.degree,
                "betweenness": round(m.betweenness, 6),
                "closeness": round(m.closeness, 6),
                "eigenvector": round(m.eigenvector, 6),
                "community": comm.get(m.actor, -1),
                "broker_rank": broker_rank.get(m.actor, ""),
            }
            for p in self.pillars:
                row[notation(g, p)] = self.matrix[m.actor][p]
            rows.append(row)
        return rows

    def to_csv(self) -> str:
        # For a spreadsheet: a label starting with = + - @ is written as text, never as a formula.
        rows = self.actor_rows()
        header = list(rows[0]) if rows else ["actor"]
        return spreadsheet_csv(header, [[row[k] for k in header] for row in rows])

    def to_json(self) -> str:
        g = self.graph
        doc = {
            "parameters": self.parameters(),
            "notes": self.notes,
            **({"coverage": self.coverage.to_dict()} if self.coverage else {}),
            "actors": self.actor_rows(),
            "connections": [
                {
                    "actor": lk.actor,
                    "pillar": notation(g, lk.pillar),
                    "strength": lk.strength,
                    "basis": lk.basis,
                    "paths": [
                        {"pattern": p.pattern, "weight": p.weight, "curated": p.curated,
                         "confidence": p.confidence, "chain": p.chain(g)}
                        for p in lk.paths
                    ],
                }
                for lk in self.links
            ],
            "sectors_per_pillar": {notation(g, p): c for p, c in self.sectors.items()},
            "brokers": [{"actor": b.actor, "pillars": list(b.pillars), "betweenness": b.betweenness}
                        for b in self.brokers],
            "communities": self.communities,
            "gaps": {
                "home_country": self.gaps.home_country,
                "issues": [vars(x) for x in self.gaps.issues],
                "solutions": [{**vars(x), "issues": list(x.issues)} for x in self.gaps.solutions],
                "pillars": [{**vars(x), "missing_sectors": list(x.missing_sectors)} for x in self.gaps.pillars],
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        g = self.graph
        name = lambda n: markdown_cell(display_name(g, n))  # noqa: E731
        cols = self.pillars
        out = ["# Actors and pillars", ""]
        out += [f"> {n}" for n in self.notes] + ([""] if self.notes else [])
        out += ["## Who connects to which pillar", "",
                "Strength of each actor's connection to each pillar (see the weights below).", "",
                "| actor | sector | " + " | ".join(notation(g, p) for p in cols) + " |",
                "| --- | --- |" + " ---: |" * len(cols)]
        for actor, row in sorted(self.matrix.items(), key=lambda kv: (-max(kv[1].values(), default=0), kv[0])):
            cells = " | ".join(f"{row[p]:.2f}" if row[p] else "" for p in cols)
            out.append(f"| {name(actor)} | {g.nodes[actor].get('sector', '')} | {cells} |")
        out += ["", "## Actors per pillar, by sector (beyond presence)", "",
                "| pillar | " + " | ".join(sorted({s for c in self.sectors.values() for s in c})) + " |"]
        sectors = sorted({s for c in self.sectors.values() for s in c})
        out.append("| --- |" + " ---: |" * len(sectors))
        for p in cols:
            out.append(f"| {notation(g, p)} | " + " | ".join(str(self.sectors[p].get(s, 0)) for s in sectors) + " |")
        out += ["", "## Brokers", "", "Actors that do something about two or more pillars, by betweenness "
                "on the actor-pillar graph.", ""]
        out += [f"1. {name(b.actor)}: {', '.join(notation(g, p) for p in b.pillars)} "
                f"(betweenness {b.betweenness:.3f})" for b in self.brokers] or ["None."]
        out += ["", "## Central actors", "", "| actor | degree | betweenness | closeness | eigenvector |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for m in sorted(self.metrics, key=lambda m: (-m.betweenness, m.actor))[:15]:
            out.append(
                f"| {name(m.actor)} | {m.degree} | {m.betweenness:.3f} | {m.closeness:.3f} | {m.eigenvector:.3f} |"
            )
        out += ["", "## Communities (Louvain, seeded)", ""]
        for i, c in enumerate(self.communities):
            actors_in = [name(n) for n in c if g.nodes[n].get("kind") == "actor"]
            out.append(f"{i + 1}. {len(c)} nodes; actors: {', '.join(actors_in) or 'none'}")
        out += ["", "## Gaps", ""]
        out += [f"- Issue {name(x.issue)} ({notation(g, x.pillar) if x.pillar else 'no pillar'}): {x.reason}"
                for x in self.gaps.issues]
        out += [f"- Solution {name(x.solution)}: {x.reason}" for x in self.gaps.solutions]
        out += [f"- Pillar {notation(g, x.pillar)}: {x.actors} local actor(s) beyond presence; missing sectors: "
                f"{', '.join(x.missing_sectors) or 'none'}" for x in self.gaps.pillars]
        out += ["", "## Weights", "", "| pattern | weight | cap |", "| --- | ---: | ---: |"]
        out += [f"| {p.name} | {p.weight} | {'' if p.cap == float('inf') else p.cap} |" for p in PATHS]
        return "\n".join(out) + "\n"

    def to_table(self) -> str:
        rows = self.actor_rows()
        if not rows:
            return "(no actors)\n"
        notations = [notation(self.graph, p) for p in self.pillars]
        keys = ["name", "sector", "degree", "betweenness", *notations]
        body = [[f"{r[k]:.3f}" if isinstance(r[k], float) else str(r[k]) for k in keys] for r in rows]
        text = aligned(keys, body, width=terminal_width())
        extra = [visible(f"brokers: {', '.join(display_name(self.graph, b.actor) for b in self.brokers) or 'none'}"),
                 f"communities: {len(self.communities)}",
                 f"gaps: {len(self.gaps.issues)} issue(s), {len(self.gaps.solutions)} solution(s), "
                 f"{len(self.gaps.pillars)} pillar(s)"]
        return "\n".join([*self.notes, text, *extra]) + "\n"


def analyze(kg: KnowledgeGraph, *, report_only: bool = False, window: Window | None = None) -> Analysis:
    """Project ``kg`` (restricted to ``window``, if given), then compute connections, the matrix,
    metrics, brokers, communities, gaps."""
    from resilience_kg.analysis.window import windowed_projection

    g, coverage = windowed_projection(kg, report_only=report_only, window=window)
    links = pillar_links(g)
    metrics, settings = actor_metrics(g)
    return Analysis(
        graph=g,
        report_only=report_only,
        links=links,
        matrix=matrix(g, links),
        sectors=sectors_per_pillar(g, links),
        metrics=metrics,
        settings=settings,
        brokers=brokers(g, links),
        communities=communities(g),
        gaps=find_gaps(g, links),
        notes=[*([REPORT_ONLY_NOTE] if report_only else []), coverage.describe(), *coverage.notes],
        coverage=coverage,
    )
