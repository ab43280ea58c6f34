"""Transliteration keys: one key for a name written in Arabic, Persian or Latin script, so that
names missing from the knowledge base still meet across scripts.

A key is the name's consonant skeleton: each word's consonants, as a Latin spelling would also
write them, merged into classes where spellings disagree (ص/س and s → `s`, ط/ت and t → `t`), with
long vowels, hamza and ain dropped, the article (ال, al-, as-, ...) dropped, doubled consonants
collapsed and a word-final h dropped (ة, Persian ه, -ah). The letter classes are data:
`lang/ar/skeleton.tsv` and `lang/en/skeleton.tsv`.

>>> skeleton_key("قرية الصبحة") == skeleton_key("روستای صبحه") == skeleton_key("al-Subha village")
True
>>> skeleton_key("الصبحة") == skeleton_key("السبخة")
False
>>> romanize("الصبحة")
'al-Sbha'
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rasad.kb.names import WORD, arabic_word_key, is_arabic_script, strip_accents
from rasad.text.data import read_tsv, read_words
from rasad.text.fold import TRANSLIT

MIN_CONSONANTS = 2  # one consonant collides too often to be evidence
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|az|at|an|ath|adh|ez|es|ed|et|en|er|ul)[\-'’]+(?=\w)")
_LATIN_MARKS = re.compile(r"[ʿʾʼʻ'’`´‘]")
_DOUBLED = re.compile(r"(.)\1+")


@cache
def _drop_words() -> frozenset[str]:
    return read_words("", "translit_drop.txt")


@cache
def _arabic_classes() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("ar", "skeleton.tsv")}


@cache
def _latin_classes() -> tuple[tuple[str, str], ...]:
    """Latin spellings → class, longest first (digraphs before letters)."""
    rows = [(row[0], row[1]) for row in read_tsv("en", "skeleton.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _arabic_word_skeleton(word: str) -> str:
    classes = _arabic_classes()
    folded = arabic_word_key(word)
    if len(folded) > 2 and folded.endswith("ه"):
        folded = folded[:-1]  # ة folded to ه, or a Persian final vowel ه
    return "".join(classes.get(ch, "") for ch in folded)


def _latin_word_skeleton(word: str) -> str:
    word = _LATIN_ARTICLE.sub("", word)
    if len(word) > 4 and word.endswith("et"):
        word = word[:-2]  # ة in a construct: Khirbet, Qaryet
    if len(word) > 3 and word.endswith("h") and not word.endswith(("sh", "kh", "gh", "ch", "th", "dh", "zh")):
        word = word[:-1]
    out, i = [], 0
    spellings = _latin_classes()
    while i < len(word):
        for spelling, cls in spellings:
            if word.startswith(spelling, i):
                out.append(cls)
                i += len(spelling)
                break
        else:
            i += 1  # a vowel, w, y, v or a mark
    return "".join(out)


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str | None:
    """The transliteration key of a name in any script; None when too short to be evidence.

    >>> skeleton_key("دير الزور"), skeleton_key("Deir ez-Zor"), skeleton_key("دیر الزور")
    ('dr-zr', 'dr-zr', 'dr-zr')
    >>> skeleton_key("أبو") is None
    True
    """
    if is_arabic_script(name):
        words = [_arabic_word_skeleton(w) for w in WORD.findall(name) if w not in _drop_words()]
    else:
        text = _LATIN_MARKS.sub("", strip_accents(name).casefold())
        words = [_latin_word_skeleton(w) for w in text.split() if w not in _drop_words()]
    words = [_DOUBLED.sub(r"\1", w) for w in words if w]
    if sum(len(w) for w in words) < MIN_CONSONANTS:
        return None
    return "-".join(words)


@cache
def _romanization() -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "" for row in read_tsv("ar", "translit.tsv")}


def romanize(name: str) -> str:
    """A rough Latin spelling of an Arabic-script name (short vowels are not written in the script),
    from `lang/ar/translit.tsv`; used for the English names of entities outside the knowledge base.

    >>> romanize("مصعب الحلبي")
    "Ms'b al-Hlby"
    """
    letters = _romanization()
    words = []
    for word in TRANSLIT(name).split():  # without diacritics, tatweel and ZWNJ
        latin = "".join(letters.get(ch, ch) for ch in word)
        if latin.startswith("al") and len(latin) > 3:
            words.append("al-" + latin[2:3].upper() + latin[3:])
        else:
            words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


def blocking_keys(name: str) -> frozenset[str]:
    """Keys under which a name is indexed to find the names it may link with."""
    key = skeleton_key(name)
    return frozenset({key}) if key else frozenset()


def same_name(one: str, other: str) -> bool:
    """Whether two names, in any scripts, are spellings of the same name.

    >>> same_name("الصبحة", "al-Subha")
    True
    """
    key = skeleton_key(one)
    return key is not None and key == skeleton_key(other)
