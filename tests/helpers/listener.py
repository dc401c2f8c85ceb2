"""A loopback socket that counts the connections made to it: the witness that a query did not
reach out (SERVICE) from the library, the CLI, the server or a worker."""

from __future__ import annotations

import socket
import threading
import time


class Listener:
    """A loopback TCP socket that records the connections made to it, from a background thread
    that accepts for at most ``limit`` seconds."""

    def __init__(self, limit: float = 20.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.deadline = time.monotonic() + limit
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set() and time.monotonic() < self.deadline:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> int:
        """Stop accepting and return how many connections were made."""
        time.sleep(0.3)  # give a late connection the chance to show up
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()
        return self.connections
