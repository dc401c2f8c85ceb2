"""Split plain text into paragraphs, sentences and word tokens, keeping character offsets.

Tokenisation is a regular expression, not spaCy: the rules need only words, their capitals
and exact offsets into the saved text, and a regex gives those in microseconds with no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import words as word_list

#: A word: letters/digits with inner dots, hyphens, apostrophes, slashes or ampersands
#: (PT., S.T., Jum'at, LSM/NGO, UN-Habitat, R&D); or any other single non-space character. Two
#: hyphens are a dash, no hyphen ("the Team--consisting of ...--will"): a word ends before them.
WORD = re.compile(r"[^\W_](?:(?:[\w.'’&/]|-(?!-))*[^\W_])?\.?|\S", re.U)

#: Words after which a full stop does not end a sentence (``rules/words.csv``, list ``abbreviations``).
ABBREVIATIONS = frozenset(word_list("abbreviations"))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> Iterator[Span]:
    """Non-empty lines: every reader writes one paragraph or list item a line."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            yield Span(start, start + len(stripped), stripped)
        pos += len(line) + 1


_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[Span]:
    """Sentences with their offsets; a paragraph break always ends one.

    >>> [s.text for s in sentences("Rapat dibuka oleh Bpk. Tri. Hadir PT. Jaya.\\nSesi dua.")]
    ['Rapat dibuka oleh Bpk. Tri.', 'Hadir PT. Jaya.', 'Sesi dua.']
    """
    out: list[Span] = []
    for para in paragraphs(text):
        begin = 0
        body = para.text
        for match in _END.finditer(body):
            before = body[begin:match.start()].rsplit(None, 1)
            last = before[-1].lower().strip("([\"'").rstrip(".") if before else ""
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or re.fullmatch(r"\(?[ivx]+|\d+", last):
                continue
            end = match.end()
            piece = body[begin:end].strip()
            if piece:
                start = para.start + begin + (len(body[begin:end]) - len(body[begin:end].lstrip()))
                out.append(Span(start, start + len(piece), piece))
            begin = end
        piece = body[begin:].strip()
        if piece:
            start = para.start + begin + (len(body[begin:]) - len(body[begin:].lstrip()))
            out.append(Span(start, start + len(piece), piece))
    return out


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Span(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, stop)]
