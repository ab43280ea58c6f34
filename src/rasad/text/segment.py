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
_LOOKBEHIND = 80  # characters before a full stop searched for an abbreviation (longer words are not one)
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
        # Only look near the mark: slicing or searching the whole text here is quadratic in a long line.
        if _char_before(text, start).isdigit() and _char_after(text, end).isdigit():  # 25 . 01 . 2022
            return False
        word = _WORD_BEFORE.search(text, max(0, start - _LOOKBEHIND), start)
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in abbreviations):
            return False
    return True


def _char_before(text: str, index: int) -> str:
    """The last non-space character before `index` ("" if none)."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return text[index - 1] if index > 0 else ""


def _char_after(text: str, index: int) -> str:
    """The first non-space character at or after `index` ("" if none)."""
    while index < len(text) and text[index].isspace():
        index += 1
    return text[index] if index < len(text) else ""


def _inside_quote(quoted: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies strictly inside one of the sorted, disjoint `quoted` spans."""
    i = bisect_left(starts, start) - 1  # the last quotation opening before `start`
    return i >= 0 and end < quoted[i][1]


def split_sentences(text: str, paragraphs: list[Paragraph], lang: str = "und") -> list[Sentence]:
    """Sentences of each paragraph; `Sentence.paragraph` is the paragraph's index."""
    abbreviations = _abbreviations(lang)
    sentences: list[Sentence] = []
    for index, para in enumerate(paragraphs):
        body = text[para.start : para.end]
        quoted = [m.span() for m in _QUOTED.finditer(body) if m.end() - m.start() <= MAX_QUOTE]
        starts = [qs for qs, _ in quoted]
        cuts = [0]
        for match in _BREAK.finditer(body):
            inside = _inside_quote(quoted, starts, match.start(), match.end())
            if not inside and _is_break(body, match.start(), match.end(), abbreviations):
                cuts.append(match.end())
        cuts.append(len(body))
        for a, b in pairwise(cuts):
            piece = body[a:b]
            if piece.strip():
                start = para.start + a + (len(piece) - len(piece.lstrip()))
                sentences.append(Sentence(start, start + len(piece.strip()), index))
    return sentences
