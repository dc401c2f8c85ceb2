"""Roles and sectors, ninth pass (issue 20: roles and sector on real reports): a speaker's heading
in minutes, a training's facilitators, who receives a visit and who leads the visiting party; a
university's centre named after the university's short form, a short form that counts its letters
("FK2RS"), a list member with a head noun of its own. Made-up passages."""

from __future__ import annotations

import pytest
from helpers.extraction import pipeline_actors, roles, roles_and_cues

from resilience_kg.extract.recognise import role_model

# -- roles ------------------------------------------------------------------------------------------


def test_a_speaker_heading_in_minutes_makes_its_body_a_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Catatan Rapat Siaga Banjir\nPimpinan Rapat : Kepala BPBD Kota Lumen\n\n"
            "Kepala Dinas Air Kota Lumen\n\nPaparan Data\n"
            "Debit Sungai Sera naik dua kali lipat sejak pekan lalu dan tanggul di hilir mulai retak.\n\n"
            "Kepala Yayasan Hijau Lumen\n\nRelawan siap membantu evakuasi warga di bantaran sungai malam ini.\n")
    monkeypatch.setattr(role_model, "shipped", lambda: False)  # what the rules read
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Dinas Air Kota Lumen": "speaker", "Yayasan Hijau Lumen": "speaker"}


def test_a_post_heading_with_no_sentence_under_it_is_no_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Rapat ditutup pukul 12.00.\n\nKepala Dinas Air Kota Lumen\n\nBudi Santoso\nNIP 1970 1234\n"
    monkeypatch.setattr(role_model, "shipped", lambda: False)
    assert roles(text, "Dinas Air Kota Lumen") == {"Dinas Air Kota Lumen": "mentioned"}


@pytest.mark.parametrize(("text", "body"), [
    ("Pada sesi distribusi, pelatihan diisi dengan fasilitator Sari dari PMI Kota Lumen.", "PMI Kota Lumen"),
    ("Sesi asesmen berjalan lancar, di mana fasilitatornya Rudi dari PMI Kabupaten Sera.", "PMI Kabupaten Sera"),
    ("“Peserta sangat antusias,” ujar Rudi yang merupakan fasilitator senior asal PMI Kota Sera.", "PMI Kota Sera"),
    ("Menurut panitia, narasumbernya pada hari ini dari Yayasan Hijau Lumen.", "Yayasan Hijau Lumen"),
    ("Rudi dari Yayasan Hijau Lumen selaku fasilitator membagi peserta dalam empat kelompok.", "Yayasan Hijau Lumen"),
])  # fmt: skip
def test_a_trainings_facilitator_or_the_days_resource_person_speaks(text: str, body: str) -> None:
    assert roles(text, body)[body] == "speaker"


def test_a_facilitator_as_a_job_title_in_an_attendance_table_is_no_speaker() -> None:
    text = ("DAFTAR HADIR\nNo | Nama | Jabatan | Instansi\n1 | Ani | Kepala Seksi | Dinas Air Kota Lumen\n"
            "2 | Rina | Fasilitator | Yayasan Hijau Lumen\n")
    assert roles(text, "Yayasan Hijau Lumen")["Yayasan Hijau Lumen"] == "participant"


def test_co_organisers_in_english_collaborate() -> None:
    text = ("Lumen Relief Forum collaborates with Sera Water Foundation and the Lumen Health Office to organize "
            "a three-day training for religious leaders.")
    bodies = ("Lumen Relief Forum", "Sera Water Foundation", "Lumen Health Office")
    assert roles(text, *bodies) == dict.fromkeys(bodies, "organiser")


def test_a_training_of_facilitators_in_a_title_makes_no_speaker_of_the_bodies_before_it() -> None:
    text = "Dinas Sosial Kota Lumen dan Yayasan Hijau Lumen menggelar Pelatihan Fasilitator Desa Tangguh."
    assert roles(text, "Dinas Sosial Kota Lumen")["Dinas Sosial Kota Lumen"] != "speaker"


def test_the_body_that_gives_the_training_organises_it() -> None:
    text = "PMI Kota Lumen memberikan pelatihan pertolongan pertama kepada tiga puluh relawan."
    assert roles_and_cues(text, "PMI Kota Lumen")["PMI Kota Lumen"] == ("organiser", "memberikan pelatihan")


@pytest.mark.parametrize(("text", "host"), [
    ("Rombongan itu diterima secara resmi oleh Dinas Kesehatan Kabupaten Lumen di aula.",
     "Dinas Kesehatan Kabupaten Lumen"),
    ("Kunjungan ini penting bagi Dinas Kesehatan Kabupaten Lumen yang menjadi lokus studi lapangan.",
     "Dinas Kesehatan Kabupaten Lumen"),
])  # fmt: skip
def test_the_visited_body_hosts_the_visit(text: str, host: str) -> None:
    assert roles(text, host)[host] == "host"


def test_the_body_that_leads_the_visiting_party_visits_and_the_receiver_hosts() -> None:
    text = ("Rombongan yang dipimpin oleh Kepala Dinas Pendidikan Kota Sera diterima oleh "
            "Sekretariat Daerah Kabupaten Lumen di pendopo.")
    got = roles(text, "Dinas Pendidikan Kota Sera", "Sekretariat Daerah Kabupaten Lumen")
    assert got == {"Dinas Pendidikan Kota Sera": "participant", "Sekretariat Daerah Kabupaten Lumen": "host"}


def test_who_was_visited_by_another_body_does_not_make_the_visitor_a_host() -> None:
    text = "The school was visited by the Lumen Water Office on Monday."
    assert roles(text, "Lumen Water Office")["Lumen Water Office"] == "participant"


# -- sectors ----------------------------------------------------------------------------------------


def _sectors(text: str) -> dict[str, str]:
    return {a.mention.name: a.sector for a in pipeline_actors(text)}


def test_a_centre_named_after_its_universitys_short_form_is_academic() -> None:
    text = ("Universitas Gadjah Mada (UGM) hosted the workshop. The UGM Flood Research Centre presented "
            "its new hazard maps to the planners.")
    got = _sectors(text)
    centre = next(name for name in got if "Centre" in name)
    assert got[centre] == "AcademicInstitution"


def test_a_short_form_that_counts_its_letters_is_the_same_body() -> None:
    text = ("Forum Komunikasi Kader Relawan Sera (FKKRS) menggelar latihan evakuasi. "
            "Ketua FK2RS menyampaikan bahwa latihan akan diulang setiap tahun.")
    forums = [a for a in pipeline_actors(text) if a.mention.acronym in ("FKKRS", "FK2RS")]
    assert len(forums) == 1
    assert forums[0].sector == "CivilSocietyOrganization"


def test_a_list_member_with_its_own_head_noun_keeps_its_kind() -> None:
    text = ("The workshop was attended by BPBD West Java, BMKG, LIPI, IOM, Red Cross, and the "
            "Public Works Office.")
    assert _sectors(text).get("Red Cross") == "CivilSocietyOrganization"


# -- a body's own exercise or inspection, and a later event ------------------------------------------


@pytest.mark.parametrize(("text", "bodies"), [
    ("BPBD Kota Lumen bersama PMI Kota Lumen melakukan geladi evakuasi di lapangan desa.",
     ("BPBD Kota Lumen", "PMI Kota Lumen")),
    ("Balai Sungai Lumen bersama Polres Lumen meninjau lokasi banjir di Kelurahan Sera.",
     ("Balai Sungai Lumen", "Polres Lumen")),
    ("Dinas Air Kota Lumen melakukan simulasi banjir bersama warga.", ("Dinas Air Kota Lumen",)),
])  # fmt: skip
def test_the_bodies_that_carry_out_their_own_drill_or_inspection_organise_it(text: str,
                                                                             bodies: tuple[str, ...]) -> None:
    assert roles(text, *bodies) == dict.fromkeys(bodies, "organiser")


def test_the_bodies_a_later_meeting_would_involve_are_only_mentioned(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Sebagai tindak lanjut, bakal diadakan rapat lanjutan di kantor camat dengan melibatkan "
            "Dinas Air Kota Lumen dan Pemerintah Kota Lumen.")
    monkeypatch.setattr(role_model, "shipped", lambda: False)  # what the rules read
    assert roles(text, "Dinas Air Kota Lumen", "Pemerintah Kota Lumen") == {
        "Dinas Air Kota Lumen": "mentioned", "Pemerintah Kota Lumen": "mentioned"}


def test_the_presenters_a_report_lists_are_speakers() -> None:
    text = ("The congress held five workshop sessions. Presenters included Lumen University, Sera Water "
            "Forum and Hijau Consulting.")
    bodies = ("Lumen University", "Sera Water Forum", "Hijau Consulting")
    assert roles(text, *bodies) == dict.fromkeys(bodies, "speaker")


# -- more sectors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Suku Dinas Lingkungan Hidup Kota Lumen menggelar sosialisasi bersama Bidang Pengelolaan Sampah RW 04 Sera.",
    "Narasumbernya Ani dari Dinas Lingkungan Hidup Kota Lumen dan Rina dari Bidang Pengelolaan Sampah (BPS) RW 04.",
])  # fmt: skip
def test_a_unit_of_a_neighbourhood_association_is_civil_society(text: str) -> None:
    got = _sectors(text)
    unit = next(name for name in got if name.startswith("Bidang"))
    assert got[unit] == "CivilSocietyOrganization"


def test_a_forum_named_as_another_places_forum_is_civil_society_as_that_one() -> None:
    text = ("Sarasehan itu dihadiri BPBD Kota Bandung, Dinas Sosial Kota Bandung, FPRB Jawa Barat, "
            "dan Basarnas.")
    got = _sectors(text)
    forum = next(name for name in got if name.startswith("FPRB"))
    assert got[forum] == "CivilSocietyOrganization"


# -- acts that are no act at this event ----------------------------------------------------------------


def test_a_body_spoken_of_before_a_pronoun_and_a_verb_of_speaking_is_not_the_speaker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Sekretaris Dinas Kesehatan Kota Lumen membuka pelatihan. Pemerintah Kota Lumen, ia mengatakan, "
            "telah menjalankan program deteksi dini gizi buruk sejak tahun lalu.")
    monkeypatch.setattr(role_model, "shipped", lambda: False)  # what the rules read
    assert roles(text, "Pemerintah Kota Lumen")["Pemerintah Kota Lumen"] == "mentioned"


def test_a_bodys_work_in_general_and_an_earlier_signing_are_no_act_at_the_event(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Kepala BPBD Kota Lumen memuji Yayasan Hijau Lumen yang aktif dalam melaksanakan kegiatannya. "
            "Rektor menambahkan bahwa Kementerian Riset telah lebih dulu menandatangani MoU dengan "
            "Pemerintah Provinsi Sera.")
    monkeypatch.setattr(role_model, "shipped", lambda: False)  # what the rules read
    got = roles(text, "Yayasan Hijau Lumen", "Kementerian Riset", "Pemerintah Provinsi Sera")
    assert got == dict.fromkeys(("Yayasan Hijau Lumen", "Kementerian Riset", "Pemerintah Provinsi Sera"), "mentioned")


def test_who_gives_the_welcome_remarks_opens_the_event() -> None:
    text = "Ketua Satgas Dinas Air Kota Lumen dalam sambutannya berharap semua pihak bekerja sama."
    assert roles(text, "Dinas Air Kota Lumen")["Dinas Air Kota Lumen"] == "opener"
