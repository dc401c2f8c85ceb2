"""Roles, round 15: a retrain of the role reader that keeps the guide's settled cases (the reader
decides only where the rules leave a role open, and the trainer takes back any change a guide case
refutes), and the owner of premises named right after the premises word hosts. Every passage is
made up."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.extraction import roles

from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.linear_model import LinearModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import train_role_model

# -- the trainer ------------------------------------------------------------------------------------


def test_the_reader_may_decide_only_where_no_cue_gave_the_role() -> None:
    """A proposal's clause (guide, roles 2 and 5), a signing (roles 3) and a cue are the rules'."""
    assert set(train_role_model.CANDIDATES) == {"none", "list"}


def _always(role: str, decides: str, allows: str) -> role_model.RoleModel:
    sure = {r: LinearModel(4.0 if r == role else -4.0, {}, 0.2, "") for r in role_model.ROLES}
    return role_model.RoleModel(sure, frozenset({decides}), frozenset({allows}))


def test_a_change_a_guide_case_refutes_is_taken_back() -> None:
    """A reader that makes every cue-less body an organiser would make the bodies of a numbered
    proposal organisers (guide, roles 5): the trainer takes that change back and decides nothing."""
    cases = [c for c in train_role_model.read_guide() if c.outcome == "rule=mentioned-none"]
    assert cases
    eager = _always("organiser", "rule=mentioned-none", "rule=mentioned-none>organiser")
    assert train_role_model.guide_failures(eager, cases)
    kept, why = train_role_model.kept_by_guide(eager, cases)
    assert not kept.decides and not kept.allows
    assert why and why[0].startswith("rule=mentioned-none>organiser")
    assert train_role_model.guide_failures(kept, cases) == []


def test_a_change_no_guide_case_refutes_stays() -> None:
    cases = [c for c in train_role_model.read_guide() if c.outcome == "rule=mentioned-none" and not c.unlike
             and c.role == "mentioned"]
    model = _always("mentioned", "rule=mentioned-none", "rule=mentioned-none>participant")
    kept, why = train_role_model.kept_by_guide(model, cases)
    assert kept.decides == model.decides and not why


def test_the_shipped_reader_keeps_every_guide_case() -> None:
    assert train_role_model.guide_failures(role_model.model(), train_role_model.read_guide()) == []


def test_the_guide_cases_are_made_up_and_name_the_body_they_judge() -> None:
    for case in train_role_model.read_guide():
        assert case.role in role_model.ROLES


# -- the owner of the premises hosts -----------------------------------------------------------------


def test_the_body_whose_headquarters_hold_the_meeting_hosts_it() -> None:
    """Guide, roles 9: "di Ruang Serbaguna Markas X": X's house, though X also speaks."""
    text = ("Wakil Wali Kota Lumen menghadiri rapat di Ruang Serbaguna Markas Komando Resor Lumen, Senin. "
            "Komandan Komando Resor Lumen menjelaskan program ketahanan pangan.")  # fmt: skip
    assert roles(text, "Komando Resor Lumen") == {"Komando Resor Lumen": "host"}


def test_the_body_whose_office_a_visit_goes_to_hosts_it() -> None:
    """Guide, roles 8: "kunjungan kerja ke Kantor X": the visit's destination."""
    text = ("Komisi B DPRD Kota Lumen melakukan kunjungan kerja ke Kantor Perumda Tirta Lumen, Rabu. "
            "Direktur Perumda Tirta Lumen menjelaskan kebocoran pipa.")  # fmt: skip
    got = roles(text, "Komisi B DPRD Kota Lumen", "Perumda Tirta Lumen")
    assert got["Perumda Tirta Lumen"] == "host"


def test_a_body_building_named_after_it_is_its_house() -> None:
    """"at Graha X": X's own building."""
    text = ("Lumen River Watch held a workshop at Graha Lumen Relief Agency, Jakarta. "
            "The head of the Lumen Relief Agency said the river banks are eroding.")  # fmt: skip
    got = roles(text, "Lumen River Watch", "Lumen Relief Agency")
    assert got == {"Lumen River Watch": "organiser", "Lumen Relief Agency": "host"}


def test_a_body_named_further_on_in_the_venue_is_no_owner() -> None:
    """"di Aula Kantor Camat X bersama Dinas Y": the hall is the district head's, not Dinas Y's."""
    text = ("Rapat digelar di Aula Kantor Camat Sera bersama Dinas Air Kota Lumen, Senin. "
            "Dinas Air Kota Lumen menjelaskan jadwal pengerukan.")  # fmt: skip
    assert roles(text, "Dinas Air Kota Lumen")["Dinas Air Kota Lumen"] == "speaker"


def test_an_officer_named_after_the_premises_word_makes_no_owner() -> None:
    """"di Ruang Rapat Wakil Walikota": an officer's room; the post says nothing of whose."""
    text = ("Pemerintah Kota Sera menerima kunjungan Pemerintah Kota Lumen di Ruang Rapat Wakil Walikota, "
            "Kantor Wali Kota Sera. Wakil Walikota Lumen mengatakan kunjungan ini bermanfaat.")  # fmt: skip
    got = roles(text, "Pemerintah Kota Sera", "Pemerintah Kota Lumen", "Wakil Walikota")
    assert got["Wakil Walikota"] != "host"
