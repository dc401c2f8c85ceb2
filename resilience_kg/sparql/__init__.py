"""Running SPARQL queries: the lexical guard, the killable deadline runner, the bundled named
queries (``queries/*.rq``) and the result formats. Above the graph layer, below analysis."""
