"""Every recogniser of the subpackage run over a report, sentence by sentence, and settled."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.actors.acronyms import (
    _short_forms_of_earlier,
    acronym_pairs,
    bracketed_short_forms,
)
from resilience_kg.extract.recognise.actors.bounds import (
    body_in_its_office,
    in_name_vocabulary,
    person_after_post,
    person_named_again,
    person_with_degree_after_body,
    person_word_after_body,
    places_listed_in_name,
)
from resilience_kg.extract.recognise.actors.councils import faction_short_forms
from resilience_kg.extract.recognise.actors.district_heads import district_heads
from resilience_kg.extract.recognise.actors.governments import (
    counted_governments,
    english_government_name,
    english_local_governments,
    english_regional_heads,
    foreign_envoys,
    military_commands,
    national_governments,
    police_commands,
    same_local_government,
)
from resilience_kg.extract.recognise.actors.heads import _split_at_known, head_noun_spans
from resilience_kg.extract.recognise.actors.known_forms import _FIRM_SECTORS, _surface_index, odd_forms, surface_spans
from resilience_kg.extract.recognise.actors.lists import (
    attendance_lines,
    attendance_lists,
    country_branches,
    cue_lists,
    group_lists,
    hyphen_compounds,
)
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.ministers import minister_posts
from resilience_kg.extract.recognise.actors.places import _is_place
from resilience_kg.extract.recognise.actors.refusals import (
    _contact_regex,
    _inside_collective,
    _keep,
    _on_contact_line,
    _post_only_unit,
    document_spans,
    portfolio_of_a_deputy,
)
from resilience_kg.extract.recognise.actors.regional import (
    acronym_with_place,
    branches_of,
    brand_branches,
    district_offices,
    elliptical_branches,
    elliptical_governments,
    lower_case_governments,
    lower_case_standard_bodies,
    places_acting,
    regional_heads,
    regional_secretaries,
)
from resilience_kg.extract.recognise.actors.tables import table_cells, table_members
from resilience_kg.extract.recognise.actors.unit_posts import english_command_posts, office_heads, units_of_posts
from resilience_kg.extract.recognise.actors.units import (
    _academic_unit,
    body_of_post_only_unit,
    english_region_before,
    join_units,
    orphan_division,
    parent_of_post_unit,
    parent_of_subgroup,
    settle,
    units_before_school,
    university_bodies,
)
from resilience_kg.extract.recognise.rules import alternation, table, word_map
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import Span

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer


def recognise(text: str, sentences: Sequence[Span], gazetteer: Gazetteer | None) -> list[ActorMention]:
    """Every organisation and named unit in ``text``, in order of position."""
    unwrapped = unwrap_lines(text)
    if unwrapped != text:
        # A hard-wrapped text (a PDF's lines, a page that breaks its lines inside sentences) is
        # read with its wrapped lines joined: a name broken at a line end is one name. The
        # offsets are the same (one character for one), so every quote stays exact.
        from resilience_kg.extract.segment import sentences as split

        text, sentences = unwrapped, split(unwrapped)
    found: list[ActorMention] = []
    # One pass of the (large) surface-form matcher per sentence is the slow part: run it per
    # paragraph-sized chunk of sentences instead and hand each sentence its own matches.
    all_surfaces = [
        m for sentence in _chunks(sentences) for m in surface_spans(text, sentence[0], sentence[1], gazetteer)
    ]
    known_forms = frozenset(_surface_index(gazetteer)[1])
    known_sectors = {f: (v.sector, v.method) for f, v in _surface_index(gazetteer)[1].items()}
    national_forms = _national_forms(gazetteer)
    # Each sentence takes the matches inside it: found by bisection, not by reading them all.
    all_surfaces.sort(key=lambda m: m.start)
    surface_starts = [m.start for m in all_surfaces]
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        lo = bisect.bisect_left(surface_starts, s)
        hi = bisect.bisect_left(surface_starts, e)
        surfaces = (
            [m for m in all_surfaces[lo:hi] if m.end <= e]
            + odd_forms(text, s, e, gazetteer)
            + acronym_with_place(text, s, e)
            + brand_branches(text, s, e)
            + country_branches(text, s, e)
            + places_acting(text, s, e)
            + regional_heads(text, s, e)
            + regional_secretaries(text, s, e)
            + lower_case_governments(text, s, e)
            + lower_case_standard_bodies(text, s, e)
            + police_commands(text, s, e)
            + faction_short_forms(text, s, e)
            + military_commands(text, s, e)
            + english_local_governments(text, s, e)
            + counted_governments(text, s, e)
            + national_governments(text, s, e)
            + english_regional_heads(text, s, e)
            + foreign_envoys(text, s, e)
            + minister_posts(text, s, e, gazetteer)
            + office_heads(text, s, e)
            + english_command_posts(text, s, e)
            + district_heads(text, s, e)
        )
        # "BRI Cabang X": a firm's branch is the firm (the gold names it once), read by its known form.
        surfaces = [m for m in surfaces if m.sector_basis != "acronym-branch"
                    or known_sectors.get(m.name.split()[0], ("", ""))[0] not in _FIRM_SECTORS]
        candidates = (
            _split_at_known(text, [body_in_its_office(text, m, known_forms, national_forms)
                                   for m in head_noun_spans(text, s, e, known_forms)], surfaces)
            + acronym_pairs(text, s, e, known_forms)
            + surfaces
            + group_lists(text, s, e)
        )
        offices = district_offices(text, s, e)
        # "Kantor Kelurahan X" is read as the kelurahan's office, the body, not as a building
        # named with the head "Kantor" (which the venue rules refuse).
        candidates = [c for c in candidates if not any(c.start <= o.start < c.end for o in offices)] + offices
        # A command spelt by its head's post ("Langsa Police Chief": Kepolisian Resor Langsa) is that
        # command under its own name, not a body named by the words' head noun ("Police").
        commands = {(m.start, m.end) for m in candidates if m.method in _COMMAND_METHODS}
        candidates = [m for m in candidates if m.method in _COMMAND_METHODS or (m.start, m.end) not in commands]
        settled = bracketed_short_forms(text, branches_of(text, join_units(text, settle(candidates, text))))
        settled = places_listed_in_name(text, settled)
        by_span = {(m.start, m.end): m for m in reversed(settled)}
        settled = [_academic_unit(m, by_span) for m in settled]
        settled += elliptical_branches(text, settled, e)
        settled += elliptical_governments(text, settled, e)
        settled += cue_lists(text, s, e, settled)
        settled += hyphen_compounds(text, s, e, settled, known_sectors)
        settled += attendance_lists(text, sentence, settled)
        documents = document_spans(text, s, e)
        found.extend(m for m in settled if _keep(m, text) and not any(a <= m.start < b for a, b in documents))
    found += [m for m in attendance_lines(text, found) if _keep(m, text)]
    contact_lines = [(c.start(), c.end()) for c in _contact_regex().finditer(text)]
    found = [m for m in found if not _inside_collective(text, m) and not _on_contact_line(contact_lines, m)]
    found = _short_forms_of_earlier(sorted(found, key=lambda c: (c.start, -c.end)))
    cells = table_cells(text)
    found = [m for m in found if not any(a <= m.start < b for a, b in cells.posts)]
    found += [m for m in table_members(text, cells, found) if _keep(m, text)]
    found = [b for m in found if (b := m if not _post_only_unit(text, m) else body_of_post_only_unit(text, m))
             is not None and not portfolio_of_a_deputy(text, b)]
    found = [p for m in found if (p := parent_of_post_unit(text, m)) is not None]
    found = [p for m in found if (p := parent_of_subgroup(text, m)) is not None]
    # (a bare division stays when the text names it with its parent too: the same unit, written short)
    found = [m for m in found if not orphan_division(m) or any(o.name.startswith(m.name + " ") for o in found)]
    found = university_bodies(text, found, frozenset(f for f, (sector, _) in known_sectors.items()
                                                     if sector == "AcademicInstitution" and f.isupper()))
    found = units_before_school(text, found, known_forms)
    found = _defined_short_forms(found)
    found = _headline_names(text, found)
    found = _commands_named_elsewhere(text, found)
    found = units_of_posts(text, found)
    found = same_local_government(text, found)
    found = _english_endings_of_earlier(found)
    found = [english_government_name(text, _english_level_after(text, _english_place_after(text, m))) for m in found]
    found = [english_region_before(text, m) for m in found]
    found = [_count_cut(text, _person_cut(text, m)) for m in found]
    found = _forest_units_of_owner(found)
    found = _donor_programmes(text, found)
    return sorted(found, key=lambda c: (c.start, -c.end))


#: The programme's own name in capitals after a donor's short form: "USAID IUWASH PLUS".
_PROGRAMME_AFTER = re.compile(r" ((?:[A-Z][A-Z0-9-]{2,}|[A-Z]{2,}-[0-9]+)(?: [A-Z][A-Z0-9-]{2,}){0,2})(?![\w-])")
#: The sectors of a donor whose programmes act under the donor's name and their own.
_DONOR_SECTORS = ("InternationalOrganization", "ForeignGovernment", "DiplomaticMission")


@functools.cache
def _capital_function_words() -> frozenset[str]:
    """The function words of either language (``function_words``, ``connectors``), the words of a
    person's post (``post_tails``, ``english_posts_after_name``: "UNICEF ADVISOR") and the short
    forms of a field ("UNICEF WASH", ``not_body_short_forms``), in capitals."""
    found = {r["word"] for r in table("function_words")} | set(word_list("connectors"))
    found |= set(word_list("post_tails")) | set(word_list("english_posts_after_name"))
    found |= set(word_list("not_body_short_forms"))
    return frozenset(w.upper() for w in found)


def _donor_programmes(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A donor's programme named by the donor's short form and its own name in capitals ("USAID
    IUWASH PLUS partners with the city", "the USAID IUWASH PLUS Chief of Party"): a programme team
    acting under its own name is an actor (annotation guide, actors), the programme, not its donor;
    one that acts is named again, so a name written once is left to its donor.
    Not in a line written in capitals (a headline's "UNICEF HELPS ..."), not before a word of a
    sentence or of a post ("AND", "ADVISOR"), nor of a place ("UNDP INDONESIA": the donor's country
    office), nor when the capitals are a body found on their own."""
    starts = {m.start for m in found}
    stops = _capital_function_words()
    out = []
    for m in found:
        surface = text[m.start:m.end]
        after = _PROGRAMME_AFTER.match(text, m.end)
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if (after is None or not m.method.startswith("gazetteer:") or m.sector not in _DONOR_SECTORS
                or not surface.isupper() or after.start(1) in starts
                or not any(c.islower() for c in line)
                or any(w in stops for w in after.group(1).split())
                or any(_is_place(w.capitalize()) or _is_place(w) for w in after.group(1).split())):
            out.append(m)
            continue
        name = text[m.start:after.end(1)]
        if text.count(name) < 2:
            out.append(m)  # a run of capitals written once: a code or a fragment as often as a programme
            continue
        out.append(replace(m, end=after.end(1), name=name, acronym=None, expansion=None,
                           sector="InternationalOrganization", sector_basis="donor-programme",
                           method="rule:donor-programme"))
    return out


def _national_forms(gazetteer: Gazetteer | None) -> frozenset[str]:
    """The surface forms of the gazetteer's national and international bodies ("Basarnas")."""
    if gazetteer is None:
        return frozenset()
    cached = _NATIONAL_CACHE.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    forms = frozenset(surface.strip() for surface, entry in gazetteer.surface_forms()
                      if entry.level in ("national", "international"))
    _NATIONAL_CACHE[id(gazetteer)] = (gazetteer, forms)
    return forms


_NATIONAL_CACHE: dict[int, tuple[object, frozenset[str]]] = {}


def _forest_units_of_owner(found: list[ActorMention]) -> list[ActorMention]:
    """A forest unit ("KPH Garut") in a report that names the state forest firm whose units are
    written the same way (Perhutani's Kesatuan Pemangkuan Hutan, on Java) is that firm's unit,
    of its kind, not a province's forest management unit (Kesatuan Pengelolaan Hutan); written
    right after the firm ("Perum Perhutani KPH Indramayu") it is one actor with it."""
    owner_words = frozenset(word_list("forest_unit_owners"))
    owners = {m.name: m.sector for m in found if m.name in owner_words and m.sector}
    if owners:
        sector = next(iter(owners.values()))
        found = [replace(m, sector=sector, sector_basis="head:of-its-owner")
                 if m.sector_basis == "head:KPH" else m for m in found]
    # "Perum Perhutani KPH Indramayu": the owner (by its name alone or with its legal form) written
    # right before its unit names one actor, the unit with its parent (docs/annotation-guide.md).
    out: list[ActorMention] = []
    for m in sorted(found, key=lambda c: (c.start, -c.end)):
        prev = out[-1] if out else None
        if (prev is not None and m.sector_basis in ("head:KPH", "head:of-its-owner") and prev.sector
                and owner_words & set(prev.name.split()) and m.start - prev.end == 1):
            out[-1] = replace(m, start=prev.start, name=f"{prev.name} {m.name}", sector=prev.sector,
                              sector_basis="head:of-its-owner")
            continue
        out.append(m)
    return out


def _english_endings_of_earlier(found: list[ActorMention]) -> list[ActorMention]:
    """An English name that is the ending of one earlier name only ("the Indonesia National
    Chapter" after "CityNet Indonesia National Chapter") is that body named again, as a short
    form is: it takes the earlier name, so the two are one actor."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    out: list[ActorMention] = []
    for m in found:
        head = m.method.removeprefix("rule:head-noun:")
        if head != m.method and head in _heads() and _heads()[head].english and len(m.name.split()) >= 2:
            longer = {e.name for e in out if e.end <= m.start and e.name.endswith(f" {m.name}")
                      and e.name[:-len(m.name)].strip().split()[-1][:1].isupper()}
            if len(longer) == 1:
                m = replace(m, name=longer.pop())
        out.append(m)
    return out


#: "in" and one or two capitalised words after an English body's name: "X Embassy in Jakarta".
_IN_PLACE = re.compile(r" in ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w-])")


def _english_place_after(text: str, m: ActorMention) -> ActorMention:
    """An English body's name and the place it sits in ("X Embassy in Jakarta", "Sinar Contoh
    Foundation in Indonesia", "Task Force ... in Contoh Regency"): English names a branch or
    an office by its place after "in", as Indonesian names one by the place after the head's
    words; the quote takes the place, the name stays the body's own, so either reading is found."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    head = _heads().get(m.method.removeprefix("rule:head-noun:"))
    if head is None or not head.english or " in " in text[m.start:m.end]:
        return m
    after = _IN_PLACE.match(text, m.end)
    if after is None:
        return m
    words_ = after.group(1).split()
    for width in range(len(words_), 0, -1):
        if _is_place(" ".join(words_[:width])):
            return replace(m, end=after.start(1) + len(" ".join(words_[:width])))
    return m


#: A level word written in lower case after a region's name: "of the Rembang district", "(Kominfo)
#: Tulungagung regency" (``rules/words.csv``, list ``region_kind_english``).
_LEVEL_AFTER = re.compile(r" (" + "|".join(sorted((w for w in word_map("region_kind_english") if w.islower()),
                                                  key=len, reverse=True)) + r")(?![\w-])(?: (\w+))?")


def _english_level_after(text: str, m: ActorMention) -> ActorMention:
    """A body's name that ends with a region and the region's level word after it in lower case
    ("BAPPEDA of the Rembang district"): the level word is the name's, as "Kabupaten" is before
    the place. Not when a head noun follows ("the Rembang district government": another body)."""
    from resilience_kg.extract.recognise.actors.vocabulary import _heads

    last = text[m.start:m.end].split()[-2:]
    if not last or not m.name.endswith(last[-1]) or not any(
            _is_place(" ".join(last[-k:])) for k in range(1, len(last) + 1)):
        return m
    after = _LEVEL_AFTER.match(text, m.end)
    if after is None or (after.group(2) or "").capitalize() in _heads():
        return m
    return replace(m, end=m.end + 1 + len(after.group(1)), name=f"{m.name} {after.group(1)}")


#: The methods of a command read from its head's post (police, military).
_COMMAND_METHODS = ("rule:police-command", "rule:military-command", "rule:district-head")


def _commands_named_elsewhere(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A police command read from its head's post ("Kapolres X") is needed only where the text
    never names the command itself: where it writes "Polres X", the post stands for that body
    already (the post-head references do it), and a second mention would split the actor."""
    named = {
        n.lower()
        for m in found
        if m.method not in _COMMAND_METHODS
        for n in (m.name, m.acronym, text[m.start : m.end])
        if n
    }
    return [
        m
        for m in found
        if m.method not in _COMMAND_METHODS or not ({m.name.lower(), (m.acronym or "").lower()} & named)
    ]


#: A verb with a nasal prefix, capitalised as a title-case headline writes it: "Membahas",
#: "Menggelar", "Menyiapkan".
_HEADLINE_VERB = re.compile(r"Mem[bpf][a-z]{4,}|Men[cdjtz][a-z]{4,}|Meng[aeiouhgk][a-z]{3,}|Meny[aeiou][a-z]{3,}")


def _person_cut(text: str, m: ActorMention) -> ActorMention:
    """The mention without a person's name run on after its body (:func:`.bounds.person_after_post`)."""
    if m.name != text[m.start : m.end] or m.acronym:
        return m
    cut = person_after_post(text, m.start, m.end)
    if cut is None:
        cut = person_word_after_body(text, m.start, m.end)
    if cut is None:
        cut = person_with_degree_after_body(text, m.start, m.end) or person_named_again(text, m.start, m.end)
    return m if cut is None else replace(m, end=cut, name=text[m.start : cut])


#: A number at the end of a name, then a lower-case word that the text writes after another number
#: too: a tally ("Sudin SDA 27 usulan, Sudin Bina Marga 15 usulan"), not the number of a school or
#: a command ("SMP Negeri 3 Ponjong", "SMP Negeri 2 ikut", "Kodim 0616 menggelar").
_COUNT_AFTER = re.compile(r" (?P<n>\d{1,4})$")
_COUNT_NOUN_AFTER = re.compile(r" (?!dan\b|serta\b|and\b)(?P<noun>[a-z]+)(?![\w-])")


def _count_cut(text: str, m: ActorMention) -> ActorMention:
    """The mention without a tally's count run on after its name ("Sudin SDA 27 usulan, ...")."""
    count = _COUNT_AFTER.search(m.name)
    if count is None or m.name != text[m.start:m.end] or len(m.name[:count.start()].split()) < 2:
        return m
    noun = _COUNT_NOUN_AFTER.match(text, m.end)
    if noun is None or len(re.findall(r"(?<![\w-])\d{1,4} " + noun.group("noun") + r"(?![\w-])", text)) < 2:
        return m
    return replace(m, end=m.end - len(count.group(0)), name=m.name[:count.start()])


def _headline_names(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """A name read in a title-case headline ends where the report names the body again: in
    "Pemkab Karo MoU Penanggulangan Bencana" every word is capitalised, so the name is the longest
    beginning of it that the text writes elsewhere ("Pemkab Karo"), or, failing that, the words
    before a capitalised verb ("Pemkot X Membahas ...")."""
    out = []
    for m in found:
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        quote = text[m.start : m.end]
        words_ = quote.split(" ")
        # (A line longer than a headline is none: checked before the line is copied, as a paragraph
        # can be the whole text.)
        if (
            len(words_) < 3
            or m.name != quote
            or line_end - line_start > _HEADLINE_MAX
            or not _title_case(text[line_start:line_end])
        ):
            out.append(m)
            continue
        rest = text[:line_start] + "\n" + text[line_end:]
        written = next((n for n in range(len(words_) - 1, 1, -1) if _written(" ".join(words_[:n]), rest)), None)
        if not _written(quote, rest) and (_headline_tail(words_) or _unknown_after(words_, written)):
            cut = written
            if cut is None:
                cut = next(
                    (
                        n
                        for n in range(2, len(words_))
                        if _HEADLINE_VERB.fullmatch(words_[n]) and not _is_place(words_[n])
                    ),
                    None,
                )
            if cut is not None:
                name = " ".join(words_[:cut])
                # The body named in full in the story ("Yayasan X Indonesia") is the headline's "Yayasan X".
                fuller = {
                    f.name
                    for f in found
                    if not line_start <= f.start < line_end
                    and f.name.startswith(name + " ")
                    and all(w[:1].isupper() for w in f.name[len(name) + 1 :].split())
                }
                m = replace(
                    m,
                    end=m.start + len(name),
                    name=fuller.pop() if len(fuller) == 1 else name,
                    acronym=None if m.acronym == quote else m.acronym,
                    expansion=None,
                )
        out.append(m)
    return out


def _unknown_after(words_: list[str], written: int | None) -> bool:
    """Whether the headline's words after the name the story writes (``words_[:written]``) hold
    a word no body's or place's name the project knows (:func:`.bounds.in_name_vocabulary`):
    right after it ("Pemkab X MoU ..."), or further on, unless a parent, a short form or an
    English purpose goes on with the name ("Centre for ..."), or two known-led words do ("Bidang X
    Dinkes Y": a parent and its region)."""
    from resilience_kg.extract.recognise.actors.vocabulary import starts_a_name_part

    if written is None:
        return False
    rest = words_[written:]
    if not in_name_vocabulary(rest[0]):
        return True
    if starts_a_name_part(" ".join(rest)) or len(rest) <= 2:
        return False  # (a parent and its region: "Bidang X | Dinkes Y")
    return any(not in_name_vocabulary(w) for w in rest)


def _headline_tail(words_: list[str]) -> bool:
    """Whether a name read in a headline runs on into the headline's words: a verb or a document
    word after its second word ("... Membahas ...", "... MoU ..."), or six words or more. Not
    "Bidang X Dinkes Y", a unit with its parent's short form and region."""
    from resilience_kg.extract.recognise.actors.refusals import _document_words
    from resilience_kg.extract.recognise.actors.vocabulary import STOP_CAPS, is_verb_form

    return len(words_) >= 6 or any(
        _HEADLINE_VERB.fullmatch(w) or is_verb_form(w) or w in STOP_CAPS or _document_words().fullmatch(w)
        for w in words_[2:]
    )


def _written(name: str, text: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None


#: The longest line read as a headline, in characters.
_HEADLINE_MAX = 200


def _title_case(line: str) -> bool:
    """A headline in title case: no full stop at its end, and most of its words capitalised."""
    if len(line) > _HEADLINE_MAX:
        return False
    words_ = [w for w in line.split() if w[:1].isalpha()]
    if (
        len(words_) < 4 or line.rstrip().endswith((".", ":", ";", ",")) or "|" in line or "\t" in line
    ):  # (a table's row is no headline)
        return False
    return 10 * sum(w[0].isupper() for w in words_) >= 7 * len(words_)  # seven words in ten


#: The end of a line that leaves its sentence open: a short form in brackets or a comma.
_OPEN_LINE_END = re.compile(r"(?:\s\([A-Z][A-Za-z]{1,12}\)|[a-z],)$")


@functools.cache
def _wrap_regex() -> re.Pattern[str]:
    """A line break inside a sentence: after a line of some length that ends in a word or a comma
    (no full stop, colon or semicolon), before a line that starts with a word (no list marker). A
    link to another story ("Baca juga: ...") or a contact line is a line of its own: its end is
    where the headline or the contact ends."""
    own_lines = alternation("related_story_lines") + "|" + alternation("contact_lines")
    return re.compile(r"(?mi)^(?![ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)])[ \t])(?![ \t]*(?:" + own_lines + r")\s*:)"
                      r"([^\n|\t]{48,}[\w,)])\n(?=[ \t]*[A-Za-z(])")


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks of a hard-wrapped text turned into spaces, when it has at
    least three of them (a headline over its first paragraph is no wrapping), or the breaks that
    leave a sentence open (``_OPEN_LINE_END``); else unchanged."""
    found = list(_wrap_regex().finditer(text))
    breaks = [m.end(1) for m in found]
    if len(breaks) < 3:
        # One break may still cut a sentence: a line that ends on a body's short form in brackets
        # or a comma ("... milik Pemerintah Provinsi (Pemprov)" over "DKI Jakarta."), which no
        # headline does, goes on in the next line.
        breaks = [m.end(1) for m in found if _OPEN_LINE_END.search(m.group(1)) and not _title_case(m.group(1))]
        if not breaks:
            return text
    chars = list(text)
    for at in breaks:
        chars[at] = " "
    return "".join(chars)


def _defined_short_forms(found: list[ActorMention]) -> list[ActorMention]:
    """A name the report defines as a body's short form ("Dinas Komunikasi dan Informatika
    (Diskominfo)"), written bare elsewhere, is that short form even where its letters are not all
    capitals (the parent in "Bidang Statistik Diskominfo"): the same body, not a second one."""
    defined = {m.acronym for m in found if m.acronym and m.expansion}
    return [replace(m, acronym=m.name) if not m.acronym and m.name in defined else m for m in found]


def _chunks(sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences, as (start, end), for the surface matcher."""
    out: list[tuple[int, int]] = []
    for sentence in sentences:
        if out and sentence.start - out[-1][1] <= 2 and sentence.end - out[-1][0] < 4000:
            out[-1] = (out[-1][0], sentence.end)
        else:
            out.append((sentence.start, sentence.end))
    return out
