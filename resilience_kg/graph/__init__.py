"""The RDF knowledge graph: reading the CSV tables and RDF files, turning rows into statements with
provenance, the on-disk store, SHACL validation, RDF export and the summary.

The lowest layer: it imports nothing above it (no SPARQL runner, no networkx).
"""
