"""The unit a senior official's post names with its parent: "Deputi Bidang Pencegahan BNPB" heads
the Kedeputian Bidang Pencegahan of BNPB, "Dirjen Perkebunan Kementerian Pertanian" the Direktorat
Jenderal Perkebunan. A ministry's or national agency's units are named after their heads' posts
(Perpres 68/2019 on the ministries' organisation: a Kedeputian is led by a Deputi, a Direktorat
Jenderal by a Direktur Jenderal, a Direktorat by a Direktur), so the post with its field and its
parent spells the unit, which the annotation guide reads as one actor, the unit named with its
parent ("A unit named with its parent")."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from resilience_kg.extract.recognise.actors.mention import ActorMention
from resilience_kg.extract.recognise.rules import alternation, confidence, post_words, word_map, words

#: The post, then its field ("Bidang Pencegahan", "Manajemen Bencana dan Kebakaran"), right
#: before the parent's mention.
_POST_BEFORE = re.compile(
    r"(?:^|(?<=[\s,;:(]))(?P<post>" + alternation("post_units") + r")\s+"
    r"(?P<field>(?:[Bb]idang\s+)?[A-Z][\w-]*(?:\s+(?:(?:dan|&)\s+)?[A-Z][\w-]*){0,7})\s+$")


def _holder_after(text: str, end: int) -> bool:
    """Whether the holder's name follows the parent ("Deputi Bidang X BNPB, Budi Santoso"): the
    person present is then the parent's official, and the real annotators read the parent as the
    body present (the post names no unit of its own, as for a Kapolres' police command)."""
    from resilience_kg.extract.recognise.actors.regional import _HOLDER_AFTER

    skip = re.match(r"(?:\s+(?:RI|Republik Indonesia))?(?:\s*\([^()]{1,20}\))?", text[end:end + 60])
    at = end + (skip.end() if skip else 0)
    word = re.match(r"[\s,(]*(\w+)", text[at:at + 40])
    if word is not None and word.group(1) in post_words("heads"):
        return False  # "Deputi X BNPB, Dirjen Y ...": the next member of a list of posts, no holder
    return _HOLDER_AFTER.match(text, at) is not None


def units_of_posts(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """Each public body's mention right after a senior post and its field read as the unit the
    post heads, quoted from the post ("Deputi Bidang Pencegahan BNPB" is the Kedeputian Bidang
    Pencegahan BNPB); the mentions inside the post's words are dropped, being part of the unit's
    name. Only where the post stands for the attendee on its own (a list of those present, "X
    selaku Deputi ..."), not where its holder's name follows (:func:`_holder_after`). A post with
    no field ("Direktur BNPB"), or a field that names a rank, not a unit ("Direktur Utama"),
    names none.

    >>> text = "Hadir Deputi Bidang Pencegahan BNPB dan warga."
    >>> bnpb = ActorMention(31, 35, "BNPB", None, None, "GovernmentAgency", "", "gazetteer:bnpb", 0.9)
    >>> [(text[m.start:m.end], m.name) for m in units_of_posts(text, [bnpb])]
    [('Deputi Bidang Pencegahan BNPB', 'Kedeputian Bidang Pencegahan BNPB')]
    """
    units = word_map("post_units")
    out: list[ActorMention] = []
    for m in found:
        directorate = _police_directorate(text, m)
        if directorate is not None:
            out.append(directorate)
            continue
        post = _POST_BEFORE.search(text, max(0, m.start - 120), m.start) \
            if m.sector == "GovernmentAgency" and m.kind == "org" else None
        if post is None or post.group("field").split()[0] in words("post_unit_ranks") or _holder_after(text, m.end):
            out.append(m)
            continue
        field = re.sub(r"\s+", " ", post.group("field"))
        parent = re.sub(r"\s+", " ", text[m.start:m.end])
        name = f"{units[post.group('post')]} {field} {parent}"
        out = [o for o in out if not post.start() <= o.start < m.start]
        out.append(replace(m, start=post.start(), name=name, acronym=None, expansion=None, kind="unit",
                           sector_basis="unit-of-post", method="rule:unit-of-post", parent_span=(m.start, m.end)))
    return out




@functools.cache
def _police_commands() -> tuple[str, ...]:
    """A command's name (``rules/words.csv``'s ``police_unit_commands``), then a space, whose
    directors' and unit heads' posts spell their unit: a Polda's, a Polres's."""
    return tuple(f"{command} " for command in words("police_unit_commands"))

#: A Polda director's or commander's post right before the Polda's mention: "Dirlantas Polda Jatim",
#: and a Polres unit head's before the Polres's: "Kasatlantas Polres Contoh".
_POLICE_POST_BEFORE = re.compile(r"(?<![\w-])(?P<post>" + alternation("police_directorate_posts") + r")\s+$")


def _police_directorate(text: str, m: ActorMention) -> ActorMention | None:
    """The Polda directorate or unit a director's post spells with its Polda ("Dirlantas Polda
    Jatim" heads the Direktorat Lalu Lintas of Polda Jatim), quoted from the post: the unit named
    with its parent (annotation guide), the Polda only its parent. Unlike a ministry's Deputi,
    whose holder speaks for the agency, a Polda's directorate holds its own meetings and
    operations under its own name ("Ditlantas Polda X menggelar ..."), so the holder's name after
    the post changes nothing. None when no such post precedes ``m``."""
    if m.kind != "org" or m.sector != "GovernmentAgency" or not m.name.startswith(_police_commands()):
        return None
    post = _POLICE_POST_BEFORE.search(text, max(0, m.start - 40), m.start)
    if post is None:
        return None
    parent = re.sub(r"\s+", " ", text[m.start:m.end])
    return replace(m, start=post.start(), name=f"{word_map('police_directorate_posts')[post.group('post')]} {parent}",
                   acronym=None, expansion=None, kind="unit", sector_basis="unit-of-post",
                   method="rule:unit-of-post", parent_span=(m.start, m.end))


#: A dinas head's short post, its field (with its short form in brackets) and the region's words
#: up to the end of the phrase: "Kadis Kominfo Toba", "Kasudin Kesehatan Kota Administrasi Jakarta Utara".
_OFFICE_POST = re.compile(
    r"(?<![\w-])(?P<post>" + alternation("office_head_posts") + r")\s+"
    r"(?P<rest>[A-Z][\w-]*(?:\s+(?:(?:dan|&)\s+)?[A-Z][\w-]*\.?|\s*\([A-Z]{2,10}\)){0,10})")

#: Words of a region's level before its name, as a dinas head's post writes them ("Pemko Jakarta Barat").
_LEVEL_BEFORE = re.compile(r"(?:(?P<level>" + alternation("office_post_levels") + "|"
                           + alternation("office_post_governments") + r")\s+)?$")


#: The levels written as level words, not as a government's short form ("Pemko").
_LEVEL_WORDS = frozenset(word_map("office_post_levels"))


def office_heads(text: str, start: int, end: int) -> list[ActorMention]:
    """The office a dinas head's short post spells with its field and region: "Kadis Kominfo
    Toba" heads the Dinas Kominfo of Toba, "Kasudin LH Jakarta Selatan" the Suku Dinas LH of
    Jakarta Selatan (annotation guide: a post that spells its command), quoted as the post. Only
    where a field stands between the post and a region the regions list knows ("Kadis Kesehatan"
    with no region names none).

    >>> text = "Hadir Kadis Kominfo Toba, Budi, dan warga."
    >>> [(text[m.start:m.end], m.name) for m in office_heads(text, 0, len(text))]
    [('Kadis Kominfo Toba', 'Dinas Kominfo Kabupaten Toba')]
    """
    bodies = word_map("office_head_posts")
    levels = word_map("office_post_levels") | word_map("office_post_governments")
    out = []
    for m in _OFFICE_POST.finditer(text, start, end):
        mention = _office_head(text, m, bodies, levels)
        if mention is not None:
            out.append(mention)
    return out


def _office_head(text: str, m: re.Match[str], bodies: dict[str, str], levels: dict[str, str]) -> ActorMention | None:
    """The office of one dinas head's post (:func:`office_heads`): the phrase up to its longest
    end where a region closes it, so that the holder's name after the region ("Kadis Perkebunan
    Kab. Contoh Bpk. Budi") is no part of it."""
    whole = m.group("rest")
    ends = [len(whole)] + [s.start() for s in reversed(list(re.finditer(r"\s+", whole)))]
    for stop_at in ends:
        rest = whole[:stop_at].removesuffix(".")  # (a sentence's or a short form's full stop)
        found = _office_reading(text, m, rest, bodies, levels)
        if found is not None:
            return found
    return None


def _office_reading(text: str, m: re.Match[str], rest: str, bodies: dict[str, str],
                    levels: dict[str, str]) -> ActorMention | None:
    """The office ``rest`` (the words after the post, cut short) spells with a field and a region, or None."""
    from resilience_kg.extract.regions import is_place

    spaces = [s.start() for s in re.finditer(r"\s+", rest)]
    for cut in spaces:  # the longest region at the end of the phrase, after a field of one word or more
        tail = rest[cut:].strip()
        tail_words = tail.split()
        place = next((" ".join(tail_words[k:]) for k in range(len(tail_words))
                      if is_place(" ".join(tail_words[k:])) is not None), None)
        if place is None:
            continue
        place_at = m.start("rest") + len(rest) - len(place)
        field_end = m.start("rest") + cut
        level = _LEVEL_BEFORE.search(text, field_end, place_at)
        if level is None or text[field_end:place_at].strip() != (level.group("level") or ""):
            continue  # other words between the field and the region: not this reading
        field = re.sub(r"\s*\([A-Z]{2,10}\)", "", rest[:cut]).strip()
        if re.fullmatch(r"D(?:[A-Z0-9]\w*|is\w+|in\w+)", field):
            break  # "Kadis DP3APPKB Sultra", "Kadis Dinkes X": the field is the dinas's own short form
        written = level.group("level") or ""
        known = is_place(place)
        # The region with its level, as the office's name writes it ("Kota Administrasi Jakarta
        # Barat"): the written level where it is one, the region's own otherwise.
        region = f"{levels[written]} {place}" if written in _LEVEL_WORDS \
            else (known.full_name if known is not None else place)
        name = f"{bodies[m.group('post')]} {field} {region}"
        # A government's short form before the region ("Pemko Jakarta Barat") is the city
        # government's own mention, an actor of its own: the quote stops before it.
        stop = field_end if written and written not in _LEVEL_WORDS else m.start("rest") + len(rest)
        return ActorMention(m.start(), stop, name, None, None, "GovernmentAgency",
                            "office-head", "rule:office-head", confidence("mention:regional-head"))
    return None


#: An English police chief's or prosecutor's post after its place: "Langsa Police Chief",
#: "Langsa District Attorney".
_ENGLISH_COMMAND = re.compile(r"(?<![\w-])(?P<place>(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)(?:['’]s)? "
                              r"(?P<post>" + alternation("english_command_posts") + r")(?![\w-])")


def english_command_posts(text: str, start: int, end: int) -> list[ActorMention]:
    """The command or office an English post spells with its place, as "Kapolres X" does in
    Indonesian: "Langsa Police Chief" heads the Kepolisian Resor Langsa (a province's, the
    Kepolisian Daerah), "Langsa District Attorney" the Kejaksaan Negeri Langsa; quoted as the
    post, only where its holder follows or the post is one of a list.

    >>> text = "Present were the Langsa Police Chief, Langsa District Attorney, and others."
    >>> [(text[m.start:m.end], m.name) for m in english_command_posts(text, 0, len(text))]
    [('Langsa Police Chief', 'Kepolisian Resor Langsa'), ('Langsa District Attorney', 'Kejaksaan Negeri Langsa')]
    """
    from resilience_kg.extract.recognise.actors.governments import _holder_follows, _in_a_list
    from resilience_kg.extract.regions import is_place

    bodies = {post: value.split("|") for post, value in word_map("english_command_posts").items()}
    out = []
    for m in _ENGLISH_COMMAND.finditer(text, start, end):
        words_ = m.group("place").split(" ")
        # The region is the place's last words ("the Langsa" of "Present the Langsa").
        at, region = next(((k, r) for k in range(len(words_)) if (r := is_place(" ".join(words_[k:]))) is not None),
                          (0, None))
        if region is None or region.kind not in ("provinsi", "kota", "kabupaten"):
            continue
        first = m.start("place") + len(" ".join(words_[:at])) + (1 if at else 0)
        if not (_holder_follows(text, m.end()) or _in_a_list(text, first, m.end(), start)):
            continue
        city, province = bodies[m.group("post")]
        name = f"{province if region.kind == 'provinsi' else city} {region.name}"
        out.append(ActorMention(first, m.end(), name, None, None, "GovernmentAgency", "english-command",
                                "rule:police-command", confidence("mention:regional-head")))
    return out
