"""The offline report: one static HTML page for people who would rather look than read, and
the interactive views it links to, all written into one folder.

The page has no script at all (its policy forbids them); every string from the data is escaped.
"""

from __future__ import annotations

import base64
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from resilience_kg import vocab as v
from resilience_kg._version import __version__
from resilience_kg.analysis import pillar_links as weights_table
from resilience_kg.analysis.analyze import Analysis, analyze
from resilience_kg.analysis.pillar_links import display_name
from resilience_kg.files import atomic_write
from resilience_kg.graph.summary import summarize
from resilience_kg.views.network_view import build_view, view_lookups
from resilience_kg.views.page import write_page

if TYPE_CHECKING:
    from resilience_kg.analysis.timeline import Timeline
    from resilience_kg.analysis.window import Window
    from resilience_kg.graph.dataset import KnowledgeGraph

E = html.escape
CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; max-width: 1100px;
       margin: 0 auto; padding: 16px; }
h1 { font-size: 24px; } h2 { font-size: 19px; margin-top: 28px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 8px 0; } td, th { padding: 3px 8px; border: 1px solid #ddd; }
th { background: #f4f4f4; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #7a4b00; } mark { background: #ffe08a; } blockquote { margin: 6px 0; padding: 4px 10px;
border-left: 3px solid #e15759; background: #fafafa; } .source { white-space: pre-wrap; background: #fcfcfc;
border: 1px solid #eee; padding: 10px; } ul.views li { margin: 2px 0; }
.legend span { display: inline-block; padding: 1px 8px; border: 1px solid #ddd; font-variant-numeric: tabular-nums; }
img.chart { max-width: 100%; } .period { margin-left: 8px; }
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _cell_colour(value: float, top: float) -> str:
    """White to dark red, like the heatmap PNG; text stays readable on dark cells."""
    t = 0.0 if top <= 0 else min(1.0, value / top)
    r, g, b = (255, int(255 - 200 * t), int(235 - 215 * t)) if t else (255, 255, 255)
    return f"background: rgb({r},{g},{b}); color: {'#fff' if t > 0.6 else '#222'}"


def _heatmap(a: Analysis) -> str:
    g = a.graph
    cols = a.pillars
    top = max((max(r.values(), default=0.0) for r in a.matrix.values()), default=0.0)
    rows = sorted(a.matrix, key=lambda x: (-max(a.matrix[x].values(), default=0.0), x))
    head = "".join(f"<th>{E(str(g.nodes[p].get('notation', p)))}</th>" for p in cols)
    body = []
    for actor in rows:
        cells = "".join(
            f'<td class="num" style="{_cell_colour(a.matrix[actor][p], top)}">{a.matrix[actor][p]:.2f}</td>'
            for p in cols
        )
        sector = E(str(g.nodes[actor].get("sector", "")))
        body.append(f"<tr><th>{E(display_name(g, actor))}</th><td>{sector}</td>{cells}</tr>")
    return f"<table><tr><th>actor</th><th>sector</th>{head}</tr>{''.join(body)}</table>"


def _legend(a: Analysis) -> str:
    """What the matrix colours mean: five swatches from zero to the strongest link."""
    top = max((max(r.values(), default=0.0) for r in a.matrix.values()), default=0.0)
    steps = [top * i / 4 for i in range(5)] if top > 0 else [0.0]
    cells = "".join(f'<span style="{_cell_colour(x, top)}">{x:.2f}</span>' for x in steps)
    return (f'<p class="legend" id="matrix-legend">Colour scale (connection strength): {cells} '
            "<small>white: no connection; darker: stronger</small></p>")


def _weights() -> str:
    """The weights table the strengths are computed from, and the confidence discounts (read
    when the page is written, so the page states the weights the strengths were computed with)."""
    rows = "".join(
        f"<tr><td>{E(p.name)}</td><td>{E(p.describe())}</td><td class='num'>{p.weight:g}</td>"
        f"<td class='num'>{'' if p.cap == math.inf else f'{p.cap:g}'}</td></tr>"
        for p in weights_table.PATHS
    )
    factors = "".join(
        f"<tr><td>{E(c)}</td><td class='num'>{f:g}</td></tr>" for c, f in weights_table.CONFIDENCE_FACTOR.items()
    )
    return (
        '<table id="weights"><tr><th>pattern</th><th>path</th><th>weight</th><th>cap</th></tr>'
        f"{rows}</table>"
        '<table id="confidence"><tr><th>confidence of a curated link</th><th>its path counts</th></tr>'
        f"{factors}</table>"
    )


def _periods(tl: Timeline) -> str:
    """The timeline chart, then one section per period with events: who came, who was new, who left."""
    from resilience_kg.errors import ResilienceKGError

    if not tl.periods:
        return "<p>No dated event in the window: nothing to show over time.</p>"
    g = tl.graph
    try:
        from resilience_kg.formats.plots import timeline_png

        png = base64.b64encode(timeline_png(tl)).decode("ascii")
        chart = f'<img class="chart" id="timeline-chart" alt="Actors per {E(tl.by)}, and per pillar" ' \
                f'src="data:image/png;base64,{png}">'
    except ResilienceKGError as exc:  # matplotlib is an optional extra
        chart = f'<p class="note">{E(str(exc))}</p>'
    active = tl.active()
    parts = [chart, f'<p class="note">{E(" ".join(tl.notes))}</p>']
    names = lambda xs: E(", ".join(display_name(g, x) for x in xs)) or "none"  # noqa: E731
    for i, period in enumerate(tl.periods):
        if not active[period]:
            continue
        events = sorted({e for r in tl.rows if r.period == period for e in r.events})
        last = i == len(tl.periods) - 1
        per_pillar = "".join(
            f"<tr><td>{E(tl.notation(p))}</td><td class='num'>{tl.pillar_actors[period].get(p, 0)}</td>"
            f"<td>{E(', '.join(f'{s} {n}' for s, n in sorted(tl.pillar_sectors[period].get(p, {}).items())))}</td></tr>"
            for p in tl.pillars)
        parts.append(
            f'<section class="period" id="period-{E(period)}"><h3>{E(period)}</h3>'
            f"<p>{len(events)} event(s): {names(events)}. {len(active[period])} actor(s) took part.</p>"
            f"<p><b>Newcomers ({len(tl.newcomers[period])}):</b> {names(tl.newcomers[period])}</p>"
            + ("<p><b>Leavers:</b> not known yet (the last period)</p>" if last else
               f"<p><b>Leavers ({len(tl.leavers[period])}):</b> {names(tl.leavers[period])}</p>")
            + f"<table><tr><th>pillar</th><th>actors</th><th>by sector</th></tr>{per_pillar}</table></section>"
        )
    return "".join(parts)


def _source_sections(kg: KnowledgeGraph) -> str:
    """Each source: its metadata, its text with every quoted span marked, and the quotes."""
    rows = kg.store.query(
        """SELECT ?src ?title ?quote ?start ?end (COUNT(?st) AS ?facts) WHERE {
             GRAPH graph:provenance {
               ?q oa:exact ?quote ; dcterms:source ?src ; oa:start ?start ; oa:end ?end .
               ?src dcterms:title ?title FILTER(lang(?title) = "en")
               OPTIONAL { ?st rkg:evidence ?q } } }
           GROUP BY ?src ?title ?quote ?start ?end ORDER BY ?src ?start ?end""",
        prefixes=v.QUERY_PREFIXES,
    )
    by_source: dict[str, tuple[str, list[tuple[str, int, int, int]]]] = {}
    for r in rows:  # type: ignore[union-attr]
        entry = by_source.setdefault(r["src"].value, (r["title"].value, []))
        entry[1].append((r["quote"].value, int(r["start"].value), int(r["end"].value), int(r["facts"].value)))
    parts = []
    for src, (title, quotes) in by_source.items():
        parts.append(f"<h3>{E(title)}</h3>")
        parts.append(f"<p>{len(quotes)} distinct quotes support {sum(n for *_, n in quotes)} facts.</p>")
        parts.append("<details><summary>Quotes, where they sit, and how many facts each supports</summary>")
        parts += [
            f"<blockquote>{E(q)} <small>(characters {a}-{b}; {n} facts)</small></blockquote>" for q, a, b, n in quotes
        ]
        parts.append("</details>")
        text = kg.source_texts.get(src, "")
        if text:
            parts.append(f'<div class="source">{_mark(text, [(a, b) for _, a, b, _ in quotes])}</div>')
    return "".join(parts)


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    """The text, escaped, with the characters of each quoted span inside ``<mark>``.

    Spans are the quotes' own offsets, so a phrase that occurs three times is marked only where a
    quote points, not wherever the same words recur.

    >>> _mark("a b a", [(4, 5)])
    'a b <mark>a</mark>'
    """
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(text))):
            covered[i] = True
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and covered[j] == covered[i]:
            j += 1
        chunk = E(text[i:j])
        out.append(f"<mark>{chunk}</mark>" if covered[i] else chunk)
        i = j
    return "".join(out)


VIEWS = ("full", "actors-pillars")


def write_report(
    kg: KnowledgeGraph, out: str | Path, *, report_only: bool = False, window: Window | None = None,
    by: str = "year",
) -> list[Path]:
    """Write ``report.html`` and the views it links to into ``out`` (all restricted to ``window``,
    if given; the timeline by ``year``, ``quarter`` or ``month``); return the paths."""
    from resilience_kg.analysis.timeline import timeline_of

    out = Path(out)
    a = analyze(kg, report_only=report_only, window=window)
    assert a.coverage is not None
    tl = timeline_of(a.graph, a.coverage, by=by)
    g = a.graph
    written: list[Path] = []
    views = [*VIEWS, *(f"pillar:{g.nodes[p].get('notation', p)}" for p in a.pillars)]
    links = []
    lookups = view_lookups(kg)  # the store's evidence and statements, read once for every view
    for view in views:
        name = "view-" + view.replace(":", "-").lower() + ".html"
        data = build_view(kg, view, analysis=a, lookups=lookups)
        written.append(write_page(data, out / name))
        size = f"{len(data.nodes)} nodes, {len(data.edges)} links"
        links.append(f'<li><a href="{E(name)}">{E(data.title)}</a> ({size})</li>')
    s = summarize(kg)
    counts = "".join(
        f"<tr><td>{E(cls)}</td><td class='num'>{max(n.values())}</td></tr>"
        for cls, n in sorted(s.classes.items())
        if cls.startswith(("rkg:", "org:")) and not cls.endswith(("Statement", "Sector", "Confidence", "Status"))
    )
    brokers = "".join(
        f"<li>{E(display_name(g, b.actor))}: {E(', '.join(str(g.nodes[p].get('notation', p)) for p in b.pillars))}"
        f" (betweenness {b.betweenness:.3f})</li>"
        for b in a.brokers
    ) or "<li>None: no actor works on two or more pillars.</li>"
    gaps = [f"<li>Issue <b>{E(display_name(g, x.issue))}</b>: {E(x.reason)}</li>" for x in a.gaps.issues]
    gaps += [f"<li>Solution <b>{E(display_name(g, x.solution))}</b>: {E(x.reason)}</li>" for x in a.gaps.solutions]
    gaps += [
        f"<li>Pillar <b>{E(str(g.nodes[x.pillar].get('label_id', x.pillar)))}</b>: {x.actors} local actor(s) beyond "
        f"presence; missing: {E(', '.join(x.missing_sectors) or 'none')}</li>"
        for x in a.gaps.pillars
    ]
    communities = "".join(
        "<li>" + E(", ".join(display_name(g, n) for n in c if g.nodes[n].get("kind") == "actor") or "(no actors)")
        + f" <small>({len(c)} nodes)</small></li>"
        for c in a.communities
    )
    notes = "".join(f'<p class="note">{E(n)}</p>' for n in a.notes)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="resilience-kg {E(__version__)}">
<title>resilience-kg report</title><style>{CSS}</style></head>
<body>
<h1>Actors of urban resilience: the knowledge graph at a glance</h1>
{notes}
<h2>What the dataset holds</h2>
<p>{s.total} statements in {len(s.triples)} named graphs (report: {s.triples.get('report', 0)},
curated: {s.triples.get('curated', 0)}).</p>
<table><tr><th>class</th><th>count</th></tr>{counts}</table>
<h2>Interactive views</h2>
<p>Each opens offline in a browser; click a node for its details and evidence.</p>
<ul class="views">{''.join(links)}</ul>
<h2>Who connects to which pillar</h2>
<p>Strength of each actor's link to each pillar: the sum of the weights of the paths that connect them, each
kind of path capped; a curated link on a path discounts it once, by its confidence.</p>
{_weights()}
{_heatmap(a)}
{_legend(a)}
<h2>Over time</h2>
<p>Per {E(tl.by)}: the actors that took part, the newcomers (first seen then) and the leavers (last seen then), and
how many actors touched each pillar (a session on it, a proposal, or a mandate while active).</p>
{_periods(tl)}
<h2>Brokers between pillars</h2><ol>{brokers}</ol>
<h2>Gaps</h2><ul>{''.join(gaps) or '<li>None found.</li>'}</ul>
<h2>Communities</h2><ol>{communities}</ol>
<h2>The source and its evidence</h2>
<p>Every fact the report states carries an exact quote; marked below is all the text the graph rests on.</p>
{_source_sections(kg)}
</body></html>
"""
    written.insert(0, atomic_write(out / "report.html", page.encode("utf-8")))
    return written
