"""The extraction pipeline: a declared list of named components over one document, each of which
can be run alone on a small document."""

from __future__ import annotations

import pytest

from resilience_kg.extract.components import PIPELINE, Context, Document, attendance, contents, run, setting, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.recognise.actors import ActorMention

#: Which component's annotations each component reads.
NEEDS = {
    "posts": ("mentions",), "clauses": ("mentions",), "actors": ("city", "mentions"),
    "roles": ("mentions", "posts", "clauses", "cues", "actors", "event"), "items": ("mentions",),
    "acting-posts": ("posts", "cues"),
    "draft": ("language", "city", "actors", "roles", "event", "sessions", "items", "agreements", "acting-posts",
              "collectives", "clauses"),
    "pillars": ("city", "draft"),
}  # fmt: skip


def _mention(text: str, surface: str, *, after: int = 0) -> ActorMention:
    start = text.index(surface, after)
    acronym = surface if surface.isupper() else None
    return ActorMention(start, start + len(surface), surface, acronym, None, None, "", "test", 0.9)


def test_the_components_are_named_once_and_each_runs_after_what_it_reads() -> None:
    names = [c.name for c in PIPELINE]
    assert len(names) == len(set(names)), names
    for name, needs in NEEDS.items():
        for need in needs:
            assert names.index(need) < names.index(name), f"{name} runs before {need}, which it reads"


def test_a_document_is_segmented_once_into_sentences_it_can_find_by_offset() -> None:
    doc = Document("Rapat dibuka oleh Bpk. Tri. Hadir PT. Jaya.\nSesi dua.")
    assert [s.text for s in doc.sentences] == ["Rapat dibuka oleh Bpk. Tri.", "Hadir PT. Jaya.", "Sesi dua."]
    assert doc.sentence_at(doc.text.index("Jaya")).text == "Hadir PT. Jaya."
    assert doc.sentence_at(doc.text.index("\n")) is None


def test_the_language_component_detects_or_takes_the_language_asked_for() -> None:
    text = "The meeting was attended by the disaster agency and the city's health office."
    auto = Document(text)
    setting.language(auto)
    assert auto.language == "en"
    asked = Document(text, Context(lang="id"))
    setting.language(asked)
    assert asked.language == "id"


def test_the_city_component_takes_the_jurisdiction_named_most() -> None:
    doc = Document("Pemkot Semarang dan BPBD Kota Semarang membahas banjir bersama Dinas Jakarta.")
    setting.city(doc)
    assert doc.city == "Kota Semarang"


def test_an_item_line_without_a_cue_takes_the_cues_of_the_line_that_introduces_its_list() -> None:
    doc = Document("Rapat dihadiri oleh:\n- BPBD DKI Jakarta\n- Dinas Sosial\nSelesai.")
    spans.cues(doc)
    item = doc.sentence_at(doc.text.index("Dinas Sosial"))
    last = doc.sentence_at(doc.text.index("Selesai"))
    assert item is not None and last is not None
    assert [(c.phrase, c.role) for c in doc.cues[item.start]] == [("dihadiri oleh", "participant")]
    assert doc.cues[last.start] == []


def test_the_actors_component_groups_a_short_form_with_its_full_name() -> None:
    text = "BPBD membuka rapat. Badan Penanggulangan Bencana Daerah (BPBD) Kota Bima hadir. PMI juga."
    doc = Document(text)
    full = text.index("Badan")
    bpbd_full = ActorMention(full, text.index(" hadir"), text[full:text.index(" hadir")], "BPBD",
                             "Badan Penanggulangan Bencana Daerah", "GovernmentAgency", "head:Badan", "test", 0.9)
    doc.mentions = [_mention(text, "BPBD"), bpbd_full, _mention(text, "PMI")]
    actors(doc)
    assert [a.mention.name for a in doc.actors] == [bpbd_full.name, "PMI"]  # the row names the body in full
    assert len(doc.actors[0].mentions) == 2
    assert doc.actors[0].sector == "GovernmentAgency"


@pytest.mark.parametrize(("lead", "role"), [("", "participant"), ("Ketua mengatakan ", "mentioned"),
                                           ("According to the chair, ", "mentioned")])
def test_bodies_listed_without_a_cue_attend_unless_a_speech_verb_speaks_of_them(lead: str, role: str) -> None:
    text = f"{lead}BPBD, BMKG dan PMI membahas banjir."
    doc = Document(text)
    doc.mentions = [_mention(text, name) for name in ("BPBD", "BMKG", "PMI")]
    for component in (spans.cues, actors, attendance.roles):
        component(doc)
    assert {a.mention.name: a.role for a in doc.actors} == dict.fromkeys(("BPBD", "BMKG", "PMI"), role)


def test_the_collectives_component_notes_group_words_and_nothing_else() -> None:
    doc = Document("Masyarakat dan relawan hadir bersama BPBD.")
    contents.collectives(doc)
    assert "masyarakat" in doc.collectives
    assert all(word.lower() in doc.text.lower() for word in doc.collectives)


def test_posts_are_found_once_per_report(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = spans.find_posts

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(spans, "find_posts", counting)
    doc = run(Document("Rapat dibuka oleh Kepala Dinas Sosial Kota Semarang, Budi Santoso. Rapat dihadiri oleh PMI."))
    assert len(calls) == 1
    assert [(p.label, p.person) for p in doc.posts] == [("Kepala Dinas Sosial Kota Semarang", "Budi Santoso")]
    assert [p.label for p, _, _ in doc.acting_posts] == ["Kepala Dinas Sosial Kota Semarang"]


def test_the_whole_pipeline_drafts_rows_that_quote_the_text_at_their_offsets() -> None:
    text = ("Rapat koordinasi banjir diselenggarakan oleh BPBD Provinsi DKI Jakarta pada 14 Januari 2020. "
            "Rapat dihadiri oleh Dinas Sosial, PMI dan BMKG.")
    doc = run(Document(text, Context(source_id="rakor")))
    roles = {(r["from"], r["type"], r["to"]) for r in doc.draft.connections}
    assert ("meeting-2020-01-14", "organizedBy", "bpbd") in roles
    assert ("pmi", "participatedIn", "meeting-2020-01-14") in roles
    for row in doc.draft.elements + doc.draft.connections:
        if row["quote"]:
            assert text[int(row["start"]):int(row["end"])] == row["quote"]


def _actor_names(text: str) -> list[str]:
    """The actors' names after the components up to "actors", with the bundled gazetteer."""
    from resilience_kg.extract.gazetteer import load_gazetteer

    doc = Document(text, Context(gazetteer=load_gazetteer()))
    upto = [c for c in PIPELINE][: [c.name for c in PIPELINE].index("actors") + 1]
    run(doc, upto)
    return [a.mention.name for a in doc.actors]


def test_a_name_with_its_place_but_not_its_level_is_the_body_named_with_both_before() -> None:
    # News items name a body in full once, then by its short form and its place alone.
    names = _actor_names("BPBD (Badan Penanggulangan Bencana Daerah) Kabupaten Banjar menggelar rapat. "
                         "Hadir BPBD Banjar, Dinas Sosial dan PMI.")
    assert [n for n in names if "Banjar" in n] == ["Badan Penanggulangan Bencana Daerah Kabupaten Banjar"]


def test_the_same_short_form_with_another_place_is_another_body() -> None:
    names = _actor_names("BPBD (Badan Penanggulangan Bencana Daerah) Kabupaten Banjar menggelar rapat. "
                         "Hadir BPBD Tapin, Dinas Sosial dan PMI.")
    assert "BPBD Tapin" in names
    assert "Badan Penanggulangan Bencana Daerah Kabupaten Banjar" in names
