"""Issues, eleventh pass of issue 20: the problems a speaker lists after a word for problems
("beberapa poin perhatian, seperti A, B, serta C") are one issue each, as a reader counts what was
raised; a list of the hazards a place faces, or a problem with a qualifier after it, stays whole.
Every passage is made up for the test."""

from __future__ import annotations

from helpers.statements import issues


def test_the_problems_listed_after_a_word_for_problems_are_an_issue_each() -> None:
    text = ("Rapat koordinasi tiga pilar digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). Polsek Sukamaju "
            "juga menyampaikan beberapa poin perhatian, seperti penanganan tawuran pelajar, balap liar, kerusakan "
            "lampu lalu lintas, serta bangunan liar di bantaran Kali Sera.")
    assert set(issues(text)) >= {"penanganan tawuran pelajar", "balap liar", "kerusakan lampu lalu lintas",
                                 "bangunan liar di bantaran Kali Sera"}


def test_a_list_that_opens_with_its_first_problem_is_split_too() -> None:
    text = ("Rapat kerja Komisi D digelar di gedung dewan, Senin (3/4/2023). Menurut Ketua Komisi D, warga kota "
            "masih menghadapi banyak masalah. Seperti masalah banjir, sampah menumpuk, dan pencemaran udara.")
    assert set(issues(text)) >= {"masalah banjir", "sampah menumpuk", "pencemaran udara"}


def test_a_list_of_the_hazards_a_place_faces_stays_one_issue() -> None:
    text = ("Sosialisasi kebencanaan digelar di Balai Desa Sukamaju, Senin (3/4/2023). BPBD menyebutkan potensi "
            "bencana di Desa Sukamaju seperti banjir, tanah longsor, dan angin kencang masih tinggi.")
    assert not {"banjir", "tanah longsor", "angin kencang"} & set(issues(text))


def test_a_problem_with_a_qualifier_after_it_stays_one_issue() -> None:
    text = ("Rapat kerja Komisi D digelar di gedung dewan, Senin (3/4/2023). Anggota dewan menyampaikan berbagai "
            "persoalan. Antara lain, persoalan banjir, khususnya di daerah pemilihannya, yakni Kota Sera.")
    assert "persoalan banjir" not in issues(text)
    assert not any(quote.startswith(("di daerah", "Kota Sera")) for quote in issues(text))
