"""SPARQL syntax errors in words: what is wrong, where (line and column), and a caret under it.

Oxigraph's parser reports the rules it expected ("expected one of Prefix not found, ['%'], …",
or every keyword that may start an expression) at the furthest point it read, which is often a
token or two past the fault. For the faults people make most (an undeclared prefix, an operator
with nothing after it, a group left open, a misspelt query form) this module finds the spot in
the query text itself and says it plainly; anything else keeps Oxigraph's position, with its
list of expected tokens shortened.

>>> print(describe("SELECT ?x WHERE { ?x foo:bar ?y }", "error at 1:29: expected one of Prefix not found",
...                known=("rkg", "id")))
error at 1:22: unknown prefix foo: (declare it with PREFIX foo: <…>); known prefixes: rkg, id
  SELECT ?x WHERE { ?x foo:bar ?y }
                       ^
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)

# One token of SPARQL, enough to tell where a fault is (not a parser: the engine parses).
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'''(?:[^\\]|\\.)*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<blank>_:[A-Za-z0-9_][\w.-]*)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.-]*)?:(?:[\w%\\:-][\w.%\\:-]*)?)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<op>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;=<>!+*/|^@-])
  | (?P<other>.)
""", re.X | re.S)

#: Tokens after which an expression must follow.
_NEEDS_OPERAND = {"=", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/", "!", "(", ","}
#: Tokens that cannot start an expression.
_NOT_OPERAND = {")", "}", ",", "]", ".", ";", "=", "!=", "<=", ">=", "&&", "||", "*", "/"}
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
MODIFIERS = {"GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "VALUES", "UNDEF", "AS",
             "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "DISTINCT", "STR", "LANG"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokens(text: str) -> list[Token]:
    """The tokens of ``text``, without spaces and comments.

    >>> [t.text for t in tokens("SELECT ?x { ?x a rkg:Pillar } # all")]
    ['SELECT', '?x', '{', '?x', 'a', 'rkg:Pillar', '}']
    """
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("space", "comment"):
            out.append(Token(kind, m.group(), m.start()))
    return out


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column (clamped to the text)."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return min(len(text), sum(len(x) + 1 for x in lines[: line - 1]) + max(0, column - 1))


def caret(text: str, offset: int) -> str:
    """The line holding ``offset``, indented two spaces, and a caret under the offset."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start: end if end >= 0 else len(text)]
    # Tabs stay tabs under the line, so that the caret lines up in a terminal.
    pad = "".join(c if c == "\t" else " " for c in line[: offset - start])
    return f"  {line}\n  {pad}^"


def _declared(toks: list[Token]) -> set[str]:
    return {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
            if t.kind == "word" and t.text.upper() == "PREFIX" and toks[i + 1].text.endswith(":")}


def _expected(raw: str) -> list[str]:
    """Oxigraph's expected tokens (punctuation quoted, keywords bare), without the character
    classes nobody types.

    >>> _expected('error at 1:2: expected one of ",", "}", [_], BIND, Prefix not found')
    ["','", "'}'", 'BIND']
    """
    body = raw.split(": expected", 1)[-1].removeprefix(" one of")
    out = []
    for quoted, _cls, word in re.findall(r'"((?:[^"\\]|\\.)*)"|(\[[^\]]*\])|(\b[A-Za-z_]+(?: [a-z]+)*)', body):
        if quoted:
            out.append(f"'{quoted}'")
        elif word and word != "Prefix not found":
            out.append(word)
    return out


def _find(text: str, raw: str, known: Iterable[str]) -> tuple[int, str] | None:
    """The offset of the fault and what it is, for the faults this module knows."""
    toks = tokens(text)
    known = list(known)
    if "Prefix not found" in raw:
        declared = _declared(toks) | set(known)
        for t in toks:
            if t.kind == "pname" and t.text.split(":", 1)[0] not in declared:
                p = t.text.split(":", 1)[0]
                return t.offset, (f"unknown prefix {p}: (declare it with PREFIX {p}: <…>); "
                                  f"known prefixes: {', '.join(known)}")
    first = next((t for t in toks if t.kind == "word" and t.text.upper() not in ("PREFIX", "BASE")), None)
    wants_form = re.search(r"expected (one of )?.*(SELECT|CONSTRUCT)", raw)
    if first is not None and first.text.upper() not in FORMS and wants_form:
        return first.offset, (f"a query starts with {', '.join(FORMS[:-1])} or {FORMS[-1]} (after any PREFIX "
                              f"or BASE lines), not {first.text!r}")
    m = _POSITION.search(raw)
    limit = offset_of(text, int(m.group(1)), int(m.group(2))) if m else len(text)
    if re.search(r"\b(STR|ABS|BOUND|REGEX)\b", raw):  # the engine wanted an expression
        for a, b in zip(toks, [*toks[1:], Token("end", "", len(text))], strict=True):
            if a.offset < limit and a.text in _NEEDS_OPERAND and (b.kind == "end" or b.text in _NOT_OPERAND):
                spot = b.offset if b.kind != "end" else a.offset + len(a.text)
                return spot, f"expected an expression after {a.text!r}"
    depth, closed_at = 0, -1
    for i, t in enumerate(toks):
        depth += (t.text == "{") - (t.text == "}")
        if t.text == "}" and depth == 0 and closed_at < 0:
            closed_at = i
    if closed_at >= 0:  # after the query's group only solution modifiers and VALUES may follow
        for t in toks[closed_at + 1:]:
            if t.kind == "word" and t.text.upper() not in MODIFIERS:
                return t.offset, (f"unknown keyword {t.text!r} after the query's closing '}}'; expected "
                                  "GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET or VALUES")
    for a, b in zip(toks, [*toks[1:], Token("end", "", len(text))], strict=True):
        if a.text.upper() in ("ORDER", "GROUP") and b.text.upper() != "BY":
            return b.offset, f"expected BY after {a.text!r}"
    if depth > 0 and not text[limit:].strip():
        opened = [t for t in toks if t.text == "{"]
        line, column = line_column(text, opened[-1].offset)
        return len(text.rstrip()), f"the query ends here, but the '{{' at line {line}, column {column} is never closed"
    return None


def describe(text: str, raw: str, *, known: Iterable[str] = ()) -> str:
    """Oxigraph's syntax error ``raw`` on ``text`` as ``error at LINE:COLUMN: words``, then the
    line at fault with a caret under the spot. ``known``: the prefixes that need no declaration."""
    found = _find(text, raw, known)
    if found is not None:
        offset, words = found
    else:
        m = _POSITION.search(raw)
        offset = offset_of(text, int(m.group(1)), int(m.group(2))) if m else len(text)
        expected = _expected(raw) if m else []
        at = tokens(text[offset:])
        here = f"unexpected {at[0].text!r}" if at else "unexpected end of the query"
        if "expected one of" not in raw and expected:
            words = f"expected {expected[0]}"
        elif expected:
            shown = ", ".join(expected[:6]) + (f" or {len(expected) - 6} more" if len(expected) > 6 else "")
            words = f"{here}; expected one of {shown}"
        else:
            words = here
    line, column = line_column(text, offset)
    return f"error at {line}:{column}: {words}\n{caret(text, offset)}"
