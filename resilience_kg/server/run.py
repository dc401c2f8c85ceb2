"""Start the endpoint on a real ASGI server (uvicorn), on a socket we bind ourselves so that a
port in use gets a clear message rather than a traceback."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.extras import require
from resilience_kg.limits import MAX_BODY, QUERY_TIMEOUT
from resilience_kg.server.app import LOCAL_HOSTS, create_app

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a clear error if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
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
                   max_connections: int = MAX_CONNECTIONS) -> Any:
    """The uvicorn configuration ``serve`` runs with: bounded headers, keep-alive and connections."""
    import uvicorn

    return uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=5,
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
    echo: Callable[[str], None] = print,
) -> None:
    """Serve ``kg`` until interrupted (Ctrl-C stops it cleanly)."""
    require("server", feature="serve")
    import uvicorn

    allowed = list(allowed_hosts)
    if host not in ("0.0.0.0", "::") and host not in LOCAL_HOSTS:
        allowed.append(host)
    sock = bind(host, port)
    actual_port = sock.getsockname()[1]
    app = create_app(kg, timeout=timeout, allowed_hosts=allowed, cors_origin=cors_origin, max_body=max_body,
                     queue_timeout=queue_timeout, base_iri=base_iri)
    shown = f"[{host}]" if ":" in host else host
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else shown
    url = f"http://{shown}:{actual_port}/sparql"
    echo(f"SPARQL endpoint: {url}  (query page: http://{shown}:{actual_port}/)")
    echo(f"try: curl -s '{url}' --data-urlencode 'query=SELECT * WHERE {{ ?p a rkg:Pillar }}' "
         "-H 'Accept: text/csv'")
    if host not in LOCAL_HOSTS:
        echo(f"warning: listening on {host}, reachable from other machines; answering Host names: "
             f"{', '.join([*LOCAL_HOSTS, *allowed])}")
    if base_iri:
        echo(f"answering for {base_iri} (entity pages under {base_iri.rstrip('/')}/id/...)")
    echo("Ctrl-C stops it.")
    raise_descriptor_limit(max_connections + 256)
    config = uvicorn_config(app, header_timeout=header_timeout, keep_alive=keep_alive,
                            max_connections=max_connections)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down gracefully, then re-raises the signal
        pass
    finally:
        sock.close()
    echo("stopped.")
