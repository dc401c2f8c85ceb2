"""Start the endpoint on a real ASGI server (uvicorn), on a socket we bind ourselves so that a
port in use gets a clear message rather than a traceback.

The query workers (:class:`resilience_kg.sparql.pool.QueryPool`) start before uvicorn and its
threads; ``/health`` reports on them and on the query slots; with ``--access-log`` each request
is logged as one JSON line (never the query text), on stderr or to a file; SIGTERM or Ctrl-C
stops taking requests, lets those running finish, then stops the workers.
"""

from __future__ import annotations

import errno
import functools
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.extras import require
from resilience_kg.limits import (
    BODY_TIMEOUT,
    HEADER_TIMEOUT,
    KEEP_ALIVE,
    MAX_BODY,
    MAX_CONNECTIONS,
    MAX_CONNECTIONS_PER_CLIENT,
    MAX_HEAD,
    MAX_RESULT,
    PORT,
    QUERY_MEMORY,
    QUERY_TIMEOUT,
    QUEUE_TIMEOUT,
)
from resilience_kg.server.app import LOCAL_HOSTS, create_app

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph


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




def http_protocol() -> type:
    """uvicorn's fastest HTTP/1.1 protocol here: httptools' C parser where it is installed (the
    ``server`` extra brings it), else the pure-Python h11."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        return HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools has wheels for the usual platforms
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol


def header_timeout_protocol(seconds: float, base: type | None = None, *, max_head: int = MAX_HEAD,
                            per_client: int | None = None) -> type:
    """``base`` (default :func:`http_protocol`) closing a connection whose request headers are
    not complete ``seconds`` after it opened (or after its previous response): uvicorn itself
    waits forever once a request has begun, so a client that opens connections and never
    finishes a request would hold them all. A request line and headers past ``max_head`` bytes
    get 431 (httptools, unlike h11, sets no bound of its own). A client address that already
    holds ``per_client`` connections gets 503 on the next and it is closed at once, so that one
    client cannot take every connection uvicorn will serve (``--max-connections``).

    Both of uvicorn's protocols keep the request in progress as ``cycle``: none, or one whose
    response is complete, means the connection is between requests (or inside unfinished headers)."""
    protocol = base or http_protocol()

    refusal = b"request line and headers larger than %d KiB: send a long query with POST\n" % (max_head // 1024)
    too_large = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
                 b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(refusal), refusal))
    crowded = b"this client holds %d connections already, the most one client may (--max-connections-per-client)\n" % (
        per_client or 0)
    too_many = (b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 1\r\n"
                b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(crowded), crowded))
    holding: dict[str, int] = {}  # client address -> its open connections, for every connection of this server

    class HeaderTimeoutProtocol(protocol):  # type: ignore[misc, valid-type]
        _header_timer: Any = None
        _head_bytes = 0
        _head_too_large = False
        _client: str | None = None  # counted in holding

        def _between_requests(self) -> bool:
            cycle = self.cycle
            return cycle is None or bool(cycle.response_complete)

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(seconds, self._headers_late)

        def _headers_late(self) -> None:
            self._header_timer = None
            if self._between_requests() and not self.transport.is_closing():
                self.transport.close()

        # httptools hands over the request line and headers in pieces: they are counted as they
        # come, so the bytes of a previous request's unread body never count (h11 has its own bound).
        def on_message_begin(self) -> None:
            self._head_bytes = 0
            super().on_message_begin()

        def _grow(self, size: int) -> None:
            self._head_bytes += size
            if self._head_bytes > max_head:
                self._head_too_large = True

        def on_url(self, url: bytes) -> None:
            self._grow(len(url))
            if not self._head_too_large:
                super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._grow(len(name) + len(value))
            if not self._head_too_large:
                super().on_header(name, value)

        def on_headers_complete(self) -> None:
            if not self._head_too_large:  # an oversized request never reaches the application
                super().on_headers_complete()

        def data_received(self, data: bytes) -> None:
            if self._head_too_large:
                return
            super().data_received(data)
            if self._head_too_large and not self.transport.is_closing():
                self.transport.write(too_large)
                self.transport.close()

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            if per_client is not None:
                peer = transport.get_extra_info("peername")
                client = str(peer[0]) if isinstance(peer, tuple) and peer else ""
                if holding.get(client, 0) >= per_client:
                    transport.write(too_many)
                    transport.close()
                    return
                holding[client] = holding.get(client, 0) + 1
                self._client = client
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None
            if self._client is not None:
                left = holding.get(self._client, 1) - 1
                if left > 0:
                    holding[self._client] = left
                else:
                    holding.pop(self._client, None)
                self._client = None
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
                   max_connections: int = MAX_CONNECTIONS, max_per_client: int = MAX_CONNECTIONS_PER_CLIENT,
                   graceful: int = 5) -> Any:
    """The uvicorn configuration ``serve`` runs with: bounded headers, keep-alive and connections
    (in all and per client address); ``graceful`` seconds for running requests to finish on shutdown."""
    import uvicorn

    return uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=graceful,
                          http=header_timeout_protocol(header_timeout, per_client=min(max_per_client, max_connections)),
                          timeout_keep_alive=keep_alive,
                          limit_concurrency=max_connections, access_log=False, server_header=False)


def serve(
    kg: KnowledgeGraph,
    *,
    host: str = "127.0.0.1",
    port: int = PORT,
    timeout: float = QUERY_TIMEOUT,
    cors_origin: str | None = None,
    allowed_hosts: Iterable[str] = (),
    max_body: int = MAX_BODY,
    body_timeout: float = BODY_TIMEOUT,
    queue_timeout: float = QUEUE_TIMEOUT,
    header_timeout: float = HEADER_TIMEOUT,
    keep_alive: int = KEEP_ALIVE,
    max_connections: int = MAX_CONNECTIONS,
    max_per_client: int = MAX_CONNECTIONS_PER_CLIENT,
    base_iri: str | None = None,
    workers: int | None = None,
    memory: int | None = QUERY_MEMORY,
    max_result: int = MAX_RESULT,
    access_log: str | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve ``kg`` until interrupted (Ctrl-C or SIGTERM stops it cleanly).

    ``workers`` query processes (default: one per CPU, at least two) answer the queries, each
    limited to ``memory`` bytes and ``max_result`` bytes of answer. ``access_log``: None for no
    access log, ``-`` for one JSON line per request on stderr, else a file to append them to.
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

    log: Callable[[str], None] | None = None
    log_file: Any = None
    if access_log == "-":
        log = _stderr
    elif access_log:
        try:
            log_file = open(access_log, "a", encoding="utf-8", buffering=1)
        except OSError as exc:
            sock.close()
            pool.close()
            raise ResilienceKGError(f"cannot open the access log {access_log}: {exc.strerror}") from exc
        log = functools.partial(print, file=log_file, flush=False)
    report = ReportPages(kg)
    report.start()  # rendered once, in the background: the endpoint answers meanwhile
    app = create_app(kg, timeout=timeout, allowed_hosts=allowed, cors_origin=cors_origin, max_body=max_body,
                     body_timeout=body_timeout, max_concurrent=pool.size, pool=pool, queue_timeout=queue_timeout,
                     base_iri=base_iri, report=report, health=pool.health, log=log)
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
                            max_connections=max_connections, max_per_client=max_per_client,
                            graceful=max(5, int(timeout) + 1))
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
        if log_file is not None:
            log_file.close()
    echo("stopped.")
