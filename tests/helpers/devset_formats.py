"""Write a development-set report as .docx or as a text .pdf, at test time (no binaries committed).

Both writers are minimal and dependency-free, so the files do not depend on the libraries the
extractor reads them with: a .docx is a zip of WordprocessingML (one ``w:p`` per line), a .pdf has
one Helvetica text object per page (WinAnsi encoding), as office tools write them.
"""

from __future__ import annotations

import shutil
import textwrap
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(text: str, path: Path) -> Path:
    """A .docx whose paragraphs are the lines of ``text`` (the first one bold, as a title)."""
    paras = []
    for n, line in enumerate(text.splitlines()):
        bold = "<w:rPr><w:b/></w:rPr>" if n == 0 else ""
        run = f'<w:r>{bold}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
        paras.append(f"<w:p>{run}</w:p>")
    body = "".join(paras)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return path


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(text: str, path: Path, *, width: int = 95, lines_per_page: int = 60) -> Path:
    """A text PDF (A4, Helvetica 10 pt): paragraphs wrapped at ``width`` characters."""
    lines: list[str] = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, width) or [""])
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after every page and stream
    kids = []
    for page in pages:
        ops = b"BT /F1 10 Tf 12 TL 56 790 Td " + b" ".join(_pdf_string(line) + b" '" for line in page) + b" ET"
        stream = add(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id, font, stream)
        ))  # fmt: skip
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def materialise(source: Path, fmt: str | None, out_dir: Path) -> Path:
    """The report as the extractor should read it: a copy, or a .docx/.pdf generated from its text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt in (None, "", source.suffix.lstrip(".")):
        return Path(shutil.copy2(source, out_dir / source.name))
    text = source.read_text(encoding="utf-8")
    target = out_dir / f"{source.stem}.{fmt}"
    if fmt == "docx":
        return write_docx(text, target)
    if fmt == "pdf":
        return write_pdf(text, target)
    raise ValueError(f"{source.name}: unknown format {fmt!r} (docx or pdf)")
