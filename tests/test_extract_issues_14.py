"""Round 14, the issue reader held out by whole sets: every real set the shipped samples hold is
held out once by ``bench/train_issue_model.py``'s leave-sets-out cross-validation, so the figures it
prints (and the settings chosen from them) speak of pages the model never read."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from resilience_kg.extract.pipeline import extract_reports

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import issue_model_samples  # noqa: E402
import train_issue_model  # noqa: E402


def test_every_set_of_the_shipped_samples_is_held_out_once() -> None:
    grouped = [name for group in train_issue_model.SET_GROUPS for name in group]
    assert len(grouped) == len(set(grouped))
    shipped = {row["set"].split("@")[0] for row in issue_model_samples.read_samples()}
    assert shipped - {"synthetic"} <= set(grouped)


def test_a_held_out_group_is_scored_by_a_model_that_never_read_it() -> None:
    # Two made-up pages in two groups: each is scored by a model trained without its group, so a
    # feature only one page holds says nothing of the other.
    first, second = train_issue_model.SET_GROUPS[0][0], train_issue_model.SET_GROUPS[-1][0]
    reports = {f"{first}/a": [(["w=genangan", "w=jalan"], 1, True)] * 3 + [(["w=rapat"], 0, True)] * 3,
               f"{second}/b": [(["w=antrean", "w=panjang"], 1, True)] * 3 + [(["w=rapat"], 0, True)] * 3}
    seen: list[set[str]] = []

    def fit(samples):  # type: ignore[no-untyped-def]
        seen.append({f for feats, _ in samples for f in feats})
        return train_issue_model.train(samples, min_count=1)

    train_issue_model.cross_validate_sets(reports, "Issue", train_fn=fit)
    assert len(seen) == 2
    assert "w=genangan" not in seen[0] and "w=antrean" in seen[0]
    assert "w=antrean" not in seen[1] and "w=genangan" in seen[1]


REPORT = ("Rapat Koordinasi Penanganan Dampak Kemarau Kecamatan Sukaraya\n\n"
          "Sukaraya, 12 Agustus 2025 - Camat Sukaraya memimpin rapat koordinasi bersama para lurah di aula "
          "kantor kecamatan.\n\n"
          "Dampak kekeringan yang melanda warga di antaranya meliputi menurunnya debit sumur warga, rusaknya "
          "tanaman padi di sawah tadah hujan, serta naiknya harga air bersih eceran.\n\n"
          "Rapat juga membahas potensi bencana di wilayah itu yaitu banjir, longsor, dan angin kencang.\n")


def _issue_labels(tmp_path: Path) -> list[str]:
    source = tmp_path / "rakor-sukaraya.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        return [r["label_id"] for r in csv.DictReader(f) if r["type"] == "Issue"]


def test_the_harms_an_issue_enumerates_are_drafted_one_issue_each(tmp_path: Path) -> None:
    labels = _issue_labels(tmp_path)
    for harm in ("Menurunnya debit sumur warga", "Rusaknya tanaman padi di sawah tadah hujan",
                 "Naiknya harga air bersih eceran"):
        assert harm in labels
    # A list of single words names the hazards a place faces: no issue of its own each.
    assert "Longsor" not in labels and "Banjir" not in labels


def test_a_list_of_hazards_in_phrases_stays_one_issue() -> None:
    from resilience_kg.extract.recognise.issues import listed_problems

    text = ("Ancaman musim hujan di pesisir itu antara lain gelombang tinggi di perairan selatan, "
            "banjir rob di permukiman nelayan, serta angin kencang pada sore hari.")
    assert listed_problems(text, 0, len(text) - 1) == [(0, len(text) - 1)]
