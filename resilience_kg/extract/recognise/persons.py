"""Posts and the persons who hold them: "Kepala BPBD DKI Jakarta, NAME" is a post in BPBD held
by NAME (W3C ORG: ``org:postIn`` post -> organisation, ``org:heldBy`` post -> person)."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resilience_kg.extract.recognise.actors import TITLES, ActorMention, _post_regex, is_cap
from resilience_kg.extract.recognise.actors.vocabulary import STOP_CAPS
from resilience_kg.extract.recognise.rules import alternation, table, words

_NAME = re.compile(
    r"(?:(?:" + alternation("titles") + r")\.?\s+)*"
    # Balinese names open with a birth-order or caste particle: "I Gusti Ngurah Jaya Negara", "Ni Luh", "IB Alit".
    r"(?P<name>(?:(?:I|Ni|IB|AA)\s)?[A-Z][a-z]+(?:[- ](?:[A-Z][a-z]+|[A-Z]\.)){0,4})"
)
_NOT_NAMES = frozenset(words("not_person_names"))


@dataclass(frozen=True)
class PostFact:
    label: str  # "Kepala BPBD DKI Jakarta"
    start: int
    end: int
    org: ActorMention
    person: str | None
    person_start: int | None
    person_end: int | None


def find_posts(text: str, mentions: Sequence[ActorMention]) -> list[PostFact]:
    """Posts written right before an organisation mention, with the person named after them."""
    out: list[PostFact] = []
    by_start = {m.start: m for m in mentions}
    for m in _post_regex().finditer(text):
        # The organisation must follow the post word directly (a space between).
        after = m.end()
        while after < len(text) and text[after] == " ":
            after += 1
        org = by_start.get(after)
        if org is None:
            # "Kepala Biro KDH-KLN": the post's last word may begin the organisation's name.
            last = m.group(0).split()[-1]
            org = by_start.get(m.end() - len(last))
        if org is None:
            continue
        label_end = org.end
        label = text[m.start():label_end]
        person, ps, pe = _person_after(text, label_end)
        out.append(PostFact(label, m.start(), label_end, org, person, ps, pe))
    return out


def _person_after(text: str, pos: int) -> tuple[str | None, int | None, int | None]:
    """A person's name right after a post: ", NAME", " yaitu NAME", " (NAME)" or " NAME"."""
    lead = re.match(r"(?:\s*,\s*(?:yaitu\s+|yakni\s+|namely\s+)?|\s+yaitu\s+|\s+yakni\s+|\s+bernama\s+|\s*\(\s*|\s+)",
                    text[pos:pos + 24])
    if lead is None:
        return None, None, None
    start = pos + lead.end()
    m = _NAME.match(text, start)
    if m is None:
        return None, None, None
    name = m.group("name")
    first = name.split()[0]
    if any(w in _NOT_NAMES for w in name.split()) or not is_cap(first) or TITLES.match(first) or \
            _post_regex().match(name):
        # "Sekretaris BPBD Kabupaten Kendal, Pusdataru Provinsi Jawa Tengah": the next body of a list.
        return None, None, None
    if len(name.split()) < 2 and m.start("name") == m.start():
        return None, None, None  # a lone capitalised word without a title is too weak
    # The name alone: honorifics and academic titles are not part of it.
    return name, m.start("name"), m.end("name")


# -- Who speaks for a body: its head's post, its officer's name ---------------------------------
#
# News items attribute what is said, proposed and promised to a person or a post, not to the body:
# "Kapolres Indramayu mengatakan ...", "Kalak BPBD berharap ...", "Ali menambahkan ...". A post
# written without its body ("Kapolres Indramayu", "Kapolres") stands for the body it heads, when
# the report names that body (``rules/post_heads.csv``); a person introduced with a post or a body
# ("Kepala BPBD X, Ali, ...") stands for that body where the report names the person again. Each
# such reference becomes a mention of the body (at the post's or the person's words), so the
# readers of roles, proposals and commitments see the body there. No body is made up: the post
# names one of the report's bodies, or nothing is drafted.


@functools.cache
def _post_heads() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """The posts of ``rules/post_heads.csv`` as one pattern (group 1: the post) and each post's
    body heads, lower case."""
    heads: dict[str, tuple[str, ...]] = {}
    for row in table("post_heads"):
        post = " ".join(row["post"].lower().split())
        heads.setdefault(post, tuple(h.strip().lower() for h in row["body"].split("|")))
    alternatives = sorted(heads, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in alternatives)
    return re.compile(r"(?<![\w-])(?:(?:Plt|Pj)\.?\s+|Wakil\s+)?(" + body + r")(?![\w-])", re.I), heads


def _clause_words(role: str) -> list[str]:
    return sorted((row["word"] for row in table("clause_words") if row["role"] == role), key=len, reverse=True)


@functools.cache
def _rank() -> re.Pattern[str]:
    """Ranks and titles before a holder's name ("AKBP", "Letkol CZI", "Drs"), any number of them."""
    words_ = [*_clause_words("rank"), *words("titles"), *words("holder_titles")]
    alt = "|".join(re.escape(w.rstrip(".")) for w in sorted(set(words_), key=len, reverse=True))
    return re.compile(rf"(?:(?:{alt})\.?,?\s+)+")


#: A word after a post that may name its place or its number ("Indramayu", "0616/Indramayu", "PPU").
_TAIL_WORD = re.compile(r"\s*(?:of\s+|/\s*)?([A-Z][\w'’-]*|\d{2,5})")
#: The words of a name, for comparing a post's tail with a body's name.
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Holder:
    """A person the report names with the body they hold a post in, from where it introduces them."""

    name: str
    body: ActorMention
    start: int


def references(text: str, mentions: Sequence[ActorMention], posts: Sequence[PostFact] = ()) -> list[ActorMention]:
    """Mentions of the report's bodies through their heads' posts and their officers' names.

    >>> from resilience_kg.extract.recognise.actors import ActorMention
    >>> text = "Rapat di Polres Indramayu dipimpin Kapolres Indramayu AKBP Suhermanto. Suhermanto berharap ..."
    >>> polres = ActorMention(9, 25, "Polres Indramayu", None, None, "GovernmentAgency", "", "rule:head-noun", 0.9)
    >>> [(text[m.start:m.end], m.name) for m in references(text, [polres])]  # doctest: +NORMALIZE_WHITESPACE
    [('Kapolres Indramayu', 'Polres Indramayu'), ('Suhermanto', 'Polres Indramayu'),
     ('Suhermanto', 'Polres Indramayu')]
    """
    spans = sorted((m.start, m.end) for m in mentions)
    starts = {m.start: m for m in mentions}
    firsts: dict[str, ActorMention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        firsts.setdefault(m.name.lower(), m)
    holders = [Holder(p.person, p.org, p.person_start) for p in posts
               if p.person and p.person_start is not None]
    for p in posts:
        alone = _holder_after(text, p.end) if not p.person else None
        if alone is not None:
            holders.append(Holder(alone[0], p.org, alone[1]))
        before = _holder_before(text, p.start)
        if before is not None:
            holders.append(Holder(before[0], p.org, before[1]))
    holders += _heads_named(text, mentions)
    out: list[ActorMention] = []
    pattern, heads = _post_heads()
    kinds = list(firsts.values())
    for post in pattern.finditer(text):
        gap = text[post.end():post.end() + 3]
        last_word = post.start(1) + len(post.group(1)) - len(post.group(1).split()[-1])
        direct = starts.get(post.end() + len(gap) - len(gap.lstrip(" "))) or starts.get(last_word)
        later = False  # the holder stands for the body only where the report names them again
        if direct is not None:
            body, end = direct, direct.end
        else:
            found = _body_of_post(text, post, heads[" ".join(post.group(1).lower().split())], kinds)
            if found is None:
                continue
            body, end = found
            if not _inside(spans, post.start(), end):
                out.append(_proxy(body, post.start(), end, "rule:post-head"))
            else:
                # The post's place is a mention of a body of the post's kind ("Sekretaris Kota X"
                # with "X" read as the city's): its holder speaks for that body; else the post's
                # words are part of another body's name.
                own = _own_mention(mentions, post.start(), end, heads[" ".join(post.group(1).lower().split())])
                if own is None:
                    continue
                # The body's own mention says who is there; as for an English regional head
                # (``_heads_named``), the holder's name is read from where the report writes it again.
                body, later = own, True
        person = _holder_after(text, end)
        if person is not None:
            holders.append(Holder(person[0], body, person[1] + len(person[0]) if later else person[1]))
        before = _holder_before(text, post.start())
        if before is not None:
            holders.append(Holder(before[0], body, post.start() if later else before[1]))
    body_words = {w for m in mentions for w in m.name.split()}
    # A headline in title case is no name ("Mendagri Tanda Tangani Nota Kesepakatan"): a holder
    # whose words the report mostly writes in lower case too is dropped.
    lower = set(re.findall(r"(?<![\w-])[a-z]+(?![\w-])", text))
    holders = [h for h in holders if 2 * sum(w.lower() in lower for w in h.name.split()) < len(h.name.split())
               and not _in_headline(text, h.start)]
    out += _named_again(text, holders, spans, [(p.start, p.end) for p in out], body_words)
    out += _spoken_again(text, mentions, sorted([*spans, *((p.start, p.end) for p in out)]))
    return sorted(out, key=lambda m: (m.start, m.end))


def _own_mention(mentions: Sequence[ActorMention], start: int, end: int,
                 heads: tuple[str, ...]) -> ActorMention | None:
    """The one body mentioned inside a post's words (``start:end``), if it is of the post's kind."""
    inside = {m.name: m for m in mentions if m.start < end and start < m.end}
    if len(inside) != 1:
        return None
    (m,) = inside.values()
    return m if any(_heads_name(h, m) for h in heads) else None


def _heads_named(text: str, mentions: Sequence[ActorMention]) -> list[Holder]:
    """The person named right after a head's post that is itself the mention of the government
    or mission it heads ("Acting Riau Governor NAME", "Mayor of X, NAME", "US Ambassador to
    Indonesia NAME": English writes the post as the body's mention, so no post precedes a body
    for ``find_posts``): they hold that post, and their name written again stands for the body."""
    out: list[Holder] = []
    for m in mentions:
        if m.method != "rule:regional-head" or not _holds_post(text[m.start:m.end]):
            continue  # Indonesian writes the post before the place ("Gubernur Riau"): find_posts reads it
        after = _holder_after(text, m.end)
        if after is not None and _a_person(after[0]):
            # From the name's end: the post's own mention says who is there; the name is read
            # where the report writes it again ("Mr NAME says").
            out.append(Holder(after[0], m, after[1] + len(after[0])))
    return out


def _holds_post(quote: str) -> bool:
    """Does a regional head's mention carry the post itself ("Riau Governor", "Langsa Police
    Chief", "US Ambassador"), not the place alone?"""
    return _english_heads().search(quote) is not None


@functools.cache
def _english_heads() -> re.Pattern[str]:
    """An English head's post: ``english_head_levels``, ``english_command_posts``, an envoy's."""
    posts = [*words("english_head_levels"), *words("english_command_posts"), "Ambassador", "Consul"]
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in posts) + r")(?![\w-])", re.I)


def _spoken_again(text: str, mentions: Sequence[ActorMention], taken: Sequence[tuple[int, int]]) -> list[ActorMention]:
    """A body the report named before (by its name as written, its short form, or its short form
    with the place after it: "DFW Indonesia" for "Destructive Fishing Watch (DFW) Indonesia"),
    written again right before a verb of speaking ("CIS Timor menambahkan, ...", "Ketua LMA X
    menyampaikan ..."): a mention of that body there, so its words make it a speaker."""
    known: dict[str, ActorMention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        short_with_place = (f"{m.acronym} {m.name[len(m.expansion):].strip()}"
                            if m.acronym and m.expansion and m.name.startswith(m.expansion + " ") else None)
        for name in (text[m.start:m.end], m.name, m.acronym, short_with_place):
            if name and len(name.strip()) >= 3:
                known.setdefault(name.strip(), m)
    out: list[ActorMention] = []
    if not known:
        return out
    lengths = sorted({len(n) for n in known}, reverse=True)
    # Each verb of speaking once, its subject looked up among the names (never searched for: a
    # report naming thousands of bodies costs a lookup per verb and length).
    for verb in _speaking().finditer(text):
        lead = _before_verb().search(text, max(0, verb.start() - 40), verb.start())
        end = lead.start() if lead else verb.start()
        for size in lengths:
            begin = end - size
            body = known.get(text[begin:end]) if begin >= 0 else None
            if body is None or (begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "-")):
                continue
            if begin >= body.start and not _inside(taken, begin, end):
                out.append(_proxy(body, begin, end, "rule:named-again-speaking"))
            break  # the longest name written there is the body (or a mention already)
    return out


@functools.cache
def _before_verb() -> re.Pattern[str]:
    """What may stand between a body and its verb of speaking: a comma, "juga", "pun", and in
    English the body's people ("BPBD staff explained", "the Embassy's officials said": the
    ``member_words`` of ``rules/words.csv``)."""
    members = alternation("member_words")
    return re.compile(rf"(?:(?:['’]s)?\s+(?:{members}))?\s*,?\s*(?:(?:juga|pun|also)\s+)?$", re.I)


@functools.cache
def _speaking() -> re.Pattern[str]:
    """The verbs of speaking of ``rules/role_cues.csv`` (a speaker's cues written after the body)."""
    verbs = {row["cue"].lower() for row in table("role_cues")
             if row["role"] == "speaker" and row["direction"] in ("before", "both")}
    alt = "|".join(r"\s+".join(map(re.escape, v.split())) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I)


def _proxy(body: ActorMention, start: int, end: int, method: str) -> ActorMention:
    # The body's own method first: what reads a mention's method reads the body's.
    return replace(body, start=start, end=end, parent_span=None, method=f"{body.method}; {method}")


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``start:end`` overlap one of the sorted ``spans`` (the few that start before its end)?"""
    i = bisect.bisect_left(spans, (end, -1))
    return any(start < e for _, e in spans[max(0, i - 4):i])


def _body_of_post(text: str, m: re.Match[str], heads: tuple[str, ...],
                  bodies: Sequence[ActorMention]) -> tuple[ActorMention, int] | None:
    """The body a post heads and where the post's words end: among the report's bodies, the one of
    the post's kind whose name holds the words after the post (its place, its number, its short
    form), or the only one of that kind when the post has no such words."""
    # The head opens an Indonesian name ("Polres Indramayu") and closes an English one ("Surabaya City Government").
    candidates = _of_kind(heads, bodies)
    if not candidates or len(candidates) > _MOST_OF_A_KIND:
        return None
    tail: list[tuple[str, int]] = []
    pos = m.end()
    while len(tail) < 4:
        w = _TAIL_WORD.match(text, pos)
        if w is None or _rank().match(text, w.start(1)):
            break
        tail.append((w.group(1).lower(), w.end()))
        pos = w.end()
    best: list[ActorMention] = []
    best_n = 0
    for body in candidates:
        words_ = set(_WORDS.findall(f"{body.name} {body.acronym or ''}".lower()))
        short = (body.acronym or "").lower()
        n = 0
        for word, _ in tail:
            parts = _WORDS.findall(word)
            # "Kadis PPKB" heads the DPPKB: a short form the body's own holds counts too.
            if not parts or not all(p in words_ or (len(p) >= 3 and p in short) for p in parts):
                break
            n += 1
        if n > best_n:
            best, best_n = [body], n
        elif n == best_n:
            best.append(body)
    if best_n == 0 and tail and _names_another(tail[0][0]):
        return None  # "Kapolres Bandung" where the report's Polres is another place's
    if best_n == 0 and tail and len({b.name for b in best}) > 1:
        return None  # "Sekko Administrasi X" with two city governments, neither named so: whose is unknown
    if len({b.name for b in best}) > 1:
        # Bodies of several kinds fit equally: the kind the post's row names first ("Sekda" speaks for
        # the Pemerintah Kabupaten before its Sekretariat Daerah).
        order = [min(i for i, h in enumerate(heads) if _heads_name(h, b)) for b in best]
        best = [b for b, i in zip(best, order, strict=True) if i == min(order)]
    distinct = {b.name for b in best}
    shortest = min(distinct, key=len, default="")
    if len(distinct) > 1 and all(n.lower().startswith(shortest.lower() + " ") for n in distinct - {shortest}):
        # "Polsek Mandau" and "Polsek Mandau Bengkalis": the post's words name the shorter, and the
        # longer only adds its region (one body, or the post's own is the shorter)
        best, distinct = [b for b in best if b.name == shortest], {shortest}
    if len(distinct) != 1:
        return None
    return best[0], tail[best_n - 1][1] if best_n else m.end()


#: Most bodies of one kind a post is read against (a report names a handful; a text naming more is
#: a list, and looking through it for each post would cost its square).
_MOST_OF_A_KIND = 40


def _of_kind(heads: tuple[str, ...], bodies: Sequence[ActorMention]) -> list[ActorMention]:
    """The bodies whose name opens (Indonesian) or closes (English) with one of ``heads``."""
    out = []
    for b in bodies:
        if any(_heads_name(h, b) for h in heads):
            out.append(b)
            if len(out) > _MOST_OF_A_KIND:
                break
    return out


def _heads_name(head: str, body: ActorMention) -> bool:
    """Does ``head`` (lower case) open the body's name or short form (Indonesian) or close its name (English)?"""
    name, short = body.name.lower(), (body.acronym or "").lower()
    return name.startswith(head) or name.endswith(" " + head) or short.startswith(head)


def _names_another(word: str) -> bool:
    """Does the word after a post name a place or a body (a short form), so that the post heads
    another body than the report's only one of its kind?"""
    from resilience_kg.extract.regions import is_place

    return word.isupper() or is_place(word.title()) is not None or word.isdigit()


def _holder_after(text: str, pos: int) -> tuple[str, int] | None:
    """The person named right after a post and its place, past ranks and titles ("Kapolres
    Indramayu AKBP Suhermanto"), or after a comma."""
    person, ps, _ = _person_after(text, pos)
    if person is not None and ps is not None:
        return person, ps
    single = _SINGLE.match(text, pos)
    if single is not None and _a_person(single.group(1)):
        return single.group(1), single.start(1)  # "Ketua Pokja X, Ratiyono, mengatakan": one name between commas
    lead = re.compile(r"\s*,?\s*").match(text, pos)
    assert lead is not None
    rank = _rank().match(text, lead.end())
    if rank is None:
        return None
    m = _NAME.match(text, rank.end())
    if m is None or any(w in _NOT_NAMES for w in m.group("name").split()) or _post_regex().match(m.group("name")):
        return None
    return m.group("name"), m.start("name")


#: A run of capitalised words (a name, or a name and the words around it).
_CAPITAL_RUN = re.compile(r"(?<![\w-])[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")
#: One capitalised name between commas right after a post: "Ketua Pokja X, Ratiyono, mengatakan".
_SINGLE = re.compile(r"\s*,\s*([A-Z][a-z]{3,})\s*,")
#: A name that opens its sentence right before a post: "Ali Rahman, Kepala BPBD X, ...",
#: "Letkol Inf. Darmawan Setyo / Dandim 0913 PPU".
_NAME_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*|[“\"]\s*)((?:I\s|Ni\s)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})\s*[,/]\s*$")


def _holder_before(text: str, at: int) -> tuple[str, int] | None:
    lo = max(0, at - 80)
    window = text[lo:at]
    ranked = _rank().search(window)
    m = _NAME_BEFORE.search(window)
    if m is None and ranked is not None:
        # "Letkol Inf. Darmawan Setyo / Dandim": a rank opens the name.
        after = _NAME.match(text, lo + ranked.end())
        if after is not None and re.fullmatch(r"\s*[,/]\s*", text[after.end("name"):at]):
            name = after.group("name")
            return (name, after.start("name")) if _a_person(name) else None
        return None
    if m is None:
        return None
    name = m.group(1)
    return (name, lo + m.start(1)) if _a_person(name) else None


def _a_person(name: str) -> bool:
    from resilience_kg.extract.regions import is_place

    words_ = name.split()
    return not (any(w in _NOT_NAMES or w in STOP_CAPS for w in words_) or is_place(name) is not None
                or _post_regex().match(name) or TITLES.match(words_[0]))


def _in_headline(text: str, pos: int) -> bool:
    """Is ``pos`` on a short line of capitalised words with no full stop (a headline: "Mendagri
    Tanda Tangani Nota Kesepakatan")? Only a line of 200 characters at most is read."""
    start = text.rfind("\n", max(0, pos - 200), pos) + 1 if pos > 200 else text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos, pos + 200)
    end = len(text) if end < 0 and len(text) - pos <= 200 else end
    if (start == 0 and pos > 200) or end < 0:
        return False
    line = text[start:end].strip()
    words_ = line.split()
    caps = sum(w[:1].isupper() for w in words_)
    return len(words_) >= 3 and not line.endswith(".") and 3 * caps >= 2 * len(words_)


def _named_again(text: str, holders: Sequence[Holder], spans: Sequence[tuple[int, int]],
                 taken: Sequence[tuple[int, int]], body_words: set[str]) -> list[ActorMention]:
    """Each place the report names a holder (in full, or by one of the words of the name) from
    where it introduced them: a mention of the holder's body there. A word two holders of different
    bodies share, or a word of a body's own name, stands for nobody."""
    keys: dict[str, Holder | None] = {}
    for h in sorted(holders, key=lambda h: h.start):
        for key in {h.name, *(w for w in h.name.split() if len(w) >= 3)}:
            if key in _NOT_NAMES or key in STOP_CAPS or key in body_words or TITLES.match(key):
                continue
            if key not in keys:
                keys[key] = h  # the first introduction stands
            else:
                known = keys[key]
                if known is not None and known.body.name != h.body.name:
                    keys[key] = None  # two bodies' people share it: nobody's
    if not any(h is not None for h in keys.values()):
        return []
    occupied = sorted([*spans, *taken])
    out: list[ActorMention] = []
    # A full name by its first word: a name is looked up where a run of capitals has its word.
    full_names: dict[str, list[str]] = {}
    for key in sorted(keys, key=len, reverse=True):
        if " " in key:
            full_names.setdefault(key.split()[0], []).append(key)
    # Each run of capitalised words once: the full name, or else each word, may be a holder's.
    for run in _CAPITAL_RUN.finditer(text):
        pos = run.start()
        for word in re.finditer(r"\S+", run.group(0)):
            start = run.start() + word.start()
            if start < pos:
                continue  # inside a full name already read
            name = next((n for n in full_names.get(word.group(0), ()) if text.startswith(n, start)
                         and (start + len(n) == run.end() or not text[start + len(n)].isalnum())), word.group(0))
            holder, end = keys.get(name), start + len(name)
            pos = end
            if holder is None or start < holder.start or _inside(occupied, start, end):
                continue
            out.append(_proxy(holder.body, start, end, "rule:post-holder-named"))
    return out
