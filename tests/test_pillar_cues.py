"""Pillars for any report (issue 20, part 2): strategies and their cue words are data, and the
drafted pillar links quote the cue words at their exact offsets, with a method, a confidence and
a curated basis. A second, made-up city shows how a user adds a strategy."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from resilience_kg.cli import main
from resilience_kg.extract.draft import CONNECTION_HEADER, ELEMENT_HEADER, Draft, IdMaker
from resilience_kg.extract.pillars.links import NO_CUE, add_pillar_links, find_hits
from resilience_kg.extract.pillars.strategy import load_strategies
from resilience_kg.extract.readers import ExtractError

JAKARTA = "DKI Jakarta"
HARAPAN = "Kota Harapan Baru"  # a made-up city, with a strategy of its own

_HEADER = ("strategy,strategy_label_id,strategy_label_en,city,year,pillar,notation,label_id,label_en,"
           "description_en,basis\n")
_STRATEGY = ("harapan-strategy,Strategi Ketahanan Kota Harapan Baru,Harapan Baru Resilience Strategy,"
             "Kota Harapan Baru,2022,")
HARAPAN_PILLARS = (_HEADER
                   + _STRATEGY + 'harapan-tangguh,TANGGUH,Harapan TANGGUH,Resilient Harapan,"Coasts, floods.",test\n'
                   + _STRATEGY + 'harapan-hijau,HIJAU,Harapan HIJAU,Green Harapan,"Mangroves, parks, trees.",test\n')
HARAPAN_CUES = """pillar,cue,lang,basis
harapan-tangguh,banjir,id,floods (the strategy's description)
harapan-tangguh,badai,id,storms
harapan-tangguh,storm,en,storms
harapan-hijau,mangrove,id,mangroves
harapan-hijau,taman,id,parks
harapan-hijau,pohon,id,trees
harapan-hijau,tree,en,trees
"""


@pytest.fixture
def harapan(tmp_path: Path) -> Path:
    folder = tmp_path / "harapan-strategy"
    write(folder / "pillars.csv", HARAPAN_PILLARS)
    write(folder / "pillar_cues.csv", HARAPAN_CUES)
    return folder


class Report:
    """A report text and the draft rows of its items, as the drafting would leave them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.draft = Draft()

    def element(self, id_: str, type_: str, quote: str) -> Report:
        start = self.text.index(quote)
        row = dict.fromkeys(ELEMENT_HEADER, "")
        row.update(id=id_, type=type_, label_id=quote, basis="report", status="draft", source="r", quote=quote,
                   start=str(start), end=str(start + len(quote)))
        self.draft.elements.append(row)
        return self

    def link(self, frm: str, to: str, type_: str) -> Report:
        row = dict.fromkeys(CONNECTION_HEADER, "")
        row.update({"from": frm, "to": to, "type": type_, "basis": "report", "status": "draft", "source": "r"})
        self.draft.connections.append(row)
        return self

    def run(self, city: str | None, *, known: set[str] | None = None, strategies: list[Path] | None = None) -> Report:
        taken = {"jakarta-siap", "jakarta-sehat", "jakarta-terhubung", "jakarta-resilience-strategy"} \
            if known is None else known
        add_pillar_links(self.draft, self.text, city=city, ids=IdMaker(taken, "r"),
                         strategies=load_strategies(strategies or []))
        return self

    def links(self, type_: str = "underPillar") -> dict[str, dict[str, str]]:
        return {c["from"]: c for c in self.draft.connections if c["type"] == type_}

    def note(self, id_: str) -> str:
        return next(r["note"] for r in self.draft.elements if r["id"] == id_)


def assert_exact(report: Report, row: dict[str, str]) -> None:
    start, end = int(row["start"]), int(row["end"])
    assert report.text[start:end] == row["quote"], row


# --- the cue component ------------------------------------------------------------------------------


def test_an_indonesian_issue_goes_under_its_pillar_with_the_cue_as_exact_quote() -> None:
    text = "Isu yang dibahas:\n1. Keterbatasan jaringan air bersih di kawasan pesisir.\n2. Banjir rob di permukiman."
    r = (Report(text).element("i1", "Issue", "Keterbatasan jaringan air bersih di kawasan pesisir")
         .element("i2", "Issue", "Banjir rob di permukiman").run(JAKARTA))
    links = r.links()
    assert (links["i1"]["to"], links["i1"]["quote"], links["i1"]["method"]) == \
        ("jakarta-sehat", "air bersih", "rule:pillar-cue:air bersih")
    assert (links["i2"]["to"], links["i2"]["quote"]) == ("jakarta-siap", "Banjir")
    for row in links.values():
        assert_exact(r, row)
        # An inference, never a report statement.
        assert row["basis"] == "curated" and row["status"] == "draft" and row["source"] == "r"
    # Two cues that agree (banjir, rob) are surer than one.
    assert float(links["i2"]["confidence"]) > float(links["i1"]["confidence"])


def test_an_english_report_is_placed_by_its_english_cues() -> None:
    text = "Issues raised: traffic congestion on the toll road; flooded underpasses; wastewater treatment."
    r = (Report(text).element("a", "Issue", "traffic congestion on the toll road")
         .element("b", "Issue", "flooded underpasses").element("c", "Issue", "wastewater treatment").run(JAKARTA))
    links = r.links()
    assert {k: v["to"] for k, v in links.items()} == {"a": "jakarta-terhubung", "b": "jakarta-siap",
                                                     "c": "jakarta-sehat"}
    assert links["b"]["quote"] == "flooded"  # an English inflection of "flood"
    for row in links.values():
        assert_exact(r, row)


def test_words_match_whole_with_the_affixes_of_their_language() -> None:
    jakarta = load_strategies().for_city(JAKARTA)
    assert jakarta is not None

    def cues(text: str) -> list[tuple[str, str]]:
        return [(h.cue, text[h.start:h.end]) for h in find_hits(text, 0, len(text), jakarta)]

    assert cues("Warga yang kebanjiran dan persampahan kota") == [("banjir", "kebanjiran"), ("sampah", "persampahan")]
    # A short cue is no part of a longer word; an English cue is no part of an Indonesian one.
    assert cues("robot transportasi") == [("transportasi", "transportasi")]
    assert cues("business bus buses") == [("bus", "bus"), ("bus", "buses")]
    # Inside a longer cue, the shorter one is not counted again.
    assert cues("air limbah domestik") == [("air limbah", "air limbah")]
    # The verb of a call to work together carries "ber-": "berkolaborasi", "berkoordinasi".
    assert cues("Semua pihak perlu berkolaborasi dan berkoordinasi.") == [
        ("kolaborasi", "berkolaborasi"), ("koordinasi", "berkoordinasi")]


def test_the_item_itself_wins_over_its_session_heading() -> None:
    text = "Sesi Kesiapsiagaan Bencana\nMasalah:\n- layanan angkutan umum saat darurat\n- koordinasi lapangan"
    r = (Report(text).element("s", "Session", "Sesi Kesiapsiagaan Bencana")
         .element("i1", "Issue", "layanan angkutan umum saat darurat").element("i2", "Issue", "koordinasi lapangan")
         .link("i1", "s", "raisedIn").link("i2", "s", "raisedIn").run(JAKARTA))
    links = r.links()
    assert links["i1"]["to"] == "jakarta-terhubung"  # its own word, angkutan
    # No cue in the item: the session heading's, less sure.
    assert (links["i2"]["to"], links["i2"]["quote"]) == ("jakarta-siap", "Kesiapsiagaan")
    assert float(links["i2"]["confidence"]) < float(links["i1"]["confidence"])
    assert "no cue in the item" in links["i2"]["note"]
    assert_exact(r, links["i2"])
    # The session's own heading places it.
    assert r.links("concernsPillar")["s"]["to"] == "jakarta-siap"


def test_a_tie_in_the_item_is_broken_by_the_session_else_left_for_review() -> None:
    # "pompa" is listed under SIAP (flood pumps) and SEHAT (water pumps).
    text = "Sesi Air Bersih\n- perawatan pompa\nSesi Lain\n- perawatan pompa lama"
    r = (Report(text).element("s1", "Session", "Sesi Air Bersih").element("s2", "Session", "Sesi Lain")
         .element("i1", "Issue", "perawatan pompa").element("i2", "Issue", "perawatan pompa lama")
         .link("i1", "s1", "raisedIn").link("i2", "s2", "raisedIn").run(JAKARTA))
    links = r.links()
    assert (links["i1"]["to"], links["i1"]["quote"]) == ("jakarta-sehat", "pompa")
    assert int(links["i1"]["start"]) == text.index("pompa")  # the item's own cue is quoted
    assert "i2" not in links
    assert "cues for 2 pillars" in r.note("i2") and "SIAP: pompa" in r.note("i2") and "SEHAT: pompa" in r.note("i2")


def test_an_issue_without_a_cue_says_so_and_a_placed_one_drops_the_reminder() -> None:
    r = (Report("Catatan rapat:\n- jadwal piket antarinstansi\n- sampah pasar")
         .element("i", "Issue", "jadwal piket antarinstansi").element("j", "Issue", "sampah pasar"))
    for row in r.draft.elements:
        row["note"] = "review: link it to a pillar (underPillar)"
    r.run(JAKARTA)
    assert set(r.links()) == {"j"}
    assert r.note("i") == NO_CUE and r.note("j") == ""


def test_a_city_without_a_strategy_gets_no_pillar() -> None:
    r = Report("Masalah: banjir di pasar").element("i", "Issue", "banjir di pasar").run("Kota Surabaya")
    assert r.draft.connections == []
    assert "no resilience strategy is known for Kota Surabaya" in r.note("i")
    r = Report("Masalah: banjir di pasar").element("i", "Issue", "banjir di pasar").run(None)
    assert r.draft.connections == []


def test_the_event_concerns_a_pillar_only_when_its_issues_agree() -> None:
    text = "Rapat Koordinasi\nIsu: banjir rob; genangan di jalan.\nRapat Kedua\nIsu: sampah; kemacetan."
    agree = (Report(text).element("e", "Event", "Rapat Koordinasi").element("i1", "Issue", "banjir rob")
             .element("i2", "Issue", "genangan di jalan").link("i1", "e", "raisedIn").link("i2", "e", "raisedIn")
             .run(JAKARTA))
    event = agree.links("concernsPillar")["e"]
    assert event["to"] == "jakarta-siap" and event["basis"] == "curated"
    assert_exact(agree, event)
    differ = (Report(text).element("e", "Event", "Rapat Kedua").element("i1", "Issue", "sampah")
              .element("i2", "Issue", "kemacetan").link("i1", "e", "raisedIn").link("i2", "e", "raisedIn")
              .run(JAKARTA))
    assert differ.links("concernsPillar") == {}
    assert {v["to"] for v in differ.links().values()} == {"jakarta-sehat", "jakarta-terhubung"}


def test_solutions_and_commitments_are_placed_too() -> None:
    text = "PAM Jaya mengusulkan perluasan jaringan air minum. PMI berkomitmen melatih relawan evakuasi."
    r = (Report(text).element("sol", "Solution", "perluasan jaringan air minum")
         .element("com", "Commitment", "melatih relawan evakuasi").run(JAKARTA))
    assert {k: v["to"] for k, v in r.links().items()} == {"sol": "jakarta-sehat", "com": "jakarta-siap"}


# --- a user's city strategy -------------------------------------------------------------------------


def test_a_made_up_city_gets_its_own_pillars_and_its_strategy_rows(harapan: Path) -> None:
    text = "Harapan Baru: banjir di pesisir; penanaman mangrove dan pohon pelindung."
    r = (Report(text).element("i1", "Issue", "banjir di pesisir")
         .element("i2", "Issue", "penanaman mangrove dan pohon pelindung").run(HARAPAN, known=set(),
                                                                             strategies=[harapan]))
    assert {k: v["to"] for k, v in r.links().items()} == {"i1": "harapan-tangguh", "i2": "harapan-hijau"}
    # The graph does not know the pillars yet: they are drafted, curated, from the table.
    drafted = {row["id"]: row for row in r.draft.elements if row["type"] in ("Strategy", "Pillar")}
    assert set(drafted) == {"harapan-strategy", "harapan-tangguh", "harapan-hijau"}
    assert drafted["harapan-hijau"]["notation"] == "HIJAU" and drafted["harapan-hijau"]["basis"] == "curated"
    assert {(c["from"], c["to"]) for c in r.draft.connections if c["type"] == "hasPillar"} == \
        {("harapan-strategy", "harapan-tangguh"), ("harapan-strategy", "harapan-hijau")}
    # The same words in a Jakarta report go under Jakarta's pillar: the city chooses the strategy.
    j = Report(text).element("i1", "Issue", "banjir di pesisir").run(JAKARTA, strategies=[harapan])
    assert j.links()["i1"]["to"] == "jakarta-siap"


def test_a_strategy_table_with_a_bad_row_is_refused_naming_file_and_line(tmp_path: Path, harapan: Path) -> None:
    cues = harapan / "pillar_cues.csv"
    cues.write_text(HARAPAN_CUES + "harapan-biru,laut,id,the sea\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"pillar_cues.csv:9: pillar 'harapan-biru' is in no pillars table"):
        load_strategies([harapan])
    cues.write_text(HARAPAN_CUES + "harapan-hijau,laut,fr,la mer\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"pillar_cues.csv:9: lang 'fr'"):
        load_strategies([harapan])
    (harapan / "pillars.csv").unlink()
    with pytest.raises(ExtractError, match=r"holds pillars\.csv and pillar_cues\.csv"):
        load_strategies([harapan])


def test_every_bundled_cue_has_a_basis_and_a_known_pillar() -> None:
    jakarta = load_strategies().for_city(JAKARTA)
    assert jakarta is not None
    assert [p.id for p in jakarta.pillars] == ["jakarta-siap", "jakarta-sehat", "jakarta-terhubung"]
    assert all(c.basis and c.lang in ("id", "en") for c in jakarta.cues)
    # Every pillar has cues in both languages, and the pillars cite public sources.
    for p in jakarta.pillars:
        assert {c.lang for c in jakarta.cues if c.pillar == p.id} == {"id", "en"}
        assert "http" in p.basis and "/work/" not in p.basis


def test_extract_with_a_user_strategy_drafts_links_to_its_pillars(tmp_path: Path, harapan: Path,
                                                                   runner: CliRunner) -> None:
    report = write(tmp_path / "rapat-harapan.txt",
                   "Kota Harapan Baru, 4 Mei 2022 - Dinas Lingkungan Hidup Kota Harapan Baru menyelenggarakan "
                   "Rapat Koordinasi Penanganan Banjir. Isu yang dibahas antara lain:\n"
                   "1. Banjir di kawasan pesisir.\n2. Hilangnya hutan mangrove.\n")
    out = tmp_path / "drafts"
    result = runner.invoke(main, ["extract", str(report), "-o", str(out), "--strategies", str(harapan)])
    assert result.exit_code == 0, result.output
    with open(out / "connections.csv", encoding="utf-8") as fh:
        links = [r for r in csv.DictReader(fh) if r["type"] == "underPillar"]
    text = (out / "sources" / "rapat-harapan.txt").read_text(encoding="utf-8")
    assert {r["to"] for r in links} == {"harapan-tangguh", "harapan-hijau"}
    for row in links:
        assert text[int(row["start"]):int(row["end"])] == row["quote"]
    with open(out / "elements.csv", encoding="utf-8") as fh:
        ids = {r["id"] for r in csv.DictReader(fh)}
    assert {"harapan-strategy", "harapan-tangguh", "harapan-hijau"} <= ids


def test_a_cue_inside_an_organisations_name_places_nothing() -> None:
    text = "Dinas Kesehatan mengusulkan integrasi angkutan umum. Badan Penanggulangan Bencana Daerah hadir."
    r = Report(text).element("sol", "Solution", "Dinas Kesehatan mengusulkan integrasi angkutan umum").run(JAKARTA)
    link = r.links()["sol"]
    # Health is the proposer's name, not the proposal's subject: no tie with SEHAT.
    assert (link["to"], link["quote"], link["confidence"]) == ("jakarta-terhubung", "angkutan", "0.60")
    jakarta = load_strategies().for_city(JAKARTA)
    assert jakarta is not None
    assert find_hits(text, text.index("Badan"), len(text), jakarta) == []


def test_a_weak_cue_places_an_item_only_when_nothing_stronger_speaks() -> None:
    # Data sharing is a theme of every pillar: the session's heading decides when it has a cue.
    text = "Sesi Air Bersih\n- berbagi data antara dua dinas\nSesi Umum\n- berbagi data antarwilayah"
    r = (Report(text).element("s1", "Session", "Sesi Air Bersih").element("s2", "Session", "Sesi Umum")
         .element("i1", "Issue", "berbagi data antara dua dinas").element("i2", "Issue", "berbagi data antarwilayah")
         .link("i1", "s1", "raisedIn").link("i2", "s2", "raisedIn").run(JAKARTA))
    links = r.links()
    assert (links["i1"]["to"], links["i1"]["quote"]) == ("jakarta-sehat", "Air Bersih")
    assert (links["i2"]["to"], links["i2"]["quote"]) == ("jakarta-terhubung", "berbagi data")  # nothing else speaks
    for row in links.values():
        assert_exact(r, row)


def test_the_items_own_clause_and_its_list_intro_place_it_before_the_heading() -> None:
    text = ("Sesi Transportasi\nWALHI meminta agar pencemaran udara dikurangi, sementara JRMK menyoroti perlunya "
            "pelibatan warga kampung.\nIsu banjir di pesisir:\n- jadwal piket petugas pompa air\n- jadwal piket malam")
    r = (Report(text).element("s", "Session", "Sesi Transportasi")
         .element("a", "Solution", "perlunya pelibatan warga kampung").element("b", "Issue", "jadwal piket malam")
         .link("a", "s", "presentedIn").link("b", "s", "raisedIn").run(JAKARTA))
    links = r.links()
    # The other clause's "pencemaran udara" says nothing of this item; its own weak cue and the
    # session's heading are what is left, and the heading is stronger.
    assert links["a"]["to"] == "jakarta-terhubung"
    # A list item without a cue: the line that introduces the list decides, not the session.
    assert (links["b"]["to"], links["b"]["quote"]) == ("jakarta-siap", "banjir")
    assert "sentence's cue" in links["b"]["note"]
    assert_exact(r, links["b"])


def test_an_item_with_no_cue_near_it_follows_the_reports_title_and_opening() -> None:
    text = ("Rapat Koordinasi Penanganan Banjir Rob\n\nRapat membahas kesiapan pompa, tanggul dan jalur evakuasi "
            "menjelang puncak musim hujan bersama kelurahan dan relawan di pesisir utara.\n\n"
            "Hal lain yang dibahas: jadwal piket petugas kelurahan.")
    r = Report(text).element("i", "Issue", "jadwal piket petugas kelurahan").run(JAKARTA)
    link = r.links()["i"]
    assert link["to"] == "jakarta-siap" and float(link["confidence"]) <= 0.3
    assert "title" in link["note"]
    assert_exact(r, link)
    # A report whose opening names no pillar clearly leaves it for review.
    r = Report("Rapat rutin.\n\nHal lain: jadwal piket petugas kelurahan.").element(
        "i", "Issue", "jadwal piket petugas kelurahan").run(JAKARTA)
    assert "i" not in r.links() and "no pillar cue" in r.note("i")


@pytest.mark.parametrize(("text", "pillar"), [
    ("buruknya kualitas udara di koridor utama", "jakarta-sehat"),
    ("heat stress among outdoor workers", "jakarta-sehat"),
    ("kohesi sosial warga di rusunawa", "jakarta-terhubung"),
    ("integrasi tarif MRT dan Transjakarta", "jakarta-terhubung"),
    ("data pengungsi belum diperbarui", "jakarta-siap"),  # evacuees outweigh the weak "data"
    ("tsunami evacuation drills in schools", "jakarta-siap"),
])
def test_the_themes_of_each_pillar_place_an_item(text: str, pillar: str) -> None:
    r = Report(text).element("i", "Issue", text).run(JAKARTA)
    assert r.links()["i"]["to"] == pillar


def test_a_cue_weight_other_than_weak_is_refused_naming_file_and_line(tmp_path: Path, harapan: Path) -> None:
    cues = harapan / "pillar_cues.csv"
    table = cues.read_text(encoding="utf-8").rstrip("\n").replace("lang,basis", "lang,basis,weight")
    cues.write_text(table + ",strong\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"pillar_cues.csv:\d+: weight 'strong'"):
        load_strategies([harapan])
