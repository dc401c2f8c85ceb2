"""Start the endpoint on a real ASGI server (uvicorn), on a socket we bind ourselves so that a
port in use gets a clear message rather than a traceback."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

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


def serve(
    kg: KnowledgeGraph,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = QUERY_TIMEOUT,
    cors_origin: str | None = None,
    allowed_hosts: Iterable[str] = (),
    max_body: int = MAX_BODY,
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
    app = create_app(kg, timeout=timeout, allowed_hosts=allowed, cors_origin=cors_origin, max_body=max_body)
    shown = f"[{host}]" if ":" in host else host
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else shown
    url = f"http://{shown}:{actual_port}/sparql"
    echo(f"SPARQL endpoint: {url}  (query page: http://{shown}:{actual_port}/)")
    echo(f"try: curl -s '{url}' --data-urlencode 'query=SELECT * WHERE {{ ?p a rkg:Pillar }}' "
         "-H 'Accept: text/csv'")
    if host not in LOCAL_HOSTS:
        echo(f"warning: listening on {host}, reachable from other machines; answering Host names: "
             f"{', '.join([*LOCAL_HOSTS, *allowed])}")
    echo("Ctrl-C stops it.")
    config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down gracefully, then re-raises the signal
        pass
    finally:
        sock.close()
    echo("stopped.")
