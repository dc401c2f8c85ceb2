"""check_query: what a user's SPARQL text may do before it reaches the store.

Refused texts must raise UnsafeQueryError naming the keyword and where it is; everything
that only *mentions* a keyword (in a string, an IRI, a comment, a name) must run.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from resilience_kg.errors import QueryError, UnsafeQueryError
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.sparql import guard as safety
from resilience_kg.sparql.guard import MAX_NESTING, QUERY_FORMS, check_query
from resilience_kg.sparql.query import query

POSITION = re.compile(r"\(line \d+, column \d+\)")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fuzzer() -> ModuleType:
    """bench/fuzz_guard.py: the generator and the oracle it compares the guard with."""
    spec = importlib.util.spec_from_file_location("fuzz_guard", ROOT / "bench" / "fuzz_guard.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def refusal(text: str, *, allow_update: bool = False) -> str:
    """The message check_query refuses ``text`` with (failing if it lets it through)."""
    with pytest.raises(UnsafeQueryError) as info:
        check_query(text, allow_update=allow_update)
    return str(info.value)


# --- Refused -------------------------------------------------------------------------------

REFUSED = {
    "service": ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    "service silent": (
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "SERVICE",
    ),
    "service lower case": ("select * where { service <http://x/> { ?s ?p ?o } }", "SERVICE"),
    "service mixed case": ("SELECT * WHERE { SeRvIcE <http://x/> { ?s ?p ?o } }", "SERVICE"),
    "service to a variable endpoint": (
        "SELECT * WHERE { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "SERVICE",
    ),
    "service inside OPTIONAL": (
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://x/> { ?s ?q ?r } } }",
        "SERVICE",
    ),
    "service inside a subquery": (
        "SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "SERVICE",
    ),
    "service inside UNION and MINUS": (
        "SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p ?o MINUS { SERVICE <http://x/> {} } } }",
        "SERVICE",
    ),
    "service inside FILTER EXISTS": (
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SERVICE",
    ),
    "service inside GRAPH": (
        "SELECT * WHERE { GRAPH ?g { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SERVICE",
    ),
    "service written with a \\u escape": (
        r"SELECT * WHERE { \u0053ERVICE <http://x> {} }",
        "SERVICE",
    ),
    "service written with a \\U escape": (
        r"SELECT * WHERE { \U00000053\U00000045RVICE <http://x> {} }",
        "SERVICE",
    ),
    "FROM a file": ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
    "FROM a web graph": ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM"),
    "FROM NAMED": (
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "FROM NAMED",
    ),
    "from lower case": ("select * from <file:///etc/passwd> where { ?s ?p ?o }", "FROM"),
    "LOAD": ("LOAD <http://x>", "LOAD"),
    "LOAD INTO GRAPH": ("LOAD SILENT <http://x> INTO GRAPH <http://g>", "LOAD"),
    "INSERT DATA": ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT DATA"),
    "DELETE DATA": ("DELETE DATA { <http://a> <http://b> <http://c> }", "DELETE DATA"),
    "DELETE WHERE": ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    "INSERT WHERE": ("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT"),
    "WITH DELETE INSERT": (
        "WITH <http://g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH",
    ),
    "CLEAR ALL": ("CLEAR ALL", "CLEAR"),
    "DROP GRAPH": ("DROP GRAPH <http://example.org/g>", "DROP"),
    "CREATE GRAPH": ("CREATE GRAPH <http://example.org/g>", "CREATE"),
    "ADD": ("ADD <http://a> TO <http://b>", "ADD"),
    "MOVE": ("MOVE DEFAULT TO <http://b>", "MOVE"),
    "COPY": ("COPY <http://a> TO DEFAULT", "COPY"),
    "update after a prologue": (
        "PREFIX ex: <http://example.org/>\ninsert data { ex:a ex:b ex:c }",
        "INSERT DATA",
    ),
    "two queries separated by ';'": (
        "SELECT * WHERE { ?s ?p ?o } ; SELECT * WHERE { ?s ?p ?o }",
        "';'",
    ),
    "two queries on two lines": (
        "SELECT * WHERE { ?s ?p ?o }\nASK { ?s ?p ?o }",
        "ASK",
    ),
    "a query then an update": (
        "SELECT * WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o }",
        "';'",
    ),
}


@pytest.mark.parametrize(("text", "keyword"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_text_names_the_keyword_and_where_it_is(text: str, keyword: str) -> None:
    message = refusal(text)
    assert message.startswith(f"{keyword} is not allowed ("), message
    assert POSITION.search(message), message


# Texts that some engine really runs as SERVICE (or FROM) although a naive keyword check
# would miss it: each was tried against Oxigraph 0.5 and rdflib 7.
EVASIONS = {
    # Oxigraph matches keywords without looking at what follows.
    "keyword glued to SILENT and a name": "SELECT * WHERE { ?s ?p ?o . SERVICESILENT:x {} }",
    "prefixed name read as SERVICE :x": "SELECT * WHERE { ?s ?p ?o . service:x {} }",
    "keyword glued after true": "SELECT * WHERE { ?s ?p trueSERVICE <http://x/> {} }",
    "keyword glued after a number": "SELECT * WHERE { ?s ?p 1SERVICE <http://x/> {} }",
    "keyword glued after a string": "SELECT * WHERE { ?s ?p 'x'SERVICE <http://x/> {} }",
    "FROM glued to a prefixed name": "SELECT * from:g WHERE { ?s ?p ?o }",
    # '<' here is less-than, not an IRI: the string 'a>' follows and the SERVICE is live.
    "less-than before a quote": (
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<'a>') SERVICE <http://x/> {} #'\n}"
    ),
    # Oxigraph ends a comment at a carriage return.
    "comment ended by a carriage return": (
        "SELECT * WHERE { ?s ?p ?o # c\rSERVICE <http://x/> {}\n}"
    ),
    # \u escapes are expanded before parsing: this string closes at once.
    "string closed by an escaped quote": (
        r'SELECT * WHERE { ?s ?p "\u0022 . SERVICE <http://x/> {} #" }'
    ),
    # An escaped '#' in a local name does not start a comment.
    "escaped # in a local name": r"SELECT * WHERE { ?s ?p ex:a\#b SERVICE <http://x/> {} }",
    # rdflib allows \" in a local name: no string starts there.
    "escaped quote in a local name": (
        r'SELECT * WHERE { ?s ?p ex:a\"b . SERVICE <http://x/> {} #" }'
    ),
    # rdflib upper-cases keywords with str.upper(): the dotless i becomes I.
    "dotless i": "SELECT * WHERE { ?s ?p ?o . serv\u0131ce <http://x/> {} }",
    # Issue 9: '<<' opens a reified triple, whose object '>' is a string; read as '<' and
    # the IRI <?s?p'>, the string would run to the quote in the final comment.
    "reified triple read as '<' and an IRI": (
        "SELECT ?leak WHERE { { <<?s?p'>'>> ?q ?o } UNION"
        " { SERVICE <http://127.0.0.1:9/x> { ?a ?b ?leak } } } #'"
    ),
    # After a triple term ')>>' an operand ends: '<' is less-than and 'a>' a string.
    "less-than after a triple term": (
        "SELECT * WHERE { ?s ?p ?o FILTER(<<(?s ?p 'x')>><'a>') SERVICE <http://x/> {} #'\n}"
    ),
    # Inside a triple term '<' starts an IRI even right after a term.
    "IRI with a quote inside a triple term": (
        "SELECT * WHERE { BIND(<<(?s<http://x/'>?o)>> AS ?t) SERVICE <http://x/> {} #'\n}"
    ),
    # An annotation block holds a string with '>' and '|}': it closes at the real '|}'.
    "annotation block holding '|}' in a string": (
        "SELECT * WHERE { ?s ?p ?o {| ?a '|}>' |} SERVICE <http://x/> {} }"
    ),
    # A reifier IRI with a quote: '~' never makes '<' less-than.
    "reifier IRI with a quote": "SELECT * WHERE { <<?s ?p ?o~<http://x/'>>> ?q 'a' . SERVICE <http://x/> {} }",
}


# Found by bench/fuzz_guard.py against the guard of 0.x (before SPARQL 1.2 was read), each
# minimised: Oxigraph reads a live SERVICE in every one (the fuzzer's oracle says so), and the
# old guard let it through. Inside '<<( )>>' only terms stand, so '<' after a term starts an
# IRI; the old guard read less-than there and an IRI's quote or '#' as code.
FUZZER_FINDINGS = {
    "fuzz: IRI with a quote after an IRI in a triple term": (
        "PREFIX : <http://x/> SELECT (<<(<http://x/> <http://x/'> \"\")>> AS ?z) WHERE { SERVICE <http://x/> {} } #'"
    ),
    "fuzz: IRI with '#' in a triple term in an IN list": (
        "SELECT (?y IN (true, <<(<http://x/> <http://x/#> <http://x/>)>>) AS ?z) { SERVICE <http://x/> {} 1 ?x 1 }"
    ),
    "fuzz: IRI with '#' after the empty prefixed name in a triple term": (
        "PREFIX : <http://x/> SELECT (<<(: <http://x/#> <http://x/>)>> AS ?z)"
        " { FILTER EXISTS { SERVICE <http://x/> {} } }"
    ),
    "fuzz: IRI with '#' after a variable in a triple term in FILTER": (
        "SELECT * WHERE { FILTER(isTRIPLE(<<(?e <http://x/#> 1)>>)) SERVICE <http://x/> {} }"
    ),
    "fuzz: the same in nested parentheses": (
        "SELECT * WHERE { { FILTER(IRI(1 IN ((<<(?e <http://x/#> 1)>>)))) } { SERVICE <http://x/> {} } }"
    ),
    "fuzz: less-than and an IRI after a triple term": (
        "SELECT (<<(?e <http://x/#> $m)>><<p:> AS ?z) WHERE { SERVICE <http://x/> {} }"
    ),
}


@pytest.mark.parametrize("text", [*EVASIONS.values(), *FUZZER_FINDINGS.values()],
                         ids=[*EVASIONS.keys(), *FUZZER_FINDINGS.keys()])
def test_disguised_service_or_from_is_refused(text: str) -> None:
    message = refusal(text)
    assert re.match(r"(SERVICE|FROM) is not allowed \(line \d+, column \d+\)", message), message


def test_message_gives_line_and_column_of_the_keyword() -> None:
    text = (
        "PREFIX ex: <http://example.org/>\n"
        "SELECT ?s WHERE {\n"
        "    SERVICE <http://example.org/sparql> { ?s ?p ?o }\n"
        "}"
    )
    assert refusal(text) == (
        "SERVICE is not allowed (line 3, column 5): "
        "queries run offline against the local graph only"
    )


def test_refusal_carries_line_and_column_for_the_query_page() -> None:
    text = "PREFIX ex: <http://example.org/>\nSELECT ?s WHERE {\n    SERVICE <http://x/> { ?s ?p ?o }\n}"
    with pytest.raises(UnsafeQueryError) as info:
        check_query(text)
    assert (info.value.line, info.value.column) == (3, 5)


def test_unreadable_text_carries_line_and_column() -> None:
    with pytest.raises(QueryError) as info:
        check_query("SELECT * WHERE {\n  ?s ?p 'unfinished }")
    assert (info.value.line, info.value.column) == (2, 9)
    assert str(info.value) == "unterminated string starting at line 2, column 9"


def test_escaped_keyword_is_reported_where_its_escape_starts() -> None:
    text = "SELECT * WHERE {\n  ?s ?p ?o .\n  " + r"\u0053ERVICE <http://x> {} }"
    message = refusal(text)
    assert message.startswith("SERVICE is not allowed (line 3, column 3)"), message


def test_second_query_names_where_the_first_started() -> None:
    message = refusal("ASK { ?s ?p ?o }\n\nSELECT * { ?s ?p ?o }")
    assert message.startswith("SELECT is not allowed (line 3, column 1)"), message
    assert "ASK query started at line 1, column 1" in message


# --- Allowed -------------------------------------------------------------------------------

ALLOWED = {
    "label mentioning Service": (
        'SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "Service delivery" }',
        "SELECT",
    ),
    "single-quoted string": ("SELECT * WHERE { ?s ?p 'don\\'t LOAD FROM here' }", "SELECT"),
    "long string over lines": (
        'SELECT * WHERE { ?s ?p """first line\nSERVICE <http://x/> {} ; DROP ALL""" }',
        "SELECT",
    ),
    "variables named like keywords": (
        "SELECT ?service $from WHERE { ?service ?insert ?delete }",
        "SELECT",
    ),
    "IRI ending in SERVICE": ("SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }", "SELECT"),
    "IRI with a fragment": ("ASK { ?s ?p <http://example.org/ns#from> }", "ASK"),
    "prefixed names": (
        "PREFIX ex: <http://example.org/> PREFIX service: <http://example.org/service#>\n"
        "PREFIX : <http://example.org/default#>\n"
        "SELECT * WHERE { ?s ex:from ?o ; ex:service ?t ; service:x ?u ; :from ?v ; :load ?w }",
        "SELECT",
    ),
    "graph named with a service prefix": (
        "PREFIX service: <http://example.org/service#> "
        "SELECT * WHERE { GRAPH service:g { ?s ?p ?o } }",
        "SELECT",
    ),
    "blank node label": ("SELECT * WHERE { _:service ?p ?o }", "SELECT"),
    "comment naming SERVICE": (
        "# uses SERVICE? no: FROM and LOAD are refused\nSELECT * WHERE { ?s ?p ?o } # INSERT",
        "SELECT",
    ),
    "language tags": ('SELECT * WHERE { ?s ?p "x"@load , "y"@from-service }', "SELECT"),
    "less-than with spaces": ("SELECT * WHERE { ?a ?p ?b FILTER(?a < ?b) }", "SELECT"),
    "less-than without spaces": (
        "SELECT * WHERE { ?a ?p ?b FILTER(?a<?b && ?b>?a) FILTER(?a<=3) }",
        "SELECT",
    ),
    "less-than before a string": ("SELECT * WHERE { ?a ?p ?b FILTER(?b<'a>') }", "SELECT"),
    "semicolons in patterns and GROUP_CONCAT": (
        'SELECT (GROUP_CONCAT(?x; SEPARATOR=";") AS ?all) WHERE { ?s ?p ?x ; ?q ?y }',
        "SELECT",
    ),
    "escaped # in a local name": (
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ex:a\\#b } # tail",
        "SELECT",
    ),
    "\\u escape in a string": (r'SELECT * WHERE { ?s ?p "caf\u00e9 SERVICE" }', "SELECT"),
    "numbers": ("SELECT * WHERE { ?s ?p ?o FILTER(?o IN (1, 1.5, .5, 1e3, 1.0E-2)) }", "SELECT"),
    "built-in functions": (
        "SELECT (CONCAT(STR(?o), LCASE(?o), ENCODE_FOR_URI(?o)) AS ?x) (COALESCE(?o, 1) AS ?y)"
        " WHERE { ?s ?p ?o FILTER(REGEX(?o, 'a') && CONTAINS(?o, 'b') && STRSTARTS(?o, 'c')"
        " && isIRI(?s) && LANGMATCHES(LANG(?o), '*') && sameTerm(?s, ?s)) BIND(NOW() AS ?n)"
        " BIND(STRBEFORE(?o, 'x') AS ?b) BIND(REPLACE(?o, 'a', 'b') AS ?r) }"
        " GROUP BY ?s ?o HAVING(COUNT(?o) > 0) ORDER BY DESC(?s) LIMIT 10 OFFSET 1",
        "SELECT",
    ),
    "collections and VALUES rows": (
        "SELECT * WHERE { ?s ?p (<http://a/x#1> <http://a/y#2>) "
        "VALUES (?a ?b) { (<http://a/#1> <http://a/#2>) (UNDEF 'x') } }",
        "SELECT",
    ),
    "CONSTRUCT template": (
        "CONSTRUCT { ?s <http://example.org/from> ?o } WHERE { ?s ?p ?o }",
        "CONSTRUCT",
    ),
    "DESCRIBE a resource": ("DESCRIBE <http://example.org/service>", "DESCRIBE"),
    # SPARQL 1.2, as Oxigraph 0.5 reads it.
    "VERSION and a directional language tag": (
        'VERSION "1.2" SELECT * WHERE { ?s ?p "مرحبا"@ar--rtl , "from"@en--ltr }',
        "SELECT",
    ),
    "triple terms in patterns and expressions": (
        "SELECT * WHERE { ?r <http://example.org/states> <<( ?s <http://example.org/p#from> 'SERVICE' )>>"
        " FILTER(?r != <<( <http://a/#1> <http://a/#2> ?o )>> && isTRIPLE(TRIPLE(?s, ?s, ?s))) }",
        "SELECT",
    ),
    "reified triples, reifiers and annotations": (
        "SELECT * WHERE { << ?s ?p '>' ~ ?r >> <http://example.org/said#by> ?who ."
        " ?s ?p ?o ~ <http://example.org/r#1> {| <http://example.org/since#> '|}' |} }",
        "SELECT",
    ),
    # Found by the fuzzer (a false refusal): after '>' only an operand can come.
    "IRI holding parentheses and a keyword after greater-than": (
        "SELECT * WHERE { ?s ?p ?o FILTER(?o><http://x/SERVICE(.>) }",
        "SELECT",
    ),
    # Found by the fuzzer too: after '[' or ';' a verb comes, never an operator.
    "IRIs holding '#', '(' and a keyword after '[' and ';' in a collection": (
        "SELECT * WHERE { ?s ?p ( [ <http://x/SERVICE#p> 1 ; <http://x/SERVICE#(> 2 ] ) }",
        "SELECT",
    ),
    "less-than then an IRI, glued": ("SELECT * WHERE { ?a ?p ?b FILTER(?a<<http://x/#a>) }", "SELECT"),
    "less-than after a triple term": (
        "SELECT * WHERE { ?a ?p ?b FILTER(<<(?a ?p ?b)>><<http://x/#a>) }",
        "SELECT",
    ),
    "IRIs with '#' after terms in collections and VALUES rows": (
        "SELECT * WHERE { ?s ?p (1 <http://a/x#1> ?o <http://a/y#2>)\n"
        "VALUES (?a ?b) {\n (1 <http://a/#1>)\n (2 <http://a/#2>)\n (3 <http://a/#3>)\n } }",
        "SELECT",
    ),
}


@pytest.mark.parametrize(("text", "form"), ALLOWED.values(), ids=ALLOWED.keys())
def test_keywords_that_are_only_mentioned_pass(text: str, form: str) -> None:
    assert check_query(text) == form


# The evasions that work on rdflib (or the spec's reading of \\u escapes), not on Oxigraph.
RDFLIB_EVASIONS = {
    EVASIONS[name]
    for name in ("string closed by an escaped quote", "escaped quote in a local name", "dotless i")
}
# The prefixes the evasions use undeclared, as the project declares its own for every query.
PREFIXES = {"ex": "http://example.org/", "": "http://example.org/default#"}

RESULT_TYPES = {"SELECT": ox.QuerySolutions, "ASK": ox.QueryBoolean, "CONSTRUCT": ox.QueryTriples,
                "DESCRIBE": ox.QueryTriples}


@pytest.mark.parametrize(("text", "form"), ALLOWED.values(), ids=ALLOWED.keys())
def test_allowed_texts_are_queries_oxigraph_runs(text: str, form: str) -> None:
    # Each allowed text is real SPARQL (1.2 included) that Oxigraph reads as the same form.
    assert isinstance(ox.Store().query(text), RESULT_TYPES[form])


@pytest.mark.parametrize("text", [*EVASIONS.values(), *FUZZER_FINDINGS.values()],
                         ids=[*EVASIONS.keys(), *FUZZER_FINDINGS.keys()])
def test_oxigraph_reads_a_live_keyword_in_each_evasion(text: str, fuzzer: ModuleType) -> None:
    # The fuzzer's oracle: Oxigraph accepts the text, and rejects it once a letter of the
    # keyword is changed, so it reads the keyword as code. rdflib's evasions are skipped.
    if text in RDFLIB_EVASIONS:
        pytest.skip("an evasion for rdflib's or the spec's reading, which Oxigraph rejects")
    live = fuzzer.live_keywords(ox.Store(), text, prefixes=PREFIXES)
    assert live, f"Oxigraph reads no SERVICE or FROM in {text!r} (live: {live})"


def test_issue_9_bypass_makes_oxigraph_connect(fuzzer: ModuleType) -> None:
    # What the guard stops: run unguarded, the text makes Oxigraph connect to a local socket.
    listener = fuzzer.Listener()
    try:
        text = (
            "SELECT ?leak WHERE { { <<?s?p'>'>> ?q ?o } UNION"
            f" {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?leak }} }} }} #'"
        )
        assert fuzzer.runs_service(text, listener)
    finally:
        listener.close()
    with pytest.raises(UnsafeQueryError, match=r"^SERVICE is not allowed \(line 1, column 52\)"):
        check_query(text)


FORMS = {
    "SELECT": "SELECT ?s WHERE { ?s ex:p ?o }",
    "ASK": "ASK WHERE { ?s ex:p ?o }",
    "CONSTRUCT": "CONSTRUCT { ?s ex:q ?o } WHERE { ?s ex:p ?o }",
    "DESCRIBE": "DESCRIBE ?s WHERE { ?s ex:p ?o }",
}


@pytest.mark.parametrize("form", QUERY_FORMS)
def test_form_is_found_after_prologue_and_comments(form: str) -> None:
    text = (
        "# Which query? Not an ASK, not a SELECT: it says below.\n"
        "BASE <http://example.org/base/>\n"
        "PREFIX ex: <http://example.org/ns#>  # DESCRIBE nothing here\n"
        "PREFIX select: <http://example.org/select#>\n"
        f"{FORMS[form].lower() if form == 'ASK' else FORMS[form]}\n"
    )
    assert check_query(text) == form


def test_subquery_does_not_count_as_a_second_query() -> None:
    text = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } }"
    assert check_query(text) == "SELECT"


# --- Updates, when allowed -----------------------------------------------------------------


def test_allow_update_lets_insert_data_through_as_update() -> None:
    text = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"
    assert check_query(text, allow_update=True) == "UPDATE"


def test_allow_update_accepts_operations_separated_by_semicolons() -> None:
    text = (
        "DELETE DATA { <http://a> <http://b> 1 } ;\n"
        "INSERT DATA { <http://a> <http://b> 2 } ;\n"
        "DROP SILENT GRAPH <http://g>"
    )
    assert check_query(text, allow_update=True) == "UPDATE"


def test_allow_update_still_returns_the_form_of_a_query() -> None:
    assert check_query("ASK { ?s ?p ?o }", allow_update=True) == "ASK"


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        (
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } "
            "WHERE { ?s ?p ?o SERVICE <http://example.org/sparql> { ?s ?q ?r } }",
            "SERVICE",
        ),
        ("INSERT { ?s ?p ?o } WHERE { OPTIONAL { service <http://x/> { ?s ?p ?o } } }", "SERVICE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DELETE { ?s ?p ?o } USING <file:///etc/passwd> WHERE { ?s ?p ?o }", "USING"),
        ("INSERT { ?s ?p ?o } USING NAMED <http://x/g> WHERE { ?s ?p ?o }", "USING"),
        ("INSERT DATA { <http://a> <http://b> 1 } ; SELECT * { ?s ?p ?o }", "SELECT"),
    ],
)
def test_allow_update_still_refuses_network_access(text: str, keyword: str) -> None:
    message = refusal(text, allow_update=True)
    assert message.startswith(f"{keyword} is not allowed ("), message
    assert POSITION.search(message), message


# --- Texts that cannot be read -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("SELECT * WHERE {\n  ?s ?p 'unfinished }", "line 2, column 9"),
        ('SELECT * WHERE { ?s ?p "no end }', "line 1, column 24"),
        ("SELECT * WHERE { ?s ?p '''long\nand unfinished }", "line 1, column 24"),
        ("SELECT * WHERE { ?s ?p 'one line\nonly' }", "line 1, column 24"),
    ],
)
def test_unterminated_string_is_a_query_error_with_its_start(text: str, where: str) -> None:
    with pytest.raises(QueryError) as info:
        check_query(text)
    assert not isinstance(info.value, UnsafeQueryError)
    assert str(info.value) == f"unterminated string starting at {where}"


@pytest.mark.parametrize(
    "text",
    ["", "   \n", "# SELECT * WHERE { ?s ?p ?o }", "PREFIX ex: <http://example.org/>", "?s ?p ?o"],
)
def test_text_without_a_query_form_is_a_query_error(text: str) -> None:
    with pytest.raises(QueryError, match="no SELECT, ASK, CONSTRUCT or DESCRIBE found"):
        check_query(text)


def test_unbalanced_brace_is_a_query_error() -> None:
    with pytest.raises(QueryError, match=r"unbalanced '\}' at line 1, column 29"):
        check_query("SELECT * WHERE { ?s ?p ?o } } ; SELECT * {}")


# --- Import cost ---------------------------------------------------------------------------


def test_importing_the_check_does_not_import_rdflib() -> None:
    code = (
        "import resilience_kg.sparql.guard, sys; "
        "assert 'rdflib' not in sys.modules, 'rdflib imported'; "
        "assert 'pyoxigraph' not in sys.modules, 'pyoxigraph imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- Nesting -------------------------------------------------------------------------------
# Oxigraph recurses once per level: a few thousand nested groups kill the query process
# (reported as "out of memory?"). The guard refuses such texts with a clear message first.


@pytest.mark.parametrize(
    ("opener", "closer"),
    [("{", "}"), ("{ OPTIONAL {", "}}"), ("(", ")"), ("[ ?p ", "]"), ("<<( ?s ?p ", ")>>")],
    ids=["groups", "optional groups", "parentheses", "blank node brackets", "triple terms"],
)
def test_nesting_beyond_the_limit_is_refused_naming_the_depth(opener: str, closer: str) -> None:
    def nested(depth: int) -> str:
        if opener == "(":
            return "SELECT * WHERE { FILTER(" + "(" * (depth - 2) + "1" + ")" * (depth - 2) + ") }"
        if opener.startswith("{"):
            return "SELECT * WHERE " + opener * (depth // opener.count("{")) + closer * (depth // opener.count("{"))
        return "SELECT * WHERE { ?s ?p " + opener * (depth - 1) + "1" + closer * (depth - 1) + " }"

    assert check_query(nested(MAX_NESTING)) == "SELECT"
    list(ox.Store().query(nested(MAX_NESTING)))  # the deepest allowed text runs
    with pytest.raises(UnsafeQueryError) as info:
        check_query(nested(4000))
    message = str(info.value)
    assert message.startswith("the query is nested too deeply (line 1, column "), message
    assert f"nest {MAX_NESTING + 1} deep, and at most {MAX_NESTING} are allowed" in message
    assert info.value.line == 1 and info.value.column is not None


def test_deep_nesting_gets_a_clear_message_from_query_not_out_of_memory(kg: KnowledgeGraph) -> None:
    # Before the limit, 5,000 nested groups killed the query process: "out of memory?".
    text = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    with pytest.raises(UnsafeQueryError, match=r"^the query is nested too deeply \(line 1, column 80\)"):
        query(kg, text)


def test_long_run_of_prefix_operators_is_refused() -> None:
    assert check_query("SELECT * WHERE { FILTER(" + "!" * MAX_NESTING + "true) }") == "SELECT"
    message = refusal("SELECT * WHERE { FILTER(" + "!" * 10_000 + "true) }")
    assert f"{MAX_NESTING + 1} prefix operators in a row, and at most {MAX_NESTING} are allowed" in message


def test_many_ambiguous_less_than_signs_are_read_both_ways_in_linear_time() -> None:
    # After a term inside parentheses, '<' could be less-than or start an IRI holding '#';
    # both readings are checked, and they meet again at the next line, so a long collection
    # costs little more than a short one.
    rows = "\n".join(f"1 <http://a/#{i}>" for i in range(2000))
    assert check_query(f"SELECT * WHERE {{ ?s ?p (\n{rows}\n) }}") == "SELECT"
    # Nested 40 deep, each '<' forks a copy of every open level, paid for from the budget (at 62
    # deep the copies exhaust it: see tests/test_guard_cost.py).
    nested = "".join(f"1 <http://a/#{i}> (\n" for i in range(40))
    assert check_query(f"SELECT * WHERE {{ ?s ?p ({nested}{')' * 41} }}") == "SELECT"


def test_ambiguity_beyond_the_work_budget_is_refused_with_a_remedy(monkeypatch: pytest.MonkeyPatch) -> None:
    # The budget bounds the work of the alternative readings; made empty, the first ambiguous
    # '<' exhausts it.
    monkeypatch.setattr(safety, "_READINGS_BASE", 0)
    monkeypatch.setattr(safety, "_READINGS_PER_CHAR", 0)
    message = refusal("SELECT * WHERE { ?s ?p (1 <http://a/#1>\n 2 <http://a/#2>) }")
    assert message.startswith("'<' is ambiguous (line 1, column 27): "), message
    assert "put a space after '<' where it means less-than" in message


# --- Differential fuzzing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("ASK { SERVICE <http://127.0.0.1:9/x> {} }", True),
        ("ASK { ?s ?p <http://127.0.0.1:9/\\u0041> }", True),
        ("ASK { SERVICE <http://127.0.0.:9/x> {} }", False),
        ("ASK { SERVICE <http:12.0.0.1:9/x> {} }", False),
        ("ASK { SERVICE <HTTPS://127.0.0.1:9/x> {} }", False),
        ("ASK { SERVICE <http://127.0.0.1:9@example.org/x> {} }", False),
        ("ASK { SERVICE <http:\\u002F\\u002Fexample.org/> {} }", False),
    ],
)
def test_fuzzer_sends_oxigraph_only_texts_whose_urls_are_local(fuzzer: ModuleType, text: str, local: bool) -> None:
    # The oracle evaluates some texts: a mutated host must never reach Oxigraph.
    assert fuzzer.local_only(text, "http://127.0.0.1:9/") is local


@pytest.mark.slow
def test_fuzzing_against_oxigraph_finds_no_bypass(fuzzer: ModuleType) -> None:
    report = fuzzer.fuzz(cases=4000, seed=20261130, confirm=3)
    # The run means something: Oxigraph accepted many texts, many with a live SERVICE, and
    # running some for real made Oxigraph connect to the local socket.
    assert report.oxigraph_accepts > report.tried // 4, report
    assert report.live > report.tried // 10, report
    assert report.confirmed >= 1, report
    assert report.bypasses == [], "\n".join(report.bypasses[:5])


# --- Operator chains (issue 18, finding 11) ------------------------------------------------


@pytest.mark.parametrize("chain", [
    "SELECT ({} AS ?x) {{}}".format("+".join(["1"] * 7000)),  # the report's text: SIGSEGV in serve
    "SELECT * {{ FILTER({}) }}".format(" || ".join(["?a"] * 1200)),
    "SELECT * {{ ?s {} ?o }}".format("/".join(["<p>"] * 1200)),  # a property path
    "SELECT * {{ FILTER({}1{}) }}".format("1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+(" * 40,
                                         ")" * 40),  # 30 in a row, 40 parentheses deep
])
def test_a_chain_of_thousands_of_operators_is_refused_with_a_remedy(chain: str) -> None:
    message = refusal(chain)
    assert message.startswith("the expression is too long (line 1, column "), message
    assert f"more than {safety.MAX_CHAIN} operators" in message and "IN (...)" in message


@pytest.mark.parametrize("text", [
    "SELECT * {{ FILTER({}) }}".format(" || ".join(["(?a + 1 = 2)"] * 900)),  # siblings: no deeper tree
    "SELECT * {{ FILTER(?x IN ({})) }}".format(", ".join(["-1"] * 3000)),
    "SELECT * {{ {} }}".format(" . ".join(["?s <p>/<q>|<r> ?o"] * 3000)),
    "SELECT ({} AS ?x) {{}}".format("+".join(["1"] * safety.MAX_CHAIN)),
])
def test_long_queries_whose_chains_stay_short_pass(text: str, kg: KnowledgeGraph) -> None:
    assert check_query(text) == "SELECT"


def test_the_longest_chain_allowed_runs_in_a_query_process(kg: KnowledgeGraph) -> None:
    # The limit is below what kills the query process (about 6,000), and the answer is right.
    text = "SELECT ({} AS ?x) {{}}".format("+".join(["1"] * (safety.MAX_CHAIN + 1)))
    assert query(kg, text, timeout=20).rows[0]["x"].value == str(safety.MAX_CHAIN + 1)  # type: ignore[union-attr]
