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
    """The timeline as two charts: actors active per period with newcomers and leavers (lines),
    and actors per pillar per period (stacked areas)."""
    return atomic_write(Path(path), timeline_png(tl))


def timeline_png(tl: Timeline) -> bytes:
    """The PNG of :func:`timeline_chart`."""
    import io

    plt = _pyplot()
    periods = tl.periods
    active = tl.active()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(6.0, 1.0 + 0.6 * len(periods)), 7), sharex=True)
    x = list(range(len(periods)))
    if periods:
        top.plot(x, [len(active[p]) for p in periods], marker="o", color="#4e79a7", label="active")
        top.plot(x, [len(tl.newcomers[p]) for p in periods], marker="^", color="#59a14f", label="newcomers")
        # The last period has no leavers yet: its point is left out rather than drawn as a zero.
        top.plot(x[:-1], [len(tl.leavers[p]) for p in periods[:-1]], marker="v", color="#e15759", label="leavers")
        top.legend(loc="upper left", fontsize=8)
        series = [[tl.pillar_actors[p].get(pl, 0) for p in periods] for pl in tl.pillars]
        if series:
            bottom.stackplot(x, series, labels=[tl.notation(pl) for pl in tl.pillars], alpha=0.85)
            bottom.legend(loc="upper left", fontsize=8)
        many = len(periods) > 8
        bottom.set_xticks(x, periods, rotation=45 if many else 0, ha="right" if many else "center")
    else:
        top.text(0.5, 0.5, "No dated event in the window", ha="center", va="center")
    top.set_ylabel("actors")
    top.set_title(f"Actors per {tl.by}")
    bottom.set_ylabel("actors touching the pillar")
    bottom.set_title(f"Actors per pillar, per {tl.by}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()
