"""``resilience-kg review DIR``: a page on 127.0.0.1 to review a drafts folder.

The page (``templates/review.html``, ``static/review.js``) draws the source text with every draft
highlighted and the rows grouped by kind, and sends each accept, reject, edit, link, bulk accept
or undo to ``/api/change``, which calls :mod:`resilience_kg.extract.review_edits` (the same calls a
notebook makes) off the event loop. Every request but the page's script and style needs the run's
token (in the address printed, then in the ``X-Review-Token`` header); the endpoint's guards
(:class:`resilience_kg.server.guards.Front`) refuse other hosts and other sites' pages.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.extract.review_edits import (
    ReviewConflict,
    ReviewError,
    RowRef,
    graph_index,
    last_changes,
    lost_changes,
    read_drafts,
    read_log,
)
from resilience_kg.limits import MAX_BODY

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from resilience_kg.extract.review_edits import Change, GraphIndex
    from resilience_kg.server.guards import ASGIApp
    from resilience_kg.server.review.impact import ActorStrengths, Impact

TOKEN_HEADER = "x-review-token"
#: The page's policy: its own script and style only, requests to this server only.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'none'; connect-src 'self'; "
          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = ("review.js", "review.css")
#: How many log entries the page lists.
LOG_SHOWN = 30


@functools.cache
def _asset(name: str) -> str:
    from importlib import resources

    return resources.files("resilience_kg.server.review").joinpath(name).read_text(encoding="utf-8")


def _roles() -> dict[str, tuple[str, bool]]:
    from resilience_kg.extract.recognise.roles import ROLE_CONNECTIONS, ROLE_ORDER

    return {role: ROLE_CONNECTIONS[role] for role in ROLE_ORDER}


def review_state(folder: Path, index: GraphIndex) -> dict[str, Any]:
    """Everything the page draws, as JSON-ready data: the rows with their lines, fingerprints and
    problems, the sources' texts, what each row's undo undoes, and the choices the editors offer."""
    from resilience_kg.extract.gazetteer import SECTORS

    drafts = read_drafts(folder, known_ids=index.ids)
    undo = last_changes(folder, drafts)
    lost = [{"change": c.change, "time": c.time, "action": c.action,
             "rows": [f"{r.file}:{r.line} {r.row}" for r in c.rows]} for c in lost_changes(folder, drafts)]
    rows = [{"t": row.table, "line": row.line, "fp": row.fingerprint, "v": row.values, "problems": row.problems,
             "undo": undo.get((row.table, row.line))} for row in drafts.rows()]
    changes = read_log(folder)
    from resilience_kg.extract.review_edits.log import undone

    gone = undone(changes)
    log = [{"change": c.change, "time": c.time, "action": c.action, "undoes": c.undoes, "note": c.note,
            "undone": c.change in gone,
            "rows": [{"file": r.file, "line": r.line, "row": r.row, "old": r.old, "new": r.new, "added": r.added,
                      "removed": r.removed} for r in c.rows[:20]], "count": len(c.rows)}
           for c in changes[-LOG_SHOWN:]]
    sources = [{"id": row.get("id"), "title": row.get("title_id") or row.get("title_en") or row.get("id"),
                "text": drafts.texts.get(row.get("id"), "")} for row in drafts.sources.rows]
    pillars = {n.id: n.label for n in index.pillars()}
    for row in drafts.elements.rows:
        if row.get("type") == "Pillar":
            pillars.setdefault(row.get("id"), row.get("label_id") or row.get("id"))
    names = {n.id: n.acronym or n.label for n in index.nodes.values()}
    return {
        "folder": str(folder), "versions": drafts.versions(), "rows": rows, "sources": sources, "log": log,
        "lost": lost,
        "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in drafts.problems()],
        "writable": {name: drafts.table(name).writable for name in ("elements", "connections")},
        "options": {"sectors": list(SECTORS), "classes": index.classes, "properties": index.properties,
                    "roles": {k: list(v) for k, v in _roles().items()}, "pillars": pillars, "names": names},
    }


def _refs(items: Any) -> list[RowRef]:
    if not isinstance(items, list):
        raise ReviewError("rows must be a list of {table, line, fingerprint}")
    refs = []
    for item in items:
        if not isinstance(item, dict) or item.get("table") not in ("elements", "connections"):
            raise ReviewError("each row needs its table (elements or connections), line and fingerprint")
        try:
            refs.append(RowRef(item["table"], int(item["line"]), str(item["fingerprint"])))
        except (KeyError, TypeError, ValueError):
            raise ReviewError("each row needs its table, line and fingerprint") from None
    return refs


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key, "")
    if not isinstance(value, str):
        raise ReviewError(f"{key} must be text")
    return value


def apply_change(folder: Path, body: dict[str, Any]) -> Change:
    """Do what one request of the page asks (``action``: accept, reject, draft, edit, link, bulk,
    undo) with the library's calls."""
    from resilience_kg.extract import review_edits as ops

    action = body.get("action")
    if action in ("accept", "reject", "draft"):
        status = {"accept": "accepted", "reject": "rejected", "draft": "draft"}[action]
        return ops.set_status(folder, _refs(body.get("rows")), status)
    if action == "edit":
        values = body.get("values")
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            raise ReviewError("values must map column names to text")
        (ref,) = _refs([body.get("row")])
        return ops.edit(folder, ref, values)
    if action == "link":
        return ops.set_link(folder, _refs(body.get("rows", [])), frm=_text(body, "from"), to=_text(body, "to"),
                            type=_text(body, "type"), note=_text(body, "note"))
    if action == "bulk":
        try:
            threshold = float(body.get("threshold", ""))
        except (TypeError, ValueError):
            raise ReviewError("threshold must be a number from 0 to 1") from None
        return ops.accept_at_least(folder, threshold, only=_refs(body.get("rows", [])))
    if action == "undo":
        return ops.undo(folder, _text(body, "change"))
    if action == "reapply":
        return ops.reapply(folder, _text(body, "change"))
    raise ReviewError(f"unknown action {action!r}")


class _ImpactCache:
    """The impact panel's figures, computed off the event loop, once per version of the tables."""

    def __init__(self, folder: Path, data: Sequence[Path], bundled: bool) -> None:
        self.folder, self.data, self.bundled = folder, list(data), bundled
        self.baseline: tuple[list[str], dict[str, ActorStrengths]] | None = None
        self.key: tuple[str, ...] | None = None
        self.value: Impact | None = None
        self.lock = asyncio.Lock()

    def _compute(self) -> Impact:
        from resilience_kg.errors import DataError
        from resilience_kg.server.review.impact import Impact, accepted_impact, strengths

        if self.baseline is None:
            try:
                self.baseline = strengths(self.data, bundled=self.bundled)
            except DataError as exc:
                return Impact(error=f"the graph without the drafts cannot be loaded: {exc.detail}",
                              location=exc.location or "")
        return accepted_impact(self.folder, data=self.data, bundled=self.bundled, baseline=self.baseline)

    async def get(self, versions: dict[str, str]) -> Impact:
        from starlette.concurrency import run_in_threadpool

        key = tuple(versions[k] for k in sorted(versions))
        async with self.lock:
            if self.key != key or self.value is None:
                self.value = await run_in_threadpool(self._compute)
                self.key = key
            return self.value


def create_review_app(folder: str | Path, *, token: str, data: Sequence[str | Path] = (), bundled: bool = True,
                      log: Callable[[str], None] | None = None) -> ASGIApp:
    """The review application for ``folder``, answering only requests that carry ``token``."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from resilience_kg.server.app import LOCAL_HOSTS
    from resilience_kg.server.guards import Front

    folder = Path(folder)
    data_paths = [Path(d) for d in data]
    index = graph_index([d for d in data_paths if d.resolve() != folder.resolve()], bundled=bundled)
    impact = _ImpactCache(folder, [d for d in data_paths if d.resolve() != folder.resolve()], bundled)
    headers = {"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
               "Cache-Control": "no-store"}

    def allowed(request: Request, *, in_address: bool = False) -> bool:
        given = request.headers.get(TOKEN_HEADER, "")
        if not given and in_address:
            given = request.query_params.get("token", "")
        return bool(given) and hmac.compare_digest(given.encode(), token.encode())

    def refused() -> Response:
        return PlainTextResponse("this review page needs the token in the address that `resilience-kg review` "
                                 "printed (it changes on every run)\n", status_code=403, headers=headers)

    def as_json(payload: Any, status: int = 200) -> Response:
        return JSONResponse(payload, status_code=status, headers=headers)

    async def page(request: Request) -> Response:
        if not allowed(request, in_address=True):
            return refused()
        from jinja2 import Environment

        env = Environment(autoescape=True)
        html = env.from_string(_asset("templates/review.html")).render(token=token, folder=folder.name)
        return HTMLResponse(html, headers=headers)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found\n", status_code=404)
        media = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(_asset(f"static/{name}"), media_type=media, headers=headers)

    async def state(request: Request) -> Response:
        if not allowed(request):
            return refused()
        return as_json(await run_in_threadpool(review_state, folder, index))

    async def versions(request: Request) -> Response:
        if not allowed(request):
            return refused()
        return as_json(await run_in_threadpool(lambda: read_drafts(folder, known_ids=()).versions()))

    async def change(request: Request) -> Response:
        if not allowed(request):
            return refused()
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return as_json({"error": "send the change as application/json"}, 415)
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY:
            return as_json({"error": "the request is too large"}, 413)
        raw = b""
        async for chunk in request.stream():  # bounded as it arrives, chunked or not
            raw += chunk
            if len(raw) > MAX_BODY:
                return as_json({"error": "the request is too large"}, 413)
        try:
            body = json.loads(raw)
        except ValueError:
            return as_json({"error": "the request is not JSON"}, 400)
        if not isinstance(body, dict):
            return as_json({"error": "the request must be a JSON object"}, 400)
        try:
            done = await run_in_threadpool(apply_change, folder, body)
        except ReviewConflict as exc:
            return as_json({"error": str(exc), "conflict": True}, 409)
        except (ReviewError, ValueError) as exc:
            return as_json({"error": str(exc)}, 400)
        except ResilienceKGError as exc:
            return as_json({"error": str(exc)}, 400)
        except OSError as exc:
            return as_json({"error": f"could not write the folder: {exc.strerror or exc}"}, 500)
        return as_json({"change": done.as_dict(), "state": await run_in_threadpool(review_state, folder, index)})

    async def actors(request: Request) -> Response:
        if not allowed(request):
            return refused()
        text = request.query_params.get("q", "")[:200]
        kind = request.query_params.get("kind", "")
        kinds = ["Pillar"] if kind == "pillar" else None
        found = index.search(text, kinds=kinds) if kinds else index.search(text)
        return as_json([n.as_dict() for n in found])

    async def impact_route(request: Request) -> Response:
        if not allowed(request):
            return refused()
        current = await run_in_threadpool(lambda: read_drafts(folder, known_ids=()).versions())
        return as_json((await impact.get(current)).as_dict())

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/api/state", state, methods=["GET"]),
        Route("/api/versions", versions, methods=["GET"]),
        Route("/api/change", change, methods=["POST"]),
        Route("/api/actors", actors, methods=["GET"]),
        Route("/api/impact", impact_route, methods=["GET"]),
    ]
    return Front(Starlette(routes=routes), hosts=LOCAL_HOSTS, log=log)


def run_review(folder: str | Path, *, port: int = 0, data: Sequence[str | Path] = (), bundled: bool = True,
               open_browser: bool = False, echo: Callable[[str], None] = print) -> None:
    """Serve the review page for ``folder`` on 127.0.0.1 until Ctrl-C."""
    from resilience_kg.extras import require

    require("server", feature="review")
    import uvicorn

    from resilience_kg.server.run import bind, uvicorn_config

    folder = Path(folder)
    if not folder.is_dir():
        raise ResilienceKGError(f"{folder}: no such folder (make it with `resilience-kg extract REPORT -o {folder}`)")
    if not (folder / "elements.csv").exists() and not (folder / "connections.csv").exists():
        raise ResilienceKGError(f"{folder}: no elements.csv or connections.csv here; draft them with "
                                f"`resilience-kg extract REPORT -o {folder}`")
    token = secrets.token_urlsafe(24)
    # No access log: the page asks every few seconds whether the files changed, and the
    # review log (review-log.jsonl) is the record that matters here.
    app = create_review_app(folder, token=token, data=data, bundled=bundled)
    sock = bind("127.0.0.1", port)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/?token={token}"
    echo(f"reviewing {folder}: open {url}")
    echo("every change is written to the CSVs at once and logged in review-log.jsonl; Ctrl-C stops the page.")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn_config(app))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    echo("stopped.")
