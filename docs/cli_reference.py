"""Write docs/cli.md, the CLI reference, from the commands' own --help (so it cannot drift).

    python docs/cli_reference.py          # rewrite docs/cli.md
    python docs/cli_reference.py --check  # exit 1 if docs/cli.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from resilience_kg.cli import main as cli

TARGET = Path(__file__).resolve().parent / "cli.md"


def reference() -> str:
    """The reference: the group's help, then each command's, in the order --help lists them."""
    parts = ["# resilience-kg command reference", "", "Generated from `--help` by `docs/cli_reference.py`.", ""]
    with click.Context(cli, info_name="resilience-kg", terminal_width=100) as ctx:
        parts += ["```text", cli.get_help(ctx), "```", ""]
        for name in cli.list_commands(ctx):
            command = cli.get_command(ctx, name)
            assert command is not None
            with click.Context(command, info_name=name, parent=ctx, terminal_width=100) as sub:
                parts += [f"## {name}", "", "```text", command.get_help(sub), "```", ""]
    return "\n".join(parts)


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
