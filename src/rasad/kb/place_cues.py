"""Place words: the descriptors that announce a place name (مدينة، بندر، استان, "province") and the
common words that look like one (Persian انبار, "depot", is also Iraq's Anbar).

`lang/<iso>/place_words.txt` lists the descriptors with their kind: `city` (a town follows), `region`
(a governorate or province), `place` (either), `cue` (announces a place but is never part of a
mention, like محافظ "governor") and `near` (a preposition of place: weak evidence, enough only for a
name that annotated news mostly uses as a common word, like البيضاء "white").
`lang/<iso>/place_homographs.txt` lists words that are a place only
after such a word.

>>> cue_before("قصف ميناء المكلا", 10, "ar")
'city'
>>> cue_before("یک انبار سوخت", 3, "fa") is None
True
"""

from __future__ import annotations

import re
from functools import cache

from rasad.kb.names import WORD, arabic_word_key, is_arabic_script
from rasad.text.data import read_tsv, read_words
from rasad.text.normalize import matching_key

# What may stand between a place word and the name: spaces, ZWNJ, "of" (the port of Mukalla).
_GAP = re.compile(r"(?:[ \t\u00a0\u200c]+|\s+of\s+)$")


def word_key(word: str, lang: str) -> str:
    """A descriptor's lookup form: folded Arabic script (`arabic_word_key`), casefolded Latin."""
    return arabic_word_key(word) if lang != "en" and is_arabic_script(word) else word.casefold()


@cache
def place_word_kinds(lang: str) -> dict[str, str]:
    """Descriptor (folded) → its kind (`city`, `region`, `place`, `cue`)."""
    table = "ar" if lang not in ("fa", "en") else lang
    return {word_key(row[0].strip(), table): (row[1].strip() if len(row) > 1 else "place")
            for row in read_tsv(table, "place_words.txt")}


@cache
def strip_words(lang: str) -> frozenset[str]:
    """Descriptors dropped from the front (or, in English, the end) of a mention before lookup."""
    return frozenset(w for w, kind in place_word_kinds(lang).items() if kind not in ("cue", "near"))


@cache
def homographs(lang: str) -> frozenset[str]:
    """Common words that are a place name only after a place word (folded, without the article)."""
    if lang not in ("ar", "fa"):
        return frozenset()
    return frozenset(arabic_word_key(w) for w in read_words(lang, "place_homographs.txt"))


@cache
def learned_homographs(lang: str) -> frozenset[str]:
    """Place names that annotated news mostly uses as common words, as written (`matching_key`, the
    article kept), from `lang/<iso>/place_homographs_learned.txt` (scripts/build_place_homographs.py)."""
    if lang not in ("ar", "fa"):
        return frozenset()
    return read_words(lang, "place_homographs_learned.txt")


def is_learned_homograph(word: str, lang: str) -> bool:
    """Whether a one-word name is, as written, mostly a common word in annotated news.

    >>> is_learned_homograph("البيضاء", "ar"), is_learned_homograph("المكلا", "ar")
    (True, False)
    """
    return matching_key(word, "ar").replace(" ", "") in learned_homographs(lang)


def cue_before(text: str, start: int, lang: str) -> str | None:
    """The kind of the place word right before `start` in `text`, or None.

    >>> cue_before("the governor of Shabwa province", 16, "en")
    'cue'
    """
    head = text[max(0, start - 40) : start]
    gap = _GAP.search(head)
    if gap is None:
        return None
    before = head[: gap.start()]
    words = WORD.findall(before)
    if not words or not before.endswith(words[-1]):
        return None  # punctuation between: in "المدينة، وإن" no place word stands before وإن
    kinds = place_word_kinds(lang)
    word = words[-1]
    if lang != "en" and _definite(word) != (word_key(word, lang) in _listed_with_article(lang)):
        # المنطقة وأن: "the region", not "the region of"; عاصمة الجزيرة: "the capital of", not "the capital"
        return None
    return kinds.get(word_key(word, lang))


def _definite(word: str) -> bool:
    return matching_key(word, "ar").startswith(("ال", "وال"))


@cache
def _listed_with_article(lang: str) -> frozenset[str]:
    """Place words listed with the article (العاصمة صنعاء, "the capital, Sanaa")."""
    table = "ar" if lang not in ("fa", "en") else lang
    return frozenset(word_key(row[0].strip(), table) for row in read_tsv(table, "place_words.txt")
                     if _definite(row[0].strip()))


def cue_after(text: str, end: int, lang: str) -> str | None:
    """The kind of an English place word right after a name (`Shabwa province`), or None."""
    if lang != "en":
        return None
    match = WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return place_word_kinds(lang).get(match.group().casefold()) if match else None


def wants_region(cue: str | None) -> bool:
    """Whether a place word asks for a region rather than a town (محافظة، استان, "governor")."""
    return cue in ("region", "cue")
