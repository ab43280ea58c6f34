"""How much a decoded string looks like real text: the score used to choose a legacy encoding.

Decoding bytes with the wrong single-byte code page never fails, it just produces the wrong
characters. Wrong characters betray themselves: control characters, box drawing, private-use
code points, words that mix scripts (`ط§ظ„` is UTF-8 Arabic read as windows-1256), and "Latin"
words made mostly of accented letters (`ÇáÚÑÈíÉ` is windows-1256 Arabic read as windows-1252).

>>> plausibility("السلام عليكم") == 1.0
True
>>> plausibility("ÇáÓáÇã Úáíßã") < 0.5
True
"""

from __future__ import annotations

import re
import unicodedata

# Invisible format characters that are normal in Arabic and Persian text.
_FORMAT_OK = frozenset("\u200c\u200d\u200e\u200f\u00ad\u061c\ufeff")
# Symbols that real documents use; any other symbol (box drawing, dingbats...) counts as odd.
_SYMBOLS_OK = frozenset("€£¥$¢°©®™×÷±§¶•†‡‰¬¦¤µ^`~+<=>|¨¯´¸˘˙˚˛˜˝")
# Scripts that legitimately share one word.
# Words for the context checks: runs without whitespace or ASCII punctuation, so markup such as
# `content="نص"` splits into `content` and `نص` (mojibake never contains ASCII punctuation).
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~]+")
_EDGE_PUNCTUATION = "\"'()[]{}<>«»“”‘’„‚.,;:!?،؛؟…-–—*"
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "IDEOGRAPHIC": "CJK"}
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Non-letters that may sit inside a word (apostrophes, hyphens, joiners, marks are handled apart).
_INWORD_OK = frozenset("’‘ʼ‐‑·\u200c\u200d\u200e\u200f\u00ad")


def script_of(ch: str) -> str:
    """The script of a letter, from its Unicode name (`ARABIC`, `LATIN`, `CJK`, ...).

    >>> script_of("پ"), script_of("é"), script_of("Ж")
    ('ARABIC', 'LATIN', 'CYRILLIC')
    """
    first = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(first, first)


def _is_odd(ch: str) -> bool:
    """A single non-ASCII character that real text rarely contains."""
    if ch == "\ufffd":
        return True
    category = unicodedata.category(ch)
    if category[0] == "C":
        return ch not in _FORMAT_OK
    if category[0] == "S":
        return ch not in _SYMBOLS_OK
    return False


def _word_penalty(word: str) -> int:
    """Odd characters in one whitespace-delimited word, judged in context."""
    scripts: set[str] = set()
    latin = accented = 0
    nonascii = 0
    interior = 0
    inner = word.strip(_EDGE_PUNCTUATION)
    for ch in inner[1:-1]:
        if not ch.isascii() and not ch.isalnum() and ch not in _INWORD_OK:
            interior += unicodedata.category(ch)[0] != "M"
    for ch in word:
        if ch.isalpha():
            script = "LATIN" if ch.isascii() else script_of(ch)
            scripts.add(script)
            if script == "LATIN":
                latin += 1
                accented += not ch.isascii()
        nonascii += not ch.isascii()
    if len(scripts) > 1:
        return nonascii  # e.g. Arabic letters glued to Latin letters: mojibake
    if interior and scripts:
        return interior  # "ط§ظ„": symbols inside a word
    if accented >= 3 and 2 * accented > latin:
        return accented  # "ÇáÚÑÈíÉ": no real Latin-script language writes like this
    return 0


def plausibility(text: str) -> float:
    """Share (0..1) of the non-ASCII and control characters in `text` that look like real text.

    Plain ASCII text scores 1.0. Used on a sample, so it stays fast on big files.

    >>> plausibility("plain ASCII")
    1.0
    >>> plausibility("\\x01\\x02\\x03abc") < 0.5
    True
    """
    considered = 0
    odd = 0
    for ch in text:
        if ch.isascii():
            if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS:
                considered += 1
                odd += 1
            continue
        considered += 1
        odd += _is_odd(ch)
    if considered == 0:
        return 1.0
    odd += sum(_word_penalty(word) for word in _WORD.findall(text) if not word.isascii())
    return max(0.0, 1.0 - odd / considered)


def arabic_share(text: str) -> float:
    """Share of letters in `text` that are Arabic-script letters (Arabic, Persian, Urdu...).

    >>> arabic_share("سلام hello")
    0.4444444444444444
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if not ch.isascii() and script_of(ch) == "ARABIC") / len(letters)
