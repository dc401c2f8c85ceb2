"""Round 14, the lead's fixes of actors drafted wrongly on real pages (issue 20). Each test is a short
made-up passage in the style of a class, with what a reviewer expects to see drafted."""

from __future__ import annotations

import pytest
from helpers.extraction import actor_names as names
from helpers.extraction import roles
from helpers.statements import drafted, who

from resilience_kg.extract.segment import sentences

# --- a district's official names the district only where the text's own area holds it ---------------


def test_a_district_official_of_the_reports_city_is_drafted_as_the_kecamatan() -> None:
    drafted = names("Rapat di Kantor Wali Kota Jakarta Timur dihadiri Camat Cakung dan Dinas Sosial.")
    assert "Kecamatan Cakung" in drafted


def test_a_person_named_like_a_district_elsewhere_is_no_kecamatan() -> None:
    # Panji is a district of Situbondo (East Java): in a text about North Jakarta "Sekcam Panji" is a man
    drafted = names("Audiensi di Kantor Kecamatan Penjaringan, Jakarta Utara, dipimpin Sekcam Panji "
                    "bersama Dinas Sumber Daya Air.")
    assert "Kecamatan Panji" not in drafted


def test_a_district_written_as_one_word_is_found_in_the_reports_city() -> None:
    # the official list writes Jakarta Barat's district "Taman Sari"; reports often write "Tamansari"
    drafted = names("Rakor empat pilar di Jakarta Barat dihadiri Camat Tamansari dan Polsek Tamansari.")
    assert "Kecamatan Tamansari" in drafted


def test_a_district_official_with_the_posts_short_form_in_brackets_names_the_kecamatan() -> None:
    drafted = names("Sosialisasi digelar Suku Dinas Lingkungan Hidup Jakarta Pusat. Sekretaris Kecamatan (Sekcam) "
                    "Johar Baru Ahmad Fauzi mengatakan warga siap memilah sampah.")
    assert "Kecamatan Johar Baru" in drafted


# --- a region's budget or plan is no body --------------------------------------------------------------


def test_a_regions_budget_or_plan_named_with_its_region_is_no_body() -> None:
    drafted = names("Rapat kerja Komisi D membahas APBD Provinsi Sumatera Barat dan RPJMD Kabupaten Agam "
                    "bersama Bappeda Provinsi Sumatera Barat.")
    assert not any(n.startswith(("APBD", "RPJMD")) for n in drafted)
    assert any(n.startswith("Bappeda") for n in drafted)


# --- an officer named with ranks, titles and degrees still speaks for the body -------------------------


@pytest.mark.parametrize("text, body", [
    ("Rapat digelar di Aula Polres. Kapolres Kotaraya Kombes Pol. Budi Santoso Wibowo menekankan pentingnya "
     "patroli bersama warga.", "Kapolres Kotaraya"),
    ("Diskusi dihadiri BPBD dan PMI. Rektor Universitas Sukamaju Prof. Dr. Ani Lestari, M.Sc., Ph.D., "
     "menyampaikan bahwa edukasi bencana perlu diperkuat.", "Universitas Sukamaju"),
    ("Sosialisasi dihadiri PMI. Kepala BPBD Kotaraya, Dr. Budi Santoso, M.Si., mengatakan posko harus siap.",
     "BPBD Kotaraya"),
])
def test_an_officer_with_ranks_titles_and_degrees_speaks_for_the_body(text: str, body: str) -> None:
    assert roles(text, body)[body] == "speaker"


def test_a_police_rank_or_a_degree_with_full_stops_ends_no_sentence() -> None:
    text = ("Hadir Kombes Pol. Budi Santoso, Kolonel Inf. Agus Salim dan Ani Lestari, S.H., M.H., dari BPBD. "
            "Rapat dimulai.")
    assert [s.text for s in sentences(text)] == [text[:text.index(" Rapat")], "Rapat dimulai."]


# --- a city's secretary written out stands for the city government (guide, rule 11) ----------------


@pytest.mark.parametrize("text, government", [
    ("Musrenbang digelar di Jakarta Selatan. Sekretaris Kota Jakarta Selatan, Budi Santoso, mengatakan usulan "
     "warga harus dikawal Bappeda.", "Pemerintah Kota Administrasi Jakarta Selatan"),
    ("Rapat dihadiri Sekko Jakarta Barat Budi Santoso, Dinas Sosial dan BPBD.",
     "Pemerintah Kota Administrasi Jakarta Barat"),
    ("Rapat dihadiri Sekretaris Kota Bogor Budi Santoso, Dinas Sosial dan BPBD.", "Pemerintah Kota Bogor"),
    ("Rakor dipimpin Sekretaris Kota Administrasi Jakarta Timur, Budi Santoso, bersama BPBD.",
     "Pemerintah Kota Administrasi Jakarta Timur"),
])
def test_a_city_secretary_written_out_stands_for_the_city_government(text: str, government: str) -> None:
    drafted = names(text)
    assert government in drafted
    assert not any(n.startswith("Pemerintah") and n != government for n in drafted)



# --- a head's post stands for its body when the body is also named with its region ------------------


def test_a_heads_post_speaks_for_the_body_named_with_and_without_its_region() -> None:
    text = ("Polsek Sukamaju Kotaraya menggelar rapat koordinasi kebakaran hutan bersama BPBD. Polsek Sukamaju "
            "mengundang Damkar dan Manggala Agni.\n\nDisamping itu, lanjut Kapolsek Sukamaju, perlu dilakukan "
            "patroli bersama warga di desa rawan api.")
    found = drafted(text)
    assert any(who(found, label) and who(found, label)[0].startswith("Polsek Sukamaju")
               for label in found if "patroli" in label)


# --- a speech tag with its pronoun written apart goes on with the last speaker -----------------------


@pytest.mark.parametrize("tag", ["Lanjut dia", "Menurut dia", "Menurut beliau", "Tambah dia"])
def test_a_speech_tag_with_a_pronoun_written_apart_goes_on_with_the_last_speaker(tag: str) -> None:
    text = ("BPBD Kabupaten Sukamaju menggelar sosialisasi Forum PRB di Kotaraya. Kepala BPBD Kabupaten "
            "Sukamaju Budi Santoso mengatakan bencana angin kencang sering terjadi.\n"
            f"{tag}, pembentukan forum relawan di setiap desa perlu segera dilakukan.")
    found = drafted(text)
    assert any(who(found, label) == ["BPBD Kabupaten Sukamaju"] for label in found if "forum relawan" in label)


def test_according_to_him_goes_on_with_the_last_english_speaker() -> None:
    text = ("BPBD Kotaraya held a workshop on flood preparedness in Kotaraya. The head of BPBD Kotaraya, Budi "
            "Santoso, said floods came every year.\nAccording to him, every village should build an evacuation "
            "shelter.")
    found = drafted(text)
    assert any(who(found, label) and who(found, label)[0].startswith("BPBD") for label in found if "shelter" in label)
