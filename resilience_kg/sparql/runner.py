"""Run a piece of work in a child process that can be killed at a deadline.

Neither Oxigraph nor rdflib can cancel a running query, and a thread cannot be killed, so a
query runs in a forked child: the in-memory store is shared copy-on-write (no reload, no
pickling), the child sends its result back as bytes over a pipe, and the parent kills it with
SIGKILL when time runs out. The parent's store is never touched by the child, so the next query
works as before.
"""

from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable

from resilience_kg.errors import QueryError, QueryTimeout

_OK, _SYNTAX, _FAIL = b"O", b"S", b"E"


class ChildSyntaxError(QueryError):
    """The work raised SyntaxError in the child (a malformed query); the message is kept."""


def can_kill() -> bool:
    """True where queries can be stopped at a deadline (POSIX systems with fork)."""
    return hasattr(os, "fork")


def _child(work: Callable[[], bytes], write_fd: int) -> None:
    try:
        try:
            payload = _OK + work()
        except SyntaxError as exc:
            payload = _SYNTAX + str(exc).encode()
        except BaseException as exc:  # everything must go back to the parent
            payload = _FAIL + f"{type(exc).__name__}: {exc}".encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view) :]
    finally:
        os._exit(0)  # skip atexit handlers and buffered files inherited from the parent


def run_killable(work: Callable[[], bytes], *, timeout: float) -> bytes:
    """Return ``work()``'s bytes, computed in a child killed after ``timeout`` seconds.

    Raises :class:`QueryTimeout` when the deadline passes, :class:`ChildSyntaxError` for a
    SyntaxError in the child and :class:`QueryError` for any other failure there.
    """
    if not can_kill():  # pragma: no cover - Windows: no fork, so no way to stop a query
        try:
            return work()
        except SyntaxError as exc:
            raise ChildSyntaxError(str(exc)) from exc
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
        os.close(read_fd)
        _child(work, write_fd)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped (raise --timeout to allow more)"
                )
            ready, _, _ = select.select([read_fd], [], [], left)
            if ready:
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    data = b"".join(chunks)
    if data[:1] == _OK:
        return data[1:]
    if data[:1] == _SYNTAX:
        raise ChildSyntaxError(data[1:].decode(errors="replace"))
    if data[:1] == _FAIL:
        raise QueryError(data[1:].decode(errors="replace"))
    raise QueryError("the query process ended without an answer (out of memory?)")
