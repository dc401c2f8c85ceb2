"""Turn the CSV tables into N-Quads: the facts in the report or curated graph, and one
reified statement per fact in the provenance graph, tied to its quote or its basis.

Terms are written as N-Quads text and loaded by Oxigraph's parser in one call, which is about ten
times faster than building term objects in Python. Every IRI is minted through
:func:`resilience_kg.vocab.mint` (percent-encoded) and every literal is escaped here, so no CSV
value can end a term and start another.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Protocol

from resilience_kg import vocab as v
from resilience_kg.errors import DataError
from resilience_kg.graph.csv_reader import Row, Table


class Directory(Protocol):
    """A folder to resolve a source's ``file`` against: a Path or a resources Traversable."""

    def joinpath(self, *parts: str) -> object: ...


CONFIDENCE_LEVELS = ("stated", "well-attested", "uncertain", "unknown")
BASES = ("report", "curated")
#: A row's review status; an empty status means accepted (hand-typed data).
STATUSES = ("draft", "accepted", "rejected")
#: Context kept on each side of a quote at least, widened until the quote with its context
#: occurs once in the source (W3C Web Annotation: prefix and suffix make a quote selector unique).
CONTEXT = 32

# Reused properties that connections may name besides the ontology's own rkg: properties.
REUSED_PROPERTIES = {
    "org:subOrganizationOf": v.ORG + "subOrganizationOf",
    "org:postIn": v.ORG + "postIn",
    "org:heldBy": v.ORG + "heldBy",
    "skos:broader": v.SKOS + "broader",
    "skos:related": v.SKOS + "related",
}
# Classes that are the machinery of the graph, not things a curator adds as elements.
INTERNAL_CLASSES = {
    "Actor", "Sector", "Confidence", "AgreementStatus", "CommitmentStatus", "SourceDocument",
    "ReportedStatement", "CuratedStatement",
}  # fmt: skip

#: English text columns of an element. A report row states one only where its quote contains it
#: (English the report itself uses, "Early Warning System"); any other is the curators'
#: translation and goes to the curated graph, by rule, whatever the row's basis says.
ENGLISH_COLUMNS = ("label_en", "description_en")
#: Link types that place a thing under a pillar. Drafted by a pillar cue (``method`` starting
#: with :data:`PILLAR_CUE`), such a link is an inference: curated once accepted, never reported.
PILLAR_LINKS = ("underPillar", "concernsPillar")
PILLAR_CUE = "rule:pillar-cue:"
#: The confidence of a curated fact the loader moves out of a report row, unless the row says.
MOVED_CONFIDENCE = "well-attested"

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in _ESCAPES})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)$")


def iri(value: str) -> str:
    """N-Quads form of an IRI that we minted or took from the vocabulary."""
    return f"<{value}>"


def literal(value: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """N-Quads form of a literal, escaped so that no value can break out of its quotes.

    >>> literal('say "hi"\\n', lang="en")
    '"say \\\\"hi\\\\"\\\\n"@en'
    """
    text = '"' + value.translate(_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology offers the tables: element types, link types, sectors, individuals."""

    classes: dict[str, str]
    properties: dict[str, str]
    sector_of_class: dict[str, str]
    individuals: set[str]


@dataclass
class Assembly:
    """The result: N-Quads lines, and the ``file:line`` every minted IRI came from."""

    lines: list[str] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    source_texts: dict[str, str] = field(default_factory=dict)
    #: Quotes that do not match their source, as (row location, source IRI, message), when
    #: assembled with ``strict_quotes=False`` (for ``validate``, which lists them all).
    quote_problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class _Source:
    iri: str
    text: str


R = v.RDF
P_TYPE, P_SUBJECT, P_PREDICATE, P_OBJECT = (iri(R + n) for n in ("type", "subject", "predicate", "object"))
G_REPORT, G_CURATED, G_PROV = iri(v.REPORT_GRAPH), iri(v.CURATED_GRAPH), iri(v.PROVENANCE_GRAPH)
G_DRAFT = iri(v.DRAFT_GRAPH)
C_REPORTED, C_CURATED = iri(v.RKG + "ReportedStatement"), iri(v.RKG + "CuratedStatement")


def _rkg(name: str) -> str:
    return iri(v.RKG + name)


def _hash(text: str, n: int = 20) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n]


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def stated_in(quote: str, text: str) -> bool:
    """Whether ``quote`` contains ``text``, ignoring case and runs of spaces: the test of the
    translation rule (English a report contains is reported; any other English is curated).

    >>> stated_in("(iii) Penyediaan Early Warning System (EWS)", "Early warning system")
    True
    >>> stated_in("Kepala Biro KDH-KLN Setda Provinsi DKI Jakarta", "Regional Secretariat")
    False
    """
    return bool(text) and _folded(text) in _folded(quote)


def extracted(row: Row) -> bool:
    """Whether a row was drafted by ``extract`` (it names the method that made it); hand-typed
    rows, such as the bundled data, have no method."""
    return bool(row.get("method"))


def occurrences(text: str, quote: str) -> list[int]:
    """Every position where ``quote`` starts in ``text``, overlapping ones included.

    >>> occurrences("abab ab", "ab")
    [0, 2, 5]
    """
    found, at = [], text.find(quote)
    while at != -1 and quote:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def context(text: str, start: int, end: int, *, least: int = CONTEXT, unique: bool = False) -> tuple[str, str]:
    """The prefix and suffix of ``text[start:end]``: ``least`` characters each, widened until the
    quote with its prefix and suffix occurs exactly once in ``text``.

    >>> context("x a y a z", 6, 7, least=1)  # " a " occurs twice: widen until unique
    ('y ', ' z')
    >>> context("ab ab ab", 3, 5, least=1)  # the middle "ab": " ab " occurs once
    (' ', ' ')
    """
    if unique:  # the quote alone occurs once, so it does with any context: no need to search
        return text[max(0, start - least) : start], text[end : end + least]
    width = least
    while True:
        lo, hi = max(0, start - width), min(len(text), end + width)
        if len(occurrences(text, text[lo:hi])) == 1 or (lo == 0 and hi == len(text)):
            return text[lo:start], text[end:hi]
        width += 16 if width >= CONTEXT else 1


def _divergence(quote: str, text: str) -> str:
    """Say how far a quote matches the source, to help a curator find a typo."""
    lo, hi = 0, len(quote)
    while lo < hi:  # the longest prefix of the quote found in the text (found-ness is monotone)
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "not even its first character appears in the source"
    at = text.index(quote[:lo])
    return (
        f"its first {lo} characters match, then the quote has {quote[lo:lo + 20]!r} "
        f"where the source has {text[at + lo:at + lo + 20]!r}"
    )


def _read_source_file(base: Directory, row: Row) -> bytes:
    """The bytes of a source's ``file``, which must lie inside the folder of its sources table.

    Absolute paths, ``..`` and symlinks that lead outside the folder are refused: a data folder
    must not pull another local file (``/etc/passwd``) into the graph, the report and exports.
    """
    name = row.get("file")
    if not name:
        raise DataError("a source needs a file: the path of its text, relative to this table's folder",
                        location=row.location)
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        raise DataError(f"the source file {name!r} is an absolute path; give a path relative to this table's folder",
                        location=row.location)
    parts = PureWindowsPath(name).parts  # splits on both / and \\
    if ".." in parts:
        raise DataError(f"the source file {name!r} climbs out of this table's folder ('..'); "
                        "keep source texts inside it", location=row.location)
    target = base.joinpath(*parts)
    if isinstance(base, Path) and isinstance(target, Path):
        # The bundled folder is a Path too when the package is installed as files.
        folder = base.resolve()
        resolved = target.resolve()
        if not resolved.is_relative_to(folder):
            raise DataError(f"the source file {name!r} is a symlink (or under one) that leads outside this "
                            "table's folder; copy the text into the folder instead", location=row.location)
    try:
        return target.read_bytes()  # type: ignore[attr-defined, no-any-return]
    except OSError as exc:
        raise DataError(f"cannot read the source text {name!r}: {exc.strerror or exc}", location=row.location) from exc


def _check_checksum(raw: bytes, row: Row) -> None:
    """Compare the text's bytes with the ``checksum`` column (``sha256:<hex>``), if given."""
    given = row.get("checksum")
    if not given:
        return
    algo, _, digest = given.partition(":")
    if algo.lower() != "sha256" or not re.fullmatch(r"[0-9a-fA-F]{64}", digest):
        raise DataError(f"checksum {given!r} must be sha256: and 64 hexadecimal digits", location=row.location)
    actual = hashlib.sha256(raw).hexdigest()
    if actual != digest.lower():
        raise DataError(
            f"the source file {row.get('file')!r} does not match its checksum (it has sha256:{actual}): the text "
            "changed since its rows were written; check the quotes and offsets, then update the checksum",
            location=row.location,
        )


class _Assembler:
    def __init__(self, vocab: Vocabulary, *, include_drafts: bool = False) -> None:
        self.vocab = vocab
        self.include_drafts = include_drafts
        self.out = Assembly()
        self.sources: dict[str, _Source] = {}
        self.quotes: set[str] = set()
        self.checked: dict[str, tuple[str, str]] = {}  # row location -> its (source, quote)
        self.ids: dict[str, str] = {}  # slug -> location of the row that defines it
        self.rows: dict[str, Row] = {}  # slug -> the first row that defines it
        self.aliases: dict[str, Row] = {}  # alias slug -> its row (with same_as)
        self.canonical: dict[str, str] = {}  # alias slug -> the slug it resolves to
        self.definer: dict[str, str] = {}  # canonical slug defined by an alias row -> that row's location
        self.unloaded: dict[str, str] = {}  # slug of a rejected (or unrequested draft) row -> its status
        self.quote_errors: list[DataError] = []
        self.found: dict[tuple[str, str], list[int]] = {}  # (source id, quote) -> where it occurs

    # -- review status ----------------------------------------------------------------------
    def status(self, row: Row) -> str:
        status = row.get("status").lower() or "accepted"
        if status not in STATUSES:
            raise DataError(f"status {row.get('status')!r} must be one of {', '.join(STATUSES)} "
                            "(empty means accepted)", location=row.location)
        return status

    def skipped(self, row: Row) -> bool:
        """Rejected rows are never loaded; draft rows only when asked for."""
        status = self.status(row)
        return status == "rejected" or (status == "draft" and not self.include_drafts)

    def graph(self, row: Row, *, curated: bool) -> str:
        if self.status(row) == "draft":
            return G_DRAFT
        return G_CURATED if curated else G_REPORT

    # -- provenance -----------------------------------------------------------------------
    def emit(self, s: str, p: str, o: str, graph: str) -> None:
        self.out.lines.append(f"{s} {p} {o} {graph} .\n")

    def state(self, s: str, p: str, o: str, row: Row, *, curated: bool, level: str = "",
              pinned: bool = False) -> None:
        """Emit one fact into its graph and its reified statement into the provenance graph.

        The same fact from several rows (an actor seen in two reports) is one statement with
        the evidence of each row. ``level`` gives a curated fact its confidence level when the
        row's own confidence is a number (an extraction's score, kept as ``rkg:score``);
        ``pinned`` keeps the row's quote as the evidence of a curated fact (the words an
        inference rests on, such as a pillar cue).
        """
        graph = self.graph(row, curated=curated)
        self.emit(s, p, o, graph)
        st = iri(v.mint("statement/" + _hash(f"{s} {p} {o} {graph}")))
        self.out.origins.setdefault(st[1:-1], row.location)
        add = self.out.lines.append
        add(f"{st} {P_TYPE} {C_CURATED if curated else C_REPORTED} {G_PROV} .\n")
        add(f"{st} {P_SUBJECT} {s} {G_PROV} .\n")
        add(f"{st} {P_PREDICATE} {p} {G_PROV} .\n")
        add(f"{st} {P_OBJECT} {o} {G_PROV} .\n")
        add(f"{st} {_rkg('inGraph')} {graph} {G_PROV} .\n")
        add(f"{st} {_rkg('recordedIn')} {literal(row.location)} {G_PROV} .\n")
        if row.get("method"):
            add(f"{st} {_rkg('method')} {literal(row.get('method'))} {G_PROV} .\n")
        conf = row.get("confidence")
        if conf and conf not in CONFIDENCE_LEVELS:  # a number: an extraction's own confidence
            add(f"{st} {_rkg('score')} {literal(conf, datatype=v.XSD + 'decimal')} {G_PROV} .\n")
        if curated:
            if row.get("note"):
                add(f"{st} {_rkg('basis')} {literal(row.get('note'))} {G_PROV} .\n")
            level = level or (conf if conf in CONFIDENCE_LEVELS else "")
            if level:
                add(f"{st} {_rkg('confidence')} {iri(v.mint('confidence-' + level))} {G_PROV} .\n")
            pinned_evidence = self.evidence(row) if pinned else None
            if pinned_evidence:
                add(f"{st} {_rkg('evidence')} {pinned_evidence[1]} {G_PROV} .\n")
        else:
            evidence = self.evidence(row)
            if evidence:
                src, quote_iri = evidence
                add(f"{st} {_rkg('evidence')} {quote_iri} {G_PROV} .\n")
                add(f"{st} {iri(v.PROV + 'wasDerivedFrom')} {src} {G_PROV} .\n")

    def span(self, row: Row, source_id: str, text: str, quote: str) -> tuple[int, int]:
        """Where the row's quote sits in its source: the given offsets (checked), the given
        occurrence, or the only place it occurs. A quote that occurs more than once with
        neither is refused: its evidence would point at the wrong words."""
        start, end, occurrence = row.get("start"), row.get("end"), row.get("occurrence")
        found = self.found.get((source_id, quote))
        if found is None:  # one scan of the source per distinct quote, however many rows cite it
            found = self.found[(source_id, quote)] = occurrences(text, quote)
        if start or end:
            if not (start.isdigit() and end.isdigit()):
                raise DataError(
                    f"start {start!r} and end {end!r} must both be character offsets (whole numbers from 0)",
                    location=row.location,
                )
            a, b = int(start), int(end)
            if text[a:b] != quote:
                where = f"; it occurs at {', '.join(f'{i}:{i + len(quote)}' for i in found[:5])}" if found else ""
                raise DataError(
                    f"the quote is not at characters {a}:{b} of source {source_id!r}, which read "
                    f"{text[a:b][:60]!r} there{where}",
                    location=row.location,
                )
            if occurrence and (not occurrence.isdigit() or found.index(a) + 1 != int(occurrence)):
                raise DataError(
                    f"occurrence {occurrence!r} disagrees with start {a}: that is occurrence {found.index(a) + 1}",
                    location=row.location,
                )
            return a, b
        if not found:
            raise DataError(
                f"the quote is not an exact substring of source {source_id!r}: {_divergence(quote, text)}",
                location=row.location,
            )
        if occurrence:
            if not occurrence.isdigit() or not 1 <= int(occurrence) <= len(found):
                raise DataError(
                    f"occurrence {occurrence!r} must be a number from 1 to {len(found)}: the quote occurs "
                    f"{len(found)} time(s) in source {source_id!r}",
                    location=row.location,
                )
            at = found[int(occurrence) - 1]
            return at, at + len(quote)
        if len(found) > 1:
            raise DataError(
                f"the quote occurs {len(found)} times in source {source_id!r} (at characters "
                f"{', '.join(str(i) for i in found)}): say which one with occurrence (1 to {len(found)}) "
                "or with start and end",
                location=row.location,
            )
        return found[0], found[0] + len(quote)

    def evidence(self, row: Row) -> tuple[str, str] | None:
        """The (source, quote) IRIs of a report row, checking the quote against the source
        once per row (a row states several facts with the same quote).

        The quote is both an ``oa:TextQuoteSelector`` (exact text, with a prefix and suffix that
        make it unique in the source) and an ``oa:TextPositionSelector`` (its offsets), so it
        identifies exactly one span.
        """
        quote, source_id = row.get("quote"), row.get("source")
        if not quote:
            return None  # the SHACL shapes report an asserted fact without evidence
        if row.location in self.checked:
            return self.checked[row.location]
        if any(loc == row.location for loc, _, _ in self.out.quote_problems):
            return None
        if not source_id:
            raise DataError("a quote needs the id of its source in the 'source' column", location=row.location)
        src = self.sources.get(source_id)
        if src is None:
            known = ", ".join(sorted(self.sources)) or "none loaded"
            raise DataError(f"unknown source {source_id!r} (known sources: {known})", location=row.location)
        try:
            start, end = self.span(row, source_id, src.text, quote)
        except DataError as exc:
            # Every mismatched quote is named, not just the first: an edited source text
            # usually moves many. The row's facts keep no evidence.
            self.quote_errors.append(exc)
            self.out.quote_problems.append((row.location, src.iri, exc.detail))
            return None
        q = iri(v.mint(f"quote/{_hash(source_id, 8)}-{start}-{end}"))
        if q not in self.quotes:
            self.quotes.add(q)
            prefix, suffix = context(src.text, start, end, unique=len(self.found[(source_id, quote)]) == 1)
            add = self.out.lines.append
            add(f"{q} {P_TYPE} {iri(v.OA + 'TextQuoteSelector')} {G_PROV} .\n")
            add(f"{q} {P_TYPE} {iri(v.OA + 'TextPositionSelector')} {G_PROV} .\n")
            add(f"{q} {iri(v.OA + 'exact')} {literal(quote)} {G_PROV} .\n")
            add(f"{q} {iri(v.OA + 'prefix')} {literal(prefix)} {G_PROV} .\n")
            add(f"{q} {iri(v.OA + 'suffix')} {literal(suffix)} {G_PROV} .\n")
            add(f"{q} {iri(v.OA + 'start')} {literal(str(start), datatype=v.XSD + 'integer')} {G_PROV} .\n")
            add(f"{q} {iri(v.OA + 'end')} {literal(str(end), datatype=v.XSD + 'integer')} {G_PROV} .\n")
            add(f"{q} {iri(v.DCTERMS + 'source')} {iri(src.iri)} {G_PROV} .\n")
        self.checked[row.location] = (iri(src.iri), q)
        return self.checked[row.location]

    # -- tables ---------------------------------------------------------------------------
    def source_rows(self, table: Table, base: Directory) -> None:
        for row in table.rows:
            sid = row.get("id")
            if not sid:
                raise DataError("a source needs an id", location=row.location)
            if sid in self.sources:
                raise DataError(f"duplicate source id {sid!r}", location=row.location)
            raw = _read_source_file(base, row)
            _check_checksum(raw, row)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                message = f"the source text {row.get('file')!r} is not UTF-8 ({exc.reason} at byte {exc.start})"
                raise DataError(message, location=row.location) from exc
            s = iri(v.mint("source/" + sid))
            self.sources[sid] = _Source(iri=s[1:-1], text=text)
            self.out.source_texts[s[1:-1]] = text
            self.out.origins[s[1:-1]] = row.location
            emit = self.emit
            emit(s, P_TYPE, _rkg("SourceDocument"), G_PROV)
            for col, lang in (("title_id", "id"), ("title_en", "en")):
                if row.get(col):
                    emit(s, iri(v.DCTERMS + "title"), literal(row.get(col), lang=lang), G_PROV)
            if row.get("date"):
                emit(s, iri(v.DCTERMS + "date"), self.date(row, "date"), G_PROV)
            if row.get("publisher"):
                emit(s, iri(v.DCTERMS + "publisher"), literal(row.get("publisher")), G_PROV)
            if row.get("language"):
                emit(s, iri(v.DCTERMS + "language"), literal(row.get("language")), G_PROV)
            if row.get("url"):
                emit(s, iri(v.SCHEMA + "url"), literal(row.get("url"), datatype=v.XSD + "anyURI"), G_PROV)

    def date(self, row: Row, col: str) -> str:
        value = row.get(col)
        try:
            valid = bool(_DATE.match(value)) and bool(date.fromisoformat(value))
        except ValueError:
            valid = False
        if not valid:
            message = f"{col} {value!r} is not a date of the form YYYY-MM-DD (a real calendar day)"
            raise DataError(message, location=row.location)
        return literal(value, datatype=v.XSD + "date")

    def number(self, row: Row, col: str) -> str:
        value = row.get(col)
        if _INTEGER.match(value):
            return literal(value, datatype=v.XSD + "integer")
        if _DECIMAL.match(value):
            return literal(value, datatype=v.XSD + "decimal")
        raise DataError(f"{col} {value!r} is not a number", location=row.location)

    def register(self, table: Table) -> None:
        for row in table.rows:
            slug = row.get("id")
            if not slug:
                raise DataError("an element needs an id", location=row.location)
            if self.skipped(row):
                self.unloaded.setdefault(slug, self.status(row))
                continue
            self.unloaded.pop(slug, None)
            self.candidates(row)
            if row.get("same_as"):
                self.alias(row)
            elif slug in self.aliases:
                first = self.aliases[slug].location
                raise DataError(f"duplicate id {slug!r}: {first} makes it an alias (same_as)", location=row.location)
            elif slug in self.ids:
                self.same_actor(row)
            else:
                self.ids[slug] = row.location
                self.rows[slug] = row

    def alias(self, row: Row) -> None:
        slug, target = row.get("id"), row.get("same_as")
        score = row.get("match_score")
        if score:
            try:
                ok = 0 <= float(score) <= 100
            except ValueError:
                ok = False
            if not ok:
                raise DataError(f"match_score {score!r} must be a number from 0 to 100", location=row.location)
        if target == slug:
            raise DataError(f"same_as {target!r} names the row's own id", location=row.location)
        if slug in self.ids:
            raise DataError(f"duplicate id {slug!r}, first defined at {self.ids[slug]} (without same_as)",
                            location=row.location)
        first = self.aliases.get(slug)
        if first is None:
            self.aliases[slug] = row
        elif not row.get("source") or first.get("source") == row.get("source") or first.get("same_as") != target:
            # The same alias in another report (stable extraction ids) is fine if it resolves alike.
            raise DataError(
                f"duplicate id {slug!r}, first defined at {first.location} (same_as {first.get('same_as')!r})",
                location=row.location,
            )

    def candidates(self, row: Row) -> None:
        """``candidates`` lists the ids an ambiguous name could be, as ``id1:score1|id2:score2``."""
        for part in filter(None, row.get("candidates").split("|")):
            slug, _, score = part.rpartition(":")
            if not slug or not _DECIMAL.match(score.strip()):
                raise DataError(
                    f"candidates {row.get('candidates')!r} must read id1:score1|id2:score2 (at {part!r})",
                    location=row.location,
                )

    def same_actor(self, row: Row) -> None:
        """A second row for an id: the same node seen in another source, if it agrees."""
        slug = row.get("id")
        first = self.rows.get(slug)
        if first is None or not row.get("source") or first.get("source") == row.get("source"):
            raise DataError(f"duplicate id {slug!r}, first defined at {self.ids[slug]}", location=row.location)
        for col in ("type", "label_id", "label_en"):
            a, b = first.get(col), row.get(col)
            if a and b and a != b:
                raise DataError(
                    f"id {slug!r} has {col} {b!r} here but {a!r} at {first.location}: one id is one node, so "
                    "they must agree (or give this row an id of its own)",
                    location=row.location,
                )

    def resolve_aliases(self) -> None:
        """Map every alias to the slug it stands for, following chains; an alias whose target no
        row defines defines that node itself (the first such row)."""
        for slug, row in self.aliases.items():
            seen, target = [slug], row.get("same_as")
            while target in self.aliases and target not in self.ids:
                if target in seen:
                    raise DataError(f"same_as goes round in a circle: {' -> '.join([*seen, target])}",
                                    location=row.location)
                seen.append(target)
                target = self.aliases[target].get("same_as")
            self.canonical[slug] = target
            if target not in self.ids:
                self.ids[target] = row.location
                self.rows[target] = row
                self.definer[target] = row.location
            elif self.rows[target].get("type") != row.get("type") and target not in self.definer:
                raise DataError(
                    f"same_as {target!r} is a {self.rows[target].get('type')} at {self.ids[target]}, but this row "
                    f"says {row.get('type')}: an alias must name the same kind of thing",
                    location=row.location,
                )

    def slug(self, slug: str) -> str:
        """The id a row's id or link resolves to (an alias's canonical id, else itself)."""
        return self.canonical.get(slug, slug)

    def basis(self, row: Row) -> bool:
        """True for a curated row; the basis must be one of the two."""
        basis = row.get("basis").lower()
        if basis not in BASES:
            raise DataError(f"basis {row.get('basis')!r} must be 'report' or 'curated'", location=row.location)
        conf = row.get("confidence")
        if conf and conf not in CONFIDENCE_LEVELS:
            try:
                number = float(conf)
            except ValueError:
                number = -1.0
            if not 0 <= number <= 1:
                raise DataError(
                    f"confidence {conf!r} must be one of {', '.join(CONFIDENCE_LEVELS)}, or a number from 0 to 1 "
                    "(an extraction's confidence)",
                    location=row.location,
                )
        return basis == "curated"

    def element_rows(self, table: Table) -> None:
        for row in table.rows:
            if self.skipped(row):
                continue
            slug = row.get("id")
            if slug in self.aliases and self.definer.get(self.slug(slug)) != row.location:
                self.alias_facts(row)
            else:
                self.element(row)

    def alias_facts(self, row: Row) -> None:
        """An alias row adds its evidence to the node it resolves to: the node's type and the
        name as this source writes it, never a second label."""
        cls = self.vocab.classes.get(row.get("type"))
        if cls is None:
            raise DataError(f"unknown type {row.get('type')!r}; use one of {', '.join(sorted(self.vocab.classes))}",
                            location=row.location)
        curated = self.basis(row)
        s = iri(v.mint(self.slug(row.get("id"))))
        self.state(s, P_TYPE, iri(cls), row, curated=curated)
        for col, lang in (("label_id", "id"), ("label_en", "en")):
            if col == "label_en" and not stated_in(row.get("quote"), row.get(col)):
                continue  # a translation is not a name the source writes
            if row.get(col):
                self.state(s, _rkg("nameInSource"), literal(row.get(col), lang=lang), row, curated=curated)

    def element(self, row: Row) -> None:
        type_name = row.get("type")
        cls = self.vocab.classes.get(type_name)
        if cls is None:
            raise DataError(
                f"unknown type {type_name!r}; use one of {', '.join(sorted(self.vocab.classes))}",
                location=row.location,
            )
        curated = self.basis(row)
        s = iri(v.mint(self.slug(row.get("id"))))
        self.out.origins[s[1:-1]] = row.location
        quote = row.get("quote")
        if not curated and quote:
            for col in ("acronym", "value", "min_value", "min_exclusive"):
                if row.get(col) and row.get(col).casefold() not in quote.casefold():
                    raise DataError(f"{col} {row.get(col)!r} does not appear in the quote", location=row.location)
        state: Callable[[str, str], None] = lambda p, o: self.state(s, p, o, row, curated=curated)  # noqa: E731
        state(P_TYPE, iri(cls))
        sector = self.vocab.sector_of_class.get(cls)
        if sector:
            # Materialise the superclass too: analysts ask for `?x a rkg:Actor` and our engine
            # does no RDFS inference.
            state(P_TYPE, _rkg("Actor"))
            state(_rkg("sector"), iri(sector))
        sk = v.SKOS
        for col, p, lang in (
            ("label_id", sk + "prefLabel", "id"),
            ("label_en", sk + "prefLabel", "en"),
            ("description_en", v.DCTERMS + "description", "en"),
            ("unit_text", v.SCHEMA + "unitText", "id"),
        ):
            if not row.get(col):
                continue
            if col in ENGLISH_COLUMNS and not curated and not stated_in(quote, row.get(col)):
                self.state(s, iri(p), literal(row.get(col), lang=lang), self.translation(row, col), curated=True)
            else:
                state(iri(p), literal(row.get(col), lang=lang))
        for col, p in (
            ("acronym", sk + "altLabel"),
            ("notation", sk + "notation"),
            ("country", v.RKG + "countryCode"),
            ("unit_code", v.SCHEMA + "unitCode"),
        ):
            if not row.get(col):
                continue
            if col == "country" and not curated:
                # A country code is never a text of the source: the curators assign it.
                self.state(s, iri(p), literal(row.get(col)), self.country(row), curated=True)
            else:
                state(iri(p), literal(row.get(col)))
        if row.get("is_group"):
            flag = row.get("is_group").lower()
            if flag not in ("true", "false"):
                raise DataError(f"is_group {row.get('is_group')!r} must be true or false", location=row.location)
            state(_rkg("isGroup"), literal(flag, datatype=v.XSD + "boolean"))
        if row.get("date"):
            state(iri(v.SCHEMA + "startDate"), self.date(row, "date"))
        for col, p in (("value", v.SCHEMA + "value"), ("min_value", v.SCHEMA + "minValue"),
                       ("min_exclusive", v.RKG + "minExclusive")):
            if row.get(col):
                state(iri(p), self.number(row, col))
        if row.get("position"):
            if not row.get("position").isdigit():
                raise DataError(f"position {row.get('position')!r} must be a whole number (1, 2, ...)",
                                location=row.location)
            state(iri(v.SCHEMA + "position"), literal(row.get("position"), datatype=v.XSD + "integer"))
        self.expansion(s, row)

    def moved(self, row: Row, note: str) -> Row:
        """A report row's fact that its quote does not state, as a curated row: the row's
        ``translation_confidence`` (else :data:`MOVED_CONFIDENCE`) and the given basis."""
        level = row.get("translation_confidence") or MOVED_CONFIDENCE
        if level not in CONFIDENCE_LEVELS:
            raise DataError(f"translation_confidence {level!r} must be one of {', '.join(CONFIDENCE_LEVELS)}",
                            location=row.location)
        return Row(values=dict(row.values, basis="curated", confidence=level, note=note), location=row.location)

    def translation(self, row: Row, col: str) -> Row:
        """The curated row of an English text the quote does not contain (the translation rule)."""
        source = row.get("source") or "the source"
        what = "description" if col == "description_en" else "label"
        note = row.get("translation_note") or (
            f"The curators' English {what} of {row.get('label_id')!r}: the source {source} does not contain "
            "this English text, so it is a translation, checkable against the Indonesian label."
        )
        return self.moved(row, note)

    def country(self, row: Row) -> Row:
        """The curated row of a report row's country code."""
        note = (f"The curators' country code (ISO 3166-1 alpha-2) for {row.get('label_id')!r}: a source "
                "names places, never codes, so a country is curated by rule.")
        return self.moved(row, note)

    def expansion(self, s: str, row: Row) -> None:
        """An acronym's expansion: asserted only where the source states it, else curated."""
        text, conf = row.get("expansion"), row.get("expansion_confidence")
        if not text and not conf:
            return
        if conf not in CONFIDENCE_LEVELS:
            raise DataError(
                f"expansion_confidence {conf!r} must be one of {', '.join(CONFIDENCE_LEVELS)}",
                location=row.location,
            )
        if conf == "unknown" and text:
            raise DataError("an expansion marked unknown must be left blank", location=row.location)
        if conf != "unknown" and not text:
            raise DataError(f"expansion_confidence is {conf!r} but no expansion is given", location=row.location)
        stated = conf == "stated"
        if stated and text.casefold() not in row.get("quote").casefold():
            raise DataError("an expansion marked stated must appear in the row's quote", location=row.location)
        # A curated expansion carries its own confidence, whatever the row's.
        values = dict(row.values, confidence=conf)
        erow = Row(values=values, location=row.location)
        if text:
            self.state(s, _rkg("expansion"), literal(text), erow, curated=not stated)
        self.state(s, _rkg("expansionConfidence"), iri(v.mint("confidence-" + conf)), erow, curated=not stated)

    def connection_rows(self, table: Table) -> None:
        for row in table.rows:
            if self.skipped(row):
                continue
            curated = self.basis(row)
            ends = []
            for col in ("from", "to"):
                slug = self.slug(row.get(col))
                target = v.mint(slug)
                if slug not in self.ids and target not in self.vocab.individuals:
                    if slug in self.unloaded:
                        why = f"the id of a {self.unloaded[slug]} element, which is not loaded"
                        if self.unloaded[slug] == "draft":
                            why += " (build with --include-drafts, or accept it)"
                        raise DataError(f"{col} {slug!r} is {why}", location=row.location)
                    raise DataError(f"{col} {slug!r} is not the id of any element", location=row.location)
                ends.append(iri(target))
            name = row.get("type")
            prop = self.vocab.properties.get(name) or self.vocab.properties.get(name.removeprefix("rkg:"))
            if prop is None:
                raise DataError(
                    f"unknown connection type {name!r}; use one of {', '.join(sorted(self.vocab.properties))}",
                    location=row.location,
                )
            if name.removeprefix("rkg:") in PILLAR_LINKS and row.get("method").startswith(PILLAR_CUE):
                # An inference from a cue word: a curated statement, never a reported one, with
                # the cue as its pinned evidence and the reviewer's acceptance in its basis.
                self.state(ends[0], iri(prop), ends[1], self.pillar_inference(row), curated=True,
                           level=level if (level := row.get("confidence")) in CONFIDENCE_LEVELS else MOVED_CONFIDENCE,
                           pinned=True)
                continue
            self.state(ends[0], iri(prop), ends[1], row, curated=curated)

    def pillar_inference(self, row: Row) -> Row:
        """The curated row of a pillar link drafted from a cue: its basis names the cue, the
        quote and whether a reviewer accepted it."""
        cue = row.get("method").removeprefix(PILLAR_CUE)
        reviewed = "accepted by a reviewer" if self.status(row) == "accepted" else "not yet reviewed (a draft)"
        basis = (f"Inferred from the pillar cue {cue!r} in source {row.get('source') or '?'} "
                 f"({row.get('quote')!r}); {reviewed}.")
        if row.get("note"):
            basis += " " + row.get("note")
        return Row(values=dict(row.values, basis="curated", note=basis), location=row.location)


def assemble(
    tables: Iterable[tuple[Table, Directory]],
    vocab: Vocabulary,
    *,
    include_drafts: bool = False,
    strict_quotes: bool = True,
) -> Assembly:
    """Check the tables against each other and the ontology, and return their N-Quads.

    Sources are read first (quotes are checked against them), then every element id is
    registered (so a connection may point at an element of any table), then rows are emitted.
    Rejected rows are never loaded; draft rows only with ``include_drafts``, into the draft graph.
    A quote that does not match its source is an error naming every such row, unless
    ``strict_quotes=False``: then they are listed in ``quote_problems`` for validation.
    """
    tables = list(tables)
    asm = _Assembler(vocab, include_drafts=include_drafts)
    for table, base in tables:
        if table.kind == "sources":
            asm.source_rows(table, base)
    for table, _ in tables:
        if table.kind == "elements":
            asm.register(table)
    asm.resolve_aliases()
    for table, _ in tables:
        if table.kind == "elements":
            asm.element_rows(table)
    for table, _ in tables:
        if table.kind == "connections":
            asm.connection_rows(table)
    if asm.quote_errors and strict_quotes:
        first, *more = asm.quote_errors
        if not more:
            raise first
        listed = "".join(f"\n- {e}" for e in more)
        raise DataError(f"{first.detail}\nand {len(more)} more quote(s) that do not match their source:{listed}",
                        location=first.location)
    return asm.out
