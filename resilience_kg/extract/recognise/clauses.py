"""Proposals and commitments: a body, a cue verb and the clause it governs.

Reports say who proposed what and who committed to what in a handful of shapes:

- active: "DSDA mengusulkan pembangunan tanggul ...", "PT MRT Jakarta proposed an integrated fare",
  "Pemprov DKI Jakarta dengan pihak Kedutaan Besar Perancis akan menyepakati ...";
- passive: "Penggantian pipa tua diusulkan oleh PAM Jaya", "a plan proposed by WRI Indonesia".

The cue words are data (``rules/proposal_cues.csv``, ``rules/commitment_cues.csv``), each with its
basis; a commitment cue also gives the commitment's status (offered, planned, fulfilled). The
subject must be a recognised body right before the cue (or right after a passive cue), so a
sentence about the weather that says "akan" commits nobody.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resilience_kg.extract.recognise.rules import alternation, table
from resilience_kg.extract.segment import Span

#: Kinds of clause, to the rule table that holds their cues.
KINDS = {"proposal": "proposal_cues", "commitment": "commitment_cues"}
@functools.cache
def _words(role: str) -> str:
    """The words of ``rules/clause_words.csv`` with ``role`` as one regex alternation, longest first."""
    words = sorted((row["word"] for row in table("clause_words") if row["role"] == role), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        # What may stand between a body's name and its verb: an apposition, an adverb.
        "gap": re.compile(rf"^(?:\s*,[^,.;:\n]{{0,50}},)?\s*(?:(?:{_words('gap')})\s+)*$", re.I),
        "tight": re.compile(rf"^\s*(?:(?:{_words('tight')})\s+)?$", re.I),
        # What joins two subjects ("Bappeda dan PAM Jaya", "Pemprov dengan pihak Kedutaan").
        "join": re.compile(rf"^\s*(?:,\s*(?:{_words('join')})?|{_words('join')})\s*$", re.I),
        # Words that open the clause but are not part of what is proposed.
        "lead": re.compile(rf"(?:\s|:|,|(?:{_words('lead')})\b)+", re.I),
        # Words that say a sentence lists what comes next ("Sebagai tindak lanjut", "Kesimpulan").
        "followup": re.compile(rf"(?<!\w)(?:{_words('followup')})(?!\w)", re.I),
    }


@dataclass(frozen=True)
class ClauseFact:
    """One proposal or commitment: who (``subjects``, mention spans), the cue and the clause."""

    kind: str  # proposal | commitment
    cue: str
    cue_start: int
    cue_end: int
    status: str  # a commitment's status; "" for a proposal
    subjects: tuple[tuple[int, int], ...]
    start: int  # the clause: what is proposed or committed to
    end: int
    sentence: Span

    @property
    def label_span(self) -> tuple[int, int]:
        return self.start, self.end


@functools.cache
def _cues() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    cues: dict[str, dict[str, str]] = {}
    for kind, name in KINDS.items():
        for row in table(name):
            cues.setdefault(row["cue"].lower(), {**row, "kind": kind})
    alternatives = sorted(cues, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in alternatives) + r")(?![\w-])", re.I)
    return pattern, cues


def find_clauses(text: str, sentences: Sequence[Span], mentions: Sequence[tuple[int, int]]) -> list[ClauseFact]:
    """Every proposal and commitment whose subject is one of ``mentions`` (body spans).

    >>> text = "DSDA mengusulkan pembangunan tanggul pantai. BMKG akan hadir."
    >>> from resilience_kg.extract.segment import sentences
    >>> bodies = [(m.start(), m.end()) for m in re.finditer("DSDA|BMKG", text)]
    >>> [(c.kind, text[c.start:c.end]) for c in find_clauses(text, sentences(text), bodies)]
    [('proposal', 'pembangunan tanggul pantai'), ('commitment', 'hadir')]
    """
    pattern, cues = _cues()
    spans = sorted(set(mentions))
    out: list[ClauseFact] = []
    for sent in sentences:
        found: list[ClauseFact] = []
        for m in pattern.finditer(text, sent.start, sent.end):
            row = cues[m.group(1).lower()]
            if row["voice"] == "passive":
                fact = _passive(text, sent, m, row, spans)
            else:
                fact = _active(text, sent, m, row, spans)
            if fact is not None:
                found.append(fact)
        facts = _follow_ups(text, sent, spans, _settle(text, found))
        facts += _plans(text, sent, spans, facts)
        out += facts + _agreed_item(text, sent, spans, facts)
    return sorted(out, key=lambda c: c.cue_start)


#: A plan in the passive: "akan dihimpun oleh X", "will be prepared by X"; or, after a follow-up
#: lead ("Disepakati bahwa ..."), with no agent at all ("seluruh data akan diunggah ...").
_PASSIVE_PLAN = re.compile(r"(?<!\w)(akan\s+di[a-z]{3,}|will\s+be\s+[a-z]{3,}(?:ed|en))(?!\w)", re.I)


_LIST_LINE = re.compile(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)])[ \t]+")


def _agreed_item(text: str, sent: Span, spans: Sequence[tuple[int, int]],
                 found: Sequence[ClauseFact]) -> list[ClauseFact]:
    """An item of a list that the meeting agreed ("Hal-hal yang disepakati untuk ditindaklanjuti:
    1. Pertukaran data ...; 2. Kunjungan balasan Pemerintah Kota Semarang ..."): a planned
    commitment, by the bodies the item names (or, naming none, by a party the reviewer names). A
    list whose intro names solutions ("Rencana tindak lanjut:") is drafted as solutions instead."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    marker = _LIST_LINE.match(text, line_start)
    if found or marker is None or sent.start not in (line_start + len(text[line_start:marker.end()]) -
                                                      len(text[line_start:marker.end()].lstrip()), marker.end()):
        return []  # not the first sentence of a list line
    pos = line_start
    intro = ""
    intro_at = 0
    while pos > 0:  # the nearest line above that is no list line
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev:pos - 1]
        if line.strip() and not _LIST_LINE.match(line):
            intro, intro_at = line, prev
            break
        pos = prev
    agreed = _patterns()["followup"].search(intro)
    if not intro.rstrip().endswith(":") or agreed is None or _names_items(intro):
        return []
    start = max(sent.start, marker.end())
    end = start + len(re.sub(r"[\s.;,]*(?:\b(?:dan|and)\b)?[\s.;,]*$", "", text[start:sent.end], flags=re.I))
    if not _worth(text[start:end]):
        return []
    subjects = tuple(sp for sp in spans if start <= sp[0] and sp[1] <= end)
    return [ClauseFact("commitment", agreed.group(0), intro_at + agreed.start(), intro_at + agreed.end(), "planned",
                       subjects, start, end, sent)]


@functools.cache
def _item_kinds() -> re.Pattern[str]:
    words = sorted({row["cue"].lower() for row in table("list_kinds")}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)


def _names_items(intro: str) -> bool:
    """Does a list's intro say its items are issues or solutions (``rules/list_kinds.csv``)?"""
    return bool(_item_kinds().search(intro))


def _plans(text: str, sent: Span, spans: Sequence[tuple[int, int]],
           found: Sequence[ClauseFact]) -> list[ClauseFact]:
    """Planned commitments stated in the passive: the agent after "oleh"/"by" is the party
    ("Masukan ... akan dihimpun oleh Sekretariat ..."); in a sentence that says it states what was
    agreed ("Disepakati bahwa ...", "Kesimpulan: ..."), a plan with no agent is a commitment whose
    party the reviewer names."""
    out: list[ClauseFact] = []
    lead = _patterns()["followup"].search(text, sent.start, sent.end)
    for m in _PASSIVE_PLAN.finditer(text, sent.start, sent.end):
        if any(f.start <= m.start() < f.end or f.cue_start == m.start() for f in found):
            continue  # inside a clause already drafted
        start = sent.start
        for b in re.finditer(r"[;:]\s*|,\s+|\(\d{1,2}\)\s*", text[sent.start:m.start()]):
            start = sent.start + b.end()
        if lead is not None and lead.start() >= start and lead.end() <= m.start():
            start = lead.end()
        lead_words = _patterns()["lead"].match(text, start, m.start())
        if lead_words:
            start = lead_words.end()
        stop = re.compile(r";|\n|\.(?:\s|$)|\s\(\d{1,2}\)").search(text, m.end(), sent.end)
        end = stop.start() if stop else sent.end
        end = start + len(text[start:end].rstrip(" .,"))
        agent = re.compile(r"\s+(?:oleh|by)\s+", re.I).search(text, m.end(), end)
        subjects: tuple[tuple[int, int], ...] = ()
        if agent is not None:
            subjects = tuple(sp for sp in spans if sp[0] == agent.end())
        if not subjects and (lead is None or not re.search(r"\w", text[start:m.start()])):
            # No agent, and no agreement before its own subject ("Hasil rapat akan dilaporkan ..."
            # is how the meeting ends, not a plan agreed): nobody commits.
            continue
        if any(sp[0] <= start < sp[1] for sp in spans) or not _worth(text[start:end]):
            continue
        out.append(ClauseFact("commitment", m.group(1), m.start(), m.end(), "planned", subjects, start, end, sent))
    return out


def _active(text: str, sent: Span, m: re.Match[str], row: dict[str, str],
            spans: Sequence[tuple[int, int]]) -> ClauseFact | None:
    # A cue so common that only a body's name right before it counts ("DSDA akan"): ``tight``.
    gap = _patterns()["tight" if row.get("tight") else "gap"]
    subjects = _subjects_before(text, sent, m.start(), spans, gap)
    if not subjects:
        return None
    start, end = _clause_after(text, m.end(), sent.end)
    if not _worth(text[start:end]):
        return None
    return ClauseFact(row["kind"], m.group(1), m.start(), m.end(), row.get("status", ""),
                      tuple(sorted(subjects)), start, end, sent)


def _subjects_before(text: str, sent: Span, at: int, spans: Sequence[tuple[int, int]],
                     gap: re.Pattern[str]) -> list[tuple[int, int]]:
    """The bodies that are the subject of a verb at ``at``: the one right before it (only ``gap``
    between) and those joined to it ("Bappeda dan PAM Jaya")."""
    before = [s for s in spans if sent.start <= s[0] and s[1] <= at]
    if not before:
        return []
    last = max(before, key=lambda s: s[1])
    if not gap.match(text[last[1]:at]):
        return []
    subjects = [last]
    for span in sorted(before, key=lambda s: s[1], reverse=True):
        if span[1] <= subjects[-1][0] and _patterns()["join"].match(text[span[1]:subjects[-1][0]]):
            subjects.append(span)
        elif span[1] <= subjects[-1][0]:
            break
    return subjects


#: An Indonesian active verb (meN- prefix) right after a body: "Dinas Sosial menyiapkan ...".
_ACTIVE_VERB = re.compile(r"\s+(?:juga\s+|akan\s+)?(me[a-z]{3,})\b")


def _follow_ups(text: str, sent: Span, spans: Sequence[tuple[int, int]],
                found: Sequence[ClauseFact]) -> list[ClauseFact]:
    """What each body will do, in a sentence that says it lists the follow-up ("Sebagai tindak
    lanjut, DSDA akan memastikan ..., Dinas Sosial menyiapkan dapur umum ..."; "Kesimpulan FGD:
    (1) ...; (2) BPBD dan Dishub menyusun prosedur bersama"): a body and an active verb there is a
    planned commitment, though the verb is no commitment cue of its own. Returns every fact of the
    sentence, the cued ones cut where the next body's own clause begins."""
    lead = _patterns()["followup"].search(text, sent.start, sent.end)
    if lead is None:
        return list(found)
    taken = {span for fact in found for span in fact.subjects}
    starts: list[tuple[list[tuple[int, int]], re.Match[str]]] = []
    for span in sorted(spans):
        if span[0] < lead.end() or span[1] > sent.end or span in taken:
            continue
        verb = _ACTIVE_VERB.match(text, span[1], sent.end)
        subjects = _subjects_before(text, sent, verb.start(1), spans, _patterns()["gap"]) if verb else []
        if verb is not None and subjects:
            starts.append((subjects, verb))
    facts = list(found)
    for subjects, verb in starts:
        facts.append(ClauseFact("commitment", verb.group(1), verb.start(1), verb.end(1), "planned",
                                tuple(sorted(subjects)), verb.start(1), sent.end, sent))
    facts.sort(key=lambda f: f.cue_start)
    out: list[ClauseFact] = []
    for n, fact in enumerate(facts):
        # Each clause ends where the next body's begins ("..., Dinas Sosial menyiapkan ...").
        limit = min([f.subjects[0][0] for f in facts[n + 1:] if f.subjects[0][0] > fact.start] or [fact.end])
        end = fact.start + len(re.sub(r"(?:[\s,;]+(?:dan|serta|and)?)*\s*$", "",
                                      text[fact.start:min(fact.end, limit)], flags=re.I))
        stop = re.compile(r";|\n|\.(?:\s|$)").search(text, fact.start, end)
        end = stop.start() if stop else end
        if _worth(text[fact.start:end]):
            out.append(replace(fact, end=end))
    return out


def _passive(text: str, sent: Span, m: re.Match[str], row: dict[str, str],
             spans: Sequence[tuple[int, int]]) -> ClauseFact | None:
    after = [s for s in spans if s[0] >= m.end() and s[1] <= sent.end]
    if not after:
        return None
    first = min(after)
    if text[m.end():first[0]].strip():
        return None
    subjects = [first]
    for span in sorted(after):
        if span[0] >= subjects[-1][1] and _patterns()["join"].match(text[subjects[-1][1]:span[0]]):
            subjects.append(span)
        elif span[0] >= subjects[-1][1]:
            break
    head = text[sent.start:m.start()]
    begin = sent.start + max((b.end() for b in re.finditer(r"[;:]\s*|,\s+", head)), default=0)
    start, end = begin, m.start()
    # "Pembangunan tanggul yang diusulkan oleh DSDA": the relative pronoun is not what was proposed.
    end = start + len(re.sub(r"(?:\s+(?:" + alternation("relative_pronouns") + r"))*\s*$", "", text[start:end],
                             flags=re.I))
    if not _worth(text[start:end]):
        return None
    return ClauseFact(row["kind"], m.group(1), m.start(), m.end(), row.get("status", ""), tuple(subjects),
                      start, end, sent)


def _clause_after(text: str, at: int, limit: int) -> tuple[int, int]:
    """The clause after a cue: from its first word to the end of the sentence or the clause."""
    lead = _patterns()["lead"].match(text, at, limit)
    start = lead.end() if lead else at
    stop = re.compile(r";|\n|,\s+(?:sedangkan|sementara|while|whereas)\b|\.(?:\s|$)").search(text, start, limit)
    end = stop.start() if stop else limit
    end = start + len(text[start:end].rstrip(" .,"))
    return start, end


def _worth(clause: str) -> bool:
    """A clause that says something: two words at least, one of four letters or more."""
    words = re.findall(r"\w+", clause)
    return len(words) >= 1 and any(len(w) >= 4 for w in words) and len(clause) <= 400


def _settle(text: str, found: list[ClauseFact]) -> list[ClauseFact]:
    """One fact per cue group: "DSDA akan mengusulkan ..." is a proposal, not also a commitment;
    a clause that runs into the next cue's subject ends where that subject begins."""
    found.sort(key=lambda f: f.cue_start)
    kept: list[ClauseFact] = []
    for fact in found:
        if kept and fact.subjects == kept[-1].subjects and fact.cue_start - kept[-1].cue_end <= 15:
            if kept[-1].kind == "commitment" and fact.kind == "proposal":
                kept[-1] = fact
            continue
        if kept and kept[-1].start < fact.subjects[0][0] < kept[-1].end:
            prev = kept[-1]
            cut = prev.start + len(re.sub(r"(?:[\s,]+(?:dan|serta|and)?)*\s*$", "",
                                          text[prev.start:fact.subjects[0][0]], flags=re.I))
            kept[-1] = ClauseFact(prev.kind, prev.cue, prev.cue_start, prev.cue_end, prev.status, prev.subjects,
                                  prev.start, cut, prev.sentence)
        kept.append(fact)
    return [f for f in kept if _worth(text[f.start:f.end])]
