"""The ASGI application: the SPARQL 1.1 Protocol for queries (GET and POST), content
negotiation, an offline query page, and the guards a local endpoint needs.

- Every query is checked before it runs (refused if it would reach the network or the disk,
  ``SERVICE``, ``LOAD``, ``FROM``, or change the data), then answered by the pool's jailed
  workers, killed at the timeout (or its fast lane, for a query they answered quickly before),
  or without a pool by a forked, jailed child.
- Requests naming a host other than the local names (or those allowed) get 403, which stops DNS
  rebinding; CORS headers are sent only for the origin given with ``--cors``; bodies are capped.
- Pages on other sites get 403, and waiting for a query slot is bounded and fair between
  clients (:mod:`resilience_kg.server.guards`, one layer around everything). The protocol at
  ``/sparql`` is answered directly; the query page (:mod:`resilience_kg.server.page`), the entity
  and term pages (:mod:`resilience_kg.server.entity`) and the report go through Starlette's router.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from resilience_kg.errors import QueryError, QueryMemoryError, QueryTimeout, UnsafeQueryError
from resilience_kg.limits import MAX_BODY, MAX_RESULT, QUERY_MEMORY, QUERY_TIMEOUT
from resilience_kg.server.negotiation import MEDIA_TYPE, choose, format_param
from resilience_kg.server.page import EXAMPLE, render
from resilience_kg.sparql.guard import REMEMBERED_LENGTH
from resilience_kg.sparql.query import (
    QueryResult,
    display,
    explain,
    prepare,
    query,
    transport_format,
)

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


def _results_page(request: Request, text: str, result: QueryResult | None = None, *, error: str = "",
                  status: int = 200) -> Response:
    """The plain page for a query sent from a form with ``format=html``: the query again, then
    its results or the error (``server/templates/results.html``, autoescaped)."""
    boolean = result.boolean if result is not None and result.form == "ASK" else None
    variables = result.variables if result is not None and boolean is None else []
    rows = [[display(row.get(n)) for n in variables] for row in result.rows] if variables and result else []
    return render(request, "results.html", status=status, title="Query error" if error else "Query results",
                  text=text, formats=FORM_FORMATS, error=error, boolean=boolean, variables=variables, rows=rows)


def _error(status: int, message: str, *, request: Request | None = None, text: str = "") -> Response:
    """A plain-text error, or the results page with the error when ``request`` wants HTML."""
    from starlette.responses import PlainTextResponse

    if request is not None:
        return _results_page(request, text, error=message, status=status)
    return PlainTextResponse(message + "\n", status_code=status)


class _Answer:
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
    max_concurrent: int = 4,
    queue_timeout: float = 2.0,
    base_iri: str | None = None,
    pool: QueryPool | None = None,
    memory: int | None = QUERY_MEMORY,
    max_result: int = MAX_RESULT,
    report: ReportPages | None = None,
    health: Callable[[], dict[str, Any]] | None = None,
    log: Callable[[str], None] | None = None,
) -> ASGIApp:
    """The endpoint's ASGI app over ``kg``.

    ``queue_timeout``: how long a request may wait for a query slot before a 503. ``base_iri``:
    the public address this server answers at (behind a w3id redirect or a proxy), whose path
    prefix is stripped from requests and whose origin counts as the server's own.

    Queries go to ``pool``'s workers (``serve`` starts one), else each runs in a forked child;
    either way jailed, stopped at ``timeout`` seconds or ``memory`` bytes, and refused past
    ``max_result`` bytes of answer (the pool's own limits apply to it).

    ``report``: the report pages served at ``/report/`` (``serve`` renders them at start-up);
    without it they are rendered from ``kg`` on the first request for them. ``health``: what
    ``/health`` reports (``serve`` gives the pool's state); ``log``: where the access log goes.

    The guards (:class:`resilience_kg.server.guards.Front`) wrap the Starlette application, which
    routes to the pages and the protocol.
    """
    import anyio
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request

    from resilience_kg.server.guards import Front, Gate, host_pattern, plain, route_path

    public_host = (urlsplit(base_iri).hostname or "") if base_iri else ""
    hosts = {host_pattern(h) for h in (*LOCAL_HOSTS, *allowed_hosts, public_host) if h}

    async def execute(text: str, form: str, fmt: str | None) -> QueryResult:
        if pool is not None:  # the workers' pipes are watched by the event loop: no thread per query
            try:
                payload = await pool.arun(text, form=form, fmt=fmt, bindings={}, timeout=timeout)
            except QueryError as exc:
                raise explain(exc, None) from None
            return QueryResult(form=form, payload=payload, payload_format=fmt or transport_format(form))
        return await anyio.to_thread.run_sync(
            lambda: query(kg, text, fmt=fmt, timeout=timeout, memory=memory, max_result=max_result))

    async def sparql(request: Request) -> Response | _Answer:
        params = list(_query_params(request.scope.get("query_string", b"")))
        if request.method == "POST":
            body = await _read_body(request, max_body)
            if body is None:
                return _error(413, f"request body larger than {max_body} bytes")
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            elif ctype == "application/sparql-query":
                params.append(("query", body.decode("utf-8", "replace")))
            elif ctype == "application/sparql-update":
                return _error(400, "this endpoint is read-only: updates are refused")
            else:
                return _error(415, "send the query as application/sparql-query or a form (query=...)")
        names = [k for k, _ in params]
        if "update" in names:
            return _error(400, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in names or "named-graph-uri" in names:
            return _error(400, "default-graph-uri and named-graph-uri are not supported: the endpoint answers "
                          "over its own graphs only (use GRAPH in the query)")
        texts = [v for k, v in params if k == "query"]
        fmt_param = next((v for k, v in params if k == "format"), None)
        wants_html = fmt_param == "html" or (fmt_param is None and choose(request.headers.get("accept"),
                                                                             graph=False) == "html")
        if len(texts) != 1:
            if not texts and request.method == "GET" and wants_html:
                return render(request, "query.html", text=EXAMPLE)
            return _error(400, "give exactly one query parameter" if texts else "no query given")
        text = texts[0]
        # The guard runs here, so the form (and so the format) is known before the query runs: the
        # query process writes the answer in that format, under the deadline and the memory limit.
        try:
            form, _ = prepare(text, None)
        except UnsafeQueryError as exc:
            return _error(400, str(exc), request=request if wants_html else None, text=text)
        except QueryError as exc:
            return _error(400, str(exc), request=request if wants_html else None, text=text)
        is_graph = form in ("CONSTRUCT", "DESCRIBE")
        if fmt_param is not None:
            fmt = format_param(fmt_param, graph=is_graph)
            if fmt is None:
                return _error(400, f"unknown format {fmt_param!r}")
        else:
            fmt = choose(request.headers.get("accept"), graph=is_graph)
        if fmt is None:
            return _error(406, "none of the Accept types can carry this result; try "
                          + ("text/turtle" if is_graph else "application/sparql-results+json"))
        if fmt != "html" and (fmt, is_graph) not in MEDIA_TYPE:
            return _error(400, f"format {fmt!r} does not fit a {form} query")
        wanted = None if fmt == "html" else fmt
        try:  # the gate (Front) has admitted this request: at most max_concurrent run at once
            result = await execute(text, form, wanted)
        except QueryTimeout as exc:
            return _error(503, str(exc), request=request if wants_html else None, text=text)
        except QueryMemoryError as exc:
            return _error(503, str(exc), request=request if wants_html else None, text=text)
        except QueryError as exc:
            return _error(400, str(exc), request=request if wants_html else None, text=text)
        if fmt == "html":
            return _results_page(request, text, result)
        return _Answer(result.payload, MEDIA_TYPE[(fmt, is_graph)])

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
    routes = [*page_routes(kg), *entity_routes(kg), *report_routes(report or ReportPages(kg))]
    pages = Starlette(routes=routes, middleware=middleware)

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

    return Front(app, hosts=hosts, allowed_origins=[o for o in (cors_origin, own) if o], prefix=base_path(base_iri),
                 gate=Gate(max_concurrent, queue_timeout=queue_timeout), gated=runs_queries, health=health, log=log)
