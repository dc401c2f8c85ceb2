"""The query page at ``/``: our own editor, results table, chart and downloads, offline.

The HTML comes from Jinja2 templates (autoescaped) in ``server/templates/``; the script and the
style sheet are package data in ``server/static/``, served from ``/static/``. Pages carry a
strict Content Security Policy: no inline script, no inline style, nothing from elsewhere.

The page asks ``/api/queries`` for the bundled named queries and ``/api/terms`` for what to
complete (prefixes, classes and properties of the ontology, the graph's entities with labels).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from resilience_kg import vocab as v
from resilience_kg._version import __version__

if TYPE_CHECKING:
    import jinja2
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from resilience_kg.server.executor import Executor, Row

#: The policy of every page: scripts and styles from this server only, no inline script.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: SPARQL keywords offered by completion (besides prefixes and terms).
KEYWORDS = (
    "SELECT", "DISTINCT", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "BIND", "VALUES", "GROUP BY",
    "ORDER BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE", "COUNT", "SAMPLE", "GROUP_CONCAT",
    "LANG", "LANGMATCHES", "STR", "REGEX", "CONTAINS", "STRSTARTS", "EXISTS", "NOT EXISTS", "DESC", "ASC", "AS",
)  # fmt: skip
#: How many entities completion lists at most (the graph is small; this bounds a large one).
MAX_ENTITIES = 5000
EXAMPLE = """SELECT ?sector (COUNT(?actor) AS ?actors) WHERE {
  ?actor rkg:participatedIn ?event ; rkg:sector/skos:notation ?sector .
} GROUP BY ?sector ORDER BY DESC(?actors)"""


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment over the package's templates, escaping every value."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("resilience_kg.server", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def root_of(request: Request) -> str:
    """The path the application is mounted at, with a trailing slash (``/`` or ``/rkg/``)."""
    return str(request.scope.get("root_path", "")).rstrip("/") + "/"


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> Response:
    """A page from ``template``, with the policy header and the shared context."""
    from starlette.responses import HTMLResponse

    text = environment().get_template(template).render(root=root_of(request), version=__version__, **context)
    return HTMLResponse(text, status_code=status, headers={"Content-Security-Policy": PAGE_POLICY,
                                                           "X-Content-Type-Options": "nosniff",
                                                           "Referrer-Policy": "same-origin", "Vary": "Accept"})


def public_origin(base_iri: str | None) -> str | None:
    """The origin of ``base_iri`` (``https://kg.example.org``), or None."""
    if not base_iri:
        return None
    parts = urlsplit(base_iri)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def base_path(base_iri: str | None) -> str:
    """The path prefix of ``base_iri`` without its trailing slash ('' for a root).

    >>> base_path("https://kg.example.org/rkg/"), base_path("https://kg.example.org"), base_path(None)
    ('/rkg', '', '')
    """
    return urlsplit(base_iri).path.rstrip("/") if base_iri else ""


COMPLETION = """
    SELECT ?ns ?term ?kind (SAMPLE(?en) AS ?l_en) (SAMPLE(?id) AS ?l_id) (SAMPLE(?any) AS ?l_any)
           (GROUP_CONCAT(DISTINCT ?name; separator=" | ") AS ?names) WHERE {
      { ?term a ?type . VALUES (?type ?kind) { (owl:Class "class") (rdfs:Class "class")
          (owl:ObjectProperty "property") (owl:DatatypeProperty "property") (rdf:Property "property") } }
      UNION { ?term ?labelled ?x . VALUES ?labelled { skos:prefLabel rdfs:label } FILTER(STRSTARTS(STR(?term), ?ns))
              BIND("entity" AS ?kind) }
      OPTIONAL { ?term skos:prefLabel|rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
      OPTIONAL { ?term skos:prefLabel|rdfs:label ?id FILTER(LANGMATCHES(LANG(?id), "id")) }
      OPTIONAL { ?term skos:prefLabel|rdfs:label ?any }
      OPTIONAL { ?term skos:prefLabel|rdfs:label|skos:altLabel|rkg:expansion ?name }
      FILTER(isIRI(?term))
    } GROUP BY ?ns ?term ?kind ORDER BY ?kind ?term"""


async def completion_terms(run: Executor) -> dict[str, Any]:
    """What the editor completes: prefixes, keywords, and every class, property and labelled
    entity as a prefixed name with its label (English, else Indonesian, else any), and ``search``:
    all its labels, acronyms and expansions in every language, for completion to match. Asked
    through the executor, under the deadline."""
    import anyio
    import pyoxigraph as ox

    rows = await run.select(COMPLETION, ns=ox.Literal(v.ID))
    return await anyio.to_thread.run_sync(lambda: _completion(rows))


def _completion(rows: list[Row]) -> dict[str, Any]:
    terms: list[dict[str, str]] = []
    seen: set[str] = set()
    entities = 0
    for row in rows:
        iri = row["term"].value
        kind = row["kind"].value
        if iri in seen or (kind == "entity" and entities >= MAX_ENTITIES):
            continue
        seen.add(iri)
        entities += kind == "entity"
        label = next((row[k].value for k in ("l_en", "l_id", "l_any") if row[k] is not None), "")
        # Every label and acronym in either language, for completion to search ("dinas", "Palang").
        names = " | ".join(dict.fromkeys(row["names"].value.split(" | "))) if row["names"] is not None else label
        terms.append({"name": v.shorten(iri), "iri": iri, "kind": kind, "label": label, "search": names})
    return {"prefixes": v.PREFIXES, "keywords": list(KEYWORDS), "terms": terms,
            "pages": {v.ID: "id/", v.RKG: "ontology/"}}


def named_queries() -> list[dict[str, str]]:
    """The bundled queries, for the picker."""
    from resilience_kg.sparql.named import list_queries

    return [{"name": q.name, "title": q.title, "text": q.text} for q in list_queries()]


def page_routes(run: Executor) -> list[BaseRoute]:
    """``/`` (the page), ``/static/`` (its script and style) and the JSON it reads (the terms
    asked once through ``run``)."""
    from starlette.responses import JSONResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    cached: dict[str, Any] = {}

    async def home(request: Request) -> Response:
        text = request.query_params.get("query") or EXAMPLE
        return render(request, "query.html", text=text)

    async def terms(request: Request) -> Response:
        if "terms" not in cached:  # the graph is read-only: list it once
            cached["terms"] = await completion_terms(run)
        return JSONResponse(cached["terms"], headers={"Cache-Control": "max-age=300"})

    async def queries(request: Request) -> Response:
        return JSONResponse(named_queries(), headers={"Cache-Control": "max-age=300"})

    static = StaticFiles(packages=[("resilience_kg.server", "static")])
    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/api/terms", terms, methods=["GET"]),
        Route("/api/queries", queries, methods=["GET"]),
        Mount("/static", app=static, name="static"),
    ]
