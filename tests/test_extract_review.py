"""The review page that `extract` writes: self-contained and offline, untrusted report text kept as
text, every draft fact highlighted at its offsets, and the filters by kind, status and confidence
doing what they say in a real browser (Debian's Chromium, every non-local request blocked)."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers.browser import PageLog, offline_context, wait_until, watch

from resilience_kg.extract import extract_reports

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HOSTILE = '</script><img src=x onerror="document.title=\'pwned\'"><script>alert(1)</script>'
REPORT = f"""Rapat Koordinasi {HOSTILE}

Pada hari Senin, 2 Desember 2019 BPBD Provinsi DKI Jakarta menyelenggarakan Rapat Koordinasi di Kantor BPBD.
Rapat dihadiri oleh Dinas Sumber Daya Air (DSDA), Palang Merah Indonesia (PMI), Universitas Trisakti dan
Yayasan "<b>Bold</b>" Nusantara. Isu utama yaitu: (i) genangan; (ii) pompa rusak; dan (iii) sampah.
"""


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    report = folder / "rapat.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = folder / "drafts"
    extract_reports([report], out=out)
    # A curator's review: one row accepted, one rejected.
    with open(out / "elements.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["status"], rows[1]["status"] = "accepted", "rejected"
    with open(out / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    extract_reports([report], out=out)  # re-run: the page shows the reviewed statuses
    return out


def test_the_page_is_self_contained_and_escapes_the_report(drafts: Path) -> None:
    page = (drafts / "review.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = html.unescape(policy.group(1))
    assert "default-src 'none'" in rules and "'unsafe-inline'" not in rules
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", rules)
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)  # nothing loaded from elsewhere
    assert HOSTILE not in page and "<img src=x" not in page
    assert "<b>Bold</b>" not in page
    assert page.count("<script") == 2  # the data island and the page's own script


def elements(drafts: Path) -> list[dict[str, str]]:
    with open(drafts / "elements.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def connections(drafts: Path) -> list[dict[str, str]]:
    with open(drafts / "connections.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- in Chromium


@pytest.fixture
def page(chromium: Browser, log: PageLog, drafts: Path) -> Iterator[Page]:
    context = offline_context(chromium, log)
    try:
        tab = watch(context.new_page(), log)
        tab.goto((drafts / "review.html").resolve().as_uri())
        tab.wait_for_selector("body[data-drawn]", state="attached", timeout=30_000)
        yield tab
    finally:
        context.close()


def shown_rows(page: Page) -> int:
    return int(page.evaluate("document.querySelectorAll('#facts tbody tr').length"))


@pytest.mark.browser
def test_every_draft_fact_is_highlighted_at_its_offsets(page: Page, log: PageLog, drafts: Path) -> None:
    text = (drafts / "sources" / "rapat.txt").read_text(encoding="utf-8")
    assert page.evaluate("document.getElementById('source-text').textContent") == text
    all_rows = elements(drafts) + connections(drafts)
    assert shown_rows(page) == len(all_rows)
    for n, row in enumerate(all_rows, 1):
        marks = page.evaluate(f"Array.from(document.querySelectorAll('mark[data-facts~=\"{n}\"]'))"
                              ".map((m) => m.textContent).join('')")
        assert marks == row["quote"], (n, row["quote"])
    # Elements are coloured by kind; the hostile title stays text, and nothing ran.
    assert page.evaluate("document.querySelectorAll('mark.k-GovernmentAgency').length") > 0
    assert page.evaluate("document.querySelectorAll('#source-text img, #facts img').length") == 0
    assert page.title().startswith("Review:") and "pwned" not in page.title()
    assert log.problems() == []


@pytest.mark.browser
def test_filters_by_kind_status_and_confidence(page: Page, log: PageLog, drafts: Path) -> None:
    rows = elements(drafts) + connections(drafts)
    page.select_option("#f-kind", "Issue")
    wait_until(page, f"document.querySelectorAll('#facts tbody tr').length === "
                     f"{sum(r['type'] == 'Issue' for r in rows)}")
    kinds = set(page.evaluate("Array.from(document.querySelectorAll('#facts tbody tr')).map((r) => r.dataset.kind)"))
    assert kinds == {"Issue"}
    assert page.evaluate("document.querySelectorAll('mark.k-GovernmentAgency').length") == 0

    page.select_option("#f-kind", "")
    page.select_option("#f-status", "accepted")
    wait_until(page, "document.querySelectorAll('#facts tbody tr').length === 1")
    page.select_option("#f-status", "rejected")
    wait_until(page, "document.querySelectorAll('#facts tbody tr').length === 1")
    page.select_option("#f-status", "")

    high = sum(1 for r in rows if float(r["confidence"]) >= 0.75)
    page.evaluate("(() => { const r = document.getElementById('f-conf'); r.value = '0.75';"
                  " r.dispatchEvent(new Event('input')); })()")
    wait_until(page, f"document.querySelectorAll('#facts tbody tr').length === {high}")
    assert 0 < high < len(rows)
    assert log.problems() == []


@pytest.mark.browser
def test_clicking_a_row_selects_its_highlight(page: Page, log: PageLog) -> None:
    page.click("#row-1")
    assert page.evaluate("document.querySelector('mark.sel') !== null")
    assert page.evaluate("document.querySelector('mark.sel').dataset.facts.split(' ').includes('1')")
    assert log.problems() == []
