"""Train the actor filter (:mod:`resilience_kg.extract.recognise.actor_filter`) on the labelled samples.

The samples (``resilience_kg/extract/data/actor_filter_samples.csv``, written by
``bench/actor_filter_samples.py``) are the drafted actors of the readable annotated sets, each with
its features, whether the scorer matched it to a gold actor, and the page's count of required gold
actors. The fit is deterministic (a fixed seed), so the same samples give the same weights.

The threshold and the L2 penalty are chosen by leave-sets-out cross-validation: the real sets are
held out in blocks of three (whole sets, every version's drafts of their pages together, never pages
of one set on both sides), the model of the other sets (and the synthetic part) scores each held-out
actor, and the pair kept is the one whose kept actors score the best F1 against the gold of the
pages as drafted unread (this version's drafts of the sets nobody tuned on, and every earlier
version's drafts). The script prints, per held-out block, precision and recall of the kept actors
against the gold before and after the filter and how many actors it sets aside, right and wrong.

    python bench/train_actor_filter.py              # cross-validate, then write the shipped model
    python bench/train_actor_filter.py --cv-only    # cross-validate only
    python bench/train_actor_filter.py --check      # retrain; fail if the shipped weights differ
    make train-actors
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from shipped_tables import write_or_check  # noqa: E402

from resilience_kg.extract.recognise import actor_filter, linear_model  # noqa: E402
from resilience_kg.extract.recognise.actor_filter import Model  # noqa: E402

SAMPLES = ROOT / "resilience_kg" / "extract" / "data" / "actor_filter_samples.csv"
TARGET = ROOT / "resilience_kg" / "extract" / actor_filter.MODEL_FILE
SEED = 0
EPOCHS = 30
RATE = 0.2
#: The L2 penalties tried; the cross-validation keeps one.
L2S = (0.01, 0.03, 0.1)
MIN_COUNT = 8  # a feature value of fewer actors is an accident of a few pages
#: The thresholds tried (every hundredth up to 0.5); the table prints a few and the chosen one.
THRESHOLDS = tuple(n / 100 for n in range(1, 51))
PRINTED = (0.05, 0.1, 0.15, 0.2, 0.3)
#: The real sets the current version's rules were not tuned on when the samples were written: its
#: drafts of them, like the earlier versions' drafts of the other sets, show the errors of a new page.
UNTUNED = tuple(f"tune{n}" for n in range(10, 31))
#: The blocks of real sets held out together, by the sets' numbers ("tune" is 1).
BLOCK = 3

Sample = tuple[list[str], int, bool, str]  # features, label, optional, part ("synthetic", "tuned", "unread")


def _number(set_name: str) -> int:
    digits = re.sub(r"\D", "", set_name.split("@")[0])
    return int(digits) if digits else 1


def block_of(set_name: str) -> str:
    """The held-out block of a set's rows: ``synthetic``, or the real sets numbered alike by
    :data:`BLOCK` ("tune4-6"), whichever version drafted them."""
    if set_name == "synthetic":
        return "synthetic"
    lo = (_number(set_name) - 1) // BLOCK * BLOCK + 1
    return f"tune{lo}-{lo + BLOCK - 1}"


def unit(row: dict[str, str]) -> str:
    """One page as one version drafted it: the unit the scorer's figures sum over."""
    return f"{row['set']}/{row['page']}"


def read_samples(path: Path) -> dict[str, list[Sample]]:
    """The samples of ``path`` by page as one version drafted it (:func:`unit`)."""
    pages: dict[str, list[Sample]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            feats = actor_filter.combine([f"{name}={row[name]}" for name in actor_filter.FEATURES])
            pages.setdefault(unit(row), []).append(
                (feats, int(row["label"]), row["optional"] == "1",
                 "synthetic" if row["set"] == "synthetic"
                 else "unread" if "@" in row["set"] or row["set"] in UNTUNED else "tuned"))
    return pages


def read_gold(path: Path) -> dict[str, int]:
    """The required gold actors of each page as one version drafted it."""
    with open(path, encoding="utf-8", newline="") as fh:
        return {unit(row): int(row["gold"]) for row in csv.DictReader(fh)}


def train(samples: Sequence[tuple[Sequence[str], int]], *, seed: int = SEED, threshold: float = 0.0,
          l2: float = L2S[1]) -> Model:
    """The model fitted to ``samples`` (features, label): :func:`linear_model.fit` with this
    script's settings, the classes weighted to balance (false positives are the rarer class, and
    the one the filter is for)."""
    return linear_model.fit(samples, epochs=EPOCHS, rate=RATE, l2=l2, min_count=MIN_COUNT, seed=seed,
                            threshold=threshold, balance=True)


class Tally:
    """Kept and set-aside actors of some pages against their gold: ``true kept``, ``true dropped``
    (true actors set aside: wrong), ``false dropped`` (right), ``false kept``, and ``gold``."""

    def __init__(self) -> None:
        self.c = [0, 0, 0, 0]
        self.gold = 0

    def add(self, y: int, dropped: bool) -> None:
        self.c[(0 if y else 3) if not dropped else (1 if y else 2)] += 1

    def precision(self, *, before: bool = False) -> float:
        kept_t, lost, dropped_f, kept_f = self.c
        t, f = (kept_t + lost, kept_f + dropped_f) if before else (kept_t, kept_f)
        return t / (t + f) if t + f else 0.0

    def recall(self, *, before: bool = False) -> float:
        kept_t, lost, _, _ = self.c
        return (kept_t + lost if before else kept_t) / self.gold if self.gold else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


Scored = dict[str, list[tuple[float, int, bool, str]]]  # unit -> (probability, label, optional, part)


def held_out_scores(pages: dict[str, list[Sample]], blocks: dict[str, str], l2: float) -> Scored:
    """Each real page's actors scored by the model of the other blocks (protected actors score 1)."""
    out: Scored = {}
    for held in sorted(set(blocks.values()) - {"synthetic"}):
        model = train([(f, y) for n in sorted(pages) if blocks[n] != held for f, y, _, _ in pages[n]], l2=l2)
        for n in sorted(pages):
            if blocks[n] == held:
                out[n] = [(1.0 if actor_filter.protected(f) else model.probability(f), y, opt, part)
                          for f, y, opt, part in pages[n]]
    return out


def tally(scored: Scored, gold: dict[str, int], threshold: float, units: Sequence[str], part: str) -> Tally:
    """The kept and set-aside actors of ``units`` below ``threshold``, those of ``part`` ("unread",
    "tuned", or "real" for both)."""
    t = Tally()
    for n in units:
        rows = [r for r in scored[n] if part == "real" or r[3] == part]
        if not rows:
            continue
        t.gold += gold.get(n, 0)
        for p, y, optional, _ in rows:
            if not optional:  # neither way in the scorer's precision or recall
                t.add(y, p < threshold)
    return t


def choose(scored: dict[float, Scored], gold: dict[str, int]) -> tuple[float, float]:
    """The L2 penalty and threshold whose kept actors of the pages drafted unread score the best F1
    against their gold in the leave-sets-out cross-validation (the lower threshold on a tie)."""
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for l2, by_unit in scored.items():
        units = sorted(by_unit)
        for t in THRESHOLDS:
            f1 = round(tally(by_unit, gold, t, units, "unread").f1(), 6)
            if f1 > best[0]:
                best = (f1, l2, t)
    return best[1], best[2]


def report(scored: dict[float, Scored], gold: dict[str, int], blocks: dict[str, str], l2: float,
           chosen: float) -> None:
    by_unit = scored[l2]
    units = sorted(by_unit)
    print(f"leave-sets-out cross-validation, real sets held out in blocks of {BLOCK}: F1 of the kept actors "
          "of the pages drafted unread, by L2 penalty and threshold")
    for penalty, s in scored.items():
        cells = "  ".join(f"{t:.2f}:{tally(s, gold, t, sorted(s), 'unread').f1():.3f}" for t in PRINTED)
        print(f"    L2 {penalty:<5} no filter {tally(s, gold, 0.0, sorted(s), 'unread').f1():.3f}  {cells}")
    print(f"chosen: L2 {l2}, threshold {chosen:.2f}")
    for part in ("unread", "tuned"):
        print(f"  {part} drafts, per held-out block (P R before -> after; set aside: false positives right, "
              "true actors wrong):")
        for held in [*sorted(set(blocks.values()) - {"synthetic"}, key=lambda b: _number(b.split('-')[0])), "all"]:
            chosen_units = units if held == "all" else [n for n in units if blocks[n] == held]
            t = tally(by_unit, gold, chosen, chosen_units, part)
            if not sum(t.c):
                continue
            print(f"    {held:<10} P {t.precision(before=True):.3f} -> {t.precision():.3f}  "
                  f"R {t.recall(before=True):.3f} -> {t.recall():.3f}  set aside {t.c[2]}/{t.c[2] + t.c[3]} "
                  f"false positives, {t.c[1]}/{t.c[0] + t.c[1]} true actors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights")
    args = parser.parse_args(argv)
    pages = read_samples(args.samples)
    gold = read_gold(args.samples)
    blocks = {n: block_of(n.split("/")[0]) for n in pages}
    scored = {l2: held_out_scores(pages, blocks, l2) for l2 in L2S}
    l2, chosen = choose(scored, gold)
    report(scored, gold, blocks, l2, chosen)
    if args.cv_only:
        return 0
    model = train([(f, y) for n in sorted(pages) for f, y, _, _ in pages[n]], threshold=chosen, l2=l2)
    where = args.samples.relative_to(ROOT) if args.samples.is_relative_to(ROOT) else args.samples
    real = sum(1 for n in pages if blocks[n] != "synthetic")
    basis = (f"trained on the {sum(map(len, pages.values()))} drafted actors of {len(pages)} drafted pages "
             f"({real} real) in {where}, by bench/train_actor_filter.py (seed {SEED}, L2 {l2}); threshold "
             f"{chosen:.2f} and L2 chosen by leave-sets-out cross-validation (real sets held out in blocks of "
             f"{BLOCK}: the best F1 of the kept actors against the gold of the pages drafted unread)")
    text = actor_filter.write_model(Model(model.bias, model.weights, model.threshold, basis))
    return write_or_check(TARGET, text, check=args.check, differs="run make train-actors",
                          wrote=f"{len(model.weights)} features, L2 {l2}, threshold {chosen:.2f}")


if __name__ == "__main__":
    sys.exit(main())
