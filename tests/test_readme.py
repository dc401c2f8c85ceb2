"""The README's examples run as written and print what the README shows."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def console_examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every `$ resilience-kg ...` in a console block."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *expected = chunk.rstrip("\n").split("\n")
            examples.append((command, expected))
    return examples


def test_readme_gives_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


@pytest.mark.parametrize(("command", "expected"), console_examples(), ids=lambda x: str(x)[:50])
def test_console_example(command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)
    assert argv[0] == "resilience-kg"
    result = CliRunner().invoke(main, argv[1:])
    lines = result.output.rstrip("\n").split("\n")
    if "..." in expected:
        head = expected[: expected.index("...")]
        assert lines[: len(head)] == head
    else:
        assert lines == expected
    assert result.exit_code == (2 if expected and expected[0].startswith("Error:") else 0)


def test_python_example_prints_what_the_readme_says() -> None:
    code = re.search(r"```python\n(.*?)```", README, re.S)
    assert code is not None
    source = code.group(1)
    shown = [line.removeprefix("# ") for line in source.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == shown
