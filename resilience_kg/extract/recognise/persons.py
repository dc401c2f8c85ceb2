"""Posts and the persons who hold them: "Kepala BPBD DKI Jakarta, NAME" is a post in BPBD held
by NAME (W3C ORG: ``org:postIn`` post -> organisation, ``org:heldBy`` post -> person)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.actors import TITLES, ActorMention, _post_regex, is_cap
from resilience_kg.extract.recognise.rules import alternation, words

_NAME = re.compile(
    r"(?:(?:" + alternation("titles") + r")\.?\s+)*"
    # Balinese names open with a birth-order or caste particle: "I Gusti Ngurah Jaya Negara", "Ni Luh", "IB Alit".
    r"(?P<name>(?:(?:I|Ni|IB|AA)\s)?[A-Z][a-z]+(?:[- ](?:[A-Z][a-z]+|[A-Z]\.)){0,4})"
)
_NOT_NAMES = frozenset(words("not_person_names"))


@dataclass(frozen=True)
class PostFact:
    label: str  # "Kepala BPBD DKI Jakarta"
    start: int
    end: int
    org: ActorMention
    person: str | None
    person_start: int | None
    person_end: int | None


def find_posts(text: str, mentions: Sequence[ActorMention]) -> list[PostFact]:
    """Posts written right before an organisation mention, with the person named after them."""
    out: list[PostFact] = []
    by_start = {m.start: m for m in mentions}
    for m in _post_regex().finditer(text):
        # The organisation must follow the post word directly (a space between).
        after = m.end()
        while after < len(text) and text[after] == " ":
            after += 1
        org = by_start.get(after)
        if org is None:
            # "Kepala Biro KDH-KLN": the post's last word may begin the organisation's name.
            last = m.group(0).split()[-1]
            org = by_start.get(m.end() - len(last))
        if org is None:
            continue
        label_end = org.end
        label = text[m.start():label_end]
        person, ps, pe = _person_after(text, label_end)
        out.append(PostFact(label, m.start(), label_end, org, person, ps, pe))
    return out


def _person_after(text: str, pos: int) -> tuple[str | None, int | None, int | None]:
    """A person's name right after a post: ", NAME", " yaitu NAME", " (NAME)" or " NAME"."""
    lead = re.match(r"(?:\s*,\s*(?:yaitu\s+|yakni\s+|namely\s+)?|\s+yaitu\s+|\s+yakni\s+|\s+bernama\s+|\s*\(\s*|\s+)",
                    text[pos:pos + 24])
    if lead is None:
        return None, None, None
    start = pos + lead.end()
    m = _NAME.match(text, start)
    if m is None:
        return None, None, None
    name = m.group("name")
    first = name.split()[0]
    if any(w in _NOT_NAMES for w in name.split()) or not is_cap(first) or TITLES.match(first) or \
            _post_regex().match(name):
        # "Sekretaris BPBD Kabupaten Kendal, Pusdataru Provinsi Jawa Tengah": the next body of a list.
        return None, None, None
    if len(name.split()) < 2 and m.start("name") == m.start():
        return None, None, None  # a lone capitalised word without a title is too weak
    # The name alone: honorifics and academic titles are not part of it.
    return name, m.start("name"), m.end("name")
