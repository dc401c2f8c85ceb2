"""Error classes of actor recognition seen on real reports the rules were not written for (issue 20,
sections 3 and 4, fourth round): each test is a short made-up passage in the style of a class, with
what a reviewer expects to see drafted. No name here is in a rule table: the rules are general."""

from __future__ import annotations

from helpers.extraction import actor_names, found, pipeline_actors, quotes

from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.resolve import Mention, resolve

# --- 1. a post is not a body ---------------------------------------------------------------------


def test_a_police_or_military_commander_s_short_post_is_no_body() -> None:
    # The head of a command, written as one short word before what he asks, is a post: its body is
    # named elsewhere or not at all, never drafted as "Kapolres ..." or "Babinsa".
    text = ("Polres Teluk Damai menggelar rapat koordinasi bersama BPBD dan Dinas Sosial. "
            "Kapolres Teluk Damai meminta semua pihak bersiaga. "
            "Babinsa juga diminta aktif mengedukasi warga. "
            "Dandim menyatakan siap mengerahkan personel.")
    names = actor_names(text)
    assert not [n for n in names if n.startswith(("Kapolres", "Babinsa", "Dandim"))], names
    assert "Polres Teluk Damai" in names


def test_a_bracketed_short_form_of_the_head_s_post_is_not_the_body_s() -> None:
    # "(Kapolda)" abbreviates the head's post; the body is the regional police, with its region.
    text = ("Rapat dihadiri Kepala Kepolisian Daerah (Kapolda) Jateng Irjen Pol Budi Santoso dan "
            "Dinas Perhubungan Provinsi Jawa Tengah.")
    police = [m for m in found(text) if m.name.startswith("Kepolisian Daerah")]
    assert [(m.name, m.acronym) for m in police] == [("Kepolisian Daerah Jateng", None)]
    assert text[police[0].start:police[0].end] == "Kepolisian Daerah (Kapolda) Jateng"


# --- 2. a regional branch is not the national body -----------------------------------------------


def test_a_national_body_named_with_a_region_without_a_level_word_is_its_branch() -> None:
    # "Kepolisian Daerah Jabar": a short region name after the body's own word for its level
    # ("Daerah") is that region's command, not the national police.
    gaz = load_gazetteer()
    res = resolve(Mention("Kepolisian Daerah Jabar"), known=[], gazetteer=gaz, city="Kota Bandung")
    assert res.same_as is None and res.parent == "polri", res
    assert res.method.startswith("unresolved:regional-branch-of:")
    # The national body itself, and a university named after its city, still resolve to themselves.
    assert resolve(Mention("Polri"), known=[], gazetteer=gaz, city="Kota Bandung").same_as == "polri"
    assert resolve(Mention("Institut Teknologi Bandung"), known=[], gazetteer=gaz, city="Kota Bandung").same_as == "itb"


# --- 3. one body written two ways is one actor -------------------------------------------------


def test_an_english_name_and_its_indonesian_name_after_a_slash_are_one_body() -> None:
    # "English name/Indonesian name [SHORT] Place": the short form spells the Indonesian name.
    text = ("The training was opened by Ms. Rani (Head of Division in Planning and Research "
            "Agency/Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah [BAPPERIDA] Bontang).")
    assert quotes(text) == ["Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah [BAPPERIDA] Bontang"]
    (m,) = found(text)
    assert (m.name, m.acronym) == ("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah Bontang", "BAPPERIDA")


def test_an_english_name_with_its_indonesian_name_in_brackets_is_one_actor() -> None:
    text = ("Participants came from the National Development Planning Agency (Kementerian PPN/Bappenas) "
            "and the Ministry of Home Affairs.")
    names = actor_names(text)
    assert len(names) == 2, names
    planning = next(a for a in pipeline_actors(text) if "Planning" in a.mention.name)
    assert planning.resolution is not None and planning.resolution.same_as == "bappenas"


def test_a_short_form_written_in_two_parts_is_the_known_body() -> None:
    # "UN DRR" is UNDRR written with a space: the known body, not the UN.
    text = "The scorecard developed by UN DRR was used by the city's task team."
    (m,) = found(text)
    assert (text[m.start:m.end], m.name, m.sector) == ("UN DRR", "UNDRR", "InternationalOrganization")


def test_a_field_abbreviated_after_dan_stays_inside_the_name() -> None:
    # "dan KB" abbreviates a field of the Dinas (Keluarga Berencana), not a second body; a body the
    # tables know after "dan" is still a second actor.
    text = ("Dinas Pengendalian Penduduk dan KB Kabupaten Teluk Jaya menggelar rapat bersama "
            "Dinas Sosial dan BPBD.")
    assert quotes(text) == ["Dinas Pengendalian Penduduk dan KB Kabupaten Teluk Jaya", "Dinas Sosial", "BPBD"]


# --- 4. what is not a body ----------------------------------------------------------------------


def test_a_minister_s_field_and_its_short_form_are_a_post_not_a_division() -> None:
    # "Menteri Koordinator Bidang X (Menko X)": the minister's post; its "Bidang" is no division.
    text = ("Penandatanganan disaksikan Menteri Koordinator Bidang Pangan dan Pertanian (Menko Pangan) "
            "Budi Santoso dan Kepala Bidang Pencegahan (Kabid Pencegahan) BPBD Kota Bima.")
    names = [m.name for m in found(text)]
    assert not [n for n in names if "Pangan" in n], names
    assert "Bidang Pencegahan BPBD Kota Bima" in names  # a head's post before a division keeps the division


def test_a_body_named_inside_a_building_s_name_is_the_building() -> None:
    # A mosque or a command's headquarters named after a body is where people went, not the body;
    # the sentence after it starts afresh.
    text = ("Apel digelar di halaman Mako Polres Teluk Jaya. Polres Teluk Jaya bersama BPBD memimpin "
            "evakuasi ke Gedung Dakwah/Masjid Nurul Ikhsan Muhammadiyah.")
    assert quotes(text) == ["Polres Teluk Jaya", "BPBD"]


def test_a_place_kind_written_with_a_typo_is_still_a_place() -> None:
    # "Kecamaan" for Kecamatan: the district in a list of those present is a place, not a body.
    text = ("Simulasi diikuti BPBD, PMI Kabupaten Teluk Jaya, warga Desa Sukamaju, Kecamaan Pantai Indah, "
            "Kabupaten Teluk Jaya.")
    assert not [q for q in quotes(text) if "Pantai Indah" in q], quotes(text)
    assert "PMI Kabupaten Teluk Jaya" in quotes(text)


def test_a_continent_joined_to_a_word_by_a_hyphen_is_no_place_of_a_body() -> None:
    # "UCLG Asia-Pacific Regional Conference": "Asia" is not the region of a branch called "UCLG Asia".
    text = "The workshop took place during the UCLG Asia-Pacific Regional Conference in Surabaya."
    assert [m.name for m in found(text)] == ["UCLG"]


# --- 5. the same body, one actor ----------------------------------------------------------------


def test_a_defined_short_form_written_bare_inside_a_unit_s_name_is_the_same_body() -> None:
    # "(Diskominfo)" is defined once; "Bidang Statistik Diskominfo" names its division, and the
    # Dinas stays one actor (not a second "Diskominfo" resolved to another city's office).
    text = ("Rapat dihadiri Dinas Komunikasi dan Informatika (Diskominfo) dan Dinas Sosial. "
            "Plt. Kepala Bidang Statistik Diskominfo, Rusmana, menyampaikan data terbaru.")
    names = actor_names(text)
    assert "Diskominfo" not in names, names
    assert "Dinas Komunikasi dan Informatika" in names


def test_a_governor_s_short_province_name_is_spelled_out_in_the_government_s_name() -> None:
    text = "Rapat dihadiri Pj Gubernur Jateng Budi Santoso dan Kepala BPBD."
    govt = [m for m in found(text) if m.method == "rule:regional-head"]
    assert [(text[m.start:m.end], m.name) for m in govt] == [("Jateng", "Pemerintah Provinsi Jawa Tengah")]


def test_a_task_force_of_an_international_body_is_international() -> None:
    text = "The UCLG Taskforce on Urban Crises and the BNPB Task Force took part."
    sectors = {m.name: m.sector for m in found(text)}
    assert sectors == {"UCLG Taskforce on Urban Crises": "InternationalOrganization",
                       "BNPB Task Force": "GovernmentAgency"}


# --- 6. a head noun with no name of its own --------------------------------------------------------


def test_a_head_noun_followed_at_once_by_dan_names_no_body() -> None:
    # "Rapat Koordinasi Pusat dan Daerah" (central and regional), "Kepala Bidang dan Kepala Seksi":
    # the head has no name of its own.
    text = ("Rapat Koordinasi Pusat dan Daerah dihadiri Kepala Bidang dan Kepala Seksi Logistik "
            "BPBD Provinsi Riau.")
    assert not [q for q in quotes(text) if q.startswith(("Pusat", "Bidang"))], quotes(text)
    assert "BPBD Provinsi Riau" in quotes(text)


def test_a_unit_s_listed_fields_run_up_to_its_parent_s_short_form() -> None:
    text = ("Kata Kepala Pusat Data, Informasi dan Komunikasi Kebencanaan BNPB Abdul Muhari, "
            "posko dibuka di Kabupaten Lumajang.")
    (unit, *_) = found(text)
    assert text[unit.start:unit.end] == "Pusat Data, Informasi dan Komunikasi Kebencanaan BNPB"
    assert unit.parent_span is not None and text[slice(*unit.parent_span)] == "BNPB"


def test_the_holder_s_name_after_a_post_and_its_body_is_no_body() -> None:
    # "... dibuka oleh Direktur <field> <body>, <NAME>": the name after the comma is the director's.
    text = ("Rapat dibuka oleh Direktur Manajemen Penanggulangan Bencana dan Kebakaran Ditjen Bina "
            "Adwil Kemendagri, Rahmat ZA, bersama BNPB dan BPBD.")
    assert not [q for q in quotes(text) if "Rahmat" in q], quotes(text)


# --- 7. bodies without a head noun, and names broken by a line end -----------------------------


def test_a_list_after_a_verb_of_attending_names_bodies_without_head_nouns() -> None:
    # One body of the list has a head noun; the others are short forms and short names, after
    # "dihadiri oleh beberapa instansi diantaranya": they are the bodies present.
    text = ("FGD dipimpin moderator Bapak Andi yang di hadiri oleh beberapa instansi diantaranya, "
            "Teluk Zero Waste, FKPS, Karang Taruna Sukamaju, GAPENSA, PT Sinar Abadi, KPLH Bening "
            "dan Ibu Profesional.")
    got = quotes(text)
    for name in ("Teluk Zero Waste", "FKPS", "Karang Taruna Sukamaju", "GAPENSA", "KPLH Bening", "PT Sinar Abadi"):
        assert name in got, (name, got)
    assert not [q for q in got if "Ibu" in q or "Andi" in q], got


def test_a_list_of_people_after_a_verb_of_attending_stays_people() -> None:
    # Without a body among its members, a list after "dihadiri" names no body.
    text = "Rapat dihadiri oleh Budi Santoso, Rina Wijaya, Ahmad Fauzi dan Sari Dewi."
    assert quotes(text) == []


def test_a_name_broken_at_the_end_of_a_hard_wrapped_line_is_one_name() -> None:
    text = ("Rapat koordinasi penanganan kekeringan ini dihadiri oleh Dinas Lingkungan\n"
            "Hidup Kota Teluk Jaya, Dinas Pekerjaan Umum dan Penataan Ruang beserta\n"
            "Badan Penanggulangan Bencana Daerah Kota Teluk Jaya dan perwakilan Perumda\n"
            "Air Minum Tirta Jaya, yang membahas distribusi air bersih ke warga.\n")
    got = quotes(text)
    assert "Dinas Lingkungan\nHidup Kota Teluk Jaya" in got, got
    assert not [q for q in got if q.startswith(("Hidup", "Air"))], got
    names = [m.name for m in found(text)]
    assert "Dinas Lingkungan Hidup Kota Teluk Jaya" in names


def test_a_standard_regional_body_without_a_place_is_no_particular_region_s() -> None:
    # Every province, regency and city has a Satpol PP and a Sekretariat Daerah: named bare in a
    # report whose city is not known, it is not Jakarta's (whose the gazetteer happens to hold).
    gaz = load_gazetteer()
    for name in ("Satpol PP", "Setda"):
        res = resolve(Mention(name), known=[], gazetteer=gaz, city=None)
        assert res.same_as is None and res.ambiguous, (name, res)
        assert resolve(Mention(name), known=[], gazetteer=gaz, city="DKI Jakarta").same_as is not None
    res = resolve(Mention("Satpol PP Kota Tarakan"), known=[], gazetteer=gaz, city=None)
    assert res.same_as is None and res.method.startswith("rule:body-pattern:")
