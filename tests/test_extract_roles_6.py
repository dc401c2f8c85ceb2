"""Roles of real news pages, sixth pass (issue 20 §1 roles): one test per class of wording, on
made-up passages whose mentions are set by hand (``helpers.extraction``)."""

from __future__ import annotations

import pytest
from helpers.extraction import roles

from resilience_kg.extract.components.attendance import quoted

# -- a list of bodies inside a speaker's quoted words: spoken of, not in the room ----------------


@pytest.mark.parametrize("quote", [
    ("“Penataan pasar akan kami bahas bersama Perumda Pasar Lumbung, PT Kereta Lumbung dan Dinas "
     "Perhubungan Kota Lumbung,” katanya."),
    ("\"Terima kasih kepada Perumda Pasar Lumbung, PT Kereta Lumbung dan Dinas Perhubungan Kota Lumbung "
     "yang telah membantu warga,\" ujarnya."),
])
def test_a_list_of_bodies_in_a_quotation_is_mentioned(quote: str) -> None:
    text = f"Rapat penataan kawasan pasar digelar di Balai Kota Lumbung, Senin (2/3/2020). {quote}"
    got = roles(text, "Perumda Pasar Lumbung", "PT Kereta Lumbung", "Dinas Perhubungan Kota Lumbung")
    assert set(got.values()) == {"mentioned"}


def test_the_same_list_outside_a_quotation_is_who_was_there() -> None:
    text = ("Rapat penataan kawasan pasar digelar di Balai Kota Lumbung, Senin (2/3/2020). Perumda Pasar "
            "Lumbung, PT Kereta Lumbung dan Dinas Perhubungan Kota Lumbung ikut dalam rapat itu.")
    got = roles(text, "Perumda Pasar Lumbung", "PT Kereta Lumbung", "Dinas Perhubungan Kota Lumbung")
    assert set(got.values()) == {"participant"}


@pytest.mark.parametrize(("text", "word", "inside"), [
    ("Ia berkata, “Kami siap membantu”, lalu pergi.", "siap", True),
    ("Ia berkata, “Kami siap membantu”, lalu pergi.", "pergi", False),
    ('Kata dia, "pompa rusak" dan "tanggul jebol".', "rusak", True),
    ('Kata dia, "pompa rusak" dan "tanggul jebol".', "dan", False),
    ("“Baris pertama tanpa penutup.\nBaris kedua tanpa kutipan.", "kedua", False),
    # A stray quote mark, never closed in its paragraph, quotes nothing.
    ("“Baris pertama tanpa penutup, lalu daftar instansi.", "daftar", False),
    ('Tinggi layar 32" dan daftar instansi.', "daftar", False),
])
def test_quoted_reads_the_quotation_marks_of_the_paragraph(text: str, word: str, inside: bool) -> None:
    assert quoted(text, text.index(word)) is inside
