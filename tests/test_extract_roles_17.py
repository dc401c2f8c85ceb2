"""Roles, round 17: a modal of ability makes no act, carrying out a programme is no event held, a
facilitator of a partnership organises while its parties sign, who speaks while chairing chairs,
who confirms or swears in members holds the ceremony, and who accompanies another's inspection
attends it. Every passage is made up."""

from __future__ import annotations

from helpers.extraction import roles, roles_and_cues

from resilience_kg.extract.components import Document, attendance, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.recognise.actors import ActorMention

# -- a modal of ability: what a body could do, no act at the event (guide, roles: mentioned) -------


def test_a_body_that_could_meet_a_need_is_mentioned() -> None:
    text = ("Komisi B DPRD Kota Contoh meninjau Bendungan Sukamaju, Senin. Kepala Komisi B mengatakan "
            "pengawasan terus dilakukan. Sehingga, Pemerintah Kota Contoh dapat memenuhi kebutuhan air warga.")
    assert roles(text, "Pemerintah Kota Contoh")["Pemerintah Kota Contoh"] == "mentioned"


def test_a_body_that_could_hold_a_drill_does_not_organise_but_one_that_holds_it_does() -> None:
    could = "Anggaran ditambah agar BPBD Kota Contoh dapat menggelar simulasi gempa tahun depan."
    holds = "BPBD Kota Contoh menggelar simulasi gempa di Kelurahan Sukamaju, Senin."
    assert roles(could, "BPBD Kota Contoh")["BPBD Kota Contoh"] != "organiser"
    assert roles(holds, "BPBD Kota Contoh")["BPBD Kota Contoh"] == "organiser"


# -- carrying out a programme is a body's standing work (guide, roles 5) -----------------------------


def test_a_body_that_has_carried_out_a_programme_since_last_year_does_not_organise() -> None:
    text = ("Wali Kota Contoh meninjau posyandu di Kelurahan Sukamaju, Selasa. Hal ini dibuktikan melalui "
            "Puskesmas Kecamatan Sukamaju yang telah melaksanakan program Balita Sehat sejak tahun lalu.")
    assert roles(text, "Puskesmas Kecamatan Sukamaju")["Puskesmas Kecamatan Sukamaju"] != "organiser"


def test_a_body_that_carries_out_a_meeting_still_organises() -> None:
    text = "BPBD Kota Contoh melaksanakan rapat koordinasi kesiapsiagaan banjir, Senin."
    assert roles(text, "BPBD Kota Contoh")["BPBD Kota Contoh"] == "organiser"


# -- a facilitator of a partnership organises its signing; the parties sign (guide, roles 3) ---------


def test_the_facilitator_of_a_cooperation_between_two_governments_organises_it() -> None:
    text = ("Kementerian Dalam Negeri (Kemendagri) memfasilitasi dan mengasistensi kerja sama antara "
            "Pemerintah Kota Contoh dengan Pemerintah Kabupaten Sukamaju tentang pengelolaan sampah, "
            "Senin. Penandatanganan perjanjian dilakukan di Jakarta.")
    got = roles(text, "Kementerian Dalam Negeri", "Pemerintah Kota Contoh", "Pemerintah Kabupaten Sukamaju")
    assert got == {"Kementerian Dalam Negeri": "organiser", "Pemerintah Kota Contoh": "participant",
                   "Pemerintah Kabupaten Sukamaju": "participant"}


def test_an_english_facilitated_cooperation_between_two_bodies() -> None:
    text = ("The Ministry of Home Affairs facilitated the cooperation between the Contoh City Government "
            "and the Sukamaju Regency Government on waste on Monday.")
    got = roles(text, "Ministry of Home Affairs", "Contoh City Government", "Sukamaju Regency Government")
    assert got["Ministry of Home Affairs"] == "organiser"
    assert got["Contoh City Government"] == got["Sukamaju Regency Government"] == "participant"


def test_a_cooperation_between_two_bodies_with_no_facilitator_is_still_theirs() -> None:
    text = "Rapat ini merupakan hasil kerja sama antara BPBD Kota Contoh dan PMI Kota Contoh."
    got = roles(text, "BPBD Kota Contoh", "PMI Kota Contoh")
    assert got == {"BPBD Kota Contoh": "organiser", "PMI Kota Contoh": "organiser"}


# -- who speaks while chairing chairs (guide, roles 9: the stronger role stands) ---------------------


def test_a_body_that_speaks_while_chairing_the_meeting_organises_it() -> None:
    text = ("Komitmen tersebut disampaikan Dinas Perhubungan Kota Contoh Budi Santoso saat memimpin Rapat "
            "Koordinasi Transportasi di Kota Contoh, Rabu.")
    assert roles_and_cues(text, "Dinas Perhubungan Kota Contoh")["Dinas Perhubungan Kota Contoh"] == (
        "organiser", "memimpin")


def test_a_body_that_speaks_after_a_meeting_is_still_a_speaker() -> None:
    text = ("Komitmen tersebut disampaikan Dinas Perhubungan Kota Contoh Budi Santoso dalam rapat "
            "koordinasi transportasi, Rabu.")
    assert roles(text, "Dinas Perhubungan Kota Contoh")["Dinas Perhubungan Kota Contoh"] == "speaker"


# -- who confirms or swears in members holds the ceremony ---------------------------------------------


def test_a_government_that_confirms_the_members_of_a_council_organises_the_ceremony() -> None:
    text = ("Pemerintah Kota Contoh mengukuhkan 15 anggota Dewan Pendidikan Kota Contoh di Aula Utama, "
            "Senin. Ketua Dewan Pendidikan Kota Contoh mengatakan pihaknya siap bekerja.")
    got = roles(text, "Pemerintah Kota Contoh", "Dewan Pendidikan Kota Contoh")
    assert got == {"Pemerintah Kota Contoh": "organiser", "Dewan Pendidikan Kota Contoh": "speaker"}


def test_members_sworn_in_by_a_regent_name_the_regency_the_organiser() -> None:
    text = "Sebanyak 20 pejabat dilantik oleh Pemerintah Kabupaten Contoh di Pendopo, Jumat."
    assert roles(text, "Pemerintah Kabupaten Contoh")["Pemerintah Kabupaten Contoh"] == "organiser"


# -- who accompanies another's inspection attends it (guide, roles 8) ---------------------------------


def test_who_accompanies_the_inspecting_body_attends() -> None:
    text = ("Dinas Kesehatan Kota Contoh Dampingi Pemerintah Kota Contoh Tinjau Posyandu\n\n"
            "Kepala Dinas Kesehatan Kota Contoh mendampingi Pemerintah Kota Contoh meninjau Posyandu Mawar, "
            "Selasa.")
    got = roles(text, "Dinas Kesehatan Kota Contoh", "Pemerintah Kota Contoh")
    assert got == {"Dinas Kesehatan Kota Contoh": "participant", "Pemerintah Kota Contoh": "organiser"}


# -- a memorandum of agreement is an agreement (guide, roles 3) ---------------------------------------


def test_the_signers_of_a_moa_sign_it() -> None:
    text = ("Universitas Contoh dan BPBD Kota Contoh menandatangani Memorandum of Agreement (MoA), Selasa. "
            "MoA tersebut ditandatangani oleh Kepala LPPM Universitas Contoh dan Kepala BPBD Kota Contoh.")
    got = roles(text, "LPPM Universitas Contoh", "BPBD Kota Contoh")
    assert got == {"LPPM Universitas Contoh": "organiser", "BPBD Kota Contoh": "organiser"}


def test_each_signer_after_masing_masing_oleh_signs() -> None:
    text = ("Nota kesepahaman itu ditandatangani masing-masing oleh Kepala Dinas Kesehatan Kota Contoh dan "
            "Rektor Universitas Contoh di Aula Utama, Senin.")
    got = roles(text, "Dinas Kesehatan Kota Contoh", "Universitas Contoh")
    assert got == {"Dinas Kesehatan Kota Contoh": "organiser", "Universitas Contoh": "organiser"}


# -- an agreement like this one, signed elsewhere; an event joined to a signing (guide, roles 3) -----


def test_the_parties_of_similar_agreements_signed_elsewhere_sign_nothing_here() -> None:
    text = ("Universitas Contoh dan Dinas Kesehatan Kota Contoh menandatangani PKS di Hotel Mawar, Rabu. "
            "Penandatanganan PKS seperti ini dilakukan pula oleh Dinas Kesehatan Kota Contoh dengan "
            "Universitas Sukamaju dan Politeknik Sukamaju.")
    got = roles(text, "Universitas Sukamaju", "Politeknik Sukamaju")
    assert got == {"Universitas Sukamaju": "mentioned", "Politeknik Sukamaju": "mentioned"}


def test_a_meeting_a_signing_is_joined_with_is_no_party_and_its_opener_opens() -> None:
    text = ("Penandatanganan PKS ini dipadukan dengan Rapat Koordinasi Daerah Tahun 2022, yang dibuka "
            "pelaksanaannya oleh Pemerintah Provinsi Contoh.")
    assert roles(text, "Pemerintah Provinsi Contoh")["Pemerintah Provinsi Contoh"] == "opener"


# -- a bare place of a regional government names no premises (guide, roles 9 and 10) -----------------


def test_a_hall_in_a_town_named_after_the_town_is_not_the_regencys_premises() -> None:
    text = ("Penandatanganan MoU bertempat di Aula Melati Sukamaju, Senin. Hadir pada acara itu Wakil Bupati "
            "Sukamaju dan Kepala Dinas Kesehatan Provinsi Contoh.")
    doc = Document(text)
    at = text.index("Sukamaju", text.index("Wakil Bupati"))
    # The post's body named by its place only, as the recogniser marks "Wakil Bupati Sukamaju".
    doc.mentions = [ActorMention(at, at + len("Sukamaju"), "Pemerintah Kabupaten Sukamaju", None, None, None, "",
                                 "test", 0.9)]
    for component in (spans.posts, spans.clauses, spans.cues, actors, attendance.roles):
        component(doc)
    assert doc.actors[0].role != "host"


# -- a council's own gathering of views; who speaks while doing it (guide, roles 8) -------------------


def test_a_council_committee_gathering_views_in_a_village_organises_it() -> None:
    text = ("Tim Pansus DPRD Kabupaten Contoh menyatakan akan menggali persoalan air. Demikian disampaikan "
            "Ketua Pansus DPRD Kabupaten Contoh, Drs Ali Rahman, saat menyerap aspirasi masyarakat di Desa "
            "Sukamaju, Kamis.")
    assert roles(text, "Pansus DPRD Kabupaten Contoh")["Pansus DPRD Kabupaten Contoh"] == "organiser"


# -- who begins the talks opens them (guide, roles 6) -------------------------------------------------


def test_the_body_that_begins_the_talks_opens_them() -> None:
    text = ("Rapat koordinasi banjir digelar BPBD Provinsi Contoh secara virtual, Senin. Penyampaian pada "
            "rapat ini diawali oleh Komando Distrik Militer 0101/Contoh.")
    got = roles(text, "Komando Distrik Militer 0101/Contoh")
    assert got["Komando Distrik Militer 0101/Contoh"] == "opener"
