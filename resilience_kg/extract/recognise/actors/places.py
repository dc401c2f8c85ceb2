"""Places in and after a name: whether a name is a place (never a body), the jurisdiction that ends
a body's name ("BPBD Provinsi DKI Jakarta"), and the words after a short form that the text
writes with it ("LMA Port Numbay")."""

from __future__ import annotations

import functools
import re

from resilience_kg.extract.recognise.actors.vocabulary import (
    JURISDICTION_WORDS,
    STOP_CAPS,
    TITLES,
    _head_regex,
    is_acronym,
    name_key,
)
from resilience_kg.extract.recognise.rules import alternation, places, table, word_map
from resilience_kg.extract.recognise.rules import words as word_list


def _is_place(name: str) -> bool:
    """A place, never a body: the hand-listed places, a region of the official list, or a unit
    named by its place ("Kelurahan Tanjung Mas", "Kodim 0733 Semarang")."""
    from resilience_kg.extract.regions import is_place

    first = name.split(maxsplit=1)[0] if name.strip() else ""
    if first in _place_kinds() and (head := _head_regex().match(name.strip())) and " " in head.group(1):
        return False  # a body's head that starts with a place's kind: "Desa Adat X" is a customary community
    return (name.lower().strip() in places() or is_place(name) is not None
            or first in _place_kinds() or _misspelt_place_kind(first))


def _misspelt_place_kind(word: str) -> bool:
    """A place kind of seven letters or more written with one letter wrong, left out or added
    ("Kecamaan Seririt", "Kelurhan X"): news copy is typed fast, and the place is still a place."""
    if len(word) < 6 or not word[0].isupper():
        return False
    return any(len(kind) >= 7 and kind[0] == word[0] and _one_edit(word, kind) for kind in _place_kinds())


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion or deletion (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@functools.cache
def _place_kinds() -> frozenset[str]:
    return frozenset(row["word"] for row in table("place_kinds"))


#: The words of a region's level ("Kota", "Kab."), which news copy also writes in lower case.
_LEVEL_WORDS = frozenset(word for word, use in word_map("jurisdiction_words").items() if use == "level")


_LEVEL_SPELLINGS = sorted(_LEVEL_WORDS | {w.lower() for w in _LEVEL_WORDS if not w.endswith(".")})


_TAIL_SOURCE = (r" +(?:Wilayah [IVX]+ )?(?:(?:" + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS) + r") +"
                   r"(?:Administrasi +)?)?"  # (Jakarta's cities: "Kota Administrasi X")
                   r"(?:DKI Jakarta|DI [A-Z][a-z]+(?![\w-])|Jakarta (?:" + alternation("region_compass") + r")"
                   r"|(?:(?:" + "|".join(w.capitalize() for w in word_list("region_word_short_forms")) + r")\.? )?"
                   r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"  # ("Provinsi Kep. Babel": a word of the region's name, short)
                   r"|[A-Z]{2,4}(?![\w-])|[A-Z][a-z]+[A-Z][a-z]+(?![\w-]))(?!\w)")  # ("UCLG Asia-Pacific": no place)
_TAIL = re.compile(_TAIL_SOURCE + r"(?!-\w)")
#: A place joined by a hyphen to the next body's head ("... Provinsi Riau-Balai X"): the place ends there.
_TAIL_BEFORE_HYPHEN = re.compile(_TAIL_SOURCE + r"(?=-[A-Z])")
#: (Never a place cut inside a word: "Provinsi Riau-Balai ..." is no "Provinsi Ria".)


#: A level word and three capitalised words after it, which the region list may hold as one region.
_THREE_WORD_TAIL = re.compile(r" +(?:" + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS) + r") +"
                              r"((?:[A-Z][a-z]+\.? ){2}[A-Z][a-z]+)(?![\w-])")


_KIND_AND_WORDS = re.compile(r" +([A-Z][a-z]+)((?: [A-Z][a-z]+){1,3})(?![\w-])")


#: One or two capitalised words after a name, then a clause's end, a bracket or a lower-case word.
_BARE_DISTRICT = re.compile(r" ([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)(?=[ \t]*[,.;:)\n]|[ \t]+[a-z]|$)")


def district_tail(text: str, pos: int, end: int) -> int:
    """Length of a district's bare name after a short form ("ketua PMI Dampit, PLN, ..."): a
    kecamatan of the official list whose own regency or city the text names ("BPBD Kab. Malang"
    beside "PMI Dampit"), so the words are that district, the branch's, and no person's; 0 otherwise.
    Not a name that is also a regency's, a city's or a province's (the plain tail reads those)."""
    from resilience_kg.extract.regions import by_code, spelled_alike

    m = _BARE_DISTRICT.match(text, pos, end)
    if m is None or _is_place(m.group(1)) or _head_regex().fullmatch(m.group(1).split()[0]):
        return 0
    words_ = f" {' '.join(re.sub(r'[^a-z0-9]+', ' ', text.lower()).split())} "
    for district in spelled_alike("kecamatan", m.group(1)):
        parent = by_code().get(district.parent)
        if parent is not None and f" {parent.name.lower()} " in words_:
            return m.end(1) - pos
    return 0


def _local_tail(text: str, pos: int, end: int, *, glued: bool = False) -> int:
    """Length of a district or a village named with its kind word after a name ("PMI Kecamatan
    Sungai Pinang"), the longest the official list holds; 0 when none."""
    from resilience_kg.extract.regions import is_place

    tail = tail_match(_KIND_AND_WORDS, text, pos, end, glued=glued)
    if tail is None or tail.group(1) not in _place_kinds():
        return 0
    words_ = tail.group(2).split()
    for width in range(len(words_), 1, -1):  # (one word is the plain tail's: "Kecamatan Cengkareng")
        if is_place(f"{tail.group(1)} {' '.join(words_[:width])}") is not None:
            return tail.start(2) - pos + len(" " + " ".join(words_[:width]))
    return 0


@functools.cache
def _unspaced(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, a tail's, without the space it opens with."""
    source = re.sub(r"\A \+?", "", pattern.pattern)
    if source == pattern.pattern:
        raise ValueError(f"a tail's pattern opens with a space: {pattern.pattern[:40]!r}")
    return re.compile(source, pattern.flags)


def tail_match(pattern: re.Pattern[str], text: str, pos: int, end: int, *, glued: bool = False) -> re.Match[str] | None:
    """``pattern``, a tail's, which opens with the space between a name and its tail, matched at
    ``pos``; ``glued``: with no space there, as a copy-pasted page writes a place right after a
    bracket ("(BPBD)Jawa Barat")."""
    return (_unspaced(pattern) if glued else pattern).match(text, pos, end)


#: Second words of two-word regions ("Bandung Barat", "Jakarta Utara", "Tanah Datar" is known by name).
_SECOND_PLACE_WORDS = frozenset(word_list("second_place_words"))


_NAME_GOES_ON = re.compile(r" (?:[A-Z][a-z]+|[A-Z]\.)")


def _contracted_place(name: str) -> bool:
    """Whether ``name`` is a regency or city shortened by its syllables ("Barut", "Tanjab Barat":
    :func:`resilience_kg.extract.regions.contracted`) and its first word is no word of a body's
    name ("Mitra" is a partner before it is Minahasa Tenggara)."""
    from resilience_kg.extract.recognise.actors.vocabulary import name_vocabulary
    from resilience_kg.extract.regions import contracted

    first = name.split(maxsplit=1)[0] if name.strip() else ""
    return first.lower() not in name_vocabulary() and contracted(name) is not None


#: One to three capitalised words after a name, for a region without its level word.
_BARE_WORDS = re.compile(r" +([A-Z][a-z]+)( [A-Z][a-z]+)?( [A-Z][a-z]+)?(?![\w-])")
#: A region's name with its short form in brackets inside ("Kabupaten Tanjung Jabung (Tanjab) Barat").
_BRACKETED_SHORT = re.compile(r" +(?:(" + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS) + r") +)?"
                              r"((?:[A-Z][a-z]+ )*[A-Z][a-z]+) \(([A-Z][a-z]+)\) ([A-Z][a-z]+)(?![\w-])")


def _unlisted_tail(text: str, pos: int, end: int, *, glued: bool = False) -> int:
    """Length of a region after a name that the plain tail does not read: three words with no
    level word ("BPBD Tanjung Jabung Barat"), a regency shortened by its syllables ("DPPKA Barut",
    "BPBD Tanjab Barat"), or a region written with its short form in brackets inside ("BPBD
    Kabupaten Tanjung Jabung (Tanjab) Barat"); 0 otherwise."""
    bracketed = tail_match(_BRACKETED_SHORT, text, pos, end, glued=glued)
    if bracketed is not None and _is_place(" ".join(filter(None, (bracketed.group(1), bracketed.group(2),
                                                                 bracketed.group(4))))) \
            and _contracted_place(f"{bracketed.group(3)} {bracketed.group(4)}"):
        return bracketed.end() - pos
    bare = tail_match(_BARE_WORDS, text, pos, end, glued=glued)
    if bare is None:
        return 0
    if bare.group(3) and bare.group(3).strip().lower() not in word_map("region_kind_english") \
            and _is_place("".join(bare.groups()).strip()):  # (English "West Java Province" is read elsewhere)
        return bare.end() - pos
    two = bare.group(1) + (bare.group(2) or "")
    if bare.group(2) and _contracted_place(two):
        return bare.start(1) - pos + len(two)
    if _contracted_place(bare.group(1)) and not _is_place(two):
        return bare.end(1) - pos
    return 0


def _jurisdiction_tail(text: str, pos: int, end: int, *, glued: bool = False) -> int:
    """Length of a jurisdiction after a name ("BPBD Provinsi DKI Jakarta", "Bappeda Kota Semarang"), or 0;
    ``glued``: the jurisdiction starts right at ``pos``, with no space before it (:func:`tail_match`)."""
    lower = _lower_case_tail(text, pos, end, glued=glued)
    if lower:
        return lower
    unlisted = _unlisted_tail(text, pos, end, glued=glued)
    if unlisted:
        return unlisted
    three = tail_match(_THREE_WORD_TAIL, text, pos, end, glued=glued)
    if three is not None and _is_place(three.group(1)):
        return three.end() - pos  # "BPBD Provinsi Kepulauan Bangka Belitung Mikron ...": a region of three words
    local = _local_tail(text, pos, end, glued=glued)
    if local:
        return local
    tail = tail_match(_TAIL_BEFORE_HYPHEN, text, pos, end, glued=glued)
    after = re.compile(r"[A-Z][a-z]+").match(text, tail.end() + 1, end) if tail is not None else None
    if after is None or _head_regex().fullmatch(after.group(0)) is None:
        tail = tail_match(_TAIL, text, pos, end, glued=glued)
    if tail is None or (tail.group(0).strip().capitalize() in _LEVEL_WORDS and re.match(r" \S+-\w", text[tail.end():])):
        return 0  # (a level word alone before a hyphened place is none of it: "BPBD Kota Bogor-Jawa ...")
    words_ = [w for w in tail.group(0).split() if w != "Wilayah" and not re.fullmatch(r"[IVX]+", w)]
    if len(words_) > 2 and words_[1] == "Administrasi" and words_[0].capitalize() in _LEVEL_WORDS:
        del words_[1]  # "Kota Administrasi Jakarta Timur": the official list's word for Jakarta's cities
    if not words_:
        return 0
    if words_[0] == "DI" and not _is_place(" ".join(words_)):
        return 0  # ("DI Yogyakarta": the special region's own prefix, a province only as the list spells it)
    if not words_[-1][1:].islower() and not _is_place(words_[-1]):
        return 0  # a short form after a name is a province's only when the region list says so ("NTT")
    # "BPBD provinsi Riau": news copy writes the level in lower case too.
    marked = words_[0].capitalize() in _LEVEL_WORDS or words_[0] in ("DKI", "DI") or "Wilayah" in tail.group(0)
    place = " ".join(w for w in words_ if w.capitalize() not in _LEVEL_WORDS)
    if marked and len(place.split()) == 2 and not _is_place(place) and _head_regex().fullmatch(place.split()[1]):
        # "DPRD Kota Bandung Komisi IV": a head after the region starts the organ, no word of the place.
        return len(tail.group(0)[:tail.group(0).rstrip().rfind(" ")].rstrip())
    if (marked and " " in place and not _is_place(place) and place.split()[1] not in _SECOND_PLACE_WORDS
            and not _is_place(" ".join(words_))  # ("PMI Kecamatan Sungai Pinang": a district by its kind word)
            and (_NAME_GOES_ON.match(text, tail.end()) or TITLES.match(place.split()[1])
                 or ((_is_place(place.split()[0]) or place.split()[0] in _regions_of_text(text))
                     and _holder_after_region(place.split()[1])))):
        # ("Bappeda Kab. Lobar Dr. X": a title starts the holder's name.)
        # ("BPBD Kabupaten Cilacap Wiyono mengatakan": a region of the list, then one word that is
        # no part of any region's name: the holder's, written with no title.)
        # "BPBD Kabupaten Bima Aries Munandar": the second word starts the officer's name.
        return len(tail.group(0)[:tail.group(0).rstrip().rfind(" ")].rstrip())
    if marked or (_is_place(place) and _is_place(" ".join(words_))) \
            or (len(words_) == 1 and words_[0] in _regions_of_text(text)):
        return tail.end() - pos
    if len(words_) == 2 and _is_place(words_[0]) and tail.group(0).startswith(words_[0], 0 if glued else 1) \
            and (TITLES.match(words_[1]) or _holder_after_region(words_[1])):
        # "Kepolisian Daerah (Kapolda) Jabar Irjen Pol ...": the region ends the name, and the
        # capitalised word after it starts the officer's rank or name.
        return len(tail.group(0)) - len(tail.group(0).lstrip()) + len(words_[0])
    return 0


#: A level word and the one capitalised word after it: "Kabupaten Tapsel", "Kab. Lobar".
_LEVEL_AND_NAME = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(_LEVEL_WORDS)) + r") +"
                             r"([A-Z][a-z]{2,})(?![\w-])(?! [A-Z])")  # (one word: not "Lembah" of "... Lembah Hijau")


@functools.lru_cache(maxsize=8)
def _regions_of_text(text: str) -> frozenset[str]:
    """The short region names a report writes after a level word somewhere ("Kabupaten Tapsel"):
    the same word after a body elsewhere in it ("Satpol PP Tapsel", "Kemenag Lobar") is that
    region too, though the official list spells it otherwise."""
    return frozenset(m.group(1) for m in _LEVEL_AND_NAME.finditer(text)
                     if m.group(1) not in STOP_CAPS and _head_regex().fullmatch(m.group(1)) is None)


#: A level word and one or two words in lower case: "provinsi bali", "Kota pariaman"; or a
#: capitalised word and one in lower case: "Provinsi Jawa tengah".
_LOWER_TAIL = re.compile(r" +(?:" + "|".join(re.escape(w) for w in _LEVEL_SPELLINGS) + r")"
                         r" +([A-Za-z][a-z]+)(?: ([a-z]+))?(?![\w-])")


def _lower_case_tail(text: str, pos: int, end: int, *, glued: bool = False) -> int:
    """Length of a jurisdiction whose region news copy writes in lower case ("BPBD Provinsi
    bali"), or its second word only ("BPBD Provinsi Jawa tengah"): only after a level word, and only
    a region of the official list; 0 otherwise (a region written in capitals is the other tails')."""
    from resilience_kg.extract.regions import is_place

    tail = tail_match(_LOWER_TAIL, text, pos, end, glued=glued)
    if tail is None:
        return 0
    if tail.group(2) and is_place(f"{tail.group(1).capitalize()} {tail.group(2).capitalize()}") is not None:
        return tail.end() - pos
    if tail.group(1)[0].isupper():
        return 0  # ("Kota Bogor dan ...": a capitalised region and a word of the sentence)
    return tail.end(1) - pos if is_place(tail.group(1).capitalize()) is not None else 0


#: "of (the) Central Java Province", "of Ambon City" after an English name and its short form.
_OF_PLACE = re.compile(r" of (?:the )?((?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+)(?![\w-])")


def _english_place_tail(text: str, pos: int, end: int) -> int:
    """Length of "of <a region>" after an English name's short form: "Regional Disaster
    Management Agency (BPBD) of Central Java Province" is that province's agency; 0 otherwise."""
    tail = _OF_PLACE.match(text, pos, end)
    # ("... (GKI) of the Central Java Region": a church's or a body's region, its level word after it.)
    return tail.end() - pos if tail is not None and (_is_place(tail.group(1)) or _is_place(
        tail.group(1).removesuffix(" Region"))) else 0


def _holder_after_region(word: str) -> bool:
    """Whether ``word``, a capitalised word right after a bare region ("Setda Sambas Septiza"),
    starts the holder's name rather than going on with the region's or the body's: no second
    word of a region ("Barat"), place, head noun, short form or capitalised function word."""
    return (word[1:].islower() and word not in _SECOND_PLACE_WORDS and word not in STOP_CAPS
            and word.capitalize() not in _LEVEL_WORDS and word not in JURISDICTION_WORDS
            and not _is_place(word) and _head_regex().fullmatch(word) is None)


#: One to four capitalised words after a short form in brackets ("(LMA) Port Numbay", "(Unika) De La
#: Salle Manado"), before a stop, a word that ends a name, a lower-case word or the text's end.
_TAIL_WORDS = re.compile(r" ([A-Z][\w-]*(?: [A-Z][\w-]*){0,3})"
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


#: A Roman numeral after a body's short form in brackets, then what the numbered office covers.
_NUMERAL_TAIL = re.compile(r" ([IVX]{1,4})(?=[ ,.;:)]|$)")
#: One to three capitalised words (and a Roman numeral) after a river basin body's name.
_BASIN_WORDS = re.compile(r" ((?:[A-Z][a-z]+-?)(?: [A-Z][a-z-]+){0,2}(?: [IVX]{1,4})?)(?=[ ,.;:)]|$)")


def numbered_tail(text: str, pos: int, end: int) -> int:
    """Length of a Roman numeral and the region it stands for after "(ACR)": "Balai Wilayah Sungai
    (BWS) V Sulbar" is the fifth river basin office, in Sulawesi Barat. A numbered regional office
    of a ministry (Balai, Kanwil, Kodam) writes its number then its region; 0 otherwise, and 0 for a
    numeral with no region after it (a list's or a person's numbering)."""
    numeral = _NUMERAL_TAIL.match(text, pos, end)
    if numeral is None:
        return 0
    place = _jurisdiction_tail(text, numeral.end(), end)
    return numeral.end() - pos + place if place else 0


def basin_tail(text: str, pos: int, end: int, expansion: str) -> int:
    """Length of the river basin's name after "Balai (Besar) Wilayah Sungai (BBWS)": the basin
    names the office ("Balai Besar Wilayah Sungai (BBWS) Pemali Juana"), as Permen PUPR 4/2015
    tentang Kriteria dan Penetapan Wilayah Sungai names every wilayah sungai; 0 otherwise."""
    if not re.search(r"\bWilayah Sungai$", expansion.strip()):
        return 0
    basin = _BASIN_WORDS.match(text, pos, end)
    if basin is None or any(w in STOP_CAPS or _head_regex().fullmatch(w) for w in basin.group(1).split()):
        return 0
    return basin.end(1) - pos


def _is_local_place(name: str) -> bool:
    from resilience_kg.extract.regions import is_local_place

    return not is_acronym(name) and is_local_place(name)


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
                while body and (body[-1].capitalize() in JURISDICTION_WORDS | {"Administrasi"}
                                or body[-1].capitalize() + "." in JURISDICTION_WORDS):  # ("Prov. X")
                    body.pop()  # "pemerintah provinsi" and "pemerintah" + "Provinsi X": one body
                return " ".join(body), region.code
    return None


def tail_name(tail: str) -> str:
    """A place after a name as the body's name writes it: one space between words, and without a
    short form the text put in brackets inside the region's name ("Kabupaten Tanjung Jabung
    (Tanjab) Barat" is Kabupaten Tanjung Jabung Barat)."""
    return " ".join(re.sub(r" \([A-Z][a-z]+\)(?= [A-Z])", "", tail).split())
