"""Roles, round 14: the owner of the venue's premises named without a mention of it hosts; the bodies
a meeting is held with attend it; and what keeps a retrained role reader from reading a numbered
proposal as a roster or a signed handover record as attendance. Every passage is made up."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.extraction import hand_mentions, roles

from resilience_kg.extract.components import Document, attendance, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.linear_model import LinearModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import train_role_model


def _document(text: str, *names: str, skip: str = "") -> Document:
    """A document whose mentions are set by hand, up to its rules' roles; no mention stands inside
    ``skip`` (a venue the recogniser reads as a place)."""
    doc = Document(text)
    lo = text.find(skip) if skip else -1
    doc.mentions = [m for m in hand_mentions(text, *names) if not (lo <= m.start < lo + len(skip))]
    for component in (spans.posts, spans.clauses, spans.cues, actors):
        component(doc)
    return doc


def test_the_body_whose_hall_is_the_venue_hosts_without_a_mention_there() -> None:
    """Guide, roles 9: "di Aula Dinas X" names whose house it was, even where the venue's words
    are read as a place and hold no mention of the body."""
    text = ("Rapat koordinasi dipimpin oleh Yayasan Hijau Lumen di Aula Dinas Air Kota Lumen, Senin. "
            "Dinas Air Kota Lumen menjelaskan jadwal pengerukan saluran.")  # fmt: skip
    doc = _document(text, "Yayasan Hijau Lumen", "Dinas Air Kota Lumen", skip="Aula Dinas Air Kota Lumen")
    attendance.rule_roles(doc)
    got = {a.mention.name: a.role for a in doc.actors}
    assert got == {"Yayasan Hijau Lumen": "organiser", "Dinas Air Kota Lumen": "host"}


def test_a_venue_that_is_no_premises_makes_no_host() -> None:
    """A town named as where the event was is no body's house."""
    text = ("Rapat koordinasi dipimpin oleh Yayasan Hijau Lumen di Kelurahan Sukamaju, Senin. "
            "Dinas Air Kota Lumen menjelaskan jadwal pengerukan saluran di Kelurahan Sukamaju.")  # fmt: skip
    doc = _document(text, "Yayasan Hijau Lumen", "Dinas Air Kota Lumen")
    attendance.rule_roles(doc)
    assert {a.mention.name: a.role for a in doc.actors}["Dinas Air Kota Lumen"] == "speaker"


def test_the_bodies_a_hearing_is_held_with_attend_it() -> None:
    """"menggelar rapat dengar pendapat bersama A dan B": A and B are heard, the council holds it."""
    text = ("Komisi C DPRD Kota Lumen menggelar rapat dengar pendapat bersama Dinas Air Kota Lumen dan "
            "Yayasan Hijau Lumen untuk membahas banjir.")  # fmt: skip
    got = roles(text, "Komisi C DPRD Kota Lumen", "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Komisi C DPRD Kota Lumen": "organiser", "Dinas Air Kota Lumen": "participant",
                   "Yayasan Hijau Lumen": "participant"}


def test_a_training_held_with_a_partner_is_still_co_organised() -> None:
    """"menggelar pelatihan bersama B": a training is held together, B co-organises (roles-12)."""
    text = "Dinas Air Kota Lumen menggelar pelatihan kesiapsiagaan bersama Yayasan Hijau Lumen."
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Dinas Air Kota Lumen": "organiser", "Yayasan Hijau Lumen": "organiser"}


def _features(doc: Document, name: str) -> dict[str, str]:
    records, sources = attendance.rule_roles(doc)
    rule_roles = [a.role for a in doc.actors]
    n = next(k for k, a in enumerate(doc.actors) if a.mention.name == name)
    return dict(f.split("=", 1) for f in role_model.features(n, doc, records[n], rule_roles, sources[n]))


def test_an_item_of_a_proposal_list_is_no_roster_row_to_the_role_reader() -> None:
    """A numbered proposal naming two bodies is a sentence; a numbered attendance entry is a row."""
    text = ("Rapat dipimpin oleh Yayasan Hijau Lumen.\n\nUsulan:\n"
            "1. berbagi data banjir antara Dinas Air Kota Lumen dan Dinas Sosial Kota Lumen.\n\n"
            "Daftar hadir:\n1. Budi, Palang Hijau Lumen\n2. Ani, Forum Warga Lumen")  # fmt: skip
    names = ("Yayasan Hijau Lumen", "Dinas Air Kota Lumen", "Dinas Sosial Kota Lumen", "Palang Hijau Lumen",
             "Forum Warga Lumen")
    doc = _document(text, *names)
    assert _features(doc, "Dinas Air Kota Lumen")["list"] == "item"
    assert _features(_document(text, *names), "Palang Hijau Lumen")["list"] == "row"


def _eager_model() -> role_model.RoleModel:
    """A role reader that decides every outcome of a mentioned body the trainer may let it decide
    (``train_role_model.CANDIDATES``) and always says participant."""
    sure = {role: LinearModel(4.0 if role == "participant" else -4.0, {}, 0.0, "") for role in role_model.ROLES}
    outcomes = (f"rule=mentioned-{source}" for source in train_role_model.CANDIDATES)
    return role_model.RoleModel(sure, frozenset(outcomes))


def test_a_signed_handover_record_gives_the_role_reader_nothing_to_decide() -> None:
    """The rules set aside a signing with no agreement named; a reader that decides the bodies with
    no cue (as a retrain on 720 pages did, making the signer a participant) must leave it alone."""
    text = ("Rapat dipimpin oleh Dinas Air Kota Lumen. "
            "Yayasan Hijau Lumen menandatangani berita acara serah terima alat. Forum Warga Lumen disebut.")
    doc = _document(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Forum Warga Lumen")
    records, sources = attendance.rule_roles(doc)
    changed = {doc.actors[n].mention.name: role
               for n, role in role_model.revise(doc, records, sources, using=_eager_model())}
    assert "Yayasan Hijau Lumen" not in changed
    assert changed.get("Forum Warga Lumen") == "participant"  # the reader double does decide a cue-less body


def test_the_body_whose_head_received_the_visit_hosts_it() -> None:
    """Guide, roles 8: "The Head of X directly received the visit": X hosts, the visitors attend."""
    text = ("Members of the Lumen Youth Council visited the province on Friday. The Head of the Lumen "
            "Water Office directly received the visit.")  # fmt: skip
    got = roles(text, "Lumen Youth Council", "Lumen Water Office")
    assert got["Lumen Water Office"] == "host"


def test_a_body_that_gives_its_opinion_speaks() -> None:
    """Guide, roles 1: "memberikan pendapatnya" is a verb of speaking."""
    text = ("Rapat dihadiri oleh Dinas Air Kota Lumen dan Yayasan Hijau Lumen. Yayasan Hijau Lumen juga "
            "memberikan pendapatnya mengenai pengerukan sungai.")  # fmt: skip
    got = roles(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert got == {"Dinas Air Kota Lumen": "participant", "Yayasan Hijau Lumen": "speaker"}


def test_an_earlier_cooperation_between_two_bodies_makes_no_organiser() -> None:
    """"following earlier cooperation between A and B": a past partnership, no act at this event."""
    text = ("The programme was conceived following earlier cooperation between the Lumen Water Office and "
            "the Lumen Green Trust.")  # fmt: skip
    got = roles(text, "Lumen Water Office", "Lumen Green Trust")
    assert got == {"Lumen Water Office": "mentioned", "Lumen Green Trust": "mentioned"}
