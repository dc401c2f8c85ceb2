"""Event dates and events on real news pages, round 10 of issue 20: a dateline against a date of
the story's background, and events a report names only by a verb (an inspection, an inauguration)."""

from __future__ import annotations

from helpers.extraction import event


def test_a_dateline_stands_against_a_background_date_months_away() -> None:
    # The company's founding day is no date of the signing the dateline's story reports.
    text = ("Sukamaju, 30 Juni 2020 - Bertempat di Balai Kota, telah dilaksanakan penandatanganan kesepakatan "
            "antara PT Sukamaju Jaya dan Dinas Perhubungan. PT Sukamaju Jaya yang resmi lahir pada 10 Januari "
            "2020 lalu ini adalah perusahaan daerah.")  # fmt: skip
    assert event(text)[0] == "2020-06-30"


def test_a_dateline_with_its_weekday_in_brackets_stands_against_an_earlier_meeting_cited() -> None:
    text = ("Kota Sukamaju (Kamis, 13 Juli 2023) - Dinas Kehutanan Provinsi Sukamaju menggelar rapat "
            "koordinasi bersama BPBD Provinsi Sukamaju. Rapat merujuk arahan rapat pada tanggal 20 Januari 2023.")
    assert event(text)[0] == "2023-07-13"


def test_the_story_date_near_the_dateline_still_dates_the_event() -> None:
    text = ("Sukamaju, 7 Desember 2025 – BPBD Kota Sukamaju pada tanggal 6 Desember 2025 mengadakan "
            "rapat koordinasi bersama Dinas Sosial.")  # fmt: skip
    assert event(text)[0] == "2025-12-06"


def test_a_weekday_date_in_the_story_dates_the_event_even_weeks_before_the_dateline() -> None:
    text = ("SUKAMAJU (22/09/2025) - Studi tiru Pemerintah Desa Sukamaju ke TPST Desa Makmur pada "
            "Selasa (12/8) sukses digelar bersama Dinas Lingkungan Hidup.")
    assert event(text)[0] == "2025-08-12"


def test_an_inspection_named_only_by_its_verb_is_a_visit_with_its_date() -> None:
    text = ("Kota Sukamaju, (23/1/2024) - Wali Kota Sukamaju meninjau posko banjir di Kantor Kelurahan "
            "Sukamakmur bersama BPBD Kota Sukamaju.")  # fmt: skip
    date, kind, label = event(text)
    assert (date, kind) == ("2024-01-23", "visit")
    assert label is not None and label.startswith("meninjau"), label  # the subject is no part of its name


def test_an_inauguration_named_only_by_its_verb_is_an_event() -> None:
    text = ("Sekretaris Daerah Provinsi Sukamaju meresmikan empat kantor kelurahan baru pada Senin, "
            "10 Februari 2020, di halaman Kantor Kelurahan Sukamakmur.")  # fmt: skip
    date, kind, _ = event(text)
    assert (date, kind) == ("2020-02-10", "meeting")


def test_a_byline_number_above_a_header_date_is_no_range_and_the_story_weekday_dates_the_event() -> None:
    text = ("- by Redaksi 2\n- 07 Oktober 2024\nPemkot Sukamaju Gelar Simulasi Gempa\n"
            "Sukamaju, WartaKota - Pemerintah Kota Sukamaju menyelenggarakan simulasi gempa bumi di halaman "
            "Kantor Wali Kota, Jumat (4/10/2024).")  # fmt: skip
    assert event(text)[0] == "2024-10-04"


def test_a_range_over_two_months_is_dated_by_its_first_day() -> None:
    text = ("Pada tanggal 29 Agustus - 2 September 2016, Sekretariat Forum Iklim bekerja sama dengan "
            "Universitas Sukamaju mengadakan pelatihan perencanaan lingkungan.")  # fmt: skip
    assert event(text)[0] == "2016-08-29"
