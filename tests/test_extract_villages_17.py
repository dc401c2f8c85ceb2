"""Villages, round 17: the regions' own words for villages and districts, village and community
teams named by their short form with their village, village halls as venues, and the members of a
list a verb of attending opens that have no head noun. Every passage is made up (the villages and
districts are in the official region list, so that the rules reading it can find them)."""

from __future__ import annotations

from helpers.extraction import found, quotes


def _names(text: str) -> dict[str, str | None]:
    return {m.name: m.sector for m in found(text)}


# -- a region's own word for its village or district government (Perdais DIY, Perda Sumbar, ...) ----


def test_a_village_government_under_its_regions_own_word_is_a_body() -> None:
    text = ("Pemerintah Nagari Koto Baru bersama Pemerintah Gampong Lamteh, Pemerintah Kampung Nafri, "
            "Pemerintah Negeri Hative Besar, Pemerintah Lembang Sillanan dan Pemerintah Pekon Sukamaju "
            "membahas mitigasi bencana.")
    names = _names(text)
    for body in ("Pemerintah Nagari Koto Baru", "Pemerintah Gampong Lamteh", "Pemerintah Kampung Nafri",
                 "Pemerintah Negeri Hative Besar", "Pemerintah Lembang Sillanan", "Pemerintah Pekon Sukamaju"):
        assert names.get(body) == "GovernmentAgency", body


def test_a_yogyakarta_lurah_and_panewu_name_their_kalurahan_and_kapanewon() -> None:
    text = ("Lurah Sidomulyo membuka musyawarah pengurangan risiko bencana di Kabupaten Bantul. Acara "
            "dihadiri Panewu Bambanglipuro dan perwakilan Kalurahan Mulyodadi.")
    names = _names(text)
    assert {"Pemerintah Kalurahan Sidomulyo", "Kapanewon Bambanglipuro",
            "Pemerintah Kalurahan Mulyodadi"} <= set(names)


def test_papuan_and_acehnese_heads_name_their_distrik_kampung_and_gampong() -> None:
    names = _names("Kepala Distrik Abepura dan Kepala Kampung Nafri meninjau banjir di Kota Jayapura, Papua.")
    assert {"Distrik Abepura", "Pemerintah Kampung Nafri"} <= set(names)
    names = _names("Keuchik Lamteh menghadiri rapat mitigasi banjir di Kota Banda Aceh.")
    assert "Pemerintah Gampong Lamteh" in names


def test_a_regions_village_word_names_nothing_outside_that_region() -> None:
    # Sidomulyo is also a desa in North Sumatra, but "Kalurahan" is Yogyakarta's word only.
    names = _names("Perwakilan Kalurahan Sidomulyo hadir dalam rapat di Kabupaten Deli Serdang.")
    assert not any("Sidomulyo" in n for n in names)


def test_a_lurah_after_a_person_or_outside_the_texts_area_names_nothing() -> None:
    assert not any("Sidomulyo" in n for n in _names("Lurah Sidomulyo membuka rapat warga."))
    assert "Pemerintah Kalurahan Agus" not in _names("Lurah Agus membuka rapat di Kabupaten Bantul.")


def test_the_regions_village_and_district_words_name_places_not_bodies() -> None:
    text = ("Warga Padukuhan Jetis dan Jorong Kubu mengungsi. Kapanewon Bambanglipuro dan Distrik Abepura "
            "terdampak banjir. Kemukiman Lamteh juga terdampak.")
    assert quotes(text) == []


def test_a_team_named_with_its_kalurahan_is_one_body() -> None:
    text = "Pemerintah Kapanewon Bambanglipuro bersama FPRB Kalurahan Palbapang menggelar simulasi di Bantul."
    assert {"Pemerintah Kapanewon Bambanglipuro", "FPRB Kalurahan Palbapang"} <= set(_names(text))


def test_a_village_hall_is_a_venue_not_a_body() -> None:
    text = ("Musyawarah digelar di Balai Desa Sukamaju, Kabupaten Bogor, lalu di Balai Kalurahan Sidomulyo "
            "dan Balai Nagari Koto Baru.")
    assert not any(q.startswith("Balai") for q in quotes(text))


# -- village and community teams named by their short form with their village -------------------------


def test_village_teams_named_by_short_form_with_their_village_are_community_groups() -> None:
    text = ("Simulasi evakuasi tsunami digelar FPRB Palbapang bersama KSB Krobokan di Kabupaten Bantul. "
            "Kegiatan diikuti Destana Srigading, KWT Mawar Merah, Pokdarwis Pantai Baru dan Karang Taruna "
            "Palbapang.")
    names = _names(text)
    for body in ("FPRB Palbapang", "KSB Krobokan", "Destana Srigading", "KWT Mawar Merah",
                 "Pokdarwis Pantai Baru", "Karang Taruna Palbapang"):
        assert names.get(body) == "CivilSocietyOrganization", body


def test_linmas_and_a_rapid_reaction_team_are_government_units() -> None:
    names = _names("Pencarian korban melibatkan Linmas Desa Srigading dan TRC BPBD Kabupaten Bantul.")
    assert names.get("Linmas Desa Srigading") == "GovernmentAgency"
    assert names.get("TRC BPBD Kabupaten Bantul") == "GovernmentAgency"


def test_linmas_after_a_post_is_the_posts_field_and_the_satpol_pp_the_body() -> None:
    names = _names("Rapat dihadiri Kabag Linmas Satpol PP Kabupaten Bantul Budi Santoso dan BPBD Kabupaten Bantul.")
    assert "Satpol PP Kabupaten Bantul" in names
    assert not any(n.startswith("Linmas") for n in names)


def test_ngo_name_words_make_a_body() -> None:
    text = ("Kegiatan ini didukung Laskar Hijau Contoh, Barisan Pemuda Sumbawa Barat (Barma) dan "
            "Sumbawa Barat Corruption Watch.")
    names = _names(text)
    for body in ("Laskar Hijau Contoh", "Barisan Pemuda Sumbawa Barat", "Sumbawa Barat Corruption Watch"):
        assert names.get(body) == "CivilSocietyOrganization", body


def test_a_watch_in_running_text_is_no_body() -> None:
    assert quotes("Warga diminta terus watch the river level, kata petugas.") == []


# -- the members of a list a verb of attending opens, with no head noun --------------------------------


def test_brands_in_a_list_opened_by_dihadiri_oleh_are_bodies() -> None:
    text = ("Rapat evaluasi tanggap darurat banjir di Kabupaten Contoh dihadiri oleh BPBD, Dinas Sosial, "
            "AtmaConnect dan Sahabat Bumi.")
    got = quotes(text)
    assert "Dinas Sosial" in got  # the Dinas's name stops at its comma: a camel-case brand is no field
    assert {"AtmaConnect", "Sahabat Bumi"} <= set(got)


def test_a_list_after_diikuti_oleh_counts_from_its_verb() -> None:
    text = ("Kegiatan pelatihan relawan di Kota Contoh diikuti oleh BPBD Kota Contoh, Dinas Kesehatan, "
            "Green Forward dan Relawan Nusantara.")
    names = _names(text)
    assert {"Green Forward", "Relawan Nusantara"} <= set(names)
    # Among public bodies a name without a head noun is no public body: its kind is left open.
    assert names["Green Forward"] != "GovernmentAgency"


def test_a_list_of_posts_and_people_after_dihadiri_oleh_drafts_no_body_from_the_posts() -> None:
    text = "Rapat di Kabupaten Contoh dihadiri oleh Sekretaris Daerah, Asisten Pemerintahan dan Kepala Bidang."
    assert not any(q in ("Sekretaris Daerah", "Asisten Pemerintahan", "Kepala Bidang") for q in quotes(text))


def test_a_dinas_with_portfolio_fields_after_commas_stays_one_body() -> None:
    text = "Rapat dihadiri Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak Kota Contoh serta BPBD."
    assert "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak Kota Contoh" in quotes(text)


# -- a village's staff and a village's teams, read on tune85/86's classes ------------------------------


def test_a_kelurahans_civil_servants_or_staff_make_it_take_part() -> None:
    text = ("Pelatihan di Jakarta Barat diikuti 25 orang yang terdiri dari ASN Kelurahan Duri Kepa, unsur "
            "tiga pilar, serta warga.")
    assert "Kelurahan Duri Kepa" in _names(text)


def test_teams_a_decree_sets_up_named_with_their_region_and_short_form_are_bodies() -> None:
    text = ("Kegiatan disaksikan Tim Percepatan Penurunan Stunting (TPPS) Kabupaten Contoh, Tim Pendamping "
            "Keluarga (TPK) Desa Sukamaju dan BKKBN.")
    names = _names(text)
    assert names.get("Tim Percepatan Penurunan Stunting Kabupaten Contoh") == "GovernmentAgency"
    assert names.get("Tim Pendamping Keluarga Desa Sukamaju") == "CivilSocietyOrganization"


# -- a list of governments written by their places after one written in full ---------------------------


def test_the_regions_after_a_government_in_a_list_are_governments_too() -> None:
    text = "Kegiatan disaksikan para dosen, Pemda Aceh Utara dan Kota Lhokseumawe, serta perwakilan desa."
    names = _names(text)
    assert "Pemda Aceh Utara" in names
    assert names.get("Pemerintah Kota Lhokseumawe") == "GovernmentAgency"
    text = "Rapat diikuti Pemprov Jawa Tengah dan Provinsi Jawa Timur serta Kabupaten Blora."
    assert {"Pemerintah Provinsi Jawa Timur", "Pemerintah Kabupaten Blora"} <= set(_names(text))


def test_a_province_after_a_comma_is_where_the_government_lies() -> None:
    names = _names("Pemkot Semarang, Provinsi Jawa Tengah, menggelar rapat banjir.")
    assert list(names) == ["Pemkot Semarang"]
