"""Pillar placement classes: an issue with no pillar cue near it, in a report whose opening names no
pillar clearly, follows the whole report when four in five of its cue words (four or more) name one
pillar; hazards and the vectors of disease have their pillars' cues."""

from __future__ import annotations

import pytest
from test_pillar_cues import JAKARTA, Report, assert_exact

from resilience_kg.extract.recognise.rules import confidence

OPENING = ("Jakarta, KABAR KOTA - Rapat bersama jajaran kecamatan, kelurahan, dewan kota dan unsur masyarakat "
           "digelar di aula kantor wali kota pada Kamis pagi.\n\n"
           "Rapat dipimpin oleh wali kota dan dihadiri camat, lurah, ketua RW serta perwakilan organisasi "
           "masyarakat dari seluruh wilayah kota.\n\n")


def test_a_report_about_one_pillar_throughout_places_an_issue_without_a_cue() -> None:
    text = (OPENING + "Rapat membahas genangan di tiga kecamatan selama musim hujan.\n\n"
            "Wali kota mengatakan genangan berasal dari hujan lokal, banjir kiriman dari hulu dan rob.\n\n"
            "Petugas diminta mencatat titik genangan baru.\n\n"
            "Jangan sampai petugas pindah tanpa pengganti yang memahami tugasnya.")
    issue = "petugas pindah tanpa pengganti yang memahami tugasnya"
    link = Report(text).element("i", "Issue", issue).run(JAKARTA).links()["i"]
    assert link["to"] == "jakarta-siap"
    assert float(link["confidence"]) == confidence("pillar:report")
    assert "whole report" in link["note"]
    assert_exact(Report(text), link)


def test_a_report_whose_cue_words_are_split_leaves_the_issue_for_review() -> None:
    text = (OPENING + "Rapat membahas genangan dan banjir di tiga kecamatan, juga sampah, sanitasi dan air bersih "
            "di rusun.\n\nJangan sampai petugas pindah tanpa pengganti yang memahami tugasnya.")
    r = Report(text).element("i", "Issue", "petugas pindah tanpa pengganti yang memahami tugasnya").run(JAKARTA)
    assert "i" not in r.links() and "no pillar cue" in r.note("i")


@pytest.mark.parametrize(("item", "pillar"), [
    ("peringatan gelombang tinggi belum sampai ke nelayan", "jakarta-siap"),  # a hazard of the coast
    ("warga kampung dekat gunung belum paham jalur lahar", "jakarta-siap"),
    ("piloting Wolbachia-carrying mosquitoes in two flood-prone subdistricts", None),  # a tie: left for review
    ("pemeriksaan jentik nyamuk di rumah warga terhenti", "jakarta-sehat"),  # the vector of dengue
    ("antrean pasien diare di rumah sakit daerah", "jakarta-sehat"),
])
def test_hazards_and_disease_vectors_place_an_item(item: str, pillar: str | None) -> None:
    r = Report(f"Catatan rapat.\n\n- {item}\n").element("i", "Issue", item).run(JAKARTA)
    assert r.links().get("i", {}).get("to") == pillar

