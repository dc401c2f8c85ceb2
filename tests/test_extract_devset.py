"""The annotated sets are sound: every annotation loads and points at text that is really there.

Two sets: the tuned part (``extract_devset``, the rules are developed on it) and the frozen part
(``extract_frozen``, written blind to the rules; nobody tunes on it). Tests here check the
annotations themselves, and one invariant of the extraction on the frozen part (quotes exact at
their offsets), never a quality figure: those are measured by ``make score``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import IN_CI
from helpers.devset_formats import materialise, write_docx, write_pdf

from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.score import load_devset, plain_text, read_extracted

DEVSET = Path(__file__).parent / "extract_devset"
FROZEN = Path(__file__).parent / "extract_frozen"
GOLDS = load_devset(DEVSET)
FROZEN_GOLDS = load_devset(FROZEN)
JAKARTA_PILLARS = {"jakarta-siap", "jakarta-sehat", "jakarta-terhubung"}


def _need(module: str):
    """Import a reader library, skipping off-CI where it is missing (CI must have it)."""
    try:
        return __import__(module)
    except ImportError:
        if IN_CI:
            pytest.fail(f"{module} is required under CI=true (pip install -e '.[extract]')")
        pytest.skip(f"{module} is not installed")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_set_is_varied():
    assert len(GOLDS) >= 12
    assert {g.language for g in GOLDS} == {"id", "en"}
    suffixes = {g.source.suffix for g in GOLDS} | {f".{g.format}" for g in GOLDS if g.format}
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= suffixes
    assert any(g.encoding.lower() not in ("utf-8", "utf8") for g in GOLDS)
    assert any(g.event_date is None for g in GOLDS)  # a report that gives no date
    assert any(g.publication_date for g in GOLDS)  # a date without a year, completed from publication
    sectors = {a.sector for g in GOLDS for a in g.actors}
    assert sectors == {"GovernmentAgency", "RegionalEnterprise", "PrivateCompany", "CivilSocietyOrganization",
                       "AcademicInstitution", "DiplomaticMission", "InternationalOrganization"}


def test_the_frozen_set_is_varied_and_apart():
    """New styles and places, no report shared with the tuned part."""
    assert len(FROZEN_GOLDS) >= 14
    assert {g.language for g in FROZEN_GOLDS} == {"id", "en"}
    suffixes = {g.source.suffix for g in FROZEN_GOLDS} | {f".{g.format}" for g in FROZEN_GOLDS if g.format}
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= suffixes
    assert sum(1 for g in FROZEN_GOLDS if g.city != "DKI Jakarta") >= 5  # reports from other provinces
    assert not {g.name for g in FROZEN_GOLDS} & {g.name for g in GOLDS}
    texts = {_squash(g.text()) for g in GOLDS}
    assert not any(_squash(g.text()) in texts for g in FROZEN_GOLDS)


@pytest.mark.parametrize("gold", GOLDS + FROZEN_GOLDS, ids=lambda g: g.name)
def test_every_annotated_form_occurs_in_its_report(gold):
    text = _squash(plain_text(gold))
    for actor in gold.actors:
        for form in (actor.surface, *actor.aliases):
            assert _squash(form) in text, f"{gold.name}: {form!r}"
    for form in gold.not_actors:
        assert _squash(form) in text, f"{gold.name}: not-actor {form!r}"
    for item in (*gold.issues, *gold.solutions, *gold.commitments):
        assert _squash(item.surface) in text, f"{gold.name}: statement {item.surface!r}"
        if item.place and item.place != "event":
            assert _squash(item.place.split(":", 1)[1]) in text, f"{gold.name}: place {item.place!r}"


@pytest.mark.parametrize("gold", GOLDS + FROZEN_GOLDS, ids=lambda g: g.name)
def test_statements_are_annotated_in_full(gold):
    """Every issue and solution says where it was raised and under which pillar; pillars follow the city."""
    for item in (*gold.issues, *gold.solutions, *gold.commitments):
        assert item.pillar_given, f"{gold.name}: {item.surface!r} has no pillar field"
        if gold.city == "DKI Jakarta":
            assert item.pillar is None or item.pillar in JAKARTA_PILLARS, f"{gold.name}: {item.pillar}"
        else:  # only Jakarta's strategy is in the table: another city's statements have no pillar
            assert item.pillar is None, f"{gold.name}: {item.surface!r} under {item.pillar}"
    for item in (*gold.issues, *gold.solutions):
        assert item.place is not None, f"{gold.name}: {item.surface!r} has no event or session"
    for item in gold.solutions:
        assert item.actors is not None, f"{gold.name}: {item.surface!r} has no proposed_by"


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_gold_ids_are_gazetteer_ids(gold):
    """A gold id names a gazetteer entry, whose sector the annotation agrees with."""
    gaz = load_gazetteer()
    for actor in gold.actors:
        if actor.id is not None:
            assert actor.id in gaz.by_id, f"{gold.name}: {actor.id}"
            assert gaz.by_id[actor.id].sector == actor.sector, f"{gold.name}: {actor.id}"


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_every_quote_drafted_from_the_frozen_set_is_exact(tmp_path):
    """Quotes at their offsets are an invariant, not a figure to tune: it must hold on unseen reports too."""
    from click.testing import CliRunner

    from resilience_kg.cli import main

    total = exact = 0
    for gold in FROZEN_GOLDS:
        source = materialise(gold.source, gold.format, tmp_path / "in" / gold.name)
        out = tmp_path / "out" / gold.name
        result = CliRunner().invoke(main, ["extract", str(source), "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, f"{gold.name}: {result.output}"
        drafted = read_extracted(out)
        total += drafted.quotes_total
        exact += drafted.quotes_exact
        assert drafted.quotes_exact == drafted.quotes_total, gold.name
    assert total > 100 and exact == total


def test_the_windows_1252_report_is_not_utf8():
    gold = next(g for g in GOLDS if g.encoding == "cp1252")
    with pytest.raises(UnicodeDecodeError):
        gold.source.read_bytes().decode("utf-8")
    assert "Agence Française de Développement" in gold.text()


def test_generated_docx_reads_back(tmp_path):
    docx = _need("docx")
    gold = next(g for g in GOLDS if g.format == "docx")
    path = materialise(gold.source, gold.format, tmp_path)
    assert path.suffix == ".docx"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert text.strip() == gold.text().strip()


def test_generated_pdf_reads_back(tmp_path):
    pypdf = _need("pypdf")
    gold = next(g for g in GOLDS if g.format == "pdf")
    path = materialise(gold.source, gold.format, tmp_path)
    reader = pypdf.PdfReader(str(path))
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    for actor in gold.actors:
        assert _squash(actor.surface) in text


def test_pdf_writer_paginates_and_escapes(tmp_path):
    pypdf = _need("pypdf")
    lines = [f"Baris {n} (dengan kurung) dan garis miring \\ serta é" for n in range(130)]
    reader = pypdf.PdfReader(str(write_pdf("\n".join(lines), tmp_path / "long.pdf")))
    assert len(reader.pages) == 3
    assert "Baris 129 (dengan kurung) dan garis miring \\ serta é" in reader.pages[2].extract_text()


def test_docx_writer_escapes_markup(tmp_path):
    docx = _need("docx")
    path = write_docx("Judul\nA & B <C>", tmp_path / "x.docx")
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["Judul", "A & B <C>"]
