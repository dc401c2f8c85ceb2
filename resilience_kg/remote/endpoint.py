"""Read from a remote SPARQL endpoint: run a checked query there, or copy its named graphs into
a local graph so that analyze and viz work on a shared store as on local files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.graph.oxterms import text, to_bytes
from resilience_kg.remote.client import RemoteError, make_client, redact, redact_url, request
from resilience_kg.sparql.guard import check_query
from resilience_kg.sparql.query import QueryResult

if TYPE_CHECKING:
    import httpx



GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def post_query(client: httpx.Client, endpoint: str, form: list[tuple[str, str]], accept: str) -> bytes:
    """POST a query as a form (the protocol's repeatable parameters need a list, not a dict) and
    return the answer's body."""
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
    text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in v.QUERY_PREFIXES.items()) + text
    own = client is None
    client = client or make_client()
    try:
        fields = [("query", text)]
        if union:
            listing = post_query(client, endpoint, [("query", GRAPH_NAMES)], "application/sparql-results+json")
            solutions = ox.parse_query_results(listing, format=ox.QueryResultsFormat.JSON)
            # Not the staging graphs of a push under way: they hold a graph half-loaded.
            names = [row["g"].value for row in solutions if not row["g"].value.startswith(v.STAGING)]  # type: ignore[union-attr]
            fields += [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]
        payload = post_query(client, endpoint, fields, accept)
    finally:
        if own:
            client.close()
    return QueryResult(form=form, payload=payload)


def load_remote(endpoint: str, *, client: httpx.Client | None = None, page: int = 10_000) -> KnowledgeGraph:
    """Copy the resilience-kg graphs at ``endpoint`` (those under our graph namespace, as
    ``push`` writes them) into a local in-memory graph.

    Each graph is read in pages, since servers cap the rows of one answer (Virtuoso at 10,000),
    and the copy is checked against the server's own count, so it is never silently short. The
    server's other graphs (its system graphs, say) are left alone.
    """
    own = client is None
    client = client or make_client()
    store = ox.Store()
    try:
        listing = remote_query(endpoint, GRAPH_NAMES, client=client, union=False)
        names = sorted(text(r["g"]) for r in listing.rows if r["g"] is not None and text(r["g"]).startswith(v.GRAPH))
        for name in names:
            iri = str(ox.NamedNode(name))
            counted = remote_query(
                endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}", client=client, union=False
            )
            expected = int(text(counted.rows[0]["n"]))  # type: ignore[arg-type]
            got = 0
            target = ox.NamedNode(name)
            while got < expected:
                # Pages without ORDER BY: servers cap sorted windows (Virtuoso sorts at most
                # 10,000 rows), and the store below collapses any row a page repeats. Only our
                # own integers and a checked IRI go into this text.
                paged = f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }} LIMIT {page} OFFSET {got}"
                chunk = remote_query(endpoint, paged, client=client, union=False).rows
                if not chunk:
                    break
                store.extend(ox.Quad(r["s"], r["p"], r["o"], target) for r in chunk)  # type: ignore[arg-type]
                got += len(chunk)
            copied = sum(1 for _ in store.quads_for_pattern(None, None, None, target))
            if copied != expected:
                raise RemoteError(redact(
                    f"{endpoint} gave {copied} distinct triples of the {expected} in {name} (its paging is not "
                    "stable); export the graph from the server instead"
                ))
    except SyntaxError as exc:  # a term the server writes in a form RDF does not allow
        raise RemoteError(redact(f"{endpoint} sent a result that cannot be read: {exc}")) from exc
    finally:
        if own:
            client.close()
    return KnowledgeGraph(store=store, inputs=[f"endpoint {redact_url(endpoint)}"])
