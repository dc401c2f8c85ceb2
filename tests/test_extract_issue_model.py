"""The issue model beside the rules: the shipped weights load with their basis, the training
script gives the same weights for the same reports, and a report's problem stated as a plain fact
is drafted as an issue with the model's own method and confidence."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from resilience_kg.extract.pipeline import extract_reports
from resilience_kg.extract.recognise import issue_model
from resilience_kg.extract.recognise.rules import confidence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import train_issue_model  # noqa: E402

REPORT = """Notulen Rapat Koordinasi Kesiapsiagaan Banjir Kecamatan Tirtasari

Rapat dibuka pukul 09.00 oleh Camat Tirtasari.

Hasil diskusi:
- Warga di bantaran kali kerap membuang sampah rumah tangga ke saluran.
- Dinas Lingkungan Hidup akan menambah armada pengangkut sampah.

Rapat ditutup pukul 12.00 dan dilanjutkan dengan makan siang bersama.
"""


def test_the_shipped_model_loads_with_its_basis_and_threshold() -> None:
    model = issue_model.load_model()
    assert "bench/train_issue_model.py" in model.basis and "tests/extract_devset" in model.basis
    assert 0 < model.threshold < 1
    assert model.weights["cue=Issue:states"] > 0  # a word of trouble speaks for an issue
    assert model.weights["under=Solution"] < 0  # a point under "Rekomendasi" is no issue


def test_a_model_table_without_its_bias_and_threshold_rows_is_refused() -> None:
    with pytest.raises(ValueError, match="_bias row, then its _threshold row"):
        issue_model.parse_model("feature,weight,basis\nw=banjir,1.0,\n")


def _samples(text: str, issues: list[str]) -> list[tuple[list[str], int]]:
    spans = [(text.index(s), text.index(s) + len(s)) for s in issues]
    return [(issue_model.features(text, u), issue_model.label(u, spans)) for u in issue_model.units(text)]


def test_training_is_reproducible_and_learns_its_samples() -> None:
    text = ("Permasalahan:\n- Saluran tersumbat sampah di tiga titik.\n- Pompa sering mati saat hujan deras.\n"
            "Rapat dibuka oleh camat pada pukul sembilan pagi.\nRapat ditutup dengan doa bersama oleh peserta.\n")
    samples = _samples(text, ["Saluran tersumbat sampah di tiga titik", "Pompa sering mati saat hujan deras"])
    assert [y for _, y in samples] == [0, 1, 1, 0, 0]
    first = train_issue_model.train(samples, min_count=1)
    again = train_issue_model.train(samples, min_count=1)
    assert issue_model.write_model(first) == issue_model.write_model(again)
    probabilities = [first.probability(f) for f, _ in samples]
    assert min(probabilities[1:3]) > first.threshold > max(probabilities[0], *probabilities[3:])
    # The table written is the table read.
    back = issue_model.parse_model(issue_model.write_model(first))
    assert back.probability(samples[1][0]) == pytest.approx(first.probability(samples[1][0]), abs=1e-3)


class _ReadsDumping:
    """An issue model sure of one sentence, the one about dumping waste, and of no other: the test
    reads how the pipeline drafts what a model finds, not one sentence's score under the shipped
    weights (those fell from 0.84 to 0.58 on this sentence as the real pages grew from 552 to 648)."""

    threshold = 0.6

    def probability(self, features: list[str]) -> float:
        return 0.9 if "w=membuang" in features else 0.01


def test_a_problem_stated_as_a_fact_is_drafted_with_the_models_method(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = issue_model.load_model
    monkeypatch.setattr(issue_model, "load_model",
                        lambda kind="Issue": _ReadsDumping() if kind == "Issue" else shipped(kind))
    source = tmp_path / "notulen-tirtasari.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        issues = [r for r in csv.DictReader(f) if r["type"] == "Issue"]
    drafted = {r["label_id"]: r for r in issues}
    row = drafted["Warga di bantaran kali kerap membuang sampah rumah tangga ke saluran"]
    assert row["method"] == issue_model.METHOD
    assert float(row["confidence"]) == confidence(issue_model.METHOD)
    assert not any("ditutup" in label or "armada" in label for label in drafted)


@pytest.mark.slow
def test_the_shipped_weights_are_what_the_training_script_gives(capsys: pytest.CaptureFixture[str]) -> None:
    assert train_issue_model.main(["--check"]) == 0, capsys.readouterr().out
