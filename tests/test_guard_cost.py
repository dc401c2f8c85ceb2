"""The guard's cost is linear in the text's length, whatever its shape (issue 18, finding 2).

An 858 KB body of 55 nested groups and many ambiguous '<' once took 21 s to check, on the
server's event loop: each '<' that could be less-than or start an IRI holding '#', a quote or a
parenthesis is read both ways, each alternative reading copied every open level, and a reading
that made a comment of the rest of a long line searched to its end. Now every step an
alternative reading takes is paid from a budget proportional to the text's length, and line
ends are found once.

The property is checked on random texts built from adversarial pieces, at a size and at twice
that size: the work (Python calls, counted exactly) may grow at most about linearly (the bound
allows 3 times for twice the text). CPU time is noisier (a CI run on a loaded machine once measured
3.07 for a true 2.0), so it is compared at a size and four times that size, least of five runs with
the collector off: linear work gives 4, the quadratic cost these tests guard against gave 16, and
the bound is 8.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable

import pytest

from resilience_kg.errors import QueryError
from resilience_kg.sparql import guard

# Pieces that make the lexer fork ('<' after an operand, inside parentheses, with '#', a quote or
# a parenthesis before the next '>'), open and close levels, start comments and strings in one
# reading but not the other, or only cost characters.
PIECES = (
    "?o<a#> ", "?o<a'> ", "?o<a(> ", "1<b)> ", "(?o<a#> ?x) ", "?o<a'#(> 1 ", " || ", " && ", "+1",
    "'s' ", '"t" ', "<u> ", "#", "'", "(", ")", " ", "     ", "?x ", "1 ", "\n",
)


def checked(text: str) -> None:
    try:
        guard._check(text, False)
    except QueryError:
        pass  # refused or unreadable: what counts here is what it cost to find out


def calls(work: Callable[[], None]) -> int:
    """How many Python and C functions ``work`` calls (deterministic, unlike a clock); run once
    before, so that compiling the guard's patterns on first use is not counted."""
    work()
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def cpu(work: Callable[[], None], runs: int = 5) -> float:
    """The least CPU time of ``runs`` runs of ``work``, with the garbage collector off so that a
    collection falling in one run does not count."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def cpu_growth(text: Callable[[int], str], n: int) -> float:
    """How many times the CPU time of checking ``text(n)`` that of ``text(4 * n)`` takes."""
    return cpu(lambda: checked(text(4 * n))) / max(cpu(lambda: checked(text(n))), 1e-3)


@pytest.mark.parametrize("seed", range(6))
def test_twice_the_adversarial_text_costs_at_most_about_twice_the_work(seed: int) -> None:
    rng = random.Random(seed)
    depth = rng.choice((1, 20, 55, 62))
    pieces = list(rng.choices(PIECES, k=1500))
    small = "SELECT * WHERE " + "{" * depth + "FILTER(" + "".join(pieces) + ")" + "}" * depth
    large = "SELECT * WHERE " + "{" * depth + "FILTER(" + "".join(pieces * 2) + ")" + "}" * depth
    ratio = calls(lambda: checked(large)) / calls(lambda: checked(small))
    assert ratio <= 3.0, f"twice the text made {ratio:.1f} times the calls (seed {seed}, depth {depth})"


@pytest.mark.parametrize("piece", ["(?o<a#> ?x) ", "?o<a'#(> 1 ", "1<a(>1<b)> ", "?o<a'> || ", "?o<a#>?o<b#>"])
def test_the_reported_shapes_take_linear_cpu_time(piece: str) -> None:
    """The shapes of the report: 55 nested groups, one ambiguous '<' after another. Before the
    fix, 8,000 of the first took 20 s, 4 times as long as 4,000."""
    def text(n: int) -> str:
        return "SELECT * WHERE " + "{" * 55 + "FILTER(" + piece * n + ")" + "}" * 55

    small, large = text(1000), text(2000)
    assert calls(lambda: checked(large)) <= 3 * calls(lambda: checked(small))
    ratio = cpu_growth(text, 1000)
    assert ratio <= 8.0, f"four times the text took {ratio:.1f} times the CPU time"


def test_a_comment_started_at_many_places_on_one_long_line_is_not_searched_each_time() -> None:
    # Each '<' read as less-than makes a comment of the '#' inside it, to the end of the line;
    # with no line break in 100,000 characters, finding that end once per reading was quadratic.
    def text(n: int) -> str:
        return "SELECT * WHERE { FILTER(" + "?o<a#> " * n + " 1) }"

    ratio = cpu_growth(text, 2000)
    assert ratio <= 8.0, f"four times the text took {ratio:.1f} times the CPU time"
