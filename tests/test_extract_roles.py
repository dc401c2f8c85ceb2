"""Each actor's role in the event (issue 20 §1): attendance tables and lists, headings, the verbs
of who organises, opens, speaks or takes part, and bodies only spoken of.

The roles component is run on small documents whose mentions are set by hand, so that these tests
check how roles are read, not how names are recognised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.extraction import roles_and_cues

from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.roles import heading_cue
from resilience_kg.extract.score import load_gold, read_extracted, score_report

BODIES = ("BPBD Kota Medan", "Dinas Sosial Kota Medan", "Universitas Sumatera Utara")


@pytest.mark.parametrize("table", [
    "| No | Nama | Jabatan | Instansi |\n|---|---|---|---|\n| 1 | Budi | Kepala | BPBD Kota Medan |\n"
    "| 2 | Sri | Staf | Dinas Sosial Kota Medan |\n| 3 | Ani | Dosen | Universitas Sumatera Utara |",
    "No | Nama | Jabatan | Instansi\n1 | Budi | Kepala | BPBD Kota Medan\n2 | Sri | Staf | Dinas Sosial Kota Medan\n"
    "3 | Ani | Dosen | Universitas Sumatera Utara",
    "No.\tNama\tInstansi\n1.\tBudi\tBPBD Kota Medan\n2.\tSri\tDinas Sosial Kota Medan\n"
    "3.\tAni\tUniversitas Sumatera Utara",
    "No.     Nama    Instansi\n1.      Budi    BPBD Kota Medan\n2.      Sri     Dinas Sosial Kota Medan\n"
    "3.      Ani     Universitas Sumatera Utara",
])  # fmt: skip
def test_every_body_of_an_attendance_table_takes_part_by_the_table_heading(table: str) -> None:
    text = f"NOTULEN RAPAT\n\nRapat Koordinasi Banjir\n\nDaftar Hadir\n\n{table}\n\nPembahasan\n\nBanjir merendam kota."
    assert roles_and_cues(text, *BODIES) == dict.fromkeys(BODIES, ("participant", "Daftar Hadir"))


def test_an_english_attendance_table_takes_part_and_the_bodies_below_it_do_not() -> None:
    text = ("Attendance\nName\tOrganisation\nJohn Smith\tJakarta Environment Agency\n"
            "Jane Doe\tWahana Visi Indonesia\n\nDiscussion\nThe chair thanked Bloomberg Philanthropies.")  # fmt: skip
    got = roles_and_cues(text, "Jakarta Environment Agency", "Wahana Visi Indonesia", "Bloomberg Philanthropies")
    assert got["Jakarta Environment Agency"] == got["Wahana Visi Indonesia"] == ("participant", "Attendance")
    assert got["Bloomberg Philanthropies"][0] == "mentioned"


def test_a_list_under_group_headings_takes_the_role_of_the_section_heading() -> None:
    text = ("I. PESERTA RAPAT\n\nPemerintah:\n- BPBD Provinsi Sumatera Selatan\n- Polda Sumsel\n\nAkademisi:\n"
            "- Universitas Sriwijaya\n\nDunia Usaha:\n- APP Sinar Mas\n\nII. JALANNYA RAPAT\n\nRapat berjalan lancar.")
    bodies = ("BPBD Provinsi Sumatera Selatan", "Polda Sumsel", "Universitas Sriwijaya", "APP Sinar Mas")
    assert roles_and_cues(text, *bodies) == dict.fromkeys(bodies, ("participant", "PESERTA"))


def test_a_heading_that_closes_a_paragraph_gives_its_own_role() -> None:
    text = ("Peserta berjumlah 45 orang, terdiri atas relawan dari tiga kelurahan. Narasumber dan undangan:\n\n"
            "No.\tNama\tInstansi\n1.\tSyarif\tBPBD Provinsi Kalimantan Barat\n2.\tReza\tTelkomsel")
    bodies = ("BPBD Provinsi Kalimantan Barat", "Telkomsel")
    assert roles_and_cues(text, *bodies) == dict.fromkeys(bodies, ("speaker", "Narasumber"))


def test_a_list_of_issues_or_proposals_below_a_paragraph_about_participants_takes_no_role_from_it() -> None:
    text = ("Narasumber FGD adalah perwakilan UNICEF. Peserta lainnya berasal dari Wahana Visi Indonesia.\n\n"
            "Permasalahan utama yang dibahas:\n1. data kesehatan yang terpilah.\n\nUsulan solusi:\n"
            "1. berbagi data antara Dinas Kesehatan dan Dinas Lingkungan Hidup.")
    got = roles_and_cues(text, "UNICEF", "Wahana Visi Indonesia", "Dinas Kesehatan", "Dinas Lingkungan Hidup")
    assert got["Dinas Kesehatan"][0] == got["Dinas Lingkungan Hidup"][0] == "mentioned"
    assert got["UNICEF"][0] == "speaker" and got["Wahana Visi Indonesia"][0] == "participant"


def test_heading_cue_reads_only_rows_and_items() -> None:
    text = "Daftar Hadir\n| 1 | BPBD |\nBPBD menutup rapat."
    assert heading_cue(text, text.index("BPBD")) is not None
    assert heading_cue(text, text.rindex("BPBD")) is None  # a sentence, not a row


@pytest.mark.parametrize(("text", "bodies", "role"), [
    ("Hadir dalam kegiatan itu BPBD Kota Banda Aceh, Dinas Sosial Aceh serta Forum PRB Aceh.",
     ("BPBD Kota Banda Aceh", "Dinas Sosial Aceh", "Forum PRB Aceh"), "participant"),
    ("Usai penandatanganan, digelar rapat yang diikuti BPBD Provinsi NTT dan CIS Timor.",
     ("BPBD Provinsi NTT", "CIS Timor"), "participant"),
    ("Observers came from the Sleman Regency Government and Sleman Police.",
     ("Sleman Regency Government", "Sleman Police"), "participant"),
    ("Narasumber yang hadir adalah Sekretariat Nasional SPAB, Universitas Negeri Jakarta serta Wahana Visi Indonesia.",
     ("Sekretariat Nasional SPAB", "Universitas Negeri Jakarta", "Wahana Visi Indonesia"), "speaker"),
    ("Narasumber berasal dari Pusat Studi Bencana ITS dan Dinas Kesehatan Kabupaten Sidoarjo.",
     ("Pusat Studi Bencana ITS", "Dinas Kesehatan Kabupaten Sidoarjo"), "speaker"),
    ("Workshop diselenggarakan oleh Dinas Lingkungan Hidup Kota Parepare bekerja sama dengan Universitas Hasanuddin.",
     ("Dinas Lingkungan Hidup Kota Parepare", "Universitas Hasanuddin"), "organiser"),
    ("BPBD Kobar Gelar Rakor Kesiapsiagaan Banjir", ("BPBD Kobar",), "organiser"),
    ("Rapat dipimpin Kepala Pelaksana BPBA.", ("BPBA",), "organiser"),
    ("Pelatihan didukung oleh Palang Merah Jerman.", ("Palang Merah Jerman",), "participant"),
    ("A drill organised by PSBA UGM, with funding from JICA.", ("JICA",), "participant"),
    ("The Australian Department of Foreign Affairs and Trade (DFAT), which funds the project, sent an observer.",
     ("Australian Department of Foreign Affairs and Trade",), "participant"),
    ("The Jakarta Resilience Secretariat received a delegation from the Embassy of Denmark.",
     ("Jakarta Resilience Secretariat",), "host"),
    ("The Jakarta Resilience Secretariat received a delegation from the Embassy of Denmark.",
     ("Embassy of Denmark",), "participant"),
    ("Tim BPBD berkunjung ke Pusat Studi Kebencanaan Universitas Brawijaya di Malang.",
     ("Pusat Studi Kebencanaan Universitas Brawijaya",), "host"),
    ("BPBD Provinsi Sumatera Selatan melaporkan 312 titik panas.", ("BPBD Provinsi Sumatera Selatan",), "speaker"),
    ("Yayasan Kota Kita berbagi pengalaman pemetaan partisipatif.", ("Yayasan Kota Kita",), "speaker"),
])  # fmt: skip
def test_the_many_ways_reports_say_who_took_part_organised_or_spoke(text: str, bodies: tuple[str, ...],
                                                                     role: str) -> None:
    got = roles_and_cues(text, *bodies)
    assert {b: got[b][0] for b in bodies} == dict.fromkeys(bodies, role), got


def test_who_attends_and_then_presents_keeps_the_stronger_role() -> None:
    text = "Perwakilan Universitas Diponegoro turut hadir dan menyampaikan hasil kajian."
    got = roles_and_cues(text, "Universitas Diponegoro")
    assert got["Universitas Diponegoro"] == ("speaker", "menyampaikan")


def test_a_body_whose_head_opens_the_event_is_the_opener() -> None:
    got = roles_and_cues("BPBD Kota Bima menggelar rapat. Kepala Dinas Sosial Kota Bima membuka rapat.",
                 "BPBD Kota Bima", "Dinas Sosial Kota Bima")
    assert got == {"BPBD Kota Bima": ("organiser", "menggelar"), "Dinas Sosial Kota Bima": ("opener", "membuka")}


@pytest.mark.parametrize("text", [
    "Menurut BMKG, curah hujan tinggi. BPBD Kota Bima menggelar rapat.",
    "Data dari BMKG menunjukkan curah hujan tinggi. BPBD Kota Bima menggelar rapat.",
    "According to BMKG, the rains will be heavy. BPBD Kota Bima menggelar rapat.",
])  # fmt: skip
def test_a_body_cited_as_a_source_is_only_mentioned(text: str) -> None:
    got = roles_and_cues(text, "BMKG", "BPBD Kota Bima")
    assert got["BMKG"][0] == "mentioned"
    assert got["BPBD Kota Bima"][0] == "organiser"


def test_a_body_named_inside_a_proposal_is_mentioned_not_an_organiser() -> None:
    text = ("Dinas Sosial Kota Bima menggelar rapat koordinasi. "
            "BPBD Kota Bima mengusulkan pelatihan relawan yang dipimpin oleh PMI bersama Dinsos.")
    got = roles_and_cues(text, "Dinas Sosial Kota Bima", "BPBD Kota Bima", "PMI")
    assert got["PMI"][0] == "mentioned"
    assert got["Dinas Sosial Kota Bima"][0] == "organiser"
    assert got["BPBD Kota Bima"][0] == "participant"


def test_the_score_details_name_each_wrong_role_with_its_cue(tmp_path: Path) -> None:
    text = "Rapat dihadiri oleh BPBD."
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    gold = {"source": "r.txt", "actors": [{"surface": "BPBD", "name": "BPBD", "id": None,
                                          "sector": "GovernmentAgency", "role": "speaker"}]}  # fmt: skip
    (tmp_path / "r.json").write_text(json.dumps(gold), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "elements.csv").write_text("id,type,label_id,quote,start,end,status\n"
                                      "ev,Event,Rapat,Rapat,0,5,draft\nr-bpbd,GovernmentAgency,BPBD,BPBD,20,24,draft\n",
                                      encoding="utf-8")  # fmt: skip
    (out / "connections.csv").write_text("from,to,type,method,status\n"
                                         "r-bpbd,ev,participatedIn,rule:role-cue:dihadiri oleh,draft\n",
                                         encoding="utf-8")  # fmt: skip
    score = score_report(load_gold(tmp_path / "r.json"), read_extracted(out))
    assert (score.roles_right, score.roles_total) == (0, 1)
    assert score.role_wrong == ["BPBD: got participant (gold speaker), cue 'dihadiri oleh'"]


@pytest.mark.parametrize(("text", "bodies", "role"), [
    ("Rapat menghadirkan narasumber dari BMKG dan Universitas Padjadjaran.", ("BMKG", "Universitas Padjadjaran"),
     "speaker"),
    ("Seminar menghadirkan Kepala Stasiun Klimatologi Malang dan Universitas Brawijaya.",
     ("Stasiun Klimatologi Malang", "Universitas Brawijaya"), "speaker"),
    ("Sosialisasi terlaksana atas kerja sama BPBD Kota Bima dan Universitas Mataram.",
     ("BPBD Kota Bima", "Universitas Mataram"), "organiser"),
    ("Pemerintah Kota Bima melalui BPBD Kota Bima menggelar simulasi evakuasi.",
     ("Pemerintah Kota Bima", "BPBD Kota Bima"), "organiser"),
    ("The workshop was hosted by Pattimura University.", ("Pattimura University",), "host"),
    ("IOM, in collaboration with BPBD Maluku, organised the workshop.", ("IOM", "BPBD Maluku"), "organiser"),
    ("The meeting was attended by Dinas SDA, PAM Jaya and Jakpro.", ("Dinas SDA", "PAM Jaya", "Jakpro"),
     "participant"),
    ("Participants came from Caritas Indonesia and CityNet.", ("Caritas Indonesia", "CityNet"), "participant"),
    ("The session was joined by Halodoc and Wahana Visi Indonesia.", ("Halodoc", "Wahana Visi Indonesia"),
     "participant"),
    ("Peserta yang hadir berasal dari Bappeda Kota Bima dan Dinas PUPR Kota Bima.",
     ("Bappeda Kota Bima", "Dinas PUPR Kota Bima"), "participant"),
    ("Peserta yang hadir: unsur OPD, yaitu Bappeda Kota Parepare dan BPBD Kota Parepare; unsur masyarakat, yaitu "
     "Kelompok Nelayan Cempae.", ("Bappeda Kota Parepare", "BPBD Kota Parepare", "Kelompok Nelayan Cempae"),
     "participant"),
    ("Kegiatan dibuka oleh Sekretaris Daerah Kota Jayapura.", ("Kota Jayapura",), "opener"),
    ("Sambutan disampaikan oleh Kepala BPBD Kota Bima.", ("BPBD Kota Bima",), "opener"),
    ("Dinas Kesehatan Kota Bima memberikan materi tentang demam berdarah.", ("Dinas Kesehatan Kota Bima",), "speaker"),
    ("The keynote was given by the Ministry of Health.", ("Ministry of Health",), "speaker"),
    ("Panelists included UN-Habitat and ICLEI.", ("UN-Habitat", "ICLEI"), "speaker"),
])  # fmt: skip
def test_more_ways_of_naming_organisers_speakers_and_participants(text: str, bodies: tuple[str, ...],
                                                                  role: str) -> None:
    got = roles_and_cues(text, *bodies)
    assert {b: got[b][0] for b in bodies} == dict.fromkeys(bodies, role), got


@pytest.mark.parametrize("header", ["No | Nama | Jabatan | Instansi", "| No | Nama | Instansi |",
                                    "No    Nama    Instansi",
                                    "Name\tOrganisation", "Name / Organisation | Position"])
def test_a_table_whose_heading_says_nothing_is_an_attendance_list_by_its_organisation_column(header: str) -> None:
    rows = "\n".join(f"{n} | Budi | {body}" for n, body in enumerate(BODIES, 1))
    text = f"Lampiran\n\n{header}\n{rows}\n\nNotulis"
    assert {b: r[0] for b, r in roles_and_cues(text, *BODIES).items()} == dict.fromkeys(BODIES, "participant")


def test_a_table_without_an_organisation_column_or_a_heading_gives_no_role() -> None:
    text = "Lampiran\n\nNo | Kegiatan | Pelaksana\n1 | Susur sungai | BPBD Kota Medan\n\nNotulis"
    assert roles_and_cues(text, "BPBD Kota Medan")["BPBD Kota Medan"][0] == "mentioned"


@pytest.mark.parametrize(("text", "bodies", "role"), [
    ("Undangan:\n- Dinas Sosial Kota Bima\n- PMI Kota Bima\n\nPembahasan", ("Dinas Sosial Kota Bima", "PMI Kota Bima"),
     "participant"),
    ("Kepala Desa memenuhi undangan BPBD Kota Bima.", ("BPBD Kota Bima",), "organiser"),
    ("BPBD Kota Bima Adakan Rakor Kesiapsiagaan", ("BPBD Kota Bima",), "organiser"),
    ("Dinas Kesehatan Kota Bima selaku penyelenggara membuka pendaftaran.", ("Dinas Kesehatan Kota Bima",),
     "organiser"),
    ("Also present were Caritas Indonesia and CityNet.", ("Caritas Indonesia", "CityNet"), "participant"),
])  # fmt: skip
def test_invitations_headline_verbs_and_who_was_present(text: str, bodies: tuple[str, ...], role: str) -> None:
    got = roles_and_cues(text, *bodies)
    assert {b: got[b][0] for b in bodies} == dict.fromkeys(bodies, role), got


def test_a_web_page_table_read_one_cell_a_line_takes_its_heading_or_its_organisation_column() -> None:
    cells = "No\nNama\nInstansi\n1\nBudi\nBPBD Kota Medan\n2\nSri\nDinas Sosial Kota Medan"
    with_heading = f"Notulen Rapat\nRapat membahas banjir.\nDaftar Hadir\n{cells}\nPembahasan\nBanjir merendam kota."
    bodies = ("BPBD Kota Medan", "Dinas Sosial Kota Medan")
    assert roles_and_cues(with_heading, *bodies) == dict.fromkeys(bodies, ("participant", "Daftar Hadir"))
    without = f"Notulen Rapat\nRapat membahas banjir yang merendam empat belas kecamatan di kota.\n{cells}"
    assert roles_and_cues(without, *bodies) == dict.fromkeys(bodies, ("participant", "Instansi"))


def test_a_signature_under_a_closing_sentence_takes_no_role(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Rapat membahas banjir yang merendam empat belas kecamatan di kota.\n\n"
            "Demikian laporan ini disampaikan.\n\nMedan, 7 November 2019\nKepala Pelaksana\nBPBD Kota Medan")
    # What the cue rules read: the role reader then weighs the lone body the passage names
    # (first named, no organiser found: most often the organiser on real pages).
    monkeypatch.setattr(role_model, "shipped", lambda: False)
    assert roles_and_cues(text, "BPBD Kota Medan")["BPBD Kota Medan"][0] == "mentioned"


@pytest.mark.parametrize(("text", "body", "role"), [
    ("Dinas Sosial Kota Bima diwakili oleh Kepala Bidang Rehabilitasi Sosial.", "Dinas Sosial Kota Bima",
     "participant"),
    ("The Ministry of Health was represented by its director of disease control.", "Ministry of Health", "participant"),
    ("Kegiatan ini merupakan kolaborasi antara BPBD Kota Bima dan Universitas Mataram.", "Universitas Mataram",
     "organiser"),
])  # fmt: skip
def test_who_attends_through_an_officer_and_who_organises_in_collaboration(text: str, body: str, role: str) -> None:
    assert roles_and_cues(text, body)[body][0] == role


def test_who_answers_a_presentation_is_not_its_speaker() -> None:
    text = "Menanggapi paparan tersebut, Sudin Kesehatan mengusulkan pemeriksaan kualitas air setiap bulan."
    assert roles_and_cues(text, "Sudin Kesehatan")["Sudin Kesehatan"][0] == "participant"


@pytest.mark.parametrize("text", [
    "Menanggapi presentasi tersebut, Dinas Sosial Kota Bima mengusulkan dapur umum.",
    "Responding to the presentation, Dinas Sosial Kota Bima proposed a public kitchen.",
])  # fmt: skip
def test_who_answers_a_presentation_is_a_participant(text: str) -> None:
    assert roles_and_cues(text, "Dinas Sosial Kota Bima")["Dinas Sosial Kota Bima"][0] == "participant"
