"""A learned reader of each actor's role: where the cue rules (:mod:`.roles`) find no cue for a body,
a logistic model reads what the report says around it and chooses its role.

On pages nobody had read, the largest class of wrong roles was a body the text names with no cue
the rules know ("default: mentioned" where the annotator wrote participant, speaker or organiser):
a body that opens the lead paragraph as the subject of its verb, one whose head is quoted, one of a
list the rules did not read as an attendance list. Such evidence is no word of a cue list but the
place and the grammar of the mentions, which a model weighs better than one more cue word.

The features carry no page text (:func:`features`): the role the rules gave and what gave it (a cue
and its direction, a list's heading, a proposal's subject, nothing), where the body is named (the
title, the lead paragraph, a list or a table row, its rank among the bodies), whether it stands as
the subject of its sentence's verb, whether a post of it holds a named person or speaks, whether a
sentence naming it reports speech or holds a quotation, how often it is named, its sector, whether
it stands inside a proposal's clause, whether the rules named an organiser at all and how many, and
the report's language; the cue the rules read, as ``rules/role_cues.csv`` writes it (the project's
words, never a page's), a word of partnership before the body ("bersama", "bekerja sama dengan",
"difasilitasi"), and whether the body is one of the place the report is about ("Pemerintah Kota X"
in a report on Kota X).

The model is one logistic regression per role (one against the rest, :mod:`.linear_model`), shipped
as ``data/role_model.csv`` (``role,feature,weight,basis``; each role's rows begin with its ``_bias``
and ``_threshold`` rows). ``_decides`` rows name the rule outcomes (``rule=<role>-<source>``) the
model decides: those the leave-sets-out cross-validation of ``bench/train_role_model.py`` showed
it reads better than the rules, and ``_allows`` rows (``rule=<role>-<source>><role>``) the roles it
may give each (those it gave more right than wrong); a role's ``_threshold`` is how much more
probable than the rules' role it must be to replace it. Everywhere else the rules' role stands. Trained by ``make
train-roles`` from the numeric samples of ``data/role_model_samples.csv`` (feature values and a
hash of the page, never a word of it), which ``bench/role_model_samples.py`` writes from the
annotated folders.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise.linear_model import LinearModel
from resilience_kg.extract.recognise.roles import role_of
from resilience_kg.extract.recognise.rules import post_words, table, words

if TYPE_CHECKING:
    from resilience_kg.extract.components.document import Document

MODEL_FILE = "data/role_model.csv"
#: The roles the model chooses among, strongest first (an opener is a speaker, as the gold scores it).
ROLES = ("organiser", "host", "speaker", "participant", "mentioned")
#: The method of a role the model chose.
METHOD = "model:role-reader"
#: The pairs of features the model also reads together: what the rules found weighs differently
#: where the body stands (a default in the title is not a default in the last paragraph).
CROSSES = (("rule", "title"), ("rule", "subject"), ("rule", "lead"), ("rule", "post"), ("rule", "speech"),
           ("rule", "list"), ("rule", "organiser_named"), ("subject", "lead"), ("rule", "lang"),
           ("rule", "order"), ("rule", "cue_gap"), ("rule", "in_quote"),
           ("rule", "before"), ("rule", "after"),
           # roles-8: the cue the rules read, with where the body stands and what it is.
           ("cue", "subject"), ("cue", "cue_gap"), ("rule", "sector"), ("rule", "organisers"),
           ("rule", "city_body"), ("rule", "partner"), ("cue", "title"))


@dataclass(frozen=True)
class MentionRole:
    """What the rules read for one mention: its span, the role and what gave it (``source``: ``cue``,
    ``tag``, ``heading``, ``list``, ``spoken`` (a list in a speaker's words), ``clause``, ``inside``,
    ``parent``, ``signatory``, ``unsigned``
    (a verb of signing the rules set aside: no agreement named) or ``none``)
    and the cue's direction (empty without a cue)."""

    start: int
    end: int
    role: str
    source: str
    direction: str = ""
    #: Where the cue stands (``-1`` without one).
    cue_start: int = -1
    cue_end: int = -1


def _bucket(n: int, edges: Sequence[int]) -> str:
    for lo, hi in itertools.pairwise(edges):
        if lo <= n < hi:
            return str(lo) if hi == lo + 1 else f"{lo}-{hi - 1}"
    return f"{edges[-1]}+"


@functools.cache
def _speech() -> re.Pattern[str]:
    """A verb of speaking or of hoping (``rules/speech_verbs.csv``)."""
    phrases = sorted((row["phrase"] for row in table("speech_verbs")), key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


@functools.cache
def _event_words() -> re.Pattern[str]:
    """A word naming the event ("rapat", "workshop": the cues of ``rules/event_kinds.csv``)."""
    cues = sorted({row["cue"] for row in table("event_kinds") if row["cue"].strip()}, key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)")


@functools.cache
def _joiners() -> frozenset[str]:
    """The words that join a list's members ("dan", "serta", "and"), after which no verb follows."""
    return frozenset(w.lower() for name in ("list_joiners", "role_reader_no_verb") for w in words(name))


_ROW = re.compile(r"[ \t]*(?:\||[-•*–][ \t]|\(?\d{1,3}[.)][ \t]|\(?[a-z][.)][ \t])")
#: What opens a clause inside a sentence: a comma, a dateline's dashes, a colon.
_CLAUSE_OPEN = re.compile(r"(?:,|--|—|–|:)\s*")
_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")
#: A name between the commas of a list: a comma before it, or a comma or "dan" after it.
_LISTED_BEFORE = re.compile(r"[,;]\s*$")
_LISTED_AFTER = re.compile(r"\s*(?:\([^)]{0,60}\))?\s*(?:[,;]|dan\b|serta\b|and\b)")


#: The fewest lower-case words (no joiner, no "dari", no post) that make a list item a sentence.
_PROSE_WORDS = 3


def _prose(line: str) -> bool:
    """Whether a list item is a sentence ("1. berbagi data antara Dinas A dan Dinas B."), not an
    entry of a roster ("1. Budi, BPBD Kota X", "| 2 | Dinas Sosial |"): the bodies a proposal, an
    issue or a task names are no attendance list, and the role model must not read them as one
    (its retrain on 720 pages made a body of a numbered proposal an organiser by the rows of
    committees it had seen)."""
    lower = [w for w in _WORD.findall(line) if w[:1].islower() and w.lower() not in _joiners()
             and w.lower() not in _FROM and w.lower() not in post_words("every")]
    return len(lower) >= _PROSE_WORDS


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


#: The most words of a title line.
_TITLE_WORDS = 20


def _title_end(text: str) -> int:
    """Where the title ends: a short first line followed by more (0: the text has no title)."""
    end = text.find("\n")
    return end if 0 < end and len(text[:end].split()) <= _TITLE_WORDS and text[end:].strip() else 0


def _lead(text: str) -> tuple[int, int]:
    """The lead paragraph: the first paragraph after the title line that runs to a dozen words."""
    title_end = text.find("\n")
    if title_end < 0:
        return (0, 0)
    at = title_end
    for m in re.finditer(r"[^\n]+", text[title_end:]):
        if len(m.group(0).split()) >= 12:
            return (title_end + m.start(), title_end + m.end())
        at = title_end + m.end()
    return (at, at)


def _is_subject(text: str, start: int, end: int, sent_start: int) -> bool:
    """Whether the mention opens its clause (at most a post or a few capitalised words before it)
    and a lower-case word that is no list joiner follows it: the subject of the clause's verb."""
    before = text[sent_start:start]
    opens = list(_CLAUSE_OPEN.finditer(before))
    prefix = before[opens[-1].end():] if opens else before
    prefix_words = prefix.split()
    if len(prefix_words) > 4 or any(not (w[:1].isupper() or w.lower() in post_words("every")) for w in prefix_words):
        return False
    after = text[end:end + 80]
    after = re.sub(r"^\s*\([^)]{0,60}\)", "", after)  # "BPBD (Badan ...) menggelar"
    m = _WORD.search(after)
    if m is None or after[:m.start()].strip(" "):
        return False
    word = m.group(0)
    return word[:1].islower() and word.lower() not in _joiners()


#: The shape of the word right before a mention and right after it (past a post and a bracket).
_PASSIVE_VERB = re.compile(r"(?i)^di[a-z]{3,}(?:kan|i|nya)?$")
_ACTIVE_VERB = re.compile(r"(?i)^(?:me|ber|ter)[a-z]{3,}$|^[a-z]{3,}ed$")
_FROM = ("dari", "from", "of", "asal")


def _word_before(text: str, start: int, floor: int) -> str:
    """What the word before the mention is: a passive verb ("digelar X": the agent), an active one,
    "dari"/"from" after a person's name ("Ali dari X"), another lower-case word, a capitalised one
    (a post, a name), or nothing (the mention opens its sentence)."""
    words = _WORD.findall(text[max(floor, start - 60):start])
    while words and (words[-1].lower() in post_words("every") or words[-1][:1].isupper()) and len(words) > 1 and \
            words[-1].lower() not in _FROM:
        if not words[-2][:1].isupper() and words[-2].lower() not in post_words("every"):
            break
        words.pop()
    if not words:
        return "none"
    w = words[-1]
    if w.lower() in _FROM:
        return "from-name" if len(words) > 1 and words[-2][:1].isupper() else "from"
    if _PASSIVE_VERB.match(w):
        return "passive"
    if _ACTIVE_VERB.match(w):
        return "active"
    return "capital" if w[:1].isupper() else "lower"


def _word_after(text: str, end: int) -> str:
    """What the word after the mention is (past a bracketed short form and a person's name): an
    active verb, a passive one, a joiner, another lower-case word, a capitalised one, or nothing."""
    after = re.sub(r"^\s*\([^)]{0,60}\)", "", text[end:end + 120])
    m = re.match(r"[ \t]*,?[ \t]*((?:[A-Z][\w.'-]*[ \t]+){0,4})([^\W\d_]+)", after)
    if m is None:
        return "none"
    w = m.group(2)
    if w.lower() in _joiners():
        return "joiner"
    if _PASSIVE_VERB.match(w):
        return "passive"
    if _ACTIVE_VERB.match(w):
        return "active" if not m.group(1) else "active-after-name"
    return "capital" if w[:1].isupper() else "lower"


@functools.cache
def _cue_vocabulary() -> frozenset[str]:
    """The cues of ``rules/role_cues.csv`` and their first words (a passive read bare, "digelar"):
    the values the ``cue`` feature may take, so that no other word of a page reaches the samples."""
    cues = {" ".join(row["cue"].lower().split()) for row in table("role_cues")}
    return frozenset(cues | {c.split()[0] for c in cues if c})


@functools.cache
def _partner() -> re.Pattern[str]:
    """A word of partnership right before a body ("bersama X", "bekerja sama dengan X", "difasilitasi
    X"): ``rules/words.csv`` list ``role_reader_partner``."""
    phrases = sorted(words("role_reader_partner"), key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\s+(?:\w+\s+){0,3}$")


def _cue_word(text: str, start: int, end: int) -> str:
    """The cue between ``start`` and ``end`` as the rules table writes it (words joined by hyphens:
    ``bekerja-sama-dengan``), ``other`` if the table has no such cue, ``none`` without a cue. How
    often a cue gives the gold's role differs from cue to cue ("melibatkan" names the bodies a
    programme involves as often as those who came), which no other feature tells."""
    if start < 0:
        return "none"
    phrase = " ".join(text[start:end].lower().split())
    return phrase.replace(" ", "-") if phrase in _cue_vocabulary() else "other"


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a quotation of its paragraph (an odd number of quote marks before it)."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def features(n: int, doc: Document, records: Sequence[MentionRole], rule_roles: Sequence[str],
             rule_source: str) -> list[str]:
    """The features of actor ``n`` of ``doc`` (``name=value``): ``records`` are what the rules read
    for each of its mentions, ``rule_roles`` the rules' role of every actor, ``rule_source`` what
    gave the actor's own."""
    text = doc.text
    actor = doc.actors[n]
    title_end = _title_end(text)
    lead = _lead(text) if title_end else (0, 0)
    spans = sorted((m.start, m.end) for m in actor.mentions)
    in_title = [s for s, _ in spans if s < title_end]
    first_in_title = bool(in_title) and not any(
        m.start < in_title[0] for m in doc.mentions if m.start < title_end)
    in_lead = any(lead[0] <= s < lead[1] for s, _ in spans)
    subject = speech = quote = listed = event_sentence = commas = False
    row = ""  # "row": a row or an item that names bodies; "item": an item that is a sentence
    subject_where = "no"
    for s, e in spans:
        sent = doc.sentence_at(s)
        if sent is None:
            continue
        if _is_subject(text, s, e, sent.start):
            subject = True
            if s < title_end:
                subject_where = "title"
            elif lead[0] <= s < lead[1] and subject_where != "title":
                subject_where = "lead"
            elif subject_where == "no":
                subject_where = "body"
        body = text[sent.start:sent.end]
        speech = speech or bool(_speech().search(body))
        quote = quote or any(q in body for q in "\"“”")
        event_sentence = event_sentence or bool(_event_words().search(body))
        listed = listed or sum(1 for m in doc.mentions if sent.start <= m.start < sent.end) >= 3
        line = _line_of(text, s)
        if _ROW.match(line):
            row = "item" if _prose(line) and row != "row" else "row"
        commas = commas or bool(_LISTED_BEFORE.search(text, max(sent.start, s - 3), s)) or bool(
            _LISTED_AFTER.match(text, e))
    first = doc.sentence_at(spans[0][0])
    before = _word_before(text, spans[0][0], first.start if first else 0)
    after = _word_after(text, spans[0][1])
    post = "none"
    mine = set(spans)
    for p in doc.posts:
        if (p.org.start, p.org.end) not in mine:
            continue
        sent = doc.sentence_at(p.start)
        role, cue = role_of(p.start, p.end, doc.cues.get(sent.start, []), text) if sent else ("", None)
        kind = ("organises" if cue and role in ("organiser", "host")
                else "speaks" if cue and role in ("opener", "speaker") else "person" if p.person else "post")
        if _POST_ORDER.index(kind) < _POST_ORDER.index(post):
            post = kind
    clause = "none"
    for c in doc.clauses:
        for s, e in spans:
            if (s, e) in c.subjects:
                clause = "subject"
            elif c.start <= s and e <= c.end and clause == "none":
                clause = "inside"
    rule = _gold_name(actor.role)
    seen = sorted({f"{_gold_name(r.role)}-{r.source}" for r in records})
    given = next((r for r in records if _gold_name(r.role) == rule and r.source == rule_source), None)
    gap, quoted = "none", any(_inside_quote(text, s) for s, _ in spans)
    cue_word = _cue_word(text, given.cue_start, given.cue_end) if given is not None else "none"
    if given is not None and given.cue_start >= 0:
        lo, hi = (given.end, given.cue_start) if given.cue_start >= given.end else (given.cue_end, given.start)
        between = sum(1 for m in doc.mentions if lo <= m.start and m.end <= hi)
        gap = ("adjacent" if hi - lo <= 3 else "near" if between == 0 and hi - lo <= 40
               else "list" if between and not re.search(r"[.;:]", text[lo:hi]) and hi - lo <= 200 else "far")
        gap = f"{'before' if given.cue_start >= given.end else 'after'}-{gap}"
    others = [r for k, r in enumerate(rule_roles) if k != n]
    name = " ".join(f"{m.name} {m.expansion or ''}" for m in actor.mentions).lower()
    # The body of the place the report is about ("Pemerintah Kota X", "BPBD Kota X" in a report on Kota X).
    place = str(doc.city or "").split()[-1:]
    city_body = bool(place) and re.search(rf"\b{re.escape(place[0].lower())}\b", name) is not None
    partner = any(_partner().search(text, max(0, s - 60), s) for s, _ in spans)
    return [
        f"rule={rule}-{rule_source}",
        f"role={rule}",
        f"source={rule_source}",
        *(f"seen={s}" for s in seen),
        f"cue_gap={gap}",
        f"before={before}",
        f"after={after}",
        f"in_quote={'yes' if quoted else 'no'}",
        f"mentions={_bucket(len(spans), (1, 2, 3, 5))}",
        f"title={'first' if first_in_title else 'yes' if in_title else 'no'}",
        f"lead={'yes' if in_lead else 'no'}",
        f"order={_bucket(n + 1, (1, 2, 3, 4))}",
        f"subject={subject_where if subject else 'no'}",
        f"post={post}",
        f"speech={'yes' if speech else 'no'}",
        f"quote={'yes' if quote else 'no'}",
        f"event_sentence={'yes' if event_sentence else 'no'}",
        f"list={row or ('yes' if listed else 'commas' if commas else 'no')}",
        f"clause={clause}",
        f"sector={actor.sector}",
        f"parent={'yes' if all(m.parent_span for m in actor.mentions) else 'no'}",
        f"kind={actor.mention.kind}",
        f"organiser_named={'yes' if 'organiser' in others else 'host' if 'host' in others else 'no'}",
        f"actors={_bucket(len(rule_roles), (1, 2, 4, 7, 12))}",
        f"lang={doc.language}",
        f"cue={cue_word}",
        f"organisers={_bucket(others.count('organiser'), (0, 1, 2, 3))}",
        f"city_body={'yes' if city_body else 'no'}",
        f"partner={'yes' if partner else 'no'}",
    ]


#: A post's part in the event, strongest first.
_POST_ORDER = ("organises", "speaks", "person", "post", "none")


def _gold_name(role: str) -> str:
    """A role as the model reads it: an opener is a speaker."""
    return "speaker" if role == "opener" else role


def combine(base: Sequence[str]) -> list[str]:
    """The features the model reads: the ``name=value`` features and the pairs of :data:`CROSSES`."""
    value: dict[str, str] = {}
    for f in base:
        name, _, v = f.partition("=")
        value.setdefault(name, v)
    return [*base, *(f"{a}={value[a]}&{b}={value[b]}" for a, b in CROSSES if a in value and b in value)]


@dataclass(frozen=True)
class RoleModel:
    """One model per role, the rule outcomes (``rule=<role>-<source>``) the model decides and, where
    given, the roles it may give each of them (``rule=<role>-<source>><role>``; none given: any)."""

    models: dict[str, LinearModel]
    decides: frozenset[str]
    allows: frozenset[str] = frozenset()

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        feats = list(feats)
        return {role: self.models[role].probability(feats) for role in ROLES if role in self.models}

    def choose(self, feats: Sequence[str], rule: str) -> str:
        """The role of the highest probability, where that probability exceeds the probability of
        the rules' role ``rule`` by its role's threshold (a margin chosen by the cross-validation)
        and the outcome of the rules (``feats[0]``) may take that role; else ``rule``. A near tie
        between the two is no evidence against the rules."""
        probs = self.probabilities(feats)
        best = max(ROLES, key=lambda r: (probs.get(r, 0.0), -ROLES.index(r)))
        if best == rule or (self.allows and feats and f"{feats[0]}>{best}" not in self.allows):
            return rule
        return best if probs[best] - probs.get(rule, 0.0) >= self.models[best].threshold else rule


def parse(raw: str) -> RoleModel:
    """A model from the text of its table (``role,feature,weight,basis``)."""
    rows = list(csv.DictReader(io.StringIO(raw)))
    models: dict[str, LinearModel] = {}
    decides: set[str] = set()
    allows: set[str] = set()
    for role, group in itertools.groupby(rows, key=lambda r: r["role"]):
        items = list(group)
        if role == "_decides":
            decides.update(r["feature"] for r in items)
            continue
        if role == "_allows":
            allows.update(r["feature"] for r in items)
            continue
        if role not in ROLES or len(items) < 2 or items[0]["feature"] != "_bias" or items[1]["feature"] != "_threshold":
            raise ValueError(f"{MODEL_FILE}: role {role!r} needs its _bias row, then its _threshold row")
        weights = {r["feature"]: float(r["weight"]) for r in items[2:]}
        models[role] = LinearModel(float(items[0]["weight"]), weights, float(items[1]["weight"]),
                                   items[0].get("basis") or "")
    return RoleModel(models, frozenset(decides), frozenset(allows))


def dump(model: RoleModel) -> str:
    """The text of a model's table: per role its bias and threshold, then its weights by name; then
    the rule outcomes it decides."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("role", "feature", "weight", "basis"))
    for role in ROLES:
        m = model.models[role]
        writer.writerow((role, "_bias", f"{m.bias:.4f}", m.basis))
        writer.writerow((role, "_threshold", f"{m.threshold:.2f}",
                         "how much more probable than the rules' role this role must be to replace it "
                         "(cross-validation)"))
        for name in sorted(m.weights):
            if round(m.weights[name], 4):
                writer.writerow((role, name, f"{m.weights[name]:.4f}", ""))
    for key in sorted(model.decides):
        writer.writerow(("_decides", key, "1", "the cross-validation read these better than the rules"))
    for key in sorted(model.allows):
        writer.writerow(("_allows", key, "1", "a role the cross-validation read better for this outcome"))
    return out.getvalue()


@functools.cache
def model() -> RoleModel:
    """The shipped model."""
    return parse(resources.files("resilience_kg.extract").joinpath(MODEL_FILE).read_text(encoding="utf-8"))


def shipped() -> bool:
    """Whether a model is shipped (the samples script drafts without one)."""
    return resources.files("resilience_kg.extract").joinpath(MODEL_FILE).is_file()


#: The most other organisers a signing may have and still be the signatories' own event.
_FEW_ORGANISERS = 2


def _signing_of_few(rule_roles: Sequence[str], n: int) -> bool:
    """Whether the signatory ``n`` signs where nobody else runs the event: at most two other bodies
    organise by the rules and none hosts. The guide makes such parties organisers (a bilateral MoU
    is its parties' own event), and the shipped samples agree: with at most two other organisers, 20
    of 23 signatories are organisers in the gold. The model, whose features cannot count the parties,
    decides the signings of many, where most sign at an event another body holds."""
    others = [r for k, r in enumerate(rule_roles) if k != n]
    return others.count("organiser") <= _FEW_ORGANISERS and "host" not in others


def revise(doc: Document, records: Sequence[Sequence[MentionRole]], sources: Sequence[str],
           using: RoleModel | None = None) -> list[tuple[int, str]]:
    """The actors whose role the model decides, by index, with the role it chooses (only those it
    changes): the actors whose rule outcome is one the model decides."""
    chosen = using or model()
    rule_roles = [a.role for a in doc.actors]
    out = []
    for n, actor in enumerate(doc.actors):
        rule = f"rule={_gold_name(actor.role)}-{sources[n]}"
        if rule not in chosen.decides or (sources[n] == "signatory" and _signing_of_few(rule_roles, n)):
            continue
        role = chosen.choose(combine(features(n, doc, records[n], rule_roles, sources[n])), _gold_name(actor.role))
        if role != _gold_name(actor.role):
            out.append((n, role))
    return out

