"""Roles and event dates of news pages and project stories (issue 20 §1 roles, §4 event dates),
one test per class of wording, on made-up passages.

The roles are read on small documents whose mentions are set by hand (as in
``test_extract_roles.py``), so that these tests check how roles are read, not how names are found.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.extraction import roles

from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.dates import find_dates
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences

# -- roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["menambahkan", "menilai", "mengatakan", "menegaskan", "menyoroti",
                                  "mengungkapkan", "menuturkan", "menyatakan", "menyebutkan", "menerangkan",
                                  "mengemukakan"])  # fmt: skip
def test_a_listed_body_the_report_quotes_with_an_indonesian_verb_of_speaking_is_a_speaker(verb: str) -> None:
    text = ("Rapat koordinasi banjir dihadiri oleh Dinas Sosial Kota Binjai dan Yayasan Sungai Bersih. "
            f"Yayasan Sungai Bersih {verb} bahwa tanggul di hilir belum diperbaiki.")  # fmt: skip
    assert roles(text, "Dinas Sosial Kota Binjai", "Yayasan Sungai Bersih") == {
        "Dinas Sosial Kota Binjai": "participant", "Yayasan Sungai Bersih": "speaker"}


def test_a_participant_the_report_quotes_right_after_is_a_speaker() -> None:
    text = ("Rapat dihadiri Dinas Sosial Kota Binjai. Peserta dari Balai Sungai Wampu menilai kapasitas "
            "saluran sudah berkurang.")  # fmt: skip
    assert roles(text, "Dinas Sosial Kota Binjai", "Balai Sungai Wampu") == {
        "Dinas Sosial Kota Binjai": "participant", "Balai Sungai Wampu": "speaker"}


def test_a_body_asked_to_report_later_is_no_speaker() -> None:
    text = ("Rapat dihadiri Dinas Kehutanan Kabupaten Lahat. Kepala Dinas meminta BMKG terus memperbarui data "
            "cuaca serta mendorong pengelola jalan tol untuk melaporkan titik api.")  # fmt: skip
    assert roles(text, "Dinas Kehutanan Kabupaten Lahat", "BMKG")["BMKG"] == "mentioned"


def test_the_authors_of_a_tool_are_mentioned_not_organisers_of_the_training() -> None:
    text = ("The toolkit developed by Kota Hijau Network, Rivers Alliance and Coastal Trust was the focus of "
            "the training facilitated by Delta Cities Forum in collaboration with Badan Kesiapsiagaan Nasional.")
    got = roles(text, "Kota Hijau Network", "Rivers Alliance", "Coastal Trust", "Delta Cities Forum",
                 "Badan Kesiapsiagaan Nasional")  # fmt: skip
    assert got == {"Kota Hijau Network": "mentioned", "Rivers Alliance": "mentioned", "Coastal Trust": "mentioned",
                   "Delta Cities Forum": "organiser", "Badan Kesiapsiagaan Nasional": "organiser"}  # fmt: skip


def test_an_indonesian_source_cited_with_a_list_is_mentioned_whole() -> None:
    text = "Rapat dihadiri Dinas Sosial Kota Binjai. Menurut BMKG dan Badan Geologi, hujan lebat masih akan turun."
    got = roles(text, "Dinas Sosial Kota Binjai", "BMKG", "Badan Geologi")
    assert got["BMKG"] == got["Badan Geologi"] == "mentioned"


def test_a_body_glued_to_led_by_a_hyphen_runs_the_workshops() -> None:
    text = "Volunteers joined Hope Relief-led workshops, including first aid sessions."
    assert roles(text, "Hope Relief") == {"Hope Relief": "organiser"}


@pytest.mark.parametrize("reader", [True, False], ids=["with-role-reader", "rules-only"])
def test_the_other_party_of_an_mou_signs_it_and_so_organises_a_signing_nobody_else_runs(
        monkeypatch: pytest.MonkeyPatch, reader: bool) -> None:
    text = ("Pemkab Sukamaju Teken MoU Air Baku\n\nSalah satu langkahnya adalah penandatanganan MoU dengan "
            "Pemkab Sukajaya guna penyediaan air baku.")  # fmt: skip
    # The role reader decides the role of a signatory at a signing of many (most sign at an event
    # another body holds), never at a bilateral one nobody else runs: the headline's party stays an
    # organiser with the reader on, as with the signing rule alone.
    if not reader:
        monkeypatch.setattr(role_model, "shipped", lambda: False)
    assert roles(text, "Pemkab Sukamaju", "Pemkab Sukajaya") == {"Pemkab Sukamaju": "organiser",
                                                                   "Pemkab Sukajaya": "organiser"}


def test_the_role_reader_still_decides_the_signatories_of_a_signing_of_many() -> None:
    others = ["organiser"] * 4  # the rules' roles of four signing parties
    assert role_model._signing_of_few(others, 0) is False  # three other parties sign too
    assert role_model._signing_of_few(others[:3], 0) is True  # two others: still the parties' own signing
    assert role_model._signing_of_few(["organiser", "host"], 0) is False  # another body hosts it


def test_the_parties_of_a_signing_another_body_hosts_take_part_in_it() -> None:
    text = ("Pemkab Sukamaju dan Universitas Sukajaya menandatangani nota kesepahaman penyediaan air baku "
            "di Kantor Badan Pangan Daerah.")  # fmt: skip
    assert roles(text, "Pemkab Sukamaju", "Universitas Sukajaya", "Badan Pangan Daerah") == {
        "Pemkab Sukamaju": "participant", "Universitas Sukajaya": "participant", "Badan Pangan Daerah": "host"}


@pytest.mark.parametrize(("sentence", "role"), [
    ("Pemateri pelatihan berasal dari Yayasan Sungai Bersih.", "speaker"),
    ("Materi disajikan oleh penyaji dari Yayasan Sungai Bersih.", "speaker"),
    ("Yayasan Sungai Bersih menggandeng warga menggelar susur sungai.", "organiser"),
    ("Kegiatan ini difasilitasi Yayasan Sungai Bersih.", "organiser"),
    ("Yayasan Sungai Bersih mengikuti simulasi evakuasi.", "participant"),
    ("The panel was moderated by Yayasan Sungai Bersih.", "speaker"),
    ("Sesi kedua dipandu oleh Yayasan Sungai Bersih.", "speaker"),
    ("Yayasan Sungai Bersih selaku panitia menyiapkan tempat.", "organiser"),
])  # fmt: skip
def test_the_role_words_of_news_pages(sentence: str, role: str) -> None:
    assert roles(sentence, "Yayasan Sungai Bersih") == {"Yayasan Sungai Bersih": role}


# -- event dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "date"), [
    ("Pelatihan berlangsung 15 s.d. 17 Juli 2019 di markas.", "2019-07-15"),
    ("Pelatihan berlangsung 15 s/d 17 Juli 2019.", "2019-07-15"),
    ("Pelatihan berlangsung 15 hingga 17 Juli 2019.", "2019-07-15"),
    ("April 29-30, 2024 | Bontang - a training was held.", "2024-04-29"),
    ("The training ran from April 29 to 30, 2024.", "2024-04-29"),
    ("Rapat digelar Jum’at (6/11/2020).", "2020-11-06"),
    ("Latihan digelar Kamis hingga Jumat (29-30/4/21).", "2021-04-29"),
    ("Hari/Tanggal: Kamis/12 Maret 2020", "2020-03-12"),
])  # fmt: skip
def test_a_range_of_days_dates_its_event_by_the_first(text: str, date: str) -> None:
    assert [str(d.date) for d in find_dates(text)] == [date]


@pytest.mark.parametrize("byline", ["Project story | Kupang, 20 September 2019",
                                    "*Published by Kota Hijau Network, 20 September 2019*"])  # fmt: skip
def test_the_publication_line_of_a_page_gives_way_to_the_date_in_its_story(byline: str) -> None:
    text = (f"Clearing the rivers\n\n{byline}\n\nOn 12 September 2019 Kota Hijau Network held a dialogue on "
            "flood debris with the city's environment agency.")  # fmt: skip
    event = find_event(text, sentences(text), published=dt.date(2019, 9, 20))
    assert event is not None and str(event.date) == "2019-09-12"


def test_a_date_in_the_story_on_the_publication_day_is_still_the_event_date() -> None:
    text = "Clearing the rivers\n\nOn 20 September 2019 Kota Hijau Network held a dialogue on flood debris."
    event = find_event(text, sentences(text), published=dt.date(2019, 9, 20))
    assert event is not None and str(event.date) == "2019-09-20"


@pytest.mark.parametrize(("text", "date"), [
    ("KUPANG, 5/2 - BPBD menggelar rapat koordinasi kekeringan.", "2020-02-05"),
    ("BPBD menggelar rapat koordinasi kekeringan, kemarin.", "2020-02-05"),
    ("BPBD menggelar rapat koordinasi kekeringan pada Senin lalu.", "2020-02-03"),
    ("The agency held a coordination meeting yesterday.", "2020-02-05"),
])  # fmt: skip
def test_a_day_named_from_the_publication_date_dates_the_event(text: str, date: str) -> None:
    event = find_event(text, sentences(text), published=dt.date(2020, 2, 6))
    assert event is not None and str(event.date) == date


def test_without_a_publication_date_a_day_without_its_year_stays_unset() -> None:
    text = "KUPANG, 5/2 - BPBD menggelar rapat koordinasi kekeringan pada Senin lalu."
    event = find_event(text, sentences(text), published=None)
    assert event is not None and event.date is None


def test_a_written_date_wins_over_a_relative_one() -> None:
    text = "BPBD menggelar rapat koordinasi kemarin. Rapat lanjutan dijadwalkan 3 Maret 2020."
    event = find_event(text, sentences(text), published=dt.date(2020, 2, 6))
    assert event is not None and str(event.date) == "2020-03-03"
