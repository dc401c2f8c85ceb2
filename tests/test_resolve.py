"""Resolving mentions to actors: small named cases, one behaviour each."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilience_kg.extract.gazetteer import NON_TERRITORIAL, load_gazetteer
from resilience_kg.extract.resolve import KnownActor, Mention, known_actors, report_city, resolve
from resilience_kg.graph.csv_reader import Row, Table, read_table

DATA = Path(__file__).parent.parent / "resilience_kg" / "data"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_one_body_three_ways_in_a_jakarta_report(gaz):
    names = ["BPBD DKI Jakarta", "BPBD Provinsi DKI Jakarta", "Badan Penanggulangan Bencana Daerah"]
    results = [resolve(Mention(n), known=[], gazetteer=gaz, city="DKI Jakarta") for n in names]
    assert {r.same_as for r in results} == {"bpbd"}
    assert all(r.score == 100 and not r.ambiguous for r in results)


def _by_pattern(r, pattern: str, place: str | None) -> bool:
    """A new actor recognised by a body pattern: no id, the pattern as method, a note that says so."""
    return (r.same_as is None and not r.ambiguous and r.method == f"rule:body-pattern:{pattern}"
            and "real name may differ" in r.note and (place is None or place in r.note))


def test_the_report_city_decides_between_namesakes(gaz):
    jakarta = resolve(Mention("Dinas Perhubungan"), known=[], gazetteer=gaz, city="Jakarta")
    surabaya = resolve(Mention("Dinas Perhubungan"), known=[], gazetteer=gaz, city="Kota Surabaya")
    assert jakarta.same_as == "dishub"
    # Surabaya's Dishub is no entity of the gazetteer: a new actor, by pattern, never Jakarta's.
    assert _by_pattern(surabaya, "dinas-perhubungan", "Kota Surabaya")
    assert surabaya.sector == "GovernmentAgency" and surabaya.parent is None


def test_the_mentions_own_place_overrides_the_report_city(gaz):
    r = resolve(Mention("Dinas Perhubungan Kota Surabaya"), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert _by_pattern(r, "dinas-perhubungan", "Kota Surabaya")
    r = resolve(Mention("Dishub", acronym="Dishub"), known=[], gazetteer=gaz, city="Surabaya")
    assert _by_pattern(r, "dinas-perhubungan", "Kota Surabaya")


def test_without_a_city_a_standard_body_is_ambiguous_with_its_candidates(gaz):
    r = resolve(Mention("BPBD"), known=[], gazetteer=gaz, city=None)
    assert r.same_as is None and r.ambiguous and r.method == "ambiguous:standard-body-no-place"
    assert "bpbd" in dict(r.candidates)
    assert r.sector == "GovernmentAgency"


def test_a_place_naming_a_city_and_a_regency_leaves_the_region_open(gaz):
    r = resolve(Mention("BPBD Bogor"), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert _by_pattern(r, "bpbd", None) and "Kemendagri" not in r.note  # Kota or Kabupaten Bogor?
    r = resolve(Mention("BPBD Kabupaten Bogor"), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert _by_pattern(r, "bpbd", "Kabupaten Bogor (Kemendagri 32.01)")


def test_a_pattern_made_id_is_never_same_as(gaz):
    """Issue 22: a body matched only by a pattern is a new actor, for every standard body of a region."""
    from resilience_kg.extract.body_patterns import standard_bodies
    from resilience_kg.extract.regions import is_place

    for region in (is_place("Kota Semarang"), is_place("Kabupaten Bogor"), is_place("Provinsi Jawa Barat")):
        for body in standard_bodies(region):
            r = resolve(Mention(body.name), known=[], gazetteer=gaz, city=region.jurisdiction)
            assert r.same_as is None and r.method == body.method, body.name


def test_a_body_of_an_unknown_place_is_not_taken_for_the_local_one(gaz):
    for name in ("BPBD Kota Malang", "Badan Penanggulangan Bencana Daerah Kota Malang"):
        r = resolve(Mention(name, acronym="BPBD"), known=[], gazetteer=gaz, city="DKI Jakarta")
        assert r.same_as is None, name


def test_a_name_known_only_elsewhere_is_not_settled_silently(gaz):
    r = resolve(Mention("PAM Jaya"), known=[], gazetteer=gaz, city="Kota Semarang")
    assert r.same_as is None and r.ambiguous
    assert r.candidates == (("pam-jaya", 100.0),)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Universitas Padjajaran", "unpad"),
        ("Plan Internasional Indonesia", "plan-international-indonesia"),
        ("Dinas Sumber Daya Aiir", "dsda"),
        ("Badan Meteorologi Klimatologi dan Geofisikia", "bmkg"),
    ],
)
def test_misspellings_resolve_by_fuzzy_match(gaz, name, expected):
    r = resolve(Mention(name), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert r.same_as == expected
    assert 88 <= r.score < 100
    assert r.method == f"gazetteer-fuzzy:{expected}"


@pytest.mark.parametrize("name", ["Dinas Kesehatan Hewan", "Dinas Kebudayaan Daerah Lain", "Kedutaan Besar Meksiko"])
def test_an_extra_word_is_not_a_misspelling(gaz, name):
    assert resolve(Mention(name), known=[], gazetteer=gaz, city="DKI Jakarta").same_as is None


def test_below_the_threshold_nothing_resolves(gaz):
    r = resolve(Mention("Universitas Padjajaran"), known=[], gazetteer=gaz, city="DKI Jakarta", threshold=99)
    assert r.same_as is None and r.method == "unresolved"


def test_acronym_and_expansion_agree(gaz):
    r = resolve(Mention("Dinas Lingkungan Hidup", acronym="DLH", expansion="Dinas Lingkungan Hidup"),
                known=[], gazetteer=gaz, city="DKI Jakarta")
    assert (r.same_as, r.sector, r.parent) == ("dlh", "GovernmentAgency", "pemprov-dki-jakarta")


def test_english_and_indonesian_names_meet(gaz):
    for name in ("Jakarta Disaster Management Agency", "Embassy of France", "Kedubes Prancis", "UNDRR"):
        r = resolve(Mention(name), known=[], gazetteer=gaz, city="Jakarta")
        assert r.same_as in {"bpbd", "french-embassy", "undrr"}, name


def test_known_actors_of_the_bundled_graph(gaz):
    tables = [read_table(DATA / "elements.csv")]
    known = known_actors(tables)
    by_id = {k.id: k for k in known}
    assert by_id["bpbd"].sector == "GovernmentAgency"
    assert "Kedutaan Besar Perancis" in by_id["french-embassy"].labels
    assert "ambassador-of-france" not in by_id  # a Post is not an actor
    r = resolve(Mention("Pelaku Bisnis dari Perancis"), known=known, gazetteer=gaz, city="Jakarta")
    assert (r.same_as, r.method) == ("french-businesses", "graph:french-businesses")


def test_an_actor_of_the_graph_not_in_the_gazetteer(gaz):
    known = [KnownActor("yayasan-banjir-kanal", ("Yayasan Banjir Kanal",), "YBK", "CivilSocietyOrganization")]
    r = resolve(Mention("Yayasan Banjir Kanall"), known=known, gazetteer=gaz, city="Jakarta")
    assert r.same_as == "yayasan-banjir-kanal" and r.method == "graph-fuzzy:yayasan-banjir-kanal"
    assert resolve(Mention("YBK"), known=known, gazetteer=gaz, city="Jakarta").same_as == "yayasan-banjir-kanal"


def test_alias_rows_join_their_target(gaz):
    # Built in memory: the same_as and status columns arrive with issue 11's loader.
    rows = [
        {"id": "r1-bpbd", "type": "GovernmentAgency", "label_id": "Badan Penanggulangan Bencana Daerah Jkt",
         "label_en": "BPBD Jkt", "same_as": "bpbd", "status": "accepted"},
        {"id": "r1-x", "type": "GovernmentAgency", "label_id": "Dinas X", "label_en": "Agency X", "status": "rejected"},
    ]
    table = Table(kind="elements", name="elements.csv",
                  rows=[Row(values=r, location=f"elements.csv:{n}") for n, r in enumerate(rows, 2)])
    known = known_actors([table])
    assert [k.id for k in known] == ["bpbd"]  # the alias row defines its target; rejected rows are no actors
    assert "BPBD Jkt" in known[0].labels


def test_a_sector_hint_breaks_a_tie_between_sectors(gaz):
    known = [
        KnownActor("kota-hijau-ngo", ("Kota Hijau",), None, "CivilSocietyOrganization"),
        KnownActor("kota-hijau-firm", ("Kota Hijau",), None, "PrivateCompany"),
    ]
    tie = resolve(Mention("Kota Hijau"), known=known, gazetteer=gaz, city="Jakarta")
    assert tie.same_as is None and tie.ambiguous and len(tie.candidates) == 2
    hinted = resolve(Mention("Kota Hijau", sector_hint="PrivateCompany"), known=known, gazetteer=gaz, city="Jakarta")
    assert hinted.same_as == "kota-hijau-firm" and len(hinted.candidates) == 2


def test_a_dinas_named_with_an_administrative_city_is_its_suku_dinas(gaz):
    for name in ("Suku Dinas Penanggulangan Kebakaran dan Penyelamatan Jakarta Utara",
                 "Dinas Penanggulangan Kebakaran dan Penyelamatan Jakarta Utara", "Sudin Gulkarmat Jakut"):
        r = resolve(Mention(name), known=[], gazetteer=gaz, city="DKI Jakarta")
        assert _by_pattern(r, "suku-dinas-gulkarmat", "Kota Administrasi Jakarta Utara"), name
    r = resolve(Mention("Sudin SDA"), known=[], gazetteer=gaz, city="Kota Administrasi Jakarta Timur")
    assert _by_pattern(r, "suku-dinas-sumber-daya-air", "Jakarta Timur")
    assert resolve(Mention("Sudin SDA"), known=[], gazetteer=gaz, city="DKI Jakarta").same_as is None  # which city?


def test_an_unknown_dinas_of_an_administrative_city_is_not_the_provincial_one(gaz):
    r = resolve(Mention("Dinas Pendidikan Jakarta Utara"), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert r.same_as is None and r.method == "unresolved:other-jurisdiction"
    assert r.candidates == (("disdik", 100.0),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Semarang, 17Juli 2018 - Sekretariat Jakarta Berketahanan ke Jakarta dan Jakarta.", "Kota Semarang"),
        ("Jakarta, Selasa, 14 Januari 2020. BPBD Kota Bandung hadir.", "DKI Jakarta"),
        ("Rapat di Kota Surabaya. Dishub Kota Surabaya dan Sekretariat Jakarta Berketahanan.", "Kota Surabaya"),
        ("The Jakarta Resilience Secretariat met the Embassy in Jakarta.", "DKI Jakarta"),
        ("Bappeda Kota Semarang and BPBD DKI Jakarta spoke.", None),  # a tie: no context
        ("A webinar without any place.", None),
        ("Bogor, 3 Maret 2020. Rapat di Kabupaten Bogor.", "Kabupaten Bogor"),
    ],
)
def test_report_city(gaz, text, expected):
    assert report_city(text, gaz) == expected


def test_every_gazetteer_name_resolves_to_its_entry_in_its_own_place(gaz):
    """Each name, acronym and alias leads back to its body, in a report on that body's place.

    National and international bodies resolve the same from a Jakarta report and from a report
    whose city is unknown.
    """
    wrong = []
    for entry in gaz.entries:
        territorial = entry.jurisdiction not in NON_TERRITORIAL
        for city in ([entry.jurisdiction] if territorial else ["DKI Jakarta", None]):
            for form in entry.names():
                r = resolve(Mention(form), known=[], gazetteer=gaz, city=city)
                if r.same_as != entry.id:
                    wrong.append((entry.id, form, city, r.method))
    assert wrong == []


def test_a_place_name_shared_by_a_city_and_a_regency_follows_the_report(gaz):
    r = resolve(Mention("BPBD Bogor"), known=[], gazetteer=gaz, city="Kota Bogor")
    assert _by_pattern(r, "bpbd", "Kota Bogor (Kemendagri 32.71)")
    r = resolve(Mention("BPBD Bogor"), known=[], gazetteer=gaz, city="Kabupaten Bogor")
    assert _by_pattern(r, "bpbd", "Kabupaten Bogor (Kemendagri 32.01)")


def test_a_unique_name_needs_no_city_but_a_report_on_another_city_keeps_it_a_candidate(gaz):
    assert resolve(Mention("PAM Jaya"), known=[], gazetteer=gaz, city=None).same_as == "pam-jaya"
    elsewhere = resolve(Mention("PAM Jaya"), known=[], gazetteer=gaz, city="Kota Surabaya")
    assert elsewhere.same_as is None and elsewhere.ambiguous and elsewhere.candidates == (("pam-jaya", 100.0),)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kementerian Pekerjaan Umum dan Perumahan Rakyat (PUPR)", "pupr"),
        ("Badan Penanggulangan Bencana Daerah (BPBD)", "bpbd"),
        ("DSDA (Dinas Sumber Daya Air)", "dsda"),
        ("Japan International Cooperation Agency (JICA)", "jica"),
    ],
)
def test_a_name_with_its_parenthesis(gaz, name, expected):
    assert resolve(Mention(name), known=[], gazetteer=gaz, city="DKI Jakarta").same_as == expected


def test_a_parenthesis_naming_another_place_is_not_the_local_body(gaz):
    r = resolve(Mention("Dinas Sosial (Dinsos) Kota Malang"), known=[], gazetteer=gaz, city="DKI Jakarta")
    assert r.same_as is None
