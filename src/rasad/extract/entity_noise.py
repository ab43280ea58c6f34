"""Leaving out tagger output that is not a name: God, currencies, bare common nouns (`ميليشيا`, `الريف`)
and descriptions (`خبير سوري`, `مصدر أمني`). The words are language data:
`lang/<iso>/entity_stoplist.txt`, `lang/<iso>/entity_currencies.txt`,
`lang/<iso>/entity_description_heads.txt` and `lang/<iso>/entity_event_breakers.txt` (an event span
holding a preposition is a clause). Entities linked to the
knowledge base are always kept.

>>> from rasad.article import Entity
>>> [e.text for e in without_noise([Entity(0, 4, "الله", "MISC", "x:misc:1"),
...                                 Entity(5, 14, "خبير سوري", "PER", "x:per:2"),
...                                 Entity(15, 20, "دمشق", "GPE", "gpe:damascus")], "ar")]
['دمشق']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rasad.article import Entity
from rasad.errors import ModelMissingError
from rasad.text.data import read_words
from rasad.text.normalize import matching_key

_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)(?=\w\w)")
_NISBA = ("ي", "يه", "يون", "يين", "یه", "ی", "ها")
_ADJECTIVE = (*_NISBA, "يا")  # also in the accusative (أمريكياً)


def _bare(word: str) -> str:
    """`word` without a proclitic and the article: `والدولار` → `دولار`."""
    return _ARTICLE.sub("", word)


@cache
def _words(lang: str, name: str) -> frozenset[str]:
    try:
        words = read_words(lang, name)
    except ModelMissingError:  # a language without the list keeps every entity
        return frozenset()
    keys = {matching_key(w, lang) for w in words}
    return frozenset(keys | {_bare(k) for k in keys})


def _is_stop(word: str, stop: frozenset[str]) -> bool:
    """A stop word, also with a proclitic and the article (`وريال`), or in the accusative (`دولاراً`)."""
    bare = _bare(word)
    forms = {word, bare, bare[1:] if bare[:1] in "وف" and len(bare) > 3 else ""}
    return any(f in stop or (f.endswith("ا") and f[:-1] in stop) for f in forms if f)


def is_noise(entity: Entity, lang: str) -> bool:
    """Whether an entity that is not linked to the knowledge base is a stop word or a description."""
    if entity.entity_id and not entity.entity_id.startswith("x:"):
        return False
    words = matching_key(entity.text, lang).split()
    if not words:
        return False
    currencies = _words(lang, "entity_currencies.txt")
    stop = _words(lang, "entity_stoplist.txt") | currencies
    if _is_stop(" ".join(words), stop) or all(_is_stop(w, stop) for w in words):
        return True
    if (len(words) >= 2 and len(_bare(words[0])) > 2 and _is_stop(words[0], currencies)
            and all(_bare(w).endswith(_ADJECTIVE) for w in words[1:])):
        return True  # a currency with its nationality: الريال السعودي, دولاراً أمريكياً
    if entity.type == "EVENT" and len(words) >= 3 and set(words[1:-1]) & _words(lang, "entity_event_breakers.txt"):
        return True  # خلیفه حفتر واحدهایی به سبها: a clause, not an event
    heads = _words(lang, "entity_description_heads.txt")
    first = words[0]
    return (len(words) >= 2 and (first in heads or _bare(first) in heads)
            and all(_bare(w).endswith(_NISBA) for w in words[1:]))


def without_noise(entities: Iterable[Entity], lang: str) -> list[Entity]:
    """The entities that are not noise (see `is_noise`)."""
    return [e for e in entities if not is_noise(e, lang)]
