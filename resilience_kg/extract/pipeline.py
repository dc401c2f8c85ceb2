"""``extract_reports``: from report files to draft tables, the saved texts and a review page."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilience_kg.extract.draft import Actor, ExtractedSource, ExtractResult, IdMaker, build_draft, slug
from resilience_kg.extract.language import detect_language
from resilience_kg.extract.readers import (
    DEFAULT_LIMITS,
    INSTALL_HINT,
    ExtractError,
    Limits,
    MissingDependency,
    SourceText,
    read_source,
)
from resilience_kg.extract.recognise.actors import ActorMention, name_key, recognise
from resilience_kg.extract.recognise.agreements import find_agreements
from resilience_kg.extract.recognise.clauses import ClauseFact, find_clauses
from resilience_kg.extract.recognise.enumerations import ListItem, find_items
from resilience_kg.extract.recognise.events import find_event, find_sessions
from resilience_kg.extract.recognise.persons import find_posts
from resilience_kg.extract.recognise.roles import Cue, find_cues, role_of, stronger
from resilience_kg.extract.recognise.rules import collectives, confidence
from resilience_kg.extract.segment import sentences as split_sentences

if TYPE_CHECKING:
    from resilience_kg.extract.gazetteer import Gazetteer
    from resilience_kg.extract.pillars.strategy import Strategies
    from resilience_kg.extract.resolve import KnownActor

LANGS = ("id", "en", "auto")


def detect_city(text: str) -> str | None:
    """The jurisdiction the report is about: the most frequent of "DKI Jakarta"/"Jakarta",
    "Kota X", "Kabupaten X" and "Provinsi X" (the city context that decides between bodies
    of the same name in different places)."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"\b(?:(Kota|Kabupaten|Provinsi|Pemkot|Pemkab|Pemprov)\s+)?(DKI Jakarta|Jakarta|[A-Z][a-z]+"
                         r"(?: [A-Z][a-z]+)?)\b", text):
        kind, name = m.group(1), m.group(2)
        if "Jakarta" in name:
            counts["DKI Jakarta"] += 1
        elif kind in ("Kota", "Pemkot"):
            counts[f"Kota {name}"] += 1
        elif kind in ("Kabupaten", "Pemkab"):
            counts[f"Kabupaten {name}"] += 1
        elif kind in ("Provinsi", "Pemprov"):
            counts[f"Provinsi {name}"] += 1
    return counts.most_common(1)[0][0] if counts else None


def _checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sector_of(mention: ActorMention, resolution: Any) -> tuple[str, float]:
    """The actor's type and how sure we are: the gazetteer/known names first, then a group
    heading ("BUMD (...)"), then the head noun, then the resolver's match, then a guess."""
    if mention.method.startswith(("gazetteer:", "rule:known-name")) and mention.sector:
        return mention.sector, confidence("sector:gazetteer")
    if resolution is not None and resolution.same_as and resolution.sector and resolution.score >= 95:
        return resolution.sector, confidence("sector:resolved")
    if mention.sector_basis.startswith("group:") and mention.sector:
        return mention.sector, confidence("sector:group")
    if mention.sector_basis.startswith("head:") and mention.sector:
        return mention.sector, confidence("sector:head")
    if resolution is not None and resolution.sector:
        return resolution.sector, confidence("sector:resolution")
    if mention.sector:
        return mention.sector, confidence("sector:mention")
    # Nothing says: a bare acronym in these reports is most often a public body, a bare
    # multi-word name without a head noun most often a non-profit. The row says it is a guess.
    if mention.acronym or len(mention.name.split()) == 1:
        return "GovernmentAgency", confidence("sector:guess")
    return "CivilSocietyOrganization", confidence("sector:guess")


def _actor_keys(mention: ActorMention, resolution: Any) -> list[str]:
    """Every key under which this mention may meet an earlier mention of the same actor: the
    resolved id, the acronym, the name and the expansion (case and short heads ignored)."""
    keys = []
    if resolution is not None and resolution.same_as and not resolution.ambiguous:
        keys.append("id:" + resolution.same_as)
    elif resolution is not None and resolution.key:
        keys.append("id:" + resolution.key)  # a region's standard body, known by its pattern only
    if mention.acronym:
        keys.append("acr:" + mention.acronym.upper())
        if mention.expansion and mention.name.startswith(mention.expansion + " "):
            # "Palang Merah Indonesia (PMI) Provinsi X" is also "PMI Provinsi X" (actors-tuner)
            keys.append("acr:" + f"{mention.acronym} {mention.name[len(mention.expansion):].strip()}".upper())
    keys.append("name:" + name_key(mention.name))
    if mention.expansion:
        keys.append("name:" + name_key(mention.expansion))
    return keys


def extract_one(source: SourceText, *, source_id: str, lang: str, published: dt.date | None,
                gazetteer: Gazetteer | None, known: Sequence[KnownActor], ids: IdMaker,
                cache: dict[tuple[Any, ...], Any] | None = None,
                strategies: Strategies | None = None) -> ExtractedSource:
    """Recognise, resolve and draft one report; ``strategies`` (the bundled ones by default) give
    the pillars its city's strategy has and the cue words that draft its pillar links."""
    text = source.text
    language = detect_language(text) if lang == "auto" else lang
    sents = split_sentences(text)
    from resilience_kg.extract.resolve import report_city

    # The gazetteer knows places by level, and reads the dateline first: a Semarang report that
    # names "Sekretariat Jakarta Berketahanan" is still a Semarang report.
    city = (report_city(text, gazetteer) if gazetteer is not None else None) or detect_city(text)
    mentions = recognise(text, sents, gazetteer)
    # Resolve each distinct surface once (the resolver is the slow part).
    resolved: dict[tuple[Any, ...], Any] = {}
    actors: dict[str, Actor] = {}
    order: list[str] = []
    cues_by_sentence = _cues_with_list_intros(text, sents)
    mentions_in: Counter[int] = Counter()
    sentence_of = _sentence_index(sents)
    acronym_names: dict[str, ActorMention] = {m.acronym.upper(): m for m in mentions if m.acronym and m.expansion}
    found_posts = find_posts(text, mentions)
    post_spans = [(p.start, p.end) for p in found_posts]
    clauses = find_clauses(text, sents, [(m.start, m.end) for m in mentions])
    parent_spans = {m.parent_span for m in mentions if m.parent_span}
    for m in mentions:
        at = sentence_of(m.start)
        if at is not None:
            mentions_in[at.start] += 1
    aliases: dict[str, str] = {}
    for m in mentions:
        # A bare acronym that the report expands elsewhere takes the expansion's sector.
        if m.acronym and not m.expansion and m.acronym.upper() in acronym_names:
            full = acronym_names[m.acronym.upper()]
            m = replace(m, expansion=full.expansion, sector=m.sector or full.sector,
                        sector_basis=m.sector_basis or full.sector_basis)
        # A bare name after the same name with its jurisdiction ("Dinas Perhubungan Kota
        # Semarang" ... "Dinas Perhubungan") is that body again, whatever the report's city.
        earlier = _qualified_earlier(m, actors, order)
        if earlier is not None:
            m = replace(m, name=earlier.mention.name, sector=m.sector or earlier.mention.sector)
        # A bare short form the report defines ("... (BPBD) Provinsi Jawa Tengah", then "BPBD") is
        # that body, whatever other BPBD the report's city would suggest.
        defined = acronym_names.get(m.acronym.upper()) if m.acronym and _bare(m) else None
        basis = defined if defined is not None else m
        key_surface = (basis.name, basis.acronym, basis.expansion, basis.sector, city)
        if key_surface not in resolved:
            # The same name in the same city resolves the same way in every report of a batch.
            if cache is not None and key_surface in cache:
                resolved[key_surface] = cache[key_surface]
            else:
                resolved[key_surface] = _resolve(basis, known=known, gazetteer=gazetteer, city=city)
                if cache is not None:
                    cache[key_surface] = resolved[key_surface]
        res = resolved[key_surface]
        keys = _actor_keys(m, res)
        key = next((aliases[k] for k in keys if k in aliases), keys[0])
        if key in actors and keys[0].startswith("id:") and _resolved_id(actors[key]) not in (None, keys[0][3:]):
            key = keys[0]  # two bodies resolved apart are never merged by a shared short form
        for k in keys:
            aliases.setdefault(k, key)
        sent = sentence_of(m.start)
        role, cue = role_of(m.start, m.end, cues_by_sentence.get(sent.start, []), text) if sent else ("mentioned", None)
        if cue is None and sent is not None and mentions_in[sent.start] >= 3 and not _SPEECH.search(
                text, sent.start, m.start):
            # A list of bodies with no cue word is who was there; but those named after "mengharapkan",
            # "said" are spoken of (the speaker, before the verb, is there).
            role = "participant"
        if role in ("opener", "speaker") and any(s <= m.start and m.end <= e for s, e in post_spans):
            role = "participant"  # the organisation of the officer who opened or spoke attends
        if (m.start, m.end) in parent_spans:
            role, cue = "mentioned", None  # "Suku Dinas ... Kota Administrasi Jakarta Utara": the unit attends
        elif _inside_clause(m, clauses):
            # "pelatihan ... dipimpin oleh PMI bersama Dinsos" names who would do what is proposed,
            # not who ran the meeting.
            role, cue = "mentioned", None
        elif role == "mentioned" and (said := _subject_of(m, clauses)) is not None:
            # Who proposes or commits at the event is there; the proposal's verb is the cue.
            role, cue = "participant", Cue(said.cue_start, said.cue_end, "participant", "before", said.cue)
            sent = said.sentence
        if key not in actors:
            sector, sure = _sector_of(m, res)
            actors[key] = Actor(mention=m, resolution=res, sector=sector, sector_confidence=sure, mentions=[m])
            order.append(key)
        actor = actors[key]
        if m not in actor.mentions:
            actor.mentions.append(m)
        if _fuller(m, actor.mention):
            actor.mention = m  # "BPBD" in a headline, then "Badan ... (BPBD) Kabupaten Bima": the row names the latter
        if stronger(role, actor.role) == role and (role != actor.role or actor.role_quote is None):
            actor.role = role
            actor.role_cue = cue.phrase if cue else ""
            actor.role_quote = (sent.start, sent.end) if sent and cue else (m.start, m.end)
    event = find_event(text, sents, published=published)
    sessions = find_sessions(text)
    items = _not_bodies(find_items(text), mentions)
    agreements = find_agreements(text, sents)
    posts = []
    for post in found_posts:
        sent = sentence_of(post.start)
        role, cue = role_of(post.start, post.end, cues_by_sentence.get(sent.start, []), text) if sent else ("", None)
        # A post is drafted when it holds a person or does something at the event.
        if post.person or role in ("organiser", "opener", "speaker", "host"):
            posts.append((post, role if cue else "", (sent.start, sent.end) if sent and cue else None))
    seen_collectives = sorted({w for w in collectives() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)})
    draft = build_draft(text, source_id=source_id, actors=[actors[k] for k in order], event=event, sessions=sessions,
                        items=items, agreements=agreements, posts=posts, collectives_seen=seen_collectives, ids=ids,
                        city=city, clauses=clauses, language=language)
    from resilience_kg.extract.pillars import add_pillar_links
    from resilience_kg.extract.pillars.strategy import load_strategies

    add_pillar_links(draft, text, city=city, ids=ids,
                     strategies=strategies if strategies is not None else load_strategies())
    when = published or (event.date if event is not None else None)
    row = {
        "id": source_id, "title_id": source.title if language != "en" else "",
        "title_en": source.title if language == "en" else "",
        "date": when.isoformat() if when else "", "publisher": "", "language": language,
        "file": f"sources/{source_id}.txt", "url": "", "checksum": _checksum(text),
    }
    return ExtractedSource(source_id, source, language, row, draft, city)


#: A sentence that reports what someone said or hoped: the bodies it names are spoken of, not
#: necessarily present ("dirinya mengharapkan dukungan ... dari TNI/Polri").
_SPEECH = re.compile(r"(?i)\b(?:mengatakan|menyampaikan(?:,)? bahwa|menjelaskan|mengharapkan|berharap|menegaskan|"
                     r"mengungkapkan|menuturkan|menurut(?:nya)?|said|says|explained|stressed|hoped|according to)\b")


def _not_bodies(items: Sequence[ListItem], mentions: Sequence[ActorMention]) -> list[ListItem]:
    """Issues and solutions, without the lists whose items are bodies: "dihadiri oleh unsur: BPBD;
    Dinas ...; ..." after a title that says "Rencana Aksi" is who came, not what was proposed."""
    def body(item: ListItem) -> bool:
        covered = sum(max(0, min(m.end, item.end) - max(m.start, item.start)) for m in mentions)
        return covered >= 0.6 * (item.end - item.start)

    lists: dict[tuple[int, int], list[ListItem]] = {}
    for item in items:
        lists.setdefault((item.intro_start, item.intro_end), []).append(item)
    kept: list[ListItem] = []
    for members in lists.values():
        if sum(body(i) for i in members) * 2 < len(members):
            kept += [i for i in members if not body(i)]
    return sorted(kept, key=lambda i: i.start)


def _bare(m: ActorMention) -> bool:
    """A mention that is its short form alone ("BPBD")."""
    return m.name.strip().upper() == (m.acronym or "").strip().upper()


def _inside_clause(m: ActorMention, clauses: Sequence[ClauseFact]) -> bool:
    """True when the mention stands inside what a body proposes or commits to (not its subject)."""
    return any(c.start <= m.start and m.end <= c.end for c in clauses)


def _subject_of(m: ActorMention, clauses: Sequence[ClauseFact]) -> ClauseFact | None:
    """The proposal or commitment whose subject this mention is, if any."""
    return next((c for c in clauses if (m.start, m.end) in c.subjects), None)


def _fuller(new: ActorMention, old: ActorMention) -> bool:
    """True when ``old`` is a bare short form (``BPBD``) and ``new`` names the same body in full."""
    bare = old.name.strip() == (old.acronym or "").strip() or (" " not in old.name.strip() and old.name.isupper())
    return bare and len(new.name.strip()) > len(old.name.strip()) and " " in new.name.strip()


def _resolved_id(actor: Actor) -> str | None:
    res = actor.resolution
    return (res.same_as or res.key or None) if res is not None and not res.ambiguous else None


_JURISDICTION = re.compile(r"\s(?:Kota|Provinsi|Prov\.|Kabupaten|Kab\.|DKI)\s")


def _qualified_earlier(m: ActorMention, actors: dict[str, Actor], order: list[str]) -> Actor | None:
    """The earlier actor whose name is this bare name followed by a jurisdiction."""
    if _JURISDICTION.search(f" {m.name} "):
        return None
    bare = name_key(m.name)
    for key in order:
        actor = actors[key]
        full = actor.mention.name
        cut = _JURISDICTION.search(full)
        if cut is not None and name_key(full[:cut.start()]) == bare:
            return actor
    return None


_ITEM_LINE = re.compile(r"\s*(?:[-•*–▪●◦]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s")


def _cues_with_list_intros(text: str, sents: Sequence[Any]) -> dict[int, list[Any]]:
    """Each sentence's role cues; a list item line with none takes the cues of the line that
    introduces its list ("Attendees:", "Peserta workshop terdiri dari:")."""
    cues = {s.start: find_cues(text, s) for s in sents}
    intro: list[Any] = []
    for s in sents:
        line_start = text.rfind("\n", 0, s.start) + 1
        is_item = line_start == s.start and bool(_ITEM_LINE.match(text, s.start))
        if not is_item:
            intro = cues[s.start]
        elif not cues[s.start]:
            cues[s.start] = [c for c in intro if c.direction in ("after", "both")]
    return cues


def _sentence_index(sents: Sequence[Any]) -> Callable[[int], Any]:
    starts = [s.start for s in sents]
    import bisect

    def find(pos: int) -> Any:
        i = bisect.bisect_right(starts, pos) - 1
        return sents[i] if i >= 0 and pos < sents[i].end else None

    return find


def _resolve(m: ActorMention, *, known: Sequence[KnownActor], gazetteer: Gazetteer | None, city: str | None) -> Any:
    if gazetteer is None:
        return None
    from resilience_kg.extract.resolve import Mention, resolve

    mention = Mention(name=m.name, acronym=m.acronym, expansion=m.expansion, sector_hint=m.sector)
    return resolve(mention, known=known, gazetteer=gazetteer, city=city)


def _known_actors(data: Sequence[Path], *, bundled: bool) -> tuple[list[KnownActor], set[str]]:
    """The actors of the graph the drafts will join (bundled data plus ``data``) and every id in it."""
    from resilience_kg.extract.resolve import known_actors
    from resilience_kg.graph.csv_reader import read_table

    tables = []
    if bundled:
        from importlib import resources

        folder = resources.files("resilience_kg.data")
        for name in ("elements.csv", "connections.csv"):
            tables.append(read_table(folder.joinpath(name), display_name=name))
    for path in data:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".csv":
                tables.append(_read_table_lenient(file))
    ids = {row.get("id") for t in tables if t is not None and t.kind == "elements" for row in t.rows}
    return known_actors([t for t in tables if t is not None]), {i for i in ids if i}


def _read_table_lenient(file: Path) -> Any:
    """A --data table; extracted tables carry the contract's extra columns, which an older
    reader may not know yet, so they are read with the csv module and wrapped the same way."""
    import csv

    from resilience_kg.graph.csv_reader import Row, Table, detect_kind
    from resilience_kg.tabulate import from_spreadsheet_cell

    with open(file, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            kind = detect_kind([c.strip().lower() for c in reader.fieldnames or []], name=str(file))
        except Exception:
            return None
        # A drafts folder's cells may carry the guard that keeps a spreadsheet from running them.
        rows = [Row({from_spreadsheet_cell(k).strip().lower(): from_spreadsheet_cell(v or "") for k, v in r.items()
                     if k}, f"{file}:{n + 2}") for n, r in enumerate(reader)]
    return Table(kind=kind, name=str(file), rows=rows)


def extract_reports(paths: Sequence[Path], *, out: Path, lang: str = "auto", date: dt.date | None = None,
                    source_id: str | None = None, data: Sequence[Path] = (), bundled: bool = True,
                    progress: Callable[[Path], None] | None = None,
                    limits: Limits = DEFAULT_LIMITS, strategies: Sequence[Path] = ()) -> ExtractResult:
    """Extract draft facts from report files into ``out``: elements.csv, connections.csv,
    sources.csv, one text file per source under ``sources/`` and ``review.html``.

    Every input is read before anything is written; a report that cannot be read raises
    :class:`ExtractError` naming it and leaves ``out`` untouched. Rows already in ``out`` (and
    the curator's statuses and edits in them) are kept; only new draft rows are added.
    ``limits`` bounds what reading a report may cost (:class:`~resilience_kg.extract.readers.Limits`).
    ``strategies`` are folders (or table files) of city resilience strategies, beside the bundled
    ones (see :mod:`resilience_kg.extract.pillars.strategy`).
    """
    if lang not in LANGS:
        raise ExtractError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    if not paths:
        raise ExtractError("no report given")
    if source_id is not None and len(paths) > 1:
        raise ExtractError("--source-id names one report; give one PATH with it")
    if source_id is not None and slug(source_id) != source_id:
        raise ExtractError(f"source id {source_id!r}: use lower-case letters, digits and hyphens ({slug(source_id)!r})")
    check_dependencies(paths)
    from resilience_kg.extract.gazetteer import load_gazetteer
    from resilience_kg.extract.merge import merge_and_write

    out = Path(out)
    # Read everything first: a bad file stops the run before anything is written.
    texts = [read_source(Path(p), limits=limits) for p in paths]
    from resilience_kg.extract.pillars.strategy import load_strategies

    known_strategies = load_strategies([Path(p) for p in strategies])
    gazetteer = load_gazetteer()
    gazetteer_ids = {entry.id for entry in gazetteer.entries}
    known, known_ids = _known_actors([Path(d) for d in data if Path(d).resolve() != out.resolve()], bundled=bundled)
    existing_ids = _existing_ids(out)
    result = ExtractResult(out=out)
    used: set[str] = set()
    cache: dict[tuple[Any, ...], Any] = {}
    for source in texts:
        sid = source_id or slug(source.path.stem)
        base = sid
        n = 2
        while sid in used:
            sid = f"{base}-{n}"
            n += 1
        used.add(sid)
        # Ids already in the output folder that came from this source are reused as they are;
        # other ids there are taken.
        ids = IdMaker(known_ids | gazetteer_ids | {i for i, src in existing_ids.items() if src != sid}, sid)
        result.sources.append(extract_one(source, source_id=sid, lang=lang, published=date, gazetteer=gazetteer,
                                          known=known, ids=ids, cache=cache, strategies=known_strategies))
        if progress is not None:
            progress(source.path)
    merge_and_write(result)
    return result


def check_dependencies(paths: Sequence[Path]) -> None:
    """Refuse early, with the install hint, when a package the run needs is missing: rapidfuzz
    (the resolver) always, python-docx for .docx, pypdf for .pdf."""
    import importlib

    need = {"rapidfuzz": "rapidfuzz"}
    suffixes = {Path(p).suffix.lower() for p in paths}
    if ".docx" in suffixes:
        need["docx"] = "python-docx"
    if ".pdf" in suffixes:
        need["pypdf"] = "pypdf"
    missing = []
    for module, package in need.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise MissingDependency(f"extract needs {', '.join(missing)}: {INSTALL_HINT}")


def _existing_ids(out: Path) -> dict[str, str]:
    """Element ids already in ``out/elements.csv`` and the source each came from."""
    from resilience_kg.extract.merge import read_rows

    return {row.get("id", ""): row.get("source", "") for row in read_rows(out / "elements.csv")[1]}
