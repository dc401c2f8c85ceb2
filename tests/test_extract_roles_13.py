"""Roles, thirteenth pass (issue 20): the parties of a signing named without an agreement word
beside them, "diadakan oleh", a chair's headline verb ("pimpin rapat"), who gathers the people of
a meeting, the English progressive ("are jointly organising"), a verb of speaking through
representatives ("disampaikan oleh perwakilan dari X"), and a standing partnership that organises
nothing. Made-up passages."""

from __future__ import annotations

import pytest
from helpers.extraction import roles

from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_model, "shipped", lambda: False)


def test_the_agents_of_a_signing_named_before_them_organise_it() -> None:
    text = ("Pemerintah Kota Lumen menjalin kerja sama air bersih. Penandatanganan dilakukan di Pendopo "
            "setempat oleh Pemerintah Kota Lumen dan Pemerintah Kabupaten Sera, Selasa.")
    got = roles(text, "Pemerintah Kota Lumen", "Pemerintah Kabupaten Sera")
    assert got == {"Pemerintah Kota Lumen": "organiser", "Pemerintah Kabupaten Sera": "organiser"}


def test_a_nota_kesepakatan_is_an_agreement_its_signatories_sign() -> None:
    text = ("Pemerintah Kota Lumen bersama Badan Sungai Sera menandatangani nota kesepakatan tentang "
            "pengelolaan sampah.")
    assert set(roles(text, "Pemerintah Kota Lumen", "Badan Sungai Sera").values()) == {"organiser"}


@pytest.mark.parametrize("text", [
    "Unit Air Lumen menandatangani Nota Kesepakatan pengelolaan sampah.",
    "The mayors met for the signing of a Letter of Intent on waste.",
])
def test_a_signing_names_the_event_when_no_other_word_does(text: str) -> None:
    event = find_event(text, sentences(text), published=None)
    assert event is not None and event.kind == "meeting"


@pytest.mark.parametrize("phrase", ["Memorandum of Understanding (MoU) antara", "penandatanganan MoU antara"])
def test_the_parties_after_mou_antara_sign(phrase: str) -> None:
    text = f"Acara itu berisi {phrase} Universitas Lumen dan Pemerintah Kabupaten Sera."
    assert set(roles(text, "Universitas Lumen", "Pemerintah Kabupaten Sera").values()) == {"organiser"}


def test_english_the_parties_of_a_letter_of_intent_between_sign() -> None:
    text = "The day marked the signing of a Letter of Intent (LoI) between Lumen City Government and Sera Port."
    assert set(roles(text, "Lumen City Government", "Sera Port").values()) == {"organiser"}


def test_diadakan_oleh_names_the_organisers() -> None:
    text = "Simulasi itu diadakan oleh Pemerintah Kota Lumen dan Badan Sungai Sera bersama warga."
    assert set(roles(text, "Pemerintah Kota Lumen", "Badan Sungai Sera").values()) == {"organiser"}


def test_a_chair_in_a_headline_organises() -> None:
    text = "Kepala Badan Sungai Lumen Pimpin Rakor Siaga Banjir\nRapat dihadiri Dinas Air Sera."
    got = roles(text, "Badan Sungai Lumen", "Dinas Air Sera")
    assert got == {"Badan Sungai Lumen": "organiser", "Dinas Air Sera": "participant"}


@pytest.mark.parametrize("verb", ["mengumpulkan para kepala dinas", "mengumpulkan seluruh lembaga kemasyarakatan"])
def test_who_gathers_the_people_of_a_meeting_organises_it(verb: str) -> None:
    text = f"Badan Sungai Lumen {verb} untuk membahas kesiapsiagaan banjir."
    assert roles(text, "Badan Sungai Lumen") == {"Badan Sungai Lumen": "organiser"}


def test_collecting_data_organises_nothing() -> None:
    text = "Badan Sungai Lumen mengumpulkan data curah hujan setiap hari."
    assert roles(text, "Badan Sungai Lumen") == {"Badan Sungai Lumen": "mentioned"}


def test_english_are_jointly_organising_is_an_act() -> None:
    text = "Lumen Water Forum and the Sera Cities Association are jointly organising a training in Lumen."
    assert set(roles(text, "Lumen Water Forum", "Sera Cities Association").values()) == {"organiser"}


def test_english_who_is_invited_still_invites_nobody() -> None:
    text = "Members of the Lumen Water Forum were invited to the training."
    assert roles(text, "Lumen Water Forum")["Lumen Water Forum"] != "organiser"


@pytest.mark.parametrize("phrase", ["disampaikan juga oleh perwakilan dari", "dipaparkan oleh perwakilan dari"])
def test_what_representatives_present_is_their_bodys_account(phrase: str) -> None:
    text = f"Selain itu, {phrase} Universitas Lumen serta Dinas Kesehatan Sera tentang upaya pencegahan."
    assert set(roles(text, "Universitas Lumen", "Dinas Kesehatan Sera").values()) == {"speaker"}


def test_representatives_who_only_attend_are_participants() -> None:
    text = "Rapat itu dihadiri perwakilan dari Universitas Lumen."
    assert roles(text, "Universitas Lumen") == {"Universitas Lumen": "participant"}


@pytest.mark.parametrize("text", [
    "Grand design ini terwujud berkat kerja sama antara Pemerintah Kota Lumen dengan Yayasan Sera.",
    "Ketua menjelaskan bahwa kerja sama antara Pemerintah Kota Lumen dengan Yayasan Sera sudah terjalin.",
    "The committee endorsed the continuing cooperation between Pemerintah Kota Lumen and Yayasan Sera.",
])
def test_a_standing_partnership_organises_nothing(text: str) -> None:
    got = roles(text, "Pemerintah Kota Lumen", "Yayasan Sera")
    assert "organiser" not in got.values()


def test_a_cooperation_that_is_the_event_still_names_its_organisers() -> None:
    text = "Pelatihan ini merupakan hasil kerja sama antara Pemerintah Kota Lumen dan Yayasan Sera."
    assert set(roles(text, "Pemerintah Kota Lumen", "Yayasan Sera").values()) == {"organiser"}



def test_a_regional_government_whose_seat_is_the_venue_hosts() -> None:
    text = ("Seminar itu diselenggarakan oleh Yayasan Sera. Acara berlangsung di Balaikota Pemerintah Kota Lumen. "
            "Pemerintah Kota Lumen menyampaikan rencana transportasi.")
    got = roles(text, "Yayasan Sera", "Pemerintah Kota Lumen")
    assert got == {"Yayasan Sera": "organiser", "Pemerintah Kota Lumen": "host"}


def test_english_a_city_hall_named_with_its_place_makes_that_city_the_host() -> None:
    text = ("On Monday, at the Lumen City Hall, the team met officials. Lumen City Government said the plan "
            "was ready, and Sera Regency Government attended.")
    got = roles(text, "Lumen City Government", "Sera Regency Government")
    assert got == {"Lumen City Government": "host", "Sera Regency Government": "participant"}


def test_a_government_that_organises_at_its_seat_stays_the_organiser() -> None:
    text = "Pemerintah Kota Lumen menggelar rapat koordinasi di Balai Kota Lumen, Senin."
    assert roles(text, "Pemerintah Kota Lumen") == {"Pemerintah Kota Lumen": "organiser"}


def test_a_seat_no_government_of_the_report_matches_makes_no_host() -> None:
    text = ("Di Balai Kota Lumen, Pemerintah Kota Sera dan Pemerintah Kabupaten Mawar hadir dalam rapat "
            "yang digelar Yayasan Sera.")
    got = roles(text, "Pemerintah Kota Sera", "Pemerintah Kabupaten Mawar")
    assert "host" not in got.values()


def test_a_seat_named_without_its_place_makes_no_host() -> None:
    text = "Dinas Sera menggelar lokakarya di Balai Kota. Pemerintah Kota Lumen hadir dalam lokakarya itu."
    assert roles(text, "Dinas Sera", "Pemerintah Kota Lumen")["Pemerintah Kota Lumen"] != "host"


def test_a_province_named_with_its_short_form_hosts_at_its_city_hall() -> None:
    text = "The meeting took place at Lumen City Hall. Pemerintah Provinsi DKI Lumen said the plan was ready."
    assert roles(text, "Pemerintah Provinsi DKI Lumen") == {"Pemerintah Provinsi DKI Lumen": "host"}
