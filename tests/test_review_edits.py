"""The review's edits as a library (``resilience_kg.extract.review_edits``): each edit changes the
CSV as it says and nothing else, is logged, can be undone, refuses a row that changed since it was
read, survives an ``extract`` re-run, and a folder broken by hand is read with its faulty rows
named by file and line."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import pytest

from resilience_kg.extract import extract_reports
from resilience_kg.extract.review_edits import (
    LOG_NAME,
    ReviewConflict,
    ReviewError,
    RowRef,
    accept,
    accept_at_least,
    edit,
    last_changes,
    read_drafts,
    read_log,
    reject,
    set_link,
    undo,
)

REPORT = """Rapat Koordinasi Penanganan Genangan Jakarta Utara

Jakarta, Rabu, 4 Maret 2020. Badan Penanggulangan Bencana Daerah (BPBD) Provinsi DKI Jakarta menyelenggarakan \
Rapat Koordinasi Penanganan Genangan di Balai Kota. Rapat dihadiri oleh perwakilan Dinas Sumber Daya Air (DSDA), \
Dinas Sosial, Dinas Kesehatan, Dinas Perhubungan, Palang Merah Indonesia (PMI) Provinsi DKI Jakarta, Universitas \
Indonesia, PT PLN (Persero), Yayasan Air Bersih Nusantara dan Institute for Transportation and Development Policy \
(ITDP).

Beberapa permasalahan yang mengemuka antara lain: (i) genangan di jalan utama; (ii) sampah yang menyumbat \
saluran; dan (iii) kemacetan saat banjir.
"""


def make_drafts(folder: Path) -> tuple[Path, Path]:
    report = folder / "rapat.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = folder / "drafts"
    extract_reports([report], out=out)
    return report, out


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    return make_drafts(tmp_path)[1]


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def element(folder: Path, ident: str) -> RowRef:
    found = [r for r in read_drafts(folder).elements.rows if r.get("id") == ident]
    assert len(found) == 1, ident
    return RowRef.of(found[0])


def link(folder: Path, frm: str, kind: str) -> RowRef:
    found = [r for r in read_drafts(folder).connections.rows if r.get("from") == frm and r.get("type") == kind]
    assert len(found) == 1, (frm, kind)
    return RowRef.of(found[0])


def test_rows_carry_the_line_they_start_on(drafts: Path) -> None:
    # A quote with a line break inside takes two lines: the next row starts one line later.
    path = drafts / "elements.csv"
    text = path.read_text(encoding="utf-8")
    table = list(csv.DictReader(text.splitlines(keepends=True)))
    first = table[1]
    first["quote"] = "Dinas Sumber\nDaya Air"  # a hand edit with a line break (the quote is now wrong)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    lines = path.read_text(encoding="utf-8").split("\n")
    read = read_drafts(drafts).elements.rows
    for row in read:
        assert lines[row.line - 1].startswith(row.get("id") + ","), (row.line, row.get("id"))
    assert read[2].line == read[1].line + 2
    assert any("quote no longer matches" in p for p in read[1].problems)


def test_accept_and_reject_change_the_status_and_nothing_else(drafts: Path) -> None:
    # A column the page never shows, added by hand, is kept.
    table = rows(drafts / "elements.csv")
    for row in table:
        row["my_column"] = "kept " + row["id"]
    with open(drafts / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    before = rows(drafts / "elements.csv")
    accept(drafts, element(drafts, "dinas-sosial"))
    reject(drafts, element(drafts, "yayasan-air-bersih-nusantara"))
    after = rows(drafts / "elements.csv")
    assert [r["id"] for r in after] == [r["id"] for r in before]
    for old, new in zip(before, after, strict=True):
        expected = {"dinas-sosial": "accepted", "yayasan-air-bersih-nusantara": "rejected"}.get(old["id"], "draft")
        assert new["status"] == expected
        assert {k: v for k, v in new.items() if k != "status"} == {k: v for k, v in old.items() if k != "status"}
    assert after[0]["my_column"] == "kept " + after[0]["id"]
    # The offline record follows.
    assert '"status": "rejected"' in (drafts / "review.html").read_text(encoding="utf-8")


def test_every_change_is_logged_with_time_row_and_values(drafts: Path) -> None:
    ref = element(drafts, "dinas-sosial")
    done = accept(drafts, ref)
    lines = (drafts / LOG_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["change"] == done.change and entry["action"] == "accept" and entry["time"].startswith("20")
    (row,) = entry["rows"]
    assert row["file"] == "elements.csv" and row["line"] == ref.line and row["row"] == "dinas-sosial"
    assert row["old"] == {"status": "draft"} and row["new"] == {"status": "accepted"}
    assert [c.change for c in read_log(drafts)] == [done.change]


def test_edit_sets_type_and_same_as_and_refuses_to_move_the_evidence(drafts: Path) -> None:
    ref = element(drafts, "yayasan-air-bersih-nusantara")
    edit(drafts, ref, {"type": "PrivateCompany", "same_as": "pln"})
    row = next(r for r in rows(drafts / "elements.csv") if r["id"] == "yayasan-air-bersih-nusantara")
    assert (row["type"], row["same_as"], row["status"]) == ("PrivateCompany", "pln", "draft")
    with pytest.raises(ReviewError, match="evidence"):
        edit(drafts, element(drafts, "dinas-sosial"), {"quote": "Dinas"})
    with pytest.raises(ReviewError, match="no column"):
        edit(drafts, element(drafts, "dinas-sosial"), {"colour": "red"})


def test_a_new_pillar_rejects_the_draft_and_adds_the_link_with_its_quote(drafts: Path) -> None:
    issue = "issue-sampah-yang-menyumbat-saluran"
    drafted = link(drafts, issue, "underPillar")
    original = next(r for r in rows(drafts / "connections.csv") if r["from"] == issue and r["type"] == "underPillar")
    assert original["method"].startswith("rule:pillar-cue:")
    set_link(drafts, [drafted], frm=issue, to="jakarta-siap", type="underPillar")
    pillar_rows = [r for r in rows(drafts / "connections.csv") if r["from"] == issue and r["type"] == "underPillar"]
    assert [(r["to"], r["status"]) for r in pillar_rows] == [(original["to"], "rejected"), ("jakarta-siap", "accepted")]
    assert pillar_rows[1]["quote"] == original["quote"] and pillar_rows[1]["start"] == original["start"]
    assert original["method"] in pillar_rows[1]["method"]


def test_re_running_extract_keeps_every_change(tmp_path: Path) -> None:
    report, drafts = make_drafts(tmp_path)
    issue = "issue-sampah-yang-menyumbat-saluran"
    set_link(drafts, [link(drafts, issue, "underPillar")], frm=issue, to="jakarta-siap", type="underPillar")
    accept(drafts, element(drafts, "dinas-sosial"))
    edit(drafts, element(drafts, "yayasan-air-bersih-nusantara"), {"type": "PrivateCompany"})
    elements, connections = (drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()
    result = extract_reports([report], out=drafts)
    assert result.added_elements == 0 and result.added_connections == 0
    assert (drafts / "elements.csv").read_bytes() == elements
    assert (drafts / "connections.csv").read_bytes() == connections


def test_bulk_accept_takes_drafts_at_or_above_the_confidence_and_undo_puts_them_back(drafts: Path) -> None:
    before = (drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()
    reject(drafts, element(drafts, "dinas-sosial"))  # reviewed rows are left alone
    done = accept_at_least(drafts, 0.75)
    table = rows(drafts / "elements.csv") + rows(drafts / "connections.csv")
    for row in table:
        if row.get("id") == "dinas-sosial":
            assert row["status"] == "rejected"
        else:
            assert row["status"] == ("accepted" if float(row["confidence"]) >= 0.75 else "draft"), row
    assert len(done.rows) == sum(1 for r in table if r["status"] == "accepted")
    undo(drafts, done.change)
    undo(drafts, read_log(drafts)[0].change)
    assert ((drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()) == before


def test_bulk_accept_only_touches_the_rows_the_reviewer_saw(drafts: Path) -> None:
    seen = [RowRef.of(r) for r in read_drafts(drafts).elements.rows[:3]]
    accept_at_least(drafts, 0.5, only=seen)
    statuses = [r["status"] for r in rows(drafts / "elements.csv")]
    assert statuses[:3] == ["accepted"] * 3 and set(statuses[3:]) == {"draft"}


def test_undo_of_each_kind_of_change_restores_the_files(drafts: Path) -> None:
    original = (drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()
    issue = "issue-genangan-di-jalan-utama"
    changes = [
        accept(drafts, element(drafts, "dinas-sosial")),
        reject(drafts, link(drafts, "dinas-kesehatan", "participatedIn")),
        edit(drafts, element(drafts, "universitas-indonesia"), {"same_as": ""}),
        set_link(drafts, [link(drafts, issue, "underPillar")], frm=issue, to="jakarta-sehat", type="underPillar"),
        set_link(drafts, [], frm="dinas-sosial", to="pemprov-dki-jakarta", type="org:subOrganizationOf"),
    ]
    added = next(r for r in rows(drafts / "connections.csv") if r["type"] == "org:subOrganizationOf")
    assert (added["basis"], added["status"], added["confidence"]) == ("curated", "accepted", "well-attested")
    assert last_changes(drafts)  # the rows' undo buttons
    for change in reversed(changes):
        undo(drafts, change.change)
    assert ((drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()) == original
    with pytest.raises(ReviewError, match="undone already"):
        undo(drafts, changes[0].change)


def test_undo_refuses_when_the_row_changed_since(drafts: Path) -> None:
    first = accept(drafts, element(drafts, "dinas-sosial"))
    edit(drafts, element(drafts, "dinas-sosial"), {"note": "checked by phone"})
    with pytest.raises(ReviewConflict, match="changed after change"):
        undo(drafts, first.change)


def test_a_row_changed_since_it_was_read_is_refused_and_a_moved_row_is_found(drafts: Path) -> None:
    stale = element(drafts, "dinas-sosial")
    unchanged = element(drafts, "dinas-kesehatan")
    # Another tab changes the row; a hand edit inserts a row near the top (every line below moves).
    edit(drafts, stale, {"note": "from the other tab"})
    table = rows(drafts / "elements.csv")
    table.insert(0, {**table[-1], "id": "added-by-hand", "status": "accepted"})
    with open(drafts / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    with pytest.raises(ReviewConflict, match=rf"elements.csv line {stale.line} changed since you loaded the page"):
        accept(drafts, stale)
    assert next(r for r in rows(drafts / "elements.csv") if r["id"] == "dinas-sosial")["status"] == "draft"
    accept(drafts, unchanged)  # its line moved, its values did not
    assert next(r for r in rows(drafts / "elements.csv") if r["id"] == "dinas-kesehatan")["status"] == "accepted"


def test_two_writers_at_once_lose_nothing(drafts: Path) -> None:
    refs = [RowRef.of(r) for r in read_drafts(drafts).connections.rows]
    errors: list[Exception] = []

    def work(part: list[RowRef]) -> None:
        for ref in part:
            try:
                accept(drafts, ref)
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(refs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {r["status"] for r in rows(drafts / "connections.csv")} == {"accepted"}
    assert len(read_log(drafts)) == len(refs)


def write_broken(drafts: Path) -> None:
    text = (drafts / "elements.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    status, confidence = header.index("status"), header.index("confidence")
    rows_ = list(csv.reader(text))
    rows_[2][status] = "acepted"  # line 3
    rows_[3][confidence] = "very high"  # line 4
    rows_[4].append("one field too many")  # line 5
    with open(drafts / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows_)
    con = rows(drafts / "connections.csv")
    con[0]["start"] = str(int(con[0]["start"]) + 3)  # line 2: the quote no longer at its offsets
    con[1]["from"] = "nobody-of-that-name"  # line 3
    with open(drafts / "connections.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(con[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(con)


def test_a_folder_broken_by_hand_is_read_with_its_faults_named(drafts: Path) -> None:
    write_broken(drafts)
    read = read_drafts(drafts)
    found = {(p.file, p.line): p.message for p in read.problems()}
    assert "status 'acepted'" in found[("elements.csv", 3)]
    assert "confidence 'very high'" in found[("elements.csv", 4)]
    assert "fields where the header has" in found[("elements.csv", 5)]
    assert "quote no longer matches" in found[("connections.csv", 2)]
    assert "'nobody-of-that-name' is not the id of any element" in found[("connections.csv", 3)]
    assert not read.elements.writable and read.connections.writable
    # The table with a record of the wrong shape waits for a hand fix; the other one can be reviewed.
    with pytest.raises(ReviewError, match=r"elements.csv:5"):
        accept(drafts, RowRef.of(read.elements.rows[0]))
    accept(drafts, RowRef.of(read.connections.rows[5]))


def test_a_file_that_is_not_csv_at_all_is_a_problem_not_a_crash(drafts: Path) -> None:
    (drafts / "connections.csv").write_bytes(b"from,to,type\n\xff\xfe broken\n")
    (drafts / "elements.csv").write_text('id,type,label_id\n"never closed,x,y\n', encoding="utf-8")
    read = read_drafts(drafts)
    messages = [str(p) for p in read.problems()]
    assert any(m.startswith("connections.csv:2: not UTF-8") for m in messages), messages
    assert any(m.startswith("elements.csv:2: this record cannot be read") for m in messages), messages


def test_fresh_drafts_have_no_problems(drafts: Path) -> None:
    # The pillars a drafted link points at are the bundled graph's: not a problem.
    read = read_drafts(drafts)
    assert any(r.get("type") == "underPillar" for r in read.connections.rows)
    assert read.problems() == []
    assert read.elements.writable and read.connections.writable


def test_a_change_an_extract_run_wrote_over_is_found_and_made_again(drafts: Path) -> None:
    from resilience_kg.extract.review_edits import lost_changes, reapply

    # An extract run reads the tables, the reviewer changes two rows meanwhile, and the run then
    # writes what it read: the changes are gone from the CSVs but not from the log.
    read_by_extract = (drafts / "elements.csv").read_bytes(), (drafts / "connections.csv").read_bytes()
    accept(drafts, element(drafts, "dinas-sosial"))
    issue = "issue-genangan-di-jalan-utama"
    set_link(drafts, [link(drafts, issue, "underPillar")], frm=issue, to="jakarta-terhubung", type="underPillar")
    assert lost_changes(drafts) == []
    (drafts / "elements.csv").write_bytes(read_by_extract[0])
    (drafts / "connections.csv").write_bytes(read_by_extract[1])
    lost = lost_changes(drafts)
    assert [c.action for c in lost] == ["accept", "link"]
    assert [r.row for r in lost[1].rows] == [f"{issue} underPillar jakarta-siap",
                                             f"{issue} underPillar jakarta-terhubung"]
    for change in lost:
        reapply(drafts, change.change)
    assert lost_changes(drafts) == []
    assert status_of_element(drafts, "dinas-sosial") == "accepted"
    placed = [(r["to"], r["status"]) for r in rows(drafts / "connections.csv")
              if r["from"] == issue and r["type"] == "underPillar"]
    assert placed == [("jakarta-siap", "rejected"), ("jakarta-terhubung", "accepted")]
    with pytest.raises(ReviewError, match="nothing to make again"):
        reapply(drafts, lost[0].change)


def status_of_element(folder: Path, ident: str) -> str:
    return next(r["status"] for r in rows(folder / "elements.csv") if r["id"] == ident)


def test_the_review_command_needs_a_drafts_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from resilience_kg.cli import main

    result = CliRunner().invoke(main, ["review", str(tmp_path)])
    assert result.exit_code == 2
    assert "no elements.csv or connections.csv here" in result.output and "resilience-kg extract" in result.output
