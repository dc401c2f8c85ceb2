"""The ASGI application: the SPARQL 1.1 Protocol for queries (GET and POST), content
negotiation, an offline query page, and the guards a local endpoint needs.

- Every query goes through :func:`resilience_kg.sparql.query.query`: refused before it runs if
  it would reach the network or the disk (``SERVICE``, ``LOAD``, ``FROM``) or change the data,
  and killed at the timeout.
- Requests naming a host other than the local names (or those allowed) get 403, which stops DNS
  rebinding; CORS headers are sent only for the origin given with ``--cors``; bodies are capped.
- Pages on other sites get 403, and waiting for a query slot is bounded, per client too
  (:mod:`resilience_kg.server.guards`). The query page is :mod:`resilience_kg.server.page`, the
  entity and term pages :mod:`resilience_kg.server.entity`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from resilience_kg._version import __version__
from resilience_kg.errors import QueryError, QueryMemoryError, QueryTimeout, UnsafeQueryError
from resilience_kg.limits import MAX_BODY, QUERY_TIMEOUT
from resilience_kg.server.negotiation import MEDIA_TYPE, choose, format_param
from resilience_kg.server.page import EXAMPLE
from resilience_kg.sparql.query import (
    DEFAULT_MAX_RESULT,
    DEFAULT_MEMORY,
    QueryResult,
    display,
    explain,
    prepare,
    query,
    transport_format,
)

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from resilience_kg.graph.dataset import KnowledgeGraph
    from resilience_kg.sparql.pool import QueryPool

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'"
STYLE = """body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:16px;color:#222}
textarea{width:100%;height:14em;font:13px monospace} table{border-collapse:collapse;margin-top:12px}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top} th{background:#f4f4f4}
.error{color:#a00;white-space:pre-wrap} code{background:#f4f4f4;padding:1px 4px}"""


def _page(title: str, body: str, status: int = 200) -> Response:
    from starlette.responses import HTMLResponse

    doc = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )
    return HTMLResponse(doc, status_code=status, headers={"Content-Security-Policy": PAGE_POLICY})


def _form(text: str) -> str:
    formats = "".join(
        f'<option value="{f}">{f}</option>' for f in ("html", "json", "xml", "csv", "tsv", "turtle", "jsonld", "nt")
    )
    return (
        "<h1>resilience-kg SPARQL endpoint</h1>"
        "<p>Queries run over the union of the named graphs; <code>rkg:</code>, <code>id:</code>, "
        "<code>skos:</code> and the other usual prefixes need no PREFIX line. The endpoint is read-only "
        "and offline: SERVICE, LOAD, FROM and updates are refused.</p>"
        '<form method="get" action="sparql">'
        f'<textarea name="query" aria-label="SPARQL query">{html.escape(text)}</textarea>'
        f'<p><label>Format <select name="format">{formats}</select></label> '
        '<button type="submit">Run</button></p></form>'
        f"<p>Endpoint: <code>/sparql</code> (GET or POST, SPARQL 1.1 Protocol). resilience-kg {__version__}</p>"
    )


def _results_html(text: str, result: QueryResult) -> str:
    if result.form == "ASK":
        table = f"<p>Answer: <b>{'yes' if result.boolean else 'no'}</b></p>"
    else:
        names = result.variables
        head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(display(row.get(n)))}</td>" for n in names) + "</tr>"
            for row in result.rows
        )
        table = f"<p>{len(result.rows)} rows</p><table><tr>{head}</tr>{rows}</table>"
    return _form(text) + table


def _error(status: int, message: str, *, html_page: bool = False, text: str = "") -> Response:
    from starlette.responses import PlainTextResponse

    if html_page:
        return _page("Query error", _form(text) + f'<p class="error">{html.escape(message)}</p>', status)
    return PlainTextResponse(message + "\n", status_code=status)


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
    memory: int | None = DEFAULT_MEMORY,
    max_result: int = DEFAULT_MAX_RESULT,
) -> Starlette:
    """The endpoint's ASGI app over ``kg``.

    ``queue_timeout``: how long a request may wait for a query slot before a 503. ``base_iri``:
    the public address this server answers at (behind a w3id redirect or a proxy), whose path
    prefix is stripped from requests and whose origin counts as the server's own.

    Queries go to ``pool``'s workers (``serve`` starts one), else each runs in a forked child;
    either way jailed, stopped at ``timeout`` seconds or ``memory`` bytes, and refused past
    ``max_result`` bytes of answer (the pool's own limits apply to it).
    """
    import anyio
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import Response
    from starlette.routing import Route

    from resilience_kg.server.guards import host_pattern

    public_host = (urlsplit(base_iri).hostname or "") if base_iri else ""
    hosts = {host_pattern(h) for h in (*LOCAL_HOSTS, *allowed_hosts, public_host) if h}
    limiter = anyio.CapacityLimiter(max_concurrent)  # each query is a forked process

    async def execute(text: str, form: str, fmt: str | None) -> QueryResult:
        if pool is not None:  # the workers' pipes are watched by the event loop: no thread per query
            try:
                payload = await pool.arun(text, form=form, fmt=fmt, bindings={}, timeout=timeout)
            except QueryError as exc:
                raise explain(exc, None) from None
            return QueryResult(form=form, payload=payload, payload_format=fmt or transport_format(form))
        return await anyio.to_thread.run_sync(
            lambda: query(kg, text, fmt=fmt, timeout=timeout, memory=memory, max_result=max_result))

    async def sparql(request: Request) -> Response:
        if request.method == "GET":
            params: list[tuple[str, str]] = list(request.query_params.multi_items())
        else:
            body = await _read_body(request, max_body)
            if body is None:
                return _error(413, f"request body larger than {max_body} bytes")
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            params = list(request.query_params.multi_items())
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
                return _page("resilience-kg SPARQL endpoint", _form(EXAMPLE))
            return _error(400, "give exactly one query parameter" if texts else "no query given")
        text = texts[0]
        # The guard runs here, so the form (and so the format) is known before the query runs: the
        # query process writes the answer in that format, under the deadline and the memory limit.
        try:
            form, _ = prepare(text, None)
        except UnsafeQueryError as exc:
            return _error(400, str(exc), html_page=wants_html, text=text)
        except QueryError as exc:
            return _error(400, str(exc), html_page=wants_html, text=text)
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
        try:
            async with limiter:
                result = await execute(text, form, wanted)
        except QueryTimeout as exc:
            return _error(503, str(exc), html_page=wants_html, text=text)
        except QueryMemoryError as exc:
            return _error(503, str(exc), html_page=wants_html, text=text)
        except QueryError as exc:
            return _error(400, str(exc), html_page=wants_html, text=text)
        if fmt == "html":
            return _page("Query results", _results_html(text, result))
        return Response(result.payload, media_type=MEDIA_TYPE[(fmt, is_graph)], headers={"Vary": "Accept"})

    from resilience_kg.server.entity import entity_routes
    from resilience_kg.server.guards import HostGuard, OriginGuard, QueryGate, QuietDisconnects
    from resilience_kg.server.page import BasePath, page_routes, public_origin

    own = public_origin(base_iri)

    def runs_queries(path: str) -> bool:  # the page, its script and its style never wait
        return path == "/sparql" or path.startswith(("/id/", "/ontology", "/api/"))

    middleware = [
        Middleware(QuietDisconnects),
        Middleware(BasePath, base_iri=base_iri),
        Middleware(HostGuard, hosts=hosts),
        Middleware(OriginGuard, allowed_origins=[o for o in (cors_origin, own) if o]),
    ]
    if cors_origin:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=[cors_origin], allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Accept"])
        )
    middleware.append(Middleware(QueryGate, slots=max_concurrent, queue_timeout=queue_timeout,
                                 gated=runs_queries))
    routes = [*page_routes(kg), Route("/sparql", sparql, methods=["GET", "POST"]),
              *entity_routes(kg)]
    return Starlette(routes=routes, middleware=middleware)
