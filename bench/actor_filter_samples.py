"""Write the labelled samples of the actor filter (:mod:`resilience_kg.extract.recognise.actor_filter`).

Each annotated report of the given folders is extracted as ``resilience-kg extract`` does (the
pipeline without the filter), and every drafted actor becomes one row: its features and whether
the scorer (:mod:`resilience_kg.extract.score`) matches it to a gold actor. ``label`` is 1 when its
node matches a gold actor (``optional`` 1 when that gold actor is optional: a venue, a unit known
only through a post), 0 when the actor is a false positive; an actor whose node matches only
optional gold actors without being chosen is labelled ``optional`` 1 and ``label`` 1 too (it is
no false positive). The rows hold feature values and a hash of the page, never a word of a page,
so the table can ship while the pages (third-party texts) stay outside the repository.

    python bench/actor_filter_samples.py                    # the default folders, into the shipped CSV
    python bench/actor_filter_samples.py --folder DIR ...   # other annotated folders
    python bench/actor_filter_samples.py --check            # fail if the shipped CSV differs

The shipped samples also hold the drafts of earlier versions of the extraction (``AT``: commits
from before the real sets were tuned on), on the same pages: a page the rules were tuned on has
lost most of its false positives, and the errors an earlier version made on it, unread, are the
kind a new page shows. Each such row's ``set`` names the commit (``tune4@7fc41a9``); the page id is
the same, so the cross-validation holds a page's rows of every version out together.

Frozen sets (``tests/extract_frozen``, ``frozen*``) are refused: nobody trains on them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from helpers.devset_formats import materialise  # noqa: E402
from shipped_tables import REAL, keep_absent_sets, real_folders, samples_parser, write_or_check  # noqa: E402

from resilience_kg.extract.components import PIPELINE, Component, Context, Document, run  # noqa: E402
from resilience_kg.extract.draft import IdMaker, slug  # noqa: E402
from resilience_kg.extract.recognise import actor_filter  # noqa: E402
from resilience_kg.extract.score import Extracted, GoldReport, actor_matches, load_devset, read_extracted  # noqa: E402

TARGET = ROOT / "resilience_kg" / "extract" / "data" / "actor_filter_samples.csv"
#: The readable annotated folders: the tuned synthetic part and the real pages tuned on.
FOLDERS = (ROOT / "tests" / "extract_devset", *real_folders())
#: ``gold``: the page's required gold actors (the scorer's recall counts against them).
COLUMNS = ("page", "set", "label", "optional", "gold", *actor_filter.FEATURES)
#: Earlier versions of the extraction and the real sets each ran on unread: 8b039ce is main before
#: the fourth round (tune3 and up unread), 7fc41a9 main before the fifth (tune3 to tune6 unread),
#: a8063d0 main before the seventh (tune7 to tune21 unread: annotated in or read after the sixth).
AT = {"8b039ce": ("tune3", "tune4", "tune5", "tune6"), "7fc41a9": ("tune3", "tune4", "tune5", "tune6"),
      "a8063d0": tuple(f"tune{n}" for n in range(7, 22))}
#: The files of this version an earlier one runs with: the features and the scorer's matching.
CARRIED = ("resilience_kg/extract/recognise/actor_filter.py", "resilience_kg/extract/recognise/linear_model.py",
           "resilience_kg/extract/recognise/name_tagger.py", "resilience_kg/extract/data/name_tagger.csv",
           "resilience_kg/extract/score.py", "bench/actor_filter_samples.py", "bench/shipped_tables.py")


def page_id(set_name: str, report: str) -> str:
    """A stable id of a page that names no word of it."""
    return hashlib.sha256(f"{set_name}/{report}".encode()).hexdigest()[:12]


def set_name(folder: Path) -> str:
    return "synthetic" if folder.name == "extract_devset" else folder.name


def _refuse_frozen(folder: Path) -> None:
    if "frozen" in folder.name:
        raise SystemExit(f"{folder}: a frozen set; the actor filter never learns from one")


def readable(folder: Path) -> bool:
    """A real set annotated after the first three is read only once it is opened (its ``OPEN`` file)."""
    return folder.is_dir() and (folder.parent != REAL or folder.name in ("tune", "tune2", "tune3")
                                or (folder / "OPEN").exists())


def drafted(gold: GoldReport, work: Path, pipeline: Sequence[Component]) -> tuple[Document, Extracted]:
    """One annotated report run through ``pipeline`` as ``resilience-kg extract`` runs it (the
    bundled data and gazetteer known), and its drafted elements as the scorer reads them."""
    from resilience_kg.extract.gazetteer import load_gazetteer
    from resilience_kg.extract.merge import to_csv
    from resilience_kg.extract.pipeline import _known_actors
    from resilience_kg.extract.readers import read_source

    source = read_source(materialise(gold.source, gold.format, work / "in" / gold.name))
    gazetteer = load_gazetteer()
    known, known_ids = _known_actors([], bundled=True)
    sid = slug(source.path.stem)
    ids = IdMaker(known_ids | {e.id for e in gazetteer.entries}, sid)
    published = dt.date.fromisoformat(gold.publication_date) if gold.publication_date else None
    context = Context(source_id=sid, lang="auto", published=published, gazetteer=gazetteer, known=known, ids=ids)
    doc = run(Document(source.text, context), list(pipeline))
    out = work / "out" / gold.name
    out.mkdir(parents=True, exist_ok=True)
    header = list(doc.draft.elements[0]) if doc.draft.elements else ["id"]
    (out / "elements.csv").write_bytes(to_csv(header, doc.draft.elements))
    return doc, read_extracted(out)


def rows_of(gold: GoldReport, set_: str, work: Path) -> list[dict[str, str]]:
    """The labelled feature rows of one report's drafted actors."""
    doc, extracted = drafted(gold, work, [c for c in PIPELINE if c.name != "actor-filter"])
    gazetteer = doc.context.gazetteer
    candidates, matching = actor_matches(gold, extracted)
    node_of = {r["id"]: r.get("same_as") or r["id"] for r in doc.draft.elements}
    from resilience_kg.extract.recognise import name_tagger

    names = name_tagger.names(doc.text, doc.sentences, doc.mentions, gazetteer)
    rows = []
    for actor in doc.actors:
        node = node_of.get(actor.id, actor.id)
        if node in matching:
            label, optional = 1, int(gold.actors[matching[node]].optional)
        elif candidates.get(node) and all(gold.actors[i].optional for i in candidates[node]):
            label, optional = 1, 1
        else:
            label, optional = 0, 0
        feats = actor_filter.features(actor, others=doc.actors, text=doc.text, clauses=doc.clauses,
                                      language=doc.language, gazetteer=gazetteer, names=names)
        row = {"page": page_id(set_.split("@")[0], gold.name), "set": set_, "label": str(label),
               "optional": str(optional), "gold": str(sum(1 for a in gold.actors if not a.optional))}
        row.update(f.split("=", 1) for f in feats)  # type: ignore[arg-type]
        rows.append(row)
    return rows


def samples_at(rev: str, folders: list[Path]) -> str:
    """The samples of ``folders`` (without the header) drafted by the extraction of commit ``rev``:
    its tree is exported into a temporary folder (``git archive``), this version's features and
    scorer are copied in, and this script runs there."""
    import shutil
    import subprocess

    with tempfile.TemporaryDirectory(prefix="actor-filter-at-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        for rel in CARRIED:
            shutil.copy2(ROOT / rel, tree / rel)
        carry_vocabulary(tree)
        out = Path(tmp) / "samples.csv"
        cmd = [sys.executable, str(tree / "bench" / "actor_filter_samples.py"), "--tag", rev, "--out", str(out),
               "--no-earlier", "--rules-from", str(ROOT / "resilience_kg" / "extract" / "rules"),
               *(x for f in folders for x in ("--folder", str(f)))]
        subprocess.run(cmd, check=True, cwd=tree)
        return out.read_text(encoding="utf-8").split("\n", 1)[1]


VOCABULARY = "resilience_kg/extract/recognise/actors/vocabulary.py"


def carry_vocabulary(tree: Path) -> None:
    """Append this version's name vocabulary (:func:`.vocabulary.name_vocabulary`, which the features
    read) to an earlier tree's vocabulary module, whose recognisers keep what they had."""
    import ast

    source = (ROOT / VOCABULARY).read_text(encoding="utf-8")
    target = tree / VOCABULARY
    old = target.read_text(encoding="utf-8")
    if "def name_vocabulary(" in old:
        return
    lines = source.splitlines(keepends=True)
    func = next(n for n in ast.parse(source).body
                if isinstance(n, ast.FunctionDef) and n.name == "name_vocabulary")
    first = next(i for i, line in enumerate(lines) if line.startswith("NAME_WORD ="))
    while first > 0 and lines[first - 1].startswith("#:"):
        first -= 1
    target.write_text(old + "\n\n" + "".join(lines[first:func.end_lineno]), encoding="utf-8")


def read_rules_from(folder: Path) -> None:
    """Let the features read their word lists from ``folder`` (this version's rules tables) while
    an earlier version drafts: the same name then gives the same features whichever version found it."""
    import functools

    @functools.cache
    def table(name: str) -> tuple[dict[str, str], ...]:
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return tuple(csv.DictReader(fh))

    def listed(name: str) -> tuple[str, ...]:
        found = tuple(r["word"] for r in table("words") if r["list"] == name)
        if not found:
            raise KeyError(name)
        return found

    actor_filter.table = table  # type: ignore[assignment]
    actor_filter.words = listed  # type: ignore[assignment]


def samples(folders: list[Path], *, tag: str = "", earlier: bool = True) -> str:
    """The CSV text of every drafted actor of ``folders``, labelled; with ``earlier``, also those
    the versions of :data:`AT` drafted on their sets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    with tempfile.TemporaryDirectory(prefix="actor-filter-") as tmp:
        for folder in folders:
            _refuse_frozen(folder)
            if not readable(folder) or not any(folder.glob("*.json")):
                continue
            name = set_name(folder) + (f"@{tag}" if tag else "")
            for gold in load_devset(folder):
                for row in rows_of(gold, name, Path(tmp)):
                    writer.writerow(row)
            print(f"  {name}: done", file=sys.stderr)
    text = out.getvalue()
    if earlier:
        for rev, sets in AT.items():
            chosen = [f for f in folders if f.parent == REAL and f.name in sets]
            if chosen:
                text += samples_at(rev, chosen)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = samples_parser(__doc__, TARGET)
    parser.add_argument("--tag", default="", help="added to each row's set name (the commit that drafted it)")
    parser.add_argument("--no-earlier", action="store_true", help="leave out the drafts of earlier versions")
    parser.add_argument("--rules-from", type=Path, help="the rules tables the features read their word lists from")
    args = parser.parse_args(argv)
    if args.rules_from:
        read_rules_from(args.rules_from)
    folders = args.folder or [f for f in FOLDERS if readable(f)]
    text = samples(folders, tag=args.tag, earlier=not args.no_earlier)
    if not args.folder:
        text = keep_absent_sets(text, TARGET)
    return write_or_check(args.out, text, check=args.check,
                          wrote=f"{text.count(chr(10)) - 1} drafted actors from {len(folders)} folder(s)")


if __name__ == "__main__":
    sys.exit(main())
