"""Round 13, the lead's fixes of actors missed on real pages (issue 20). Each test is a short made-up
passage in the style of a class, with what a reviewer expects to see drafted."""

from __future__ import annotations

import pytest
from helpers.extraction import actor_names as names
from helpers.extraction import actors_by_name as by_name

# --- courts, schools, a fire service and a mass organisation's boards are bodies ---------------------


@pytest.mark.parametrize("text, body, sector", [
    ("Rapat koordinasi dihadiri Pengadilan Agama Kotaraya, Kejaksaan Negeri Kotaraya dan Dinas Sosial.",
     "Pengadilan Agama Kotaraya", "GovernmentAgency"),
    ("Nota kesepahaman ditandatangani Pengadilan Negeri Sukamaju dan Pemerintah Kabupaten Sukamaju.",
     "Pengadilan Negeri Sukamaju", "GovernmentAgency"),
    ("Simulasi evakuasi diikuti SD Negeri 2 Kotaraya bersama BPBD Kabupaten Kotaraya.",
     "SD Negeri 2 Kotaraya", "AcademicInstitution"),
    ("Latihan itu melibatkan SMAN 1 Sukamaju, PMI Kabupaten Sukamaju dan Basarnas.",
     "SMAN 1 Sukamaju", "AcademicInstitution"),
    ("Kegiatan melibatkan Pemadam Kebakaran Kabupaten Kotaraya, PMI dan Tagana.",
     "Pemadam Kebakaran Kabupaten Kotaraya", "GovernmentAgency"),
    ("Pelatihan kader digelar Pimpinan Wilayah Aisyiyah Sukamaju bersama Dinas Kesehatan.",
     "Pimpinan Wilayah Aisyiyah Sukamaju", "CivilSocietyOrganization"),
])
def test_a_court_a_school_a_fire_service_and_an_ormas_board_are_drafted(text: str, body: str,
                                                                        sector: str) -> None:
    # Each is a body with a kind the law names (courts, school levels, the fire service) or a mass
    # organisation's statutory level: a reviewer expects it among the actors, with its kind.
    actors = by_name(text)
    assert body in actors, list(actors)
    assert actors[body].sector == sector


def test_a_school_number_is_followed_by_its_place_but_an_organ_number_by_a_person() -> None:
    # "Komisi D Budi" ends at its letter; a school's number goes on with its place.
    got = names("Kepala SMPN 4 Sukamaju dan Wakil Ketua Komisi D Budi hadir bersama BPBD Kotaraya.")
    assert "SMPN 4 Sukamaju" in got, got
    assert not any(n.startswith("Komisi D Budi") for n in got), got


def test_a_students_school_level_alone_names_no_school() -> None:
    got = names("Sebanyak 200 siswa SD dan SMP mengikuti simulasi gempa yang digelar BPBD Kabupaten Kotaraya.")
    assert got == ["BPBD Kabupaten Kotaraya"], got
