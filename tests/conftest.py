"""Shared fixtures: the bundled graph (loaded once), a CLI runner, and a folder of test tables."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.graph.dataset import KnowledgeGraph, load_graph

IN_CI = os.environ.get("CI", "").lower() == "true"


# Markers for whole files, so that `make test-fast` can leave out what needs a browser or a server.
_FILE_MARKERS = {
    "test_views_browser.py": ("browser",),
    "test_serve.py": ("server",),
    "test_push.py": ("server",),
    "test_notebooks.py": ("notebooks", "slow"),
    "test_golden.py": ("slow",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name in _FILE_MARKERS.get(item.path.name, ()):
            item.add_marker(name)
        if "virtuoso" in getattr(item, "fixturenames", ()):
            item.add_marker("virtuoso")


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The bundled Jakarta 2019 graph. Read-only: tests must not change it."""
    return load_graph()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def require(tool: str) -> str:
    """Path of a system tool; skip where it is missing, but fail under CI, which must have it."""
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is required under CI=true; .ci/run must install it")
        pytest.skip(f"{tool} is not installed on this machine")
    return path


def write(path: Path, text: str) -> Path:
    """Write a small fixture file (UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
