"""Proposals and commitments: a body, a cue verb and the clause it governs.

Reports say who proposed what and who committed to what in a handful of shapes:

- active: "DSDA mengusulkan pembangunan tanggul ...", "PT MRT Jakarta proposed an integrated fare",
  "Pemprov DKI Jakarta dengan pihak Kedutaan Besar Perancis akan menyepakati ...";
- passive: "Penggantian pipa tua diusulkan oleh PAM Jaya", "a plan proposed by WRI Indonesia".

The cue words are data (``rules/proposal_cues.csv``, ``rules/commitment_cues.csv``), each with its
basis; a commitment cue also gives the commitment's status (offered, planned, fulfilled). The
subject must be a recognised body right before the cue (or right after a passive cue), so a
sentence about the weather that says "akan" commits nobody.

News items and minutes also write the subject in ways the recogniser does not mark on its own:
a short form or name the report gave earlier ("Badan ... (BPBA)", later "BPBA berjanji akan ..."),
a brand with no head noun right before the verb ("Alfamart telah menyerahkan ..."), or a pronoun
for the speaker's body ("pihaknya akan ...", "\"Kami akan ...,\" ujar Kepala ..."). ``clause_subjects``
finds the first two as mentions (guarded: no person, place, post or collective); ``find_clauses``
reads the third. A deed reported done ("telah", "has") is a fulfilled commitment only before an
active verb that is no meeting act ("telah menggelar rapat" reports the meeting); a second verb
of the same subject ("telah memetakan ... dan akan membagikan ...") is a second commitment.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.rules import (
    alternation,
    collectives,
    confidence,
    list_kinds,
    months,
    places,
    table,
    weekdays,
    words,
)
from resilience_kg.extract.segment import ABBREVIATIONS, Span

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
        # What may stand between a body's name and its verb: an apposition, a comma news items put
        # after a long subject ("Wakil Bupati X Nama, menegaskan ..."), an adverb.
        # An apposition may also be written without commas after "sebagai"/"selaku" ("FPPJ sebagai
        # organisasi kepemudaan di Jakarta berkomitmen ...").
        "gap": re.compile(rf"^(?:\s*,[^,.;:\n]{{0,50}},|\s+(?:sebagai|selaku)\s+[^,.;:\n]{{0,60}}?)?\s*,?\s*"
                          rf"(?:(?:{_words('gap')})\s+)*$", re.I),
        # A name nobody marked takes no lone comma before its verb: "Budi, menambahkan" is a person.
        "gap_unmarked": re.compile(rf"^(?:\s*,[^,.;:\n]{{0,50}},)?\s*(?:(?:{_words('gap')})\s+)*$", re.I),
        "tight": re.compile(rf"^\s*(?:(?:{_words('tight')})\s+)?$", re.I),
        # What joins two subjects ("Bappeda dan PAM Jaya", "Pemprov dengan pihak Kedutaan").
        "join": re.compile(rf"^\s*(?:,\s*(?:{_words('join')})?|{_words('join')})\s*$", re.I),
        # Words that open the clause but are not part of what is proposed.
        "lead": re.compile(rf"(?:\s|:|,|(?:{_words('lead')})\b)+", re.I),
        # Words that say a sentence lists what comes next ("Sebagai tindak lanjut", "Kesimpulan").
        "followup": re.compile(rf"(?<!\w)(?:{_words('followup')})(?!\w)", re.I),
        # A pronoun standing for a body ("pihaknya akan", "Kami akan") right before the cue.
        "pronoun": re.compile(rf"(?<!\w)(?:{_words('pronoun')})$", re.I),
        # A second verb of the same subject: "... dan akan membagikan ...".
        "continues": re.compile(rf"(?:\s*,)?\s+(?:{_words('continues')})\s+(?:juga\s+|also\s+)?$", re.I),
        # An active deed after "telah"/"has": the next word, checked against the meeting acts.
        "deed": re.compile(rf"\s+(?:(?:{_words('deed-adverb')})\s+)*([a-z]+)\b"),
        "participle": re.compile(rf"(?:{_words('participle-ending')})$"),
        "auxiliary": re.compile(rf"(?i)(?:{_words('auxiliary')})$"),
        "speaker": re.compile(rf"(?i)[,\"”]\s*(?:{_words('speaker-verb')})\b"),
        # What may stand before a subject at the head of its clause: nothing, a list marker, an intro
        # phrase and its comma, a quote mark, a full stop the segmenter kept ("... Agustus 2019.
        # Telkomsel menawarkan ..."), or a conjunction that opens a second clause.
        "clause_head": re.compile(r"(?:^\s*(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-h][.)])?\s*|,\s*|[\"“]\s*|\w[.!?]\s+"
                                  rf"|\s(?:{_words('clause-opener')})\s+)$", re.I),
        "not_deed": re.compile(rf"^(?:{_words('not-deed')})$", re.I),
        "meeting": re.compile(rf"\s+(?:(?:a|an|the|sebuah)\s+)?(?:{_words('meeting-noun')})\b", re.I),
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
    said = speakers(text, sentences, spans)
    out: list[ClauseFact] = []
    previous: Span | None = None
    agreed: Span | None = None
    intros = _Intros(text)
    for sent in sentences:
        found: list[ClauseFact] = []
        for m in pattern.finditer(text, sent.start, sent.end):
            row = cues[m.group(1).lower()]
            if row["voice"] == "passive":
                fact = _passive(text, sent, m, row, spans)
            else:
                fact = _active(text, sent, m, row, spans, previous, said.get(sent.start))
            if fact is not None:
                if fact.kind == "commitment":
                    found += _continued(text, fact)
                else:
                    found += [e for f in _continued(text, fact) for p in _paired(text, f) for e in _enumerated(text, p)]
        found += _asked_that(text, sent, spans, found, previous, said.get(sent.start))
        facts = _follow_ups(text, sent, spans, _settle(text, found))
        continued = agreed is not None and "\n" not in text[agreed.end:sent.start]
        plans = _plans(text, sent, spans, facts, agreed_before=continued)
        facts += plans
        out += facts + _agreed_item(text, sent, spans, facts, intros)
        previous = sent
        # A sentence that states what was agreed, with a plan in it: the plans of the sentences
        # after it in its paragraph are agreed too ("Disepakati bahwa X akan ... . Data Y akan
        # disinkronkan ...").
        agreed = sent if (plans and _patterns()["followup"].search(text, sent.start, sent.end)) or \
            (continued and plans) else None
    return sorted(out, key=lambda c: c.cue_start)


@functools.cache
def _asks_that_pattern() -> re.Pattern[str]:
    """A verb of speaking or asking, the one it addresses and "agar"/"supaya": "menyampaikan ke Camat
    agar ...", "mengingatkan kepada seluruh lurah supaya ..." (``speech_verbs``, ``clause_words``
    roles ``says`` and ``asks``; Indonesian, single words)."""
    heads = {v.replace(",", " ").split()[0] for v in _speech_verbs()}  # "menyampaikan bahwa": its verb
    verbs = sorted({v for v in heads if re.fullmatch(r"[a-z]+", v) and v.startswith(("me", "ber"))},
                   key=len, reverse=True)
    return re.compile(rf"(?<!\w)(({'|'.join(verbs)})\s+(?:kepada|ke)\s+[^,.;:\n\"“”]{{2,80}}?\s+(?:agar|supaya))\s",
                      re.I)


def _asked_that(text: str, sent: Span, spans: Sequence[tuple[int, int]], found: Sequence[ClauseFact],
                previous: Span | None, speech: Speech | None) -> list[ClauseFact]:
    """What a body asks of someone it names, with a verb of speaking ("Dinas Kesehatan menyampaikan
    ke Camat agar berupaya melakukan ..."): a proposal by that body, as "menyampaikan agar" is,
    the addressee between the verb and "agar" being no part of it."""
    out: list[ClauseFact] = []
    row = dict(kind="proposal", voice="active", status="")  # the row an active proposal cue has
    for m in _asks_that_pattern().finditer(text, sent.start, sent.end):
        if any(m.start() <= f.cue_start < m.end() for f in found):
            continue  # "meminta kepada X agar": the cue "meminta" has it already
        fact = _active(text, sent, m, row, spans, previous, speech)
        if fact is not None:
            fact = replace(fact, cue=f"{m.group(2)} agar")
            out += [e for f in _continued(text, fact) for p in _paired(text, f) for e in _enumerated(text, p)]
    return out


#: A plan in the passive: "akan dihimpun oleh X", "will be prepared by X"; or, after a follow-up
#: lead ("Disepakati bahwa ..."), with no agent at all ("seluruh data akan diunggah ...").
_PASSIVE_PLAN = re.compile(r"(?<!\w)(akan\s+di[a-z]{3,}|will\s+be\s+[a-z]{3,}(?:ed|en))(?!\w)", re.I)
#: A plan in the active after a follow-up lead and "bahwa" ("Rapat menyepakati bahwa penentuan
#: lokasi akan mengacu pada ..."): what was agreed, whose subject is no body; the reviewer names the party.
_AGREED_PLAN = re.compile(r"(?<!\w)(akan\s+(?:me|ber)[a-z]{3,}|will\s+(?!be\b)[a-z]{3,})(?!\w)", re.I)
#: "X menyepakati bahwa Y akan ...": the plan starts after "bahwa"/"that".
_THAT = re.compile(r"(?<!\w)(?:bahwa|that)\s+", re.I)


_LIST_LINE = re.compile(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)])[ \t]+")


def _within(spans: Sequence[tuple[int, int]], start: int, end: int) -> Sequence[tuple[int, int]]:
    """The sorted ``spans`` that start within ``start:end`` (by bisection)."""
    return spans[bisect.bisect_left(spans, (start, -1)):bisect.bisect_left(spans, (end, -1))]


class _Intros:
    """The nearest line above each list line of one text that is no list line (its intro), found
    once per list: looked for again from each item, a long list would cost its square."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.above: dict[int, tuple[str, int]] = {}

    def of(self, line_start: int) -> tuple[str, int]:
        """The intro above the line at ``line_start`` and where it starts ("", 0 if none)."""
        walked: list[int] = []
        pos, found = line_start, ("", 0)
        while pos > 0:
            if pos in self.above:
                found = self.above[pos]
                break
            walked.append(pos)
            prev = self.text.rfind("\n", 0, pos - 1) + 1
            line = self.text[prev:pos - 1]
            if line.strip() and not _LIST_LINE.match(line):
                found = (line, prev)
                break
            pos = prev
        for at in walked:  # every line walked past has the same intro
            self.above[at] = found
        return found


def _agreed_item(text: str, sent: Span, spans: Sequence[tuple[int, int]],
                 found: Sequence[ClauseFact], intros: _Intros) -> list[ClauseFact]:
    """An item of a list that the meeting agreed ("Hal-hal yang disepakati untuk ditindaklanjuti:
    1. Pertukaran data ...; 2. Kunjungan balasan Pemerintah Kota Semarang ..."): a planned
    commitment, by the bodies the item names (or, naming none, by a party the reviewer names). A
    list whose intro names solutions ("Rencana tindak lanjut:") is drafted as solutions instead."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    marker = _LIST_LINE.match(text, line_start)
    if found or marker is None or sent.start not in (line_start + len(text[line_start:marker.end()]) -
                                                      len(text[line_start:marker.end()].lstrip()), marker.end()):
        return []  # not the first sentence of a list line
    intro, intro_at = intros.of(line_start)
    agreed = _patterns()["followup"].search(intro)
    if not intro.rstrip().endswith(":") or agreed is None or _names_items(intro):
        return []
    start = max(sent.start, marker.end())
    end = start + len(re.sub(r"[\s.;,]*(?:\b(?:dan|and)\b)?[\s.;,]*$", "", text[start:sent.end], flags=re.I))
    if not _worth(text[start:end]):
        return []
    subjects = tuple(sp for sp in _within(spans, start, end) if sp[1] <= end)
    return [ClauseFact("commitment", agreed.group(0), intro_at + agreed.start(), intro_at + agreed.end(), "planned",
                       subjects, start, end, sent)]


def _names_items(intro: str) -> bool:
    """Does a list's intro say its items are issues or solutions (``rules/list_kinds.csv``)?"""
    return bool(list_kinds()[0].search(intro))


def _plans(text: str, sent: Span, spans: Sequence[tuple[int, int]],
           found: Sequence[ClauseFact], *, agreed_before: bool = False) -> list[ClauseFact]:
    """Planned commitments stated in the passive: the agent after "oleh"/"by" is the party
    ("Masukan ... akan dihimpun oleh Sekretariat ..."); in a sentence that says it states what was
    agreed ("Disepakati bahwa ...", "Kesimpulan: ..."), a plan with no agent is a commitment whose
    party the reviewer names; so is a passive plan in a sentence that goes on from such a sentence
    in its paragraph (``agreed_before``)."""
    out: list[ClauseFact] = []
    lead = _patterns()["followup"].search(text, sent.start, sent.end)
    plans = list(_PASSIVE_PLAN.finditer(text, sent.start, sent.end))
    if lead is not None:
        plans += [m for m in _AGREED_PLAN.finditer(text, lead.end(), sent.end)]
    for m in sorted(plans, key=lambda m: m.start()):
        if any(f.start <= m.start() < f.end or f.cue_start <= m.start() < f.cue_end for f in [*found, *out]):
            continue  # inside a clause already drafted
        start = sent.start
        for b in re.finditer(r"[;:]\s*|,\s+|\(\d{1,2}\)\s*", text[sent.start:m.start()]):
            start = sent.start + b.end()
        if lead is not None and lead.start() >= start and lead.end() <= m.start():
            start = lead.end()
        that = [t for t in _THAT.finditer(text, start, m.start())]
        if that:
            start = that[-1].end()
        if not _PASSIVE_PLAN.fullmatch(m.group(0)) and (not that or _within(spans, start, m.start())):
            # An active plan only where the sentence says what was agreed ("menyepakati bahwa"):
            # "Hasil rapat ini akan menjadi dasar ..." agrees on nothing; a body's own plan its cue reads.
            continue
        lead_words = _patterns()["lead"].match(text, start, m.start())
        if lead_words:
            start = lead_words.end()
        stop = re.compile(r";|\n|\.(?:\s|$)|\s\(\d{1,2}\)").search(text, m.end(), sent.end)
        end = stop.start() if stop else sent.end
        end = start + len(text[start:end].rstrip(" .,"))
        agent = re.compile(r"\s+(?:oleh|by)\s+", re.I).search(text, m.end(), end)
        subjects: tuple[tuple[int, int], ...] = ()
        if agent is not None:
            subjects = tuple(_within(spans, agent.end(), agent.end() + 1))
        if not subjects and (lead is None or not re.search(r"\w", text[start:m.start()])) and not (
                agreed_before and _PASSIVE_PLAN.fullmatch(m.group(0)) and re.search(r"\w", text[start:m.start()])):
            # No agent, and no agreement before its own subject ("Hasil rapat akan dilaporkan ..."
            # is how the meeting ends, not a plan agreed): nobody commits.
            continue
        inside = any(start < sp[1] for sp in _within(spans, start - _NAME_REACH, start + 1))
        if inside or not _worth(text[start:end]):
            continue
        out.append(ClauseFact("commitment", m.group(1), m.start(), m.end(), "planned", subjects, start, end, sent))
    return out


#: "yang" right before a commitment word, and a passive verb right after it: the body before
#: "yang" is what the plan is done to ("yang akan didampingi oleh ..."), not who plans it.
_WHO_UNDERGOES = re.compile(r"(?<!\w)yang\s+$", re.I)
_PASSIVE_AFTER = re.compile(r"\s+di[a-z]{3,}\b", re.I)


def _active(text: str, sent: Span, m: re.Match[str], row: dict[str, str],
            spans: Sequence[tuple[int, int]], previous: Span | None = None,
            speech: Speech | None = None) -> ClauseFact | None:
    # A cue so common that only a body's name right before it counts ("DSDA akan"): ``tight``.
    gap = _patterns()["tight" if row.get("tight") else "gap"]
    if not _done_or_not_said_done(text, m, row, sent.end):
        return None
    if (forecast := _forecast().match(text, m.start(), sent.end)) and forecast.end() > m.end():
        return None  # "akan terjadi" forecasts; but "will continue to" (a cue longer than "will continue") plans
    if _WHO_UNDERGOES.search(text, max(sent.start, m.start() - 8), m.start()) and _PASSIVE_AFTER.match(text, m.end()):
        return None  # "Forum X yang akan didampingi oleh BPBD": the body undergoes the plan; BPBD commits
    subjects = (_subjects_before(text, sent, m.start(), spans, gap)
                or _antecedent(text, sent, m, spans, previous, speech))
    if not subjects:
        return None
    start, end = _clause_after(text, m.end(), sent.end)
    if not _worth(text[start:end]):
        return None
    return ClauseFact(row["kind"], m.group(1), m.start(), m.end(), row.get("status", ""),
                      tuple(sorted(subjects)), start, end, sent)


#: Partners a subject acts with, named in lower case, between it and its verb ("BPBD bersama perguruan
#: tinggi akan ...", "Pihaknya bersama kementerian terkait akan ..."): no body of their own, so the
#: subject before them commits alone (a partner with a name is a body ``join`` reads).
_PARTNERS = r"\s+(?:bersama(?:\s+dengan)?|together\s+with)\s+(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*"
_PARTNERS_AFTER = re.compile(_PARTNERS + r"(?=\s|,)")
_PARTNERS_AT_END = re.compile(_PARTNERS + r"$")


def _subjects_before(text: str, sent: Span, at: int, spans: Sequence[tuple[int, int]],
                     gap: re.Pattern[str]) -> list[tuple[int, int]]:
    """The bodies that are the subject of a verb at ``at``: the one right before it (only ``gap``
    between) and those joined to it ("Bappeda dan PAM Jaya")."""
    # The bodies just before the verb: a subject and those joined to it stand within a short reach.
    before = [s for s in _within(spans, max(sent.start, at - _SUBJECTS_REACH), at) if s[1] <= at]
    if not before:
        return []
    last = max(before, key=lambda s: s[1])
    between = text[past_bracket(text, last):at]
    if partners := _PARTNERS_AFTER.match(between):
        between = between[partners.end():]
    more = _NAME_GOES_ON.match(between)
    # "BPBD DIY said it will", "PT Telkom Indonesia (Persero) Tbk Witel Jakarta Pusat bersedia": the
    # body's name goes on past the mention (its branch, its region) up to the verb.
    if not gap.match(between) and not (more and gap.match(between[more.end():])):
        return []
    subjects = [last]
    for span in sorted(before, key=lambda s: s[1], reverse=True):
        if span[1] <= subjects[-1][0] and _patterns()["join"].match(text[span[1]:subjects[-1][0]]):
            subjects.append(span)
        elif span[1] <= subjects[-1][0]:
            break
    return subjects


def past_bracket(text: str, span: tuple[int, int]) -> int:
    """Where a body's mention ends for the verb after it: past the closing bracket when the mention
    stands alone in brackets after a person's name ("Budi (BPBD) akan ...", "Ani (BMKG)
    mengusulkan ..."), the way news items give a speaker's body; past a bracket that names the body
    again ("GIZ (the Deutsche Gesellschaft ...) yang akan ...", "BPBD (Badan ...) akan ..."); else
    the mention's end."""
    close = re.compile(r"[ \t]*\)").match(text, span[1])
    if close is not None and re.search(r"\([ \t]*$", text[max(0, span[0] - 5):span[0]]):
        return close.end()
    named = _NAME_IN_BRACKETS.match(text, span[1])
    return named.end() if named is not None else span[1]


#: A bracket right after a body's mention that names it again: its expansion or its short form,
#: capitalised, with no date, figure, clause or caption in it.
_NAME_IN_BRACKETS = re.compile(r"[ \t]*\((?:the[ \t]+)?(?-i:[A-Z])[^()\n.;,:]{0,120}\)")


@functools.cache
def _forecast() -> re.Pattern[str]:
    """A verb of what will happen ("akan terjadi", "akan berlangsung": ``issue_cues`` rows of shape
    ``forecast``): "menurut prakiraan BMKG akan terjadi ..." forecasts a hazard; nobody plans it."""
    phrases = sorted({r["cue"] for r in table("issue_cues") if r["shape"] == "forecast"}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?![\w-])", re.I)


def _done_or_not_said_done(text: str, m: re.Match[str], row: dict[str, str], limit: int) -> bool:
    """False for a "telah"/"has" cue with no deed after it; True for every other cue."""
    if row.get("status") != "fulfilled" or not _patterns()["auxiliary"].search(m.group(1)):
        return True
    return _deed(text, m.end(), limit)


def _deed(text: str, at: int, limit: int) -> bool:
    """After "telah"/"sudah"/"has": an active verb that is no meeting or speech act ("telah
    menyerahkan 60 unit APAR", "has opened a line"; not "telah menggelar rapat", "has been")."""
    verb = _patterns()["deed"].match(text, at, limit)
    if verb is None or _patterns()["not_deed"].match(verb.group(1)):
        return False
    if _patterns()["meeting"].match(text, verb.end(), limit):
        return False  # "telah melakukan rapat koordinasi", "has held a meeting": the meeting itself
    word = verb.group(1)
    # Indonesian meN-/beR-/memper- verbs; English past participles (regular, and the common irregular endings).
    return bool(re.match(r"(?:me|be|ter)[a-z]{3,}$", word) or _patterns()["participle"].search(word))


def _antecedent(text: str, sent: Span, m: re.Match[str], spans: Sequence[tuple[int, int]],
                previous: Span | None, speech: Speech | None = None) -> list[tuple[int, int]]:
    """The body a pronoun before the cue stands for ("pihaknya akan", "\"Kami akan ...,\" ujar
    Kepala UP X"): the speaker the sentence names before the pronoun (", kata Ratiyono, pihaknya
    berencana ..."), else the body named after a speech verb later in the sentence, else the
    speaker the sentence goes on with ("lanjutnya", the same paragraph), else the body that opens
    the sentence before (its subject)."""
    # The pronoun stands right before the cue, past a few adverbs: read that much, not the whole
    # sentence (a long one with many cues would cost its square).
    head = text[max(sent.start, m.start() - _GAP_REACH):m.start()].rstrip()
    head = re.sub(r"(?:\s+(?:juga|pun|also))+$", "", head, flags=re.I)
    head = _PARTNERS_AT_END.sub("", head)
    dropped = _dropped_subject().search(head)
    if not _patterns()["pronoun"].search(head) and dropped is None:
        return []
    before = _named_speaker(text, Span(sent.start, m.start(), ""), spans)
    if before is not None:
        return [before.subject]
    if dropped is not None and (body := _body_of_person(text, sent.start, sent.start + dropped.start(), spans)):
        return [body]
    said = _patterns()["speaker"].search(text, m.end(), sent.end)
    if said is not None:
        after = [s for s in _within(spans, said.end(), sent.end) if s[1] <= sent.end]
        if after:
            return [min(after)]
    if speech is not None:
        return [speech.subject]
    if previous is None:
        return []
    opening = [s for s in _within(spans, previous.start, min(previous.end, previous.start + _NAME_REACH))
               if _opening().fullmatch(text, previous.start, s[0])]
    return opening[:1]


#: A person's name right before a speech verb: one to three capitalised words.
_PERSON_BEFORE = re.compile(r"(?<![\w-])((?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’-]+)\s*$")


def _body_of_person(text: str, start: int, at: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The body of the person named right before ``at`` ("Budi menegaskan, akan ..."): the body the
    report wrote right before that name when it gave it earlier ("Ketua DPRD Kota Lereng Budi
    Santoso", "Kepala BPBD, Budi"), the way news items name a speaker's post once and the speaker
    alone after. None when the report never gave the name after a body."""
    name = _PERSON_BEFORE.search(text, start, at)
    if name is None or any(s < name.end(1) and name.start(1) < e for s, e in spans):
        return None
    word = re.compile(rf"(?<![\w-]){re.escape(name.group(1).split()[0])}(?![\w-])")
    for hit in word.finditer(text, 0, start):
        body = next((sp for sp in spans if sp[1] <= hit.start() and re.fullmatch(r"[ \t]*,?[ \t]*",
                                                                           text[sp[1]:hit.start()])), None)
        if body is not None:
            return body
    return None


@functools.cache
def _dropped_subject() -> re.Pattern[str]:
    """A speech verb and its comma right before a cue, with no subject between ("Budi menegaskan,
    akan terus mengawal ..."): Indonesian news drop the subject the speaker's clause already gave,
    so the cue is the speaker's own, as after a pronoun."""
    verbs = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(_speech_verbs(), key=len, reverse=True)
                     if "," not in v)
    return re.compile(rf"(?<![\w-])(?:{verbs})\s*,(?:\s*bahwa)?$", re.I)


@functools.cache
def _opening() -> re.Pattern[str]:
    """What may stand before the body that opens a sentence: a list marker, an intro phrase and its
    comma, a post ("Kepala BPBD Kota Serang mengatakan ...": the body of its head)."""
    posts = "|".join(re.escape(p) for p in sorted((row["post"] for row in table("posts")), key=len, reverse=True))
    return re.compile(r"\s*(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-h][.)])?\s*(?:[^,.;:\n]{0,40},\s*)?"
                      rf"(?:(?:{posts})\s+)?", re.I)


@functools.cache
def _subject_goes_on() -> re.Pattern[str]:
    """What follows a body that is the subject of its sentence: an active verb, an adverb and a
    verb, a modal or an auxiliary (``subject_modals`` of ``rules/words.csv``), or its possessive
    ("UNFPA's support will ..."), not a capitalised word of a longer name."""
    modals = alternation("subject_modals")
    return re.compile(r"(?:['’]s\s+[a-z]+|\s+(?:juga\s+|also\s+|terus\s+)?"
                      rf"(?:(?:me|ber)[a-z]{{3,}}|{modals}|[a-z]+s))(?![\w-])")


def sentence_subject(text: str, sent: Span, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The body that opens a sentence as its subject ("Pemerintah Kota X memastikan ...", "Undip
    continuously implements ...", "UNFPA's support will ..."): its mention, past a list marker or an
    intro phrase and its comma (``_opening``); None when the sentence opens otherwise."""
    for span in _within(spans, sent.start, min(sent.end, sent.start + _NAME_REACH)):
        if _opening().fullmatch(text, sent.start, span[0]) and _subject_goes_on().match(text, span[1], sent.end):
            return span
        break  # only the first body of the sentence may be its subject
    return None


#: A passive verb: "diperbarui", "be closed" (what a proposal asks to be done).
_PASSIVE = re.compile(r"(?<![\w-])(?:di[a-z]{3,}|be\s+[a-z]+(?:ed|en|wn))(?![\w-])")


def _passive_verb(clause: str) -> re.Match[str] | None:
    """The first passive verb of ``clause``; nouns that look like one ("dinas", "diskusi",
    "distrik") are the head nouns, meeting nouns and region words of the tables."""
    nouns = _heads() | _meeting_nouns()
    return next((v for v in _PASSIVE.finditer(clause) if v.group().lower() not in nouns), None)


@functools.cache
def _meeting_nouns() -> frozenset[str]:
    meeting = {r["word"].lower() for r in table("clause_words") if r["role"] == "meeting-noun"}
    return frozenset(meeting | {w.lower() for w in words("region_kind_spellings")})


def _paired(text: str, fact: ClauseFact) -> list[ClauseFact]:
    """A proposal of two measures, each with its own subject and passive verb ("agar data pengungsi
    diperbarui setiap enam jam dan logistik bagi kelompok rentan diprioritaskan"): two proposals.
    "agar pipa diganti dan diperbaiki" (one subject, two verbs) stays one."""
    clause = text[fact.start:fact.end]
    for joint in re.finditer(rf"\s+(?:{_words('continues')})\s+", clause, re.I):
        first, second = clause[:joint.start()], clause[joint.end():]
        verb = _passive_verb(second)
        if _passive_verb(first) and verb is not None and verb.start() > 0 and _worth(second[:verb.start()]):
            rest = replace(fact, start=fact.start + joint.end())
            return [replace(fact, end=fact.start + joint.start()), *_paired(text, rest)]
    return [fact]


def _continued(text: str, fact: ClauseFact) -> list[ClauseFact]:
    """A clause that goes on with a second verb of the same subject ("telah memetakan titik sumur
    dan akan membagikan datanya", "meminta BMKG terus memperbarui data serta mendorong pengelola
    tol untuk melaporkan ..."): two facts, each with its own cue (and status)."""
    pattern, cues = _cues()
    for m in pattern.finditer(text, fact.start, fact.end):
        row = cues[m.group(1).lower()]
        joined = _patterns()["continues"].search(text, fact.start, m.start())
        if row["kind"] != fact.kind or row["voice"] != "active" or joined is None or joined.end() != m.start():
            continue
        if not _done_or_not_said_done(text, m, row, fact.end):
            continue
        start, end = _clause_after(text, m.end(), fact.end)
        first = replace(fact, end=joined.start())
        if not (_worth(text[first.start:first.end]) and _worth(text[start:end])):
            continue
        second = ClauseFact(fact.kind, m.group(1), m.start(), m.end(), row.get("status", ""), fact.subjects,
                            start, end, fact.sentence)
        return [first, *_continued(text, second)]
    return [fact]


#: An Indonesian active verb opening an item of a list of measures ("membangun koordinasi ...").
_ACTIVE_ITEM = re.compile(r"\s*(?:(?:me|ber)[a-z]{3,})\b")
#: What introduces the ways a measure is to be done ("... agar berupaya maksimal dengan melakukan ...").
@functools.cache
def _ways() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_words('ways')})\s+(?=(?:me|ber)[a-z]{{3,}}\b)", re.I)


def measure_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The measures a span lists, each an active verb and what it does ("meningkatkan A, memperkuat
    B, serta mempersiapkan C"): the span cut at its commas when at least two parts follow the first
    and each of them opens with an active verb; else the span whole."""
    parts = [(start, start)]
    for comma in re.finditer(r",\s*(?:(?:dan|serta)\s+)?", text[start:end]):
        parts[-1] = (parts[-1][0], start + comma.start())
        parts.append((start + comma.end(), start + comma.end()))
    parts[-1] = (parts[-1][0], end)
    if len(parts) < 3 or not all(_ACTIVE_ITEM.match(text, s, e) for s, e in parts[1:]):
        return [(start, end)]
    return parts


def _enumerated(text: str, fact: ClauseFact) -> list[ClauseFact]:
    """A proposal that lists its measures, each an active verb and what it does ("... dengan
    melakukan perencanaan, membangun koordinasi yang baik antar OPD, dan berfokus pada lokus
    desa"): one proposal a measure, the first from where the list begins."""
    parts = measure_parts(text, fact.start, fact.end)
    if len(parts) == 1:
        return [fact]
    ways = list(_ways().finditer(text, parts[0][0], parts[0][1]))
    if ways:
        parts[0] = (ways[-1].end(), parts[0][1])
    if not all(_worth(text[s:e]) for s, e in parts):
        return [fact]
    return [replace(fact, start=s, end=e) for s, e in parts]


#: Capitalised words that carry a body's name on past its mention, up to four ("Witel Jakarta Pusat").
_NAME_GOES_ON = re.compile(r"(?:\s+(?:[A-Z][\w.'’-]*|\([A-Z]\w*\))){1,4}(?=\s)")


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
    after = [s for s in _within(spans, m.end(), min(sent.end, m.end() + _SUBJECTS_REACH)) if s[1] <= sent.end]
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
    after_subjects = re.compile(r"\s*(?:agar|supaya|that)\s+", re.I).match(text, subjects[-1][1], sent.end)
    if after_subjects is not None:
        # "diusulkan oleh WWF agar pengawasan ... dilakukan bersama": what was proposed follows.
        start, end = _clause_after(text, after_subjects.end(), sent.end)
        if _worth(text[start:end]):
            return ClauseFact(row["kind"], m.group(1), m.start(), m.end(), row.get("status", ""), tuple(subjects),
                              start, end, sent)
    begin = sent.start + max((b.end() for b in re.finditer(r"[;:]\s*|,\s+", head)), default=0)
    start, end = begin, m.start()
    # "Pembangunan tanggul yang diusulkan oleh DSDA": the relative pronoun is not what was proposed.
    end = start + len(re.sub(r"(?:\s+(?:" + alternation("relative_pronouns") + r"))*\s*$", "", text[start:end],
                             flags=re.I))
    if not _worth(text[start:end]):
        return None
    return ClauseFact(row["kind"], m.group(1), m.start(), m.end(), row.get("status", ""), tuple(subjects),
                      start, end, sent)


@functools.cache
def _clause_stop() -> re.Pattern[str]:
    """Where a clause ends: a semicolon, a line end, a contrast or a consequence drawn after a comma
    (", sedangkan ...", ", oleh karena itu ...", ", namun ...": a new statement with its own verb;
    ``words.csv`` list ``clause_stop_connectives``), a full stop, a closing quote after a comma."""
    connectives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words("clause_stop_connectives"))
    return re.compile(rf";|\n|,\s+(?:{connectives})\b|\.(?:\s|$)|[,.][\"”]", re.I)


def _clause_after(text: str, at: int, limit: int) -> tuple[int, int]:
    """The clause after a cue: from its first word to the end of the sentence or the clause."""
    lead = _patterns()["lead"].match(text, at, limit)
    start = lead.end() if lead else at
    # A quoted pledge ends at its closing quote ("\"Kami akan menyediakan ...,\" ujar ...").
    stop = _clause_stop().search(text, start, limit)
    # The full stop of a short form ("Dinas Kesehatan Prov. Sulawesi Barat") ends no clause.
    while stop is not None and stop.group(0).startswith(".") and _ABBREVIATED.search(text, start, stop.start() + 1):
        stop = _clause_stop().search(text, stop.end(), limit)
    end = stop.start() if stop else limit
    end = start + len(text[start:end].rstrip(" .,"))
    return start, end


#: A word of ``rules/words.csv`` list ``abbreviations`` and its full stop, at the end of a stretch.
_ABBREVIATED = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(ABBREVIATIONS, key=len, reverse=True)))
                          + r")\.$", re.I)


def _worth(clause: str) -> bool:
    """A clause that says something: two words at least, one of four letters or more."""
    words = re.findall(r"\w+", clause)
    return len(words) >= 1 and any(len(w) >= 4 for w in words) and len(clause) <= 400


def _undergoes(text: str, fact: ClauseFact) -> bool:
    """Does the clause of ``fact`` open with a passive verb, maybe after an adverb ("akan mulai
    dikerjakan", "will be built")? Then what stands before the cue undergoes it: no body commits."""
    adverbs = alternation("passive_adverbs")
    return re.compile(rf"(?:(?:{adverbs})\s+)*(?:di[a-z]{{3,}}|be\s+[a-z]+)(?![\w-])", re.I).match(
        text, fact.start, fact.end) is not None


def _settle(text: str, found: list[ClauseFact]) -> list[ClauseFact]:
    """One fact per cue group: "DSDA akan mengusulkan ..." is a proposal, not also a commitment;
    a clause that runs into the next cue's subject ends where that subject begins."""
    found.sort(key=lambda f: f.cue_start)
    kept: list[ClauseFact] = []
    for fact in found:
        split = kept and fact.cue_start == kept[-1].cue_start  # two measures of one cue (_paired)
        if kept and not split and fact.subjects == kept[-1].subjects and fact.cue_start - kept[-1].cue_end <= 15:
            if kept[-1].kind == "commitment" and fact.kind == "proposal":
                kept[-1] = fact
            continue
        if kept and not split and kept[-1].start <= fact.cue_start < kept[-1].end and _undergoes(text, fact):
            continue  # "Pemprov menargetkan pembangunan X akan mulai dikerjakan": X is the plan's object
        if kept and kept[-1].start < fact.subjects[0][0] < kept[-1].end:
            prev = kept[-1]
            cut = prev.start + len(re.sub(r"(?:[\s,]+(?:dan|serta|and)?)*\s*$", "",
                                          text[prev.start:fact.subjects[0][0]], flags=re.I))
            kept[-1] = ClauseFact(prev.kind, prev.cue, prev.cue_start, prev.cue_end, prev.status, prev.subjects,
                                  prev.start, cut, prev.sentence)
        kept.append(fact)
    return [f for f in kept if _worth(text[f.start:f.end])]


# -- Subjects the recogniser did not mark -------------------------------------------------------

#: A word of a name: capitalised ("Sinar", "APP", "HaKI"), a legal form in brackets, a roman numeral.
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|\([A-Z][\w]*\)|&)$")


def clause_subjects(text: str, sentences: Sequence[Span], mentions: Sequence[ActorMention],
                    persons: Sequence[str] = ()) -> list[ActorMention]:
    """Mentions for the subject of a proposal or commitment cue that the recogniser did not mark:

    - a name the report already gave a body (its short form, its name, its quote), written again
      right before the cue ("Badan ... Aceh (BPBA)" ... "BPBA berjanji akan ..."): that body again;
    - a capitalised name with no head noun opening the clause right before the cue ("Alfamart
      telah menyerahkan ...", "2. Tirtanadi akan mengganti ..."): a new body, unless it is a
      person (a post's holder, a name written after a title), a place, a post, a month or a
      collective.

    >>> from resilience_kg.extract.segment import sentences
    >>> text = "Rapat dihadiri Badan Penanggulangan Bencana Aceh (BPBA). BPBA berjanji akan mengganti sirine."
    >>> first = ActorMention(15, 56, "Badan Penanggulangan Bencana Aceh", "BPBA", None, None, "", "rule:head-noun", 0.9)
    >>> [(text[m.start:m.end], m.acronym) for m in clause_subjects(text, sentences(text), [first])]
    [('BPBA', 'BPBA')]
    """
    pattern, cues = _cues()
    known = _known_names(text, mentions)
    lengths = _lengths(known)
    taken = [(m.start, m.end) for m in mentions]
    out: list[ActorMention] = []
    for sent in sentences:
        for m in pattern.finditer(text, sent.start, sent.end):
            row = cues[m.group(1).lower()]
            if row["voice"] != "active" or (m.group(1)[0].isupper() and text[sent.start:m.start()].strip()):
                continue  # "Jadwal Kapal Akan Terintegrasi": a headline in title case, no subject and verb
            gap = _patterns()["tight" if row.get("tight") else "gap_unmarked"]
            for end in _name_ends(text, sent.start, m.start(), gap):
                if any(s < end <= e for s, e in taken):
                    break  # a marked body ends here or spans it: find_clauses reads it
                found = _known_before(text, sent.start, end, known, lengths)
                # A verb people say ("meminta", "berharap", "asked") tells no body from a person:
                # only a name the report already gave a body is its subject.
                if found is None and _active_after(text, m.end(), sent.end) and not _said_by_people(m.group(1)):
                    found = _name_before(text, sent.start, end, persons)
                if found is not None and not any(s < found.end and found.start < e for s, e in taken):
                    out.append(found)
                    taken.append((found.start, found.end))
                    break
    return out


def _said_by_people(cue: str) -> bool:
    """Is the cue a verb of asking or hoping that people say (``clause_words`` role ``asks``)?"""
    return cue.lower() in {row["word"].lower() for row in table("clause_words") if row["role"] == "asks"}


@functools.cache
def _speech_verbs() -> frozenset[str]:
    """Verbs of speaking and asking: ``speech_verbs``, ``clause_words`` roles ``says`` and ``asks``."""
    return frozenset({row["phrase"].lower() for row in table("speech_verbs")}
                     | {row["word"].lower() for row in table("clause_words") if row["role"] in ("says", "asks")})


def _active_after(text: str, at: int, limit: int) -> bool:
    """Does the clause after a cue open with what its subject does, not with a passive ("Rapat akan
    dilanjutkan", "Hasil kajian akan disampaikan", "The meeting will be held")? A name nobody
    marked is a body only when it acts."""
    first = re.compile(r"\s*(?:(?:juga|pun|also)\s+)*([A-Za-z]+)").match(text, at, limit)
    return first is not None and not re.fullmatch(r"(?i)di[a-z]{3,}|be|been|being", first.group(1))


#: How far before a cue its subject may end, in characters: an apposition and a few adverbs
#: ("BPBD, selaku ..., juga akan"). Looking no further keeps a long sentence of many cues linear.
_GAP_REACH = 200
#: How far before its end a subject name is read, in characters (six words at most).
_NAME_REACH = 300
#: How far from its verb a list of joined subjects ("Bappeda, DSDA dan PAM Jaya akan") may run.
_SUBJECTS_REACH = 2000


def _name_ends(text: str, start: int, at: int, gap: re.Pattern[str]) -> list[int]:
    """Where a subject may end before a cue at ``at``: each word end whose rest matches ``gap``, nearest first."""
    start = max(start, at - _GAP_REACH)
    ends = [e.end() for e in re.finditer(r"[\w)](?=\W|$)", text[start:at])]
    return [start + e for e in reversed(ends) if gap.match(text[start + e:at])]


def _known_names(text: str, mentions: Sequence[ActorMention]) -> dict[str, ActorMention]:
    """Every way the report has written a marked body: its quote, name, short form and expansion."""
    known: dict[str, ActorMention] = {}
    for m in mentions:
        # "Universitas ... (UMNU) Kebumen" is also "UMNU Kebumen": the short form with the place after it.
        short_with_place = (f"{m.acronym} {m.name[len(m.expansion):].strip()}"
                            if m.acronym and m.expansion and m.name.startswith(m.expansion + " ") else None)
        for name in (text[m.start:m.end], m.name, m.acronym, m.expansion, short_with_place):
            if name and len(name.strip()) >= 3:
                known.setdefault(name.strip(), m)
    return known


def _known_before(text: str, start: int, end: int, known: dict[str, ActorMention],
                  lengths: Sequence[int]) -> ActorMention | None:
    """The longest name of a marked body written right before ``end``, as a mention of that body
    (``lengths``: the names' lengths, longest first)."""
    for size in lengths:
        begin = end - size
        name = text[begin:end]
        if begin >= start and name in known and (begin == 0 or not text[begin - 1].isalnum()):
            body = known[name]
            if name == body.acronym:
                return replace(body, start=begin, end=end, name=name, parent_span=None,
                               method=f"rule:clause-subject; {body.method}")
            return replace(body, start=begin, end=end, parent_span=None, method=f"rule:clause-subject; {body.method}")
    return None


class _Word(NamedTuple):
    start: int
    text: str


def _lengths(known: dict[str, ActorMention]) -> list[int]:
    """The lengths of the known names, longest first (a name is looked up, never searched for)."""
    return sorted({len(name) for name in known}, reverse=True)


def _name_before(text: str, start: int, end: int, persons: Sequence[str]) -> ActorMention | None:
    """A capitalised name of at most six words ending at ``end`` and opening its clause, if no
    person, place, post, month or collective."""
    # Only the last words can be the name: read no further back than they may reach.
    lo = max(start, end - _NAME_REACH)
    words_ = [_Word(lo + w.start(), w.group()) for w in re.finditer(r"\S+", text[lo:end])]
    run: list[_Word] = []
    for w in reversed(words_):
        if not _NAME_WORD.match(w.text) or len(run) >= 6:
            break
        run.insert(0, w)
    while run and (run[0].text in _stop_words() or run[0].text == "&"):
        run.pop(0)  # "The", "Dalam": a sentence's first word, not the name's
    if not run or run[-1].text == "&":
        return None
    begin, name = run[0].start, text[run[0].start:end]
    # What stands before the name opens the clause (or not). A long run is cut, with a mark in
    # front that no "^" of a clause head can take (only a list marker or spaces may precede it).
    before = text[start:begin] if begin - start <= _NAME_REACH else "\x00" + text[begin - _NAME_REACH:begin]
    if not _patterns()["clause_head"].search(before) or not _a_body_name(text, name, tuple(persons)):
        return None
    return ActorMention(begin, end, name, name if name.isupper() and " " not in name else None, None, None, "",
                        "rule:clause-subject", confidence("mention:clause-subject"))


@functools.cache
def _stop_words() -> frozenset[str]:
    conjunctions = [row["word"].capitalize() for row in table("clause_words") if row["role"] == "conjunction"]
    return frozenset([*words("stop_caps"), *words("titles"), *conjunctions])


@functools.cache
def _groups() -> frozenset[str]:
    """Words for those present or a generic party ("Participants", "Peserta", "Pihak"), never a body."""
    return frozenset(w.lower() for w in (*words("attendance_intro"), *words("generic_words")))


@functools.cache
def _heads() -> frozenset[str]:
    return frozenset(row["head"].lower() for row in table("head_nouns"))


@functools.cache
def _topics() -> frozenset[str]:
    return frozenset(w.lower() for w in words("topic_words"))


@functools.cache
def _posts() -> tuple[str, ...]:
    return tuple(row["post"].lower() for row in table("posts"))


@functools.lru_cache(maxsize=1024)
def _a_body_name(text: str, name: str, persons: tuple[str, ...]) -> bool:
    """May ``name`` (before a cue) be a body? Not a person, a place, a post, a month, a pronoun or a collective."""
    from resilience_kg.extract.regions import is_place

    low = name.lower()
    first = low.split()[0]
    if (low in places() or low in collectives() or low in _groups() or first in months() or first in weekdays()
            or _patterns()["pronoun"].search(low) or is_place(name) is not None):
        return False
    if any(low == p or low.startswith(p + " ") for p in _posts()):
        return False
    # A common noun at the head of a sentence ("Sosialisasi akan ...", "Pemerintah akan ...",
    # "Program X akan ..."): a head noun (or its first word) alone, a topic word first, or a name whose every word
    # the report also writes in lower case.
    if low in _heads() or any(h.startswith(low + " ") for h in _heads()) or first in _topics():
        return False
    if all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in low.split()):
        return False
    if any(name in p or p in name for p in persons if p):
        return False
    # A person: the report writes the name after a title somewhere ("Bapak Andi", "Dr. Sari").
    titles = "|".join(re.escape(t) for t in words("titles"))
    return re.search(rf"\b(?:{titles})\.?\s+{re.escape(name)}\b", text) is None


# -- Who speaks in each sentence ----------------------------------------------------------------


@dataclass(frozen=True)
class Speech:
    """The body a sentence's words are said by: the mention of its speaker (a body, or its head's
    post or officer standing for it) and the words that say so ("Kapolres mengatakan", ", kata
    Ratiyono", "lanjutnya"); ``carried`` when the sentence names no speaker of its own and goes on
    with the last one (a speech tag with a pronoun, or the same paragraph)."""

    subject: tuple[int, int]
    start: int
    end: int
    carried: bool


#: Academic degrees after a name, each after a comma and written with a full stop (", M.Sc.",
#: ", Ph.D.", ", S.H.", ", M.Si"): the name goes on to its speaker's verb past them.
_DEGREES = r"(?:\s*,\s*(?-i:[A-Z][a-zA-Z]{0,3}\.(?:\s?[A-Z][a-zA-Z]{0,3}\.?){0,3}))*"


@functools.cache
def _speech() -> dict[str, re.Pattern[str]]:
    verbs = set(_speech_verbs()) | {row["cue"].lower() for row in table("proposal_cues") if row["voice"] == "active"}
    alt = "|".join(r"\s+".join(map(re.escape, v.replace(",", " ,").split()))
                   for v in sorted(verbs, key=len, reverse=True))
    posts = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(_posts(), key=len, reverse=True))
    return {
        # A speaker right before its verb, past an apposition and an adverb: "Kapolres (, NAME,) juga mengatakan".
        # Its holder's name may stand between ("Kepala Dinas X Yanti Putri SH mengatakan"), as the
        # name of a clause's subject may go on (``_NAME_GOES_ON``).
        # A full stop right after the mention is an abbreviation's, the sentence going on past it
        # ("Dr. Moh. Arifin menyampaikan", the officer's name cut at "Moh").
        # The holder's name may open with ranks and titles and close with degrees, each after a
        # comma ("Kombes Pol. Budi Santoso menekankan", "Dr. Ani Lestari, M.Sc., Ph.D., menyampaikan").
        "verb_after": re.compile(rf"\.?(?-i:(?:\s+(?:[A-Z][\w.'’-]*|\([A-Z]\w*\))){{0,6}}?){_DEGREES}"
                                 rf"(?:\s*,[^,;:\n]{{0,80}}?{_DEGREES},)?\s*,?\s*(?:(?:{_words('gap')})\s+)*"
                                 rf"(?:{alt})(?!\w)", re.I),
        # A body (its post, its officer) doing anything, as ``verb_after`` reads its speaker: the
        # one a later "Ia menekankan ..." or "He added ..." stands for ("Gubernur X, NAME memberikan
        # apresiasi ... Ia menekankan pentingnya ...").
        "acts_after": re.compile(rf"\.?(?-i:(?:\s+(?:[A-Z][\w.'’-]*|\([A-Z]\w*\))){{0,6}}?){_DEGREES}"
                                 rf"(?:\s*,[^,;:\n]{{0,80}}?{_DEGREES},)?\s*,?\s*(?:(?:{_words('gap')})\s+)*"
                                 r"(?-i:(?:me|ber)[a-z]{3,}|[a-z]{3,}ed)(?!\w)", re.I),
        "acts_name_then": re.compile(rf"\s*,\s+(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+"
                                     rf"(?:(?:{_words('gap')})\s+)*(?-i:(?:me|ber)[a-z]{{3,}}|[a-z]{{3,}}ed)(?!\w)",
                                     re.I),
        # A speaker after a speech tag: ", kata Kapolres", "\" ujar X", "Dikatakan X,", "Menurut X,";
        # the tag may name the post before its body (", kata Sekretaris BPBD X", ", said the Head of
        # BPBD"): news names the officer by post and body, and the body is who speaks.
        "tag_before": re.compile(rf"(?:[,\"”]\s*(?:{_words('speaker-verb')})|(?<!\w)(?:{_words('speech-lead')}))\s+"
                                 rf"(?:(?:the\s+)?(?:{posts})(?-i:\s+[A-Z][\w.'’-]*){{0,2}}\s+)?$", re.I),
        # A speech tag before a unit's long title, in capitals with its commas and "dan", then its
        # body (", ujar Subkoordinasi Urusan Kesehatan, Perlindungan Anak dan Pengendalian Penduduk
        # Bagian Kesra Setko X, NAME."): news names the officer by the unit's whole title.
        "tag_title": re.compile(rf"[,\"”]\s*(?:{_words('speaker-verb')})\s+"
                                r"(?-i:(?:[A-Z][\w.'’()-]*,?\s+|(?:dan|and|&)\s+){1,14})$", re.I),
        # A speaker, a comma and the officer's name, then the verb, the name's closing comma left
        # out ("Kepala Suku Dinas X, Ahmad Hariadi mengatakan"): news writes it so. The name may
        # open with a title and its full stop ("Direktur X, Dr. Moh. Arifin menyampaikan").
        "name_then_verb": re.compile(rf"\s*,\s+(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+"
                                     rf"(?:(?:{_words('gap')})\s+)*(?:{alt})(?!\w)", re.I),
        # A speech tag with a pronoun written apart goes on with the last speaker too, whatever the
        # tag's verb: "Lanjut dia, ...", "Menurut beliau, ...", ", imbuh dia".
        "carry": re.compile(rf"(?<!\w)(?:{_words('carry-over')}|(?:{_words('speaker-verb')}|{_words('speech-lead')})"
                            rf"\s+(?:{_words('pronoun-alone')}))(?!\w)", re.I),
        # A lone pronoun right before a verb of speaking is the speaker going on: "Selain itu, ia
        # menegaskan ...", "Selanjutnya, beliau juga menyampaikan ...", "For that, he continued, ...".
        "pronoun_speaks": re.compile(rf"\s*,?\s+(?:(?:{_words('gap')})\s+)*(?:{alt}|continued)(?!\w)", re.I),
        # A tag with its pronoun opening the sentence, with or without its comma: "Menurutnya perlu
        # ...", "Menurutnya, kolaborasi ... dibutuhkan" (news writes both; the comma is no new speaker).
        "opening_pronoun": re.compile(rf"[\s\"“]*(?:{_words('carry-over')})\s*,?\s+\w", re.I),
    }


def speakers(text: str, sentences: Sequence[Span], spans: Sequence[tuple[int, int]]) -> dict[int, Speech]:
    """The speaker of each sentence that has one, by the sentence's start.

    A sentence names its speaker with a body (or a post, or an officer: the mentions that stand
    for the body) right before a verb of speaking or proposing ("Kapolres mengatakan, ...") or
    right after a speech tag (", kata Kapolres", "Dikatakan Ratiyono, ..."). A sentence with a
    speech tag that has a pronoun ("lanjutnya", "tegasnya", "kata dia", "Ia berharap ...") goes on
    with the last speaker; so does a sentence with none in the paragraph its speaker opened.

    >>> from resilience_kg.extract.segment import sentences
    >>> text = "Kapolres mengatakan perlu posko. Selain itu, lanjutnya, harus ada kontak.\\nHujan turun."
    >>> found = speakers(text, sentences(text), [(0, 8)])
    >>> [(text[s.start:s.end], s.carried) for s in found.values()]
    [('Kapolres mengatakan', False), ('lanjutnya', True)]
    """
    spans = sorted(set(spans))
    pattern = _speech()
    out: dict[int, Speech] = {}
    last: Speech | None = None
    # The last body named as doing something: who a speech tag's pronoun stands for ("Ia menekankan").
    actor: Speech | None = None
    paragraph = -1
    lines = _LineStarts(text)
    for sent in sentences:
        line_start = lines.at(sent.start)
        here = _named_speaker(text, sent, spans)
        if here is not None:
            out[sent.start] = last = actor = here
            paragraph = line_start
            continue
        acting, actor = actor, _named_actor(text, sent, spans) or actor
        if acting is None:
            continue
        tag = pattern["carry"].search(text, sent.start, sent.end)
        opening = pattern["opening_pronoun"].match(text, sent.start, sent.end)
        # "Lanjut dia, ...", "According to him, ...": a tag and its pronoun open the sentence
        tagged_pronoun = tag is not None and len(tag.group(0).split()) > 1
        if tag is not None and (opening is not None or not tag.group(0)[0].isupper() or tag.start() > sent.start
                                or tagged_pronoun):
            if (tag.group(0).lower() in _alone_pronouns() and opening is None
                    and not pattern["pronoun_speaks"].match(text, tag.end(), sent.end)):
                pass  # a pronoun mid-sentence may stand for anyone; not one that speaks ("Selain itu, ia menegaskan")
            else:
                # A pronoun of its own ("Ia menekankan", "Menurut dia", "He added") stands for the
                # last body named doing something; a tag ("tegasnya") goes on with the last speaker.
                who = acting if opening is not None or tagged_pronoun or last is None else last
                out[sent.start] = Speech(who.subject, tag.start(), tag.end(), True)
                paragraph = line_start
                continue
        if last is not None and line_start == paragraph:
            # The same paragraph goes on with what its speaker said.
            out[sent.start] = Speech(last.subject, last.start, last.end, True)
    _quoted(text, sentences, out)
    _quote_goes_on(text, sentences, out)
    return out


class _LineStarts:
    """Where the line of each of a text's positions starts, for positions read in order: each
    looks back only as far as the one before (a text of one long line costs no square)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.start = 0

    def at(self, pos: int) -> int:
        newline = self.text.rfind("\n", self.pos, pos)
        if newline >= 0:
            self.start = newline + 1
        self.pos = pos
        return self.start


def _quoted(text: str, sentences: Sequence[Span], out: dict[int, Speech]) -> None:
    """A paragraph that opens a quote and names its speaker at its end ("“... . ...,” tegasnya",
    "“...,” ujar Rusmana"): every sentence of the quote is that speaker's."""
    by_line: dict[int, list[Span]] = {}
    lines = _LineStarts(text)
    for sent in sentences:
        by_line.setdefault(lines.at(sent.start), []).append(sent)
    for line_start, sents in by_line.items():
        last = out.get(sents[-1].start)
        if last is None or len(sents) < 2 or not re.match(r"\s*[“\"]", text[line_start:sents[0].end]):
            continue
        for sent in sents[:-1]:
            out.setdefault(sent.start, Speech(last.subject, last.start, last.end, True))


def _quote_goes_on(text: str, sentences: Sequence[Span], out: dict[int, Speech]) -> None:
    """A paragraph that is a quote with no speech tag of its own, right after a paragraph whose
    speaker introduces it ("X mengungkapkan, program yang akan dijalankan ...\n“Kami akan ...”"):
    the quote is that speaker's. A quote that names someone ("“...,” kata Budi") is another's."""
    tag = _patterns()["speaker"]
    by_line: dict[int, list[Span]] = {}
    lines = _LineStarts(text)
    for sent in sentences:
        by_line.setdefault(lines.at(sent.start), []).append(sent)
    before: list[Span] | None = None
    for line_start, sents in by_line.items():
        quote = text[line_start:sents[-1].end]
        if (before is not None and re.match(r"\s*[“\"]", quote) and not any(s.start in out for s in sents)
                and tag.search(quote) is None and before[-1].start in out):
            last = out[before[-1].start]
            for sent in sents:
                out[sent.start] = Speech(last.subject, last.start, last.end, True)
        before = sents


@functools.cache
def _alone_pronouns() -> frozenset[str]:
    return frozenset(row["word"].lower() for row in table("clause_words") if row["role"] == "pronoun-alone")


#: An acting head's post before the body's mention ("Pj. Gubernur X", "Plt. Kepala Dinas X").
_ACTING_HEAD = re.compile(r"\s*(?:Plt|Pj)\.?\s+(?:[A-Z]\w*\s+){0,2}")


def _named_actor(text: str, sent: Span, spans: Sequence[tuple[int, int]]) -> Speech | None:
    """The body that opens a sentence doing something ("Gubernur X, NAME memberikan ..."), when it
    says nothing: a later speech tag's pronoun may stand for it."""
    for span in _within(spans, sent.start, min(sent.end, sent.start + _NAME_REACH)):
        if span[1] <= sent.end and (_opening().fullmatch(text, sent.start, span[0])
                                    or _ACTING_HEAD.fullmatch(text, sent.start, span[0])):
            verb = (_speech()["acts_after"].match(text, past_bracket(text, span), sent.end)
                    or _speech()["acts_name_then"].match(text, span[1], sent.end))
            if verb is not None:
                return Speech(span, span[0], verb.end(), False)
        break  # only the first body of the sentence may be its subject
    return None


#: How far before a body a speech tag may stand: the tag, and a post of up to four words.
_TAG_REACH = 70
#: How far before a body a speech tag may stand before a unit's whole title (fourteen words).
_TITLE_REACH = 200


def _named_speaker(text: str, sent: Span, spans: Sequence[tuple[int, int]]) -> Speech | None:
    """The body a sentence names as its speaker, if any: the first that speaks."""
    pattern = _speech()
    for span in _within(spans, sent.start, sent.end):
        if span[1] > sent.end:
            continue
        verb = pattern["verb_after"].match(text, past_bracket(text, span), sent.end)
        if verb is not None:
            return Speech(span, span[0], verb.end(), False)
        verb = pattern["name_then_verb"].match(text, span[1], sent.end)
        if verb is not None and not any(span[1] <= other[0] < verb.end() for other in spans):
            return Speech(span, span[0], verb.end(), False)
        tag = (pattern["tag_before"].search(text, max(sent.start, span[0] - _TAG_REACH), span[0])
               or pattern["tag_title"].search(text, max(sent.start, span[0] - _TITLE_REACH), span[0]))
        if tag is not None:
            return Speech(span, tag.start(), span[1], False)
    return None
