"""False actors (issue 20, round 18): a transit line named for its kind, a person's name after a
council member's post, a council's unit run on into its member's name. Each test is a short made-up
passage in the style of a class seen on the readable real sets, with what a reviewer expects to see
drafted."""

from __future__ import annotations

from helpers.extraction import actor_names as names


def test_a_transit_line_named_for_its_kind_is_no_actor() -> None:
    # The guide: services and platforms that do not act are no actors; the line is not its operator.
    text = ("Dinas Perhubungan Kota Sukamaju menggelar diskusi untuk membahas penyelenggaraan "
            "Light Rail Transit (LRT) Sukamaju.\n"
            "\"LRT Sukamaju ditargetkan beroperasi tahun depan,\" ujar Kepala Dinas Perhubungan Kota Sukamaju. "
            "Integrasi LRT dengan MRT Sukamaju dan KRL menjadi tantangan.")
    got = names(text)
    assert "Dinas Perhubungan Kota Sukamaju" in got, got
    assert not [n for n in got if n.upper().startswith(("MRT", "LRT", "KRL", "LIGHT RAIL"))], got


def test_a_transit_operator_with_its_legal_form_or_its_head_stays_an_actor() -> None:
    text = ("PT LRT Sukamaju menyampaikan rencana perluasan jalur.\n"
            "Direktur Utama MRT Sukamaju, Budi Santoso, mengatakan pihaknya siap mendukung.")
    got = names(text)
    assert any(n.startswith("PT LRT Sukamaju") for n in got), got
    assert any(n.startswith("MRT") for n in got), got  # (the operator, found by its short form)
