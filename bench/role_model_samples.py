"""Write the labelled samples of the role model (:mod:`resilience_kg.extract.recognise.role_model`).

Each annotated report of the given folders is extracted as ``resilience-kg extract`` does, with the
cue rules alone deciding roles (no role model, no actor filter), and every drafted actor the scorer
matches to a gold actor with a role becomes one row: the page's hash, its set, the gold role (an
opener counts as a speaker), the role the rules drafted, the strongest role a post of the body
drafted (the scorer counts it for the body) and the features, ``name=value`` strings separated by
spaces. No row holds a word of a page, so the table ships while the pages (third-party texts) stay
outside the repository.

    python bench/role_model_samples.py                    # the default folders, into the shipped CSV
    python bench/role_model_samples.py --folder DIR ...   # other annotated folders
    python bench/role_model_samples.py --check            # fail if the shipped CSV differs

Frozen sets (``tests/extract_frozen``, ``frozen*``) are refused: nobody trains on them.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from actor_filter_samples import FOLDERS, drafted, page_id, readable, set_name  # noqa: E402
from shipped_tables import keep_absent_sets, samples_parser, write_or_check  # noqa: E402

from resilience_kg.extract.components import PIPELINE, Component, Document, attendance  # noqa: E402
from resilience_kg.extract.recognise import role_model  # noqa: E402
from resilience_kg.extract.score import GoldReport, actor_matches, load_devset  # noqa: E402

TARGET = ROOT / "resilience_kg" / "extract" / "data" / "role_model_samples.csv"
COLUMNS = ("page", "set", "gold", "rule", "post", "features")
#: The gold's roles in the model's words.
_GOLD = {"organizer": "organiser", "opener": "speaker"}
#: The scorer's role of a post's connection.
_POST_ROLE = {"organiser": "organiser", "host": "host", "opener": "speaker", "speaker": "speaker"}


def rows_of(gold: GoldReport, set_: str, work: Path) -> list[dict[str, str]]:
    """The labelled rows of one report's drafted actors that match a gold actor with a role."""
    captured: dict[int, list[str]] = {}

    def rules_only(doc: Document) -> None:
        records, sources = attendance.rule_roles(doc)
        roles = [a.role for a in doc.actors]
        for n, actor in enumerate(doc.actors):
            captured[id(actor)] = role_model.features(n, doc, records[n], roles, sources[n])

    pipeline = [Component("roles", rules_only) if c.name == "roles" else c
                for c in PIPELINE if c.name != "actor-filter"]
    doc, extracted = drafted(gold, work, pipeline)
    _, matching = actor_matches(gold, extracted)
    node_of = {r["id"]: r.get("same_as") or r["id"] for r in doc.draft.elements}
    post_role: dict[str, str] = {}
    order = role_model.ROLES
    for post, role, _ in doc.acting_posts:
        actor = next((a for a in doc.actors if any((m.start, m.end) == (post.org.start, post.org.end)
                                                    for m in a.mentions)), None)
        if actor is None or role not in _POST_ROLE:
            continue
        node = node_of.get(actor.id, actor.id)
        got = _POST_ROLE[role]
        if node not in post_role or order.index(got) < order.index(post_role[node]):
            post_role[node] = got
    rows = []
    for actor in doc.actors:
        node = node_of.get(actor.id, actor.id)
        if node not in matching or id(actor) not in captured:
            continue
        g = gold.actors[matching[node]].role
        if not g:
            continue
        rows.append({"page": page_id(set_, gold.name), "set": set_, "gold": _GOLD.get(g, g),
                     "rule": _GOLD.get(actor.role, actor.role), "post": post_role.get(node, ""),
                     "features": " ".join(captured[id(actor)])})
    return rows


def samples(folders: list[Path]) -> str:
    """The CSV text of every matched actor of ``folders``, labelled with its gold role."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    with tempfile.TemporaryDirectory(prefix="role-model-") as tmp:
        for folder in folders:
            if "frozen" in folder.name:
                raise SystemExit(f"{folder}: a frozen set; the role model never learns from one")
            if not readable(folder) or not any(folder.glob("*.json")):
                continue
            name = set_name(folder)
            seen: set[tuple[str, str]] = set()
            for gold in load_devset(folder):
                for row in rows_of(gold, name, Path(tmp)):
                    writer.writerow(row)
                seen.add((name, gold.name))
            print(f"  {name}: {len(seen)} pages", file=sys.stderr)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = samples_parser(__doc__, TARGET)
    args = parser.parse_args(argv)
    folders = args.folder or [f for f in FOLDERS if readable(f)]
    text = samples(folders)
    if not args.folder:
        text = keep_absent_sets(text, TARGET)
    return write_or_check(args.out, text, check=args.check,
                          wrote=f"{text.count(chr(10)) - 1} matched actors from {len(folders)} folder(s)")


if __name__ == "__main__":
    sys.exit(main())
