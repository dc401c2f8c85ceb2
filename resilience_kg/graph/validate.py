"""Validate the graph: the SHACL shapes (with pySHACL), a provenance check that every fact in
the report and curated graphs is tied to its quote or basis, and (for a graph loaded with
``strict_quotes=False``) every row whose quote or offsets no longer match its source text.

Each problem names the node by its label, the property, the message and the CSV file and line
that made the node, so a curator can go straight to the spreadsheet cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.graph.oxterms import text
from resilience_kg.ontology import shapes_file

if TYPE_CHECKING:
    import rdflib

    from resilience_kg.graph.dataset import KnowledgeGraph


@dataclass(frozen=True)
class Problem:
    """One way the data does not conform."""

    focus: str
    label: str
    path: str
    message: str
    location: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        value = f" (value: {self.value})" if self.value else ""
        node = self.label if self.label.startswith("fact: ") else f"{self.label} [{v.shorten(self.focus)}]"
        return f"{where}{node} {self.path}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome: ``conforms`` and the problems, sorted by where they come from."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not stop a build (``severity`` Warning)."""
        return [p for p in self.problems if p.severity != "Violation"]

    def __str__(self) -> str:
        if self.conforms:
            if not self.warnings:
                return "The data conforms to the shapes."
            lines = [f"The data conforms to the shapes, with {len(self.warnings)} warning(s):"]
            return "\n".join([*lines, *(f"- {p}" for p in self.warnings)])
        lines = [f"The data does not conform: {len(self.problems)} problem(s)."]
        lines += [f"- {p}" if p.severity == "Violation" else f"- (warning) {p}" for p in self.problems]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({"conforms": self.conforms, "problems": [asdict(p) for p in self.problems]}, indent=2)


# Facts in the report or curated graph that no statement in the provenance graph vouches for:
# such a triple came from a TriG file or a hand edit, not from a table row with its quote.
_UNVOUCHED = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES (?g ?kind) {
    (graph:report rkg:ReportedStatement)
    (graph:curated rkg:CuratedStatement)
  }
  GRAPH ?g { ?s ?p ?o }
  # MINUS, not FILTER NOT EXISTS: Oxigraph evaluates it as one anti-join (linear), where the
  # filter re-runs its pattern per fact (quadratic in the number of facts).
  MINUS {
    GRAPH graph:provenance {
      ?st a ?kind ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rkg:inGraph ?g
    }
  }
}
"""


# Every reported link (a fact between two nodes) with its quote, where the quote sits, and the
# row that made it; the facts that are not links (a type, a sector) are left out.
_REPORTED_LINKS = """
SELECT ?st ?s ?p ?o ?exact ?source ?start ?end ?row WHERE {
  GRAPH graph:provenance {
    ?st a rkg:ReportedStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        rkg:evidence ?q ; rkg:recordedIn ?row .
    ?q oa:exact ?exact ; dcterms:source ?source ; oa:start ?start ; oa:end ?end .
  }
  FILTER(isIRI(?o) && ?p NOT IN (rdf:type, rkg:sector, rkg:expansionConfidence))
}
"""
# The names of every node (in any graph), and the spans its own statements quote.
_NAMES = """
SELECT ?node ?name WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel skos:notation rkg:nameInSource rkg:expansion }
  GRAPH ?g { ?node ?p ?name }
}
"""
_SPANS = """
SELECT ?node ?source ?start ?end WHERE {
  GRAPH graph:provenance {
    ?st a rkg:ReportedStatement ; rdf:subject ?node ; rdf:predicate rdf:type ; rkg:evidence ?q .
    ?q dcterms:source ?source ; oa:start ?start ; oa:end ?end .
  }
}
"""


def _named(quote: str, names: set[str]) -> bool:
    """Whether one of ``names`` occurs in ``quote`` as whole words, ignoring case and spacing."""
    folded = " ".join(quote.casefold().split())
    for name in names:
        key = " ".join(name.casefold().split())
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            return True
    return False


def link_quote_problems(kg: KnowledgeGraph) -> list[Problem]:
    """Warn of every reported link whose quote names neither of its ends.

    An end is named when the quote contains one of its names (label, acronym, notation, a name
    as the source writes it), or overlaps the words its own row quotes (the remark, the list
    entry). A quote that names neither states the link only by inference, which is the
    curators' work: quote the passage that names an end, or make the row curated with its basis.
    """
    store = kg.store
    names: dict[str, set[str]] = {}
    for row in _solutions(store.query(_NAMES, prefixes=v.QUERY_PREFIXES)):
        names.setdefault(row["node"].value, set()).add(row["name"].value)
    spans: dict[str, set[tuple[str, int, int]]] = {}
    for row in _solutions(store.query(_SPANS, prefixes=v.QUERY_PREFIXES)):
        spans.setdefault(row["node"].value, set()).add(
            (row["source"].value, int(row["start"].value), int(row["end"].value))
        )
    def named(node: str, quote: str, source: str, start: int, end: int) -> bool:
        return _named(quote, names.get(node, set())) or any(
            src == source and a < end and start < b for src, a, b in spans.get(node, ())
        )

    problems = []
    for row in _solutions(store.query(_REPORTED_LINKS, prefixes=v.QUERY_PREFIXES)):
        where = (row["exact"].value, row["source"].value, int(row["start"].value), int(row["end"].value))
        ends = (row["s"].value, row["o"].value)
        if any(named(node, *where) for node in ends):
            continue
        problems.append(
            Problem(
                focus=ends[0],
                label=_label(store, ends[0]),
                path=v.shorten(row["p"].value),
                message=f"the quote names neither end of this link ({_label(store, ends[0])} and "
                f"{_label(store, ends[1])}), so it does not state it: quote the words that name one of "
                "them, or make the row curated with its basis in the note",
                # The row as the user named its file (the graph records only its name in the folder).
                location=kg.origins.get(row["st"].value, row["row"].value),
                value=_term(ends[1]),
                severity="Warning",
            )
        )
    return problems


def _solutions(result: object) -> list[dict[str, Any]]:
    assert isinstance(result, ox.QuerySolutions)
    return [{str(var)[1:]: sol[var] for var in result.variables if sol[var] is not None} for sol in result]


def _label(store: ox.Store, node: str) -> str:
    """The node's English (else any) label; for a reified statement, the fact it states."""
    subject = next(store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(v.RDF + "subject"), None, None), None)
    if subject is not None:
        parts = [_label(store, text(subject.object))]
        for prop in ("predicate", "object"):
            for q in store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(v.RDF + prop), None, None):
                term = q.object
                parts.append(v.shorten(term.value) if isinstance(term, ox.NamedNode) else repr(text(term)))
        return "fact: " + " ".join(parts)
    best = ""
    labels = [
        *store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(v.SKOS + "prefLabel"), None, None),
        *store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(v.DCTERMS + "title"), None, None),
    ]
    for q in labels:
        lit = q.object
        if isinstance(lit, ox.Literal) and (not best or lit.language == "en"):
            best = lit.value
    return best or v.shorten(node)


def _location(kg: KnowledgeGraph, node: str) -> str:
    if node in kg.origins:
        return kg.origins[node]
    # A statement node: it carries the file and line of the row that made it.
    for q in kg.store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(v.RKG + "recordedIn"), None, None):
        return text(q.object)
    return ""


def _path(results: rdflib.Graph, path: object, shape: object = None, shapes: rdflib.Graph | None = None) -> str:
    """A SHACL result path as a curator reads it: ``rkg:x``, or ``^rkg:x`` for an inverse.

    A node shape whose test is an ``sh:or`` (an issue needs a pillar unless it was drafted by
    ``extract``) reports no path: the path of its first alternative is the one to fill.
    """
    import rdflib

    if isinstance(path, rdflib.URIRef):
        return _term(path)
    if path is None:
        sh = rdflib.Namespace(v.SH)
        if shape is None or shapes is None:
            return ""
        alternatives = shapes.value(shape, sh["or"])  # type: ignore[call-overload]
        first = shapes.value(alternatives, rdflib.RDF.first) if alternatives is not None else None  # type: ignore[call-overload]
        inner = shapes.value(first, sh.path) if first is not None else None  # type: ignore[call-overload]
        return _term(inner) if isinstance(inner, rdflib.URIRef) else ""
    inverse = results.value(path, rdflib.URIRef(v.SH + "inversePath"))  # type: ignore[call-overload]
    return f"^{_term(inverse)}" if inverse is not None else "(complex path)"


def _term(value: object) -> str:
    text = str(value)
    return v.shorten(text) if text.startswith("http") else text


def validate(kg: KnowledgeGraph) -> ValidationReport:
    """Check ``kg`` against the bundled SHACL shapes and the provenance rule.

    >>> from resilience_kg.graph.dataset import load_graph
    >>> validate(load_graph()).conforms
    True
    """
    import rdflib
    from pyshacl import validate as shacl_validate

    data = rdflib.Graph()
    # Oxigraph writes the union as N-Triples; rdflib reads it back for pySHACL.
    data.parse(data=ox.serialize((q.triple for q in kg.store), format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(data=shapes_file().read_bytes(), format="turtle")
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = rdflib.Namespace(v.SH)
    problems: list[Problem] = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(results.value(result, sh.focusNode))
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        severity = results.value(result, sh.resultSeverity)
        problems.append(
            Problem(
                focus=focus,
                label=_label(kg.store, focus),
                path=_path(results, path, results.value(result, sh.sourceShape), shapes),
                message=str(results.value(result, sh.resultMessage) or "does not conform"),
                location=_location(kg, focus),
                value=_term(value) if value is not None else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    unvouched = kg.store.query(_UNVOUCHED, prefixes=v.QUERY_PREFIXES)
    assert isinstance(unvouched, ox.QuerySolutions)
    for row in unvouched:
        s, p, o, g = (row[x] for x in ("s", "p", "o", "g"))
        kind = "report" if g.value == v.REPORT_GRAPH else "curated"
        problems.append(
            Problem(
                focus=s.value,
                label=_label(kg.store, s.value),
                path=v.shorten(p.value),
                message=f"a fact in the {kind} graph with no "
                + ("quote as evidence" if kind == "report" else "basis and confidence")
                + " (add it through a table row, or put it in a graph of its own)",
                location=_location(kg, s.value),
                value=_term(o.value),
            )
        )
    for location, source, message in kg.quote_problems:
        problems.append(
            Problem(focus=source, label="quote", path="oa:exact", message=message, location=location)
        )
    problems += link_quote_problems(kg)
    problems.sort(key=lambda p: (p.location, p.label, p.path, p.message))
    problems = _relax_for_extracted(kg, problems)
    violations = [p for p in problems if p.severity == "Violation"]
    # pySHACL's own verdict counts only violations (warnings are allowed), so ours, which may
    # turn some into warnings, replaces it.
    return ValidationReport(conforms=not violations, problems=problems)


#: What a report may leave unsaid: for a node drafted by ``extract`` these are warnings, never
#: errors (the build never refuses a report for what it does not state); for hand-typed data,
#: such as the bundled tables, they stay violations. The messages are the shapes' own.
NOT_STATED_BY_A_REPORT = ("missing label in English", "missing label in Indonesian",
                          "a commitment needs what it concerns")
#: A node needs one label at least: with neither, both stay violations.
_LABELS = ("missing label in English", "missing label in Indonesian")

_EXTRACTED = """
SELECT DISTINCT ?node WHERE { GRAPH graph:provenance { ?st rdf:subject ?node ; rkg:method ?method } }
"""


def _relax_for_extracted(kg: KnowledgeGraph, problems: list[Problem]) -> list[Problem]:
    """Turn a violation of what a report need not state into a warning, for extracted nodes."""
    relaxable = [p for p in problems if p.severity == "Violation" and p.message.startswith(NOT_STATED_BY_A_REPORT)]
    if not relaxable:
        return problems
    extracted = {row["node"].value for row in _solutions(kg.store.query(_EXTRACTED, prefixes=v.QUERY_PREFIXES))}
    unlabelled = {p.focus for p in relaxable if p.message.startswith(_LABELS[0])} & {
        p.focus for p in relaxable if p.message.startswith(_LABELS[1])}
    relaxable = [p for p in relaxable if not (p.focus in unlabelled and p.message.startswith(_LABELS))]
    return [
        replace(p, severity="Warning") if p in relaxable and p.focus in extracted else p
        for p in problems
    ]
