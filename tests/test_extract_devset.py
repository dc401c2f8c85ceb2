"""The development set is sound: every annotation loads and points at text that is really there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import IN_CI
from helpers.devset_formats import materialise, write_docx, write_pdf

from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.score import load_devset, plain_text

DEVSET = Path(__file__).parent / "extract_devset"
GOLDS = load_devset(DEVSET)


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


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_every_annotated_form_occurs_in_its_report(gold):
    text = _squash(plain_text(gold))
    for actor in gold.actors:
        for form in (actor.surface, *actor.aliases):
            assert _squash(form) in text, f"{gold.name}: {form!r}"
    for form in gold.not_actors:
        assert _squash(form) in text, f"{gold.name}: not-actor {form!r}"


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g.name)
def test_gold_ids_are_gazetteer_ids(gold):
    """A gold id names a gazetteer entry, whose sector the annotation agrees with."""
    gaz = load_gazetteer()
    for actor in gold.actors:
        if actor.id is not None:
            assert actor.id in gaz.by_id, f"{gold.name}: {actor.id}"
            assert gaz.by_id[actor.id].sector == actor.sector, f"{gold.name}: {actor.id}"


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
