"""Read a report into the plain text that every quote and offset refers to.

One reader per format: ``.txt`` and ``.md`` (decoded with a stated fallback rule), ``.html``
(main text only, without navigation, scripts or boilerplate; a tokenizer of our own that reads
each character once, since the stdlib ``html.parser`` rescans unfinished tags and takes minutes
on a small hostile page), ``.docx`` (python-docx) and ``.pdf`` with a text layer (pypdf; no OCR).
Every failure is an :class:`ExtractError` that names the file.

A report is untrusted: :class:`Limits` bounds what reading one may cost (its size, once unzipped
for a .docx; a PDF's pages; the characters of its text), each with a clear error naming the file
and the ``extract`` option that raises it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from resilience_kg.errors import ExtractError, MissingExtra
from resilience_kg.extract.recognise.rules import alternation, words
from resilience_kg.extras import install_hint
from resilience_kg.limits import DOCX_BLOCKS_PER_PAGE, EXTRACT_MAX_BYTES, EXTRACT_MAX_CHARS, EXTRACT_MAX_PAGES

FORMATS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
MIB = 1 << 20
#: What a PDF page must yield, in letters, before we believe it has a text layer.
_MIN_LETTERS_PER_PAGE = 20


class MissingDependency(MissingExtra):
    """An optional package of the ``extract`` extra that this format needs is not installed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extra="extract")


INSTALL_HINT = install_hint("extract")


@dataclass(frozen=True)
class Limits:
    """What reading one report may cost, so that a hostile file (a zip bomb, a PDF whose pages
    share one huge content stream) is refused at once with a clear error, in bounded memory.

    ``max_bytes``: the file's size, and for a .docx its size once unzipped (the unzipped
    size of every part, as its zip directory declares it; no part is read past that). ``max_pages``:
    a PDF's pages, or a .docx's paragraphs and table cells, 20 a page (python-docx takes a fixed
    time for each, so a small file of many empty paragraphs would otherwise take minutes).
    ``max_chars``: the characters of the report's text (a PDF's are counted page by page, so
    reading stops as soon as it is past them). Each maps to an ``extract`` option.
    """

    max_bytes: int = EXTRACT_MAX_BYTES
    max_pages: int = EXTRACT_MAX_PAGES
    max_chars: int = EXTRACT_MAX_CHARS

    @staticmethod
    def too_large(path: Path, what: str, option: str) -> ExtractError:
        """The error for a report past a limit: what it is, and the option that would let it in."""
        return ExtractError(f"{path}: {what}; refused (to read it anyway: extract {option})")


DEFAULT_LIMITS = Limits()


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

# The tag lists are rows of ``rules/words.csv``, each with its basis.
_SKIP_TAGS = frozenset(words("html_skip_tags"))
_BLOCK_TAGS = frozenset(words("html_block_tags"))
_VOID_TAGS = frozenset(words("html_void_tags"))
#: class/id words that mark boilerplate blocks (menus, share buttons, comments, sidebars).
_BOILERPLATE = re.compile(r"(^|[-_ ])(" + alternation("html_boilerplate_words") + r")([-_ ]|$)", re.I)


class _MainText:
    """Collects text blocks, skipping boilerplate elements; remembers which blocks lie inside
    ``<main>`` or ``<article>`` so that those win when the page has them. Driven by
    :func:`_tokenize` (the handlers of ``html.parser.HTMLParser``, with the same arguments)."""

    def __init__(self) -> None:
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.main_depth = 0
        self.blocks: list[tuple[bool, str]] = []  # (inside main/article, text)
        self.current: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.li_depth = 0
        self.in_row = False

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
        if tag in ("td", "th") and self.in_row:
            # A table row is one line, its cells between bars ("| Budi | Kepala Seksi | BPBD |"), as a
            # Markdown table: an attendance table keeps its columns.
            self.current.append(" | ")
        elif tag in _BLOCK_TAGS:
            self._flush()
        if tag == "tr":
            self.in_row = True
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
        if tag == "tr" and self.in_row:
            self.in_row = False
            if self.current:
                self.current.append(" |")
            self._flush()
        elif tag in ("td", "th") and self.in_row:
            pass  # the row is flushed whole at </tr>
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def close(self) -> None:
        self._flush()


# Pieces of a tag, each matched where the scan stands (never searched for): a scan moves forward
# only, so a page costs time in proportion to its length, whatever it holds.
_NAME = re.compile(r"[^\s/>]*")
_GAP = re.compile(r"[\s/]*")
_ATTR = re.compile(r"[\s/]*([^\s/>][^\s/>=]*)(\s*=\s*)?")  # the gap before, the name, any "="
_UNQUOTED = re.compile(r"[^\s>]*")
#: Attributes kept of one tag (the rest are read past): a page of one tag with millions of them
#: would otherwise hold them all in memory. Main-text detection needs class, id, role, hidden.
_MAX_ATTRS = 256
#: Elements whose content is raw text up to their end tag (as html.parser has it).
_RAW_END = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}
Attrs = list[tuple[str, "str | None"]]


def _tag(markup: str, pos: int) -> tuple[str, Attrs, int, bool] | None:
    """The tag whose name starts at ``pos``: name (lower case), attributes, the position after its
    ``>`` and whether it closed itself (``/>``); None if the page ends inside it (it is dropped,
    as a browser drops it)."""
    n = len(markup)
    name_end = _NAME.match(markup, pos)
    assert name_end is not None  # matches the empty string at worst
    name, pos = name_end.group().lower(), name_end.end()
    attrs: Attrs = []
    while True:
        attr = _ATTR.match(markup, pos)
        if attr is None:  # only a gap before ">" or the end
            pos = _GAP.match(markup, pos).end()  # type: ignore[union-attr]
            if pos >= n:
                return None
            return name, attrs, pos + 1, markup[pos - 1] == "/"
        key, pos = attr.group(1), attr.end()
        value: str | None = None
        if attr.group(2) is not None:
            if pos < n and markup[pos] in "\"'":
                end = markup.find(markup[pos], pos + 1)
                if end < 0:
                    return None
                value, pos = markup[pos + 1 : end], end + 1
            else:
                unquoted = _UNQUOTED.match(markup, pos)
                assert unquoted is not None
                value, pos = unquoted.group(), unquoted.end()
        if len(attrs) < _MAX_ATTRS:
            attrs.append((key.lower(), None if value is None else html.unescape(value)))


def _tokenize(markup: str, sink: _MainText) -> None:
    """Feed ``markup``'s start tags, end tags and text (character references resolved) to
    ``sink``, reading each character once; comments, declarations and processing instructions
    are skipped."""
    i, n = 0, len(markup)
    while i < n:
        j = markup.find("<", i)
        j = n if j < 0 else j
        if j > i:
            sink.handle_data(html.unescape(markup[i:j]))
        if j >= n:
            return
        i, after, third = j, markup[j + 1 : j + 2], markup[j + 2 : j + 3]
        if markup.startswith("<!--", i):
            end = markup.find("-->", i + 4)
            i = n if end < 0 else end + 3
        elif after in ("!", "?") or (after == "/" and not (third.isascii() and third.isalpha())):
            end = markup.find(">", i + 2)  # a declaration, an instruction, a bogus comment
            i = n if end < 0 else end + 1
        elif after == "/" or (after.isascii() and after.isalpha()):
            tag = _tag(markup, i + (2 if after == "/" else 1))
            if tag is None:
                return
            name, attrs, i, closed = tag
            if after == "/":
                sink.handle_endtag(name)
                continue
            sink.handle_starttag(name, attrs)
            if closed:
                sink.handle_endtag(name)
            elif name in _RAW_END:
                found = _RAW_END[name].search(markup, i)
                end = found.start() if found else n
                if end > i:
                    sink.handle_data(markup[i:end])
                i = end
        else:
            sink.handle_data("<")
            i += 1


def html_main_text(markup: str) -> tuple[str, str]:
    """The main text of an HTML page (one paragraph a line) and its title.

    >>> html_main_text("<nav>Home</nav><article><p>Rapat <b>BPBD</b>.</p></article><footer>(c)</footer>")
    ('Rapat BPBD.', '')
    """
    parser = _MainText()
    _tokenize(markup, parser)
    parser.close()
    inside = [text for in_main, text in parser.blocks if in_main]
    blocks = inside if inside else [text for _, text in parser.blocks]
    # Very short lines at the very start or end of a page without <main> are usually menus.
    return "\n".join(blocks), re.sub(r"\s+", " ", "".join(parser.title)).strip()


# --- DOCX and PDF ---------------------------------------------------------------------------


def _docx_text(path: Path, limits: Limits) -> tuple[str, str]:
    import zipfile

    try:
        import docx
    except ImportError:
        _need("docx", "python-docx")
    if not zipfile.is_zipfile(path):
        raise ExtractError(f"{path}: not a .docx file (a .docx is a zip archive; this one is not)")
    try:
        with zipfile.ZipFile(path) as archive:
            # zipfile never inflates a part past the size its directory declares, so the sum of
            # the declared sizes bounds what python-docx can unpack.
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExtractError(f"{path}: cannot read this .docx ({type(exc).__name__}: {exc})") from None
    if unzipped > limits.max_bytes:
        raise limits.too_large(path, f"this .docx unzips to {_mib(unzipped)} MiB, more than "
                               f"{_mib(limits.max_bytes)} MiB", f"--max-mib {-(-unzipped // MIB)}")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, BadZipFile...
        raise ExtractError(f"{path}: cannot read this .docx ({type(exc).__name__}: {exc})") from None
    body = document.element.body
    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    blocks = sum(1 for _ in body.iter(f"{word}p", f"{word}tc"))
    if blocks > limits.max_pages * DOCX_BLOCKS_PER_PAGE:
        pages = -(-blocks // DOCX_BLOCKS_PER_PAGE)
        raise limits.too_large(path, f"this .docx holds {blocks:,} paragraphs and table cells, more than "
                               f"{limits.max_pages} pages of {DOCX_BLOCKS_PER_PAGE}", f"--max-pages {pages}")
    paragraphs: list[str] = []
    chars = 0

    def add(text: str) -> None:  # counted as read, so a long text stops the reading at once
        nonlocal chars
        paragraphs.append(text)
        chars += len(text) + 1
        if chars > limits.max_chars:
            raise limits.too_large(path, f"the text of this .docx is past {limits.max_chars:,} characters",
                                   "--max-chars N")

    for paragraph in document.paragraphs:
        add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            add(" | ".join(cell.text for cell in row.cells))
    title = (document.core_properties.title or "").strip()
    return "\n".join(paragraphs), title


def _mib(size: int) -> str:
    """``size`` in MiB, rounded up to a tenth (so that a size past a limit never shows as equal)."""
    return f"{-(-size * 10 // MIB) / 10:.1f}".removesuffix(".0")


def _shared(page: Any) -> tuple[object, ...] | None:
    """What makes two PDF pages read alike, so that a page repeated thousands of times (a hostile
    file) is read once: its content and resources when both are shared objects, else the page
    object itself; None for a page that is neither (read on its own)."""
    from pypdf.generic import IndirectObject

    contents = page.raw_get("/Contents") if "/Contents" in page else None
    resources = page.raw_get("/Resources") if "/Resources" in page else None
    if isinstance(contents, IndirectObject) and isinstance(resources, IndirectObject):
        return ("content", contents.idnum, contents.generation, resources.idnum, resources.generation, page.rotation)
    ref = page.indirect_reference
    return None if ref is None else ("page", ref.idnum, ref.generation)


def _pdf_text(path: Path, limits: Limits) -> tuple[str, str]:
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
        count = len(reader.pages)
        if count > limits.max_pages:
            raise limits.too_large(path, f"the PDF has {count} pages, more than {limits.max_pages}",
                                   f"--max-pages {count}")
        pages: list[str] = []
        chars = 0
        seen: dict[tuple[object, ...], str] = {}
        for page in reader.pages:
            key = _shared(page)
            if key is None or key not in seen:
                text = page.extract_text() or ""
                if key is not None:
                    seen[key] = text
            pages.append(seen[key] if key is not None else text)
            chars += len(pages[-1])
            if chars > limits.max_chars:
                raise limits.too_large(path, f"the text of the PDF's first {len(pages)} of {count} page(s) is "
                                       f"already past {limits.max_chars:,} characters", "--max-chars N")
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


def read_source(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> SourceText:
    """Read one report into its plain text; raise :class:`ExtractError` naming the file, also
    when the report is past one of ``limits``."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExtractError(f"{path}: unknown format {suffix or '(no suffix)'}; extract reads {', '.join(FORMATS)}")
    if not path.is_file():
        raise ExtractError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError(f"{path}: the file is empty")
    if size > limits.max_bytes:
        raise limits.too_large(path, f"the file is {_mib(size)} MiB, more than {_mib(limits.max_bytes)} MiB",
                               f"--max-mib {-(-size // MIB)}")
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
        text, title = _docx_text(path, limits)
    else:
        text, title = _pdf_text(path, limits)
    if len(text) > limits.max_chars:
        raise limits.too_large(path, f"its text has {len(text):,} characters, more than {limits.max_chars:,}",
                               f"--max-chars {len(text)}")
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
