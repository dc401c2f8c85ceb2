"""Actors and roles on English pages, round 15 (issue 20): co-organisers "in close collaboration
with", a province's top official written with the province's short form, and an English name whose
fields are listed with commas before its head. Each test is a short made-up passage in the style of
a class, with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes, roles

# --- 1. "in close collaboration with": co-organisers, as "in collaboration with" ------------------


def test_in_close_collaboration_with_names_co_organisers() -> None:
    text = ("Lestari Centre in close collaboration with Hijau Foundation and Sinar Agency held a two-day "
            "training on river care for village volunteers.")
    got = roles(text, "Lestari Centre", "Hijau Foundation", "Sinar Agency")
    assert got == {"Lestari Centre": "organiser", "Hijau Foundation": "organiser",
                   "Sinar Agency": "organiser"}, got


def test_in_close_cooperation_with_names_co_organisers() -> None:
    text = "The workshop was held by Contoh University in close cooperation with Mitra Foundation."
    assert roles(text, "Contoh University", "Mitra Foundation")["Mitra Foundation"] == "organiser"


# --- 2. "Provincial Secretary of NTT": the province's government takes part ------------------------


def test_a_provincial_secretary_with_the_province_short_form_is_its_government() -> None:
    text = ("The envoy opened the forum alongside Yohanes Bata, Provincial Secretary of NTT, "
            "and met farmers in Kupang.")
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in actor_names(text), actor_names(text)
    assert "Provincial Secretary of NTT" in quotes(text), quotes(text)


def test_a_governor_written_with_the_province_short_form_is_its_government() -> None:
    text = "The seminar was opened by NTB Governor Ahmad Lestari on Monday."
    assert "Pemerintah Provinsi Nusa Tenggara Barat" in actor_names(text), actor_names(text)


def test_a_provincial_secretary_merely_mentioned_names_no_body() -> None:
    text = "The report was sent to the Provincial Secretary of Bali last year."
    assert "Pemerintah Provinsi Bali" not in actor_names(text), actor_names(text)


# --- 3. "Research, Development and Innovation Agency": fields listed with commas in one name ---------


def test_fields_listed_with_commas_stay_in_one_english_name() -> None:
    text = ("Staff of the Lembah Hijau Regency Regional Planning, Research, and Development Agency "
            "attended. The Kalimantan Region Peatland, Forest and Water Control Center gave a talk.")
    got = quotes(text)
    assert "Lembah Hijau Regency Regional Planning, Research, and Development Agency" in got, got
    assert "Kalimantan Region Peatland, Forest and Water Control Center" in got, got
    assert "Development Agency" not in got and "Forest and Water Control Center" not in got, got


def test_a_comma_after_a_body_still_parts_a_list_of_bodies() -> None:
    text = "Speakers came from BNPB, Sinar Foundation and Contoh Disaster Management Agency."
    got = quotes(text)
    assert "Contoh Disaster Management Agency" in got, got
    assert not any(q.startswith(("BNPB,", "Foundation,", "Sinar Foundation,")) for q in got), got


def test_fields_need_a_word_after_and_before_the_head() -> None:
    text = "Officials of the Ministry of Forestry, and Directorate-General of Fisheries came."
    got = quotes(text)
    assert "Ministry of Forestry" in got and "Directorate-General of Fisheries" in got, got


# --- 4. a dash written with two hyphens ends a name; "Directorate-General" heads one ----------------


def test_two_hyphens_are_a_dash_around_a_list_of_bodies() -> None:
    text = ("The team--consisting of Ministry of Forestry, Ministry of Health, and Directorate-General "
            "of Fisheries--will visit the villages.")
    got = quotes(text)
    assert got == ["Ministry of Forestry", "Ministry of Health", "Directorate-General of Fisheries"], got


# --- 5. "the Government of the Netherlands" --------------------------------------------------------


def test_government_of_the_country_is_that_government() -> None:
    text = "The study team included Lestari Studio and the Government of the Netherlands."
    assert "Pemerintah Belanda" in actor_names(text), actor_names(text)
    assert "Government of the Netherlands" in quotes(text), quotes(text)


def test_a_name_with_its_own_and_before_an_oxford_comma_is_a_body_of_a_list() -> None:
    text = ("Representatives of provincial offices came, including Public Housing and Settlement Areas, "
            "and Regional Secretariat of Lembah Province.")
    got = quotes(text)
    assert not any(q.startswith("Public Housing") and "Secretariat" in q for q in got), got
