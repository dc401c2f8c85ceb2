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
from resilience_kg.extract.recognise.rules import words as word_list


def event(doc: Document) -> None:
    """The event the report is about: its kind, label and date."""
    doc.event = find_event(doc.text, doc.sentences, published=doc.context.published)


def sessions(doc: Document) -> None:
    """The named sessions of the event ("Sesi 1: ...")."""
    doc.sessions = find_sessions(doc.text)


def items(doc: Document) -> None:
    """The issues and solutions the report lists, without the lists of bodies."""
    doc.items = _not_bodies(find_items(doc.text, bodies=[(m.start, m.end) for m in doc.mentions]), doc.mentions)
    names = [(m.start, m.end) for m in doc.mentions]
    doc.items = sorted([*(_clause_labelled(doc.text, i, names) for i in doc.items), *_model_issues(doc)],
                       key=lambda i: i.start)
    doc.items = [part for item in doc.items for part in _problems(doc.text, item)]


def _problems(text: str, item: ListItem) -> list[ListItem]:
    """An issue that lists the problems raised, one issue a problem (:func:`listed_problems`, and
    :func:`_comma_problems` when no word opens the list)."""
    parts = listed_problems(text, item.start, item.end) if item.kind == "Issue" else []
    if item.kind == "Issue" and len(parts) < 2:
        parts = _comma_problems(text, item.start, item.end)
    if len(parts) < 2:
        return [item]
    return [dataclasses.replace(item, label=_label(text[a:b]), start=a, end=b) for a, b in parts]


#: Fewest parts of a list of problems read from its commas alone (no word opens it): two clauses
#: and a comma are one sentence more often than two problems; three that each state one are a list.
MIN_COMMA_PROBLEMS = 3
#: Fewest words of a problem in such a list: a shorter part ("Serasan, Tarempa") names more of the
#: part it stands beside, and joins it.
MIN_PROBLEM_WORDS = 4
#: Most words of a problem in such a list: a longer part is a paragraph's clause, and the list is no list.
MAX_PROBLEM_WORDS = 25


def _comma_problems(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The problems of an issue that lists them with commas only ("fasilitas penunjang yang rusak,
    pembebasan lahan di sumber air baku, belum terbentuknya satuan tugas pengawasan"), one span
    each, when there are :data:`MIN_COMMA_PROBLEMS` or more and each states a problem (an issue cue
    in it, or the issue reader reads it as an issue), as the annotation guide has it: one issue an
    item. A short part joins the one before it, and so does a predicate that goes on with the
    relative clause before it ("sarana yang rusak, tidak terawat dan hilang")."""
    from resilience_kg.extract.recognise.issue_model import Unit, features, load_model
    from resilience_kg.extract.recognise.issues import states_problem

    negations = {w.lower() for w in word_list("negation_words")}
    parts: list[tuple[int, int]] = []
    for m in re.finditer(r"[^,;]+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        words = re.findall(r"\w+", text[a:b])
        if not words:
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip())
        relative = bool(parts) and re.search(r"(?<!\w)(?:yang|which|that)(?!\w)", text[slice(*parts[-1])], re.I)
        # "belum adanya X", "tidak terbentuknya X": a negated noun ("-nya") is a problem of its own.
        nominal = len(words) > 1 and words[1].lower().endswith("nya")
        goes_on = relative and words[0].lower() in negations and not nominal
        if parts and (len(words) < MIN_PROBLEM_WORDS or goes_on):
            parts[-1] = (parts[-1][0], b)
        else:
            parts.append((a, b))
    if len(parts) < MIN_COMMA_PROBLEMS:
        return []
    model = load_model("Issue")
    for a, b in parts:
        n = len(re.findall(r"\w+", text[a:b]))
        if not MIN_PROBLEM_WORDS <= n <= MAX_PROBLEM_WORDS:
            return []
        if not (states_problem(text, a, b) or model.probability(features(text, Unit(a, b, ()))) >= model.threshold):
            return []
    return [(a, a + len(text[a:b].rstrip(" .\t\n"))) for a, b in parts]


def _clause_labelled(text: str, item: ListItem, names: Sequence[tuple[int, int]] = ()) -> ListItem:
    """An issue a cue found in a long sentence, labelled by its clause the issue model reads
    surest (:func:`~resilience_kg.extract.recognise.issue_model.clause_label`) when the model reads
    that clause as a statement of the item's kind; its quote unchanged."""
    from resilience_kg.extract.recognise.issue_model import Unit, clause_label, features, load_model

    if not item.method.startswith("rule:prose-") or item.kind != "Issue":
        return item
    start, end = clause_label(text, item.start, item.end, item.kind, names)
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
    names = [(m.start, m.end) for m in doc.mentions]
    return [ListItem(f.kind, _label(doc.text[slice(*clause_label(doc.text, f.span.start, f.span.end, f.kind, names))]),
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
