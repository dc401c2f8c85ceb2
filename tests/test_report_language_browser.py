"""The report's language switch in Chromium (issue 23, §4): the bundled report opens in
Indonesian; the switch at the top shows English prose and names and hides the Indonesian, and back,
with scripts disabled and none on the page (its policy forbids them); no text of one language
shows in the other; ``--lang en`` opens in English; the keyboard works the switch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from helpers.browser import LOCAL_SCHEMES, PageLog, watch

from resilience_kg.cli import main
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.views.report import POLICY, write_report

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

#: Headings and table headers, as each language writes them.
WORDS = {
    "id": ("Temuan", "Siapa yang memimpin tiap pilar", "Penghubung antar pilar", "Celah", "Aktor dan pilar",
           "Cara menghitungnya", "aktor yang ikut serta", "tingkat keyakinan tautan hasil kurasi"),
    "en": ("Findings", "Who leads each pillar", "Brokers between pillars", "Gaps", "Actors and pillars",
           "How this was computed", "actors taking part", "confidence of a curated link"),
}
H1 = {"id": "Aktor ketahanan kota: ringkasan graf pengetahuan",
      "en": "Actors of urban resilience: the knowledge graph at a glance"}
BPBD = {"id": "Badan Penanggulangan Bencana Daerah (BPBD)", "en": "Regional Disaster Management Agency (BPBD)"}


@pytest.fixture(scope="module")
def report(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(kg, tmp_path_factory.mktemp("report"))[0]


@pytest.fixture
def page(chromium: Browser, log: PageLog) -> Iterator[Page]:
    """An offline page with JavaScript disabled: the switch must work with no script at all."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, java_script_enabled=False,
                                   service_workers="block")

    def route(r: Route) -> None:
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            log.outside.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    try:
        yield watch(context.new_page(), log)
    finally:
        context.close()


def shown(page: Page) -> str:
    """The text a reader sees (what is hidden is not in innerText)."""
    return page.inner_text("div.report")


def hidden_and_visible(page: Page, lang: str) -> tuple[int, int]:
    """How many elements of ``lang`` in the report are visible, and how many there are (those
    in a closed ``<details>``, the quotes, left out)."""
    return page.evaluate(
        """lang => { const all = [...document.querySelectorAll(`div.report [lang="${lang}"]`)]
                       .filter(e => !e.closest("details:not([open])"));
                     return [all.filter(e => e.checkVisibility()).length, all.length]; }""", lang)


def assert_reads_in(page: Page, lang: str) -> None:
    other = "en" if lang == "id" else "id"
    text = shown(page)
    assert page.inner_text("h1") == H1[lang]
    for words in WORDS[lang]:
        assert words in text, (lang, words)
    for words in WORDS[other]:
        assert words not in text, (lang, words)
    # Not a single element of the other language shows; every one of this language does.
    visible, total = hidden_and_visible(page, other)
    assert total > 100 and visible == 0
    visible, total = hidden_and_visible(page, lang)
    assert visible == total > 100
    row = page.locator("#matrix tr", has_text="BPBD").locator("th")
    assert row.inner_text() == BPBD[lang]
    assert page.locator("#matrix tr").first.inner_text().split("\t")[:2] == (
        ["aktor", "sektor"] if lang == "id" else ["actor", "sector"])
    # The other language on hover.
    title = row.locator(f'[lang="{lang}"] span[title]').get_attribute("title")
    assert title == BPBD[other].removesuffix(" (BPBD)")


def test_the_bundled_report_opens_in_indonesian(page: Page, log: PageLog, report: Path) -> None:
    page.goto(report.as_uri())
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.is_checked("#lang-id") and not page.is_checked("#lang-en")
    assert_reads_in(page, "id")
    assert log.problems() == []


def test_the_switch_shows_english_and_back_without_a_script(page: Page, log: PageLog, report: Path) -> None:
    page.goto(report.as_uri())
    # No script on the page, and its policy, unchanged, forbids any.
    assert page.locator("script").count() == 0
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == POLICY
    assert "script-src" not in POLICY and "default-src 'none'" in POLICY
    page.click('label[for="lang-en"]')
    assert page.is_checked("#lang-en")
    assert_reads_in(page, "en")
    assert "Leaders" not in shown(page) and "Regional Disaster Management Agency (BPBD)" in shown(page)
    page.click('label[for="lang-id"]')
    assert_reads_in(page, "id")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-id.png"))
    page.click('label[for="lang-en"]')
    page.screenshot(path=str(ARTIFACTS / "report-en.png"))
    assert log.problems() == []


def test_the_switch_stays_at_the_top_while_reading(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    page.locator("#method").scroll_into_view_if_needed()
    box = page.locator("nav.lang-switch").bounding_box()
    assert box is not None and box["y"] == pytest.approx(0, abs=1)
    page.click('label[for="lang-en"]')  # still there to click, far down the page
    assert page.locator("#method").inner_text() == "How this was computed"


def test_the_keyboard_works_the_switch(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    page.keyboard.press("Tab")  # the first stop of the page: the checked language
    assert page.evaluate("document.activeElement.id") == "lang-id"
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#lang-en")
    assert page.inner_text("h1") == H1["en"]


def test_lang_en_opens_in_english(page: Page, log: PageLog, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page.goto((tmp_path / "report.html").as_uri())
    assert page.is_checked("#lang-en")
    assert_reads_in(page, "en")
    page.click('label[for="lang-id"]')
    assert_reads_in(page, "id")
    assert log.problems() == []
