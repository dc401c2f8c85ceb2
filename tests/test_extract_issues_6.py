"""Classes of issues as real pages state them (issue 20, sixth round), each on a made-up passage:
the class found, and its near miss left alone."""

from __future__ import annotations

import pytest

from resilience_kg.extract.recognise.enumerations import find_items


def _issues(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_items(text) if i.kind == "Issue"]


@pytest.mark.parametrize(("text", "issue"), [
    # A figure of harm with no verb the tables name: a count right before a counted harm.
    ("Sejak Januari di kabupaten itu telah terjadi 31 kejadian bencana alam.",
     "Sejak Januari di kabupaten itu telah terjadi 31 kejadian bencana alam"),
    ("Longsor mendominasi dengan 57 kejadian, disusul angin kencang.",
     "Longsor mendominasi dengan 57 kejadian, disusul angin kencang"),
    ("Di antaranya kematian sebanyak 4 kasus di desa pesisir.",
     "Di antaranya kematian sebanyak 4 kasus di desa pesisir"),
    ("By the end of the month the outbreak had left 1,200 cases in the district.",
     "By the end of the month the outbreak had left 1,200 cases in the district"),
])
def test_a_figure_of_harm_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Latihan itu diikuti 80 peserta dari 12 posko desa.",  # people and means of a response
    "Simulasi evakuasi memperagakan penanganan 6 korban di lapangan.",  # an exercise's figure
    "Puskesmas mencatat 0 kasus baru sepanjang pekan lalu.",  # no harm: zero
    "Kegiatan dihadiri 45 orang dari lima kelurahan.",  # a count of people, no harm
])
def test_a_count_of_people_or_of_an_exercise_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    # "tinggi" (high) of a hazard: its level is the problem.
    ("Kepala pelaksana menegaskan bahwa kawasan itu memiliki tingkat kerawanan bencana yang tinggi.",
     "kawasan itu memiliki tingkat kerawanan bencana yang tinggi"),
    ("Dalam dua tahun terakhir curah hujan di kota pesisir itu terbilang tinggi pada akhir tahun.",
     "Dalam dua tahun terakhir curah hujan di kota pesisir itu terbilang tinggi pada akhir tahun"),
    ("The flood risk along the lower river is high during the wet season.",
     "The flood risk along the lower river is high during the wet season"),
])
def test_a_high_hazard_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "Antusiasme warga mengikuti kegiatan itu sangat baik dan partisipasinya tinggi.",  # no hazard
    "Komitmen relawan dalam penanggulangan bencana di desa itu tinggi.",  # the response's people
    "The volunteers showed a high level of commitment at the exercise.",  # no hazard
])
def test_high_of_no_hazard_or_of_a_response_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    # A hazard spelt with its tilde, described after the aim.
    ("Apel ini digelar dalam menghadapi banjir yang dipicu fenomena La Niña yang diprediksi berlangsung "
     "hingga Maret.",
     "banjir yang dipicu fenomena La Niña yang diprediksi berlangsung hingga Maret"),
])
def test_a_hazard_spelt_with_its_tilde_is_read(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize(("text", "issue"), [
    # An English hazard striking, or coming often.
    ("In March 2022, a tropical cyclone hit the eastern islands of the province.",
     "In March 2022, a tropical cyclone hit the eastern islands of the province"),
    ("The earthquake that struck the valley in 2009 left the clinic unusable.",
     "The earthquake that struck the valley in 2009 left the clinic unusable"),
    ("Landslides frequently cut the only road to the upper hamlets.",
     "Landslides frequently cut the only road to the upper hamlets"),
])
def test_an_english_hazard_that_hit_or_comes_often_is_an_issue(text: str, issue: str) -> None:
    assert issue in _issues(text)


@pytest.mark.parametrize("text", [
    "The campaign hit its target of four hundred households in May.",  # no hazard near "hit"
    "Volunteers frequently visit the elderly residents of the ward.",  # no hazard near "frequently"
])
def test_hit_or_frequently_of_no_hazard_is_no_issue(text: str) -> None:
    assert _issues(text) == []


@pytest.mark.parametrize(("text", "issue"), [
    # "namun", "tetapi" open a contrast without a comma: the shortfall is the clause after it.
    ("Petugas gudang menyampaikan bahwa stok masker sudah mencukupi namun stok tabung oksigen masih kurang.",
     "stok tabung oksigen masih kurang"),
    ("Relawan sudah terlatih akan tetapi peralatan evakuasi belum memadai.", "peralatan evakuasi belum memadai"),
    ("Jumlah pompa masih terbatas namun petugas siaga di tiap pintu air.", "Jumlah pompa masih terbatas"),
])
def test_a_contrast_without_a_comma_ends_the_item(text: str, issue: str) -> None:
    assert _issues(text) == [issue]


def test_sementara_without_a_comma_is_no_contrast() -> None:
    """"hunian sementara" (temporary shelter): no clause opens at it."""
    text = "Warga yang tinggal di hunian sementara masih kekurangan air bersih."
    assert _issues(text) == ["Warga yang tinggal di hunian sementara masih kekurangan air bersih"]


def _items(text: str) -> list[tuple[str, str]]:
    return [(i.kind, text[i.start:i.end]) for i in find_items(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # A reason after a measure: the problem the measure answers, and the measure ends before it.
    ("Kesiapsiagaan warga perlu ditingkatkan, mengingat kecamatan itu rawan longsor.",
     [("Solution", "Kesiapsiagaan warga perlu ditingkatkan"), ("Issue", "kecamatan itu rawan longsor")]),
    ("Warga pesisir diimbau tetap waspada karena gelombang tinggi diprediksi berlangsung sepekan.",
     [("Solution", "Warga pesisir diimbau tetap waspada"),
      ("Issue", "gelombang tinggi diprediksi berlangsung sepekan")]),
])
def test_a_reason_after_a_measure_is_the_issue_it_answers(text: str, expected: list[tuple[str, str]]) -> None:
    assert _items(text) == expected


def test_a_reason_that_states_no_problem_stays_in_the_measure() -> None:
    text = "Jadwal piket perlu diatur ulang karena ada tiga petugas baru."
    assert _items(text) == [("Solution", "Jadwal piket perlu diatur ulang karena ada tiga petugas baru")]
