"""What the statement tests share: the statements a passage drafts, with their proposers and parties."""

from __future__ import annotations

import functools

from resilience_kg.extract.components import Context, Document, run
from resilience_kg.extract.gazetteer import Gazetteer, load_gazetteer


@functools.cache
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def drafted(text: str) -> dict[str, tuple[str, str, list[tuple[str, str]]]]:
    """Each Solution and Commitment row drafted from ``text``, by its lower-case label: (type, status,
    [(proposer or party label, method)])."""
    doc = run(Document(text, Context(gazetteer=gazetteer())))
    rows = {r["id"]: r for r in doc.draft.elements}
    out = {}
    for row in doc.draft.elements:
        if row["type"] not in ("Solution", "Commitment"):
            continue
        links = [c for c in doc.draft.connections if c["from"] == row["id"]]
        status = next((c["to"].rsplit("-", 1)[-1] for c in links if c["type"] == "commitmentStatus"), "")
        who = [(rows[c["to"]]["label_id"] or rows[c["to"]]["label_en"], c["method"]) for c in links
               if c["type"] in ("committedBy", "proposedBy")]
        out[(row["label_id"] or row["label_en"]).lower()] = (row["type"], status, who)
    return out


def who(found: dict[str, tuple[str, str, list[tuple[str, str]]]], label: str) -> list[str]:
    """The proposers or parties of the statement ``label`` of ``drafted``'s answer, by their labels."""
    return [name for name, _ in found[label][2]]


def issues(text: str) -> list[str]:
    """The quotes of the Issue rows drafted from ``text``."""
    doc = run(Document(text, Context(gazetteer=gazetteer())))
    return [row["quote"] for row in doc.draft.elements if row["type"] == "Issue"]


def jakarta_pillar(text: str, quote: str) -> str | None:
    """The Jakarta pillar an Issue row quoting ``quote`` in ``text`` is drafted under (None: none)."""
    from resilience_kg.extract.draft import ELEMENT_HEADER, Draft, IdMaker
    from resilience_kg.extract.pillars.links import add_pillar_links
    from resilience_kg.extract.pillars.strategy import load_strategies

    draft = Draft()
    row = dict.fromkeys(ELEMENT_HEADER, "")
    start = text.index(quote)
    row.update(id="i1", type="Issue", label_id=quote, basis="report", status="draft", source="r", quote=quote,
               start=str(start), end=str(start + len(quote)))
    draft.elements.append(row)
    taken = {"jakarta-siap", "jakarta-sehat", "jakarta-terhubung", "jakarta-resilience-strategy"}
    add_pillar_links(draft, text, city="DKI Jakarta", ids=IdMaker(taken, "r"), strategies=load_strategies([]))
    return next((c["to"] for c in draft.connections if c["type"] == "underPillar"), None)
