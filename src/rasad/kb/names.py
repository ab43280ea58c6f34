"""Name keys: how a name is folded so that its spellings in Arabic, Persian and English meet.

Arabic script: `rasad.text.normalize.matching_key` (alef/hamza, ta marbuta, yeh/kaf, diacritics,
ZWNJ), then the article ال is dropped from every word, so الحسكة, الحسكه, حسکه and الحسکه share a key.
Clitics are *not* removed by `name_key`; lookups try `arabic_variants` (و/ف/ب/ل/ك + ال, لل) and
`persian_variants` (ها، های، ی، ست ...) in order, so a name written as-is always wins.

Latin script: casefold, strip accents and ʿ ʾ ' marks, drop the article (al-, el-, ar-, as-, ez-, ...),
drop hyphens and spaces, collapse doubled letters, fold o→u and q→k, and drop a final -ah/-eh/-a/-e/-h:
Hasakah, Hasaka, al-Hasakah and Al Hasakeh all give `hasak`.

>>> name_key("الحسكة", "ar") == name_key("حسکه", "fa") == name_key("الحسکه", "fa")
True
>>> latin_key("Deir ez-Zor") == latin_key("Deir al-Zour") == latin_key("Deir Ezzor")
True
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasad.limits import MEMO_WORDS
from rasad.text.fold import TATWEEL, ZWNJ, mark_class
from rasad.text.normalize import matching_key
from rasad.text.tokens import pattern, proclitics, suffixes

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Word characters for tokenizing names and texts: letters, digits, combining marks, tatweel, ZWNJ.
WORD = pattern("name")  # rasad.text.tokens
_MARKS = re.compile(f"[{mark_class()}{TATWEEL}{ZWNJ}]")

Span = tuple[int, int, str]  # a word's start, end and text


@lru_cache(maxsize=4)
def word_spans(text: str) -> tuple[Span, ...]:
    """The words of `text` (`WORD`) as (start, end, word), found once per text: the entity stage's
    scans (knowledge-base aliases, places, people, organisations) read the same list.

    >>> word_spans("في دمشق")
    ((0, 2, 'في'), (3, 7, 'دمشق'))
    """
    return tuple((m.start(), m.end(), m.group()) for m in WORD.finditer(text))


def words_clear_of(words: Sequence[Span], spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each of `words` (in text order), whether it shares no character with any of `spans`
    (start, end): two binary searches a span, not a look at every word.

    >>> words_clear_of(word_spans("قال إن بشار الأسد في دمشق"), [(7, 17)])
    [True, True, False, False, True, True]
    """
    starts = [w[0] for w in words]
    ends = [w[1] for w in words]
    clear = [True] * len(words)
    for start, end in spans:
        if start < end:
            for i in range(bisect_right(ends, start), bisect_left(starts, end)):
                clear[i] = False
    return clear


_LATIN_ARTICLE = re.compile(
    r"(?:^|(?<=[\s\-]))(?:al|el|ar|as|ash|ad|az|at|an|ath|adh|ez|es|ed|et|en|er|ul)[\-\s'’]+(?=\w)",
)
# `Ezzor`, `Assad` after another word: an article assimilated and written joined (Deir Ezzor).
_JOINED_ARTICLE = re.compile(r"(?<=\s)[ae](sh|th|dh|[tdrzsnl])\1")
_LATIN_MARKS = re.compile(r"[ʿʾʼʻ'’`´‘]")
_NON_LETTER = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:ah|eh|a|e|h)$")

MIN_STEM = 3  # letters left after stripping a clitic or suffix


def is_arabic_script(text: str) -> bool:
    """True when the text contains Arabic-script letters (Arabic, Persian, Urdu...).

    >>> is_arabic_script("دير الزور"), is_arabic_script("Deir ez-Zor")
    (True, False)
    """
    return bool(_ARABIC_LETTER.search(text))


def strip_accents(text: str) -> str:
    """Drop Latin diacritics: `Ḩasakah` → `Hasakah`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=MEMO_WORDS)
def arabic_word_key(word: str) -> str:
    """Fold one Arabic-script word and drop its article ال when a stem of two letters remains.

    >>> arabic_word_key("الحسكة"), arabic_word_key("حسکه")
    ('حسكه', 'حسكه')
    """
    key = matching_key(word, "ar").replace(" ", "")
    if key.startswith("ال") and len(key) > 3:
        key = key[2:]
    return key


def arabic_key(name: str) -> str:
    """Key of an Arabic-script name: its words folded (see `arabic_word_key`), joined by spaces."""
    return " ".join(arabic_word_key(w) for w in WORD.findall(name))


@lru_cache(maxsize=MEMO_WORDS)
def latin_key(name: str) -> str:
    """Key of a Latin-script name (transliteration variants fold together).

    >>> latin_key("Al Hasakeh") == latin_key("Hasaka") == latin_key("al-Ḩasakah")
    True
    """
    text = strip_accents(name).casefold()
    text = _LATIN_MARKS.sub("", text)
    text = _LATIN_ARTICLE.sub("", text.strip())
    text = _JOINED_ARTICLE.sub(r"\1", text)
    words = [w for w in _NON_LETTER.split(text) if w]
    folded = []
    for word in words:
        word = _DOUBLED.sub(r"\1", word.replace("ou", "u").replace("q", "k")).replace("o", "u")
        if len(word) > 3:
            word = _ENDING.sub("", word)
        folded.append(word)
    return "".join(folded)


def name_key(name: str, lang: str | None = None) -> str:
    """The lookup key of a name in any script (`lang` is a hint; the script decides).

    >>> name_key("قوات سوريا الديمقراطية", "ar") == name_key("قوات سورية الديمقراطيه", "ar")
    False
    >>> name_key("Islamic State", "en") == name_key("islamic  state", "en")
    True
    """
    return arabic_key(name) if is_arabic_script(name) else latin_key(name)


@dataclass(frozen=True)
class Variant:
    """A lookup form of a word: the key, and how many letters were cut at the start or end."""

    key: str
    cut_start: int = 0  # letters cut from the start (clitics), in the word as written
    cut_end: int = 0  # letters cut from the end (Persian suffixes)


def _suffixes() -> tuple[str, ...]:
    return tuple(matching_key(suffix, "fa") for suffix in suffixes("fa", "names"))


@lru_cache(maxsize=MEMO_WORDS)
def arabic_variants(word: str) -> tuple[Variant, ...]:
    """Lookup forms of the first word of a name: as written, then without و/ف/ب/ل/ك (+ لل → ال).

    >>> [v.key for v in arabic_variants("وبالحسكة")]
    ['وبالحسكه', 'حسكه', 'بالحسكه']
    >>> [(v.key, v.cut_start) for v in arabic_variants("للتحالف")][:2]
    [('للتحالف', 0), ('تحالف', 2)]
    """
    folded = matching_key(word, "ar").replace(" ", "")
    out = [Variant(arabic_word_key(word))]
    for clitic in proclitics("ar", "names"):
        if folded.startswith(clitic.prefix) and len(folded) - len(clitic.prefix) >= MIN_STEM:
            stem = clitic.restore + folded[len(clitic.prefix) :]
            out.append(Variant(arabic_word_key(stem), cut_start=len(clitic.prefix)))
    seen: set[str] = set()
    unique = []
    for v in out:
        if v.key not in seen:
            seen.add(v.key)
            unique.append(v)
    return tuple(unique)


@lru_cache(maxsize=MEMO_WORDS)
def persian_variants(word: str) -> tuple[Variant, ...]:
    """Lookup forms of the last word of a Persian name: as written, then without a suffix.

    >>> [v.key for v in persian_variants("آمریکاست")]
    ['امريكاست', 'امريكا', 'امريك']
    """
    key = arabic_word_key(word)
    out = [Variant(key)]
    for suffix in _suffixes():
        if key.endswith(suffix) and len(key) - len(suffix) >= MIN_STEM:
            out.append(Variant(key[: -len(suffix)], cut_end=len(suffix)))
    return tuple(out)


def letters_offset(word: str, letters: int) -> int:
    """Offset in `word` after its first `letters` letters (diacritics, tatweel and ZWNJ not counted).

    >>> letters_offset("وَالحسكة", 1)
    2
    """
    count = 0
    for i, ch in enumerate(word):
        if count == letters and not _MARKS.match(ch):
            return i
        if not _MARKS.match(ch):
            count += 1
    return len(word)


def letters_offset_from_end(word: str, letters: int) -> int:
    """Offset in `word` where its last `letters` letters begin (marks not counted)."""
    count = 0
    for i in range(len(word) - 1, -1, -1):
        if not _MARKS.match(word[i]):
            count += 1
        if count == letters:
            return i
    return 0
