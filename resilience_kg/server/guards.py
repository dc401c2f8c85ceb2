"""The endpoint's guards, as ASGI middleware around the application.

- :class:`HostGuard`: Starlette's ``TrustedHostMiddleware`` (a strict parse of ``Host``, so
  ``localhost:evil.com`` is no host at all) answering 403 with the way to allow a name.
- :class:`OriginGuard`: 403 for a request a web page on another site makes (``Sec-Fetch-Site:
  cross-site``, or ``same-site``: another port of the same host is another application; or an
  ``Origin`` that is neither ours nor the ``--cors`` one). A browser that
  follows a link to an entity page from elsewhere is let through: reading a public page is
  what Linked Data is for, and it runs no query of the visitor's.
- :class:`QueryGate`: bounded waiting. A request that cannot start within ``queue_timeout``
  seconds gets 503 with ``Retry-After``, and one client (by peer address) holds at most
  ``per_client`` of the ``slots``, so a runaway client cannot starve the others.
- :class:`QuietDisconnects`: a client that goes away mid-request is not an error worth a
  traceback in the log.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths a browser may open by following a link from another site (GET or HEAD, navigation).
PUBLIC_PREFIXES = ("/id/", "/ontology", "/static/", "/report")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def route_path(scope: Scope) -> str:
    """The request path below the application's root (``--base-iri``'s path prefix removed)."""
    path, root = str(scope.get("path", "")), str(scope.get("root_path", ""))
    return path[len(root):] if root and path.startswith(root) else path


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str,
                  headers: dict[str, str] | None = None) -> None:
    from starlette.responses import PlainTextResponse

    await PlainTextResponse(message + "\n", status_code=status, headers=headers)(scope, receive, send)


def host_pattern(name: str) -> str:
    """A name as TrustedHostMiddleware compares it: lower case, IPv6 literals in brackets.

    >>> host_pattern("::1"), host_pattern("KG.example")
    ('[::1]', 'kg.example')
    """
    name = name.strip().lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


class HostGuard:
    """403 for a ``Host`` that is not ours: a page that rebinds its own DNS name to 127.0.0.1
    must get no answer. The matching is Starlette's; the refusal says how to allow a name."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str]) -> None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        self.app = app
        self.hosts = [host_pattern(h) for h in hosts]

        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope["rkg.host_ok"] = True
            await app(scope, receive, send)

        self.trusted = TrustedHostMiddleware(passed, allowed_hosts=self.hosts, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = False

        async def intercept(message: MutableMapping[str, Any]) -> None:
            # Starlette's own refusal (400 "Invalid host header") is replaced by ours.
            nonlocal refused
            if scope.get("rkg.host_ok"):
                await send(message)
            else:
                refused = True

        await self.trusted(scope, receive, intercept)
        if refused:
            raw = _header(scope, b"host") or ""
            await _refuse(scope, receive, send, 403,
                          f"host {raw!r} is not allowed (start serve with --allow-host to permit it)")


def origin_of(url: str) -> str:
    """The ASCII serialisation of an origin (scheme://host[:port], default port dropped).

    >>> origin_of("HTTP://Example.org:80/x"), origin_of("https://a.example:8443")
    ('http://example.org', 'https://a.example:8443')
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return "invalid"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port is not None and port != default else "")


class OriginGuard:
    """403, with the reason, for requests a web page on another site makes."""

    def __init__(self, app: ASGIApp, *, allowed_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {origin_of(o) for o in allowed_origins if o}

    def _own(self, scope: Scope) -> str:
        host = _header(scope, b"host") or ""
        return origin_of(f"{scope.get('scheme', 'http')}://{host}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        site = (_header(scope, b"sec-fetch-site") or "").strip().lower()
        if origin is not None:
            given = origin_of(origin) if origin.strip().lower() != "null" else "null"
            if given in self.allowed:
                await self.app(scope, receive, send)
                return
            if given != self._own(scope):
                await _refuse(scope, receive, send, 403,
                              f"requests from the web page at {origin.strip()!r} are refused: only this server's "
                              "own pages (and an origin given with --cors) may use it")
                return
        # Same-site counts as foreign too: another port of this host is another web application.
        if site in ("cross-site", "same-site") and not self._public_navigation(scope):
            await _refuse(scope, receive, send, 403,
                          f"a request made by a page of another origin (Sec-Fetch-Site: {site}) is refused; "
                          "start serve with --cors ORIGIN to let one web application use this endpoint")
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _public_navigation(scope: Scope) -> bool:
        mode = (_header(scope, b"sec-fetch-mode") or "").strip().lower()
        path = route_path(scope)
        return (scope.get("method") in ("GET", "HEAD") and mode == "navigate"
                and path.startswith(PUBLIC_PREFIXES) and not scope.get("query_string"))


class QueryGate:
    """Admission to the paths that run queries: at most ``slots`` at once, at most
    ``per_client`` of them for one peer address, and no wait longer than ``queue_timeout``."""

    def __init__(self, app: ASGIApp, *, slots: int, per_client: int | None = None, queue_timeout: float = 2.0,
                 gated: Callable[[str], bool] = lambda path: True) -> None:
        import anyio

        self.app = app
        self.slots = max(1, slots)
        # Half the slots at most, so the others keep at least as many (one, if there is only one).
        self.per_client = per_client or max(1, self.slots // 2)
        self.queue_timeout = queue_timeout
        self.gated = gated
        self.busy = 0
        self.held: dict[str, int] = defaultdict(int)
        self.changed = anyio.Condition()
        self.retry_after = str(max(1, math.ceil(queue_timeout)))

    def _may_start(self, client: str) -> bool:
        return self.busy < self.slots and self.held[client] < self.per_client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        import anyio

        if scope["type"] != "http" or scope.get("method") == "OPTIONS" or not self.gated(route_path(scope)):
            await self.app(scope, receive, send)
            return
        client = str((scope.get("client") or ("unknown",))[0])
        admitted = False
        with anyio.move_on_after(self.queue_timeout):
            async with self.changed:
                while not self._may_start(client):
                    await self.changed.wait()
                self.busy += 1
                self.held[client] += 1
                admitted = True
        if not admitted:
            mine = self.held.get(client, 0) >= self.per_client
            reason = (f"this client already runs {self.per_client} queries at once (the most one client may)"
                      if mine else f"all {self.slots} query slots are busy")
            await _refuse(scope, receive, send, 503,
                          f"{reason}; nothing could start within {self.queue_timeout:g} s: retry later",
                          headers={"Retry-After": self.retry_after})
            return
        try:
            await self.app(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):
                async with self.changed:
                    self.busy -= 1
                    self.held[client] -= 1
                    if not self.held[client]:
                        del self.held[client]
                    self.changed.notify_all()


class QuietDisconnects:
    """Swallow the errors of a client that went away: nobody is left to answer, and a
    traceback per dropped connection would bury the log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.requests import ClientDisconnect

        gone = False

        async def watch(message: MutableMapping[str, Any]) -> None:
            nonlocal gone
            try:
                await send(message)
            except OSError:
                gone = True
                raise

        async def listen() -> MutableMapping[str, Any]:
            nonlocal gone
            message = await receive()
            if message.get("type") == "http.disconnect":
                gone = True
            return message

        try:
            await self.app(scope, listen, watch)
        except ClientDisconnect:
            return
        except OSError:
            if not gone:
                raise
