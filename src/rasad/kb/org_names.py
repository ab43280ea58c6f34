"""Organisation names across languages: a key made of the concepts an organisation's name is built from.

Organisations outside the knowledge base are translated between languages, not transliterated:
المجلس الانتقالي الجنوبي, شورای انتقالی جنوب and Southern Transitional Council share no skeleton. Their
words do share concepts: a small bilingual lexicon (`lang/<iso>/org_words.tsv`) gives each word of a
name its concept (council, transitional, southern ...), a word that names a country or province (Jordan,
الأردنية, تونس) stands for its country, and any other word is a proper name, compared by its transliteration
(`rasad.kb.translit.same_name`). Two names are the same organisation (`same_org`) when their concepts
are the same set and their proper names pair off one to one.

Precision first: a name is keyed only when one of its words at least is an organisation word of the
lexicon and it has two parts or more (or is one proper name, which a name of one concept and that
proper name, حركة الشباب, is the same as); a *generic* name (only lexicon concepts: Ministry of Defence) says
nothing about which country's ministry it is, and callers must check that separately.

>>> same_org(org_key("المجلس الانتقالي الجنوبي", "ar"), org_key("Southern Transitional Council", "en"))
True
>>> same_org(org_key("شورای انتقالی جنوب", "fa"), org_key("Southern Transitional Council", "en"))
True
>>> same_org(org_key("Jordan Armed Forces", "en"), org_key("القوات المسلحة الأردنية", "ar"))
True
>>> same_org(org_key("Ministry of Defence", "en"), org_key("وزارة الداخلية", "ar"))
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import permutations

from rasad.kb.names import WORD, arabic_variants, arabic_word_key, is_arabic_script
from rasad.limits import MEMO_WORDS
from rasad.text.data import read_tsv
from rasad.text.fold import ZWNJ

PLACE_MARK = "@"  # a concept that is a place's id (Jordan, الأردنية)
MIN_PARTS = 2
MIN_STEM = 3  # letters of a nisba adjective's stem (الأردنية → اردن) for it to be looked up as a place
MAX_NAMES = 4  # proper-name parts compared in every order up to this many
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:'s)?")
# English demonyms: the country's name is the word less these endings, or the word plus "a" (Somali).
_DEMONYM_ENDINGS = ("ian", "ese", "an", "n", "i")


@dataclass(frozen=True)
class OrgWord:
    """A lexicon word's concept and role: `head` (may open a name in text), `skip` (function word)."""

    concept: str
    role: str = ""


@dataclass(frozen=True)
class OrgKey:
    """What an organisation's name is made of: concepts (lexicon words, `@`+place ids) and the
    proper-name words, in the order written."""

    concepts: frozenset[str]
    names: tuple[str, ...]

    @property
    def generic(self) -> bool:
        """Only lexicon concepts: no place and no proper name tells which organisation it is."""
        return not self.names and not any(c.startswith(PLACE_MARK) for c in self.concepts)

    @property
    def block(self) -> str:
        """A blocking key (its concepts but places, and how many proper names): names with different
        blocks are never the same organisation."""
        return "|".join(sorted(c for c in self.concepts if not c.startswith(PLACE_MARK))) + f"#{len(self.names)}"

    def without_places(self, countries: Iterable[str]) -> OrgKey:
        """The key less the places of `countries` (ارتش ملی سومالی in an article about Somalia is its
        national army, as الجيش الوطني there is)."""
        return OrgKey(self.concepts - {PLACE_MARK + c for c in countries}, self.names)


def _fold(word: str, lang: str) -> str:
    return arabic_word_key(word.replace(ZWNJ, "")) if lang in ("ar", "fa") else word.casefold()


@cache
def org_words(lang: str) -> dict[str, OrgWord]:
    """The lexicon of `lang/<lang>/org_words.tsv`, keyed by folded word."""
    out: dict[str, OrgWord] = {}
    for row in read_tsv(lang, "org_words.tsv"):
        concept = row[1] if len(row) > 1 else ""
        role = row[2] if len(row) > 2 else ""
        out.setdefault(_fold(row[0], lang), OrgWord(concept, role))
    return out


def _script_lang(word: str, lang: str) -> str:
    if not is_arabic_script(word):
        return "en"
    return lang if lang in ("ar", "fa") else "ar"


@lru_cache(maxsize=MEMO_WORDS)
def word_entry(word: str, lang: str) -> OrgWord | None:
    """The lexicon entry of a word as written or with a proclitic cut (للشغل, والاستقرار).

    >>> word_entry("للشغل", "ar"), word_entry("Forces", "en").concept
    (OrgWord(concept='labour', role=''), 'forces')
    """
    lang = _script_lang(word, lang)
    words = org_words(lang)
    if lang == "en":
        return words.get(word.casefold())
    found = words.get(_fold(word, lang))
    if found is None:
        found = next((words[v.key] for v in arabic_variants(word.replace(ZWNJ, "")) if v.key in words), None)
    return found


def _place_forms(word: str, lang: str) -> list[str]:
    """A word, then the place names it may be the adjective of (الأردنية → اردن, Tunisian → Tunisia,
    Baloch → Balochistan)."""
    if lang == "en":
        low = word.casefold()
        stems = [word[: -len(e)] for e in _DEMONYM_ENDINGS if low.endswith(e) and len(low) - len(e) >= MIN_STEM]
        return [word, *stems, word + "a", word + "istan"]  # Baloch: Balochistan
    key = arabic_word_key(word.replace(ZWNJ, ""))
    forms = [word, key + "ستان"]  # بلوچ: بلوچستان
    for ending in ("يه", "ي"):
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
            stem = key[: -len(ending)]
            forms += [stem, stem + "يا", stem + "ا", stem + "ستان"]
            break
    return forms


@lru_cache(maxsize=MEMO_WORDS)
def place_concept(word: str, lang: str) -> str | None:
    """`@` + the country of the knowledge-base place or the province a word names or is the adjective
    of (Syrian is Syria; towns are left out: سالم is a name before it is Salem, Oregon).

    >>> place_concept("الأردنية", "ar") == place_concept("Jordanian", "en") == place_concept("اردن", "fa") == "@JO"
    True
    """
    from rasad.kb.entities import PLACE_TYPES, kb_entity
    from rasad.kb.link import LinkContext, link_mention

    lang = _script_lang(word, lang)
    best: tuple[int, str] | None = None
    for form in _place_forms(word, lang):
        found = link_mention(form, "GPE", lang, LinkContext())
        if found is None or found.cut_start or found.cut_end or found.type not in PLACE_TYPES:
            continue
        entity = kb_entity(found.id)
        if entity is not None and entity.country:
            option = (0, entity.country)
        elif found.place is not None and found.place.is_region:
            option = (1, found.place.country)
        else:
            continue
        best = option if best is None else min(best, option)
    return PLACE_MARK + best[1] if best else None


KIND_WORDS = frozenset({"party", "movement"})  # with the `force` heads: a kind of group before its name


def opens_name(word: str, lang: str) -> bool:
    """A lexicon word that may open an organisation's name (council, وزارة, ارتش)."""
    entry = word_entry(word, lang)
    return entry is not None and entry.role in ("head", "force")


def kind_word(word: str, lang: str) -> bool:
    """A word that names the kind of a group before its name (حزب, قوات, movement)."""
    entry = word_entry(word, lang)
    return entry is not None and (entry.role == "force" or entry.concept in KIND_WORDS)


def _words(name: str) -> list[str]:
    if is_arabic_script(name):
        return WORD.findall(name)
    return [w.removesuffix("'s") for w in _LATIN_WORD.findall(name)]


@lru_cache(maxsize=MEMO_WORDS)
def org_key(name: str, lang: str) -> OrgKey | None:
    """The concept key of an organisation's name; None when it has fewer than two parts of which one
    is an organisation word, but for a one-word proper name (al-Shabaab, which حركة الشباب, "the
    al-Shabaab movement", is the same as).

    >>> sorted(org_key("Tunisian General Labour Union", "en").concepts)
    ['@TN', 'general', 'labour', 'union']
    """
    concepts: set[str] = set()
    names: list[str] = []
    lexical = False
    words = _words(name)
    if len(words) > MIN_PARTS and kind_word(words[0], lang) and opens_name(words[1], lang):
        words = words[1:]  # حزب جبهة العمل الإسلامي is the Islamic Action Front
    for word in words:
        entry = word_entry(word, lang)
        if entry is not None:
            if entry.role != "skip":
                concepts.add(entry.concept)
                lexical = True
            continue
        place = place_concept(word, lang)
        if place is not None:
            concepts.add(place)
        else:
            names.append(word)
    if not lexical:  # a proper name alone (al-Shabaab): the name as written
        return OrgKey(frozenset(), (name,)) if names and not concepts else None
    if len(names) > MAX_NAMES:
        return None
    if len(concepts) + len(names) < MIN_PARTS and lexical:
        return None
    return OrgKey(frozenset(concepts), tuple(names))


def same_org(one: OrgKey | None, other: OrgKey | None) -> bool:
    """Whether two keys name one organisation: the same concepts, and proper names that pair off one to
    one as the same name in two scripts."""
    from rasad.kb.translit import same_name

    if one is not None and other is not None and len(one.concepts) == 1 and not other.concepts:
        one, other = other, one
    if one is not None and other is not None and len(other.concepts) == 1 and not one.concepts:
        return len(one.names) == 1 and len(other.names) == 1 and same_name(one.names[0], other.names[0])
    if one is None or other is None or one.concepts != other.concepts or len(one.names) != len(other.names):
        return False
    if not one.names:
        return True
    return any(all(same_name(a, b) for a, b in zip(one.names, order, strict=True))
               for order in permutations(other.names))
