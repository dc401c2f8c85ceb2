"""An issue with no pillar cue near it, in a report whose opening names no pillar clearly: the
whole report's cue words place it when four in five of them (four or more) name one pillar."""

from __future__ import annotations

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
