"""Actors on English pages, round 17 (issue 20): a unit named "of" its university, a name with its
head first followed by "and" and a name with its head last, and an embassy of a state written with
its formal name. Each test is a short made-up passage in the style of a class, with what a reviewer
expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes, roles

# --- 1. "Faculty of Engineering of Sinar University": the parent is the university ----------------


def test_a_unit_named_of_its_university_has_the_university_as_parent() -> None:
    text = "Students of the Faculty of Engineering of Sinar University attended the training."
    got = quotes(text)
    assert got == ["Faculty of Engineering of Sinar University", "Sinar University"], got


def test_a_centre_for_a_field_of_its_university_has_the_university_as_parent() -> None:
    text = "The Center for Coastal Studies of Lembah Hijau University presented its flood maps."
    got = quotes(text)
    assert "Lembah Hijau University" in got and "Coastal Studies of Lembah Hijau University" not in got, got


def test_a_post_before_of_still_ends_the_body_name() -> None:
    text = "The Head of Contoh City Disaster Management Agency opened the drill."
    assert quotes(text) == ["Contoh City Disaster Management Agency"], quotes(text)


# --- 2. "Institute for X and Y Foundation": two bodies, the first with its head first --------------


def test_and_before_a_name_with_its_head_last_parts_two_bodies() -> None:
    text = ("Contoh City Government, in partnership with the Institute for Urban Futures and Tirta "
            "Lestari Foundation, held a workshop on coastal flooding.")
    got = quotes(text)
    assert "Institute for Urban Futures" in got and "Tirta Lestari Foundation" in got, got
    assert not any("Futures and" in q for q in got), got
    got_roles = roles(text, "Contoh City Government", "Institute for Urban Futures", "Tirta Lestari Foundation")
    assert got_roles["Tirta Lestari Foundation"] == "organiser", got_roles


def test_fields_joined_by_and_stay_in_one_name() -> None:
    text = ("Officials of the Ministry of Tourism and Creative Economy and the Center for Climate Risk "
            "and Opportunity Management attended.")
    got = quotes(text)
    assert got == ["Ministry of Tourism and Creative Economy", "Center for Climate Risk and Opportunity Management"], got


def test_a_post_of_a_field_and_office_keeps_the_office_name() -> None:
    text = "The Head of Culture and Tourism Office welcomed the guests."
    assert quotes(text) == ["Culture and Tourism Office"], quotes(text)


# --- 3. "Embassy of the Kingdom of Norway": a state's formal name after an embassy -----------------


def test_an_embassy_of_a_state_with_its_formal_name_is_found() -> None:
    text = ("The workshop was supported by the Embassy of the Kingdom of Sweden and the Embassy of the "
            "Republic of Korea.")
    got = quotes(text)
    assert got == ["Embassy of the Kingdom of Sweden", "Embassy of the Republic of Korea"], got


def test_a_consulate_general_of_a_state_with_its_formal_name_is_found() -> None:
    text = "The Consulate General of the United States of America in Surabaya attended the drill."
    assert "Consulate General of the United States of America" in actor_names(text), actor_names(text)


def test_an_embassy_of_no_state_names_no_body() -> None:
    text = "The Embassy of the Future exhibition opened in the city hall."
    assert not any(q.startswith("Embassy of") for q in quotes(text)), quotes(text)
