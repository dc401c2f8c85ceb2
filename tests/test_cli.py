"""The ``resilience-kg`` command: help for every command, named queries, output files, build,
clean errors with exit code 2, and a start-up that does not import the heavy libraries."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import write

import resilience_kg
from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.graph.export import serialize

PARTICIPANTS_HEADER = "event,sector,actor,label_id,label_en"
BUNDLED_QUERIES = sorted(
    entry.name.removesuffix(".rq")
    for entry in files("resilience_kg.sparql").joinpath("queries").iterdir()
    if entry.name.endswith(".rq")
)


def command_names() -> list[str]:
    assert isinstance(main, click.Group)
    return sorted(main.commands)


# --- help and version ----------------------------------------------------------------------------


def test_the_readme_names_only_commands_that_exist_and_the_reference_lists_them_all() -> None:
    root = Path(__file__).resolve().parent.parent
    # Commands as the README shows them to be typed: at a line's start, after `, $ or .venv/bin/.
    readme = (root / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?:^|[`$/] ?)resilience-kg ([a-z][a-z-]+)", readme, re.M))
    assert named and named <= set(command_names()), named - set(command_names())
    reference = re.findall(r"^## ([a-z-]+)$", (root / "docs" / "cli.md").read_text(encoding="utf-8"), re.M)
    assert reference == command_names()


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(runner: CliRunner, name: str) -> None:
    command = main.commands[name]
    assert (command.help or "").strip(), f"{name} has no help text"
    assert command.get_short_help_str().strip()
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: main {name}" in result.stdout or f"{name} [OPTIONS]" in result.stdout
    assert command.help.strip().splitlines()[0][:30] in " ".join(result.stdout.split())
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.opts[-1] in result.stdout or param.opts[0] in result.stdout


def test_main_help_lists_every_command(runner: CliRunner) -> None:
    for args in (["--help"], ["-h"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0
        for name in command_names():
            assert name in result.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"resilience-kg, version {resilience_kg.__version__}"


def test_unknown_command_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["nosuch"])
    assert result.exit_code == 2
    assert "nosuch" in result.output


# --- named queries --------------------------------------------------------------------------------


def test_queries_lists_every_bundled_query(runner: CliRunner) -> None:
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == BUNDLED_QUERIES
    for line in lines:
        assert len(line.split(maxsplit=1)) == 2, f"no title shown: {line!r}"
    assert len(BUNDLED_QUERIES) >= 8


def test_participants_as_csv(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "-n", "participants", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == PARTICIPANTS_HEADER
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len(rows) - 1 == 22
    assert all(len(row) == 5 for row in rows)
    bpbd = [row[:3] for row in rows if row[2] == v.ID + "bpbd"]
    assert bpbd == [[v.ID + "joint-workshop-2019", "government", v.ID + "bpbd"]]


def test_unknown_name_suggests_near_names(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "-n", "participant"])
    assert result.exit_code == 2
    assert "did you mean" in result.output and "participants" in result.output
    assert "Traceback" not in result.output


def test_unknown_name_without_near_names_lists_them(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "-n", "nosuch"])
    assert result.exit_code == 2
    assert "'nosuch'" in result.output
    for name in BUNDLED_QUERIES:
        assert name in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["query", "SELECT * WHERE { ?s ?p ?o }", "-n", "participants"],
        ["query", "-n", "participants", "-f", "QUERY_FILE"],
        ["query", "SELECT * WHERE { ?s ?p ?o }", "-f", "QUERY_FILE"],
        ["query"],
    ],
)
def test_query_takes_exactly_one_source(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    rq = write(tmp_path / "q.rq", "SELECT * WHERE { ?s ?p ?o } LIMIT 1\n")
    args = [str(rq) if a == "QUERY_FILE" else a for a in args]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "exactly one" in result.output


def test_query_from_file(runner: CliRunner, tmp_path: Path) -> None:
    rq = write(
        tmp_path / "pillars.rq",
        "# the pillars\nSELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n\n",
    )
    result = runner.invoke(main, ["query", "-f", str(rq), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "SEHAT", "SIAP", "TERHUBUNG"]


def test_query_from_missing_file_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", "-f", str(tmp_path / "nosuch.rq")])
    assert result.exit_code == 2


def test_query_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    to_file = runner.invoke(main, ["query", "-n", "participants", "--format", "csv", "-o", str(out)])
    assert to_file.exit_code == 0, to_file.output
    assert PARTICIPANTS_HEADER not in to_file.stdout
    to_stdout = runner.invoke(main, ["query", "-n", "participants", "--format", "csv"])
    assert out.read_bytes() == to_stdout.stdout_bytes
    assert out.read_text().splitlines()[0] == PARTICIPANTS_HEADER


def test_unsafe_query_writes_no_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["query", "DELETE WHERE { ?s ?p ?o }", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


# --- export and build ------------------------------------------------------------------------------


def test_export_writes_a_file(runner: CliRunner, kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "x.ttl"
    result = runner.invoke(main, ["export", "--format", "turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    assert out.read_bytes() == serialize(kg, "turtle")
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))) == len(kg)


def test_export_requires_an_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "--format", "turtle"])
    assert result.exit_code == 2
    assert "-o" in result.output


def test_export_to_an_unwritable_place_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    """The CLI promises a message and exit code 2, never a traceback."""
    blocker = write(tmp_path / "a-file", "not a folder\n")
    result = runner.invoke(main, ["export", "-o", str(blocker / "x.ttl")])
    assert result.exit_code == 2, repr(result.exception)
    assert isinstance(result.exception, SystemExit)
    assert "Error" in result.output
    assert blocker.read_text() == "not a folder\n"


def _class_counts(kg: KnowledgeGraph) -> dict[str, int]:
    """Instances per class (largest count over the graphs), as the build summary defines it."""
    per: dict[tuple[str, str], set[str]] = {}
    for q in kg.store.quads_for_pattern(None, ox.NamedNode(v.RDF + "type"), None):
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(v.ID):
            per.setdefault((q.object.value, str(q.graph_name)), set()).add(q.subject.value)
    counts: dict[str, int] = {}
    for (cls, _), members in per.items():
        counts[cls] = max(counts.get(cls, 0), len(members))
    return counts


def test_build_writes_the_files_and_prints_counts(runner: CliRunner, kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig", "graph.ttl", "summary.json", "summary.md"]
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert set(trig) == set(kg.quads())
    ttl = {q.triple for q in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert ttl == {q.triple for q in kg.quads()}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["total"] == len(kg)
    assert (out / "summary.md").read_text().startswith("# Graph summary")
    counts = _class_counts(kg)
    lines = result.stdout.splitlines()
    for cls in (v.RKG + "Actor", v.RKG + "Pillar", v.RKG + "Issue"):
        short = v.shorten(cls)
        shown = [line.split() for line in lines if line.split()[:1] == [short]]
        assert shown == [[short, str(counts[cls])]], f"no count line for {short}"
    assert counts[v.RKG + "Pillar"] == 3
    assert "validation: conforms" in result.stdout


# --- running as a program ---------------------------------------------------------------------------


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "resilience_kg", "--help"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    for name in command_names():
        assert name in done.stdout


def test_help_does_not_import_the_heavy_libraries(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from resilience_kg.cli import main\n"
        "for args in (['--help'], ['query', '--help'], ['build', '--help'], ['export', '--help'], ['--version']):\n"
        "    try:\n"
        "        main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'networkx', 'pyvis') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_installed_script_runs() -> None:
    script = Path(sys.executable).with_name("resilience-kg")
    if not script.exists():
        pytest.skip(f"no console script beside {sys.executable}")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert resilience_kg.__version__ in done.stdout
