"""The controls for time and the redesigned actors-and-pillars view, in Chromium (see
test_views_browser.py for the harness): the time range hides what lies outside it and its handles
never cross, presence-only links wait behind their toggle, no two labels overlap as drawn, and the
report's per-period sections load offline."""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers.browser import PageLog, open_page, wait_until

from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.views.network_view import ViewData, build_view
from resilience_kg.views.page import write_page
from resilience_kg.views.report import write_report

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, list[str], Path]:
    out = tmp_path_factory.mktemp("timeline")
    pool = generate.timeline_corpus(out)["pools"][0]  # type: ignore[index]
    return load_graph([out], bundled=False), list(pool), out


@pytest.fixture(scope="module")
def timed(corpus: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[ViewData, Path]:
    kg = corpus[0]
    data = build_view(kg, "full")
    return data, write_page(build_view(kg, "full"), tmp_path_factory.mktemp("timed") / "full.html")


def visible(page: Page) -> set[str]:
    return set(page.evaluate("rkgView.visibleNodeIds()"))


def expected(data: ViewData, lo: str, hi: str) -> set[str]:
    return {n["id"] for n in data.nodes if not n.get("dates") or any(lo <= d <= hi for d in n["dates"])}


def test_time_handles_hide_what_lies_outside_the_range(page: Page, log: PageLog, timed: Any, corpus: Any) -> None:
    data, path = timed
    pool = corpus[1]
    open_page(page, path)
    assert page.locator("#rkg-time").is_visible()
    assert visible(page) == {n["id"] for n in data.nodes}
    assert page.locator("#rkg-time-label").text_content() == "2019-03-14 \u2013 2021-02-10 (4 dari 4 tanggal)"
    page.locator("#rkg-from").fill("2")  # from 2020-06-20
    wait_until(page, f"rkgView.visibleNodeIds().length === {len(expected(data, '2020-06-20', '2021-02-10'))}")
    shown = visible(page)
    assert shown == expected(data, "2020-06-20", "2021-02-10")
    assert pool[1] not in shown and pool[2] not in shown  # seen only in 2019
    assert pool[0] in shown and pool[4] in shown
    assert any(n["kind"] == "pillar" and n["id"] in shown for n in data.nodes)  # timeless: always there
    # Links follow: none reaches a hidden node, and a link dated outside the range is hidden.
    edges = {e["id"]: e for e in data.edges}
    for eid in page.evaluate("rkgView.visibleEdgeIds()"):
        e = edges[eid]
        assert e["from"] in shown and e["to"] in shown
        assert not e.get("dates") or any(d >= "2020-06-20" for d in e["dates"])
    page.locator("#rkg-until").fill("2")  # until 2020-06-20 too: one date
    wait_until(page, f"rkgView.visibleNodeIds().length === {len(expected(data, '2020-06-20', '2020-06-20'))}")
    assert pool[4] in visible(page) and pool[3] in visible(page)
    assert page.locator("#rkg-time-label").text_content() == "2020-06-20 \u2013 2020-06-20 (1 dari 4 tanggal)"
    assert log.problems() == []


def test_time_handles_never_cross(page: Page, timed: Any) -> None:
    data, path = timed
    open_page(page, path)
    page.locator("#rkg-until").fill("1")
    page.locator("#rkg-from").fill("3")  # past "until": it pushes "until" along
    assert page.locator("#rkg-until").input_value() == "3"
    page.locator("#rkg-until").fill("0")  # before "from": it pulls "from" back
    assert page.locator("#rkg-from").input_value() == "0"
    wait_until(page, f"rkgView.visibleNodeIds().length === {len(expected(data, '2019-03-14', '2019-03-14'))}")


def test_a_view_without_dates_has_no_time_control(page: Page, tmp_path: Path) -> None:
    # Strip the dates: a graph with no dated event has nothing to filter by.
    data = build_view(load_graph(), "actor:BPBD")
    data.dates = []
    for n in data.nodes:
        n.pop("dates", None)
    open_page(page, write_page(data, tmp_path / "x.html"))
    assert not page.locator("#rkg-time").is_visible()
    assert len(visible(page)) == len(data.nodes)


@pytest.fixture(scope="module")
def pillars_view(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> tuple[ViewData, Path]:
    data = build_view(kg, "actors-pillars")
    return data, write_page(build_view(kg, "actors-pillars"), tmp_path_factory.mktemp("ap") / "ap.html")


def test_presence_only_links_wait_behind_their_toggle(page: Page, log: PageLog, pillars_view: Any) -> None:
    data, path = pillars_view
    open_page(page, path)
    presence = {e["id"] for e in data.edges if e["presence_only"]}
    assert presence
    box = page.locator("#rkg-presence")
    assert box.is_visible() and not box.is_checked()
    assert set(page.evaluate("rkgView.visibleEdgeIds()")) == {e["id"] for e in data.edges} - presence
    box.check()
    assert set(page.evaluate("rkgView.visibleEdgeIds()")) == {e["id"] for e in data.edges}
    box.uncheck()
    assert not set(page.evaluate("rkgView.visibleEdgeIds()")) & presence
    assert log.problems() == []


# Each node's box as drawn: its shape and its label, from vis-network's own measurements.
DRAWN_BOXES_JS = """() => {
    const out = {};
    for (const id of rkgView.visibleNodeIds()) {
        const n = rkgView.network.body.nodes[id];
        // vis-network measures a label where it would stand without font.vadjust, then draws it
        // shifted by vadjust (a pillar's label above its star): the drawn box is the shifted one.
        const r = n.options.size, l = n.labelModule.size, dy = (n.options.font && n.options.font.vadjust) || 0;
        out[id] = [Math.min(n.x - r, l.left), Math.min(n.y - r, l.top + dy),
                   Math.max(n.x + r, l.left + l.width), Math.max(n.y + r, l.top + dy + l.height)];
    }
    return out;
}"""


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_two_labels_overlap_as_drawn(page: Page, log: PageLog, pillars_view: Any, lang: str) -> None:
    data, path = pillars_view
    open_page(page, path)
    page.select_option("#rkg-lang", lang)
    page.wait_for_timeout(100)  # one redraw, so the labels are measured in this language
    boxes = page.evaluate(DRAWN_BOXES_JS)
    assert set(boxes) == {n["id"] for n in data.nodes}
    clashes = [(a, b) for a, b in combinations(sorted(boxes), 2)
               if boxes[a][0] < boxes[b][2] and boxes[b][0] < boxes[a][2]
               and boxes[a][1] < boxes[b][3] and boxes[b][1] < boxes[a][3]]
    assert clashes == []
    # Pillars stay where Python fixed them.
    pos = page.evaluate("rkgView.network.getPositions()")
    for n in data.nodes:
        if n["kind"] == "pillar":
            assert abs(pos[n["id"]]["x"] - n["x"]) < 1 and abs(pos[n["id"]]["y"] - n["y"]) < 1
    # Every label lies inside the canvas after the fit (none cut off at an edge).
    inside = page.evaluate("""() => {
        const c = document.querySelector('#rkg-network canvas').getBoundingClientRect();
        return rkgView.visibleNodeIds().every(id => {
            const l = rkgView.network.body.nodes[id].labelModule.size;
            const a = rkgView.network.canvasToDOM({x: l.left, y: l.top});
            const b = rkgView.network.canvasToDOM({x: l.left + l.width, y: l.top + l.height});
            return a.x >= 0 && a.y >= 0 && b.x <= c.width && b.y <= c.height;
        });
    }""")
    assert inside
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"view-actors-pillars-{lang}.png"))
    assert log.problems() == []


def test_report_periods_and_chart_load_offline(page: Page, log: PageLog, corpus: Any, tmp_path: Path) -> None:
    report = write_report(corpus[0], tmp_path / "report")[0]
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert page.locator("section.period").count() == 3
    assert page.evaluate("document.getElementById('timeline-chart').naturalWidth") > 300
    assert page.locator("#matrix-legend span.swatch").count() == 5
    assert "Leavers: not known yet" in (page.locator("#period-2021").text_content() or "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#timeline-chart").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report-over-time.png"))
    assert log.problems() == []
