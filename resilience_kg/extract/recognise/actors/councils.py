"""A council's party faction written by its short form: "F-PKS", "F-PDI Perjuangan", "F-Golkar".

Every DPRD member sits in a faction of a party (UU 17/2014 tentang MPR, DPR, DPD dan DPRD, Pasal
378 and 403); a faction gives its view and proposes under its own name, so it is an actor, a unit
of its council (the guide's Actors). "Fraksi X" is read by its head noun (``rules/head_nouns.csv``);
this module reads the short form, "F-" and the party's short or own name, written where the text
speaks of a council."""

from __future__ import annotations

import re

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.rules import confidence

#: "F-" and a party's short form in capitals ("F-PKS", "F-PDIP") or its own name ("F-Golkar"),
#: perhaps a second word ("F-PDI Perjuangan", "F-PAN Nasdem"): a faction's short form.
_FACTION_SHORT = re.compile(r"(?<![\w-])F-(?:[A-Z]{2,8}|[A-Z][a-z]{3,12})(?: (?:Perjuangan|[A-Z]{2,8}))?(?![\w-])")

#: A council or a faction named in the text: only there does "F-" before a party mean its faction.
_COUNCIL_WORDS = re.compile(r"(?<![\w-])(?:DPRD?|[Ff]raksi|[Ll]egislatif|[Dd]ewan)(?![\w-])")


def faction_short_forms(text: str, start: int, end: int) -> list[ActorMention]:
    """A faction's short form in a text about a council: "F-PKS menolak", a unit of its council.

    >>> text = "Di DPRD, F-PKS dan F-PDI Perjuangan menerima raperda."
    >>> [text[m.start:m.end] for m in faction_short_forms(text, 0, len(text))]
    ['F-PKS', 'F-PDI Perjuangan']
    """
    if _COUNCIL_WORDS.search(text) is None:
        return []
    return [ActorMention(m.start(), m.end(), m.group(0), m.group(0), None, "GovernmentAgency", "council-faction",
                         "rule:council-faction", confidence("mention:head-noun"), kind="unit")
            for m in _FACTION_SHORT.finditer(text, start, end)]
