"""Tokens of a text: numbers (digits in any script), words and single punctuation marks.

>>> [(t.text, t.kind) for t in tokenize("نحو 12 ألفاً.")]
[('نحو', 'word'), ('12', 'num'), ('ألفاً', 'word'), ('.', 'punct')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.extract.numbers import fold

_WORD = r"[A-Za-z]+|(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640\u200c\u200d])+"
_TOKEN = re.compile(rf"(?P<num>\d+(?:[.,٫٬،'’]\d+)*)|(?P<word>{_WORD})|(?P<punct>\S)")


@dataclass
class Token:
    start: int
    end: int
    text: str
    kind: str  # num | word | punct
    norm: str = ""
    newline_before: bool = False


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        newline = "\n" in text[last : m.start()]
        tokens.append(Token(m.start(), m.end(), m.group(), kind, fold(m.group()), newline))
        last = m.end()
    return tokens
