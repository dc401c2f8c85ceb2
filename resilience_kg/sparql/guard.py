"""Refuse SPARQL text that would reach the network or the disk, or change the data.

User queries run on Oxigraph, which executes ``SERVICE`` (an HTTP request to any URL); the
query process cannot open a socket (:mod:`resilience_kg.sparql.sandbox`), and this check is
the other layer, with clear messages. rdflib, which a user may hand the same text (``kg.to_rdflib()``),
executes ``SERVICE`` too and fetches the graphs named by ``FROM``, ``FROM NAMED`` and ``USING``
(``file:`` URLs included), so the check reads the text as both would. :func:`check_query` reads the text
lexically, without parsing it, and refuses those keywords, every SPARQL Update operation
(unless ``allow_update=True``) and more than one query in one text.

The check is stdlib only and compiles its patterns on first use, so importing it costs well
under a millisecond (a few without cached bytecode): it runs before every query, and
``resilience_kg``'s fast start-up must not pay for rdflib.

Why the lexer is stricter than the SPARQL grammar, each found by running the engines:

* Oxigraph matches keywords without checking where the word ends, so ``SERVICESILENT:x {}``
  runs ``SERVICE SILENT :x {}`` and ``?s ?p trueSERVICE <u> {}`` runs a SERVICE after the
  triple. A bare word is refused if it *contains* a refused keyword (no SPARQL keyword or
  function name does), and a prefixed name whose prefix contains one is refused where the
  keyword could take effect (see ``_check_pname``).
* The engines tokenise the same text differently: rdflib expands ``\\u`` escapes everywhere
  first (and reads ``\\u`` with eight hex digits as one escape), Oxigraph only inside strings
  and IRIs; Oxigraph ends a comment at a carriage return, rdflib only at a line feed. A
  difference can hide a keyword inside a string for one engine and not the other, so the
  text is read once per engine's rules (and once by the spec's) and refused if any reading
  finds a refused keyword. A reading that cannot be tokenised is dropped: that engine
  cannot run the text either.
* ``<`` starts an IRI, a triple term ``<<( )>>`` or a reified triple ``<< >>`` (SPARQL 1.2,
  which Oxigraph 0.5 reads), or is the less-than operator, depending on the grammar, not on
  the characters: ``FILTER(?o<'a>') SERVICE <u> {} #'`` compares ``?o`` with the string
  ``'a>'`` and runs the SERVICE, and ``{ <<?s?p'>'>> ?q ?o } SERVICE <u> {} #'`` is a
  reified triple whose object is ``'>'``. Outside parentheses no expression can stand, so
  '<' is read as Oxigraph's grammar reads it there (``<<(``, ``<<``, an IRI). Inside them,
  the lexer guesses from the context (an expression or a list of terms, after an operand or
  not); where the guess decides what an IRI would hide (a quote, ``#`` or a parenthesis in
  it), both readings are checked (``_Scanner._fork``), and a text with too many such places
  is refused. The other SPARQL 1.2 tokens (``)>>``, ``>>``, ``{|``, ``|}``, ``~``,
  ``VERSION``, ``@en--ltr``) are read as Oxigraph reads them. bench/fuzz_guard.py compares
  the guard with Oxigraph's parser on generated SPARQL 1.2 texts.
* Oxigraph parses and evaluates recursively: thousands of nested groups overflow its stack
  and kill the query process. Nesting beyond :data:`MAX_NESTING` is refused.

Every error carries ``line`` and ``column`` (from 1), also given in its message.
"""

from __future__ import annotations

import bisect
import functools
import gc
import re
import sys

from resilience_kg.errors import QueryError, UnsafeQueryError

__all__ = [
    "MAX_CHAIN",
    "MAX_NESTING",
    "NETWORK_KEYWORDS",
    "QUERY_FORMS",
    "REFUSED_KEYWORDS",
    "UPDATE_KEYWORDS",
    "check_query",
]

QUERY_FORMS: tuple[str, ...] = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

#: Refused always: they make an engine fetch a URL (or a file). ``USING`` is the update
#: form of ``FROM`` and rdflib fetches it the same way.
NETWORK_KEYWORDS: tuple[str, ...] = ("SERVICE", "LOAD", "FROM", "USING")

#: The SPARQL Update operations (``LOAD`` is one too, refused above); ``DATA`` and ``WHERE``
#: in ``INSERT DATA`` or ``DELETE WHERE`` need no entry, they follow INSERT or DELETE.
UPDATE_KEYWORDS: tuple[str, ...] = (
    "INSERT",
    "DELETE",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)

REFUSED_KEYWORDS: tuple[str, ...] = NETWORK_KEYWORDS + UPDATE_KEYWORDS

_OFFLINE = "queries run offline against the local graph only"
_REASONS = {
    "SERVICE": _OFFLINE,
    "LOAD": f"{_OFFLINE} (LOAD fetches a URL)",
    "FROM": f"{_OFFLINE} (FROM and FROM NAMED make rdflib fetch the URL, file: ones included)",
    "USING": f"{_OFFLINE} (USING makes rdflib fetch the URL, file: ones included)",
}
_READ_ONLY = "it would change the data, and only read-only queries are allowed here"
# Appended to a message when only one engine's reading of the text finds the problem.
_SPEC_NOTE = " (reading the text with its \\u escapes expanded, as SPARQL requires)"
_OXIGRAPH_NOTE = " (as Oxigraph reads it: \\u escapes expanded only in strings and IRIs)"
_RDFLIB_NOTE = " (as rdflib reads it: \\u escapes expanded, comments ending at line feeds only)"

# --- Terminals, from the SPARQL 1.1 grammar (section 19.8) -----------------------------------
# Patterns are kept as text and compiled on first use (``_re``): compiling them all would
# take most of the import time. Character classes spanning most of Unicode cost milliseconds
# each, so the name patterns also come in an ASCII-only version, used for ASCII-only text
# (the usual case), where both versions match the same.
_PN_CHARS_BASE_WIDE = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_WIDE = "\u00b7\u0300-\u036f\u203f-\u2040"
# PN_LOCAL_ESC as rdflib reads it: the spec's set plus '"'. A local name's escapes must be
# skipped exactly, or ``ex:a\#`` would start a comment here and hide what follows.
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&\"'()*+,;=/?#@%])"
_NUMBER = (
    r"[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+"
    r"|[0-9]*\.[0-9]+|[0-9]+"
)
# SPARQL 1.2 adds a base direction: "text"@ar--rtl.
_LANGTAG = r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?"
_IRIREF = r'<[^<>"{}|^`\\\x00-\x20]*>'
# Oxigraph reads the raw text and accepts \u escapes inside an IRI.
_IRIREF_UCHAR = r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>'
# Inside a string: the next escape (skipped whole) or a character that ends the string.
_SHORT_STOP = {q: rf"(?s)\\.|[{q}\n\r]" for q in "'\""}
_LONG_STOP = {q: rf"(?s)\\.|{q * 3}" for q in "'\""}
# Codepoint escapes: the spec's (\u + 4 hex, \U + 8 hex) and rdflib's (either letter, 8 hex
# digits tried before 4).
_SPEC_UCHAR = r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})"
_RDFLIB_UCHAR = r"\\[uU]([0-9A-Fa-f]{8}|[0-9A-Fa-f]{4})"
# For messages only: the word after a keyword ("FROM NAMED", "INSERT DATA").
_NEXT_WORD = r"(?:\s|#[^\n\r]*)*([A-Za-z]+)"

_COMPILED: dict[str, re.Pattern[str]] = {}


def _re(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, once per process."""
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


class _Names:
    """The patterns for names: prefixed names, blank nodes, variables and bare words."""

    __slots__ = ("bnode", "pname", "start", "varname", "word")

    def __init__(self, *, wide: bool) -> None:
        base = "A-Za-z" + (_PN_CHARS_BASE_WIDE if wide else "")  # PN_CHARS_BASE
        u = "_" + base  # PN_CHARS_U
        chars = "\\-0-9" + u + (_PN_CHARS_WIDE if wide else "")  # PN_CHARS
        var_extra = _PN_CHARS_WIDE if wide else ""
        self.pname = _re(
            rf"(?:[{base}](?:[{chars}.]*[{chars}])?)?:"
            rf"(?:(?:[{u}:0-9]|{_PLX})(?:(?:[{chars}.:]|{_PLX})*(?:[{chars}:]|{_PLX}))?)?"
        )
        self.bnode = _re(rf"_:[{u}0-9](?:[{chars}.]*[{chars}])?")
        self.varname = _re(rf"[{u}0-9][{u}0-9{var_extra}]*")
        self.start = _re(rf"[{u}:]")
        # A bare word: every name character, '-' and digits included, so that a keyword
        # glued to other characters is still inside the word the containment check reads.
        self.word = _re(rf"[{chars}]+")


_NAMES: dict[bool, _Names] = {}


def _names(text: str) -> _Names:
    wide = not text.isascii()
    names = _NAMES.get(wide)
    if names is None:
        names = _NAMES[wide] = _Names(wide=wide)
    return names


# A prefixed name right after one of these is a graph, function or prefix name, never a
# keyword: the engines expect an IRI there (used by ``_check_pname``).
_NAME_SLOTS = frozenset(
    {"PREFIX", "GRAPH", "DESCRIBE", "WITH", "TO", "INTO", "ADD", "MOVE", "COPY", "BY"}
)
# Tokens that end an operand: a '<' after one of them, inside an expression, is less-than.
_OPERAND_KINDS = frozenset({"var", "num", "str", "lang", "iri", "pname", "bnode", "tt_close", "rt_close"})
# After one of these an operand, a verb or a subject must follow, so a '<' there is never
# less-than. A lone '>' is greater-than: '>>' and ')>>' that close triple terms are tokens
# of their own.
_OPERAND_NEXT = frozenset("(,=!&|+-*/<>^[;.~")
# Characters that change what follows if an IRI's text were read as code instead.
_STRUCTURAL = "['#()]"
# Tokens that are neither checked as names nor change the structure.
_PLAIN_KINDS = frozenset({"var", "num", "str", "lang", "iri", "bnode"})
_PREFIX_OPERATORS = frozenset("!-+^")
# Operators that chain ('||' and '&&' count once), and how many a chain may hold.
_CHAIN_OPERATORS = frozenset("+-*/|&^")
#: Chained operators an expression or a path may hold, counted through its open parentheses
#: (Oxigraph's query process dies at about 6,000).
MAX_CHAIN = 1000
#: Groups, parentheses, brackets and triple terms may nest this deep, prefix operators
#: ('!', '-') may repeat this often: the engine recurses once per level, and a few thousand
#: levels exhaust its stack (the query process dies).
MAX_NESTING = 64
# The work the alternative readings of '<' may do, per character of the text and overall,
# before the text is refused as too ambiguous. A unit is a token read, a character scanned, or
# a level of nesting copied or compared where a reading forks or meets another: every step
# an alternative reading takes is paid for, so the check's time is linear in the text's
# length whatever its shape (tests/test_guard_cost.py).
_READINGS_PER_CHAR = 8
_READINGS_BASE = 100_000
# Characters scanned per unit: a regular expression scans them for about what reading a token costs.
_CHARS_PER_UNIT = 8
# The furthest an IRI could reach from a '<' (either engine's pattern stops before this does).
_IRI_REACH = r'<[^<>"{}|^`\x00-\x20]*'
_SECOND_WORDS = {"FROM": ("NAMED",), "INSERT": ("DATA",), "DELETE": ("DATA", "WHERE")}


#: Texts up to this many characters have their verdict remembered (dashboards send the same
#: queries again and again); the cache holds at most :data:`VERDICTS` of them.
REMEMBERED_LENGTH = 16_384
VERDICTS = 1024


def check_query(text: str, *, allow_update: bool = False) -> str:
    """Return the query form, or raise UnsafeQueryError naming the keyword and its position.

    The form is "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE", or "UPDATE" for an update when
    ``allow_update=True`` (SERVICE, LOAD, FROM and USING stay refused even then). The error
    reads like "SERVICE is not allowed (line 3, column 5): queries run offline against the
    local graph only". Lines and columns count from 1 in ``text`` as given, before any ``\\u``
    escape is expanded, and are also the error's ``line`` and ``column`` attributes. A text
    that cannot be read (an unterminated string, an unbalanced bracket, no query form)
    raises QueryError; one nested deeper than :data:`MAX_NESTING` raises UnsafeQueryError.
    """
    if len(text) <= REMEMBERED_LENGTH:
        return _remembered(text, allow_update)  # only accepted texts are remembered: refusals raise
    return _check(text, allow_update)


@functools.lru_cache(maxsize=VERDICTS)
def _remembered(text: str, allow_update: bool) -> str:
    return _check(text, allow_update)


def _check(text: str, allow_update: bool) -> str:
    # The alternative readings allocate many small objects that live until the check ends; the
    # cycle collector would walk them all again and again (a third of the time, growing faster
    # than the text). They hold no cycle that outlives the check, so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_views(text, allow_update)
    finally:
        if collecting:
            gc.enable()


def _check_views(text: str, allow_update: bool) -> str:
    forms: list[str] = []
    unsafe: UnsafeQueryError | None = None
    errors: list[QueryError] = []
    oxigraph_error: QueryError | None = None
    for view in _views(text):
        try:
            forms.append(_read(view, allow_update))
        except UnsafeQueryError as exc:
            unsafe = unsafe or exc
        except QueryError as exc:
            # Oxigraph's reading first: its error is the one the user would see.
            if view.oxigraph:
                errors.insert(0, exc)
                oxigraph_error = exc
            else:
                errors.append(exc)
    # Refusals first: a text that one reading refuses and another cannot read is unsafe.
    if unsafe is not None:
        raise unsafe
    # What Oxigraph, which runs the query, cannot read is refused. Another engine that cannot
    # tokenise the text cannot run it either: its reading is dropped (rdflib's, where a
    # comment ends only at a line feed), unless every reading fails.
    if oxigraph_error is not None or not forms:
        raise errors[0]
    if len(set(forms)) > 1:
        at = min((i for i in (text.find("\\u"), text.find("\\U"), text.find("\r")) if i >= 0), default=0)
        line, column = _position(text, at)
        raise UnsafeQueryError(
            "the query reads differently depending on how \\u escapes and line breaks are"
            f" handled (as {' or '.join(sorted(set(forms)))}; line {line}, column {column}):"
            " write it without them",
            line=line,
            column=column,
        )
    return forms[0]


class _View:
    """The text as one engine reads it, with the way back to positions in the original."""

    __slots__ = ("cr_ends_comment", "line_ends", "lines", "note", "origin", "original", "oxigraph", "text",
                 "uchar_in_iri")

    def __init__(
        self,
        original: str,
        expanded: tuple[str, list[int] | None],
        *,
        cr_ends_comment: bool,
        uchar_in_iri: bool,
        note: str,
    ) -> None:
        self.original = original
        self.text, self.origin = expanded  # origin[i]: index in original of text[i], if moved
        self.cr_ends_comment = cr_ends_comment
        self.uchar_in_iri = uchar_in_iri
        self.oxigraph = uchar_in_iri  # only Oxigraph's reading keeps \u escapes outside strings
        self.note = note  # appended to messages: why this reading differs from the plain one
        self.line_ends: list[int] | None = None  # where comments end, found once (see _comment_end)
        self.lines: list[int] | None = None  # where the original's lines end, for positions

    def position(self, index: int) -> tuple[int, int]:
        """Line and column (from 1) of ``text[index]``, counted in the original text."""
        if self.origin is not None:
            index = self.origin[min(index, len(self.origin) - 1)]
        # Found once: readings that fail (and are dropped) each name a position, and counting
        # the lines before it every time would make a long text's check quadratic.
        if self.lines is None:
            self.lines = [m.start() for m in _re("\n").finditer(self.original)]
        line = bisect.bisect_left(self.lines, index)
        return line + 1, index - (self.lines[line - 1] + 1 if line else 0) + 1

    def where(self, index: int) -> str:
        """``line L, column C`` of ``text[index]``, counted in the original text."""
        line, column = self.position(index)
        return f"line {line}, column {column}"


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _expand(text: str, pattern: str) -> tuple[str, list[int] | None] | None:
    """Expand codepoint escapes, keeping for each character the index it came from.

    None if an escape names no character: the engine reading the text this way rejects it,
    so there is nothing to check in that reading.
    """
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _re(pattern).finditer(text):
        code = int(match.group(match.lastindex or 0), 16)
        if code > sys.maxunicode:
            return None
        pieces.append(text[last : match.start()])
        origin.extend(range(last, match.start()))
        pieces.append(chr(code))
        origin.append(match.start())
        last = match.end()
    if not pieces:
        return text, None
    pieces.append(text[last:])
    origin.extend(range(last, len(text) + 1))  # one past the end, for "unterminated" errors
    return "".join(pieces), origin


def _views(text: str) -> list[_View]:
    """The readings to check: the spec's, Oxigraph's and rdflib's (duplicates dropped).

    The spec processes ``\\u`` escapes before parsing, anywhere in the text; rdflib does too
    (its own way), Oxigraph only inside strings and IRIs. Positions are reported in the text
    as given (``\\u0053ERVICE`` is reported where its backslash is).
    """
    spec = _expand(text, _SPEC_UCHAR)
    rdflib = _expand(text, _RDFLIB_UCHAR)
    escaped = spec is None or spec[1] is not None  # the text holds \u escapes
    candidates: list[_View] = []
    if spec is not None:
        note = _SPEC_NOTE if escaped else ""
        candidates.append(_View(text, spec, cr_ends_comment=True, uchar_in_iri=False, note=note))
    note = _OXIGRAPH_NOTE if escaped else ""
    candidates.append(_View(text, (text, None), cr_ends_comment=True, uchar_in_iri=True, note=note))
    if rdflib is not None:
        candidates.append(
            _View(text, rdflib, cr_ends_comment=False, uchar_in_iri=False, note=_RDFLIB_NOTE)
        )
    views: list[_View] = []
    seen: set[tuple[str, bool, bool]] = set()
    for view in candidates:
        # Readings of the same text differ only if it holds a carriage return (for the
        # comment rule) or a \u escape (inside an IRI).
        key = (
            view.text,
            view.cr_ends_comment and "\r" in view.text,
            view.uchar_in_iri and ("\\u" in view.text or "\\U" in view.text),
        )
        if key not in seen:
            seen.add(key)
            views.append(view)
    return views


def _fold(word: str) -> str:
    """Upper-case ``word`` character by character, keeping its length.

    rdflib compares keywords with ``str.upper()``, which maps the dotless i (U+0131) to
    ``I`` and the long s (U+017F) to ``S``: "serv\u0131ce" is SERVICE to it. A character
    whose upper case is longer than one character is kept as it is.
    """
    if word.isascii():
        return word.upper()
    return "".join(u if len(u := c.upper()) == 1 else c for c in word)


def _find_keyword(folded: str, keywords: tuple[str, ...]) -> tuple[str, int] | None:
    """The keyword occurring first in ``folded`` and its offset, or None."""
    best: tuple[str, int] | None = None
    for keyword in keywords:
        at = folded.find(keyword)
        if at >= 0 and (best is None or at < best[1]):
            best = (keyword, at)
    return best


class _Level:
    """One ``{ ... }`` group (or the whole text): its parentheses and how to read them."""

    __slots__ = ("annotation", "first", "opened_at", "parens", "query_level", "reified", "rows")

    def __init__(
        self, *, query_level: bool, opened_at: int = -1, rows: bool = False, annotation: bool = False
    ) -> None:
        # At the top and in a subquery (a group starting with SELECT) every parenthesis is
        # an expression; elsewhere it may be a collection, a VALUES row, a path or a triple term.
        self.query_level = query_level
        self.opened_at = opened_at  # where its '{' (or '{|') is, -1 for the whole text
        self.rows = rows  # a VALUES data block: its parentheses are rows of terms
        self.annotation = annotation  # an annotation block, '{|' ... '|}'
        self.first = True  # no token read in this group yet
        self.parens: list[tuple[str, int]] = []  # (kind, where) of each open '(' or '<<('
        self.reified: list[int] = []  # where each open '<<' of a reified triple is

    def copy(self) -> _Level:
        twin = _Level(query_level=self.query_level, opened_at=self.opened_at, rows=self.rows)
        twin.annotation, twin.first = self.annotation, self.first
        twin.parens, twin.reified = list(self.parens), list(self.reified)
        return twin


class _Budget:
    """What every reading of one text shares: the work done by alternative readings, and
    where readings already went (``seen``), so that two that meet are not read twice."""

    __slots__ = ("left", "pending", "seen")

    def __init__(self, size: int) -> None:
        self.left = _READINGS_PER_CHAR * size + _READINGS_BASE  # work alternatives may still do
        # (position, state) -> the outcome of reading on from there: a form, an error, or
        # None while that reading is still going.
        self.seen: dict[tuple[object, ...], str | QueryError | None] = {}
        # Alternative readings still to check: the scanner, where, and how it reads the '<'.
        self.pending: list[tuple[_Scanner, int, tuple[str, int]]] = []


def _read(view: _View, allow_update: bool) -> str:
    """The form ``view`` holds, checking every reading of its ambiguous '<' signs.

    The first reading goes first and leaves its traces in the budget's ``seen``; each
    alternative then reads only until it meets a place and state read before.
    """
    budget = _Budget(len(view.text))
    form: str | None = None
    error: QueryError | None = None
    try:
        form = _Scanner(view, allow_update, budget).run()
    except UnsafeQueryError:
        raise
    except QueryError as exc:
        error = exc
    while budget.pending:
        twin, at, reading = budget.pending.pop()
        try:
            found = twin.run(at, reading)
        except UnsafeQueryError:
            raise
        except QueryError:
            continue  # the engine cannot read the text this way either
        form = form or found
    if form is None:
        assert error is not None
        raise error
    return form


class _Merged(Exception):
    """This reading met one that already went on from the same place in the same state."""

    def __init__(self, outcome: str | QueryError) -> None:
        self.outcome = outcome


class _Scanner:
    """Reads one view token by token and refuses as soon as something is not allowed.

    Where the engine's reading of a '<' depends on the grammar (less-than or the start of an
    IRI or a triple term) and the two readings would hide different text, both are read: a
    copy of the scanner continues with the other reading once this one is done (:meth:`_fork`,
    :func:`_read`). A reading that cannot be tokenised is dropped; a refusal in any reading
    refuses the text.
    """

    def __init__(self, view: _View, allow_update: bool, budget: _Budget | None = None) -> None:
        self.view = view
        self.text = view.text
        self.names = _names(view.text)
        self.allow_update = allow_update
        self.refused = REFUSED_KEYWORDS if not allow_update else NETWORK_KEYWORDS
        self.budget = budget or _Budget(len(view.text))
        self.origin = -1  # for an alternative reading: where its '<' is, else -1
        self.marks: list[tuple[object, ...]] = []  # the places this reading registered in seen
        self.levels = [_Level(query_level=True)]
        self.prev: tuple[str, str] = ("", "")
        self.prev2: tuple[str, str] = ("", "")
        self.kind = ""  # "query" or "update", from the first form or operation at the top
        self.form = ""
        self.form_at = 0
        self.suspect: tuple[str, int] | None = None  # see _check_pname
        self.values_pending = False  # a VALUES keyword was read: its '{' opens rows
        self.nesting = 0  # groups, parentheses, brackets and triple terms open now
        self.brackets: list[int] = []  # where each open '[' is
        self.prefix_run = 0  # prefix operators read in a row ('!!!x', '- - -1')
        # Chained operators ('+', '||', a path's '/') on the way to here through the open levels,
        # and what the count was as each level opened (see _chain).
        self.chain = 0
        self.chain_saved: list[int] = []

    def _copy(self) -> _Scanner:
        twin = _Scanner(self.view, self.allow_update, self.budget)
        twin.origin = self.origin
        twin.levels = [level.copy() for level in self.levels]
        twin.prev, twin.prev2 = self.prev, self.prev2
        twin.kind, twin.form, twin.form_at = self.kind, self.form, self.form_at
        twin.suspect, twin.values_pending = self.suspect, self.values_pending
        twin.nesting, twin.brackets, twin.prefix_run = self.nesting, list(self.brackets), self.prefix_run
        twin.chain, twin.chain_saved = self.chain, list(self.chain_saved)
        return twin

    # -- reading -------------------------------------------------------------------------
    def run(self, start: int = 0, forced: tuple[str, int] | None = None) -> str:
        outcome: str | QueryError
        try:
            outcome = self._run(start, forced)
        except _Merged as merged:
            outcome = merged.outcome
        except UnsafeQueryError:
            raise
        except QueryError as exc:
            outcome = exc
        for mark in self.marks:
            self.budget.seen[mark] = outcome
        if isinstance(outcome, QueryError):
            raise outcome
        return outcome

    def _state(self, at: int) -> tuple[object, ...]:
        """Everything that decides how the text is read from ``at`` on.

        Where brackets were opened only matters to messages, so two readings that opened
        them in different places still meet.
        """
        levels = tuple(
            (lv.query_level, lv.rows, lv.annotation, lv.first, tuple(k for k, _ in lv.parens), len(lv.reified))
            for lv in self.levels
        )
        after_filter = self.prev2[0] == "word" and _fold(self.prev2[1]) == "FILTER"
        return (at, levels, self.prev, after_filter, self.kind, self.form, self.suspect,
                self.values_pending, self.nesting, len(self.brackets), self.prefix_run)

    def _meet(self, at: int) -> None:
        """Stop here if another reading went on from this place in this state."""
        self._spend(len(self.levels) + self.nesting + 1, at)  # so does comparing it
        state = self._state(at)
        seen = self.budget.seen
        if state not in seen:
            seen[state] = None
            self.marks.append(state)
        elif (outcome := seen[state]) is not None:
            raise _Merged(outcome)

    def _run(self, start: int, forced: tuple[str, int] | None) -> str:
        text = self.text
        size = len(text)
        i = start
        if forced is not None:
            i = self._emit_angle(i, forced)
        alternative = self.origin >= 0
        last = i
        while i < size:
            if alternative and i - last >= _CHARS_PER_UNIT:  # the characters it passes are paid for
                self._spend((i - last) // _CHARS_PER_UNIT)
                last = i
            c = text[i]
            if c in " \t\n\r":
                i += 1
            elif c == "#":
                i = self._comment_end(i)
            elif c in "'\"":
                end = self._string_end(i)
                self._token("str", text[i:end], i)
                i = end
            elif c == "<":
                i = self._angle(i)
            elif c in "?$":
                match = self.names.varname.match(text, i + 1)
                end = match.end() if match else i + 1
                self._token("var" if match else "punct", text[i:end], i)
                i = end
            elif c == "@" and self.prev[0] == "str":
                match = _re(_LANGTAG).match(text, i)
                end = match.end() if match else i + 1
                self._token("lang" if match else "punct", text[i:end], i)
                i = end
            elif "0" <= c <= "9" or (c == "." and "0" <= text[i + 1 : i + 2] <= "9"):
                match = _re(_NUMBER).match(text, i)
                end = match.end() if match else i + 1
                self._token("num", text[i:end], i)
                i = end
            elif self.names.start.match(c):
                i = self._name(i)
            elif c == ")" and text.startswith(")>>", i) and self._top_paren() == "tt":
                self._token("tt_close", ")>>", i)
                i += 3
            elif c == ">" and text.startswith(">>", i) and self.levels[-1].reified:
                self._token("rt_close", ">>", i)
                i += 2
            elif c == "{" and text.startswith("{|", i):
                self._token("annot_open", "{|", i)
                i += 2
            elif c == "|" and text.startswith("|}", i) and self.levels[-1].annotation:
                self._token("annot_close", "|}", i)
                i += 2
            else:
                self._token("punct", c, i)
                i += 1
        return self._finish()

    def _finish(self) -> str:
        if not self.kind:
            if self.allow_update:
                raise self._error("no SELECT, ASK, CONSTRUCT, DESCRIBE or update operation found", len(self.text))
            raise self._error("no SELECT, ASK, CONSTRUCT or DESCRIBE found", len(self.text))
        # Something left open: the engine rejects the text; a reading that leaves it open
        # (a '<' read as less-than that made a comment of a ')') is not the engine's.
        level = self.levels[-1]
        if level.parens:
            self._unclosed("(", level.parens[-1][1])
        if level.reified:
            self._unclosed("<<", level.reified[-1])
        if self.brackets:
            self._unclosed("[", self.brackets[-1])
        if len(self.levels) > 1:
            self._unclosed("{|" if level.annotation else "{", level.opened_at)
        return self.form if self.kind == "query" else "UPDATE"

    def _unclosed(self, opener: str, at: int) -> None:
        raise self._error(f"'{opener}' at {self.view.where(at)} is never closed", at)

    def _comment_end(self, i: int) -> int:
        # '#' starts a comment only here, outside strings, IRIs and local names, which are
        # read whole. It runs to the end of the line, whose end the engines disagree on. The
        # line ends are found once per reading of the text: readings that start comments at
        # many places on one long line must not each search the rest of it.
        view = self.view
        if view.line_ends is None:
            breaks = r"[\r\n]" if view.cr_ends_comment else r"\n"
            view.line_ends = [m.start() for m in _re(breaks).finditer(self.text)]
        at = bisect.bisect_left(view.line_ends, i)
        return view.line_ends[at] if at < len(view.line_ends) else len(self.text)

    def _string_end(self, i: int) -> int:
        text = self.text
        quote = text[i]
        if text.startswith(quote * 3, i):
            stop, j = _re(_LONG_STOP[quote]), i + 3
            while (match := stop.search(text, j)) is not None:
                if match.group(0) == quote * 3:
                    return match.end()
                j = match.end()
        else:
            stop, j = _re(_SHORT_STOP[quote]), i + 1
            while (match := stop.search(text, j)) is not None:
                if match.group(0) == quote:
                    return match.end()
                if match.group(0) in "\n\r":
                    break  # a short string cannot span lines
                j = match.end()
        if self.origin >= 0:  # the scan to the end is work too, though this reading is dropped
            self._spend((len(text) - i if match is None else j - i) // _CHARS_PER_UNIT + 1)
        raise self._error(f"unterminated string starting at {self.view.where(i)}", i)

    def _top_paren(self) -> str:
        parens = self.levels[-1].parens
        return parens[-1][0] if parens else ""

    def _angle(self, i: int) -> int:
        """Read the token starting with '<' at ``i``; returns where it ends.

        Outside parentheses no expression can stand, so Oxigraph reads '<<(' (a triple
        term), '<<' (a reified triple) or an IRI, in that order, and a lone '<' is an error.
        Inside an expression, right after an operand, '<' is less-than even where an IRI
        could be read. Whether a parenthesis holds an expression is a guess from the words
        before it; where the guess decides what is hidden, both readings are checked.
        """
        text = self.text
        if text.startswith("<<(", i):
            term: tuple[str, int] = ("tt_open", i + 3)
        elif text.startswith("<<", i):
            term = ("rt_open", i + 2)
        else:
            pattern = _IRIREF_UCHAR if self.view.uchar_in_iri else _IRIREF
            match = _re(pattern).match(text, i)
            term = ("iri", match.end()) if match else ("punct", i + 1)
            if match is None and self.origin >= 0:  # how far the failed match looked
                reach = _re(_IRI_REACH).match(text, i)
                self._spend((reach.end() - i if reach else 1) // _CHARS_PER_UNIT + 1)
        less: tuple[str, int] = ("punct", i + 1)
        top = self._top_paren()
        kind, value = self.prev
        # Rows of VALUES and triple terms hold terms only: no operator can stand there.
        # After '(' ',' or an operator an operand must come: '<' cannot be less-than.
        doubt = top in ("expr", "list") and not (
            (kind == "punct" and value in _OPERAND_NEXT) or kind == "tt_open"
        )
        if not doubt or term == less:
            return self._emit_angle(i, term)
        after_operand = (
            kind in _OPERAND_KINDS
            or (kind == "punct" and value in (")", "]"))
            or (kind == "word" and _fold(value) in ("TRUE", "FALSE"))
        )
        first, other = (less, term) if top == "expr" and after_operand else (term, less)
        if term[0] == "iri" and not _re(_STRUCTURAL).search(text, i + 1, term[1] - 1):
            # An IRI holding no quote, '#' or parenthesis hides nothing that could act if
            # the engine read it as code (no '{', no space): read it as the IRI.
            return self._emit_angle(i, term)
        self._meet(i)
        self._fork(i, other)
        return self._emit_angle(i, first)

    def _fork(self, at: int, reading: tuple[str, int]) -> None:
        """Check the rest of the text with ``reading`` of the '<' at ``at`` as well, later."""
        self._spend(len(self.levels) + self.nesting + 1, at)  # copying a level costs about a token
        twin = self._copy()
        twin.origin = at
        self.budget.pending.append((twin, at, reading))

    def _emit_angle(self, i: int, reading: tuple[str, int]) -> int:
        kind, end = reading
        self._token(kind, self.text[i:end], i)
        return end

    def _name(self, i: int) -> int:
        text = self.text
        names = self.names
        if text.startswith("_:", i) and (match := names.bnode.match(text, i)):
            self._token("bnode", match.group(0), i)
            return match.end()
        match = names.pname.match(text, i)
        if match:
            self._token("pname", match.group(0), i)
            return match.end()
        match = names.word.match(text, i)
        end = match.end() if match else i + 1
        self._token("word", text[i:end], i)
        return end

    # -- checking ------------------------------------------------------------------------
    def _spend(self, units: int, at: int = -1) -> None:
        """Pay ``units`` of work from the budget of alternative readings; refuse the text
        once it is spent."""
        budget = self.budget
        budget.left -= units
        if budget.left < 0:
            where = self.origin if self.origin >= 0 else max(at, 0)
            raise self._unsafe(
                f"'<' is ambiguous ({self.view.where(where)}): the text has too many places"
                " where '<' could be less-than or start an IRI; put a space after '<' where it"
                " means less-than",
                where,
            )

    def _token(self, kind: str, value: str, at: int) -> None:
        if self.origin >= 0:
            self._spend(1)
        level = self.levels[-1]
        if self.suspect is not None:
            keyword, suspect_at = self.suspect
            self.suspect = None
            if (kind, value) == ("punct", "{"):
                raise self._refuse(keyword, suspect_at)
        if level.first:
            level.first = False
            if kind == "word" and _fold(value).startswith("SELECT") and len(self.levels) > 1:
                level.query_level = True
        if kind == "punct" and value in _PREFIX_OPERATORS:
            self.prefix_run += 1
            if self.prefix_run > MAX_NESTING:
                raise self._too_deep(f"{self.prefix_run} prefix operators in a row", at)
        else:
            self.prefix_run = 0
        if kind == "punct":
            self._chain(value, at)
        if kind == "word":
            self._check_word(value, at)
        elif kind == "pname":
            self._check_pname(value, at)
        elif kind not in _PLAIN_KINDS:
            self._structure(kind, value, at)
        self.prev2, self.prev = self.prev, (kind, value)

    def _check_word(self, word: str, at: int) -> None:
        folded = _fold(word)
        hit = _find_keyword(folded, self.refused)
        if hit is not None:
            raise self._refuse(hit[0], at + hit[1])
        if folded == "VALUES":
            self.values_pending = True
        if len(self.levels) > 1:
            return
        # At the top of the text: which query form or update operation this is.
        if self.allow_update:
            hit = _find_keyword(folded, UPDATE_KEYWORDS)
            if hit is not None:
                self._saw_update(hit[0], at + hit[1])
        for form in QUERY_FORMS:
            if folded.startswith(form):
                self._saw_form(form, at)

    def _check_pname(self, name: str, at: int) -> None:
        # ``service:x`` is a name in ``?s service:x ?o``, but Oxigraph reads the keyword out
        # of it where SERVICE may stand: ``{ service:x {} }`` runs SERVICE :x. Same for
        # ``from:g`` after SELECT. A prefix holding a refused keyword is refused right before
        # '{' (unless after GRAPH) and at the top outside parentheses (where FROM, USING and
        # the update operations go), unless in a slot where only an IRI can stand.
        prefix = name.split(":", 1)[0]
        hit = _find_keyword(_fold(prefix), self.refused)
        if hit is None:
            return
        if self.prev[0] == "word" and _fold(self.prev[1]) in _NAME_SLOTS:
            return
        keyword, at = hit[0], at + hit[1]
        if len(self.levels) == 1 and not self.levels[0].parens:
            raise self._refuse(keyword, at)
        self.suspect = (keyword, at)

    def _structure(self, kind: str, value: str, at: int) -> None:
        level = self.levels[-1]
        if kind in ("punct", "annot_open") and value in ("{", "{|"):
            self._deeper(at)
            rows, self.values_pending = self.values_pending, False
            self.levels.append(_Level(query_level=False, opened_at=at, rows=rows, annotation=kind == "annot_open"))
        elif kind in ("punct", "annot_close") and value in ("}", "|}"):
            if len(self.levels) == 1:
                raise self._error(f"unbalanced '{value}' at {self.view.where(at)}", at)
            if level.parens:
                self._unclosed("(", level.parens[-1][1])
            if level.reified:
                self._unclosed("<<", level.reified[-1])
            if level.annotation != (kind == "annot_close"):
                expected = "|}" if level.annotation else "}"
                raise self._error(
                    f"'{value}' at {self.view.where(at)} closes the '{'{|' if level.annotation else '{'}'"
                    f" at {self.view.where(level.opened_at)}, which needs '{expected}'",
                    at,
                )
            self._shallower()
            self.values_pending = False
            self.levels.pop()
        elif value == "(" or kind == "tt_open":
            self._deeper(at)
            level.parens.append(("tt" if kind == "tt_open" else self._opens(level), at))
        elif value == ")" or kind == "tt_close":
            if not level.parens or (kind == "tt_close") != (level.parens[-1][0] == "tt"):
                raise self._error(f"unbalanced '{value}' at {self.view.where(at)}", at)
            self._shallower()
            level.parens.pop()
        elif kind == "rt_open":
            self._deeper(at)
            level.reified.append(at)
        elif kind == "rt_close":
            self._shallower()
            level.reified.pop()
        elif value == "[":
            self._deeper(at)
            self.brackets.append(at)
        elif value == "]":
            if self.brackets:
                self._shallower()
                self.brackets.pop()
        elif value == ";" and len(self.levels) == 1 and not level.parens and self.kind != "update":
            # Inside a query ';' only separates predicates (in braces) or comes before
            # SEPARATOR (in parentheses); at the top it separates update operations.
            raise self._unsafe(
                f"';' is not allowed ({self.view.where(at)}): one text holds one query;"
                " ';' separates SPARQL Update operations, never queries",
                at,
            )

    def _chain(self, value: str, at: int) -> None:
        """Count chained operators: Oxigraph builds ``1+1+...+1`` as a tree as deep as the chain
        and walks it recursively, so thousands of them kill the query process as deep nesting
        does. The count runs through the open levels (an operand in parentheses adds its own
        chain to the one around it) and starts again after ',' (the next argument), '.' and ';'
        (the next triple pattern), at the value it had where the level opened."""
        if value in _CHAIN_OPERATORS:
            if value in "|&" and self.prev == ("punct", value):
                return  # the second character of '||' or '&&'
            self.chain += 1
            if self.chain > MAX_CHAIN:
                raise self._unsafe(
                    f"the expression is too long ({self.view.where(at)}): more than {MAX_CHAIN} operators"
                    " ('+', '-', '*', '/', '||', '&&' or a path's '/', '|', '^') in one chain, and the engine"
                    " recurses once per operator; split it, or use IN (...) for a list of values",
                    at,
                )
        elif value in ",.;":
            self.chain = self.chain_saved[-1] if self.chain_saved else 0

    def _shallower(self) -> None:
        self.nesting -= 1
        if self.chain_saved:
            self.chain = self.chain_saved.pop()

    def _deeper(self, at: int) -> None:
        self.chain_saved.append(self.chain)
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self._too_deep(f"groups, parentheses and brackets nest {self.nesting} deep", at)

    def _too_deep(self, what: str, at: int) -> UnsafeQueryError:
        # Oxigraph's parser and evaluator recurse once per level: thousands of levels
        # overflow the stack and kill the query process.
        return self._unsafe(f"the query is nested too deeply ({self.view.where(at)}): {what},"
                            f" and at most {MAX_NESTING} are allowed", at)

    def _opens(self, level: _Level) -> str:
        """What a '(' opened now holds: "expr", or "list" (collection, path) or "row"."""
        if level.rows and not level.parens:
            return "row"
        if level.parens:
            return "expr" if level.parens[-1][0] == "expr" else "list"
        if level.query_level:
            return "expr"
        kind, value = self.prev
        if kind == "word":  # FILTER(, BIND(, a function: regex(; but '?s a (1 2)' is a list
            return "list" if value in ("a", "A") else "expr"
        # FILTER ex:fn(...) or FILTER <fn>(...); elsewhere a name before '(' is a predicate.
        is_call = kind in ("pname", "iri") and self.prev2[0] == "word" and _fold(self.prev2[1]) == "FILTER"
        return "expr" if is_call else "list"

    def _saw_form(self, form: str, at: int) -> None:
        if not self.kind:
            self.kind, self.form, self.form_at = "query", form, at
            return
        if self.kind == "query":
            reason = (
                f"one text holds one query, and a {self.form} query started at"
                f" {self.view.where(self.form_at)}"
            )
        else:
            reason = "a query cannot follow an update in the same text"
        raise self._unsafe(f"{form} is not allowed ({self.view.where(at)}): {reason}", at)

    def _saw_update(self, keyword: str, at: int) -> None:
        if not self.kind:
            self.kind = "update"
        elif self.kind == "query":
            raise self._unsafe(
                f"{keyword} is not allowed ({self.view.where(at)}): an update cannot follow a"
                f" {self.form} query in the same text",
                at,
            )

    def _refuse(self, keyword: str, at: int) -> UnsafeQueryError:
        shown = keyword
        seconds = _SECOND_WORDS.get(keyword, ())
        after = _re(_NEXT_WORD).match(self.text, at + len(keyword))
        if after and after.group(1).upper() in seconds:
            shown = f"{keyword} {after.group(1).upper()}"
        reason = _REASONS.get(keyword, _READ_ONLY)
        return self._unsafe(f"{shown} is not allowed ({self.view.where(at)}): {reason}", at)

    def _unsafe(self, message: str, at: int) -> UnsafeQueryError:
        line, column = self.view.position(at)
        return UnsafeQueryError(message + self.view.note, line=line, column=column)

    def _error(self, message: str, at: int) -> QueryError:
        line, column = self.view.position(at)
        return QueryError(message + self.view.note, line=line, column=column)
