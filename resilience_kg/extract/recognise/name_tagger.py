"""A learned tagger of organisation names: each word of a report is labelled ``B`` (a name starts),
``I`` (a name goes on) or ``O`` by an averaged perceptron read left to right (the previous label is
a feature; an ``I`` never follows an ``O``), and the runs of ``B I*`` are the names it finds.

Its features carry no page text: a word's shape (``Xx``, ``XX``, ``x``, digits, mixed, the
punctuation mark), its length, whether it starts a sentence or a line, its lower-cased identity only
when the project's own vocabulary holds it (the words of the gazetteer's names, the regions, the
head nouns, the jurisdiction, function, title, post and topic words of the rules tables) and what
kind of word that is; the same of the two words either side; and where the recognisers'
(:mod:`.actors`) mentions stand (the word begins, continues, ends or is a mention, and the
recogniser family), so the model learns where their bounds are right, too short or too long, and
where a name no rule found starts.

The weights are package data (``data/name_tagger.csv``: ``_bias`` says in its ``basis`` on which
pages and by which script the model was trained, ``_threshold`` the mean margin a name the
recognisers did not find needs before it is drafted); ``bench/train_name_tagger.py`` (``make
train-names``) trains them from the feature rows ``bench/name_tagger_samples.py`` writes.

>>> [t.text for t in tokens("Dinas PU-PR (DKI) hadir.")]
['Dinas', 'PU-PR', '(', 'DKI', ')', 'hadir', '.']
>>> shape("BPBD"), shape("Jakarta"), shape("rapat"), shape("2024"), shape("eKTP"), shape(",")
('XX', 'Xx', 'x', 'd', 'm', 'p,')
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.recognise.actors.mention import ActorMention
    from resilience_kg.extract.segment import Span

#: The method of a mention only the tagger found.
METHOD = "model:name-tagger"
MODEL_FILE = "data/name_tagger.csv"
TAGS = ("B", "I", "O")

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&][^\W_]+)*|\S", re.U)


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark of a report, with its offsets."""

    start: int
    end: int
    text: str


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and punctuation marks of ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]


def shape(word: str) -> str:
    """A word's shape: ``XX`` (capitals), ``Xx`` (capitalised), ``x`` (lower case), ``d`` (has a digit),
    ``m`` (mixed), or ``p`` and the mark for punctuation."""
    if not any(c.isalnum() for c in word):
        return "p" + word[:1]
    if any(c.isdigit() for c in word):
        return "d"
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "XX"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "Xx"
    if all(c.islower() for c in letters):
        return "x"
    if letters[0].isupper() and word.count("-") and all(p[:1].isupper() for p in word.split("-") if p):
        return "Xx-"
    return "m"


def _length(word: str) -> str:
    n = len(word)
    return "1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6-9" if n <= 9 else "10+"


@functools.cache
def _kinds() -> dict[str, str]:
    """Each vocabulary word of the rules tables with the kind of word it is (the first kind that
    claims it: head noun, jurisdiction, title, post, connector, topic, generic, stop capital)."""
    from resilience_kg.extract.recognise.actor_filter import _listed, _word_kinds
    from resilience_kg.extract.recognise.actors import vocabulary as v
    from resilience_kg.extract.recognise.rules import table

    out: dict[str, str] = {}

    def claim(words: Iterable[str], kind: str) -> None:
        for w in words:
            for part in w.lower().split():
                out.setdefault(part, kind)

    claim((r["head"] for r in table("head_nouns")), "head")
    claim((r["full"].split()[0] for r in table("head_nouns") if r["full"].strip()), "head")
    claim(v.JURISDICTION_WORDS, "jur")
    kinds = _word_kinds()
    claim(kinds["title"], "title")
    claim(kinds["post"], "post")
    claim(v.CONNECTORS, "conn")
    claim(_listed("list_conjunctions"), "conn")
    claim(v.TOPIC_WORDS, "topic")
    claim(kinds["event"], "event")
    claim(v.GENERIC_WORDS, "generic")
    claim(v.STOP_CAPS, "stopcap")

    def column(name: str, col: str) -> list[str]:
        try:  # (a table an older version of the rules lacks gives no words: the samples of earlier drafts)
            return [r[col] for r in table(name)]
        except (KeyError, FileNotFoundError):
            return []

    claim(column("posts", "post"), "post")
    claim(column("post_heads", "post"), "post")
    claim(column("place_kinds", "word"), "placekind")
    claim(column("places", "name"), "place")
    claim(column("venues", "word"), "venue")
    claim(column("collectives", "term"), "collective")
    claim(column("group_headings", "cue"), "group")
    claim(column("role_cues", "cue"), "cue")
    claim(column("speech_verbs", "phrase"), "speech")
    claim(column("months", "name"), "month")
    claim(column("weekdays", "name"), "day")
    return out


@functools.cache
def _vocabulary(gazetteer: Gazetteer | None) -> frozenset[str]:
    """The words a name's identity is read for: the project's one name vocabulary
    (:func:`.actors.vocabulary.name_vocabulary`, as the actor filter reads it) and the words of the
    kinds of :func:`_kinds`."""
    from resilience_kg.extract.recognise.actor_filter import _vocabulary as names

    return frozenset(names(gazetteer)) | frozenset(_kinds())


@functools.cache
def _verb_prefixes() -> tuple[str, ...]:
    from resilience_kg.extract.recognise.actor_filter import _listed

    return tuple(sorted(_listed("verb_prefixes")))


def _family(method: str) -> str:
    from resilience_kg.extract.recognise.actor_filter import method_family

    return method_family(method).split("+")[0]


def token_features(text: str, toks: Sequence[Token], sentence_start: int, mentions: Sequence[ActorMention],
                   gazetteer: Gazetteer | None) -> list[list[str]]:
    """The features of each token of one sentence that carry no page text (the samples' rows)."""
    vocab = _vocabulary(gazetteer)
    kinds = _kinds()

    # Where each token stands in a recogniser's mention: the longest mention that holds it.
    where: list[tuple[str, str]] = [("O", "")] * len(toks)
    for m in sorted(mentions, key=lambda m: (m.start - m.end)):
        inside = [n for n, t in enumerate(toks) if t.start >= m.start and t.end <= m.end and where[n][0] == "O"]
        if not inside:
            continue
        fam = _family(m.method)
        for n in inside:
            pos = ("S" if len(inside) == 1 else "B" if n == inside[0] else "E" if n == inside[-1] else "I")
            where[n] = (pos, fam)
    out: list[list[str]] = []
    for n, t in enumerate(toks):
        low = t.text.lower()
        known = low in vocab
        feats = [f"s={shape(t.text)}", f"l={_length(t.text)}", f"w={low if known else '?'}",
                 f"r={where[n][0]}"]
        if low in kinds:
            feats.append(f"k={kinds[low]}")
        elif low.endswith("kan") and len(low) > 7 and low.startswith(_verb_prefixes()):
            feats.append("k=verb")  # a prefixed verb in -kan ("Menyampaikan")
        if where[n][1]:
            feats.append(f"f={where[n][1]}")
        if t.start == sentence_start:
            feats.append("st")
        if t.start == 0 or "\n" in text[max(0, t.start - 2):t.start]:
            feats.append("ln")
        out.append(feats)
    return out


_WINDOW = ("s=", "w=", "r=", "k=")


def window(rows: Sequence[Sequence[str]], n: int) -> list[str]:
    """The features the model reads for token ``n`` of a sentence (without the previous label):
    its own, its neighbours' (two either side) shapes, words, kinds and mention positions, and a
    few pairs."""
    own = rows[n]
    feats = ["bias", *own]
    get = {d: ({f.split("=", 1)[0]: f for f in rows[n + d] if f.startswith(_WINDOW)} if 0 <= n + d < len(rows)
               else {"s=": "s=<>", "w=": "w=<>", "r=": "r=<>"}) for d in (-2, -1, 1, 2)}
    for d, fs in get.items():
        for f in fs.values():
            feats.append(f"{d}{f}")
    me = {f.split("=", 1)[0]: f for f in own if "=" in f}
    prev, nxt = get[-1], get[1]
    feats.append(f"{me.get('s')}&{me.get('r')}&{me.get('f', 'f=')}")
    feats.append(f"-1{prev.get('s', 's=')}&{me.get('s')}")
    feats.append(f"{me.get('s')}&+1{nxt.get('s', 's=')}")
    feats.append(f"{me.get('w')}&+1{nxt.get('s', 's=')}")
    feats.append(f"-1{prev.get('w', 'w=')}&{me.get('s')}")
    feats.append(f"-1{prev.get('r', 'r=')}&{me.get('r')}&{me.get('s')}")
    return feats


@dataclass(frozen=True)
class Model:
    """The tagger's weights (by ``tag|feature``), the mean margin a name the recognisers did not
    find needs, and the basis of its training."""

    weights: dict[str, float]
    threshold: float
    basis: str

    def scores(self, feats: Sequence[str], prev: str) -> dict[str, float]:
        w = self.weights
        all_feats = [*feats, f"prev={prev}", f"prev={prev}&{feats[1]}"]
        return {tag: sum(w.get(f"{tag}|{f}", 0.0) for f in all_feats) for tag in TAGS}


def decode(model: Model, sentence_rows: Sequence[Sequence[str]]) -> list[tuple[str, float]]:
    """Each token's label, left to right, with its margin over the next best allowed label."""
    prev = "O"
    out: list[tuple[str, float]] = []
    for n in range(len(sentence_rows)):
        sc = model.scores(window(sentence_rows, n), prev)
        allowed = [t for t in TAGS if not (t == "I" and prev == "O")]
        allowed.sort(key=lambda t: -sc[t])
        best = allowed[0]
        out.append((best, sc[best] - sc[allowed[1]]))
        prev = best
    return out


def spans_of(labels: Sequence[str]) -> list[tuple[int, int]]:
    """The ``B I*`` runs of ``labels`` as (first, last + 1) token indices."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for n, tag in enumerate([*labels, "O"]):
        if tag != "I" and start is not None:
            out.append((start, n))
            start = None
        if tag == "B":
            start = n
    return out


def _trim(toks: Sequence[Token], a: int, b: int) -> tuple[int, int]:
    """A run without punctuation at its edges (a closing bracket stays when its opening one is inside)."""
    while a < b and shape(toks[a].text).startswith("p"):
        a += 1
    while b > a and shape(toks[b - 1].text).startswith("p"):
        if toks[b - 1].text == ")" and any(t.text == "(" for t in toks[a:b - 1]):
            break
        b -= 1
    return a, b


@dataclass(frozen=True)
class Found:
    """One name the tagger finds: its offsets and its mean margin."""

    start: int
    end: int
    margin: float


def tag(text: str, sentences: Sequence[Span], mentions: Sequence[ActorMention], gazetteer: Gazetteer | None,
        using: Model | None = None) -> list[Found]:
    """Every name the tagger finds in ``text``, with the recognisers' ``mentions`` as features."""
    chosen = using or model()
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    import bisect

    found: list[Found] = []
    for s in sentences:
        toks = tokens(text, s.start, s.end)
        if not toks:
            continue
        lo = bisect.bisect_left(starts, s.start)
        hi = bisect.bisect_left(starts, s.end)
        rows = token_features(text, toks, s.start, ordered[lo:hi], gazetteer)
        labels = decode(chosen, rows)
        for a, b in spans_of([t for t, _ in labels]):
            ta, tb = _trim(toks, a, b)
            if ta < tb:
                margin = sum(m for _, m in labels[a:b]) / (b - a)
                found.append(Found(toks[ta].start, toks[tb - 1].end, margin))
    return found


def names(text: str, sentences: Sequence[Span], mentions: Sequence[ActorMention],
          gazetteer: Gazetteer | None) -> list[tuple[int, int]]:
    """The offsets of every name the shipped tagger finds (what the actor filter reads of it)."""
    return [(f.start, f.end) for f in tag(text, sentences, mentions, gazetteer)]


def new_mentions(text: str, sentences: Sequence[Span], mentions: Sequence[ActorMention],
                 gazetteer: Gazetteer | None, using: Model | None = None) -> list[ActorMention]:
    """The tagger's names that no recogniser mention overlaps and whose mean margin reaches the
    model's threshold, as mentions of method :data:`METHOD` (no sector: the resolver and the
    head noun give one, as to any candidate)."""
    from resilience_kg.extract.recognise.actors.mention import ActorMention
    from resilience_kg.extract.recognise.rules import confidence

    chosen = using or model()
    if math.isinf(chosen.threshold):
        return []  # the cross-validation found no margin at which new names help
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for f in tag(text, sentences, mentions, gazetteer, using=chosen):
        if f.margin < chosen.threshold or any(a < f.end and f.start < b for a, b in taken):
            continue
        name = " ".join(text[f.start:f.end].split())
        if not any(c.isupper() for c in name):
            continue  # a name is written with a capital somewhere
        out.append(ActorMention(f.start, f.end, name, None, None, None, "", METHOD, confidence(METHOD)))
    return out


def read_model(raw: str, where: str = MODEL_FILE) -> Model:
    """A model from the text of its table (``feature,weight,basis``: ``_bias`` then ``_threshold``,
    then ``tag|feature`` rows); a row that does not parse is named by ``where`` and its line."""
    reader = csv.reader(io.StringIO(raw))
    header = next(reader, None)
    if header != ["feature", "weight", "basis"]:
        raise ValueError(f"{where}, line 1: the header is feature,weight,basis")
    weights: dict[str, float] = {}
    basis, threshold = "", None
    for line, row in enumerate(reader, start=2):
        if len(row) != 3:
            raise ValueError(f"{where}, line {line}: 3 cells expected, found {len(row)}")
        try:
            value = float(row[1])
        except ValueError:
            raise ValueError(f"{where}, line {line}: weight {row[1]!r} is not a number") from None
        if line == 2:
            if row[0] != "_bias":
                raise ValueError(f"{where}, line 2: the _bias row comes first")
            basis = row[2]
        elif line == 3:
            if row[0] != "_threshold":
                raise ValueError(f"{where}, line 3: the _threshold row comes second")
            threshold = value
        elif row[0].split("|", 1)[0] not in TAGS or "|" not in row[0]:
            raise ValueError(f"{where}, line {line}: feature {row[0]!r} is not tag|feature with a tag of {TAGS}")
        else:
            weights[row[0]] = value
    if threshold is None:
        raise ValueError(f"{where}: no _bias and _threshold rows")
    return Model(weights, threshold, basis)


def write_model(model: Model) -> str:
    """The text of a model's table: the basis and the threshold first, then the weights by name."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("feature", "weight", "basis"))
    writer.writerow(("_bias", "0", model.basis))
    writer.writerow(("_threshold", f"{model.threshold:.2f}",
                     "the mean margin a name no recogniser found needs to be drafted (chosen by cross-validation; "
                     "inf: none is)"))
    for name in sorted(model.weights):
        if round(model.weights[name], 4):
            writer.writerow((name, f"{model.weights[name]:.4f}", ""))
    return out.getvalue()


@functools.cache
def model() -> Model:
    """The shipped model."""
    raw = resources.files("resilience_kg.extract").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return read_model(raw, f"resilience_kg/extract/{MODEL_FILE}")
