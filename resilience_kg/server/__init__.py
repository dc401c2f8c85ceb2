"""The SPARQL 1.1 Protocol endpoint (``resilience-kg serve``): a thin, careful layer between an
ASGI server (uvicorn, Starlette) and the same checked, killable queries the CLI runs."""
