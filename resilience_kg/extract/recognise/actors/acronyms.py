"""Short forms and acronyms: "Expansion (ACR)", "Expansion [ACR]" and "ACR (Expansion)" pairs that
name a body, and a short form used after its full name, which is that body again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from resilience_kg.extract.recognise.actors.bounds import (
    administrative_tail,
    country_tail,
    post_ends_before_body,
    rank_tail,
)
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.places import (
    _is_place,
    _jurisdiction_tail,
    _named_tail,
    _split_region,
    basin_tail,
    numbered_tail,
    tail_name,
)
from resilience_kg.extract.recognise.actors.vocabulary import (
    CONNECTORS,
    LEGAL_FORMS,
    STOP_CAPS,
    _acting_subjects,
    _english_head_at_end,
    _fits,
    _head_regex,
    _heads,
    _is_calendar,
    _known_names,
    _names_a_body,
    _post_regex,
    is_acronym,
    is_cap,
)
from resilience_kg.extract.recognise.rules import confidence
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import Span, words

_ACRONYM_IN_BRACKETS = re.compile(r"[(\[]\s*([A-Z][A-Za-z0-9&.\-]{1,15}(?: [A-Z][A-Za-z0-9&\-]{1,15}){0,2})\s*[)\]]")


#: "Dinas Perhubungan/Dishub", "Forum ... Kota/ FORKOPIMKO Kota X": a short form given as the slash
#: alternative of the name before it, written like "Name (SHORT)".
_ACRONYM_AFTER_SLASH = re.compile(r"(?<=[a-z])/ ?([A-Z][A-Za-z0-9&\-]{1,15})(?![\w/])")


def _short_forms_after(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Each short form written after a name, in text order: its start, its end, the short form and
    what opens it ("(", "[" or "/")."""
    found = [(m.start(), m.end(), m.group(1).strip(), m.group(0)[0])
             for m in _ACRONYM_IN_BRACKETS.finditer(text, start, end)]
    found += [(m.start(), m.end(), m.group(1), "/") for m in _ACRONYM_AFTER_SLASH.finditer(text, start, end)]
    return sorted(found)


def acronym_pairs(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> list[ActorMention]:
    """"Expansion (ACR)", "Expansion [ACR]", "Expansion/ACR" and "ACR (Expansion)" pairs that name a body."""
    out: list[ActorMention] = []
    toks = _split_at_slashes(words(text, start, end))
    for m_start, m_end, acronym, opener in _short_forms_after(text, start, end):
        if acronym in LEGAL_FORMS:
            continue
        if not any(c.isupper() for c in acronym[1:]) and " " not in acronym:
            if not re.fullmatch(r"[A-Z][a-z]+", acronym):  # Bappeda, Dishub are fine
                continue
        before = [t for t in toks if t.end <= m_start]
        before += [Span(t.start, m_start, text[t.start:m_start]) for t in toks if t.start < m_start < t.end]
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
        if best is not None and not at_head:
            best = _head_before(text, before, best)
        if best is None:
            best = _collective_start(before)  # "Tsunami Alert Community (KOGAMI)": initials of another language
        if best is not None and commas and "," in text[before[best].start:m_start]:
            # Crossing a comma needs an expansion that starts with a head noun (perhaps one the
            # short form leaves out: "Dinas Pekerjaan Umum, Penataan Ruang, dan Pertanahan (PUPRP)").
            if not _head_regex().match(text, before[best].start):
                best = None
            elif any(_english_head_at_end(text[before[best].start:c.start]) for c in before[best:]
                     if c.text == ","):
                best = None  # "UPR Task Force, X Patrol Team, Fire Attack Team (TSA)": an English name
                # ends at its head, so the comma after it ends a list's member, not a field of one name
        if best is not None and opener == "/" and (not at_head or _post_regex().fullmatch(acronym)):
            best = None  # a slash alternative names a body only after a head noun, never a post's short form
        if best is not None:
            # A post before the body is not part of its name ("Kepala Biro ... (KDH-KLN)").
            post = _post_regex().match(text, before[best].start)
            # A deputy governor's short form names the office (Deputi TRLH), so it keeps its post words.
            if post is not None and post.end() < before[-1].end and not post.group(1).startswith("Deputi"):
                head_at = _head_regex().search(text, before[best].start, before[-1].end)
                if head_at is not None and head_at.start() >= post.start():
                    if head_at.group(1) == "Bidang" and head_at.start() >= post.end() \
                            and not text[post.end():head_at.start()].strip():
                        continue  # "Menteri Koordinator Bidang X (Menko X)": a post's field and its short form
                    best = next((k for k in range(best, len(before)) if before[k].start >= head_at.start()), best)
            s = before[best].start
            expansion = text[s:before[-1].end].rstrip(" ,")
            tail = (_jurisdiction_tail(text, m_end, end) or rank_tail(text, m_end, end)
                    or administrative_tail(text, m_end, end, expansion) or _named_tail(text, m_end, end, acronym)
                    or numbered_tail(text, m_end, end) or basin_tail(text, m_end, end, expansion)
                    or country_tail(text, m_end, end, english=_english_head_at_end(expansion) is not None))
            short_name = f"{acronym} {' '.join(text[m_end:m_end + tail].split())}".strip()
            if (_names_a_body(expansion) or acronym in _known_names() or acronym in known
                    or short_name in _acting_subjects(text) or _collective_start(before[best:]) == 0):
                # ("Destructive Fishing Watch (DFW) Indonesia" ... "DFW Indonesia merekomendasikan":
                # no head noun, but its short form proposes or commits, so it names a body.)
                method = "rule:acronym-bracket" if opener == "[" else "rule:acronym-paren"
                # "Pemerintah Kabupaten (Pemkab) Kendal": the place after the bracket is the body's.
                name = f"{expansion} {tail_name(text[m_end:m_end + tail])}" if tail else expansion
                head = _head_regex().match(expansion) or _english_head_at_end(expansion)
                sector = _heads()[head.group(1)].sector if head else None
                kind = _heads()[head.group(1)].kind if head else "org"
                if head is None and expansion.startswith(("Deputi", "Kedeputian")):
                    sector, kind = "GovernmentAgency", "unit"  # a deputy governor's office
                elif head is None and _collective_start(before[best:]) == 0:
                    sector = "CivilSocietyOrganization"  # "Tsunami Alert Community (KOGAMI)": a group of citizens
                if _post_regex().fullmatch(acronym):
                    # "Kepala Kepolisian Daerah (Kapolda) Jabar": the short form is the head's post, not the body's.
                    if kind == "unit" and not tail and post_ends_before_body(text, m_end, end):
                        continue  # "Kepala Bagian X (Kabag X) Polres Y": the post is in the Polres
                    out.append(ActorMention(s, m_end + tail, name, None, None, sector,
                                            f"head:{head.group(1)}" if head else "", method,
                                            confidence("mention:acronym"), kind=kind))
                    continue
                out.append(ActorMention(s, m_end + tail, name, acronym, expansion, sector,
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


#: English words that end a group's or a fund's own name ("Tsunami Alert Community", "Aceh Relief
#: Fund"): with a short form in brackets after them, the words name a body (``english_bracketed_bodies``).
_COLLECTIVE_ENDS = frozenset(word_list("english_bracketed_bodies"))


def _collective_start(before: Sequence[Span]) -> int | None:
    """Where an English name ending in a group's word starts, the words before a bracketed short
    form being ``before`` ("... with the help of Tsunami Alert Community"): two to six capitalised
    words, none an acronym, the last one a word of ``english_bracketed_bodies``; None otherwise."""
    if not before or before[-1].text not in _COLLECTIVE_ENDS:
        return None
    j = len(before) - 1
    while j > 0 and len(before) - j < 6 and is_cap(before[j - 1].text) and before[j - 1].text not in STOP_CAPS:
        j -= 1
    if any(is_acronym(t.text) for t in before[j:]):
        return None  # "ASEAN Economic Community (AEC)": a known body's programme or area, no group of its own
    return j if len(before) - j >= 2 else None


_SLASHED_NAMES = re.compile(r"([A-Z][\w-]*)/([A-Z][\w-]*)")


def _split_at_slashes(toks: list[Span]) -> list[Span]:
    """Two names written one after the other with a slash ("... Research Agency/Badan Perencanaan
    ... [BAPPERIDA]", an English name, then the Indonesian one) are two words: the short form in
    brackets may spell the second name from its first word."""
    out: list[Span] = []
    for t in toks:
        pair = _SLASHED_NAMES.fullmatch(t.text)
        if pair is None or is_acronym(pair.group(1)) or is_acronym(pair.group(2)):
            out.append(t)
            continue
        out.append(Span(t.start, t.start + pair.end(1), pair.group(1)))
        out.append(Span(t.start + pair.start(2), t.end, pair.group(2)))
    return out


def _head_before(text: str, before: Sequence[Span], best: int) -> int:
    """The start of the expansion, moved back over a head noun that the short form leaves out:
    in "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR)" PUPR spells the words after the head, and
    the body is the Dinas (which the text then calls "Dinas PUPR")."""
    for j in range(best - 1, max(-1, best - 4), -1):
        head = _head_regex().match(text, before[j].start)
        if head is not None and not text[head.end():before[best].start].strip() \
                and not _heads()[head.group(1)].english and head.group(1) not in LEGAL_FORMS:
            return j  # (a legal form is no head of the name: "PT Transportasi Jakarta (Transjakarta)")
        if not is_cap(before[j].text):
            break
    return best


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
    # The short forms with their place that earlier mentions define ("PMI Provinsi Jawa Tengah"),
    # by the body and region they name, each with the latest mention that defined it.
    by_place_form: dict[tuple[str, str], list[str]] = {}
    form_latest: dict[str, tuple[int, str]] = {}
    for i, m in enumerate(found):
        named = {*_recent(by_start.get(_abbreviation_key(m.name) or ((), ""), [])),
                 *_recent(by_region.get(_split_region(m.name) or ("", ""), []))}
        matches = [(last_seen[f], f) for f in named if _abbreviates(m.name, f) or _same_in_region(m.name, f)]
        matches += [form_latest[form] for form in _recent(by_place_form.get(_split_region(m.name) or ("", ""), []))
                    if _same_in_region(m.name, form, headed=False)]
        earlier = max(matches)[1] if matches else None  # the latest earlier mention that says so
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
        form = _short_with_place(m)
        if form:
            region = _split_region(form)
            if region is not None and region[0] and form not in form_latest:
                by_place_form.setdefault(region, []).append(form)
            form_latest[form] = (i, m.name)
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
    initial = None  # of the first word from k on that is not a connector (read from the end)
    for k in range(len(words_) - 1, -1, -1):
        if words_[k].lower() not in CONNECTORS:
            initial = words_[k][0].upper()
        if initial is not None:
            keys.append((tuple(words_[:k]), initial))
    return keys[::-1]


def _short_with_place(m: ActorMention) -> str:
    """The short form a mention defines, with the place that ends its name: "PMI Provinsi Jawa
    Tengah" for "Palang Merah Indonesia (PMI) Provinsi Jawa Tengah" (so that "PMI Jateng" later is
    that branch again); "" when it defines none."""
    if not (m.acronym and m.expansion and m.name.startswith(m.expansion + " ")) or " " in m.acronym:
        return ""
    return f"{m.acronym} {m.name[len(m.expansion) + 1:]}"


def _same_in_region(short: str, full: str, *, headed: bool = True) -> bool:
    """Whether two names are one body of one region written two ways: "Pemprov NTT" after
    "Pemerintah Provinsi Nusa Tenggara Timur" (a short head, a region's short name), or, not
    ``headed``, "PMI Jateng" after the short form "PMI Provinsi Jawa Tengah"."""
    if short == full or not full:
        return False
    a, b = _split_region(short), _split_region(full)
    return a is not None and a == b and bool(a[0]) and (not headed or _head_regex().match(full) is not None)


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



#: One word in brackets right after a body's name: its short form, even when the letters do not
#: spell the name ("Dinas Penanggulangan Kebakaran dan Penyelamatan (Gulkarmat)", an English name
#: with its Indonesian short form "(Bappeda)").
_ONE_WORD_BRACKET = re.compile(r" ?\(([A-Z][A-Za-z0-9\-]{1,15})\)")


def bracketed_short_forms(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A body's name with one word in brackets right after it and no short form yet takes the
    word as its short form and the brackets into its span: the annotation's surface is the name
    with its short form (one actor per body). A place, a known body that the name does not spell
    (a parent: "Tim Khusus (BNPB)"), a day or a month, or a word another mention claims stays out; a mention of just
    the word, for the same known body, is absorbed."""
    out = []
    absorbed: set[int] = set()
    for m in mentions:
        b = _ONE_WORD_BRACKET.match(text, m.end)
        if b is None or m.acronym or m.method.startswith("rule:acronym") \
                or not m.sector_basis.startswith(("head:", "gazetteer:")):
            out.append(m)
            continue
        short = b.group(1)
        inside = [o for o in mentions if m.end < o.start < b.end()]
        word_only = all(o.start == b.start(1) and o.end == b.end(1) for o in inside)
        same_body = bool(inside) and word_only and all(o.sector_basis == m.sector_basis for o in inside)
        other_body = short in _known_names() and not _fits(short, m.name) and not same_body
        if not word_only or other_body or short in STOP_CAPS or short in LEGAL_FORMS or _is_place(short) \
                or _is_calendar(short) \
                or (inside and not same_body and not _fits(short, m.name)):
            out.append(m)
            continue
        absorbed.update(id(o) for o in inside)
        # "Kementerian Luar Negeri dan Perdagangan (MFAT) Selandia Baru": the country after the
        # brackets says whose ministry it is, so it belongs to the name.
        country = country_tail(text, b.end(), len(text), english=_english_head_at_end(m.name) is not None)
        name = f"{m.name}{text[b.end():b.end() + country]}" if country else m.name
        out.append(replace(m, end=b.end() + country, name=name, acronym=short, expansion=m.name))
    return [m for m in out if id(m) not in absorbed]
