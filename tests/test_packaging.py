"""The package data: every bundled query and Turtle file loads through importlib.resources, and
the wheel ships all of it (the package-data globs in pyproject.toml cover every file)."""

from __future__ import annotations

import fnmatch
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import IN_CI
from packaging.requirements import Requirement
from packaging.version import Version

from resilience_kg.ontology import ontology_file, shapes_file
from resilience_kg.sparql.guard import check_query

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def bundled_queries() -> list[Traversable]:
    folder = files("resilience_kg.sparql").joinpath("queries")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".rq")), key=lambda e: e.name)


def bundled_turtle() -> list[Traversable]:
    folder = files("resilience_kg.ontology")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".ttl")), key=lambda e: e.name)


QUERIES = bundled_queries()
QUERY_IDS = [q.name for q in QUERIES]


def test_queries_are_bundled() -> None:
    assert len(QUERIES) >= 8
    assert "participants.rq" in QUERY_IDS


@pytest.mark.parametrize("entry", QUERIES, ids=QUERY_IDS)
def test_every_query_parses_in_pyoxigraph(entry: Traversable) -> None:
    text = entry.read_text(encoding="utf-8")
    # No default prefixes given: each file declares what it uses, so it runs in any SPARQL tool.
    result = ox.Store().query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples)
    if isinstance(result, ox.QuerySolutions):
        assert result.variables
        assert list(result) == []


@pytest.mark.parametrize("entry", QUERIES, ids=QUERY_IDS)
def test_every_query_has_a_title_header(entry: Traversable) -> None:
    lines = entry.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    titles = [line.removeprefix("# title:").strip() for line in header if line.startswith("# title:")]
    assert len(titles) == 1, f"{entry.name}: the leading comments need exactly one '# title:' line"
    assert titles[0], f"{entry.name}: empty title"


@pytest.mark.parametrize("entry", QUERIES, ids=QUERY_IDS)
def test_every_query_passes_the_safety_check(entry: Traversable) -> None:
    assert check_query(entry.read_text(encoding="utf-8")) in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def test_ontology_and_shapes_parse() -> None:
    names = {e.name for e in bundled_turtle()}
    assert {"resilience.ttl", "shapes.ttl"} <= names
    for resource in (ontology_file(), shapes_file(), *bundled_turtle()):
        quads = list(ox.parse(resource.read_bytes(), format=ox.RdfFormat.TURTLE))
        assert len(quads) > 50, resource.name
    shapes = list(ox.parse(shapes_file().read_bytes(), format=ox.RdfFormat.TURTLE))
    node_shape = ox.NamedNode("http://www.w3.org/ns/shacl#NodeShape")
    assert any(q.object == node_shape for q in shapes)


# --- the package-data globs --------------------------------------------------------------------------


def data_files_on_disk() -> dict[str, list[str]]:
    """Every non-Python file inside each package folder, as a path relative to the package."""
    found: dict[str, list[str]] = {}
    for folder in sorted((ROOT / "resilience_kg").rglob("*")):
        if not folder.is_dir() and folder.suffix not in (".py", ".pyc"):
            if "__pycache__" in folder.parts:
                continue
            package_dir = folder.parent
            while not (package_dir / "__init__.py").exists():
                package_dir = package_dir.parent
            package = ".".join(package_dir.relative_to(ROOT).parts)
            found.setdefault(package, []).append(folder.relative_to(package_dir).as_posix())
    return found


def test_package_data_globs_cover_every_data_file() -> None:
    globs: dict[str, list[str]] = PYPROJECT["tool"]["setuptools"]["package-data"]
    on_disk = data_files_on_disk()
    assert on_disk, "no data files found"
    missed = [
        f"{package}/{rel}"
        for package, rels in on_disk.items()
        for rel in rels
        if not any(fnmatch.fnmatch(rel, pattern) for pattern in globs.get(package, []) + globs.get("*", []))
    ]
    assert missed == [], f"not covered by [tool.setuptools.package-data]: {missed}"


def _build_backend_missing() -> str | None:
    """Why the build backend pyproject.toml asks for is not in this environment, or None."""
    for spec in PYPROJECT["build-system"]["requires"]:
        req = Requirement(spec)
        try:
            installed = importlib.metadata.version(req.name)
        except importlib.metadata.PackageNotFoundError:
            return f"{req.name} is not installed in {sys.prefix}"
        if not req.specifier.contains(Version(installed), prereleases=True):
            return f"{req.name} {installed} is installed in {sys.prefix}, pyproject.toml needs {spec}"
    if PYPROJECT["build-system"]["build-backend"] == "setuptools.build_meta":
        # Before 70.1 setuptools needs the separate `wheel` package to build a wheel.
        if Version(importlib.metadata.version("setuptools")) < Version("70.1"):
            try:
                importlib.metadata.version("wheel")
            except importlib.metadata.PackageNotFoundError:
                return "setuptools < 70.1 needs the `wheel` package to build a wheel, and it is not installed"
    return None


def _copy_source(dest: Path) -> Path:
    """The files a build reads, copied so that a stale build/ folder in the work tree cannot
    hide a missing file, and the build leaves nothing behind in it."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", "MANIFEST.in", "setup.py", "setup.cfg", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(
        ROOT / "resilience_kg", dest / "resilience_kg", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    return dest


def test_wheel_ships_the_package_data(tmp_path: Path) -> None:
    why = _build_backend_missing()
    if why is not None:
        message = f"cannot build a wheel offline: {why} (pip wheel --no-build-isolation installs nothing)"
        if IN_CI:
            pytest.fail(message + "; CI must install the build backend")
        pytest.skip(message)
    source = _copy_source(tmp_path / "src")
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(wheels), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [wheel] = list(wheels.glob("resilience_kg-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    expected = {
        "resilience_kg/ontology/resilience.ttl",
        "resilience_kg/ontology/shapes.ttl",
        "resilience_kg/data/elements.csv",
        "resilience_kg/data/connections.csv",
        "resilience_kg/data/sources.csv",
    }
    expected |= {f"resilience_kg/sparql/queries/{q.name}" for q in QUERIES}
    texts = sorted(p.name for p in (ROOT / "resilience_kg" / "data" / "sources").glob("*.txt"))
    assert texts, "no bundled source texts"
    expected |= {f"resilience_kg/data/sources/{name}" for name in texts}
    missing = sorted(expected - names)
    assert missing == [], f"the wheel lacks {missing}"
    # and every data file on disk, whatever its kind
    for package, rels in data_files_on_disk().items():
        for rel in rels:
            assert f"{package.replace('.', '/')}/{rel}" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_vis_network_is_where_the_pinned_pyvis_ships_it() -> None:
    """The views inline vis-network from pyvis's package data; a pyvis that moves it fails here."""
    from resilience_kg.views import page

    script = page._vis_asset("vis-network.min.js")
    assert "vis-network" in script[:2000] and len(script) > 100_000


def test_a_moved_vis_asset_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from resilience_kg.errors import ResilienceKGError
    from resilience_kg.views import page

    monkeypatch.setattr(page, "VIS_VERSION", "0.0.0")
    with pytest.raises(ResilienceKGError, match=r"pyvis/lib/vis-0\.0\.0/vis-network\.min\.js.*pyproject\.toml pins"):
        page._vis_asset("vis-network.min.js")
