"""The bundled named queries are the graph's competency questions: their answers are checked
against what the report says (counts and members), not just that rows come back."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.data import data_dir
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import display, query

REPORT = data_dir().joinpath("sources/jakarta-2019-11-28-joint-workshop.txt").read_text(encoding="utf-8")


def run(kg: KnowledgeGraph, name: str) -> list[dict[str, str]]:
    return [{k: display(t) for k, t in row.items()} for row in query(kg, get_query(name).text).rows]


def test_participants_are_the_23_organisations_the_report_lists_by_sector(kg: KnowledgeGraph) -> None:
    rows = run(kg, "participants")
    assert len(rows) == 23
    assert Counter(r["sector"] for r in rows) == {
        "government": 11,  # the Secretariat, the province and its nine listed units
        "regional-enterprise": 2,
        "private": 3,  # Buro Happold, Ruang Waktu, the French businesses
        "civil-society": 5,
        "academia": 1,
        "diplomatic": 1,
    }
    names = {r["label_id"] for r in rows}
    for name in ("BPBD", "Bappeda", "TGUPP", "PD PAM Jaya", "PMI", "YKRI", "ITDP", "UI", "Kedutaan Besar Perancis"):
        assert name in names
    # The bureau that sent the invitation is an actor, but the report does not say it attended.
    assert "id:biro-kdh-kln" not in {r["actor"] for r in rows}


def test_actors_carry_sector_acronym_and_parent(kg: KnowledgeGraph) -> None:
    rows = {r["actor"]: r for r in run(kg, "actors")}
    assert len(rows) == 25
    assert rows["id:bpbd"]["sector"] == "government"
    assert rows["id:bpbd"]["parent"] == "id:pemprov-dki-jakarta"
    assert rows["id:biro-kdh-kln"]["parent"] == "id:setda-dki-jakarta"
    assert rows["id:pam-jaya"]["sector"] == "regional-enterprise"
    assert rows["id:dlh"]["acronym"] == "DLH"
    assert rows["id:dlh"]["label_id"] == "Dinas Lingkungan Hidup"
    assert all(r["label_id"] and r["label_en"] for r in rows.values())


def test_unknown_and_uncertain_expansions_stay_so(kg: KnowledgeGraph) -> None:
    def expansion(slug: str) -> tuple[list[str], list[str]]:
        node = ox.NamedNode(v.mint(slug))
        expansions = kg.store.quads_for_pattern(node, ox.NamedNode(v.RKG + "expansion"), None, None)
        texts = [q.object.value for q in expansions]
        confs = [
            q.object.value
            for q in kg.store.quads_for_pattern(node, ox.NamedNode(v.RKG + "expansionConfidence"), None, None)
        ]
        return texts, confs

    assert expansion("ykri") == ([], [v.mint("confidence-unknown")])
    assert expansion("biro-pklh") == (["Biro Penataan Kota dan Lingkungan Hidup"], [v.mint("confidence-uncertain")])
    assert expansion("bpbd") == (["Badan Penanggulangan Bencana Daerah"], [v.mint("confidence-well-attested")])
    # Expansions the report does not give are curated, never in the report graph.
    report_expansions = list(
        kg.store.quads_for_pattern(None, ox.NamedNode(v.RKG + "expansion"), None, ox.NamedNode(v.REPORT_GRAPH))
    )
    assert report_expansions == []


def test_pillar_issues_match_the_three_sessions(kg: KnowledgeGraph) -> None:
    rows = run(kg, "pillar-issues")
    assert Counter(r["pillar"] for r in rows) == {"SEHAT": 3, "TERHUBUNG": 3, "SIAP": 4}
    by_issue = {r["issue"]: r for r in rows}
    waste = by_issue["id:issue-waste-management"]
    assert (waste["min_value"], waste["unit"]) == ("7000", "ton per hari")
    water = by_issue["id:issue-clean-water"]
    assert (water["value"], water["unit"]) == ("97", "persen")
    assert by_issue["id:issue-early-warning-system"]["session"] == "id:session-preparedness"


def test_solutions_are_the_nine_french_proposals_each_addressing_an_issue(kg: KnowledgeGraph) -> None:
    rows = run(kg, "solutions")
    solutions = {r["solution"] for r in rows}
    assert len(solutions) == 9
    assert {r["proposed_by"] for r in rows} == {"id:french-businesses"}
    assert all(r["issue"] for r in rows)
    # The report pairs no solution with an issue: every pairing is the curators'.
    assert {r["curated"] for r in rows} == {"true"}
    pillars = Counter(r["pillar"] for r in rows if r["solution"] == "id:solution-smart-water-infrastructure")
    assert pillars == {"SEHAT": 2}


def test_the_letter_of_intent_is_planned_between_the_province_and_the_embassy(kg: KnowledgeGraph) -> None:
    rows = run(kg, "agreements")
    assert {r["party"] for r in rows} == {"id:pemprov-dki-jakarta", "id:french-embassy"}
    assert {r["status"] for r in rows} == {"planned"}
    assert {r["follows_up"] for r in rows} == {"id:joint-workshop-2019"}


def test_actor_pillars_separate_mandates_from_mere_presence(kg: KnowledgeGraph) -> None:
    rows = run(kg, "actor-pillars")
    mandates = {(r["actor"], r["pillar"]) for r in rows if r["via"] == "mandate"}
    assert ("id:bpbd", "SIAP") in mandates
    assert ("id:dishub", "TERHUBUNG") in mandates
    assert ("id:pam-jaya", "SEHAT") in mandates
    assert ("id:bpbd", "TERHUBUNG") not in mandates
    assert all(r["curated"] == "true" for r in rows if r["via"] == "mandate")
    # Every participant reaches every pillar through the sessions, on report facts alone.
    sessions = {(r["actor"], r["pillar"]) for r in rows if r["via"] == "session" and r["curated"] == "false"}
    assert len(sessions) == 23 * 3
    proposals = {(r["actor"], r["pillar"]) for r in rows if r["via"] == "proposal"}
    assert {a for a, _ in proposals} == {"id:french-businesses"}


def test_curated_statements_all_have_basis_and_confidence(kg: KnowledgeGraph) -> None:
    rows = run(kg, "curated")
    assert len(rows) >= 40
    assert all(r["basis"] and r["confidence"] for r in rows)
    assert all(r["recorded_in"].startswith("bundled:") for r in rows)
    works_on = [r for r in rows if r["predicate"] == "rkg:worksOn"]
    assert ("id:bpbd", "id:issue-early-warning-system") in {(r["subject"], r["object"]) for r in works_on}


def test_every_asserted_triple_has_an_exact_quote(kg: KnowledgeGraph) -> None:
    rows = query(kg, get_query("evidence").text).rows
    assert rows
    for row in rows:
        quote = row["quote"]
        assert quote is not None, f"no evidence for {row['subject']} {row['predicate']} {row['object']}"
        assert quote.value in REPORT
    evidenced = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    report_triples = {
        (q.subject, q.predicate, q.object)
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(v.REPORT_GRAPH))
    }
    assert report_triples == evidenced
