"""Roles, round 18: a report whose event no word of the table names still has an event (its title),
so every body drafted gets a role; a council's hearing and working meeting by their short forms;
bodies invited to discuss take part; "memenuhi" attends only an invitation; a partnership only planned
makes no co-organiser; more verbs of speaking; an audience is a visit; who is absent is mentioned; a
modal of obligation makes no act; an earlier event followed up is not this one; a venue's apposition
names its host.
Every passage is made up."""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.extraction import event, roles

from resilience_kg.extract.pipeline import extract_reports

# -- no body without a role: a report whose event no word names has its title for an event ----------

HEARING = ("Dewan Desak Balai Cari Jalan Keluar Soal Genangan di Sukamaju\n"
           "Senin, 3 Maret 2025\n\n"
           "KOTA CONTOH - Anggota DPRD Kota Contoh, Budi Santoso, menyoroti genangan yang melanda Sukamaju. "
           "Hadir dalam pertemuan ini Dinas Sosial Kota Contoh dan BPBD Kota Contoh.\n")


def _connections(tmp_path: Path, report: str) -> list[dict[str, str]]:
    source = tmp_path / "dewan-sukamaju.txt"
    source.write_text(report, encoding="utf-8")
    extract_reports([source], out=tmp_path / "drafts")
    with (tmp_path / "drafts" / "elements.csv").open(encoding="utf-8") as f:
        elements = list(csv.DictReader(f))
    with (tmp_path / "drafts" / "connections.csv").open(encoding="utf-8") as f:
        return [*elements, *csv.DictReader(f)]


def test_a_report_no_event_word_names_takes_its_title_for_the_event() -> None:
    text = HEARING.replace("pertemuan ini", "ruangan itu")
    _, kind, label = event(text)
    assert kind == "meeting"
    assert label == "Dewan Desak Balai Cari Jalan Keluar Soal Genangan di Sukamaju"


def test_a_text_with_no_title_line_still_has_no_event() -> None:
    assert event("Anggota DPRD Kota Contoh menyoroti genangan yang melanda Sukamaju.") == (None, None, None)


def test_every_body_of_a_report_with_no_event_word_gets_a_role(tmp_path: Path) -> None:
    rows = _connections(tmp_path, HEARING.replace("pertemuan ini", "ruangan itu"))
    bodies = {r["id"] for r in rows if r.get("type") == "GovernmentAgency" and r.get("status") == "draft"}
    events = [r["id"] for r in rows if r.get("type") == "Event"]
    assert bodies and len(events) == 1
    with_role = {r["from"] for r in rows if r.get("to") == events[0]} | \
        {r["to"] for r in rows if r.get("from") == events[0]}
    assert bodies <= with_role


def test_a_council_hearing_by_its_short_form_is_the_event() -> None:
    text = "Komisi C DPRD Kota Contoh menggelar RDP bersama Dinas Sosial Kota Contoh, Senin."
    assert event(text)[2].startswith("RDP")
    assert roles(text, "Komisi C DPRD Kota Contoh", "Dinas Sosial Kota Contoh") == {
        "Komisi C DPRD Kota Contoh": "organiser", "Dinas Sosial Kota Contoh": "participant"}


def test_a_working_meeting_by_its_short_form() -> None:
    assert event("Raker Komisi A dengan Dinas Sosial Kota Contoh berlangsung Rabu.")[1] == "meeting"


# -- the bodies invited to discuss or attend take part; the inviter convenes (guide, roles) ---------


def test_the_bodies_a_body_asks_to_a_discussion_take_part_and_it_organises() -> None:
    text = ("Dinas Perhubungan Kota Contoh mengajak sejumlah pemangku kepentingan mulai dari Dewan Transportasi "
            "Kota Contoh, Forum Pejalan Kaki Sukamaju dan Ombudsman RI untuk membahas layanan bus kota, Senin.")
    got = roles(text, "Dinas Perhubungan Kota Contoh", "Dewan Transportasi Kota Contoh",
                "Forum Pejalan Kaki Sukamaju", "Ombudsman RI")
    assert got == {"Dinas Perhubungan Kota Contoh": "organiser", "Dewan Transportasi Kota Contoh": "participant",
                   "Forum Pejalan Kaki Sukamaju": "participant", "Ombudsman RI": "participant"}


def test_the_bodies_invited_to_a_meeting_take_part() -> None:
    text = "BPBD Kota Contoh mengundang Dinas Sosial Kota Contoh dan PMI Kota Contoh untuk hadir dalam rapat, Senin."
    got = roles(text, "BPBD Kota Contoh", "Dinas Sosial Kota Contoh", "PMI Kota Contoh")
    assert got == {"BPBD Kota Contoh": "organiser", "Dinas Sosial Kota Contoh": "participant",
                   "PMI Kota Contoh": "participant"}


def test_an_english_invitation_to_discuss() -> None:
    text = "The Contoh Water Office invited the Contoh Health Office and the Red Cross to discuss the drought."
    got = roles(text, "Contoh Water Office", "Contoh Health Office", "Red Cross")
    assert got["Contoh Health Office"] == "participant" and got["Red Cross"] == "participant"


def test_an_appeal_with_no_purpose_of_attending_makes_no_role() -> None:
    text = ("Wali Kota Contoh menjelaskan program itu. Ia mengajak Dinas Sosial Kota Contoh menjaga "
            "kebersihan lingkungan.")
    assert roles(text, "Dinas Sosial Kota Contoh")["Dinas Sosial Kota Contoh"] == "mentioned"


# -- "memenuhi" attends only an invitation; a partnership only planned makes no co-organiser ---------


def test_meeting_a_need_is_no_attending_but_accepting_an_invitation_is() -> None:
    need = ("Komisi B DPRD Kota Contoh menggelar RDP, Senin. Ketua Komisi B mengatakan Komisi B DPRD Kota Contoh "
            "berupaya memenuhi kebutuhan air warga.")
    invited = ("Dinas Sosial Kota Contoh hadir memenuhi undangan Komisi B DPRD Kota Contoh dalam rapat dengar "
               "pendapat, Senin.")
    assert roles(need, "Komisi B DPRD Kota Contoh")["Komisi B DPRD Kota Contoh"] == "organiser"
    got = roles(invited, "Dinas Sosial Kota Contoh", "Komisi B DPRD Kota Contoh")
    assert got == {"Dinas Sosial Kota Contoh": "participant", "Komisi B DPRD Kota Contoh": "organiser"}


def test_a_partnership_only_planned_makes_no_co_organisers() -> None:
    text = ("Ketua Komisi B mengatakan, pertemuan ini langkah awal untuk melakukan kerja sama antara "
            "PT Air Contoh dengan Perumda Tirta Sukamaju.")
    got = roles(text, "PT Air Contoh", "Perumda Tirta Sukamaju")
    assert "organiser" not in got.values()


def test_a_partnership_made_at_the_event_still_co_organises() -> None:
    text = "Seminar ini terselenggara atas kerja sama antara Universitas Contoh dan BPBD Kota Contoh."
    got = roles(text, "Universitas Contoh", "BPBD Kota Contoh")
    assert got == {"Universitas Contoh": "organiser", "BPBD Kota Contoh": "organiser"}


# -- every verb of speaking makes a speaker (guide, roles 1) -----------------------------------------


def test_a_body_that_reminds_or_expresses_at_the_event_speaks() -> None:
    text = ("Rapat koordinasi banjir digelar Senin. Kepala BMKG mengingatkan bahwa curah hujan masih tinggi. "
            "Dinas Sosial Kota Contoh mengutarakan kendala logistik di pengungsian.")
    got = roles(text, "BMKG", "Dinas Sosial Kota Contoh")
    assert got == {"BMKG": "speaker", "Dinas Sosial Kota Contoh": "speaker"}


def test_a_body_asked_to_remind_others_does_not_speak() -> None:
    text = "Wali Kota Contoh meminta BPBD Kota Contoh untuk mengingatkan warga di bantaran sungai."
    assert roles(text, "BPBD Kota Contoh")["BPBD Kota Contoh"] != "speaker"


def test_the_body_in_brackets_after_a_speech_tag_speaks() -> None:
    text = ("“Kami akan mengawasi perbaikan pipa,” ujar Budi (Anggota Komisi II dari Fraksi Contoh) "
            "usai rapat, Senin.")
    assert roles(text, "Fraksi Contoh")["Fraksi Contoh"] == "speaker"


# -- an audience is a visit: the body received hosts it, the visitor attends (guide, roles 8) -------


def test_the_body_an_audience_is_held_with_hosts_it() -> None:
    text = ("Universitas Contoh beraudiensi dengan Pemerintah Provinsi Contoh di ruang kerja Gubernur, Rabu, "
            "membahas penanganan stunting.")
    got = roles(text, "Universitas Contoh", "Pemerintah Provinsi Contoh")
    assert got == {"Universitas Contoh": "participant", "Pemerintah Provinsi Contoh": "host"}


def test_a_council_that_holds_an_audience_with_a_company_still_hears_it() -> None:
    text = "Komisi II DPRD Kota Contoh menggelar audiensi dengan Perumda Air Minum Contoh, Selasa."
    got = roles(text, "Komisi II DPRD Kota Contoh", "Perumda Air Minum Contoh")
    assert got == {"Komisi II DPRD Kota Contoh": "organiser", "Perumda Air Minum Contoh": "participant"}


# -- a body said to be absent is only mentioned ----------------------------------------------------


def test_a_body_said_to_be_absent_is_mentioned() -> None:
    text = ("Rapat kerja digelar Komisi D DPRD Provinsi Contoh, Kamis. Namun, Kepala Bappeda Provinsi Contoh "
            "memilih absen. Dinas Lingkungan Hidup Provinsi Contoh tidak hadir dalam rapat itu.")
    got = roles(text, "Komisi D DPRD Provinsi Contoh", "Bappeda Provinsi Contoh",
                "Dinas Lingkungan Hidup Provinsi Contoh")
    assert got == {"Komisi D DPRD Provinsi Contoh": "organiser", "Bappeda Provinsi Contoh": "mentioned",
                   "Dinas Lingkungan Hidup Provinsi Contoh": "mentioned"}


def test_a_body_present_beside_an_absent_one_still_attends() -> None:
    text = "Hadir dalam rapat itu Dinas Sosial Provinsi Contoh, sedangkan Bappeda Provinsi Contoh berhalangan hadir."
    got = roles(text, "Dinas Sosial Provinsi Contoh", "Bappeda Provinsi Contoh")
    assert got == {"Dinas Sosial Provinsi Contoh": "participant", "Bappeda Provinsi Contoh": "mentioned"}


# -- what a body ought to do is no act; the agents of an earlier event followed up are mentioned -----


def test_a_body_that_ought_to_be_present_does_not_attend() -> None:
    text = ("Penandatanganan kerja sama digelar Jumat. “Negara harus hadir memberikan layanan air,” kata Gubernur, "
            "dikutip dari siaran pers Dinas Komunikasi Kota Contoh.")
    assert roles(text, "Dinas Komunikasi Kota Contoh")["Dinas Komunikasi Kota Contoh"] != "participant"


def test_the_agents_of_an_earlier_signing_followed_up_are_not_organisers() -> None:
    text = ("Kerja sama ini merupakan tindak lanjut dari penandatanganan nota kesepakatan yang dilaksanakan oleh "
            "Kementerian Dalam Negeri dan Kementerian Keuangan tahun lalu.")
    got = roles(text, "Kementerian Dalam Negeri", "Kementerian Keuangan")
    assert "organiser" not in got.values()


def test_a_body_that_follows_up_an_earlier_meeting_with_its_own_still_organises() -> None:
    text = "Menindaklanjuti rapat sebelumnya, BPBD Kota Contoh menggelar rapat koordinasi, Senin."
    assert roles(text, "BPBD Kota Contoh")["BPBD Kota Contoh"] == "organiser"


def test_the_bodies_present_at_the_event_still_attend() -> None:
    text = "Hadir dalam rapat itu Dinas Sosial Kota Contoh dan BPBD Kota Contoh."
    assert set(roles(text, "Dinas Sosial Kota Contoh", "BPBD Kota Contoh").values()) == {"participant"}


def test_the_chair_of_a_meeting_that_follows_up_another_still_organises() -> None:
    text = "Rapat ini merupakan tindak lanjut dari rapat bulan lalu, dipimpin oleh Kepala BPBD Kota Contoh."
    assert roles(text, "BPBD Kota Contoh")["BPBD Kota Contoh"] == "organiser"


# -- a venue named twice, the second naming its owner ("di Gedung B, Kantor X"): X hosts (roles 9) --


def test_the_owner_named_after_a_venues_comma_hosts() -> None:
    text = ("Penandatanganan perjanjian kerja sama bidang kebencanaan berlangsung di Gedung B, Kantor Dinas "
            "Pendidikan Provinsi Contoh, Senin. Kepala Dinas Pendidikan Provinsi Contoh menyampaikan apresiasi.")
    assert roles(text, "Dinas Pendidikan Provinsi Contoh")["Dinas Pendidikan Provinsi Contoh"] == "host"


def test_a_list_of_bodies_with_an_office_among_them_hosts_nothing() -> None:
    text = ("Hadir dalam rapat itu Dinas Sosial Provinsi Contoh, Kantor Pertanahan Kota Contoh dan BPBD Kota Contoh.")
    got = roles(text, "Dinas Sosial Provinsi Contoh", "Kantor Pertanahan Kota Contoh", "BPBD Kota Contoh")
    assert "host" not in got.values()


def test_a_body_whose_member_asks_a_question_speaks() -> None:
    text = ("Kunjungan kerja digelar Jumat. Anggota Pansus DPRD Provinsi Contoh, Budi, menanyakan penanganan "
            "sampah pelaku usaha.")
    assert roles(text, "DPRD Provinsi Contoh")["DPRD Provinsi Contoh"] == "speaker"


def test_the_body_a_speech_tag_names_after_a_quoted_undertaking_speaks() -> None:
    text = '"Kami akan mengawasi perbaikan pipa", ujar Budi ( Komisi II dari Fraksi Contoh ).'
    assert roles(text, "Fraksi Contoh")["Fraksi Contoh"] == "speaker"
