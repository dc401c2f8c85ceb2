"""The report in Indonesian and English (issue 23, §4): its prose comes from one message catalogue
with every message in both languages; the page holds both, each sentence in an element of its
language, and opens in the language of the data; names are the full name with the acronym beside
it, the other language on hover. What a reader sees is in test_report_language_browser.py."""

from __future__ import annotations

import csv
import re
from html import unescape
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.analysis.analyze import REPORT_ONLY_NOTE
from resilience_kg.analysis.gaps import UNPAIRED
from resilience_kg.analysis.pillar_links import PATHS
from resilience_kg.analysis.timeline import LAST_PERIOD_NOTE
from resilience_kg.cli import main
from resilience_kg.errors import ResilienceKGError
from resilience_kg.graph.dataset import KnowledgeGraph
from resilience_kg.views import report, report_messages
from resilience_kg.views.report_messages import catalogue, text

TEMPLATE = files("resilience_kg.views").joinpath("templates", "report.html").read_text(encoding="utf-8")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _OneLanguage(HTMLParser):
    """The page as markup, less every element of the body in another language than ``lang``."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lang, self.out, self.skipping = lang, [], 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            self.skipping += tag not in VOID
            return
        if tag != "html" and dict(attrs).get("lang") not in (None, self.lang) and tag not in VOID:
            self.skipping = 1
            return
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def in_language(page: str, lang: str) -> str:
    """The report's markup as a reader of ``lang`` sees it (the other language's elements left out)."""
    parser = _OneLanguage(lang)
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


@pytest.fixture(scope="module")
def bundled(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    return report.write_report(kg, tmp_path_factory.mktemp("report"))[0].read_text(encoding="utf-8")


# ---------------------------------------------------------------- the catalogue


def test_every_message_the_template_uses_exists_in_both_languages() -> None:
    used = {k for k in re.findall(r"""\b(?:t|m)\(\s*"([a-z][\w.-]*)\"""", TEMPLATE) if not k.endswith(".")}
    # Ids built in the template from a prefix and a value: every value the report can hand in.
    used |= {f"by.{by}" for by in ("year", "quarter", "month")}
    used |= {f"pattern.{p.name}" for p in PATHS} | {f"confidence.{c}" for c in ("stated", "well-attested",
                                                                                 "uncertain", "unknown")}
    used |= {f"kind.{k}" for p in PATHS for k in (*p.kinds, "actor", "any") if k}
    used |= {"view.full", "view.actors-pillars", "view.pillar"}
    assert len(used) > 60
    messages = catalogue()
    missing = sorted(used - set(messages))
    assert missing == []
    for key in used:
        for lang in ("id", "en"):
            assert messages[key][lang].strip(), (key, lang)


def test_every_message_in_the_code_exists_too() -> None:
    code = Path(report.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r"""\btext\(\s*f?"([a-z][\w.-]*)\"""", code))
    assert {"note.report_only", "gap.no_local", "thin.few"} <= used
    assert sorted(used - set(catalogue())) == []


def test_the_two_languages_hold_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        names = {lang: sorted(set(re.findall(r"\{(\w+)\}", t))) for lang, t in texts.items()}
        assert names["id"] == names["en"], key


def test_the_catalogue_says_in_english_what_the_analysis_says() -> None:
    """The report states the analysis' caveats in its own words: the same words, in English."""
    messages = catalogue()
    assert messages["note.report_only"]["en"] == REPORT_ONLY_NOTE
    assert messages["note.last_period"]["en"] == LAST_PERIOD_NOTE
    assert messages["gap.unpaired"]["en"] == UNPAIRED
    assert messages["gap.no_local"]["en"] == report.NO_LOCAL_ACTOR
    assert [report._path_words(p, "en") for p in PATHS] == [p.describe() for p in PATHS]


def test_indonesian_is_not_english_left_untranslated() -> None:
    same = [k for k, t in catalogue().items()
            if t["id"] == t["en"] and re.search(r"[a-z]{4}", re.sub(r"\{\w+\}", "", t["en"]))]
    assert same == []


def test_a_message_escapes_its_text_and_its_values() -> None:
    assert str(text("gaps.pillar", "id", pillar="<script>", text="a & b")) == "Pilar &lt;script&gt;: a &amp; b."
    assert str(text("period.events", "en", count=1, list="x")) == "1 event: x."
    with pytest.raises(ResilienceKGError, match="no message 'nope'"):
        text("nope", "en")


def test_a_catalogue_row_without_one_language_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Folder:
        def joinpath(self, *parts: str) -> Path:
            return tmp_path / parts[-1]

    (tmp_path / report_messages.CATALOGUE).write_text("message,id,en\ngaps.h,Celah,Gaps\nh1,,Actors\n",
                                                     encoding="utf-8")
    monkeypatch.setattr("importlib.resources.files", lambda package: Folder())
    report_messages.catalogue.cache_clear()
    try:
        with pytest.raises(ResilienceKGError, match=r"report_messages.csv:3: no text in id for 'h1'"):
            report_messages.catalogue()
    finally:
        monkeypatch.undo()
        report_messages.catalogue.cache_clear()
    assert report_messages.catalogue()["h1"]["id"]  # the real catalogue again


def test_the_catalogue_is_a_well_formed_csv() -> None:
    raw = files("resilience_kg.views").joinpath("templates", report_messages.CATALOGUE).read_text(encoding="utf-8")
    rows = list(csv.reader(raw.splitlines()))
    assert rows[0] == ["message", "id", "en"]
    assert all(len(r) == 3 for r in rows), [r for r in rows if len(r) != 3]


# ---------------------------------------------------------------- the page


def test_the_bundled_report_opens_in_indonesian_with_english_beside_it(bundled: str) -> None:
    assert bundled.startswith('<!DOCTYPE html>\n<html lang="id">')
    assert re.search(r'<input class="lang-choice" type="radio" name="lang" id="lang-id" value="id" checked>', bundled)
    assert not re.search(r'id="lang-en"[^>]*checked', bundled)
    indonesian, english = text_of(in_language(bundled, "id")), text_of(in_language(bundled, "en"))
    for words in ("Temuan", "Siapa yang memimpin tiap pilar", "Penghubung antar pilar", "Celah",
                  "Cara menghitungnya", "Pilar TERHUBUNG: hanya 2 organisasi lokal yang menanganinya"):
        assert words in indonesian and words not in english
    for words in ("Findings", "Who leads each pillar", "Brokers between pillars", "How this was computed",
                  "Pillar TERHUBUNG: only 2 local organisations work on it"):
        assert words in english and words not in indonesian
    assert "Semua rapat bertanggal berada dalam satu tahun, yaitu 2019 (22 organisasi ikut serta)" in indonesian


def test_lang_en_opens_in_english(kg: KnowledgeGraph, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and "<title>resilience-kg report</title>" in page
    assert re.search(r'id="lang-en" value="en" checked>', page) and not re.search(r'id="lang-id"[^>]*checked', page)
    # The same page otherwise: both languages, only the one checked differs.
    default = report.render_report(kg)["report.html"]
    start = '<div class="report">'
    assert default[default.index(start):] == page[page.index(start):]
    with pytest.raises(ResilienceKGError, match="not 'fr'"):
        report.render_report(kg, lang="fr")


def test_names_are_full_with_the_acronym_beside_and_the_other_language_on_hover(bundled: str) -> None:
    indonesian, english = in_language(bundled, "id"), in_language(bundled, "en")
    assert '<span title="Regional Disaster Management Agency">Badan Penanggulangan Bencana Daerah (BPBD)</span>' \
        in indonesian
    assert '<span title="Badan Penanggulangan Bencana Daerah">Regional Disaster Management Agency (BPBD)</span>' \
        in english
    # One language at a time in a list: the embassy by its Indonesian name only in Indonesian.
    matrix_id = text_of(indonesian[indonesian.index('id="matrix"'): indonesian.index('id="matrix-legend"')])
    matrix_en = text_of(english[english.index('id="matrix"'): english.index('id="matrix-legend"')])
    assert "Kedutaan Besar Perancis" in matrix_id and "Embassy of France" not in matrix_id
    assert "Embassy of France in Indonesia" in matrix_en and "Kedutaan Besar" not in matrix_en
    assert "Pemerintah" in matrix_id and "Government" in matrix_en  # the sectors too
    # A pillar keeps its notation in both, its name on hover.
    assert '<span title="Prepared Jakarta (Jakarta SIAP)">SIAP</span>' in english


def assert_languages_apart(page: str) -> None:
    """Each sentence is written whole in one language, names included: no element of the other
    language sits inside it."""
    body = page[page.index('<div class="report">'):]
    depth, inside, seen = 0, None, 0
    for m in re.finditer(r'<(/?)(span|h\d|p|li|div|td|th|a|b|small)\b([^>]*)>', body):
        closing, attrs = m.group(1), m.group(3)
        lang = re.search(r'lang="(\w+)"', attrs)
        if inside is None and lang and not closing:
            inside, depth, seen = lang.group(1), 0, seen + 1
        elif inside is not None:
            assert not lang, f"{lang.group(0) if lang else ''} inside lang={inside}: {body[m.start() - 200:m.end()]}"
            depth += -1 if closing else 1
            if depth < 0:
                inside = None
    assert seen > 100


def test_no_element_of_one_language_sits_inside_one_of_the_other(bundled: str) -> None:
    assert_languages_apart(bundled)
    nested = bundled.replace('<span lang="en">Findings</span>',
                             '<span lang="en">Findings <span lang="id">x</span></span>')
    with pytest.raises(AssertionError, match='lang="id" inside lang=en'):
        assert_languages_apart(nested)


def test_the_chart_draws_its_words_in_the_language_of_its_image() -> None:
    from resilience_kg.formats.plots import CHART_WORDS

    assert set(report.CHART_MESSAGES) == set(CHART_WORDS)
    assert report.chart_words("en") == {w: w for w in CHART_WORDS}  # English: what the chart draws anyway
    indonesian = report.chart_words("id")
    assert indonesian["Actors per {by}"] == "Aktor per {by}" and indonesian["year"] == "tahun"


def test_several_periods_draw_a_chart_per_language(tmp_path: Path) -> None:
    import sys

    pytest.importorskip("matplotlib")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import generate

    from resilience_kg.formats.plots import timeline_figure
    from resilience_kg.graph.dataset import load_graph

    out = tmp_path / "corpus"
    generate.timeline_corpus(out)
    tkg = load_graph([out], bundled=False)
    page = report.render_report(tkg, lang="id")["report.html"]
    assert len(re.findall(r'<img class="chart" lang="(id|en)"', page)) == 2
    assert_languages_apart(page)
    assert re.search(r'lang="id" id="timeline-chart" alt="Aktor per tahun, dan per pilar"', page)
    assert re.search(r'lang="en" id="timeline-chart-en" alt="Actors per year, and per pillar"', page)
    from resilience_kg.analysis.analyze import analyze
    from resilience_kg.analysis.timeline import timeline_of

    a = analyze(tkg)
    assert a.coverage is not None
    fig = timeline_figure(timeline_of(a.graph, a.coverage), words=report.chart_words("id"))
    drawn = [t.get_text() for ax in fig.axes for t in (ax.title, ax.yaxis.label)]  # type: ignore[attr-defined]
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]  # type: ignore[attr-defined]
    assert drawn == ["Aktor per tahun", "aktor", "Aktor per pilar, per tahun", "aktor yang bersentuhan dengan pilar"]
    assert legend[:3] == ["ikut serta", "pendatang baru", "tidak muncul lagi (terakhir terlihat)"]
    import matplotlib.pyplot as plt

    plt.close(fig)  # type: ignore[arg-type]


def test_how_it_was_computed_reads_in_indonesian(kg: KnowledgeGraph, tmp_path: Path) -> None:
    from test_views import table_rows

    page = report.write_report(kg, tmp_path)[0]
    weights = table_rows(page, "weights", "id")
    assert weights[0] == ["pola", "jalur", "bobot", "batas atas"]
    assert weights[1] == ["mandat", "aktor -> menangani -> isu -> di bawah -> pilar", "1", ""]
    assert ["belum pasti", "0.6"] in table_rows(page, "confidence", "id")
    assert table_rows(page, "weights", "en")[1][:2] == ["mandate", "actor -> works on -> issue -> under -> pillar"]
    timeline = table_rows(page, "timeline-table", "id")
    assert timeline == [["tahun", "aktor yang ikut serta", "pendatang baru", "tidak muncul lagi (terakhir terlihat)"],
                        ["2019", "22", "22", ""]]


@pytest.mark.parametrize("window", [
    {}, {"since": "2020"}, {"until": "2020-06"}, {"since": "2019-06", "until": "2020-12"},
    {"events": ("x",)}, {"sources": ("jakarta-c000-report-01",)},
])
def test_the_window_line_says_in_english_what_the_analysis_says(
    tmp_path_factory: pytest.TempPathFactory, window: dict[str, object]
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import generate

    from resilience_kg.analysis.analyze import analyze
    from resilience_kg.analysis.window import Window, parse_date
    from resilience_kg.graph.dataset import load_graph

    out = tmp_path_factory.mktemp("corpus")
    generate.timeline_corpus(out)
    tkg = load_graph([out], bundled=False)
    events = window.get("events")
    if events:  # the first event of the corpus, whatever its id
        first = analyze(tkg).coverage
        assert first is not None
        events = (first.events[0][0],)
    cov = analyze(tkg, window=Window(
        since=parse_date(str(window["since"])) if "since" in window else None,
        until=parse_date(str(window["until"]), end=True) if "until" in window else None,
        events=tuple(events or ()), sources=tuple(window.get("sources", ())))).coverage  # type: ignore[arg-type]
    assert cov is not None
    for limit in (8, 2):
        assert str(report._window_note(cov, "en", limit=limit)) == cov.describe(limit=limit)
    assert str(report._window_note(cov, "id")).startswith("Rentang waktu: ")
    # The report and the views say the window in the same words, in each language.
    from resilience_kg.views.network_view import window_line

    assert str(report._window_note(cov, "id")) == window_line(cov, "id")
