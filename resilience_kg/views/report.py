"""The offline report: one static HTML page for people who would rather look than read, and
the interactive views it links to, all written into one folder.

The page is a Jinja2 template (``views/templates/report.html``) with autoescape: every string
from the data is escaped there. It has no script at all (its policy forbids them).
"""

from __future__ import annotations

import base64
import functools
import math
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from resilience_kg import vocab as v
from resilience_kg._version import __version__
from resilience_kg.analysis import pillar_links as weights_table
from resilience_kg.analysis.analyze import Analysis, analyze
from resilience_kg.analysis.projection import notation
from resilience_kg.analysis.projection import pillars as pillars_of
from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write
from resilience_kg.graph.summary import summarize
from resilience_kg.views.network_view import build_view, view_lookups, window_line
from resilience_kg.views.page import page_html
from resilience_kg.views.report_messages import text

if TYPE_CHECKING:
    import jinja2
    import networkx as nx

    from resilience_kg.analysis.gaps import IssueGap, PillarGap, SolutionGap
    from resilience_kg.analysis.timeline import Timeline
    from resilience_kg.analysis.window import Coverage, Window
    from resilience_kg.graph.dataset import KnowledgeGraph

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment over ``views/templates/``, read with importlib.resources, escaping
    every value, with ``t(id, lang, **args)``, a message of the report's catalogue."""
    from importlib.resources import files

    import jinja2

    def load(name: str) -> str:
        return files("resilience_kg.views").joinpath("templates", name).read_text(encoding="utf-8")

    env = jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["t"] = text
    env.globals["bold"] = lambda value: Markup("<b>{}</b>").format(value)
    return env


def _cell_colour(value: float, top: float) -> str:
    """White to dark red, like the heatmap PNG; text stays readable on dark cells."""
    t = 0.0 if top <= 0 else min(1.0, value / top)
    r, g, b = (255, int(255 - 200 * t), int(235 - 215 * t)) if t else (255, 255, 255)
    return f"background: rgb({r},{g},{b}); color: {'#fff' if t > 0.6 else '#222'}"


Ref = Callable[[str], dict[str, Any]]


def _refs(g: nx.MultiDiGraph, entity_pages: str | None) -> Ref:
    """How the page names a node, in each language: ``name`` (an actor's full name with its
    acronym beside it, a pillar's notation), ``title`` (the hover: the name in the other language,
    a pillar's full name), and ``href``, the path of its entity page when the report is served
    (``entity_pages``, relative to the report) and the node is under ``id:``."""
    from resilience_kg.views.names import LANGS, full_name, labelled, other

    def ref(node: str) -> dict[str, Any]:
        a = {"id": node, **g.nodes[node]}
        iri = str(a.get("iri", ""))
        linked = entity_pages is not None and iri.startswith(v.ID) and len(iri) > len(v.ID)
        if a.get("kind") == "pillar":  # SIAP, with "Jakarta SIAP" or "Prepared Jakarta (Jakarta SIAP)" on hover
            names = {lang: notation(g, node) for lang in LANGS}
            titles = {lang: full_name(a, lang) for lang in LANGS}
        else:  # the name in the other language on hover, when it has one
            names = {lang: labelled(a, lang) for lang in LANGS}
            titles = {lang: "" if full_name(a, other(lang)) == full_name(a, lang) else full_name(a, other(lang))
                      for lang in LANGS}
        return {"name": names, "title": {lang: "" if titles[lang] == names[lang] else titles[lang] for lang in LANGS},
                "href": f"{entity_pages}{iri[len(v.ID):]}" if linked else None}

    return ref


def _both(make: Callable[..., Any], *args: Any) -> dict[str, Any]:
    """``make(*args, lang)`` for each language the page is written in."""
    from resilience_kg.views.names import LANGS

    return {lang: make(*args, lang) for lang in LANGS}


def _heatmap(a: Analysis, ref: Ref, sectors: dict[str, dict[str, str]]) -> dict[str, Any]:
    g = a.graph
    top = _top(a)
    rows = sorted(a.matrix, key=lambda x: (-max(a.matrix[x].values(), default=0.0), x))
    return {
        "columns": [ref(p) for p in a.pillars],
        "rows": [{"actor": ref(actor), "sector": _both(_sector, g, actor, sectors),
                  "cells": [(f"{a.matrix[actor][p]:.2f}", _cell_colour(a.matrix[actor][p], top)) for p in a.pillars]}
                 for actor in rows],
    }


def _sector(g: nx.MultiDiGraph, node: str, sectors: dict[str, dict[str, str]], lang: str) -> str:
    """A node's sector by its label in ``lang`` (``government``: Pemerintah)."""
    sector = str(g.nodes[node].get("sector", ""))
    return sectors[lang].get(sector, sector)


def _top(a: Analysis) -> float:
    return max((max(r.values(), default=0.0) for r in a.matrix.values()), default=0.0)


def _legend(a: Analysis) -> list[tuple[str, str]]:
    """What the matrix colours mean: five swatches from zero to the strongest link."""
    top = _top(a)
    steps = [top * i / 4 for i in range(5)] if top > 0 else [0.0]
    return [(f"{x:.2f}", _cell_colour(x, top)) for x in steps]


def _path_words(p: weights_table.Pattern, lang: str) -> str:
    """A pattern's path in words of ``lang``: ``aktor -> menangani -> isu -> di bawah -> pilar``
    (in English what :meth:`Pattern.describe` says)."""
    parts = [str(text("kind.actor", lang))]
    for i, step in enumerate(p.steps):
        kind = p.kinds[i] if i < len(p.kinds) and p.kinds[i] else "any"
        parts += [weights_table.PHRASES.get(step, {}).get(lang, step[0]), str(text(f"kind.{kind}", lang))]
    return " -> ".join(parts)


def _weights() -> list[dict[str, Any]]:
    """The weights table the strengths are computed from (read when the page is written, so the
    page states the weights the strengths were computed with)."""
    return [{"name": p.name, "path": _both(_path_words, p), "weight": f"{p.weight:g}",
             "cap": "" if p.cap == math.inf else f"{p.cap:g}"} for p in weights_table.PATHS]


def _window_note(cov: Coverage, lang: str, *, limit: int = 8) -> Markup:
    """What the window covers, in words of ``lang``: the views' line, so that the report and
    the views say it alike (in English, :meth:`Coverage.describe`)."""
    return Markup(escape(window_line(cov, lang, limit=limit)))


def _notes(a: Analysis, tl: Timeline, report_only: bool) -> list[dict[str, Markup]]:
    """The notes above the findings: the report-only caveat, what the window covers, and the
    undated events a dated window leaves out."""
    from resilience_kg.analysis.window import event_date

    notes = [_both(lambda lang: text("note.report_only", lang))] if report_only else []
    assert a.coverage is not None
    cov = a.coverage
    notes.append(_both(lambda lang: _window_note(cov, lang)))
    g = a.graph
    undated = [e for e in _events(g) if not event_date(g.nodes[e].get("date"))]
    if undated and (cov.window.since or cov.window.until):
        notes.append(_both(lambda lang: text("note.undated_window", lang, count=len(undated),
                                             list=", ".join(undated[:5]))))
    return notes


def _events(g: nx.MultiDiGraph) -> list[str]:
    from resilience_kg.analysis.window import events_of

    return events_of(g)


def _timeline(tl: Timeline, ref: Ref, sectors: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The timeline chart, then per period with events: who came, who was new, who left."""
    from resilience_kg.errors import ResilienceKGError

    notes = [_both(lambda lang: text("note.last_period", lang))] if tl.periods else []
    if tl.undated:
        notes.append(_both(lambda lang: text("note.undated_timeline", lang, count=len(tl.undated),
                                             list=", ".join(tl.undated[:5]))))
    out: dict[str, Any] = {"by": tl.by, "periods": [], "chart": None, "chart_error": "", "notes": notes, "table": []}
    if not tl.periods:
        return out
    active = tl.active()
    final = tl.periods[-1]
    out["table"] = [(p, len(active[p]), len(tl.newcomers[p]), "" if p == final else str(len(tl.leavers[p])))
                    for p in tl.periods]
    if len(tl.periods) >= 2:  # one period is a row of the table, not a chart with a single bar group
        try:
            from resilience_kg.formats.plots import timeline_png

            # One chart per language, its titles and legend in that language.
            out["chart"] = _both(lambda lang: "data:image/png;base64," + base64.b64encode(
                timeline_png(tl, words=chart_words(lang))).decode("ascii"))
        except ResilienceKGError as exc:  # matplotlib is an optional extra
            out["chart_error"] = str(exc)
    for i, period in enumerate(tl.periods):
        if not active[period]:
            continue
        events = sorted({e for r in tl.rows if r.period == period for e in r.events})
        last = i == len(tl.periods) - 1

        def by_sector(p: str, lang: str, period: str = period) -> str:
            counts = tl.pillar_sectors[period].get(p, {})
            return ", ".join(f"{sectors[lang].get(s, s)} {n}" for s, n in sorted(counts.items()))

        out["periods"].append({
            "name": period,
            "events": [ref(e) for e in events],
            "actors": len(active[period]),
            "newcomers": [ref(x) for x in tl.newcomers[period]],
            "leavers": None if last else [ref(x) for x in tl.leavers[period]],
            "pillars": [(tl.notation(p), tl.pillar_actors[period].get(p, 0),
                         _both(by_sector, p)) for p in tl.pillars],
        })
    return out


#: The message of each English text the timeline chart draws (``formats.plots.CHART_WORDS``).
CHART_MESSAGES = {
    "Actors per {by}": "chart.actors_per", "Actors per pillar, per {by}": "chart.pillar_per", "actors": "chart.actors",
    "actors touching the pillar": "chart.touching", "took part": "chart.took_part", "newcomers": "chart.newcomers",
    "leavers (last seen)": "chart.leavers", "No dated event in the window": "chart.no_dated",
    "No pillar in the graph": "chart.no_pillar", "year": "by.year", "quarter": "by.quarter", "month": "by.month",
}


def chart_words(lang: str) -> dict[str, str]:
    """The timeline chart's words in ``lang``, for :func:`~resilience_kg.formats.plots.timeline_png`."""
    from resilience_kg.views.report_messages import catalogue

    return {english: catalogue()[key][lang] for english, key in CHART_MESSAGES.items()}


def _sector_labels(kg: KnowledgeGraph, lang: str = "en") -> dict[str, str]:
    """Each sector's notation (``civil-society``) and its label (``Civil society``), from the store."""
    rows = kg.store.query("SELECT ?n ?l WHERE { ?s a rkg:Sector ; skos:notation ?n ; skos:prefLabel ?l }",
                          prefixes=v.QUERY_PREFIXES, use_default_graph_as_union=True)
    return {r["n"].value: r["l"].value for r in rows if r["l"].language == lang}  # type: ignore[union-attr]


def _either(words: list[str], lang: str) -> str:
    """``a``, ``a or b``, ``a, b or c`` (``atau`` in Indonesian)."""
    if len(words) == 1:
        return words[0]
    return str(text("list.or", lang, first=", ".join(words[:-1]), last=words[-1]))


def _pillar_gap_text(gap: PillarGap, sectors: dict[str, dict[str, str]], lang: str) -> Markup:
    """A thin pillar in plain words of ``lang``, for the report's reader."""
    from resilience_kg.analysis.gaps import MIN_ACTORS

    actors = gap.actors
    who = text("thin.who", lang, count=actors)
    names = [sectors[lang].get(s, s.replace("-", " ")) for s in gap.missing_sectors]
    names = [n[:1].lower() + n[1:] if n[:2] != n[:2].upper() else n for n in names]
    if actors < MIN_ACTORS:
        few = text("thin.few", lang, who=who, count=actors)
        return text("thin.few_missing", lang, text=few, sectors=_either(names, lang)) if names else few
    return text("thin.missing", lang, sectors=_either(names, lang), who=who, count=actors)


def _gap_reason(a: Analysis, gap: IssueGap | SolutionGap, lang: str) -> Markup:
    """Why an issue or a solution is a gap, in words of ``lang``."""
    from resilience_kg.analysis.gaps import UNPAIRED, IssueGap, is_local
    from resilience_kg.views.names import labelled

    g = a.graph
    if isinstance(gap, IssueGap):
        if gap.reason == NO_LOCAL_ACTOR:
            return text("gap.no_local", lang)
        local = sorted(x for x, _, k in g.in_edges(gap.issue, keys=True)
                       if k == "worksOn" and g.nodes[x].get("kind") == "actor"
                       and is_local(g, x, a.gaps.home_country))
        return text("gap.uncertain", lang, list=", ".join(labelled({"id": x, **g.nodes[x]}, lang) for x in local))
    return text("gap.unpaired" if gap.reason == UNPAIRED else "gap.no_local_issues", lang)


#: The reason of an issue no local actor works on (``analysis.gaps``).
NO_LOCAL_ACTOR = "no local actor works on it"


def _pillar_label(g: nx.MultiDiGraph, p: str, lang: str) -> str:
    """A pillar's name beside its notation, when it says more than the notation."""
    label = str(g.nodes[p].get(f"label_{lang}") or g.nodes[p].get("label") or "")
    # "Healthy Jakarta (Jakarta SEHAT)" next to SEHAT: the bracket repeats the notation.
    label = re.sub(rf"\s*\([^()]*\b{re.escape(notation(g, p))}\)$", "", label)
    if label.split()[-1:] == [notation(g, p)]:  # "Jakarta SIAP" next to SIAP says nothing more
        label = ""
    return label


def _headline(
    a: Analysis, tl: Timeline, ref: Ref, sectors: dict[str, dict[str, str]], *, leaders: int = 3, shown: int = 8,
) -> dict[str, Any]:
    """The findings an analyst reads first: who leads each pillar, the brokers, the gaps, and what
    changed between the last two periods."""
    g = a.graph
    leads = []
    for p in a.pillars:
        ranked = sorted(((a.matrix[x][p], x) for x in a.matrix if a.matrix[x].get(p, 0.0) > 0),
                        key=lambda t: (-t[0], t[1]))
        leads.append({"pillar": notation(g, p), "label": _both(_pillar_label, g, p),
                      "actors": [{"actor": ref(x), "strength": f"{s:.1f}"} for s, x in ranked[:leaders]],
                      "more": max(0, len(ranked) - leaders)})
    brokers = [{"actor": ref(b.actor), "pillars": ", ".join(notation(g, p) for p in b.pillars)}
               for b in a.brokers[:5]]

    def few(nodes: list[str]) -> dict[str, Any]:
        """A headline names a few; the details below list them all."""
        return {"count": len(nodes), "shown": [ref(x) for x in nodes[:shown]], "more": max(0, len(nodes) - shown)}

    uncovered = few([x.issue for x in a.gaps.issues if x.reason == NO_LOCAL_ACTOR])
    uncertain = few([x.issue for x in a.gaps.issues if x.reason != NO_LOCAL_ACTOR])
    orphans = few([x.solution for x in a.gaps.solutions if x.issues])
    thin = [{"pillar": notation(g, x.pillar),
             "text": _both(_pillar_gap_text, x, sectors)}
            for x in a.gaps.pillars]
    return {"leads": leads, "brokers": brokers, "more_brokers": max(0, len(a.brokers) - 5),
            "uncovered": uncovered, "uncertain": uncertain, "orphans": orphans, "thin": thin,
            "home": a.gaps.home_country, "change": _change(tl, ref)}


def _change(tl: Timeline, ref: Ref, *, shown: int = 12) -> dict[str, Any]:
    """The latest period against the one before it (the last with any dated event)."""

    def few(nodes: list[str]) -> dict[str, Any]:
        return {"count": len(nodes), "shown": [ref(x) for x in nodes[:shown]], "more": max(0, len(nodes) - shown)}

    active = tl.active()
    seen = [p for p in tl.periods if active[p]]
    if not seen:
        return {"kind": "none"}
    last = seen[-1]
    if len(seen) == 1:
        return {"kind": "one", "period": last, "actors": len(active[last])}
    before = seen[-2]
    now, then = set(active[last]), set(active[before])
    return {"kind": "two", "period": last, "before": before, "actors": len(now), "actors_before": len(then),
            "came": few(sorted(now - then)), "went": few(sorted(then - now)), "new": few(tl.newcomers[last]),
            "pillars": [(tl.notation(p), tl.pillar_actors[before].get(p, 0), tl.pillar_actors[last].get(p, 0))
                        for p in tl.pillars
                        if tl.pillar_actors[before].get(p, 0) != tl.pillar_actors[last].get(p, 0)]}


def _sources(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """Each source: its title in each language, its quotes, and its text with every quoted span marked."""
    from resilience_kg.views.names import LANGS

    rows = kg.store.query(
        """SELECT ?src ?quote ?start ?end (COUNT(?st) AS ?facts) WHERE {
             GRAPH graph:provenance {
               ?q oa:exact ?quote ; dcterms:source ?src ; oa:start ?start ; oa:end ?end .
               FILTER EXISTS { ?src dcterms:title ?title }
               OPTIONAL { ?st rkg:evidence ?q } } }
           GROUP BY ?src ?quote ?start ?end ORDER BY ?src ?start ?end""",
        prefixes=v.QUERY_PREFIXES,
    )
    by_source: dict[str, list[tuple[str, int, int, int]]] = {}
    for r in rows:  # type: ignore[union-attr]
        by_source.setdefault(r["src"].value, []).append(
            (r["quote"].value, int(r["start"].value), int(r["end"].value), int(r["facts"].value)))
    titles: dict[str, dict[str, str]] = {}
    for r in kg.store.query("SELECT ?src ?title WHERE { GRAPH graph:provenance { ?src dcterms:title ?title } }",
                            prefixes=v.QUERY_PREFIXES):  # type: ignore[union-attr]
        titles.setdefault(r["src"].value, {}).setdefault(r["title"].language or "", r["title"].value)
    out = []
    for src, quotes in by_source.items():
        source_text = kg.source_texts.get(src, "")
        # _mark escapes every character of the text and adds only <mark> tags: markup we built.
        marked = Markup(_mark(source_text, [(a, b) for _, a, b, _ in quotes])) if source_text else None
        named = titles.get(src, {})
        fallback = named.get("en") or next(iter(sorted(named.values())), src)
        out.append({"title": {lang: named.get(lang) or fallback for lang in LANGS}, "quotes": quotes,
                    "facts": sum(n for *_, n in quotes), "marked": marked})
    return out


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
        chunk = escape(text[i:j], quote=False)
        out.append(f"<mark>{chunk}</mark>" if covered[i] else chunk)
        i = j
    return "".join(out)


VIEWS = ("full", "actors-pillars")


def write_report(
    kg: KnowledgeGraph, out: str | Path, *, report_only: bool = False, window: Window | None = None,
    by: str = "year", lang: str | None = None,
) -> list[Path]:
    """Write ``report.html`` and the views it links to into ``out`` (all restricted to ``window``,
    if given; the timeline by ``year``, ``quarter`` or ``month``; names in ``lang``, ``id`` or
    ``en``, by default the language of the sources); return the paths."""
    out = Path(out)
    pages = render_report(kg, report_only=report_only, window=window, by=by, lang=lang)
    return [atomic_write(out / name, page.encode("utf-8")) for name, page in pages.items()]


def render_report(
    kg: KnowledgeGraph, *, report_only: bool = False, window: Window | None = None, by: str = "year",
    entity_pages: str | None = None, lang: str | None = None,
) -> dict[str, str]:
    """The report's pages by file name, ``report.html`` first, then the views it links to.

    The report holds its prose and names in Indonesian and English, and opens in ``lang`` (by
    default the language of the sources); a switch at its top shows the other, without a script.

    ``entity_pages``: where a server shows the entities, relative to the report (``../id/``);
    given, the report links each node under ``id:`` there, and so do the views when they are
    opened over http(s). A report written to files has no server to link to and leaves it out.
    """
    from resilience_kg.analysis.timeline import timeline_of
    from resilience_kg.views.names import LANGS, dataset_language

    lang = lang or dataset_language(kg)
    if lang not in LANGS:
        raise ResilienceKGError(f"the report is written in {' or '.join(LANGS)}, not {lang!r}")
    a = analyze(kg, report_only=report_only, window=window)
    assert a.coverage is not None
    g = a.graph
    ref = _refs(g, entity_pages)
    pages: dict[str, str] = {}
    views = []
    lookups = view_lookups(kg)  # the store's evidence and statements, read once for every view
    for view in [*VIEWS, *(f"pillar:{notation(g, p)}" for p in a.pillars)]:
        name = "view-" + view.replace(":", "-").lower() + ".html"
        data = build_view(kg, view, analysis=a, lookups=lookups, lang=lang)
        if entity_pages is not None:
            data.entity_pages = {v.ID: entity_pages}
        pages[name] = page_html(data)
        views.append({"href": name, "title": _both(_view_title, g, view),
                      "nodes": len(data.nodes), "edges": len(data.edges)})
    s = summarize(kg)
    tl = timeline_of(g, a.coverage, by=by)
    sectors = _both(lambda lang: _sector_labels(kg, lang))
    context = {
        "lang": lang,
        "langs": LANGS,
        "policy": POLICY,
        "version": __version__,
        "notes": _notes(a, tl, report_only),
        "summary": {
            "total": s.total, "graphs": len(s.triples), "report": s.triples.get("report", 0),
            "curated": s.triples.get("curated", 0),
            "classes": [(cls, max(n.values())) for cls, n in sorted(s.classes.items())
                        if cls.startswith(("rkg:", "org:"))
                        and not cls.endswith(("Statement", "Sector", "Confidence", "Status"))],
        },
        "views": views,
        "weights": _weights(),
        "confidence": [(c, f"{f:g}") for c, f in weights_table.CONFIDENCE_FACTOR.items()],
        "heatmap": _heatmap(a, ref, sectors),
        "legend": _legend(a),
        "headline": _headline(a, tl, ref, sectors),
        "timeline": _timeline(tl, ref, sectors),
        "brokers": [{"actor": ref(b.actor), "pillars": ", ".join(notation(g, p) for p in b.pillars),
                     "betweenness": f"{b.betweenness:.3f}"} for b in a.brokers],
        "gaps": [
            *({"what": "gap.issue", "node": ref(x.issue), "text": _both(_gap_reason, a, x)}
              for x in a.gaps.issues),
            *({"what": "gap.solution", "node": ref(x.solution),
               "text": _both(_gap_reason, a, x)} for x in a.gaps.solutions),
            *({"what": "gap.pillar", "node": ref(x.pillar),
               "text": _both(_pillar_gap_text, x, sectors)}
              for x in a.gaps.pillars),
        ],
        "communities": [{"actors": [ref(n) for n in c if g.nodes[n].get("kind") == "actor"], "size": len(c)}
                        for c in a.communities],
        "sources": _sources(kg),
    }
    return {"report.html": environment().get_template("report.html").render(context), **pages}


def _view_title(g: nx.MultiDiGraph, view: str, lang: str) -> Markup:
    """A view's title in ``lang``: the full network, actors and pillars, or a pillar by its name."""
    if view.startswith("pillar:"):
        from resilience_kg.views.names import full_name

        p = next(p for p in pillars_of(g) if notation(g, p) == view.split(":", 1)[1])
        return text("view.pillar", lang, name=full_name({"id": p, **g.nodes[p]}, "id"))
    return text(f"view.{view}", lang)
