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

# --- serve: what one client may hold of the server (README, "What the endpoint defends against")

#: Query slots of an app made without a pool (``serve`` has one per worker, ``--workers``).
SLOTS = 4

#: Seconds a query may wait for a free query slot before a 503 (``--queue-timeout``).
QUEUE_TIMEOUT = 2.0

#: Bytes a request line and headers may take (a long query goes in a POST body); beyond, 431.
MAX_HEAD = 32 * 1024

#: Seconds a client may take to send a request's headers (``--header-timeout``).
HEADER_TIMEOUT = 10.0

#: Seconds a client may take to send a request body (``--body-timeout``); it is read before the
#: request takes a query slot, so a slow sender holds a connection, never a slot.
BODY_TIMEOUT = 10.0

#: Seconds an idle keep-alive connection is kept open (``--keep-alive``).
KEEP_ALIVE = 5

#: Connections served at once (``--max-connections``); beyond, 503.
MAX_CONNECTIONS = 256

#: Connections one client address may hold at once (``--max-connections-per-client``): below
#: :data:`MAX_CONNECTIONS`, so that one client cannot take them all.
MAX_CONNECTIONS_PER_CLIENT = 64

#: Rows an HTML results page shows; the download links give every row.
HTML_ROWS = 1000

#: The default port of ``serve``.
PORT = 7878
