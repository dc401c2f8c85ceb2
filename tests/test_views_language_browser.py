"""The views' own words in a real browser (Chromium through Playwright): the bundled view opens
with its interface and names in Indonesian, the language selector switches both, and ``viz --lang
en`` or ``#lang=en`` in the address opens it in English."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from helpers.browser import DRAW_TIMEOUT_MS, PageLog, open_page, wait_until

from resilience_kg.cli import main
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.views.network_view import build_view
from resilience_kg.views.page import write_page
from resilience_kg.views.report import write_report

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bundled(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled actors-pillars view, written in the data's language (Indonesian)."""
    return write_page(build_view(kg, "actors-pillars"), tmp_path_factory.mktemp("lang") / "ap.html")


def text(page: Page, selector: str) -> str:
    return (page.locator(selector).first.text_content(timeout=5000) or "").strip()


def headings(page: Page) -> list[str]:
    return [h.strip() for h in page.locator("#rkg-controls h2").all_text_contents()]


def shown_headings(page: Page) -> list[str]:
    return [h for h, shown in zip(headings(page), page.locator("#rkg-controls section").evaluate_all(
        "ss => ss.filter(s => s.querySelector('h2')).map(s => !s.hidden)"), strict=True) if shown]


def test_the_bundled_view_opens_in_indonesian(page: Page, log: PageLog, bundled: Path) -> None:
    open_page(page, bundled)
    assert page.evaluate("document.documentElement.lang") == "id" and page.input_value("#rkg-lang") == "id"
    assert page.title() == "Aktor dan pilar \u2014 resilience-kg"
    assert text(page, "#rkg-title") == "Aktor dan pilar"
    assert text(page, "label[for=rkg-search]") == "Cari"
    assert page.get_attribute("#rkg-search", "placeholder") == "Akronim atau nama"
    assert text(page, "label[for=rkg-lang]") == "Bahasa / Language"
    assert shown_headings(page) == ["Waktu", "Pilar", "Sektor", "Dasar", "Keterangan"]
    assert text(page, "#rkg-details .hint") == "Klik sebuah simpul untuk melihat rinciannya."
    assert text(page, "#rkg-time-label") == "Satu tanggal: 2019-11-28"
    assert "pemerintah" in page.locator("#rkg-sectors label").all_text_contents()[3]
    assert "pilar (bintang)" in page.locator("#rkg-legend").inner_text()
    assert "Pilar tetap di tempatnya" in page.locator("#rkg-notes").inner_text()
    # Names in Indonesian: an embassy by its Indonesian name, a pillar by its own.
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Kedutaan Besar Perancis"
    page.fill("#rkg-search", "BPBD")
    page.press("#rkg-search", "Enter")
    assert text(page, "#rkg-search-result") == "Ditemukan: Badan Penanggulangan Bencana Daerah"
    assert text(page, "#rkg-details h2") == "Badan Penanggulangan Bencana Daerah (BPBD)"
    assert page.locator("#rkg-details dt").all_text_contents()[:3] == ["Nama Indonesia", "Nama Inggris", "Akronim"]
    assert "Bukti (kata-kata laporan)" in page.locator("#rkg-details h3").all_text_contents()
    assert log.problems() == []


def test_the_selector_switches_the_interface_and_the_names(page: Page, log: PageLog, bundled: Path) -> None:
    open_page(page, bundled)
    page.fill("#rkg-search", "BPBD")
    page.press("#rkg-search", "Enter")
    page.select_option("#rkg-lang", "en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == "Actors and pillars \u2014 resilience-kg"
    assert shown_headings(page) == ["Time", "Pillars", "Sectors", "Basis", "Legend"]
    assert text(page, "label[for=rkg-search]") == "Search"
    assert page.get_attribute("#rkg-search", "placeholder") == "Acronym or name"
    assert text(page, "#rkg-search-result") == "Found: Regional Disaster Management Agency"
    assert text(page, "#rkg-details h2") == "Regional Disaster Management Agency (BPBD)"
    assert page.locator("#rkg-details dt").all_text_contents()[:3] == ["Indonesian", "English", "Acronym"]
    assert text(page, "#rkg-time-label") == "One date: 2019-11-28"
    assert "pillar (star)" in page.locator("#rkg-legend").inner_text()
    assert "Prepared Jakarta (Jakarta SIAP)" in page.locator("#rkg-pillars").inner_text()
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Embassy of France in Indonesia"
    # The hint comes back in the reader's language when the node is let go, and back again.
    page.evaluate("rkgView.network.emit('click', {nodes: [], edges: []})")
    assert text(page, "#rkg-details .hint") == "Click a node to see its details."
    page.select_option("#rkg-lang", "id")
    assert text(page, "#rkg-details .hint") == "Klik sebuah simpul untuk melihat rinciannya."
    assert shown_headings(page)[1] == "Pilar"
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Kedutaan Besar Perancis"
    assert log.problems() == []


def test_viz_lang_en_opens_in_english(page: Page, log: PageLog, tmp_path: Path) -> None:
    out = tmp_path / "ap-en.html"
    result = CliRunner().invoke(main, ["viz", "--view", "actors-pillars", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    open_page(page, out)
    assert page.evaluate("document.documentElement.lang") == "en" and page.input_value("#rkg-lang") == "en"
    assert text(page, "#rkg-title") == "Actors and pillars"
    assert shown_headings(page) == ["Time", "Pillars", "Sectors", "Basis", "Legend"]
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Embassy of France in Indonesia"
    assert log.problems() == []


def test_lang_in_the_address_opens_that_language(page: Page, log: PageLog, bundled: Path) -> None:
    page.goto(bundled.resolve().as_uri() + "#lang=en")
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=DRAW_TIMEOUT_MS)
    assert page.evaluate("document.documentElement.lang") == "en" and page.input_value("#rkg-lang") == "en"
    assert page.title() == "Actors and pillars \u2014 resilience-kg"
    assert text(page, "label[for=rkg-search]") == "Search"
    assert page.evaluate("rkgView.nodes.get('french-embassy').label") == "Embassy of France in Indonesia"
    page.evaluate("window.location.hash = '#lang=id'")  # a link within the page switches it too
    wait_until(page, "document.documentElement.lang === 'id'")
    assert text(page, "label[for=rkg-search]") == "Cari"
    assert log.problems() == []


def test_the_reports_links_open_each_view_in_the_language_read_there(
    page: Page, log: PageLog, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    write_report(kg, tmp_path)
    page.goto((tmp_path / "report.html").resolve().as_uri())
    page.click("label[for=lang-en]")
    page.locator("ul.views a", has_text="Actors and pillars").click()
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=DRAW_TIMEOUT_MS)
    assert page.url.endswith("view-actors-pillars.html#lang=en")
    assert page.evaluate("document.documentElement.lang") == "en" and text(page, "#rkg-title") == "Actors and pillars"
    page.go_back()
    page.click("label[for=lang-id]")
    page.locator("ul.views a", has_text="Aktor dan pilar").click()
    page.wait_for_selector("body[data-drawn]", state="attached", timeout=DRAW_TIMEOUT_MS)
    assert page.url.endswith("view-actors-pillars.html#lang=id") and text(page, "#rkg-title") == "Aktor dan pilar"
    assert log.problems() == []
