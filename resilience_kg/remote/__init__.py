"""Talking to other triple stores: publishing to them (``push``) and reading from them
(``--endpoint`` on query, analyze and viz)."""
