"""Agreements (MoU, LoI, Nota Kesepahaman, berita acara kesepakatan...) with their parties and a
status read from the verb: "akan menyepakati" is planned, "telah menandatangani" is signed
(``rules/agreements.csv``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import alternation, table
from resilience_kg.extract.segment import Span


@dataclass(frozen=True)
class AgreementFact:
    label: str
    acronym: str | None
    start: int  # the agreement's name in the text
    end: int
    sentence: Span
    status: str | None  # planned | signed
    status_cue: str | None


@functools.cache
def _acronyms() -> tuple[str, ...]:
    """The agreements' short forms ("MoU", "PKS"): the one-word names of ``rules/agreements.csv``."""
    return tuple(row["cue"] for row in table("agreements") if row["kind"] == "agreement" and " " not in row["cue"])


@functools.cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    names = [row["cue"] for row in table("agreements") if row["kind"] == "agreement"]
    verbs = {row["cue"].lower(): row["kind"] for row in table("agreements") if row["kind"] != "agreement"}
    # Names of several words in any case ("nota kesepahaman" in running text); acronyms as written
    # ("MoU", never "mou" or the party "pks").
    spelled = [n for n in names if " " in n]
    acronyms = [n for n in names if " " not in n]
    alternatives = [f"(?i:{re.escape(n)})" for n in sorted(spelled, key=len, reverse=True)]
    alternatives += [re.escape(n) for n in sorted(acronyms, key=len, reverse=True)]
    name_re = re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])")
    verb_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
                         + r")(?!\w)", re.I)
    return name_re, verb_re, verbs


def names_an_agreement(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` names an agreement (MoU, nota kesepahaman, PKS:
    ``rules/agreements.csv``)."""
    return _regexes()[0].search(text, start, end) is not None


def find_agreements(text: str, sentences: Sequence[Span]) -> list[AgreementFact]:
    """One agreement per sentence that names one; its label runs from the first agreement word
    over "/Letter of Intent (LoI)" and a "terkait ..." topic to the clause end."""
    name_re, verb_re, verbs = _regexes()
    out: list[AgreementFact] = []
    for sentence in sentences:
        first = name_re.search(text, sentence.start, sentence.end)
        if first is None:
            continue
        if re.match(r"\s+(?:" + alternation("agreement_back_references") + r")\b", text[first.end():sentence.end],
                    re.I):
            continue  # "MoU tersebut": the agreement already named, not another one
        stop = re.compile(r"[,;.](?=\s|$)|\s(?:" + alternation("agreement_name_end") + r")\s")
        m_stop = stop.search(text, first.end(), sentence.end)
        end = m_stop.start() if m_stop else sentence.end
        words = list(re.finditer(r"\S+", text[first.start():end]))
        if len(words) > 16:
            end = first.start() + words[15].end()
        label = text[first.start():end].rstrip(" .,;")
        acronym = None
        acr = re.search(r"\((" + "|".join(re.escape(a) for a in _acronyms()) + r")\)", label)
        if acr and not re.match(r"\s*(?:" + alternation("agreement_topic_words") + r")\b", label[acr.end():]):
            label = label[:acr.end()]  # "nota kesepahaman (MoU) dan kembali menyepakati ...": the name ends here
        if acr:
            acronym = acr.group(1)
        elif first.group(1) in ("MoU", "LoI", "LOI", "PKS"):
            acronym = first.group(1)
        status = None
        cue = None
        best = None
        for v in verb_re.finditer(text, sentence.start, sentence.end):
            distance = abs(v.start() - first.start())
            if best is None or distance < best:
                best, status, cue = distance, verbs[v.group(1).lower()], v.group(1)
        out.append(AgreementFact(label, acronym, first.start(), first.start() + len(label), sentence, status, cue))
    return out
