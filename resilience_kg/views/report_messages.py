"""The report's own words in Indonesian and English: one catalogue of message id -> text per
language (``views/templates/report_messages.csv``), read with importlib.resources.

A message is plain text with ``{name}`` placeholders. It is escaped, then filled with its
arguments, each escaped in turn unless it is markup the template built (a list of names with their
links). A message may have a singular form, ``<id>:one``, used when its ``count`` is 1.

>>> text("gaps.h", "id"), text("gaps.h", "en")
(Markup('Celah'), Markup('Gaps'))
>>> text("period.actors", "en", count=1), text("period.actors", "en", count=3)
(Markup('1 actor took part.'), Markup('3 actors took part.'))
>>> text("gaps.pillar", "en", pillar="<b>", text="a & b")
Markup('Pillar &lt;b&gt;: a &amp; b.')
"""

from __future__ import annotations

import functools
from typing import Any

from markupsafe import Markup

from resilience_kg.errors import ResilienceKGError
from resilience_kg.views.names import LANGS

#: The catalogue, beside the report's template.
CATALOGUE = "report_messages.csv"


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message of the report by id, each a text per language."""
    return read_catalogue(CATALOGUE)


def read_catalogue(name: str) -> dict[str, dict[str, str]]:
    """Every message of the catalogue ``name`` (a CSV beside the templates with the columns
    message, id, en) by id, each a text per language; a row missing a language is refused.
    Read on each call: the caller keeps it (see :func:`catalogue`)."""
    import csv
    import io
    from importlib.resources import files

    text_ = files("resilience_kg.views").joinpath("templates", name).read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text_)), start=2):
        key = (row.get("message") or "").strip()
        missing = [lang for lang in LANGS if not (row.get(lang) or "").strip()]
        if not key or missing or key in out:
            why = "no message id" if not key else f"no text in {', '.join(missing)}" if missing else "a second row"
            raise ResilienceKGError(f"{name}:{line}: {why} for {key!r}")
        out[key] = {lang: row[lang] for lang in LANGS}
    return out


def text(key: str, lang: str, **args: Any) -> Markup:
    """Message ``key`` in ``lang``, filled with ``args`` (escaped unless markup); its ``:one``
    form when ``count`` is 1 and it has one."""
    messages = catalogue()
    if args.get("count") == 1 and f"{key}:one" in messages:
        key = f"{key}:one"
    if key not in messages:
        raise ResilienceKGError(f"{CATALOGUE}: no message {key!r}")
    return Markup.escape(messages[key][lang]).format(**args)
