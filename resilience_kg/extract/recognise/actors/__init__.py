"""Recognise organisations and named units in report text: one module a recogniser or concept.

Recognisers propose spans (:mod:`.combined` runs them over each sentence), then overlaps are
settled (the longest span wins; an organisation named inside a unit's name, such as BPBD in
"Bidang Pencegahan BPBD", is kept as that unit's parent):

- :mod:`.heads` (``rule:head-noun:<head>``): a head noun from ``rules/head_nouns.csv`` (Dinas,
  Badan, Biro, Universitas, PT, Kedutaan Besar, Ministry, University...) and the capitalised words
  it governs;
- :mod:`.acronyms` (``rule:acronym-paren``/``-bracket``/``-first``): "Dinas Lingkungan Hidup
  (DLH)", "... [DLH]" and "DLH (Dinas Lingkungan Hidup)", kept when the expansion names a body;
  and a short form used after its full name, which is that body again;
- :mod:`.known_forms` (``gazetteer:<id>`` and ``rule:known-name``): surface forms of the gazetteer
  of public bodies and of ``rules/known_names.csv``;
- :mod:`.lists` and :mod:`.tables` (``rule:group-list``, ``rule:list-context``,
  ``rule:attendance-line``, ``rule:table-column``): bodies without a head noun, named in a list
  headed by a sector word, an attendance list or the organisation column of a table;
- :mod:`.units` and :mod:`.regional`: a unit with its parent, a regional branch with its place,
  a regional government named by its head's post or by a place that acts.

:mod:`.refusals` holds what is never an actor: generic collectives (akademisi, OPD, NGOs), places
(:mod:`.places`), venues, regulations, events. :mod:`.vocabulary` holds the words names are made of.
"""

# The names other modules import from here, re-exported ("import X as X") from where they are defined.
from resilience_kg.extract.recognise.actors.combined import recognise as recognise
from resilience_kg.extract.recognise.actors.mention import ActorMention as ActorMention
from resilience_kg.extract.recognise.actors.vocabulary import JURISDICTION_WORDS as JURISDICTION_WORDS
from resilience_kg.extract.recognise.actors.vocabulary import TITLES as TITLES
from resilience_kg.extract.recognise.actors.vocabulary import _post_regex as _post_regex
from resilience_kg.extract.recognise.actors.vocabulary import is_acronym as is_acronym
from resilience_kg.extract.recognise.actors.vocabulary import is_cap as is_cap
from resilience_kg.extract.recognise.actors.vocabulary import name_key as name_key
from resilience_kg.extract.recognise.actors.vocabulary import starts_a_name_part as starts_a_name_part
