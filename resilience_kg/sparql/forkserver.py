"""The fork server (the zygote) and the query processes it forks for the endpoint's pool.

- The **zygote** is started as a fresh interpreter (``python -m resilience_kg.sparql.forkserver``),
  never forked from the server: it loads the graph once (the data, sent as N-Quads on its
  standard input, or nothing for an on-disk store) and stays single-threaded, so forking it is
  safe. It forks a worker for each request on its control socket, reports how one ended, and
  kills those left when the socket closes (the server is gone).
- Each **worker** inherits the loaded read-only store (or opens the on-disk store read-only),
  closes what it inherited, limits its memory and refuses itself the network once
  (:func:`resilience_kg.sparql.sandbox.confine`), then answers requests one at a time over two
  pipes (:mod:`resilience_kg.sparql.framing`): a query already checked, or the endpoint's whole
  request (:func:`checked_answer`: the guard, the query and its answer, under the deadline).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pickle
import selectors
import signal
import socket
import sys
import time
from typing import Any

from resilience_kg.sparql import sandbox
from resilience_kg.sparql.framing import FRAME, read_request, write_all
from resilience_kg.sparql.query import Bindings, answer
from resilience_kg.sparql.runner import reply

HELLO = b"H"


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


def _worker(store: Any, store_dir: str | None, requests: int, replies: int, memory: int | None) -> None:
    try:
        sandbox.close_inherited((requests, replies))
        if store_dir is not None:
            import pyoxigraph as ox

            store = ox.Store.read_only(store_dir)  # opened after the fork: its threads are this worker's own
        reason = sandbox.confine(memory=memory, close=False)
        jailed = reason is None
        write_all(replies, FRAME.pack(2 + len((reason or "").encode())) + HELLO
                   + (b"J" if jailed else b"N") + (reason or "").encode())
        while True:
            body = read_request(requests)
            if body is None:
                break
            text, form, fmt, bindings, max_result = pickle.loads(body)  # from the server, which we trust
            if form is None:  # the endpoint's request: the guard runs here, under the deadline
                work = functools.partial(checked_answer, store, text, fmt, bindings, max_result)
            else:
                work = functools.partial(answer, store, text, form=form, fmt=fmt, bindings=bindings,
                                         max_result=max_result)
            out = reply(work, jailed)
            write_all(replies, FRAME.pack(len(out)) + out)
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


if __name__ == "__main__":  # the zygote: python -m resilience_kg.sparql.forkserver CONTROL_FD [STORE_DIR]
    _zygote(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
