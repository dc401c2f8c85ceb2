"""Issues, proposers and parties (issue 20, ninth round): a speech tag that names the speaker's
post before its body, a phrase between a speaker and the verb ("dalam sambutannya"), a quote
paragraph that goes on with the speaker the paragraph before introduced, issue cues of real news
("the issue of", a potential megathrust, "could not"), the title of meeting minutes, and a body's
plan in a relative clause or in reported speech ("yang akan", "would"). Every passage is made up
for the test."""

from __future__ import annotations

from helpers.statements import drafted, issues, who

from resilience_kg.extract.recognise.clauses import speakers
from resilience_kg.extract.segment import sentences


def test_a_speech_tag_may_name_the_post_before_the_body() -> None:
    text = ("Dinas Sosial Kabupaten Sukamaju menggelar pelatihan relawan di Desa Mekarsari.\n"
            "\"Desa ini dipilih karena berada di bantaran sungai,\" kata Sekretaris BPBD Kabupaten Sukamaju "
            "Rahmat Hidayat.\n"
            "\"Oleh karena itu warga perlu membentuk regu siaga banjir di setiap dusun,\" katanya.")
    found = drafted(text)
    label = next(label for label in found if "regu siaga banjir" in label)
    assert who(found, label) == ["BPBD Kabupaten Sukamaju"]


def test_an_english_tag_may_name_the_post_before_the_body() -> None:
    text = "The drill went well, said the Head of BPBD Sukamaju Rahmat Hidayat."
    spans = [(text.index("BPBD Sukamaju"), text.index("BPBD Sukamaju") + len("BPBD Sukamaju"))]
    said = speakers(text, sentences(text), spans)
    assert [said[0].subject] == spans


def test_a_speaker_may_say_in_their_speech_before_the_verb() -> None:
    text = ("Rapat koordinasi rehabilitasi digelar di Kota Sukamaju. Ketua Satgas Dinas Perumahan Kabupaten "
            "Sukamaju Budi Santoso dalam sambutannya berharap agar terjalin koordinasi semua pihak yang terlibat.")
    found = drafted(text)
    label = next(label for label in found if "koordinasi semua pihak" in label)
    assert who(found, label) == ["Dinas Perumahan Kabupaten Sukamaju"]


def test_a_quote_paragraph_goes_on_with_the_speaker_who_introduced_it() -> None:
    text = ("Forum relawan sampah Kota Sukamaju menggelar pertemuan tahunan.\n"
            "Andi Wijaya mewakili Yayasan Bumi Lestari mengungkapkan, program tahun depan disusun bersama.\n"
            "\u201cKami akan melakukan pendampingan langsung kepada warga di setiap kelurahan.\u201d")
    found = drafted(text)
    label = next(label for label in found if "pendampingan langsung" in label)
    assert found[label][0] == "Commitment"
    assert who(found, label) == ["Yayasan Bumi Lestari"]


def test_a_quote_paragraph_that_names_another_speaker_is_not_carried_on() -> None:
    text = ("Kepala BPBD Kabupaten Sukamaju mengatakan, posko siaga sudah didirikan.\n"
            "\u201cKita akan membersihkan saluran pekan depan,\u201d kata Budi, warga setempat.")
    said = speakers(text, sentences(text), [(7, 30)])
    assert list(said) == [0]


def test_a_retort_tag_with_a_pronoun_goes_on_with_the_last_speaker() -> None:
    text = ("Kepala BPBD Kabupaten Sukamaju mengatakan, banjir kembali merendam dua desa.\n"
            "\u201cHarus ada pengerukan sungai sebelum musim hujan berikutnya,\u201d tukasnya.")
    found = drafted(text)
    label = next(label for label in found if "pengerukan sungai" in label)
    assert who(found, label) == ["BPBD Kabupaten Sukamaju"]


def test_the_issue_of_a_potential_megathrust_earthquake_is_an_issue() -> None:
    text = ("The Lakeside Disaster Management Agency held an evacuation drill at a primary school on 4 May 2023. "
            "The drill responds to the issue of the potential for a megathrust earthquake off the south coast.")
    assert any("potential for a megathrust earthquake" in quote for quote in issues(text))


def test_a_potential_megathrust_in_indonesian_is_an_issue() -> None:
    text = ("BPBD Kabupaten Sukamaju menggelar pelatihan kesiapsiagaan di Desa Mekarsari. "
            "Kepala BPBD mengatakan ada potensi megathrust di selatan Jawa.")
    assert any("potensi megathrust" in quote for quote in issues(text))


def test_a_map_that_could_not_be_used_is_an_issue() -> None:
    text = ("The Lakeside mapping workshop was held on 4 May 2023. The trainer regretted that the old base map "
            "could not be used for flood vulnerability mapping.")
    assert any("could not be used" in quote for quote in issues(text))


def test_the_title_of_meeting_minutes_heads_noissues() -> None:
    text = ("Catatan Rapat Koordinasi Penanganan Banjir\n"
            "Hari, tanggal : Senin, 6 Januari 2020\n"
            "Tempat : Aula BPBD Kabupaten Sukamaju\n")
    assert issues(text) == []


def test_a_body_who_will_give_help_commits_to_it() -> None:
    found = drafted("Dinas Perhubungan Kota Sukamaju menggelar dialog konektivitas. Ada Yayasan Bumi Lestari yang "
                    "akan memberikan bantuan pelatihan bagi pengemudi angkot.")
    assert found["memberikan bantuan pelatihan bagi pengemudi angkot"] == (
        "Commitment", "planned", [("Yayasan Bumi Lestari", "rule:commitment-cue:akan")])


def test_a_body_that_would_act_in_reported_speech_commits_to_it() -> None:
    found = drafted("The Lakeside City Government hosted a flood meeting on 3 May 2023. The mayor said that the "
                    "Lakeside Water Agency would further coordinate with neighbouring regencies. He said the "
                    "meeting would be held again.")
    assert list(found) == ["further coordinate with neighbouring regencies"]
    assert who(found, "further coordinate with neighbouring regencies") == ["Lakeside Water Agency"]


def test_a_body_named_again_in_brackets_commits_past_the_bracket() -> None:
    found = drafted("Dinas Perhubungan Kota Sukamaju menggelar dialog konektivitas. Ada LPB (Lembaga Pembangunan "
                    "Bersama) yang akan memberikan bantuan pelatihan bagi pengemudi angkot.")
    assert who(found, "memberikan bantuan pelatihan bagi pengemudi angkot") == ["Lembaga Pembangunan Bersama"]


def test_a_need_that_lists_its_measures_is_one_solution_a_measure() -> None:
    found = drafted("BPBD Kabupaten Sukamaju menggelar rapat koordinasi kesiapsiagaan. Surat edaran itu menegaskan "
                    "perlunya pemerintah desa meningkatkan kesiapsiagaan, memperkuat ronda malam, serta menyiapkan "
                    "jalur evakuasi.")
    solutions = sorted(label for label, (kind, _, _) in found.items() if kind == "Solution")
    assert solutions == ["memperkuat ronda malam", "menyiapkan jalur evakuasi",
                         "perlunya pemerintah desa meningkatkan kesiapsiagaan"]


def test_a_body_that_will_be_accompanied_is_not_the_party() -> None:
    found = drafted("BPBD Kabupaten Sukamaju menggelar sosialisasi kelurahan tangguh bencana. Di akhir kegiatan, lurah "
                    "menandatangani berita acara pembentukan Forum Relawan Mekarsari yang akan didampingi oleh BPBD "
                    "Kabupaten Sukamaju selama enam bulan.")
    assert [who(found, label) for label in found] == [["BPBD Kabupaten Sukamaju"]]


def test_an_officer_named_after_a_comma_speaks_for_the_body_before() -> None:
    text = ("Kepala Dinas Sosial Kabupaten Sukamaju, Rina Lestari mengatakan perlu dibentuk lumbung pangan di "
            "setiap desa.")
    span = (text.index("Dinas Sosial"), text.index(", Rina"))
    assert [s.subject for s in speakers(text, sentences(text), [span]).values()] == [span]


def test_a_name_after_a_comma_is_no_speaker_when_another_body_stands_there() -> None:
    text = "Tamu dari BPBD Kabupaten Sukamaju, Dinas Sosial Sukamaju mengatakan perlu lumbung pangan."
    first = (text.index("BPBD"), text.index(", Dinas"))
    second = (text.index("Dinas Sosial"), text.index(" mengatakan"))
    assert [s.subject for s in speakers(text, sentences(text), [first, second]).values()] == [second]
