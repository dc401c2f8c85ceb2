"""A body that speaks, proposes or commits through a person named elsewhere (issue 20, round 13):
the holder of an English head's post written as the body's mention ("Acting X Governor NAME"),
named again later ("Mr NAME says ..."), and a verb of speaking the rules did not read
("mencontohkan"). Each passage is made up; no name here is in a rule table."""

from __future__ import annotations

from helpers.extraction import roles
from helpers.statements import drafted, who

# --- 1. the holder of an English head's post ---------------------------------------------------

_GOVERNOR = ("Acting Bali Governor Wayan Sudarsa yesterday launched a flood programme with the police. "
             "Mr Sudarsa says such work is crucial. He told reporters: \"We need more pumps and drains to be built.\"")


def test_the_holder_of_an_english_governor_s_post_proposes_for_the_provincial_government() -> None:
    found = drafted(_GOVERNOR)
    assert who(found, "we need more pumps and drains to be built") == ["Pemerintah Provinsi Bali"], found


def test_a_mayor_named_again_by_family_name_speaks_for_the_city() -> None:
    text = ("The workshop was opened by the police. Bekasi Mayor Budi Santoso attended it. "
            "Santoso said: \"We need more early warning sirens to be installed in every village.\"")
    found = drafted(text)
    assert any("Pemerintah Kota Bekasi" in who(found, label) for label in found), found


def test_a_name_after_a_place_alone_is_no_holder() -> None:
    # An Indonesian head's post before the place is read elsewhere; a name after a plain place holds nothing.
    text = ("Warga Bali Wayan Sudarsa datang ke posko. Sudarsa mengatakan perlu pompa baru dipasang "
            "di setiap kelurahan.")
    found = drafted(text)
    assert all(not who(found, label) for label in found), found


# --- 2. a verb of speaking: "mencontohkan" ----------------------------------------------------


def test_a_head_named_again_who_gives_an_example_proposes_for_the_body() -> None:
    text = ("Wali Kota Sukamaju, Hendra Gunawan, memimpin rapat banjir di Balai Kota. Hendra mencontohkan "
            "pentingnya kerja sama petugas kebersihan dan warga dalam membersihkan saluran air.")
    found = drafted(text)
    label = "pentingnya kerja sama petugas kebersihan dan warga dalam membersihkan saluran air"
    assert who(found, label) == ["Pemerintah Kota Sukamaju"], found


def test_a_body_that_gives_an_example_at_the_event_is_a_speaker() -> None:
    text = "Rapat koordinasi digelar di aula. Dinas Perhubungan mencontohkan kemacetan di simpang lima kota."
    assert roles(text, "Dinas Perhubungan") == {"Dinas Perhubungan": "speaker"}
