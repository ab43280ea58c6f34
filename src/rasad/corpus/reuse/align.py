"""Passage alignment of two texts from their shared word shingles (seed and extend).

Seeds are the shingles the two texts share (minus `common` ones: boilerplate that occurs in too
many articles). Seeds on one diagonal (same offset between the texts) in a row make a run; runs in
order whose gaps are at most `max_gap` words in both texts join into one passage, so a copy with a
few words changed stays one passage. Passages are word ranges `[start, end)` in each text.

>>> a = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=np.uint64)
>>> b = np.array([20, 21, 1, 2, 3, 99, 5, 6, 7, 8, 9], dtype=np.uint64)
>>> align(a, b, k=1, max_gap=2)
[(0, 9, 2, 11, 2)]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from rasad.corpus.reuse.lsh import ranges
from rasad.corpus.reuse.shingles import U64

Span = tuple[int, int, int, int, int]  # a_start, a_end, b_start, b_end (words); runs joined (1: no edit)


def align(a: U64, b: U64, k: int, max_gap: int = 8, common: npt.NDArray[np.bool_] | None = None,
          max_repeats: int = 4) -> list[Span]:
    """The matching passages of two texts given their shingle hashes (shingle i = words i..i+k-1);
    `common` flags shingles of `a` never used as seeds; shingles repeated more than `max_repeats`
    times in `b` are not seeds either."""
    order = np.argsort(b, kind="stable")
    sorted_b = b[order]
    lo, hi = np.searchsorted(sorted_b, a, "left"), np.searchsorted(sorted_b, a, "right")
    count = hi - lo
    count[count > max_repeats] = 0
    if common is not None:
        count[common] = 0
    i = np.repeat(np.arange(len(a)), count)
    if not len(i):
        return []
    j = order[np.repeat(lo, count) + ranges(count)]
    diagonal = j - i
    seq = np.lexsort((i, diagonal))
    i, j, diagonal = i[seq], j[seq], diagonal[seq]
    breaks = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(i) != 1)) + 1
    run_first = np.concatenate(([0], breaks))
    run_last = np.concatenate((breaks - 1, [len(i) - 1]))
    runs = sorted(zip(i[run_first].tolist(), (i[run_last] + k).tolist(),
                      j[run_first].tolist(), (j[run_last] + k).tolist(), strict=True),
                  key=lambda r: (r[0], -(r[1] - r[0])))
    passages: list[list[int]] = []
    for a0, a1, b0, b1 in runs:
        if passages:
            cur = passages[-1]
            if cur[0] <= a0 <= cur[1] + max_gap and cur[2] <= b0 <= cur[3] + max_gap and b1 > cur[3] - k:
                cur[1], cur[3], cur[4] = max(cur[1], a1), max(cur[3], b1), cur[4] + 1
                continue
            if a0 < cur[1]:  # another copy of words already aligned (a repeated phrase)
                continue
        passages.append([a0, a1, b0, b1, 1])
    return [(p[0], p[1], p[2], p[3], p[4]) for p in passages]
