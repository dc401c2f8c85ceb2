"""Write a seeded synthetic corpus in the bundled CSV format, sized by its quad count.

The corpus has the shape of the bundled Jakarta tables, repeated over many cities: each city has
a resilience strategy with three pillars, a provincial government and a pool of actors from the
six sectors, and a series of workshops (events), each with one session per pillar. Issues are
raised in sessions and sit under the session's pillar; solutions are presented in sessions,
proposed by actors and address issues (curated pairings, as in the real data); actors take part
in events and have curated ``worksOn`` mandates with a confidence and a note. Every report row
carries a quote that is an exact substring of its source text, one report (source document) per
workshop, written under ``sources/``; so the real loader runs every check it runs on real data.

The size is a target number of quads, i.e. ``len(load_graph(out, bundled=False))``: the ontology,
each fact, its reified provenance statement (6 quads, plus 2 for a quote or 1 each for a curated
note and confidence), each distinct quote (5 quads) and each source document. The generator
counts these exactly as rows are added and stops at the group boundary nearest to the target.
Rows are added in groups that never leave a dangling reference or a shape violation behind, so
a corpus cut at any size still conforms to the SHACL shapes.

    python bench/generate.py --triples 100000 --out bench/corpora/1e5 --seed 1
    python bench/generate.py --preset 1e4            # writes bench/corpora/1e4
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# The real loader's column lists, so the corpora always match the format it reads.
from resilience_kg.graph.csv_reader import CONNECTION_COLUMNS, ELEMENT_COLUMNS, SOURCE_COLUMNS

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"
PRESETS = {"1e3": 1_000, "1e4": 10_000, "1e5": 100_000, "1e6": 1_000_000}
GENERATOR_VERSION = 2  # bump when the output for a given (target, seed) changes


# -- quad accounting (mirrors resilience_kg/graph/assemble.py) --------------------------------
STATEMENT_QUADS = 6  # rdf:type, rdf:subject, rdf:predicate, rdf:object, rkg:inGraph, rkg:recordedIn
QUOTE_QUADS = 8  # two selector types, oa:exact, oa:prefix, oa:suffix, oa:start, oa:end, dcterms:source
ONTOLOGY_QUADS_FALLBACK = 457

# -- vocabulary for the synthetic names --------------------------------------------------------
SECTORS = (  # class, weight, word used in the reports (as the bundled report groups attendees)
    ("GovernmentAgency", 0.42, "Pemprov"),
    ("RegionalEnterprise", 0.08, "BUMD"),
    ("PrivateCompany", 0.16, "Swasta"),
    ("CivilSocietyOrganization", 0.20, "Lembaga dan Organisasi Kemasyarakatan"),
    ("AcademicInstitution", 0.08, "Akademisi"),
    ("DiplomaticMission", 0.06, "Perwakilan diplomatik"),
)
AGENCY_TOPICS = (
    ("Lingkungan Hidup", "Environment", "LH"), ("Perhubungan", "Transportation", "HUB"),
    ("Sumber Daya Air", "Water Resources", "SDA"), ("Kesehatan", "Health", "KES"),
    ("Pendidikan", "Education", "DIK"), ("Perindustrian dan Energi", "Industry and Energy", "PE"),
    ("Sosial", "Social Affairs", "SOS"), ("Bina Marga", "Highways", "BM"),
    ("Perumahan Rakyat dan Kawasan Permukiman", "Housing and Settlements", "PRKP"),
    ("Pertamanan dan Hutan Kota", "Parks and Urban Forests", "PHK"),
    ("Komunikasi, Informatika dan Statistik", "Communications, Informatics and Statistics", "KIS"),
    ("Penanggulangan Kebakaran dan Penyelamatan", "Fire and Rescue", "PKP"),
    ("Ketahanan Pangan", "Food Security", "KP"), ("Tenaga Kerja", "Manpower", "NAKER"),
    ("Pariwisata dan Ekonomi Kreatif", "Tourism and Creative Economy", "PAREKRAF"),
    ("Cipta Karya dan Tata Ruang", "Public Works and Spatial Planning", "CKTR"),
)  # fmt: skip
AGENCY_KINDS = (("Dinas", "Agency", "D"), ("Badan", "Board", "B"), ("Biro", "Bureau", "BIRO "),
                ("Suku Dinas", "District Office", "SUDIN "))  # fmt: skip
SYLLABLES = ("ba", "ra", "ka", "ja", "ya", "sa", "ma", "na", "ta", "wi", "di", "ri", "lo", "no", "su", "tu",
             "ga", "pa", "ha", "li", "me", "ne", "ku", "bu", "ce", "de")  # fmt: skip
CSO_KINDS = (("Yayasan", "Foundation"), ("Perkumpulan", "Association"), ("Forum", "Forum"),
             ("Lembaga", "Institute"), ("Jaringan", "Network"))  # fmt: skip
ACADEMIC_KINDS = (("Universitas", "University"), ("Institut Teknologi", "Institute of Technology"),
                  ("Politeknik", "Polytechnic"), ("Sekolah Tinggi", "College"))  # fmt: skip
COUNTRIES = (("Perancis", "France", "FR"), ("Belanda", "the Netherlands", "NL"), ("Jepang", "Japan", "JP"),
             ("Jerman", "Germany", "DE"), ("Australia", "Australia", "AU"), ("Korea Selatan", "South Korea", "KR"),
             ("Denmark", "Denmark", "DK"), ("Inggris", "the United Kingdom", "GB"), ("Swiss", "Switzerland", "CH"),
             ("Kanada", "Canada", "CA"), ("Selandia Baru", "New Zealand", "NZ"),
             ("Singapura", "Singapore", "SG"))  # fmt: skip
CITIES = ("Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Palembang", "Denpasar",
          "Pontianak", "Banjarmasin", "Manado", "Padang", "Pekanbaru", "Balikpapan", "Samarinda",
          "Yogyakarta", "Malang", "Mataram", "Kupang", "Ambon", "Jayapura", "Palu", "Kendari",
          "Bengkulu", "Jambi", "Serang", "Cirebon", "Tegal", "Ternate", "Sorong")  # fmt: skip
PILLARS = (  # notation, Indonesian word, English word, session noun, issue topics (id, en)
    ("SIAP", "Siap", "Prepared", "kesiapsiagaan", (
        ("Pemetaan risiko bencana", "Disaster risk mapping"),
        ("Sistem peringatan dini banjir", "Flood early warning system"),
        ("Keterlibatan pemangku kepentingan terkait kesiapsiagaan", "Stakeholder engagement in preparedness"),
        ("Infrastruktur aman bencana", "Disaster-safe infrastructure"),
        ("Jalur evakuasi", "Evacuation routes"))),
    ("SEHAT", "Sehat", "Healthy", "kesehatan", (
        ("Pengelolaan sampah", "Solid waste management"), ("Pengelolaan air limbah", "Wastewater management"),
        ("Penyediaan air bersih", "Clean water supply"), ("Kualitas udara", "Air quality"),
        ("Sanitasi permukiman padat", "Sanitation in dense settlements"))),
    ("TERHUBUNG", "Terhubung", "Connected", "keterhubungan", (
        ("Integrasi antarmoda transportasi", "Integration between transport modes"),
        ("Pembatasan kendaraan pribadi", "Restricting private vehicles"),
        ("Infrastruktur transportasi umum", "Public transport infrastructure"),
        ("Jalur pejalan kaki", "Pedestrian walkways"), ("Konektivitas data kota", "City data connectivity"))),
    ("HIJAU", "Hijau", "Green", "lingkungan", (
        ("Ruang terbuka hijau", "Green open space"), ("Penurunan muka tanah", "Land subsidence"),
        ("Efisiensi energi gedung", "Building energy efficiency"), ("Restorasi sungai", "River restoration"))),
    ("TANGGUH", "Tangguh", "Robust", "ketangguhan", (
        ("Ketahanan ekonomi warga", "Household economic resilience"),
        ("Kesiapan layanan darurat", "Emergency service readiness"),
        ("Ketahanan pangan kota", "Urban food security"), ("Perlindungan pesisir", "Coastal protection"))),
)  # fmt: skip
SOLUTION_KINDS = (
    ("Pendekatan infrastruktur cerdas untuk", "Smart infrastructure for"),
    ("Program percontohan", "Pilot programme on"), ("Skema pembiayaan hijau untuk", "Green financing for"),
    ("Platform data terbuka untuk", "Open data platform for"),
    ("Pelatihan masyarakat tentang", "Community training on"),
    ("Kajian teknis", "Technical study on"),
)  # fmt: skip
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


# -- the corpus and its exact quad count -------------------------------------------------------
@dataclass
class Group:
    """Rows added together: committed whole, or (at the end) left out whole."""

    elements: list[dict[str, str]] = field(default_factory=list)
    connections: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    quotes: set[tuple[str, str]] = field(default_factory=set)
    quads: int = 0
    facts: int = 0


class Corpus:
    def __init__(self, base_quads: int) -> None:
        self.elements: list[dict[str, str]] = []
        self.connections: list[dict[str, str]] = []
        self.sources: list[dict[str, str]] = []
        self.source_ids: set[str] = set()
        self.texts: dict[str, list[str]] = {}  # source id -> its sentences, in order
        self.sentences: dict[str, set[str]] = {}
        self.quotes: set[tuple[str, str]] = set()
        self.quads = base_quads
        self.facts = 0
        self.group = Group()

    # text of the source documents
    def say(self, source: str, sentence: str) -> str:
        """Add ``sentence`` to the source text (once) and return it, to be used as a quote."""
        seen = self.sentences.setdefault(source, set())
        if sentence not in seen:
            seen.add(sentence)
            self.texts.setdefault(source, []).append(sentence)
        return sentence

    def source(self, row: dict[str, str]) -> None:
        if row["id"] in self.source_ids or any(s["id"] == row["id"] for s in self.group.sources):
            return
        self.group.sources.append(row)
        self.group.quads += 1 + sum(1 for c in ("title_id", "title_en", "date", "publisher", "language", "url")
                                    if row.get(c))

    # rows, counted as assemble.py emits them
    def _fact_quads(self, row: dict[str, str], curated: bool) -> int:
        n = 1 + STATEMENT_QUADS
        if curated:
            n += bool(row.get("note")) + bool(row.get("confidence"))
        elif row.get("quote"):
            n += 2
            key = (row["source"], row["quote"])
            if key not in self.quotes and key not in self.group.quotes:
                self.group.quotes.add(key)
                self.group.quads += QUOTE_QUADS
        return n

    def element(self, **values: str) -> None:
        row = {c: "" for c in ELEMENT_COLUMNS}
        row.update(values)
        curated = row["basis"] == "curated"
        facts = 1  # rdf:type
        if row["type"] in {s[0] for s in SECTORS}:
            facts += 2  # rdf:type rkg:Actor and rkg:sector
        facts += sum(1 for c in ("label_id", "label_en", "description_en", "unit_text", "acronym", "notation",
                                 "country", "unit_code", "is_group", "date", "value", "min_value") if row[c])
        per_fact = self._fact_quads(row, curated)
        self.group.quads += facts * per_fact
        self.group.facts += facts
        conf = row["expansion_confidence"]
        if conf:  # the expansion and its confidence, stated (with the quote) or curated
            erow = dict(row, confidence=conf)
            stated = conf == "stated"
            per = self._fact_quads(erow, not stated)
            n = 2 if row["expansion"] else 1
            self.group.quads += n * per
            self.group.facts += n
        self.group.elements.append(row)

    def connect(self, frm: str, to: str, kind: str, **values: str) -> None:
        row = {c: "" for c in CONNECTION_COLUMNS}
        row.update({"from": frm, "to": to, "type": kind})
        row.update(values)
        quads = self._fact_quads(row, row["basis"] == "curated")  # may count a new quote: call it first
        self.group.quads += quads
        self.group.facts += 1
        self.group.connections.append(row)

    def commit_or_stop(self, target: int) -> bool:
        """Commit the pending group unless leaving it out lands nearer the target; True to go on."""
        g = self.group
        if self.quads + g.quads > target and (self.quads + g.quads - target) > (target - self.quads):
            return False
        self.elements += g.elements
        self.connections += g.connections
        self.sources += g.sources
        self.source_ids.update(s["id"] for s in g.sources)
        self.quotes |= g.quotes
        self.quads += g.quads
        self.facts += g.facts
        self.group = Group()
        return self.quads < target


class Stop(Exception):
    """The target is reached."""


# -- the shape of a city ------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """One event fixed in advance: its date, who attends (indices into the city's actor pool;
    the provincial government attends every event as host) and who speaks (proposes the
    solutions, in turn)."""

    date: str
    attendees: tuple[int, ...]
    speakers: tuple[int, ...] = ()


@dataclass
class Shape:
    actors: int = 40  # pool of actors per city, besides the provincial government
    events: int = 5  # workshops per city
    issues_per_session: int = 3
    solutions_per_session: int = 3
    participants: int = 24  # actors from the pool at each event (the government attends all)
    mandates: tuple[int, int] = (1, 3)  # worksOn rows per actor (min, max)
    figure_rate: float = 0.2  # share of issues that come with a figure
    agreement_every: int = 3  # an agreement follows every n-th event
    schedule: tuple[Plan, ...] = ()  # events fixed in advance (then `events` and `participants` are unused)
    # 0: every actor of the pool equally likely at each event; s > 0: the pool's i-th actor is
    # chosen with weight 1 / (i + 1) ** s, so a few regulars come to most events and many rarely.
    attendance_skew: float = 0.0
    national: int = 0  # actors of a national pool, shared by every city's pool (they link the cities)


@dataclass
class Actor:
    id: str
    cls: str
    sector_word: str
    label_id: str
    label_en: str
    acronym: str = ""
    expansion: str = ""
    expansion_confidence: str = ""
    country: str = ""
    is_group: str = ""
    created: bool = False


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def _actor(rng: random.Random, city: str, slug: str, index: int, counters: dict[str, int]) -> Actor:
    weights = [s[1] for s in SECTORS]
    cls, _, word = rng.choices(SECTORS, weights=weights)[0]
    n = counters[cls] = counters.get(cls, 0) + 1
    aid = f"{slug}-{cls[:3].lower()}-{n:03d}"
    if cls == "GovernmentAgency":
        topic_id, topic_en, abbr = AGENCY_TOPICS[(n - 1) % len(AGENCY_TOPICS)]
        kind_id, kind_en, kind_abbr = AGENCY_KINDS[((n - 1) // len(AGENCY_TOPICS)) % len(AGENCY_KINDS)]
        round_ = (n - 1) // (len(AGENCY_TOPICS) * len(AGENCY_KINDS))
        suffix = f" Wilayah {round_ + 1}" if round_ else ""
        a = Actor(aid, cls, word, f"{kind_id} {topic_id}{suffix}", f"{city} {topic_en} {kind_en}{suffix}",
                  acronym=f"{kind_abbr}{abbr}{round_ + 1 if round_ else ''}".strip(), country="ID")
        if rng.random() < 0.5:
            a.expansion, a.expansion_confidence = f"{kind_id} {topic_id} Provinsi {city}", "stated"
        elif rng.random() < 0.6:
            a.expansion, a.expansion_confidence = f"{kind_id} {topic_id} Provinsi {city}", "well-attested"
    elif cls == "RegionalEnterprise":
        name = _name(rng, 2)
        a = Actor(aid, cls, word, f"PT {name} {city}", f"{name} {city} (regional enterprise)",
                  acronym=f"PT {name}", country="ID")
    elif cls == "PrivateCompany":
        name = _name(rng, rng.randint(2, 3))
        foreign = rng.random() < 0.3
        country = rng.choice(COUNTRIES)[2] if foreign else "ID"
        a = Actor(aid, cls, word, f"PT {name} {rng.choice(('Konsultan', 'Teknik', 'Solusi', 'Energi'))}",
                  f"{name} (company)", country=country)
        if rng.random() < 0.1:
            a.is_group = "true"
    elif cls == "CivilSocietyOrganization":
        kind_id, kind_en = rng.choice(CSO_KINDS)
        name = _name(rng, 3)
        acr = "".join(w[0] for w in f"{kind_id} {name} {city}".split()).upper() + str(n)
        a = Actor(aid, cls, word, f"{kind_id} {name} {city}", f"{name} {kind_en} of {city}", acronym=acr,
                  country="ID")
        roll = rng.random()
        if roll < 0.2:
            a.expansion_confidence = "unknown"
        elif roll < 0.5:
            a.expansion, a.expansion_confidence = f"{kind_id} {name} {city}", "uncertain"
    elif cls == "AcademicInstitution":
        kind_id, kind_en = rng.choice(ACADEMIC_KINDS)
        name = _name(rng, 3)
        acr = "".join(w[0] for w in f"{kind_id} {name}".split()).upper() + str(n)
        a = Actor(aid, cls, word, f"{kind_id} {name}", f"{name} {kind_en}", acronym=acr, country="ID")
        if rng.random() < 0.5:
            a.expansion, a.expansion_confidence = f"{kind_id} {name}", "stated"
    else:
        c_id, c_en, code = COUNTRIES[(index + n) % len(COUNTRIES)]
        a = Actor(aid, cls, word, f"Kedutaan Besar {c_id} {n}", f"Embassy of {c_en} ({n})",
                  acronym=f"Kedubes {c_id} {n}", country=code)
    return a


NATIONAL_KINDS = (("CivilSocietyOrganization", "Lembaga dan Organisasi Kemasyarakatan", "Jaringan", "Network"),
                  ("AcademicInstitution", "Akademisi", "Pusat Studi", "Research Centre"),
                  ("PrivateCompany", "Swasta", "PT", "Company"))  # fmt: skip


def national_actor(i: int) -> Actor:
    """The i-th actor of the national pool: an organisation that works in many cities."""
    cls, word, kind_id, kind_en = NATIONAL_KINDS[i % len(NATIONAL_KINDS)]
    name = "".join(SYLLABLES[(i * 7 + k * 3) % len(SYLLABLES)] for k in range(3)).capitalize()
    return Actor(f"national-{i + 1:03d}", cls, word, f"{kind_id} {name} Nasional", f"{name} National {kind_en}",
                 acronym=f"{name[:3].upper()}N{i + 1}", country="ID")


class CityWriter:
    """Emits one city's rows as groups, stopping when the corpus reaches its target."""

    def __init__(self, corpus: Corpus, target: int, rng: random.Random, index: int, shape: Shape,
                 single_source: bool, shared: list[Actor] | None = None) -> None:
        self.c, self.target, self.rng, self.shape = corpus, target, rng, shape
        self.index = index
        base = CITIES[index % len(CITIES)]
        self.city = base if index < len(CITIES) else f"{base} {index // len(CITIES) + 1}"
        self.slug = self.city.lower().replace(" ", "-") + f"-c{index:03d}"
        self.single_source = single_source
        counters: dict[str, int] = {}
        self.gov = Actor(f"{self.slug}-pemprov", "GovernmentAgency", "Pemprov", f"Pemerintah Provinsi {self.city}",
                         f"{self.city} Provincial Government", acronym=f"Pemprov {self.city}", country="ID",
                         expansion=f"Pemerintah Provinsi {self.city}", expansion_confidence="stated")
        self.pool = [_actor(rng, self.city, self.slug, i, counters) for i in range(shape.actors)]
        for actor in shared or ():  # national actors, each at a random place (so some are regulars)
            self.pool.insert(rng.randrange(len(self.pool) + 1), actor)
        self.pillars = rng.sample(PILLARS, 3)
        self.issues: list[str] = []
        self.pending_mandates: list[Actor] = []
        self.strategy = f"{self.slug}-strategy"
        self.start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))

    # helpers
    def flush(self) -> None:
        if not self.c.commit_or_stop(self.target):
            raise Stop

    def doc(self, event: int) -> str:
        return "synthetic-corpus" if self.single_source else f"{self.slug}-report-{event + 1:02d}"

    def add_source(self, event: int, label_id: str, label_en: str, date: str) -> str:
        sid = self.doc(event)
        if self.single_source:
            row = {"id": sid, "title_id": "Kumpulan laporan lokakarya sintetis", "title_en":
                   "Synthetic collection of workshop reports", "date": "", "publisher": "resilience-kg bench",
                   "language": "id", "file": f"sources/{sid}.txt", "url": ""}
        else:
            row = {"id": sid, "title_id": f"Laporan {label_id}", "title_en": f"Report on the {label_en}",
                   "date": date, "publisher": f"Sekretariat {self.city} Berketahanan", "language": "id",
                   "file": f"sources/{sid}.txt", "url": f"https://example.org/reports/{sid}"}
        self.c.source(row)
        return sid

    def report(self, src: str, sentence: str) -> dict[str, str]:
        return {"basis": "report", "source": src, "quote": self.c.say(src, sentence)}

    def curated(self, confidence: str, note: str) -> dict[str, str]:
        return {"basis": "curated", "confidence": confidence, "note": note}

    def ensure(self, actor: Actor, src: str) -> None:
        """The actor's element row (and its links) into the pending group, the first time."""
        if actor.created:
            return
        actor.created = True
        quote = f"{actor.label_id}"
        if actor.expansion_confidence == "stated":
            quote = f"{actor.expansion} ({actor.acronym})"
        elif actor.acronym:
            quote += f" ({actor.acronym})"
        quote += f" turut hadir mewakili {actor.sector_word} {self.city}"
        note = ""
        if actor.expansion_confidence and actor.expansion_confidence != "stated":
            note = (f"Project glossary: {actor.acronym or actor.label_id}; the expansion is "
                    f"{actor.expansion_confidence} and the report gives none.")
        self.c.element(id=actor.id, type=actor.cls, label_id=actor.label_id, label_en=actor.label_en,
                       acronym=actor.acronym, expansion=actor.expansion,
                       expansion_confidence=actor.expansion_confidence, country=actor.country,
                       is_group=actor.is_group, note=note, **self.report(src, quote))
        if actor.cls == "GovernmentAgency" and actor is not self.gov and self.gov.created:
            if self.rng.random() < 0.8:
                self.c.connect(actor.id, self.gov.id, "org:subOrganizationOf", **self.report(src, quote))
            else:
                self.c.connect(actor.id, self.gov.id, "org:subOrganizationOf", **self.curated(
                    "well-attested", f"{actor.label_id} is a unit of the {self.city} provincial government."))
        if self.issues:
            self.mandates(actor)
        else:
            self.pending_mandates.append(actor)

    def mandates(self, actor: Actor) -> None:
        lo, hi = self.shape.mandates
        n = min(len(self.issues), self.rng.randint(lo, hi))
        for issue in self.rng.sample(self.issues, n):
            conf = self.rng.choice(("well-attested", "well-attested", "uncertain"))
            self.c.connect(actor.id, issue, "worksOn", **self.curated(
                conf, f"{actor.label_en} has this in its mandate ({conf}); the report does not say so."))

    # the city
    def run(self) -> None:
        c, shape = self.c, self.shape
        src0 = self.add_source(0, f"Lokakarya Ketahanan Kota {self.city} 1", f"{self.city} resilience workshop 1",
                               self.start.isoformat())
        names = ", ".join(f"{self.city} {p[0]}" for p in self.pillars)
        pillar_quote = f"tiga pilar ketahanan kota {self.city}, yaitu: {names}"
        c.element(id=self.strategy, type="Strategy", label_id=f"Strategi Ketahanan Kota {self.city}",
                  label_en=f"{self.city} Resilience Strategy",
                  **self.report(src0, f"Strategi Ketahanan Kota {self.city} telah menarik minat pemangku kepentingan"))
        pillar_ids = []
        for notation, _word_id, word_en, _, _ in self.pillars:
            pid = f"{self.slug}-pillar-{notation.lower()}"
            pillar_ids.append(pid)
            c.element(id=pid, type="Pillar", label_id=f"{self.city} {notation}",
                      label_en=f"{word_en} {self.city} ({self.city} {notation})",
                      notation=f"{notation}-{self.index}", **self.report(src0, pillar_quote))
            c.connect(self.strategy, pid, "hasPillar", **self.report(src0, pillar_quote))
        self.flush()
        for e in range(len(shape.schedule) or shape.events):
            self.event(e, pillar_ids)

    def event(self, e: int, pillar_ids: list[str]) -> None:
        rng, c, shape = self.rng, self.c, self.shape
        plan = shape.schedule[e] if shape.schedule else None
        date = dt.date.fromisoformat(plan.date) if plan else self.start + dt.timedelta(days=e * rng.randint(40, 120))
        eid = f"{self.slug}-workshop-{e + 1:02d}"
        label_id = f"Lokakarya Ketahanan Kota {self.city} {e + 1}"
        label_en = f"{self.city} resilience workshop {e + 1}"
        src = self.add_source(e, label_id, label_en, date.isoformat())
        intro = (f"Pada tanggal {date.isoformat()} diselenggarakan {label_id} yang membahas "
                 f"Strategi Ketahanan Kota {self.city}")
        c.element(id=eid, type="Event", label_id=label_id, label_en=label_en, date=date.isoformat(),
                  **self.report(src, intro))
        c.connect(eid, self.strategy, "concernsStrategy", **self.report(src, intro))
        self.ensure(self.gov, src)
        c.connect(eid, self.gov.id, "organizedBy", **self.report(src, intro))
        self.flush()
        panel = "Dalam sesi diskusi panel, terdapat beberapa hal penting yang turut dibahas"
        n_issue = n_sol = 0
        for k, (notation, _word_id, word_en, noun, topics) in enumerate(self.pillars):
            sid = f"{eid}-session-{notation.lower()}"
            frame = f"dari sesi {noun} pada {label_id}, dijelaskan bahwa isu utama terkait masalah {noun}"
            c.element(id=sid, type="Session", label_id=f"Sesi {noun} {label_id}",
                      label_en=f"{word_en} session of the {label_en}", **self.report(src, frame))
            c.connect(eid, sid, "hasSession", **self.report(src, panel))
            c.connect(sid, pillar_ids[k], "concernsPillar", **self.report(src, frame))
            self.flush()
            session_issues: list[str] = []
            for i in range(max(shape.issues_per_session, shape.solutions_per_session)):
                if i < shape.issues_per_session:
                    n_issue += 1
                    topic_id, topic_en = topics[(e * shape.issues_per_session + i) % len(topics)]
                    iid = f"{eid}-issue-{n_issue:02d}"
                    text = f"({ROMAN[i % len(ROMAN)]}) {topic_id} di wilayah {self.city} {e + 1}.{n_issue}"
                    c.element(id=iid, type="Issue", label_id=f"{topic_id} ({self.city}, {e + 1}.{n_issue})",
                              label_en=f"{topic_en} ({self.city}, {e + 1}.{n_issue})", **self.report(src, text))
                    c.connect(iid, sid, "raisedIn", **self.report(src, text))
                    c.connect(iid, pillar_ids[k], "underPillar", **self.report(src, frame))
                    if rng.random() < shape.figure_rate:
                        value = str(rng.randint(5, 9000))
                        unit = rng.choice(("ton per hari", "persen", "kilometer", "titik"))
                        fid = f"{iid}-figure"
                        fq = f"{topic_id} di wilayah {self.city} mencapai {value} {unit} ({e + 1}.{n_issue})"
                        c.element(id=fid, type="Figure", label_id=f"Angka {topic_id.lower()}",
                                  label_en=f"Figure for {topic_en.lower()}", value=value, unit_text=unit,
                                  **self.report(src, fq))
                        c.connect(iid, fid, "hasFigure", **self.report(src, fq))
                    session_issues.append(iid)
                    self.issues.append(iid)
                    self.flush()
                    for actor in self.pending_mandates:
                        self.mandates(actor)
                    self.pending_mandates.clear()
                    self.flush()
                if i < shape.solutions_per_session:
                    n_sol += 1
                    kind_id, kind_en = rng.choice(SOLUTION_KINDS)
                    target_issue = session_issues[min(i, len(session_issues) - 1)]
                    topic_id, topic_en = topics[(e * shape.issues_per_session + min(i, len(session_issues) - 1))
                                                % len(topics)]
                    sol = f"{eid}-solution-{n_sol:02d}"
                    text = f"({ROMAN[i % len(ROMAN)]}) {kind_id} {topic_id.lower()} (usulan {e + 1}.{n_sol})"
                    if plan and plan.speakers:
                        proposers = [self.pool[plan.speakers[(n_sol - 1) % len(plan.speakers)]]]
                    else:
                        proposers = rng.sample(self.pool, 2 if rng.random() < 0.3 else 1)
                    for actor in proposers:
                        self.ensure(actor, src)
                    c.element(id=sol, type="Solution", label_id=f"{kind_id} {topic_id.lower()}",
                              label_en=f"{kind_en} {topic_en.lower()}", **self.report(src, text))
                    c.connect(sol, sid, "presentedIn", **self.report(src, text))
                    c.connect(sol, target_issue, "addressesIssue", **self.curated(
                        "well-attested", "The report lists issues and solutions per session but pairs none of "
                        "them; both name the same topic."))
                    others = [x for x in session_issues if x != target_issue]
                    if others and rng.random() < 0.3:
                        c.connect(sol, rng.choice(others), "addressesIssue", **self.curated(
                            "uncertain", "A plausible pairing within the session; the report does not make it."))
                    for actor in proposers:
                        c.connect(sol, actor.id, "proposedBy", **self.report(
                            src, f"{kind_id} {topic_id.lower()} diusulkan oleh {actor.label_id} ({e + 1}.{n_sol})"))
                    self.flush()
        # who took part: one sentence per sector listing the attendees, as the real report does
        if plan:
            chosen = sorted(plan.attendees)
        elif shape.attendance_skew:
            # Weighted sampling without replacement (Efraimidis and Spirakis): the k largest keys.
            keys = [(rng.random() ** ((i + 1) ** shape.attendance_skew), i) for i in range(len(self.pool))]
            chosen = sorted(i for _, i in sorted(keys, reverse=True)[: min(shape.participants, len(self.pool))])
        else:
            chosen = sorted(rng.sample(range(len(self.pool)), min(shape.participants, len(self.pool))))
        by_sector: dict[str, list[Actor]] = {}
        for idx in chosen:
            by_sector.setdefault(self.pool[idx].sector_word, []).append(self.pool[idx])
        lists = {w: f"turut dihadiri oleh {w} ({', '.join(a.label_id for a in people)}) pada {label_id}"
                 for w, people in by_sector.items()}
        gov_quote = f"{self.gov.label_id} hadir sebagai tuan rumah {label_id}"
        c.connect(self.gov.id, eid, "participatedIn", **self.report(src, gov_quote))
        self.flush()
        for idx in chosen:
            actor = self.pool[idx]
            self.ensure(actor, src)
            c.connect(actor.id, eid, "participatedIn", **self.report(src, lists[actor.sector_word]))
            self.flush()
        if shape.agreement_every and (e + 1) % shape.agreement_every == 0:
            partner = self.pool[chosen[-1]] if chosen else self.gov
            aid = f"{eid}-loi"
            text = (f"Untuk menindaklanjuti {label_id}, {self.gov.label_id} dengan {partner.label_id} akan "
                    f"menyepakati Letter of Intent (LoI) terkait ketahanan kota {self.city}")
            c.element(id=aid, type="Agreement", label_id=f"Letter of Intent {self.city} {e + 1}",
                      label_en=f"Letter of Intent on resilience in {self.city} ({e + 1})", acronym="LoI",
                      **self.report(src, text))
            for party in dict.fromkeys((self.gov.id, partner.id)):
                c.connect(aid, party, "party", **self.report(src, text))
            status = "agreement-status-signed" if rng.random() < 0.3 else "agreement-status-planned"
            c.connect(aid, status, "agreementStatus", **self.report(src, text))
            c.connect(aid, eid, "followsUp", **self.report(src, text))
            c.connect(aid, self.strategy, "concernsStrategy", **self.report(src, text))
            self.flush()


# -- driver -------------------------------------------------------------------------------------
def ontology_quads() -> int:
    """Quads of an empty load (the ontology), read from the library so the count stays exact."""
    try:
        from resilience_kg.graph.dataset import load_graph
    except ImportError:  # pragma: no cover - the generator still works without the package
        return ONTOLOGY_QUADS_FALLBACK
    return len(load_graph([], bundled=False))


def generate(target: int, out: Path, *, seed: int = 1, single_source: bool = False,
             shape: Shape | None = None, cities: int | None = None) -> dict[str, object]:
    """Write the corpus for ``target`` quads (or exactly ``cities`` cities) into ``out`` and
    return its manifest."""
    started = time.perf_counter()
    shape = shape or Shape()
    rng = random.Random(seed)
    corpus = Corpus(ontology_quads())
    if cities is not None:
        target = 1 << 62  # no quad target: the city count stops the corpus
    city = 0
    pools: list[list[str]] = []
    shared = [national_actor(i) for i in range(shape.national)]
    try:
        while cities is None or city < cities:
            writer = CityWriter(corpus, target, rng, city, shape, single_source, shared)
            pools.append([a.id for a in writer.pool])
            writer.run()
            city += 1
    except Stop:
        pass
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    for old in (out / "sources").glob("*.txt"):
        old.unlink()
    for name, columns, rows in (("elements.csv", ELEMENT_COLUMNS, corpus.elements),
                                ("connections.csv", CONNECTION_COLUMNS, corpus.connections),
                                ("sources.csv", SOURCE_COLUMNS, corpus.sources)):
        with open(out / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([row.get(col, "") for col in columns] for row in rows)
    for src in corpus.sources:
        sentences = corpus.texts.get(src["id"], [])
        (out / src["file"]).write_text(".\n".join(sentences) + ".\n", encoding="utf-8")
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "target_quads": None if cities is not None else target,
        "predicted_quads": corpus.quads,
        "seed": seed,
        "single_source": single_source,
        "cities": city if cities is not None else city + 1,
        "events": sum(1 for e in corpus.elements if e["type"] == "Event"),
        "actors": sum(1 for e in corpus.elements if e["type"] in {x[0] for x in SECTORS}),
        "elements": len(corpus.elements),
        "connections": len(corpus.connections),
        "sources": len(corpus.sources),
        "facts": corpus.facts,
        "distinct_quotes": len(corpus.quotes),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if cities is not None and cities <= 3:  # small corpora record each city's pool, for tests to name actors
        manifest["pools"] = pools
    # Not .json-ld and not .csv: load_graph on the folder ignores this file.
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


#: The small corpus for the tests of time: one city, five actors from its pool (0-4) besides the
#: provincial government, four workshops over three years. Hand-checkable: 0, 1 and 2 are new in
#: 2019, 3 too; 4 is new in 2020; 1 and 2 are last seen in 2019, 0 in 2020, 3 and 4 in 2021.
TIMELINE_SCHEDULE = (
    Plan("2019-03-14", attendees=(0, 1, 2), speakers=(0,)),
    Plan("2019-11-05", attendees=(0, 1, 3), speakers=(1,)),
    Plan("2020-06-20", attendees=(0, 3, 4), speakers=(3,)),
    Plan("2021-02-10", attendees=(3, 4), speakers=(4,)),
)


def timeline_corpus(out: Path, *, seed: int = 1) -> dict[str, object]:
    """Write the small multi-event corpus of :data:`TIMELINE_SCHEDULE` into ``out``; its
    manifest's ``pools[0]`` lists the actor ids by pool index."""
    shape = Shape(actors=5, issues_per_session=1, solutions_per_session=1, mandates=(1, 1), figure_rate=0.0,
                  agreement_every=0, schedule=TIMELINE_SCHEDULE)
    return generate(0, out, seed=seed, shape=shape, cities=1)


def event_corpus(out: Path, *, events: int, actors: int, seed: int = 1, events_per_city: int = 10,
                 participants: int = 16, skew: float = 1.0, national_share: float = 0.02) -> dict[str, object]:
    """Write a corpus of about ``events`` events and ``actors`` actors: cities of
    ``events_per_city`` workshops each, the actors shared out evenly between them, some regulars
    and many occasional participants (``skew``, see :class:`Shape`), and a national pool
    (``national_share`` of the actors) that every city draws on, so the cities meet."""
    cities = max(1, -(-events // events_per_city))
    national = round(actors * national_share)
    # With skewed attendance a few of a city's pool never come (and so never appear): the pool is
    # a little larger than its share, so that about `actors` actors take part.
    per_city = max(2, math.ceil((actors - national) / cities * (1.035 if skew else 1.0)))
    shape = Shape(actors=per_city, events=events_per_city, participants=min(participants, per_city),
                  attendance_skew=skew, national=national)
    return generate(0, out, seed=seed, shape=shape, cities=cities)


def is_current(out: Path, target: int, seed: int, single_source: bool = False) -> bool:
    """True if ``out`` holds a corpus this generator made for the same parameters."""
    try:
        m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (m.get("generator_version") == GENERATOR_VERSION and m.get("target_quads") == target
            and m.get("seed") == seed and m.get("single_source", False) == single_source
            and all((out / n).exists() for n in ("elements.csv", "connections.csv", "sources.csv")))


def parse_size(text: str) -> int:
    """``100000``, ``1e5`` or ``100k`` as an integer."""
    t = text.strip().lower().replace("_", "")
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    if mult != 1:
        t = t[:-1]
    return int(float(t) * mult)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--triples", type=parse_size, help="target quad count (as len(load_graph(dir)) gives)")
    size.add_argument("--events", type=int, help="number of events (with --actors): a multi-event corpus")
    size.add_argument("--timeline", action="store_true", help="the small hand-checkable corpus the tests use")
    size.add_argument("--preset", choices=sorted(PRESETS), help="1e3, 1e4, 1e5 or 1e6; --out defaults to "
                      "bench/corpora/PRESET")
    ap.add_argument("--out", type=Path, help="folder to write (created)")
    ap.add_argument("--actors", type=int, default=2000, help="with --events: number of actors")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--single-source", action="store_true",
                    help="put every quote in one source text instead of one report per workshop")
    ap.add_argument("--check", action="store_true", help="load the corpus afterwards and compare the quad count")
    args = ap.parse_args(argv)
    if args.events or args.timeline:
        if args.out is None:
            ap.error("--out is required with --events and --timeline")
        m = (timeline_corpus(args.out, seed=args.seed) if args.timeline
             else event_corpus(args.out, events=args.events, actors=args.actors, seed=args.seed))
        print(f"wrote {args.out}: {m['events']} events, {m['actors']} actors, {m['elements']} elements, "
              f"{m['connections']} connections in {m['seconds']} s")
        return 0
    target = PRESETS[args.preset] if args.preset else args.triples
    out = args.out or (CORPORA / args.preset if args.preset else None)
    if out is None:
        ap.error("--out is required with --triples")
    manifest = generate(target, out, seed=args.seed, single_source=args.single_source)
    print(f"wrote {out}: {manifest['elements']} elements, {manifest['connections']} connections, "
          f"{manifest['sources']} sources, {manifest['predicted_quads']} quads predicted "
          f"(target {target}) in {manifest['seconds']} s")
    if args.check:
        from resilience_kg.graph.dataset import load_graph

        started = time.perf_counter()
        n = len(load_graph([out], bundled=False))
        print(f"loaded {n} quads in {time.perf_counter() - started:.2f} s "
              f"({'matches' if n == manifest['predicted_quads'] else 'DIFFERS FROM'} the prediction)")
        return 0 if n == manifest["predicted_quads"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
