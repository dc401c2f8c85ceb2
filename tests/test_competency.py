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


def test_participants_are_the_22_organisations_the_report_lists_by_sector(kg: KnowledgeGraph) -> None:
    rows = run(kg, "participants")
    assert len(rows) == 22
    assert Counter(r["sector"] for r in rows) == {
        # the Secretariat, the province and eight listed units; the deputy governor in the list
        # is a post of the province (org:Post), not an organisation
        "government": 10,
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
    assert len(rows) == 24
    assert "id:deputi-daldukim" not in rows
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
    # Expansions the report does not give are curated, never in the report graph; the five it
    # gives itself ("Dinas Lingkungan Hidup [DLH]") are stated, with the quote.
    report_expansions = {
        (q.subject.value, q.object.value)
        for q in kg.store.quads_for_pattern(None, ox.NamedNode(v.RKG + "expansion"), None, ox.NamedNode(v.REPORT_GRAPH))
    }
    assert report_expansions == {
        (v.mint("deputy-governor-daldukim"), "Deputi Gubernur Bidang Pengendalian Penduduk dan Permukiman"),
        (v.mint("dlh"), "Dinas Lingkungan Hidup"),
        (v.mint("dishub"), "Dinas Perhubungan"),
        (v.mint("dsda"), "Dinas Sumber Daya Air"),
        (v.mint("dpe"), "Dinas Perindustrian dan Energi"),
    }
    for slug, text in report_expansions:
        assert f"{text} [" in REPORT
        assert expansion(slug[len(v.ID) :])[1] == [v.mint("confidence-stated")]


def test_pam_jaya_acronym_agrees_with_its_expansion(kg: KnowledgeGraph) -> None:
    rows = {r["actor"]: r for r in run(kg, "actors")}
    assert rows["id:pam-jaya"]["acronym"] == "PD PAM Jaya"
    assert "PD PAM Jaya" in REPORT


def test_pillar_issues_match_the_three_sessions(kg: KnowledgeGraph) -> None:
    rows = run(kg, "pillar-issues")
    assert Counter(r["pillar"] for r in rows) == {"SEHAT": 3, "TERHUBUNG": 3, "SIAP": 4}
    by_issue = {r["issue"]: r for r in rows}
    waste = by_issue["id:issue-waste-management"]
    # "lebih dari 7000": more than 7000, a strict bound (minValue would include 7000).
    assert (waste["min_value"], waste["more_than"], waste["unit"]) == ("", "7000", "ton per hari")
    water = by_issue["id:issue-clean-water"]
    assert (water["value"], water["unit"]) == ("97", "persen")
    assert by_issue["id:issue-early-warning-system"]["session"] == "id:session-preparedness"


def test_solutions_are_the_nine_french_proposals_three_left_unpaired(kg: KnowledgeGraph) -> None:
    rows = run(kg, "solutions")
    solutions = {r["solution"] for r in rows}
    assert len(solutions) == 9
    assert {r["proposed_by"] for r in rows} == {"id:french-businesses"}
    # No issue fits these three: unpaired is a finding, not a gap to fill with a guess.
    unpaired = {r["solution"] for r in rows if not r["issue"]}
    assert unpaired == {
        "id:solution-sustainable-environment",
        "id:solution-rescue-helicopters",
        "id:solution-disaster-insurance",
    }
    rows = [r for r in rows if r["issue"]]
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
    # Every participant reaches every pillar through the workshop, whose main topic the report
    # states is the three pillars: on report facts alone.
    events = {(r["actor"], r["pillar"]) for r in rows if r["via"] == "event" and r["curated"] == "false"}
    assert len(events) == 22 * 3
    proposals = {(r["actor"], r["pillar"]) for r in rows if r["via"] == "proposal"}
    assert {a for a, _ in proposals} == {"id:french-businesses"}


def test_curated_statements_all_have_basis_and_confidence(kg: KnowledgeGraph) -> None:
    rows = run(kg, "curated")
    assert len(rows) >= 40
    assert all(r["basis"] and r["confidence"] for r in rows)
    assert all(r["recorded_in"].startswith("bundled:") for r in rows)
    works_on = [r for r in rows if r["predicate"] == "rkg:worksOn"]
    assert ("id:bpbd", "id:issue-early-warning-system") in {(r["subject"], r["object"]) for r in works_on}


def test_every_asserted_triple_has_an_exact_quote_at_its_offsets(kg: KnowledgeGraph) -> None:
    rows = query(kg, get_query("evidence").text).rows
    assert rows
    for row in rows:
        quote = row["quote"]
        assert quote is not None, f"no evidence for {row['subject']} {row['predicate']} {row['object']}"
        assert REPORT[int(row["start"].value) : int(row["end"].value)] == quote.value
        assert row["source"].value == v.mint("source/jakarta-2019-11-28")
    evidenced = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    report_triples = {
        (q.subject, q.predicate, q.object)
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(v.REPORT_GRAPH))
    }
    assert report_triples == evidenced


# ---------------------------------------------------------------- report versus curated, per link

# Links the report does not state: the pillar of each session and issue is inferred from the
# session's theme, so it is curated; the workshop's own three pillars are stated.
CURATED_PREDICATES = {"concernsPillar", "underPillar", "addressesIssue", "worksOn"}


def graph_of(kg: KnowledgeGraph, s: str, p: str, o: str) -> set[str]:
    found = kg.store.quads_for_pattern(ox.NamedNode(v.mint(s)), ox.NamedNode(v.RKG + p), ox.NamedNode(v.mint(o)), None)
    return {q.graph_name.value.rsplit("/", 1)[-1] for q in found}


def test_session_and_issue_pillars_are_curated_the_workshop_pillars_reported(kg: KnowledgeGraph) -> None:
    for session, pillar in (
        ("session-waste", "jakarta-sehat"),
        ("session-connectivity", "jakarta-terhubung"),
        ("session-preparedness", "jakarta-siap"),
    ):
        assert graph_of(kg, session, "concernsPillar", pillar) == {"curated"}
        assert graph_of(kg, "joint-workshop-2019", "concernsPillar", pillar) == {"report"}
    under = list(kg.store.quads_for_pattern(None, ox.NamedNode(v.RKG + "underPillar"), None, None))
    assert len(under) == 10
    assert {q.graph_name.value for q in under} == {v.CURATED_GRAPH}
    rows = {(r["subject"], r["predicate"], r["object"]): r for r in run(kg, "curated")}
    basis = rows[("id:issue-wastewater", "rkg:underPillar", "id:jakarta-sehat")]
    assert basis["confidence"] == "well-attested" and "inferred from the session's theme" in basis["basis"]


def test_each_predicate_sits_in_the_graph_its_basis_says(kg: KnowledgeGraph) -> None:
    report = {
        v.shorten(q.predicate.value) for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(v.REPORT_GRAPH))
    }
    curated = {
        v.shorten(q.predicate.value)
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(v.CURATED_GRAPH))
    }
    assert {"rkg:addressesIssue", "rkg:worksOn", "rkg:underPillar"} <= curated
    assert not {"rkg:addressesIssue", "rkg:worksOn", "rkg:underPillar"} & report
    # concernsPillar is in both: the workshop's pillars stated, the sessions' inferred.
    assert "rkg:concernsPillar" in report and "rkg:concernsPillar" in curated


def test_overreaching_curated_rows_are_fixed(kg: KnowledgeGraph) -> None:
    assert graph_of(kg, "solution-rescue-helicopters", "addressesIssue", "issue-disaster-safe-infrastructure") == set()
    assert graph_of(kg, "solution-disaster-insurance", "addressesIssue", "issue-disaster-risk-mapping") == set()
    assert graph_of(kg, "solution-sustainable-environment", "addressesIssue", "issue-wastewater") == set()
    assert graph_of(kg, "dpe", "worksOn", "issue-waste-management") == set()
    conf = {(r["subject"], r["object"]): r["confidence"] for r in run(kg, "curated") if r["predicate"] == "rkg:worksOn"}
    assert conf[("id:itdp", "id:issue-intermodal-integration")] == "uncertain"
    assert conf[("id:itdp", "id:issue-public-transport-infrastructure")] == "uncertain"
    assert conf[("id:dlh", "id:issue-wastewater")] == "uncertain"


def test_the_deputy_governor_is_one_post_in_the_province(kg: KnowledgeGraph) -> None:
    # W3C ORG: a post in an organisation, held by a person; not a unit beside the post.
    node = ox.NamedNode(v.mint("deputy-governor-daldukim"))
    found = kg.store.quads_for_pattern(node, ox.NamedNode(v.ORG + "postIn"), None, None)
    assert {(q.object.value, q.graph_name.value) for q in found} == {(v.mint("pemprov-dki-jakarta"), v.REPORT_GRAPH)}
    assert not list(kg.store.quads_for_pattern(ox.NamedNode(v.mint("deputi-daldukim")), None, None, None))
    # Both names the report gives the post are on the one node.
    names = {q.object.value for q in kg.store.quads_for_pattern(node, ox.NamedNode(v.RKG + "nameInSource"), None, None)}
    assert names == {"Deputi Gubernur Pemprov DKI Jakarta Bidang Pengendalian Penduduk dan Permukiman"}
    alt = {q.object.value for q in kg.store.quads_for_pattern(node, ox.NamedNode(v.SKOS + "altLabel"), None, None)}
    assert alt == {"Deputi Daldukim"}
    # It opened the workshop and said three things there.
    opened = kg.store.quads_for_pattern(ox.NamedNode(v.mint("joint-workshop-2019")), ox.NamedNode(v.RKG + "openedBy"),
                                        node, None)
    assert len(list(opened)) == 1


def test_the_strict_bound_is_modelled_exactly(kg: KnowledgeGraph) -> None:
    fig = ox.NamedNode(v.mint("figure-daily-waste"))
    assert [
        q.object.value for q in kg.store.quads_for_pattern(fig, ox.NamedNode(v.RKG + "minExclusive"), None, None)
    ] == ["7000"]
    assert list(kg.store.quads_for_pattern(fig, ox.NamedNode(v.SCHEMA + "minValue"), None, None)) == []
    assert "lebih dari 7000" in REPORT


def test_session_labels_use_the_reports_words(kg: KnowledgeGraph) -> None:
    labels = [
        q.object.value
        for q in kg.store.quads_for_pattern(
            ox.NamedNode(v.mint("session-preparedness")), ox.NamedNode(v.SKOS + "prefLabel"), None, None
        )
        if q.object.language == "id"
    ]
    assert labels == ["Sesi selanjutnya (kesiapsiagaan dan keselamatan)"]
    assert "sesi selanjutnya" in REPORT


# ---------------------------------------------------------------- one span per quote


def test_every_quote_in_the_bundled_data_identifies_exactly_one_span(kg: KnowledgeGraph) -> None:
    rows = kg.store.query(
        """SELECT ?q ?exact ?prefix ?suffix ?start ?end WHERE {
           GRAPH <https://w3id.org/resilience-kg/graph/provenance> {
             ?q a oa:TextQuoteSelector , oa:TextPositionSelector ; oa:exact ?exact ; oa:prefix ?prefix ;
                oa:suffix ?suffix ; oa:start ?start ; oa:end ?end } }""",
        prefixes=v.PREFIXES,
    )
    seen = 0
    for r in rows:  # type: ignore[union-attr]
        exact, prefix, suffix = r["exact"].value, r["prefix"].value, r["suffix"].value
        start, end = int(r["start"].value), int(r["end"].value)
        assert REPORT[start:end] == exact
        # The quote selector alone (prefix + exact + suffix) matches once, at the same place.
        whole = prefix + exact + suffix
        assert REPORT.count(whole) == 1 and REPORT.index(whole) + len(prefix) == start, exact
        seen += 1
    assert seen > 50


def test_the_three_proposals_phrases_point_at_their_own_sessions(kg: KnowledgeGraph) -> None:
    phrase = "Solusi yang dihadirkan oleh pelaku bisnis dari Perancis lebih berfokus pada"
    where = {}
    for row in run(kg, "evidence"):
        if row["predicate"] == "rkg:proposedBy":
            where.setdefault(row["quote"], set()).add((row["subject"], int(row["start"])))
    starts = sorted({start for _, start in where[phrase]})
    assert starts == [i for i in range(len(REPORT)) if REPORT.startswith(phrase, i)]
    by_start = {start: {s for s, a in where[phrase] if a == start} for start in starts}
    assert "id:solution-waste-to-energy" in by_start[starts[0]]
    assert "id:solution-rail-infrastructure" in by_start[starts[1]]
    assert "id:solution-disaster-insurance" in by_start[starts[2]]


def test_has_session_quotes_name_each_session(kg: KnowledgeGraph) -> None:
    quotes = {r["object"]: r["quote"] for r in run(kg, "evidence") if r["predicate"] == "rkg:hasSession"}
    assert "sesi limbah" in quotes["id:session-waste"]
    assert "sesi keterhubungan" in quotes["id:session-connectivity"]
    assert "sesi selanjutnya" in quotes["id:session-preparedness"]


# ---------------------------------------------------------------- statements and commitments


def test_statements_per_speaker_in_the_reports_order(kg: KnowledgeGraph) -> None:
    rows = run(kg, "statements")
    per_speaker = Counter(r["speaker"] for r in rows)
    assert per_speaker == {
        "id:ambassador-of-france": 4,
        "id:deputy-governor-daldukim": 3,
        "id:sekretariat-jakarta-berketahanan": 2,
    }
    assert [int(r["position"]) for r in rows] == list(range(1, 10))
    # The ambassador speaks first, then the deputy governor, then the Secretariat's own view.
    assert [r["speaker"] for r in rows][:5] == ["id:ambassador-of-france"] * 4 + ["id:deputy-governor-daldukim"]
    positions = []
    for r in rows:
        assert r["quote"] in REPORT
        positions.append(REPORT.index(r["quote"]))
    assert positions == sorted(positions)
    spoken = {r["event"] for r in rows if r["relation"] == "said at"}
    assert spoken == {"id:joint-workshop-2019"}
    # The report author's own view (the Secretariat wrote it) is about the workshop, never said
    # at it: every such remark alike.
    own = [r for r in rows if r["speaker"] == "id:sekretariat-jakarta-berketahanan"]
    assert {(r["relation"], r["event"]) for r in own} == {("about", "id:joint-workshop-2019")}
    assert {r["relation"] for r in rows if r["speaker"] != "id:sekretariat-jakarta-berketahanan"} == {"said at"}


def test_commitments_name_party_subject_and_status(kg: KnowledgeGraph) -> None:
    rows = run(kg, "commitments")
    loi = {(r["committed_by"], r["concerns"], r["status"]) for r in rows if r["commitment"] == "id:commitment-loi"}
    assert loi == {
        ("id:pemprov-dki-jakarta", "id:loi-jakarta-france", "planned"),
        ("id:french-embassy", "id:loi-jakarta-france", "planned"),
    }
    support = {
        (r["committed_by"], r["concerns"], r["status"])
        for r in rows
        if r["commitment"] == "id:commitment-secretariat-support"
    }
    assert support == {
        ("id:sekretariat-jakarta-berketahanan", "id:loi-jakarta-france", "offered"),
        ("id:sekretariat-jakarta-berketahanan", "id:jakarta-resilience-strategy", "offered"),
    }
    assert all("akan menyepakati" in r["quote"] for r in rows if r["commitment"] == "id:commitment-loi")
    assert all("bersedia mendukung" in r["quote"] for r in rows if r["commitment"] != "id:commitment-loi")


def test_actor_sources_lists_the_report_and_the_workshop(kg: KnowledgeGraph) -> None:
    rows = run(kg, "actor-sources")
    bpbd = {(r["source"], r["event"]) for r in rows if r["actor"] == "id:bpbd"}
    assert bpbd == {("source:jakarta-2019-11-28", "id:joint-workshop-2019")}
    # The bureau that invited is named by the report, though at no event.
    assert {r["event"] for r in rows if r["actor"] == "id:biro-kdh-kln"} == {""}
