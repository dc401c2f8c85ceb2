"""A kecamatan, a kelurahan or a village government present through its official or its staff:
"Camat Cakung", "Lurah Cideng Agus", "Kepala Desa Batu Putih", "perwakilan dari Kecamatan
Tarogong Kaler", "mewakili Desa Kekurak".

A district or a village named as a place is no actor (annotation guide: places are not bodies),
but its head's post or its representatives name the body that took part, as a police post names
its command (:func:`.governments.police_commands`). The name after the post must be a district or
a village of the official region list (:mod:`~resilience_kg.extract.regions`, Kemendagri codes),
so that a person's name after a bare post ("Lurah Agus") names nothing, and it must lie in a city,
regency or province the text names, so that a person named like a district elsewhere ("Sekcam
Panji" in a Jakarta report) names nothing either.
"""

from __future__ import annotations

import functools
import re

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.rules import alternation, confidence, word_map

#: The body each level names, and how the body is called: the guide names a kecamatan's and a
#: kelurahan's body by the level and the name, a village's by its government.
_BODY_NAME = {"kecamatan": "Kecamatan {}", "kelurahan": "Kelurahan {}", "desa": "Pemerintah Desa {}"}


@functools.cache
def _post_pattern() -> re.Pattern[str]:
    """A district's or a village's official (``district_head_posts``) or a representative
    (``district_representatives``) with a level word, then up to three capitalised words."""
    posts = sorted(word_map("district_head_posts"), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:(?:Plt|Pj|Pjs)\.?\s+)?(?:(?P<post>" + "|".join(re.escape(p) for p in posts) + r")"
        r"(?:\s+(?P<level>" + alternation("district_levels") + r"))?"
        r"|(?P<rep>" + alternation("district_representatives") + r")\s+(?P<replevel>"
        + alternation("district_levels") + r"))"
        r"(?:\s+\([A-Z][A-Za-z]{1,9}\))?"  # the post's short form in brackets: "Sekretaris Kecamatan (Sekcam) X"
        r"\s+(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")


def _known(kind: str, words_: list[str], text: str) -> str | None:
    """The longest beginning of ``words_`` that the official list knows as a region of ``kind``
    ("Cideng" of "Cideng Agus") in an area the text names (its city, regency or province), or None."""
    from resilience_kg.extract.regions import area_named, spelled_alike

    for n in range(len(words_), 0, -1):
        name = " ".join(words_[:n])
        if any((r.kind == kind or (kind == "desa" and r.kind in ("desa", "kelurahan"))) and area_named(r, text)
               for r in spelled_alike(kind, name)):
            return name
    return None


def district_heads(text: str, start: int, end: int) -> list[ActorMention]:
    """The kecamatan, kelurahan or village government an official's post or a representative
    names with its place (the quote runs from the post or the level word to the place's end).

    >>> text = "Di Jakarta hadir Camat Cakung Budi dan perwakilan dari Kelurahan Cideng."
    >>> [(text[m.start:m.end], m.name) for m in district_heads(text, 0, len(text))]
    [('Camat Cakung', 'Kecamatan Cakung'), ('Kelurahan Cideng', 'Kelurahan Cideng')]
    >>> text = "Di Jakarta Pusat, Sekretaris Kecamatan (Sekcam) Johar Baru Budi mengatakan ..."
    >>> [m.name for m in district_heads(text, 0, len(text))]
    ['Kecamatan Johar Baru']
    """
    posts = word_map("district_head_posts")
    levels = word_map("district_levels")
    out = []
    for m in _post_pattern().finditer(text, start, end):
        if m.group("post"):
            kind = levels[m.group("level")] if m.group("level") else posts[m.group("post")]
            if kind != posts[m.group("post")]:
                continue  # "Camat Desa X": a post and a level that do not go together names nothing
            first = m.start("post")
        else:
            kind = levels[m.group("replevel")]
            first = m.start("replevel")
        place = _known(kind, m.group("place").split(), text)
        if place is None:
            continue
        stop = m.start("place") + len(place)
        out.append(ActorMention(first, stop, _BODY_NAME[kind].format(place), None, None, "GovernmentAgency",
                                "district-head", "rule:district-head", confidence("mention:regional-head")))
    return out
