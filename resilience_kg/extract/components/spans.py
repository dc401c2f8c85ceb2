"""Components that find spans in the text: organisation mentions, posts, proposals and
commitments, and the role cues of each sentence."""

from __future__ import annotations

import re

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.recognise import name_tagger
from resilience_kg.extract.recognise.actors import recognise
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.clauses import clause_subjects, find_clauses
from resilience_kg.extract.recognise.persons import find_posts, references
from resilience_kg.extract.recognise.roles import Cue, find_cues


def recognised(doc: Document) -> list[ActorMention]:
    """The recognisers' mentions (:mod:`~.recognise.actors`, settled)."""
    return recognise(doc.text, doc.sentences, doc.context.gazetteer)


def mentions(doc: Document) -> None:
    """Every organisation and named unit: the recognisers' mentions, and the names the learned
    tagger (:mod:`~.recognise.name_tagger`) finds where no recogniser found one, as far as its
    cross-validation lets it (its threshold)."""
    found = recognised(doc)
    extra = name_tagger.new_mentions(doc.text, doc.sentences, found, doc.context.gazetteer)
    doc.mentions = sorted([*found, *extra], key=lambda m: (m.start, m.end)) if extra else found


def posts(doc: Document) -> None:
    """Posts right before a mention ("Kepala BPBD"), with the person who holds each: found once,
    read by the roles and the draft."""
    doc.posts = find_posts(doc.text, doc.mentions)


def clauses(doc: Document) -> None:
    """What a body proposes or commits to, with the mentions that are its subjects (a subject the
    recogniser did not mark, a name written again or a brand before the verb, joins the mentions)."""
    holders = [p.person for p in doc.posts if p.person]
    # A body spoken for by its head's post or its officer's name ("Kapolres mengatakan ...", "Ali
    # menambahkan ..."): a mention of that body there, for the roles, proposals and commitments.
    extra = references(doc.text, doc.mentions, doc.posts)
    extra += clause_subjects(doc.text, doc.sentences, sorted([*doc.mentions, *extra], key=lambda m: m.start), holders)
    if extra:
        doc.mentions = sorted([*doc.mentions, *extra], key=lambda m: (m.start, m.end))
    doc.clauses = find_clauses(doc.text, doc.sentences, [(m.start, m.end) for m in doc.mentions])


_ITEM_LINE = re.compile(r"\s*(?:[-•*–▪●◦]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s")


def cues(doc: Document) -> None:
    """Each sentence's role cues; a list item line with none takes the cues of the line that
    introduces its list ("Attendees:", "Peserta workshop terdiri dari:")."""
    text = doc.text
    found = {s.start: find_cues(text, s) for s in doc.sentences}
    intro: list[Cue] = []
    for s in doc.sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        is_item = line_start == s.start and bool(_ITEM_LINE.match(text, s.start))
        if not is_item:
            intro = found[s.start]
        elif not found[s.start]:
            found[s.start] = [c for c in intro if c.direction in ("after", "both")]
    doc.cues = found
