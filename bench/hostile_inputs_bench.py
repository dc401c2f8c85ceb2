"""Time and memory of ``extract`` reading hostile reports (issue 18, finding 9), at the default limits.

Each case is a small file built to be costly: a .docx zip bomb, a .docx of many empty paragraphs,
a PDF whose thousands of pages share one content stream, HTML pages of unfinished tags (which the
stdlib ``html.parser`` rescans: quadratic), and the worst that still passes each limit. Each is
read by :func:`resilience_kg.extract.readers.read_source` in a fresh worker process, which reports
the wall time and the growth of its peak resident memory. Nothing is asserted: the figures are
printed with whether the report was refused, and targets (a refusal within 2 s; any case within
30 s and 1 GiB) are printed as met or missed.

    python bench/hostile_inputs_bench.py
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

from helpers.hostile_files import PARAGRAPH, docx, pdf  # noqa: E402  (tests/helpers: the tests build them too)
from report import run_worker, table, versions  # noqa: E402  (bench/report.py)

TARGET_REFUSED_S = 2.0
TARGET_ANY_S = 30.0
TARGET_ANY_MIB = 1024
MIB = 1 << 20
LINES = [f"Baris {i}: rapat koordinasi BPBD dan Dinas Sumber Daya Air" for i in range(40)]
def html(path: Path, markup: str, size: int) -> None:
    path.write_text("<html><body><main><p>Rapat koordinasi BPBD.</p></main>" + markup * (size // len(markup))
                    + "</body></html>", encoding="utf-8")


#: (name, file name, builder): each builds one hostile report.
CASES: list[tuple[str, str, Callable[[Path], None]]] = [
    (".docx zip bomb, 21 MiB unzipped", "bomb.docx", lambda p: docx(p, PARAGRAPH * ((21 * MIB) // len(PARAGRAPH)))),
    (".docx, 19 MiB unzipped, long paragraphs", "big.docx",
     lambda p: docx(p, (PARAGRAPH[:-12] + "x" * 2000 + PARAGRAPH[-12:]) * ((19 * MIB) // 2100))),
    (".docx, 60,000 empty paragraphs", "empty.docx", lambda p: docx(p, "<w:p/>" * 60_000)),
    (".docx, 9,900 short paragraphs", "short.docx", lambda p: docx(p, PARAGRAPH * 9_900)),
    (".pdf, 5,000 pages sharing one stream", "shared.pdf", lambda p: pdf(p, 5000, LINES)),
    (".pdf, 500 pages sharing one page", "five-hundred.pdf", lambda p: pdf(p, 500, LINES)),
    (".html, 19 MiB of '<a x'", "tags.html", lambda p: html(p, "<a x", 19 * MIB)),
    (".html, 19 MiB of \"<a href='x\"", "quotes.html", lambda p: html(p, "<a href='x", 19 * MIB)),
    (".html, 19 MiB of '<!--'", "comments.html", lambda p: html(p, "<!--x", 19 * MIB)),
]


def peak_kib() -> int:
    """This process's peak resident memory in KiB. VmHWM where there is one: ``ru_maxrss`` of a
    child starts at its parent's peak (Linux keeps it across fork and exec), which would hide it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker(argv: list[str]) -> None:
    """Read one report with the default limits; print the time, the memory growth and the outcome."""
    from resilience_kg.extract.readers import ExtractError, read_source

    base = peak_kib()
    started = time.perf_counter()
    try:
        source = read_source(Path(argv[0]))
        outcome = f"read, {len(source.text):,} characters"
    except ExtractError as exc:
        outcome = "refused: " + str(exc).split(": ", 1)[1].split(";")[0]
    elapsed = time.perf_counter() - started
    grown = (peak_kib() - base) / 1024
    print(json.dumps({"seconds": elapsed, "mib": grown, "outcome": outcome}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return 0
    sys.path.insert(0, str(ROOT))
    print(f"hostile reports: {versions('pypdf', 'python-docx')}")
    rows, failed, missed = [], 0, []
    with tempfile.TemporaryDirectory() as folder:
        for name, file, build in CASES:
            path = Path(folder) / file
            build(path)
            result, why = run_worker(__file__, [str(path)], timeout=600, cwd=ROOT)
            if result is None:
                failed += 1
                rows.append([name, f"{path.stat().st_size / 1024:,.0f}", "-", "-", f"FAILED: {why}"])
                continue
            rows.append([name, f"{path.stat().st_size / 1024:,.0f}", f"{result['seconds']:.2f}",
                         f"{result['mib']:.0f}", result["outcome"]])
            refused = result["outcome"].startswith("refused")
            if (refused and result["seconds"] > TARGET_REFUSED_S) or result["seconds"] > TARGET_ANY_S \
                    or result["mib"] > TARGET_ANY_MIB:
                missed.append(name)
    table(["report", "file kB", "seconds", "MiB grown", "outcome"], rows)
    print(f"target: a refusal within {TARGET_REFUSED_S:g} s; any case within {TARGET_ANY_S:g} s and "
          f"{TARGET_ANY_MIB} MiB: {'met' if not missed else 'missed (' + ', '.join(missed) + ')'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
