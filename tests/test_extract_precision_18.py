"""False actors (issue 20, round 18): a transit line named for its kind, a person's name after a
council member's post, a council's unit run on into its member's name. Each test is a short made-up
passage in the style of a class seen on the readable real sets, with what a reviewer expects to see
drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names


def test_a_transit_line_named_for_its_kind_is_no_actor() -> None:
    # The guide: services and platforms that do not act are no actors; the line is not its operator.
    text = ("Dinas Perhubungan Kota Sukamaju menggelar diskusi untuk membahas penyelenggaraan "
            "Light Rail Transit (LRT) Sukamaju.\n"
            "\"LRT Sukamaju ditargetkan beroperasi tahun depan,\" ujar Kepala Dinas Perhubungan Kota Sukamaju. "
            "Integrasi LRT dengan MRT Sukamaju dan KRL menjadi tantangan.")
    got = names(text)
    assert "Dinas Perhubungan Kota Sukamaju" in got, got
    assert not [n for n in got if n.upper().startswith(("MRT", "LRT", "KRL", "LIGHT RAIL"))], got


def test_a_transit_operator_with_its_legal_form_or_its_head_stays_an_actor() -> None:
    text = ("PT LRT Sukamaju menyampaikan rencana perluasan jalur.\n"
            "Direktur Utama MRT Sukamaju, Budi Santoso, mengatakan pihaknya siap mendukung.")
    got = names(text)
    assert any(n.startswith("PT LRT Sukamaju") for n in got), got
    assert any(n.startswith("MRT") for n in got), got  # (the operator, found by its short form)


def test_the_people_a_post_introduces_are_no_actors() -> None:
    # The guide: people are no actors; "Anggota Pansus lainnya, yaitu ..." lists the members.
    text = ("Kunjungan kerja ini dihadiri oleh Ketua Pansus Ranperda tentang Pengelolaan Sampah DPRD Kabupaten "
            "Sukamaju, Wakil Ketua Pansus Darmo Wiryono, Anggota Pansus lainnya, yaitu Rina Kartikasari, "
            "Bagus Pranoto, Yuliana, Tarmizi, Hendra Saputra, Jamal MZ, dan Ahmad Rifai Lubis.")
    got = names(text)
    assert "Pansus Ranperda" in got, got
    people = ("Darmo", "Rina", "Bagus", "Hendra", "Jamal", "Ahmad")
    assert not [n for n in got if any(p in n for p in people)], got


def test_a_name_after_a_council_members_seat_is_the_member() -> None:
    text = ("Rapat koordinasi penanganan banjir juga diikuti oleh Bupati Sukamaju, Sekdakab Kenari, "
            "BPBD Kabupaten Sukamaju, dan anggota Komisi 8 DPR RI,Johan Kurniawan Aziz.")
    got = names(text)
    assert "BPBD Kabupaten Sukamaju" in got and "Komisi 8 DPR RI" in got, got
    assert not [n for n in got if "Johan" in n], got


def test_a_council_unit_named_by_its_topic_after_a_post_stays() -> None:
    text = "Ketua Pansus Ranperda Sukamaju, Budi Santoso, mengatakan rapat dilanjutkan. Ketua Komisi Pendidikan hadir."
    got = names(text)
    assert any(n.startswith("Pansus Ranperda") for n in got), got


def test_a_subdirectorate_head_with_a_field_of_two_words_spells_the_unit() -> None:
    # The guide: a unit named with its parent is one actor; a post that spells its unit makes the unit the actor.
    text = ("Kunjungan kerja dihadiri jajaran Pemerintah Kota Sukamaju, Kasubdit Sungai dan Pantai "
            "Kementerian PUPR, dan PDAM Kota Sukamaju.")
    got = names(text)
    assert "Subdirektorat Sungai dan Pantai Kementerian PUPR" in got, got
    assert "Kasubdit Sungai" not in got, got


def test_a_province_whose_second_word_is_written_in_lower_case_is_the_province() -> None:
    text = ("BPBD Provinsi Jawa tengah melaksanakan rapat koordinasi kesiapan menghadapi kekeringan di "
            "Ruang Rapat BPBD Provinsi Jawa Tengah bersama Dinas Sosial Kota Bogor dan warga.")
    got = names(text)
    assert "BPBD Provinsi Jawa" not in got, got
    assert any(n.lower() == "bpbd provinsi jawa tengah" for n in got), got
    assert "Dinas Sosial Kota Bogor" in got, got


def test_a_forest_unit_written_after_its_owner_is_one_actor() -> None:
    text = ("Rapat dihadiri Dandim 0616, Administratur Perum Perhutani KPH Sukamaju, Ir Budi Santoso, "
            "dan Kepala BPBD Kabupaten Sukamaju.")
    got = names(text)
    assert "Perum Perhutani KPH Sukamaju" in got, got
    assert "KPH Sukamaju" not in got, got


def test_a_degree_after_a_degree_written_with_full_stops_is_no_actor() -> None:
    text = ("Penandatanganan dihadiri Wakil Rektor IV Universitas Sukamaju Bidang Kerjasama Sari Lestari, S.T., "
            "MPPM. dan Perwakilan BKKBN Provinsi Sukamaju, Dinas Sosial Kota Sukamaju, PMI Kota Sukamaju.")
    got = names(text)
    assert "MPPM" not in got, got


def test_an_english_city_after_an_areas_name_and_of_is_the_place() -> None:
    text = ("The program started with an assessment of flood resilience in 12 urban areas of East River "
            "Canal Area of Malang City. A local volunteer group and Mercy Corps Indonesia presented the results.")
    got = names(text)
    assert "Pemerintah Kota Malang" not in got and "Malang City" not in got, got
    assert "Mercy Corps Indonesia" in got, got


def test_an_english_city_after_its_officers_name_and_of_is_the_government() -> None:
    from resilience_kg.extract.recognise.actors.governments import _person_of

    assert _person_of("remarks by Rahmat Sukandar of ")
    assert not _person_of("urban areas of East River Canal Area of ")


def test_the_head_of_a_dinas_before_a_ministrys_short_form_is_the_regional_dinas() -> None:
    # The guide: a post that spells its body makes the body the actor; "Kadis ESDM" heads a Dinas, not the ministry.
    text = ("Rapat dihadiri Wakil Bupati Sukamaju dan unsur pemerintahan provinsi, di antaranya Kadis KLHK "
            "dan Kadis ESDM, bertempat di ruang posko.")
    got = names(text)
    assert "Dinas KLHK" in got and "Dinas ESDM" in got, got
    assert "KLHK" not in got and "ESDM" not in got, got
