"""Extraction of draft graph rows from meeting reports, and the resolution of the actors they name."""
