"""The endpoint's guards, as one ASGI layer in front of the application (:class:`Guards`).

One layer, not a stack of middlewares: each request's headers are read once, and the answer
passes through one wrapper. In order:

- **Host**: 403 for a ``Host`` that is not ours (a page that rebinds its own DNS name to
  127.0.0.1 must get no answer). The parse is strict, as Starlette's ``TrustedHostMiddleware``
  parses it, so ``localhost:evil.com`` is no host at all; the refusal says how to allow a name.
- **/health**: the query workers' and the query slots' state as JSON (503 when no worker runs,
  or when every slot is taken and requests wait or were turned away: ``"status": "full"``).
- **Other sites**: 403, with the reason, for requests a web page on another site makes
  (``Sec-Fetch-Site: cross-site``, or ``same-site``: another port of the same host is another
  application; or an ``Origin`` that is neither ours nor the ``--cors`` one). A browser that
  follows a link to an entity page from elsewhere is let through: reading a public page is
  what Linked Data is for, and it runs no query of the visitor's.
- **Bodies**: a POST's body is read whole, within ``body_timeout`` seconds and ``max_body``
  bytes (408 and 413), *before* the request asks for a query slot: a client sending a byte
  every few seconds holds a connection, never a slot.
- **Admission** (:class:`Gate`) to the paths that run queries.
- **Disconnects**: a client that goes away mid-request is not an error worth a traceback.
- **Access log** (when asked for): one JSON line per request (never the query string or body).
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from ipaddress import AddressValueError, IPv6Address
from typing import Any
from urllib.parse import urlsplit

from resilience_kg.limits import BODY_TIMEOUT, MAX_BODY, QUEUE_TIMEOUT

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths a browser may open by following a link from another site (GET or HEAD, navigation).
PUBLIC_PREFIXES = ("/id/", "/ontology", "/static/", "/report")

# A Host header as Starlette reads it (RFC 3986 reg-name, IPv4, or a bracketed IP literal,
# then an optional numeric port); anything that could change the authority or path fails.
_HOST = re.compile(
    r"(?P<host>[a-z0-9._~%!$&'()*+,;=-]+|\[(?:(?P<ipv6>[a-f0-9]*:[a-f0-9.:]+)|"
    r"(?-i:v)[a-f0-9]+\.[a-z0-9._~!$&'()*+,;=:-]+)\])(?::(?P<port>[0-9]+))?",
    re.IGNORECASE,
)


def host_pattern(name: str) -> str:
    """A name as the Host check compares it: lower case, IPv6 literals in brackets.

    >>> host_pattern("::1"), host_pattern("KG.example")
    ('[::1]', 'kg.example')
    """
    name = name.strip().lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def host_name(header: str | None) -> str | None:
    """The host of a ``Host`` header, lower case, or None when the header is malformed.

    >>> host_name("LocalHost:7878"), host_name("[::1]:80"), host_name("localhost:evil.com")
    ('localhost', '[::1]', None)
    """
    if header is None:
        return None
    match = _HOST.fullmatch(header)
    if match is None:
        return None
    if match["ipv6"] is not None:
        try:
            IPv6Address(match["ipv6"])
        except AddressValueError:
            return None
    return match["host"].lower()


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


def route_path(scope: Scope) -> str:
    """The request path below the application's root (``--base-iri``'s path prefix removed)."""
    path, root = str(scope.get("path", "")), str(scope.get("root_path", ""))
    return path[len(root):] if root and path.startswith(root) else path


async def plain(send: Send, status: int, message: str, headers: Iterable[tuple[str, str]] = ()) -> None:
    """Answer ``message`` as text/plain with ``status``."""
    body = (message + "\n").encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"), *((k.encode(), v.encode()) for k, v in headers)]})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------- admission


@dataclass(eq=False)
class Ticket:
    """One admitted request: who, since when, and how to stop it (set by :class:`Guards`)."""

    client: str
    started: float
    stop: Callable[[], object] | None = None
    answering: bool = False  # its response has begun: too late to stop it
    preempted: bool = False


@dataclass(eq=False)
class _Waiter:
    client: str
    since: float
    future: asyncio.Future[Ticket] = field(repr=False)


class Gate:
    """Admission to the paths that run queries: ``slots`` at once, no wait longer than
    ``queue_timeout``, and fair between clients (by peer address).

    Work-conserving: a client alone may use every slot. When another client has to wait, a free
    slot goes to the waiting client holding the fewest; and if every slot is taken while some
    client holds more than ``per_client`` (half the slots by default), that client's youngest
    query that has run ``grace`` seconds is stopped (503, retry later) to give the waiting client
    a turn. So a runaway client cannot keep the others waiting for more than ``grace``, and a
    busy client loses nothing while nobody else needs the server.
    """

    def __init__(self, slots: int, *, per_client: int | None = None, queue_timeout: float = QUEUE_TIMEOUT,
                 grace: float | None = None) -> None:
        self.slots = max(1, slots)
        self.per_client = per_client or max(1, self.slots // 2)
        self.queue_timeout = queue_timeout
        self.grace = grace if grace is not None else min(0.25, queue_timeout / 2)
        self.retry_after = str(max(1, math.ceil(queue_timeout)))
        self.busy = 0
        self.refused = 0  # requests turned away because no slot came free in time
        self.last_refusal = -math.inf
        self.held: dict[str, list[Ticket]] = {}
        self.waiting: list[_Waiter] = []
        self._recheck: asyncio.TimerHandle | None = None

    def holding(self, client: str) -> int:
        """How many slots ``client`` holds now."""
        return len(self.held.get(client, ()))

    def _admit(self, client: str) -> Ticket:
        ticket = Ticket(client, time.monotonic())
        self.busy += 1
        self.held.setdefault(client, []).append(ticket)
        return ticket

    async def enter(self, client: str) -> Ticket | str:
        """A ticket for ``client``, or the reason it could not start within the queue timeout."""
        if self.busy < self.slots and not self.waiting:
            return self._admit(client)
        loop = asyncio.get_running_loop()
        waiter = _Waiter(client, time.monotonic(), loop.create_future())
        self.waiting.append(waiter)
        self._preempt()
        timer = loop.call_later(self.queue_timeout, _expire, waiter.future)
        try:
            return await waiter.future
        except TimeoutError:
            self._forget(waiter)
            self.refused += 1
            self.last_refusal = time.monotonic()
            if self.holding(client) >= self.per_client:
                reason = (f"this client already runs {self.holding(client)} queries at once and every slot "
                          "is taken")
            else:
                reason = f"all {self.slots} query slots are busy"
            return f"{reason}; nothing could start within {self.queue_timeout:g} s: retry later"
        except BaseException:  # cancelled: the client went away while it waited
            self._forget(waiter)
            future = waiter.future
            if future.done() and not future.cancelled() and future.exception() is None:
                self.leave(future.result())  # admitted just as it was cancelled
            raise
        finally:
            timer.cancel()

    def state(self) -> dict[str, Any]:
        """What ``/health`` says of the slots; ``full`` when every slot is taken and a request
        waits, or one was turned away within the last queue timeout."""
        recent = time.monotonic() - self.last_refusal <= max(self.queue_timeout, 1.0)
        full = self.busy >= self.slots and (bool(self.waiting) or recent)
        return {"slots": self.slots, "running": self.busy, "waiting": len(self.waiting), "refused": self.refused,
                "full": full}

    def leave(self, ticket: Ticket) -> None:
        """Give ``ticket``'s slot back: to the fairest waiter, if any."""
        mine = self.held.get(ticket.client)
        if mine is None or ticket not in mine:
            return
        mine.remove(ticket)
        if not mine:
            del self.held[ticket.client]
        self.busy -= 1
        self._dispatch()

    def _forget(self, waiter: _Waiter) -> None:
        if waiter in self.waiting:
            self.waiting.remove(waiter)

    def _dispatch(self) -> None:
        while self.busy < self.slots and self.waiting:
            # The client holding the fewest slots first; among equals, the longest waiting.
            waiter = min(self.waiting, key=lambda w: (self.holding(w.client), w.since))
            self.waiting.remove(waiter)
            if not waiter.future.done():
                waiter.future.set_result(self._admit(waiter.client))
        self._preempt()

    def _preempt(self) -> None:
        """Stop over-share queries while a client under its share waits for a slot."""
        if self.busy < self.slots or not self.waiting:
            return
        stopping = sum(1 for tickets in self.held.values() for t in tickets if t.preempted)
        needy = {w.client for w in self.waiting if self.holding(w.client) < self.per_client}
        wanted = len(needy) - stopping
        now = time.monotonic()
        soonest: float | None = None
        while wanted > 0:
            victims = [t for client, tickets in self.held.items() if client not in needy
                       and sum(1 for t in tickets if not t.preempted) > self.per_client
                       for t in tickets if not t.preempted and not t.answering and t.stop is not None]
            if not victims:
                break
            victim = max(victims, key=lambda t: t.started)  # the youngest: the least work lost
            if now - victim.started < self.grace:
                soonest = victim.started + self.grace
                break
            victim.preempted = True
            victim.stop()  # type: ignore[misc]
            wanted -= 1
        if soonest is not None and self._recheck is None:
            def again() -> None:
                self._recheck = None
                self._preempt()

            self._recheck = asyncio.get_running_loop().call_later(max(0.0, soonest - now), again)


def _expire(future: asyncio.Future[Any]) -> None:
    if not future.done():
        future.set_exception(TimeoutError())


# ---------------------------------------------------------------- the layer


def _replay(chunks: list[bytes], last: MutableMapping[str, Any] | None, receive: Receive | None = None) -> Receive:
    """A receive that gives the body already read as one message, then ``last`` (a disconnect)
    or whatever ``receive`` gives next."""
    pending: list[MutableMapping[str, Any]] = [] if last is not None and not chunks else [
        {"type": "http.request", "body": b"".join(chunks), "more_body": False}]
    if last is not None:
        pending.append(last)

    async def again() -> MutableMapping[str, Any]:
        if pending:
            return pending.pop(0)
        if receive is None:
            return {"type": "http.disconnect"}
        return await receive()

    return again


class Guards:
    """The guards above, around ``app``.

    ``hosts``: the names answered (see :func:`host_pattern`); ``allowed_origins``: origins whose
    pages may use the endpoint (``--cors``, the ``--base-iri`` one); ``prefix``: the path prefix of
    ``--base-iri``, served as the root too; ``gate`` and ``gated``: admission for the paths that
    run queries; ``health``: what ``/health`` reports; ``log``: where access-log lines go;
    ``max_body`` and ``body_timeout``: the largest body of a gated POST and the seconds it may take
    to arrive (read before the request takes a slot).
    """

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], allowed_origins: Iterable[str] = (),
                 prefix: str = "", gate: Gate | None = None, gated: Callable[[str], bool] = lambda path: True,
                 health: Callable[[], dict[str, Any]] | None = None,
                 log: Callable[[str], None] | None = None, max_body: int = MAX_BODY,
                 body_timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.hosts = [host_pattern(h) for h in hosts]
        self.allowed = {origin_of(o) for o in allowed_origins if o}
        self.prefix = prefix
        self.gate = gate
        self.gated = gated
        self.health = health
        self.log = log
        self.max_body = max_body
        self.body_timeout = body_timeout
        self._verdicts: dict[str, bool] = {}

    def _host_ok(self, header: str | None) -> bool:
        if header is None:
            return False
        verdict = self._verdicts.get(header)
        if verdict is None:
            host = host_name(header)
            verdict = host is not None and any(
                host == p or (p.startswith("*.") and host.endswith(p[1:])) for p in self.hosts)
            if len(self._verdicts) > 256:  # a client sending ever new names gets no memory of them
                self._verdicts.clear()
            self._verdicts[header] = verdict
        return verdict

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen = [0, 0]  # status, body bytes
        gone = False

        async def answer(message: MutableMapping[str, Any]) -> None:
            nonlocal gone
            if message["type"] == "http.response.start":
                seen[0] = message["status"]
            elif message["type"] == "http.response.body":
                seen[1] += len(message.get("body", b""))
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
            await self._serve(scope, listen, answer)
        except OSError:
            if not gone:
                raise
        except Exception as exc:
            from starlette.requests import ClientDisconnect

            if not isinstance(exc, ClientDisconnect):
                raise
        finally:
            if self.log is not None:
                client = scope.get("client") or ("", 0)
                self.log(json.dumps({
                    "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "client": client[0], "method": scope["method"],
                    "path": scope["path"], "status": seen[0], "bytes": seen[1],
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                }))

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = origin = site = mode = None
        for key, value in scope.get("headers") or ():
            if key == b"host" and host is None:
                host = bytes(value).decode("latin-1")
            elif key == b"origin" and origin is None:
                origin = bytes(value).decode("latin-1")
            elif key == b"sec-fetch-site" and site is None:
                site = bytes(value).decode("latin-1").strip().lower()
            elif key == b"sec-fetch-mode" and mode is None:
                mode = bytes(value).decode("latin-1").strip().lower()
        if self.prefix:
            path = scope.get("path", "")
            if path == self.prefix or path.startswith(self.prefix + "/"):
                scope = {**scope, "root_path": scope.get("root_path", "") + self.prefix}
        if not self._host_ok(host):
            await plain(send, 403, f"host {host or ''!r} is not allowed (start serve with --allow-host to permit it)")
            return
        path = route_path(scope)
        method = scope.get("method")
        if self.health is not None and path == "/health" and method in ("GET", "HEAD"):
            state = dict(self.health())
            if self.gate is not None:
                state["queries"] = self.gate.state()
                if state.get("status") == "ok" and state["queries"]["full"]:
                    state["status"] = "full"
            body = json.dumps(state).encode()
            await send({"type": "http.response.start", "status": 200 if state.get("status") == "ok" else 503,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        refusal = self._foreign(scope, host or "", origin, site, mode, path)
        if refusal is not None:
            await plain(send, 403, refusal)
            return
        if self.gate is None or method == "OPTIONS" or not self.gated(path):
            await self.app(scope, receive, send)
            return
        await self._admitted(scope, receive, send)

    def _foreign(self, scope: Scope, host: str, origin: str | None, site: str | None, mode: str | None,
                 path: str) -> str | None:
        """Why a request made by another site's page is refused, or None."""
        if origin is not None:
            given = origin_of(origin) if origin.strip().lower() != "null" else "null"
            if given in self.allowed:
                return None
            if given != origin_of(f"{scope.get('scheme', 'http')}://{host}"):
                return (f"requests from the web page at {origin.strip()!r} are refused: only this server's "
                        "own pages (and an origin given with --cors) may use it")
        # Same-site counts as foreign too: another port of this host is another web application.
        if site in ("cross-site", "same-site"):
            navigation = (scope.get("method") in ("GET", "HEAD") and mode == "navigate"
                          and path.startswith(PUBLIC_PREFIXES) and not scope.get("query_string"))
            if not navigation:
                return (f"a request made by a page of another origin (Sec-Fetch-Site: {site}) is refused; "
                        "start serve with --cors ORIGIN to let one web application use this endpoint")
        return None

    async def _body(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """Read a POST's body whole, before it takes a slot: a receive that hands it over again,
        or None when the answer (408, 413) has been sent."""
        declared = next((bytes(v) for k, v in scope.get("headers") or () if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await plain(send, 413, f"request body larger than {self.max_body} bytes", [("Connection", "close")])
            return None
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.body_timeout):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":  # the client went away
                        return _replay([], message)
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_body:
                        await plain(send, 413, f"request body larger than {self.max_body} bytes",
                                    [("Connection", "close")])
                        return None
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await plain(send, 408, f"the request body did not arrive within {self.body_timeout:g} s "
                        "(--body-timeout)", [("Connection", "close")])
            return None
        return _replay(chunks, None, receive)

    async def _admitted(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.gate is not None
        if scope.get("method") == "POST":
            replay = await self._body(scope, receive, send)
            if replay is None:
                return
            receive = replay
        client = str((scope.get("client") or ("unknown",))[0])
        ticket = await self.gate.enter(client)
        if isinstance(ticket, str):
            await plain(send, 503, ticket, [("Retry-After", self.gate.retry_after)])
            return

        async def answering(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                ticket.answering = True  # from here on it is too late to stop it
            await send(message)

        task = asyncio.current_task()
        assert task is not None
        ticket.stop = task.cancel
        try:
            await self.app(scope, receive, answering)
        except asyncio.CancelledError:
            # Stopped by the gate (and by nothing else: then the cancellation goes on).
            if not ticket.preempted or task.uncancel() > 0 or ticket.answering:
                raise
            held = self.gate.holding(client)
            self.gate.leave(ticket)  # the waiting client starts now, not after this answer
            await plain(send, 503, f"this client ran {held} queries at once while another client waited, so "
                        "this one was stopped to give it a turn: retry later",
                        [("Retry-After", self.gate.retry_after)])
        finally:
            self.gate.leave(ticket)
