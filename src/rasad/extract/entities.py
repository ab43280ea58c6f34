"""The `entities` stage: named entities with canonical ids, in Arabic, Persian and English.

Arabic and Persian: the CRF model (`rasad.extract.ner.predict`, its person spans mended by
`rasad.extract.entity_people`) plus a gazetteer pass that finds
knowledge-base aliases the model missed (`rasad.kb.gazetteer`) and organisations named by the words
organisation names are made of (`rasad.extract.entity_orgs`). English: KB aliases, GeoNames
places and name patterns (`rasad.extract.entities_en`) merged with spaCy's NER
(`rasad.extract.entities_en_model`). Every entity is then linked
(`rasad.kb.link`): a KB id, a `geo:` id, or a stable `x:` id for unknown names.

Spans: proclitics (و ف ب ل ك, لل), a place word in front (مدينة, شهر) and Persian suffixes are left
out of an entity's span when the name behind them is known, so `وبالحسكة` gives the entity
`الحسكة`; a model entity that is not linked loses only a proclitic before ال (`والجيش` → `الجيش`).
`text[start:end] == entity.text` always holds.

Overlaps: a linked entity (KB or GeoNames) beats an unlinked one, then the longer span wins, then
the gazetteer (whose type comes from the KB) beats the model.

>>> text = "نقلت القوات الأمريكية عناصر داعش إلى الحسكة"
>>> [(e.text, e.entity_id) for e in find_entities(text, "ar")]
[('القوات الأمريكية', 'org:us-forces'), ('داعش', 'org:isis'), ('الحسكة', 'gpe:hasakah')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from rasad.article import Article, Entity
from rasad.extract.entities_en import english_entities
from rasad.extract.entity_noise import without_noise
from rasad.extract.entity_orgs import find_org_names, with_org_names
from rasad.extract.entity_people import mend_people, without_titles
from rasad.extract.entity_repeats import repeat_places
from rasad.kb.entities import PLACE_TYPES, kb_entity
from rasad.kb.gazetteer import find_aliases
from rasad.kb.link import LinkContext, link_mention, stable_id
from rasad.kb.names import arabic_word_key
from rasad.kb.place_cues import cue_before, homographs, strip_words
from rasad.kb.place_scan import find_places
from rasad.kb.places import place_by_id
from rasad.pipeline import article_stage
from rasad.settings import Settings

ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "GPE", "FAC", "EVENT", "MISC"})
# A proclitic in front of the article: و/ف, optionally followed by ب/ك, or ب/ك alone (not ل: لل).
_CLITIC_BEFORE_ARTICLE = re.compile(r"^(?:[وف][بك]?|[بك])(?=ال)")
_JUNK = r"[\s\"'«»“”‘’()\[\]{}.,:;!?،؛؟/\-ـ]+"
_LEADING_JUNK = re.compile("^" + _JUNK)
_TRAILING_JUNK = re.compile(_JUNK + "$")
_SOURCE_RANK = {"gazetteer": 0, "pattern": 1, "model": 2}
# Link rules set here (kb/link.py sets kb:alias, kb:geonames, geonames).
STABLE_ID = "stable-id"  # not in the knowledge base: an id derived from the normalized name
SHORT_NAME = "short-name"  # a surname alone, given the id of the full name in the same article


def context_of(entities: Iterable[Entity], places: bool = False) -> LinkContext:
    """The countries the linked entities belong to (for choosing among homonymous places); with
    `places`, GeoNames places and regions count too, and how often each country is named."""
    counts: dict[str, int] = {}
    seen: set[str] = set()  # each place counts once, however often it is named
    for entity in entities:
        if entity.entity_id in seen:
            continue
        seen.add(entity.entity_id or "")
        country = None
        known = kb_entity(entity.entity_id) if entity.entity_id else None
        if known is not None and known.country and known.type in PLACE_TYPES:
            country = known.country
        elif places and entity.entity_id and entity.entity_id.startswith(("geo:", "adm1:")):
            place = place_by_id(entity.entity_id)
            country = place.country if place else None
        if country:
            counts[country] = counts.get(country, 0) + 1
    mentions = tuple(sorted(counts.items())) if places else ()
    return LinkContext(countries=frozenset(counts), mentions=mentions)


def _trimmed(entity: Entity, text: str, start_cut: int, end_cut: int) -> tuple[int, int]:
    start, end = entity.start + start_cut, entity.end - end_cut
    return (start, end) if start < end else (entity.start, entity.end)


def link_entity(entity: Entity, text: str, lang: str, context: LinkContext) -> Entity | None:
    """Link one model entity: trim clitics and edge punctuation, set the id (and the KB type)."""
    if entity.type not in ENTITY_TYPES:
        return None
    mention = text[entity.start : entity.end]
    leading = _LEADING_JUNK.match(mention)
    start = entity.start + (leading.end() if leading else 0)
    core = _TRAILING_JUNK.sub("", text[start : entity.end])
    if not core:
        return None
    entity = replace(entity, start=start, end=start + len(core), text=core, entity_id=None)
    found = link_mention(core, entity.type, lang, context)
    common = found is not None and found.type in PLACE_TYPES and _common_word(core, lang)
    if common and cue_before(text, start, lang) is None:
        return None  # انبار ("depot") alone is not Anbar
    if found is not None:
        start, end = _trimmed(entity, text, found.cut_start, found.cut_end)
        return replace(entity, start=start, end=end, text=text[start:end], type=found.type, entity_id=found.id,
                       link_rule=found.rule)
    clitic = _CLITIC_BEFORE_ARTICLE.match(core)
    start, end = _trimmed(entity, text, clitic.end() if clitic else 0, 0)
    name = text[start:end]
    return replace(entity, start=start, end=end, text=name, entity_id=stable_id(name, entity.type, lang),
                   link_rule=STABLE_ID)


def _without_place_word(entity: Entity, text: str, lang: str) -> Entity:
    """A KB alias that begins with a place word (محافظة الأنبار، استان الانبار) keeps only the name,
    when the name alone is an alias of the same entity."""
    first = entity.text.split(" ", 1)
    if len(first) < 2 or entity.type not in PLACE_TYPES or arabic_word_key(first[0]) not in strip_words(lang):
        return entity
    start = entity.start + len(first[0]) + 1
    name = text[start : entity.end]
    found = link_mention(name, entity.type, lang, LinkContext())
    if found is None or found.id != entity.entity_id or found.cut_start or found.cut_end:
        return entity
    return replace(entity, start=start, text=name)


_NEXT_WORD = re.compile(r"[ \u00a0\u200c]+(\w+)")


def _of_another_country(entity: Entity, text: str, lang: str) -> bool:
    """A knowledge-base organisation of one country followed by another country's adjective: `الجيش
    الوطني` (the Syrian National Army's short alias) in `الجيش الوطني الليبي` is not that army."""
    from rasad.kb.org_names import place_concept

    known = kb_entity(entity.entity_id) if entity.type == "ORG" and entity.entity_id else None
    after = _NEXT_WORD.match(text, entity.end) if known is not None and known.country else None
    if after is None or known is None:
        return False
    concept = place_concept(after.group(1), lang)
    return concept is not None and concept[1:] != known.country


def _common_word(mention: str, lang: str) -> bool:
    """A one-word mention that is a common word before it is a place (`lang/<iso>/place_homographs.txt`)."""
    words = mention.split()
    return len(words) == 1 and arabic_word_key(words[0]) in homographs(lang)


def _linked(entity: Entity) -> bool:
    return bool(entity.entity_id) and not str(entity.entity_id).startswith("x:")


def merge(entities: Iterable[Entity]) -> list[Entity]:
    """Resolve overlaps: linked first, then longer, then gazetteer over pattern over model."""
    ranked = sorted(
        entities,
        key=lambda e: (not _linked(e), -(e.end - e.start), _SOURCE_RANK.get(e.source, 3), e.start),
    )
    kept: list[Entity] = []
    starts: list[int] = []  # of the kept spans, which do not overlap: sorted starts, and so sorted ends
    ends: list[int] = []
    for entity in ranked:
        i = bisect_left(starts, entity.end)  # kept spans starting before this one ends: starts[:i]
        if i == 0 or ends[i - 1] <= entity.start:  # the last of them ends before this one starts
            kept.append(entity)
            starts.insert(i, entity.start)
            ends.insert(i, entity.end)
    return sorted(kept, key=lambda e: e.start)


def link_short_names(entities: list[Entity], lang: str) -> list[Entity]:
    """Give a person's surname-only mention the id of the full name it abbreviates in the same text.

    `رحمون` after `عمر رحمون` takes the full name's id, when exactly one full name (two words or more)
    in the article ends or starts with it; otherwise the mention keeps its own id.

    >>> full = Entity(0, 9, "عمر رحمون", "PER", "x:per:aaa")
    >>> [e.entity_id for e in link_short_names([full, Entity(20, 25, "رحمون", "PER", "x:per:bbb")], "ar")]
    ['x:per:aaa', 'x:per:aaa']
    """
    from rasad.text.normalize import matching_key

    full_names: dict[str, set[str]] = {}
    for entity in entities:
        words = matching_key(entity.text, lang).split()
        if entity.type == "PER" and len(words) >= 2 and entity.entity_id:
            for word in (words[0], words[-1]):
                full_names.setdefault(word, set()).add(entity.entity_id)
    out = []
    for entity in entities:
        words = matching_key(entity.text, lang).split()
        owners = full_names.get(words[0], set()) if entity.type == "PER" and len(words) == 1 else set()
        if len(owners) == 1 and str(entity.entity_id).startswith("x:"):
            entity = replace(entity, entity_id=next(iter(owners)), link_rule=SHORT_NAME)
        out.append(entity)
    return out


def generic_orgs_by_country(entities: list[Entity], lang: str, home: str | None = None) -> list[Entity]:
    """Give an organisation outside the knowledge base whose name says only what it is (`وزارة الصحة`,
    `health ministry`: `rasad.kb.org_names.OrgKey.generic`) the stable id of its name and the country
    the article names most, when one does: Sudan's and Lebanon's health ministries are two. When no one
    country leads, the outlet's own country (`home`) stands in, so a Saudi outlet's ministry keeps one id
    whether or not the article names Saudi Arabia.

    >>> sd = [Entity(0, 5, "Sudan", "GPE", "gpe:sudan"), Entity(8, 23, "health ministry", "ORG", "x:org:1",
    ...                                                          link_rule="stable-id")]
    >>> generic_orgs_by_country(sd, "en")[1].entity_id == stable_id("health ministry @SD", "ORG", "en")
    True
    """
    from rasad.kb.org_names import org_key

    if not any(e.type == "ORG" and e.link_rule == STABLE_ID for e in entities):
        return entities
    counts = dict(context_of(entities, places=True).mentions)
    top = [c for c, n in counts.items() if n == max(counts.values(), default=0)]
    if len(top) != 1:
        if home is None:
            return entities
        top = [home]
    out = []
    for entity in entities:
        if entity.type == "ORG" and entity.link_rule == STABLE_ID:
            key = org_key(entity.text, lang)
            if key is not None and key.generic:
                entity = replace(entity, entity_id=stable_id(f"{entity.text} @{top[0]}", "ORG", lang))
        out.append(entity)
    return out


def _english_context(first: list[Entity]) -> LinkContext:
    """The countries of an English text's first-pass entities, less a country that only one capitalized
    name linked without any context stands for (`Adre` read as Daraa must not put Syria in an article
    about Chad and Sudan; three Yemeni towns do put Yemen in)."""
    full = context_of(first, places=True)
    other = context_of([e for e in first if e.rule != "en:capitalized-place"], places=True).countries
    counts = dict(full.mentions)
    kept = frozenset(c for c in full.countries if c in other or counts.get(c, 0) >= 2)
    if not kept or kept == full.countries:
        return full
    return LinkContext(countries=kept, mentions=tuple((c, n) for c, n in full.mentions if c in kept))


def _model_entities(text: str, lang: str) -> list[Entity]:
    from rasad.extract.ner import predict  # the CRF model loads lazily on first call

    return predict(text, lang)


def find_entities(text: str, lang: str, home: str | None = None) -> list[Entity]:
    """All entities of a text in `lang` (ar, fa, en; other languages give none), linked; `home` is the
    outlet's country (ISO alpha-2), if known."""
    if lang in ("ar", "fa"):
        gazetteer = [_without_place_word(e, text, lang) for e in find_aliases(text, lang)
                     if not (_common_word(e.text, lang) and cue_before(text, e.start, lang) is None)
                     and not _of_another_country(e, text, lang)]
        context = context_of(gazetteer)
        tagged = without_titles(text, lang, mend_people(text, lang, _model_entities(text, lang)))
        linked = [link_entity(e, text, lang, context) for e in tagged]
        # The places found so far tell which countries the article is about: link the places again
        # with them (Al Bayda in Yemen, not Libya), then look for places the tagger missed.
        wider = context_of([*gazetteer, *(e for e in linked if e is not None)], places=True)
        if wider.countries != context.countries:
            linked = [link_entity(tag, text, lang, wider) if tag.type in PLACE_TYPES else found
                      for tag, found in zip(tagged, linked, strict=True)]
        model = [e for e in linked if e is not None]
        places = find_places(text, lang, wider, [*gazetteer, *model])
        merged = merge([*gazetteer, *model, *places])
        merged = with_org_names(merged, find_org_names(text, lang, merged), lang)
        return generic_orgs_by_country(link_short_names(repeat_places(text, merged, lang), lang), lang, home)
    if lang == "en":
        from rasad.extract.entities_en import lowercase_ministries
        from rasad.extract.entities_en_model import merge_english, model_entities  # imports this module

        first = english_entities(text, LinkContext())
        context = _english_context(first)
        found = english_entities(text, context) if context.countries else first
        merged = merge_english(found, model_entities(text, context))
        merged = merge([*merged, *lowercase_ministries(text)])
        return generic_orgs_by_country(link_short_names(merged, lang), lang, home)
    return []


@article_stage("entities", requires=("text", "lang", "country"), assigns=("entities",))
def entities_stage(article: Article, settings: Settings) -> Article:
    """Named entities with canonical ids (KB, GeoNames, or stable ids for unknown names), without the
    tagger's noise (God, currencies, bare common nouns, descriptions: `rasad.extract.entity_noise`)."""
    article.entities = without_noise(find_entities(article.text, article.lang, article.country), article.lang)
    return article
