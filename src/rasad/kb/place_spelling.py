"""Places (and names outside the knowledge base) an Arabic or Persian article names in a spelling the
place table does not hold, found because an article of the run in another language names them
(`rasad.corpus.name_ids`): Quetta in English, كويتا in Arabic; Sevare in English, سيفاري in Arabic.

GeoNames gives most towns one Arabic name or none: Shusha is سوسا there, Quetta كويته, Jowhar has
only its Latin name. When the English article of the run links `Quetta` and the Arabic one writes
`كويتا`, the two spellings are the same name by transliteration (`rasad.kb.translit.same_name`). A
name of one or two words (a proclitic cut) is taken for such a place when it is the same name as one
of the place's spellings in another language's article, the place is in a country the article
names, and it is the same name as no other such place; never a function word, a place word, a common
word of `lang/<iso>/place_homographs.txt`, or a word of fewer than three letters. Rule `gazetteer:run`.

>>> spellings = {"geo:1167528": ("Quetta",), "geo:1168197": ("Gwadar",)}
>>> [(e.text, e.entity_id) for e in spelled_places("وصل إلى كويتا أمس", "ar", [], spellings)]
[('كويتا', 'geo:1167528')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from itertools import pairwise

from rasad.article import Entity
from rasad.kb.names import WORD, arabic_variants, arabic_word_key, letters_offset
from rasad.kb.place_cues import homographs, is_learned_homograph, strip_words
from rasad.kb.translit import blocking_keys, same_name
from rasad.text.data import read_words

RULE = "gazetteer:run"
MAX_WORDS = 4  # a person's name of four words (عبد الرحمن ورسمي جيمالي)
MIN_LETTERS = 3
_GAP = re.compile(r"[ \u00a0]")


@cache
def _not_names(lang: str) -> frozenset[str]:
    words = read_words(lang, "function_words.txt") | read_words(lang, "entity_stoplist.txt")
    return frozenset(arabic_word_key(w) for w in words) | strip_words(lang) | homographs(lang)


@cache
def _place_words(lang: str) -> frozenset[str]:
    """Place words and words that are places only after one: no name alone, but a name's last words."""
    return strip_words(lang) | homographs(lang)


@cache
def _inner_words() -> frozenset[str]:
    """Words that are no name alone but stand inside one after its first word (ذبيح الله)."""
    return read_words("ar", "name_inner_words.txt")


def _linked(entity: Entity) -> bool:
    return bool(entity.entity_id) and not str(entity.entity_id).startswith("x:")


def spelling_blocks(spellings: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """The ids of `spellings` (id → spellings) by the blocking keys of their spellings."""
    by_block: dict[str, set[str]] = defaultdict(set)
    for place_id, names in spellings.items():
        for name in names:
            for block in blocking_keys(name):
                by_block[block].add(place_id)
    return by_block


def spelled_places(text: str, lang: str, entities: Iterable[Entity], spellings: Mapping[str, tuple[str, ...]],
                   types: Mapping[str, str] | None = None, index: Mapping[str, set[str]] | None = None
                   ) -> list[Entity]:
    """Names in `text` (Arabic or Persian) outside the linked spans of `entities` that are the same name
    as exactly one id of `spellings` (id → its spellings in the run's other articles): a place, or
    a name outside the knowledge base (of the entity type `types` gives; GPE when none). A name may
    hold unlinked spans (رند in شاهد رند), never cut across one. `index`: `spelling_blocks` of these
    spellings or of more (ids not in `spellings` are left out), built once for many texts."""
    if not spellings:
        return []
    by_block = spelling_blocks(spellings) if index is None else index
    taken = bytearray(len(text) + 1)  # 1: a linked span, 2: an unlinked one (its start and end: 3)
    entities = list(entities)
    for e in entities:
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    unlinked = [e for e in entities if not _linked(e)]
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    stop = _not_names(lang)
    out: list[Entity] = []
    i = 0
    while i < len(words):
        found = None
        for n in range(MAX_WORDS, 0, -1):
            found = _place_at(text, words[i : i + n], lang, (taken, unlinked), stop, by_block, spellings)
            if found is not None:
                out.append(replace(found, type=(types or {}).get(str(found.entity_id), "GPE")))
                i += n
                break
        else:
            i += 1
    return out


def _place_at(text: str, window: list[tuple[int, int, str]], lang: str, free: tuple[bytearray, list[Entity]],
              stop: frozenset[str], by_block: Mapping[str, set[str]], spellings: Mapping[str, tuple[str, ...]]
              ) -> Entity | None:
    if len(window) < 1 or any(not _GAP.fullmatch(text[a[1] : b[0]]) for a, b in pairwise(window)):
        return None
    start, end = window[0][0], window[-1][1]
    taken, unlinked = free
    covered = [e for e in unlinked if e.start < end and start < e.end]
    if any(e.start < start or e.end > end for e in covered) or sum(taken[start:end]) > sum(
            e.end - e.start for e in covered):
        return None  # a linked span, or an unlinked one the name cuts across
    first = window[0][2]
    for variant in arabic_variants(first):
        cut = start + (letters_offset(first, variant.cut_start) if variant.cut_start else 0)
        name = text[cut:end]
        keys = [variant.key, *(arabic_word_key(w) for _, _, w in window[1:])]
        inner = [k for k, (_, _, w) in zip(keys[1:], window[1:], strict=True)
                 if w not in _inner_words() and k not in _place_words(lang)]  # اسلام قلعه, ذبيح الله
        if any(k in stop for k in [keys[0], *inner]) or len("".join(keys)) < MIN_LETTERS or (
                len(window) == 1 and is_learned_homograph(name, lang)):
            continue
        candidates = set().union(*(by_block.get(b, set()) for b in blocking_keys(name)))
        matches = {p for p in candidates if p in spellings and any(same_name(name, s) for s in spellings[p])}
        if len(matches) == 1:
            found = matches.pop()
            link_rule = "same-name" if found.startswith("x:") else "geonames"
            return Entity(cut, end, name, "GPE", found, source="gazetteer", rule=RULE, link_rule=link_rule)
    return None
