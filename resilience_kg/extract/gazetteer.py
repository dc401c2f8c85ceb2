"""The gazetteer: Indonesian public bodies and the other actors of resilience work, as data.

``gazetteer.csv`` (package data) holds one body a row, with the columns
``id,name,acronym,aliases,sector,parent,jurisdiction,level,basis,source,note``: aliases are
separated by ``|``; ``sector`` is an actor class of the ontology; ``jurisdiction`` is ``DKI
Jakarta``, a city or province (``Kota Surabaya``, ``Provinsi Jawa Barat``), ``Indonesia``
(national) or ``international``; ``basis`` says why the entry is believed; ``source`` is the public
document that attests its name, acronym, sector and parent (a URL with its publisher and the year
it was seen, or a regulation's number and title); ``note`` explains anything a curator should
know (a former name, a surface form shared with another body).

Every row is one real body. The standard bodies every region has ("the Dinas Perhubungan of every
city") are no rows: they are patterns (``rules/body_patterns.csv``, :class:`BodyPattern`), used to
*recognise* "Dinas Perhubungan Kota Semarang" (:meth:`Gazetteer.match_pattern`) and never to give
it an id, since its real name may differ from what the pattern predicts.

Ids of DKI Jakarta bodies are short (``bpbd``, ``dishub``), as in the bundled data, whose ids they
reuse.

Names are compared after :func:`normalise` (case, punctuation, legal forms, Indonesian/English
variants, common misspellings) and :meth:`Places.split` (place words such as ``Provinsi DKI
Jakarta`` or ``Kota Surabaya``: every province, regency and city of the official list in
:mod:`resilience_kg.extract.regions`) are taken out of the name and kept as the jurisdiction it
names.

>>> gaz = load_gazetteer()
>>> [e.id for e in gaz.lookup_exact("BPBD Provinsi DKI Jakarta")]
['bpbd']
>>> gaz.lookup_exact("Dinas Perhubungan Kota Surabaya")
[]
>>> m = gaz.match_pattern("Dinas Perhubungan Kota Surabaya")
>>> m.method, m.region.code
('rule:body-pattern:dinas-perhubungan', '35.78')
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from resilience_kg.errors import DataError
from resilience_kg.extract.body_patterns import BodyPattern, PatternMatch, load_body_patterns
from resilience_kg.extract.recognise.rules import alternation, table, word_map, words
from resilience_kg.extract.regions import CITY_KINDS, PROVINCE_KINDS, Region, regions

#: The actor classes of the ontology that an entry's sector may name.
SECTORS = (
    "GovernmentAgency", "RegionalEnterprise", "PrivateCompany", "CivilSocietyOrganization",
    "AcademicInstitution", "DiplomaticMission", "InternationalOrganization",
)  # fmt: skip
LEVELS = ("national", "province", "city", "unit", "international")
COLUMNS = ("id", "name", "acronym", "aliases", "sector", "parent", "jurisdiction", "level", "basis", "source", "note")
REQUIRED = ("id", "name", "sector", "jurisdiction", "level", "basis", "source")
#: A source is a web page (``https://...``) or a regulation ("Perpres 68/2019 ...", "UU 24/2007 ...").
SOURCE_FORM = re.compile(
    r"(?:^|; )(?:https?://\S+|(?:" + alternation("source_regulations") + r"|Permen\w*|"
    r"Peraturan \w+(?: \w+)?)\b[^;]*?\d+(?:/| Tahun )\d{4})"
)
#: Jurisdictions that are not a place in Indonesia: such bodies fit every city context.
NON_TERRITORIAL = ("Indonesia", "international", "")

# The word lists are rows of ``rules/words.csv``, each with its basis.
# Token rewrites: the short heads of ``rules/head_nouns.csv`` spelled out (Pemprov, Kedubes, Pemda), then
# spelling variants, short forms and frequent misspellings to one form.
_REWRITE = {**{row["head"].lower(): row["full"].lower() for row in table("head_nouns")
               if row["full"] and not row["head"].endswith(".")},
            **word_map("name_rewrites")}
# Words that carry no identity: dropped before comparing.
_STOP = frozenset(words("name_stop_words"))
# Legal forms of enterprises: "PD PAM Jaya", "Perumda PAM Jaya" and "PAM Jaya" are one body. The one
# list the recognisers read, in the form :func:`normalise` leaves them ("PT." -> "pt").
_LEGAL = frozenset(form.lower().rstrip(".") for form in words("legal_forms"))
# Level words that may precede (or, in English, follow) a place name and belong to it.
_KIND_WORDS = word_map("place_kind_words")
_PLACE_PREFIX = frozenset(words("place_prefix_words"))
_PLACE_SUFFIX = frozenset(words("place_suffix_words"))
# Short and English names of places, beside the names the jurisdictions themselves give.
PLACE_ALIASES = word_map("place_aliases")


def normalise(text: str) -> str:
    """Lower-case, unaccented, punctuation-free form of a name, with variants unified.

    >>> normalise("PT. Jakarta Propertindo (Perseroda)")
    'jakarta propertindo'
    >>> normalise("Kedubes Prancis")
    'kedutaan besar perancis'
    >>> normalise("Dinas Cipta Karya, Tata Ruang & Pertanahan")
    'dinas cipta karya tata ruang pertanahan'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b([a-z])\.([a-z])\.", r"\1\2", text)  # P.T., U.S.
    text = text.replace("&", " dan ").replace("'s", "")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    words = " ".join(_REWRITE.get(w, w) for w in text.split())
    for phrase, repl in _REWRITE.items():  # multi-word rewrites
        if " " in phrase and phrase in words:
            words = re.sub(rf"\b{phrase}\b", repl, words)
    return " ".join(w for w in words.split() if w not in _STOP and w not in _LEGAL)


def _jurisdiction_kind_and_name(jurisdiction: str) -> tuple[str, str]:
    """("kota", "surabaya") for "Kota Surabaya"; ("provinsi", "jakarta") for "DKI Jakarta"."""
    words = normalise(jurisdiction).split()
    kind = next((_KIND_WORDS[w] for w in words if w in _KIND_WORDS), "provinsi" if "dki" in words else "")
    name = [w for w in words if w not in _PLACE_PREFIX]
    return kind, " ".join(name)


def _region_key(region: Region) -> str:
    """A region's name as :func:`normalise` writes it, without the words that only say its kind."""
    words = normalise(region.name).split()
    if region.kind == "provinsi":  # "Daerah Khusus Ibukota Jakarta" -> "jakarta"
        while words and words[0] in ("dki", "daerah", "istimewa", "khusus"):
            words.pop(0)
    return " ".join(words)


@dataclass
class Places:
    """The places the gazetteer knows, to read a jurisdiction out of a name.

    Every province, regency and city of the official list is known with its kind word ("Kota
    Batu"); bare, without it, only provinces, names of two words or more ("Tangerang Selatan")
    and the names ``rules/places.csv`` lists as written bare ("Surabaya", "Bogor"), since a
    single word such as "Batu" or "Metro" is more often no place at all.
    """

    by_name: dict[str, set[str]] = field(default_factory=dict)  # bare names
    marked: dict[str, set[str]] = field(default_factory=dict)  # names after a kind word
    kind: dict[str, str] = field(default_factory=dict)
    region: dict[str, Region] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def from_jurisdictions(cls, jurisdictions: Iterable[str], *, with_regions: bool = False) -> Places:
        places = cls()
        if with_regions:
            places._add_regions()
        for jur in jurisdictions:
            if jur in NON_TERRITORIAL or jur in places.kind:
                continue
            kind, name = _jurisdiction_kind_and_name(jur)
            places.kind[jur] = kind
            places.by_name.setdefault(name, set()).add(jur)
            places.marked.setdefault(name, set()).add(jur)
        for alias, jur in PLACE_ALIASES.items():
            if jur in places.kind:
                places.by_name.setdefault(normalise(alias), set()).add(jur)
        places.longest = max((len(n.split()) for n in places.marked), default=1)
        return places

    def _add_regions(self) -> None:
        bare_ok = {(normalise(r["name"]), r["kind"]) for r in table("places")}
        for region in regions():
            if region.kind not in PROVINCE_KINDS + CITY_KINDS:
                continue
            jur, key = region.jurisdiction, _region_key(region)
            self.kind[jur] = region.level_kind
            self.region[jur] = region
            self.marked.setdefault(key, set()).add(jur)
            if region.kind == "provinsi" or " " in key or (key, region.level_kind) in bare_ok:
                self.by_name.setdefault(key, set()).add(jur)

    def _contracted(self, words: list[str], i: int) -> tuple[str, int] | None:
        """The jurisdiction and width of a regency or city shortened by its syllables at
        ``words[i]`` ("barut", "tanjab barat": :func:`.regions.contracted`), when the regions
        are read; None otherwise."""
        from resilience_kg.extract.regions import contracted

        if not self.region:
            return None
        for n in (2, 1):
            region = contracted(" ".join(words[i:i + n])) if i + n <= len(words) else None
            if region is not None and region.jurisdiction in self.kind:
                return region.jurisdiction, n
        return None

    def split(self, key: str) -> tuple[str, frozenset[str]]:
        """Take place words out of a normalised name: (the rest, the jurisdictions they name).

        A level word before the place ("Kota", "Kabupaten", "Provinsi") narrows the choice
        where a name is both a city and a regency (Bogor).
        """
        words = key.split()
        keep: list[str] = []
        found: set[str] = set()
        i = 0
        while i < len(words):
            hit = None
            marked = bool(keep) and keep[-1] in _PLACE_PREFIX
            for n in range(min(self.longest, len(words) - i), 0, -1):
                name = " ".join(words[i : i + n])
                if name in self.by_name or (marked and name in self.marked):
                    hit = (name, n)
                    break
            if hit is None:
                short = self._contracted(words, i)
                if short is not None:  # "bpbd tanjab barat": a regency shortened by its syllables
                    found.add(short[0])
                    i += short[1]
                    continue
                keep.append(words[i])
                i += 1
                continue
            name, n = hit
            # (A short name after a level word, "Daerah Jabar", is read as written bare.)
            jurs = set(self.marked[name] if marked and name in self.marked else self.by_name[name])
            kinds: set[str] = set()
            while keep and keep[-1] in _PLACE_PREFIX:  # "kota administrasi", "provinsi dki"
                word = keep.pop()
                if word in _KIND_WORDS:
                    kinds.add(_KIND_WORDS[word])
            i += n
            while i < len(words) and words[i] in _PLACE_SUFFIX:  # "Surabaya City", "Jakarta Raya"
                if words[i] in _KIND_WORDS:
                    kinds.add(_KIND_WORDS[words[i]])
                i += 1
            narrowed = {j for j in jurs if self.kind.get(j) in kinds}
            if kinds and not narrowed and name in self.marked:
                # "Semarang Regency": bare "Semarang" is the city, but a level word after it names
                # the regency, as "Kabupaten Semarang" does before it.
                narrowed = {j for j in self.marked[name] if self.kind.get(j) in kinds}
            found |= narrowed or jurs
        # "Pemerintah Provinsi" with the place elsewhere or implied: the level word is not identity.
        rest = [w for j, w in enumerate(keep) if not (w in ("provinsi", "dki") or (w in ("kota", "kabupaten") and (
            j == len(keep) - 1 or (j > 0 and keep[j - 1] in ("pemerintah", "wali")))))]
        return " ".join(rest), frozenset(found)


@dataclass(frozen=True)
class GazetteerEntry:
    """One body: its names, sector, parent and jurisdiction, and the basis for the entry."""

    id: str
    name: str
    acronym: str
    aliases: tuple[str, ...]
    sector: str
    parent: str
    jurisdiction: str
    level: str
    basis: str
    note: str = ""
    source: str = ""

    def names(self) -> tuple[str, ...]:
        """Every surface form of the body: name, acronym, aliases (no empty strings)."""
        return tuple(dict.fromkeys(n for n in (self.name, self.acronym, *self.aliases) if n))


@dataclass(eq=False)  # compared and hashed by identity: resolvers cache their index per gazetteer
class Gazetteer:
    """The entries, with indexes by normalised name (``full``) and by name without places (``core``)."""

    entries: list[GazetteerEntry]
    patterns: tuple[BodyPattern, ...] = ()
    places: Places = field(init=False)
    by_id: dict[str, GazetteerEntry] = field(init=False)
    _full: dict[str, list[GazetteerEntry]] = field(init=False, repr=False)
    _core: dict[str, list[GazetteerEntry]] = field(init=False, repr=False)
    _pattern_core: dict[str, list[BodyPattern]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.places = Places.from_jurisdictions((e.jurisdiction for e in self.entries), with_regions=True)
        self.by_id = {e.id: e for e in self.entries}
        self._pattern_core = {}
        for pattern in self.patterns:
            for form in pattern.names():
                # As written alone, and as written before a place ("... Daerah Kota Surabaya" loses "daerah").
                before_a_place = self.places.split(normalise(f"{form} Kota Surabaya"))[0]
                for key in {self.places.split(normalise(form))[0], before_a_place}:
                    if key and pattern not in self._pattern_core.setdefault(key, []):
                        self._pattern_core[key].append(pattern)
        self._full = {}
        self._core = {}
        for entry in self.entries:
            for form in entry.names():
                full = normalise(form)
                _add(self._full, full, entry)
                core, places = self.places.split(full)
                # Index without places only where the places are the body's own jurisdiction:
                # "Institut Teknologi Bandung" is not "an Institut Teknologi of Bandung".
                if core and (not places or entry.jurisdiction in places):
                    _add(self._core, core, entry)

    def lookup_exact(self, surface: str) -> list[GazetteerEntry]:
        """Entries one of whose names equals ``surface`` once normalised.

        Place words in ``surface`` select the jurisdiction ("Dishub Surabaya"); a surface without
        place words returns the bodies of every jurisdiction ("BPBD"), for the caller to choose.
        """
        full = normalise(surface)
        hits = list(self._full.get(full, ()))
        core, places = self.places.split(full)
        for entry in self._core.get(core, ()):
            if not places or entry.jurisdiction in places:
                hits.append(entry)
        return list(dict.fromkeys(hits))

    def match_pattern(self, surface: str, context: Iterable[str] = ()) -> PatternMatch | None:
        """The body pattern ``surface`` fits, with the region it names; None if none fits.

        The region is the one the name's place words name ("Dishub Kota Semarang"), else the
        report's (``context``: jurisdictions such as ``Kota Semarang``); a pattern fits only
        regions of its kinds ("Suku Dinas" only a kota administrasi). Where several regions
        remain (bare "Bogor" and no context), the match names none.

        >>> gaz = load_gazetteer()
        >>> gaz.match_pattern("Sudin SDA", context=["Kota Administrasi Jakarta Utara"]).region.name
        'Jakarta Utara'
        >>> gaz.match_pattern("Suku Dinas Sumber Daya Air Kota Semarang") is None
        True
        """
        core, places = self.places.split(normalise(surface))
        patterns = self._pattern_core.get(core)
        if not patterns:
            return None
        context = frozenset(context)
        named = (places & context) or places  # "BPBD Bogor" in a report on Kota Bogor: that Bogor
        where = [self.places.region[j] for j in (named or context) if j in self.places.region]
        fits = [(p, r) for p in patterns for r in where if r.kind in p.kinds]
        if not fits and not places and not where:  # no place at all: the pattern, region unknown
            return PatternMatch(patterns[0], None) if len(patterns) == 1 else None
        if not fits:
            return None
        chosen = {p for p, _ in fits}
        if len(chosen) > 1:  # "Dinas Sumber Daya Air": a sudin only in a kota administrasi
            return None
        regions_ = sorted({r for _, r in fits}, key=lambda r: r.code)
        return PatternMatch(fits[0][0], regions_[0] if len(regions_) == 1 else None)

    def clashes(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Names (without place words) shared by bodies of one jurisdiction, where an entry has no note.

        Such a name cannot be resolved by city context; a curator must say why it is shared.
        """
        bodies: dict[tuple[str, str], dict[str, GazetteerEntry]] = {}
        for form, entry in self.surface_forms():
            full = normalise(form)
            core, places = self.places.split(full)
            # As the index does: place words are taken out only where they are the body's own place.
            key = core if core and (not places or entry.jurisdiction in places) else full
            bodies.setdefault((key, entry.jurisdiction), {})[entry.id] = entry
        return [
            (key, jur, tuple(sorted(entries)))
            for (key, jur), entries in sorted(bodies.items())
            if len(entries) > 1 and not all(e.note for e in entries.values())
        ]

    def surface_forms(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """Every name, acronym and alias as written, with its entry, for scanning text.

        Acronyms are upper-case or mixed-case words ("BPBD", "Dishub"); a recogniser should match
        them case-sensitively, since several ("HOT", "CARE", "ACT") are also ordinary words.
        """
        for entry in self.entries:
            for form in entry.names():
                yield form, entry


def _add(index: dict[str, list[GazetteerEntry]], key: str, entry: GazetteerEntry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read the bundled gazetteer, or the CSV at ``path``, checking every entry.

    Errors name the file and line: an unknown sector or level, a parent that is no entry's id,
    a duplicate id, a missing required field.
    """
    if path is None:
        res = resources.files("resilience_kg.extract").joinpath("gazetteer.csv")
        raw, name = res.read_bytes(), "gazetteer.csv"
    else:
        try:
            raw, name = path.read_bytes(), str(path)
        except OSError as exc:
            raise DataError(f"cannot read the gazetteer: {exc.strerror}", location=str(path)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", location=f"{name}:{line}") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise DataError("empty file: expected a header row", location=name) from None
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing column {missing[0]!r}" if missing else f"unknown column {unknown[0]!r}"
        raise DataError(f"{problem}; the gazetteer's columns are {', '.join(COLUMNS)}", location=f"{name}:1")
    entries: list[GazetteerEntry] = []
    lines: dict[str, int] = {}
    line = reader.line_num + 1
    for record in reader:
        where = f"{name}:{line}"
        line = reader.line_num + 1
        if not any(v.strip() for v in record):
            continue
        if len(record) != len(header):
            raise DataError(f"this row has {len(record)} fields but the header has {len(header)}", location=where)
        row = {c: v.strip() for c, v in zip(header, record, strict=True)}
        for col in REQUIRED:
            if not row.get(col) and not (col == "jurisdiction" and row.get("level") == "international"):
                raise DataError(f"empty {col}", location=where)
        if row["sector"] not in SECTORS:
            raise DataError(f"unknown sector {row['sector']!r}; use one of {', '.join(SECTORS)}", location=where)
        if not SOURCE_FORM.search(row["source"]):
            raise DataError(f"source {row['source']!r} of {row['id']!r} is neither a URL nor a regulation "
                            "(such as 'UU 24/2007 tentang Penanggulangan Bencana')", location=where)
        if row["level"] not in LEVELS:
            raise DataError(f"unknown level {row['level']!r}; use one of {', '.join(LEVELS)}", location=where)
        if row["id"] in lines:
            raise DataError(f"duplicate id {row['id']!r} (first on line {lines[row['id']]})", location=where)
        lines[row["id"]] = int(where.rsplit(":", 1)[1])
        aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
        entries.append(GazetteerEntry(
            id=row["id"], name=row["name"], acronym=row.get("acronym", ""), aliases=aliases,
            sector=row["sector"], parent=row.get("parent", ""), jurisdiction=row["jurisdiction"],
            level=row["level"], basis=row["basis"], note=row.get("note", ""), source=row["source"],
        ))  # fmt: skip
    for entry in entries:
        if entry.parent and entry.parent not in lines:
            where = f"{name}:{lines[entry.id]}"
            raise DataError(f"parent {entry.parent!r} of {entry.id!r} is no entry's id", location=where)
    patterns = load_body_patterns()
    for pattern in patterns:
        if pattern.sector not in SECTORS:
            raise DataError(f"unknown sector {pattern.sector!r} of pattern {pattern.id!r}; "
                            f"use one of {', '.join(SECTORS)}", location="rules/body_patterns.csv")
    return Gazetteer(entries, patterns)
