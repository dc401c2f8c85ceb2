"""Overlaps settled (the longest span wins), and units named with their parent: "Bidang Pencegahan
BPBD", "Pusat Data dan Informasi Kementerian PUPR" are one actor, the unit, with the
organisation as its parent."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import replace

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.vocabulary import (
    _SHORT_FORM_AFTER,
    _fits,
    _head_regex,
    _heads,
    is_acronym,
    name_key,
)
from resilience_kg.extract.recognise.rules import alternation, table, word_map, words


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
                        and merged.sector in ("CivilSocietyOrganization", "GovernmentAgency") and merged.kind == "org"):
                    # "ASEAN Smart Cities Network": a network or forum of an intergovernmental body is
                    # international, and so is its task force ("UCLG Taskforce on ...").
                    merged = replace(merged, sector=cand.sector, sector_basis="head:of-an-international-body")
                if (cand.sector and cand.sector != merged.sector and c.acronym
                        and cand.method.startswith(("gazetteer:", "rule:known-name"))
                        and cand.name == c.acronym and c.expansion and not _fits(c.acronym, c.expansion)):
                    # "Komisi Ekonomi ... Pasifik (ESCAP)": the known short form in brackets says what it is.
                    merged = replace(merged, sector=cand.sector, sector_basis="known-short-form")
                if merged.sector is None and cand.sector and cand.method.startswith(("gazetteer:", "rule:known-name")):
                    # "Kamar Dagang dan Industri (KADIN) DKI Jakarta": no head noun, but a known short form.
                    merged = replace(merged, sector=cand.sector, sector_basis="known-form-inside")
                if (cand.start == c.start and cand.end == c.end and cand.acronym and not merged.acronym
                        and cand.method == "rule:acronym-paren" and c.method.startswith("rule:head-noun")
                        and "/" in text[c.start:c.end]):
                    # "Dinas Perhubungan/Dishub": one word to the head noun, a name and its short form to the pair.
                    merged = replace(merged, name=cand.name, acronym=cand.acronym, expansion=cand.expansion)
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
                if unit.sector is None and best.sector:
                    # "the secretariat of Open Government X": a unit with no head of its own is of its parent's kind.
                    chosen[at] = replace(chosen[at], sector=best.sector, sector_basis="head:of-its-parent")
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


def _secretariat_of_government(text: str, mentions: list[ActorMention], i: int) -> bool:
    """Whether mention ``i`` is a bare secretariat ("Setda") written right before a region's
    government ("Setda Pemprov Banten"): that government's secretariat, a unit of it."""
    if text[mentions[i].start:mentions[i].end] not in words("secretariat_forms") or i + 1 >= len(mentions):
        return False
    org = mentions[i + 1]
    return text[mentions[i].end:org.start] == " " and name_key(org.name).startswith("pemerintah ")


#: A council organ's number written after its bracketed short form: "Panitia Khusus (Pansus) III".
_NUMBER_AFTER_SHORT_FORM = re.compile(r" ([IVX]{1,4}|\d{1,2})(?= )")


def _agency_of_ministry(text: str, mentions: list[ActorMention], i: int) -> bool:
    """Whether mention ``i`` is a Badan written right before a ministry ("Badan Strategi
    Kebijakan Dalam Negeri (BSKDN) Kementerian Dalam Negeri", "Badan Litbang Kementerian X"):
    a ministry's agency, one of its units (Perpres 68/2019: a ministry's Badan is an echelon-I
    unit), not a national agency beside it."""
    if i + 1 >= len(mentions) or not mentions[i].name.startswith(("Badan ", "Lembaga ")):
        return False
    ministry = mentions[i + 1]
    return text[mentions[i].end:ministry.start] == " " and ministry.kind == "org" \
        and ministry.name.startswith(tuple(words("ministry_heads")))


def join_units(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A unit followed at once by its organisation is one actor, the unit, with that organisation
    as its parent: "Pusat Data dan Informasi Kementerian PUPR", "Data Centre of the Ministry of X".
    The organisation stays, as the parent (it is mentioned, not present on its own)."""
    out = list(mentions)
    inner: list[ActorMention] = []
    # From the last mention back, so that a unit of a unit of a ministry ("Balai Besar ... Direktorat
    # Jenderal SDA Kementerian PUPR") meets the middle unit already joined to its ministry.
    for i in reversed(range(len(out))):
        unit = out[i]
        # A council's commissions are numbered or lettered ("Komisi IV", "Komisi B": DPRD DKI and
        # several provinces letter theirs), so a lettered one is a unit of the council after it too.
        numbered = re.fullmatch(r"\S+ (?:[IVX]{1,4}|\d{1,2})|Komisi [A-E]", unit.name) is not None
        numbered = numbered or _secretariat_of_government(text, out, i)
        numbered = numbered or _agency_of_ministry(text, out, i)
        if (unit.kind != "unit" and not numbered) or unit.parent_span is not None or i + 1 >= len(out):
            continue  # ("Komisi IV DPRD Banjar": a numbered organ is a unit of the body after it)
        org = out[i + 1]
        # "Panitia Khusus (Pansus) III DPRD X": a numbered organ's number after its short form.
        number = _NUMBER_AFTER_SHORT_FORM.match(text, unit.end) if text[unit.end - 1:unit.end] == ")" else None
        if number is not None and unit.kind == "unit" and number.end() <= org.start:
            unit = replace(unit, end=number.end(), name=f"{unit.name} {number.group(1)}")
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
        if _secretariat_of_government(text, mentions, i):  # (the gazetteer's one Setda is some other region's)
            out[i] = replace(out[i], method="rule:secretariat-of-government", acronym=None)
    out = [m for m in out if m not in inner]
    out = _parent_before_organ(text, out)
    # Drop the short form's own mention ("UGM" in "(PSBA UGM)"): a mention after a joined unit's
    # parent and inside the unit. The units are sorted by where their parent ends, with the
    # farthest end reached so far, so each mention asks one bisection.
    joined = sorted((m.parent_span[1], m.end) for m in out if m.kind == "unit" and m.parent_span is not None)
    parent_ends = [p for p, _ in joined]
    reach = list(itertools.accumulate((e for _, e in joined), max))
    out = [m for m in out if not ((k := bisect.bisect_right(parent_ends, m.start)) and reach[k - 1] >= m.end)]
    by_span = {(m.start, m.end): m for m in reversed(out)}  # the first mention of a span, as next() found it
    return [_academic_unit(m, by_span) for m in out]


def _parent_before_organ(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A parent's short form written right before its numbered organ ("DPRD Komisi III", "DPR
    Komisi VI Provinsi X") or before its unit named by a unit's head noun ("BMKG Stasiun
    Geofisika Contoh", "BPBD Bidang Kedaruratan") is one actor, the organ or unit, with that body
    as its parent, as "Komisi III DPRD" is."""
    out = list(mentions)
    for i in range(len(out) - 1):
        org, organ = out[i], out[i + 1]
        if (org.kind == "org" and org.parent_span is None and org.acronym in (org.name, None)
                and is_acronym(org.name.split()[0])
                and (text[org.end:organ.start] == " "
                     or (text[org.end:organ.start] == ", " and _council_organ(org, organ)))
                and organ.parent_span is None
                and (re.match(r"[A-Z][a-z]+ (?:[IVX]{1,4}|\d{1,2})(?![\w-])|Komisi [A-E]$", organ.name)
                     or (organ.kind == "unit" and organ.method.startswith("rule:head-noun:")))):
            # (A unit keeps its own name, "Stasiun Geofisika Contoh", its quote the parent's short form.)
            name = organ.name if organ.kind == "unit" else f"{org.name} {organ.name}"
            out[i + 1] = replace(organ, start=org.start, name=name, kind="unit", parent_span=(org.start, org.end))
    return out


def _council_organ(council: ActorMention, organ: ActorMention) -> bool:
    """Whether ``organ`` is a lettered or numbered commission and ``council`` a DPRD: "DPRD X,
    Komisi A" names the council's own commission, the only body such a commission belongs to."""
    return council.name.startswith("DPRD ") and re.fullmatch(r"Komisi (?:[A-E]|[IVX]{1,4})", organ.name) is not None


def _academic_unit(unit: ActorMention, by_span: dict[tuple[int, int], ActorMention]) -> ActorMention:
    """A centre or institute of a university is academic, whatever its head says: a "Pusat
    Penelitian ... Universitas Udayana" is the university's, not a ministry's centre."""
    if unit.kind != "unit" or unit.sector == "AcademicInstitution":
        return unit
    parent = by_span.get(unit.parent_span) if unit.parent_span else None
    named = any(h.start() > 0 and _heads()[h.group(1)].sector == "AcademicInstitution"
                and _heads()[h.group(1)].kind == "org" for h in _head_regex().finditer(unit.name))
    if not named and (parent is None or parent.sector != "AcademicInstitution") and not _academic_work(unit.name):
        return unit  # ("Center for Disaster Studies of Universitas Gadjah Mada" names its university)
    return replace(unit, sector="AcademicInstitution", sector_basis="head:of-a-university")


@functools.cache
def _academic_work_regex() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words("academic_unit_words")) + r")\b")


def _academic_work(name: str) -> bool:
    """Whether a unit's own words name academic work ("Center for Population and Policy Studies",
    "Pusat Kajian ...", "Directorate of Research and Community Service"): a university's centre or
    institute, whose university the text may name only elsewhere, never a ministry's office."""
    return _academic_work_regex().search(name) is not None


#: After a body's bracketed short form: up to two capitalised words, then the short form of its parent.
_PARENT_AFTER_SHORT_FORM = re.compile(r"(?:\s+[A-Z][a-z]+){0,2}\s+([A-Z][\w-]+)")


def university_bodies(text: str, found: list[ActorMention], known: frozenset[str] = frozenset()) -> list[ActorMention]:
    """A body whose short form is followed by a university's ("Lembaga Penelitian ... (LPPM) Unhas",
    "Pusat Penelitian ... (Puslitbang) Kebencanaan Unhas", Unhas defined earlier as a university) is
    the university's: academic, whatever its head says. ``known``: the short forms of
    universities the gazetteer holds, which count even where the text names them only there."""
    universities = {u for m in found if m.sector == "AcademicInstitution" and m.kind == "org"
                    for u in (m.acronym, m.name) if u}
    universities |= known
    out = []
    for m in found:
        after = _PARENT_AFTER_SHORT_FORM.match(text, m.end) if text[m.end - 1:m.end] == ")" else None
        if after is not None and after.group(1) in universities and m.parent_span is None:
            # The words after the short form finish the unit's name ("Pusat Penelitian ...
            # (Puslitbang) Kebencanaan Unhas"): the university's unit, with the university as its
            # parent, as "Pusat Studi Bencana UGM" is (join_units).
            parent = next((u for u in found if u.start == m.end + after.start(1) - after.start()), None)
            if parent is not None and "\n" not in after.group(0):
                plain = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text[m.start:after.end()])
                m = replace(m, end=after.end(), name=" ".join(plain.split()), kind="unit",
                            parent_span=(parent.start, parent.end),
                            acronym=f"{m.acronym} {after.group(1)}" if m.acronym else None)
            m = replace(m, sector="AcademicInstitution", sector_basis="head:of-a-university")
        elif m.sector != "AcademicInstitution" and m.acronym and len(m.name.split()) > 2 \
                and m.name.split()[-1] in universities and m.name.split()[-1] != m.acronym:
            # "Lembaga ... (LPPM) Unhas", its name read on to the university: the university's body.
            m = replace(m, sector="AcademicInstitution", sector_basis="head:of-a-university")
        elif m.sector != "AcademicInstitution" and (_university_first(m.name, universities) or (
                m.kind == "unit" and m.sector == "GovernmentAgency"
                and _university_follows(text, m.end, universities))):
            # "UGM Centre for Disaster Studies", "UNHAS Disability Center": English puts the
            # university's short form before its centre's own name; "(CURE) Research Cluster,
            # Faculty of Engineering, Universitas X" names it after.
            m = replace(m, sector="AcademicInstitution", sector_basis="head:of-a-university")
        out.append(m)
    return out


def _university_first(name: str, universities: set[str]) -> bool:
    """Whether a unit's name opens with a university's short form named in the report and goes on
    with a unit's head ("UNHAS Disability Center"): the university's centre, not a public office."""
    words = name.split()
    if len(words) < 2 or words[0] not in universities:
        return False
    return any(_heads()[h.group(1)].kind == "unit" for h in _head_regex().finditer(name, len(words[0])))


#: The capitalised words between a unit's name and its university: "(CURE) Research Cluster,
#: Faculty of Engineering, Universitas Diponegoro".
_PARENT_WORDS = re.compile(r"(?:[\s,]+(?:[A-Z][\w-]*|of|and|dan)){0,8}[\s,]+")


def _university_follows(text: str, end: int, universities: set[str]) -> bool:
    """Whether the capitalised words right after an English unit's short form end in a
    university's name or short form: the unit is that university's, whatever its head says."""
    if text[end - 1:end] != ")":
        return False
    clause = re.split(r"[.;(\n]", text[end:end + 120], maxsplit=1)[0]
    for university in universities:
        at = clause.find(f" {university}")
        if at >= 0 and _PARENT_WORDS.fullmatch(clause, 0, at + 1):
            return True
    return False


def parent_of_post_unit(text: str, m: ActorMention) -> ActorMention | None:
    """The parent of a division named with it right after its head's post ("Kepala Bidang
    Kedaruratan BPBD Contoh, Budi"), where the text never names the division without that post
    and names the parent on its own elsewhere: the division is known only through the post
    (annotation guide: optional), and the parent is the body present through its official. The
    parent's own mention, cut from the division's name when no parent was read apart ("BPBD
    Contoh"); ``m`` itself otherwise; None when the parent's mention stands apart already (the
    division is dropped)."""
    from resilience_kg.extract.recognise.actors.refusals import after_head_post

    if m.kind != "unit" or not any(m.name.startswith(w + " ") for w in words("post_only_units_of_parent")):
        return m
    if not re.search(r"(?:^|\s)Kepala\s+$", text[max(0, m.start - 10):m.start]):
        return m  # (only its own head: "Kasubag Bidang X" heads a part of it, the division is meant)
    start = m.parent_span[0] if m.parent_span is not None else _parent_start(text, m)
    if start is None:
        return m
    unit = text[m.start:start].strip()
    if not all(after_head_post(text, o.start()) for o in re.finditer(re.escape(unit), text)):
        return m  # (the division is named on its own too: "Bidang X menggelar ...")
    words_ = text[start:m.end].split()
    parent = " ".join(words_[:1] if is_acronym(words_[0]) else words_[:2])
    if not any(not m.start <= o.start() < m.end
               for o in re.finditer(r"(?<![\w-])" + re.escape(parent) + r"(?![\w-])", text)):
        return m  # the parent is named only here: the division is the actor, its parent optional (guide)
    if m.parent_span is not None:
        return None
    name = re.sub(r"\s+", " ", text[start:m.end])
    return replace(m, start=start, name=name, kind="org", sector_basis="parent-of-post-unit",
                   method="rule:parent-of-post-unit")


def orphan_division(m: ActorMention) -> bool:
    """A division of a body named with no parent and no place ("Bidang Kemitraan", "Bagian Humas
    dan Kerja Sama"): every dinas, badan, secretariat and university has one, and the text does not
    say whose; the annotation guide leaves such a unit optional at most, and its head's post speaks
    for the body the text names.

    >>> unit = ActorMention(0, 16, "Bidang Kemitraan", None, None, None, "", "test", 1.0, kind="unit")
    >>> orphan_division(unit), orphan_division(replace(unit, name="Bidang Kemitraan BPBD Contoh"))
    (True, False)
    """
    from resilience_kg.extract.recognise.actors.places import _LEVEL_WORDS, _is_place, _place_kinds

    if m.kind != "unit" or m.parent_span is not None:
        return False
    lead = next((w for w in words("division_heads") if m.name.startswith(w + " ")), None)
    if lead is None:
        return False
    alone = replace(m, start=0, end=len(m.name))
    if _parent_start(m.name, alone, first=len(lead.split())) is not None:
        return False  # its parent is named with it: "Bidang X BPBD", "Bagian Y Pemerintah Kota Z"
    rest = m.name.split()[len(lead.split()):]
    if any(w in _pattern_short_forms() for w in rest):
        return False  # a regional body's short form: "Bidang Kesmas Dinkes X"
    return not any(w in _place_kinds() or w in _LEVEL_WORDS or _is_place(" ".join(rest[i:]))
                   for i, w in enumerate(rest))  # or its place: "Seksi X Jakarta Utara", "Bidang Y RW 07"


@functools.cache
def _pattern_short_forms() -> frozenset[str]:
    """The one-word short forms of the standard regional bodies ("Dinkes", "Bappeda", "Sudin")."""
    forms = (f for row in table("body_patterns") for f in [row["acronym"], *row["aliases"].split("|")])
    return frozenset(f for f in forms if f and " " not in f)


def _parent_start(text: str, m: ActorMention, first: int = 2) -> int | None:
    """Where a parent body's name starts inside a unit's name: the first word after the unit's
    head that is a short form ("BPBD") or an organisation's head noun ("Dinas", "Badan")."""
    for w in list(re.finditer(r"\S+", text[m.start:m.end]))[first:]:
        at = m.start + w.start()
        if is_acronym(w.group()):
            return at
        head = _head_regex().match(text, at, m.end)
        if head is not None and _heads()[head.group(1)].kind == "org":
            return at
    return None


@functools.cache
def _division_words() -> frozenset[str]:
    """The heads of divisions and of lowest units (``division_heads``, ``post_only_units``): no
    parent body starts at them."""
    return frozenset(words("division_heads")) | frozenset(words("post_only_units"))


def body_of_post_only_unit(text: str, m: ActorMention) -> ActorMention | None:
    """The body a lowest-level unit names as its parent right after its head's post ("Kepala Seksi
    Data Stasiun Geofisika Kelas I Contoh, Budi"): the post's holder is meant, not the unit
    (:func:`.refusals._post_only_unit` drops it), and the body named in it, here a BMKG station,
    is the one present through its official. Its parent starts at a short form or a head noun of
    an organisation, or of a unit that is no division ("Stasiun Geofisika", "UPT"); None when the
    unit's name holds no such body ("Kepala Seksi Pemerintahan")."""
    divisions = _division_words()
    for w in list(re.finditer(r"\S+", text[m.start:m.end]))[2:]:
        at = m.start + w.start()
        head = _head_regex().match(text, at, m.end)
        if not is_acronym(w.group()) and (head is None or head.group(1) in divisions
                                          or head.group(1).split()[0] in divisions):
            continue
        name = re.sub(r"\s+", " ", text[at:m.end])
        sector = "GovernmentAgency" if m.sector is None else m.sector
        return replace(m, start=at, name=name, kind="org", sector=sector, sector_basis="body-of-post-unit",
                       method=f"rule:head-noun:{head.group(1)}" if head is not None else "rule:body-of-post-unit",
                       acronym=None, expansion=None)
    return None


#: "Ketua Sub Kelompok X": a subgroup of a public body, a post's team (the working groups that
#: replaced the lowest units when the civil service was simplified, PermenPANRB 17/2021); right
#: before a mention, or before the second field of the subgroup's name ("Sub Kelompok X dan ...").
_SUBGROUP_BEFORE = re.compile(r"(?:\bSub\s*-?\s*|\bSub\s*-?\s*[Kk]elompok\b[^,.;:\n()]{0,80}\s(?:dan|&)\s+)$")


def parent_of_subgroup(text: str, m: ActorMention) -> ActorMention | None:
    """The parent of a public body's subgroup ("Ketua Sub Kelompok Pencegahan BPBD Contoh, Budi"):
    the subgroup is a team inside the body, named for its head's post, no body of its own; the
    body named after it is the one present ("BPBD Contoh"). None when the mention names the
    subgroup alone; ``m`` when no subgroup precedes it."""
    if not m.name.startswith(("Kelompok ", "Lembaga ")) \
            or not _SUBGROUP_BEFORE.search(text, max(0, m.start - 120), m.start):
        return m
    start = _parent_start(text, m, first=1)
    if start is None:
        return None
    name = re.sub(r"\s+", " ", text[start:m.end])
    sector = "GovernmentAgency" if is_acronym(name.split()[0]) else m.sector  # (a public body's subgroup)
    return replace(m, start=start, name=name, kind="org", sector=sector, sector_basis="parent-of-subgroup",
                   method="rule:parent-of-subgroup", acronym=None, expansion=None)


#: An English region's name, its level word perhaps, right before a body's short form: "NTT
#: BPBD", "NTB Province BPBD", "West Java Province BPBD".
_ENGLISH_REGION_BEFORE = re.compile(r"(?<![\w-])(?P<place>(?:[A-Z][\w-]*\s){0,2}[A-Z][\w-]*)"
                                    r"(?:\s(?P<level>Province|Regency|City))?\s$")


@functools.cache
def _office_short_forms() -> frozenset[str]:
    """The one-word short forms of the standard regional offices ("BPBD", "Bappeda", "Dinkes"),
    not of a region's forum or its government ("Forkopimda", "Pemda"): "the Langsa City
    Forkopimda consisting of ..." names the region's leaders, no office of it."""
    rows = (row for row in table("body_patterns") if not row["name"].startswith(("Forum ", "Pemerintah ")))
    forms = (f for row in rows for f in [row["acronym"], *row["aliases"].split("|")])
    return frozenset(f for f in forms if f and " " not in f)


def english_region_before(text: str, m: ActorMention) -> ActorMention:
    """A regional body's bare short form written after its region, as English orders the words
    ("the NTT BPBD office", "NTB Province BPBD"): the region's own branch ("A regional branch
    named with its province"), quoted with the region, not the bare short form. Only for the
    standard regional bodies' short forms ("BPBD", "Bappeda") and a region the regions list knows."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    short = text[m.start:m.end]
    if short != m.name or short not in _office_short_forms():
        return m
    before = _ENGLISH_REGION_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is None or re.search(r"[A-Z][\w-]*\s$", text[max(0, before.start() - 20):before.start()]):
        return m  # ("Dinas Kesehatan Jawa Barat BPBD": a capitalised word before the region ends another name)
    words_, level = before.group("place").split(), before.group("level")
    if level is None and words_[-1] in ("Province", "Regency", "City") and len(words_) > 1:
        level, words_ = words_[-1], words_[:-1]  # ("NTB Province BPBD": the level word is not the place's)
    for k in range(len(words_)):  # the longest region at the end of the capitalised words
        place = " ".join(words_[k:])
        if _is_place(place):
            start = before.start("place") + len(" ".join(words_[:k])) + (1 if k else 0)
            region = f"{word_map('region_kind_english')[level.lower()].capitalize()} {place}" if level else place
            return replace(m, start=start, name=f"{short} {region}", method="rule:english-region-before")
    return m


#: A short form in capitals right before a mention, on its line or at the end of the line before
#: ("HIMABIO UIA", "PSB\nUniversitas Contoh").
_SHORT_FORM_BEFORE = re.compile(r"(?<![\w/&().-])(?:(?P<outer>[A-Z][A-Z0-9]{2,8}) )?([A-Z][A-Z0-9]{2,8})"
                                r"(?:[ \t]+|[ \t]*\n[ \t]*)$")


def units_before_school(text: str, found: list[ActorMention], known: frozenset[str]) -> list[ActorMention]:
    """A university's or a school's unit named by its own short form before the parent's name
    ("HIMABIO UIA", "SAPPK ITB", "KSB SMA Contoh": a student association, a school, a school's
    disaster team) is one actor, the unit, with the parent as its parent (guide: a unit named
    with its parent). ``known``: the gazetteer's surface
    forms, whose bodies are no unit of the parent ("BNPB UGM" is two bodies). The parent's mention
    stays, inside the unit's, as :func:`join_units` keeps it."""
    from resilience_kg.extract.recognise.actors.lists import _unknown_short_form

    alone = {(m.start, m.end) for m in found if m.name == m.acronym and " " not in m.name}
    taken = [(m.start, m.end) for m in found if (m.start, m.end) not in alone]
    # Short forms the text gives a body's full name for ("Pusat ... (PIKKC) Institut X"): their unit
    # is that body, whose own mention already stands for it.
    spelled = {m.acronym.split()[0] for m in found if m.acronym and m.name != m.acronym}
    out, joined = [], set()
    for m in found:
        before = _SHORT_FORM_BEFORE.search(text, max(0, m.start - 24), m.start) \
            if m.sector == "AcademicInstitution" and m.kind == "org" and m.parent_span is None else None
        if before is None or before.end() != m.start or "\n\n" in before.group(0) \
                or not _unknown_short_form(before.group(2), letters=3) or before.group(2) in known \
                or {before.group(2), before.group("outer")} & spelled:
            out.append(m)
            continue
        # A faculty's short form before the unit's ("PUSKAMUDA FISIP UI") is the unit's name too.
        outer = before.group("outer")
        start = before.start() if outer and _unknown_short_form(outer, letters=3) and outer not in known \
            else before.start(2)
        if not any(a <= start < b for a, b in taken) \
                and not re.search(r"\b(?:" + alternation("place_prepositions") + r")\s+$",
                                  text[max(0, start - 12):start], re.IGNORECASE):
            # (not after "di", "in": "held in KPA Universitas X", a hall of the university)
            joined.update({(start, before.end(2)), (before.start(2), before.end(2))})  # ("SAPPK" alone is the unit's)
            name = " ".join(text[start:m.end].split())
            out.append(replace(m, start=start, name=name, acronym=name, expansion=None, kind="unit",
                               parent_span=(m.start, m.end), method="rule:unit-before-school",
                               sector_basis="head:of-a-university"))
        out.append(m)
    return [m for m in out if (m.start, m.end) not in joined]
