"""Issues and solutions stated in a sentence, not in a list under a heading that names them.

Reports write most of their problems in prose: "Kepala BPKD menyampaikan bahwa ruang fiskal
daerah terbatas ...", "masih minimnya anggaran pemeliharaan dan kurangnya personel", "Sedimentasi
saluran menjadi kendala", "coordination between agencies remains a challenge"; and what should be
done: "data aset tersebut perlu diintegrasikan ...", "recovery plans should be aligned ...". The
cue words are data (``rules/statement_cues.csv`` and ``rules/issue_cues.csv``), each with its kind,
its shape and its basis:

- ``opens``: the item starts at the cue ("kurangnya X", "lack of X"); several such cues joined by
  commas or "dan" in one clause are as many items;
- ``states``: the cue says something of the clause it stands in ("X masih terbatas"): the clause
  is the item;
- ``subject``: the cue follows the item ("X menjadi kendala"): the words before it are the item;
- ``after``: the item follows the cue ("warga mengeluhkan X");
- ``rises``: a verb of increase ("meningkat", "rose"): the clause is the item only when a counted
  harm (rows of kind ``harm``: "kasus", "patients") stands before it ("kasus diare meningkat"), as
  a budget that rises states no problem;
- ``scant``: "hanya", "only": the clause is the item when a small count follows (rows of kind
  ``count``, or a number: "hanya memiliki dua pompa", "only once a week");
- ``often``: "kali sebulan", "times a month" after "hingga N", "up to N": a harm that comes often;
- ``despite``: "padahal" ("whereas"): the clause before it and the clause it opens are one item,
  a fact and the rule or the expectation it breaks;
- ``passive``: "harus" (must): a measure only before a passive verb ("harus ditingkatkan"), as
  "warga harus mengungsi" tells a hardship;
- ``falls``: a retreat or a subsidence ("mundur", "subsided") with an amount or a rate after it;
- ``hazard`` (``issue_cues``): a forecast, a threat or a frequency ("diprediksi", "potensi",
  "kerap", "expected to"): the clause is the item only when a hazard or a counted harm (rows of
  kind ``hazard`` or ``harm``: "banjir", "curah hujan", "kasus") stands in it, as news of a
  meeting reports the outlook it prepares for ("curah hujan diprediksi masih tinggi");
- ``harmful`` (``issue_cues``): a degree ("sangat tinggi"): the clause is the item only when a
  hazard or a counted harm stands anywhere in it ("kasus stunting ... masih tergolong sangat tinggi");
- ``forecast`` (``issue_cues``): a verb of what will happen ("akan berlangsung", "will last"): the
  clause is the item only when a hazard ends at most :data:`FORECAST_REACH` words before it, its
  subject ("musim kemarau akan berlangsung hingga Oktober"), and no event kind stands right before
  that hazard ("simulasi banjir akan berlangsung" is an exercise announced, no forecast);
- ``counted`` (``issue_cues``): a verb that gives a figure ("tercatat", "mencapai", "terdapat"):
  the clause is the item only when a hazard or a counted harm (within :data:`SUBJECT_REACH` words
  before it, or :data:`HAZARD_REACH` after) and a number (a digit, or rows of kind ``count`` of
  ``issue_cues``: "ribuan") stand near it, and
  neither an event kind nor the people or means of a response (rows of kind ``means``: "peserta",
  "posko", "anggaran") stands in the clause ("sebanyak 500 peserta simulasi tsunami" counts the
  people of an exercise);
- ``highest`` (``issue_cues``): "tertinggi", "highest": as ``high``, but the hazard or the harm
  must stand just before it, its subject ("angka stunting tertinggi ada di Desa X"), as a contest
  names its best score so ("nilai tertinggi diraih regu pemadam kebakaran");
- ``high`` (``issue_cues``): "tinggi", "high": the clause is the item only when a hazard or a
  counted harm stands in it and no people or means of a response do ("curah hujan terbilang
  tinggi", not "komitmen relawan ... tinggi");
- a figure of harm needs no row: a number (not zero) right before a counted harm ("telah terjadi
  17 kejadian bencana", "sebanyak 2 kasus") makes its clause the item, unless people or means of a
  response stand in it;
- ``threat`` (``issue_cues``): "ancaman" ("threat"): the item starts at the cue, as ``opens``,
  only when a hazard follows it within :data:`THREAT_REACH` words ("dari ancaman banjir rob");
- a problem solved needs no row of its own: a verb of solving and a word for a problem
  (``words.csv`` lists ``solving_verbs`` and ``problem_words``: "mengatasi persoalan", "menjawab
  tantangan", "address the challenges of") name a problem, from the problem word to the clause's
  end or its predicate (list ``solved_predicates``: "Mengatasi persoalan X tidak bisa ..."), in a
  sentence of either kind and after a purpose too, as the measure or the aim it stands in names the
  problem it answers; not "masalah tersebut" (the problem named before) nor "risiko bencana" (no
  problem in particular); a plural English word lists its problems ("resolving the issues of A, B
  and C": three);
- ``frame``: a speech verb ("menyampaikan bahwa", "said"); what follows is the item, and the words
  before it introduce it (a solution's proposer is the body named there);
- ``never``: phrases that hold a cue word and state nothing ("rapat terbatas", "kurang lebih");
- ``purpose``: words that say what the event was for ("bertujuan", "aims to"): a cue after them
  in the sentence describes the event's aim, not a problem raised.

A clause is the part of a sentence between the sentence's ends, a semicolon or a colon (not one
between digits, as in a map scale "1:100.000"), a contrast (", namun", ", but") and a second
reported clause (", and that"); a sentence whose first cue is an issue cue gives issues, else
solutions. A solution cue in a sentence where a body proposes or commits ("DSDA mengusulkan ...")
is left to :mod:`resilience_kg.extract.recognise.clauses`.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.recognise.rules import alternation, list_kinds, table
from resilience_kg.extract.recognise.rules import words as word_list
from resilience_kg.extract.segment import Span, paragraphs, sentences

#: Longest item drafted: a longer clause is a paragraph, not a statement of one issue.
MAX_ITEM = 300
#: Most words of a problem in a list of problems ("bangunan yang berdiri di aliran Kali Uangan" has
#: seven); a longer part is a clause, and the list is left whole.
MAX_LISTED_WORDS = 10
#: Most cue words read in one sentence (a hostile run of cue words is read no further).
MAX_CUES = 40
_MARKER = re.compile(r"[ \t]*(?:[-•*–▪●◦]|\d{1,2}[.)]|[a-h][.)]|\((?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\))[ \t]+")
@functools.cache
def _break() -> re.Pattern[str]:
    """Where a clause begins or ends inside a sentence: a semicolon, a colon, a contrast, a full
    stop the segmenter did not take for a sentence end, or the end of a quotation."""
    contrast = alternation("contrast_words")
    # A full stop before a word in lower case ends a sentence the segmenter kept whole (real
    # reports often start a sentence without its capital: "... setempat. adapun dampak ...").
    # A quotation opens a clause ('Lurah mengatakan, “...') and closes it before its attribution
    # ("...,” kata lurah"; '...," ujarnya').
    # A full stop after a number, before a capitalised word, ends a sentence too ("... hingga
    # Januari 2026. Situasi ini ..."): the segmenter keeps it whole, as it may be an ordinal.
    # "namun" and "tetapi" open a contrast even without a comma ("stok masker sudah cukup namun
    # stok oksigen masih kurang"); the other contrast words also mean something else ("sementara":
    # temporary; "while", "but also").
    # A dash between a word and a number opens a figure's breakdown ("recorded 148 hot spots
    # yesterday - 55 in South Sumatra, 45 in Riau"): the figure is the statement, its parts a clause
    # of their own; a dash between two numbers is a range ("2020 - 2021") and stays.
    return re.compile(rf"(?:;|(?<!\d):(?!\d))\s*|,\s+(?=(?:{contrast}|and that|dan bahwa)\b)|"
                      r"\s+(?=(?:akan\s+)?(?:namun|tetapi)\s)|"
                      rf"(?-i:(?<=[a-z]{{3}})\.\s+(?=[a-z]{{3}}))|(?-i:(?<=\d)\.\s+(?=[A-Z][a-z]{{2,}}\s))|"
                      rf"[,.!?]?(?:”|\"(?=\s+[a-z]))\s*|,?\s*“|(?<=[a-z])\s+[-–—]\s+(?=\d)", re.I)


@functools.cache
def _lead() -> re.Pattern[str]:
    """Words that open a clause without being part of it: a contrast, a linking phrase, a source."""
    contrast, leads = alternation("contrast_words"), alternation("statement_leads")
    return re.compile(rf"(?:(?:{contrast}|{leads}|and that|dan bahwa|"
                      rf"menurut\s[^,]{{1,80}}|according to\s[^,]{{1,80}})\s*,?\s*)+", re.I)


@dataclass(frozen=True)
class Statement:
    """An issue or a solution found in prose: its span, and the words that introduce it."""

    kind: str  # Issue | Solution
    start: int
    end: int
    intro_start: int
    intro_end: int
    cue: str


@dataclass(frozen=True)
class _Cue:
    text: str
    kind: str
    shape: str


def cue_rows() -> tuple[dict[str, str], ...]:
    """The rows of both cue tables: ``statement_cues`` and the issue cues of real news
    (``issue_cues``: forecasts, threats, figures of harm, and the ``hazard`` rows that guard them)."""
    return table("statement_cues") + table("issue_cues")


#: Kinds of cue rows that are no cue of their own but the guard of another's shape.
_GUARDS = ("harm", "count", "hazard", "means")


@functools.cache
def _cues() -> tuple[re.Pattern[str], dict[str, _Cue]]:
    cues = {row["cue"].lower(): _Cue(row["cue"].lower(), row["kind"], row["shape"]) for row in cue_rows()
            if row["kind"] not in _GUARDS}
    words = sorted(cues, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    pattern = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])",
                         re.I)
    return pattern, cues


@functools.cache
def _harm() -> re.Pattern[str]:
    """The nouns of a counted harm (``statement_cues`` rows of kind ``harm``: cases, patients, victims)."""
    words = sorted((row["cue"] for row in table("statement_cues") if row["kind"] == "harm"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


@functools.cache
def _hazard() -> re.Pattern[str]:
    """A hazard or a counted harm (``issue_cues`` rows of kind ``hazard``, ``statement_cues`` rows
    of kind ``harm``): the guard of the cues of shape ``hazard`` ("diprediksi", "potensi", "kerap").
    The Indonesian enclitic "-nya" may close it ("angka stuntingnya tinggi": its stunting rate)."""
    words = sorted({row["cue"].lower() for row in cue_rows() if row["kind"] in ("hazard", "harm")}, key=len,
                   reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) +
                      r")(?:nya)?(?![\w-])", re.I)


@functools.cache
def _count() -> re.Pattern[str]:
    """A small count, a share or a rate (``statement_cues`` rows of kind ``count``), or a number."""
    words = sorted((row["cue"] for row in table("statement_cues") if row["kind"] == "count"), key=len, reverse=True)
    return re.compile(r"(?:\d|(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-]))", re.I)


#: What stands between "only/hanya" and its count: a verb at most, never "dalam/within/in" (quickness).
_SCANT = re.compile(r"\s+(?:(?!(?:dalam|within|in)\b)[\w-]+\s+)?", re.I)


@functools.cache
def _passive() -> re.Pattern[str]:
    """A passive verb right after a cue of shape ``passive`` ("harus ditingkatkan"), maybe after an
    adverb of ``passive_adverbs`` ("harus lebih dimaksimalkan", "harus terus dipantau"): what must be done."""
    return re.compile(r"\s+(?:(?:" + alternation("passive_adverbs") + r")\s+)?di[a-z]{3,}", re.I)


def _scant_count(text: str, at: int, end: int) -> bool:
    """Does a small count follow "only" at ``at``, right after it or past one verb ("hanya 2 pompa",
    "baru mencapai 40 persen", "hanya memiliki dua pompa")? Both are tried: a number is also a word."""
    right = re.compile(r"\s+").match(text, at, end)
    if right is not None and _count().match(text, right.end(), end):
        return True
    gap = _SCANT.match(text, at, end)
    return gap is not None and _count().match(text, gap.end(), end) is not None


#: "bahwa" ("that"), which opens reported words in Indonesian (the English "that" is also a pronoun).
_THAT = re.compile(r"(?<![\w-])bahwa\s+", re.I)
#: Words that end a harm just before its cue ("jalan itu tidak lagi tergenang").
_ENDED = re.compile(r"(?:tidak lagi|no longer|bukan lagi)\s+$", re.I)
#: "up to N" before "times a month": a high frequency.
_UP_TO = re.compile(r"(?:hingga|sampai|up to|as many as)\s+[\w-]+\s+$", re.I)


@functools.cache
def _clause_cue() -> re.Pattern[str]:
    """The verbs of who proposes or commits (``proposal_cues``, ``commitment_cues``), as one pattern."""
    words = {row["cue"].lower() for name in ("proposal_cues", "commitment_cues") for row in table(name)}
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w-])",
                      re.I)


def find_statements(text: str, *, taken: Sequence[tuple[int, int]] = (),
                    bodies: Sequence[tuple[int, int]] | None = None) -> list[Statement]:
    """Issues and solutions stated in the sentences of ``text`` that overlap no span of ``taken``
    (the lists other readers found). ``bodies`` are the spans of the bodies the report names, when
    known: a solution whose proposer is one of them is left to the proposal reader.

    >>> text = "Kepala BPKD menyampaikan bahwa ruang fiskal daerah masih terbatas. Rapat terbatas dibuka pukul 9."
    >>> [(s.kind, text[s.start:s.end], text[s.intro_start:s.intro_end]) for s in find_statements(text)]
    [('Issue', 'ruang fiskal daerah masih terbatas', 'Kepala BPKD menyampaikan bahwa')]
    """
    pattern, cues = _cues()
    out: list[Statement] = _table_cells(text, taken)
    taken = [*taken, *((st.start, st.end) for st in out)]
    section = _sections(text)
    speaker = _speakers(text, pattern, cues)
    solved: list[Statement] = []
    for sent in sentences(text):
        if any(sent.start < e and s < sent.end for s, e in taken) or sent.text.rstrip().endswith("?"):
            continue
        heading = section.get(sent.start)
        # The first cues of a sentence only: a real sentence holds a handful, and each is read
        # against the whole clause, so a run of cue words must not cost their number squared.
        found = [(m, cues[" ".join(m.group(1).lower().split())])
                 for m in itertools.islice(pattern.finditer(text, sent.start, sent.end), MAX_CUES)]
        figures = [(m, _FIGURE_CUE) for m in itertools.islice(_figure().finditer(text, sent.start, sent.end), MAX_CUES)]
        if figures:
            found = sorted([*found, *figures], key=lambda mc: mc[0].start())
        # "Sleman termasuk daerah rawan bencana": a prone area named after a copula ("termasuk",
        # "merupakan") is what the place is, a statement of its exposure, when a hazard follows.
        found = [(m, _PRONE if c.kind == "never" and _prone_place(text, m, sent.end) else c) for m, c in found]
        never = [(m.start(), m.end()) for m, c in found if c.kind == "never"]
        found = [(m, c) for m, c in found if c.kind != "never"
                 and not any(a <= m.start() < b for a, b in never)
                 and (c.shape != "passive" or _passive().match(text, m.end(), sent.end)
                      or _body_must(text, m, sent.end, bodies) or _activity_must(text, m, sent.start, sent.end))]
        frames = [m for m, c in found if c.kind == "frame"]
        items = [(m, c) for m, c in found if c.kind in ("Issue", "Solution")]
        solved += _solved_problems(text, sent)
        if not items and heading is not None:
            # A point under a heading that names its kind ("Permasalahan", "Rekomendasi"): the sentence.
            start, end = _trim(text, *_unmarked(text, sent))
            if _worth(text[start:end]) and not _body_verb(text, start, end, bodies):
                out.append(Statement(heading[0], start, end, heading[1], heading[2], "heading"))
            continue
        if not items:
            continue
        # A threat names the hazard a sentence is about; when the sentence also states a measure
        # ("Menyikapi ancaman rob, diperlukan kerja sama ..."), the hazard is its occasion.
        kind = next((c for _, c in items if c.shape != "threat"), items[0][1]).kind
        # A reason counts only after a purpose: it ends the purpose's reach ("guna X, mengingat Y").
        first_aim = min((m.start() for m, c in found if c.kind == "purpose"), default=len(text))
        aims = [m for m, c in found if c.kind == "purpose" or (c.kind == "reason" and m.start() > first_aim)]
        free, stated = [], []
        # "Kesiapsiagaan perlu ditingkatkan, mengingat kabupaten itu rawan banjir": a reason after
        # a measure gives the problem the measure answers; the measure ends where the reason opens.
        # The mirror: "X kurang terjelaskan sehingga dibutuhkan revisi": a consequence after a
        # problem opens the measure the problem calls for; the problem ends where it opens.
        whys = [m for m, c in found if m.start() > items[0][0].end() and (
            (c.kind == "reason" and kind == "Solution") or (c.kind == "hence" and kind == "Issue"))]
        for m, c in items:
            aim = next((a for a in reversed(aims) if a.start() < m.start()), None)
            if aim is not None and _reported_between(text, aim.end(), m.start(), frames):
                # "Dalam rangka menghadapi bencana, kita harus menyadari bahwa peralatan terbatas":
                # the purpose frames the speaker's words; what is reported after "bahwa" is stated.
                aim = None
            if c.kind != kind:
                why = next((w for w in reversed(whys) if w.end() <= m.start()), None)
                if why is not None and (aim is None or aim.start() < why.start()):
                    stated.append(((m, c), why.end()))
                continue
            if aim is None:
                free.append((m, c))
            elif cues[" ".join(aim.group(1).lower().split())].kind == "reason" or (
                    c.shape == "hazard" and _described_hazard(text, aim.end(), m.start())):
                stated.append(((m, c), aim.end()))
        measures = [part for st in _in_sentence(text, sent, free, frames, bodies, speaker.get(sent.start))
                    for part in _listed_measures(text, st)]
        if whys and stated:
            cut = whys[0].start()
            measures = [dataclasses.replace(st, end=_trim(text, st.start, cut)[1]) if st.start < cut < st.end else st
                        for st in measures]
        out += measures
        for item, floor in stated:
            # "dalam menghadapi bencana kekeringan yang kerap melanda ...", "guna ..., mengingat
            # cuaca ekstrem yang melanda ...": the hazard the event faces, as the page describes
            # it, is a problem stated; the item starts after the purpose or the reason.
            for st in _in_sentence(text, sent, [item], frames, bodies, speaker.get(sent.start)):
                if st.start < floor:
                    a, b = _trim(text, floor, st.end)
                    if not _worth(text[a:b]) or any(a < o.end and o.start < b for o in out):
                        continue
                    st = dataclasses.replace(st, start=a, end=b, intro_start=a, intro_end=a)
                out.append(st)
    # A problem solved is an issue unless the sentence's own cues drafted it already.
    out += [st for st in solved if not any(o.kind == "Issue" and o.start < st.end and st.start < o.end for o in out)]
    return out


@functools.cache
def _solved() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """A verb of solving and a word for a problem (``words.csv`` lists ``solving_verbs``,
    ``problem_words``; the problem word is group ``problem``); where the problem it names ends: a
    predicate of the clause it opens (list ``solved_predicates``: "tidak", "harus", "must"), unless
    "yang"/"which" makes it part of the problem ("masalah yang harus ..."); and the words that name
    no problem of their own after the problem word (lists ``vague_problem_words`` and ``generic_hazards``)."""
    def alt(name: str) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in
                        sorted(word_list(name), key=len, reverse=True))

    solving, problems, predicates = alt("solving_verbs"), alt("problem_words"), alt("solved_predicates")
    cue = re.compile(rf"(?<![\w-])(?:{solving})\s+(?:the\s+)?(?P<problem>{problems})"
                     r"(?![\w-])", re.I)
    stop = re.compile(rf"(?<!yang)(?<!which)(?<!that)\s+(?:{predicates})(?![\w-])", re.I)
    empty = frozenset(w.lower() for w in (*word_list("vague_problem_words"), *word_list("generic_hazards")))
    return cue, stop, empty


def _solved_problems(text: str, sent: Span) -> list[Statement]:
    """The problems named after a verb of solving ("menjawab tantangan pengelolaan sampah yang
    mencapai 7.000 ton per hari"): an Issue each, from the problem word on.

    >>> text = "Mengatasi persoalan kemacetan di Kota Lereng tidak bisa dilakukan sendiri."
    >>> [text[s.start:s.end] for s in find_statements(text)]
    ['persoalan kemacetan di Kota Lereng']
    """
    cue, stop, empty = _solved()
    found: list[Statement] = []
    for m in cue.finditer(text, sent.start, sent.end):
        brk = _break().search(text, m.end(), sent.end)
        end = brk.start() if brk else sent.end
        plural = m.group("problem").lower().endswith("s of")
        if not plural and (comma := text.find(",", m.end(), end)) >= 0:
            end = comma  # "Terkait penanganan masalah X, dua lembaga ...": the phrase ends at its comma
        if (pred := stop.search(text, m.end(), end)) is not None:
            end = pred.start()
        start, end = _trim(text, m.start("problem"), end)
        after = re.findall(r"[\w-]+", text[m.end():end].lower())
        if not after or after[0] in empty or all(w in empty for w in after) or not _worth(text[start:end]):
            continue
        parts = [(start, end)]
        if plural:
            # "the issues of ambiguous roles, critical policy gaps and the lack of X": each its own.
            pieces = [(m.end() + p.start(), m.end() + p.end())
                      for p in re.finditer(r"[^,]+", text[m.end():end])]
            pieces = [q for a, b in pieces for q in _split_and_span(text, a, b)]
            if len(pieces) > 1 and all(_worth(text[a:b]) or len(text[a:b].split()) == 2 for a, b in pieces):
                parts = [_trim(text, a, b) for a, b in pieces]
        for a, b in parts:
            found.append(Statement("Issue", a, b, a, a, m.group(0).lower()))
    return found


def _split_and_span(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` cut at its "and"/"dan" (with the words leading a list's last item left out)."""
    cut = re.search(r"\s+(?:and|dan|serta)\s+", text[a:b], re.I)
    if cut is None:
        return [(a, b)]
    return [(a, a + cut.start()), (a + cut.end(), b)]


#: Shapes of issue cues that state a problem by themselves, whatever else the clause holds (the
#: others need a hazard, a harm or a figure near them, which a split could leave on the other side).
_SELF_STANDING = ("states", "subject", "threat")


@functools.cache
def _joiner() -> re.Pattern[str]:
    """A comma and a conjunction that joins two clauses (``words.csv`` list ``clause_joiners``: ", dan", ", serta")."""
    return re.compile(rf",\s*(?:{alternation('clause_joiners')})\s+", re.I)


def _joined_part(text: str, items: Sequence[tuple[re.Match[str], _Cue]], cue: re.Match[str],
                 start: int, end: int) -> tuple[int, int]:
    """The part of the clause ``text[start:end]`` that holds the issue cue ``cue``, when the clause
    joins two problems, each with its cue, by a comma and a conjunction ("Ancaman banjir ada di
    tiga kecamatan, dan daerah rawan longsor ada di lima kecamatan"): each problem is an item."""
    joiner = _joiner()
    before = [o for o, c in items if c.kind == "Issue" and c.shape in _SELF_STANDING
              and start <= o.start() and o.end() <= cue.start()]
    if before and (joins := list(joiner.finditer(text, before[-1].end(), cue.start()))):
        start = joins[-1].end()
    after = [o for o, c in items if c.kind == "Issue" and c.shape in _SELF_STANDING and cue.end() <= o.start() < end]
    if after and (first := joiner.search(text, cue.end(), after[0].start())):
        end = first.start()
    return start, end


def _reported_between(text: str, start: int, end: int, frames: Sequence[re.Match[str]]) -> bool:
    """Does reported speech open in ``text[start:end]`` (a speech verb of kind ``frame``, or "bahwa")?
    A purpose before it reaches no further: the reported words are a statement of their own."""
    return any(start <= f.start() and f.end() <= end for f in frames) or _THAT.search(text, start, end) is not None


def _listed_measures(text: str, st: Statement) -> list[Statement]:
    """A solution that lists its measures, each an active verb ("perlunya pemerintah daerah
    meningkatkan kesiapsiagaan, memperkuat sistem peringatan dini, serta mempersiapkan logistik"):
    one solution a measure, as the proposal reader splits a body's proposal
    (:func:`~resilience_kg.extract.recognise.clauses.measure_parts`)."""
    from resilience_kg.extract.recognise.clauses import measure_parts

    parts = measure_parts(text, st.start, st.end) if st.kind == "Solution" else [(st.start, st.end)]
    if len(parts) == 1 or not all(_worth(text[a:b]) for a, b in parts):
        return [st]
    return [dataclasses.replace(st, start=a, end=b) for a, b in parts]


#: Most characters between a word for problems and the marker of its list: the word is often
#: followed by what the problems concern ("sejumlah permasalahan terkait dengan pelayanan air bersih
#: yang hingga kini masih jadi pekerjaan rumah, seperti A, hingga B").
PROBLEM_REACH = 100
#: Fewest words of each part of a range of problems ("mulai dari A hingga B"): a range of two
#: dates or two levels ("mulai dari tingkat desa hingga provinsi") is no list of problems.
MIN_RANGE_WORDS = 3


@functools.cache
def _problem_list() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Where a list of problems opens: after a word for problems and a list marker ("beberapa poin
    perhatian, seperti"), or at a marker the first problem follows ("Seperti masalah banjir, ...");
    and how a part that qualifies the one before it opens (a preposition, "yakni")."""
    problems, markers = alternation("problem_collectives"), alternation("list_markers")
    after = re.compile(rf"\b(?:{problems})\b[^.;:]{{0,{PROBLEM_REACH}}}?[,:]?\s*\b(?:{markers})\b\s*,?\s*", re.I)
    opening = re.compile(rf"\s*(?:{markers})\b\s*,?\s*(?=(?:{problems})\b)", re.I)
    prepositions = alternation("place_prepositions")
    qualifier = re.compile(rf"(?:{prepositions}|{markers})\b", re.I)
    return after, opening, qualifier


@functools.cache
def _enumerating() -> re.Pattern[str]:
    """Where an issue opens a list of what it names ("dampak yang dirasakan meliputi A, B, serta
    C"; ``words.csv`` list ``enumerating_copulas``, a run of them: "di antaranya meliputi"): each
    item is a problem of its own, as after a word for problems (issues-14: held-out pages list the
    harms a place suffers so, and a reader counts each)."""
    return re.compile(rf"(?<![\w-])(?:(?:{alternation('enumerating_copulas')})(?![\w-])[\s,:]*)+", re.I)


@functools.cache
def _hazard_named() -> re.Pattern[str]:
    """A hazard's name (``issue_cues`` rows of kind ``hazard``: "banjir", "tanah longsor")."""
    words = sorted({row["cue"].lower() for row in cue_rows() if row["kind"] == "hazard"}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) +
                      r")(?![\w-])", re.I)


def listed_problems(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The problems an issue lists ("menyampaikan beberapa poin perhatian, seperti A, B, serta C";
    "Seperti masalah banjir, sampah, dan pencemaran udara"), one span each, or the issue whole: a
    reader counts each problem raised. Only after a word for problems: a list of the hazards a
    place faces ("potensi bencana seperti banjir, longsor") states one exposure and stays whole, and
    so do items not cut by commas ("akses air dan sanitasi").

    >>> text = "Warga menyampaikan beberapa keluhan, seperti sampah menumpuk, jalan rusak, dan banjir rob."
    >>> [text[a:b] for a, b in listed_problems(text, 0, len(text))]
    ['sampah menumpuk', 'jalan rusak', 'banjir rob']
    """
    after, opening, qualifier = _problem_list()
    m = opening.match(text, start, end) or after.search(text, start, end)
    # After a word that opens an enumeration but no word for problems, each item must be a phrase:
    # a list of single words names the hazards a place faces ("yaitu banjir, longsor"), one exposure.
    # So is a list of hazards in phrases ("berupa banjir, tanah longsor dan angin kencang"): half
    # of its items or more name a hazard.
    phrases = m is None and (m := _enumerating().search(text, start, end)) is not None
    if m is None:
        return _range_parts(text, start, end) or [(start, end)]
    leads = alternation("list_item_leads")
    parts = []
    for part in re.finditer(r"[^,;]+", text[m.end():end]):
        a, b = _trim(text, m.end() + part.start(), m.end() + part.end())
        lead = re.match(rf"(?:(?:{leads})\s+)+", text[a:b], re.I)
        parts.append((a + (lead.end() if lead else 0), b))
    words = [re.findall(r"\w+", text[a:b]) for a, b in parts]
    # A problem is a short phrase; a long part is a clause of its own, and the list is no list.
    # A part that opens with a preposition or "yakni" qualifies the one before it ("persoalan
    # banjir, khususnya di daerah pemilihan X, yakni Jakarta Timur" is one problem).
    if len(parts) < 2 or any(not w or len(w) > MAX_LISTED_WORDS or max(map(len, w)) < 4 or qualifier.match(text, a)
                             or (phrases and len(w) < 2)
                             for w, (a, _) in zip(words, parts, strict=True)) or names(text, parts) \
            or (phrases and 2 * sum(bool(_hazard_named().search(text, a, b)) for a, b in parts) >= len(parts)):
        return [(start, end)]
    return parts


def states_problem(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a cue of an issue (``statement_cues``, ``issue_cues``)?"""
    pattern, cues = _cues()
    return any(cues[" ".join(m.group(1).lower().split())].kind == "Issue" for m in pattern.finditer(text, start, end))


def names(text: str, parts: Sequence[tuple[int, int]]) -> bool:
    """Are most ``parts`` names (most of their words capitalised: "LBH Padang", "JATAM East
    Kalimantan")? "issues ..., including A, B, C" then lists the bodies that came, not problems."""
    def named(a: int, b: int) -> bool:
        words = re.findall(r"[^\W\d_]+", text[a:b])
        return bool(words) and 2 * sum(w[:1].isupper() for w in words) > len(words)

    return 2 * sum(named(a, b) for a, b in parts) > len(parts)


@functools.cache
def _range() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a range of problems opens ("mulai dari"; ``words.csv`` list ``range_openers``) and
    where each next one does (a comma, "hingga", "sampai"; list ``range_closers``)."""
    opener, closer = alternation("range_openers"), alternation("range_closers")
    return (re.compile(rf"(?<![\w-])(?:{opener})\s+", re.I),
            re.compile(rf",\s*(?:(?:{closer})\s+)?|\s+(?:{closer})\s+", re.I))


def _range_parts(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The problems of an issue that names a range of them ("melaporkan kondisi lingkungan, mulai
    dari penyempitan sungai akibat pembangunan hingga kasus longsor di dua RW"): one span each;
    None when the range has fewer than two parts, a part of fewer than :data:`MIN_RANGE_WORDS`
    words, of more than :data:`MAX_LISTED_WORDS`, or one that opens with a number (a range of dates).

    >>> text = "Warga melaporkan keadaan, mulai dari saluran air yang tersumbat hingga jalan kampung yang rusak."
    >>> [text[a:b] for a, b in _range_parts(text, 0, len(text) - 1)]
    ['saluran air yang tersumbat', 'jalan kampung yang rusak']
    """
    opener, closer = _range()
    m = opener.search(text, start, end)
    if m is None:
        return None
    parts, at = [], m.end()
    for cut in [*closer.finditer(text, m.end(), end), None]:
        a, b = _trim(text, at, cut.start() if cut else end)
        parts.append((a, b))
        at = cut.end() if cut else end
    words = [re.findall(r"\w+", text[a:b]) for a, b in parts]
    if len(parts) < 2 or any(not MIN_RANGE_WORDS <= len(w) <= MAX_LISTED_WORDS or w[0][0].isdigit() for w in words):
        return None
    return parts


def _described_hazard(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end in a hazard and a relative "yang" ("bencana kekeringan yang
    (kerap)"), the words a hazard-shaped cue describes it with?"""
    m = re.search(r"(?:\S+\s+){1,4}?yang\s+(?:\S+\s+)?$", text[start:end], re.I)
    return m is not None and _hazard().search(text, start + m.start(), end) is not None


#: The cue of a figure of harm: a count of cases, incidents or victims with no verb of its own.
_FIGURE_CUE = _Cue("figure", "Issue", "figure")


@functools.cache
def _figure() -> re.Pattern[str]:
    """A figure of harm: a number (not zero) right before a counted harm (``statement_cues`` rows of
    kind ``harm``: "17 kejadian", "2 kasus", "more than 70 deaths"), as a page states how much harm
    there was without a verb the tables name ("telah terjadi 17 kejadian bencana", "Bencana banjir
    mendominasi dengan 209 kejadian"); group 1 is the figure."""
    words = sorted((row["cue"] for row in table("statement_cues") if row["kind"] == "harm"), key=len, reverse=True)
    return re.compile(r"(?<![\w.,-])((?!0+(?![\d.,]))\d{1,3}(?:[.,]\d{3})*\s+(?:orang\s+)?(?:"
                      + "|".join(map(re.escape, words)) + r"))(?![\w-])", re.I)


#: A heading: a short line with no closing full stop, maybe numbered ("B. Kendala", "## Rekomendasi:").
_HEADING = re.compile(r"^[#\s]*(?:(?:[A-H]|[IVX]{1,4}|\d{1,2})[.)]\s+)?(?P<words>[^.;,\n]{3,60}?):?\s*$")
#: Most points under one heading.
MAX_SECTION = 12


def _heading_kind(line: str) -> str | None:
    m = _HEADING.match(line)
    if m is None or len(m.group("words").split()) > 6:
        return None
    pattern, kinds = list_kinds()
    words = m.group("words")
    # "Catatan Rapat Koordinasi ...", "Notulen Pertemuan ...": a kind word before a meeting noun
    # names the record of the meeting (its title), not the kind of the points under it.
    found = [kinds[k.group(1).lower()] for k in pattern.finditer(words) if not _meeting_after().match(words, k.end())]
    return found[-1] if found else None


@functools.cache
def _meeting_after() -> re.Pattern[str]:
    """A meeting noun right after a word (``rules/clause_words.csv``, role ``meeting-noun``)."""
    nouns = sorted((r["word"] for r in table("clause_words") if r["role"] == "meeting-noun"), key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, nouns)) + r")(?!\w)", re.I)


def _sections(text: str) -> dict[int, tuple[str, int, int]]:
    """The sentences under a heading that names the kind of its points ("Permasalahan",
    "Rekomendasi", "Temuan"; ``rules/list_kinds.csv``), each to (kind, heading start, heading end).
    A section ends at the next short line without a full stop, a line ending in a colon, the prose
    that follows its list, or after :data:`MAX_SECTION` lines."""
    out: dict[int, tuple[str, int, int]] = {}
    paras = list(paragraphs(text))
    for n, para in enumerate(paras):
        kind = _heading_kind(para.text)
        if kind is None:
            continue
        listed = False
        for body in paras[n + 1:n + 1 + MAX_SECTION]:
            marked = bool(_MARKER.match(body.text))
            if (_HEADING.match(body.text) and len(body.text.split()) <= 6) or body.text.endswith(":") \
                    or body.text.lower().startswith(("demikian", "sekian")) or (listed and not marked):
                break  # the next heading, a new list, the closing formula, or prose after the list
            listed = listed or marked
            for sent in sentences(text[:body.end]):
                if sent.start >= body.start:
                    out[sent.start] = (kind, para.start, para.end)
    return out


def _table_cells(text: str, taken: Sequence[tuple[int, int]]) -> list[Statement]:
    """The cells of a table column whose header names issues or solutions ("| No | Permasalahan |
    Usulan Solusi |", as a .docx table or a Markdown table is read): each cell an item, the header
    cell its introduction."""
    out: list[Statement] = []
    columns: dict[int, tuple[str, int, int]] = {}
    for line in re.finditer(r"[^\n]+", text):
        cells = [(c.start(1), c.end(1)) for c in re.finditer(r"(?:^|\|)[ \t]*([^|\n]*?)[ \t]*(?=\||$)", line.group(0))]
        cells = [(line.start() + a, line.start() + b) for a, b in cells]
        if line.group(0).count("|") < 2:
            columns = {}
            continue
        if re.fullmatch(r"[\s|:-]+", line.group(0)):
            continue  # a Markdown rule line
        named = {n: _heading_kind(text[a:b]) for n, (a, b) in enumerate(cells)}
        if any(named.values()) and all(len(text[a:b].split()) <= 6 for a, b in cells):
            columns = {n: (kind, *cells[n]) for n, kind in named.items() if kind}
            continue
        for n, (kind, h_start, h_end) in columns.items():
            if n < len(cells):
                a, b = _trim(text, *cells[n])
                if _worth(text[a:b]) and not any(a < e and s < b for s, e in taken):
                    out.append(Statement(kind, a, b, h_start, h_end, "table"))
    return out


def _unmarked(text: str, sent: Span) -> tuple[int, int]:
    marker = _MARKER.match(text, sent.start, sent.end)
    return (marker.end() if marker else sent.start), sent.end


#: A pronoun that says the speaker is the one of the sentence before ("Menurutnya, ...", "He added that").
_SAID_BEFORE = re.compile(r"(?:menurutnya|ia menambahkan(?: bahwa)?|dia menambahkan(?: bahwa)?|"
                          r"he added(?: that)?|she added(?: that)?)\s*,?\s*", re.I)


def _speakers(text: str, pattern: re.Pattern[str], cues: dict[str, _Cue]) -> dict[int, tuple[int, int]]:
    """For each sentence, the words of the sentence before that say who speaks (up to its speech
    verb: "Perwakilan Universitas Halu Oleo menilai"), when it has one."""
    out: dict[int, tuple[int, int]] = {}
    prev: tuple[int, int] | None = None
    for sent in sentences(text):
        if prev is not None:
            out[sent.start] = prev
        frame = next((m for m in pattern.finditer(text, sent.start, sent.end)
                      if cues[" ".join(m.group(1).lower().split())].kind == "frame"), None)
        prev = (sent.start, frame.end()) if frame is not None else None
    return out


#: How far into a sentence its frame may end, in fifths of the sentence: a speech verb further on
#: reports a clause of its own, not the whole sentence.
FRAME_REACH_FIFTHS = 3


@functools.cache
def _speech_frame() -> re.Pattern[str]:
    """A speech verb (``rules/speech_verbs.csv``) followed by a comma, a colon or a quotation mark:
    "Kepala BPBD mengatakan, ...", "ujarnya: ..."."""
    verbs = sorted({r["phrase"].lower() for r in table("speech_verbs")}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])\s*[,:]?\s*[“\"]?(?=\s*\S)", re.I)


@functools.cache
def _closing_tag() -> re.Pattern[str]:
    """A closing quotation mark and the speech tag after it ("...,” ujarnya", "...," said X"; the
    ``tag`` rows of ``rules/role_cues.csv``, with the "-nya" of "katanya")."""
    tags = sorted((r["cue"] for r in table("role_cues") if r["direction"] == "tag"), key=len, reverse=True)
    return re.compile(r"[,.!?]?\s*[”\"]\s*(?:" + "|".join(map(re.escape, tags)) + r")(?:nya)?\b", re.I)


def said_end(text: str, start: int, end: int) -> int:
    """Where what is said ends in ``text[start:end]``: before the closing quotation mark of a
    quote and its speech tag ("..., tapi juga bangkit cepat setelah bencana,” ujar Farhan, di Balai
    Kota, Kamis (19/12)": the speaker, the venue and the day are no part of the statement); else
    ``end``.

    >>> text = '"Warga harus siap siaga," ujar Kepala BPBD di Balai Kota.'
    >>> text[:said_end(text, 0, len(text))]
    '"Warga harus siap siaga'
    """
    tag = _closing_tag().search(text, start, end)
    if tag is None or not _worth(text[start:tag.start()]):
        return end
    # "...,” kata Sekko sambil minta kepada UKPD agar mempercepat penanganannya": the words after
    # the tag ask for something of their own, and they stay.
    requests = alternation("tag_requests")
    if re.search(rf"(?<!\w)(?:{requests})(?!\w)", text[tag.end():end], re.I):
        return end
    return _trim(text, start, tag.start())[1]


def frame_end(text: str, start: int, end: int) -> int | None:
    """Where what is said starts in the sentence ``text[start:end]``, after the words that say who
    says it ("Kepala BPBD menyampaikan bahwa | ...", "Menurut Camat, | ...", "Ia mengatakan, | ..."),
    when a frame ends in the first :data:`FRAME_REACH_FIFTHS` fifths of it; else None."""
    pattern, cues = _cues()
    reach = start + FRAME_REACH_FIFTHS * (end - start) // 5
    ends = [m.end() for m in pattern.finditer(text, start, end)
            if cues[" ".join(m.group(1).lower().split())].kind == "frame" and m.end() <= reach]
    ends += [m.end() for m in _THAT.finditer(text, start, end) if m.end() <= reach]
    ends += [m.end() for m in _speech_frame().finditer(text, start, end)
             if m.end() <= reach and text[m.start():m.end()].rstrip()[-1:] in ",:“\""]
    lead = _lead().match(text, start, end)
    if lead and re.match(r"(?:menurut|according to)\s", lead.group(0), re.I) and lead.end() <= reach:
        ends.append(lead.end())
    if not ends:
        return None
    at, _ = _trim(text, min(ends), end)
    return at if at < end else None


@functools.cache
def _concessive() -> re.Pattern[str]:
    """A concession opening a sentence (``words.csv`` list ``concessive_openers``: "Meski", "Although")."""
    openers = alternation("concessive_openers")
    return re.compile(rf"(?:{openers})(?![\w-])", re.I)


def _in_sentence(text: str, sent: Span, items: list[tuple[re.Match[str], _Cue]],
                 frames: list[re.Match[str]], bodies: Sequence[tuple[int, int]] | None,
                 prior: tuple[int, int] | None = None) -> list[Statement]:
    begin = sent.start
    marker = _MARKER.match(text, begin, sent.end)
    if marker:
        begin = marker.end()
    quote = re.compile(r"[“\"‘'(\[]+").match(text, begin, sent.end)
    if quote:
        begin = quote.end()  # a statement quoted: its cue may open it with a capital
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for m, cue in items:
        if m.group(1)[:1].isupper() and m.start() != begin and m.group(1).split()[0].lower() not in _adverbs():
            # A capitalised word mid-sentence: part of a name or a title ("PT X Limited"); but an
            # adverb opening the cue is no word of a name ("... namun Cairan RL Masih Kurang"):
            # the page writes in Title Case.
            continue
        if cue.kind == "Issue" and _ENDED.search(text, max(begin, m.start() - 20), m.start()):
            continue  # "tidak lagi tergenang", "no longer flooded": a harm that has ended
        if _alone(text, cue, m.start(), _break().search(text, m.end(), sent.end)):
            continue  # "BPBD tidak bisa bekerja sendiri": a call to work together, no problem raised
        start = begin
        for b in _break().finditer(text, start, m.start()):
            if cue.shape != "despite" or b.end() < m.start():
                start = b.end()  # "X, padahal Y": the fact and the rule it breaks are one item
        frame = max((f for f in frames if start <= f.start() and f.end() <= m.start()), key=lambda f: f.end(),
                    default=None)
        if cue.kind == "Solution" and _body_verb(text, start, m.end(), bodies):
            continue  # a body proposes or commits in this clause: clauses.py drafts it with its proposer
        if cue.kind == "Issue" and bodies is not None and (deed := _deed_end(text, start, m.start(), bodies)):
            # "BPBD telah menetapkan tiga wilayah yang rawan krisis air": what the body did is its
            # own clause; the problem is what it named, after its verb.
            start = deed
        if frame is None:
            # "X mengingatkan prediksi BMKG bahwa ...": a verb the table does not list, then
            # "bahwa": what follows is the item, the words before introduce it.
            frame = next(reversed(list(_THAT.finditer(text, start, m.start()))), None)
        intro = (start, frame.end()) if frame is not None else (start, start)
        if frame is not None:
            start = frame.end()
        lead = _lead().match(text, start, m.start())
        if lead:
            if intro[1] == intro[0] and re.match(r"(?:menurut|according to)\s", lead.group(0), re.I):
                intro = (lead.start(), lead.end())  # "Menurut DLH, ...": DLH says it
            start = lead.end()
        said = _SAID_BEFORE.match(text, start, m.start())
        if intro[1] == intro[0] and prior is not None and said is not None:
            intro = prior  # "Menurutnya, ...": the speaker of the sentence before
            start = said.end()
        stop = _break().search(text, m.end(), sent.end)
        end = stop.start() if stop else sent.end
        if _concessive().match(text, begin) and (comma := text.find(",", m.end(), end)) >= 0:
            end = comma  # "Meski X masih ..., Bupati menegaskan ...": the conceded fact is the item
        if cue.kind == "Issue" and cue.shape in _SELF_STANDING:
            start, end = _joined_part(text, items, m, start, end)
        if cue.shape == "states" and any(c.shape == "subject" and m.end() <= o.start() < end for o, c in items):
            continue  # "Sedimentasi saluran menjadi kendala": the subject cue after it marks the item's end
        if cue.shape in ("high", "harmful", "highest"):
            start = _described(text, start, m.start())  # the level of what "yang" describes, not the clause's doer
        if cue.shape == "after":
            start = m.end()
            # "found that A, and B": each finding its own item.
            if not any(o.start() >= m.end() for o, _ in items):
                out += [st for st in _after_items(text, cue, start, end, intro)
                        if cue.kind != "Solution" or not _body_verb(text, st.start, st.end, bodies)]
                continue
        elif cue.shape == "opens" or (cue.shape == "threat" and _threatened(text, m, end)):
            start = m.start()
            nxt = [o for o, c in items if c.shape in ("opens", "threat") and m.end() <= o.start() < end]
            if nxt:  # "minimnya X, kurangnya Y dan belum adanya Z": each its own item
                joiners = alternation("item_joiners")
                end = len(re.sub(rf"[\s,;]*(?:\b(?:{joiners})\b)?[\s,;]*$", "",
                                 text[:nxt[0].start()], flags=re.I))
            if reason := _reason().search(text, m.end(), end):
                end = reason.start()  # "menyoroti persoalan X, karena Y": the reason is a clause of its own
            means = _MEANS.search(text, m.end(), end)
            if means and not _AGENT_BEFORE_BY.search(text, m.end(), means.start() + 1):
                end = means.start()  # "to address the challenges of X by supporting Y": how, a clause of its own
        elif cue.shape == "subject":
            if re.search(r"(?<![\w-])(?:yang|which|that)\s*$", text[start:m.start()], re.I):
                continue  # "beberapa hal penting yang menjadi perhatian, yaitu X": a list's intro, no item
            # The item is its subject and what the cue says of it, to the clause's end ("pengelolaan
            # sampah menjadi tantangan serius di tengah ..."): the subject alone is often two words
            # that name no problem ("air bersih"), and the cue's words say what is wrong with it.
        elif cue.shape == "threat":
            continue  # "ancaman" of no hazard ("ancaman proxy war" is left to the model)
        elif cue.shape == "rises" and not _harm().search(text, start, m.start()):
            continue  # a rise of something that is no harm ("anggaran naik") states no problem
        elif cue.shape == "scant" and not _scant_count(text, m.end(), end):
            continue  # "only" without a small count after it: "not only", "hanya dalam dua hari"
        elif cue.shape == "often" and not _UP_TO.search(text[start:m.start()]):
            continue
        elif cue.shape == "falls" and not _count().search(text, m.end(), end):
            continue  # a retreat without an amount or a rate ("mundur" as in postponed)
        elif cue.shape == "hazard" and not _near_hazard(text, m, start, end):
            continue  # a forecast or a threat of no hazard ("potensi wisata", "diperkirakan hadir")
        elif cue.shape == "counted" and not _counted_harm(text, m, start, end):
            continue  # a figure of no harm ("anggaran mencapai", "500 peserta simulasi tsunami")
        elif cue.shape == "forecast" and not _forecast_subject(text, m, start):
            continue  # "akan berlangsung" of no hazard ("rapat akan berlangsung"), or of an exercise
        elif cue.shape in ("figure", "high") and (_means().search(text, start, end) or not (
                cue.shape == "figure" or _hazard().search(text, start, end))):
            # A count of the people or the means of a response ("50 relawan"), or a figure of an
            # exercise ("simulasi dengan 3 korban"), states no harm; "tinggi" ("high") is a
            # problem only of a hazard ("curah hujan terbilang tinggi"), not of "antusiasme".
            continue
        elif cue.shape == "harmful" and not _hazard().search(text, start, end):
            continue  # "sangat tinggi" of no harm ("antusiasme warga sangat tinggi")
        elif cue.shape == "highest" and (_means().search(text, start, end) or
                                         not _hazard().search(text, max(start, m.start() - 60), m.start())):
            continue  # the superlative of a harm before it only ("angka stunting tertinggi"), not "nilai tertinggi"
        start, end = _trim(text, start, end)
        if (start, end) in seen or not _worth(text[start:end]) or any(a < end and start < b for a, b in seen):
            continue
        seen.add((start, end))
        out.append(Statement(cue.kind, start, end, *(intro if intro[1] > intro[0] else (start, start)), cue.text))
    return out


#: "yang" ("which") and the noun it describes: "wilayah yang angka stuntingnya tinggi".
_DESCRIBED = re.compile(r"(?<![\w-])([\w-]+)\s+yang\s+", re.I)


def _described(text: str, start: int, at: int) -> int:
    """Where a level stated in a relative clause begins: at the noun "yang" describes, when a
    hazard stands between "yang" and the level ("Sosialisasi dilakukan di wilayah yang angka
    stuntingnya tinggi": the problem is the area with a high rate, not the outreach); else ``start``."""
    last = next(reversed(list(_DESCRIBED.finditer(text, start, at))), None)
    if last is None or last.start() == start or not _hazard().search(text, last.end(), at):
        return start
    return last.start()


#: How many words may stand between a threat word ("ancaman") and its hazard ("ancaman bencana
#: banjir", "threat of floods").
THREAT_REACH = 2


def _threatened(text: str, cue: re.Match[str], end: int) -> bool:
    """Does a hazard (``issue_cues`` rows of kind ``hazard``) follow the threat word ``cue`` within
    :data:`THREAT_REACH` words, inside the clause ending at ``end``, and is it a named one? "ancaman
    bencana" (list ``generic_hazards``) names none: a page about preparedness in general says it of
    every topic ("sosialisasi ancaman bencana yang dapat dipahami masyarakat")."""
    gap = re.match(rf"\s+(?:[\w-]+\s+){{0,{THREAT_REACH - 1}}}", text[cue.end():end])
    topic = re.search(r"([\w-]+)\s+$", text[max(0, cue.start() - 40):cue.start()])
    if gap is None or (topic and topic.group(1).lower() in {w.lower() for w in word_list("topic_leads")}):
        return False  # "pengenalan ancaman banjir": a topic taught at a training, no problem raised
    generic = {w.lower() for w in word_list("generic_hazards")}
    for w in re.finditer(r"(?<=\s)[\w-]", text[cue.end():cue.end() + gap.end() + 1]):
        hit = _hazard().match(text, cue.end() + w.start(), end)
        if hit is not None:
            return hit.group(0).lower() not in generic
    return False


@functools.cache
def _alone_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """The issue cues of a negated ability (``words.csv`` list ``inability_cues``) and the words of
    doing alone (list ``alone_words``: "sendiri", "saja", "alone"), as a pattern."""
    alone = "|".join(r"\s+".join(map(re.escape, w.split())) for w in word_list("alone_words"))
    return (frozenset(w.lower() for w in word_list("inability_cues")),
            re.compile(rf"(?<![\w-])(?:{alone})(?![\w-])", re.I))


def _alone(text: str, cue: _Cue, at: int, stop: re.Match[str] | None) -> bool:
    """Is the cue at ``at`` a negated ability with a word of doing alone after it, up to the clause's
    end ``stop`` ("tidak bisa berjalan sendiri", "cannot be realised without the support of")? Such
    a clause calls for collaboration; it raises no problem."""
    inability, alone = _alone_words()
    end = stop.start() if stop else len(text)
    return cue.text in inability and alone.search(text, at, end) is not None


#: English "by" and a verb in -ing after a problem ("the challenges of climate change by supporting
#: ..."): the means the body will use, no part of the problem.
_MEANS = re.compile(r"\s+by\s+[a-z]+ing(?![\w-])")
#: A passive's participle right before "by" ("shortages caused by drought", "floods driven by ..."):
#: "by" then names the problem's cause, which is part of it.
_AGENT_BEFORE_BY = re.compile(r"(?:ed|en|made|hit)\s+$")


@functools.cache
def _reason() -> re.Pattern[str]:
    """A comma and a reason word after it (``issue_cues`` rows of kind ``reason``: ", karena", ", because")."""
    words = sorted({r["cue"].lower() for r in table("issue_cues") if r["kind"] == "reason"}, key=len, reverse=True)
    return re.compile(r",\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?![\w-])",
                      re.I)


#: A prone area ("daerah rawan") read as a statement of exposure (:func:`_prone_place`).
_PRONE = _Cue("rawan", "Issue", "states")


@functools.cache
def _prone_copula() -> re.Pattern[str]:
    """A copula right before a text's end (``words.csv`` list ``prone_copulas``: "termasuk",
    "merupakan", "is among"), maybe with "dalam" or "salah satu" after it."""
    copulas = alternation("prone_copulas")
    return re.compile(rf"(?<![\w-])(?:{copulas})\s+$", re.I)


def _prone_place(text: str, cue: re.Match[str], end: int) -> bool:
    """Is the never-row ``cue`` a prone area ("daerah rawan", "kawasan rawan") that a copula
    predicates of a place, with a hazard within :data:`HAZARD_REACH` words after it ("Kota X
    merupakan wilayah yang rawan banjir", "termasuk dalam kawasan rawan bencana")? A place
    designated as one ("ditetapkan sebagai wilayah rawan") has no copula before it."""
    if "rawan" not in cue.group(1).lower():
        return False
    if not _prone_copula().search(text, max(0, cue.start() - 40), cue.start()):
        return False
    after = re.match(rf"(?:\s+\S+){{0,{HAZARD_REACH}}}", text[cue.end():end])
    return _hazard().search(text, cue.end(), cue.end() + (after.end() if after else 0)) is not None


#: How many words a hazard may stand from a cue of shape ``hazard`` ("curah hujan diprediksi",
#: "berpotensi menimbulkan banjir", "kerap dilanda banjir").
HAZARD_REACH = 4


def _near_hazard(text: str, cue: re.Match[str], start: int, end: int) -> bool:
    """Does a hazard (or a counted harm) stand within :data:`HAZARD_REACH` words of ``cue``,
    inside the clause ``text[start:end]``?"""
    before = re.search(rf"(?:\S+\s+){{0,{HAZARD_REACH}}}$", text[start:cue.start()])
    after = re.match(rf"(?:\s+\S+){{0,{HAZARD_REACH}}}", text[cue.end():end])
    a = start + before.start() if before else cue.start()
    b = cue.end() + after.end() if after else cue.end()
    return _hazard().search(text, a, b) is not None


#: How many words a forecast verb ("akan berlangsung") may stand after the hazard it forecasts.
FORECAST_REACH = 2


@functools.cache
def _adverbs() -> frozenset[str]:
    """Adverbs that open a cue of trouble and never a name (``words.csv`` list ``cue_adverbs``)."""
    return frozenset(w.lower() for w in word_list("cue_adverbs"))


@functools.cache
def _event_kind() -> re.Pattern[str]:
    """A word naming an event ("simulasi", "rapat", ``rules/event_kinds.csv``) at the end of a text."""
    words = sorted({r["cue"].lower() for r in table("event_kinds")}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) +
                      r")\s+(?:\S+\s+)?$", re.I)


def _forecast_subject(text: str, cue: re.Match[str], start: int) -> bool:
    """Does a hazard end within :data:`FORECAST_REACH` words before ``cue`` (its subject: "musim
    kemarau akan berlangsung"), with no event kind right before it ("simulasi banjir akan ...")?"""
    before = re.search(rf"(?:\S+\s+){{1,{FORECAST_REACH + 3}}}$", text[start:cue.start()])
    if before is None:
        return False
    window = start + before.start()
    for h in _hazard().finditer(text, window, cue.start()):
        gap = text[h.end():cue.start()].split()
        if len(gap) <= FORECAST_REACH and not _event_kind().search(text, start, h.start()):
            return True
    return False


@functools.cache
def _means() -> re.Pattern[str]:
    """People or means counted at a response or an event (``issue_cues`` rows of kind ``means``:
    "peserta", "posko", "anggaran"), or an event kind."""
    words = {r["cue"].lower() for r in table("issue_cues") if r["kind"] == "means"}
    words |= {r["cue"].lower() for r in table("event_kinds")}
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split()))
                                                  for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])", re.I)


@functools.cache
def _number() -> re.Pattern[str]:
    """A number: digits, or a number in words (``issue_cues`` and ``statement_cues`` rows of kind ``count``)."""
    words = sorted({r["cue"].lower() for r in cue_rows() if r["kind"] == "count"}, key=len, reverse=True)
    return re.compile(r"\d|(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)


#: How many words the subject of a figure may stand before its verb ("angka stunting di provinsi
#: itu saat ini mencapai 31%"): a subject is often followed by its place and its time.
SUBJECT_REACH = 8


def _counted_harm(text: str, cue: re.Match[str], start: int, end: int) -> bool:
    """A figure of harm: a hazard or a counted harm within :data:`SUBJECT_REACH` words before
    ``cue`` or :data:`HAZARD_REACH` after it, and a number there too, and no people or means of a
    response, and no event kind, in the clause ``text[start:end]``."""
    if _means().search(text, start, end):
        return False
    before = re.search(rf"(?:\S+\s+){{0,{SUBJECT_REACH}}}$", text[start:cue.start()])
    after = re.match(rf"(?:\s+\S+){{0,{HAZARD_REACH}}}", text[cue.end():end])
    a = start + before.start() if before else cue.start()
    b = cue.end() + after.end() if after else cue.end()
    return _hazard().search(text, a, b) is not None and _number().search(text, a, b) is not None


#: Who a request is addressed to, before what is asked ("kepada BPBD agar ...", "to the city to ...").
_ADDRESSEE = re.compile(r"(?:kepada|pada|bagi)\s[^,;:]{1,80}?\s(?:agar|supaya|untuk)\s+", re.I)


def _after_items(text: str, cue: _Cue, start: int, end: int, intro: tuple[int, int]) -> list[Statement]:
    """What follows a cue like "found that" or "recommended", split at ", and" or ";"."""
    out = []
    joiners = alternation("clause_joiners")
    for part in re.finditer(rf"(?:[^,;]|,(?!\s+(?:{joiners})\s))+", text[start:end]):
        a, b = _trim(text, start + part.start(), start + part.end())
        joiner = re.match(rf"(?:{joiners})\s+", text[a:b])
        a += joiner.end() if joiner else 0
        if part.start() == 0 and (to := _ADDRESSEE.match(text, a, b)):
            a = to.end()  # "memberikan arahan kepada BPBD agar X": the measure is X, not who is asked
        if _worth(text[a:b]):
            out.append(Statement(cue.kind, a, b, *(intro if intro[1] > intro[0] else (a, a)), cue.text))
    return out


@functools.cache
def _gap() -> re.Pattern[str]:
    """What may stand between a body and its verb (``rules/clause_words.csv``, roles gap and tight),
    as :mod:`resilience_kg.extract.recognise.clauses` reads it."""
    words = sorted({r["word"] for r in table("clause_words") if r["role"] in ("gap", "tight")}, key=len, reverse=True)
    return re.compile(r"[\s,]*(?:(?:" + "|".join(map(re.escape, words)) + r")\s+)*", re.I)


def _body_verb(text: str, start: int, end: int, bodies: Sequence[tuple[int, int]] | None) -> bool:
    """Does a proposal or commitment verb stand in ``text[start:end]`` right after a body's name
    (one of ``bodies``; without them, what looks like one: an acronym, or a capitalised word that
    does not open the clause)? "WALHI Jakarta meminta agar ..." does; "Peserta sepakat bahwa ..."
    does not."""
    for m in _clause_cue().finditer(text, start, end):
        before = re.search(r"(\S+)\s+$", text[start:m.start()])
        if before is None:
            continue
        if bodies is not None:
            if any(start <= b_end <= m.start() and _gap().fullmatch(text[b_end:m.start()]) for _, b_end in bodies):
                return True
            continue
        word = before.group(1).strip(",")
        if re.fullmatch(r"[A-Z][A-Z&-]+", word) or (word[:1].isupper() and before.start() > 0):
            return True
    return False


def _body_must(text: str, cue: re.Match[str], end: int, bodies: Sequence[tuple[int, int]] | None) -> bool:
    """Is "harus" ("must") said of a body, right after its name, before an active verb ("Pemerintah
    bersama PAM Jaya harus memprioritaskan ...")? What a body must do is a measure called for, as
    after a passive; "warga harus mengungsi" (residents had to flee) names no body and tells a hardship."""
    body = next(((a, b) for a, b in bodies or () if b <= cue.start() and _gap().fullmatch(text[b:cue.start()])), None)
    if body is None:
        return False
    people = alternation("people_nouns")
    if re.search(rf"(?<![\w-])(?:{people})\s+(?:[\w-]+\s+)?$", text[max(0, body[0] - 40):body[0]], re.I):
        return False  # "Warga Desa X harus ...": the people of a place, no body's duty
    adverbs = alternation("passive_adverbs")
    verb = re.compile(rf"\s+(?:(?:{adverbs})\s+)*(?:me|ber)[a-z]{{3,}}(?![\w-])", re.I)
    return verb.match(text, cue.end(), end) is not None


@functools.cache
def _activity_before() -> re.Pattern[str]:
    """The clause before "harus" when it is an activity: a noun made from a verb with pe-...-an
    ("penyusunan perencanaan dan penganggaran", "penanganan banjir di hulu") or a target, and a few
    words that qualify it, from the clause's start (the sentence's, a comma's, "bahwa", "agar", a
    verb of speaking: ``rules/speech_verbs.csv``)."""
    said = "|".join(r"\s+".join(map(re.escape, row["phrase"].split()))
                    for row in sorted(table("speech_verbs"), key=lambda r: len(r["phrase"]), reverse=True)
                    if "," not in row["phrase"])
    return re.compile(rf"(?:^|[,:;“\"]|(?<![\w-])(?:bahwa|agar|supaya|that|{said}))\s*"
                      r"(?:pe[a-z]{3,}an|target)(?![\w-])(?:\s+[\w/()%.-]+){0,8}\s+$", re.I)


def _activity_must(text: str, cue: re.Match[str], start: int, end: int) -> bool:
    """Is "harus" ("must") said of an activity or a target, before an active verb ("penyusunan
    anggaran harus menggunakan pendekatan skala prioritas", "target pengolahan sampah harus
    mencapai 50%")? How a task must be done is a measure called for, as after a passive; a person
    or the people who must do something ("warga harus mengungsi") is no activity."""
    if cue.group(1).lower() != "harus":
        return False
    if not _activity_before().search(text, max(start, cue.start() - 120), cue.start()):
        return False
    adverbs = alternation("passive_adverbs")
    verb = re.compile(rf"\s+(?:(?:{adverbs})\s+)*(?:me|ber)[a-z]{{3,}}(?![\w-])", re.I)
    return verb.match(text, cue.end(), end) is not None


#: A verb's prefix: the word after an auxiliary cue ("telah", "akan") that is the body's verb.
_VERB = re.compile(r"\s*(?:me|be|di|te)[a-z]{2,}\b\s*", re.I)


@functools.cache
def _done_cue() -> re.Pattern[str]:
    """The verbs of a deed done (``commitment_cues`` rows of status ``fulfilled``: "telah", "sudah")."""
    words = {row["cue"].lower() for row in table("commitment_cues") if row["status"] == "fulfilled"}
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w-])",
                      re.I)


def _deed_end(text: str, start: int, end: int, bodies: Sequence[tuple[int, int]]) -> int | None:
    """Where the words after a body's deed start ("BPBD telah menetapkan | tiga wilayah yang rawan
    ..."), when one stands in ``text[start:end]`` (the verb after an auxiliary such as "telah" left
    out too). Only a deed done: what a body will repair ("akan mengganti sirine yang rusak") is the
    object of its commitment, no problem the report raises."""
    out = None
    for m in _done_cue().finditer(text, start, end):
        if any(start <= b_end <= m.start() and _gap().fullmatch(text[b_end:m.start()]) for _, b_end in bodies):
            verb = _VERB.match(text, m.end(), end)
            out = verb.end() if verb else m.end()
    return out if out is not None and out < end else None


def body_acts(text: str, start: int, end: int, bodies: Sequence[tuple[int, int]]) -> bool:
    """Does one of ``bodies`` propose or commit to something in ``text[start:end]`` ("BPBD akan
    menyerahkan ...")? Such a span is that body's proposal or commitment, not an issue or a
    solution of the meeting."""
    return _body_verb(text, start, end, bodies)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Spaces, a leading "bahwa/that" or comma, a trailing full stop or comma off the item."""
    chunk = text[start:end]
    copulas = alternation("statement_copulas")
    lead = re.match(rf"[\s,:“”\"‘’']*(?:(?:{copulas})\s+)?", chunk, re.I)
    start += lead.end() if lead else 0
    chunk = text[start:end]
    end = start + len(chunk.rstrip(" \t.,;:“”\"‘’'"))
    return start, end


def _worth(item: str) -> bool:
    """Two words at least, one of four letters or more, and no paragraph."""
    words = re.findall(r"\w+", item)
    return len(words) >= 2 and any(len(w) >= 4 for w in words) and len(item) <= MAX_ITEM
