"""Each actor's role in the event, read from cue phrases in its sentence (``rules/role_cues.csv``).

A cue applies to the actors after it ("dihadiri oleh X"), before it ("X menyelenggarakan") or
either side. An actor takes the role of the nearest cue that reaches it; an actor with no cue is
*mentioned*. Across its mentions an actor keeps its strongest role.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import table
from resilience_kg.extract.segment import Span

#: Strongest first: an organiser who also attends is an organiser.
ROLE_ORDER = ("organiser", "host", "opener", "speaker", "participant", "mentioned")
#: The connection each role becomes, and whether it runs event -> actor.
ROLE_CONNECTIONS = {
    "organiser": ("organizedBy", True),
    "host": ("hostedBy", True),
    "opener": ("openedBy", True),
    "speaker": ("speakerAt", False),
    "participant": ("participatedIn", False),
    "mentioned": ("mentionedIn", False),
}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    role: str
    direction: str
    phrase: str


@functools.cache
def _cue_regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    cues: dict[str, tuple[str, str]] = {}
    for row in table("role_cues"):
        cues.setdefault(row["cue"].lower(), (row["role"], row["direction"]))
    alternatives = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in alternatives) + r")(?!\w)", re.I), cues


def find_cues(text: str, sentence: Span) -> list[Cue]:
    pattern, cues = _cue_regex()
    out = []
    for m in pattern.finditer(text, sentence.start, sentence.end):
        role, direction = cues[m.group(1).lower()]
        out.append(Cue(m.start(), m.end(), role, direction, m.group(1)))
    return out


def role_of(start: int, end: int, cues: Sequence[Cue], text: str) -> tuple[str, Cue | None]:
    """The role of the mention at ``start:end`` given its sentence's cues.

    A cue reaches forward over the rest of its clause (a semicolon or a full stop ends it) and
    backward over the words before it in the same clause.
    """
    best: tuple[int, Cue] | None = None
    for cue in cues:
        if cue.direction in ("after", "both") and cue.end <= start:
            between = text[cue.end:start]
            # A venue or a supporter is one name; an attendance list runs over commas and semicolons.
            if cue.role == "mentioned" and re.search(r"[;,]\s", between):
                continue
            distance = start - cue.end
        elif cue.direction in ("before", "both") and cue.start >= end:
            between = text[end:cue.start]
            if ";" in between or len(between) > 160:
                continue
            distance = cue.start - end + 40  # a cue before its actor is the usual reading
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, cue)
    if best is None:
        return "mentioned", None
    return best[1].role, best[1]


def stronger(a: str, b: str) -> str:
    return a if ROLE_ORDER.index(a) <= ROLE_ORDER.index(b) else b
