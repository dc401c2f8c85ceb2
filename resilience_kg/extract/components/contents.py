"""Components that find what the report is about: the event and its sessions, the issues and
solutions listed, the agreements, and the group words that are never actors."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.agreements import find_agreements
from resilience_kg.extract.recognise.enumerations import ListItem, find_items
from resilience_kg.extract.recognise.events import find_event, find_sessions
from resilience_kg.extract.recognise.issues import listed_problems
from resilience_kg.extract.recognise.rules import collectives as collective_words


def event(doc: Document) -> None:
    """The event the report is about: its kind, label and date."""
    doc.event = find_event(doc.text, doc.sentences, published=doc.context.published)


def sessions(doc: Document) -> None:
    """The named sessions of the event ("Sesi 1: ...")."""
    doc.sessions = find_sessions(doc.text)


def items(doc: Document) -> None:
    """The issues and solutions the report lists, without the lists of bodies."""
    doc.items = _not_bodies(find_items(doc.text, bodies=[(m.start, m.end) for m in doc.mentions]), doc.mentions)
    doc.items = sorted([*map(lambda i: _clause_labelled(doc.text, i), doc.items), *_model_issues(doc)],
                       key=lambda i: i.start)
    doc.items = [part for item in doc.items for part in _problems(doc.text, item)]


def _problems(text: str, item: ListItem) -> list[ListItem]:
    """An issue that lists the problems raised, one issue a problem (:func:`listed_problems`)."""
    parts = listed_problems(text, item.start, item.end) if item.kind == "Issue" else []
    if len(parts) < 2:
        return [item]
    return [dataclasses.replace(item, label=_label(text[a:b]), start=a, end=b) for a, b in parts]


def _clause_labelled(text: str, item: ListItem) -> ListItem:
    """An issue a cue found in a long sentence, labelled by its clause the issue model reads
    surest (:func:`~resilience_kg.extract.recognise.issue_model.clause_label`) when the model reads
    that clause as a statement of the item's kind; its quote unchanged."""
    from resilience_kg.extract.recognise.issue_model import Unit, clause_label, features, load_model

    if not item.method.startswith("rule:prose-") or item.kind != "Issue":
        return item
    start, end = clause_label(text, item.start, item.end, item.kind)
    model = load_model(item.kind)
    sure = model.probability(features(text, Unit(start, end, ()))) >= model.threshold
    if (start, end) == (item.start, item.end) or not sure:
        return item
    return dataclasses.replace(item, label=_label(text[start:end]))


def _model_issues(doc: Document) -> list[ListItem]:
    """Issues, solutions and commitments the statistical readers find in the sentences the rules
    and the proposal and commitment reader left alone (:mod:`resilience_kg.extract.recognise.issue_model`)."""
    from resilience_kg.extract.recognise.issue_model import METHODS, clause_label, find_statement_sentences

    taken = [(min(i.start, i.intro_start), i.end) for i in doc.items]
    taken += [(c.sentence.start, c.sentence.end) for c in doc.clauses]
    return [ListItem(f.kind, _label(doc.text[slice(*clause_label(doc.text, f.span.start, f.span.end, f.kind))]),
                     f.span.start, f.span.end, *f.intro, METHODS[f.kind], METHODS[f.kind])
            for f in find_statement_sentences(doc.text, taken)]


def _label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[:1].upper() + text[1:]


def agreements(doc: Document) -> None:
    """Agreements named with a signing or planning verb (an MoU, a PKS)."""
    doc.agreements = find_agreements(doc.text, doc.sentences)


def collectives(doc: Document) -> None:
    """The group words the report uses ("masyarakat", "relawan"): a note, never an actor."""
    doc.collectives = sorted({w for w in collective_words()
                              if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", doc.text, re.I)})


def _not_bodies(items: Sequence[ListItem], mentions: Sequence[ActorMention]) -> list[ListItem]:
    """Issues and solutions, without the lists whose items are bodies: "dihadiri oleh unsur: BPBD;
    Dinas ...; ..." after a title that says "Rencana Aksi" is who came, not what was proposed."""
    def body(item: ListItem) -> bool:
        covered = sum(max(0, min(m.end, item.end) - max(m.start, item.start)) for m in mentions)
        return covered >= 0.6 * (item.end - item.start)

    lists: dict[tuple[int, int], list[ListItem]] = {}
    for item in items:
        lists.setdefault((item.intro_start, item.intro_end), []).append(item)
    kept: list[ListItem] = []
    for members in lists.values():
        if sum(body(i) for i in members) * 2 < len(members):
            kept += [i for i in members if not body(i)]
    return sorted(kept, key=lambda i: i.start)
