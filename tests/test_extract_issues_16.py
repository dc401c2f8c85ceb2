"""Round 16: the statement readers' guide cases (bench/statement_guide_cases.csv) guard their retrain."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench")]

import train_issue_model  # noqa: E402

from resilience_kg.extract.recognise import issue_model  # noqa: E402
from resilience_kg.extract.recognise.linear_model import LinearModel  # noqa: E402


def shipped() -> dict[str, LinearModel]:
    return {kind: issue_model.load_model(kind) for kind in issue_model.KINDS}


def test_the_shipped_readers_read_every_guide_case_as_the_guide_says() -> None:
    assert train_issue_model.guide_failures(shipped(), train_issue_model.read_guide()) == []


def test_a_reader_that_drafts_a_presentation_of_conditions_as_an_issue_is_refused() -> None:
    # An issue reader that drafts every sentence would make "X menyampaikan kondisi ..." an issue.
    models = shipped()
    models["Issue"] = LinearModel(10.0, {}, 0.6, "drafts everything")
    failures = train_issue_model.guide_failures(models, train_issue_model.read_guide())
    assert any("menyampaikan kondisi" in f and "['issue']" in f for f in failures), failures


def test_every_guide_case_learns_as_one_sample_of_its_kind() -> None:
    cases = train_issue_model.read_guide()
    for kind in issue_model.KINDS:
        samples = train_issue_model.guide_samples(cases, kind)
        assert len(samples) == len(cases)
        positives = sum(s[0][1] for s in samples.values())
        assert positives == sum(c["label"] == kind.lower() for c in cases)


def test_the_guide_cases_are_made_up_passages_with_a_known_label() -> None:
    for case in train_issue_model.read_guide():
        assert case["sentence"] in case["text"]
        assert case["label"] in ("issue", "solution", "commitment", "none")
        assert case["guide"]


def issues_of(text: str) -> list[str]:
    from resilience_kg.extract.recognise.enumerations import find_items

    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


def test_the_cause_a_report_gives_of_a_fire_is_an_issue() -> None:
    text = ("Wali Kota Sera meninjau lokasi kebakaran di Kelurahan Lumen. Kebakaran diduga disebabkan korsleting "
            "listrik di sebuah gudang. Warga yang terdampak mengungsi ke balai warga.")
    assert issues_of(text) == ["Kebakaran diduga disebabkan korsleting listrik di sebuah gudang"]


def test_what_a_fire_burned_down_and_where_it_started_are_issues() -> None:
    text = ("Camat Sera menerangkan kebakaran itu menghanguskan 80 rumah semipermanen. Api diduga berasal dari "
            "tabung gas yang bocor di dapur warga.")
    found = issues_of(text)
    assert any("menghanguskan 80 rumah" in f for f in found), found


def test_a_cause_with_no_hazard_is_no_issue() -> None:
    # "disebabkan" needs a hazard or a counted harm within reach: a delay explained is no problem raised.
    text = "Rapat dimulai pukul sepuluh. Pergantian jadwal rapat disebabkan oleh agenda pimpinan yang padat."
    assert issues_of(text) == []
