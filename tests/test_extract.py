"""`resilience-kg extract`: readers, recognisers, draft tables, re-runs that keep the review, bad
input and missing packages. The reports here are short, written for these tests."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from resilience_kg.cli import main
from resilience_kg.extract import ExtractError, extract_reports, read_source
from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.recognise.actors import recognise
from resilience_kg.extract.recognise.agreements import find_agreements
from resilience_kg.extract.recognise.dates import find_dates
from resilience_kg.extract.recognise.enumerations import find_items
from resilience_kg.extract.recognise.events import find_event
from resilience_kg.extract.segment import sentences

ROOT = Path(__file__).resolve().parent.parent

RAPAT = """Rapat Koordinasi Kesiapsiagaan Banjir

Pada hari Kamis, 14 November 2019 Badan Penanggulangan Bencana Daerah (BPBD) Provinsi DKI Jakarta \
menyelenggarakan Rapat Koordinasi Kesiapsiagaan Banjir di Gedung Balai Agung. Rapat dibuka oleh Kepala \
Pelaksana BPBD Provinsi DKI Jakarta, Bapak Hendra Wiratama. Rapat dihadiri oleh Dinas Sumber Daya Air (DSDA), \
Dinas Perhubungan [Dishub], Palang Merah Indonesia (PMI), Universitas Trisakti, PT Hutama Karya dan \
Yayasan Air Bersih Nusantara, serta para akademisi dan pelaku bisnis. Paparan disampaikan oleh narasumber dari \
Japan International Cooperation Agency (JICA).
Dalam sesi diskusi, isu utama yang dibahas yaitu: (i) genangan di jalan protokol; (ii) pompa yang belum \
berfungsi; dan (iii) sampah di saluran. Solusi yang diusulkan: (i) pemeliharaan pompa rutin; dan (ii) \
patroli saluran setiap minggu.
BPBD dan PMI akan menandatangani Nota Kesepahaman tentang pelatihan relawan.
"""

ENGLISH = """Visit of the Embassy of Denmark

On Wednesday, 6 March 2019 the Jakarta Resilience Secretariat received a delegation from the Embassy of \
Denmark. The meeting was attended by the Environment Agency (DLH), the engineering firms Ramboll and COWI, \
and the United Nations Development Programme (UNDP). The parties have signed a Letter of Intent on urban water.
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def labels_by_type(text: str) -> dict[str, str]:
    found = recognise(text, sentences(text), load_gazetteer())
    return {text[m.start:m.end]: (m.sector or "") for m in found}


# --- recognition ----------------------------------------------------------------------------


def test_acronym_and_expansion_in_every_form() -> None:
    text = ("Hadir Dinas Lingkungan Hidup (DLH), Dinas Perhubungan [Dishub] dan DSDA (Dinas Sumber Daya Air) "
            "dalam rapat.")
    found = recognise(text, sentences(text), load_gazetteer())
    pairs = {(m.acronym, m.expansion) for m in found}
    assert ("DLH", "Dinas Lingkungan Hidup") in pairs
    assert ("Dishub", "Dinas Perhubungan") in pairs
    assert ("DSDA", "Dinas Sumber Daya Air") in pairs


def test_sector_from_head_nouns_groups_and_known_names() -> None:
    text = ("Turut hadir Universitas Trisakti, PT Hutama Karya, Yayasan Air Bersih Nusantara, Kedutaan Besar "
            "Belanda, BUMD (PT Jakarta Propertindo), Swasta (Ruang Waktu) dan UNDP.")
    got = labels_by_type(text)
    assert got["Universitas Trisakti"] == "AcademicInstitution"
    assert got["PT Hutama Karya"] == "PrivateCompany"
    assert got["Yayasan Air Bersih Nusantara"] == "CivilSocietyOrganization"
    assert got["Kedutaan Besar Belanda"] == "DiplomaticMission"
    assert got["PT Jakarta Propertindo"] == "RegionalEnterprise"  # the BUMD heading wins over "PT"
    assert got["Ruang Waktu"] == "PrivateCompany"
    assert got["UNDP"] == "InternationalOrganization"


def test_collectives_places_venues_and_regulations_are_not_actors() -> None:
    text = ("Rapat di Gedung Balai Agung, Balai Kota DKI Jakarta, dihadiri akademisi, OPD, pelaku bisnis, NGOs, "
            "Jakarta, Indonesia dan BPBD, merujuk Peraturan Gubernur Nomor 1 Tahun 2018 tentang Rencana Kerja "
            "Pemerintah Daerah.")
    got = labels_by_type(text)
    assert list(got) == ["BPBD"]


@pytest.mark.parametrize("group", ["BPBD kabupaten/kota se-Jawa Timur", "Bappeda Kabupaten/Kota",
                                   "Dinas Kesehatan Kab/Kota", "23 BPBD kabupaten/kota", "BPBD se-Jawa Timur"])
def test_the_bodies_of_every_regency_and_city_are_a_group_not_one_body(group: str) -> None:
    text = f"Rakor diikuti {group} serta Badan Perencanaan Pembangunan Prov. Jawa Timur di Surabaya."
    got = labels_by_type(text)
    assert list(got) == ["Badan Perencanaan Pembangunan Prov. Jawa Timur"], got


def test_named_units_keep_their_parent() -> None:
    text = "Rapat dibuka oleh Kepala Bidang Pencegahan dan Kesiapsiagaan BPBD Provinsi DKI Jakarta, Bapak Tri."
    found = recognise(text, sentences(text), load_gazetteer())
    unit = next(m for m in found if m.name.startswith("Bidang Pencegahan"))
    assert unit.kind == "unit"
    assert unit.parent_span is not None and text[unit.parent_span[0]:unit.parent_span[1]].startswith("BPBD")


def test_english_reports_and_lists_after_a_sector_word() -> None:
    got = labels_by_type(ENGLISH)
    assert got["Ramboll"] == "PrivateCompany" and got["COWI"] == "PrivateCompany"
    assert got["Embassy of Denmark"] == "DiplomaticMission"
    assert "Environment Agency (DLH)" in got
    assert got["United Nations Development Programme (UNDP)"] == "InternationalOrganization"


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Pada Hari Kamis, 28 November 2019 rapat", None, "2019-11-28"),
    ("Jakarta, 17Juli 2018 kunjungan", None, "2018-07-17"),
    ("kegiatan pada Rabu (29/11) di kantor", "2017-12-02", "2017-11-29"),
    ("tanggal 20 September 2018 bertempat", None, "2018-09-20"),
    ("On Thursday, November 28, 2019 the workshop", None, "2019-11-28"),
    ("Senin (8/12/2025) pagi", None, "2025-12-08"),
    ("On 13th of November 2018, RDI attended", None, "2018-11-13"),
    ("held on the 2nd of May 2012 in Jakarta", None, "2012-05-02"),
    ("Monday, 1st March 2021 the webinar", None, "2021-03-01"),
])
def test_event_dates_in_their_many_forms(text: str, published: str | None, expected: str) -> None:
    import datetime as dt

    pub = dt.date.fromisoformat(published) if published else None
    assert [str(d.date) for d in find_dates(text, published=pub)] == [expected]


def test_a_day_and_month_without_a_year_needs_the_publication_date() -> None:
    assert find_dates("Rabu (29/11)", published=None) == []


def test_event_kind_and_date() -> None:
    event = find_event(RAPAT, sentences(RAPAT), published=None)
    assert event is not None and event.kind == "meeting" and str(event.date) == "2019-11-14"
    assert RAPAT[event.start:event.end] == event.label


@pytest.mark.parametrize(("text", "kind"), [
    ("A two-day symposium on disaster risk reduction was held in Yogyakarta on 13 June 2013.", "workshop"),
    ("Musrenbang Kecamatan Penjaringan digelar pada 12 Februari 2020.", "meeting"),
    ("Simulasi bencana gempa bumi dilaksanakan di SDN 01 pada 26 April 2019.", "workshop"),
    ("The Jakarta Resilience Dialogue took place on 5 March 2020.", "meeting"),
])
def test_symposia_dialogues_drills_and_planning_deliberations_are_events(text: str, kind: str) -> None:
    event = find_event(text, sentences(text), published=None)
    assert event is not None and event.kind == kind, event


@pytest.mark.parametrize(("text", "expected"), [
    ("The report by the World Health Organization, the Jakarta City Council and the National Disaster "
     "Management Authority was discussed.",
     {"World Health Organization": "InternationalOrganization", "Jakarta City Council": "GovernmentAgency",
      "National Disaster Management Authority": "GovernmentAgency"}),
    ("Jonathan Lassa, a fellow of the Resilience Development Initiative (RDI), spoke with the Asia Pacific "
     "Adaptation Network and the Global Resilient Cities Alliance.",
     {"Resilience Development Initiative (RDI)": "CivilSocietyOrganization",
      "Asia Pacific Adaptation Network": "CivilSocietyOrganization",
      "Global Resilient Cities Alliance": "CivilSocietyOrganization"}),
])
def test_english_head_nouns_at_the_end_of_a_name(text: str, expected: dict[str, str]) -> None:
    got = labels_by_type(text)
    assert {label: got.get(label) for label in expected} == expected, got


def test_enumerations_in_every_style() -> None:
    inline = find_items("Isu utama yaitu: (i) banjir rob; (ii) penurunan tanah; dan (iii) sampah.")
    assert [(i.kind, i.label) for i in inline] == [("Issue", "Banjir rob"), ("Issue", "Penurunan tanah"),
                                                   ("Issue", "Sampah")]
    lines = find_items("Rekomendasi FGD:\n1. Perluasan ruang terbuka hijau.\n2. Sumur resapan di sekolah.\n")
    assert [(i.kind, i.label) for i in lines] == [("Solution", "Perluasan ruang terbuka hijau"),
                                                  ("Solution", "Sumur resapan di sekolah")]
    bullets = find_items("The challenges raised were:\n- land subsidence\n- fragmented data\n")
    assert [i.label for i in bullets] == ["Land subsidence", "Fragmented data"]
    semicolons = find_items("Permasalahan yang dihadapi antara lain: data tidak lengkap; anggaran terbatas; "
                            "dan koordinasi lemah.")
    assert [i.label for i in semicolons] == ["Data tidak lengkap", "Anggaran terbatas", "Koordinasi lemah"]
    assert find_items("Kegiatan ini diharapkan menjadi: (i) sarana belajar; (ii) sarana bertemu.") == []


def test_agreement_status_from_the_verb() -> None:
    planned = "Pemprov DKI Jakarta dan Kedutaan Besar Perancis akan menyepakati Letter of Intent (LoI) kerja sama."
    signed = "BPBD dan PMI telah menandatangani Nota Kesepahaman tentang pelatihan relawan."
    [a] = find_agreements(planned, sentences(planned))
    [b] = find_agreements(signed, sentences(signed))
    assert (a.status, a.acronym) == ("planned", "LoI")
    assert b.status == "signed" and b.label.startswith("Nota Kesepahaman")


# --- the command and its tables ---------------------------------------------------------------


def extract_cli(*args: str) -> object:
    return CliRunner().invoke(main, ["extract", *args], catch_exceptions=False)


def drafted(tmp_path: Path, name: str, text: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The element and connection rows ``extract`` drafts from ``text`` saved as ``name``."""
    out = tmp_path / "drafts"
    result = extract_cli(str(write(tmp_path / name, text)), "-o", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return rows(out / "elements.csv"), rows(out / "connections.csv")


def test_extract_writes_draft_tables_with_exact_quotes(tmp_path: Path) -> None:
    report = write(tmp_path / "rapat-banjir.txt", RAPAT)
    out = tmp_path / "drafts"
    result = extract_cli(str(report), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "added" in result.output
    sources = rows(out / "sources.csv")
    assert [s["id"] for s in sources] == ["rapat-banjir"]
    text_bytes = (out / sources[0]["file"]).read_bytes()
    assert sources[0]["checksum"] == "sha256:" + hashlib.sha256(text_bytes).hexdigest()
    text = text_bytes.decode("utf-8")
    elements, connections = rows(out / "elements.csv"), rows(out / "connections.csv")
    for row in elements + connections:
        assert row["status"] == "draft" and row["method"] and row["source"] == "rapat-banjir"
        assert 0.0 <= float(row["confidence"]) <= 1.0
        assert text[int(row["start"]):int(row["end"])] == row["quote"]
    by_label = {r["label_id"]: r for r in elements}
    assert by_label["Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta"]["same_as"] == "bpbd"
    assert by_label["PT Hutama Karya"]["type"] == "PrivateCompany"
    assert not any(label.lower() in ("akademisi", "pelaku bisnis") for label in by_label)
    event = next(r for r in elements if r["type"] == "Event")
    assert event["date"] == "2019-11-14"
    assert "akademisi" in event["note"]  # collectives: at most a note
    roles = {(c["from"], c["to"], c["type"]) for c in connections}
    bpbd = by_label["Badan Penanggulangan Bencana Daerah Provinsi DKI Jakarta"]["id"]
    assert (event["id"], bpbd, "organizedBy") in roles
    dsda = by_label["Dinas Sumber Daya Air"]["id"]
    assert (dsda, event["id"], "participatedIn") in roles
    post = next(r for r in elements if r["type"] == "Post")
    person = next(r for r in elements if r["type"] == "Person")
    assert person["label_id"] == "Hendra Wiratama"
    assert (post["id"], bpbd, "org:postIn") in roles and (post["id"], person["id"], "org:heldBy") in roles
    assert (event["id"], post["id"], "openedBy") in roles
    agreement = next(r for r in elements if r["type"] == "Agreement")
    assert (agreement["id"], "agreement-status-planned", "agreementStatus") in roles
    issues = [r["label_id"] for r in elements if r["type"] == "Issue"]
    assert issues == ["Genangan di jalan protokol", "Pompa yang belum berfungsi", "Sampah di saluran"]
    assert (out / "review.html").is_file()


def test_same_report_same_graph_same_rows(tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", RAPAT)
    extract_reports([report], out=tmp_path / "a")
    extract_reports([report], out=tmp_path / "b")
    for name in ("elements.csv", "connections.csv", "sources.csv", "sources/r.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    # The page names its folder (in the build command it suggests); nothing else differs.
    page_a = (tmp_path / "a" / "review.html").read_text(encoding="utf-8").replace("--data a", "--data b")
    assert page_a == (tmp_path / "b" / "review.html").read_text(encoding="utf-8")


def test_rerunning_keeps_every_status_and_edit_and_adds_only_new_drafts(tmp_path: Path) -> None:
    first = write(tmp_path / "rapat.txt", RAPAT)
    out = tmp_path / "drafts"
    extract_reports([first], out=out)
    elements = rows(out / "elements.csv")
    header = list(elements[0])
    elements[0]["status"] = "accepted"
    elements[0]["label_en"] = "Jakarta Disaster Management Agency"
    elements[1]["status"] = "rejected"
    with open(out / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(elements)
    before = (out / "elements.csv").read_text(encoding="utf-8")

    again = extract_reports([first], out=out)
    assert again.added_elements == 0 and again.added_connections == 0
    assert (out / "elements.csv").read_text(encoding="utf-8") == before
    assert "added 0 element" in again.summary() and "2 reviewed" in again.summary()

    second = write(tmp_path / "visit.txt", ENGLISH)
    result = CliRunner().invoke(main, ["extract", str(first), str(second), "-o", str(out)])
    assert result.exit_code == 0, result.output
    after = rows(out / "elements.csv")
    assert after[:len(elements)] == elements  # every reviewed row as the curator left it
    added = after[len(elements):]
    assert added and all(r["source"] == "visit" and r["status"] == "draft" for r in added)
    assert f"added {len(added)} element" in result.output
    assert {s["id"] for s in rows(out / "sources.csv")} == {"rapat", "visit"}


def test_a_changed_source_text_is_refused_rather_than_breaking_reviewed_offsets(tmp_path: Path) -> None:
    report = write(tmp_path / "rapat.txt", RAPAT)
    out = tmp_path / "drafts"
    extract_reports([report], out=out)
    snapshot = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(report, RAPAT.replace("Kamis", "Jumat"))
    with pytest.raises(ExtractError, match="checksum differs"):
        extract_reports([report], out=out)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot


# --- readers and bad input ----------------------------------------------------------------------


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), written by hand; no lines: no text layer."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ("BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({esc(x)}) Tj T*" for x in lines) + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_html_reader_keeps_the_main_text_only(tmp_path: Path) -> None:
    page = write(tmp_path / "p.html", """<html><head><title>Rapat BPBD</title><script>var x = "Dinas Palsu";</script>
        </head><body><nav><a href="/">Beranda</a> <a>Kementerian Menu</a></nav>
        <div class="sidebar">Berita lain: Dinas Sidebar</div>
        <article><h1>Rapat Koordinasi</h1><p>Rapat dihadiri oleh <b>Dinas Sosial</b> &amp; BPBD.</p>
        <ul><li>isu pertama</li><li>isu kedua</li></ul></article>
        <footer>Hak cipta Dinas Footer</footer></body></html>""")
    source = read_source(page)
    assert source.title == "Rapat BPBD"
    assert source.text == "Rapat Koordinasi\nRapat dihadiri oleh Dinas Sosial & BPBD.\n- isu pertama\n- isu kedua"


def test_markdown_docx_and_pdf_readers(tmp_path: Path) -> None:
    import docx

    md = read_source(write(tmp_path / "r.md", "# Rapat\n\n**Dinas Sosial** hadir.\n\n* [BPBD](http://x) juga\n"))
    assert md.text == "Rapat\n\nDinas Sosial hadir.\n\n- BPBD juga"
    document = docx.Document()
    document.add_paragraph("Rapat Koordinasi")
    document.add_paragraph("Dihadiri oleh Dinas Sosial (Dinsos).")
    document.save(str(tmp_path / "r.docx"))
    assert read_source(tmp_path / "r.docx").text == "Rapat Koordinasi\nDihadiri oleh Dinas Sosial (Dinsos)."
    (tmp_path / "r.pdf").write_bytes(make_pdf(["Rapat Koordinasi, Kamis, 28 November 2019.",
                                               "Dihadiri oleh Dinas Lingkungan Hidup (DLH)."]))
    pdf = read_source(tmp_path / "r.pdf")
    assert "Dinas Lingkungan Hidup (DLH)" in pdf.text and "28 November 2019" in pdf.text


def test_windows_1252_text_is_decoded_by_a_stated_rule(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Rapat di Caf\u00e9 \u201cKopi\u201d dihadiri BPBD.".encode("cp1252"))
    source = read_source(path)
    assert source.text == "Rapat di Caf\u00e9 \u201cKopi\u201d dihadiri BPBD."
    assert "Windows-1252" in source.encoding_note and "byte 12" in source.encoding_note


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import pypdf

    cases: dict[str, tuple[Path, str]] = {}
    (tmp_path / "scan.pdf").write_bytes(make_pdf([]))
    cases["scanned"] = (tmp_path / "scan.pdf", "no text layer")
    (tmp_path / "plain.pdf").write_bytes(make_pdf(["Rapat koordinasi dengan Dinas Sosial."]))
    writer = pypdf.PdfWriter(clone_from=str(tmp_path / "plain.pdf"))
    writer.encrypt("rahasia", algorithm="RC4-128")
    writer.write(str(tmp_path / "locked.pdf"))
    cases["encrypted"] = (tmp_path / "locked.pdf", "encrypted")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    cases["corrupt"] = (tmp_path / "broken.pdf", "corrupt or unreadable PDF")
    (tmp_path / "notzip.docx").write_bytes(b"this is not a zip archive")
    cases["docx"] = (tmp_path / "notzip.docx", "not a .docx file")
    (tmp_path / "empty.txt").write_bytes(b"")
    cases["empty"] = (tmp_path / "empty.txt", "the file is empty")
    (tmp_path / "binary.txt").write_bytes(b"Rapat \x81\x8d\x8f\x90\x9d dengan BPBD")
    cases["not text"] = (tmp_path / "binary.txt", "not UTF-8 (first bad byte 0x81 at byte 6)")
    return cases


@pytest.mark.parametrize("case", ["scanned", "encrypted", "corrupt", "docx", "empty", "not text"])
def test_bad_input_names_the_file_exits_non_zero_and_writes_nothing(tmp_path: Path, case: str) -> None:
    path, message = bad_inputs(tmp_path)[case]
    good = write(tmp_path / "good.txt", RAPAT)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(good), str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert str(path) in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_zip_that_is_no_word_file_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "odd.docx", "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(ExtractError, match=r"odd\.docx: cannot read this \.docx"):
        read_source(tmp_path / "odd.docx")


def test_without_the_extra_the_command_names_the_install_and_exits_2(tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", RAPAT)
    script = ("import sys\nsys.modules['rapidfuzz'] = None\nfrom resilience_kg.cli import main\n"
              f"main(['extract', {str(report)!r}, '-o', {str(tmp_path / 'out')!r}])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 2
    assert "pip install 'resilience-kg[extract]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_source_id_is_for_one_report(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", RAPAT), write(tmp_path / "b.txt", ENGLISH)
    result = CliRunner().invoke(main, ["extract", str(a), str(b), "--source-id", "x", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "one PATH" in result.output
    result = CliRunner().invoke(main, ["extract", str(a), "--source-id", "jakarta-2019-11-14", "--date", "2019-11-20",
                                       "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    [source] = rows(tmp_path / "o" / "sources.csv")
    assert (source["id"], source["date"], source["file"]) == ("jakarta-2019-11-14", "2019-11-20",
                                                              "sources/jakarta-2019-11-14.txt")


def test_build_loads_accepted_rows_and_drafts_only_when_asked(tmp_path: Path) -> None:
    report = write(tmp_path / "rapat.txt", RAPAT)
    out = tmp_path / "drafts"
    extract_reports([report], out=out)
    elements = rows(out / "elements.csv")
    header = list(elements[0])
    dsda = next(r for r in elements if r["label_id"] == "Dinas Sumber Daya Air")
    dsda["status"] = "accepted"
    with open(out / "elements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(elements)
    result = CliRunner().invoke(main, ["build", "--data", str(out), "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    drafts = CliRunner().invoke(main, ["build", "--data", str(out), "--include-drafts", "--out", str(tmp_path / "d")])
    assert drafts.exit_code == 0, drafts.output
    merged = (tmp_path / "g" / "graph.trig").read_text(encoding="utf-8")
    with_drafts = (tmp_path / "d" / "graph.trig").read_text(encoding="utf-8")
    assert "Pompa yang belum berfungsi" not in merged and "Pompa yang belum berfungsi" in with_drafts


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Rapat dihadiri oleh BPBD dan Dinas Sosial.".encode("utf-16"))
    source = read_source(path)
    assert source.text == "Rapat dihadiri oleh BPBD dan Dinas Sosial." and "UTF-16" in source.encoding_note


def test_progress_goes_to_stderr_and_the_summary_to_stdout(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", RAPAT), write(tmp_path / "b.txt", ENGLISH)
    done = subprocess.run([sys.executable, "-m", "resilience_kg", "extract", str(a), str(b), "-o", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "extracting" in done.stderr and "as source a" in done.stderr and "as source b" in done.stderr
    assert done.stdout.startswith("2 report(s); added ")


def test_every_rule_has_its_basis_and_every_table_loads() -> None:
    from resilience_kg.extract.recognise.rules import TABLES, table

    for name in TABLES:
        rows = table(name)
        assert rows, name
        for n, row in enumerate(rows, 2):
            assert row.get("basis", "").strip(), f"rules/{name}.csv:{n} has no basis"
            assert all(v is not None for v in row.values()), f"rules/{name}.csv:{n} has too few fields"
    shipped = {p.stem for p in (ROOT / "resilience_kg" / "extract" / "rules").glob("*.csv")}
    assert shipped == set(TABLES)


def test_a_place_is_an_actor_only_when_it_acts_as_its_government() -> None:
    assert labels_by_type("Kota Surabaya menggelar lokakarya banjir.") == {"Kota Surabaya": "GovernmentAgency"}
    assert labels_by_type("Jakarta hosted the workshop.") == {"Jakarta": "GovernmentAgency"}
    assert labels_by_type("Lokakarya di Surabaya menggelar pameran; warga Jakarta hadir.") == {}


def test_legal_forms_are_never_acronyms(tmp_path: Path) -> None:
    # Regression: "PT PLN (Persero)" got the acronym "PT", and "(Perseroda)" was taken for one.
    report = write(tmp_path / "r.txt", "Rapat koordinasi pada Senin, 2 Maret 2020 dihadiri PT PLN (Persero) "
                                       "dan PT Jakarta Propertindo (Perseroda).\n")
    extract_reports([report], out=tmp_path / "o")
    acronyms = {r["label_id"]: r["acronym"] for r in rows(tmp_path / "o" / "elements.csv") if r["type"] != "Event"}
    assert acronyms.get("PT PLN (Persero)") == "PLN"
    assert not {a for a in acronyms.values() if a in ("PT", "Persero", "Perseroda")}, acronyms


def test_an_english_mou_names_its_parties_and_its_signing(tmp_path: Path) -> None:
    report = write(tmp_path / "r.txt", "JAKARTA, 12 March 2021 - BPBD DKI Jakarta held a workshop on flood early "
                                       "warning. The meeting closed with the signing of a Memorandum of Understanding "
                                       "between BPBD DKI Jakarta and UNDP Indonesia.\n")
    extract_reports([report], out=tmp_path / "o")
    links = rows(tmp_path / "o" / "connections.csv")
    parties = {r["to"] for r in links if r["type"] == "party"}
    assert len(parties) == 2 and any("undp" in p for p in parties) and any("bpbd" in p for p in parties), parties
    assert [r["to"] for r in links if r["type"] == "agreementStatus"] == ["agreement-status-signed"]


@pytest.mark.parametrize("sentence", [
    "BPBD Provinsi Bengkulu melaksanakan Rapat Koordinasi Penanggulangan Bencana pada Kamis 25 November 2021.",
    "BPBD Provinsi Bengkulu melakukan rapat koordinasi dengan Bappeda Provinsi Bengkulu pada 25 November 2021.",
    "A coordination meeting was convened by BPBD Provinsi Bengkulu on 25 November 2021.",
    "The workshop on 25 November 2021 is the cooperation between BPBD Provinsi Bengkulu and Universitas Bengkulu.",
    "Lokakarya 25 November 2021 merupakan hasil kerja sama antara BPBD Provinsi Bengkulu dan UNDP.",
])
def test_active_and_english_organiser_cues(tmp_path: Path, sentence: str) -> None:
    elements, connections = drafted(tmp_path, "rakor.txt", sentence)
    bpbd = next(r["id"] for r in elements if r["label_id"].startswith("BPBD Provinsi Bengkulu"))
    event = next(r["id"] for r in elements if r["type"] == "Event")
    assert (event, bpbd, "organizedBy") in {(c["from"], c["to"], c["type"]) for c in connections}


def test_an_officer_named_after_a_regency_is_not_part_of_its_name() -> None:
    text = ("Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bima Aries Munandar, ST, MT "
            "memaparkan materi. Hadir BPBD Kabupaten Tanah Datar dan Dinas PU Kabupaten Bandung Barat.")
    assert list(labels_by_type(text)) == ["Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bima",
                                          "BPBD Kabupaten Tanah Datar", "Dinas PU Kabupaten Bandung Barat"]


def test_a_body_first_seen_by_its_short_form_is_drafted_under_its_full_name(tmp_path: Path) -> None:
    text = ("Wabup Rakor Bersama BPBD Antisipasi Musim Hujan\n\n"
            "Wakil Bupati menghadiri rapat koordinasi bersama Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten "
            "Bima, Senin (2/12/19). Rapat di ruang rapat BPBD membahas banjir.")
    elements, _ = drafted(tmp_path, "bima.txt", text)
    bodies = [r for r in elements if r["type"] == "GovernmentAgency"]
    assert [(r["label_id"], r["quote"]) for r in bodies] == [
        ("Badan Penanggulangan Bencana Daerah Kabupaten Bima",
         "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bima")]


def test_a_list_of_topics_beside_bodies_names_no_body() -> None:
    text = ("Peserta diberi materi mengenai sinkronisasi program BPBD, Kebijakan Perencanaan dan Anggaran "
            "Penanggulangan Bencana, Peran Badan Pengelolaan Keuangan dan Aset Daerah.")
    assert list(labels_by_type(text)) == ["BPBD", "Badan Pengelolaan Keuangan dan Aset Daerah"]


def test_people_named_with_the_body_they_come_from_are_not_bodies() -> None:
    text = ("Pembicara: Chrysant Lily dari Arbeiter Samariter Bund (ASB), Keiko Sakoda dan Bandita Sijapati dari "
            "Bank Dunia, Profesor Ye-hao Song dari Universitas Tsinghua, BPBD Jawa Tengah, dan UNDP.")
    got = list(labels_by_type(text))
    assert not any("Sakoda" in label or "Sijapati" in label for label in got), got
    assert {"Bank Dunia", "Universitas Tsinghua", "BPBD Jawa Tengah", "UNDP"} <= set(got)


def test_a_regional_head_belongs_to_the_regions_government(tmp_path: Path) -> None:
    text = ("Rapat koordinasi banjir pada 3 Maret 2020 dibuka oleh Wali Kota Semarang, Hendrar Prihadi, di Balai "
            "Kota. Hasil rapat akan dilaporkan kepada Gubernur Jawa Tengah.")
    elements, connections = drafted(tmp_path, "rakor.txt", text)
    by_type = {(r["type"], r["label_id"]): r for r in elements}
    government = by_type[("GovernmentAgency", "Pemerintah Kota Semarang")]
    assert government["quote"] == "Semarang" and "regional head" in government["note"]
    post, person = by_type[("Post", "Wali Kota Semarang")], by_type[("Person", "Hendrar Prihadi")]
    event = next(r for r in elements if r["type"] == "Event")
    links = {(c["from"], c["type"], c["to"]) for c in connections}
    assert {(post["id"], "org:postIn", government["id"]), (post["id"], "org:heldBy", person["id"]),
            (event["id"], "openedBy", post["id"])} <= links
    assert not any("Jawa Tengah" in r["label_id"] for r in elements), "a post merely mentioned drafts no body"


def test_bodies_someone_speaks_of_are_mentioned_not_present(tmp_path: Path) -> None:
    text = ("Rapat koordinasi banjir digelar pada 2 Desember 2019 di kantor BPBD Kabupaten Bima. Selain peran BPBD "
            "Kabupaten Bima, Wakil Bupati mengharapkan dukungan dari TNI, Polri dan Basarnas.")
    elements, connections = drafted(tmp_path, "bima.txt", text)
    role = {c["from"]: c["type"] for c in connections}
    for label in ("TNI", "Polri", "Basarnas"):
        body = next(r["id"] for r in elements if r["label_id"] == label)
        assert role[body] == "mentionedIn", (label, role)


def test_an_mou_named_in_running_text_ends_at_its_acronym_and_a_later_reference_is_the_same() -> None:
    text = ("Pemerintah Kota Denpasar dan Pemerintah Kota Mossel Bay menandatangani nota kesepahaman (MoU) dan "
            "kembali menyepakati kerja sama sister city. Penandatanganan MoU tersebut dilakukan secara hibrid.")
    found = find_agreements(text, sentences(text))
    assert [(a.label, a.acronym, a.status) for a in found] == [("nota kesepahaman (MoU)", "MoU", "signed")]


def test_balinese_names_hold_their_posts_and_a_unit_ends_before_its_officer(tmp_path: Path) -> None:
    text = ("Penandatanganan MoU pada 31 Januari 2023 dihadiri Wali Kota Denpasar I Gusti Ngurah Jaya Negara, "
            "Ketua DPRD Kota Denpasar I Gusti Ngurah Gede, dan Sub Koordinator Bidang Kerja Sama Kemendagri RI "
            "Rika Fitriasari.")
    elements, _ = drafted(tmp_path, "denpasar.txt", text)
    people = {r["label_id"] for r in elements if r["type"] == "Person"}
    assert {"I Gusti Ngurah Jaya Negara", "I Gusti Ngurah Gede"} <= people, people
    assert not any("Fitriasari" in r["label_id"] for r in elements if r["type"] != "Person"), \
        [r["label_id"] for r in elements]


def test_headline_verbs_weekdays_and_regional_governments_in_general_are_not_names() -> None:
    text = ("Kemendagri Dorong Pemda Tingkatkan Kerja Sama\n\nRapat di Hotel Trans Luxury Bandung Kamis, "
            "22/08/19, dihadiri Pemda DKI dan Bappeda Kota Bandung.")
    # (The hotel after "di" is where the meeting was, a venue: no actor, and no label takes the weekday.)
    assert list(labels_by_type(text)) == ["Kemendagri", "Pemda DKI", "Bappeda Kota Bandung"]
