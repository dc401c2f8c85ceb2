"""Train the actor filter (:mod:`resilience_kg.extract.recognise.actor_filter`) on the labelled samples.

The samples (``resilience_kg/extract/data/actor_filter_samples.csv``, written by
``bench/actor_filter_samples.py``) are the drafted actors of the readable annotated sets, each with
its features and whether the scorer matched it to a gold actor. The fit is deterministic (a fixed
seed), so the same samples give the same weights. Before writing, the pages are split into folds by
page (leave-pages-out) and the model of the other folds scores each held-out page: for every
threshold, how many false positives it sets aside and how many true actors it loses, on the real
pages and on all. The shipped threshold is the highest of the grid at which the cross-validation
loses at most ``MAX_LOSS`` of the true actors of the real pages (precision first, never much recall).

    python bench/train_actor_filter.py              # cross-validate, then write the shipped model
    python bench/train_actor_filter.py --cv-only    # cross-validate only
    python bench/train_actor_filter.py --check      # retrain; fail if the shipped weights differ
    make train-actors
"""

from __future__ import annotations

import argparse
import csv
import random
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
FOLDS = 6
EPOCHS = 30
RATE = 0.2
L2 = 0.03
MIN_COUNT = 8  # a feature value of fewer actors is an accident of a few pages
#: The share of the true actors of the real pages drafted unread the threshold may lose in the cross-validation.
MAX_LOSS = 0.01
#: The thresholds tried (every hundredth up to 0.5); the table prints every fifth and the chosen one.
THRESHOLDS = tuple(n / 100 for n in range(1, 51))
PRINTED = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)

Sample = tuple[list[str], int, bool, str]  # features, label, optional, part ("synthetic", "tuned", "unread")
#: The real sets the rules had not been tuned on when the samples were last written: their drafts by
#: this version, like the earlier versions' drafts of the other sets, show the errors of a new page.
UNTUNED = ("tune7", "tune8", "tune9")
#: The parts the cross-validation reports: the real pages the rules were tuned on, as this version
#: drafts them; the real pages as drafted before anyone tuned on them (the errors a new page shows);
#: both; and every page. The threshold is chosen on the second.
PARTS = ("tuned", "unread", "tuned and unread", "all")


def read_samples(path: Path) -> dict[str, list[Sample]]:
    """The samples of ``path`` by page."""
    pages: dict[str, list[Sample]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            feats = actor_filter.combine([f"{name}={row[name]}" for name in actor_filter.FEATURES])
            pages.setdefault(row["page"], []).append(
                (feats, int(row["label"]), row["optional"] == "1",
                 "synthetic" if row["set"] == "synthetic"
                 else "unread" if "@" in row["set"] or row["set"] in UNTUNED else "tuned"))
    return pages


def train(samples: Sequence[tuple[Sequence[str], int]], *, seed: int = SEED, threshold: float = 0.0) -> Model:
    """The model fitted to ``samples`` (features, label): :func:`linear_model.fit` with this
    script's settings, the classes weighted to balance (false positives are the rarer class, and
    the one the filter is for)."""
    return linear_model.fit(samples, epochs=EPOCHS, rate=RATE, l2=L2, min_count=MIN_COUNT, seed=seed,
                            threshold=threshold, balance=True)


Counts = dict[tuple[float, str], list[int]]  # (threshold, part) -> [true kept, true dropped, false dropped, false kept]


def _count(counts: Counts, model: Model, samples: Sequence[Sample]) -> None:
    for feats, y, optional, kind in samples:
        if optional:
            continue  # neither way in the scorer's precision or recall
        p = 1.0 if actor_filter.protected(feats) else model.probability(feats)
        parts = [p_ for p_ in PARTS if p_ == "all" or (kind != "synthetic" and kind in p_.split(" and "))]
        for threshold in THRESHOLDS:
            dropped = p < threshold
            for part in parts:
                c = counts.setdefault((threshold, part), [0, 0, 0, 0])
                c[(0 if y else 3) if not dropped else (1 if y else 2)] += 1


def choose(counts: Counts) -> float:
    """The highest threshold at which the real pages as drafted unread lose at most ``MAX_LOSS`` of
    their true actors."""
    ok = [t for t in THRESHOLDS if (c := counts[(t, "unread")])[1] <= MAX_LOSS * (c[0] + c[1])]
    return max(ok) if ok else 0.0


def _print(counts: Counts, chosen: float) -> None:
    for part in PARTS:
        if (THRESHOLDS[0], part) not in counts:
            continue
        base = counts[(THRESHOLDS[0], part)]
        true_n, false_n = base[0] + base[1], base[2] + base[3]
        print(f"  {part} pages: {true_n} true actors, {false_n} false positives; precision without the filter "
              f"{true_n / (true_n + false_n):.3f}")
        for t in THRESHOLDS:
            if t not in PRINTED and t != chosen:
                continue
            kept_t, lost, dropped_f, kept_f = counts[(t, part)]
            precision = kept_t / (kept_t + kept_f) if kept_t + kept_f else 0.0
            mark = "  <- shipped" if t == chosen else ""
            print(f"    below {t:.2f}: sets aside {dropped_f}/{false_n} false positives and {lost}/{true_n} "
                  f"true actors ({lost / true_n:.1%} of them); precision {precision:.3f}{mark}")


def cross_validate(pages: dict[str, list[Sample]]) -> Counts:
    names = sorted(pages)
    random.Random(SEED).shuffle(names)
    counts: Counts = {}
    for k in range(FOLDS):
        held = set(names[k::FOLDS])
        model = train([(f, y) for n in names if n not in held for f, y, _, _ in pages[n]])
        for n in sorted(held):
            _count(counts, model, pages[n])
    return counts


def leave_sets_out(pages: dict[str, list[Sample]], sets: dict[str, str], chosen: float) -> None:
    """Each real set held out whole (every page of one outlet mix and one annotator), the model of
    the others scoring its pages as drafted unread: a harder test than holding out pages."""
    print(f"leave-sets-out, the pages of each real set as drafted unread, below {chosen:.2f}:")
    for held in sorted(set(sets.values()) - {"synthetic"}):
        model = train([(f, y) for n in sorted(pages) if sets[n] != held for f, y, _, _ in pages[n]])
        counts: Counts = {}
        for n in sorted(pages):
            if sets[n] == held:
                _count(counts, model, pages[n])
        if (chosen, "unread") in counts:
            kept_t, lost, dropped_f, kept_f = counts[(chosen, "unread")]
            print(f"    {held:<6} sets aside {dropped_f}/{dropped_f + kept_f} false positives and "
                  f"{lost}/{kept_t + lost} true actors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights")
    args = parser.parse_args(argv)
    pages = read_samples(args.samples)
    with open(args.samples, encoding="utf-8", newline="") as fh:
        sets = {row["page"]: row["set"].split("@")[0] for row in csv.DictReader(fh)}
    counts = cross_validate(pages)
    chosen = choose(counts)
    real = sum(1 for s in pages.values() if s and s[0][3] != "synthetic")
    print(f"leave-pages-out cross-validation, {FOLDS} folds of {len(pages)} pages ({real} real), by threshold:")
    _print(counts, chosen)
    leave_sets_out(pages, sets, chosen)
    if args.cv_only:
        return 0
    model = train([(f, y) for n in sorted(pages) for f, y, _, _ in pages[n]], threshold=chosen)
    where = args.samples.relative_to(ROOT) if args.samples.is_relative_to(ROOT) else args.samples
    basis = (f"trained on the {sum(map(len, pages.values()))} drafted actors of {len(pages)} pages ({real} real) "
             f"in {where}, by bench/train_actor_filter.py (seed {SEED}); threshold {chosen:.2f} chosen by "
             f"leave-pages-out cross-validation (at most {MAX_LOSS:.0%} of the true actors of the real "
             f"pages drafted unread lost)")
    text = actor_filter.write_model(Model(model.bias, model.weights, model.threshold, basis))
    return write_or_check(TARGET, text, check=args.check, differs="run make train-actors",
                          wrote=f"{len(model.weights)} features, threshold {chosen:.2f}")


if __name__ == "__main__":
    sys.exit(main())
