"""Build the dataset: load, validate, and write ``graph.trig``, ``graph.ttl`` and a summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from resilience_kg.errors import ValidationFailed
from resilience_kg.files import atomic_write
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.graph.export import serialize
from resilience_kg.graph.summary import Summary, summarize
from resilience_kg.graph.validate import ValidationReport, validate


@dataclass
class BuildResult:
    kg: KnowledgeGraph
    summary: Summary
    report: ValidationReport | None
    files: list[Path] = field(default_factory=list)


def build(
    data: Sequence[str | Path] = (),
    *,
    bundled: bool = True,
    out: str | Path = "out",
    check: bool = True,
    store: str | Path | None = None,
    include_drafts: bool = False,
) -> BuildResult:
    """Load the data, validate it (unless ``check=False``) and write it to ``out`` (and to an
    on-disk store at ``store``, if given). Draft rows are loaded only with ``include_drafts``,
    into the draft graph; rejected rows never.

    Nothing is written when the data does not conform: :class:`ValidationFailed` carries the
    report instead.
    """
    if store is not None:
        from resilience_kg.graph.store import check_target

        check_target(Path(store))  # refuse a bad target before writing anything
    kg = load_graph(data, bundled=bundled, include_drafts=include_drafts)
    report = validate(kg) if check else None
    if report is not None and not report.conforms:
        raise ValidationFailed(report)
    summary = summarize(kg)
    out = Path(out)
    files = [
        atomic_write(out / "graph.trig", serialize(kg, "trig")),
        atomic_write(out / "graph.ttl", serialize(kg, "turtle")),
        atomic_write(out / "summary.md", summary.to_markdown().encode()),
        atomic_write(out / "summary.json", summary.to_json().encode()),
    ]
    if store is not None:
        from resilience_kg.graph.store import save_store

        files.append(save_store(kg, store))
    return BuildResult(kg=kg, summary=summary, report=report, files=files)
