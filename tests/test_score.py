"""The scorer on small hand-checked cases: matching, duplicates, optional actors, quotes, dates, roles,
and the issues, solutions and commitments a report links to its event, pillars and bodies."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from resilience_kg.errors import DataError
from resilience_kg.extract.score import (
    ROLES,
    Extracted,
    baseline,
    load_gold,
    read_extracted,
    score_report,
    strongest_role,
    text_match,
    total,
)

TEXT = "Rapat pada 14 Januari 2020 dihadiri Dinas Sumber Daya Air (DSDA), BPBD dan Hotel Mawar."


def _gold(tmp_path: Path) -> Path:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "source": "r.txt",
        "event": {"kind": "meeting", "date": "2020-01-14"},
        "actors": [
            {"surface": "Dinas Sumber Daya Air (DSDA)", "name": "Dinas Sumber Daya Air", "id": "dsda",
             "sector": "GovernmentAgency", "role": "participant", "aliases": ["DSDA"]},
            {"surface": "BPBD", "name": "Badan Penanggulangan Bencana Daerah", "id": "bpbd",
             "sector": "GovernmentAgency", "role": "organizer"},
            {"surface": "Hotel Mawar", "name": "Hotel Mawar", "id": None, "sector": "PrivateCompany",
             "role": "mentioned", "optional": True},
        ],
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def _ex(**actors: tuple[str, set[str]]) -> Extracted:
    return Extracted(actors={k: {"type": t, "names": n} for k, (t, n) in actors.items()})


def test_match_by_id_or_by_name(tmp_path):
    gold = load_gold(_gold(tmp_path))
    s = score_report(gold, _ex(dsda=("GovernmentAgency", {"x"}), r1=("PrivateCompany", {"B.P.B.D."})))
    assert (s.extracted, s.matched, s.gold) == (2, 2, 2)
    assert (s.precision, s.recall) == (1.0, 1.0)
    assert s.sector_accuracy == 0.5 and s.sector_wrong == ["Badan Penanggulangan Bencana Daerah: PrivateCompany "
                                                           "(gold GovernmentAgency)"]


def test_a_second_node_for_one_actor_is_a_false_positive(tmp_path):
    gold = load_gold(_gold(tmp_path))
    s = score_report(gold, _ex(a=("GovernmentAgency", {"DSDA"}), b=("GovernmentAgency", {"Dinas Sumber Daya Air"})))
    assert (s.extracted, s.matched) == (2, 1)
    assert s.precision == 0.5 and s.recall == 0.5
    assert s.missed == ["BPBD"]


def test_optional_actors_count_neither_way(tmp_path):
    gold = load_gold(_gold(tmp_path))
    found = score_report(gold, _ex(h=("PrivateCompany", {"Hotel Mawar"}), d=("GovernmentAgency", {"DSDA"})))
    assert (found.extracted, found.matched, found.false_positives) == (1, 1, [])
    assert found.gold == 2


def test_matching_is_one_to_one_and_maximal(tmp_path):
    """A node that could be either actor takes the one the other node cannot."""
    gold = load_gold(_gold(tmp_path))
    s = score_report(gold, _ex(a=("GovernmentAgency", {"DSDA", "BPBD"}), b=("GovernmentAgency", {"DSDA"})))
    assert s.matched == 2


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_read_extracted_tables(tmp_path):
    gold = load_gold(_gold(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("Dinas")
    _write_csv(out / "sources.csv", [{"id": "r", "title_id": "R", "title_en": "R", "file": "r.txt"}])
    _write_csv(out / "elements.csv", [
        {"id": "ev", "type": "Event", "label_id": "Rapat", "date": "2020-01-14", "quote": "Rapat", "start": "0",
         "end": "5", "source": "r", "same_as": "", "status": "draft"},
        {"id": "r-dsda", "type": "GovernmentAgency", "label_id": "Dinas Sumber Daya Air", "date": "",
         "quote": "Dinas Sumber Daya Air", "start": str(start), "end": str(start + 21), "source": "r",
         "same_as": "dsda", "status": "draft"},
        {"id": "r-bpbd", "type": "GovernmentAgency", "label_id": "BPBD", "date": "", "quote": "BPBD",
         "start": "0", "end": "4", "source": "r", "same_as": "", "status": "draft"},  # offsets are wrong
        {"id": "r-x", "type": "PrivateCompany", "label_id": "Junk", "date": "", "quote": "Junk", "start": "",
         "end": "", "source": "r", "same_as": "", "status": "rejected"},
    ])  # fmt: skip
    _write_csv(out / "connections.csv", [
        {"from": "ev", "to": "r-bpbd", "type": "organizedBy", "quote": "", "status": "draft"},
        {"from": "r-dsda", "to": "ev", "type": "mentionedIn", "quote": "", "status": "draft"},
        {"from": "ev", "to": "post-head", "type": "openedBy", "quote": "", "status": "draft"},
        {"from": "post-head", "to": "r-bpbd", "type": "org:postIn", "quote": "", "status": "draft"},
    ])  # fmt: skip
    ex = read_extracted(out)
    assert set(ex.actors) == {"dsda", "r-bpbd"}  # the rejected row is no actor
    assert (ex.quotes_exact, ex.quotes_total) == (2, 3)
    assert ex.event_date == "2020-01-14"
    s = score_report(gold, ex)
    assert (s.matched, s.date_right, s.dated) == (2, 1, 1)
    assert (s.roles_right, s.roles_total) == (1, 2)  # BPBD organised; DSDA was a participant, not mentioned
    assert ex.roles["r-bpbd"] == {"organizer", "speaker"}  # opened through its head's post


def test_the_strongest_drafted_role_is_scored(tmp_path):
    """A speaker also drafted as a participant is a speaker: right where the gold says speaker, and a
    wrong promotion (gold participant) is caught, which scoring "any drafted role" never did."""
    gold = load_gold(_gold(tmp_path))  # DSDA participant, BPBD organizer
    promoted = _ex(dsda=("GovernmentAgency", {"DSDA"}), bpbd=("GovernmentAgency", {"BPBD"}))
    promoted.roles = {"dsda": {"speaker", "participant"}, "bpbd": {"participant", "organizer", "speaker"}}
    s = score_report(gold, promoted)
    assert (s.roles_right, s.roles_total) == (1, 2)
    assert s.role_wrong == ["Dinas Sumber Daya Air: got speaker, participant (gold participant), cue none"]
    promoted.roles["dsda"] = {"participant", "mentioned"}
    assert score_report(gold, promoted).roles_right == 2
    assert ROLES == ("organizer", "host", "speaker", "participant", "mentioned")
    assert strongest_role({"participant", "speaker", "host"}) == "host"
    assert strongest_role(set()) is None


def test_an_unknown_gold_role_is_refused(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"source": "r.txt", "actors": [
        {"surface": "X", "name": "X", "sector": "GovernmentAgency", "role": "presenter"}]}), encoding="utf-8")
    with pytest.raises(DataError, match=r"r.json: actor 1 \('X'\): unknown role 'presenter'"):
        load_gold(path)
    path.write_text(json.dumps({"source": "r.txt", "actors": [
        {"surface": "X", "name": "X", "sector": "GovernmentAgency", "role": "opener"}]}), encoding="utf-8")
    assert load_gold(path).actors[0].role == "opener"  # scored as a speaker


def test_baseline_finds_dinas_and_acronyms(tmp_path):
    gold = load_gold(_gold(tmp_path))
    ex = baseline(TEXT)
    labels = {next(iter(a["names"])) for a in ex.actors.values()}  # type: ignore[call-overload]
    assert labels == {"Dinas Sumber Daya Air", "DSDA", "BPBD"}
    s = score_report(gold, ex)
    assert (s.extracted, s.matched) == (3, 2)  # DSDA is a second node for the Dinas


def test_totals_are_micro_averages(tmp_path):
    gold = load_gold(_gold(tmp_path))
    a = score_report(gold, _ex(dsda=("GovernmentAgency", {"x"})))
    b = score_report(gold, _ex(z=("GovernmentAgency", {"nothing"})))
    t = total([a, b])
    assert (t.extracted, t.matched, t.gold) == (2, 1, 4)
    assert t.precision == pytest.approx(0.5) and t.recall == pytest.approx(0.25)


def test_bad_annotation_names_the_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"source": "x.txt", "actors": [], "issues": [], "issues": ["a"]}')
    with pytest.raises(DataError, match=r"bad.json: cannot read the annotation: the key 'issues' is given twice"):
        load_gold(path)
    path.write_text(json.dumps({"source": "x.txt", "actors": [{"surface": "X", "name": "X", "sector": "Gov"}]}))
    with pytest.raises(DataError, match=r"bad.json: actor 1 \('X'\): unknown sector 'Gov'"):
        load_gold(path)
    path.write_text(json.dumps({"actors": []}))
    with pytest.raises(DataError, match=r"bad.json: missing field 'source'"):
        load_gold(path)


def test_a_node_resolved_to_another_body_does_not_match_by_name(tmp_path):
    """Jakarta's BPBD (id bpbd) is not Semarang's BPBD, though both are written 'BPBD'."""
    (tmp_path / "s.txt").write_text("BPBD Kota Semarang dan BPBD.", encoding="utf-8")
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"source": "s.txt", "actors": [
        {"surface": "BPBD Kota Semarang", "name": "BPBD Kota Semarang", "id": "bpbd-semarang",
         "sector": "GovernmentAgency", "aliases": ["BPBD"]}]}), encoding="utf-8")
    gold = load_gold(path)
    wrong = score_report(gold, _ex(bpbd=("GovernmentAgency", {"BPBD"})))
    assert (wrong.matched, wrong.false_positives) == (0, ["BPBD"])
    # Listed, so that a gold id naming the same body differently can be aligned by hand.
    assert wrong.id_conflicts == ["BPBD Kota Semarang (gold id bpbd-semarang) is named like node bpbd"]
    unresolved = score_report(gold, _ex(**{"r-bpbd": ("GovernmentAgency", {"BPBD"})}))
    assert unresolved.matched == 1


MEETING = (
    "Rapat 2 Maret 2020 dihadiri DSDA dan PAM JAYA. Permasalahan: (1) sampah menyumbat pintu air; "
    "(2) pipa bocor di Kamal Muara. Sesi Air Bersih: cakupan air perpipaan rendah. "
    "DSDA mengusulkan patroli sampah harian. PAM JAYA akan mengganti pipa pada Juni 2020."
)


def _statement_gold(tmp_path: Path, **extra: object) -> Path:
    (tmp_path / "m.txt").write_text(MEETING, encoding="utf-8")
    gold = {
        "source": "m.txt", "city": "DKI Jakarta", "event": {"kind": "meeting", "date": "2020-03-02"},
        "actors": [
            {"surface": "DSDA", "name": "Dinas Sumber Daya Air", "id": "dsda", "sector": "GovernmentAgency",
             "role": "participant"},
            {"surface": "PAM JAYA", "name": "Perumda Air Minum Jaya", "id": "pam-jaya",
             "sector": "RegionalEnterprise", "role": "participant"},
        ],
        "issues": [
            {"surface": "sampah menyumbat pintu air", "pillar": "jakarta-sehat", "raised_in": "event"},
            {"surface": "pipa bocor di Kamal Muara", "pillar": None, "raised_in": "event"},
            {"surface": "cakupan air perpipaan rendah", "pillar": "jakarta-sehat",
             "raised_in": "session:Sesi Air Bersih"},
        ],
        "solutions": [
            {"surface": "patroli sampah harian", "pillar": "jakarta-sehat", "proposed_by": ["dsda"],
             "presented_in": "event"},
        ],
        "commitments": [
            {"surface": "PAM JAYA akan mengganti pipa pada Juni 2020", "party": ["pam-jaya"], "status": "planned",
             "pillar": "jakarta-sehat"},
        ],
        **extra,
    }  # fmt: skip
    path = tmp_path / "m.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def _statement_drafts(tmp_path: Path) -> Path:
    """A drafts folder as ``extract`` writes it, with right and wrong links, counted by hand in the test."""
    out = tmp_path / "drafts"
    out.mkdir()

    def el(id_: str, type_: str, label: str, **more: str) -> dict[str, str]:
        return {"id": id_, "type": type_, "label_id": label, "quote": "", "start": "", "end": "", "same_as": "",
                "status": "draft", "date": "", **more}  # fmt: skip

    _write_csv(out / "elements.csv", [
        el("ev", "Event", "Rapat", date="2020-03-02"),
        el("ses", "Session", "Sesi Air Bersih"),
        el("a-dsda", "GovernmentAgency", "DSDA", same_as="dsda"),
        el("a-pam", "RegionalEnterprise", "PAM JAYA"),
        el("post-dirut", "Post", "Direktur PAM JAYA"),
        el("i1", "Issue", "(1) Sampah menyumbat pintu air;"),  # punctuation and case do not matter
        el("i2", "Issue", "Pipa bocor di Kamal Muara"),
        el("i3", "Issue", "Cakupan air perpipaan rendah"),
        el("i-extra", "Issue", "Rapat 2 Maret 2020 dihadiri DSDA dan PAM JAYA"),  # drafted, not gold
        el("s1", "Solution", "DSDA mengusulkan patroli sampah harian"),  # the proposer's clause is allowed
        el("c1", "Commitment", "PAM JAYA akan mengganti pipa"),
        el("i-rejected", "Issue", "pipa bocor di Kamal Muara", status="rejected"),
    ])  # fmt: skip
    _write_csv(out / "connections.csv", [
        {"from": "i1", "to": "ev", "type": "raisedIn", "status": "draft"},  # right
        {"from": "i1", "to": "jakarta-sehat", "type": "underPillar", "status": "draft"},  # right
        {"from": "i2", "to": "ses", "type": "raisedIn", "status": "draft"},  # wrong: the event, not the session
        {"from": "i2", "to": "jakarta-siap", "type": "underPillar", "status": "draft"},  # wrong: gold has no pillar
        {"from": "i3", "to": "ses", "type": "raisedIn", "status": "draft"},  # right
        {"from": "i3", "to": "jakarta-sehat", "type": "underPillar", "status": "draft"},  # right...
        {"from": "i3", "to": "jakarta-siap", "type": "underPillar", "status": "draft"},  # ...but two pillars: wrong
        {"from": "s1", "to": "ev", "type": "presentedIn", "status": "draft"},  # right
        {"from": "s1", "to": "jakarta-sehat", "type": "underPillar", "status": "draft"},  # right
        {"from": "s1", "to": "a-dsda", "type": "proposedBy", "status": "draft"},  # right, through the row id
        {"from": "c1", "to": "post-dirut", "type": "committedBy", "status": "draft"},  # right, through the post
        {"from": "post-dirut", "to": "a-pam", "type": "org:postIn", "status": "draft"},
        {"from": "c1", "to": "commitment-status-offered", "type": "commitmentStatus", "status": "draft"},  # wrong
    ])  # fmt: skip
    return out


def test_statements_found_placed_pillared_and_attributed(tmp_path):
    gold = load_gold(_statement_gold(tmp_path))
    s = score_report(gold, read_extracted(_statement_drafts(tmp_path)))
    assert (s.matched, s.gold) == (2, 2)
    assert (s.issues_found, s.issues_gold) == (3, 3)
    assert (s.issues_drafted_matched, s.issues_drafted) == (3, 4)  # the rejected row is not drafted
    assert (s.raised_right, s.raised_total) == (2, 3)
    assert (s.pillar_right, s.pillar_total) == (1, 3)
    assert s.pillar_accuracy == pytest.approx(1 / 3)
    assert (s.solutions_found, s.presented_right, s.solution_pillar_right, s.proposers_right) == (1, 1, 1, 1)
    assert (s.commitments_found, s.parties_right, s.parties_total) == (1, 1, 1)
    assert (s.status_right, s.status_total) == (0, 1)
    assert s.statement_misses == []


def test_statements_not_drafted_count_against_every_measure(tmp_path):
    gold = load_gold(_statement_gold(tmp_path))
    s = score_report(gold, Extracted())
    assert (s.issues_found, s.raised_right, s.raised_total, s.pillar_right, s.pillar_total) == (0, 0, 3, 0, 3)
    assert (s.proposers_right, s.proposers_total, s.status_right, s.status_total) == (0, 1, 0, 1)
    assert len(s.statement_misses) == 5
    t = total([s, score_report(gold, read_extracted(_statement_drafts(tmp_path)))])
    assert (t.issues_found, t.issues_gold, t.pillar_right, t.pillar_total) == (3, 6, 1, 6)
    assert t.fraction("status_right", "status_total") == (0, 2, 0.0)


def test_an_issue_without_a_pillar_is_right_only_when_drafted_without_one(tmp_path):
    gold = load_gold(_statement_gold(tmp_path))
    drafts = _statement_drafts(tmp_path)
    rows = (drafts / "connections.csv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if not r.startswith("i2,jakarta-siap")]
    (drafts / "connections.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert score_report(gold, read_extracted(drafts)).pillar_right == 2


def test_text_match_is_fuzzy_containment_of_whole_words():
    assert text_match("sampah menyumbat pintu air", ["(ii) Sampah menyumbat pintu-air;"])
    assert text_match("DSDA mengusulkan patroli sampah harian", ["patroli sampah harian"])
    # The draft stops before the gold's party and runs on past it: 11 shared words of 14 and 16.
    assert text_match("Gojek committed to build designated pick-up points at three MRT stations by 2021",
                      ["build designated pick-up points at three MRT stations by 2021, to be agreed with Dishub"])
    assert not text_match("Gojek committed to build designated pick-up points at three MRT stations by 2021",
                          ["pick-up points"])  # a fragment does not stand for the whole
    assert not text_match("pintu air", ["sampah menyumbat pintu air di tiga kecamatan setiap musim hujan"])
    assert not text_match("sampah menyumbat", ["sampahnya menyumbat"])  # whole words only
    paragraph = MEETING
    assert not text_match("pipa bocor di Kamal Muara", [paragraph])  # a paragraph is not each of its issues


def test_the_old_list_of_strings_counts_for_found_only(tmp_path):
    path = _statement_gold(tmp_path, issues=["sampah menyumbat pintu air", "pipa bocor di Kamal Muara"],
                           solutions=["patroli sampah harian"])  # fmt: skip
    s = score_report(load_gold(path), read_extracted(_statement_drafts(tmp_path)))
    assert (s.issues_found, s.issues_gold, s.raised_total, s.pillar_total) == (2, 2, 0, 0)
    assert (s.solutions_found, s.proposers_total, s.presented_total) == (1, 0, 0)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("solutions", [{"surface": "x", "proposed_by": ["bpbd"]}],
     r"solution 1 \('x'\): proposed_by names no gold actor: bpbd"),
    ("commitments", [{"surface": "x", "party": ["dsda"], "status": "promised"}], r"commitment 1 .*status must be"),
    ("commitments", ["PAM JAYA akan"], r"commitment 1: a commitment needs its party and status"),
    ("issues", [{"surface": "x", "raised_in": "sesi 1"}], r"issue 1 .*raised_in must be 'event'"),
    ("issues", [{"surface": "x", "pillar": "Jakarta SIAP"}], r"issue 1 .*pillar must be an id or null"),
    ("issues", [{"surface": " "}], r"issue 1: needs a non-empty 'surface'"),
])  # fmt: skip
def test_bad_statement_annotations_name_the_file_and_item(tmp_path, field, value, message):
    with pytest.raises(DataError, match=r"m.json: " + message):
        load_gold(_statement_gold(tmp_path, **{field: value}))
