"""The report leads with findings (issue 23, §1): who leads each pillar, the brokers, the gaps and
what changed, then the actors-and-pillars picture, then the details, and how it was computed at
the end; in words an analyst uses. On the bundled data (one year) and the multi-event corpus of
``bench/generate.py --timeline`` (three years)."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import networkx as nx
import pytest
from test_report_language import in_language

from resilience_kg.analysis.analyze import analyze
from resilience_kg.graph.dataset import KnowledgeGraph, load_graph
from resilience_kg.views.names import labelled
from resilience_kg.views.report import write_report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def bundled_page(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report as a reader who chose English sees it."""
    return in_language(write_report(kg, tmp_path_factory.mktemp("report"), lang="en")[0].read_text(encoding="utf-8"),
                       "en")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, list[str]]:
    out = tmp_path_factory.mktemp("timeline")
    pool = list(generate.timeline_corpus(out)["pools"][0])  # type: ignore[index]
    return load_graph([out], bundled=False), pool


def english(g: nx.MultiDiGraph, node: str) -> str:
    """A name as the English report shows it: the full name, the acronym beside it."""
    return labelled({"id": node, **g.nodes[node]}, "en")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def cells(html: str) -> list[list[str]]:
    """The text of each row's cells (th and td) of the HTML given."""
    return [[text_of(c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def section(page: str, start_id: str, end_id: str) -> str:
    return page[page.index(f'id="{start_id}"'): page.index(f'id="{end_id}"')]


def test_findings_come_first_and_the_method_last(bundled_page: str) -> None:
    order = [bundled_page.index(f'id="{i}"') for i in
             ("findings", "picture", "matrix", "details", "timeline-table", "method", "classes", "weights",
              "confidence")]
    assert order == sorted(order)
    assert "Findings" in text_of(bundled_page[: bundled_page.index('id="picture"')])


def test_the_leaders_of_each_pillar_are_the_strongest_ties(kg: KnowledgeGraph, bundled_page: str) -> None:
    a = analyze(kg)
    leaders = section(bundled_page, "leaders", "headline-brokers")
    items = re.findall(r"<li>(.*?)</li>", leaders, re.S)
    assert len(items) == len(a.pillars)
    by_pillar = {text_of(i).split(" ", 1)[0]: text_of(i) for i in items}
    strongest = max(a.matrix, key=lambda x: a.matrix[x][next(p for p in a.pillars if p.endswith("siap"))])
    assert by_pillar["SIAP"].startswith(f"SIAP (Prepared Jakarta): {english(a.graph, strongest)} (3.7)")
    assert by_pillar["SIAP"].startswith("SIAP (Prepared Jakarta): Regional Disaster Management Agency (BPBD) (3.7)")
    assert "(Jakarta SIAP)" not in by_pillar["SIAP"]  # the label does not repeat the notation
    assert "more with weaker ties" in by_pillar["SIAP"]


def test_the_findings_are_in_plain_words(bundled_page: str) -> None:
    words = text_of(section(bundled_page, "findings", "picture"))
    for jargon in ("beyond presence", "actor(s)", "Local means", "rkg:", "org:"):
        assert jargon not in words
    assert "Local: based in the host country (ID); embassies and other foreign missions are not counted." in words
    assert "Pillar TERHUBUNG: only 2 local organisations work on it, more than attending a meeting; " \
           "no one from regional enterprise, private sector or academia." in words
    assert "French businesses: SEHAT, SIAP, TERHUBUNG" in words
    # One year of meetings: said so, rather than a comparison with nothing.
    assert "All dated meetings fall in one year, 2019 (22 organisations took part): there is no earlier year " \
           "to compare with yet." in words


def test_one_period_is_a_table_not_a_chart(bundled_page: str) -> None:
    assert 'id="timeline-table"' in bundled_page and 'id="timeline-chart"' not in bundled_page
    table = cells(section(bundled_page, "timeline-table", "period-2019"))
    assert table == [["year", "actors taking part", "newcomers", "leavers (last seen)"], ["2019", "22", "22", ""]]


def test_several_years_compare_the_latest_with_the_one_before(corpus: tuple[KnowledgeGraph, list[str]],
                                                             tmp_path: Path) -> None:
    tkg, pool = corpus
    page = in_language(write_report(tkg, tmp_path, lang="en")[0].read_text(encoding="utf-8"), "en")
    change = text_of(section(page, "headline-change", "picture"))
    g = analyze(tkg).graph
    # 2020: the government, 0, 3 and 4; 2021: the government, 3 and 4 (bench/generate.py).
    assert "2021 against 2020: 3 organisations took part, against 4." in change
    assert f"Not seen this time: {english(g, pool[0])}." in change
    assert "Came back or joined: none." in change
    assert 'id="timeline-chart"' in page  # three years: the chart, above the same figures as a table
    table = cells(section(page, "timeline-table", "timeline-chart"))[1:]
    assert table == [["2019", "5", "5", "2"], ["2020", "4", "1", "1"], ["2021", "3", "0", ""]]


def test_names_are_in_the_datas_language_with_the_other_on_hover(kg: KnowledgeGraph, tmp_path: Path) -> None:
    page = write_report(kg, tmp_path)[0].read_text(encoding="utf-8")  # the bundled report is Indonesian
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"id\">")
    leaders = section(in_language(page, "id"), "leaders", "headline-brokers")
    assert '<span title="Regional Disaster Management Agency">Badan Penanggulangan Bencana Daerah (BPBD)</span>' \
        in leaders
    assert "<b>SIAP</b>:" in leaders  # "Jakarta SIAP" only repeats the notation
    matrix = text_of(section(in_language(page, "id"), "matrix", "matrix-legend"))
    # One language in a list: the embassy by its Indonesian name, not next to English ones.
    assert "Kedutaan Besar Perancis" in matrix and "Embassy of France" not in matrix
    matrix = text_of(section(in_language(page, "en"), "matrix", "matrix-legend"))
    assert "Embassy of France in Indonesia" in matrix and "Kedubes Perancis" not in matrix
