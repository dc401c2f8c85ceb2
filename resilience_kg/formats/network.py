"""Write the projected network in the formats other network tools open: GraphML (Gephi, yEd,
Cytoscape desktop), GEXF (Gephi), node-link JSON (D3, networkx), Cytoscape.js JSON, and Kumu's
elements and connections CSV.

Attributes are made uniform first (one type per attribute, no missing values), because GraphML
declares one ``attr.type`` per key and Gephi rejects a value of another type.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write
from resilience_kg.tabulate import spreadsheet_cell as cell

if TYPE_CHECKING:
    import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "node-link", "cytoscape", "kumu-csv")


def uniform(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy in which each attribute has one type (numbers as float where any value is not an
    int, everything else as strings), and each edge a unique key ``source|property|target``
    (GraphML makes edge ids of keys, and Gephi drops an edge whose id it has seen)."""
    import networkx as nx

    def plan(items: list[dict[str, Any]]) -> dict[str, type]:
        types: dict[str, set[type]] = {}
        for data in items:
            for k, val in data.items():
                types.setdefault(k, set()).add(type(val))
        out: dict[str, type] = {}
        for k, ts in types.items():
            if ts <= {int}:
                out[k] = int
            elif ts <= {int, float}:
                out[k] = float
            elif ts <= {bool}:
                out[k] = bool
            else:
                out[k] = str
        return out

    def fill(data: dict[str, Any], kinds: dict[str, type]) -> dict[str, Any]:
        # A missing value stays missing (GraphML and GEXF allow it); a 0 would be a false fact.
        return {k: t(data[k]) for k, t in kinds.items() if data.get(k) is not None}

    node_kinds = plan([d for _, d in g.nodes(data=True)])
    edge_kinds = plan([d for _, _, d in g.edges(data=True)])
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, fill(d, node_kinds)) for n, d in g.nodes(data=True))
    h.add_edges_from(
        (u, w, f"{u}|{k}|{w}", {**fill(d, edge_kinds), "label": k}) for u, w, k, d in g.edges(keys=True, data=True)
    )
    return h


def _graphml(h: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    # Numbered key ids: a node "label" and an edge "label" would otherwise share one id.
    nx.write_graphml(h, buf, named_key_ids=False)
    return buf.getvalue()


def _gexf(h: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_gexf(h, buf)
    # networkx stamps today's date; a fixed one keeps the same data the same bytes.
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="2019-11-28"', buf.getvalue(), count=1)


#: The date columns of the Kumu sheets: the first and last date of the events a row is tied to.
KUMU_DATE_COLUMNS = ("Start Date", "End Date")


def _kumu(h: nx.MultiDiGraph, edge_days: dict[tuple[str, str, str], list[str]] | None = None) -> bytes:
    """A zip of Kumu's two sheets: elements (Label, Type, Description, ...) and connections
    (From, To, Type; with ``edge_days``, the first and last date of each connection too). Kumu
    matches From and To against the elements' Label, so labels are made unique by appending the
    id where two nodes share one. Every cell goes through
    :func:`~resilience_kg.tabulate.spreadsheet_cell` (the same label is
    neutralised the same way in both sheets, so they still connect)."""
    seen: dict[str, int] = {}
    for _, d in h.nodes(data=True):
        seen[d["label"]] = seen.get(d["label"], 0) + 1
    label = {n: (d["label"] if seen[d["label"]] == 1 else f"{d['label']} ({n})") for n, d in h.nodes(data=True)}
    elements = io.StringIO()
    # CRLF, as RFC 4180 has it: the csv module then quotes a cell holding a lone CR as well.
    ew = csv.writer(elements, lineterminator="\r\n")
    extra = sorted({k for _, d in h.nodes(data=True) for k in d} - {"label", "type", "label_en", "iri"})
    ew.writerow([cell(x) for x in ("Label", "Type", "Description", "ID", "IRI", *extra)])
    for n, d in sorted(h.nodes(data=True)):
        fixed = [label[n], d.get("type", ""), d.get("label_en", ""), n, d.get("iri", "")]
        ew.writerow([cell(x) for x in (*fixed, *(d.get(k, "") for k in extra))])
    conns = io.StringIO()
    cw = csv.writer(conns, lineterminator="\r\n")
    cw.writerow(["From", "To", "Type", "Basis", "Confidence", *(KUMU_DATE_COLUMNS if edge_days is not None else ())])
    for u, w, k, d in sorted(h.edges(keys=True, data=True)):
        row: tuple[object, ...] = (label[u], label[w], d.get("label", k), d.get("graph", ""), d.get("confidence", ""))
        if edge_days is not None:
            # uniform() keys an edge "u|predicate|w"; the dates are keyed by the predicate.
            days = edge_days.get((u, w, str(k).split("|")[1] if "|" in str(k) else str(k)), [])
            row = (*row, days[0] if days else "", days[-1] if days else "")
        cw.writerow([cell(x) for x in row])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("elements.csv", elements.getvalue()), ("connections.csv", conns.getvalue())):
            info = zipfile.ZipInfo(name, date_time=(2019, 11, 28, 0, 0, 0))  # fixed: same data, same bytes
            z.writestr(info, text)
    return buf.getvalue()


# -- time: spells for Gephi, dates for Kumu (kept apart from the writers above) -----------------
def with_spells(h: nx.MultiDiGraph, g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``h`` (the uniform copy of ``g``) with GEXF spells: a node or edge tied to dated events is
    present on each of their dates (one spell per date), so Gephi's timeline plays the network;
    a node tied to none (a pillar, the strategy) is always present. Without dated events the
    graph stays static."""
    from resilience_kg.analysis.window import edge_dates, node_dates

    nodes = node_dates(g)
    if not nodes:
        return h
    for n, days in nodes.items():
        h.nodes[n]["spells"] = [(d, d) for d in days]
    for (u, w, k), days in edge_dates(g).items():
        h.edges[u, w, f"{u}|{k}|{w}"]["spells"] = [(d, d) for d in days]
    h.graph["mode"] = "dynamic"
    return h


def kumu_with_dates(h: nx.MultiDiGraph, g: nx.MultiDiGraph) -> bytes:
    """Kumu's two sheets with the dates of each element and connection: the first and last date
    of the events it is tied to (blank where it is tied to none)."""
    from resilience_kg.analysis.window import edge_dates, node_dates

    for n, days in node_dates(g).items():
        h.nodes[n][KUMU_DATE_COLUMNS[0]], h.nodes[n][KUMU_DATE_COLUMNS[1]] = days[0], days[-1]
    return _kumu(h, edge_dates(g))


def network_bytes(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """The network in ``fmt`` (one of :data:`NETWORK_FORMATS`)."""
    import networkx as nx

    h = uniform(g)
    if fmt == "graphml":
        return _graphml(h)
    if fmt == "gexf":
        return _gexf(with_spells(h, g))
    if fmt == "node-link":
        return json.dumps(nx.node_link_data(h, edges="links"), indent=1, ensure_ascii=False).encode() + b"\n"
    if fmt == "cytoscape":
        doc = nx.cytoscape_data(h, name="label", ident="id")
        for node in doc["elements"]["nodes"]:  # networkx overwrites "value" with the node id
            own = h.nodes[node["data"]["id"]].get("value")
            if own is None:
                node["data"].pop("value", None)
            else:
                node["data"]["value"] = own
        return json.dumps(doc, indent=1, ensure_ascii=False).encode() + b"\n"
    if fmt == "kumu-csv":
        return kumu_with_dates(h, g)
    raise ResilienceKGError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")


def export_network(g: nx.MultiDiGraph, path: str | Path, fmt: str) -> Path:
    """Write the network to ``path`` atomically (for ``kumu-csv``, a zip of the two sheets)."""
    return atomic_write(path, network_bytes(g, fmt))
