"""The ontology (``resilience.ttl``) and the SHACL shapes (``shapes.ttl``), shipped as package data."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def ontology_file() -> Traversable:
    """The OWL ontology in Turtle."""
    return files(__name__).joinpath("resilience.ttl")


def shapes_file() -> Traversable:
    """The SHACL shapes, one node shape per class."""
    return files(__name__).joinpath("shapes.ttl")
