"""The bundled gazetteer: every entry well-formed and sourced, no entity made by a pattern,
bundled ids reused, the body patterns, and the loader's errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from resilience_kg.errors import DataError
from resilience_kg.extract.body_patterns import load_body_patterns
from resilience_kg.extract.gazetteer import LEVELS, SECTORS, SOURCE_FORM, load_gazetteer
from resilience_kg.extract.regions import by_code

DATA = Path(__file__).parent.parent / "resilience_kg" / "data"
HEADER = "id,name,acronym,aliases,sector,parent,jurisdiction,level,basis,note,source\n"
SRC = "UU 24/2007 tentang Penanggulangan Bencana"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_entry_is_well_formed(gaz):
    ids = {e.id for e in gaz.entries}
    assert len(gaz.entries) > 150
    for e in gaz.entries:
        assert e.sector in SECTORS, e.id
        assert e.level in LEVELS, e.id
        assert e.basis.strip(), e.id
        assert not e.parent or e.parent in ids, e.id
        assert e.id == e.id.strip().lower() and " " not in e.id, e.id


def test_no_surface_form_names_two_bodies_of_one_jurisdiction_without_a_note(gaz):
    """A shared name inside one jurisdiction is a trap for the resolver unless a curator said why."""
    assert gaz.clashes() == []


def test_a_shared_name_needs_a_note(tmp_path):
    rows = (
        f"a,Dinas Air,DA,,GovernmentAgency,,DKI Jakarta,province,x,,{SRC}\n"
        f"b,Dinas Air Bersih,DA,,GovernmentAgency,,DKI Jakarta,province,x,,{SRC}\n"
        f"c,Dinas Air,DA,,GovernmentAgency,,Kota Surabaya,city,x,,{SRC}\n"
    )
    clashes = load_gazetteer(_write(tmp_path, rows)).clashes()
    assert clashes == [("da", "DKI Jakarta", ("a", "b"))]  # Surabaya's DA is another jurisdiction's
    noted = rows.replace("province,x,,", "province,x,both renamed in 2020,")
    assert load_gazetteer(_write(tmp_path, noted)).clashes() == []


def test_parents_form_no_cycle(gaz):
    for e in gaz.entries:
        seen = {e.id}
        node = e
        while node.parent:
            node = gaz.by_id[node.parent]
            assert node.id not in seen, f"cycle through {e.id}"
            seen.add(node.id)


def test_bundled_actors_keep_their_ids(gaz):
    """An actor of the bundled data that the gazetteer knows resolves to the bundled id."""
    with (DATA / "elements.csv").open(encoding="utf-8") as f:
        actors = [r for r in csv.DictReader(f) if r["type"] in SECTORS]
    by_label = {r["id"]: [e.id for e in gaz.lookup_exact(r["label_id"])] for r in actors}
    missing = {aid: hits for aid, hits in by_label.items() if aid not in hits}
    # The French businesses are a group, not a body: a gazetteer cannot hold it. YKRI and Ruang
    # Waktu are named in the bundled report only; no public document found attests them (issue 22).
    assert set(missing) == {"french-businesses", "ykri", "ruang-waktu"}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("BPBD Provinsi DKI Jakarta", ["bpbd"]),
        ("Kedubes Prancis", ["french-embassy"]),
        ("Embassy of France", ["french-embassy"]),
        ("PD PAM Jaya", ["pam-jaya"]),
        ("Perumda Air Minum Jaya", ["pam-jaya"]),
        ("Institut Teknologi Bandung", ["itb"]),
        ("University of Indonesia", ["ui"]),
        ("Kementrian PUPR", ["pupr"]),
        ("BPBD Kabupaten Bogor", []),  # a standard body by pattern only: no entity
    ],
)
def test_lookup_exact(gaz, surface, expected):
    assert [e.id for e in gaz.lookup_exact(surface)] == expected


def test_a_name_without_its_place_finds_the_sourced_body(gaz):
    assert [e.id for e in gaz.lookup_exact("Dinas Perhubungan")] == ["dishub"]


def test_every_entry_names_its_public_source(gaz):
    """Issue 22: a URL with its publisher and the year seen, or a regulation's number and title."""
    for e in gaz.entries:
        assert e.source.strip(), e.id
        assert SOURCE_FORM.search(e.source), (e.id, e.source)
        for part in e.source.split("; "):
            assert (part.startswith(("http://", "https://")) and "(" in part and "seen 20" in part) or \
                SOURCE_FORM.match(part), (e.id, part)


def test_no_entry_is_made_by_a_pattern(gaz):
    """The standard bodies of a region are patterns, never entities: no row's basis is a pattern,
    and a row whose name is what a pattern predicts cites a document of its own."""
    patterns = load_body_patterns()
    bases = {p.basis for p in patterns}
    for e in gaz.entries:
        assert not e.basis.lower().startswith("pattern"), e.id
        match = gaz.match_pattern(e.name)
        if match is not None:
            assert e.source not in bases, e.id
    # Outside Jakarta (whose bodies are sourced one by one) no standard regional body is an entity: a
    # regional row elsewhere is a body with a name of its own (a water enterprise), which no pattern predicts.
    jakarta = {"DKI Jakarta", *(r.jurisdiction for r in (by_code()[c] for c in ("31.01", "31.71", "31.72", "31.73",
                                                                               "31.74", "31.75")))}
    elsewhere = [e for e in gaz.entries if e.level in ("province", "city") and e.jurisdiction not in jakarta]
    for e in elsewhere:
        assert all(gaz.match_pattern(name) is None for name in e.names()), e.id
        assert e.source.startswith(("http://", "https://")), e.id  # a page seen, not a pattern's regulation


def test_faults_found_by_the_audits_are_fixed(gaz):
    """Issue 22, section 4, and the audit of a new sample (seed in the changelog)."""
    assert gaz.by_id["jakarta-konsultindo"].parent == "jakpro"  # a BUMD under its holding
    assert gaz.by_id["kci"].parent == "kai"
    assert gaz.by_id["karina"].name == "Karitas Indonesia Konferensi Waligereja Indonesia"
    assert "Sekretariat Daerah Sekretariat Daerah" not in gaz.by_id["biro-umum"].name
    assert "dinas-pu" not in gaz.by_id  # a body under a name no longer used, with no source


def test_body_patterns_are_rules_with_a_basis():
    patterns = load_body_patterns()
    assert len({p.id for p in patterns}) == len(patterns)
    for p in patterns:
        assert p.basis.strip() and p.kinds, p.id
        assert SOURCE_FORM.search(p.basis), p.id


@pytest.mark.parametrize(
    ("surface", "context", "pattern", "code"),
    [
        ("Dinas Perhubungan Kota Semarang", (), "dinas-perhubungan", "33.74"),
        ("Dishub", ("Kota Semarang",), "dinas-perhubungan", "33.74"),
        ("Dinas PUPR Kota Bogor", (), "dinas-pekerjaan-umum", "32.71"),  # the 2016 name
        ("Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bogor", (), "dinas-pekerjaan-umum", "32.01"),
        ("Bappelitbangda Kabupaten Bandung", (), "bappeda", "32.04"),  # Bappeda with Litbang
        ("Pemerintah Aceh", (), "pemerintah-daerah", "11"),  # a province's own official name
        ("Pemkot Surabaya", (), "pemerintah-daerah", "35.78"),
        ("Sudin SDA", ("Kota Administrasi Jakarta Utara",), "suku-dinas-sumber-daya-air", "31.72"),
        ("Dinas Sumber Daya Air Jakarta Utara", (), "suku-dinas-sumber-daya-air", "31.72"),
    ],
)
def test_a_pattern_recognises_the_standard_body_of_a_region(gaz, surface, context, pattern, code):
    match = gaz.match_pattern(surface, context)
    assert match is not None and match.pattern.id == pattern and match.region.code == code
    assert match.method == f"rule:body-pattern:{pattern}"
    assert "real name may differ" in match.note


@pytest.mark.parametrize(
    "surface",
    ["Suku Dinas Sumber Daya Air Kota Semarang",  # a suku dinas exists only in a kota administrasi
     "Dinas Pemadam Kebakaran Provinsi Jawa Barat",  # fire services are a regency's or city's affair
     "Badan Pusat Statistik", "Dinas Perhubungan Batu"],  # no pattern; "Batu" bare is no place
)
def test_a_pattern_fits_only_regions_of_its_kinds(gaz, surface):
    assert gaz.match_pattern(surface) is None or gaz.match_pattern(surface).region is None


def test_surface_forms_cover_names_acronyms_and_aliases(gaz):
    forms = {(form, e.id) for form, e in gaz.surface_forms()}
    assert ("BPBD", "bpbd") in forms
    assert ("Badan Penanggulangan Bencana Daerah", "bpbd") in forms
    assert ("UCLG ASPAC", "uclg-aspac") in forms


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "gaz.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"a,A,,,Government,,Indonesia,national,x,,{SRC}\n", "gaz.csv:2: unknown sector 'Government'"),
        (f"a,A,,,GovernmentAgency,,Indonesia,federal,x,,{SRC}\n", "gaz.csv:2: unknown level 'federal'"),
        (f"a,A,,,GovernmentAgency,zz,Indonesia,national,x,,{SRC}\n", "gaz.csv:2: parent 'zz' of 'a' is no entry's id"),
        (f"a,A,,,GovernmentAgency,,Indonesia,national,x,,{SRC}\na,B,,,GovernmentAgency,,Indonesia,national,x,,{SRC}\n",
         "gaz.csv:3: duplicate id 'a' (first on line 2)"),
        (f"a,A,,,GovernmentAgency,,Indonesia,national,,,{SRC}\n", "gaz.csv:2: empty basis"),
        ("a,A,,,GovernmentAgency,,Indonesia,national,x,,\n", "gaz.csv:2: empty source"),
        ("a,A,,,GovernmentAgency,,Indonesia,national,x,,the project glossary\n",
         "gaz.csv:2: source 'the project glossary' of 'a' is neither a URL nor a regulation"),
        ("a,A,,,GovernmentAgency,,Indonesia\n", "gaz.csv:2: this row has 7 fields"),
    ],
)
def test_bad_entries_are_refused_with_file_and_line(tmp_path, body, message):
    with pytest.raises(DataError) as err:
        load_gazetteer(_write(tmp_path, body))
    assert str(err.value).endswith(message) or message in str(err.value)


def test_unknown_column_is_refused(tmp_path):
    path = tmp_path / "gaz.csv"
    path.write_text("id,name,sector,jurisdiction,level,basis,source,colour\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"gaz.csv:1: unknown column 'colour'"):
        load_gazetteer(path)


def test_not_utf8_is_refused_with_line(tmp_path):
    path = tmp_path / "gaz.csv"
    path.write_bytes(HEADER.encode() + f"a,Dinas Ķ,,,GovernmentAgency,,Indonesia,national,x,,{SRC}\n".encode("cp1257"))
    with pytest.raises(DataError, match=r"gaz.csv:2: not UTF-8"):
        load_gazetteer(path)
