"""The words of one sentence as the attribution and claim finders walk them: matching keys, clause
breaks (punctuation, line breaks) and which words lie inside an entity span.

>>> words = SentenceWords.of("وقال المتحدث، إن القوات وصلت", 0, frozenset({"قال"}))
>>> words.keys[:2], words.breaks[2], words.phrase_at(0, {("قال",): "said"}, 1, conj=True)
(['وقال', 'المتحدث'], True, (1, 'said'))
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from rasad.article import Entity
from rasad.text.normalize import matching_key
from rasad.text.tokens import Token, tokenize

V = TypeVar("V")
CLAUSE_PUNCT = frozenset(".,،:;؛!?؟«»\"“”()[]—–")  # "-" only with a space before it: not "counter-terrorism"
SENTENCE_PUNCT = frozenset(".:;؛!?؟")  # what ends a clause whatever the commas and quotes inside it
CONJUNCTIONS = ("و", "ف")  # Arabic conjunctions written onto a word: وقال، فأكد


@lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The matching key of one word (`rasad.text.normalize.matching_key`), cached."""
    return matching_key(word)


def definite_ar(word_key: str) -> bool:
    """An Arabic word with the article, after an optional conjunction: الجيش، والجيش."""
    return word_key.startswith("ال") or (word_key[:1] in CONJUNCTIONS and word_key[1:3] == "ال")


def with_conjunction(words: tuple[str, ...], conj: bool) -> Iterator[tuple[str, ...]]:
    """The phrase as written, then without a leading conjunction (when `conj`)."""
    yield words
    if conj and words[0][:1] in CONJUNCTIONS and len(words[0]) > 2:
        yield (words[0][1:], *words[1:])


@dataclass(frozen=True)
class _Words:
    """One sentence's word tokens (article offsets), keys and clause breaks: what `SentenceWords.of`
    builds from the text alone (read-only: the tokens are shared between the stages that ask)."""

    tokens: tuple[Token, ...]
    keys: tuple[str, ...]
    breaks: tuple[bool, ...]
    hard: tuple[bool, ...]
    token_starts: tuple[int, ...]
    token_ends: tuple[int, ...]


# The attributions and claims stages walk the same sentences one after the other: the last sentences
# tokenized are kept, so the second stage does not tokenize them again (a few hundred: one long article).
SENTENCES_KEPT = 512


@lru_cache(maxsize=SENTENCES_KEPT)
def _sentence_words(text: str, offset: int) -> _Words:
    tokens, breaks, hard, pending, pending_hard = [], [], [], False, False
    for tok in tokenize(text, "ner"):
        if tok.kind == "punct":
            dash = tok.text == "-" and tok.start > 0 and text[tok.start - 1].isspace()  # "(AFP) - Three …"
            pending = pending or tok.text in CLAUSE_PUNCT or dash
            pending_hard = pending_hard or tok.text in SENTENCE_PUNCT or dash
            continue
        tok.start += offset
        tok.end += offset
        tokens.append(tok)
        breaks.append(pending or tok.newline_before)
        hard.append(pending_hard or tok.newline_before)
        pending = pending_hard = False
    return _Words(tuple(tokens), tuple(key(t.text) for t in tokens), tuple(breaks), tuple(hard),
                  tuple(t.start for t in tokens), tuple(t.end for t in tokens))


@dataclass
class SentenceWords:
    """The word tokens of one sentence, with keys, and the clause breaks (punctuation) between them."""

    tokens: list[Token]
    keys: list[str]
    breaks: list[bool]  # breaks[i]: punctuation or a line break between word i-1 and word i
    hard: list[bool]  # hard[i]: a full stop, colon, semicolon, question mark or line break before word i
    starts: frozenset[str]  # first words of the phrases looked up (a quick reject in `phrase_at`)
    named: list[bool]  # named[i]: word i is inside an entity span
    entity_end: list[int]  # entity_end[i]: the index after the last word of word i's entity (i + 1 if none)

    @classmethod
    def of(cls, text: str, offset: int, starts: frozenset[str], entities: Sequence[Entity] = ()) -> SentenceWords:
        """The words of `text`, which starts at `offset` in the article (token offsets are article offsets)."""
        words = _sentence_words(text, offset)
        tokens, keys, breaks, hard = list(words.tokens), list(words.keys), list(words.breaks), list(words.hard)
        named, ends = [False] * len(tokens), list(range(1, len(tokens) + 1))
        token_starts, token_ends = words.token_starts, words.token_ends
        for entity in entities:  # linear in words + entities: no scan of the sentence per word
            if entity.end <= offset or entity.start >= offset + len(text):
                continue
            first = bisect_left(token_starts, entity.start)
            last = bisect_right(token_ends, entity.end)  # words [first, last) lie inside the entity
            for i in range(first, last):
                if not named[i]:
                    named[i], ends[i] = True, last
        return cls(tokens, keys, breaks, hard, starts, named, ends)

    def phrase_at(self, i: int, table: Mapping[tuple[str, ...], V] | frozenset[tuple[str, ...]],
                  longest: int, conj: bool) -> tuple[int, V | str] | None:
        """`(length, value)` of the longest phrase of `table` starting at word i (after و/ف when
        `conj`), or None."""
        first = self.keys[i]
        if first not in self.starts and not (conj and first[1:] in self.starts):
            return None
        for n in range(min(longest, len(self.keys) - i), 0, -1):
            words = tuple(self.keys[i:i + n])
            for candidate in with_conjunction(words, conj):
                if candidate in table:
                    return n, table[candidate] if isinstance(table, Mapping) else ""
        return None

    def text(self, article_text: str, start: int, end: int) -> str:
        """The article text of words [start, end)."""
        return article_text[self.tokens[start].start:self.tokens[end - 1].end] if end > start else ""


S = TypeVar("S")


class SpanIndex(Generic[S]):
    """Spans (anything with `start` and `end`) by where they start, to fetch those of one sentence
    without scanning them all (a per-sentence scan of every span is quadratic on a long text).

    >>> from rasad.article import Span
    >>> index = SpanIndex([Span(5, 7, "b"), Span(0, 2, "a"), Span(20, 22, "c")])
    >>> [s.text for s in index.starting_in(0, 10)]
    ['a', 'b']
    """

    def __init__(self, spans: Iterable[S]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)  # type: ignore[attr-defined]
        self.starts = [s.start for s in self.spans]  # type: ignore[attr-defined]

    def starting_in(self, start: int, end: int) -> list[S]:
        """The spans that start in [start, end), in text order."""
        return self.spans[bisect_left(self.starts, start):bisect_left(self.starts, end)]
