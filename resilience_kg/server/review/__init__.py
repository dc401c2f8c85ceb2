"""The review page (``resilience-kg review DIR``): the drafts of a folder beside their source text,
reviewed row by row or in bulk, and what the accepted rows add to the pillar analysis."""
