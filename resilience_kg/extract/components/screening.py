"""The "actor-filter" component: the drafted actors the learned filter
(:mod:`~resilience_kg.extract.recognise.actor_filter`) judges not bodies are set aside.

It runs once the rows are drafted, so that a reviewer can restore an actor with everything the
report said of it: the actor's row and every connection to or from it are written ``rejected``,
the actor's row with the method ``model:actor-filter`` and a note giving the filter's score. The
scorer and the build read no rejected row; the review page shows them under "rejected".
"""

from __future__ import annotations

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.recognise import actor_filter, name_tagger


def screen(doc: Document) -> None:
    """Set aside the drafted actors scoring below the filter's threshold (never one the gazetteer
    or the graph knows by its exact name)."""
    if not doc.actors:
        return
    model = actor_filter.model()
    names = name_tagger.names(doc.text, doc.sentences, doc.mentions, doc.context.gazetteer)
    below = actor_filter.set_aside(doc.actors, text=doc.text, clauses=doc.clauses, language=doc.language,
                                   gazetteer=doc.context.gazetteer, using=model, names=names)
    aside = {doc.actors[n].id: s for n, s in below.items() if doc.actors[n].id}
    if not aside:
        return
    for row in doc.draft.elements:
        score = aside.get(row.get("id", ""))
        if score is None or row.get("status") != "draft":
            continue
        row["status"] = "rejected"
        row["method"] = f"{actor_filter.METHOD}; {row['method']}" if row.get("method") else actor_filter.METHOD
        note = (f"set aside by the actor filter (score {score:.3f}, below {model.threshold:.2f}): "
                "likely no body; accept it, and its connections, to restore it")
        row["note"] = f"{note}; {row['note']}" if row.get("note") else note
    for row in doc.draft.connections:
        if row.get("status") == "draft" and (row.get("from") in aside or row.get("to") in aside):
            row["status"] = "rejected"
            who = row["from"] if row.get("from") in aside else row["to"]
            note = f"set aside with {who} by the actor filter"
            row["note"] = f"{note}; {row['note']}" if row.get("note") else note
