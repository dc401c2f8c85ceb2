"""Turn what the recognisers found in one report into draft rows of the three tables.

Every row carries ``status=draft``, the ``method`` that produced it, a ``confidence`` between 0
and 1, an exact ``quote`` and its ``start``/``end`` offsets in the saved text. Ids are made from
the words of the report only, so the same report against the same graph gives the same ids.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from resilience_kg.extract.language import name_language
from resilience_kg.extract.recognise.actors import ActorMention
from resilience_kg.extract.recognise.agreements import AgreementFact
from resilience_kg.extract.recognise.clauses import ClauseFact, Speech, sentence_subject, speakers
from resilience_kg.extract.recognise.enumerations import ListItem
from resilience_kg.extract.recognise.events import EventFact, SessionFact
from resilience_kg.extract.recognise.persons import PostFact
from resilience_kg.extract.recognise.roles import ROLE_CONNECTIONS
from resilience_kg.extract.recognise.rules import confidence, table
from resilience_kg.extract.segment import Span
from resilience_kg.extract.segment import sentences as split_sentences
from resilience_kg.graph.csv_reader import CONNECTION_COLUMNS, ELEMENT_COLUMNS, SOURCE_COLUMNS

if TYPE_CHECKING:
    from pathlib import Path

    from resilience_kg.extract.readers import SourceText
    from resilience_kg.extract.resolve import Resolution

#: Columns the extract adds to the bundled tables (the contract of issues 11 and 12).
ELEMENT_EXTRA = ("start", "end", "status", "method", "same_as", "match_score", "candidates")
CONNECTION_EXTRA = ("start", "end", "status", "method")
SOURCE_EXTRA = ("checksum",)
# The loader's columns first (it may already know the extra ones), then any it does not list yet.
ELEMENT_HEADER = ELEMENT_COLUMNS + tuple(c for c in ELEMENT_EXTRA if c not in ELEMENT_COLUMNS)
CONNECTION_HEADER = CONNECTION_COLUMNS + tuple(c for c in CONNECTION_EXTRA if c not in CONNECTION_COLUMNS)
SOURCE_HEADER = SOURCE_COLUMNS + tuple(c for c in SOURCE_EXTRA if c not in SOURCE_COLUMNS)
#: The ontology's agreement statuses (resilience.ttl).
AGREEMENT_STATUS_IDS = {"planned": "agreement-status-planned", "signed": "agreement-status-signed"}
#: The ontology's commitment statuses (resilience.ttl), by the status a cue gives.
COMMITMENT_STATUS_IDS = {s: f"commitment-status-{s}" for s in ("offered", "planned", "fulfilled")}


def slug(text: str, *, limit: int = 60) -> str:
    """A lower-case ASCII id from ``text``.

    >>> slug("Dinas Lingkungan Hidup (DLH) Provinsi DKI Jakarta")
    'dinas-lingkungan-hidup-dlh-provinsi-dki-jakarta'
    >>> slug("Kedutaan Besar Perancis", limit=12)
    'kedutaan'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0]
    return out or "x"


@dataclass
class Actor:
    """One actor of a report: its first mention, resolution and strongest role."""

    mention: ActorMention
    resolution: Resolution | None
    sector: str
    sector_confidence: float
    role: str = "mentioned"
    role_quote: tuple[int, int] | None = None
    role_cue: str = ""
    #: The method of a role no rule gave (the role model's, ``model:role-reader``); empty for the rules'.
    role_method: str = ""
    mentions: list[ActorMention] = field(default_factory=list)
    id: str = ""


@dataclass
class Draft:
    """The rows drafted from one report."""

    elements: list[dict[str, str]] = field(default_factory=list)
    connections: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ExtractedSource:
    """One report after extraction: its text, source row and drafted rows."""

    source_id: str
    source: SourceText
    language: str
    row: dict[str, str]
    draft: Draft
    city: str | None


@dataclass
class ExtractResult:
    """What one call wrote (or would write) and what it added to an existing review."""

    out: Path
    sources: list[ExtractedSource] = field(default_factory=list)
    added_elements: int = 0
    added_connections: int = 0
    added_sources: int = 0
    kept_elements: int = 0
    kept_connections: int = 0
    reviewed: int = 0
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line a person reads after the command."""
        parts = [f"{len(self.sources)} report(s)", f"added {self.added_elements} element and "
                 f"{self.added_connections} connection draft row(s)"]
        if self.kept_elements or self.kept_connections:
            parts.append(f"kept {self.kept_elements + self.kept_connections} existing row(s) "
                         f"({self.reviewed} reviewed) unchanged")
        return "; ".join(parts)


class IdMaker:
    """Unique, deterministic ids: a known id (in the graph being joined) or one used earlier in
    this run gets the source id appended, then a counter."""

    def __init__(self, known: set[str], source_id: str) -> None:
        self.taken = set(known)
        self.source_id = source_id

    def make(self, base: str, *alternatives: str) -> str:
        """``base``, or the first free alternative, or ``base`` with the source id appended."""
        for option in (base, *alternatives):
            if option not in self.taken:
                self.taken.add(option)
                return option
        candidate = base
        if candidate in self.taken:
            candidate = f"{base}-{self.source_id}"
        n = 2
        while candidate in self.taken:
            candidate = f"{base}-{self.source_id}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate


def labels(label: str, language: str, *, name: bool = False) -> dict[str, str]:
    """The label columns of ``label`` as the report writes it, in one language only: a name's
    own language when its words say (``name=True``), else the report's ``language``.

    A translation is a curator's work, so an Indonesian name never fills ``label_en``.

    >>> labels("Dinas Sosial", "en", name=True)
    {'label_id': 'Dinas Sosial', 'label_en': ''}
    >>> labels("Crowded buses at peak hours", "en")
    {'label_id': '', 'label_en': 'Crowded buses at peak hours'}
    """
    lang = (name_language(label) if name else "") or language
    return {"label_id": label if lang != "en" else "", "label_en": label if lang == "en" else ""}


def _conf(value: float) -> str:
    return f"{max(0.0, min(1.0, value)):.2f}"


def _element(**values: str) -> dict[str, str]:
    row = dict.fromkeys(ELEMENT_HEADER, "")
    row.update(values)
    row["basis"] = "report"
    row["status"] = "draft"
    return row


def _connection(text: str, source: str, frm: str, to: str, kind: str, start: int, end: int, method: str,
                confidence: float, note: str = "") -> dict[str, str]:
    row = dict.fromkeys(CONNECTION_HEADER, "")
    row.update({"from": frm, "to": to, "type": kind, "basis": "report", "confidence": _conf(confidence),
                "source": source, "quote": text[start:end], "start": str(start), "end": str(end), "status": "draft",
                "method": method, "note": note})
    return row


@dataclass
class _Rows:
    """The draft of one report as it is written, and what each of its rows needs: the report's
    text (rows quote it), its source id, the id maker and the report's language."""

    text: str
    source_id: str
    ids: IdMaker
    language: str
    draft: Draft = field(default_factory=Draft)

    def element(self, start: int, end: int, **values: str) -> None:
        """Append an element row quoting ``text[start:end]``."""
        self.draft.elements.append(_element(**values, quote=self.text[start:end], start=str(start), end=str(end),
                                            source=self.source_id))

    def connect(self, frm: str, to: str, kind: str, start: int, end: int, method: str, sure: float) -> None:
        """Append a connection row ``frm -kind-> to`` quoting ``text[start:end]``."""
        self.draft.connections.append(_connection(self.text, self.source_id, frm, to, kind, start, end, method, sure))


def build_draft(text: str, *, source_id: str, actors: Sequence[Actor], event: EventFact | None,
                sessions: Sequence[SessionFact], items: Sequence[ListItem], agreements: Sequence[AgreementFact],
                posts: Sequence[tuple[PostFact, str, tuple[int, int] | None]], collectives_seen: Sequence[str],
                ids: IdMaker, city: str | None = None, clauses: Sequence[ClauseFact] = (),
                language: str = "id", sentences: Sequence[Span] | None = None) -> Draft:
    """The element and connection rows for one report, kind by kind (the order gives the ids).
    ``sentences`` are the report's, when the caller has split it already."""
    rows = _Rows(text, source_id, ids, language)
    by_span = _draft_actors(rows, actors)
    event_id = _draft_event(rows, event, collectives_seen) if event is not None else ""
    if event_id:
        _draft_roles(rows, actors, event_id)
    session_ids = _draft_sessions(rows, sessions, event_id)
    # A list item that is a body's own commitment ("2. Tirtanadi akan mengganti pipa ...") is drafted
    # as that commitment, not also as a solution; a task the meeting assigns ("X diminta ...") may be
    # one of the proposals the list holds, and stays.
    items = [i for i in items if i.kind != "Solution" or not any(
        c.kind == "commitment" and c.cue.lower() != "diminta" and i.start <= c.cue_start < i.end for c in clauses)]
    solutions = _draft_items(rows, items, actors, session_ids, event_id, _Speakers.of(text, actors, sentences))
    agreement_ids = [_draft_agreement(rows, agreement, actors) for agreement in agreements]
    owner_of = {session.start: sid for session, sid in session_ids}
    for clause in clauses:
        owner = [sid for start, sid in owner_of.items() if start < clause.start] or ([event_id] if event_id else [])
        _draft_clause(rows, clause, actors=actors, solutions=solutions, agreements=agreement_ids,
                      owner=owner[-1] if owner else "")
    _draft_posts(rows, posts, by_span, event_id)
    _draft_units(rows, actors, by_span)
    return rows.draft


def _draft_actors(rows: _Rows, actors: Sequence[Actor]) -> dict[tuple[int, int], Actor]:
    """One row per actor; returns the actor of each mention's span."""
    by_span: dict[tuple[int, int], Actor] = {}
    for actor in actors:
        m = actor.mention
        label = re.sub(r"\s+", " ", m.name).strip()
        # An id of its own: the row's same_as names the graph's or gazetteer's node, and the
        # loader makes this id an alias of it once accepted.
        by_acronym = slug(m.acronym) if m.acronym and len(m.acronym) >= 3 else slug(label)
        actor.id = rows.ids.make(by_acronym, slug(label))
        for each in actor.mentions:
            by_span[(each.start, each.end)] = actor
        rows.draft.elements.append(_actor_row(rows, actor, label))
    return by_span


def _actor_row(rows: _Rows, actor: Actor, label: str) -> dict[str, str]:
    m = actor.mention
    res = actor.resolution
    # An expansion is "stated" only where the quote shows it; one given elsewhere in the
    # report is named in the note.
    stated = m.expansion if m.expansion and m.expansion in rows.text[m.start:m.end] else None
    row = _element(id=actor.id, type=actor.sector, **labels(label, rows.language, name=True), acronym=m.acronym or "",
                   expansion=stated or "", expansion_confidence="stated" if stated else "",
                   confidence=_conf(m.confidence * actor.sector_confidence ** 0.5),
                   method=m.method if res is None or not res.method else f"{m.method}; {res.method}",
                   note="; ".join(_actor_notes(actor, stated)), quote=rows.text[m.start:m.end], start=str(m.start),
                   end=str(m.end), source=rows.source_id)
    if res is not None:
        row["same_as"] = res.same_as or ""
        row["match_score"] = f"{res.score:.0f}" if res.score else ""
        row["candidates"] = "|".join(f"{cid}:{score:.0f}" for cid, score in res.candidates)
    return row


def _actor_notes(actor: Actor, stated: str | None) -> list[str]:
    """What the reviewer should know of an actor's row."""
    m = actor.mention
    res = actor.resolution
    notes = []
    if m.expansion and not stated:
        notes.append(f"expansion elsewhere in the report: {m.expansion}")
    if res is not None and res.method.startswith("unresolved:regional-branch-of:"):
        notes.append(f"a regional branch of {res.parent}, an actor of its own: link it to its national body "
                     "with org:subOrganizationOf on review")
    if res is not None and res.ambiguous:
        notes.append("ambiguous: choose same_as among the candidates")
    if res is not None and res.note:
        notes.append(res.note)
    if m.method == "rule:place-as-government":
        notes.append("a place that acts: its government is meant; set same_as to that body")
    if m.method == "rule:regional-head" and m.sector == "DiplomaticMission":
        notes.append("the mission an envoy's post belongs to (the quote is the post); check same_as")
    elif m.method == "rule:regional-head":
        notes.append("the government a regional head's post belongs to (the quote names its place); "
                     "check same_as")
    if actor.sector_confidence < confidence("sector:check-below"):
        notes.append("sector guessed: check the type")
    return notes


def _draft_event(rows: _Rows, event: EventFact, collectives_seen: Sequence[str]) -> str:
    """The event's row; returns its id."""
    text = rows.text
    when = event.date.isoformat() if event.date else rows.source_id
    event_id = rows.ids.make(slug(f"{event.kind}-{when}"))
    notes = [f"kind: {event.kind} (from the word {event.cue!r})" if not event.kind_guessed
             else f"kind: unknown (the report says only {event.cue!r}): set it on review"]
    if event.date_mention is not None:
        notes.append(f"date from {text[event.date_mention.start:event.date_mention.end]!r} "
                     f"at {event.date_mention.start}")
    if collectives_seen:
        notes.append("groups named, not actors: " + ", ".join(collectives_seen))
    rows.element(event.start, event.end, id=event_id, type="Event", **labels(event.label, rows.language),
                 date=event.date.isoformat() if event.date else "", confidence=_conf(confidence("event")),
                 method=f"rule:event-kind:{event.kind}", note="; ".join(notes))
    return event_id


def _draft_roles(rows: _Rows, actors: Sequence[Actor], event_id: str) -> None:
    """Each actor's role in the event, one connection (two for who opens or speaks)."""
    for actor in actors:
        kind, event_first = ROLE_CONNECTIONS[actor.role]
        s, e = actor.role_quote or (actor.mention.start, actor.mention.end)
        frm, to = (event_id, actor.id) if event_first else (actor.id, event_id)
        method = actor.role_method or (
            f"rule:role-cue:{actor.role_cue}" if actor.role_cue else f"rule:role-default:{actor.role}")
        rows.connect(frm, to, kind, s, e, method, confidence("role:cue" if actor.role_cue else "role:default"))
        if actor.role in ("opener", "speaker"):
            # Who opens or speaks is there: the participants and the timeline count them too.
            rows.connect(actor.id, event_id, "participatedIn", s, e, f"rule:role-implies-participant:{actor.role}",
                         confidence("role:implies-participant"))


def _draft_sessions(rows: _Rows, sessions: Sequence[SessionFact], event_id: str) -> list[tuple[SessionFact, str]]:
    """The sessions' rows, each in the event; returns each session with its id."""
    session_ids: list[tuple[SessionFact, str]] = []
    for session in sessions:
        topic = session.label[5:] if session.label.lower().startswith("sesi ") else session.label
        sid = rows.ids.make(slug(f"session-{topic}"))
        session_ids.append((session, sid))
        rows.element(session.start, session.end, id=sid, type="Session", **labels(session.label, rows.language),
                     confidence=_conf(confidence("session")), method="rule:session")
        if event_id:
            rows.connect(event_id, sid, "hasSession", session.start, session.end, "rule:session", confidence("session"))
    return session_ids


@dataclass
class _Speakers:
    """Who speaks in each sentence of a report (:func:`~.recognise.clauses.speakers`), by the
    actor each speaker's mention belongs to."""

    starts: list[int]
    speech: dict[int, Speech]
    actor_at: dict[tuple[int, int], Actor]
    text: str = ""
    sentences: Sequence[Span] = ()

    @classmethod
    def of(cls, text: str, actors: Sequence[Actor], sentences: Sequence[Span] | None = None) -> _Speakers:
        actor_at = {(m.start, m.end): a for a in actors for m in a.mentions}
        sents = list(sentences) if sentences is not None else split_sentences(text)
        return cls([s.start for s in sents], speakers(text, sents, list(actor_at)), actor_at, text, sents)

    def subject_at(self, pos: int) -> tuple[Actor, tuple[int, int]] | None:
        """The body that opens the sentence holding ``pos`` as its subject, with its mention's span."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or not self.sentences:
            return None
        span = sentence_subject(self.text, self.sentences[i], sorted(self.actor_at))
        actor = self.actor_at.get(span) if span is not None else None
        return (actor, span) if actor is not None and span is not None else None

    def at(self, pos: int) -> tuple[Actor, Speech] | None:
        """The actor speaking in the sentence that holds ``pos``, with the words that say so."""
        i = bisect.bisect_right(self.starts, pos) - 1
        speech = self.speech.get(self.starts[i]) if i >= 0 else None
        actor = self.actor_at.get(speech.subject) if speech is not None else None
        return (actor, speech) if actor is not None and speech is not None else None


def _draft_items(rows: _Rows, items: Sequence[ListItem], actors: Sequence[Actor],
                 session_ids: Sequence[tuple[SessionFact, str]], event_id: str,
                 said: _Speakers | None = None) -> list[tuple[int, int, str]]:
    """Issues and solutions under their session (the last session named before the list), else
    in the event; returns each solution's span and id. A solution whose list names no body is
    proposed by whoever says it: the speaker of its sentence (a body, its head's post or its
    officer), or the speaker its sentence goes on with ("lanjutnya", the same paragraph)."""
    solutions: list[tuple[int, int, str]] = []
    for item in items:
        if item.kind == "Commitment":
            _draft_sentence_commitment(rows, item, said)
            continue
        prefix = "issue" if item.kind == "Issue" else "solution"
        iid = rows.ids.make(slug(f"{prefix}-{item.label}", limit=50))
        note = ("review: link it to a pillar (underPillar)" if item.kind == "Issue"
                else "review: link it to the issues it addresses (addressesIssue)")
        rows.element(item.start, item.end, id=iid, type=item.kind, **labels(item.label, rows.language),
                     confidence=_conf(confidence(item.sure)), method=item.method, note=note)
        # An issue's pillar is drafted afterwards, by resilience_kg.extract.pillars.links.add_pillar_links.
        # A solution is paired with an issue (addressesIssue) only where the text pairs them, never
        # by shared words: the reviewer adds the pairs the report states.
        owner = [sid for session, sid in session_ids if session.start < item.start] or ([event_id] if event_id else [])
        if owner:
            link = "raisedIn" if item.kind == "Issue" else "presentedIn"
            rows.connect(iid, owner[-1], link, item.start, item.end, item.method, confidence("item:in-event"))
        if item.kind == "Solution":
            proposers = [a for a in actors for m in a.mentions if item.intro_start <= m.start < item.intro_end]
            for proposer in proposers[:1]:
                rows.connect(iid, proposer.id, "proposedBy", item.intro_start, item.intro_end, "rule:list-intro-actor",
                             confidence("item:list-intro-actor"))
            speaker = said.at(item.start) if said is not None and not proposers else None
            if speaker is not None:
                actor, speech = speaker
                kind = "speaker-carried" if speech.carried else "speaker"
                rows.connect(iid, actor.id, "proposedBy", speech.start, speech.end, f"rule:proposal-{kind}",
                             confidence(f"proposal:{kind}"))
            solutions.append((item.start, item.end, iid))
    return solutions


def _draft_sentence_commitment(rows: _Rows, item: ListItem, said: _Speakers | None) -> None:
    """A pledge or a plan the commitment model read in a sentence no rule took: its status from
    the first commitment verb in it ("akan": planned, "telah": fulfilled; planned without one),
    its party the speaker of the sentence, when one is named."""
    cid = rows.ids.make(slug(f"commitment-{item.label}", limit=50))
    rows.element(item.start, item.end, id=cid, type="Commitment", **labels(item.label, rows.language),
                 confidence=_conf(confidence(item.sure)), method=item.method,
                 note="review: who commits (committedBy), and the status")
    statuses = {r["cue"].lower(): r["status"] for r in table("commitment_cues")}
    verbs = "|".join(re.escape(c) for c in sorted(statuses, key=len, reverse=True))
    verb = re.compile(rf"(?<![\w-])(?:{verbs})(?![\w-])", re.I).search(rows.text, item.start, item.end)
    status = statuses[" ".join(verb.group(0).lower().split())] if verb else "planned"
    at = (verb.start(), verb.end()) if verb else (item.start, item.end)
    rows.connect(cid, COMMITMENT_STATUS_IDS[status], "commitmentStatus", *at, item.method,
                 confidence("commitment:status"))
    speaker = said.at(item.start) if said is not None else None
    if speaker is not None:
        actor, speech = speaker
        rows.connect(cid, actor.id, "committedBy", speech.start, speech.end, item.method,
                     confidence("commitment:party"))
        return
    # No one speaks: the body the sentence opens with does what it says ("Pemerintah Kota X
    # memastikan ...", "Undip continuously implements ...").
    subject = said.subject_at(item.start) if said is not None else None
    if subject is not None:
        actor, (start, end) = subject
        rows.connect(cid, actor.id, "committedBy", start, max(end, item.start), item.method,
                     confidence("commitment:party"))


def _draft_agreement(rows: _Rows, agreement: AgreementFact, actors: Sequence[Actor]) -> tuple[int, int, str]:
    """An agreement's row, its parties (the actors its sentence names) and its status; returns its span and id."""
    aid = rows.ids.make(slug(f"agreement-{agreement.acronym or ''}-{agreement.label}", limit=50))
    rows.element(agreement.start, agreement.end, id=aid, type="Agreement",
                 **labels(agreement.label, rows.language, name=True), acronym=agreement.acronym or "",
                 confidence=_conf(confidence("agreement")), method="rule:agreement")
    s, e = agreement.sentence.start, agreement.sentence.end
    # The label counts too: "an MoU between BPBD and UNDP" names its parties in it.
    parties = [actor for actor in actors if any(s <= m.start < e for m in actor.mentions)]
    for party in parties:
        rows.connect(aid, party.id, "party", s, e, "rule:agreement-party", confidence("agreement:party"))
    if agreement.status:
        rows.connect(aid, AGREEMENT_STATUS_IDS[agreement.status], "agreementStatus", s, e,
                     f"rule:agreement-status:{agreement.status_cue}", confidence("agreement:status"))
    return agreement.start, agreement.end, aid


def _draft_posts(rows: _Rows, posts: Sequence[tuple[PostFact, str, tuple[int, int] | None]],
                 by_span: dict[tuple[int, int], Actor], event_id: str) -> None:
    """Posts in their organisation, the role they play at the event, and the persons who hold them."""
    post_ids: dict[tuple[str, str], str] = {}
    person_ids: dict[str, str] = {}
    for post, role, role_span in posts:
        holder = by_span.get((post.org.start, post.org.end))
        if holder is None:
            continue
        # The same post named twice ("Sekretaris BPBD Kabupaten Kendal" in two sentences) is one post.
        known_post = post_ids.get((" ".join(post.label.split()), holder.id))
        pid = known_post or rows.ids.make(slug(f"post-{post.label}", limit=50))
        if known_post is None:
            post_ids[(" ".join(post.label.split()), holder.id)] = pid
            rows.element(post.start, post.end, id=pid, type="Post", **labels(post.label, rows.language, name=True),
                         confidence=_conf(confidence("post")), method="rule:post")
        if event_id and role in ("opener", "speaker") and role_span is not None:
            kind, event_first = ROLE_CONNECTIONS[role]
            frm, to = (event_id, pid) if event_first else (pid, event_id)
            rows.connect(frm, to, kind, role_span[0], role_span[1], f"rule:role-cue:{role}", confidence("post:role"))
        if known_post is None:
            rows.connect(pid, holder.id, "org:postIn", post.start, post.end, "rule:post", confidence("post"))
        if post.person and post.person not in person_ids:
            _draft_holder(rows, post, pid, person_ids)


def _draft_holder(rows: _Rows, post: PostFact, pid: str, person_ids: dict[str, str]) -> None:
    """The person who holds a post, the first time the report names them."""
    if post.person is None or post.person_start is None or post.person_end is None:
        return
    person_id = person_ids[post.person] = rows.ids.make(slug(f"person-{post.person}", limit=50))
    rows.element(post.person_start, post.person_end, id=person_id, type="Person", label_id=post.person, label_en="",
                 confidence=_conf(confidence("post:holder")), method="rule:post-holder")
    rows.connect(pid, person_id, "org:heldBy", post.start, post.person_end, "rule:post-holder",
                 confidence("post:holder"))


def _draft_units(rows: _Rows, actors: Sequence[Actor], by_span: dict[tuple[int, int], Actor]) -> None:
    """Units inside their parent: "Bidang Pencegahan ... BPBD"."""
    for actor in actors:
        span = actor.mention.parent_span
        parent = by_span.get(span) if span else None
        if parent is not None and parent is not actor:
            rows.connect(actor.id, parent.id, "org:subOrganizationOf", actor.mention.start, actor.mention.end,
                         "rule:unit-in-parent", confidence("unit-in-parent"))


def _draft_clause(rows: _Rows, clause: ClauseFact, *, actors: Sequence[Actor],
                  solutions: Sequence[tuple[int, int, str]], agreements: Sequence[tuple[int, int, str]],
                  owner: str) -> None:
    """A proposal becomes a Solution proposed by its subjects and presented in the event (or the
    solution already drafted from a list, when the clause is that list item); a commitment
    becomes a Commitment by its subjects, with the status its verb gives."""
    by_span = {(m.start, m.end): a for a in actors for m in a.mentions}
    subjects: list[Actor] = []
    for span in clause.subjects:
        actor = by_span.get(span)
        if actor is not None and actor not in subjects:
            subjects.append(actor)
    if not subjects and clause.kind == "proposal":
        return
    label = re.sub(r"\s+", " ", rows.text[clause.start:clause.end]).strip()
    label = label[0].upper() + label[1:]
    if clause.kind == "proposal":
        _draft_proposal(rows, clause, label, subjects, solutions, owner)
    else:
        _draft_commitment(rows, clause, label, subjects, agreements)


def _clause_method(clause: ClauseFact) -> str:
    return f"rule:{clause.kind}-cue:{clause.cue.lower()}"


def _who(clause: ClauseFact) -> tuple[int, int]:
    """The quote that states who: from the first subject to the end of what was said (or to the
    speaker named after a quoted pledge: "\"Kami akan ...,\" ujar Kepala X")."""
    if not clause.subjects:  # a plan agreed with no agent named: the reviewer names the party
        return min(clause.start, clause.cue_start), max(clause.end, clause.cue_end)
    return (min(min(clause.subjects)[0], clause.cue_start),
            max(clause.end, clause.cue_end, max(end for _, end in clause.subjects)))


def _draft_proposal(rows: _Rows, clause: ClauseFact, label: str, subjects: Sequence[Actor],
                    solutions: Sequence[tuple[int, int, str]], owner: str) -> None:
    method = _clause_method(clause)
    listed = next((sid for s, e, sid in solutions if s < clause.end and clause.start < e), None)
    sid = listed or rows.ids.make(slug(f"solution-{label}", limit=50))
    if listed is None:
        rows.element(clause.start, clause.end, id=sid, type="Solution", **labels(label, rows.language),
                     confidence=_conf(confidence("proposal")), method=method,
                     note="review: link it to the issues it addresses (addressesIssue) where the report pairs them")
        if owner:
            rows.connect(sid, owner, "presentedIn", clause.start, clause.end, method, confidence("proposal:in-event"))
    who = _who(clause)
    # A request the prose reader drafted with its speaker ("X dalam sambutannya berharap agar ...")
    # is proposed by the same body once.
    linked = {c["to"] for c in rows.draft.connections if c["from"] == sid and c["type"] == "proposedBy"}
    for actor in subjects:
        if actor.id not in linked:
            rows.connect(sid, actor.id, "proposedBy", who[0], who[1], method, confidence("proposal"))


def _draft_commitment(rows: _Rows, clause: ClauseFact, label: str, subjects: Sequence[Actor],
                      agreements: Sequence[tuple[int, int, str]]) -> None:
    method = _clause_method(clause)
    who = _who(clause)
    cid = rows.ids.make(slug(f"commitment-{label}", limit=50))
    rows.element(clause.start, clause.end, id=cid, type="Commitment", **labels(label, rows.language),
                 confidence=_conf(confidence("commitment")), method=method,
                 note=f"status {clause.status} from the word {clause.cue!r}")
    for actor in subjects:
        rows.connect(cid, actor.id, "committedBy", who[0], who[1], method, confidence("commitment:party"))
    rows.connect(cid, COMMITMENT_STATUS_IDS[clause.status], "commitmentStatus", clause.cue_start, clause.cue_end,
                 method, confidence("commitment:status"))
    for start, end, aid in agreements:
        if start < clause.sentence.end and clause.sentence.start < end:
            # "... akan menyepakati Nota Kesepahaman ...": the commitment concerns that agreement.
            rows.connect(cid, aid, "commitmentConcerns", who[0], max(who[1], end), "rule:commitment-names-agreement",
                         confidence("commitment:agreement"))
