"""The "roles" and "acting-posts" components: who organised, opened, spoke at or attended the
event, read from the cue words of each sentence and what the report says around each mention."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from resilience_kg.extract.components.document import Document
from resilience_kg.extract.draft import Actor
from resilience_kg.extract.recognise import role_model
from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.agreements import names_an_agreement
from resilience_kg.extract.recognise.clauses import ClauseFact
from resilience_kg.extract.recognise.roles import (
    SIGNATORY,
    Cue,
    CueIndex,
    heading_cue,
    inspection_cues,
    invitation,
    role_of,
    speech_tag_after,
    stronger,
)
from resilience_kg.extract.recognise.rules import alternation, post_words, table, word_regex, words
from resilience_kg.extract.segment import Span

#: The roles that make a post worth drafting even without a named holder.
_ACTING = ("organiser", "opener", "speaker", "host")


@dataclass(frozen=True)
class _Around:
    """What decides a mention's role besides its cues: the bodies each sentence names, the posts'
    spans, and the mentions that are the parent of a unit named with them."""

    spans_in: dict[int, list[tuple[int, int]]]  # sentence start -> the spans of its mentions, sorted
    post_spans: list[tuple[int, int]]
    parent_spans: set[tuple[int, int]]
    #: Per sentence start, where its first speech verb ends (None: it has none). Found once per
    #: sentence: searched again for each mention, a long list of bodies would cost its square.
    speech_ends: dict[int, int | None]
    #: Per sentence start, its cues indexed for :func:`role_of` (built once per sentence).
    cue_indexes: dict[int, CueIndex]

    def cues_of(self, doc: Document, sent: Span) -> CueIndex:
        if sent.start not in self.cue_indexes:
            self.cue_indexes[sent.start] = CueIndex.of(doc.cues.get(sent.start, []), doc.text, sent.start, sent.end)
        return self.cue_indexes[sent.start]

    def spoken_before(self, text: str, sent: Span, pos: int) -> bool:
        """Whether a speech verb of ``sent`` ends before ``pos``."""
        if sent.start not in self.speech_ends:
            self.speech_ends[sent.start] = min((m.end() for m in _speech().finditer(text, sent.start, sent.end)),
                                               default=None)
        end = self.speech_ends[sent.start]
        return end is not None and end <= pos


def roles(doc: Document) -> None:
    """Each actor's strongest role over its mentions, with the cue and the quote that give it.

    The cue rules read every mention (:func:`rule_roles`); then, where the rules' outcome for an
    actor is one the role model decides (a body named with no cue the rules know, mostly), the
    model reads what the report says around it and chooses (:mod:`..recognise.role_model`).
    """
    records, sources = rule_roles(doc)
    if not role_model.shipped():
        return
    for n, role in role_model.revise(doc, records, sources):
        actor = doc.actors[n]
        actor.role, actor.role_cue, actor.role_method = role, "", role_model.METHOD
        actor.role_quote = (actor.mention.start, actor.mention.end)


def rule_roles(doc: Document) -> tuple[list[list[role_model.MentionRole]], list[str]]:
    """The cue rules' role of each actor; per actor, what the rules read for each mention and what
    gave its role (a cue, a heading, a list, a clause, nothing: :class:`role_model.MentionRole`).

    Who signs an agreement ("X menandatangani nota kesepahaman dengan Y") organises the signing
    when the report names no other organiser, and otherwise takes part in it (annotation guide,
    roles 3): that is decided once every other role is read.
    """
    around = _around(doc)
    signed: dict[int, tuple[Cue, Span | None]] = {}
    inspected: dict[int, tuple[Cue, Span | None, ActorMention]] = {}
    records: list[list[role_model.MentionRole]] = [[] for _ in doc.actors]
    sources = ["none"] * len(doc.actors)
    for n, actor in enumerate(doc.actors):
        for m in actor.mentions:
            role, cue, sent, source = _role(doc, m, around)
            records[n].append(role_model.MentionRole(m.start, m.end, role, source, cue.direction if cue else "",
                                                     cue.start if cue else -1, cue.end if cue else -1))
            if role == SIGNATORY and cue is not None:
                signed.setdefault(n, (cue, sent))
                continue
            if role == "organiser" and cue is not None and cue.phrase.lower() in inspection_cues():
                inspected.setdefault(n, (cue, sent, m))
                continue
            if _take(actor, role, cue, sent, m):
                sources[n] = source
    # A body's own inspection ("Komisi IV meninjau lokasi banjir") is its event when no one else
    # is named as hosting or organising it; in a visit someone receives, or an event someone else
    # runs, who inspects takes part (docs/annotation-guide.md, roles 8).
    run_by_other = any(a.role in ("organiser", "host") for n, a in enumerate(doc.actors) if n not in inspected)
    for n, (cue, sent, m) in inspected.items():
        if _take(doc.actors[n], "participant" if run_by_other else "organiser", cue, sent, m):
            sources[n] = "cue"
    # Signatories organise a signing nobody else is named as organising; a body that is no party
    # to it and organises or hosts it (its house, or a visit it receives) runs it, and the parties
    # take part (docs/annotation-guide.md, roles 3). When the signing is the event (no event word
    # names it otherwise: "Pemkot X Adakan MoU", then "Pemkot X bersama A dan B melakukan
    # penandatanganan"), a party named as organiser is no one else, and all the parties organise
    # it. When a meeting word names the event ("Rapat koordinasi ... diselenggarakan oleh Bappeda",
    # then "Bappeda dan PAM Jaya menandatangani MoU"), its organiser runs it and the others take part.
    signing_is_event = doc.event is None or doc.event.kind_guessed
    organised = any(a.role in ("organiser", "host") and (n not in signed or not signing_is_event)
                    for n, a in enumerate(doc.actors))
    for n, (cue, sent) in signed.items():
        actor = doc.actors[n]
        if _take(actor, "participant" if organised else "organiser", cue, sent, actor.mention):
            sources[n] = "signatory"
    for found in (_seat_host(doc), _premises_host(doc), *_visit_met_hosts(doc)):
        if found is not None:
            n, cue = found
            if _take(doc.actors[n], "host", cue, doc.sentence_at(cue.start), doc.actors[n].mention):
                sources[n] = "cue"
    return records, sources


def _visit_met_hosts(doc: Document) -> list[tuple[int, Cue]]:
    """The bodies a visitor meets in a visit ("During her visit, the Ambassador met with the Mayor
    of X and the Rector of Y", "The visit included meetings with A, B and C"): the visited bodies
    host (guide, roles 8). Every body named after the meeting word to its clause's end is met; a
    host's cue reaches one name (:data:`roles._ONE_NAME`), so the list is read here."""
    out: list[tuple[int, Cue]] = []
    for m in _visit_met().finditer(doc.text):
        sent = doc.sentence_at(m.start(1))
        if sent is None:
            continue
        stop = re.compile(r"[;]|\.\s").search(doc.text, m.end(1), sent.end)
        end = stop.start() if stop else sent.end
        cue = Cue(m.start(1), m.end(1), "host", "after", m.group(1))
        out.extend((n, cue) for n, a in enumerate(doc.actors)
                   if any(m.end(1) <= mm.start < end for mm in a.mentions))
    return out


@functools.cache
def _visit_met() -> re.Pattern[str]:
    """A visit (``visit_nouns``), a few words of its clause, then who it met (group 1, ``visit_met``)."""
    visits, met = alternation("visit_nouns"), alternation("visit_met")
    return re.compile(rf"(?i)(?<![\w-])(?:{visits})(?![\w-])[^.;\n]{{0,100}}?(?<!\w)({met})(?!\w)")


#: How far after a premises word ("di Aula ...") the venue's words may run.
_PREMISES_CONTEXT = 90
#: How far after the premises word a mention names their owner ("Kantor PAM X", "Markas Kodim X").
_PREMISES_OWNER_GAP = 2
#: The fewest characters of a name looked for in a venue's words (a short form shorter is a word).
_PREMISES_NAME = 3


def _premises_host(doc: Document) -> tuple[int, Cue] | None:
    """The body whose premises the venue names when no mention of it stands there: "di Aula
    Kelurahan X" where the kelurahan is an actor through its Lurah's post, "di Kantor BPBD X" read
    as a place (guide, roles 9: the room's owner hosts). The venue is a premises word
    (``premises_words``: Kantor, Aula, ruang rapat, office) after "di" or "at", and its words to the
    clause's end; the first actor whose name, short form or a mention's words stand in them hosts."""
    spans = {(m.start, m.end) for a in doc.actors for m in a.mentions}
    found = [*_premises().finditer(doc.text), *_premises_apposition().finditer(doc.text)]
    for m in sorted(found, key=lambda f: f.start(1)):
        venue_start = m.end(1)
        venue = _venue_end().split(doc.text[venue_start:venue_start + _PREMISES_CONTEXT])[0]
        inside = sorted(s for s, _ in spans if venue_start <= s < venue_start + len(venue))
        if inside:
            # A mention right after the premises word names their owner ("di Ruang Serbaguna
            # Markas Kodim X", "kunjungan kerja ke Kantor PAM X"), where no cue of the rules
            # reaches it; one further on is left to the cue rules.
            first_word = doc.text[inside[0]:inside[0] + 40].split(maxsplit=1)[:1]
            # A post ("di Ruang Rapat Wakil Walikota") names an officer's room, whose body the
            # coreference may have resolved to another town's government: no owner by it.
            if inside[0] - venue_start <= _PREMISES_OWNER_GAP and not (
                    first_word and first_word[0].lower() in post_words("first")):
                owner = next(n for n, a in enumerate(doc.actors)
                             if any(mm.start == inside[0] for mm in a.mentions))
                return owner, Cue(m.start(1), m.end(1), "host", "after", m.group(1))
            continue
        best: tuple[int, int, int] | None = None  # (where the name stands, -its length, actor)
        for n, actor in enumerate(doc.actors):
            for name in _names_of(actor, doc.text):
                at = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", venue, re.I)
                if at is not None and (best is None or (at.start(), -len(name)) < best[:2]):
                    best = (at.start(), -len(name), n)
        if best is not None:
            return best[2], Cue(m.start(1), m.end(1), "host", "after", m.group(1))
    return None


def _names_of(actor: Actor, text: str) -> set[str]:
    """The names a venue may give an actor by: its name, its short forms, its mentions' words."""
    names = {actor.mention.name}
    for m in actor.mentions:
        names.update(x for x in (m.name, m.acronym, text[m.start:m.end]) if x)
    # A regional government's bare place ("Kupang" of "Wakil Bupati Kupang") names no premises:
    # "di Aula El Tari Kupang" is a hall in the town, not the regency's own.
    bare = set(_places_of(actor.mention.name)) if _regional_government().search(actor.mention.name) else set()
    return {n for n in names if len(n) >= _PREMISES_NAME and n not in bare}


@functools.cache
def _venue_end() -> re.Pattern[str]:
    """Where a venue's words end: a comma, a full stop, a line's end, or a word of time after it
    ("di Aula Kelurahan X saat ...", ``venue_end_words``)."""
    ends = alternation("venue_end_words")
    return re.compile(rf"[,;\n]|\.\s|\s(?:{ends})\s", re.I)


@functools.cache
def _premises() -> re.Pattern[str]:
    """A venue that is a body's premises: "di", "at", "in", "ke" or "to", at most two words, then a premises
    word (group 1, ``premises_words``)."""
    premises = alternation("premises_words")
    # ``premises_prepositions``: "di", "at", "in", and "ke"/"to" for a visit or a meeting taken to
    # the body's premises ("kunjungan kerja ke Kantor X").
    before = alternation("premises_prepositions")
    return re.compile(rf"(?i)(?<!\w)(?:{before})\s+(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?({premises})(?!\w)")


@functools.cache
def _premises_apposition() -> re.Pattern[str]:
    """A second premises word after a comma that names the first venue's owner ("di Gedung H,
    Kantor LLDIKTI X", "di Aula Utama, Markas Kodim X"): group 1 is the second premises word, whose
    words to the clause's end name the premises' body (guide, roles 9). A list of bodies ("Dinas A,
    Kantor Pertanahan B") has no venue before it, and stays a list."""
    premises = alternation("premises_words")
    before = alternation("premises_prepositions")
    return re.compile(rf"(?i)(?<!\w)(?:{before})\s+(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?(?:{premises})(?!\w)"
                      rf"[^,;.\n]{{0,{_APPOSITION_GAP}}},\s+({premises})(?!\w)")


#: The most characters of a first venue's own name before the comma of its apposition ("Gedung H").
_APPOSITION_GAP = 40


def _seat_host(doc: Document) -> tuple[int, Cue] | None:
    """The regional government whose seat is the event's venue ("di Balaikota Pemprov DKI Jakarta",
    "at the Semarang City Hall", "di Pendopo Kabupaten X"): its house, so it hosts (guide, roles 9
    and 10) unless it organises. The government is the one whose place the venue's words name; a
    seat named without its place ("di Balai Kota") makes no host: in Jakarta a city's government
    does not sit in the Balai Kota, the province's does."""
    governments = [n for n, a in enumerate(doc.actors) if _regional_government().search(a.mention.name)]
    if not governments:
        return None
    for m in _seat().finditer(doc.text):
        # The venue's own words: those between "di" and the seat, and those after it to the clause's end.
        around = m.group(0) + re.split(r"[,;\n]|\.\s", doc.text[m.end(1):m.end(1) + _SEAT_CONTEXT])[0]
        named = [n for n in governments if any(re.search(rf"(?<!\w){re.escape(place)}(?!\w)", around, re.I)
                                               for place in _places_of(doc.actors[n].mention.name))]
        if len(named) == 1:
            return named[0], Cue(m.start(1), m.end(1), "host", "after", m.group(1))
    return None


#: How far after a seat of government its place may be named ("di Balaikota Pemprov DKI Jakarta").
_SEAT_CONTEXT = 40


def _places_of(name: str) -> list[str]:
    """The place of a regional government's name, and without its leading short form when it has
    one: "Pemerintah Provinsi DKI Jakarta" -> "DKI Jakarta", "Jakarta" ("Jakarta City Hall");
    "Semarang City Government" -> "Semarang"."""
    place = re.sub(r"\s+", " ", _regional_government().sub(" ", name)).strip(" ,.-()")
    if not place:
        return []
    first, _, rest = place.partition(" ")
    return [place, rest] if rest and first.isupper() and len(first) > 1 else [place]


@functools.cache
def _regional_government() -> re.Pattern[str]:
    """The words that make a body a regional government (``regional_government_words``)."""
    return word_regex("regional_government_words")


@functools.cache
def _seat() -> re.Pattern[str]:
    """A seat of government as the venue: "di", "at" or "in", a few words, then the seat (group 1,
    ``seat_of_government``: Balai Kota, City Hall, Kantor Gubernur, Pendopo ...)."""
    seats = alternation("seat_of_government")
    # A room, then a comma, then the seat: "di Ruang Rapat Utama, Kantor Bupati X", "in the
    # Convention Room, X Regent's Office" (the room is the seat's).
    return re.compile(rf"(?i)(?<!\w)(?:di|at|in)\s+(?:the\s+)?(?:[^.;,\n]{{0,40}},\s*)?[^.;,\n]{{0,40}}?"
                      rf"(?<!\w)({seats})(?!\w)")


def _take(actor: Actor, role: str, cue: Cue | None, sent: Span | None, m: ActorMention) -> bool:
    """Give the actor this role if it is stronger than the one it has (True when it does)."""
    if stronger(role, actor.role) == role and (role != actor.role or actor.role_quote is None):
        actor.role = role
        actor.role_cue = cue.phrase if cue else ""
        actor.role_quote = (sent.start, sent.end) if sent and cue else (m.start, m.end)
        return True
    return False


def acting_posts(doc: Document) -> None:
    """The posts to draft: those that hold a person or do something at the event."""
    for post in doc.posts:
        sent = doc.sentence_at(post.start)
        role, cue = role_of(post.start, post.end, doc.cues.get(sent.start, []), doc.text) if sent else ("", None)
        if post.person or role in _ACTING:
            doc.acting_posts.append((post, role if cue else "", (sent.start, sent.end) if sent and cue else None))


def _around(doc: Document) -> _Around:
    spans_in: dict[int, list[tuple[int, int]]] = {}
    for m in doc.mentions:
        at = doc.sentence_at(m.start)
        if at is not None:
            spans_in.setdefault(at.start, []).append((m.start, m.end))
    for spans in spans_in.values():
        spans.sort()
    return _Around(spans_in, [(p.start, p.end) for p in doc.posts],
                   {m.parent_span for m in doc.mentions if m.parent_span}, {}, {})


def _role(doc: Document, m: ActorMention, around: _Around) -> tuple[str, Cue | None, Span | None, str]:
    """The role one mention gives its actor, the cue that says so, the sentence it is in and what
    gave the role (:class:`role_model.MentionRole`)."""
    text = doc.text
    sent = doc.sentence_at(m.start)
    # The sentence's mentions, sorted; role_of reads those between this one and a cue after it.
    others = around.spans_in.get(sent.start, []) if sent else []
    role, cue = role_of(m.start, m.end, around.cues_of(doc, sent), text, others) if sent else ("mentioned", None)
    source = "none" if cue is None else "tag" if cue.reach is not None else "cue"
    if cue is None and (heading := heading_cue(text, m.start)) is not None:
        # A row of an attendance table or an item of a list of speakers: its heading says who they are.
        role, cue, source = heading.role, heading, "heading"
    if cue is None and (heading := speaker_heading(text, m.start, m.end)) is not None:
        # Minutes: "Kepala BMKG" on a line of its own, then what the head said.
        role, cue, source = "speaker", heading, "heading"
    if cue is None and sent is not None and (len(around.spans_in.get(sent.start, ())) >= 3 or _name_list(text, sent)) \
            and not around.spoken_before(text, sent, m.start) and not quoted(text, m.start) \
            and not _programme().search(text, sent.start, m.start) and not _addressed().search(text, m.end, sent.end):
        # A list of bodies with no cue word is who was there; but those named after "mengharapkan",
        # "said", or inside a speaker's quoted words ("... bersama PT X, PD Y dan Z," katanya), are
        # spoken of (the speaker is there); and so are the partners of a programme or a project the
        # sentence tells of ("Program ini adalah kemitraan A, B dan C", "through a Joint
        # Programme with A and B"): the guide's background sentence, whose bodies are mentioned. So
        # are the bodies an appeal after them addresses ("UKPD seperti A, B dan C diimbau untuk ...").
        role, source = "participant", "list"
        if speech_tag_after(text, m.end, sent.end):
            # And so are those of a list the sentence's speech tag closes ("Petugas kami, A, B dan
            # C, sudah ikut menangani, katanya"): the speaker's words, whose quote mark a report
            # often drops. ``spoken`` is no outcome the role model decides.
            role, source = "mentioned", "spoken"
    if role == SIGNATORY and not (sent is not None and names_an_agreement(text, sent.start, sent.end)) \
            and not (cue is not None and cue.phrase.lower() in _SIGNING_AGENT):
        # "menandatangani" with no agreement named: a letter, a list, a handover record. The rules
        # read the verb and set it aside, which the role model must not read as no cue at all (a
        # subject with a verb, no cue: often a participant): ``unsigned`` is no outcome it decides.
        role, cue, source = "mentioned", None, "unsigned"
    if (m.start, m.end) in around.parent_spans:
        return "mentioned", None, sent, "parent"  # "Suku Dinas ... Kota Administrasi Jakarta Utara": the unit attends
    if _inside_clause(m, doc.clauses) and not (cue is not None and invitation(cue)) and \
            not (cue is not None and cue.role == "speaker" and cue.reach is not None):
        # (The bodies a verb of inviting asks to discuss or attend, "mengajak A dan B untuk membahas
        # ...", take part, though the statement reader reads the invitation as a call; and the body
        # a speech tag names after a quoted undertaking, "“Kami akan ...,” ujar Ali dari X", spoke
        # it, though the undertaking's span may run on past the quote.)
        # "pelatihan ... dipimpin oleh PMI bersama Dinsos" names who would do what is proposed,
        # not who ran the meeting.
        return "mentioned", None, sent, "inside"
    if role == "mentioned" and (said := _subject_of(m, doc.clauses)) is not None and not (
            sent is not None and (quoted(text, m.start) or around.spoken_before(text, sent, m.start))):
        # Who proposes or commits at the event is there; the proposal's verb is the cue. Not so a
        # body whose undertaking someone else reports ("Kepala Dinas A mengatakan bahwa B akan ...",
        # or inside a speaker's quoted words): it is spoken of.
        return ("participant", Cue(said.cue_start, said.cue_end, "participant", "before", said.cue), said.sentence,
                "clause")
    return role, cue, sent, source


#: The agent word of a signing named before it ("Penandatanganan dilakukan ... oleh A dan B":
#: ``roles._signing_by``): the signing itself is named, so no agreement word need be.
_SIGNING_AGENT = ("oleh", "by")
#: The most words of a speaker's heading in minutes ("Kepala BMKG", "Perwakilan Dinas SDA").
_SPEAKER_HEADING_WORDS = 8
#: The fewest words of a sentence under it that gives what the speaker said.
_SAID_WORDS = 6


def speaker_heading(text: str, start: int, end: int) -> Cue | None:
    """Minutes of a meeting put each speaker's post and body on a line of its own, and what the
    speaker said in the lines under it ("Kepala BMKG" / "Paparan ..." / "Saat ini ..."): the body
    of such a heading speaks (guide, roles 1). The line must open with a post's word, end with the
    body, and be followed, before the next blank-line block, by a sentence of some length (a
    signature block under a post holds a name and a number, no sentence)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if text[end:line_end].strip() or re.search(r"[:|\t.,;]", line):
        return None  # the body ends the line, which is no row, no label and no sentence
    if not 1 < len(line.split()) <= _SPEAKER_HEADING_WORDS:
        return None
    first = line.split()[0]
    if first.lower() not in post_words("first"):
        return None
    below = text[line_end:line_end + 1500].lstrip("\n")
    block = re.split(r"\n\s*\n\s*\n|\n(?=[^\n]{1,60}\n\s*\n)", below, maxsplit=1)[0]
    if not any(len(s.split()) >= _SAID_WORDS for s in re.split(r"[.\n]", block)):
        return None
    at = line_start + line.index(first)
    return Cue(at, at + len(first), "speaker", "after", first)


#: The most words of one item of a list of names.
_ITEM_WORDS = 6
#: The fewest items of a list of names.
_LIST_ITEMS = 4


def _name_list(text: str, sent: Span) -> bool:
    """Whether the sentence is a list of names and little else: at least four items apart by
    commas (or a last "dan"/"and"), each a few words that begin with a capital ("Babel, Dinas
    Pemdes, Bakuda, BMKG dan Unsur Media."): an attendance list the recognisers read only part
    of, or one a sentence break cut off from its cue."""
    body = text[sent.start:sent.end].strip().rstrip(".;")
    items = [i.strip() for i in re.split(r",|;|\n|\s+(?:dan|serta|and)\s+", body) if i.strip()]
    if len(items) < _LIST_ITEMS:
        return False
    names = [i for i in items if i[:1].isupper() and len(i.split()) <= _ITEM_WORDS and not re.search(r"\d{2,}", i)]
    return len(names) >= _LIST_ITEMS and len(names) * 5 >= len(items) * 4  # four in five items are names


def quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a quotation closed in its paragraph: after an opening curly
    quote and before its closing one, or after an odd number of straight double quotes and before
    one more (a stray quote mark, never closed, quotes nothing)."""
    newlines, curly, kinds, straight = _quote_marks(text)
    # Bisecting the marks found once keeps this constant per mention; a paragraph can be the whole text.
    n = bisect.bisect_left(newlines, pos)
    start = newlines[n - 1] + 1 if n else 0
    end = newlines[n] if n < len(newlines) else len(text)
    c = bisect.bisect_left(curly, pos)
    if c and curly[c - 1] >= start and kinds[c - 1] == "“":
        return c < len(curly) and curly[c] < end and kinds[c] == "”"
    q = bisect.bisect_left(straight, pos)
    return (q - bisect.bisect_left(straight, start)) % 2 == 1 and q < len(straight) and straight[q] < end


@functools.lru_cache(maxsize=4)
def _quote_marks(text: str) -> tuple[list[int], list[int], str, list[int]]:
    """Where the text's line breaks, curly quotes (with their kinds) and straight quotes stand."""
    curly = [i for i, ch in enumerate(text) if ch in "“”"]
    return ([i for i, ch in enumerate(text) if ch == "\n"], curly, "".join(text[i] for i in curly),
            [i for i, ch in enumerate(text) if ch == '"'])


@functools.cache
def _programme() -> re.Pattern[str]:
    """A programme or a project named before a body (``programme_words`` of ``rules/words.csv``)."""
    return word_regex("programme_words")


@functools.cache
def _addressed() -> re.Pattern[str]:
    """A passive appeal or request (``addressed_after`` of ``rules/words.csv``): the bodies named
    before it in its sentence are asked to act, spoken of, not a list of who attended."""
    return word_regex("addressed_after")


@functools.cache
def _speech() -> re.Pattern[str]:
    """A sentence that reports what someone said or hoped (``rules/speech_verbs.csv``): the
    bodies it names are spoken of, not necessarily present ("dirinya mengharapkan dukungan ...
    dari TNI/Polri")."""
    # and the verbs that only tell of other bodies ("mentioned visits to A, B and C",
    # ``spoken_of_verbs`` of ``rules/words.csv``), which the issues do not read as speech
    phrases = [row["phrase"] for row in table("speech_verbs")] + list(words("spoken_of_verbs"))
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _inside_clause(m: ActorMention, clauses: Sequence[ClauseFact]) -> bool:
    """True when the mention stands inside what a body proposes or commits to (not its subject)."""
    return any(c.start <= m.start and m.end <= c.end for c in clauses)


def _subject_of(m: ActorMention, clauses: Sequence[ClauseFact]) -> ClauseFact | None:
    """The proposal or commitment whose subject this mention is, if any."""
    return next((c for c in clauses if (m.start, m.end) in c.subjects), None)
