"""Who proposes a solution and who commits (issue 20, round 15): the body a speaker stands for
when the report names them by a post the post tables lacked ("Sekretaris Kota", "Sekko",
"Kabalai") or by their name alone after introducing them with such a post. Every passage is made
up for the test."""

from __future__ import annotations

from helpers.statements import drafted, who


def _proposers(text: str, words: str) -> list[str]:
    found = drafted(text)
    label = next(label for label, (kind, _, _) in found.items() if kind == "Solution" and words in label)
    return who(found, label)


def test_a_city_secretary_named_again_speaks_for_the_city_government() -> None:
    text = ("Pemerintah Kota Administrasi Sukamaju Barat menggelar rapat kesiapsiagaan banjir di Balai Kota.\n"
            "Rapat dibuka oleh Sekretaris Kota Administrasi Sukamaju Barat, Hendra Wijaya, didampingi para camat.\n"
            "“Setiap kelurahan perlu menyiapkan pompa air dan perahu karet sebelum puncak musim hujan,” "
            "tegas Hendra.")
    assert any("Sukamaju Barat" in name for name in _proposers(text, "pompa air"))


def test_the_head_of_a_balai_speaks_for_the_balai() -> None:
    text = ("Komisi II DPRD Kabupaten Sukamaju menggelar rapat dengar pendapat bersama Balai Wilayah Sungai "
            "Nusa Tengah (BWSNT) di ruang rapat dewan.\n"
            "Kabalai BWSNT, Rudi Hartanto menyampaikan bahwa perlu normalisasi sungai di hulu sebelum musim hujan.")
    assert any("Balai Wilayah Sungai" in name for name in _proposers(text, "normalisasi sungai"))


def test_a_pronoun_that_speaks_stands_for_the_last_body_named_doing_something() -> None:
    text = ("Rapat koordinasi penanganan stunting digelar di Kendari oleh Pemerintah Provinsi Sulawesi Tenggara.\n"
            "Pj. Gubernur Sulawesi Tenggara, Andi Saputra memberikan apresiasi kepada kabupaten yang telah "
            "menurunkan angka stunting. Ia menekankan pentingnya pendampingan keluarga berisiko stunting di "
            "setiap desa.")
    assert any("Sulawesi Tenggara" in name for name in _proposers(text, "pendampingan keluarga"))


def test_a_quote_tag_goes_on_with_the_last_speaker_not_the_body_in_between() -> None:
    from resilience_kg.extract.recognise.clauses import speakers
    from resilience_kg.extract.segment import sentences

    text = ("Kepala BPBD Kabupaten Sukamaju mengatakan banjir merendam tiga desa. Dinas Sosial Kabupaten "
            "Sukamaju menyalurkan bantuan. “Setiap desa perlu jalur evakuasi,” tegasnya.")
    bodies = ("BPBD Kabupaten Sukamaju", "Dinas Sosial Kabupaten Sukamaju")
    spans = [(text.index(b), text.index(b) + len(b)) for b in bodies]
    sents = sentences(text)
    said = speakers(text, sents, spans)
    found = said[next(s.start for s in sents if "jalur evakuasi" in text[s.start:s.end])]
    assert text[found.subject[0]:found.subject[1]] == "BPBD Kabupaten Sukamaju"


def test_a_city_secretary_of_a_place_no_city_government_holds_stands_for_none_of_them() -> None:
    from helpers.statements import gazetteer

    from resilience_kg.extract.components import Context, Document, run

    text = ("# Pemkot Jaktim terima kunjungan kerja Pemerintah Kota Sukamaju.\n"
            "Pemerintah Kota (Pemkot) Administrasi Jakarta Timur menerima kunjungan kerja Pemkot Sukamaju.\n"
            "Dalam kesempatan ini, Sekko Administrasi Jakarta Timur Budi Santoso membuka dan memimpin kegiatan.")
    doc = run(Document(text, Context(gazetteer=gazetteer())))
    for actor in doc.actors:
        if any("Sukamaju" in text[m.start:m.end] for m in actor.mentions):
            assert all(text[m.start:m.end] != "Sekko" for m in actor.mentions), actor.id
