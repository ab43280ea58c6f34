"""Canonical letters per language: one spelling of yeh, kaf and heh for Arabic, another for Persian.

Arabic text typed on a Persian keyboard carries ی ک ھ; Persian text from Arabic sources carries ي ك.
The maps are data (`lang/<iso>/canonical_letters.tsv`) and strictly one character to one character,
so `canonical_letters` never changes the length of the text.

>>> canonical_letters("الأمریکیة", "ar")
('الأمريكية', 3)
>>> canonical_letters("كشورهاي", "fa")
('کشورهای', 2)
"""

from __future__ import annotations

from rasad.text.data import char_map

CANONICAL_LANGS = ("ar", "fa")


def letter_map(lang: str) -> dict[int, str]:
    """The 1:1 character map for `lang` (empty for languages without one)."""
    if lang not in CANONICAL_LANGS:
        return {}
    mapping = char_map(lang, "canonical_letters.tsv")
    if any(len(v) != 1 for v in mapping.values()):
        raise ValueError(f"lang/{lang}/canonical_letters.tsv must map one character to one character")
    return mapping


def canonical_letters(text: str, lang: str) -> tuple[str, int]:
    """Map letter variants to the canonical letters of `lang`; returns the text and how many changed.

    Length-preserving: `len(result) == len(text)` for every input.
    """
    mapping = letter_map(lang)
    if not mapping:
        return text, 0
    changed = sum(1 for ch in text if ord(ch) in mapping)
    return (text.translate(mapping) if changed else text), changed


def drop_zwnj(text: str) -> tuple[str, int]:
    """Remove ZWNJ (used by Arabic text only by mistake): returns the text and the count.

    >>> drop_zwnj("الم\u200cدينة")
    ('المدينة', 1)
    """
    count = text.count("\u200c")
    return (text.replace("\u200c", "") if count else text), count
