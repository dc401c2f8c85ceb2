"""Filters that refuse a candidate: places, buildings and rooms where the event was, regulations
and their titles, events, collectives ("TNI/Polri"), a unit meaning the holder of its post, a
press release's contact line, the bodies of every regency ("BPBD kabupaten/kota")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import _is_place
from resilience_kg.extract.recognise.actors.vocabulary import (
    _heads,
    _is_calendar,
    _is_collective,
    _post_regex,
    is_acronym,
)
from resilience_kg.extract.recognise.rules import alternation, collectives, table
from resilience_kg.extract.recognise.rules import words as word_list


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
    if first in _offices() and _office_as_venue(text, start):
        return True
    if name.endswith(word_list("place_named_heads")) and re.search(
            r"(?:^|\s)(?:" + alternation("venue_prepositions") + r")$", before, re.I):
        return True  # "hiked in X National Park": the park as a place, not its office
    # Inside a room's or hall's own name: "di Ruang Ngesti Widhi Setda Kendal", "Ruang Pola Kantor Bupati".
    return bool(_venue_lead_regex().search(text, max(0, start - 60), start))


#: What may stand between a venue preposition and an office word: a brand's one or two
#: capitalised words ("di Swissbell Hotel X", "at the Novotel Hotel X").
_BRAND_WORDS = r"(?:[ \t]+[A-Z][\w&'-]*){1,2}[ \t]+$"


def _office_as_venue(text: str, start: int) -> bool:
    """Whether an office word ("Hotel", "Kantor", "Office": ``use`` ``at`` in ``rules/venues.csv``)
    starts where the event was, by the words around it: a venue preposition and a brand's words
    before it ("bertempat di Swissbell Hotel X"), a room's name and a comma before it ("di Aula X,
    Hotel Y", "di Ballroom X, Bela Hotel Y"), or a line that gives the place and then the date
    ("Hotel X, 17 Maret 2021 - ..."). The guide lists rooms, buildings and hotels named as the venue
    among what is no actor."""
    before = text[max(0, start - 40):start]
    if re.search(r"(?:^|\s)(?i:" + alternation("venue_prepositions") + r")" + _BRAND_WORDS, before):
        return True
    if _venue_apposition_regex().search(text, max(0, start - 80), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _PLACE_DATE_AFTER.match(text, start) is not None


#: The rest of a place-and-date line after the office word: the place's words, a comma, a day and a month.
_PLACE_DATE_AFTER = re.compile(r"[^\n,]{1,60},[ \t]*\d{1,2}[ \t]+[A-Za-z]+[ \t]+\d{4}\b")


@functools.cache
def _venue_apposition_regex() -> re.Pattern[str]:
    """A room's or hall's name, a comma, and perhaps a brand's words, ending where a mention
    starts: "Aula Juku Eja, " before "Hotel Max One" (the room, then the building it is in)."""
    venues = sorted((row["word"] for row in table("venues") if row["use"] != "at"), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(v) for v in venues) + r")"
                      r"(?:[ \t]+[A-Z0-9][\w/-]*){0,4},(?:[ \t]+[A-Z][\w&'-]*){0,2}[ \t]+$")


@functools.cache
def _offices() -> frozenset[str]:
    return frozenset(row["word"] for row in table("venues") if row["use"] == "at")


@functools.cache
def _venue_lead_regex() -> re.Pattern[str]:
    """A building word and the capitalised words of its name, ending where a mention starts."""
    venues = sorted((row["word"] for row in table("venues") if row["use"] != "at"), key=len, reverse=True)
    # After "di" running text writes the building word in lower case too: "di halaman Kantor Kementerian X".
    lower = "|".join(re.escape(v[0].lower() + v[1:]) for v in venues)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(v) for v in venues) + r"|(?:"
                      + alternation("venue_prepositions") + r")\s+(?:" + lower + r"))"
                      # (a word may hold a slash, "Gedung Dakwah/Masjid X"; a full stop and a space end it;
                      # a line break ends the building's name: a headline's "... at City Hall" and the
                      # next paragraph's first body are two things)
                      r"(?:[ \t]+[A-Z0-9](?:[\w/-]|\.(?!\s))*){0,4}[ \t]+$")


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


def _names_an_event(m: ActorMention) -> bool:
    """Whether the name is an event's: it ends in an event's word or its short form is one
    ("Forum Group Discussion (FGD)": a misspelt focus group discussion), or an event's word stands
    in it ("Rapat Koordinasi BPBD"), unless a training agency or an English body's head follows."""
    from resilience_kg.extract.recognise.events import event_regex

    name = m.name.strip()
    last = re.findall(r"\w+", name)
    if last and (last[-1].lower() in _event_name_ends() or (m.acronym or "").lower() in _event_name_ends()):
        return True
    event = event_regex().search(name)
    if event is not None and re.search(r"(?:Pendidikan|Education)\s+(?:dan|and)\s+$", name[:event.start()]):
        return False  # "Pusat Pendidikan dan Pelatihan BNPB", "Badan Diklat": a training agency (a Pusdiklat)
    return event is not None and not _english_head_after(name, event.end())


def _english_head_after(name: str, at: int) -> bool:
    """Whether an English body's head noun and its parent follow the event's word: "Education
    and Training Centre of BNPB" is the agency's centre (a Pusdiklat), not a training ("X
    Training Center" alone is most often where a training was held)."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    after = re.match(r"\s+([A-Z][a-z]+) of [A-Z]", name[at:])
    head = _heads().get(after.group(1)) if after is not None else None
    return head is not None and head.english


@functools.cache
def _contact_regex() -> re.Pattern[str]:
    """A press release's contact line, or a news page's link to another story ("Baca juga: ...")."""
    leads = alternation("contact_lines") + "|" + alternation("related_story_lines")
    return re.compile(r"^[ \t]*(?:" + leads + r")\s*:[^\n]*", re.I | re.M)


def _on_contact_line(lines: Sequence[tuple[int, int]], m: ActorMention) -> bool:
    """A body named on a press release's contact line (``lines``: their spans) issues the text;
    one named in the headline of another story linked from the page ("Baca juga: BNPB gelar ...")
    acts in that story. Neither is an attendee."""
    return any(start <= m.start < end for start, end in lines)


@functools.cache
def _collective_regex() -> re.Pattern[str]:
    terms = sorted((t for t in collectives() if not t.isalpha()), key=len, reverse=True)
    # (news joins the forces with a slash, a hyphen or a dash alike: "TNI/Polri", "TNI–Polri–ASN")
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t).replace("/", r"\s*[/–—-]\s*") for t in terms)
                      + r")(?![\w-])", re.I)


def _inside_collective(text: str, m: ActorMention) -> bool:
    """A body named inside a collective ("TNI/Polri" said of the forces in general), or in a chain
    of kinds of body joined by slashes ("GOVERNMENT/UN/NGO/DONOR"), is no attendee."""
    if any(c.start() <= m.start and m.end <= c.end() and (c.start(), c.end()) != (m.start, m.end)
           for c in _collective_regex().finditer(text, max(0, m.start - 20), min(len(text), m.end + 20))):
        return True
    return _in_chain_of_kinds(text, m)


#: Words joined by slashes, the mention's among them: "Government/UN/NGO/Donor".
_SLASH_CHAIN = re.compile(r"[\w&.' -]+(?:/[\w&.' -]+)+")
#: How far from a mention a chain of kinds of body is looked for, in characters each way.
_CHAIN_REACH = 200


def _in_chain_of_kinds(text: str, m: ActorMention) -> bool:
    """Whether the mention is one part of a slash chain of three parts or more, two of them words
    for a kind of body (``sector_groups``, ``generic_words``, ``collectives``): a heading's list of
    sectors ("GOVERNMENT/UN/NGO/DONOR/RED CROSS MEETING"), where UN is a sector too."""
    if text[m.end:m.end + 1] != "/" and text[m.start - 1:m.start] != "/":
        return False
    # A heading's chain of kinds is short: look at most _CHAIN_REACH characters each way on the
    # line, so that a line of thousands of slashes is not read again for each of its mentions.
    line_start = max(text.rfind("\n", 0, m.start) + 1, m.start - _CHAIN_REACH)
    line_end = text.find("\n", m.end)
    line_end = min(len(text) if line_end < 0 else line_end, m.end + _CHAIN_REACH)
    for chain in _SLASH_CHAIN.finditer(text, line_start, line_end):
        if not chain.start() <= m.start < chain.end():
            continue
        parts = [p.strip() for p in chain.group().split("/")]
        kinds = sum(1 for p in parts if _names_a_kind(p))
        return len(parts) >= 3 and kinds >= 2
    return False


def _names_a_kind(part: str) -> bool:
    """A word of a slash chain that names a kind of body ("NGO", "Donor", "Government"), its last
    word for the first part ("... GOVERNMENT") and its first for the last ("RED CROSS MEETING")."""
    from resilience_kg.extract.recognise.actors.vocabulary import GENERIC_WORDS, _sector_groups

    words_ = part.lower().split()
    candidates = {part.lower(), *(words_[-1:]), *(words_[:1])}
    return any(w in _sector_groups() or w in GENERIC_WORDS or w in collectives() or w.rstrip("s") in _sector_groups()
               for w in candidates)


def _post_only_unit(text: str, m: ActorMention) -> bool:
    """A lowest-level unit named right after a post word ("Kepala Seksi Operasi ..."), with no
    parent of its own in its name: the post's holder is meant, not the unit as an attendee."""
    if m.kind != "unit" or m.parent_span is not None:
        return False
    if not any(m.name.startswith(w + " ") for w in word_list("post_only_units")):
        return False
    return after_head_post(text, m.start)


def portfolio_of_a_deputy(text: str, m: ActorMention) -> bool:
    """A "Bidang ..." right after a deputy's post ("Wakil Rektor Bidang Penelitian dan Kerja Sama
    Universitas X", "Wakil Ketua III Bidang Organisasi", ``portfolio_posts``): the deputy's field of
    affairs, a post alone, no unit of that name; the body after it is named on its own elsewhere."""
    if m.kind != "unit" or not m.name.startswith("Bidang "):
        return False
    before = text[max(0, m.start - 30):m.start]
    return bool(re.search(r"(?:^|\s)(?:" + alternation("portfolio_posts") + r")(?:\s+[IVX]{1,4})?\s+$", before))


def after_head_post(text: str, start: int) -> bool:
    """Whether a post word of a unit's head ("Kepala", "Kasi", "Head of") ends right before ``start``."""
    before = text[max(0, start - 12):start]
    return bool(re.search(r"(?:^|\s)(?:" + alternation("unit_head_posts") + r")\s*$", before))


#: "BPBD kabupaten/kota", "Bappeda Kab/Kota", "OPD se-Jawa Timur", "Forum PRB Desa/Kelurahan": the
#: bodies of every regency and city (of a province), or of every village, a group, not one body:
#: right after the name, or inside it. (The readable real sets' gold never requires such a name:
#: it lists it among not_actors, or as an optional participant.)
_LEVELS = r"(?:" + alternation("group_levels") + r")"
_GROUP_AFTER = re.compile(r"(?:\s*/\s*" + _LEVELS + r"\b"
                          r"|\s+" + _LEVELS + r"\s*/\s*" + _LEVELS + r"\b"
                          r"|\s+se-\w)", re.IGNORECASE)


_GROUP_INSIDE = re.compile(_LEVELS + r"\s*/\s*" + _LEVELS + r"\b|\bse-\w", re.IGNORECASE)


def names_a_group(m: ActorMention, text: str) -> bool:
    """True for a mention of the bodies of every regency and city, not of one body.

    >>> text = "rapat dengan BPBD dan Bapeda Kabupaten/kota se-Jatim"
    >>> bapeda = ActorMention(22, 38, "Bapeda Kabupaten", None, None, None, "", "test", 1.0)
    >>> names_a_group(bapeda, text), text[bapeda.start:bapeda.end]
    (True, 'Bapeda Kabupaten')
    """
    return bool(_GROUP_AFTER.match(text, m.end) or _GROUP_INSIDE.search(m.name)
                or _distributive_regex().match(text, m.end))


@functools.cache
def _distributive_regex() -> re.Pattern[str]:
    """Right after a name, perhaps a word for its people, then "di masing-masing desa", "from
    various villages": the bodies of every village (or district, or region), not one body."""
    return re.compile(r"(?:\s+(?:" + alternation("distributive_members") + r"))?\s+(?:"
                      + alternation("distributive_words") + r")\s+(?:" + alternation("distributive_places")
                      + r")(?![\w-])", re.IGNORECASE)


#: A title or rank right before a mention, and a person's name right after it.
_RANK_BEFORE = re.compile(r"(?:^|\s)(?:" + alternation("titles") + "|" + alternation("military_ranks") + r")\.?\s+$")
#: (between the force and the name, a retired officer's "(Purn)" and a corps' short form: "Mayor TNI
#: Arh. Budi", "Laksda TNI (Purn) Budi")
_NAME_AFTER = re.compile(r"(?:\s+\(Purn\.?\))?(?:\s+[A-Z][a-z]{1,3}\.)?\s+[A-Z][a-z]+")


#: A web address ("TELEGRAPH.ID, KOTA -", "kabarsatu.com"): the news site that credits the story in
#: its dateline, not a body the story is about.
_WEB_ADDRESS = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:" + alternation("web_domain_endings") + r")", re.I)


@functools.cache
def _programme_noun_regex() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + alternation("programme_nouns") + r")\s+$")


def _after_programme_noun(text: str, m: ActorMention) -> bool:
    """A name right after "program", "gerakan", "aplikasi" and their kin in lower case ("program
    Eco Office"): the programme's or the app's name, though it ends in a head noun. A body the
    tables know keeps its mention ("program UNDP" names UNDP's programme, and UNDP)."""
    if m.method.startswith(("gazetteer:", "rule:known-name")):
        return False
    return bool(_programme_noun_regex().search(text, max(0, m.start - 20), m.start))


@functools.cache
def _service_noun_regex() -> re.Pattern[str]:
    """A word for a service ("bus", "tarif", "transportasi umum", ``service_nouns`` and
    ``service_noun_qualifiers`` of ``rules/words.csv``), perhaps "seperti" and other members of its
    list before, ending where a mention starts: "bus Transjakarta", "Tarif MRT" in a headline,
    "transportasi umum seperti MRT, LRT, TransJakarta"."""
    nouns, qualifiers = alternation("service_nouns"), alternation("service_noun_qualifiers")
    member = r"[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,3}"
    # (other members before the mention only after "seperti": "Stasiun Meteorologi X, PT Y" is a list
    # of bodies whose first is named with a service's word)
    return re.compile(r"(?:^|\s)(?i:" + nouns + r")(?:[ \t]+(?:" + qualifiers + r"))?[ \t]+"
                      r"(?:(?:" + alternation("list_introducers") + r")[ \t]+"
                      r"(?:" + member + r"(?:,[ \t]*|[ \t]+(?:dan|atau)[ \t]+))*)?$")


def _after_service_noun(text: str, m: ActorMention) -> bool:
    """A name right after a word for a service, or in the list of examples that follows it ("bus
    Transjakarta", "transportasi umum seperti MRT, LRT"): the bus, the train, the fare of the
    operator, a service that does not act (docs/annotation-guide.md). Known operators too: the
    firm is an actor where the text names it otherwise ("PT MRT Jakarta menyampaikan"). A name
    with its head noun is a body's ("bus Transjakarta dan Dinas Perhubungan": the Dinas acts)."""
    if m.method.startswith("rule:head-noun:"):
        return False
    return bool(_service_noun_regex().search(text, max(0, m.start - 80), m.start))


@functools.cache
def _transit_mode_regex() -> re.Pattern[str]:
    return re.compile(r"(?:" + alternation("transit_modes") + r")(?![\w-])")


#: Before an operator's name: its legal form ("PT MRT Jakarta", "PT. LRT Jakarta").
_LEGAL_FORM_BEFORE = re.compile(r"(?<![\w-])(?:PT\.?|Perseroda|Perumda)[ \t]*$")


def _names_a_line(text: str, m: ActorMention) -> bool:
    """A name that starts with a kind of transit line ("MRT", "LRT Jabodebek", "Light Rail Transit
    (LRT) Jakarta", ``transit_modes``) and is written without the operator's legal form: the text
    speaks of the line ("LRT Jakarta ditargetkan beroperasi", "integrasi LRT dengan MRT"), a service
    that does not act (docs/annotation-guide.md; the readable real sets' gold lists bare "MRT",
    "LRT", "KRL" as no actors and takes "PT MRT Jakarta"). A post before it ("Direktur Utama MRT
    Jakarta") names the firm, so the name stays."""
    surface = text[m.start:m.end]
    if not _transit_mode_regex().match(surface):
        return False
    lead = text[max(0, m.start - 60):m.start]
    if _LEGAL_FORM_BEFORE.search(lead):
        return False
    return not any(re.fullmatch(r"(?:[ \t]+(?:[A-Z][\w.]*|dari|of|the))*[ \t]*", lead[p.end():])
                   for p in _post_regex().finditer(lead))


@functools.cache
def _council_unit_words() -> frozenset[str]:
    return frozenset(word_list("council_unit_heads"))


@functools.cache
def _name_words() -> frozenset[str]:
    from resilience_kg.extract.recognise.actors.vocabulary import name_vocabulary

    return name_vocabulary()


@functools.cache
def _not_person_words() -> frozenset[str]:
    return frozenset(word_list("not_person_names"))


@functools.cache
def _holder_post_regex() -> re.Pattern[str]:
    """A post or a seat ending where a mention starts: "Wakil Ketua ", "anggota "."""
    return re.compile(r"(?:" + _post_regex().pattern + r"|(?<![\w-])(?i:" + alternation("seat_holder_words")
                      + r"))[ \t]+$")


def _unit_run_into_holder(text: str, m: ActorMention) -> bool:
    """A council's unit run on into its member's name ("Wakil Ketua Pansus Budi Santoso", "Anggota
    Komisi Rina Kartika"): after a post or a seat, the unit's head (``council_unit_heads``) and then
    two to four capitalised words no name of a body or a place is made of (the project's name
    vocabulary) are the holder's name, a person (docs/annotation-guide.md: people are no actors).
    The unit is an actor where the text names it otherwise ("Pansus Ranperda X")."""
    parts = m.name.split()
    if len(parts) < 3 or parts[0] not in _council_unit_words() or not m.method.startswith("rule:head-noun:"):
        return False
    rest = parts[1:]
    if len(rest) > 4 or not all(re.fullmatch(r"[A-Z][a-z]+", w) for w in rest):
        return False
    if any(w.lower() in _name_words() or w in _not_person_words() or _is_place(w) for w in rest):
        return False
    return bool(_holder_post_regex().search(text, max(0, m.start - 30), m.start))


@functools.cache
def _member_noun_regex() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + alternation("member_nouns") + r")[ \t]+$")


def _members_of(text: str, m: ActorMention) -> bool:
    """A name right after "warga", "jamaah" in lower case (``member_nouns``): "manfaat bagi warga NU"
    speaks of the body's members as people, a generic collective (the guide), not of the body."""
    return bool(_member_noun_regex().search(text, max(0, m.start - 12), m.start))


#: A Roman numeral other than I ("I" starts Balinese names: "I Made"), written the standard way.
_ROMAN_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{2,3})|X{1,3}I{0,3}")


def _collective_of_region(name: str) -> bool:
    """A collective's short form and a region ("UKPD Jakarta Selatan", "SKPD Kota X"): every
    office of the region at once, still no one body. Only a short form in capitals: a word such as
    "Pemda" names one body once its region is written ("Pemda DKI")."""
    parts = name.split()
    return any(lead.isupper() and _is_collective(lead) and _is_place(" ".join(parts[k:]))
               for k in range(1, len(parts)) for lead in [" ".join(parts[:k])])


def _keep(m: ActorMention, text: str) -> bool:
    name = m.name.strip()
    if m.method in ("rule:place-as-government", "rule:regional-head", "rule:district-body", "rule:district-head"):
        return True
    if _WEB_ADDRESS.fullmatch(name) or _WEB_ADDRESS.fullmatch(text[m.start:m.end].strip()):
        return False
    if len(name) < 2 or _is_collective(name) or _is_place(name) or _is_calendar(name.split()[0]):
        return False
    if _collective_of_region(name):
        return False
    if len(name.split()) <= 3 and name.split()[-1].lower() in _generic_name_ends():
        return False  # "Dinas Terkait", "Instansi lainnya": whichever offices are concerned, no one body
    if _no_field(name):
        return False  # "Sudin Kota Jakarta Selatan", "Sudin Teknis X": an office of no field, no one body
    if _ROMAN_NUMERAL.fullmatch(name.split()[0]):
        return False  # "Angkatan IV Kabupaten X", "Wilayah II": a numeral numbers a batch or a unit, it names no body
    if is_acronym(name) and _RANK_BEFORE.search(text, max(0, m.start - 20), m.start) \
            and _NAME_AFTER.match(text, m.end):
        return False  # "Letjen TNI Doni Monardo": the force is a word of the officer's rank
    if names_a_group(m, text):
        return False
    if _is_venue(text, m.start, name) or _names_an_event(m) or _document_words().match(name):
        return False
    if _after_programme_noun(text, m) or _after_service_noun(text, m) or _members_of(text, m):
        return False
    if _names_a_line(text, m):
        return False
    if _unit_run_into_holder(text, m):
        return False
    end, last_line = _text_end(text)
    if m.end >= end and text[end - 1:end] not in ".!?)\"'" and "\t" not in last_line \
            and last_line.count("|") < 2:
        return False  # the text stops inside this name (a page cut off mid-sentence; a table's last cell is whole)
    if m.acronym and _is_collective(m.acronym):
        return False
    if _kind_of_body(name):
        return False
    if _title_tail_regex().match(text, m.end):
        return False  # "Prof. X, IPU, ASEAN Eng.": a professional title after a person's name, no body
    if is_acronym(name) and _degree_chain_regex().search(text, max(0, m.start - 40), m.start):
        return False  # "Prof. X, ST.,MT.,IPU.,ASEAN" (the page cut before "Eng."): one more of his titles
    if _dateline_credit(text, m):
        return False
    return True


#: How far into a text a news page's credit line may stand, in characters (after the headline).
_DATELINE_REACH = 600
#: Before the outlet: the start of a line, then perhaps the place and a comma ("Kupang, "), or the
#: place and an opening bracket ("JAYAPURA (X) - ...": the outlet in brackets after the city).
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}(?:,[ \t]+|[ \t]*\())?$")
#: After it: perhaps the rest of the outlet's name ("NU Online Ponorogo"), the closing bracket, a
#: dash, a bar or two ("X MAKASSAR || Bupati ..."), and a paragraph's sentence (a list's short line
#: "BPBD – 2 orang" is no credit line).
_DATELINE_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w.]*){0,2}\)?[ \t]*(?:[–—-]|\|\|?)[ \t]+[^\n]{80}")


def _dateline_credit(text: str, m: ActorMention) -> bool:
    """Whether the mention is a news page's credit line at the top of the story ("WARTA GARUT –
    ...", "Kupang, Garda Indonesia | ...", "NU Online Ponorogo – ..."): the outlet that reports, no
    actor of the event (the readable real sets' gold lists such outlets as not actors or optional
    mentions, never as required ones). A body the story names again keeps its other mentions."""
    if m.start > _DATELINE_REACH:
        return False
    return bool(_DATELINE_BEFORE.search(text, max(0, m.start - 40), m.start)
                and _DATELINE_AFTER.match(text, m.end))


@functools.cache
def _degree_chain_regex() -> re.Pattern[str]:
    """A person's degrees written with a full stop and a comma each, ending where a mention starts
    ("Amar, ST.,MT.,IPU.,", "Sari, S.T., MPPM."): the first a degree of ``degree_suffixes``, the
    rest any short title.
    Lists of bodies put no full stop after a short form, so "BPBD, PMI, TNI" never matches."""
    # (also written with a full stop inside, "S.T.," "M.Si.,": a stop between its capitalised parts)
    dotted = "|".join(r"\.".join(re.findall(r"[A-Z][a-z]*", d)) + r"\.?"
                      for d in word_list("degree_suffixes") if len(re.findall(r"[A-Z][a-z]*", d)) > 1)
    return re.compile(r"(?<![\w-])(?:(?:" + alternation("degree_suffixes") + r")\.|" + dotted + r"),[ \t]*"
                      r"(?:[A-Za-z]{2,6}\.,[ \t]*)*$")


@functools.cache
def _title_tail_regex() -> re.Pattern[str]:
    return re.compile(r"\.?\s?(?:" + alternation("professional_title_tails") + r")(?![\w-])")


def _kind_of_body(name: str) -> bool:
    """Whether an English name is only words for a kind of body ("SKPD (Department, Agency,
    Section Office)"): its words are English head nouns or unit words, and it names no body."""
    return all((w in _heads() and _heads()[w].english) or w in _unit_kind_words() for w in name.split())


@functools.cache
def _unit_kind_words() -> frozenset[str]:
    return frozenset(word_list("unit_kind_words"))


@functools.lru_cache(maxsize=4)
def _text_end(text: str) -> tuple[int, str]:
    """Where the text ends without its trailing space, and its last line (read once a text, not
    once a mention: both copy the whole text)."""
    stripped = text.rstrip()
    return len(stripped), stripped.rsplit("\n", 1)[-1]


@functools.cache
def _no_field_regex() -> re.Pattern[str]:
    return re.compile(r"(?:" + alternation("field_office_heads") + r")\s+(?:" + alternation("no_field_words")
                      + r")(?![\w-])", re.IGNORECASE)


def _no_field(name: str) -> bool:
    """Whether a field office's head ("Dinas", "Sudin") is followed at once by a level, a regional
    head's post or "teknis": "Sudin Kota Jakarta Selatan", "Dinas Bupati X", "Sudin Teknis X" name an
    office of no field, whichever the text means (the readable real sets' gold never keeps one)."""
    return _no_field_regex().match(name) is not None


@functools.cache
def _generic_name_ends() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("generic_name_ends"))


@functools.cache
def _event_name_ends() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("event_name_ends"))

