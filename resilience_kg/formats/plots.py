"""Pictures of the analysis: the actor-by-pillar heatmap, the brokers bar chart and the timeline (PNG).

Needs matplotlib (the ``plots`` extra: ``pip install 'resilience-kg[plots]'``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from resilience_kg.analysis.pillar_links import display_name
from resilience_kg.analysis.projection import notation
from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write

if TYPE_CHECKING:
    from collections.abc import Mapping

    from resilience_kg.analysis.analyze import Analysis
    from resilience_kg.analysis.timeline import Timeline


def _pyplot():  # type: ignore[no-untyped-def]
    try:
        import matplotlib
    except ImportError as exc:
        raise ResilienceKGError("plots need matplotlib: pip install 'resilience-kg[plots]'") from exc
    matplotlib.use("Agg")  # files only, no window; works on a server with no display
    import matplotlib.pyplot as plt

    return plt


def _save(fig: object, path: Path) -> Path:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")  # type: ignore[attr-defined]
    return atomic_write(path, buf.getvalue())


def heatmap(analysis: Analysis, path: str | Path) -> Path:
    """The actor-by-pillar matrix as a heatmap, actors sorted by their strongest pillar."""
    plt = _pyplot()
    g = analysis.graph
    cols = analysis.pillars
    rows = sorted(
        (a for a, r in analysis.matrix.items() if any(r.values())),
        key=lambda a: (-max(analysis.matrix[a].values()), a),
    )
    data = [[analysis.matrix[a][p] for p in cols] for a in rows]
    fig, ax = plt.subplots(figsize=(2.2 + 1.3 * len(cols), 1.0 + 0.32 * max(1, len(rows))))
    image = ax.imshow(data or [[0.0] * len(cols)], cmap="YlOrRd", aspect="auto", vmin=0)
    ax.set_xticks(range(len(cols)), [notation(g, p) for p in cols])
    ax.set_yticks(range(len(rows)), [display_name(g, a) for a in rows])
    top = max((max(r) for r in data), default=0.0)
    for i, row in enumerate(data):
        for j, value in enumerate(row):
            if value:
                colour = "white" if value > 0.6 * top else "black"  # readable on dark cells
                ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=7, color=colour)
    title = "Actor-pillar connection strength" + (" (report only)" if analysis.report_only else "")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="strength")
    out = _save(fig, Path(path))
    plt.close(fig)
    return out


def brokers_chart(analysis: Analysis, path: str | Path, *, top: int = 15) -> Path:
    """The brokers (actors linked to two or more pillars) by betweenness, as a bar chart."""
    plt = _pyplot()
    g = analysis.graph
    chosen = analysis.brokers[:top]
    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.4 * max(1, len(chosen))))
    if chosen:
        names = [display_name(g, b.actor) for b in reversed(chosen)]
        ax.barh(names, [b.betweenness for b in reversed(chosen)], color="#c0504d")
        ax.set_xlabel("betweenness on the actor-pillar graph")
    else:
        ax.text(0.5, 0.5, "No actor works on two or more pillars", ha="center", va="center")
        ax.set_axis_off()
    ax.set_title("Brokers between pillars")
    out = _save(fig, Path(path))
    plt.close(fig)
    return out


def write_plots(analysis: Analysis, folder: str | Path) -> list[Path]:
    """Write ``heatmap.png`` and ``brokers.png`` into ``folder``."""
    folder = Path(folder)
    return [heatmap(analysis, folder / "heatmap.png"), brokers_chart(analysis, folder / "brokers.png")]


def timeline_chart(tl: Timeline, path: str | Path) -> Path:
    """The timeline as two bar charts: actors taking part per period with the newcomers and the
    leavers, and the actors touching each pillar per period."""
    return atomic_write(Path(path), timeline_png(tl))


def timeline_png(tl: Timeline, *, words: Mapping[str, str] | None = None) -> bytes:
    """The PNG of :func:`timeline_chart` (its words in another language: see :func:`timeline_figure`)."""
    import io

    plt = _pyplot()
    fig = timeline_figure(tl, words=words)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)
    return buf.getvalue()


#: The words of the timeline chart, in English as it draws them; ``{by}``: year, quarter or month.
CHART_WORDS = ("Actors per {by}", "Actors per pillar, per {by}", "actors", "actors touching the pillar", "took part",
               "newcomers", "leavers (last seen)", "No dated event in the window", "No pillar in the graph",
               "year", "quarter", "month")

#: Colours of the timeline's bars: taking part, newcomers, leavers.
_FLOW_COLOURS = ("#4e79a7", "#59a14f", "#e15759")
_PILLAR_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#bab0ac")


def timeline_figure(tl: Timeline, *, words: Mapping[str, str] | None = None) -> object:
    """The matplotlib figure of :func:`timeline_chart` (for tests and notebooks to look into).

    Bars, grouped per period, so that one period draws as well as fifty (a line or an area over
    one period draws nothing); every axis starts at zero; the legends sit to the right of the
    plots, never over the bars. ``words`` puts its titles, axis labels and legend in another
    language: each English text of :data:`CHART_WORDS` to its translation.
    """
    given = words or {}

    def w(text: str) -> str:
        return given.get(text, text).format(by=given.get(tl.by, tl.by))

    plt = _pyplot()
    periods = tl.periods
    active = tl.active()
    width_in = max(6.0, 2.5 + 0.55 * len(periods) * max(1, min(3, len(tl.pillars) // 2)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(min(width_in, 18.0), 7))
    if not periods:
        for ax in (top, bottom):
            ax.text(0.5, 0.5, w("No dated event in the window"), ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        top.set_title(w("Actors per {by}"))
        return fig
    x = list(range(len(periods)))
    flows = [(w("took part"), [len(active[p]) for p in periods]),
             (w("newcomers"), [len(tl.newcomers[p]) for p in periods]),
             # The last period has no leavers yet: its bar is left out rather than drawn as a zero.
             (w("leavers (last seen)"), [len(tl.leavers[p]) for p in periods[:-1]])]
    _grouped_bars(top, x, flows, _FLOW_COLOURS)
    top.set_ylabel(w("actors"))
    top.set_title(w("Actors per {by}"))
    series = [(tl.notation(pl), [tl.pillar_actors[p].get(pl, 0) for p in periods]) for pl in tl.pillars]
    if series:
        _grouped_bars(bottom, x, series, _PILLAR_COLOURS)
    else:
        bottom.text(0.5, 0.5, w("No pillar in the graph"), ha="center", va="center", transform=bottom.transAxes)
    bottom.set_ylabel(w("actors touching the pillar"))
    bottom.set_title(w("Actors per pillar, per {by}"))
    many = len(periods) > 8
    for ax in (top, bottom):
        ax.set_xticks(x, periods, rotation=45 if many else 0, ha="right" if many else "center")
        ax.set_xlim(-0.6, len(periods) - 0.4)
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)  # counts of actors: no 2.5 ticks
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def _grouped_bars(ax: object, x: list[int], series: list[tuple[str, list[int]]], colours: tuple[str, ...]) -> None:
    """One bar per series in each period's slot, side by side (a series may stop early)."""
    n = len(series)
    width = 0.8 / n
    for i, (label, values) in enumerate(series):
        offset = -0.4 + width * (i + 0.5)
        ax.bar([x[j] + offset for j in range(len(values))], values, width=width,  # type: ignore[attr-defined]
               label=label, color=colours[i % len(colours)])
