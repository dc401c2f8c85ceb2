"""The ASGI application: the SPARQL 1.1 Protocol for queries (GET and POST), content
negotiation, an offline query page, and the guards a local endpoint needs.

- Every query, a client's or a page's own, goes through one seam
  (:class:`resilience_kg.server.executor.Executor`), which owns the deadline and the memory limit:
  it is answered by the pool's jailed workers, killed at the timeout, or without a pool by a
  forked, jailed child. A client's query is checked there first (refused if it would reach the
  network or the disk, ``SERVICE``, ``LOAD``, ``FROM``, or change the data). No query runs on
  the event loop, which answers every client.
- Requests naming a host other than the local names (or those allowed) get 403, which stops DNS
  rebinding; CORS headers are sent only for the origin given with ``--cors``; bodies are capped.
- Pages on other sites get 403, and waiting for a query slot is bounded and fair between
  clients (:mod:`resilience_kg.server.guards`, one layer around everything). The protocol at
  ``/sparql`` is answered directly; the query page (:mod:`resilience_kg.server.page`), the entity
  and term pages (:mod:`resilience_kg.server.entity`) and the report go through Starlette's router.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from resilience_kg.errors import QueryError
from resilience_kg.limits import (
    BODY_TIMEOUT,
    HTML_ROWS,
    MAX_BODY,
    MAX_RESULT,
    QUERY_MEMORY,
    QUERY_TIMEOUT,
    QUEUE_TIMEOUT,
    SLOTS,
)
from resilience_kg.server.executor import Executor, unavailable
from resilience_kg.server.negotiation import MEDIA_TYPE, choose, choose_document, format_param
from resilience_kg.server.page import EXAMPLE, render
from resilience_kg.sparql.forkserver import PAGE, REFUSED
from resilience_kg.sparql.guard import REMEMBERED_LENGTH

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from resilience_kg.graph.dataset import KnowledgeGraph
    from resilience_kg.server.guards import ASGIApp, Receive, Scope, Send
    from resilience_kg.server.report import ReportPages
    from resilience_kg.sparql.pool import QueryPool

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
#: The formats the plain form (the page answered to a query sent with ``format=html``) offers.
FORM_FORMATS = ("html", "json", "xml", "csv", "tsv", "turtle", "jsonld", "nt")
#: The download links of a results page that shows only the first rows.
TABLE_DOWNLOADS = ("csv", "tsv", "json", "xml")
GRAPH_DOWNLOADS = ("turtle", "nt", "jsonld")


def _results_page(request: Request, text: str, page: dict[str, Any] | None = None, *, error: str = "",
                  status: int = 200, graph: bool = False) -> Response:
    """The plain page for a query sent from a form with ``format=html``: the query again, then
    its first rows (``page``, from :func:`resilience_kg.sparql.preview.preview`) or the error
    (``server/templates/results.html``, autoescaped)."""
    page = page or {}
    return render(request, "results.html", status=status, title="Query error" if error else "Query results",
                  text=text, formats=FORM_FORMATS, error=error, boolean=page.get("boolean"),
                  variables=page.get("variables", []), rows=page.get("rows", []), more=page.get("more", False),
                  shown=HTML_ROWS, download=[(f, urlencode({"query": text, "format": f}))
                            for f in (GRAPH_DOWNLOADS if graph else TABLE_DOWNLOADS)])


async def _off_loop(work: Callable[[], Response]) -> Response:
    """``work()`` on a thread: a page's cost grows with the query text and its rows."""
    import anyio

    return await anyio.to_thread.run_sync(work)


async def _error(status: int, message: str, *, request: Request | None = None, text: str = "") -> Response:
    """A plain-text error, or the results page with the error when ``request`` wants HTML."""
    from starlette.responses import PlainTextResponse

    if request is not None:
        html = request
        return await _off_loop(lambda: _results_page(html, text, error=message, status=status))
    return PlainTextResponse(message + "\n", status_code=status)


async def _page_query_failed(request: Request, exc: Exception) -> Response:
    """A page whose own queries failed: out of time or memory, 503 with the words the protocol
    uses for a client's query (a page in the site's frame for a browser); else 500."""
    from starlette.responses import PlainTextResponse

    assert isinstance(exc, QueryError)
    status = 503 if unavailable(exc) else 500
    asked = request.query_params.get("format")
    if asked == "html" or (asked is None and choose_document(request.headers.get("accept")) == "html"):
        return await _off_loop(lambda: render(request, "error.html", status=status, message=str(exc)))
    return PlainTextResponse(str(exc) + "\n", status_code=status)


class _ReadyAnswer:
    """A query's answer as an ASGI response: what Starlette's ``Response`` would send (a text
    type gets ``charset=utf-8``), in two messages and no more work."""

    __slots__ = ("body", "headers")

    def __init__(self, body: bytes, media_type: str) -> None:
        if media_type.startswith("text/") and "charset" not in media_type:
            media_type += "; charset=utf-8"
        self.body = body
        self.headers = [(b"content-length", str(len(body)).encode()), (b"content-type", media_type.encode()),
                        (b"vary", b"Accept")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


def _query_params(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The parameters of a URL's query string (decoding a long query costs more than running a
    small one, so the same strings, as dashboards send them, are decoded once)."""
    if not query_string:
        return ()
    if len(query_string) > REMEMBERED_LENGTH:
        return tuple(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return _decoded(query_string)


@functools.lru_cache(maxsize=1024)
def _decoded(query_string: bytes) -> tuple[tuple[str, str], ...]:
    return tuple(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None once it grows past ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(
    kg: KnowledgeGraph,
    *,
    timeout: float = QUERY_TIMEOUT,
    allowed_hosts: Iterable[str] = (),
    cors_origin: str | None = None,
    max_body: int = MAX_BODY,
    body_timeout: float = BODY_TIMEOUT,
    max_concurrent: int = SLOTS,
    queue_timeout: float = QUEUE_TIMEOUT,
    base_iri: str | None = None,
    pool: QueryPool | None = None,
    memory: int | None = QUERY_MEMORY,
    max_result: int = MAX_RESULT,
    report: ReportPages | None = None,
    health: Callable[[], dict[str, Any]] | None = None,
    log: Callable[[str], None] | None = None,
) -> ASGIApp:
    """The endpoint's ASGI app over ``kg``.

    ``queue_timeout``: how long a request may wait for a query slot before a 503; ``body_timeout``:
    how long a POST's body may take to arrive (it is read before the request waits for a slot). ``base_iri``:
    the public address this server answers at (behind a w3id redirect or a proxy), whose path
    prefix is stripped from requests and whose origin counts as the server's own.

    Queries go to ``pool``'s workers (``serve`` starts one), else each runs in a forked child;
    either way jailed, stopped at ``timeout`` seconds or ``memory`` bytes, and refused past
    ``max_result`` bytes of answer (the pool's own limits apply to it).

    ``report``: the report pages served at ``/report/`` (``serve`` renders them at start-up);
    without it they are rendered from ``kg`` on the first request for them. ``health``: what
    ``/health`` reports (``serve`` gives the pool's state); ``log``: where the access log goes.

    The guards (:class:`resilience_kg.server.guards.Guards`) wrap the Starlette application, which
    routes to the pages and the protocol.
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request

    from resilience_kg.server.guards import Gate, Guards, host_pattern, plain, route_path

    public_host = (urlsplit(base_iri).hostname or "") if base_iri else ""
    hosts = {host_pattern(h) for h in (*LOCAL_HOSTS, *allowed_hosts, public_host) if h}

    # The one seam every query goes through (the protocol's here, the pages' own below): it owns
    # the deadline, the memory limit and the result cap.
    executor = Executor(kg, pool=pool, timeout=timeout, memory=memory, max_result=max_result)

    async def sparql(request: Request) -> Response | _ReadyAnswer:
        params = list(_query_params(request.scope.get("query_string", b"")))
        if request.method == "POST":
            body = await _read_body(request, max_body)
            if body is None:
                return await _error(413, f"request body larger than {max_body} bytes")
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            elif ctype == "application/sparql-query":
                params.append(("query", body.decode("utf-8", "replace")))
            elif ctype == "application/sparql-update":
                return await _error(400, "this endpoint is read-only: updates are refused")
            else:
                return await _error(415, "send the query as application/sparql-query or a form (query=...)")
        names = [k for k, _ in params]
        if "update" in names:
            return await _error(400, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in names or "named-graph-uri" in names:
            return await _error(400, "default-graph-uri and named-graph-uri are not supported: the endpoint "
                                "answers over its own graphs only (use GRAPH in the query)")
        texts = [v for k, v in params if k == "query"]
        fmt_param = next((v for k, v in params if k == "format"), None)
        accept = request.headers.get("accept")
        wants_html = fmt_param == "html" or (fmt_param is None and choose(accept, graph=False) == "html")
        if len(texts) != 1:
            if not texts and request.method == "GET" and wants_html:
                return render(request, "query.html", text=EXAMPLE)
            return await _error(400, "give exactly one query parameter" if texts else "no query given")
        text = texts[0]
        html = request if wants_html else None

        def fitting(graph: bool) -> str | None:
            """The format for a query of this kind: a name, PAGE, None (the transport format)
            never, or REFUSED when none fits (the error is found again below, with the form)."""
            fmt = format_param(fmt_param, graph=graph) if fmt_param is not None else choose(accept, graph=graph)
            if fmt == "html":
                return PAGE
            return fmt if fmt is not None and (fmt, graph) in MEDIA_TYPE else REFUSED

        # The guard, the query and the writing of its answer all run in a query process, under the
        # deadline and the memory limit: the form (and so the format) is learnt from there.
        try:  # the gate (Guards) has admitted this request: at most max_concurrent run at once
            form, fmt, payload = await executor.execute(text, (fitting(False), fitting(True)))
        except QueryError as exc:  # out of time or memory: 503; else the query is at fault: 400
            return await _error(503 if unavailable(exc) else 400, str(exc), request=html, text=text)
        is_graph = form in ("CONSTRUCT", "DESCRIBE")
        if fmt == REFUSED:
            chosen = (format_param(fmt_param, graph=is_graph) if fmt_param is not None
                      else choose(accept, graph=is_graph))
            if chosen is None and fmt_param is not None:
                return await _error(400, f"unknown format {fmt_param!r}")
            if chosen is None:
                return await _error(406, "none of the Accept types can carry this result; try "
                                    + ("text/turtle" if is_graph else "application/sparql-results+json"))
            return await _error(400, f"format {chosen!r} does not fit a {form} query")
        if fmt == PAGE:
            page = json.loads(payload)  # small by construction: HTML_ROWS rows of short cells
            return await _off_loop(lambda: _results_page(request, text, page, graph=is_graph))
        assert fmt is not None
        return _ReadyAnswer(payload, MEDIA_TYPE[(fmt, is_graph)])

    from resilience_kg.server.entity import entity_routes
    from resilience_kg.server.page import base_path, page_routes, public_origin
    from resilience_kg.server.report import ReportPages, report_routes

    own = public_origin(base_iri)

    def runs_queries(path: str) -> bool:  # the page, its script and its style never wait
        return path == "/sparql" or path.startswith(("/id/", "/ontology", "/api/"))

    middleware = []
    if cors_origin:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=[cors_origin], allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Accept"])
        )
    routes = [*page_routes(executor), *entity_routes(executor), *report_routes(report or ReportPages(kg))]
    pages = Starlette(routes=routes, middleware=middleware, exception_handlers={QueryError: _page_query_failed})

    async def protocol(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD", "POST"):
            await plain(send, 405, f"method {scope['method']} is not allowed here: use GET or POST",
                        [("Allow", "GET, POST")])
            return
        response = await sparql(Request(scope, receive))
        await response(scope, receive, send)

    # The protocol is answered without Starlette's router and middleware stack: it is the path
    # that must keep up with Oxigraph's own server (bench/server_bench.py).
    endpoint: ASGIApp = protocol
    if cors_origin:
        endpoint = CORSMiddleware(protocol, allow_origins=[cors_origin], allow_methods=["GET", "POST"],
                                  allow_headers=["Content-Type", "Accept"])

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and route_path(scope) == "/sparql":
            await endpoint(scope, receive, send)
        else:
            await pages(scope, receive, send)

    return Guards(app, hosts=hosts, allowed_origins=[o for o in (cors_origin, own) if o], prefix=base_path(base_iri),
                 gate=Gate(max_concurrent, queue_timeout=queue_timeout), gated=runs_queries, health=health, log=log,
                 max_body=max_body, body_timeout=body_timeout)
