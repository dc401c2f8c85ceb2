"""Optional commands in a core-only install: each names the extra to install, exits 2, and shows
no traceback. The environment is real: a fresh virtualenv with ``pip install`` of the project and
its core dependencies only."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import IN_CI

from resilience_kg.extras import EXTRAS

ROOT = Path(__file__).resolve().parents[1]


def test_every_extra_in_pyproject_is_known_to_the_checker() -> None:
    """The extras the CLI names must exist in pyproject.toml, and provide the modules it checks."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        assert extra in declared, f"extras.py names '{extra}', which pyproject.toml does not declare"
        packages = " ".join(declared[extra]).lower()
        for module in modules:
            wanted = {"docx": "python-docx"}.get(module, module)
            assert wanted in packages, f"'{extra}' does not install {wanted} (for import {module})"


@pytest.fixture(scope="module")
def core_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("core") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        message = f"could not install the core package (no package index?): {proc.stderr[-2000:]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return venv / "bin" / "resilience-kg"


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["serve", "--port", "0"], "server"),
        (["push", "--endpoint", "http://127.0.0.1:9/sparql"], "client"),
        (["query", "--endpoint", "http://127.0.0.1:9/sparql", "ASK {}"], "client"),
        (["analyze", "--endpoint", "http://127.0.0.1:9/sparql"], "client"),
        (["analyze", "--plots", "plots"], "plots"),
        (["extract", "report.txt", "-o", "drafts"], "extract"),
    ],
)
def test_optional_commands_name_their_extra(core_env: Path, tmp_path: Path, args: list[str], extra: str) -> None:
    (tmp_path / "report.txt").write_text("Rapat koordinasi BPBD DKI Jakarta, 3 Maret 2020.\n", encoding="utf-8")
    proc = subprocess.run([str(core_env), *args], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"pip install 'resilience-kg[{extra}]'" in proc.stderr
    assert "Traceback" not in proc.stderr and "ModuleNotFoundError" not in proc.stderr
    assert not (tmp_path / "drafts").exists()


@pytest.mark.slow
def test_the_core_install_builds_and_queries(core_env: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(core_env), "query", "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[2:5] == ["SEHAT", "SIAP", "TERHUBUNG"]
