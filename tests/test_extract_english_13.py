"""Actors on English pages, round 13 (issue 20): error classes of the English reports no developer
had read (a region's government in English, bodies of international reach, groups named in English
with a short form of their Indonesian name). Each test is a short made-up passage in the style of a
class, with what a reviewer expects to see drafted."""

from __future__ import annotations

import pytest
from helpers.extraction import actor_names, found

from resilience_kg.extract.components import PIPELINE, Context, Document, run, screening
from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.recognise import actor_filter
from resilience_kg.extract.recognise.actor_filter import Model
from resilience_kg.extract.regions import find

# --- 1. a region's government written in lower case after the region ------------------------------


def test_a_province_then_government_in_lower_case_is_the_provincial_government() -> None:
    text = "The drill was run by the national institute together with the Central Sulawesi government."
    names = actor_names(text)
    assert "Pemerintah Provinsi Sulawesi Tengah" in names, names


def test_a_region_then_its_level_and_government_in_lower_case_is_a_body() -> None:
    text = "Rice was handed over to the Gorontalo provincial government on Friday."
    assert "Pemerintah Provinsi Gorontalo" in actor_names(text)


def test_a_region_of_two_levels_then_government_is_left_alone() -> None:
    # Kota and Kabupaten Bogor: the name alone does not say which government it is.
    text = "Aid was handed to the Bogor government and the Balangan government on Friday."
    names = actor_names(text)
    assert "Pemerintah Kabupaten Balangan" in names, names
    assert not any("Bogor" in n for n in names), names


def test_a_nation_adjective_then_government_is_no_region() -> None:
    text = "The Malaysian government and the local government discussed the haze."
    names = actor_names(text)
    assert not any(n.startswith(("Malaysian Government", "Local Government")) for n in names), names


# --- 2. English "X Islands" / "X Archipelago" for a region named Kepulauan X -------------------------


def test_an_english_islands_name_is_the_kepulauan_region() -> None:
    assert [r.name for r in find("Mentawai Islands")] == ["Kepulauan Mentawai"]
    assert [r.name for r in find("Sangihe Archipelago")] == ["Kepulauan Sangihe"]
    assert find("Solomon Islands") == ()  # a country abroad stays no Indonesian region


def test_the_head_of_an_archipelago_district_is_its_regency_government() -> None:
    text = "The maps were handed to the Head of Tanimbar Archipelago District and the Mayor of Tual."
    names = actor_names(text)
    assert "Pemerintah Kabupaten Kepulauan Tanimbar" in names, names
    assert "Pemerintah Kota Tual" in names, names


# --- 3. a group named in English with a short form in brackets -----------------------------------


def test_an_english_group_name_with_its_indonesian_short_form_is_a_body() -> None:
    # The short form abbreviates the group's Indonesian name, so its letters do not fit the English one.
    text = ("Pupils trained with the help of Flood Watch Community (KOSIBA), a local group, and the "
            "meeting was funded by Lombok Recovery Fund (LRF).")
    names = actor_names(text)
    assert "Flood Watch Community" in names, names
    assert "Lombok Recovery Fund" in names, names


def test_a_known_bodys_economic_community_is_no_group() -> None:
    text = "Traders prepared for the ASEAN Economic Community (AEC) with a local community (warga)."
    assert not any("Community" in m.name for m in found(text)), [m.name for m in found(text)]


# --- 4. bodies of international reach in the gazetteer ---------------------------------------------


def test_the_european_union_and_its_delegation_are_bodies() -> None:
    text = ("The training was organised by the European Union (EU) and opened by the Head of "
            "Cooperation of the EU Delegation to Indonesia.")
    names = actor_names(text)
    assert "European Union" in names, names
    assert any("Delegation" in n for n in names), names


def test_a_un_office_is_its_agency_and_not_the_un() -> None:
    text = "The United Nations Office on Drugs and Crime (UNODC) met the ministry in Jakarta."
    names = actor_names(text)
    assert "United Nations Office on Drugs and Crime" in names, names
    assert "United Nations" not in names, names


def test_a_un_agencys_programme_is_no_office_of_it() -> None:
    text = "The plan follows the UNODC Regional Programme for Southeast Asia, the agency said."
    assert "UNODC Regional Programme" not in [m.name for m in found(text)]


# --- 5. a university's faculty is kept whatever the filter scores ----------------------------------


def test_a_faculty_is_never_set_aside_by_the_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Village Planning Discussion\n\nThe discussion invited Budi Santoso (Faculty of Agriculture "
            "Universitas Contoh) and Yayasan Sungai Lestari.\n")
    doc = Document(text, Context(gazetteer=load_gazetteer()))
    run(doc, [c for c in PIPELINE if c.name != "actor-filter"])
    # A model that would set every actor aside.
    monkeypatch.setattr(actor_filter, "model", lambda: Model(-10.0, {}, 0.5, "test"))
    screening.screen(doc)
    status = {r["label_en"] or r["label_id"]: r["status"] for r in doc.draft.elements}
    assert any(k.startswith("Faculty of Agriculture") and v == "draft" for k, v in status.items()), status
    assert status.get("Yayasan Sungai Lestari") == "rejected", status
