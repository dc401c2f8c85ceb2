"""The limits every entry point shares (CLI, library, server), each defined once.

Cheap to import: the CLI reads these for its defaults and ``--help``.
"""

from __future__ import annotations

#: Seconds a query may run before its process is killed.
QUERY_TIMEOUT = 30.0

#: Bytes a request body to the endpoint may carry (a query, form-encoded or raw).
MAX_BODY = 1 << 20

#: Bytes a query may allocate beyond the store it reads (``--memory``); its process is stopped past it.
QUERY_MEMORY = 2 << 30

#: The largest answer a query may give, in bytes (``--max-result``).
MAX_RESULT = 256 << 20

#: What reading one report for ``extract`` may cost (``--max-mib``, ``--max-pages``, ``--max-chars``):
#: its size in bytes (a .docx's once unzipped), a PDF's pages (a .docx's paragraphs and table cells,
#: :data:`DOCX_BLOCKS_PER_PAGE` a page), the characters of its text.
EXTRACT_MAX_BYTES = 20 << 20
EXTRACT_MAX_PAGES = 500
EXTRACT_MAX_CHARS = 2_000_000
#: Paragraphs and table cells that count as one page of a .docx: python-docx spends a fixed
#: time on each, so their number, not the file's size, bounds the time it takes.
DOCX_BLOCKS_PER_PAGE = 20
