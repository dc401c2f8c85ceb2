"""Optional features and the extra that installs each, so that a missing one is a clear message.

The core install (``pip install resilience-kg``) builds, validates, queries, analyses and draws
the graph. Serving, publishing, plots, DataFrames and report extraction need more; each command
that needs an extra checks for it first and says what to install, instead of ending in a
``ModuleNotFoundError`` traceback.

>>> require("plots", feature="plots")  # matplotlib is installed here
>>> sorted(EXTRAS)
['client', 'extract', 'notebooks', 'plots', 'server']
"""

from __future__ import annotations

import importlib.util

from resilience_kg.errors import MissingExtra

#: extra -> the modules it provides (import names). pyproject.toml's extras must match.
EXTRAS: dict[str, tuple[str, ...]] = {
    "server": ("uvicorn", "starlette", "jinja2"),
    "client": ("httpx",),
    "plots": ("matplotlib",),
    "notebooks": ("pandas",),
    "extract": ("rapidfuzz", "docx", "pypdf"),
}


def install_hint(extra: str) -> str:
    """The command that installs ``extra``."""
    return f"pip install 'resilience-kg[{extra}]'"


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]


def require(extra: str, *, feature: str) -> None:
    """Raise :class:`MissingExtra` naming the install command when ``extra`` is not installed."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtra(
            f"{feature} needs the '{extra}' extra ({', '.join(missing)} not installed): {install_hint(extra)}",
            extra=extra,
        )
