"""The extraction pipeline: a report becomes a :class:`~.document.Document`, segmented once, and
each component of :data:`PIPELINE`, in its order, reads what the earlier ones found and adds its
own (in the spirit of spaCy's ``add_pipe``). A component is a function ``(doc) -> None``; it can
be run alone on a small document whose fields it reads are set.

The order: the setting (language, city); the spans (mentions, posts, clauses, cues); the
mentions grouped into resolved actors, then their roles; what the report is about (event,
sessions, items, agreements, collectives); the acting posts; the draft rows, then pillar links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from resilience_kg.extract.components import attendance, contents, coreference, drafting, screening, setting, spans
from resilience_kg.extract.components.document import Context, Document


@dataclass(frozen=True)
class Component:
    """One named step of the pipeline."""

    name: str
    run: Callable[[Document], None]


#: The components, in the order they run.
PIPELINE: tuple[Component, ...] = (
    Component("language", setting.language),
    Component("city", setting.city),
    Component("mentions", spans.mentions),
    Component("posts", spans.posts),
    Component("clauses", spans.clauses),
    Component("cues", spans.cues),
    Component("actors", coreference.actors),
    # The event before the roles: whether a signing is the event decides who organises it.
    Component("event", contents.event),
    Component("roles", attendance.roles),
    Component("sessions", contents.sessions),
    Component("items", contents.items),
    Component("agreements", contents.agreements),
    Component("acting-posts", attendance.acting_posts),
    Component("collectives", contents.collectives),
    Component("draft", drafting.draft),
    Component("actor-filter", screening.screen),
    Component("pillars", drafting.pillars),
)


def run(doc: Document, pipeline: Sequence[Component] = PIPELINE) -> Document:
    """Run each component of ``pipeline`` on ``doc``, in order; return ``doc``."""
    for component in pipeline:
        component.run(doc)
    return doc


__all__ = ["PIPELINE", "Component", "Context", "Document", "run"]
