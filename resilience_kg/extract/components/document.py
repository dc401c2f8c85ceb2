"""One report as the pipeline sees it: its text, segmented once into sentences, and what each
component has found in it so far.

A component reads the fields earlier components filled and fills its own; a field no component
has filled yet holds its empty value, so a component can be run alone on a small document
(``Document("Rapat dihadiri oleh BPBD.")``) once the fields it reads are set.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from resilience_kg.extract.draft import Actor, Draft, IdMaker
from resilience_kg.extract.segment import Span
from resilience_kg.extract.segment import sentences as split_sentences

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.pillars.strategy import Strategies
    from resilience_kg.extract.recognise.actors import ActorMention
    from resilience_kg.extract.recognise.agreements import AgreementFact
    from resilience_kg.extract.recognise.clauses import ClauseFact
    from resilience_kg.extract.recognise.enumerations import ListItem
    from resilience_kg.extract.recognise.events import EventFact, SessionFact
    from resilience_kg.extract.recognise.persons import PostFact
    from resilience_kg.extract.recognise.roles import Cue
    from resilience_kg.extract.resolve import KnownActor


@dataclass
class Context:
    """What the run gives one report: its id, the language asked for, the publication date, the
    gazetteer and known actors to resolve against, the run's resolution cache, the id maker and
    the cities' strategies (``None``: the bundled ones)."""

    source_id: str = "report"
    lang: str = "auto"
    published: dt.date | None = None
    gazetteer: Gazetteer | None = None
    known: Sequence[KnownActor] = ()
    ids: IdMaker | None = None
    cache: dict[tuple[Any, ...], Any] | None = None
    strategies: Strategies | None = None

    def __post_init__(self) -> None:
        if self.ids is None:
            self.ids = IdMaker(set(), self.source_id)

    @property
    def id_maker(self) -> IdMaker:
        assert self.ids is not None  # set in __post_init__
        return self.ids


@dataclass
class Document:
    """A report's text, its sentences, and the annotations of the pipeline's components."""

    text: str
    context: Context = field(default_factory=Context)
    sentences: list[Span] = field(init=False)
    #: "language": "id" or "en".
    language: str = ""
    #: "city": the jurisdiction the report is about.
    city: str | None = None
    #: "mentions": every organisation and named unit, in order of position.
    mentions: list[ActorMention] = field(default_factory=list)
    #: "posts": every post written before an organisation ("Kepala BPBD"), with its holder.
    posts: list[PostFact] = field(default_factory=list)
    #: "clauses": proposals and commitments, with their subjects.
    clauses: list[ClauseFact] = field(default_factory=list)
    #: "cues": each sentence's role cues, by the sentence's start.
    cues: dict[int, list[Cue]] = field(default_factory=dict)
    #: "actors": the mentions grouped into actors, resolved, in order of first mention.
    actors: list[Actor] = field(default_factory=list)
    event: EventFact | None = None
    sessions: list[SessionFact] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    agreements: list[AgreementFact] = field(default_factory=list)
    #: "acting-posts": the posts to draft, with the role they play and the quote that says so.
    acting_posts: list[tuple[PostFact, str, tuple[int, int] | None]] = field(default_factory=list)
    #: "collectives": group words the report uses ("masyarakat"), never actors.
    collectives: list[str] = field(default_factory=list)
    draft: Draft = field(default_factory=Draft)

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.text)
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence that holds offset ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None
