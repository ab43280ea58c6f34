"""BIO tags → entity spans, CoNLL style (an `I-X` after `O` or another type opens a new entity).

>>> bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC"])
[(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
"""

from __future__ import annotations


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans, end exclusive."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, this = tag.partition("-")
        if start >= 0 and (prefix != "I" or this != kind):
            spans.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, this
    return spans
