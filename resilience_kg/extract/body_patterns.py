"""Body patterns: the standard bodies every region of some kinds has, as rules, never as entities.

``rules/body_patterns.csv`` holds one pattern a row (``id,name,acronym,aliases,kinds,sector,basis,
note``): "Dinas Perhubungan" is a body of every province, regency and city (UU 23/2014, PP 18/2016),
"Suku Dinas Sumber Daya Air" one of each of Jakarta's administrative cities. A pattern *recognises*
"Dinas Perhubungan Kota Semarang" (:meth:`resilience_kg.extract.gazetteer.Gazetteer.match_pattern`)
and names the standard bodies of a region (:func:`standard_bodies`); it never gives a body an id,
since a region's real body may be named otherwise (merged, renamed, split): a body matched only by
a pattern is drafted as a new actor, with ``rule:body-pattern:<id>`` as its method.

>>> from resilience_kg.extract.regions import is_place
>>> [b.name for b in standard_bodies(is_place("Kota Semarang"))][:2]
['Pemerintah Kota Semarang', 'Badan Penanggulangan Bencana Daerah Kota Semarang']
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from resilience_kg.errors import DataError
from resilience_kg.extract.regions import KIND_WORD, Region

PATTERN_COLUMNS = ("id", "name", "acronym", "aliases", "kinds", "sector", "basis", "note")


@dataclass(frozen=True)
class BodyPattern:
    """A body every region of some kinds has ("Dinas Perhubungan" of a province, regency or city).

    A rule for recognising names, never an entity: a body matched only by a pattern is drafted
    as a new actor (method ``rule:body-pattern:<id>``), since its real name may differ.
    ``name`` may hold ``{region}`` where the region's name goes ("Pemerintah {region}");
    otherwise the region follows the name.
    """

    id: str
    name: str
    acronym: str
    aliases: tuple[str, ...]
    kinds: frozenset[str]
    sector: str
    basis: str
    note: str = ""

    def names(self) -> tuple[str, ...]:
        """Every form of the body's name without its place."""
        forms = (self.name.replace("{region}", "").strip(), self.acronym, *self.aliases)
        return tuple(dict.fromkeys(f for f in forms if f))

    def name_for(self, region: Region) -> str:
        """The name the pattern predicts for ``region`` ("Dinas Perhubungan Kota Semarang")."""
        if "{region}" in self.name:
            return self.name.replace("{region}", region.full_name)
        return f"{self.name} {region.full_name}"


@dataclass(frozen=True)
class PatternMatch:
    """A name recognised by a body pattern: which pattern, and the region whose body it names."""

    pattern: BodyPattern
    region: Region | None  # None when the name and the context leave the region open

    @property
    def method(self) -> str:
        return f"rule:body-pattern:{self.pattern.id}"

    @property
    def note(self) -> str:
        where = f" of {self.region.full_name} (Kemendagri {self.region.code})" if self.region else ""
        return (f"matched only by the pattern of a standard body{where} ({self.pattern.basis}); its real name "
                f"may differ: {self.pattern.note}" if self.pattern.note else
                f"matched only by the pattern of a standard body{where} ({self.pattern.basis}); its real name "
                "may differ")


def load_body_patterns() -> tuple[BodyPattern, ...]:
    """The body patterns (``rules/body_patterns.csv``): the standard bodies of a region, as rules."""
    return _body_patterns()


@functools.cache
def _body_patterns() -> tuple[BodyPattern, ...]:
    name = "rules/body_patterns.csv"
    text = resources.files("resilience_kg.extract").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != PATTERN_COLUMNS:
        raise DataError(f"the columns must be {', '.join(PATTERN_COLUMNS)}", location=f"{name}:1")
    known_kinds = set(KIND_WORD)
    patterns = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        kinds = frozenset(k.strip() for k in row["kinds"].split("|") if k.strip())
        if not kinds <= known_kinds or not kinds:
            raise DataError(f"kinds {row['kinds']!r}: use region kinds such as {', '.join(KIND_WORD)}", location=where)
        if not (row["sector"].strip() and row["basis"].strip() and row["id"].strip()):
            raise DataError("a pattern needs an id, a sector and a basis", location=where)
        patterns.append(BodyPattern(
            id=row["id"], name=row["name"], acronym=row["acronym"],
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()), kinds=kinds,
            sector=row["sector"], basis=row["basis"], note=row["note"],
        ))  # fmt: skip
    return tuple(patterns)


@dataclass(frozen=True)
class StandardBody:
    """A body a region of its kind normally has, named by a pattern: a recognition aid, not an entity."""

    name: str
    acronym: str
    region: Region
    pattern: BodyPattern

    @property
    def method(self) -> str:
        return f"rule:body-pattern:{self.pattern.id}"


def standard_bodies(region: Region, patterns: tuple[BodyPattern, ...] | None = None) -> list[StandardBody]:
    """The standard bodies of ``region`` by the body patterns (``rules/body_patterns.csv``).

    Their names are what the pattern predicts; a region's real body may be named otherwise
    (a merged or renamed agency): each pattern row says so in its note.
    """
    if patterns is None:
        patterns = load_body_patterns()
    return [
        StandardBody(p.name_for(region), f"{p.acronym} {region.name}" if p.acronym else "", region, p)
        for p in patterns
        if region.kind in p.kinds
    ]
