"""Tokenization for NER, consistent with how ANERcorp, PEYMA and ArmanPersoNER are tokenized.

Words are runs of letters, digits, Arabic diacritics and tatweel; a ZWNJ between two word characters
stays inside the word (Persian `می‌شود`). Numbers keep their decimal separators (`3.5`, `۳٫۵`).
Every other non-space character (، ؛ ؟ « » “ ” ( ) . : ...) is a token of its own.

>>> [t.text for t in tokenize("قال «الرئيس»، في دمشق.", "ar")]
['قال', '«', 'الرئيس', '»', '،', 'في', 'دمشق', '.']
"""

from __future__ import annotations

from rasad.text.tokens import Token, pattern, words
from rasad.text.tokens import tokenize as _tokenize

__all__ = [
    "MAX_SENTENCE_TOKENS",
    "SENTENCE_END",
    "ZWNJ",
    "Token",
    "sentence_spans",
    "sentences",
    "split_words",
    "tokenize",
]

ZWNJ = "\u200c"
SENTENCE_END = frozenset({".", "!", "?", "؟", "…", "\u06d4"})
MAX_SENTENCE_TOKENS = 150


def tokenize(text: str, lang: str) -> list[Token]:
    """Split `text` into word, number and punctuation tokens with offsets (`rasad.text.tokens`,
    scheme `ner`).

    `lang` is accepted for symmetry with `predict`; the rules are shared by Arabic and Persian.

    >>> [(t.start, t.end, t.text) for t in tokenize("خانه‌ها، زیبا", "fa")]
    [(0, 7, 'خانه‌ها'), (7, 8, '،'), (9, 13, 'زیبا')]
    """
    return _tokenize(text, "ner")


def split_words(word: str) -> list[str]:
    """Tokenize one pre-tokenized corpus token the way `tokenize` would split it in running text.

    >>> split_words("(د")
    ['(', 'د']
    """
    return words(word, "ner")


def sentences(tokens: list[Token], text: str) -> list[list[Token]]:
    """Group tokens into sentences: after sentence punctuation, at a blank line or line break,
    and every `MAX_SENTENCE_TOKENS` tokens at most.

    >>> [len(s) for s in sentences(tokenize("أ ب. ج", "ar"), "أ ب. ج")]
    [3, 1]
    """
    out: list[list[Token]] = []
    current: list[Token] = []
    for tok in tokens:
        if current and "\n" in text[current[-1].end : tok.start]:
            out.append(current)
            current = []
        current.append(tok)
        if tok.text in SENTENCE_END or len(current) >= MAX_SENTENCE_TOKENS:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def sentence_spans(text: str) -> list[tuple[list[int], list[int], list[str]]]:
    """`sentences(tokenize(text, lang), text)` as (token starts, token ends, token texts) per sentence,
    without building `Token`s (the tagger's hot path).

    >>> [words for _, _, words in sentence_spans("أ ب. ج")]
    [['أ', 'ب', '.'], ['ج']]
    """
    out: list[tuple[list[int], list[int], list[str]]] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for m in pattern("ner").finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if texts and "\n" in text[ends[-1] : start]:
            out.append((starts, ends, texts))
            starts, ends, texts = [], [], []
        starts.append(start)
        ends.append(end)
        texts.append(word)
        if word in SENTENCE_END or len(texts) >= MAX_SENTENCE_TOKENS:
            out.append((starts, ends, texts))
            starts, ends, texts = [], [], []
    if texts:
        out.append((starts, ends, texts))
    return out
