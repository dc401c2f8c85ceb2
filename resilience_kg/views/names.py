"""Names in the reader's language: the report and the views show every name in one language,
Indonesian first for Indonesian data, with the other language on hover.

An actor's Indonesian label is often only its acronym (BPBD), with the full name under
``rkg:expansion``: the full name is the one to show, with the acronym beside it.

>>> bpbd = {"kind": "actor", "acronym": "BPBD", "label_id": "BPBD", "label_en": "Regional Disaster Management Agency",
...         "expansion": "Badan Penanggulangan Bencana Daerah"}
>>> full_name(bpbd, "id"), short_name(bpbd, "id")
('Badan Penanggulangan Bencana Daerah', 'BPBD')
>>> embassy = {"kind": "actor", "acronym": "Kedubes Perancis", "label_id": "Kedutaan Besar Perancis",
...            "label_en": "Embassy of France in Indonesia"}
>>> short_name(embassy, "en"), short_name(embassy, "id")
('Embassy of France in Indonesia', 'Kedutaan Besar Perancis')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from resilience_kg import vocab as v

if TYPE_CHECKING:
    from resilience_kg.graph.dataset import KnowledgeGraph

#: The languages the pages are written for, the first the default when the data says none.
LANGS = ("id", "en")


#: The languages the sources say they are written in (``dcterms:language``).
DATASET_LANGUAGE = "SELECT ?l WHERE { ?s dcterms:language ?l }"


def dataset_language(kg: KnowledgeGraph, *, default: str = "en") -> str:
    """The language most of the sources are written in (``dcterms:language``), if the pages
    offer it; ``id`` for the bundled report."""
    rows = kg.store.query(DATASET_LANGUAGE, prefixes=v.QUERY_PREFIXES, use_default_graph_as_union=True)
    return most_common_language((r["l"].value for r in rows), default=default)  # type: ignore[union-attr]


def most_common_language(tags: Iterable[str], *, default: str = "en") -> str:
    """The language (of those the pages offer) most of ``tags`` name, else ``default``.

    >>> most_common_language(["id", "en-GB", "id-ID"]), most_common_language(["fr"])
    ('id', 'en')
    """
    counts = Counter(str(tag).lower().split("-")[0] for tag in tags)
    for lang, _ in counts.most_common():
        if lang in LANGS:
            return lang
    return default


def other(lang: str) -> str:
    """The other language of the two."""
    return "en" if lang == "id" else "id"


def full_name(a: Mapping[str, Any], lang: str) -> str:
    """A node's full name in ``lang`` (an Indonesian acronym-only label gives way to the
    expansion), else in the other language, else its id."""
    acronym = str(a.get("acronym") or "")
    label = str(a.get(f"label_{lang}") or "")
    if lang == "id" and a.get("expansion") and (not label or label == acronym):
        label = str(a["expansion"])
    return label or str(a.get(f"label_{other(lang)}") or a.get("label") or a.get("id") or "")


def is_acronym(text: str) -> bool:
    """A short name that reads the same in both languages: one word (BPBD, PD PAM is two)."""
    return bool(text) and " " not in text.strip() and len(text) <= 14


def short_name(a: Mapping[str, Any], lang: str) -> str:
    """What a list shows: an actor's acronym when it is one, else its full name in ``lang``."""
    acronym = str(a.get("acronym") or "")
    if a.get("kind") == "actor" and is_acronym(acronym):
        return acronym
    return full_name(a, lang)


def hover(a: Mapping[str, Any], lang: str) -> str:
    """The full names, shown language first, then the other, for a tooltip."""
    names = [full_name(a, lang), full_name(a, other(lang))]
    acronym = str(a.get("acronym") or "")
    if acronym and acronym not in names:
        names.insert(1, acronym)
    return " · ".join(dict.fromkeys(n for n in names if n))


def names_itself(text: str) -> bool:
    """An acronym or short name that a reader knows the body by in either language: one word
    (Bappeda, BPBD) or one with a capitalised part (PD PAM Jaya, Biro KDH-KLN); not a short form in
    words ("Kedubes Perancis", which is Indonesian).

    >>> [names_itself(x) for x in ("BPBD", "Bappeda", "PD PAM Jaya", "Kedubes Perancis", "")]
    [True, True, True, False, False]
    """
    return is_acronym(text) or any(len(w) >= 2 and w.isupper() for w in text.replace("-", " ").split())


def labelled(a: Mapping[str, Any], lang: str) -> str:
    """An actor's full name in ``lang`` with its acronym beside it, unless the name holds it.

    >>> bpbd = {"kind": "actor", "acronym": "BPBD", "label_id": "BPBD",
    ...         "label_en": "Regional Disaster Management Agency", "expansion": "Badan Penanggulangan Bencana Daerah"}
    >>> labelled(bpbd, "id"), labelled(bpbd, "en")
    ('Badan Penanggulangan Bencana Daerah (BPBD)', 'Regional Disaster Management Agency (BPBD)')
    """
    name = full_name(a, lang)
    acronym = str(a.get("acronym") or "").strip()
    if a.get("kind") == "actor" and names_itself(acronym) and acronym.casefold() not in name.casefold():
        return f"{name} ({acronym})"
    return name
