"""The exceptions the library raises, so callers can catch them by kind.

The CLI turns each into a message and an exit code: 1 for data that does not conform,
2 for every other error (pySHACL's contract).
"""

from __future__ import annotations


class ResilienceKGError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(ResilienceKGError):
    """Input data that cannot be loaded: a bad CSV row, malformed Turtle, a bad quote.

    ``location`` names the file and, where known, the line (``elements.csv:12``).
    """

    def __init__(self, message: str, *, location: str | None = None) -> None:
        self.location = location
        self.detail = message
        super().__init__(f"{location}: {message}" if location else message)


class QueryError(ResilienceKGError):
    """A SPARQL query that cannot run: a syntax error (with its position) or a bad parameter.

    ``line`` and ``column`` (from 1) locate the fault in the query text when it has a place,
    so that a page can highlight it; the message says it too.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class UnsafeQueryError(QueryError):
    """A query that would reach the network or the disk, or change the data (or nests so deep
    that the engine's parser would exhaust its stack)."""


class QueryTimeout(QueryError):
    """A query that ran past its time limit and was stopped."""


class ChildSyntaxError(QueryError):
    """A SyntaxError raised in a query process (a malformed query); the message is kept, and
    :func:`resilience_kg.sparql.query.explain` turns it into a :class:`QueryError` with its place."""


class ValidationFailed(ResilienceKGError):
    """The data does not conform to the SHACL shapes; ``report`` holds the details."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))


class NotFound(ResilienceKGError):
    """A name (an actor, a pillar) that matches nothing; the message lists the nearest names."""


class MissingExtra(ResilienceKGError):
    """An optional feature whose extra is not installed; the message gives the pip command."""

    def __init__(self, message: str, *, extra: str) -> None:
        self.extra = extra
        super().__init__(message)


class QueryMemoryError(QueryError):
    """A query that needed more memory than its limit (``--memory``) and was stopped."""


class ResultTooLarge(QueryError):
    """A query whose answer is larger than the result cap (``--max-result``)."""


class ExtractError(ResilienceKGError):
    """A report that cannot be read or extracted; the message names the file."""


class ReviewError(ResilienceKGError):
    """A review edit that cannot be made as asked (an unknown column, a file that must be fixed by hand)."""


class ReviewConflict(ReviewError):
    """The row changed since the reviewer saw it: reload, look again, then edit."""


class RemoteError(ResilienceKGError):
    """A remote server refused a request or could not be reached; ``status`` is the server's
    last answer (None if it could not be reached)."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class PushMismatch(ResilienceKGError):
    """A push after which the server does not hold what was sent; ``report`` (a ``PushReport``)
    says which graph lacks how many triples, with examples. The CLI exits 1."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))
