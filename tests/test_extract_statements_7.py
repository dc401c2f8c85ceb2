"""Round 7 of the statements: the readers of issues, solutions and commitments learn from the real
pages read, shipped as feature numbers of the project's own vocabulary; what a sentence no rule
took states is drafted by the surest of three models; a place said to be a prone area, and a
nominalised rise of a harm, are issues."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

from resilience_kg.extract.pipeline import extract_reports
from resilience_kg.extract.recognise import issue_model
from resilience_kg.extract.recognise.issues import find_statements
from resilience_kg.extract.recognise.linear_model import LinearModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import issue_model_samples  # noqa: E402


def _shipped_rows() -> list[dict[str, str]]:
    return issue_model_samples.read_samples()


def test_the_real_pages_ship_as_numbers_only() -> None:
    rows = _shipped_rows()
    assert rows, "the real pages' samples ship with the package"
    assert list(rows[0]) == list(issue_model_samples.COLUMNS)
    for row in rows:
        assert re.fullmatch(r"[0-9a-f]{12}", row["page"])
        assert re.fullmatch(r"tune\d*", row["set"]), row["set"]  # never a frozen set
        assert {row[c] for c in issue_model_samples.CLASSES} <= {"0", "1"}
        assert all(re.fullmatch(r"[0-9a-f]{12}", f) for f in row["features"].split())


def test_every_shipped_feature_names_a_feature_of_the_projects_own_vocabulary() -> None:
    names = issue_model_samples.names()
    shipped = {f for row in _shipped_rows() for f in row["features"].split()}
    assert shipped <= set(names), f"{len(shipped - set(names))} feature numbers name no feature of the project"
    # Words of the real pages' gold: at least some of each class is learnt from.
    for column in issue_model_samples.CLASSES:
        assert sum(int(r[column]) for r in _shipped_rows()) >= 20


def test_a_word_no_text_of_the_project_holds_is_never_shipped() -> None:
    assert not issue_model_samples.owned("w=zorblatik")
    assert not issue_model_samples.owned("b=zorblatik_banjir")
    assert issue_model_samples.owned("w=banjir")  # a word of the synthetic reports
    assert issue_model_samples.owned("cue=Issue:states")  # a feature that holds no word
    text = "Gudang logistik zorblatik kebanjiran setiap musim hujan di kecamatan itu."
    unit = issue_model.units(text)[0]
    kept = [f for f in issue_model.features(text, unit) if issue_model_samples.owned(f)]
    assert kept and not any("zorblatik" in f for f in kept)


def test_frozen_sets_are_refused(tmp_path: Path) -> None:
    frozen = tmp_path / "frozen9"
    frozen.mkdir()
    with pytest.raises(SystemExit, match="frozen"):
        issue_model_samples.rows([frozen])


def _model(weights: dict[str, float], threshold: float) -> LinearModel:
    return LinearModel(-5.0, weights, threshold, "test")


def test_a_sentence_two_models_claim_goes_to_the_surest(monkeypatch: pytest.MonkeyPatch) -> None:
    models = {"Issue": _model({"w=tergenang": 6.0}, 0.6),
              "Solution": _model({"w=tergenang": 5.5, "w=pompa": 7.0}, 0.5),
              "Commitment": _model({"w=pompa": 1.0}, 0.9)}
    monkeypatch.setattr(issue_model, "load_model", lambda kind="Issue": models[kind])
    text = ("Jalan lingkungan di blok timur masih tergenang sepanjang pekan. "
            "Pompa portabel dipindahkan ke blok timur bila jalan tergenang lagi. "
            "Warga berkumpul di balai desa pada sore hari.")
    found = issue_model.find_statement_sentences(text, [])
    assert [(f.kind, f.span.text.split()[0]) for f in found] == [("Issue", "Jalan"), ("Solution", "Pompa")]
    # A sentence the rules took is not read again.
    taken = [(0, text.index("Pompa"))]
    assert [f.kind for f in issue_model.find_statement_sentences(text, taken)] == ["Solution"]
    # The issue reader alone claims both sentences that speak of a flooded road.
    assert [s.text.split()[0] for s in issue_model.find_issue_sentences(text, [])] == ["Jalan", "Pompa"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kecamatan Sukamaju termasuk daerah rawan longsor karena lerengnya curam dan gundul.",
     "Kecamatan Sukamaju termasuk daerah rawan longsor karena lerengnya curam dan gundul"),
    ("Menurut camat, desa pesisir itu merupakan salah satu kawasan rawan abrasi di utara.",
     "desa pesisir itu merupakan salah satu kawasan rawan abrasi di utara"),
    ("Rapat mencatat kian meningkatnya kasus diare pada balita di tiga puskesmas.",
     "Rapat mencatat kian meningkatnya kasus diare pada balita di tiga puskesmas"),
])
def test_a_prone_place_and_a_rising_harm_are_issues(sentence: str, expected: str) -> None:
    found = [(s.kind, sentence[s.start:s.end]) for s in find_statements(sentence)]
    assert found == [("Issue", expected)]


@pytest.mark.parametrize("sentence", [
    "Bantuan beras disalurkan ke desa yang ditetapkan sebagai wilayah rawan longsor.",  # designated, no copula
    "Posko dibuka di kawasan rawan banjir sejak Senin pagi.",  # a place named
    "Panitia mencatat semakin meningkatnya minat warga mengikuti pelatihan relawan.",  # a rise of no harm
])
def test_a_prone_area_named_or_a_rise_of_no_harm_is_no_issue(sentence: str) -> None:
    assert [s for s in find_statements(sentence) if s.kind == "Issue"] == []


REPORT = """Laporan Rapat Koordinasi Siaga Banjir Jakarta Utara

Rapat koordinasi dipimpin Camat Lembahsari di aula kantor Wali Kota Jakarta Utara pada Selasa, 3 Februari 2026.

Kelurahan Lembahsari termasuk daerah rawan banjir rob karena permukaan tanahnya terus turun.

Rapat ditutup pukul 12.00 dengan doa bersama.
"""


def test_a_prone_place_is_drafted_under_its_pillar_and_raised_in_the_meeting(tmp_path: Path) -> None:
    source = tmp_path / "rapat-lembahsari.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (tmp_path / "drafts" / "connections.csv").open(encoding="utf-8") as f:
        links = list(csv.DictReader(f))
    issues = [r for r in rows if r["type"] == "Issue"]
    assert [r["label_id"] for r in issues] == [
        "Kelurahan Lembahsari termasuk daerah rawan banjir rob karena permukaan tanahnya terus turun"]
    event = next(r["id"] for r in rows if r["type"] == "Event")
    kinds = {(c["type"], c["to"]) for c in links if c["from"] == issues[0]["id"]}
    assert ("raisedIn", event) in kinds
    assert {to for p, to in kinds if p == "underPillar"} == {"jakarta-siap"}  # floods: SIAP


PLEDGE = """Notulen Rapat Kesiapsiagaan Musim Hujan Kecamatan Lembahsari

Rapat dipimpin Camat Lembahsari pada Kamis, 5 Februari 2026, dan dihadiri Dinas Sosial.

Kepala Dinas Sosial mengatakan, posko pengungsian telah dibuka di dua sekolah dasar sejak Senin.

Rapat ditutup pukul 11.00.
"""


def test_a_pledge_no_rule_took_is_drafted_with_its_status_and_its_speaker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    never = LinearModel(-30.0, {}, 0.5, "test")
    models = {"Issue": never, "Solution": never, "Commitment": _model({"w=posko": 9.0, "w=pengungsian": 1.0}, 0.5)}
    monkeypatch.setattr(issue_model, "load_model", lambda kind="Issue": models[kind])
    source = tmp_path / "notulen-lembahsari.txt"
    source.write_text(PLEDGE, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (tmp_path / "drafts" / "connections.csv").open(encoding="utf-8") as f:
        links = list(csv.DictReader(f))
    pledges = [r for r in rows if r["type"] == "Commitment"]
    assert [(r["label_id"], r["method"]) for r in pledges] == [
        ("Posko pengungsian telah dibuka di dua sekolah dasar sejak Senin", "model:commitment-sentence")]
    made = {(c["type"], c["to"]) for c in links if c["from"] == pledges[0]["id"]}
    assert ("commitmentStatus", "commitment-status-fulfilled") in made  # "telah": done
    dinsos = next(r["id"] for r in rows if r["label_id"] == "Dinas Sosial")
    assert ("committedBy", dinsos) in made  # the speaker of the sentence
    # What is said is the commitment, not who says it.
    assert not any("mengatakan" in r["label_id"] for r in rows if r["type"] in ("Issue", "Solution", "Commitment"))
