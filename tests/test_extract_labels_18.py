"""A statement's label is read from its clauses, and a clause never cuts a body's name that holds
commas ("Badan Meteorologi, Klimatologi, dan Geofisika"). Made-up passages."""

from __future__ import annotations

from helpers.statements import gazetteer

from resilience_kg.extract.components import Context, Document, run
from resilience_kg.extract.recognise.issue_model import clause_label

NAME = "Dinas Pekerjaan Umum, Tata Ruang, dan Pertanahan Kabupaten Sukamaju"
SENTENCE = (f"Berdasarkan catatan {NAME}, banjir rob masih merendam ratusan rumah warga di pesisir "
            "utara setiap bulan dan memutus akses jalan desa menuju pasar.")


def test_a_clause_label_never_starts_or_ends_inside_a_name_given() -> None:
    start = SENTENCE.index(NAME)
    name = (start, start + len(NAME))
    a, b = clause_label(SENTENCE, 0, len(SENTENCE), "Issue", [name])
    assert not name[0] < a < name[1] and not name[0] < b < name[1], SENTENCE[a:b]


def test_no_drafted_statement_label_begins_inside_a_body_s_name() -> None:
    text = ("Rapat koordinasi penanganan banjir rob digelar di Kantor Bupati Sukamaju pada Senin "
            f"(3/6/2024).\n{SENTENCE}\n")
    doc = run(Document(text, Context(gazetteer=gazetteer())))
    labels = [r["label_id"] or r["label_en"] for r in doc.draft.elements
              if r["type"] in ("Issue", "Solution", "Commitment")]
    assert labels, "the flood sentence is drafted as a statement"
    inner = ("Tata Ruang", "Dan Pertanahan", "dan Pertanahan")
    assert not [label for label in labels if label.startswith(inner)], labels
