"""Components that read the setting of a report: the language it is written in and the city it
is about."""

from __future__ import annotations

import re
from collections import Counter

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.language import detect_language


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
    for m in re.finditer(r"\b(?:(Kota|Kabupaten|Provinsi|Pemkot|Pemkab|Pemprov)\s+)?(DKI Jakarta|Jakarta|[A-Z][a-z]+"
                         r"(?: [A-Z][a-z]+)?)\b", text):
        kind, name = m.group(1), m.group(2)
        if "Jakarta" in name:
            counts["DKI Jakarta"] += 1
        elif kind in ("Kota", "Pemkot"):
            counts[f"Kota {name}"] += 1
        elif kind in ("Kabupaten", "Pemkab"):
            counts[f"Kabupaten {name}"] += 1
        elif kind in ("Provinsi", "Pemprov"):
            counts[f"Provinsi {name}"] += 1
    return counts.most_common(1)[0][0] if counts else None
