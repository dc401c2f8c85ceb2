"""Bad CSV (and RDF) input: a clear DataError naming the file and the line the bad record starts
on, a non-zero exit from the CLI, and no half-written output. Also: what good input must load."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import write

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.data import data_dir
from resilience_kg.errors import DataError
from resilience_kg.graph.dataset import load_graph
from resilience_kg.graph.validate import validate

SOURCE = "jakarta-2019-11-28"
# An exact substring of the bundled report, and one that departs from it after its first 48
# characters ("undangn" for "undangan").
GOOD_QUOTE = "Sekretariat Jakarta Berketahanan memenuhi undangan Kepala Biro KDH-KLN"
TYPO_QUOTE = "Sekretariat Jakarta Berketahanan memenuhi undangn Kepala Biro KDH-KLN"

ELEMENTS = "id,type,label_id,label_en,acronym,date,value,unit_text,basis,confidence,source,quote,note\n"
CONNECTIONS = "from,to,type,basis,confidence,source,quote,note\n"


def theme(slug: str, label_en: str = "Theme X") -> str:
    """A valid curated elements row (a Theme needs no links)."""
    return f"{slug},Theme,Tema X,{label_en},,,,,curated,uncertain,,,a curator's note\n"


def load_error(*paths: Path, bundled: bool = True) -> DataError:
    with pytest.raises(DataError) as info:
        load_graph(list(paths), bundled=bundled)
    return info.value


def assert_at(exc: DataError, path: Path, line: int) -> None:
    """The error names the file and the line the bad record starts on, in both places."""
    assert exc.location == f"{path}:{line}"
    assert str(exc).startswith(f"{path}:{line}: ")


def bundled_line(slug: str) -> int:
    """The line of the bundled elements table that defines ``slug`` (the header is line 1)."""
    lines = data_dir().joinpath("elements.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(slug + ","))


def node(slug: str) -> ox.NamedNode:
    return ox.NamedNode(v.mint(slug))


def objects(kg, subject: ox.NamedNode, predicate: str) -> list[ox.Literal | ox.NamedNode]:
    return [q.object for q in kg.store.quads_for_pattern(subject, ox.NamedNode(predicate), None, None)]


# ---------------------------------------------------------------- header problems


def test_missing_required_column_names_the_column_and_the_header_line(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", "id,type,label_id,basis\nx,Theme,Tema X,curated\n")
    exc = load_error(path)
    assert_at(exc, path, 1)
    assert "missing column 'label_en'" in str(exc)


def test_unknown_column_typo_is_named_with_the_known_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", "id,type,label_id,lable_en,basis\nx,Theme,Tema X,Theme X,curated\n")
    exc = load_error(path)
    assert_at(exc, path, 1)
    assert "unknown column 'lable_en'" in str(exc)
    assert "label_en" in exc.detail.split("known columns:")[1]


def test_byte_order_mark_at_start_of_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "elements.csv"
    path.write_bytes(("\ufeff" + ELEMENTS + theme("bom-theme", "Theme with BOM")).encode("utf-8"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    kg = load_graph([path])
    labels = objects(kg, node("bom-theme"), v.SKOS + "prefLabel")
    assert ox.Literal("Theme with BOM", language="en") in labels


def test_kumu_style_headers_are_accepted_case_insensitively(tmp_path: Path) -> None:
    elements = write(
        tmp_path / "elements.csv",
        "ID,Type,Label,LABEL_EN,Basis,Confidence,Note\n"
        "kumu-agency,GovernmentAgency,Badan Kumu,Kumu Agency,curated,uncertain,from a Kumu map\n",
    )
    connections = write(
        tmp_path / "connections.csv",
        "From,To,Type,Basis,Confidence,Note\n"
        "kumu-agency,joint-workshop-2019,participatedIn,curated,uncertain,from a Kumu map\n",
    )
    kg = load_graph([elements, connections])
    agency = node("kumu-agency")
    # Kumu's "Label" is the Indonesian label.
    assert ox.Literal("Badan Kumu", language="id") in objects(kg, agency, v.SKOS + "prefLabel")
    assert objects(kg, agency, v.RKG + "participatedIn") == [node("joint-workshop-2019")]


# ---------------------------------------------------------------- row shape and line numbers


def test_error_names_the_line_a_record_starts_on_after_a_multiline_record(tmp_path: Path) -> None:
    # Record 1 spans lines 2-3 (a newline inside a quoted note); the bad record is on line 4.
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS
        + 'ok-theme,Theme,Tema,Theme,,,,,curated,uncertain,,,"first line\nsecond line"\n'
        + "bad-type,Agency,Badan,Agency,,,,,curated,uncertain,,,note\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 4)
    assert "unknown type 'Agency'" in str(exc)


def test_error_names_the_start_line_of_a_bad_multiline_record(tmp_path: Path) -> None:
    # The bad record starts on line 3 and ends on line 5.
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS + theme("ok-theme") + 'bad-type,Agency,Badan,Agency,,,,,curated,uncertain,,,"a\nlong\nnote"\n',
    )
    exc = load_error(path)
    assert_at(exc, path, 3)


def test_unknown_element_type_lists_the_known_types(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + "x,Goverment,Badan,Agency,,,,,curated,uncertain,,,note\n")
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "unknown type 'Goverment'" in str(exc)
    assert "GovernmentAgency" in str(exc)


def test_unknown_connection_type_lists_the_known_types(tmp_path: Path) -> None:
    path = write(
        tmp_path / "connections.csv",
        CONNECTIONS
        + "bpbd,joint-workshop-2019,participatedIn,curated,uncertain,,,note\n"
        + "bpbd,joint-workshop-2019,attended,curated,uncertain,,,note\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 3)
    assert "unknown connection type 'attended'" in str(exc)
    assert "participatedIn" in str(exc)


@pytest.mark.parametrize(
    ("row", "found"),
    [
        ("x,Theme,Tema,Theme,,,,,curated,uncertain,,,note,EXTRA\n", 14),
        ("x,Theme,Tema,Theme,,,,,curated,uncertain\n", 10),
    ],
    ids=["too-many-fields", "too-few-fields"],
)
def test_row_with_wrong_field_count_is_an_error_not_padded(tmp_path: Path, row: str, found: int) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + theme("ok-theme") + row)
    exc = load_error(path)
    assert_at(exc, path, 3)
    assert f"this row has {found} fields but the header has 13" in str(exc)


# ---------------------------------------------------------------- ids and links


def test_duplicate_id_within_a_file_names_the_first_location(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + theme("dup") + theme("other") + theme("dup"))
    exc = load_error(path)
    assert_at(exc, path, 4)
    assert f"duplicate id 'dup', first defined at {path}:2" in str(exc)


def test_duplicate_of_a_bundled_id_names_the_bundled_row(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + theme("ok-theme") + theme("bpbd"))
    exc = load_error(path)
    assert_at(exc, path, 3)
    assert f"duplicate id 'bpbd', first defined at bundled:elements.csv:{bundled_line('bpbd')}" in str(exc)


@pytest.mark.parametrize(
    ("row", "column", "slug"),
    [
        ("no-such-actor,joint-workshop-2019,participatedIn", "from", "no-such-actor"),
        ("bpbd,no-such-event,participatedIn", "to", "no-such-event"),
    ],
    ids=["from", "to"],
)
def test_connection_to_an_unknown_id(tmp_path: Path, row: str, column: str, slug: str) -> None:
    path = write(
        tmp_path / "connections.csv",
        CONNECTIONS + "bpbd,joint-workshop-2019,participatedIn,curated,uncertain,,,note\n"
        f"{row},curated,uncertain,,,note\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 3)
    assert f"{column} {slug!r} is not the id of any element" in str(exc)


def test_connection_may_point_at_an_element_of_another_user_table(tmp_path: Path) -> None:
    elements = write(tmp_path / "elements.csv", ELEMENTS + theme("my-theme"))
    connections = write(
        tmp_path / "connections.csv", CONNECTIONS + "joint-workshop-2019,my-theme,hasTheme,curated,uncertain,,,note\n"
    )
    kg = load_graph([connections, elements])
    assert node("my-theme") in objects(kg, node("joint-workshop-2019"), v.RKG + "hasTheme")


# ---------------------------------------------------------------- quotes and sources


def test_quote_not_in_source_says_how_far_it_matched(tmp_path: Path) -> None:
    matched = len("Sekretariat Jakarta Berketahanan memenuhi undang")
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS + theme("ok-theme") + f"sec-x,Theme,Tema,Theme,,,,,report,,{SOURCE},{TYPO_QUOTE},\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 3)
    assert f"not an exact substring of source {SOURCE!r}" in str(exc)
    assert f"its first {matched} characters match" in str(exc)
    assert "'n Kepala Biro KDH-KL'" in str(exc)  # where the quote departs from the source


def test_exact_quote_loads_as_evidence(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + f"quoted,Theme,Tema,Theme,,,,,report,,{SOURCE},{GOOD_QUOTE},\n")
    kg = load_graph([path])
    exact = kg.store.quads_for_pattern(None, ox.NamedNode(v.OA + "exact"), ox.Literal(GOOD_QUOTE), None)
    assert len(list(exact)) == 1


def test_quote_with_unknown_source_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "connections.csv",
        CONNECTIONS + f"bpbd,joint-workshop-2019,participatedIn,report,,jakarta-2020,{GOOD_QUOTE},\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "unknown source 'jakarta-2020'" in str(exc)
    assert SOURCE in str(exc)  # lists the sources that are known


def test_acronym_on_a_report_row_must_appear_in_its_quote(tmp_path: Path) -> None:
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS + f"sjb,GovernmentAgency,Sekretariat,Secretariat,SJB,,,,report,,{SOURCE},{GOOD_QUOTE},\n",
    )
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "acronym 'SJB' does not appear in the quote" in str(exc)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize("date", ["28/11/2019", "2019-11-28T09:00", "2019-02-30"])
def test_bad_date_is_an_error(tmp_path: Path, date: str) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + f"ev-x,Event,Acara,Event,,{date},,,curated,uncertain,,,note\n")
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert f"date {date!r} is not a date" in str(exc)


def test_bad_number_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "elements.csv", ELEMENTS + 'fig-x,Figure,Angka,Figure,,,"7,000",ton,curated,uncertain,,,note\n'
    )
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "value '7,000' is not a number" in str(exc)


def test_bad_basis_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.csv", ELEMENTS + "x,Theme,Tema,Theme,,,,,reported,,,,note\n")
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "basis 'reported' must be 'report' or 'curated'" in str(exc)


def test_bad_confidence_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "connections.csv", CONNECTIONS + "bpbd,joint-workshop-2019,participatedIn,curated,high,,,note\n"
    )
    exc = load_error(path)
    assert_at(exc, path, 2)
    assert "confidence 'high' must be one of stated, well-attested, uncertain, unknown" in str(exc)


# ---------------------------------------------------------------- files


TURTLE_HEAD = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"


@pytest.mark.parametrize(
    ("line3", "column"),
    [
        ('ex:a ex:b "unterminated .\n', 11),  # the error runs on to the end of the file
        ("ex:a ex:b ex:c ex:d .\n", 16),  # the error lies within line 3
    ],
    ids=["error-spans-lines", "error-within-line"],
)
def test_malformed_turtle_names_file_line_and_column(tmp_path: Path, line3: str, column: int) -> None:
    path = write(tmp_path / "extra.ttl", TURTLE_HEAD + line3)
    exc = load_error(path)
    assert exc.location == f"{path}:3:{column}"
    assert str(exc).startswith(f"{path}:3:{column}: malformed Turtle")


def test_unknown_file_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "elements.xlsx", ELEMENTS + theme("x"))
    exc = load_error(path)
    assert exc.location == str(path)
    assert "unknown file type '.xlsx'" in str(exc)


def test_non_utf8_csv_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "elements.csv"
    path.write_bytes(
        (ELEMENTS + theme("ok-theme")).encode() + "x,Theme,Téma,Theme,,,,,curated,uncertain,,,n\n".encode("latin-1")
    )
    exc = load_error(path)
    assert "not UTF-8" in str(exc)
    assert exc.location == f"{path}:3"


def test_missing_data_file(tmp_path: Path) -> None:
    exc = load_error(tmp_path / "nowhere.csv")
    assert exc.location == str(tmp_path / "nowhere.csv")
    assert "no such file" in str(exc)


# ---------------------------------------------------------------- no injection through IRIs or literals


def test_csv_values_cannot_inject_triples(tmp_path: Path) -> None:
    slug = "x> <http://evil/p> <http://evil/o"
    label = 'say "hi"\nthen > . <http://evil/s> <http://evil/p> "o" .'
    quoted_label = label.replace('"', '""')
    path = write(
        tmp_path / "elements.csv",
        ELEMENTS + f'"{slug}",Theme,Tema,"{quoted_label}",,,,,curated,uncertain,,,"note with > . and ""quotes"""\n',
    )
    kg = load_graph([path])
    assert list(kg.store.quads_for_pattern(None, ox.NamedNode("http://evil/p"), None, None)) == []
    # One node carries the label, with exactly that value, and its IRI is the minted slug.
    english = ox.Literal(label, language="en")
    holders = {q.subject for q in kg.store.quads_for_pattern(None, ox.NamedNode(v.SKOS + "prefLabel"), english, None)}
    assert holders == {ox.NamedNode(v.mint(slug))}
    assert "<" not in v.mint(slug) and " " not in v.mint(slug)
    assert ox.NamedNode(v.RKG + "Theme") in objects(kg, ox.NamedNode(v.mint(slug)), v.RDF + "type")
    # Nothing else mentions the evil namespace.
    assert not [q for q in kg.store if "http://evil/" in str(q.subject) + str(q.predicate)]


# ---------------------------------------------------------------- other inputs


def test_turtle_file_loads_into_a_graph_of_its_own(tmp_path: Path) -> None:
    path = write(
        tmp_path / "extra.ttl",
        "@prefix ex: <http://example.org/> .\nex:lake ex:near <https://w3id.org/resilience-kg/id/bpbd> .\n",
    )
    kg = load_graph([path])
    graph = v.GRAPH + "file/extra.ttl"
    assert graph in kg.graph_names()
    found = list(kg.store.quads_for_pattern(ox.NamedNode("http://example.org/lake"), None, None, None))
    assert [q.graph_name for q in found] == [ox.NamedNode(graph)]


def second_city(folder: Path, quote: str) -> Path:
    """A second city's workshop: its own sources.csv, text and tables, in one folder."""
    write(folder / "texts" / "surabaya.txt", "Lokakarya Surabaya dihadiri oleh Dinas Kebersihan Surabaya.\n")
    write(
        folder / "sources.csv",
        "id,title_id,title_en,date,file\n"
        "surabaya-2021,Laporan Lokakarya Surabaya,Report on the Surabaya workshop,2021-03-04,texts/surabaya.txt\n",
    )
    q = "Lokakarya Surabaya dihadiri oleh Dinas Kebersihan Surabaya"
    write(
        folder / "elements.csv",
        ELEMENTS
        + f"sby-workshop,Event,Lokakarya Surabaya,Surabaya workshop,,2021-03-04,,,report,,surabaya-2021,{q},\n"
        + f"sby-dk,GovernmentAgency,Dinas Kebersihan Surabaya,Surabaya Sanitation Agency,,,,,report,,surabaya-2021,"
        f"{quote},\n",
    )
    write(folder / "connections.csv", CONNECTIONS + f"sby-dk,sby-workshop,participatedIn,report,,surabaya-2021,{q},\n")
    return folder


def test_second_city_folder_loads_without_bundled_data(tmp_path: Path) -> None:
    folder = second_city(tmp_path / "surabaya", "Dinas Kebersihan Surabaya")
    kg = load_graph([folder], bundled=False)
    assert ox.NamedNode(v.RKG + "Event") in objects(kg, node("sby-workshop"), v.RDF + "type")
    assert objects(kg, node("sby-dk"), v.RKG + "participatedIn") == [node("sby-workshop")]
    assert objects(kg, node("bpbd"), v.RDF + "type") == []  # no Jakarta data
    quote = next(
        kg.store.quads_for_pattern(None, ox.NamedNode(v.OA + "exact"), ox.Literal("Dinas Kebersihan Surabaya"), None)
    )
    assert objects(kg, quote.subject, v.DCTERMS + "source") == [ox.NamedNode(v.mint("source/surabaya-2021"))]
    assert validate(kg).conforms


def test_second_city_quotes_are_checked_against_its_own_text(tmp_path: Path) -> None:
    # A quote from the Jakarta report is not in the Surabaya text.
    folder = second_city(tmp_path / "surabaya", "Sekretariat Jakarta Berketahanan")
    exc = load_error(folder, bundled=False)
    assert_at(exc, folder / "elements.csv", 3)
    assert "not an exact substring of source 'surabaya-2021'" in str(exc)


# ---------------------------------------------------------------- the CLI: exit 2, nothing written


def test_cli_build_with_bad_table_exits_2_and_writes_nothing(tmp_path: Path, runner) -> None:
    bad = write(
        tmp_path / "bad.csv", ELEMENTS + theme("ok-theme") + "x,Agency,Badan,Agency,,,,,curated,uncertain,,,n\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--data", str(bad), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{bad}:3" in result.output
    assert "Traceback" not in result.output
    assert not (out / "graph.ttl").exists()
    assert not (out / "graph.trig").exists()


def test_cli_failing_build_leaves_an_earlier_build_byte_identical(tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    good = runner.invoke(main, ["build", "--out", str(out)])
    assert good.exit_code == 0, good.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert before["graph.ttl"]
    bad = write(tmp_path / "bad.csv", ELEMENTS + "x,Theme,Tema,Theme,,,,,curated,high,,,n\n")
    result = runner.invoke(main, ["build", "--data", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{bad}:2" in result.output
    # A build that loads but does not conform (an issue with no pillar) exits 1, also writing nothing.
    lonely = write(tmp_path / "lonely.csv", ELEMENTS + "lonely,Issue,Isu,Issue,,,,,curated,uncertain,,,n\n")
    result = runner.invoke(main, ["build", "--data", str(lonely), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{lonely}:2" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
