"""Start the endpoint on a real ASGI server (uvicorn), on a socket we bind ourselves so that a
port in use gets a clear message rather than a traceback.

The query workers (:class:`resilience_kg.sparql.pool.QueryPool`) start before uvicorn and its
threads; ``/health`` reports on them; each request is logged as one JSON line on stderr (never
the query text); SIGTERM or Ctrl-C stops taking requests, lets those running finish, then stops
the workers.
"""

from __future__ import annotations

import errno
import json
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.extras import require
from resilience_kg.limits import MAX_BODY, MAX_RESULT, QUERY_MEMORY, QUERY_TIMEOUT
from resilience_kg.server.app import LOCAL_HOSTS, create_app
from resilience_kg.server.guards import HostGuard

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph
    from resilience_kg.sparql.pool import QueryPool


class Operations:
    """ASGI wrapper: ``GET /health`` (the workers' state, as JSON; 503 when none runs; for the
    Host names the endpoint answers, other names fall through to its 403) and one
    access-log line per request: time, client, method, path, status, bytes, milliseconds. The
    query string and body are left out (they hold the query, which may be private)."""

    def __init__(self, app: Any, pool: QueryPool, *, hosts: Iterable[str], log: Callable[[str], None] | None) -> None:
        self.app = app
        self.pool = pool
        self.log = log

        async def health(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
            from starlette.responses import JSONResponse

            state = pool.health()
            await JSONResponse(state, status_code=200 if state["status"] == "ok" else 503)(scope, receive, send)

        # The same Host check as the endpoint's, so /health tells nothing to a rebound name.
        self.health = HostGuard(health, hosts=hosts)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen = {"status": 0, "bytes": 0}

        async def record(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            if scope["path"] == "/health" and scope["method"] in ("GET", "HEAD"):
                await self.health(scope, receive, record)
            else:
                await self.app(scope, receive, record)
        finally:
            if self.log is not None:
                client = scope.get("client") or ("", 0)
                self.log(json.dumps({
                    "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "client": client[0], "method": scope["method"],
                    "path": scope["path"], "status": seen["status"], "bytes": seen["bytes"],
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                }))


class _Terminated(Exception):
    """SIGTERM arrived (uvicorn has already stopped taking requests)."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a clear error if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say they are TCP,
    # and with it on, a response sent as headers then body waits for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ResilienceKGError(
                f"port {port} on {host} is already in use (another server?); choose another with --port"
            ) from exc
        raise ResilienceKGError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.listen(128)
    return sock


#: How long a client may take to send a request's headers, in seconds.
HEADER_TIMEOUT = 10.0
#: How long an idle keep-alive connection is kept open, in seconds.
KEEP_ALIVE = 5
#: The most connections (and requests in progress) uvicorn serves at once; beyond, 503.
MAX_CONNECTIONS = 256


def header_timeout_protocol(seconds: float) -> type:
    """uvicorn's h11 protocol, closing a connection whose request headers are not complete
    ``seconds`` after it opened (or after its previous response): uvicorn itself waits forever,
    so a client that opens connections and never finishes a request would hold them all."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer: Any = None

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(seconds, self._headers_late)

        def _headers_late(self) -> None:
            self._header_timer = None
            # IDLE: the request line and headers have not all arrived yet.
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None
            super().connection_lost(exc)

    return HeaderTimeoutProtocol


def raise_descriptor_limit(wanted: int) -> None:
    """Let the process hold ``wanted`` descriptors if the hard limit allows (each connection is
    one), so the connection limit, not the descriptor limit, is what a flood meets first."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def uvicorn_config(app: Any, *, header_timeout: float = HEADER_TIMEOUT, keep_alive: int = KEEP_ALIVE,
                   max_connections: int = MAX_CONNECTIONS, graceful: int = 5) -> Any:
    """The uvicorn configuration ``serve`` runs with: bounded headers, keep-alive and connections;
    ``graceful`` seconds for running requests to finish on shutdown."""
    import uvicorn

    return uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=graceful,
                          http=header_timeout_protocol(header_timeout), timeout_keep_alive=keep_alive,
                          limit_concurrency=max_connections, access_log=False, server_header=False)


def serve(
    kg: KnowledgeGraph,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = QUERY_TIMEOUT,
    cors_origin: str | None = None,
    allowed_hosts: Iterable[str] = (),
    max_body: int = MAX_BODY,
    queue_timeout: float = 2.0,
    header_timeout: float = HEADER_TIMEOUT,
    keep_alive: int = KEEP_ALIVE,
    max_connections: int = MAX_CONNECTIONS,
    base_iri: str | None = None,
    workers: int | None = None,
    memory: int | None = QUERY_MEMORY,
    max_result: int = MAX_RESULT,
    access_log: bool = True,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve ``kg`` until interrupted (Ctrl-C or SIGTERM stops it cleanly).

    ``workers`` query processes (default: one per CPU, at least two) answer the queries, each
    limited to ``memory`` bytes and ``max_result`` bytes of answer.
    """
    require("server", feature="serve")
    import uvicorn

    from resilience_kg.sparql.pool import QueryPool

    allowed = list(allowed_hosts)
    if host not in ("0.0.0.0", "::") and host not in LOCAL_HOSTS:
        allowed.append(host)
    sock = bind(host, port)
    actual_port = sock.getsockname()[1]
    # Before uvicorn starts any thread: the pool's fork server is a fresh interpreter, and the
    # workers it forks never see this process's threads.
    try:
        pool = QueryPool(kg, workers=workers, memory=memory, max_result=max_result).start()
    except BaseException:
        sock.close()
        raise
    from resilience_kg.server.report import ReportPages

    report = ReportPages(kg)
    report.start()  # rendered once, in the background: the endpoint answers meanwhile
    app = Operations(
        create_app(kg, timeout=timeout, allowed_hosts=allowed, cors_origin=cors_origin, max_body=max_body,
                   max_concurrent=pool.size, pool=pool, queue_timeout=queue_timeout, base_iri=base_iri,
                   report=report),
        pool, hosts=[*LOCAL_HOSTS, *allowed], log=_stderr if access_log else None,
    )
    shown = f"[{host}]" if ":" in host else host
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else shown
    url = f"http://{shown}:{actual_port}/sparql"
    echo(f"SPARQL endpoint: {url}  (query page: http://{shown}:{actual_port}/, "
         f"report: http://{shown}:{actual_port}/report/)")
    echo(f"try: curl -s '{url}' --data-urlencode 'query=SELECT * WHERE {{ ?p a rkg:Pillar }}' "
         "-H 'Accept: text/csv'")
    if host not in LOCAL_HOSTS:
        echo(f"warning: listening on {host}, reachable from other machines; answering Host names: "
             f"{', '.join([*LOCAL_HOSTS, *allowed])}")
    if base_iri:
        echo(f"answering for {base_iri} (entity pages under {base_iri.rstrip('/')}/id/...)")
    echo(f"{pool.size} query workers; health: http://{shown}:{actual_port}/health. Ctrl-C stops it.")
    raise_descriptor_limit(max_connections + 256)
    config = uvicorn_config(app, header_timeout=header_timeout, keep_alive=keep_alive,
                            max_connections=max_connections, graceful=max(5, int(timeout) + 1))
    server = uvicorn.Server(config)
    # uvicorn stops gracefully on SIGTERM, then raises the signal again with the handler it found:
    # this one, so that the workers are stopped below and the exit code is 0.
    main_thread = threading.current_thread() is threading.main_thread()  # signals only work there
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Terminated):  # uvicorn shuts down gracefully, then re-raises the signal
        pass
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        sock.close()
        pool.close()
    echo("stopped.")
