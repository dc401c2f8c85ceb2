"""Commitments and proposals in the ways news items, minutes and project stories write them
(issue 20 §1): a subject written again or with no head noun, a pronoun for the speaker's body, a
deed reported done, a second verb of the same subject, and what must not be drafted."""

from __future__ import annotations

import functools
import re

import pytest

from resilience_kg.extract.components import Context, Document, run
from resilience_kg.extract.gazetteer import Gazetteer, load_gazetteer
from resilience_kg.extract.recognise.clauses import find_clauses
from resilience_kg.extract.segment import sentences


@functools.cache
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


def drafted(text: str, kind: str = "Commitment") -> list[tuple[str, str, list[str]]]:
    """(label, status, parties' labels) of each ``kind`` row the pipeline drafts from ``text``."""
    doc = run(Document(text, Context(gazetteer=_gazetteer())))
    rows = {r["id"]: r for r in doc.draft.elements}
    out = []
    for row in doc.draft.elements:
        if row["type"] != kind:
            continue
        links = [c for c in doc.draft.connections if c["from"] == row["id"]]
        status = next((c["to"].rsplit("-", 1)[-1] for c in links if c["type"] == "commitmentStatus"), "")
        who = [rows[c["to"]]["label_id"] or rows[c["to"]]["label_en"] for c in links
               if c["type"] in ("committedBy", "proposedBy")]
        out.append(((row["label_id"] or row["label_en"]).lower(), status, who))
    return out


def actors(text: str) -> list[str]:
    doc = run(Document(text, Context(gazetteer=_gazetteer())))
    return [a.mention.name for a in doc.actors]


def test_a_short_form_written_again_is_the_party() -> None:
    text = ("Badan Penanggulangan Bencana Aceh (BPBA) menggelar rapat koordinasi kesiapsiagaan tsunami.\n\n"
            "BPBA berjanji akan mengganti enam unit sirine yang rusak pada tahun anggaran 2020.")
    assert drafted(text) == [("mengganti enam unit sirine yang rusak pada tahun anggaran 2020", "planned",
                              ["Badan Penanggulangan Bencana Aceh"])]


def test_a_brand_before_a_deed_done_is_a_new_body_and_the_party() -> None:
    text = ("Sudin Gulkarmat Jakarta Barat menggelar sosialisasi di Kantor Kecamatan Tambora. "
            "Alfamart telah menyerahkan 60 unit APAR untuk dipasang di mulut gang.")
    assert ("menyerahkan 60 unit apar untuk dipasang di mulut gang", "fulfilled", ["Alfamart"]) in drafted(text)
    assert "Alfamart" in actors(text)


@pytest.mark.parametrize("text", [
    # A meeting act after "telah" reports the meeting, not a commitment fulfilled.
    "BPBD DKI Jakarta telah menggelar rapat koordinasi dengan Dinas Sosial.",
    "Dinas Sumber Daya Air telah menghadiri rapat di Balai Kota.",
    # "has been" is a state, no deed of the body.
    "The Jakarta Provincial Health Office has been part of the task force since 2019.",
    # A headline in title case has no subject and verb.
    "Jadwal Kapal Akan Terintegrasi\n\nDinas Perhubungan menggelar rapat.",
])
def test_no_commitment_from_a_meeting_act_a_state_or_a_headline(text: str) -> None:
    assert drafted(text) == []


def test_a_person_before_the_verb_is_no_body() -> None:
    text = ("Rapat dibuka oleh Bapak Andi Wijaya dari BPBD Kota Medan. "
            "Andi Wijaya akan menyiapkan laporan kejadian banjir minggu depan.")
    assert "Andi Wijaya" not in actors(text)
    assert all("Andi Wijaya" not in who for _, _, who in drafted(text))


def test_a_second_verb_of_the_same_subject_is_a_second_commitment() -> None:
    text = ("Rapat dihadiri Suku Dinas Sumber Daya Air dan PAM Jaya.\n"
            "Suku Dinas Sumber Daya Air telah memetakan titik sumur warga dan akan membagikan datanya kepada peserta.")
    got = drafted(text)
    assert ("memetakan titik sumur warga", "fulfilled", ["Suku Dinas Sumber Daya Air"]) in got
    assert ("membagikan datanya kepada peserta", "planned", ["Suku Dinas Sumber Daya Air"]) in got


def test_we_in_a_quoted_pledge_is_the_speakers_body() -> None:
    text = ("Rapat dihadiri Dinas Perhubungan Provinsi DKI Jakarta dan Bank DKI.\n"
            "\"Kami akan menyediakan kuota kursi khusus warga pulau mulai Februari,\" ujar Kepala "
            "Dinas Perhubungan Provinsi DKI Jakarta.")
    assert drafted(text) == [("menyediakan kuota kursi khusus warga pulau mulai februari", "planned",
                              ["Dinas Perhubungan Provinsi DKI Jakarta"])]


def test_pihaknya_is_the_body_that_opens_the_sentence_before() -> None:
    text = ("BPBD Kota Serang mengumpulkan bantuan untuk korban banjir bandang di Lebak. "
            "Pihaknya akan mengirim bantuan tersebut ke posko pengungsian pada hari Jumat.")
    assert drafted(text) == [("mengirim bantuan tersebut ke posko pengungsian pada hari jumat", "planned",
                              ["BPBD Kota Serang"])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Caritas Indonesia has already distributed 1,200 hygiene kits in West Seram.",
     ("distributed 1,200 hygiene kits in west seram", "fulfilled")),
    ("WHO offered technical support to update the dengue surveillance dashboard.",
     ("technical support to update the dengue surveillance dashboard", "offered")),
    ("BPBD DIY said it will repair both radio relay stations by January.",
     ("repair both radio relay stations by january", "planned")),
    ("Polresta Banda Aceh menyatakan bersedia mengatur lalu lintas saat simulasi evakuasi.",
     ("mengatur lalu lintas saat simulasi evakuasi", "offered")),
])
def test_status_from_the_verb(text: str, expected: tuple[str, str]) -> None:
    got = drafted(text)
    assert [(label, status) for label, status, _ in got] == [expected]
    assert all(who for _, _, who in got)


def test_a_name_that_goes_on_past_its_mention_keeps_its_party() -> None:
    # The branch and its city carry the name on past the company's mention, up to the verb.
    text = ("PT Pelabuhan Indonesia IV (Persero) Cabang Parepare menyatakan siap menyediakan lahan pelabuhan "
            "untuk persemaian mangrove.")
    [(label, status, who)] = drafted(text)
    assert (label, status) == ("menyediakan lahan pelabuhan untuk persemaian mangrove", "offered")
    assert who and who[0].startswith("PT Pelabuhan Indonesia IV")


def test_passive_proposal_with_agar_after_its_proposer() -> None:
    text = "Sementara itu, diusulkan oleh WWF agar pengawasan hutan dilakukan bersama masyarakat adat."
    found = [(c.kind, text[c.start:c.end]) for c in find_clauses(
        text, sentences(text), [(m.start(), m.end()) for m in re.finditer("WWF", text)])]
    assert found == [("proposal", "pengawasan hutan dilakukan bersama masyarakat adat")]


def test_a_group_of_participants_is_no_proposer() -> None:
    text = ("Participants recommended that the city schedule daily clearing of the barriers. "
            "PHRI Bali suggested a levy on hotel guests to pay for upstream waste collection.")
    assert "Participants" not in actors(text)
    assert ("a levy on hotel guests to pay for upstream waste collection", "", ["PHRI Bali"]) in drafted(
        text, "Solution")


def test_the_party_quote_holds_the_pledge_and_its_speaker() -> None:
    text = ("Rapat dihadiri Dinas Perhubungan Provinsi DKI Jakarta dan Bank DKI.\n"
            "\"Kami akan menyediakan kuota kursi khusus warga pulau,\" ujar Kepala Dinas Perhubungan Provinsi DKI "
            "Jakarta.")
    doc = run(Document(text, Context(gazetteer=_gazetteer())))
    [party] = [c for c in doc.draft.connections if c["type"] == "committedBy"]
    start, end = int(party["start"]), int(party["end"])
    assert text[start:end] == party["quote"]
    assert party["quote"].startswith("akan menyediakan")
    assert party["quote"].endswith("Dinas Perhubungan Provinsi DKI Jakarta")


@pytest.mark.parametrize("text", [
    # A common noun at the head of a sentence, capitalised only there, is no body.
    "BPBD menggelar sosialisasi. Sosialisasi akan digelar lagi di tiga kelurahan lain bulan depan.",
    "BPBD menggelar rapat. Pemerintah akan membangun tanggul baru di pesisir utara tahun depan.",
    "BPBD menggelar rapat. Program Kampung Iklim akan menjangkau 50 RW pada tahun 2020.",
    # A passive after the cue: the subject is what is done, not who does it.
    "BPBD menggelar rapat. Hasil Kajian akan disampaikan kepada gubernur.",
    "The workshop was hosted by BPBD. The Meeting will be held again in March next year.",
])
def test_no_new_body_from_a_common_noun_or_a_passive(text: str) -> None:
    assert actors(text) == ["BPBD"]
    # No commitment by a body the text does not name; the commitment model may read a plan with
    # no party in it ("Program Kampung Iklim akan menjangkau 50 RW"), for the reviewer to place.
    assert [d for d in drafted(text) if d[2]] == []
    assert all(status == "planned" for _, status, _ in drafted(text))


def test_a_listed_commitment_is_not_also_a_solution() -> None:
    text = ("Rencana tindak lanjut:\n"
            "1. BPBD Kota Medan akan menyusun peta genangan terbaru paling lambat 30 November 2019.\n"
            "2. Dinas Pekerjaan Umum Kota Medan akan mengganti pipa distribusi yang rusak dalam dua minggu.\n")
    assert drafted(text, "Solution") == []
    assert [(label, status) for label, status, _ in drafted(text)] == [
        ("menyusun peta genangan terbaru paling lambat 30 november 2019", "planned"),
        ("mengganti pipa distribusi yang rusak dalam dua minggu", "planned")]


def test_pihaknya_after_a_post_is_the_body_of_that_post() -> None:
    text = ("Kepala Pelaksana BPBD Kota Serang mengatakan bantuan terus mengalir ke posko. "
            "Pihaknya juga akan mendirikan dapur umum di lokasi pengungsian.")
    assert drafted(text) == [("mendirikan dapur umum di lokasi pengungsian", "planned", ["BPBD Kota Serang"])]


def test_pihaknya_without_a_body_before_commits_nobody() -> None:
    # The commitment model may draft the undertaking (round 7); no body is named as its party.
    text = "Dalam rapat yang dihadiri BPBD Kota Serang, banjir dibahas. Pihaknya akan mendirikan dapur umum."
    assert all(parties == [] for _, _, parties in drafted(text))


@pytest.mark.parametrize("text", [
    "BPBD DKI Jakarta telah melakukan rapat koordinasi dengan Dinas Sosial.",
    "Dinas Sosial telah berkoordinasi dengan PMI Provinsi DKI Jakarta.",
    "UNDP has conducted a meeting with the Jakarta Provincial Health Office.",
])
def test_talk_reported_done_is_no_fulfilled_commitment(text: str) -> None:
    assert drafted(text) == []


def test_a_deed_reported_done_is_a_fulfilled_commitment() -> None:
    got = drafted("BPBD DKI Jakarta telah melakukan penyemprotan disinfektan di 30 posko pengungsian.")
    assert [(label, status) for label, status, _ in got] == [
        ("melakukan penyemprotan disinfektan di 30 posko pengungsian", "fulfilled")]


def test_a_proposal_of_two_measures_is_two_proposals() -> None:
    text = ("Kepala BNPB meminta agar data pengungsi diperbarui setiap enam jam dan logistik bagi kelompok "
            "rentan diprioritaskan.")
    found = [text[c.start:c.end] for c in find_clauses(
        text, sentences(text), [(m.start(), m.end()) for m in re.finditer("BNPB", text)])]
    assert found == ["data pengungsi diperbarui setiap enam jam", "logistik bagi kelompok rentan diprioritaskan"]


def test_one_subject_with_two_verbs_is_one_proposal() -> None:
    text = "PAM Jaya mengusulkan agar pipa tua diganti dan diperbaiki sebelum musim hujan."
    found = [text[c.start:c.end] for c in find_clauses(
        text, sentences(text), [(m.start(), m.end()) for m in re.finditer("PAM Jaya", text)])]
    assert found == ["pipa tua diganti dan diperbaiki sebelum musim hujan"]


def test_a_noun_that_looks_passive_does_not_split_a_proposal() -> None:
    text = ("UP Jakarta Smart City mengusulkan agar jadwal kapal dinas dan kapal tradisional ditampilkan "
            "dalam satu kanal informasi publik.")
    found = [text[c.start:c.end] for c in find_clauses(
        text, sentences(text), [(m.start(), m.end()) for m in re.finditer("UP Jakarta Smart City", text)])]
    assert found == ["jadwal kapal dinas dan kapal tradisional ditampilkan dalam satu kanal informasi publik"]
