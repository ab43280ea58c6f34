"""Tagging with a CRFsuite model's weights in numpy: the same Viterbi path and marginals as
`pycrfsuite.Tagger`, without handing it every feature string of every word.

A first-order CRF scores a sentence as the sum of state weights (attribute, label) of each word's
attributes plus transition weights (label, next label). A word's attributes are its own strings and
its strings as the neighbour of the words around it (`features._token_pairs`), so the state scores
they add up to are kept per word (`WordScores`: one row per role) and a sentence's scores are a few
shifted sums of those rows. Sums in another order than CRFsuite's differ only in the last bits of a
float: the same tags, and the same marginals to the 4 places `span_score` keeps.

>>> crf = LinearCrf(("O", "B-LOC"), {b"w=x": 0}, np.array([[0.0, 2.0], [0.0, 0.0]]), np.zeros((2, 2)))
>>> crf.viterbi(crf.state_sum([b"w=x"])[None, :])
['B-LOC']
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasad.extract.ner.features import (
    OFFSETS,
    Resources,
    Tables,
    _split,
    _table_base,
    _table_pairs,
    _word_base,
    _word_pairs,
    known_features,
    token_tables,
)
from rasad.limits import MEMO_WORDS


@dataclass(eq=False)  # hashed by identity: it keys the per-word score cache
class LinearCrf:
    """A CRFsuite model's labels, attribute rows, state weights (attributes × labels) and transition
    weights (label × next label); the last row of `state` is zeros (no attribute)."""

    labels: tuple[str, ...]
    rows: dict[bytes, int]  # attribute (UTF-8) → row of `state`
    state: np.ndarray
    trans: np.ndarray

    @classmethod
    def from_file(cls, crf: Path, labels: Sequence[str]) -> LinearCrf | None:
        """The exact weights of a CRFsuite model file (`crf1dm.c` layout, little-endian: a 48-byte
        header, the features chunk of (type, source, destination, float64 weight) records, the
        attribute CQDB); `labels` in id order (`Tagger.labels()`). None for a layout it cannot read.
        """
        data = crf.read_bytes()
        if data[:4] != b"lCRF" or len(data) < 48:
            return None
        n_labels, n_attributes, features_at = struct.unpack_from("<III", data, 20)
        if data[features_at : features_at + 4] != b"FEAT" or n_labels != len(labels):
            return None
        names = attribute_names(data)
        if names is None or len(names) != n_attributes:
            return None
        state = np.zeros((n_attributes, n_labels))
        trans = np.zeros((n_labels, n_labels))
        (count,) = struct.unpack_from("<I", data, features_at + 8)
        records = data[features_at + 12 : features_at + 12 + 20 * count]
        for kind, source, target, weight in struct.iter_unpack("<IIId", records):
            (state if kind == 0 else trans)[source, target] = weight
        state = np.vstack([state, np.zeros((1, n_labels))])  # the zero row
        return cls(tuple(labels), {name: i for i, name in enumerate(names)}, state, trans)

    @property
    def zero_row(self) -> int:
        """The row of `state` that weighs nothing (its last)."""
        return len(self.state) - 1

    def pair_rows(self, known: frozenset[str]) -> dict[tuple[str, str], int]:
        """The rows of the attributes in `known`, by (prefix, value) (`features._split`)."""
        return _pair_rows(self, known)

    def state_sum(self, attributes: list[bytes] | tuple[bytes, ...]) -> np.ndarray:
        """The summed state weights of `attributes` (unknown ones weigh nothing), one per label."""
        found = [self.rows[a] for a in attributes if a in self.rows]
        return self.state[found].sum(axis=0) if found else np.zeros(len(self.labels))

    def viterbi(self, scores: np.ndarray) -> list[str]:
        """The best label path for a sentence's state scores (words × labels), as CRFsuite finds it
        (on equal scores, the lower label id)."""
        return self.viterbi_many([scores])[0]

    def viterbi_many(self, sentences: Sequence[np.ndarray]) -> list[list[str]]:
        """`viterbi` of several sentences at once (one numpy step per word position, not per word)."""
        lengths = np.array([len(s) for s in sentences])
        scores = _padded(sentences)  # position × sentence × label
        n_words, n_sentences, n_labels = scores.shape
        back = np.empty(scores.shape, dtype=np.intp)
        bests = np.empty_like(scores)  # the best path's score ending in each label, by position
        bests[0] = scores[0]
        # sentence × to × from: the best "from" is a reduction along the last (contiguous) axis, and
        # the best score is read at the argmax (`max` costs twice an `argmax` on such small arrays).
        candidates = np.empty((n_sentences, n_labels, n_labels))
        flat = candidates.reshape(-1)
        cells = np.arange(n_sentences * n_labels).reshape(n_sentences, n_labels) * n_labels
        to_from = np.ascontiguousarray(self.trans.T)
        for t in range(1, n_words):
            np.add(bests[t - 1][:, None, :], to_from, out=candidates)
            chosen = back[t] = candidates.argmax(axis=2)
            np.add(flat.take(cells + chosen), scores[t], out=bests[t])
        # Past a sentence's end its back links stay on the same label, so following the back links
        # of every sentence at once, one numpy step per position, reaches each one's last word with
        # the label it ends on (listing the whole array cost more than the decoding).
        back[np.arange(n_words)[:, None] >= lengths] = np.arange(n_labels)
        label_at = np.empty((n_words, n_sentences), dtype=np.intp)
        current = label_at[-1] = bests[lengths - 1, np.arange(n_sentences)].argmax(axis=1)
        links, firsts = back.reshape(-1), np.arange(n_sentences) * n_labels  # back[t, s, l] is links[(t*S + s)*L + l]
        for t in range(n_words - 1, 0, -1):
            current = label_at[t - 1] = links.take(firsts + (t * n_sentences * n_labels) + current)
        rows: list[list[int]] = label_at.T.tolist()
        return [[self.labels[i] for i in row[:n]] for row, n in zip(rows, lengths.tolist(), strict=True)]

    def marginals(self, scores: np.ndarray) -> np.ndarray:
        """p(label at word t) for a sentence's state scores (words × labels): forward-backward,
        each step rescaled."""
        return self.marginals_many([scores])[0]

    def marginals_many(self, sentences: Sequence[np.ndarray]) -> list[np.ndarray]:
        """`marginals` of several sentences at once."""
        lengths = np.array([len(s) for s in sentences])
        scores = _padded(sentences)
        weights = np.exp(scores - scores.max(axis=2, keepdims=True))
        moves = np.exp(self.trans)
        moves_back = moves.T
        total = np.add.reduce  # `ndarray.sum` without its Python wrapper: the same sums
        alpha = np.empty_like(weights)
        beta = np.ones_like(weights)
        alpha[0] = weights[0] / total(weights[0], axis=1, keepdims=True)
        for t in range(1, len(weights)):
            step = (alpha[t - 1] @ moves) * weights[t]
            np.divide(step, total(step, axis=1, keepdims=True), out=alpha[t])
        inside = (np.arange(len(weights))[:, None] < lengths - 1)[:, :, None]  # words after position t
        for t in range(len(weights) - 2, -1, -1):
            step = (weights[t + 1] * beta[t + 1]) @ moves_back
            np.divide(step, total(step, axis=1, keepdims=True), out=beta[t], where=inside[t])
        joint = alpha * beta
        joint /= total(joint, axis=2, keepdims=True)
        return [joint[:n, k] for k, n in enumerate(lengths)]

    def label_id(self, label: str) -> int:
        return self.labels.index(label)


@lru_cache(maxsize=4)
def _pair_rows(crf: LinearCrf, known: frozenset[str]) -> dict[tuple[str, str], int]:
    split: dict[tuple[str, str], int] = {}
    for name, row in crf.rows.items():
        text = name.decode("utf-8", "replace")
        if text in known:
            split[_split(text)] = row
    return split


def _padded(sentences: Sequence[np.ndarray]) -> np.ndarray:
    """Sentences' scores (words × labels each) as one array, position × sentence × label, zeros after
    a sentence's end."""
    out = np.zeros((max(len(s) for s in sentences), len(sentences), sentences[0].shape[1]))
    for k, sentence in enumerate(sentences):
        out[: len(sentence), k] = sentence
    return out


def attribute_names(data: bytes) -> list[bytes] | None:
    """The attribute strings of a CRFsuite model file, by attribute id (UTF-8, as stored): its
    attribute CQDB's backward array lists every record (id, key size, key with a NUL) by id. None
    when the layout is not the one expected.
    """
    count, base = struct.unpack_from("<I", data, 24)[0], struct.unpack_from("<I", data, 36)[0]
    if data[base : base + 4] != b"CQDB":
        return None
    bwd_size, bwd_offset = struct.unpack_from("<II", data, base + 16)
    by_id: dict[int, bytes] = {}
    for (record,) in struct.iter_unpack("<I", data[base + bwd_offset : base + bwd_offset + 4 * bwd_size]):
        if record:
            key_id, size = struct.unpack_from("<II", data, base + record)
            by_id[key_id] = data[base + record + 8 : base + record + 7 + size]
    if sorted(by_id) != list(range(count)):
        return None
    return [by_id[i] for i in range(count)]


# Words whose scores are kept (about 600 bytes each; the tagger's strings took 1.9 kB a word).
SCORED_WORDS = 2 * MEMO_WORDS


@lru_cache(maxsize=SCORED_WORDS)
def word_scores(word: str, lang: str, res: Resources, known: frozenset[str], crf: LinearCrf) -> tuple[str, np.ndarray]:
    """A word's normalized form and the state scores its strings add (`features._token_pairs`,
    only those in `known`): row 0 its own, rows 1-4 as the neighbour at -2, -1, +1, +2."""
    base = _word_base(word, lang)
    own, neighbour = _word_pairs(word, base)
    clusters, vectors, gazetteer = token_tables(base["w"], base["st"], res)
    tables = zip(_table_rows((clusters, None, None), crf, known), _table_rows((None, vectors, None), crf, known),
                 _table_rows((None, None, gazetteer), crf, known), strict=True)
    rows = crf.pair_rows(known)
    ids: list[int] = []
    cuts: list[int] = []
    for pairs, (by_clusters, by_vectors, by_gazetteer) in zip((own, *(neighbour[off] for off in OFFSETS)), tables,
                                                             strict=True):
        cuts.append(len(ids))
        ids.append(crf.zero_row)  # no role is empty (`reduceat`), and adding 0.0 changes no sum
        ids.extend([row for row in map(rows.get, pairs) if row is not None])
        ids += by_clusters + by_vectors + by_gazetteer
    return base["w"], np.add.reduceat(crf.state.take(ids, axis=0), cuts, axis=0)


@lru_cache(maxsize=MEMO_WORDS)
def _table_rows(tables: Tables, crf: LinearCrf, known: frozenset[str]) -> tuple[tuple[int, ...], ...]:
    """The rows of the strings a word's clusters, vector clusters or gazetteer labels give
    (`features._table_pairs`), own and as the neighbour at each offset: words share these tables, so
    a new word seldom brings a new one. Each table's strings follow the other's in every role, so the
    three parts of a word join in order."""
    rows = crf.pair_rows(known)
    own, neighbour = _table_pairs(_table_base(*tables))
    return tuple(tuple(row for row in map(rows.get, pairs) if row is not None) for pairs in (own, *neighbour))


def sentence_scores(
    words: list[str], lang: str, res: Resources, known: frozenset[str], crf: LinearCrf, extra: tuple[str, ...] = ()
) -> np.ndarray:
    """The state scores (words × labels) of the strings `features.sentence_items` gives each word.

    >>> crf = LinearCrf(("O", "B-LOC"), {"-1:w=في".encode(): 0}, np.array([[0.0, 2.0], [0.0, 0.0]]), np.zeros((2, 2)))
    >>> sentence_scores(["في", "دمشق"], "ar", Resources(), frozenset({"-1:w=في"}), crf).tolist()
    [[0.0, 0.0], [0.0, 2.0]]
    """
    tokens = [word_scores(word, lang, res, known, crf) for word in words]
    parts = np.concatenate([rows for _, rows in tokens]).reshape(len(words), len(OFFSETS) + 1, -1)
    scores: np.ndarray = parts[:, 0].copy()
    scores[2:] += parts[:-2, 1]
    scores[1:] += parts[:-1, 2]
    scores[:-1] += parts[1:, 3]
    scores[:-2] += parts[2:, 4]
    fixed = _sentence_rows(crf, known, extra)
    scores[0] += fixed.bos
    scores[-1] += fixed.eos
    # Each word's bigram strings (before, after; the zero row for one the model does not know), summed
    # as `state_sum` sums them: r1 + r2, and 0.0 + r for one (adding 0.0 changes no sum).
    normalized = [n for n, _ in tokens]
    zero = crf.zero_row
    before = [fixed.before.get(pair, zero) for pair in zip(["<s>", *normalized[:-1]], normalized, strict=True)]
    after = [fixed.after.get(pair, zero) for pair in zip(normalized, [*normalized[1:], "</s>"], strict=True)]
    scores += crf.state[before] + crf.state[after]
    if extra:
        scores += fixed.extra
    return scores


@dataclass(frozen=True)
class _SentenceRows:
    """What `sentence_scores` adds besides the words' own rows: the BOS, EOS and `extra` state sums,
    and the rows of the bigram strings by (left word, right word)."""

    bos: np.ndarray
    eos: np.ndarray
    extra: np.ndarray
    before: dict[tuple[str, str], int]
    after: dict[tuple[str, str], int]


@lru_cache(maxsize=8)
def _sentence_rows(crf: LinearCrf, known: frozenset[str], extra: tuple[str, ...]) -> _SentenceRows:
    split = known_features(known)
    before = {pair: crf.rows[b] for pair, b in split.before.items() if b in crf.rows}
    after = {pair: crf.rows[b] for pair, b in split.after.items() if b in crf.rows}
    return _SentenceRows(crf.state_sum([b"BOS"]), crf.state_sum([b"EOS"]),
                         crf.state_sum([s.encode() for s in extra]), before, after)
