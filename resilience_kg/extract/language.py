"""Which language a report, or a name in it, is written in.

A report's language decides which label column its prose fills; a name's own language decides
the column of a name, so "BPBD Provinsi Bengkulu" in an English report is still an Indonesian
name (``label_id``) and "Jakarta Health Agency" in it an English one (``label_en``). The words
are data: ``rules/function_words.csv``, ``rules/name_language.csv`` and the ``language`` column
of ``rules/head_nouns.csv``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from resilience_kg.extract.recognise.rules import table


@functools.cache
def _function_words() -> dict[str, str]:
    return {row["word"]: row["language"] for row in table("function_words")}


@functools.cache
def _name_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Word sequences (lower case) that mark a name's language, longest first."""
    words = {tuple(row["word"].lower().split()): row["language"] for row in table("name_language")}
    for row in table("head_nouns"):
        if row["language"]:
            words.setdefault(tuple(row["head"].lower().split()), row["language"])
    return tuple(sorted(words.items(), key=lambda kv: -len(kv[0])))


def detect_language(text: str) -> str:
    """``id`` or ``en`` by counting the commonest function words of each language.

    >>> detect_language("Rapat ini dihadiri oleh Dinas dan Badan yang terkait"), detect_language("The meeting was held")
    ('id', 'en')
    """
    words = _function_words()
    counts = Counter(words[t] for t in re.findall(r"[a-z]+", text.lower()[:20000]) if t in words)
    return "en" if counts["en"] > counts["id"] else "id"


def name_language(name: str) -> str:
    """``id``, ``en``, or ``""`` when the name's words do not say (an acronym, a brand).

    >>> name_language("BPBD Provinsi Bengkulu"), name_language("Jakarta Health Agency"), name_language("PT MRT Jakarta")
    ('id', 'en', '')
    """
    tokens = [t.lower() for t in re.findall(r"[\w.]+", name)]
    counts: Counter[str] = Counter()
    i = 0
    while i < len(tokens):
        for seq, language in _name_words():
            if tuple(tokens[i:i + len(seq)]) == seq:
                counts[language] += 1
                i += len(seq)
                break
        else:
            i += 1
    if counts["id"] == counts["en"]:
        return ""
    return "id" if counts["id"] > counts["en"] else "en"
