"""The ministry a minister's post names by its portfolio: "Menteri Kesehatan Budi" heads the
Kementerian Kesehatan, which takes part through its minister (annotation guide: a minister's post
that names its portfolio). The ministries' names follow their ministers' portfolios by law
(Perpres 68/2019 and Perpres 139/2024 on the cabinet's ministries: "Kementerian" and the
portfolio), so the post is read against the gazetteer's national ministries, never a list of
the report's names: a post with no portfolio ("Pak Menteri") or one the gazetteer does not know
names none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.regional import _holder_or_list
from resilience_kg.extract.recognise.rules import alternation, confidence

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer, GazetteerEntry

#: A capitalised word of a portfolio, and the words that join them ("Pekerjaan Umum dan Perumahan
#: Rakyat", "Environment and Forestry": English joins a two-field portfolio with "and" too).
_PORTFOLIO = r"[A-Z][\w/-]*(?:(?: dan| and| &)? [A-Z][\w/-]*){0,7}"

#: "Menteri Kesehatan", "Wakil Menteri BUMN", "Menteri Koordinator bidang Perekonomian", and the
#: English "Minister of Health", "Coordinating Minister for Economic Affairs".
_POST = re.compile(
    r"(?<![\w-])(?:(?:" + alternation("minister_deputies") + r")\s+)?"
    r"(?:(?P<id>Menteri(?P<coord>\s+Koordinator(?:\s+[Bb]idang)?)?)"
    r"|(?P<en>(?P<encoord>Coordinating )?Minister (?:of|for)(?: the)?))"
    r" (?P<portfolio>" + _PORTFOLIO + r")")

#: "Menko PMK", "Menkes", "Mendagri", "Wamen BUMN": the minister's short form, which is the
#: ministry's ("Kemenko PMK", "Kemenkes", "Kemendagri") without its "Ke".
_SHORT = re.compile(r"(?<![\w-])(?:(?P<wamen>Wamen) (?P<of>[A-Z][\w-]+)"
                    r"|(?P<short>Men(?:ko [A-Z]\w+|[a-z]{2,9}[A-Z]*)))(?![\w-])")


def minister_posts(text: str, start: int, end: int, gazetteer: Gazetteer | None) -> list[ActorMention]:
    """The ministries the ministers' posts of ``text[start:end]`` name by their portfolios, quoted
    as the post, where the holder follows or the post is one of a list (or its holder is
    represented), as for a regional head's post: a post merely mentioned ("sesuai arahan Menteri
    Kesehatan") names no body that took part.

    >>> from resilience_kg.extract.gazetteer import load_gazetteer
    >>> text = "Hadir Menteri Kesehatan Budi Santoso dan Menkes, serta warga."
    >>> [(text[m.start:m.end], m.name) for m in minister_posts(text, 0, len(text), load_gazetteer())]
    [('Menteri Kesehatan', 'Kementerian Kesehatan'), ('Menkes', 'Kementerian Kesehatan')]
    """
    if gazetteer is None:
        return []
    out: list[ActorMention] = []
    for m in _POST.finditer(text, start, end):
        if m.group("id"):
            ministry = "Kementerian Koordinator Bidang " if m.group("coord") else "Kementerian "
        else:
            ministry = "Coordinating Ministry for " if m.group("encoord") else "Ministry of "
        words_ = m.group("portfolio").split(" ")
        for n in range(len(words_), 0, -1):
            portfolio = " ".join(words_[:n])
            if portfolio.endswith((" dan", " and", " &")):
                continue
            entry = _ministry(gazetteer, ministry + portfolio)
            if entry is None and m.group("en") and not m.group("encoord"):
                entry = _ministry(gazetteer, "Ministry for " + portfolio)
            if entry is not None:
                stop = m.start("portfolio") + len(portfolio)
                out += _mention(text, start, m.start(), stop, entry)
                break
    for m in _SHORT.finditer(text, start, end):
        form = f"Kementerian {m.group('of')}" if m.group("wamen") else f"Ke{m.group('short')}"
        entry = _ministry(gazetteer, form)
        if entry is not None:
            out += _mention(text, start, m.start(), m.end(), entry)
    return out


def _ministry(gazetteer: Gazetteer, name: str) -> GazetteerEntry | None:
    """The national ministry one of whose names is ``name``, or None."""
    hits = [e for e in gazetteer.lookup_exact(name)
            if e.level == "national" and e.sector == "GovernmentAgency"
            and e.name.startswith(("Kementerian", "Ministry", "Coordinating Ministry"))]
    return hits[0] if len({e.id for e in hits}) == 1 else None


def _mention(text: str, start: int, first: int, stop: int, entry: GazetteerEntry) -> list[ActorMention]:
    """The ministry's mention, quoted as the post, where the post's holder takes part."""
    # "Wakil Menteri BUMN II", "Menteri X RI (Menko X)": the number, country or short form first.
    after = re.match(r"(?:\s+[IV]{1,3}(?![\w-]))?(?:\s+(?:RI|Republik Indonesia))?(?:\s*\([^()]{1,40}\))?",
                     text[stop:stop + 80])
    at = stop + (after.end() if after else 0)
    if not (_holder_or_list(text, start, first, at) or _holder_or_list(text, start, first, stop)):
        return []
    return [ActorMention(first, stop, entry.name, None, None, "GovernmentAgency",
                         "minister-post", "rule:minister-post", confidence("mention:regional-head"))]
