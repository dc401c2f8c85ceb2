"""Score extracted tables against a hand-annotated report: actors, sectors, quotes, dates, roles,
and what the report says about its event: issues, solutions, commitments and their pillars.

A gold file is JSON, one per report, beside the report (``tests/extract_devset/*.json`` for the
part the rules are tuned on, ``tests/extract_frozen/*.json`` for the frozen part nobody tunes on)::

    {"source": "01_x.txt", "encoding": "utf-8", "format": "docx" (optional: generate this format),
     "language": "id", "city": "DKI Jakarta", "publication_date": null,
     "event": {"kind": "meeting", "date": "2020-01-14"},
     "actors": [{"surface": "Dinas Sumber Daya Air (DSDA)", "name": "Dinas Sumber Daya Air",
                 "id": "dsda", "sector": "GovernmentAgency", "role": "participant",
                 "aliases": ["DSDA"], "optional": false},
                {"surface": "Pemerintah Kota Semarang", ..., "id": null, "ref": "pemkot-semarang"}, ...],
     "persons": [...], "not_actors": [...], "agreements": [...],
     "issues": [{"surface": "sampah yang menyumbat saringan pintu air", "pillar": "jakarta-sehat",
                 "raised_in": "event"}, ...],
     "solutions": [{"surface": "...", "pillar": null, "proposed_by": ["dsda"],
                    "presented_in": "session:Sesi Banjir dan Drainase"}, ...],
     "commitments": [{"surface": "PAM JAYA akan menyelesaikan ...", "party": ["pam-jaya"],
                      "status": "planned", "pillar": "jakarta-sehat"}, ...]}

**Statements.** Every ``surface`` is an exact substring of the report (of its text with the tags
taken out, for HTML). ``pillar`` is a pillar id of the strategy for the report's ``city`` (Jakarta:
``jakarta-siap`` disasters, floods, preparedness, safety; ``jakarta-sehat`` water, sanitation,
waste, health, environment quality; ``jakarta-terhubung`` mobility, transport, connectivity,
data, social cohesion and partnerships), or ``null`` when the text gives no basis or the city has
no strategy in the table. ``raised_in`` / ``presented_in`` is ``"event"`` (the report's event, the
first one it names), ``"session:<label>"`` (a session, by the exact surface of its label) or
``"event:<label>"`` (a further event of a report about several). ``proposed_by`` and ``party`` are
gold actor ids, or the ``ref`` of an actor without one (``id`` is kept for gazetteer ids, so that a
wrong resolution shows). ``status`` is ``offered`` (bersedia, menawarkan, offered), ``planned`` (akan,
berkomitmen, committed to, will, pledged, with a deliverable) or ``fulfilled`` (telah, has done).
The old form, a list of strings, is still read: such an issue or solution counts for "found"
only, since it says nothing of its place, pillar or proposer.

**The matching rule.** The extracted actors are the element rows of an actor class that are not
rejected, one actor per node: rows naming the same ``same_as`` (or, without it, the same ``id``)
are one actor. An extracted actor matches a gold actor when

1. its node id (``same_as`` or ``id``) is the gold ``id``; or
2. one of its names (``label_id``, ``label_en``, ``acronym``, ``expansion``, ``quote``), normalised
   as the gazetteer does (case, punctuation, legal forms, spelling variants), equals the gold
   ``surface``, ``name`` or one of its ``aliases``, normalised the same way; unless the node was
   resolved to a gazetteer id and the gold actor has another id (the Jakarta ``bpbd`` node does not
   match Semarang's BPBD because both are called "BPBD").

Each gold actor is matched at most once (a maximum bipartite matching). An extracted actor that
matches only an ``optional`` gold actor (a venue, a unit known only through a post) counts neither
way. Every other unmatched extracted actor is a false positive, including a second node for an
actor already matched: the graph must hold one node per actor.

- precision = matched / extracted actors (optional ones left out); recall = matched / required gold;
- sector accuracy = matched actors whose ``type`` is the gold ``sector``, over matched actors;
- quotes exact = rows with a quote whose ``start``/``end`` select exactly that quote in the source
  text, over every row (elements and connections) with a quote;
- date correct = the first ``Event`` row's ``date`` is the gold event date (reports with a date);
- role accuracy = matched actors whose strongest drafted role in the event is the gold role, over
  matched actors with a gold role. The roles, strongest first, are ``ROLES``: organizer, host,
  speaker ("opener" counts as speaker), participant, mentioned; a role held through a post
  (``org:postIn``) is its organisation's. An actor drafted as speaker and participant is a speaker:
  right where the gold says speaker, wrong where it says participant (a wrong promotion shows).
  Each miss is kept (``ReportScore.role_wrong``) with the roles drafted and the cues their
  connections name (the ``method``), for ``--details``. ``docs/annotation-guide.md`` says which
  role the gold gives.

**Statements are matched by text.** An extracted ``Issue`` (``Solution``, ``Commitment``) row
matches a gold one when one of its texts (``label_id``, ``label_en``, ``quote``), lower-cased with
punctuation and spacing squashed, shares with the gold surface a run of whole words covering at
least ``MIN_SHARED`` of the shorter text and ``MIN_OVERLAP`` of the longer: fuzzy containment (a
quote may carry the proposer's clause, or stop before the gold's "X committed to", or run on past
it; a whole paragraph does not stand for each of its issues, nor a fragment for the whole). Again
one to one, maximal. Then, over gold:

- issues found = matched gold issues / gold issues (and drafted issues matched / drafted);
- issues raised in the right place = matched issues whose ``raisedIn`` targets are all the gold
  place (the first ``Event`` row for ``"event"``; a ``Session`` or ``Event`` row whose label or
  quote contains, or is contained in, the gold label for the others), at least one;
- issues under the right pillar = matched issues whose ``underPillar`` targets are exactly the gold
  pillar (none for a ``null`` pillar), over gold issues with a pillar field;
- solutions found, presented in the right place (``presentedIn``), under the right pillar, the same
  way; proposers found = (solution, proposer) pairs with a ``proposedBy`` row from the matched
  solution to the node matched to that gold actor (through a post, its organisation), over pairs;
- commitments found; parties found = (commitment, party) pairs with a ``committedBy`` row, over
  pairs; status right = matched commitments whose ``commitmentStatus`` targets are exactly
  ``commitment-status-<status>``, over gold commitments.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from resilience_kg.errors import DataError
from resilience_kg.extract.gazetteer import SECTORS, normalise
from resilience_kg.extract.recognise.roles import ROLE_ORDER

#: Connection types that state an actor's role in an event, to the role they state.
ROLE_OF_CONNECTION = {
    "organizedBy": "organizer", "hostedBy": "host", "openedBy": "speaker", "speakerAt": "speaker",
    "presentedIn": "speaker", "participatedIn": "participant", "mentionedIn": "mentioned",
}  # fmt: skip
#: The roles a gold file may give, strongest first: the order of the extraction's roles
#: (``recognise.roles.ROLE_ORDER``) in the gold's words, an opener counting as a speaker.
ROLES = tuple(dict.fromkeys({"organiser": "organizer", "opener": "speaker"}.get(r, r) for r in ROLE_ORDER))
_ROLE_GROUP = {"opener": "speaker"}
#: A statement matches by text when the longest run of words both share covers this share of the
#: shorter text and ``MIN_OVERLAP`` of the longer.
MIN_SHARED = 0.6
MIN_OVERLAP = 0.3
COMMITMENT_STATUSES = ("offered", "planned", "fulfilled")
STATEMENT_CLASSES = ("Issue", "Solution", "Commitment")
_PLACE = re.compile(r"^(event|session:.+|event:.+)$", re.S)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class GoldActor:
    surface: str
    name: str
    id: str | None
    sector: str
    role: str | None
    aliases: tuple[str, ...] = ()
    optional: bool = False
    #: How the gold file's statements refer to this actor: its ``id``, or ``ref`` for an actor that
    #: has no gazetteer id (a region's standard body, a body the gazetteer does not list).
    ref: str | None = None

    def keys(self) -> set[str]:
        return {k for k in (normalise(s) for s in (self.surface, self.name, *self.aliases)) if k}


@dataclass(frozen=True)
class GoldStatement:
    """An issue, a solution or a commitment as the annotator read it.

    ``None`` in ``place`` means the annotation does not say (the old list-of-strings form);
    ``pillar`` is then not annotated either (``pillar_given`` is false).
    """

    surface: str
    pillar: str | None = None
    pillar_given: bool = False
    place: str | None = None  # raised_in / presented_in
    actors: tuple[str, ...] | None = None  # proposed_by / party
    status: str | None = None


@dataclass(frozen=True)
class GoldReport:
    """One hand-annotated report."""

    path: Path  # the JSON file
    source: Path  # the report file
    encoding: str
    format: str | None
    language: str
    city: str | None
    publication_date: str | None
    event_kind: str | None
    event_date: str | None
    actors: tuple[GoldActor, ...]
    not_actors: tuple[str, ...] = ()
    issues: tuple[GoldStatement, ...] = ()
    solutions: tuple[GoldStatement, ...] = ()
    commitments: tuple[GoldStatement, ...] = ()

    @property
    def name(self) -> str:
        return self.source.stem

    def text(self) -> str:
        return self.source.read_bytes().decode(self.encoding)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refusing a key given twice (the second would silently win)."""
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {key!r} is given twice")
        seen[key] = value
    return seen


def load_gold(path: Path) -> GoldReport:
    """Read one gold JSON file, checking its fields; errors name the file and the actor."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read the annotation: {exc}", location=str(path)) from exc
    try:
        actors = []
        for n, a in enumerate(data["actors"], 1):
            if a["sector"] not in SECTORS:
                raise DataError(f"actor {n} ({a['surface']!r}): unknown sector {a['sector']!r}", location=str(path))
            if a.get("role") is not None and _ROLE_GROUP.get(a["role"], a["role"]) not in ROLES:
                raise DataError(f"actor {n} ({a['surface']!r}): unknown role {a['role']!r} (one of "
                                f"{', '.join(ROLES)}, or opener)", location=str(path))  # fmt: skip
            actors.append(GoldActor(
                surface=a["surface"], name=a["name"], id=a.get("id"), sector=a["sector"], role=a.get("role"),
                aliases=tuple(a.get("aliases", ())), optional=bool(a.get("optional", False)),
                ref=a.get("ref") or a.get("id"),
            ))  # fmt: skip
        event = data.get("event") or {}
        ids = {a.ref for a in actors if a.ref}
        issues = tuple(_statement(path, "issue", n, x, ids) for n, x in enumerate(data.get("issues", ()), 1))
        solutions = tuple(_statement(path, "solution", n, x, ids) for n, x in enumerate(data.get("solutions", ()), 1))
        commitments = tuple(
            _statement(path, "commitment", n, x, ids) for n, x in enumerate(data.get("commitments", ()), 1)
        )
        return GoldReport(
            path=path, source=path.parent / data["source"], encoding=data.get("encoding", "utf-8"),
            format=data.get("format"), language=data.get("language", "id"), city=data.get("city"),
            publication_date=data.get("publication_date"), event_kind=event.get("kind"),
            event_date=event.get("date"), actors=tuple(actors), not_actors=tuple(data.get("not_actors", ())),
            issues=issues, solutions=solutions, commitments=commitments,
        )  # fmt: skip
    except KeyError as exc:
        raise DataError(f"missing field {exc.args[0]!r}", location=str(path)) from None


def _statement(path: Path, kind: str, n: int, item: object, ids: set[str]) -> GoldStatement:
    """One gold issue, solution or commitment, checked; errors name the file and the item."""
    where = f"{kind} {n}"
    if isinstance(item, str):
        if kind == "commitment":
            raise DataError(f"{where}: a commitment needs its party and status (an object)", location=str(path))
        return GoldStatement(surface=item)
    if not isinstance(item, dict) or not isinstance(item.get("surface"), str) or not item["surface"].strip():
        raise DataError(f"{where}: needs a non-empty 'surface'", location=str(path))
    where = f"{kind} {n} ({item['surface'][:40]!r})"
    pillar = item.get("pillar")
    if pillar is not None and not (isinstance(pillar, str) and _ID.match(pillar)):
        raise DataError(f"{where}: pillar must be an id or null, not {pillar!r}", location=str(path))
    place_key = {"issue": "raised_in", "solution": "presented_in"}.get(kind)
    place = item.get(place_key) if place_key else None
    if place_key and place is not None and not (isinstance(place, str) and _PLACE.match(place)):
        raise DataError(f"{where}: {place_key} must be 'event', 'session:<label>' or 'event:<label>', "
                        f"not {place!r}", location=str(path))  # fmt: skip
    actor_key = {"solution": "proposed_by", "commitment": "party"}.get(kind)
    actors = None
    if actor_key and actor_key in item:
        actors = tuple(item[actor_key])
        unknown = [a for a in actors if a not in ids]
        if unknown:
            raise DataError(f"{where}: {actor_key} names no gold actor: {', '.join(unknown)}", location=str(path))
    status = item.get("status")
    if kind == "commitment" and status not in COMMITMENT_STATUSES:
        raise DataError(f"{where}: status must be one of {', '.join(COMMITMENT_STATUSES)}, not {status!r}",
                        location=str(path))  # fmt: skip
    return GoldStatement(surface=item["surface"], pillar=pillar, pillar_given="pillar" in item, place=place,
                         actors=actors, status=status)  # fmt: skip


def load_devset(folder: Path) -> list[GoldReport]:
    """Every gold file of a folder, in name order."""
    return [load_gold(p) for p in sorted(folder.glob("*.json"))]


@dataclass
class Extracted:
    """The extracted actors of one report (from tables or from the baseline) and what to check."""

    actors: dict[str, dict[str, object]] = field(default_factory=dict)  # node id -> {"type", "names"}
    quotes_total: int = 0
    quotes_exact: int = 0
    event_date: str | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)  # node id -> roles
    # node id -> the cue of each role connection (from its ``method``), for the details
    role_cues: dict[str, set[str]] = field(default_factory=dict)
    # What the report says about its event: row id -> its texts, per class (Issue, Solution, Commitment).
    statements: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    places: dict[str, tuple[str, set[str]]] = field(default_factory=dict)  # Event/Session row id -> (type, texts)
    first_event: str | None = None
    links: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (from row, connection type) -> to rows
    node_of: dict[str, str] = field(default_factory=dict)  # actor row id (or post id) -> actor node


#: The columns of a drafted actor row that name it: what the matching rule compares with the gold names.
NAME_COLUMNS = ("label_id", "label_en", "acronym", "expansion", "quote")


def read_drafts_table(path: Path) -> list[dict[str, str]]:
    """A drafts table as the project reads it back: without the guard that keeps a spreadsheet from
    running a cell (``'-`` before a list dash is the text ``-``)."""
    from resilience_kg.tabulate import from_spreadsheet_cell

    if not path.exists():
        return []
    text = path.read_bytes().decode("utf-8-sig")
    return [{from_spreadsheet_cell(k or "").strip().lower(): from_spreadsheet_cell(v or "") for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text))]


def read_extracted(folder: Path) -> Extracted:
    """Read ``elements.csv``, ``connections.csv`` and ``sources.csv`` (with the source texts) from a folder."""
    elements = read_drafts_table(folder / "elements.csv")
    connections = read_drafts_table(folder / "connections.csv")
    sources = read_drafts_table(folder / "sources.csv")
    texts: dict[str, str] = {}
    for src in sources:
        file = folder / src.get("file", "")
        if src.get("file") and file.is_file():
            texts[src.get("id", "")] = file.read_text(encoding="utf-8")
    only_text = next(iter(texts.values())) if len(texts) == 1 else None
    out = Extracted()
    node_of: dict[str, str] = {}
    for row in elements:
        if row.get("status") == "rejected":
            continue
        texts_of_row = {v for c in ("label_id", "label_en", "quote") if (v := row.get(c))}
        if row.get("type") in STATEMENT_CLASSES:
            out.statements.setdefault(row["type"], {})[row["id"]] = texts_of_row
        elif row.get("type") in ("Event", "Session"):
            out.places[row["id"]] = (row["type"], texts_of_row)
            if row["type"] == "Event" and out.first_event is None:
                out.first_event = row["id"]
        if row.get("type") in SECTORS:
            node = row.get("same_as") or row["id"]
            node_of[row["id"]] = node
            actor = out.actors.setdefault(node, {"type": row["type"], "names": set()})
            names = actor["names"]
            assert isinstance(names, set)
            names.update(v for c in NAME_COLUMNS if (v := row.get(c)))
        elif row.get("type") == "Event" and out.event_date is None and row.get("date"):
            out.event_date = row["date"][:10]
    for row in [*elements, *connections]:
        quote = row.get("quote", "")
        if not quote or row.get("status") == "rejected":
            continue
        out.quotes_total += 1
        text = texts.get(row.get("source", ""), only_text)
        try:
            start, end = int(row.get("start", "")), int(row.get("end", ""))
        except ValueError:
            continue
        if text is not None and text[start:end] == quote:
            out.quotes_exact += 1
    live = [row for row in connections if row.get("status") != "rejected"]
    # A role held through a post ("opened by the Head of Dishub") is the post's organisation's role.
    org_of_post = {r.get("from", ""): r.get("to", "") for r in live if r.get("type") == "org:postIn"}
    out.node_of = dict(node_of)
    for post, org in org_of_post.items():
        if org in node_of and post not in node_of:
            out.node_of[post] = node_of[org]
    for row in live:
        out.links.setdefault((row.get("from", ""), row.get("type", "")), set()).add(row.get("to", ""))
    for row in live:
        role = ROLE_OF_CONNECTION.get(row.get("type", ""))
        if role is None:
            continue
        for side in (row.get("from", ""), row.get("to", "")):
            side = org_of_post.get(side, side)
            if side in node_of:
                out.roles.setdefault(node_of[side], set()).add(role)
                out.role_cues.setdefault(node_of[side], set()).add(_cue_of(row.get("method", "")))
    return out


def strongest_role(roles: Iterable[str]) -> str | None:
    """The strongest of an actor's drafted roles (``ROLES``), the one scored: an actor drafted as
    speaker and participant is a speaker, and right only where the gold says speaker."""
    return min(roles, key=ROLES.index, default=None)


def _cue_of(method: str) -> str:
    """The cue phrase a role connection's method names ("rule:role-cue:dihadiri oleh"), or what
    stood for one ("default: mentioned")."""
    kind, _, value = method.removeprefix("rule:").partition(":")
    return value if kind == "role-cue" else f"{kind.removeprefix('role-')}: {value}" if value else method


_BASELINE_ORG = re.compile(r"\b(?:Dinas|Badan|Biro|PT\.?)(?:\s+(?:[A-Z][\w&'.-]*|dan))+")
_BASELINE_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?\b")


def plain_text(report: GoldReport) -> str:
    """The report's text, with HTML tags, scripts and styles taken out (for the baseline)."""
    text = report.text()
    if report.source.suffix.lower() in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
        text = re.sub(r"&[a-z]+;", " ", text)
    return text


def baseline(text: str) -> Extracted:
    """The floor to beat: a plain regex for Dinas/Badan/Biro/PT ... and capitalised acronyms."""
    out = Extracted()
    for pattern, sector in ((_BASELINE_ORG, "GovernmentAgency"), (_BASELINE_ACRONYM, "GovernmentAgency")):
        for m in pattern.finditer(text):
            surface = re.sub(r"\s+dan$", "", m.group(0))
            key = f"regex:{normalise(surface)}"  # never a gazetteer id: the regex resolves nothing
            if key == "regex:" or key in out.actors:
                continue
            kind = "PrivateCompany" if surface.startswith("PT") else sector
            out.actors[key] = {"type": kind, "names": {surface}}
            out.quotes_total += 1
            out.quotes_exact += 1  # the match is its own quote, at its own offsets
    return out


@dataclass
class ReportScore:
    """The figures for one report (or, summed, for a set)."""

    name: str
    extracted: int = 0
    matched: int = 0
    gold: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    sector_right: int = 0
    sector_wrong: list[str] = field(default_factory=list)
    role_wrong: list[str] = field(default_factory=list)
    quotes_total: int = 0
    quotes_exact: int = 0
    dated: int = 0
    date_right: int = 0
    roles_total: int = 0
    roles_right: int = 0
    # What the report says about its event (see the module docstring): each a (right, total) pair.
    issues_found: int = 0
    issues_gold: int = 0
    issues_drafted: int = 0
    issues_drafted_matched: int = 0
    raised_right: int = 0
    raised_total: int = 0
    pillar_right: int = 0
    pillar_total: int = 0
    solutions_found: int = 0
    solutions_gold: int = 0
    solutions_drafted: int = 0
    presented_right: int = 0
    presented_total: int = 0
    solution_pillar_right: int = 0
    solution_pillar_total: int = 0
    proposers_right: int = 0
    proposers_total: int = 0
    commitments_found: int = 0
    commitments_gold: int = 0
    commitments_drafted: int = 0
    parties_right: int = 0
    parties_total: int = 0
    status_right: int = 0
    status_total: int = 0
    statement_misses: list[str] = field(default_factory=list)
    # Name matches refused because the node was resolved to another gazetteer id: either a wrong
    # resolution, or a gold id that names the same body differently (an annotation to align).
    id_conflicts: list[str] = field(default_factory=list)

    #: The statement measures, in print order: (label, right field, total field).
    MEASURES = (
        ("issues found", "issues_found", "issues_gold"),
        ("issues drafted that are gold", "issues_drafted_matched", "issues_drafted"),
        ("issues raised in the right event/session", "raised_right", "raised_total"),
        ("issues under the right pillar", "pillar_right", "pillar_total"),
        ("solutions found", "solutions_found", "solutions_gold"),
        ("solutions presented in the right event/session", "presented_right", "presented_total"),
        ("solutions under the right pillar", "solution_pillar_right", "solution_pillar_total"),
        ("proposers found", "proposers_right", "proposers_total"),
        ("commitments found", "commitments_found", "commitments_gold"),
        ("commitment parties found", "parties_right", "parties_total"),
        ("commitment status right", "status_right", "status_total"),
    )

    def fraction(self, right: str, of: str) -> tuple[int, int, float]:
        """A measure as (right, total, share); the share is 0 when there is nothing to count."""
        r, t = getattr(self, right), getattr(self, of)
        return r, t, (r / t if t else 0.0)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_right / self.matched if self.matched else 0.0

    @property
    def quote_accuracy(self) -> float:
        return self.quotes_exact / self.quotes_total if self.quotes_total else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dated if self.dated else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.roles_total if self.roles_total else 0.0

    @property
    def pillar_accuracy(self) -> float:
        return self.pillar_right / self.pillar_total if self.pillar_total else 0.0


_COUNTS = (*(f for _, r, t in ReportScore.MEASURES for f in (r, t)), "solutions_drafted", "commitments_drafted")


def squash_text(text: str) -> str:
    """Text for matching statements: lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", text.lower()))


def text_match(gold: str, texts: Iterable[str]) -> bool:
    """Does one of ``texts`` share with the gold text a run of words long enough for both (fuzzy containment)?"""
    from difflib import SequenceMatcher

    g = squash_text(gold).split()
    if not g:
        return False
    for t in texts:
        e = squash_text(t).split()
        if not e:
            continue
        shared = SequenceMatcher(None, g, e, autojunk=False).find_longest_match(0, len(g), 0, len(e)).size
        if shared >= MIN_SHARED * min(len(g), len(e)) and shared >= MIN_OVERLAP * max(len(g), len(e)):
            return True
    return False


def _place_match(gold_place: str, target: str, extracted: Extracted) -> bool:
    """Is the extracted row ``target`` the gold place ("event", "session:<label>", "event:<label>")?"""
    if gold_place == "event":
        return target == extracted.first_event and target is not None
    kind, _, label = gold_place.partition(":")
    found = extracted.places.get(target)
    if found is None or found[0] != ("Session" if kind == "session" else "Event"):
        return False
    g = squash_text(label)
    return any(g and (g in squash_text(t) or squash_text(t) in g) for t in found[1] if squash_text(t))


def _score_statements(gold: GoldReport, extracted: Extracted, score: ReportScore, node_of_gold: dict[str, str]) -> None:
    """Issues, solutions and commitments: found, where, under which pillar, by whom, with what status."""
    for kind, items in (("Issue", gold.issues), ("Solution", gold.solutions), ("Commitment", gold.commitments)):
        drafted = extracted.statements.get(kind, {})
        candidates = {row: [i for i, g in enumerate(items) if text_match(g.surface, texts)]
                      for row, texts in drafted.items()}  # fmt: skip
        matching = {g: row for row, g in _match(candidates).items()}
        for i, g in enumerate(items):
            row = matching.get(i)
            if row is None:
                score.statement_misses.append(f"{kind.lower()}: {g.surface[:70]}")
            place_type, pillar_type, actor_type = {
                "Issue": ("raisedIn", "underPillar", None),
                "Solution": ("presentedIn", "underPillar", "proposedBy"),
                "Commitment": (None, None, "committedBy"),
            }[kind]
            if g.place is not None and place_type:
                targets = extracted.links.get((row, place_type), set()) if row else set()
                right = bool(targets) and all(_place_match(g.place, t, extracted) for t in targets)
                if kind == "Issue":
                    score.raised_total += 1
                    score.raised_right += right
                else:
                    score.presented_total += 1
                    score.presented_right += right
            if g.pillar_given and pillar_type:
                pillars = extracted.links.get((row, pillar_type), set()) if row else set()
                right = row is not None and pillars == ({g.pillar} if g.pillar else set())
                if kind == "Issue":
                    score.pillar_total += 1
                    score.pillar_right += right
                else:
                    score.solution_pillar_total += 1
                    score.solution_pillar_right += right
            if g.actors is not None and actor_type:
                to = extracted.links.get((row, actor_type), set()) if row else set()
                linked = {extracted.node_of.get(t, t) for t in to}
                for actor in g.actors:
                    right = node_of_gold.get(actor) in linked if actor in node_of_gold else False
                    if kind == "Solution":
                        score.proposers_total += 1
                        score.proposers_right += right
                    else:
                        score.parties_total += 1
                        score.parties_right += right
            if kind == "Commitment":
                score.status_total += 1
                statuses = extracted.links.get((row, "commitmentStatus"), set()) if row else set()
                score.status_right += row is not None and statuses == {f"commitment-status-{g.status}"}
        found = len(matching)
        if kind == "Issue":
            score.issues_gold, score.issues_found = len(items), found
            score.issues_drafted, score.issues_drafted_matched = len(drafted), found
        elif kind == "Solution":
            score.solutions_gold, score.solutions_found, score.solutions_drafted = len(items), found, len(drafted)
        else:
            score.commitments_gold, score.commitments_found = len(items), found
            score.commitments_drafted = len(drafted)


def _match(candidates: dict[str, list[int]]) -> dict[str, int]:
    """Maximum bipartite matching of extracted nodes to gold actors (augmenting paths)."""
    owner: dict[int, str] = {}

    def place(node: str, seen: set[int]) -> bool:
        for g in candidates[node]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or place(owner[g], seen):
                owner[g] = node
                return True
        return False

    for node in sorted(candidates):
        place(node, set())
    return {node: g for g, node in owner.items()}


@lru_cache(maxsize=1)
def _gazetteer_ids() -> frozenset[str]:
    from resilience_kg.extract.gazetteer import load_gazetteer

    return frozenset(e.id for e in load_gazetteer().entries)


def actor_matches(gold: GoldReport, extracted: Extracted,
                  conflicts: list[str] | None = None) -> tuple[dict[str, list[int]], dict[str, int]]:
    """The gold actors each extracted node may match (by the matching rule above), and the
    matching chosen: node to the index of its gold actor. Name matches refused for a clash of ids
    are added to ``conflicts``."""
    keys = [a.keys() for a in gold.actors]
    known = _gazetteer_ids()
    candidates: dict[str, list[int]] = {}
    for node, actor in extracted.actors.items():
        names = actor["names"]
        assert isinstance(names, set)
        node_keys = {normalise(n) for n in names}
        candidates[node] = [
            i for i, a in enumerate(gold.actors)
            if a.id == node or (keys[i] & node_keys and not (node in known and a.id is not None and a.id != node))
        ]
        if conflicts is not None:
            conflicts += [
                f"{a.surface} (gold id {a.id}) is named like node {node}" for i, a in enumerate(gold.actors)
                if a.id != node and keys[i] & node_keys and i not in candidates[node] and not a.optional
            ]  # fmt: skip
    return candidates, _match(candidates)


def score_report(gold: GoldReport, extracted: Extracted) -> ReportScore:
    """Compare one report's extracted actors, quotes, date and roles with its annotation."""
    score = ReportScore(name=gold.name, gold=sum(1 for a in gold.actors if not a.optional))
    candidates, matching = actor_matches(gold, extracted, score.id_conflicts)
    for node, actor in sorted(extracted.actors.items()):
        label = sorted(actor["names"])[0] if actor["names"] else node  # type: ignore[call-overload]
        if node in matching:
            g = gold.actors[matching[node]]
            if g.optional:
                continue
            score.extracted += 1
            score.matched += 1
            if actor["type"] == g.sector:
                score.sector_right += 1
            else:
                score.sector_wrong.append(f"{g.name}: {actor['type']} (gold {g.sector})")
            if g.role:
                score.roles_total += 1
                got_role = strongest_role(extracted.roles.get(node, set()))
                right = got_role == _ROLE_GROUP.get(g.role, g.role)
                score.roles_right += right
                if not right:
                    got = ", ".join(sorted(extracted.roles.get(node, set()), key=ROLES.index)) or "no role"
                    cues = ", ".join(f"'{c}'" for c in sorted(extracted.role_cues.get(node, set()))) or "none"
                    score.role_wrong.append(f"{g.name}: got {got} (gold {g.role}), cue {cues}")
        elif candidates[node] and all(gold.actors[i].optional for i in candidates[node]):
            continue
        else:
            score.extracted += 1
            score.false_positives.append(str(label))
    found_gold = set(matching.values())
    score.missed = [a.surface for i, a in enumerate(gold.actors) if not a.optional and i not in found_gold]
    node_of_gold = {gold.actors[g].ref: node for node, g in matching.items() if gold.actors[g].ref}
    _score_statements(gold, extracted, score, node_of_gold)  # type: ignore[arg-type]
    score.quotes_total, score.quotes_exact = extracted.quotes_total, extracted.quotes_exact
    if gold.event_date:
        score.dated = 1
        score.date_right = int(extracted.event_date == gold.event_date)
    return score


def total(scores: Iterable[ReportScore], *, name: str = "overall") -> ReportScore:
    """Micro-averaged figures: counts summed over the reports."""
    out = ReportScore(name=name)
    for s in scores:
        for f in ("extracted", "matched", "gold", "sector_right", "quotes_total", "quotes_exact", "dated",
                  "date_right", "roles_total", "roles_right", *dict.fromkeys(_COUNTS)):  # fmt: skip
            setattr(out, f, getattr(out, f) + getattr(s, f))
        out.statement_misses += s.statement_misses
        out.id_conflicts += s.id_conflicts
        out.false_positives += s.false_positives
        out.missed += s.missed
        out.sector_wrong += s.sector_wrong
        out.role_wrong += s.role_wrong
    return out
