"""Roles, eighth pass (issue 20 §1 roles): the role reader reads the cue the rules read, a word of
partnership before a body, the body of the report's own place and how many organisers the rules
found; it replaces the rules' role only by a margin; its cross-validation holds out whole sets.
Made-up passages."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import pytest
from helpers.extraction import hand_mentions

from resilience_kg.extract.components import Document, attendance, spans
from resilience_kg.extract.components.coreference import actors
from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.linear_model import LinearModel
from resilience_kg.extract.recognise.rules import table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import train_role_model  # noqa: E402


def _features(text: str, *names: str, city: str | None = None) -> dict[str, dict[str, str]]:
    """Each named body's features (``name -> value``) as the role reader reads them; mentions by hand."""
    doc = Document(text)
    doc.city = city
    doc.mentions = hand_mentions(text, *names)
    for component in (spans.posts, spans.clauses, spans.cues, actors):
        component(doc)
    records, sources = attendance.rule_roles(doc)
    rule_roles = [a.role for a in doc.actors]
    return {a.mention.name: dict(f.split("=", 1)
                                 for f in role_model.features(n, doc, records[n], rule_roles, sources[n]))
            for n, a in enumerate(doc.actors)}


# -- what the reader reads -------------------------------------------------------------------------


def test_the_cue_the_rules_read_is_a_feature_written_as_the_rules_table_writes_it() -> None:
    text = ("Rapat siaga banjir diselenggarakan oleh Dinas Air Kota Lumen. Rapat dihadiri Yayasan Hijau "
            "Lumen. Palang Merah Kota Lumen juga dicatat.")
    got = _features(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Palang Merah Kota Lumen")
    assert got["Dinas Air Kota Lumen"]["cue"] == "diselenggarakan-oleh"
    assert got["Yayasan Hijau Lumen"]["cue"] == "dihadiri"
    assert got["Palang Merah Kota Lumen"]["cue"] == "none"


def test_a_word_of_partnership_before_a_body_is_read() -> None:
    text = ("Dinas Air Kota Lumen menggelar rapat siaga bekerja sama dengan Yayasan Hijau Lumen. "
            "Palang Merah Kota Lumen mencatat jalannya rapat.")
    got = _features(text, "Dinas Air Kota Lumen", "Yayasan Hijau Lumen", "Palang Merah Kota Lumen")
    assert got["Yayasan Hijau Lumen"]["partner"] == "yes"
    assert got["Dinas Air Kota Lumen"]["partner"] == got["Palang Merah Kota Lumen"]["partner"] == "no"


def test_the_body_of_the_place_the_report_is_about_is_read() -> None:
    text = "Pemerintah Kota Lumen menggelar rapat siaga banjir. Yayasan Hijau Nusantara ikut membahas jalur evakuasi."
    got = _features(text, "Pemerintah Kota Lumen", "Yayasan Hijau Nusantara", city="Kota Lumen")
    assert got["Pemerintah Kota Lumen"]["city_body"] == "yes"
    assert got["Yayasan Hijau Nusantara"]["city_body"] == "no"
    # With no place found for the report, no body is its place's.
    assert _features(text, "Pemerintah Kota Lumen")["Pemerintah Kota Lumen"]["city_body"] == "no"


def test_how_many_other_organisers_the_rules_found_is_read() -> None:
    text = ("Rapat siaga banjir diselenggarakan oleh Dinas Air Kota Lumen dan Palang Merah Kota Lumen. "
            "Yayasan Hijau Lumen mencatat jalannya rapat.")
    got = _features(text, "Dinas Air Kota Lumen", "Palang Merah Kota Lumen", "Yayasan Hijau Lumen")
    assert got["Yayasan Hijau Lumen"]["organisers"] == "2"
    assert got["Dinas Air Kota Lumen"]["organisers"] == "1"


def test_a_cue_value_is_always_one_of_the_rules_table_or_none_or_other() -> None:
    cues = {" ".join(r["cue"].lower().split()) for r in table("role_cues")}
    words = {c.replace(" ", "-") for c in cues | {c.split()[0] for c in cues}}
    with open(train_role_model.SAMPLES, encoding="utf-8", newline="") as fh:
        values = {f.split("=", 1)[1] for row in csv.DictReader(fh) for f in row["features"].split()
                  if f.startswith("cue=")}
    assert {"none", "dihadiri"} <= values
    assert values - {"none", "other"} <= words, values - words


# -- a margin over the rules' role ------------------------------------------------------------------


def _model(probabilities: dict[str, float], margin: float) -> role_model.RoleModel:
    models = {r: LinearModel(math.log(p / (1 - p)), {}, margin, "test") for r, p in probabilities.items()}
    return role_model.RoleModel(models, frozenset({"rule=mentioned-none"}))


def test_a_near_tie_with_the_rules_role_leaves_the_rules_role() -> None:
    near = {"organiser": 0.1, "host": 0.01, "speaker": 0.08, "participant": 0.40, "mentioned": 0.38}
    assert _model(near, 0.05).choose([], "mentioned") == "mentioned"
    # The model's own choice (no margin) takes the likelier role, however close.
    assert _model(near, 0.0).choose([], "mentioned") == "participant"
    clear = {**near, "participant": 0.6, "mentioned": 0.1}
    assert _model(clear, 0.05).choose([], "mentioned") == "participant"


# -- leave-sets-out cross-validation -------------------------------------------------------------------


def test_the_cross_validation_never_trains_on_a_set_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = train_role_model.read_samples(train_role_model.SAMPLES)
    sets = {s.set for s in samples}
    assert len(sets) >= train_role_model.FOLDS  # every fold holds out at least one set
    # A few actors of each set, so the check is quick; the folds are those of the whole sets.
    few = [s for name in sorted(sets) for s in [x for x in samples if x.set == name][:12]]
    trained_on: list[set[str]] = []
    real_train = train_role_model.train

    def spy(part: list[train_role_model.Sample], *args: object, **kwargs: object) -> role_model.RoleModel:
        trained_on.append({s.set for s in part})
        return real_train(part)

    monkeypatch.setattr(train_role_model, "train", spy)
    predicted = train_role_model.cross_validate(few)
    fold_of = train_role_model.fold_of_sets(few)
    assert len(trained_on) == train_role_model.FOLDS
    for k, seen in enumerate(trained_on):
        held = {name for name, f in fold_of.items() if f == k}
        assert held and not held & seen
    # Every actor was read once, by a model that never saw its set.
    assert set(predicted[0.0]) == {str(n) for n in range(len(few))}


# -- the changes the cross-validation allows ---------------------------------------------------------


def test_a_change_the_cross_validation_did_not_allow_leaves_the_rules_role() -> None:
    sure = {"organiser": 0.05, "host": 0.02, "speaker": 0.1, "participant": 0.9, "mentioned": 0.1}
    models = {r: LinearModel(math.log(p / (1 - p)), {}, 0.05, "test") for r, p in sure.items()}
    only_organiser = role_model.RoleModel(models, frozenset({"rule=mentioned-none"}),
                                          frozenset({"rule=mentioned-none>organiser"}))
    assert only_organiser.choose(["rule=mentioned-none"], "mentioned") == "mentioned"
    also_participant = role_model.RoleModel(models, only_organiser.decides,
                                            only_organiser.allows | {"rule=mentioned-none>participant"})
    assert also_participant.choose(["rule=mentioned-none"], "mentioned") == "participant"
    # The shipped table reads back with what it allows.
    shipped = role_model.model()
    assert shipped.allows and role_model.parse(role_model.dump(shipped)).allows == shipped.allows
    assert all(a.split(">")[0] in shipped.decides for a in shipped.allows)
