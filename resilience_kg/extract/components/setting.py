"""Components that read the setting of a report: the language it is written in and the city it
is about."""

from __future__ import annotations

import functools
import re
from collections import Counter

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.language import detect_language
from resilience_kg.extract.recognise.rules import alternation, word_map


def language(doc: Document) -> None:
    """The language asked for, or the one the report's function words say ("auto")."""
    doc.language = detect_language(doc.text) if doc.context.lang == "auto" else doc.context.lang


def city(doc: Document) -> None:
    """The gazetteer knows places by level and reads the dateline first: a Semarang report that
    names "Sekretariat Jakarta Berketahanan" is still a Semarang report. Without a gazetteer, or
    when it finds no place, the most frequent jurisdiction named."""
    from resilience_kg.extract.resolve import report_city

    gazetteer = doc.context.gazetteer
    doc.city = (report_city(doc.text, gazetteer) if gazetteer is not None else None) or detect_city(doc.text)


def detect_city(text: str) -> str | None:
    """The jurisdiction the report is about: the most frequent of "DKI Jakarta"/"Jakarta",
    "Kota X", "Kabupaten X" and "Provinsi X" (the city context that decides between bodies
    of the same name in different places)."""
    counts: Counter[str] = Counter()
    for m in _city_words().finditer(text):
        kind, name = m.group(1), m.group(2)
        if "Jakarta" in name:
            counts["DKI Jakarta"] += 1
        elif kind is not None:
            counts[f"{word_map('report_city_levels')[kind]} {name}"] += 1
    return counts.most_common(1)[0][0] if counts else None


@functools.cache
def _city_words() -> re.Pattern[str]:
    kinds = alternation("report_city_levels")
    return re.compile(rf"\b(?:({kinds})\s+)?(DKI Jakarta|Jakarta|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
