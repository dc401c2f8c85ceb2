"""precision-13 (issue 20: actor precision on unseen real reports): two classes of false actors.

1. A news page's credit line at the top of the story ("OUTLET – ...", "Place, Outlet | ..."): the
   outlet that reports, no actor of the event.
2. A body spread over every village or district ("tim penggerak PKK di masing-masing desa",
   "Karang Taruna leaders from various villages"): a group of many bodies, not one.

Each passage is made up; no name here is in a rule table."""

from __future__ import annotations

from helpers.extraction import actor_names

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.actors.refusals import _keep

_STORY = ("Banjir di Kecamatan Sukamaju\n"
          "{credit} – Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Lembah Hijau menggelar rapat "
          "koordinasi bersama Yayasan Lestari Hijau untuk menyiapkan jalur evakuasi sebelum musim hujan tiba.")


def _mention(text: str, name: str) -> ActorMention:
    start = text.index(name)
    return ActorMention(start, start + len(name), name, None, None, None, "", "test", 1.0)


# --- 1. the outlet on the credit line ------------------------------------------------------


def test_the_outlet_on_the_credit_line_is_no_actor() -> None:
    # (a word and a region's name in capitals reads like a body's short form and its region)
    got = actor_names(_STORY.format(credit="KABAR SUMEDANG"))
    assert "Yayasan Lestari Hijau" in got, got
    assert not any("KABAR" in n for n in got), got


def test_a_known_body_in_the_outlet_s_name_is_no_actor_there() -> None:
    # "PMI Online Sumedang": the outlet's name starts with a known body's short form.
    got = actor_names(_STORY.format(credit="PMI Online Sumedang"))
    assert "Yayasan Lestari Hijau" in got, got
    assert "PMI" not in got, got


def test_the_outlet_after_the_place_and_a_comma_is_no_actor() -> None:
    text = _STORY.format(credit="Sumedang, KABAR SUMEDANG").replace(" – ", " | ", 1)
    assert not _keep(_mention(text, "KABAR SUMEDANG"), text)


def test_a_list_line_with_a_dash_keeps_the_body() -> None:
    text = "Peserta rapat:\nYayasan Lestari Hijau – 2 orang\nPalang Merah Indonesia – 3 orang\n"
    assert _keep(_mention(text, "Yayasan Lestari Hijau"), text)


def test_a_body_with_a_dash_later_in_the_story_is_kept() -> None:
    text = _STORY.format(credit="KABAR SUKAMAJU") + " Yayasan Lestari Hijau – mitra desa – ikut hadir."
    assert _keep(_mention(text, "Yayasan Lestari Hijau"), text)


# --- 2. the bodies of every village ----------------------------------------------------------


def test_a_body_spread_over_every_village_is_no_actor() -> None:
    text = ("Dinas Lingkungan Hidup Kabupaten Lembah Hijau mengajak warga memilah sampah dengan "
            "perhatian dari Tim Penggerak PKK di masing-masing desa.")
    got = actor_names(text)
    assert "Dinas Lingkungan Hidup Kabupaten Lembah Hijau" in got, got
    assert not any("PKK" in n for n in got), got


def test_members_from_various_villages_are_no_actor() -> None:
    text = ("The Sukamaju Environment Agency trained students and Karang Taruna leaders from various "
            "villages in the regency.")
    assert not any("Karang Taruna" in n for n in actor_names(text))


def test_a_body_of_one_village_is_kept() -> None:
    text = "Warga dibantu oleh Tim Penggerak PKK Desa Sukamaju untuk memilah sampah rumah tangga."
    assert _keep(_mention(text, "Tim Penggerak PKK Desa Sukamaju"), text)


# --- 3. an English event's name ending in "Week", "Day", "Festival" ---------------------------


def test_an_event_named_week_with_its_short_form_is_no_actor() -> None:
    text = ("Jakarta – As part of the Clean Government Week (CGW) 2025, the Sukamaju Budget Forum held a webinar "
            "with the Ministry of Finance. CGW is an annual agenda of many countries.")
    got = actor_names(text)
    assert not any("Week" in n or n == "CGW" for n in got), got
