"""Councils, police units and branches (issue 20, round 17): a council's party factions and the
commissions its members' posts name, a Polda's or Polres's units written spaced, bare or through
their head's post, a body's regional "Cabang" (never a firm's), and a short form glued to its
bracket. Each test is a made-up passage with what a reviewer expects to see drafted; no body here
is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names, found, quotes

from resilience_kg.extract.readers import normalise_text

# --- 1. a council's party factions -------------------------------------------------------------


def test_a_faction_named_fraksi_and_its_party_is_an_actor() -> None:
    text = ("Dalam rapat paripurna DPRD Kota Semarang, Fraksi Partai Contoh menyampaikan pandangan umum. "
            "Fraksi Maju Bersama DPRD Kota Semarang mengusulkan tambahan anggaran kebencanaan.")
    got = quotes(text)
    assert "Fraksi Partai Contoh" in got, got
    assert "Fraksi Maju Bersama DPRD Kota Semarang" in got, got
    kinds = {m.name: (m.sector, m.kind) for m in found(text)}
    assert kinds["Fraksi Partai Contoh"] == ("GovernmentAgency", "unit")


def test_a_faction_s_short_form_in_a_council_text_is_an_actor() -> None:
    text = "Dalam sidang DPRD, F-PKB dan F-Maju Perjuangan meminta BPBD memperkuat posko."
    got = quotes(text)
    assert "F-PKB" in got and "F-Maju Perjuangan" in got, got


def test_f_and_a_capital_outside_a_council_text_is_no_faction() -> None:
    text = "Pesawat F-16 melintas, lalu tim F-ABC memeriksa tanggul bersama warga."
    assert not any(q.startswith("F-") for q in quotes(text))


# --- 2. a member's post names the commission or the faction --------------------------------------


def test_a_member_s_post_names_the_commission_or_the_faction() -> None:
    text = ("Anggota Komisi E DPRD Kota Semarang, Budi, mengatakan tanggul harus diperbaiki. "
            "Wakil Ketua Fraksi Maju DPRD Kabupaten Boyolali, Sri, menambahkan.")
    got = quotes(text)
    assert "Komisi E DPRD Kota Semarang" in got, got
    assert "Fraksi Maju DPRD Kabupaten Boyolali" in got, got


# --- 3. a Polda's or Polres's units ---------------------------------------------------------------


def test_a_police_unit_written_in_two_words_or_by_its_field_is_the_unit() -> None:
    text = ("Personel Dit Samapta Polda Jawa Tengah, Sat Lantas Polres Boyolali, Brimob Polda Riau "
            "dan Polairud Polda Maluku dikerahkan.")
    got = quotes(text)
    for unit in ("Dit Samapta Polda Jawa Tengah", "Sat Lantas Polres Boyolali", "Brimob Polda Riau",
                 "Polairud Polda Maluku"):
        assert unit in got, got


def test_a_polres_unit_head_s_post_spells_the_unit() -> None:
    text = "Kasatlantas Polres Boyolali AKP Contoh mengatakan jalur evakuasi aman."
    got = {m.name for m in found(text)}
    assert "Satlantas Polres Boyolali" in got, got


# --- 4. "Cabang" after a body and its place -----------------------------------------------------


def test_a_branch_word_and_a_place_after_a_body_is_the_branch() -> None:
    text = ("Pelatihan diikuti IKAC Cabang Kota Semarang, PMI Cabang Kabupaten Boyolali dan Ikatan "
            "Perawat Contoh Cabang Aceh.")
    got = quotes(text)
    assert "IKAC Cabang Kota Semarang" in got, got
    assert "PMI Cabang Kabupaten Boyolali" in got, got
    assert "Ikatan Perawat Contoh Cabang Aceh" in got, got


def test_a_firm_s_branch_is_the_firm() -> None:
    text = "Santunan diserahkan BRI Cabang Semarang kepada korban banjir."
    got = quotes(text)
    assert "BRI" in got and "BRI Cabang Semarang" not in got, got


def test_cabang_before_no_place_of_the_list_takes_nothing() -> None:
    text = "Pengurus IKAC Cabang Baru dibentuk pekan lalu."
    assert not any("Cabang" in q for q in quotes(text))


# --- 5. a short form glued to its bracket ---------------------------------------------------------


def test_a_short_form_glued_to_its_place_reads_as_the_branch() -> None:
    source = ("Rapat dihadiri Badan Penanggulangan Bencana Daerah (BPBD)Jawa Barat dan "
              "BPBD(Kabupaten Boyolali).")
    text = normalise_text(source)
    assert text == source  # the reader keeps the text: quotes must match the source at their offsets
    got = quotes(text)
    assert "Badan Penanggulangan Bencana Daerah (BPBD)Jawa Barat" in got, got
    assert "BPBD(Kabupaten Boyolali)" in got, got
    names = {m.name for m in found(text)}
    assert names >= {"Badan Penanggulangan Bencana Daerah Jawa Barat", "BPBD Kabupaten Boyolali"}, names
    for m in found(text):
        assert text[m.start:m.end] in got


def test_a_faction_named_with_or_without_its_party_word_is_one_actor() -> None:
    text = ("Dalam rapat paripurna DPRD Kota Semarang, Fraksi Partai Contoh menolak usulan itu. "
            "\"Kami menolak,\" kata anggota DPRD Fraksi Contoh, Budi. F-Contoh juga meminta kajian ulang.")
    names = [n for n in actor_names(text) if "Contoh" in n]
    assert len(names) == 1, names


# --- 3b. a command's chief of staff, a director's post written short ------------------------------


def test_a_chief_of_staff_s_post_spells_the_military_command() -> None:
    text = "Hadir Kasdim 0733 Semarang Mayor Inf Contoh dan Kepala BPBD Kabupaten Boyolali."
    got = {m.name for m in found(text)}
    assert "Komando Distrik Militer 0733/Semarang" in got, got


def test_a_director_s_post_written_without_res_spells_the_directorate() -> None:
    text = "Rapat dihadiri Dirkrimsus Polda Jawa Tengah Kombes Pol Contoh dan warga."
    got = {m.name for m in found(text)}
    assert "Direktorat Reserse Kriminal Khusus Polda Jawa Tengah" in got, got
