"""Network analysis with networkx: the projection of the graph, the pillar links and their weights
table, metrics, communities, gaps, name lookup, the ``Analysis`` result and its write-back as RDF."""
