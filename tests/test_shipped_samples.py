"""The shipped samples outlive the real pages they were drafted from: rewriting a samples table on a
machine that lacks some real sets keeps those sets' rows (the pages stay outside the repository)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import issue_model_samples  # noqa: E402
import shipped_tables  # noqa: E402


def _table(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode(), mtime=0) if path.suffix == ".gz" else text.encode())
    return path


@pytest.mark.parametrize("name", ["samples.csv", "samples.csv.gz"])
def test_rows_of_real_sets_not_here_are_kept_in_set_order(tmp_path: Path, name: str) -> None:
    real = tmp_path / "realset"
    (real / "tune3").mkdir(parents=True)  # only tune3 is on this machine
    shipped = _table(tmp_path / name, "page,set,x\nb,synthetic,old\na,tune2,1\nc,tune3,old\nd,tune10,2\n"
                     "e,tune2@abc1234,3\n")  # fmt: skip
    rewritten = "page,set,x\nb,synthetic,new\nc,tune3,new\n"
    got = shipped_tables.keep_absent_sets(rewritten, shipped, absent=shipped_tables.absent_set(real))
    # tune2, tune10 and tune2's earlier draft are absent: kept as shipped; synthetic and tune3 are new.
    assert got == "page,set,x\nb,synthetic,new\na,tune2,1\nc,tune3,new\nd,tune10,2\ne,tune2@abc1234,3\n"


def test_a_table_whose_columns_changed_is_refused_not_dropped(tmp_path: Path) -> None:
    shipped = _table(tmp_path / "s.csv", "page,set,x\na,tune2,1\n")
    with pytest.raises(SystemExit, match="columns differ"):
        shipped_tables.keep_absent_sets("page,set,x,y\n", shipped, absent=lambda s: True)


def test_the_real_sets_are_read_in_number_order(tmp_path: Path) -> None:
    for name in ("tune10", "tune", "tune2", "tune-notes", "frozen3"):
        (tmp_path / name).mkdir()
    assert [p.name for p in shipped_tables.real_folders(tmp_path)] == ["tune", "tune2", "tune10"]


def test_the_shipped_issue_samples_are_reproduced_with_no_real_set_here(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # On a machine with none of the real pages, the writer's --check reproduces the shipped table
    # from the shipped rows alone: none is dropped.
    monkeypatch.setattr(shipped_tables, "REAL", tmp_path / "absent")
    monkeypatch.setattr(issue_model_samples, "FOLDERS", ())
    monkeypatch.setattr(issue_model_samples, "keep_absent_sets",
                        lambda text, shipped: shipped_tables.keep_absent_sets(
                            text, shipped, absent=shipped_tables.absent_set(tmp_path / "absent")))
    assert issue_model_samples.main(["--check"]) == 0
    assert "reproduced" in capsys.readouterr().out
