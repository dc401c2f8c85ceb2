"""The query process's jail and limits (:mod:`resilience_kg.sparql.sandbox`, the deadline runner):
a query cannot reach the network even with the lexical guard switched off, a query that takes too
much memory, time or answer is stopped with a clear message, and none of it depends on how many
files the calling process has open. Through the library and the CLI; the server's path is in
test_pool.py."""

from __future__ import annotations

import os
import platform
import resource
import socket
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from helpers import IN_CI
from helpers.listener import Listener

from resilience_kg.cli import main
from resilience_kg.errors import QueryMemoryError, QueryTimeout, ResultTooLarge
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql import query as query_module
from resilience_kg.sparql import sandbox
from resilience_kg.sparql.query import query

PILLARS = "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# A one-line query whose string doubles 40 times: it needs terabytes, so only a limit stops it.
DOUBLING = ("SELECT ?x WHERE { BIND('xxxxxxxxxxxxxxxx' AS ?a0) "
            + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(40))
            + " BIND(STRLEN(?a40) AS ?x) }")
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 1000000"

needs_jail = pytest.mark.skipif(
    sandbox.unavailable_reason() is not None and not IN_CI, reason=str(sandbox.unavailable_reason()))


@pytest.fixture
def no_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch the lexical guard off, as a bypass of it would: only the jail is left."""
    monkeypatch.setattr(query_module, "check_query", lambda text, **_: "SELECT")


def service(port: int) -> str:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


# ---------------------------------------------------------------- the network jail


@needs_jail
def test_the_listener_counts_a_query_that_gets_out(kg: KnowledgeGraph, listener: Listener, no_guard: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: without the seccomp filter, a SERVICE query does connect, so the tests below
    # would see it if the jail let it through.
    monkeypatch.setattr(sandbox, "block_network", lambda: "switched off by the test")
    with pytest.raises(query_module.QueryError):
        query(kg, service(listener.port), timeout=10)
    assert listener.close() >= 1


@needs_jail
def test_a_query_without_the_guard_cannot_connect(kg: KnowledgeGraph, listener: Listener, no_guard: None) -> None:
    with pytest.raises(query_module.QueryError, match="Permission denied"):
        query(kg, service(listener.port), timeout=10)
    assert listener.close() == 0, "the query process connected to the SERVICE target"


@needs_jail
def test_service_silent_without_the_guard_cannot_connect_either(kg: KnowledgeGraph, listener: Listener,
                                                                no_guard: None) -> None:
    text = f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    query(kg, text, timeout=10)  # SILENT: the refused call gives no rows, not an error
    assert listener.close() == 0


@needs_jail
def test_the_cli_without_the_guard_cannot_connect(listener: Listener, no_guard: None) -> None:
    result = CliRunner().invoke(main, ["query", service(listener.port), "--format", "csv"])
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output
    assert listener.close() == 0


@needs_jail
def test_every_socket_family_and_io_uring_are_refused_in_a_confined_process() -> None:
    families = {"inet": socket.AF_INET, "inet6": socket.AF_INET6, "unix": socket.AF_UNIX,
                "netlink": socket.AF_NETLINK, "packet": socket.AF_PACKET}
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        lines = [f"jail {sandbox.confine(memory=None, keep=(write_fd,))}"]
        for name, family in families.items():
            try:
                socket.socket(family, socket.SOCK_DGRAM if family == socket.AF_NETLINK else socket.SOCK_STREAM).close()
                lines.append(f"{name} opened")
            except OSError as exc:
                lines.append(f"{name} {exc.errno}")
        try:
            socket.socketpair()
            lines.append("socketpair opened")
        except OSError as exc:
            lines.append(f"socketpair {exc.errno}")
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        params = ctypes.create_string_buffer(120)
        ring = libc.syscall(425, 4, params)  # io_uring_setup(4, &params)
        lines.append(f"io_uring {ctypes.get_errno() if ring < 0 else 'opened'}")
        os.write(write_fd, "\n".join(lines).encode())
        os._exit(0)
    os.close(write_fd)
    report = b""
    while chunk := os.read(read_fd, 4096):
        report += chunk
    os.close(read_fd)
    os.waitpid(pid, 0)
    seen = dict(line.split(" ", 1) for line in report.decode().splitlines())
    assert seen.pop("jail") == "None"
    import errno

    assert seen == {name: str(errno.EACCES) for name in [*families, "socketpair", "io_uring"]}


def test_where_the_jail_cannot_be_built_it_says_so_once(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sandbox, "_warned", threading.Event())
    monkeypatch.setattr(platform, "machine", lambda: "sparc64")
    assert "x86_64 and aarch64, not sparc64" in str(sandbox.unavailable_reason())
    sandbox.warn_unconfined(str(sandbox.unavailable_reason()))
    sandbox.warn_unconfined(str(sandbox.unavailable_reason()))
    err = capsys.readouterr().err
    assert err.count("cannot be kept off the network") == 1
    assert "the query guard still refuses SERVICE" in err


def test_the_filter_refuses_what_it_should_on_both_architectures() -> None:
    # Read the BPF program back: the architecture check comes first, then one test per call.
    import struct

    for machine, arch in sandbox._ARCHES.items():
        program = sandbox._program(arch)
        code = [struct.unpack("HBBI", program[i : i + 8]) for i in range(0, len(program), 8)]
        assert code[1][3] == arch.audit, machine
        tested = {k for op, _, _, k in code[4:] if op == 0x15}
        assert tested == {*arch.refused.values(), 425, 426, 427}, machine
        assert code[-1] == (0x06, 0, 0, 0x00050000 | 13), machine  # refuse with EACCES
        assert code[-2] == (0x06, 0, 0, 0x7FFF0000), machine  # else allow


# ---------------------------------------------------------------- limits


def test_a_string_doubling_query_hits_the_memory_limit(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryMemoryError, match=r"used more than 256 MiB and was stopped \(raise --memory"):
        query(kg, DOUBLING, memory=256 << 20, timeout=60)
    assert len(query(kg, PILLARS)) == 3  # the next query is not harmed


def test_the_cli_reports_the_memory_limit(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", DOUBLING, "--memory", "256", "--timeout", "60"])
    assert result.exit_code == 2
    assert "the query used more than 256 MiB" in result.output
    assert "Traceback" not in result.output and "memory allocation" not in result.output


@pytest.mark.slow
def test_a_cartesian_query_hits_the_result_cap_with_the_defaults(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", CARTESIAN, "--format", "csv"])
    assert result.exit_code == 2, result.output[:300]
    assert "the answer is larger than 256 MiB and was not sent: add a LIMIT" in result.output


def test_the_result_cap_counts_the_format_asked_for(kg: KnowledgeGraph) -> None:
    small = query(kg, PILLARS, fmt="json")
    cap = len(small.payload) + 10  # the JSON answer fits; the same rows in XML do not
    with pytest.raises(ResultTooLarge, match=f"larger than {cap} bytes"):
        query(kg, PILLARS, fmt="xml", max_result=cap)
    assert query(kg, PILLARS, fmt="json", max_result=cap).payload == small.payload


def test_an_answer_in_the_asked_format_is_written_by_the_query_process(kg: KnowledgeGraph) -> None:
    csv = query(kg, PILLARS, fmt="csv")
    assert csv.payload_format == "csv"
    assert csv.serialize("csv") == b"n\r\nSEHAT\r\nSIAP\r\nTERHUBUNG\r\n"
    assert query(kg, PILLARS, fmt="table").serialize("table") == query(kg, PILLARS).serialize("table")
    assert [r["n"].value for r in query(kg, PILLARS, fmt="xml").rows] == ["SEHAT", "SIAP", "TERHUBUNG"]


def test_a_runaway_is_killed_at_the_timeout(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        query(kg, RUNAWAY, timeout=1)
    assert time.monotonic() - started < 5
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped already: it is not running on
        os.waitpid(forked[0], os.WNOHANG)


# ---------------------------------------------------------------- many open files


@pytest.fixture
def many_open_files() -> Iterator[list[int]]:
    """More than 1,024 descriptors open in this process, so new ones are numbered above 1023."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1200
    if hard != resource.RLIM_INFINITY and hard < wanted + 64:
        if IN_CI:
            pytest.fail(f"the open-file limit ({hard}) is below {wanted + 64}")
        pytest.skip(f"the open-file limit ({hard}) is below {wanted + 64}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted + 64), hard))
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(wanted)]
    try:
        yield fds
    finally:
        for fd in fds:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_queries_work_with_more_than_1024_open_files(kg: KnowledgeGraph, many_open_files: list[int]) -> None:
    probe = os.open(os.devnull, os.O_RDONLY)
    os.close(probe)
    assert probe > 1024  # the pipe of the next query is numbered above select()'s limit
    assert [r["n"].value for r in query(kg, PILLARS)] == ["SEHAT", "SIAP", "TERHUBUNG"]
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        query(kg, RUNAWAY, timeout=1)
    assert time.monotonic() - started < 5  # and the deadline still holds


if sys.platform != "linux":  # pragma: no cover
    pytestmark = pytest.mark.skip(reason="the jail and these limits are Linux features")
