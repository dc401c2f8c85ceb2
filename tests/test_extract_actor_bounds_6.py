"""Where an actor's name ends (issue 20, section 4, sixth round), read from what a body's name is
made of: a head, words of a closed vocabulary (fields, regions of the official list, known names,
legal forms, grades), then perhaps a short form in brackets and the body's place or grade. On real
pages one body drafted with the wrong span costs a false actor and a missed one at once. Each
test is a short made-up passage with what a reviewer expects to see drafted; no name here is in a
rule table: the rules are about how names are built."""

from __future__ import annotations

from helpers.extraction import actor_names, found, quotes, roles

from resilience_kg.extract.recognise.actors.bounds import abbreviates_field, in_name_vocabulary

# --- 1. a short form of the field, the head left out -------------------------------------------


def test_a_short_form_of_the_words_after_the_head_is_the_body_s() -> None:
    # "Forum ... (PRB)": the forum's short form spells its field, not its head, and the place after
    # the brackets is still the forum's.
    text = ("Bupati meresmikan Forum Pengurangan Risiko Bencana (PRB) Kabupaten Lembah Hijau di aula. "
            "Anggota Forum Pengurangan Risiko Bencana (PRB) dilantik hari itu.")
    got = quotes(text)
    assert "Forum Pengurangan Risiko Bencana (PRB) Kabupaten Lembah Hijau" in got, got
    assert "Forum Pengurangan Risiko Bencana (PRB)" in got, got
    assert "Forum Pengurangan Risiko Bencana" not in got, got


def test_a_field_short_form_after_a_name_with_commas_keeps_the_name_and_its_province() -> None:
    text = "Hadir pula Dinas Perikanan, Kelautan dan Pesisir (KP) Provinsi Sulawesi Tengah dalam rapat itu."
    got = {m.name for m in found(text)}
    assert "Dinas Perikanan, Kelautan dan Pesisir Provinsi Sulawesi Tengah" in got, got


def test_a_short_form_that_spells_no_word_of_the_field_is_not_taken() -> None:
    assert abbreviates_field("PRB", "Forum Pengurangan Risiko Bencana")
    assert abbreviates_field("Humas", "Bagian Umum dan Hubungan Masyarakat")
    assert not abbreviates_field("BPS", "Forum Pengurangan Risiko Bencana")
    assert not abbreviates_field("PB", "Forum Pengurangan Risiko Bencana")  # (a field word gives no letter)
    text = "Rapat Forum Warga Peduli Sungai (Jumat) membahas sampah."
    assert "Forum Warga Peduli Sungai (Jumat)" not in quotes(text)


# --- 2. a grade and a place after the short form -----------------------------------------------


def test_a_grade_and_a_place_after_a_short_form_belong_to_the_office() -> None:
    # Vertical offices are graded ("Kelas I", "Kelas II"): the grade and the place name the office.
    text = ("Kantor Pengawasan Pelabuhan Laut (KPPL) Kelas II Ambon membuka posko mudik. "
            "Kepala KPPL Kelas II Ambon memimpin apel.")
    got = quotes(text)
    assert "Kantor Pengawasan Pelabuhan Laut (KPPL) Kelas II Ambon" in got, got
    assert {m.name for m in found(text)} >= {"Kantor Pengawasan Pelabuhan Laut Kelas II Ambon"}


def test_a_jakarta_city_named_with_its_short_form_then_administrasi_is_one_government() -> None:
    text = "Sosialisasi digelar Pemerintah Kota (Pemkot) Administrasi Jakarta Utara di Kantor Camat."
    got = {m.name for m in found(text)}
    assert "Pemerintah Kota Administrasi Jakarta Utara" in got, got
    assert "Jakarta Utara" not in actor_names(text)


# --- 3. a person's name after a post's body ------------------------------------------------------


def test_a_person_s_name_after_a_post_and_its_body_is_not_the_body_s() -> None:
    # "Vice President PT X Budi Hartanto, ...": the holder's given and family name end the phrase.
    text = ("Rapat dihadiri Direktur Operasi PT Sarana Tirta Lestari Wiratmo Hadisuryo, "
            "Kepala Bidang Pengendalian Penyakit Menular Ratna Sulistyowati, serta camat.")
    got = quotes(text)
    assert "PT Sarana Tirta Lestari" in got, got
    # (a division named with no parent is no body since round 12: the post speaks for no body here)
    assert not [q for q in got if "Wiratmo" in q or "Ratna" in q], got


def test_a_body_whose_last_words_are_field_or_place_words_is_not_cut() -> None:
    # The cut needs two words no body's or place's name holds: fields and regions stay.
    text = ("Hadir Kepala Dinas Pekerjaan Umum Kota Semarang, Direktur PT Bank Jawa Tengah, "
            "dan Ketua Forum Relawan Siaga Bencana, sebagai undangan.")
    got = quotes(text)
    assert "Dinas Pekerjaan Umum Kota Semarang" in got, got
    assert "PT Bank Jawa Tengah" in got, got
    assert "Forum Relawan Siaga Bencana" in got, got


def test_an_unknown_firm_name_written_again_whole_is_not_cut() -> None:
    # The last two words of "PDAM Tirta Sari Mulyo" are no field or place word, but the text writes
    # the whole name again: they are the firm's, and the holder's name follows the comma.
    text = ("Air baku dipasok PDAM Tirta Sari Mulyo. Direktur Teknik PDAM Tirta Sari Mulyo, "
            "Bambang Sulistyo, mengatakan pipa sudah siap.")
    got = quotes(text)
    assert got.count("PDAM Tirta Sari Mulyo") == 2, got


def test_the_vocabulary_of_names_is_the_project_s_own_data() -> None:
    # Head nouns, field words of the gazetteer's names, regions of the official list, grades.
    for word in ("Dinas", "Kesehatan", "Penanggulangan", "Semarang", "Kelas", "IIA"):
        assert in_name_vocabulary(word), word
    for word in ("Wiratmo", "Hadisuryo", "MoU"):
        assert not in_name_vocabulary(word), word


# --- 4. two bodies of a list glued -----------------------------------------------------------------


def test_a_comma_after_a_government_s_region_ends_its_name() -> None:
    text = ("Rapat dihadiri Pemerintah Provinsi Sulawesi Tengah, dan Pemerintah Kota Palu serta "
            "Pemerintah Kabupaten Sigi.")
    got = quotes(text)
    assert "Pemerintah Provinsi Sulawesi Tengah" in got, got
    assert "Pemerintah Kota Palu" in got, got
    assert not [q for q in got if "Tengah, dan" in q], got


def test_an_english_name_after_dan_is_a_second_body() -> None:
    # "Yayasan X dan Y Foundation": the English name puts its head last, so it is a body of its own.
    text = "Terima kasih kepada Yayasan Cahaya Desa dan Sinar Harapan Foundation atas dukungannya."
    got = quotes(text)
    assert "Yayasan Cahaya Desa" in got, got
    assert "Sinar Harapan Foundation" in got, got


# --- 5. headline words glued -----------------------------------------------------------------------


def test_a_headline_s_words_after_a_government_written_elsewhere_are_cut() -> None:
    text = ("Pemkab Lembah Hijau MoU Penanggulangan Bencana\n\n"
            "LEMBAH HIJAU – Pemkab Lembah Hijau menandatangani nota kesepahaman dengan BPBD.")
    got = quotes(text)
    assert "Pemkab Lembah Hijau MoU Penanggulangan Bencana" not in got, got
    assert got.count("Pemkab Lembah Hijau") == 2, got


def test_a_unit_with_its_parent_and_a_region_s_short_form_in_a_headline_stays_whole() -> None:
    # "Sulteng" is a region's short form: a word of the name, not of the headline.
    text = ("Bidang P2P Dinkes Sulteng Lakukan Koordinasi\n\n"
            "PALU – Bidang P2P menggelar rapat koordinasi bersama puskesmas.")
    assert "Bidang P2P Dinkes Sulteng" in quotes(text)


def test_an_english_name_ends_at_its_head_and_starts_after_a_post_s_place() -> None:
    # "District Officer Kab. X Sinar Foundation Budi Santosa": the post's place is no word of the
    # English name, and the officer's name after its head is not either.
    text = ("Hadir dalam lokakarya, Program Officer Kab. Bandung Barat Cahaya Pagi Foundation "
            "Wiratmo Hadisuryo, dan perwakilan Dinas Sosial.")
    got = quotes(text)
    assert "Cahaya Pagi Foundation" in got, got
    assert not [q for q in got if "Wiratmo" in q or "Barat" in q], got


# --- 6. a post's unit written with the post's short form -------------------------------------------


def test_a_unit_named_only_as_a_post_s_field_before_its_body_is_the_body_s_post() -> None:
    # "Kepala Bagian X (Kabag X) Polres Y": the post, written out and in short, ends at the
    # brackets; the police command after them is who attended, and the unit is no actor.
    text = ("Turut hadir Kepala Bagian Operasional (Kabag Ops) Polres Lembah Hijau Kompol Wiratmo, "
            "dan Kepala Dinas Sosial.")
    names = actor_names(text)
    assert "Polres Lembah Hijau" in names, names
    assert not [n for n in names if n.startswith("Bagian")], names
    assert roles(text, "Polres Lembah Hijau")["Polres Lembah Hijau"] == "participant"


def test_a_post_s_short_form_before_a_place_keeps_the_unit_of_that_place() -> None:
    text = "Rapat dibuka Kepala Bagian Tata Pemerintahan Sekretariat (Kabag Tapem Setda) Kota Semarang."
    assert {m.name for m in found(text)} == {"Bagian Tata Pemerintahan Sekretariat Kota Semarang"}
