"""What every benchmark prints the same way: aligned tables and the versions measured."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_NUMBER = re.compile(r"^[-+]?[\d.,]+(e[-+]?\d+)?(x|%)?$")


def table(header: list[str], rows: list[list[str]]) -> None:
    """Print a table: numeric columns right-aligned, text left-aligned, a rule under the header."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    numeric = [
        bool(rows) and all(_NUMBER.match(str(r[i])) or str(r[i]) in ("", "-") for r in rows) for i in range(len(header))
    ]
    for j, r in enumerate([header, *rows]):
        cells = [
            str(c).rjust(w) if numeric[i] else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print("    " + "  ".join(cells).rstrip())
        if j == 0:
            print("    " + "  ".join("-" * w for w in widths))
    sys.stdout.flush()


def versions(*dists: str) -> str:
    """The Python version, each distribution's version, and the machine."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"python {platform.python_version()}"]
    for dist in dists:
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} missing")
    return ", ".join(parts) + f"; {os.cpu_count()} CPUs, {platform.machine()}"


def last_json(text: str) -> dict[str, Any] | None:
    """The last line of ``text`` that is a JSON object: how a worker process reports."""
    for line in reversed(text.strip().splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def run_worker(script: str, argv: list[str], *, timeout: float, cwd: Path) -> tuple[dict[str, Any] | None, str]:
    """Run ``script --worker ARGV`` in a fresh interpreter: (its JSON result, or None and why not)."""
    name = " ".join(argv)
    try:
        proc = subprocess.run([sys.executable, script, "--worker", *argv], capture_output=True, text=True,
                              timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, f"worker {name} did not finish in {timeout:g} s"
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        return None, f"worker {name} exited {proc.returncode}: " + " | ".join(tail)
    result = last_json(proc.stdout)
    return (result, "") if result is not None else (None, f"worker {name} printed no result")


class Probe:
    """Times the calls of some functions while it is active, by swapping module attributes in
    this process only (the library is not changed). Each call is recorded under the current
    ``step`` with a label."""

    def __init__(self, targets: list[tuple[Any, str, str]]) -> None:
        self.targets = targets
        self.saved: list[tuple[Any, str, Any]] = []
        self.step = ""
        self.calls: list[tuple[str, str, float]] = []

    def _wrap(self, fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.calls.append((self.step, label, time.perf_counter() - started))

        return timed

    def __enter__(self) -> Probe:
        for module, attr, label in self.targets:
            original = getattr(module, attr)
            self.saved.append((module, attr, original))
            setattr(module, attr, self._wrap(original, label))
        return self

    def __exit__(self, *exc: object) -> None:
        for module, attr, original in reversed(self.saved):
            setattr(module, attr, original)
        self.saved.clear()

    def parts(self, step: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for s, label, seconds in self.calls:
            if s == step:
                out[label] = out.get(label, 0.0) + seconds
        return out
