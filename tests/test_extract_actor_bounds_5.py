"""Where an actor's name starts and ends (issue 20, section 4, fifth round): on real pages one
body drafted with the wrong boundaries costs a false actor and a missed one at once. Each test is
a short made-up passage in the style of a class, with what a reviewer expects to see drafted. No
name here is in a rule table: the rules are about how names are written."""

from __future__ import annotations

from helpers.extraction import actor_names, found, quotes

# --- 1. a word of a non-profit's name written in lower case --------------------------------------


def test_a_lower_case_word_inside_a_non_profit_s_name_before_its_place_stays_in_the_name() -> None:
    # News copy writes a word of a forum's name in lower case; the place after it shows the name
    # goes on ("... Siaga banjir Kota X", "... pemerhati DAS Lembah").
    text = ("Pemerintah Kota Tanjung Biru menggelar rapat Forum Warga Siaga banjir Kota Tanjung Biru. "
            "Forum Komunitas pemerhati DAS Bali mengadakan diskusi bersama BPBD.")
    got = quotes(text)
    assert "Forum Warga Siaga banjir Kota Tanjung Biru" in got, got
    assert "Forum Komunitas pemerhati DAS Bali" in got, got
    assert "Forum Warga Siaga" not in got, got


def test_a_lower_case_verb_or_preposition_still_ends_the_name() -> None:
    # A prefixed verb or a preposition in lower case is the sentence going on, not the name.
    text = ("Forum Relawan Siaga menggelar Kota Tanjung Biru Bersih. "
            "Yayasan Bumi Hijau bersama Kota Tanjung Biru menanam pohon.")
    got = quotes(text)
    assert not [q for q in got if "menggelar" in q or "bersama" in q], got


# --- 2. a region written in lower case after its level word ------------------------------------


def test_a_region_in_lower_case_after_its_level_word_is_the_body_s() -> None:
    # "Provinsi bali", "kabupaten bandung barat": the level word shows a region follows; the body
    # is that region's, never a name ending in a bare level word.
    text = ("Rapat dihadiri BPBD Provinsi bali, Dinas Sosial kabupaten bandung barat "
            "dan Komisi IV Provinsi jawa tengah.")
    got = quotes(text)
    assert "BPBD Provinsi bali" in got, got
    assert "Dinas Sosial kabupaten bandung barat" in got, got
    assert "Komisi IV Provinsi jawa tengah" in got, got
    assert not [q for q in got if q.endswith(("Provinsi", "Kota", "kabupaten"))], got
    # A lower-case word that is no region stays out.
    assert "BPBD Kota" in quotes("Rapat BPBD Kota yang dihadiri camat.")


# --- 3. a Roman numeral numbers a known name ---------------------------------------------------


def test_a_roman_numeral_after_a_known_name_is_part_of_it() -> None:
    # The numbered companies of one group ("Pelindo II", "Pelindo III") are each its own body.
    text = "Hadir sebagai narasumber Pelindo III, Dinas Perhubungan dan Pelindo II."
    got = quotes(text)
    assert "Pelindo III" in got and "Pelindo II" in got, got
    assert "Pelindo" not in got, got


def test_a_balinese_name_after_a_known_name_is_no_numeral() -> None:
    # "I Made", "I Gusti": the letter I starts a Balinese person's name, not a numeral.
    got = quotes("Kepala Pelaksana BPBD I Made Wirawan membuka rapat.")
    assert "BPBD" in got and not [q for q in got if "Made" in q], got


# --- 4. a name with its enumerated fields and a short form that leaves out its head -----------


def test_a_dinas_with_fields_listed_by_commas_and_a_short_form_without_its_head_is_one_body() -> None:
    # "Dinas A, B, dan C (ABC) Kabupaten X": the short form spells the fields, not "Dinas"; the
    # commas are inside the name, and the regency after the brackets is the body's.
    text = ("Rapat ini atas permintaan Dinas Perumahan, Kawasan Permukiman, dan Pertanahan (PKPP) "
            "Kabupaten Lembah Hijau, khususnya soal air bersih.")
    names = actor_names(text)
    assert "Dinas Perumahan, Kawasan Permukiman, dan Pertanahan Kabupaten Lembah Hijau" in names, names
    assert "Dinas Perumahan" not in names, names


# --- 5. the holder's post in brackets inside a unit's name --------------------------------------


def test_a_post_s_short_form_in_brackets_keeps_the_unit_and_its_region_whole() -> None:
    # "Kepala Bagian X Sekretariat (Kabag X Setda) Kota Y": the brackets hold the post in short;
    # the unit is one actor with its region, not a bare unit and a bare "Setda".
    text = ("Rapat dihadiri Kepala Bagian Hukum Sekretariat (Kabag Hukum Setda) Kota Tanjung Biru, "
            "dan Kepala Dinas Sosial (Kadis Sosial) Kota Tanjung Biru.")
    got = quotes(text)
    assert "Bagian Hukum Sekretariat (Kabag Hukum Setda) Kota Tanjung Biru" in got, got
    assert "Dinas Sosial (Kadis Sosial) Kota Tanjung Biru" in got, got
    assert "Setda" not in got, got
    names = actor_names(text)
    assert "Bagian Hukum Sekretariat Kota Tanjung Biru" in names, names


# --- 6. English: a team after a body's name, the government of a region in lower case ----------


def test_a_team_after_a_known_body_is_quoted_with_it_and_keeps_its_short_form() -> None:
    # "the 100RC Lembah team": the team is quoted whole; the body's short form stays its own, so a
    # gold "100RC Lembah" or "BNPB" still names this actor.
    text = "The study was compiled by the 100RC Semarang team with the BNPB team."
    by_quote = {text[m.start:m.end]: m for m in found(text)}
    assert "100RC Semarang team" in by_quote, by_quote
    assert by_quote["100RC Semarang team"].acronym == "100RC Semarang"
    assert by_quote["BNPB team"].acronym == "BNPB"


def test_the_government_of_a_region_in_lower_case_is_a_body() -> None:
    # "government of Semarang City", "the city government of Surabaya": English copy writes the
    # head in lower case; after "of" a region, so a government. Not "the government of the future".
    text = ("The index was delivered to the government of Semarang City, and the city government "
            "of Surabaya joined. The government of the future will be digital.")
    got = quotes(text)
    assert "government of Semarang City" in got, got
    assert "city government of Surabaya" in got, got
    assert len(got) == 2, got


def test_a_named_body_s_secretariat_in_lower_case_is_a_unit() -> None:
    # "the secretariat of <Name>": the secretariat is the actor, the named body its parent.
    text = "Attending were the secretariat of Open Data Lembah, administered by the planning agency."
    by_quote = {text[m.start:m.end]: m for m in found(text)}
    assert "secretariat of Open Data Lembah" in by_quote, by_quote
    assert by_quote["secretariat of Open Data Lembah"].kind == "unit"


# --- 7. a unit's bare name after the unit named with its parent ----------------------------------


def test_a_unit_s_bare_name_after_it_was_named_with_its_parent_is_the_same_actor() -> None:
    # A headline names "Bidang X <parent's short name> <region>", the story then "Bidang X" alone:
    # one unit, not a second actor. A longer field is another unit (named with its parent here: a
    # division with no parent and no place is no body since round 12).
    text = ("Bidang Kesmas Dinkes Lembah Gelar Rapat\n\n"
            "Dinas Kesehatan Kabupaten Lembah, Bidang Kesmas, bersama Puskesmas Sukamaju menggelar rapat. "
            "Bidang Kesmas dan Gizi Dinkes Lembah juga hadir.")
    names = actor_names(text)
    assert "Bidang Kesmas Dinkes Lembah" in names, names
    assert "Bidang Kesmas" not in names, names
    assert "Bidang Kesmas dan Gizi Dinkes Lembah" in names, names


# --- 8. names whose second head is a word of the name --------------------------------------------


def test_a_coordinating_ministry_misspelt_keeps_its_field() -> None:
    # "Kementerian Koordinator Bidang X" (also written "Kordinator"): the field is the ministry's
    # name, not a division drafted apart.
    text = "Rapat dipimpin Kementerian Kordinator Bidang Kemaritiman dan Investasi di Jakarta."
    got = quotes(text)
    assert "Kementerian Kordinator Bidang Kemaritiman dan Investasi" in got, got
    assert "Kementerian Kordinator" not in got, got


def test_a_parent_s_short_form_before_its_numbered_organ_is_one_unit() -> None:
    # "DPR Komisi V", as "Komisi V DPR": the numbered commission is the actor, the house its parent.
    text = "Rapat bersama anggota DPR Komisi V Provinsi Bali membahas air bersih."
    by_quote = {text[m.start:m.end]: m for m in found(text)}
    assert "DPR Komisi V Provinsi Bali" in by_quote, by_quote
    assert by_quote["DPR Komisi V Provinsi Bali"].kind == "unit"
    assert "Komisi V Provinsi Bali" not in by_quote, by_quote
    text = "Rapat bersama DPRD Komisi II Kabupaten Lembah Hijau membahas air bersih."
    assert "DPRD Komisi II Kabupaten Lembah Hijau" in quotes(text)


def test_a_metropolitan_government_abroad_is_a_body() -> None:
    text = "Platform ini dikembangkan oleh Pemerintah Metropolitan Busan dan sebuah jaringan kota."
    assert "Pemerintah Metropolitan Busan" in actor_names(text)


def test_a_meteorological_station_named_in_english_keeps_its_place() -> None:
    # The English name of a weather station puts its head last and its port or city after it.
    text = "The Maritime Meteorological Station Teluk Biru presented the tidal outlook."
    assert "Maritime Meteorological Station Teluk Biru" in quotes(text)


# --- 9. the holder's one-word name after a body and its region -----------------------------------


def test_a_holder_s_one_word_name_after_a_public_body_and_its_region_is_cut() -> None:
    # "Kepala Dinas Sosial Kabupaten Cilacap Wiyono mengatakan": many Indonesians have one name;
    # after a region of the official list, a word that is no part of a region's name is the holder.
    text = ("Kepala Pelaksana BPBD Kabupaten Cilacap Wiyono mengatakan hal itu. "
            "Kepala Dinas Sosial Cilacap Sutarno menambahkan. "
            "Hadir pula Kantor Pertanahan Cilacap Selatan dan BPBD Kabupaten Aceh Besar.")
    got = quotes(text)
    assert "BPBD Kabupaten Cilacap" in got and "Dinas Sosial Cilacap" in got, got
    assert not [q for q in got if "Wiyono" in q or "Sutarno" in q], got
    # The second word of a region stays.
    assert "Kantor Pertanahan Cilacap Selatan" in got and "BPBD Kabupaten Aceh Besar" in got, got


# --- 10. a regional body's fields listed with commas ---------------------------------------------


def test_a_dinas_s_fields_listed_with_commas_are_one_body() -> None:
    # "Dinas Koperasi, UKM dan Perdagangan", "Dinas Sosial, Pemberdayaan Masyarakat dan Desa": one
    # Dinas whose name lists its fields; a list of bodies stays a list.
    text = ("Hadir Dinas Koperasi, UKM dan Perdagangan Kabupaten Lembah, Dinas Sosial, Pemberdayaan "
            "Masyarakat dan Desa Kabupaten Lembah, serta RSUD Lembah.")
    names = actor_names(text)
    assert "Dinas Koperasi, UKM dan Perdagangan Kabupaten Lembah" in names, names
    assert "Dinas Sosial, Pemberdayaan Masyarakat dan Desa Kabupaten Lembah" in names, names
    listed = actor_names("Rapat dihadiri Dinas Kesehatan, Bappeda, Dinas Sosial, dan Satpol PP.")
    assert listed == ["Dinas Kesehatan", "Bappeda", "Dinas Sosial", "Satpol PP"], listed
    assert actor_names("Hadir Dinas Sosial, PMI dan BPBD.") == ["Dinas Sosial", "PMI", "BPBD"]


# --- 11. a short form with the place's level word left out, a name without its country ----------


def test_a_short_form_and_its_place_after_the_full_name_with_the_level_word_is_the_same_actor() -> None:
    # "Palang Merah Indonesia Kota X", then "PMI X" and "PMI": one branch, not two or three actors.
    text = ("Palang Merah Indonesia Kota Bogor hadir dalam rapat. PMI Bogor menyiapkan relawan. "
            "Pihak PMI menambahkan bahwa stok darah cukup.")
    assert actor_names(text) == ["Palang Merah Indonesia Kota Bogor"]


def test_a_name_without_its_country_after_the_full_name_is_the_same_actor() -> None:
    text = "Yayasan Bumi Teduh Indonesia hadir dalam rapat. Yayasan Bumi Teduh menyampaikan paparan."
    assert actor_names(text) == ["Yayasan Bumi Teduh Indonesia"]


def test_an_english_post_before_a_name_with_its_head_last_is_not_in_the_name() -> None:
    # "The Head of <City> Development Planning Agency opened ...": the body is the agency.
    text = "The Head of Lembah City Development Planning Agency opened the workshop."
    assert "Lembah City Development Planning Agency" in quotes(text)


# --- 12. tune4-6 classes: a region the report writes short, headlines, English fields -----------


def test_a_short_region_the_report_writes_after_a_level_word_ends_other_bodies_names() -> None:
    # "Kabupaten Lembu" once, then "Satpol PP Lembu", "Kemenag Lembu": the report's own region.
    text = ("Pemerintah Kabupaten Lembu menggelar rapat. Hadir Kadis PUPR Lembu, Ka.Satpol PP Lembu "
            "serta Kabid Bappeda Kab. Lembu Dr. Sari, M.Si. dan Kemenag Lembu.")
    got = quotes(text)
    assert "Satpol PP Lembu" in got and "Kemenag Lembu" in got, got
    assert "Bappeda Kab. Lembu" in got, got
    assert not [q for q in got if q.endswith("Dr")], got


def test_a_name_in_a_title_case_headline_ends_where_the_story_names_the_body() -> None:
    # Every headline word is capitalised: the name is what the story writes again, or the words
    # before a capitalised verb.
    text = ("Pemkab Lembu Dan Yayasan Tunas Kolaborasi Tangani Kekeringan Lewat Aksi Dini\n"
            "LEMBU – Pemkab Lembu dan Yayasan Tunas Indonesia menggelar lokakarya.\n\n"
            "Rapim Pemkot Lembu Membahas Kesiapan Penanggulangan Banjir\n\n"
            "Wali Kota memimpin rapat pimpinan.")
    got = quotes(text)
    assert "Pemkot Lembu" in got, got
    assert not [q for q in got if "Membahas" in q or "Kolaborasi" in q], got
    assert "Yayasan Tunas Indonesia" in actor_names(text)
    # A unit with its parent's short name in a headline stays whole.
    text = "Bidang Kesmas Dinkes Lembu Adakan Rapat Koordinasi\n\nBidang Kesmas menggelar rapat."
    assert "Bidang Kesmas Dinkes Lembu" in quotes(text)


def test_an_english_department_s_fields_listed_with_commas_are_one_body() -> None:
    text = "Participants came from the Social Agency, Department of Housing, Settlement, and Land Areas."
    assert quotes(text) == ["Social Agency", "Department of Housing, Settlement, and Land Areas"]
