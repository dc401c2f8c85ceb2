"""pandas DataFrames from the graph, for notebooks: query results and the analysis tables.

Needs pandas (the ``notebooks`` extra). IRIs under a known namespace are shortened to
``prefix:local``; literals become Python values (numbers as numbers).

>>> from resilience_kg.graph.dataset import load_graph
>>> df = query_df(load_graph(), "SELECT ?n WHERE { ?p a rkg:Pillar ; skos:notation ?n } ORDER BY ?n")
>>> list(df["n"])
['SEHAT', 'SIAP', 'TERHUBUNG']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from resilience_kg import vocab as v
from resilience_kg.errors import ResilienceKGError
from resilience_kg.graph.oxterms import literal_value
from resilience_kg.limits import QUERY_TIMEOUT
from resilience_kg.sparql.query import Term, query

if TYPE_CHECKING:
    import pandas as pd

    from resilience_kg.analysis.analyze import Analysis
    from resilience_kg.graph.dataset import KnowledgeGraph



def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ResilienceKGError("DataFrames need pandas: pip install 'resilience-kg[notebooks]'") from exc
    return pandas


def python_value(term: Term | None) -> Any:
    """A term as a Python value: shortened IRI, number, boolean or string (None if unbound)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return v.shorten(term.value)
    if isinstance(term, ox.Literal):
        return literal_value(term)
    return str(term)


def query_df(
    kg: KnowledgeGraph,
    text: str,
    *,
    params: Mapping[str, Term | str] | None = None,
    timeout: float = QUERY_TIMEOUT,
) -> pd.DataFrame:
    """Run a SELECT (or CONSTRUCT) query and return its rows as a DataFrame."""
    pandas = _pandas()
    result = query(kg, text, params=params, timeout=timeout)
    if result.form == "ASK":
        return pandas.DataFrame({"answer": [result.boolean]})
    names = result.variables
    return pandas.DataFrame([[python_value(row.get(n)) for n in names] for row in result.rows], columns=names)


def matrix_df(analysis: Analysis) -> pd.DataFrame:
    """The actor-by-pillar matrix: actors as rows (by name), pillar notations as columns."""
    from resilience_kg.analysis.pillar_links import display_name
    from resilience_kg.analysis.projection import notation

    pandas = _pandas()
    g = analysis.graph
    cols = {p: notation(g, p) for p in analysis.pillars}
    frame = pandas.DataFrame(
        [[analysis.matrix[a][p] for p in cols] for a in analysis.matrix],
        index=[display_name(g, a) for a in analysis.matrix],
        columns=list(cols.values()),
    )
    frame.index.name = "actor"
    return frame.sort_values(list(cols.values()), ascending=False)


def actors_df(analysis: Analysis) -> pd.DataFrame:
    """One row per actor: sector, centralities, community, broker rank, strength per pillar."""
    return _pandas().DataFrame(analysis.actor_rows()).set_index("actor")
