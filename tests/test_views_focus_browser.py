"""Views that behave (issue 23, §3), in Chromium: an actor view is centred on its actor,
highlighted and fitted with every label inside the canvas; the time range shows exactly the
nodes of its window, as drawn, and nodes that come back return to their places rather than
piling up in the centre; with one date the time control says so instead of showing two stacked
handles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers.browser import PageLog, node_screen_position, open_page, wait_until

from resilience_kg.analysis.timeline import timeline
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.views.network_view import build_view
from resilience_kg.views.page import write_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

YEARS = {"2019": ("2019-01-01", "2019-12-31"), "2020": ("2020-01-01", "2020-12-31"),
         "2021": ("2021-01-01", "2021-12-31")}


@pytest.fixture(scope="module")
def tkg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    out = tmp_path_factory.mktemp("timeline")
    generate.timeline_corpus(out)
    return load_graph([out], bundled=False)


def drawn(page: Page) -> set[str]:
    """The nodes vis-network draws (not only those the filter lets through)."""
    return set(page.evaluate("rkgView.network.body.nodeIndices"))


def canvas_box(page: Page) -> dict[str, float]:
    box = page.locator("#rkg-network canvas").bounding_box()
    assert box is not None
    return box


def label_boxes(page: Page) -> dict[str, tuple[float, float, float, float]]:
    """Each drawn node's box with its label, in page coordinates."""
    boxes = page.evaluate("""() => {
        const net = rkgView.network, out = {};
        const c = document.querySelector("#rkg-network canvas").getBoundingClientRect();
        for (const id of net.body.nodeIndices) {
            const b = net.getBoundingBox(id);
            const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
            out[id] = [c.left + a.x, c.top + a.y, c.left + z.x, c.top + z.y];
        }
        return out;
    }""")
    return {k: tuple(v) for k, v in boxes.items()}


@pytest.mark.parametrize("width", [1000, 1400])
def test_an_actor_view_is_centred_on_its_actor_highlighted_and_fitted(
    page: Page, log: PageLog, kg: KnowledgeGraph, tmp_path: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    data = build_view(kg, "actor:BPBD")
    open_page(page, write_page(data, tmp_path / "bpbd.html"))
    box = canvas_box(page)
    x, y = node_screen_position(page, "bpbd")
    assert abs(x - (box["x"] + box["width"] / 2)) < 0.02 * box["width"]
    assert abs(y - (box["y"] + box["height"] / 2)) < 0.02 * box["height"]
    focal = page.evaluate("rkgView.nodes.get('bpbd')")
    assert focal["borderWidth"] == 4 and focal["font"]["bold"] is True and focal["fixed"] == {"x": True, "y": True}
    boxes = label_boxes(page)
    assert set(boxes) == {n["id"] for n in data.nodes}
    slack = 2.0
    for node, (left, top, right, bottom) in boxes.items():  # every node and label inside the canvas
        assert left >= box["x"] - slack and right <= box["x"] + box["width"] + slack, node
        assert top >= box["y"] - slack and bottom <= box["y"] + box["height"] + slack, node
    fl, ft, fr, fb = boxes["bpbd"]
    for node, (left, top, right, bottom) in boxes.items():  # nothing sits on the focal actor
        if node != "bpbd":
            assert right <= fl or left >= fr or bottom <= ft or top >= fb, node
    # Fitted: the drawing fills the canvas in one direction at least.
    xs = [v for b in boxes.values() for v in (b[0], b[2])]
    ys = [v for b in boxes.values() for v in (b[1], b[3])]
    assert (max(xs) - min(xs)) > 0.8 * box["width"] or (max(ys) - min(ys)) > 0.8 * box["height"]
    assert log.problems() == []


@pytest.mark.parametrize("view", ["full", "actors-pillars"])
def test_the_time_range_draws_exactly_its_window_and_nodes_come_back_in_place(
    page: Page, log: PageLog, tkg: KnowledgeGraph, tmp_path: Path, view: str
) -> None:
    data = build_view(tkg, view)
    open_page(page, write_page(data, tmp_path / "v.html"))
    page.wait_for_timeout(300)  # let physics (the full view) settle; it stops itself when stable
    wait_until(page, "!rkgView.network.physics.physicsEnabled || rkgView.network.physics.stabilized")
    before = page.evaluate("rkgView.network.getPositions()")
    active = timeline(tkg).active()
    for year, (lo, hi) in YEARS.items():
        page.evaluate(f"rkgView.setTimeWindow('{lo}', '{hi}')")
        want = {n["id"] for n in data.nodes if not n.get("dates") or any(lo <= d <= hi for d in n["dates"])}
        wait_until(page, f"rkgView.network.body.nodeIndices.length === {len(want)}")
        shown = drawn(page)
        assert shown == want, year
        actors = {n["id"] for n in data.nodes if n["kind"] == "actor"}
        assert shown & actors == set(active[year]), year  # every attendee of the year, and no one else
    page.evaluate("rkgView.setTimeWindow('2000-01-01', '2100-12-31')")
    wait_until(page, f"rkgView.network.body.nodeIndices.length === {len(data.nodes)}")
    after = page.evaluate("rkgView.network.getPositions()")
    moved = {n: (before[n], after[n]) for n in before
             if abs(before[n]["x"] - after[n]["x"]) + abs(before[n]["y"] - after[n]["y"]) > 1}
    assert moved == {}  # back where they were, not piled up in the centre
    assert log.problems() == []


def test_with_one_date_the_time_control_says_one_date(page: Page, log: PageLog, kg: KnowledgeGraph,
                                                     tmp_path: Path) -> None:
    data = build_view(kg, "full")
    assert data.dates == ["2019-11-28"]
    open_page(page, write_page(data, tmp_path / "full.html"))
    assert page.locator("#rkg-time").is_visible()
    assert page.locator("#rkg-time-label").inner_text() == "Satu tanggal: 2019-11-28"  # the bundled data's language
    page.select_option("#rkg-lang", "en")
    assert page.locator("#rkg-time-label").inner_text() == "One date: 2019-11-28"
    for control in ("#rkg-from", "#rkg-until", "label[for=rkg-from]", "label[for=rkg-until]"):
        assert page.locator(control).is_hidden(), control
    assert len(drawn(page)) == len(data.nodes)
    assert log.problems() == []


def test_a_view_of_several_dates_keeps_its_two_handles(page: Page, tkg: KnowledgeGraph, tmp_path: Path) -> None:
    open_page(page, write_page(build_view(tkg, "full"), tmp_path / "full.html"))
    assert page.locator("#rkg-from").is_visible() and page.locator("#rkg-until").is_visible()
    assert "One date" not in page.locator("#rkg-time-label").inner_text()


