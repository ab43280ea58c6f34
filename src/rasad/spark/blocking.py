"""The `stories` stage's candidate pairs computed on Spark: the same blocking as
`rasad.corpus.stories_link.candidate_pairs` (each article's `BLOCKING_KEYS` rarest keys held by 2 to
`MAX_BLOCK_DF` articles, pairs within the time window when both are dated), as Spark shuffles:

1. postings: key → the articles (index, event day) that hold it (`groupByKey`);
2. blocks: the keys held by 2 to `MAX_BLOCK_DF` articles (the only ones that propose pairs);
3. each article's rarest block keys (by document frequency, then key);
4. each chosen key joined with its block: the pairs within the window.

Never all pairs, and only the candidate pairs come back to the driver; the set is identical to the
local one, so the links, stories and their evidence are too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial

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
