"""Persuasion techniques in Arabic paragraphs: one logistic regression per technique over the words
of a paragraph (matching keys, forms without proclitics, word bigrams, character n-grams of each
word) and its length, trained on the ArMPro dev split (`rasad train persuasion`) and shipped as
`models/persuasion-NAME.json` (card: techniques, thresholds, scores) and
`models/persuasion-NAME.tsv.gz` (weights). A technique is reported when its probability reaches
the threshold chosen for it by cross-validation. Loaded lazily, once per process.

A paragraph's score is the sum of its words' weight vectors (cached per word), its bigrams' and
its length's, so predicting costs a few dictionary lookups per word.

>>> found = predict("إن هذا العدوان الغاشم والجبان لن يمر دون عقاب، وسيدفع المعتدون ثمن جرائمهم البشعة")
>>> len(found) > 0 and all(t["name"] in load_model().techniques and 0 < t["score"] <= 1 for t in found)
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

import numpy as np

from rasad.claims.stance.linear import LinearModel
from rasad.errors import ModelMissingError
from rasad.extract.ner.features import norm, stem
from rasad.extract.ner.model import _clusters as cluster_table
from rasad.extract.ner.model import models_dir
from rasad.extract.phrases import key
from rasad.limits import MEMO_WORDS
from rasad.text.tokens import words

PRODUCT_MODEL = "ar"
CLUSTERS = "clusters-ar.tsv.gz"  # word clusters (Brown-style paths a/b/c), as the Arabic NER model reads them
BIAS = "bias"
CHAR_NGRAMS = (3, 4)
MIN_WORDS = 6  # shorter paragraphs (headings, credits) are not scored
PUNCT = "!؟?«»\"“”"


def word_parts(word: str) -> tuple[str, list[str], list[str], tuple[str, ...]]:
    """What one word adds to its paragraph: its matching key, its forms (the key, and its stem
    without proclitics and article as the NER model strips them), the character n-grams of the stem,
    and the word's cluster path.

    >>> key, forms, grams, path = word_parts("وبالجيش")
    >>> forms, grams[:2]
    (['وبالجيش', 'جيش'], ['<جي', 'جيش'])
    """
    folded = key(word)
    base = stem(folded, "ar")[0]
    padded = f"<{base}>"
    grams = [padded[i:i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]
    folded_ner = norm(word, "ar")
    clusters = word_clusters()
    path = clusters.get(folded_ner) or clusters.get(stem(folded_ner, "ar")[0]) or ()
    return folded, [folded] if base == folded else [folded, base], grams, tuple(c for c in path if c)


def word_features(word: str) -> list[str]:
    """The feature names of one word (`word_parts` with the prefixes `w:`, `c:`, `k:`).

    >>> word_features("وبالجيش")[:4]
    ['w:وبالجيش', 'w:جيش', 'c:<جي', 'c:جيش']
    """
    _, forms, grams, path = word_parts(word)
    return [f"w:{f}" for f in forms] + [f"c:{g}" for g in grams] + [f"k:{c}" for c in path]


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """The Arabic word clusters the NER model uses (`models/clusters-ar.tsv.gz`, shared with it)."""
    return cluster_table(str(models_dir() / CLUSTERS))


def paragraph_words(text: str) -> list[str]:
    """The words of a paragraph (the `name` tokens: letters, digits, marks)."""
    return words(text, "name")


def length_feature(n_words: int) -> str:
    """A feature for the paragraph's length in words, in powers of two."""
    return f"len:{min(int(math.log2(max(n_words, 1))), 8)}"


def paragraph_features(text: str) -> Iterator[tuple[str, float]]:
    """Every (feature, value) of one paragraph, as training sees it; `PersuasionModel.scores`
    computes the same sum without listing them.

    >>> dict(paragraph_features("قال الوزير")).get("b:قال الوزير")
    0.7071
    """
    tokens = paragraph_words(text)
    scale = round(1 / math.sqrt(max(len(tokens), 1)), 4)
    yield BIAS, 1.0
    yield length_feature(len(tokens)), 1.0
    for ch in sorted(set(text) & set(PUNCT)):
        yield f"p:{ch}", 1.0
    keys = [key(w) for w in tokens]
    for word in tokens:
        for name in word_features(word):
            yield name, scale
    for a, b in pairwise(keys):
        yield f"b:{a} {b}", scale


@dataclass
class PersuasionModel:
    """A trained model: techniques, per-technique thresholds, weights (features × techniques), card."""

    name: str
    techniques: tuple[str, ...]
    thresholds: np.ndarray
    index: dict[str, int]
    weights: np.ndarray
    meta: dict[str, Any]
    bigrams: dict[tuple[str, str], int]  # the rows of the `b:` features, by their two word keys
    by_kind: dict[str, dict[str, int]]  # the rows of the `w:`, `c:`, `k:` features, by kind, without the prefix
    # a word's key and feature rows (`_word_rows`), memoised: set after init
    word_rows: Callable[[str], tuple[str, tuple[int, ...]]] = field(init=False, repr=False, compare=False)

    @classmethod
    def of(cls, name: str, linear: LinearModel, thresholds: Sequence[float], meta: dict[str, Any]) -> PersuasionModel:
        names = sorted(linear.weights)
        weights = np.array([linear.weights[n] for n in names]) if names else np.zeros((0, len(linear.labels)))
        bigrams = {(a, b): i for i, n in enumerate(names) if n.startswith("b:") for a, b in [n[2:].split(" ", 1)]}
        by_kind: dict[str, dict[str, int]] = {"w": {}, "c": {}, "k": {}}
        for i, n in enumerate(names):
            if n[:2] in ("w:", "c:", "k:"):
                by_kind[n[0]][n[2:]] = i
        return cls(name, linear.labels, np.asarray(thresholds, dtype=float), {n: i for i, n in enumerate(names)},
                   weights, meta, bigrams, by_kind)

    def scores(self, text: str, words: Sequence[str] | None = None) -> np.ndarray:
        """The probability of each technique in one paragraph (`words`: its `paragraph_words`, when
        the caller has them)."""
        words = paragraph_words(text) if words is None else words
        outer = [self.index.get(name) for name in (BIAS, length_feature(len(words)),
                                                    *(f"p:{ch}" for ch in set(text) & set(PUNCT)))]
        keys, word_rows = zip(*map(self.word_rows, words), strict=True) if words else ((), ())
        inner = list(chain.from_iterable(word_rows))
        bigrams = (self.bigrams.get(pair) for pair in pairwise(keys))
        inner += [j for j in bigrams if j is not None]
        scale = round(1 / math.sqrt(max(len(words), 1)), 4)
        total = self.weights[[j for j in outer if j is not None]].sum(axis=0) + scale * self._rows_sum(inner)
        return np.asarray(1 / (1 + np.exp(-total)))

    def _rows_sum(self, rows: list[int]) -> np.ndarray:
        """The sum of some rows of the weights, in order (`take`: faster than indexing with a list)."""
        return (self.weights.take(rows, axis=0) if rows else self.weights[rows]).sum(axis=0)

    def predict(self, text: str, words: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """`[{name, score}]` of the techniques at or above their thresholds, best first."""
        probs = self.scores(text, words)
        hits = [{"name": t, "score": round(float(p), 3)}
                for t, p, th in zip(self.techniques, probs, self.thresholds, strict=True) if p >= th]
        return sorted(hits, key=lambda h: -h["score"])

    def __post_init__(self) -> None:
        # memoised per model and keyed by the word alone (a string's hash is kept: a cheap lookup)
        self.word_rows = lru_cache(maxsize=MEMO_WORDS)(partial(_word_rows, self.by_kind))

    def __hash__(self) -> int:
        return id(self)


def _word_rows(by_kind: dict[str, dict[str, int]], word: str) -> tuple[str, tuple[int, ...]]:
    """A word's key (for bigrams) and the weight rows of its features (`PersuasionModel.by_kind`;
    the same as `word_features`, looked up by kind without building the prefixed names)."""
    folded, forms, grams, path = word_parts(word)
    words, pieces, clusters = by_kind["w"], by_kind["c"], by_kind["k"]
    rows = [*map(words.get, forms), *map(pieces.get, grams), *map(clusters.get, path)]
    return folded, tuple(j for j in rows if j is not None)


def model_paths(folder: Path, name: str) -> tuple[Path, Path]:
    """The card and weights files of model `persuasion-NAME` in `folder`."""
    return folder / f"persuasion-{name}.json", folder / f"persuasion-{name}.tsv.gz"


def open_model(folder: Path, name: str) -> PersuasionModel:
    """The model `persuasion-NAME` in `folder`."""
    card, weights = model_paths(folder, name)
    if not card.is_file() or not weights.is_file():
        raise ModelMissingError(f"persuasion model {name!r} is missing from {folder}; "
                                "train it with rasad train persuasion --data ../shared/data")
    meta = json.loads(card.read_text(encoding="utf-8"))
    linear = LinearModel.load(weights)
    return PersuasionModel.of(name, linear, [meta["thresholds"][t] for t in linear.labels], meta)


@cache
def load_model(name: str = PRODUCT_MODEL) -> PersuasionModel:
    """The shipped model `name` (once per process)."""
    return open_model(models_dir(), name)


def predict(text: str) -> list[dict[str, Any]]:
    """The persuasion techniques the shipped model finds in one Arabic paragraph: `[{name, score}]`."""
    return load_model().predict(text)
