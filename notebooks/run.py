"""Execute the notebooks top to bottom in a fresh kernel and, with --html DIR, render each to a
standalone HTML page that opens offline (interactive view included).

    python notebooks/run.py                 # execute all, fail on any error
    python notebooks/run.py --html out/notebooks
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Seconds to wait for a cell's output once the kernel has finished the cell.
IOPUB_TIMEOUT = 60
STYLE = """body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 0 auto; padding: 16px; color: #222; }
pre { background: #f7f7f7; padding: 8px; overflow-x: auto; } table { border-collapse: collapse; }
td, th { border: 1px solid #ddd; padding: 2px 6px; } .jp-InputPrompt, .jp-OutputPrompt { display: none; }
.jp-Cell { margin: 12px 0; } img { max-width: 100%; }"""


def notebooks() -> list[Path]:
    return sorted(HERE.glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, *, timeout: int = 300) -> object:
    """Run a notebook in a fresh kernel (in a scratch folder) and return it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as scratch:
        # A loaded machine may deliver a cell's printed output after the kernel says the cell is
        # done: wait for it (nbclient's default, 4 s, dropped a print silently in CI), and fail
        # rather than return a notebook with output missing.
        NotebookClient(nb, timeout=timeout, kernel_name="python3", iopub_timeout=IOPUB_TIMEOUT,
                       raise_on_iopub_timeout=True, resources={"metadata": {"path": scratch}}).execute()
    return nb


def render_html(nb: object, title: str) -> str:
    """A standalone page: nbconvert's bare body (no CDN scripts, no require.js) in our own frame."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=Path, help="render each executed notebook to DIR/NAME.html")
    args = parser.parse_args(argv)
    for path in notebooks():
        started = time.monotonic()
        nb = execute(path)
        print(f"{path.name}: executed in {time.monotonic() - started:.1f} s")
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            out = args.html / (path.stem + ".html")
            out.write_text(render_html(nb, path.stem), encoding="utf-8")
            print(f"  wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
