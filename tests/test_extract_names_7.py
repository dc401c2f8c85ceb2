"""Where a body's name starts and ends, and when two names are one body (issue 20, seventh round).

A wrong boundary costs twice on a real page (a false actor and a missed one), and a second node
for a body already drafted is a false actor too. Each test is a short made-up passage with what a
reviewer expects to see drafted. The places are regions of the official list (the rules read it);
no body's name here is in a rule table: the rules are about how names are built.
"""

from __future__ import annotations

from helpers.extraction import actor_names, quotes

from resilience_kg.extract.regions import find, is_place
from resilience_kg.extract.segment import sentences

# --- 1. an abbreviation with a full stop inside a name ---------------------------------------------


def test_kep_with_a_full_stop_ends_neither_the_sentence_nor_the_name() -> None:
    text = ("Rapat dipimpin Dinas Perhubungan Provinsi Kep. Riau bersama Polda Kep. Bangka Belitung "
            "Korem 099 Contoh Jaya, Dinas Sosial dan relawan.")
    assert len(sentences(text)) == 1
    got = quotes(text)
    assert "Dinas Perhubungan Provinsi Kep. Riau" in got, got
    assert "Polda Kep. Bangka Belitung" in got, got  # (the Korem after it is another body, not its place)
    assert not [q for q in got if q.endswith(("Kep", "Kep."))], got


def test_a_region_written_with_kep_is_the_region_of_the_official_list() -> None:
    assert [r.code for r in find("Kep. Riau")] == [is_place("Provinsi Kepulauan Riau").code]
    assert is_place("Provinsi Kep. Bangka Belitung") == is_place("Kepulauan Bangka Belitung")
    assert is_place("Kab. Kep. Selayar") is not None
    assert is_place("Kep. Contohan") is None  # (no such region: nothing is guessed)


def test_an_initialism_keeps_its_last_stop_inside_the_name() -> None:
    text = "Hadir pula perwakilan Kementerian Kelautan dan perikanan R.I."
    assert "Kementerian Kelautan dan perikanan R.I." in quotes(text)


# --- 2. a lower-case field after "dan" -------------------------------------------------------------


def test_a_lower_case_field_after_dan_stays_in_the_name_when_the_short_form_spells_it() -> None:
    text = "Kepala Dinas Perumahan dan permukiman (DPP) Arif Wibowo memaparkan program rumah layak huni."
    assert "Dinas Perumahan dan permukiman (DPP)" in quotes(text)


def test_a_lower_case_word_after_dan_that_nothing_closes_is_not_the_name_s() -> None:
    got = quotes("Rapat diikuti Dinas Sosial dan warga Kelurahan Kapuk.")
    assert "Dinas Sosial" in got, got
    assert not [q for q in got if "warga" in q], got


# --- 3. a region of three words, a district with its kind word, a hyphen after a place ----------


def test_a_province_of_three_words_ends_the_name_before_the_officer_s() -> None:
    text = "Rapat dibuka oleh Kepala BPBD Provinsi Nusa Tenggara Barat Gede Arimbawa dalam sambutannya."
    got = quotes(text)
    assert "BPBD Provinsi Nusa Tenggara Barat" in got, got
    assert not [q for q in got if q.endswith("Nusa")], got


def test_a_district_named_with_its_kind_word_is_the_branch_s_place_whole() -> None:
    text = "Peserta: Relawan PMI Kecamatan Tanjung Priok=12 orang, Relawan PMI Kota Bogor=5 orang."
    got = quotes(text)
    assert "PMI Kecamatan Tanjung Priok" in got, got
    assert "PMI Kecamatan Tanjung" not in got, got


def test_a_place_joined_to_the_next_body_by_a_hyphen_is_never_cut_inside_a_word() -> None:
    text = "Hadir pula Koordinator Pos Manggala Agni Provinsi Jambi-Balai Wilayah Sungai Sumatera VI."
    got = quotes(text)
    assert any(q.endswith("Provinsi Jambi") for q in got), got
    assert not [q for q in got if q.endswith("Jamb")], got


# --- 4. words after a name that are not the name ------------------------------------------------


def test_a_capitalised_preposition_and_a_place_end_a_title_case_name() -> None:
    got = quotes("Sosialisasi Badan Riset Lembah Hijau Di Kabupaten Sleman Berlangsung Lancar")
    assert "Badan Riset Lembah Hijau" in got, got
    assert not [q for q in got if " Di " in q], got


def test_a_rank_in_capitals_and_its_holder_end_a_command_s_name() -> None:
    got = quotes("Apel dipimpin Kapolsek dari Polres Temanggung IPTU Dedi Santoso bersama relawan.")
    assert "Polres Temanggung" in got, got
    assert not [q for q in got if "IPTU" in q], got


def test_a_day_after_an_english_government_s_name_is_not_its_name() -> None:
    got = quotes("The workshop was hosted by Bogor City Government on 12 May 2023 at its hall.")
    assert "Bogor City Government" in got, got
    assert not [q for q in got if "12" in q], got


def test_a_regional_head_s_post_before_a_person_s_names_is_no_government() -> None:
    text = "Dalam arahannya, Bupati Darmawan Hadi menyebutkan bahwa hujan deras memicu banjir."
    assert not [n for n in actor_names(text) if n.startswith("Pemerintah")], actor_names(text)


# --- 5. a branch office named before its national body -----------------------------------------


def test_a_branch_office_word_before_a_national_body_names_the_branch() -> None:
    text = ("Rapat diikuti Kanwil BPS, Daops Manggala Agni Provinsi Jambi dan Perwakilan BKKBN "
            "Provinsi Sulawesi Tengah.")
    got = quotes(text)
    assert "Kanwil BPS" in got, got
    assert "Daops Manggala Agni Provinsi Jambi" in got, got
    assert "Perwakilan BKKBN Provinsi Sulawesi Tengah" in got, got


def test_perwakilan_without_a_place_is_a_representative_not_a_branch() -> None:
    got = quotes("Rapat dihadiri Perwakilan BPBD dan camat.")
    assert "BPBD" in got, got
    assert not [q for q in got if q.startswith("Perwakilan")], got


def test_a_known_name_its_short_form_and_a_region_name_the_branch() -> None:
    text = "Hadir Tim Penggerak Pemberdayaan dan Kesejahteraan Keluarga (PKK) Sulawesi Tengah dalam rapat."
    assert "Tim Penggerak Pemberdayaan dan Kesejahteraan Keluarga (PKK) Sulawesi Tengah" in quotes(text)


# --- 6. one body named two ways -----------------------------------------------------------------


def test_a_body_with_its_region_short_and_in_full_is_one_actor() -> None:
    text = ("Kepala Dinas Pangan Prov. Kepri menjelaskan stok beras. Sekretaris Dinas Pangan Provinsi "
            "Kepulauan Riau menambahkan data gudang.")
    names = actor_names(text)
    assert len([n for n in names if n.startswith("Dinas Pangan")]) == 1, names


def test_a_bare_name_in_a_list_and_the_same_body_with_the_report_s_province_are_one_actor() -> None:
    text = ("Tanjungpinang, 3 Maret 2024 - Rapat diikuti Dinas Pangan, Dinas Sosial dan Basarnas.\n"
            "Kepala Dinas Pangan Prov. Kepri menjelaskan stok beras cukup.")
    names = actor_names(text)
    assert len([n for n in names if n.startswith("Dinas Pangan")]) == 1, names
    assert "Dinas Pangan Prov. Kepri" in names, names  # (the row names the body in full)


def test_a_bare_name_and_the_same_body_of_another_region_stay_two_actors() -> None:
    # (A report about Padang: its bare "Dinas Pangan" is no body of Bogor.)
    text = ("Pemerintah Kota Padang menggelar rapat di Kota Padang. Rapat diikuti Dinas "
            "Pangan dan Dinas Sosial.\nKepala Dinas Pangan Kota Bogor berbagi pengalaman.")
    names = actor_names(text)
    assert len([n for n in names if n.startswith("Dinas Pangan")]) == 2, names


def test_a_police_command_by_its_short_name_and_by_its_head_s_post_is_one_actor() -> None:
    text = ("Apel siaga digelar Polresta Pulau Ternate bersama relawan di lapangan kota. "
            "Kapolresta Ternate, Kombes Pol Budi Hartono, memimpin apel itu.")
    names = actor_names(text)
    police = [n for n in names if n.startswith(("Polresta", "Kepolisian"))]
    assert len(police) == 1, names


def test_a_plural_place_word_after_dan_goes_on_with_the_command_s_name() -> None:
    text = ("Apel digelar Polresta Pulau Ternate dan Pulau-Pulau Hiri bersama BPBD. "
            "Kapolresta Ternate, Kombes Pol Budi Hartono, memimpin apel.")
    assert "Polresta Pulau Ternate dan Pulau-Pulau Hiri" in quotes(text)
    names = actor_names(text)
    assert [n for n in names if n.startswith(("Polresta", "Kepolisian"))] == [
        "Polresta Pulau Ternate dan Pulau-Pulau Hiri"], names
    assert "BPBD" in quotes("Hadir Polresta Pulau Ternate dan BPBD.")  # (a body after "dan" stays apart)
