"""Shared fixtures: the bundled graph (loaded once), a CLI runner, one browser for the run;
the check that a test needing a browser, a server or Virtuoso says so.

Markers are set one way: with ``pytest.mark`` in the test file, beside what they mark
(``pytestmark`` for a whole file, a decorator for one test), so that renaming a file or moving
a test cannot drop them. Nothing here sets a marker; a test that uses the browser (``chromium``)
or the Virtuoso fixture, or sits in a module holding a server starter of ``helpers.servers``,
without its marker fails the collection, so ``make test-fast`` cannot start one by mistake.

Helpers that tests import (paths of system tools, fixture files, browsers, servers) live in the
``helpers`` package beside this file, never here: pytest owns conftest.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from resilience_kg.graph.dataset import KnowledgeGraph, load_graph

if TYPE_CHECKING:
    from helpers.browser import PageLog
    from helpers.listener import Listener
    from playwright.sync_api import Browser, Page

#: The fixtures whose tests must carry a marker, and that marker.
NEEDS_MARKER = {"chromium": "browser", "virtuoso": "virtuoso"}
#: What starts a server in ``helpers.servers``: a module holding one marks its tests ``server``.
SERVER_STARTERS = ("serve", "oxigraph", "virtuoso", "Proxy", "Recorder")


def _starts_servers(item: pytest.Item) -> bool:
    servers = sys.modules.get("helpers.servers")  # imported by a test module, or by none
    if servers is None:
        return False
    module = getattr(item, "module", None)
    held = vars(module).values() if module is not None else ()
    starters = [getattr(servers, name) for name in SERVER_STARTERS]
    return any(value is servers or any(value is s for s in starters) for value in held)


def unmarked(items: list[pytest.Item]) -> list[str]:
    """The tests that use a fixture of :data:`NEEDS_MARKER` without its marker, or sit in a
    module that starts servers without the ``server`` marker."""
    found = []
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        needs = [(fixture, marker) for fixture, marker in NEEDS_MARKER.items()
                 if fixture in getattr(item, "fixturenames", ())]
        if _starts_servers(item):
            needs.append(("helpers.servers", "server"))
        found += [f"{item.nodeid} uses {what} but is not marked {marker} (add pytestmark = "
                  f"pytest.mark.{marker}, or @pytest.mark.{marker})" for what, marker in needs if marker not in marks]
    return found


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = unmarked(items)
    if missing:
        raise pytest.UsageError("\n".join(missing))


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
