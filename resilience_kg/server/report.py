"""The report and its views, served at ``/report/``: the pages ``resilience-kg report`` writes,
rendered once from the server's graph, with every node linked to its entity page (``/id/...``).

The pages are the report's own: the report page runs no script, and each view runs only its two
inline scripts, allowed by hash. Each is sent with that policy as a header too (where
``frame-ancestors`` applies), behind the same Host and Origin guards as every other page.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from resilience_kg.graph.dataset import KnowledgeGraph

#: Where the entity pages are, seen from ``/report/``: relative, so a ``--base-iri`` prefix holds.
ENTITY_PAGES = "../id/"


class ReportPages:
    """The report's pages by file name, rendered once on first use (``start`` renders them in a
    thread at start-up, so the first visitor does not wait; requests meanwhile wait for it)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self._lock = threading.Lock()
        self._pages: dict[str | None, dict[str, bytes]] = {}

    def pages(self, lang: str | None = None) -> dict[str, bytes]:
        """The pages opening in ``lang`` (None: the data's language); each language is rendered
        once, when first asked for."""
        with self._lock:  # one rendering, however many requests arrive while it runs
            if lang not in self._pages:
                from resilience_kg.views.report import render_report

                rendered = render_report(self.kg, entity_pages=ENTITY_PAGES, lang=lang)
                self._pages[lang] = {name: text.encode("utf-8") for name, text in rendered.items()}
            return self._pages[lang]

    def start(self) -> threading.Thread:
        """Render the pages in a background thread; return it."""

        def render() -> None:
            try:
                self.pages()
            except Exception:  # the first request renders again, and answers with the error
                pass

        thread = threading.Thread(target=render, name="rkg-report", daemon=True)
        thread.start()
        return thread


def policy_of(name: str) -> str:
    """The Content-Security-Policy header of a report page: the page's own policy, framing refused."""
    from resilience_kg.views.page import view_policy
    from resilience_kg.views.report import POLICY

    return (POLICY if name == "report.html" else view_policy()) + "; frame-ancestors 'none'"


def report_routes(report: ReportPages) -> list[BaseRoute]:
    """``/report`` (a redirect), ``/report/`` (the report page, ``?lang=id|en`` to open it in
    that language) and ``/report/view-*.html``."""
    import anyio
    from starlette.responses import PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    from resilience_kg.errors import ResilienceKGError
    from resilience_kg.server.page import root_of

    async def send(name: str, lang: str | None = None) -> Response:
        try:
            pages = await anyio.to_thread.run_sync(report.pages, lang)
        except ResilienceKGError as exc:  # a graph the report cannot be drawn from: say why
            return PlainTextResponse(f"the report could not be rendered: {exc}\n", status_code=500)
        if name not in pages:
            return PlainTextResponse(f"the report has no page {name!r}\n", status_code=404)
        return Response(pages[name], media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": policy_of(name), "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "same-origin"})

    async def folder(request: Request) -> Response:
        return RedirectResponse(root_of(request) + "report/", status_code=308)

    async def index(request: Request) -> Response:
        # ?lang=id|en: the language the report opens in (its switch shows the other).
        from resilience_kg.views.names import LANGS

        lang = request.query_params.get("lang") or None
        if lang is not None and lang not in LANGS:
            return PlainTextResponse(f"lang is {' or '.join(LANGS)}, not {lang!r}\n", status_code=400)
        return await send("report.html", lang)

    async def page(request: Request) -> Response:
        return await send(request.path_params["name"])

    return [
        Route("/report", folder, methods=["GET", "HEAD"]),
        Route("/report/", index, methods=["GET", "HEAD"]),
        Route("/report/{name}", page, methods=["GET", "HEAD"]),
    ]
