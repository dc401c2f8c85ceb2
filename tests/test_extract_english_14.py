"""Actors on English pages, round 14 (issue 20): local and national governments English news
names in lower case, a regional body's short form with its place before it, and English posts
that stand for a region's government. Each test is a short made-up passage in the style of a
class, with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

# --- 1. governments named in lower case: "X regency", "the X administration", "the Dutch government" --


def test_lower_case_levels_in_a_list_of_signatories_are_governments() -> None:
    text = ("The agreement was signed by representatives of the administrations of Jakarta, "
            "Cirebon municipality, Sukabumi regency and Tasikmalaya municipality on Monday.")
    names = actor_names(text)
    for name in ("Pemerintah Provinsi DKI Jakarta", "Pemerintah Kota Cirebon", "Pemerintah Kabupaten Sukabumi",
                 "Pemerintah Kota Tasikmalaya"):
        assert name in names, (name, names)


def test_a_lower_case_level_after_in_is_a_place() -> None:
    text = "Heavy rain flooded hundreds of homes in Sukabumi regency last week."
    assert quotes(text) == [], quotes(text)


def test_the_administration_and_the_municipal_authority_of_a_region_are_its_government() -> None:
    text = ("The Semarang municipal authority signed a pact with a private operator. "
            "The Banten administration will supervise the trucks.")
    names = actor_names(text)
    assert "Pemerintah Kota Semarang" in names, names
    assert "Pemerintah Provinsi Banten" in names, names


def test_a_country_adjective_without_ian_before_government_is_that_government() -> None:
    text = "The Tidore city administration signed a memorandum with the Dutch government on waste."
    assert "Dutch government" in quotes(text), quotes(text)
    assert "Pemerintah Belanda" in actor_names(text), actor_names(text)


# --- 2. "NTT BPBD": a regional body's short form with its place written first ---------------------


def test_a_place_before_a_regional_short_form_names_that_regions_body() -> None:
    text = "The delegation visited the NTB Province BPBD office, then met staff of the Maluku BPBD."
    assert "NTB Province BPBD" in quotes(text), quotes(text)
    assert "Maluku BPBD" in quotes(text), quotes(text)
    assert "BPBD" not in quotes(text), quotes(text)


# --- 3. English posts of a region's government written in lower case or as its secretary ----------


def test_a_lower_case_governor_with_his_name_is_the_provinces_government() -> None:
    text = "Budi Santoso, the governor of West Sumatra, said the drill had been useful."
    assert "Pemerintah Provinsi Sumatera Barat" in actor_names(text), actor_names(text)


def test_a_regional_secretary_of_a_province_is_the_provinces_government() -> None:
    text = "Among those present were the Regional Secretary of Central Java, Ani Lestari, and local NGOs."
    assert "Pemerintah Provinsi Jawa Tengah" in actor_names(text), actor_names(text)


def test_a_regional_secretary_of_a_name_shared_by_a_city_and_a_regency_names_no_body() -> None:
    text = "Among those present was the Regional Secretary of Bogor, Ade, with the village heads."
    assert not any(n.startswith("Pemerintah") for n in actor_names(text)), actor_names(text)


# --- 4. a body's possessive: what it owns is no part of its name -----------------------------------


def test_a_programme_named_after_its_owner_is_the_owner() -> None:
    text = "The visit was part of the Canadian Government’s Resilience Strategy for the islands."
    assert "Canadian Government" in quotes(text), quotes(text)
    assert not any("Strategy" in q for q in quotes(text)), quotes(text)


def test_a_lower_case_district_is_the_area() -> None:
    text = "Officials from every work unit throughout the Kendal district joined the discussion."
    assert not any(q.endswith("district") for q in quotes(text)), quotes(text)


# --- 5. a known name with a spaced dash, written without the spaces --------------------------------


def test_a_known_network_written_with_a_bare_dash_is_found() -> None:
    text = "ICLEI-Local Governments for Sustainability organised a consultation with the city."
    assert "ICLEI-Local Governments for Sustainability" in quotes(text), quotes(text)


# --- 6. English bodies named by a head written last: "Corporation", "Parliament" -------------------


def test_a_corporation_with_its_short_form_is_a_body() -> None:
    text = "The project is funded through the Eastern Borneo Water Supply Corporation (EBWSC), a joint venture."
    assert "Eastern Borneo Water Supply Corporation (EBWSC)" in quotes(text), quotes(text)


def test_a_national_parliament_is_a_body() -> None:
    text = "A delegation of the Canadian Parliament visited the provincial disaster agency."
    assert "Canadian Parliament" in quotes(text), quotes(text)


def test_a_unit_named_after_its_owners_possessive_keeps_its_name() -> None:
    text = "Teachers from the Embassy’s Regional Education Office joined the session."
    assert any(q.endswith("Regional Education Office") for q in quotes(text)), quotes(text)


# --- 7. a counted list of regions that take part: each its government ------------------------------


def test_regency_governments_listed_after_their_count_are_governments() -> None:
    text = "The university signed agreements with two regency governments, Kampar and Wakatobi, on Friday."
    names = actor_names(text)
    assert "Pemerintah Kabupaten Kampar" in names, names
    assert "Pemerintah Kabupaten Wakatobi" in names, names


def test_counted_districts_hit_by_a_flood_are_places() -> None:
    text = "Floods hit the three districts of Garut, Sumedang and Kuningan last month."
    assert not any(n.startswith("Pemerintah") for n in actor_names(text)), actor_names(text)
