"""The learned name tagger: it finds names from their shape and the project's vocabulary, bounds a
name before the person who heads it, tells the actor filter what it thinks of each drafted actor,
ships weights its trainer reproduces and samples that hold no page's words, and names the file and
line of a broken model table."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import pytest

from resilience_kg.extract.components import Context, Document
from resilience_kg.extract.components.spans import recognised
from resilience_kg.extract.gazetteer import load_gazetteer
from resilience_kg.extract.recognise import actor_filter, name_tagger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import name_tagger_samples  # noqa: E402
import train_name_tagger  # noqa: E402


def _doc(text: str) -> Document:
    return Document(text, Context(gazetteer=load_gazetteer()))


def _found(text: str) -> tuple[list[str], list[str]]:
    """The names the tagger finds in ``text`` and the recognisers' mentions."""
    doc = _doc(text)
    mentions = recognised(doc)
    found = name_tagger.tag(doc.text, doc.sentences, mentions, doc.context.gazetteer)
    return [doc.text[f.start:f.end] for f in found], [doc.text[m.start:m.end] for m in mentions]


def _taught(lines: list[tuple[str, list[str]]]) -> name_tagger.Model:
    """A tagger trained on made-up sentences, each with its names (no recogniser mention)."""
    sentences = []
    for text, names in lines:
        toks = name_tagger.tokens(text)
        rows = name_tagger.token_features(text, toks, 0, [], None)
        labels = ["O"] * len(toks)
        for name in names:
            a = text.index(name)
            inside = [n for n, t in enumerate(toks) if a <= t.start and t.end <= a + len(name)]
            labels[inside[0]] = "B"
            for n in inside[1:]:
                labels[n] = "I"
        sentences.append([(name_tagger.window(rows, n), y, False) for n, y in enumerate(labels)])
    return name_tagger.Model(train_name_tagger.train(sentences), 0.0, "made up")


def test_the_tagger_learns_a_name_no_recogniser_drafts() -> None:
    # Made-up pages where a body is known only by an unknown short form after "pihak" (its side).
    forms = ["UNTR", "KPLB", "JMPT", "SKRB", "LPKT", "IKTB", "FRPB", "GMKT"]
    lines = [(f"Menurut pihak {f}, program itu berjalan baik.", [f]) for f in forms]
    lines += [("Menurut pihak sekolah, program itu berjalan baik.", []),
              ("Rapat itu berjalan baik menurut warga.", [])] * 4
    model = name_tagger.Model(_taught(lines).weights, 0.0, "made up")
    text = "Kata pihak KRTB, bantuan sudah disalurkan ke warga.\n"
    doc = _doc(text)
    assert not [m for m in recognised(doc) if "KRTB" in doc.text[m.start:m.end]]
    found = name_tagger.new_mentions(doc.text, doc.sentences, recognised(doc), None, using=model)
    assert [(m.name, m.method) for m in found] == [("KRTB", name_tagger.METHOD)]
    assert doc.text[found[0].start:found[0].end] == "KRTB"
    # While its cross-validation finds no margin at which new names help, the shipped model drafts none.
    if name_tagger.model().threshold == float("inf"):
        assert name_tagger.new_mentions(doc.text, doc.sentences, recognised(doc), None) == []


def test_a_name_ends_before_the_person_who_heads_it() -> None:
    text = "Kepala Bappeda Kota Tirtasari Dr. Budi Hartono menyampaikan paparan.\n"
    tagged, _ = _found(text)
    assert tagged == ["Bappeda Kota Tirtasari"]


def test_tokens_keep_their_offsets_so_quotes_stay_exact() -> None:
    text = "Pada rapat itu, Yayasan Air Bersih (YAB) hadir.\n"
    for t in name_tagger.tokens(text):
        assert text[t.start:t.end] == t.text
    tagged, _ = _found(text)
    assert all(name in text for name in tagged)


def test_the_actor_filter_reads_what_the_tagger_says_of_an_actor() -> None:
    class _Mention:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    class _Actor:
        def __init__(self) -> None:
            self.mentions = [_Mention(10, 20), _Mention(40, 45)]

    actor = _Actor()
    assert actor_filter._tagged(actor, [(40, 45)]) == "alike"  # type: ignore[arg-type]
    assert actor_filter._tagged(actor, [(12, 30)]) == "other"  # type: ignore[arg-type]
    assert actor_filter._tagged(actor, [(0, 5)]) == "none"  # type: ignore[arg-type]
    assert actor_filter._tagged(actor, None) == "unknown"  # type: ignore[arg-type]


def test_the_shipped_model_has_its_basis_and_threshold_rows() -> None:
    lines = train_name_tagger.TARGET.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "feature,weight,basis"
    assert lines[1].startswith("_bias,0,") and "bench/train_name_tagger.py" in lines[1]
    assert re.search(r"of \d+ pages \(\d+ real\)", lines[1])
    assert lines[2].startswith("_threshold,")
    model = name_tagger.model()
    assert "cross-validation" in model.basis
    again = name_tagger.read_model(name_tagger.write_model(model))
    assert again.threshold == model.threshold and again.weights == pytest.approx(model.weights, abs=1e-4)


def test_check_reproduces_the_shipped_weights_and_fails_on_a_changed_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    margin = str(name_tagger.model().threshold)
    assert train_name_tagger.main(["--check", "--margin", margin]) == 0
    assert "reproduced" in capsys.readouterr().out
    edited = tmp_path / "name_tagger.csv"
    lines = train_name_tagger.TARGET.read_text(encoding="utf-8").splitlines()
    feature = lines[5].split(",")[0]
    edited.write_text("\n".join([*lines[:5], f"{feature},9.0000,", *lines[6:]]) + "\n", encoding="utf-8")
    assert train_name_tagger.main(["--check", "--margin", margin, "--out", str(edited)]) == 1
    assert "differs" in capsys.readouterr().out


@pytest.mark.parametrize(("line", "message"), [
    ("B|w=dinas,heavy,", "line 5: weight 'heavy' is not a number"),
    ("X|w=dinas,1.0,", "line 5: feature 'X|w=dinas' is not tag|feature"),
    ("B|w=dinas,1.0", "line 5: 3 cells expected, found 2"),
])
def test_a_broken_model_table_names_its_file_and_line(line: str, message: str) -> None:
    raw = ("feature,weight,basis\n_bias,0,made up\n_threshold,inf,none\nB|bias,0.5,\n" + line + "\n")
    with pytest.raises(ValueError, match="my_tagger.csv, " + message.replace("|", r"\|").replace("'", "'")):
        name_tagger.read_model(raw, "my_tagger.csv")
    with pytest.raises(ValueError, match="line 2: the _bias row comes first"):
        name_tagger.read_model("feature,weight,basis\n_threshold,1,x\n_bias,0,y\n", "my_tagger.csv")


def test_the_samples_hold_no_word_of_a_page_outside_the_vocabulary() -> None:
    text = gzip.decompress(name_tagger_samples.TARGET.read_bytes()).decode("utf-8")
    rows = text.splitlines()
    assert rows[0] == ",".join(name_tagger_samples.COLUMNS)
    vocabulary = name_tagger._vocabulary(load_gazetteer())
    words = {f[2:] for row in rows[1:] for f in row.rsplit(",", 1)[-1].strip('"').split() if f.startswith("w=")}
    assert words - {"?"} <= vocabulary
    assert not any(",frozen" in row for row in rows[1:200000:97])
    with pytest.raises(SystemExit, match="frozen"):
        name_tagger_samples.build([Path("/nowhere/frozen9")])


def test_gold_names_are_every_exact_occurrence_longest_first() -> None:
    from types import SimpleNamespace

    from resilience_kg.extract.score import GoldActor

    text = "Dinas Sosial Kota Tirtasari dan Dinas Sosial bertemu; DSKT hadir."
    actors = [GoldActor(surface="Dinas Sosial Kota Tirtasari", name="Dinas Sosial Kota Tirtasari", id=None,
                        sector="government", role=None, aliases=("DSKT", "Dinas Sosial")),
              GoldActor(surface="Dinas Sosial", name="Dinas Sosial", id=None, sector="government", role=None,
                        optional=True)]
    spans = name_tagger_samples.gold_spans(text, SimpleNamespace(actors=actors))  # type: ignore[arg-type]
    assert [(text[a:b], opt) for a, b, opt in spans] == [
        ("Dinas Sosial Kota Tirtasari", False), ("Dinas Sosial", False), ("DSKT", False)]
