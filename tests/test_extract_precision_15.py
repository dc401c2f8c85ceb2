"""precision-15 (issue 20: actor precision on unseen real reports): false and doubled actors.

1. "Kantor <a national body's regional office>" beside the same office named without "Kantor"
   ("Kantor BMKG Kota X", then "BMKG Kota X"): one body, not a branch and its building.
2. "Dinas <a Badan's short form>" ("Kepala Dinas BPBD Kabupaten X"): the Badan, not a Dinas.
3. A person's name run on after a short body's name in a post's phrase, shown to be a person by
   degrees ("Wakil Ketua Pansus Budi S.Kom", "Ketua Pansus Budi Santoso" where the text also
   writes "Budi Santoso, SE., MM").
4. The regional leaders' forum (Forkopimda) named as if one body: a collective, as the guide's
   not_actors hold it.

Each passage is made up; no name here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names

# --- 1. an office's building and the office ------------------------------------------------


def test_the_office_building_and_the_office_are_one_actor() -> None:
    got = actor_names("Tim DPRD Provinsi Sumatera Barat mengunjungi Kantor BMKG Kota Sukamaju. "
                      "BMKG Kota Sukamaju menyampaikan prakiraan cuaca musim hujan.")
    assert "BMKG Kota Sukamaju" in got, got
    assert not any(n.startswith("Kantor") for n in got), got


def test_a_national_body_s_office_named_only_with_kantor_stays() -> None:
    # Without the office named on its own, "Kantor Basarnas Kota X" is still read as before.
    got = actor_names("Tim mengunjungi Kantor Basarnas Kota Sukamaju. Basarnas menyampaikan data.")
    assert "Kantor Basarnas Kota Sukamaju" in got, got


# --- 2. a Badan called a Dinas -----------------------------------------------------------------


def test_a_badan_called_a_dinas_is_the_badan() -> None:
    got = actor_names("Rapat dihadiri Kepala Dinas BPBD Kabupaten Lembah Hijau, Andi Saputra, "
                      "dan Yayasan Lestari Hijau.")
    assert "BPBD Kabupaten Lembah Hijau" in got, got
    assert not any(n.startswith("Dinas BPBD") for n in got), got


def test_a_dinas_with_a_short_form_of_its_own_stays_a_dinas() -> None:
    got = actor_names("Dinas PUPR Kota Sukamaju memperbaiki tanggul yang jebol.")
    assert "Dinas PUPR Kota Sukamaju" in got, got


# --- 3. an official's name and degrees after a short body --------------------------------------

_COUNCIL = ("Rapat dihadiri Budi Santoso, SE., MM sebagai Ketua Pansus, Wakil Ketua Pansus Harianto S.Kom, "
            "serta anggota Panitia Khusus (Pansus) DPRD Provinsi Sumatera Barat. Ketua Pansus Budi Santoso "
            "mengatakan rapat ini penting. Ketua Badan Kehormatan DPRD Rudi Tarigan SPd MH, ikut hadir.")


def test_a_person_with_degrees_is_cut_from_the_body() -> None:
    got = actor_names(_COUNCIL)
    assert not any("Harianto" in n or "Tarigan" in n for n in got), got


def test_an_official_named_again_with_degrees_is_cut_from_the_body() -> None:
    got = actor_names(_COUNCIL)
    assert not any("Budi Santoso" in n for n in got), got


def test_a_base_named_after_a_hero_keeps_its_name() -> None:
    # Two capitalised words after a post and a short head, but never written with a degree.
    got = actor_names("Komandan Lanud Halim Perdanakusuma mengatakan siap membantu. "
                      "Bandara Halim Perdanakusuma tetap dibuka.")
    assert "Lanud Halim Perdanakusuma" in got, got


# --- 4. the regional leaders' forum as a collective --------------------------------------------


def test_the_regional_leaders_forum_is_no_actor() -> None:
    got = actor_names("Rapat dihadiri Forkopimda, BPBD Kabupaten Lembah Hijau dan Yayasan Lestari Hijau.")
    assert "Yayasan Lestari Hijau" in got, got
    assert not any(n.startswith("Forkopimda") for n in got), got


def test_the_forum_under_its_older_spelling_is_no_actor() -> None:
    got = actor_names("Bupati mengundang Forkompinda serta Yayasan Lestari Hijau untuk rapat siaga.")
    assert "Yayasan Lestari Hijau" in got, got
    assert "Forkompinda" not in got, got
