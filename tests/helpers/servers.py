"""Start and stop the servers the tests talk to, each on a free loopback port.

Every helper is a context manager: the server is stopped (its whole process group killed) when
the ``with`` block ends, whether the test passed or failed. Every wait is bounded.

- :func:`serve`: ``resilience-kg serve`` as a subprocess (``sys.executable -m resilience_kg``).
- :func:`oxigraph`: the Oxigraph server (``oxigraph serve --location DIR --bind 127.0.0.1:P``) from
  the ``oxigraph`` PyPI package, whose binary sits next to ``sys.executable``.
- :func:`virtuoso`: a Virtuoso Open Source 7 instance; see its docstring for what a push needs.
- :class:`Proxy` and :class:`Recorder`: tiny loopback HTTP servers that forward to another server
  (or answer by themselves), record each request's method, path and ``Authorization`` header, and
  misbehave on the requests a test chooses (a 503, a dropped connection).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import extra

httpx = extra("httpx", extra="client")

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0  # seconds for serve and Oxigraph to answer
VIRTUOSO_START_TIMEOUT = 90.0  # a fresh Virtuoso database takes about 10 s to create
STOP_TIMEOUT = 15.0


class Unavailable(Exception):
    """A server cannot be started on this machine (its program is missing or does not come up)."""


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def free_ports(count: int) -> list[int]:
    """``count`` different free loopback ports (held open together, so none comes twice)."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) for _ in range(count)]
        for sock in socks:
            sock.bind((LOOPBACK, 0))
        return [int(sock.getsockname()[1]) for sock in socks]


def wait_until(check: Callable[[], bool], *, timeout: float, interval: float = 0.1, what: str = "it") -> None:
    """Call ``check`` until it returns True; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            raise TimeoutError(f"gave up after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def answers(url: str, *, ok: Callable[[int], bool] = lambda status: status < 500) -> bool:
    """True if an HTTP GET of ``url`` gets an answer whose status ``ok`` accepts."""
    try:
        with httpx.Client(timeout=2.0) as client:
            return ok(client.get(url).status_code)
    except httpx.HTTPError:
        return False


# ---------------------------------------------------------------- processes


@dataclass
class Process:
    """A subprocess in its own process group, its output going to two files."""

    popen: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        return f"--- stdout\n{self.stdout()}\n--- stderr\n{self.stderr()}"

    def wait(self, timeout: float) -> int:
        """The exit code; raises subprocess.TimeoutExpired if it runs past ``timeout``."""
        return self.popen.wait(timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> int:
        """Stop the process (``sig``, then SIGKILL after ``timeout``) and whatever it forked."""
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout)
        # Children left in the group (a query process forked by serve) go too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        return int(self.popen.returncode)


def spawn(args: Sequence[str], *, log_dir: Path, name: str, env: dict[str, str] | None = None,
          cwd: Path | None = None) -> Process:
    """Start ``args`` in a new session (its own process group), no standard input, output to files."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out, err = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with out.open("wb") as stdout, err.open("wb") as stderr:
        popen = subprocess.Popen(
            list(args), stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=full_env,
            cwd=str(cwd or log_dir), start_new_session=True,
        )
    return Process(popen=popen, stdout_path=out, stderr_path=err)


def _wait_for(process: Process, url: str, *, timeout: float, what: str,
              ok: Callable[[int], bool] = lambda status: status < 500) -> None:
    def ready() -> bool:
        if not process.alive():
            code = process.popen.returncode
            raise Unavailable(f"{what} exited with code {code} before answering\n{process.output()}")
        return answers(url, ok=ok)

    try:
        wait_until(ready, timeout=timeout, interval=0.1, what=f"{what} to answer at {url}")
    except TimeoutError as exc:
        raise Unavailable(f"{exc}\n{process.output()}") from None


# ---------------------------------------------------------------- resilience-kg serve


def kg_command(*args: str) -> list[str]:
    """The command line that runs ``resilience-kg ARGS`` with the interpreter running the tests."""
    return [sys.executable, "-m", "resilience_kg", *args]


@dataclass
class Served:
    """A running ``resilience-kg serve``."""

    process: Process
    port: int

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/sparql"


@contextlib.contextmanager
def serve(*args: str, log_dir: Path, port: int | None = None, timeout: float = START_TIMEOUT) -> Iterator[Served]:
    """``resilience-kg serve --port P ARGS`` running until the block ends (stopped with SIGTERM)."""
    port = port or free_port()
    process = spawn(kg_command("serve", "--port", str(port), *args), log_dir=log_dir, name=f"serve-{port}")
    try:
        _wait_for(process, f"http://{LOOPBACK}:{port}/", timeout=timeout, what="resilience-kg serve",
                  ok=lambda status: status == 200)
        yield Served(process=process, port=port)
    finally:
        process.stop()


# ---------------------------------------------------------------- Oxigraph server


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: next to the interpreter (the PyPI package), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


@dataclass
class Oxigraph:
    """A running Oxigraph server: ``/query``, ``/update`` and the Graph Store at ``/store``."""

    process: Process
    port: int

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


@contextlib.contextmanager
def oxigraph(location: Path, *, log_dir: Path, timeout: float = START_TIMEOUT) -> Iterator[Oxigraph]:
    """``oxigraph serve --location DIR --bind 127.0.0.1:P`` running until the block ends."""
    binary = oxigraph_binary()
    if binary is None:
        raise Unavailable("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = spawn([binary, "serve", "--location", str(location), "--bind", f"{LOOPBACK}:{port}"],
                    log_dir=log_dir, name=f"oxigraph-{port}")
    try:
        _wait_for(process, f"http://{LOOPBACK}:{port}/query?query=ASK%7B%7D", timeout=timeout, what="oxigraph",
                  ok=lambda status: status == 200)
        yield Oxigraph(process=process, port=port)
    finally:
        process.stop()


# ---------------------------------------------------------------- Virtuoso

SYSTEM_VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
MINIMAL_VIRTUOSO_INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 1111
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 8890
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


@dataclass
class Virtuoso:
    """A Virtuoso to push to: its query endpoint, its Graph Store endpoint and the account."""

    base: str
    user: str
    password: str
    process: Process | None = None  # None when the instance was started outside the tests

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def update_url(self) -> str:
        """SPARQL Update with Digest authentication (``/sparql`` refuses updates anonymously)."""
        return f"{self.base}/sparql-auth"

    def push_env(self) -> dict[str, str]:
        """The environment ``resilience-kg push`` needs for Virtuoso's Graph Store: Digest auth."""
        return {"RKG_USER": self.user, "RKG_PASSWORD": self.password, "RKG_AUTH": "digest"}


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t") or next(
        (p for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t") if os.access(p, os.X_OK)), None
    )


def virtuoso_ini(template: str, workdir: Path, sql_port: int, http_port: int) -> str:
    """``template`` (a virtuoso.ini) rewritten for a private instance: every file under
    ``workdir`` and both ports on the loopback address only."""
    settings = {
        "Database": {
            "DatabaseFile": workdir / "virtuoso.db", "ErrorLogFile": workdir / "virtuoso.log",
            "LockFile": workdir / "virtuoso.lck", "TransactionFile": workdir / "virtuoso.trx",
            "xa_persistent_file": workdir / "virtuoso.pxa",
        },
        "TempDatabase": {
            "DatabaseFile": workdir / "virtuoso-temp.db", "TransactionFile": workdir / "virtuoso-temp.trx",
        },
        "Parameters": {"ServerPort": f"{LOOPBACK}:{sql_port}", "DisableUnixSocket": 1},
        # The pages the package ships (virtuoso-vsp-startpage) are not needed for /sparql.
        "HTTPServer": {"ServerPort": f"{LOOPBACK}:{http_port}", "ServerRoot": workdir},
        "URIQA": {"DefaultHost": f"{LOOPBACK}:{http_port}"},
    }
    lines: list[str] = []
    section = ""
    written: set[tuple[str, str]] = set()

    def close(name: str) -> None:  # the settings this section still lacks go at its end
        lines.extend(f"{k} = {v}" for k, v in settings.get(name, {}).items() if (name, k) not in written)
        written.update((name, k) for k in settings.get(name, {}))

    for line in template.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]", line)
        entry = re.match(r"\s*([A-Za-z_]+)\s*=", line)
        if header:
            close(section)
            section = header.group(1).strip()
        elif entry and entry.group(1) in settings.get(section, {}):
            key = entry.group(1)
            if (section, key) not in written:  # the first occurrence takes our value, repeats go
                lines.append(f"{key} = {settings[section][key]}")
                written.add((section, key))
            continue
        lines.append(line)
    close(section)
    for name in settings:
        if not any((name, k) in written for k in settings[name]):
            lines.append(f"[{name}]")
            close(name)
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def virtuoso(workdir: Path, *, timeout: float = VIRTUOSO_START_TIMEOUT) -> Iterator[Virtuoso]:
    """A Virtuoso to push to and query, until the block ends.

    If ``RKG_VIRTUOSO_URL`` is set (``http://127.0.0.1:PORT``, a Virtuoso someone else started),
    that one is used, with the account ``RKG_VIRTUOSO_USER``/``RKG_VIRTUOSO_PASSWORD`` (default
    ``dba``/``dba``). Otherwise a private instance starts from ``virtuoso-t`` (Debian package
    ``virtuoso-opensource``) with its own copy of the system ``virtuoso.ini`` in ``workdir``: the
    database and logs under ``workdir``, the SQL and HTTP ports on free loopback ports,
    ``+foreground``; it is stopped (its process group killed) when the block ends. Raises
    :class:`Unavailable` if ``virtuoso-t`` is missing or the instance does not answer in time
    (``timeout`` seconds for a private instance, 60 s for ``RKG_VIRTUOSO_URL``).

    What ``resilience-kg push`` needs from Virtuoso 7 (found by running it):

    - the query endpoint ``http://HOST:PORT/sparql`` answers SELECT queries (the counting queries
      that verify a push included) anonymously, POSTed as a form; no setup needed;
    - writes go through the Graph Store endpoint ``/sparql-graph-crud-auth``, which requires HTTP
      **Digest** authentication: anonymous requests and HTTP Basic both get 401. The user needs
      the ``SPARQL_UPDATE`` role: ``dba`` has it. A database that ``virtuoso-t`` creates itself
      (as here) has the password ``dba``; the Debian package's system instance has the one given
      to debconf at install. Change it with ``isql-vt 1111 dba OLDPASS`` then
      ``SET PASSWORD OLDPASS NEWPASS;``;
    - anonymously, ``/sparql-graph-crud`` (without ``-auth``) answers 403 and SPARQL Update
      through ``/sparql`` (the LOAD mode of push) 500 "SR186: No permission": both would need
      the anonymous ``SPARQL`` user granted ``SPARQL_UPDATE``, which is neither needed nor advised;
    - so a user runs::

          RKG_USER=dba RKG_PASSWORD=dba RKG_AUTH=digest resilience-kg push \\
              --endpoint http://127.0.0.1:8890/sparql \\
              --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    external = os.environ.get("RKG_VIRTUOSO_URL")
    user = os.environ.get("RKG_VIRTUOSO_USER", "dba")
    password = os.environ.get("RKG_VIRTUOSO_PASSWORD", "dba")
    if external:
        base = external.rstrip("/").removesuffix("/sparql")
        try:
            wait_until(lambda: answers(f"{base}/sparql?query=ASK%7B%7D", ok=lambda s: s == 200), timeout=60.0,
                       interval=0.5, what=f"the Virtuoso at {base} (RKG_VIRTUOSO_URL) to answer")
        except TimeoutError as exc:
            raise Unavailable(str(exc)) from None
        yield Virtuoso(base=base, user=user, password=password)
        return
    binary = virtuoso_binary()
    if binary is None:
        raise Unavailable("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource)")
    workdir.mkdir(parents=True, exist_ok=True)
    system = SYSTEM_VIRTUOSO_INI.is_file()
    template = SYSTEM_VIRTUOSO_INI.read_text(encoding="utf-8") if system else MINIMAL_VIRTUOSO_INI
    sql_port, http_port = free_ports(2)
    ini = workdir / "virtuoso.ini"
    ini.write_text(virtuoso_ini(template, workdir, sql_port, http_port), encoding="utf-8")
    process = spawn([binary, "+foreground", "+configfile", str(ini)], log_dir=workdir, name="virtuoso", cwd=workdir)
    try:
        base = f"http://{LOOPBACK}:{http_port}"
        _wait_for(process, f"{base}/sparql?query=ASK%7B%7D", timeout=timeout, what="virtuoso-t",
                  ok=lambda status: status == 200)
        yield Virtuoso(base=base, user="dba", password="dba", process=process)
    finally:
        process.stop(timeout=30.0)


# ---------------------------------------------------------------- misbehaving HTTP servers

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


@dataclass
class Seen:
    """One request as a loopback test server received it."""

    method: str
    path: str
    authorization: str | None
    body: bytes


Fault = int | str | None
Rule = tuple[Callable[[Seen], bool], Fault]


@dataclass
class _Behaviour:
    target: int | None  # the port to forward to, or None to answer ``status`` to everything
    faults: list[Fault]  # for the next requests in turn: a status, "drop", "forward-drop" or None
    status: int = 404
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rules: list[Rule] = field(default_factory=list)  # each applies once, to the first request it matches
    holding: threading.Event = field(default_factory=threading.Event)  # a "hold" fault has a request waiting
    release: threading.Event = field(default_factory=threading.Event)


def _handler(behaviour: _Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            seen = Seen(self.command, self.path, self.headers.get("Authorization"), body)
            with behaviour.lock:
                behaviour.seen.append(seen)
                fault = behaviour.faults.pop(0) if behaviour.faults else None
                for rule in behaviour.rules:
                    if rule[0](seen):
                        behaviour.rules.remove(rule)
                        fault = rule[1]
                        break
            if fault == "hold":  # keep the request waiting (the client blocked in it) until released
                behaviour.holding.set()
                behaviour.release.wait(timeout=120)
                self.close_connection = True
                return
            if fault == "lose-last-line":  # forward the body without its last line (a triple lost)
                lines = body.rstrip(b"\n").split(b"\n")
                body = b"\n".join(lines[:-1]) + b"\n"
            if fault == "drop":
                self.close_connection = True
                return
            if isinstance(fault, int):
                self._answer(fault, f"test server: answering {fault} on purpose\n".encode(), {})
                return
            if behaviour.target is None:
                self._answer(behaviour.status, behaviour.body, behaviour.headers)
                return
            upstream = http.client.HTTPConnection(LOOPBACK, behaviour.target, timeout=30)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"content-length"}}
                headers["Content-Length"] = str(len(body))
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                payload = response.read()
                status, reply_headers = response.status, dict(response.getheaders())
            finally:
                upstream.close()
            if fault == "forward-drop":  # the server did the work; the client never hears of it
                self.close_connection = True
                return
            reply = {k: v for k, v in reply_headers.items() if k.lower() not in HOP_BY_HOP | {"content-length"}}
            self._answer(status, payload, reply)

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


class _TestServer:
    def __init__(self, behaviour: _Behaviour) -> None:
        self.behaviour = behaviour
        self.server = ThreadingHTTPServer((LOOPBACK, 0), _handler(behaviour))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def seen(self) -> list[Seen]:
        with self.behaviour.lock:
            return list(self.behaviour.seen)

    def __enter__(self) -> _TestServer:
        self.thread.start()
        return self

    def wait_holding(self, timeout: float = 60.0) -> None:
        """Wait until a request is held by a "hold" fault."""
        if not self.behaviour.holding.wait(timeout):
            raise TimeoutError(f"no request was held within {timeout:g} s")

    def release(self) -> None:
        """Let held requests go (the connection is closed with no answer)."""
        self.behaviour.release.set()

    def __exit__(self, *exc: object) -> None:
        self.behaviour.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class Proxy(_TestServer):
    """A loopback HTTP proxy to the server on ``target`` port. ``faults`` say what happens to the
    first requests, in turn: a status code (answered without forwarding), ``"drop"`` (the
    connection closes with no answer, nothing forwarded), ``"forward-drop"`` (forwarded, and
    the server's answer thrown away: the client sees the connection close), ``"hold"`` (kept
    waiting until :meth:`release`, then closed unanswered), ``"lose-last-line"`` (forwarded
    without the body's last line) or None (forwarded as usual). ``rules`` pair a test on a
    request with one of these faults, each used once, on the first request it matches."""

    def __init__(self, target: int, faults: Sequence[Fault] = (), rules: Sequence[Rule] = ()) -> None:
        super().__init__(_Behaviour(target=target, faults=list(faults), rules=list(rules)))


class Recorder(_TestServer):
    """A loopback HTTP server answering every request with ``status``, ``body`` and ``headers``."""

    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        super().__init__(_Behaviour(target=None, faults=[], status=status, body=body, headers=headers or {}))
