"""Tables a person reads in a terminal (issue 23, §5; issue 18, finding 10): fitted to the
terminal's width (COLUMNS, then the terminal), long cells wrapped and repeated text dropped, full
width for a pipe and for csv, tsv and json; and no control character from the data reaches the
terminal, in any table or line around it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from resilience_kg.cli import main
from resilience_kg.tabulate import aligned, terminal_width

# What a terminal would obey: C0 controls but the line break, DEL, C1 controls, bidi overrides.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EVIL = "Evil\x1b[2J\x1b]0;pwned\x07\u202eNGO"


@pytest.fixture(scope="module")
def evil_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An actor whose label and acronym hold a screen clear, a title change, a bell and a bidi
    override, at the bundled workshop and working on an issue."""
    folder = tmp_path_factory.mktemp("evil")
    write(folder / "elements.csv", "id,type,label_id,label_en,acronym,basis,confidence,note\n"
          f'evil-ngo,CivilSocietyOrganization,"{EVIL}","{EVIL}","{EVIL}",curated,uncertain,a test actor\n')
    write(folder / "connections.csv", "from,to,type,basis,confidence,note\n"
          "evil-ngo,joint-workshop-2019,participatedIn,curated,uncertain,a test link\n"
          "evil-ngo,issue-wastewater,worksOn,curated,uncertain,a test link\n")
    return folder


@pytest.mark.parametrize("command", [
    ["coattendance"], ["coattendance", "--format", "markdown"], ["timeline"], ["analyze"], ["gaps"],
    ["connections"], ["connections", "evil-ngo"],
    ["query", "SELECT ?a ?l WHERE { ?a skos:prefLabel ?l } ORDER BY ?a"],
])
@pytest.mark.parametrize("columns", ["", "80"])
def test_no_control_character_from_the_data_reaches_the_terminal(
    runner: CliRunner, evil_data: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = runner.invoke(main, [*command, "--data", str(evil_data)])
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.output), [m.group() for m in CONTROL.finditer(result.output)]
    if command[0] in ("coattendance", "query", "connections") and command != ["connections"]:
        assert "\\x1b[2J" in result.output  # shown, as an escape, not obeyed


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("command", [
    ["connections", "BPBD"], ["timeline"], ["query", "-n", "participants"], ["coattendance"], ["analyze"],
])
def test_tables_fit_columns_and_a_pipe_gets_full_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from collections import Counter

    monkeypatch.delenv("COLUMNS", raising=False)
    whole = runner.invoke(main, command)  # CliRunner's output is a pipe: no terminal
    assert whole.exit_code == 0 and widest(whole.output) > 90, widest(whole.output)
    monkeypatch.setenv("COLUMNS", "100")
    fitted = runner.invoke(main, command)
    assert fitted.exit_code == 0
    assert widest(fitted.output) <= 100, [line for line in fitted.output.splitlines() if len(line) > 100]
    # Wrapping moves text to other lines; it loses none (but that of repeated cells).
    def chars(text: str) -> Counter[str]:
        return Counter(c for c in text if not c.isspace() and c not in "-…")
    assert not chars(fitted.output) - chars(whole.output)


def test_connections_shows_a_repeated_path_start_once(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = runner.invoke(main, ["connections", "BPBD"]).output
    title = "Joint workshop of the Jakarta provincial government"
    monkeypatch.delenv("COLUMNS")
    assert runner.invoke(main, ["connections", "BPBD"]).output.count(title) == 6
    assert out.count("Joint workshop of") == 1 and "… -> had session -> Waste session" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_machine_formats_keep_full_width_whatever_the_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    whole = runner.invoke(main, ["query", "-n", "participants", "--format", fmt]).output
    monkeypatch.setenv("COLUMNS", "60")
    assert runner.invoke(main, ["query", "-n", "participants", "--format", fmt]).output == whole
    if fmt != "tsv":
        assert runner.invoke(main, ["connections", "BPBD", "--format", fmt]).output == \
            runner.invoke(main, ["connections", "BPBD", "--format", fmt], env={"COLUMNS": ""}).output


def test_the_width_comes_from_columns_then_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setenv("COLUMNS", "77")
    assert terminal_width() == 77
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert terminal_width() is None


def test_a_table_that_cannot_fit_keeps_its_headers_whole() -> None:
    header = ["participation", "betweenness", "broker_rank"]
    text = aligned(header, [["0.500", "0.25", "1"]], width=20)
    assert text.splitlines()[0].split() == header


@pytest.mark.parametrize("command", [["analyze"], ["timeline"], ["query", "-n", "participants"]])
def test_a_table_written_to_a_file_keeps_full_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: list[str]
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    whole = runner.invoke(main, command).output
    monkeypatch.setenv("COLUMNS", "60")
    assert widest(runner.invoke(main, command).output) <= 100  # on the terminal: fitted
    out = tmp_path / "table.txt"
    assert runner.invoke(main, [*command, "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == whole  # in the file: every cell whole
