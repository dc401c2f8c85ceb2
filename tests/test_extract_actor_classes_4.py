"""Error classes of actor recognition seen on real reports the rules were not written for (issue 20,
sections 3 and 4, fourth round): each test is a short made-up passage in the style of a class, with
what a reviewer expects to see drafted. No name here is in a rule table: the rules are general."""

from __future__ import annotations

from resilience_kg.extract.components import PIPELINE, Context, Document, run
from resilience_kg.extract.draft import Actor
from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.recognise.actors import ActorMention, recognise
from resilience_kg.extract.resolve import Mention, resolve
from resilience_kg.extract.segment import sentences


def found(text: str) -> list[ActorMention]:
    return recognise(text, sentences(text), load_gazetteer())


def quotes(text: str) -> list[str]:
    return [text[m.start:m.end] for m in found(text)]


def actors(text: str, upto: str = "clauses") -> list[Actor]:
    """The actors once the components up to "actors" ran (the clause subjects joined the mentions)."""
    doc = Document(text, Context(gazetteer=load_gazetteer()))
    names = [c.name for c in PIPELINE]
    run(doc, PIPELINE[:names.index("actors") + 1])
    return doc.actors


def actor_names(text: str) -> list[str]:
    return [a.mention.name for a in actors(text)]


# --- 1. a post is not a body ---------------------------------------------------------------------


def test_a_police_or_military_commander_s_short_post_is_no_body() -> None:
    # The head of a command, written as one short word before what he asks, is a post: its body is
    # named elsewhere or not at all, never drafted as "Kapolres ..." or "Babinsa".
    text = ("Polres Teluk Damai menggelar rapat koordinasi bersama BPBD dan Dinas Sosial. "
            "Kapolres Teluk Damai meminta semua pihak bersiaga. "
            "Babinsa juga diminta aktif mengedukasi warga. "
            "Dandim menyatakan siap mengerahkan personel.")
    names = actor_names(text)
    assert not [n for n in names if n.startswith(("Kapolres", "Babinsa", "Dandim"))], names
    assert "Polres Teluk Damai" in names


def test_a_bracketed_short_form_of_the_head_s_post_is_not_the_body_s() -> None:
    # "(Kapolda)" abbreviates the head's post; the body is the regional police, with its region.
    text = ("Rapat dihadiri Kepala Kepolisian Daerah (Kapolda) Jateng Irjen Pol Budi Santoso dan "
            "Dinas Perhubungan Provinsi Jawa Tengah.")
    police = [m for m in found(text) if m.name.startswith("Kepolisian Daerah")]
    assert [(m.name, m.acronym) for m in police] == [("Kepolisian Daerah Jateng", None)]
    assert text[police[0].start:police[0].end] == "Kepolisian Daerah (Kapolda) Jateng"


# --- 2. a regional branch is not the national body -----------------------------------------------


def test_a_national_body_named_with_a_region_without_a_level_word_is_its_branch() -> None:
    # "Kepolisian Daerah Jabar": a short region name after the body's own word for its level
    # ("Daerah") is that region's command, not the national police.
    gaz = load_gazetteer()
    res = resolve(Mention("Kepolisian Daerah Jabar"), known=[], gazetteer=gaz, city="Kota Bandung")
    assert res.same_as is None and res.parent == "polri", res
    assert res.method.startswith("unresolved:regional-branch-of:")
    # The national body itself, and a university named after its city, still resolve to themselves.
    assert resolve(Mention("Polri"), known=[], gazetteer=gaz, city="Kota Bandung").same_as == "polri"
    assert resolve(Mention("Institut Teknologi Bandung"), known=[], gazetteer=gaz, city="Kota Bandung").same_as == "itb"
