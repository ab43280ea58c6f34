"""The `entities` corpus stage: the canonical entities seen across the collection, written to
`entities.json` and to the store's `entities` table.

One record per entity id: type, English name, names per language (KB aliases plus the surface forms
seen), coordinates for places, the articles that mention it and the number of mentions. A name
outside the knowledge base gets its id from its spelling (`x:…`); `analyze` gives the spellings of one
name in two languages one id (`rasad.corpus.name_ids`), and `same_as` lists the ids still apart
(names that `rasad.kb.translit.same_name` links, of the same type); such a record without an English
spelling takes its `name_en` from them.

>>> from rasad.article import Entity, Source
>>> a = Article(source=Source(sha256="0", format="txt"), text="داعش في الحسكة", id="a1", lang="ar",
...             entities=[Entity(8, 14, "الحسكة", "GPE", "gpe:hasakah")])
>>> record = build_entities_json([a])[0]
>>> record["id"], record["name_en"], record["lat"], record["articles"], record["mentions"]
('gpe:hasakah', 'Hasakah', 36.5024, ['a1'], 1)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rasad.article import Article
from rasad.corpus.runner import Corpus, CorpusOutput, corpus_stage
from rasad.kb.entities import PLACE_TYPES
from rasad.kb.link import describe
from rasad.kb.names import is_arabic_script
from rasad.kb.translit import blocking_keys, romanize, same_name
from rasad.outputs import ENTITIES
from rasad.settings import Settings
from rasad.store.schema import Table

LANGS = ("ar", "fa", "en")
MAX_NAME_BLOCK = 300  # names sharing a blocking key compared pairwise (the first ones, by id)

ENTITY_TABLE = Table(
    "entities",
    {"id": "VARCHAR", "type": "VARCHAR", "name_en": "VARCHAR",
     "names": "STRUCT(" + ", ".join(f"{lang} VARCHAR[]" for lang in LANGS) + ")",
     "lat": "DOUBLE", "lon": "DOUBLE", "articles": "VARCHAR[]", "mentions": "INTEGER", "same_as": "VARCHAR[]"},
    key=("id",),
    doc="the records of entities.json",
)


def transliterate(name: str) -> str:
    """A rough Latin spelling of an Arabic-script name (for unknown entities' `name_en`).

    >>> transliterate("مصعب الحلبي")
    "Ms'b al-Hlbi"
    """
    return romanize(name)


@dataclass
class _Seen:
    types: Counter[str] = field(default_factory=Counter)
    surfaces: dict[str, Counter[str]] = field(default_factory=lambda: {lang: Counter() for lang in LANGS})
    articles: set[str] = field(default_factory=set)
    mentions: int = 0


def _surface_lang(text: str, article_lang: str) -> str:
    if not is_arabic_script(text):
        return "en"
    return article_lang if article_lang in ("ar", "fa") else "ar"


# What the stage saw of each entity (its types and surfaces with their counts, in the order first
# seen), so that an incremental run (`rasad ingest`) adds only the new articles' mentions.
SEEN_TABLE = Table("entity_seen", {"entity_id": "VARCHAR", "types": "JSON", "surfaces": "JSON",
                                   "articles": "VARCHAR[]", "mentions": "INTEGER"},
                   key=("entity_id",), doc="per entity: types and surface forms with counts, articles, mentions")


# The blocking keys of the unknown names' spellings (`kb.translit.blocking_keys`, the costly part of
# linking them), kept so that an incremental run derives keys for new spellings only.
NAME_KEYS_TABLE = Table("entity_name_keys", {"name": "VARCHAR", "keys": "VARCHAR[]"}, key=("name",),
                        doc="the blocking keys of each unknown name's spelling (for incremental runs)")


# Each record of a name outside the knowledge base: its kind, first name and that name's blocking keys,
# the blocks `_link_unknown_names` compares it in; an incremental run reads only the blocks it touches.
BLOCKS_TABLE = Table("entity_blocks", {"entity_id": "VARCHAR", "kind": "VARCHAR", "name": "VARCHAR",
                                       "keys": "VARCHAR[]"},
                     key=("entity_id",), doc="each unknown name's record: kind, first name, blocking keys")


def first_name(record: dict[str, Any]) -> str:
    """The name a record of a name outside the knowledge base is linked by: its most mentioned."""
    return next((record["names"][lang][0] for lang in LANGS if record["names"][lang]), "")


def build_entities_json(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """The `entities.json` records for these articles, most mentioned first."""
    return entity_records(count_mentions(articles))


def count_mentions(articles: Iterable[Article], seen: dict[str, _Seen] | None = None) -> dict[str, _Seen]:
    """Each entity id's types, surfaces, articles and mentions in `articles`, added to `seen`."""
    seen = {} if seen is None else seen
    for article in articles:
        for entity in article.entities:
            if not entity.entity_id:
                continue
            record = seen.setdefault(entity.entity_id, _Seen())
            record.types[entity.type] += 1
            record.surfaces[_surface_lang(entity.text, article.lang)][entity.text] += 1
            record.articles.add(article.id)
            record.mentions += 1
    return seen


def entity_records(seen: dict[str, _Seen], name_keys: dict[str, frozenset[str]] | None = None
                   ) -> list[dict[str, Any]]:
    """The `entities.json` records of what was seen, most mentioned first; `name_keys` holds the
    blocking keys of names (those it lacks are derived and added)."""
    out = [_record(entity_id, record) for entity_id, record in seen.items()]
    _link_unknown_names(out, {} if name_keys is None else name_keys)
    return sorted(out, key=lambda r: (-r["mentions"], r["id"]))


def _seen_row(entity_id: str, seen: _Seen) -> dict[str, Any]:
    return {"entity_id": entity_id, "types": list(seen.types.items()),
            "surfaces": {lang: list(counts.items()) for lang, counts in seen.surfaces.items()},
            "articles": sorted(seen.articles), "mentions": seen.mentions}


def _seen_from_row(row: dict[str, Any]) -> _Seen:
    return _Seen(Counter(dict(row["types"])), {lang: Counter(dict(row["surfaces"].get(lang) or [])) for lang in LANGS},
                 set(row["articles"] or []), int(row["mentions"]))


def _kind(record: dict[str, Any]) -> str:
    return "place" if record["type"] in PLACE_TYPES else record["type"]


def _link_unknown_names(records: list[dict[str, Any]], name_keys: dict[str, frozenset[str]]) -> None:
    """Fill `same_as` (and a missing English `name_en`) of the records of names outside the knowledge
    base: the other such records whose most mentioned name is the same name in another spelling.
    `name_keys`: the blocking keys of names already derived (those derived here are added)."""
    unknown = {r["id"]: r for r in records if r["id"].startswith("x:")}
    first = {i: first_name(r) for i, r in unknown.items()}
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity_id in sorted(unknown):
        name = first[entity_id]
        keys = name_keys.get(name)
        if keys is None:
            keys = name_keys[name] = blocking_keys(name)
        for key in sorted(keys):
            blocks[_kind(unknown[entity_id]), key].append(entity_id)
    same: dict[str, set[str]] = defaultdict(set)
    for members in blocks.values():
        for one, other in combinations(members[:MAX_NAME_BLOCK], 2):
            if other not in same[one] and same_name(first[one], first[other]):
                same[one].add(other)
                same[other].add(one)
    for entity_id, record in unknown.items():
        record["same_as"] = sorted(same[entity_id])
        english = [unknown[o] for o in record["same_as"] if unknown[o]["names"]["en"]]
        if not record["names"]["en"] and english:
            record["name_en"] = max(english, key=lambda r: (r["mentions"], r["id"]))["names"]["en"][0]


def _record(entity_id: str, seen: _Seen) -> dict[str, Any]:
    info = describe(entity_id)
    names: dict[str, list[str]] = {}
    for lang in LANGS:
        known = list(info.names.get(lang, ())) if info else []
        surfaces = [s for s, _ in seen.surfaces[lang].most_common()]
        names[lang] = list(dict.fromkeys([*surfaces, *known]))
    kind = info.type if info else seen.types.most_common(1)[0][0]
    if info:
        name_en = info.name_en
    elif names["en"]:
        name_en = names["en"][0]
    else:
        name_en = transliterate((names["ar"] or names["fa"] or [entity_id])[0])
    place = info is not None and kind in PLACE_TYPES
    return {
        "id": entity_id,
        "type": kind,
        "name_en": name_en,
        "names": names,
        "lat": info.lat if place and info else None,
        "lon": info.lon if place and info else None,
        "articles": sorted(seen.articles),
        "mentions": seen.mentions,
        "same_as": [],
    }


@corpus_stage("entities", reads=("lang", "entities"),
              tables=(ENTITY_TABLE, SEEN_TABLE, NAME_KEYS_TABLE, BLOCKS_TABLE), outputs=(ENTITIES,))
def entities_stage(corpus: Corpus, settings: Settings) -> CorpusOutput:
    """Canonical entities seen: names per language, places' coordinates, articles, mention counts."""
    added = corpus.added()
    if added is not None and all(corpus.has_previous(t.name) for t in corpus_tables()):
        from rasad.corpus.entities_update import update  # only the records the new articles touch

        return update(corpus, added)
    seen: dict[str, _Seen] | None = None
    changed: set[str] | None = None  # an incremental run writes the seen rows of these entities only
    name_keys: dict[str, frozenset[str]] = {}
    if added is not None and corpus.has_previous(SEEN_TABLE.name):  # what earlier runs saw, plus the new
        seen = {row["entity_id"]: _seen_from_row(row) for row in corpus.previous(SEEN_TABLE.name)}
        if corpus.has_previous(NAME_KEYS_TABLE.name):
            name_keys = {row["name"]: frozenset(row["keys"] or ()) for row in corpus.previous(NAME_KEYS_TABLE.name)}
    if seen is None:
        seen = count_mentions(corpus.articles())
    elif added:
        new_articles = list(corpus.articles(only=added, in_order=True))
        changed = {e.entity_id for a in new_articles for e in a.entities if e.entity_id}
        count_mentions(new_articles, seen)
    else:
        changed = set()
    known = set(name_keys)
    records = entity_records(seen, name_keys)
    rows = (_seen_row(entity_id, s) for entity_id, s in seen.items() if changed is None or entity_id in changed)
    key_rows = ({"name": name, "keys": sorted(keys)} for name, keys in name_keys.items() if name not in known)
    appended = frozenset() if changed is None else frozenset({SEEN_TABLE.name, NAME_KEYS_TABLE.name})
    block_rows = ({"entity_id": r["id"], "kind": _kind(r), "name": first_name(r),
                   "keys": sorted(name_keys.get(first_name(r), ()))} for r in records if r["id"].startswith("x:"))
    return CorpusOutput(tables={ENTITY_TABLE.name: records, SEEN_TABLE.name: rows, NAME_KEYS_TABLE.name: key_rows,
                                BLOCKS_TABLE.name: block_rows},
                        files={ENTITIES: records}, appended=appended)


def corpus_tables() -> tuple[Table, ...]:
    """The tables the stage writes (an incremental run builds on all of them)."""
    return ENTITY_TABLE, SEEN_TABLE, NAME_KEYS_TABLE, BLOCKS_TABLE
