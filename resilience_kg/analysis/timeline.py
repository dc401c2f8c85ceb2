"""Who keeps showing up, on what, and how that changes: the actors' activity per period.

For each actor and period (a year, a quarter or a month) the timeline counts the events the
actor attended and the roles it held there, and lists the pillars it touched:

- **participant**: the actor took part in the event or in one of its sessions (``participatedIn``);
- **organiser**: the event was organised by the actor (``organizedBy``);
- **speaker**: the actor opened the event (``openedBy``; a post counts for the organisation it is
  a post in), or proposed a solution presented in one of its sessions (``proposedBy``).

A pillar is touched in a period through a session on it that the actor attended (``session``),
a solution it proposed there that addresses an issue under the pillar (``proposal``), or, while
the actor is active in the period, a mandate over an issue under it (``mandate``, curated and
timeless). Attending a workshop as a whole touches no pillar: that is presence, not work on one.

Newcomers of a period are the actors first seen in it; leavers are those last seen in it, for
every period but the last (whoever is seen in the last period may still come back). Both are
counted within the window the timeline was asked for.

>>> from resilience_kg.graph.dataset import load_graph
>>> t = timeline(load_graph())
>>> t.periods, len(t.newcomers["2019"]), t.leavers["2019"]
(['2019'], 22, [])
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from resilience_kg.analysis.window import Coverage, event_date, events_of
from resilience_kg.errors import ResilienceKGError
from resilience_kg.tabulate import Rendered, Table

if TYPE_CHECKING:
    import networkx as nx

    from resilience_kg.analysis.window import Window
    from resilience_kg.graph.dataset import KnowledgeGraph

Period = Literal["year", "quarter", "month"]
PERIODS: tuple[str, ...] = ("year", "quarter", "month")
ROLES: tuple[str, ...] = ("organiser", "speaker", "participant")
TOUCHES: tuple[str, ...] = ("mandate", "proposal", "session")
LAST_PERIOD_NOTE = "Leavers are not counted for the last period: an actor seen then may still come back."


def period_of(day: dt.date, by: str) -> str:
    """The period a date falls in: ``2019``, ``2019-Q4`` or ``2019-11``.

    >>> period_of(dt.date(2019, 11, 28), "quarter")
    '2019-Q4'
    """
    if by == "year":
        return f"{day.year}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    raise ResilienceKGError(f"unknown period {by!r}; use {', '.join(PERIODS)}")


def periods_between(first: dt.date, last: dt.date, by: str) -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last``, gaps included."""
    out: list[str] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        p = period_of(dt.date(y, m, 1), by)
        if not out or out[-1] != p:
            out.append(p)
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


@dataclass
class ActorPeriod:
    """One actor's activity in one period."""

    actor: str
    period: str
    events: list[str]
    roles: dict[str, int]  # role -> number of events at which the actor held it
    pillars: dict[str, list[str]]  # pillar -> how it was touched (mandate, proposal, session)


@dataclass
class Timeline(Rendered):
    """Everything :func:`timeline` found, with the (windowed) graph it was computed on."""

    graph: nx.MultiDiGraph
    by: str
    periods: list[str]
    rows: list[ActorPeriod]
    newcomers: dict[str, list[str]]
    leavers: dict[str, list[str]]
    pillar_actors: dict[str, dict[str, int]]  # period -> pillar -> actors that touched it
    pillar_sectors: dict[str, dict[str, dict[str, int]]]  # period -> pillar -> sector -> actors
    coverage: Coverage
    undated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pillars(self) -> list[str]:
        from resilience_kg.analysis.projection import pillars

        return pillars(self.graph)

    def notation(self, pillar: str) -> str:
        from resilience_kg.analysis.projection import notation

        return notation(self.graph, pillar)

    def active(self) -> dict[str, list[str]]:
        """Per period, the actors seen in it."""
        out: dict[str, list[str]] = {p: [] for p in self.periods}
        for r in self.rows:
            out[r.period].append(r.actor)
        return out

    def parameters(self) -> dict[str, Any]:
        from resilience_kg._version import __version__

        return {"tool": "resilience-kg", "version": __version__, "analysis": "timeline", "by": self.by,
                "window": self.coverage.window.to_dict()}

    # -- tables ---------------------------------------------------------------------------
    def actor_table(self) -> tuple[list[str], list[list[str]]]:
        from resilience_kg.analysis.pillar_links import display_name

        g = self.graph
        header = ["period", "actor", "name", "sector", "events", *ROLES, "pillars"]
        rows = []
        for r in self.rows:
            pillars = "; ".join(f"{self.notation(p)} ({', '.join(how)})" for p, how in r.pillars.items())
            rows.append([r.period, r.actor, display_name(g, r.actor), str(g.nodes[r.actor].get("sector", "")),
                         str(len(r.events)), *(str(r.roles.get(k, 0)) for k in ROLES), pillars])
        return header, rows

    def flow_table(self) -> tuple[list[str], list[list[str]]]:
        from resilience_kg.analysis.pillar_links import display_name

        g = self.graph
        active = self.active()
        rows = []
        for i, p in enumerate(self.periods):
            last = i == len(self.periods) - 1
            rows.append([p, str(len(active[p])), str(len(self.newcomers[p])),
                         "" if last else str(len(self.leavers[p])),
                         ", ".join(display_name(g, a) for a in self.newcomers[p]),
                         "" if last else ", ".join(display_name(g, a) for a in self.leavers[p])])
        return ["period", "active", "newcomers", "leavers", "new", "left"], rows

    def pillar_table(self) -> tuple[list[str], list[list[str]]]:
        sectors = sorted({s for per in self.pillar_sectors.values() for c in per.values() for s in c})
        rows = []
        for period in self.periods:
            for p in self.pillars:
                per = self.pillar_sectors[period].get(p, {})
                rows.append([period, self.notation(p), str(self.pillar_actors[period].get(p, 0)),
                             *(str(per.get(s, 0)) for s in sectors)])
        return ["period", "pillar", "actors", *sectors], rows

    def all_notes(self) -> list[str]:
        return [*self.notes, self.coverage.describe(), *self.coverage.notes]

    def sections(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """The tables of the text and Markdown forms: a title, a header, rows."""
        return [("Actors per period", *self.actor_table()), ("Newcomers and leavers", *self.flow_table()),
                ("Actors and sectors per pillar", *self.pillar_table())]

    def to_csv(self) -> str:
        """The actor-period rows."""
        return Table(*self.actor_table()).to_csv()

    def to_json(self) -> str:
        from resilience_kg.analysis.window import windowed_json

        return windowed_json(
            self,
            periods=self.periods,
            actors=[{"period": r.period, "actor": r.actor, "events": r.events, "roles": r.roles,
                     "pillars": {self.notation(p): how for p, how in r.pillars.items()}} for r in self.rows],
            newcomers=self.newcomers,
            leavers={p: a for p, a in self.leavers.items() if p != self.periods[-1]},
            pillars={period: {self.notation(p): {"actors": self.pillar_actors[period].get(p, 0),
                                                 "sectors": self.pillar_sectors[period].get(p, {})}
                              for p in self.pillars} for period in self.periods},
            undated_events=self.undated,
        )

    def to_markdown(self) -> str:
        out = ["# Timeline", "", *(f"> {n}" for n in self.all_notes()), ""]
        for title, header, rows in self.sections():
            out += [f"## {title}", "", Table(header, rows).to_markdown()]
        return "\n".join(out)

    def to_table(self) -> str:
        out = [*self.all_notes(), ""]
        for title, header, rows in self.sections():
            out += [title, Table(header, rows).to_table()]
        return "\n".join(out)


def _actor_of(g: nx.MultiDiGraph, node: str) -> str | None:
    """The actor a node stands for: itself, or for a post the organisation it is a post in."""
    kind = g.nodes[node].get("kind")
    if kind == "actor":
        return node
    if kind == "post":
        return next((w for _, w, k in g.out_edges(node, keys=True) if k == "postIn"), None)
    return None


def event_activity(g: nx.MultiDiGraph) -> dict[tuple[str, str], tuple[set[str], dict[str, set[str]]]]:
    """Per (actor, event): the roles the actor held there, and the pillars it touched there with
    how (``session`` or ``proposal``; mandates are added per period by :func:`timeline`)."""
    kind = {n: k for n, k in g.nodes(data="kind")}
    session_event: dict[str, str] = {}
    session_pillars: dict[str, set[str]] = defaultdict(set)
    issue_pillars: dict[str, set[str]] = defaultdict(set)
    solution_sessions: dict[str, set[str]] = defaultdict(set)
    solution_issues: dict[str, set[str]] = defaultdict(set)
    for u, w, k in g.edges(keys=True):
        if k == "hasSession" and kind.get(u) == "event":
            session_event[w] = u
        elif k == "concernsPillar" and kind.get(w) == "pillar":
            session_pillars[u].add(w)
        elif k == "underPillar" and kind.get(w) == "pillar":
            issue_pillars[u].add(w)
        elif k == "presentedIn":
            solution_sessions[u].add(w)
        elif k == "addressesIssue":
            solution_issues[u].add(w)
    found: dict[tuple[str, str], tuple[set[str], dict[str, set[str]]]] = {}

    def note(actor: str | None, event: str | None, role: str, pillars: Iterable[str] = (), how: str = "") -> None:
        if actor is None or event is None or kind.get(event) != "event":
            return
        roles, touched = found.setdefault((actor, event), (set(), {}))
        roles.add(role)
        for p in pillars:
            touched.setdefault(p, set()).add(how)

    for u, w, k in g.edges(keys=True):
        if k == "participatedIn" and kind.get(u) == "actor":
            if kind.get(w) == "event":
                note(u, w, "participant")
            elif kind.get(w) == "session":
                note(u, session_event.get(w), "participant", session_pillars.get(w, set()), "session")
        elif k == "organizedBy":
            note(_actor_of(g, w), u, "organiser")
        elif k == "openedBy":
            note(_actor_of(g, w), u, "speaker")
        elif k == "proposedBy":
            # The pillars of the issues it addresses, and its own (a proposal paired with no issue).
            pillars = set().union(issue_pillars.get(u, set()),
                                  *(issue_pillars.get(i, set()) for i in solution_issues.get(u, ())))
            for s in solution_sessions.get(u, ()):
                note(_actor_of(g, w), session_event.get(s, s), "speaker", pillars, "proposal")
    return found


def timeline_of(g: nx.MultiDiGraph, coverage: Coverage, *, by: str = "year") -> Timeline:
    """The timeline of a (windowed) projection; see the module's docstring."""
    from resilience_kg.analysis.projection import actors, notation

    period_of(dt.date(2000, 1, 1), by)  # an unknown period fails here, before any work
    dates = {e: event_date(g.nodes[e].get("date")) for e in events_of(g)}
    undated = [e for e, d in dates.items() if d is None]
    activity = event_activity(g)
    actor_set = set(actors(g))
    mandates: dict[str, set[str]] = defaultdict(set)
    issue_pillars: dict[str, set[str]] = defaultdict(set)
    for u, w, k in g.edges(keys=True):
        if k == "underPillar" and g.nodes[w].get("kind") == "pillar":
            issue_pillars[u].add(w)
    for u, w, k in g.edges(keys=True):
        if k == "worksOn" and u in actor_set:
            mandates[u] |= issue_pillars.get(w, set())
    per: dict[tuple[str, str], ActorPeriod] = {}
    seen: dict[str, list[str]] = defaultdict(list)  # actor -> periods, in order
    for (actor, event), (roles, touched) in sorted(activity.items(), key=lambda kv: (dates.get(kv[0][1]) or
                                                                                       dt.date.max, kv[0])):
        day = dates.get(event)
        if day is None or actor not in actor_set:
            continue
        period = period_of(day, by)
        row = per.setdefault((actor, period), ActorPeriod(actor, period, [], {}, {}))
        row.events.append(event)
        for role in sorted(roles):  # a set: sorted, so that the JSON is the same on every run
            row.roles[role] = row.roles.get(role, 0) + 1
        for p, how in touched.items():
            row.pillars[p] = sorted(set(row.pillars.get(p, [])) | how, key=TOUCHES.index)
        if not seen[actor] or seen[actor][-1] != period:
            seen[actor].append(period)
    for row in per.values():
        for p in mandates.get(row.actor, ()):
            row.pillars[p] = sorted({*row.pillars.get(p, []), "mandate"}, key=TOUCHES.index)
        row.pillars = dict(sorted(row.pillars.items(), key=lambda kv: notation(g, kv[0])))
    dated = sorted(d for d in dates.values() if d is not None)
    periods = periods_between(dated[0], dated[-1], by) if dated else []
    order = {p: i for i, p in enumerate(periods)}
    rows = sorted(per.values(), key=lambda r: (order[r.period], r.actor))
    newcomers: dict[str, list[str]] = {p: [] for p in periods}
    leavers: dict[str, list[str]] = {p: [] for p in periods}
    for actor, ps in sorted(seen.items()):
        newcomers[ps[0]].append(actor)
        if ps[-1] != periods[-1]:
            leavers[ps[-1]].append(actor)
    pillar_actors: dict[str, dict[str, int]] = {p: {} for p in periods}
    pillar_sectors: dict[str, dict[str, dict[str, int]]] = {p: {} for p in periods}
    for r in rows:
        sector = str(g.nodes[r.actor].get("sector", "unknown"))
        for p in r.pillars:
            pillar_actors[r.period][p] = pillar_actors[r.period].get(p, 0) + 1
            counts = pillar_sectors[r.period].setdefault(p, {})
            counts[sector] = counts.get(sector, 0) + 1
    notes = [LAST_PERIOD_NOTE] if len(periods) > 0 else ["No dated event in the window: the timeline is empty."]
    if undated:
        notes.append(f"{len(undated)} undated event(s) have no period and are left out: {', '.join(undated[:5])}")
    return Timeline(g, by, periods, rows, newcomers, leavers, pillar_actors, pillar_sectors, coverage,
                    undated=undated, notes=notes)


def timeline(
    kg: KnowledgeGraph, *, by: str = "year", report_only: bool = False, window: Window | None = None
) -> Timeline:
    """Project ``kg`` (restricted to ``window``, if given) and compute its timeline ``by`` year,
    quarter or month."""
    from resilience_kg.analysis.window import windowed_projection

    period_of(dt.date(2000, 1, 1), by)
    g, coverage = windowed_projection(kg, report_only=report_only, window=window)
    return timeline_of(g, coverage, by=by)
