"""Choose what a view shows and how each node looks, and hold it in a pyvis Network.

Views: ``full`` (the whole entity graph), ``actors-pillars`` (actors linked to the pillars by
their connection strength), ``pillar:NOTATION`` (everything on the paths to one pillar) and
``actor:NAME`` (one actor's neighbourhood and its paths to the pillars).

Nodes and edges are handed to pyvis as lists in one step: pyvis's own ``add_node`` and
``from_nx`` check each new node against a list, which is quadratic in the number of nodes,
where setting the lists is linear. Above :data:`PHYSICS_LIMIT` nodes the layout is
computed here and physics is off, so a large view is usable as soon as it is drawn.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.analysis.lookup import find_node
from resilience_kg.analysis.metrics import centralities
from resilience_kg.analysis.pillar_links import SUBSTANTIVE, PillarLink, pillar_links
from resilience_kg.analysis.projection import node_id, notation, pillars
from resilience_kg.errors import ResilienceKGError

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

    from resilience_kg.analysis.analyze import Analysis
    from resilience_kg.analysis.window import Window
    from resilience_kg.graph.dataset import KnowledgeGraph

#: Above this many nodes, positions come from Python and physics is off.
PHYSICS_LIMIT = 300
#: Characters a line of a node's label on the page (view.js wraps longer labels at spaces).
LABEL_LINE = 36
#: The views' interface text in each language (message, id, en), beside the page's template.
VIEW_CATALOGUE = "view_messages.csv"
#: At most this many quotes and curated bases are shown for one node.
MAX_EVIDENCE = 12

#: Colour and shape of each kind of node; actors are coloured by sector instead.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "actor": ("#4e79a7", "dot"),
    "pillar": ("#e15759", "star"),
    "issue": ("#f28e2b", "triangle"),
    "solution": ("#59a14f", "diamond"),
    "event": ("#76b7b2", "square"),
    "session": ("#76b7b2", "box"),
    "strategy": ("#e15759", "hexagon"),
    "agreement": ("#b07aa1", "triangleDown"),
    "figure": ("#9c755f", "dot"),
    "aim": ("#bab0ac", "dot"),
    "theme": ("#d4a6c8", "dot"),
    "post": ("#4e79a7", "dot"),
    "person": ("#4e79a7", "dot"),
}
SECTOR_COLOUR = {
    "government": "#4e79a7",
    "regional-enterprise": "#a0cbe8",
    "private": "#8cd17d",
    "civil-society": "#f1ce63",
    "academia": "#d37295",
    "diplomatic": "#86bcb6",
    "international": "#499894",
}
EDGE_PHRASES = {
    "participatedIn": ("took part in", "hadir dalam"),
    "hasSession": ("has session", "memiliki sesi"),
    "concernsPillar": ("concerns pillar", "membahas pilar"),
    "raisedIn": ("raised in", "diangkat dalam"),
    "underPillar": ("under pillar", "di bawah pilar"),
    "addressesIssue": ("addresses issue", "menjawab isu"),
    "proposedBy": ("proposed by", "diusulkan oleh"),
    "presentedIn": ("presented in", "dihadirkan dalam"),
    "worksOn": ("works on", "menangani"),
    "party": ("party", "pihak"),
    "subOrganizationOf": ("part of", "bagian dari"),
    "strength": ("connects to pillar", "terhubung ke pilar"),
}


@dataclass
class ViewData:
    """A view ready to draw: nodes and edges with their display attributes, and the page's
    controls (pillars, sectors, legend)."""

    title: str
    view: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    physics: bool
    report_only: bool
    pillars: list[dict[str, str]] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    legend: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # the event dates of the view, for the time filter
    window: dict[str, Any] = field(default_factory=dict)
    #: Namespace -> the path of its entity pages, relative to the page (set when a server serves
    #: the view); the page links an IRI there only when it is opened over http(s).
    entity_pages: dict[str, str] = field(default_factory=dict)
    #: The node the view is about (an actor view's actor): drawn centred and highlighted.
    focus: str = ""
    #: The language the page opens in (``id`` or ``en``); the reader can switch.
    lang: str = "en"
    #: The title and the notes in each language (``title`` and ``notes`` are the English ones).
    titles: dict[str, str] = field(default_factory=dict)
    notes_by_lang: dict[str, list[str]] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, or the English one when the view has no other."""
        return self.titles.get(lang, self.title)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "view": self.view,
            "nodes": self.nodes,
            "edges": self.edges,
            "physics": self.physics,
            "report_only": self.report_only,
            "pillars": self.pillars,
            "sectors": self.sectors,
            "legend": self.legend,
            "notes": self.notes,
            "dates": self.dates,
            "window": self.window,
            **({"entity_pages": self.entity_pages} if self.entity_pages else {}),
            **({"focus": self.focus} if self.focus else {}),
            "lang": self.lang,
            "titles": self.titles or {self.lang: self.title},
            "notes_by_lang": self.notes_by_lang or {self.lang: self.notes},
            "messages": view_messages(),
        }


@functools.cache
def view_messages() -> dict[str, dict[str, str]]:
    """The views' interface text: language -> message id -> text (``{name}`` placeholders are
    filled by the page, or by :func:`view_text`)."""
    from resilience_kg.views.names import LANGS
    from resilience_kg.views.report_messages import read_catalogue

    table = read_catalogue(VIEW_CATALOGUE)
    return {lang: {key: texts[lang] for key, texts in table.items()} for lang in LANGS}


def view_text(key: str, lang: str, **args: Any) -> str:
    """Message ``key`` of the views in ``lang``, filled with ``args`` (plain text: the page shows
    it with textContent, never as HTML).

    >>> view_text("title.pillar", "id", name="Jakarta SIAP"), view_text("title.pillar", "en", name="Jakarta SIAP")
    ('Pilar Jakarta SIAP', 'Pillar Jakarta SIAP')
    """
    messages = view_messages()[lang]
    if key not in messages:
        raise ResilienceKGError(f"{VIEW_CATALOGUE}: no message {key!r}")
    return messages[key].format(**args)


def _both(key: str, **args: Any) -> dict[str, str]:
    """Message ``key`` in every language the pages are written in."""
    from resilience_kg.views.names import LANGS

    return {lang: view_text(key, lang, **args) for lang in LANGS}


def window_line(coverage: Any, lang: str, *, limit: int = 8) -> str:
    """The window and the events it keeps, in ``lang``: the analysis's
    :meth:`~resilience_kg.analysis.window.Coverage.describe` with this catalogue's words."""
    return str(coverage.describe(limit=limit, say=lambda key, **args: view_text(f"window.{key}", lang, **args)))


def _window_line(coverage: Any, *, limit: int = 8) -> dict[str, str]:
    """:func:`window_line` in every language the pages are written in."""
    from resilience_kg.views.names import LANGS

    return {lang: window_line(coverage, lang, limit=limit) for lang in LANGS}


def _undated_line(coverage: Any) -> dict[str, str]:
    """How many undated events a dated window left out, the first five named."""
    return _both("window.left-out", count=len(coverage.undated), events=", ".join(coverage.undated[:5]))


def _evidence(kg: KnowledgeGraph) -> dict[str, dict[str, list[str]]]:
    """Per node slug: the quotes of the facts about it, and the bases of curated ones."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"quotes": [], "curated": []})
    rows = kg.store.query(
        """SELECT ?s ?quote ?basis WHERE { GRAPH graph:provenance {
             { ?st a rkg:ReportedStatement ; rdf:subject ?s ; rkg:evidence/oa:exact ?quote }
             UNION { ?st a rkg:CuratedStatement ; rdf:subject ?s ; rkg:basis ?basis } } }""",
        prefixes=v.QUERY_PREFIXES,
    )
    for r in rows:  # type: ignore[union-attr]
        slot = out[node_id(r["s"].value)]
        for key, var in (("quotes", "quote"), ("curated", "basis")):
            term = r[var]
            if isinstance(term, ox.Literal) and term.value not in slot[key] and len(slot[key]) < MAX_EVIDENCE:
                slot[key].append(term.value)
    return out


def _statements(kg: KnowledgeGraph) -> dict[str, list[dict[str, str]]]:
    """Per speaker slug: what it said (or promised), in the source's order, with the quote."""
    from resilience_kg.sparql.named import get_query

    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    rows = kg.store.query(get_query("statements").text, use_default_graph_as_union=True, prefixes=v.PREFIXES)
    for r in rows:  # type: ignore[union-attr]
        event = r["event"]
        out[node_id(r["speaker"].value)].append({
            "position": r["position"].value if r["position"] is not None else "",
            "label_en": r["label_en"].value if r["label_en"] is not None else "",
            "quote": r["quote"].value if r["quote"] is not None else "",
            "event": node_id(event.value) if event is not None else "",
            "relation": r["relation"].value if r["relation"] is not None else "",
        })
    return out


def _node_pillars(g: nx.MultiDiGraph, links: list[PillarLink]) -> dict[str, set[str]]:
    """The pillars each node belongs to, for the pillar filter: an actor's are those it does
    something about; an issue's its pillar; a solution's its issues' pillars."""
    notations = {p: notation(g, p) for p in pillars(g)}
    found: dict[str, set[str]] = defaultdict(set)
    for p in notations:
        found[p].add(notations[p])
    for u, w, key in g.edges(keys=True):
        if key in ("underPillar", "concernsPillar") and w in notations:
            found[u].add(notations[w])
    for u, w, key in g.edges(keys=True):
        if key == "addressesIssue":
            found[u] |= {x for x in found.get(w, set())}
    for link in links:
        if link.substantive:
            found[link.actor].add(notations[link.pillar])
    return found


def _select(
    g: nx.MultiDiGraph, links: list[PillarLink], view: str
) -> tuple[nx.MultiDiGraph, dict[str, str], str]:
    """The subgraph a view shows, its title in each language, and its focal node (an actor
    view's actor, else "")."""
    if view == "full":
        return g, _both("title.full"), ""
    if view.startswith("pillar:"):
        pillar = find_node(g, view.split(":", 1)[1], kind="pillar")
        keep = {pillar}
        for link in links:
            if link.pillar == pillar:
                for path in link.paths:
                    keep.update(path.nodes)
        keep.update(g.predecessors(pillar))
        issues = {u for u, w, k in g.edges(keys=True) if w == pillar and k == "underPillar"}
        keep |= {u for u, w, k in g.edges(keys=True) if k == "addressesIssue" and w in issues}
        return g.subgraph(keep).copy(), _both("title.pillar", name=g.nodes[pillar].get("label_id", pillar)), ""
    if view.startswith("actor:"):
        actor = _find_actor(g, view.split(":", 1)[1])
        keep = {actor, *g.successors(actor), *g.predecessors(actor)}
        for link in links:
            if link.actor == actor:
                for path in link.paths:
                    keep.update(path.nodes)
        return g.subgraph(keep).copy(), _both("title.actor", name=g.nodes[actor].get("label", actor)), actor
    raise ResilienceKGError(f"unknown view {view!r}; use full, actors-pillars, pillar:NOTATION or actor:NAME")


def _find_actor(g: nx.MultiDiGraph, name: str, *, offered: int = 8) -> str:
    """The actor ``name`` names; when none does and no name is near, the error offers the
    actors most connected in the graph, so that a newcomer has names to try."""
    from resilience_kg.errors import NotFound

    try:
        return find_node(g, name)
    except NotFound as exc:
        if "nearest:" in str(exc) or not str(exc).startswith("no actor named"):
            raise  # near names, or several actors of that name: the message already helps
        ranked = sorted((n for n, k in g.nodes(data="kind") if k == "actor"), key=lambda n: (-g.degree(n), n))
        names = ", ".join(str(g.nodes[n].get("acronym") or n) for n in ranked[:offered])
        raise NotFound(f"{exc}; try one of {names} (`resilience-kg connections` lists every actor)") from None


def _actors_pillars(g: nx.MultiDiGraph, links: list[PillarLink]) -> nx.MultiDiGraph:
    """Actors and pillars only, one edge per connected pair, carrying its strength."""
    import networkx as nx

    h = nx.MultiDiGraph()
    for link in links:
        for n in (link.actor, link.pillar):
            h.add_node(n, **g.nodes[n])
        curated = any(p.curated for p in link.paths if p.pattern in SUBSTANTIVE)
        basis = ", ".join(f"{k} {w:g}" for k, w in sorted(link.basis.items(), key=lambda kv: -kv[1]))
        h.add_edge(link.actor, link.pillar, "strength", predicate="rkg:strength",
                   graph="curated" if curated else "report", strength=link.strength, basis=basis,
                   presence_only=not link.substantive)
    return h


def radial_layout(
    g: nx.MultiDiGraph, focus: str, labels: dict[str, str], *, step: float = 240.0, char: float = 6.5,
) -> dict[str, tuple[float, float]]:
    """Positions for a view about one node: it at the centre, the nodes one link away on a ring
    around it, those two links away on the next ring, and so on; each ring wide enough for its
    nodes' labels (``char`` pixels a character; the page wraps labels at :data:`LABEL_LINE`), its
    nodes in order of kind then label, so that like sits by like. Deterministic, no physics."""
    import networkx as nx

    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), focus)
    far = max(dist.values(), default=0) + 1
    rings: dict[int, list[str]] = defaultdict(list)
    for n in g.nodes:
        rings[dist.get(n, far)].append(n)
    pos: dict[str, tuple[float, float]] = {focus: (0.0, 0.0)}
    radius = 0.0
    for k in sorted(r for r in rings if r > 0):
        members = sorted(rings[k], key=lambda n: (str(g.nodes[n].get("kind", "")), labels.get(n, n), n))
        arc = sum(char * min(len(labels.get(n, n)), LABEL_LINE) + 40 for n in members)
        radius = max(radius + step, arc / (2 * math.pi))
        stagger = (k % 2) * math.pi / len(members)  # rings turned half a slot apart: no spokes of labels
        for j, n in enumerate(members):
            angle = -math.pi / 2 + stagger + 2 * math.pi * j / len(members)
            pos[n] = (round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2))
    return pos


def layout(g: nx.MultiDiGraph, *, scale: float = 40.0) -> dict[str, tuple[float, float]]:
    """Positions for a large view, deterministic and linear in size: nodes are grouped (actors
    by sector, the rest by kind), each group fills a disc in a sunflower (phyllotaxis) pattern,
    most connected nodes at its centre, and the discs sit on a ring, each taking an arc in
    proportion to its size, the ring wide enough that no two discs overlap."""
    groups: dict[str, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        groups[str(a.get("sector") or a.get("kind") or "other")].append(n)
    degree = dict(g.degree())
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    # A disc of m sunflower points of spacing `scale` has radius about scale * sqrt(m).
    radii = [scale * math.sqrt(len(groups[k]) + 0.5) + scale for k in order]
    total = sum(radii)
    angles, acc = [], 0.0
    for r in radii:
        angles.append(2 * math.pi * (acc + r / 2) / total)
        acc += r
    ring = 0.0 if len(order) == 1 else total / math.pi
    while len(order) > 1:  # widen until every pair of discs is apart (a few dozen groups at most)
        centres = [(ring * math.cos(a), ring * math.sin(a)) for a in angles]
        if all(
            math.dist(centres[i], centres[j]) >= radii[i] + radii[j]
            for i in range(len(order))
            for j in range(i + 1, len(order))
        ):
            break
        ring *= 1.15
    golden = math.pi * (3 - math.sqrt(5))
    pos: dict[str, tuple[float, float]] = {}
    for key, angle in zip(order, angles, strict=True):
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        members = sorted(groups[key], key=lambda n: (-degree.get(n, 0), n))
        for j, n in enumerate(members):
            r = scale * math.sqrt(j + 0.5)
            pos[n] = (round(cx + r * math.cos(j * golden), 2), round(cy + r * math.sin(j * golden), 2))
    return pos


#: Character width and line height, in pixels, that the layout reserves for a label at the bundled
#: size (14 px text): wider than the average glyph, so that no label box is too small.
LABEL_CHAR_PX = 10.0
LABEL_LINE_PX = 30.0
#: Radius vis-network draws every node with when all have the same value (scaling 8 to 40).
NODE_RADIUS = 24.0


def label_box(
    x: float, y: float, label: str, *, radius: float = NODE_RADIUS, above: bool = False
) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) a node at (x, y) and its label below (or above) take up;
    a label longer than :data:`LABEL_LINE` characters is drawn on several lines (view.js)."""
    lines = wrap_label(label)
    half = max(radius, (LABEL_CHAR_PX * max(map(len, lines)) + 8) / 2)
    tall = LABEL_LINE_PX * len(lines)
    if above:
        return (x - half, y - radius - tall, x + half, y + radius)
    return (x - half, y - radius, x + half, y + radius + tall)


def wrap_label(label: str, width: int = LABEL_LINE) -> list[str]:
    """The lines view.js draws ``label`` on: words filled up to ``width`` characters.

    >>> wrap_label("Joint workshop of the Jakarta provincial government", 20)
    ['Joint workshop of', 'the Jakarta', 'provincial', 'government']
    """
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def label_above(x: float, y: float, kind: str) -> bool:
    """A pillar in the upper half has its label above it, away from the links that reach it from below."""
    return kind == "pillar" and y < 0


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], gap: float = 4.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def pillar_layout(
    sub: nx.MultiDiGraph, links: list[PillarLink], labels: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Positions for the actors-and-pillars view: the pillars fixed far apart on a circle, each
    actor near the pillars it does something about (the strength-weighted mean of their places;
    an actor that is only present sits by the presence links), then moved along a spiral to the
    nearest place where its label box overlaps no other (``labels``: the longest label a node
    can show, in either language)."""
    pillar_nodes = sorted((n for n, k in sub.nodes(data="kind") if k == "pillar"),
                          key=lambda n: notation(sub, n))
    actor_nodes = sorted(n for n, k in sub.nodes(data="kind") if k != "pillar")
    k = len(pillar_nodes)
    # Far apart: the circle grows with the number of actors, whose labels must fit between them.
    radius = max(420.0, 90.0 * math.sqrt(len(actor_nodes) + 1))
    pos: dict[str, tuple[float, float]] = {}
    for i, p in enumerate(pillar_nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, k)
        pos[p] = (0.0, 0.0) if k == 1 else (radius * math.cos(angle), radius * math.sin(angle))
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    for lk in links:
        if lk.actor in sub and lk.pillar in pos:
            substantive = sum(lk.basis.get(x, 0.0) for x in SUBSTANTIVE)
            weights[lk.actor][lk.pillar] = substantive
            weights[lk.actor].setdefault("_presence", 0.0)
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)
    cell = 120.0

    def cells(box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        return [(i, j) for i in range(int(box[0] // cell), int(box[2] // cell) + 1)
                for j in range(int(box[1] // cell), int(box[3] // cell) + 1)]

    def free(box: tuple[float, float, float, float]) -> bool:
        return not any(_overlap(box, other) for c in cells(box) for other in grid.get(c, ()))

    def put(node: str, x: float, y: float) -> None:
        pos[node] = (round(x, 2), round(y, 2))
        box = label_box(x, y, labels.get(node, node), above=label_above(x, y, str(sub.nodes[node].get("kind"))))
        for c in cells(box):
            grid[c].append(box)

    for p in pillar_nodes:
        put(p, *pos[p])
    targets = {}
    for a in actor_nodes:
        w = {p: x for p, x in weights.get(a, {}).items() if p in pos and x > 0}
        if not w:  # only present: equal pull from every pillar it is linked to, i.e. the middle
            w = {p: 1.0 for _, p in sub.out_edges(a) if p in pos} or {p: 1.0 for p in pillar_nodes}
        total = sum(w.values())
        cx = sum(pos[p][0] * x for p, x in w.items()) / total
        cy = sum(pos[p][1] * x for p, x in w.items()) / total
        # Near the pillars, not on them: a little way towards the middle.
        targets[a] = (0.8 * cx, 0.8 * cy, total)
    golden = math.pi * (3 - math.sqrt(5))
    for a in sorted(actor_nodes, key=lambda n: (-targets[n][2], n)):  # the strongest get their place first
        tx, ty, _ = targets[a]
        step = 0
        while True:
            r = 9.0 * math.sqrt(step)
            x, y = tx + r * math.cos(step * golden), ty + r * math.sin(step * golden)
            if free(label_box(x, y, labels.get(a, a))):
                break
            step += 1
        put(a, x, y)
    return pos


@dataclass(frozen=True)
class ViewLookups:
    """What every view of one graph reads from the store besides the projection: the evidence
    of each node and what each speaker said. Computed once, it serves any number of views."""

    evidence: dict[str, dict[str, list[str]]]
    statements: dict[str, list[dict[str, str]]]


def view_lookups(kg: KnowledgeGraph) -> ViewLookups:
    """The evidence and statements lookups of ``kg``, for :func:`build_view`."""
    return ViewLookups(evidence=_evidence(kg), statements=_statements(kg))


def build_view(
    kg: KnowledgeGraph, view: str = "full", *, report_only: bool = False, window: Window | None = None,
    analysis: Analysis | None = None, lookups: ViewLookups | None = None, lang: str | None = None,
) -> ViewData:
    """Everything a page needs to draw ``view`` of ``kg`` (restricted to ``window``, if given),
    opening with names in ``lang`` (``id`` or ``en``; None: the language of the sources).

    ``analysis``: an :class:`~resilience_kg.analysis.analyze.Analysis` of ``kg`` already computed,
    whose graph, pillar links and coverage the view uses instead of projecting again (its own
    ``report_only`` and window then apply, and the arguments of that name are ignored).
    ``lookups``: the store's evidence and statements from :func:`view_lookups`. Both let a caller
    drawing several views (the report) do that work once.
    """
    if analysis is not None:
        if analysis.coverage is None:
            raise ResilienceKGError("the analysis carries no coverage: compute it with analyze()")
        g, coverage, links = analysis.graph, analysis.coverage, analysis.links
        report_only = analysis.report_only
    else:
        from resilience_kg.analysis.window import windowed_projection

        g, coverage = windowed_projection(kg, report_only=report_only, window=window)
        links = pillar_links(g)
    if view == "actors-pillars":
        sub, titles, focus = _actors_pillars(g, links), _both("title.actors-pillars"), ""
    else:
        sub, titles, focus = _select(g, links, view)
    values, _ = centralities(sub)
    if lookups is None:
        lookups = view_lookups(kg)
    evidence, statements = lookups.evidence, lookups.statements
    node_pillars = _node_pillars(g, links)
    from resilience_kg.analysis.window import edge_dates, node_dates
    from resilience_kg.views.names import dataset_language

    dated, dated_edges = node_dates(g), edge_dates(g)
    if view == "actors-pillars":
        physics = False
        pos = pillar_layout(sub, links, {n: _longest_label(a) for n, a in sub.nodes(data=True)})
    elif focus:
        physics = False  # a view about one node is laid out around it in advance: nothing drifts
        pos = radial_layout(sub, focus, {n: _longest_label(a) for n, a in sub.nodes(data=True)})
    else:
        physics = sub.number_of_nodes() <= PHYSICS_LIMIT
        pos = {} if physics else layout(sub)
    nodes = []
    for n, a in sorted(sub.nodes(data=True)):
        kind = str(a.get("kind", "thing"))
        colour, shape = KIND_STYLE.get(kind, ("#999999", "dot"))
        if kind == "actor":
            colour = SECTOR_COLOUR.get(str(a.get("sector")), colour)
        node: dict[str, Any] = {
            "id": n,
            "label_en": str(a.get("label_en") or a.get("label_id") or n),
            "label_id": str(a.get("label_id") or a.get("label_en") or n),
            "acronym": str(a.get("acronym") or ""),
            "expansion": str(a.get("expansion") or ""),
            "kind": kind,
            "type": str(a.get("type", "")),
            "sector": str(a.get("sector") or ""),
            "iri": str(a.get("iri", "")),
            "pillars": sorted(node_pillars.get(n, set())),
            "metrics": {m: round(values[m].get(n, 0.0), 6) for m in values},
            "evidence": evidence.get(n, {"quotes": [], "curated": []}),
            "statements": statements.get(n, []),
            "color": colour,
            "shape": shape,
        }
        if n in pos:
            node["x"], node["y"] = pos[n]
        if view == "actors-pillars" and kind == "pillar":
            node["fixed"] = True
            if label_above(*pos[n], kind):
                node["label_above"] = True
        if n in dated:
            node["dates"] = dated[n]
        nodes.append(node)
    edges = []
    for i, (u, w, key, d) in enumerate(sorted(sub.edges(keys=True, data=True), key=lambda e: e[:3])):
        en, idn = EDGE_PHRASES.get(key, (key, key))
        edge = {"id": f"e{i}", "from": u, "to": w, "predicate": str(d.get("predicate", key)),
                "label_en": en, "label_id": idn, "graph": str(d.get("graph", "report")),
                "confidence": str(d.get("confidence", ""))}
        if key == "strength":
            edge.update(strength=d["strength"], basis=d["basis"], presence_only=d["presence_only"])
        if (u, w, key) in dated_edges:
            edge["dates"] = dated_edges[(u, w, key)]
        edges.append(edge)
    sectors = sorted({nd["sector"] for nd in nodes if nd["kind"] == "actor" and nd["sector"]})
    legend = [{"label": k, "color": SECTOR_COLOUR[k], "shape": "dot", "group": "sector"} for k in sectors]
    kinds = sorted({nd["kind"] for nd in nodes} - {"actor"})
    legend += [{"label": k, "color": KIND_STYLE.get(k, ("#999999", "dot"))[0],
                "shape": KIND_STYLE.get(k, ("#999999", "dot"))[1], "group": "kind"} for k in kinds]
    pillar_list = [{"notation": notation(g, p), "label_id": str(g.nodes[p].get("label_id", p)),
                    "label_en": str(g.nodes[p].get("label_en", p))} for p in pillars(g)]
    own: list[dict[str, str]] = [_window_line(coverage), *([_undated_line(coverage)] if coverage.undated else [])]
    if report_only:
        own.append(_both("note.report-only"))
    if view == "actors-pillars":
        own.append(_both("note.actors-pillars"))
    elif not physics and not focus:
        own.append(_both("note.precomputed", count=len(nodes)))
    notes = [n["en"] for n in own]
    notes_by_lang = {lang: [n[lang] for n in own] for lang in titles}
    dates = sorted({d for nd in nodes for d in nd.get("dates", ())})
    return ViewData(title=titles["en"], titles=titles, notes_by_lang=notes_by_lang, view=view,
                    nodes=nodes, edges=edges, physics=physics, report_only=report_only,
                    pillars=pillar_list, sectors=sectors, legend=legend, notes=notes, dates=dates,
                    window=coverage.to_dict(), focus=focus, lang=lang or dataset_language(kg))


def _longest_label(a: dict[str, Any]) -> str:
    """The longest text the page may draw as this node's label (it switches language; see
    views/names.py for which name it shows)."""
    from resilience_kg.views.names import full_name, short_name

    if a.get("kind") == "actor" and short_name(a, "en") == short_name(a, "id"):
        return short_name(a, "en")  # an acronym, the same in both languages
    return max((full_name(a, "en"), full_name(a, "id")), key=len) or str(a.get("label", ""))


def to_pyvis(data: ViewData) -> Network:
    """The view as a pyvis Network (nodes and edges set as lists, options set from ours)."""
    import json

    from pyvis.network import Network

    net = Network(directed=True, height="100%", width="100%")
    net.nodes = [dict(n) for n in data.nodes]
    net.edges = [dict(e) for e in data.edges]
    net.node_ids = [n["id"] for n in data.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.set_options(json.dumps(vis_options(data)))
    return net


def vis_options(data: ViewData) -> dict[str, Any]:
    """vis-network options: physics only for small views; for large ones straight edges without
    arrow heads, and no edge drawing while dragging, which keeps them responsive."""
    large = not data.physics and not data.focus  # a view about one node is small, laid out in advance
    return {
        "autoResize": True,
        "physics": {"enabled": data.physics, "stabilization": {"iterations": 300, "fit": True},
                    # avoidOverlap keeps nodes from sitting on one another (the focal actor on a session).
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 140, "avoidOverlap": 0.5}},
        "layout": {"improvedLayout": not large and len(data.nodes) <= 150, "randomSeed": 42},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "navigationButtons": False},
        "nodes": {"scaling": {"min": 8, "max": 40}, "font": {"size": 14}},
        # Arrow heads and curves cost drawing time that a large view cannot spare.
        "edges": {"arrows": {"to": {"enabled": not large, "scaleFactor": 0.5}}, "smooth": not large,
                  "color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#333333"},
                  "font": {"size": 11, "strokeWidth": 3, "align": "middle"}},
    }
