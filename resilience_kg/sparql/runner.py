"""Run a query in a child process that is jailed, limited in memory and killed at a deadline.

Neither Oxigraph nor rdflib can cancel a running query, and a thread cannot be killed, so a
query runs in a forked child: the in-memory store is shared copy-on-write (no reload, no
pickling), the child sends its answer back as bytes over a pipe, and the parent kills it with
SIGKILL when time runs out, or in any case once it has its answer. The child closes what it
inherited, is refused the network and limited in address space before it runs the work
(:mod:`resilience_kg.sparql.sandbox`). The parent's store is never touched by the child, so the
next query works as before.

The answer travels as a status byte, a jail byte and the payload; :func:`reply` and
:func:`read_reply` are shared with the worker pool (:mod:`resilience_kg.sparql.pool`).
"""

from __future__ import annotations

import os
import selectors
import signal
import time
from collections.abc import Callable

from resilience_kg.errors import ChildSyntaxError, QueryError, QueryMemoryError, QueryTimeout, ResultTooLarge
from resilience_kg.sparql import sandbox

_OK, _SYNTAX, _FAIL, _MEMORY, _LARGE, _REFUSED = b"O", b"S", b"E", b"M", b"L", b"R"
JAILED, FREE = b"J", b"N"
MIB = 1 << 20


def can_kill() -> bool:
    """True where queries can be stopped at a deadline (POSIX systems with fork)."""
    return hasattr(os, "fork")


def mib(size: int) -> str:
    """A size as a person reads it: ``256 MiB``, ``1.5 MiB``, ``900 bytes``."""
    if size < MIB:
        return f"{size} bytes"
    return f"{size // MIB} MiB" if size % MIB == 0 else f"{size / MIB:.1f} MiB"


def timeout_error(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped (raise --timeout to allow more)")


def memory_error(memory: int | None) -> QueryMemoryError:
    limit = f"more than {mib(memory)}" if memory is not None else "more memory than the system allows"
    return QueryMemoryError(f"the query used {limit} and was stopped (raise --memory to allow more)")


def reply(work: Callable[[], bytes], jailed: bool) -> bytes:
    """Run ``work`` and encode what happened as the parent expects it. Never raises."""
    flag = JAILED if jailed else FREE
    try:
        return _OK + flag + work()
    except SyntaxError as exc:
        return _SYNTAX + flag + str(exc).encode()
    except MemoryError:
        return _MEMORY + flag
    except ResultTooLarge as exc:
        return _LARGE + flag + str(exc).encode()
    except QueryError as exc:  # the guard's verdict, with its line and column in the message
        return _REFUSED + flag + str(exc).encode()
    except BaseException as exc:  # everything must go back to the parent
        return _FAIL + flag + f"{type(exc).__name__}: {exc}".encode()


def read_reply(data: bytes, *, memory: int | None, jail_reason: str | None) -> bytes:
    """The payload of a child's answer, or the error it stands for."""
    status, flag, body = data[:1], data[1:2], data[2:]
    if flag == FREE:
        sandbox.warn_unconfined(jail_reason or sandbox.unavailable_reason() or "the kernel refused the seccomp filter")
    if status == _OK:
        return body
    if status == _SYNTAX:
        raise ChildSyntaxError(body.decode(errors="replace"))
    if status == _MEMORY:
        raise memory_error(memory)
    if status == _LARGE:
        raise ResultTooLarge(body.decode(errors="replace"))
    if status == _REFUSED:
        raise QueryError(body.decode(errors="replace"))
    if status == _FAIL:
        raise QueryError(body.decode(errors="replace"))
    raise QueryError("the query process sent an answer that cannot be read")


def death_error(status: int, memory: int | None) -> QueryError:
    """The error for a child that ended (wait status ``status``) without an answer."""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGKILL, signal.SIGBUS):
        # Oxigraph aborts when an allocation fails; the kernel's OOM killer sends SIGKILL.
        return memory_error(memory)
    if os.WIFSIGNALED(status):
        return QueryError(f"the query process crashed (signal {signal.Signals(os.WTERMSIG(status)).name})")
    return QueryError(f"the query process ended without an answer (exit code {os.WEXITSTATUS(status)})")


def _child(work: Callable[[], bytes], write_fd: int, memory: int | None) -> None:
    try:
        jailed = False
        try:
            jailed = sandbox.confine(memory=memory, keep=(write_fd,)) is None
        except OSError:
            pass
        payload = reply(work, jailed)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view) :]
    finally:
        os._exit(0)  # skip atexit handlers and buffered files inherited from the parent


def run_killable(work: Callable[[], bytes], *, timeout: float, memory: int | None = None) -> bytes:
    """Return ``work()``'s bytes, computed in a jailed child killed after ``timeout`` seconds.

    ``memory`` limits what the child may allocate beyond what it inherits (bytes; None: no
    limit). Raises :class:`QueryTimeout` when the deadline passes, :class:`QueryMemoryError`
    when the memory runs out, :class:`ResultTooLarge` when ``work`` raised it,
    :class:`ChildSyntaxError` for a SyntaxError in the child and :class:`QueryError` for any
    other failure there.
    """
    if not can_kill():  # pragma: no cover - Windows: no fork, so no way to stop a query
        sandbox.warn_unconfined("no fork() on this system")
        try:
            return work()
        except SyntaxError as exc:
            raise ChildSyntaxError(str(exc)) from exc
    sandbox.prepare()  # built here once, so the child only makes the system calls
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
        os.close(read_fd)
        _child(work, write_fd, memory)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    status = None
    # selectors (epoll/poll), not select(): select() fails on a descriptor numbered 1024 or above.
    selector = selectors.DefaultSelector()
    try:
        selector.register(read_fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise timeout_error(timeout)
            if selector.select(left):
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        selector.close()
        os.close(read_fd)
        # Always kill: a child that is still running (a timeout, an error here) must not keep
        # its memory or a slot. Killing one that is already exiting does not change its status.
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - it cannot be reaped by anyone else
            pass
        _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if len(data) < 2:
        raise death_error(status, memory)
    return read_reply(data, memory=memory, jail_reason=None)
