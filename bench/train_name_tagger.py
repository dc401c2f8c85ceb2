"""Train the name tagger (:mod:`resilience_kg.extract.recognise.name_tagger`) on its labelled token rows.

The samples (``resilience_kg/extract/data/name_tagger_samples.csv.gz``, written by
``bench/name_tagger_samples.py``) are the tokens of the readable annotated sets with their features
and gold labels. The tagger is an averaged perceptron read left to right (the previous label a
feature); the fit is deterministic (a fixed seed). Before writing, whole sets are held out in turn
(tune10-15, tune16-21, tune to tune9), and on the held-out pages the script prints the span-level
precision, recall and F of (a) the recognisers' mentions alone, (b) the tagger alone, (c) the
recognisers' mentions with the tagger's names that no mention overlaps, by the margin those need.
The shipped threshold is the lowest margin at which (c) has a better F than (a) in that
cross-validation, or ``inf`` (the pipeline drafts no new name) when none has. It also prints how
precise the mentions are that the tagger finds alike, with other bounds, or finds nothing in (f-j):
what the tagger could tell the actor filter.

    python bench/train_name_tagger.py              # cross-validate, then write the shipped model
    python bench/train_name_tagger.py --cv-only    # cross-validate only
    python bench/train_name_tagger.py --check      # retrain; fail if the shipped weights differ
    python bench/train_name_tagger.py --sets tune tune2 ...  # train on these sets only (an experiment)
    make train-names
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from shipped_tables import write_or_check  # noqa: E402

from resilience_kg.extract.recognise import name_tagger  # noqa: E402
from resilience_kg.extract.recognise.name_tagger import TAGS, Model  # noqa: E402

SAMPLES = ROOT / "resilience_kg" / "extract" / "data" / "name_tagger_samples.csv.gz"
TARGET = ROOT / "resilience_kg" / "extract" / name_tagger.MODEL_FILE
SEED = 0
EPOCHS = 6
#: The share of the recognisers' mentions hidden from the tagger in training (see :func:`_hide`).
HIDE = 0.0
MIN_COUNT = 3  # a feature of fewer tokens is an accident of a page
#: The folds of the cross-validation: whole sets held out together (the synthetic set always trains).
FOLDS = (tuple(f"tune{n}" for n in range(10, 16)), tuple(f"tune{n}" for n in range(16, 22)),
         ("tune", *(f"tune{n}" for n in range(2, 10))), tuple(f"tune{n}" for n in range(22, 31)))
#: The margins tried for the names no recogniser found (a margin is the tagger's score of its label
#: over the next best, averaged over the name's tokens).
MARGINS = (0.0, 25.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0, 400.0, 600.0)

Token = tuple[list[str], str, bool]  # windowed features, label, optional
Sentence = list[Token]
Page = tuple[str, list[Sentence]]  # set, sentences


def _hide(base: list[list[str]], share: float, rng: random.Random) -> list[list[str]]:
    """A sentence's token features with a ``share`` of the recognisers' mentions hidden (their
    tokens read as outside any mention): on a page nobody tuned the rules on, the recognisers miss
    more names than on the pages the samples come from, and the tagger must learn to find those."""
    out = [list(f) for f in base]
    span: list[int] = []
    for n, feats in enumerate(base):
        r = next((f for f in feats if f.startswith("r=")), "r=O")
        if r in ("r=B", "r=S"):
            span = [n]
        elif r in ("r=I", "r=E") and span:
            span.append(n)
        if r in ("r=E", "r=S") and span and rng.random() < share:
            for i in span:
                out[i] = ["r=O" if f.startswith("r=") else f for f in out[i] if not f.startswith("f=")]
        if r in ("r=E", "r=S", "r=O"):
            span = []
    return out


def read_samples(path: Path, drop: Sequence[str] = (), hide: float = 0.0) -> dict[str, Page]:
    """The samples of ``path`` by page, each sentence's tokens with their windowed features (less
    the base features that start with one of ``drop``: an experiment; with a ``hide`` share of the
    recognisers' mentions hidden, for training)."""
    rows: dict[str, dict[int, list[tuple[list[str], str, bool]]]] = {}
    sets: dict[str, str] = {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        sets[row["page"]] = row["set"]
        rows.setdefault(row["page"], {}).setdefault(int(row["sentence"]), []).append(
            ([f for f in row["features"].split() if not f.startswith(tuple(drop)) or not drop],
             row["label"], row["optional"] == "1"))
    pages: dict[str, Page] = {}
    rng = random.Random(SEED)
    for page, sentences in sorted(rows.items()):
        out = []
        for k in sorted(sentences):
            toks = sentences[k]
            base = [f for f, _, _ in toks]
            if hide:
                base = _hide(base, hide, rng)
            out.append([(name_tagger.window(base, n), y, opt) for n, (_, y, opt) in enumerate(toks)])
        pages[page] = (sets[page], out)
    return pages


def train(sentences: Sequence[Sentence], *, seed: int = SEED, epochs: int = EPOCHS) -> dict[str, float]:
    """The averaged perceptron's weights (``tag|feature``) fitted to ``sentences``; optional tokens
    (part of an optional gold name, or cut by a gold name's bound) teach nothing."""
    counts: dict[str, int] = {}
    for s in sentences:
        for feats, _, _ in s:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
    index: dict[str, int] = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    for prev in TAGS:
        index.setdefault(f"prev={prev}", len(index))
    shapes = sorted({f for f in counts if f.startswith("s=")})
    for prev in TAGS:
        for s_ in shapes:
            index.setdefault(f"prev={prev}&{s_}", len(index))
    data = [[([index[f] for f in feats if f in index], TAGS.index(y), opt,
              next((f for f in feats if f.startswith("s=")), "")) for feats, y, opt in s] for s in sentences]
    size = len(index) * 3
    w = [0.0] * size
    total = [0.0] * size  # the weights summed over every step, for the average
    stamp = [0] * size
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)

    def bump(i: int, delta: float) -> None:
        total[i] += (step - stamp[i]) * w[i]
        stamp[i] = step
        w[i] += delta

    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            prev = 2  # "O"
            for xs, y, opt, shp in data[k]:
                step += 1
                ids = [*xs, index[f"prev={TAGS[prev]}"]]
                pair = index.get(f"prev={TAGS[prev]}&{shp}")
                if pair is not None:
                    ids.append(pair)
                sc = [sum(w[i * 3 + t] for i in ids) for t in range(3)]
                allowed = [t for t in range(3) if not (t == 1 and prev == 2)]
                pred = max(allowed, key=lambda t: sc[t])
                if pred != y and not opt:
                    for i in ids:
                        bump(i * 3 + y, 1.0)
                        bump(i * 3 + pred, -1.0)
                prev = pred
    weights: dict[str, float] = {}
    for f, n in index.items():
        for t in range(3):
            i = n * 3 + t
            avg = (total[i] + (step - stamp[i]) * w[i]) / max(step, 1)
            if avg:
                weights[f"{TAGS[t]}|{f}"] = avg
    return weights


def _gold_spans(sentence: Sentence) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The gold names of a sentence (token indices) and the optional ones."""
    spans = name_tagger.spans_of([y for _, y, _ in sentence])
    optional = {s for s in spans if sentence[s[0]][2]}
    return set(spans) - optional, optional


def _rule_spans(sentence: Sentence) -> set[tuple[int, int]]:
    """The recognisers' mentions of a sentence, from the tokens' mention positions."""
    out, start = set(), None
    for n, (feats, _, _) in enumerate(sentence):
        r = next((f for f in feats[1:] if f.startswith("r=")), "r=O")[2:]
        if r == "S":
            out.add((n, n + 1))
        elif r == "B":
            start = n
        elif r == "E" and start is not None:
            out.add((start, n + 1))
            start = None
        elif r == "O":
            start = None
    return out


def _trim(sentence: Sentence, a: int, b: int) -> tuple[int, int]:
    punct = [any(f.startswith("s=p") for f in feats[1:3]) for feats, _, _ in sentence]
    while a < b and punct[a]:
        a += 1
    while b > a and punct[b - 1]:
        b -= 1
    return a, b


Counts = dict[str, list[int]]  # system -> [true, false, missed]


def _count(counts: Counts, key: str, found: set[tuple[int, int]], gold: set[tuple[int, int]],
           optional: set[tuple[int, int]]) -> None:
    c = counts.setdefault(key, [0, 0, 0])
    c[0] += len(found & gold)
    c[1] += len(found - gold - optional)
    c[2] += len(gold - found)


def evaluate(model: Model, sentences: Sequence[Sentence], counts: Counts) -> None:
    """Add the span counts of the recognisers, the tagger and their combinations on ``sentences``."""
    for s in sentences:
        gold, optional = _gold_spans(s)
        rules = _rule_spans(s)
        rows = [feats for feats, _, _ in s]
        labels = []
        prev = "O"
        for feats in rows:
            sc = model.scores(feats, prev)
            allowed = sorted((t for t in TAGS if not (t == "I" and prev == "O")), key=lambda t: -sc[t])
            labels.append((allowed[0], sc[allowed[0]] - sc[allowed[1]]))
            prev = allowed[0]
        tagged = []
        for a, b in name_tagger.spans_of([t for t, _ in labels]):
            ta, tb = _trim(s, a, b)
            if ta < tb:
                tagged.append((ta, tb, sum(m for _, m in labels[a:b]) / (b - a)))
        _count(counts, "a rules", rules, gold, optional)
        _count(counts, "b tagger", {(a, b) for a, b, _ in tagged}, gold, optional)
        same = rules & {(a, b) for a, b, _ in tagged}
        none = {(x, y) for x, y in rules if not any(x < b and a < y for a, b, _ in tagged)}
        _count(counts, "f the mentions the tagger finds alike", same, gold, optional)
        _count(counts, "g the mentions the tagger overlaps otherwise", rules - same - none, gold, optional)
        _count(counts, "h the mentions the tagger finds nothing in", none, gold, optional)
        for a, b, m in tagged:
            over = {(x, y) for x, y in rules if x < b and a < y}
            if len(over) == 1 and (a, b) not in over:
                band = "low" if m < 500 else "mid" if m < 1000 else "high"
                _count(counts, f"j  other bounds, margin {band}: the tagger's", {(a, b)}, gold, optional)
                _count(counts, f"j  other bounds, margin {band}: the mention's", over, gold, optional)
        for x, y in none:
            fam = next((f for f in s[x][0][1:] if f.startswith("f=")), "f=")
            _count(counts, f"i  nothing in, {fam[2:]}", {(x, y)}, gold, optional)
        for margin in MARGINS:
            new = {(a, b) for a, b, m in tagged if m >= margin and not any(x < b and a < y for x, y in rules)}
            _count(counts, f"c rules + new names, margin {margin:g}", rules | new, gold, optional)
            _count(counts, f"e the new names alone, margin {margin:g}", new, gold - rules, optional)
            # (d) where a confident tagger name overlaps a mention with other bounds, its bounds
            swapped = set(rules)
            for a, b, m in tagged:
                if m < margin:
                    continue
                over = {(x, y) for x, y in swapped if x < b and a < y and (x, y) != (a, b)}
                if len(over) == 1:
                    swapped -= over
                    swapped.add((a, b))
            _count(counts, f"d rules + new names + tagger bounds, margin {margin:g}", swapped | new, gold, optional)


def prf(c: Sequence[int]) -> tuple[float, float, float]:
    p = c[0] / (c[0] + c[1]) if c[0] + c[1] else 0.0
    r = c[0] / (c[0] + c[2]) if c[0] + c[2] else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(pages: dict[str, Page], taught: dict[str, Page]) -> Counts:
    """Each fold of :data:`FOLDS` held out in turn: the model trained on the other sets' ``taught``
    sentences tags the held-out ``pages``."""
    pooled: Counts = {}
    for held in FOLDS:
        trained = [s for n in sorted(taught) if taught[n][0] not in held for s in taught[n][1]]
        model = Model(train(trained), 0.0, "")
        counts: Counts = {}
        tested = [s for n in sorted(pages) if pages[n][0] in held for s in pages[n][1]]
        evaluate(model, tested, counts)
        print(f"held out {held[0]}..{held[-1]} ({sum(1 for p in pages.values() if p[0] in held)} pages):")
        _print(counts, short=True)
        for k, v in counts.items():
            pooled.setdefault(k, [0, 0, 0])
            for i in range(3):
                pooled[k][i] += v[i]
    print("pooled over the held-out sets:")
    _print(pooled, short=False)
    return pooled


def _print(counts: Counts, *, short: bool) -> None:
    for key in sorted(counts):
        if short and key.startswith(("c", "d", "e")) and not key.endswith((" 0", " 100", " 200", " 300")):
            continue
        p, r, f = prf(counts[key])
        print(f"  {key:<48} P {p:.3f} R {r:.3f} F {f:.3f}  ({counts[key][0]} right, {counts[key][1]} wrong, "
              f"{counts[key][2]} missed)")


def choose(pooled: Counts) -> float:
    """The lowest margin at which the recognisers' mentions with the tagger's new names reach a
    better F than the mentions alone; ``inf`` (no new names) when none does."""
    base = prf(pooled["a rules"])[2]
    better = [m for m in MARGINS if prf(pooled[f"c rules + new names, margin {m:g}"])[2] > base + 0.001]
    return min(better) if better else math.inf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights")
    parser.add_argument("--sets", nargs="+", help="train on these sets only (not the shipped model)")
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--drop", nargs="+", default=(), help="leave out the features starting so (an experiment)")
    parser.add_argument("--hide", type=float, default=HIDE, help="the share of mentions hidden in training")
    parser.add_argument("--margin", type=float, help="the threshold to write (else the cross-validation's)")
    args = parser.parse_args(argv)
    pages = read_samples(args.samples, args.drop)
    taught = read_samples(args.samples, args.drop, args.hide) if args.hide else pages
    if args.sets:
        pages = {n: p for n, p in pages.items() if p[0] in args.sets or p[0] == "synthetic"}
        taught = {n: p for n, p in taught.items() if p[0] in args.sets or p[0] == "synthetic"}
    chosen = args.margin
    if chosen is None or args.cv_only:
        pooled = cross_validate(pages, taught)
        chosen = choose(pooled) if chosen is None else chosen
        print(f"chosen margin for new names: {chosen:g}")
    if args.cv_only:
        return 0
    weights = train([s for n in sorted(taught) for s in taught[n][1]])
    real = sum(1 for p in pages.values() if p[0] != "synthetic")
    where = args.samples.relative_to(ROOT) if args.samples.is_relative_to(ROOT) else args.samples
    basis = (f"trained on the {sum(len(s) for p in pages.values() for s in p[1])} tokens of {len(pages)} pages "
             f"({real} real) in {where}, by bench/train_name_tagger.py (averaged perceptron, {EPOCHS} epochs, "
             f"seed {SEED}); "
             + (f"margin {chosen:g} for new names chosen by leave-sets-out cross-validation" if not math.isinf(chosen)
                else "no new names: at no margin did they raise the span F in leave-sets-out cross-validation"))
    text = name_tagger.write_model(Model(weights, chosen, basis))
    return write_or_check(args.out, text, check=args.check, differs="run make train-names",
                          wrote=f"{text.count(chr(10)) - 3} weights, margin {chosen:g}")


if __name__ == "__main__":
    sys.exit(main())
