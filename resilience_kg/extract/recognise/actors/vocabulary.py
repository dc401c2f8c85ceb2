"""The words a body's name is made of: head nouns (``rules/head_nouns.csv``), connectors, capitals,
acronyms, titles and posts, the known names and sector words, and the test that a short form
abbreviates a phrase. Every recogniser of the subpackage reads them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.rules import alternation, collectives, months, table, weekdays
from resilience_kg.extract.recognise.rules import words as word_list

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from resilience_kg.extract.gazetteer import Gazetteer

# The word lists are rows of ``rules/words.csv``, each with its basis.
#: Lower-case words allowed inside a name when a capitalised word follows.
CONNECTORS = frozenset(word_list("connectors"))


#: Capitalised words that begin a sentence or clause but never a name (with the verbs of
#: Indonesian headlines, which capitalise every word: "Kemendagri Dorong Pemda Tingkatkan ...").
STOP_CAPS = frozenset(word_list("stop_caps"))


#: An Indonesian verb with a prefix and the suffix -kan ("Melaporkan", "Dilaksanakan",
#: "Berdasarkan"), capitalised in a headline or in title-case copy: no body's name holds one,
#: so it ends the name before it ("Kepala Puskesmas Melaporkan Situasi ...").
#: (The prefixes are ``verb_prefixes`` of ``rules/words.csv``, longest first.)
_PREFIXED_VERB = re.compile(r"(?:" + alternation("verb_prefixes") + r")[a-z]{3,}kan")


def is_verb_form(word: str) -> bool:
    """Whether a capitalised word is a prefixed Indonesian verb in -kan (never inside a name)."""
    return _PREFIXED_VERB.fullmatch(word) is not None


JURISDICTION_WORDS = frozenset(word_list("jurisdiction_words"))


#: Single words that head a list of bodies but name none.
GENERIC_WORDS = frozenset(word_list("generic_words"))


#: First words of a topic, not a body, in a list of what was discussed ("Kebijakan Perencanaan
#: dan Anggaran Penanggulangan Bencana"); no Indonesian body's name starts with one.
TOPIC_WORDS = frozenset(word_list("topic_words"))


TITLES = re.compile(r"^(" + alternation("titles") + r")\.?$")


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


def _is_calendar(word: str) -> bool:
    return word.lower().rstrip(",.") in weekdays() or word.lower().rstrip(",.") in months()


def _is_collective(name: str) -> bool:
    lowered = name.lower().strip()
    return lowered in collectives() or lowered.rstrip("s") in collectives()


#: A short form in brackets right after a name: "Environment Agency (DLH)", "(Dinas SDA)", "North
#: Jakarta Water Resources Office (Sudin SDA Jakarta Utara)" (a short form with its place).
_SHORT_FORM_AFTER = re.compile(r"\s?[(\[]\s*([A-Z][\w&.\-]*(?: [A-Z][\w&\-]*){0,3})\s*[)\]]")


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(row["name"] for row in table("places") if row["kind"] == "country" and row["name"] != "Indonesia")


def _is_foreign_country(name: str) -> bool:
    return name in _countries()


def _fits(acronym: str, phrase: str) -> bool:
    """Whether ``acronym`` can abbreviate ``phrase``: same first letter, its letters in order.

    >>> _fits("Bappeda", "Badan Perencanaan Pembangunan Daerah"), _fits("DLH", "Dinas Lingkungan Hidup")
    (True, True)
    >>> _fits("DLH", "Badan Pertanahan")
    False
    """
    letters = [c.lower() for c in _repeat_counted(acronym) if c.isalnum()]
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


def _repeat_counted(acronym: str) -> str:
    """An Indonesian short form's counted letters written out: a digit after a letter repeats
    it ("P3A" is "PPPA" for Pemberdayaan Perempuan dan Perlindungan Anak, "P2P" is "PP").

    >>> _repeat_counted("DP3A"), _repeat_counted("100RC")
    ('DPPPA', '100RC')
    """
    return re.sub(r"([A-Za-z])([2-9])(?!\d)", lambda m: m.group(1) * int(m.group(2)), acronym)


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


#: A name written with an inner capital ("CityNet", "GoJek"): a brand or a network, never a common word.
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]+")


@functools.cache
def _post_regex() -> re.Pattern[str]:
    posts = sorted((row["post"] for row in table("posts")), key=len, reverse=True)
    return re.compile(r"(?:Plt\.?\s+|Pj\.?\s+|Wakil\s+)?(" + "|".join(re.escape(p) for p in posts) + r")\b")


def starts_a_name_part(rest: str) -> bool:
    """Whether ``rest``, the words after a name, go on naming the same body: its parent (a head
    noun or a short form: "... Universitas X", "... KLHK") or an English purpose ("... for Urban
    Studies", "... of Indonesia")."""
    first = rest.split(maxsplit=1)[0] if rest.strip() else ""
    return first in ("for", "of") or bool(_head_regex().fullmatch(first)) or is_acronym(first)


#: A word of a name: letters and digits, with inner hyphens and apostrophes ("Ke-2", "Women's").
NAME_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.U)


@functools.cache
def name_vocabulary(gazetteer: Gazetteer | None = None, *,
                    tables: Callable[[str], Sequence[Mapping[str, str]]] | None = None) -> frozenset[str]:
    """Every word the project knows as a word of a body's name or of a place, lower case: the head
    nouns (short and full), the known names, the hand-typed places, the sector cues, the words of
    the lists of ``rules/words.csv`` that ``name_word_lists`` names (connectors, jurisdictions,
    legal forms, ranks, place words, short forms of places), the official regions down to regencies
    and cities (not districts or villages: many are named like persons), and the names and aliases
    of the gazetteer (``gazetteer``, or the bundled one). One tokenisation: :data:`NAME_WORD`.

    ``tables`` reads a rules table by name (default: the shipped tables); the actor filter's sample
    writer passes another version's tables."""
    from resilience_kg.extract.gazetteer import load_gazetteer
    from resilience_kg.extract.recognise import rules
    from resilience_kg.extract.regions import regions

    read = tables or rules.table
    out: set[str] = set()

    def add(phrase: str) -> None:
        out.update(w.lower() for w in NAME_WORD.findall(phrase or ""))

    for row in read("head_nouns"):
        add(row["head"])
        add(row["full"])
    for row in read("known_names"):
        add(row["name"])
    for row in read("places"):
        add(row["name"])
    for row in read("sector_groups"):
        add(row["cue"])
    rows = read("words")
    lists = {row["word"] for row in rows if row["list"] == "name_word_lists"}
    for row in rows:
        if row["list"] in lists:
            add(row["word"])
    for region in regions():
        if region.level_kind in ("provinsi", "kabupaten", "kota"):
            add(region.name)
    entries = getattr(gazetteer, "entries", None)
    for entry in entries if entries is not None else load_gazetteer().entries:
        for form in entry.names():
            add(form)
    return frozenset(out)
