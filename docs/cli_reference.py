"""Write docs/cli.md, the CLI reference, from the commands' own --help (so it cannot drift).

    python docs/cli_reference.py          # rewrite docs/cli.md
    python docs/cli_reference.py --check  # exit 1 if docs/cli.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from resilience_kg.cli import main as cli

TARGET = Path(__file__).resolve().parent / "cli.md"


def reference() -> str:
    """The reference: the group's help, then each command's, in the order --help lists them. Each
    help is what ``resilience-kg [COMMAND] --help`` prints, run through the command itself (as a
    user runs it), so settings such as ``-h`` show as they are."""
    parts = ["# resilience-kg command reference", "", "Generated from `--help` by `docs/cli_reference.py`.", ""]
    parts += ["```text", _help([]), "```", ""]
    with click.Context(cli, info_name="resilience-kg") as ctx:
        names = cli.list_commands(ctx)
    for name in names:
        parts += [f"## {name}", "", "```text", _help([name]), "```", ""]
    return "\n".join(parts)


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="resilience-kg", terminal_width=100)
    if result.exit_code != 0:
        raise SystemExit(f"resilience-kg {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip("\n")


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python docs/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
