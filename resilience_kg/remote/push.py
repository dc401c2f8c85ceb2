"""Publish the named graphs to a shared triple store.

With a Graph Store endpoint (``--graph-store``, the SPARQL 1.1 Graph Store HTTP Protocol:
Oxigraph server ``/store``, Fuseki ``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``,
Virtuoso ``/sparql-graph-crud-auth``), each graph is sent as N-Triples documents in batches. With
only a SPARQL 1.1 Update endpoint, the data is still never written into an update string: each
batch is served as an N-Triples document on a loopback port for the duration of the push, and the
server is asked to ``LOAD`` it (this needs a server on the same machine or network).

Replacing is atomic: every graph is first loaded into a staging graph of its own (under
:data:`~resilience_kg.vocab.STAGING`, outside our graph namespace), checked triple by triple, and
only then swapped in by one SPARQL Update request (per graph, a ``DELETE`` of what the new graph
lacks and an ``INSERT`` of what the old one lacks), which the server runs as one transaction. A
push stopped half-way leaves the published graphs as they were; its staging graphs are dropped by
the next push of the same graphs (or by any push, a day later).

Merging adds the batches to the graphs, then checks that every triple sent is there (a count
alone cannot see a triple missing where the server holds another one).

Either way a push is idempotent (the same triples merge into a set, a replaced graph is
replaced), batched, retried with backoff, and verified. A server that lacks what was sent raises
:class:`~resilience_kg.errors.PushMismatch`.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.errors import PushMismatch
from resilience_kg.graph.oxterms import to_bytes
from resilience_kg.remote.client import RemoteError, make_client, redact, request
from resilience_kg.remote.endpoint import GRAPH_NAMES, post_query, remote_query

if TYPE_CHECKING:
    import httpx

    from resilience_kg.graph.dataset import KnowledgeGraph

BATCH = 50_000
#: Triples per verification query: small enough for Virtuoso's SPARQL compiler.
VERIFY_BATCH = 1000
#: A staging graph older than this is a leftover whoever left it; a younger one is dropped only
#: by a push of the same graph (it may belong to a push still running elsewhere).
STALE_STAGING = timedelta(days=1)
EXAMPLES = 3
#: Seconds to wait for the swap: a server moves a large graph in one transaction.
SWAP_TIMEOUT = 1800.0
_STAMP = "%Y%m%dT%H%M%SZ"
_STAGING_NAME = re.compile(re.escape(v.STAGING) + r"(\d{8}T\d{6}Z)-([0-9a-f]+)/(.+)")


def staging_graph(graph: str, *, stamp: str, token: str) -> str:
    """The staging graph a push started at ``stamp`` loads ``graph`` into.

    >>> staging_graph("https://w3id.org/resilience-kg/graph/report", stamp="20191128T090000Z", token="ab12")
    'https://w3id.org/resilience-kg/staging/20191128T090000Z-ab12/https%3A%2F%2Fw3id.org%2Fresilience-kg%2Fgraph%2Freport'
    """
    return f"{v.STAGING}{stamp}-{token}/{quote(graph, safe='')}"


def staging_target(name: str) -> tuple[datetime, str] | None:
    """When the push that made staging graph ``name`` started, and the graph it was for; None
    for a graph that is not one of our staging graphs."""
    match = _STAGING_NAME.fullmatch(name)
    if match is None:
        return None
    started = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    return started, unquote(match.group(3))


@dataclass
class GraphCount:
    """One graph of a push: triples sent, triples the server holds, and the sent ones it lacks."""

    graph: str
    local: int
    remote: int | None = None
    missing: int = 0
    examples: list[str] = field(default_factory=list)
    #: Triples with a blank node: a server renames blank nodes, so they are counted, not matched.
    unmatched: int = 0

    def ok(self, *, replace: bool) -> bool:
        if self.remote is None or self.missing:
            return False
        return self.remote == self.local if replace else self.remote >= self.local


@dataclass
class PushReport:
    replace: bool
    graphs: list[GraphCount] = field(default_factory=list)
    #: Staging graphs of earlier pushes (stopped half-way) dropped by this one.
    cleaned: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.ok(replace=self.replace) for g in self.graphs)

    def __str__(self) -> str:
        lines = [f"{'graph':60} {'local':>9} {'server':>9} {'missing':>9}"]
        for g in self.graphs:
            remote = g.remote if g.remote is not None else "?"
            lines.append(f"{g.graph:60} {g.local:>9} {remote:>9} {g.missing:>9}")
        for g in self.graphs:
            lines += [f"missing in {g.graph}: {t}" for t in g.examples]
        if self.cleaned:
            lines.append(f"dropped {len(self.cleaned)} staging graph(s) left by an earlier push")
        if self.ok:
            return "\n".join([*lines, "verified"])
        if any(g.missing for g in self.graphs):
            verdict = "MISMATCH: the server lacks triples that were sent"
        elif self.replace:
            verdict = "MISMATCH: the server holds a different number of triples"
        else:
            verdict = "MISMATCH: the server holds fewer triples than were sent"
        return "\n".join([*lines, verdict])


def _batches(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    for start in range(0, len(triples), size):
        yield triples[start : start + size]


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return to_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def _graph_triples(kg: KnowledgeGraph, graph: str) -> list[ox.Triple]:
    quads = kg.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return sorted((q.triple for q in quads), key=str)


def _select(client: httpx.Client, endpoint: str, text: str) -> list[dict[str, str]]:
    """Run one of our own SELECT queries (no guard needed: every term in it is written by
    Oxigraph's N-Triples serialiser) and return the rows as plain strings."""
    payload = post_query(client, endpoint, [("query", text)], "application/sparql-results+json")
    solutions = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
    if not isinstance(solutions, ox.QuerySolutions):
        raise RemoteError(redact(f"{endpoint} answered a SELECT query with a boolean"))
    return [{k.value: t.value for k in solutions.variables if (t := row[k]) is not None} for row in solutions]


def count_remote(endpoint: str, graph: str, client: httpx.Client) -> int:
    """The number of triples in ``graph`` at ``endpoint``."""
    iri = str(ox.NamedNode(graph))  # a checked IRI, written by Oxigraph: it cannot break out
    result = remote_query(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}",
                          client=client, union=False)
    rows = result.rows
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


def _matchable(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode | ox.Literal)


def _values_row(i: int, t: ox.Triple) -> str:
    # A language-tagged literal is matched by its text and tag in a FILTER: Virtuoso 7 never
    # joins one bound in VALUES. Everything else by the term itself.
    o = t.object
    if isinstance(o, ox.Literal) and o.language:
        return f"({i} {t.subject} {t.predicate} UNDEF {ox.Literal(o.value)} {ox.Literal(o.language)})"
    return f"({i} {t.subject} {t.predicate} {o} UNDEF UNDEF)"


def missing_triples(
    endpoint: str, graph: str, triples: list[ox.Triple], client: httpx.Client, *, batch: int = VERIFY_BATCH
) -> tuple[int, list[str], int]:
    """How many of ``triples`` the server's ``graph`` lacks, the first few of them (N-Triples),
    and how many could not be matched one by one (those with blank nodes).

    Each batch is one query that binds the triples with VALUES and counts those found.
    """
    iri = str(ox.NamedNode(graph))
    checkable = [t for t in triples if _matchable(t)]
    missing, examples = 0, list[str]()
    for chunk in _batches(checkable, batch):
        rows = "\n".join(_values_row(i, t) for i, t in enumerate(chunk))
        where = (
            f"VALUES (?i ?s ?p ?o ?lex ?lang) {{\n{rows}\n}}\nGRAPH {iri} {{ ?s ?p ?x }}\n"
            "FILTER(IF(BOUND(?o), sameTerm(?x, ?o) || ?x = ?o,"
            " isLiteral(?x) && STR(?x) = ?lex && LCASE(LANG(?x)) = LCASE(?lang)))"
        )
        found = _select(client, endpoint, f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{\n{where}\n}}")
        if int(found[0]["n"]) == len(chunk):
            continue
        present = {int(row["i"]) for row in _select(client, endpoint, f"SELECT DISTINCT ?i WHERE {{\n{where}\n}}")}
        lost = [t for i, t in enumerate(chunk) if i not in present]
        missing += len(lost)
        examples += [_ntriples([t]).decode().strip() for t in lost[: EXAMPLES - len(examples)]]
    return missing, examples, len(triples) - len(checkable)


class _Documents:
    """A loopback HTTP server handing out N-Triples documents at unguessable paths, for LOAD."""

    def __init__(self) -> None:
        docs: dict[str, bytes] = {}
        self.docs = docs

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = docs.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, body: bytes) -> str:
        path = f"/{secrets.token_hex(16)}.nt"
        self.docs[path] = body
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def push(
    kg: KnowledgeGraph,
    endpoint: str,
    *,
    graph_store: str | None = None,
    update: str | None = None,
    replace: bool = False,
    batch: int = BATCH,
    graphs: list[str] | None = None,
    progress: Callable[[int], None] = lambda n: None,
    client: httpx.Client | None = None,
    verify_batch: int = VERIFY_BATCH,
) -> PushReport:
    """Send ``kg``'s named graphs (or ``graphs``) to the server and verify that it holds them.

    ``endpoint`` is the SPARQL query endpoint, used to verify. ``update`` is the SPARQL Update
    endpoint (by default ``endpoint`` itself, as on Fuseki and Virtuoso): replacing swaps the
    graphs in through it, and without ``graph_store`` the batches are loaded through it.

    Raises :class:`~resilience_kg.errors.PushMismatch` when the server lacks what was sent (a
    replace then leaves the published graphs as they were), and
    :class:`~resilience_kg.remote.client.RemoteError` when a request fails.
    """
    update = update or endpoint
    names = graphs if graphs is not None else kg.graph_names()
    own = client is None
    client = client or make_client()
    docs = None if graph_store else _Documents()
    report = PushReport(replace=replace)
    stamp, token = datetime.now(UTC).strftime(_STAMP), secrets.token_hex(4)
    staging = {g: staging_graph(g, stamp=stamp, token=token) for g in names}
    sent: dict[str, list[ox.Triple]] = {}

    def load(target: str, triples: list[ox.Triple], *, fresh: bool) -> None:
        iri = str(ox.NamedNode(target))
        for i, chunk in enumerate(_batches(triples, batch)):
            body = _ntriples(chunk)
            if graph_store:
                method = "PUT" if (fresh and i == 0) else "POST"
                request(client, method, graph_store, params={"graph": target}, content=body,
                        headers={"Content-Type": "application/n-triples"})
            else:
                assert docs is not None
                url = docs.publish(body)
                _update(client, update, f"LOAD <{url}> INTO GRAPH {iri}")
                docs.docs.clear()
            progress(len(chunk))

    def verify(count: GraphCount, where: str) -> None:
        count.missing, count.examples, count.unmatched = missing_triples(
            endpoint, where, sent[count.graph], client, batch=verify_batch)
        count.remote = count_remote(endpoint, where, client)

    try:
        report.cleaned = _leftovers(endpoint, names, client)
        if replace:
            # Drops the leftovers; and, before anything is loaded, finds out whether ``update``
            # takes updates at all (the swap needs it).
            probe = [staging[names[0]]] if names else []
            drops = [f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in [*report.cleaned, *probe]]
            if drops:
                _update_or_explain(client, update, " ;\n".join(drops))
        elif report.cleaned:
            for leftover in report.cleaned:
                _drop(client, leftover, graph_store=graph_store, update=update)
        try:
            for graph in names:
                sent[graph] = _graph_triples(kg, graph)
                load(staging[graph] if replace else graph, sent[graph], fresh=replace)
                report.graphs.append(GraphCount(graph=graph, local=len(sent[graph])))
            if replace:
                for count in report.graphs:
                    verify(count, staging[count.graph])
                if not report.ok:
                    raise PushMismatch(report)
        except Exception:
            if replace:  # the published graphs are untouched: leave no staging graph behind either
                with contextlib.suppress(RemoteError):
                    _update(client, update, " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(staging[g])}" for g in names))
            raise
        if replace:
            _swap(client, update, report.graphs, staging)
            for count in report.graphs:
                count.remote = count_remote(endpoint, count.graph, client)
        else:
            for count in report.graphs:
                verify(count, count.graph)
    finally:
        if docs is not None:
            docs.close()
        if own:
            client.close()
    if not report.ok:
        raise PushMismatch(report)
    return report


def _swap(client: httpx.Client, update: str, counts: list[GraphCount], staging: dict[str, str]) -> None:
    """Make each graph hold exactly what its checked staging graph holds, in one request, so one
    transaction: readers see every graph old or every graph new.

    Only the difference is written (delete what the new graph lacks, insert what the old one
    lacks): a server writes far less than for ``MOVE`` (which rewrites every triple), and the
    request can be sent again safely (a second time it changes nothing), so it is retried like
    any other. The staging graphs are dropped afterwards, outside the swap.
    """
    parts = []
    for c in counts:
        g, st = ox.NamedNode(c.graph), ox.NamedNode(staging[c.graph])
        if not c.local:
            parts.append(f"DROP SILENT GRAPH {g}")
            continue
        parts += [
            f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH {st} {{ ?s ?p ?o }} }} }}",
            f"INSERT {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {st} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH {g} {{ ?s ?p ?o }} }} }}",
        ]
    drop_staging = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(staging[c.graph])}" for c in counts)
    try:
        request(client, "POST", update, content=" ;\n".join(parts).encode(), timeout=SWAP_TIMEOUT,
                headers={"Content-Type": "application/sparql-update"})
    except RemoteError as exc:
        with contextlib.suppress(RemoteError):  # the swap did not happen: the staging graphs are of no use
            _update(client, update, drop_staging)
        raise RemoteError(redact(
            f"{exc}\nThe server did not swap the new graphs in (in one transaction); the published graphs "
            "are as they were. (Virtuoso limits the size of a transaction: raise TransactionAfterImageLimit "
            "in virtuoso.ini for large changes.)"), status=exc.status) from None
    with contextlib.suppress(RemoteError):  # left behind, the next push drops them
        _update(client, update, drop_staging)


def _leftovers(endpoint: str, names: list[str], client: httpx.Client) -> list[str]:
    """Staging graphs on the server that an earlier push left: those for a graph pushed now,
    and any older than :data:`STALE_STAGING`."""
    now = datetime.now(UTC)
    found = []
    for row in _select(client, endpoint, GRAPH_NAMES):
        parsed = staging_target(row.get("g", ""))
        if parsed is not None and (parsed[1] in names or now - parsed[0] > STALE_STAGING):
            found.append(row["g"])
    return sorted(found)


def _drop(client: httpx.Client, graph: str, *, graph_store: str | None, update: str) -> None:
    if graph_store:
        request(client, "DELETE", graph_store, params={"graph": graph}, accept={404})
    else:
        _update(client, update, f"DROP SILENT GRAPH {ox.NamedNode(graph)}")


def _update(client: httpx.Client, endpoint: str, text: str) -> None:
    # Only our own statements go here (DROP, LOAD of our own loopback URL), never data.
    request(client, "POST", endpoint, content=text.encode(), headers={"Content-Type": "application/sparql-update"})


def _update_or_explain(client: httpx.Client, endpoint: str, text: str) -> None:
    try:
        _update(client, endpoint, text)
    except RemoteError as exc:
        raise RemoteError(redact(
            f"{exc}\nReplacing loads each graph into a staging graph and swaps it in with SPARQL Update, "
            f"which {endpoint} did not take; give the update endpoint with --update (Oxigraph: /update, "
            "Fuseki: /DATASET/update, Virtuoso: /sparql-auth with RKG_AUTH=digest)"
        )) from None
