"""Bodies without a head noun, found by the list they stand in: a list headed by a sector word
("Swasta (Buro Happold, Ruang Waktu)"), a sector word in running text ("the engineering firms
Ramboll and COWI"), a comma list whose other members are bodies (a regional office's short form
with its region among them), an attendance list of lines; and in English prose, a name joined to
"-led" or "-funded" by a hyphen ("CWS-led workshops")."""

from __future__ import annotations

import functools
import re
from collections import Counter

from resilience_kg.extract.recognise.actors.bounds import is_degree
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import _LEVEL_WORDS, _is_local_place, _is_place, _place_kinds
from resilience_kg.extract.recognise.actors.refusals import _document_words
from resilience_kg.extract.recognise.actors.vocabulary import (
    _CAMEL,
    CONNECTORS,
    GENERIC_WORDS,
    STOP_CAPS,
    TITLES,
    TOPIC_WORDS,
    _acting_subjects,
    _fits,
    _head_regex,
    _is_calendar,
    _is_collective,
    _post_regex,
    _sector_groups,
    is_acronym,
    is_cap,
)
from resilience_kg.extract.recognise.rules import alternation, confidence, table
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import ABBREVIATIONS, Span

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
        if _PAIRED_ACRONYMS.fullmatch(chunk):
            # "GAIKINDO/AISI": two short forms joined by a slash are two bodies (an expansion and its
            # short form, "Badan .../BNPB", is one, and never all capitals on both sides).
            pos = a + lead
            for part in chunk.split("/"):
                out.append((pos, pos + len(part)))
                pos += len(part) + 1
        elif chunk:
            out.append((a + lead, a + lead + len(chunk)))
    return out


_PAIRED_ACRONYMS = re.compile(r"[A-Z][A-Z0-9&-]{1,11}(?:/[A-Z][A-Z0-9&-]{1,11})+")


def _plausible_item(name: str) -> bool:
    ws = name.split()
    if not ws or len(ws) > 7 or not is_cap(ws[0]) or ws[0] in STOP_CAPS or TITLES.match(ws[0]):
        return False
    if ws[-1] in _POST_TAILS or (len(ws) == 1 and ws[0] in _LIST_ADJECTIVES):
        return False  # a post ("Associate Director") or an adjective heading a list ("Provincial")
    if name.lower() in GENERIC_WORDS or name.lower() in _sector_groups() or any(_is_calendar(w) for w in ws):
        return False
    if ws[0].lower() in TOPIC_WORDS or ws[0] in _REGION_NOUNS:
        return False  # (a topic; "Warga Kota Bandung": the residents of a place)
    if len(ws) == 1 and (name in _NOT_BODY_SHORT_FORMS or name.split("-")[0] in _NOT_BODY_SHORT_FORMS):
        return False  # a budget, a disease or a time zone in a list ("dihadiri oleh BPBD, COVID-19 dan WITA")
    if _is_place(name) or _is_collective(name) or any(c in name for c in "()[]:\""):
        return False
    if re.search(r"\d{3,}", name) and not name.startswith("100"):
        return False
    if len(ws) > 1 and ws[-1].isdigit() and int(ws[-1]) < 100:
        return False  # a fragment ending in a number ("Seksi 2", "RW 03"): a section or a place, cut from its name
    if _post_regex().match(name) or (len(ws) > 1 and _post_regex().match(name, len(ws[0]) + 1)):
        return False  # a post ("Kepala Seksi Operasi", "Delapan Kepala Desa"): its holders are meant, not a body
    if is_degree(name):
        return False  # a degree after a person's name: "S.T", "M.Eng", "Ph.D.", "ST"
    return sum(1 for w in ws if is_cap(w) or w.lower() in CONNECTORS) == len(ws)


_POST_TAILS = frozenset(word_list("post_tails"))


_LIST_ADJECTIVES = frozenset(word_list("list_adjectives"))


@functools.cache
def _compound_regex() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])([A-Z][\w&]*(?: (?:for|of) [A-Z][\w&]*| [A-Z][\w&]*){0,4})-(?:"
                      + alternation("compound_participles") + r")(?![\w-])")


def hyphen_compounds(text: str, start: int, end: int, found: list[ActorMention],
                     known: dict[str, tuple[str, str]]) -> list[ActorMention]:
    """A body named before "-led", "-funded" and their kin in English prose: "CWS-led workshops",
    "the Act for Peace-funded project". Bodies found otherwise keep their mention; a ``known``
    form (sector, method) keeps what the tables say ("UNDP-supported"); a body known to none of
    them is most often a non-profit or a donor, never a place or a group word."""
    out = []
    for m in _compound_regex().finditer(text, start, end):
        a, b = m.start(1), m.end(1)
        name = m.group(1)
        if any(f.start <= a < f.end for f in found) or not _plausible_item(name):
            continue
        if len(name.split()) == 1 and not (is_acronym(name) or _CAMEL.fullmatch(name)):
            continue  # "Government-led", "Community-led": a word, not a name
        sector, method = known.get(name, ("CivilSocietyOrganization", "rule:hyphen-compound"))
        out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, sector or None,
                                method if name in known else "", method, confidence("mention:hyphen-compound")))
    return out


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
        inner_start = start + m.start(2)
        if sector is None and len(_items(text, inner_start, start + m.end(2))) >= 2:
            # (one name in brackets after a qualified group word is its short form: "civil society
            # organisations (CSOs)")
            sector = _qualified_group(label)
        if sector is None:
            continue
        for a, b in _items(text, inner_start, start + m.end(2)):
            b = a + len(_without_etcetera(text[a:b]))
            name = text[a:b]
            if _plausible_item(name):
                out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, sector,
                                        f"group:{label}", "rule:group-list", confidence("mention:group-list")))
    return out


@functools.cache
def _qualifier_regex() -> re.Pattern[str]:
    """What may follow a group word before its bracketed members: lower-case words, and a place
    after a preposition ("pegiat lingkungan hidup di Bali")."""
    place = r"(?:" + alternation("label_place_prepositions") + r")\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}"
    return re.compile(r"(?:\s+(?:" + place + r"|[a-z][\w-]*))+")


def _qualified_group(label: str) -> str | None:
    """The sector of a group word that a lower-case qualifier follows before the bracket: "LSM
    pegiat lingkungan hidup di Bali (A, B dll)" lists NGOs as much as "LSM (A, B)" does."""
    words_ = label.split()
    for k in range(len(words_) - 1, -1, -1):
        for n in (3, 2, 1):
            cue = " ".join(words_[k:k + n])
            rest = " " + " ".join(words_[k + n:])
            if k + n < len(words_) and cue.lower() in _sector_groups() and _qualifier_regex().fullmatch(rest):
                return _sector_groups()[cue.lower()]
    return None


@functools.cache
def _etcetera_regex() -> re.Pattern[str]:
    return re.compile(r"\s+(?:" + alternation("list_etcetera") + r")\.?$")


def _without_etcetera(item: str) -> str:
    """A list's last member without the "dll" or "etc." that closes the list."""
    return _etcetera_regex().sub("", item)


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
        sector: str | None = _sector_groups()[m.group(1).lower()]
        basis = f"group:{m.group(1)}"
        if _last_of_kinds(text, start, m.start()):
            # "organisations, government institutions and universities such as A, B, C": the list
            # names bodies of every kind before it, so the last kind is not each member's.
            sector, basis = None, ""
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
                                        basis, "rule:group-list", confidence("mention:group-inline")))
            if not item.group(2):
                break
            pos = item.end()
    return out


def _last_of_kinds(text: str, start: int, cue: int) -> bool:
    """Whether the sector word at ``cue`` ends a list of kinds of bodies ("international
    organizations, government institutions, private sectors, and universities such as ..."): a
    comma or "and" right before it, and another sector word in the words before that."""
    before = text[max(start, cue - 160):cue]
    joined = re.search(r"(?:,|(?<![\w-])(?:" + alternation("list_conjunctions") + r"))\s*$", before)
    if joined is None:
        return False
    earlier = before[:joined.start()].lower()
    return any(re.search(r"(?<![\w-])" + re.escape(g) + r"(?![\w-])", earlier) for g in _sector_groups() if g.islower())


#: After a person's name: "dari" / "from" and a body, perhaps after a second person ("dan Bandita
#: Sijapati dari ...").
_PERSON_FROM = re.compile(r"\s+(?:(?:dan|and)\s+(?:[A-Z][\w.'-]*\s+){1,4})?(?:dari|from)\s+(?=[A-Z])")


def short_form_with_region(name: str) -> int | None:
    """Where in ``name`` a short form and a region with its level begin ("Pusdataru Provinsi Jawa
    Tengah", "... diikuti Disperkim Kabupaten Kendal"): the way a region's office is listed; None
    when there is none. Not a post, a title, a head noun, a regulation, a place kind or a word
    of ``region_nouns`` before the region ("Pjs Sekda ...", "Kelurahan ...", "Warga Kota ...")."""
    words_ = name.split()
    for k in range(len(words_) - 2):
        if words_[k + 1] not in _LEVEL_WORDS or not _is_place(" ".join(words_[k + 1:])):
            continue
        first = words_[k]
        if k > 0 and not words_[k - 1][0].islower():
            return None  # "Pjs Sekda Kabupaten Kendal": a capitalised word before it, a post or a longer name
        if re.fullmatch(r"[A-Z][A-Za-z]{3,}", first) and not (
                first in STOP_CAPS or first in _REGION_NOUNS or TITLES.match(first) or _post_regex().match(first)
                or _head_regex().fullmatch(first) or _document_words().match(first)
                or first.lower() in GENERIC_WORDS or first.lower() in TOPIC_WORDS or _is_collective(first)
                or _is_place(first) or first in _place_kinds() or _is_calendar(first)):
            return len(" ".join(words_[:k])) + (1 if k else 0)
        return None
    return None


_REGION_NOUNS = frozenset(word_list("region_nouns"))



#: The share of a list introduced by a verb of attending that must be bodies or short names
#: before its other members are read as bodies too (a threshold, not a confidence).
_LIKELY_SHARE = 0.6
#: The share of a relaxed list's known bodies that must be of one kind before the others get it.
_ONE_KIND_SHARE = 0.75


def attendance_lists(text: str, sentence: Span, found: list[ActorMention]) -> list[ActorMention]:
    """Unrecognised members of a comma list whose other members are bodies (at least two, and
    most of the list): short capitalised names such as "Karuna" or "YKRI". A member right after a
    person's post is that person's name, not a body."""
    out: list[ActorMention] = []
    for seg_start, seg_end in _list_regions(text, sentence):
        whole = _items(text, seg_start, seg_end)
        while len(whole) > 3 and text[whole[-1][0]:whole[-1][0] + 1].islower():
            whole = whole[:-1]  # "A, B, C, memadati jalan": the sentence goes on after its list
        items = [_before_relative(text, a, b) for a, b in whole]
        if len(items) < 3:
            continue
        # (A member an earlier region of this sentence added counts as found: the list after
        # "including" is read again on its own.)
        covered = [any(f.start <= a < f.end or a <= f.start < b for f in found + out) for a, b in items]
        # The list ends with a member a relative clause follows, once a body has been listed
        # ("A, B, Warga yang bekerja sama dengan C, D"): the names after it are the clause's.
        # (Not a clause before the first body: "rapat yang diikuti A, B, C" opens the list.)
        clause = next((n for n in range(1, len(items)) if items[n][1] < whole[n][1] and any(covered[:n])), None)
        if clause is not None:
            items, covered = items[:clause + 1], covered[:clause + 1]
            if len(items) < 3:
                continue
        shaped = [None if hit else short_form_with_region(text[a:b])
                  for (a, b), hit in zip(items, covered, strict=True)]
        bodies = sum(covered) + sum(s is not None for s in shaped)
        if sum(covered) < 2 or bodies < len(items) / 2:
            # A list that a verb of attending introduces ("dihadiri oleh beberapa instansi
            # diantaranya A, B, C") names bodies even where few have a head noun: one known body
            # in it, and most of the rest short names, will do.
            likely = sum(1 for (a, b), hit, shape in zip(items, covered, shaped, strict=True)
                         if not hit and shape is None and _short_name(text[a:b]))
            if not (sum(covered) >= 1 and bodies + likely >= _LIKELY_SHARE * len(items)
                    and _introduced(text, seg_start, items, covered)):
                continue
            relaxed = True
        else:
            relaxed = False
        for (a, b), shape in zip(items, shaped, strict=True):
            if shape is not None:
                # "Pusdataru Provinsi Jawa Tengah": a regional office's own short form and its region.
                out.append(ActorMention(a + shape, b, text[a + shape:b], text[a + shape:b].split()[0], None,
                                        "GovernmentAgency", "short-form-with-region", "rule:list-context",
                                        confidence("mention:list-context")))
        covered = [hit or shape is not None for hit, shape in zip(covered, shaped, strict=True)]
        sectors = Counter(f.sector for f in found if seg_start <= f.start < seg_end and f.sector)
        sector = sectors.most_common(1)[0][0] if sectors else None
        if relaxed and sectors and sectors.most_common(1)[0][1] < _ONE_KIND_SHARE * sum(sectors.values()):
            sector = None  # few bodies of mixed kinds: the members' kind is left to the drafter's guess
        posts = _post_regex()
        for n, ((a, b), hit) in enumerate(zip(items, covered, strict=True)):
            name = text[a:b]
            paired = _PAIRED_MEMBER.fullmatch(name)
            if not hit and paired is not None and _fits(paired.group(2), paired.group(1)) \
                    and _plausible_item(paired.group(1)) and not relaxed:
                # "Forest Watch Indonesia (FWI)" among bodies: a name and its own initials is a
                # body too, though no head noun says so.
                out.append(ActorMention(a, b, paired.group(1), paired.group(2), paired.group(1), None, "",
                                        "rule:list-context", confidence("mention:list-context")))
                continue
            if hit or not _plausible_item(name):
                continue
            if n > 0 and posts.match(text[items[n - 1][0]:items[n - 1][1]]):
                continue
            if _follows_a_post(text, a, found):
                continue
            if not is_acronym(name) and _PERSON_FROM.match(text, b):
                continue  # "Keiko Sakoda dan Bandita Sijapati dari Bank Dunia": people, from a body
            if not is_acronym(name.split()[0]) and _names_of_post_holders(text, sentence.start, a):
                continue  # "Anggota Pansus lainnya, yaitu Budi, Sari": the seat's holders, people
            if not is_acronym(name.split()[0]) and len(_without_region(name).split()) > 3:
                continue  # (a region after a body's own name, "X Y Central Sulawesi", is where it works)
            if _is_local_place(name) and name not in _acting_subjects(text):
                continue  # a village or district named bare in a list ("Kapuk, Kamal dan ...")
            single = len(name.split()) == 1 and not is_acronym(name) and not _CAMEL.fullmatch(name) \
                and name not in _acting_subjects(text)
            # Between commas ("..., Mapala, ..."): "dan" alone may join a name's own words
            # ("Pembangunan Manusia dan Kebudayaan"), and a sentence's first word is no member.
            bare = single and not relaxed and re.search(r",\s*$", text[max(0, a - 3):a]) is not None \
                and _bare_name(text, name)
            if single and not bare:
                continue  # one capitalised word ("Housing", "Urban") is too weak a name, unless it
                # proposes or commits to something elsewhere ("Qlue menyarankan ...")
            # A bare name among public bodies and groups ("Mapala", "Bagana") is no firm's brand:
            # its kind is left to the drafter's guess.
            own = None if bare else _brand_sector(name)
            guess, basis = (own, "brand-guess") if own else (sector, "list-majority") if sector else (None, "")
            if own is None and sector == "PrivateCompany":
                # Among firms written with their legal form ("PT X, PT Y, ORARI, GAIKINDO"), a
                # member written without one is no firm: an association or a community group (a
                # short form), or left to the drafter's guess (a name without a head noun).
                guess, basis = ("CivilSocietyOrganization", "among-firms-without-legal-form") if is_acronym(name) \
                    else (None, "")
            if own is None and sector == "GovernmentAgency" and not is_acronym(name.split()[0]) \
                    and _attendance_opener_regex().search(text, max(0, seg_start - 40), a) is not None:
                # Among the public bodies a verb of attending lists, a member named by words without
                # a head noun ("dihadiri oleh BPBD, Dinas Sosial, Sahabat Bumi") is no public body:
                # the tables name those by their head nouns. Its kind is left to the drafter's guess.
                # (Not in any list: a headline's "Polemik Sampah, Kemendagri ..." is no body at all.)
                guess, basis = None, ""
            if bare and _DINAS_SHORT.fullmatch(name):
                guess, basis = "GovernmentAgency", "head:Dinas"  # "Dinbudpar", "Dishubkominfo": a Dinas in short
            elif bare:
                # A public body has a name the tables know (a head noun, a gazetteer form); a bare
                # word among bodies is most often a community group (a nature club, a radio club).
                guess, basis = "CivilSocietyOrganization", "bare-name-in-list"
            out.append(ActorMention(a, b, name, name if is_acronym(name) else None, None, guess,
                                    basis, "rule:list-context", confidence("mention:list-context")))
    out += _short_forms_after_cues(text, sentence, found + out)
    out += _short_forms_with_bodies(text, sentence, found + out)
    out += _short_forms_beside_bodies(text, sentence, found, out)
    return out


#: A list member written with its initials in brackets: "Forest Watch Indonesia (FWI)".
_PAIRED_MEMBER = re.compile(r"([A-Z][\w'-]*(?: [\w'-]+){1,6}) \(([A-Z][A-Za-z0-9&-]{1,11})\)")


#: A Dinas's short form: "Din" or "Dis" and the clipped syllables of its portfolio, starting with a
#: consonant ("Dinkes", "Dishub", "Dinbudpar", "Dindagkop", "Dishubkominfo"); "Distrik" is a place.
_DINAS_SHORT = re.compile(r"Di[ns](?!trik)[b-df-hj-np-tv-z][a-z]{2,12}")


#: One capitalised word and a country after it ("Mercy Malaysia", "Habitat Indonesia").
_COUNTRY_BRANCH = re.compile(r"(?<![\w-])(?P<brand>[A-Z][a-z]{3,}) (?P<country>[A-Z][a-z]+)(?![\w-])")


def country_branches(text: str, start: int, end: int) -> list[ActorMention]:
    """An organisation named by one word of its own and its country ("Mercy Malaysia", "Habitat
    Indonesia"): the national branch of a body without a head noun, as "RedR Indonesia" is with an
    inner capital. Only a word no table knows, that the text never writes in lower case, and not
    the last words of a longer name (a capitalised word before it: "Palang Merah Indonesia").

    >>> text = "Pelatihan difasilitasi Tirtamaya Malaysia dan BPBD. Warga di seluruh Indonesia hadir."
    >>> [text[m.start:m.end] for m in country_branches(text, 0, len(text))]
    ['Tirtamaya Malaysia']
    """
    from resilience_kg.extract.recognise.actors.vocabulary import _is_foreign_country

    out = []
    for m in _COUNTRY_BRANCH.finditer(text, start, end):
        brand, country = m.group("brand"), m.group("country")
        if country != "Indonesia" and not _is_foreign_country(country):
            continue
        before = text[max(start, m.start() - 40):m.start()]
        if re.search(r"(?:[A-Z][\w'’-]*|&)\s*$", before) or re.search(
                r"[A-Z][\w'’-]*\s+(?:" + "|".join(re.escape(c) for c in sorted(CONNECTORS)) + r")\s*$", before):
            continue  # the end of a longer name ("Palang Merah Indonesia", "Save the Children Indonesia")
        if not _bare_name(text, brand) or brand in word_list("region_adjectives"):
            continue  # ("Eastern Indonesia": a region of the country)
        out.append(ActorMention(m.start(), m.end(), m.group(0), None, None, "CivilSocietyOrganization",
                                "country-branch", "rule:brand-branch", confidence("mention:acronym-with-place")))
    return out


@functools.cache
def _vocabulary() -> frozenset[str]:
    """The single words the rules tables know as something other than a name: the words of
    ``rules/words.csv`` (list cues, attendance intros, stop words ...), the role cues, the function
    words and the posts ("Peserta", "Narasumber" head a list of people, not a body)."""
    known = {row["word"] for row in table("words")} | {row["cue"] for row in table("role_cues")}
    known |= {row["word"] for row in table("function_words")} | {row["post"] for row in table("posts")}
    return frozenset(w.lower() for w in known if " " not in w)


def _bare_name(text: str, word: str) -> bool:
    """Whether one capitalised word in a list of bodies is a name ("Mapala", "Jasaraharja") rather
    than a common word capitalised ("Housing", "Urban"): the text never writes it in lower case,
    and no table knows it as a place, a post, a title, a collective, a month or a document."""
    if not re.fullmatch(r"[A-Z][a-z]{3,}", word) or word in STOP_CAPS or TITLES.match(word):
        return False
    if re.search(r"(?<![\w-])" + re.escape(word.lower()) + r"(?![\w-])", text) or word.lower() in _vocabulary():
        return False  # a common word, or one the rules tables know as a cue or a function word
    if (len(word) >= 7 and word.startswith(word_list("derived_noun_prefixes"))) \
            or word.endswith(word_list("derived_noun_suffixes")):
        return False  # the shape of an Indonesian derived noun ("Pengusaha", "Kebudayaan"): a common noun
    return not (word.lower() in GENERIC_WORDS or word.lower() in _sector_groups() or _is_place(word)
                or _is_local_place(word) or _post_regex().fullmatch(word) or _is_collective(word)
                or _is_calendar(word) or _document_words().fullmatch(word) or _head_regex().fullmatch(word))


#: A body, then "bersama", "beserta" or "together with" and a second body: both act.
_TOGETHER = re.compile(r"\s+(?:bersama(?:\s+dengan)?|beserta|together\s+with)\s+(?=[A-Z])")


def _short_forms_with_bodies(text: str, sentence: Span, found: list[ActorMention]) -> list[ActorMention]:
    """An unknown short form joined to a body by "bersama" ("BPBD Kota Contoh bersama FKPRB
    menggelar ..."): the second of two bodies acting together."""
    out: list[ActorMention] = []
    for f in found:
        if not sentence.start <= f.end < sentence.end:
            continue
        together = _TOGETHER.match(text, f.end, sentence.end)
        if together is None:
            continue
        at = together.end()
        word = re.match(r"[^\s,;:()]+", text[at:sentence.end])
        name = word.group().rstrip(".") if word else ""
        if name and not any(g.start <= at < g.end for g in found) and _unknown_short_form(name, letters=3):
            name = _with_place(text, at, name, sentence.end)
            out.append(ActorMention(at, at + len(name), name, name.split()[0], None, None, "with-a-body",
                                    "rule:list-context", confidence("mention:list-context")))
    return out


def _with_place(text: str, at: int, short: str, end: int) -> str:
    """The short form and the bare place after it, when one follows ("LBH Tanjung Biru"): a
    regional branch named the way its region's reports name it."""
    after = re.match(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)", text[at + len(short):end])
    if after is None:
        return short
    place = after.group(1)
    for cut in (place, place.split()[0]):
        if _is_place(cut):  # the official region list included
            return f"{short} {cut}"
    return short


@functools.cache
def _agent_cue_regex() -> re.Pattern[str]:
    rows = [row for row in table("role_cues") if row["direction"] == "after" and row["role"] != "mentioned"]
    ends = word_list("agent_cue_ends")
    cues = sorted({row["cue"] for row in rows if row["cue"].split()[-1].lower() in ends}, key=len, reverse=True)
    return re.compile(r"(?i:(?<![\w-])(?:" + "|".join(re.escape(c) for c in cues) + r"))\s+(?=[A-Z])")


_EXPANSION_AFTER = re.compile(r"\s*\(\s*([A-Z][^()]{3,80}?)\s*\)")

#: A person's name (two to four capitalised words), then "dari" or "from" and a capital.
_PERSON_THEN_FROM = re.compile(r"(?<![\w.-])[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){1,3}\s+(?:dari|from)\s+(?=[A-Z])")


@functools.cache
def _body_post_regex() -> re.Pattern[str]:
    """A post held in a body named right after it ("Kepala BPPTKG", "Ketua FPRB"); "Kadis PPKB"
    names a Dinas's field, not a body's short form."""
    return re.compile(r"(?<![\w-])(?:Plt\.?\s+|Pj\.?\s+)?(?:" + alternation("body_posts") + r") (?=[A-Z])")


def _short_forms_after_cues(text: str, sentence: Span, found: list[ActorMention]) -> list[ActorMention]:
    """A short form nobody knows that a role cue's agent or a post names: "diselenggarakan oleh
    FPRBK", "perwakilan dari BPPTKG", "Kepala BPPTKG": the words around say a body is meant."""
    out: list[ActorMention] = []
    s, e = sentence.start, sentence.end
    leads = [m.end() for m in _agent_cue_regex().finditer(text, s, e)]
    leads += [m.end() for m in _body_post_regex().finditer(text, s, e)]
    # "Rina Wulandari dari FKPRB": a person's name, then the body she is from.
    leads += [m.end() for m in _PERSON_THEN_FROM.finditer(text, s, e)
              if not any(f.start <= m.start() < f.end for f in found) and not STOP_CAPS & set(m.group().split())]
    for at in sorted(set(leads)):
        at += len(text[at:e]) - len(text[at:e].lstrip(" "))
        word = re.match(r"[^\s,;:()]+", text[at:e])
        if word is None:
            continue
        name = word.group().rstrip(".")
        if any(f.start <= at < f.end for f in found) or any(m.start == at for m in out):
            continue
        if _unknown_short_form(name, letters=3):
            spelled = _EXPANSION_AFTER.match(text, at + len(name), e)
            if spelled is not None and _fits(name, spelled.group(1)):
                # "RAIN (Relawan Indonesia)": the short form spelled out in brackets right after it
                out.append(ActorMention(at, spelled.end(), spelled.group(1).strip(), name, spelled.group(1).strip(),
                                        None, "agent-of-cue", "rule:list-context", confidence("mention:list-context")))
                continue
            name = _with_place(text, at, name, e)
            out.append(ActorMention(at, at + len(name), name, name.split()[0], None, None, "agent-of-cue",
                                    "rule:list-context", confidence("mention:list-context")))
    return out


def _short_forms_beside_bodies(text: str, sentence: Span, found: list[ActorMention],
                               listed: list[ActorMention]) -> list[ActorMention]:
    """A short form nobody knows, joined by a comma or "dan"/"and" to a body found beside it:
    "BPBD Sleman and BPPTKG members", "sirine dari mobil BPBA, Damkar, dan PMI". The words around
    it belong to the sentence (the list's first item carries its lead-in), so only the short form
    next to the body is read, and only one that no table knows as anything else."""
    out: list[ActorMention] = []
    taken = found + listed
    items = _items(text, sentence.start, sentence.end)
    ends = {f.end for f in taken}
    starts = {f.start for f in taken}
    covered = [any(f.start <= a < f.end or a <= f.start < b for f in taken) for a, b in items]
    for n, (a, b) in enumerate(items):
        words_ = list(re.finditer(r"\S+", text[a:b]))
        if not words_:
            continue
        lead_in = covered[n]
        if lead_in:
            # "antara BPBD dengan organisasi IOF, FAJI, ...": the list's first item carries its
            # lead-in, a body among it; its last word, in no body's name and after a lower-case
            # word, is the list's first member.
            last = a + words_[-1].start()
            if len(words_) < 2 or not words_[-2].group().islower() or any(f.start <= last < f.end for f in taken):
                continue
        near = []  # (the word, what stands between it and the body)
        if not lead_in and n > 0 and covered[n - 1] and items[n - 1][1] in ends:
            # "BPBD Sleman and BPPTKG members": the first word after the body
            near.append((words_[0], text[items[n - 1][1]:a + words_[0].start()]))
        if n + 1 < len(items) and covered[n + 1] and items[n + 1][0] in starts:
            # "mobil BPBA, Damkar": the last word before the next body
            near.append((words_[-1], text[a + words_[-1].end():items[n + 1][0]]))
        for w, gap in near:
            word = w.group().rstrip(".")
            at = a + w.start()
            # Between two bodies of a list of three or more, three capitals are a body too ("A, B,
            # SAR, C"); a single word of one item between bodies ("..., SAR, ...").
            sandwiched = len(words_) == 1 and 0 < n < len(items) - 1 and covered[n - 1] and covered[n + 1]
            team = text[max(a, at - 4):at] == "Tim "  # "Tim PKK, Dinas X, ...": a body's team, named so
            letters = 3 if (sandwiched or team) and sum(covered) >= 3 else 4
            if _unknown_short_form(word, letters=letters) and not re.search(r"[\t\n]", gap):
                word = _with_place(text, at, word, b)
                short = word.split()[0]
                if team:
                    at, word = at - 4, "Tim " + word
                out.append(ActorMention(at, at + len(word), word, short, None, None, "beside-a-body",
                                        "rule:list-context", confidence("mention:list-context")))
    return out


_NOT_BODY_SHORT_FORMS = frozenset(word_list("not_body_short_forms"))


def _unknown_short_form(word: str, letters: int = 4) -> bool:
    """An all-capital short form of four ``letters`` or more (three where a cue says a body is
    meant) that names nothing else: no function word, title, post, place, collective, document
    or Roman numeral."""
    from resilience_kg.extract.regions import is_place

    if not re.fullmatch(r"[A-Z][A-Z0-9&-]{2,11}", word) or sum(c.isupper() for c in word) < letters:
        return False  # (in a bare list three letters are as often a topic: "DRR", "PRB", "DBD")
    if is_place(word.title()) is not None or _is_place(word.title()):
        return False  # a dateline's place in capitals ("MARTAPURA, InfoPublik -")
    if re.fullmatch(r"[IVXLC]+", word) or word in STOP_CAPS or TITLES.match(word) or _post_regex().fullmatch(word):
        return False
    if word in _NOT_BODY_SHORT_FORMS or word.split("-")[0] in _NOT_BODY_SHORT_FORMS:
        return False  # a budget, a plan, a disease, a time zone ("didanai oleh APBD", "COVID-19")
    if _head_regex().fullmatch(word):
        return False  # a kind of unit ("Kepala UPT. Pelatihan"): a head noun whose name follows
    return not (word.lower() in GENERIC_WORDS or word.lower() in _sector_groups() or _is_place(word)
                or _is_collective(word) or _is_calendar(word) or _document_words().fullmatch(word))


def _short_name(name: str) -> bool:
    """A list member that may be a body without a head noun: a short form first, or at most three
    capitalised words ("FKGS", "KPLH Lentera", "Garut Zero Waste")."""
    return _plausible_item(name) and (is_acronym(name.split()[0].rstrip(".")) or len(name.split()) <= 3)


@functools.cache
def _list_cue_regex() -> re.Pattern[str]:
    return re.compile(r"(?i)(?<![\w-])(?:" + alternation("attendance_list_cues") + r")(?![\w-])[^.;:]{0,60}(?::\s*)?$")


def _introduced(text: str, seg_start: int, items: list[tuple[int, int]], covered: list[bool]) -> bool:
    """Whether a verb of attending ("dihadiri oleh", "diikuti", "peserta dari ... antara lain")
    stands just before the list's first body (a member found, or a short name)."""
    first = next((a for (a, b), hit in zip(items, covered, strict=True) if hit or _short_name(text[a:b])), None)
    # (A list a colon opens, "mengundang perwakilan dari: A, B", has its verb before the colon.)
    # (And a list a verb of attending opens, "dihadiri oleh A, B", has its verb right before it.)
    opened = _COLON_OPENER.search(text, max(0, seg_start - 4), seg_start + 1) is not None or any(
        m.end() == seg_start for m in _attendance_opener_regex().finditer(text, max(0, seg_start - 40), seg_start))
    lower = seg_start - 120 if opened else seg_start
    return first is not None and _list_cue_regex().search(text, max(lower, first - 120), first) is not None


def _follows_a_post(text: str, pos: int, found: list[ActorMention]) -> bool:
    """Whether ``pos`` starts the name of the person holding the post just before it:
    "Kepala BMKG, Dwikorita Karnawati" (the body is found, a post word stands before it)."""
    lead = text[max(0, pos - 60):pos]
    if any(re.fullmatch(r"(?:\s+[A-Z][\w.'-]*){0,3}\s*,\s*", lead[p.end():]) for p in _post_regex().finditer(lead)):
        return True  # "... diwakili oleh Sekretaris Umum, Abdul Mu'ti": the post ends just before
    before = [f for f in found if f.end <= pos and not text[f.end:pos].strip(" ,")]
    if any(f.method in _POST_METHODS for f in before):
        return True  # "the Australian Ambassador to Indonesia, Penny Lestari": the body is quoted as
        # its head's post, so the name after the comma is the post's holder
    for f in before:
        lead = text[max(0, f.start - 40):f.start]
        words_ = lead.split()
        if words_ and words_[-1] in ("the", "The"):
            words_ = words_[:-1]  # "the Head of the X Office, Andi Lestari": English puts "the" before the body
        for n in range(1, min(4, len(words_)) + 1):
            if _post_regex().fullmatch(" ".join(words_[-n:])):
                return True
        if words_ and words_[-1].lower() in _seat_holder_words():
            return True  # "anggota Komisi 8 DPR RI, Budi": a member's seat, the name after it is the member's
        # "Direktur Manajemen Penanggulangan Bencana dan Kebakaran Ditjen X, Zafrizal": the post's
        # field runs on in capitals up to the body, and the name after the comma is its holder's.
        lead = text[max(0, f.start - 100):f.start]
        if any(_FIELD_TO_BODY.fullmatch(lead, p.end()) for p in _post_regex().finditer(lead)):
            return True
    return False


@functools.cache
def _seat_holder_words() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("seat_holder_words"))


@functools.cache
def _people_list_regex() -> re.Pattern[str]:
    """A post or a seat, perhaps its body's words and "lainnya", then a word that introduces the
    members: "Anggota Pansus lainnya, yaitu", "para Kepala Dinas, antara lain"."""
    seats = alternation("seat_holder_words")
    return re.compile(r"(?:" + _post_regex().pattern + r"|(?i:" + seats + r"))(?:[ \t]+[\w().-]+){0,4}?"
                      r"(?:[ \t]+(?i:lainnya|lain))?[ \t]*,?[ \t]+(?:" + alternation("list_introducers")
                      + r")[ \t]*:?[ \t]+")


def _names_of_post_holders(text: str, sentence_start: int, pos: int) -> bool:
    """Whether the list member at ``pos`` is one of the people a post or a seat introduces ("Anggota
    Pansus lainnya, yaitu Budi, Sari, ..."): the holders of the post are people, no bodies."""
    lead = text[sentence_start:pos]
    ends = [m.end() for m in _people_list_regex().finditer(lead)]
    return bool(ends) and not re.search(r"[.;:]", lead[ends[-1]:])


#: The rules that quote a body as its head's post ("Bupati Contoh", "Minister of Health",
#: "Australian Ambassador to Indonesia").
_POST_METHODS = frozenset(("rule:regional-head", "rule:minister-post", "rule:district-head", "rule:office-head"))

_FIELD_TO_BODY = re.compile(r"(?:\s+(?:[A-Z][\w.'-]*|\([A-Z][\w.'-]*\)|dan|serta|&))*\s+")


def _before_relative(text: str, a: int, b: int) -> tuple[int, int]:
    """An item up to a relative clause: "Alfamart yang menyumbangkan APAR" is Alfamart."""
    cut = re.search(r" (?:yang|which|who) [a-z]", text[a:b])
    return (a, a + cut.start()) if cut else (a, b)


def _list_regions(text: str, sentence: Span) -> list[tuple[int, int]]:
    """The sentence itself, the inside of each bracket in it, and what follows a word that opens
    a list ("..., including A, B, C"): the words before it are no member, and would dilute the
    share of bodies the list needs."""
    regions = [(sentence.start, sentence.end)]
    for m in re.finditer(r"\(([^()]{10,})\)", text[sentence.start:sentence.end]):
        regions.append((sentence.start + m.start(1), sentence.start + m.end(1)))
    for m in _list_opener_regex().finditer(text, sentence.start, sentence.end):
        regions.append((m.end(), sentence.end))
    for m in _COLON_OPENER.finditer(text, sentence.start, sentence.end):
        regions.append((m.end(), sentence.end))  # "... perwakilan dari: A, B, C": the colon opens it
    for m in _attendance_opener_regex().finditer(text, sentence.start, sentence.end):
        # "Rapat di Kota X dihadiri oleh A, B, C": the verb of attending opens the list, so the
        # words before it are no member (and its first member is no longer the sentence's start).
        regions.append((m.end(), sentence.end))
    return regions


@functools.cache
def _attendance_opener_regex() -> re.Pattern[str]:
    """A verb of attending and its "oleh" ("dihadiri oleh", "diikuti", "attended by")."""
    return re.compile(r"(?i)(?<![\w-])(?:" + alternation("attendance_list_cues") + r")(?![\w-])(?:\s+oleh)?\s*:?\s*")


#: A colon after a word, inside a sentence: what follows is a list or an account of the words before.
_COLON_OPENER = re.compile(r"(?<=[a-z]):[ \t]+")


@functools.cache
def _list_opener_regex() -> re.Pattern[str]:
    """A word that opens a list after a comma or a word ("..., including", "antara lain")."""
    return re.compile(r"(?<![\w-])(?:" + alternation("list_introducers") + r")(?![\w-])\s*:?\s*")


def _without_region(name: str) -> str:
    """``name`` without the province or city written after it ("Sikola Mombine Central Sulawesi"
    gives "Sikola Mombine"); ``name`` itself when no region ends it."""
    words_ = name.split()
    for k in range(1, len(words_)):
        if len(words_) - k <= 3 and _is_place(" ".join(words_[k:])):
            return " ".join(words_[:k])
    return name


def _brand_sector(name: str) -> str | None:
    """A body named by one word in title case with no head noun ("Telkomsel", "Halodoc") is most
    often a firm's brand; an acronym is most often a public body (left to the drafter's guess)."""
    return "PrivateCompany" if re.fullmatch(r"[A-Z][a-z]{2,}", name) or _CAMEL.fullmatch(name) else None


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
        presenter = _AGENDA_PRESENTER.search(body, marker.end())
        if presenter is not None and _unknown_short_form(presenter.group(1), letters=3) \
                and not any(f.start <= line.start() + presenter.start(1) < f.end for f in found):
            # "2. SECURITY UPDATE - UNDSS": an agenda item and, after a dash, who gave it.
            at = line.start() + presenter.start(1)
            out.append(ActorMention(at, at + len(presenter.group(1)), presenter.group(1), presenter.group(1), None,
                                    None, "agenda-presenter", "rule:attendance-line",
                                    confidence("mention:attendance-line")))
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


#: An agenda item's heading, a dash and the short form of the body that gave it, ending the line.
_AGENDA_PRESENTER = re.compile(r"\S.{2,80}?\s[-–—]\s+([A-Z][A-Z0-9&-]{2,11})\s*$")


#: A list item that starts with a post or role and a comma: "Medical director, Halodoc".
_ROLE_FIRST = re.compile(r"([A-Z][\w-]*(?: [a-z][\w-]*){0,3}),\s+(?=[A-Z])")
