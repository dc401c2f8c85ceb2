"""Shared fixtures: the bundled graph (loaded once), a CLI runner, one browser for the run;
markers for whole files.

Helpers that tests import (paths of system tools, fixture files, browsers, servers) live in the
``helpers`` package beside this file, never here: pytest owns conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from resilience_kg.graph.dataset import KnowledgeGraph, load_graph

if TYPE_CHECKING:
    from helpers.browser import PageLog
    from helpers.listener import Listener
    from playwright.sync_api import Browser, Page

# Markers for whole files, so that `make test-fast` can leave out what needs a browser or a server.
_FILE_MARKERS = {
    "test_views_browser.py": ("browser",),
    "test_time_browser.py": ("browser",),
    "test_query_page_browser.py": ("browser", "server"),
    "test_pool.py": ("server",),
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


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback socket that counts connections: a query that reaches out shows up here."""
    from helpers.listener import Listener

    target = Listener()
    try:
        yield target
    finally:
        target.close()


# ---------------------------------------------------------------- the browser, one per module
# Defined once here for every browser test module. Module scope: Playwright's sync API keeps an
# event loop running while it lives, so it must be stopped before the next module (two alive at
# once fail with "Sync API inside the asyncio loop", and asyncio.run() fails in later tests).
# Imported lazily, so that a machine without Playwright still runs every other test;
# helpers.browser skips (or fails under CI) without it.


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    from helpers.browser import launch, start_playwright

    pw = start_playwright()
    try:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def log() -> PageLog:
    from helpers.browser import PageLog

    return PageLog()


@pytest.fixture
def page(chromium: Browser, log: PageLog) -> Iterator[Page]:
    """A fresh offline context and one page in it (``log`` records what it did); a module whose
    pages need a server or a file opened first defines its own ``page``."""
    from helpers.browser import offline_context, watch

    context = offline_context(chromium, log)
    try:
        yield watch(context.new_page(), log)
    finally:
        context.close()
