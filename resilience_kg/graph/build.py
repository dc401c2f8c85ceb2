"""Build the dataset: load, validate, and write ``graph.trig``, ``graph.ttl`` and a summary (and
the on-disk store), as one set: all new, or, if the build fails or is killed, all as before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from resilience_kg.errors import ValidationFailed
from resilience_kg.files import OutputSet, clean_leftovers
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
    report instead. The outputs are written beside their targets and swapped in together once
    all are complete (:class:`~resilience_kg.files.OutputSet`); the leftovers of a build that was
    killed are cleaned up (or, if it was killed while swapping, its swap is finished) first.
    """
    out = Path(out)
    names = ["graph.trig", "graph.ttl", "summary.md", "summary.json"]
    outputs = OutputSet(out, files=[out / n for n in names], folders=[Path(store)] if store is not None else [])
    for target in [*(out / n for n in names), *([Path(store)] if store is not None else [])]:
        clean_leftovers(target)  # a killed build's, even if this one stops at validation
    if store is not None:
        from resilience_kg.graph.store import check_target

        check_target(Path(store))  # refuse a bad target before writing anything
    kg = load_graph(data, bundled=bundled, include_drafts=include_drafts)
    report = validate(kg) if check else None
    if report is not None and not report.conforms:
        raise ValidationFailed(report)
    summary = summarize(kg)
    with outputs:
        outputs.write(out / "graph.trig", serialize(kg, "trig"))
        outputs.write(out / "graph.ttl", serialize(kg, "turtle"))
        outputs.write(out / "summary.md", summary.to_markdown().encode())
        outputs.write(out / "summary.json", summary.to_json().encode())
        if store is not None:
            from resilience_kg.graph.store import write_store

            outputs.folder(Path(store), lambda folder: write_store(kg, folder))
    files = [out / n for n in names] + ([Path(store)] if store is not None else [])
    return BuildResult(kg=kg, summary=summary, report=report, files=files)
