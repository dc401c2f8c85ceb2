"""The layout is the architecture: these tests read every module's imports and hold the rules the
README's Architecture section states.

- Each package sits on a layer and imports only from layers below it (type-only imports under
  ``TYPE_CHECKING`` excepted: they cost nothing at run time and create no dependency).
- No import cycles, counting imports made inside functions too.
- ``graph/`` never imports networkx.
- No subpackage grows past a dozen modules.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import resilience_kg

PACKAGE = Path(resilience_kg.__file__).parent

#: Lower numbers are lower layers. The base modules are shared by everything.
LAYERS = {
    "_version": 0, "errors": 0, "files": 0, "vocab": 0, "limits": 0, "tabulate": 0, "extras": 0,
    "data": 0, "ontology": 0,
    "graph": 1,
    "sparql": 2,
    "analysis": 3, "extract": 3,
    "formats": 4,
    "views": 5, "remote": 5,
    "server": 6,
    "cli": 7, "__main__": 8,
}  # fmt: skip
MAX_MODULES = 12


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
MODULE_NAMES = set(MODULES)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """Absolute module names imported by ``path`` at run time (anywhere in the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from resilience_kg.analysis import metrics` imports the module metrics; any other
                # name comes from the package's __init__ itself.
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULE_NAMES else node.module)
    return found


OURS = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def _layer(module: str) -> tuple[str, int]:
    top = module.split(".")[1] if module.count(".") else ""
    if top not in LAYERS:
        raise AssertionError(f"{module}: package {top!r} has no layer; add it to LAYERS and the README")
    return top, LAYERS[top]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "resilience_kg"))
def test_imports_go_only_downward(module: str) -> None:
    package, layer = _layer(module)
    upward = []
    for target in sorted(OURS[module]):
        if target == "resilience_kg":
            upward.append(f"{target} (import from the defining module, not the package's __init__)")
            continue
        other, other_layer = _layer(target)
        if other != package and (other_layer > layer or (other_layer == layer and layer > 0)):
            upward.append(f"{target} (layer {other_layer} >= {layer})")
    assert not upward, f"{module} imports upward or sideways: {upward}"


def test_no_import_cycles() -> None:
    done: set[str] = set()
    stack: list[str] = []

    def visit(module: str) -> None:
        if module in stack:
            cycle = [*stack[stack.index(module) :], module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        stack.append(module)
        for target in sorted(OURS[module]):
            # A package's __init__ only documents or re-exports lazily; a module importing its own
            # package is no cycle.
            if target != "resilience_kg" and not module.startswith(target + "."):
                visit(target)
        stack.pop()
        done.add(module)

    for module in sorted(MODULES):
        if module != "resilience_kg":
            visit(module)


def test_the_graph_layer_never_imports_networkx() -> None:
    offenders = {
        name: sorted(m for m in _imports(path) if m.split(".")[0] == "networkx")
        for name, path in MODULES.items()
        if name.startswith("resilience_kg.graph")
    }
    assert not {k: v for k, v in offenders.items() if v}


def test_a_nodes_notation_is_read_in_one_place() -> None:
    """``notation(g, node)`` in analysis/projection.py is the one reading of a pillar's notation."""
    pattern = re.compile(r"""\.get\(\s*["']notation["']\s*,""")
    found = [f"{path.relative_to(PACKAGE)}:{i}" for path in sorted(PACKAGE.rglob("*.py"))
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert [f.split(":")[0] for f in found] == ["analysis/projection.py"], found


def test_no_package_grows_past_a_dozen_modules() -> None:
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= MAX_MODULES, f"{folder.name}/ holds {len(modules)} modules: split it by concern"


def test_every_package_has_a_layer_and_a_docstring() -> None:
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        assert folder.name in LAYERS, f"{folder.name}/ has no layer in LAYERS"
        assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))), folder.name


def test_the_rules_catch_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: an upward import in a graph-layer file is found."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from resilience_kg.analysis.projection import project\n", encoding="utf-8")
    assert "resilience_kg.analysis.projection" in _imports(bad)
    typed = tmp_path / "typed.py"
    typed.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import networkx\n", encoding="utf-8")
    assert _imports(typed) == {"typing"}


def test_tests_import_helpers_not_conftest() -> None:
    """pytest owns conftest.py; what tests share lives in tests/helpers/."""
    tests = Path(__file__).parent
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("conftest", "tests") for n in names):
                offenders.append(f"{path.relative_to(tests)}:{node.lineno}")
    assert not offenders, offenders


def test_the_graph_server_queries_only_through_its_seam() -> None:
    """Every query of ``serve`` goes through ``server/executor.py``, which owns the deadline: no
    other module of the server calls the store, the pool or the killable runner itself (so a
    page cannot run a query the deadline does not reach). The review page is another program."""
    calls = re.compile(r"\.store\b|\.query\(|quads_for_pattern|triples_for_pattern|run_killable|\.arun\(")
    server = PACKAGE / "server"
    found = [f"{path.relative_to(PACKAGE)}:{i}: {line.strip()}"
             for path in sorted(server.glob("*.py")) if path.name != "executor.py"
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if calls.search(line) and not line.lstrip().startswith(("#", ">>>"))]
    assert not found, found


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 error")])
def test_a_missing_extra_skips_a_file_but_fails_under_ci(tmp_path: Path, ci: str, outcome: str) -> None:
    """``helpers.extra``: the tests of a file needing an extra that is not installed skip on a
    user's machine, and under ``CI=true`` (which installs every extra) fail, never skip."""
    import os
    import subprocess
    import sys

    tests = Path(__file__).parent
    (tmp_path / "test_needs.py").write_text(
        'from helpers import extra\n\nextra("no_such_module_here", extra="server")\n\n\n'
        "def test_uses_it() -> None:\n    pass\n", encoding="utf-8")
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(tests)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                           "-c", os.devnull, str(tmp_path / "test_needs.py")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert outcome in done.stdout, done.stdout + done.stderr
