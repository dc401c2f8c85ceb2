"""Roles, round 16: the bodies of a list a speech tag closes are the speaker's words (mentioned),
the other party named after an agreement's name signs, and a seat of government named after a
room and a comma hosts. Every passage is made up."""

from __future__ import annotations

from helpers.extraction import roles, roles_and_cues

# -- a list in a speaker's words, its quote mark dropped (guide, roles 4 and 5) ----------------------

_RESPONDERS = ("Dinas Sosial Kota Contoh", "BPBD Kota Contoh", "PMI Kota Contoh")


def test_a_list_a_speech_tag_closes_is_the_speakers_words_so_its_bodies_are_mentioned() -> None:
    text = ("Wakil Wali Kota Contoh meninjau lokasi kebakaran di Kelurahan Sukamaju.\n\n"
            "\"Petugas kami dari Dinas Sosial Kota Contoh, BPBD Kota Contoh dan PMI Kota Contoh "
            "membantu warga sejak tadi malam, katanya.\n\nBantuan logistik disiapkan untuk tujuh hari.")
    assert roles(text, *_RESPONDERS) == dict.fromkeys(_RESPONDERS, "mentioned")


def test_the_same_list_without_a_speech_tag_still_takes_part() -> None:
    text = ("Wakil Wali Kota Contoh meninjau lokasi kebakaran di Kelurahan Sukamaju.\n\n"
            "Petugas dari Dinas Sosial Kota Contoh, BPBD Kota Contoh dan PMI Kota Contoh membantu warga "
            "sejak tadi malam.\n\nBantuan logistik disiapkan untuk tujuh hari.")
    assert roles(text, *_RESPONDERS) == dict.fromkeys(_RESPONDERS, "participant")


def test_an_english_list_closed_by_said_is_the_speakers_words() -> None:
    text = ("The deputy mayor visited the flooded village on Monday.\n\n"
            "Our teams from the Social Agency of Contoh, the Contoh Fire Department and the Contoh Red Cross "
            "have been helping since last night, he said.")
    bodies = ("Social Agency of Contoh", "Contoh Fire Department", "Contoh Red Cross")
    assert roles(text, *bodies) == dict.fromkeys(bodies, "mentioned")


# -- the other party after an agreement's name signs (guide, roles 3) ---------------------------------


def test_the_body_after_mou_bersama_signs_a_signing_that_is_the_event() -> None:
    text = ("Bupati Contoh Teken MoU\n\nPemerintah Kabupaten Contoh menandatangani nota kesepahaman dengan "
            "Universitas Contoh, Senin. Lalu dilanjutkan dengan penandatanganan MoU bersama Kepolisian Resor "
            "Contoh tentang pengamanan pemilihan kepala desa.")
    got = roles_and_cues(text, "Pemerintah Kabupaten Contoh", "Universitas Contoh", "Kepolisian Resor Contoh")
    assert got["Kepolisian Resor Contoh"] == ("organiser", "bersama")
    assert got["Universitas Contoh"][0] == "organiser"


def test_the_parties_named_after_a_memorandum_on_cooperation_between_sign() -> None:
    text = ("Contoh University and the Contoh Conservation Center sign an agreement\n\n"
            "A memorandum of understanding on conservation education between Contoh University and the Contoh "
            "Conservation Center was the highlight of the camp on Thursday.")
    got = roles(text, "Contoh University", "Contoh Conservation Center")
    assert got == {"Contoh University": "organiser", "Contoh Conservation Center": "organiser"}


def test_a_later_signing_names_no_signatory() -> None:
    text = ("Rapat koordinasi banjir digelar di Kota Contoh. Penandatanganan MoU bersama Universitas Contoh "
            "akan digelar bulan depan.")
    assert roles(text, "Universitas Contoh")["Universitas Contoh"] != "organiser"


# -- a room, a comma, then the seat of government (guide, roles 9) ------------------------------------


def test_a_seat_of_government_named_after_a_room_and_a_comma_hosts() -> None:
    text = ("Rapat koordinasi kesiapsiagaan digelar di Ruang Rapat Utama, Kantor Bupati Contoh Raya, Senin. "
            "Rapat dihadiri BPBD Contoh Raya dan Pemerintah Kabupaten Contoh Raya.")
    assert roles(text, "BPBD Contoh Raya", "Pemerintah Kabupaten Contoh Raya")["Pemerintah Kabupaten Contoh Raya"] \
        == "host"


def test_an_english_regents_office_after_a_room_and_a_comma_hosts() -> None:
    text = ("The socialisation was held in the Convention Room, Contoh Raya Regent's Office, on Friday. "
            "It was attended by the Contoh Raya Regency Government and village heads.")
    assert roles(text, "Contoh Raya Regency Government")["Contoh Raya Regency Government"] == "host"


# -- a visit: who the visitor meets, or who welcomes it, hosts (guide, roles 8) -----------------------


def test_the_bodies_a_visitor_meets_during_a_visit_host() -> None:
    text = ("The Ambassador visited Contoh City on Tuesday. During the visit, the Ambassador met with the "
            "Contoh City Government, the Contoh Chamber of Commerce and Contoh State University.")
    bodies = ("Contoh City Government", "Contoh Chamber of Commerce", "Contoh State University")
    assert roles(text, *bodies) == dict.fromkeys(bodies, "host")


def test_a_meeting_with_outside_a_visit_is_no_hosting() -> None:
    text = "The forum was held in Contoh City. The organisers held a meeting with the Contoh Chamber of Commerce."
    assert roles(text, "Contoh Chamber of Commerce")["Contoh Chamber of Commerce"] != "host"


def test_who_welcomes_the_visitors_hosts() -> None:
    text = ("The Governor made a working visit to Contoh Village on Friday. On arrival, the delegation was "
            "welcomed by the Contoh Regency Government and village leaders.")
    assert roles(text, "Contoh Regency Government")["Contoh Regency Government"] == "host"


def test_the_parties_of_a_follow_up_or_an_earlier_agreement_sign_nothing_here() -> None:
    later = ("Bupati Contoh dan Bupati Sebelah Teken MoU\n\nPemerintah Kabupaten Contoh menandatangani nota "
             "kesepahaman dengan Pemerintah Kabupaten Sebelah. Kesepakatan ini selanjutnya diteruskan dengan "
             "perjanjian kerja sama (PKS) antara PDAM Contoh dan PDAM Sebelah.")
    got = roles(later, "Pemerintah Kabupaten Contoh", "Pemerintah Kabupaten Sebelah", "PDAM Contoh", "PDAM Sebelah")
    assert got["PDAM Contoh"] != "organiser" and got["PDAM Sebelah"] != "organiser"
    earlier = ("Universitas Contoh menandatangani nota kesepahaman dengan Pemerintah Kabupaten Contoh. Kementerian "
               "Pendidikan telah lebih dulu menandatangani MoU dengan Pemerintah Provinsi Contoh.")
    got = roles(earlier, "Universitas Contoh", "Pemerintah Kabupaten Contoh", "Pemerintah Provinsi Contoh")
    assert got["Pemerintah Provinsi Contoh"] == "mentioned"


# -- the English present perfect of holding (guide, roles: organiser) ---------------------------------


def test_a_body_that_has_held_the_activities_organises_them() -> None:
    text = ("The Contoh Province Environment Service has held strengthening activities for two days at its "
            "office. The activities were supported by the Contoh Zero Waste Alliance.")
    assert roles(text, "Contoh Province Environment Service")["Contoh Province Environment Service"] == "organiser"


# -- the meeting itself guided is chaired; a discussion guided is moderated (guide, roles 9) ----------


def test_who_guides_the_meeting_itself_organises_it() -> None:
    text = ("Rapat Koordinasi dipandu oleh Kepala Dinas Kominfo Contoh secara virtual dan diikuti oleh BPBD "
            "Kabupaten Contoh.")
    assert roles(text, "Dinas Kominfo Contoh", "BPBD Kabupaten Contoh") == {
        "Dinas Kominfo Contoh": "organiser", "BPBD Kabupaten Contoh": "participant"}


def test_who_guides_a_discussion_within_the_meeting_moderates_it() -> None:
    text = "Rapat digelar di Kota Contoh. Sesi diskusi dipandu oleh Kepala Bappeda Contoh."
    assert roles(text, "Bappeda Contoh")["Bappeda Contoh"] == "speaker"
