"""Indonesia's regions, from the official list (Kemendagri codes): places are not bodies.

The list (package data ``data/regions.csv`` and ``data/villages.csv.gz``; source, date and licence
in ``data/README.md``) holds 38 provinces, 514 regencies and cities, 7,285 districts and 83,762
villages. It serves two ends: a name that is a place is never drafted as an actor
(:func:`is_place`), and the kind of a place decides which standard bodies a name may mean
(:func:`resilience_kg.extract.body_patterns.standard_bodies`).

>>> is_place("Kota Surabaya").code, region_kind("Kabupaten Bogor")
('35.78', 'kabupaten')
>>> is_place("Dinas Perhubungan Kota Surabaya") is None
True
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import re
from dataclasses import dataclass
from importlib import resources

from resilience_kg.extract.recognise.rules import word_map

#: Kinds of the list, from province down to village.
PROVINCE_KINDS = ("provinsi",)
CITY_KINDS = ("kabupaten", "kota", "kabupaten administrasi", "kota administrasi")
DISTRICT_KINDS = ("kecamatan", "distrik")
VILLAGE_KINDS = ("kelurahan", "desa", "desa adat")
#: The word a text writes before a region of each kind ("Kota Depok", "Kecamatan Gambir"); this
#: and the next two lists are rows of ``rules/words.csv``, each with its basis.
KIND_WORD = word_map("region_kind_titles")
# Kind words as a text writes them, longest first, to the kinds they may mean ("|" between kinds).
_WRITTEN_KINDS = tuple((written, tuple(kinds.split("|")))
                       for written, kinds in word_map("region_kind_spellings").items())
# Each kind to its level: the kind without "administrasi", a distrik as a kecamatan, every village as a desa.
_LEVEL_KIND = word_map("region_kind_levels")
# The jurisdiction the gazetteer and the bundled data write for a province, where it is not
# "Provinsi <name>": Jakarta's bodies say "DKI Jakarta" (UU 29/2007).
_JURISDICTION = {"31": "DKI Jakarta"}


@dataclass(frozen=True)
class Region:
    """One region of the official list."""

    code: str
    name: str
    kind: str
    parent: str

    @property
    def full_name(self) -> str:
        """The name with its kind word, as a text writes it: "Kota Depok", "Provinsi Jawa Barat"."""
        if self.kind == "provinsi" and self.name.startswith(("Daerah Khusus", "Daerah Istimewa")):
            return self.name  # "Daerah Istimewa Yogyakarta" already says what it is
        return f"{KIND_WORD[self.kind]} {self.name}"

    @property
    def jurisdiction(self) -> str:
        """The jurisdiction the gazetteer writes for a body of this region ("Kota Surabaya")."""
        return _JURISDICTION.get(self.code, f"Provinsi {self.name}" if self.kind == "provinsi" else self.full_name)

    @property
    def level_kind(self) -> str:
        """``provinsi``, ``kabupaten``, ``kota``, ``kecamatan`` or ``desa``: the kind without ``administrasi``."""
        return _LEVEL_KIND.get(self.kind, self.kind)


def _read(name: str) -> tuple[Region, ...]:
    data = resources.files("resilience_kg.extract").joinpath(f"data/{name}").read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return tuple(Region(r["code"], r["name"], r["kind"], r["parent"]) for r in rows)


@functools.cache
def regions() -> tuple[Region, ...]:
    """Provinces, regencies and cities, and districts (the villages are read on demand)."""
    return _read("regions.csv")


@functools.cache
def villages() -> tuple[Region, ...]:
    """The 83,762 villages (kelurahan, desa, desa adat); read on first use (about a second)."""
    return _read("villages.csv.gz")


@functools.cache
def by_code() -> dict[str, Region]:
    """Provinces, regencies, cities and districts by their code (villages: :func:`village`)."""
    return {r.code: r for r in regions()}


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


@functools.cache
def _by_name(level: str) -> dict[str, tuple[Region, ...]]:
    """Regions by lower-case name, for ``level`` "city" (provinces, regencies, cities),
    "district" or "village"."""
    pool: tuple[Region, ...]
    if level == "village":
        pool = villages()
    elif level == "district":
        pool = tuple(r for r in regions() if r.kind in DISTRICT_KINDS)
    else:
        pool = tuple(r for r in regions() if r.kind not in DISTRICT_KINDS)
    out: dict[str, list[Region]] = {}
    for r in pool:
        out.setdefault(_key(r.name), []).append(r)
        if r.kind == "provinsi":  # "Daerah Khusus Ibukota Jakarta" is also "DKI Jakarta", "Jakarta"
            short = re.sub(r"^Daerah (?:Khusus Ibukota|Khusus|Istimewa) ", "", r.name)
            for alias in {short, f"DKI {short}" if "Khusus" in r.name else f"DI {short}"} if short != r.name else ():
                out.setdefault(_key(alias), []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _named(level: str, key: str) -> tuple[Region, ...]:
    """The regions of ``level`` named ``key``; a province, regency or city also however the text
    spaces its name ("Palangka Raya" is the list's "Palangkaraya", "Tanjung Pinang" its
    "Tanjungpinang"): the law forming a city and its own site often space it otherwise than the
    Kemendagri code list."""
    hits = _by_name(level).get(key, ())
    kind_first = any(key.startswith(w + " ") for w, _ in _WRITTEN_KINDS)
    if hits or level != "city" or len(key.replace(" ", "")) < 8 or kind_first:
        return hits  # ("Kota Baru" is a town's "new town", not the regency Kotabaru)
    squashed = _by_squashed_name(level).get(key.replace(" ", ""), ())
    return squashed if len({r.code for r in squashed}) == 1 else ()  # a squashed name two regions share: neither


def find(name: str) -> tuple[Region, ...]:
    """Every region that ``name`` may denote: with its kind word ("Kota Bogor") only regions of that
    kind, at any level; without one ("Bogor") provinces, regencies and cities only.

    >>> [r.full_name for r in find("Bogor")]
    ['Kabupaten Bogor', 'Kota Bogor']
    >>> [r.code for r in find("Kelurahan Gambir")]
    ['31.71.01.1001']
    """
    key = _unabbreviated(_key(name))
    for written, kinds in _WRITTEN_KINDS:
        if key.startswith(written + " "):
            rest = key[len(written) + 1:]
            level = "village" if kinds[0] in VILLAGE_KINDS else "district" if kinds[0] in DISTRICT_KINDS else "city"
            hits = tuple(r for r in _named(level, rest) if r.kind in kinds)
            if not hits and level == "city" and len(name.split()) > len(written.split()):
                # "Kabupaten OKI", "Kab. TTU": the kind word, then the region's short form or initials
                bare = " ".join(name.split()[len(written.split()):])
                hits = tuple(r for r in find(bare) if r.kind in kinds)
            if hits:
                return hits
    for written, kind in _ENGLISH_KINDS:
        if key.endswith(" " + written) and len(key) > len(written) + 1:
            # "Brebes Regency", "Penjaringan Sub-district": the English level word after the name.
            bare = key[:-len(written) - 1]
            hits = find(f"{kind} {bare}") or tuple(r for r in find(bare) if r.kind == kind)  # "Central Java Province"
            if hits:
                return hits
    hits = _named("city", key)
    if not hits and name.strip().isalpha() and name.strip().isupper():
        hits = _by_initials().get(name.strip(), ())  # "TTU": Timor Tengah Utara
    alias = _ALIASES.get(key)
    if not hits and alias is not None and _key(alias) != key:
        return find(alias)  # a short or English name: "NTT", "Jatim", "East Java"
    for word in _WORD_SHORT_FORMS.values():
        rest = key[len(word) + 1:]
        if not hits and key.startswith(word + " ") and rest in _ALIASES and word in _key(_ALIASES[rest]).split():
            return find(_ALIASES[rest])  # "Kep. Babel": the word of the name, then the short form of the rest
    last = key.rsplit(" ", 1)
    if not hits and len(last) == 2 and last[1] in _ENGLISH_NAME_WORDS:
        # "Aru Archipelago", "Mentawai Islands": English writes the word of the name after it
        return tuple(r for r in find(f"{_ENGLISH_NAME_WORDS[last[1]]} {last[0]}") if r.kind not in DISTRICT_KINDS)
    return hits


@functools.cache
def _by_initials() -> dict[str, tuple[Region, ...]]:
    """Regencies and cities of three words or more by their words' initials, where no other region
    shares them: regional copy writes "TTU" for Timor Tengah Utara, "HSU" for Hulu Sungai Utara.
    Names with a function word or a short form ("Pangkajene dan Kepulauan", "Kep. Siau ...") are
    not written so, and initials that are also a kind of body (``region_initials_refused`` of
    ``rules/words.csv``: "LPK", a training institute) are left out."""
    refused = frozenset(word_map("region_initials_refused"))
    out: dict[str, list[Region]] = {}
    for r in regions():
        words_ = r.name.split()
        if r.kind in CITY_KINDS and r.kind != "provinsi" and len(words_) >= 3 \
                and all(w[:1].isupper() and w.isalpha() for w in words_):
            out.setdefault("".join(w[0] for w in words_).upper(), []).append(r)
    return {k: tuple(v) for k, v in out.items() if len(v) == 1 and k not in refused}


#: Words of regions' names that news copy writes short ("Kep." for "Kepulauan"), by short form
#: (``rules/words.csv``, list ``region_word_short_forms``).
_WORD_SHORT_FORMS = word_map("region_word_short_forms")


def _unabbreviated(key: str) -> str:
    """``key`` with the short forms of words of regions' names written out: "provinsi kep bangka
    belitung" is "provinsi kepulauan bangka belitung"."""
    return " ".join(_WORD_SHORT_FORMS.get(w, w) for w in key.split())


#: English level words after a region's name, longest first, and the kind word they stand for
#: (``rules/words.csv``, list ``region_kind_english``).
_ENGLISH_KINDS = tuple(sorted(((_key(w), k) for w, k in word_map("region_kind_english").items()),
                              key=lambda kv: -len(kv[0])))

#: Short and English names of regions (``rules/words.csv``, list ``place_aliases``).
_ALIASES = word_map("place_aliases")

#: Words of regions' names that English writes after the rest of the name, by their English form
#: ("Aru Islands" is Kepulauan Aru; ``rules/words.csv``, list ``region_name_words_english``).
_ENGLISH_NAME_WORDS = word_map("region_name_words_english")


def is_place(name: str) -> Region | None:
    """The region ``name`` denotes, when it is nothing but a place; None otherwise.

    A bare name that is both a regency and a city ("Bogor") gives the city; "Kabupaten Bogor"
    gives the regency. A body's name ("BPBD Kota Bogor") is no place.
    """
    hits = find(name)
    if not hits:
        return None
    return sorted(hits, key=lambda r: (r.kind != "provinsi", r.kind != "kota", r.code))[0]


def is_local_place(name: str) -> bool:
    """Whether ``name``, written bare, is the name of a district or a village ("Kapuk", "Cengkareng
    Timur"): in a list of those present it is a place, not a body."""
    key = _key(name)
    return bool(_by_name("district").get(key) or _by_name("village").get(key))


def region_kind(name: str) -> str | None:
    """The kind of the region ``name`` denotes (``provinsi``, ``kota``, ``kabupaten``, ...), or None."""
    region = is_place(name)
    return region.kind if region is not None else None


#: The syllables a compass word of a region's name takes in its short forms, by the word
#: (``rules/words.csv``, list ``region_compass_contractions``: "bar" for Barat, "ut" for Utara).
_COMPASS_SYLLABLES: dict[str, set[str]] = {}
for _piece, _word in word_map("region_compass_contractions").items():
    _COMPASS_SYLLABLES.setdefault(_word, set()).add(_piece)


def _syllable_contractions(words_: list[str]) -> set[str]:
    """Every run of leading letters, two or more of each word, joined: the way regional copy
    shortens a region of several words ("Barito Utara" -> "barut", "Tanjung Jabung" -> "tanjab").
    A compass word takes only its usual syllables ("bar", "ut")."""
    out = {""}
    for word in words_:
        pieces = _COMPASS_SYLLABLES.get(word) or {word[:k] for k in range(2, len(word) + 1)}
        out = {done + piece for done in out for piece in pieces}
    return out


@functools.cache
def _contracted_names() -> dict[str, tuple[Region, ...]]:
    """Regencies and cities of two words or more by their syllable contractions, five letters at
    least, of their first two words or more, then the rest of the name as written ("barut",
    "tanjab barat", "tanjabbar"); a contraction that is also a region's own name is left out."""
    out: dict[str, list[Region]] = {}
    for r in regions():
        words_ = _key(r.name).split()
        if r.kind in DISTRICT_KINDS or r.kind == "provinsi" or len(words_) < 2:
            continue
        for j in range(2, len(words_) + 1):
            rest = " ".join(words_[j:])
            for short in _syllable_contractions(words_[:j]):
                if len(short) >= 5 and short not in words_:
                    out.setdefault(f"{short} {rest}".strip(), []).append(r)
    own = _by_name("city")
    return {k: tuple(v) for k, v in out.items() if k not in own and k.split()[0] not in own}


def contracted(name: str) -> Region | None:
    """The regency or city ``name`` shortens by the syllables of its words (regional copy's habit,
    which the official list does not spell: "Barut" for Barito Utara, "Tanjab Barat" for Tanjung
    Jabung Barat), when only one region of the list fits; None otherwise.

    >>> contracted("Barut").name, contracted("Tanjab Barat").name
    ('Barito Utara', 'Tanjung Jabung Barat')
    >>> contracted("Basri") is None
    True
    """
    hits = {r.code: r for r in _contracted_names().get(_key(name), ())}
    return next(iter(hits.values())) if len(hits) == 1 else None


@functools.cache
def _by_squashed_name(level: str) -> dict[str, tuple[Region, ...]]:
    """Regions of ``level`` ("city", "district" or "village") by their name with no spaces or marks."""
    out: dict[str, list[Region]] = {}
    for key, hits in _by_name(level).items():
        out.setdefault(key.replace(" ", ""), []).extend(hits)
    return {k: tuple(v) for k, v in out.items()}


def spelled_alike(kind: str, name: str) -> tuple[Region, ...]:
    """The districts (``kind`` "kecamatan") or villages ("kelurahan", "desa") named ``name``, however
    the text spaces it: "Tamansari" is also Jakarta's "Taman Sari".

    >>> sorted(r.code for r in spelled_alike("kecamatan", "Tamansari"))[:2]
    ['19.71.02', '31.73.03']
    """
    level = "district" if kind == "kecamatan" else "village"
    return _by_squashed_name(level).get(_key(name).replace(" ", ""), ())


@functools.cache
def _names_of(region: Region) -> set[str]:
    """The keys a text may write ``region`` by: its name, a province's short name ("Jakarta"),
    and its short or English forms of ``place_aliases`` ("Jatim", "East Java")."""
    names = {_key(region.name)}
    if region.kind == "provinsi":
        names.add(_key(re.sub(r"^Daerah (?:Khusus Ibukota|Khusus|Istimewa) ", "", region.name)))
    names.update(alias for alias, full in _ALIASES.items()
                 if region in find(full) and region.kind not in DISTRICT_KINDS)
    return names


def area_named(region: Region, text: str) -> bool:
    """Whether ``text`` names the regency or city, or the province, that holds the district or
    village ``region``: a district's name alone is common enough to be a person's or a place's
    elsewhere ("Sekcam Panji" in a Jakarta report is a man, Panji a district of Situbondo).

    >>> cakung = find("Kecamatan Cakung")[0]
    >>> area_named(cakung, "Camat Cakung hadir di Jakarta Timur."), area_named(cakung, "Camat Cakung hadir.")
    (True, False)
    """
    key = f" {_key(text)} "
    code = region.parent
    while code:
        above = by_code().get(code)
        if above is None:
            return False
        if any(f" {name} " in key for name in _names_of(above)):
            return True
        code = above.parent
    return False
