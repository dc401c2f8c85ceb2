"""Many reports, one graph (issue 12): a second, hand-written report folder (tests/data/second-report:
its text, sources.csv with a checksum, and reviewed rows) loaded with --data beside the bundled data.

What build loads: accepted (or empty status) rows; drafts only with include_drafts, into the draft
graph; rejected rows never. An actor seen in two sources is one node with evidence from each; a row
with same_as adds its evidence to the node it resolves to."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import write

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import DataError
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.validate import validate
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import display, query

SECOND = Path(__file__).parent / "data" / "second-report"
FGD = v.mint("source/bpbd-fgd-2020")
JAKARTA = v.mint("source/jakarta-2019-11-28")


@pytest.fixture(scope="module")
def both() -> KnowledgeGraph:
    return load_graph([SECOND])


@pytest.fixture(scope="module")
def with_drafts() -> KnowledgeGraph:
    return load_graph([SECOND], include_drafts=True)


def node(slug: str) -> ox.NamedNode:
    return ox.NamedNode(v.mint(slug))


def triples(kg: KnowledgeGraph, s: str | None, p: str, o: ox.NamedNode | None = None, graph: str | None = None) -> list:
    return list(
        kg.store.quads_for_pattern(node(s) if s else None, ox.NamedNode(p), o, ox.NamedNode(graph) if graph else None)
    )


def run(kg: KnowledgeGraph, name: str) -> list[dict[str, str]]:
    return [{k: display(t) for k, t in row.items()} for row in query(kg, get_query(name).text).rows]


def test_second_report_loads_beside_the_bundled_data_and_conforms(both: KnowledgeGraph) -> None:
    assert validate(both).conforms
    assert {JAKARTA, FGD} <= set(both.source_texts)


def test_an_actor_in_two_reports_is_one_node_with_evidence_from_each(both: KnowledgeGraph) -> None:
    labels = triples(both, "bpbd", v.SKOS + "prefLabel")
    assert sorted((q.object.value, q.object.language) for q in labels) == [
        ("BPBD", "id"),
        ("Regional Disaster Management Agency", "en"),
    ]
    events = {q.object.value for q in triples(both, "bpbd", v.RKG + "participatedIn")}
    assert events == {v.mint("joint-workshop-2019"), v.mint("fgd-banjir-2020")}
    # The statement "bpbd is a GovernmentAgency" is derived from both reports.
    rows = query(
        both,
        """SELECT ?src WHERE { GRAPH ?g { ?st rdf:subject id:bpbd ; rdf:predicate rdf:type ;
             rdf:object rkg:GovernmentAgency ; prov:wasDerivedFrom ?src } }"""
    ).rows
    assert {r["src"].value for r in rows} == {JAKARTA, FGD}


def test_same_as_adds_evidence_to_the_node_it_resolves_to(both: KnowledgeGraph) -> None:
    assert triples(both, "badan-penanggulangan-bencana-daerah", v.RDF + "type") == []
    names = {q.object.value for q in triples(both, "bpbd", v.RKG + "nameInSource")}
    # The English label is a translation (its quote does not contain it), not a name the source
    # writes: only the Indonesian name is recorded as the source's.
    assert names == {"Badan Penanggulangan Bencana Daerah"}
    # The alias's connection is redirected to bpbd.
    fgd = node("fgd-banjir-2020")
    assert triples(both, "bpbd", v.RKG + "participatedIn", fgd, v.REPORT_GRAPH)


def test_rejected_rows_are_never_loaded(both: KnowledgeGraph, with_drafts: KnowledgeGraph) -> None:
    for kg in (both, with_drafts):
        assert triples(kg, "balai-kota", v.RDF + "type") == []
        assert triples(kg, None, v.RKG + "mentionedIn") == []


def test_drafts_load_only_when_asked_and_into_the_draft_graph(
    both: KnowledgeGraph, with_drafts: KnowledgeGraph
) -> None:
    assert v.DRAFT_GRAPH not in both.graph_names()
    assert triples(both, "ui", v.RKG + "participatedIn", node("fgd-banjir-2020")) == []
    found = triples(with_drafts, "ui", v.RKG + "participatedIn", node("fgd-banjir-2020"))
    assert {q.graph_name.value for q in found} == {v.DRAFT_GRAPH}  # resolved through same_as ui, still draft
    assert validate(with_drafts).conforms


def test_extraction_method_and_score_are_kept_on_the_statement(both: KnowledgeGraph) -> None:
    rows = query(
        both,
        """SELECT ?method ?score WHERE { GRAPH ?g { ?st rdf:subject id:undp-indonesia ; rdf:predicate rdf:type ;
             rdf:object rkg:InternationalOrganization ; rkg:method ?method ; rkg:score ?score } }"""
    ).rows
    assert [(r["method"].value, r["score"].value) for r in rows] == [("rule:org-name", "0.85")]


def test_international_organisation_has_its_sector(both: KnowledgeGraph) -> None:
    rows = {r["actor"]: r for r in run(both, "actors")}
    assert rows["id:undp-indonesia"]["sector"] == "international"


def test_actor_sources_lists_each_report_and_its_events(both: KnowledgeGraph) -> None:
    rows = run(both, "actor-sources")
    bpbd = {(r["source"], r["event"]) for r in rows if r["actor"] == "id:bpbd"}
    assert bpbd == {
        ("source:jakarta-2019-11-28", "id:joint-workshop-2019"),
        ("source:bpbd-fgd-2020", "id:fgd-banjir-2020"),
    }
    assert {r["source"] for r in rows if r["actor"] == "id:undp-indonesia"} == {"source:bpbd-fgd-2020"}


def test_evidence_names_the_source_and_offsets_of_each_report(both: KnowledgeGraph) -> None:
    text = both.source_texts[FGD]
    rows = [r for r in query(both, get_query("evidence").text).rows if r["source"] and r["source"].value == FGD]
    assert rows
    for r in rows:
        assert text[int(r["start"].value) : int(r["end"].value)] == r["quote"].value
    pmi = [
        r
        for r in rows
        if r["subject"].value == v.mint("pmi")
        and r["predicate"].value == v.RDF + "type"
        and r["object"].value == v.RKG + "CivilSocietyOrganization"
    ]
    assert [(int(r["start"].value), int(r["end"].value)) for r in pmi] == [(200, 203)]  # occurrence 1 of 2


def test_cli_build_include_drafts(tmp_path: Path, runner) -> None:
    plain = runner.invoke(main, ["build", "--data", str(SECOND), "--out", str(tmp_path / "a")])
    assert plain.exit_code == 0, plain.output
    assert "graph/draft" not in (tmp_path / "a" / "graph.trig").read_text(encoding="utf-8")
    drafts = runner.invoke(main, ["build", "--include-drafts", "--data", str(SECOND), "--out", str(tmp_path / "b")])
    assert drafts.exit_code == 0, drafts.output
    assert "graph/draft" in (tmp_path / "b" / "graph.trig").read_text(encoding="utf-8")


# ---------------------------------------------------------------- what the loader refuses


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "second"
    shutil.copytree(SECOND, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_checksum(folder: Path) -> None:
    sources = folder / "sources.csv"
    sources.write_text(re.sub(r"sha256:[0-9a-f]{64}", "", sources.read_text(encoding="utf-8")), encoding="utf-8")


def error(*paths: Path, **options: bool) -> DataError:
    with pytest.raises(DataError) as info:
        load_graph(list(paths), **options)
    return info.value


def test_same_id_with_a_different_label_names_both_rows(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "bpbd,GovernmentAgency,BPBD,", "bpbd,GovernmentAgency,BPBD DKI,")
    exc = error(folder)
    assert exc.location == f"{folder / 'elements.csv'}:3"
    assert "label_id 'BPBD DKI' here but 'BPBD' at bundled:elements.csv:" in str(exc)


def test_same_id_twice_in_one_source_is_a_duplicate(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "pmi,CivilSocietyOrganization", "undp-indonesia,InternationalOrganization")
    exc = error(folder)
    assert "duplicate id 'undp-indonesia'" in str(exc)


def test_quote_at_wrong_offsets_names_the_row_and_where_it_is(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "UNDP Indonesia,205,219", "UNDP Indonesia,206,220")
    exc = error(folder)
    assert exc.location == f"{folder / 'elements.csv'}:6"
    assert "not at characters 206:220" in str(exc) and "205:219" in str(exc)


def test_repeated_quote_without_occurrence_is_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "PMI,,,1,", "PMI,,,,")
    exc = error(folder)
    assert exc.location == f"{folder / 'elements.csv'}:5"
    assert "occurs 2 times" in str(exc) and "occurrence (1 to 2)" in str(exc)


def test_occurrence_out_of_range_is_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "PMI,,,1,", "PMI,,,3,")
    assert "occurrence '3' must be a number from 1 to 2" in str(error(folder))


def test_an_edited_source_names_every_row_whose_quote_moved(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    drop_checksum(folder)
    edit(folder / "sources" / "bpbd-fgd-2020.txt", "Pada hari Rabu", "Pada Rabu")  # every offset shifts by 5
    exc = error(folder)
    message = str(exc)
    assert exc.location == f"{folder / 'elements.csv'}:2"
    for line in (3, 6):
        assert f"{folder / 'elements.csv'}:{line}:" in message
    assert f"{folder / 'connections.csv'}:5:" in message


def test_an_edited_source_fails_its_checksum(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "sources" / "bpbd-fgd-2020.txt", "Pada hari Rabu", "Pada Rabu")
    exc = error(folder)
    assert exc.location == f"{folder / 'sources.csv'}:2"
    assert "does not match its checksum" in str(exc)


def test_validate_names_every_accepted_row_whose_quote_moved(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    drop_checksum(folder)
    edit(folder / "sources" / "bpbd-fgd-2020.txt", "Pada hari Rabu", "Pada Rabu")
    report = validate(load_graph([folder], strict_quotes=False))
    assert not report.conforms
    moved = {p.location for p in report.problems if p.label == "quote"}
    assert moved == {f"{folder / 'elements.csv'}:{n}" for n in (2, 3, 6)} | {f"{folder / 'connections.csv'}:5"}
    # The draft row's quote moved too, but drafts are not loaded, so it is not named.
    assert f"{folder / 'connections.csv'}:6" not in moved


def test_cli_validate_names_the_moved_quote_and_exits_1(tmp_path: Path, runner) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "UNDP Indonesia,205,219", "UNDP Indonesia,206,220")
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert f"{folder / 'elements.csv'}:6: quote [source:bpbd-fgd-2020] oa:exact: the quote is not at characters" in (
        result.output
    )


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (
            ",accepted,rule:org-name",
            ",approved,rule:org-name",
            "status 'approved' must be one of draft, accepted, rejected",
        ),
        ("report,0.85,", "report,1.5,", "or a number from 0 to 1"),
        ("bpbd,97,", "bpbd,970,", "match_score '970' must be a number from 0 to 100"),
    ],
)
def test_bad_review_columns(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", old, new)
    assert fragment in str(error(folder))


def test_connection_to_a_draft_element_says_so(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "connections.csv", ",0.7,bpbd-fgd-2020,", ",0.7,bpbd-fgd-2020,")
    write(
        folder / "extra.csv",
        "from,to,type,basis,source,quote,occurrence\n"
        "universitas-indonesia,fgd-banjir-2020,mentionedIn,report,bpbd-fgd-2020,Universitas Indonesia,\n",
    )
    exc = error(folder)
    assert "is the id of a draft element, which is not loaded (build with --include-drafts" in str(exc)


def test_report_page_marks_only_the_quoted_occurrence(tmp_path: Path) -> None:
    from resilience_kg.views.report import write_report

    folder = tmp_path / "twice"
    write(folder / "t.txt", "Solusi yang dihadirkan: sampah. Solusi yang dihadirkan: banjir.\n")
    write(folder / "sources.csv", "id,title_id,title_en,file\ntwice,Dua kali,Twice,t.txt\n")
    write(folder / "elements.csv", "id,type,label_id,label_en,basis,source,quote,occurrence\n"
          "t1,Theme,Banjir,Floods,report,twice,Solusi yang dihadirkan,2\n")
    html = write_report(load_graph([folder], bundled=False), tmp_path / "out")[0].read_text(encoding="utf-8")
    assert "Solusi yang dihadirkan: sampah. <mark>Solusi yang dihadirkan</mark>: banjir." in html
    assert "characters 32-54" in html


def test_the_same_alias_in_two_reports_resolves_alike(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    third = tmp_path / "third"
    write(third / "t.txt", "Rapat dihadiri Badan Penanggulangan Bencana Daerah.\n")
    write(third / "sources.csv", "id,title_id,title_en,file\nrapat,Rapat,Meeting,t.txt\n")
    write(third / "elements.csv", "id,type,label_id,label_en,basis,source,quote,same_as\n"
          "badan-penanggulangan-bencana-daerah,GovernmentAgency,Badan Penanggulangan Bencana Daerah,"
          "Regional Disaster Management Agency,report,rapat,Badan Penanggulangan Bencana Daerah,bpbd\n")
    kg = load_graph([folder, third])
    rows = query(kg, "SELECT ?src WHERE { GRAPH ?g { ?st rdf:subject id:bpbd ; rdf:predicate rkg:nameInSource ; "
                    "prov:wasDerivedFrom ?src } }").rows
    assert {r["src"].value for r in rows} == {FGD, v.mint("source/rapat")}
    # Resolving the same alias to another node is refused.
    edit(third / "elements.csv", ",bpbd\n", ",pmi\n")
    assert "duplicate id 'badan-penanggulangan-bencana-daerah'" in str(error(folder, third))


def test_malformed_candidates_are_refused(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "elements.csv", "ui:92|ugm:40", "ui 92")
    assert "candidates 'ui 92' must read id1:score1|id2:score2" in str(error(folder, include_drafts=True))


def test_posts_persons_remarks_and_commitments_from_a_second_report(both: KnowledgeGraph) -> None:
    assert [q.object.value for q in triples(both, "kepala-bpbd", v.ORG + "heldBy")] == [v.mint("budi-santoso")]
    assert [q.object.value for q in triples(both, "kepala-bpbd", v.ORG + "postIn")] == [v.mint("bpbd")]
    assert triples(both, "kepala-bpbd", v.RKG + "speakerAt", node("fgd-banjir-2020"), v.REPORT_GRAPH)
    said = [r for r in run(both, "statements") if r["speaker"] == "id:kepala-bpbd"]
    assert [(r["event"], r["quote"]) for r in said] == [
        ("id:fgd-banjir-2020", "kesiapsiagaan adalah tanggung jawab bersama")
    ]
    promised = [r for r in run(both, "commitments") if r["committed_by"] == "id:undp-indonesia"]
    assert [(r["concerns"], r["status"]) for r in promised] == [("id:solution-volunteer-training", "offered")]


def test_an_alias_of_an_id_no_row_defines_defines_that_node(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    write(folder / "t.txt", "Rapat dihadiri Badan Nasional Penanggulangan Bencana.\n")
    write(folder / "sources.csv", "id,title_id,title_en,file\nrapat,Rapat,Meeting,t.txt\n")
    write(folder / "elements.csv", "id,type,label_id,label_en,basis,source,quote,same_as,match_score\n"
          "rapat-1,Event,Rapat,Meeting,report,rapat,Rapat dihadiri,,\n"
          "badan-nasional,GovernmentAgency,Badan Nasional Penanggulangan Bencana,National Disaster Management "
          "Agency,report,rapat,Badan Nasional Penanggulangan Bencana,bnpb,100\n")
    write(folder / "connections.csv", "from,to,type,basis,source,quote\n"
          "badan-nasional,rapat-1,participatedIn,report,rapat,Rapat dihadiri Badan Nasional Penanggulangan Bencana\n")
    kg = load_graph([folder], bundled=False)
    assert triples(kg, "badan-nasional", v.RDF + "type") == []
    labels = {q.object.value for q in triples(kg, "bnpb", v.SKOS + "prefLabel")}
    assert labels == {"Badan Nasional Penanggulangan Bencana", "National Disaster Management Agency"}
    assert triples(kg, "bnpb", v.RKG + "participatedIn", node("rapat-1"))
    assert validate(kg).conforms
