"""Read a report into the plain text that every quote and offset refers to.

One reader per format: ``.txt`` and ``.md`` (decoded with a stated fallback rule), ``.html``
(main text only, without navigation, scripts or boilerplate; stdlib ``html.parser``), ``.docx``
(python-docx) and ``.pdf`` with a text layer (pypdf; no OCR). Every failure is an
:class:`ExtractError` that names the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import NoReturn

from resilience_kg.errors import MissingExtra, ResilienceKGError
from resilience_kg.extras import install_hint

FORMATS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
#: What a PDF page must yield, in letters, before we believe it has a text layer.
_MIN_LETTERS_PER_PAGE = 20


class ExtractError(ResilienceKGError):
    """A report that cannot be read or extracted; the message names the file."""


class MissingDependency(MissingExtra):
    """An optional package of the ``extract`` extra that this format needs is not installed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extra="extract")


INSTALL_HINT = install_hint("extract")


@dataclass(frozen=True)
class SourceText:
    """A report's plain text, as saved beside the tables, and what the reader learnt about it."""

    path: Path
    text: str
    title: str
    format: str
    encoding_note: str = ""


def _need(module: str, package: str) -> NoReturn:
    raise MissingDependency(f"reading this format needs {package}: {INSTALL_HINT}")


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces, at most one blank line between paragraphs.

    The saved text is what offsets point into, so every reader ends here.

    >>> normalise_text("a\\r\\nb  \\n\\n\\n\\nc\\u00a0d")
    'a\\nb\\n\\nc d'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def decode_text(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8; otherwise as Windows-1252 when every byte is defined there and the
    result reads as text; otherwise refuse, naming the first undecodable byte.

    Returns the text and a note saying which rule applied (empty for UTF-8).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError as exc:
            raise ExtractError(f"{name}: UTF-16 byte-order mark but undecodable at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"{name}: not UTF-8 (first bad byte 0x{data[first_bad]:02x} at byte {first_bad}) and not Windows-1252 "
            f"(byte 0x{data[exc.start]:02x} at {exc.start} is undefined there); convert it to UTF-8"
        ) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls:
        raise ExtractError(f"{name}: not UTF-8 (first bad byte 0x{data[first_bad]:02x} at byte {first_bad}) "
                           "and it holds control characters, so it is not text; convert it to UTF-8")
    return text, f"decoded as Windows-1252: not UTF-8 at byte {first_bad}"


# --- HTML -----------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
              "button", "select", "iframe", "menu", "figure"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "br", "tr", "table", "blockquote", "pre", "dd", "dt", "dl", "hr", "td", "th"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
#: class/id words that mark boilerplate blocks (menus, share buttons, comments, sidebars).
_BOILERPLATE = re.compile(r"(^|[-_ ])(nav|navbar|menu|breadcrumb|sidebar|footer|header|share|social|comment|"
                          r"related|widget|cookie|banner|advert|ads|subscribe|pagination|skip)([-_ ]|$)", re.I)


class _MainText(HTMLParser):
    """Collects text blocks, skipping boilerplate elements; remembers which blocks lie inside
    ``<main>`` or ``<article>`` so that those win when the page has them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.main_depth = 0
        self.blocks: list[tuple[bool, str]] = []  # (inside main/article, text)
        self.current: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.li_depth = 0

    def _flush(self) -> None:
        text = re.sub(r"[ \t\n]+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append((self.main_depth > 0, text))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
            return
        attr = dict(attrs)
        marker = " ".join(v for k, v in attr.items() if k in ("class", "id", "role") and v)
        skipping = tag in _SKIP_TAGS or bool(marker and _BOILERPLATE.search(marker)) or attr.get("hidden") is not None
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID_TAGS:
            return
        self.stack.append((tag, skipping))
        if skipping:
            self.skip_depth += 1
        if tag in ("main", "article"):
            self.main_depth += 1
        if tag == "li" and not self.skip_depth:
            self.current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _VOID_TAGS or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, skipping = self.stack.pop()
            if skipping:
                self.skip_depth -= 1
            if open_tag in ("main", "article"):
                self._flush()
                self.main_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_main_text(markup: str) -> tuple[str, str]:
    """The main text of an HTML page (one paragraph a line) and its title.

    >>> html_main_text("<nav>Home</nav><article><p>Rapat <b>BPBD</b>.</p></article><footer>(c)</footer>")
    ('Rapat BPBD.', '')
    """
    parser = _MainText()
    parser.feed(markup)
    parser.close()
    inside = [text for in_main, text in parser.blocks if in_main]
    blocks = inside if inside else [text for _, text in parser.blocks]
    # Very short lines at the very start or end of a page without <main> are usually menus.
    return "\n".join(blocks), re.sub(r"\s+", " ", "".join(parser.title)).strip()


# --- DOCX and PDF ---------------------------------------------------------------------------


def _docx_text(path: Path) -> tuple[str, str]:
    import zipfile

    try:
        import docx
    except ImportError:
        _need("docx", "python-docx")
    if not zipfile.is_zipfile(path):
        raise ExtractError(f"{path}: not a .docx file (a .docx is a zip archive; this one is not)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, BadZipFile...
        raise ExtractError(f"{path}: cannot read this .docx ({type(exc).__name__}: {exc})") from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    title = (document.core_properties.title or "").strip()
    return "\n".join(paragraphs), title


def _pdf_text(path: Path) -> tuple[str, str]:
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError:
        _need("pypdf", "pypdf")
    import logging

    # pypdf logs warnings about harmless malformations; we report real failures ourselves.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise ExtractError(f"{path}: the PDF is encrypted; save an unencrypted copy and extract that")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip()
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ExtractError(f"{path}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    letters = sum(1 for page in pages for ch in page if ch.isalpha())
    if not pages or letters < _MIN_LETTERS_PER_PAGE * len(pages) * 0.5:
        raise ExtractError(f"{path}: the PDF has no text layer ({len(pages)} page(s), {letters} letters): "
                           "it looks scanned; run OCR first (extract does no OCR)")
    return "\n\n".join(reflow(page) for page in drop_running_lines(pages)), title


def drop_running_lines(pages: list[str]) -> list[str]:
    r"""Pages without their running headers and footers: a first or last line that recurs on
    more than half of the pages (digits ignored, so "Halaman 2" and "Halaman 3" are one line).

    >>> drop_running_lines(["Laporan BPBD\nIsi satu\nHalaman 1", "Laporan BPBD\nIsi dua\nHalaman 2"])
    ['Isi satu', 'Isi dua']
    """
    if len(pages) < 2:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    counts: dict[str, int] = {}
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        for line in {key(lines[0]), key(lines[-1])} if lines else set():
            counts[line] = counts.get(line, 0) + 1
    running = {line for line, n in counts.items() if n >= 2 and n > len(pages) / 2}
    out = []
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        while lines and key(lines[0]) in running:
            lines.pop(0)
        while lines and key(lines[-1]) in running:
            lines.pop()
        out.append("\n".join(lines))
    return out


_LIST_START = re.compile(r"\s*(?:[-•*–▪●◦]|\(?\d{1,2}[.)]|\(?[a-h][.)]|\([ivx]+\))\s")


def reflow(text: str) -> str:
    r"""Join the lines a PDF wrapped inside a paragraph; keep headings, list items and the line
    after a full stop. A word hyphenated at a line end is joined without its hyphen.

    >>> reflow("Hadir: Dinas Perhubungan, Dinas Sosial, Dinas\nPekerjaan Umum dan Universi-\ntas Airlangga.\nSesi dua")
    'Hadir: Dinas Perhubungan, Dinas Sosial, Dinas Pekerjaan Umum dan Universitas Airlangga.\nSesi dua'
    """
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip():
            last = out[-1].rstrip()
            if len(last) >= 40 and last[-1] not in ".!?:;" and not _LIST_START.match(line):
                if last.endswith("-") and line[:1].islower():
                    out[-1] = last[:-1] + line.lstrip()
                else:
                    out[-1] = last + " " + line.lstrip()
                continue
        out.append(line)
    return "\n".join(out)


def read_source(path: Path) -> SourceText:
    """Read one report into its plain text; raise :class:`ExtractError` naming the file."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExtractError(f"{path}: unknown format {suffix or '(no suffix)'}; extract reads {', '.join(FORMATS)}")
    if not path.is_file():
        raise ExtractError(f"{path}: not a file")
    if path.stat().st_size == 0:
        raise ExtractError(f"{path}: the file is empty")
    note = ""
    title = ""
    if suffix in (".txt", ".md"):
        text, note = decode_text(path.read_bytes(), name=str(path))
        if suffix == ".md":
            text = _markdown_plain(text)
    elif suffix in (".html", ".htm"):
        markup, note = decode_text(path.read_bytes(), name=str(path))
        text, title = html_main_text(markup)
    elif suffix == ".docx":
        text, title = _docx_text(path)
    else:
        text, title = _pdf_text(path)
    text = normalise_text(text)
    if not text:
        raise ExtractError(f"{path}: no text in the file")
    if not title:
        title = _first_line_title(text)
    return SourceText(path=path, text=text, title=title, format=suffix.lstrip("."), encoding_note=note)


def _markdown_plain(text: str) -> str:
    """Markdown without its markup characters (headings, emphasis, links), lists kept as '- '."""
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"^[ \t]*[*+][ \t]+", "- ", text, flags=re.M)
    return text


def _first_line_title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "..."
