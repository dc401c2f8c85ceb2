"""Shared fixtures: the bundled graph (loaded once) and a CLI runner; markers for whole files.

Helpers that tests import (paths of system tools, fixture files, browsers, servers) live in the
``helpers`` package beside this file, never here: pytest owns conftest.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from resilience_kg.graph.dataset import KnowledgeGraph, load_graph

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
