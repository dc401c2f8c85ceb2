"""The ``resilience-kg`` command: a thin layer over the library.

Each command parses its options, calls one library function, and formats the result. Library
errors become messages on stderr and exit code 2; data that does not conform exits 1 (pySHACL's
contract: 0 conforms, 1 does not conform, 2 error). Heavy libraries are imported inside the
commands, so ``resilience-kg --help`` stays quick.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from resilience_kg._version import __version__
from resilience_kg.extras import require
from resilience_kg.formats.network import NETWORK_FORMATS
from resilience_kg.graph.export import EXPORT_FORMATS
from resilience_kg.limits import (
    BODY_TIMEOUT,
    EXTRACT_MAX_BYTES,
    EXTRACT_MAX_CHARS,
    EXTRACT_MAX_PAGES,
    HEADER_TIMEOUT,
    KEEP_ALIVE,
    MAX_BODY,
    MAX_CONNECTIONS,
    MAX_CONNECTIONS_PER_CLIENT,
    MAX_RESULT,
    PORT,
    QUERY_MEMORY,
    QUERY_TIMEOUT,
    QUEUE_TIMEOUT,
)
from resilience_kg.sparql.query import FORMATS as QUERY_FORMATS
from resilience_kg.tabulate import TABLE_FORMATS

F = TypeVar("F", bound=Callable[..., Any])


class CLIError(click.ClickException):
    """An error the user can fix; exit code 2."""

    exit_code = 2


def handle_errors(func: F) -> F:
    """Turn the library's errors into a clean message and exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from resilience_kg.errors import ResilienceKGError

        try:
            return func(*args, **kwargs)
        except ResilienceKGError as exc:
            from resilience_kg.remote.client import redact

            # No URL's credentials in any message (remote errors also blank the RKG_* ones).
            raise CLIError(redact(str(exc), env={})) from exc
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:  # a folder in the way, no permission, a full disk
            where = f" ({exc.filename})" if exc.filename else ""
            raise CLIError(f"{exc.strerror or exc}{where}") from exc

    return wrapper  # type: ignore[return-value]


def output_option(func: F) -> F:
    """``-o/--output FILE``: write there (atomically) instead of stdout; a table written to a
    file keeps every cell whole, whatever the terminal's width."""

    @functools.wraps(func)
    def wrapper(*args: Any, output: Path | None, **kwargs: Any) -> Any:
        from resilience_kg.tabulate import full_width

        with full_width() if output is not None else contextlib.nullcontext():
            return func(*args, output=output, **kwargs)

    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write to FILE (atomically) instead of stdout.")(wrapper)  # type: ignore[return-value]


def rdf_option(func: F) -> F:
    """``--rdf FILE``: also write the results as an RDF analysis graph."""
    return click.option("--rdf", "rdf", type=click.Path(dir_okay=False, path_type=Path),
                        help="Also write the results as an RDF analysis graph (TriG) to FILE; "
                        "load it with --data.")(func)


def store_option(func: F) -> F:
    """``--store DIR``: read the graph from an on-disk store instead of loading the data."""
    return click.option(
        "--store",
        "store",
        type=click.Path(file_okay=False, path_type=Path),
        help="Read the graph from this on-disk store (made by `build --store DIR`) instead of loading the data.",
    )(func)


def data_options(func: F) -> F:
    """``--data PATH`` (repeatable) and ``--no-bundled``, for every command that reads the graph."""
    func = click.option(
        "--no-bundled",
        is_flag=True,
        help="Leave the bundled Jakarta 2019 data out (to build another city's graph).",
    )(func)
    func = click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(exists=True, dir_okay=True, path_type=Path),
        metavar="PATH",
        help="CSV tables, Turtle/TriG/N-Triples/N-Quads files, or a folder of them, "
        "added to the bundled data. Repeatable.",
    )(func)
    return func


def endpoint_option(func: F) -> F:
    """``--endpoint URL``: read from a remote SPARQL endpoint instead of local files."""
    return click.option(
        "--endpoint",
        "endpoint",
        metavar="URL",
        help="Read from this SPARQL endpoint (a shared triple store) instead of local files. "
        "Credentials: RKG_USER/RKG_PASSWORD or RKG_TOKEN in the environment.",
    )(func)


def limit_options(func: F) -> F:
    """``--memory MIB`` and ``--max-result MIB``: what one query may take (its time is ``--timeout``)."""
    func = click.option("--max-result", "max_result", type=click.IntRange(1), default=MAX_RESULT >> 20,
                        show_default=True, metavar="MIB",
                        help="Refuse an answer larger than this many MiB (add a LIMIT instead).")(func)
    return click.option("--memory", type=click.IntRange(16), default=QUERY_MEMORY >> 20, show_default=True,
                        metavar="MIB",
                        help="Stop a query that allocates more than this many MiB.")(func)


def _load(data: tuple[Path, ...], no_bundled: bool, store: Path | None = None, endpoint: str | None = None,
          *, strict_quotes: bool = True) -> Any:
    if endpoint is not None:
        if data or no_bundled or store:
            raise CLIError("give either --endpoint or local data (--data, --no-bundled, --store)")
        require("client", feature="--endpoint")
        from resilience_kg.remote.endpoint import load_remote

        return load_remote(endpoint)
    if store is not None:
        if data or no_bundled:
            raise CLIError("give either --store or --data/--no-bundled: a store already holds its data")
        from resilience_kg.graph.store import open_store

        return open_store(store)
    from resilience_kg.graph.dataset import load_graph

    return load_graph(list(data), bundled=not no_bundled, strict_quotes=strict_quotes)


def _emit(payload: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        from resilience_kg.files import atomic_write

        atomic_write(output, payload)
        click.echo(f"wrote {output}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="resilience-kg")
def main() -> None:
    """A knowledge graph of the actors in urban resilience.

    Bundled: the Jakarta provincial government's joint workshop with the French Embassy and
    French businesses on the resilient city (28 November 2019).
    """


@main.command()
@data_options
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write graph.trig, graph.ttl and the summary to.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation (for very large corpora).")
@click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path),
              help="Also write the graph to an on-disk store in DIR (replaced atomically), for fast later commands.")
@click.option("--include-drafts", is_flag=True,
              help="Also load rows with status draft (unreviewed extraction), into a separate 'draft' graph.")
@handle_errors
def build(data: tuple[Path, ...], no_bundled: bool, out: Path, no_validate: bool, store: Path | None,
          include_drafts: bool) -> None:
    """Load and validate the data; write graph.trig (named graphs), graph.ttl (merged) and a summary.

    Exits 1, writing nothing, if the data does not conform to the shapes.
    """
    from resilience_kg.errors import ValidationFailed
    from resilience_kg.graph.build import build as run_build

    try:
        result = run_build(list(data), bundled=not no_bundled, out=out, check=not no_validate, store=store,
                           include_drafts=include_drafts)
    except ValidationFailed as exc:
        click.echo(str(exc.report), err=True)
        sys.exit(1)
    s = result.summary
    click.echo(f"{s.total} quads; triples per graph: " + ", ".join(f"{g} {n}" for g, n in sorted(s.triples.items())))
    click.echo("instances per class (all graphs):")
    for cls in sorted(s.classes):
        click.echo(f"  {cls:32} {max(s.classes[cls].values())}")
    click.echo("validation: " + ("skipped" if result.report is None else "conforms"))
    for problem in result.report.warnings if result.report is not None else []:
        click.echo(f"warning: {problem}", err=True)
    for path in result.files:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--no-bundled", is_flag=True, help="Validate only PATHS, without the bundled data.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def validate(paths: tuple[Path, ...], no_bundled: bool, fmt: str) -> None:
    """Check the data against the SHACL shapes: exit 0 conforms, 1 does not, 2 error.

    PATHS are CSV tables, RDF files or folders, validated together with the bundled data. Each
    problem names the node by its label, the property, the message, and the file and line.
    """
    from resilience_kg.graph.validate import validate as run_validate

    # Quotes that no longer match their source are listed with the other problems (exit 1).
    report = run_validate(_load(paths, no_bundled, strict_quotes=False))
    click.echo(report.to_json() if fmt == "json" else str(report))
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", "name", help="Run a bundled named query (see `resilience-kg queries`).")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS),
              default="table", show_default=True,
              help="table for people; csv, tsv, json, xml are the W3C SPARQL results formats; "
              "turtle, nt, jsonld (and xml, as RDF/XML) for CONSTRUCT and DESCRIBE.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help='Bind ?NAME to VALUE safely: BPBD, "text"@en, <iri>, rkg:Pillar. Repeatable.')
@click.option("--timeout", type=float, default=QUERY_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds.")
@limit_options
@output_option
@data_options
@store_option
@endpoint_option
@handle_errors
def query(
    text: str | None,
    file: Path | None,
    name: str | None,
    fmt: str,
    params: tuple[str, ...],
    timeout: float,
    memory: int,
    max_result: int,
    output: Path | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
    endpoint: str | None,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) given as TEXT, -f FILE or -n NAME.

    The default graph is the union of all named graphs; rkg:, id:, skos:, org:, schema: and the
    other usual prefixes need no PREFIX line. SERVICE, LOAD, FROM and updates are refused.
    """
    from resilience_kg.sparql.named import get_query
    from resilience_kg.sparql.query import parse_params
    from resilience_kg.sparql.query import query as run_query

    given = [x for x in (text, file, name) if x is not None]
    if len(given) != 1:
        raise CLIError("give exactly one of: the query TEXT, -f FILE, or -n NAME")
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif name is not None:
        text = get_query(name).text
    assert text is not None
    bindings = parse_params(params)
    if endpoint is not None:
        if bindings:
            raise CLIError("--param works on local graphs; a remote endpoint cannot bind values safely")
        if data or no_bundled or store:
            raise CLIError("give either --endpoint or local data (--data, --no-bundled, --store)")
        require("client", feature="--endpoint")
        from resilience_kg.remote.endpoint import remote_query

        result = remote_query(endpoint, text)
    else:
        # The query process writes the answer in the chosen format, under the time and memory limits.
        result = run_query(_load(data, no_bundled, store), text, params=bindings, timeout=timeout,
                           memory=memory << 20, max_result=max_result << 20, fmt=fmt)
    _emit(result.serialize(fmt), output)


@main.command()
def queries() -> None:
    """List the bundled named queries, one line each."""
    from resilience_kg.sparql.named import list_queries

    found = list_queries()
    width = max(len(q.name) for q in found)
    for q in found:
        click.echo(f"{q.name.ljust(width)}  {q.title}")


ANALYSIS_FORMATS = click.Choice(TABLE_FORMATS)


def report_only_option(func: F) -> F:
    return click.option(
        "--report-only",
        is_flag=True,
        help="Leave curated links out: only what the sources state (weaker: presence, not mandates).",
    )(func)


def names_lang_option(func: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["id", "en"]), default=None,
        help="Language the page opens in: its text and names, in a view and in the report (either page "
        "switches to the other). Default: the language of the sources (Indonesian for the bundled report).")(func)


def window_options(func: F) -> F:
    """``--since``, ``--until``, ``--event ID`` and ``--source ID``: which events to look at.

    The command receives them as one ``window`` argument (a library ``Window``, or None)."""

    @functools.wraps(func)
    def wrapper(*args: Any, since: str | None, until: str | None, events: tuple[str, ...],
                sources: tuple[str, ...], **kwargs: Any) -> Any:
        from resilience_kg.analysis.window import Window, parse_date
        from resilience_kg.errors import ResilienceKGError

        try:
            window = Window(since=parse_date(since) if since else None,
                            until=parse_date(until, end=True) if until else None,
                            events=events, sources=sources)
        except ResilienceKGError as exc:
            raise CLIError(str(exc)) from exc
        return func(*args, window=None if window.is_everything else window, **kwargs)

    for option in reversed((
        click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Only events on or before DATE (YYYY means to 31 December)."),
        click.option("--event", "events", multiple=True, metavar="ID",
                     help="Only this event (its id or label). Repeatable."),
        click.option("--source", "sources", multiple=True, metavar="ID",
                     help="Only the events this source (its id in sources.csv) reports. Repeatable."),
    )):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


@main.command()
@click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True)
@report_only_option
@window_options
@output_option
@click.option("--plots", "plots", type=click.Path(file_okay=False, path_type=Path),
              help="Also write heatmap.png and brokers.png into DIR (needs matplotlib).")
@rdf_option
@data_options
@store_option
@endpoint_option
@handle_errors
def analyze(
    fmt: str,
    report_only: bool,
    window: Any,
    output: Path | None,
    plots: Path | None,
    rdf: Path | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
    endpoint: str | None,
) -> None:
    """Network analysis: actor-by-pillar strengths, centralities, brokers, communities and gaps."""
    from resilience_kg.analysis.analyze import analyze as run_analyze

    result = run_analyze(_load(data, no_bundled, store, endpoint), report_only=report_only, window=window)
    _emit(result.render(fmt).encode(), output)
    if plots is not None:
        from resilience_kg.formats.plots import write_plots

        for path in write_plots(result, plots):
            click.echo(f"wrote {path}", err=True)
    if rdf is not None:
        from resilience_kg.analysis.write_back import analysis_trig

        _emit(analysis_trig(result), rdf)


@main.command()
@click.option("--by", type=click.Choice(["year", "quarter", "month"]), default="year", show_default=True,
              help="Length of a period.")
@click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True)
@report_only_option
@window_options
@output_option
@click.option("--plots", "plots", type=click.Path(file_okay=False, path_type=Path),
              help="Also write timeline.png into DIR (needs matplotlib).")
@rdf_option
@data_options
@store_option
@handle_errors
def timeline(
    by: str,
    fmt: str,
    report_only: bool,
    window: Any,
    output: Path | None,
    plots: Path | None,
    rdf: Path | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """Across events and over time: per actor and period the events attended, roles held and
    pillars touched; newcomers and leavers; actors and sectors per pillar, per period."""
    from resilience_kg.analysis.timeline import timeline as run_timeline

    result = run_timeline(_load(data, no_bundled, store), by=by, report_only=report_only, window=window)
    _emit(result.render(fmt).encode(), output)
    if plots is not None:
        from resilience_kg.formats.plots import timeline_chart

        click.echo(f"wrote {timeline_chart(result, plots / 'timeline.png')}", err=True)
    if rdf is not None:
        from resilience_kg.analysis.write_back import nquads_trig, timeline_nquads

        _emit(nquads_trig(timeline_nquads(result)), rdf)


@main.command()
@click.option("--threshold", type=click.IntRange(1), default=1, show_default=True,
              help="Keep only pairs of actors that shared at least this many events.")
@click.option("--backbone", type=click.FloatRange(0, 1, min_open=True, max_open=True), metavar="ALPHA",
              help="Keep only the disparity-filter backbone at this significance level (e.g. 0.05).")
@click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True)
@report_only_option
@window_options
@output_option
@rdf_option
@data_options
@store_option
@handle_errors
def coattendance(
    threshold: int,
    backbone: float | None,
    fmt: str,
    report_only: bool,
    window: Any,
    output: Path | None,
    rdf: Path | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """Who meets whom: actors linked by the events they shared (weighted so that a large event
    weighs less on each pair), with their communities and the brokers between them."""
    from resilience_kg.analysis.coattendance import coattendance as run_coattendance

    result = run_coattendance(_load(data, no_bundled, store), threshold=threshold, backbone=backbone,
                              report_only=report_only, window=window)
    _emit(result.render(fmt).encode(), output)
    if rdf is not None:
        from resilience_kg.analysis.write_back import coattendance_nquads, nquads_trig

        _emit(nquads_trig(coattendance_nquads(result)), rdf)


@main.command()
@click.argument("actor", required=False)
@click.option("--pillar", help="Only this pillar (its notation, e.g. SIAP, or its label).")
@click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True,
              help="Language of the labels in the paths.")
@report_only_option
@window_options
@data_options
@store_option
@handle_errors
def connections(
    actor: str | None,
    pillar: str | None,
    fmt: str,
    lang: str,
    report_only: bool,
    window: Any,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """The actor-by-pillar matrix, or ACTOR's paths to each pillar with the basis of each score.

    ACTOR is an acronym, an id or a label in either language (BPBD, dlh, "Environment Agency").
    """
    from resilience_kg.analysis.connections import connections as run_connections

    text = run_connections(_load(data, no_bundled, store), actor=actor, pillar=pillar, fmt=fmt, lang=lang,
                           report_only=report_only, window=window)
    click.echo(text, nl=False)


@main.command()
@click.option("--format", "fmt", type=ANALYSIS_FORMATS, default="table", show_default=True)
@report_only_option
@window_options
@data_options
@store_option
@handle_errors
def gaps(fmt: str, report_only: bool, window: Any, data: tuple[Path, ...], no_bundled: bool,
         store: Path | None) -> None:
    """What the network leaves uncovered: issues with no local actor, solutions with no local
    counterpart, pillars with few actors or a sector missing."""
    from resilience_kg.analysis.connections import gaps_report

    click.echo(gaps_report(_load(data, no_bundled, store), fmt=fmt, report_only=report_only, window=window), nl=False)


@main.command()
@click.option("--view", default="full", show_default=True,
              help="full, actors-pillars, pillar:NOTATION (e.g. pillar:SIAP) or actor:NAME (e.g. actor:BPBD).")
@report_only_option
@window_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/view.html"),
              show_default=True, help="The HTML file to write (self-contained, works offline).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@names_lang_option
@data_options
@store_option
@endpoint_option
@handle_errors
def viz(
    view: str,
    report_only: bool,
    window: Any,
    output: Path,
    open_browser: bool,
    lang: str | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
    endpoint: str | None,
) -> None:
    """Write an interactive network view as one self-contained HTML page (no internet needed).

    In the page: a legend, filters by pillar, sector and basis, search, click a node for its
    details and evidence, text and names in Indonesian or English, node size by centrality.
    """
    from resilience_kg.views.network_view import build_view
    from resilience_kg.views.page import write_page

    view_data = build_view(_load(data, no_bundled, store, endpoint), view, report_only=report_only,
                           window=window, lang=lang)
    path = write_page(view_data, output)
    click.echo(f"wrote {path} ({len(view_data.nodes)} nodes, {len(view_data.edges)} links)")
    if open_browser:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for report.html and the views it links to.")
@report_only_option
@window_options
@names_lang_option
@data_options
@store_option
@handle_errors
def report(out: Path, report_only: bool, window: Any, lang: str | None, data: tuple[Path, ...], no_bundled: bool,
           store: Path | None) -> None:
    """Write report.html: the findings first (who leads each pillar, the brokers between pillars,
    the gaps, what changed), the actor-by-pillar heatmap, links to each view, the details with the
    sources and their evidence quotes, and how it was computed. In Indonesian and English, with a
    switch at the top of the page; works offline, with no script."""
    from resilience_kg.views.report import write_report

    paths = write_report(_load(data, no_bundled, store), out, report_only=report_only, window=window, lang=lang)
    for path in paths:
        click.echo(f"wrote {path}")
    click.echo(f"open {paths[0].resolve().as_uri()}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=PORT, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
@click.option("--timeout", type=float, default=QUERY_TIMEOUT, show_default=True,
              help="Stop each query after this many seconds.")
@click.option("--cors", "cors_origin", metavar="ORIGIN", help="Send CORS headers for this origin (none by default).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header is NAME (by default only local names). Repeatable.")
@click.option("--max-body", type=click.IntRange(1024), default=MAX_BODY, show_default=True,
              help="Largest request body accepted, in bytes.")
@click.option("--body-timeout", type=click.FloatRange(0.1), default=BODY_TIMEOUT, show_default=True,
              help="Answer 408 to a request whose body takes longer than this many seconds to arrive "
                   "(a body is read before its query takes a slot).")
@click.option("--queue-timeout", type=click.FloatRange(0.0, min_open=True), default=QUEUE_TIMEOUT, show_default=True,
              help="Answer 503 (with Retry-After) to a query that cannot start within this many seconds.")
@click.option("--header-timeout", type=click.FloatRange(0.1), default=HEADER_TIMEOUT, show_default=True,
              help="Drop a connection whose request headers take longer than this many seconds.")
@click.option("--keep-alive", type=click.IntRange(1), default=KEEP_ALIVE, show_default=True,
              help="Close an idle keep-alive connection after this many seconds.")
@click.option("--max-connections", type=click.IntRange(8), default=MAX_CONNECTIONS, show_default=True,
              help="Most connections served at once; requests beyond get 503.")
@click.option("--max-connections-per-client", "max_per_client", type=click.IntRange(1),
              default=MAX_CONNECTIONS_PER_CLIENT, show_default=True,
              help="Most connections one client address may hold at once (at most --max-connections); "
                   "behind a proxy every client has the proxy's address, so raise it to --max-connections there.")
@click.option("--base-iri", metavar="URL",
              help="The public address this server answers at (behind a w3id redirect or a proxy): its path "
                   "prefix is served too, and its host and origin count as the server's own.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Query processes started ahead (default: one per CPU, at least 2).")
@limit_options
@click.option("--access-log", "access_log", is_flag=False, flag_value="-", default=None, metavar="[FILE]",
              help="Log each request as one JSON line (never the query text): on stderr, or appended to FILE. "
                   "Off by default, so the start-up lines stay readable.")
@data_options
@store_option
@handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    cors_origin: str | None,
    allow_hosts: tuple[str, ...],
    max_body: int,
    body_timeout: float,
    queue_timeout: float,
    header_timeout: float,
    keep_alive: int,
    max_connections: int,
    max_per_client: int,
    base_iri: str | None,
    workers: int | None,
    memory: int,
    max_result: int,
    access_log: str | None,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (for YASGUI, SPARQLWrapper, notebooks).

    GET or POST /sparql; results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, JSON-LD,
    N-Triples or RDF/XML, by the Accept header. SERVICE, LOAD, FROM and updates are refused.
    A query page that works offline is at /. Every query runs in one of --workers processes
    started ahead, which cannot open a network connection and are killed at --timeout; the
    server's own thread only routes, so /health answers even while queries run. GET /health
    reports on the workers and the query slots.
    """
    require("server", feature="serve")
    from resilience_kg.server.run import serve as run_serve

    run_serve(_load(data, no_bundled, store), host=host, port=port, timeout=timeout, cors_origin=cors_origin,
              allowed_hosts=allow_hosts, max_body=max_body, body_timeout=body_timeout, queue_timeout=queue_timeout,
              header_timeout=header_timeout, keep_alive=keep_alive, max_connections=max_connections,
              max_per_client=max_per_client, base_iri=base_iri, workers=workers, memory=memory << 20,
              max_result=max_result << 20,
              access_log=access_log, echo=click.echo)


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL query endpoint (to verify what was sent).")
@click.option("--graph-store", metavar="URL",
              help="The server's Graph Store Protocol endpoint (Oxigraph /store, Fuseki /DATASET/data, ...).")
@click.option("--update", "update", metavar="URL",
              help="The SPARQL Update endpoint (default: --endpoint): --replace swaps the graphs in through it, "
              "and without --graph-store the batches are LOADed through it (Oxigraph /update, Virtuoso /sparql-auth).")
@click.option("--replace", is_flag=True,
              help="Replace each graph on the server, atomically (default: merge into it).")
@click.option("--batch", type=click.IntRange(1), default=50_000, show_default=True, help="Triples per request.")
@click.option("--graph", "graphs", multiple=True, help="Only this graph (report, curated, ... or an IRI). Repeatable.")
@data_options
@store_option
@handle_errors
def push(
    endpoint: str,
    graph_store: str | None,
    update: str | None,
    replace: bool,
    batch: int,
    graphs: tuple[str, ...],
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """Publish the named graphs to a shared triple store and verify that it holds every triple sent.

    Data goes as N-Triples documents (Graph Store Protocol, or LOAD through SPARQL Update),
    never inside update strings. --replace loads each graph into a staging graph, checks it, and
    swaps all of them in with one SPARQL Update request: readers never see a half-pushed graph.
    Credentials come from RKG_USER and RKG_PASSWORD (RKG_AUTH=digest for Virtuoso) or RKG_TOKEN,
    and are never shown. Exits 1 if the server lacks any triple sent (or, with --replace, holds
    another number of triples), 2 on any other error.
    """
    require("client", feature="push")
    from resilience_kg.errors import PushMismatch
    from resilience_kg.graph.dataset import resolve_graph
    from resilience_kg.remote.push import push as run_push

    kg = _load(data, no_bundled, store)
    names = [resolve_graph(g) for g in graphs] if graphs else kg.graph_names()
    total = sum(sum(1 for _ in kg.store.quads_for_pattern(None, None, None, _named(g))) for g in names)
    with click.progressbar(length=total, label="pushing triples", file=sys.stderr) as bar:
        try:
            report_ = run_push(kg, endpoint, graph_store=graph_store, update=update, replace=replace, batch=batch,
                               graphs=names, progress=bar.update)
        except PushMismatch as exc:
            click.echo(str(exc.report))
            sys.exit(1)
    click.echo(str(report_))


def _named(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)




@main.command()
@click.option("--format", "fmt", type=click.Choice([*EXPORT_FORMATS, *NETWORK_FORMATS]), default="turtle",
              show_default=True,
              help="RDF: turtle, trig, nt, nquads, jsonld, xml. Network: graphml (Gephi), gexf, node-link, "
              "cytoscape (Cytoscape.js), kumu-csv (a zip of Kumu's elements and connections sheets).")
@click.option("--graph", default="all", show_default=True,
              help="For RDF formats: report, curated, ontology, provenance, all, or a graph IRI.")
@report_only_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write (written atomically).")
@data_options
@store_option
@handle_errors
def export(
    fmt: str,
    graph: str,
    report_only: bool,
    output: Path,
    data: tuple[Path, ...],
    no_bundled: bool,
    store: Path | None,
) -> None:
    """Export the graph as RDF (deterministic: same data, same bytes) or the network for network tools.

    Triple formats merge the named graphs; TriG, N-Quads and JSON-LD keep them.
    """
    kg = _load(data, no_bundled, store)
    if fmt in NETWORK_FORMATS:
        from resilience_kg.analysis.projection import project
        from resilience_kg.formats.network import export_network

        path = export_network(project(kg, report_only=report_only), output, fmt)
    else:
        from resilience_kg.graph.export import export as run_export

        path = run_export(kg, output, fmt, graph=graph)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for elements.csv, connections.csv, sources.csv, the saved texts and review.html. "
              "Rows already there (and their review) are kept.")
@click.option("--lang", type=click.Choice(["id", "en", "auto"]), default="auto", show_default=True,
              help="Language of the reports.")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Publication date, to complete dates without a year such as 'Rabu (29/11)'.")
@click.option("--source-id", "source_id", metavar="ID",
              help="Id of the source (one PATH only); default: the file name.")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, path_type=Path), metavar="PATH",
              help="CSV tables of the graph the drafts will join (besides the bundled data), to resolve actors "
              "against. Repeatable.")
@click.option("--max-mib", "max_mib", type=click.IntRange(1), default=EXTRACT_MAX_BYTES >> 20, show_default=True,
              metavar="MIB",
              help="Refuse a report larger than this many MiB (a .docx: once unzipped).")
@click.option("--max-pages", "max_pages", type=click.IntRange(1), default=EXTRACT_MAX_PAGES, show_default=True,
              metavar="N",
              help="Refuse a PDF of more pages.")
@click.option("--max-chars", "max_chars", type=click.IntRange(1), default=EXTRACT_MAX_CHARS, show_default=True,
              metavar="N",
              help="Refuse a report whose text is longer (a PDF is read no further).")
@click.option("--strategies", "strategies", multiple=True, type=click.Path(exists=True, path_type=Path),
              metavar="PATH",
              help="A folder holding pillars.csv and pillar_cues.csv (or one of those tables): your city's "
              "resilience strategy, its pillars and the cue words that place an issue under each, beside the "
              "bundled Jakarta strategy. Repeatable.")
@handle_errors
def extract(paths: tuple[Path, ...], out: Path, lang: str, date: Any, source_id: str | None,
            data: tuple[Path, ...], max_mib: int, max_pages: int, max_chars: int,
            strategies: tuple[Path, ...]) -> None:
    """Draft graph rows from activity reports (.txt, .md, .html, .docx, text .pdf) for review.

    Writes every fact with status=draft, its method, a confidence, the exact quote and its
    offsets in the saved text, plus review.html to check them against the text. Review them with
    `review DIR` (or in the CSV), then `build --data DIR`.
    """
    from resilience_kg.extract import extract_reports
    from resilience_kg.extract.readers import Limits

    limits = Limits(max_bytes=max_mib << 20, max_pages=max_pages, max_chars=max_chars)
    with click.progressbar(length=len(paths), label="extracting", file=sys.stderr,
                           show_pos=True) as bar:
        result = extract_reports(list(paths), out=out, lang=lang, date=date.date() if date else None,
                                 source_id=source_id, data=list(data), progress=lambda _path: bar.update(1),
                                 limits=limits, strategies=list(strategies))
    for extracted in result.sources:
        note = f" ({extracted.source.encoding_note})" if extracted.source.encoding_note else ""
        click.echo(f"{extracted.source.path}: {len(extracted.draft.elements)} element and "
                   f"{len(extracted.draft.connections)} connection drafts as source {extracted.source_id}{note}",
                   err=True)
    click.echo(result.summary())
    click.echo(f"wrote {out / 'review.html'}")


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", default=0, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@data_options
@handle_errors
def review(folder: Path, port: int, open_browser: bool, data: tuple[Path, ...], no_bundled: bool) -> None:
    """Review the drafts in FOLDER (made by `extract`) in the browser, on 127.0.0.1.

    The source text with every draft highlighted, the rows grouped by kind with their CSV lines;
    accept, reject, edit (type, sector, role, pillar, parent, same_as) and undo, by mouse or
    keyboard, or accept every row above a confidence. Each change is written to the CSVs at once
    and logged in FOLDER/review-log.jsonl. The address printed carries a token for this run.
    """
    require("server", feature="review")
    from resilience_kg.server.review.app import run_review

    run_review(folder, port=port, data=data, bundled=not no_bundled, open_browser=open_browser, echo=click.echo)


if __name__ == "__main__":  # pragma: no cover
    main()
