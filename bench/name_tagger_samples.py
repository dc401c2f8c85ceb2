"""Write the labelled token rows of the name tagger (:mod:`resilience_kg.extract.recognise.name_tagger`).

Each annotated report of the given folders is read as ``resilience-kg extract`` reads it (its text,
its sentences, the recognisers' mentions), and every token becomes one row: the page's hash, the
set, the sentence's number, the gold label (``B``/``I``/``O``), whether the token is part of an
optional gold actor's name, and the token's features (shapes, positions, the project's vocabulary
words: never a word of a page outside that vocabulary). The gold names are every exact occurrence,
on word bounds, of each gold actor's ``surface``, ``name`` and ``aliases`` in the text, longest
first, without overlaps. The table is gzipped (no time stamp, so the same rows give the same
bytes), so it can ship while the pages (third-party texts) stay outside the repository.

    python bench/name_tagger_samples.py                    # the default folders, into the shipped file
    python bench/name_tagger_samples.py --folder DIR ...   # other annotated folders
    python bench/name_tagger_samples.py --check            # fail if the shipped file differs

Frozen sets (``tests/extract_frozen``, ``frozen*``) are refused: nobody trains on them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from actor_filter_samples import FOLDERS, page_id, readable, set_name  # noqa: E402
from helpers.devset_formats import materialise  # noqa: E402
from shipped_tables import keep_absent_sets, samples_parser, write_or_check  # noqa: E402

from resilience_kg.extract.recognise import name_tagger  # noqa: E402
from resilience_kg.extract.score import GoldReport, load_devset  # noqa: E402

TARGET = ROOT / "resilience_kg" / "extract" / "data" / "name_tagger_samples.csv.gz"
COLUMNS = ("page", "set", "sentence", "label", "optional", "features")


def gold_spans(text: str, gold: GoldReport) -> list[tuple[int, int, bool]]:
    """Every exact occurrence (on word bounds) of a gold actor's surface, name or alias, longest
    first, none overlapping one taken before; with whether that actor is optional."""
    forms: dict[str, bool] = {}
    for actor in gold.actors:
        for form in (actor.surface, actor.name, *actor.aliases):
            form = (form or "").strip()
            if len(form) > 1:
                forms[form] = forms.get(form, True) and actor.optional
    taken: list[tuple[int, int, bool]] = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        for m in re.finditer(r"(?<![\w])" + re.escape(form) + r"(?![\w])", text):
            if not any(a < m.end() and m.start() < b for a, b, _ in taken):
                taken.append((m.start(), m.end(), forms[form]))
    return sorted(taken)


def rows_of(gold: GoldReport, set_: str, work: Path) -> list[tuple[str, ...]]:
    """The labelled token rows of one report."""
    from resilience_kg.extract.components import Context, Document
    from resilience_kg.extract.components.spans import recognised
    from resilience_kg.extract.gazetteer import load_gazetteer
    from resilience_kg.extract.readers import read_source

    source = read_source(materialise(gold.source, gold.format, work / gold.name))
    published = dt.date.fromisoformat(gold.publication_date) if gold.publication_date else None
    gazetteer = load_gazetteer()
    doc = Document(source.text, Context(source_id="s", lang="auto", published=published, gazetteer=gazetteer))
    mentions = recognised(doc)
    spans = gold_spans(doc.text, gold)
    page = page_id(set_, gold.name)
    rows = []
    for k, s in enumerate(doc.sentences):
        toks = name_tagger.tokens(doc.text, s.start, s.end)
        if not toks:
            continue
        inside = [m for m in mentions if m.start < s.end and m.end > s.start]
        feats = name_tagger.token_features(doc.text, toks, s.start, inside, gazetteer)
        for t, f in zip(toks, feats, strict=True):
            label, optional = "O", "0"
            for a, b, opt in spans:
                if a <= t.start and t.end <= b:
                    label, optional = ("B" if t.start == a or not doc.text[a:t.start].strip() else "I"), str(int(opt))
                    break
                if a < t.end and t.start < b:  # a token cut by a gold name's bound: never a name's start
                    optional = "1"
            rows.append((page, set_, str(k), label, optional, " ".join(f)))
    return rows


def build(folders: list[Path]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    with tempfile.TemporaryDirectory(prefix="name-tagger-") as tmp:
        for folder in folders:
            if "frozen" in folder.name:
                raise SystemExit(f"{folder}: a frozen set; the name tagger never learns from one")
            for gold in load_devset(folder):
                writer.writerows(rows_of(gold, set_name(folder), Path(tmp)))
            print(f"  {set_name(folder)}", file=sys.stderr)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = samples_parser(__doc__, TARGET).parse_args(argv)
    folders = args.folder or [f for f in FOLDERS if readable(f)]
    text = build(folders)
    if not args.folder:
        text = keep_absent_sets(text, TARGET)
    return write_or_check(args.out, text, check=args.check, differs="run bench/name_tagger_samples.py",
                          wrote=f"{text.count(chr(10)) - 1} tokens of {len(folders)} folder(s)")


if __name__ == "__main__":
    sys.exit(main())
