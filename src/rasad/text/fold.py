"""Folding Arabic-script text for matching: one `Folding` with one flag per step, applied in one pass.

Folding is lossy and only for keys and patterns (never show folded text to a user). Each step is a
flag of `Folding`; the letter maps are data (`lang/ar/matching_fold.tsv`, `lang/fa/matching_fold.tsv`,
one `step` name per row). Steps that map one character to at most one character are merged into one
`str.translate` table, built once per `Folding`; `fold_text` keeps the offset map of such foldings.

The foldings the project uses are named below (`MATCHING_KEY`, `SCAN`, `TIMEX`, `NUMBER`, ...): they
differ on purpose, and the differences are visible side by side.

>>> fold("الأمريكیة  ۲۰۲۲", MATCHING_KEY)
'الامريكيه 2022'
>>> fold("إرنا\u200cيّ", SCAN)
'ارنا ي'
>>> f = fold_text("بِسوريّة", SCAN)
>>> f.folded, f.span(1, 6)
('بسوريه', (2, 8))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Any, Literal

from rasad.text.data import read_tsv

Mode = Literal["keep", "drop", "space"]

# Combining marks by group (Unicode ranges, as regex class bodies).
MARK_GROUPS: dict[str, str] = {
    "harakat": "\u064b-\u0652\u0670",  # tanwin, fatha, damma, kasra, shadda, sukun, superscript alef
    "extended": "\u0653-\u065f",  # maddah, hamza above/below, subscript alef, other vowel signs
    "honorifics": "\u0610-\u061a",  # ARABIC SIGN SALLALLAHOU ... (marks above)
    "quranic": "\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed",  # Quranic annotation marks
    "quranic_signs": "\u06dd\u06de\u06e9",  # end of ayah, rub el hizb, place of sajdah
}
ALL_MARKS = frozenset(MARK_GROUPS)
TATWEEL = "\u0640"
ZWNJ = "\u200c"
ZWJ = "\u200d"
BIDI_MARKS = "\u200e\u200f"  # LRM, RLM
ALM = "\u061c"
HAMZA = "\u0621"
NO_BREAK_SPACES = "\u00a0\u202f"
THIN_SPACE = "\u2009"
# Arabic-Indic (U+0660..) and Persian (U+06F0..) digits to ASCII.
ARABIC_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_WHITESPACE = re.compile(r"\s+")
# Text that `normalize_text` and NFC leave as it is: Arabic and Persian base letters (no marks, no
# tatweel, no presentation forms), ASCII letters and digits, Arabic-Indic digits. Most words are.
_NORMALIZED_ALREADY = re.compile(
    "[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06ccA-Za-z0-9\u0660-\u0669\u06f0-\u06f9]*"
)


def mark_class(groups: frozenset[str] = ALL_MARKS) -> str:
    """The body of a regex character class holding the marks of some groups.

    >>> import re; bool(re.fullmatch(f"[{mark_class()}]+", "َّۡ"))
    True
    """
    return "".join(MARK_GROUPS[g] for g in sorted(groups))


@cache
def letter_steps(script: str = "ar") -> frozenset[str]:
    """The letter-folding steps that `lang/<script>/matching_fold.tsv` defines.

    >>> sorted(letter_steps("fa"))
    ['alef', 'alef_maqsura', 'arabic_kaf', 'arabic_yeh', 'heh_yeh']
    """
    return frozenset(row[2] for row in read_tsv(script, "matching_fold.tsv"))


@dataclass(frozen=True)
class Folding:
    """Which folding steps to apply, in this order: `normalize` (the full `normalize_text`), `nfc`,
    then one character pass (letters, marks, tatweel, hamza, ZWNJ/ZWJ, bidi marks, ALM, spaces,
    Arabic/Persian digits), then `digits="unicode"`, `case` and `squash_spaces`.

    `letters` names rows of `lang/<script>/matching_fold.tsv` by their `step` (`alef`, `teh_marbuta`,
    `farsi_yeh`, ...); `marks` names groups of `MARK_GROUPS`. Modes: `keep`, `drop`, or `space`
    (the character becomes a space, which keeps offsets).

    >>> Folding(letters=frozenset({"teh_marbuta"}))("مدرسة")
    'مدرسه'
    >>> Folding(marks=frozenset({"harakat"}), tatweel=True)("مـُدرّسة")
    'مدرسة'
    """

    normalize: bool = False
    nfc: bool = False
    letters: frozenset[str] | Literal["all"] = frozenset()
    script: str = "ar"
    marks: frozenset[str] = frozenset()
    tatweel: bool = False  # drop kashida
    hamza: bool = False  # drop a lone hamza ء
    zwnj: Mode = "keep"
    zwj: bool = False  # drop ZWJ
    bidi: Mode = "keep"  # LRM, RLM
    alm: bool = False  # drop the Arabic letter mark
    no_break_spaces: bool = False  # NBSP and narrow NBSP become spaces
    thin_space: bool = False  # U+2009 becomes a space
    digits: Literal["keep", "ascii", "unicode"] = "keep"  # ascii: Arabic-Indic and Persian digits only
    case: Literal["keep", "ascii_lower", "lower", "casefold"] = "keep"  # ascii_lower: A-Z only, offsets kept
    squash_spaces: bool = False  # whitespace runs become one space; ends stripped

    def __post_init__(self) -> None:
        if set(self.marks) - ALL_MARKS:
            raise ValueError(f"unknown mark groups {sorted(set(self.marks) - ALL_MARKS)}; use {sorted(ALL_MARKS)}")

    @property
    def keeps_offsets(self) -> bool:
        """Whether every character folds to at most one character, in place (see `fold_text`)."""
        return not (self.normalize or self.nfc or self.squash_spaces or self.case not in ("keep", "ascii_lower"))

    def __call__(self, text: str) -> str:
        return fold(text, self)

    @cached_property
    def table(self) -> dict[int, str | None]:
        """The one `str.translate` table of the character steps (built on first use)."""
        return _table(self)


class _AnyDigitTable(dict[int, "str | None"]):
    """A translate table that also maps every non-ASCII digit (any script) to its ASCII digit,
    working out each new character once."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch
        self[code] = value
        return value


def _table(folding: Folding) -> dict[int, str | None]:
    steps = letter_steps(folding.script)
    letters = steps if folding.letters == "all" else folding.letters
    if set(letters) - steps:
        raise ValueError(
            f"unknown letter steps {sorted(set(letters) - steps)} for script {folding.script!r}; "
            f"lang/{folding.script}/matching_fold.tsv defines {sorted(steps)}"
        )
    table: dict[int, str | None] = {}
    for row in read_tsv(folding.script, "matching_fold.tsv"):
        if row[2] in letters:
            table[ord(row[0])] = row[1]
    for group in folding.marks:
        for ch in _expand(MARK_GROUPS[group]):
            table[ord(ch)] = None
    deleted = (TATWEEL * folding.tatweel + HAMZA * folding.hamza + ZWJ * folding.zwj + ALM * folding.alm)
    table.update(dict.fromkeys(map(ord, deleted)))
    for chars, mode in ((ZWNJ, folding.zwnj), (BIDI_MARKS, folding.bidi)):
        if mode != "keep":
            table.update(dict.fromkeys(map(ord, chars), None if mode == "drop" else " "))
    spaces = NO_BREAK_SPACES * folding.no_break_spaces + THIN_SPACE * folding.thin_space
    table.update(dict.fromkeys(map(ord, spaces), " "))
    if folding.digits == "ascii":
        table.update(ARABIC_DIGITS)
    if folding.case == "ascii_lower":
        table.update({code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})
    if folding.digits == "unicode":
        return _AnyDigitTable(table)
    return table


def _expand(char_class: str) -> str:
    """The characters of a regex class body made of single characters and `a-b` ranges."""
    out: list[str] = []
    i = 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            out.append(char_class[i])
            i += 1
    return "".join(out)


def squash_spaces(text: str) -> str:
    """Whitespace runs as one space, no space at either end.

    >>> squash_spaces(" a \\n\\t b ")
    'a b'
    """
    return _WHITESPACE.sub(" ", text).strip()


def fold(text: str, folding: Folding) -> str:
    """`text` folded by `folding`.

    >>> fold("وَالمدرسةُ ٢٠", Folding(marks=ALL_MARKS, letters=frozenset({"teh_marbuta"}), digits="ascii"))
    'والمدرسه 20'
    """
    plain = _NORMALIZED_ALREADY.fullmatch(text) is not None
    if folding.normalize and not plain:
        text = _normalizer()(text)[0]
    if folding.nfc and not plain:
        text = unicodedata.normalize("NFC", text)
    text = text.translate(folding.table)
    if folding.case == "lower":
        text = text.lower()
    elif folding.case == "casefold":
        text = text.casefold()
    if folding.squash_spaces:
        text = squash_spaces(text)
    return text


@cache
def _normalizer() -> Callable[[str], tuple[str, dict[str, int]]]:
    from rasad.text.normalize import normalize_text  # rasad.text.normalize imports this module

    return normalize_text


@dataclass(frozen=True)
class FoldedText:
    """`text` folded for matching, with `index[i]` = offset in the original text of `folded[i]`.

    >>> f = fold_text("إرنا\u200cي", SCAN)
    >>> f.folded, f.span(0, 4)
    ('ارنا ي', (0, 4))
    """

    text: str
    folded: str
    index: Sequence[int]  # a range when the folding deleted nothing

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a `[start, end)` span of `folded` back to offsets in `text`."""
        # Characters deleted by folding (a final hamza, diacritics) belong to the span they end.
        stop = self.index[end] if end < len(self.index) else len(self.text)
        if end <= start:
            return stop, stop
        return self.index[start], stop


def fold_text(text: str, folding: Folding) -> FoldedText:
    """Fold `text` and keep the offset map; `folding` must keep offsets (`Folding.keeps_offsets`)."""
    if not folding.keeps_offsets:
        raise ValueError("fold_text needs a folding that maps each character to at most one character "
                         "(no normalize, nfc, squash_spaces, or case other than ascii_lower)")
    table = folding.table
    folded = text.translate(table)
    if len(folded) == len(text):
        return FoldedText(text, folded, range(len(text)))
    keep: list[int] = []
    kept_from = 0
    for m in _dropped_chars(folding).finditer(text):  # the few characters the folding deletes
        keep.extend(range(kept_from, m.start()))
        kept_from = m.start() + 1
    keep.extend(range(kept_from, len(text)))
    return FoldedText(text, folded, tuple(keep))


@cache
def _dropped_chars(folding: Folding) -> re.Pattern[str]:
    """One character that `folding` deletes (maps to None), as a pattern."""
    dropped = sorted(code for code, value in folding.table.items() if value is None)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in dropped) + "]" if dropped else "(?!)")


# --- the foldings the project uses ---------------------------------------------------------------

# Letter steps of the time and number lexicons (older, narrower copies; kept to keep their output).
_TIMEX_LETTERS = frozenset({"alef", "alef_madda", "hamza_seat", "teh_marbuta", "heh_yeh", "alef_maqsura",
                            "farsi_yeh", "keheh", "heh_doachashmee"})

# Keys for names and paragraphs (`rasad.text.normalize.matching_key`): everything folded.
MATCHING_KEY = Folding(
    normalize=True, letters="all", marks=frozenset({"harakat", "extended", "honorifics", "quranic"}),
    zwnj="drop", digits="unicode", case="casefold", squash_spaces=True,
)
# Outlet, dateline and credit scans: offsets kept, ZWNJ becomes a space so "دفاع‌پرس" splits in two.
SCAN = Folding(
    letters="all", marks=ALL_MARKS, tatweel=True, hamza=True, zwnj="space", zwj=True, bidi="drop",
    alm=True, no_break_spaces=True, digits="ascii",
)
# Narrative phrases and the texts they are looked for in (`rasad.narratives.match`): SCAN with ASCII
# letters lower-cased (offsets kept, so a phrase found in the folded text maps back to the article).
NARRATIVE = replace(SCAN, case="ascii_lower")
# Time expressions: length-preserving (no character is dropped), so folded offsets are text offsets.
TIMEX = Folding(
    letters=_TIMEX_LETTERS, zwnj="space", bidi="space", no_break_spaces=True, thin_space=True, digits="ascii",
)
# Words of time lexicon entries and matched phrases: no harakat or tatweel, one space between words.
TIMEX_WORDS = Folding(marks=frozenset({"harakat"}), tatweel=True, squash_spaces=True)
# Number words and quantity tokens (`rasad.extract.numbers.fold`).
NUMBER = Folding(
    nfc=True, letters=_TIMEX_LETTERS | {"heh_ae"},
    marks=frozenset({"harakat", "extended", "quranic", "quranic_signs"}),
    tatweel=True, zwnj="drop", zwj=True, case="lower",
)
# Names before transliteration (`rasad.corpus.entities.transliterate`).
TRANSLIT = Folding(marks=frozenset({"harakat", "extended"}), tatweel=True, zwnj="drop")
# Names before their transliteration key (`rasad.kb.translit`): a ZWNJ ends a word part (خامنه‌ای).
TRANSLIT_KEY = Folding(marks=frozenset({"harakat", "extended"}), tatweel=True, zwnj="space")
# NER features (`rasad.extract.ner.features.norm`): the trained CRF models depend on these exactly.
NER_AR = Folding(
    letters=frozenset({"alef", "alef_madda", "alef_maqsura", "farsi_yeh", "keheh", "heh_yeh"}),
    marks=frozenset({"harakat", "extended"}), tatweel=True, digits="ascii", case="lower",
)
NER_FA = Folding(
    script="fa", letters=frozenset({"alef", "arabic_yeh", "alef_maqsura", "arabic_kaf", "heh_yeh"}),
    marks=frozenset({"harakat", "extended"}), tatweel=True, zwnj="drop", digits="ascii", case="lower",
)
# --- search: the one folding of the report's page and of `rasad serve` ----------------------------

# Search keys: letters, marks, tatweel, lone hamza, ZWNJ (so می\u200cشود and میشود are one word), digits and
# case folded. The report's page mirrors it with `SEARCH.table` (exported by `search_rules`), then
# lower-cases and squashes spaces (`str.lower` and JavaScript's `toLowerCase` agree on these letters).
SEARCH = Folding(
    letters="all", marks=ALL_MARKS, tatweel=True, hamza=True, zwnj="drop", zwj=True, bidi="drop", alm=True,
    no_break_spaces=True, thin_space=True, digits="ascii", case="lower", squash_spaces=True,
)
SEARCH_WORD = re.compile(r"\w+")  # a word of folded text; the page uses /[\p{L}\p{N}_]+/gu
SEARCH_MIN_STEM = 2  # a word keeps its article when fewer letters would remain (الى stays الى)
SEARCH_MIN_BARE = 3  # and its conjunction or preposition when fewer would remain (وزن stays وزن)


def search_words(text: str) -> list[str]:
    """The words of `text` folded by `SEARCH`: what is indexed, and what a query looks for.

    >>> search_words("الحسكة، حسکه و Hasakah می\u200cشود")
    ['الحسكه', 'حسكه', 'و', 'hasakah', 'ميشود']
    """
    return SEARCH_WORD.findall(fold(text, SEARCH))


@lru_cache(maxsize=1 << 18)  # a corpus repeats a few hundred thousand words
def search_stem(word: str) -> str:
    """A folded word without its leading article (alone or after a conjunction or preposition: the
    `search` rows of `lang/ar/proclitics.tsv`), when at least `SEARCH_MIN_STEM` letters remain.
    A query word matches a text word with the same stem, so الحسكة finds حسکه and بالحسكة.

    >>> search_stem("والحسكه"), search_stem("للحسكه"), search_stem("الى"), search_stem("حسكه")
    ('حسكه', 'حسكه', 'الى', 'حسكه')
    """
    for clitic in _search_prefixes("search"):
        if word.startswith(clitic) and len(word) - len(clitic) >= SEARCH_MIN_STEM:
            return word[len(clitic):]
    return word


@lru_cache(maxsize=1 << 18)
def search_bare(word: str) -> str:
    """A folded text word without a leading conjunction or preposition (the `names` rows of
    `lang/ar/proclitics.tsv`: وطهران → طهران) when `SEARCH_MIN_BARE` letters remain, then without its
    article: the text side of a match (a query word is only stemmed).

    >>> search_bare("وطهران"), search_bare("بدمشق"), search_bare("وزن"), search_bare("والحسكه")
    ('طهران', 'دمشق', 'وزن', 'حسكه')
    """
    for clitic in _search_prefixes("names"):
        if word.startswith(clitic) and len(word) - len(clitic) >= SEARCH_MIN_BARE:
            return search_stem(word[len(clitic):])
    return search_stem(word)


@cache
def _search_prefixes(used_by: str) -> tuple[str, ...]:
    from rasad.text.tokens import proclitics

    return tuple(p.prefix for p in proclitics("ar", used_by))


def search_rules() -> dict[str, Any]:
    """What the report's page needs to fold and stem a query as `search_words` and `search_stem` do:
    `SEARCH`'s character table (a deleted character maps to ""), the article prefixes longest first,
    and the shortest stem.

    >>> rules = search_rules()
    >>> rules["table"]["ی"], rules["table"]["\u200c"], rules["prefixes"][:2], rules["min_stem"]
    ('ي', '', ['وبال', 'وكال'], 2)
    """
    table = {chr(code): value or "" for code, value in SEARCH.table.items() if value != chr(code)}
    return {"table": table, "prefixes": list(_search_prefixes("search")), "min_stem": SEARCH_MIN_STEM}
