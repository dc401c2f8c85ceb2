"""Names cut short or run long (issue 20, boundary errors, round 16): a body's name followed by the
office, the station or the village it belongs to keeps them (a regional branch is its own actor),
and a person's name of three words written after a body is no part of it. On real pages one body
drafted with the wrong span costs a missed actor and a false one at once. Each test is a made-up
passage with what a reviewer expects to see drafted; the places are the official region list's,
no body here is in a rule table."""

from __future__ import annotations

from helpers.extraction import found, quotes

from resilience_kg.extract.recognise.actors.bounds import office_tail, syllabic_short_form

# --- 1. an office word, its number and its place after the body's name --------------------------


def test_an_area_office_after_a_known_unit_keeps_its_number_and_place() -> None:
    text = ("Perusahaan melatih warga bersama Manggala Agni Daops IX Lembah Hijau, Polsek setempat "
            "dan relawan desa.")
    assert "Manggala Agni Daops IX Lembah Hijau" in quotes(text)
    assert "Manggala Agni" not in quotes(text)


def test_a_station_after_a_short_form_in_brackets_is_the_station() -> None:
    text = ("Narasumber rapat ialah Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) Stasiun "
            "Tanjung Contoh yang memaparkan prakiraan cuaca.")
    got = quotes(text)
    assert "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) Stasiun Tanjung Contoh" in got, got


def test_a_provincial_office_word_needs_a_place_the_region_list_knows() -> None:
    text = ("Badan Kependudukan dan Keluarga Berencana Nasional (BKKBN) Perwakilan Provinsi Jambi "
            "membuka rapat koordinasi.")
    got = {m.name for m in found(text)}
    assert "Badan Kependudukan dan Keluarga Berencana Nasional Perwakilan Provinsi Jambi" in got, got
    # "Perwakilan" is also a delegate: with no place of the list after it, nothing is taken.
    assert office_tail(" Perwakilan Warga Contoh hadir", 0, 30) == 0
    assert office_tail(" Stasiun Tanjung Contoh yang", 0, 28) == len(" Stasiun Tanjung Contoh")


# --- 2. a short form made of syllables, then the place ------------------------------------------


def test_a_short_form_of_syllables_keeps_the_place_after_the_brackets() -> None:
    text = ("Sosialisasi digelar Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Semarang "
            "di balai warga.")
    got = quotes(text)
    assert "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Semarang" in got, got


def test_a_word_in_brackets_that_no_syllables_of_the_name_make_is_no_short_form() -> None:
    assert syllabic_short_form("Gulkarmat", "Dinas Penanggulangan Kebakaran dan Penyelamatan")
    assert syllabic_short_form("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil")
    assert not syllabic_short_form("Jumat", "Forum Warga Peduli Sungai")
    assert not syllabic_short_form("Kamis", "Dinas Sosial")


def test_a_special_region_written_with_its_prefix_is_the_branch_s_place() -> None:
    text = "Pelatihan dibuka Badan Penanggulangan Bencana Daerah (BPBD) DI Yogyakarta bersama warga."
    assert "Badan Penanggulangan Bencana Daerah (BPBD) DI Yogyakarta" in quotes(text)


# --- 3. a community group named with its village ----------------------------------------------


def test_a_short_form_with_a_village_of_the_region_list_is_the_village_s_group() -> None:
    text = "Selang dan pompa diserahkan kepada KTPA Desa Sukamaju sebagai wujud kepedulian perusahaan."
    assert "KTPA Desa Sukamaju" in quotes(text)


def test_a_programme_short_form_before_a_village_is_no_body() -> None:
    text = "Penyaluran BLT Desa Sukamaju dibahas dalam musyawarah."
    assert not any(q.startswith("BLT") for q in quotes(text))


def test_a_short_form_after_a_listed_body_and_a_comma_is_no_headline() -> None:
    text = "Untuk itu, di lingkungan BNPB, FORMASI Jambi menggelar latihan evakuasi."
    assert "FORMASI Jambi" in quotes(text)


# --- 4. a person of three words after a body's name ----------------------------------------------


def test_a_three_word_person_after_a_complete_name_is_cut_off() -> None:
    text = "Turut hadir, Kepala Dinas PUPR Rina Dewi Lestari, bersama jajaran."
    assert "Dinas PUPR" in quotes(text)
    assert not any("Rina" in q for q in quotes(text))


def test_a_firm_s_own_word_before_a_person_stays_in_its_name() -> None:
    text = "Sambutan disampaikan Direktur PT Sinar Contoh Budi Hartanto, lalu diskusi dimulai."
    assert "PT Sinar Contoh" in quotes(text)


# --- 5. a delegate of a city's office is no provincial branch -----------------------------------


def test_a_delegate_word_before_a_city_office_of_a_national_body_is_no_branch() -> None:
    text = ("Peserta rapat: Perwakilan BPN Kota Semarang, Perwakilan BPN Kabupaten Demak, dan "
            "Perwakilan BKKBN Provinsi Jambi.")
    got = quotes(text)
    assert "BPN Kota Semarang" in got and "BPN Kabupaten Demak" in got, got
    assert "Perwakilan BKKBN Provinsi Jambi" in got, got


# --- 6. a unit's short form before its university or school --------------------------------------


def test_a_unit_s_short_form_before_a_known_university_is_the_unit() -> None:
    text = "Diskusi kampung dibuka oleh HMPL ITB bersama warga bantaran sungai."
    got = quotes(text)
    assert "HMPL ITB" in got, got


def test_a_school_s_disaster_team_named_before_its_school_is_the_team() -> None:
    text = "Simulasi gempa dipandu KSB SMA Harapan Contoh dan para guru pendamping."
    assert "KSB SMA Harapan Contoh" in quotes(text)


def test_a_known_body_before_a_university_stays_its_own_actor() -> None:
    text = "Kerja sama BNPB UGM dibahas, dan KKN UGM ikut membantu warga."
    got = quotes(text)
    assert "BNPB UGM" not in got and "KKN UGM" not in got, got
