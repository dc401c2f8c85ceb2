"""Issues, thirteenth pass of issue 20 (cues that carry to reports nobody tuned on): a purpose
before reported words does not swallow them; "ditambah lagi" adds a second fact; English shortfalls
("has yet to", "do not have"), a fall to a figure ("dropped to"), frequent hazards and ones that
occurred, fire hot spots, power cuts; and formulae that state no problem ("tidak ada yang tahu",
"luring terbatas"). Every passage is made up for the test."""

from __future__ import annotations

from helpers.statements import issues

from resilience_kg.extract.recognise.issues import find_statements


def _issues(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_statements(text) if s.kind == "Issue"]


def test_a_purpose_does_not_reach_past_reported_words() -> None:
    text = ("Dalam rangka menghadapi musim hujan, kita harus menyadari bahwa pompa air yang dimiliki kecamatan "
            "masih terbatas.")
    assert "pompa air yang dimiliki kecamatan masih terbatas" in _issues(text)


def test_a_purpose_still_holds_its_own_cue() -> None:
    text = "Pelatihan digelar dalam rangka mengurangi kekurangan gizi pada balita di desa itu."
    assert not _issues(text)


def test_on_top_of_that_opens_a_second_problem() -> None:
    text = ("Dalam rapat itu terungkap bahwa pasokan air ke pelanggan terganggu, lantaran pompa desa masih "
            "kekurangan daya, ditambah lagi perusahaan listrik melakukan pemadaman listrik secara bergilir.")
    found = _issues(text)
    assert "perusahaan listrik melakukan pemadaman listrik secara bergilir" in found
    assert not any("ditambah" in item for item in found)


def test_english_shortfalls_are_issues() -> None:
    text = ("The head of the village said: \"Frankly, we do not have the resources and we need companies to lend "
            "us pumps.\" Despite frequent floods, the hamlet has yet to receive a drainage programme.")
    found = _issues(text)
    assert "Frankly, we do not have the resources" in found
    assert any(item.endswith("has yet to receive a drainage programme") for item in found)


def test_the_call_after_a_shortfall_stays_a_solution() -> None:
    text = "The mayor said the district does not have enough pumps and we need the province to send two more."
    kinds = {text[s.start:s.end]: s.kind for s in find_statements(text)}
    assert kinds.get("need the province to send two more") == "Solution"


def test_a_fall_to_a_figure_and_hot_spots_are_issues() -> None:
    text = ("Visibility in the provincial capital dropped to 800 metres on Monday. The weather agency recorded "
            "96 hot spots across the province.")
    found = _issues(text)
    assert "Visibility in the provincial capital dropped to 800 metres on Monday" in found
    assert "The weather agency recorded 96 hot spots across the province" in found


def test_disasters_that_occurred_are_an_issue() -> None:
    text = "Several major floods also occurred in the coastal districts last year, the governor said."
    assert any("floods also occurred" in item for item in _issues(text))


def test_a_meeting_that_occurred_is_no_issue() -> None:
    text = "The meeting occurred in the governor's office on Monday."
    assert not _issues(text)


def test_unpredictability_formulae_and_limited_attendance_are_no_issues() -> None:
    text = ("Penandatanganan berlangsung secara luring terbatas di aula kampus. Menurut narasumber, tidak ada yang "
            "tahu kapan gempa terjadi. Kepala dinas menegaskan tidak ada yang berubah dari kebijakan itu.")
    assert not _issues(text)


def test_a_power_cut_in_a_report_is_drafted() -> None:
    text = ("Rapat dengar pendapat digelar di gedung DPRD Kabupaten Sukamaju, Senin (3/4/2023). Warga mengeluhkan "
            "air yang tidak mengalir, ditambah lagi terjadi pemadaman listrik bergilir di tiga kecamatan.")
    assert any("pemadaman listrik bergilir" in quote for quote in issues(text))


def test_two_problems_joined_by_a_comma_and_a_conjunction_are_two_issues() -> None:
    text = ("Ancaman banjir ada di Kecamatan Sukamaju dan Sukasari, adapun daerah yang rawan longsor ada di "
            "lereng utara kabupaten.")
    found = _issues(text)
    assert "Ancaman banjir ada di Kecamatan Sukamaju dan Sukasari" in found
    assert "daerah yang rawan longsor ada di lereng utara kabupaten" in found


def test_a_rise_after_a_comma_and_a_conjunction_keeps_its_harm() -> None:
    text = "Tercatat jumlah kasus diare di kecamatan itu berjumlah 40 kasus, dan hal ini terus meningkat setiap tahun."
    assert any(item.endswith("terus meningkat setiap tahun") and "kasus" in item for item in _issues(text))


def test_a_figure_ends_where_its_breakdown_opens() -> None:
    text = "The weather agency recorded 96 hot spots across the island yesterday - 40 in the north, 30 in the south."
    assert "The weather agency recorded 96 hot spots across the island yesterday" in _issues(text)
