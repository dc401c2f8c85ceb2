"""Actors on English pages, round 10: error classes of actor recall, precision and sector seen on
real English reports (issue 20). Each test is a short made-up passage in the style of a class,
with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actors_by_name as by_name
from helpers.extraction import pipeline_actors

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


# --- 3. an English post before "of" is not part of the body's name -------------------------------


def test_a_chief_or_chairman_of_a_body_leaves_the_post_out_of_the_name() -> None:
    text = ("The Chief of Disaster Mitigation Agency of Kotabaru Regency opened the drill, and the "
            "Chairman of Kotabaru Fishers Association thanked the volunteers.")
    names = list(by_name(text))
    assert "Disaster Mitigation Agency of Kotabaru Regency" in names, names
    assert "Kotabaru Fishers Association" in names, names
    assert not any(n.startswith(("Chief", "Chairman")) for n in names), names


# --- 4. "and" joining two fields of one English agency's name -----------------------------------


def test_public_works_and_spatial_planning_agency_is_one_body() -> None:
    # "Spatial Planning Agency" alone is a form the gazetteer knows; here it ends a longer name.
    text = ("Participants came from the Planning Agency, Public Works and Spatial Planning Agency, "
            "and Village Development Agency of the regency.")
    names = list(by_name(text))
    assert "Public Works and Spatial Planning Agency" in names, names
    assert "Public Works" not in names, names
    assert "Spatial Planning Agency" not in names, names


def test_and_before_a_known_body_with_a_place_still_joins_two_bodies() -> None:
    text = "The forum was attended by Public Works and Jakarta Development Planning Board staff."
    names = list(by_name(text))
    assert "Public Works and Jakarta Development Planning Board" not in names, names


# --- 5. forest management units and national parks named in English -------------------------------


def test_forest_management_units_and_a_national_park_office_are_public_bodies() -> None:
    # A KPH (Kesatuan Pengelolaan Hutan) and a national park's office (Balai Taman Nasional)
    # are public bodies; English copy names them by their area.
    text = ("Participants came from the North Kotabaru Forest Management Unit, KPH Kotabaru Selatan "
            "and the Bukit Raya National Park.")
    got = by_name(text)
    for name in ("North Kotabaru Forest Management Unit", "KPH Kotabaru Selatan", "Bukit Raya National Park"):
        assert name in got, (name, list(got))
        assert got[name].sector == "GovernmentAgency"


def test_a_national_park_where_something_happens_is_a_place() -> None:
    text = "The volunteers planted mangroves in the Bukit Raya National Park on Saturday."
    assert "Bukit Raya National Park" not in by_name(text)


# --- 6. an English headline's verb is no word of a body's name -----------------------------------


def test_a_headline_verb_ends_the_name_before_it() -> None:
    text = ("Kotabaru University Hosts Korean Embassy to Discuss Cooperation\n"
            "Kotabaru University received officials of the Korean Embassy on Monday.")
    names = list(by_name(text))
    assert not any("Hosts" in n for n in names), names
    assert "Korean Embassy" in names, names


# --- 7. a region ends an English body's name before "and" ----------------------------------------


def test_a_region_ends_the_first_of_two_bodies_joined_by_and() -> None:
    text = ("The drill involved the Indonesian Red Cross of Kotabaru City and Inclusion Disability "
            "Service Unit.")
    names = list(by_name(text))
    assert "Indonesian Red Cross of Kotabaru City" in names, names
    assert not any(n.endswith("Service Unit") and "Red Cross" in n for n in names), names


# --- 8. a group's bracketed kinds of bodies, and a Dinas in short -----------------------------------


def test_kinds_of_bodies_in_a_groups_brackets_are_no_actors_and_dinas_short_forms_are_public() -> None:
    text = ("Participants were 30 planning officials of SKPD (Department, Agency, Section Office) "
            "throughout the Kotabaru district, including Disdukcapil, Dishubkominfo, Dinbudpar, BPBD, "
            "Legal Department Secretariat, Inspectorate and BKD.")
    got = by_name(text)
    for kind in ("Department", "Agency", "Section Office"):
        assert kind not in got, (kind, list(got))
    for short in ("Dishubkominfo", "Dinbudpar"):
        assert short in got, (short, list(got))
        assert got[short].sector == "GovernmentAgency", (short, got[short].sector)


def test_a_compass_word_after_the_region_stays_in_a_forest_units_name() -> None:
    text = "Participants represented KPH Kotabaru Hulu Utara and KPH Kotabaru Hulu Selatan."
    names = list(by_name(text))
    assert "KPH Kotabaru Hulu Utara" in names, names
    assert "KPH Kotabaru Hulu Selatan" in names, names


def test_a_forest_unit_in_a_report_about_perhutani_is_the_firms_unit() -> None:
    # On Java Perhutani's units are written "KPH X" too (Kesatuan Pemangkuan Hutan).
    text = ("Perhutani menggelar pelatihan relawan. Administratur KPH Kotabaru menyampaikan terima "
            "kasih kepada BPBD Kotabaru.")
    got = by_name(text)
    assert "KPH Kotabaru" in got, list(got)
    assert got["KPH Kotabaru"].sector == got["Perhutani"].sector == "PrivateCompany"


# --- 9. an English level word after a place that is also a city ----------------------------------


def test_a_regency_named_after_its_city_in_english_is_the_regency() -> None:
    # Bare "Semarang" is the city; "Semarang Regency" is Kabupaten Semarang, so its agency and the
    # city's are two bodies.
    from resilience_kg.extract.gazetteer import load_gazetteer, normalise

    places = load_gazetteer().places
    assert places.split(normalise("Disaster Mitigation Agency of Semarang Regency"))[1] == {"Kabupaten Semarang"}
    assert places.split(normalise("Disaster Mitigation Agency Semarang City"))[1] == {"Kota Semarang"}
    text = ("The workshop was attended by the Disaster Mitigation Agency of Semarang Regency and "
            "representatives from the Disaster Mitigation Agency of Semarang City.")
    names = list(by_name(text))
    assert "Disaster Mitigation Agency of Semarang Regency" in names, names
    assert "Disaster Mitigation Agency of Semarang City" in names, names


# --- 10. a professional title after a person's name ------------------------------------------------


def test_asean_eng_after_a_persons_name_is_a_title_not_asean() -> None:
    text = ("The rector, Prof. Ir. Budi Santoso, M.Eng., Ph.D., IPU, ASEAN Eng., signed the agreement. "
            "Dr. Sari Wulan, IPM., ASEAN.Eng., moderated the session.")
    assert "ASEAN" not in {a.mention.acronym or a.mention.name for a in pipeline_actors(text)}
