"""Differential fuzzing of the query guard against Oxigraph's own parser.

A generator that knows SPARQL 1.2 writes queries full of the places where a lexer can lose
its way: triple terms ``<<( )>>``, reified triples ``<< ~ >>``, annotations ``{| |}``,
``VERSION``, directional language tags, IRIs holding quotes, ``#`` and parentheses, strings
holding quotes, ``#``, ``<`` and ``>``, comments ended by ``\\r``, ``\\u`` escapes, tokens
glued together, and live ``SERVICE`` clauses among decoys that only mention the word.

The oracle is Oxigraph's reading of the text, found without trusting any lexer of ours: a
refused keyword (SERVICE, FROM, ...) is *live* in a text Oxigraph accepts if changing one of
its letters makes Oxigraph reject the text (a keyword inside a string, an IRI, a comment or a
name can be changed freely). A text Oxigraph accepts with a live keyword that the guard lets
through is a bypass. With ``--confirm N``, N accepted texts with a live SERVICE are also run
against an in-memory store while a socket listens on 127.0.0.1: Oxigraph must connect to it,
which checks the oracle against the engine's real behaviour. Every IRI the generator writes is
relative or on 127.0.0.1, so nothing can reach another machine. (The oracle cannot judge a
keyword inside a declared prefix, ``PREFIX service: <...>``: changing it leaves the prefix
undeclared. The generator declares only ``ex:`` and ``:``.)

    python bench/fuzz_guard.py                    # 20,000 queries
    python bench/fuzz_guard.py --cases 200000 --seed 7
    python bench/fuzz_guard.py --seconds 60 --confirm 50

Prints the queries tried, how Oxigraph and the guard read them, the bypasses found (each
shown whole; exit status 1 if any), the rate, and the guard's cost per query, on the
generated texts and on the bundled queries.
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import table, versions  # noqa: E402  (bench/report.py, beside this file)

from resilience_kg.errors import QueryError, UnsafeQueryError  # noqa: E402
from resilience_kg.sparql.guard import REFUSED_KEYWORDS, check_query  # noqa: E402

# The \\u escapes the generator writes; a text holding any other is not sent to Oxigraph.
_ESCAPES = frozenset({"\\u0041", "\\u0022", "\\u0027"})
_WORDISH = re.compile(r"[\w:?$.\-]")
# Every occurrence of a refused keyword, whatever the case: candidates for the oracle.
_KEYWORDS = re.compile("|".join(REFUSED_KEYWORDS), re.IGNORECASE)


class Listener:
    """A socket on 127.0.0.1 that accepts connections, counts them and closes them at once.

    The generated SERVICE clauses point here, so a query that Oxigraph evaluates eagerly
    (ASK) fails fast instead of waiting, and ``--confirm`` can see real requests.
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self.hits = 0
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.sock.close()


class Generator:
    """Random SPARQL 1.2 queries, mostly valid, written to trip a lexer."""

    def __init__(self, rng: random.Random, port: int) -> None:
        self.r = rng
        self.base = f"http://127.0.0.1:{port}/"
        self.depth = 0
        self.tight = 0.0  # chance of writing two tokens with nothing between them


    # -- helpers ---------------------------------------------------------------------------
    def pick(self, *options: str) -> str:
        return self.r.choice(options)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def sep(self, left: str = "", right: str = "") -> str:
        # Glued tokens are where lexers disagree; comments may hold quotes and end at \r.
        # Two word characters must stay apart, or the text only fails to parse.
        roll = self.r.random()
        apart = bool(left) and bool(right) and _WORDISH.match(left[-1]) and _WORDISH.match(right[0])
        if roll < self.tight and not apart:
            return ""
        if roll < 0.85:
            return " "
        if roll < 0.93:
            return self.pick("\n", "\t", "\r\n", "\r")
        return " #" + self.pick("", "'", '"', " SERVICE <x> {}", "'x", "<", ">>", "}") + self.pick("\n", "\r")

    def join(self, *parts: str) -> str:
        out = parts[0]
        for part in parts[1:]:
            out += self.sep(out, part) + part
        return out

    # -- terms -----------------------------------------------------------------------------
    def var(self) -> str:
        return self.pick("?", "?", "$") + self.pick("s", "p", "o", "x", "y", "service", "from", "a1")

    def iri(self) -> str:
        # Valid IRIs (Oxigraph checks them) full of what a lexer could misread as code:
        # quotes, parentheses, '?', ';', '=' and one '#', which would start a comment.
        pieces = ["a", "b", "'", "(", ")", "?", "=", ";", ".", ",", "~", "@", "SERVICE", "%27", "\\u0041",
                  "'>'", "!", "$", "&", "*", "+", ":", "/", "x'"]
        body = "".join(self.r.choice(pieces) for _ in range(self.r.randint(0, 4)))
        if self.chance(0.4):
            body += "#" + "".join(self.r.choice(pieces) for _ in range(self.r.randint(0, 3)))
        if self.chance(0.03):
            return f"<{body}>"  # relative, which Oxigraph rejects without a base
        return f"<{self.base}{body}>"

    def pname(self) -> str:
        local = self.pick("a", "b", "SERVICE", "from", "a\\#b", "a\\'b", 'a\\"b', "a.b", "", "a\\~", "x-1")
        return self.pick("ex:", ":") + local

    def string(self) -> str:
        quote = self.pick("'", '"', "'''", '"""')
        other = '"' if quote[0] == "'" else "'"
        pieces = ["a", " ", "#", ">", "<", "}", "{", other, f"\\{quote[0]}", "\\u0022", "\\u0027",
                  " SERVICE <x> {} ", "\\\\", "\\n", ">>", "<<", "|}", "{|"]
        if len(quote) == 3:
            pieces += ["\n", quote[0], quote[0] * 2]
        if self.chance(0.4):
            # The few bodies that end a misread IRI or block early.
            body = self.pick(">", "a>", ">>", "#", "|}", ")>>", "}", "<", other)
        else:
            body = "".join(self.r.choice(pieces) for _ in range(self.r.randint(0, 4)))
        text = f"{quote}{body}{quote}"
        roll = self.r.random()
        if roll < 0.15:
            text += self.pick("@en", "@en-US", "@en--ltr", "@ar--rtl", "@id")
        elif roll < 0.22:
            text += "^^" + self.pick(self.iri(), "ex:dt", "<http://www.w3.org/2001/XMLSchema#string>")
        return text

    def literal(self) -> str:
        roll = self.r.random()
        if roll < 0.5:
            return self.string()
        if roll < 0.8:
            return self.pick("1", "1.5", ".5", "1e3", "-1", "+2", "0")
        return self.pick("true", "false")

    def term(self, *, position: str = "o") -> str:
        roll = self.r.random()
        deep = self.depth > 3
        if roll < 0.3 or (deep and roll < 0.6):
            return self.var()
        if roll < 0.5:
            return self.iri()
        if roll < 0.6:
            return self.pname()
        if position == "o" and roll < 0.75:
            return self.literal()
        if roll < 0.8:
            return self.pick("_:b", "[]", "_:service")
        self.depth += 1
        try:
            if roll < 0.87:
                return self.triple_term()
            if roll < 0.93:
                return self.reified()
            if roll < 0.97:
                return self.join("(", *[self.term() for _ in range(self.r.randint(0, 3))], ")")
            return self.join("[", self.verb(), self.term(), "]")
        finally:
            self.depth -= 1

    def triple_term(self) -> str:
        return self.join("<<(", self.term(position="s"), self.verb(), self.term(), ")>>")

    def reified(self) -> str:
        parts = ["<<", self.term(position="s"), self.verb(), self.term()]
        if self.chance(0.4):
            parts += ["~", self.pick(self.var(), self.iri(), self.pname(), "")]
        return self.join(*parts, ">>")

    def verb(self) -> str:
        roll = self.r.random()
        if roll < 0.4:
            return self.var()
        if roll < 0.7:
            return self.iri()
        if roll < 0.85:
            return self.pname()
        if roll < 0.9:
            return "a"
        return self.join("(", self.iri(), "|", self.pname(), ")") if self.chance(0.5) else "^" + self.iri()

    # -- expressions -----------------------------------------------------------------------
    def operand(self) -> str:
        roll = self.r.random()
        if roll < 0.35:
            return self.var()
        if roll < 0.55:
            return self.literal()
        if roll < 0.65:
            return self.iri()
        if roll < 0.72:
            return self.pname()
        if self.depth > 3:
            return self.var()
        self.depth += 1
        try:
            if roll < 0.8:
                return self.join("<<(", self.term(position="s"), self.verb(), self.term(), ")>>")
            if roll < 0.9:
                fn = self.pick("STR", "LANG", "isTRIPLE", "LANGDIR", "hasLANGDIR", "SUBJECT", "isIRI", "BOUND")
                return self.join(fn, "(", self.expression(), ")")
            if roll < 0.95:
                return self.join("TRIPLE", "(", self.operand(), ",", self.operand(), ",", self.operand(), ")")
            return self.join("(", self.expression(), ")")
        finally:
            self.depth -= 1

    def expression(self) -> str:
        left = self.operand()
        roll = self.r.random()
        if roll < 0.3:
            return left
        if roll < 0.4:
            return self.join(self.pick("!", "-"), left)
        if roll < 0.5:
            return self.join(left, self.pick("IN", "NOT IN"), "(", self.operand(), ",", self.operand(), ")")
        op = self.pick("<", "<", "<", "<=", ">", ">=", "=", "!=", "&&", "||", "+", "-", "*", "/")
        return self.join(left, op, self.operand())

    # -- patterns --------------------------------------------------------------------------
    def triples(self) -> str:
        parts = [self.term(position="s"), self.verb(), self.term()]
        if self.chance(0.2):
            parts += ["~", self.pick(self.var(), self.iri(), "_:r", "")]
        if self.chance(0.2):
            parts += ["{|", self.verb(), self.term(), "|}"]
        if self.chance(0.2):
            parts += [self.pick(";", ","), self.verb() if parts[-1] != "," else "", self.term()]
        return self.join(*parts)

    def service(self) -> str:
        # Live SERVICE clauses, some written as Oxigraph also accepts them glued.
        silent = self.pick("", "SILENT", "silent")
        # Oxigraph reads a keyword without looking where the word ends: 'SERVICESILENT'.
        keyword = self.pick("SERVICE", "service", "Service", "SERVICESILENT", "trueSERVICE", "1SERVICE")
        target = self.pick(f"<{self.base}x>", f"<{self.base}sparql?q='#'>", "?endpoint")
        return self.join(keyword, silent, target, self.group()) if silent else self.join(keyword, target, self.group())

    def element(self) -> str:
        roll = self.r.random()
        deep = self.depth > 3
        if roll < 0.3 or (deep and roll < 0.7):
            return self.triples()
        if roll < 0.45:
            return self.join("FILTER", "(", self.expression(), ")")
        if roll < 0.5:
            return self.join("BIND", "(", self.expression(), "AS", self.var(), ")")
        if roll < 0.57:
            rows = " ".join(self.join("(", self.term(), self.pick(self.term(), "UNDEF"), ")") for _ in range(2))
            return self.join("VALUES", "(", self.var(), self.var(), ")", "{", rows, "}")
        if roll < 0.6:
            return self.join("VALUES", self.var(), "{", self.term(), self.term(), "}")
        if deep:
            return self.triples()
        self.depth += 1
        try:
            if roll < 0.68:
                return self.service()
            if roll < 0.74:
                return self.join(self.group(), "UNION", self.group())
            if roll < 0.8:
                return self.join(self.pick("OPTIONAL", "MINUS"), self.group())
            if roll < 0.84:
                return self.join("GRAPH", self.pick(self.var(), self.iri()), self.group())
            if roll < 0.9:
                return self.join("FILTER", self.pick("EXISTS", "NOT EXISTS"), self.group())
            if roll < 0.95:
                return self.join("{", "SELECT", "*", "WHERE", self.group(), "}")
            return self.group()
        finally:
            self.depth -= 1

    def group(self) -> str:
        elements = [self.element() for _ in range(self.r.randint(0, 3))]
        body = self.join(*elements, ".") if elements and self.chance(0.3) else (
            self.join(*elements) if elements else "")
        return self.join("{", body, "}") if body else "{}"

    def query(self) -> str:
        # Some queries are written as tightly as the engine allows, most with some spaces.
        self.tight = self.pick(0.0, 0.3, 0.8, 1.0)
        prologue = []
        if self.chance(0.2):
            prologue.append(self.join("VERSION", self.pick('"1.2"', "'1.2'")))
        if self.chance(0.7):
            prologue.append(self.join("PREFIX", "ex:", f"<{self.base}ns#'>"))
        if self.chance(0.3):
            prologue.append(self.join("PREFIX", ":", self.iri()))
        form = self.pick("SELECT", "SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
        head = [form]
        if form == "SELECT":
            head.append(self.pick("*", self.var(), self.join("(", self.expression(), "AS", "?z", ")")))
        elif form == "DESCRIBE":
            head.append(self.pick("*", self.var(), self.iri()))
        elif form == "CONSTRUCT":
            head.append(self.join("{", self.triples(), "}"))
        if self.chance(0.03):
            head.append(self.join("FROM", f"<{self.base}g>"))
        tail = []
        if form == "SELECT" and self.chance(0.2):
            tail.append(self.join("ORDER", "BY", self.pick(self.var(), "DESC(?s)", "ASC(?o)")))
        if form != "ASK" and self.chance(0.2):
            tail.append(self.join("LIMIT", "1"))
        text = self.join(*prologue, *head, self.pick("WHERE", "where", ""), self.group(), *tail) if prologue else \
            self.join(*head, self.pick("WHERE", "where", ""), self.group(), *tail)
        if self.chance(0.3):
            text += self.pick(" #'", ' #"', "#'", " #", "#'''", " # >>'")
        return text


# -- oracle -------------------------------------------------------------------------------


def local_only(text: str, base: str) -> bool:
    """Whether every URL Oxigraph could fetch for ``text`` is on ``base`` (127.0.0.1).

    The oracle evaluates some texts (ASK at once, and ``--confirm``), so a mutated host
    (``127.0.0.1`` losing a character, ``http:12.0.0.1``) must never reach Oxigraph. Oxigraph
    fetches only http(s) URLs: every "http" in the text, whatever its case, must start
    ``base`` exactly, and the only escapes allowed are those the generator writes.
    """
    if any(m.group(0) not in _ESCAPES for m in re.finditer(r"\\[uU][0-9A-Fa-f]*", text)):
        return False
    return all(text.startswith(base, m.start()) for m in re.finditer("(?i)http", text))


def _oxigraph_accepts(store: object, text: str, prefixes: dict[str, str] | None = None) -> bool:
    """Whether Oxigraph parses ``text`` as a query (evaluation errors do not count)."""
    try:
        store.query(text, prefixes=prefixes)  # type: ignore[attr-defined]
    except SyntaxError:
        return False
    except Exception:
        return True
    return True


def live_keywords(
    store: object, text: str, *, prefixes: dict[str, str] | None = None
) -> list[tuple[str, int]] | None:
    """The refused keywords Oxigraph reads as keywords in ``text``; None if it rejects the text.

    A keyword is live if changing one of its letters makes Oxigraph reject the text: inside a
    string, an IRI, a comment, a name or a language tag a changed letter changes nothing.
    ``prefixes`` are declared for the query, as the project declares its own.
    """
    if not _oxigraph_accepts(store, text, prefixes):
        return None
    live = []
    for match in _KEYWORDS.finditer(text):
        at = match.start() + 1
        mutated = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :]
        if not _oxigraph_accepts(store, mutated, prefixes):
            live.append((match.group(0).upper(), match.start()))
    return live


def guard_verdict(text: str) -> str:
    """"accept", "refuse" (UnsafeQueryError) or "error" (QueryError) from check_query."""
    try:
        check_query(text)
    except UnsafeQueryError:
        return "refuse"
    except QueryError:
        return "error"
    return "accept"


def runs_service(text: str, listener: Listener) -> bool:
    """Run ``text`` on an empty in-memory store: did Oxigraph connect to the listener?"""
    import pyoxigraph as ox

    before = listener.hits
    try:
        result = ox.Store().query(text)
        if not isinstance(result, ox.QueryBoolean):
            for _ in result:  # type: ignore[union-attr]
                pass
    except Exception:
        pass
    deadline = time.monotonic() + 1.0
    while listener.hits == before and time.monotonic() < deadline:
        time.sleep(0.005)
    return listener.hits > before


@dataclass
class Report:
    """What one fuzzing run found."""

    tried: int = 0
    oxigraph_accepts: int = 0
    live: int = 0  # accepted by Oxigraph with a live refused keyword
    guard_refused: int = 0
    guard_errors: int = 0
    false_refusals: int = 0  # accepted by Oxigraph, nothing live, refused or rejected by the guard
    bypasses: list[str] = field(default_factory=list)
    confirmed: int = 0  # of the texts run for real, how many made Oxigraph connect
    confirm_tried: int = 0
    seconds: float = 0.0
    guard_seconds: list[float] = field(default_factory=list)


def splices(text: str, rng: random.Random, base: str, *, every: bool) -> list[str]:
    """``text`` with a live SERVICE put after a '{' and a comment holding a quote at the end.

    A lexer that lost its way somewhere in ``text`` hides what follows from that point on, up
    to where it finds its way again, often a quote in a final comment: a SERVICE put there is
    what an attacker would do. ``every`` tries each '{' with each quote, else one at random.
    """
    braces = [m.end() for m in re.finditer(r"\{(?!\|)", text)]
    if not braces:
        return []
    service = f" SERVICE <{base}x> {{}} "
    tails = [" #'", ' #"', " #'''"]
    if every:
        return [text[:at] + service + text[at:] + tail for at in braces for tail in tails]
    at = rng.choice(braces)
    return [text[:at] + service + text[at:] + rng.choice(tails)]


_MUTATIONS = "<>(){}[]|'\"#?$:;.,=!&*+-/^~@\\ \n\r"


def mutate(text: str, rng: random.Random) -> str:
    """``text`` with one to three characters inserted, deleted or replaced: the adjacencies a
    grammar-driven generator does not write."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        roll = rng.random()
        if roll < 0.4:
            text = text[:at] + rng.choice(_MUTATIONS) + text[at:]
        elif roll < 0.7:
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + rng.choice(_MUTATIONS) + text[at + 1 :]
    return text


def fuzz(*, cases: int, seed: int = 1, seconds: float | None = None, confirm: int = 0) -> Report:
    """Generate up to ``cases`` queries (or for ``seconds``) and compare the guard with Oxigraph.

    Each text Oxigraph accepts is also tried with a SERVICE spliced in (:func:`splices`): at
    every '{' where the guard and Oxigraph disagree on the plain text, at one '{' otherwise;
    and a third of them with a few characters changed (:func:`mutate`), spliced in turn if
    Oxigraph still accepts them.
    """
    import pyoxigraph as ox

    listener = Listener()
    store = ox.Store()
    rng = random.Random(seed)
    gen = Generator(rng, listener.port)
    report = Report()
    to_confirm: list[str] = []

    def check(text: str) -> tuple[str, list[tuple[str, int]] | None]:
        if not local_only(text, gen.base):
            return "skipped", None
        report.tried += 1
        t0 = time.perf_counter()
        verdict = guard_verdict(text)
        report.guard_seconds.append(time.perf_counter() - t0)
        report.guard_refused += verdict == "refuse"
        report.guard_errors += verdict == "error"
        live = live_keywords(store, text)
        if live is None:
            return verdict, None
        report.oxigraph_accepts += 1
        if live:
            report.live += 1
            if verdict == "accept":
                report.bypasses.append(text)
            elif any(k == "SERVICE" for k, _ in live) and len(to_confirm) < confirm:
                to_confirm.append(text)
        elif verdict != "accept":
            report.false_refusals += 1
        return verdict, live

    started = time.perf_counter()
    try:
        while report.tried < cases and (seconds is None or time.perf_counter() - started < seconds):
            text = gen.query()
            verdict, live = check(text)
            if live is None:
                continue
            disagree = not live and verdict != "accept"
            for variant in splices(text, rng, gen.base, every=disagree):
                check(variant)
            if rng.random() < 0.3:
                mutant = mutate(text, rng)
                verdict, live = check(mutant)
                if live is not None:
                    for variant in splices(mutant, rng, gen.base, every=not live and verdict != "accept"):
                        check(variant)
        report.seconds = time.perf_counter() - started
        for text in to_confirm:
            report.confirm_tried += 1
            report.confirmed += runs_service(text, listener)
    finally:
        listener.close()
    return report


def bundled_cost(repeat: int = 200) -> list[list[str]]:
    """The guard's cost on each bundled query: rows of name, size, median and p99 (µs)."""
    from importlib.resources import files

    rows = []
    folder = files("resilience_kg.sparql") / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            check_query(text)
            times.append(time.perf_counter() - t0)
        times.sort()
        rows.append([entry.name, f"{len(text):,}", f"{times[len(times) // 2] * 1e6:.0f}",
                     f"{times[int(len(times) * 0.99)] * 1e6:.0f}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=20_000, help="queries to generate (default 20,000)")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--confirm", type=int, default=20,
                        help="run this many refused texts with a live SERVICE for real (default 20)")
    parser.add_argument("--show", type=int, default=5, help="bypasses to print whole (default 5)")
    args = parser.parse_args(argv)
    cases = args.cases if args.seconds is None else sys.maxsize

    print(f"# Query guard against Oxigraph ({versions('pyoxigraph')})")
    report = fuzz(cases=cases, seed=args.seed, seconds=args.seconds, confirm=args.confirm)
    rate = report.tried / report.seconds if report.seconds else 0.0
    guard = sorted(report.guard_seconds)
    table(
        ["figure", "value"],
        [
            ["queries tried", f"{report.tried:,}"],
            ["accepted by Oxigraph", f"{report.oxigraph_accepts:,}"],
            ["  with a live SERVICE/FROM/...", f"{report.live:,}"],
            ["refused by the guard", f"{report.guard_refused:,}"],
            ["unreadable to the guard", f"{report.guard_errors:,}"],
            ["  of which Oxigraph runs, nothing live", f"{report.false_refusals:,}"],
            ["bypasses (live, guard accepts)", f"{len(report.bypasses):,}"],
            ["live SERVICE run for real: connected", f"{report.confirmed}/{report.confirm_tried}"],
            ["queries per second (with oracle)", f"{rate:,.0f}"],
            ["guard median per query (µs)", f"{guard[len(guard) // 2] * 1e6:.0f}" if guard else "-"],
            ["guard p99 per query (µs)", f"{guard[int(len(guard) * 0.99)] * 1e6:.0f}" if guard else "-"],
            ["guard mean per query (µs)", f"{statistics.fmean(guard) * 1e6:.0f}" if guard else "-"],
        ],
    )
    print("\n# Guard cost on the bundled queries")
    table(["query", "chars", "median µs", "p99 µs"], bundled_cost())
    for text in report.bypasses[: args.show]:
        print(f"\nBYPASS: {text!r}")
    return 1 if report.bypasses else 0


if __name__ == "__main__":
    sys.exit(main())
