"""The interactive views and the report as files, without a browser: what build_view chooses to
show, that every page is self-contained (no remote script, style or link, one policy whose
hashes match its scripts), that no label can break out of the data block, the same bytes every
time, and the ``viz`` and ``report`` commands."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import math
import webbrowser
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers import write

from resilience_kg.analysis.projection import project
from resilience_kg.cli import main
from resilience_kg.errors import NotFound, ResilienceKGError
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.views import network_view
from resilience_kg.views.network_view import build_view, layout, vis_options
from resilience_kg.views.page import csp, script_json, write_page
from resilience_kg.views.report import write_report

VIEWS = ("full", "actors-pillars", "pillar:SIAP", "pillar:SEHAT", "actor:BPBD", "actor:dlh")

# A row whose labels and note are markup and script, as a careless or hostile spreadsheet may hold.
UNTRUSTED_ID = "untrusted-agency"
UNTRUSTED_LABEL_EN = '<img src=x onerror="window.__pwned=1">'
UNTRUSTED_LABEL_ID = "</script><script>window.__pwned=2</script>"
UNTRUSTED_NOTE = "<b>bold</b> note\u2028with a line separator"


def untrusted_graph(folder: Path) -> KnowledgeGraph:
    """The bundled graph plus one actor whose labels and curated note are markup."""
    label_en = UNTRUSTED_LABEL_EN.replace('"', '""')
    path = write(
        folder / "untrusted.csv",
        "id,type,label_id,label_en,basis,confidence,note\n"
        f'{UNTRUSTED_ID},GovernmentAgency,{UNTRUSTED_LABEL_ID},"{label_en}",curated,uncertain,{UNTRUSTED_NOTE}\n',
    )
    return load_graph([path])


class PageParts(HTMLParser):
    """The start tags of a page (with their attributes) and the exact text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: tuple[dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "script":
            self._script = (a, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def parse(path: Path) -> PageParts:
    parts = PageParts()
    parts.feed(path.read_text(encoding="utf-8"))
    parts.close()
    return parts


def policy_of(parts: PageParts) -> dict[str, list[str]]:
    """The page's Content-Security-Policy as directive -> sources (exactly one meta tag)."""
    metas = [a for t, a in parts.tags if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, f"expected one CSP meta tag, found {len(metas)}"
    directives: dict[str, list[str]] = {}
    for part in metas[0]["content"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def data_block(parts: PageParts) -> dict[str, Any]:
    blocks = [text for a, text in parts.scripts if a.get("type") == "application/json" and a.get("id") == "rkg-data"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each view kind written as a page, plus the report folder's pages, by name."""
    folder = tmp_path_factory.mktemp("pages")
    out = {view: write_page(build_view(kg, view), folder / f"{view.replace(':', '-')}.html") for view in VIEWS}
    for path in write_report(kg, folder / "report"):
        out[f"report/{path.name}"] = path
    return out


@pytest.fixture(scope="module")
def untrusted_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("untrusted")
    return write_page(build_view(untrusted_graph(folder), "full"), folder / "full.html")


# ---------------------------------------------------------------- self-contained pages


def test_the_report_folder_holds_the_report_and_a_view_per_pillar(pages: dict[str, Path]) -> None:
    names = {name.split("/", 1)[1] for name in pages if name.startswith("report/")}
    assert names == {
        "report.html", "view-full.html", "view-actors-pillars.html",
        "view-pillar-siap.html", "view-pillar-sehat.html", "view-pillar-terhubung.html",
    }  # fmt: skip


def test_no_page_loads_anything_from_the_internet(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        parts = parse(path)
        for tag, attrs in parts.tags:
            for key in ("src", "href"):
                value = attrs.get(key, "").lower()
                assert "http://" not in value and "https://" not in value, f"{name}: <{tag} {key}={value!r}>"
        assert not [a for t, a in parts.tags if t == "link" and "stylesheet" in a.get("rel", "").lower()], name
        assert not [a for t, a in parts.tags if t == "script" and "src" in a], name
        policy_of(parts)  # exactly one CSP meta tag


def test_view_pages_inline_vis_network_and_their_own_script(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        if name.endswith("report.html"):
            continue
        scripts = [text for a, text in parse(path).scripts if "type" not in a]
        assert len(scripts) == 2, name
        assert "vis" in scripts[0] and "Network" in scripts[0], name  # the vis-network build
        assert "window.rkgView" in scripts[1], name


def test_the_report_page_has_no_script_and_forbids_them(pages: dict[str, Path]) -> None:
    parts = parse(pages["report/report.html"])
    assert parts.scripts == []
    policy = policy_of(parts)
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy  # so default-src 'none' forbids every script



def test_a_report_written_to_files_links_to_no_entity_page(pages: dict[str, Path]) -> None:
    """Only a server has entity pages: the files link to each other and nowhere else."""
    for name, path in pages.items():
        if name.startswith("report/"):
            parts = parse(path)
            hrefs = [a["href"] for t, a in parts.tags if t == "a" and "href" in a]
            assert all(h.startswith("view-") for h in hrefs), (name, hrefs)
            if name != "report/report.html":
                assert "entity_pages" not in data_block(parts)

def test_markup_in_the_data_stays_text_on_the_report_page(tmp_path: Path) -> None:
    from html import unescape

    page = write_report(untrusted_graph(tmp_path), tmp_path / "report", lang="en")[0]
    parts = parse(page)
    assert parts.scripts == [] and not [t for t, _ in parts.tags if t == "img" and "onerror" in _]
    text = page.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "</script>" not in text
    rows = {r[0]: r for r in table_rows(page, "matrix")}
    assert UNTRUSTED_LABEL_EN in rows  # the label, shown as text in the heatmap
    assert unescape(text).count(UNTRUSTED_LABEL_EN) >= 2  # and in the communities
    indonesian = write_report(untrusted_graph(tmp_path), tmp_path / "id", lang="id")[0].read_text(encoding="utf-8")
    assert "</script>" not in indonesian and "<img src=x" not in indonesian  # the other label, on hover too
    assert UNTRUSTED_LABEL_ID in unescape(indonesian) and UNTRUSTED_LABEL_EN in unescape(indonesian)


@pytest.mark.parametrize("view", VIEWS)
def test_csp_script_hashes_are_those_of_the_inline_scripts(pages: dict[str, Path], view: str) -> None:
    parts = parse(pages[view])
    policy = policy_of(parts)
    assert policy["default-src"] == ["'none'"]
    sources = policy["script-src"]
    assert sources and all(s.startswith("'sha256-") for s in sources), sources
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert not any("http" in s or s == "*" for s in sources)
    assert policy["connect-src"] == ["'none'"]
    executable = [text for a, text in parts.scripts if a.get("type", "text/javascript") == "text/javascript"]
    assert sorted(sources) == sorted(sha256_source(text) for text in executable)


def test_csp_hashes_the_exact_text() -> None:
    one, two = "var a = 1;", "var a = 1; "
    policy = csp([one, two])
    assert sha256_source(one) in policy and sha256_source(two) in policy
    assert sha256_source(one) != sha256_source(two)


# ---------------------------------------------------------------- the data block


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "a & b > c < d",
        "line\u2028separator\u2029paragraph",
        "Jakarta SIAP \u00b7 kesiapsiagaan \u201ctanda\u201d",
        {"nested": ["</SCRIPT>", {"k": "&amp;"}]},
    ],
)
def test_script_json_escapes_markup_and_round_trips(value: Any) -> None:
    text = script_json(value)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == value


def test_a_label_cannot_close_the_data_block(untrusted_page: Path) -> None:
    page = untrusted_page.read_text(encoding="utf-8")
    assert UNTRUSTED_LABEL_ID not in page and "</script><script>" not in page
    assert "\u2028" not in page
    parts = parse(untrusted_page)
    # Three script elements, as in every view: the data block was not cut short by a label.
    assert [a.get("type", "") for a, _ in parts.scripts] == ["application/json", "", ""]
    node = next(n for n in data_block(parts)["nodes"] if n["id"] == UNTRUSTED_ID)
    assert node["label_en"] == UNTRUSTED_LABEL_EN
    assert node["label_id"] == UNTRUSTED_LABEL_ID
    assert node["evidence"]["curated"] == [UNTRUSTED_NOTE]
    assert not [t for t, _ in parts.tags if t == "img"]


def test_the_page_title_is_escaped(tmp_path: Path, kg: KnowledgeGraph) -> None:
    data = build_view(kg, "actor:BPBD")
    data.titles = {"id": "<b>A & B</b>", "en": "<b>A & B</b>"}
    parts = parse(write_page(data, tmp_path / "t.html"))
    assert not [t for t, _ in parts.tags if t == "b"]
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in (tmp_path / "t.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the same bytes every time


@pytest.mark.parametrize("view", ["full", "actors-pillars", "actor:BPBD"])
def test_writing_a_view_twice_gives_the_same_bytes(kg: KnowledgeGraph, tmp_path: Path, view: str) -> None:
    first = write_page(build_view(kg, view), tmp_path / "a.html").read_bytes()
    second = write_page(build_view(kg, view), tmp_path / "b.html").read_bytes()
    third = write_page(build_view(load_graph(), view), tmp_path / "c.html").read_bytes()  # a fresh load
    assert first == second == third


def test_writing_the_report_twice_gives_the_same_bytes(kg: KnowledgeGraph, tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_report(kg, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_report(kg, tmp_path / "b")}
    assert first == second


# ---------------------------------------------------------------- the report's work, done once


@pytest.mark.parametrize(("report_only", "since"), [(False, None), (True, None), (False, "2019-06")])
def test_the_reports_views_are_those_build_view_draws_alone(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report_only: bool, since: str | None
) -> None:
    from resilience_kg.analysis.window import Window, parse_date
    from resilience_kg.views import report

    window = Window(since=parse_date(since)) if since else None
    drawn: dict[str, network_view.ViewData] = {}
    real = report.build_view

    def keep(kg: KnowledgeGraph, view: str, **options: Any) -> network_view.ViewData:
        data = real(kg, view, **options)
        drawn[view] = copy.deepcopy(data)  # before write_page hands the lists to pyvis
        return data

    monkeypatch.setattr(report, "build_view", keep)
    write_report(kg, tmp_path, report_only=report_only, window=window)
    assert {"full", "actors-pillars", "pillar:SIAP"} <= set(drawn)
    for view, data in drawn.items():
        assert data == build_view(kg, view, report_only=report_only, window=window), view


def test_writing_the_report_walks_the_pillar_paths_and_reads_the_evidence_once(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resilience_kg.analysis import analyze, pillar_links, projection

    calls: dict[str, int] = {"pillar_links": 0, "project": 0, "evidence": 0}

    def counted(name: str, real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    walk = counted("pillar_links", pillar_links.pillar_links)
    for module in (analyze, network_view):  # every module that walks the paths, under its own name
        monkeypatch.setattr(module, "pillar_links", walk)
    monkeypatch.setattr(projection, "project", counted("project", projection.project))  # imported when called
    monkeypatch.setattr(network_view, "_evidence", counted("evidence", network_view._evidence))
    written = write_report(kg, tmp_path)
    views = [p for p in written if p.name.startswith("view-")]
    assert len(views) >= 5
    assert calls == {"pillar_links": 1, "project": 1, "evidence": 1}


class TableRows(HTMLParser):
    """The text of each cell, row by row, of the table with a given id."""

    def __init__(self, table_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.inside = False
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self.inside = False


def table_rows(path: Path, table_id: str, lang: str = "en") -> list[list[str]]:
    """The rows of a table of the report as a reader of ``lang`` sees them."""
    from test_report_language import in_language

    parser = TableRows(table_id)
    parser.feed(in_language(path.read_text(encoding="utf-8"), lang))
    return parser.rows


def test_the_report_states_the_weights_of_the_weights_table(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from resilience_kg.analysis import pillar_links

    write_report(kg, tmp_path / "before", report_only=False)
    before = table_rows(tmp_path / "before" / "report.html", "weights")
    assert before[1][:3] == ["mandate", "actor -> works on -> issue -> under -> pillar", "1"]
    assert ["uncertain", "0.6"] in table_rows(tmp_path / "before" / "report.html", "confidence")
    heavier = tuple(dataclasses.replace(p, weight=0.8) if p.name == "mandate" else p for p in pillar_links.PATHS)
    monkeypatch.setattr(pillar_links, "PATHS", heavier)
    monkeypatch.setitem(pillar_links.CONFIDENCE_FACTOR, "uncertain", 0.7)
    write_report(kg, tmp_path / "after")
    after = table_rows(tmp_path / "after" / "report.html", "weights")
    assert [r[0] for r in after] == [r[0] for r in before]
    assert after[1][2] == "0.8" and after[2:] == before[2:]
    assert ["uncertain", "0.7"] in table_rows(tmp_path / "after" / "report.html", "confidence")


# ---------------------------------------------------------------- build_view


def test_the_full_view_holds_the_whole_projection(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "full")
    g = project(kg)
    assert {n["id"] for n in data.nodes} == set(g.nodes)
    assert len(data.edges) == g.number_of_edges()
    assert len({e["id"] for e in data.edges}) == len(data.edges)
    assert data.physics and all("x" not in n for n in data.nodes)
    assert [p["notation"] for p in data.pillars] == ["SEHAT", "SIAP", "TERHUBUNG"]
    bpbd = next(n for n in data.nodes if n["id"] == "bpbd")
    assert bpbd["label_en"] == "Regional Disaster Management Agency" and bpbd["acronym"] == "BPBD"
    assert bpbd["pillars"] == ["SIAP"] and bpbd["sector"] == "government"
    assert any("BPBD" in q for q in bpbd["evidence"]["quotes"])


def test_unknown_view_names_the_views_there_are(kg: KnowledgeGraph) -> None:
    with pytest.raises(ResilienceKGError) as info:
        build_view(kg, "fulll")
    message = str(info.value)
    assert "'fulll'" in message
    for form in ("full", "actors-pillars", "pillar:", "actor:"):
        assert form in message


@pytest.mark.parametrize(
    ("view", "nearest"),
    [("actor:BPDB", "bpbd"), ("actor:Dinas Lingkungan Hidupp", "dinas lingkungan hidup"), ("pillar:SIAAP", "siap")],
)
def test_unknown_actor_or_pillar_names_the_nearest(kg: KnowledgeGraph, view: str, nearest: str) -> None:
    with pytest.raises(NotFound) as info:
        build_view(kg, view)
    message = str(info.value)
    assert repr(view.split(":", 1)[1]) in message
    assert "nearest:" in message and nearest in message.split("nearest:", 1)[1].lower()


def test_actors_pillars_view_holds_actors_and_pillars_linked_by_strength(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "actors-pillars")
    kinds = {n["id"]: n["kind"] for n in data.nodes}
    assert set(kinds.values()) == {"actor", "pillar"}
    assert sum(k == "pillar" for k in kinds.values()) == 3
    assert data.edges
    pairs = set()
    for e in data.edges:
        assert (kinds[e["from"]], kinds[e["to"]]) == ("actor", "pillar")
        assert e["predicate"] == "rkg:strength"
        assert isinstance(e["strength"], float) and e["strength"] > 0
        assert e["basis"] and isinstance(e["presence_only"], bool)
        pairs.add((e["from"], e["to"]))
    assert len(pairs) == len(data.edges)  # one edge per connected pair
    siap = {e["from"]: e for e in data.edges if e["to"] == "jakarta-siap"}
    # BPBD works on SIAP's issues (a mandate), so its link is substantive and stronger than mere presence.
    assert not siap["bpbd"]["presence_only"]
    assert siap["bpbd"]["strength"] > max(e["strength"] for e in siap.values() if e["presence_only"])


def test_report_only_view_drops_every_curated_link_and_says_so(kg: KnowledgeGraph) -> None:
    full = build_view(kg, "full")
    report = build_view(kg, "full", report_only=True)
    curated = [e for e in full.edges if e["graph"] == "curated"]
    assert curated
    assert not [e for e in report.edges if e["graph"] == "curated"]
    assert len(report.edges) == len(full.edges) - len(curated)
    assert report.report_only and any("curated" in n.lower() for n in report.notes)
    assert full.notes == ["Window: all dates; 1 of 1 events: joint-workshop-2019 (2019-11-28)"]


def test_report_only_actor_view_has_no_mandates(kg: KnowledgeGraph) -> None:
    full = build_view(kg, "actor:BPBD")
    report = build_view(kg, "actor:BPBD", report_only=True)
    assert any(e["predicate"] == "rkg:worksOn" for e in full.edges)
    assert not any(e["predicate"] == "rkg:worksOn" or e["graph"] == "curated" for e in report.edges)


def test_actor_view_is_the_actors_neighbourhood(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "actor:BPBD")
    ids = {n["id"] for n in data.nodes}
    g = project(kg)
    assert {"bpbd", *g.successors("bpbd"), *g.predecessors("bpbd")} <= ids
    assert "jakarta-siap" in ids and "dishub" not in ids
    assert data.title == "Actor BPBD"


def test_pillar_view_keeps_its_issues_and_leaves_other_pillars_issues_out(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "pillar:SIAP")
    ids = {n["id"] for n in data.nodes}
    assert {"jakarta-siap", "issue-early-warning-system", "bpbd", "solution-surveillance-infrastructure"} <= ids
    assert not ids & {"jakarta-sehat", "jakarta-terhubung", "issue-intermodal-integration", "issue-clean-water"}
    assert data.title == "Pillar Jakarta SIAP"


def test_above_the_physics_limit_positions_are_computed(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_view, "PHYSICS_LIMIT", 10)
    data = build_view(kg, "full")
    assert data.physics is False
    for n in data.nodes:
        assert isinstance(n["x"], float) and isinstance(n["y"], float), n["id"]
        assert math.isfinite(n["x"]) and math.isfinite(n["y"])
    assert len({(n["x"], n["y"]) for n in data.nodes}) == len(data.nodes)
    assert any("physics is off" in note for note in data.notes)
    options = vis_options(data)
    assert options["physics"]["enabled"] is False and options["edges"]["smooth"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True


def test_at_or_below_the_physics_limit_physics_is_on(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    n = len(build_view(kg, "pillar:SIAP").nodes)
    monkeypatch.setattr(network_view, "PHYSICS_LIMIT", n)
    data = build_view(kg, "pillar:SIAP")
    assert data.physics is True and all("x" not in node for node in data.nodes)
    assert vis_options(data)["physics"]["enabled"] is True


def test_an_actor_view_is_laid_out_in_rings_around_its_actor(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "actor:BPBD")
    assert data.focus == "bpbd" and data.to_dict()["focus"] == "bpbd"
    assert data.physics is False and not any("physics is off" in note for note in data.notes)
    at = {n["id"]: (n["x"], n["y"]) for n in data.nodes}
    assert at["bpbd"] == (0.0, 0.0)
    g = nx.Graph()
    g.add_edges_from((e["from"], e["to"]) for e in data.edges)
    hops = nx.single_source_shortest_path_length(g, "bpbd")
    radius = {n: round(math.dist(at[n], (0, 0)), 1) for n in at}
    for k in set(hops.values()) - {0}:
        assert len({radius[n] for n in at if hops.get(n) == k}) == 1, k  # one ring per distance
    ring1 = {radius[n] for n in at if hops.get(n) == 1}.pop()
    assert all(radius[n] > ring1 for n in at if hops.get(n, 9) > 1)
    assert len(set(at.values())) == len(at)  # no two nodes on one spot
    options = vis_options(data)
    assert options["edges"]["arrows"]["to"]["enabled"] is True  # small: drawn in full


def test_an_unknown_actor_view_offers_names(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["viz", "--view", "actor:Nobody", "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 2
    assert "no actor named 'Nobody'; try one of " in result.output and "BPBD" in result.output
    assert "`resilience-kg connections` lists every actor" in result.output
    near = runner.invoke(main, ["viz", "--view", "actor:BPDB", "-o", str(tmp_path / "v.html")])
    assert "nearest: bpbd" in near.output
    assert not (tmp_path / "v.html").exists()


def test_layout_is_distinct_and_repeats(kg: KnowledgeGraph) -> None:
    g = project(kg)
    first, second = layout(g), layout(project(kg))
    assert set(first) == set(g.nodes)
    assert len(set(first.values())) == len(first)
    assert first == second


def crowd(sizes: dict[str, int]) -> nx.MultiDiGraph:
    """A graph of ``sizes[group]`` nodes per group: actors by sector, other nodes by kind."""
    g = nx.MultiDiGraph()
    sectors = set(network_view.SECTOR_COLOUR)
    for group, count in sizes.items():
        for i in range(count):
            attrs = {"kind": "actor", "sector": group} if group in sectors else {"kind": group}
            g.add_node(f"{group}-{i}", **attrs)
    return g


@pytest.mark.parametrize(
    "sizes",
    [
        {"government": 40, "issue": 10, "pillar": 3},
        # A large corpus: six sectors of about 240 actors, plus issues, sessions, pillars and one event.
        {**dict.fromkeys(network_view.SECTOR_COLOUR, 242), "issue": 30, "session": 3, "pillar": 3, "event": 1},
    ],
    ids=["small", "1487-nodes"],
)
def test_layout_never_draws_two_nodes_on_top_of_each_other(sizes: dict[str, int]) -> None:
    """Inside a group the sunflower pattern keeps nodes about 1.5 scale apart; groups must not
    overlap so much that nodes of two groups are drawn on the same spot."""
    scale = 40.0
    pos = layout(crowd(sizes), scale=scale)
    points = sorted(pos.items(), key=lambda kv: kv[1])
    closest = math.inf, "", ""
    for i, (a, (xa, ya)) in enumerate(points):
        for b, (xb, yb) in points[i + 1 :]:
            if xb - xa >= closest[0]:
                break
            d = math.hypot(xb - xa, yb - ya)
            if d < closest[0]:
                closest = d, a, b
    distance, a, b = closest
    assert distance >= scale, f"{a} and {b} are {distance:.1f} apart at scale {scale:g}"


# ---------------------------------------------------------------- the commands


def test_viz_writes_the_page_and_prints_its_size(runner: CliRunner, kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "views" / "ap.html"
    result = runner.invoke(main, ["viz", "--view", "actors-pillars", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = build_view(kg, "actors-pillars")
    assert f"({len(data.nodes)} nodes, {len(data.edges)} links)" in result.output
    assert str(out) in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    written = data_block(parse(out))
    assert written["view"] == "actors-pillars" and len(written["nodes"]) == len(data.nodes)


def test_viz_report_only_writes_no_curated_links(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["viz", "--view", "full", "--report-only", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = data_block(parse(out))
    assert written["report_only"] is True
    assert not [e for e in written["edges"] if e["graph"] == "curated"]


@pytest.mark.parametrize(("view", "expected"), [("actor:NOPE", "'NOPE'"), ("actor:BPDB", "bpbd"), ("nope", "full")])
def test_viz_unknown_view_exits_2_with_nearest_names(
    runner: CliRunner, tmp_path: Path, view: str, expected: str
) -> None:
    out = tmp_path / "v.html"
    result = runner.invoke(main, ["viz", "--view", view, "-o", str(out)])
    assert result.exit_code == 2
    assert expected in result.output
    if view.startswith("actor:"):
        assert "nearest:" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_report_command_writes_the_folder_and_prints_the_url(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    result = runner.invoke(main, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = out / "report.html"
    assert report.is_file() and (out / "view-full.html").is_file()
    assert f"open {report.resolve().as_uri()}" in result.output.splitlines()
    assert result.output.count("wrote ") == len(list(out.glob("*.html")))


def test_viz_open_hands_a_file_uri_to_the_browser(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    out = tmp_path / "o.html"
    result = runner.invoke(main, ["viz", "--view", "actor:BPBD", "-o", str(out), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]
    assert opened[0].startswith("file:///")


def test_viz_without_open_opens_nothing(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    result = runner.invoke(main, ["viz", "--view", "actor:BPBD", "-o", str(tmp_path / "o.html")])
    assert result.exit_code == 0, result.output
    assert opened == []


def test_details_carry_each_speakers_statements_in_order(kg) -> None:
    from resilience_kg.views.network_view import build_view

    data = build_view(kg, "full")
    nodes = {n["id"]: n for n in data.nodes}
    said = nodes["ambassador-of-france"]["statements"]
    assert [s["position"] for s in said] == ["1", "2", "3", "4"]
    assert said[1]["quote"] == "Kolaborasi menjadi kunci utama untuk menghadapi setiap tantangan yang ada"
    assert said[0]["event"] == "joint-workshop-2019" and said[0]["relation"] == "said at"
    assert len(nodes["deputy-governor-daldukim"]["statements"]) == 3
    assert len(nodes["sekretariat-jakarta-berketahanan"]["statements"]) == 2  # its own view: remarks 8 and 9
    # Remarks and commitments are details of their speakers, not nodes of the network.
    assert not any(n.startswith(("remark-", "commitment-")) for n in nodes)
