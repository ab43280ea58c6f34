"""One-permutation MinHash signatures, LSH banding and candidate pairs, vectorised with numpy.

A text's signature has `bins` values: each shingle hash falls into the bin named by its top bits
and each bin keeps its smallest value (one-permutation hashing; Li, Owen & Zhang 2012); an empty
bin borrows the next non-empty one's value, shifted by the distance (rotation densification;
Shrivastava & Li 2014). Two texts agree on a bin with probability equal to their Jaccard
similarity, so `bands` groups of `rows` bins make the LSH buckets. Cost: one pass over all
shingles, instead of one hash per shingle and permutation.

>>> sig = signatures(np.array([1, 2 << 57, 3, 3 << 57], dtype=np.uint64), np.array([0, 2, 4]), bins=4)
>>> sig.shape, bool((sig[0] == sig[1]).all())
((2, 4), False)
>>> candidate_pairs(np.vstack([sig, sig[:1]]), bands=2, rows=2).tolist()
[[0, 2]]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from rasad.corpus.reuse.shingles import I64, U64, mix

_MAX = np.iinfo(np.uint64).max
_MUL = np.uint64(0x9E3779B97F4A7C15)


def signatures(shingles: U64, bounds: I64, bins: int = 128) -> U64:
    """The `(texts, bins)` signatures of texts whose shingle hashes are `shingles[bounds[i]:bounds[i+1]]`
    (`bins` a power of two ≤ 128). A text without shingles gets a row of the maximum value."""
    bits = bins.bit_length() - 1
    if 1 << bits != bins or not 1 <= bits <= 7:
        raise ValueError(f"bins must be a power of two from 2 to 128 (got {bins})")
    value_bits = 64 - bits
    n = len(bounds) - 1
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(bounds))
    flat = np.full(n * bins, _MAX, dtype=np.uint64)
    np.minimum.at(flat, owner * bins + (shingles >> np.uint64(value_bits)).astype(np.int64),
                  shingles & np.uint64((1 << value_bits) - 1))
    sig = flat.reshape(n, bins)
    empty = sig == _MAX
    partly = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if len(partly):  # rotation densification: the next non-empty bin, plus distance << value_bits
        rows = sig[partly]
        doubled = np.hstack([rows, rows])
        index = np.where(doubled != _MAX, np.arange(2 * bins), 2 * bins)
        following = np.minimum.accumulate(index[:, ::-1], axis=1)[:, ::-1][:, :bins]
        distance = (following - np.arange(bins)).astype(np.uint64)
        filled = np.take_along_axis(doubled, following, axis=1) + (distance << np.uint64(value_bits))
        sig[partly] = np.where(rows == _MAX, filled, rows)
    return sig


def band_keys(sig: U64, bands: int, rows: int) -> U64:
    """One 64-bit key per text and band: `(texts, bands)`."""
    if bands * rows > sig.shape[1]:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} bins (have {sig.shape[1]})")
    keys = np.zeros((sig.shape[0], bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(rows):
            keys = keys * _MUL + sig[:, r:bands * rows:rows]
        return mix(np.asarray(keys + np.arange(bands, dtype=np.uint64), dtype=np.uint64))


GroupPairs = Callable[[U64, npt.NDArray[np.int64], int], tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]


def candidate_pairs(sig: U64, bands: int, rows: int, max_bucket: int = 2000,
                    group: GroupPairs | None = None) -> npt.NDArray[np.int64]:
    """Sorted unique pairs `[i, j]` (i < j) of rows that share at least one band's bucket. Rows of
    the maximum value (texts without shingles) never pair; buckets larger than `max_bucket` are
    skipped (they hold boilerplate or empty texts, not reuse). `group` pairs the bucket members
    (`group_pairs`, or the same on Spark: `rasad.spark.blocking.group_pairs`)."""
    usable = np.flatnonzero(sig[:, 0] != _MAX)
    keys = band_keys(sig[usable], bands, rows).ravel()
    text = np.repeat(usable, bands)
    return (group or group_pairs)(keys, text, max_bucket)[0]


def group_pairs(keys: U64, members: npt.NDArray[np.int64],
                max_group: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Unique sorted pairs of distinct `members` that share a key (groups above `max_group` skipped),
    and the number of keys each pair shares.

    >>> pairs, shared = group_pairs(np.array([5, 7, 5, 5], dtype=np.uint64), np.array([3, 1, 0, 3]), 10)
    >>> pairs.tolist(), shared.tolist()
    ([[0, 3]], [2])
    """
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], members[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    ok = (sizes >= 2) & (sizes <= max_group)
    starts, sizes = starts[ok], sizes[ok]
    found = []
    # Pair each member with the one `gap` places later in its group, for every gap.
    for gap in range(1, int(sizes.max(initial=1))):
        live = sizes > gap
        starts_g, sizes_g = starts[live], sizes[live]
        if not len(starts_g):
            break
        first = np.repeat(starts_g, sizes_g - gap) + ranges(sizes_g - gap)
        found.append(np.stack([members[first], members[first + gap]], axis=1))
        starts, sizes = starts_g, sizes_g
    if not found:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    pairs = np.sort(np.concatenate(found), axis=1).astype(np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    base = int(pairs.max(initial=0)) + 1
    codes, shared = np.unique(pairs[:, 0] * base + pairs[:, 1], return_counts=True)
    return np.stack([codes // base, codes % base], axis=1), shared.astype(np.int64)


def ranges(lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0..n-1 for each n in `lengths`, concatenated.

    >>> ranges(np.array([2, 0, 3])).tolist()
    [0, 1, 0, 1, 2]
    """
    total = int(lengths.sum())
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total, dtype=np.int64) - offsets


def estimated_jaccard(sig: U64, pairs: npt.NDArray[np.int64], chunk: int = 100_000) -> npt.NDArray[np.float64]:
    """The share of equal signature bins per pair (an unbiased estimate of the Jaccard similarity)."""
    out = np.empty(len(pairs), dtype=np.float64)
    for lo in range(0, len(pairs), chunk):
        part = pairs[lo:lo + chunk]
        out[lo:lo + chunk] = (sig[part[:, 0]] == sig[part[:, 1]]).mean(axis=1)
    return out


def exact_jaccard(shingles: U64, bounds: I64, pairs: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The exact Jaccard similarity of each pair's shingle sets (texts as in `signatures`).

    >>> h = np.array([1, 2, 3, 2, 3, 4], dtype=np.uint64)
    >>> exact_jaccard(h, np.array([0, 3, 6]), np.array([[0, 1]])).tolist()
    [0.5]
    """
    sets: dict[int, U64] = {}
    out = np.zeros(len(pairs), dtype=np.float64)
    for n, (i, j) in enumerate(pairs.tolist()):
        a = sets.get(i)
        if a is None:
            a = sets[i] = np.unique(shingles[bounds[i]:bounds[i + 1]])
        b = sets.get(j)
        if b is None:
            b = sets[j] = np.unique(shingles[bounds[j]:bounds[j + 1]])
        shared = len(np.intersect1d(a, b, assume_unique=True))
        union = len(a) + len(b) - shared
        out[n] = shared / union if union else 0.0
    return out
