"""Length-prefixed frames over pipes: how the endpoint's pool and its query processes talk.

A frame is an 8-byte big-endian length, then that many bytes. The worker reads requests with
blocking reads (:func:`read_request`); the server reads answers by a deadline from a thread
(:func:`read_frame_by`) or as its event loop finds the pipe readable (:class:`FrameReader`), and
refuses a frame past the result cap before reading it.
"""

from __future__ import annotations

import asyncio
import os
import selectors
import struct
import time

from resilience_kg.errors import QueryError

FRAME = struct.Struct(">Q")


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_request(fd: int) -> bytes | None:
    """One length-prefixed frame from a blocking ``fd``, or None at end of file. The server
    sends one request at a time, so a small one arrives in a single read."""
    data = os.read(fd, 1 << 16)
    if len(data) < FRAME.size:
        while data and len(data) < FRAME.size:
            more = os.read(fd, FRAME.size - len(data))
            if not more:
                return None
            data += more
        if not data:
            return None
    need = FRAME.size + FRAME.unpack_from(data)[0]
    if len(data) >= need:
        return data[FRAME.size : need]
    chunks, have = [data], len(data)
    while have < need:
        chunk = os.read(fd, min(need - have, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)[FRAME.size :]


def read_frame_by(fd: int, deadline: float, limit: int) -> bytes | None:
    """One length-prefixed frame from ``fd`` by ``deadline`` (None at end of file); raises
    TimeoutError when the deadline passes first."""
    buffer = bytearray()
    need = FRAME.size
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
                return bytes(buffer[FRAME.size :])
            size = FRAME.unpack(buffer[: FRAME.size])[0]
            if size > limit:
                raise QueryError("the query process sent an answer larger than the result cap")
            need, have_size = FRAME.size + size, True


class FrameReader:
    """Collects one length-prefixed frame from a pipe as the event loop finds it readable."""

    def __init__(self, fd: int, limit: int, future: asyncio.Future[bytes | None]) -> None:
        self.fd = fd
        self.limit = limit
        self.future = future
        self.buffer = bytearray()
        self.need = FRAME.size
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
        if not self.sized and len(self.buffer) >= FRAME.size:
            size = FRAME.unpack(self.buffer[: FRAME.size])[0]
            if size > self.limit:
                self.future.set_exception(QueryError("the query process sent an answer larger than the result cap"))
                return
            self.need, self.sized = FRAME.size + size, True
        if self.sized and len(self.buffer) >= self.need:
            self.future.set_result(bytes(self.buffer[FRAME.size : self.need]))
