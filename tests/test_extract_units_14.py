"""A unit named with its parent (annotation guide: "A unit named with its parent", "One actor per
body"): error classes of round 14 of issue 20 seen on the held-out real pages, a council's
commission or special committee, a base or branch of the armed forces, a Polda's directorate, a
university's institute and a ministry's agency drafted as the parent alone. Each test is a short
made-up passage in the style of a class, with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import found, quotes


def test_a_council_written_in_full_with_its_commission_drafts_the_commission() -> None:
    text = "Warga Kelurahan Sukamaju beraudiensi dengan Komisi B Dewan Perwakilan Rakyat Daerah Provinsi Contoh."
    got = {m.name: m for m in found(text)}
    unit = got["Komisi B Dewan Perwakilan Rakyat Daerah Provinsi Contoh"]
    assert unit.kind == "unit" and unit.parent_span is not None, got


def test_a_council_before_its_lettered_commission_is_the_commission() -> None:
    text = "Audiensi dihadiri Anggota DPRD Provinsi Contoh Komisi C Budi Santoso dan warga."
    assert "DPRD Provinsi Contoh Komisi C" in quotes(text)
    assert "Komisi C" not in names(text)


def test_a_numbered_special_committee_with_its_short_form_is_one_unit() -> None:
    text = ("Panitia Khusus (Pansus) II Dewan Perwakilan Rakyat Daerah (DPRD) Kabupaten Contoh "
            "menggelar rapat kerja bersama dinas terkait.")
    got = {m.name: m for m in found(text)}
    unit = got["Panitia Khusus II Dewan Perwakilan Rakyat Daerah Kabupaten Contoh"]
    assert unit.kind == "unit" and unit.acronym == "Pansus", got


def test_a_branch_of_the_armed_forces_is_not_the_tni() -> None:
    text = "Pengamanan pantai melibatkan Polsek Contoh, TNI AL, Satpol PP, dan relawan."
    got = names(text)
    assert "TNI AL" in got and "TNI" not in got, got


def test_an_air_force_base_is_drafted_with_its_name() -> None:
    text = "Rapat dihadiri Polda Contoh, Lanud TNI AU Suryadarma, Kejati Contoh, dan BMKG."
    assert "Lanud TNI AU Suryadarma" in quotes(text)


def test_a_polda_unit_or_directors_post_drafts_the_unit_not_the_polda() -> None:
    text = ("Rapat dipimpin Dirlantas Polda Contoh, Kombes Pol Budi, dan dihadiri perwakilan "
            "Satuan Brimob Polda Contoh.")
    got = names(text)
    assert "Direktorat Lalu Lintas Polda Contoh" in got, got
    assert "Satuan Brimob Polda Contoh" in got, got
    assert "Polda Contoh" not in got, got


def test_a_universitys_institute_named_with_its_short_form_is_academic() -> None:
    text = "Pemerintah Kota Contoh bersama LPPM UNCO menggelar pendampingan sosial pasca bencana."
    got = {m.name: m for m in found(text)}
    assert got["LPPM UNCO"].sector == "AcademicInstitution", got


def test_a_ministrys_agency_named_with_the_ministry_is_the_agency() -> None:
    text = ("Narasumber FGD adalah Kepala Badan Kebijakan Wilayah (BKW) Kementerian Dalam Negeri, "
            "Dr. Budi, dan perwakilan BNPB.")
    got = {m.name: m for m in found(text)}
    unit = got["Badan Kebijakan Wilayah Kementerian Dalam Negeri"]
    assert unit.kind == "unit" and unit.parent_span is not None, got


def test_a_badan_beside_a_ministry_in_a_list_stays_its_own_agency() -> None:
    text = "Rapat dihadiri Badan Nasional Penanggulangan Bencana, Kementerian Sosial, dan PMI."
    got = names(text)
    assert "Kementerian Sosial" in got, got
    assert not any(n.startswith("Badan Nasional Penanggulangan Bencana Kementerian") for n in got), got


def test_an_english_region_before_a_regional_bodys_short_form_is_its_branch() -> None:
    text = "During the visit, the team inspected the program at the NTB Province BPBD office in Mataram."
    got = {text[m.start:m.end]: m.name for m in found(text)}
    assert got.get("NTB Province BPBD") == "BPBD Provinsi NTB", got


def test_an_indonesian_post_before_a_regional_body_is_no_region() -> None:
    text = "Rapat dibuka Kepala Pelaksana BPBD Kota Contoh dan dihadiri Bappeda."
    assert "Pelaksana BPBD" not in " ".join(quotes(text))


def test_an_english_region_before_its_leaders_forum_is_no_office() -> None:
    text = "Those present included the Contoh City Forkopimda consisting of the Regional Secretary."
    assert "Contoh City Forkopimda" not in quotes(text)
