"""The SHACL shapes: the bundled data conforms, and each constraint catches its own small mistake,
reported with the property, a message for the curator, and (for CSV rows) the file, line and label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write

from resilience_kg.cli import main
from resilience_kg.data import data_dir
from resilience_kg.graph.dataset import load_graph
from resilience_kg.graph.validate import Problem, ValidationReport, validate
from resilience_kg.sparql.query import query

ELEMENTS = "id,type,label_id,label_en,notation,date,value,min_value,unit_text,basis,confidence,source,quote,note\n"
CONNECTIONS = "from,to,type,basis,confidence,source,quote,note\n"
PREFIXES = """\
@prefix rkg: <https://w3id.org/resilience-kg/ontology#> .
@prefix id: <https://w3id.org/resilience-kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""
SOURCE = "jakarta-2019-11-28"
GOOD_QUOTE = "Sekretariat Jakarta Berketahanan memenuhi undangan Kepala Biro KDH-KLN"


def row(slug: str, type_: str, label_id: str, label_en: str, **cols: str) -> str:
    """One elements row; curated, with its confidence and note, unless ``cols`` say otherwise."""
    values = {"basis": "curated", "confidence": "uncertain", "note": "a curator's note", **cols}
    values.update(id=slug, type=type_, label_id=label_id, label_en=label_en)
    return ",".join(values.get(c, "") for c in ELEMENTS.strip().split(",")) + "\n"


def check(*paths: Path) -> ValidationReport:
    """Validate the bundled data plus ``paths``; the fixture must not conform."""
    report = validate(load_graph(list(paths)))
    assert report.conforms is False, "the fixture should not conform"
    return report


def problem(report: ValidationReport, path: str, fragment: str) -> Problem:
    """The one problem on ``path`` whose message contains ``fragment``, else fail listing all."""
    found = [p for p in report.problems if p.path == path and fragment in p.message]
    assert found, f"no problem on {path} with {fragment!r}; got:\n{report}"
    return found[0]


def problems_at(report: ValidationReport, location: str) -> list[Problem]:
    return [p for p in report.problems if p.location == location]


def bundled_line(slug: str) -> int:
    lines = data_dir().joinpath("elements.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(slug + ","))


# ---------------------------------------------------------------- the bundled data


def test_bundled_data_conforms(kg) -> None:
    report = validate(kg)
    assert report.conforms is True
    assert [p for p in report.problems if p.severity == "Violation"] == []
    assert str(report) == "The data conforms to the shapes."


def test_cli_validate_bundled_exits_0(runner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


# ---------------------------------------------------------------- labels


def test_indonesian_label_missing(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("t1", "Theme", "", "Theme without Indonesian"))
    p = problem(check(path), "skos:prefLabel", "missing label in Indonesian")
    assert (p.location, p.label) == (f"{path}:2", "Theme without Indonesian")


def test_english_label_missing(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("t1", "Theme", "Tema X", ""))
    p = problem(check(path), "skos:prefLabel", "missing label in English")
    assert (p.location, p.label) == (f"{path}:2", "Tema X")


def test_two_english_labels(tmp_path: Path) -> None:
    path = write(
        tmp_path / "twin.ttl",
        PREFIXES + 'id:twin a rkg:Theme ; skos:prefLabel "Kembar"@id , "Twin"@en , "Twin again"@en .\n',
    )
    p = problem(check(path), "skos:prefLabel", "more than one label in the same language")
    assert p.focus.endswith("/id/twin")


# ---------------------------------------------------------------- actors


@pytest.mark.parametrize(
    "types",
    ["rkg:Actor", "rkg:Actor , rkg:GovernmentAgency , rkg:PrivateCompany"],
    ids=["no-sector-type", "two-sector-types"],
)
def test_actor_needs_exactly_one_sector_type(tmp_path: Path, types: str) -> None:
    path = write(
        tmp_path / "actor.ttl",
        PREFIXES + f'id:odd a {types} ; skos:prefLabel "Ganjil"@id , "Odd actor"@en ; rkg:sector id:sector-private .\n',
    )
    report = check(path)
    p = problem(report, "rdf:type", "exactly one sector type")
    assert (p.focus.rsplit("/", 1)[1], p.label) == ("odd", "Odd actor")


# ---------------------------------------------------------------- pillars, issues, solutions, figures


def test_pillar_without_notation(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("p1", "Pillar", "Jakarta AMAN", "Safe Jakarta"))
    p = problem(check(path), "skos:notation", "a pillar needs exactly one notation")
    assert (p.location, p.label) == (f"{path}:2", "Safe Jakarta")


def test_issue_without_pillar(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("i1", "Issue", "Banjir rob", "Tidal flooding"))
    p = problem(check(path), "rkg:underPillar", "an issue needs a pillar")
    assert (p.location, p.label) == (f"{path}:2", "Tidal flooding")


def test_solution_that_addresses_nothing_conforms_and_is_a_finding(tmp_path: Path) -> None:
    # Unpaired solutions are a finding (the source pairs them with no issue), not a violation.
    from resilience_kg.analysis.connections import gaps_report

    path = write(tmp_path / "elements.csv", ELEMENTS + row("s1", "Solution", "Tanggul laut", "Sea wall"))
    kg = load_graph([path])
    assert validate(kg).conforms
    text = gaps_report(kg)
    line = next(line for line in text.splitlines() if "Sea wall" in line)
    assert "a finding, not a gap to fill" in line


def test_remark_without_speaker(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("r1", "Remark", "Kolaborasi", "Collaboration"))
    p = problem(check(path), "rkg:saidBy", "a remark needs its speaker")
    assert (p.location, p.label) == (f"{path}:2", "Collaboration")


def test_commitment_without_party_subject_or_status(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("k1", "Commitment", "Mendukung", "To support"))
    report = check(path)
    problem(report, "rkg:committedBy", "a commitment needs the party")
    problem(report, "rkg:commitmentConcerns", "a commitment needs what it concerns")
    problem(report, "rkg:commitmentStatus", "a commitment needs exactly one status")


def test_international_organisation_is_an_actor_with_its_sector(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("undp", "InternationalOrganization", "UNDP", "UNDP"))
    kg = load_graph([path])
    assert validate(kg).conforms
    rows = {r["actor"]: r for r in query(kg,
        "SELECT ?actor ?sector WHERE { ?actor a rkg:Actor ; rkg:sector/skos:notation ?sector }").rows}
    assert rows[next(a for a in rows if str(a).endswith("/undp>"))]["sector"].value == "international"


def test_figure_without_value(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("f1", "Figure", "Angka", "Count of pumps", unit_text="unit"))
    report = check(path)
    found = [p for p in problems_at(report, f"{path}:2") if p.label == "Count of pumps"]
    assert found, str(report)
    # The curator is told, in words, that the value (or min_value) is missing; not shown the shape.
    assert any("value" in p.message and "sh:" not in p.message and "Literal(" not in p.message for p in found), [
        p.message for p in found
    ]


def test_figure_without_unit(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("f1", "Figure", "Angka", "Count of pumps", value="12"))
    p = problem(check(path), "schema:unitText", "a figure needs its unit")
    assert (p.location, p.label) == (f"{path}:2", "Count of pumps")


def test_figure_value_must_be_one_number(tmp_path: Path) -> None:
    path = write(tmp_path / "fig.ttl", PREFIXES + 'id:figure-daily-waste schema:value "lots" .\n')
    p = problem(check(path), "schema:value", "a figure's value is one number")
    assert p.location == f"bundled:elements.csv:{bundled_line('figure-daily-waste')}"


# ---------------------------------------------------------------- links: dangling or of the wrong type


def test_dangling_link_names_the_row_of_its_subject(tmp_path: Path) -> None:
    path = write(tmp_path / "dangling.ttl", PREFIXES + "id:bpbd rkg:participatedIn id:no-such-event .\n")
    p = problem(check(path), "rkg:participatedIn", "participatedIn must link to an event")
    assert p.value == "id:no-such-event"
    assert p.label == "Regional Disaster Management Agency"
    assert p.location == f"bundled:elements.csv:{bundled_line('bpbd')}"


def test_csv_link_of_the_wrong_type(tmp_path: Path) -> None:
    elements = write(tmp_path / "elements.csv", ELEMENTS + row("i1", "Issue", "Banjir rob", "Tidal flooding"))
    connections = write(
        tmp_path / "connections.csv",
        CONNECTIONS
        + "i1,jakarta-siap,underPillar,curated,uncertain,,,a note\n"
        + "i1,bpbd,underPillar,curated,uncertain,,,a note\n",
    )
    p = problem(check(elements, connections), "rkg:underPillar", "underPillar must link to a pillar")
    assert p.value == "id:bpbd"
    assert (p.location, p.label) == (f"{elements}:2", "Tidal flooding")


# Every "must link to" constraint, each broken by one wrong-typed link between bundled nodes.
WRONG_LINKS = [
    ("bpbd", "rkg:participatedIn", "theme-smart-city", "participatedIn must link to an event"),
    ("bpbd", "org:subOrganizationOf", "theme-smart-city", "subOrganizationOf must link to an organisation"),
    ("bpbd", "rkg:invitedBy", "theme-smart-city", "invitedBy must link to an actor"),
    ("bpbd", "rkg:worksOn", "theme-smart-city", "worksOn must link to an issue"),
    ("bpbd", "rkg:supports", "theme-smart-city", "supports must link to an agreement"),
    ("bpbd", "rkg:expansionConfidence", "confidence-uncertain", "an expansion has one confidence level"),
    ("ambassador-of-france", "org:postIn", "theme-smart-city", "postIn must link to an organisation"),
    ("jakarta-resilience-strategy", "rkg:hasPillar", "theme-smart-city", "hasPillar must link to a pillar"),
    ("joint-workshop-2019", "rkg:hasSession", "theme-smart-city", "hasSession must link to a session"),
    ("joint-workshop-2019", "rkg:organizedBy", "theme-smart-city", "organizedBy must link to an actor"),
    ("joint-workshop-2019", "rkg:openedBy", "theme-smart-city", "openedBy must link to a post, an actor or a person"),
    ("joint-workshop-2019", "rkg:hostedBy", "theme-smart-city", "hostedBy must link to an actor"),
    ("joint-workshop-2019", "rkg:concernsPillar", "theme-smart-city", "concernsPillar must link to a pillar"),
    ("ambassador-of-france", "org:heldBy", "bpbd", "heldBy must link to a person"),
    ("remark-ambassador-collaboration", "rkg:saidAt", "bpbd", "saidAt must link to an event or session"),
    ("remark-ambassador-collaboration", "rkg:expresses", "bpbd", "expresses must link to a commitment"),
    ("joint-workshop-2019", "rkg:hasAim", "theme-smart-city", "hasAim must link to an aim"),
    ("joint-workshop-2019", "rkg:hasTheme", "jakarta-siap", "hasTheme must link to a theme"),
    ("joint-workshop-2019", "rkg:concernsStrategy", "jakarta-siap", "concernsStrategy must link to a strategy"),
    ("session-waste", "rkg:concernsPillar", "theme-smart-city", "concernsPillar must link to a pillar"),
    ("aim-french-experts", "rkg:hasTheme", "jakarta-siap", "hasTheme must link to a theme"),
    ("issue-wastewater", "rkg:raisedIn", "theme-smart-city", "raisedIn must link to a session"),
    ("issue-wastewater", "rkg:hasFigure", "theme-smart-city", "hasFigure must link to a figure"),
    ("solution-waste-to-energy", "rkg:addressesIssue", "theme-smart-city", "addressesIssue must link to an issue"),
    ("solution-waste-to-energy", "rkg:proposedBy", "theme-smart-city", "proposedBy must link to an actor"),
    ("solution-waste-to-energy", "rkg:presentedIn", "theme-smart-city", "presentedIn must link to a session"),
    ("loi-jakarta-france", "rkg:party", "theme-smart-city", "every party must be an actor"),
    ("loi-jakarta-france", "rkg:followsUp", "theme-smart-city", "followsUp must link to an event"),
    ("loi-jakarta-france", "rkg:concernsStrategy", "jakarta-siap", "concernsStrategy must link to a strategy"),
]


@pytest.mark.parametrize(
    ("subject", "prop", "target", "fragment"), WRONG_LINKS, ids=[f"{s}-{p}" for s, p, *_ in WRONG_LINKS]
)
def test_link_of_the_wrong_type(tmp_path: Path, subject: str, prop: str, target: str, fragment: str) -> None:
    path = write(tmp_path / "link.ttl", PREFIXES + f"id:{subject} {prop} id:{target} .\n")
    p = problem(check(path), prop, fragment)
    assert p.focus.endswith("/id/" + subject)
    assert p.location == f"bundled:elements.csv:{bundled_line(subject)}"


# ---------------------------------------------------------------- events, sessions, agreements


def test_event_with_a_malformed_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "event.ttl",
        PREFIXES
        + 'id:ev a rkg:Event ; skos:prefLabel "Acara"@id , "Flood drill"@en ; schema:startDate "28 Nov 2019" .\n',
    )
    p = problem(check(path), "schema:startDate", "YYYY-MM-DD")
    assert p.label == "Flood drill"
    assert p.value == "28 Nov 2019"


def test_session_not_attached_to_any_event(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("s1", "Session", "Sesi banjir", "Flood session"))
    p = problem(check(path), "^rkg:hasSession", "a session belongs to an event")
    assert (p.location, p.label) == (f"{path}:2", "Flood session")


def test_agreement_without_party_and_without_status(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("a1", "Agreement", "Nota kesepahaman", "Memorandum"))
    report = check(path)
    for prop, fragment in (("rkg:party", "at least one party"), ("rkg:agreementStatus", "exactly one status")):
        p = problem(report, prop, fragment)
        assert (p.location, p.label) == (f"{path}:2", "Memorandum")


# ---------------------------------------------------------------- provenance: basis, confidence, evidence


@pytest.mark.parametrize(
    ("missing", "prop", "fragment"),
    [
        ("note", "rkg:basis", "curated fact without a basis"),
        ("confidence", "rkg:confidence", "curated fact without a confidence"),
    ],
)
def test_curated_element_row_without_basis_or_confidence(
    tmp_path: Path, missing: str, prop: str, fragment: str
) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("t1", "Theme", "Tema", "Loose theme", **{missing: ""}))
    p = problem(check(path), prop, fragment)
    assert p.location == f"{path}:2"
    assert p.label.startswith("fact: Loose theme ")


@pytest.mark.parametrize(
    ("cols", "prop", "fragment"),
    [
        ("curated,uncertain,,,", "rkg:basis", "curated fact without a basis"),
        ("curated,,,,a note", "rkg:confidence", "curated fact without a confidence"),
    ],
    ids=["note", "confidence"],
)
def test_curated_connection_row_without_basis_or_confidence(
    tmp_path: Path, cols: str, prop: str, fragment: str
) -> None:
    path = write(tmp_path / "connections.csv", CONNECTIONS + f"bpbd,issue-wastewater,worksOn,{cols}\n")
    p = problem(check(path), prop, fragment)
    assert p.location == f"{path}:2"
    assert p.label == "fact: Regional Disaster Management Agency rkg:worksOn id:issue-wastewater"


def test_report_row_without_quote(tmp_path: Path) -> None:
    elements = write(tmp_path / "elements.csv", ELEMENTS + row("t1", "Theme", "Tema", "Unquoted theme", basis="report"))
    connections = write(tmp_path / "connections.csv", CONNECTIONS + "bpbd,issue-wastewater,worksOn,report,,,,\n")
    report = check(elements, connections)
    problem(report, "rkg:evidence", "asserted fact without evidence")
    assert {p.location for p in report.problems if p.path == "rkg:evidence"} == {f"{elements}:2", f"{connections}:2"}
    assert any(p.label.startswith("fact: Unquoted theme ") for p in problems_at(report, f"{elements}:2"))


def test_report_row_with_quote_conforms(tmp_path: Path) -> None:
    path = write(
        tmp_path / "connections.csv",
        CONNECTIONS + f"sekretariat-jakarta-berketahanan,biro-kdh-kln,invitedBy,report,,{SOURCE},{GOOD_QUOTE},\n",
    )
    assert validate(load_graph([path])).conforms is True


@pytest.mark.parametrize(
    ("graph", "fragment"),
    [("report", "no quote"), ("curated", "no basis and confidence")],
)
def test_trig_triple_written_straight_into_a_fact_graph(tmp_path: Path, graph: str, fragment: str) -> None:
    path = write(
        tmp_path / "sneak.trig",
        PREFIXES + f"<https://w3id.org/resilience-kg/graph/{graph}> {{ id:bpbd rkg:worksOn id:issue-wastewater . }}\n",
    )
    p = problem(check(path), "rkg:worksOn", fragment)
    assert p.value == "id:issue-wastewater"
    assert p.label == "Regional Disaster Management Agency"


def test_trig_triple_in_a_graph_of_its_own_conforms(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.trig",
        PREFIXES + "<https://example.org/my-notes> { id:bpbd rkg:worksOn id:issue-wastewater . }\n",
    )
    assert validate(load_graph([path])).conforms is True


def test_source_without_a_title(tmp_path: Path) -> None:
    write(tmp_path / "drill.txt", "Latihan evakuasi banjir.\n")
    path = write(tmp_path / "sources.csv", "id,title_id,title_en,file\ndrill-2020,,,drill.txt\n")
    p = problem(check(path), "dcterms:title", "needs a title")
    assert p.location == f"{path}:2"


@pytest.mark.parametrize("titles", [",Report on a drill", "Laporan latihan,"], ids=["en-only", "id-only"])
def test_source_titled_in_its_own_language(tmp_path: Path, titles: str) -> None:
    write(tmp_path / "drill.txt", "Latihan evakuasi banjir.\n")
    path = write(tmp_path / "sources.csv", f"id,title_id,title_en,file\ndrill-2020,{titles},drill.txt\n")
    assert validate(load_graph([path])).conforms is True


def test_quote_shape(tmp_path: Path) -> None:
    path = write(tmp_path / "quote.ttl", PREFIXES + 'id:q a oa:TextQuoteSelector ; oa:exact "" .\n')
    report = check(path)
    problem(report, "oa:exact", "a quote needs its exact text")
    problem(report, "dcterms:source", "a quote must name the source document")


@pytest.mark.parametrize("kind", ["ReportedStatement", "CuratedStatement"])
def test_statement_without_its_subject(tmp_path: Path, kind: str) -> None:
    path = write(
        tmp_path / "st.ttl",
        PREFIXES + f"id:st a rkg:{kind} ; rdf:predicate rkg:worksOn ; rdf:object id:issue-wastewater .\n",
    )
    report = check(path)
    assert [p for p in report.problems if p.focus.endswith("/id/st") and p.path == "rdf:subject"], str(report)


# ---------------------------------------------------------------- the CLI


def test_cli_validate_failing_file_exits_1_with_file_and_line(tmp_path: Path, runner) -> None:
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS + row("t1", "Theme", "Tema", "x") + row("i1", "Issue", "Isu", "Lonely issue"),
    )
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:3: Lonely issue" in result.output
    assert "an issue needs a pillar" in result.output


def test_cli_validate_json(tmp_path: Path, runner) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + row("i1", "Issue", "Isu", "Lonely issue"))
    result = runner.invoke(main, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False
    assert {"location": f"{path}:2", "label": "Lonely issue", "path": "rkg:underPillar"}.items() <= next(
        p for p in doc["problems"] if p["path"] == "rkg:underPillar"
    ).items()


def test_cli_validate_json_bundled_conforms(runner) -> None:
    result = runner.invoke(main, ["validate", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["conforms"] is True


def test_cli_validate_malformed_file_exits_2(tmp_path: Path, runner) -> None:
    path = write(tmp_path / "broken.ttl", PREFIXES + 'id:a rkg:worksOn id:b .\nid:a rkg:worksOn "open\n')
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:" in result.output
    assert "malformed Turtle" in result.output
    assert "Traceback" not in result.output
