"""Running SPARQL queries: the lexical guard (:mod:`.guard`), the query processes that enforce the
deadline and memory limit (:mod:`.runner`, :mod:`.sandbox`, :mod:`.pool`), the bundled named
queries (``queries/*.rq``, :mod:`.named`) and the result formats (:mod:`.query`). Above the graph
layer, below analysis."""
