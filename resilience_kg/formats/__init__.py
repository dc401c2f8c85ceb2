"""Human and machine outputs: the table renderer (text, CSV, JSON, Markdown), the network formats
(GraphML, GEXF, node-link, Cytoscape.js, Kumu), plots and pandas frames."""
