"""``python -m resilience_kg`` runs the command-line tool."""

from resilience_kg.cli import main

main()
