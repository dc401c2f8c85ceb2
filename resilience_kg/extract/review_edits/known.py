"""What the graph the drafts join already holds, as the review needs it: every id a connection
may point at, the actors to search for ``same_as`` and ``parent``, the pillars, and the types and
connection types the ontology allows."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from resilience_kg.extract.gazetteer import SECTORS


@dataclass(frozen=True)
class KnownNode:
    """One element of the graph: its id, type, labels and acronym."""

    id: str
    type: str
    label: str
    label_en: str = ""
    acronym: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "type": self.type, "label": self.label, "label_en": self.label_en,
                "acronym": self.acronym}


@dataclass
class GraphIndex:
    """The ids, actors and pillars of the graph (bundled data plus ``--data``) and the ontology's
    names for types and connections."""

    nodes: dict[str, KnownNode] = field(default_factory=dict)
    individuals: set[str] = field(default_factory=set)
    classes: list[str] = field(default_factory=list)
    properties: list[str] = field(default_factory=list)

    @property
    def ids(self) -> set[str]:
        return set(self.nodes) | self.individuals

    def actors(self) -> list[KnownNode]:
        return [n for n in self.nodes.values() if n.type in SECTORS]

    def pillars(self) -> list[KnownNode]:
        return sorted((n for n in self.nodes.values() if n.type == "Pillar"), key=lambda n: n.id)

    def search(self, text: str, *, limit: int = 20, kinds: Sequence[str] = SECTORS) -> list[KnownNode]:
        """Nodes of ``kinds`` whose id, label or acronym holds every word of ``text`` (accents and
        case ignored), acronym and label matches first.

        >>> bpbd = KnownNode("bpbd", "GovernmentAgency", "Badan Penanggulangan Bencana Daerah", acronym="BPBD")
        >>> index = GraphIndex(nodes={"bpbd": bpbd})
        >>> [n.id for n in index.search("bencana")], [n.id for n in index.search("bpbd")]
        (['bpbd'], ['bpbd'])
        """
        words = _fold(text).split()
        if not words:
            return []
        scored = []
        for node in self.nodes.values():
            if node.type not in kinds:
                continue
            hay = _fold(" ".join((node.id, node.label, node.label_en, node.acronym)))
            if all(w in hay for w in words):
                exact = _fold(node.acronym) == " ".join(words) or _fold(node.id) == " ".join(words)
                scored.append((0 if exact else 1, len(node.label), node.id, node))
        return [item[-1] for item in sorted(scored, key=lambda t: t[:3])[:limit]]


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def _element_rows(data: Iterable[Path], *, bundled: bool) -> Iterable[dict[str, str]]:
    sources: list[tuple[str, str]] = []
    if bundled:
        from importlib import resources

        sources.append(("bundled", resources.files("resilience_kg.data").joinpath("elements.csv").read_text("utf-8")))
    for path in data:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() != ".csv":
                continue
            try:
                sources.append((str(file), file.read_text(encoding="utf-8-sig")))
            except (OSError, UnicodeDecodeError):
                continue  # the graph's loader names such a file when the panel builds
    for _name, text in sources:
        try:
            reader = csv.DictReader(text.splitlines())
            header = [(h or "").strip().lower() for h in reader.fieldnames or []]
            if "id" not in header or "type" not in header or "from" in header:
                continue
            for raw in reader:
                row = {(k or "").strip().lower(): (v or "") for k, v in raw.items() if isinstance(v, str)}
                if row.get("status", "").strip().lower() not in ("rejected", "draft"):
                    yield row
        except csv.Error:
            continue


def graph_index(data: Sequence[str | Path] = (), *, bundled: bool = True) -> GraphIndex:
    """The index of the graph made of the bundled data (unless ``bundled=False``) and ``data``."""
    import pyoxigraph as ox

    from resilience_kg import vocab as v
    from resilience_kg.graph.dataset import vocabulary
    from resilience_kg.ontology import ontology_file

    index = GraphIndex()
    for row in _element_rows([Path(d) for d in data], bundled=bundled):
        ident = row.get("same_as") or row.get("id", "")
        if not ident or ident in index.nodes:
            continue
        index.nodes[ident] = KnownNode(id=ident, type=row.get("type", ""), label=row.get("label_id", "") or ident,
                                       label_en=row.get("label_en", ""), acronym=row.get("acronym", ""))
    store = ox.Store()
    store.load(ontology_file().read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(v.ONTOLOGY_GRAPH))
    vocab = vocabulary(store)
    index.individuals = {iri[len(v.ID):] for iri in vocab.individuals}
    index.classes = sorted(vocab.classes)
    index.properties = sorted(vocab.properties)
    return index
