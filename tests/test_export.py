"""Exports: deterministic, lossless in every format (read back by pyoxigraph and rdflib),
one named graph at a time on request, prefixes bound, and written atomically."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

import resilience_kg.graph.export as export_module
from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.graph.export import EXTENSIONS, export, serialize

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
TRIPLE_FORMATS = ("turtle", "nt", "xml")
DATASET_FORMATS = ("trig", "nquads", "jsonld")
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "xml": "xml", "trig": "trig", "nquads": "nquads"}

BPBD = ox.NamedNode(v.ID + "bpbd")
PARTICIPATED_IN = ox.NamedNode(v.RKG + "participatedIn")
WORKSHOP = ox.NamedNode(v.ID + "joint-workshop-2019")
WORKS_ON = ox.NamedNode(v.RKG + "worksOn")


def leftover_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


# --- converting pyoxigraph terms to rdflib ones, to compare with what rdflib parses ----------------

XSD_STRING = v.XSD + "string"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise AssertionError(f"the bundled graph has no blank nodes; got {term!r}")


@contextmanager
def rdflib_internal_deprecations_ignored() -> Iterator[None]:
    """rdflib 7.6 calls its own deprecated API inside ``Dataset.parse`` (``default_context``,
    ``ConjunctiveGraph``); ignore deprecations raised from rdflib's own modules only (the project
    runs pytest with warnings as errors), so one from our code would still fail."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib(\.|$)")
        yield


def rdflib_dataset(data: bytes, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    with rdflib_internal_deprecations_ignored():
        ds.parse(data=data, format=fmt)
    return ds


def rdflib_quads(ds: rdflib.Dataset) -> set[tuple[rdflib.term.Node, ...]]:
    with rdflib_internal_deprecations_ignored():
        return set(ds.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def rdflib_copy(kg: KnowledgeGraph) -> rdflib.Dataset:
    with rdflib_internal_deprecations_ignored():
        return kg.to_rdflib()


@pytest.fixture(scope="module")
def source_quads(kg: KnowledgeGraph) -> set[ox.Quad]:
    quads = set(kg.quads("all"))
    assert len(quads) == len(kg)
    return quads


@pytest.fixture(scope="module")
def source_triples(source_quads: set[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in source_quads}


# --- every format -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
def test_export_twice_is_byte_identical(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    first = export(kg, tmp_path / f"a{EXTENSIONS[fmt]}", fmt)
    second = export(kg, tmp_path / f"b{EXTENSIONS[fmt]}", fmt)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == serialize(kg, fmt)
    assert leftover_temp_files(tmp_path) == []


def test_export_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """Hash seeds differ between processes; the bytes must not."""
    script = (
        "import sys, hashlib\n"
        "from resilience_kg.graph.dataset import load_graph\n"
        "from resilience_kg.graph.export import serialize\n"
        "kg = load_graph()\n"
        "print(' '.join(hashlib.sha256(serialize(kg, f)).hexdigest() for f in sys.argv[1:]))\n"
    )
    fmts = sorted(OX_FORMATS)
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, *fmts], env=env, capture_output=True, text=True, timeout=120, check=True
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_read_back_in_pyoxigraph(
    kg: KnowledgeGraph, source_triples: set[ox.Triple], tmp_path: Path, fmt: str
) -> None:
    path = export(kg, tmp_path / f"graph{EXTENSIONS[fmt]}", fmt)
    parsed = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    assert all(q.graph_name == ox.DefaultGraph() for q in parsed)
    assert len(parsed) == len(source_triples)
    assert {q.triple for q in parsed} == source_triples


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_formats_read_back_in_pyoxigraph_with_named_graphs(
    kg: KnowledgeGraph, source_quads: set[ox.Quad], tmp_path: Path, fmt: str
) -> None:
    path = export(kg, tmp_path / f"graph{EXTENSIONS[fmt]}", fmt)
    parsed = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    assert len(parsed) == len(source_quads)
    assert set(parsed) == source_quads
    assert {q.graph_name.value for q in parsed} == set(kg.graph_names())
    assert {v.REPORT_GRAPH, v.CURATED_GRAPH, v.ONTOLOGY_GRAPH, v.PROVENANCE_GRAPH} <= set(kg.graph_names())


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
def test_formats_read_back_in_rdflib(kg: KnowledgeGraph, source_quads: set[ox.Quad], fmt: str) -> None:
    data = serialize(kg, fmt)
    if fmt in DATASET_FORMATS:
        got = rdflib_quads(rdflib_dataset(data, RDFLIB_FORMATS[fmt]))
        expected = {
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), rdflib.URIRef(q.graph_name.value))
            for q in source_quads
        }
    else:
        g = rdflib.Graph()
        g.parse(data=data, format=RDFLIB_FORMATS[fmt])
        got = set(g)
        expected = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in source_quads}
    assert len(got) == len(expected)
    assert got == expected


def test_turtle_is_isomorphic_to_the_merged_rdflib_copy(kg: KnowledgeGraph, rdflib_copy: rdflib.Dataset) -> None:
    exported = rdflib.Graph()
    exported.parse(data=serialize(kg, "turtle"), format="turtle")
    merged = rdflib.Graph()
    for s, p, o, _ in rdflib_quads(rdflib_copy):
        merged.add((s, p, o))
    assert len(merged) == len(exported) > 1000
    assert isomorphic(exported, merged)


def test_trig_is_isomorphic_to_the_rdflib_copy_graph_by_graph(kg: KnowledgeGraph, rdflib_copy: rdflib.Dataset) -> None:
    exported = rdflib_dataset(serialize(kg, "trig"), "trig")
    for name in kg.graph_names():
        with rdflib_internal_deprecations_ignored():
            ours = exported.graph(rdflib.URIRef(name))
            theirs = rdflib_copy.graph(rdflib.URIRef(name))
        assert len(ours) > 0
        assert isomorphic(ours, theirs), name


def test_jsonld_has_an_inline_context_and_nothing_remote(kg: KnowledgeGraph) -> None:
    doc = json.loads(serialize(kg, "jsonld"))
    context = doc["@context"]
    assert isinstance(context, dict)
    assert context["rkg"] == v.RKG and context["id"] == v.ID

    def contexts(node: object) -> list[object]:
        found = []
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    found.append(value)
                found += contexts(value)
        elif isinstance(node, list):
            for item in node:
                found += contexts(item)
        return found

    found = contexts(doc)
    assert found
    for ctx in found:
        # A string (or a list holding one) names a remote context a JSON-LD processor fetches;
        # so does @import.
        assert isinstance(ctx, dict), f"a remote or list context: {ctx!r}"
        assert "@import" not in ctx


def test_jsonld_reads_in_rdflib_offline(
    kg: KnowledgeGraph, source_quads: set[ox.Quad], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"rdflib tried to fetch something: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    got = rdflib_quads(rdflib_dataset(serialize(kg, "jsonld"), "json-ld"))
    expected = {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), rdflib.URIRef(q.graph_name.value))
        for q in source_quads
    }
    assert got == expected


# --- prefixes ------------------------------------------------------------------------------------------


def test_turtle_binds_the_prefixes(kg: KnowledgeGraph) -> None:
    text = serialize(kg, "turtle").decode()
    lines = text.splitlines()
    head = [line for line in lines[: len(v.PREFIXES)]]
    assert all(line.startswith("@prefix ") for line in head)
    assert f"@prefix rkg: <{v.RKG}> ." in head
    assert f"@prefix id: <{v.ID}> ." in head
    assert "\nid:bpbd a rkg:Actor" in text
    assert "<https://w3id.org/resilience-kg/id/bpbd>" not in text


def test_nt_and_nquads_use_full_iris(kg: KnowledgeGraph) -> None:
    # Line formats carry no prefixes: a strict parser reads them back to the same statements.
    quads = ox.parse(serialize(kg, "nquads"), format=ox.RdfFormat.N_QUADS)
    assert sorted(map(str, quads)) == sorted(map(str, kg.quads()))
    triples = {q.triple for q in ox.parse(serialize(kg, "nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert triples == {q.triple for q in kg.quads()}
    assert ox.NamedNode("https://w3id.org/resilience-kg/id/bpbd") in {t.subject for t in triples}


# --- one graph ---------------------------------------------------------------------------------------


def test_report_graph_only(kg: KnowledgeGraph) -> None:
    parsed = {q.triple for q in ox.parse(serialize(kg, "turtle", graph="report"), format=ox.RdfFormat.TURTLE)}
    assert ox.Triple(BPBD, PARTICIPATED_IN, WORKSHOP) in parsed
    assert not any(t.predicate == WORKS_ON for t in parsed)  # curated, not reported
    assert parsed == {q.triple for q in kg.quads("report")}
    assert not any(t.predicate == ox.NamedNode(v.RDF + "subject") for t in parsed)  # no provenance


def test_curated_graph_has_the_works_on_triples(kg: KnowledgeGraph) -> None:
    parsed = {q.triple for q in ox.parse(serialize(kg, "turtle", graph="curated"), format=ox.RdfFormat.TURTLE)}
    works_on = {t for t in parsed if t.predicate == WORKS_ON}
    assert works_on
    assert works_on == {q.triple for q in kg.store.quads_for_pattern(None, WORKS_ON, None)}
    assert ox.Triple(BPBD, PARTICIPATED_IN, WORKSHOP) not in parsed


def test_one_graph_in_a_dataset_format_keeps_its_name(kg: KnowledgeGraph) -> None:
    parsed = list(ox.parse(serialize(kg, "nquads", graph="curated"), format=ox.RdfFormat.N_QUADS))
    assert parsed and {q.graph_name.value for q in parsed} == {v.CURATED_GRAPH}


def test_graph_by_iri(kg: KnowledgeGraph) -> None:
    assert serialize(kg, "nt", graph=v.REPORT_GRAPH) == serialize(kg, "nt", graph="report")


def test_unknown_graph_is_an_error(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ResilienceKGError, match="nosuch") as info:
        export(kg, tmp_path / "x.ttl", "turtle", graph="nosuch")
    assert "report" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_an_error(kg: KnowledgeGraph) -> None:
    with pytest.raises(ResilienceKGError, match="turtle"):
        serialize(kg, "n3")


def test_cli_export_one_graph(runner: CliRunner, kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "report.ttl"
    result = runner.invoke(main, ["export", "--format", "turtle", "--graph", "report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == serialize(kg, "turtle", graph="report")


def test_cli_export_unknown_graph_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.ttl"
    result = runner.invoke(main, ["export", "--graph", "nosuch", "-o", str(out)])
    assert result.exit_code == 2
    assert "unknown graph" in result.output
    assert not out.exists()


# --- atomic writes ----------------------------------------------------------------------------------------


def test_failed_serialisation_leaves_the_old_file(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old contents\n")

    def boom(*args: object, **kwargs: object) -> bytes:
        raise ResilienceKGError("serialiser failed")

    monkeypatch.setattr(export_module, "serialize", boom)
    with pytest.raises(ResilienceKGError, match="serialiser failed"):
        export(kg, target, "turtle")
    assert target.read_bytes() == b"old contents\n"
    assert leftover_temp_files(tmp_path) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failure_while_writing_leaves_the_old_file_and_no_temp(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old contents\n")
    real = getattr(os, step)
    calls: list[tuple[object, ...]] = []

    def boom(*args: object) -> None:
        calls.append(args)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, step, boom)
    try:
        with pytest.raises(OSError, match="No space"):
            export(kg, target, "turtle")
    finally:
        monkeypatch.setattr(os, step, real)
    assert calls, f"os.{step} was never called"
    assert target.read_bytes() == b"old contents\n"
    assert leftover_temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_cli_export_failure_keeps_the_old_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old contents\n")

    def boom(*args: object, **kwargs: object) -> bytes:
        raise ResilienceKGError("serialiser failed")

    monkeypatch.setattr(export_module, "serialize", boom)
    result = runner.invoke(main, ["export", "-o", str(target)])
    assert result.exit_code == 2
    assert "serialiser failed" in result.output
    assert target.read_bytes() == b"old contents\n"
    assert leftover_temp_files(tmp_path) == []


class TestAtomicWrite:
    def test_writes_the_bytes_and_returns_the_path(self, tmp_path: Path) -> None:
        path = atomic_write(tmp_path / "a.bin", b"\x00\x01data\n")
        assert path == tmp_path / "a.bin"
        assert path.read_bytes() == b"\x00\x01data\n"
        assert leftover_temp_files(tmp_path) == []

    def test_accepts_a_string_path_and_makes_parent_folders(self, tmp_path: Path) -> None:
        path = atomic_write(str(tmp_path / "deep" / "er" / "a.txt"), b"x")
        assert path.read_bytes() == b"x"

    def test_replaces_an_existing_file(self, tmp_path: Path) -> None:
        target = tmp_path / "a.txt"
        target.write_bytes(b"old, and longer than the new contents")
        atomic_write(target, b"new")
        assert target.read_bytes() == b"new"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]

    def test_empty_data(self, tmp_path: Path) -> None:
        assert atomic_write(tmp_path / "empty", b"").read_bytes() == b""

    def test_the_temporary_file_is_beside_the_target(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        moves: list[tuple[str, str]] = []
        real_replace = os.replace

        def spy(src: str, dst: str) -> None:
            moves.append((str(src), str(dst)))
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", spy)
        atomic_write(tmp_path / "a.txt", b"x")
        monkeypatch.setattr(os, "replace", real_replace)
        [(src, dst)] = moves
        assert Path(src).parent == tmp_path  # same folder, so the rename is atomic
        assert Path(src).name.startswith(".a.txt.") and src.endswith(".tmp")
        assert Path(dst) == tmp_path / "a.txt"

    def test_a_failed_write_leaves_the_old_file(self, tmp_path: Path) -> None:
        target = tmp_path / "a.txt"
        target.write_bytes(b"old")
        with pytest.raises(TypeError):
            atomic_write(target, "not bytes")  # type: ignore[arg-type]
        assert target.read_bytes() == b"old"
        assert leftover_temp_files(tmp_path) == []

    def test_a_failed_rename_removes_the_temporary_file(self, tmp_path: Path) -> None:
        target = tmp_path / "a-folder"
        target.mkdir()
        (target / "inside").write_bytes(b"keep")
        with pytest.raises(OSError):
            atomic_write(target, b"x")  # a non-empty folder cannot be replaced by a file
        assert (target / "inside").read_bytes() == b"keep"
        assert leftover_temp_files(tmp_path) == []

    def test_interrupt_removes_the_temporary_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def interrupted(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            atomic_write(tmp_path / "a.txt", b"x")
        monkeypatch.undo()
        assert list(tmp_path.iterdir()) == []

    def test_file_mode_is_that_of_an_ordinary_new_file(self, tmp_path: Path) -> None:
        """An export is meant to be shared: it gets the usual permissions (umask), not 0600."""
        plain = tmp_path / "plain.txt"
        plain.write_bytes(b"x")
        written = atomic_write(tmp_path / "atomic.txt", b"x")
        got, usual = stat.S_IMODE(written.stat().st_mode), stat.S_IMODE(plain.stat().st_mode)
        assert got == usual, f"atomic_write made a {got:o} file where open() makes {usual:o}"
