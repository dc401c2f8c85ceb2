"""The "actors" component: each mention resolved against the graph and the gazetteer, and the
mentions of one body grouped into one actor, with its type and how sure that type is."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.draft import Actor
from resilience_kg.extract.recognise.actors import ActorMention, is_acronym, name_key, starts_a_name_part
from resilience_kg.extract.recognise.actors.places import _contracted_place, _is_place, _split_region
from resilience_kg.extract.recognise.actors.vocabulary import (
    _english_head_at_end,
    _fits,
    _head_regex,
    _heads,
    _repeat_counted,
)
from resilience_kg.extract.recognise.rules import confidence, word_map, words

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.resolve import KnownActor


@dataclass
class _Actors:
    """The actors found so far, by key, in order of first mention, and every key each is known by."""

    by_key: dict[str, Actor] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    #: The mentions each actor holds, to add each once without reading its list again.
    held: dict[str, set[ActorMention]] = field(default_factory=dict)
    #: The distinct short forms (upper case) of each actor's mentions: a report that repeats a short
    #: form thousands of times must not make every later mention read them all again.
    acronyms: dict[str, set[str]] = field(default_factory=dict)

    def in_order(self) -> list[Actor]:
        return [self.by_key[k] for k in self.order]


def actors(doc: Document) -> None:
    """Group ``doc.mentions`` into ``doc.actors``, resolving each distinct surface once (the
    resolver is the slow part; the run's cache shares it between reports)."""
    found = _Actors()
    resolved: dict[tuple[Any, ...], Any] = {}
    acronym_names = {m.acronym.upper(): m for m in doc.mentions if m.acronym and m.expansion}
    # A body's mentions through a post or an officer (copies of one of its own mentions) come after
    # the bodies' own: each joins the actor its original made, wherever the report names it.
    home = _home_code(doc.city)
    for mention in sorted(doc.mentions, key=_by_reference):
        m = _as_named(mention, acronym_names, found)
        # A bare short form the report defines ("... (BPBD) Provinsi Jawa Tengah", then "BPBD") is
        # that body, whatever other BPBD the report's city would suggest.
        defined = acronym_names.get(m.acronym.upper()) if m.acronym and _bare(m) else None
        res = _resolution(doc, defined if defined is not None else m, resolved)
        keys = _actor_keys(m, res)
        bare = (_bare_earlier(m, found, home) or _organ_earlier(m, found)
                or _short_name_earlier(doc.text, m, found, doc.mentions)) \
            if not any(found.aliases.get(k) in found.by_key for k in keys) else None
        if bare is not None:  # (and no actor yet by this name's own keys: "DLH Kota X", then "Dinas ... Kota X")
            # The bare name's actor takes this mention, and its name: the row names the body in full.
            key = next(k for k, a in found.by_key.items() if a is bare)
            for k in keys:
                found.aliases.setdefault(k, key)
            _add(found, m, res, key)
            if not _by_reference(m):
                bare.mention = m
                bare.resolution = res if res is not None and (res.same_as or res.key) else bare.resolution
            continue
        _add(found, m, res, _key(found, m, res))
    doc.actors = _one_water_utility(found.in_order(), home)


@functools.cache
def _water_utility() -> re.Pattern[str]:
    """A drinking-water utility's head (``water_utility_heads``), then the rest of its name."""
    heads = sorted(word_map("water_utility_heads"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(h) for h in heads) + r") (?P<rest>.+)")


def _one_water_utility(actors_: list[Actor], home: str | None) -> list[Actor]:
    """The actors with a water utility named by its region merged into the one named by its brand
    ("PDAM Purwakarta" and "PDAM Gapura Tirta Rahayu" in a report on Purwakarta): a regency or city
    runs one such utility (``water_utility_heads``), so when the report names one of each, and the
    region is the report's own, both are one body, named by its brand."""
    if home is None:
        return actors_
    by_region, by_brand = [], []
    for a in actors_:
        m = _water_utility().fullmatch(a.mention.name)
        if m is None:
            continue
        located = _split_region(a.mention.name)
        if located is not None:
            by_region.append((a, located[1]))
        elif located is None and not _is_place(m.group("rest")):
            by_brand.append(a)
    if len(by_region) != 1 or len(by_brand) != 1:
        return actors_
    (place_named, code), brand = by_region[0], by_brand[0]
    if not (home.startswith(code) or code.startswith(home)):
        return actors_
    brand.mentions.extend(x for x in place_named.mentions if x not in brand.mentions)
    return [a for a in actors_ if a is not place_named]


def _home_code(city: str | None) -> str | None:
    """The region code of the jurisdiction the report is about, or None."""
    from resilience_kg.extract.regions import is_place

    region = is_place(city) if city else None
    return region.code if region is not None else None


def _bare_earlier(m: ActorMention, found: _Actors, home: str | None) -> Actor | None:
    """The one earlier actor named by this name without its region ("Dinas Pangan" in a list, then
    "Dinas Pangan Prov. X"), when that region is the report's own, holds it or lies in it: the bare
    name in a report about a place names the body of that place, so both are one body. None when
    the report also names the same body of another region."""
    if home is None or m.acronym or not m.method.startswith("rule:head-noun:"):
        return None
    located = _split_region(m.name)
    if located is None or not located[0] or not (home.startswith(located[1]) or located[1].startswith(home)):
        return None
    cut = _jurisdiction().search(f"{m.name} ")
    bare = name_key(m.name[:cut.start()]) if cut is not None else located[0]
    matches = [a for a in found.in_order() if name_key(a.mention.name) == bare and not a.mention.acronym]
    others = [a for a in found.in_order() if (r := _split_region(a.mention.name)) is not None and r[0] == located[0]]
    return matches[0] if len(matches) == 1 and not others and len(bare.split()) >= 2 else None


def _as_named(m: ActorMention, acronym_names: dict[str, ActorMention], found: _Actors) -> ActorMention:
    """The mention with what the rest of the report says of it."""
    # A bare acronym that the report expands elsewhere takes the expansion's sector.
    if m.acronym and not m.expansion and m.acronym.upper() in acronym_names:
        full = acronym_names[m.acronym.upper()]
        m = replace(m, expansion=full.expansion, sector=m.sector or full.sector,
                    sector_basis=m.sector_basis or full.sector_basis)
    # A bare name after the same name with its jurisdiction ("Dinas Perhubungan Kota
    # Semarang" ... "Dinas Perhubungan") is that body again, whatever the report's city.
    earlier = (_qualified_earlier(m, found) or _fragment_of_earlier(m, found) or _branch_of_bare(m, found)
               or _branch_of_short_name(m, found) or _organ_earlier(m, found, bare=True))
    if earlier is not None:
        m = replace(m, name=earlier.mention.name, sector=m.sector or earlier.mention.sector)
    elif (defined := _head_with_short_form(m, acronym_names)) is not None:
        m = replace(m, name=defined.name, sector=m.sector or defined.sector)
    return m


def _head_with_short_form(m: ActorMention, acronym_names: dict[str, ActorMention]) -> ActorMention | None:
    """The mention that defines the short form this name writes after its head: "Sudin Tamhut"
    after (or before) "Sudin Pertamanan dan Hutan Kota (Tamhut)", "PT Pamtija" and "PT PAM Tirta
    Jaya (Pamtija)". The head and the body's short form are that body again."""
    parts = m.name.split(" ")
    if len(parts) != 2 or not m.method.startswith("rule:head-noun:"):
        return None
    full = acronym_names.get(parts[1].upper())
    if full is None or full is m or full.name == m.name:
        return None
    return full if full.name.split(" ")[0].rstrip(".") == parts[0].rstrip(".") else None


#: A council's numbered or lettered commission, then perhaps its council: "Komisi D", "Komisi III
#: DPRD Balikpapan", "Komisi III Dewan Perwakilan Rakyat Daerah Kota Balikpapan".
_ORGAN = re.compile(r"(?P<organ>[Kk]omisi (?:[A-E]|[IVX]{1,4}|\d{1,2}))(?: (?P<parent>.+))?")


def _organ_earlier(m: ActorMention, found: _Actors, *, bare: bool = False) -> Actor | None:
    """The one earlier actor that is the same commission of a council: "Komisi D" and then "Komisi
    D DPRD DKI Jakarta" (or the other way round, ``bare``), or the commission with its council
    spelled two ways ("Komisi III Dewan Perwakilan Rakyat Daerah (DPRD) Kota Balikpapan", then
    "Komisi III DPRD Balikpapan"): one commission, when the report names no other of that number
    (the councils' regions end alike)."""
    own = _ORGAN.fullmatch(m.name)
    if own is None or bool(own.group("parent")) == bare:
        return None
    organ, parent = own.group("organ").lower(), own.group("parent")
    matches = []
    for a in found.in_order():
        other = _ORGAN.fullmatch(a.mention.name)
        if other is None or other.group("organ").lower() != organ or a.mention.name == m.name:
            continue
        if parent and other.group("parent") and other.group("parent").split()[-1] != parent.split()[-1]:
            continue  # ("Komisi V DPR RI" and "Komisi V DPRD Jatim": two councils' commissions)
        if bare and not other.group("parent"):
            continue
        matches.append(a)
    return matches[0] if len(matches) == 1 else None


def _branch_of_bare(m: ActorMention, found: _Actors) -> Actor | None:
    """The one earlier branch named by this bare short form and a place: "BPBD" after "BPBD
    Kotawaringin Timur", when the report names no other BPBD. A short form alone beside its
    branch is that branch again, not a second actor (nor the national body)."""
    if not (m.acronym and _bare(m)) or " " in m.acronym.strip():
        return None
    lead = m.acronym.strip().upper() + " "
    matches = [found.by_key[k] for k in found.order if any(x.startswith(lead) for x in found.acronyms.get(k, ()))]
    bare = [a for a in found.in_order() if _bare(a.mention) and (a.mention.acronym or "").upper() == lead.strip()]
    return matches[0] if len(matches) == 1 and not bare else None


def _branch_of_short_name(m: ActorMention, found: _Actors) -> Actor | None:
    """The one earlier branch named by this bare short name and a place: "Kemenag" after "Kemenag
    Lobar", "Satpol PP" after "Satpol PP Tapsel", when the report names no other branch of it and
    not the bare name before. The short name alone is that branch again, not the national body."""
    if m.expansion or not m.method.startswith(("gazetteer:", "rule:known-name")) or len(m.name.split()) > 2:
        return None
    lead = m.name + " "
    matches = [a for a in found.in_order() if a.mention.name.startswith(lead)
               and _is_place(a.mention.name[len(lead):])]
    bare = [a for a in found.in_order() if a.mention.name == m.name]
    return matches[0] if len(matches) == 1 and not bare else None


def _short_name_earlier(text: str, m: ActorMention, found: _Actors, mentions: Sequence[ActorMention]) -> Actor | None:
    """The earlier actor named by this branch's short name alone: "PMI" in a list, then "PMI
    Kabupaten Contoh" in a later paragraph, when the report names no other branch of it. The bare
    short name was that branch all along (the reverse of :func:`_branch_of_short_name`), so both
    are one actor; not when the paragraph names both ("BMKG serta BMKG Papua": two bodies)."""
    for bare in found.in_order():
        lead = bare.mention.name
        if bare.mention.expansion or not m.name.startswith(lead + " ") or len(lead.split()) > 2 \
                or not (is_acronym(lead.split()[-1]) and _is_place(m.name[len(lead) + 1:])):
            continue
        first, last = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.start)
        last = len(text) if last < 0 else last
        if any(first <= o.start < last for o in mentions if o.name == lead):
            return None
        branches = {o.name for o in mentions if o.name.startswith(lead + " ") and _is_place(o.name[len(lead) + 1:])}
        return bare if len(branches) == 1 else None
    return None


def _fragment_of_earlier(m: ActorMention, found: _Actors) -> Actor | None:
    """The one earlier actor whose name is this name and then its parent or its purpose: "Pusat
    Studi Kelautan" after "Pusat Studi Kelautan Universitas X", "Rujak Center" after "Rujak Center
    for Urban Studies". A fragment of a long name is that body again, not a second actor."""
    if not m.method.startswith("rule:head-noun:") or len(m.name.split()) < 2:
        return None
    lead = m.name + " "
    matches = [a for a in found.in_order() if a.mention.name.startswith(lead)
               and (starts_a_name_part(a.mention.name[len(lead):]) or _parent_words(m, a.mention)
                    or _is_place(a.mention.name[len(lead):]))]
    return matches[0] if len(matches) == 1 else None


def _parent_words(m: ActorMention, full: ActorMention) -> bool:
    """Whether the words after a unit's bare name in an earlier unit's name are its parent's
    short name and region ("Bidang P2P" after "Bidang P2P Dinkes Sulbar"): both units, and one to
    three capitalised words, no connector ("Bidang Pencegahan dan Kesiapsiagaan" is another)."""
    rest = full.name[len(m.name):].split()
    return (m.kind == full.kind == "unit" and 1 <= len(rest) <= 3
            and all(w[0].isupper() and w.isalnum() for w in rest))


def _resolution(doc: Document, basis: ActorMention, resolved: dict[tuple[Any, ...], Any]) -> Any:
    """The resolution of ``basis``: once per surface in a report, and once per surface and city
    in a run (the same name in the same city resolves the same way in every report of a batch)."""
    key_surface = (basis.name, basis.acronym, basis.expansion, basis.sector, doc.city)
    if key_surface not in resolved:
        cache = doc.context.cache
        if cache is not None and key_surface in cache:
            resolved[key_surface] = cache[key_surface]
        else:
            resolved[key_surface] = _resolve(basis, known=doc.context.known, gazetteer=doc.context.gazetteer,
                                             city=doc.city)
            if cache is not None:
                cache[key_surface] = resolved[key_surface]
    return resolved[key_surface]


def _key(found: _Actors, m: ActorMention, res: Any) -> str:
    """The key of the actor this mention belongs to (an earlier one's when they share a key)."""
    keys = _actor_keys(m, res)
    look, leave = _campus_keys(m.name)
    for more_look, more_leave in (_initials_keys(m.name), _level_keys(m.name)):
        look, leave = look + more_look, leave + more_leave
    key = next((found.aliases[k] for k in keys + look if k in found.aliases), keys[0])
    if key in found.by_key and keys[0].startswith("id:") and _resolved_id(found.by_key[key]) not in (None, keys[0][3:]):
        key = keys[0]  # two bodies resolved apart are never merged by a shared short form
    for k in keys + leave:
        found.aliases.setdefault(k, key)
    return key


def _add(found: _Actors, m: ActorMention, res: Any, key: str) -> None:
    """Add the mention to its actor, a new one with its sector when it is the first."""
    if key not in found.by_key:
        sector, sure = _sector_of(m, res)
        found.by_key[key] = Actor(mention=m, resolution=res, sector=sector, sector_confidence=sure, mentions=[m])
        found.order.append(key)
    actor = found.by_key[key]
    if key not in found.held:
        found.held[key] = set(actor.mentions)
        found.acronyms[key] = {(x.acronym or "").upper() for x in actor.mentions}
    held = found.held[key]
    if m not in held:
        held.add(m)
        actor.mentions.append(m)
        found.acronyms[key].add((m.acronym or "").upper())
    if (_fuller(m, actor.mention) and not _by_reference(m)) or (_by_reference(actor.mention) and not _by_reference(m)) \
            or _level_fuller(m, actor.mention) or (_placed_fuller(m, actor.mention) and not _by_reference(m)):
        actor.mention = m  # "BPBD" in a headline, then "Badan ... (BPBD) Kabupaten Bima": the row names the latter


def _by_reference(m: ActorMention) -> bool:
    """A mention of a body through its head's post or its officer's name (``persons.references``):
    the row quotes the body's own name where the report gives it."""
    return m.method.endswith(("; rule:post-head", "; rule:post-holder-named"))


def _sector_of(mention: ActorMention, resolution: Any) -> tuple[str, float]:
    """The actor's type and how sure we are: the gazetteer/known names first, then a group
    heading ("BUMD (...)"), then the head noun, then the resolver's match, then a guess."""
    if mention.method.startswith(("gazetteer:", "rule:known-name")) and mention.sector:
        return mention.sector, confidence("sector:gazetteer")
    if resolution is not None and resolution.same_as and resolution.sector and resolution.score >= 95:
        return resolution.sector, confidence("sector:resolved")
    if mention.sector_basis.startswith("group:") and mention.sector:
        return mention.sector, confidence("sector:group")
    if mention.sector_basis.startswith("head:") and mention.sector:
        if mention.kind == "unit" and _NEIGHBOURHOOD.search(mention.name):
            # "Bidang Pengelolaan Sampah RW 07": a unit of a neighbourhood association (Rukun
            # Warga, Rukun Tetangga: community bodies under Permendagri 18/2018), no public office.
            return "CivilSocietyOrganization", confidence("sector:head")
        return mention.sector, confidence("sector:head")
    own = _own_head_sector(mention)
    if own is not None:
        # "..., LIPI, IOM, Red Cross, ...": a list member whose own words carry a head noun is of
        # its head's kind, whatever kind most of its list is.
        return own, confidence("sector:head")
    if resolution is not None and resolution.sector:
        return resolution.sector, confidence("sector:resolution")
    if mention.sector:
        return mention.sector, confidence("sector:mention")
    # Nothing says: a name without a head noun is most often a non-profit's, a bare short form
    # too ("YPCII", "FKDM", "SRPB Jatim": a public body's short form is most often in the
    # gazetteer or written with its head, "Dinas", "Badan"). On 192 real pages, 9 of 13 such
    # short forms were non-profits' and 3 public bodies'. The row says it is a guess.
    return "CivilSocietyOrganization", confidence("sector:guess")


#: A neighbourhood association in a unit's name ("RW 07", "RT 03/RW 05", "Rukun Warga"; the
#: recogniser may keep "RW" and drop its number after a bracketed short form).
_NEIGHBOURHOOD = re.compile(r"(?<![\w-])(?:R[TW]|Rukun (?:Warga|Tetangga))(?![\w-])")


def _own_head_sector(mention: ActorMention) -> str | None:
    """The sector of the head noun that opens a list member's name ("Palang Merah X") or ends it
    in English ("Red Cross"), where the list's majority gave the member its kind; else None."""
    if mention.sector_basis != "list-majority":
        return None
    first = _head_regex().match(mention.name)
    last = _english_head_at_end(mention.name)
    head = first or last
    return _heads()[head.group(1)].sector if head is not None else None


def _actor_keys(mention: ActorMention, resolution: Any) -> list[str]:
    """Every key under which this mention may meet an earlier mention of the same actor: the
    resolved id, the acronym, the name and the expansion (case and short heads ignored)."""
    keys = []
    if resolution is not None and resolution.same_as and not resolution.ambiguous:
        keys.append("id:" + resolution.same_as)
    elif resolution is not None and resolution.key:
        keys.append("id:" + resolution.key)  # a region's standard body, known by its pattern only
    if mention.acronym:
        keys.append("acr:" + mention.acronym.upper())
        counted = _repeat_counted(mention.acronym).upper()
        if counted != mention.acronym.upper():
            keys.append("acr:" + counted)  # "FK2RS" is "FKKRS": a digit counts the letter before it
        if " " in mention.acronym.strip():
            keys.append("name:" + name_key(mention.acronym))  # "(Sudin SDA Jakarta Utara)", then the same words
        if mention.expansion and mention.name.startswith(mention.expansion + " "):
            # "Palang Merah Indonesia (PMI) Provinsi X" is also "PMI Provinsi X"
            keys.append("acr:" + f"{mention.acronym} {mention.name[len(mention.expansion):].strip()}".upper())
    if not mention.acronym and mention.name.split() and is_acronym(mention.name.split()[0]):
        keys.append("acr:" + mention.name.upper())  # "DFW Indonesia" after "Destructive Fishing Watch (DFW) Indonesia"
    keys.append("name:" + name_key(mention.name))
    # "Polsek Metro Taman Sari" and "Polsek Tamansari", "LPBI NU Jatim" and "LPBINU Jatim",
    # "Puskesmas Kecamatan Jatinegara" and "Puskesmas Jatinegara": one body whose name a text spaces
    # two ways, or writes with or without the word of the district it serves.
    keys.append("squashed:" + _SQUASHED.sub("", name_key(mention.name)))
    located = _located(mention.name)
    if located is not None and located[0]:
        # "Dinas Pangan Prov. Babel" and "Dinas Pangan Provinsi Kepulauan Bangka Belitung": one
        # body of one region, whichever way the text writes the region.
        keys.append(f"region:{located[0]}@{located[1]}")
    if len(mention.name.split()) >= 3:
        # "UI Faculty of Engineering" and "Faculty of Engineering UI": one unit, its parent before or after.
        keys.append("words:" + " ".join(sorted(name_key(mention.name).split())))
    if mention.expansion:
        keys.append("name:" + name_key(mention.expansion))
    bilingual = _bilingual_key(mention.name)
    if bilingual is not None:
        keys.append(bilingual)
    mission = _mission_key(mention.name)
    if mission is not None:
        keys.append(mission)
    faction = _FACTION.match(mention.name)
    if faction is not None:
        # "Fraksi Partai Contoh", "Fraksi Contoh" and "F-Contoh": one council faction, its party
        # named with or without the word "Partai", or the faction by its short form.
        keys.append("faction:" + name_key(faction.group(1)))
    return keys


@functools.cache
def _mission_regex() -> re.Pattern[str]:
    """"Kedutaan Besar Amerika Serikat"; "US Embassy", "Australian Embassy in Jakarta"; "Embassy of
    the Kingdom of Norway" (``rules/words.csv`` list ``state_forms``): an embassy named by its
    country, in Indonesian or English."""
    forms = "|".join(re.escape(f) for f in sorted(words("state_forms"), key=len, reverse=True))
    return re.compile(r"Kedutaan Besar (?P<id>.+)|(?:the )?(?P<adj>.+?) Embassy(?: in \S+)?"
                      r"|Embassy of (?:the )?(?:(?:" + forms + r") of (?:the )?)?"
                      r"(?P<of>.+?)(?: of America)?(?: in \S+)?")


def _mission_key(name: str) -> str | None:
    """One key for a foreign embassy whichever way the text names it ("US Embassy", "Embassy of the
    United States", the "Kedutaan Besar Amerika Serikat" its ambassador's post names): its country's
    Indonesian name, by ``rules/words.csv`` list ``english_envoy_countries`` (an English country's
    adjective or name) or a country's name and "n" ("Australian")."""
    m = _mission_regex().fullmatch(name)
    if m is None:
        return None
    if m.group("id"):
        return f"mission:{m.group('id').lower()}"
    country = (m.group("adj") or m.group("of") or "").strip()
    countries = word_map("english_envoy_countries")
    if country not in countries and country.endswith("n") and country[:-1] in countries:
        country = country[:-1]  # ("Australian": Australia)
    return f"mission:{countries[country].lower()}" if country in countries else None


#: A council faction's name ("Fraksi Partai X", "Fraksi X", "F-X") and its party's words.
_FACTION = re.compile(r"(?:Fraksi (?:Partai )?|F-)(\S.*)")


def _bilingual_key(name: str) -> str | None:
    """One key for a body named in Indonesian and in English by a head that translates word for
    word ("Universitas X", "University of X", "X University"; "Yayasan X", "X Foundation"): the
    head's family (``rules/words.csv``, list ``bilingual_heads``) and the rest of the name."""
    heads = word_map("bilingual_heads")
    words_ = name.split()
    if len(words_) < 2:
        return None
    if words_[0] in heads:
        family, rest = heads[words_[0]], words_[1:]
        if rest[0] == "of":
            rest = rest[1:]
    elif words_[-1] in heads:
        family, rest = heads[words_[-1]], words_[:-1]
    else:
        return None
    return f"bilingual:{family}:{name_key(' '.join(rest))}" if rest else None


@functools.cache
def _level_words() -> frozenset[str]:
    """The words of a region's or a district's level ("Provinsi", "Kota", "Kelurahan", "Desa")."""
    levels = {w for w, use in word_map("jurisdiction_words").items() if use == "level"}
    # (Not a level word only some provinces write, "Negeri" or "Nagari": "Kejaksaan Negeri" is no
    # body named by its level alone.)
    districts = {w for w, kind in word_map("district_levels").items() if "@" not in kind}
    return frozenset(w.lower() for w in levels | districts)


def _level_fuller(new: ActorMention, old: ActorMention) -> bool:
    """True when ``old`` names a body by its level word alone ("Forum Kabupaten") and ``new`` goes
    on from it ("Forum Kabupaten Sehat"): the row names the body in full."""
    words_ = old.name.split()
    return len(words_) >= 2 and words_[-1].lower() in _level_words() and new.name.startswith(old.name + " ")


def _placed_fuller(new: ActorMention, old: ActorMention) -> bool:
    """True when ``new`` is ``old``'s name followed by its region ("Dinas Lingkungan Hidup" in a
    headline, then "Dinas Lingkungan Hidup (DLH) DKI Jakarta"): one body, and the row names it
    with its place, as a reviewer would (a headline drops the place the dateline gives)."""
    if _split_region(old.name) is not None:
        return False
    located = _split_region(new.name)
    return located is not None and bool(located[0]) and located[0] == name_key(old.name)


def _level_keys(name: str) -> tuple[list[str], list[str]]:
    """The keys a name looks up and leaves for a body named by its level word alone ("TP PKK
    Kelurahan", "BPBD Provinsi") meeting the body of that kind and level the report names in full
    ("TP PKK Kelurahan Sukamaju"): a report that writes the level alone means the one it names."""
    words_ = name.split()
    if len(words_) < 2:
        return [], []
    if words_[-1].lower() in _level_words():
        bare = "level-bare:" + name_key(name)
        return [bare.replace("level-bare:", "level-full:", 1)], [bare]
    at = next((i for i in range(len(words_) - 2, 0, -1) if words_[i].lower() in _level_words()), None)
    if at is None:
        return [], []
    prefix = name_key(" ".join(words_[:at + 1]))
    return [f"level-bare:{prefix}"], [f"level-full:{prefix}"]


@functools.cache
def _initials_skip() -> frozenset[str]:
    """The words that give no letter to a short form: legal forms ("PT") and level words ("Provinsi")."""
    levels = {w for w, use in word_map("jurisdiction_words").items() if use == "level"}
    return frozenset(word_map("legal_forms")) | frozenset(levels)


def _initials(name: str) -> tuple[list[str], str, bool]:
    """The letters a short form of ``name`` is made of, word by word, the place that ends the name
    (empty when none does), and whether ``name`` holds a short form: a capitalised word gives its
    first letter, a short form its capitals ("APIn": API), a legal form ("PT") and a level word
    ("Provinsi") give none, nor does a lower-case connector."""
    skip = _initials_skip()
    words_ = [w.strip("()[],;:") for w in re.split(r"[\s/]+", name)]
    words_ = [w for w in words_ if w and w not in skip and w[0].isupper()]
    letters = ["".join(c for c in w if c.isupper()) if is_acronym(w) else w[0] for w in words_]
    at = next((k for k in range(1, len(words_)) if _is_place(" ".join(words_[k:]))), len(words_))
    place = name_key(" ".join(words_[at:])) if at < len(words_) else ""
    return letters[:at] if place else letters, place, any(is_acronym(w) for w in words_)


def _initials_keys(name: str) -> tuple[list[str], list[str]]:
    """The keys a name looks up and leaves for a short form's meeting its full name when the
    report never writes them together ("BPBA" in a headline, "Badan Penanggulangan Bencana Aceh" in
    the text; "Perwakilan BKKBN Maluku Utara" and "Perwakilan Badan Kependudukan dan Keluarga
    Berencana Nasional Provinsi Maluku Utara"): the initials of the words, a short form counting
    its capitals, and the place that ends the name written out ("PMI Kabupaten Jember" is not
    "Palang Merah Indonesia Jatim"). A name holding a short form meets only a name spelt out, and
    the reverse: two names spelt out never meet this way (two bodies may share their initials)."""
    letters, place, short = _initials(name)
    if not short and len(letters) + len(place.split()) < len(name.split()) - 2:
        return [], []
    whole = "".join(letters) + "".join(w[0].upper() for w in place.split())
    forms = []
    if place and len(''.join(letters)) >= 2:
        forms.append(f"{''.join(letters)}@{place}")
    if (not place or not short) and len(whole) >= 3:
        forms.append(whole)  # a bare short form ("BPBA") spells the place's letter too
    if short:
        return [f"initials-full:{f}" for f in forms], [f"initials-short:{f}" for f in forms]
    return [f"initials-short:{f}" for f in forms], [f"initials-full:{f}" for f in forms]


#: A university's name ("Universitas Tidar") and a short form of it made of "Un" and the first
#: letters of its name ("Untidar", "UNDIP", "Unhas"): the way Indonesian universities shorten
#: their own names (Universitas Diponegoro, Undip; Universitas Hasanuddin, Unhas).
_UNIVERSITY_NAME = re.compile(r"Universitas (?P<word>[A-Z][a-z]{2,})(?: |$)")
_UNIVERSITY_SHORT = re.compile(r"U[Nn](?P<rest>[A-Za-z][a-z]{1,7}|[A-Z]{2,8})")


def _campus_keys(name: str) -> tuple[list[str], list[str]]:
    """The keys a university's name looks up and the keys it leaves for a later mention: a full
    name leaves the first two letters and more of its name's first word for a short form and looks
    up the short forms before it; a short form looks up the full names and leaves its own letters.
    Two full names never meet this way (Tadulako and Tanjungpura are two universities)."""
    full = _UNIVERSITY_NAME.match(name)
    if full is not None:
        word = full.group("word").lower()
        prefixes = [word[:n] for n in range(2, len(word) + 1)]
        return [f"campus-short:{p}" for p in prefixes], [f"campus:{p}" for p in prefixes]
    short = _UNIVERSITY_SHORT.fullmatch(name.strip())
    if short is None:
        return [], []
    rest = short.group("rest").lower()
    return [f"campus:{rest}"], [f"campus-short:{rest}"]


#: What a squashed key leaves out of a name: spaces, and the words "Kecamatan" and "Metro" that a
#: district's body or a metropolitan police command may be written with or without.
_SQUASHED = re.compile(r"\b(?:kecamatan|metro)\b|\s+")


#: A police command's short name spelled out ("polresta": "kepolisian resor kota"), from the
#: commands its heads' posts name (``rules/words.csv``, list ``police_command_posts``).
_COMMAND_FULL = {short.lower(): full.lower() for full, short in
                 (v.split("|", 1) for v in word_map("police_command_posts").values() if "|" in v)}


@functools.lru_cache(maxsize=4096)
def _located(name: str) -> tuple[str, str] | None:
    """A body's name without its region, its short head spelled out, and the region's code:
    ("kepolisian resor", "81.71") for "Polresta Pulau Ambon" and for "Kepolisian Resor Kota Ambon",
    so that both are one body of one region. None when no region ends the name."""
    from resilience_kg.extract.gazetteer import normalise

    # ("Polresta Pulau X dan Pulau-Pulau Y": the command of X and the islands around it.)
    located = _split_region(re.sub(r" dan ([A-Z][a-z]+)-\1 .*$", "", name)) or _contracted_region(name)
    if located is None:
        return None
    body = located[0].split()
    while body and body[-1] == "pulau":  # (an island's word before its name: "Polresta Pulau Ambon")
        body.pop()
    key = normalise(" ".join(_COMMAND_FULL.get(w, w) for w in body)).split()
    while key and key[-1] in ("kota", "kabupaten", "provinsi"):  # ("Polresta": "kepolisian resor kota")
        key.pop()
    return " ".join(key), located[1]


def _contracted_region(name: str) -> tuple[str, str] | None:
    """A name and the code of the regency or city that ends it shortened by its syllables: ("dprd",
    "62.05") for "DPRD Barut", as :func:`_split_region` gives for "DPRD Barito Utara"."""
    from resilience_kg.extract.regions import contracted

    words_ = name.split()
    for width in (2, 1):
        if len(words_) > width and _contracted_place(" ".join(words_[-width:])):
            region = contracted(" ".join(words_[-width:]))
            if region is not None:
                return name_key(" ".join(words_[:-width])), region.code
    return None


def _bare(m: ActorMention) -> bool:
    """A mention that is its short form alone ("BPBD")."""
    return m.name.strip().upper() == (m.acronym or "").strip().upper()


def _fuller(new: ActorMention, old: ActorMention) -> bool:
    """True when ``old`` is a bare short form (``BPBD``) and ``new`` names the same body in full."""
    bare = old.name.strip() == (old.acronym or "").strip() or (" " not in old.name.strip() and old.name.isupper())
    return bare and len(new.name.strip()) > len(old.name.strip()) and " " in new.name.strip()


def _resolved_id(actor: Actor) -> str | None:
    res = actor.resolution
    return (res.same_as or res.key or None) if res is not None and not res.ambiguous else None


@functools.cache
def _jurisdiction() -> re.Pattern[str]:
    """A level or region word inside a name ("Dinas Perhubungan Kota Semarang")."""
    words = [w for w, kind in word_map("jurisdiction_words").items() if kind in ("level", "region")]
    return re.compile(r"\s(?:" + "|".join(re.escape(w) for w in words) + r")\s")


def _qualified_earlier(m: ActorMention, found: _Actors) -> Actor | None:
    """The earlier actor whose name is this bare name followed by a jurisdiction ("Dinas
    Perhubungan" after "Dinas Perhubungan Kota Semarang"), or this name with the level word of its
    place left out ("BPBD Banjar" after "BPBD (Badan ...) Kabupaten Banjar"). A place the report
    names at two levels ("Kota Bogor", "Kabupaten Bogor") stays ambiguous, and nothing is joined."""
    if _jurisdiction().search(f" {m.name} "):
        return None
    bare = name_key(m.name)
    words = m.name.split()
    splits = [(name_key(" ".join(words[:i])), name_key(" ".join(words[i:]))) for i in range(1, len(words))]
    # ("PMI Bogor" after "Palang Merah Indonesia Kota Bogor": the short form spells the name before the level word.)
    initials = [(" ".join(words[:i]), name_key(" ".join(words[i:]))) for i in range(1, len(words))
                if is_acronym(" ".join(words[:i]))]
    matches: list[Actor] = []
    for actor in found.in_order():
        full = actor.mention.name
        cut = _jurisdiction().search(full)
        if cut is None:
            continue
        if name_key(full[:cut.start()]) == bare:
            return actor
        short = {name_key(x) for x in (actor.mention.acronym, full[:cut.start()]) if x}
        place = name_key(full[cut.end():])
        if any(head in short and rest == place for head, rest in splits) \
                or any(rest == place and _fits(head, full[:cut.start()]) for head, rest in initials):
            matches.append(actor)
    return matches[0] if len(matches) == 1 else None


def _resolve(m: ActorMention, *, known: Sequence[KnownActor], gazetteer: Gazetteer | None, city: str | None) -> Any:
    if gazetteer is None:
        return None
    from resilience_kg.extract.resolve import Mention, resolve

    mention = Mention(name=m.name, acronym=m.acronym, expansion=m.expansion, sector_hint=m.sector)
    return resolve(mention, known=known, gazetteer=gazetteer, city=city)
