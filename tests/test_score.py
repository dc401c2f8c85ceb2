"""The scorer on small hand-checked cases: matching, duplicates, optional actors, quotes, dates, roles."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from resilience_kg.errors import DataError
from resilience_kg.extract.score import (
    Extracted,
    baseline,
    load_gold,
    read_extracted,
    score_report,
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
    unresolved = score_report(gold, _ex(**{"r-bpbd": ("GovernmentAgency", {"BPBD"})}))
    assert unresolved.matched == 1
