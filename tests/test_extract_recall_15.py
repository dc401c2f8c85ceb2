"""Indonesian actor recall, round 15 (issue 20): classes of missed actors seen on held-out real
Indonesian pages. Each test is a made-up passage in the style of a class, with what a reviewer
expects to see drafted; no body named here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names as names
from helpers.extraction import actors_by_name as by_name


def test_village_bodies_listed_bare_are_actors() -> None:
    # BPD and LPM are bodies every desa has: a village meeting's list of who attended writes them
    # bare, beside collectives (RT, RW, tokoh agama) that are no actor.
    text = ("Musyawarah desa diikuti Sekretaris Desa Mekarjaya, para ketua RT, RW, BPD, LPM, tokoh agama "
            "dan masyarakat.")
    got = by_name(text)
    assert {"BPD", "LPM"} <= set(got), list(got)
    assert got["BPD"].sector == "GovernmentAgency"
    assert got["LPM"].sector == "CivilSocietyOrganization"
    assert not {"RT", "RW"} & set(got), list(got)


def test_a_needless_head_before_a_regional_body_short_form_is_dropped() -> None:
    # "Dinas BPBD": BPBD is already a Badan; the body is the BPBD of the regency.
    text = ("Rapat dihadiri Kepala Dinas BPBD Kabupaten Sukamaju, Budi Santoso, dan Kepala Dinas PUPR "
            "Kabupaten Sukamaju.")
    got = names(text)
    assert "BPBD Kabupaten Sukamaju" in got, got
    assert "Dinas BPBD Kabupaten Sukamaju" not in got, got
    assert "Dinas PUPR Kabupaten Sukamaju" in got, got  # "Dinas PUPR" is the body's own name


def test_the_office_of_a_body_keeps_its_head_word() -> None:
    text = "Rapat digelar di Kantor BPBD Provinsi Sukamaju, Senin."
    assert "BPBD Provinsi Sukamaju" not in names(text), names(text)


def test_a_national_body_named_with_pusat_is_its_head_office() -> None:
    # "BMKG Pusat": the national agency's head office, the same actor as "BMKG" later.
    text = ("Rakor dihadiri Kepala BNPB dan BMKG Pusat serta para bupati. BMKG akan terus memantau "
            "titik panas.")
    got = names(text)
    assert "BMKG Pusat" in got, got
    assert "BMKG" not in got, got  # one actor, not two


def test_an_officer_named_after_a_body_the_text_names_alone_is_cut_off() -> None:
    # "Rektor Universitas X Wibisono mengatakan": the text names "Universitas X" alone elsewhere,
    # so the last word is the rector, not a word of the university's name.
    text = ("Pemkot Sukamaju menjalin kerja sama dengan Universitas Harapan Nusa. Universitas Harapan "
            "Nusa telah melakukan kajian banjir. Rektor Universitas Harapan Nusa Wibisono mengatakan "
            "pihaknya siap membantu.")
    got = names(text)
    assert "Universitas Harapan Nusa" in got, got
    assert "Universitas Harapan Nusa Wibisono" not in got, got



def test_without_the_body_named_alone_the_last_word_stays() -> None:
    # Written once, "Universitas Harapan Nusa Wibisono" may be the university's whole name.
    text = "Rektor Universitas Harapan Nusa Wibisono mengatakan pihaknya siap membantu warga."
    assert "Universitas Harapan Nusa" not in names(text), names(text)


def test_pusat_after_a_unit_of_a_national_body_stays_with_the_unit() -> None:
    # "Biro Hukum dan SDM BMKG Pusat": the unit's words come before the short form; no "BMKG Pusat".
    text = "Sosialisasi SOP disampaikan oleh Biro Hukum dan SDM BMKG Pusat, di Stasiun Geofisika Palu."
    assert "BMKG Pusat" not in names(text), names(text)
