"""The interactive views in a real browser (Debian's Chromium through Playwright), loaded from
``file://`` with every request to another host blocked: they draw, the filters, search, language
and size controls do what they say, clicking a node shows its neighbourhood, untrusted labels stay
text, the Content-Security-Policy holds, a large graph draws, and the report and the notebook
iframe work offline."""

from __future__ import annotations

import math
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import write
from helpers.browser import (
    DRAW_TIMEOUT_MS,
    PageLog,
    node_screen_position,
    open_page,
    wait_until,
)
from test_views import UNTRUSTED_ID, UNTRUSTED_LABEL_EN, UNTRUSTED_LABEL_ID, UNTRUSTED_NOTE, untrusted_graph

from resilience_kg.analysis.projection import ACTOR_CLASSES
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.views.network_view import PHYSICS_LIMIT, ViewData, build_view
from resilience_kg.views.notebook import show
from resilience_kg.views.page import write_page
from resilience_kg.views.report import write_report

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
Written = tuple[ViewData, Path]  # a view's data and the page it was written to


# ---------------------------------------------------------------- browser fixtures


@pytest.fixture(scope="module")
def full(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The full view's data and its page, in English, written once for the module (the page
    opens in the data's language, Indonesian here: see test_the_view_opens_in_the_datas_language)."""
    data = build_view(kg, "full", lang="en")  # kept apart from the one written: write_page replaces its lists
    return data, write_page(build_view(kg, "full", lang="en"), tmp_path_factory.mktemp("full") / "x.html")


def settle(page: Page) -> None:
    """Wait (bounded) until the physics simulation has stopped, so nodes stay where they are."""
    wait_until(page, "rkgView.network.physics.options.enabled === false")


def visible_nodes(page: Page) -> set[str]:
    return set(page.evaluate("rkgView.visibleNodeIds()"))


def visible_edges(page: Page) -> set[str]:
    return set(page.evaluate("rkgView.visibleEdgeIds()"))


def details_heading(page: Page) -> str:
    return page.locator("#rkg-details h2").text_content(timeout=5000) or ""


def search(page: Page, term: str) -> str:
    """Type ``term`` into the search box, press Enter, and return what the result line says."""
    page.fill("#rkg-search", term)
    page.press("#rkg-search", "Enter")
    return page.locator("#rkg-search-result").text_content(timeout=5000) or ""


def node_at(page: Page, x: float, y: float) -> str | None:
    """The node drawn at page position (x, y), if any."""
    return page.evaluate(
        """([x, y]) => {
            const box = document.querySelector("#rkg-network canvas").getBoundingClientRect();
            return rkgView.network.getNodeAt({x: x - box.left, y: y - box.top}) ?? null;
        }""",
        [x, y],
    )


def painted_pixels(page: Page) -> int:
    """How many pixels of the network's canvas are drawn (not transparent, not white)."""
    return int(
        page.evaluate(
            """() => {
                const c = document.querySelector("#rkg-network canvas");
                const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < px.length; i += 4) {
                    if (px[i + 3] > 0 && (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240)) { n++; }
                }
                return n;
            }"""
        )
    )


# ---------------------------------------------------------------- the harness itself


def test_the_harness_blocks_and_records_requests_to_other_hosts(page: Page, log: PageLog, tmp_path: Path) -> None:
    """Without this, "no outside request" below could pass because nothing was watched."""
    path = write(tmp_path / "leaky.html", '<!DOCTYPE html><img src="http://example.invalid/pixel.png">')
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert set(log.outside) == {"http://example.invalid/pixel.png"}
    assert set(log.failed) == {"http://example.invalid/pixel.png"}


# ---------------------------------------------------------------- the full view


def test_full_view_draws_offline_with_every_node_and_edge(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    assert log.problems() == []
    assert visible_nodes(page) == {n["id"] for n in data.nodes}
    assert visible_edges(page) == {e["id"] for e in data.edges}
    counts = page.evaluate("[rkgView.network.body.data.nodes.length, rkgView.network.body.data.edges.length]")
    assert counts == [len(data.nodes), len(data.edges)]
    assert page.locator("#rkg-title").text_content() == "Full network"
    assert page.title() == "Full network \u2014 resilience-kg"
    assert page.locator("#rkg-pillars input[type=checkbox]").count() == len(data.pillars)
    assert page.locator("#rkg-sectors input[type=checkbox]").count() == len(data.sectors)
    assert page.locator("#rkg-legend li").count() == len(data.legend)
    assert painted_pixels(page) > 5000  # the canvas shows a network, not a blank box


def test_unchecking_a_pillar_hides_what_belongs_only_to_it(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    siap = page.locator("#rkg-pillars input[value=SIAP]")
    siap.click()
    assert not siap.is_checked()
    shown = visible_nodes(page)
    assert "bpbd" not in shown and "issue-early-warning-system" not in shown
    assert "dishub" in shown and "jakarta-sehat" in shown
    only_siap = {n["id"] for n in data.nodes if n["pillars"] == ["SIAP"]}
    assert shown == {n["id"] for n in data.nodes} - only_siap
    assert not [e for e in data.edges if e["id"] in visible_edges(page) and {e["from"], e["to"]} & only_siap]
    siap.click()
    assert visible_nodes(page) == {n["id"] for n in data.nodes}
    assert len(visible_edges(page)) == len(data.edges)
    assert log.problems() == []


def test_unchecking_a_sector_hides_its_actors(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    page.locator("#rkg-sectors input[value=civil-society]").click()
    shown = visible_nodes(page)
    assert "pmi" not in shown and "itdp" not in shown
    assert "bpbd" in shown and "issue-stakeholder-engagement" in shown
    civil = {n["id"] for n in data.nodes if n["sector"] == "civil-society"}
    assert shown == {n["id"] for n in data.nodes} - civil
    assert log.problems() == []


def test_basis_report_only_hides_curated_edges_and_restores(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    curated = {e["id"] for e in data.edges if e["graph"] == "curated"}
    assert curated
    page.locator("input[name=rkg-basis][value=report]").check()
    shown = visible_edges(page)
    assert len(shown) == len(data.edges) - len(curated)
    assert not shown & curated
    assert len(visible_nodes(page)) == len(data.nodes)  # the basis hides links, not nodes
    page.locator("input[name=rkg-basis][value=all]").check()
    assert visible_edges(page) == {e["id"] for e in data.edges}
    assert log.problems() == []


def test_search_finds_an_actor_by_acronym_and_shows_its_evidence(
    page: Page, log: PageLog, full: Written, kg: KnowledgeGraph
) -> None:
    _, path = full
    open_page(page, path)
    result = search(page, "BPBD")
    assert result.startswith("Found")
    assert details_heading(page) == "Regional Disaster Management Agency (BPBD)"
    quotes = page.locator("#rkg-details blockquote:not(.curated)").all_text_contents()
    assert quotes and any("BPBD" in q for q in quotes)
    text = "\n".join(kg.source_texts.values())
    assert all(q in text for q in quotes)  # the report's own words, verbatim
    assert page.evaluate("rkgView.network.getSelectedNodes()") == ["bpbd"]
    assert "No match" in search(page, "no such actor zzz")
    assert log.problems() == []


def test_details_list_what_a_speaker_said_in_order(page: Page, log: PageLog, full: Written, kg: KnowledgeGraph) -> None:
    _, path = full
    open_page(page, path)
    assert search(page, "Duta Besar Perancis").startswith("Found")
    assert details_heading(page) == "Ambassador of France to Indonesia"
    items = page.locator("#rkg-details ol.statements > li")
    assert items.count() == 4
    first = items.nth(0).text_content() or ""
    assert first.startswith("1. Global challenges put great pressure")
    said = items.nth(1).locator("blockquote").text_content()
    assert said == "Kolaborasi menjadi kunci utama untuk menghadapi setiap tantangan yang ada"
    assert said in "\n".join(kg.source_texts.values())
    assert log.problems() == []


def test_search_by_partial_name_and_in_indonesian(page: Page, full: Written) -> None:
    _, path = full
    open_page(page, path)
    assert search(page, "Dinas Lingkungan").startswith("Found")
    assert details_heading(page) == "Environment Agency (DLH)"
    assert search(page, "pemetaan risiko").startswith("Found")
    assert details_heading(page) == "Disaster risk mapping"


def test_language_switch_relabels_details_and_nodes(page: Page, log: PageLog, full: Written) -> None:
    _, path = full
    open_page(page, path)
    search(page, "DLH")
    assert details_heading(page) == "Environment Agency (DLH)"
    assert page.evaluate("rkgView.nodes.get('jakarta-siap').label") == "Prepared Jakarta (Jakarta SIAP)"
    page.select_option("#rkg-lang", "id")
    assert details_heading(page) == "Dinas Lingkungan Hidup (DLH)"
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.evaluate("rkgView.nodes.get('jakarta-siap').label") == "Jakarta SIAP"
    assert page.evaluate("rkgView.nodes.get('dlh').label") == "DLH"  # an acronym reads the same in both
    page.select_option("#rkg-lang", "en")
    assert details_heading(page) == "Environment Agency (DLH)"
    assert page.evaluate("rkgView.nodes.get('jakarta-siap').label") == "Prepared Jakarta (Jakarta SIAP)"
    assert log.problems() == []


def test_the_view_opens_in_the_datas_language_with_full_indonesian_names(
    page: Page, log: PageLog, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    data = build_view(kg, "full")
    assert data.lang == "id"  # the bundled report is in Indonesian
    open_page(page, write_page(data, tmp_path / "full.html"))
    assert page.input_value("#rkg-lang") == "id" and page.evaluate("document.documentElement.lang") == "id"
    search(page, "BPBD")
    # BPBD's Indonesian label is only its acronym: the full name is shown, the acronym beside it,
    # and the English name on hover.
    assert details_heading(page) == "Badan Penanggulangan Bencana Daerah (BPBD)"
    assert page.get_attribute("#rkg-details h2", "title") == "Regional Disaster Management Agency"
    assert page.evaluate("rkgView.nodes.get('bpbd').label") == "BPBD"
    # A short name of several words belongs to one language: in English, the English name.
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Kedutaan Besar Perancis"
    page.select_option("#rkg-lang", "en")
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Embassy of France in Indonesia"
    assert details_heading(page) == "Regional Disaster Management Agency (BPBD)"
    assert log.problems() == []


SIZE_JS = "Object.fromEntries(rkgView.nodes.get().map(n => [n.id, n.value]))"
# The radius each node is drawn with: vis-network's effective ``size`` option, which it scales
# from ``value`` (a node's bounding box would include its label, so it is no measure of size).
DRAWN_SIZES_JS = "Object.fromEntries(rkgView.nodes.getIds().map(i => [i, rkgView.network.body.nodes[i].options.size]))"


def test_node_size_follows_the_chosen_centrality(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    before = page.evaluate(DRAWN_SIZES_JS)
    assert len(set(before.values())) == 1  # same for all
    for metric in ("degree", "betweenness"):
        page.select_option("#rkg-size", metric)
        values = page.evaluate(SIZE_JS)
        assert values == {n["id"]: n["metrics"][metric] for n in data.nodes}
    page.select_option("#rkg-size", "degree")
    sizes = page.evaluate(DRAWN_SIZES_JS)
    degree = {n["id"]: n["metrics"]["degree"] for n in data.nodes}
    assert degree["bpbd"] > degree["ykri"] and sizes["bpbd"] > sizes["ykri"]
    # Larger degree, larger node: the drawn sizes are in the order of the metric.
    ranked = sorted(degree, key=lambda n: (degree[n], sizes[n]))
    assert [sizes[n] for n in ranked] == sorted(sizes[n] for n in ranked)
    assert len(set(sizes.values())) > 1
    assert log.problems() == []


def test_node_size_same_for_all_restores_equal_sizes(page: Page, full: Written) -> None:
    _, path = full
    open_page(page, path)
    before = page.evaluate(DRAWN_SIZES_JS)
    assert len(set(before.values())) == 1
    page.select_option("#rkg-size", "degree")
    assert page.evaluate(DRAWN_SIZES_JS) != before
    page.select_option("#rkg-size", "")
    after = page.evaluate(DRAWN_SIZES_JS)
    assert after == before, "after 'same for all' the nodes keep the sizes of the previous centrality"


# ---------------------------------------------------------------- clicking


def test_clicking_a_node_dims_the_rest_and_shows_details(page: Page, log: PageLog, full: Written) -> None:
    data, path = full
    open_page(page, path)
    settle(page)
    x, y = node_screen_position(page, "bpbd")
    assert node_at(page, x, y) == "bpbd"  # nothing else is drawn over it
    page.mouse.click(x, y)
    page.locator("#rkg-details h2").wait_for(state="attached", timeout=5000)
    assert details_heading(page) == "Regional Disaster Management Agency (BPBD)"
    neighbours = {e["to"] for e in data.edges if e["from"] == "bpbd"}
    neighbours |= {e["from"] for e in data.edges if e["to"] == "bpbd"}
    opacity = page.evaluate("Object.fromEntries(rkgView.nodes.get().map(n => [n.id, n.opacity]))")
    assert {n for n, o in opacity.items() if o == 1} == neighbours | {"bpbd"}
    assert {n for n, o in opacity.items() if o != 1} == {n["id"] for n in data.nodes} - neighbours - {"bpbd"}
    assert set(opacity.values()) == {1, 0.15}
    # A click on empty canvas brings everything back.
    box = page.locator("#rkg-network canvas").bounding_box()
    assert box is not None
    corner = (box["x"] + 4, box["y"] + 4)
    assert node_at(page, *corner) is None
    page.mouse.click(*corner)
    page.locator("#rkg-details h2").wait_for(state="detached", timeout=5000)
    assert set(page.evaluate("rkgView.nodes.get().map(n => n.opacity)")) == {1}
    assert "Click a node" in (page.locator("#rkg-details").text_content() or "")
    assert log.problems() == []


# ---------------------------------------------------------------- untrusted text


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("untrusted")
    return write_page(build_view(untrusted_graph(folder), "full", lang="en"), folder / "x.html")


def test_untrusted_labels_stay_text(page: Page, log: PageLog, untrusted: Path) -> None:
    open_page(page, untrusted)
    settle(page)
    assert log.problems() == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert search(page, UNTRUSTED_ID).startswith("Found")
    assert page.locator("#rkg-details h2").evaluate("e => e.textContent") == UNTRUSTED_LABEL_EN
    assert UNTRUSTED_LABEL_ID in page.locator("#rkg-details dd").all_text_contents()
    assert page.locator("#rkg-details blockquote.curated").evaluate("e => e.textContent") == UNTRUSTED_NOTE
    assert page.locator("#rkg-details img, #rkg-details script, #rkg-details b").count() == 0
    # The tooltip, shown by hovering the node.
    x, y = node_screen_position(page, UNTRUSTED_ID)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert UNTRUSTED_LABEL_EN in (tip.text_content() or "")
    assert tip.locator("img, script").count() == 0
    page.select_option("#rkg-lang", "id")
    assert page.locator("#rkg-details h2").evaluate("e => e.textContent") == UNTRUSTED_LABEL_ID
    assert page.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert log.problems() == []


# ---------------------------------------------------------------- the Content-Security-Policy


def test_csp_allows_only_the_pages_own_scripts(page: Page, log: PageLog, full: Written) -> None:
    _, path = full
    open_page(page, path)
    policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content") or ""
    directives = {p.split()[0]: p.split()[1:] for p in policy.split(";") if p.strip()}
    assert directives["default-src"] == ["'none'"]
    script_src = directives["script-src"]
    assert len(script_src) == 2 and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s) for s in script_src)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "http" not in policy and "*" not in policy
    # Both scripts ran, so the hashes match: vis-network drew and the page's script set up its API.
    assert page.evaluate("typeof vis.Network === 'function' && typeof rkgView.search === 'function'")
    assert log.problems() == []


def test_an_injected_inline_script_does_not_run(page: Page, log: PageLog, full: Written) -> None:
    _, path = full
    open_page(page, path)
    page.evaluate(
        """() => {
            const s = document.createElement("script");
            s.textContent = "window.__injected = 1;";
            document.body.appendChild(s);
        }"""
    )
    deadline = time.monotonic() + 5
    while not log.console and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert log.console, "Chromium should report the refused script"
    assert page.evaluate("typeof window.__injected") == "undefined"
    assert all(kind == "error" and "Content Security Policy" in text for kind, text in log.console), log.console
    assert log.outside == [] and log.page_errors == [] and log.failed == []


# ---------------------------------------------------------------- a large graph


def large_corpus(folder: Path, *, actors: int = 1450, issues_per_pillar: int = 10) -> Path:
    """A workshop of ``actors`` actors with three sessions on three pillars, issues under each
    pillar, and mandates (curated) of every fourth actor: its own sources.csv and text."""
    said = "Lokakarya kota besar dihadiri oleh banyak pelaku"
    named = "tiga pilar P0 P1 dan P2"
    write(folder / "texts" / "big.txt", f"Laporan.\n{said}.\nAda {named}.\n")
    write(folder / "sources.csv", "id,title_id,title_en,file\nbig-2024,Laporan besar,Big report,texts/big.txt\n")
    elements = ["id,type,label_id,label_en,notation,basis,confidence,source,quote,note"]
    links = ["from,to,type,basis,confidence,source,quote,note"]

    def element(slug: str, cls: str, label_id: str, label_en: str, notation: str = "") -> None:
        quote = named if notation else said
        elements.append(f"{slug},{cls},{label_id},{label_en},{notation},report,,big-2024,{quote},")

    def link(a: str, b: str, kind: str, *, curated: bool = False) -> None:
        basis = "curated,well-attested,,,a mandate" if curated else f"report,,big-2024,{said},"
        links.append(f"{a},{b},{kind},{basis}")

    element("big-event", "Event", "Lokakarya besar", "Big workshop")
    for p in range(3):
        element(f"big-pillar-{p}", "Pillar", f"Pilar {p}", f"Pillar {p}", notation=f"P{p}")
        element(f"big-session-{p}", "Session", f"Sesi {p}", f"Session {p}")
        link("big-event", f"big-session-{p}", "hasSession")
        link(f"big-session-{p}", f"big-pillar-{p}", "concernsPillar")
        for k in range(issues_per_pillar):
            element(f"big-issue-{p}-{k}", "Issue", f"Isu {p}.{k}", f"Issue {p}.{k}")
            link(f"big-issue-{p}-{k}", f"big-pillar-{p}", "underPillar")
            link(f"big-issue-{p}-{k}", f"big-session-{p}", "raisedIn")
    for a in range(actors):
        element(f"big-actor-{a}", ACTOR_CLASSES[a % len(ACTOR_CLASSES)], f"Pelaku {a}", f"Actor {a}")
        link(f"big-actor-{a}", "big-event", "participatedIn")
        if a % 4 == 0:
            link(f"big-actor-{a}", f"big-issue-{a % 3}-{a % issues_per_pillar}", "worksOn", curated=True)
    write(folder / "elements.csv", "\n".join(elements) + "\n")
    write(folder / "connections.csv", "\n".join(links) + "\n")
    return folder


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Written:
    folder = large_corpus(tmp_path_factory.mktemp("large") / "corpus")
    data = build_view(load_graph([folder], bundled=False), "full")
    return data, write_page(data, folder.parent / "large.html")


def test_a_large_graph_is_laid_out_in_advance_and_draws(page: Page, log: PageLog, large: Written) -> None:
    data, path = large
    assert len(data.nodes) > 1400 > PHYSICS_LIMIT
    assert data.physics is False
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in data.nodes)
    start = time.monotonic()
    open_page(page, path)
    elapsed = time.monotonic() - start
    assert elapsed < 30, f"the large view took {elapsed:.1f} s to draw"
    assert log.problems() == []
    assert len(visible_nodes(page)) == len(data.nodes) and len(visible_edges(page)) == len(data.edges)
    assert page.evaluate("rkgView.network.physics.options.enabled") is False
    # Physics is off, so every node stays where Python put it (vis-network rounds positions).
    positions = page.evaluate("rkgView.network.getPositions()")
    for n in data.nodes:
        got = positions[n["id"]]
        assert math.isclose(got["x"], n["x"], abs_tol=1) and math.isclose(got["y"], n["y"], abs_tol=1), n["id"]
    assert "physics is off" in (page.locator("#rkg-notes").text_content() or "")
    assert painted_pixels(page) > 5000


# ---------------------------------------------------------------- screenshots for people


def assert_png(path: Path) -> None:
    assert path.is_file()
    head = path.read_bytes()[:8]
    assert head == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000, f"{path} is only {path.stat().st_size} bytes: a blank page?"


def test_screenshots_of_the_full_view_and_the_report(
    page: Page, log: PageLog, full: Written, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    _, path = full
    open_page(page, path)
    settle(page)
    shot = ARTIFACTS / "view-full.png"
    page.screenshot(path=str(shot))
    assert_png(shot)
    report = write_report(kg, tmp_path / "report")[0]
    page.goto(report.as_uri())
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot), full_page=True)  # down to the heatmap
    assert_png(shot)
    assert log.problems() == []


# ---------------------------------------------------------------- the report


@pytest.fixture(scope="module")
def report(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(kg, tmp_path_factory.mktemp("report"))[0]


def test_report_loads_offline_with_the_heatmap_and_links_that_exist(page: Page, log: PageLog, report: Path) -> None:
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert log.problems() == []
    heads = page.locator("table th").all_inner_texts()  # as shown: one language
    for notation in ("SIAP", "SEHAT", "TERHUBUNG"):
        assert notation in heads
    heatmap = page.locator("table", has=page.locator("th", has_text="TERHUBUNG"))
    assert heatmap.locator("tr").count() > 10
    assert "BPBD" in (heatmap.text_content() or "")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    # Each view is linked once per language, opening in that language (#lang=).
    assert sorted(hrefs) == sorted(f"{p.name}#lang={lang}" for p in report.parent.glob("view-*.html")
                                   for lang in ("id", "en"))
    assert len(hrefs) == 2 * (2 + 3)  # the full view, actors and pillars, and one view per pillar
    hrefs = [h.split("#")[0] for h in hrefs]
    for href in hrefs:
        assert (report.parent / href).is_file(), href
        assert page.evaluate("h => new URL(h, location.href).protocol", href) == "file:"
    assert page.locator("script").count() == 0


def test_report_view_links_open_pages_that_draw(page: Page, log: PageLog, report: Path) -> None:
    page.goto(report.as_uri())
    first = page.locator("a[href]").first
    name = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**/{name}", timeout=DRAW_TIMEOUT_MS)
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=DRAW_TIMEOUT_MS)
    assert page.evaluate("rkgView.visibleNodeIds().length") > 0
    assert log.problems() == []


# ---------------------------------------------------------------- the notebook helper


def test_notebook_iframe_draws_offline(page: Page, log: PageLog, kg: KnowledgeGraph, tmp_path: Path) -> None:
    data = build_view(kg, "actor:BPBD")
    html = show(kg, "actor:BPBD", height=500)._repr_html_()
    path = write(tmp_path / "notebook.html", f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{html}")
    page.goto(path.as_uri())
    frame_locator = page.frame_locator("iframe")
    frame_locator.locator("body[data-drawn]").wait_for(state="attached", timeout=DRAW_TIMEOUT_MS)
    frame = next(f for f in page.frames if f is not page.main_frame)
    assert frame.evaluate("rkgView.visibleNodeIds().length") == len(data.nodes)
    assert frame.evaluate("rkgView.visibleEdgeIds().length") == len(data.edges)
    # The sandbox keeps the view away from the notebook's page.
    reach = "(() => { try { return window.parent.document !== null; } catch (e) { return 'blocked'; } })()"
    assert frame.evaluate(reach) == "blocked"
    assert log.problems() == []

