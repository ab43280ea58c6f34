"""Tokens of a text for the quantity scanners: numbers (digits in any script), words and single
punctuation marks (`rasad.text.tokens`, scheme `quantity`), each with its folded form.

>>> [(t.text, t.kind) for t in tokenize("نحو 12 ألفاً.")]
[('نحو', 'word'), ('12', 'num'), ('ألفاً', 'word'), ('.', 'punct')]
"""

from __future__ import annotations

from rasad.extract.numbers import fold
from rasad.text.tokens import Token
from rasad.text.tokens import tokenize as _tokenize

__all__ = ["Token", "tokenize"]


def tokenize(text: str) -> list[Token]:
    """Quantity tokens with `norm` = `rasad.extract.numbers.fold` of the text."""
    return _tokenize(text, "quantity", norm=fold)
