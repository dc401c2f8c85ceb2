"""Attendance tables: the organisation cell of each row names a body ("Tirtanadi", "Aetra")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resilience_kg.extract.recognise.actors.lists import _brand_sector, _plausible_item
from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.vocabulary import is_acronym
from resilience_kg.extract.recognise.rules import confidence
from resilience_kg.extract.recognise.rules import words as word_list


@dataclass(frozen=True)
class TableCells:
    """The cells of a report's attendance tables: those of an organisation column ("Instansi")
    and those of a post column ("Jabatan"), as (start, end) offsets."""

    orgs: tuple[tuple[int, int], ...]
    posts: tuple[tuple[int, int], ...]


def _cells(text: str, line: re.Match[str]) -> list[tuple[int, int]]:
    """The stripped cells of a table row written with "|" (Markdown) or tabs (a pasted table)."""
    body = line.group(0)
    sep = "|" if body.count("|") >= 2 else "\t" if body.count("\t") >= 2 else None
    if sep is None:
        return []
    out = []
    pos = line.start()
    for part in body.split(sep):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(part) + 1
    if sep == "|" and body.strip().startswith("|"):
        out = out[1:]
    if sep == "|" and body.strip().endswith("|"):
        out = out[:-1]
    return out


def table_cells(text: str) -> TableCells:
    """Find the attendance tables: a header row naming an organisation column, then its rows."""
    org_words = frozenset(word_list("org_columns"))
    post_words = frozenset(word_list("post_columns"))
    header_words = frozenset(word_list("table_header_words"))
    orgs: list[tuple[int, int]] = []
    posts: list[tuple[int, int]] = []
    columns: tuple[int | None, int | None, int] | None = None
    for line in re.finditer(r"[^\n]+", text):
        cells = _cells(text, line)
        if not cells:
            columns = None
            continue
        heads = [text[a:b].strip("*_ ").lower() for a, b in cells]
        named = [n for n, h in enumerate(heads) if h in org_words or (
            len(h.split()) <= 3 and any(w in org_words for w in re.split(r"[\s/]+", h))
            and any(x in header_words for x in heads))]
        if named:
            # ("No | Nama | Asal Instansi": a short header cell with an organisation word, beside "Nama".)
            post = next((n for n, h in enumerate(heads) if h in post_words
                         or any(w in post_words for w in re.split(r"[\s/]+", h))), None)
            columns = (named[0], post, len(cells))
            continue
        if columns is None or len(cells) != columns[2]:
            continue
        if all(re.fullmatch(r":?-{2,}:?", text[a:b]) for a, b in cells):
            continue  # the rule under a Markdown header
        if columns[0] is not None:
            orgs.append(cells[columns[0]])
        if columns[1] is not None:
            posts.append(cells[columns[1]])
    return TableCells(tuple(orgs), tuple(posts))


def table_members(text: str, cells: TableCells, found: list[ActorMention]) -> list[ActorMention]:
    """The organisation cell of each attendance-table row names a body: "Tirtanadi", "Aetra",
    "Telkomsel" need no head noun there. A cell that another recogniser found keeps that mention."""
    out = []
    for a, b in cells.orgs:
        if a >= b or any(a <= f.start < b or f.start <= a < f.end for f in found):
            continue
        name = text[a:b].rstrip(" .;,")
        if not _plausible_item(name) or len(name.split()) > 6:
            continue
        out.append(ActorMention(a, a + len(name), name, name if is_acronym(name) else None, None,
                                _brand_sector(name), "brand-guess" if _brand_sector(name) else "",
                                "rule:table-column", confidence("mention:table-column")))
    return out
