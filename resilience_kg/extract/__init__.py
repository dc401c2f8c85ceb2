"""From activity reports to draft graph data: read, recognise, resolve, draft, review.

The public entry point is :func:`extract_reports`; the command ``resilience-kg extract`` calls it.
"""

from __future__ import annotations

from resilience_kg.extract.pipeline import ExtractResult, extract_reports
from resilience_kg.extract.readers import INSTALL_HINT, ExtractError, MissingDependency, read_source

__all__ = ["INSTALL_HINT", "ExtractError", "ExtractResult", "MissingDependency", "extract_reports", "read_source"]
