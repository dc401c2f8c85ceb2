"""The query page and the entity pages in Chromium, against a real ``serve`` on loopback, with
every other request blocked: run with Ctrl+Enter, sort, chart, follow an IRI to its entity page,
download CSV and JSON, the permalink, the bundled-query picker, completion, the error position,
and a Content-Security-Policy that refuses inline script."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers.browser import PageLog, served_context, wait_until, watch
from helpers.servers import Recorder, Served, serve

from resilience_kg import vocab as v
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql.named import get_query
from resilience_kg.sparql.query import query

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.server]

WORKS_ON = """SELECT ?actor (COUNT(?issue) AS ?issues) WHERE {
  ?actor rkg:worksOn ?issue .
} GROUP BY ?actor"""
LINE_HEIGHT = 18  # the editor's line height in style.css


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve(log_dir=tmp_path_factory.mktemp("page")) as running:
        yield running


@pytest.fixture
def page(chromium: Browser, served: Served, log: PageLog) -> Iterator[Page]:
    context = served_context(chromium, log, served.base, accept_downloads=True)
    try:
        yield watch(context.new_page(), log)
    finally:
        context.close()


def open_query_page(page: Page, served: Served, path: str = "/") -> Page:
    page.goto(served.base + path)
    wait_until(page, "document.body.dataset.ready === 'true' && Number(document.body.dataset.terms) > 0"
                     " && Number(document.body.dataset.queries) > 0")
    return page


def run_with_ctrl_enter(page: Page, text: str) -> str:
    """Put ``text`` in the editor, press Ctrl+Enter, wait for the answer; the final state."""
    page.fill("#query", text)
    page.keyboard.press("Escape")  # close any completion list the typing opened
    page.focus("#query")
    page.keyboard.press("Control+Enter")
    wait_until(page, "['done', 'error'].includes(document.body.dataset.state)")
    return str(page.evaluate("document.body.dataset.state"))


def column(page: Page, index: int) -> list[str]:
    return list(page.eval_on_selector_all(f"#table tbody tr td:nth-child({index})",
                                          "cells => cells.map(c => c.textContent)"))


def test_run_sort_chart_follow_and_download(page: Page, served: Served, kg: KnowledgeGraph, log: PageLog,
                                            tmp_path: Path) -> None:
    local = query(kg, WORKS_ON)
    expected = {(str(r["actor"].value), int(r["issues"].value)) for r in local.rows}  # type: ignore[union-attr]
    assert len(expected) >= 5
    open_query_page(page, served)
    assert run_with_ctrl_enter(page, WORKS_ON) == "done"
    assert page.locator("#table tbody tr").count() == len(expected)
    # IRIs shown as prefixed names.
    assert all(name.startswith("id:") for name in column(page, 1))
    # Sort by the count, up then down.
    page.click("#table th:nth-child(2)")
    up = [int(x) for x in column(page, 2)]
    assert up == sorted(up)
    assert page.get_attribute("#table th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#table th:nth-child(2)")
    down = [int(x) for x in column(page, 2)]
    assert down == sorted(up, reverse=True)
    # A bar for each row, each as long as its count says.
    bars = page.eval_on_selector_all(
        "svg.chart rect", "rs => rs.map(r => [Number(r.getAttribute('width')), r.querySelector('title').textContent])")
    assert len(bars) == len(expected)
    assert len({round(width / int(title.rsplit(": ", 1)[1]), 2) for width, title in bars}) == 1
    # Download CSV: the same table, full IRIs.
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = tmp_path / "results.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows[0] == ["actor", "issues"]
    assert {(a, int(n)) for a, n in rows[1:]} == expected
    with page.expect_download() as download_json:
        page.click("#download-json")
    saved_json = tmp_path / "results.json"
    download_json.value.save_as(saved_json)
    data = json.loads(saved_json.read_text(encoding="utf-8"))
    assert data["head"]["vars"] == ["actor", "issues"] and len(data["results"]["bindings"]) == len(expected)
    # Follow the first actor's link to its entity page.
    first = page.locator("#table tbody tr:first-child td:first-child a")
    href = first.get_attribute("href")
    assert href is not None and href.startswith("/id/")
    iri = v.ID + href.removeprefix("/id/")
    first.click()
    page.wait_for_url(f"**{href}")
    label = next(str(r["l"].value) for r in query(  # type: ignore[union-attr]
        kg, f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l FILTER(LANG(?l) = 'en') }}").rows)
    assert page.inner_text(".other-lang") == label  # under the Indonesian name, the language of the data
    assert page.locator("svg.neighbourhood").count() == 1
    assert log.problems() == []


def test_permalink_carries_the_query(page: Page, served: Served, log: PageLog) -> None:
    open_query_page(page, served)
    text = "SELECT ?n WHERE {\n  ?p a rkg:Pillar ; skos:notation ?n\n} ORDER BY ?n"
    assert run_with_ctrl_enter(page, text) == "done"
    assert parse_qs(urlsplit(page.url).query)["query"] == [text]
    link = page.get_attribute("#permalink", "href")
    assert link is not None
    fresh = page.context.new_page()
    open_query_page(fresh, served, link)
    assert fresh.input_value("#query") == text
    assert column(page, 1) == ["SEHAT", "SIAP", "TERHUBUNG"]
    assert log.problems() == []


def test_iris_that_are_not_web_addresses_are_not_links(page: Page, served: Served, log: PageLog) -> None:
    open_query_page(page, served)
    text = 'SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <urn:isbn:1> <https://schema.org/Person> } }'
    assert run_with_ctrl_enter(page, text) == "done"
    hrefs = page.eval_on_selector_all("#table tbody a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://schema.org/Person"]
    assert "javascript:alert(1)" in column(page, 1)
    assert log.problems() == []


def test_picker_loads_a_bundled_query(page: Page, served: Served, log: PageLog) -> None:
    open_query_page(page, served)
    page.select_option("#picker", "actors")
    assert page.input_value("#query") == get_query("actors").text
    assert run_with_ctrl_enter(page, page.input_value("#query")) == "done"
    assert page.locator("#table tbody tr").count() > 10
    assert log.problems() == []


def test_completion_offers_terms_and_entities(page: Page, served: Served, log: PageLog) -> None:
    open_query_page(page, served)
    page.fill("#query", "")
    page.focus("#query")
    page.keyboard.type("SELECT * WHERE { ?a rkg:work")
    wait_until(page, "!document.getElementById('completions').hidden")
    offered = page.eval_on_selector_all("#completions li", "lis => lis.map(li => li.firstChild.textContent)")
    assert "rkg:worksOn" in offered
    page.keyboard.press("Enter")
    assert page.input_value("#query") == "SELECT * WHERE { ?a rkg:worksOn"
    page.keyboard.type(" id:bp")
    wait_until(page, "!document.getElementById('completions').hidden")
    offered = page.eval_on_selector_all("#completions li", "lis => lis.map(li => li.firstChild.textContent)")
    assert "id:bpbd" in offered
    # Completion by label: the part after the colon matches an entity's label too.
    page.keyboard.press("Escape")
    page.keyboard.type(" id:disaster")
    wait_until(page, "!document.getElementById('completions').hidden")
    offered = page.eval_on_selector_all("#completions li", "lis => lis.map(li => li.firstChild.textContent)")
    assert "id:bpbd" in offered  # "Regional Disaster Management Agency"
    # Indonesian labels, acronyms and expansions match as well as English ones.
    for typed, wanted in ((" id:dinas", "id:dlh"), (" id:Palang", "id:pmi"), (" id:penanggulangan", "id:bpbd")):
        page.keyboard.press("Escape")
        page.keyboard.type(typed)
        wait_until(page, "!document.getElementById('completions').hidden")
        offered = page.eval_on_selector_all("#completions li", "lis => lis.map(li => li.firstChild.textContent)")
        assert wanted in offered, (typed, offered)
    # Names that start with the text come before label matches.
    page.keyboard.press("Escape")
    page.keyboard.type(" rkg:s")
    wait_until(page, "!document.getElementById('completions').hidden")
    offered = page.eval_on_selector_all("#completions li", "lis => lis.map(li => li.firstChild.textContent)")
    assert offered and all(name.lower().startswith("rkg:s") for name in offered), offered
    assert {"rkg:Sector", "rkg:sector", "rkg:Session"} <= set(offered)
    assert log.problems() == []


@pytest.mark.parametrize(("text", "line", "column", "char"), [
    # The guard refuses an unclosed group itself; this one only Oxigraph's parser refuses.
    ("SELECT * WHERE {\n  ?s ?p ?o\n  ?x }", 3, 7, ""),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c }\n}", 3, 3, "S"),
    # An unknown prefix: marked where it starts, not where the engine stopped reading.
    ("SELECT ?x WHERE {\n  ?x foo:bar ?y }", 2, 6, "f"),
], ids=["parser", "guard", "prefix"])
def test_an_error_highlights_its_position(page: Page, served: Served, log: PageLog, text: str, line: int,
                                          column: int, char: str) -> None:
    open_query_page(page, served)
    assert run_with_ctrl_enter(page, text) == "error"
    message = page.inner_text("#error")
    assert f"line {line}, column {column}" in message
    if "foo:" in text:  # the words, then the line at fault with a caret under the spot, in a fixed-width font
        assert "unknown prefix foo:" in message and "known prefixes: rkg, id" in message
        assert page.inner_text("#error pre.caret").split("\n") == ["    ?x foo:bar ?y }", "       ^"]
    assert page.eval_on_selector_all("#gutter .error-line", "els => els.map(e => e.textContent)") == [str(line)]
    mark = page.locator("#error-mark")
    assert mark.count() == 1
    if char:
        assert mark.inner_text() == char
    # The mark sits on that line of the editor, not somewhere else.
    editor = page.locator("#query").bounding_box()
    box = mark.bounding_box()
    assert editor is not None and box is not None
    top = box["y"] - editor["y"]
    assert (line - 1) * LINE_HEIGHT <= top <= (line - 1) * LINE_HEIGHT + LINE_HEIGHT, top
    assert page.locator("#results").is_hidden()
    # Editing clears the mark.
    page.focus("#query")
    page.keyboard.press("End")
    page.keyboard.type(" ")
    assert page.locator("#error-mark").count() == 0
    # The 400 is the expected answer here; nothing else went wrong.
    assert [p for p in log.problems() if "400" not in p] == []


def test_the_policy_refuses_inline_script(page: Page, served: Served, log: PageLog) -> None:
    response = page.goto(served.base + "/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    wait_until(page, "document.body.dataset.ready === 'true'")  # our own script did run
    violated = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.violatedDirective), {once: true});
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.body.append(s);
    })""")
    assert violated.startswith("script-src")
    assert page.evaluate("window.inlineRan === undefined")
    # An inline event handler is refused too.
    page.evaluate("""() => { const b = document.createElement('img');
        b.setAttribute('onerror', 'window.handlerRan = true'); b.src = 'data:,'; document.body.append(b); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.handlerRan === undefined")
    assert log.outside == []


def test_entity_page_in_the_browser(page: Page, served: Served, log: PageLog) -> None:
    response = page.goto(served.base + "/id/bpbd")
    assert response is not None and response.headers["content-type"].startswith("text/html")
    assert page.inner_text("h1") == "Badan Penanggulangan Bencana Daerah (BPBD)"  # Indonesian first
    assert page.locator("table.pillars tbody tr").count() >= 1
    assert page.locator("blockquote.evidence").count() >= 1
    page.click("table.facts a[href='/id/sector-government']")
    page.wait_for_url("**/id/sector-government")
    assert page.locator("h1").count() == 1
    page.goto(served.base + "/ontology/worksOn")
    assert "Aktor memiliki mandat" in page.inner_text("main")
    assert log.problems() == []


def click_node(page: Page, node: str) -> None:
    """Click where the view draws ``node`` (after its physics has settled), and wait for its details."""
    wait_until(page, "rkgView.network.physics.options.enabled === false")
    page.evaluate("(id) => rkgView.network.focus(id, {scale: 1.5, animation: false})", node)
    x, y = page.evaluate(
        """(id) => {
            const net = rkgView.network, at = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector("#rkg-network canvas").getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""", node)
    page.mouse.click(x, y)
    wait_until(page, "document.querySelector('#rkg-details dl') !== null")


def test_the_served_report_links_through_a_view_to_the_entity_pages(
    page: Page, served: Served, log: PageLog, tmp_path: Path, kg: KnowledgeGraph
) -> None:
    page.goto(served.base + "/report/")
    assert page.inner_text("h1") == "Aktor ketahanan kota: ringkasan graf pengetahuan"  # the data's language
    # The report itself links each actor to its entity page.
    assert page.locator("#matrix a.entity", has_text="BPBD").get_attribute("href") == "../id/bpbd"
    page.locator("ul.views a", has_text="Seluruh jaringan").click()
    page.wait_for_url("**/report/view-full.html#lang=id")
    page.wait_for_selector("body[data-drawn]", state="attached")
    click_node(page, "bpbd")
    assert page.inner_text("#rkg-details h2") == "Badan Penanggulangan Bencana Daerah (BPBD)"
    link = page.locator("#rkg-details a.entity")
    assert link.inner_text() == v.ID + "bpbd"
    link.click()
    page.wait_for_url(served.base + "/id/bpbd")
    assert page.inner_text("h1") == "Badan Penanggulangan Bencana Daerah (BPBD)"  # Indonesian first
    assert page.locator("table.pillars tbody tr").count() >= 1
    assert log.problems() == []
    # The same view opened as a file has no server to link to: the IRI is text.
    from resilience_kg.views.report import write_report

    files = write_report(kg, tmp_path / "report")
    page.goto(next(p for p in files if p.name == "view-full.html").as_uri())
    page.wait_for_selector("body[data-drawn]", state="attached")
    click_node(page, "bpbd")
    assert page.locator("#rkg-details a").count() == 0
    assert v.ID + "bpbd" in page.inner_text("#rkg-details dl")
    assert log.problems() == []


ATTACK = """<!DOCTYPE html><html><head><title>a page on another site</title></head><body>
<form id="f" method="post" action="{endpoint}"><input name="query" value="ASK {{}}"></form>
<script>document.getElementById("f").submit();</script></body></html>"""


def test_a_page_on_another_site_cannot_use_the_endpoint(chromium: Browser, served: Served) -> None:
    # The attack of issue 9: a page the user opens posts a form (no CORS preflight needed).
    # Served from "localhost", the page is another site than "127.0.0.1" for the browser.
    body = ATTACK.format(endpoint=served.url).encode()
    with Recorder(200, body, {"Content-Type": "text/html; charset=utf-8"}) as evil:
        evil_base = f"http://localhost:{evil.port}"
        log = PageLog()
        context = served_context(chromium, log, served.base, evil_base)
        try:
            page = watch(context.new_page(), log)
            with page.expect_navigation(url=served.url, wait_until="load") as navigation:
                page.goto(evil_base + "/")
            # The form's POST landed on the endpoint and was refused, with the reason.
            response = navigation.value
            assert response is not None and response.request.method == "POST"
            assert response.status == 403
            text = page.inner_text("body")
            assert "requests from the web page at" in text and evil_base in text
            assert "Answer" not in text and "true" not in text
        finally:
            context.close()
        assert log.outside == []
