"""Classes of roles settled by the annotation guide (``docs/annotation-guide.md``), each on a
made-up passage: verbs of speaking, how far back such a verb reaches, and what a proposal alone
makes of its body.

The roles component runs on documents whose mentions are set by hand, so that these tests check how
roles are read, not how names are recognised.
"""

from __future__ import annotations

from helpers.extraction import roles


def test_an_english_verb_of_speaking_makes_a_speaker_of_an_attendee() -> None:
    """Guide, roles 1: the event heard the body's account (its data, its complaint)."""
    text = ("The workshop was attended by the Harbour Authority of Port Lumen and the Lumen Fishers Union. "
            "The Lumen Fishers Union noted that half of its boats have no radio.")  # fmt: skip
    got = roles(text, "Harbour Authority of Port Lumen", "Lumen Fishers Union")
    assert got == {"Harbour Authority of Port Lumen": "participant", "Lumen Fishers Union": "speaker"}


def test_a_verb_of_speaking_reaches_back_over_a_plain_list_only() -> None:
    """'A asked for ..., while B and C stressed ...': the verb is B's and C's, not A's."""
    text = ("Participants came from the Lumen Water Office, the Lumen Youth Forum and the Lumen Green Trust. "
            "The Lumen Water Office asked for a larger budget for pumps, while the Lumen Youth Forum and the "
            "Lumen Green Trust stressed that the drains are blocked by waste.")  # fmt: skip
    got = roles(text, "Lumen Water Office", "Lumen Youth Forum", "Lumen Green Trust")
    assert got == {"Lumen Water Office": "participant", "Lumen Youth Forum": "speaker", "Lumen Green Trust": "speaker"}


def test_a_proposal_alone_keeps_its_body_a_participant() -> None:
    """Guide, roles 2: the proposal is a link of its own; the role says only that the body was there."""
    text = ("Rapat dihadiri oleh Dinas Air Kota Lumen dan Yayasan Hijau Lumen. "
            "Yayasan Hijau Lumen mengusulkan patroli sampah harian di pintu air.")  # fmt: skip
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Dinas Air Kota Lumen": "participant", "Yayasan Hijau Lumen": "participant"}


def test_the_parties_of_a_signing_nobody_else_organises_are_its_organisers() -> None:
    """Guide, roles 3: the signing is their event; the witnesses attend it."""
    text = ("Pemerintah Kota Lumen menandatangani nota kesepahaman dengan Universitas Lumen Raya tentang "
            "pengurangan risiko banjir, Senin (9/9/2019). MoU ini disaksikan oleh Dinas Air Kota Lumen.")  # fmt: skip
    got = roles(text, "Pemerintah Kota Lumen", "Universitas Lumen Raya", "Dinas Air Kota Lumen")
    assert got == {"Pemerintah Kota Lumen": "organiser", "Universitas Lumen Raya": "organiser",
                   "Dinas Air Kota Lumen": "participant"}


def test_the_parties_of_a_signing_another_body_organises_take_part_in_it() -> None:
    text = ("Pemerintah Kota Lumen dan Yayasan Hijau Lumen menandatangani Nota Kesepahaman tentang sampah sungai. "
            "Acara yang difasilitasi oleh Biro Kerja Sama Kota Lumen tersebut dihadiri oleh "
            "Dinas Air Kota Lumen.")  # fmt: skip
    got = roles(text, "Pemerintah Kota Lumen", "Yayasan Hijau Lumen", "Biro Kerja Sama Kota Lumen",
                 "Dinas Air Kota Lumen")
    assert got == {"Pemerintah Kota Lumen": "participant", "Yayasan Hijau Lumen": "participant",
                   "Biro Kerja Sama Kota Lumen": "organiser", "Dinas Air Kota Lumen": "participant"}


def test_signing_something_that_is_no_agreement_gives_no_role() -> None:
    """A handover record ('berita acara serah terima') is no agreement: no organiser by signing it."""
    text = ("Rapat dipimpin oleh Dinas Air Kota Lumen. "
            "Yayasan Hijau Lumen menandatangani berita acara serah terima alat.")
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Dinas Air Kota Lumen": "organiser", "Yayasan Hijau Lumen": "mentioned"}


def test_a_body_whose_premises_are_the_venue_hosts_the_event() -> None:
    """Guide, roles 8: the event was in its house; the bodies listed after the venue attend."""
    text = ("Rapat koordinasi bertempat di ruang rapat Dinas Air Kota Lumen, dihadiri oleh Yayasan Hijau Lumen "
            "dan Universitas Lumen Raya.")  # fmt: skip
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Universitas Lumen Raya")
    assert got == {"Dinas Air Kota Lumen": "host", "Yayasan Hijau Lumen": "participant",
                   "Universitas Lumen Raya": "participant"}


def test_a_verb_cue_after_an_article_is_an_adjective() -> None:
    """'called for a shared map': nobody shared anything; the body only asked for a map."""
    text = ("The meeting was attended by the Lumen Water Office and Lumen River Watch. "
            "Lumen River Watch called for a shared map of river barriers.")  # fmt: skip
    assert roles(text, "Lumen Water Office", "Lumen River Watch")["Lumen River Watch"] == "participant"


def test_bodies_a_sentence_says_are_needed_are_not_present() -> None:
    """A cue-less sentence naming three bodies is read as who was there, unless it says they are
    needed ("dibutuhkan dukungan dari ..."): then they are spoken of."""
    names = ("Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Universitas Lumen Raya")
    bodies = f"{names[0]}, {names[1]} dan {names[2]}."
    listed = f"Rapat koordinasi banjir Kota Lumen. {bodies}"
    needed = f"Rapat koordinasi banjir Kota Lumen. Hal ini dibutuhkan dukungan dari {bodies}"
    assert set(roles(listed, *names).values()) == {"participant"}
    assert set(roles(needed, *names).values()) == {"mentioned"}


def test_the_bodies_an_event_involves_take_part() -> None:
    """Two bodies (too few to be read as a list of who was there without a cue): the verb says so."""
    text = "Rapat koordinasi ini melibatkan Dinas Air Kota Lumen dan Yayasan Hijau Lumen."
    names = ("Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert set(roles(text, *names).values()) == {"participant"}
