"""Debian's Chromium driven by Playwright, for the tests of the HTML pages: offline, with every
request to anything but a local file (or a ``data:``/``blob:`` URL) blocked and recorded, and the
console errors, warnings and uncaught exceptions of each page collected.

The pages must work from ``file://`` with no network at all, so a blocked request is a failure
the tests look at, never something to be retried.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from helpers import IN_CI, require

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

#: Flags that keep Chromium from reaching any Google service and running its GPU process.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:")
#: A generous bound for a page to draw; a bound on a hang, not a benchmark.
DRAW_TIMEOUT_MS = 30_000


def start_playwright() -> Playwright:
    """Playwright's sync API, started; skipped where the package is missing, failing under CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        reason = f"the playwright package is not importable ({exc}); install the 'test' extra"
        if IN_CI:
            pytest.fail(f"{reason}: it is required under CI=true")
        pytest.skip(reason)
    return sync_playwright().start()


def launch(pw: Playwright) -> Browser:
    """The system's Chromium (never a downloaded one), headless."""
    return pw.chromium.launch(executable_path=require("chromium"), args=CHROMIUM_ARGS, headless=True)


@dataclass
class PageLog:
    """What one browser context did that a test may want to refuse."""

    outside: list[str] = field(default_factory=list)  # requests to other hosts (blocked)
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text) of errors and warnings
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    failed: list[str] = field(default_factory=list)  # requests that did not complete

    def problems(self) -> list[str]:
        """Everything that went wrong, one line each; empty for a clean page."""
        return (
            [f"outside request: {u}" for u in self.outside]
            + [f"console {t}: {m}" for t, m in self.console]
            + [f"page error: {e}" for e in self.page_errors]
            + [f"request failed: {u}" for u in self.failed]
        )


def _on_console(log: PageLog, msg: Any) -> None:
    if msg.type in ("error", "warning"):
        log.console.append((msg.type, msg.text))


def watch(page: Page, log: PageLog) -> Page:
    """Record ``page``'s console errors and warnings, uncaught exceptions and failed requests."""
    page.on("console", lambda msg: _on_console(log, msg))
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: _on_failed(log, req.url, req.failure))
    return page


def _on_failed(log: PageLog, url: str, failure: str | None) -> None:
    # A load the browser itself cancels because the test moved to the next page (a favicon still
    # on its way) is no failure of the page: Chromium reports it as net::ERR_ABORTED.
    if failure != "net::ERR_ABORTED":
        log.failed.append(url)


def offline_context(browser: Browser, log: PageLog) -> BrowserContext:
    """A fresh context in which every non-local request is aborted and recorded in ``log``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")

    def route(r: Route) -> None:
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            log.outside.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("page", lambda page: watch(page, log))
    return context


def served_context(browser: Browser, log: PageLog, base: str, *others: str, **options: Any) -> BrowserContext:
    """A fresh context in which only ``base`` and ``others`` (loopback servers) and local URLs are
    reachable; every other request is aborted and recorded in ``log``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block", **options)

    def route(r: Route) -> None:
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES) or any(url == b or url.startswith(b + "/") for b in (base, *others)):
            r.continue_()
        else:
            log.outside.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("page", lambda page: watch(page, log))
    return context


def open_page(page: Page, path: Path, *, timeout_ms: int = DRAW_TIMEOUT_MS) -> Page:
    """Load ``path`` from ``file://`` and wait (bounded) until the network view has drawn."""
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=timeout_ms)
    return page


def wait_until(page: Page, expression: str, *, timeout_ms: int = DRAW_TIMEOUT_MS, every_ms: int = 50) -> None:
    """Poll a JavaScript expression until it is true, failing after ``timeout_ms``.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the page,
    which the pages' policy (rightly) refuses; ``page.evaluate`` goes through the debugger.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            pytest.fail(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(every_ms)


def node_screen_position(page: Page, node_id: str) -> tuple[float, float]:
    """Where node ``node_id`` is drawn on the screen, in page coordinates for ``page.mouse``."""
    x, y = page.evaluate(
        """(id) => {
            const net = rkgView.network;
            const at = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector("#rkg-network canvas").getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""",
        node_id,
    )
    return float(x), float(y)
