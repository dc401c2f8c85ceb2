"""Entity and term pages on a real ``serve``: content negotiation with clients we did not write
(rdflib reading the Turtle and the JSON-LD, curl in a subprocess, SPARQLWrapper finding the IRIs
to follow), the concise bounded description with its provenance, ``--base-iri``, percent-encoded
slugs, and untrusted labels escaped in the HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from helpers import IN_CI, extra, write
from helpers.servers import Served, serve
from SPARQLWrapper import JSON, SPARQLWrapper

from resilience_kg import vocab as v
from resilience_kg.graph.dataset import KnowledgeGraph

httpx = extra("httpx", extra="client")

pytestmark = pytest.mark.server

BPBD = v.ID + "bpbd"
HOSTILE_LABEL = '<script>alert("x")</script> & <b>Co</b>'
HOSTILE_TURTLE = HOSTILE_LABEL.replace('"', '\\"')
ENCODED_SLUG = "caf%C3%A9-%3Cb%3E"  # an IRI as mint() writes it for the slug 'café-<b>'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("linked")
    extra = write(folder / "extra.ttl", f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rkg: <https://w3id.org/resilience-kg/ontology#> .
<{v.ID}{ENCODED_SLUG}> a rkg:Actor ; skos:prefLabel "{HOSTILE_TURTLE}"@en ;
    rkg:participatedIn <{v.ID}joint-workshop-2019> ;
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(1)> .
""")
    with serve("--data", str(extra), log_dir=folder) as running:
        yield running


def curl(*args: str) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("curl")
    if exe is None:
        if IN_CI:
            pytest.fail("curl is required under CI=true")
        pytest.skip("curl is not installed")
    return subprocess.run([exe, "-s", "--max-time", "30", *args], capture_output=True, check=True, timeout=60)


def served_path(served: Served, iri: str) -> str:
    assert iri.startswith(v.ID)
    return f"{served.base}/id/{iri[len(v.ID):]}"


# ---------------------------------------------------------------- rdflib


def test_rdflib_reads_the_turtle_description_with_provenance(served: Served) -> None:
    g = rdflib.Graph()
    g.parse(served_path(served, BPBD), format="turtle")
    me = rdflib.URIRef(BPBD)
    skos, rkg, oa = rdflib.Namespace(v.SKOS), rdflib.Namespace(v.RKG), rdflib.Namespace(v.OA)
    assert (me, skos.prefLabel, rdflib.Literal("BPBD", lang="id")) in g
    assert (me, skos.prefLabel, rdflib.Literal("Regional Disaster Management Agency", lang="en")) in g
    assert (me, rkg.sector, rdflib.URIRef(v.ID + "sector-government")) in g
    # Provenance: statements about bpbd, each with the quote that is its evidence and the source.
    statements = set(g.subjects(rdflib.RDF.subject, me))
    assert statements
    quotes = {q for s in statements for q in g.objects(s, rkg.evidence)}
    assert quotes
    for q in quotes:
        exact = g.value(q, oa.exact)
        assert exact is not None and str(exact)
        assert g.value(q, rdflib.URIRef(v.DCTERMS + "source")) is not None
    # Bounded: nothing about other actors' own triples.
    assert (rdflib.URIRef(v.ID + "bappeda"), skos.prefLabel, None) not in g


def test_rdflib_reads_the_same_graph_as_json_ld_with_a_local_context(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        response = http.get(served_path(served, BPBD), headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    context = document["@context"]
    assert isinstance(context, dict), "the context must be inline, never a URL"
    assert "@import" not in context and all(isinstance(ns, str) for ns in context.values())
    assert context["rkg"] == v.RKG and context["id"] == v.ID
    with warnings.catch_warnings():
        # rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        as_jsonld = rdflib.Graph().parse(data=response.text, format="json-ld")
    as_turtle = rdflib.Graph().parse(served_path(served, BPBD), format="turtle")
    assert len(as_jsonld) == len(as_turtle) > 20
    assert set(as_jsonld) == set(as_turtle)


# ---------------------------------------------------------------- curl


@pytest.mark.parametrize(("accept", "media", "syntax"), [
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    (None, "text/turtle", ox.RdfFormat.TURTLE),  # curl's own */*
])
def test_curl_negotiates_the_description(served: Served, kg: KnowledgeGraph, accept: str | None, media: str,
                                         syntax: ox.RdfFormat) -> None:
    args = ["-D", "-"] + (["-H", f"Accept: {accept}"] if accept else []) + [served_path(served, BPBD)]
    out = curl(*args).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    assert re.search(rb"(?im)^content-type: " + re.escape(media.encode()), head), head
    assert re.search(rb"(?im)^vary: accept", head)
    triples = {q.triple for q in ox.parse(body, format=syntax)}
    own = {t for t in triples if t.subject == ox.NamedNode(BPBD)}
    local = {q.triple for q in kg.store.quads_for_pattern(ox.NamedNode(BPBD), None, None)}
    assert own == local


def test_curl_gets_the_page_for_html_and_406_for_nothing_we_offer(served: Served) -> None:
    page = curl("-H", "Accept: text/html", served_path(served, BPBD)).stdout.decode()
    # Indonesian first (the language of the bundled report): the full name, the acronym beside it.
    assert '<h1 lang="id">Badan Penanggulangan Bencana Daerah <span class="acronym">(BPBD)</span></h1>' in page
    assert '<p class="other-lang" lang="en">Regional Disaster Management Agency</p>' in page
    code = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Accept: image/png", served_path(served, BPBD))
    assert code.stdout == b"406"
    for path in ("/id/no-such-thing", "/id/bad%ZZ", "/id/bad%", "/id/a%00b", "/ontology/NoSuchTerm", "/id/"):
        missing = curl("-o", "/dev/null", "-w", "%{http_code}", served.base + path)
        assert missing.stdout == b"404", path


# ---------------------------------------------------------------- SPARQLWrapper finds, we follow


def test_iris_found_with_sparqlwrapper_dereference(served: Served) -> None:
    client = SPARQLWrapper(served.url)
    client.setQuery("SELECT ?p ?label WHERE { ?p a rkg:Pillar ; skos:prefLabel ?label FILTER(LANG(?label) = 'id') }")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert len(rows) == 3
    for row in rows:
        iri, label = row["p"]["value"], row["label"]["value"]
        g = rdflib.Graph().parse(served_path(served, iri), format="turtle")
        assert (rdflib.URIRef(iri), rdflib.URIRef(v.SKOS + "prefLabel"), rdflib.Literal(label, lang="id")) in g


# ---------------------------------------------------------------- pages


def test_entity_page_shows_labels_sector_pillars_links_and_evidence(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        response = http.get(served_path(served, BPBD), headers={"Accept": "text/html"})
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page = response.text
    assert 'lang="en">Regional Disaster Management Agency' in page and 'lang="id">BPBD' in page
    assert 'href="/id/sector-government"' in page
    assert 'href="/id/pemprov-dki-jakarta"' in page  # the parent
    pillars = page.split("<h2>Pillars</h2>", 1)[1].split("</table>", 1)[0]
    assert "Jakarta SIAP" in pillars and "mandate" in pillars
    assert 'href="/id/joint-workshop-2019"' in page  # the event
    assert "<h2>Evidence</h2>" in page and "<mark>" in page
    refs = set(re.findall(r'<a href="#(quote-\d+)" class="quote-ref">', page))
    assert refs and all(f'id="{anchor}"' in page for anchor in refs)  # every statement's quote is on the page
    assert '<svg class="neighbourhood"' in page


def test_untrusted_labels_and_encoded_slugs(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        page = http.get(f"{served.base}/id/{ENCODED_SLUG}", headers={"Accept": "text/html"})
        turtle = http.get(f"{served.base}/id/{ENCODED_SLUG}", headers={"Accept": "text/turtle"})
        event = http.get(served.base + "/id/joint-workshop-2019", headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text
    assert "<script>" not in page.text and "<b>Co</b>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert 'href="javascript:' not in page.text.lower() and "javascript:alert(1)" in page.text
    subjects = {t.subject for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    assert ox.NamedNode(v.ID + ENCODED_SLUG) in subjects
    # The event links back to the entity by its encoded path, and shows its label as text.
    assert f'href="/id/{ENCODED_SLUG}"' in event.text
    assert "<script>alert" not in event.text


def test_term_page_has_definitions_domain_range_and_counts(served: Served, kg: KnowledgeGraph) -> None:
    with httpx.Client(timeout=30.0) as http:
        page = http.get(served.base + "/ontology/worksOn", headers={"Accept": "text/html"}).text
        cls = http.get(served.base + "/ontology/Actor", headers={"Accept": "text/html"}).text
        whole = http.get(served.base + "/ontology", headers={"Accept": "text/turtle"})
    assert 'lang="en">The actor has a mandate' in page and 'lang="id">Aktor memiliki mandat' in page
    assert '<td class="domain"><a href="/ontology/Actor">rkg:Actor</a>' in page
    assert '<td class="range"><a href="/ontology/Issue">rkg:Issue</a>' in page
    uses = sum(1 for q in kg.store.quads_for_pattern(None, ox.NamedNode(v.RKG + "worksOn"), None)
               if q.graph_name != ox.NamedNode(v.ONTOLOGY_GRAPH))
    assert f'id="as-predicate">{uses}<' in page
    actors = len({q.subject for q in kg.store.quads_for_pattern(None, ox.NamedNode(v.RDF + "type"),
                                                                 ox.NamedNode(v.RKG + "Actor"))})
    assert f'id="instances">{actors + 1}<' in cls  # the bundled actors and the test's own
    assert whole.headers["content-type"].startswith("text/turtle")
    assert ox.Triple(ox.NamedNode(v.RKG + "worksOn"), ox.NamedNode(v.RDFS + "domain"), ox.NamedNode(v.RKG + "Actor")) \
        in {q.triple for q in ox.parse(whole.content, format=ox.RdfFormat.TURTLE)}


def test_base_iri_answers_for_the_public_addresses(tmp_path: Path) -> None:
    with serve("--base-iri", "https://kg.example.org/rkg/", log_dir=tmp_path) as running, \
            httpx.Client(timeout=30.0) as http:
        public = {"Host": "kg.example.org"}
        turtle = http.get(running.base + "/rkg/id/bpbd", headers={**public, "Accept": "text/turtle"})
        assert turtle.status_code == 200, turtle.text
        assert ox.NamedNode(BPBD) in {t.subject for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
        page = http.get(running.base + "/rkg/id/bpbd", headers={**public, "Accept": "text/html"}).text
        assert 'href="/rkg/id/sector-government"' in page
        assert 'href="/rkg/static/style.css"' in page
        # The public origin is the server's own; the query endpoint under the prefix answers it.
        ours = http.post(running.base + "/rkg/sparql", data={"query": "ASK {}"},
                         headers={**public, "Origin": "https://kg.example.org"})
        assert ours.status_code == 200 and ours.json()["boolean"] is True
        other = http.get(running.base + "/rkg/id/bpbd", headers={"Host": "evil.example"})
        assert other.status_code == 403


# ---------------------------------------------------------------- for people browsing (issue 23, §6)


def test_the_neighbourhood_draws_entities_not_values(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        page = http.get(served_path(served, BPBD), headers={"Accept": "text/html"}).text
    drawing = page.split('<svg class="neighbourhood"', 1)[1].split("</svg>", 1)[0]
    drawn = set(re.findall(r'<a href="/id/([^"]+)">', drawing))
    assert {"pemprov-dki-jakarta", "joint-workshop-2019", "issue-early-warning-system"} <= drawn  # parent, event, issue
    assert not {d for d in drawn if d.startswith(("confidence-", "sector-"))}, drawn  # values, in the tables
    assert 'href="/id/confidence-well-attested"' in page.split('<svg class="neighbourhood"', 1)[1]  # still linked


def test_other_formats_are_links_a_person_can_follow(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        page = http.get(served_path(served, BPBD), headers={"Accept": "text/html"}).text
        links = re.findall(r'<a href="(/id/bpbd\?format=(\w+))"', page)
        assert [f for _, f in links] == ["turtle", "jsonld", "nt", "xml"]
        for href, fmt in links:
            answer = http.get(served.base + href, headers={"Accept": "text/html"})  # the link wins over Accept
            assert answer.status_code == 200 and answer.headers["content-type"].startswith(
                {"turtle": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "xml": "application/rdf+xml"}[fmt])
        bad = http.get(served_path(served, BPBD) + "?format=pdf")
        assert bad.status_code == 400 and "use html, turtle, jsonld, nt, xml" in bad.text
    assert "<code>?format=</code> takes" in page


def test_an_unknown_iri_gets_a_page_with_the_nearest_ones_and_a_search_box(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        page = http.get(served.base + "/id/bpdb", headers={"Accept": "text/html"})
        plain = http.get(served.base + "/id/bpdb", headers={"Accept": "text/turtle"})
        found = http.get(served.base + "/id/", params={"q": "Palang"}, headers={"Accept": "text/html"})
        hostile = http.get(served.base + "/id/", params={"q": "<script>x</script>"}, headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Nothing in this graph is called <code>/id/bpdb</code>" in page.text
    suggestions = page.text.split('id="suggestions"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="/id/bpbd">' in suggestions
    assert '<form method="get" action="/id/" role="search"' in page.text
    assert 'name="q" value="bpdb"' in page.text
    assert plain.status_code == 404 and plain.headers["content-type"].startswith("text/plain")
    assert found.status_code == 200
    assert '<a href="/id/pmi">Indonesian Red Cross</a>' in found.text  # by its Indonesian name
    assert "<script>x" not in hostile.text and "&lt;script&gt;x" in hostile.text


def test_term_pages_show_examples_and_link_to_every_use(served: Served) -> None:
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    with httpx.Client(timeout=30.0) as http:
        prop = http.get(served.base + "/ontology/worksOn", headers={"Accept": "text/html"}).text
        cls = http.get(served.base + "/ontology/Pillar", headers={"Accept": "text/html"}).text
        examples = prop.split('id="examples"', 1)[1].split("</ul>", 1)[0]
        assert '<a href="/id/bpbd">Regional Disaster Management Agency</a> <a href="/ontology/worksOn">' in examples
        assert 0 < examples.count("<li>") <= 6
        assert '<a href="/id/jakarta-siap">' in cls.split('id="examples"', 1)[1]
        href = unescape(re.search(r'<a id="all-uses" href="([^"]+)"', prop).group(1))  # type: ignore[union-attr]
        query = parse_qs(urlsplit(href).query)["query"][0]
        assert query == "SELECT ?subject ?object WHERE {\n  ?subject rkg:worksOn ?object\n} ORDER BY ?subject ?object"
        opened = http.get(served.base + href, headers={"Accept": "text/html"}).text
        assert "?subject rkg:worksOn ?object" in unescape(opened)  # the query page opens with it
        rows = http.post(served.base + "/sparql", data={"query": query},
                         headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    uses = int(re.search(r'id="as-predicate">(\d+)<', prop).group(1))  # type: ignore[union-attr]
    assert len(rows) == uses


def test_every_page_names_a_favicon_that_is_served(served: Served) -> None:
    with httpx.Client(timeout=30.0) as http:
        for path in ("/id/bpbd", "/ontology", "/ontology/Actor", "/id/bpdb"):
            page = http.get(served.base + path, headers={"Accept": "text/html"}).text
            assert '<link rel="icon" type="image/svg+xml" href="/static/favicon.svg">' in page, path
        icon = http.get(served.base + "/static/favicon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")
