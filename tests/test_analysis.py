"""The network analysis, checked the way an analyst would check it by hand: who connects to which
pillar and why, centralities on graphs small enough to compute on paper, brokers, gaps, the RDF
write-back, the report formats, and finding a node by the name a person types."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import resilience_kg
from resilience_kg import vocab as v
from resilience_kg.analysis import metrics
from resilience_kg.analysis.analyze import Analysis, analyze
from resilience_kg.analysis.gaps import find_gaps, is_local
from resilience_kg.analysis.lookup import find_node
from resilience_kg.analysis.metrics import actor_metrics, brokers, communities, sampled_closeness
from resilience_kg.analysis.pillar_links import CONFIDENCE_FACTOR, PATHS, PillarLink, pillar_links
from resilience_kg.analysis.projection import UTTERANCES
from resilience_kg.analysis.write_back import attach_analysis
from resilience_kg.errors import NotFound
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.validate import validate
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import query

SIAP, SEHAT, TERHUBUNG = "jakarta-siap", "jakarta-sehat", "jakarta-terhubung"
PILLARS = (SEHAT, SIAP, TERHUBUNG)
PRESENCE = {"event", "session"}
#: Every organisation that took part in the 2019 workshop (the report lists 22; its deputy governor is a post).
PARTICIPANTS = 22


@pytest.fixture(scope="module")
def full(kg: KnowledgeGraph) -> Analysis:
    return analyze(kg)


@pytest.fixture(scope="module")
def report_view(kg: KnowledgeGraph) -> Analysis:
    return analyze(kg, report_only=True)


# --- hand-built graphs shaped like a projection -------------------------------------------------


def actor(sector: str = "government", country: str | None = "ID", type_: str = "GovernmentAgency") -> dict[str, Any]:
    attrs: dict[str, Any] = {"kind": "actor", "type": type_, "sector": sector}
    if country:
        attrs["country"] = country
    return attrs


def pillar(notation: str) -> dict[str, Any]:
    return {"kind": "pillar", "type": "Pillar", "notation": notation, "label_id": f"Jakarta {notation}"}


def node(kind: str) -> dict[str, Any]:
    return {"kind": kind, "type": kind.capitalize()}


def build(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, ...]]) -> nx.MultiDiGraph:
    """A projection-shaped graph: ``(subject, property, object)`` is a report link, a fourth item
    makes it a curated link with that confidence."""
    g = nx.MultiDiGraph()
    for name, attrs in nodes.items():
        g.add_node(name, label=name, **attrs)
    for s, p, o, *confidence in edges:
        data: dict[str, Any] = {"predicate": f"rkg:{p}", "graph": "curated" if confidence else "report"}
        if confidence:
            data["confidence"] = confidence[0]
        g.add_edge(s, o, key=p, **data)
    return g


def link_of(links: list[PillarLink], actor_: str, pillar_: str) -> PillarLink:
    return next(lk for lk in links if lk.actor == actor_ and lk.pillar == pillar_)


# --- who connects to which pillar ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [("bpbd", SIAP), ("dishub", TERHUBUNG), ("itdp", TERHUBUNG), ("pam-jaya", SEHAT), ("dlh", SEHAT)],
)
def test_each_agency_connects_most_strongly_to_its_own_pillar(full: Analysis, who: str, expected: str) -> None:
    row = full.matrix[who]
    assert max(row, key=row.get) == expected  # type: ignore[arg-type]
    others = [row[p] for p in PILLARS if p != expected]
    assert all(row[expected] > other for other in others), row


def test_a_mandate_always_outranks_mere_presence_on_every_pillar(full: Analysis) -> None:
    for p in PILLARS:
        links = [lk for lk in full.links if lk.pillar == p]
        mandated = [lk for lk in links if any(path.pattern == "mandate" for path in lk.paths)]
        present = [lk for lk in links if {path.pattern for path in lk.paths} <= PRESENCE]
        assert mandated and present, p
        weakest_mandate = min(lk.strength for lk in mandated)
        strongest_presence = max(lk.strength for lk in present)
        assert weakest_mandate > strongest_presence, (p, weakest_mandate, strongest_presence)


def test_presence_alone_counts_the_same_for_every_participant(full: Analysis) -> None:
    presence_only = [lk for lk in full.links if {path.pattern for path in lk.paths} <= PRESENCE]
    # Everyone attended the same workshop: nobody should look alike-but-different.
    assert {lk.strength for lk in presence_only} == {0.1}
    assert {tuple(lk.basis.items()) for lk in presence_only} == {(("event", 0.1),)}


@pytest.mark.parametrize("who", ["biro-kdh-kln", "setda-dki-jakarta"])
def test_actors_neither_present_nor_mandated_score_zero(full: Analysis, who: str) -> None:
    assert full.matrix[who] == dict.fromkeys(PILLARS, 0.0)
    assert not [lk for lk in full.links if lk.actor == who]


def test_paths_read_as_a_chain_of_names(full: Analysis) -> None:
    siap = link_of(full.links, "bpbd", SIAP)
    chains = [path.chain(full.graph) for path in siap.paths]
    assert "BPBD -> works on -> Early warning system -> under -> Jakarta SIAP" in chains
    chains_id = [path.chain(full.graph, lang="id") for path in siap.paths]
    assert "BPBD -> menangani -> Penyediaan Early Warning System (EWS) -> di bawah -> Jakarta SIAP" in chains_id
    assert all(" -> works on -> " not in c for c in chains_id)


def test_every_path_says_how_it_counts(full: Analysis) -> None:
    names = {p.name for p in PATHS}
    for lk in full.links:
        assert lk.paths, lk
        for path in lk.paths:
            assert path.pattern in names
            assert path.weight > 0
            assert path.nodes[0] == lk.actor and path.nodes[-1] == lk.pillar
            if path.curated:
                assert path.confidence in CONFIDENCE_FACTOR
            else:
                assert path.confidence is None


def test_an_uncertain_mandate_weighs_less_than_a_well_attested_one(full: Analysis) -> None:
    paths = {path.nodes[1]: path for path in link_of(full.links, "bpbd", SIAP).paths if path.pattern == "mandate"}
    uncertain = paths["issue-disaster-safe-infrastructure"]
    assert (uncertain.weight, uncertain.curated, uncertain.confidence) == (0.6, True, "uncertain")
    attested = paths["issue-early-warning-system"]
    assert (attested.weight, attested.curated, attested.confidence) == (1.0, True, "well-attested")
    assert link_of(full.links, "bpbd", SIAP).basis["mandate"] == pytest.approx(3.6)


PRESENCE_GRAPH_NODES = {
    "present": actor(),
    "mandated": actor(),
    "issue": node("issue"),
    "p": pillar("P"),
    "s1": node("session"), "s2": node("session"), "s3": node("session"),
    "e1": node("event"), "e2": node("event"),
}  # fmt: skip


def test_presence_is_capped_below_the_weakest_single_mandate() -> None:
    g = build(
        PRESENCE_GRAPH_NODES,
        [
            *[("present", "participatedIn", s) for s in ("s1", "s2", "s3", "e1", "e2")],
            *[(s, "concernsPillar", "p") for s in ("s1", "s2", "s3")],
            ("e1", "hasSession", "s1"), ("e1", "hasSession", "s2"), ("e2", "hasSession", "s3"),
            ("mandated", "worksOn", "issue", "unknown"),
            ("issue", "underPillar", "p"),
        ],
    )  # fmt: skip
    links = pillar_links(g)
    present, mandated = link_of(links, "present", "p"), link_of(links, "mandated", "p")
    assert present.basis == {"session": 0.3, "event": 0.1}
    assert present.strength == pytest.approx(0.4)
    assert mandated.strength == pytest.approx(0.5)
    assert mandated.strength > present.strength


def test_a_mandate_with_two_uncertain_links_still_outranks_presence() -> None:
    # The weights table promises that presence (at most 0.4) never adds up to a mandate. A
    # mandate whose issue is curated under the pillar too is still a mandate.
    g = build(
        PRESENCE_GRAPH_NODES,
        [
            ("present", "participatedIn", "s1"), ("s1", "concernsPillar", "p"),
            ("present", "participatedIn", "e1"), ("e1", "hasSession", "s1"),
            ("mandated", "worksOn", "issue", "uncertain"),
            ("issue", "underPillar", "p", "uncertain"),
        ],
    )  # fmt: skip
    links = pillar_links(g)
    present, mandated = link_of(links, "present", "p"), link_of(links, "mandated", "p")
    assert present.strength == pytest.approx(0.4)
    assert mandated.paths[0].confidence == "uncertain"
    assert mandated.strength > present.strength, (mandated.strength, present.strength)


# --- the report-only view -------------------------------------------------------------------------


def test_report_only_connects_every_participant_to_every_pillar(report_view: Analysis) -> None:
    reached = {lk.actor for lk in report_view.links}
    assert len(reached) == PARTICIPANTS
    for who in reached:
        assert {lk.pillar for lk in report_view.links if lk.actor == who} == set(PILLARS), who


def test_report_only_has_no_mandates_and_is_never_stronger(report_view: Analysis, full: Analysis) -> None:
    assert not [path for lk in report_view.links for path in lk.paths if path.pattern == "mandate"]
    assert not [path for lk in report_view.links for path in lk.paths if path.curated]
    for who, row in report_view.matrix.items():
        for p, strength in row.items():
            assert strength <= full.matrix[who][p], (who, p)
    assert report_view.matrix["bpbd"][SIAP] < full.matrix["bpbd"][SIAP]


def test_report_only_says_it_is_weaker(report_view: Analysis, full: Analysis) -> None:
    assert len(report_view.notes) == 2
    assert "weaker" in report_view.notes[0]
    # Every analysis says which window and events it covers; the full one says nothing else.
    assert full.notes == ["Window: all dates; 1 of 1 events: joint-workshop-2019 (2019-11-28)"]


# --- communities repeat ---------------------------------------------------------------------------


def test_louvain_communities_repeat_and_cover_every_node(full: Analysis) -> None:
    first, second = communities(full.graph), communities(full.graph)
    assert first == second
    members = [n for c in first for n in c]
    assert sorted(members) == sorted(full.graph.nodes)
    assert len(first) > 1


def test_analysis_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "resilience_kg", "analyze", "--format", "json"],
            capture_output=True, env=env, cwd=tmp_path, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["communities"]


# --- centralities on graphs small enough to check by hand -----------------------------------------


def test_star_centre_is_the_only_go_between() -> None:
    g = build({n: actor() for n in ("hub", "a", "b", "c", "d")}, [("hub", "knows", leaf) for leaf in "abcd"])
    rows, settings = actor_metrics(g)
    by = {m.actor: m for m in rows}
    assert settings.exact
    assert by["hub"].betweenness == pytest.approx(1.0)
    assert by["hub"].degree == 4
    assert by["hub"].closeness == pytest.approx(1.0)
    for leaf in "abcd":
        assert by[leaf].betweenness == pytest.approx(0.0)
        assert by[leaf].degree == 1
        assert by[leaf].closeness == pytest.approx(4 / 7)
        assert by[leaf].eigenvector < by["hub"].eigenvector


def test_path_of_three() -> None:
    g = build({n: actor() for n in ("a", "b", "c")}, [("a", "knows", "b"), ("b", "knows", "c")])
    by = {m.actor: m for m in actor_metrics(g)[0]}
    assert (by["b"].betweenness, by["b"].closeness, by["b"].degree) == (pytest.approx(1.0), pytest.approx(1.0), 2)
    for end in "ac":
        assert (by[end].betweenness, by[end].closeness, by[end].degree) == (
            pytest.approx(0.0), pytest.approx(2 / 3), 1,
        )  # fmt: skip


def test_degree_counts_neighbours_not_links_and_only_actors_are_listed() -> None:
    g = build(
        {"a": actor(), "b": actor(), "issue": node("issue")},
        [("a", "worksOn", "issue"), ("a", "knows", "b"), ("b", "knows", "a"), ("a", "partners", "b"),
         ("b", "worksOn", "issue")],
    )  # fmt: skip
    rows, settings = actor_metrics(g)
    assert [m.actor for m in rows] == ["a", "b"]
    assert {m.actor: m.degree for m in rows} == {"a": 2, "b": 2}
    assert (settings.nodes, settings.edges) == (3, 3)


def test_sampled_closeness_is_exact_when_every_node_is_a_pivot() -> None:
    h = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"n{i:02d}")
    exact = nx.closeness_centrality(h)
    for k in (h.number_of_nodes(), 1000):
        estimate = sampled_closeness(h, k=k, seed=3)
        assert estimate == pytest.approx(exact, abs=1e-12)


def test_sampled_closeness_matches_networkx_on_a_disconnected_graph_when_k_covers_it() -> None:
    h = nx.relabel_nodes(nx.karate_club_graph(), lambda i: f"n{i:02d}")
    h.add_edges_from([("x", "y"), ("y", "z")])
    h.add_node("alone")
    estimate = sampled_closeness(h, k=h.number_of_nodes(), seed=5)
    assert estimate == pytest.approx(nx.closeness_centrality(h), abs=1e-12)
    assert estimate["alone"] == 0.0


def test_sampled_closeness_is_close_on_a_larger_graph() -> None:
    h = nx.relabel_nodes(nx.gnp_random_graph(300, 0.03, seed=7), lambda i: f"n{i:03d}")
    assert nx.is_connected(h)
    exact = nx.closeness_centrality(h)
    estimate = sampled_closeness(h, k=100, seed=11)
    worst = max(abs(estimate[n] - exact[n]) / exact[n] for n in h)
    assert worst < 0.10
    assert estimate == sampled_closeness(h, k=100, seed=11)


def test_above_the_exact_limit_metrics_are_sampled_and_repeat(
    monkeypatch: pytest.MonkeyPatch, kg: KnowledgeGraph
) -> None:
    monkeypatch.setattr(metrics, "EXACT_LIMIT", 20)
    monkeypatch.setattr(metrics, "SAMPLE_K", 15)
    h = nx.gnp_random_graph(60, 0.1, seed=4)
    g = build({f"a{i:02d}": actor() for i in h}, [(f"a{u:02d}", "knows", f"a{w:02d}") for u, w in h.edges()])
    rows, settings = actor_metrics(g)
    assert (settings.exact, settings.sample_k, settings.seed) == (False, 15, metrics.SEED)
    assert actor_metrics(g) == (rows, settings)
    assert analyze(kg).parameters()["centrality"] == "sampled k=15"


def test_small_graphs_are_computed_exactly(full: Analysis) -> None:
    assert full.settings.exact and full.settings.sample_k is None
    assert full.parameters()["centrality"] == "exact"


# --- brokers ----------------------------------------------------------------------------------------


def test_an_actor_working_under_two_pillars_is_the_broker() -> None:
    g = build(
        {
            "bridge": actor(), "single": actor(), "visitor": actor(),
            "p1": pillar("ONE"), "p2": pillar("TWO"),
            "i1": node("issue"), "i2": node("issue"), "s1": node("session"), "s2": node("session"),
        },
        [
            ("bridge", "worksOn", "i1", "stated"), ("bridge", "worksOn", "i2", "stated"),
            ("single", "worksOn", "i1", "stated"),
            ("i1", "underPillar", "p1"), ("i2", "underPillar", "p2"),
            ("visitor", "participatedIn", "s1"), ("visitor", "participatedIn", "s2"),
            ("s1", "concernsPillar", "p1"), ("s2", "concernsPillar", "p2"),
        ],
    )  # fmt: skip
    found = brokers(g, pillar_links(g))
    assert [b.actor for b in found] == ["bridge"]
    assert found[0].pillars == ("p1", "p2")
    assert found[0].betweenness > 0


def test_bundled_brokers_are_the_french_businesses(full: Analysis) -> None:
    assert [b.actor for b in full.brokers] == ["french-businesses"]
    assert full.brokers[0].pillars == tuple(sorted(PILLARS))
    # No local actor works on two pillars.
    home = full.gaps.home_country
    for who in {lk.actor for lk in full.links if is_local(full.graph, lk.actor, home)}:
        assert sum(lk.substantive for lk in full.links if lk.actor == who) <= 1, who


# --- gaps ---------------------------------------------------------------------------------------------


def test_bundled_gaps(full: Analysis) -> None:
    issues = {x.issue: x for x in full.gaps.issues}
    assert issues["issue-disaster-safe-infrastructure"].reason.startswith("only uncertain links")
    assert "BPBD" in issues["issue-disaster-safe-infrastructure"].reason
    assert issues["issue-disaster-safe-infrastructure"].pillar == SIAP
    assert "issue-early-warning-system" not in issues
    pillars = {x.pillar: x for x in full.gaps.pillars}
    assert "civil-society" in pillars[SEHAT].missing_sectors
    assert "civil-society" not in pillars[SIAP].missing_sectors
    assert full.gaps.home_country == "ID"


def test_an_issue_only_foreigners_work_on_is_a_gap_and_so_is_its_solution() -> None:
    g = build(
        {
            "embassy": actor("diplomatic", "FR", "DiplomaticMission"),
            "french-firm": actor("private", "FR", "PrivateCompany"),
            "agency": actor(), "ngo": actor("civil-society", "ID", "CivilSocietyOrganization"),
            "p": pillar("P"),
            "foreign-issue": node("issue"), "local-issue": node("issue"),
            "lonely-solution": node("solution"), "shared-solution": node("solution"),
        },
        [
            ("embassy", "worksOn", "foreign-issue", "stated"), ("french-firm", "worksOn", "foreign-issue"),
            ("agency", "worksOn", "local-issue", "well-attested"),
            ("foreign-issue", "underPillar", "p"), ("local-issue", "underPillar", "p"),
            ("lonely-solution", "addressesIssue", "foreign-issue"),
            ("shared-solution", "addressesIssue", "foreign-issue"),
            ("shared-solution", "addressesIssue", "local-issue"),
            ("lonely-solution", "proposedBy", "french-firm"),
        ],
    )  # fmt: skip
    gaps = find_gaps(g, pillar_links(g), home="ID")
    found = [(x.issue, x.pillar, x.reason) for x in gaps.issues]
    assert found == [("foreign-issue", "p", "no local actor works on it")]
    assert [(x.solution, x.issues) for x in gaps.solutions] == [("lonely-solution", ("foreign-issue",))]
    # The same without saying which country is home: the most common one among the actors.
    assert find_gaps(g, pillar_links(g)).issues == gaps.issues


# --- the analysis written back as RDF ---------------------------------------------------------------


@pytest.fixture(scope="module")
def kg2() -> KnowledgeGraph:
    """A private copy of the bundled graph with the analysis attached (the shared one stays clean)."""
    graph = load_graph()
    attach_analysis(graph, analyze(graph))
    return graph


def test_attach_adds_the_analysis_graph(kg2: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    assert "https://w3id.org/resilience-kg/graph/analysis" in kg2.graph_names()
    assert v.ANALYSIS_GRAPH not in kg.graph_names()


def test_brokers_query_reads_the_analysis_back(kg2: KnowledgeGraph) -> None:
    rows = query(kg2, get_query("brokers").text).rows
    assert rows
    first = rows[0]
    assert first["rank"].value == "1"  # type: ignore[union-attr]
    assert first["actor"].value == v.ID + "french-businesses"  # type: ignore[union-attr]
    assert first["label_en"].value == "French businesses"  # type: ignore[union-attr]


def test_every_measurement_names_the_run_that_made_it(kg2: KnowledgeGraph) -> None:
    text = """SELECT ?m ?run ?params WHERE { ?m a rkg:Measurement .
                OPTIONAL { ?m prov:wasGeneratedBy ?run . ?run a rkg:AnalysisRun ; rkg:parameters ?params } }"""
    rows = query(kg2, text).rows
    assert len(rows) > 100
    for row in rows:
        assert row["run"] is not None and row["params"] is not None, row["m"]
    params = {row["params"].value for row in rows}  # type: ignore[union-attr]
    assert len(params) == 1
    doc = json.loads(params.pop())
    assert doc["tool"] == "resilience-kg"
    assert doc["version"] == resilience_kg.__version__
    assert doc["seed"] == metrics.SEED
    assert doc["weights"]["mandate"] == {"weight": 1.0, "cap": None}
    assert doc["weights"]["event"] == {"weight": 0.1, "cap": 0.1}
    assert set(doc["weights"]) == {p.name for p in PATHS}


def test_measured_values_match_the_report(kg2: KnowledgeGraph, full: Analysis) -> None:
    text = """SELECT ?actor ?value WHERE { ?m rkg:metric "betweenness" ; rkg:measuredEntity ?actor ;
                schema:value ?value }"""
    rows = query(kg2, text).rows
    found = {row["actor"].value.removeprefix(v.ID): float(row["value"].value) for row in rows}  # type: ignore[union-attr]
    assert found == {m.actor: pytest.approx(m.betweenness) for m in full.metrics}


def test_attaching_again_replaces_the_analysis() -> None:
    graph = load_graph()
    first = attach_analysis(graph, analyze(graph))
    total = len(graph)
    assert attach_analysis(graph, analyze(graph)) == first
    assert len(graph) == total
    # A different analysis replaces the first, rather than adding to it.
    attach_analysis(graph, analyze(graph, report_only=True))
    runs = query(graph, "SELECT ?run ?p WHERE { ?run a rkg:AnalysisRun ; rkg:parameters ?p }").rows
    assert len(runs) == 1
    assert json.loads(runs[0]["p"].value)["report_only"] is True  # type: ignore[union-attr]


def test_the_graph_with_its_analysis_still_validates(kg2: KnowledgeGraph) -> None:
    report = validate(kg2)
    assert report.conforms, str(report)


# --- report formats -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_actor_with_a_column_per_pillar(full: Analysis) -> None:
    rows = list(csv.DictReader(io.StringIO(full.render("csv"))))
    assert len(rows) == 24
    assert len({r["actor"] for r in rows}) == 24
    assert {"SIAP", "SEHAT", "TERHUBUNG"} <= set(rows[0])
    bpbd = next(r for r in rows if r["actor"] == "bpbd")
    assert float(bpbd["SIAP"]) == pytest.approx(3.7)
    assert bpbd["sector"] == "government"


def test_json_has_every_part(full: Analysis) -> None:
    doc = json.loads(full.render("json"))
    assert {"actors", "connections", "brokers", "communities", "gaps"} <= set(doc)
    assert len(doc["actors"]) == 24
    assert doc["brokers"][0]["actor"] == "french-businesses"
    bpbd_siap = next(c for c in doc["connections"] if c["actor"] == "bpbd" and c["pillar"] == "SIAP")
    assert bpbd_siap["strength"] == pytest.approx(3.7)
    assert "BPBD -> works on -> Early warning system -> under -> Jakarta SIAP" in [
        p["chain"] for p in bpbd_siap["paths"]
    ]
    assert doc["gaps"]["issues"][0]["issue"] == "issue-disaster-safe-infrastructure"


def test_markdown_has_the_sections(full: Analysis, report_view: Analysis) -> None:
    text = full.render("markdown")
    assert "## Who connects to which pillar" in text
    assert "## Gaps" in text
    assert "| BPBD | government |" in text
    assert "> Report-only view" in report_view.render("markdown")


# --- finding a node by the name a person types --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BPBD", "bpbd"), ("bpbd", "bpbd"), ("BpBd", "bpbd"),
        ("pam-jaya", "pam-jaya"), ("PD PAM Jaya", "pam-jaya"),
        ("Dinas Lingkungan Hidup", "dlh"), ("environment agency", "dlh"),
        ("Transportation Agency", "dishub"),
    ],
)  # fmt: skip
def test_find_actor_by_any_name(full: Analysis, name: str, expected: str) -> None:
    assert find_node(full.graph, name) == expected


@pytest.mark.parametrize("name", ["SIAP", "siap", "Jakarta SIAP", "jakarta-siap"])
def test_find_pillar_by_notation_or_label(full: Analysis, name: str) -> None:
    assert find_node(full.graph, name, kind="pillar") == SIAP


def test_an_unknown_name_suggests_the_nearest(full: Analysis) -> None:
    with pytest.raises(NotFound, match="bpbd") as caught:
        find_node(full.graph, "BPDB")
    assert "BPDB" in str(caught.value)
    with pytest.raises(NotFound):
        find_node(full.graph, "SIAP")  # a pillar is not an actor


# --- a new report's proposers and committed parties (issue 20) ----------------------------------------

NEW_REPORT_NODES = {
    "proposer": actor("civil-society", type_="CivilSocietyOrganization"),
    "party": actor("private", type_="PrivateCompany"),
    "solution": node("solution"), "issue": node("issue"),
    "siap": pillar("SIAP"), "sehat": pillar("SEHAT"),
    "session": node("session"), "event": node("event"),
}  # fmt: skip


def with_commitments(g: nx.MultiDiGraph, edges: list[tuple[str, ...]]) -> nx.MultiDiGraph:
    """``g`` with its side graph of commitments, as the projection keeps them (out of the network)."""
    side = build({"commitment": node("commitment")}, edges)
    g.graph[UTTERANCES] = side
    return g


def test_a_proposal_paired_with_no_issue_reaches_its_own_pillar() -> None:
    g = build(NEW_REPORT_NODES, [("solution", "proposedBy", "proposer"), ("solution", "underPillar", "siap")])
    link = link_of(pillar_links(g), "proposer", "siap")
    assert link.basis == {"proposal": 0.6} and link.substantive
    assert link.paths[0].chain(g) == "proposer -> proposed -> solution -> under -> Jakarta SIAP"


def test_a_proposal_with_two_routes_to_one_pillar_counts_once() -> None:
    g = build(NEW_REPORT_NODES, [
        ("solution", "proposedBy", "proposer"), ("solution", "underPillar", "siap", "uncertain"),
        ("solution", "addressesIssue", "issue"), ("issue", "underPillar", "siap"),
    ])  # fmt: skip
    link = link_of(pillar_links(g), "proposer", "siap")
    assert len(link.paths) == 2
    assert link.basis == {"proposal": 0.6}  # the better route (report links: 0.6), not 0.6 + 0.36


def test_a_committed_party_reaches_the_pillar_of_its_commitment_more_strongly_than_a_proposer() -> None:
    g = build(NEW_REPORT_NODES, [
        ("solution", "proposedBy", "proposer"), ("solution", "underPillar", "sehat"),
        ("issue", "underPillar", "sehat"),
    ])  # fmt: skip
    direct = with_commitments(g.copy(), [("commitment", "committedBy", "party"),
                                         ("commitment", "underPillar", "sehat")])
    links = pillar_links(direct)
    party, proposer = link_of(links, "party", "sehat"), link_of(links, "proposer", "sehat")
    assert party.basis == {"commitment": 0.8} and party.substantive
    assert party.strength >= proposer.strength
    assert party.paths[0].chain(direct) == "party -> committed to -> commitment -> under -> Jakarta SEHAT"
    # Through what it concerns: the issue's pillar.
    concerns = with_commitments(g.copy(), [("commitment", "committedBy", "party"),
                                           ("commitment", "commitmentConcerns", "issue")])
    assert link_of(pillar_links(concerns), "party", "sehat").basis == {"commitment": 0.8}
    # Both routes: once.
    both = with_commitments(g.copy(), [("commitment", "committedBy", "party"), ("commitment", "underPillar", "sehat"),
                                       ("commitment", "commitmentConcerns", "issue")])
    assert link_of(pillar_links(both), "party", "sehat").strength == pytest.approx(0.8)


def test_the_weights_rank_mandate_commitment_proposal_presence() -> None:
    weight = {p.name: p.weight for p in PATHS}
    presence = sum(p.cap for p in PATHS if p.name in PRESENCE) / 2  # each presence pattern appears twice at most
    assert weight["mandate"] > weight["commitment"] >= weight["proposal"] > max(weight["session"], weight["event"])
    assert presence <= 0.4


class DraftsFolder:
    """A drafts folder as extract leaves it after review (every row accepted): the report text,
    sources.csv with its checksum, and the rows, each quote at its offsets."""

    TEXT = (
        "Jakarta Utara, 3 Maret 2021 - Rapat Koordinasi Air Bersih dan Banjir Rob dihadiri oleh Yayasan Air Kita "
        "dan PT Pipa Nusantara.\nSesi Air Bersih membahas kebocoran pipa di pesisir.\nSesi Banjir Rob membahas "
        "genangan di kampung nelayan.\nYayasan Air Kita mengusulkan pembangunan sumur resapan di kampung nelayan.\n"
        "PT Pipa Nusantara berkomitmen mengganti pipa bocor pada 2022.\n"
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.elements: list[dict[str, str]] = []
        self.connections: list[dict[str, str]] = []

    def at(self, quote: str) -> dict[str, str]:
        start = self.TEXT.index(quote)
        return {"source": "rapat-air", "quote": quote, "start": str(start), "end": str(start + len(quote))}

    def element(self, id_: str, type_: str, label: str, quote: str = "", **extra: str) -> None:
        row = {"id": id_, "type": type_, "label_id": label, "label_en": label, "basis": "report", "confidence": "0.8",
               "status": "accepted", **(self.at(quote) if quote else {}), **extra}
        self.elements.append(row)

    def link(self, frm: str, to: str, type_: str, quote: str, *, curated: bool = False) -> None:
        # A reviewed pillar link: curated, with a level (an accepted inference from cue words is
        # uncertain until the reviewer says more).
        row = {"from": frm, "to": to, "type": type_, "basis": "curated" if curated else "report",
               "confidence": "uncertain" if curated else "0.6", "status": "accepted", **self.at(quote)}
        if curated:
            row.update(method=f"rule:pillar-cue:{quote.split()[0].lower()}",
                       note="inferred from cue words, not stated by the report; accepted on review")
        self.connections.append(row)

    def write(self) -> Path:
        import hashlib

        def table(rows: list[dict[str, str]]) -> str:
            header = list(dict.fromkeys(k for r in rows for k in r))
            buf = io.StringIO()
            w = csv.DictWriter(buf, header, restval="")
            w.writeheader()
            w.writerows(rows)
            return buf.getvalue()

        (self.folder / "sources").mkdir(parents=True)
        (self.folder / "sources" / "rapat-air.txt").write_text(self.TEXT, encoding="utf-8")
        checksum = "sha256:" + hashlib.sha256(self.TEXT.encode("utf-8")).hexdigest()
        (self.folder / "sources.csv").write_text(table([{
            "id": "rapat-air", "title_id": "Rapat Koordinasi Air Bersih dan Banjir Rob",
            "title_en": "Coordination meeting on clean water and tidal flooding", "date": "2021-03-03",
            "publisher": "", "language": "id", "file": "sources/rapat-air.txt", "url": "", "checksum": checksum}]),
            encoding="utf-8")
        (self.folder / "elements.csv").write_text(table(self.elements), encoding="utf-8")
        (self.folder / "connections.csv").write_text(table(self.connections), encoding="utf-8")
        return self.folder


@pytest.fixture(scope="module")
def new_report(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    d = DraftsFolder(tmp_path_factory.mktemp("drafts"))
    d.element("rapat-air-2021", "Event", "Rapat Koordinasi Air Bersih dan Banjir Rob",
              "Rapat Koordinasi Air Bersih dan Banjir Rob", date="2021-03-03")
    d.element("yayasan-air-kita", "CivilSocietyOrganization", "Yayasan Air Kita", "Yayasan Air Kita")
    d.element("pt-pipa-nusantara", "PrivateCompany", "PT Pipa Nusantara", "PT Pipa Nusantara")
    d.element("session-air-bersih", "Session", "Sesi Air Bersih", "Sesi Air Bersih")
    d.element("session-banjir-rob", "Session", "Sesi Banjir Rob", "Sesi Banjir Rob")
    d.element("issue-kebocoran-pipa", "Issue", "Kebocoran pipa di pesisir", "kebocoran pipa di pesisir")
    d.element("issue-genangan", "Issue", "Genangan di kampung nelayan", "genangan di kampung nelayan")
    d.element("solution-sumur-resapan", "Solution", "Pembangunan sumur resapan",
              "pembangunan sumur resapan di kampung nelayan")
    d.element("commitment-pipa", "Commitment", "Mengganti pipa bocor pada 2022", "mengganti pipa bocor pada 2022")
    attended = "dihadiri oleh Yayasan Air Kita dan PT Pipa Nusantara"
    d.link("yayasan-air-kita", "rapat-air-2021", "participatedIn", attended)
    d.link("pt-pipa-nusantara", "rapat-air-2021", "participatedIn", attended)
    d.link("rapat-air-2021", "session-air-bersih", "hasSession", "Sesi Air Bersih")
    d.link("rapat-air-2021", "session-banjir-rob", "hasSession", "Sesi Banjir Rob")
    d.link("issue-kebocoran-pipa", "session-air-bersih", "raisedIn", "Sesi Air Bersih membahas kebocoran pipa")
    d.link("issue-genangan", "session-banjir-rob", "raisedIn", "Sesi Banjir Rob membahas genangan")
    d.link("solution-sumur-resapan", "yayasan-air-kita", "proposedBy", "Yayasan Air Kita mengusulkan")
    d.link("solution-sumur-resapan", "session-banjir-rob", "presentedIn", "Yayasan Air Kita mengusulkan pembangunan")
    d.link("commitment-pipa", "pt-pipa-nusantara", "committedBy", "PT Pipa Nusantara berkomitmen")
    d.link("commitment-pipa", "issue-kebocoran-pipa", "commitmentConcerns", "mengganti pipa bocor")
    d.link("commitment-pipa", "commitment-status-planned", "commitmentStatus", "berkomitmen mengganti")
    # The drafted pillar links, accepted: curated, each quoting its cue word.
    d.link("session-air-bersih", "jakarta-sehat", "concernsPillar", "Air Bersih membahas", curated=True)
    d.link("session-banjir-rob", "jakarta-siap", "concernsPillar", "Banjir Rob membahas", curated=True)
    d.link("issue-kebocoran-pipa", "jakarta-sehat", "underPillar", "kebocoran pipa", curated=True)
    d.link("issue-genangan", "jakarta-siap", "underPillar", "genangan di", curated=True)
    d.link("solution-sumur-resapan", "jakarta-siap", "underPillar", "sumur resapan", curated=True)
    return load_graph([d.write()])


def test_a_new_report_loads_and_conforms(new_report: KnowledgeGraph) -> None:
    assert validate(new_report).conforms


@pytest.mark.parametrize(("who", "expected", "through"), [
    ("yayasan-air-kita", SIAP, "proposal"),   # proposes a flood measure, paired with no issue
    ("pt-pipa-nusantara", SEHAT, "commitment"),  # commits to mend the leaking pipes (a SEHAT issue)
])  # fmt: skip
def test_a_new_proposer_and_a_new_party_reach_their_pillar_beyond_presence_strongest_there(
    new_report: KnowledgeGraph, who: str, expected: str, through: str
) -> None:
    result = analyze(new_report)
    mine = [lk for lk in result.links if lk.actor == who]
    best = max(mine, key=lambda lk: lk.strength)
    assert best.pillar == expected and best.substantive and through in best.basis
    assert all(lk.strength < best.strength for lk in mine if lk is not best)
    # The other pillar of the meeting is presence only.
    assert all(not lk.substantive for lk in mine if lk is not best)


def test_connections_shows_the_new_partys_path_through_its_commitment(new_report: KnowledgeGraph) -> None:
    from resilience_kg.analysis.connections import connections

    out = connections(new_report, actor="pt-pipa-nusantara", fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    sehat = [r for r in rows if r["pillar"] == "SEHAT"]
    assert any("committed to -> Mengganti pipa bocor pada 2022 -> concerning -> Kebocoran pipa di pesisir -> under"
               in r["path"] for r in sehat), sehat
    assert {r["link"] for r in sehat if "committed" in r["path"]} == {"curated (uncertain)"}


def test_the_timeline_counts_a_proposal_paired_with_no_issue(new_report: KnowledgeGraph) -> None:
    from resilience_kg.analysis.projection import project
    from resilience_kg.analysis.timeline import event_activity

    g = project(new_report)
    _roles, touched = event_activity(g)[("yayasan-air-kita", "rapat-air-2021")]
    assert touched == {"jakarta-siap": {"proposal"}}


def test_the_actor_pillars_query_follows_the_same_new_paths(new_report: KnowledgeGraph) -> None:
    rows = query(new_report, get_query("actor-pillars").text).rows
    found = {(r["actor"].value.rsplit("/", 1)[-1], r["pillar"].value, r["via"].value, r["path"].value)
             for r in rows if r["via"].value in ("proposal", "commitment")}
    assert ("yayasan-air-kita", "SIAP", "proposal", "^proposedBy > underPillar") in found
    assert ("pt-pipa-nusantara", "SEHAT", "commitment", "^committedBy > commitmentConcerns > underPillar") in found
