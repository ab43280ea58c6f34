"""Mend the Arabic and Persian tagger's person spans before they are linked.

The CRF cuts names short and runs past them: `هيثم [محمد إبراهيم]`, `[محمد شياع] السوداني`,
`[كرار عبد الزهرة بطلق ناري]`. A person span here
- takes in the given names right before it (`lang/<iso>/given_names.txt`: هيثم, علي; not the
  function word على that folds like علي);
- takes in a nasab after it (بن/ابن and the name after it), or, when it has two words or fewer, an
  Arabic family name of the form ال…ي right after it (الحلبي; after one word, not a country's
  adjective: اليرمو الإيطالي);
- is cut before its third word or later when that word is a function word, or opens with a
  preposition (بطلق ناري, "by a gunshot") and is not the span's last word (جورج دبليو بوش), unless it
  is a given name or follows أبو, بن, ابن or عبد.
It never grows over another entity's span.

>>> text = "وأمر رئيس الوزراء محمد شياع العيداني بإرسال"
>>> [e.text for e in mend_people(text, "ar", [Entity(18, 27, "محمد شياع", "PER")])]
['محمد شياع العيداني']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from rasad.article import Entity
from rasad.kb.names import word_spans
from rasad.kb.org_names import place_concept
from rasad.text.data import read_words
from rasad.text.normalize import matching_key

MAX_BEFORE = 2  # given names taken in before a span
MAX_WORDS_FOR_FAMILY = 2  # a span this long or shorter may take in a family name after it
NASAB = frozenset({"بن", "ابن", "بنت"})
JOINERS = frozenset({"ابو", "بن", "ابن", "عبد", "بنت", "ام"})  # a word after these is a name
_FAMILY = re.compile(r"^ال\w{3,}[يی]$")
_PREPOSITION = re.compile(r"^[بل]\w{3,}$")
_SPACE = re.compile(r"[ \u00a0]")


@cache
def given_names(lang: str) -> frozenset[str]:
    """The folded given names of `lang/<lang>/given_names.txt`."""
    return frozenset(matching_key(w, lang) for w in read_words(lang, "given_names.txt"))


@cache
def _function_words(lang: str) -> frozenset[str]:
    return frozenset(matching_key(w, lang) for w in read_words(lang, "function_words.txt"))


def mend_people(text: str, lang: str, entities: Iterable[Entity]) -> list[Entity]:
    """The tagger's `entities` with their person spans mended (see the module doc)."""
    spans = list(entities)
    if lang not in ("ar", "fa"):
        return spans
    words = word_spans(text)
    taken = bytearray(len(text) + 1)
    for e in spans:
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    return [_mended(e, text, lang, words, taken) if e.type == "PER" else e for e in spans]


def _index(words: Sequence[tuple[int, int, str]], start: int, end: int) -> list[int]:
    """The indices of the words inside [start, end) (words are in text order: two binary searches)."""
    return list(range(bisect_left(words, start, key=_start), bisect_right(words, end, key=_end)))


def _start(word: tuple[int, int, str]) -> int:
    return word[0]


def _end(word: tuple[int, int, str]) -> int:
    return word[1]


def _free(word: tuple[int, int, str], taken: bytearray) -> bool:
    return not any(taken[word[0] : word[1]])


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return _SPACE.fullmatch(text[left[1] : right[0]]) is not None


def _mended(entity: Entity, text: str, lang: str, words: Sequence[tuple[int, int, str]], taken: bytearray) -> Entity:
    inside = _index(words, entity.start, entity.end)
    if not inside:
        return entity
    first, last = inside[0], inside[-1]
    key = lambda i: matching_key(words[i][2], lang)  # noqa: E731
    for n, i in enumerate(inside[2:], start=2):  # cut before a preposition or a function word
        word, before = words[i][2], key(inside[n - 1])
        if key(i) in given_names(lang) or before in JOINERS:
            continue
        preposition = lang == "ar" and _PREPOSITION.match(word) and key(i) not in NASAB and i < inside[-1]
        if key(i) in _function_words(lang) or preposition:
            last = inside[n - 1]
            break
    while (first > 0 and inside[0] - first < MAX_BEFORE and _free(words[first - 1], taken)
           and _adjacent(text, words[first - 1], words[first]) and key(first - 1) in given_names(lang)
           and words[first - 1][2] not in read_words(lang, "function_words.txt")):  # على is no علي
        first -= 1
    after = last + 1
    if after + 1 < len(words) and key(after) in NASAB and all(_free(words[j], taken) for j in (after, after + 1)) \
            and _adjacent(text, words[last], words[after]) and _adjacent(text, words[after], words[after + 1]):
        last = after + 1
    elif (lang == "ar" and after < len(words) and last - first + 1 <= MAX_WORDS_FOR_FAMILY
          and _free(words[after], taken) and _adjacent(text, words[last], words[after])
          and _FAMILY.match(words[after][2]) and (last > first or place_concept(words[after][2], lang) is None)):
        last = after
    start, end = min(words[first][0], entity.start), words[last][1]
    if (start, end) == (entity.start, entity.end):
        return entity
    return replace(entity, start=start, end=end, text=text[start:end])


def without_titles(text: str, lang: str, entities: Iterable[Entity]) -> list[Entity]:
    """Person spans without a title in front (`lang/<iso>/person_titles.txt`): `ژنرال عبدالفتاح البرهان`
    is `عبدالفتاح البرهان`, as the same person without the title is.

    >>> [e.text for e in without_titles("ژنرال رضا کریمی", "fa", [Entity(0, 15, "ژنرال رضا کریمی", "PER")])]
    ['رضا کریمی']
    """
    titles = _titles(lang)
    out = []
    for entity in entities:
        first = entity.text.split(" ", 1)
        if entity.type == "PER" and len(first) == 2 and matching_key(first[0], lang) in titles:
            start = entity.start + len(first[0]) + 1
            entity = replace(entity, start=start, text=text[start : entity.end])
        out.append(entity)
    return out


@cache
def _titles(lang: str) -> frozenset[str]:
    return frozenset(matching_key(w, lang) for w in read_words(lang, "person_titles.txt"))

