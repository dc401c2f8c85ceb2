"""The report graph holds only what its sources state (issue 22), by rule, for every table:
English a quote does not contain is a curated translation, a country code is the curators', a
pillar link drafted from a cue is a curated inference, a reported link must name one of its
ends, and an extracted issue the cues could not place builds with a warning, not an error."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import DataError
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.validate import link_quote_problems, validate

TEXT = (
    "Rapat koordinasi air bersih di Jakarta Utara, 3 Maret 2021. "
    "Dinas Sumber Daya Air (DSDA) dan Perumda PAM Jaya hadir. "
    "Isu yang dibahas: penyediaan air bersih dan Early Warning System banjir rob. "
    "Kedua pihak sepakat bertemu lagi."
)
SOURCES = (
    "id,title_id,title_en,date,publisher,language,file\n"
    "rapat,Rapat air bersih,Meeting on clean water,2021-03-03,DSDA,id,rapat.txt\n"
)
ELEMENTS = (
    "id,type,label_id,label_en,country,basis,confidence,source,quote,status,method,"
    "translation_confidence,translation_note,note\n"
)
CONNECTIONS = "from,to,type,basis,confidence,source,quote,status,method,note,occurrence\n"


def folder(tmp_path: Path, elements: str, connections: str = "") -> Path:
    """A data folder with the meeting's text, its source row and the given table rows."""
    d = tmp_path / "data"
    d.mkdir()
    (d / "rapat.txt").write_text(TEXT, encoding="utf-8")
    (d / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (d / "elements.csv").write_text(ELEMENTS + elements, encoding="utf-8")
    if connections:
        (d / "connections.csv").write_text(CONNECTIONS + connections, encoding="utf-8")
    return d


MEETING = (
    "rapat-2021,Event,Rapat koordinasi air bersih,Coordination meeting on clean water,,report,,rapat,"
    "Rapat koordinasi air bersih di Jakarta Utara,,,,,\n"
)
DSDA = (
    "dsda,GovernmentAgency,Dinas Sumber Daya Air,Water Resources Agency,ID,report,,rapat,"
    "Dinas Sumber Daya Air (DSDA),,,,,\n"
)


def graphs_of(kg: KnowledgeGraph, slug: str, prop: str, value: str) -> set[str]:
    """The named graphs that hold ``slug prop value`` (a literal)."""
    found = kg.store.quads_for_pattern(ox.NamedNode(v.mint(slug)), ox.NamedNode(prop), None, None)
    return {q.graph_name.value for q in found if q.object.value == value}


def statement(kg: KnowledgeGraph, slug: str, prop: str, value: str) -> dict[str, str]:
    """The provenance of one fact: its statement's class, basis, confidence, evidence and score."""
    rows = kg.store.query(
        """SELECT ?s ?p ?o ?kind ?basis ?conf ?quote ?score WHERE { GRAPH graph:provenance {
             ?st a ?kind ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             OPTIONAL { ?st rkg:basis ?basis } OPTIONAL { ?st rkg:confidence ?conf }
             OPTIONAL { ?st rkg:evidence/oa:exact ?quote } OPTIONAL { ?st rkg:score ?score } } }""",
        prefixes=v.QUERY_PREFIXES,
    )
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        if (row["s"].value, row["p"].value) == (v.mint(slug), prop) and row["o"].value in (value, v.mint(value)):
            return {k: row[k].value for k in ("kind", "basis", "conf", "quote", "score") if row[k] is not None}
    raise AssertionError(f"no statement for {slug} {prop} {value}")


# ---------------------------------------------------------------- the translation rule


def test_a_translation_goes_to_the_curated_graph_with_its_basis(tmp_path: Path) -> None:
    kg = load_graph([folder(tmp_path, MEETING + DSDA)], bundled=False)
    en = v.SKOS + "prefLabel"
    # The Indonesian name is in the quote: reported. Its English is not: curated, by rule,
    # although the row says basis=report.
    assert graphs_of(kg, "dsda", en, "Dinas Sumber Daya Air") == {v.REPORT_GRAPH}
    assert graphs_of(kg, "dsda", en, "Water Resources Agency") == {v.CURATED_GRAPH}
    st = statement(kg, "dsda", en, "Water Resources Agency")
    assert st["kind"] == v.RKG + "CuratedStatement"
    assert st["conf"] == v.mint("confidence-well-attested")
    assert "'Dinas Sumber Daya Air'" in st["basis"] and "translation" in st["basis"]
    # A country code is never a text of the source: curated too, with its basis.
    assert graphs_of(kg, "dsda", v.RKG + "countryCode", "ID") == {v.CURATED_GRAPH}
    assert "ISO 3166-1" in statement(kg, "dsda", v.RKG + "countryCode", "ID")["basis"]
    assert validate(kg).conforms


def test_english_the_quote_contains_stays_reported(tmp_path: Path) -> None:
    issue = (
        "issue-ews,Issue,Penyediaan Early Warning System,Early warning system,,report,,rapat,"
        "penyediaan air bersih dan Early Warning System banjir rob,,,,,\n"
    )
    kg = load_graph([folder(tmp_path, MEETING + issue)], bundled=False)
    # Case and spacing aside, the report itself says it: a reported fact with the quote.
    assert graphs_of(kg, "issue-ews", v.SKOS + "prefLabel", "Early warning system") == {v.REPORT_GRAPH}
    st = statement(kg, "issue-ews", v.SKOS + "prefLabel", "Early warning system")
    assert st["kind"] == v.RKG + "ReportedStatement" and "Early Warning System" in st["quote"]


def test_a_row_may_give_its_translation_a_basis_and_confidence(tmp_path: Path) -> None:
    row = (
        "dsda,GovernmentAgency,Dinas Sumber Daya Air,Water Resources Agency,,report,,rapat,"
        "Dinas Sumber Daya Air (DSDA),,,uncertain,The agency's own English name is unknown to us,\n"
    )
    kg = load_graph([folder(tmp_path, row)], bundled=False)
    st = statement(kg, "dsda", v.SKOS + "prefLabel", "Water Resources Agency")
    assert (st["conf"], st["basis"]) == (
        v.mint("confidence-uncertain"),
        "The agency's own English name is unknown to us",
    )


def test_a_bad_translation_confidence_names_the_row(tmp_path: Path) -> None:
    row = (
        "dsda,GovernmentAgency,Dinas Sumber Daya Air,Water Resources Agency,,report,,rapat,"
        "Dinas Sumber Daya Air (DSDA),,,sure,,\n"
    )
    d = folder(tmp_path, row)
    with pytest.raises(DataError, match="translation_confidence 'sure'") as err:
        load_graph([d], bundled=False)
    assert err.value.location == f"{d / 'elements.csv'}:2"


def test_the_bundled_report_graph_holds_only_english_its_quotes_contain(kg: KnowledgeGraph) -> None:
    rows = kg.store.query(
        """SELECT ?text ?quote WHERE {
             GRAPH graph:report { ?s ?p ?text FILTER(lang(?text) = "en") }
             GRAPH graph:provenance { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?text ;
                                          rkg:inGraph graph:report ; rkg:evidence/oa:exact ?quote } }""",
        prefixes=v.QUERY_PREFIXES,
    )
    assert isinstance(rows, ox.QuerySolutions)
    seen = [(r["text"].value, r["quote"].value) for r in rows]
    fold = lambda s: " ".join(s.casefold().split())  # noqa: E731
    assert seen and all(fold(text) in fold(quote) for text, quote in seen)
    assert {"Waste to energy", "Early warning system"} <= {text for text, _ in seen}
    # Every translation is curated instead, with a basis and a confidence.
    curated = kg.store.query(
        'SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:curated { ?s ?p ?o FILTER(lang(?o) = "en") } }',
        prefixes=v.QUERY_PREFIXES,
    )
    assert isinstance(curated, ox.QuerySolutions)
    assert int(next(iter(curated))["n"].value) > 60
    assert not list(
        kg.store.quads_for_pattern(None, ox.NamedNode(v.RKG + "countryCode"), None, ox.NamedNode(v.REPORT_GRAPH))
    )


# ---------------------------------------------------------------- reported links name an end


def test_a_reported_link_whose_quote_names_neither_end_is_a_warning_naming_its_row(tmp_path: Path) -> None:
    links = (
        "dsda,rapat-2021,participatedIn,report,,rapat,Dinas Sumber Daya Air (DSDA) dan Perumda PAM Jaya hadir,,,,\n"
        "dsda,rapat-2021,organizedBy,report,,rapat,Kedua pihak sepakat bertemu lagi,,,,\n"
    )
    d = folder(tmp_path, MEETING + DSDA, links)
    kg = load_graph([d], bundled=False)
    problems = link_quote_problems(kg)
    assert [(p.location, p.path, p.severity) for p in problems] == [
        (f"{d / 'connections.csv'}:3", "rkg:organizedBy", "Warning")
    ]
    assert "names neither end" in problems[0].message
    report = validate(kg)
    assert report.conforms and report.warnings == problems  # a warning: the build goes on
    assert "connections.csv:3" in str(report)


def test_the_bundled_data_has_no_link_its_quote_does_not_name(kg: KnowledgeGraph) -> None:
    assert link_quote_problems(kg) == []


# ---------------------------------------------------------------- pillar links are inferences


def test_an_accepted_pillar_cue_link_is_curated_with_the_cue_as_evidence(tmp_path: Path) -> None:
    pillar = "jakarta-sehat-x,Pillar,Jakarta SEHAT,Healthy Jakarta,,curated,well-attested,,,,,,,a pillar for the test\n"
    issue = (
        "issue-air,Issue,Penyediaan air bersih,,,report,0.8,rapat,penyediaan air bersih,accepted,rule:issue-list,,,\n"
    )
    # "air bersih" occurs twice in the text; the cue is the second, in the list of issues.
    link = (
        "issue-air,jakarta-sehat-x,underPillar,report,0.7,rapat,air bersih,accepted,rule:pillar-cue:air bersih,,2\n"
        "rapat-2021,jakarta-sehat-x,concernsPillar,report,0.6,rapat,air bersih,draft,rule:pillar-cue:air bersih,,2\n"
    )
    d = folder(tmp_path, MEETING + pillar + issue, link)
    kg = load_graph([d], bundled=False, include_drafts=True)
    under = v.RKG + "underPillar"
    found = {
        q.graph_name.value
        for q in kg.store.quads_for_pattern(ox.NamedNode(v.mint("issue-air")), ox.NamedNode(under), None, None)
    }
    assert found == {v.CURATED_GRAPH}  # never the report graph, though the row says report
    st = statement(kg, "issue-air", under, "jakarta-sehat-x")
    assert st["kind"] == v.RKG + "CuratedStatement"
    assert st["conf"] == v.mint("confidence-well-attested") and st["score"] == "0.7"
    assert "'air bersih'" in st["basis"] and "accepted by a reviewer" in st["basis"]
    assert st["quote"] == "air bersih"  # the cue, pinned at its offsets
    # A draft pillar link goes to the draft graph, still as a curated inference.
    concerns = v.RKG + "concernsPillar"
    found = {
        q.graph_name.value
        for q in kg.store.quads_for_pattern(ox.NamedNode(v.mint("rapat-2021")), ox.NamedNode(concerns), None, None)
    }
    assert found == {v.DRAFT_GRAPH}
    assert "not yet reviewed" in statement(kg, "rapat-2021", concerns, "jakarta-sehat-x")["basis"]


# ---------------------------------------------------------------- the build never refuses a report


UNPLACED = "issue-rob,Issue,Banjir rob,,,report,0.8,rapat,banjir rob,accepted,rule:issue-list,,,\n"


def test_an_extracted_issue_without_a_pillar_builds_with_a_warning_naming_its_row(tmp_path: Path) -> None:
    d = folder(tmp_path, MEETING + UNPLACED)
    result = CliRunner().invoke(main, ["build", "--data", str(d), "--no-bundled", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.trig").exists()
    warning = next(line for line in result.stderr.splitlines() if "has no pillar" in line)
    assert warning.startswith(f"warning: {d / 'elements.csv'}:3: Banjir rob")
    assert "rkg:underPillar" in warning
    # Nor does a report have to give an English name: the row's label_en is empty.
    assert any(
        line.startswith(f"warning: {d / 'elements.csv'}:3") and "missing label in English" in line
        for line in result.stderr.splitlines()
    )


def test_a_hand_typed_issue_without_a_pillar_is_still_refused(tmp_path: Path) -> None:
    # No method: a curator typed it, and the bundled data's stricter shapes apply.
    hand_typed = "issue-rob,Issue,Banjir rob,Tidal flooding,,report,,rapat,banjir rob,,,,,\n"
    d = folder(tmp_path, MEETING + hand_typed)
    result = CliRunner().invoke(main, ["build", "--data", str(d), "--no-bundled", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{d / 'elements.csv'}:3: Tidal flooding" in result.stderr
    assert "rkg:underPillar: an issue needs a pillar" in result.stderr
    assert not (tmp_path / "out" / "graph.trig").exists()


# ---------------------------------------------------------------- every basis can be checked


PROJECT = Path(__file__).resolve().parents[1]
GLOSSARY = PROJECT / "docs" / "glossary.md"


def _cells() -> list[tuple[str, str]]:
    """Every cell of every CSV table the package ships (data, gazetteer, rules), with its file."""
    import csv

    out = []
    for path in sorted((PROJECT / "resilience_kg").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            out += [(path.name, cell) for row in csv.reader(f) for cell in row]
    return out


def test_no_basis_in_the_project_points_outside_it() -> None:
    # The old notes cited shared/domain/GLOSSARY.md, a file outside the project.
    outside = re.compile(r"shared/|GLOSSARY\.md|/work/|file://|^/|\.\./")
    bad = [(name, cell[:80]) for name, cell in _cells() if outside.search(cell)]
    assert bad == []


def test_every_glossary_citation_names_an_entry_that_cites_public_sources() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    entries = dict(re.findall(r"^### (.+)\n((?:(?!^##).*\n?)*)", text, flags=re.MULTILINE))
    cited = {m for _, cell in _cells() for m in re.findall(r"docs/glossary\.md, ([^)]+)\)", cell)}
    assert cited, "the bundled notes cite the glossary"
    for name in cited:
        heading = next((h for h in entries if name in h), None)
        assert heading is not None, f"no glossary entry for {name!r}"
    for heading, body in entries.items():
        # Each entry names its public sources, or says that none could be found.
        assert "Sources:" in body or "no public document" in body, heading
        if "Sources:" in body:
            assert re.search(r"https?://|UU No\.|Perda|Pergub|Permendagri", body), heading
