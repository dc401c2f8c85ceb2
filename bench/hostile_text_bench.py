"""How the extraction's time grows on hostile report texts: each case at a size and at twice it.

The readers refuse oversized files (``hostile_inputs_bench.py``); this measures what comes
after, the recognisers, on texts a reader lets through but that are built to make a rule look
at everything before it: long runs of capitalised words, of acronyms, of cue words and colons,
table rows, one-line lists, unbalanced brackets, quotes of pronouns and promises. Each text is
extracted (``extract_reports``, as ``resilience-kg extract`` does) in a fresh worker process.
Nothing is asserted: the figures are printed with the ratio of the two times, which stays near 2
when the work grows in proportion to the text, and near 4 when it grows with its square.

    python bench/hostile_text_bench.py [--size 40000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]

from report import run_worker, table  # noqa: E402  (bench/report.py)

#: A ratio past this (at twice the text) says the work grows faster than the text.
TARGET_RATIO = 2.6
#: The pieces a hostile text repeats: each defeats one kind of rule that reads back or across.
PIECES = {
    "capitalised words": "Badan Dinas Kota Pusat Unit Kantor Balai ",
    "names and joiners": "Dinas Sumber Daya Air Provinsi DKI Jakarta dan ",
    "nested brackets": "BPBD (Badan (Penanggulangan (Bencana ",
    "runs of spaces": "a" + " " * 50,
    "initials": "Sdr. A.B.C.D. ",
    "list items": "1. Dinas A, Dinas B, Dinas C, dan\n",
    "slashes and legal forms": "PT. PLN (Persero) UID/BPBD/BNPB/ ",
    "acronyms": "BPBD BNPB BMKG PMI DSDA ",
    "one long word": "DinasSumberDayaAirProvinsi",
    "quoted promises": "\u201c Kami akan berkomitmen \u201c ",
    "table rows": "| Dinas | BPBD | PMI |\n",
    "colons": "Peserta: Dinas: BPBD: Kota: ",
    "issue cue words": "masih terbatas, berpotensi banjir, kerap dilanda bahwa kendalanya adalah ",
}


def hostile_text(piece: str, size: int) -> str:
    """A dated report's first line, then ``piece`` repeated to ``size`` characters."""
    body = (piece * (size // len(piece) + 1))[:size]
    return "Rapat Koordinasi BPBD Provinsi DKI Jakarta, 12 Januari 2020.\n\n" + body + "\n"


def worker(argv: list[str]) -> None:
    """Extract one report into a fresh folder; print the time."""
    from resilience_kg.extract.pipeline import extract_reports

    path = Path(argv[0])
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        extract_reports([path], out=Path(out))
        print(json.dumps({"seconds": time.perf_counter() - started}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=40_000, help="characters of the smaller text")
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return 0
    rows, failed, missed = [], 0, []
    with tempfile.TemporaryDirectory() as folder:
        for name, piece in PIECES.items():
            times = []
            for size in (args.size, 2 * args.size):
                path = Path(folder) / f"{len(rows)}-{size}.txt"
                path.write_text(hostile_text(piece, size), encoding="utf-8")
                result, why = run_worker(__file__, [str(path)], timeout=1200, cwd=ROOT)
                times.append(result["seconds"] if result else None)
                if result is None:
                    failed += 1
                    print(f"{name} at {size:,}: FAILED: {why}", file=sys.stderr)
            small, large = times
            ratio = large / small if small and large else None
            if ratio is None or ratio > TARGET_RATIO:
                missed.append(name)
            rows.append([name, f"{small:.2f}" if small else "-", f"{large:.2f}" if large else "-",
                         f"{ratio:.2f}" if ratio else "-"])
    table(["hostile text", f"s at {args.size:,} chars", f"s at {2 * args.size:,}", "ratio"], rows)
    print(f"target: twice the text at most {TARGET_RATIO:g} times the time: "
          f"{'met' if not missed else 'missed (' + ', '.join(missed) + ')'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
