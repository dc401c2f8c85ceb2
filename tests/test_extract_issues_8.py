"""Issue 20, eighth round: the statement models read where a sentence stands, are judged with whole
sets held out, and a long sentence they draft is labelled by its clause (made-up passages only)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from resilience_kg.extract.pipeline import extract_reports
from resilience_kg.extract.recognise import issue_model
from resilience_kg.extract.recognise.linear_model import LinearModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import train_issue_model  # noqa: E402

LONG = ("Pemerintah Kota Tirtasari menggelar apel gabungan di halaman balai kota pada Senin pagi "
        "untuk menghadapi ancaman banjir rob yang kerap merendam permukiman pesisir.")


def test_a_sentence_is_cut_into_clauses_at_punctuation_and_at_the_words_that_open_one() -> None:
    text = "Pompa di dua titik rusak, sehingga genangan bertahan karena saluran tersumbat sampah."
    clauses = [text[a:b] for a, b in issue_model._clauses(text, 0, len(text) - 1)]
    # The opening word ("sehingga", "karena") is left out of the clause it opens.
    assert clauses == ["Pompa di dua titik rusak", "genangan bertahan", "saluran tersumbat sampah"]


def test_a_long_statement_is_labelled_by_the_clause_the_model_reads_surest() -> None:
    # A made-up model that knows one word of trouble: the clause holding it is the label.
    model = LinearModel(-2.0, {"w=banjir": 4.0}, 0.5, "test")
    issue_model.load_model.cache_clear()
    try:
        original = issue_model.load_model
        issue_model.load_model = lambda kind="Issue": model  # type: ignore[assignment]
        start, end = issue_model.clause_label(LONG, 0, len(LONG) - 1)
    finally:
        issue_model.load_model = original  # type: ignore[assignment]
    label = LONG[start:end]
    assert "banjir rob" in label
    assert "balai kota" not in label and not label.startswith("untuk")


def test_a_short_statement_is_its_own_label() -> None:
    text = "Pompa air di dua titik masih rusak."
    assert issue_model.clause_label(text, 0, len(text) - 1) == (0, len(text) - 1)


def test_a_drafted_statement_keeps_the_whole_sentence_as_its_quote(tmp_path: Path) -> None:
    source = tmp_path / "berita-tirtasari.txt"
    source.write_text("Apel Siaga Banjir Rob di Tirtasari\n\n" + LONG + "\n\nApel ditutup dengan doa bersama.\n",
                      encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["type"] in ("Issue", "Solution", "Commitment")]
    drafted = [r for r in rows if "banjir rob" in r["quote"]]
    assert drafted, rows
    for row in drafted:
        # The label is read from the quote: a part of it, or all of it when the sentence is short.
        assert row["label_id"].lower() in row["quote"].lower()
        assert len(row["label_id"]) <= len(row["quote"])


def _features(text: str) -> dict[str, list[str]]:
    return {text[u.start:u.end].split()[0]: feats for u, feats in issue_model.unit_features(text)}


def test_a_unit_reads_where_it_stands_and_what_its_neighbours_say() -> None:
    text = ("Rakor Penanganan Genangan Kelurahan Tirtasari\n\n"
            "Camat membuka rapat koordinasi pada pukul sembilan pagi.\n"
            "Warga mengeluhkan masih minimnya pompa air di permukiman.\n"
            "Selama Januari tercatat 12 rumah terendam di bantaran kali.\n"
            "Saluran di gang sempit belum dibersihkan sejak tahun lalu.\n")
    feats = _features(text)
    assert "at=first" in feats["Rakor"] and "at=lead" in feats["Camat"]
    assert "at=last" in feats["Saluran"]
    # The sentence after one with a cue of trouble knows it; the one before knows what follows.
    assert "prev=issue-cue" in feats["Selama"] and "next=issue-cue" in feats["Camat"]
    assert "num+harm" in feats["Selama"] and "num+harm" not in feats["Camat"]
    assert "negation" in feats["Saluran"] and "negation" not in feats["Camat"]
    assert not any("lang=en" in f for f in feats.values())
    english = _features("The drainage workshop was opened by the mayor.\nThe pumps have not been repaired yet.\n")
    assert all("lang=en" in f for f in english.values())


def test_the_cross_validation_holds_out_whole_sets(capsys: pytest.CaptureFixture[str]) -> None:
    # Two sets, each a page: one sentence of trouble each. A model trained on one set's page is
    # scored only on the other's: every held-out gold sentence is counted once.
    trouble = (["w=rusak", "w=pompa"], 1, True)
    calm = (["w=rapat", "w=dibuka"], 0, True)
    reports = {"tune/a": [trouble, calm], "tune4/b": [trouble, calm, calm], "synthetic": [trouble, calm]}
    seen: list[int] = []

    def fit(samples: list[tuple[Sequence[str], int]]) -> LinearModel:
        seen.append(len(samples))
        return train_issue_model.train(samples, min_count=1)

    counts = train_issue_model.cross_validate_sets(reports, "Issue", train_fn=fit)
    # Held out: tune's page (trained on the synthetic report and tune4's: 5 sentences), then tune4's (4).
    assert seen == [5, 4]
    assert counts[(0.5, "all")][2] == 2  # the two held-out gold sentences, never the synthetic one
    assert "leave-sets-out" in capsys.readouterr().out
