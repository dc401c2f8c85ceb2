"""Each actor's role in the event, read from cue phrases in its sentence (``rules/role_cues.csv``).

A cue applies to the actors after it ("dihadiri oleh X"), before it ("X menyelenggarakan") or
either side. An actor takes the role of the nearest cue that reaches it; an actor with no cue is
*mentioned*. Across its mentions an actor keeps its strongest role.

A list or a table (rows of an attendance table, Markdown ``| ... |`` or tab-separated, list items,
under group headings such as "Pemerintah:") takes the cue of the heading that introduces it
("Daftar Hadir", "I. PESERTA RAPAT", "Narasumber:"): see :func:`heading_cue`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from resilience_kg.extract.recognise.rules import alternation, post_words, table, word_regex, words
from resilience_kg.extract.segment import Span

#: Strongest first: an organiser who also attends is an organiser.
ROLE_ORDER = ("organiser", "host", "opener", "speaker", "participant", "mentioned")
#: The role of a cue that says who signs an agreement: decided after the others (organiser of a
#: signing nobody else organises, else participant), never drafted as such.
SIGNATORY = "signatory"
#: The connection each role becomes, and whether it runs event -> actor.
ROLE_CONNECTIONS = {
    "organiser": ("organizedBy", True),
    "host": ("hostedBy", True),
    "opener": ("openedBy", True),
    "speaker": ("speakerAt", False),
    "participant": ("participatedIn", False),
    "mentioned": ("mentionedIn", False),
}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    role: str
    direction: str
    phrase: str
    #: A speech tag after a quote ("“...,” ujar Kepala BPBD") names the one body right after it,
    #: within this many characters of plain words (a post, a title): None for the other cues.
    reach: int | None = None


#: The direction of a speech tag (``rules/role_cues.csv``): it counts only after a closing quote
#: or a comma, and reaches the body named right after it.
TAG = "tag"
#: How far after a speech tag its speaker's body may begin: a post and a rank before the name
#: ("ujar Kepala Pelaksana BPBD", "kata Kapolres AKBP Ali").
_TAG_REACH = 60


@functools.cache
def _cue_regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    cues: dict[str, tuple[str, str]] = {}
    for row in table("role_cues"):
        if row["direction"] == TAG:
            continue
        cues.setdefault(row["cue"].lower(), (row["role"], row["direction"]))
    alternatives = sorted(cues, key=len, reverse=True)
    # A cue that begins with a hyphen is glued to the name before it ("CWS-led workshops"). A
    # passive verb is often written with its prefix apart ("di pimpin oleh", "di hadiri"), and its
    # "oleh" after an adverb ("dipimpin langsung oleh"): the cue's key is its written form, so the
    # phrase found is looked up by its usual spelling (:func:`_cue_key`).
    return re.compile(r"(?:(?<!\w)|(?=-))(" + "|".join(_spelling(c) for c in alternatives) + r")(?!\w)", re.I), cues


#: The adverbs that may stand between a passive verb and its "oleh" ("dipimpin langsung oleh").
#: And the event's noun with its "-nya" ("dibuka pelaksanaannya oleh Wakil Gubernur X": its holding was opened by).
_PASSIVE_ADVERBS = (r"(?:langsung|juga|pula|masing-masing|secara\s+langsung|secara\s+resmi"
                    r"|pelaksanaannya|kegiatannya|acaranya)")


def _spelling(cue: str) -> str:
    """The pattern of a cue in the ways reports write it: a passive prefix apart ("di pimpin"),
    an adverb before its "oleh"."""
    pattern = re.escape(cue)
    if re.match(r"di[a-z]", cue, re.I):
        # "di ikuti", "di adakan" as often as "di pimpin": the prefix apart before a vowel too.
        pattern = r"di\s?" + pattern[2:]
    if _SUPPORT_CUE.fullmatch(cue):
        # "with financial support from", "with technical support of": the kind of support stands
        # between "with" and its noun (``rules/words.csv`` list ``support_kinds``).
        pattern = pattern.replace(r"with\ ", rf"with\s+(?:{_support_kinds()}\s+)?", 1)
    if cue.lower().endswith(" oleh") and cue.lower().startswith("di"):
        # News prose drops the "oleh" before the agent's name ("digelar Pemerintah Provinsi X",
        # "dipimpin langsung Kapolres X"): the bare verb before a capital is the same cue, read as
        # reaching only the name right after it (:data:`_BARE_REACH`).
        pattern = pattern[:-len(re.escape(" oleh"))] + rf"(?:\s+{_PASSIVE_ADVERBS})?(?:\s+oleh|(?=\s+(?-i:[A-Z])))"
    return pattern


#: An English cue of a supporter or funder: "with support from", "with funding from".
_SUPPORT_CUE = re.compile(r"with (?:the )?(?:support|funding|assistance|grant)s? (?:from|of)", re.I)


@functools.cache
def _support_kinds() -> str:
    """The words that say what kind of support it was ("financial", "technical"), as a pattern."""
    return "(?:" + "|".join(re.escape(w) for w in words("support_kinds")) + ")"


#: How far after a passive verb without its "oleh" the agent's name may begin: a post before it
#: ("dipimpin Kepala Pelaksana BPBD").
_BARE_REACH = 40


def _cue_key(phrase: str, cues: dict[str, tuple[str, str]]) -> str:
    """The table's spelling of a cue found in the text ("di pimpin langsung oleh" -> "dipimpin
    oleh"; "di Kantor" stays itself)."""
    key = phrase.lower()
    if key in cues:
        return key
    plain = re.sub(rf"^with\s+{_support_kinds()}\s+", "with ", key, flags=re.I)
    if plain != key and plain in cues:
        return plain  # ("with financial support from": the cue "with support from")
    key = re.sub(rf"\s+{_PASSIVE_ADVERBS}\s+oleh$", " oleh", re.sub(r"\s+", " ", key))
    joined = re.sub(r"^di (?=[a-z])", "di", key)
    if joined not in cues and key not in cues:
        bare = re.sub(rf"\s+{_PASSIVE_ADVERBS}$", "", joined) + " oleh"  # "digelar", "dipimpin langsung"
        return bare if bare in cues else key
    return joined if joined in cues else key


def find_cues(text: str, sentence: Span) -> list[Cue]:
    pattern, cues = _cue_regex()
    out = []
    not_held_end: int | None = None  # where the last act that is no act at this event ends ("telah lebih dulu ...")
    for m in pattern.finditer(text, sentence.start, sentence.end):
        key = _cue_key(m.group(1), cues)
        role, direction = cues[key]
        if role == SIGNATORY and not_held_end is not None and 0 <= m.start() - not_held_end <= _AGREEMENT_WORDS:
            continue  # "... menandatangani MoU dengan Y": the other party of that same earlier signing
        if direction == "before" and _ARTICLE.search(text, max(0, m.start() - 5), m.start()):
            continue  # "called for a shared map": a participle after an article is an adjective, no act
        if direction == "before" and not m.group(1).lower().endswith((" by", "ing")) and \
                _passive().search(text, max(0, m.start() - 8), m.start()):
            continue  # "BPBD members were invited": who is invited does not invite ("was represented by" reads on;
            # "are jointly organising" is the progressive, an act)
        if key in _accepting() and not _invitation_after().match(text, m.end()):
            continue  # "untuk memenuhi kebutuhan air": a purpose; only "memenuhi undangan" is attending
        if role == "speaker" and direction == "before" and _not_said().search(text, max(0, m.start() - 30), m.start()):
            continue  # "meminta BMKG ... untuk melaporkan": what someone is asked to say, not what it said
        if role == "speaker" and direction == "before" and \
                _pronoun_subject().search(text, max(0, m.start() - 12), m.start()):
            continue  # "Pemerintah Provinsi X, ia mengatakan, telah ...": the verb has its own subject
        if role in ("organiser", SIGNATORY) and direction in ("before", "both") and \
                _not_held().search(text, max(0, m.start() - 30), m.start()):
            not_held_end = m.end()
            continue  # "dalam melaksanakan kegiatannya", "telah lebih dulu menandatangani": no act at this event
        if role in ("organiser", "participant", SIGNATORY) and (direction == "before" or key in _bare_attending()) \
                and _ability().search(text, max(0, m.start() - 20), m.start()):
            continue  # "sehingga X dapat memenuhi kebutuhan": what a body could do, no act at this event
        if role == "organiser" and direction == "before" and key in _carry_verbs() and \
                _programme_after().match(text, m.end()):
            continue  # "Puskesmas X yang telah melaksanakan program Y": a body's standing work, not this event
        if role == "organiser" and direction == "after" and _facilitated().search(text, sentence.start, m.end()):
            # "Kemendagri memfasilitasi kerja sama antara A dengan B": the facilitator organises,
            # and the partnership's parties take part (guide, roles 3: signatories of a signing
            # another body facilitates are participants).
            out.append(Cue(m.start(), m.end(), "participant", direction, m.group(1)))
            continue
        if role == "organiser" and _standing().search(text, max(0, m.start() - 30), m.start()):
            continue  # "berkat kerja sama antara A dan B", "the continuing cooperation between": no act here
        if role in ("organiser", SIGNATORY) and direction == "after" and _follows_up(text, sentence.start, m.start()):
            continue  # "tindak lanjut dari penandatanganan ... yang dilaksanakan oleh A": that earlier event's
        if key == "invited" and _appeal_after(text, m.end(), sentence.end):
            continue  # "X invited all parties to strengthen DRR": an appeal, no guests asked to the event
        if _later_event().search(text, sentence.start, m.start()):
            continue  # "Rapat lanjutan akan digelar dengan melibatkan A dan B": another, later event
        if key == "at the" and _held_before().search(text, max(sentence.start, m.start() - _HELD_GAP), m.start()):
            role = "host"  # "convened on 12 October at the Provincial Government": the venue's body hosts
            # (guide, roles 9), as "held at"; "a professor at the University" stays a mention
        bare = key.endswith(" oleh") and not m.group(1).lower().endswith("oleh")
        out.append(Cue(m.start(), m.end(), role, direction, m.group(1), reach=_BARE_REACH if bare else None))
        if key.split()[0] in _accepting() and direction == "after":
            # "X hadir memenuhi undangan Y": Y invited, and X, who accepts, attends.
            out.append(Cue(m.start(), m.end(), "participant", "before", m.group(1)))
        # A cue that begins inside this one and runs past it is a second cue: "received a
        # delegation from the Embassy" says who hosts and who visits.
        for pos in range(m.start() + 1, m.end()):
            tail = pattern.match(text, pos, sentence.end)
            if tail is not None and tail.end() > m.end():
                role, direction = cues[_cue_key(tail.group(1), cues)]
                out.append(Cue(tail.start(), tail.end(), role, direction, tail.group(1)))
                break
    for m in _tag_regex().finditer(text, sentence.start, sentence.end):
        out.append(Cue(m.start(1), m.end(1), "speaker", "after", m.group(1), reach=_TAG_REACH))
    for m in _facilitated().finditer(text, sentence.start, sentence.end):
        out.append(Cue(m.start(1), m.end(1), "organiser", "before", m.group(1)))
    out.extend(_partner_cues(text, sentence, out))
    out.extend(_invited_cues(text, sentence))
    out.extend(_met_cues(text, sentence, out))
    out.extend(_visited_cues(text, sentence, out))
    if not _later_event().search(text, sentence.start, sentence.end):
        out.extend(_agreement_partner_cues(text, sentence, out))
    for m in _signing_by().finditer(text, sentence.start, sentence.end):
        if _follows_up(text, sentence.start, m.start()):
            continue  # "tindak lanjut dari penandatanganan ... oleh A dan B": an earlier signing's parties
        if _agreement_like().search(text, m.start(), m.start(1)):
            continue  # "Penandatanganan PKS seperti ini dilakukan pula oleh A dengan B": signed elsewhere
        if not any(c.start < m.end(1) and m.start(1) < c.end for c in out):
            # "Penandatanganan MoU dilakukan langsung oleh A dan B": the agents of the signing sign
            # (an "oleh" another cue holds, "disaksikan oleh", keeps that cue's reading).
            out.append(Cue(m.start(1), m.end(1), SIGNATORY, "after", m.group(1)))
    return out


#: How far before "at the" a verb of holding may end for the venue to be the event's: a date
#: between them ("convened on 12 October at the ...", "held on Wednesday (24/4), at the ...").
_HELD_GAP = 45


@functools.cache
def _held_before() -> re.Pattern[str]:
    """An English verb of holding or meeting (``english_held_verbs``) then a few words and no clause end."""
    verbs = alternation("english_held_verbs")
    return re.compile(rf"(?i)(?<![\w-])(?:{verbs})(?![\w-])[^.;:]{{0,{_HELD_GAP}}}$")


def _appeal_after(text: str, pos: int, end: int) -> bool:
    """Whether an English "invited" at ``pos`` asks its object to do something ("invited all
    parties to strengthen ...", as Indonesian "mengajak"), not to come to the event: the first "to"
    of its clause is followed by a verb other than one of coming (``invitation_verbs``: attend,
    join, visit) or by no article of an event ("to the workshop", "to a dialogue")."""
    m = _FIRST_TO.match(text, pos, end)
    if m is None:
        return False
    return m.group(1) not in _invitation_words()


#: The first "to" of a clause after "invited", and the word after it.
_FIRST_TO = re.compile(r"[^.;:]{0,80}?\bto\s+([a-z]+)")


@functools.cache
def _invitation_words() -> frozenset[str]:
    """The words after "invited ... to" that ask someone to the event (``invitation_verbs``)."""
    return frozenset(w.lower() for w in words("invitation_verbs"))


@functools.cache
def _bare_attending() -> frozenset[str]:
    """The bare verb of attending ("hadir"), which reads after it ("Hadir A, B") but after a modal
    is no attending at all ("negara harus hadir memberikan ..."): ``bare_attending_verbs``."""
    return frozenset(w.lower() for w in words("bare_attending_verbs"))


def _follows_up(text: str, start: int, cue_start: int) -> bool:
    """Whether a word of an earlier event followed up (:func:`_earlier_event`) stands between
    ``start`` and the cue with no comma or semicolon after it: the cue is in that event's own
    clause ("tindak lanjut dari penandatanganan ... yang dilaksanakan oleh A"), not in a clause of
    this one ("Rapat ini tindak lanjut dari rakor lalu, dipimpin oleh Kepala BPBD")."""
    found = list(_earlier_event().finditer(text, start, cue_start))
    return bool(found) and not re.search(r"[,;]", text[found[-1].end():cue_start])


@functools.cache
def _earlier_event() -> re.Pattern[str]:
    """Words that name an earlier event this one follows up (``earlier_event_before``: "tindak
    lanjut dari penandatanganan ... yang dilaksanakan oleh A"): the agents of a passive after them
    in the sentence held that event, not this one."""
    earlier = alternation("earlier_event_before")
    return re.compile(rf"(?i)(?<![\w-])(?:{earlier})(?![\w-])")


@functools.cache
def _accepting() -> frozenset[str]:
    """The verbs of accepting (``accepting_verbs``: "memenuhi") that attend only with an invitation
    after them (``invitation_nouns``): "hadir memenuhi undangan Y", not "memenuhi kebutuhan"."""
    return frozenset(w.lower() for w in words("accepting_verbs"))


@functools.cache
def _invitation_after() -> re.Pattern[str]:
    """An invitation's noun right after a verb of accepting ("memenuhi undangan")."""
    nouns = alternation("invitation_nouns")
    return re.compile(rf"(?i)\s+(?:{nouns})(?!\w)")


@functools.cache
def _ability() -> re.Pattern[str]:
    """A modal of ability right before a verb cue ("sehingga X dapat memenuhi", "so that X can
    hold"; ``ability_modals_before`` of ``rules/words.csv``): what a body could do, no act here."""
    modals = alternation("ability_modals_before")
    return re.compile(rf"(?i)(?<!\w)(?:{modals})\s+$")


@functools.cache
def _carry_verbs() -> frozenset[str]:
    """The organiser's verbs of carrying out (``programme_carry_verbs``): before a programme word
    they tell of a body's standing work ("melaksanakan program X sejak 2022"), not this event."""
    return frozenset(w.lower() for w in words("programme_carry_verbs"))


@functools.cache
def _programme_after() -> re.Pattern[str]:
    """A programme word right after a verb (``programme_words``): "melaksanakan program X"."""
    programmes = alternation("programme_words")
    return re.compile(rf"(?i)\s+(?:{programmes})(?!\w)")


@functools.cache
def _facilitated() -> re.Pattern[str]:
    """A verb of facilitating (group 1, ``facilitation_verbs``), perhaps a second verb joined to it
    ("memfasilitasi dan mengasistensi"), then what it brings about between others
    (``facilitated_objects``: kerja sama, kesepakatan, signing): "Kemendagri memfasilitasi kerja
    sama antara A dengan B" (guide, roles 3: the facilitator organises, the parties sign)."""
    verbs, objects = alternation("facilitation_verbs"), alternation("facilitated_objects")
    return re.compile(rf"(?i)(?<!\w)({verbs})(?:\s+(?:dan|and)\s+\w+)?\s+(?:the\s+)?(?:{objects})(?!\w)")


#: The most characters between an organiser's verb and the partner word after it ("gelar diskusi
#: terfokus pada penyusunan SOP ... bersama ADRA").
_PARTNER_REACH = 200


def _partner_cues(text: str, sentence: Span, cues: Sequence[Cue]) -> list[Cue]:
    """The partner words after a verb of holding the event that name its co-organisers ("BPBD
    gelar FGD ... bersama ADRA Indonesia serta FPRB", "was held jointly with the Bureau and the
    Fire Department"; ``co_organiser_partners`` of ``rules/words.csv``): a cue of organiser for
    the bodies after it, when the nearest cue before it in its clause is an organiser's (an
    inspection's partner, :func:`inspection_cues`, shows the site) and a name follows."""
    out = []
    for m in _partner().finditer(text, sentence.start, sentence.end):
        before = [c for c in cues if c.end <= m.start()]
        if not before:
            continue
        last = max(before, key=lambda c: (c.end, c.start))
        if last.role == "organiser" and m.start() - last.end <= _PARTNER_REACH and \
                ";" not in text[last.end:m.start()] and last.phrase.lower() not in inspection_cues() and \
                not _held_with().search(text, last.start, m.start()):
            out.append(Cue(m.start(1), m.end(1), "organiser", "after", m.group(1)))
    return out


def _invited_cues(text: str, sentence: Span) -> list[Cue]:
    """The bodies a verb of inviting names, when the invitation is to discuss or attend ("Dishub
    mengajak sejumlah pihak, mulai dari A, B dan C, untuk membahas ...", "X invited A and B to
    discuss ..."; ``inviting_verbs`` and ``invitation_purposes`` of ``rules/words.csv``): a cue of
    participant for the bodies after the verb, and one of organiser for the inviter before it (the
    verbs the cue table already reads as the inviter's, "mengundang", keep that cue). Without a
    purpose of attending after it, "mengajak warga menjaga kebersihan" is an appeal, no event."""
    out = []
    for m in _invited().finditer(text, sentence.start, sentence.end):
        if _passive().search(text, max(0, m.start() - 8), m.start()):
            continue  # "BPBD was invited to discuss": the invited body is the subject
        out.append(Cue(m.start(1), m.end(1), "participant", "after", m.group(1)))
        if m.group(1).lower() not in _cue_regex()[1]:
            out.append(Cue(m.start(1), m.end(1), "organiser", "before", m.group(1)))
    return out


def invitation(cue: Cue) -> bool:
    """Whether ``cue`` is the participant's cue of a verb of inviting (:func:`_invited_cues`)."""
    return cue.role == "participant" and cue.direction == "after" and cue.phrase.lower() in _inviting_words()


@functools.cache
def _inviting_words() -> frozenset[str]:
    """The verbs of inviting (``inviting_verbs``), lower case."""
    return frozenset(w.lower() for w in words("inviting_verbs"))


#: The most characters between a verb of inviting and the purpose of the invitation.
_INVITED_REACH = 400


@functools.cache
def _invited() -> re.Pattern[str]:
    """A verb of inviting (group 1) with a purpose of attending or discussing later in its sentence."""
    verbs, purposes = alternation("inviting_verbs"), alternation("invitation_purposes")
    return re.compile(rf"(?i)(?<![\w-])({verbs})(?![\w-])(?=[^.;!?\n]{{0,{_INVITED_REACH}}}?"
                      rf"(?<![\w-])(?:{purposes})(?![\w-]))")


@functools.cache
def _held_with() -> re.Pattern[str]:
    """A meeting one holds with others, right before the partner word ("melakukan rapat koordinasi
    bersama A", "menggelar RDP bersama Dinas X"; ``held_with_nouns`` of ``rules/words.csv``): the
    bodies after it are met, they attend (:func:`_met_cues`), they do not hold it."""
    nouns = alternation("held_with_nouns")
    return re.compile(rf"(?i)(?<![\w-])(?:{nouns})(?![\w-])(?:\s*\([^)]{{0,40}}\))?[^.,;:!?\n]{{0,60}}$")


@functools.cache
def _partner() -> re.Pattern[str]:
    """A co-organiser's partner word before a name (``co_organiser_partners``): "bersama ADRA",
    "jointly with the Bureau"; "bersama para camat", "bersama warga" name no body."""
    partners = alternation("co_organiser_partners")
    return re.compile(rf"(?i)(?<!\w)({partners})\s+(?:the\s+)?(?=(?-i:[A-Z]))")


def _met_cues(text: str, sentence: Span, cues: Sequence[Cue]) -> list[Cue]:
    """The word after a meeting that names who it was held with ("melanjutkan RDP bersama Dinas
    PUPR", "melakukan Rapat Koordinasi dengan Kementerian X", "a meeting with the Governor";
    ``meeting_with_nouns`` and ``meeting_with_partners`` of ``rules/words.csv``): a cue of
    participant for the bodies after it (a stronger cue of theirs elsewhere still wins). A word
    another cue holds (a co-organiser's "bersama" after a verb of holding) keeps that cue."""
    return _word_cues(_met(), "participant", text, sentence, cues)


def _visited_cues(text: str, sentence: Span, cues: Sequence[Cue]) -> list[Cue]:
    """The word after a visit that names the body visited ("melakukan kunjungan audiensi ke BPBD
    Kota X", "an advocacy visit to the Government of X"; ``visit_nouns`` and ``visit_to`` of
    ``rules/words.csv``): a cue of host for the body after it (guide, roles 8)."""
    return _word_cues(_visited(), "host", text, sentence, cues)


def _word_cues(pattern: re.Pattern[str], role: str, text: str, sentence: Span, cues: Sequence[Cue]) -> list[Cue]:
    """A cue of ``role`` reaching forward at group 1 of each match of ``pattern`` in the sentence
    that no other cue holds."""
    out = []
    for m in pattern.finditer(text, sentence.start, sentence.end):
        if not any(c.start < m.end(1) and m.start(1) < c.end for c in cues):
            out.append(Cue(m.start(1), m.end(1), role, "after", m.group(1)))
    return out


@functools.cache
def _visited() -> re.Pattern[str]:
    """A visit (singular), a few words (no punctuation), then "ke" or "to" before a name (group 1)."""
    nouns = alternation("visit_nouns")
    to = alternation("visit_to")
    return re.compile(rf"(?i)(?<![\w-])(?:{nouns})(?![\w-])[^.,;:!?\n]{{0,50}}?(?<!\w)({to})\s+"
                      rf"(?:the\s+)?(?=(?-i:[A-Z]))")


#: How far before an agreement's name a word may make it a later or an earlier one.
_AGREEMENT_BEFORE = 60


def _agreement_partner_cues(text: str, sentence: Span, cues: Sequence[Cue]) -> list[Cue]:
    """The word before an agreement's other party ("MoU bersama Kapolres X", "a memorandum ... between
    A and B"): a cue of signatory for the bodies after it, where no other cue holds the word and no
    word a little before the agreement's name makes it a later or an earlier one ("selanjutnya
    diteruskan dengan PKS antara", "telah lebih dulu menandatangani MoU dengan";
    ``agreement_not_here_before``)."""
    out = []
    for m in _agreement_partner().finditer(text, sentence.start, sentence.end):
        if any(c.start < m.end(1) and m.start(1) < c.end for c in cues) or \
                _agreement_not_here().search(text, max(sentence.start, m.start() - _AGREEMENT_BEFORE), m.start()) or \
                _agreement_like().search(text, m.start(), m.start(1)):
            continue
        out.append(Cue(m.start(1), m.end(1), SIGNATORY, "after", m.group(1)))
    return out


@functools.cache
def _agreement_not_here() -> re.Pattern[str]:
    """A word that makes an agreement a later or an earlier one (``agreement_not_here_before``)."""
    return word_regex("agreement_not_here_before")


@functools.cache
def _agreement_like() -> re.Pattern[str]:
    """A word between an agreement's name and its partner word that makes it another agreement of
    its kind ("PKS seperti ini dilakukan pula oleh A dengan B", "similar MoUs with"; ``agreement_like_this``)."""
    return word_regex("agreement_like_this")


@functools.cache
def _agreement_partner() -> re.Pattern[str]:
    """An agreement's name (``rules/agreements.csv``), a few words of its topic (no punctuation),
    then the word before its other party (group 1, ``agreement_partners``): "MoU bersama Kapolres
    X", "a memorandum of understanding on cooperation between A and B" (guide, roles 3)."""
    names = [row["cue"] for row in table("agreements") if row["kind"] == "agreement"]
    spelled = [f"(?i:{re.escape(n)})" for n in sorted((n for n in names if " " in n), key=len, reverse=True)]
    acronyms = [re.escape(n) for n in sorted((n for n in names if " " not in n), key=len, reverse=True)]
    partners = alternation("agreement_partners")
    # An event named after the word ("PKS ini dipadukan dengan Rapat Koordinasi Daerah") is no party.
    events = alternation("meeting_with_nouns")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(spelled + acronyms)})(?![\w-])(?:\s*\([^)]{{0,30}}\))?"
                      rf"[^.,;:!?\n]{{0,60}}?(?<!\w)((?i:{partners}))\s+(?:(?i:the)\s+)?(?=[A-Z])"
                      rf"(?!(?i:{events})(?![\w-]))")


@functools.cache
def _met() -> re.Pattern[str]:
    """A meeting word, a few words of its topic (no punctuation), then the word that names who it
    was held with before a name (group 1)."""
    nouns = alternation("meeting_with_nouns")
    partners = alternation("meeting_with_partners")
    return re.compile(rf"(?i)(?<![\w-])(?:{nouns})(?![\w-])[^.,;:!?\n]{{0,60}}?(?<!\w)({partners})\s+"
                      rf"(?:the\s+)?(?=(?-i:[A-Z]))")


@functools.cache
def inspection_cues() -> frozenset[str]:
    """The organiser's cues that are a verb of inspecting ("meninjau", ``inspection_cues`` of
    ``rules/words.csv``): a body's own inspection is its event only when no one else hosts or
    organises it (guide, roles 8), and who inspects with it shows the site."""
    return frozenset(w.lower() for w in words("inspection_cues"))


@functools.cache
def _signing_by() -> re.Pattern[str]:
    """A signing named before its agents, with the verb that says it was done between
    ("Penandatanganan MoU dilakukan langsung oleh", "diteken (ditandatangani) oleh", "Signing of
    a memorandum was done in the rector's room by"; ``signing_words`` and ``signing_done_verbs``
    of ``rules/words.csv``): group 1 is the "oleh" or "by"."""
    signing, done = alternation("signing_words"), alternation("signing_done_verbs")
    return re.compile(rf"(?i)(?<!\w)(?:{signing})(?!\w)[^.;]{{0,200}}?"
                      rf"(?<!\w)(?:{done})(?!\w)[^.;]{{0,80}}?(?<!\w)(oleh|by)(?!\w)")


@functools.cache
def _tag_regex() -> re.Pattern[str]:
    """A speech tag: a verb of speaking right after a closing quote or a comma ("“...,” ujar X",
    "..., kata Kepala BPBD", "\"...,\" said X"; the rows of ``rules/role_cues.csv`` whose
    direction is ``tag``)."""
    tags = sorted((row["cue"] for row in table("role_cues") if row["direction"] == TAG), key=len, reverse=True)
    return re.compile(r"[,\"”]\s*(" + "|".join(re.escape(t) for t in tags) + r")(?=\s)", re.I)


def speech_tag_after(text: str, start: int, end: int) -> bool:
    """Whether a speech tag ("..., katanya", "..., ujar Kepala BPBD", "..., he said") stands in
    ``text[start:end]``: the words before it are what someone said, quote marks or none."""
    return _tag_after_regex().search(text, start, end) is not None


@functools.cache
def _tag_after_regex() -> re.Pattern[str]:
    """A speech tag of ``rules/role_cues.csv`` after a comma or a closing quote, its suffix
    "-nya" allowed ("katanya", "ujarnya"), or a pronoun before it ("he said", ``subject_pronouns``),
    at a word's end (a full stop may follow it)."""
    tags = sorted((row["cue"] for row in table("role_cues") if row["direction"] == TAG), key=len, reverse=True)
    pronouns = alternation("subject_pronouns")
    return re.compile(rf"[,\"”]\s*(?:(?:{pronouns})\s+)?(?:" + "|".join(re.escape(t) for t in tags)
                      + r")(?:nya)?(?!\w)", re.I)


@dataclass(frozen=True)
class CueIndex:
    """A sentence's cues, sorted once for the questions :func:`role_of` asks of each mention (the
    nearest cue before it that reaches forward, the nearest after it that reaches back), so that
    a sentence naming many bodies among many cues costs each a bisection, not a reading of all.

    Entries are ``(offset, order)``: ``order`` is the cue's place in the sentence's list, which
    breaks ties between cues at one distance (the first listed wins). ``commas`` are where a
    comma or semicolon and a space stand in the sentence, for the cues a list stops.
    """

    cues: tuple[Cue, ...]
    forward: tuple[tuple[int, int], ...]  # (end, -order) of cues reaching forward over lists
    forward_single: tuple[tuple[int, int], ...]  # the same, for cues of one name: a venue, a supporter
    back: tuple[tuple[int, int], ...]  # (start, order) of cues reaching back
    by_start: tuple[tuple[int, int], ...]  # (start, order) of every cue
    commas: tuple[int, ...]
    #: Per cue end, the starts of the bodies in the plain list right after it (found once per cue).
    lists_after: dict[int, frozenset[int]] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, cues: Sequence[Cue], text: str, start: int, end: int) -> CueIndex:
        """The index of ``cues``, found in ``text[start:end]`` (their sentence)."""
        forward: list[tuple[int, int]] = []
        single: list[tuple[int, int]] = []
        back: list[tuple[int, int]] = []
        for order, cue in enumerate(cues):
            if cue.direction in ("after", "both") and not _ANSWERING.search(text, max(0, cue.start - 20), cue.start):
                # "Menanggapi paparan tersebut, X ...": X answers the presentation
                (single if cue.role in _ONE_NAME or cue.reach is not None else forward).append((cue.end, -order))
            if cue.direction in ("before", "both"):
                back.append((cue.start, order))
        return cls(tuple(cues), tuple(sorted(forward)), tuple(sorted(single)), tuple(sorted(back)),
                   tuple(sorted((c.start, order) for order, c in enumerate(cues))),
                   tuple(m.start() for m in _LIST_MARK.finditer(text, start, end)))

    def in_list_after(self, cue_end: int, start: int, others: Sequence[tuple[int, int]], text: str) -> bool:
        """Whether the mention at ``start`` stands in the plain list of bodies that begins right
        after a cue ending at ``cue_end`` ("developed by A, B and C"): only list joiners between."""
        if cue_end not in self.lists_after:
            starts, at = set(), cue_end
            for s, e in others[bisect.bisect_left(others, (cue_end, -1)):]:
                if not _list_joiner().fullmatch(text, at, s):
                    break
                starts.add(s)
                at = e
            self.lists_after[cue_end] = frozenset(starts)
        return start in self.lists_after[cue_end]

    def list_between(self, start: int, end: int) -> bool:
        """Whether a comma or semicolon and a space stand within ``start:end``."""
        i = bisect.bisect_left(self.commas, start)
        return i < len(self.commas) and self.commas[i] + 2 <= end


#: The roles whose cue reaches one name: a venue (its host) or a supporter; a list stops them.
_ONE_NAME = ("mentioned", "host")
_LIST_MARK = re.compile(r"[;,]\s")
#: The most characters between two joined verbs ("hadir dan menyampaikan").
_JOIN_REACH = 40


def role_of(start: int, end: int, cues: Sequence[Cue] | CueIndex, text: str,
            others: Sequence[tuple[int, int]] = ()) -> tuple[str, Cue | None]:
    """The role of the mention at ``start:end`` given its sentence's cues.

    A cue reaches forward over the rest of its clause (a semicolon or a full stop ends it) and
    backward over the words before it in the same clause. A verb of speaking reaches back no
    further than the plain list of bodies just before it ("A, B dan C menyampaikan"): in "A meminta
    agar ..., sementara B menyoroti ..." the verb is B's. (Who organises is often named with a
    partner, "A bersama B menyelenggarakan", so the other cues keep their reach.) ``others`` are
    the spans of the sentence's other mentions, sorted.
    """
    if not isinstance(cues, CueIndex):
        lo = min((c.start for c in cues), default=start)
        cues = CueIndex.of(cues, text, min(lo, start), max(start, end) + 1)
    index = cues
    options: list[tuple[int, int]] = []  # (distance, order)
    # The nearest cue before the mention that reaches forward (the farther ones are farther); a
    # venue's or a supporter's is one name, so an attendance list in between stops it (and the
    # same list stands before a farther cue of the kind).
    for entries, single in ((index.forward, False), (index.forward_single, True)):
        i = bisect.bisect_right(entries, (start, 1)) - 1
        if i >= 0:
            cue_end, order = entries[i][0], -entries[i][1]
            if index.cues[order].reach is not None and not _tag_reaches(text, cue_end, start, index.cues[order].reach):
                pass  # "“...,” kata dia, ... BPBD": the tag names someone else
            elif not (single and index.list_between(cue_end, start)) or (
                    index.cues[order].role == "mentioned" and index.in_list_after(cue_end, start, others, text)):
                # "developed by A, B and C", "menurut BMKG dan BPBD": a source's cue names the
                # whole plain list of bodies right after it.
                options.append((start - cue_end, order))
    # A venue's cue that ends inside the name it reaches ("di Kantor" of "berlangsung di Kantor
    # Kelurahan X", whose mention begins with "Kantor"): the premises' body hosts.
    k = bisect.bisect_right(index.forward_single, (end, 1)) - 1
    if k >= 0 and start < index.forward_single[k][0]:
        order = -index.forward_single[k][1]
        if index.cues[order].role == "host" and index.cues[order].start < start:
            options.append((0, order))
    # The nearest cue after it that reaches back, within its clause and 160 characters.
    j = bisect.bisect_left(index.back, (end, -1))
    while j < len(index.back):
        cue_start, order = index.back[j]
        between = text[end:cue_start]
        if ";" in between or len(between) > 160:
            break  # and so for every cue farther on
        if index.cues[order].role != "speaker" or _listed_before(end, cue_start, others, text):
            options.append((cue_start - end + 40, order))  # a cue before its actor is the usual reading
            break
        j += 1  # "A meminta agar ..., sementara B menyoroti ...": B speaks, not A
    if not options:
        return "mentioned", None
    cue = index.cues[min(options)[1]]
    said = [_joined_after(index.cues[order], index, text) for _, order in options if index.cues[order].start >= end]
    if cue.role == "participant" and said and said[0].role == "speaker":
        # "Peserta dari X menilai ...", "representatives from X attended and shared ...": a
        # participant the report quotes is a speaker (guide, roles 1).
        cue = said[0]
    if said and _RELATIVE.fullmatch(text, end, said[0].start) and stronger(said[0].role, cue.role) == said[0].role:
        # "“...,” ungkap Ali, yang juga bertindak sebagai pimpinan rapat": the relative clause is
        # Ali's too, and the stronger of its two roles stands.
        cue = said[0]
    if said and _while_doing().fullmatch(text, end, said[0].start) and stronger(said[0].role, cue.role) == said[0].role:
        # "disampaikan Gubernur X Ali saat memimpin rapat": who spoke also chaired; the stronger stands.
        cue = said[0]
    if cue.start >= end:
        cue = _joined_after(cue, index, text)
    if cue.role == "participant" and cue.start < start:
        cue = _spoken_through(cue, index, text)
    return cue.role, cue


def _spoken_through(cue: Cue, index: CueIndex, text: str) -> Cue:
    """"disampaikan juga oleh perwakilan dari X", "presented by representatives from X": the
    representatives' cue names who spoke, and the verb of speaking right before it is the body's
    (guide, roles 1: a role held through an officer is the body's)."""
    for before in index.cues:
        if before.end <= cue.start and before.role in ("speaker", "opener") and \
                before.direction in ("after", "both") and _THROUGH.fullmatch(text, before.end, cue.start):
            return before
    return cue


def _joined_after(cue: Cue, index: CueIndex, text: str) -> Cue:
    """"X turut hadir dan menyampaikan ...": verbs joined after the actor all say what it did;
    it keeps the strongest (an opener or a speaker is there too)."""
    k = bisect.bisect_left(index.by_start, (cue.end, -1))
    for other_start, order in index.by_start[k:]:
        if other_start - cue.end > _JOIN_REACH:
            break  # no joining words are that long
        other = index.cues[order]
        if other.start >= cue.end and _JOINED.fullmatch(text[cue.end:other.start]) and \
                other.direction in ("before", "both") and stronger(other.role, cue.role) == other.role:
            cue = other
    return cue


def _tag_reaches(text: str, cue_end: int, start: int, reach: int | None) -> bool:
    """Whether a speech tag ending at ``cue_end`` names the body at ``start``: only plain words
    between (a post, a rank), no punctuation, within ``reach`` characters."""
    between = text[cue_end:start]
    if between.count("(") == 1 and ")" not in between:
        # "ujar Ali (Komisi II dari Fraksi X)", "kata Ali (Kepala BPBD)": the speaker's body in
        # brackets after the name.
        between = between.replace("(", " ")
    if reach is None or start - cue_end > reach or re.search(r"[,.;:()\"“”]", between):
        return False
    gap = between.split()
    if gap and gap[-1].lower() in _OF:
        gap = gap[:-1]  # "kata Ali dari BPBD", "said Ali of the BPBD"
    elif gap and gap[-1].lower() == "the" and len(gap) > 1 and gap[-2].lower() in _OF:
        gap = gap[:-2]
    # Only a post, a rank or a name stands between ("ujar Kepala Pelaksana BPBD"), never a former
    # post ("mantan dirut KAI") or what the words went through ("dalam rilisnya melalui Diskominfo").
    return all((w[:1].isupper() or w.lower() in post_words("every")) and w.lower() not in _FORMER for w in gap)


#: "kata Ali dari BPBD": the words that name a speaker's body after the speaker.
_OF = ("dari", "of", "from")
#: A former post names no body the speaker speaks for.
_FORMER = ("mantan", "former", "eks")


def _listed_before(end: int, cue_start: int, others: Sequence[tuple[int, int]], text: str) -> bool:
    """True when every body named between a mention (ending at ``end``) and a cue after it stands
    in one plain list with the mention: only list joiners between them."""
    at = end
    # ``others`` are sorted: those between start at or after ``end``, and before ``cue_start``.
    between = others[bisect.bisect_left(others, (end, -1)):bisect.bisect_left(others, (cue_start, -1))]
    for s, e in (o for o in between if o[1] <= cue_start):
        if not _list_joiner().fullmatch(text[at:s]):
            return False
        at = e
    return True


@functools.cache
def _list_joiner() -> re.Pattern[str]:
    """What joins the members of a plain list of bodies: "A, B dan C", "A serta B", "A and the B",
    "A/B" (the words: ``list_joiners`` of ``rules/words.csv``); a short form or a name in brackets
    is part of its list member: "BMKG (Badan ...) dan BNPB (Badan ...)"."""
    joiners = alternation("list_joiners")
    return re.compile(rf"\s*\)?\s*(?:,|/)?\s*(?:(?:{joiners})\s+)?(?:the\s+)?\(?\s*", re.I)


@functools.cache
def _not_said() -> re.Pattern[str]:
    """The words before a verb of speaking that make it no account given at the event: an
    infinitive or a modal ("untuk melaporkan", "akan menyampaikan", "to present"; the words:
    ``not_said_before`` of ``rules/words.csv``)."""
    modal = alternation("not_said_before")
    return re.compile(rf"(?i)(?<!\w)(?:{modal})\s+$")


#: The most characters between a verb of signing and the cue of the other party of its agreement
#: ("menandatangani [MoU ]dengan", "menandatangani [nota ]kesepahaman dengan").
_AGREEMENT_WORDS = 25
#: A pronoun right before a verb of speaking is its subject ("X, ia mengatakan, ..."): the body
#: before it is spoken of, not the speaker.
@functools.cache
def _pronoun_subject() -> re.Pattern[str]:
    pronouns = alternation("subject_pronouns")
    return re.compile(rf"(?i)(?<!\w)(?:{pronouns})\s+$")


@functools.cache
def _not_held() -> re.Pattern[str]:
    """The words right before a verb of holding or signing that make it no act at this event: a
    body's work in general ("dalam melaksanakan kegiatannya"), an earlier act ("telah lebih dulu
    menandatangani"): ``not_held_before`` of ``rules/words.csv``."""
    earlier = alternation("not_held_before")
    return re.compile(rf"(?i)(?<!\w)(?:{earlier})\s+$")


@functools.cache
def _standing() -> re.Pattern[str]:
    """The words right before a partnership that make it a standing one, no act at this event
    ("berkat kerja sama antara", "menjelaskan bahwa kerja sama antara", "the continuing
    cooperation between"): ``standing_partnership_before`` of ``rules/words.csv``."""
    words_before = alternation("standing_partnership_before")
    return re.compile(rf"(?i)(?<!\w)(?:{words_before})\s+$")


@functools.cache
def _later_event() -> re.Pattern[str]:
    """Words that announce a later event ("akan digelar", "bakal diadakan", "will be held":
    ``later_event`` of ``rules/words.csv``): the cues after them in the sentence name who would
    hold or attend that event, not this one."""
    phrases = (r"\s+".join(re.escape(w) for w in p.split()) for p in words("later_event"))
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)")


@functools.cache
def _passive() -> re.Pattern[str]:
    """An English auxiliary of the passive right before a participle cue (``passive_auxiliaries``
    of ``rules/words.csv``): the body before it undergoes the act."""
    auxiliaries = alternation("passive_auxiliaries")
    return re.compile(rf"(?i)\b(?:{auxiliaries})\s+$")


#: An English article just before a verb cue makes the verb an adjective ("a shared map").
_ARTICLE = re.compile(r"(?i)\b(?:a|an|the)\s+$")
@functools.cache
def _while_doing() -> re.Pattern[str]:
    """What stands between a body and a second act of its own ("Gubernur X Ali saat memimpin",
    "Ketua Pansus X, Drs Ali, saat menyerap aspirasi", "the Mayor, when chairing"): a person's
    name and its commas, a word of time (``while_doing``)."""
    words_of_time = alternation("while_doing")
    return re.compile(rf"(?:\s*,?\s+[A-Z][\w.'’-]*){{0,5}}\s*,?\s*(?i:{words_of_time})\s+")


#: Words before a cue that make who follows answer it, not do it ("Menanggapi paparan tersebut, X").
_ANSWERING = re.compile(r"(?i)\b(?:menanggapi|merespons|responding to|in response to)\s+(?:the\s+)?$")
#: A relative clause right after a body, up to the cue it holds ("X, yang juga bertindak sebagai ...").
_RELATIVE = re.compile(r"\s*,?\s*(?:yang|which|who)\b[^,;.]{0,40}", re.I)
#: What joins two verbs of one actor: "hadir dan menyampaikan", "attended and presented".
#: What may stand between a verb of speaking and the representatives it names ("disampaikan oleh
#: perwakilan dari", "presented by the representatives of").
_THROUGH = re.compile(r"\s*(?:the\s+|para\s+)?", re.I)
_JOINED = re.compile(r"\s*,?\s*(?:dan|serta|sekaligus|and)\s+", re.I)
#: A line that is a row of a table (Markdown pipes, or cells separated by tabs) or a list item.
_ROW = re.compile(r"[ \t]*(?:\||[-•*–][ \t]|\(?\d{1,3}[.)][ \t]|\(?[a-z][.)][ \t])")
#: Three columns set apart by runs of spaces ("1.      Budi    BPBD Kota Medan").
_COLUMNS = re.compile(r"\S {3,}\S.*?\S {3,}\S")
#: A table's rule line ("|---|:--|").
_RULE = re.compile(r"^[ \t|:+-]*$")
#: How far up a list's heading is looked for, in lines.
_HEADING_REACH = 80
#: The most words of a heading that does not end in a colon.
_HEADING_WORDS = 6
#: The most words of a line that is one cell of a table.
_CELL_WORDS = 10


def _is_row(line: str) -> bool:
    """A table row (pipes, even without the outer ones: "1 | Nama | Instansi"; tabs; or columns
    set apart by runs of spaces, as a PDF's table reads) or a list item."""
    return bool(_ROW.match(line)) or "\t" in line.strip() or line.count("|") >= 2 or bool(_COLUMNS.search(line))


@functools.cache
def _group_labels() -> frozenset[str]:
    return frozenset(row["cue"].lower() for row in table("group_headings"))


def _is_group_heading(line: str) -> bool:
    """A group label of a list ("Pemerintah:", "Dunia Usaha:", "unsur Akademisi:", from
    ``rules/group_headings.csv``), read past to the list's own heading."""
    label = re.sub(r"(?i)^\s*(?:unsur|kelompok)\s+", "", line.strip().rstrip(":").strip())
    return line.strip().endswith(":") and label.lower() in _group_labels()


def _is_heading(line: str) -> bool:
    """A line that can introduce a list: short ("Daftar Hadir", "I. PESERTA RAPAT") or ending in
    a colon ("... Narasumber dan undangan:"); a paragraph that runs on is no heading."""
    stripped = line.strip()
    return stripped.endswith(":") or len(stripped.split()) <= _HEADING_WORDS


def _is_cell(line: str) -> bool:
    """A line of one table cell, as a web page's table reads when each cell is a block ("1",
    "Budi", "BPBD Kota Medan"): short, and no sentence."""
    stripped = line.strip()
    return 0 < len(stripped.split()) <= _CELL_WORDS and not re.search(r"[.!?:;,]$", stripped)


def heading_cue(text: str, pos: int) -> Cue | None:
    """The cue of the heading over the list or table whose row or item holds ``pos``, if any.

    From the line of ``pos``, when it is a row or an item, the lines above are read up past the
    other rows and items, the rule and header lines of a table and the group headings of a list,
    to the first other line: the list's heading. Its cue (the first one of its last sentence that
    reaches forward, such as "Daftar Hadir", "Peserta yang hadir:", "Narasumber dan undangan:",
    "Attendance") is the role of every body the list names without a cue of its own. A table
    read one cell a line (a web page's) is read the same way, over its cells.
    """
    return _line_heading(text, text.rfind("\n", 0, pos) + 1)


@functools.lru_cache(maxsize=4096)
def _line_heading(text: str, line_start: int) -> Cue | None:
    """:func:`heading_cue` for every offset of the line that starts at ``line_start``: read once
    per line, since a table row or a long line names many bodies (and each would read it again)."""
    line_end = text.find("\n", line_start)
    own = text[line_start:line_end if line_end >= 0 else len(text)]
    cells = not _is_row(own) and _is_cell(own)
    if not (_is_row(own) or cells):
        return None
    end = line_start - 1
    top: tuple[int, int] | None = None  # the first row of the table: its header, if it has one
    header: Cue | None = None  # in a table of one cell a line, its organisation column's header
    for _ in range(_HEADING_REACH):
        if end < 0:
            break  # the text begins with the table
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip() or _RULE.match(line):
            continue
        if _is_row(line):
            top = (start, start + len(line))
            continue  # the other rows and items, the table's header
        if _is_group_heading(line):
            continue
        cues = [c for c in find_cues(text, _last_sentence(text, start, start + len(line)))
                if c.direction in ("after", "both") and c.role != "mentioned"] if _is_heading(line) else []
        if cues:
            return cues[0]
        if cells and _is_cell(line):
            header = _attendance_header(text, start, start + len(line)) or header
            continue
        # No heading says who the rows are: a header with an organisation column still does (it
        # may be a line of one cell, "Name / Organisation", above rows of several).
        return (_attendance_header(text, *(top or (start, start))) or _attendance_header(text, start, start + len(line))
                or header)
    return _attendance_header(text, *top) if top else header


@functools.cache
def _attendance_column() -> re.Pattern[str]:
    columns = sorted((row["column"] for row in table("attendance_columns")), key=len, reverse=True)
    return re.compile(r"(?:^|[|\t/]| {2})[ \t]*(" + "|".join(re.escape(c) for c in columns)
                      + r")[ \t]*(?:$|[|\t/]| {2})", re.I | re.M)


def _attendance_header(text: str, start: int, end: int) -> Cue | None:
    """A table with no heading that says who its rows are, whose header row has an organisation
    column ("| No | Nama | Jabatan | Instansi |", "Name / Organisation"), is an attendance list."""
    header = _attendance_column().search(text, start, end)
    if header is None:
        return None
    return Cue(header.start(1), header.end(1), "participant", "after", header.group(1))


def _last_sentence(text: str, start: int, end: int) -> Span:
    """The last sentence of the line ``text[start:end]`` (a heading may close a paragraph:
    "Peserta berjumlah 45 orang ... Narasumber dan undangan:")."""
    cut = max((m.end() for m in re.finditer(r"[.!?]\s+(?=\S)", text[start:end])), default=0)
    return Span(start + cut, end, text[start + cut:end])


def stronger(a: str, b: str) -> str:
    """The stronger of two roles (``a`` on a tie). A signatory ranks as a participant: it is at
    least one, and whether it organises the signing is decided after every other role is read
    ("X mengikuti serta menandatangani ...": the signing, joined after attending, wins)."""
    return a if _rank(a) <= _rank(b) else b


def _rank(role: str) -> int:
    return ROLE_ORDER.index("participant" if role == SIGNATORY else role)
