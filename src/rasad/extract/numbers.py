"""Number parsing core: digits in any script, number words in Arabic, Persian and English.

The language knowledge (number words, scales, vague amounts, approximators, context words) lives in
`rasad/lang/<iso>/*.tsv`; this module loads it once per process and composes values.

>>> parse_digits("12٬000")
12000
>>> parse_digits("۳٫۵")
3.5
>>> words_value(["خمسة", "وعشرون"], "ar")
(25, False)
>>> words_value(["شصت", "و", "دومین"], "fa")
(62, True)
>>> words_value(["two", "hundred", "thousand"], "en")
(200000, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad.limits import MEMO_WORDS
from rasad.text.data import read_tsv
from rasad.text.fold import ARABIC_DIGITS, NUMBER
from rasad.text.tokens import article, proclitics

LANGS = ("ar", "fa", "en")

_GROUP_SEPS = ",٬،'’"  # thousands separators (comma, Arabic thousands separator, Arabic comma, apostrophe)
_DECIMAL_SEPS = ".٫"  # decimal separators (period, Arabic decimal separator)


@lru_cache(maxsize=MEMO_WORDS)
def fold(text: str) -> str:
    """Matching key: fold letter variants, drop diacritics, tatweel and ZWNJ, lowercase (memoised);
    the steps are `rasad.text.fold.NUMBER`.

    >>> fold("إرهابيّين") == fold("ارهابيين")
    True
    """
    return NUMBER(text)


def ascii_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits to ASCII digits (same length)."""
    return text.translate(ARABIC_DIGITS)


def parse_digits(text: str) -> int | float | None:
    """Value of a digit string with any digit set and separators; None if it is not a number.

    A comma-like separator followed by exactly three digits groups thousands; `.`/`٫` is a decimal
    point unless it repeats (`1.500.000`). Whole values come back as `int`.

    >>> parse_digits("12,000"), parse_digits("1.5"), parse_digits("٥٠٠٠"), parse_digits("1.500.000")
    (12000, 1.5, 5000, 1500000)
    """
    s = ascii_digits(text.strip())
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    parts = re.split(f"([{re.escape(_GROUP_SEPS + _DECIMAL_SEPS)}])", s)
    numbers, seps = parts[0::2], parts[1::2]
    if not all(p.isdigit() for p in numbers):
        return None
    if not seps:
        return int(s)
    decimals = [i for i, sep in enumerate(seps) if sep in _DECIMAL_SEPS]
    if len(decimals) > 1 and all(sep in _DECIMAL_SEPS for sep in seps):  # 1.500.000
        if all(len(p) == 3 for p in numbers[1:]):
            return int("".join(numbers))
        return None
    if len(decimals) > 1 or (decimals and decimals[0] != len(seps) - 1):
        return None
    whole, frac = (numbers[:-1], numbers[-1]) if decimals else (numbers, "")
    if len(whole) > 1 and not all(len(p) == 3 for p in whole[1:]):
        return None
    value = float("".join(whole) + "." + frac) if frac else int("".join(whole))
    return as_number(value)


def as_number(value: float) -> int | float:
    """Whole floats become ints (`3.0` → `3`)."""
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class NumberWord:
    """One entry of numbers.tsv or scales.tsv."""

    word: str
    value: int
    type: str  # unit | ordinal | hundred | teen | whole | scale | plural | abbrev | block
    flags: str = ""


@dataclass(frozen=True)
class Approximator:
    words: tuple[str, ...]  # folded
    mode: str  # approx | more | atleast | less | atmost
    position: str  # before | after


@dataclass(frozen=True)
class Lexicon:
    """All number knowledge for one language (plus English context symbols)."""

    lang: str
    words: dict[str, NumberWord]
    vague: dict[str, tuple[int, int]]
    approximators: tuple[Approximator, ...]
    context: dict[str, dict[tuple[str, ...], str]]  # role -> folded phrase -> label
    months: tuple[tuple[str, ...], ...]  # folded month names (as word tuples), longest first


def _rows(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    return read_tsv(lang, name)


def phrase_key(text: str) -> tuple[str, ...]:
    """Folded word tuple of a phrase (`"ما يقارب"` → `("ما", "يقارب")`)."""
    return tuple(fold(text).split())


@cache
def lexicon(lang: str) -> Lexicon:
    """The number lexicon for `lang` (ar, fa, en; any other language gets all three)."""
    langs = (lang, "en") if lang in ("ar", "fa") else ("en",) if lang == "en" else LANGS
    words: dict[str, NumberWord] = {}
    vague: dict[str, tuple[int, int]] = {}
    approx: list[Approximator] = []
    context: dict[str, dict[tuple[str, ...], str]] = {}
    months: set[tuple[str, ...]] = set()
    for code in langs:
        for row in _rows(code, "numbers.tsv"):
            entry = NumberWord(fold(row[0]), int(row[1]), row[2], row[3] if len(row) > 3 else "")
            words.setdefault(entry.word, entry)
        for row in _rows(code, "scales.tsv"):
            words.setdefault(fold(row[0]), NumberWord(fold(row[0]), int(row[1]), row[2]))
        for row in _rows(code, "vague.tsv"):
            vague.setdefault(fold(row[0]), (int(row[1]), int(row[2])))
        for row in _rows(code, "approximators.tsv"):
            approx.append(Approximator(phrase_key(row[0]), row[1], row[2]))
        for row in _rows(code, "quantity_context.tsv"):
            label = row[2] if len(row) > 2 else ""
            context.setdefault(row[1], {}).setdefault(phrase_key(row[0]) or (row[0],), label)
        for row in _rows(code, "months.tsv"):
            months.add(phrase_key(row[0]))
    approx.sort(key=lambda a: -len(a.words))
    return Lexicon(
        lang, words, vague, tuple(approx), context, tuple(sorted(months, key=lambda m: -len(m)))
    )


@lru_cache(maxsize=MEMO_WORDS)
def clitic_variants(word: str, lang: str) -> tuple[str, ...]:
    """The folded word, then (Arabic) the word without a leading clitic/article: `والثامنة` → `ثامنه`.

    Memoised: the scanners ask for the same words many times.

    >>> clitic_variants("والثامنة", "ar")
    ('والثامنه', 'ثامنه', 'الثامنه', 'ثامنه')
    """
    folded = fold(word)
    out = [folded]
    if lang in ("ar", "und") or lang not in LANGS:
        prefixes = _clitic_prefixes()
        the = article("ar")
        for prefix in prefixes:
            if folded.startswith(prefix) and len(folded) - len(prefix) >= 2:
                rest = folded[len(prefix) :]
                out.append(rest)
                # a clitic before the article (و + الثامنة): also the word without the article
                if prefix + the in prefixes and rest.startswith(the) and len(rest) > 3:
                    out.append(rest[len(the) :])
    return tuple(out)


def written_forms(keys: Iterable[str], lang: str) -> frozenset[str]:
    """The folded words one of whose `clitic_variants` may be one of `keys`: the keys, and each key
    written after a proclitic (and after a proclitic and the article). A superset, for a quick reject
    of most words before the lookups by variant.

    >>> forms = written_forms(["عشره"], "ar")
    >>> all(v in forms for v in ("عشره", "والعشره", "بعشره")), "ثلاثه" in forms
    (True, False)
    """
    unique = frozenset(keys)
    if lang in LANGS and lang != "ar":
        return unique  # clitic_variants strips no proclitics
    the = article("ar")
    prefixes = _clitic_prefixes()
    return unique | {p + k for p in prefixes for k in unique} | {p + the + k for p in prefixes for k in unique}


@cache
def _clitic_prefixes() -> tuple[str, ...]:
    """Arabic proclitics stripped from number words (lang/ar/proclitics.tsv, used by: numbers)."""
    return tuple(p.prefix for p in proclitics("ar", "numbers"))


def lookup_word(word: str, lex: Lexicon) -> NumberWord | None:
    """The number-word entry for `word` (folded, clitics stripped), or None."""
    for i, variant in enumerate(clitic_variants(word, lex.lang)):
        entry = lex.words.get(variant)
        if entry is not None:
            if entry.type == "block":
                return None
            return entry
        if i == 0 and "-" in variant:
            return None
    return None


def lookup_vague(word: str, lex: Lexicon) -> tuple[int, int] | None:
    for variant in clitic_variants(word, lex.lang):
        if variant in lex.vague:
            return lex.vague[variant]
    return None


def has_conjunction(word: str, lex: Lexicon) -> bool:
    """True when an Arabic number word carries the conjunction و (`وعشرون`)."""
    folded = fold(word)
    return lex.lang != "en" and folded.startswith("و") and folded not in lex.words


MAGNITUDE_TYPES = ("unit", "ordinal")


def can_follow(prev: NumberWord, cur: NumberWord, conj: bool, prev_sum: int) -> bool:
    """Whether `cur` continues a number-word compound after `prev` (`prev_sum`: value since last scale)."""
    if cur.type in ("scale", "plural"):
        return not conj and (prev.type in (*MAGNITUDE_TYPES, "hundred", "teen") or cur.value > prev.value)
    if cur.type == "teen":
        return not conj and prev.type in MAGNITUDE_TYPES and prev.value < 10
    if cur.type == "hundred":
        if conj:
            return prev.type in ("scale", "plural", "whole")
        return prev.type == "unit" and 1 <= prev.value < 10
    if cur.type == "whole":
        return conj and prev.type in ("scale", "plural")
    if cur.type not in MAGNITUDE_TYPES:
        return False
    if prev.type in ("scale", "plural", "whole"):
        return cur.value < prev.value
    if prev.type == "teen":
        return False
    rest = prev_sum % 100  # what follows the hundreds
    if rest == 0:
        return cur.value < 100 and prev_sum >= 100
    if rest < 10:  # Arabic: units before tens (خمسة وعشرون)
        return conj and cur.value >= 20 and cur.value % 10 == 0 and cur.value < 100
    if rest % 10 == 0:  # Persian/English: tens before units (شصت و دو, twenty-two)
        return 0 < cur.value < 10
    return False


def as_teen(entry: NumberWord, prev: NumberWord | None, conj: bool) -> NumberWord:
    """`عشر`/`عشرة` right after a unit below ten is a teen (أحد عشر = 11), not a second number."""
    if (
        entry.type == "unit" and entry.value == 10 and prev is not None and not conj
        and prev.type in MAGNITUDE_TYPES and prev.value < 10
    ):
        return NumberWord(entry.word, 10, "teen")
    return entry


def compose(entries: Sequence[NumberWord]) -> int:
    """Value of a parsed compound (units add, hundreds/scales multiply, dual scales add whole)."""
    total = current = top = 0
    for e in entries:
        if e.type in MAGNITUDE_TYPES:
            current += e.value
        elif e.type == "teen":
            current += 10
        elif e.type == "hundred":
            current = (current or 1) * 100
        elif e.type in ("scale", "plural", "abbrev"):
            if total and e.value > top:  # دو هزار میلیارد = 2000 × 10⁹: a larger scale multiplies all
                total = (total + current) * e.value
            else:
                total += (current or 1) * e.value
            top = max(top, e.value)
            current = 0
        elif e.type == "whole":
            total += e.value
    return total + current


def words_value(tokens: Sequence[str], lang: str) -> tuple[int, bool] | None:
    """Value and is-ordinal of a whole sequence of number words, or None if it does not parse.

    Standalone conjunction tokens (`و`, `and`) are allowed between words.

    >>> words_value(["الثامنة", "والعشرين"], "ar")
    (28, True)
    """
    lex = lexicon(lang)
    entries: list[NumberWord] = []
    conj = False
    since_scale = 0
    for token in tokens:
        if fold(token) in ("و", "and") and entries:
            conj = True
            continue
        entry = lookup_word(token, lex)
        if entry is None:
            return None
        conj = conj or (bool(entries) and has_conjunction(token, lex))
        entry = as_teen(entry, entries[-1] if entries else None, conj)
        if entries and not can_follow(entries[-1], entry, conj, since_scale):
            return None
        entries.append(entry)
        since_scale = 0 if entry.type in ("scale", "plural", "whole") else compose_since(entries)
        conj = False
    if not entries:
        return None
    return compose(entries), any(e.type == "ordinal" for e in entries)


def compose_since(entries: Sequence[NumberWord]) -> int:
    """Value of the entries after the last scale word (for magnitude checks)."""
    tail: list[NumberWord] = []
    for e in reversed(entries):
        if e.type in ("scale", "plural", "whole"):
            break
        tail.append(e)
    return compose(list(reversed(tail)))
