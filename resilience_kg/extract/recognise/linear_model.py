"""A logistic regression over named features, the one model the extraction learns: the issue reader
(:mod:`.issue_model`) and the actor filter (:mod:`.actor_filter`) both read one, from a CSV table
of ``feature,weight,basis`` rows whose first two rows are ``_bias`` and ``_threshold``.

>>> model = LinearModel(0.0, {"head=Dinas": 2.0}, 0.5, "example")
>>> round(model.probability(["head=Dinas"]), 3)
0.881
>>> parse(dump(model, threshold_note="example")) == model
True
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: AdaGrad's starting sum of squared steps: keeps the first step finite.
_START = 1e-8


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression: its bias, its weights by feature name, the probability its reader
    compares with (what it means is the reader's) and the basis of its training."""

    bias: float
    weights: dict[str, float]
    threshold: float
    basis: str

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def parse(text: str) -> LinearModel:
    """A model from the text of its table; the ``_bias`` row first, then the ``_threshold`` row."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if len(rows) < 2 or rows[0].get("feature") != "_bias" or rows[1].get("feature") != "_threshold":
        raise ValueError("a model table starts with its _bias row, then its _threshold row")
    weights = {r["feature"]: float(r["weight"]) for r in rows[2:]}
    return LinearModel(float(rows[0]["weight"]), weights, float(rows[1]["weight"]), rows[0].get("basis") or "")


def dump(model: LinearModel, *, threshold_note: str) -> str:
    """The table of ``model``: bias and threshold (with what the threshold means) first, then one
    row a feature by name; weights that round to zero are left out."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("feature", "weight", "basis"))
    writer.writerow(("_bias", f"{model.bias:.4f}", model.basis))
    writer.writerow(("_threshold", f"{model.threshold:.2f}", threshold_note))
    for name in sorted(model.weights):
        if round(model.weights[name], 4):
            writer.writerow((name, f"{model.weights[name]:.4f}", ""))
    return out.getvalue()


def fit(samples: Sequence[tuple[Sequence[str], int]], *, epochs: int, rate: float, l2: float, min_count: int,
        seed: int, threshold: float = 0.0, balance: bool = False) -> LinearModel:
    """A logistic regression fitted to ``samples`` (features, label) by stochastic gradient descent
    with per-feature step sizes (AdaGrad) and an L2 penalty. The order of the samples in each epoch
    is shuffled with ``seed``, so the same samples give the same weights. Features of fewer than
    ``min_count`` samples are left out. ``balance`` weights the negative class by the ratio of the
    classes (when negatives are the rarer class the model is for)."""
    counts: dict[str, int] = {}
    for feats, _ in samples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: n for n, f in enumerate(kept)}
    rows = [(sorted({index[f] for f in feats if f in index}), y) for feats, y in samples]
    positives = sum(y for _, y in rows)
    negatives = len(rows) - positives
    weight = {1: 1.0, 0: positives / negatives if balance and negatives else 1.0}
    w = [0.0] * len(kept)
    g2 = [_START] * len(kept)
    bias, b2 = 0.0, _START
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            xs, y = rows[n]
            z = bias + sum(w[i] for i in xs)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad = (p - y) * weight[y]
            b2 += grad * grad
            bias -= rate * grad / math.sqrt(b2)
            for i in xs:
                gi = grad + l2 * w[i]
                g2[i] += gi * gi
                w[i] -= rate * gi / math.sqrt(g2[i])
    return LinearModel(bias, {f: w[i] for f, i in index.items()}, threshold, "")
