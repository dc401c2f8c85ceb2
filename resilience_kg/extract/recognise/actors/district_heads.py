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

Regions call their villages and districts by their own words, which the list holds as desa and
kecamatan: Yogyakarta's kalurahan and kapanewon ("Lurah", "Panewu"), West Sumatra's nagari ("Wali
Nagari"), Aceh's gampong ("Keuchik"), Papua's kampung and distrik, Maluku's negeri, Toraja's
lembang, Lampung's pekon. A level word names the body as the region does ("Pemerintah Nagari X"),
and only in the provinces that use the word (``district_levels``: "desa@13").
"""

from __future__ import annotations

import functools
import re

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.rules import alternation, confidence, word_map


def _level(word: str) -> tuple[str, tuple[str, ...]]:
    """The region kind a level word stands for (``district_levels``: "Nagari" a desa) and the
    province or regency codes it is written in ("desa@13": West Sumatra's nagari), none for all."""
    kind, _, areas = word_map("district_levels")[word].partition("@")
    return kind, tuple(a for a in areas.split("|") if a)


def _post_levels(post: str) -> list[str]:
    """The level words a post may head, in order (``district_head_posts``: "Lurah" a kelurahan,
    or in Yogyakarta a kalurahan); a kind written in lower case is its own level word."""
    return [v if v[:1].isupper() else v.capitalize() for v in word_map("district_head_posts")[post].split("|")]


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


def _known(level: str, words_: list[str], text: str) -> str | None:
    """The longest beginning of ``words_`` that the official list knows as a region of ``level``'s
    kind ("Cideng" of "Cideng Agus"), in the provinces the level word is written in, and in an area
    the text names (its city, regency or province), or None."""
    from resilience_kg.extract.regions import area_named, spelled_alike

    kind, areas = _level(level)
    kinds = {kind} | ({"desa", "kelurahan"} if kind == "desa" else {"distrik"} if kind == "kecamatan" else set())
    for n in range(len(words_), 0, -1):
        name = " ".join(words_[:n])
        if any(r.kind in kinds and (not areas or r.code.startswith(tuple(f"{a}." for a in areas)))
               and area_named(r, text) for r in spelled_alike(kind, name)):
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
    >>> text = "Di Kabupaten Bantul, Lurah Sidomulyo dan Panewu Bambanglipuro hadir."
    >>> [m.name for m in district_heads(text, 0, len(text))]
    ['Pemerintah Kalurahan Sidomulyo', 'Kapanewon Bambanglipuro']
    """
    bodies = word_map("district_bodies")
    out = []
    for m in _post_pattern().finditer(text, start, end):
        if m.group("post"):
            levels = _post_levels(m.group("post"))
            if m.group("level"):
                # "Camat Desa X": a post and a level that do not go together names nothing
                levels = [w for w in levels if _level(w)[0] == _level(m.group("level"))[0]
                          and (w == m.group("level") or not _level(m.group("level"))[1])]
                levels = [m.group("level")] if levels else []
            first = m.start("post")
        else:
            levels = [m.group("replevel")]
            first = m.start("replevel")
        found = next(((w, p) for w in levels if (p := _known(w, m.group("place").split(), text)) is not None), None)
        if found is None:
            continue
        level, place = found
        stop = m.start("place") + len(place)
        out.append(ActorMention(first, stop, bodies[level].format(place), None, None, "GovernmentAgency",
                                "district-head", "rule:district-head", confidence("mention:regional-head")))
    return out
