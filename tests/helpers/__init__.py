"""Helpers the tests share: the CI flag, system tools, fixture files. Browsers and servers are in
``helpers.browser`` and ``helpers.servers``."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(tool: str) -> str:
    """Path of a system tool; skip where it is missing, but fail under CI, which must have it."""
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is required under CI=true; .ci/run must install it")
        pytest.skip(f"{tool} is not installed on this machine")
    return path


def extra(module: str, *, extra: str) -> ModuleType:
    """``module``, part of the optional ``extra``: as ``pytest.importorskip``, the tests of a
    file skip where it is not installed, but under CI, which installs every extra, they fail."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if IN_CI:
            pytest.fail(f"{module} (the {extra} extra) is required under CI=true", pytrace=False)
        pytest.skip(f"{module} is not installed: pip install 'resilience-kg[{extra}]'", allow_module_level=True)


def write(path: Path, text: str) -> Path:
    """Write a small fixture file (UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
