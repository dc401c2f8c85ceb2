"""Recognise organisations and named units in report text.

Four recognisers propose spans, then overlaps are settled (the longest span wins; an
organisation named inside a unit's name, such as BPBD in "Bidang Pencegahan BPBD", is kept as
that unit's parent):

- ``rule:head-noun:<head>``: a head noun from ``rules/head_nouns.csv`` (Dinas, Badan, Biro,
  Universitas, PT, Kedutaan Besar, Ministry, University...) and the capitalised words it governs;
- ``rule:acronym-paren``/``rule:acronym-bracket``/``rule:acronym-first``: "Dinas Lingkungan Hidup
  (DLH)", "... [DLH]" and "DLH (Dinas Lingkungan Hidup)", kept when the expansion names a body;
- ``gazetteer:<id>`` and ``rule:known-name``: surface forms of the gazetteer of public bodies
  and of ``rules/known_names.csv``;
- ``rule:group-list`` and ``rule:list-context``: the members of a list headed by a sector word
  ("Swasta (Buro Happold, Ruang Waktu)") or of an attendance list whose other members are bodies.

Generic collectives (akademisi, OPD, NGOs) and places are never actors.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.rules import (
    alternation,
    collectives,
    confidence,
    months,
    places,
    table,
    weekdays,
    word_map,
)
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import ABBREVIATIONS, Span, words

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer

# The word lists are rows of ``rules/words.csv``, each with its basis.
#: Lower-case words allowed inside a name when a capitalised word follows.
CONNECTORS = frozenset(word_list("connectors"))
#: Capitalised words that begin a sentence or clause but never a name (with the verbs of
#: Indonesian headlines, which capitalise every word: "Kemendagri Dorong Pemda Tingkatkan ...").
STOP_CAPS = frozenset(word_list("stop_caps"))
JURISDICTION_WORDS = frozenset(word_list("jurisdiction_words"))
#: Single words that head a list of bodies but name none.
GENERIC_WORDS = frozenset(word_list("generic_words"))
#: First words of a topic, not a body, in a list of what was discussed ("Kebijakan Perencanaan
#: dan Anggaran Penanggulangan Bencana"); no Indonesian body's name starts with one.
TOPIC_WORDS = frozenset(word_list("topic_words"))
TITLES = re.compile(r"^(" + alternation("titles") + r")\.?$")


@dataclass(frozen=True)
class ActorMention:
    """One organisation mention: the span quoted, the name, and how it was found."""

    start: int
    end: int
    name: str
    acronym: str | None
    expansion: str | None
    sector: str | None
    sector_basis: str
    method: str
    confidence: float
    kind: str = "org"  # org | unit
    parent_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Head:
    head: str
    sector: str
    kind: str
    english: bool


@functools.cache
def _heads() -> dict[str, _Head]:
    return {row["head"]: _Head(row["head"], row["sector"], row["kind"],
                               row["language"] == "en" or row["basis"].startswith("English"))
            for row in table("head_nouns")}


@functools.cache
def _head_regex() -> re.Pattern[str]:
    heads = sorted(_heads(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(h) for h in heads) + r")(?![\w-])")


@functools.cache
def _short_heads() -> dict[str, str]:
    return {row["head"]: row["full"] for row in table("head_nouns") if row["full"]}


def name_key(name: str) -> str:
    """A name with short heads spelled out, lower case, punctuation dropped: one key for
    "Kedubes Perancis" and "Kedutaan Besar Perancis", "Pemprov DKI" and "Pemerintah Provinsi DKI".

    >>> name_key("Kedubes Perancis") == name_key("Kedutaan Besar  Perancis")
    True
    """
    words_ = name.split()
    if words_ and words_[0] in _short_heads():
        words_[0] = _short_heads()[words_[0]]
    return re.sub(r"\W+", " ", " ".join(words_).lower()).strip()


@functools.cache
def _known_names() -> dict[str, str]:
    return {row["name"]: row["sector"] for row in table("known_names")}


@functools.cache
def _sector_groups() -> dict[str, str]:
    return {row["cue"].lower(): row["sector"] for row in table("sector_groups")}


def is_cap(word: str) -> bool:
    """A word that may stand inside a name: capitalised, an acronym or a number (100 Resilient Cities)."""
    return bool(word) and (word[0].isupper() or ((word[0].isdigit() and any(c.isalpha() for c in word))
                                                 or (word.isdigit() and len(word) <= 4)))


#: Legal forms of a company: written in capitals or in brackets, but never a body's short name
#: ("PT PLN (Persero)" is PLN; "PT Jakarta Propertindo (Perseroda)" has no acronym).
LEGAL_FORMS = frozenset(word_list("legal_forms"))


def is_acronym(word: str) -> bool:
    """ALLCAPS (with digits, & or -), or an uppercase word with inner capitals (KDH-KLN, UCLG, C40)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and word[0].isalnum()


def _is_place(name: str) -> bool:
    """A place, never a body: the hand-listed places, a region of the official list, or a unit
    named by its place ("Kelurahan Tanjung Mas", "Kodim 0733 Semarang")."""
    from resilience_kg.extract.regions import is_place

    return (name.lower().strip() in places() or is_place(name) is not None
            or name.split(maxsplit=1)[0] in _place_kinds())


@functools.cache
def _place_kinds() -> frozenset[str]:
    return frozenset(row["word"] for row in table("place_kinds"))


@functools.cache
def _venue_regex() -> re.Pattern[str]:
    venues = sorted((row["word"] for row in table("venues") if row["use"] == "name"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(v) for v in venues) + r")(?![\w-])")


def _is_venue(text: str, start: int, name: str) -> bool:
    """A building, not a body: "Balai Kota", "Gedung X", or a name right after a building word."""
    if _venue_regex().match(name):
        return True
    before = text[max(0, start - 16):start].rstrip()
    first = name.split(maxsplit=1)[0]
    if first in _offices() and re.search(r"(?:^|\s)(?:" + alternation("venue_prepositions") + r")$", before, re.I):
        return True  # "di Kantor BPBD Natuna": where it happened
    # Inside a room's or hall's own name: "di Ruang Ngesti Widhi Setda Kendal", "Ruang Pola Kantor Bupati".
    return bool(_venue_lead_regex().search(text, max(0, start - 60), start))


@functools.cache
def _offices() -> frozenset[str]:
    return frozenset(row["word"] for row in table("venues") if row["use"] == "at")


@functools.cache
def _venue_lead_regex() -> re.Pattern[str]:
    """A building word and the capitalised words of its name, ending where a mention starts."""
    venues = sorted((row["word"] for row in table("venues") if row["use"] != "at"), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(v) for v in venues) + r")(?:\s+[A-Z0-9][\w.-]*){0,4}\s+$")


@functools.cache
def _document_regex() -> re.Pattern[str]:
    words_ = sorted((row["word"] for row in table("documents")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words_) + r")(?![\w-])[^.;()]*?"
                      r"(?:\btentang\b|\bon\b|\bNomor\b|\bNo\.)[^,.;()]*?"
                      r"(?=\s(?:" + alternation("document_title_end") + r")\b|[,.;()]|$)")


@functools.cache
def _document_words() -> re.Pattern[str]:
    """A name that begins with a regulation's word (``rules/documents.csv``) is a document's title."""
    words_ = sorted((row["word"] for row in table("documents")), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in words_) + r")(?![\w-])")


def document_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Regulation names with their titles ("Peraturan Gubernur Nomor 1 Tahun 2018 tentang
    Rencana Kerja Pemerintah Daerah"): no actor is named inside them."""
    return [(m.start(), m.end()) for m in _document_regex().finditer(text, start, end)]


def _is_calendar(word: str) -> bool:
    return word.lower().rstrip(",.") in weekdays() or word.lower().rstrip(",.") in months()


def _names_an_event(name: str) -> bool:
    from resilience_kg.extract.recognise.events import event_regex

    return bool(event_regex().search(name))


def _is_collective(name: str) -> bool:
    lowered = name.lower().strip()
    return lowered in collectives() or lowered.rstrip("s") in collectives()


# --- 1. head nouns ----------------------------------------------------------------------------


def _forward(text: str, toks: Sequence[Span], i: int, *, english: bool) -> int:
    """Index after the last token of the name whose head ends before ``toks[i]``."""
    last = i - 1
    j = i
    while j < len(toks) and j - i < 14:
        word = toks[j].text
        gap = text[toks[j - 1].end:toks[j].start] if j > 0 else " "
        if "\n" in gap or "\t" in gap or (gap and gap.strip()):
            break  # (a tab separates the cells of a table row: "Fakultas Kedokteran UNTAN<TAB>Pertolongan")
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        if word.endswith(("'s", "’s")) and j > i:
            break  # "... Agency and Bali's ...": an owner starts the next phrase
        if english and j == i and word.lower() in ("and", "dan"):
            break  # "... Planning Office and Pattimura University": an English name ends at its head
        if _is_calendar(word):
            break  # "Hotel Trans Luxury Bandung Kamis, 22/08/19": the day is not part of the name
        if word in ("Prov.", "Prov"):
            last = j
        elif is_cap(word) and word not in STOP_CAPS - {"The"} and not TITLES.match(word):
            if word == "The" and not english:
                break
            governed = english and any(t.text.lower() in ("of", "for") for t in toks[i:j])
            if (english and j > i and _heads().get(word) is not None and _heads()[word].english
                    and not (is_cap(nxt) and nxt not in STOP_CAPS) and nxt.lower() not in ("of", "for", "on")):
                # English puts the head last: "Pattimura University Disaster Studies Centre",
                # "Kyoto University's Disaster Prevention Research Institute" are the centre's names.
                last = j
                break
            if english and j > i and _heads().get(word) is not None and nxt.lower() in ("of", "for"):
                last = j  # "Tohoku University's International Research Institute of Disaster Science"
                j += 1
                continue
            if j > i and _head_regex().fullmatch(word) and toks[j - 1].text.lower() not in CONNECTORS and not governed:
                # ("Association for Provincial Government": after "for", a head noun is governed.)
                # A second head right after a name starts another body ("Dinas X Dinas Y")
                # unless it is a jurisdiction word.
                if word not in ("Kota", "Provinsi", "Kabupaten") and not _is_place(f"{toks[j - 1].text} {word}"):
                    break  # (but "Polres Metro Jakarta Pusat": Pusat ends a place's name)
            last = j
        elif word.lower() in CONNECTORS and is_cap(nxt) and nxt not in STOP_CAPS and not _is_collective(nxt):
            if word.lower() in ("dan", "and") and (_head_regex().match(nxt) or is_acronym(nxt)):
                break  # "Dinas A dan Dinas B", "Dinas Perhubungan dan ITDP": two bodies
            if word.lower() == "dan" and _is_collective(" ".join(t.text for t in toks[j + 1:j + 3])):
                break
            if word.lower() in ("dan", "and") and j > i and _is_place(toks[j - 1].text):
                break  # "... BMKG SulSel dan Pusdataru ...": a region ends the first body
        elif word == "-" and is_cap(nxt):
            pass
        else:
            break
        j += 1
    # Cut after a jurisdiction place followed by more capitalised words (a person's name).
    names = [t.text for t in toks[i:last + 1]]
    for k in range(len(names) - 1, -1, -1):
        for width in (3, 2, 1):
            if k - width + 1 >= 0 and _is_place(" ".join(names[k - width + 1:k + 1])):
                marked = width > 1 or (k - width >= 0 and names[k - width] in JURISDICTION_WORDS)
                if marked and k < len(names) - 1 and names[k + 1] not in ("Bidang", "Kota", "Provinsi"):
                    last = i + k
                break
        else:
            continue
        break
    while last >= i and toks[last].text.lower() in CONNECTORS:
        last -= 1
    return last + 1


def _backward(text: str, toks: Sequence[Span], i: int) -> int:
    """Index of the first token of an English name whose head is ``toks[i]`` (Jakarta City Government)."""
    first = i
    j = i - 1
    while j >= 0 and i - j <= 8:  # "Ambon City Public Works and Spatial Planning Office"
        word = toks[j].text
        gap = text[toks[j].end:toks[j + 1].start]
        if gap.strip() or "\n" in gap or "\t" in gap:
            break
        if word.endswith(("'s", "’s")):
            break  # "Indonesia's National Disaster Management Agency": the owner is not in the name
        if is_cap(word) and word not in STOP_CAPS and not _head_regex().fullmatch(word):
            first = j
        elif word.lower() in ("of", "and", "for") and j > 0 and is_cap(toks[j - 1].text):
            pass
        else:
            break
        j -= 1
    return first


#: A short form in brackets right after a name: "Environment Agency (DLH)", "(Dinas SDA)".
_SHORT_FORM_AFTER = re.compile(r"\s?[(\[]\s*([A-Z][\w&.\-]*(?: [A-Z][\w&\-]*){0,2})\s*[)\]]")
#: The words of a region's level ("Kota", "Kab."), which news copy also writes in lower case.
_LEVEL_WORDS = frozenset(word for word, use in word_map("jurisdiction_words").items() if use == "level")
_LEVEL_SPELLINGS = sorted(_LEVEL_WORDS | {w.lower() for w in _LEVEL_WORDS if not w.endswith(".")})
_TAIL = re.compile(r" +(?:Wilayah [IVX]+ )?(?:(?:" + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS) + r") +)?"
                   r"(?:DKI Jakarta|Jakarta (?:" + alternation("region_compass") + r")|[A-Z][a-z]+(?: [A-Z][a-z]+)?"
                   r"|[A-Z]{2,4}(?![\w-])|[A-Z][a-z]+[A-Z][a-z]+(?![\w-]))")


#: Second words of two-word regions ("Bandung Barat", "Jakarta Utara", "Tanah Datar" is known by name).
_SECOND_PLACE_WORDS = frozenset(word_list("second_place_words"))


_NAME_GOES_ON = re.compile(r" (?:[A-Z][a-z]+|[A-Z]\.)")


def _jurisdiction_tail(text: str, pos: int, end: int) -> int:
    """Length of a jurisdiction after a name ("BPBD Provinsi DKI Jakarta", "Bappeda Kota Semarang"), or 0."""
    tail = _TAIL.match(text, pos, end)
    if tail is None:
        return 0
    words_ = [w for w in tail.group(0).split() if w != "Wilayah" and not re.fullmatch(r"[IVX]+", w)]
    if not words_:
        return 0
    if not words_[-1][1:].islower() and not _is_place(words_[-1]):
        return 0  # a short form after a name is a province's only when the region list says so ("NTT")
    # "BPBD provinsi Riau": news copy writes the level in lower case too.
    marked = words_[0].capitalize() in _LEVEL_WORDS or words_[0] == "DKI" or "Wilayah" in tail.group(0)
    place = " ".join(w for w in words_ if w.capitalize() not in _LEVEL_WORDS)
    if (marked and " " in place and not _is_place(place) and place.split()[1] not in _SECOND_PLACE_WORDS
            and _NAME_GOES_ON.match(text, tail.end())):
        # "BPBD Kabupaten Bima Aries Munandar": the second word starts the officer's name.
        return len(tail.group(0)[:tail.group(0).rstrip().rfind(" ")].rstrip())
    if marked or (_is_place(place) and _is_place(" ".join(words_))):
        return tail.end() - pos
    return 0


#: Legal forms written after a firm's name ("... Tbk"): they never head a name of their own.
_SUFFIX_FORMS = frozenset(("Tbk", "Tbk."))


def head_noun_spans(text: str, start: int, end: int) -> list[ActorMention]:
    """Names governed by a head noun in ``text[start:end]`` (one sentence)."""
    toks = words(text, start, end)
    index = {t.start: k for k, t in enumerate(toks)}
    out: list[ActorMention] = []
    for m in _head_regex().finditer(text, start, end):
        k = index.get(m.start())
        if k is None:
            continue
        head = _heads()[m.group(1)]
        width = len(words(m.group(1)))
        after = k + width
        stop = _forward(text, toks, after, english=head.english)
        first = _backward(text, toks, k) if head.english else k
        if stop <= after and first == k:
            continue  # a head alone ("Dinas", "Badan") names nothing
        if first == k and m.group(1) in _SUFFIX_FORMS:
            continue  # "PT Telkom Indonesia (Persero) Tbk Witel Jakarta": Tbk ends a firm's name, never starts one
        s, e = toks[first].start, toks[stop - 1].end
        if text[e - 1] == "." and toks[stop - 1].text.lower().rstrip(".") not in ABBREVIATIONS:
            e -= 1
        name = text[s:e]
        if head.head == "Bidang" and re.search(r"\b(" + alternation("deputy_posts") + r")\b",
                                                text[max(start, s - 60):s]):
            continue  # "Deputi Gubernur ... Bidang X": the deputy's field, not a division
        body = name[len(m.group(1)):] if first == k else name
        if m.group(1) in ("Program", "Programme") and not re.search(r"\b(" + alternation("programme_bodies") + r")\b",
                                                                    name):
            continue
        if m.group(1) in ("Office", "Government", "Department") and first == k and not body.strip().startswith("of"):
            continue
        if _is_place(name) or _is_collective(name) or _is_collective(body.strip()) or name.lower() in _sector_groups():
            continue
        sector = head.sector
        if head.head in ("Palang Merah", "Red Cross") and _is_foreign_country(body.strip() if first == k else
                                                                             name[:m.start() - s].strip()):
            sector = "InternationalOrganization"  # "Palang Merah Jerman": a national society abroad
        acronym = None
        expansion = name
        slashed = re.fullmatch(r"(.+\s\S+)/([A-Z][A-Z0-9&-]{1,11})", name)
        if slashed:
            # "Badan Nasional Penanggulangan Bencana/BNPB": one body, written with its short form.
            name = expansion = slashed.group(1)
            out.append(ActorMention(s, e, name, slashed.group(2), expansion, head.sector, f"head:{head.head}",
                                    f"rule:head-noun:{head.head}", confidence("mention:head-noun"), kind=head.kind))
            continue
        short = _SHORT_FORM_AFTER.match(text, e, end)
        english_alias = short is not None and not head.english and _english_head_at_end(short.group(1)) is not None
        if short and short.group(1) != name and (len(short.group(1)) < len(name) or english_alias) and \
                short.group(1) not in LEGAL_FORMS and \
                (head.english or _fits(short.group(1), name) or _head_regex().match(short.group(1)) or english_alias):
            # ("Palang Merah Jerman (German Red Cross)": the English name in brackets, one actor.)
            acronym = short.group(1)
            e = short.end()
            tail = _jurisdiction_tail(text, e, end) or _named_tail(text, e, end, acronym)
            if tail:
                # "Lembaga Bantuan Hukum (LBH) Jakarta": the place belongs to the name (a bare "LBH"
                # later in the text still means this branch).
                name = f"{name} {text[e:e + tail].strip()}"
            e += tail
        out.append(ActorMention(s, e, name, acronym, expansion if acronym else None, sector, f"head:{head.head}",
                                f"rule:head-noun:{head.head}", confidence("mention:head-noun"), kind=head.kind))
    return out


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(row["name"] for row in table("places") if row["kind"] == "country" and row["name"] != "Indonesia")


def _is_foreign_country(name: str) -> bool:
    return name in _countries()


# --- 2. acronym and expansion ---------------------------------------------------------------

_ACRONYM_IN_BRACKETS = re.compile(r"[(\[]\s*([A-Z][A-Za-z0-9&.\-]{1,15}(?: [A-Z][A-Za-z0-9&\-]{1,15}){0,2})\s*[)\]]")


_TAIL_WORDS = re.compile(r" ([A-Z][\w-]*(?: [A-Z][\w-]*)?)"
                         r"(?=[,.;:)]| (?:" + alternation("name_end_words") + r") | [a-z]|$)")


def _named_tail(text: str, pos: int, end: int, acronym: str) -> int:
    """Length of the capitalised words after "(ACR)" that belong to the name because the text
    writes them with the short form elsewhere: "Lembaga Masyarakat Adat (LMA) Port Numbay" and,
    later, "LMA Port Numbay"; 0 otherwise."""
    tail = _TAIL_WORDS.match(text, pos, end)
    if tail is None or any(w in STOP_CAPS or _head_regex().fullmatch(w) for w in tail.group(1).split()):
        return 0
    again = re.compile(r"(?<![\w-])" + re.escape(f"{acronym} {tail.group(1)}") + r"(?![\w-])")
    return tail.end(1) - pos if again.search(text, pos + len(tail.group(0))) else 0


def _fits(acronym: str, phrase: str) -> bool:
    """Whether ``acronym`` can abbreviate ``phrase``: same first letter, its letters in order.

    >>> _fits("Bappeda", "Badan Perencanaan Pembangunan Daerah"), _fits("DLH", "Dinas Lingkungan Hidup")
    (True, True)
    >>> _fits("DLH", "Badan Pertanahan")
    False
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    flat = re.sub(r"[^0-9a-z]", "", phrase.lower())
    if not letters or not flat or letters[0] != flat[0]:
        return False
    pos = 0
    for ch in letters:
        pos = flat.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _names_a_body(expansion: str) -> bool:
    """An expansion names a body when it starts with a head noun (Indonesian order), ends with
    one or has "X of" (English order: "Environment Agency", "Ministry of ..."), or is a known name.
    "Kerja Sama Pemerintah dan Badan Usaha" has a head inside but names a scheme."""
    if expansion in _known_names():
        return True
    first = _head_regex().match(expansion)
    if first is not None:
        return True
    if re.match(r"(?:Deputi|Kedeputian) Gubernur\b.*\b[Bb]idang\b", expansion):
        return True  # a deputy governor's office given a short form: "Deputi ... Bidang X (Deputi TRLH)"
    last = _head_regex().search(expansion.split()[-1]) if expansion.split() else None
    return last is not None and _heads()[last.group(1)].english


def _english_head_at_end(name: str) -> re.Match[str] | None:
    """The English head that ends a name ("Hutan Kita Institute"), which gives its sector."""
    last = _head_regex().search(name, max(0, len(name) - 20))
    if last is None or last.end() != len(name) or not _heads()[last.group(1)].english:
        return None
    return last


def acronym_pairs(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> list[ActorMention]:
    """"Expansion (ACR)", "Expansion [ACR]" and "ACR (Expansion)" pairs that name a body."""
    out: list[ActorMention] = []
    toks = words(text, start, end)
    for m in _ACRONYM_IN_BRACKETS.finditer(text, start, end):
        acronym = m.group(1).strip()
        if acronym in LEGAL_FORMS:
            continue
        if not any(c.isupper() for c in acronym[1:]) and " " not in acronym:
            if not re.fullmatch(r"[A-Z][a-z]+", acronym):  # Bappeda, Dishub are fine
                continue
        before = [t for t in toks if t.end <= m.start()]
        best = None
        valid: list[int] = []
        commas = 0
        j = len(before) - 1
        while j >= 0 and len(before) - j <= 14:
            w = before[j].text
            if w == ",":
                # A comma ends the expansion once one fits ("Dinas Sosial, Badan X (BX)"); before
                # that it may be inside one ("Badan Meteorologi, Klimatologi dan Geofisika").
                commas += 1
                if best is not None or commas > 2:
                    break
                j -= 1
                continue
            if is_cap(w) or w.lower() in CONNECTORS or w == "-":
                phrase = text[before[j].start:before[-1].end]
                if is_cap(w) and w not in STOP_CAPS and _fits(acronym, phrase):
                    best = j
                    valid.append(j)
                j -= 1
                continue
            break
        # The nearest start at a head noun wins ("Bappeda ... dan Badan Pengelola Keuangan Daerah
        # (BPKD)" is Badan...); without one, the farthest start that fits.
        at_head = [k for k in valid if _head_regex().match(text, before[k].start)]
        if at_head:
            best = max(at_head)
            # "Deputi Gubernur ... Bidang X (Deputi TRLH)": the office starts at Deputi, not Bidang.
            deputy = [k for k in valid if k < best and before[k].text in ("Deputi", "Kedeputian", "Asisten")]
            if before[best].text == "Bidang" and deputy:
                best = min(deputy)
        if best is not None and commas and "," in text[before[best].start:m.start()]:
            # Crossing a comma needs an expansion that starts with a head noun.
            if not _head_regex().match(text, before[best].start):
                best = None
        if best is not None:
            # A post before the body is not part of its name ("Kepala Biro ... (KDH-KLN)").
            post = _post_regex().match(text, before[best].start)
            # A deputy governor's short form names the office (Deputi TRLH), so it keeps its post words.
            if post is not None and post.end() < before[-1].end and not post.group(1).startswith("Deputi"):
                head_at = _head_regex().search(text, before[best].start, before[-1].end)
                if head_at is not None and head_at.start() >= post.start():
                    best = next((k for k in range(best, len(before)) if before[k].start >= head_at.start()), best)
            s = before[best].start
            expansion = text[s:before[-1].end].rstrip(" ,")
            tail = _jurisdiction_tail(text, m.end(), end) or _named_tail(text, m.end(), end, acronym)
            short_name = f"{acronym} {' '.join(text[m.end():m.end() + tail].split())}".strip()
            if (_names_a_body(expansion) or acronym in _known_names() or acronym in known
                    or short_name in _acting_subjects(text)):
                # ("Destructive Fishing Watch (DFW) Indonesia" ... "DFW Indonesia merekomendasikan":
                # no head noun, but its short form proposes or commits, so it names a body.)
                method = "rule:acronym-bracket" if m.group(0).startswith("[") else "rule:acronym-paren"
                # "Pemerintah Kabupaten (Pemkab) Kendal": the place after the bracket is the body's.
                name = f"{expansion} {' '.join(text[m.end():m.end() + tail].split())}" if tail else expansion
                head = _head_regex().match(expansion) or _english_head_at_end(expansion)
                sector = _heads()[head.group(1)].sector if head else None
                kind = _heads()[head.group(1)].kind if head else "org"
                if head is None and expansion.startswith(("Deputi", "Kedeputian")):
                    sector, kind = "GovernmentAgency", "unit"  # a deputy governor's office
                out.append(ActorMention(s, m.end() + tail, name, acronym, expansion, sector,
                                        f"head:{head.group(1)}" if head else "", method, confidence("mention:acronym"),
                                        kind=kind))
                continue
    # ACR (Expansion)
    for m in re.finditer(r"(?<![\w-])([A-Z][A-Za-z0-9&\-]{1,12})\s*\(([^()\[\]]{4,120})\)", text[start:end]):
        acronym, expansion = m.group(1), m.group(2).strip()
        if not is_acronym(acronym) and not re.fullmatch(r"[A-Z][a-z]+", acronym):
            continue
        if "," in expansion or not is_cap(expansion.split()[0]) or not _fits(acronym, expansion):
            continue
        if not _names_a_body(expansion):
            continue
        s = start + m.start()
        head = _head_regex().match(expansion)
        sector = _heads()[head.group(1)].sector if head else None
        tail = _jurisdiction_tail(text, start + m.end(), end)
        # "BPBD (Badan Penanggulangan Bencana Daerah) Kabupaten Banjar": the place is the body's.
        name = f"{expansion} {' '.join(text[start + m.end():start + m.end() + tail].split())}" if tail else expansion
        out.append(ActorMention(s, start + m.end() + tail, name, acronym, expansion, sector,
                                f"head:{head.group(1)}" if head else "", "rule:acronym-first",
                                confidence("mention:acronym"),
                                kind=_heads()[head.group(1)].kind if head else "org"))
    return out


# --- 3. gazetteer and known names -----------------------------------------------------------


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
    if not forms:
        return None, {}
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w-])")
    return pattern, forms


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
        surface = forms[m.group(1)]
        s, e = m.start(), m.end()
        # A jurisdiction after the form belongs to the name: "BPBD Provinsi DKI Jakarta".
        tail = _jurisdiction_tail(text, e, end)
        e += tail
        first = next((w for w in m.group(1).split() if w not in LEGAL_FORMS), "")
        acronym = m.group(1) if is_acronym(m.group(1)) else first if is_acronym(first) else None
        if acronym and tail:
            acronym = " ".join(text[s:e].split())  # "PMI Kota Pontianak": the branch's own short form
        out.append(ActorMention(s, e, text[s:e], acronym, None,
                                surface.sector or None, surface.method, surface.method, confidence("mention:gazetteer"),
                                kind=surface.kind))
    return out


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
        e = m.end() + _jurisdiction_tail(text, m.end(), end)
        name = surface.form + text[m.end():e]
        out.append(ActorMention(m.start(), e, name, joined if is_acronym(joined) else None, None,
                                surface.sector or None, surface.method, surface.method,
                                confidence("mention:gazetteer-spaced"), kind=surface.kind))
    return out


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


# --- 4. lists -------------------------------------------------------------------------------

_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bdan\b|\band\b|\bserta\b|&)\s*")


def _items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    items = []
    pos = s
    for m in _LIST_SPLIT.finditer(text, s, e):
        items.append((pos, m.start()))
        pos = m.end()
    items.append((pos, e))
    out = []
    for a, b in items:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip().rstrip(".")
        if chunk:
            out.append((a + lead, a + lead + len(chunk)))
    return out


def _plausible_item(name: str) -> bool:
    ws = name.split()
    if not ws or len(ws) > 7 or not is_cap(ws[0]) or ws[0] in STOP_CAPS or TITLES.match(ws[0]):
        return False
    if ws[-1] in _POST_TAILS or (len(ws) == 1 and ws[0] in _LIST_ADJECTIVES):
        return False  # a post ("Associate Director") or an adjective heading a list ("Provincial")
    if name.lower() in GENERIC_WORDS or name.lower() in _sector_groups() or any(_is_calendar(w) for w in ws):
        return False
    if ws[0].lower() in TOPIC_WORDS:
        return False
    if _is_place(name) or _is_collective(name) or any(c in name for c in "()[]:\""):
        return False
    if re.search(r"\d{3,}", name) and not name.startswith("100"):
        return False
    if re.fullmatch(r"(?:[A-Z][A-Za-z]{0,3}\.\s?)+[A-Za-z]{0,4}\.?", name):
        return False  # a degree after a person's name: "S.T", "M.Eng", "Ph.D."
    return sum(1 for w in ws if is_cap(w) or w.lower() in CONNECTORS) == len(ws)


_POST_TAILS = frozenset(word_list("post_tails"))
_LIST_ADJECTIVES = frozenset(word_list("list_adjectives"))


def group_lists(text: str, start: int, end: int) -> list[ActorMention]:
    """Members of "Group (A, B dan C)" lists where Group is a sector word from ``sector_groups``."""
    out: list[ActorMention] = []
    groups = _sector_groups()
    for m in re.finditer(r"([A-Za-z][\w/ -]{1,45}?)\s*\(([^()]{2,600})\)", text[start:end]):
        label = m.group(1).strip()
        sector = None
        for n in range(min(5, len(label.split())), 0, -1):
            tail = " ".join(label.split()[-n:]).lower()
            if tail in groups:
                sector = groups[tail]
                break
        if sector is None:
            continue
        inner_start = start + m.start(2)
        for a, b in _items(text, inner_start, start + m.end(2)):
            name = text[a:b]
            if _plausible_item(name):
                out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, sector,
                                        f"group:{label}", "rule:group-list", confidence("mention:group-list")))
    return out


@functools.cache
def _cue_list_regex() -> re.Pattern[str]:
    # Only the lower-case group words of running text ("the engineering firms Ramboll and COWI");
    # a capitalised one ("Pemerintah Daerah") starts a name, and bracketed groups are group_lists'.
    cues = sorted((row["cue"] for row in table("sector_groups") if row["cue"].islower()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in cues) + r")\s+(?:(?:"
                      + alternation("list_introducers") + r")\s+|:\s*)?(?=[A-Z0-9])")


_CUE_ITEM = re.compile(r"([A-Z0-9][\w&.'-]*(?:\s+(?:[A-Z0-9][\w&.'-]*|of|for|and the(?=\s+[A-Z])|de))*)"
                       r"(\s*(?:,\s*(?:dan|and|serta)?|\s(?:dan|and|serta|&))\s*)?")


def cue_lists(text: str, start: int, end: int, found: list[ActorMention]) -> list[ActorMention]:
    """Members named right after a sector word in running text: "the engineering firms Ramboll
    and COWI", "universitas seperti ITS dan Unair". Members already found keep their mention."""
    out: list[ActorMention] = []
    for m in _cue_list_regex().finditer(text, start, end):
        sector = _sector_groups()[m.group(1).lower()]
        pos = m.end()
        while pos < end:
            item = _CUE_ITEM.match(text, pos, end)
            if item is None:
                break
            a, b = item.start(1), item.end(1)
            if text[b - 1] == "." and text[a:b].split()[-1].lower().rstrip(".") not in ABBREVIATIONS:
                b -= 1  # "the volunteer group SAR DIY.": the full stop ends the sentence
            name = text[a:b]
            if not _plausible_item(name):
                break
            if not any(f.start <= a < f.end for f in found):
                out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, sector,
                                        f"group:{m.group(1)}", "rule:group-list", confidence("mention:group-inline")))
            if not item.group(2):
                break
            pos = item.end()
    return out


# --- settle ---------------------------------------------------------------------------------


def settle(candidates: list[ActorMention], text: str = "") -> list[ActorMention]:
    """Non-overlapping mentions, longest first; an organisation inside a chosen unit's span is
    kept too, as that unit's parent. Sector evidence from the losers is merged into the winner."""
    chosen: list[ActorMention] = []
    # The chosen spans never overlap, so sorted by start they are sorted by end too: the ones a
    # candidate overlaps sit just before the first that starts at or after its end (bisect), and
    # each candidate looks at those alone, not at every span chosen before it.
    starts: list[int] = []
    slots: list[int] = []  # index in ``chosen`` of each start, in the same order
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        p = bisect.bisect_left(starts, cand.end)
        clash = []
        while p > 0 and chosen[slots[p - 1]].end > cand.start:
            p -= 1
            clash.append(slots[p])
        if not clash:
            at = bisect.bisect_left(starts, cand.start)
            starts.insert(at, cand.start)
            slots.insert(at, len(chosen))
            chosen.append(cand)
            continue
        for i in sorted(clash):
            c = chosen[i]
            if cand.start >= c.start and cand.end <= c.end:
                # Merge what the inner span knows: a gazetteer/group sector beats a head noun.
                merged = c
                if cand.method.startswith(("gazetteer:", "rule:known-name", "rule:group-list")) and \
                        not c.method.startswith(("gazetteer:", "rule:known-name")):
                    if (cand.start == c.start and cand.end == c.end) or c.method == "rule:group-list":
                        merged = replace(c, sector=cand.sector, sector_basis=cand.sector_basis,
                                         method=cand.method if c.method == "rule:group-list" else c.method)
                if (cand.start == c.start and cand.sector == "InternationalOrganization"
                        and cand.method.startswith(("gazetteer:", "rule:known-name"))
                        and merged.sector == "CivilSocietyOrganization" and merged.kind == "org"):
                    # "ASEAN Smart Cities Network": a network or forum of an intergovernmental body is international.
                    merged = replace(merged, sector=cand.sector, sector_basis="head:of-an-international-body")
                if merged.sector is None and cand.sector and cand.method.startswith(("gazetteer:", "rule:known-name")):
                    # "Kamar Dagang dan Industri (KADIN) DKI Jakarta": no head noun, but a known short form.
                    merged = replace(merged, sector=cand.sector, sector_basis="known-form-inside")
                if c.method == "rule:group-list" and cand.method.startswith(("rule:head-noun", "rule:acronym")):
                    merged = replace(merged, acronym=merged.acronym or cand.acronym,
                                     expansion=merged.expansion or cand.expansion)
                chosen[i] = merged
    chosen.sort(key=lambda c: c.start)
    # Parents named inside units: "Bidang Pencegahan dan Kesiapsiagaan BPBD Provinsi DKI Jakarta".
    parents: list[ActorMention] = []
    by_start = sorted(candidates, key=lambda c: c.start)
    cand_starts = [c.start for c in by_start]
    for at, unit in enumerate(chosen):
        if unit.kind != "unit" and not unit.method.startswith("rule:head-noun:Kepala"):
            continue
        head = unit.method.split(":", 2)[2] if unit.method.startswith("rule:head-noun:") else ""
        # The parent follows the unit's own name ("Biro KDH-KLN Setda", "Bidang Pencegahan BPBD");
        # a name that starts inside the head ("Suku Dinas [Dinas X]") is the same body's wording.
        after_head = unit.start + len(head) + 1
        # ... and ends the unit's name, but for a short form in brackets: "Komunitas Cerdas" inside
        # "Pusat Inovasi Kota dan Komunitas Cerdas (PIKKC)" is a word of the name, not a parent.
        window = by_start[bisect.bisect_right(cand_starts, after_head):bisect.bisect_left(cand_starts, unit.end)]
        inner = [c for c in window if c.end <= unit.end and c.kind == "org"
                 and (not text or re.fullmatch(r"\s*(?:[(\[][^()\[\]]*[)\]])?", text[c.end:unit.end]))
                 and not _spelled_in(unit.acronym, c.name)]
        if inner:
            best = max(inner, key=lambda c: (c.end - c.start, c.method.startswith("gazetteer:")))
            if not any(p.start == best.start and p.end == best.end for p in parents):
                parents.append(best)
                chosen[at] = replace(unit, parent_span=(best.start, best.end))
    return sorted(chosen + parents, key=lambda c: (c.start, -c.end))


def _spelled_in(acronym: str | None, name: str) -> bool:
    """Whether the unit's short form ends with the initials of ``name``: "PIKKC" spells "Komunitas
    Cerdas", so that name is a word of the unit's own name, not its parent."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return bool(acronym) and len(initials) >= 2 and acronym.upper().endswith(initials.upper())  # type: ignore[union-attr]


@functools.cache
def _unit_of_regex() -> re.Pattern[str]:
    words = sorted((r["word"] for r in table("clause_words") if r["role"] == "unit-of"), key=len, reverse=True)
    return re.compile(r"^\s+(?:(?:" + "|".join(re.escape(w) for w in words) + r")\s+)?$", re.I)


def join_units(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A unit followed at once by its organisation is one actor, the unit, with that organisation
    as its parent: "Pusat Data dan Informasi Kementerian PUPR", "Data Centre of the Ministry of X".
    The organisation stays, as the parent (it is mentioned, not present on its own)."""
    out = list(mentions)
    inner: list[ActorMention] = []
    for i, unit in enumerate(out):
        numbered = re.fullmatch(r"\S+ (?:[IVX]{1,4}|\d{1,2})", unit.name) is not None
        if (unit.kind != "unit" and not numbered) or unit.parent_span is not None or i + 1 >= len(out):
            continue  # ("Komisi IV DPRD Banjar": a numbered organ is a unit of the body after it)
        org = out[i + 1]
        gap = text[unit.end:org.start]
        if org.kind == "unit" and org.parent_span is not None and _unit_of_regex().match(gap):
            # "Balai Wilayah Sungai Sumatera II Ditjen SDA Kementerian PUPR": a unit of a unit of a
            # ministry. The middle unit is a word of the name, not an actor of the report.
            out[i] = replace(unit, end=org.end, name=re.sub(r"\s+", " ", text[unit.start:org.end]),
                             parent_span=org.parent_span)
            inner.append(org)
            continue
        academic = unit.sector == org.sector == "AcademicInstitution" and gap == ", "
        if org.kind != "org" or not (_unit_of_regex().match(gap) or academic):
            continue  # ("Faculty of Public Health, Universitas Indonesia": a faculty, then its university)
        end, acronym, expansion = org.end, unit.acronym, unit.expansion
        short = _SHORT_FORM_AFTER.match(text, org.end)
        if short and short.group(1) != org.acronym and not acronym:
            # "Center for Disaster Studies of Universitas Gadjah Mada (PSBA UGM)": the short form is the unit's.
            end, acronym, expansion = short.end(), short.group(1), re.sub(r"\s+", " ", text[unit.start:org.end])
        plain = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text[unit.start:org.end])  # the short form is kept apart
        out[i] = replace(unit, end=end, name=re.sub(r"\s+", " ", plain), kind="unit",
                         parent_span=(org.start, org.end), acronym=acronym, expansion=expansion)
    out = [m for m in out if m not in inner]
    # Drop the short form's own mention ("UGM" in "(PSBA UGM)"): a mention after a joined unit's
    # parent and inside the unit. The units are sorted by where their parent ends, with the
    # farthest end reached so far, so each mention asks one bisection.
    joined = sorted((m.parent_span[1], m.end) for m in out if m.kind == "unit" and m.parent_span is not None)
    parent_ends = [p for p, _ in joined]
    reach = list(itertools.accumulate((e for _, e in joined), max))
    out = [m for m in out if not ((k := bisect.bisect_right(parent_ends, m.start)) and reach[k - 1] >= m.end)]
    by_span = {(m.start, m.end): m for m in reversed(out)}  # the first mention of a span, as next() found it
    return [_academic_unit(m, by_span) for m in out]


@functools.cache
def _branch_regex() -> re.Pattern[str]:
    return re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:" + alternation("branch_words")
                      + r") of (?:the )?$")


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


def _academic_unit(unit: ActorMention, by_span: dict[tuple[int, int], ActorMention]) -> ActorMention:
    """A centre or institute of a university is academic, whatever its head says: a "Pusat
    Penelitian ... Universitas Udayana" is the university's, not a ministry's centre."""
    if unit.kind != "unit" or unit.sector == "AcademicInstitution":
        return unit
    parent = by_span.get(unit.parent_span) if unit.parent_span else None
    named = any(h.start() > 0 and _heads()[h.group(1)].sector == "AcademicInstitution"
                and _heads()[h.group(1)].kind == "org" for h in _head_regex().finditer(unit.name))
    if not named and (parent is None or parent.sector != "AcademicInstitution"):
        return unit  # ("Center for Disaster Studies of Universitas Gadjah Mada" names its university)
    return replace(unit, sector="AcademicInstitution", sector_basis="head:of-a-university")


#: After a person's name: "dari" / "from" and a body, perhaps after a second person ("dan Bandita
#: Sijapati dari ...").
_PERSON_FROM = re.compile(r"\s+(?:(?:dan|and)\s+(?:[A-Z][\w.'-]*\s+){1,4})?(?:dari|from)\s+(?=[A-Z])")


def attendance_lists(text: str, sentence: Span, found: list[ActorMention]) -> list[ActorMention]:
    """Unrecognised members of a comma list whose other members are bodies (at least two, and
    most of the list): short capitalised names such as "Karuna" or "YKRI". A member right after a
    person's post is that person's name, not a body."""
    out: list[ActorMention] = []
    for seg_start, seg_end in _list_regions(text, sentence):
        items = [_before_relative(text, a, b) for a, b in _items(text, seg_start, seg_end)]
        if len(items) < 3:
            continue
        covered = [any(f.start <= a < f.end or a <= f.start < b for f in found) for a, b in items]
        if sum(covered) < 2 or sum(covered) < len(items) / 2:
            continue
        sectors = Counter(f.sector for f in found if seg_start <= f.start < seg_end and f.sector)
        sector = sectors.most_common(1)[0][0] if sectors else None
        posts = _post_regex()
        for n, ((a, b), hit) in enumerate(zip(items, covered, strict=True)):
            name = text[a:b]
            if hit or not _plausible_item(name):
                continue
            if n > 0 and posts.match(text[items[n - 1][0]:items[n - 1][1]]):
                continue
            if _follows_a_post(text, a, found):
                continue
            if not is_acronym(name) and _PERSON_FROM.match(text, b):
                continue  # "Keiko Sakoda dan Bandita Sijapati dari Bank Dunia": people, from a body
            if not is_acronym(name.split()[0]) and len(name.split()) > 3:
                continue
            if _is_local_place(name) and name not in _acting_subjects(text):
                continue  # a village or district named bare in a list ("Kapuk, Kamal dan ...")
            if len(name.split()) == 1 and not is_acronym(name) and name not in _acting_subjects(text) \
                    and not _CAMEL.fullmatch(name):
                continue  # one capitalised word ("Housing", "Urban") is too weak a name, unless it
                # proposes or commits to something elsewhere ("Qlue menyarankan ...")
            own = _brand_sector(name)
            out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, own or sector,
                                    "brand-guess" if own else "list-majority" if sector else "",
                                    "rule:list-context", confidence("mention:list-context")))
    return out


@functools.cache
def _subject_regex() -> re.Pattern[str]:
    cues = {row["cue"] for row in table("proposal_cues") if row["voice"] == "active"}
    cues |= {row["cue"] for row in table("commitment_cues") if row["voice"] == "active"}
    verbs = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?:^|(?<=[.!?:;]\s)|(?<=\n)(?:\s*(?:[-•*]|\d{1,2}[.)])\s+)?)"
                      r"([A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,3}) (?:(?:" + alternation("subject_auxiliaries") + r") )?"
                      r"(?:" + verbs + r"|telah me\w+|has \w+ed)\b", re.M)


@functools.lru_cache(maxsize=8)
def _acting_subjects(text: str) -> frozenset[str]:
    """Names that open a sentence as the subject of a proposal or commitment verb ("Qlue
    menyarankan ...", "Alfamart telah menyerahkan ...", "Halodoc proposed ..."): a sign that a
    capitalised word without a head noun names a body, to be confirmed by a list it stands in."""
    return frozenset(m.group(1) for m in _subject_regex().finditer(text)
                     if m.group(1).split()[0] not in STOP_CAPS and not TITLES.match(m.group(1).split()[0]))


def _follows_a_post(text: str, pos: int, found: list[ActorMention]) -> bool:
    """Whether ``pos`` starts the name of the person holding the post just before it:
    "Kepala BMKG, Dwikorita Karnawati" (the body is found, a post word stands before it)."""
    lead = text[max(0, pos - 60):pos]
    if any(re.fullmatch(r"(?:\s+[A-Z][\w.'-]*){0,3}\s*,\s*", lead[p.end():]) for p in _post_regex().finditer(lead)):
        return True  # "... diwakili oleh Sekretaris Umum, Abdul Mu'ti": the post ends just before
    before = [f for f in found if f.end <= pos and not text[f.end:pos].strip(" ,")]
    for f in before:
        lead = text[max(0, f.start - 40):f.start]
        words_ = lead.split()
        for n in range(1, min(4, len(words_)) + 1):
            if _post_regex().fullmatch(" ".join(words_[-n:])):
                return True
    return False


#: A name written with an inner capital ("CityNet", "GoJek"): a brand or a network, never a common word.
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]+")


def _is_local_place(name: str) -> bool:
    from resilience_kg.extract.regions import is_local_place

    return not is_acronym(name) and is_local_place(name)


def _before_relative(text: str, a: int, b: int) -> tuple[int, int]:
    """An item up to a relative clause: "Alfamart yang menyumbangkan APAR" is Alfamart."""
    cut = re.search(r" (?:yang|which|who) [a-z]", text[a:b])
    return (a, a + cut.start()) if cut else (a, b)


def _list_regions(text: str, sentence: Span) -> list[tuple[int, int]]:
    """The sentence itself, and the inside of each bracket in it."""
    regions = [(sentence.start, sentence.end)]
    for m in re.finditer(r"\(([^()]{10,})\)", text[sentence.start:sentence.end]):
        regions.append((sentence.start + m.start(1), sentence.start + m.end(1)))
    return regions


@functools.cache
def _post_regex() -> re.Pattern[str]:
    posts = sorted((row["post"] for row in table("posts")), key=len, reverse=True)
    return re.compile(r"(?:Plt\.?\s+|Pj\.?\s+|Wakil\s+)?(" + "|".join(re.escape(p) for p in posts) + r")\b")


def recognise(text: str, sentences: Sequence[Span], gazetteer: Gazetteer | None) -> list[ActorMention]:
    """Every organisation and named unit in ``text``, in order of position."""
    found: list[ActorMention] = []
    # One pass of the (large) surface-form matcher per sentence is the slow part: run it per
    # paragraph-sized chunk of sentences instead and hand each sentence its own matches.
    all_surfaces = [m for sentence in _chunks(sentences) for m in surface_spans(text, sentence[0], sentence[1],
                                                                                 gazetteer)]
    known_forms = frozenset(_surface_index(gazetteer)[1])
    # Each sentence takes the matches inside it: found by bisection, not by reading them all.
    all_surfaces.sort(key=lambda m: m.start)
    surface_starts = [m.start for m in all_surfaces]
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        lo = bisect.bisect_left(surface_starts, s)
        hi = bisect.bisect_left(surface_starts, e)
        surfaces = ([m for m in all_surfaces[lo:hi] if m.end <= e] + odd_forms(text, s, e, gazetteer)
                    + acronym_with_place(text, s, e)
                    + places_acting(text, s, e) + regional_heads(text, s, e))
        candidates = (_split_at_known(text, head_noun_spans(text, s, e), surfaces)
                      + acronym_pairs(text, s, e, known_forms)
                      + surfaces + group_lists(text, s, e))
        settled = branches_of(text, join_units(text, settle(candidates, text)))
        by_span = {(m.start, m.end): m for m in reversed(settled)}
        settled = [_academic_unit(m, by_span) for m in settled]
        settled += cue_lists(text, s, e, settled)
        settled += attendance_lists(text, sentence, settled)
        documents = document_spans(text, s, e)
        found.extend(m for m in settled if _keep(m, text)
                     and not any(a <= m.start < b for a, b in documents))
    found += [m for m in attendance_lines(text, found) if _keep(m, text)]
    contact_lines = [(c.start(), c.end()) for c in _contact_regex().finditer(text)]
    found = [m for m in found if not _inside_collective(text, m) and not _on_contact_line(contact_lines, m)]
    found = _short_forms_of_earlier(sorted(found, key=lambda c: (c.start, -c.end)))
    cells = table_cells(text)
    found = [m for m in found if not any(a <= m.start < b for a, b in cells.posts)]
    found += [m for m in table_members(text, cells, found) if _keep(m, text)]
    found = [m for m in found if not _post_only_unit(text, m)]
    return sorted(found, key=lambda c: (c.start, -c.end))


@dataclass(frozen=True)
class TableCells:
    """The cells of a report's attendance tables: those of an organisation column ("Instansi")
    and those of a post column ("Jabatan"), as (start, end) offsets."""

    orgs: tuple[tuple[int, int], ...]
    posts: tuple[tuple[int, int], ...]


def _cells(text: str, line: re.Match[str]) -> list[tuple[int, int]]:
    """The stripped cells of a table row written with "|" (Markdown) or tabs (a pasted table)."""
    body = line.group(0)
    sep = "|" if body.count("|") >= 2 else "\t" if body.count("\t") >= 2 else None
    if sep is None:
        return []
    out = []
    pos = line.start()
    for part in body.split(sep):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(part) + 1
    if sep == "|" and body.strip().startswith("|"):
        out = out[1:]
    if sep == "|" and body.strip().endswith("|"):
        out = out[:-1]
    return out


def table_cells(text: str) -> TableCells:
    """Find the attendance tables: a header row naming an organisation column, then its rows."""
    org_words = frozenset(word_list("org_columns"))
    post_words = frozenset(word_list("post_columns"))
    header_words = frozenset(word_list("table_header_words"))
    orgs: list[tuple[int, int]] = []
    posts: list[tuple[int, int]] = []
    columns: tuple[int | None, int | None, int] | None = None
    for line in re.finditer(r"[^\n]+", text):
        cells = _cells(text, line)
        if not cells:
            columns = None
            continue
        heads = [text[a:b].strip("*_ ").lower() for a, b in cells]
        named = [n for n, h in enumerate(heads) if h in org_words or (
            len(h.split()) <= 3 and any(w in org_words for w in re.split(r"[\s/]+", h))
            and any(x in header_words for x in heads))]
        if named:
            # ("No | Nama | Asal Instansi": a short header cell with an organisation word, beside "Nama".)
            post = next((n for n, h in enumerate(heads) if h in post_words
                         or any(w in post_words for w in re.split(r"[\s/]+", h))), None)
            columns = (named[0], post, len(cells))
            continue
        if columns is None or len(cells) != columns[2]:
            continue
        if all(re.fullmatch(r":?-{2,}:?", text[a:b]) for a, b in cells):
            continue  # the rule under a Markdown header
        if columns[0] is not None:
            orgs.append(cells[columns[0]])
        if columns[1] is not None:
            posts.append(cells[columns[1]])
    return TableCells(tuple(orgs), tuple(posts))


def table_members(text: str, cells: TableCells, found: list[ActorMention]) -> list[ActorMention]:
    """The organisation cell of each attendance-table row names a body: "Tirtanadi", "Aetra",
    "Telkomsel" need no head noun there. A cell that another recogniser found keeps that mention."""
    out = []
    for a, b in cells.orgs:
        if a >= b or any(a <= f.start < b or f.start <= a < f.end for f in found):
            continue
        name = text[a:b].rstrip(" .;,")
        if not _plausible_item(name) or len(name.split()) > 6:
            continue
        out.append(ActorMention(a, a + len(name), name, name if is_acronym(name) else None, None,
                                _brand_sector(name), "brand-guess" if _brand_sector(name) else "",
                                "rule:table-column", confidence("mention:table-column")))
    return out


def _brand_sector(name: str) -> str | None:
    """A body named by one word in title case with no head noun ("Telkomsel", "Halodoc") is most
    often a firm's brand; an acronym is most often a public body (left to the drafter's guess)."""
    return "PrivateCompany" if re.fullmatch(r"[A-Z][a-z]{2,}", name) or _CAMEL.fullmatch(name) else None


@functools.cache
def _contact_regex() -> re.Pattern[str]:
    return re.compile(r"^[ \t]*(?:" + alternation("contact_lines") + r")\s*:[^\n]*", re.I | re.M)


def _on_contact_line(lines: Sequence[tuple[int, int]], m: ActorMention) -> bool:
    """A body named on a press release's contact line (``lines``: their spans) issues the text;
    it is not an attendee."""
    return any(start <= m.start < end for start, end in lines)


#: How many earlier names sharing a short form's first words and initial are tried, the most
#: recent first. A report names a handful; a hostile text of thousands of look-alike names would
#: otherwise make this step quadratic (and the extraction take minutes on a few kilobytes).
_LONG_FORM_CANDIDATES = 64


def _short_forms_of_earlier(found: list[ActorMention]) -> list[ActorMention]:
    """A short form with the same ending as a name given earlier is that body again: "BWS
    Sumatera II" after "Balai Wilayah Sungai Sumatera II" (BWS abbreviates the head's words).

    The earlier names are indexed by what a short form must share with them (the words before
    its acronym and the acronym's first letter; the body and region it names), so each mention
    looks at a few candidates, never at every name before it.
    """
    out: list[ActorMention] = []
    last_seen: dict[str, int] = {}
    by_start: dict[tuple[tuple[str, ...], str], list[str]] = {}
    by_region: dict[tuple[str, str], list[str]] = {}
    for i, m in enumerate(found):
        candidates = {*_recent(by_start.get(_abbreviation_key(m.name) or ((), ""), [])),
                      *_recent(by_region.get(_split_region(m.name) or ("", ""), []))}
        earlier = next((f for f in sorted(candidates, key=last_seen.__getitem__, reverse=True)
                        if _abbreviates(m.name, f) or _same_in_region(m.name, f)), None)
        if earlier is not None:
            m = replace(m, name=earlier, expansion=earlier, acronym=m.name)
        out.append(m)
        if m.name not in last_seen:
            for key in _long_form_keys(m.name):
                by_start.setdefault(key, []).append(m.name)
            region = _split_region(m.name)
            if region is not None and region[0]:
                by_region.setdefault(region, []).append(m.name)
        last_seen[m.name] = i
    return out


def _recent(names: list[str]) -> list[str]:
    return names[-_LONG_FORM_CANDIDATES:]


def _abbreviation_key(short: str) -> tuple[tuple[str, ...], str] | None:
    """The words before a short form's one acronym, and the acronym's first letter (see
    :func:`_abbreviates`); None when the name is no such short form."""
    words_ = short.split()
    at = [k for k, w in enumerate(words_) if is_acronym(w) and not re.fullmatch(r"[IVX]+", w)]
    if len(at) != 1 or len(words_) < 2:
        return None
    return tuple(words_[:at[0]]), words_[at[0]][0].upper()


def _long_form_keys(full: str) -> list[tuple[tuple[str, ...], str]]:
    """Every key under which ``full`` may be the long form of a short one: its first k words, and
    the initial of the next word that is not a connector."""
    words_ = full.split()
    keys = []
    for k in range(len(words_)):
        nxt = next((w for w in words_[k:] if w.lower() not in CONNECTORS), None)
        if nxt is None:
            break
        keys.append((tuple(words_[:k]), nxt[0].upper()))
    return keys


@functools.lru_cache(maxsize=4096)
def _split_region(name: str) -> tuple[str, str] | None:
    """A name and the code of the region that ends it: ("pemerintah provinsi", "53") for "Pemprov NTT"."""
    from resilience_kg.extract.regions import is_place

    words_ = name.split()
    for width in (4, 3, 2, 1):
        if len(words_) > width:
            region = is_place(" ".join(words_[-width:]))
            if region is not None:
                body = name_key(" ".join(words_[:-width])).split()
                while body and body[-1].capitalize() in JURISDICTION_WORDS | {"Administrasi"}:
                    body.pop()  # "pemerintah provinsi" and "pemerintah" + "Provinsi X": one body
                return " ".join(body), region.code
    return None


def _same_in_region(short: str, full: str) -> bool:
    """Whether two names are one body of one region written two ways: "Pemprov NTT" after
    "Pemerintah Provinsi Nusa Tenggara Timur" (a short head, a region's short name)."""
    if short == full:
        return False
    a, b = _split_region(short), _split_region(full)
    return a is not None and a == b and bool(a[0]) and _head_regex().match(full) is not None


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with some of its words written as their initials: "BWS Sumatera
    II" for "Balai Wilayah Sungai Sumatera II", "Suku Dinas SDA" for "Suku Dinas Sumber Daya Air Kota
    Administrasi Jakarta Barat" (the place may be left out after the short form, never changed).

    >>> _abbreviates("Dinas PU", "Dinas Pekerjaan Umum Kota Medan")
    True
    >>> _abbreviates("BPBD Kota Bogor", "Badan Perencanaan Pembangunan Daerah Kota Bogor")
    False
    """
    words_ = short.split()
    at = [k for k, w in enumerate(words_) if is_acronym(w) and not re.fullmatch(r"[IVX]+", w)]
    if len(at) != 1 or len(words_) < 2 or short == full:
        return False
    k = at[0]
    before, acronym, after = words_[:k], words_[k], words_[k + 1:]
    rest = full.split()
    if rest[:len(before)] != before:
        return False
    rest = rest[len(before):]
    n, taken = 0, 0
    while n < len(rest) and taken < len(acronym):
        if rest[n].lower() in CONNECTORS:
            n += 1
            continue
        if rest[n][0].upper() != acronym[taken].upper():
            return False
        taken += 1
        n += 1
    if taken != len(acronym) or not _head_regex().match(full):
        return False
    tail = rest[n:]
    left = tail[len(after):]  # what the short form leaves out: the place, or the parent ("... Ditjen SDA")
    return tail[:len(after)] == after and (not left or not after or _is_place(" ".join(left))
                                           or _head_regex().fullmatch(left[0]) is not None or is_acronym(left[0]))


@functools.cache
def _collective_regex() -> re.Pattern[str]:
    terms = sorted((t for t in collectives() if not t.isalpha()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)


def _inside_collective(text: str, m: ActorMention) -> bool:
    """A body named inside a collective ("TNI/Polri" said of the forces in general) is no attendee."""
    return any(c.start() <= m.start and m.end <= c.end() and (c.start(), c.end()) != (m.start, m.end)
               for c in _collective_regex().finditer(text, max(0, m.start - 20), min(len(text), m.end + 20)))


def _post_only_unit(text: str, m: ActorMention) -> bool:
    """A lowest-level unit named right after a post word ("Kepala Seksi Operasi ..."), with no
    parent of its own in its name: the post's holder is meant, not the unit as an attendee."""
    if m.kind != "unit" or m.parent_span is not None:
        return False
    if not any(m.name.startswith(w + " ") for w in word_list("post_only_units")):
        return False
    before = text[max(0, m.start - 12):m.start]
    return bool(re.search(r"(?:^|\s)(?:" + alternation("unit_head_posts") + r")\s*$", before))


_LINE_ITEM = re.compile(r"^[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)])[ \t]+(?=\S)", re.M)
_ATTENDANCE_INTRO = re.compile(r"(?i)\b(?:" + alternation("attendance_intro") + r")\b[^\n]*$")


def attendance_lines(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """Items of a numbered or bulleted list under an attendance line ("Attendees:", "Peserta:")
    that no other recogniser found: each item names one body ("5) Clean Air Asia;")."""
    out: list[ActorMention] = []
    in_list = False
    sector: str | None = None
    for line in re.finditer(r"[^\n]+", text):
        body = line.group(0)
        marker = _LINE_ITEM.match(body)
        if marker is None:
            heading = re.fullmatch(r"\s*([A-Za-z][\w /-]{1,40}?)\s*:\s*", body)
            # A sector's heading over a list ("Dunia Usaha:", "Akademisi:") heads a list of bodies too.
            sector = _sector_groups().get(heading.group(1).lower()) if heading else None
            in_list = bool(_ATTENDANCE_INTRO.search(body)) or sector is not None
            continue
        if not in_list:
            continue
        a = line.start() + marker.end()
        b = line.end()
        while b > a and text[b - 1] in " ;,.":
            b -= 1
        role = _ROLE_FIRST.match(text, a, b)
        if role is not None and (_post_regex().fullmatch(role.group(1))
                                 or (" " in role.group(1) and role.group(1).split(None, 1)[1].islower())):
            a = role.end()  # "- Programme lead, World Mosquito Program Yogyakarta": the post, then the body
        if any(a <= f.start < b for f in found):
            continue
        name = text[a:b]
        if _plausible_item(name) and len(name.split()) <= 5 and not (
                _is_local_place(name) and name not in _acting_subjects(text)):
            brand = sector or _brand_sector(name)
            out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, brand,
                                    ("group:" if sector else "brand-guess") if brand else "",
                                    "rule:attendance-line", confidence("mention:attendance-line")))
    return out


#: A list item that starts with a post or role and a comma: "Medical director, Halodoc".
_ROLE_FIRST = re.compile(r"([A-Z][\w-]*(?: [a-z][\w-]*){0,3}),\s+(?=[A-Z])")


_ACRONYM_PLACE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]{1,11})(?= (?:"
                            + "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS)) + r") [A-Z]"
                            r"| Wilayah [IVX]+ [A-Z])")  # "BBMKG Wilayah I Medan": a numbered regional office


#: A numbered regional office: "KPH Jeneberang II" (a forest management unit), "BWS II Wilayah
#: Kalimantan": an acronym, a name and a Roman numeral, or an acronym, a numeral and its region.
_ACRONYM_NUMBERED = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&-]{1,7})(?: [A-Z][a-z]+){1,2} [IVX]{1,4}(?![\w-])"
                               r"(?! [A-Z][a-z])"  # "DPRD Kota Denpasar I Gusti ...": a Balinese name follows
                               r"|(?<![\w-])([A-Z][A-Z0-9&-]{1,7}) [IVX]{1,4} Wilayah(?: [A-Z][a-z]+){1,2}")


def acronym_with_place(text: str, start: int, end: int) -> list[ActorMention]:
    """An unknown acronym followed by a jurisdiction names a regional body: "BAPPERIDA Kota
    Magelang", "TACB Kota Magelang". The gazetteer knows the common ones; this finds the rest."""
    out = []
    for m in _ACRONYM_NUMBERED.finditer(text, start, end):
        short = m.group(1) or m.group(2)
        if _is_collective(short) or not is_acronym(short) or _document_words().match(short):
            continue
        out.append(ActorMention(m.start(), m.end(), m.group(0), short, None, "GovernmentAgency",
                                "acronym-numbered", "rule:acronym-with-place",
                                confidence("mention:acronym-with-place")))
    for m in _ACRONYM_PLACE.finditer(text, start, end):
        if _is_collective(m.group(1)) or not is_acronym(m.group(1)):
            continue
        e = m.end() + _jurisdiction_tail(text, m.end(), end)
        out.append(ActorMention(m.start(), e, text[m.start():e], m.group(1), None, "GovernmentAgency",
                                "acronym-with-place", "rule:acronym-with-place",
                                confidence("mention:acronym-with-place")))
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


#: A regional head's post and its region's level: "Wali Kota Semarang" heads Pemerintah Kota Semarang.
_HEAD_LEVEL = word_map("regional_head_levels")
_REGIONAL_HEAD = re.compile(
    r"\b(?:Plt\.?\s+|Pj\.?\s+)?(?:Wakil\s+)?(?P<post>Gubernur|Wali\s?[Kk]ota|Bupati)\s+"
    r"(?:(?P<level>Provinsi|Kota|Kabupaten|Kab\.)\s+)?"
    r"(?P<place>DKI Jakarta|Daerah Istimewa Yogyakarta|[A-Z][a-z]+(?:\s+(?:"
    + alternation("second_place_words") + r"))?)\b")
# After the place: a title or a comma and a name (the holder), or the end of the clause.
_HOLDER_AFTER = re.compile(r"\s*(?:,\s*)?(?:(?:" + alternation("holder_titles") + r")\.?\s"
                           r"|(?:(?:I|Ni|IB|AA)\s+)?[A-Z][a-z]+\s+[A-Z])")


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
        place = m.group("place")
        if place in STOP_CAPS or _is_calendar(place):
            continue
        in_list = bool(re.search(r"(?:,|\b(?:dan|serta|and))\s*$", text[max(start, m.start() - 8):m.start()])
                       or re.match(r"\s*,|\s+(?:dan|serta|and)\s", text[m.end("place"):]))
        if not (_HOLDER_AFTER.match(text, m.end("place")) or in_list):
            continue  # a post merely mentioned, its holder unnamed ("dilaporkan kepada Gubernur ..."): no body
        level = _HEAD_LEVEL[re.sub(r"\s+", " ", m.group("post")).lower()]
        name = f"Pemerintah {level} {place}" if place != "DKI Jakarta" else "Pemerintah Provinsi DKI Jakarta"
        first = m.start("level") if m.group("level") else m.start("place")
        out.append(ActorMention(first, m.end("place"), name, None, None, "GovernmentAgency",
                                "regional-head", "rule:regional-head", confidence("mention:regional-head")))
    return out


def _chunks(sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences, as (start, end), for the surface matcher."""
    out: list[tuple[int, int]] = []
    for sentence in sentences:
        if out and sentence.start - out[-1][1] <= 2 and sentence.end - out[-1][0] < 4000:
            out[-1] = (out[-1][0], sentence.end)
        else:
            out.append((sentence.start, sentence.end))
    return out


def _split_at_known(text: str, spans: list[ActorMention], surfaces: list[ActorMention]) -> list[ActorMention]:
    """Cut "Bank DKI dan Sarana Jaya" before "dan" when a known name starts right after it."""
    starts = {m.start for m in surfaces}
    out = []
    for m in spans:
        for join in re.finditer(r" (?:dan|and|serta) ", text[m.start:m.end]):
            if m.start + join.end() in starts:
                cut = m.start + join.start()
                m = replace(m, end=cut, name=text[m.start:cut], acronym=None, expansion=None)
                break
        # "Bidang Kerja Sama Kemendagri RI Rika Fitriasari": a known body ends the unit's name, and
        # the capitalised words after it are the officer's.
        for known in surfaces:
            if not (m.start < known.start and known.end < m.end):
                continue
            after = _PERSON_TAIL.fullmatch(text, known.end, m.end)
            if after is not None and not any(_head_regex().fullmatch(w) or w in JURISDICTION_WORDS or _is_place(w)
                                             for w in after.group("name").split()):
                cut = known.end + len(after.group("ri") or "")
                m = replace(m, end=cut, name=text[m.start:cut], acronym=None, expansion=None)
                break
        out.append(m)
    return out


# After a known body inside a unit's name: " RI" perhaps, then two to four capitalised words.
_PERSON_TAIL = re.compile(r"(?P<ri> RI)? (?P<name>(?:I |Ni |IB )?[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})")


#: "BPBD kabupaten/kota", "Bappeda Kab/Kota", "OPD se-Jawa Timur": the bodies of every regency
#: and city (of a province), a group, not one body: right after the name, or inside it.
_GROUP_AFTER = re.compile(r"(?:\s*/\s*(?:kota|kabupaten|kab)\b"
                          r"|\s+(?:kabupaten|kab\.?|kota)\s*/\s*(?:kota|kabupaten|kab)\b"
                          r"|\s+se-\w)", re.IGNORECASE)
_GROUP_INSIDE = re.compile(r"(?:kabupaten|kab\.?|kota)\s*/\s*(?:kota|kabupaten|kab)\b|\bse-\w", re.IGNORECASE)


def names_a_group(m: ActorMention, text: str) -> bool:
    """True for a mention of the bodies of every regency and city, not of one body.

    >>> text = "rapat dengan BPBD dan Bapeda Kabupaten/kota se-Jatim"
    >>> bapeda = ActorMention(22, 38, "Bapeda Kabupaten", None, None, None, "", "test", 1.0)
    >>> names_a_group(bapeda, text), text[bapeda.start:bapeda.end]
    (True, 'Bapeda Kabupaten')
    """
    return bool(_GROUP_AFTER.match(text, m.end) or _GROUP_INSIDE.search(m.name))


def _keep(m: ActorMention, text: str) -> bool:
    name = m.name.strip()
    if m.method in ("rule:place-as-government", "rule:regional-head"):
        return True
    if len(name) < 2 or _is_collective(name) or _is_place(name) or _is_calendar(name.split()[0]):
        return False
    if names_a_group(m, text):
        return False
    if _is_venue(text, m.start, name) or _names_an_event(name) or _document_words().match(name):
        return False
    last_line = text.rstrip().rsplit("\n", 1)[-1]
    if m.end >= len(text.rstrip()) and text.rstrip()[-1:] not in ".!?)\"'" and "\t" not in last_line \
            and last_line.count("|") < 2:
        return False  # the text stops inside this name (a page cut off mid-sentence; a table's last cell is whole)
    if m.acronym and _is_collective(m.acronym):
        return False
    return True
