"""Classes of issues as real pages state them (issue 20, fifth round), each on a made-up passage:
the class found, and its near miss left alone."""

from __future__ import annotations

import pytest

from resilience_kg.extract.recognise.enumerations import find_items


def _issues(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


@pytest.mark.parametrize(("text", "issue"), [
    # What a hazard did, as a situation report counts it.
    ("Banjir bandang merendam sedikitnya 400 rumah di dua desa.",
     "Banjir bandang merendam sedikitnya 400 rumah di dua desa"),
    ("Menurut petugas, longsor menewaskan seorang pengendara di ruas jalan provinsi.",
     "longsor menewaskan seorang pengendara di ruas jalan provinsi"),
    ("Last week the storms caused three deaths and damaged a bridge in the upper valley.",
     "Last week the storms caused three deaths and damaged a bridge in the upper valley"),
    ("Flash floods displaced about 900 residents of the riverside villages.",
     "Flash floods displaced about 900 residents of the riverside villages"),
])
def test_what_a_hazard_did_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Gotong royong warga membersihkan saluran yang tertutup daun.",  # no damage verb, no hazard
    "The new schedule caused some confusion among the volunteers.",  # caused, but no hazard or harm
    "Tanggul itu dibangun untuk mencegah banjir merendam permukiman warga.",  # what a measure prevents
])
def test_damage_of_no_hazard_or_prevented_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    ("Sesuai prakiraan stasiun cuaca, bahwa musim kemarau akan berlangsung hingga akhir Oktober.",
     "musim kemarau akan berlangsung hingga akhir Oktober"),
    ("Ia menegaskan kekeringan akan melanda tiga kecamatan di selatan kabupaten.",
     "kekeringan akan melanda tiga kecamatan di selatan kabupaten"),
])
def test_a_hazard_forecast_to_go_on_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Simulasi gempa akan berlangsung di halaman sekolah pada Sabtu pagi.",  # an exercise announced
    "Rapat lanjutan akan berlangsung pekan depan di kantor kecamatan.",  # no hazard at all
])
def test_an_exercise_or_a_meeting_to_come_is_no_forecast(text: str) -> None:
    assert _issues(text) == []


def test_a_shortfall_written_in_title_case_is_an_issue() -> None:
    text = "Petugas gudang melaporkan bahwa stok masker cukup, namun Persediaan Selimut Masih Kurang."
    assert any(i.endswith("Persediaan Selimut Masih Kurang") for i in _issues(text))


def test_a_capitalised_cue_inside_a_name_stays_no_issue() -> None:
    # "Krisis" in the name of a centre is no crisis raised.
    assert _issues("Kepala Pusat Krisis Kesehatan membuka pelatihan relawan di aula dinas.") == []


def test_what_a_body_named_as_prone_is_the_issue_not_its_deed() -> None:
    from resilience_kg.extract.recognise.issues import find_statements

    text = ("Ia menambahkan, dalam rapat bersama Dinas Sosial dan Badan Penanggulangan Bencana Daerah "
            "(BPBD), telah memetakan lima desa yang rawan longsor di lereng selatan.")
    bodies = [(text.index("Dinas"), text.index(" dan Badan")), (text.index("Badan"), text.index("(BPBD)") + 6)]
    issues = [text[s.start:s.end] for s in find_statements(text, bodies=bodies) if s.kind == "Issue"]
    assert issues == ["lima desa yang rawan longsor di lereng selatan"]


def test_what_a_body_will_repair_is_its_commitment_not_an_issue() -> None:
    text = "Dinas Pekerjaan Umum berjanji akan memperbaiki tiga pintu air yang rusak sebelum musim hujan."
    bodies = [(0, len("Dinas Pekerjaan Umum"))]
    assert [i for i in find_items(text, bodies=bodies) if i.kind == "Issue"] == []


def _solutions(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Solution"]


@pytest.mark.parametrize(("text", "solution"), [
    # A need stated: what must be there.
    ("Menurut camat, diperlukan kerja sama semua pihak dalam membersihkan saluran lingkungan.",
     "diperlukan kerja sama semua pihak dalam membersihkan saluran lingkungan"),
    ("Dibutuhkan pendampingan rutin bagi kader posyandu di desa terpencil.",
     "Dibutuhkan pendampingan rutin bagi kader posyandu di desa terpencil"),
    # "must be done" with an adverb before the passive verb; the linking phrase left out.
    ("Untuk itu pengawasan distribusi air bersih harus lebih ditingkatkan.",
     "pengawasan distribusi air bersih harus lebih ditingkatkan"),
    # An appeal the meeting makes.
    ("Para ketua RT dihimbau untuk memeriksa jentik nyamuk setiap pekan.",
     "Para ketua RT dihimbau untuk memeriksa jentik nyamuk setiap pekan"),
])
def test_a_need_or_an_appeal_is_a_solution(text: str, solution: str) -> None:
    assert solution in _solutions(text)


def test_what_is_needed_as_a_qualifier_is_no_solution() -> None:
    assert _solutions("Data yang dibutuhkan sudah dikirim ke kantor provinsi kemarin sore.") == []


def test_a_bracket_in_a_list_of_measures_is_one_measure() -> None:
    text = ("Tindak lanjut dari rapat ini adalah memperbarui peta risiko di setiap kelurahan, penetapan "
            "jalur evakuasi (jalur utama, jalur cadangan, dan titik kumpul) harus selesai sebelum musim hujan.")
    assert _solutions(text) == [
        "memperbarui peta risiko di setiap kelurahan",
        "penetapan jalur evakuasi (jalur utama, jalur cadangan, dan titik kumpul) harus selesai sebelum musim hujan",
    ]


def _plans(text: str) -> list[tuple[str, str]]:
    from resilience_kg.extract.recognise.clauses import find_clauses
    from resilience_kg.extract.segment import sentences

    return [(c.status, text[c.start:c.end]) for c in find_clauses(text, sentences(text), []) if c.kind == "commitment"]


def test_a_passive_plan_after_what_was_agreed_is_agreed_too() -> None:
    text = ("Forum itu menyepakati bahwa pemetaan lokasi akan mengacu pada peta risiko terbaru. "
            "Daftar penerima bantuan di setiap kelurahan akan dicocokkan dengan data kependudukan.")
    assert _plans(text) == [
        ("planned", "pemetaan lokasi akan mengacu pada peta risiko terbaru"),
        ("planned", "Daftar penerima bantuan di setiap kelurahan akan dicocokkan dengan data kependudukan"),
    ]


def test_a_passive_plan_with_nothing_agreed_before_it_is_no_commitment() -> None:
    # A new paragraph, or no agreement at all: how the report goes on, not a plan agreed.
    assert _plans("Forum itu menyepakati bahwa pemetaan lokasi akan mengacu pada peta risiko terbaru.\n"
                  "Daftar penerima bantuan akan dicocokkan dengan data kependudukan.") == [
        ("planned", "pemetaan lokasi akan mengacu pada peta risiko terbaru")]
    assert _plans("Rapat dibuka pukul sembilan. Daftar penerima akan dicocokkan dengan data kependudukan.") == []


@pytest.mark.parametrize(("text", "issue"), [
    ("Dinas kesehatan menyebutkan tercatat 61 kasus demam berdarah sejak awal tahun.",
     "tercatat 61 kasus demam berdarah sejak awal tahun"),
    ("Saat ini terdapat 9 titik genangan di ruas jalan protokol.",
     "Saat ini terdapat 9 titik genangan di ruas jalan protokol"),
    ("Angka stunting di kecamatan itu mencapai 31 persen.", "Angka stunting di kecamatan itu mencapai 31 persen"),
])
def test_a_figure_of_harm_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Sebanyak 300 peserta simulasi gempa mencapai titik kumpul dalam delapan menit.",  # an exercise's people
    "Anggaran penanganan banjir tahun ini mencapai Rp 15 miliar.",  # money for a response
    "Terdapat 14 posko banjir yang disiapkan di sepanjang bantaran sungai.",  # the means of a response
    "Jumlah pengunjung pameran mencapai 2.000 orang.",  # a figure of no harm
])
def test_a_figure_of_people_or_means_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "solutions"), [
    ("Rapat itu menghasilkan beberapa rekomendasi, antara lain penguatan kader posyandu dan pelatihan bidan desa.",
     ["penguatan kader posyandu", "pelatihan bidan desa"]),
    ("Solusi yang disepakati diantaranya adalah pemilahan sampah di sekolah, pembentukan bank sampah di kelurahan.",
     ["pemilahan sampah di sekolah", "pembentukan bank sampah di kelurahan"]),
    ("Beberapa langkah yang akan dilakukan yaitu pengerukan saluran, normalisasi kali, dan penambahan pompa.",
     ["pengerukan saluran", "normalisasi kali", "penambahan pompa"]),
])
def test_measures_named_in_a_sentence_are_solutions(text: str, solutions: list[str]) -> None:
    assert _solutions(text) == solutions


def test_a_subject_cue_after_a_relative_clause_is_a_lists_intro_not_an_issue() -> None:
    text = "Camat mengatakan beberapa hal yang menjadi perhatian warga yaitu jadwal angkutan sampah."
    assert "beberapa hal yang" not in _issues(text)
    assert _issues("Penumpukan sampah di pasar menjadi kendala petugas.") == [
        "Penumpukan sampah di pasar menjadi kendala petugas"]


@pytest.mark.parametrize(("text", "issue"), [
    # The hazard an event faces, described by the page: a problem stated after the purpose.
    ("Pelatihan ini digelar dalam rangka menghadapi banjir rob yang kerap melanda kampung nelayan di pesisir.",
     "banjir rob yang kerap melanda kampung nelayan di pesisir"),
    # The reason an event gives.
    ("Apel digelar guna memperkuat koordinasi, mengingat hujan lebat yang melanda sebagian kecamatan sejak pekan lalu.",
     "hujan lebat yang melanda sebagian kecamatan sejak pekan lalu"),
])
def test_a_hazard_described_after_a_purpose_or_a_reason_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


def test_a_hazard_only_named_as_an_aim_stays_no_issue() -> None:
    assert _issues("Sekolah itu menggelar simulasi demi mengurangi potensi bencana gempa di lingkungannya.") == []
