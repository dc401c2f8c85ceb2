"""Round 15, issues on unseen reports: an issue that lists its problems with commas alone, each a
problem of its own (a cue of an issue in it, or the issue reader reads it as one), is drafted one
issue an item, as the annotation guide says; a predicate that goes on with the relative clause
before it ("yang bocor, tidak terawat") stays with it."""

from __future__ import annotations

import csv
from pathlib import Path

from resilience_kg.extract.components.contents import _comma_problems
from resilience_kg.extract.pipeline import extract_reports

REPORT = ("Musyawarah Warga tentang Air Bersih di Desa Sukamaju\n\n"
          "Sukamaju, 3 Maret 2025 - Pemerintah Desa Sukamaju menggelar musyawarah warga di balai desa "
          "membahas layanan air bersih.\n\n"
          "Dalam musyawarah itu Kepala Desa menyampaikan bahwa layanan air bersih terkendala pipa distribusi "
          "yang bocor, tidak terawat dan hilang dicuri, belum adanya petugas pengawas sambungan liar di "
          "setiap dusun, kurangnya anggaran pemeliharaan jaringan pipa desa.\n")


def _issue_labels(tmp_path: Path, report: str) -> list[str]:
    source = tmp_path / "musyawarah-sukamaju.txt"
    source.write_text(report, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        return [r["label_id"] for r in csv.DictReader(f) if r["type"] == "Issue"]


def test_a_comma_list_of_problems_is_one_issue_an_item(tmp_path: Path) -> None:
    labels = [label.lower() for label in _issue_labels(tmp_path, REPORT)]
    # One issue a problem: the second and third items are drafted apart (before, one issue held all three).
    assert any(label.startswith("belum adanya petugas pengawas sambungan liar") for label in labels)
    assert "kurangnya anggaran pemeliharaan jaringan pipa desa" in labels
    assert not any("sambungan liar" in label and "kurangnya" in label for label in labels)


def test_a_predicate_of_the_relative_clause_stays_with_it() -> None:
    text = ("sarana penunjang air bersih yang rusak, tidak terawat dan hilang dicuri orang, belum terbentuknya "
            "satuan tugas pengawasan air bersih, kurangnya anggaran pemeliharaan jaringan pipa desa")
    parts = [text[a:b] for a, b in _comma_problems(text, 0, len(text))]
    assert parts == ["sarana penunjang air bersih yang rusak, tidak terawat dan hilang dicuri orang",
                     "belum terbentuknya satuan tugas pengawasan air bersih",
                     "kurangnya anggaran pemeliharaan jaringan pipa desa"]


def test_two_clauses_and_a_comma_stay_one_issue() -> None:
    text = "debit sumur warga terus menurun sejak Juli, sehingga warga kesulitan mendapatkan air bersih"
    assert _comma_problems(text, 0, len(text)) == []
