"""The bundled dataset: the Jakarta joint workshop of 28 November 2019, as CSV tables.

``sources.csv`` names the report, ``elements.csv`` holds one row per node and
``connections.csv`` one row per link; the report's text is under ``sources/``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

TABLES = ("sources.csv", "elements.csv", "connections.csv")


def data_dir() -> Traversable:
    """The folder of the bundled tables (a Traversable: read it, do not write to it)."""
    return files(__name__)


def bundled_tables() -> list[Traversable]:
    """The bundled CSV tables, sources first."""
    return [data_dir().joinpath(name) for name in TABLES]
