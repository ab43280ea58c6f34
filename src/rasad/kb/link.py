"""Entity linking: from a mention (its text, type and language) to a canonical id.

Order of evidence: a curated KB alias (`kb/data/entities.json`), as written, then with Arabic
proclitics or Persian suffixes stripped; then, for places, GeoNames (a GeoNames place the KB also
lists maps to the KB id, others get `geo:<geonameid>`) and the governorates and provinces of
`kb.places` (`adm1:<ISO 3166-2 code>`). Unknown names get `stable_id`, a hash of the
name key, so the same name in two articles (or spelled الحلبي / الحلبی) gets the same id.

>>> ctx = LinkContext(countries=frozenset({"SY"}))
>>> link("بالحسكة", "GPE", "ar", ctx), link("Al Hasakeh", None, "en", ctx)
('gpe:hasakah', 'gpe:hasakah')
>>> stable_id("مصعب الحلبي", "PER", "ar") == stable_id("مصعب الحلبی", "PER", "fa")
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rasad.kb.entities import (
    PLACE_TYPES,
    KBEntity,
    kb_entity,
    kb_hits,
    knowledge_base,
    rank_hits,
    starts_with_article,
)
from rasad.kb.names import (
    WORD,
    arabic_variants,
    arabic_word_key,
    is_arabic_script,
    latin_key,
    letters_offset,
    letters_offset_from_end,
    name_key,
    persian_variants,
)
from rasad.kb.place_cues import place_word_kinds, strip_words
from rasad.kb.places import Place, candidates, choose, place_by_id
from rasad.text.fold import ZWNJ

# A GeoNames place is taken for a mention of unknown type, or outside the countries the article
# mentions, only when it is at least this big (many small villages share common words' spellings).
MIN_POPULATION_UNTYPED = 15_000
# A name of several words that is a town this big is the town, whatever the tagger's type (بندر عباس).
MIN_POPULATION_WHOLE = 100_000


@dataclass(frozen=True)
class LinkContext:
    """What the article tells the linker: ISO codes of the countries it mentions, and how many of its
    place mentions are in each (`mentions`, to choose between homonyms in two mentioned countries);
    `known`: the places the run's articles in other languages name (`rasad.corpus.name_ids`)."""

    countries: frozenset[str] = field(default_factory=frozenset)
    mentions: tuple[tuple[str, int], ...] = ()
    known: frozenset[str] = field(default_factory=frozenset)  # places linked in other languages' articles


@dataclass(frozen=True)
class Link:
    """A linking result: the id, the entity or place behind it, and how many letters were cut.

    `cut_start`/`cut_end` count letters of the mention that are not part of the name (a proclitic
    such as و or ب, a place word such as مدينة, a Persian suffix); callers may trim the span.
    """

    id: str
    type: str
    entity: KBEntity | None = None
    place: Place | None = None
    cut_start: int = 0  # characters of the mention before the name
    cut_end: int = 0  # characters of the mention after the name
    rule: str = "kb:alias"  # kb:alias | kb:geonames (a KB entity found through its place) | geonames


def _place_words(lang: str) -> frozenset[str]:
    return strip_words(lang)


def _asks_for_region(mention: str, lang: str) -> bool:
    """Whether the mention's place word asks for a region: محافظة مأرب, استان انبار, Marib province."""
    words = WORD.findall(mention)
    if len(words) < 2:
        return False
    kinds = place_word_kinds(lang)
    if is_arabic_script(mention):
        return kinds.get(arabic_word_key(words[0])) == "region"
    return kinds.get(words[-1].casefold()) == "region" or kinds.get(words[0].casefold()) == "region"


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def _arabic_forms(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Lookup keys of an Arabic-script mention with the characters cut at each end, best first."""
    words = _word_spans(text)
    if not words:
        return []
    forms: list[tuple[str, int, int]] = []
    middle = [arabic_word_key(w) for _, _, w in words[1:-1]]
    firsts = arabic_variants(words[0][2])
    lasts = persian_variants(words[-1][2]) if lang == "fa" and len(words) > 1 else ()
    for first in firsts:
        cut = words[0][0] + _chars_for(words[0][2], first.cut_start)
        if len(words) == 1:
            forms.append((first.key, cut, 0))
            continue
        last_key = arabic_word_key(words[-1][2])
        forms.append((" ".join([first.key, *middle, last_key]), cut, len(text) - words[-1][1]))
        for last in lasts[1:]:
            end_cut = len(text) - words[-1][1] + _chars_from_end(words[-1][2], last.cut_end)
            forms.append((" ".join([first.key, *middle, last.key]), cut, end_cut))
    if lang == "fa" and len(words) == 1:
        start, end, word = words[0]
        for last in persian_variants(word)[1:]:
            forms.append((last.key, start, len(text) - end + _chars_from_end(word, last.cut_end)))
    # A place word in front (مدينة الحسكة, شهر الحسکه): the name after it.
    if len(words) > 1 and arabic_word_key(words[0][2]) in _place_words(lang if lang == "fa" else "ar"):
        for key, start, end in _arabic_forms(text[words[1][0] :], lang):
            forms.append((key, words[1][0] + start, end))
    if ZWNJ in text:  # ام‌القصر, ذی‌قار: the parts of a name joined by a ZWNJ are words too
        forms += [f for f in _arabic_forms(text.replace(ZWNJ, " "), lang) if f not in forms]
    return forms


def _chars_for(word: str, letters: int) -> int:
    return letters_offset(word, letters) if letters else 0


def _chars_from_end(word: str, letters: int) -> int:
    return len(word) - letters_offset_from_end(word, letters) if letters else 0


def _latin_forms(text: str) -> list[tuple[str, int, int]]:
    forms = [(latin_key(text), 0, 0)]
    words = _word_spans(text)
    if len(words) > 1:
        if words[0][2].casefold() in _place_words("en") or words[0][2].casefold() == "the":
            forms.append((latin_key(text[words[1][0] :]), words[1][0], 0))
        if words[-1][2].casefold() in _place_words("en"):
            forms.append((latin_key(text[: words[-2][1]]), 0, len(text) - words[-2][1]))
    return forms


def mention_forms(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Lookup keys for a mention, best first, each with the characters cut at the start and end.

    >>> [k for k, _, _ in mention_forms("والحسكة", "ar")][:2]
    ['والحسكه', 'حسكه']
    """
    return _arabic_forms(text, lang) if is_arabic_script(text) else _latin_forms(text)


def _place_link(place: Place, cut_start: int, cut_end: int) -> Link:
    entity = knowledge_base().by_geonameid.get(place.geonameid)
    if entity is not None:
        return Link(entity.id, entity.type, entity=entity, place=place, cut_start=cut_start, cut_end=cut_end,
                    rule="kb:geonames")
    return Link(place.id, "GPE", place=place, cut_start=cut_start, cut_end=cut_end, rule="geonames")


def link_mention(
    mention: str, type: str | None, lang: str, context: LinkContext, region: bool = False
) -> Link | None:
    """Link a mention to a KB entity or a GeoNames place; None when nothing matches.

    >>> found = link_mention("وبالحسكة", None, "ar", LinkContext())
    >>> found.id, "وبالحسكة"[found.cut_start:]
    ('gpe:hasakah', 'الحسكة')

    `region` (or a region word in the mention: محافظة، استان, "province") prefers a governorate or
    province to a town of the same name.
    """
    forms = mention_forms(mention, lang)
    whole = _whole_place(mention, forms, context)
    for key, cut_start, cut_end in forms:
        hits = kb_hits(key)
        name = mention[cut_start : len(mention) - cut_end]
        if " " not in name.strip() and starts_with_article(name):
            hits = tuple(h for h in hits if h.article)  # السورية ("the Syrian") is not سورية
        ranked = rank_hits(hits, lang, type)
        if ranked and (cut_start or cut_end) and whole is not None:
            return whole  # Port Sudan is not Sudan, بندر عباس not عباس
        if ranked:
            entity = ranked[0]
            return Link(entity.id, entity.type, entity=entity, cut_start=cut_start, cut_end=cut_end)
    if type is not None and type not in PLACE_TYPES:
        return whole  # a name of several words that is a big town (بندر عباس tagged as a person)
    return _link_place(mention, forms, type, lang, context, region)


def link_place(mention: str, lang: str, context: LinkContext) -> Link | None:
    """The GeoNames place or region a mention names, the knowledge base's aliases not consulted
    (`Sanaa` is the city even though the agency SANA is spelled alike).

    >>> link_place("Sanaa", "en", LinkContext(countries=frozenset({"YE"}))).id
    'geo:71137'
    """
    return _link_place(mention, mention_forms(mention, lang), "GPE", lang, context, False)


def _link_place(mention: str, forms: list[tuple[str, int, int]], type: str | None, lang: str,
                context: LinkContext, region: bool) -> Link | None:
    region = region or _asks_for_region(mention, lang)
    mentions = dict(context.mentions)
    for key, cut_start, cut_end in forms:
        found = tuple(p for p in candidates(key) if region or not p.needs_cue)
        if type is None or lang == "en":
            found = tuple(
                p
                for p in found
                if p.population >= MIN_POPULATION_UNTYPED or p.country in context.countries or p.is_region
            )
        place = choose(found, context.countries, region=region, mentions=mentions)
        if place is not None:
            return _place_link(place, cut_start, cut_end)
    return None


def _whole_place(mention: str, forms: list[tuple[str, int, int]], context: LinkContext) -> Link | None:
    """The place a mention of two words or more names as written (nothing cut), when it is a town of
    `MIN_POPULATION_WHOLE` people or more, or of `MIN_POPULATION_UNTYPED` in a country the article names."""
    if len(WORD.findall(mention)) < 2:
        return None
    for key, cut_start, cut_end in forms:
        if cut_start or cut_end:
            continue
        found = [p for p in candidates(key) if not p.needs_cue and (p.population >= MIN_POPULATION_WHOLE or (
            p.country in context.countries and p.population >= MIN_POPULATION_UNTYPED))]
        place = choose(found, context.countries)
        if place is not None:
            return _place_link(place, 0, 0)
    return None


def link(mention_text: str, type: str | None, lang: str, context: LinkContext) -> str | None:
    """The KB or GeoNames id of a mention, or None when it is unknown.

    >>> link("نیروهای دموکراتیک سوریه", "ORG", "fa", LinkContext())
    'org:sdf'
    """
    found = link_mention(mention_text, type, lang, context)
    return found.id if found else None


def stable_id(mention_text: str, type: str | None, lang: str) -> str:
    """An id for a name the KB does not know: `x:<type>:<10 hex of sha256(name key)>`.

    >>> stable_id("Musab al-Halabi", "PER", "en") == stable_id("Musab Al Halabi", "PER", "en")
    True
    """
    key = name_key(mention_text, lang)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"x:{(type or 'misc').lower()}:{digest}"


def resolve(mention_text: str, type: str | None, lang: str, context: LinkContext) -> str:
    """`link`, falling back to `stable_id`: every mention gets an id."""
    return link(mention_text, type, lang, context) or stable_id(mention_text, type, lang)


@dataclass(frozen=True)
class EntityInfo:
    """What entities.json says about an id: type, English name, names per language, coordinates."""

    id: str
    type: str
    name_en: str
    names: dict[str, tuple[str, ...]]
    lat: float | None = None
    lon: float | None = None


def describe(entity_id: str) -> EntityInfo | None:
    """Facts about a KB id (`org:isis`) or a GeoNames id (`geo:173811`); None for unknown names.

    >>> describe("gpe:hasakah").name_en
    'Hasakah'
    """
    entity = kb_entity(entity_id)
    if entity is not None:
        return EntityInfo(entity.id, entity.type, entity.name_en, entity.aliases, entity.lat, entity.lon)
    if entity_id.startswith(("geo:", "adm1:")):
        place = place_by_id(entity_id)
        if place is not None:
            names: dict[str, tuple[str, ...]] = {
                "ar": (place.name_ar,) if place.name_ar else (),
                "fa": (),
                "en": (place.name,),
            }
            return EntityInfo(place.id, "GPE", place.name, names, place.lat, place.lon)
    return None
