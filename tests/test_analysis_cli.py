"""The analysis commands as a user runs them: ``analyze``, ``connections``, ``gaps`` and the network
formats of ``export``, with their files, pictures and error messages."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from resilience_kg import vocab as v
from resilience_kg.cli import main

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHAIN = "BPBD -> works on -> Early warning system -> under -> Jakarta SIAP"


def run(runner: CliRunner, *args: str, code: int = 0) -> Result:
    result = runner.invoke(main, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result


# --- analyze -------------------------------------------------------------------------------------------


def test_analyze_table_lists_the_actors(runner: CliRunner) -> None:
    out = run(runner, "analyze").stdout
    assert out.splitlines()[0] == "Window: all dates; 1 of 1 events: joint-workshop-2019 (2019-11-28)"
    header = out.splitlines()[1].split()
    assert header[:2] == ["name", "sector"]
    assert {"SEHAT", "SIAP", "TERHUBUNG"} <= set(header)
    bpbd = next(line for line in out.splitlines() if line.startswith("BPBD "))
    assert "government" in bpbd and "3.700" in bpbd
    assert "brokers: French businesses" in out


def test_analyze_csv(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(run(runner, "analyze", "--format", "csv").stdout)))
    assert len(rows) == 24
    assert next(r for r in rows if r["actor"] == "dishub")["TERHUBUNG"] == "3.1"


def test_analyze_json(runner: CliRunner) -> None:
    doc = json.loads(run(runner, "analyze", "--format", "json").stdout)
    assert [b["actor"] for b in doc["brokers"]] == ["french-businesses"]
    assert doc["notes"] == ["Window: all dates; 1 of 1 events: joint-workshop-2019 (2019-11-28)"]
    assert doc["parameters"]["report_only"] is False


def test_analyze_markdown(runner: CliRunner) -> None:
    out = run(runner, "analyze", "--format", "markdown").stdout
    assert "## Who connects to which pillar" in out
    assert "## Gaps" in out
    assert "| BPBD | government |" in out


def test_analyze_report_only_says_it_is_weaker(runner: CliRunner) -> None:
    out = run(runner, "analyze", "--report-only").stdout
    assert out.startswith("Report-only view")
    assert "weaker" in out
    doc = json.loads(run(runner, "analyze", "--report-only", "--format", "json").stdout)
    assert doc["parameters"]["report_only"] is True
    assert any("weaker" in note for note in doc["notes"])
    assert "weaker" not in run(runner, "analyze").stdout


def test_analyze_writes_report_plots_and_rdf(runner: CliRunner, tmp_path: Path) -> None:
    report, plots, rdf = tmp_path / "report.md", tmp_path / "plots", tmp_path / "analysis.trig"
    result = run(runner, "analyze", "--format", "markdown", "-o", str(report), "--plots", str(plots),
                 "--rdf", str(rdf))  # fmt: skip
    assert result.stdout == ""
    assert "## Who connects to which pillar" in report.read_text(encoding="utf-8")
    for name in ("heatmap.png", "brokers.png"):
        picture = (plots / name).read_bytes()
        assert picture.startswith(PNG_SIGNATURE), name
        assert len(picture) > 10_000, name
    graphs = {q.graph_name.value for q in ox.parse(path=str(rdf), format=ox.RdfFormat.TRIG)}
    assert graphs == {v.ANALYSIS_GRAPH}
    answer = run(runner, "query", "-n", "brokers", "--data", str(rdf), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(answer)))
    assert rows[0]["rank"] == "1"
    assert rows[0]["actor"].endswith("/french-businesses")


def test_brokers_query_without_the_analysis_returns_nothing(runner: CliRunner) -> None:
    answer = run(runner, "query", "-n", "brokers", "--format", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(answer)))) == 0


# --- connections ---------------------------------------------------------------------------------------


def test_connections_matrix(runner: CliRunner) -> None:
    lines = run(runner, "connections").stdout.splitlines()
    assert lines[0].startswith("Window: all dates; 1 of 1 events")
    assert lines[2].split() == ["actor", "name", "sector", "SEHAT", "SIAP", "TERHUBUNG"]
    assert lines[4].split()[0] == "bpbd"  # the strongest connection comes first


def test_connections_of_one_actor_to_one_pillar(runner: CliRunner) -> None:
    out = run(runner, "connections", "BPBD", "--pillar", "SIAP").stdout
    assert CHAIN in out
    assert "curated (uncertain)" in out
    assert "SEHAT" not in out and "TERHUBUNG" not in out


def test_connections_by_english_label_in_indonesian(runner: CliRunner) -> None:
    out = run(runner, "connections", "Environment Agency", "--lang", "id").stdout
    assert "DLH -> menangani -> Pengelolaan sampah -> di bawah -> Jakarta SEHAT" in out
    assert "works on" not in out


def test_connections_json(runner: CliRunner) -> None:
    doc = json.loads(run(runner, "connections", "bpbd", "--format", "json").stdout)
    assert CHAIN in [row["path"] for row in doc["rows"]]


def test_connections_misspelt_actor_suggests_the_name(runner: CliRunner) -> None:
    result = run(runner, "connections", "BPDB", code=2)
    assert "bpbd" in result.stderr
    assert "Traceback" not in result.output


def test_connections_unknown_pillar_is_an_error(runner: CliRunner) -> None:
    result = run(runner, "connections", "BPBD", "--pillar", "NOPE", code=2)
    assert "NOPE" in result.stderr


# --- gaps ----------------------------------------------------------------------------------------------


def test_gaps_csv(runner: CliRunner) -> None:
    out = run(runner, "gaps", "--format", "csv").stdout
    assert out.splitlines()[0] == "gap,what,where,why"
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"gap": "issue", "what": "Disaster-safe infrastructure", "where": "SIAP"}.items() <= rows[0].items()
    sehat = next(r for r in rows if r["gap"] == "pillar" and r["where"] == "SEHAT")
    assert "civil-society" in sehat["why"]


# --- export in network formats -------------------------------------------------------------------------


def check_graphml(path: Path) -> None:
    assert nx.read_graphml(path, force_multigraph=True).number_of_nodes() > 50


def check_gexf(path: Path) -> None:
    assert nx.read_gexf(path).number_of_nodes() > 50


def check_node_link(path: Path) -> None:
    assert len(json.loads(path.read_text(encoding="utf-8"))["links"]) > 100


def check_cytoscape(path: Path) -> None:
    assert len(json.loads(path.read_text(encoding="utf-8"))["elements"]["edges"]) > 100


def check_kumu(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["connections.csv", "elements.csv"]


@pytest.mark.parametrize(
    ("fmt", "check"),
    [("graphml", check_graphml), ("gexf", check_gexf), ("node-link", check_node_link),
     ("cytoscape", check_cytoscape), ("kumu-csv", check_kumu)],
)  # fmt: skip
def test_export_network_format(runner: CliRunner, tmp_path: Path, fmt: str, check: Callable[[Path], None]) -> None:
    out = tmp_path / f"network.{fmt}"
    result = run(runner, "export", "--format", fmt, "-o", str(out))
    assert str(out) in result.stdout
    check(out)


def test_export_report_only_leaves_curated_links_out(runner: CliRunner, tmp_path: Path) -> None:
    full, report = tmp_path / "full.graphml", tmp_path / "report.graphml"
    run(runner, "export", "--format", "graphml", "-o", str(full))
    run(runner, "export", "--format", "graphml", "--report-only", "-o", str(report))
    g_full = nx.read_graphml(full, force_multigraph=True)
    g_report = nx.read_graphml(report, force_multigraph=True)
    assert g_report.number_of_edges() < g_full.number_of_edges()
    assert {d["graph"] for _, _, d in g_report.edges(data=True)} == {"report"}
    assert "curated" in {d["graph"] for _, _, d in g_full.edges(data=True)}
