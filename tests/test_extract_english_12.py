"""Actors on English pages, round 12 (issue 20): error classes of actor recall and precision seen
on real English reports. Each test is a short made-up passage in the style of a class, with what a
reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

# --- 1. organisations in a list, each with its province's English name after it -------------------


def test_a_list_of_ngos_with_their_provinces_is_a_list_of_bodies() -> None:
    # A province's English name of two words ("West Sulawesi") after a body's short name, and the
    # members of such a list without a short form ("Tunas Hijau North Maluku", "LBK Ambon").
    text = ("Several civil society groups joined the training, including SERUNI North Maluku, "
            "TALANG West Sulawesi, Tunas Hijau North Maluku, LBK Ambon, RIMBA Southeast Sulawesi, "
            "Sahabat Pesisir Lestari Central Kalimantan, KORAL Riau Islands and Pantai Bersih "
            "Kendari (PBK).")
    names = actor_names(text)
    for name in ("SERUNI North Maluku", "TALANG West Sulawesi", "RIMBA Southeast Sulawesi",
                 "KORAL Riau Islands", "Tunas Hijau North Maluku", "LBK Ambon",
                 "Sahabat Pesisir Lestari Central Kalimantan"):
        assert name in names, (name, names)
    assert "Pantai Bersih Kendari" in names, names  # a name and its own initials, among bodies


def test_a_province_named_in_english_is_a_place_not_a_body() -> None:
    text = "The volunteers travelled from West Kalimantan to North Sulawesi for the drill."
    assert quotes(text) == [], quotes(text)


# --- 2. a headline's building and the next paragraph's first body ---------------------------------


def test_a_body_opening_a_paragraph_after_a_headline_venue_is_drafted() -> None:
    text = ("Town Holds Flood Forum at City Hall\n\n"
            "Kotabaru Provincial Government works with the Harbour Safety Council on a new plan.")
    names = actor_names(text)
    assert any("Kotabaru Provincial Government" in n or "Kotabaru" in n for n in names), names


# --- 3. a lower-case level word after the region that ends a body's name ---------------------------


def test_a_lower_case_district_after_a_region_is_part_of_the_name() -> None:
    text = "The study was a partnership of Bappeda of the Kendal district and a local university."
    assert "Bappeda of the Kendal district" in quotes(text), quotes(text)


def test_the_municipal_government_of_a_city_keeps_its_level() -> None:
    text = "The bank's team met the municipal government of Kendari on Monday."
    assert "municipal government of Kendari" in quotes(text), quotes(text)


# --- 4. police, military and prosecutors named in English ------------------------------------------


def test_police_and_military_commands_named_in_english_are_bodies() -> None:
    text = ("Hundreds of personnel joined from the Bengkulu Military Command, the Bengkulu Police "
            "and the Bengkulu District Attorney, with the Lampung High Prosecutor's Office.")
    qs = quotes(text)
    for q in ("Bengkulu Military Command", "Bengkulu Police", "Bengkulu District Attorney",
              "Lampung High Prosecutor's Office"):
        assert q in qs, (q, qs)


# --- 5. a known name before "and" ends there ---------------------------------------------------------


def test_a_known_body_and_a_regency_government_are_two_bodies() -> None:
    text = "The agreement was signed by UGM and Kendal Regency Government on Monday."
    names = actor_names(text)
    assert not any(n.startswith("UGM and") for n in names), names
    assert "Pemerintah Kabupaten Kendal" in names, names


# --- 6. a forum named in English, its head last ----------------------------------------------------


def test_a_forum_named_in_english_is_a_body_with_its_short_form() -> None:
    text = ("The drill was joined by the Kendari Disaster Risk Reduction Forum (FPRB), the Lake "
            "Basin Forum and the Forum Komunikasi Nelayan.")
    qs = quotes(text)
    for q in ("Kendari Disaster Risk Reduction Forum (FPRB)", "Lake Basin Forum", "Forum Komunikasi Nelayan"):
        assert q in qs, (q, qs)


# --- 7. a region of a country and the public bodies of the information law are no bodies ------------


def test_eastern_indonesia_is_a_region_and_public_agency_a_kind_of_body() -> None:
    text = ("The network works particularly in Eastern Indonesia. It assists the Information "
            "Commission and Public Agency in disclosure disputes.")
    qs = quotes(text)
    assert "Eastern Indonesia" not in qs and "Public Agency" not in qs, qs
    assert "Information Commission" in qs, qs


# --- 8. the municipal government of a city is the city's government --------------------------------


def test_the_municipal_government_and_the_mayor_are_one_body() -> None:
    text = ("The bank's team met the municipal government of Kendari. Kendari Mayor Budi Santoso "
            "welcomed the plan.")
    names = actor_names(text)
    assert len([n for n in names if "Kendari" in n]) == 1, names


def test_a_regional_government_dan_field_is_not_cut_at_a_known_name() -> None:
    # Indonesian "dan" joins two fields of one office's name; the first field alone is a known name.
    text = "Rapat dihadiri Dinas Lingkungan Hidup dan Kehutanan Provinsi Bengkulu dan warga."
    assert "Dinas Lingkungan Hidup dan Kehutanan Provinsi Bengkulu" in quotes(text), quotes(text)


def test_a_short_form_with_a_province_inside_a_longer_name_is_no_second_body() -> None:
    text = "The meeting was opened by the head of Balai Besar KSDA Sulawesi Tenggara on Monday."
    assert quotes(text) == ["Balai Besar KSDA Sulawesi Tenggara"], quotes(text)
