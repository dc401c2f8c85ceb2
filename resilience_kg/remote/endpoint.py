"""Read from a remote SPARQL endpoint: run a checked query there, or copy its named graphs into
a local graph so that analyze and viz work on a shared store as on local files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.graph.oxterms import to_bytes
from resilience_kg.graph.query import QueryResult
from resilience_kg.graph.safety import check_query
from resilience_kg.remote.client import make_client, request

if TYPE_CHECKING:
    import httpx

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _post(client: httpx.Client, endpoint: str, form: list[tuple[str, str]], accept: str) -> bytes:
    """POST a query as a form (the protocol's repeatable parameters need a list, not a dict)."""
    from urllib.parse import urlencode

    response = request(
        client, "POST", endpoint, content=urlencode(form).encode(),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    payload = response.content
    if "turtle" in response.headers.get("content-type", ""):
        payload = to_bytes(ox.serialize(ox.parse(payload, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES))
    return payload


def remote_query(endpoint: str, text: str, *, client: httpx.Client | None = None, union: bool = True) -> QueryResult:
    """Run ``text`` at ``endpoint`` (checked first, like a local query) and return its result.

    With ``union`` (the default) the query sees the server's named graphs merged as its default
    graph, as it would locally: the protocol's ``default-graph-uri`` and ``named-graph-uri``
    parameters list every graph, which works on any SPARQL 1.1 server whatever its own default.
    """
    form = check_query(text)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph else "application/sparql-results+json"
    # The usual prefixes, as locally; the query's own declarations come later and win.
    text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in v.PREFIXES.items()) + text
    own = client is None
    client = client or make_client()
    try:
        fields = [("query", text)]
        if union:
            listing = _post(client, endpoint, [("query", GRAPH_NAMES)], "application/sparql-results+json")
            solutions = ox.parse_query_results(listing, format=ox.QueryResultsFormat.JSON)
            names = [row["g"].value for row in solutions]  # type: ignore[union-attr]
            fields += [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]
        payload = _post(client, endpoint, fields, accept)
    finally:
        if own:
            client.close()
    return QueryResult(form=form, payload=payload)


def load_remote(endpoint: str, *, client: httpx.Client | None = None) -> KnowledgeGraph:
    """Copy every named graph at ``endpoint`` into a local in-memory graph."""
    result = remote_query(endpoint, ALL_QUADS, client=client, union=False)
    store = ox.Store()
    solutions = ox.parse_query_results(result.payload, format=ox.QueryResultsFormat.JSON)
    store.extend(ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in solutions)  # type: ignore[union-attr]
    return KnowledgeGraph(store=store, inputs=[f"endpoint {endpoint}"])
