"""The network jail: the process that evaluates a user's query cannot open a connection.

The lexical guard (``SERVICE``, ``LOAD``, ``FROM`` refused) reads the query as Oxigraph should;
this module does not depend on that reading being right. A query process calls :func:`confine`
once, before it sees a query, and from then on:

- a seccomp filter makes the kernel refuse ``socket()``, ``socketpair()``, ``connect()``,
  ``bind()``, ``listen()``, ``accept()`` and io_uring set-up with ``EACCES``, for every address
  family, in every thread of the process and in any process it starts. It needs no privilege
  (``PR_SET_NO_NEW_PRIVS`` first, as the kernel asks of unprivileged filters), and it is built
  here with ctypes, so no extra package is needed. It is checked against the CPU architecture
  the kernel reports for each call, so a 32-bit or x32 system call cannot go round it;
- every file descriptor it inherited is closed except those it is told to keep, so no
  connection of the parent (the server's own sockets) is left for it to use;
- an address-space limit (``RLIMIT_AS``) bounds the memory the query may take.

Where the filter cannot be installed (not Linux, another CPU architecture, a kernel built
without seccomp) :func:`warn_unconfined` says so once on stderr and the lexical guard stays the
only defence.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import platform
import resource
import struct
import sys
import threading

# Linux ABI constants (linux/seccomp.h, linux/filter.h, linux/audit.h).
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_PR_SET_NO_NEW_PRIVS = 38
_X32_SYSCALL_BIT = 0x40000000
_IO_URING = (425, 426, 427)  # io_uring_setup, _enter, _register: the same numbers on every architecture


class _Arch:
    def __init__(self, audit: int, seccomp_nr: int, refused: dict[str, int], *, x32: bool = False) -> None:
        self.audit = audit
        self.seccomp_nr = seccomp_nr
        self.refused = refused
        self.x32 = x32


# System call numbers from arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h.
_ARCHES = {
    "x86_64": _Arch(0xC000003E, 317, {"socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50,
                                      "socketpair": 53, "accept4": 288}, x32=True),
    "aarch64": _Arch(0xC00000B7, 277, {"bind": 200, "listen": 201, "accept": 202, "connect": 203,
                                       "socket": 198, "socketpair": 199, "accept4": 242}),
}

_warned = threading.Event()


def unavailable_reason() -> str | None:
    """Why this system cannot jail a query process, or None when it can (as far as can be
    told without trying: the kernel may still refuse, which :func:`confine` reports)."""
    if sys.platform != "linux":
        return f"the network jail uses Linux seccomp, not available on {sys.platform}"
    if platform.machine() not in _ARCHES:
        return f"the network jail knows the system calls of x86_64 and aarch64, not {platform.machine()}"
    return None


def warn_unconfined(reason: str) -> None:
    """Say once per process, on stderr, that queries run without the network jail."""
    if not _warned.is_set():
        _warned.set()
        print(f"warning: query processes cannot be kept off the network here ({reason}); the query "
              "guard still refuses SERVICE, LOAD and FROM", file=sys.stderr, flush=True)


#: What a server's own thread still needs: listening and taking connections on the socket it was
#: given (without socket() and bind() it can have no other), and
#: local socket pairs (an event loop wakes itself through one; they reach no network).
SERVING = ("accept", "accept4", "listen", "socketpair")


def _program(arch: _Arch, allowed: tuple[str, ...] = ()) -> bytes:
    """The BPF program: refuse the networking calls (but ``allowed``) with EACCES, kill a call
    from another ABI."""
    def stmt(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    numbers = sorted({*(nr for name, nr in arch.refused.items() if name not in allowed), *_IO_URING})
    checks = len(numbers) + (1 if arch.x32 else 0)
    code = [
        stmt(_BPF_LD_W_ABS, 4),  # seccomp_data.arch
        stmt(_BPF_JEQ_K, arch.audit, jt=1, jf=0),
        stmt(_BPF_RET_K, _RET_KILL_PROCESS),
        stmt(_BPF_LD_W_ABS, 0),  # seccomp_data.nr
    ]
    # Each check jumps forward to the final "refuse" instruction, past the "allow" one.
    left = checks
    if arch.x32:
        code.append(stmt(_BPF_JGE_K, _X32_SYSCALL_BIT, jt=left, jf=0))
        left -= 1
    for nr in numbers:
        code.append(stmt(_BPF_JEQ_K, nr, jt=left, jf=0))
        left -= 1
    code.append(stmt(_BPF_RET_K, _RET_ALLOW))
    code.append(stmt(_BPF_RET_K, _RET_ERRNO | errno.EACCES))
    return b"".join(code)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def close_inherited(keep: tuple[int, ...] = ()) -> None:
    """Close every file descriptor above stderr except ``keep``."""
    low = 3
    for fd in sorted(k for k in keep if k >= 3):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 20)


def limit_memory(memory: int) -> None:
    """Let the process map at most ``memory`` bytes beyond what it maps now.

    What it maps now includes the store it inherited, so the limit is what the query may add.
    """
    fd = os.open("/proc/self/statm", os.O_RDONLY)
    try:
        mapped = int(os.read(fd, 256).split()[0]) * resource.getpagesize()
    finally:
        os.close(fd)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


@functools.lru_cache(maxsize=2)
def prepare(allowed: tuple[str, ...] = ()) -> tuple[ctypes.CDLL, _SockFprog, ctypes.Array[ctypes.c_char], _Arch] | None:
    """The filter and the C functions that install it, built once per process. A parent calls
    this before it forks, so that a child only has two system calls to make."""
    if unavailable_reason() is not None:
        return None
    arch = _ARCHES[platform.machine()]
    program = _program(arch, allowed)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    libc.syscall.restype = ctypes.c_long
    return libc, fprog, buffer, arch


def block_network(*, thread_only: bool = False, allowed: tuple[str, ...] = ()) -> str | None:
    """Install the seccomp filter; None on success, else why it could not be.

    ``thread_only``: the calling thread (and the threads and processes it starts later) only,
    not the others of the process: a server jails its event-loop thread so, keeping ``allowed``
    (:data:`SERVING`) to take connections. Like the whole-process filter, it cannot be undone.
    """
    prepared = prepare(allowed)
    if prepared is None:
        return unavailable_reason()
    libc, fprog, _buffer, arch = prepared
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}"
    flags = 0 if thread_only else _SECCOMP_FILTER_FLAG_TSYNC
    result = libc.syscall(ctypes.c_long(arch.seccomp_nr), ctypes.c_ulong(_SECCOMP_SET_MODE_FILTER),
                          ctypes.c_ulong(flags), ctypes.c_void_p(ctypes.addressof(fprog)))
    if result != 0:
        why = os.strerror(ctypes.get_errno()) if result < 0 else f"thread {result} could not be synchronised"
        return f"the kernel refused the seccomp filter: {why}"
    return None


#: How much lower than the server's the query processes' scheduling priority is (``nice``).
QUERY_NICENESS = 10


def confine(*, memory: int | None, keep: tuple[int, ...] = (), close: bool = True) -> str | None:
    """Jail the calling process for good: close inherited descriptors (except ``keep``; none
    with ``close=False``, for a caller that closed them already), limit its memory to
    ``memory`` more bytes (None: no limit), lower its priority and refuse it the network.

    Its stderr goes to /dev/null. Returns None when the network is refused, else the reason it could not be (the caller
    reports it with :func:`warn_unconfined` in the parent). Call it only in a process made to
    run queries: it cannot be undone.
    """
    if close:
        close_inherited(keep)
    # An allocation that fails under the limit makes Oxigraph print a long backtrace; the parent
    # reports it as one line, so the query process writes nothing to the terminal or the log.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    if memory is not None and sys.platform == "linux":
        limit_memory(memory)
    # Below the server in the scheduler's eyes: on a machine whose cores are all busy with
    # queries, the server's thread still runs as soon as a client (or /health) asks something.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(QUERY_NICENESS)
    return block_network()
