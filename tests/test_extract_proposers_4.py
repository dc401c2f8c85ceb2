"""Who proposes and who commits in news style (issue 20 §1, fourth round): a body spoken for by its
head's post or its officer's name, the speaker a sentence goes on with, requests as proposals,
and what must not be drafted. Every passage is made up for the test."""

from __future__ import annotations

from helpers.statements import drafted, gazetteer, who

from resilience_kg.extract.components import Context, Document, run
from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.clauses import speakers
from resilience_kg.extract.recognise.persons import references
from resilience_kg.extract.segment import sentences

POLRES = ("Polres Sukamaju menggelar rapat koordinasi kesiapsiagaan banjir di aula Polres Sukamaju, "
          "Senin (6/1/2020). Rapat dipimpin Kapolres Sukamaju AKBP Bagas Wiranto. ")


def test_a_post_without_its_body_speaks_for_the_body_of_its_place() -> None:
    found = drafted(POLRES + "Kapolres mengatakan, persiapan yang harus dilakukan antara lain mendirikan posko "
                             "siaga bencana di setiap desa.")
    assert any(who(found, label) == ["Polres Sukamaju"] for label in found if "posko" in label)


def test_an_officer_named_again_speaks_for_the_body_of_their_post() -> None:
    text = (POLRES + "Rina Lestari, Kepala BPBD Kabupaten Sukamaju, menyampaikan bahwa banjir tahun lalu "
            "merendam 12 desa.\nRina menambahkan, perlu dilakukan normalisasi sungai Cibeureum.")
    found = drafted(text)
    assert who(found, "perlu dilakukan normalisasi sungai cibeureum") == ["BPBD Kabupaten Sukamaju"]


def test_a_speech_tag_with_a_pronoun_goes_on_with_the_last_speaker() -> None:
    text = (POLRES + "Bagas menjelaskan bahwa curah hujan masih tinggi. Selain itu, lanjutnya, harus ada "
            "kontak pengaduan di setiap kecamatan.")
    found = drafted(text)
    assert found["harus ada kontak pengaduan di setiap kecamatan"][2] == [("Polres Sukamaju",
                                                                           "rule:proposal-speaker-carried")]


def test_a_quote_is_said_by_the_speaker_its_closing_tag_names() -> None:
    text = (POLRES + "\n\u201cKita tidak boleh menunggu banjir datang. Harus ada relawan siaga di setiap desa,\u201d "
            "tegas Bagas.")
    found = drafted(text)
    assert who(found, "harus ada relawan siaga di setiap desa") == ["Polres Sukamaju"]


def test_a_pronoun_after_the_speakers_tag_commits_the_speakers_body() -> None:
    text = ("Ketua Kelompok Kerja Kebersihan Kota, Ratmono, mengatakan kunjungan itu untuk mengkaji konsep "
            "pengelolaan sampah. Selain pengolahan yang profesional, kata Ratmono, pihaknya berencana "
            "melibatkan warga bantaran kali.")
    found = drafted(text)
    assert found["melibatkan warga bantaran kali"][:2] == ("Commitment", "planned")
    assert who(found, "melibatkan warga bantaran kali") == ["Kelompok Kerja Kebersihan Kota"]


def test_a_request_is_a_proposal_and_a_second_request_verb_a_second_one() -> None:
    text = (POLRES + "Kapolres juga meminta BMKG terus memperbarui data cuaca serta mendorong pengelola jalan tol "
            "untuk melaporkan titik api.")
    found = drafted(text)
    assert who(found, "bmkg terus memperbarui data cuaca") == ["Polres Sukamaju"]
    assert who(found, "pengelola jalan tol untuk melaporkan titik api") == ["Polres Sukamaju"]


def test_a_listed_set_of_measures_is_one_proposal_a_measure() -> None:
    text = ("Dinas Sosial Kabupaten Sukamaju menggelar rapat koordinasi penanganan stunting. Dinas Sosial "
            "Kabupaten Sukamaju meminta peserta agar berupaya maksimal dengan menyusun strategi terpadu, "
            "membangun koordinasi antar OPD, dan berfokus pada desa rawan stunting.")
    found = drafted(text)
    for label in ("menyusun strategi terpadu", "membangun koordinasi antar opd", "berfokus pada desa rawan stunting"):
        assert who(found, label) == ["Dinas Sosial Kabupaten Sukamaju"]


def test_an_english_mayor_speaks_for_the_city_government() -> None:
    text = ("The Lakeside City Government hosted a workshop on flood risk on 3 May 2023. The Mayor of Lakeside "
            "said the city will build three retention ponds by 2025.")
    found = drafted(text)
    assert found["build three retention ponds by 2025"] == (
        "Commitment", "planned", [("Lakeside City Government", "rule:commitment-cue:will")])


def test_no_body_is_made_up_for_a_post_the_report_does_not_name() -> None:
    # The Kapolres of another place is not the Polres the report names. (Since the command rules
    # draft the body a numbered or placed post names, "Dandim 0612" and "Kapolres Cimahi", and
    # "menyampaikan" names a speaker (statements-11), each proposal is its post's own body's.)
    text = (POLRES + "Dandim 0612 menyampaikan perlunya posko terpadu. Kapolres Cimahi menyampaikan perlunya "
            "patroli sungai.")
    found = drafted(text)
    assert who(found, "perlunya posko terpadu") in ([], ["Komando Distrik Militer 0612"])
    assert who(found, "perlunya patroli sungai") in ([], ["Kepolisian Resor Cimahi"])
    polres = ActorMention(0, 15, "Polres Sukamaju", None, None, "GovernmentAgency", "", "rule:head-noun:Polres", 0.9)
    assert [text[m.start:m.end] for m in references(text, [polres])] == ["Kapolres Sukamaju", "Bagas Wiranto"]


def test_a_person_before_a_request_verb_is_no_body() -> None:
    text = ("BPBD Kabupaten Sukamaju menggelar rapat koordinasi kesiapsiagaan.\n"
            "Bagas Wiranto meminta seluruh camat membentuk relawan siaga banjir.")
    doc = run(Document(text, Context(gazetteer=gazetteer())))
    assert [a.mention.name for a in doc.actors] == ["BPBD Kabupaten Sukamaju"]


def test_a_new_paragraph_without_a_speaker_is_nobodys() -> None:
    text = "Kapolres Sukamaju mengatakan perlu posko.\nHal yang harus dilakukan daerah adalah membangun tanggul."
    spans = [(0, 17)]
    said = speakers(text, sentences(text), spans)
    assert list(said) == [0]


def test_a_short_form_with_the_place_of_its_full_name_is_that_body() -> None:
    text = ("BPBD Kabupaten Sukamaju menandatangani nota kesepahaman dengan Universitas Harapan Bangsa (UHB) "
            "Sukamaju. Rektor menyampaikan bahwa UHB Sukamaju siap berkontribusi melalui penelitian kebencanaan.")
    found = drafted(text)
    assert found["berkontribusi melalui penelitian kebencanaan"] == (
        "Commitment", "offered", [("Universitas Harapan Bangsa Sukamaju", "rule:commitment-cue:siap")])
