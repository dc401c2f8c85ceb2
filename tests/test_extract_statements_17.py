"""Issues, solutions and commitments (issue 20, seventeenth round): the problem a verb of solving
names ("menjawab tantangan X"), a pledge whose subject the speaker's clause dropped ("Budi
menegaskan, akan ..."), a plan whose object is written before "akan" and a passive verb
("menargetkan X akan mulai dikerjakan"). Every passage is made up for the test."""

from __future__ import annotations

from helpers.statements import drafted, issues, who

from resilience_kg.extract.recognise.issues import find_statements


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in find_statements(text)]


def test_the_problem_a_verb_of_solving_names_is_an_issue() -> None:
    text = ("\u201cMengatasi persoalan kemacetan di Kota Lereng tidak bisa dilakukan sendiri. Kita harus bekerja "
            "bersama,\u201d ujar Wali Kota.")
    assert ("Issue", "persoalan kemacetan di Kota Lereng") in _found(text)
    # In a sentence that states a measure, the challenge it answers is still an issue.
    text = ("Kolaborasi ini akan menjadi kunci dalam menjawab tantangan pengelolaan sampah yang mencapai 900 ton "
            "per hari.")
    assert ("Issue", "tantangan pengelolaan sampah yang mencapai 900 ton per hari") in _found(text)
    # After a purpose too: the risk a measure minimises is a risk the report states.
    text = ("Tujuannya untuk meningkatkan keselamatan warga dan meminimalkan risiko terjadinya kebakaran, "
            "\u201c tuturnya.")
    assert ("Issue", "risiko terjadinya kebakaran") in _found(text)
    text = "The forum agreed to address the problem of flooding in the lower town."
    assert ("Issue", "the problem of flooding in the lower town") in _found(text)


def test_a_problem_named_before_or_in_general_is_no_issue() -> None:
    assert not [k for k, _ in _found("Rapat membahas cara mengatasi masalah tersebut secepatnya.") if k == "Issue"]
    assert not [k for k, _ in _found("Pelatihan ini bertujuan mengurangi dampak bencana di desa.") if k == "Issue"]
    # A problem word's own relative clause is part of it: "yang harus" does not end it.
    text = "Dinas itu berupaya menyelesaikan permasalahan drainase yang harus dibenahi sebelum musim hujan."
    assert ("Issue", "permasalahan drainase yang harus dibenahi sebelum musim hujan") in _found(text)


def test_a_pledge_after_the_speakers_verb_is_the_speakers_body() -> None:
    text = ("Komisi C DPRD Kota Lereng meninjau Bendungan Sukamaju bersama Perumda Air Minum Tirta Lereng pada "
            "Senin (3/2/2025).\n\n"
            "Ketua Komisi C DPRD Kota Lereng Budi Santoso mengatakan, kunjungan itu untuk melihat pasokan air.\n\n"
            "Budi menegaskan, akan terus mengawal program Pemerintah Kota Lereng melalui Perumda Air Minum Tirta "
            "Lereng untuk mengatasi krisis air bersih.")
    found = drafted(text)
    pledge = next(label for label, (kind, _, _) in found.items()
                  if kind == "Commitment" and label.startswith("terus mengawal program"))
    assert found[pledge][1] == "planned"
    assert who(found, pledge) == ["Komisi C DPRD Kota Lereng"]


def test_a_person_never_given_a_body_commits_nobody() -> None:
    text = ("Warga Desa Sukamaju berkumpul di balai desa, Senin (3/2/2025).\n\n"
            "Budi menegaskan, akan terus mengawal program bantuan air bersih.")
    # (The sentence reader may still draft the pledge; no rule gives it a party.)
    assert not [name for kind, _, names in drafted(text).values() if kind == "Commitment" for name in names]


def test_a_target_whose_object_undergoes_akan_is_one_plan_of_its_body() -> None:
    text = ("Wali Kota Lereng memimpin rapat transportasi di Balai Kota Lereng, Rabu (4/6/2025).\n\n"
            "Pemerintah Kota Lereng menargetkan pengembangan terminal terpadu di Pasar Baru dan Stasiun Lereng "
            "akan mulai dikerjakan pada tahun depan.")
    found = drafted(text)
    plans = [label for label, (kind, _, _) in found.items() if kind == "Commitment"]
    assert plans == ["pengembangan terminal terpadu di pasar baru dan stasiun lereng akan mulai dikerjakan pada "
                     "tahun depan"]
    assert who(found, plans[0]) == ["Pemerintah Kota Lereng"]
    assert found[plans[0]][1] == "planned"


def test_issues_of_a_whole_report_hold_the_solved_problem() -> None:
    text = ("Wali Kota Lereng memimpin rapat koordinasi transportasi di Balai Kota Lereng, Rabu (4/6/2025).\n\n"
            "\u201cMengatasi persoalan kemacetan di Kota Lereng tidak bisa dilakukan sendiri,\u201d ujar Wali Kota.")
    assert "persoalan kemacetan di Kota Lereng" in issues(text)


def test_a_high_rate_in_a_relative_clause_is_the_described_area() -> None:
    # "-nya" closes the harm ("stuntingnya"), and the item is the area "yang" describes, not the outreach.
    text = ("Sosialisasi telah dilakukan dengan berkeliling bersama aparatur kelurahan, khususnya di wilayah yang "
            "angka stuntingnya tinggi.")
    assert ("Issue", "wilayah yang angka stuntingnya tinggi") in _found(text)
    assert not _found("Antusiasme peserta simulasi banjir yang tinggi patut diapresiasi.")


def test_a_share_that_has_only_reached_a_figure_is_a_shortfall() -> None:
    text = ("\u201cCakupan layanan Perumda Tirta Lereng saat ini baru 65%. Target pada 2030 sulit tercapai,\u201d "
            "kata dia.")
    assert ("Issue", "Cakupan layanan Perumda Tirta Lereng saat ini baru 65%") in _found(text)
    assert ("Issue", "Cakupan sambungan rumah baru mencapai 40 persen") in _found(
        "Cakupan sambungan rumah baru mencapai 40 persen.")
    # "baru" is also "new": a count after it is no shortfall.
    assert not _found("Pemkot mendatangkan armada baru 10 unit bus listrik.")
    # A number right after "hanya" is its count, not a verb.
    assert ("Issue", "Air hanya mengalir 2 kali seminggu") in _found("Air hanya mengalir 2 kali seminggu.")


def test_what_a_body_must_do_is_a_measure() -> None:
    text = ("\u201cPemerintah bersama Perumda Tirta Lereng harus memprioritaskan pembangunan jaringan pipa di wilayah "
            "padat penduduk dan rawan krisis air,\u201d kata anggota dewan.")
    start = text.index("Perumda Tirta Lereng")
    found = [(s.kind, text[s.start:s.end]) for s in find_statements(text, bodies=[(start, start + 20)])]
    assert found == [("Solution", "Pemerintah bersama Perumda Tirta Lereng harus memprioritaskan pembangunan jaringan "
                                  "pipa di wilayah padat penduduk dan rawan krisis air")]
    # The people of a place who must flee tell a hardship, no measure.
    text = "Warga Desa Sukamaju harus mengungsi ke balai desa."
    start = text.index("Desa Sukamaju")
    assert not [s for s in find_statements(text, bodies=[(start, start + 13)]) if s.kind == "Solution"]


def test_a_list_the_next_sentence_opens_gives_its_items() -> None:
    from resilience_kg.extract.recognise.enumerations import find_items

    text = ("Menurut Ketua Dewan, pengurus dewan ditargetkan fokus pada langkah strategis dalam mengurangi dampak "
            "kemacetan Kota Lereng. Di antaranya, memperluas cakupan rute angkutan umum, rekomendasi tarif bus rute "
            "Terminal Utara ke Bandara Lereng, hingga rekomendasi kebijakan kerja dari rumah bagi pekerja.\n")
    found = [(i.kind, text[i.start:i.end]) for i in find_items(text)]
    assert found == [("Issue", "dampak kemacetan Kota Lereng"),
                     ("Solution", "memperluas cakupan rute angkutan umum"),
                     ("Solution", "rekomendasi tarif bus rute Terminal Utara ke Bandara Lereng"),
                     ("Solution", "rekomendasi kebijakan kerja dari rumah bagi pekerja")]
    text = ("Wali Kota menjelaskan sejumlah langkah konkret. Salah satunya adalah evaluasi layanan bus kota yang kini "
            "melayani enam rute.\n")
    assert [(i.kind, text[i.start:i.end]) for i in find_items(text)] == [
        ("Solution", "evaluasi layanan bus kota yang kini melayani enam rute")]
    # Without an opener, the next sentence is no list.
    text = "Wali Kota menjelaskan sejumlah langkah konkret. Rapat ditutup pukul 12.00 oleh sekretaris daerah.\n"
    assert not find_items(text)


def test_a_plural_problem_word_lists_its_problems_and_a_noun_of_solving_counts() -> None:
    text = ("The project will assist the agency in resolving the issues of ambiguous roles, critical policy gaps and "
            "unclear budget lines.")
    assert [k for k in _found(text) if k[0] == "Issue"] == [
        ("Issue", "ambiguous roles"), ("Issue", "critical policy gaps"), ("Issue", "unclear budget lines")]
    text = "Terkait dengan penanganan masalah stunting Kota Lereng, dua lembaga menandatangani perjanjian."
    assert _found(text) == [("Issue", "masalah stunting Kota Lereng")]
    text = "Through this agreement we will address the challenges of climate change by supporting land use."
    assert ("Issue", "challenges of climate change") in _found(text)
    assert not _found("Kita harus siap menghadapi tantangan ke depan.")


def test_the_highest_rate_of_a_harm_is_an_issue_not_the_highest_score() -> None:
    assert _found("Angka prevalensi stunting tertinggi ada di Desa Sukamaju.") == [
        ("Issue", "Angka prevalensi stunting tertinggi ada di Desa Sukamaju")]
    assert not _found("Nilai tertinggi diraih regu pemadam kebakaran Desa Sukamaju.")


def test_a_conceded_fact_ends_at_its_comma() -> None:
    text = ("Meski angka stunting di Kabupaten Lereng masih berada di kisaran 30-an persen, Bupati menegaskan "
            "pentingnya akurasi data.")
    assert ("Issue", "angka stunting di Kabupaten Lereng masih berada di kisaran 30-an persen") in _found(text)
