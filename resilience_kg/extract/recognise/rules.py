"""The extraction rules that are data: CSV tables a curator can read, each row with its basis.

Tables (package data in ``rules/``): ``head_nouns`` (organisation heads with their sector),
``known_names`` (international bodies, NGOs and firms the gazetteer of public bodies leaves out),
``sector_groups`` (group words that give the sector of the list that follows them),
``collectives`` (group words that are never actors), ``places``, ``role_cues``, ``event_kinds``,
``months``, ``weekdays``, ``agreements``, ``posts``, ``list_kinds``, ``venues`` (building words:
a name that is a building is no actor) and ``documents`` (regulations: the words of their
titles name no actor), ``proposal_cues`` and ``commitment_cues`` (the verbs of who
proposes or commits to what), ``clause_words`` (what may stand between a body and its verb),
``function_words`` and ``name_language`` (which language a report or a name is written in), and
``body_patterns`` (the standard bodies of a region, read by :mod:`resilience_kg.extract.gazetteer`),
``speech_verbs`` (a sentence that reports what someone said or hoped speaks of the bodies it names),
``group_headings`` (the group labels of an attendance list, "Pemerintah:", "Akademisi:", read past
to the list's heading), ``attendance_columns`` (the organisation column of an attendance table), ``issue_cues`` (the
issue cues of the genre's news beside ``statement_cues``: forecasts, threats, figures of harm),
and ``words``: every other word list of the extraction (stop words, titles, legal forms, HTML tags,
place aliases ...), one row a word, named by its ``list``, with a ``value`` where the list maps a word
to another (read through :func:`words`, :func:`word_map` and :func:`alternation`).
The pillars of a city's strategy and their cue words are in :mod:`resilience_kg.extract.pillars`.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from importlib import resources
from typing import Literal

TABLES = ("head_nouns", "known_names", "sector_groups", "collectives", "places", "role_cues", "event_kinds",
          "months", "weekdays", "agreements", "posts", "list_kinds", "venues", "documents",
          "proposal_cues", "commitment_cues", "function_words", "name_language",
          "clause_words", "place_kinds", "methods", "statement_cues",
          "event_label_stops", "body_patterns", "speech_verbs", "group_headings",
          "attendance_columns", "post_heads", "words", "issue_cues")


@functools.cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of rule table ``name`` (see :data:`TABLES`), each a dict of its columns.

    >>> table("months")[0]["name"], table("months")[0]["month"]
    ('januari', '1')
    """
    if name not in TABLES:
        raise KeyError(f"no rule table {name!r}; the tables are {', '.join(TABLES)}")
    text = resources.files("resilience_kg.extract").joinpath(f"rules/{name}.csv").read_text(encoding="utf-8")
    return tuple(dict(row) for row in csv.DictReader(io.StringIO(text)))


@functools.cache
def _confidences() -> dict[str, float]:
    return {row["method"]: float(row["confidence"]) for row in table("methods")}


def confidence(method: str) -> float:
    """How sure a drafted row made by ``method`` is, from ``rules/methods.csv`` (one place to tune).

    >>> confidence("role:cue")
    0.7
    """
    try:
        return _confidences()[method]
    except KeyError:
        raise KeyError(f"no confidence for method {method!r} in rules/methods.csv") from None


@functools.cache
def months() -> dict[str, int]:
    """Month names and abbreviations (Indonesian and English, lower case) to month numbers."""
    return {row["name"]: int(row["month"]) for row in table("months")}


@functools.cache
def weekdays() -> frozenset[str]:
    return frozenset(row["name"] for row in table("weekdays"))


@functools.cache
def collectives() -> frozenset[str]:
    """Generic collectives (lower case): at most a note, never an actor."""
    return frozenset(row["term"].lower() for row in table("collectives"))


@functools.cache
def places() -> frozenset[str]:
    return frozenset(row["name"].lower() for row in table("places"))


@functools.cache
def _word_lists() -> dict[str, tuple[tuple[str, str], ...]]:
    lists: dict[str, list[tuple[str, str]]] = {}
    for row in table("words"):
        lists.setdefault(row["list"], []).append((row["word"], row["value"]))
    return {name: tuple(pairs) for name, pairs in lists.items()}


def _word_list(name: str) -> tuple[tuple[str, str], ...]:
    try:
        return _word_lists()[name]
    except KeyError:
        raise KeyError(f"no word list {name!r} in rules/words.csv") from None


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """The words of list ``name`` in ``rules/words.csv``, in the table's order.

    >>> "Perum" in words("legal_forms")
    True
    """
    return tuple(word for word, _ in _word_list(name))


@functools.cache
def word_map(name: str) -> dict[str, str]:
    """List ``name`` of ``rules/words.csv`` as a mapping from each word to its ``value``.

    >>> word_map("place_aliases")["jaksel"]
    'Kota Administrasi Jakarta Selatan'
    """
    return dict(_word_list(name))


@functools.cache
def alternation(name: str) -> str:
    """The words of list ``name`` as the branches of a regular expression, escaped, in the table's order.

    >>> re.fullmatch(alternation("legal_forms"), "PT.") is not None
    True
    """
    return "|".join(re.escape(word) for word in words(name))


@functools.cache
def word_regex(name: str) -> re.Pattern[str]:
    """Any word of list ``name`` as a whole word, in either case.

    >>> word_regex("legal_forms").search("sebuah pt. baru") is not None
    True
    """
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(name)})(?!\w)")


@functools.cache
def list_kinds() -> tuple[re.Pattern[str], dict[str, str]]:
    """The words that say what a list holds ("Kendala", "Rekomendasi", "Permasalahan":
    ``list_kinds.csv``), as one pattern (group 1: the word) and each word's kind."""
    kinds = {row["cue"].lower(): row["kind"] for row in table("list_kinds")}
    words_ = sorted(kinds, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words_)) + r")(?!\w)", re.I), kinds


#: Which words of the posts tables :func:`post_words` gives: ``first``, the first word of each post
#: of ``posts``, lower case ("kepala", "direktur"); ``every``, every word of them, lower case
#: ("kepala", "pelaksana"); ``heads``, the first word as written of each post of ``posts`` and
#: ``post_heads`` and of each unit post of the ``post_units`` word list ("Kepala", "Dirjen", "Kapolda").
PostScope = Literal["first", "every", "heads"]


@functools.cache
def post_words(scope: PostScope) -> frozenset[str]:
    """The words of the posts tables in ``scope`` (:data:`PostScope`).

    >>> "kepala" in post_words("first"), "Kepala" in post_words("heads")
    (True, True)
    """
    if scope == "first":
        return frozenset(row["post"].split()[0].lower() for row in table("posts") if row["post"].split())
    if scope == "every":
        return frozenset(w.lower() for row in table("posts") for w in row["post"].split())
    return frozenset(row[column].split()[0] for name, column in (("posts", "post"), ("post_heads", "post"))
                     for row in table(name) if row[column].strip()) | frozenset(
        w.split()[0] for w in words("post_units"))
