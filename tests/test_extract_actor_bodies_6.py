"""Which names are bodies, and of which kind: error classes of actor recall and sector seen on real
pages the rules were not written for (issue 20, section 4, round 6). Each test is a short made-up
passage in the style of a class, with what a reviewer expects to see drafted. No name here is in a
rule table: the rules read how posts name their command, how English names a local government,
and how a list of bodies works."""

from __future__ import annotations

from helpers.extraction import pipeline_actors

from resilience_kg.extract.draft import Actor


def actors(text: str) -> list[Actor]:
    return pipeline_actors(text)


def by_name(text: str) -> dict[str, Actor]:
    return {a.mention.name: a for a in actors(text)}


def quoted(text: str, actor: Actor) -> list[str]:
    return [text[m.start:m.end] for m in actor.mentions]


# --- 1. a police post that spells its command ------------------------------------------------------


def test_a_police_post_with_its_place_names_the_command_as_an_actor() -> None:
    # "Kapolres Klaten" is the head of the Klaten district police command: the command took part
    # through its head, so it is an actor even where the text never writes "Polres Klaten".
    text = ("Rapat koordinasi siaga banjir dipimpin Bupati Klaten dan dihadiri Kapolres Klaten AKBP "
            "Wiratmo serta Kapolda Jambi Irjen Pol. Suryadi yang sedang berkunjung.")
    got = by_name(text)
    assert "Kepolisian Resor Klaten" in got, list(got)
    assert "Kepolisian Daerah Jambi" in got, list(got)
    assert got["Kepolisian Resor Klaten"].sector == "GovernmentAgency"
    # The quote is the post as written, so a reviewer sees where the command comes from.
    assert "Kapolres Klaten" in quoted(text, got["Kepolisian Resor Klaten"])


def test_a_police_post_without_a_place_names_no_command() -> None:
    # "Kapolres" alone, or "Kapolsek se-Kabupaten ...", names no particular command.
    text = "Dalam apel itu Kapolres menyampaikan arahan kepada para Kapolsek se-Kabupaten Klaten."
    assert not [n for n in by_name(text) if n.startswith("Kepolisian")], list(by_name(text))


def test_a_police_post_and_its_command_written_out_are_one_actor() -> None:
    text = ("Polres Klaten menggelar apel kesiapsiagaan bencana. Kapolres Klaten AKBP Wiratmo "
            "mengatakan personel disiagakan di titik rawan banjir.")
    police = [a for a in actors(text) if "Klaten" in a.mention.name and a.mention.name != "Pemerintah Kabupaten Klaten"]
    assert len(police) == 1, [a.mention.name for a in police]


# --- 2. English: a city or regency standing for its government ---------------------------------------


def test_an_english_city_or_regency_that_acts_is_its_government() -> None:
    # English copy writes the local government as the place and its level: "Madiun City",
    # "Banyumas Regency". Where it does something (hosts, puts forward, signs), it is the
    # government, named as the Indonesian government is.
    text = ("The workshop was organised by Madiun City together with a regional network. A flood "
            "warning app was put forward by Banyumas Regency, and participants later visited a river "
            "park in Blitar City.")
    got = by_name(text)
    assert "Pemerintah Kota Madiun" in got, list(got)
    assert "Pemerintah Kabupaten Banyumas" in got, list(got)
    assert got["Pemerintah Kota Madiun"].sector == "GovernmentAgency"
    assert quoted(text, got["Pemerintah Kabupaten Banyumas"]) == ["Banyumas Regency"]
    # "in Blitar City" is where they went: a place, no actor.
    assert "Pemerintah Kota Blitar" not in got, list(got)


def test_an_english_district_after_its_head_is_the_government() -> None:
    # "The Head of X District" holds a post in the regency government; English compass words come
    # first where Indonesian puts them last ("North Lombok" is Lombok Utara).
    text = "The Head of North Lombok District opened the training and thanked the volunteers."
    assert "Pemerintah Kabupaten Lombok Utara" in by_name(text), list(by_name(text))


def test_a_city_named_in_a_longer_name_or_a_concept_is_no_government() -> None:
    # "Madiun City Disaster Office" is a body of its own (its words after "City" are its name);
    # "Resilient City" is a concept written in title case, not a place.
    text = ("Staff of the Madiun City Disaster Office explained how to become a Resilient City "
            "within five years. A delegate of PRO Madiun City and the Index Madiun City team spoke.")
    got = by_name(text)
    assert "Pemerintah Kota Madiun" not in got, list(got)
    assert not [n for n in got if n.startswith("Resilient")], list(got)


def test_a_foreign_city_written_with_lower_case_city_is_its_government() -> None:
    # A city abroad is in no Indonesian region list; English copy writes its government "X city"
    # when a person is its member. A concept in title case is not one.
    text = ("Experts from two networks shared their work, and a key member of Lindenport city "
            "presented its flood maps.")
    got = by_name(text)
    assert "Lindenport city" in got, list(got)
    assert got["Lindenport city"].sector == "GovernmentAgency"


def test_a_national_adjective_before_government_names_that_government() -> None:
    text = "With Malaysian government support, the volunteers trained twelve schools."
    got = by_name(text)
    assert "Government of Malaysia" in got, list(got)
    assert got["Government of Malaysia"].sector == "GovernmentAgency"


# --- 3. a list of bodies: its members without a head noun -------------------------------------------


def test_bare_names_in_a_list_of_bodies_are_bodies() -> None:
    # A comma list whose members are mostly bodies the rules know: its other members, one word in
    # title case that the text never writes in lower case, are bodies too (a students' nature
    # club, a radio operators' group), not firms' brands.
    text = ("Nota kesepahaman ditandatangani BPBD bersama PMI, Basarnas, Tagana, Pandurata, Selawira "
            "dan Orari di kantor bupati.")
    got = by_name(text)
    assert {"Pandurata", "Selawira"} <= set(got), list(got)
    assert got["Pandurata"].sector != "PrivateCompany"


def test_a_common_word_in_a_list_of_bodies_is_no_body() -> None:
    # "Logistik" is written in lower case elsewhere: a common word, not a name.
    text = ("Posko melibatkan BPBD, PMI, Basarnas, Logistik dan Tagana. Bantuan logistik tiba "
            "pada hari kedua.")
    assert "Logistik" not in by_name(text), list(by_name(text))


def test_a_three_letter_short_form_first_in_a_list_of_bodies_is_a_body() -> None:
    # The list's first item carries its lead-in ("dengan komunitas QRT"): its last word, a short
    # form of three capitals before a list of known bodies, is the list's first member.
    text = "Kerja sama itu antara BPBD dengan komunitas QRT, PMI, Basarnas, Tagana dan Orari."
    assert "QRT" in by_name(text), list(by_name(text))


def test_three_capitals_beside_one_body_only_stay_unread() -> None:
    # Beside a single body three capitals are as often a topic ("materi DRR dan BPBD"): no body.
    text = "Pelatihan itu membahas materi DRR dan BPBD menyiapkan modulnya."
    assert "DRR" not in by_name(text), list(by_name(text))


# --- 4. sector: a list of kinds before "such as" -------------------------------------------------------


def test_members_after_a_list_of_kinds_are_not_typed_by_the_last_kind() -> None:
    # "NGOs, government agencies and universities such as A, B, C": the members are of every kind
    # the list names, so none is typed a university for following the word "universities".
    text = ("Participants came from NGOs, government agencies, private firms and universities such "
            "as Bluewater Trust, KLV, Meranti Foundation and BRX.")
    got = by_name(text)
    assert "Meranti Foundation" in got, list(got)
    assert got["Meranti Foundation"].sector != "AcademicInstitution"
    assert all(a.sector != "AcademicInstitution" for a in got.values()), {n: a.sector for n, a in got.items()}


def test_members_after_one_kind_keep_that_kind() -> None:
    # Short forms with no head noun of their own take the one kind the list names.
    text = "The survey was run with universities such as KLV and BRX in three provinces."
    got = by_name(text)
    assert {got["KLV"].sector, got["BRX"].sector} == {"AcademicInstitution"}, {n: a.sector for n, a in got.items()}


def test_a_bare_word_after_and_or_first_in_a_sentence_is_no_member() -> None:
    # "dan" also joins a name's own words ("Kementerian Pemuda dan Olahraga" style), and a
    # sentence's first word before a comma is an adverb more often than a body.
    text = ("Notably, BPBD, PMI, Basarnas dan Tagana membahas Pembinaan Pemuda dan Kesenian bersama "
            "warga.")
    got = by_name(text)
    assert "Notably" not in got and "Kesenian" not in got, list(got)


def test_a_short_form_after_tim_in_a_list_is_the_team_named_so() -> None:
    # "Tim QPK" in a list of bodies: the team is quoted whole, its short form kept as the acronym.
    text = "Rapat itu dihadiri unsur terkait diantaranya Tim QPK, Dinas Sosial, BPBD, Bappeda, dan PMI."
    got = by_name(text)
    assert "Tim QPK" in got, list(got)
    assert got["Tim QPK"].mention.acronym == "QPK"


def test_a_police_post_beside_its_command_written_out_keeps_one_actor_and_its_words() -> None:
    # Where the text names the command ("Polres Klaten"), the post stands for it: the proposal the
    # head makes later ("Kapolres meminta ...") is the command's.
    text = ("Polres Klaten menggelar rapat siaga. Kapolres Klaten AKBP Wiratmo memimpin rapat itu. "
            "Kapolres juga meminta BPBD terus memperbarui peta rawan banjir.")
    police = [a for a in actors(text) if "Klaten" in a.mention.name]
    assert len(police) == 1, [a.mention.name for a in police]
    assert police[0].mention.name == "Polres Klaten"


def test_an_english_city_and_its_government_named_in_full_are_one_actor() -> None:
    # "Madiun City Government" and, later, "Madiun City": one government, one node; the regency
    # of the same name is another government.
    text = ("The Madiun City Government held a workshop on flood maps. Later Madiun City signed an "
            "agreement with Madiun Regency.")
    got = [a.mention.name for a in actors(text)]
    assert got.count("Madiun City Government") == 1 and "Pemerintah Kota Madiun" not in got, got
    assert "Pemerintah Kabupaten Madiun" in got, got


def test_a_list_of_english_cities_after_a_place_preposition_is_a_list_of_places() -> None:
    # "from X City, Y Regency and ...": the preposition reaches every member of the list; "by X
    # Regency, Y City and Z Regency" names governments, each of them.
    text = ("Delegates came from Madiun City, Blitar Regency and a village forum. The plan was put "
            "forward by Kediri Regency, Batu City and Malang Regency.")
    got = set(by_name(text))
    assert not {"Pemerintah Kota Madiun", "Pemerintah Kabupaten Blitar"} & got, got
    assert {"Pemerintah Kabupaten Kediri", "Pemerintah Kota Batu", "Pemerintah Kabupaten Malang"} <= got, got


def test_a_derived_common_noun_in_a_list_of_bodies_is_no_body() -> None:
    # "Pengusaha" (business people) has the shape of an Indonesian derived noun (peN-): a kind of
    # participant capitalised in a list, not a body's bare name.
    text = "Turut hadir BPBD, PMI, Basarnas, Pengusaha, Selawira dan Tagana dalam rapat itu."
    got = by_name(text)
    assert "Pengusaha" not in got and "Selawira" in got, list(got)
