"""A learned filter over the drafted actors: a logistic regression that reads what the pipeline
knows of each actor once actors are final and says how likely it is a body the report names.

The recognisers propose an actor wherever a name's shape or a cue allows one; on pages nobody has
read, about a third of what they propose is no body (a name run on into the next words, a post, a
place, a programme, a fragment of a headline). The filter scores every actor through features that
hold for the genre, never a page's words: how it was found (the recogniser family, the head noun's
sector and language, the resolver's outcome), the shape of its name (words, capitals, lower-case
words, an acronym, digits, a comma or a connector inside, words the project's one name vocabulary,
:func:`.actors.vocabulary.name_vocabulary`, does not know), how often and where the report names it
(the headline, a clause of a proposal or a commitment, as another actor's fragment), its role and
the cue that gave it, its sector and how sure that is, the report's language, and where its first
mention stands (:func:`context_features`: what comes before and after it, a list it stands in).

The weights are package data (``data/actor_filter.csv``: one row a feature; ``_bias`` says in its
``basis`` on which pages, when and by which script the model was trained, ``_threshold`` the
probability below which an actor is set aside, both chosen by holding whole annotated sets out);
they are trained by ``bench/train_actor_filter.py``
(``make train-actors``) from the labelled feature rows of ``data/actor_filter_samples.csv``, which
``bench/actor_filter_samples.py`` regenerates from annotated folders.

An actor set aside is not drafted as an actor: its row is written ``rejected``, with the method
``model:actor-filter`` and a note giving its score, so a reviewer sees it and can accept it. An
actor the gazetteer or the graph knows by its exact name, or found by a name of the gazetteer, is
never set aside (:func:`protected`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING

from resilience_kg.extract.recognise import linear_model
from resilience_kg.extract.recognise.actors.vocabulary import NAME_WORD, name_vocabulary
from resilience_kg.extract.recognise.linear_model import LinearModel
from resilience_kg.extract.recognise.rules import table, words

if TYPE_CHECKING:
    from resilience_kg.extract.draft import Actor
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.recognise.clauses import ClauseFact

#: The method of a row the filter sets aside.
METHOD = "model:actor-filter"
MODEL_FILE = "data/actor_filter.csv"
#: The features, in the order the samples table writes them (a feature is ``name=value``).
FEATURES = ("method", "head", "resolved", "words", "caps", "lower", "acronym", "digits", "inner", "unknown",
            "unknown_last", "mentions", "surfaces", "paired", "kind", "parent", "role", "sector", "sure",
            "clause", "headline", "inside", "contains", "lang", "first_word", "end_word", "place", "tail_unknown",
            "post", "title", "verb", "topic", "event_word",
            # where the name stands in its sentence (see :func:`context_features`)
            "before", "after", "listed", "page_actors",
            # what the name tagger (:mod:`.name_tagger`) says of it
            "tagger")

#: Pairs of features the model also reads together: a recogniser's candidates differ from another's
#: in what their shape says ("a name of five words" is common for a head noun's, rare for a list's).
CROSSES = (("method", "resolved"), ("method", "words"), ("method", "unknown"), ("method", "role"),
           ("method", "lower"), ("head", "unknown_last"), ("resolved", "role"))

_WORD = NAME_WORD


#: The filter's model: an actor whose probability of being a body is below its threshold (chosen by
#: the cross-validation) is set aside.
Model = LinearModel


@functools.cache
def _heads() -> dict[str, tuple[str, str]]:
    """Each head noun (and its full form) with its sector and language."""
    out: dict[str, tuple[str, str]] = {}
    for row in table("head_nouns"):
        english = row["language"] == "en" or row["basis"].startswith("English")
        for form in (row["head"], row["full"]):
            if form:
                out.setdefault(form.lower(), (row["sector"], "en" if english else "id"))
    return out


def _vocabulary(gazetteer: Gazetteer | None) -> frozenset[str]:
    """The words bodies' names are made of: the project's one name vocabulary
    (:func:`.actors.vocabulary.name_vocabulary`), read from this module's rules tables."""
    return name_vocabulary(gazetteer, tables=table)


def _listed(name: str) -> frozenset[str]:
    """The lower-cased words of list ``name`` of ``rules/words.csv`` (none where the list is missing)."""
    try:
        return frozenset(w.lower() for w in words(name))
    except KeyError:
        return frozenset()


@functools.cache
def _word_kinds() -> dict[str, frozenset[str]]:
    """Words that say what a name is not, from the rules tables: the first words of posts, titles
    of persons, verb prefixes, topic and generic words, and single-word event cues."""
    def first_words(name: str, column: str) -> frozenset[str]:
        try:
            return frozenset(r[column].split()[0].lower() for r in table(name) if r[column].strip())
        except (KeyError, FileNotFoundError):
            return frozenset()

    return {
        "post": first_words("posts", "post") | first_words("post_heads", "post") | _listed("body_posts"),
        "title": _listed("titles") | _listed("holder_titles"),
        "verb_prefix": _listed("verb_prefixes"),
        "topic": _listed("topic_words"),
        "event": frozenset(c for c in first_words("event_kinds", "cue")),
    }


def _word_flags(tokens: Sequence[str]) -> dict[str, str]:
    """Where a post, a title, a verb, a topic word or an event word stands in the name."""
    kinds = _word_kinds()
    lowered = [t.lower().strip(".,:;()") for t in tokens]

    def where(hit: Sequence[bool]) -> str:
        return "first" if hit and hit[0] else "inside" if any(hit) else "none"

    prefixes = tuple(kinds["verb_prefix"])
    verb = [bool(prefixes) and w.startswith(prefixes) and w.endswith("kan") and len(w) > 7 for w in lowered]
    return {
        "post": where([w in kinds["post"] for w in lowered]),
        "title": where([w in kinds["title"] for w in lowered]),
        "verb": where(verb),
        "topic": where([w in kinds["topic"] for w in lowered]),
        "event_word": where([w in kinds["event"] for w in lowered]),
    }


def _bucket(n: int, edges: Sequence[int]) -> str:
    """``n`` as the first edge it does not pass ("1", "2", "3-4", "5+")."""
    for lo, hi in itertools.pairwise(edges):
        if lo <= n < hi:
            return str(lo) if hi == lo + 1 else f"{lo}-{hi - 1}"
    return f"{edges[-1]}+"


def method_family(method: str) -> str:
    """The recogniser family of a mention's method: ``gazetteer``, ``rule:head-noun``, ``rule:list-context``
    (a gazetteer id or a head word left out), with the step that found it by reference after ``+``."""
    parts = [p.strip() for p in method.split(";") if p.strip()]

    def family(part: str) -> str:
        bits = part.split(":")
        return ":".join(bits[:2]) if bits[0] == "rule" else bits[0]

    return "+".join(dict.fromkeys(family(p) for p in parts[:2])) or "none"


def _resolution_family(actor: Actor) -> str:
    res = actor.resolution
    if res is None:
        return "none"
    bits = res.method.split(":")
    if bits[0] in ("gazetteer", "graph", "gazetteer-fuzzy", "graph-fuzzy"):
        return bits[0] + ("-known" if res.same_as else "")
    if bits[0] == "rule":
        return ":".join(bits[:2])
    return ":".join(bits[:2]) if bits[0] in ("ambiguous", "unresolved") else bits[0]


def _shape(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "digit"
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1:
        return "upper"
    if word[:1].isupper():
        return "cap"
    return "lower"


def _tagged(actor: Actor, names: Sequence[tuple[int, int]] | None) -> str:
    """What the name tagger (:mod:`.name_tagger`) says of the actor's mentions: one is a name it
    finds alike, one overlaps a name it bounds otherwise, it finds no name in any, or not asked."""
    if names is None:
        return "unknown"
    spans = {(x.start, x.end) for x in actor.mentions}
    if spans & set(names):
        return "alike"
    if any(a < e and s < b for s, e in spans for a, b in names):
        return "other"
    return "none"


def features(actor: Actor, *, others: Sequence[Actor], text: str, clauses: Sequence[ClauseFact] = (),
             language: str = "id", gazetteer: Gazetteer | None = None,
             names: Sequence[tuple[int, int]] | None = None) -> list[str]:
    """The features of one drafted actor (``name=value`` strings), among the report's ``others``;
    ``names`` are the spans the name tagger finds in the report."""
    m = actor.mention
    name = " ".join(m.name.split())
    tokens = name.split()
    words = [w for w in _WORD.findall(name)]
    vocab = _vocabulary(gazetteer)
    lowered = [w.lower() for w in words]
    unknown = [w for w in lowered if w not in vocab and not w.isdigit()]
    shapes = [_shape(w) for w in tokens]
    head = _heads().get(lowered[0]) if lowered else None
    head_any = head or next((_heads()[w] for w in lowered if w in _heads()), None)
    acronym_only = len(tokens) == 1 and shapes[0] == "upper"
    spans = [(x.start, x.end) for x in actor.mentions]
    headline_end = text.find("\n")
    headline_end = len(text) if headline_end < 0 else headline_end
    in_clause = "none"
    for c in clauses:
        for s, _e in spans:
            if (s, _e) in c.subjects:
                in_clause = f"subject-{c.kind}"
                break
            if c.start <= s < c.end:
                in_clause = f"inside-{c.kind}"
        if in_clause.startswith("subject"):
            break
    key = name.lower()
    inside = any(o is not actor and key != (on := " ".join(o.mention.name.split()).lower()) and f" {key} " in f" {on} "
                 for o in others)
    contained = [on for o in others if o is not actor and (on := " ".join(o.mention.name.split()).lower()) != key
                 and len(on) > 2 and f" {on} " in f" {key} "]
    # Where another actor's name stands inside this one says which way it errs: at its start, the
    # name ran on past a body ("Dinas Sosial Budi"); at its end, it is a unit with its parent or a
    # branch with its region ("Komisi II DPRD X").
    contains = ("no" if not contained else "start" if any(key.startswith(f"{on} ") for on in contained)
                else "end" if any(key.endswith(f" {on}") for on in contained) else "middle")
    connectors = _listed("list_conjunctions")
    inner = ("comma" if "," in name else "connector" if any(w.lower() in connectors for w in tokens[1:-1])
             else "slash" if "/" in name else "paren" if "(" in name else "none")
    tail = 0
    for w in reversed(tokens):
        if w[:1].isupper() and w.lower().strip(",.") not in vocab and _shape(w) == "cap":
            tail += 1
        else:
            break
    headline = ("only" if all(s < headline_end for s, _ in spans) else "also" if spans[0][0] < headline_end
                else "no")
    role_cue = actor.role_cue or ""
    cue = "default" if not role_cue or role_cue.startswith("default") else "cue"
    return [
        f"method={method_family(m.method)}",
        f"head={'none' if head_any is None else head_any[0] + '-' + head_any[1] + ('-first' if head else '-inner')}",
        f"resolved={_resolution_family(actor)}",
        f"words={_bucket(len(tokens), (1, 2, 3, 4, 5, 7, 10))}",
        f"caps={_bucket(shapes.count('cap') + shapes.count('upper'), (0, 1, 2, 3, 5))}",
        f"lower={_bucket(sum(1 for s, w in zip(shapes, tokens, strict=False) if s == 'lower' and w.lower() not in vocab), (0, 1, 2, 3))}",  # noqa: E501
        f"acronym={'alone' if acronym_only else 'inside' if 'upper' in shapes else 'none'}",
        f"digits={'end' if shapes and shapes[-1] == 'digit' else 'inside' if 'digit' in shapes else 'none'}",
        f"inner={inner}",
        f"unknown={_bucket(len(unknown), (0, 1, 2, 3))}",
        f"unknown_last={'yes' if lowered and lowered[-1] in unknown else 'no'}",
        f"mentions={_bucket(len(actor.mentions), (1, 2, 3, 5))}",
        f"surfaces={_bucket(len({' '.join(x.name.split()) for x in actor.mentions}), (1, 2, 3))}",
        f"paired={'yes' if m.acronym and m.expansion else 'acronym' if m.acronym else 'no'}",
        f"kind={m.kind}",
        f"parent={'yes' if m.parent_span else 'no'}",
        f"role={actor.role}-{cue}",
        f"sector={actor.sector}",
        f"sure={_bucket(int(actor.sector_confidence * 10), (0, 5, 7, 9))}",
        f"clause={in_clause}",
        f"headline={headline}",
        f"inside={'yes' if inside else 'no'}",
        f"contains={contains}",
        f"lang={language}",
        f"first_word={shapes[0] if shapes else 'none'}",
        f"end_word={shapes[-1] if shapes else 'none'}{'-known' if lowered and lowered[-1] in vocab else ''}",
        f"place={_place_shape(tokens)}",
        f"tail_unknown={_bucket(tail, (0, 1, 2, 3))}",
        *(f"{k}={v}" for k, v in _word_flags(tokens).items()),
        *context_features(actor, others=others, text=text, gazetteer=gazetteer),
        f"tagger={_tagged(actor, names)}",
    ]


@functools.cache
def _context_words() -> dict[str, frozenset[str]]:
    """The rules tables' words that say what stands before a name: list conjunctions, prepositions
    of place, words introducing an attendance list, and the role cues that precede their actor."""
    def lowered(rows: Iterable[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in rows)

    return {
        "conj": _listed("list_conjunctions"),
        "prep": _listed("place_prepositions") | _listed("venue_prepositions"),
        "attend": _listed("attendance_intro") | _listed("attendance_list_cues"),
        "cue": lowered(r["cue"] for r in table("role_cues") if r["direction"] == "after"),
    }


_LAST_WORDS = re.compile(r"((?:[^\W_]+[ \t]+){0,2}[^\W_]+)[ \t]*$")
_SEPARATOR = re.compile(r"\s*(?:[,;/&]|dan|and|serta)\s*", re.I)
_TWO_CAPS = re.compile(r"[ \t]+([A-Z][a-z]{1,14})[ \t]+([A-Z][a-z]{1,14})\b")


def _before(text: str, start: int) -> str:
    """The class of what stands before a mention: the start of a line or sentence, a separator or
    bracket, a list conjunction, a preposition of place, an attendance intro, a role cue, a post,
    a title, or else the shape of the word."""
    head = text[max(0, start - 60):start]
    bare = head.rstrip(" \t")
    if not bare or bare.endswith("\n") or bare[-1] in ".:!?":
        return "start"
    if bare[-1] in ",;/&":
        return "separator"
    if bare[-1] in "([":
        return "bracket"
    found = _LAST_WORDS.search(bare)
    if found is None:
        return "other"
    words_ = found.group(1).lower().split()
    kinds = _context_words()
    ends = [" ".join(words_[-n:]) for n in (3, 2, 1) if n <= len(words_)]
    for kind in ("cue", "attend", "conj", "prep"):
        if any(e in kinds[kind] for e in ends):
            return kind
    if words_[-1] in _word_kinds()["post"]:
        return "post"
    if words_[-1] in _word_kinds()["title"]:
        return "title"
    return _shape(found.group(1).split()[-1])


def _after(text: str, end: int, vocab: frozenset[str]) -> str:
    """The class of what follows a mention: a person's name (two capitalised words the name
    vocabulary does not know), a bracket, a comma, a list conjunction, the end of a sentence or
    line, or the shape of the next word."""
    tail = text[end:end + 60]
    pair = _TWO_CAPS.match(tail)
    if pair and not any(w.lower() in vocab for w in pair.groups()):
        return "person"
    bare = tail.lstrip(" \t")
    if not bare or bare[0] in ".\n!?":
        return "end"
    if bare[0] in "([":
        return "bracket"
    if bare[0] in ",;:":
        return "comma"
    word = _WORD.match(bare)
    if word is None:
        return "other"
    if word.group(0).lower() in _context_words()["conj"]:
        return "conj"
    return _shape(word.group(0))


def context_features(actor: Actor, *, others: Sequence[Actor], text: str,
                     gazetteer: Gazetteer | None = None) -> list[str]:
    """Where the actor's first mention stands, as classes that hold no word of the page: what comes
    before it and after it, whether it stands in a list with another drafted actor, and how many
    actors the report drafts. (A programme noun in the name and how far into the report the name
    first appears were tried too: the leave-sets-out cross-validation found no gain.)"""
    first = min(actor.mentions or [actor.mention], key=lambda x: x.start)
    spans = [(x.start, x.end) for x in actor.mentions or [actor.mention]]
    around = [(x.start, x.end) for o in others if o is not actor for x in (o.mentions or [o.mention])]
    listed = any((oe <= s and s - oe <= 8 and _SEPARATOR.fullmatch(text[oe:s]))
                 or (e <= os_ and os_ - e <= 8 and _SEPARATOR.fullmatch(text[e:os_]))
                 for s, e in spans for os_, oe in around)
    return [
        f"before={_before(text, first.start)}",
        f"after={_after(text, first.end, _vocabulary(gazetteer))}",
        f"listed={'yes' if listed else 'no'}",
        f"page_actors={_bucket(len(others), (1, 3, 6, 10, 15))}",
    ]


def _place_shape(tokens: Sequence[str]) -> str:
    """Whether the name is a place ("whole"), ends in one ("ends"), or neither."""
    from resilience_kg.extract.recognise.actors.places import _is_place

    if tokens and _is_place(" ".join(tokens)):
        return "whole"
    if any(_is_place(" ".join(tokens[-n:])) for n in (1, 2, 3) if n < len(tokens)):
        return "ends"
    return "none"


def combine(base: Sequence[str]) -> list[str]:
    """The features the model reads: the ``name=value`` features and the pairs of :data:`CROSSES`."""
    value = dict(f.split("=", 1) for f in base)
    return [*base, *(f"{a}={value[a]}&{b}={value[b]}" for a, b in CROSSES if a in value and b in value)]


def _read_model() -> Model:
    raw = resources.files("resilience_kg.extract").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return read_model(raw)


def read_model(raw: str) -> Model:
    """A model from the text of its table (``feature,weight,basis``)."""
    return linear_model.parse(raw)


def write_model(model: Model) -> str:
    """The text of a model's table: bias and threshold first, then the features by name."""
    return linear_model.dump(
        model, threshold_note="the probability below which a drafted actor is set aside (chosen by cross-validation)")


@functools.cache
def model() -> Model:
    """The shipped model."""
    return _read_model()


#: The features an actor is never set aside with: a name the gazetteer or the graph knows exactly,
#: or one found as a gazetteer's surface form (a regional branch of a known body, a short form
#: several bodies share). In the cross-validation more such actors below the threshold were true
#: ones than false positives.
KNOWN = ("resolved=gazetteer-known", "resolved=graph-known", "method=gazetteer")


def protected(features: Iterable[str]) -> bool:
    """Whether an actor with these features is kept whatever its score: one the gazetteer or the
    graph knows by its exact name, or one found by a name of the gazetteer."""
    return any(f in KNOWN or f.startswith("method=gazetteer+") for f in features)


def set_aside(actors: Sequence[Actor], *, text: str, clauses: Sequence[ClauseFact] = (), language: str = "id",
              gazetteer: Gazetteer | None = None, using: Model | None = None,
              names: Sequence[tuple[int, int]] | None = None) -> dict[int, float]:
    """The actors to set aside, by their index in ``actors``, with their scores: those scoring below
    the model's threshold that no exact name of the gazetteer or the graph protects."""
    chosen = using or model()
    out: dict[int, float] = {}
    for n, actor in enumerate(actors):
        feats = combine(features(actor, others=actors, text=text, clauses=clauses, language=language,
                                 gazetteer=gazetteer, names=names))
        p = chosen.probability(feats)
        if p < chosen.threshold and not protected(feats) and not (_kept_head(actor, text) and "inside=no" in feats) \
                and not _donor_programme(actor):
            out[n] = p
    return out


def _donor_programme(actor: Actor) -> bool:
    """Whether the actor is a donor's programme found after the donor's short form, a gazetteer name
    ("USAID IUWASH PLUS"): as a name the gazetteer knows, it is never set aside (the filter's model
    has seen no such method, and scores it as an unknown run of capitals)."""
    return actor.mention.method.split(";")[0].strip() == "rule:donor-programme"


def _kept_head(actor: Actor, text: str = "") -> bool:
    """Whether the actor was found by a head noun that always names a body of the genre (a
    university's faculty, ``filter_kept_heads``): the filter's features read such a unit named
    after a person's name, "(Faculty of Law X)", as a fragment, yet the annotators counted nearly
    every one of them on the readable pages. Not one named inside another actor's name ("UI's
    Faculty of Engineering" after "UI Faculty of Engineering"): that is the same body again."""
    head = actor.mention.method.removeprefix("rule:head-noun:")
    if head != actor.mention.method and head in words("filter_kept_numbered_heads"):
        # "Komisi D", "Komisi II": a council's commission is numbered by a letter or a numeral
        # (PP 12/2018), a unit of its DPRD even where the text leaves the council unsaid; not in a
        # title-cased headline ("Komisi III DPR Desak X Panggil ..."), whose words run on.
        after = re.match(r"[\s,]*(\S)", text[actor.mention.end:actor.mention.end + 20])
        return _COUNCIL_NUMBER.match(actor.mention.name, len(head)) is not None \
            and not (after is not None and after.group(1).isupper())
    if head != actor.mention.method and head in words("filter_kept_merged_heads"):
        return _lists_merged_affairs(actor.mention.name, len(head))
    return head != actor.mention.method and head in words("filter_kept_heads")


#: A name's affairs after its head: capitalised words (and "dan" between them), one affair after
#: another, commas between ("Pekerjaan Umum, Tata Ruang, Perhubungan, dan Pertanahan").
_AFFAIR = r"[A-Z][\w-]*(?: (?:dan |& )?[A-Z][\w-]*)*"
_MERGED_AFFAIRS = re.compile(r" (?P<affairs>" + _AFFAIR + r"(?:, (?:dan |& )?" + _AFFAIR + r")+)")


def _lists_merged_affairs(name: str, head_end: int) -> bool:
    """Whether ``name`` after its head is a list of government affairs joined by commas: a regional
    body that merges several affairs is named by all of them (PP 18/2016 tentang Perangkat Daerah,
    Pasal 18 and 21: one dinas or badan may hold several affairs), a long name with commas the
    filter reads as a run-on. No affair may start with a body's head noun or short form ("Dinas
    Sosial, Dinas Kesehatan, BPBD" lists bodies, not affairs)."""
    from resilience_kg.extract.recognise.actors.vocabulary import _head_regex, is_acronym

    listed = _MERGED_AFFAIRS.fullmatch(name, head_end)
    if listed is None:
        return False
    affairs = [a.removeprefix("dan ").removeprefix("& ") for a in listed.group("affairs").split(", ")]
    return not any(_head_regex().match(a) or is_acronym(a.split()[0]) for a in affairs[1:])


#: The letter or numeral that numbers a council's commission, right after its head: "Komisi D",
#: "Komisi II DPRD X", "Komisi 8 DPR RI".
_COUNCIL_NUMBER = re.compile(r" (?:[A-E]|[IVX]{1,4}|\d{1,2})(?:\s|$)")


def scores(actors: Sequence[Actor], *, text: str, clauses: Sequence[ClauseFact] = (), language: str = "id",
           gazetteer: Gazetteer | None = None, using: Model | None = None,
           names: Sequence[tuple[int, int]] | None = None) -> list[float]:
    """Each actor's probability of being a body the report names."""
    chosen = using or model()
    return [chosen.probability(combine(features(a, others=actors, text=text, clauses=clauses, language=language,
                                                gazetteer=gazetteer, names=names))) for a in actors]
