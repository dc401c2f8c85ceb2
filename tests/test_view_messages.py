"""The views' interface text: every message the page's template and script use exists in
Indonesian and in English, and the page opens with its text in the language it was written in."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from resilience_kg.errors import ResilienceKGError
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.views.names import LANGS
from resilience_kg.views.network_view import (
    KIND_STYLE,
    SECTOR_COLOUR,
    VIEW_CATALOGUE,
    build_view,
    view_messages,
    view_text,
)
from resilience_kg.views.page import page_html

TEMPLATES = files("resilience_kg.views").joinpath("templates")
SCRIPT = TEMPLATES.joinpath("view.js").read_text(encoding="utf-8")
PAGE = TEMPLATES.joinpath("network.html").read_text(encoding="utf-8")


def used_ids() -> set[str]:
    """The message ids the template marks and the script asks for by name."""
    marked = set(re.findall(r'data-msg(?:-placeholder)?="([^"]+)"', PAGE + SCRIPT))
    asked = set(re.findall(r'\bt\("([^"]+)"(?=\s*[,)])', SCRIPT))
    return marked | asked


def test_the_script_builds_ids_only_from_the_families_checked_below() -> None:
    assert set(re.findall(r'\bt\("([^"]+)"\s*\+', SCRIPT)) == {"sector.", "kind.", "shape.", "metric."}


def test_every_message_the_page_uses_exists_in_both_languages() -> None:
    ids = used_ids()
    assert {"search.label", "pillars.h", "details.hint", "time.one", "search.found", "details.evidence"} <= ids
    for lang in LANGS:
        missing = sorted(ids - set(view_messages()[lang]))
        assert missing == [], f"{VIEW_CATALOGUE} lacks {missing} in {lang}"


def test_every_sector_kind_shape_and_metric_the_views_draw_has_a_name_in_both_languages(kg: KnowledgeGraph) -> None:
    metrics = set(build_view(kg, "actors-pillars").nodes[0]["metrics"])
    wanted = ({f"sector.{s}" for s in SECTOR_COLOUR} | {f"kind.{k}" for k in KIND_STYLE}
              | {f"shape.{shape}" for _, shape in KIND_STYLE.values()} | {f"metric.{m}" for m in metrics})
    assert len(metrics) == 4
    for lang in LANGS:
        assert sorted(wanted - set(view_messages()[lang])) == []


def test_no_indonesian_text_is_english_left_untranslated() -> None:
    table = view_messages()
    same = [k for k in table["en"] if table["id"][k] == table["en"][k]
            and re.search(r"[a-z]{4}", re.sub(r"\{\w+\}", "", table["en"][k]))]
    assert same == ["lang.label"]  # "Bahasa / Language" names itself in both


def test_an_unknown_message_is_refused_by_name() -> None:
    with pytest.raises(ResilienceKGError, match=r"view_messages\.csv: no message 'nope'"):
        view_text("nope", "id")


def test_the_page_is_written_with_its_text_in_its_opening_language(kg: KnowledgeGraph) -> None:
    indonesian = page_html(build_view(kg, "actors-pillars"))
    assert '<html lang="id">' in indonesian and "<title>Aktor dan pilar \u2014 resilience-kg</title>" in indonesian
    assert '<h2 data-msg="pillars.h">Pilar</h2>' in indonesian
    assert 'placeholder="Akronim atau nama"' in indonesian
    english = page_html(build_view(kg, "actors-pillars", lang="en"))
    assert '<html lang="en">' in english and "<title>Actors and pillars \u2014 resilience-kg</title>" in english
    assert '<label for="rkg-search" data-msg="search.label">Search</label>' in english


def test_a_view_titles_and_notes_in_both_languages(kg: KnowledgeGraph) -> None:
    data = build_view(kg, "pillar:SIAP", report_only=True)
    assert data.titles == {"id": "Pilar Jakarta SIAP", "en": "Pillar Jakarta SIAP"}
    assert data.title == "Pillar Jakarta SIAP"  # the Python side keeps its English title
    assert any(note.startswith("Tampilan laporan saja") for note in data.notes_by_lang["id"])
    assert any(note.startswith("Report-only view") for note in data.notes_by_lang["en"])
    assert data.notes == data.notes_by_lang["en"]


def test_the_window_line_is_written_in_each_language() -> None:
    # A dated window that keeps one event and leaves an undated one out: both lines in both
    # languages, the Indonesian one with no English word of the analysis's own line.
    import datetime as dt

    from resilience_kg.analysis.window import Coverage, Window
    from resilience_kg.views.network_view import _undated_line, _window_line

    cov = Coverage(Window(since=dt.date(2019, 1, 1), until=dt.date(2019, 12, 31)),
                   [("joint-workshop-2019", "2019-11-28")], 2, undated=["rapat-tanpa-tanggal"])
    line = _window_line(cov)
    assert line["en"] == "Window: 2019-01-01 to 2019-12-31; 1 of 2 events: joint-workshop-2019 (2019-11-28)"
    assert line["id"] == ("Rentang waktu: 2019-01-01 sampai 2019-12-31; 1 dari 2 kegiatan: "
                          "joint-workshop-2019 (2019-11-28)")
    left_out = _undated_line(cov)
    assert left_out["id"].startswith("1 kegiatan tanpa tanggal tidak termasuk")
    assert "rapat-tanpa-tanggal" in left_out["id"]
    assert left_out["en"].startswith("1 undated event(s) left out")
