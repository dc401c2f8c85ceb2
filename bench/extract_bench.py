"""Time ``resilience-kg extract``: one 2,000-word report, and 100 reports in one call.

The reports are synthetic activity reports written by this script (seeded, so every run reads
the same text): an opening with a date and an organiser, attendance lists in the styles real
reports use (acronym and expansion, bracketed short forms, sector groups, bare acronyms),
openers and speakers with their posts, sessions with enumerated issues and solutions, an
agreement, and filler prose to reach the word count. Actor names come from the bundled gazetteer.

Each figure is measured in a fresh worker process: the import of the library, then the first
call (which also loads the gazetteer and builds its matcher), then a second call on another
report. Nothing is asserted: targets are printed as met or missed; the exit status is non-zero
only when a worker fails.

    python bench/extract_bench.py                 # 1 report of 2,000 words; 100 reports
    python bench/extract_bench.py --reports 20    # fewer reports in the batch
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from report import run_worker, table, versions  # noqa: E402  (bench/report.py)

DISTS = ("rapidfuzz", "pypdf", "python-docx")
TARGET_ONE_S = 2.0
TARGET_BATCH_S = 60.0
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
FILLER = ("Diskusi berjalan dengan baik dan para peserta menyampaikan pandangan mengenai ketahanan kota, "
          "koordinasi antarlembaga, pendanaan, serta pentingnya data yang terbuka bagi perencanaan. ")
ISSUES = ["genangan di jalan protokol", "pompa yang belum berfungsi", "sampah di saluran air", "penurunan muka tanah",
          "data risiko yang tersebar", "anggaran pemeliharaan terbatas", "koordinasi lintas wilayah", "banjir rob"]
SOLUTIONS = ["pemeliharaan pompa rutin", "patroli saluran mingguan", "portal data bersama", "sumur resapan",
             "tanggul pantai", "pelatihan relawan kelurahan", "skema pendanaan bersama", "peringatan dini berbasis SMS"]


def synthetic_report(seed: int, *, words: int = 2000) -> str:
    """One report of about ``words`` words, reproducible from ``seed``."""
    from resilience_kg.extract.gazetteer import load_gazetteer

    rng = random.Random(seed)
    entries = [e for e in load_gazetteer().entries if e.acronym and e.sector == "GovernmentAgency"]
    others = [e for e in load_gazetteer().entries if e.sector != "GovernmentAgency"]
    day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2017, 2023)
    host = rng.choice(entries)
    parts = [f"Rapat Koordinasi Ketahanan Kota {seed}\n",
             f"Pada hari {rng.choice(DAYS)}, {day} {MONTHS[month]} {year} {host.name} ({host.acronym}) "
             f"menyelenggarakan Rapat Koordinasi Ketahanan Kota di Gedung Balai Agung."]
    while len(" ".join(parts).split()) < words:
        listed = rng.sample(entries, 4)
        parts.append(
            "Rapat dihadiri oleh " + ", ".join(
                rng.choice([f"{e.name} ({e.acronym})", f"{e.name} [{e.acronym}]", e.acronym]) for e in listed)
            + f", Swasta ({rng.choice(others).name}, PT Karya Nusantara {rng.randint(1, 99)}), Akademisi "
            f"(Universitas Nusantara {rng.randint(1, 99)}) serta para pelaku bisnis.")
        speaker = rng.choice(entries)
        parts.append(f"Paparan disampaikan oleh Kepala {speaker.acronym}, Bapak Budi Santoso {rng.randint(1, 9)}.")
        parts.append(f"Dalam sesi {rng.choice(['banjir', 'air bersih', 'transportasi'])}, isu utama yaitu: "
                     f"(i) {rng.choice(ISSUES)}; (ii) {rng.choice(ISSUES)}; dan (iii) {rng.choice(ISSUES)}. "
                     f"Solusi yang diusulkan: (i) {rng.choice(SOLUTIONS)}; dan (ii) {rng.choice(SOLUTIONS)}.")
        parts.append(FILLER * 3)
    parts.append(f"{host.acronym} dan {rng.choice(entries).acronym} akan menandatangani Nota Kesepahaman.")
    return "\n".join(parts)


def worker(argv: list[str]) -> None:
    """Time the import, the first call and a second call in this fresh process; print JSON."""
    folder, count = Path(argv[0]), int(argv[1])
    started = time.perf_counter()
    from resilience_kg.extract import extract_reports

    imported = time.perf_counter() - started
    reports = sorted(folder.glob("*.txt"))[:count]
    with tempfile.TemporaryDirectory() as scratch:
        t0 = time.perf_counter()
        first = extract_reports(reports[:1], out=Path(scratch) / "one")
        t1 = time.perf_counter()
        extract_reports(reports[1:2], out=Path(scratch) / "two")
        t2 = time.perf_counter()
        done = []
        batch = extract_reports(reports, out=Path(scratch) / "all", progress=done.append)
        t3 = time.perf_counter()
    print(json.dumps({
        "import_s": imported, "first_s": t1 - t0, "second_s": t2 - t1, "batch_s": t3 - t2, "batch_n": len(done),
        "words": len(reports[0].read_text(encoding="utf-8").split()),
        "rows_one": len(first.sources[0].draft.elements) + len(first.sources[0].draft.connections),
        "rows_batch": batch.added_elements + batch.added_connections,
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100, help="reports in the batch (default 100)")
    parser.add_argument("--words", type=int, default=2000, help="words per report (default 2000)")
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return 0
    sys.path.insert(0, str(ROOT))
    print(f"extract: {versions(*DISTS)}")
    with tempfile.TemporaryDirectory() as folder:
        for n in range(max(2, args.reports)):
            (Path(folder) / f"report-{n:03d}.txt").write_text(synthetic_report(n, words=args.words), encoding="utf-8")
        result, why = run_worker(__file__, [folder, str(max(2, args.reports))], timeout=600, cwd=ROOT)
    if result is None:
        print(f"FAILED: {why}")
        return 1
    table(["measure", "seconds"], [
        ["import resilience_kg.extract", f"{result['import_s']:.2f}"],
        [f"first report ({result['words']} words, loads the gazetteer)", f"{result['first_s']:.2f}"],
        [f"second report ({result['words']} words)", f"{result['second_s']:.2f}"],
        [f"{result['batch_n']} reports in one call", f"{result['batch_s']:.2f}"],
    ])
    print(f"    rows drafted: {result['rows_one']} from one report, {result['rows_batch']} from the batch")
    one_ok = result["first_s"] < TARGET_ONE_S
    batch_ok = result["batch_s"] < TARGET_BATCH_S or result["batch_n"] < 100
    print(f"target: one 2,000-word report under {TARGET_ONE_S:g} s after import: "
          f"{'met' if one_ok else 'missed'} ({result['first_s']:.2f} s)")
    print(f"target: 100 reports in one call under {TARGET_BATCH_S:g} s: "
          f"{'met' if batch_ok else 'missed'} ({result['batch_s']:.2f} s for {result['batch_n']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
