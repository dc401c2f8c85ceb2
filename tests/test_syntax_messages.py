"""SPARQL syntax errors in words, with line, column and a caret under the spot (issue 23, §5):
through the library, the `query` command and the messages the server and the query page show."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from resilience_kg import vocab as v
from resilience_kg.cli import main
from resilience_kg.errors import QueryError
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql.query import query
from resilience_kg.sparql.syntax_message import caret, describe, line_column, tokens


def fault(kg: KnowledgeGraph, text: str) -> QueryError:
    with pytest.raises(QueryError) as info:
        query(kg, text)
    return info.value


def test_an_unknown_prefix_is_named_where_it_stands_with_the_known_ones(kg: KnowledgeGraph) -> None:
    e = fault(kg, "SELECT ?x WHERE { ?x foo:bar ?y }")
    first, line, mark = str(e).split("\n")
    assert first.startswith("SPARQL syntax error at line 1, column 22: unknown prefix foo: ")
    assert "known prefixes: rkg, id, " in first and "skos" in first
    assert "Prefix not found" not in str(e) and "\\u{" not in str(e)  # none of the engine's grammar
    assert (e.line, e.column) == (1, 22)
    assert line == "  SELECT ?x WHERE { ?x foo:bar ?y }"
    assert mark.index("^") == line.index("foo:")


def test_a_declared_prefix_is_not_blamed_and_the_line_is_found(kg: KnowledgeGraph) -> None:
    e = fault(kg, "PREFIX ex: <http://example.org/>\nSELECT ?x WHERE {\n  ?x ex:a ?y .\n  ?y bar:z 3 }")
    assert "at line 4, column 6: unknown prefix bar:" in str(e)
    assert str(e).endswith("    ?y bar:z 3 }\n       ^")


def test_an_operator_with_nothing_after_it(kg: KnowledgeGraph) -> None:
    e = fault(kg, "SELECT ?x WHERE { ?x ?p ?y FILTER(?x = ) }")
    assert "line 1, column 40: expected an expression after '='" in str(e)
    assert "ABS" not in str(e) and "STRSTARTS" not in str(e)  # not every keyword of the grammar


@pytest.mark.parametrize(("text", "where", "words"), [
    ("SELECT ?x WHERE { ?x ?p ?y } LIMT 3", (1, 30), "unknown keyword 'LIMT' after the query's closing '}'"),
    ("SELECT ?x WHERE { ?x ?p ?y } ORDER ?x", (1, 36), "expected BY after 'ORDER'"),
])
def test_misspelt_and_missing_keywords(kg: KnowledgeGraph, text: str, where: tuple[int, int], words: str) -> None:
    e = fault(kg, text)
    assert (e.line, e.column) == where and words in str(e), str(e)


def test_the_query_command_prints_the_words_and_the_caret(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x foo:bar ?y }"])
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == ["  SELECT ?x WHERE { ?x foo:bar ?y }", "                       ^"]
    assert "Traceback" not in result.output


def test_a_fault_the_module_does_not_know_keeps_the_engines_spot_and_a_short_list() -> None:
    raw = 'error at 1:31: expected one of ",", ".", ";", "{", "{|", "}", "~", [_], A, B, C, D'
    said = describe("SELECT ?x WHERE { ?x ?p ?y ?z }", raw, known=v.QUERY_PREFIXES)
    assert said.startswith("error at 1:31: unexpected '}'; "
                           "expected one of ',', '.', ';', '{', '{|', '}' or 5 more\n"), said
    assert "[_]" not in said


def test_tokens_skip_strings_iris_and_comments() -> None:
    text = 'SELECT ?x { ?x rdfs:label "foo:bar # no" . ?x <http://x/y:z> 1 } # ex:comment'
    names = [t.text for t in tokens(text) if t.kind == "pname"]
    assert names == ["rdfs:label"]
    assert line_column("a\nbc", 3) == (2, 2)
    assert caret("ab\n\tcd", 4) == "  \tcd\n  \t^"
