"""Across events and over time: the window filter, the timeline, the co-attendance network and
their write-back, on the small multi-event corpus of ``bench/generate.py --timeline``.

The corpus (bench/generate.py, TIMELINE_SCHEDULE): one city; its provincial government hosts
(organises and attends) four workshops; five actors of its pool, by index:

    2019-03-14  attendees 0 1 2   speaker 0
    2019-11-05  attendees 0 1 3   speaker 1
    2020-06-20  attendees 0 3 4   speaker 3
    2021-02-10  attendees 3 4     speaker 4

so by year: new in 2019 the government, 0, 1, 2 and 3; new in 2020 only 4; last seen in 2019
1 and 2, in 2020 0.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from resilience_kg.analysis.coattendance import co_network, coattendance, coattendance_of, disparity_backbone
from resilience_kg.analysis.projection import project
from resilience_kg.analysis.timeline import timeline
from resilience_kg.analysis.window import Coverage, Window, apply_window, parse_date
from resilience_kg.cli import main
from resilience_kg.errors import NotFound, ResilienceKGError
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.validate import validate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """The folder, the pool's actor ids by index, and the government's id."""
    out = tmp_path_factory.mktemp("timeline")
    manifest = generate.timeline_corpus(out)
    pool = manifest["pools"][0]  # type: ignore[index]
    return out, list(pool), pool[0].rsplit("-", 2)[0] + "-pemprov"


@pytest.fixture(scope="module")
def tkg(corpus: tuple[Path, list[str], str]) -> KnowledgeGraph:
    return load_graph([corpus[0]], bundled=False)


def event(n: int) -> str:
    return f"jakarta-c000-workshop-{n:02d}"


# ---------------------------------------------------------------- the corpus


def test_the_timeline_corpus_is_in_the_bundled_format_and_conforms(tkg: KnowledgeGraph) -> None:
    assert validate(tkg).conforms
    g = project(tkg)
    dates = sorted(str(d) for n, d in g.nodes(data="date") if g.nodes[n]["kind"] == "event")
    assert dates == ["2019-03-14", "2019-11-05", "2020-06-20", "2021-02-10"]


def test_event_corpus_has_the_requested_events_and_actors(tmp_path: Path) -> None:
    m = generate.event_corpus(tmp_path, events=20, actors=60, seed=3)
    assert m["events"] == 20 and m["cities"] == 2
    # About the number asked for (an actor appears once it attends or proposes), plus each city's
    # government on top.
    assert abs(int(str(m["actors"])) - 2 - 60) <= 6
    kg = load_graph([tmp_path], bundled=False)
    assert validate(kg).conforms
    # The national pool links the cities: its actor took part in workshops of both.
    g = project(kg)
    cities = {w.split("-workshop-")[0] for _, w, k in g.out_edges("national-001", keys=True) if k == "participatedIn"}
    assert len(cities) == 2


# ---------------------------------------------------------------- the window


def test_parse_date_reads_years_and_months_as_whole_periods() -> None:
    assert parse_date("2020") == dt.date(2020, 1, 1)
    assert parse_date("2020", end=True) == dt.date(2020, 12, 31)
    assert parse_date("2020-02", end=True) == dt.date(2020, 2, 29)
    with pytest.raises(ResilienceKGError, match="not a date: '2020-13'"):
        parse_date("2020-13")


def test_a_window_keeps_its_events_and_what_hangs_off_them(tkg: KnowledgeGraph, corpus: Any) -> None:
    _, pool, gov = corpus
    g = project(tkg)
    h, cov = apply_window(g, Window(since=parse_date("2020")))
    assert [e for e, _ in cov.events] == [event(3), event(4)]
    assert event(1) not in h and event(3) in h
    # Actors seen only in 2019 are gone; those seen later, and every pillar, stay.
    assert pool[1] not in h and pool[2] not in h
    assert {pool[0], pool[3], pool[4], gov} <= set(h)
    assert {n for n, k in g.nodes(data="kind") if k == "pillar"} <= set(h)
    # Sessions of the dropped events go too.
    assert not any(n.startswith(event(1)) for n in h)
    assert cov.describe().startswith("Window: from 2020-01-01; 2 of 4 events: ")


def test_window_by_event_and_by_source(tkg: KnowledgeGraph, corpus: Any) -> None:
    _, pool, _ = corpus
    g = project(tkg)
    h, cov = apply_window(g, Window(events=(event(2),)), kg=tkg)
    assert [e for e, _ in cov.events] == [event(2)]
    assert pool[2] not in h and pool[3] in h
    h, cov = apply_window(g, Window(sources=("jakarta-c000-report-04",)), kg=tkg)
    assert [e for e, _ in cov.events] == [event(4)]
    with pytest.raises(NotFound, match="no event named 'workshop-9'"):
        apply_window(g, Window(events=("workshop-9",)), kg=tkg)
    with pytest.raises(NotFound, match="no events from source 'nope'; sources that report events: jakarta-c000"):
        apply_window(g, Window(sources=("nope",)), kg=tkg)
    with pytest.raises(ResilienceKGError, match="is after --until"):
        Window(since=dt.date(2021, 1, 1), until=dt.date(2020, 1, 1))


@pytest.mark.parametrize("command", ["analyze", "connections", "gaps"])
def test_every_analysis_command_says_which_window_it_covers(runner: Any, corpus: Any, command: str) -> None:
    folder = str(corpus[0])
    result = runner.invoke(main, [command, "--no-bundled", "--data", folder, "--since", "2019-06", "--until", "2020",
                                  "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert (f"Window: 2019-06-01 to 2020-12-31; 2 of 4 events: {event(2)} (2019-11-05), {event(3)} (2020-06-20)"
            in result.output)


def test_analyze_json_records_the_window_and_drops_actors_outside_it(runner: Any, corpus: Any) -> None:
    folder, pool, _ = corpus
    result = runner.invoke(main, ["analyze", "--no-bundled", "--data", str(folder), "--event", event(4),
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["parameters"]["window"]["events"] == [event(4)]
    assert [e["event"] for e in doc["coverage"]["covered_events"]] == [event(4)]
    assert {r["actor"] for r in doc["actors"]} == {pool[3], pool[4], corpus[2]}


def test_a_bad_window_is_a_clear_error(runner: Any, corpus: Any) -> None:
    result = runner.invoke(main, ["gaps", "--no-bundled", "--data", str(corpus[0]), "--since", "last year"])
    assert result.exit_code == 2
    assert "not a date: 'last year'" in result.output


# ---------------------------------------------------------------- the timeline


def test_newcomers_and_leavers_by_year(tkg: KnowledgeGraph, corpus: Any) -> None:
    _, pool, gov = corpus
    t = timeline(tkg, by="year")
    assert t.periods == ["2019", "2020", "2021"]
    assert t.newcomers == {"2019": sorted([gov, pool[0], pool[1], pool[2], pool[3]]), "2020": [pool[4]], "2021": []}
    assert t.leavers["2019"] == sorted([pool[1], pool[2]])
    assert t.leavers["2020"] == [pool[0]]
    assert t.active()["2021"] == sorted([gov, pool[3], pool[4]])


def test_roles_events_and_pillars_per_actor_and_period(tkg: KnowledgeGraph, corpus: Any) -> None:
    _, pool, gov = corpus
    t = timeline(tkg, by="year")
    row = {(r.actor, r.period): r for r in t.rows}
    first = row[(pool[0], "2019")]
    assert first.events == [event(1), event(2)]
    assert first.roles == {"participant": 2, "speaker": 1}
    # Speaker at workshop 1: it proposed the solution of each of the three sessions.
    assert sorted(first.pillars) == sorted(t.pillars)
    assert all("proposal" in how for how in first.pillars.values())
    assert row[(gov, "2020")].roles == {"organiser": 1, "participant": 1}
    assert row[(pool[4], "2021")].roles == {"participant": 1, "speaker": 1}
    # A mere participant touches only the pillars of its mandates.
    quiet = row[(pool[2], "2019")]
    assert quiet.roles == {"participant": 1}
    assert all(how == ["mandate"] for how in quiet.pillars.values())
    # Actors per pillar: in 2021 the speaker (pool 4) touches all three pillars.
    assert all(t.pillar_actors["2021"][p] >= 1 for p in t.pillars)


def test_quarters_keep_the_empty_periods_between_events(tkg: KnowledgeGraph) -> None:
    t = timeline(tkg, by="quarter")
    assert t.periods[:4] == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"]
    assert t.periods[-1] == "2021-Q1" and len(t.periods) == 9
    assert t.active()["2019-Q2"] == []


def test_a_window_makes_newcomers_relative_to_it(tkg: KnowledgeGraph, corpus: Any) -> None:
    _, pool, gov = corpus
    t = timeline(tkg, window=Window(since=dt.date(2020, 1, 1)))
    assert t.newcomers["2020"] == sorted([gov, pool[0], pool[3], pool[4]])
    assert "Window: from 2020-01-01" in t.render("table")


def test_timeline_formats(tkg: KnowledgeGraph, corpus: Any) -> None:
    t = timeline(tkg)
    doc = json.loads(t.render("json"))
    assert doc["parameters"]["by"] == "year"
    assert doc["leavers"] == {"2019": t.leavers["2019"], "2020": t.leavers["2020"]}  # none for the last period
    csv_lines = t.render("csv").splitlines()
    assert csv_lines[0] == "period,actor,name,sector,events,organiser,speaker,participant,pillars"
    assert len(csv_lines) == 1 + len(t.rows)
    md = t.render("markdown")
    assert "## Newcomers and leavers" in md and "| 2020 | 4 | 1 | 1 |" in md


def test_timeline_command_writes_chart_and_rdf(runner: Any, corpus: Any, tmp_path: Path) -> None:
    folder, pool, _ = corpus
    plots, rdf = tmp_path / "plots", tmp_path / "timeline.trig"
    result = runner.invoke(main, ["timeline", "--no-bundled", "--data", str(folder), "--by", "year",
                                  "--plots", str(plots), "--rdf", str(rdf)])
    assert result.exit_code == 0, result.output
    assert (plots / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    kg = load_graph([folder, rdf], bundled=False)
    rows = kg.store.query(
        """SELECT ?who ?when WHERE { GRAPH ?g { ?m rkg:metric "leaver" ; rkg:measuredEntity ?who ;
             dcterms:temporal ?when ; prov:wasGeneratedBy ?run . ?run rkg:parameters ?p } }""",
        prefixes={"rkg": "https://w3id.org/resilience-kg/ontology#", "dcterms": "http://purl.org/dc/terms/",
                  "prov": "http://www.w3.org/ns/prov#"},
    )
    found = sorted((r["who"].value.rsplit("/", 1)[-1], r["when"].value) for r in rows)  # type: ignore[union-attr]
    assert found == sorted([(pool[1], "2019"), (pool[2], "2019"), (pool[0], "2020")])


# ---------------------------------------------------------------- co-attendance


def small_projection() -> nx.MultiDiGraph:
    """Two events: e1 with a, b and c; e2 with a and b."""
    g = nx.MultiDiGraph()
    for n in "abc":
        g.add_node(n, kind="actor", label=n, iri=f"urn:x:{n}", sector="government")
    for e, date in (("e1", "2019-01-01"), ("e2", "2019-06-01")):
        g.add_node(e, kind="event", date=date, label=e, iri=f"urn:x:{e}")
    for a, e in (("a", "e1"), ("b", "e1"), ("c", "e1"), ("a", "e2"), ("b", "e2")):
        g.add_edge(a, e, "participatedIn")
    return g


def test_co_attendance_weights_by_hand() -> None:
    h = co_network(small_projection())
    # e1 has 3 attendees: 1/2 to each of its pairs; e2 has 2: 1 to its pair.
    assert h.edges["a", "b"]["shared"] == 2 and h.edges["a", "b"]["weight"] == pytest.approx(1.5)
    assert h.edges["a", "c"]["weight"] == pytest.approx(0.5)
    assert h.edges["b", "c"]["events"] == ["e1"]


def test_disparity_backbone_by_hand() -> None:
    h = co_network(small_projection())
    # a: k=2, s=2: a-b (1 - 1.5/2) = 0.25, a-c 0.75; c: k=2, s=1: 0.5 for both of its links.
    assert set(disparity_backbone(h, 0.3).edges) == {("a", "b")}
    assert set(disparity_backbone(h, 0.6).edges) == {("a", "b"), ("a", "c"), ("b", "c")}
    with pytest.raises(ResilienceKGError, match="between 0 and 1"):
        disparity_backbone(h, 1.5)


def test_threshold_and_brokers() -> None:
    g = small_projection()
    cov = Coverage(Window(), [("e1", "2019-01-01"), ("e2", "2019-06-01")], 2)
    co = coattendance_of(g, cov, threshold=2)
    assert set(co.network.edges) == {("a", "b")} and co.removed == 2
    # A chain of two cliques joined by one actor: the joint is the broker.
    for e, people in (("e3", "de"), ("e4", "ef")):
        g.add_node(e, kind="event", date="2020-01-01", label=e, iri=f"urn:x:{e}")
        for p in people:
            g.add_node(p, kind="actor", label=p, iri=f"urn:x:{p}", sector="private")
            g.add_edge(p, e, "participatedIn")
    g.add_edge("c", "e3", "participatedIn")
    co = coattendance_of(g, cov)
    comm = co.community_of()
    assert len(co.communities) >= 2
    assert co.brokers and co.brokers[0].actor in {"c", "e"}  # the joints between the two groups
    for b in co.brokers:  # the participation coefficient, worked out again from the links
        into: dict[int, float] = {}
        for other, d in co.network[b.actor].items():
            into[comm[other]] = into.get(comm[other], 0.0) + d["weight"]
        total = sum(into.values())
        assert b.participation == pytest.approx(1 - sum((w / total) ** 2 for w in into.values()))
    brokers = {b.actor for b in co.brokers}
    for a in co.network:  # everyone else keeps to its own community
        if a not in brokers:
            assert {comm[o] for o in co.network[a]} <= {comm[a]}
    assert co.betweenness["c"] > co.betweenness["a"]  # c lies between the groups


def test_coattendance_on_the_corpus_and_its_command(tkg: KnowledgeGraph, corpus: Any, runner: Any,
                                                    tmp_path: Path) -> None:
    folder, pool, gov = corpus
    co = coattendance(tkg)
    assert co.network.edges[pool[0], gov]["shared"] == 3  # the government hosts all; pool 0 came to three
    assert not co.network.has_edge(pool[2], pool[4])  # never met
    rdf = tmp_path / "co.trig"
    result = runner.invoke(main, ["coattendance", "--no-bundled", "--data", str(folder), "--threshold", "2",
                                  "--format", "json", "--rdf", str(rdf)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output[: result.output.rindex("}") + 1])
    assert doc["parameters"]["threshold"] == 2
    assert all(link["shared"] >= 2 for link in doc["links"])
    kg = load_graph([folder, rdf], bundled=False)
    n = kg.store.query('ASK { GRAPH ?g { ?m rkg:metric "shared_events" } }',
                       prefixes={"rkg": "https://w3id.org/resilience-kg/ontology#"})
    assert bool(n)


# ---------------------------------------------------------------- dated network exports


def test_gexf_is_dynamic_with_a_spell_per_event_date(tkg: KnowledgeGraph, corpus: Any, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from resilience_kg.formats.network import export_network

    _, pool, _ = corpus
    path = export_network(project(tkg), tmp_path / "net.gexf", "gexf")
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.parse(path).getroot()
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    spells = {n.get("id"): [(s.get("start"), s.get("end")) for s in n.iterfind("g:spells/g:spell", ns)]
              for n in root.iterfind(".//g:node", ns)}
    assert spells[pool[0]] == [("2019-03-14", "2019-03-14"), ("2019-11-05", "2019-11-05"),
                               ("2020-06-20", "2020-06-20")]
    assert spells[event(4)] == [("2021-02-10", "2021-02-10")]
    pillar = next(n for n, k in project(tkg).nodes(data="kind") if k == "pillar")
    assert spells[pillar] == []  # timeless: always present
    edge = next(e for e in root.iterfind(".//g:edge", ns) if e.get("source") == pool[4] and e.get("target") == event(3))
    assert [(s.get("start"), s.get("end")) for s in edge.iterfind("g:spells/g:spell", ns)] == [
        ("2020-06-20", "2020-06-20")]
    nx.read_gexf(path)  # networkx (like Gephi) reads it back


def test_kumu_sheets_carry_dates(tkg: KnowledgeGraph, corpus: Any, tmp_path: Path) -> None:
    import csv
    import io
    import zipfile

    from resilience_kg.formats.network import export_network

    _, pool, _ = corpus
    path = export_network(project(tkg), tmp_path / "kumu.zip", "kumu-csv")
    with zipfile.ZipFile(path) as z:
        elements = list(csv.DictReader(io.StringIO(z.read("elements.csv").decode())))
        conns = list(csv.DictReader(io.StringIO(z.read("connections.csv").decode())))
    first = next(r for r in elements if r["ID"] == pool[3])
    assert (first["Start Date"], first["End Date"]) == ("2019-11-05", "2021-02-10")
    label = {r["ID"]: r["Label"] for r in elements}
    attended = [r for r in conns if r["From"] == label[pool[4]] and r["Type"] == "participatedIn"]
    assert sorted((r["Start Date"], r["End Date"]) for r in attended) == [("2020-06-20", "2020-06-20"),
                                                                          ("2021-02-10", "2021-02-10")]


# ---------------------------------------------------------------- views and the report


def test_every_view_carries_the_dates_of_its_nodes(tkg: KnowledgeGraph, corpus: Any) -> None:
    from resilience_kg.views.network_view import build_view

    _, pool, _ = corpus
    for view in ("full", "actors-pillars", "pillar:SEHAT-0", f"actor:{pool[0]}"):
        data = build_view(tkg, view)
        by_id = {n["id"]: n for n in data.nodes}
        assert by_id[pool[0]]["dates"] == ["2019-03-14", "2019-11-05", "2020-06-20"], view
        assert all("dates" not in n for n in data.nodes if n["kind"] == "pillar"), view
        assert data.dates == sorted({d for n in data.nodes for d in n.get("dates", ())}), view
    full = build_view(tkg, "full")
    assert full.dates == ["2019-03-14", "2019-11-05", "2020-06-20", "2021-02-10"]
    link = next(e for e in full.edges if e["from"] == pool[4] and e["to"] == event(4))
    assert link["dates"] == ["2021-02-10"]


def test_a_windowed_view_holds_only_its_window(tkg: KnowledgeGraph, corpus: Any) -> None:
    from resilience_kg.views.network_view import build_view

    _, pool, _ = corpus
    data = build_view(tkg, "full", window=Window(until=dt.date(2019, 12, 31)))
    ids = {n["id"] for n in data.nodes}
    assert pool[4] not in ids and pool[2] in ids
    assert data.dates == ["2019-03-14", "2019-11-05"]
    assert data.window["covered_events"] == [{"event": event(1), "date": "2019-03-14"},
                                             {"event": event(2), "date": "2019-11-05"}]
    assert any(n.startswith("Window: until 2019-12-31; 2 of 4 events") for n in data.notes)


def test_the_actors_pillars_layout(kg: KnowledgeGraph) -> None:
    from itertools import combinations

    from resilience_kg.analysis.pillar_links import pillar_links
    from resilience_kg.views.network_view import _longest_label, build_view, label_above, label_box

    data = build_view(kg, "actors-pillars")
    assert data.physics is False
    nodes = {n["id"]: n for n in data.nodes}
    pillars = [n for n in data.nodes if n["kind"] == "pillar"]
    assert all(p.get("fixed") for p in pillars)
    # Pillars far apart: further from each other than any actor is from its nearest pillar.
    apart = min(((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 for a, b in combinations(pillars, 2))
    assert apart > 600
    # No two label boxes overlap, at the widths reserved for the longer of the two languages.
    g = project(kg)
    boxes = {n: label_box(d["x"], d["y"], _longest_label(g.nodes[n]), above=label_above(d["x"], d["y"], d["kind"]))
             for n, d in nodes.items()}
    clashes = [(a, b) for a, b in combinations(sorted(boxes), 2)
               if boxes[a][0] < boxes[b][2] and boxes[b][0] < boxes[a][2]
               and boxes[a][1] < boxes[b][3] and boxes[b][1] < boxes[a][3]]
    assert clashes == []
    # Each actor that works on one pillar only sits nearer to it than to any other pillar.
    single: dict[str, set[str]] = {}
    for lk in pillar_links(g):
        if lk.substantive:
            single.setdefault(lk.actor, set()).add(lk.pillar)
    checked = 0
    for actor, ps in single.items():
        if len(ps) != 1:
            continue
        a = nodes[actor]
        nearest = min(pillars, key=lambda p: (p["x"] - a["x"]) ** 2 + (p["y"] - a["y"]) ** 2)
        assert nearest["id"] == next(iter(ps)), actor
        checked += 1
    assert checked >= 8  # BPBD, DLH, Dishub, ITDP, PMI, KARINA, ...
    presence = [e for e in data.edges if e["presence_only"]]
    assert presence and all(e["strength"] < 0.5 for e in presence)


def test_the_report_has_a_section_per_period_and_a_legend(tkg: KnowledgeGraph, corpus: Any, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    from resilience_kg.views.report import write_report

    page = write_report(tkg, tmp_path)[0].read_text(encoding="utf-8")
    ids: list[str] = []

    class Ids(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            ids.extend(v for k, v in attrs if k == "id" and v)

    Ids().feed(page)
    assert [i for i in ids if i.startswith("period-")] == ["period-2019", "period-2020", "period-2021"]
    assert "timeline-chart" in ids and "matrix-legend" in ids
    section_2020 = page[page.index('id="period-2020"'): page.index('id="period-2021"')]
    assert "<b>Newcomers (1):</b>" in section_2020 and "<b>Leavers (1):</b>" in section_2020
    assert "Window: all dates; 4 of 4 events" in page
    assert 'src="data:image/png;base64,' in page


def test_viz_and_report_take_the_window_and_say_so(runner: Any, corpus: Any, tmp_path: Path) -> None:
    folder, pool, _ = corpus
    out = tmp_path / "view.html"
    result = runner.invoke(main, ["viz", "--no-bundled", "--data", str(folder), "--since", "2020", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Window: from 2020-01-01; 2 of 4 events" in page and pool[2] not in page
    result = runner.invoke(main, ["report", "--no-bundled", "--data", str(folder), "--source",
                                  "jakarta-c000-report-01", "--out", str(tmp_path / "rep")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert f"Window: sources jakarta-c000-report-01; 1 of 4 events: {event(1)} (2019-03-14)" in text
    assert 'id="period-2019"' in text and 'id="period-2020"' not in text


def test_markup_in_names_stays_text_in_the_periods_of_the_report(tmp_path: Path) -> None:
    from html import unescape

    from helpers import write

    from resilience_kg.views.report import write_report

    evil = '<img src=x onerror="window.__pwned=1">'
    folder = tmp_path / "evil"
    write(folder / "elements.csv",
          "id,type,label_id,label_en,acronym,date,basis,confidence,note\n"
          "evil-event,Event,Lokakarya,Workshop,,2021-05-01,curated,uncertain,a test event\n"
          f'evil-actor,CivilSocietyOrganization,"{evil.replace(chr(34), chr(34) * 2)}",Evil,'
          f'"{evil.replace(chr(34), chr(34) * 2)}",,curated,uncertain,a test actor\n')
    write(folder / "connections.csv", "from,to,type,basis,confidence,note\n"
          "evil-actor,evil-event,participatedIn,curated,uncertain,a test link\n")
    page = write_report(load_graph([folder]), tmp_path / "out")[0].read_text(encoding="utf-8")
    section = page[page.index('id="period-2021"'):]
    section = section[: section.index("</section>")]
    assert "&lt;img src=x onerror=" in section and evil in unescape(section)  # shown as text
    assert "<img src=x" not in page


def test_the_timeline_json_is_the_same_on_every_run(kg: KnowledgeGraph) -> None:
    """The roles an actor held are counted from a set: the JSON lists them sorted, so two runs
    (two hash seeds) write the same bytes (regression: they came in the set's order)."""
    several = [r.roles for r in timeline(kg).rows if len(r.roles) > 1]
    assert several, "the bundled timeline has an actor with several roles in a period"
    assert all(list(roles) == sorted(roles) for roles in several), several
