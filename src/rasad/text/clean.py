"""Remove page furniture and repeated paragraphs, keeping what was cut in `removed`.

Boilerplate patterns are language data (`lang/<iso>/boilerplate.tsv`): "latest news" tickers (a
header line near the end: the header and everything after it go), "read also" lines, copyright
footers, share/subscribe lines and the Persian `انتهای پیام` end marker. Inline agency credits and
datelines (`المصدر / ...`, `به گزارش ...`) are not boilerplate: the metadata stage reads them.
A paragraph that repeats an earlier one (after matching normalization) is kept once.

>>> line = "خبر أول طويل بما يكفي للاختبار"
>>> text, removed = clean_text(f"{line}\\n{line}\\nآخر الأخبار\\nعنوان")
>>> text == line, [r.kind for r in removed]
(True, ['boilerplate', 'repeated_paragraph'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rasad.article import Removed
from rasad.text.data import read_tsv
from rasad.text.normalize import matching_key

BOILERPLATE_LANGS = ("ar", "fa", "en")
MIN_REPEAT_KEY = 20  # characters: shorter repeated lines (e.g. "***") are left alone
MAX_LINE = {"related": 200, "footer": 200, "share": 80, "ticker": 60}
_TRAILING = re.compile(r"[\s:：\-–—|»«>•.،,]+$")
_LEADING = re.compile(r"^[\s\-–—|»«>•]+")


@dataclass(frozen=True)
class BoilerplateRule:
    category: str  # ticker | related | footer | share
    match: str  # line | prefix | contains
    phrase: str
    key: str  # matching key of the phrase

    @property
    def name(self) -> str:
        return f"{self.category}:{self.phrase}"


@cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """All boilerplate rules of all languages (clean runs before language identification)."""
    rules = []
    for lang in BOILERPLATE_LANGS:
        for row in read_tsv(lang, "boilerplate.tsv"):
            category, match, phrase = row[0], row[1], row[2]
            if match not in ("line", "prefix", "contains"):
                raise ValueError(f"lang/{lang}/boilerplate.tsv: unknown match {match!r} for {phrase!r}")
            rules.append(BoilerplateRule(category, match, phrase, _line_key(phrase)))
    return tuple(rules)


def _line_key(line: str) -> str:
    return _LEADING.sub("", _TRAILING.sub("", _paragraph_key(line)))


@lru_cache(maxsize=512)
def _paragraph_key(line: str) -> str:
    """`matching_key` of a line, memoised for the few lines of one article: boilerplate rules and
    repeated paragraphs compare the same lines."""
    return matching_key(line)


def _starts_with_word(key: str, phrase: str) -> bool:
    return key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalnum())


def match_boilerplate(line: str) -> BoilerplateRule | None:
    """The first rule a line matches, or None.

    >>> match_boilerplate("جميع الحقوق محفوظة 2024").category
    'footer'
    >>> match_boilerplate("شاركت القوات في العملية") is None
    True
    """
    key = _line_key(line)
    if not key:
        return None
    for rule in boilerplate_rules():
        if len(line) > MAX_LINE[rule.category] and rule.match != "line":
            continue
        if (
            (rule.match == "line" and key == rule.key)
            or (rule.match == "prefix" and _starts_with_word(key, rule.key))
            or (rule.match == "contains" and rule.key in key)
        ):
            return rule
    return None


def _near_end(index: int, lines: list[str]) -> bool:
    before = sum(1 for line in lines[:index] if line.strip())
    after = sum(1 for line in lines[index + 1 :] if line.strip())
    return before >= 2 and (after <= 3 or before >= after)


def remove_boilerplate(text: str) -> tuple[str, list[Removed]]:
    """Cut tickers (header near the end + everything after), footers, share and "read also" lines.

    >>> remove_boilerplate("Body one.\\nBody two.\\nMost viewed\\nA\\nB")[0]
    'Body one.\\nBody two.'
    """
    lines = text.split("\n")
    kept: list[str] = []
    removed: list[Removed] = []
    for index, line in enumerate(lines):
        rule = match_boilerplate(line) if line.strip() else None
        if rule is None:
            kept.append(line)
            continue
        header = rule.category == "ticker" or (rule.category == "related" and rule.match == "prefix"
                                               and _line_key(line) == rule.key)
        if header and _near_end(index, lines):
            tail = "\n".join(x for x in lines[index:] if x.strip())
            removed.append(Removed("boilerplate", tail, rule.name))
            break
        removed.append(Removed("boilerplate", line.strip(), rule.name))
    return _rejoin(kept), removed


def remove_repeated_paragraphs(text: str) -> tuple[str, list[Removed]]:
    """Keep the first of identical paragraphs (compared by `matching_key`).

    >>> remove_repeated_paragraphs("فقرة مكررة في النص للتجربة\\nأخرى\\nفقرة مكرّرة في النص للتجربة")[0]
    'فقرة مكررة في النص للتجربة\\nأخرى'
    """
    seen: set[str] = set()
    kept: list[str] = []
    removed: list[Removed] = []
    for line in text.split("\n"):
        key = _paragraph_key(line)
        if len(key) >= MIN_REPEAT_KEY and key in seen:
            removed.append(Removed("repeated_paragraph", line.strip(), "identical after matching_key"))
            continue
        seen.add(key)
        kept.append(line)
    return _rejoin(kept), removed


def _rejoin(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """Boilerplate removal, then repeated paragraphs; returns the text and what was removed."""
    text, removed = remove_boilerplate(text)
    text, repeats = remove_repeated_paragraphs(text)
    return text, removed + repeats
