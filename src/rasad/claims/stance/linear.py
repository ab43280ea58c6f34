"""A small multinomial logistic regression (softmax) over sparse named features, in numpy.

Trained by full-batch Adam on the class-weighted cross-entropy with an L2 penalty; deterministic
(no sampling, weights start at zero). Rows are `{feature name: value}` mappings.

>>> rows = [{"bias": 1.0, "up": 1.0}, {"bias": 1.0, "down": 1.0}] * 4
>>> model = fit(rows, [0, 1] * 4, labels=("yes", "no"), l2=0.1, iterations=200)
>>> model.predict({"bias": 1.0, "up": 1.0})[0]
'yes'
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Row = Mapping[str, float]


@dataclass(frozen=True)
class SparseRows:
    """Rows in compressed sparse row form: `indptr` (n+1), column `indices`, `values`."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    width: int

    @classmethod
    def of(cls, rows: Sequence[Row], vocab: Mapping[str, int]) -> SparseRows:
        indptr, indices, values = [0], [], []
        for row in rows:
            for name, value in row.items():
                j = vocab.get(name)
                if j is not None and value:
                    indices.append(j)
                    values.append(float(value))
            indptr.append(len(indices))
        return cls(np.array(indptr), np.array(indices, dtype=np.int64), np.array(values), len(vocab))

    def _row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """rows @ weights (n × classes)."""
        out = np.zeros((len(self.indptr) - 1, weights.shape[1]))
        np.add.at(out, self._row_ids(), weights[self.indices] * self.values[:, None])
        return out

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        """rowsᵀ @ grad (width × classes)."""
        contrib = grad[self._row_ids()] * self.values[:, None]
        return np.column_stack([np.bincount(self.indices, weights=contrib[:, k], minlength=self.width)
                                for k in range(grad.shape[1])])


def softmax(scores: np.ndarray) -> np.ndarray:
    z = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return np.asarray(z / z.sum(axis=-1, keepdims=True))


@dataclass
class LinearModel:
    """Weights per feature name and class; `predict` scores one row."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, row: Row) -> dict[str, float]:
        scores = [0.0] * len(self.labels)
        for name, value in row.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    scores[k] += wk * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def predict(self, row: Row) -> tuple[str, dict[str, float]]:
        """The most probable label and every label's probability."""
        probs = self.probabilities(row)
        return max(probs, key=lambda k: probs[k]), probs

    def save(self, path: Path) -> None:
        """Write `feature<TAB>w1<TAB>w2…` lines (gzip, sorted, deterministic bytes)."""
        lines = ["#feature\t" + "\t".join(self.labels)]
        lines += [name + "\t" + "\t".join(f"{w:.5g}" for w in ws) for name, ws in sorted(self.weights.items())]
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
            out.write(("\n".join(lines) + "\n").encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        labels = tuple(lines[0].split("\t")[1:])
        weights = {}
        for line in lines[1:]:
            name, *ws = line.split("\t")
            weights[name] = tuple(float(w) for w in ws)
        return cls(labels, weights)


def fit(rows: Sequence[Row], y: Sequence[int], labels: tuple[str, ...], l2: float = 1.0,
        iterations: int = 400, learning_rate: float = 0.1, min_weight: float = 1e-4) -> LinearModel:
    """Train on `rows` with gold class indices `y`; classes are weighted inversely to their
    frequency (balanced), so rare classes count as much as common ones. Weights smaller than
    `min_weight` in every class are dropped from the model."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row.keys())
    vocab = {name: j for j, name in enumerate(sorted(counts))}
    x = SparseRows.of(rows, vocab)
    gold = np.asarray(y)
    k = len(labels)
    onehot = np.eye(k)[gold]
    freq = np.bincount(gold, minlength=k).astype(float)
    class_weight = np.where(freq > 0, len(gold) / (k * np.maximum(freq, 1)), 0.0)
    sample_weight = class_weight[gold]
    w = np.zeros((len(vocab), k))
    m, v = np.zeros_like(w), np.zeros_like(w)
    beta1, beta2 = 0.9, 0.999
    for t in range(1, iterations + 1):
        p = softmax(x.dot(w))
        g = x.tdot((p - onehot) * sample_weight[:, None] / sample_weight.sum()) + l2 * w / len(gold)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        w -= learning_rate * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + 1e-8)
    names = sorted(vocab, key=vocab.__getitem__)
    kept = {name: tuple(float(x) for x in w[j]) for j, name in enumerate(names) if np.abs(w[j]).max() >= min_weight}
    return LinearModel(labels, kept)
