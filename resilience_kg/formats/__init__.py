"""Outputs for other tools: the network formats (GraphML, GEXF, node-link, Cytoscape.js, Kumu), plots
and pandas frames. Text tables (table, CSV, JSON, Markdown) are :mod:`resilience_kg.tabulate`."""
