"""Measuring drafts against a hand annotation, beyond the scores: why each actor was missed or drafted wrongly.

The scorer itself is :mod:`resilience_kg.extract.score` (kept at its path: bench scripts carry it
into older checkouts by that path); :mod:`.error_classes` sorts the errors it counts.
"""
