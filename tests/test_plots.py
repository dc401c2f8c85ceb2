"""The charts the project draws, with one, two and ten periods: what is drawn (matplotlib's
artists), not only that a file exists (issue 23, §2).

A line or an area over one period draws nothing; bars draw one period as well as fifty. Every
axis starts at zero, and the legends sit beside the plots, never over the bars.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from helpers import extra

from resilience_kg.analysis.analyze import analyze
from resilience_kg.analysis.timeline import ActorPeriod, Timeline, timeline
from resilience_kg.analysis.window import Coverage, Window
from resilience_kg.formats.plots import brokers_chart, heatmap, timeline_figure, timeline_png
from resilience_kg.graph.dataset import KnowledgeGraph

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Rectangle = extra("matplotlib.patches", extra="plots").Rectangle

PILLARS = ("SEHAT", "SIAP")


def made_up(periods: int) -> Timeline:
    """A timeline of ``periods`` years: in year i actors a0 to a(i+1) take part, one new each year
    after the first, except that a0 is last seen in the second-last year; in year i, i + 2 actors
    touch SEHAT and i + 1 touch SIAP."""
    g = nx.MultiDiGraph()
    for p in PILLARS:
        g.add_node(p.lower(), kind="pillar", notation=p)
    names = [str(2010 + i) for i in range(periods)]
    rows, newcomers, leavers, pillar_actors = [], {}, {}, {}
    for i, year in enumerate(names):
        present = [f"a{j}" for j in range(i + 2) if not (j == 0 and i == periods - 1 and periods > 1)]
        rows += [ActorPeriod(a, year, [f"e{i}"], {"participant": 1}, {}) for a in present]
        newcomers[year] = [f"a{j}" for j in range(i + 2)] if i == 0 else [f"a{i + 1}"]
        leavers[year] = ["a0"] if i == periods - 2 else []
        pillar_actors[year] = {"sehat": i + 2, "siap": i + 1}
    coverage = Coverage(Window(), [(f"e{i}", f"{y}-06-01") for i, y in enumerate(names)], periods)
    return Timeline(graph=g, by="year", periods=names, rows=rows, newcomers=newcomers, leavers=leavers,
                    pillar_actors=pillar_actors, pillar_sectors={y: {} for y in names}, coverage=coverage)


def bars(ax: Axes) -> dict[str, list[tuple[float, float]]]:
    """Each legend label's bars as (centre x, height)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for container in ax.containers:
        label = container.get_label()
        out[label] = [(r.get_x() + r.get_width() / 2, r.get_height()) for r in container if isinstance(r, Rectangle)]
    return out


def assert_readable(fig: Figure, ax: Axes) -> None:
    """Zero at the bottom; every bar inside the plot and wide enough to see; the legend beside it."""
    fig.canvas.draw()
    assert ax.get_ylim()[0] == 0
    left, right = ax.get_xlim()
    patches = [r for r in ax.patches if isinstance(r, Rectangle)]
    assert patches and all(left <= r.get_x() and r.get_x() + r.get_width() <= right for r in patches)
    plot_width = ax.get_window_extent().width
    assert all(ax.transData.transform((r.get_width(), 0))[0] - ax.transData.transform((0, 0))[0]
               >= 0.02 * plot_width for r in patches)
    legend = ax.get_legend()
    assert legend is not None
    assert legend.get_window_extent().x0 >= ax.get_window_extent().x1  # to the right, over no bar


@pytest.mark.parametrize("periods", [1, 2, 10])
def test_the_timeline_draws_a_bar_per_period_and_series(periods: int) -> None:
    import matplotlib.pyplot as plt

    tl = made_up(periods)
    fig = timeline_figure(tl)
    top, bottom = fig.axes[:2]
    try:
        drawn = bars(top)
        assert [h for _, h in drawn["took part"]] == [len(tl.active()[p]) for p in tl.periods]
        assert [h for _, h in drawn["newcomers"]] == [len(tl.newcomers[p]) for p in tl.periods]
        # No leavers are known for the last period: one bar fewer, not a zero drawn as a fact.
        assert [h for _, h in drawn["leavers (last seen)"]] == [len(tl.leavers[p]) for p in tl.periods[:-1]]
        per_pillar = bars(bottom)
        assert set(per_pillar) == set(PILLARS)
        assert [h for _, h in per_pillar["SEHAT"]] == [i + 2 for i in range(periods)]
        assert [h for _, h in per_pillar["SIAP"]] == [i + 1 for i in range(periods)]
        # Each period's bars sit around its tick, in order.
        ticks = [t.get_text() for t in bottom.get_xticklabels()]
        assert ticks == tl.periods
        for series in (*drawn.values(), *per_pillar.values()):
            assert [round(x) for x, _ in series] == list(range(len(series)))
        for ax in (top, bottom):
            assert_readable(fig, ax)
    finally:
        plt.close(fig)


def test_the_timeline_png_of_the_bundled_data_is_one_group_of_bars(kg: KnowledgeGraph) -> None:
    import matplotlib.pyplot as plt

    tl = timeline(kg)
    assert tl.periods == ["2019"]
    fig = timeline_figure(tl)
    try:
        assert [h for _, h in bars(fig.axes[0])["took part"]] == [22]
        assert sum(h for s in bars(fig.axes[1]).values() for _, h in s) > 0  # the pillars are drawn
        assert_readable(fig, fig.axes[0])
    finally:
        plt.close(fig)
    assert timeline_png(tl)[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_empty_timeline_says_so_rather_than_drawing_empty_axes() -> None:
    import matplotlib.pyplot as plt

    tl = made_up(1)
    tl.periods, tl.rows = [], []
    fig = timeline_figure(tl)
    try:
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert "No dated event in the window" in texts
        assert not any(ax.patches for ax in fig.axes)
    finally:
        plt.close(fig)


def test_heatmap_and_brokers_charts_draw_the_analysis(kg: KnowledgeGraph, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    a = analyze(kg)
    shown: dict[str, Any] = {}
    monkeypatch.setattr(plt, "close", lambda fig: shown.setdefault("figs", []).append(fig))
    heatmap(a, tmp_path / "h.png")
    brokers_chart(a, tmp_path / "b.png")
    h, b = shown["figs"]
    image = h.axes[0].get_images()[0]
    assert image.get_array().shape[1] == len(a.pillars) and image.get_clim()[0] == 0
    broker_ax = b.axes[0]
    assert [r.get_width() for r in broker_ax.patches] == pytest.approx([x.betweenness for x in reversed(a.brokers)])
    assert broker_ax.get_xlim()[0] == 0
