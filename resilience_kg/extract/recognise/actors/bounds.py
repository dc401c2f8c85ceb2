"""Where a body's name ends: what a name is made of, and the words after it that still belong to it.

A body's name is a head noun, then words of a closed vocabulary (words of field and function,
region names of the official list, known names, legal forms, a class or rank), then perhaps a short
form in brackets and the body's place or class after it. This module answers the questions the
recognisers ask at a name's edge:

- whether a short form in brackets abbreviates the name's field, the words after its head ("Forum
  Pengurangan Risiko Bencana (PRB)", "Dinas Koperasi, Usaha Kecil dan Menengah (UKM)"): it is the
  body's short form, and the brackets are part of the mention;
- how long a class or rank and a place after a name are ("... (KSOP) Kelas I Ambon", "... Kelas II
  Contoh"), which name the office, not what follows it;
- where a person's name written after a body begins ("Direktur PT Sinar Contoh Budi Hartanto,"):
  the words after a complete name that are no word of any body's name the project knows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.vocabulary import _fits, _head_regex, is_acronym, name_vocabulary
from resilience_kg.extract.recognise.rules import alternation
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import Span


def abbreviates_field(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates the words of ``name`` after its head (the body's field),
    two capitalised words at least, every one of them giving the short form a letter: "PRB" for
    "Forum Pengurangan Risiko Bencana", "UKM" for "Dinas Koperasi, Usaha Kecil dan Menengah".
    The head is left out of such short forms ("Forum PRB", "Dinas Koperasi dan UKM").

    >>> abbreviates_field("PRB", "Forum Pengurangan Risiko Bencana")
    True
    >>> abbreviates_field("UKM", "Dinas Koperasi, Usaha Kecil dan Menengah")
    True
    >>> abbreviates_field("BPS", "Forum Pengurangan Risiko Bencana")
    False
    """
    if not is_acronym(acronym) and not re.fullmatch(r"[A-Z][a-z]{2,7}", acronym):
        return False
    words_ = name.replace(",", " ").split()
    letters = [c for c in acronym if c.isalpha()]
    for k in range(1, len(words_) - 1):
        field = [w for w in words_[k:] if w[:1].isupper()]
        if not field or field[0] != words_[k] or len(field) < 2 or len(letters) > 2 * len(field) + 2:
            continue
        if _fits(acronym, " ".join(words_[k:])) and _initials_used(letters, field):
            return True
    return False


def _initials_used(letters: list[str], field: list[str]) -> bool:
    """Whether each capitalised word of the field gives the short form a letter, in order: its
    initial, or (for a short form written as a word, "Humas") its first letters."""
    pos = 0
    lowered = [c.lower() for c in letters]
    for word in field:
        initial = word[0].lower()
        try:
            pos = lowered.index(initial, pos) + 1
        except ValueError:
            return False
    return True


#: A class or rank after an office's name or its short form: "Kelas I", "Kelas II A", "Tipe B",
#: "Class IA" (the grades of vertical offices: ports, meteorological stations, prisons, immigration).
@functools.cache
def _rank_regex() -> re.Pattern[str]:
    return re.compile(r" (?:" + alternation("rank_words") + r") (?:[IVX]{1,4}(?: ?[A-C])?|[A-C]|\d)(?![\w-])")


_TWO_WORDS = re.compile(r" ([A-Z][a-z]+ [A-Z][a-z]+)(?![\w-])")
_ONE_WORD = re.compile(r" ([A-Z][a-z]+)(?![\w-])")


def rank_tail(text: str, pos: int, end: int) -> int:
    """Length of a class or rank after a name at ``pos`` and of the place after it ("... Kelas I
    Ambon"): the grade names the office, so both belong to its name; 0 when none follows."""
    from resilience_kg.extract.recognise.actors.places import _is_place, _jurisdiction_tail

    rank = _rank_regex().match(text, pos, end)
    if rank is None:
        return 0
    place = _jurisdiction_tail(text, rank.end(), end)
    if not place:  # a bare place of two words or one ("... Kelas I Ambon")
        for bare in (_TWO_WORDS.match(text, rank.end(), end), _ONE_WORD.match(text, rank.end(), end)):
            if bare is not None and _is_place(bare.group(1)):
                place = bare.end() - rank.end()
                break
    return rank.end() - pos + place


def _english_head(word: str) -> bool:
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    head = _heads().get(word)
    return head is not None and head.english


def in_name_vocabulary(word: str) -> bool:
    """Whether ``word`` is a word of a body's or a place's name the project knows (a head noun,
    a known name, a region, a word of the name lists: :func:`.vocabulary.name_vocabulary`), or a
    number or a grade ("2", "IIA")."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    if re.fullmatch(r"\d+|[IVX]{1,4}[A-C]?", word.strip(".,")) or _is_place(word.strip(".,")):
        return True  # (a place by the region list or a short form of one: "Sulbar", "Jaktim")
    return word.lower().strip(".,") in name_vocabulary() or _head_regex().fullmatch(word) is not None


#: What may follow a person's name written after a post and its body: a comma or the end of the
#: clause, a bracket, or a lower-case word (a verb: "mengatakan", "selaku", "said").
_AFTER_PERSON = re.compile(r"\s*(?:[,;:.)]|\n|$|[a-z])")


def person_after_post(text: str, m_start: int, m_end: int) -> int | None:
    """Where the body's name ends when a person's given and family name run on after it, in a
    post's phrase ("Vice President PT Sinar Contoh Budi Hartanto, ...", "Kepala Bidang
    Pengendalian Penyakit Ade Putra, ..."): the span's last two words are capitalised words that
    no body's or place's name the project knows holds, a post is written right before the span,
    the clause ends after them, and the text never writes the whole span again (a body's name
    recurs; its officer's name does not follow it each time). The offset of the name's new end,
    or None."""
    from resilience_kg.extract.recognise.actors.vocabulary import _post_regex

    quote = text[m_start:m_end]
    words_ = quote.split(" ")
    if len(words_) < 4 or "\n" in quote:
        return None
    before = text[max(0, m_start - 40):m_start].rstrip()
    english_end = _english_head(words_[-3])
    if not english_end and (not before or not any(re.fullmatch(r"(?: [A-Z][a-z]+){0,2}", before[p.end():])
                                                  for p in _post_regex().finditer(before))):
        return None  # (a post, perhaps with its field: "Direktur Operasi PT ..."; or an English
        # name, whose head is its last word: "... Harapan Foundation Budi Santosa, ...")
    if not _AFTER_PERSON.match(text, m_end):
        return None
    tail = words_[-2:]
    if not all(re.fullmatch(r"[A-Z][a-z]{1,14}", w) and not in_name_vocabulary(w) for w in tail):
        return None
    body = words_[:-2]
    if (_head_regex().fullmatch(body[-1]) and not english_end) or not any(w[:1].isupper() for w in body[1:]):
        return None  # a head alone is left ("PT Budi Hartanto"): no name to cut
    third = body[:-1]
    if len(third) >= 2 and not english_end and re.fullmatch(r"[A-Z][a-z]{1,14}", body[-1]) \
            and not in_name_vocabulary(body[-1]) and not _head_regex().fullmatch(third[-1]) \
            and any(w[:1].isupper() for w in third[1:]) and (is_acronym(third[-1]) or _ends_in_region(third)):
        # A person's name of three words after a name that ends in its short form ("Dinas SDA Rina
        # Dewi Lestari, ..."), or in its region ("LPPM Universitas Contoh Manado Rina Dewi Lestari,
        # ..."): the first of them is the person's too (a firm's own words are not: "PT Sarana Tirta
        # Lestari Wiratmo Hadisuryo" keeps "Lestari").
        body = third
    again = re.compile(r"(?<![\w-])" + re.escape(quote) + r"(?![\w-])")
    if any(a.start() != m_start for a in again.finditer(text)):
        return None  # the text writes these words as the name elsewhere too ("PDAM Tirta Darma Ayu")
    return m_start + len(" ".join(body))


def _ends_in_region(words_: Sequence[str]) -> bool:
    """Whether the last one or two of ``words_`` are a region of the official list ("Manado",
    "Jawa Barat"): a body's name ends with its region, a person's name goes on after it."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    return any(len(words_) > width and _is_place(" ".join(words_[-width:])) for width in (1, 2))


#: An academic degree written with its full stops, its parts perhaps apart ("S.Kom", "S.Pd.", "S. T",
#: "Ph.D.", "M.Eng", "MM."): no body's name ends with one.
_DEGREE_WORD = re.compile(r"(?:[A-Z][A-Za-z]{0,3}\.\s?)+[A-Za-z]{0,4}\.?")


@functools.cache
def _degree_words() -> frozenset[str]:
    return frozenset(word_list("degree_suffixes"))


def is_degree(word: str) -> bool:
    """Whether ``word`` (a comma or a semicolon after it aside) is an academic degree after a
    person's name: one of ``degree_suffixes`` with or without its full stop ("ST", "MSi."), or
    letters with full stops ("S.Kom", "Ph.D.")."""
    word = word.rstrip(",;")
    return word.rstrip(".") in _degree_words() or bool(_DEGREE_WORD.fullmatch(word))


def person_with_degree_after_body(text: str, m_start: int, m_end: int) -> int | None:
    """Where the body's name ends when a person's name and degrees run on after it ("Wakil Ketua
    Pansus Budi S.Kom", "Ketua Komisi DPRD Budi Santoso SPd MH"): the span ends in one or more
    degrees, one to three capitalised words before them are no word of any body's or place's name,
    and a body's word is left before those. The offset of the name's new end, or None."""
    words_ = text[m_start:m_end].split(" ")
    if "\n" in text[m_start:m_end]:
        return None
    k = len(words_)
    while k > 0 and is_degree(words_[k - 1]):
        k -= 1
    if k == len(words_):
        return None
    j = k
    while j > 0 and k - j < 3 and _PERSON_WORD.fullmatch(words_[j - 1]) and not in_name_vocabulary(words_[j - 1]):
        j -= 1
    if j == k or j == 0:
        return None  # (no name before the degrees, or nothing of a body left)
    return m_start + len(" ".join(words_[:j]))


def person_named_again(text: str, m_start: int, m_end: int) -> int | None:
    """Where a short body's name ends when a person's two names run on after it right after a post
    ("Ketua Pansus Budi Santoso mengatakan ..."), and the text writes those two names elsewhere
    with a degree after them ("Budi Santoso, SE., MM sebagai Ketua Pansus"): an official named
    again, not a body named after a person. The offset of the name's new end, or None."""
    words_ = text[m_start:m_end].split(" ")
    if len(words_) != 3 or "\n" in text[m_start:m_end] or not _post_right_before(text, m_start) \
            or not _AFTER_PERSON.match(text, m_end):
        return None
    tail = words_[1:]
    if not all(_PERSON_WORD.fullmatch(w) and not in_name_vocabulary(w) for w in tail):
        return None
    person = re.compile(r"(?<![\w-])" + re.escape(" ".join(tail)) + r",? (?P<degree>\S+)")
    if not any(is_degree(a.group("degree")) for a in person.finditer(text)):
        return None  # (a base or a hospital named after a hero is no person named with degrees)
    return m_start + len(words_[0])


#: One capitalised word, a person's name as lists of officials write it ("Sutanto", "Basri").
_PERSON_WORD = re.compile(r"[A-Z][a-z]{2,14}")


def person_word_after_body(text: str, m_start: int, m_end: int) -> int | None:
    """Where the body's name ends when a person's single name runs on after it ("Wakil Ketua
    DPRD Sutanto, ...", "Kepala Dinas Pariwisata Handoko, ...", or in a list of officials with
    their posts, "..., Dinas Perikanan Sarmin, ..."): every word before the last is a word of a
    body's name the project knows (so the name is complete without it), the last is no word of
    any body's or place's name (nor a district or a village of the official list, nor a short
    region name the report uses), the clause ends after it, a post is written right before the
    body or the sentence lists officials by their posts, and the text never writes the whole
    span again. The offset of the name's new end, or None."""
    from resilience_kg.extract.recognise.actors.places import _is_local_place, _regions_of_text
    from resilience_kg.extract.recognise.actors.vocabulary import _post_regex

    quote = text[m_start:m_end]
    words_ = quote.split(" ")
    last = words_[-1]
    if len(words_) < 2 or "\n" in quote or not _PERSON_WORD.fullmatch(last) or in_name_vocabulary(last) \
            or _is_local_place(last) or last in _regions_of_text(text) or not _AFTER_PERSON.match(text, m_end):
        return None
    body = words_[:-1]
    acronym = len(body) == 1 and is_acronym(body[0])
    if not acronym and not (len(body) >= 2 and _head_regex().fullmatch(body[0]) and not _english_head(body[0])
                            and all(in_name_vocabulary(w) or w.islower() for w in body[1:])):
        if not (len(body) >= 2 and _head_regex().fullmatch(body[0]) and _post_right_before(text, m_start)
                and _named_without(text, " ".join(body), last)):
            return None  # (a name with a word of its own, "Yayasan Sinar Contoh", may end in a proper name)
        # (but "Rektor Universitas Contoh Budi mengatakan", where the text names "Universitas
        # Contoh" without "Budi" too: the body's whole name is known, and the officer follows it)
    before = text[max(0, m_start - 40):m_start].rstrip()
    if not _post_right_before(text, m_start):
        if acronym or not re.search(r"(?:,|\bdan)(?: [A-Z][a-z]+)?$", before):
            return None  # (a short form alone is named by its place: "Polsek Contoh" needs the post;
            # a list's item may open with a word of post the table lacks: "..., Staf Dinas X Budi")
        sentence_start = max(text.rfind(". ", 0, m_start), text.rfind("\n", 0, m_start)) + 1
        if len(_post_regex().findall(text, sentence_start, m_start)) < 2:
            return None  # (no list of officials by their posts: "..., Dinas Contoh Raya, ...")
    again = re.compile(r"(?<![\w-])" + re.escape(quote) + r"(?![\w-])")
    if any(a.start() != m_start and not _post_right_before(text, a.start()) for a in again.finditer(text)):
        return None  # (the officer is named again with the post; a body's name recurs without one)
    return m_start + len(" ".join(body))


def _named_without(text: str, body: str, last: str) -> bool:
    """Whether the text writes ``body`` at least twice as a whole name not followed by ``last``."""
    alone = re.compile(r"(?<![\w-])" + re.escape(body) + r"(?! " + re.escape(last) + r"\b)(?![\w-])")
    return len(alone.findall(text)) >= 2


def _post_right_before(text: str, pos: int) -> bool:
    """Whether a post of ``rules/posts.csv`` ends right before ``pos`` (spaces between)."""
    from resilience_kg.extract.recognise.actors.vocabulary import _post_regex

    before = text[max(0, pos - 40):pos].rstrip()
    return any(not before[p.end():].strip() for p in _post_regex().finditer(before))


def administrative_tail(text: str, pos: int, end: int, name: str) -> int:
    """Length of "Administrasi <region>" after a government's name that ends in its level and its
    short form ("Pemerintah Kota (Pemkot) Administrasi Jakarta Barat"): the official region list
    calls Jakarta's cities and regency "Kota Administrasi" and "Kabupaten Administrasi", and the
    words after the brackets finish the level; 0 otherwise."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    if not name.split() or name.split()[-1] not in ("Kota", "Kabupaten"):
        return 0
    tail = re.compile(r" Administrasi ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})").match(text, pos, end)
    if tail is None:
        return 0
    words_ = tail.group(1).split()
    for width in range(len(words_), 0, -1):
        if _is_place(" ".join(words_[:width])):
            return tail.start(1) - pos + len(" ".join(words_[:width]))
    return 0


def post_ends_before_body(text: str, pos: int, end: int) -> bool:
    """Whether a body's head noun (not a unit's) follows the post's short form in brackets that
    ends at ``pos``: in "Kepala Bagian Operasional (Kabag Ops) Polres X" the post, written out and
    in short, ends at the brackets, and the body after them is the one the post is in; the unit
    is named only as the post's field, no attendee of its own."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    after = re.compile(r" +").match(text, pos, end)
    head = _head_regex().match(text, after.end(), end) if after is not None else None
    return head is not None and _heads()[head.group(1)].kind != "unit"


#: A capitalised word said twice with a hyphen, Indonesian's plural ("Pulau-Pulau"): a plural
#: noun never heads a body's name, so after "dan" it goes on with the same name's places.
REDUPLICATED = re.compile(r"([A-Z][a-z]+)-\1")


#: Single letters each with a stop: an initialism ("R.I.", "U.S."), whose last stop is its own.
INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}")


def lower_field_after_and(text: str, toks: Sequence[Span], j: int, i: int) -> int:
    """How many words after "dan" at ``toks[j]`` are a field of the name that news copy wrote in
    lower case ("Dinas Lingkungan Hidup dan kebersihan (DLHK)", "Kementerian Lingkungan Hidup dan
    kehutanan R.I."): one word of the name vocabulary, closed by what closes a name (a short form
    in brackets whose letters fit the whole name, the country's initials, or a level word and its
    region); 0 otherwise (a name ends before "dan warga ...")."""
    from resilience_kg.extract.recognise.actors.places import _jurisdiction_tail
    from resilience_kg.extract.recognise.actors.vocabulary import _SHORT_FORM_AFTER, _fits

    if j + 2 >= len(toks) or text[toks[j].end:toks[j + 1].start] != " ":
        return 0
    field = toks[j + 1].text
    if not (field.isalpha() and field.islower() and len(field) >= 5 and in_name_vocabulary(field)):
        return 0
    after = toks[j + 2]
    if text[toks[j + 1].end:after.start] != " " and after.text != "(":
        return 0
    short = _SHORT_FORM_AFTER.match(text, toks[j + 1].end)
    for first in (max(0, i - 1), i):  # (the short form spells the head too, "DLHK", or not)
        if short is not None and _fits(short.group(1), f"{text[toks[first].start:toks[j].end]} {field.capitalize()}"):
            return 1
    if after.text.replace(".", "") in COUNTRY_INITIALS or _jurisdiction_tail(text, toks[j + 1].end, len(text)):
        return 1
    return 0


#: The country's initials after a ministry's name ("Kementerian X RI", "... R.I.").
COUNTRY_INITIALS = frozenset(("RI",))


#: Indonesian prepositions of place that title-case copy capitalises ("Badan X Di Kabupaten Y").
_CAPITALISED_PREPOSITIONS = frozenset(("Di", "Ke", "Dari"))


def starts_after_name(word: str, nxt: str) -> bool:
    """Whether ``word`` (inside a run of capitalised words, ``nxt`` after it) starts what follows a
    body's name, not a word of it: a preposition of place that title-case copy capitalises ("...
    Badan Geologi Di Kabupaten X"), a rank written in capitals before its holder's name ("Polres X
    IPTU Budi"), or "on"/"pada" before a day's number ("... City Government on 14 March")."""
    from resilience_kg.extract.recognise.actors.vocabulary import TITLES

    if word in _CAPITALISED_PREPOSITIONS and nxt[:1].isupper():
        return True
    if len(word) >= 3 and word.isupper() and word.isalpha() and TITLES.match(word.capitalize()) \
            and nxt[:1].isupper() and nxt[1:2].islower():
        return True
    return word.lower() in ("on", "pada") and nxt[:1].isdigit()


@functools.cache
def _branch_before() -> re.Pattern[str]:
    words_ = sorted(word_list("branch_office_words"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words_) + r") +$")


def branch_word_before(text: str, start: int, *, has_place: bool, national: bool, place: str = "") -> int:
    """Where a national body's branch name starts when a branch-office word is written right before
    the body's name ("Kanwil BPN", "Daops Manggala Agni Provinsi X", "Perwakilan BKKBN Jawa
    Barat"): the branch is the actor, named with that word; ``start`` otherwise. A word that also
    means a representative ("Perwakilan") counts only before a national body with a place after
    its name ("Perwakilan BPBD Kabupaten X" is the regional body's delegate), and a province there
    when ``place`` gives it: such offices are provincial ("Perwakilan BPN Kota X" is a delegate)."""
    from resilience_kg.extract.recognise.rules import word_map
    from resilience_kg.extract.regions import is_place

    before = _branch_before().search(text, max(0, start - 20), start)
    if before is None or before.end() != start:
        return start
    if word_map("branch_office_words").get(before.group(1)) == "national place" and not (has_place and national):
        return start
    region = is_place(" ".join(place.split())) if place.strip() else None
    if word_map("branch_office_words").get(before.group(1)) == "national place" and region is not None \
            and region.kind != "provinsi":
        return start
    return before.start()


#: A country's name of one or two words after a name's short form ("... (MFAT) Selandia Baru"),
#: or in English "of (the Republic of) Indonesia" ("... (DPR) of the Republic of Indonesia").
_COUNTRY_AFTER = re.compile(r" (?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w-])")
_OF_THE_COUNTRY = re.compile(r" of (?:the )?(?:Republic of )?(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w-])")


def country_tail(text: str, pos: int, end: int, *, english: bool) -> int:
    """Length of a country's name after a body's short form in brackets, which names whose body it
    is ("Kementerian Luar Negeri dan Perdagangan (MFAT) Selandia Baru", "Commission VIII of the
    House of Representatives (DPR) of the Republic of Indonesia"); 0 otherwise. A foreign country
    of ``rules/places.csv`` in Indonesian word order; in English "of" any country, Indonesia too."""
    from resilience_kg.extract.recognise.actors.vocabulary import _countries

    countries = _countries() | ({"Indonesia"} if english else set())
    m = (_OF_THE_COUNTRY if english else _COUNTRY_AFTER).match(text, pos, end)
    if m is None:
        return 0
    words_ = m.group("country").split()
    for width in (2, 1):
        if len(words_) >= width and " ".join(words_[:width]) in countries:
            return m.start("country") - pos + len(" ".join(words_[:width]))
    return 0


#: "Kantor" and the space after it: the word for a body's office building.
_OFFICE_WORD = "Kantor "


def body_in_its_office(text: str, m: ActorMention, known: frozenset[str], national: frozenset[str]) -> ActorMention:
    """The body a mention "Kantor <a body's name>" names, without "Kantor": "Kantor Bappeda Provinsi
    X", "Kantor Dinas Sosial Kota X" are the building of the Bappeda, of the Dinas (a venue's
    address), not a body besides it. Only when a head noun of a body, or a name the gazetteer or
    the known names hold, starts right after the word ("Kantor Imigrasi", "Kantor Pertanahan" are
    the offices' own names, "Kantor Wilayah" a branch's), the body is no national or international
    one (``national``: its forms; "Kantor Basarnas Surabaya", "Kantor Badan Pertanahan Nasional
    Kota X" name the national body's local office, a branch), and no preposition of place stands
    before it ("di Kantor BPBD X" is the venue, which the venue rules read); the mention otherwise."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    if not (m.method == "rule:head-noun:Kantor" and text.startswith(_OFFICE_WORD, m.start)
            and m.name.startswith(_OFFICE_WORD)):
        return m
    before = text[max(0, m.start - 20):m.start]
    outside = _named_outside_office(text, m.name[len(_OFFICE_WORD):])
    if re.search(r"(?:^|\s)(?:" + alternation("venue_prepositions") + r")\s*$", before, re.I) and not outside:
        return m  # ("di Kantor BPBD X" is where the event was: the venue rules read it)
    at = m.start + len(_OFFICE_WORD)
    head = _head_regex().match(text, at, m.end)
    word = re.compile(r"[A-Z][\w-]*").match(text, at, m.end)
    if ((word is not None and word.group(0) in national) or " Nasional" in m.name) and not outside:
        return m
    if head is not None and _heads()[head.group(1)].kind == "org" and head.group(1) != "Kantor":
        basis = f"head:{head.group(1)}"
    elif word is not None and word.group(0) in known:
        basis = m.sector_basis
    else:
        return m
    return replace(m, start=at, name=m.name[len(_OFFICE_WORD):], sector_basis=basis,
                   method=f"rule:head-noun:{head.group(1)}" if head is not None else m.method)


def _named_outside_office(text: str, name: str) -> bool:
    """Whether the text also writes ``name`` (a national body's local office: "BMKG Kota X") without
    "Kantor" before it: the report then calls the office by the body's own name, one actor, so
    "Kantor BMKG Kota X" is that body's building, not a branch besides it. A name of one word ("Kantor
    Basarnas") names the national body itself, which the office's name keeps apart."""
    if " " not in name.strip():
        return False
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    return any(not text[max(0, a.start() - len(_OFFICE_WORD)):a.start()].endswith(_OFFICE_WORD)
               for a in pattern.finditer(text))


#: The rest of a list of places inside a name, closed by the name's short form in brackets:
#: ", Bogor, Depok, Tangerang dan Bekasi (Jabodetabek)".
_PLACE_LIST_REST = re.compile(r"(?P<places>(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)*,? (?:dan|&)"
                              r" [A-Z][a-z]+(?: [A-Z][a-z]+)?) ?\((?P<short>[A-Z][A-Za-z]{1,15})\)")


def places_listed_in_name(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A body's name that ends in a place and goes on with more places and a short form in
    brackets ("Badan Pengelola Transportasi Jakarta, Bogor, Depok, Tangerang dan Bekasi
    (Jabodetabek)") is one name, the list of the regions it serves closed by its short form: the
    mention takes the whole list and the brackets, and a mention inside them goes (the short form
    closing the list says the commas are the name's, not a list of bodies)."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for m in mentions:
        rest = _PLACE_LIST_REST.match(text, m.end)
        words_ = m.name.split()
        if rest is None or len(words_) < 2 or not m.sector_basis.startswith("head:") \
                or not _is_place(words_[-1]) or _is_place(m.name):
            out.append(m)
            continue
        places = re.split(r",? (?:dan|&) |, ", rest.group("places").removeprefix(", "))
        listed = [words_[-1], *(p.strip() for p in places if p.strip())]
        if not all(_is_place(p) for p in listed[1:]) or (_is_place(rest.group("short"))
                                                         and not _fits(rest.group("short"), " ".join(listed))):
            # (a region in brackets that does not spell the list, "(Jabar)", is where they are; one
            # that does, "(Jabodetabek)", is the list written short)
            out.append(m)
            continue
        name = m.name + rest.group("places")
        out.append(replace(m, end=rest.end(), name=name, acronym=rest.group("short"), expansion=name))
        taken.append((m.end, rest.end()))
    return [m for m in out if not any(a <= m.start < b for a, b in taken)]


@functools.cache
def _office_after_regex() -> re.Pattern[str]:
    return re.compile(r" (?P<word>" + alternation("office_after_words") + r")(?: (?:[IVX]{1,4}|\d{1,3})(?![\w-]))?")


#: One or two capitalised words that end the clause: a station's or an area office's own place.
_BARE_OFFICE_PLACE = re.compile(r" [A-Z][a-z]+(?: [A-Z][a-z]+)?(?=\s*(?:[,.;:)\n]|$| [a-z]))")


def office_tail(text: str, pos: int, end: int, *, firm: bool = False, glued: bool = False) -> int:
    """Length of an office word after a body's name or its short form in brackets, with its
    number and its place ("Manggala Agni Daops IX Contoh", "... (BMKG) Stasiun Contoh", "...
    (BKKBN) Perwakilan Provinsi Contoh"): the office is a regional branch, its own actor, so its
    word and place belong to the name; 0 when none follows. The place is one the region list
    knows, or (after an area office's or a station's word, ``bare`` in ``office_after_words``)
    one or two capitalised words that end the clause: towns and airports the list lacks. A
    ``branch`` word ("Cabang") takes no firm's branch (``firm``): the gold names a firm once, by the
    firm ("PT Contoh Cabang Jambi" is PT Contoh). ``glued``: the office word starts right at
    ``pos``, with no space before it."""
    from resilience_kg.extract.recognise.actors.places import _jurisdiction_tail, _regions_of_text, tail_match
    from resilience_kg.extract.recognise.rules import word_map

    office = tail_match(_office_after_regex(), text, pos, end, glued=glued)
    if office is None or (firm and word_map("office_after_words")[office.group("word")] == "branch"):
        return 0
    head = _head_regex().match(text, office.start("word"), end)
    if head is not None and len(head.group(0)) > len(office.group("word")):
        return 0  # ("BMKG Stasiun Geofisika X": a unit's own head, "Stasiun Geofisika", read as the unit)
    place = _jurisdiction_tail(text, office.end(), end)
    if not place and word_map("office_after_words")[office.group("word")] == "bare":
        bare = _BARE_OFFICE_PLACE.match(text, office.end(), end)
        if bare is not None and not _head_regex().match(bare.group(0).strip()) \
                and bare.group(0).split()[0] not in _regions_of_text(text) | {"dan"}:
            place = bare.end() - office.end()
    return office.end() - pos + place if place else 0


def _piece_of(piece: str, word: str) -> bool:
    """Whether ``piece`` is a syllable of ``word`` as short forms take one: two letters written
    together in it, then perhaps more of its letters in order ("dis" of "dinas", "gul" of
    "penanggulangan")."""
    at = word.find(piece[:2])
    while at >= 0:
        rest = iter(word[at + 2:])
        if all(ch in rest for ch in piece[2:]):
            return True
        at = word.find(piece[:2], at + 1)
    return False


def _pieces(letters: str, words_: Sequence[str]) -> bool:
    """Whether ``letters`` is a run of pieces of two letters or more, each a syllable of a later
    word of ``words_`` than the one before (a word may give none)."""
    if not letters:
        return True
    for i, word in enumerate(words_):
        for size in range(min(len(letters), 5), 1, -1):
            if _piece_of(letters[:size], word) and _pieces(letters[size:], words_[i + 1:]):
                return True
    return False


def syllabic_short_form(short: str, name: str) -> bool:
    """Whether ``short`` is a short form built of syllables of the name's words, as Indonesian
    writes them ("Gulkarmat" for "Dinas Penanggulangan Kebakaran dan Penyelamatan", "Disdukcapil"
    for "Dinas Kependudukan dan Pencatatan Sipil"): one capitalised word of five letters or more (no
    day or month), made of two pieces or more, each a syllable (two letters or more) of a later
    capitalised word than the one before.

    >>> syllabic_short_form("Gulkarmat", "Dinas Penanggulangan Kebakaran dan Penyelamatan")
    True
    >>> syllabic_short_form("Jumat", "Forum Warga Peduli Sungai")
    False
    """
    from resilience_kg.extract.recognise.actors.vocabulary import _is_calendar

    if not re.fullmatch(r"[A-Z][a-z]{4,11}", short) or _is_calendar(short):
        return False  # (a day or a month in brackets dates the name; a credit in capitals is no short form)
    words_ = [w.lower() for w in name.replace(",", " ").split() if w[:1].isupper()]
    letters = short.lower()
    return len(words_) >= 2 and any(
        _piece_of(letters[:size], words_[i]) and _pieces(letters[size:], words_[i + 1:]) and len(letters) > size
        for i in range(len(words_)) for size in range(min(len(letters), 5), 1, -1))
