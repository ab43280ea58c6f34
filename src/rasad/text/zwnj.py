"""Repair Persian ZWNJ (U+200C, نیم‌فاصله) in text whose ZWNJs were stripped.

Persian writes some word parts joined but visually separate: `می‌شود`, `سرکرده‌های`, `بزرگ‌ترین`,
`بین‌الملل`. Scraped text often loses the ZWNJ (`میشود`), which hurts matching and NER. The repair is
data-driven and tuned for precision (see `scripts/eval_zwnj.py`):

1. words listed in `lang/fa/zwnj_keep*.txt` never change (`آنها`, `تنها`, `میدان`, `بهترین`, ...);
2. words known with a ZWNJ (`lang/fa/zwnj_words.tsv`, learned from Persian corpora, plus
   `zwnj_extra.txt`) get it back;
3. `می`/`نمی` + a known verb form become `می‌`/`نمی‌` + verb;
4. a known stem + a plural, comparative or (after final ه) clitic suffix is split with a ZWNJ,
   but only when the stem ends in a letter that joins to the left: after ا د ذ ر ز ژ و a ZWNJ is
   invisible and not written (`هواپیماهای`, `خودروهای`, `مرزهای` stay as they are).

>>> repair_zwnj("سرکردههای گروه و درگیریها میشود")
('سرکرده\u200cهای گروه و درگیری\u200cها می\u200cشود', 3)
>>> repair_zwnj("هواپیماهای خودروهای مرزهای میدان")
('هواپیماهای خودروهای مرزهای میدان', 0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rasad.text.data import read_tsv, read_words
from rasad.text.tokens import pattern, suffixes

ZWNJ = "\u200c"
# Letters that do not join to the following letter: a ZWNJ after them changes nothing visible.
NON_JOINING = frozenset("اآأإٱدذرزژوؤةءۀ")
# Suffixes split from a known stem (`lang/fa/suffixes.tsv`): plural and possessive, comparative, and
# clitics and copulas written apart only after a final ه (`خانه‌ای`, `کرده‌اند`). Not `ام`/`ات` after
# ه: too many Arabic loanwords end in `هام`/`هات` (`سهام`, `اتهام`, `اشتباهات`).
PLURAL_SUFFIXES = suffixes("fa", "zwnj_plural")
COMPARATIVE_SUFFIXES = suffixes("fa", "zwnj_comparative")
AFTER_HEH_SUFFIXES = suffixes("fa", "zwnj_after_heh")
# Verb prefixes written apart with a ZWNJ (می‌شود) and the personal endings after a verb stem.
VERB_PREFIXES = tuple(row[0] for row in read_tsv("fa", "verb_affixes.tsv") if row[1] == "prefix")
PERSONAL_ENDINGS = (*(row[0] for row in read_tsv("fa", "verb_affixes.tsv") if row[1] == "ending"), "")
# Comparative `تر`/`تری` are only split when the whole word is unknown (`دفتر`, `بستر`, `فیلتر`).
_GUARDED = frozenset(suffixes("fa", "zwnj_guarded"))
_SUFFIXES = tuple(
    sorted({*PLURAL_SUFFIXES, *COMPARATIVE_SUFFIXES, *AFTER_HEH_SUFFIXES}, key=len, reverse=True)
)
_WORD = pattern("arabic_word")  # runs of Arabic-script letters and marks


@dataclass(frozen=True)
class ZwnjLexicon:
    """What the repair knows: ZWNJ forms, stems with counts, and words never to touch.

    `joined` maps a word without ZWNJ to its spelling with ZWNJ; `stems` counts words seen written
    without ZWNJ; `keep` lists words that must stay as they are. Build one from your own data with
    `ZwnjLexicon.build(...)` (tests and the evaluation do), or use `default_lexicon()`.
    """

    joined: Mapping[str, str]
    stems: Mapping[str, int]
    keep: frozenset[str]
    verb_rests: frozenset[str] = field(default_factory=frozenset)
    verb_stems: frozenset[str] = field(default_factory=frozenset)
    min_stem_count: int = 2

    @classmethod
    def build(
        cls,
        zwnj_forms: Iterable[str],
        stems: Mapping[str, int],
        keep: Iterable[str] = (),
        min_stem_count: int = 2,
    ) -> ZwnjLexicon:
        """Make a lexicon from words spelled with ZWNJ (most common first), stem counts and keep words.

        >>> lex = ZwnjLexicon.build(["می\u200cشود"], {"کتاب": 3})
        >>> repair_word("کتابها", lex), repair_word("میشوند", lex)
        ('کتاب\u200cها', 'می\u200cشوند')
        """
        forms = [_visible_zwnj_only(f) for f in zwnj_forms]
        forms = [f for f in forms if ZWNJ in f]
        joined: dict[str, str] = {}
        for form in forms:  # the first spelling wins when two share a glued form (`سال‌های`/`ساله‌ای`)
            joined.setdefault(form.replace(ZWNJ, ""), form)
        rests: set[str] = set()
        for form in forms:
            head, _, rest = form.partition(ZWNJ)
            if head in VERB_PREFIXES and rest:
                rests.add(rest.replace(ZWNJ, ""))
        verb_stems = {
            rest[: len(rest) - len(end)]
            for rest in rests
            for end in PERSONAL_ENDINGS
            if rest.endswith(end) and len(rest) - len(end) >= 2
        }
        return cls(joined, dict(stems), frozenset(keep), frozenset(rests), frozenset(verb_stems),
                   min_stem_count)

    def is_stem(self, word: str) -> bool:
        return self.stems.get(word, 0) >= self.min_stem_count or word in self.joined

    def is_verb_rest(self, rest: str) -> bool:
        if rest in self.verb_rests:
            return True
        return any(
            rest.endswith(end) and rest[: len(rest) - len(end)] in self.verb_stems
            for end in PERSONAL_ENDINGS
            if end
        )


def _visible_zwnj_only(form: str) -> str:
    """Drop ZWNJs that follow a non-joining letter (invisible, and not written in running text)."""
    return "".join(
        ch for i, ch in enumerate(form) if ch != ZWNJ or (i > 0 and form[i - 1] not in NON_JOINING)
    )


@cache
def default_lexicon() -> ZwnjLexicon:
    """The shipped lexicon (`lang/fa/zwnj_words.tsv`, `words.tsv`, `zwnj_extra.txt`, `zwnj_keep*.txt`)."""
    forms = sorted(read_words("fa", "zwnj_extra.txt"))
    forms += [row[0] for row in read_tsv("fa", "zwnj_words.tsv")]  # sorted by count, most common first
    stems = {row[0]: int(row[1]) for row in read_tsv("fa", "words.tsv")}
    keep = read_words("fa", "zwnj_keep.txt") | read_words("fa", "zwnj_keep_learned.txt")
    return ZwnjLexicon.build(forms, stems, keep)


def repair_word(word: str, lexicon: ZwnjLexicon | None = None) -> str:
    """Put back the ZWNJs of one Persian word written without them (unknown words are unchanged).

    >>> repair_word("تروریستها", ZwnjLexicon.build([], {"تروریست": 5}))
    'تروریست\u200cها'
    """
    lex = lexicon or default_lexicon()
    if len(word) < 3 or ZWNJ in word or word in lex.keep:
        return word
    if word in lex.joined:
        return lex.joined[word]
    for prefix in VERB_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and lex.is_verb_rest(rest):
            return prefix + ZWNJ + repair_word(rest, lex)
    for suffix in _SUFFIXES:
        stem = word[: len(word) - len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2 or stem[-1] in NON_JOINING:
            continue
        if suffix in AFTER_HEH_SUFFIXES and (stem[-1] != "ه" or _plural_after_non_joining(word, lex)):
            continue
        if suffix in _GUARDED and (word in lex.stems or len(stem) < 3 or lex.stems.get(stem, 0) < 5):
            continue
        fixed = repair_word(stem, lex)
        if fixed != stem or lex.is_stem(stem):
            return fixed + ZWNJ + suffix
    return word


def _plural_after_non_joining(word: str, lex: ZwnjLexicon) -> bool:
    """`شهرهای` is `شهر` + `های` (no ZWNJ after ر), not `شهره` + `ای`."""
    for suffix in PLURAL_SUFFIXES:
        stem = word[: len(word) - len(suffix)]
        if word.endswith(suffix) and stem and stem[-1] in NON_JOINING and lex.is_stem(stem):
            return True
    return False


def repair_zwnj(text: str, lexicon: ZwnjLexicon | None = None) -> tuple[str, int]:
    """Repair the ZWNJs of every word in Persian `text`; returns the text and the number of repairs.

    Changes the length of the text: run it before any offsets are taken.
    """
    lex = lexicon or default_lexicon()
    repairs = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal repairs
        word = match.group()
        fixed = repair_word(word, lex)
        repairs += fixed.count(ZWNJ)
        return fixed

    return _WORD.sub(fix, text), repairs
