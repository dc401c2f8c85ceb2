"""A window on the events: the part of the projection that ``--since``, ``--until``, ``--event``
and ``--source`` select, and a line that says what it covers.

The filter works on the projection, once, for every command. An event is in the window if its
date lies between ``since`` and ``until`` (both inclusive; an undated event is outside any dated
window), it is one of ``events`` (when given), and one of ``sources`` reports it (when given).
Every other node is tied to events through the links in :data:`ANCHORS` (a session to its event,
an issue to the session that raised it, an actor to the events it took part in, organised,
opened or proposed something at...). A node tied to events stays if any of them is in the window;
a node tied to none (a pillar, the strategy, a curated mandate's issue...) always stays.

>>> from resilience_kg.graph.dataset import load_graph
>>> from resilience_kg.analysis.projection import project
>>> kg = load_graph()
>>> g, cov = apply_window(project(kg), Window(since=parse_date("2020")), kg=kg)
>>> cov.describe()
'Window: from 2020-01-01; 0 of 1 events'
>>> "bpbd" in g, "jakarta-siap" in g
(False, True)
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from resilience_kg.errors import NotFound, ResilienceKGError

if TYPE_CHECKING:
    import networkx as nx

    from resilience_kg.graph.dataset import KnowledgeGraph

Direction = Literal["out", "in"]

#: How a node is tied to events, in the order the ties are followed: (link, direction from the
#: node whose events are known, to the node that inherits them). ``hasSession`` out of an event
#: gives the session the event's date; ``raisedIn`` into a session gives the issue raised there
#: the session's events; and so on, down to the actors.
ANCHORS: tuple[tuple[str, Direction], ...] = (
    ("hasSession", "out"),  # event -> session
    ("hasAim", "out"),  # event -> aim
    ("hasTheme", "out"),  # event -> theme
    ("followsUp", "in"),  # event <- agreement
    ("raisedIn", "in"),  # session <- issue
    ("presentedIn", "in"),  # session <- solution
    ("hasFigure", "out"),  # issue -> figure
    ("participatedIn", "in"),  # event or session <- actor
    ("organizedBy", "out"),  # event -> actor
    ("openedBy", "out"),  # event -> actor or post
    ("proposedBy", "out"),  # solution -> actor
    ("party", "out"),  # agreement -> actor
)


def parse_date(text: str, *, end: bool = False) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date: the first day of the year or month, or
    the last with ``end=True`` (so ``--until 2019`` includes 31 December 2019).

    >>> parse_date("2019"), parse_date("2019-02", end=True)
    (datetime.date(2019, 1, 1), datetime.date(2019, 2, 28))
    """
    parts = text.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            y = int(parts[0])
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        if len(parts) == 3:
            return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise ResilienceKGError(f"not a date: {text!r}; use YYYY, YYYY-MM or YYYY-MM-DD")


def event_date(value: Any) -> dt.date | None:
    """An event's ``date`` attribute as a date, or None where it has none (or an unreadable one)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


#: The English words of :meth:`Coverage.describe`; the views' catalogue holds the same keys
#: (prefixed ``window.``) in every language they are written in.
WINDOW_WORDS = {
    "line": "Window: {window}; {count} of {total} events", "all": "all dates", "range": "{since} to {until}",
    "since": "from {since}", "until": "until {until}", "events": "events {events}",
    "sources": "sources {sources}", "undated": "undated", "more": " and {count} more",
}  # fmt: skip


def _english(key: str, **args: Any) -> str:
    return WINDOW_WORDS[key].format(**args)


@dataclass(frozen=True)
class Window:
    """What to keep: events from ``since`` to ``until`` (inclusive), only ``events`` and only
    those that ``sources`` report, where given. The empty window keeps everything."""

    since: dt.date | None = None
    until: dt.date | None = None
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ResilienceKGError(f"--since {self.since} is after --until {self.until}")

    @property
    def is_everything(self) -> bool:
        return not (self.since or self.until or self.events or self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "events": list(self.events),
            "sources": list(self.sources),
        }


@dataclass
class Coverage:
    """What a windowed projection covers: the window and the events kept, by date."""

    window: Window
    events: list[tuple[str, str]]  # (event id, ISO date or "") kept, by date then id
    total_events: int
    notes: list[str] = field(default_factory=list)
    #: Undated events a dated window left out (the first of them are named in ``notes``).
    undated: list[str] = field(default_factory=list)

    def describe(self, *, limit: int = 8, say: Callable[..., str] | None = None) -> str:
        """One line: the window, and how many events (with the first few named).

        ``say(key, **args)`` gives the words of one part (the keys of :data:`WINDOW_WORDS`); the
        default is English. The views pass their catalogue's words, so every language is built
        by this one function.
        """
        say = say or _english
        w = self.window
        bits = []
        if w.since and w.until:
            bits.append(say("range", since=w.since, until=w.until))
        elif w.since:
            bits.append(say("since", since=w.since))
        elif w.until:
            bits.append(say("until", until=w.until))
        if w.events:
            bits.append(say("events", events=", ".join(w.events)))
        if w.sources:
            bits.append(say("sources", sources=", ".join(w.sources)))
        undated = say("undated")
        named = ", ".join(f"{e} ({d or undated})" for e, d in self.events[:limit])
        if len(self.events) > limit:
            named += say("more", count=len(self.events) - limit)
        line = say("line", window="; ".join(bits) or say("all"), count=len(self.events), total=self.total_events)
        return line + (f": {named}" if named else "")

    def to_dict(self) -> dict[str, Any]:
        return {**self.window.to_dict(), "covered_events": [{"event": e, "date": d} for e, d in self.events],
                "total_events": self.total_events}


def windowed_json(result: Any, **body: Any) -> str:
    """A windowed result (co-attendance, timeline) as JSON: its parameters, notes and coverage
    first, then ``body``."""
    import json

    doc = {"parameters": result.parameters(), "notes": result.all_notes(), "coverage": result.coverage.to_dict(),
           **body}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def events_of(g: nx.MultiDiGraph) -> list[str]:
    """The event nodes, sorted by date (undated last), then id."""
    found = [n for n, k in g.nodes(data="kind") if k == "event"]
    return sorted(found, key=lambda n: (event_date(g.nodes[n].get("date")) or dt.date.max, n))


def anchors(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Every node tied to events, with the events it is tied to (see :data:`ANCHORS`)."""
    tied: dict[str, set[str]] = defaultdict(set)
    for e in events_of(g):
        tied[e].add(e)
    for key, direction in ANCHORS:
        # Read the edges of this kind first, then copy: a tie found at this step is not
        # followed again at the same step (an issue does not pass events on to an issue).
        moves = []
        for u, w, k in g.edges(keys=True):
            if k != key:
                continue
            src, dst = (u, w) if direction == "out" else (w, u)
            if src in tied:
                moves.append((dst, tied[src]))
        for dst, evs in moves:
            tied[dst] |= evs
    return dict(tied)


def event_sources(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Per event node: the ids of the sources whose quotes state facts about it."""
    from resilience_kg import vocab as v
    from resilience_kg.analysis.projection import node_id

    rows = kg.store.query(
        """SELECT DISTINCT ?e ?src WHERE {
             GRAPH ?g { ?e a rkg:Event }
             GRAPH <https://w3id.org/resilience-kg/graph/provenance> {
               ?st rdf:subject ?e ; prov:wasDerivedFrom ?src } }""",
        prefixes=v.PREFIXES,
    )
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:  # type: ignore[union-attr]
        out[node_id(r["e"].value)].add(source_id(r["src"].value))
    return dict(out)


def source_id(iri: str) -> str:
    """The id a source was given in sources.csv, from its IRI."""
    from resilience_kg import vocab as v

    prefix = v.mint("source/")
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def select_events(g: nx.MultiDiGraph, window: Window, *, sources: dict[str, set[str]] | None = None) -> list[str]:
    """The events of ``g`` in ``window``, by date; unknown event or source ids raise
    :class:`NotFound` naming them."""
    from resilience_kg.analysis.lookup import find_node

    chosen = {find_node(g, name, kind="event") for name in window.events}
    if window.sources:
        known = set().union(*(sources or {}).values()) if sources else set()
        unknown = [s for s in window.sources if s not in known]
        if unknown:
            raise NotFound(f"no events from source {', '.join(map(repr, unknown))}; sources that report events: "
                           f"{', '.join(sorted(known)) or 'none'}")
    kept = []
    for e in events_of(g):
        d = event_date(g.nodes[e].get("date"))
        if (window.since or window.until) and d is None:
            continue
        if window.since and d is not None and d < window.since:
            continue
        if window.until and d is not None and d > window.until:
            continue
        if window.events and e not in chosen:
            continue
        if window.sources and not (sources or {}).get(e, set()) & set(window.sources):
            continue
        kept.append(e)
    return kept


def apply_window(
    g: nx.MultiDiGraph, window: Window | None = None, *, kg: KnowledgeGraph | None = None
) -> tuple[nx.MultiDiGraph, Coverage]:
    """The projection restricted to ``window`` (the graph itself when the window is everything),
    and what it covers. ``kg`` is needed only for ``window.sources``."""
    window = window or Window()
    all_events = events_of(g)
    if window.is_everything:
        kept = all_events
        h = g
    else:
        srcs = event_sources(kg) if window.sources and kg is not None else None
        if window.sources and kg is None:
            raise ResilienceKGError("a --source window needs the knowledge graph, to know which source says what")
        kept = select_events(g, window, sources=srcs)
        keep_events = set(kept)
        tied = anchors(g)
        h = g.subgraph([n for n in g.nodes if n not in tied or tied[n] & keep_events]).copy()
    cov = Coverage(window, [(e, str(g.nodes[e].get("date", "") or "")) for e in kept], len(all_events))
    undated = [e for e in all_events if not event_date(g.nodes[e].get("date"))]
    if undated and (window.since or window.until):
        cov.notes.append(f"{len(undated)} undated event(s) left out of the dated window: {', '.join(undated[:5])}")
        cov.undated = undated
    return h, cov


def windowed_projection(
    kg: KnowledgeGraph, *, report_only: bool = False, window: Window | None = None
) -> tuple[nx.MultiDiGraph, Coverage]:
    """Project ``kg`` and apply ``window``: the one place every command gets its graph from."""
    from resilience_kg.analysis.projection import project

    return apply_window(project(kg, report_only=report_only), window, kg=kg)


def node_dates(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Per node tied to dated events: the ISO dates of those events, sorted and distinct (for
    the views' time filter and the dated network exports)."""
    dated = {e: str(g.nodes[e]["date"])[:10] for e in events_of(g) if event_date(g.nodes[e].get("date"))}
    return {n: sorted({dated[e] for e in evs if e in dated}) for n, evs in anchors(g).items()
            if any(e in dated for e in evs)}


def edge_dates(g: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[str]]:
    """Per edge (source, target, key): the dates of the events both ends are tied to; an edge
    whose ends share no dated event gets none (it lasts as long as its ends do)."""
    dated = {e: str(g.nodes[e]["date"])[:10] for e in events_of(g) if event_date(g.nodes[e].get("date"))}
    tied = anchors(g)
    out: dict[tuple[str, str, str], list[str]] = {}
    for u, w, k in g.edges(keys=True):
        common = tied.get(u, set()) & tied.get(w, set())
        days = sorted({dated[e] for e in common if e in dated})
        if days:
            out[(u, w, k)] = days
    return out
