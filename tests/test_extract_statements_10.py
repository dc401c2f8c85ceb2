"""Issues, solutions and commitments (issue 20, tenth round): a request a post or a person makes
("menyampaikan agar ...") is a measure even when a word of trouble stands in it, a measure that "is
the key", a hindering factor and the challenges a place has, and a body's target or plan in the
bare verb of a quote ("Kami targetkan ...", "we are targeting"). Every passage is made up for the
test."""

from __future__ import annotations

from helpers.statements import drafted, issues

from resilience_kg.extract.recognise.issues import find_statements


def statements(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in find_statements(text)]


def test_a_request_is_a_measure_even_with_a_word_of_trouble_in_it() -> None:
    text = ("Sekretaris daerah selaku pimpinan rapat menyampaikan agar segera mendata desa-desa yang "
            "terdampak banjir untuk diberi bantuan logistik.")
    assert statements(text) == [
        ("Solution", "segera mendata desa-desa yang terdampak banjir untuk diberi bantuan logistik")]


def test_a_direction_to_a_body_is_a_measure() -> None:
    text = "Wakil Bupati memberikan arahan kepada camat agar segera menyiapkan posko pengungsian."
    assert [kind for kind, _ in statements(text)] == ["Solution"]
    assert "menyiapkan posko pengungsian" in statements(text)[0][1]


def test_what_is_the_key_is_a_measure() -> None:
    text = "Oleh karena itu, gotong royong warga dan pemerintah desa menjadi kunci utama dalam menjaga kebersihan sungai."
    assert statements(text) == [("Solution", "gotong royong warga dan pemerintah desa")]


def test_a_hindering_factor_and_a_place_s_challenges_are_issues() -> None:
    assert statements("Hujan deras yang turun setiap sore menjadi faktor penghambat pengerjaan tanggul.") == [
        ("Issue", "Hujan deras yang turun setiap sore")]
    assert statements("Camat menjelaskan bahwa kecamatan itu memiliki tantangan besar karena padat penduduk.") == [
        ("Issue", "kecamatan itu memiliki tantangan besar karena padat penduduk")]
    assert issues("The study helps the town answer challenges related to flood drainage and clean water supply.")


def test_a_target_in_the_bare_verb_of_a_quote_is_the_speaker_s_commitment() -> None:
    text = ("Kepala BPBD Kabupaten Sukamaju, Budi Santoso, menjelaskan rencana tahun ini.\n"
            "\u201cKami targetkan pelatihan relawan di 30 desa tahun ini,\u201d ujar Budi.")
    found = drafted(text)
    label = next(label for label in found if "pelatihan relawan di 30 desa" in label)
    assert found[label][:2] == ("Commitment", "planned")


def test_an_english_plan_is_a_commitment() -> None:
    text = "Yayasan Air Bersih Nusantara plans to build ten rainwater tanks in the village next year."
    found = drafted(text)
    label = next(label for label in found if "ten rainwater tanks" in label)
    assert found[label][:2] == ("Commitment", "planned")
