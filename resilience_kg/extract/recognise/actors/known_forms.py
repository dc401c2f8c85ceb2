"""Surface forms of the gazetteer and of ``rules/known_names.csv``, matched case-sensitively, and
the short forms it knows written in capitals or spaced out ("BAPPEDA", "B P B D")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.actors.bounds import abbreviates_field, branch_word_before, office_tail
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import (
    _english_place_tail,
    _is_place,
    _jurisdiction_tail,
    district_tail,
    tail_name,
)
from resilience_kg.extract.recognise.actors.vocabulary import (
    _SHORT_FORM_AFTER,
    LEGAL_FORMS,
    _fits,
    _is_collective,
    _known_names,
    is_acronym,
)
from resilience_kg.extract.recognise.rules import alternation, confidence, word_map
from resilience_kg.extract.recognise.rules import words as word_list

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer


@dataclass(frozen=True)
class _Surface:
    form: str
    sector: str
    method: str
    kind: str


_SURFACE_CACHE: dict[int, tuple[object, tuple[re.Pattern[str] | None, dict[str, _Surface]]]] = {}


def _surface_index(gazetteer: Gazetteer | None) -> tuple[re.Pattern[str] | None, dict[str, _Surface]]:
    """One regular expression over every surface form, built once per gazetteer object."""
    cached = _SURFACE_CACHE.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    index = _build_surface_index(gazetteer)
    _SURFACE_CACHE[id(gazetteer)] = (gazetteer, index)
    return index


def _build_surface_index(gazetteer: Gazetteer | None) -> tuple[re.Pattern[str] | None, dict[str, _Surface]]:
    forms: dict[str, _Surface] = {}
    for name, sector in _known_names().items():
        forms.setdefault(name, _Surface(name, sector, "rule:known-name", "org"))
    if gazetteer is not None:
        for surface, entry in gazetteer.surface_forms():
            surface = surface.strip()
            if len(surface) < 2 or _is_collective(surface) or _is_place(surface):
                continue
            kind = "unit" if entry.level == "unit" else "org"
            previous = forms.get(surface)
            method = f"gazetteer:{entry.id}"
            if previous is not None and previous.method.startswith("gazetteer") and previous.method != method:
                # Several bodies share this form (DLH of many cities): the resolver decides which.
                sector = previous.sector if previous.sector == entry.sector else ""
                forms[surface] = _Surface(surface, sector, "gazetteer:shared-form", kind)
            else:
                forms[surface] = _Surface(surface, entry.sector, f"gazetteer:{entry.id}", kind)
    if gazetteer is not None:
        for surface, sector in _pattern_short_forms().items():
            forms.setdefault(surface, _Surface(surface, sector, "rule:body-pattern-form", "org"))
    if not forms:
        return None, {}
    alternatives = sorted(forms, key=len, reverse=True)
    for form in [f for f in alternatives if _DASH.search(f)]:
        forms.setdefault(_dash_key(form), forms[form])
    # ("ICLEI-Local Governments for Sustainability": a name's spaced dash is also written without spaces)
    spelt = {s: f for f in alternatives if (s := _indonesian_spelling(f)) not in forms}
    for form, original in spelt.items():
        forms[form] = forms[original]
    alternatives = sorted([*alternatives, *spelt], key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(r"\s*[-–]\s*".join(re.escape(p) for p in _DASH.split(f))
                                                    for f in alternatives) + r")(?![\w-])")
    return pattern, forms


#: English words of an international body's name that Indonesian reports spell their own way
#: ("Plan Internasional", "Palang Merah Internasional"); the name is the same body's.
_INDONESIAN_SPELLINGS = (("International", "Internasional"), ("National", "Nasional"))


def _indonesian_spelling(form: str) -> str:
    """``form`` with its English words spelt as Indonesian reports write them."""
    for english, indonesian in _INDONESIAN_SPELLINGS:
        form = re.sub(rf"\b{english}\b", indonesian, form)
    return form


#: A dash between two parts of a name, with spaces ("ICLEI - Local Governments ...", "Karina - KWI").
_DASH = re.compile(r" [-–] ")


def _dash_key(form: str) -> str:
    """The surface ``form`` with its dashes written as the index keys them (" - ")."""
    return re.sub(r"\s*[-–]\s*", " - ", form)


@functools.cache
def _pattern_short_forms() -> dict[str, str]:
    """The one-word short forms of the standard bodies of a region (``rules/body_patterns.csv``):
    "Bappedalitbang", "Sudinhub", "DPUPR", which reports of the regions that use them write bare.
    Only forms that spell the pattern's full name; none of a body named around its region
    ("Pemerintah {region}": "Pemkot" alone is any city's)."""
    from resilience_kg.extract.body_patterns import load_body_patterns

    out: dict[str, str] = {}
    for pattern in load_body_patterns():
        if "{region}" in pattern.name:
            continue
        full = [f for f in pattern.names() if " " in f]
        for form in pattern.names():
            if " " not in form and len(form) >= 4 and form[0].isupper() and not _is_collective(form) \
                    and any(_fits(form, f) and not f.startswith(form + " ") for f in full):
                out.setdefault(form, pattern.sector)
    return out


def surface_spans(text: str, start: int, end: int, gazetteer: Gazetteer | None) -> list[ActorMention]:
    """Gazetteer and known-name surface forms, matched case-sensitively (BPBD, not "bpbd")."""
    pattern, forms = _surface_index(gazetteer)
    if pattern is None:
        return []
    out = []
    matches = list(pattern.finditer(text, start, end))
    # Names inside a longer name ("Setda" in "Biro KDH-KLN Setda Provinsi DKI Jakarta") become
    # candidates too: they may be the unit's parent.
    for outer in list(matches):
        inner_start = text.find(" ", outer.start(), outer.end())
        while 0 <= inner_start < outer.end():
            inner = pattern.search(text, inner_start + 1, outer.end())
            if inner is None:
                break
            matches.append(inner)
            inner_start = text.find(" ", inner.start(), outer.end())
    for m in matches:
        surface = forms.get(m.group(1)) or forms[_dash_key(m.group(1))]
        s, e = m.start(), m.end()
        # A jurisdiction after the form belongs to the name: "BPBD Provinsi DKI Jakarta", and in
        # English "BAPPEDA of Semarang City".
        entry = gazetteer.by_id.get(surface.method.partition(":")[2]) if gazetteer is not None else None
        firm = (entry.sector if entry is not None else surface.sector) in _FIRM_SECTORS
        tail = (_jurisdiction_tail(text, e, end) or _english_place_tail(text, e, end) or _numeral_tail(text, e, end)
                or office_tail(text, e, end, firm=firm))
        if not tail and entry is not None and entry.level in ("national", "international"):
            tail = _office_tail(text, e, end, international=entry.level == "international")
        if not tail and is_acronym(m.group(1)) and _body_post_before().search(text, max(0, s - 24), s):
            tail = district_tail(text, e, end)  # "ketua PMI Dampit": the district's branch, its head's post before it
        if not tail and entry is not None and entry.level == "national" and is_acronym(m.group(1)) \
                and not _NAME_WORD_BEFORE.search(text, max(0, s - 40), s):
            # "BMKG Pusat", "BNPB Pusat": the national body's head office, named as reports name it
            # (the short form stays the body's, so "BMKG" elsewhere is the same actor); not after
            # a unit's words ("Biro Hukum dan SDM BMKG Pusat": the unit's name holds the office)
            central = _CENTRAL_AFTER.match(text, e, end)
            e += central.end() - e if central is not None else 0
        e += tail
        bracketed, bracket_at = "", e
        placed = _bracketed_place().match(text, e, end) if not tail and is_acronym(m.group(1)) else None
        if placed is not None and _jurisdiction_tail(f" {placed.group(1)}", 0, len(placed.group(1)) + 1) \
                == len(placed.group(1)) + 1 and placed.group(1).split()[0].rstrip(".").capitalize() in _levels():
            # "BPBD (Kabupaten Contoh)", also glued "BPBD(Kab. Contoh)": the branch's level and place
            # in brackets after its short form.
            tail = placed.end() - e
            bracketed = placed.group(1)
            bracket_at = placed.start()
            e = placed.end()
        short = _SHORT_FORM_AFTER.match(text, e, end) if not tail and " " in m.group(1) else None
        place = ((_jurisdiction_tail(text, short.end(), end) or office_tail(text, short.end(), end, firm=firm)
                  or _glued_place(text, short.end(), end, firm=firm))
                 if short is not None else 0)
        if short is not None and place and (_fits(short.group(1), m.group(1))
                                            or abbreviates_field(short.group(1), m.group(1))):
            # "Tim Penggerak ... Keluarga (PKK) Jawa Barat": the short form in brackets, then the
            # branch's region, which names the branch, not the national body.
            e = short.end() + place
            out.append(ActorMention(s, e, f"{m.group(1)} {tail_name(text[short.end():e])}",
                                    f"{short.group(1)} {tail_name(text[short.end():e])}", None,
                                    surface.sector or None, surface.method, surface.method,
                                    confidence("mention:gazetteer"), kind=surface.kind))
            continue
        lower_head = lower_head_at(text, s)
        if lower_head is not None and entry is not None and entry.level == "national" and is_acronym(m.group(1)):
            # "dinas PUPR NTT": the region's office of the ministry's field, named as a head noun names it
            head = word_map("lower_field_heads")[lower_head.group("head")]
            # (with its region the short form is the office's own, so a bare "PUPR" later is this office)
            own = " ".join(text[s:e].split()) if tail else None
            out.append(ActorMention(lower_head.start("head"), e, f"{head} {text[s:e]}", own, None, "GovernmentAgency",
                                    f"head:{head}", f"rule:head-noun:{head}", confidence("mention:head-noun")))
            continue
        first = next((w for w in m.group(1).split() if w not in LEGAL_FORMS), "")
        acronym = m.group(1) if is_acronym(m.group(1)) else first if is_acronym(first) else None
        entry = gazetteer.by_id.get(surface.method.partition(":")[2]) if gazetteer is not None else None
        branch = branch_word_before(text, s, has_place=bool(tail),
                                    national=entry is not None and entry.level == "national",
                                    place=text[e - tail:e] if tail else "")
        if branch < s:  # "Kanwil BPN", "Daops Manggala Agni ...": the branch office is the actor
            s = branch
            acronym = None
        if acronym and tail:
            acronym = " ".join(text[s:e].split())  # "PMI Kota Pontianak": the branch's own short form
        team = _team_after().match(text, e, end)
        if team is not None and (acronym or tail):
            # "the 100RC Semarang team": the team is quoted with its body's name; the short form
            # stays, so "100RC Semarang" elsewhere is the same actor.
            acronym = acronym or " ".join(text[s:e].split())
            e = team.end()
        name = f"{text[s:bracket_at].rstrip()} {bracketed}" if bracketed else text[s:e]
        if bracketed:
            acronym = name  # "BPBD Kabupaten Contoh": the branch's own short form, as for a place outside brackets
        out.append(ActorMention(s, e, name, acronym, None,
                                surface.sector or None, surface.method, surface.method, confidence("mention:gazetteer"),
                                kind=surface.kind))
    return out


@functools.cache
def _lower_head_before() -> re.Pattern[str]:
    """A regional office's head in lower case (``lower_field_heads``: "dinas") right before a short
    form, and the word before it (group ``before``)."""
    heads = "|".join(re.escape(w) for w in word_list("lower_field_heads"))
    return re.compile(r"(?:(?P<before>\w+) )?(?<![\w-])(?P<head>" + heads + r") $")


def lower_head_at(text: str, start: int) -> re.Match[str] | None:
    """The lower-case head right before ``start`` ("dinas PUPR NTT"), unless it qualifies the noun
    before it ("perjalanan dinas", ``official_use_nouns``: an official trip, no office)."""
    found = _lower_head_before().search(text, max(0, start - 30), start)
    if found is None or (found.group("before") or "").lower() in word_list("official_use_nouns"):
        return None
    return found


@functools.cache
def _body_post_before() -> re.Pattern[str]:
    """A post held in a body named right after it ("Kepala", "ketua": ``body_posts``), in either case."""
    # (after a space, or a list's comma with none after it: "Binamarga,ketua PMI Dampit")
    return re.compile(r"(?:^|[\s,;(])(?i:" + "|".join(re.escape(w) for w in word_list("body_posts")) + r")\s+$")


#: A firm's sectors: its branch ("Bank Contoh Cabang Jambi") is the firm in the gold, never a branch actor.
_FIRM_SECTORS = frozenset({"PrivateCompany", "RegionalEnterprise"})


@functools.cache
def _bracketed_place() -> re.Pattern[str]:
    """A level of ``rules/words.csv``'s ``bracketed_place_levels`` and a place in brackets right
    after a short form ("BPBD (Kab. Contoh)"), or glued to it as copy-pasted pages write it
    ("BPBD(Kab. Contoh)"): the quote stays the source's own characters."""
    return re.compile(r" ?\(((?:" + alternation("bracketed_place_levels") + r") [A-Z][\w .-]{1,40}?)\)")


@functools.cache
def _levels() -> frozenset[str]:
    """The levels of ``bracketed_place_levels`` without their dot ("Kab." is "Kab")."""
    return frozenset(level.rstrip(".") for level in word_list("bracketed_place_levels"))


def _glued_place(text: str, pos: int, end: int, *, firm: bool) -> int:
    """Length of a place glued to the short form in brackets before it ("(BPBD)Jawa Barat": a
    copy-pasted page dropped the space), read by the tail readers with no space; 0 when none follows."""
    if pos >= end or not text[pos].isupper():
        return 0
    return _jurisdiction_tail(text, pos, end, glued=True) or office_tail(text, pos, end, firm=firm, glued=True)


#: "Pusat" after a national body's short form: its head office ("BMKG Pusat"), not a place.
_CENTRAL_AFTER = re.compile(r" Pusat(?![\w-])")
#: A capitalised word right before a short form, other than a post's ("Kepala BMKG Pusat").
_NAME_WORD_BEFORE = re.compile(r"(?<![\w-])(?!Kepala |Ketua |Direktur |Deputi )[A-Z][\w-]* $")

#: "UNICEF Perwakilan Papua dan Papua Barat", "BPKP Perwakilan Provinsi Jambi", "UNDP Regional
#: Bangkok": a national or international body, then the word for its office and the office's region.
_OFFICE_AFTER = re.compile(r" (?P<word>Perwakilan|Regional(?: Hub)?)(?: Provinsi| Wilayah)?"
                           r" (?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
                           r"(?: (?:dan|&) (?P<other>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?(?![\w-])")


def _office_tail(text: str, pos: int, end: int, *, international: bool) -> int:
    """Length of an office word and its region after a national or international body's name (the
    branch, named after its body in Indonesian word order), or 0. "Regional" and a city abroad only
    after an international body."""
    office = _OFFICE_AFTER.match(text, pos, end)
    if office is None:
        return 0
    if office.group("word") == "Perwakilan":
        if not _is_place(office.group("place")):
            return 0
        other = office.group("other")
        return (office.end() if other and _is_place(other) else office.end("place")) - pos
    if office.group("place").lower() in word_list("programme_nouns"):
        return 0  # "UNODC Regional Programme": the body's programme, no office of it
    return office.end("place") - pos if international and " " not in office.group("place") else 0


@functools.cache
def _team_after() -> re.Pattern[str]:
    """A lower-case English team or office word right after a name: "... Semarang team"."""
    return re.compile(r" (?:" + "|".join(re.escape(w) for w in word_list("english_team_words")) + r")(?![\w-])")


#: A Roman numeral after a known name: "Pelindo III", "Angkasa Pura II" (the numbered companies
#: or commands of one group). Not "I" before a capitalised word: "I Made", "I Gusti" start a
#: Balinese person's name.
_NUMERAL_AFTER = re.compile(r" (?P<n>[IVX]{1,5})(?![\w/-])")

#: The Roman numerals from I to XX, written the standard way.
_ROMAN = re.compile(r"X{0,2}(?:IX|IV|V?I{0,3})")


def _numeral_tail(text: str, pos: int, end: int) -> int:
    """Length of the Roman numeral that numbers a known name ("Pelindo III"), or 0: the numbered
    body is named with its numeral, not as the group alone."""
    numeral = _NUMERAL_AFTER.match(text, pos, end)
    if numeral is None or not _ROMAN.fullmatch(numeral.group("n")):
        return 0
    if numeral.group("n") == "I" and re.match(r" [A-Z]", text[numeral.end():numeral.end() + 2]):
        return 0
    return numeral.end() - pos


_ODD_FORM = re.compile(r"(?<![\w-])((?:[A-Z] ){2,}[A-Z]|[A-Z][A-Z0-9&-]{2,11})(?![\w-])")


def odd_forms(text: str, start: int, end: int, gazetteer: Gazetteer | None) -> list[ActorMention]:
    """Short forms the gazetteer knows, written in capitals ("BAPPEDA" for Bappeda) or spaced
    out ("B P B D Kabupaten Demak"): the case-sensitive matcher misses them."""
    _, forms = _surface_index(gazetteer)
    folded = _folded_short_forms(gazetteer)
    out = []
    for m in _ODD_FORM.finditer(text, start, end):
        token = m.group(1)
        joined = token.replace(" ", "")
        if token in forms or joined.casefold() not in folded:
            continue
        surface = forms[folded[joined.casefold()]]
        e = m.end() + (_jurisdiction_tail(text, m.end(), end) or _english_place_tail(text, m.end(), end))
        name = surface.form + text[m.end():e]
        out.append(ActorMention(m.start(), e, name, joined if is_acronym(joined) else None, None,
                                surface.sector or None, surface.method, surface.method,
                                confidence("mention:gazetteer-spaced"), kind=surface.kind))
    out += _title_case_forms(text, start, end, gazetteer, forms)
    for m in _SPLIT_FORM.finditer(text, start, end):
        joined = m.group(1) + m.group(2)
        if joined.casefold() not in folded:
            continue
        surface = forms[folded[joined.casefold()]]
        out.append(ActorMention(m.start(), m.end(), surface.form, joined if is_acronym(joined) else None, None,
                                surface.sector or None, surface.method, surface.method,
                                confidence("mention:gazetteer-spaced"), kind=surface.kind))
    return out


#: A short form written in two parts ("UN DRR" for UNDRR): two runs of capitals and one space.
_SPLIT_FORM = re.compile(r"(?<![\w-])([A-Z]{2,5}) ([A-Z]{2,6})(?![\w-])")


def _folded_short_forms(gazetteer: Gazetteer | None) -> dict[str, str]:
    """One-word forms (acronyms, short names) by their case-folded spelling."""
    cached = _FOLDED_CACHE.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:  # the id of a collected object may be reused
        return cached[1]
    _, forms = _surface_index(gazetteer)
    folded = {f.casefold(): f for f in forms if " " not in f and 3 <= len(f) <= 12}
    _FOLDED_CACHE[id(gazetteer)] = (gazetteer, folded)
    return folded


_FOLDED_CACHE: dict[int, tuple[object, dict[str, str]]] = {}


#: A capitalised word of four letters or more: a short form written as a name ("Unicef", "Kadin").
_TITLE_FORM = re.compile(r"(?<![\w-])([A-Z][a-z]{3,11})(?![\w-])")
#: The start of a text, a line or a sentence, right before a word.
_SENTENCE_START = re.compile(r"(?:\A|[\n.!?:\"“]\s*)\Z")
#: A capitalised word right after a token: a longer name goes on ("Adhi Karya", "Asean Mayor Forum").
_CAPITAL_AFTER = re.compile(r" [A-Z]")


def _title_case_forms(text: str, start: int, end: int, gazetteer: Gazetteer | None,
                      forms: dict[str, _Surface]) -> list[ActorMention]:
    """Short forms the gazetteer writes in capitals, written as a name ("Unicef" for UNICEF, "Rapi"
    for RAPI, "Kadin NTT"). Not where a capitalised word follows that is no place or office word:
    the token then starts a longer name ("Adhi Karya", "Asean Mayor Forum") or a person's."""
    out = []
    for m in _TITLE_FORM.finditer(text, start, end):
        token = m.group(1)
        surface = forms.get(token.upper())
        if token in forms or surface is None or not surface.method.startswith("gazetteer:") \
                or text[m.start() - 1:m.start()] == "(" \
                or _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
            # (a short form in brackets goes with the name before it; a sentence's first word is
            # capitalised whatever it is: "Rapi" there may be the word for tidy)
            continue
        entry = gazetteer.by_id.get(surface.method.partition(":")[2]) if gazetteer is not None else None
        international = entry is not None and entry.level == "international"
        # An international body's office is named with its office word ("Unicef Perwakilan Papua");
        # its bare region after it is where the office works ("Kepala Unicef Papua dan Papua Barat").
        tail = 0 if international else _jurisdiction_tail(text, m.end(), end) or _english_place_tail(text, m.end(), end)
        if not tail and entry is not None and entry.level in ("national", "international"):
            tail = _office_tail(text, m.end(), end, international=international)
        if international and not tail and _jurisdiction_tail(text, m.end(), end):
            out.append(ActorMention(m.start(), m.end(), token, token, None, surface.sector or None, surface.method,
                                    surface.method, confidence("mention:gazetteer-spaced"), kind=surface.kind))
            continue
        if not tail and _CAPITAL_AFTER.match(text, m.end(), end):
            continue
        e = m.end() + tail
        out.append(ActorMention(m.start(), e, text[m.start():e], token.upper() + text[m.end():e] if tail else token,
                                None, surface.sector or None, surface.method, surface.method,
                                confidence("mention:gazetteer-spaced"), kind=surface.kind))
    return out
