"""Tokens with offsets, and the clitics written onto words (`lang/<iso>/proclitics.tsv`, `suffixes.tsv`).

`tokenize(text, scheme)` splits a text into `Token`s (code-point offsets, end exclusive). The schemes
differ on purpose, one per consumer that was trained or tuned on it:

- `ner`: words with a ZWNJ kept inside (`می‌شود`), numbers with separators, any other character alone
  (as ANERcorp, PEYMA and Arman are tokenized);
- `quantity`: numbers (any digit script, separators), words, single punctuation marks;
- `word`: runs of `\\w` (outlet scans, the words around a time expression);
- `arabic_word`: runs of Arabic-script letters and marks (ZWNJ repair);
- `en_name`: English name tokens (`U.S.`, `al-Assad`, `O'Brien`);
- `name`: words of names and texts for knowledge-base keys: letters, digits, marks, ZWNJ (no tatweel).

>>> [(t.text, t.kind) for t in tokenize("نحو 12 ألفاً.", "quantity")]
[('نحو', 'word'), ('12', 'num'), ('ألفاً', 'word'), ('.', 'punct')]
>>> [t.text for t in tokenize("قال «الرئيس»، في دمشق.", "ner")]
['قال', '«', 'الرئيس', '»', '،', 'في', 'دمشق', '.']
>>> [p.prefix for p in proclitics("ar", "numbers")][:4]
['وال', 'فال', 'بال', 'كال']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rasad.errors import ModelMissingError
from rasad.text.data import read_tsv

_NER_WORD_CHAR = r"[^\W_]|[\u064B-\u065F\u0670\u0640]"
# possessive runs: the same tokens as `(?:[^\W\d_]|[marks])+`, without a branch per character
_QUANTITY_WORD = r"[A-Za-z]+|(?:[^\W\d_]++|[\u064b-\u065f\u0670\u0640\u200c\u200d]++)++"

SCHEMES: dict[str, re.Pattern[str]] = {
    "ner": re.compile(
        r"(?P<num>\d+(?:[.,٫٬]\d+)+)"  # numbers with separators
        rf"|(?P<word>(?:{_NER_WORD_CHAR})+(?:\u200c(?:{_NER_WORD_CHAR})+)*)"  # words, ZWNJ kept inside
        r"|(?P<punct>\S)"  # any other character: punctuation, symbols
    ),
    "quantity": re.compile(rf"(?P<num>\d+(?:[.,٫٬،'’]\d+)*)|(?P<word>{_QUANTITY_WORD})|(?P<punct>\S)"),
    "word": re.compile(r"\w+"),
    "arabic_word": re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670-\u06d3\u06d5]+"),
    "en_name": re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w'’.\-]*[^\W_])?"),
    "name": re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c])+"),
}
WORD = SCHEMES["word"]


@dataclass(slots=True)
class Token:
    """A token: its text, code-point offsets into the text (end exclusive) and kind (`word`, `num`,
    `punct`); `norm` is the text folded by the caller's `norm` function, `newline_before` whether a
    line break separates it from the previous token."""

    start: int
    end: int
    text: str
    kind: str = "word"
    norm: str = ""
    newline_before: bool = False


def pattern(scheme: str) -> re.Pattern[str]:
    """The compiled pattern of a scheme (for `finditer`/`sub` on hot paths)."""
    try:
        return SCHEMES[scheme]
    except KeyError:
        raise ValueError(f"unknown token scheme {scheme!r}; use one of {sorted(SCHEMES)}") from None


def tokenize(text: str, scheme: str = "ner", norm: Callable[[str], str] | None = None) -> list[Token]:
    """The tokens of `text` under `scheme`, with offsets; `norm` fills `Token.norm`.

    >>> [(t.start, t.end, t.text) for t in tokenize("خانه‌ها، زیبا", "ner")]
    [(0, 7, 'خانه‌ها'), (7, 8, '،'), (9, 13, 'زیبا')]
    >>> [t.newline_before for t in tokenize("الف\\nباء", "word")]
    [False, True]
    """
    tokens: list[Token] = []
    append, find = tokens.append, text.find  # a hot loop: every word of every article
    normed: dict[str, str] = {}  # `norm` once per distinct word of the text
    last = 0
    for m in pattern(scheme).finditer(text):
        start, end = m.span()
        word = m.group()
        if norm is None:
            folded = ""
        elif word in normed:
            folded = normed[word]
        else:
            folded = normed[word] = norm(word)
        append(Token(start, end, word, m.lastgroup or "word", folded, start > last and find("\n", last, start) >= 0))
        last = end
    return tokens


def words(text: str, scheme: str = "word") -> list[str]:
    """The token texts of `text` (`\\w` runs by default).

    >>> words("في 5 حزيران، 2023")
    ['في', '5', 'حزيران', '2023']
    """
    return [m.group() for m in pattern(scheme).finditer(text)]


# --- proclitics ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proclitic:
    """A prefix of clitics (`وبال`), what to put back before the rest (`لل` → `ال`), its parts."""

    prefix: str
    restore: str
    parts: tuple[str, ...]


@cache
def _proclitic_rows(lang: str) -> tuple[tuple[Proclitic, frozenset[str]], ...]:
    try:
        rows = read_tsv(lang, "proclitics.tsv")
    except ModelMissingError:
        return ()  # a language that writes no proclitics onto words
    return tuple(
        (Proclitic(row[0], row[1], tuple(row[2].split())), frozenset(row[3].split())) for row in rows
    )


@cache
def proclitics(lang: str, used_by: str) -> tuple[Proclitic, ...]:
    """The proclitic prefixes one matcher strips (`used by` in `lang/<lang>/proclitics.tsv`), longest
    first; empty for languages without proclitics.

    >>> [p.prefix for p in proclitics("ar", "outlets")]
    ['وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك']
    >>> proclitics("fa", "names")
    ()
    """
    chosen = [p for p, users in _proclitic_rows(lang) if used_by in users]
    return tuple(sorted(chosen, key=lambda p: -len(p.prefix)))


@cache
def proclitic_letters(lang: str, *parts: str) -> str:
    """The one-letter proclitics of the given parts, in file order (for regex classes).

    >>> proclitic_letters("ar", "conj"), proclitic_letters("ar", "prep"), proclitic_letters("ar", "conj", "prep")
    ('وف', 'بلك', 'وفبلك')
    """
    return "".join(p.prefix for p, _ in _proclitic_rows(lang) if len(p.prefix) == 1 and set(p.parts) <= set(parts))


@cache
def article(lang: str) -> str:
    """The definite article written onto words (`ال`), or "" for languages without one.

    >>> article("ar"), article("en")
    ('ال', '')
    """
    return next((p.prefix for p, _ in _proclitic_rows(lang) if p.parts == ("article",)), "")


# --- suffixes ------------------------------------------------------------------------------------


@cache
def suffixes(lang: str, used_by: str) -> tuple[str, ...]:
    """The suffixes one matcher strips (`used by` in `lang/<lang>/suffixes.tsv`), in file order;
    empty for languages without the file.

    >>> suffixes("fa", "names")
    ('هایی', 'های', 'ها', 'ست', 'است')
    """
    try:
        rows = read_tsv(lang, "suffixes.tsv")
    except ModelMissingError:
        return ()
    return tuple(row[0] for row in rows if used_by in row[1].split())
