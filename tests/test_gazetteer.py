"""The bundled gazetteer: every entry well-formed, bundled ids reused, and the loader's errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from resilience_kg.errors import DataError
from resilience_kg.extract.gazetteer import LEVELS, SECTORS, load_gazetteer

DATA = Path(__file__).parent.parent / "resilience_kg" / "data"
HEADER = "id,name,acronym,aliases,sector,parent,jurisdiction,level,basis,note\n"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_entry_is_well_formed(gaz):
    ids = {e.id for e in gaz.entries}
    assert len(gaz.entries) > 400
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
        "a,Dinas Air,DA,,GovernmentAgency,,DKI Jakarta,province,x,\n"
        "b,Dinas Air Bersih,DA,,GovernmentAgency,,DKI Jakarta,province,x,\n"
        "c,Dinas Air,DA,,GovernmentAgency,,Kota Surabaya,city,x,\n"
    )
    clashes = load_gazetteer(_write(tmp_path, rows)).clashes()
    assert clashes == [("da", "DKI Jakarta", ("a", "b"))]  # Surabaya's DA is another jurisdiction's
    noted = rows.replace("province,x,\n", "province,x,both renamed in 2020\n")
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
    # The French businesses are a group, not a body: the one bundled actor a gazetteer cannot hold.
    assert set(missing) == {"french-businesses"}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("BPBD Provinsi DKI Jakarta", ["bpbd"]),
        ("Kedubes Prancis", ["french-embassy"]),
        ("Embassy of France", ["french-embassy"]),
        ("PD PAM Jaya", ["pam-jaya"]),
        ("Perumda Air Minum Jaya", ["pam-jaya"]),
        ("Dishub Surabaya", ["dishub-surabaya"]),
        ("Institut Teknologi Bandung", ["itb"]),
        ("University of Indonesia", ["ui"]),
        ("Kementrian PUPR", ["pupr"]),
        ("BPBD Kabupaten Bogor", ["bpbd-kabupaten-bogor"]),
    ],
)
def test_lookup_exact(gaz, surface, expected):
    assert [e.id for e in gaz.lookup_exact(surface)] == expected


def test_a_name_without_its_place_lists_every_jurisdiction(gaz):
    ids = {e.id for e in gaz.lookup_exact("Dinas Perhubungan")}
    assert {"dishub", "dishub-surabaya", "dishub-bandung"} <= ids


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
        ("a,A,,,Government,,Indonesia,national,x,\n", "gaz.csv:2: unknown sector 'Government'"),
        ("a,A,,,GovernmentAgency,,Indonesia,federal,x,\n", "gaz.csv:2: unknown level 'federal'"),
        ("a,A,,,GovernmentAgency,zz,Indonesia,national,x,\n", "gaz.csv:2: parent 'zz' of 'a' is no entry's id"),
        ("a,A,,,GovernmentAgency,,Indonesia,national,x,\na,B,,,GovernmentAgency,,Indonesia,national,x,\n",
         "gaz.csv:3: duplicate id 'a' (first on line 2)"),
        ("a,A,,,GovernmentAgency,,Indonesia,national,,\n", "gaz.csv:2: empty basis"),
        ("a,A,,,GovernmentAgency,,Indonesia\n", "gaz.csv:2: this row has 7 fields"),
    ],
)
def test_bad_entries_are_refused_with_file_and_line(tmp_path, body, message):
    with pytest.raises(DataError) as err:
        load_gazetteer(_write(tmp_path, body))
    assert str(err.value).endswith(message) or message in str(err.value)


def test_unknown_column_is_refused(tmp_path):
    path = tmp_path / "gaz.csv"
    path.write_text("id,name,sector,jurisdiction,level,basis,colour\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"gaz.csv:1: unknown column 'colour'"):
        load_gazetteer(path)


def test_not_utf8_is_refused_with_line(tmp_path):
    path = tmp_path / "gaz.csv"
    path.write_bytes(HEADER.encode() + "a,Dinas Ķ,,,GovernmentAgency,,Indonesia,national,x,\n".encode("cp1257"))
    with pytest.raises(DataError, match=r"gaz.csv:2: not UTF-8"):
        load_gazetteer(path)
