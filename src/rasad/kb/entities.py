"""The curated knowledge base (`kb/data/entities.json`): canonical ids, types and aliases in ar/fa/en.

Each entity has an id such as `org:isis`, `gpe:hasakah` or `fac:ghwayran-prison`, a type (PER, ORG,
LOC, GPE, FAC, EVENT, MISC), an English name, aliases per language, coordinates for places, the
ISO country it belongs to, and (for places) the GeoNames ids that mean the same place. The file is
read once per process; aliases are indexed by `rasad.kb.names.name_key`.

>>> kb_entity("org:isis").type
'ORG'
>>> [e.id for e in kb_lookup("الدولة الإسلامية", "ar")]
['org:isis']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from rasad.errors import ModelMissingError
from rasad.kb.names import WORD, is_arabic_script, name_key
from rasad.text.normalize import matching_key

TYPES = ("PER", "ORG", "LOC", "GPE", "FAC", "EVENT", "MISC")
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LANGS = ("ar", "fa", "en")


@dataclass(frozen=True)
class KBEntity:
    """One curated entity."""

    id: str
    type: str
    name_en: str
    aliases: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonames: tuple[int, ...] = ()


@dataclass(frozen=True)
class AliasHit:
    """An alias key pointing at an entity; `lang` is the language the alias was written for.

    `article` says whether the alias begins with the Arabic article ال: name keys drop it, but
    a word written with ال in Arabic text (السورية, "the Syrian") must not match a one-word alias
    written without it (سورية, "Syria").
    """

    entity: KBEntity
    lang: str
    alias: str
    article: bool = False


@dataclass(frozen=True)
class KnowledgeBase:
    """The loaded KB: entities by id, alias key → hits, GeoNames id → entity, word-sequence trie."""

    entities: dict[str, KBEntity]
    by_key: dict[str, tuple[AliasHit, ...]]
    by_geonameid: dict[int, KBEntity]
    max_words: int


def _parse(raw: dict) -> KBEntity:
    kind = raw["type"]
    if kind not in TYPES:
        raise ValueError(f"entity {raw['id']!r} has type {kind!r}; use one of {TYPES}")
    aliases = {lang: tuple(raw.get("aliases", {}).get(lang, ())) for lang in LANGS}
    return KBEntity(
        id=raw["id"],
        type=kind,
        name_en=raw["name_en"],
        aliases=aliases,
        lat=raw.get("lat"),
        lon=raw.get("lon"),
        country=raw.get("country"),
        geonames=tuple(raw.get("geonames", ())),
    )


def starts_with_article(name: str) -> bool:
    """True when an Arabic-script name begins with the article ال (الحسكة, not حسکه).

    >>> starts_with_article("الحسكة"), starts_with_article("حسکه"), starts_with_article("Hasakah")
    (True, False, False)
    """
    return is_arabic_script(name) and matching_key(name, "ar").startswith("ال")


def english_alias(alias: str) -> str:
    """An English alias as matched in text: a leading `the` is dropped (`the Pentagon` → `Pentagon`)."""
    return alias[4:] if alias.lower().startswith("the ") else alias


@cache
def knowledge_base() -> KnowledgeBase:
    """Load and index `kb/data/entities.json` (once per process)."""
    resource = files("rasad") / "kb" / "data" / "entities.json"
    try:
        doc = json.loads(resource.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelMissingError("kb/data/entities.json is missing from the installation") from exc
    entities: dict[str, KBEntity] = {}
    by_key: dict[str, list[AliasHit]] = {}
    by_geonameid: dict[int, KBEntity] = {}
    max_words = 1
    for raw in doc["entities"]:
        entity = _parse(raw)
        if entity.id in entities:
            raise ValueError(f"entities.json lists {entity.id!r} twice")
        entities[entity.id] = entity
        for gid in entity.geonames:
            by_geonameid.setdefault(gid, entity)
        for lang, aliases in entity.aliases.items():
            for alias in (*aliases, entity.name_en if lang == "en" else ""):
                if not alias:
                    continue
                text = english_alias(alias) if lang == "en" else alias
                key = name_key(text, lang)
                hit = AliasHit(entity, lang, text, starts_with_article(text))
                hits = by_key.setdefault(key, [])
                if not any((h.entity.id, h.lang, h.article) == (entity.id, lang, hit.article) for h in hits):
                    hits.append(hit)
                max_words = max(max_words, len(WORD.findall(text)))
    return KnowledgeBase(
        entities=entities,
        by_key={k: tuple(v) for k, v in by_key.items()},
        by_geonameid=by_geonameid,
        max_words=max_words,
    )


def kb_entity(entity_id: str) -> KBEntity | None:
    """The curated entity with this id, or None."""
    return knowledge_base().entities.get(entity_id)


def kb_hits(key: str) -> tuple[AliasHit, ...]:
    """Alias hits for a name key (see `rasad.kb.names.name_key`)."""
    return knowledge_base().by_key.get(key, ())


def kb_lookup(name: str, lang: str | None = None, type: str | None = None) -> list[KBEntity]:
    """Entities with an alias spelled like `name` (any language), best first.

    Entities whose alias was written for `lang` come first, then those of the wanted `type`.

    >>> [e.id for e in kb_lookup("عمان", "ar")][0], [e.id for e in kb_lookup("عمان", "fa")][0]
    ('gpe:amman', 'gpe:oman')
    """
    return rank_hits(kb_hits(name_key(name, lang)), lang, type)


def rank_hits(hits: tuple[AliasHit, ...], lang: str | None, type: str | None) -> list[KBEntity]:
    """Distinct entities of these hits: same-language aliases first, then the wanted type."""
    ranked = sorted(hits, key=lambda h: (h.lang != lang, type is not None and h.entity.type != type))
    out: list[KBEntity] = []
    for hit in ranked:
        if hit.entity not in out:
            out.append(hit.entity)
    return out
