"""Language data for time expressions (`lang/<iso>/months.tsv`, `weekdays.tsv`, `relative.tsv`) and
the one-to-one character folding that lets one spelling match its variants.

`fold` maps each character to exactly one character, so offsets in the folded text are offsets in the
original text.

>>> fold("أيّار ٢٠٢٣")[:5], fold("۱۴۰۱")
('ايّار', '1401')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasad.text.data import read_tsv
from rasad.text.fold import TIMEX

LANGS = ("ar", "fa", "en")

def fold(text: str) -> str:
    """Fold letter variants, invisible marks and digits to one form, keeping length and offsets
    (the steps are `rasad.text.fold.TIMEX`)."""
    return text.translate(TIMEX.table)


@dataclass(frozen=True)
class MonthName:
    name: str  # folded
    month: int
    calendar: str  # gregorian | solar_hijri | hijri
    family: str


@dataclass(frozen=True)
class WeekdayName:
    name: str  # folded
    isoweekday: int
    needs_context: bool


@dataclass(frozen=True)
class RelativeWord:
    phrase: str  # folded
    kind: str
    amount: int | None


def _rows(lang: str, filename: str) -> tuple[tuple[str, ...], ...]:
    return read_tsv(lang, filename)


@cache
def months(lang: str) -> tuple[MonthName, ...]:
    return tuple(MonthName(fold(r[0]), int(r[1]), r[2], r[3]) for r in _rows(lang, "months.tsv"))


@cache
def weekdays(lang: str) -> tuple[WeekdayName, ...]:
    return tuple(WeekdayName(fold(r[0]), int(r[1]), r[2].strip() == "1") for r in _rows(lang, "weekdays.tsv"))


@cache
def relative_words(lang: str) -> tuple[RelativeWord, ...]:
    return tuple(
        RelativeWord(fold(r[0]), r[1], int(r[2]) if len(r) > 2 and r[2].strip() else None)
        for r in _rows(lang, "relative.tsv")
    )


def words_of_kind(lang: str, *kinds: str) -> list[str]:
    return [w.phrase for w in relative_words(lang) if w.kind in kinds]


@cache
def word_set(lang: str, *kinds: str) -> frozenset[str]:
    """The folded phrases of some kinds, as a set (memoised)."""
    return frozenset(words_of_kind(lang, *kinds))


def alternation(phrases: list[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match any run of spaces."""
    unique = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in unique)
