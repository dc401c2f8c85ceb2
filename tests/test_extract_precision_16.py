"""False actors (issue 20, round 16): venues drafted as bodies, collectives written with their region,
and one body drafted twice under two forms. Each test is a short made-up passage in the style of a
class seen on the readable real sets, with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import pipeline_actors


def test_a_hotel_after_a_room_and_a_comma_is_the_venue() -> None:
    # The guide lists rooms, buildings and hotels named as the venue among what is no actor.
    text = ("Sukamaju - Dinas Kesehatan Kabupaten Sukamaju menggelar rapat evaluasi di Ruang Melati Dua, "
            "Hotel Sentosa Raya, Kota Sukamaju, Senin (3/3/2025).")
    got = names(text)
    assert "Dinas Kesehatan Kabupaten Sukamaju" in got, got
    assert not [n for n in got if "Hotel" in n], got


def test_a_hotel_after_a_brand_word_or_bertempat_is_the_venue() -> None:
    text = ("Rapat koordinasi BPBD Kabupaten Sukamaju bertempat Hotel Cemara Indah, Rabu (5/3/2025).\n"
            "Pelatihan lanjutan digelar Yayasan Tunas Hijau di Grandia Hotel Sukamaju pada hari berikutnya.")
    got = names(text)
    assert "BPBD Kabupaten Sukamaju" in got, got
    assert not [n for n in got if "Hotel" in n], got


def test_a_hotel_that_opens_a_place_and_date_line_is_the_venue() -> None:
    text = ("Rakor Siaga Banjir Kabupaten Sukamaju\n\n"
            "Hotel Melati Sukamaju, 12 Maret 2024 - Dinas Sosial Kabupaten Sukamaju menggelar rapat "
            "koordinasi kesiapsiagaan bersama para camat.")
    got = names(text)
    assert "Dinas Sosial Kabupaten Sukamaju" in got, got
    assert not [n for n in got if "Hotel" in n], got


def test_a_hotel_that_acts_is_still_drafted() -> None:
    # Only the words around the name make it a venue: a hotel that gives something is a firm.
    text = "Bantuan selimut untuk pengungsi diserahkan oleh Hotel Cemara Indah kepada BPBD Kabupaten Sukamaju."
    assert "Hotel Cemara Indah" in names(text)


def test_the_regional_offices_at_once_are_no_body_even_with_their_region() -> None:
    # UKPD (Unit Kerja Perangkat Daerah) is every office of a Jakarta city at once, as OPD and SKPD.
    text = ("Rapat dihadiri Wali Kota Jakarta Selatan dan seluruh UKPD Jakarta Selatan. Narasumber dari "
            "Bappeda dan UKPD teknis memaparkan usulan. Suku Dinas Sumber Daya Air Kota Administrasi "
            "Jakarta Selatan menyampaikan rencana pengerukan.")
    got = names(text)
    assert not [n for n in got if "UKPD" in n], got


def test_a_headline_short_form_and_the_full_name_in_the_text_are_one_body() -> None:
    # "BPBA" in the headline, "Badan Penanggulangan Bencana Aceh" in the text, never together.
    text = ("BPSK Gelar Sosialisasi Kesiapsiagaan di Desa Sukamaju\n\n"
            "Sukamaju - Badan Penanggulangan Sungai Kenari menggelar sosialisasi kesiapsiagaan bersama "
            "Pemerintah Kabupaten Sukamaju, Senin (3/3/2025).")
    got = names(text)
    assert "Badan Penanggulangan Sungai Kenari" in got, got
    assert "BPSK" not in got, got


def test_a_regional_office_with_its_short_form_and_spelt_out_is_one_body() -> None:
    text = ("Perwakilan Badan Kependudukan dan Keluarga Berencana Nasional (BKKBN) Provinsi Sulawesi Barat "
            "menggelar rapat koordinasi. Hadir pula mitra kerja Perwakilan BKKBN Sulawesi Barat.")
    got = [a for a in pipeline_actors(text) if "BKKBN" in a.mention.name or "Kependudukan" in a.mention.name]
    assert len(got) == 1, [a.mention.name for a in got]


def test_two_names_spelt_out_with_the_same_initials_stay_two_bodies() -> None:
    text = ("Dinas Kesehatan Kota Sukamaju menggelar lomba poster kesehatan lingkungan. "
            "Juri lomba berasal dari Dinas Kebudayaan Kota Sukamaju.")
    got = names(text)
    assert "Dinas Kesehatan Kota Sukamaju" in got and "Dinas Kebudayaan Kota Sukamaju" in got, got


def test_a_university_named_in_indonesian_and_in_english_is_one_body() -> None:
    text = ("Universitas Kenari Raya signed a memorandum with the Sukamaju Regency Government. "
            "The Rector of the University of Kenari Raya said that Kenari Raya University will open a "
            "waste bank on campus.")
    got = [n for n in names(text) if "Kenari" in n]
    assert len(got) == 1, got


def test_a_short_form_with_a_lower_case_letter_meets_its_company() -> None:
    text = ("Pelatihan diikuti tim PT Sinar Laut Makmur dan PT Bumi Hijau Lestari. Peserta dari PT. SLMa "
            "dan PT. BHL mengikuti praktik pemadaman.")
    got = names(text)
    assert "PT. SLMa" not in got and "PT. BHL" not in got, got


def test_a_body_named_by_its_level_word_alone_is_the_one_the_report_names_in_full() -> None:
    # "para pengurus TP PKK Kelurahan": the report named its kelurahan's TP PKK in full before.
    text = ("Rapat dihadiri Ketua TP PKK Kelurahan Sukamaju, Ibu Sari, serta para pengurus TP PKK Kelurahan "
            "dan RW di lingkungan Kelurahan Sukamaju.")
    got = [n for n in names(text) if "PKK" in n]
    assert got == ["TP PKK Kelurahan Sukamaju"], got


def test_a_body_of_every_village_is_no_one_body() -> None:
    # "Forum PRB Desa/Kelurahan": the forum each village is to form, as "BPBD Kabupaten/Kota" is
    # every regency's agency.
    text = ("BPBD Kabupaten Sukamaju menggelar pembentukan desa tangguh bencana. Kegiatan meliputi "
            "pembentukan Forum PRB Desa/Kelurahan, pelatihan relawan dan penyusunan peta evakuasi.")
    got = names(text)
    assert "BPBD Kabupaten Sukamaju" in got, got
    assert not [n for n in got if n.startswith("Forum")], got


def test_a_field_office_with_no_field_is_no_body() -> None:
    # "Sudin Kota X" (a Suku Dinas of no field) says an office of the city, not which one.
    text = ("Seminar ini didukung pemerintah Sudin Kota Sukamaju Selatan dan Suku Dinas Kesehatan Kota "
            "Sukamaju Selatan bersama para mahasiswa.")
    got = names(text)
    assert not [n for n in got if n.startswith("Sudin")], got


def test_a_news_outlet_in_the_dateline_is_no_actor() -> None:
    # The outlet in brackets after the city, or before a double bar, credits the story.
    text = ("AMBON (WARTA MALUKU) - Dalam rangka percepatan sanitasi, Dinas Kesehatan Kota Sukamaju "
            "menggelar pertemuan lintas sektor bersama para camat dan lurah di aula kantornya.")
    assert "WARTA MALUKU" not in names(text)
    text = ("SUARA BANTEN || Bupati Sukamaju menghadiri rapat koordinasi kesiapsiagaan bencana "
            "hidrometeorologi yang digelar BPBD Kabupaten Sukamaju di aula kantor bupati.")
    got = names(text)
    assert not [n for n in got if "SUARA" in n], got


def test_a_body_first_named_by_its_level_keeps_its_full_name() -> None:
    # "Forum Kabupaten, Kecamatan, dan Desa Sehat": the regency's forum is "Forum Kabupaten Sehat".
    text = ("Dinas Kesehatan Kabupaten Sukamaju menggelar evaluasi Forum Kabupaten, Kecamatan, dan Desa Sehat. "
            "Ketua Forum Kabupaten Sehat menyampaikan capaian tahun ini.")
    got = [n for n in names(text) if n.startswith("Forum Kabupaten")]
    assert got == ["Forum Kabupaten Sehat"], got


def test_a_branch_in_another_place_is_not_the_spelt_out_body_with_the_same_initials() -> None:
    # "PMI Kabupaten Jember" and "Palang Merah Indonesia Jatim" share PMI and a J: two branches.
    text = ("Palang Merah Indonesia (PMI) Jatim menggelar pelatihan relawan. Peserta berasal dari "
            "PMI Kota Malang dan PMI Kabupaten Jember.")
    got = names(text)
    assert "PMI Kabupaten Jember" in got, got
