"""Write the labelled sentences of the real pages the issue reader learns from, as numbers.

The issue reader (:mod:`resilience_kg.extract.recognise.issue_model`) reads each sentence or list
item through its words and the rules' cues. The real pages annotated for the project
(``/work/realset/tune*``) are third-party texts: they stay outside the repository. What ships is,
for each of their sentences, whether a gold issue, solution or commitment lies in it and its
features, each feature as a number: the first 12 hex digits of the SHA-256 of its name, and only
for a feature of the project's own vocabulary (:func:`vocabulary`): a word or word pair the tuned
synthetic reports (``tests/extract_devset``) hold, a word of the rules tables, or a feature that
holds no word (a cue's kind, a list's kind, the length). A word only a real page holds never
enters the table, not even as a number. The trainer (``bench/train_issue_model.py``) names the
numbers back from the same vocabulary.

    python bench/issue_model_samples.py               # the readable real sets, into the shipped CSV
    python bench/issue_model_samples.py --check       # fail if the shipped CSV differs
    python bench/issue_model_samples.py --folder DIR  # other annotated folders

Frozen sets (``tests/extract_frozen``, ``frozen*``) are refused: nobody trains on them.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import io
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from shipped_tables import keep_absent_sets, real_folders, write_or_check  # noqa: E402

from resilience_kg.extract.recognise import issue_model  # noqa: E402
from resilience_kg.extract.recognise.enumerations import find_items  # noqa: E402
from resilience_kg.extract.score import GoldReport, load_devset, plain_text  # noqa: E402

TARGET = ROOT / "resilience_kg" / "extract" / "data" / "issue_model_samples.csv"
DEVSET = ROOT / "tests" / "extract_devset"
RULES = ROOT / "resilience_kg" / "extract" / "rules"
FOLDERS = tuple(real_folders())
CLASSES = ("issue", "solution", "commitment")
COLUMNS = ("page", "set", *CLASSES, "alone", "features")
#: Columns of the rules tables that hold prose about a row, not its words.
_PROSE = frozenset({"basis", "note", "notes", "description", "source", "comment"})


def feature_id(name: str) -> str:
    """The number a feature ships as: 12 hex digits of the SHA-256 of its name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def page_id(set_name: str, report: str) -> str:
    """A stable id of a page that names no word of it."""
    return hashlib.sha256(f"{set_name}/{report}".encode()).hexdigest()[:12]


def spans(text: str, surfaces: Iterable[str]) -> list[tuple[int, int]]:
    """Where each gold surface stands in ``text`` (a surface not found verbatim is left out)."""
    out = []
    for surface in surfaces:
        at = text.find(surface)
        if at >= 0:
            out.append((at, at + len(surface)))
    return out


def labelled(gold: GoldReport) -> list[tuple[list[str], dict[str, int], bool]]:
    """The units of one report: their features, a label per class (a gold statement of that class
    lies in the unit), and whether the rules' list items leave the unit alone."""
    text = plain_text(gold)
    golds = {"issue": spans(text, (i.surface for i in gold.issues)),
             "solution": spans(text, (s.surface for s in gold.solutions)),
             "commitment": spans(text, (c.surface for c in gold.commitments))}
    ruled = [(min(i.start, i.intro_start), i.end) for i in find_items(text)]
    out = []
    for unit, feats in issue_model.unit_features(text):
        alone = not any(unit.start < e and s < unit.end for s, e in ruled)
        labels = {k: issue_model.label(unit, v) for k, v in golds.items()}
        out.append((feats, labels, alone))
    return out


def _table_words() -> set[str]:
    words: set[str] = set()
    for path in sorted(RULES.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for column, value in row.items():
                    if column and column.lower() not in _PROSE and value:
                        words.update(issue_model.tokens(value))
    return words


@functools.cache
def vocabulary() -> frozenset[str]:
    """The features the project owns: every feature of a sentence of the tuned synthetic reports,
    and the words and word pairs of the rules tables. Features that name no word (``cue=``,
    ``under=``, the length, ...) are owned whatever their value, as the rules tables give them."""
    owned: set[str] = set()
    for gold in load_devset(DEVSET):
        text = plain_text(gold)
        for _, feats in issue_model.unit_features(text):
            owned.update(feats)
    owned.update(f"w={w}" for w in _table_words())
    return frozenset(owned)


@functools.cache
def names() -> dict[str, str]:
    """Each feature number of the shipped samples, named: the owned vocabulary and the features
    that hold no word (the kinds and shapes of the cue rows, the kinds of lists, the context)."""
    from resilience_kg.extract.recognise.issues import cue_rows
    from resilience_kg.extract.recognise.rules import table

    wordless = {"pillar-cue", "len<8", "len<16", "len<32", "len>=32", "capital-start", "marked", "ends-colon",
                "under=Other", "acronym", "quoted", *(f"group={g}" for g in issue_model._groups().groupindex),
                *issue_model.CONTEXT_FEATURES}
    wordless |= {f"cue={r['kind']}:{r['shape']}" for r in cue_rows()}
    wordless |= {f"under={r['kind']}" for r in table("list_kinds")}
    return {feature_id(f): f for f in sorted(vocabulary() | wordless)}


def owned(feature: str) -> bool:
    """Is ``feature`` of the project's vocabulary (a word feature only if a project's text holds it)?"""
    return not feature.startswith(("w=", "b=")) or feature in vocabulary()


def rows(folders: Iterable[Path]) -> list[dict[str, str]]:
    out = []
    for folder in folders:
        if "frozen" in folder.name:
            raise SystemExit(f"{folder}: a frozen set; the issue reader never learns from one")
        if not (folder / "OPEN").exists() and folder.name not in ("tune", "tune2", "tune3"):
            continue  # not opened yet: measured unread first
        for gold in load_devset(folder):
            for feats, labels, alone in labelled(gold):
                ids = sorted({feature_id(f) for f in feats if owned(f)})
                out.append({"page": page_id(folder.name, gold.name), "set": folder.name,
                            **{k: str(labels[k]) for k in CLASSES}, "alone": str(int(alone)),
                            "features": " ".join(ids)})
    return out


def samples_text(folders: Iterable[Path]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(folders))
    return out.getvalue()


def read_samples(path: Path = TARGET) -> list[dict[str, str]]:
    """The shipped rows (``features``: feature numbers, space-separated)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--check", action="store_true", help="fail if the shipped samples differ")
    args = parser.parse_args(argv)
    text = samples_text(args.folder or [f for f in FOLDERS if f.is_dir()])
    if not args.folder:
        text = keep_absent_sets(text, TARGET)
    return write_or_check(args.out, text, check=args.check, wrote=f"{text.count(chr(10)) - 1} sentences")


if __name__ == "__main__":
    sys.exit(main())
