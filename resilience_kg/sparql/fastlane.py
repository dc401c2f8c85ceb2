"""The fast lane: queries already shown to be quick, answered on the server's own thread.

Handing a query to a pool worker costs two wake-ups of another process, more than a small
query itself (on a 2-core virtual machine a pipe round trip between cores takes about 80 us,
against 3 us on one core). But the worker is what stops a runaway and bounds memory, and a
query nobody has run yet could be either.

On a read-only store the same query text costs the same each time it runs. So a query that a
worker answered within :data:`FAST` seconds and :data:`FAST_BYTES` bytes is remembered, and
its next runs are answered on the event-loop thread directly, with no hand-over:

- That thread is refused the network for good when the server starts
  (:func:`resilience_kg.sparql.sandbox.block_network` with ``thread_only``; it keeps ``accept``
  to take connections), so SERVICE cannot connect from here either. Without the filter the
  lane stays closed.
- A remembered query that runs slower than :data:`FORGET_AFTER` seconds, or fails, is forgotten
  and goes back to the workers; so does everything when the store is rebuilt (a new generation).
- At most :data:`REMEMBERED` texts are kept (least recently used first out), each at most
  :data:`LONGEST` characters long.
- A query that calls ``NOW``, ``RAND``, ``UUID``, ``STRUUID`` or ``BNODE`` is never remembered:
  its cost could change from one run to the next (``IF(RAND() < 0.01, <slow>, <quick>)``), and a
  run on this thread cannot be stopped.
"""

from __future__ import annotations

import collections
import re
import threading
import time
from typing import TYPE_CHECKING, Any

from resilience_kg.sparql import sandbox as jail
from resilience_kg.sparql.query import answer, prefixes_used

if TYPE_CHECKING:
    import pyoxigraph as ox

#: A worker's answer within this many seconds marks the query as quick.
FAST = 0.002
#: ... and within this many bytes.
FAST_BYTES = 256 * 1024
#: A remembered query that takes longer than this on the lane goes back to the workers.
FORGET_AFTER = 0.01
#: How many query texts are remembered at most.
REMEMBERED = 4096
#: The longest text remembered, in characters (so the lane holds at most 64 MiB of texts).
LONGEST = 16_384
# Functions whose value changes between runs, so that a run's cost may too. Matched anywhere in
# the text (in a string too): a text wrongly kept out only goes to the workers.
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


class FastLane:
    """Remembers the quick queries of one store and answers them on the jailed thread.

    >>> import pyoxigraph as ox
    >>> lane = FastLane(ox.Store())
    >>> lane.learn("ASK {}", "ASK", "json", seconds=0.0001, size=30)
    >>> lane.knows("ASK {}", "json"), lane.ready()   # remembered, but no thread is jailed yet
    (True, False)
    """

    def __init__(self, store: ox.Store, *, store_dir: str | None = None) -> None:
        self.store = store
        self.store_dir = store_dir
        self.generation = 0
        self.served = 0
        # (text, format) -> (form, the prefixes the text uses)
        self._known: collections.OrderedDict[tuple[str, str | None], tuple[str, dict[str, str]]] = (
            collections.OrderedDict())
        self._thread: int | None = None
        self.jail_reason: str | None = "no thread has been jailed for it"

    def jail_this_thread(self) -> str | None:
        """Refuse the calling thread the network for good and open the lane on it; None on
        success, else why the lane stays closed."""
        reason = jail.block_network(thread_only=True, allowed=jail.SERVING)
        self.jail_reason = reason
        self._thread = threading.get_ident() if reason is None else None
        return reason

    def ready(self) -> bool:
        """True on the jailed thread, where the lane may answer."""
        return self._thread is not None and threading.get_ident() == self._thread

    def knows(self, text: str, fmt: str | None) -> bool:
        return (text, fmt) in self._known

    def learn(self, text: str, form: str, fmt: str | None, *, seconds: float, size: int) -> None:
        """Remember ``text`` (answered in ``fmt``) if a worker answered it quickly and briefly, and
        its cost cannot change between runs."""
        if seconds > FAST or size > FAST_BYTES or len(text) > LONGEST or _VOLATILE.search(text):
            return
        self._known[(text, fmt)] = (form, prefixes_used(text))
        self._known.move_to_end((text, fmt))
        while len(self._known) > REMEMBERED:
            self._known.popitem(last=False)

    def forget(self, text: str, fmt: str | None) -> None:
        self._known.pop((text, fmt), None)

    def renew(self, generation: int) -> None:
        """A rebuilt store: forget everything, and reopen an on-disk store (its folder was swapped)."""
        if generation == self.generation:
            return
        self._known.clear()
        self.generation = generation
        if self.store_dir is not None:
            import pyoxigraph as ox

            self.store = ox.Store.read_only(self.store_dir)

    def run(self, text: str, fmt: str | None, *, max_result: int) -> bytes | None:
        """The answer of a remembered query, or None to send it to a worker instead."""
        known = self._known.get((text, fmt))
        if known is None or not self.ready():
            return None
        form, prefixes = known
        started = time.perf_counter()
        try:
            payload = answer(self.store, text, form=form, fmt=fmt, bindings={}, max_result=max_result,
                             prefixes=prefixes, small=True)
        except Exception:
            self.forget(text, fmt)
            return None
        if time.perf_counter() - started > FORGET_AFTER:
            self.forget(text, fmt)
        else:
            self._known.move_to_end((text, fmt))
        self.served += 1
        return payload

    def health(self) -> dict[str, Any]:
        """What ``/health`` reports of the lane."""
        return {"open": self._thread is not None, "remembered": len(self._known), "served": self.served,
                **({"closed_because": self.jail_reason} if self._thread is None else {})}
