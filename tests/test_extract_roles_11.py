"""Roles, eleventh pass (issue 20): a body that attends and signs, the two verbs joined ("mengikuti
serta menandatangani"), is a signatory. Such a page stopped the whole extraction before. Made-up
passages."""

from __future__ import annotations

import pytest
from helpers.extraction import actors_by_name, roles

from resilience_kg.extract.recognise import role_model

SIGNING = ("Bupati Lumen Barat, bersama Sekretaris Daerah, mengikuti serta menandatangani kesepakatan bersama "
           "antara Yayasan Pelita Sera dengan Pemerintah Kabupaten Lumen Barat tentang air bersih, Kamis "
           "(4/5/2023). Penandatanganan itu disaksikan Dinas Kesehatan Kabupaten Lumen Barat.")


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_model, "shipped", lambda: False)


@pytest.mark.parametrize("joined", ["mengikuti serta menandatangani", "hadir dan menandatangani"])
def test_a_body_that_attends_and_signs_organises_a_signing_nobody_else_organises(joined: str) -> None:
    text = f"Yayasan Pelita Sera {joined} nota kesepahaman dengan Universitas Lumen di aula kampus, Senin."
    assert roles(text, "Yayasan Pelita Sera", "Universitas Lumen") == {
        "Yayasan Pelita Sera": "organiser", "Universitas Lumen": "organiser"}


def test_a_body_that_speaks_and_signs_keeps_the_stronger_of_the_two() -> None:
    text = ("Acara diselenggarakan oleh Biro Kerja Sama Lumen. Yayasan Pelita Sera menyampaikan sambutan dan "
            "menandatangani nota kesepahaman dengan Universitas Lumen.")
    got = roles(text, "Biro Kerja Sama Lumen", "Yayasan Pelita Sera", "Universitas Lumen")
    assert got["Biro Kerja Sama Lumen"] == "organiser"
    assert got["Yayasan Pelita Sera"] == "speaker"


def test_a_page_where_a_body_attends_and_signs_is_drafted_whole() -> None:
    assert set(actors_by_name(SIGNING)) == {
        "Yayasan Pelita Sera", "Pemerintah Kabupaten Lumen Barat", "Dinas Kesehatan Kabupaten Lumen Barat"}
