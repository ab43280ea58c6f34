"""Folded words of many texts at once, with their offsets, and 64-bit hashes of word shingles.

Everything is vectorised over the code points of a batch of texts (no Python loop per word): each
code point is classified and folded through 64k-entry tables built once from the project's
matching-key folding (`lang/ar/matching_fold.tsv`: alef/hamza, ta marbuta, yeh, kaf; diacritics,
tatweel and ZWNJ dropped; digits to ASCII; Latin lower-cased), so that two spellings of one text
give the same words, as `rasad.text.normalize.matching_key` would on an already normalized text.
A word is what `WORD` matches; each keeps its code-point span in its text. A word's hash is a
polynomial hash of its folded code points (stable across processes and machines).

>>> batch = tokenize_many(["قالَ الوزير: إن الحكومة", "", "The minister said"])
>>> batch.bounds.tolist(), batch.starts.tolist(), batch.ends.tolist()
([0, 4, 4, 7], [0, 5, 13, 16, 0, 4, 13], [4, 11, 15, 23, 3, 12, 17])
>>> bool(batch.hashes[2] == tokenize_many(["أن"]).hashes[0])  # إن and أن fold to ان
True
>>> h, sb = concat_shingle_hashes(batch.hashes, batch.bounds, 2)
>>> sb.tolist()
[0, 3, 3, 5]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from rasad.text.fold import MATCHING_KEY, TATWEEL, ZWJ

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

# Arabic combining marks, tatweel, ZWNJ and ZWJ: part of a word, dropped by the folding.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u200c\u200d"
WORD = re.compile(rf"[^\W_][\w{MARKS}]*")  # what a word is (the vectorised tokenizer follows it)
_DROP = re.compile(f"[{MARKS}]")

_P = 0x01000193  # FNV prime (odd, so invertible modulo 2**32)
_P_INV = pow(_P, -1, 2**32)
_MUL = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio multiplier for combining word hashes
_START, _CONTINUE = 2, 1  # code point classes: may start a word; may continue one


@dataclass(frozen=True)
class TokenBatch:
    """The words of a batch of texts: text i's words are `[bounds[i], bounds[i+1])`; each word has
    a 64-bit hash of its folded form and its `[start, end)` code-point span in its own text."""

    hashes: U64
    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]
    bounds: I64


@cache
def _tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint32]]:
    """Per BMP code point: its class (0 other, 1 continue, 2 start) and its folded code point (0:
    dropped): `MATCHING_KEY`'s translate table, plus the tatweel and ZWJ its normalize step removes."""
    classes = np.zeros(0x10000, dtype=np.uint8)
    folded = np.arange(0x10000, dtype=np.uint32)
    table = MATCHING_KEY.table
    for code in range(1, 0x10000):
        ch = chr(code)
        if ch.isalnum():
            classes[code] = _START
        elif ch == "_" or _DROP.match(ch):
            classes[code] = _CONTINUE
        mapped = "" if ch in (TATWEEL, ZWJ) else table[code] if code in table or ch.isdigit() else ch
        if not mapped:
            folded[code] = 0
        elif len(mapped) == 1:
            cased = mapped.casefold()
            folded[code] = ord(cased if len(cased) == 1 else mapped)
    return classes, folded


def tokenize_many(texts: Sequence[str]) -> TokenBatch:
    """The folded words of `texts` with their spans (see the module example)."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    text_starts = np.concatenate(([0], np.cumsum(lengths)))
    points = np.frombuffer("\n".join(texts).encode("utf-32-le") + b"\n\0\0\0", dtype=np.uint32)
    classes, folded = _tables()
    bmp = np.minimum(points, 0xFFFF)  # beyond the BMP: not part of a word (U+FFFF's class is 0)
    fold = folded[bmp]
    kept = fold != 0
    keep = None if kept.all() else np.flatnonzero(kept)  # positions of the kept code points
    if keep is not None:  # drop marks, tatweel and ZWNJ from the words
        bmp, fold = bmp[keep], fold[keep]
    run_starts, run_ends, hashes = _words(classes[bmp], fold)
    if keep is None:
        start_pos, end_pos = run_starts, run_ends
    else:
        start_pos, end_pos = keep[run_starts], np.concatenate((keep, [len(points)]))[run_ends]
    owner = np.searchsorted(text_starts, start_pos, side="right") - 1
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1), side="left").astype(np.int64)
    offsets = text_starts[owner]
    return TokenBatch(hashes, (start_pos - offsets).astype(np.int32), (end_pos - offsets).astype(np.int32), bounds)


def word_hashes_many(texts: Sequence[str]) -> tuple[U64, I64]:
    """Only the word hashes of `texts` and their bounds (as `tokenize_many`, without the spans and
    faster: the marks are dropped from the string and the text is read as UTF-16).

    >>> texts = ["إنّ الحكومةَ 😀قالت", "x"]
    >>> hashes, bounds = word_hashes_many(texts)
    >>> bool((hashes == tokenize_many(texts).hashes).all()), bounds.tolist()
    (True, [0, 3, 4])
    """
    joined = _DROP.sub("", "\x00".join(texts)) + "\x00"
    points = np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16)  # surrogates: class 0
    classes, folded = _tables()
    run_starts, _, hashes = _words(classes[points], folded[points])
    separators = np.flatnonzero(points == 0)
    if len(separators) != len(texts):  # a text holds NUL characters
        batch = tokenize_many(texts)
        return batch.hashes, batch.bounds
    bounds = np.concatenate(([0], np.searchsorted(run_starts, separators))).astype(np.int64)
    return hashes, bounds


def _words(cls: npt.NDArray[np.uint8], fold: npt.NDArray[np.uint32]) -> tuple[I64, I64, U64]:
    """The words (runs of word code points from a letter or digit) and their hashes."""
    edges = np.diff(np.concatenate(([False], cls > 0, [False])).view(np.int8))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    for i in np.flatnonzero(cls[run_starts] != _START):  # a word starts at its first letter or digit
        letters = np.flatnonzero(cls[run_starts[i]:run_ends[i]] == _START)
        run_starts[i] = run_starts[i] + letters[0] if len(letters) else run_ends[i]
    nonempty = run_starts < run_ends
    run_starts, run_ends = run_starts[nonempty], run_ends[nonempty]
    inv_powers, powers = _powers(len(fold))
    with np.errstate(over="ignore"):  # a polynomial hash modulo 2**32 from prefix sums, then mixed
        prefix = np.concatenate(([np.uint32(0)], np.cumsum(fold * inv_powers, dtype=np.uint32)))
        poly = (prefix[run_ends] - prefix[run_starts]) * powers[run_ends - 1]
        lengths = (run_ends - run_starts).astype(np.uint64)
        return run_starts, run_ends, mix(poly.astype(np.uint64) | (lengths << np.uint64(32)))


_POWERS: list[tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]] = []  # the longest tables so far


def _powers(n: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """P**-(i+1) and P**(i+1) modulo 2**32 for i < n (cached, grown by doubling)."""
    if not _POWERS or len(_POWERS[0][0]) < n:
        size = max(n, 2 * len(_POWERS[0][0]) if _POWERS else 1 << 20)
        with np.errstate(over="ignore"):
            _POWERS[:] = [(np.multiply.accumulate(np.full(size, _P_INV, dtype=np.uint32), dtype=np.uint32),
                           np.multiply.accumulate(np.full(size, _P, dtype=np.uint32), dtype=np.uint32))]
    inv, direct = _POWERS[0]
    return inv[:n], direct[:n]


def mix(h: U64) -> U64:
    """The splitmix64 finalizer: spreads every input bit over the whole 64-bit value."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h = h * np.uint64(0xBF58476D1CE4E5B9)
        h = h ^ (h >> np.uint64(27))
        h = h * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def concat_shingle_hashes(words: U64, bounds: I64, k: int) -> tuple[U64, I64]:
    """Hashes of the shingles of `k` consecutive words of many texts at once: text i's word hashes
    are `words[bounds[i]:bounds[i+1]]`. Returns the shingle hashes and their bounds (text i's
    `len - k + 1` shingles are `out[sb[i]:sb[i+1]]`, none if it has fewer than k words); no
    shingle crosses two texts. Shingle j of a text starts at its word j."""
    counts = np.maximum(np.diff(bounds) - k + 1, 0)
    shingle_bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    total = int(shingle_bounds[-1])
    owner = np.repeat(np.arange(len(counts)), counts)
    first_word = bounds[:-1][owner] + (np.arange(total) - shingle_bounds[:-1][owner])
    with np.errstate(over="ignore"):
        h = np.zeros(total, dtype=np.uint64)
        for i in range(k):
            h = h * _MUL + words[first_word + i]
        return mix(h), shingle_bounds
