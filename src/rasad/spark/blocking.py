"""The corpus stages' blocking on Spark: the same candidate pairs as the local engine's, computed as
Spark shuffles; never all pairs, and only the candidate pairs come back to the driver.

`group_pairs` (the `reuse` stage): the pairs of articles that share an LSH bucket of their MinHash
signatures, or shared anchor shingles, with how many keys each pair shares, as
`rasad.corpus.reuse.lsh.group_pairs` computes them with numpy.

`candidate_pairs` (the `stories` stage): the same blocking as
`rasad.corpus.stories_link.candidate_pairs` (each article's `BLOCKING_KEYS` rarest keys held by 2 to
`MAX_BLOCK_DF` articles, pairs within the time window when both are dated), as Spark shuffles:

1. postings: key → the articles (index, event day) that hold it (`groupByKey`);
2. blocks: the keys held by 2 to `MAX_BLOCK_DF` articles (the only ones that propose pairs);
3. each article's rarest block keys (by document frequency, then key);
4. each chosen key joined with its block: the pairs within the window.

The sets are identical to the local ones, so the links, stories, reuse pairs and their evidence are too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from operator import add

import numpy as np
import numpy.typing as npt

from rasad.corpus.stories_keys import StoryKeys
from rasad.corpus.stories_link import BLOCKING_KEYS, MAX_BLOCK_DF, WINDOW_DAYS

Holder = tuple[int, int | None]  # article index, event day


def _postings(row: tuple[int, int | None, list[str]]) -> Iterator[tuple[str, Holder]]:
    index, day, keys = row
    for key in keys:
        yield key, (index, day)


def _proposals(block: tuple[str, list[Holder]]) -> Iterator[tuple[int, tuple[int, str]]]:
    key, holders = block
    for index, _ in holders:
        yield index, (len(holders), key)


def _rarest(article: tuple[int, Iterable[tuple[int, str]]]) -> Iterator[tuple[str, int]]:
    index, keys = article
    for _, key in sorted(keys)[:BLOCKING_KEYS]:
        yield key, index


def _pairs(window: int, joined: tuple[str, tuple[int, list[Holder]]]) -> Iterator[tuple[int, int]]:
    _, (i, holders) = joined
    day = dict(holders)[i]
    for j, other in holders:
        if j == i or (day is not None and other is not None and abs(day - other) > window):
            continue
        yield (i, j) if i < j else (j, i)


def candidate_pairs(articles: Sequence[StoryKeys], window: int = WINDOW_DAYS) -> set[tuple[int, int]]:
    """Index pairs that share one of their rarest keys, computed on the active Spark session.

    >>> candidate_pairs.__module__
    'rasad.spark.blocking'
    """
    from rasad.spark.session import spark_session

    session, _ = spark_session()
    context = session.sparkContext
    rows = [(i, a.event_day, list(a.keys)) for i, a in enumerate(articles)]
    slices = max(1, min(len(rows), 4 * context.defaultParallelism))
    postings = context.parallelize(rows, slices).flatMap(_postings).groupByKey().mapValues(list)
    blocks = postings.filter(lambda block: 2 <= len(block[1]) <= MAX_BLOCK_DF).cache()
    chosen = blocks.flatMap(_proposals).groupByKey().flatMap(_rarest)
    pairs = chosen.join(blocks).flatMap(partial(_pairs, window)).distinct().collect()
    blocks.unpersist()
    return set(pairs)


def _group_members(max_group: int, group: tuple[int, list[int]]) -> Iterator[tuple[tuple[int, int], int]]:
    _, members = group
    if not 2 <= len(members) <= max_group:
        return
    for n, a in enumerate(members):  # every pair of positions, as the numpy version pairs them
        for b in members[n + 1:]:
            if a != b:
                yield (a, b) if a < b else (b, a), 1


def group_pairs(keys: npt.NDArray[np.uint64], members: npt.NDArray[np.int64],
                max_group: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Unique sorted pairs of distinct `members` that share a key (groups above `max_group` skipped),
    and the number of keys each pair shares: `rasad.corpus.reuse.lsh.group_pairs` on Spark.

    >>> group_pairs.__module__
    'rasad.spark.blocking'
    """
    from rasad.spark.session import spark_session

    session, _ = spark_session()
    context = session.sparkContext
    rows = list(zip(keys.tolist(), members.tolist(), strict=True))
    slices = max(1, min(len(rows), 4 * context.defaultParallelism))
    counted = (context.parallelize(rows, slices).groupByKey().mapValues(list)
               .flatMap(partial(_group_members, max_group)).reduceByKey(add).collect())
    if not counted:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    counted.sort()
    pairs = np.array([pair for pair, _ in counted], dtype=np.int64)
    return pairs, np.array([shared for _, shared in counted], dtype=np.int64)
