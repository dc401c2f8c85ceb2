"""Refuse entity declarations in an RDF/XML file before any parser sees it.

An XML document may declare entities in its DOCTYPE, and each may repeat the one before: a few
hundred bytes expand to gigabytes ("billion laughs"). RDF/XML data has no use for them (a file
that abbreviates namespaces with them can be saved without), so a file that declares any entity
is refused, naming the file and line, and is never parsed.

The check does not parse the DOCTYPE (a second parser would disagree with the real one on some
text): it looks for ``<!ENTITY`` anywhere in the file, in any case. Outside a declaration that
text can stand only in a comment or a CDATA section, so the cost of being strict is nil for data.
It reads the file once, a chunk at a time: linear time, bounded memory.

>>> import tempfile, pathlib
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "x.rdf"
>>> _ = bad.write_text('<?xml version="1.0"?>\\n<!DOCTYPE r [\\n <!ENTITY a "aaaa">\\n]>\\n<r/>')
>>> check_rdf_xml(bad)
Traceback (most recent call last):
...
resilience_kg.errors.DataError: ...x.rdf:3: this RDF/XML file declares an XML entity ...
"""

from __future__ import annotations

from pathlib import Path

from resilience_kg.errors import DataError

_DECLARATION = b"<!entity"
_CHUNK = 1 << 20


def check_rdf_xml(path: Path) -> None:
    """Raise :class:`DataError` (file and line) if the RDF/XML file ``path`` declares an XML entity."""
    keep = len(_DECLARATION) - 1  # a declaration cut by a chunk's end is found in the next
    lines, tail = 0, b""
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                window = tail + chunk
                found = window.lower().find(_DECLARATION)
                if found >= 0:
                    line = lines + window.count(b"\n", 0, found) + 1
                    raise DataError(
                        "this RDF/XML file declares an XML entity (<!ENTITY ...>); entities can expand a "
                        "small file to gigabytes, so they are refused: write their values out in full "
                        "(or save the file as Turtle)", location=f"{path}:{line}")
                lines += window.count(b"\n", 0, len(window) - keep)
                tail = window[len(window) - keep:]
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", location=str(path)) from exc
