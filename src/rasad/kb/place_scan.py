"""Find GeoNames places and regions named in Arabic or Persian text that the tagger and the knowledge
base missed (بنغازي، مصراتة، شبوة in a Yemen and Libya report).

A name of one to three words is looked up by its key (`rasad.kb.names`; proclitics and, in Persian, a
suffix are left out of the span). Because many place names are also words, a name found this way is
kept only when
- a place word stands right before it (ميناء المكلا، استان انبار, "محافظ شبوة"): any place of that
  name, a governorate or province when the word asks for one (`rasad.kb.place_cues`); or
- the place is in a country the article already mentions, in the Middle East or North Africa (where
  the table has every town), and has 10,000+ people or is a region (smaller villages are often named
  by common words: التحالف, "the alliance", is a Yemeni village), or elsewhere has 50,000+ people
  (موبتي in an article about Mali);
or (`context.known`) the run's articles in another language name the place: then any such name is
kept that is not a common word (`سفوان` when the English article has Safwan);
and never when the knowledge base lists the place (its curated aliases decide: الميادين is also a TV
channel), when it is a common word listed in `lang/<iso>/place_homographs.txt` without a place word,
a function word, or (Arabic) an adjective after a noun with the article (الخوذ البيضاء, "the White
Helmets", is no town).

>>> from rasad.kb.link import LinkContext
>>> libya = LinkContext(countries=frozenset({"LY"}))
>>> [(e.text, e.entity_id) for e in find_places("قال محافظ شبوة إن القصف طال بنغازي", "ar", libya, [])]
[('شبوة', 'adm1:YE-SH'), ('بنغازي', 'geo:88319')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from rasad.article import Entity
from rasad.kb.entities import knowledge_base
from rasad.kb.link import LinkContext
from rasad.kb.names import (
    arabic_key,
    arabic_variants,
    arabic_word_key,
    letters_offset,
    letters_offset_from_end,
    persian_variants,
    word_spans,
    words_clear_of,
)
from rasad.kb.place_cues import cue_before, homographs, is_learned_homograph, strip_words, wants_region
from rasad.kb.places import Place, choose, place_table
from rasad.text.data import read_words
from rasad.text.fold import ZWNJ
from rasad.text.normalize import matching_key

MAX_WORDS = 3
MIN_POPULATION_IN_CONTEXT = 10_000  # a place with no place word before it, in a country the article mentions
MIN_LETTERS = 3
MIN_POPULATION_CLITIC = 100_000  # a name with a proclitic and without the article, and no place word
_ARTICLE_WORD_NEXT = re.compile(r"[ \u00a0]+(?:ال|وال)\w")
_WORD_NEXT = re.compile(r"[ \u00a0]+(\w+)")
MIN_POPULATION_BARE = 50_000  # a one-word name without the article and a place word
MIN_LETTERS_FOREIGN = 5  # a town outside the region without a place word (سياتل, not ليل)
MIN_POPULATION_SHORT = 100_000  # the same, of three letters or fewer (عنه)
# Countries where a name with no place word before it may be found (scripts/build_places.py FOCUS).
REGION_COUNTRIES = frozenset({
    "SY", "IQ", "IR", "TR", "LB", "JO", "IL", "PS", "SA", "YE", "EG", "LY", "AF", "KW", "QA", "BH",
    "AE", "OM", "DZ", "TN", "MA", "SD", "MR", "EH", "DJ",
})  # fmt: skip
_GAP = re.compile(r"[ \u00a0]")
BLOCKING_TYPES = frozenset({"PER", "ORG", "EVENT"})


@cache
def _first_words() -> frozenset[str]:
    """First words (keys) of the place names of two or more words."""
    return frozenset(key.split(" ", 1)[0] for key in place_table().index if " " in key)


@cache
def _not_places(lang: str) -> frozenset[str]:
    """Function words, words that are never a name alone, and place words (مدينة is no Medina)."""
    words = read_words(lang, "function_words.txt") | read_words(lang, "entity_stoplist.txt")
    return frozenset(arabic_word_key(w) for w in words) | strip_words(lang)


def _has_article(word: str) -> bool:
    key = matching_key(word, "ar")
    return key.startswith(("ال", "وال", "فال", "بال"))


def _acceptable(places: Iterable[Place], cue: str | None, context: LinkContext) -> list[Place]:
    region = wants_region(cue)
    by_geonameid = knowledge_base().by_geonameid
    found = [p for p in places if (region or not p.needs_cue) and p.geonameid not in by_geonameid]
    named_elsewhere = [p for p in found if p.id in context.known]
    if named_elsewhere:
        return named_elsewhere
    if cue is None:
        found = [
            p
            for p in found
            if p.country in context.countries
            and (p.country in REGION_COUNTRIES or p.population >= MIN_POPULATION_BARE)
            and (p.population >= MIN_POPULATION_IN_CONTEXT or p.is_region)
        ]
    else:  # after a place word, a town of the region or of a country the article names (سان مورتيز is no San)
        found = [p for p in found if p.country in REGION_COUNTRIES or p.country in context.countries]
    return found


class _Hit(NamedTuple):
    start: int
    end: int
    places: list[Place]
    region: bool
    cue: str | None
    clitic: bool  # a proclitic was cut (وبنغازي)
    known: bool = False  # a place the run's articles in other languages name


def _may_be_name(text: str, hit: _Hit, word: str, lang: str) -> bool:
    """Whether a one-word hit may be a name: not a function word or place word in any of its forms
    (وإن is no وان, Van); a common word (انبار) or a short word without the article (عنه) only
    after a place word, or (short words) when the place is big."""
    forms = {v.key for v in arabic_variants(word)} | {arabic_word_key(text[hit.start : hit.end])}
    if forms & _not_places(lang) or min(len(f) for f in forms) < MIN_LETTERS:
        return False
    name = text[hit.start : hit.end]
    following = text[hit.end : hit.end + 30]
    if _has_article(name) and _ARTICLE_WORD_NEXT.match(following):
        return False  # part of a longer name or an adjective follows: الجزيرة العربية، الساحل الشمالي
    next_word = _WORD_NEXT.match(following)
    if any(p.needs_cue for p in hit.places) and next_word and arabic_word_key(next_word[1]) not in _not_places(lang):
        return False  # محافظة شمال سيناء: the name goes on
    if hit.cue in ("city", "region"):
        return True
    if forms & homographs(lang):
        return False  # انبار ("depot") only after استان, وادي only after مدينة
    if hit.known and not is_learned_homograph(name, lang):
        return True  # سفوان in an Arabic article, Safwan in the English one
    if hit.clitic and not _has_article(name) and all(p.population < MIN_POPULATION_CLITIC for p in hit.places):
        return False  # وتيرة ("pace") is no Tire, لقنوات no Qanawat
    if hit.cue not in (None, "near"):
        return True
    if lang == "fa" and (is_learned_homograph(text[hit.start : hit.end], lang)
                         or any(p.country == "IR" for p in hit.places)):
        return False  # Iran's towns are often Persian words (امل، صحنه): the tagger knows the towns
    if is_learned_homograph(text[hit.start : hit.end], lang):
        return hit.cue == "near"  # في البيضاء, but not الراية البيضاء
    if hit.cue in (None, "near") and not _has_article(name):
        # without the article or a place word, a word is a town's name only if the town is big (كيان
        # "entity" is no Kian, منزلة "rank" no Manzala); المكلا and الزبداني carry the article
        floor = MIN_POPULATION_SHORT if len(arabic_word_key(name)) <= MIN_LETTERS else MIN_POPULATION_BARE
        return any(p.population >= floor or p.is_region for p in hit.places)
    return True


def _may_be_foreign(text: str, hit: _Hit) -> bool:
    """A town outside the Middle East and North Africa, with no place word before it, only by a name of
    five letters or more written without the article (في الليل, "at night", is no Lille)."""
    if hit.cue not in (None, "near") or any(p.country in REGION_COUNTRIES for p in hit.places):
        return True
    name = text[hit.start : hit.end]
    return not _has_article(name) and len(arabic_word_key(name).replace(" ", "")) >= MIN_LETTERS_FOREIGN


def _entity(text: str, hit: _Hit, context: LinkContext, counts: dict[str, int]) -> Entity | None:
    place = choose(hit.places, context.countries, region=hit.region, mentions=counts)
    if place is None:
        return None
    return Entity(hit.start, hit.end, text[hit.start : hit.end], "GPE", place.id, source="gazetteer",
                  rule="gazetteer:geonames", link_rule="geonames")


def find_places(text: str, lang: str, context: LinkContext, entities: Iterable[Entity]) -> list[Entity]:
    """Places named in `text` outside `entities` that are linked or are people, groups or events."""
    words = word_spans(text)
    free = words_clear_of(words, ((e.start, e.end) for e in entities
                                  if e.type in BLOCKING_TYPES or (e.entity_id and not e.entity_id.startswith("x:"))))
    hits: list[_Hit] = []
    i = 0
    while i < len(words):
        found = _place_at(text, lang, words, free, i, context) if free[i] and _may_start(words[i][2], lang) else None
        if found is None:
            i += 1
            continue
        hit, used = found
        if (used == 1 and not _may_be_name(text, hit, words[i][2], lang)) or not _may_be_foreign(text, hit):
            i += 1
            continue
        hits.append(hit)
        i += used
    # Names of one country settle which country a name found in two countries is in.
    counts = dict(context.mentions)
    for place in {h.places[0].id: h.places[0] for h in hits if len({p.country for p in h.places}) == 1}.values():
        counts[place.country] = counts.get(place.country, 0) + 1
    found_entities = (_entity(text, hit, context, counts) for hit in hits)
    return [e for e in found_entities if e is not None]


@lru_cache(maxsize=100_000)
def _may_start(word: str, lang: str) -> bool:
    """Whether a place name may start at this word (a form of it is a name or a name's first word)."""
    index, firsts = place_table().index, _first_words()
    if any(v.key in index or v.key in firsts for v in arabic_variants(word)):
        return True
    if ZWNJ in word and arabic_key(word.replace(ZWNJ, " ")) in index:
        return True  # ذی‌قار: two words joined by a ZWNJ
    return lang == "fa" and any(v.key in index for v in persian_variants(word)[1:])


def _place_at(
    text: str, lang: str, words: Sequence[tuple[int, int, str]], free: list[bool], i: int, context: LinkContext
) -> tuple[_Hit, int] | None:
    table = place_table()
    firsts = _first_words()
    start0, _, first_text = words[i]  # a word where a place name may start (`_may_start`)
    variants = arabic_variants(first_text)
    suffixed = persian_variants(first_text)[1:] if lang == "fa" else ()
    n_max = 1
    while (
        n_max < MAX_WORDS
        and i + n_max < len(words)
        and free[i + n_max]
        and _GAP.fullmatch(text[words[i + n_max - 1][1] : words[i + n_max][0]]) is not None
    ):
        n_max += 1
    longer = n_max > 1 and any(first.key in firsts for first in variants)  # else only one-word names
    following = [arabic_word_key(w) for _, _, w in words[i + 1 : i + n_max]] if longer else []
    for first in variants:
        n_top = n_max if first.key in firsts else 1
        for n in range(n_top, 0, -1):
            rest = following[: n - 1]
            options = [(" ".join([first.key, *rest]), 0)]
            if suffixed and n == 1 and first.cut_start == 0 and cue_before(text, start0, lang) not in (None, "near"):
                # without a place word, a Persian word less its suffix is too often an adjective (دولتی)
                options += [(v.key, v.cut_end) for v in suffixed]
            if n == 1 and first.cut_start == 0 and ZWNJ in first_text:
                options.append((arabic_key(first_text.replace(ZWNJ, " ")), 0))
            for key, cut_end in options:
                rows = table.rows(key)
                if not rows:
                    continue
                start = start0 + (letters_offset(first_text, first.cut_start) if first.cut_start else 0)
                last_start, _, last_text = words[i + n - 1]
                end = last_start + (letters_offset_from_end(last_text, cut_end) if cut_end else len(last_text))
                if i > 0 and lang == "ar" and _has_article(text[start:end]) and _has_article(words[i - 1][2]):
                    continue  # an adjective after a noun: الخوذ البيضاء
                cue = cue_before(text, start, lang) if first.cut_start == 0 else None
                places = _acceptable((table.place(r) for r in rows), None if cue == "near" else cue, context)
                if places:
                    known = all(p.id in context.known for p in places)
                    return _Hit(start, end, places, wants_region(cue), cue, first.cut_start > 0, known), n
    return None
