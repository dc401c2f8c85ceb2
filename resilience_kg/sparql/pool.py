"""A pool of pre-started query processes for the endpoint: Oxigraph's speed, our limits.

Forking a process per query costs more than a small query itself, and a server that forks
once it runs threads (uvicorn's, anyio's) risks a child stuck on a lock some thread held. So:

- A **fork server** (the zygote) is started as a fresh interpreter, never forked from the
  server: it loads the graph once (the data, sent as N-Quads, or nothing for an on-disk store)
  and stays single-threaded, so forking it is safe.
- It forks **workers** on request. Each one inherits the loaded read-only store (or opens the
  on-disk store read-only), closes what it inherited, limits its memory and refuses itself the
  network once (:func:`resilience_kg.sparql.sandbox.confine`), then answers queries one at a
  time over two pipes, writing each answer in the format asked for, under the limits.
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
import functools
import json
import os
import pickle
import selectors
import signal
import socket
import struct
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
from resilience_kg.sparql.query import (
    Bindings,
    QueryResult,
    Term,
    answer,
    explain,
    prepare,
    transport_format,
)
from resilience_kg.sparql.runner import death_error, read_reply, reply, timeout_error

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

_HELLO = b"H"
_FRAME = struct.Struct(">Q")
START_TIMEOUT = 120.0  # seconds for the zygote to load the graph, or a worker to open the store


def default_workers() -> int:
    """As many workers as CPUs, at least two (one may be busy with a runaway)."""
    return max(2, os.cpu_count() or 2)


# ------------------------------------------------------------------ framing over pipes


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_request(fd: int) -> bytes | None:
    """One length-prefixed frame from a blocking ``fd``, or None at end of file. The server
    sends one request at a time, so a small one arrives in a single read."""
    data = os.read(fd, 1 << 16)
    if len(data) < _FRAME.size:
        while data and len(data) < _FRAME.size:
            more = os.read(fd, _FRAME.size - len(data))
            if not more:
                return None
            data += more
        if not data:
            return None
    need = _FRAME.size + _FRAME.unpack_from(data)[0]
    if len(data) >= need:
        return data[_FRAME.size : need]
    chunks, have = [data], len(data)
    while have < need:
        chunk = os.read(fd, min(need - have, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)[_FRAME.size :]


def _read_frame_by(fd: int, deadline: float, limit: int) -> bytes | None:
    """One length-prefixed frame from ``fd`` by ``deadline`` (None at end of file); raises
    TimeoutError when the deadline passes first."""
    buffer = bytearray()
    need = _FRAME.size
    have_size = False
    with selectors.DefaultSelector() as selector:  # not select(): descriptors above 1023 happen
        selector.register(fd, selectors.EVENT_READ)
        while True:
            while len(buffer) < need:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise TimeoutError
                chunk = os.read(fd, min(need - len(buffer), 1 << 20))
                if not chunk:
                    return None
                buffer += chunk
            if have_size:
                return bytes(buffer[_FRAME.size :])
            size = _FRAME.unpack(buffer[: _FRAME.size])[0]
            if size > limit:
                raise QueryError("the query process sent an answer larger than the result cap")
            need, have_size = _FRAME.size + size, True


# ------------------------------------------------------------------ what a query process does for the endpoint

#: The format that asks for the HTML page's rows (:func:`resilience_kg.sparql.preview.preview`).
PAGE = "page"
#: In the formats given to :func:`checked_answer`: no format fits (the endpoint says why).
REFUSED = ""


def checked_answer(store: Any, text: str, formats: tuple[str | None, str | None], bindings: Bindings,
                   max_result: int) -> bytes:
    """Check ``text`` with the guard, then answer it in ``formats[0]`` (a SELECT or ASK query) or
    ``formats[1]`` (CONSTRUCT or DESCRIBE); :data:`PAGE` for the HTML page's rows.

    The endpoint's whole request, run in the query process: the guard's cost depends on the text
    a client sends, so it runs here under the deadline and the memory limit, never on the
    server's event loop. The answer starts with a line ``FORM FORMAT`` (``-`` for the transport
    format, ``!`` when the format does not fit the form, and then nothing follows).
    """
    from resilience_kg.sparql.guard import check_query
    from resilience_kg.sparql.preview import preview

    form = check_query(text)
    fmt = formats[1] if form in ("CONSTRUCT", "DESCRIBE") else formats[0]
    if fmt == REFUSED:
        return f"{form} !\n".encode()
    head = f"{form} {fmt or '-'}\n".encode()
    if fmt == PAGE:
        return head + preview(store, text, form=form, bindings=bindings)
    return head + answer(store, text, form=form, fmt=fmt, bindings=bindings, max_result=max_result)


def read_checked(data: bytes) -> tuple[str, str | None, bytes]:
    """The form, the format (None: the transport format; :data:`REFUSED`) and the payload of a
    :func:`checked_answer`."""
    head, _, payload = data.partition(b"\n")
    form, _, fmt = head.decode("ascii", "replace").partition(" ")
    return form, (None if fmt == "-" else REFUSED if fmt == "!" else fmt), payload


# ------------------------------------------------------------------ the worker (a child of the zygote)


def _worker(store: Any, store_dir: str | None, requests: int, replies: int, memory: int | None) -> None:
    try:
        sandbox.close_inherited((requests, replies))
        if store_dir is not None:
            import pyoxigraph as ox

            store = ox.Store.read_only(store_dir)  # opened after the fork: its threads are this worker's own
        reason = sandbox.confine(memory=memory, close=False)
        jailed = reason is None
        _write_all(replies, _FRAME.pack(2 + len((reason or "").encode())) + _HELLO
                   + (b"J" if jailed else b"N") + (reason or "").encode())
        while True:
            body = _read_request(requests)
            if body is None:
                break
            text, form, fmt, bindings, max_result = pickle.loads(body)  # from the server, which we trust
            if form is None:  # the endpoint's request: the guard runs here, under the deadline
                work = functools.partial(checked_answer, store, text, fmt, bindings, max_result)
            else:
                work = functools.partial(answer, store, text, form=form, fmt=fmt, bindings=bindings,
                                         max_result=max_result)
            out = reply(work, jailed)
            _write_all(replies, _FRAME.pack(len(out)) + out)
            if out[:1] == b"M":
                break  # out of memory: a fresh worker takes its place
    finally:
        os._exit(0)


# ------------------------------------------------------------------ the zygote (a fresh interpreter)


def _zygote(control_fd: int, store_dir: str | None) -> None:
    """Load the graph, then fork a worker for each request on the control socket until it closes."""
    # Ctrl-C and SIGTERM are for the server, which lets running queries finish, then closes the
    # pool; the zygote and its workers end when their pipes close (or the server dies).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    control = socket.socket(fileno=control_fd)
    store = None
    if store_dir is None:
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(sys.stdin.buffer, format=ox.RdfFormat.N_QUADS)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # the data has been read; the workers need no standard input
    os.close(devnull)
    control.sendall(b'{"ready": true}')
    children: set[int] = set()
    ended: dict[int, int] = {}

    def reap() -> None:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)
            ended[pid] = status
            if len(ended) > 1000:  # only recent ends are asked about
                ended.pop(next(iter(ended)))

    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    try:
        while True:
            ready = selector.select(1.0)
            reap()
            if not ready:
                continue
            message, fds, _, _ = socket.recv_fds(control, 4096, 2)
            if not message:
                break  # the server is gone
            command = json.loads(message)
            if command["op"] == "spawn":
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the worker, which coverage does not follow
                    selector.close()
                    _worker(store, store_dir, fds[0], fds[1], command["memory"])
                children.add(pid)
                for fd in fds:
                    os.close(fd)
                # A pidfd names this process for good, even after it ends and its number is reused.
                pidfds = [os.pidfd_open(pid)] if hasattr(os, "pidfd_open") else []
                socket.send_fds(control, [json.dumps({"pid": pid}).encode()], pidfds)
                for fd in pidfds:
                    os.close(fd)
            elif command["op"] == "status":
                pid = command["pid"]
                give_up = time.monotonic() + 5.0
                while pid in children and time.monotonic() < give_up:
                    reap()
                    time.sleep(0.005)
                if pid in children:
                    os.kill(pid, signal.SIGKILL)
                    _, ended[pid] = os.waitpid(pid, 0)
                    children.discard(pid)
                control.sendall(json.dumps({"status": ended.pop(pid, 0)}).encode())
            else:
                break
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os._exit(0)


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


class _FrameReader:
    """Collects one length-prefixed frame from a pipe as the event loop finds it readable."""

    def __init__(self, fd: int, limit: int, future: asyncio.Future[bytes | None]) -> None:
        self.fd = fd
        self.limit = limit
        self.future = future
        self.buffer = bytearray()
        self.need = _FRAME.size
        self.sized = False

    def feed(self) -> None:
        if self.future.done():
            return
        try:
            chunk = os.read(self.fd, 1 << 20)  # readable, so this does not block
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.future.set_result(None)
            return
        self.buffer += chunk
        if not self.sized and len(self.buffer) >= _FRAME.size:
            size = _FRAME.unpack(self.buffer[: _FRAME.size])[0]
            if size > self.limit:
                self.future.set_exception(QueryError("the query process sent an answer larger than the result cap"))
                return
            self.need, self.sized = _FRAME.size + size, True
        if self.sized and len(self.buffer) >= self.need:
            self.future.set_result(bytes(self.buffer[_FRAME.size : self.need]))


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
        args = [sys.executable, "-m", "resilience_kg.sparql.pool", str(theirs.fileno())]
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
            hello = _read_frame_by(rep_r, time.monotonic() + START_TIMEOUT, 1 << 16)
        except TimeoutError:
            hello = None
        if hello is None or hello[:1] != _HELLO:
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
            _write_all(worker.requests, _FRAME.pack(len(request)) + request)
            data = _read_frame_by(worker.replies, deadline, self.max_result + (1 << 16))
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

    async def arun(self, text: str, *, form: str | None, fmt: Any, bindings: Bindings, timeout: float) -> bytes:
        """As :meth:`run`, waiting on the event loop instead of in a thread. ``form`` None: the
        text is checked by the worker, and ``fmt`` holds the formats for :func:`checked_answer`."""
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + timeout
        worker = await self._aacquire(deadline, timeout)
        request = pickle.dumps((text, form, fmt, bindings, self.max_result))
        data: bytes | None = None
        future: asyncio.Future[bytes | None] = loop.create_future()
        reader = _FrameReader(worker.replies, self.max_result + (1 << 16), future)
        # A timer rather than asyncio.wait_for, which costs a task per query.
        timer = loop.call_later(max(0.0, deadline - time.monotonic()), _expire, future)
        loop.add_reader(worker.replies, reader.feed)
        try:
            # An idle worker is blocked reading its pipe, so this write completes at once.
            _write_all(worker.requests, _FRAME.pack(len(request)) + request)
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


if __name__ == "__main__":  # the zygote: python -m resilience_kg.sparql.pool CONTROL_FD [STORE_DIR]
    _zygote(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
