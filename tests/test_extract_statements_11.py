"""Issues, solutions and commitments (issue 20, eleventh round): who proposes a measure when the
sentence names its speaker with a verb the speaker tables lacked ("menyampaikan pentingnya",
"memberi saran", "emphasized that"), and when a title written with a full stop ("Plt.", "Moh.",
"Pj.") stood between the body and the verb and cut the sentence in two. Every passage is made up
for the test."""

from __future__ import annotations

from helpers.statements import drafted, who

from resilience_kg.extract.recognise.clauses import speakers
from resilience_kg.extract.segment import sentences


def _speaker(text: str, body: str, at: str) -> str | None:
    """The words of the body speaking in the sentence holding ``at`` (None: no speaker)."""
    start = text.index(body)
    sents = sentences(text)
    said = speakers(text, sents, [(start, start + len(body))])
    sent = next(s for s in sents if s.start <= text.index(at) < s.end)
    found = said.get(sent.start)
    return text[found.subject[0]:found.subject[1]] if found is not None else None


def test_a_body_that_conveys_the_importance_of_a_measure_speaks() -> None:
    text = ("Kepala Dinas Sosial Kabupaten Sukamaju dalam sambutannya menyampaikan pentingnya pendataan ulang "
            "warga penerima bantuan di setiap desa.")
    assert _speaker(text, "Dinas Sosial Kabupaten Sukamaju", "pendataan") == "Dinas Sosial Kabupaten Sukamaju"


def test_advice_and_emphasis_name_their_speaker() -> None:
    text = "Dalam kesempatan itu, BPBD Kabupaten Sukamaju memberi saran agar posko dilengkapi peta evakuasi."
    assert _speaker(text, "BPBD Kabupaten Sukamaju", "posko") == "BPBD Kabupaten Sukamaju"
    text = ("Meanwhile, the Regent of Sukamaju, Budi Santoso, emphasized that villages should map their "
            "evacuation routes.")
    assert _speaker(text, "Regent of Sukamaju", "villages") == "Regent of Sukamaju"


def test_a_title_with_a_full_stop_does_not_cut_the_sentence() -> None:
    text = "Pelatihan dibuka oleh Plt. Kepala Dinas Kesehatan, Dr. Moh. Rahman yang menekankan perlunya kader terlatih."
    assert len(sentences(text)) == 1
    text = "Pj. Gubernur menyampaikan harapannya agar seluruh kabupaten menyiapkan lumbung pangan."
    assert len(sentences(text)) == 1


def test_the_measure_of_a_speaker_named_by_the_new_verbs_is_proposed_by_its_body() -> None:
    text = ("Rapat koordinasi kesiapsiagaan digelar di Kantor Camat Sukamaju pada Senin (3/2/2025).\n"
            "Direktur Yayasan Tangguh Nusantara, Dr. Moh. Arifin dalam sambutannya menyampaikan pentingnya "
            "pelembagaan relawan desa sebagai penggerak pengurangan risiko bencana.")
    found = drafted(text)
    solution = next(label for label, (kind, _, _) in found.items()
                    if kind == "Solution" and "pelembagaan relawan" in label)
    assert any("Yayasan Tangguh Nusantara" in name for name in who(found, solution))


def test_a_lone_pronoun_that_speaks_goes_on_with_the_last_speaker() -> None:
    text = ("Kepala BPBD Kabupaten Sukamaju mengatakan banjir merendam tiga desa.\n"
            "Selain itu, ia menegaskan bahwa setiap desa harus memiliki jalur evakuasi.")
    assert _speaker(text, "BPBD Kabupaten Sukamaju", "setiap desa") == "BPBD Kabupaten Sukamaju"
    # A pronoun that does not speak may stand for anyone.
    text = ("Kepala BPBD Kabupaten Sukamaju mengatakan banjir merendam tiga desa.\n"
            "Warga yang rumahnya terendam mengatakan ia kehilangan ternak.")
    assert _speaker(text, "BPBD Kabupaten Sukamaju", "Warga") is None


def test_a_plan_read_in_a_sentence_no_one_speaks_is_its_opening_body_s() -> None:
    # The commitment model's sentence, drafted as the draft drafts it: no speaker, so the body the
    # sentence opens with is the party.
    from resilience_kg.extract.draft import Actor, IdMaker, _draft_sentence_commitment, _Rows, _Speakers
    from resilience_kg.extract.recognise.actors import ActorMention
    from resilience_kg.extract.recognise.enumerations import ListItem

    text = ("Banjir merendam tiga kelurahan sejak Minggu.\n"
            "Dinas Sumber Daya Air Kota Sukamaju memastikan pompa di seluruh rumah pompa beroperasi 24 jam.")
    name = "Dinas Sumber Daya Air Kota Sukamaju"
    at = text.index(name)
    mention = ActorMention(at, at + len(name), name, None, None, "GovernmentAgency", "", "rule:head-noun", 0.9)
    actor = Actor(mention=mention, resolution=None, sector="GovernmentAgency", sector_confidence=1.0,
                  mentions=[mention], id="dsda")
    rows = _Rows(text, "r", IdMaker(set(), "r"), "id")
    item = ListItem("Commitment", text[at:-1], at, len(text) - 1, at, at, "model:commitment-sentence")
    _draft_sentence_commitment(rows, item, _Speakers.of(text, [actor]))
    assert [c["to"] for c in rows.draft.connections if c["type"] == "committedBy"] == ["dsda"]


def test_the_sentence_subject_is_the_body_that_opens_it() -> None:
    from resilience_kg.extract.recognise.clauses import sentence_subject

    text = "Selain itu, UNFPA’s support will also strengthen the capacity of local health offices."
    body = (text.index("UNFPA"), text.index("UNFPA") + 5)
    assert sentence_subject(text, sentences(text)[0], [body]) == body
    text = "Warga meminta UNFPA membantu puskesmas."
    body = (text.index("UNFPA"), text.index("UNFPA") + 5)
    assert sentence_subject(text, sentences(text)[0], [body]) is None
