"""Statements read from a quote, eleventh pass of issue 20: a statement the sentence models find in a
quote ends at the closing quotation mark, before its speech tag. 31 of 975 statements drafted on the
readable real pages carried the tag, the venue and the day ("...,” ujarnya, di Ruang Rapat ...,
Kamis (19/12)"), and one was labelled by the venue. Made-up passages."""

from __future__ import annotations

import pytest

from resilience_kg.extract.recognise import issue_model
from resilience_kg.extract.recognise.issues import said_end


def test_a_quote_ends_before_its_speech_tag_the_venue_and_the_day() -> None:
    text = ('"Kedua pemerintah kota bisa terus berkomunikasi dan saling berkolaborasi," ujarnya, di Ruang Rapat '
            'Wali Kota, Jalan Merdeka I, Kamis (19/12).')
    said = text[:said_end(text, 0, len(text))]
    assert said == '"Kedua pemerintah kota bisa terus berkomunikasi dan saling berkolaborasi'


def test_a_statement_without_a_closing_quote_and_tag_keeps_its_end() -> None:
    text = "Kedua pemerintah kota perlu terus berkomunikasi, kata warga yang hadir."
    assert said_end(text, 0, len(text)) == len(text)


class _SureOfMeasures:
    """A sentence model sure of every sentence: what is read is the span, not the weights."""

    threshold = 0.5

    def probability(self, features: object) -> float:
        return 0.9


def test_a_sentence_the_model_reads_as_a_measure_ends_before_the_speech_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(issue_model, "load_model", lambda kind: _SureOfMeasures())
    text = ("\u201cKe depan Pemkot Lumen dan Pemkot Sera bisa saling terus berkomunikasi dan saling berkolaborasi,"
            "\u201d ujarnya, di Ruang Rapat Wakil Wali Kota, Kantor Wali Kota Lumen, Kamis (19/12).")
    found = issue_model.find_statement_sentences(text, [], kinds=("Solution",))
    assert [f.span.text for f in found] == [
        "\u201cKe depan Pemkot Lumen dan Pemkot Sera bisa saling terus berkomunikasi dan saling berkolaborasi"]


def test_a_request_after_the_speech_tag_stays_in_the_statement() -> None:
    text = ('"Kami mengundang para ketua RW membahas permasalahan wilayah," kata Sekko sambil meminta kepada '
            'dinas terkait agar mempercepat penanganannya.')
    assert said_end(text, 0, len(text)) == len(text)
