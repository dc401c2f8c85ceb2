"""Validate the graph: the SHACL shapes (with pySHACL), a provenance check that every fact in
the report and curated graphs is tied to its quote or basis, and (for a graph loaded with
``strict_quotes=False``) every row whose quote or offsets no longer match its source text.

Each problem names the node by its label, the property, the message and the CSV file and line
that made the node, so a curator can go straight to the spreadsheet cell.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

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

    def __str__(self) -> str:
        if self.conforms:
            return "The data conforms to the shapes."
        lines = [f"The data does not conform: {len(self.problems)} problem(s)."]
        lines += [f"- {p}" for p in self.problems]
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


def _path(results: rdflib.Graph, path: object) -> str:
    """A SHACL result path as a curator reads it: ``rkg:x``, or ``^rkg:x`` for an inverse."""
    import rdflib

    if isinstance(path, rdflib.URIRef):
        return _term(path)
    if path is None:
        return ""
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
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
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
                path=_path(results, path),
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
    problems.sort(key=lambda p: (p.location, p.label, p.path, p.message))
    violations = [p for p in problems if p.severity == "Violation"]
    return ValidationReport(conforms=conforms and not violations, problems=problems)
