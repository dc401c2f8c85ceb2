"""A body known through its official's post: error classes of actor recall seen on real pages in
round 12 of issue 20 (annotation guide: "A post that spells its command", "A minister's or regional
head's post that names its portfolio or region", "A head represented"). Each test is a short
made-up passage in the style of a class, with what a reviewer expects to see drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import actors_by_name


def test_a_ministers_post_with_its_portfolio_drafts_the_ministry() -> None:
    text = ("Rapat terbatas di Istana dihadiri Menteri Koordinator bidang Perekonomian Ahmad Sutejo, "
            "Menteri Sosial Rina Wulandari, dan Menteri Kesehatan Dodi Kusuma.")
    got = names(text)
    assert "Kementerian Koordinator Bidang Perekonomian" in got, got
    assert "Kementerian Sosial" in got, got
    assert "Kementerian Kesehatan" in got, got


def test_a_deputy_minister_and_a_ministers_short_form_are_the_ministry() -> None:
    text = ("Penandatanganan disaksikan Andi Saputra selaku wakil Menteri BUMN II, serta Mendagri "
            "Budi Hartono yang memberi sambutan.")
    got = names(text)
    assert "Kementerian Badan Usaha Milik Negara" in got, got
    assert "Kementerian Dalam Negeri" in got, got


def test_a_minister_only_mentioned_or_without_portfolio_drafts_nothing() -> None:
    # The guide leaves a post merely mentioned, or one with no portfolio, optional: no new actor.
    text = ("BPBD Kabupaten Sukamaju menggelar rapat sesuai arahan Menteri Kesehatan. Pak Menteri "
            "dijadwalkan berkunjung bulan depan.")
    got = names(text)
    assert "Kementerian Kesehatan" not in got, got


def test_an_english_ministers_post_drafts_the_ministry() -> None:
    text = "The Minister of Health, Dr. Ani Lestari, opened the workshop in Kupang on Monday."
    assert "Kementerian Kesehatan" in names(text)


def test_a_subdistrict_police_chief_spells_the_polsek_by_its_kecamatan() -> None:
    # A Polsek serves a kecamatan: the regions list knows the district, not as a regency.
    text = "Hadir dalam sosialisasi itu Camat Cikande, Kapolsek Cikande, AKP Joko Susilo, dan warga."
    got = actors_by_name(text)
    assert "Kepolisian Sektor Cikande" in got, list(got)


def test_a_prosecutor_heads_post_spells_the_prosecutors_office() -> None:
    text = ("Rapat dihadiri Kapolda Riau, Kajati Riau Sutrisno Adi, dan Kajati Prov. Kalimantan Tengah "
            "Hendra Wijaya.")
    got = names(text)
    assert "Kejaksaan Tinggi Riau" in got, got
    assert "Kejaksaan Tinggi Kalimantan Tengah" in got, got


def test_a_regional_head_represented_at_the_event_drafts_the_government() -> None:
    text = "Rakor dibuka oleh Bupati Agam diwakili Sekretaris Daerah, Drs. Hendra, di aula kantor bupati."
    assert "Pemerintah Kabupaten Agam" in names(text)


def test_a_regional_heads_region_of_three_words_is_read_whole() -> None:
    text = ("Penjabat (Pj) Gubernur Nusa Tenggara Timur, Andi Lukas, memimpin rapat bersama Bupati "
            "Kupang dan Bupati Rote Ndao (hadir daring).")
    got = names(text)
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in got, got
    assert "Pemerintah Kabupaten Rote Ndao" in got, got
    assert "Pemerintah Provinsi Nusa Tenggara" not in got, got


def test_a_regional_secretarys_assistant_is_the_regional_government() -> None:
    text = ("Rapat koordinasi banjir dihadiri Asda I Provinsi Banten, Asda II Kota Serang, dan "
            "Asisten III Daerah Provinsi NTB, Budi Wicaksono.")
    got = names(text)
    assert "Pemerintah Provinsi Banten" in got, got
    assert "Pemerintah Kota Serang" in got, got
    assert "Pemerintah Provinsi Nusa Tenggara Barat" in got, got


def test_a_regency_secretary_sekkab_is_the_regency_government() -> None:
    text = "Sekretaris Kabupaten (Sekkab) Berau, Muhammad Arif, membuka diskusi kajian risiko bencana."
    assert "Pemerintah Kabupaten Berau" in names(text)


def test_english_head_posts_with_a_prefix_or_jakartas_city() -> None:
    text = ("Jakarta Deputy Governor Budi Santoso said the drill mattered. East Jakarta Mayor, Ahmad "
            "Yani, and the District Head of Sigi, Rudi Hartono, also spoke.")
    got = names(text)
    assert "Pemerintah Provinsi DKI Jakarta" in got, got
    assert "Pemerintah Kota Administrasi Jakarta Timur" in got, got
    assert "Pemerintah Kabupaten Sigi" in got, got


def test_an_envoys_post_by_a_countrys_english_name_drafts_its_embassy() -> None:
    text = ("US Ambassador to Indonesia John Miller visited the academy. The Danish Ambassador to "
            "Indonesia, Lars Hansen, and the Ambassador of South Korea to Indonesia Kim Min-jun also came.")
    got = names(text)
    assert "Kedutaan Besar Amerika Serikat" in got, got
    assert "Kedutaan Besar Denmark" in got, got
    assert "Kedutaan Besar Korea Selatan" in got, got


def test_a_senior_post_with_its_field_and_parent_is_the_parents_unit() -> None:
    # A Kedeputian is led by a Deputi, a Direktorat Jenderal by a Direktur Jenderal: the post with
    # its field and parent spells the unit (a unit named with its parent, annotation guide).
    text = ("Rakor dihadiri Deputi Bidang Pencegahan BNPB, Dirjen Pengendalian Perubahan Iklim "
            "Kementerian LHK, dan Direktur Utama Perumda Tirta Sukamaju.")
    got = names(text)
    assert "Kedeputian Bidang Pencegahan BNPB" in got, got
    assert "Direktorat Jenderal Pengendalian Perubahan Iklim Kementerian LHK" in got, got
    assert not [n for n in got if n.startswith("Direktorat Utama")], got


def test_a_dinas_heads_short_post_with_field_and_region_is_the_dinas() -> None:
    text = ("Bupati Sukamaju melalui Kadis Kominfo Toba, Budi Hartono, menyampaikan sambutan. Hadir "
            "pula Kasudin LH Jakarta Selatan, Ahmad Yani, dan Kadis Kesehatan Rudi Santoso.")
    got = names(text)
    assert "Dinas Kominfo Kabupaten Toba" in got, got
    assert "Suku Dinas LH Kota Administrasi Jakarta Selatan" in got, got


def test_an_english_police_chiefs_or_prosecutors_post_spells_the_command() -> None:
    text = ("The coffee morning was attended by the Sukamaju Regent, Budi, Langsa Police Chief, Langsa "
            "District Attorney, and village heads.")
    got = names(text)
    assert "Kepolisian Resor Langsa" in got, got
    assert "Kejaksaan Negeri Langsa" in got, got
