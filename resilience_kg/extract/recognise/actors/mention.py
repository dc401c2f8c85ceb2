"""One organisation mention: the span quoted, the name, and how it was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActorMention:
    """One organisation mention: the span quoted, the name, and how it was found."""

    start: int
    end: int
    name: str
    acronym: str | None
    expansion: str | None
    sector: str | None
    sector_basis: str
    method: str
    confidence: float
    kind: str = "org"  # org | unit
    parent_span: tuple[int, int] | None = None
