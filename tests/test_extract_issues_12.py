"""Issues, twelfth pass of issue 20: a range of problems ("mulai dari A hingga B") and a list of
them after a long word for problems are one issue each, a list of names after "issues" is none; a
complaint a speaker highlights ("menyoroti persoalan X"), a challenge a village faces ("menghadapi
tantangan terkait dengan X") and an English "there is no X" are issues; and the Jakarta pillars of
water tariffs and leaks, brawls, and information disclosure. Every passage is made up for the test."""

from __future__ import annotations

import pytest
from helpers.statements import issues, jakarta_pillar

from resilience_kg.extract.recognise.issues import find_statements


def test_a_range_of_problems_is_an_issue_each() -> None:
    text = ("Rapat warga digelar di Balai RW 05 Kelurahan Sukamaju, Senin (3/4/2023). Para ketua RT melaporkan "
            "keadaan lingkungan, mulai dari saluran air yang tersumbat di gang sempit hingga jalan kampung yang "
            "rusak parah.")
    assert set(issues(text)) >= {"saluran air yang tersumbat di gang sempit", "jalan kampung yang rusak parah"}


def test_a_range_of_dates_is_no_list_of_problems() -> None:
    text = ("Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). Kekurangan air bersih "
            "dialami warga mulai dari 1 Juli hingga 30 September.")
    assert not {"1 Juli", "30 September"} & set(issues(text))


def test_a_list_far_after_its_word_for_problems_is_split() -> None:
    text = ("Rapat dengar pendapat digelar di gedung dewan, Senin (3/4/2023). Warga menyampaikan sejumlah "
            "permasalahan terkait dengan layanan air bersih yang hingga kini belum terselesaikan, seperti air "
            "yang berbau, hingga tekanan air yang lemah di perumahan.")
    assert set(issues(text)) >= {"air yang berbau", "tekanan air yang lemah di perumahan"}


def test_the_bodies_listed_after_issues_are_no_issues() -> None:
    text = ("A workshop on river basin data was held in Jakarta on Monday (3/4/2023). Groups that work on water "
            "issues attended the workshop, including Sungai Kita Foundation, Lestari Water Network, Kali Bersih "
            "Alliance and Delta Watch Indonesia.")
    assert not {"Lestari Water Network", "Kali Bersih Alliance"} & set(issues(text))


@pytest.mark.parametrize(("text", "issue"), [
    ("Rapat dengar pendapat digelar di gedung dewan, Senin (3/4/2023). Anggota dewan menyoroti persoalan "
     "perawatan pintu air yang terbengkalai, karena dirasa tidak adanya petugas jaga di malam hari.",
     "menyoroti persoalan perawatan pintu air yang terbengkalai"),
    ("Diskusi kelompok digelar di Balai Desa Sukamaju, Senin (3/4/2023). Desa Sukamaju menghadapi tantangan "
     "terkait dengan pendataan warga rentan yang belum lengkap.",
     "pendataan warga rentan yang belum lengkap"),
    ("A drill was held at a primary school in Jakarta on Monday (3/4/2023). Pupils must learn how to leave "
     "their classrooms safely, because there is no siren that can warn them in time.",
     "there is no siren that can warn them in time"),
])
def test_a_problem_stated_by_a_complaint_a_challenge_or_an_absence_is_an_issue(text: str, issue: str) -> None:
    assert issue in issues(text)


def test_no_doubt_is_no_shortfall() -> None:
    text = ("A forum was held in Jakarta on Monday (3/4/2023). There is no doubt that the new bus lanes are "
            "popular with commuters.")
    assert not any("no doubt" in quote for quote in issues(text))


@pytest.mark.parametrize(("quote", "pillar"), [
    ("keluhan warga tentang penyesuaian tarif yang belum tersosialisasi", "jakarta-sehat"),
    ("kebocoran air yang masih tinggi", "jakarta-sehat"),
    ("tawuran antarwarga yang kerap terjadi", "jakarta-siap"),
    ("rendahnya keterbukaan informasi di tingkat kelurahan", "jakarta-terhubung"),
    ("parkir liar di depan pasar", "jakarta-terhubung"),
    ("balap liar di jalan protokol", "jakarta-siap"),
])
def test_the_jakarta_pillar_of_tariffs_leaks_brawls_and_disclosure(quote: str, pillar: str) -> None:
    text = f"Diskusi publik digelar di Balai Kota. Dalam diskusi layanan air minum, warga menyoroti {quote}."
    if pillar != "jakarta-sehat":
        text = f"Diskusi publik digelar di Balai Kota. Warga menyoroti {quote}."
    assert jakarta_pillar(text, quote) == pillar


def test_a_part_of_a_plan_not_explained_enough_is_an_issue_and_its_remedy_a_solution() -> None:
    text = ("Rapat rutin sekretariat digelar di Balai Kota, Senin (3/4/2023). Beberapa bagian rencana kontinjensi "
            "kurang terjelaskan sesuai pedoman nasional sehingga dibutuhkan revisi kembali.")
    assert "Beberapa bagian rencana kontinjensi kurang terjelaskan sesuai pedoman nasional" in issues(text)


@pytest.mark.parametrize("sentence", [
    "Pemerintah kecamatan tidak bisa bekerja sendiri, melainkan harus bersinergi dengan warga.",
    "Penanganan sampah tidak dapat dilakukan oleh pemerintah saja.",
    "Keamanan lingkungan tidak bisa hanya mengandalkan aparat.",
    "A resilient city cannot be achieved without the support of its residents.",
])
def test_a_call_to_work_together_is_no_issue(sentence: str) -> None:
    text = f"Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). {sentence}"
    assert not any(quote in sentence for quote in issues(text))


def test_an_inability_with_no_word_of_doing_alone_stays_an_issue() -> None:
    text = ("Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). Warga di bantaran kali "
            "tidak bisa mengakses air bersih selama tiga hari.")
    assert any("tidak bisa mengakses air bersih" in quote for quote in issues(text))


def test_the_threat_of_a_hazard_is_an_issue_from_the_threat_on() -> None:
    text = ("Pelatihan relawan digelar di Kelurahan Sukamaju, Senin (3/4/2023). Di lokasi pertama, peserta melihat "
            "bagaimana tanggul kampung melindungi rumah warga dari ancaman banjir rob.")
    assert "ancaman banjir rob" in issues(text)


@pytest.mark.parametrize("sentence", [
    "Apel siaga digelar untuk menghadapi ancaman banjir di wilayah itu.",
    "Narasumber membahas ancaman disinformasi di media sosial.",
])
def test_a_threat_faced_as_a_purpose_or_of_no_hazard_is_left_alone(sentence: str) -> None:
    text = f"Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). {sentence}"
    assert not any(quote.startswith("ancaman") for quote in issues(text))


@pytest.mark.parametrize(("sentence", "issue"), [
    ("Gempa serupa bisa saja terulang di pesisir selatan.", "Gempa serupa bisa saja terulang di pesisir selatan"),
    ("Camat menjelaskan pada musim hujan tidak menutup kemungkinan terjadi banjir di bantaran kali.",
     "pada musim hujan tidak menutup kemungkinan terjadi banjir di bantaran kali"),
])
def test_a_hazard_that_may_recur_or_may_come_is_an_issue(sentence: str, issue: str) -> None:
    text = f"Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). {sentence}"
    assert any(issue in quote and len(quote) < len(issue) + 20 for quote in issues(text))


@pytest.mark.parametrize("sentence", [
    "Camat memastikan stok pangan di gudang kecamatan masih aman hingga akhir bulan.",
    "Relawan masih terus melakukan pendampingan di posko pengungsian.",
    "Para peserta saling menutupi kekurangan tersebut dengan bekerja sama.",
    "Tim gabungan meninjau lokasi terdampak banjir di Kelurahan Sukamaju.",
])
def test_good_news_a_setting_or_modesty_is_no_issue(sentence: str) -> None:
    text = f"Rapat koordinasi digelar di Kantor Kecamatan Sukamaju, Senin (3/4/2023). {sentence}"
    assert not any(quote in sentence for quote in issues(text))


def test_a_place_that_never_suffered_a_hazard_gives_the_rules_no_issue() -> None:
    # The rules only: the issue model reads the sentences the rules leave, and is retrained apart.
    text = "Kelurahan itu belum pernah mengalami banjir bandang lagi sejak tanggul selesai dibangun."
    assert not [s for s in find_statements(text) if s.kind == "Issue"]


@pytest.mark.parametrize("sentence", [
    "Sosialisasi ancaman bencana yang dapat dipahami oleh masyarakat terus dilakukan.",
    "Rapat membahas opsi penanganan agar kejadian serupa tidak terulang.",
])
def test_a_threat_of_disaster_in_general_or_a_recurrence_prevented_is_no_issue(sentence: str) -> None:
    assert not [s for s in find_statements(sentence) if s.kind == "Issue"]


def test_a_threat_taught_at_a_training_is_a_topic_not_an_issue() -> None:
    text = "Hari pertama pelatihan berisi pengenalan ancaman banjir rob dan kebakaran permukiman."
    assert not [s for s in find_statements(text) if s.kind == "Issue"]
