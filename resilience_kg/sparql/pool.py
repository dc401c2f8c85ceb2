"""A pool of pre-started query processes for the endpoint, seen from the server: Oxigraph's
speed, our limits.

Forking a process per query costs more than a small query itself, and a server that forks
once it runs threads (uvicorn's, anyio's) risks a child stuck on a lock some thread held. So:

- A **fork server** (the zygote, :mod:`resilience_kg.sparql.forkserver`) is started as a fresh
  interpreter, never forked from the server: it loads the graph once and stays single-threaded,
  so forking it is safe.
- It forks **workers** on request, each jailed once, that answer queries one at a time over two
  pipes (:mod:`resilience_kg.sparql.framing`), writing each answer in the format asked for,
  under the limits.
- The server hands a query to an idle worker and waits for the answer until the deadline. A
  worker that passes the deadline is killed (through a pidfd, so never another process that
  reused its number) and replaced at once; so is one that ran out of memory or died.
- A **generation** counter: when the on-disk store is rebuilt (``build --store`` swaps the
  folder), workers of an older generation are replaced before they take another query.

The zygote and the workers end when the server closes the pool or dies (they see the end of
their pipes), so none is left behind.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from resilience_kg.errors import QueryError, QueryTimeout
from resilience_kg.graph.store import MARKER
from resilience_kg.limits import MAX_RESULT, QUERY_MEMORY
from resilience_kg.sparql import sandbox
from resilience_kg.sparql.forkserver import HELLO
from resilience_kg.sparql.framing import FRAME, FrameReader, read_frame_by, write_all
from resilience_kg.sparql.query import (
    Bindings,
    QueryResult,
    Term,
    explain,
    prepare,
    transport_format,
)
from resilience_kg.sparql.runner import death_error, read_reply, timeout_error

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

START_TIMEOUT = 120.0  # seconds for the zygote to load the graph, or a worker to open the store
PIPE_BUFFER = 1 << 16  # what a pipe holds before a write blocks (Linux's default)


def default_workers() -> int:
    """As many workers as CPUs, at least two (one may be busy with a runaway)."""
    return max(2, os.cpu_count() or 2)


# ------------------------------------------------------------------ what a query process does for the endpoint

# ------------------------------------------------------------------ the server's side


def _expire(future: asyncio.Future[Any]) -> None:
    if not future.done():
        future.set_exception(TimeoutError())


def _fail(future: asyncio.Future[_Worker], error: Exception) -> None:
    if not future.done():
        future.set_exception(error)


class _Worker:
    def __init__(self, pid: int, pidfd: int | None, requests: int, replies: int, generation: int) -> None:
        self.pid = pid
        self.pidfd = pidfd
        self.requests = requests
        self.replies = replies
        self.generation = generation
        self.jail_reason: str | None = None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:  # pragma: no cover - kernels before 5.3
                os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        for fd in (self.requests, self.replies, self.pidfd):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.pidfd = None


class QueryPool:
    """Pre-started, jailed query processes over ``kg``'s store; thread-safe.

    Call :meth:`start` once (it starts the zygote and ``workers`` workers), then :meth:`query`
    from any thread (or :meth:`arun` from an event loop, as the server does: no thread per query), and
    :meth:`close` at the end (or use it as a context manager).
    ``memory`` and ``max_result`` are the per-query limits of :func:`resilience_kg.sparql.query.query`.
    """

    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        workers: int | None = None,
        memory: int | None = QUERY_MEMORY,
        max_result: int = MAX_RESULT,
    ) -> None:
        if not hasattr(os, "fork"):  # pragma: no cover - Windows
            raise QueryError("the query pool needs fork(), which this system does not have")
        self.kg = kg
        self.size = workers or default_workers()
        if self.size < 1:
            raise QueryError("the pool needs at least one worker")
        self.memory = memory
        self.max_result = max_result
        self.generation = 0
        self.served = 0
        self.replaced = 0
        self._store_dir = str(kg.store_path) if kg.store_path is not None else None
        self._marker = (kg.store_path.parent / MARKER) if kg.store_path is not None else None
        self._stamp = self._store_stamp()
        self._checked = time.monotonic()
        self._zygote: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._control_lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._waiters: collections.deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[_Worker]]] = (
            collections.deque())
        self._alive = 0
        self._cond = threading.Condition()
        self._closed = False

    # -- life cycle

    def start(self) -> QueryPool:
        """Start the zygote and the workers; returns once every worker is ready."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        args = [sys.executable, "-m", "resilience_kg.sparql.forkserver", str(theirs.fileno())]
        if self._store_dir is not None:
            args.append(self._store_dir)
        try:
            self._zygote = subprocess.Popen(
                args, pass_fds=(theirs.fileno(),), env=env,
                stdin=subprocess.PIPE if self._store_dir is None else subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        self._control = ours
        if self._store_dir is None:
            import pyoxigraph as ox

            stdin: IO[bytes] = self._zygote.stdin  # type: ignore[assignment]
            try:
                self.kg.store.dump(stdin, format=ox.RdfFormat.N_QUADS)
                stdin.close()
            except (BrokenPipeError, OSError) as exc:
                self.close()
                raise QueryError(f"the query process server did not start ({exc})") from exc
        ours.settimeout(START_TIMEOUT)
        try:
            ready = ours.recv(4096)
        except OSError:
            ready = b""
        if not ready:
            self.close()
            raise QueryError("the query process server did not start (see the messages above)")
        ours.settimeout(None)
        for _ in range(self.size):
            worker = self._spawn()
            with self._cond:
                self._alive += 1
                self._idle.append(worker)
                self._cond.notify()
        return self

    def __enter__(self) -> QueryPool:
        return self if self._control is not None else self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker and the zygote. Queries still running get an error."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            waiters, self._waiters = list(self._waiters), collections.deque()
            self._cond.notify_all()
        for loop, future in waiters:
            with contextlib.suppress(RuntimeError):  # its loop may be closed already
                loop.call_soon_threadsafe(_fail, future, QueryError("the query pool is closed"))
        for worker in idle:
            worker.kill()
            worker.close()
        if self._control is not None:
            with contextlib.suppress(OSError):
                self._control.close()  # the zygote sees the end and kills the workers it has left
            self._control = None
        if self._zygote is not None:
            try:
                self._zygote.wait(10)
            except subprocess.TimeoutExpired:  # pragma: no cover - a zygote stuck in the kernel
                self._zygote.kill()
                self._zygote.wait(10)
            self._zygote = None

    # -- workers

    def _ask(self, command: dict[str, Any], fds: tuple[int, ...] = ()) -> tuple[dict[str, Any], list[int]]:
        if self._control is None:
            raise QueryError("the query pool is closed")
        with self._control_lock:
            try:
                socket.send_fds(self._control, [json.dumps(command).encode()], list(fds))
                message, got, _, _ = socket.recv_fds(self._control, 4096, 1)
            except OSError as exc:
                raise QueryError(f"the query process server is gone ({exc})") from exc
        if not message:
            raise QueryError("the query process server is gone")
        return json.loads(message), got

    def _spawn(self) -> _Worker:
        """A new worker, ready for a query."""
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        try:
            answer_, fds = self._ask({"op": "spawn", "memory": self.memory}, (req_r, rep_w))
        finally:
            os.close(req_r)
            os.close(rep_w)
        worker = _Worker(answer_["pid"], fds[0] if fds else None, req_w, rep_r, self.generation)
        try:
            hello = read_frame_by(rep_r, time.monotonic() + START_TIMEOUT, 1 << 16)
        except TimeoutError:
            hello = None
        if hello is None or hello[:1] != HELLO:
            worker.kill()
            worker.close()
            raise QueryError("a query process did not start (is the store readable?)")
        if hello[1:2] != b"J":
            worker.jail_reason = hello[2:].decode(errors="replace") or "the kernel refused the seccomp filter"
            sandbox.warn_unconfined(worker.jail_reason)
        return worker

    def _store_stamp(self) -> tuple[int, int] | None:
        if self._marker is None:
            return None
        try:
            st = self._marker.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def refresh(self) -> None:
        """Start a new generation: every worker is replaced before its next query."""
        with self._cond:
            self.generation += 1

    def _check_store(self) -> None:
        # A rebuilt store is a new folder with a new marker file; look at most once a second.
        if self._marker is None or time.monotonic() - self._checked < 1.0:
            return
        self._checked = time.monotonic()
        stamp = self._store_stamp()
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self.refresh()

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        self._check_store()
        with self._cond:
            while not self._idle:
                if self._closed:
                    raise QueryError("the query pool is closed")
                if self._alive == 0:
                    raise QueryError("no query process is running (they could not be restarted)")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryTimeout(f"no query process became free within {timeout:g} s (the server is busy)")
                self._cond.wait(left)
            worker = self._idle.pop()
            stale = worker.generation != self.generation
        if stale:
            return self._renew(worker)
        return worker

    async def _aacquire(self, deadline: float, timeout: float) -> _Worker:
        self._check_store()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[_Worker] | None = None
        with self._cond:
            if self._closed:
                raise QueryError("the query pool is closed")
            if self._alive == 0:
                raise QueryError("no query process is running (they could not be restarted)")
            if self._idle:
                worker = self._idle.pop()
            else:
                future = loop.create_future()
                self._waiters.append((loop, future))
        if future is not None:
            try:
                worker = await asyncio.wait_for(future, max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise QueryTimeout(f"no query process became free within {timeout:g} s (the server is busy)") from None
        if worker.generation != self.generation:
            return await loop.run_in_executor(None, self._renew, worker)
        return worker

    def _hand(self, future: asyncio.Future[_Worker], worker: _Worker) -> None:
        # On the waiter's loop: it may have given up (timeout, cancelled) since it was chosen.
        if future.done():
            self._release(worker)
        else:
            future.set_result(worker)

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if self._closed:
                worker.kill()
                worker.close()
                return
            try:
                here = asyncio.get_running_loop()
            except RuntimeError:  # a thread: the executor's, or a caller of query()
                here = None
            while self._waiters:  # a waiting coroutine gets it first, on its own loop
                loop, future = self._waiters.popleft()
                if future.done():
                    continue
                if loop is here:  # on that loop already: no need to wake it through its pipe
                    future.set_result(worker)
                    return
                try:
                    loop.call_soon_threadsafe(self._hand, future, worker)
                    return
                except RuntimeError:  # that loop is closed
                    continue
            self._idle.append(worker)
            self._cond.notify()

    def _renew(self, worker: _Worker) -> _Worker:
        """Kill ``worker`` and return a fresh one in its place (counted out of the pool if none starts)."""
        worker.kill()
        worker.close()
        self.replaced += 1
        try:
            return self._spawn()
        except QueryError:
            with self._cond:
                self._alive -= 1
                self._cond.notify_all()
            raise

    def _replace(self, worker: _Worker) -> None:
        with contextlib.suppress(QueryError):
            self._release(self._renew(worker))

    # -- queries

    def run(self, text: str, *, form: str, fmt: str | None, bindings: Bindings, timeout: float) -> bytes:
        """The answer's bytes (in ``fmt``, or the transport format) of a query already checked."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline, timeout)
        request = pickle.dumps((text, form, fmt, bindings, self.max_result))
        try:
            write_all(worker.requests, FRAME.pack(len(request)) + request)
            data = read_frame_by(worker.replies, deadline, self.max_result + (1 << 16))
        except TimeoutError:
            self._replace(worker)
            raise timeout_error(timeout) from None
        except (BrokenPipeError, QueryError):
            data = None
        if data is None:  # the worker died: learn how from the zygote, then replace it
            status = self._ask({"op": "status", "pid": worker.pid})[0].get("status", 0)
            self._replace(worker)
            raise death_error(status, self.memory)
        self.served += 1
        if data[:1] == b"M":
            self._replace(worker)
        else:
            self._release(worker)
        return read_reply(data, memory=self.memory, jail_reason=worker.jail_reason)

    async def arun(self, text: str, *, form: str | None, fmt: Any, bindings: Bindings, timeout: float,
                   deadline: float | None = None) -> bytes:
        """As :meth:`run`, waiting on the event loop instead of in a thread. ``form`` None: the
        text is checked by the worker, and ``fmt`` holds the formats for
        :func:`resilience_kg.sparql.forkserver.checked_answer`. ``deadline`` (``time.monotonic()``;
        default ``timeout`` seconds from now) lets several queries share one; the error names ``timeout``."""
        loop = asyncio.get_running_loop()
        if deadline is None:
            deadline = time.monotonic() + timeout
        worker = await self._aacquire(deadline, timeout)
        request = pickle.dumps((text, form, fmt, bindings, self.max_result))
        data: bytes | None = None
        future: asyncio.Future[bytes | None] = loop.create_future()
        reader = FrameReader(worker.replies, self.max_result + (1 << 16), future)
        # A timer rather than asyncio.wait_for, which costs a task per query.
        timer = loop.call_later(max(0.0, deadline - time.monotonic()), _expire, future)
        loop.add_reader(worker.replies, reader.feed)
        try:
            # An idle worker is blocked reading its pipe, so a write that fits the pipe's buffer
            # completes at once; a longer one waits for the worker to read, which a busy machine
            # may delay, so it is written from a thread and the loop goes on answering.
            frame = FRAME.pack(len(request)) + request
            if len(frame) <= PIPE_BUFFER:
                write_all(worker.requests, frame)
            else:
                await loop.run_in_executor(None, write_all, worker.requests, frame)
            try:
                data = await future
            finally:
                timer.cancel()
                loop.remove_reader(worker.replies)
        except TimeoutError:
            await loop.run_in_executor(None, self._replace, worker)
            raise timeout_error(timeout) from None
        except (BrokenPipeError, QueryError):
            data = None
        except BaseException:  # cancelled (the client went away): the worker may be mid-query
            loop.run_in_executor(None, self._replace, worker)
            raise
        if data is None:
            status = (await loop.run_in_executor(None, self._ask, {"op": "status", "pid": worker.pid}))[0]
            await loop.run_in_executor(None, self._replace, worker)
            raise death_error(status.get("status", 0), self.memory)
        self.served += 1
        if data[:1] == b"M":
            await loop.run_in_executor(None, self._replace, worker)
        else:
            self._release(worker)
        return read_reply(data, memory=self.memory, jail_reason=worker.jail_reason)

    def query(
        self, text: str, *, params: Mapping[str, Term | str] | None = None, fmt: str | None = None,
        timeout: float = 30.0,
    ) -> QueryResult:
        """As :func:`resilience_kg.sparql.query.query`, answered by a worker of the pool."""
        if timeout <= 0:
            raise QueryError("the timeout must be a positive number of seconds")
        form, bindings = prepare(text, params, fmt)
        try:
            payload = self.run(text, form=form, fmt=fmt, bindings=bindings, timeout=timeout)
        except QueryError as exc:
            raise explain(exc, params) from None
        return QueryResult(form=form, payload=payload, payload_format=fmt or transport_format(form))

    def health(self) -> dict[str, Any]:
        """What ``/health`` reports: the workers running and idle, the generation, the counts."""
        with self._cond:
            idle, alive = len(self._idle), self._alive
        jailed = all(w.jail_reason is None for w in list(self._idle))
        return {"status": "ok" if alive and not self._closed else "unavailable", "workers": alive, "idle": idle,
                "generation": self.generation, "served": self.served, "replaced": self.replaced,
                "network_jail": jailed}


