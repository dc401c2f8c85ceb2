"""The golden test: every output of the bundled data is byte-identical to the recorded one.

A deliberate change of data or output regenerates the record with
``python tests/golden/outputs.py --write``; anything else that changes an output fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))

from outputs import outputs, read_manifest

pytestmark = pytest.mark.slow


def test_outputs_of_the_bundled_data_are_unchanged() -> None:
    want = read_manifest()
    got = outputs()
    changed = sorted(name for name in want if got.get(name) != want[name])
    assert not changed, f"outputs changed: {changed} (regenerate with tests/golden/outputs.py --write if deliberate)"
    assert set(got) == set(want)
