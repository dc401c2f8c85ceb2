"""The one seam through which every query the server runs goes, as datasette's ``Database.execute``.

The protocol's queries (``/sparql``, and so the query page), the fixed queries of the entity, term
and ontology pages, of the not-found suggestions and of the editor's completion all call an
:class:`Executor`; nothing in the server queries the store itself. The executor owns the limits
of a query:

- the **deadline** (``--timeout``): every query runs in a query process, a worker of the pool
  (:class:`resilience_kg.sparql.pool.QueryPool`) or, without one, a forked child
  (:func:`resilience_kg.sparql.runner.run_killable`), killed when the deadline passes; the
  queries of one page share one deadline (:meth:`Executor.deadline`);
- the **memory** limit (``--memory``) and the **result cap** (``--max-result``) of that process.

The event loop only waits on a pipe (or, without a pool, a thread waits on the child). Answers
are read back into rows or triples on a thread: they are bounded by the result cap, not by
anything the loop should spend time on.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import QueryError, QueryMemoryError, QueryTimeout
from resilience_kg.limits import MAX_RESULT, QUERY_MEMORY, QUERY_TIMEOUT
from resilience_kg.sparql.forkserver import checked_answer, read_checked
from resilience_kg.sparql.query import Bindings, QueryResult, answer, explain, transport_format
from resilience_kg.sparql.runner import run_killable, timeout_error

if TYPE_CHECKING:
    import pyoxigraph as ox

    from resilience_kg.graph.dataset import KnowledgeGraph
    from resilience_kg.sparql.pool import QueryPool

Row = dict[str, Any]


def unavailable(exc: QueryError) -> bool:
    """True for an error that says the server ran out of time or memory for a query (503),
    rather than that the query was wrong."""
    return isinstance(exc, QueryTimeout | QueryMemoryError)


class Executor:
    """Runs the server's queries in killable query processes, under one deadline per request.

    ``pool``: the workers ``serve`` started (their own memory limit and result cap apply), else
    each query runs in a forked child limited to ``memory`` bytes and ``max_result`` bytes of
    answer. ``timeout``: the seconds a request's queries may take together.
    """

    def __init__(self, kg: KnowledgeGraph, *, pool: QueryPool | None = None, timeout: float = QUERY_TIMEOUT,
                 memory: int | None = QUERY_MEMORY, max_result: int = MAX_RESULT) -> None:
        if timeout <= 0:
            raise QueryError("the timeout must be a positive number of seconds")
        self.kg = kg
        self.pool = pool
        self.timeout = timeout
        self.memory = pool.memory if pool is not None else memory
        self.max_result = pool.max_result if pool is not None else max_result

    def deadline(self) -> float:
        """The deadline of a request that starts now (``time.monotonic()``): a page's queries
        share it, so a page of five queries takes at most ``timeout`` seconds, not five times it."""
        return time.monotonic() + self.timeout

    async def _run(self, text: str, *, form: str | None, fmt: Any, bindings: Bindings, deadline: float | None) -> bytes:
        """The bytes a query process answered: :func:`~resilience_kg.sparql.query.answer` for a
        query of known ``form``, :func:`~resilience_kg.sparql.forkserver.checked_answer` (the
        guard first) for a client's text (``form`` None, ``fmt`` its two formats)."""
        if deadline is None:
            deadline = self.deadline()
        left = deadline - time.monotonic()
        if left <= 0:
            raise timeout_error(self.timeout)
        try:
            if self.pool is not None:  # the workers' pipes are watched by the event loop: no thread per query
                return await self.pool.arun(text, form=form, fmt=fmt, bindings=bindings, timeout=self.timeout,
                                            deadline=deadline)
            return await self._forked(text, form=form, fmt=fmt, bindings=bindings, left=left)
        except QueryError as exc:
            raise explain(exc, None) from None

    async def _forked(self, text: str, *, form: str | None, fmt: Any, bindings: Bindings, left: float) -> bytes:
        import anyio

        store, path, cap = self.kg.store, self.kg.store_path, self.max_result

        def work() -> bytes:
            import pyoxigraph as ox

            # A forked child must not share the parent's RocksDB handle: it opens its own, read-only.
            target = ox.Store.read_only(str(path)) if path is not None else store
            if form is None:
                return checked_answer(target, text, fmt, bindings, cap)
            return answer(target, text, form=form, fmt=fmt, bindings=bindings, max_result=cap)

        try:
            return await anyio.to_thread.run_sync(
                functools.partial(run_killable, work, timeout=left, memory=self.memory))
        except QueryTimeout:  # said with the whole timeout, not what was left of it
            raise timeout_error(self.timeout) from None

    # ------------------------------------------------------------ a client's query (the protocol)

    async def execute(self, text: str, formats: tuple[str | None, str | None], *,
                      deadline: float | None = None) -> tuple[str, str | None, bytes]:
        """Check and answer a client's ``text`` in a query process: the guard runs there too,
        under the deadline. Returns the query's form, the format chosen from ``formats`` (for a
        table, for a graph) and the answer's bytes (see
        :func:`~resilience_kg.sparql.forkserver.checked_answer`)."""
        data = await self._run(text, form=None, fmt=formats, bindings={}, deadline=deadline)
        return read_checked(data)

    # ------------------------------------------------------------ the pages' own queries

    async def _result(self, text: str, form: str, bound: dict[str, Any], deadline: float | None) -> QueryResult:
        import anyio
        import pyoxigraph as ox

        bindings: Bindings = {ox.Variable(name): term for name, term in bound.items()}
        payload = await self._run(text, form=form, fmt=None, bindings=bindings, deadline=deadline)
        result = QueryResult(form=form, payload=payload, payload_format=transport_format(form))
        # Read back on a thread: an answer is bounded by the result cap, not by a page's needs.
        await anyio.to_thread.run_sync(lambda: result.rows if form == "SELECT" else result.triples)
        return result

    async def select(self, text: str, *, deadline: float | None = None,
                     **bound: ox.NamedNode | ox.Literal) -> list[Row]:
        """The rows of a fixed SELECT query, with ``bound`` variables bound to terms (never
        pasted into the text): one dict per solution, None where a variable is unbound."""
        return (await self._result(text, "SELECT", bound, deadline)).rows

    async def ask(self, text: str, *, deadline: float | None = None, **bound: ox.NamedNode | ox.Literal) -> bool:
        """The answer of a fixed ASK query."""
        return bool((await self._result(text, "ASK", bound, deadline)).boolean)

    async def construct(self, text: str, *, deadline: float | None = None,
                        **bound: ox.NamedNode | ox.Literal) -> list[ox.Triple]:
        """The triples of a fixed CONSTRUCT query."""
        return (await self._result(text, "CONSTRUCT", bound, deadline)).triples
