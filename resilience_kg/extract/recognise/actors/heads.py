"""Full names governed by a head noun (``rule:head-noun:<head>``): "Dinas Lingkungan Hidup",
"Jakarta City Government" (English puts the head last), with a short form or a jurisdiction
written after them."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from resilience_kg.extract.recognise.actors.bounds import (
    INITIALISM,
    REDUPLICATED,
    abbreviates_field,
    branch_word_before,
    country_tail,
    in_name_vocabulary,
    lower_field_after_and,
    office_tail,
    post_ends_before_body,
    rank_tail,
    starts_after_name,
    syllabic_short_form,
)
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import (
    _LEVEL_WORDS,
    _english_place_tail,
    _holder_after_region,
    _is_place,
    _jurisdiction_tail,
    _named_tail,
    _place_kinds,
    _split_region,
    tail_name,
)
from resilience_kg.extract.recognise.actors.vocabulary import (
    _CAMEL,
    _SHORT_FORM_AFTER,
    CONNECTORS,
    JURISDICTION_WORDS,
    LEGAL_FORMS,
    STOP_CAPS,
    TITLES,
    _english_head_at_end,
    _fits,
    _head_regex,
    _heads,
    _is_calendar,
    _is_collective,
    _is_foreign_country,
    _post_regex,
    _sector_groups,
    is_acronym,
    is_cap,
    is_verb_form,
    name_key,
)
from resilience_kg.extract.recognise.rules import alternation, confidence, table, weekdays
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import ABBREVIATIONS, Span, words


def _date_in_name(toks: Sequence[Span], i: int, j: int) -> bool:
    """Whether the month ``toks[j]`` goes on a name named after a date: right after its head, a day
    written in digits or words ("Universitas 17 Agustus 1945", "Universitas Tujuh Belas Agustus",
    "Universitas Sebelas Maret"), as universities and schools are named after national days."""
    day = [t.text for t in toks[i:j]]
    if not 1 <= len(day) <= 3 or toks[j].text.lower().rstrip(",.") in weekdays():
        return False
    if len(day) == 1 and day[0].isdigit():
        return 1 <= int(day[0]) <= 31
    return all(w.lower() in _DAY_WORDS for w in day)


_DAY_WORDS = frozenset(word_list("day_number_words"))


def _forward(text: str, toks: Sequence[Span], i: int, *, english: bool, known: frozenset[str] = frozenset(),
             unit: bool = False, civil: bool = False, government: bool = False, public: bool = False) -> int:
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
        if english and j > 0 and word in _POSTS_AFTER_NAME and toks[j - 1].text.lower() not in CONNECTORS \
                and toks[j - 1].text not in ("the", "The") and not _head_regex().fullmatch(nxt):
            break  # "Contoh Health Office Head Budi Santoso", "Ministry of Health Secretary General Rina":
            # a holder's post after the body's name ends it (but "Office of the Head", "Head Office")
        if _is_calendar(word):
            if not _date_in_name(toks, i, j):
                break  # "Hotel Trans Luxury Bandung Kamis, 22/08/19": the day is not part of the name
            last = j  # "Universitas Sebelas Maret", "Universitas 17 Agustus 1945": named after a date
            j += 1
            continue
        if starts_after_name(word, nxt):
            break
        if j == i and i > 0 and toks[i - 1].text in _councils() and word in _council_unit_heads():
            break  # "Anggota DPRD Fraksi X", "DPRD Komisi C": the council's unit starts, the actor (guide)
        if word in ("Prov.", "Prov"):
            last = j
        elif word == "A" and j == i and not english and j > 0 and _head_regex().fullmatch(toks[j - 1].text) \
                and nxt[:1].isupper() and _body_word(nxt):
            last = j  # "Komisi A DPRD X": a council's first lettered commission, not the English article
        elif is_cap(word) and word not in STOP_CAPS - {"The"} and not TITLES.match(word) and not is_verb_form(word):
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
                if word not in ("Kota", "Provinsi", "Kabupaten") and not _is_place(f"{toks[j - 1].text} {word}") \
                        and not (word == "Bidang" and toks[j - 1].text in ("Koordinator", "Kordinator")) \
                        and not (civil and not english and is_acronym(word) and not is_cap(nxt)):
                    break  # (but "Polres Metro Jakarta Pusat": Pusat ends a place's name; and a
                    # coordinating ministry is named by its field: "Kementerian Koordinator Bidang X";
                    # and a group's short head that ends a civil body's name names whom it gathers:
                    # "Forum Relawan TSBD yang ...")
            last = j
        elif word.lower() in CONNECTORS and is_cap(nxt) and nxt not in STOP_CAPS and not _is_collective(nxt):
            if word.lower() in ("dan", "and") and (_head_regex().match(nxt) or is_acronym(nxt)) \
                    and not _field_short_form(text, toks, j + 1, known):
                break  # "Dinas A dan Dinas B", "Dinas Perhubungan dan ITDP": two bodies
            if word == "and" and english and any(t.text in ("of", "for") for t in toks[i:j]) \
                    and _english_name_at(text, toks, j + 1):
                break  # "Institute for Urban Futures and Tirta Lestari Foundation": a name with its
                # head first ends at "and" before a name with its head last, a second body
            if word.lower() == "dan" and not english and _person_then_from(text, toks[j + 1].start):
                break  # "Yayasan X dan Budi dari Forum Y": a person from another body, named after "dan"
            if word.lower() == "dan" and not english and " " in _head_at(text, toks[j + 1].start):
                break  # "Desa Adat A dan Desa Adat B": a head of two words starts a second body
            if word.lower() == "dan" and not english and _english_name_at(text, toks, j + 1):
                break  # "Yayasan Contoh dan Sinar Foundation": an English name, its head last, is a second body
            if word.lower() == "dan" and _is_collective(" ".join(t.text for t in toks[j + 1:j + 3])):
                break
            if word.lower() in ("dan", "and") and j > i and re.fullmatch(r"\d{1,3}|[IVX]{1,4}", toks[j - 1].text):
                break  # "Kelompok Tani Sido Makmur 2 dan Karang Taruna ...": a number ends the first name
            if j + 1 < len(toks) and _post_regex().match(text, toks[j + 1].start):
                break  # "Bagian Perekonomian Setda dan Kepala Seksi 2": a post starts the next phrase
            if word.lower() in ("dan", "and") and j > i and _place_ends_at(toks, i, j) \
                    and not (_is_world_region(toks[j - 1].text) and _is_world_region(nxt)) \
                    and not REDUPLICATED.fullmatch(nxt):
                break  # "... BMKG SulSel dan Pusdataru ...": a region ends the first body
                # ("Pemkab Aceh Utara dan Kota X": a region of two or three words too)
                # (but "Polresta Pulau X dan Pulau-Pulau Y": a plural place word starts no body)
                # (but "Komisi ... untuk Asia dan Pasifik": two parts of the world, one name)
            if word == "and" and english and j > i + 1 and toks[j - 1].text.lower() in _english_region_kinds() \
                    and _is_place(toks[j - 2].text):
                break  # "Red Cross of X City and Disability Service Unit": a region ends the first body
        elif word == "dan" and j > i and not english and (width := lower_field_after_and(text, toks, j, i)):
            last = j + width  # "Dinas Lingkungan Hidup dan kebersihan (DLHK)": news copy writes a field in lower case
            j += width + 1
            continue
        elif word == "-" and is_cap(nxt):
            pass
        elif english and unit and word == "," and j > i and _parent_after_comma(toks, j):
            pass  # "Directorate of Water Resources, Ministry of PPN/Bappenas": a unit, a comma, its parent
        elif english and word == "of" and nxt == "the" and j + 2 < len(toks) \
                and _head_regex().fullmatch(toks[j + 2].text) and _heads()[toks[j + 2].text].english \
                and _heads()[toks[j + 2].text].kind == "org":
            j += 2  # "Jakarta Office of the Ministry of Religious Affairs": the unit of a named parent
            continue
        elif word == "," and j > i and not unit and _jurisdiction_ends(toks, i, j) and _body_head_at(text, toks, j + 1):
            break  # "Pemerintah Provinsi X, dan Pemerintah Kota Y": a jurisdiction ends a body's name
            # (but "Dinas Kesehatan Provinsi X, Bidang P2P" names the unit after its parent)
        elif word == "," and (unit or government
                              or (english and any(t.text in ("of", "for") for t in toks[i:j]))) \
                and j > i \
                and _enumerated_fields(text, toks, j, known, unit=unit):
            pass  # "Biro Hukum, Organisasi, dan Kerjasama", "Dinas Koperasi, UKM dan Perdagangan": one body's fields
        elif (word.islower() and j > i and toks[j - 1].text in _LEVEL_WORDS
              and (width := _lower_place(toks, j)) and not english):
            last = j + width - 1  # "Komisi VI Provinsi bali": news copy writes the place in lower case
            j += width
            continue
        elif j == i and not english and (public or civil) and (width := _lower_field_to_region(text, toks, j)):
            last = j + width - 1  # "Balai prasarana permukiman wilayah Sulteng": the name in lower case, to its region
            break  # (and no further: "... wilayah Sulteng Budi Santoso" goes on with the head's holder)
        elif civil and not english and j > i and _lower_name_word(word) and _place_follows(text, toks, j + 1):
            pass  # "Forum Peduli bencana Kota X", "Forum penggiat LH Bali": a word of the name in lower case
        else:
            break
        j += 1
    # Cut after a jurisdiction place followed by more capitalised words (a person's name).
    names = [t.text for t in toks[i:last + 1]]
    for k in range(len(names) - 1, -1, -1):
        for width in (3, 2, 1):
            if k - width + 1 >= 0 and _is_place(" ".join(names[k - width + 1:k + 1])) \
                    and not _command_by_place(names[k - width + 1:k + 1]):
                marked = width > 1 or (k - width >= 0 and names[k - width] in JURISDICTION_WORDS)
                if marked and k < len(names) - 1 and names[k + 1] not in ("Bidang", "Kota", "Provinsi") \
                        and names[k + 1] not in _SECOND_PLACE_WORDS:
                    last = i + k  # (but "KPH Kapuas Hulu Utara": a compass word names a part of the region, no person)
                elif (government and width == 1 and k > 0 and k == len(names) - 2
                      and _holder_after_region(names[k + 1].rstrip("."))):
                    last = i + k  # "Dinas Sosial Cilacap Wiyono mengatakan": a public body's name ends at its region
                elif (government and width == 1 and k == 0 and 2 <= len(names) <= 4
                      and _regional_government(toks[i - 1].text)
                      and all(_holder_after_region(w.rstrip(".")) for w in names[1:])):
                    last = i  # "Pemprov Banten Budi", "Pemkab Kerinci Sari Wulandari": a region's government
                    # is named by its region alone, and the words after it are its holder's
                break
        else:
            continue
        break
    while last >= i and toks[last].text.lower() in CONNECTORS:
        last -= 1
    return last + 1


@functools.cache
def _councils() -> frozenset[str]:
    return frozenset(word_list("regional_councils"))


@functools.cache
def _council_unit_heads() -> frozenset[str]:
    return frozenset(word_list("council_unit_heads"))


def _parent_after_comma(toks: Sequence[Span], j: int) -> bool:
    """Whether the comma at ``toks[j]`` is followed by an English ministry's or agency's name
    ("..., Ministry of X"): the parent an English unit's name ends with."""
    if j + 2 >= len(toks) or toks[j + 2].text != "of":
        return False
    head = _heads().get(toks[j + 1].text)
    return head is not None and head.english and head.kind == "org" and head.sector == "GovernmentAgency"


def _command_by_place(words_: Sequence[str]) -> bool:
    """Whether ``words_`` are a unit named by its place kind that no region of the official list is
    ("Korem 045 Garuda", "Kodim 0413"): after a whole name ("Polda X Korem 045 ...") it starts a
    second body, and is no jurisdiction that ends the first."""
    from resilience_kg.extract.regions import is_place

    return words_[0] in _place_kinds() and is_place(" ".join(words_)) is None


def _english_name_at(text: str, toks: Sequence[Span], k: int) -> bool:
    """Whether one to three capitalised words from ``toks[k]`` end in an English head noun and
    end there ("Tanoto Foundation", "Sinar Contoh Institute"): a name of its own."""
    for n in range(k, min(k + 3, len(toks))):
        word = toks[n].text
        if not is_cap(word) or (n > k and text[toks[n - 1].end:toks[n].start] != " "):
            return False
        head = _heads().get(word)
        if n > k and head is not None and head.english:
            after = toks[n + 1].text if n + 1 < len(toks) else ""
            return not (is_cap(after) and text[toks[n].end:toks[n + 1].start] == " ") and after not in ("of", "for")
    return False


#: One to three capitalised words, then "dari": a person and the body they come from.
_PERSON_THEN_FROM = re.compile(r"([A-Z][a-z][\w'-]*(?: [A-Z][a-z][\w'-]*){0,2}),? (?:dari|selaku) ")

#: One capitalised word that ends a list item: "..., Universitas X (UX) Veteran, Universitas Y".
_ITEM_WORD = re.compile(r" [A-Z][a-z]{2,}(?=\s*[,;]|\s+(?:dan|serta)\s)")


def _item_word_length(text: str, pos: int, end: int) -> int:
    """Length of one capitalised word at ``pos`` that ends a list item (a word of the name written
    after its short form: "Universitas Pembangunan Nasional (UPN) Veteran,"), or 0."""
    word = _ITEM_WORD.match(text, pos, end)
    if word is None or _head_regex().fullmatch(word.group(0).strip()) or word.group(0).strip() in STOP_CAPS:
        return 0
    return word.end() - pos


def _item_after_short_form(text: str, pos: int, end: int) -> bool:
    """Whether a short form in brackets and then one word ending a list item follow ``pos``: a
    head's own name written after its short form ("Pemerintah Kalurahan (Pemkal) Banyurejo,")."""
    short = _SHORT_FORM_AFTER.match(text, pos, end)
    return short is not None and _item_word_length(text, short.end(), end) > 0


def _stands_as_item(text: str, start: int) -> bool:
    """Whether a name at ``start`` begins a list item or a line (after a comma, a dash, "dan"), not
    a post's words: a capitalised word after its short form is then the name's, not a holder's."""
    before = text[max(0, start - 12):start].rstrip(" ")
    return before == "" or before.endswith(("\n", ",", ";", ":", "–", "-", "—")) \
        or re.search(r"(?<![\w-])(?:dan|serta)$", before) is not None


#: A preposition right before "Bidang": "di Bidang X", "dalam Bidang X" name a field of work.
_FIELD_PREPOSITION = re.compile(r"(?<![\w-])(?:di|dalam|pada|ke)\s+$")


def _regional_government(head: str) -> bool:
    """Whether ``head`` (the last word of a head noun) names a region's government: "Pemprov",
    "Pemkab", "Pemerintah Kota"."""
    return (head.capitalize() in _LEVEL_WORDS or name_key(head).startswith("pemerintah ")
            or head in word_list("regional_councils"))  # a council too: "DPRD Sumbar Rafi, ..." is its member


def _person_then_from(text: str, pos: int) -> bool:
    """Whether a person's name starts at ``pos``, then "dari" and the body they come from: capitalised
    words that name no body's or place's word ("... dan Budi dari Forum Y")."""
    person = _PERSON_THEN_FROM.match(text, pos)
    return person is not None and not any(in_name_vocabulary(w) for w in person.group(1).split())


#: The letter, Roman numeral or number that names a council's organ ("Komisi D", "Komisi IV").
_ORGAN_NUMBER = re.compile(r"[A-E]|[IVX]{1,4}|\d{1,2}")


def _body_word(word: str) -> bool:
    """Whether ``word`` after an organ's number goes on naming a body (its parent's head or short
    form, a level word, a place), not a person ("Komisi D DPRD", "Komisi IV Provinsi X")."""
    return bool(_head_regex().fullmatch(word) or is_acronym(word) or word in JURISDICTION_WORDS
                or _is_place(word) or not is_cap(word))


def _head_at(text: str, pos: int) -> str:
    """The head noun written at ``pos``, or ""."""
    head = _head_regex().match(text, pos)
    return head.group(1) if head is not None else ""


def _body_head_at(text: str, toks: Sequence[Span], k: int) -> bool:
    """Whether a body's head noun (not a unit's) starts at ``toks[k]``, perhaps after "dan"."""
    if k < len(toks) and toks[k].text.lower() in ("dan", "serta"):
        k += 1
    if k >= len(toks):
        return False
    head = _head_regex().match(text, toks[k].start)
    return head is not None and _heads()[head.group(1)].kind != "unit"


def _jurisdiction_ends(toks: Sequence[Span], i: int, j: int) -> bool:
    """Whether the name's words before ``toks[j]`` end with a level word and its region
    ("... Provinsi Kalimantan Tengah", "... Kota Contoh"): the name is whole."""
    names = [t.text for t in toks[max(0, i - 1):j]]  # (the level word may end the head: "Pemerintah Provinsi")
    for width in (3, 2, 1):
        if len(names) > width and names[-width - 1] in _LEVEL_WORDS and _is_place(" ".join(names[-width:])):
            return True
    return False


def _lower_place(toks: Sequence[Span], j: int) -> int:
    """How many lower-case words from ``toks[j]`` name a region ("bali", "jawa tengah") after a
    level word; 0 when they name none."""
    from resilience_kg.extract.regions import is_place

    for width in (2, 1):
        part = [t.text.rstrip(".") for t in toks[j:j + width]]  # ("... jawa tengah." ends a sentence)
        if len(part) == width and all(w.isalpha() and w.islower() for w in part) \
                and is_place(" ".join(w.capitalize() for w in part)) is not None:
            return width
    return 0


@functools.cache
def _lower_name_stops() -> frozenset[str]:
    return frozenset(word_list("lower_name_word_stops")) | frozenset(word_list("place_prepositions")) \
        | frozenset(r["word"] for r in table("function_words")) | CONNECTORS


def _lower_name_word(word: str) -> bool:
    """Whether a lower-case word may be a word of a non-profit's name that news copy writes in
    lower case ("Forum Masjid Peduli bencana ..."): a plain noun, not a function word, a
    preposition or a prefixed verb ("menggelar", "bersama", "dihadiri")."""
    return (word.isalpha() and word.islower() and len(word) >= 4 and word not in _lower_name_stops()
            and not word.startswith(word_list("lower_verb_prefixes")))


def _lower_field_to_region(text: str, toks: Sequence[Span], j: int) -> int:
    """How many words from ``toks[j]`` are a field written in lower case (up to four words), then
    "wilayah" or a level word and a region ("prasarana permukiman wilayah Sulteng"); 0 otherwise."""
    k = j
    while k < len(toks) and k - j < 4 and _lower_name_word(toks[k].text) and toks[k].text != "wilayah" \
            and text[toks[k].end:toks[k].end + 1] == " ":
        k += 1
    if k == j or k + 1 >= len(toks) or text[toks[k].end:toks[k].end + 1] != " ":
        return 0
    if toks[k].text != "wilayah" and toks[k].text.capitalize() not in _LEVEL_WORDS:
        return 0
    return k + 2 - j if _is_place(toks[k + 1].text) and toks[k + 1].text[0].isupper() else 0


def _place_follows(text: str, toks: Sequence[Span], k: int) -> bool:
    """Whether the words from ``toks[k]`` are a jurisdiction ("Kota Pariaman") or a short form
    and its region ("LH Bali"): what closes a name whose middle word is in lower case."""
    if k >= len(toks) or text[toks[k - 1].end:toks[k].start] != " ":
        return False
    if toks[k].text in _LEVEL_WORDS:
        return _jurisdiction_tail(text, toks[k - 1].end, len(text)) > 0
    return (is_acronym(toks[k].text) and k + 1 < len(toks) and text[toks[k].end:toks[k + 1].start] == " "
            and _is_place(toks[k + 1].text) and toks[k + 1].text[0].isupper())


def _field_short_form(text: str, toks: Sequence[Span], k: int, known: frozenset[str]) -> bool:
    """Whether the short form at ``toks[k]``, after "dan" inside a name, abbreviates a field of
    that name, not a second body: "Dinas Pengendalian Penduduk dan KB Kabupaten X", "Dinas
    Koperasi dan UKM". Not a body the tables know ("... dan BPBD"); a short one (three letters at
    most), or one the region of the name follows."""
    word = toks[k].text
    if word.endswith(".") and word[:-1].isalpha():
        word = word[:-1]  # ("Dinas Koperasi dan UKM." at a sentence's end: the stop is the sentence's)
    if word in known or not word.isalpha() or not word.isupper() or _head_regex().fullmatch(word):
        return False
    return len(word) <= 3 or _jurisdiction_tail(text, toks[k].end, len(text)) > 0


def _enumerated_fields(text: str, toks: Sequence[Span], j: int, known: frozenset[str], *, unit: bool = True) -> bool:
    """Whether the comma at ``toks[j]`` goes on listing the fields of one body's name: one to
    three capitalised words each (no head noun, short form or place: those start another body),
    the last after "dan" or "serta", and nothing capitalised after it ("Biro Hukum, Organisasi,
    dan Kerjasama"; not "Dinas Sosial, Dinas Kesehatan dan BPBD")."""
    k = j + 1
    closed = False
    while k < len(toks):
        if toks[k].text.lower() in ("dan", "serta", "and"):
            if closed:
                return False
            closed = True
            k += 1
        width = 0
        while k < len(toks) and is_cap(toks[k].text) and not text[toks[k - 1].end:toks[k].start].strip():
            word = toks[k].text
            if word in JURISDICTION_WORDS or (unit and closed and width and (is_acronym(word) or word in known
                                                                              or _head_regex().fullmatch(word))):
                break  # "... dan Statistik Provinsi DKI Jakarta", "... Komunikasi X BNPB": a place, a unit's parent
                # (written out too: "Biro Pemerintahan, Otonomi Daerah dan Kerja Sama Sekretariat Daerah ...")
            last_field = closed and k + 1 < len(toks) and (toks[k + 1].text in JURISDICTION_WORDS
                                                           or not is_cap(toks[k + 1].text))
            if word in _place_kinds() and last_field and width == 0:
                width += 1  # "... Pemberdayaan Masyarakat dan Desa Kabupaten X": a field, not a village
                k += 1
                continue
            field = is_acronym(word) and len(word) <= 3 and word not in known and width == 0 \
                and not is_cap(toks[k + 1].text if k + 1 < len(toks) else "")  # ("..., UKM dan ...": a field in short)
            if (word in STOP_CAPS or _head_regex().fullmatch(word) or (is_acronym(word) and not field)
                    or _CAMEL.fullmatch(word)  # a brand written in camel case ("..., AtmaConnect dan ..."): no field
                    # ("..., Pemerintah Lembang X": a head noun of two words starts a second body)
                    or (width == 0 and " " in _head_at(text, toks[k].start))
                    or _is_place(word) or _is_place(word.rstrip(".")) or _is_calendar(word) or word in known
                    or _post_regex().fullmatch(word)):
                return False  # (a post starts a phrase of its own: "..., dan Delapan Kepala Desa")
            width += 1
            k += 1
        if not 1 <= width <= 3:
            return False
        if closed:
            # (A parent's short form may follow: "Pusat Data, Informasi dan Komunikasi Kebencanaan BNPB".)
            return k >= len(toks) or not is_cap(toks[k].text) or toks[k].text in JURISDICTION_WORDS \
                or _head_regex().fullmatch(toks[k].text) is not None or is_acronym(toks[k].text) \
                or toks[k].text in known
        if k >= len(toks) or (toks[k].text != "," and toks[k].text.lower() not in ("dan", "serta", "and")):
            return False
        if toks[k].text == ",":
            k += 1
    return False


@functools.cache
def _world_regions() -> frozenset[str]:
    return frozenset(row["name"] for row in table("places") if row["kind"] in ("continent", "region"))


def _is_world_region(word: str) -> bool:
    return word in _world_regions()


def _backward(text: str, toks: Sequence[Span], i: int) -> int:
    """Index of the first token of an English name whose head is ``toks[i]`` (Jakarta City Government)."""
    first = i
    j = i - 1
    reach = 8  # "Ambon City Public Works and Spatial Planning Office"
    crossed_of = -1  # the last "of" walked over, if any
    while j >= 0 and i - j <= reach:
        word = toks[j].text
        gap = text[toks[j].end:toks[j + 1].start]
        if gap.strip() or "\n" in gap or "\t" in gap:
            break
        if (word == "," and _fields_before_and(toks, j, i)) or (
                word == "and" and j > 0 and toks[j - 1].text == "," and _fields_before_and(toks, j - 1, i)
                and _item_before(toks, j - 1) == ","):
            reach = 11  # "Regional Research, Development(,) and Innovation Agency": the fields run on
            j -= 1
            continue
        if word.endswith(("'s", "’s")):
            break  # "Indonesia's National Disaster Management Agency": the owner is not in the name
        if word == "Indonesian" and j == i - 1 and toks[i].text == "Ministry":
            break  # "Indonesian Ministry of Health": the country's own ministry, named without it
        if word in _LEVEL_WORDS:
            # "... Kab. Sleman Sinar Foundation": an English name holds no Indonesian level word
            # and its region; they are a post's place, and the name starts after them.
            width = next((w for w in (3, 2, 1) if j + w < i
                          and _is_place(" ".join(t.text for t in toks[j + 1:j + 1 + w]))), 0)
            first = max(first, j + 1 + width) if width else first
            break
        if is_cap(word) and word not in STOP_CAPS and not _head_regex().fullmatch(word):
            first = j
        elif crossed_of > 0 and _head_regex().fullmatch(word) and _heads()[word].english:
            # "Faculty of Engineering of Sinar University", "Center for Disaster Studies of X
            # University": a head-first name before "of" is the unit, whose name runs to its parent;
            # the parent's own name starts after that "of".
            first = crossed_of + 1
            break
        elif word.lower() in ("of", "and", "for") and j > 0 and is_cap(toks[j - 1].text):
            if word == "of" and crossed_of < 0:
                crossed_of = j  # (the one nearest the head: the parent's name follows it)
            if word == "of" and (_post_regex().fullmatch(f"{toks[j - 1].text} of") or _english_post_before(toks, j)):
                break  # "The Head of Semarang City ... Agency", "Vice Rector IV of X University": the
                # post is not in the body's name
            if word == "and" and (is_acronym(toks[j - 1].text) or (
                    _is_place(toks[j - 1].text) and (j < 2 or toks[j - 2].text[:1].islower()))):
                break  # "held at UGM and Ritsumeikan University", "a team from Jakarta and Field
                # Coordination Office": a short form or a place ends a list's member of its own
            if word == "and" and j > 1 and toks[j - 1].text.lower() in _english_region_kinds() \
                    and _is_place(toks[j - 2].text):
                break  # "Red Cross of X City and Disability Service Unit": a region ends the first body
            if word == "and" and _english_head_at_end(text[max(0, toks[j - 1].end - 40):toks[j - 1].end]):
                break  # "Indonesian Red Cross and Sinar Foundation": a head of two words ends the first body
            if word == "and" and _head_first_name_before(toks, j):
                break  # "Institute for Urban Futures and Tirta Lestari Foundation": the words before
                # "and" end a name whose head is first, a body of its own
        else:
            break
        j -= 1
    return first


@functools.cache
def _state_after_of_regex() -> re.Pattern[str]:
    """" of the Kingdom of Norway", " of the United States of America": a state's name after "of",
    perhaps with its formal words first (``rules/words.csv`` list ``state_forms``)."""
    forms = "|".join(re.escape(f) for f in sorted(word_list("state_forms"), key=len, reverse=True))
    return re.compile(r" of (?:the )?(?:(?P<form>" + forms.replace("'", "['’]") + r") of (?:the )?)?"
                      r"(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?P<america> of America)?(?![\w-])")


def _state_after_of(text: str, pos: int, end: int) -> int:
    """The end of a state's name written after an embassy's or consulate's head ("Embassy of the
    Kingdom of Norway", "Consulate General of the Republic of Korea"), or 0: a foreign country of
    ``rules/places.csv``, after the formal words of its name if any."""
    from resilience_kg.extract.recognise.actors.vocabulary import _countries

    m = _state_after_of_regex().match(text, pos, end)
    if m is None:
        return 0
    words_ = m.group("country").split()
    for width in (3, 2, 1):
        name = " ".join(words_[:width])
        if len(words_) >= width and (name in _countries() or f"{m.group('form')} of {name}" in _countries()):
            if m.group("america") and width == len(words_):
                return m.end()  # ("the United States of America")
            return m.start("country") + len(name)
    return 0


def _head_first_name_before(toks: Sequence[Span], j: int) -> bool:
    """Whether the capitalised words before ``toks[j]`` follow "of" or "for" after an English
    head noun ("Institute for Urban Futures", "Ministry of Health"), up to four words before it:
    they end a name whose head is first."""
    k = j - 1
    while k >= 0 and j - k <= 4 and is_cap(toks[k].text) and toks[k].text not in STOP_CAPS:
        k -= 1
    if k < 1 or k == j - 1 or toks[k].text not in ("of", "for"):
        return False
    n = k - 1
    while n >= 0 and k - n <= 4 and is_cap(toks[n].text):
        head = _heads().get(toks[n].text)
        if head is not None and head.english:
            return True
        n -= 1
    return False


def _fields_before_and(toks: Sequence[Span], j: int, i: int) -> bool:
    """Whether the comma at ``toks[j]`` parts the fields of one English name whose last field
    follows "and" before the head ``toks[i]`` ("Research, Development(,) and Innovation Agency",
    "Climate Change, Forest and Land Fire Control Center"): the word before the comma is a field's,
    not a body's, a short form's or a place's, which would make the comma part a list of bodies."""
    between = [t.text for t in toks[j + 1:i]]
    before = toks[j - 1].text if j > 0 else ""
    commas = [k for k, w in enumerate(between) if w == ","]
    return (between.count("and") == 1 and between[-1] != "and" and all(k < between.index("and") for k in commas)
            and all(is_cap(w) or w in ("and", ",") for w in between)
            and is_cap(before) and before not in STOP_CAPS and not is_acronym(before)
            and not _head_regex().fullmatch(before) and not _is_place(before)
            and not before.endswith(("'s", "’s")) and _item_before(toks, j) != "and")


def _item_before(toks: Sequence[Span], j: int) -> str:
    """The word before the capitalised words (three at most) that end at the comma ``toks[j]``:
    "and" where they close a name of their own ("Public Housing and Settlement Areas, and ..."),
    a comma where they are a field between two commas ("Planning, Research, and Development")."""
    k = j - 1
    while k >= 0 and j - k <= 3 and is_cap(toks[k].text):
        k -= 1
    return toks[k].text if k >= 0 else ""


def _english_post_before(toks: Sequence[Span], j: int) -> bool:
    """Whether a person's post ends right before the "of" at ``toks[j]``: its last word is a post's
    ("Senior Researcher of", ``rules/words.csv`` list ``post_tails``), perhaps with its number
    ("Vice Rector IV of")."""
    k = j - 1
    if k > 0 and re.fullmatch(r"[IVX]{1,4}", toks[k].text):
        k -= 1
    return toks[k].text in _POST_TAILS


_POST_TAILS = frozenset(word_list("post_tails"))
#: The posts English news writes after the body's name, before the holder's ("BKKBN Head Hasto").
_POSTS_AFTER_NAME = frozenset(word_list("english_posts_after_name"))


#: The compass words that end two-word region names ("Jakarta Utara"): after a region, a part of it.
_SECOND_PLACE_WORDS = frozenset(word_list("second_place_words"))


@functools.cache
def _english_region_kinds() -> frozenset[str]:
    return frozenset(word_list("region_kind_english"))


#: Heads written first in Indonesian and last in English ("Forum PRB", "River Basin Forum").
_BOTH_ORDERS = frozenset(word_list("heads_both_orders"))


#: Legal forms written after a firm's name ("... Tbk"): they never head a name of their own.
_SUFFIX_FORMS = frozenset(("Tbk", "Tbk."))


@functools.cache
def _doubled_heads(head: str) -> frozenset[str]:
    """The short forms of a region's standard bodies (``rules/body_patterns.csv``) that a report
    may write after a needless head noun ("Dinas BPBD": BPBD is a Badan): every pattern's short
    form whose full name starts with a head noun, unless the pattern knows "<head> <short form>"
    as one of its names ("Dinas PUPR", "Sudin DLH" are the bodies' own names)."""
    from resilience_kg.extract.body_patterns import load_body_patterns

    out: set[str] = set()
    if head not in ("Dinas", "Badan"):
        return frozenset()  # ("Kantor BPBD" is the body's office, a venue: the venue rules read it)
    for pattern in load_body_patterns():
        short = pattern.acronym
        if short and short.isupper() and " " not in short and _head_regex().match(pattern.name) \
                and f"{head} {short}" not in pattern.names():
            out.add(short)
    return frozenset(out)


def head_noun_spans(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Names governed by a head noun in ``text[start:end]`` (one sentence); a short form in
    brackets after one is its own when its letters fit the name, or when it is a ``known``
    acronym (an English one after an Indonesian name: "Komisi Ekonomi ... Pasifik (ESCAP)")."""
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
        stop = _forward(text, toks, after, english=head.english, known=known, unit=head.kind == "unit",
                        civil=head.sector == "CivilSocietyOrganization",
                        government=head.sector == "GovernmentAgency" and not head.english,
                        public=head.sector == "GovernmentAgency")
        if head.english and head.sector == "DiplomaticMission" \
                and all(t.text == "General" for t in toks[after:stop]) \
                and (state := _state_after_of(text, toks[stop - 1].end if stop > after else m.end(), end)):
            stop = next((n + 1 for n in range(after, len(toks)) if toks[n].end >= state), stop)
        first = _backward(text, toks, k) if head.english else k
        english = head.english
        # "the Australian Government’s Humanitarian Strategy": the body owns what follows, unless what
        # follows is a body itself ("the Embassy’s Regional English Language Office", its unit)
        owner = head.english and toks[after - 1].text.endswith(("'s", "’s")) \
            and not any(_head_regex().fullmatch(t.text) for t in toks[after:stop])
        if owner:
            stop = after
        if not head.english and stop <= after and head.head in _BOTH_ORDERS:
            # "River Basin Forum", "Contoh Multistakeholder Forum": a head that Indonesian writes
            # first ("Forum PRB") and English last; with no name after it, its name is before it.
            first = _backward(text, toks, k)
            english = first < k
        if not head.english and stop > after + 1 and _ORGAN_NUMBER.fullmatch(toks[after].text) \
                and not _body_word(toks[after + 1].text) and head.sector != "AcademicInstitution":
            stop = after + 1  # "Wakil Ketua Komisi D Budi": a numbered organ's name ends at its number
            # (but a school's number is followed by its place: "SMAN 1 Penebel", "SDN 2 Sukamaju")
        if stop <= after and first == k and not (not head.english and _item_after_short_form(text, m.end(), end)):
            continue  # a head alone ("Dinas", "Badan") names nothing
            # (but "..., Pemerintah Kalurahan (Pemkal) Banyurejo, ...": its name after its short form)
        if first == k and after < len(toks) and toks[after].text.lower() in ("dan", "serta", "&") \
                and not head.english:
            continue  # "Rapat Koordinasi Pusat dan Daerah", "Kepala Bidang dan Kepala Seksi": no name of its own
        if first == k and not head.english and after < stop and toks[after].text in _doubled_heads(m.group(1)):
            continue  # "Kepala Dinas BPBD Kabupaten X": the short form holds its own head; BPBD is the body
        if first == k and m.group(1) in _SUFFIX_FORMS:
            continue  # "PT Telkom Indonesia (Persero) Tbk Witel Jakarta": Tbk ends a firm's name, never starts one
        s, e = toks[first].start, toks[stop - 1].end
        if text[e - 1] == "." and toks[stop - 1].text.lower().rstrip(".") not in ABBREVIATIONS \
                and not INITIALISM.fullmatch(toks[stop - 1].text):  # ("... R.I." keeps its stop)
            e -= 1
        if owner:
            e -= 2  # (the name without its "’s")
        name = text[s:e]
        if head.head == "Bidang" and re.search(r"\b(" + alternation("deputy_posts") + r")\b",
                                                text[max(start, s - 60):s]):
            continue  # "Deputi Gubernur ... Bidang X": the deputy's field, not a division
        if head.head == "Bidang" and _FIELD_PREPOSITION.search(text, max(start, s - 8), s) \
                and not any(is_acronym(w) or _head_regex().fullmatch(w) for w in name.split()[1:]):
            continue  # "kesepakatan di Bidang Perdata dan Tata Usaha Negara": a field of work, no division of a body
        body = name[len(m.group(1)):] if first == k else name
        if m.group(1) in ("Program", "Programme") and not re.search(r"\b(" + alternation("programme_bodies") + r")\b",
                                                                    name):
            continue
        if m.group(1) in ("Office", "Government", "Department") and first == k and not body.strip().startswith("of"):
            continue
        if m.group(1) == "Team" and (first == k or stop > after):
            continue  # "the team", "Team Leader": a team is a body only named before its head, which ends it
        if m.group(1) in ("Board", "Service", "Chapter") and first == k:
            continue  # "Board of Directors", "Service of ...": an organ or an act, named by no body's words
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
        placed = _IN_PLACE_BEFORE_SHORT_FORM.match(text, e, end) if head.english else None
        if placed is not None and _is_place(placed.group(1)):
            # "Synod of Christian Church in Sumba (GKS)": a short form after "in <a region>" stands
            # for the whole phrase, and the region is part of the body's name.
            e = placed.end(1)
            name = text[s:e]
        short = _SHORT_FORM_AFTER.match(text, e, end)
        held = _post_short_form(text, s, short)
        word = re.compile(r" [A-Z][a-z]+").match(text, e, end)
        if not held and word is not None and _post_short_form(text, s, _SHORT_FORM_AFTER.match(text, word.end(), end)):
            # ("... Tata Pemerintahan Sekretariat (Kabag Tapem Setda)": the parent's head is a word of the name.)
            short, held = _SHORT_FORM_AFTER.match(text, word.end(), end), True
        if held and short is not None:
            # "Kepala Bagian Tata Pemerintahan Sekretariat (Kabag Tapem Setda) Kota X": the brackets
            # hold the post's short form, and the place after them is still the unit's.
            tail = _jurisdiction_tail(text, short.end(), end)
            if not tail and head.kind == "unit" and post_ends_before_body(text, short.end(), end):
                continue  # "Kepala Bagian X (Kabag X) Polres Y": the post is in the Polres
            e = short.end() + tail
            name = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text[s:e])
            out.append(ActorMention(s, e, name, None, None, sector, f"head:{head.head}",
                                    f"rule:head-noun:{head.head}", confidence("mention:head-noun"), kind=head.kind))
            continue
        if short is None and english:
            short = _indonesian_name_after(text, e, end)
        kind = head.kind
        of_parent = _OF_THE_PARENT.search(name) if english else None
        if of_parent is not None:
            # "Geological Agency of the Ministry of Energy ... (ESDM)": the unit of a named parent,
            # which is kept as its parent; the short form after both is the parent's unless it fits the unit.
            kind = "unit"
            if short is not None and not _fits(short.group(1), name[:of_parent.start()]):
                e, short = short.end(), None  # (the quote keeps the parent's short form, as the text writes it)
            if name[:of_parent.start()] in known:
                name = name[:of_parent.start()]  # a body the gazetteer knows, named with its parent: that body
        english_alias = short is not None and not english and _english_head_at_end(short.group(1)) is not None
        # ("East Jakarta Parks Office (Sudin Pertamanan Jakarta Timur)": the Indonesian name in brackets.)
        indonesian_alias = short is not None and english and _head_regex().match(short.group(1)) is not None
        if short and short.group(1) != name and (len(short.group(1)) < len(name) or english_alias
                                                 or indonesian_alias) and \
                short.group(1) not in LEGAL_FORMS and \
                (english or _fits(short.group(1), name) or _head_regex().match(short.group(1)) or english_alias
                 or (short.group(1) in known and is_acronym(short.group(1)))
                 or (not english and head.head not in LEGAL_FORMS and abbreviates_field(short.group(1), name))
                 or (not english and head.head not in LEGAL_FORMS and syllabic_short_form(short.group(1), name))):
            # ("Forum Pengurangan Risiko Bencana (PRB)": a short form of the field, the head left out;
            # a firm's short form leaves out its legal form, and is read as the firm's name instead.)
            # ("Palang Merah Jerman (German Red Cross)": the English name in brackets, one actor.)
            acronym = short.group(1)
            e = short.end()
            tail = (_jurisdiction_tail(text, e, end) or rank_tail(text, e, end) or office_tail(text, e, end)
                    or _named_tail(text, e, end, acronym)
                    or (_english_place_tail(text, e, end) if english else 0)
                    or country_tail(text, e, end, english=english)
                    or (_item_word_length(text, e, end) if not english
                        and (_stands_as_item(text, s) or stop <= after) else 0))
            if tail:
                # "Lembaga Bantuan Hukum (LBH) Jakarta": the place belongs to the name (a bare "LBH"
                # later in the text still means this branch).
                name = f"{name} {tail_name(text[e:e + tail])}"
            e += tail
        branch = branch_word_before(text, s, has_place=_split_region(name) is not None,
                                    national=" Nasional" in name) if first == k else s
        if branch < s:  # "Kanwil Badan Pertanahan Nasional ...": the branch office is the actor
            place = name[len(expansion):].strip() if acronym and name.startswith(expansion + " ") else ""
            # (its bare short form is the parent's; with the place it is the branch's own: "Perwakilan
            # Badan ... (BKKBN) Provinsi Aceh" and "BKKBN Provinsi Aceh" are one office, as the
            # gazetteer's "PMI Kota X" is the branch of "Palang Merah Indonesia (PMI) Kota X")
            name, s, acronym = f"{text[branch:s]}{name}", branch, f"{acronym} {place}" if place else None
        if head.head == "University" and acronym is None:
            name = _without_campus_town(name)
        out.append(ActorMention(s, e, name, acronym, expansion if acronym else None, sector, f"head:{head.head}",
                                f"rule:head-noun:{head.head}", confidence("mention:head-noun"), kind=kind))
    return out


#: " in Sumba (GKS)": a region and a short form in brackets right after an English name.
_IN_PLACE_BEFORE_SHORT_FORM = re.compile(r" in ((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)(?=\s?\([A-Z][\w&.-]*\))")


#: "... of the Ministry ...": an English unit's name going on with its parent's (``_forward``).
_OF_THE_PARENT = re.compile(r" of the (?=[A-Z])")


#: An English university's name and the town after it: "University of X of Makassar", "University
#: of X Bandung", "X University of Surabaya" (group ``proper``: the university's own word or words).
_UNIVERSITY_TOWN = re.compile(r"(?P<core>University of (?P<proper>[A-Z][\w-]+(?: [A-Z][\w-]+)?)"
                              r"|(?P<proper2>[A-Z][\w-]+(?: [A-Z][\w-]+)?) University)"
                              r" (?:of |in )?(?P<town>[A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _without_campus_town(name: str) -> str:
    """An English university's name without the town English copy adds after it ("University of
    Hasanudin of Makassar" is Universitas Hasanuddin, in Makassar); the quote keeps the words as
    written. Only where the university's own word is no place ("University of Indonesia", "State
    University of Jakarta" keep theirs: there the place is the name) and no word of a kind of
    university (``university_kind_words``: "Islamic University of Indonesia")."""
    m = _UNIVERSITY_TOWN.fullmatch(name)
    if m is None:
        return name
    proper = m.group("proper") or m.group("proper2")
    if not _is_place(m.group("town")) or _is_place(proper) or \
            any(w in _university_kinds() for w in proper.split()):
        return name
    return m.group("core")


@functools.cache
def _university_kinds() -> frozenset[str]:
    return frozenset(word_list("university_kind_words"))


def _post_short_form(text: str, start: int, short: re.Match[str] | None) -> bool:
    """Whether the brackets after a name hold its holder's post in short ("Kepala Bagian X
    (Kabag X)"): a post written right before the name, and a post's short form first in them."""
    if short is None or _post_regex().fullmatch(short.group(1).split()[0]) is None:
        return False
    before = re.search(r"(\S+(?: \S+)?) $", text[max(0, start - 40):start])
    return before is not None and _post_regex().search(before.group(1)) is not None


#: A capitalised name in brackets, perhaps with a slash: "(Kementerian PPN/Bappenas)".
_NAME_IN_BRACKETS = re.compile(r"\s?\(\s*([A-Z][\w&.\-]*(?:[ /][A-Z][\w&.\-]*){1,7})\s*\)")


def _indonesian_name_after(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The Indonesian name an English name is followed by in brackets, an alternative of its
    own with a slash ("National Planning and Development Agency (Kementerian PPN/Bappenas)") or
    a name too long for a short form ("Jakarta Environmental Agency (Dinas Lingkungan Hidup
    Provinsi DKI Jakarta)"): the same body, not a second one."""
    inner = _NAME_IN_BRACKETS.match(text, pos, end)
    if inner is None or ("/" not in inner.group(1) and len(inner.group(1).split()) < 5):
        return None
    head = _head_regex().match(inner.group(1))
    return inner if head is not None and not _heads()[head.group(1)].english else None


def _split_at_known(text: str, spans: list[ActorMention], surfaces: list[ActorMention]) -> list[ActorMention]:
    """Cut "Bank DKI dan Sarana Jaya" before "dan" when a known name starts right after it."""
    # (An unknown short form with a place, "KB Kabupaten X", may be a field of the name before it.)
    starts = {m.start for m in surfaces if m.method != "rule:acronym-with-place"}
    # The known names inside a span are found by bisection over their starts, not by reading them
    # all for every span (a sentence of thousands of names would make this step quadratic).
    by_start = sorted(surfaces, key=lambda k: k.start)
    known_starts = [k.start for k in by_start]
    out = []
    tails = {(k.start, k.end) for k in surfaces}
    whole = {(k.start, k.end) for k in surfaces if k.method != "rule:acronym-with-place"}
    for m in spans:
        for join in re.finditer(r" (?:dan|and|serta) ", text[m.start:m.end]):
            if join.group(0) == " and " and (m.start, m.start + join.start()) in whole \
                    and m.name == text[m.start:m.end] \
                    and not _head_regex().search(text, m.start, m.start + join.start()):
                # "Undip and Contoh Regency Government": a known name with no head noun of its own
                # is all that stands before "and", so the head's name starts after it. (Not
                # "Dinas Kebudayaan dan Pariwisata": two fields of one name, each with a head's words.)
                at = m.start + join.end()
                m = replace(m, start=at, name=text[at:m.end], acronym=None, expansion=None)
                break
            if m.start + join.end() in starts and not _fields_joined(text, m, m.start + join.start(),
                                                                     m.start + join.end(), tails):
                cut = m.start + len(text[m.start:m.start + join.start()].rstrip(" ,"))
                m = replace(m, end=cut, name=text[m.start:cut], acronym=None, expansion=None)
                break
        head = m.method.removeprefix("rule:head-noun:")
        if head != m.method and head not in m.name:
            continue  # "head Agus Priyono and Jakarta ... Board": what is left before the known name has no head
        # "Bidang Kerja Sama Kemendagri RI Rika Fitriasari": a known body ends the unit's name, and
        # the capitalised words after it are the officer's.
        # (And a known body that opens the span: "Kementerian X Budi Santoso, ..." after a post.)
        inside = by_start[bisect.bisect_left(known_starts, m.start):bisect.bisect_left(known_starts, m.end)]
        for known in inside:
            if not known.end < m.end:
                continue
            if known.start == m.start and not re.match(r"\s*[,;]", text[m.end:m.end + 3]):
                continue  # (the holder's name ends a clause; "BNPB Task Force on ..." is the force's name)
            after = _PERSON_TAIL.fullmatch(text, known.end, m.end)
            if after is not None and not any(_head_regex().fullmatch(w) or w in JURISDICTION_WORDS or _is_place(w)
                                             for w in after.group("name").split()):
                cut = known.end + len(after.group("ri") or "")
                m = replace(m, end=cut, name=text[m.start:cut], acronym=None, expansion=None)
                break
        out.append(m)
    return out


def _fields_joined(text: str, m: ActorMention, left_end: int, right: int, tails: set[tuple[int, int]]) -> bool:
    """Whether "and" joins two fields of one English name ("Public Works and Spatial Planning
    Agency") rather than two bodies, though a known name ("Spatial Planning Agency") ends it: the
    words before "and" are capitalised and have no head noun of their own, and the known name
    that closes the span opens with no place ("... and Jakarta Development Planning Board" is
    another body). An Indonesian name's fields are read by the head-noun walk itself."""
    left = text[m.start:left_end].split()
    if not left or len(left) > 3 or not all(is_cap(w) for w in left) or any(_head_regex().fullmatch(w) for w in left):
        return False
    first = text[right:m.end].split()[0]
    return (right, m.end) in tails and text[right:m.end].split()[-1] != first and not _is_place(first) \
        and first not in JURISDICTION_WORDS and text[left_end:left_end + 5] == " and "


# After a known body inside a unit's name: " RI" perhaps, then two to four capitalised words.
_PERSON_TAIL = re.compile(r"(?P<ri> RI)? (?P<name>(?:I |Ni |IB )?[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})")


def _place_ends_at(toks: Sequence[Span], i: int, j: int) -> bool:
    """Whether the one, two or three words before ``toks[j]``, from ``toks[i]`` on, are a region of
    the list ("SulSel", "Aceh Utara", "Tanjung Jabung Barat")."""
    return any(j - width >= i and _is_place(" ".join(t.text for t in toks[j - width:j])) for width in (1, 2, 3))
