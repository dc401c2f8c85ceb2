"""Round 18, recall of actors outside Jakarta (issue 20): regional heads' and secretaries' regions
written in lower case or with a doubled space, a body named inside a lowest unit's post, a standard
body in lower case, the DPD's committees, Bali's council of customary villages, and the filter
keeping BMKG stations, numbered council commissions and bodies named by their merged affairs. Each test is a
short made-up passage in the style of a class, with what must be drafted and what must not."""

from __future__ import annotations

import pytest
from helpers.extraction import actor_names as names

from resilience_kg.extract.components import PIPELINE, Context, Document, run
from resilience_kg.extract.gazetteer import load_gazetteer


def _drafted(text: str) -> dict[str, str]:
    """Each drafted actor's name with its status, once the whole pipeline (the filter too) ran."""
    doc = run(Document(text, Context(gazetteer=load_gazetteer())), PIPELINE)
    sectors = ("GovernmentAgency", "CivilSocietyOrganization", "PrivateCompany", "AcademicInstitution")
    return {r["label_id"]: r["status"] for r in doc.draft.elements if r["type"] in sectors}


# --- a regional official's region in lower case, or spaced twice ----------------------------------


@pytest.mark.parametrize("text, government", [
    ("Rapat diikuti oleh Bupati donggala, Wali Kota Palu dan unsur Forkopimda.",
     "Pemerintah Kabupaten Donggala"),
    ("Rapat diikuti oleh Gubernur Sulawesi Tengah, Bupati parigi moutong, dan Kapolda.",
     "Pemerintah Kabupaten Parigi Moutong"),
    ("Rakor juga diikuti Sekdakab banggai kepulauan, Sekdako Palu dan BPBD Provinsi Sulawesi Tengah.",
     "Pemerintah Kabupaten Banggai Kepulauan"),
    ("Rakor juga diikuti Sekdakab Parigi  Moutong, Sekdako Palu dan BPBD Provinsi Sulawesi Tengah.",
     "Pemerintah Kabupaten Parigi Moutong"),
])
def test_a_regional_officials_region_in_lower_case_or_spaced_twice_names_its_government(
        text: str, government: str) -> None:
    got = names(text)
    assert government in got, got


def test_a_lower_case_word_after_a_head_post_is_no_region_unless_of_the_posts_level() -> None:
    # "bersama" is no region, and a common word that names a region of another level is refused.
    text = "Bupati bersama warga membersihkan saluran, didampingi Gubernur batu dan Camat Sukamaju."
    got = names(text)
    assert not any(n.startswith(("Pemerintah Kabupaten", "Pemerintah Provinsi")) for n in got), got


# --- a body named inside a lowest unit after its head's post ---------------------------------------


def test_a_station_named_in_a_sections_post_is_drafted_not_the_section() -> None:
    text = ("Kepala Seksi Observasi Stasiun Geofisika Kelas 1 Palu, Andi Wijaya mengatakan, gempa susulan "
            "masih terjadi di Kabupaten Donggala.")
    got = _drafted(text)
    assert got.get("Stasiun Geofisika Kelas 1 Palu") == "draft", got
    assert not any(n.startswith("Seksi") for n in got), got


def test_a_section_of_no_named_body_is_still_no_actor() -> None:
    got = names("Kepala Seksi Pemerintahan, Budi Hartono, membuka sosialisasi di Kelurahan Sukamaju.")
    assert not any(n.startswith("Seksi") for n in got), got


# --- councils' units and customary councils --------------------------------------------------------


def test_a_dpd_committee_is_drafted_with_its_council() -> None:
    text = ("Kunjungan kerja Komite III DPD RI ke Kota Palu diterima Pemerintah Kota Palu. Komite III DPD RI "
            "berkomitmen memperjuangkan aspirasi daerah.")
    got = names(text)
    assert "Komite III DPD RI" in got, got


def test_a_numbered_commission_is_kept_though_its_council_is_unsaid() -> None:
    text = ("Anggota DPRD Sulteng, Budi Hartono, mengatakan hal itu saat RDP Komisi C pada Senin. "
            "Hadir dalam rapat itu BPBD Provinsi Sulawesi Tengah dan Dinas Sosial Provinsi Sulawesi Tengah.")
    got = _drafted(text)
    assert got.get("Komisi C") == "draft", got


def test_bali_s_council_of_customary_villages_is_a_body() -> None:
    text = ("Rapat dihadiri Dinas Lingkungan Hidup Kabupaten Gianyar dan Majelis Desa Adat (MDA) Kabupaten "
            "Gianyar, yang menegaskan pentingnya sinergi desa adat.")
    got = names(text)
    assert any(n.startswith("Majelis Desa Adat") and n.endswith("Kabupaten Gianyar") for n in got), got


# --- a region's standard body written in lower case ------------------------------------------------


@pytest.mark.parametrize("text, body", [
    ("Materi disampaikan oleh dinas kesehatan Papua Barat dalam musrenbang itu.",
     "Dinas Kesehatan Provinsi Papua Barat"),
    ("Data dari dinas sosial kabupaten Donggala menyebutkan 300 warga mengungsi.",
     "Dinas Sosial Kabupaten Donggala"),
    ("Bantuan datang dari badan penanggulangan bencana daerah Sulawesi Tengah pada Senin.",
     "Badan Penanggulangan Bencana Daerah Provinsi Sulawesi Tengah"),
])
def test_a_standard_body_in_lower_case_with_its_region_is_drafted(text: str, body: str) -> None:
    got = names(text)
    assert body in got, got


@pytest.mark.parametrize("text", [
    "Warga diminta melapor ke dinas kesehatan setempat bila demam.",
    "Warga diminta melapor ke dinas kesehatan Bogor bila demam.",  # a regency and a city: which one?
])
def test_a_lower_case_standard_body_without_one_known_region_is_no_actor(text: str) -> None:
    got = names(text)
    assert not any(n.startswith("Dinas Kesehatan") for n in got), got


def test_a_numbered_commission_in_a_title_cased_headline_is_still_left_to_the_filter() -> None:
    text = ("Berita Lainnya\n\nKomisi IV DPR Desak Kementerian Tambah Anggaran Bencana\n\n"
            "Rapat dihadiri BPBD Provinsi Sulawesi Tengah dan Dinas Sosial Provinsi Sulawesi Tengah.")
    got = _drafted(text)
    assert not any(n.startswith("Komisi IV DPR Desak") and status == "draft" for n, status in got.items()), got


# --- a head's region with its short form in brackets before the holder ------------------------------


def test_a_heads_region_with_its_short_form_in_brackets_then_the_holder_names_the_government() -> None:
    text = ("Palu, contoh.id – Gubernur Sulawesi Tengah (Sulteng) H. Budi Santoso menghadiri apel yang "
            "dilaksanakan Polda Sulteng. Laporan itu disampaikan kepada Gubernur Jawa Tengah (Jateng) pekan lalu.")
    got = names(text)
    assert "Pemerintah Provinsi Sulawesi Tengah" in got, got
    assert "Pemerintah Provinsi Jawa Tengah" not in got, got  # a post only mentioned, no holder


# --- a body that merges several affairs, named by all of them ----------------------------------------


def test_a_dinas_named_by_its_merged_affairs_is_kept_by_the_filter() -> None:
    text = ("Rapat Dengar Pendapat Banjir\n\nHadir dalam rapat ini Balai Wilayah Sungai Sulawesi III, BPBD "
            "Kabupaten Donggala, dan Dinas Lingkungan Hidup, Perumahan, Kawasan Permukiman, dan Pertanahan.")
    got = _drafted(text)
    assert got.get("Dinas Lingkungan Hidup, Perumahan, Kawasan Permukiman, dan Pertanahan") == "draft", got


def test_a_list_of_bodies_is_no_merged_name() -> None:
    from resilience_kg.extract.recognise.actor_filter import _lists_merged_affairs

    assert _lists_merged_affairs("Dinas Pekerjaan Umum, Tata Ruang, dan Pertanahan", len("Dinas"))
    assert not _lists_merged_affairs("Dinas Sosial, Dinas Kesehatan, dan Pertanahan", len("Dinas"))
    assert not _lists_merged_affairs("Dinas Sosial, BPBD, dan Pertanahan", len("Dinas"))
    assert not _lists_merged_affairs("Dinas Sosial", len("Dinas"))
