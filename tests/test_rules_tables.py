"""The extraction's words are data: every word list lives in a rules table, each row with its basis.

A curator reads and edits ``resilience_kg/extract/rules/*.csv``; a word list left in Python is out of
their sight and drifts from its copy in a table (as "Perum" did between two lists of legal forms).
"""

from __future__ import annotations

import ast
import csv
import io
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from resilience_kg.extract.recognise import rules

EXTRACT = Path(__file__).resolve().parent.parent / "resilience_kg" / "extract"
#: A word of prose: letters (with inner dots, apostrophes, hyphens or spaces: "Prov.", "jum'at", "at the").
_WORD = re.compile(r"[^\W\d_](?:[\w.'’ -]*[\w.])?")
#: A regular-expression branch that is a word, allowing the escapes and classes rules write
#: ("Kab\.", "[Kk]ota", "Wali\s?Kota", "Drs?").
_BRANCH = r"(?:[A-Za-z'’ ]|\\[.s]|\[[A-Za-z]{2}\]|\?)+"
_ALTERNATION = re.compile(rf"{_BRANCH}(?:\|{_BRANCH}){{4,}}")
MIN_WORDS = 5

#: Literals of five or more words that are not a word list, by file and the name they are bound to.
#: Each is a contract of the program (column names, connection types, CSP directives), not words a
#: rule looks for in a report; keep this short and say why.
NOT_WORD_LISTS = {
    ("__init__.py", "__all__"): "the names the package exports",
    ("review_edits/__init__.py", "__all__"): "the names the package exports",
    ("body_patterns.py", "PATTERN_COLUMNS"): "the columns of rules/body_patterns.csv",
    ("gazetteer.py", "SECTORS"): "the ontology's actor classes",
    ("gazetteer.py", "LEVELS"): "the values of gazetteer.csv's level column",
    ("gazetteer.py", "COLUMNS"): "the columns of gazetteer.csv",
    ("gazetteer.py", "REQUIRED"): "the required columns of gazetteer.csv",
    ("merge.py", "merge_and_write()"): "the files an extraction writes",
    ("pillars/strategy.py", "PILLAR_COLUMNS"): "the columns of a strategy's pillars table",
    ("recognise/roles.py", "ROLE_ORDER"): "the roles an actor takes in an event, strongest first",
    ("recognise/roles.py", "ROLE_CONNECTIONS"): "each role and the ontology's connection type for it",
    ("recognise/rules.py", "TABLES"): "the names of the rules tables",
    ("review_edits/edits.py", "EVIDENCE"): "the evidence columns of a draft row",
    ("review_edits/folder.py", "REQUIRED"): "the required columns of each drafted table",
    ("score.py", "ROLE_OF_CONNECTION"): "the ontology's connection types and the roles they state",
    ("score.py", "MEASURES"): "the measures a score prints and their fields",
    ("score.py", "total()"): "the fields of a score",
    ("score.py", "_score_statements()"): "each statement class and the ontology's connection types for it",
    ("score.py", "NAME_COLUMNS"): "the columns of a drafted actor row that name it",
    ("draft.py", "ELEMENT_EXTRA"): "the extra columns of a drafted element (a contract, not words)",
    ("components/__init__.py", "PIPELINE"): "the declared components, each by its name",
    ("components/__init__.py", "__all__"): "the names the package exports",
    ("recognise/actor_filter.py", "FEATURES"): "the actor filter's features, the columns of its samples table",
    ("recognise/actor_filter.py", "CROSSES"): "the pairs of the actor filter's features it reads together",
    ("recognise/actor_filter.py", "features()"): "the actor filter's features of one actor, by name",
    ("recognise/role_model.py", "ROLES"): "the roles the role reader chooses among, strongest first",
    ("recognise/role_model.py", "CROSSES"): "the pairs of the role reader's features it reads together",
    ("recognise/role_model.py", "_POST_ORDER"): "the parts a post plays, strongest first (feature values)",
    ("recognise/role_model.py", "features()"): "the role reader's features of one actor, by name",
}


def _is_word(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_WORD.fullmatch(node.value.strip()))


def _words(node: ast.AST) -> int:
    """How many word strings a literal holds, nested literals included. A dict whose values are
    computed (``{"id": x, "label": y}``) builds a row: its keys are column names, not words."""
    if isinstance(node, ast.Dict):
        literal = (ast.Constant, ast.Set, ast.List, ast.Tuple, ast.Dict)
        if not all(k is not None and isinstance(v, literal) for k, v in zip(node.keys, node.values, strict=True)):
            return 0
        return sum(_is_word(k) + _words(v) for k, v in zip(node.keys, node.values, strict=True))
    return sum(1 for n in ast.walk(node) if _is_word(n))


def _owners(tree: ast.Module) -> dict[ast.AST, str]:
    """Each node to the name it is bound to (``NAME``) or, inside a function, the function (``f()``)."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{node.name}()"
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and not name.endswith("()"):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            name = next((t.id for t in targets if isinstance(t, ast.Name)), name)
        owner[node] = name
        for child in ast.iter_child_nodes(node):
            visit(child, name)

    visit(tree, "")
    return owner


def word_lists(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, bound name, what) for each literal word list of five or more words in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    owner = _owners(tree)
    inner = {id(c) for n in ast.walk(tree) if isinstance(n, (ast.Set, ast.List, ast.Tuple, ast.Dict))
             for c in ast.walk(n) if c is not n}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)) and id(node) not in inner:
            if (n := _words(node)) >= MIN_WORDS:
                yield node.lineno, owner[node], f"a literal {type(node).__name__.lower()} of {n} words"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            if (n := len(node.func.value.value.split())) >= MIN_WORDS:
                yield node.lineno, owner[node], f"a string of {n} words split into a list"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in _ALTERNATION.finditer(node.value):
                yield node.lineno, owner[node], f"a regex alternation of {m.group(0).count('|') + 1} words " \
                                                f"({m.group(0)[:40]}...)"


def _modules() -> list[Path]:
    return sorted(EXTRACT.rglob("*.py"))


def test_no_word_list_in_python() -> None:
    found = [f"{path.relative_to(EXTRACT)}:{line} ({name or 'module'}): {what}"
             for path in _modules() for line, name, what in word_lists(path)
             if (path.relative_to(EXTRACT).as_posix(), name) not in NOT_WORD_LISTS]
    assert not found, "word lists belong in resilience_kg/extract/rules/*.csv with a basis per row:\n" + \
        "\n".join(found)


def test_every_exception_still_exists() -> None:
    """An exception for a literal that is gone would let a new word list of that name slip through."""
    seen = {(path.relative_to(EXTRACT).as_posix(), name) for path in _modules() for _, name, _ in word_lists(path)}
    assert set(NOT_WORD_LISTS) - seen == set()


@pytest.mark.parametrize("source, found", [
    ('STOP = frozenset({"dan", "serta", "the", "of", "untuk"})', "literal set of 5"),
    ('TITLES = frozenset("Bpk Bapak Ibu Sdr Dr".split())', "string of 5 words"),
    ('ALIASES = {"jaksel": "x", "jakut": "y", "jakbar": "z", "jaktim": "u", "jakpus": "v"}', "literal dict of 10"),
    ('R = re.compile(r"\\b(?:Kota|Kabupaten|Kab\\.|[Pp]rovinsi|DKI)\\s+")', "regex alternation of 5"),
    ('def f(w):\n    return w in ("yang", "dan", "di", "ke", "dengan")', "literal tuple of 5"),
])
def test_the_check_finds_a_word_list(tmp_path: Path, source: str, found: str) -> None:
    module = tmp_path / "m.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert any(found in what for _, _, what in word_lists(module))


def test_the_check_leaves_four_words_and_non_words(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('A = ("dan", "and", "serta", "or")\nB = ("1", "2", "3", "4", "5")\n'
                      'C = re.compile(r"(?:[;,:]|\\s+|\\d{4}|x|y)")\n', encoding="utf-8")
    assert list(word_lists(module)) == []


def _csv_files(folder: str) -> list[str]:
    """The CSV tables of a folder of the extraction's package data, as paths inside the package."""
    files = resources.files("resilience_kg.extract").joinpath(folder)
    return sorted(f"{folder}/{f.name}" for f in files.iterdir() if f.name.endswith(".csv"))


def test_every_rules_table_is_listed() -> None:
    assert sorted(f"rules/{name}.csv" for name in rules.TABLES) == _csv_files("rules")


# The bundled strategy's pillars and their cue words are rules too.
@pytest.mark.parametrize("path", _csv_files("rules") + _csv_files("pillars/strategies"))
def test_every_row_has_a_basis(path: str) -> None:
    text = resources.files("resilience_kg.extract").joinpath(path).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames and "basis" in reader.fieldnames, f"{path}: no basis column"
    empty = [reader.line_num for row in reader if not (row.get("basis") or "").strip()]
    assert not empty, f"{path}: rows without a basis on lines {empty}"


def test_word_lists_have_no_duplicate_words() -> None:
    rows = [(row["list"], row["word"]) for row in rules.table("words")]
    assert len(rows) == len(set(rows)), sorted({r for r in rows if rows.count(r) > 1})


def test_every_word_list_is_read() -> None:
    """A list in rules/words.csv that no module names is dead data a curator would edit in vain."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in _modules())
    unread = sorted({row["list"] for row in rules.table("words")} - set(re.findall(r'"(\w+)"', source)))
    assert not unread


#: Numbers between 0 and 1 that are not how sure a drafted row is: shares, exponents, thresholds.
NOT_CONFIDENCES = {
    ("recognise/actors/lists.py", "_LIKELY_SHARE"): "the share of an attended list that must look like bodies",
    ("recognise/actors/lists.py", "_ONE_KIND_SHARE"): "the share of known bodies that gives the rest their kind",
    ("components/contents.py", "body()"): "the share of an item that bodies cover, above which it lists bodies",
    ("draft.py", "_actor_row()"): "the square root that softens the sector's doubt in an actor's confidence",
    ("pillars/links.py", "_LEAN_SHARE"): "the share of cue hits that lets one pillar lead",
    ("pillars/links.py", "_WHOLE_SHARE"): "the share of the whole report's cue hits that lets one pillar lead",
    ("readers.py", "_pdf_text()"): "half the letters a page of text has, below which a PDF is a scan",
    ("score.py", "MIN_SHARED"): "the scorer's text-matching threshold",
    ("score.py", "MIN_OVERLAP"): "the scorer's text-matching threshold",
    ("recognise/linear_model.py", "_START"): "AdaGrad's starting sum of squared steps, a numerical guard",
}


def test_no_confidence_literal_in_python() -> None:
    """How sure a drafted row is lives in rules/methods.csv (one place a curator tunes, with its
    basis): a number between 0 and 1 in the extraction's code must be a named threshold."""
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        owner = _owners(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, float) and 0 < node.value < 1 \
                    and (path.relative_to(EXTRACT).as_posix(), owner[node]) not in NOT_CONFIDENCES:
                found.append(f"{path.relative_to(EXTRACT)}:{node.lineno} ({owner[node] or 'module'}): {node.value}")
    assert not found, "confidences belong in resilience_kg/extract/rules/methods.csv:\n" + "\n".join(found)


def test_every_method_confidence_is_between_0_and_1_with_a_basis() -> None:
    rows = rules.table("methods")
    assert len({r["method"] for r in rows}) == len(rows)
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)
