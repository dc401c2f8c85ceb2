"""Running SPARQL queries on the graph, checked and stopped at a deadline. Above the graph layer,
below analysis.

- :mod:`.query`: the library's :func:`~.query.query`, its results and their formats; :mod:`.preview`
  the first rows of an answer for the HTML results page; :mod:`.named` the bundled queries
  (``queries/*.rq``).
- :mod:`.guard` reads a query's text before it runs and refuses what would reach the network or
  the disk or change the data, naming the line and column (:mod:`.syntax_message` says a syntax
  error in words).
- The query processes: :mod:`.runner` forks one child per query, killed at the deadline;
  :mod:`.sandbox` jails it (no network, limited memory); :mod:`.forkserver` and :mod:`.pool` keep
  pre-started, jailed workers for the endpoint, which talk over pipes in :mod:`.framing`'s frames.

The server runs every query through one seam above these, :class:`resilience_kg.server.executor.Executor`.
"""
