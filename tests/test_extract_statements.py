"""Who proposes and who commits, who is who, and in which language a name is written (issue 20)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.language import detect_language, name_language
from resilience_kg.extract.pipeline import extract_reports
from resilience_kg.extract.recognise.clauses import find_clauses
from resilience_kg.extract.resolve import Mention, resolve
from resilience_kg.extract.segment import sentences


def clauses(text: str, *bodies: str) -> list[tuple[str, str, str, list[str]]]:
    """(kind, status, clause, subjects) for every clause whose subject is one of ``bodies``."""
    spans = [(m.start(), m.end()) for b in bodies for m in re.finditer(re.escape(b), text)]
    return [(c.kind, c.status, text[c.start:c.end], [text[s:e] for s, e in c.subjects])
            for c in find_clauses(text, sentences(text), spans)]


@pytest.mark.parametrize(("text", "bodies", "expected"), [
    ("DSDA mengusulkan pembangunan tanggul pantai di Muara Angke.", ("DSDA",),
     [("proposal", "", "pembangunan tanggul pantai di Muara Angke", ["DSDA"])]),
    ("Bappeda juga mengusulkan agar data banjir dibagikan setiap hari.", ("Bappeda",),
     [("proposal", "", "data banjir dibagikan setiap hari", ["Bappeda"])]),
    ("Penggantian pipa tua diusulkan oleh PAM Jaya dan DSDA.", ("PAM Jaya", "DSDA"),
     [("proposal", "", "Penggantian pipa tua", ["PAM Jaya", "DSDA"])]),
    ("WRI Indonesia recommended a network of protected cycle lanes.", ("WRI Indonesia",),
     [("proposal", "", "a network of protected cycle lanes", ["WRI Indonesia"])]),
    ("PT Transportasi Jakarta committed to build 20 new bus shelters by 2021.", ("PT Transportasi Jakarta",),
     [("commitment", "planned", "build 20 new bus shelters by 2021", ["PT Transportasi Jakarta"])]),
    ("Sekretariat Jakarta Berketahanan juga bersedia mendukung upaya kerja sama.",
     ("Sekretariat Jakarta Berketahanan",),
     [("commitment", "offered", "mendukung upaya kerja sama", ["Sekretariat Jakarta Berketahanan"])]),
    ("Pemprov DKI Jakarta dengan pihak Kedutaan Besar Perancis akan menyepakati Surat Pernyataan Kehendak.",
     ("Pemprov DKI Jakarta", "Kedutaan Besar Perancis"),
     [("commitment", "planned", "menyepakati Surat Pernyataan Kehendak", ["Pemprov DKI Jakarta",
                                                                          "Kedutaan Besar Perancis"])]),
    ("BPBD telah merealisasikan pemasangan 20 sirene peringatan dini.", ("BPBD",),
     [("commitment", "fulfilled", "pemasangan 20 sirene peringatan dini", ["BPBD"])]),
])
def test_proposals_and_commitments(text: str, bodies: tuple[str, ...], expected: list[object]) -> None:
    assert clauses(text, *bodies) == expected


@pytest.mark.parametrize(("text", "bodies"), [
    # "akan" far from any body commits nobody.
    ("Menurut BMKG, puncak musim hujan diperkirakan akan terjadi pada akhir Januari.", ("BMKG",)),
    # A proposal without a body as its subject is nobody's proposal.
    ("Peserta mengusulkan pembangunan tanggul.", ("BPBD",)),
    # A body named inside the clause is not its subject.
    ("Warga mengusulkan pelatihan yang dipimpin oleh PMI.", ("PMI",)),
])
def test_no_clause_without_its_body(text: str, bodies: tuple[str, ...]) -> None:
    assert clauses(text, *bodies) == []


def test_a_proposal_verb_after_will_is_a_proposal_only() -> None:
    assert clauses("DSDA akan mengusulkan normalisasi kali.", "DSDA") == [
        ("proposal", "", "normalisasi kali", ["DSDA"])]


def test_two_proposals_in_one_sentence_end_where_the_next_body_begins() -> None:
    text = "DSDA mengusulkan normalisasi kali, sedangkan Dinas Sosial mengusulkan dapur umum."
    assert [c[2:] for c in clauses(text, "DSDA", "Dinas Sosial")] == [
        ("normalisasi kali", ["DSDA"]), ("dapur umum", ["Dinas Sosial"])]


@pytest.mark.parametrize(("name", "language"), [
    ("BPBD Provinsi Bengkulu", "id"), ("Dinas Perhubungan", "id"), ("Koalisi Pejalan Kaki", "id"),
    ("Jakarta Health Agency", "en"), ("Institute for Transportation and Development Policy", "en"),
    ("PT MRT Jakarta", ""), ("Transjakarta", ""),
])
def test_a_name_has_its_own_language(name: str, language: str) -> None:
    assert name_language(name) == language


def test_report_language() -> None:
    assert detect_language("Rapat ini dihadiri oleh Dinas Sosial dan BPBD.") == "id"
    assert detect_language("The meeting was attended by the Health Agency and BPBD.") == "en"


# ---------------------------------------------------------------- who is who

NORTH_JAKARTA = "Kota Administrasi Jakarta Utara"


@pytest.mark.parametrize("name", ["Dinas Sumber Daya Air", "Dinas Kesehatan"])
def test_a_dinas_in_a_jakarta_city_is_the_provinces(name: str) -> None:
    # Jakarta's administrative cities have Suku Dinas, not Dinas: the text's "Dinas" is provincial.
    r = resolve(Mention(name), known=[], gazetteer=load_gazetteer(), city=NORTH_JAKARTA)
    assert r.same_as is not None
    assert load_gazetteer().by_id[r.same_as].jurisdiction == "DKI Jakarta"


@pytest.mark.parametrize("name", ["Suku Dinas Kesehatan", "Dinas Kesehatan Jakarta Utara"])
def test_suku_dinas_or_a_named_city_is_the_citys_office(name: str) -> None:
    r = resolve(Mention(name), known=[], gazetteer=load_gazetteer(), city=NORTH_JAKARTA)
    assert r.same_as is None or load_gazetteer().by_id[r.same_as].jurisdiction != "DKI Jakarta"


@pytest.mark.parametrize(("name", "national"), [("BPS Provinsi Jawa Tengah", "bps"),
                                                 ("Palang Merah Indonesia Kota Makassar", "pmi")])
def test_a_regional_branch_is_not_the_national_body(name: str, national: str) -> None:
    r = resolve(Mention(name), known=[], gazetteer=load_gazetteer(), city=None)
    assert r.same_as is None
    assert r.parent == national and r.method == f"unresolved:regional-branch-of:{national}"


def test_a_city_in_a_proper_name_is_no_branch() -> None:
    r = resolve(Mention("Institut Teknologi Bandung"), known=[], gazetteer=load_gazetteer(), city=None)
    assert r.same_as is not None and "branch" not in r.method


# ---------------------------------------------------------------- error classes seen on unseen reports


def draft(tmp_path: Path, text: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    report = tmp_path / "laporan.txt"
    report.write_text(text, encoding="utf-8")
    extract_reports([report], out=tmp_path / "drafts")
    read = []
    for name in ("elements.csv", "connections.csv"):
        with open(tmp_path / "drafts" / name, encoding="utf-8", newline="") as fh:
            read.append(list(csv.DictReader(fh)))
    return read[0], read[1]


def labelled(elements: list[dict[str, str]]) -> list[str]:
    return [r["label_id"] or r["label_en"] for r in elements if r["type"] not in ("Event", "Post", "Person")]


def test_a_unit_named_with_its_ministry_is_one_actor_with_a_parent(tmp_path: Path) -> None:
    elements, connections = draft(tmp_path, "Rapat dihadiri oleh Pusat Data dan Informasi Kementerian Pekerjaan "
                                            "Umum dan Perumahan Rakyat, BPBD Provinsi Jawa Tengah dan Bappeda "
                                            "Provinsi Jawa Tengah pada Senin, 9 Maret 2020.")
    ids = {(r["label_id"]): r["id"] for r in elements}
    unit = ids["Pusat Data dan Informasi Kementerian Pekerjaan Umum dan Perumahan Rakyat"]
    ministry = ids["Kementerian Pekerjaan Umum dan Perumahan Rakyat"]
    links = {(r["from"], r["type"], r["to"]) for r in connections}
    assert (unit, "org:subOrganizationOf", ministry) in links
    assert (unit, "participatedIn", next(r["id"] for r in elements if r["type"] == "Event")) in links
    assert not any(r["from"] == ministry and r["type"] == "participatedIn" for r in connections)


@pytest.mark.parametrize("place", ["Kelurahan Tanjung Mas", "Kodim 0733 Semarang", "Kecamatan Semarang Utara"])
def test_places_and_territorial_posts_are_not_bodies(tmp_path: Path, place: str) -> None:
    elements, _ = draft(tmp_path, f"Rapat pada Senin, 9 Maret 2020 dihadiri oleh BPBD Kota Semarang, {place}, "
                                  "Dinas Sosial Kota Semarang dan PMI Kota Semarang.")
    assert place not in labelled(elements)
    assert "Dinas Sosial Kota Semarang" in labelled(elements)


def test_a_short_form_after_its_full_name_is_the_same_actor(tmp_path: Path) -> None:
    elements, _ = draft(tmp_path, "Semarang, Senin, 9 Maret 2020. Badan Penanggulangan Bencana Daerah (BPBD) "
                                  "Provinsi Jawa Tengah menyelenggarakan rapat koordinasi. BPBD juga menyampaikan "
                                  "hasil kajian risiko.")
    actors = [r for r in elements if r["type"] == "GovernmentAgency"]
    assert len(actors) == 1, labelled(elements)


@pytest.mark.parametrize(("written", "acronym"), [("B P B D Kabupaten Demak", "BPBD"),
                                                  ("BAPPEDA Kota Semarang", "BAPPEDA")])
def test_a_known_short_form_in_capitals_or_spaced_out_is_found(tmp_path: Path, written: str, acronym: str) -> None:
    elements, _ = draft(tmp_path, f"Rapat pada Senin, 9 Maret 2020 dihadiri oleh Dinas Sosial, {written} dan "
                                  "PMI Kota Semarang.")
    found = [r for r in elements if r["quote"] == written]
    assert found and found[0]["acronym"] == acronym


def test_a_list_of_bodies_is_who_came_not_what_was_proposed(tmp_path: Path) -> None:
    # The title says "Rencana Aksi" (an action plan), but the list after "dihadiri oleh" names bodies.
    elements, _ = draft(tmp_path, "Lokakarya Rencana Aksi Ketangguhan Marunda, Jakarta, 29 September 2017, "
                                  "dihadiri oleh unsur: Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta; "
                                  "Dinas Sosial Provinsi DKI Jakarta; Palang Merah Indonesia; serta PT Ewindo.")
    assert [r for r in elements if r["type"] in ("Solution", "Issue")] == []
    assert "Dinas Sosial Provinsi DKI Jakarta" in labelled(elements)


@pytest.mark.parametrize("venue", ["di Ruang Ngesti Widhi Setda Kendal", "di Kantor BPBD Natuna",
                                   "di Ruang Pola Kantor Bupati Bantaeng"])
def test_a_room_or_an_office_where_it_happened_is_no_body(tmp_path: Path, venue: str) -> None:
    elements, _ = draft(tmp_path, f"BPBD Kabupaten Kendal menggelar Rapat Koordinasi {venue}, Selasa, "
                                  "12 November 2024, dihadiri oleh Dinas Sosial dan PMI.")
    assert not any(w in label for label in labelled(elements) for w in ("Setda", "Kantor"))


def test_a_person_after_a_post_is_not_a_body_of_the_list(tmp_path: Path) -> None:
    elements, _ = draft(tmp_path, "Penandatanganan pada Kamis, 24 Februari 2022. PP Muhammadiyah diwakili oleh "
                                  "Sekretaris Umum, Abdul Mu'ti, dan BNPB diwakili oleh Lilik Kurniawan.")
    assert "Abdul Mu'ti" not in labelled(elements)


def test_the_next_body_of_a_list_holds_no_post(tmp_path: Path) -> None:
    elements, _ = draft(tmp_path, "Hadir dalam rapat pada Selasa, 12 November 2024: Sekretaris BPBD Kabupaten "
                                  "Kendal, Pusdataru Provinsi Jawa Tengah, dan BMKG.")
    assert not [r for r in elements if r["type"] == "Person"]


def test_a_name_with_its_short_form_after_a_slash_is_one_actor(tmp_path: Path) -> None:
    elements, _ = draft(tmp_path, "On 5 April 2021 the National Agency for Disaster Management (Badan Nasional "
                                  "Penanggulangan Bencana/BNPB) and UNDRR organised a training in Bontang.")
    bodies = [r for r in elements if r["type"] == "GovernmentAgency"]
    assert len({r["same_as"] or r["id"] for r in bodies}) == 1, labelled(elements)


def test_an_english_name_runs_through_its_of_phrase(tmp_path: Path) -> None:
    elements, _ = draft(tmp_path, "The training on 5 April 2021 brought together participants from Indonesia's "
                                  "Association for Provincial Government (APPSI), BNPB and UNDRR.")
    assert "Association for Provincial Government" in labelled(elements)
    assert not any(label.startswith("Indonesia's") for label in labelled(elements))


@pytest.mark.parametrize("text", [
    "Isu yang diangkat:\n(a) integrasi tarif antarmoda yang belum berjalan;\n(b) jalur pejalan kaki yang terputus.\n",
    "## Key issues\n\n* land subsidence in North Jakarta;\n* fragmented data on river discharge.\n",
])
def test_a_list_under_its_heading_is_found_whatever_its_markers(text: str) -> None:
    from resilience_kg.extract.recognise.enumerations import find_items

    assert [i.kind for i in find_items(text)] == ["Issue", "Issue"]


def test_what_each_body_does_after_a_follow_up_lead_is_its_commitment() -> None:
    text = ("Sebagai tindak lanjut, DSDA akan memastikan kesiapan pompa, Dinas Sosial menyiapkan dapur umum "
            "di setiap kecamatan, dan PMI menyiagakan relawan serta ambulans.")
    found = clauses(text, "DSDA", "Dinas Sosial", "PMI")
    assert [(kind, status, subject) for kind, status, _, subject in found] == [
        ("commitment", "planned", ["DSDA"]), ("commitment", "planned", ["Dinas Sosial"]),
        ("commitment", "planned", ["PMI"])]
    assert found[1][2] == "menyiapkan dapur umum di setiap kecamatan"


def test_without_a_follow_up_lead_an_ordinary_verb_commits_nobody() -> None:
    assert clauses("Dinas Sosial menyiapkan dapur umum di setiap kecamatan.", "Dinas Sosial") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Permasalahan utama yang dihadapi adalah banjir rob di pesisir utara dan kebocoran pipa distribusi air.",
     ["banjir rob di pesisir utara", "kebocoran pipa distribusi air"]),
    ("The main challenges are land subsidence in the north, fragmented flood data and weak zoning.",
     ["land subsidence in the north", "fragmented flood data", "weak zoning"]),
    ("Tujuan kegiatan adalah meningkatkan koordinasi antar instansi.", []),
    ("Upaya ini adalah bagian dari program kota tangguh.", []),
])
def test_issues_named_in_a_sentence(text: str, expected: list[str]) -> None:
    from resilience_kg.extract.recognise.enumerations import find_items

    assert [text[i.start:i.end] for i in find_items(text)] == expected


def items(text: str, bodies: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kind, item) for every issue and solution the list and prose readers find in ``text``."""
    from resilience_kg.extract.recognise.enumerations import find_items

    spans = [(m.start(), m.end()) for b in bodies for m in re.finditer(re.escape(b), text)]
    return [(i.kind, text[i.start:i.end]) for i in find_items(text, bodies=spans if bodies else None)]


@pytest.mark.parametrize(("text", "expected"), [
    # A speech frame: what follows "bahwa" is the issue; the clause ends at the sentence's end.
    ("Kepala BPKD menyampaikan bahwa ruang fiskal daerah masih terbatas sehingga diperlukan pinjaman.",
     [("Issue", "ruang fiskal daerah masih terbatas"), ("Solution", "diperlukan pinjaman")]),
    # Nominal cues joined by commas and "dan": each its own issue.
    ("Peserta menyoroti minimnya anggaran pemeliharaan, kurangnya petugas dan belum adanya SOP bersama.",
     [("Issue", "minimnya anggaran pemeliharaan"), ("Issue", "kurangnya petugas"),
      ("Issue", "belum adanya SOP bersama")]),
    # A contrast opens a new clause: only the clause with the cue is the issue.
    ("Pompa baru sudah terpasang, namun kapasitasnya belum memadai.", [("Issue", "kapasitasnya belum memadai")]),
    # What residents complain of; what is said to be an obstacle.
    ("Warga mengeluhkan bau dari tempat penampungan sampah sementara.",
     [("Issue", "bau dari tempat penampungan sampah sementara")]),
    ("Sedimentasi di saluran penghubung menjadi kendala utama.",
         [("Issue", "Sedimentasi di saluran penghubung menjadi kendala utama")]),
    ("Participants noted the lack of shade at bus stops.", [("Issue", "lack of shade at bus stops")]),
    ("The audit found that most crossings have no signals, and pavements end abruptly.",
     [("Issue", "most crossings have no signals"), ("Issue", "pavements end abruptly")]),
    # A measure called for, by nobody named.
    ("Data aset tersebut perlu diintegrasikan dengan peta risiko banjir.",
     [("Solution", "Data aset tersebut perlu diintegrasikan dengan peta risiko banjir")]),
    ("- recovery plans should be aligned with the resilience strategy;",
     [("Solution", "recovery plans should be aligned with the resilience strategy")]),
])
def test_issues_and_solutions_stated_in_prose(text: str, expected: list[tuple[str, str]]) -> None:
    assert items(text) == expected


@pytest.mark.parametrize("text", [
    "Rapat terbatas ini dihadiri kurang lebih 40 peserta.",  # a closed meeting, a count
    "Perlu disampaikan bahwa rapat ini merupakan tindak lanjut kunjungan bulan lalu.",
    "Kepala Dinas Sosial tidak dapat hadir dan diwakili sekretaris dinas.",  # an absence
    "Karena keterbatasan waktu, sesi tanya jawab dipersingkat.",  # the meeting's own time
    "Kegiatan ini bertujuan mengidentifikasi aset kritis yang rentan terhadap guncangan.",  # the event's aim
    "Posko didirikan di kawasan rawan banjir.",  # a prone area names a place
    "PT Asuransi Jaya Limited menjadi sponsor acara.",  # a legal form, capitalised
])
def test_a_sentence_that_states_no_problem_gives_no_issue(text: str) -> None:
    assert items(text) == []


def test_a_bodys_own_proposal_is_left_to_the_proposal_reader() -> None:
    text = ("WALHI Jakarta meminta agar isu pencemaran udara dibahas. "
            "Peserta merekomendasikan agar jalur sepeda diperluas.")
    # With the bodies known, WALHI's request is its proposal (clauses.py); the participants' is the meeting's.
    assert items(text, ("WALHI Jakarta",)) == [("Solution", "jalur sepeda diperluas")]
    assert clauses(text, "WALHI Jakarta") == [("proposal", "", "isu pencemaran udara dibahas", ["WALHI Jakarta"])]


def test_points_under_a_heading_that_names_their_kind() -> None:
    text = ("Ringkasan\nSosialisasi digelar di lima kecamatan.\n\nPermasalahan\n"
            "Laporan warga masuk melalui pesan berantai.\nServer aplikasi sempat tidak dapat diakses.\n\n"
            "Rekomendasi\nPelatihan operator kelurahan dilaksanakan pada triwulan pertama.\n\n"
            "Demikian laporan ini disampaikan.")
    assert items(text) == [
        ("Issue", "Laporan warga masuk melalui pesan berantai"),
        ("Issue", "Server aplikasi sempat tidak dapat diakses"),
        ("Solution", "Pelatihan operator kelurahan dilaksanakan pada triwulan pertama"),
    ]


def test_a_table_column_headed_with_a_kind_holds_its_items() -> None:
    text = ("| No | Permasalahan | Usulan Solusi |\n|---|---|---|\n"
            "| 1 | Drainase tersumbat sampah | Normalisasi saluran |\n"
            "| 2 | Jalur evakuasi tidak dikenal warga | Papan penunjuk jalur |\n")
    assert items(text) == [("Issue", "Drainase tersumbat sampah"), ("Solution", "Normalisasi saluran"),
                           ("Issue", "Jalur evakuasi tidak dikenal warga"), ("Solution", "Papan penunjuk jalur")]


def test_a_name_joined_by_dan_stays_one_item() -> None:
    text = ("Beberapa opsi yang dibahas yaitu obligasi daerah, skema Kerja Sama Pemerintah dan Badan Usaha, "
            "serta hibah luar negeri.")
    assert items(text) == [("Solution", "obligasi daerah"), ("Solution", "skema Kerja Sama Pemerintah dan Badan Usaha"),
                           ("Solution", "hibah luar negeri")]


def test_a_plan_in_the_passive_commits_its_agent_or_under_an_agreement_nobody_yet() -> None:
    text = "Masukan warga akan dihimpun oleh Sekretariat Jakarta Berketahanan sebelum Maret."
    assert clauses(text, "Sekretariat Jakarta Berketahanan") == [
        ("commitment", "planned", "Masukan warga akan dihimpun oleh Sekretariat Jakarta Berketahanan sebelum Maret",
         ["Sekretariat Jakarta Berketahanan"])]
    # Agreed, with no agent named: a commitment whose party the reviewer names.
    text = "Disepakati bahwa seluruh data akan diunggah ke portal Satu Peta paling lambat Desember."
    assert clauses(text) == [("commitment", "planned", "seluruh data akan diunggah ke portal Satu Peta paling "
                              "lambat Desember", [])]
    # Neither an agent nor an agreement: how the meeting ends, no commitment.
    assert clauses("Hasil rapat akan dilaporkan kepada Gubernur.") == []
    assert clauses("Jembatan itu akan diresmikan bulan depan.") == []


def test_the_items_of_an_agreed_list_are_planned_commitments() -> None:
    text = ("Hal-hal yang disepakati untuk ditindaklanjuti:\n1. Pertukaran data banjir rob antara kedua kota;\n"
            "2. Kunjungan balasan Pemerintah Kota Semarang ke Jakarta pada triwulan IV.\n\n"
            "Rencana tindak lanjut:\n- Penyusunan peta jalan bersama.")
    assert clauses(text, "Pemerintah Kota Semarang") == [
        ("commitment", "planned", "Pertukaran data banjir rob antara kedua kota", []),
        ("commitment", "planned", "Kunjungan balasan Pemerintah Kota Semarang ke Jakarta pada triwulan IV",
         ["Pemerintah Kota Semarang"]),
    ]  # the list under "Rencana tindak lanjut" names solutions: the list reader drafts them


def test_who_says_it_introduces_a_measure_called_for() -> None:
    from resilience_kg.extract.recognise.enumerations import find_items

    text = ("Perwakilan Universitas Halu Oleo menilai alih fungsi lahan memperparah banjir. "
            "Menurutnya, pemetaan risiko perlu diperbarui setiap tahun. "
            "Menurut DLH, jadwal pengangkutan sampah perlu ditambah.")
    got = [(i.kind, text[i.start:i.end], text[i.intro_start:i.intro_end]) for i in find_items(text)]
    assert got == [
        ("Issue", "alih fungsi lahan memperparah banjir", "Perwakilan Universitas Halu Oleo menilai"),
        ("Solution", "pemetaan risiko perlu diperbarui setiap tahun", "Perwakilan Universitas Halu Oleo menilai"),
        ("Solution", "jadwal pengangkutan sampah perlu ditambah", "Menurut DLH, "),
    ]
    assert clauses("Bappenas menekankan agar setiap kajian selaras dengan rencana induk.", "Bappenas") == [
        ("proposal", "", "setiap kajian selaras dengan rencana induk", ["Bappenas"])]


def _issues(text: str) -> list[str]:
    from resilience_kg.extract.recognise.issues import find_statements

    return [text[s.start:s.end] for s in find_statements(text) if s.kind == "Issue"]


# Each class of issue statement: a passage that states a problem, and a near miss that states none.
@pytest.mark.parametrize(("text", "issue"), [
    ("Kepala Puskesmas menambahkan bahwa kasus diare pada balita meningkat setiap musim kemarau.",
     "kasus diare pada balita meningkat setiap musim kemarau"),
    ("The Health Office reported that dengue cases in the first quarter were almost three times those of last year.",
     "dengue cases in the first quarter were almost three times those of last year"),
    ("Operator mengakui layanan di sejumlah kelurahan hanya mengalir dua kali seminggu.",
     "layanan di sejumlah kelurahan hanya mengalir dua kali seminggu"),
    ("BPBD menyampaikan data rob yang kini masuk ke permukiman hingga empat kali sebulan.",
     "BPBD menyampaikan data rob yang kini masuk ke permukiman hingga empat kali sebulan"),
    ("Narasumber menjelaskan bahwa garis pantai mundur rata-rata dua meter per tahun.",
     "garis pantai mundur rata-rata dua meter per tahun"),
    ("Peneliti menjelaskan bahwa sebagian besar rumah berada di lereng, padahal lereng itu kawasan lindung.",
     "sebagian besar rumah berada di lereng, padahal lereng itu kawasan lindung"),
    ("Peneliti menyampaikan bahwa peta yang dipakai masih berskala 1:100.000 sehingga tidak bisa dipakai untuk desa.",
     "peta yang dipakai masih berskala 1:100.000 sehingga tidak bisa dipakai untuk desa"),
    ("Dinas Perikanan mencatat bahwa penambangan pasir di muara masih berlangsung meskipun telah dilarang.",
     "penambangan pasir di muara masih berlangsung meskipun telah dilarang"),
    ("Dalam rapat terungkap bahwa jadwal kapal tradisional tidak tercantum dalam sistem informasi mana pun.",
     "jadwal kapal tradisional tidak tercantum dalam sistem informasi mana pun"),
    ("Speakers said that many houses had been built without reinforced columns, and that permits do not check "
     "earthquake resistance.", "permits do not check earthquake resistance"),
    ("Village heads said evacuation trucks arrived late because the road is too narrow.",
     "evacuation trucks arrived late because the road is too narrow"),
    ("The pastor reported that displaced families were still living in tents two months after the quake.",
     "displaced families were still living in tents two months after the quake"),
    ("Warga di desa terpencil harus berjalan berjam-jam untuk mengambil air.",
     "Warga di desa terpencil harus berjalan berjam-jam untuk mengambil air"),
    ("Ia juga menyoroti tanggul yang dibangun tahun 2015 sudah retak di banyak titik.",
     "tanggul yang dibangun tahun 2015 sudah retak di banyak titik"),
])
def test_a_stated_problem_is_an_issue(text: str, issue: str) -> None:
    assert any(issue in found for found in _issues(text)), _issues(text)


@pytest.mark.parametrize("text", [
    "Anggaran pemeliharaan naik sepuluh persen tahun ini.",  # a rise of no harm
    "Jumlah relawan terlatih meningkat tahun ini.",
    "Pembangunan jembatan selesai hanya dalam dua bulan.",  # 'only' of quickness
    "The workshop was not only a training.",
    "Rapat koordinasi diadakan dua kali sebulan.",  # a frequency without 'up to'
    "Rapat ditunda dan mundur ke minggu depan.",  # 'mundur' without an amount
    "Tidak ada pertanyaan dari peserta.",  # a minutes formula
    "Distribusi logistik berjalan lancar dan tidak ada kendala berarti.",  # good news
    "Sejak pompa dipasang, jalan itu tidak lagi tergenang.",  # 'no longer' of a harm
    "Peta skala 1:25.000 dibagikan kepada peserta.",  # a scale, no clause and no problem
])
def test_a_sentence_that_states_no_problem_drafts_no_issue(text: str) -> None:
    assert _issues(text) == []


def test_a_camera_network_issue_goes_under_terhubung_and_a_camera_alone_only_weakly() -> None:
    from resilience_kg.extract.pillars.links import choose, find_hits
    from resilience_kg.extract.pillars.strategy import load_strategies

    jakarta = load_strategies().for_city("Jakarta")
    assert jakarta is not None
    text = "CCTV kelurahan dipasang dengan format berbeda. Banyak kamera mati di tepi sungai yang banjir."
    first, second = text.split(". ")
    placed, _ = choose(find_hits(text, 0, len(first), jakarta), [], jakarta)
    assert placed is not None and placed.pillar == "jakarta-terhubung"
    # A weak cue (kamera) gives way to a strong one of another pillar (banjir) in the same item.
    start = len(first) + 2
    placed, _ = choose(find_hits(text, start, start + len(second), jakarta), [], jakarta)
    assert placed is not None and placed.pillar == "jakarta-siap"
