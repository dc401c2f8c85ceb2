"""A small statistical reader of issues, beside the rules: a logistic regression that reads a
sentence (or a list item) and says how likely it states a problem the report raises.

The rules find an issue by a word of trouble ("masih minimnya", "lack of") or a heading that
names issues; a report that states a problem as a plain fact ("the warning arrives in less than
30 minutes") slips past them. The model reads each sentence the rules left alone through its
words (unigrams, but for the commonest function words, and bigrams; lower-cased, numbers as one
token) and the rules' own cues: the kind and shape of every ``statement_cues`` and ``issue_cues`` row in it, whether
a pillar cue of a bundled strategy is in it, whether it is a marked list item, and the kind of the
heading or list intro it stands under (``list_kinds``). Its weights are package data
(``data/issue_model.csv``: one row a feature; the first row, ``_bias``, says in its ``basis`` on
which reports, when and by which script the model was trained: ``bench/train_issue_model.py``,
``make train-issues``; the second, ``_threshold``, the probability at or above which a sentence is
drafted). Nothing is downloaded and no large model runs: scoring a sentence is a sum of a few
dozen weights.

Each sentence also reads where it stands (:func:`unit_features`): first, in the lead or last;
whether the sentence before or after holds a cue of an issue, a solution or a pillar; a count beside
a word of trouble; a negation; an English report. None of these features names a word of the page.

A sentence scoring at least the threshold is drafted as an issue with the method
``model:issue-sentence`` and that method's confidence (``rules/methods.csv``). Its quote is the
sentence; a long one is labelled by the run of its clauses the model reads surest
(:func:`clause_label`), as a reader (and the annotation guide's shortest surface) takes the
issue, not the whole sentence.

Two more models of the same form read the same sentences for the other statements a report
makes: a measure to take (``data/solution_model.csv``, drafted as a solution with the method
``model:solution-sentence``) and a pledge or a plan (``data/commitment_model.csv``,
``model:commitment-sentence``). A sentence two models claim is drafted as the statement whose
model is surest (its probability furthest above its threshold). All three learn from the tuned
synthetic reports and from the real pages read, shipped as numbers
(``data/issue_model_samples.csv``, ``bench/issue_model_samples.py``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from resilience_kg.extract.recognise import linear_model
from resilience_kg.extract.recognise.linear_model import LinearModel
from resilience_kg.extract.recognise.rules import list_kinds, table
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import Span, paragraphs, sentences

#: The method of the rows the model drafts (its confidence is a row of ``rules/methods.csv``).
METHOD = "model:issue-sentence"
MODEL_FILE = "data/issue_model.csv"
#: The statement each model reads, its table and the method of the rows it drafts.
KINDS = ("Issue", "Solution", "Commitment")
MODEL_FILES = {"Issue": MODEL_FILE, "Solution": "data/solution_model.csv", "Commitment": "data/commitment_model.csv"}
METHODS = {"Issue": METHOD, "Solution": "model:solution-sentence", "Commitment": "model:commitment-sentence"}
#: Shortest and longest sentence the model reads, in words: a heading or a paragraph is no statement.
MIN_WORDS = 4
MAX_WORDS = 60

_MARKER = re.compile(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)]|\((?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\))[ \t]+")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.U)


@dataclass(frozen=True)
class Unit:
    """A sentence the model reads: its span (a list marker left out) and its context features."""

    start: int
    end: int
    context: tuple[str, ...]


#: The issue reader's model: a sentence at or above its threshold is drafted as an issue (the
#: threshold chosen by cross-validation on the training reports).
Model = LinearModel


@functools.cache
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    from resilience_kg.extract.recognise.issues import cue_rows

    cues = {" ".join(r["cue"].lower().split()): f"{r['kind']}:{r['shape']}" for r in cue_rows()}
    words = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?![\w-])",
                      re.I), cues


@functools.cache
def _pillar_pattern() -> re.Pattern[str] | None:
    from resilience_kg.extract.pillars.strategy import load_strategies

    words = sorted({c.cue.lower() for s in load_strategies().items for c in s.cues}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)


@functools.cache
def _groups() -> re.Pattern[str]:
    """The words of the rules tables that say who acts or speaks, as one pattern whose named group
    says which: a proposal verb, a commitment verb (by the status it gives), a speech verb, an event."""
    groups: dict[str, set[str]] = {"proposal": {r["cue"] for r in table("proposal_cues")},
                                   "speech": {r["phrase"] for r in table("speech_verbs")},
                                   "event": {r["cue"] for r in table("event_kinds")}}
    for row in table("commitment_cues"):
        groups.setdefault(f"commitment_{row['status']}", set()).add(row["cue"])
    parts = []
    for name, words in groups.items():
        alternatives = "|".join(r"\s+".join(map(re.escape, w.lower().split()))
                                for w in sorted(words, key=len, reverse=True))
        parts.append(rf"(?P<{name}>(?<![\w-])(?:{alternatives})(?![\w-]))")
    return re.compile("|".join(parts), re.I)


#: A body's short name: a word of capitals ("BPBD", "PUPR"), the subject of many a pledge.
_ACRONYM = re.compile(r"(?<![\w-])[A-Z]{2,}[a-z]?(?![\w-])")
#: Quotation marks: words a speaker said, where pledges and requests stand.
_QUOTE = re.compile("[“”\"]")


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in table("function_words"))


def units(text: str) -> list[Unit]:
    """The sentences of ``text`` the model reads, each with the features of where it stands: a
    marked list item, and the kind the heading or intro line above its list names."""
    out: list[Unit] = []
    kind_re, kinds = list_kinds()
    under = ""
    lines = list(paragraphs(text))
    n = 0
    for sent in sentences(text):
        while n + 1 < len(lines) and lines[n + 1].start <= sent.start:
            n += 1  # the line the sentence stands in (found by walking, so a long text costs one pass)
        marker = _MARKER.match(text, sent.start, sent.end)
        if marker is None and lines and sent.start == lines[n].start:
            # The first sentence of a line: a heading or an intro sets the kind of what follows
            # it; a paragraph of prose ends the list before it.
            line = lines[n].text
            if line.endswith(":") or (len(line.split()) <= 8 and not line.endswith(".")):
                named = [kinds[m.group(1).lower()] for m in kind_re.finditer(line)]
                under = named[-1] if named else "Other"
            else:
                under = ""
        start = marker.end() if marker else sent.start
        context = ["marked"] if marker else []
        if under:
            context.append(f"under={under}")
        if sent.text.rstrip().endswith(":"):
            context.append("ends-colon")
        out.append(Unit(start, sent.end, tuple(context)))
    return out


def tokens(chunk: str) -> list[str]:
    """The words of ``chunk`` as the model reads them: lower-cased, a number as ``<num>``."""
    return ["<num>" if t[0].isdigit() else t.lower() for t in _TOKEN.findall(chunk)]


def features(text: str, unit: Unit) -> list[str]:
    """The features of one unit: its words and word pairs, the rules' cues in it, its context."""
    chunk = text[unit.start:unit.end]
    tokens_ = tokens(chunk)
    # The commonest function words ("di", "dan", "the") stand in any sentence: their pairs say
    # more than they do alone.
    out = [f"w={t}" for t in tokens_ if t not in _function_words()]
    out += [f"b={a}_{b}" for a, b in itertools.pairwise(tokens_)]
    cue_re, cues = _cue_pattern()
    out += [f"cue={cues[' '.join(m.group(1).lower().split())]}" for m in cue_re.finditer(chunk)]
    pillar = _pillar_pattern()
    if pillar is not None and pillar.search(chunk):
        out.append("pillar-cue")
    out += sorted({f"group={m.lastgroup}" for m in _groups().finditer(chunk)})
    if _ACRONYM.search(chunk):
        out.append("acronym")
    if _QUOTE.search(chunk):
        out.append("quoted")
    n = len(tokens_)
    out.append("len<8" if n < 8 else "len<16" if n < 16 else "len<32" if n < 32 else "len>=32")
    if chunk[:1].isupper():
        out.append("capital-start")
    out += list(unit.context)
    return out


def parse_model(text: str) -> Model:
    """A model from the text of its CSV (columns ``feature``, ``weight``, ``basis``; the ``_bias``
    row first, then ``_threshold``)."""
    return linear_model.parse(text)


@functools.cache
def load_model(kind: str = "Issue") -> Model:
    """The shipped model of statements of ``kind`` (``data/issue_model.csv`` for issues)."""
    path = MODEL_FILES[kind]
    return parse_model(resources.files("resilience_kg.extract").joinpath(path).read_text(encoding="utf-8"))


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` as disjoint spans in order (overlapping ones joined)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


#: The features a unit takes from where it stands among the others, named apart from its own.
CONTEXT_FEATURES = ("at=first", "at=lead", "at=last", "prev=issue-cue", "next=issue-cue", "prev=solution-cue",
                    "next=solution-cue", "prev=pillar-cue", "next=pillar-cue", "num+harm", "negation", "lang=en")
#: Which context features the models read (all of :data:`CONTEXT_FEATURES` unless a trainer says less).
_CONTEXT_ON: set[str] = set(CONTEXT_FEATURES)


@functools.cache
def _negations() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("negation_words"))


def _own_context(feats: Sequence[str], toks: Sequence[str]) -> list[str]:
    out = []
    if "<num>" in toks and any(f.startswith("cue=Issue:") for f in feats):
        out.append("num+harm")  # a count with a word of trouble: "531 bencana terjadi", "269 kasus DBD"
    if _negations() & set(toks):
        out.append("negation")
    return out


def unit_features(text: str) -> list[tuple[Unit, list[str]]]:
    """Every unit of ``text`` with its features: its own (:func:`features`) and those of where it
    stands: first (a title), among the first three (the lead), last; whether the unit before or
    after holds a cue of an issue, of a solution, or of a pillar; a count beside a word of trouble;
    a negation; an English report. None of them names a word of the page."""
    from resilience_kg.extract.language import detect_language

    all_units = units(text)
    base = [features(text, u) for u in all_units]
    english = detect_language(text) == "en"
    marks = [(any(f.startswith("cue=Issue:") for f in fs), any(f.startswith("cue=Solution:") for f in fs),
              "pillar-cue" in fs) for fs in base]
    out = []
    for n, (unit, feats) in enumerate(zip(all_units, base, strict=True)):
        extra = ["at=first"] if n == 0 else ["at=lead"] if n < 3 else []
        if n == len(all_units) - 1:
            extra.append("at=last")
        for side, at in (("prev", n - 1), ("next", n + 1)):
            if 0 <= at < len(all_units):
                issue, solution, pillar = marks[at]
                extra += [f"{side}={name}" for name, on in (("issue-cue", issue), ("solution-cue", solution),
                                                               ("pillar-cue", pillar)) if on]
        extra += _own_context(feats, tokens(text[unit.start:unit.end]))
        if english:
            extra.append("lang=en")
        out.append((unit, feats + [f for f in extra if f in _CONTEXT_ON]))
    return out


def readable(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[Unit, list[str]]]:
    """Every unit of ``text`` of a statement's length that overlaps no span of ``taken``, with its
    features."""
    covered = _merged(taken)
    starts = [s for s, _ in covered]
    out = []
    for unit, feats in unit_features(text):
        at = bisect.bisect_left(starts, unit.end) - 1  # the last covered span starting before the unit ends
        if (at >= 0 and covered[at][1] > unit.start) or text[unit.start:unit.end].rstrip().endswith(("?", ":")):
            continue
        n = len(_TOKEN.findall(text, unit.start, unit.end))
        if not MIN_WORDS <= n <= MAX_WORDS:
            continue
        out.append((unit, feats))
    return out


def candidates(text: str, taken: Sequence[tuple[int, int]], kind: str = "Issue") -> list[tuple[Unit, float]]:
    """Every unit of ``text`` of a statement's length that overlaps no span of ``taken``, with the
    model's probability that it states a statement of ``kind``."""
    model = load_model(kind)
    return [(unit, model.probability(feats)) for unit, feats in readable(text, taken)]


def find_issue_sentences(text: str, taken: Sequence[tuple[int, int]]) -> list[Span]:
    """The sentences the issue model reads as issues, outside ``taken`` (what the rules found)."""
    return [found.span for found in find_statement_sentences(text, taken, kinds=("Issue",))]


@dataclass(frozen=True)
class Found:
    """A statement a model read: its kind, what it states (the sentence after its frame) and the
    frame ("Kepala BPBD mengatakan, ...": empty at the statement's start when there is none)."""

    kind: str
    span: Span
    intro: tuple[int, int]


def find_statement_sentences(text: str, taken: Sequence[tuple[int, int]],
                             kinds: Sequence[str] = KINDS) -> list[Found]:
    """The sentences outside ``taken`` that a model of ``kinds`` reads as its statement, each with
    the kind whose model is surest of it (its probability furthest above its threshold); the
    words that say who speaks ("X mengatakan, ...") are its frame, not part of what it states."""
    from resilience_kg.extract.recognise.issues import frame_end, said_end

    best: dict[tuple[int, int], tuple[float, str]] = {}
    for unit, feats in readable(text, taken):
        for kind in kinds:
            if kind == "Commitment" and "group=event" in feats:
                # A meeting held or announced ("rapat akan digelar lagi", "telah melakukan rapat")
                # is news of the meeting, no pledge: the commitment reader's rule, kept for the model.
                continue
            model = load_model(kind)
            p = model.probability(feats)
            # A measure or a pledge is never drafted from a sentence holding a phrase the rules say
            # states none ("waktu yang diperlukan", "diperlukan waktu"): the need word the model
            # reads there measures a duration or describes a thing. (A surer model, halfway from
            # its threshold to 1, was not enough once it learned from 360 pages. Issues are left
            # alone: held out whole, a quarter of such sentences state one.)
            if NEVER_GATE and kind != "Issue" and "cue=never:" in feats:
                continue
            if p >= model.threshold and p - model.threshold > best.get((unit.start, unit.end), (-1.0, ""))[0]:
                best[(unit.start, unit.end)] = (p - model.threshold, kind)
    found = []
    for (start, stop), (_, kind) in sorted(best.items()):
        end = said_end(text, start, start + len(text[start:stop].rstrip(" .;,”\"")))
        said = frame_end(text, start, end)
        intro = (start, said) if said is not None else (start, start)
        begin = said if said is not None else start
        found.append(Found(kind, Span(begin, end, text[begin:end]), intro))
    return found


#: Whether a rule's "never" cue in a sentence keeps the solution and commitment models from drafting it.
NEVER_GATE = True
#: A statement longer than this, in words, is labelled by its clause the model reads surest.
LABEL_WORDS = 12
#: The most clauses a label joins ("high rainfall, shallow rivers" is two).
LABEL_CLAUSES = 3
_PUNCT = re.compile(r"[,;:()\[\]–—]|\s-\s")


@functools.cache
def _breaks() -> re.Pattern[str]:
    """The words that open a clause inside a sentence (``clause_breaks`` of ``rules/words.csv``) and
    the linking phrases that open a statement (``statement_leads``: "untuk itu", "selain itu")."""
    breaks = {*word_list("clause_breaks"), *word_list("statement_leads")}
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(breaks, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _clauses(text: str, start: int, end: int,
             names: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]``: cut at punctuation inside the sentence and before each
    word that opens a clause, the opening word left out of the clause it opens; never inside one of
    ``names`` (the spans of bodies' names: "Badan Meteorologi, Klimatologi, dan Geofisika" is one
    name, not three clauses)."""
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PUNCT.finditer(text, start, end)]
    cuts += [(m.start(), m.end()) for m in _breaks().finditer(text, start, end)]
    cuts = [(a, b) for a, b in cuts if not any(s < a and b < e for s, e in names)]
    out, at = [], start
    for a, b in sorted(cuts):
        if a < at:
            at = max(at, b)
            continue
        out.append((at, a))
        at = b
    out.append((at, end))
    stripped = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip()))
                for a, b in out]
    return [(a, b) for a, b in stripped if b > a]


def clause_label(text: str, start: int, end: int, kind: str = "Issue",
                 names: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    """Where the label of a statement drafted from ``text[start:end]`` stands: the whole span when
    it is short, else the run of at most :data:`LABEL_CLAUSES` clauses the model of ``kind`` reads
    surest (a reader, and the annotation guide, take "potensi bencana hidrometeorologi" from "Pemkab
    menggelar apel menghadapi potensi bencana hidrometeorologi", not the whole sentence); a clause
    never cuts one of ``names``, the spans of the bodies the report names. The quote stays the whole
    span: it is the evidence the label is read from."""
    if len(_TOKEN.findall(text, start, end)) <= LABEL_WORDS:
        return start, end
    model = load_model(kind)
    parts = _clauses(text, start, end, names)
    best: tuple[float, int] | None = None
    where = (start, end)
    for i in range(len(parts)):
        for j in range(i, min(len(parts), i + LABEL_CLAUSES)):
            a, b = parts[i][0], parts[j][1]
            n = len(_TOKEN.findall(text, a, b))
            if n < 2 or (a, b) == (start, end):
                continue
            # The surest run; of runs as sure, the shortest (a clause the model knows no more
            # words of adds nothing a reader needs).
            key = (round(model.probability(features(text, Unit(a, b, ()))), 6), -n)
            if best is None or key > best:
                best, where = key, (a, b)
    return where


def label(unit: Unit, issues: Sequence[tuple[int, int]]) -> int:
    """1 when a gold issue (a span of the text) lies in ``unit``: at least half of the issue, or
    half of the unit, is shared; else 0."""
    for s, e in issues:
        shared = min(e, unit.end) - max(s, unit.start)
        if shared > 0 and (2 * shared >= e - s or 2 * shared >= unit.end - unit.start):
            return 1
    return 0


def write_model(model: Model, kind: str = "Issue") -> str:
    """The CSV text of ``model``: the ``_bias`` row with its basis, the ``_threshold`` row, then one
    row a feature, by name."""
    return linear_model.dump(
        model, threshold_note=f"the probability at or above which a sentence is drafted as "
                              f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind.lower()}")
