"""Regional bodies: a branch of a national body named with its place ("the Yogyakarta chapter of
the Indonesian Red Cross"), an unknown acronym with a jurisdiction ("BAPPERIDA Kota Magelang"), a
place that acts ("Surabaya menggelar ..."), the government of a regional head's post, and the
branches a list names by their places after one written in full ("PMI Kabupaten Klaten, Boyolali
dan Kota Magelang")."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.actors.bounds import COUNTRY_INITIALS, office_tail
from resilience_kg.extract.recognise.actors.lists import _NOT_BODY_SHORT_FORMS, _unknown_short_form
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import (
    _LEVEL_SPELLINGS,
    _LEVEL_WORDS,
    _contracted_place,
    _is_place,
    _jurisdiction_tail,
    _place_kinds,
    _regions_of_text,
)
from resilience_kg.extract.recognise.actors.refusals import _document_words
from resilience_kg.extract.recognise.actors.vocabulary import (
    STOP_CAPS,
    _head_regex,
    _heads,
    _is_calendar,
    _is_collective,
    _is_foreign_country,
    _post_regex,
    _short_heads,
    is_acronym,
)
from resilience_kg.extract.recognise.rules import alternation, confidence, table, word_map
from resilience_kg.extract.regions import Region

if TYPE_CHECKING:
    from resilience_kg.extract.body_patterns import BodyPattern


@functools.cache
def _branch_regex() -> re.Pattern[str]:
    return re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:" + alternation("branch_words")
                      + r") of (?:the )?$")


#: The next place of an elliptical list of branches: ", Boyolali", ", Kota Magelang", " dan Kota Surakarta".
_NEXT_PLACE = re.compile(r"(?:\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)"
                         r"(?P<place>(?:(?P<level>Kota|Kabupaten|Kab\.)\s+)?"
                         r"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{3,5}))(?![\w-])")


#: The next government of an elliptical list, written by its level word: " dan Kota Lhokseumawe".
_NEXT_GOVERNMENT = re.compile(r"(?:\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta|&)\s+)"
                              r"(?P<place>(?:Kota|Kabupaten|Provinsi)(?: [A-Z][a-z]+){1,3})(?![\w-])")

#: The regional governments' head nouns whose names an elliptical list may go on with.
_REGIONAL_GOVERNMENTS = ("Pemerintah Kabupaten", "Pemerintah Kota", "Pemerintah Provinsi", "Pemerintah Daerah")


#: What a walk of an elliptical list gives one place of it (the place's match and where the walk
#: stands before it): the place's mention and where the walk goes on, or None where the list ends.
_Give = Callable[[re.Match[str], int], tuple[ActorMention, int] | None]


def _walk_places(text: str, mentions: list[ActorMention], end: int, next_place: re.Pattern[str],
                 give_for: Callable[[ActorMention], _Give | None]) -> list[ActorMention]:
    """The mentions of the places a list names after a mention written in full, each read by
    ``next_place`` (group ``place``); ``give_for`` says what to give each place after a mention
    (None: the mention opens no such list). A walk ends at the first place it gives nothing for,
    or one inside a mention already found."""
    out: list[ActorMention] = []
    for m in mentions:
        give = give_for(m)
        if give is None:
            continue
        pos = m.end
        while (item := next_place.match(text, pos, end)) is not None:
            if any(f.start <= item.start("place") < f.end for f in mentions):
                break
            given = give(item, pos)
            if given is None:
                break
            out.append(given[0])
            pos = given[1]
    return out


def elliptical_governments(text: str, mentions: list[ActorMention], end: int) -> list[ActorMention]:
    """The governments a list names by their places after one written in full: in "Pemda Aceh
    Utara dan Kota Lhokseumawe" the city stands for its government too ("Pemerintah Kota
    Lhokseumawe", quoted "Kota Lhokseumawe"). Only a regency, a city or a province written with its
    level word, which the official list holds, right after a regional government's name."""
    from resilience_kg.extract.regions import is_place

    def give(item: re.Match[str], pos: int) -> tuple[ActorMention, int] | None:
        words_ = item.group("place").split()
        # The longest beginning the list holds ("Kota Lhokseumawe" of "Kota Lhokseumawe Budi").
        found = next(((r, n) for n in range(len(words_), 1, -1)
                      if (r := is_place(" ".join(words_[:n]))) is not None), None)
        if found is None or found[0].kind not in ("kota", "kabupaten", "provinsi"):
            return None
        region, n = found
        if region.kind == "provinsi" and not re.search(r"\b(?:dan|serta)\b|&", text[pos:item.start("place")]):
            return None  # "Pemkot Semarang, Provinsi Jawa Tengah": a province after a comma is where it lies
        stop = item.start("place") + len(" ".join(words_[:n]))
        return ActorMention(item.start("place"), stop, f"Pemerintah {region.full_name}", None, None,
                            "GovernmentAgency", "elliptical-government", "rule:elliptical-government",
                            confidence("mention:elliptical-branch")), stop

    def give_for(m: ActorMention) -> _Give | None:
        head = _head_regex().match(text, m.start)
        if head is None or (_short_heads().get(head.group(1)) or head.group(1)) not in _REGIONAL_GOVERNMENTS:
            return None
        return give

    return _walk_places(text, mentions, end, _NEXT_GOVERNMENT, give_for)


def elliptical_branches(text: str, mentions: list[ActorMention], end: int) -> list[ActorMention]:
    """The branches a list names after one written in full: in "PMI Kabupaten Klaten, Boyolali,
    Kota Magelang dan Kota Surakarta" each place is that body's branch there ("PMI Kabupaten
    Boyolali", quoted "Boyolali"). Only regencies and cities after a regency's or a city's branch:
    a province after it ("BPBD Kabupaten Demak, Jawa Tengah") is where that branch is."""
    from resilience_kg.extract.regions import is_place

    def give_for(m: ActorMention) -> _Give | None:
        words_ = (m.acronym or "").split()
        seed = is_place(" ".join(words_[1:])) if len(words_) >= 3 and is_acronym(words_[0]) else None
        if seed is None or seed.kind not in ("kota", "kabupaten"):
            return None
        level = seed.kind

        def give(item: re.Match[str], pos: int) -> tuple[ActorMention, int] | None:
            nonlocal level
            written = item.group("place")
            # A bare place takes the level of the one before it ("Kabupaten Klaten, Boyolali").
            region = is_place(written) if item.group("level") else (
                is_place(f"{level.capitalize()} {written}") or is_place(written) or _short_in(written, seed.parent))
            if region is None or region.kind not in ("kota", "kabupaten"):
                return None
            level = region.kind
            return replace(m, start=item.start("place"), end=item.end("place"),
                           name=f"{words_[0]} {region.full_name}", acronym=f"{words_[0]} {region.full_name}",
                           expansion=None, parent_span=None, method="rule:elliptical-branch",
                           confidence=confidence("mention:elliptical-branch")), item.end()

        return give

    return _walk_places(text, mentions, end, _NEXT_PLACE, give_for)


def _short_in(written: str, province: str) -> Region | None:
    """The regency or city of ``province`` that ``written`` shortens by syllables ("Muratara":
    Musi Rawas Utara) or by initials in title case ("Pali": Penukal Abab Lematang Ilir), in a list
    of the province's branches, where the list's other places vouch that a place is meant."""
    from resilience_kg.extract.regions import contracted, is_place

    region = contracted(written) or (is_place(written.upper()) if written.isalpha() and len(written) <= 5 else None)
    return region if region is not None and region.parent == province else None


def branches_of(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """"The Yogyakarta chapter of the Indonesian Red Cross": a regional branch, one actor named
    with its place, not the national body."""
    out = []
    for m in mentions:
        lead = _branch_regex().search(text, max(0, m.start - 50), m.start)
        if lead is not None and m.kind == "org" and _is_place(lead.group(1)):
            name = re.sub(r"\s+", " ", text[lead.start(1):m.start] + m.name)
            m = replace(m, start=lead.start(1), name=name, expansion=None, parent_span=None)
        out.append(m)
    return out


_ACRONYM_PLACE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]{1,11})(?= (?:"
                            + "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS)) + r") [A-Z]"
                            r"| Wilayah [IVX]+ [A-Z])")  # "BBMKG Wilayah I Medan": a numbered regional office


#: A numbered regional office: "KPH Jeneberang II" (a forest management unit), "BWS II Wilayah
#: Kalimantan": an acronym, a name and a Roman numeral, or an acronym, a numeral and its region.
_ACRONYM_NUMBERED = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]{1,7})(?: [A-Z][a-z]+){1,2} [IVX]{1,4}(?![\w-])"
                               r"(?! [A-Z][a-z])"  # "DPRD Kota Denpasar I Gusti ...": a Balinese name follows
                               r"|(?<![\w-])([A-Z][A-Z0-9&-]{1,7}) [IVX]{1,4} Wilayah(?: [A-Z][a-z]+){1,2}")


def _no_body_short_form(short: str) -> bool:
    """Whether a short form before a number, a place or a branch word names no body of its own: a
    collective, no acronym, a document's word, a short form of no body (``_NOT_BODY_SHORT_FORMS``)
    or a country's initials ("RI")."""
    return (_is_collective(short) or not is_acronym(short) or _document_words().match(short) is not None
            or short in _NOT_BODY_SHORT_FORMS or short in COUNTRY_INITIALS)


def acronym_with_place(text: str, start: int, end: int) -> list[ActorMention]:
    """An unknown acronym followed by a jurisdiction names a regional body: "BAPPERIDA Kota
    Magelang", "TACB Kota Magelang". The gazetteer knows the common ones; this finds the rest."""
    out = []
    for m in _ACRONYM_NUMBERED.finditer(text, start, end):
        short = m.group(1) or m.group(2)
        if _no_body_short_form(short):
            continue  # ("DPR RI Komisi V": the country's initials end the council's name, no body's own)
        out.append(ActorMention(m.start(), m.end(), m.group(0), short, None, "GovernmentAgency",
                                "acronym-numbered", "rule:acronym-with-place",
                                confidence("mention:acronym-with-place")))
    for m in _ACRONYM_PLACE.finditer(text, start, end):
        if _is_collective(m.group(1)) or not is_acronym(m.group(1)) or m.group(1) in COUNTRY_INITIALS \
                or re.fullmatch(r"[IV]{1,3}", m.group(1)) or m.group(1) in _NOT_BODY_SHORT_FORMS:
            continue  # ("Ombudsman RI Provinsi X": the country's initials end a national body's name;
            # "Asda II Kota Serang": a numeral numbers the post; "APBD Provinsi X", "RPJMD Kota X": a
            # budget or a plan of the region)
        e = m.end() + _jurisdiction_tail(text, m.end(), end)
        out.append(ActorMention(m.start(), e, text[m.start():e], m.group(1), None, "GovernmentAgency",
                                "acronym-with-place", "rule:acronym-with-place",
                                confidence("mention:acronym-with-place")))
    for m in _acronym_village_regex().finditer(text, start, end):
        short = m.group(1)
        if _no_body_short_form(short):
            continue
        before = re.search(r"([A-Z][\w.-]*) +$", text[max(start, m.start() - 30):m.start()])
        if before is not None and not _post_regex().fullmatch(before.group(1)):
            continue  # ("Satpel LH Kecamatan X", "Kampung KB Kelurahan X": the short form is a word of a longer name)
        width = _village_length(text, m.end(1), end)
        if width:
            # "MPA Desa Contoh", "KTPA Kelurahan Contoh": a community group or office of a village or
            # district the region list knows, named with its place (its own actor, as a branch is).
            e = m.end(1) + width
            out.append(ActorMention(m.start(), e, text[m.start():e], text[m.start():e], None, None,
                                    "acronym-with-village", "rule:acronym-with-place",
                                    confidence("mention:acronym-with-place")))
    for m in _acronym_branch_regex().finditer(text, start, end):
        short = m.group(1)
        if _no_body_short_form(short):
            continue
        firm = re.search(r"(?<![\w-])(?:" + alternation("legal_forms") + r") +$",
                         text[max(start, m.start() - 12):m.start()]) is not None  # "PT ABC Cabang X"
        width = office_tail(text, m.end(1), end, firm=firm)
        if width:
            # "IDAI Cabang Aceh": an organisation's branch word and a place the region list knows
            # after its short form; the branch is its own actor (guide: a regional branch keeps its place).
            e = m.end(1) + width
            out.append(ActorMention(m.start(), e, text[m.start():e], text[m.start():e], None, None,
                                    "acronym-branch", "rule:acronym-with-place",
                                    confidence("mention:acronym-with-place")))
    for m in _ACRONYM_REGION.finditer(text, start, end):
        # "KONSEPSI NTB", "WALHI Jatim": a body's own short name of four capitals or more, then its
        # province's short name, no level word: a regional body or branch, of no known sector.
        if not _unknown_short_form(m.group(1)) or not (_is_place(m.group(2)) or _contracted_place(m.group(2))) \
                or m.group(2) in _LEVEL_WORDS \
                or m.group(2) in _place_kinds() \
                or re.search(_HEADLINE_BEFORE_CAPITALS if m.group(2).isupper() else _HEADLINE_BEFORE,
                             text[max(start, m.start() - 12):m.start()]):
            continue  # (a headline in capitals, "BANJIR BANDANG NTB", names no body; "CCTV Kelurahan": no region)
        run = _CAPITALS_BEFORE.search(text, max(start, m.start() - 40), m.start())
        if run is not None and _head_regex().search(run.group(0)):
            continue  # "Balai Besar KSDA Sulawesi Selatan": the end of a longer name that a head noun opens
        head = _heads().get(m.group(1).capitalize())  # ("PEMKOT AMBON": a short head in capitals says the kind)
        out.append(ActorMention(m.start(), m.end(), m.group(0), m.group(0), None, head.sector if head else None,
                                f"head:{head.head}" if head else "", "rule:acronym-with-region",
                                confidence("mention:acronym-with-place")))
    return out


@functools.cache
def _acronym_branch_regex() -> re.Pattern[str]:
    """An acronym of three letters or more, then a branch's word of ``office_after_words``
    ("Cabang") and a capitalised word."""
    branch = [w for w, mode in word_map("office_after_words").items() if mode == "branch"]
    return re.compile(r"(?<![\w/-])([A-Z][A-Z0-9&-]{2,11})(?= (?:" + "|".join(map(re.escape, branch)) + r") [A-Z])")


@functools.cache
def _acronym_village_regex() -> re.Pattern[str]:
    """An acronym of three letters or more, then a village's or a district's kind word
    (``village_kinds``) and a capitalised word."""
    return re.compile(r"(?<![\w/-])([A-Z][A-Z0-9&-]{2,7})(?= (?:" + alternation("village_kinds") + r") [A-Z])")


def _village_length(text: str, pos: int, end: int) -> int:
    """Length of a village's or district's kind word (any case) and its name after ``pos``, the
    longest of one to three words the official region list holds as that kind; 0 when none."""
    from resilience_kg.extract.regions import is_place

    tail = re.compile(r" ((?:" + alternation("village_kinds") + r")) ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![\w-])",
                      re.IGNORECASE).match(text, pos, end)
    if tail is None or not tail.group(2)[:1].isupper():
        return 0
    words_ = tail.group(2).split()
    for width in range(len(words_), 0, -1):
        if is_place(f"{tail.group(1).capitalize()} {' '.join(words_[:width])}") is not None:
            return tail.start(2) - pos + len(" ".join(words_[:width]))
    return 0


#: The capitalised words right before a mention.
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][\w-]*\s)+$")


#: A name in capitals and a region's short name after it ("KONSEPSI NTB", "WALHI Jatim"), or a
#: province's English name of two words ("JATAM East Kalimantan").
_ACRONYM_REGION = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]{3,11}) ([A-Z][A-Za-z]{2,9}(?: [A-Z][a-z]{4,10})?)"
                             r"(?![\w-])(?! [A-Z])")


#: Capitals right before a short form and its region: a headline's words ("BANJIR BANDANG NTB"),
#: not a list's previous item and its comma ("PBB, UNDSS Indonesia"), unless the region too is in
#: capitals ("BPEE, BBKSDA SULSEL").
_HEADLINE_BEFORE = r"[A-Z]{3,}[ :-]*$|[A-Z]{3,} [A-Z]{3,}, $"
_HEADLINE_BEFORE_CAPITALS = r"[A-Z]{3,}[ :,-]*$"


#: A brand written with an inner capital ("RedR", "PetaBencana") and then a country or
#: "International": an organisation's national branch or its international body.
_BRAND_BRANCH = re.compile(r"(?<![\w-])([A-Z][a-z]+[A-Z][A-Za-z]*) (International|[A-Z][a-z]+)(?![\w-])")


def brand_branches(text: str, start: int, end: int) -> list[ActorMention]:
    """"RedR Indonesia", "RedR International": a brand with no head noun, named with its country,
    is an organisation (its sector left to the resolver); a brand alone is not enough."""
    out = []
    for m in _BRAND_BRANCH.finditer(text, start, end):
        where = m.group(2)
        if where != "International" and not (_is_foreign_country(where) or where == "Indonesia"):
            continue
        out.append(ActorMention(m.start(), m.end(), m.group(0), None, None, None, "brand-branch",
                                "rule:brand-branch", confidence("mention:acronym-with-place")))
    return out


@functools.cache
def _acting_place_regex() -> re.Pattern[str]:
    names = sorted((row["name"] for row in table("places")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])((?:Kota |Provinsi |Kabupaten )?(?:" + "|".join(re.escape(n) for n in names) + r"))"
                      r"(?= (?:telah |akan |juga )?(?:" + alternation("acting_verbs") + r")\b)")


def places_acting(text: str, start: int, end: int) -> list[ActorMention]:
    """A place that organises, hosts or signs means its government: "Surabaya menggelar ...",
    "Jakarta hosted ...". Elsewhere a place is never an actor."""
    out = []
    for m in _acting_place_regex().finditer(text, start, end):
        before = text[max(start, m.start() - 12):m.start()]
        if re.search(r"\b(?:" + alternation("place_prepositions") + r")\s*$", before, re.I):
            continue  # "di Surabaya menggelar" is about a place, not its government
        if re.search(r"(?:\bDKI|" + "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS)) + r")\s*$", before):
            continue  # "Dinas X (Diskominfotik) Provinsi DKI Jakarta mengadakan": the tail of a body's name
        out.append(ActorMention(m.start(), m.end(), m.group(1), None, None, "GovernmentAgency", "place-acting",
                                "rule:place-as-government", confidence("mention:place-as-government")))
    return out


#: The body each office word names: the kelurahan's office is the Lurah's, the kecamatan's the Camat's.
_DISTRICT_BODY = word_map("district_office_bodies")
#: "Kantor Kelurahan Pulo Asri", "kantor Lurah Pulo Asri", "Kantor Kecamatan Cakra": the office of an
#: urban village or a district, then its name (capitalised words, to the first word that is not).
_DISTRICT_OFFICE = re.compile(r"(?<![\w-])[Kk]antor (?P<kind>" + alternation("district_office_bodies") + r")"
                              r" (?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})")


def district_offices(text: str, start: int, end: int) -> list[ActorMention]:
    """The kelurahan or kecamatan whose office a report names ("di aula Kantor Kelurahan X",
    "Kantor Camat Y dibangun ..."): the body (Kelurahan X, Kecamatan Y, a unit of the city's
    government: PP 17/2018 tentang Kecamatan), never the building. A kelurahan or a kecamatan
    named as a place stays no actor; its office names the body that works there, whose house
    the event was in (annotation guide, rules 9 and 10)."""
    out = []
    for m in _DISTRICT_OFFICE.finditer(text, start, end):
        names = m.group("name").split(" ")
        # A city or a province after the village's own name is where it is, not its name
        # ("Kantor Kelurahan Pulo Asri Jakarta Timur").
        keep = next((k for k in range(1, len(names)) if _is_place(" ".join(names[k:k + 2]))
                     or _is_place(names[k]) or names[k] in _LEVEL_WORDS), len(names))
        place = " ".join(names[:keep])
        if _is_calendar(names[0]) or len(place) < 3:
            continue
        stop = m.start("name") + len(place)
        # The quote keeps "Kantor" (a reviewer sees where the body was named); the name is the body's.
        out.append(ActorMention(m.start(), stop, f"{_DISTRICT_BODY[m.group('kind')]} {place}", None, None,
                                "GovernmentAgency", "head:Kelurahan", "rule:district-body",
                                confidence("mention:head-noun")))
    return out


#: "government of Semarang City", "the city government of Semarang": English copy that writes
#: the government of a region in lower case.
@functools.cache
def _lower_government() -> re.Pattern[str]:
    # ("the administrations of Jakarta, ...": English news' plural before a list of regions)
    return re.compile(r"(?<![\w-])(?:(?P<level>" + alternation("english_government_levels") + r") )?"
                      r"(?P<noun>government|administrations?) of (?:the )?"
                      r"(?P<place>(?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+)(?![\w-])")


#: English level words after a region's name ("Tangerang Regency"): a level's rule reads those.
_ENGLISH_REGION_KINDS = frozenset(word_map("region_kind_english"))


@functools.cache
def _region_then_government() -> re.Pattern[str]:
    """ "the West Sumatra government", "the NTT provincial government": a region, then its
    government in lower case."""
    return re.compile(r"(?<![\w-])(?P<place>(?:[A-Z][a-z]+ ){0,2}[A-Z][A-Za-z]+) (?P<level>(?:"
                      + alternation("english_government_levels") + r") )?(?:" + alternation("english_government_nouns")
                      + r")(?![\w-])(?! of\b)")


def _government_of(place: str, level: str | None) -> str | None:
    """The Indonesian name of the government of region ``place`` ("Pemerintah Provinsi Sumatera
    Barat" for "West Sumatra"), at the English ``level`` when one is written ("provincial "); None
    when no region, or two of different levels, answer to the name (Kota and Kabupaten Bogor)."""
    from resilience_kg.extract.regions import find

    kinds = _GOVERNMENT_KINDS.get((level or "").strip(), "provinsi kabupaten kota").split()
    hits = {r.kind: r for r in find(place) if r.kind in kinds}
    if len(hits) != 1:
        return None
    (kind, region), = hits.items()
    if region.code == "31":
        return "Pemerintah Provinsi DKI Jakarta"  # Jakarta's government names itself so (UU 29/2007)
    return f"Pemerintah {kind.capitalize()} {region.name.removeprefix('Kota ').removeprefix('Kabupaten ')}"


#: The kinds of region an English level word before "government" names (``english_government_kinds``).
_GOVERNMENT_KINDS = word_map("english_government_kinds")


def lower_case_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """The government of a region named in lower case ("government of Semarang City", "the West
    Sumatra government"): a body, as "Government of Semarang City" and "West Sumatra Government"
    are; only where the words after "of" (or before "government") are a region."""
    out = []
    for m in _region_then_government().finditer(text, start, end):
        words_ = m.group("place").split()
        while words_ and words_[0] in ("The", "A", "An"):
            words_ = words_[1:]  # a sentence's first word
        region = " ".join(words_)
        if not region or words_[-1].lower() in _ENGLISH_REGION_KINDS:
            continue  # "X Regency government" is the level's rule (english_local_governments)
        name = _government_of(region, m.group("level"))
        if name is None:
            continue  # "the Indonesian government" is a nation's; "the Bogor government" a city's or a regency's
        out.append(ActorMention(m.end("place") - len(region), m.end(), name, None, None, "GovernmentAgency",
                                "head:Government", "rule:head-noun:Government", confidence("mention:head-noun")))
    for m in _lower_government().finditer(text, start, end):
        if not _is_place(m.group("place")):
            continue
        name = text[m.start():m.end()]
        if m.group("noun") != "government":
            # "the administrations of Jakarta": the region's government, by its Indonesian name.
            if (own := _government_of(m.group("place"), m.group("level"))) is None:
                continue
            name = own
        out.append(ActorMention(m.start(), m.end(), name[0].upper() + name[1:], None, None, "GovernmentAgency",
                                "head:Government", "rule:head-noun:Government", confidence("mention:head-noun")))
    for m in _BARE_PEMERINTAH.finditer(text, start, end):
        # "meminta Pemerintah Sulut": "Pemerintah" and a region with no level word; the region's
        # government where the region's name says its level (a province's short form, "Sulut"),
        # none where a regency and a city share it ("Pemerintah Bogor").
        if m.group("place").split()[0] in _place_kinds() or m.group("place").split()[0] in _LEVEL_WORDS:
            continue  # "Pemerintah Kota Bogor": the head noun's own rule reads the level
        if (name := _government_of(m.group("place"), None)) is not None:
            out.append(ActorMention(m.start(), m.end(), name, None, None, "GovernmentAgency", "head:Pemerintah",
                                    "rule:head-noun:Pemerintah", confidence("mention:head-noun")))
    for m in _LOWER_PEMERINTAH.finditer(text, start, end):
        # "pemerintah daerah Sulteng", "pemerintah kota Palu": Indonesian copy writes the government
        # in lower case too; a body where the word after the level is a region.
        place = next((p for p in (m.group("place"), m.group("place").split()[0]) if _is_place(p)), None)
        if place is None and m.group("gov").split()[1].lower() in ("kecamatan", "kelurahan", "desa"):
            # ("pemerintah Kecamatan Sawah Besar": the level word says the words after it name a
            # district or a village, which no place table lists in full.)
            place = m.group("place")
        if place is None:
            continue
        name = " ".join(w.capitalize() for w in m.group("gov").split()) + " " + place
        method = "rule:head-noun:Pemerintah"
        if m.group("gov").split()[1].lower() in ("kecamatan", "kelurahan"):
            # The district's or kelurahan's government is named as the body its office names
            # (:func:`district_offices`): "Kecamatan Sawah Besar", no place though its name is one's.
            name, method = name.removeprefix("Pemerintah "), "rule:district-body"
        out.append(ActorMention(m.start(), m.start("place") + len(place), name, None, None, "GovernmentAgency",
                                "head:Pemerintah", method, confidence("mention:head-noun")))
    for m in _LOWER_COMMISSION.finditer(text, start, end):
        # "Hadir pula komisi III DPRD Kota Bogor": news copy writes a council's commission in lower
        # case; it is the commission, a unit of the council named right after it (join_units).
        out.append(ActorMention(m.start(), m.end(), "Komisi " + m.group("n"), None, None, "GovernmentAgency",
                                "head:Komisi", "rule:head-noun:Komisi", confidence("mention:head-noun"),
                                kind="unit"))
    for m in _LOWER_SECRETARIAT.finditer(text, start, end):
        # "the secretariat of Open Government Indonesia": the secretariat is a unit of the named body.
        out.append(ActorMention(m.start(), m.end(), text[m.start():m.end()], None, None, None, "",
                                "rule:head-noun:Secretariat", confidence("mention:head-noun"), kind="unit"))
    return out


#: "pemerintah daerah Sulteng", "pemerintah kabupaten Sigi": a region's government in lower case, then the region.
_LOWER_PEMERINTAH = re.compile(r"(?<![\w-])(?P<gov>pemerintah (?:" + "|".join(
    (f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" if case == "either case" else re.escape(w))
    for w, case in word_map("lower_government_levels").items()) + r"))"
                               r" (?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w-])")


@functools.cache
def _lower_standard_bodies() -> tuple[re.Pattern[str], dict[str, BodyPattern]]:
    """The standard regional bodies' Indonesian names in lower case ("dinas kesehatan", "badan
    penanggulangan bencana daerah"), then a region with its level word perhaps: the pattern of a
    body written as hurried copy writes it ("dinas kesehatan Papua"), and each form's pattern."""
    from resilience_kg.extract.body_patterns import load_body_patterns

    forms: dict[str, BodyPattern] = {}
    for pattern in load_body_patterns():
        if "{region}" in pattern.name or "jakarta" in pattern.basis.lower():
            continue  # a government has its own rules; Jakarta's Suku Dinas are no province's body
        for form in (pattern.name, *pattern.aliases):
            if form.split()[0] in _LOWER_BODY_HEADS and all(w[:1].isupper() or w in ("dan",) for w in form.split()) \
                    and not any(w.isupper() for w in form.split()):
                forms.setdefault(form.lower(), pattern)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return (re.compile(r"(?<![\w-])(?P<body>" + alternatives + r")[ ]+(?:(?P<level>"
                       + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS)
                       + r")[ ]+)?(?P<place>[A-Za-z][a-z]+(?:[ ][A-Za-z][a-z]+){0,2})(?![\w-])"),
            forms)


#: The first words of a standard regional body's name that copy writes in lower case too.
_LOWER_BODY_HEADS = ("Dinas", "Badan", "Satuan")


def lower_case_standard_bodies(text: str, start: int, end: int) -> list[ActorMention]:
    """A region's standard body written in lower case with its region ("dinas kesehatan Papua",
    "badan penanggulangan bencana daerah kabupaten Maros"): the body every province, regency and
    city has (``rules/body_patterns.csv``), named for the region the list knows. Only where the
    whole name is in lower case (a capitalised one is a head noun's), and only a region of one
    level, written or unambiguous ("Bogor", a regency and a city, names none)."""
    from resilience_kg.extract.regions import find

    regex, forms = _lower_standard_bodies()
    out = []
    for m in regex.finditer(text, start, end):
        level = m.group("level") or ""
        words_ = m.group("place").split()
        region: Region | None = None
        for n in range(len(words_), 0, -1):
            # (with its level word the list reads the level: "kab. Maros" is a regency)
            hits = [r for r in find(f"{level.capitalize()} {' '.join(words_[:n])}".strip())
                    if r.level_kind in ("provinsi", "kota", "kabupaten")]
            if len({r.code for r in hits}) == 1:
                region, words_ = hits[0], words_[:n]
                break
        if region is None:
            continue
        pattern = forms[m.group("body")]
        stop = m.start("place") + len(" ".join(words_))
        out.append(ActorMention(m.start(), stop, pattern.name_for(region), None, None, pattern.sector,
                                "lower-case-body", f"rule:head-noun:{pattern.name.split()[0]}",
                                confidence("mention:head-noun")))
    return out


#: "Pemerintah Sulut", "Pemerintah NTT": "Pemerintah" and a region's name, no level word between.
_BARE_PEMERINTAH = re.compile(r"(?<![\w-])[Pp]emerintah "
                              r"(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|[A-Z]{3,5})(?![\w-])")


#: "komisi III DPRD Kota Bogor": a council's numbered or lettered commission in lower case, before its council.
_LOWER_COMMISSION = re.compile(r"(?<![\w-])komisi (?P<n>[IVX]{1,4}|[A-E]|\d{1,2})(?= DPRD| DPR)")


#: "the secretariat of Open Government Indonesia": a named body's secretariat, in lower case.
_LOWER_SECRETARIAT = re.compile(r"(?<![\w-])secretariat of (?:the )?(?:[A-Z][\w-]+ ){1,5}[A-Z][\w-]+(?![\w-])")


#: A regional head's post and its region's level: "Wali Kota Semarang" heads Pemerintah Kota Semarang.
_HEAD_LEVEL = word_map("regional_head_levels")


_REGIONAL_HEAD = re.compile(
    r"\b(?:Plt\.?\s+|Pj\.?\s+)?(?:Wakil\s+)?(?P<post>Gubernur|Wali\s?[Kk]ota|Bupati)\s+"
    r"(?:(?P<level>Provinsi|Kota|Kabupaten|Kab\.)\s+)?(?P<adm>Administrasi\s+)?"  # Jakarta's "Kota Administrasi X"
    r"(?P<place>DKI Jakarta|Daerah Istimewa Yogyakarta|[A-Z]{3,5}(?![\w-])|[A-Z][a-z]+(?:\s+(?:"
    + alternation("second_place_words") + r"))?)\b")


# After the place: a title or a comma and a name (the holder), or the end of the clause; the
# name may stand in brackets ("Staf Khusus Gubernur Jawa Tengah (Budi Santoso)").
_HOLDER_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)?(?:(?:" + alternation("holder_titles") + r")\.?\s"
                           r"|(?:(?:I|Ni|IB|AA)\.?\s+)?[A-Z][a-z]+\s+[A-Z])")

#: A head represented at the event: "dibuka oleh Bupati Contoh yang diwakili Sekda" (after the
#: place), "Asisten I mewakili Gubernur Contoh" (before the post); the annotation guide makes the
#: government take part through its representative.
_REPRESENTED_AFTER = re.compile(r"\s*,?\s*(?:" + alternation("represented_after") + r")(?![\w-])")
_REPRESENTED_BEFORE = re.compile(r"(?<![\w-])(?:" + alternation("represented_before") + r")\s+$")


def _longer_region(text: str, at: int, place: str) -> str:
    """The longest run of up to three capitalised words at ``at`` that the regions list knows,
    where it is longer than ``place``: "Nusa Tenggara Timur", "Rote Ndao", which the one word and
    its compass word of the post's pattern cut short."""
    from resilience_kg.extract.regions import is_place

    # Words may stand two spaces apart ("Padang  Pariaman"): a pasted page's spacing, which the
    # reader keeps so that quotes match the source; the list is asked with single spaces.
    run = re.match(r"[A-Z][a-z]+(?:[ ]{1,3}[A-Z][a-z]+){0,2}", text[at:at + 60])
    if run is None:
        return place
    ends = [w.end() for w in re.finditer(r"\S+", run.group(0))]
    for n in range(len(ends), 0, -1):
        candidate = run.group(0)[:ends[n - 1]]
        if len(candidate) <= len(place):
            break
        if is_place(" ".join(candidate.split())) is not None:
            return candidate
    return place


#: A run of up to three lower-case words after a regional official's post: the region written in
#: lower case, as pasted or hurried copy does ("Bupati tanah datar").
_LOWER_RUN = re.compile(r"[a-z]+(?:[ ]{1,3}[a-z]+){0,2}(?![\w-])")


def _lower_region(text: str, at: int, level: str) -> str:
    """The longest run of lower-case words at ``at`` that the regions list knows as a region of
    ``level`` ("tanah datar" after "Bupati"); "" when none. Only the post's own level counts, so a
    common word that happens to name a region of another kind ("batu" after "Bupati") is none."""
    from resilience_kg.extract.regions import find

    run = _LOWER_RUN.match(text, at)
    if run is None:
        return ""
    ends = [w.end() for w in re.finditer(r"\S+", run.group(0))]
    for n in range(len(ends), 0, -1):
        candidate = " ".join(run.group(0)[:ends[n - 1]].split())
        if len(candidate) >= 4 and any(r.level_kind == level.lower() for r in find(candidate)):
            return run.group(0)[:ends[n - 1]]
    return ""


def _region_title(place: str) -> str:
    """A region as its official name writes it: single spaces, each word capitalised where the text
    wrote it in lower case ("tanah datar" is Tanah Datar)."""
    words_ = place.split()
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words_)


def regional_heads(text: str, start: int, end: int) -> list[ActorMention]:
    """The government a regional head's post belongs to: in "Wali Kota Semarang, Hendrar Prihadi"
    the place after the post names Pemerintah Kota Semarang (quoted as "Semarang"), so that the
    post has a body to belong to. Only where the holder follows, by title or name ("Wakil Bupati
    Bima Drs. H. Dahlan"), or where the post is one of a list of those present ("didampingi
    Kepala Pelaksana BPBD, Wali Kota Jakarta Timur, serta ...").

    >>> text = "Rapat dibuka oleh Wali Kota Semarang, Hendrar Prihadi."
    >>> [(text[m.start:m.end], m.name) for m in regional_heads(text, 0, len(text))]
    [('Semarang', 'Pemerintah Kota Semarang')]
    """
    out = []
    for m in _REGIONAL_HEAD.finditer(text, start, end):
        place = _longer_region(text, m.start("place"), m.group("place"))
        place_end = m.start("place") + len(place)
        if place in STOP_CAPS or _is_calendar(place) or (place.isupper() and not _is_place(place)):
            continue  # a short form in capitals only where it is a region's ("Bupati TTU")
        if not _holder_or_list(text, start, m.start(), place_end):
            continue  # a post merely mentioned, its holder unnamed ("dilaporkan kepada Gubernur ..."): no body
        if not m.group("level") and not _is_place(place) and place not in _regions_of_text(text) \
                and re.match(r" [A-Z][a-z]+(?![\w-])", text[place_end:]):
            continue  # "Bupati Syech Muharram menyebutkan": the holder's names, no region of the list
        level = _HEAD_LEVEL[re.sub(r"\s+", " ", m.group("post")).lower()]
        name = f"Pemerintah {level} {_spelled_out(_region_title(place), level)}" if place != "DKI Jakarta" \
            else "Pemerintah Provinsi DKI Jakarta"
        if m.group("adm"):
            name = f"Pemerintah {level} Administrasi {_region_title(place)}"
        first = m.start("level") if m.group("level") else m.start("place")
        out.append(ActorMention(first, place_end, name, None, None, "GovernmentAgency",
                                "regional-head", "rule:regional-head", confidence("mention:regional-head")))
    for m in _REGIONAL_HEAD_LOWER.finditer(text, start, end):
        level = _HEAD_LEVEL[re.sub(r"\s+", " ", m.group("post")).lower()]
        out += _lower_region_government(text, start, m.start(), m.end(), level)
    return out


#: A regional head's post before a word in lower case: the region may be written so ("Bupati
#: tanah datar"), which :data:`_REGIONAL_HEAD` does not read.
_REGIONAL_HEAD_LOWER = re.compile(r"\b(?:Plt\.?\s+|Pj\.?\s+)?(?:Wakil\s+)?(?P<post>Gubernur|Wali\s?[Kk]ota|Bupati)"
                                  r"[ ]+(?=[a-z])")


def _lower_region_government(text: str, start: int, post_start: int, at: int, level: str) -> list[ActorMention]:
    """The government of a region written in lower case after its official's post ("Bupati tanah
    datar, ..."), quoted as written: only a region of the post's level that the list knows, and
    only where the holder follows or the post stands in a list, as for a capitalised region."""
    place = _lower_region(text, at, level)
    if not place or not _holder_or_list(text, start, post_start, at + len(place)):
        return []
    name = f"Pemerintah {level} {_spelled_out(_region_title(place), level)}"
    return [ActorMention(at, at + len(place), name, None, None, "GovernmentAgency",
                         "regional-head", "rule:regional-head", confidence("mention:regional-head"))]


#: A regional secretary's post and the region it serves: "Sekretaris Daerah (Sekda) Kabupaten X",
#: "Sekda Provinsi X", "Sekdaprov X". Unlike a head's post it does not say the level itself, so the
#: level is written, or folded into the short form, or the region is a province.
_REGIONAL_SECRETARY = re.compile(
    r"\b(?:(?P<post>Sekretaris\s+Daerah(?:\s+\(Sekda\))?|Sekda|(?:" + alternation("regional_assistant_posts")
    + r")(?:\s+(?:[IV]{1,3}|[1-4]))?(?:\s+Bidang)?(?:\s+(?:" + alternation("regional_assistant_fields")
    + r")(?:\s*(?:,|dan|&)\s*(?:" + alternation("regional_assistant_fields") + r"))*)?"
    r"(?:\s+Daerah)?)\s+(?:(?P<level>"
    + "|".join(re.escape(w) for w in word_map("secretary_levels") if not w.startswith("Sek")) + r")\s+)?"
    r"|(?P<short>" + "|".join(re.escape(w) for w in sorted(word_map("secretary_levels"), key=len, reverse=True)
                              if w.startswith("Sek")) + r")\s+)"
    r"(?:Adm(?:inistrasi|\.)\s+)?"  # "Sekretaris Kota Administrasi Jakarta Timur": Jakarta's cities by law (UU 29/2007)
    r"(?P<place>DKI Jakarta|Daerah Istimewa Yogyakarta|[A-Z]{3,5}(?![\w-])|[A-Z][a-z]+(?:\s+(?:"
    + alternation("second_place_words") + r"))?)\b")

#: The level each written level word or secretary's short form names.
_SECRETARY_LEVEL = word_map("secretary_levels")


#: A region's short form in brackets right after its name: "Kalimantan Tengah (Kalteng)".
_REGION_SHORT_FORM = re.compile(r" ?\(([A-Z][A-Za-z]{1,11})\)")


def _holder_or_list(text: str, start: int, post_start: int, place_end: int) -> bool:
    """Whether a regional official's post names its holder after the region ("Wali Kota Semarang,
    Hendrar Prihadi") or stands in a list of those present (after or before a comma, a semicolon,
    "dan", "serta", "and"): a post only mentioned ("dilaporkan kepada Gubernur") names no body.
    The region's short form in brackets after it ("Gubernur Kalimantan Tengah (Kalteng) H. Budi")
    is read past, as part of the region."""
    short = _REGION_SHORT_FORM.match(text, place_end)
    if short is not None and _is_place(short.group(1)):
        place_end = short.end()
    in_list = bool(re.search(r"(?:[,;]|\b(?:dan|serta|and))\s*$", text[max(start, post_start - 8):post_start])
                   or re.match(r"\s*[,;]|\s+(?:dan|serta|and)\s", text[place_end:])
                   or _bullet_item(text, post_start, place_end))
    represented = bool(_REPRESENTED_AFTER.match(text, place_end)
                       or _REPRESENTED_BEFORE.search(text, max(start, post_start - 30), post_start))
    return in_list or represented or _HOLDER_AFTER.match(text, place_end) is not None


#: A line that opens with a list's bullet or number ("  • ", "- ", "3. ", "b) ") and nothing else.
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[•·▪◦●*–-]|\d{1,2}[.)]|[a-z][.)])[ \t]*$")


def _bullet_item(text: str, post_start: int, place_end: int) -> bool:
    """Whether the post is a whole item of a bulleted or numbered list ("• Wakil Bupati Contoh"
    on its own line): a list of those present, as one written with commas is."""
    return bool(_BULLET_BEFORE.search(text[max(0, post_start - 12):post_start])
                and re.match(r"[ \t]*(?:\n|$)", text[place_end:]))


def regional_secretaries(text: str, start: int, end: int) -> list[ActorMention]:
    """The government a regional secretary serves: "Sekretaris Daerah Kabupaten Contoh, Budi" is
    that government's own official, so the government is an actor as for its head's post
    (annotation guide, rule 11), quoted by its level and place. Only where the holder follows or
    the post is one of a list, as for a head (:func:`regional_heads`); a "Sekda" with no region,
    or with a region of no known level, names none."""
    from resilience_kg.extract.regions import is_place

    out = []
    for m in _REGIONAL_SECRETARY.finditer(text, start, end):
        # ("Sekda Provinsi Nusa Tenggara Barat": a region's name of three words)
        place = _longer_region(text, m.start("place"), m.group("place"))
        place_end = m.start("place") + len(place)
        if place in STOP_CAPS or _is_calendar(place) or (place.isupper() and is_place(place) is None):
            continue  # a short form in capitals only where it is a region's ("NTB")
        level = _SECRETARY_LEVEL.get(m.group("level") or m.group("short") or "")
        if level is None:
            region = is_place(place)
            if region is None or region.kind != "provinsi":
                continue  # "Sekda Adi Arnawa", "Sekda Batang": a name, or a region whose level is unsaid
            level = "Provinsi"
        if not _holder_or_list(text, start, m.start(), place_end):
            continue  # a post merely mentioned, its holder unnamed: no body
        name = f"Pemerintah {level} {_spelled_out(_region_title(place), level)}" if place != "DKI Jakarta" \
            else "Pemerintah Provinsi DKI Jakarta"
        first = m.start("level") if m.group("level") else m.start("place")
        out.append(ActorMention(first, place_end, name, None, None, "GovernmentAgency",
                                "regional-head", "rule:regional-head", confidence("mention:regional-head")))
    for m in _secretary_lower().finditer(text, start, end):
        level = _SECRETARY_LEVEL[m.group("level") or m.group("short")]
        out += _lower_region_government(text, start, m.start(), m.end(), level)
    return out


@functools.cache
def _secretary_lower() -> re.Pattern[str]:
    """A regional secretary's post that says its level ("Sekdakab", "Sekda Kabupaten") before a
    word in lower case: the region written so ("Sekdakab padang pariaman")."""
    posts = sorted(_SECRETARY_LEVEL, key=len, reverse=True)
    return re.compile(r"\b(?:(?:Sekretaris\s+Daerah|Sekda)\s+(?P<level>" + "|".join(
        re.escape(w) for w in posts if not w.startswith("Sek")) + r")|(?P<short>" + "|".join(
        re.escape(w) for w in posts if w.startswith("Sek")) + r"))[ ]+(?=[a-z])")


def _spelled_out(place: str, level: str) -> str:
    """A province's short name spelled out ("Jabar" is Jawa Barat), and an administrative city's
    level word ("Administrasi Jakarta Barat"): the government's name is the official one, so that
    "Gubernur Jabar" and "Pemerintah Provinsi Jawa Barat" are one actor."""
    from resilience_kg.extract.regions import is_place

    region = is_place(place)
    if region is not None and place.isupper() and region.level_kind == level.lower():
        return region.name  # "Bupati TTU" heads Pemerintah Kabupaten Timor Tengah Utara
    if region is not None and region.kind == f"{level.lower()} administrasi":
        # Jakarta's cities and regency are "Kota Administrasi" / "Kabupaten Administrasi" by law
        # (UU 29/2007): "Wali Kota Jakarta Utara" heads Pemerintah Kota Administrasi Jakarta Utara.
        return f"Administrasi {region.name}"
    if level != "Provinsi" or region is None or region.kind != "provinsi" or region.name.startswith("Daerah "):
        return place
    return region.name
