"""Actors on English pages, round 10: error classes of actor recall, precision and sector seen on
real English reports (issue 20). Each test is a short made-up passage in the style of a class,
with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import pipeline_actors

from resilience_kg.extract.draft import Actor


def by_name(text: str) -> dict[str, Actor]:
    return {a.mention.name: a for a in pipeline_actors(text)}


# --- 1. a university's study centre named in English without its university ----------------------


def test_a_study_centre_is_academic_though_its_university_is_named_elsewhere() -> None:
    # "Center for ... Studies", "Pusat Kajian", "Directorate of Research and Community Service":
    # a university's centre or institute, not a ministry's office.
    text = ("The workshop was organised by the Center for Coastal Livelihood Studies (CCLS) with "
            "the Directorate of Research and Community Service (DRCS). The Pusat Kajian Pesisir "
            "Lestari also sent two researchers.")
    got = by_name(text)
    for name in ("Center for Coastal Livelihood Studies", "Directorate of Research and Community Service",
                 "Pusat Kajian Pesisir Lestari"):
        assert name in got, (name, list(got))
        assert got[name].sector == "AcademicInstitution", (name, got[name].sector)


def test_a_ministry_centre_named_by_its_task_stays_a_public_body() -> None:
    text = "The Data and Information Centre of the Ministry of Health presented the figures."
    got = {a.mention.name: a.sector for a in pipeline_actors(text)}
    assert "AcademicInstitution" not in got.values(), got


# --- 2. a foreign government's agency is a public body, not an international organisation ---------


def test_the_netherlands_enterprise_agency_is_a_government_agency() -> None:
    text = ("A delegation of the Netherlands Enterprise Agency (RVO) visited the water utility and "
            "discussed the pilot.")
    got = [a for a in pipeline_actors(text) if a.mention.acronym == "RVO" or "Enterprise" in a.mention.name]
    assert got, [a.mention.name for a in pipeline_actors(text)]
    assert got[0].sector == "GovernmentAgency"
