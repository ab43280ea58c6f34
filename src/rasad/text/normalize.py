"""Unicode clean-up of article text, and matching keys for search and linking.

`normalize_text` is the display/analysis normalization: it keeps letters and digits as written and
only removes what is invisible junk (bidi controls, zero-width characters, kashida), maps Arabic
presentation forms to base letters (NFKC would also rewrite Persian and Arabic letters, so it is not
used), applies NFC and tidies spaces while keeping line breaks. It returns counts of what it changed.

`matching_key` is a much stronger, lossy folding used only for keys (alef/hamza, ta marbuta, yeh and
kaf variants, diacritics, digits, case): never show it to a user or take offsets from it.

>>> normalize_text("الـــعراق\u200f  اليوم")[0]
'العراق اليوم'
>>> matching_key("إلى مدرسة") == matching_key("الي مدرسه")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rasad.limits import MEMO_WORDS
from rasad.text.fold import MATCHING_KEY, fold

ZWNJ = "\u200c"
TATWEEL = "\u0640"

BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Zero-width and invisible characters that carry no meaning in news text (ZWNJ is handled apart;
# ZWJ is kept only next to emoji/symbols, where it builds a glyph).
ZERO_WIDTH = "\u200b\ufeff\u00ad\u2060\u2061\u2062\u2063\u2064\u180e"
ZWJ = "\u200d"
SPACE_VARIANTS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # a regex character class

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\u0085\u000b\u000c]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_ZWJ = re.compile(ZWJ)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_TATWEEL_ALONE = re.compile(rf"(?<!\S){TATWEEL}+(?!\S)")
_TATWEEL = re.compile(f"{TATWEEL}+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_ZWNJ_RUN = re.compile(f"{ZWNJ}+")
_SPACES = re.compile(f"[{SPACE_VARIANTS}]")
_SPACE_RUN = re.compile(" {2,}")
_LINE_EDGES = re.compile(r"^ +| +$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")

NORMALIZATION_KEYS = (
    "bidi_controls",
    "zero_width",
    "tatweel",
    "presentation_forms",
    "control_chars",
    "space_variants",
)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


@cache
def _presentation_map() -> dict[str, str]:
    """Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFE) → base letters, from the Unicode data."""
    mapping: dict[str, str] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        decomposition = unicodedata.decomposition(chr(code))
        if not decomposition.startswith("<"):
            continue
        chars = "".join(chr(int(h, 16)) for h in decomposition.split()[1:])
        if all(unicodedata.category(c).startswith("M") or c in (" ", TATWEEL) for c in chars):
            # Isolated/medial forms of harakat: keep only the marks.
            chars = "".join(c for c in chars if c not in (" ", TATWEEL))
        mapping[chr(code)] = chars
    return mapping


def remove_bidi_controls(text: str) -> tuple[str, int]:
    """Drop bidi embedding/override/isolate marks (LRM, RLM, ALM, ...). Returns the text and the count.

    >>> remove_bidi_controls("\u200fسلام\u200e")
    ('سلام', 2)
    """
    return _BIDI.subn("", text)


def remove_zero_width(text: str) -> tuple[str, int]:
    """Drop zero-width junk (ZWSP, BOM, soft hyphen, word joiner, ZWJ outside emoji); keeps ZWNJ.

    >>> remove_zero_width("كل\u200bمة")
    ('كلمة', 1)
    """
    text, n = _ZERO_WIDTH.subn("", text)

    def zwj(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        symbol = any(c and unicodedata.category(c) in ("So", "Sk") for c in (before, after))
        return match.group() if symbol else ""

    cleaned = _ZWJ.sub(zwj, text)
    return cleaned, n + len(text) - len(cleaned)


def remove_tatweel(text: str) -> tuple[str, int]:
    """Remove kashida (tatweel) inside words; a free-standing tatweel used as a dash becomes `-`.

    >>> remove_tatweel("جـــميل")
    ('جميل', 3)
    >>> remove_tatweel("السورية ـ العراقية")
    ('السورية - العراقية', 1)
    """
    text, alone = _TATWEEL_ALONE.subn("-", text)
    removed = text.count(TATWEEL)
    return _TATWEEL.sub("", text), removed + alone


def map_presentation_forms(text: str) -> tuple[str, int]:
    r"""Map Arabic presentation forms (contextual glyphs, ligatures) to base letters.

    >>> map_presentation_forms("\ufee3\ufeae\ufea3\ufe92\ufe8e")
    ('مرحبا', 5)
    """
    mapping = _presentation_map()
    count = 0

    def base(match: re.Match[str]) -> str:
        nonlocal count
        ch = match.group()
        if ch in mapping:
            count += 1
            return mapping[ch]
        return ch

    return _PRESENTATION.sub(base, text), count


def clean_zwnj(text: str) -> tuple[str, int]:
    r"""Keep one ZWNJ only between two letters; drop doubled or stray ones (next to spaces, digits).

    >>> clean_zwnj("می\u200c\u200cشود \u200cاست")
    ('می\u200cشود است', 2)
    """
    removed = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal removed
        start, end = match.start(), match.end()
        between = start > 0 and end < len(text) and _is_letter(text[start - 1]) and _is_letter(text[end])
        removed += (end - start) - (1 if between else 0)
        return ZWNJ if between else ""

    return _ZWNJ_RUN.sub(keep, text), removed


def tidy_spaces(text: str) -> tuple[str, int]:
    r"""Unify space characters, collapse runs, strip each line, keep at most one blank line.

    >>> tidy_spaces(" a\u00a0 b \n\n\n\nc ")
    ('a b\n\nc', 1)
    """
    text, variants = _SPACES.subn(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _LINE_EDGES.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n"), variants


def normalize_text(text: str) -> tuple[str, dict[str, int]]:
    r"""Clean up Unicode without changing letters or digits; returns the text and counts of changes.

    Line breaks are kept (paragraph structure); ZWNJ is kept between letters (Persian needs it;
    the `letters` stage drops it from Arabic text once the language is known).

    >>> text, report = normalize_text("\u202bالسلام\u202c  عليكم\u200b")
    >>> text, report["bidi_controls"], report["zero_width"]
    ('السلام عليكم', 2, 1)
    """
    report = dict.fromkeys(NORMALIZATION_KEYS, 0)
    text = _NEWLINES.sub("\n", text)
    text, report["bidi_controls"] = remove_bidi_controls(text)
    text, report["zero_width"] = remove_zero_width(text)
    text, report["control_chars"] = _CONTROLS.subn("", text)
    text, report["tatweel"] = remove_tatweel(text)
    text, report["presentation_forms"] = map_presentation_forms(text)
    text = unicodedata.normalize("NFC", text)
    text, stray_zwnj = clean_zwnj(text)
    report["zero_width"] += stray_zwnj
    text, report["space_variants"] = tidy_spaces(text)
    if "\ufffd" in text:  # undecodable bytes or lone surrogates, replaced at ingest (only counted)
        report["replacement_chars"] = text.count("\ufffd")
    return text, report


def matching_key(text: str, lang: str | None = None) -> str:
    """A folded key for matching names and paragraphs across spellings (never for display).

    Folds alef/hamza forms, ta marbuta → ه, alef maqsura and Persian yeh → ي, keheh → ك, removes
    diacritics, tatweel and ZWNJ, maps digits to ASCII, casefolds Latin and folds whitespace.
    `lang` is accepted for future language-specific folding; the key is the same for ar and fa so
    that names link across the two languages. The steps are `rasad.text.fold.MATCHING_KEY`.

    >>> matching_key("الأمريكیة  ۲۰۲۲") == matching_key("الامريكيه 2022")
    True
    >>> matching_key("می‌شود") == matching_key("میشود")
    True
    """
    if len(text) <= _CACHED_KEY_CHARS:  # names and words: the same few thousand come back in every article
        return _short_matching_key(text)
    return fold(text, MATCHING_KEY)


_CACHED_KEY_CHARS = 64


@lru_cache(maxsize=MEMO_WORDS)
def _short_matching_key(text: str) -> str:
    return fold(text, MATCHING_KEY)
