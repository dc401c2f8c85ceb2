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
