"""The official region list (Kemendagri codes): places are not bodies, and a place's kind decides
which standard bodies a name may mean."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from resilience_kg.extract.body_patterns import standard_bodies
from resilience_kg.extract.regions import (
    CITY_KINDS,
    KIND_WORD,
    by_code,
    find,
    is_place,
    region_kind,
    regions,
    villages,
)

PLACES = Path(__file__).parent.parent / "resilience_kg" / "extract" / "rules" / "places.csv"


def test_the_list_has_the_size_its_readme_states():
    kinds = [r.kind for r in regions()]
    assert kinds.count("provinsi") == 38
    assert sum(kinds.count(k) for k in CITY_KINDS) == 514
    assert sum(kinds.count(k) for k in ("kecamatan", "distrik")) == 7285
    assert len(villages()) == 83762


def test_every_region_has_a_known_kind_and_an_existing_parent():
    codes = by_code()
    for r in regions():
        assert r.kind in KIND_WORD, r
        assert r.parent == "" if r.kind == "provinsi" else r.parent in codes, r
        assert r.code.startswith(r.parent), r


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("Kota Surabaya", "35.78", "kota"),
        ("Kabupaten Bogor", "32.01", "kabupaten"),
        ("Kab. Bogor", "32.01", "kabupaten"),
        ("Bogor", "32.71", "kota"),  # bare, a city and a regency: the city
        ("Provinsi Jawa Barat", "32", "provinsi"),
        ("DKI Jakarta", "31", "provinsi"),
        ("Jakarta Utara", "31.72", "kota administrasi"),
        ("Kota Administrasi Jakarta Utara", "31.72", "kota administrasi"),
        ("Kepulauan Seribu", "31.01", "kabupaten administrasi"),
        ("Daerah Istimewa Yogyakarta", "34", "provinsi"),
        ("Kecamatan Gambir", "31.71.01", "kecamatan"),
        ("Kelurahan Penjaringan", "31.72.01.1001", "kelurahan"),
    ],
)
def test_a_place_is_found_with_its_code_and_kind(name, code, kind):
    region = is_place(name)
    assert region is not None and (region.code, region.kind) == (code, kind)
    assert region_kind(name) == kind


@pytest.mark.parametrize(
    "name", ["Dinas Perhubungan Kota Surabaya", "BPBD", "Gambir", "Penjaringan", "Sekretariat Jakarta Berketahanan"]
)
def test_a_body_or_a_bare_district_or_village_is_no_place(name):
    """A district or village needs its kind word: hundreds of village names are ordinary words."""
    assert is_place(name) is None


def test_a_name_shared_by_two_regions_lists_both():
    assert [r.full_name for r in find("Bogor")] == ["Kabupaten Bogor", "Kota Bogor"]
    assert [r.full_name for r in find("Kota Bogor")] == ["Kota Bogor"]


def test_standard_bodies_follow_the_kind_of_the_region():
    semarang = {b.pattern.id: b for b in standard_bodies(is_place("Kota Semarang"))}
    assert semarang["pemerintah-daerah"].name == "Pemerintah Kota Semarang"
    assert semarang["dinas-perhubungan"].name == "Dinas Perhubungan Kota Semarang"
    assert semarang["dinas-perhubungan"].method == "rule:body-pattern:dinas-perhubungan"
    assert "suku-dinas-sumber-daya-air" not in semarang  # a suku dinas only in Jakarta's cities
    jabar = {b.pattern.id for b in standard_bodies(is_place("Provinsi Jawa Barat"))}
    assert "dinas-pemadam-kebakaran" not in jabar and "bpbd" in jabar
    jakut = {b.pattern.id for b in standard_bodies(is_place("Jakarta Utara"))}
    assert jakut == {p for p in jakut if p.startswith("suku-dinas-")} and "suku-dinas-sumber-daya-air" in jakut


def test_every_place_listed_bare_is_a_region_of_the_list_or_says_what_else_it_is():
    with PLACES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {"name", "kind", "basis"} <= set(rows[0])
    for row in rows:
        assert row["basis"].strip(), row
        if row["kind"] in ("provinsi", "kota", "kabupaten"):
            # A region's own name, or a common name (Solo, Jogja) whose basis cites the region's code.
            cited = re.search(r"Kemendagri code ([\d.]+)", row["basis"])
            assert is_place(row["name"]) is not None or (cited and cited.group(1) in by_code()), row


def test_places_are_never_drafted_as_actors(tmp_path):
    """End to end: a report naming regions drafts no actor for them, and a standard body of a
    region known only by pattern is a new actor with the pattern as its method and no same_as."""
    from resilience_kg.extract.pipeline import extract_reports

    report = tmp_path / "rapat.txt"
    report.write_text(
        "Semarang, 12 Maret 2021 - Rapat koordinasi banjir di Kelurahan Tambak Lorok, Kecamatan Semarang "
        "Utara, Kota Semarang. Rapat dihadiri Dinas Perhubungan Kota Semarang, BPBD Provinsi Jawa Tengah "
        "dan Badan Nasional Penanggulangan Bencana (BNPB). Kabupaten Demak juga diundang.\n",
        encoding="utf-8",
    )
    extract_reports([report], out=tmp_path / "out")
    with (tmp_path / "out" / "elements.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["type"] not in ("Event", "Session", "Issue", "Solution")]
    labels = {r["label_id"]: r for r in rows}
    for place in ("Kelurahan Tambak Lorok", "Kecamatan Semarang Utara", "Kota Semarang", "Kabupaten Demak"):
        assert place not in labels, place
    dishub = labels["Dinas Perhubungan Kota Semarang"]
    assert dishub["same_as"] == "" and "rule:body-pattern:dinas-perhubungan" in dishub["method"]
    assert labels["Badan Nasional Penanggulangan Bencana"]["same_as"] == "bnpb"
