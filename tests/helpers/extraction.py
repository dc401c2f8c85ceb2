"""Shared ways the extraction tests run part of the pipeline on a made-up passage."""

from __future__ import annotations

import datetime as dt

from resilience_kg.extract.components import PIPELINE, Context, Document, attendance, run, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.draft import Actor
from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.recognise.actors import ActorMention, recognise
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences


def hand_mentions(text: str, *names: str) -> list[ActorMention]:
    """A mention of each name wherever the text writes it, in order: mentions set by hand, so a
    test checks what is read of the bodies, not how their names are found."""
    mentions = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            mentions.append(ActorMention(at, at + len(name), name, None, None, None, "", "test", 0.9))
            at = text.find(name, at + len(name))
    return sorted(mentions, key=lambda m: m.start)


def roles_and_cues(text: str, *names: str) -> dict[str, tuple[str, str]]:
    """Each named body's strongest role and its cue, with a mention wherever the text names it.

    The mentions are set by hand, so a test checks how roles are read, not how names are found.
    """
    doc = Document(text)
    mentions = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            acronym = name if name.isupper() else None
            mentions.append(ActorMention(at, at + len(name), name, acronym, None, None, "", "test", 0.9))
            at = text.find(name, at + len(name))
    doc.mentions = sorted(mentions, key=lambda m: m.start)
    for component in (spans.posts, spans.clauses, spans.cues, actors, attendance.roles):
        component(doc)
    return {a.mention.name: (a.role, a.role_cue) for a in doc.actors}


def roles(text: str, *names: str) -> dict[str, str]:
    """Each named body's strongest role (``roles_and_cues`` without the cue)."""
    return {name: role for name, (role, _) in roles_and_cues(text, *names).items()}


def pipeline_actors(text: str) -> list[Actor]:
    """The actors once the pipeline ran up to its "actors" component, with the bundled gazetteer."""
    doc = Document(text, Context(gazetteer=load_gazetteer()))
    names = [c.name for c in PIPELINE]
    run(doc, PIPELINE[:names.index("actors") + 1])
    return doc.actors


def found(text: str) -> list[ActorMention]:
    """The actor mentions the recogniser finds in a passage, with the bundled gazetteer."""
    return recognise(text, sentences(text), load_gazetteer())


def quotes(text: str) -> list[str]:
    """The text of each mention ``found`` in a passage, in order."""
    return [text[m.start:m.end] for m in found(text)]


def actor_names(text: str) -> list[str]:
    """The name of each actor once the pipeline ran up to its "actors" component."""
    return [a.mention.name for a in pipeline_actors(text)]


def actors_by_name(text: str) -> dict[str, Actor]:
    """Each actor once the pipeline ran up to its "actors" component, by its name."""
    return {a.mention.name: a for a in pipeline_actors(text)}


def event(text: str, published: dt.date | None = None) -> tuple[str | None, str | None, str | None]:
    """The report's event as drafted: its date, kind and label (all None when no event is found)."""
    found = find_event(text, sentences(text), published=published)
    if found is None:
        return None, None, None
    return (str(found.date) if found.date else None), found.kind, found.label
