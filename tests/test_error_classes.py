"""The actor error classes on a made-up report and a kept extraction folder written by hand (the
columns ``resilience-kg extract`` writes), and the bench script over a made-up annotated folder."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from resilience_kg.extract.evaluation.error_classes import (
    FALSE_CLASSES,
    MISS_CLASSES,
    ActorError,
    add,
    classify,
    count,
)
from resilience_kg.extract.score import load_gold, read_extracted, score_report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import error_classes as bench  # noqa: E402

#: The columns of a drafted folder's tables, as ``resilience-kg extract`` writes them.
ELEMENT_COLUMNS = (
    "id,type,label_id,label_en,acronym,notation,expansion,expansion_confidence,description_en,country,is_group,"
    "date,value,min_value,min_exclusive,unit_code,unit_text,position,basis,confidence,source,quote,note,"
    "occurrence,start,end,status,method,same_as,match_score,candidates,translation_confidence,translation_note"
).split(",")
CONNECTION_COLUMNS = "from,to,type,basis,confidence,source,quote,note,occurrence,start,end,status,method".split(",")
SOURCE_COLUMNS = "id,title_id,title_en,date,publisher,language,file,url,checksum".split(",")

TEXT = (
    "Rapat koordinasi banjir diselenggarakan oleh Badan Penanggulangan Bencana Daerah (BPBD) di Aula Melati. "
    "Hadir Dinas Sumber Daya Air, Bidang Drainase Dinas Pekerjaan Umum, Karang Taruna Melati, "
    "Forum Warga Sejahtera dan Komunitas Peduli Sungai. Warga Kampung Hijau ikut membersihkan saluran. "
    "Sekretariat Rapat Terpadu mencatat hasilnya."
)


def _actor(surface: str, *, optional: bool = False, aliases: tuple[str, ...] = ()) -> dict[str, object]:
    return {"surface": surface, "name": surface, "id": None, "sector": "GovernmentAgency", "role": None,
            "aliases": list(aliases), "optional": optional}  # fmt: skip


def _write_gold(folder: Path, text: str, actors: list[dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "r.txt").write_text(text, encoding="utf-8")
    gold = {"source": "r.txt", "event": {"kind": "meeting", "date": None}, "actors": actors}
    (folder / "r.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder / "r.json"


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)


def _row(text: str, id_: str, quote: str, *, label: str | None = None, status: str = "draft",
         same_as: str = "", nth: int = 0) -> dict[str, str]:  # fmt: skip
    """A drafted actor row quoting the ``nth`` occurrence of ``quote`` at its offsets."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return {"id": id_, "type": "GovernmentAgency", "label_id": label or quote, "basis": "report",
            "confidence": "0.80", "source": "r", "quote": quote, "start": str(start), "end": str(start + len(quote)),
            "status": status, "method": "test", "same_as": same_as}  # fmt: skip


def _write_drafts(folder: Path, text: str, rows: list[dict[str, str]]) -> Path:
    """A kept extraction folder: the saved source text and the three tables."""
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "r.txt").write_text(text, encoding="utf-8")
    _write_table(folder / "sources.csv", SOURCE_COLUMNS, [{"id": "r", "language": "id", "file": "sources/r.txt"}])
    _write_table(folder / "elements.csv", ELEMENT_COLUMNS, rows)
    _write_table(folder / "connections.csv", CONNECTION_COLUMNS, [])
    return folder


GOLD_ACTORS = [
    _actor("Badan Penanggulangan Bencana Daerah (BPBD)", aliases=("BPBD",)),
    _actor("Dinas Sumber Daya Air"),
    _actor("Bidang Drainase Dinas Pekerjaan Umum"),
    _actor("Karang Taruna Melati"),
    _actor("Forum Warga Sejahtera"),
    _actor("Warga Kampung Hijau"),
    _actor("Komunitas Peduli Sungai", optional=True),
    _actor("Aula Melati", optional=True),
]
DRAFTS = [
    _row(TEXT, "n1", "Badan Penanggulangan Bencana Daerah (BPBD)", label="Badan Penanggulangan Bencana Daerah"),
    _row(TEXT, "n2", "Dinas Sumber Daya Air"),
    # One body, two nodes: the second names BPBD again.
    _row(TEXT, "n3", "BPBD", label="BPBD"),
    # Cut short: the unit is lost, and what is left is no gold actor.
    _row(TEXT, "n4", "Dinas Pekerjaan Umum"),
    # Found by name, then set aside.
    _row(TEXT, "n5", "Karang Taruna Melati", status="rejected"),
    # Cut short and set aside.
    _row(TEXT, "n6", "Forum Warga", status="rejected"),
    _row(TEXT, "n7", "Komunitas Peduli Sungai"),
    # Part of a venue's name: overlaps only an optional actor.
    _row(TEXT, "n8", "di Aula", label="Aula"),
    # No actor at all.
    _row(TEXT, "n9", "Sekretariat Rapat Terpadu"),
]


def _classified(tmp_path: Path, text: str = TEXT, drafts: list[dict[str, str]] = DRAFTS) -> tuple:
    gold = load_gold(_write_gold(tmp_path / "gold", text, GOLD_ACTORS))
    folder = _write_drafts(tmp_path / "out", text, drafts)
    return gold, folder, classify(gold, folder)


def _by_surface(errors: list[ActorError]) -> dict[str, ActorError]:
    return {e.surface: e for e in errors}


def test_each_miss_lands_in_its_class(tmp_path):
    _, _, errors = _classified(tmp_path)
    misses = _by_surface(errors.misses)
    assert {s: e.error_class for s, e in misses.items()} == {
        "Warga Kampung Hijau": "unseen",
        "Bidang Drainase Dinas Pekerjaan Umum": "boundary",
        "Karang Taruna Melati": "filtered",
        "Forum Warga Sejahtera": "boundary-rejected",
    }
    # A boundary miss shows the drafted quote that overlaps it: the span to fix.
    assert misses["Bidang Drainase Dinas Pekerjaan Umum"].quote == "Dinas Pekerjaan Umum"
    assert misses["Forum Warga Sejahtera"].quote == "Forum Warga"
    assert misses["Warga Kampung Hijau"].quote is None


def test_each_false_actor_lands_in_its_class(tmp_path):
    _, _, errors = _classified(tmp_path)
    false = _by_surface(errors.false_actors)
    assert {s: e.error_class for s, e in false.items()} == {
        "BPBD": "duplicate",
        "Dinas Pekerjaan Umum": "boundary",
        "Aula": "boundary-opt",
        "Sekretariat Rapat Terpadu": "spurious",
    }
    assert false["BPBD"].gold == "Badan Penanggulangan Bencana Daerah (BPBD)"
    assert false["Dinas Pekerjaan Umum"].gold == "Bidang Drainase Dinas Pekerjaan Umum"
    assert false["Dinas Pekerjaan Umum"].quote == "Dinas Pekerjaan Umum"
    assert false["Sekretariat Rapat Terpadu"].quote is None


def test_the_errors_are_exactly_those_the_scorer_counts(tmp_path):
    gold, folder, errors = _classified(tmp_path)
    score = score_report(gold, read_extracted(folder))
    assert sorted(e.surface for e in errors.misses) == sorted(score.missed)
    assert sorted(e.surface for e in errors.false_actors) == sorted(score.false_positives)


def test_a_required_overlap_outranks_an_optional_one(tmp_path):
    """A row over a venue and a body is a wrong span of the body, not a venue."""
    text = "Rapat di Aula Dinas Pekerjaan Umum kemarin."
    gold = load_gold(_write_gold(tmp_path / "gold", text, [
        _actor("Aula Dinas Pekerjaan Umum", optional=True), _actor("Dinas Pekerjaan Umum")]))  # fmt: skip
    folder = _write_drafts(tmp_path / "out", text, [_row(text, "n1", "di Aula Dinas")])
    errors = classify(gold, folder)
    assert [(e.error_class, e.gold) for e in errors.false_actors] == [("boundary", "Dinas Pekerjaan Umum")]


def test_offsets_are_read_in_the_text_the_extraction_saved(tmp_path):
    """The extraction squeezes runs of blanks; its offsets point into the text it saved, not the file."""
    raw = "Judul\n\n" + "\t" * 80 + "\n\nHadir Bidang Drainase Dinas Pekerjaan Umum dan warga."
    saved = "Judul\n\nHadir Bidang Drainase Dinas Pekerjaan Umum dan warga."
    gold = load_gold(_write_gold(tmp_path / "gold", raw, [_actor("Bidang Drainase Dinas Pekerjaan Umum")]))
    folder = _write_drafts(tmp_path / "out", saved, [_row(saved, "n1", "Dinas Pekerjaan Umum")])
    errors = classify(gold, folder)
    assert [e.error_class for e in errors.misses] == ["boundary"]
    assert [e.error_class for e in errors.false_actors] == ["boundary"]


def test_a_name_set_aside_is_filtered_even_where_a_drafted_span_overlaps_it(tmp_path):
    """Filtered comes first: the body was found whole, and the filter (not the span) lost it."""
    text = "Hadir Karang Taruna Melati dan warga."
    gold = load_gold(_write_gold(tmp_path / "gold", text, [_actor("Karang Taruna Melati")]))
    folder = _write_drafts(tmp_path / "out", text, [
        _row(text, "n1", "Karang Taruna Melati", status="rejected"), _row(text, "n2", "Taruna Melati")])  # fmt: skip
    assert [e.error_class for e in classify(gold, folder).misses] == ["filtered"]


def test_spans_that_only_touch_do_not_overlap(tmp_path):
    text = "Tim Relawan Kampung Hijau hadir."
    gold = load_gold(_write_gold(tmp_path / "gold", text, [_actor("Kampung Hijau")]))
    folder = _write_drafts(tmp_path / "out", text, [_row(text, "n1", "Tim Relawan ", label="Tim Relawan")])
    errors = classify(gold, folder)
    assert [e.error_class for e in errors.misses] == ["unseen"]
    assert [e.error_class for e in errors.false_actors] == ["spurious"]


def test_counts_list_every_class_and_pool(tmp_path):
    _, _, errors = _classified(tmp_path)
    one = count([errors])
    assert one.reports == 1
    assert list(one.misses) == list(MISS_CLASSES) and list(one.false_actors) == list(FALSE_CLASSES)
    assert dict(one.misses) == {"filtered": 1, "boundary": 1, "boundary-rejected": 1, "unseen": 1}
    assert dict(one.false_actors) == {"duplicate": 1, "boundary": 1, "boundary-opt": 1, "spurious": 1}
    pooled = add([one, one, count([])])
    assert pooled.reports == 2 and pooled.misses["unseen"] == 2 and pooled.false_actors["spurious"] == 2


def _run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "error_classes.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=240, check=False)  # fmt: skip


def test_the_bench_script_extracts_classifies_and_counts(tmp_path):
    """A real extraction of a made-up report: the people by the river are a body no recogniser
    proposes (lower case, no head noun), so they are an unseen miss."""
    text = ("Rapat Koordinasi Penanganan Banjir\n\nJakarta, 14 Januari 2025 - Badan Penanggulangan Bencana Daerah "
            "(BPBD) Provinsi DKI Jakarta menggelar rapat koordinasi. Rapat dihadiri oleh Dinas Sumber Daya Air "
            "dan warga bantaran kali.\n")  # fmt: skip
    folder = tmp_path / "madeup"
    _write_gold(folder, text, [_actor("Dinas Sumber Daya Air"), _actor("warga bantaran kali")])
    proc = _run_bench(str(folder), "--list")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.split()[:3] == ["MISS", "unseen", "madeup/r"] and "'warga bantaran kali'" in line
               for line in lines), proc.stdout  # fmt: skip
    listed = sum(line.startswith("MISS") for line in lines)
    start = lines.index("Missed gold actors by class:")
    header, row = lines[start + 1].split(), lines[start + 3].split()
    assert header == ["set", "reports", "total", *MISS_CLASSES]
    assert row[:3] == ["madeup", "1", str(listed)] and int(row[header.index("unseen")]) >= 1
    assert "False drafted actors by class:" in lines


def test_the_bench_script_lists_no_error_of_a_frozen_part(tmp_path):
    """Refused before anything is read: the folder's gold is not even valid JSON."""
    frozen = tmp_path / "frozen99"
    frozen.mkdir()
    (frozen / "r.json").write_text("not read", encoding="utf-8")
    proc = _run_bench(str(frozen), "--list")
    assert proc.returncode == 2 and "frozen" in proc.stderr and not proc.stdout
    assert bench.is_frozen(bench.FROZEN) and not bench.is_frozen(bench.DEVSET)
