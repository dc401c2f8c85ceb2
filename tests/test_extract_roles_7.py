"""Roles, seventh pass (issue 20 §1 roles): the learned role reader that decides where no cue gave a
role, a passive written apart before a vowel, a sentence that is a list of names. Made-up passages."""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from helpers.extraction import hand_mentions, roles

from resilience_kg.extract.components import Document, attendance, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.draft import Actor
from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.linear_model import LinearModel
from resilience_kg.extract.segment import Span

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import train_role_model  # noqa: E402

SAMPLES = ROOT / "resilience_kg" / "extract" / "data" / "role_model_samples.csv"


def _actors(text: str, *names: str) -> dict[str, Actor]:
    """The actors of a passage whose mentions are set by hand, once the "roles" component ran."""
    doc = Document(text)
    doc.mentions = hand_mentions(text, *names)
    for component in (spans.posts, spans.clauses, spans.cues, actors, attendance.roles):
        component(doc)
    return {a.mention.name: a for a in doc.actors}


def _model(probabilities: dict[str, float], decides: set[str], threshold: float = 0.5) -> role_model.RoleModel:
    """A role model that gives every actor these probabilities (its bias alone)."""
    import math

    models = {r: LinearModel(math.log(p / (1 - p)), {}, threshold, "test") for r, p in probabilities.items()}
    return role_model.RoleModel(models, frozenset(decides))


_SURE_PARTICIPANT = {"organiser": 0.05, "host": 0.02, "speaker": 0.1, "participant": 0.9, "mentioned": 0.1}
_TEXT = "Rapat evaluasi dipimpin oleh Dinas Air Kota Lumen. Yayasan Hijau Lumen mencatat jalannya rapat."


# -- the role reader decides only the outcomes of the rules it was shown to read better -----------


def test_the_model_decides_a_body_no_cue_gave_a_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_model, "model", lambda: _model(_SURE_PARTICIPANT, {"rule=mentioned-none"}))
    got = _actors(_TEXT, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    # The chair's cue stands; the body named with no cue takes the model's role, and says so.
    assert (got["Dinas Air Kota Lumen"].role, got["Dinas Air Kota Lumen"].role_method) == ("organiser", "")
    assert (got["Yayasan Hijau Lumen"].role, got["Yayasan Hijau Lumen"].role_method) == (
        "participant", role_model.METHOD)
    assert got["Yayasan Hijau Lumen"].role_cue == ""


def test_the_model_leaves_the_outcomes_it_does_not_decide_to_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_model, "model", lambda: _model(_SURE_PARTICIPANT, {"rule=participant-list"}))
    got = _actors(_TEXT, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")
    assert {n: a.role for n, a in got.items()} == {"Dinas Air Kota Lumen": "organiser",
                                                   "Yayasan Hijau Lumen": "mentioned"}


def test_a_role_below_its_threshold_does_not_replace_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    unsure = {**_SURE_PARTICIPANT, "participant": 0.45}
    monkeypatch.setattr(role_model, "model", lambda: _model(unsure, {"rule=mentioned-none"}))
    assert _actors(_TEXT, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen")["Yayasan Hijau Lumen"].role == "mentioned"


def test_the_drafted_connection_names_the_model_as_its_method(monkeypatch: pytest.MonkeyPatch) -> None:
    from resilience_kg.extract.components import PIPELINE, Context, run
    from resilience_kg.extract.gazetteer import load_gazetteer

    monkeypatch.setattr(role_model, "model", lambda: _model(_SURE_PARTICIPANT, {"rule=mentioned-none"}))
    text = ("Rapat Evaluasi Banjir Kota Lumen\n\nRapat evaluasi banjir dipimpin oleh Dinas Sumber Daya Air "
            "Kota Lumen pada Senin (3/2/2020). Yayasan Hijau Lumen mencatat jalannya rapat.")
    doc = run(Document(text, Context(gazetteer=load_gazetteer())), PIPELINE)
    methods = {row["method"] for row in doc.draft.connections if row["type"] == "participatedIn"}
    assert role_model.METHOD in methods


def test_the_features_of_an_actor_carry_no_word_of_the_page() -> None:
    text = ("Rapat Siaga Kali Lumen\n\nDinas Air Kota Lumen menggelar rapat siaga di Balai Lumen. "
            "“Pompa Sungai Merah sudah kami periksa,” kata Kepala Dinas Air Kota Lumen. Yayasan Hijau "
            "Lumen, Palang Merah Kota Lumen dan Karang Taruna Lumen ikut membahas jalur evakuasi.")
    doc = Document(text)
    names = ("Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Palang Merah Kota Lumen", "Karang Taruna Lumen")
    doc.mentions = sorted((ActorMention(m.start(), m.end(), n, None, None, None, "", "test", 0.9)
                           for n in names for m in re.finditer(re.escape(n), text)), key=lambda m: m.start)
    for component in (spans.posts, spans.clauses, spans.cues, actors):
        component(doc)
    records, sources = attendance.rule_roles(doc)
    page_words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    for n in range(len(doc.actors)):
        for feature in role_model.features(n, doc, records[n], [a.role for a in doc.actors], sources[n]):
            name, _, value = feature.partition("=")
            if name == "cue":  # the rules' own cue (rules/role_cues.csv): tests/test_extract_roles_8.py
                continue
            assert not ({w.lower() for w in re.findall(r"[A-Za-z]{4,}", value)} & page_words - _VALUE_WORDS), feature


#: The words feature values are made of that a page may also hold.
_VALUE_WORDS = {"none", "first", "lead", "body", "title", "post", "list", "near", "after", "before", "lower", "capital",
                "active", "passive", "from", "name", "speaks", "person", "organises", "participant", "mentioned",
                "organiser", "speaker", "host", "rule", "heading", "clause", "inside", "subject", "parent", "commas",
                "adjacent", "joiner", "signatory"}


# -- the shipped model and its training ------------------------------------------------------------


def test_the_shipped_model_reads_back_and_decides_only_weak_outcomes() -> None:
    model = role_model.model()
    assert set(model.models) == set(role_model.ROLES)
    assert "bench/train_role_model.py" in model.models["organiser"].basis
    assert model.decides and all(re.fullmatch(r"rule=[a-z]+-(none|list|cue|clause|signatory)", d)
                                 for d in model.decides)
    back = role_model.parse(role_model.dump(model))
    assert back.decides == model.decides
    for role in role_model.ROLES:
        assert back.models[role].weights == pytest.approx(model.models[role].weights, abs=1e-4)
        assert back.models[role].threshold == pytest.approx(model.models[role].threshold)


def test_a_table_without_its_bias_row_is_refused_with_the_role_named() -> None:
    with pytest.raises(ValueError, match="role 'host'"):
        role_model.parse("role,feature,weight,basis\nhost,lead=yes,1.0,\n")


def test_training_reproduces_the_shipped_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert train_role_model.main(["--check"]) == 0
    assert "reproduced" in capsys.readouterr().out


def test_check_fails_when_the_shipped_table_was_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = tmp_path / "role_model.csv"
    lines = train_role_model.TARGET.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0] + ",9.0000,"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert train_role_model.main(["--check", "--out", str(edited)]) == 1


def test_the_samples_hold_no_text_of_a_page() -> None:
    values: dict[str, set[str]] = defaultdict(set)
    with open(SAMPLES, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 500
    for row in rows:
        assert re.fullmatch(r"[0-9a-f]{12}", row["page"])
        assert row["gold"] in role_model.ROLES and row["rule"] in role_model.ROLES
        for feature in row["features"].split():
            name, _, value = feature.partition("=")
            assert re.fullmatch(r"[a-z_]+", name) and re.fullmatch(r"[A-Za-z0-9+-]+", value), feature
            values[name].add(value)
    # Each feature takes a few values, the same on every page: none is a page's words (the cue is
    # one of the rules' own: tests/test_extract_roles_8.py).
    assert max(len(v) for n, v in values.items() if n != "cue") <= 30


# -- a passive written apart, a sentence that is a list of names ----------------------------------


def test_a_passive_written_apart_before_a_vowel_is_still_its_cue() -> None:
    text = "Rapat siaga banjir di ikuti Dinas Sosial Kota Lumen dan Palang Merah Kota Lumen."
    assert roles(text, "Dinas Sosial Kota Lumen", "Palang Merah Kota Lumen") == {
        "Dinas Sosial Kota Lumen": "participant", "Palang Merah Kota Lumen": "participant"}


def test_a_sentence_that_is_a_list_of_names_is_who_was_there() -> None:
    # Two bodies the recognisers know among names they do not: still an attendance list.
    text = ("Rapat siaga banjir digelar Senin pagi.\n"
            "Dinas Sosial Kota Lumen, Bakorwil, Satgas Kali, Dinas Pangan Kota Lumen dan Unsur Pers.")
    assert roles(text, "Dinas Sosial Kota Lumen", "Dinas Pangan Kota Lumen") == {
        "Dinas Sosial Kota Lumen": "participant", "Dinas Pangan Kota Lumen": "participant"}


@pytest.mark.parametrize(("sentence", "is_list"), [
    ("Dinas Sosial, Bakorwil, Satgas Kali, Dinas Pangan dan Unsur Pers.", True),
    ("Banjir merendam rumah warga, jalan desa, sawah dan kebun di tiga kecamatan.", False),
    ("Lumen 1.200 ton, Sari 900 ton, Bulu 800 ton dan Timur 700 ton.", False),
    ("Dinas Sosial, Bakorwil dan Unsur Pers.", False),  # three names: the mentions rule's to read
])
def test_what_a_list_of_names_is(sentence: str, is_list: bool) -> None:
    assert attendance._name_list(sentence, Span(0, len(sentence), sentence)) is is_list


# -- a passive without its "oleh": the agent's name right after the verb ---------------------------


@pytest.mark.parametrize(("text", "body", "role"), [
    ("Rapat siaga banjir digelar Pemerintah Provinsi Lumen di Balai Lumen.", "Pemerintah Provinsi Lumen",
     "organiser"),
    ("Rapat evaluasi dipimpin langsung Kepala Pelaksana BPBD Kota Lumen.", "BPBD Kota Lumen", "organiser"),
])
def test_a_passive_without_oleh_names_its_agent_right_after_it(text: str, body: str, role: str) -> None:
    assert roles(text, body) == {body: role}


def test_a_passive_without_oleh_does_not_reach_past_a_day_or_a_place(monkeypatch: pytest.MonkeyPatch) -> None:
    # "digelar Senin di ...": what follows the verb is when and where, not who. What the cue rules
    # read: the role reader then weighs the lone body the passage names (first named, no organiser).
    monkeypatch.setattr(role_model, "shipped", lambda: False)
    text = "Rapat siaga banjir digelar Senin pagi bersama warga, lalu Palang Merah Kota Lumen membagikan masker."
    assert roles(text, "Palang Merah Kota Lumen") == {"Palang Merah Kota Lumen": "mentioned"}
