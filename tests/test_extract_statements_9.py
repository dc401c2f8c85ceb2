"""Who proposes and who commits (issue 20, ninth round): a speech tag that names the speaker's
post before its body, and a phrase between a speaker and the verb ("dalam sambutannya"). Every
passage is made up for the test."""

from __future__ import annotations

from resilience_kg.extract.recognise.clauses import speakers
from resilience_kg.extract.segment import sentences
from tests.test_extract_proposers_4 import drafted, who


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
