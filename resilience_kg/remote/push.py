"""Publish the named graphs to a shared triple store.

With a Graph Store endpoint (``--graph-store``, the SPARQL 1.1 Graph Store HTTP Protocol:
Oxigraph server ``/store``, Fuseki ``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``,
Virtuoso ``/sparql-graph-crud-auth``), each graph is sent as N-Triples documents: the first batch
with PUT when replacing (POST when merging), the rest with POST. With only a SPARQL 1.1 Update
endpoint, the data is still never written into an update string: each batch is served as an
N-Triples document on a loopback port for the duration of the push, and the server is asked to
``LOAD`` it into the graph (this needs a server on the same machine or network).

Either way a push is idempotent (the same triples merge into a set, a replaced graph is
replaced), batched, retried with backoff, and verified: the triples per graph on the server are
counted afterwards and compared with ours.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg.graph.oxterms import to_bytes
from resilience_kg.remote.client import RemoteError, make_client, request
from resilience_kg.remote.endpoint import remote_query

if TYPE_CHECKING:
    import httpx

    from resilience_kg.graph.dataset import KnowledgeGraph

BATCH = 50_000


@dataclass
class GraphCount:
    graph: str
    local: int
    remote: int | None = None

    @property
    def ok(self) -> bool:
        return self.remote is not None and self.remote >= self.local


@dataclass
class PushReport:
    replace: bool
    graphs: list[GraphCount] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        if self.replace:
            return all(g.remote == g.local for g in self.graphs)
        return all(g.ok for g in self.graphs)

    def __str__(self) -> str:
        lines = [f"{'graph':60} {'local':>9} {'server':>9}"]
        lines += [f"{g.graph:60} {g.local:>9} {g.remote if g.remote is not None else '?':>9}" for g in self.graphs]
        verdict = "verified" if self.ok else "MISMATCH: the server holds a different number of triples"
        return "\n".join([*lines, verdict])


def _batches(triples: list[ox.Triple], size: int) -> Iterator[bytes]:
    for start in range(0, len(triples), size):
        yield to_bytes(ox.serialize(triples[start : start + size], format=ox.RdfFormat.N_TRIPLES))


def _graph_triples(kg: KnowledgeGraph, graph: str) -> list[ox.Triple]:
    quads = kg.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return sorted((q.triple for q in quads), key=str)


def count_remote(endpoint: str, graph: str, client: httpx.Client) -> int:
    """The number of triples in ``graph`` at ``endpoint``."""
    iri = str(ox.NamedNode(graph))  # a checked IRI, written by Oxigraph: it cannot break out
    result = remote_query(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}", client=client)
    rows = result.rows
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


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
) -> PushReport:
    """Send ``kg``'s named graphs (or ``graphs``) to the server and verify the counts.

    ``endpoint`` is the SPARQL query endpoint, used to verify the counts. Without
    ``graph_store``, batches are loaded with ``LOAD`` through ``update`` (the SPARQL Update
    endpoint; by default ``endpoint`` itself, as on Fuseki and Virtuoso).
    """
    update = update or endpoint
    names = graphs if graphs is not None else kg.graph_names()
    own = client is None
    client = client or make_client()
    docs = None if graph_store else _Documents()
    report = PushReport(replace=replace)
    try:
        for graph in names:
            triples = _graph_triples(kg, graph)
            iri = str(ox.NamedNode(graph))
            if docs is not None and replace:
                _update(client, update, f"DROP SILENT GRAPH {iri}")
            for i, body in enumerate(_batches(triples, batch)):
                if graph_store:
                    method = "PUT" if (replace and i == 0) else "POST"
                    request(client, method, graph_store, params={"graph": graph}, content=body,
                            headers={"Content-Type": "application/n-triples"})
                else:
                    assert docs is not None
                    url = docs.publish(body)
                    _update(client, update, f"LOAD <{url}> INTO GRAPH {iri}")
                    docs.docs.clear()
                progress(min(batch, len(triples) - i * batch))
            if replace and not triples and graph_store:
                request(client, "PUT", graph_store, params={"graph": graph}, content=b"",
                        headers={"Content-Type": "application/n-triples"})
            report.graphs.append(GraphCount(graph=graph, local=len(triples)))
        for count in report.graphs:
            count.remote = count_remote(endpoint, count.graph, client)
    finally:
        if docs is not None:
            docs.close()
        if own:
            client.close()
    if not report.ok:
        raise RemoteError(str(report))
    return report


def _update(client: httpx.Client, endpoint: str, text: str) -> None:
    # Only our own statements go here (DROP, LOAD of our own loopback URL), never data.
    request(client, "POST", endpoint, content=text.encode(), headers={"Content-Type": "application/sparql-update"})
