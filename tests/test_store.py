"""The on-disk store (``build --store DIR``): every reading command gives the same answers from
it as from the data, a rebuild replaces it whole, a failed build leaves it as it was, folders
that are not stores are refused, and queries on a store still stop at their timeout."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from resilience_kg.cli import main
from resilience_kg.errors import DataError, QueryTimeout
from resilience_kg.graph.store import MARKER, open_store
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import query

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ELEMENTS = "id,type,label_id,label_en,acronym,date,value,unit_text,basis,confidence,source,quote,note\n"
# Loads, but does not conform to the shapes: an issue needs a pillar.
LONELY_ISSUE = ELEMENTS + "lonely-issue,Issue,Isu sepi,Lonely issue,,,,,curated,uncertain,,,test\n"
# One more actor, in its own graph (a Turtle file gets a graph named after it).
EXTRA_ACTOR = """@prefix rkg: <https://w3id.org/resilience-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/resilience-kg/id/extra-test-actor> skos:prefLabel "Extra test actor"@en .
"""
EXTRA_ASK = 'ASK { ?a skos:prefLabel "Extra test actor"@en }'


def invoke(runner: CliRunner, *args: str) -> str:
    """Run the CLI; fail with its output unless it exits 0; return its stdout."""
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, f"{args}: exit {result.exit_code}\n{result.output}"
    return result.stdout


def build_store(runner: CliRunner, tmp: Path, *data: str, store: str = "db") -> Path:
    args = ["build", "--out", str(tmp / "out"), "--store", str(tmp / store)]
    for path in data:
        args += ["--data", path]
    invoke(runner, *args)
    return tmp / store


def siblings(store: Path) -> list[str]:
    """The leftovers a build could leave beside the store: ``.NAME.new-*`` and ``.NAME.old-*``."""
    return sorted(p.name for p in store.parent.iterdir() if p.name.startswith(f".{store.name}."))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled data, shared by the tests that only read it."""
    return build_store(CliRunner(), tmp_path_factory.mktemp("store"))


def test_build_store_writes_a_marked_store(store: Path) -> None:
    assert (store / MARKER).is_file()
    meta = json.loads((store / MARKER).read_text(encoding="utf-8"))
    assert meta["quads"] > 1000
    assert siblings(store) == []


@pytest.mark.parametrize("name", ["actor-pillars", "participants"])
def test_query_on_a_store_gives_the_same_csv_as_without(runner: CliRunner, store: Path, name: str) -> None:
    from_data = invoke(runner, "query", "-n", name, "--format", "csv")
    from_store = invoke(runner, "query", "-n", name, "--format", "csv", "--store", str(store))
    assert from_store == from_data
    assert from_data.count("\n") > 10


def test_analyze_accepts_store(runner: CliRunner, store: Path) -> None:
    assert invoke(runner, "analyze", "--format", "csv", "--store", str(store)) == invoke(
        runner, "analyze", "--format", "csv"
    )


def test_viz_accepts_store(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    with_store = invoke(runner, "viz", "-o", str(tmp_path / "a.html"), "--store", str(store))
    without = invoke(runner, "viz", "-o", str(tmp_path / "b.html"))
    # "wrote PATH (N nodes, M links)": the same network from both.
    assert with_store.split("(", 1)[1] == without.split("(", 1)[1]
    assert (tmp_path / "a.html").stat().st_size > 1000


@pytest.mark.parametrize("fmt", ["trig", "nquads", "kumu-csv", "graphml", "gexf", "node-link", "cytoscape"])
def test_export_accepts_store_and_gives_the_same_bytes(runner: CliRunner, store: Path, tmp_path: Path,
                                                       fmt: str) -> None:
    # Exports promise "same data, same bytes" (so a re-export does not show up as a change in
    # version control); reading the same data from a store must not change the file either.
    invoke(runner, "export", "--format", fmt, "-o", str(tmp_path / "from-store"), "--store", str(store))
    invoke(runner, "export", "--format", fmt, "-o", str(tmp_path / "from-data"))
    from_store, from_data = (tmp_path / "from-store").read_bytes(), (tmp_path / "from-data").read_bytes()
    assert len(from_store) == len(from_data) > 1000
    assert from_store == from_data, f"export --format {fmt}: the same data gives other bytes from a store"


def test_rebuild_replaces_the_store_and_leaves_no_siblings(runner: CliRunner, tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.ttl", EXTRA_ACTOR)
    db = build_store(runner, tmp_path, str(extra))
    assert invoke(runner, "query", EXTRA_ASK, "--store", str(db)) == "yes\n"
    build_store(runner, tmp_path)  # the same folder, now without the extra file
    assert invoke(runner, "query", EXTRA_ASK, "--store", str(db)) == "no\n"
    assert siblings(db) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "extra.ttl", "out"]


def test_failed_build_leaves_the_existing_store_untouched(runner: CliRunner, tmp_path: Path) -> None:
    db = build_store(runner, tmp_path)
    before = invoke(runner, "query", "-n", "actor-pillars", "--format", "csv", "--store", str(db))
    marker = (db / MARKER).read_bytes()
    bad = write(tmp_path / "bad" / "elements.csv", LONELY_ISSUE)
    result = runner.invoke(main, ["build", "--out", str(tmp_path / "out2"), "--store", str(db), "--data", str(bad)])
    assert result.exit_code == 1, result.output
    assert "an issue needs a pillar" in result.output
    assert (db / MARKER).read_bytes() == marker
    assert invoke(runner, "query", "-n", "actor-pillars", "--format", "csv", "--store", str(db)) == before
    assert invoke(runner, "query", 'ASK { ?i skos:prefLabel "Lonely issue"@en }', "--store", str(db)) == "no\n"
    assert siblings(db) == []


def test_a_folder_that_is_not_a_store_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write(folder / "notes.txt", "my notes\n")
    result = runner.invoke(main, ["query", "-n", "actors", "--store", str(folder)])
    assert result.exit_code == 2
    assert f"{folder} is not a resilience-kg store" in result.output
    assert "build --store" in result.output
    assert "Traceback" not in result.output
    # Building into it is refused too, and the folder keeps what it held.
    result = runner.invoke(main, ["build", "--out", str(tmp_path / "out"), "--store", str(folder)])
    assert result.exit_code == 2
    assert "is not a resilience-kg store; refusing to overwrite it" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes\n"


def test_a_missing_store_is_refused_by_open_store(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is not a resilience-kg store"):
        open_store(tmp_path / "nothing-here")


def test_store_with_data_is_a_clear_error(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.ttl", EXTRA_ACTOR)
    for command in (["query", "-n", "actors"], ["analyze"], ["export", "-o", str(tmp_path / "x.ttl")]):
        result = runner.invoke(main, [*command, "--store", str(store), "--data", str(extra)])
        assert result.exit_code == 2, result.output
        assert "give either --store or --data/--no-bundled" in result.output
    assert not (tmp_path / "x.ttl").exists()


def test_open_store_queries_run_in_the_killable_child(store: Path, kg) -> None:
    graph = open_store(store)
    assert graph.store_path == store / "oxigraph"
    participants = get_query("participants").text
    expected = query(kg, participants).serialize("csv")
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        query(graph, RUNAWAY, timeout=1)
    assert time.monotonic() - started < 10
    # The store still answers, and answers right, after the child was killed.
    again = query(graph, participants)
    assert again.serialize("csv") == expected
    assert len(again.rows) == 22
