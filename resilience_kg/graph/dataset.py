"""Load the knowledge graph: the ontology, the bundled tables and any ``--data`` files, into an
Oxigraph store with one named graph each for the report, the curated additions, the ontology and
the provenance.

>>> kg = load_graph()
>>> len(kg) > 1000
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.data import bundled_tables, data_dir
from resilience_kg.errors import DataError
from resilience_kg.graph.assemble import (
    INTERNAL_CLASSES,
    REUSED_PROPERTIES,
    Directory,
    Vocabulary,
    assemble,
)
from resilience_kg.graph.csv_reader import Table, read_table
from resilience_kg.graph.oxterms import text, to_bytes
from resilience_kg.ontology import ontology_file

if TYPE_CHECKING:
    import rdflib

#: File endings of RDF documents that ``--data`` accepts besides CSV tables.
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
# Oxigraph says "at line 3 between columns 16 and 20" or "between line 3 column 11 and ...".
_POSITION = re.compile(r"line (\d+) (?:column|between columns) (\d+)")


@dataclass
class KnowledgeGraph:
    """The loaded graph: an Oxigraph store, and where each minted IRI came from.

    ``origins`` maps an IRI to the ``file:line`` of the row that made it, so that validation
    messages can send a curator back to the spreadsheet; ``source_texts`` maps each source
    document's IRI to its text. ``store_path`` is set for a graph opened from an on-disk store.
    """

    store: ox.Store
    origins: dict[str, str] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    source_texts: dict[str, str] = field(default_factory=dict)
    store_path: Path | None = None
    quote_problems: list[tuple[str, str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.store)

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def sorted_nquads(self, graph: str = "all") -> bytes:
        """N-Quads of one graph (``report``, ``curated``, ``ontology``, ``provenance``, an IRI)
        or of ``all``: graph by graph, lines sorted, so that anything written from them is
        deterministic and groups each subject's triples together.

        Oxigraph dumps each graph and the lines are sorted as bytes, which is much faster than
        sorting term objects in Python (bench/README.md has the figures).
        """
        names = self.graph_names() if graph == "all" else [resolve_graph(graph)]
        parts = []
        if graph == "all":  # triples a TriG or N-Quads file put in the default graph
            parts.append(self._sorted_lines(ox.DefaultGraph()))
        for name in sorted(names):
            # Dumped as N-Triples (a graph's own triples), sorted, then given the graph's name.
            suffix = f" {ox.NamedNode(name)} .\n".encode()
            lines = self._sorted_lines(ox.NamedNode(name)).splitlines(True)
            parts.append(b"".join(line[:-3] + suffix for line in lines))
        return b"".join(parts)

    def _sorted_lines(self, graph: ox.NamedNode | ox.DefaultGraph) -> bytes:
        lines = to_bytes(self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)).splitlines(True)
        lines.sort()
        return b"".join(lines)

    def sorted_ntriples(self, graph: str = "all") -> bytes:
        """N-Triples of one graph or of all merged (a triple in two graphs once), sorted."""
        names = self.graph_names() if graph == "all" else [resolve_graph(graph)]
        targets: list[ox.NamedNode | ox.DefaultGraph] = [ox.NamedNode(n) for n in names]
        if graph == "all":
            targets.append(ox.DefaultGraph())
        lines: set[bytes] = set()
        for target in targets:
            lines.update(to_bytes(self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=target)).splitlines(True))
        return b"".join(sorted(lines))

    def quads(self, graph: str = "all") -> list[ox.Quad]:
        """The quads of one graph, or of ``all``, in the order of :meth:`sorted_nquads`."""
        return list(ox.parse(self.sorted_nquads(graph), format=ox.RdfFormat.N_QUADS))

    def to_rdflib(self, graph: str = "all") -> rdflib.Dataset:
        """A copy of the graph as an rdflib Dataset (named graphs kept), for rdflib users."""
        import rdflib

        def term(t: Any) -> Any:
            if isinstance(t, ox.NamedNode):
                return rdflib.URIRef(t.value)
            if isinstance(t, ox.BlankNode):
                return rdflib.BNode(t.value)
            if t.language:
                return rdflib.Literal(t.value, lang=t.language)
            dt = t.datatype.value
            return rdflib.Literal(t.value, datatype=None if dt == v.XSD + "string" else rdflib.URIRef(dt))

        # Terms are converted one by one rather than through rdflib's N-Quads parser, which is
        # slower and warns about its own deprecated internals.
        ds = rdflib.Dataset()
        graphs: dict[str, rdflib.Graph] = {}
        quads = []
        for q in self.quads(graph):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            if name not in graphs:
                graphs[name] = ds.graph(rdflib.URIRef(name)) if name else ds.default_graph
            quads.append((term(q.subject), term(q.predicate), term(q.object), graphs[name]))
        ds.addN(quads)
        return ds


def resolve_graph(name: str) -> str:
    """Map a short graph name to its IRI, or raise a DataError listing the names."""
    if name in v.GRAPHS:
        return v.GRAPHS[name]
    if name.startswith(("http://", "https://", "urn:")):
        return name
    raise DataError(f"unknown graph {name!r}; use one of {', '.join(v.GRAPHS)}, all, or a graph IRI")


@lru_cache(maxsize=1)
def _ontology_nquads() -> bytes:
    store = ox.Store()
    store.load(ontology_file().read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(v.ONTOLOGY_GRAPH))
    return to_bytes(ox.serialize(store, format=ox.RdfFormat.N_QUADS))


def vocabulary(store: ox.Store) -> Vocabulary:
    """What the tables may name, read from the ontology in the store."""
    g = ox.NamedNode(v.ONTOLOGY_GRAPH)
    rdf_type = ox.NamedNode(v.RDF + "type")

    def instances(cls: str) -> list[str]:
        return [text(q.subject) for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(cls), g)]

    classes = {
        c[len(v.RKG) :]: c
        for c in instances(v.OWL + "Class")
        if c.startswith(v.RKG) and c[len(v.RKG) :] not in INTERNAL_CLASSES
    }
    classes["Post"] = v.ORG + "Post"
    properties = {p[len(v.RKG) :]: p for p in instances(v.OWL + "ObjectProperty") if p.startswith(v.RKG)}
    properties.update(REUSED_PROPERTIES)
    sector_of_class = {
        text(q.object): text(q.subject)
        for q in store.quads_for_pattern(None, ox.NamedNode(v.RKG + "sectorClass"), None, g)
    }
    individuals = {
        text(q.subject) for q in store.quads_for_pattern(None, rdf_type, None, g) if text(q.subject).startswith(v.ID)
    }
    return Vocabulary(classes=classes, properties=properties, sector_of_class=sector_of_class, individuals=individuals)


def _expand(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Files named on the command line, each with the name the graph records for it: a folder
    stands for its CSV and RDF files, sorted, recorded by their name in it; a file by its name.

    A folder's file that is a symbolic link leading out of the folder, or a hard link (another
    name of a file that may lie anywhere), is refused unread: a data folder handed to the user
    must not pull another local file into the graph or into an error message.
    """
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in {".csv", *RDF_FORMATS})
            if not found:
                raise DataError("no .csv, .ttl, .trig, .nt or .nq files in this folder", location=str(path))
            for member in found:
                _check_member(path, member)
                out.append((member, member.name))
        elif path.is_file():
            out.append((path, path.name))
        else:
            raise DataError("no such file or folder", location=str(path))
    return out


def _check_member(folder: Path, member: Path) -> None:
    """Refuse a file of a data folder that is a link to a file elsewhere (see :func:`_expand`)."""
    if member.is_symlink() and not member.resolve().is_relative_to(folder.resolve()):
        raise DataError("this file is a symbolic link that leads outside its folder; copy the file into the "
                        "folder instead", location=str(member))
    try:
        links = member.stat().st_nlink
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", location=str(member)) from exc
    if links > 1 and member.is_file():
        raise DataError(f"this file is a hard link (one of {links} names of the same file, which may lie "
                        "outside the folder); copy the file into the folder instead", location=str(member))


def _load_rdf(store: ox.Store, path: Path) -> None:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            f"unknown file type {path.suffix!r}: use .csv tables or one of {', '.join(RDF_FORMATS)}",
            location=str(path),
        )
    # Triples from a plain Turtle file go to a graph of their own, named after the file, so
    # they are queried with everything else but never mistaken for the report or curated data.
    target = None if fmt.supports_datasets else ox.NamedNode(v.FILE_GRAPH + v.mint(path.name)[len(v.ID) :])
    if fmt == ox.RdfFormat.RDF_XML:
        from resilience_kg.graph.xml_entities import check_rdf_xml

        check_rdf_xml(path)  # before the parser, which would expand a "billion laughs"
    try:
        store.load(path=str(path), format=fmt, to_graph=target)
    except SyntaxError as exc:
        m = _POSITION.search(str(exc))
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
        detail = str(exc).split(": ", 1)[-1].rsplit(" (", 1)[0]
        raise DataError(f"malformed {fmt.name}: {detail}", location=where) from exc
    except OSError as exc:
        raise DataError(f"cannot read: {exc}", location=str(path)) from exc


def load_graph(
    data: Sequence[str | Path] = (),
    *,
    bundled: bool = True,
    include_drafts: bool = False,
    strict_quotes: bool = True,
) -> KnowledgeGraph:
    """Load the ontology, the bundled Jakarta tables (unless ``bundled=False``) and ``data``:
    CSV tables, RDF files, or folders of them. Rows with status ``rejected`` are never loaded;
    ``draft`` rows only with ``include_drafts``, into the draft graph. With
    ``strict_quotes=False`` quotes that no longer match their source are kept in
    ``quote_problems`` (for :func:`~resilience_kg.graph.validate.validate`) instead of raising.

    Raises :class:`~resilience_kg.errors.DataError` naming the file and line at fault.
    """
    store = ox.Store()
    store.load(_ontology_nquads(), format=ox.RdfFormat.N_QUADS)
    vocab = vocabulary(store)
    tables: list[tuple[Table, Directory]] = []
    inputs: list[str] = []
    if bundled:
        base = data_dir()
        for res in bundled_tables():
            tables.append((read_table(res, display_name=f"bundled:{res.name}"), base))
        inputs.append("bundled Jakarta 2019 workshop tables")
    files = _expand(data)
    for path, recorded in files:
        if path.suffix.lower() == ".csv":
            tables.append((read_table(path, display_name=str(path), recorded_name=recorded), path.parent))
            inputs.append(str(path))
    asm = assemble(tables, vocab, include_drafts=include_drafts, strict_quotes=strict_quotes)
    store.load("".join(asm.lines).encode(), format=ox.RdfFormat.N_QUADS)
    for path, _ in files:
        if path.suffix.lower() != ".csv":
            _load_rdf(store, path)
            inputs.append(str(path))
    return KnowledgeGraph(
        store=store,
        origins=asm.origins,
        inputs=inputs,
        source_texts=asm.source_texts,
        quote_problems=asm.quote_problems,
    )
