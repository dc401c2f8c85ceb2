"""Bodies a text names by a place and a word of government rather than by a body's name: the
police command a post spells ("Kapolres Semarang" is Polres Semarang's head, so Polres Semarang
took part), English "Denpasar City" or "Sidoarjo Regency" standing for the local government, and
"the Australian government"."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import _is_place
from resilience_kg.extract.recognise.actors.vocabulary import (
    STOP_CAPS,
    TITLES,
    _countries,
    _is_calendar,
    _is_foreign_country,
    is_verb_form,
)
from resilience_kg.extract.recognise.rules import alternation, confidence, table, word_map, words
from resilience_kg.extract.regions import Region

# -- A police command spelt by its head's post ------------------------------------------------------


@functools.cache
def _command_posts() -> re.Pattern[str]:
    """The posts of ``police_command_posts`` and ``prosecutor_office_posts`` (a head or deputy
    head of a command or office), longest first; "Prov." or "Provinsi" may stand before the place."""
    posts = sorted(_command_post_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:(?:Plt|Pj)\.?\s+)?(?P<post>" + "|".join(re.escape(p) for p in posts)
                      + r")\s+(?:(?:Prov\.|Provinsi)\s+)?(?P<metro>Metro\s+)?"
                      r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}|[A-Z]{3,5})(?![\w-])")


@functools.cache
def _command_post_names() -> dict[str, str]:
    """Each post that spells its command or office, to the body's name and short form ("|")."""
    return {**word_map("police_command_posts"), **word_map("prosecutor_office_posts"),
            **word_map("intelligence_office_posts")}


def _district_place(words_: list[str]) -> str | None:
    """The longest beginning of ``words_`` that is a kecamatan ("Cikande" of "Cikande AKP"): a
    Polsek serves a kecamatan (Perkap 23/2010), whose name the regions list knows as a district."""
    from resilience_kg.extract.regions import find

    for n in range(len(words_), 0, -1):
        place = " ".join(words_[:n])
        if place not in STOP_CAPS and not _is_calendar(place) and find(f"Kecamatan {place}"):
            return place
    return None


def _region_name(place: str) -> str:
    """The official name of the region ``place`` writes short ("TTU": Timor Tengah Utara, "Lotara":
    Lombok Utara), or ``place``."""
    from resilience_kg.extract.regions import is_place

    region = is_place(place) or _contracted_region(place)
    return region.name if region is not None else place


def _contracted_region(word: str) -> Region | None:
    """The regency or city a word shortens by its syllables ("Lotara": Lombok Utara), or None."""
    from resilience_kg.extract.regions import contracted

    return contracted(word) if word not in STOP_CAPS and not _is_calendar(word) else None


def _longest_place(words_: list[str]) -> str | None:
    """The longest beginning of ``words_`` that is a region ("Maluku Utara" of "Maluku Utara
    Irjen"), or None."""
    for n in range(len(words_), 0, -1):
        place = " ".join(words_[:n])
        if place not in STOP_CAPS and not _is_calendar(place) and _is_place(place):
            return place
    return None


def police_commands(text: str, start: int, end: int) -> list[ActorMention]:
    """The command a police post spells with its place: "Kapolres Semarang" heads the Kepolisian
    Resor Semarang, which takes part through its head (the post as written is the quote). A post
    without its place ("Kapolres", "Kapolsek se-Kabupaten X") names no command here.

    >>> text = "Hadir Kapolda Maluku Utara Irjen Pol. Ali dan Kapolres Ternate."
    >>> [(text[m.start:m.end], m.name) for m in police_commands(text, 0, len(text))]
    [('Kapolda Maluku Utara', 'Kepolisian Daerah Maluku Utara'), ('Kapolres Ternate', 'Kepolisian Resor Ternate')]
    """
    commands = {post: value.split("|") for post, value in _command_post_names().items()}
    out = []
    for m in _command_posts().finditer(text, start, end):
        place = _longest_place(m.group("place").split(" "))
        if place is None and m.group("post") in words("district_command_posts"):
            place = _district_place(m.group("place").split(" "))
        if place is None and _contracted_region(m.group("place").split(" ")[0]) is not None:
            place = m.group("place").split(" ")[0]  # "Wakapolres Lotara": Lombok Utara, by its syllables
        if place is None:
            continue
        command, short = commands[m.group("post")]
        metro = "Metro " if m.group("metro") else ""
        stop = m.start("place") + len(place)
        # "Kapolres TTU": a region written short in capitals; the command is named by the region's
        # own name (Kepolisian Resor Timor Tengah Utara), as the police name their commands.
        written = _is_place(place) and not place.isupper()
        name = f"{command} {metro}{place if written else _region_name(place)}"
        out.append(ActorMention(m.start("post"), stop, name, f"{short} {metro}{place}", name,
                                "GovernmentAgency", "police-command", "rule:police-command",
                                confidence("mention:regional-head")))
    for m in _POLICE_UNIT.finditer(text, start, end):
        # "Ditpolairud Polda X", "Satlantas Polres Y": a directorate or unit of the command after it
        # (Perpol 2/2021 names them Dit<field> and Sat<field>); the command is its parent.
        out.append(ActorMention(m.start(), m.end(1), m.group(1), None, None, "GovernmentAgency",
                                "police-unit", "rule:police-unit", confidence("mention:head-noun"), kind="unit"))
    return out


#: A police directorate or unit written as one word ("Ditreskrimsus", "Satpolairud") or as two
#: ("Dit Samapta", "Sat Lantas") before its command, or the two units reports name by their field
#: alone ("Brimob Polda X", "Polairud Polda X": Perpol 2/2021's Satbrimob and Ditpolairud).
_POLICE_UNIT = re.compile(r"(?<![\w-])((?:Dit|Sat)[a-z]{4,16}|(?:Dit|Sat) [A-Z][a-z]{3,15}|(?:Sat )?Brimob|Polairud)"
                          r"(?= (?:Polda|Polres|Polresta|Polrestabes)\b)")


# -- A military command spelt by its commander's post -----------------------------------------------


@functools.cache
def _military_posts() -> re.Pattern[str]:
    """A commander's post of ``military_command_posts`` and the command's designation after it: a
    number, with or without a slash and a name ("031 Wirabima", "0616/Indramayu", "III Siliwangi",
    "0809/11 Pare"), or a base's name alone ("Roesmin Nurjadin", "Ternate")."""
    posts = sorted(word_map("military_command_posts"), key=len, reverse=True)
    number = r"(?:[0-9O][0-9]{1,3}(?:/[0-9]{1,2})?|[IVX]{1,5})"
    word = r"[A-Z][A-Za-z]+"
    return re.compile(r"(?<![\w-])(?:(?:Plt|Pj)\.?\s+)?(?P<post>" + "|".join(re.escape(p) for p in posts) + r")"
                      r"\s+(?P<number>" + number + r")?(?:\s*/\s*|\s+|(?<=[0-9]))?"
                      r"(?P<name>" + word + r"(?:[ -]" + word + r"){0,2})?(?![\w-])")


@functools.cache
def _rank_words() -> frozenset[str]:
    """Words that end a designation: the ranks and titles before a commander's name."""
    ranks = {w for row in table("clause_words") if row["role"] == "rank" for w in row["word"].split()}
    return frozenset(ranks | set(words("titles")) | set(words("military_ranks")) | set(STOP_CAPS))


def military_commands(text: str, start: int, end: int) -> list[ActorMention]:
    """The command a commander's post spells with its designation: "Danrem 031 Wirabima" heads the
    Komando Resor Militer 031/Wirabima, which takes part through its commander (the post as
    written is the quote), as a police head's post does. A post without a designation ("Dandim
    Letkol Inf X", "Danrem bersama ...") names no command here; the rank before the commander's
    name ends the designation.

    >>> text = "Hadir Danrem 031 Wirabima Brigjen TNI Ali dan Danlanud Roesmin Nurjadin Marsma TNI Budi."
    >>> for m in military_commands(text, 0, len(text)):
    ...     print(text[m.start:m.end], "|", m.name)
    Danrem 031 Wirabima | Komando Resor Militer 031/Wirabima
    Danlanud Roesmin Nurjadin | Pangkalan Udara Roesmin Nurjadin
    """
    commands = {post: value.split("|") for post, value in word_map("military_command_posts").items()}
    stops = _rank_words()
    out = []
    for m in _military_posts().finditer(text, start, end):
        number = m.group("number")
        words_ = (m.group("name") or "").replace("-", " - ").split()
        # A number and one word ("031 Wirabima"), a number, a slash and up to two ("102/Panju
        # Panjung", "III Siliwangi"), a base's name of up to two ("Roesmin Nurjadin"): a headline's next words
        # ("Danrem 031 Wirabima Instruksikan ...") are no part of it.
        slash = number is not None and "/" in text[m.end("number"):m.start("name") if m.group("name") else m.end()]
        room = 2 if not number or slash or re.fullmatch(r"[IVX]+", number) else 1  # ("IV Lautan Biru": a Kodam)
        kept: list[str] = []
        for w in words_:
            if len([k for k in kept if k != "-"]) >= room or w in stops or TITLES.match(w) or _is_calendar(w) \
                    or is_verb_form(w):
                break
            kept.append(w)
        while kept and kept[-1] == "-":
            kept.pop()
        name_part = " ".join(kept).replace(" - ", "-")
        if not number and not name_part:
            continue
        if number and number.startswith("O"):
            number = "0" + number[1:]  # "O31": a letter O typed for the zero of the number
        if number and not name_part and re.match(r"[IVX]+$", number):
            continue  # a Roman numeral alone is a person's or a list's numbering, not a designation
        if name_part:
            stop = m.start("name") + len(name_part)
        else:
            stop = m.end("number")
        command, short = commands[m.group("post")]
        joint = " " if number and "/" in number else "/"  # "0809/11 Pare": the number holds its slash
        designation = joint.join(p for p in (number, name_part) if p)
        full = f"{command} {designation}"
        out.append(ActorMention(m.start("post"), stop, full, f"{short} {designation}", full,
                                "GovernmentAgency", "military-command", "rule:military-command",
                                confidence("mention:regional-head")))
    return out


# -- English: a city or regency standing for its government -----------------------------------------

#: "Denpasar City", "Sidoarjo Regency", "North Toraja District", "Can Tho city": one to three
#: capitalised words and an English word of a local government's level.
@functools.cache
def _english_local() -> re.Pattern[str]:
    """A capitalised place and an English level of local government (``english_local_levels``),
    the level also in lower case ("Can Tho city", "Bogor regency", "Depok municipality": news copy
    writes it so)."""
    levels = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in word_map("english_local_levels"))
    return re.compile(rf"(?<![\w-])(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}) (?P<level>{levels})(?![\w-])")

#: The Indonesian level an English word names ("Regency" is a Kabupaten).
_LEVELS = word_map("english_local_levels")


@functools.cache
def _english_place_words() -> re.Pattern[str]:
    """What before "X City" makes it the place and not its government: "in", "at", "of" ... (the
    place prepositions), unless a post or a member precedes "of" ("Head of X District")."""
    return re.compile(r"(?:(?<![\w-])(?:" + alternation("place_prepositions") + r")|['’]s?)\s+(?:the\s+)?$", re.I)


@functools.cache
def _of_a_government() -> re.Pattern[str]:
    """Words before "of X City" that make X City the government a person belongs to."""
    return re.compile(r"(?<![\w-])(?:" + alternation("english_government_members") + r") of (?:the )?$", re.I)


def english_local_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """English "Denpasar City", "Sidoarjo Regency", "North Toraja District": the local government,
    one body, where the text has it act, host, join or be headed ("carried out between Denpasar
    City and ...", "put forward by Sidoarjo Regency", "The Head of North Toraja District"); named as
    the Indonesian government ("Pemerintah Kota Denpasar") where the place is an Indonesian region.
    Not a place ("held in Denpasar City", "the RPJMD of Semarang City"), nor the first words of a
    longer name ("Cebu City Disaster Risk Reduction Office", "City Resilience Index").

    >>> text = "The training was held between Denpasar City and a partner, in Malang City."
    >>> [(text[m.start:m.end], m.name) for m in english_local_governments(text, 0, len(text))]
    [('Denpasar City', 'Pemerintah Kota Denpasar')]
    """
    out = []
    for m in _english_local().finditer(text, start, end):
        place, level = m.group("place"), m.group("level").lower()
        if m.group("level") == "district":
            continue  # ("throughout the Rembang district": a lower-case district is the area, a kecamatan too)
        words_ = place.split(" ")
        while words_ and (words_[0] in STOP_CAPS or words_[0] in ("The", "A", "An")):
            words_ = words_[1:]  # "The Sidoarjo Regency", a sentence's first word
        if not words_:
            continue
        # The region is the last words before the level ("Resilience Index Semarang City"):
        # the longest ending of them that names an Indonesian region, else all of them.
        after = re.match(r",\s+((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)", text[m.end():m.end() + 40])
        if after is not None and (_is_province(after.group(1)) or _is_foreign_country(after.group(1))):
            continue  # "Makassar City, South Sulawesi": a place with its province, as a dateline writes it
        region, n = next(((r, k) for k in range(len(words_), 0, -1)
                          if (r := _region(" ".join(words_[-k:]), level)) is not None), (None, len(words_)))
        if region is not None and n < len(words_):
            continue  # "CRO Semarang City", "Index Semarang City": the city ends another name
        place = " ".join(words_[-n:])
        first = m.end("place") - len(place)
        if re.search(r"(?<![\w-])[A-Z][A-Z0-9]+ $", text[max(start, first - 12):first]):
            continue  # "CRO Semarang City": a short form before it, the city ends that body's name
        before = text[max(start, first - 40):first]
        lead = _list_lead(text[max(start, first - 160):first])
        # ("representatives of X City, Y Regency and ...": the words before the list make each
        # member a government, as they do the first)
        if _english_place_words().search(lead) and not _of_a_government().search(before) \
                and not _of_a_government().search(lead) and not _person_of(before):
            continue  # "came from Tegal City, X Regency and ...": each member of the list is a place
        if re.match(r" (?:[A-Z][\w-]*|of [A-Z])", text[m.end():m.end() + 5]) \
                or re.search(r"\b[Gg]overnment of $", before):
            continue  # a longer name ("Cebu City Disaster ..."); "government of X City" is lower_case_governments'

        if region is None and not _foreign_city(text, place, m.group("level")):
            continue
        name = f"Pemerintah {_LEVELS[level]} {region}" if region else text[first:m.end()]
        out.append(ActorMention(first, m.end(), name, None, None, "GovernmentAgency", "english-local-government",
                                "rule:english-local-government", confidence("mention:place-as-government")))
    return out


@functools.cache
def _counted_levels() -> re.Pattern[str]:
    """A count ("three", "the"), a level word in the plural or before "governments" and the list
    after it: "three regency governments, A, B and C", "with the three districts of A, B and C"."""
    counts = alternation("english_count_words")
    return re.compile(r"(?<![\w-])(?P<partner>(?:" + alternation("english_partner_words") + r") )?(?:(?:"
                      + counts + r"|\d+) )+(?P<level>" + alternation("english_counted_levels")
                      + r")(?P<governments> governments| administrations)?(?: of|,|:)\s+", re.I)


#: One member of a list of regions: capitalised words, then the comma or "and" after them.
_LIST_MEMBER = re.compile(r"(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?P<sep>,? and |, |(?![\w-]))")


def counted_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """The governments a counted level word lists: "signed with three regency governments,
    Mukomuko, Kampar and South Buton" names Pemerintah Kabupaten Mukomuko, Kampar and Buton
    Selatan, each quoted by its region's name; only with "governments" or after a partner's word
    ("together with the three districts of A, B and C"). Every member must be a region of that
    level (a list that is not one names none), and the list ends at its last member.

    >>> text = "It signed with the three regencies of Kampar, South Buton and Mukomuko."
    >>> [(text[m.start:m.end], m.name) for m in counted_governments(text, 0, len(text))]
    [('Kampar', 'Pemerintah Kabupaten Kampar'), ('South Buton', 'Pemerintah Kabupaten Buton Selatan'), \
('Mukomuko', 'Pemerintah Kabupaten Mukomuko')]
    """
    out = []
    for m in _counted_levels().finditer(text, start, end):
        if not m.group("partner") and not m.group("governments"):
            continue  # "floods hit the three districts of A and B": places, unless they are partners
        kind = word_map("english_counted_levels")[m.group("level").lower()]
        level = kind.capitalize()
        at, members = m.end(), list[tuple[int, int, str]]()
        while (member := _LIST_MEMBER.match(text, at, end)) is not None:
            region = _region_at(member.group("place"), level)
            if region is None:
                members = []
                break  # (a list of places of another level, or of no region: no governments)
            members.append((member.start(), member.end("place"), region))
            at = member.end()
            if not member.group("sep"):
                break
        if len(members) < 2:
            continue
        out += [_head_mention(s, e, level, region) for s, e, region in members]
    return out


def english_government_name(text: str, m: ActorMention) -> ActorMention:
    """An English name of a local government written with "Government" after its level
    ("Contoh Regency Government", "Contoh District Government") is
    that Indonesian government, named as a head's post or "Pemerintah Kabupaten Contoh" names it,
    so that the report's ways of writing it are one actor; ``m`` unchanged otherwise."""
    if m.method != "rule:head-noun:Government":
        return m  # ("X City Government" has a head of its own, and keeps its English name)
    levels = "|".join(re.escape(w.capitalize()) for w in word_map("english_local_levels"))
    # ("X Regency Government (Pemkab)": its short form in brackets, as a first full mention writes it)
    own = re.fullmatch(rf"(?:The )?(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}) (?P<level>{levels}) Government"
                       r"(?: \([A-Za-z]{2,10}\))?", text[m.start:m.end])
    region = _region(own.group("place"), own.group("level").lower()) if own is not None else None
    if own is None or region is None:
        return m
    return replace(m, name=f"Pemerintah {_LEVELS[own.group('level').lower()]} {region}")


#: One earlier member of a list: capitalised words and the comma or "and" after them.
_EARLIER_MEMBER = re.compile(r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*\s*(?:,|\band\b|\bdan\b)\s*$")


#: "Ari Suryono of X Regency": a person's two names and "of" before a local government.
_PERSON_OF = re.compile(r"(?<![\w-])([A-Z][a-z]+) ([A-Z][a-z]+) of $")


def _person_of(before: str) -> bool:
    """Whether a person's name and "of" end ``before``: the person is the government's officer
    ("Rahmat Sukandar of Sukabumi Municipality"), and X is the government, not the place."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    m = _PERSON_OF.search(before)
    if m is not None and m.group(2) in words("english_area_nouns"):
        return False  # "West Flood Canal Area of Semarang City": a place's name ends in an area's word
    return m is not None and not any(w in _heads() or w in STOP_CAPS or _is_place(w) for w in m.groups())


def _list_lead(before: str) -> str:
    """The words before a list whose member ends ``before``: "came from Tegal City, " gives
    "came from "."""
    while (member := _EARLIER_MEMBER.search(before)) is not None and member.start() < len(before):
        before = before[:member.start()]
    return before


def same_local_government(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """``found`` without an English "X City" whose government the text names in full elsewhere
    ("X City Government", "the government of X City", "Pemkot X"): that name stands for it, one
    actor, and the bare "X City" is then read as no second name of it (a second node, or a speaker
    wherever "X City" is written before a verb, inside "CRO X City explained").

    >>> from resilience_kg.extract.recognise.actors.mention import ActorMention as M
    >>> text = "The Madiun City Government met. Later Madiun City signed."
    >>> full = M(4, 27, "Madiun City Government", None, None, "GovernmentAgency", "", "rule:head-noun", 0.9)
    >>> method = "rule:english-local-government"
    >>> short = M(38, 49, "Pemerintah Kota Madiun", None, None, "GovernmentAgency", "", method, 0.6)
    >>> [m.name for m in same_local_government(text, [full, short])]
    ['Madiun City Government']
    """
    government = frozenset(words("local_government_words"))
    out = []
    for m in found:
        if m.method == "rule:english-local-government":
            place = text[m.start:m.end].rsplit(" ", 1)[0].lower()
            level = _LEVELS[text[m.start:m.end].rsplit(" ", 1)[1].lower()].lower()
            for other in found:
                rest = re.findall(r"[\w-]+", other.name.lower())
                here = " ".join(rest)
                if other.method in (m.method, "rule:regional-head") or other.sector != "GovernmentAgency" \
                        or place not in here \
                        or not set(rest) - set(place.split()) <= government:
                    continue
                if ({"pemkot", "kota", "city", "municipal"} & set(rest) and level != "kota") \
                        or ({"pemkab", "kabupaten", "regency", "district"} & set(rest) and level != "kabupaten"):
                    continue  # the city and the regency of one name are two governments
                break
            else:
                out.append(m)
            continue
        out.append(m)
    return out


def _is_province(name: str) -> bool:
    from resilience_kg.extract.regions import is_place

    region = is_place(name)
    return region is not None and region.kind == "provinsi"


def _region(place: str, level: str) -> str | None:
    """The Indonesian name of region ``place`` at the English ``level``: "North Toraja" District
    is Toraja Utara; None when it is no Indonesian region of that level."""
    from resilience_kg.extract.regions import find

    wanted = _LEVELS[level].lower()
    for candidate in (place, _compass_last(place)):
        hits = [r for r in find(candidate) if r.kind == wanted] if candidate else []
        if hits:
            return hits[0].name.removeprefix("Kota ").removeprefix("Kabupaten ")
    return None


#: English compass words before a name; Indonesian writes them after it ("Toraja Utara").
_COMPASS = word_map("english_compass")


def _compass_last(place: str) -> str | None:
    first, _, rest = place.partition(" ")
    return f"{rest} {_COMPASS[first]}" if first in _COMPASS and rest else None


def _foreign_city(text: str, place: str, level: str) -> bool:
    """A city abroad written "Can Tho city": the regions list cannot vouch for it, so only with
    "city" in lower case (a concept in title case, "Resilience City", is no city) and where none of
    its words is one the text also writes in lower case ("the Capital city")."""
    if level != "city" or _is_place(place):
        return False  # "Galle City", "Resilience City": a title-case "City" may be a concept's name
    return not any(re.search(r"(?<![\w-])" + re.escape(w.lower()) + r"(?![\w-])", text) for w in place.split())


#: "the Australian government": a country's adjective (its name and "n") and "government".
_NATIONAL_GOVERNMENT = re.compile(r"(?<![\w-])(?P<adj>[A-Z][a-z]+ian) [Gg]overnment(?![\w-])(?! of\b)")


#: "Pemerintah Jepang", "Pemerintah Korea Selatan": the government, then a country's name (one or two words).
_PEMERINTAH_NEGARA = re.compile(r"(?<![\w-])Pemerintah (?P<two>(?P<one>[A-Z][a-z]+)(?: [A-Z][a-z]+)?)(?![\w-])")


#: Indonesia's own government, as Indonesian copy names it ("Pemerintah Indonesia", "Pemerintah
#: RI", "Pemerintah Republik Indonesia"; UUD 1945 Pasal 4 and 17: the President and the ministers).
_PEMERINTAH_INDONESIA = re.compile(r"(?<![\w-])Pemerintah (?:Republik Indonesia|Indonesia|RI)(?![\w-])")


def national_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """"The Australian government": the government of the country the adjective names, one body
    ("Government of Australia"), whatever it does in the text (funds, supports, signs).

    >>> text = "With Australian government funding, the project grew."
    >>> [(text[m.start:m.end], m.name) for m in national_governments(text, 0, len(text))]
    [('Australian government', 'Government of Australia')]
    """
    countries = _countries() | {"Indonesia"}
    out = local_governments(text, start, end)
    for m in _PEMERINTAH_NEGARA.finditer(text, start, end):
        # "dukungan Pemerintah Jepang": Indonesian names a foreign country's government by its name.
        country = next((c for c in (m.group("two"), m.group("one")) if c and c in _countries()), None)
        if country is not None:
            e = m.start("one") + len(country)
            out.append(ActorMention(m.start(), e, f"Pemerintah {country}", None, None, "GovernmentAgency",
                                    "national-government", "rule:national-government",
                                    confidence("mention:place-as-government")))
    for m in _PEMERINTAH_INDONESIA.finditer(text, start, end):
        # "komitmen Pemerintah Indonesia": the country's own government, as the foreign ones are.
        out.append(ActorMention(m.start(), m.end(), "Pemerintah Republik Indonesia", None, None, "GovernmentAgency",
                                "national-government", "rule:national-government",
                                confidence("mention:place-as-government")))
    for m in _NATIONAL_GOVERNMENT.finditer(text, start, end):
        country = m.group("adj")[:-1]
        if country not in countries:
            continue
        out.append(ActorMention(m.start(), m.end(), f"Government of {country}", None, None, "GovernmentAgency",
                                "national-government", "rule:national-government",
                                confidence("mention:place-as-government")))
    for m in _envoy_country_government().finditer(text, start, end):
        # "the Dutch government", "the Japanese government": an adjective not made with "-ian",
        # named as Kemlu names the country (the table of envoys' countries).
        country = _envoy_countries()[m.group("adj") or m.group("adj2")]
        out.append(ActorMention(m.start(), m.end(), f"Pemerintah {country}", None, None,
                                "GovernmentAgency", "national-government", "rule:national-government",
                                confidence("mention:place-as-government")))
    return out


@functools.cache
def _envoy_countries() -> dict[str, str]:
    return word_map("english_envoy_countries")


@functools.cache
def _envoy_country_government() -> re.Pattern[str]:
    """A country's English name or adjective (``english_envoy_countries``) other than an "-ian"
    adjective (:data:`_NATIONAL_GOVERNMENT` reads those), then "government"."""
    names = sorted((w for w in _envoy_countries() if not w.endswith("ian")), key=len, reverse=True)
    every = sorted(_envoy_countries(), key=len, reverse=True)
    # ("the Government of the Netherlands": the country after "of the", which the head noun's name
    # does not reach)
    return re.compile(r"(?<![\w.-])(?:(?P<adj>" + "|".join(re.escape(w) for w in names)
                      + r") [Gg]overnment(?![\w-])(?! of\b)"
                      + r"|Government of the (?P<adj2>" + "|".join(re.escape(w) for w in every) + r")(?![\w-]))")


#: "Pemerintah Aceh Timur": the government, then a regency's or a city's name of one to three words.
_PEMERINTAH_DAERAH = re.compile(r"(?<![\w-])Pemerintah (?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![\w-])")


def local_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """"Pemerintah Aceh Timur": a regency or a city named without its level word after
    "Pemerintah" is that region's government, when the official region list has the name at one
    level only ("Bogor" is a regency and a city: left alone). The longest name the list knows wins,
    so a province's name at its start ("Pemerintah Aceh", a known name) does not cut it.

    >>> text = "Pemerintah Aceh Timur menggelar rakor."
    >>> [(text[m.start:m.end], m.name) for m in local_governments(text, 0, len(text))]
    [('Pemerintah Aceh Timur', 'Pemerintah Kabupaten Aceh Timur')]
    """
    from resilience_kg.extract.regions import find

    out = []
    for m in _PEMERINTAH_DAERAH.finditer(text, start, end):
        words_ = m.group("place").split()
        for width in range(len(words_), 0, -1):
            place = " ".join(words_[:width])
            hits = find(place)
            if not hits:
                continue
            kinds = {r.kind for r in hits}
            if any(r.name != place for r in hits):
                break  # (a level word starts the words: "Pemerintah Kota Bogor" is read as written)
            if len(kinds) == 1 and kinds <= {"kabupaten", "kota"}:
                level = "Kabupaten" if kinds == {"kabupaten"} else "Kota"
                out.append(ActorMention(m.start(), m.start("place") + len(place), f"Pemerintah {level} {place}",
                                        None, None, "GovernmentAgency", "local-government",
                                        "rule:local-government", confidence("mention:place-as-government")))
            break
    out.extend(_second_region_governments(text, start, end))
    return out


@functools.cache
def _shared_head_regex() -> re.Pattern[str]:
    """A regional government's head (``regional_government_words``, ``shared_government_heads``),
    perhaps a level word, a region of one to three words, "dan", then a level word and a second
    region: "Pemda Aceh Utara dan Kota Lhokseumawe", "Pemerintah Kabupaten Bogor dan Kota Depok"."""
    heads = sorted(set(words("regional_government_words")) | set(words("shared_government_heads")),
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in heads) + r")"
                      r"(?: (?:Provinsi|Kabupaten|Kab\.|Kota))? (?P<first>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) dan "
                      r"(?P<level>Kabupaten|Kab\.|Kota) (?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?![\w-])")


def _second_region_governments(text: str, start: int, end: int) -> list[ActorMention]:
    """The second region's government where one government head serves two regions ("Pemda Aceh
    Utara dan Kota Lhokseumawe"): "Kota Lhokseumawe" is the city's government, as the first is the
    regency's. Only when the first is a region and the second one of the official list at the
    level written."""
    from resilience_kg.extract.regions import find

    out = []
    for m in _shared_head_regex().finditer(text, start, end):
        if not find(m.group("first")):
            continue
        level = "Kabupaten" if m.group("level").startswith("Kab") else m.group("level")
        words_ = m.group("place").split()
        for width in range(len(words_), 0, -1):
            place = " ".join(words_[:width])
            if not any(r.kind == level.lower() for r in find(f"{level} {place}")):
                continue
            out.append(ActorMention(m.start("level"), m.start("place") + len(place), f"Pemerintah {level} {place}",
                                    None, None, "GovernmentAgency", "local-government", "rule:local-government",
                                    confidence("mention:place-as-government")))
            break
    return out


# -- English: a regional head's post and a foreign envoy's -------------------------------------------

#: The Indonesian level a regional head's English post heads ("Regent": Kabupaten).
_HEAD_LEVELS = word_map("english_head_levels")

_PLACE_WORDS = r"(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+"

#: A head's region: its words, or a province's short form in capitals ("Governor of NTT", "NTB
#: Governor"), as English news from the regions write it.
_HEAD_PLACE = r"(?:[A-Z]{2,4}(?![a-z])|" + _PLACE_WORDS + r")"


@functools.cache
def _english_head_posts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"Bekasi Mayor", "Makassar's Mayor" (the place first) and "Acting Governor of West Java"
    (the place after "of"): a regional head's English post with its region."""
    # ("the governor of North Sumatra": news write the post in lower case too)
    posts = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w.title()[1:])}" for w in _HEAD_LEVELS)
    # "Jakarta's acting Governor": news write the prefix in lower case too.
    prefix = r"(?:(?:" + "|".join(f"[{w[0]}{w[0].lower()}]{re.escape(w[1:])}"
                                  for w in words("english_head_prefixes")) + r") )?"
    before = re.compile(r"(?<![\w'’-])(?P<place>" + _HEAD_PLACE + r")(?:['’]s)? " + prefix
                        + r"(?P<post>" + posts + r")(?![\w'’-])")
    after = re.compile(r"(?<![\w-])" + prefix + r"(?P<post>" + posts + r") of (?:the )?(?P<place>"
                       + _HEAD_PLACE + r")(?![\w-])")
    return before, after


@functools.cache
def _english_holder_after() -> re.Pattern[str]:
    """A person holding the post, after it ("Bekasi Mayor Rahmat", "Makassar's Mayor, Mohammad",
    "Governor of Papua, Dr. Syamsul"): a title (``english_holder_titles``) or a capitalised name."""
    titles = alternation("english_holder_titles")
    return re.compile(rf",?\s+(?:(?:{titles})\.?\s|[A-Z][a-z'’]+(?:\s|,|\.|$))")


#: A person holding the post, before it: "Penny Williams, the Australian Ambassador".
_ENGLISH_HOLDER_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s+(?:the\s+)?$")


def _region_at(place: str, level: str) -> str | None:
    """The official name of region ``place`` (English compass words allowed) at ``level``
    ("Provinsi", "Kota", "Kabupaten"), as a government's name writes it; None when it is none."""
    from resilience_kg.extract.regions import find

    hits = [r for candidate in (place, _compass_last(place)) if candidate
            for r in find(candidate) if r.kind in (level.lower(), f"{level.lower()} administrasi")]
    if not hits:
        return None
    if hits[0].kind.endswith(" administrasi"):
        # "East Jakarta Mayor": Jakarta's cities are "Kota Administrasi" by law (UU 29/2007).
        return f"Administrasi {hits[0].name}"
    return "DKI Jakarta" if hits[0].code == "31" else hits[0].name.removeprefix("Kota ").removeprefix("Kabupaten ")


def _holder_follows(text: str, at: int) -> bool:
    after = _english_holder_after().match(text, at)
    if after is None:
        return False
    word = re.match(r",?\s+([A-Z][\w'’-]*)", text[at:at + 40])
    # "Jakarta Governor Regulation", "Mayor Office": a document or a body, not a person.
    return word is None or (word.group(1) not in STOP_CAPS and word.group(1) not in _non_holders())


@functools.cache
def _non_holders() -> frozenset[str]:
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    documents = {w for row in table("documents") for w in row["word"].split() if w[:1].isupper()}
    return frozenset(set(_heads()) | documents)


def english_regional_heads(text: str, start: int, end: int) -> list[ActorMention]:
    """The government an English regional head's post belongs to: "Bekasi Mayor Rahmat Effendi",
    "Makassar's Mayor, Mohammad", "Acting Governor of West Java Bey" name Pemerintah Kota Bekasi,
    Pemerintah Kota Makassar, Pemerintah Provinsi Jawa Barat (quoted as the post with its region),
    as "Wali Kota Bekasi" does in Indonesian. Only where a holder is named (after the post, or
    before it: "X, the Bekasi Mayor"), or the post is one of a list; a post merely mentioned
    ("a letter to the Jakarta Governor") names no body that took part.

    >>> text = "Also present were Bekasi Mayor Rahmat Effendi and the Governor of West Java, Dr. Ani."
    >>> [(text[m.start:m.end], m.name) for m in english_regional_heads(text, 0, len(text))]
    [('Bekasi Mayor', 'Pemerintah Kota Bekasi'), ('Governor of West Java', 'Pemerintah Provinsi Jawa Barat')]
    """
    out = []
    for place_first, form in zip((True, False), _english_head_posts(), strict=True):
        for m in form.finditer(text, start, end):
            level = _HEAD_LEVELS[m.group("post").lower()]
            if not level:
                # ("Regional Secretary of East Java": a post of every level; the region says which)
                levels = [lv for lv in ("Provinsi", "Kabupaten", "Kota")
                          if _region_at(m.group("place"), lv) is not None]
                if len(levels) != 1:
                    continue
                level = levels[0]
            words_ = m.group("place").split(" ")
            if place_first and len(words_) > 1 and words_[-1] in words("english_head_prefixes"):
                words_ = words_[:-1]  # "Jakarta Deputy Governor": the place's words take the prefix first
            # The region is the place's last words before the post ("Kota Bekasi Mayor"), its first
            # words after "of" ("Governor of West Java Province").
            region, n = next(((r, k) for k in range(len(words_), 0, -1)
                              if (r := _region_at(" ".join(words_[-k:] if place_first else words_[:k]), level))
                              is not None), (None, 0))
            if region is None:
                continue
            region_words = " ".join(words_[-n:] if place_first else words_[:n])
            first, stop = ((m.start("place") + m.group("place").rfind(region_words), m.end()) if place_first
                           else (m.start(), m.start("place") + len(region_words)))
            if not (_holder_follows(text, stop) or _in_a_list(text, first, stop, start)
                    or _ENGLISH_HOLDER_BEFORE.search(text, max(start, first - 40), first)):
                continue
            out.append(_head_mention(first, stop, level, region))
    return out


def _in_a_list(text: str, first: int, stop: int, start: int) -> bool:
    """Whether the post is a member of a list of those present ("..., Bekasi Mayor and ...")."""
    return bool(re.search(r"(?:,|\band)\s*(?:the\s+)?$", text[max(start, first - 10):first])
                or re.match(r"\s*,\s*(?:and\s+)?(?:the\s+)?[A-Z]|\s+and\s", text[stop:stop + 12]))


def _head_mention(first: int, stop: int, level: str, region: str) -> ActorMention:
    return ActorMention(first, stop, f"Pemerintah {level} {region}", None, None, "GovernmentAgency",
                        "regional-head", "rule:regional-head", confidence("mention:regional-head"))


#: "the Australian Ambassador to Indonesia", "the Australian Consul-General in Makassar": a foreign
#: envoy's post, by the country's adjective (its name and "n", as "Australian government").
_ENVOY = re.compile(r"(?<![\w-])(?P<adj>[A-Z][a-z]+n) (?P<post>Ambassador|Consul[- ]General)"
                    r"(?: (?:to|in) (?P<place>" + _PLACE_WORDS + r"))?(?![\w-])")


@functools.cache
def _named_envoys() -> re.Pattern[str]:
    """An envoy's post by a country's English adjective or name that is not its name and "n"
    (``english_envoy_countries``: "US", "Danish", "Japanese"), before the post, or by the
    country's name after "of" ("Ambassador of South Korea to Indonesia")."""
    countries = "|".join(re.escape(w) for w in sorted(word_map("english_envoy_countries"), key=len, reverse=True))
    return re.compile(r"(?<![\w.-])(?:(?P<adj>" + countries + r") (?P<post>Ambassador|Consul[- ]General)"
                      r"|(?P<post2>Ambassador) of (?:the )?(?P<of>" + countries + r"))"
                      r"(?: (?:to|in) (?P<place>" + _PLACE_WORDS + r"))?(?![\w-])")


def _envoy_end(m: re.Match[str]) -> int:
    """Where an envoy's post ends: after the place it serves, where the words after "to" or "in"
    begin with a place ("to Indonesia" of "to Indonesia Scot Marciel", whose holder follows);
    before "to" where they do not."""
    if not m.group("place"):
        return m.end()
    words_ = m.group("place").split(" ")
    for n in range(len(words_), 0, -1):
        if _is_place(" ".join(words_[:n])):
            return m.start("place") + len(" ".join(words_[:n]))
    return m.start("place") - len(" to ")  # " to " and " in " are as long


def foreign_envoys(text: str, start: int, end: int) -> list[ActorMention]:
    """The mission a foreign envoy's English post belongs to, where the holder is named: "Penny
    Williams, the Australian Ambassador to Indonesia" names the Australian embassy, "the
    Australian Consul-General in Makassar, Todd Dias" its consulate (quoted as the post), as a
    regional head's post names its government.

    >>> text = "Jane Doe, the Australian Ambassador to Indonesia, opened it."
    >>> [(text[m.start:m.end], m.name) for m in foreign_envoys(text, 0, len(text))]
    [('Australian Ambassador to Indonesia', 'Kedutaan Besar Australia')]
    """
    out = []
    for m in _ENVOY.finditer(text, start, end):
        country = m.group("adj")[:-1]
        mission = _envoy_mission(text, m, start, country, ambassador=m.group("post") == "Ambassador") \
            if _is_foreign_country(country) else None
        if mission is not None:
            out.append(mission)
    countries = word_map("english_envoy_countries")
    for m in _named_envoys().finditer(text, start, end):
        country = countries[m.group("adj") or m.group("of")]
        ambassador = bool(m.group("post2")) or m.group("post") == "Ambassador"
        mission = _envoy_mission(text, m, start, country, ambassador=ambassador)
        if mission is not None:
            out.append(mission)
    return out


def _envoy_mission(text: str, m: re.Match[str], start: int, country: str, *, ambassador: bool) -> ActorMention | None:
    """The mission of the envoy's post ``m`` of ``country``, quoted as the post: an ambassador's
    embassy, a consul-general's consulate (in the place the post names, where it names one); None
    where no holder is named with the post."""
    stop = _envoy_end(m)
    if not (_holder_follows(text, stop) or _ENGLISH_HOLDER_BEFORE.search(text, max(start, m.start() - 40), m.start())):
        return None
    if ambassador:
        name = f"Kedutaan Besar {country}"
    else:
        place = text[m.start("place"):stop] if m.group("place") else None
        name = f"Konsulat Jenderal {country}" + (f" di {place}" if place and _is_place(place) else "")
    return ActorMention(m.start(), stop, name, None, None, "DiplomaticMission", "envoy",
                        "rule:regional-head", confidence("mention:regional-head"))
