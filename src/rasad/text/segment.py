"""Paragraphs and sentences as offsets into the article text.

Paragraphs are lines (blank lines are ignored). Sentences end after `. ! ? ؟ ؛ … ۔` (with any closing
quotes or brackets), or at a line break; a full stop between numbers (`25 . 01 . 2022`, `3.5`) or after
an abbreviation or a single letter (`د.`, `Dr.`) does not end a sentence, nor does a stop inside a short
quotation that closes in the same paragraph.

>>> text = "قال د. أحمد إن العدد 3.5 مليون. وأضاف: «انتهى الأمر. نعم». ثم غادر"
>>> [text[s.start:s.end] for s in split_sentences(text, split_paragraphs(text), "ar")]
['قال د. أحمد إن العدد 3.5 مليون.', 'وأضاف: «انتهى الأمر. نعم».', 'ثم غادر']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from rasad.article import Paragraph, Sentence
from rasad.text.data import read_words

MAX_QUOTE = 400  # characters: longer quotations may be split into sentences
_LINE = re.compile(r"[^\n]+")
_BREAK = re.compile("[.!?؟؛…۔！？]+[”»\"'’)\\]]*(?=\\s|$)")
_QUOTED = re.compile("“[^“”\n]*”|«[^«»\n]*»|\"[^\"\n]*\"")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line, trimmed of surrounding spaces.

    >>> [(p.start, p.end) for p in split_paragraphs("أ ب\\n\\n ج \\n")]
    [(0, 3), (6, 7)]
    """
    paragraphs = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            paragraphs.append(Paragraph(start, start + len(stripped)))
    return paragraphs


def _abbreviations(lang: str) -> frozenset[str]:
    words: frozenset[str] = frozenset()
    for code in {lang, "en"} & {"ar", "fa", "en"}:
        words |= read_words(code, "abbreviations.txt")
    return words


def _is_break(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """Whether the terminator run text[start:end] ends a sentence."""
    mark = text[start:end]
    if mark.startswith(".") and len(mark.rstrip("”»\"'’)]")) == 1:
        if _next_visible(text, start, -1).isdigit() and _next_visible(text, end, 1).isdigit():  # 25 . 01 . 2022
            return False
        word = _word_before(text, start)
        if word and (len(word) == 1 or word.lower() in abbreviations):
            return False
    return True


def _next_visible(text: str, index: int, step: int) -> str:
    """The first non-space character from `index` going forward (step 1) or before it (step -1)."""
    k = index if step > 0 else index - 1
    while 0 <= k < len(text) and text[k].isspace():
        k += step
    return text[k] if 0 <= k < len(text) else ""


def _word_before(text: str, end: int, window: int = 64) -> str | None:
    """The word (or dotted abbreviation, `U.S`) that ends at `end`, read from a short window before it
    (the whole text only when the word may be longer than the window: nothing quadratic)."""
    start = max(0, end - window)
    found = _WORD_BEFORE.search(text, start, end)
    if found and start > 0 and found.start() <= start + 1:
        found = _WORD_BEFORE.search(text, 0, end)
    return found.group(1) if found else None


def split_sentences(text: str, paragraphs: list[Paragraph], lang: str = "und") -> list[Sentence]:
    """Sentences of each paragraph; `Sentence.paragraph` is the paragraph's index."""
    abbreviations = _abbreviations(lang)
    sentences: list[Sentence] = []
    for index, para in enumerate(paragraphs):
        body = text[para.start : para.end]
        quoted = [m.span() for m in _QUOTED.finditer(body) if m.end() - m.start() <= MAX_QUOTE]
        quote_starts = [qs for qs, _ in quoted]
        cuts = [0]
        for match in _BREAK.finditer(body):
            # Quotations do not overlap: only the last one opening before the mark may hold it.
            last = bisect_left(quote_starts, match.start()) - 1
            inside = last >= 0 and match.end() < quoted[last][1]
            if not inside and _is_break(body, match.start(), match.end(), abbreviations):
                cuts.append(match.end())
        cuts.append(len(body))
        for a, b in pairwise(cuts):
            piece = body[a:b]
            if piece.strip():
                start = para.start + a + (len(piece) - len(piece.lstrip()))
                sentences.append(Sentence(start, start + len(piece.strip()), index))
    return sentences
