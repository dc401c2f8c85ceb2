"""Components that write the draft rows: the rows of every kind, then the pillar links."""

from __future__ import annotations

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.draft import build_draft


def draft(doc: Document) -> None:
    """The element and connection rows of what the earlier components found."""
    doc.draft = build_draft(doc.text, source_id=doc.context.source_id, actors=doc.actors, event=doc.event,
                            sessions=doc.sessions, items=doc.items, agreements=doc.agreements,
                            posts=doc.acting_posts, collectives_seen=doc.collectives, ids=doc.context.id_maker,
                            city=doc.city, clauses=doc.clauses, language=doc.language,
                            sentences=doc.sentences)


def pillars(doc: Document) -> None:
    """The pillar links of the drafted issues, from the cue words of the city's strategy."""
    from resilience_kg.extract.pillars import add_pillar_links
    from resilience_kg.extract.pillars.strategy import load_strategies

    strategies = doc.context.strategies if doc.context.strategies is not None else load_strategies()
    add_pillar_links(doc.draft, doc.text, city=doc.city, ids=doc.context.id_maker, strategies=strategies)
