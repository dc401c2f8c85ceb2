"""Pillars for any report: the resilience strategies of cities and their pillars as data
(:mod:`.strategy`, tables in ``strategies/``), and the pillar links drafted from their cue words
(:mod:`.links`)."""

from resilience_kg.extract.pillars.links import add_pillar_links
from resilience_kg.extract.pillars.strategy import Strategies, Strategy, load_strategies

__all__ = ["Strategies", "Strategy", "add_pillar_links", "load_strategies"]
