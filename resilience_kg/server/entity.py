"""Linked Data: every IRI under ``id:`` and the ontology namespace dereferences on the server.

- ``/id/REST`` stands for ``https://w3id.org/resilience-kg/id/REST`` (the path as sent, so a
  percent-encoded slug keeps its encoding), ``/ontology/NAME`` for ``rkg:NAME``, ``/ontology``
  for the ontology itself.
- A browser (``Accept: text/html``) gets a page: labels in both languages, sector and parent,
  pillars with strength and basis, the other links (events, sessions, roles), the statements
  about the entity with their evidence quotes and sources, and a small neighbourhood drawing.
  An ontology term gets its definitions, domain and range, and how often the graph uses it.
- Turtle, JSON-LD (with its context inline, never a remote one), N-Triples and RDF/XML clients
  get the concise bounded description, with the statement-level provenance and the quotes.

Every query binds the IRI as a value (``substitutions``); nothing is pasted into SPARQL text.
Every query runs through the server's one seam (:class:`resilience_kg.server.executor.Executor`),
in a query process stopped at the deadline: a page whose queries run past ``--timeout`` gets
the 503 the query page gets.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from resilience_kg import vocab as v
from resilience_kg.server.negotiation import DOCUMENT_TYPES, choose_document

if TYPE_CHECKING:
    import pyoxigraph as ox
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from resilience_kg.analysis.pillar_links import PillarLink
    from resilience_kg.graph.dataset import KnowledgeGraph
    from resilience_kg.server.executor import Executor, Row

#: The most triples one description carries: a bound on the answer, whatever the graph holds.
MAX_TRIPLES = 5000
#: The most neighbours drawn around an entity.
MAX_NEIGHBOURS = 16
MEDIA = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json", "nt": "application/n-triples",
         "xml": "application/rdf+xml"}
#: ``?format=`` values and what a page calls them.
FORMAT_NAMES = {"html": "HTML", "turtle": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "xml": "RDF/XML"}

# The concise bounded description: the entity's own triples (and those of blank nodes it
# points to), plus provenance: each statement about it and the quote that is its evidence.
DESCRIBE = """
CONSTRUCT { ?e ?p ?o . ?o ?bp ?bo . ?st ?sp ?so . ?q ?qp ?qo }
WHERE {
  { ?e ?p ?o OPTIONAL { ?o ?bp ?bo FILTER(isBlank(?o)) } }
  UNION { ?st rdf:subject ?e ; ?sp ?so }
  UNION { ?st rdf:subject ?e ; rkg:evidence ?q . ?q ?qp ?qo }
} LIMIT 5000"""
EXISTS = "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }"
OUTGOING = """
SELECT ?e ?p ?o (SAMPLE(?en) AS ?o_en) (SAMPLE(?id) AS ?o_id) WHERE {
  ?e ?p ?o FILTER(!isBlank(?o))
  OPTIONAL { ?o skos:prefLabel|rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?o skos:prefLabel|rdfs:label ?id FILTER(LANGMATCHES(LANG(?id), "id") || LANG(?id) = "") }
} GROUP BY ?e ?p ?o ORDER BY ?p ?o LIMIT 2000"""
INCOMING = """
SELECT ?e ?s ?p (SAMPLE(?en) AS ?s_en) (SAMPLE(?id) AS ?s_id) WHERE {
  ?s ?p ?e FILTER(?p != rdf:subject && ?p != rdf:object && ?p != rkg:measuredEntity)
  OPTIONAL { ?s skos:prefLabel|rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?s skos:prefLabel|rdfs:label ?id FILTER(LANGMATCHES(LANG(?id), "id") || LANG(?id) = "") }
} GROUP BY ?e ?s ?p ORDER BY ?p ?s LIMIT 2000"""
STATEMENTS = """
SELECT ?e ?st ?kind ?p ?o ?graph ?confidence ?basis ?recorded ?q ?exact ?prefix ?suffix ?source ?title WHERE {
  ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ; a ?kind .
  FILTER(?kind IN (rkg:ReportedStatement, rkg:CuratedStatement))
  OPTIONAL { ?st rkg:inGraph ?graph }
  OPTIONAL { ?st rkg:confidence/skos:notation ?confidence }
  OPTIONAL { ?st rkg:basis ?basis }
  OPTIONAL { ?st rkg:recordedIn ?recorded }
  OPTIONAL { ?st rkg:evidence ?q . ?q oa:exact ?exact
             OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix }
             OPTIONAL { ?q dcterms:source ?source OPTIONAL { ?source dcterms:title ?title
                        FILTER(LANGMATCHES(LANG(?title), "en") || LANG(?title) = "") } } }
} ORDER BY ?p ?o ?st LIMIT 2000"""
TERM_COUNTS = """
SELECT ?t ?ontology
  (SUM(IF(?how = "predicate", 1, 0)) AS ?as_predicate)
  (SUM(IF(?how = "instance", 1, 0)) AS ?instances)
  (SUM(IF(?how = "object", 1, 0)) AS ?as_object) WHERE {
  { GRAPH ?g { ?s ?t ?o } FILTER(?g != ?ontology) BIND("predicate" AS ?how) }
  UNION { GRAPH ?g { ?s a ?t } FILTER(?g != ?ontology) BIND("instance" AS ?how) }
  UNION { GRAPH ?g { ?s ?p ?t } FILTER(?g != ?ontology && ?p NOT IN (rdf:type, rdf:predicate)) BIND("object" AS ?how) }
} GROUP BY ?t ?ontology"""
ONTOLOGY_TERMS = """
SELECT ?ns ?term ?kind (SAMPLE(?en) AS ?label_en) (SAMPLE(?id) AS ?label_id) WHERE {
  ?term a ?type . VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "property")
                                         (owl:DatatypeProperty "property") }
  FILTER(STRSTARTS(STR(?term), ?ns))
  OPTIONAL { ?term rdfs:label|skos:prefLabel ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?term rdfs:label|skos:prefLabel ?id FILTER(LANGMATCHES(LANG(?id), "id")) }
} GROUP BY ?ns ?term ?kind ORDER BY ?kind ?term"""

# A few uses of a term, with labels, outside the ontology graph: its instances (a class) or the
# triples it is the predicate of (a property).
EXAMPLE_INSTANCES = """
SELECT ?t ?ontology ?s (SAMPLE(?l) AS ?label) WHERE {
  GRAPH ?g { ?s a ?t } FILTER(?g != ?ontology)
  OPTIONAL { ?s skos:prefLabel|rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "en") || LANG(?l) = "") }
} GROUP BY ?t ?ontology ?s ORDER BY ?s LIMIT 6"""
EXAMPLE_TRIPLES = """
SELECT ?t ?ontology ?s ?o (SAMPLE(?sl) AS ?s_label) (SAMPLE(?ol) AS ?o_label) WHERE {
  GRAPH ?g { ?s ?t ?o } FILTER(?g != ?ontology)
  OPTIONAL { ?s skos:prefLabel|rdfs:label ?sl FILTER(LANGMATCHES(LANG(?sl), "en") || LANG(?sl) = "") }
  OPTIONAL { ?o skos:prefLabel|rdfs:label ?ol FILTER(LANGMATCHES(LANG(?ol), "en") || LANG(?ol) = "") }
} GROUP BY ?t ?ontology ?s ?o ORDER BY ?s ?o LIMIT 6"""
# Every triple of one named graph (the ontology's, as a document).
WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
# The terms of the controlled vocabularies (sectors, confidence levels, statuses): values that
# describe an entity, not entities to draw around it.
CONCEPTS = "SELECT DISTINCT ?c WHERE { ?c skos:inScheme ?scheme }"
# Every name of every entity, for the nearest-IRI suggestions of a page not found.
NAMES = """
SELECT ?ns ?e ?name WHERE {
  ?e skos:prefLabel|skos:altLabel|rdfs:label|rkg:expansion ?name FILTER(STRSTARTS(STR(?e), ?ns))
}"""

LABEL = v.SKOS + "prefLabel"
ALT = v.SKOS + "altLabel"
RDFS_LABEL = v.RDFS + "label"
DEFINITION = v.SKOS + "definition"
COMMENT = v.RDFS + "comment"
TYPE = v.RDF + "type"
SECTOR = v.RKG + "sector"
PARENT = v.ORG + "subOrganizationOf"
DOMAIN = v.RDFS + "domain"
RANGE = v.RDFS + "range"
SUBCLASS = v.RDFS + "subClassOf"


def _term(value: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(value)


async def exists(run: Executor, iri: str, deadline: float) -> bool:
    """True if the graph mentions ``iri`` as a subject or an object."""
    return await run.ask(EXISTS, deadline=deadline, e=_term(iri))


async def description(run: Executor, iri: str, deadline: float) -> list[ox.Triple]:
    """The concise bounded description of ``iri`` with its provenance (see :func:`bounded`)."""
    return await run.construct(DESCRIBE, deadline=deadline, e=_term(iri))


def bounded(triples: list[ox.Triple]) -> list[ox.Triple]:
    """``triples`` without repeats, sorted, at most :data:`MAX_TRIPLES`."""
    return sorted(set(triples), key=str)[:MAX_TRIPLES]


def serialize(triples: list[ox.Triple], fmt: str) -> bytes:
    """``triples`` in ``fmt`` (``turtle``, ``nt``, ``xml``, ``jsonld``); JSON-LD carries our
    prefixes as its own inline ``@context``, so no client ever fetches a context."""
    import pyoxigraph as ox

    if fmt == "jsonld":
        expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
        return json.dumps({"@context": dict(v.PREFIXES), "@graph": expanded}, ensure_ascii=False,
                          indent=1).encode("utf-8")
    syntax = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[fmt]
    prefixes = dict(v.PREFIXES) if fmt in ("turtle", "xml") else None
    return ox.serialize(triples, format=syntax, prefixes=prefixes) or b""


# ---------------------------------------------------------------- what the pages show


@dataclass
class Link:
    """One end of a link: an IRI, or a literal value, with what a reader sees."""

    iri: str | None
    text: str
    lang: str = ""


@dataclass
class Statement:
    kind: str  # reported or curated
    predicate: str
    object: Link
    graph: str
    confidence: str
    basis: str
    recorded: str
    quote: str | None  # the anchor of its evidence quote on the page


@dataclass
class Quote:
    anchor: str  # the id of its place on the page
    iri: str
    exact: str
    prefix: str
    suffix: str
    source: str | None
    title: str


@dataclass
class Node:
    iri: str
    text: str
    x: float
    y: float
    predicate: str
    incoming: bool


@dataclass
class EntityView:
    iri: str
    labels: dict[str, list[str]] = field(default_factory=dict)  # language -> labels
    alt: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    sector: list[Link] = field(default_factory=list)
    parent: list[Link] = field(default_factory=list)
    values: list[tuple[str, Link]] = field(default_factory=list)  # other literal properties
    outgoing: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    pillars: list[PillarLink] = field(default_factory=list)
    pillar_names: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    neighbours: list[Node] = field(default_factory=list)
    lang: str = "en"  # the language the page names things in first

    def name_in(self, lang: str) -> str:
        """The full name in ``lang``: an Indonesian label that is only the acronym gives way to
        the expansion (BPBD: Badan Penanggulangan Bencana Daerah)."""
        label = (self.labels.get(lang) or [""])[0]
        expansion = next((lk.text for p, lk in self.values if p == v.RKG + "expansion"), "")
        if lang == "id" and expansion and (not label or label in self.alt):
            return expansion
        return label

    @property
    def acronym(self) -> str:
        """The acronym shown beside the name, if the entity has one that is not its name."""
        return next((a for a in self.alt if a != self.title and " " not in a), "")

    @property
    def title(self) -> str:
        for lang in (self.lang, "en" if self.lang == "id" else "id", ""):
            name = self.name_in(lang)
            if name:
                return name
        return v.shorten(self.iri)

    @property
    def other_name(self) -> str:
        """The name in the other language, shown under the title."""
        name = self.name_in("en" if self.lang == "id" else "id")
        return "" if name == self.title else name


def _link(term: Any, en: Any = None, other: Any = None) -> Link:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        text = (en.value if en is not None else None) or (other.value if other is not None else None)
        return Link(term.value, text or v.shorten(term.value))
    if isinstance(term, ox.Literal):
        return Link(None, term.value, term.language or "")
    return Link(None, str(term))


def _layout(view: EntityView, concepts: frozenset[str] = frozenset()) -> list[Node]:
    """Neighbours under ``id:`` on a circle around the entity: entities only (statements, quotes
    and sources are left to their own sections, and the ``concepts`` of the controlled
    vocabularies, such as a confidence level, are values, shown in the tables)."""
    picked: list[tuple[str, Link, bool]] = []
    seen: set[str] = set()
    own = {**({PARENT: view.parent} if view.parent else {}), **view.outgoing}
    for incoming, table in ((False, own), (True, view.incoming)):
        for predicate, links in table.items():
            for link in links:
                if (link.iri and link.iri.startswith(v.ID) and link.iri not in seen and link.iri != view.iri
                        and link.iri not in concepts
                        and not link.iri.startswith((v.ID + "statement/", v.ID + "quote/"))):
                    seen.add(link.iri)
                    picked.append((predicate, link, incoming))
    picked = picked[:MAX_NEIGHBOURS]
    nodes = []
    for i, (predicate, link, incoming) in enumerate(picked):
        angle = 2 * math.pi * i / max(1, len(picked)) - math.pi / 2
        nodes.append(Node(link.iri or "", link.text, round(300 + 210 * math.cos(angle), 1),
                          round(190 + 150 * math.sin(angle), 1), predicate, incoming))
    return nodes


class Pillars:
    """The pillar-link table of the graph, computed once (the served graph is read-only)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        import threading

        self.kg = kg
        self._links: dict[str, list[PillarLink]] | None = None
        self._names: dict[str, str] = {}
        self._lock = threading.Lock()  # pages render in worker threads: build the table once

    def of(self, iri: str) -> tuple[list[PillarLink], dict[str, str]]:
        with self._lock:
            return self._of(iri)

    def _of(self, iri: str) -> tuple[list[PillarLink], dict[str, str]]:
        if self._links is None:
            from resilience_kg.analysis.pillar_links import display_name, pillar_links
            from resilience_kg.analysis.projection import node_id, pillars, project

            g = project(self.kg)
            table: dict[str, list[PillarLink]] = defaultdict(list)
            for link in pillar_links(g):
                table[link.actor].append(link)
            self._names = {p: display_name(g, p) for p in pillars(g)}
            self._links = dict(table)
            self._node_id = node_id
        return self._links.get(self._node_id(iri), []), self._names


class Index:
    """What the pages look up across the whole graph, read once through the executor (the
    served graph is read-only): the sources' language, the controlled vocabularies' concepts,
    and every entity's names for suggestions. Each is asked under the deadline of the request
    that first needs it; two requests at once may both ask, and either answer is the same."""

    def __init__(self, run: Executor) -> None:
        self.run = run
        self._concepts: frozenset[str] | None = None
        self._names: list[tuple[str, str]] | None = None  # (folded name, IRI)
        self._lang: str | None = None

    async def language(self, deadline: float) -> str:
        """The language of the sources, which the pages name things in first."""
        if self._lang is None:
            from resilience_kg.views.names import DATASET_LANGUAGE, most_common_language

            rows = await self.run.select(DATASET_LANGUAGE, deadline=deadline)
            self._lang = most_common_language(r["l"].value for r in rows)
        return self._lang

    async def concepts(self, deadline: float) -> frozenset[str]:
        if self._concepts is None:
            self._concepts = frozenset(r["c"].value for r in await self.run.select(CONCEPTS, deadline=deadline))
        return self._concepts

    async def nearest(self, text: str, deadline: float, *, n: int = 8) -> list[str]:
        """The IRIs whose id, label, acronym or expansion is nearest to ``text``: those that
        contain it first, then the closest by spelling."""
        import anyio

        if self._names is None:
            rows = await self.run.select(NAMES, deadline=deadline, ns=_literal(v.ID))
            pairs = {(r["name"].value.casefold(), r["e"].value) for r in rows}
            # The id itself is a name too: /id/bpdb should find /id/bpbd.
            pairs |= {(iri[len(v.ID):].casefold(), iri) for _, iri in list(pairs)}
            self._names = sorted(pairs)
        names = self._names
        return await anyio.to_thread.run_sync(lambda: _nearest(names, text, n))


def _nearest(names: list[tuple[str, str]], text: str, n: int) -> list[str]:
    import difflib

    wanted = unquote(text).strip().casefold()
    if not wanted:
        return []
    found: list[str] = []
    for name, iri in names:
        if wanted in name and iri not in found:
            found.append(iri)
    by_name = {name: iri for name, iri in names}
    for name in difflib.get_close_matches(wanted, list(by_name), n=n * 2, cutoff=0.6):
        if by_name[name] not in found:
            found.append(by_name[name])
    return found[:n]


LABELLED = ("SELECT ?e (SAMPLE(?l) AS ?label) WHERE { ?e skos:prefLabel|rdfs:label ?l "
            "FILTER(LANGMATCHES(LANG(?l), 'en') || LANG(?l) = '') } GROUP BY ?e")


async def suggestions(run: Executor, iris: list[str], deadline: float) -> list[Link]:
    """The IRIs as links with their English label (else any label)."""
    out = []
    for iri in iris:
        rows = await run.select(LABELLED, deadline=deadline, e=_term(iri))
        label = rows[0]["label"].value if rows and rows[0]["label"] is not None else v.shorten(iri)
        out.append(Link(iri, label))
    return out


async def entity_view(
    run: Executor, iri: str, pillars: Pillars, index: Index, *, lang: str, deadline: float,
) -> EntityView:
    """Everything the entity page shows about ``iri``, naming it in ``lang`` first: three
    queries through the executor, then the view built from their rows on a thread."""
    import anyio

    e = _term(iri)
    outgoing = await run.select(OUTGOING, deadline=deadline, e=e)
    incoming = await run.select(INCOMING, deadline=deadline, e=e)
    statements = await run.select(STATEMENTS, deadline=deadline, e=e)
    concepts = await index.concepts(deadline)
    return await anyio.to_thread.run_sync(
        lambda: _entity_view(iri, lang, outgoing, incoming, statements, pillars, concepts))


def _entity_view(iri: str, lang: str, outgoing: list[Row], incoming: list[Row], statements: list[Row],
                 pillars: Pillars, concepts: frozenset[str]) -> EntityView:
    view = EntityView(iri, lang=lang)
    for row in outgoing:
        p = row["p"].value
        link = _link(row["o"], row["o_en"], row["o_id"])
        if p in (LABEL, RDFS_LABEL) and link.iri is None:
            view.labels.setdefault(link.lang, []).append(link.text)
        elif p == ALT and link.iri is None:
            view.alt.append(link.text)
        elif p == TYPE and link.iri:
            view.types.append(link.iri)
        elif p == SECTOR:
            view.sector.append(link)
        elif p == PARENT:
            view.parent.append(link)
        elif link.iri is None:
            view.values.append((p, link))
        else:
            view.outgoing.setdefault(p, []).append(link)
    for row in incoming:
        view.incoming.setdefault(row["p"].value, []).append(_link(row["s"], row["s_en"], row["s_id"]))
    quotes: dict[str, Quote] = {}
    for row in statements:
        q = row["q"]
        if q is not None and q.value not in quotes:
            quotes[q.value] = Quote(f"quote-{len(quotes) + 1}", q.value, row["exact"].value,
                                    row["prefix"].value if row["prefix"] else "",
                                    row["suffix"].value if row["suffix"] else "",
                                    row["source"].value if row["source"] else None,
                                    row["title"].value if row["title"] else "")
        kind = "curated" if row["kind"].value.endswith("CuratedStatement") else "reported"
        view.statements.append(Statement(
            kind, row["p"].value, _link(row["o"]), row["graph"].value.removeprefix(v.GRAPH) if row["graph"] else "",
            row["confidence"].value if row["confidence"] else "", row["basis"].value if row["basis"] else "",
            row["recorded"].value if row["recorded"] else "", quotes[q.value].anchor if q is not None else None))
    view.quotes = list(quotes.values())
    if v.RKG + "Actor" in view.types:
        # The pillar-link table is built from the whole graph once, in this process: its cost is
        # the graph's, not steered by a request (serve loads nothing a client sends).
        view.pillars, view.pillar_names = pillars.of(iri)
    view.neighbours = _layout(view, concepts)
    return view


@dataclass
class TermView:
    iri: str
    kind: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: list[str]
    domain: list[str]
    range: list[str]
    parents: list[str]
    instances: int
    as_predicate: int
    as_object: int
    examples: list[tuple[Link, ...]] = field(default_factory=list)  # a few uses: (instance,) or (s, o)

    @property
    def title(self) -> str:
        return self.labels.get("en") or self.labels.get("id") or v.shorten(self.iri)

    @property
    def uses_query(self) -> str:
        """A query listing every use of the term, for the query page."""
        name = v.shorten(self.iri)
        if self.kind == "class" or (self.instances and not self.as_predicate):
            return (f"SELECT ?instance ?label WHERE {{\n  ?instance a {name} .\n"
                    "  OPTIONAL { ?instance skos:prefLabel ?label }\n} ORDER BY ?instance")
        return f"SELECT ?subject ?object WHERE {{\n  ?subject {name} ?object\n}} ORDER BY ?subject ?object"


TERM = "SELECT ?t ?p ?o WHERE { ?t ?p ?o } ORDER BY ?p ?o"


async def term_view(run: Executor, iri: str, deadline: float) -> TermView:
    """What the term page shows about the ontology term ``iri``: its own statements, how often
    the graph uses it, and a few uses, each asked through the executor."""
    import anyio

    t = _term(iri)
    own = await run.select(TERM, deadline=deadline, t=t)
    ontology = _term(v.ONTOLOGY_GRAPH)
    counts = (await run.select(TERM_COUNTS, deadline=deadline, t=t, ontology=ontology))[0]
    view = await anyio.to_thread.run_sync(lambda: _term_view(iri, own, counts))
    if view.instances:
        rows = await run.select(EXAMPLE_INSTANCES, deadline=deadline, t=t, ontology=ontology)
        view.examples = [(_link(r["s"], r["label"]),) for r in rows]
    elif view.as_predicate:
        rows = await run.select(EXAMPLE_TRIPLES, deadline=deadline, t=t, ontology=ontology)
        view.examples = [(_link(r["s"], r["s_label"]), _link(r["o"], r["o_label"])) for r in rows]
    return view


def _term_view(iri: str, own: list[Row], counts: Row) -> TermView:
    import pyoxigraph as ox

    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    comments: list[str] = []
    domain: list[str] = []
    rng: list[str] = []
    parents: list[str] = []
    kind = "term"
    for row in own:
        p, o = row["p"].value, row["o"]
        lang = o.language or "" if isinstance(o, ox.Literal) else ""
        if p in (RDFS_LABEL, LABEL) and isinstance(o, ox.Literal):
            labels.setdefault(lang, o.value)
        elif p == DEFINITION and isinstance(o, ox.Literal):
            definitions.setdefault(lang, o.value)
        elif p == COMMENT and isinstance(o, ox.Literal):
            comments.append(o.value)
        elif p == DOMAIN and isinstance(o, ox.NamedNode):
            domain.append(o.value)
        elif p == RANGE and isinstance(o, ox.NamedNode):
            rng.append(o.value)
        elif p == SUBCLASS and isinstance(o, ox.NamedNode):
            parents.append(o.value)
        elif p == TYPE and isinstance(o, ox.NamedNode):
            if o.value == v.OWL + "Class":
                kind = "class"
            elif o.value in (v.OWL + "ObjectProperty", v.OWL + "DatatypeProperty"):
                kind = "property"

    def number(name: str) -> int:
        return int(counts[name].value) if counts[name] is not None else 0

    return TermView(iri, kind, labels, definitions, comments, domain, rng, parents, number("instances"),
                    number("as_predicate"), number("as_object"))


# ---------------------------------------------------------------- routes


def page_link(root: str, iri: str) -> str:
    """Where this server shows ``iri``: its entity or term page, else the IRI itself if it is a
    web address, else ``#`` (an IRI such as ``javascript:...`` from the data is never a link).

    >>> page_link("/", "https://w3id.org/resilience-kg/id/bpbd"), page_link("/x/", v.RKG + "Actor")
    ('/id/bpbd', '/x/ontology/Actor')
    >>> page_link("/", "https://schema.org/Person"), page_link("/", "javascript:alert(1)")
    ('https://schema.org/Person', '#')
    """
    if iri.startswith(v.ID):
        return root + "id/" + iri[len(v.ID):]
    if iri.startswith(v.RKG) and iri != v.RKG:
        return root + "ontology/" + iri[len(v.RKG):]
    if iri == v.ONTOLOGY_IRI:
        return root + "ontology"
    return iri if iri.lower().startswith(("http://", "https://")) else "#"


def _request_iri(request: Request, prefix: str, namespace: str) -> str | None:
    """The IRI a request path stands for, from the path as sent (percent-encoding kept), or
    None if it cannot name one of ours."""
    import pyoxigraph as ox

    try:
        raw = bytes(request.scope.get("raw_path") or request.url.path.encode()).decode("utf-8")
    except UnicodeDecodeError:
        return None
    raw = raw.split("?", 1)[0]
    root = str(request.scope.get("root_path", "")).rstrip("/")
    if root and raw.startswith(root):
        raw = raw[len(root):]
    if not raw.startswith(prefix):
        return None
    local = raw[len(prefix):]
    if not local or any(c in local for c in '<>"{}|\\^` #'):
        return None
    try:
        return ox.NamedNode(namespace + local).value
    except ValueError:  # a malformed percent-encoding or a control character
        return None


def entity_routes(run: Executor) -> list[BaseRoute]:
    """``/id/...``, ``/ontology`` and ``/ontology/NAME``, each asking the graph through ``run``
    under one deadline per request (a query that runs past it raises
    :class:`~resilience_kg.errors.QueryTimeout`, which the application answers with 503)."""
    import anyio
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from resilience_kg.server.page import render, root_of

    pillars = Pillars(run.kg)
    index = Index(run)

    def not_acceptable() -> Response:
        return PlainTextResponse("none of the Accept types is offered; try text/html, "
                                 + ", ".join(t for t in DOCUMENT_TYPES if t != "text/html") + "\n", status_code=406)

    def wanted_format(request: Request) -> str | None:
        """``?format=`` (a link a person can follow), else the Accept header."""
        asked = request.query_params.get("format")
        if asked is not None:
            return asked if asked == "html" or asked in MEDIA else "unknown"
        return choose_document(request.headers.get("accept"))

    def unknown_format(request: Request) -> Response:
        return PlainTextResponse(f"unknown format {request.query_params.get('format')!r}; use "
                                 + ", ".join(FORMAT_NAMES) + "\n", status_code=400)

    async def document(request: Request, iri: str, html: Any, deadline: float) -> Response:
        fmt = wanted_format(request)
        if fmt == "unknown":
            return unknown_format(request)
        if fmt is None:
            return not_acceptable()
        if fmt == "html":
            return await html()
        triples = await description(run, iri, deadline)
        body = await anyio.to_thread.run_sync(lambda: serialize(bounded(triples), fmt))
        return Response(body, media_type=MEDIA[fmt], headers={"Vary": "Accept", "Link": f'<{iri}>; rel="describes"'})

    def tools(request: Request) -> dict[str, Any]:
        root = root_of(request)
        return {"link": lambda iri: page_link(root, iri), "short": v.shorten, "formats": FORMAT_NAMES}

    async def not_found(request: Request, text: str, deadline: float, *, search: bool = False) -> Response:
        """A page in the site's frame for a browser (the nearest IRIs, a search box); one line of
        text for any other client."""
        if wanted_format(request) != "html":
            shown = unquote(request.url.path)
            return PlainTextResponse(f"nothing in this graph is called {shown!r}\n", status_code=404)
        found = await suggestions(run, await index.nearest(text, deadline), deadline)
        return render(request, "notfound.html", status=200 if search else 404, asked=unquote(request.url.path),
                      query=text, search=search, found=found, **tools(request))

    async def entity(request: Request) -> Response:
        deadline = run.deadline()  # every query of this page, together
        if request.path_params.get("rest", "") == "" and "q" in request.query_params:
            return await not_found(request, request.query_params["q"][:200], deadline, search=True)
        iri = _request_iri(request, "/id/", v.ID)
        if iri is None or not await exists(run, iri, deadline):
            return await not_found(request, unquote(str(request.path_params.get("rest", "")))[:200], deadline)

        async def html() -> Response:
            asked = request.query_params.get("lang")
            lang = asked if asked in ("id", "en") else await index.language(deadline)
            view = await entity_view(run, iri, pillars, index, lang=lang, deadline=deadline)
            return render(request, "entity.html", view=view, **tools(request))

        return await document(request, iri, html, deadline)

    async def term(request: Request) -> Response:
        deadline = run.deadline()
        iri = _request_iri(request, "/ontology/", v.RKG)
        if iri is None or not await exists(run, iri, deadline):
            return PlainTextResponse(f"the ontology has no term {request.path_params['name']!r}\n", status_code=404)

        async def html() -> Response:
            view = await term_view(run, iri, deadline)
            return render(request, "term.html", view=view, **tools(request))

        return await document(request, iri, html, deadline)

    async def ontology(request: Request) -> Response:
        fmt = wanted_format(request)
        if fmt == "unknown":
            return unknown_format(request)
        if fmt is None:
            return not_acceptable()
        deadline = run.deadline()
        if fmt != "html":
            triples = await run.construct(WHOLE_GRAPH, deadline=deadline, g=_term(v.ONTOLOGY_GRAPH))
            body = await anyio.to_thread.run_sync(lambda: serialize(sorted(set(triples), key=str), fmt))
            return Response(body, media_type=MEDIA[fmt], headers={"Vary": "Accept"})
        rows = await run.select(ONTOLOGY_TERMS, deadline=deadline, ns=_literal(v.RKG))
        terms = [{"iri": r["term"].value, "kind": r["kind"].value,
                  "en": r["label_en"].value if r["label_en"] else "",
                  "id": r["label_id"].value if r["label_id"] else ""} for r in rows]
        return render(request, "ontology.html", terms=terms, **tools(request))

    return [
        Route("/id/{rest:path}", entity, methods=["GET", "HEAD"]),
        Route("/ontology", ontology, methods=["GET", "HEAD"]),
        Route("/ontology/{name:path}", term, methods=["GET", "HEAD"]),
    ]


def _literal(text: str) -> Any:
    import pyoxigraph as ox

    return ox.Literal(text)
