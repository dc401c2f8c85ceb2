"""Roles, eleventh pass (issue 20: roles on real reports nobody tuned on): the parties of a signing
written in the passive ("Penandatanganan MoU dilakukan oleh A dan B", "Signing ... was done ... by
A and B"), and a signing one of whose parties is also named as holding it. Made-up passages."""

from __future__ import annotations

import pytest
from helpers.extraction import roles

from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the cue rules read (the shipped role model is retrained by the lead after merging)."""
    monkeypatch.setattr(role_model, "shipped", lambda: False)


@pytest.mark.parametrize("text", [
    ("Kerja sama air bersih kembali diperkuat. Penandatanganan Nota Kesepahaman (MoU) dilakukan langsung oleh "
     "Pemerintah Kota Lumen dan Yayasan Sera di Balai Kota, Senin (3/4/2023)."),
    ("Nota Kesepahaman itu diteken (ditandatangani) oleh Pemerintah Kota Lumen dan Yayasan Sera, Senin."),
    ("Penandatanganan MoU berlangsung Senin (3/4) di Balai Kota oleh Pemerintah Kota Lumen dengan Yayasan Sera."),
    ("Signing of the Memorandum of Understanding was done in the city hall on Monday by "
     "Pemerintah Kota Lumen and Yayasan Sera."),
])  # fmt: skip
def test_the_agents_of_a_signing_written_in_the_passive_sign_it_and_so_organise_it(text: str) -> None:
    assert roles(text, "Pemerintah Kota Lumen", "Yayasan Sera") == {
        "Pemerintah Kota Lumen": "organiser", "Yayasan Sera": "organiser"}


def test_who_witnesses_a_signing_written_in_the_passive_does_not_sign_it() -> None:
    text = ("Penandatanganan MoU dilakukan di Balai Kota dan disaksikan oleh Dinas Air Kota Lumen. "
            "Pemerintah Kota Lumen menandatangani MoU dengan Yayasan Sera.")
    got = roles(text, "Dinas Air Kota Lumen", "Pemerintah Kota Lumen", "Yayasan Sera")
    assert got["Dinas Air Kota Lumen"] == "participant"
    assert got["Pemerintah Kota Lumen"] == got["Yayasan Sera"] == "organiser"


def test_a_passive_done_by_with_no_signing_named_is_no_signature() -> None:
    text = "Pembersihan sungai dilakukan oleh Yayasan Sera bersama warga, Senin."
    assert roles(text, "Yayasan Sera")["Yayasan Sera"] != "participant"


def test_when_a_party_holds_the_signing_the_other_parties_organise_it_too() -> None:
    """Guide, roles 3: nobody but the parties is named as organising; the signing is their own."""
    text = ("Pemkot Lumen Adakan Penandatanganan MoU Air Bersih\n\n"
            "Pemerintah Kota Lumen bersama Yayasan Sera dan Universitas Lumen melakukan penandatanganan nota "
            "kesepahaman tentang air bersih, Senin.")
    got = roles(text, "Pemkot Lumen", "Pemerintah Kota Lumen", "Yayasan Sera", "Universitas Lumen")
    assert got["Yayasan Sera"] == got["Universitas Lumen"] == "organiser"


@pytest.mark.parametrize("text", [
    "Komisi Lumen melakukan kunjungan kerja ke Sera. Rombongan disambut langsung oleh Kepala BPBD Sera di kantornya.",
    "Komisi Lumen visited Sera on Monday. BPBD Sera warmly welcomed a visit of the commission's members.",
    "BPBD Sera menyambut kedatangan rombongan Komisi Lumen di kantornya, Senin.",
])  # fmt: skip
def test_who_welcomes_the_visitors_hosts_the_visit(text: str) -> None:
    assert roles(text, "BPBD Sera")["BPBD Sera"] == "host"


def test_a_welcome_given_in_approval_is_no_visit_hosted() -> None:
    text = "Usulan warga disambut baik oleh BPBD Sera dalam rapat itu."
    assert roles(text, "BPBD Sera")["BPBD Sera"] != "host"


def test_the_bodies_that_launch_a_programme_hold_the_launch() -> None:
    text = "Yayasan Sera bersama BPBD Lumen luncurkan program desa tangguh bencana di Kota Lumen, Jumat."
    assert roles(text, "Yayasan Sera", "BPBD Lumen") == {"Yayasan Sera": "organiser", "BPBD Lumen": "organiser"}


@pytest.mark.parametrize("text", [
    "Unit kerja terkait seperti BPBD Sera, Dinas Air Sera dan Damkar Sera diimbau untuk selalu siaga banjir rob.",
    "Wali Kota menandaskan agar evakuasi warga oleh BPBD Sera bersama Dinas Air Sera dan Damkar Sera diutamakan.",
    "Wali Kota meminta BPBD Sera, Dinas Air Sera dan Damkar Sera untuk siaga selama musim hujan.",
])  # fmt: skip
def test_bodies_an_appeal_addresses_are_spoken_of_not_a_list_of_who_attended(text: str) -> None:
    bodies = ("BPBD Sera", "Dinas Air Sera", "Damkar Sera")
    assert roles(text, *bodies) == dict.fromkeys(bodies, "mentioned")


def test_a_plain_list_of_bodies_with_no_appeal_still_takes_part() -> None:
    bodies = ("BPBD Sera", "Dinas Air Sera", "Damkar Sera")
    assert roles("Rapat itu juga diikuti warga bersama BPBD Sera, Dinas Air Sera dan Damkar Sera.", *bodies) == \
        dict.fromkeys(bodies, "participant")


@pytest.mark.parametrize("text", [
    "Bantuan CSR diserahkan langsung kepada Bupati Lumen di Kantor Kecamatan Sera, Jumat (28/5/2021).",
    "PT Sera Makmur handed out 5,000 face masks for Lumen District on Monday.",
    "Yayasan Sera distributed 1,000 food packages at the Lumen Regency hall on Tuesday.",
    "Dinas Kesehatan Lumen bersama Yayasan Sera menggelar evaluasi pelaksanaan program imunisasi, Selasa.",
    "The Lumen disaster agency conducted a public test of its disaster management plan on Thursday.",
])  # fmt: skip
def test_a_report_whose_event_is_a_handover_or_an_evaluation_has_an_event_for_its_roles(text: str) -> None:
    """Without an event no body of the report gets a role in it."""
    assert find_event(text, sentences(text), published=None) is not None


@pytest.mark.parametrize("text", [
    "Dalam sosialisasi itu, pihak Stasiun Cuaca Sera mengurai secara luas pengetahuan mitigasi gempa.",
    "Stasiun Cuaca Sera menguraikan cara evakuasi mandiri kepada warga.",
    "Warga menyimak materi yang disampaikan Kepala Stasiun Cuaca Sera tentang peringatan dini.",
])  # fmt: skip
def test_a_body_that_sets_out_the_material_speaks(text: str) -> None:
    assert roles(text, "Stasiun Cuaca Sera")["Stasiun Cuaca Sera"] == "speaker"
