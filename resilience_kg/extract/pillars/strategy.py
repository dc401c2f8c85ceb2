"""Resilience strategies and their pillars, as data: which pillars a city's strategy has, and the
cue words that place a text under each.

Two tables (package data in ``strategies/``, and the same two in any folder given to
``extract --strategies``):

- ``pillars.csv``: one row per pillar: ``strategy``, ``strategy_label_id``, ``strategy_label_en``,
  ``city`` (the jurisdictions the strategy covers, as the extraction names a report's city,
  separated by ``|``), ``year``, ``pillar`` (its id in the graph), ``notation``, ``label_id``,
  ``label_en``, ``description_en`` and ``basis`` (where the strategy is described);
- ``pillar_cues.csv``: ``pillar``, ``cue``, ``lang`` (``id`` or ``en``) and ``basis`` (how the
  strategy's own description of the pillar covers the cue), and optionally ``weight``: ``weak``
  for a theme every pillar has (data sharing, citizen participation), which places an item only
  when neither a stronger cue in it nor its heading does.

A strategy given by the user replaces a bundled one with the same id; a report's city picks the
strategy (the most recent, when several cover it).

>>> jakarta = load_strategies().for_city("Kota Administrasi Jakarta Utara")
>>> jakarta.id, [p.notation for p in jakarta.pillars]
('jakarta-resilience-strategy', ['SIAP', 'SEHAT', 'TERHUBUNG'])
>>> load_strategies().for_city("Kota Surabaya") is None
True
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from resilience_kg.extract.readers import ExtractError
from resilience_kg.extract.recognise.rules import alternation

PILLAR_COLUMNS = ("strategy", "strategy_label_id", "strategy_label_en", "city", "year", "pillar", "notation",
                  "label_id", "label_en", "description_en", "basis")
CUE_COLUMNS = ("pillar", "cue", "lang", "basis")
TABLE_NAMES = ("pillars.csv", "pillar_cues.csv")
LANGS = ("id", "en")
#: Values of a cue's optional ``weight`` column: empty (a cue), or "weak" (see :attr:`Cue.weak`).
WEIGHTS = ("", "weak")
#: Indonesian affixes a cue word of five letters or more may carry ("banjir": kebanjiran,
#: dibanjiri, banjirnya; the prefixes are the ``cue_prefixes`` of ``rules/words.csv``); shorter
#: words match only whole ("rob" is no part of "robot").
_ID_SUFFIX = r"(?:an|i|kan)?(?:nya|lah|pun)?"
_EN_SUFFIX = r"(?:s|es|ed|ing)?"
_MIN_AFFIXED = 5


@dataclass(frozen=True)
class Pillar:
    """A pillar of a strategy, as the graph knows it."""

    id: str
    notation: str
    label_id: str
    label_en: str
    description_en: str
    basis: str
    strategy: str


@dataclass(frozen=True)
class Cue:
    """A word or phrase that places a text under a pillar, and why."""

    pillar: str
    cue: str
    lang: str
    basis: str
    location: str
    #: A weak cue names a theme every pillar has (data, participation): it places an item only
    #: when nothing else does, neither a strong cue in the item nor its heading.
    weak: bool = False

    @property
    def pattern(self) -> str:
        """The cue as a regular expression: whole words, any spacing, the affixes of its language.

        >>> cue = Cue("p", "kolaborasi", "id", "b", "")
        >>> [w for w in ("berkolaborasi", "kolaborasinya", "kolaboratif") if re.fullmatch(cue.pattern, w)]
        ['berkolaborasi', 'kolaborasinya']
        """
        words = [re.escape(w) for w in self.cue.lower().split()]
        if self.lang == "id":
            if len(words) == 1 and len(self.cue) >= _MIN_AFFIXED:
                words[0] = "(?:" + alternation("cue_prefixes") + ")?" + words[0] + _ID_SUFFIX
            else:
                words[-1] += "(?:nya)?"
        elif len(words[-1]) >= 3:
            words[-1] += _EN_SUFFIX if len(words) == 1 and len(self.cue) >= 4 else "(?:s|es)?"
        return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


@dataclass
class Strategy:
    """A city's resilience strategy: its pillars and their cues."""

    id: str
    label_id: str
    label_en: str
    cities: tuple[str, ...]
    year: int | None
    basis: str
    pillars: list[Pillar] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    origin: str = ""


@dataclass
class Strategies:
    """Every strategy known to a run."""

    items: list[Strategy] = field(default_factory=list)

    def for_city(self, city: str | None) -> Strategy | None:
        """The strategy that covers ``city`` (the most recent of several), or None."""
        if not city:
            return None
        key = _city_key(city)
        fitting = [s for s in self.items if key in {_city_key(c) for c in s.cities}]
        if not fitting:
            return None
        # The most recent; at equal years the one loaded last (the user's, after the bundled).
        return max(enumerate(fitting), key=lambda x: (x[1].year or 0, x[0]))[1]


def _city_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _read(text: str, *, name: str, columns: Sequence[str]) -> list[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ExtractError(f"{name}: missing column(s) {', '.join(missing)} (the columns are {', '.join(columns)})")
    rows = []
    for n, row in enumerate(reader, start=2):
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not any(clean.values()):
            continue
        where = f"{name}:{n}"
        for col in columns:
            if col in ("description_en", "year", "strategy_label_id", "strategy_label_en"):
                continue
            if not clean.get(col):
                raise ExtractError(f"{where}: {col} is empty")
        rows.append((where, clean))
    return rows


def _tables(paths: Iterable[Path]) -> list[tuple[str, str, str]]:
    """(name, kind, text) of each table file given: a folder holds ``pillars.csv`` and
    ``pillar_cues.csv``; a file is known by its columns."""
    out = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = [path / n for n in TABLE_NAMES]
            absent = [str(f) for f in files if not f.is_file()]
            if absent:
                raise ExtractError(f"{path}: a strategies folder holds {' and '.join(TABLE_NAMES)}; "
                                   f"missing {', '.join(absent)}")
        elif path.is_file():
            files = [path]
        else:
            raise ExtractError(f"{path}: no such file or folder (give the strategies folder or its tables)")
        for file in files:
            text = file.read_text(encoding="utf-8-sig")
            first = text.splitlines()[0] if text else ""
            header = {c.strip() for c in next(csv.reader([first]), [])}
            if "strategy" in header:
                out.append((str(file), "pillars", text))
            elif "cue" in header:
                out.append((str(file), "cues", text))
            else:
                raise ExtractError(f"{file}: neither a pillars table (columns {', '.join(PILLAR_COLUMNS)}) "
                                   f"nor a cues table (columns {', '.join(CUE_COLUMNS)})")
    return out


def load_strategies(paths: Sequence[Path] = (), *, bundled: bool = True) -> Strategies:
    """The bundled strategies (Jakarta's), then those in ``paths`` (folders or table files).

    A user's strategy with a bundled one's id replaces it. Raises :class:`ExtractError` naming
    the file and line of a bad row.
    """
    tables: list[tuple[str, str, str]] = []
    if bundled:
        folder = resources.files("resilience_kg.extract.pillars").joinpath("strategies")
        for name, kind in (("pillars.csv", "pillars"), ("pillar_cues.csv", "cues")):
            tables.append((f"strategies/{name}", kind, folder.joinpath(name).read_text(encoding="utf-8")))
    user = _tables(paths)
    by_id: dict[str, Strategy] = {}
    pillar_owner: dict[str, Strategy] = {}
    shipped: set[str] = set()  # ids of the bundled strategies, which a user's may replace
    # Pillars of every table first (bundled, then the user's), then every cue.
    for origin_is_user, group in ((False, tables), (True, user)):
        replaced: set[str] = set()
        for name, kind, text in group:
            if kind != "pillars":
                continue
            for where, row in _read(text, name=name, columns=PILLAR_COLUMNS):
                sid = row["strategy"]
                if origin_is_user and sid in shipped and sid not in replaced:
                    for p in by_id[sid].pillars:
                        pillar_owner.pop(p.id, None)
                    del by_id[sid]
                replaced.add(sid)
                if not origin_is_user:
                    shipped.add(sid)
                year = row.get("year", "")
                if year and not re.fullmatch(r"\d{4}", year):
                    raise ExtractError(f"{where}: year {year!r} must be four digits")
                strategy = by_id.get(sid)
                if strategy is None:
                    strategy = by_id[sid] = Strategy(
                        sid, row.get("strategy_label_id") or sid, row.get("strategy_label_en") or "",
                        tuple(c.strip() for c in row["city"].split("|") if c.strip()), int(year) if year else None,
                        row["basis"], origin=name)
                if row["pillar"] in pillar_owner:
                    raise ExtractError(f"{where}: pillar {row['pillar']!r} is listed twice")
                pillar = Pillar(row["pillar"], row["notation"], row["label_id"], row["label_en"],
                                row.get("description_en", ""), row["basis"], sid)
                strategy.pillars.append(pillar)
                pillar_owner[pillar.id] = strategy
    for is_user, (name, kind, text) in [(False, t) for t in tables] + [(True, t) for t in user]:
        if kind != "cues":
            continue
        for where, row in _read(text, name=name, columns=CUE_COLUMNS):
            owner = pillar_owner.get(row["pillar"])
            if owner is None:
                if not is_user:
                    continue  # a bundled cue of a strategy the user replaced
                raise ExtractError(f"{where}: pillar {row['pillar']!r} is in no pillars table")
            if row["lang"] not in LANGS:
                raise ExtractError(f"{where}: lang {row['lang']!r} must be one of {', '.join(LANGS)}")
            weight = row.get("weight", "")
            if weight not in WEIGHTS:
                raise ExtractError(f"{where}: weight {weight!r} must be empty or one of {', '.join(WEIGHTS[1:])}")
            owner.cues.append(Cue(row["pillar"], " ".join(row["cue"].split()), row["lang"], row["basis"], where,
                                  weak=weight == "weak"))
    return Strategies(list(by_id.values()))
