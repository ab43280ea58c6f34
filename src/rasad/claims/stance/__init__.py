"""Stance between two claims: does the second agree with the first, contradict it (disagree), or
speak of something else (other)? A linear model over pair features (`features.py`) trained on the
ANS Arabic news-stance corpus (`rasad train stance`), shipped in `rasad/models/stance-NAME.*`:
`stance-NAME.json` (command, data sha256s, feature groups, parameters, scores) and
`stance-NAME.tsv.gz` (weights). Loaded lazily, once per process.

>>> label, probs = predict("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية")
>>> label, sorted(probs)
('disagree', ['agree', 'disagree', 'other'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rasad.claims.stance.features import pair_features
from rasad.claims.stance.linear import LinearModel
from rasad.errors import ModelMissingError
from rasad.extract.ner.model import models_dir

Label = Literal["agree", "disagree", "other"]
LABELS: tuple[Label, ...] = ("agree", "disagree", "other")
PRODUCT_MODEL = "ar"


@dataclass(frozen=True)
class StanceModel:
    """A trained stance classifier: its weights, the feature groups it uses, and its card."""

    name: str
    groups: tuple[str, ...]
    linear: LinearModel
    meta: dict[str, Any]

    def predict_many(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[Label, dict[str, float]]]:
        """The stance label and class probabilities of each (s1, s2) pair (embeddings in batches)."""
        cosines: list[float | None] = [None] * len(pairs)
        if "cosine" in self.groups:
            from rasad.claims.stance.embed import vectors

            vecs = vectors([s for pair in pairs for s in pair])
            cosines = [float(vecs[2 * i] @ vecs[2 * i + 1]) for i in range(len(pairs))]
        out: list[tuple[Label, dict[str, float]]] = []
        for (s1, s2), cos in zip(pairs, cosines, strict=True):
            label, probs = self.linear.predict(pair_features(s1, s2, self.groups, cos))
            out.append((_label(label), probs))
        return out


def _label(name: str) -> Label:
    for label in LABELS:
        if label == name:
            return label
    raise ModelMissingError(f"the stance model has an unknown label {name!r}; retrain it (rasad train stance)")


def open_model(folder: Path, name: str) -> StanceModel:
    """The model `stance-NAME` in `folder`."""
    card, weights = folder / f"stance-{name}.json", folder / f"stance-{name}.tsv.gz"
    if not card.is_file() or not weights.is_file():
        raise ModelMissingError(f"stance model {name!r} is missing from {folder}; train it with rasad train stance")
    meta = json.loads(card.read_text(encoding="utf-8"))
    return StanceModel(name, tuple(meta["feature_groups"]), LinearModel.load(weights), meta)


@cache
def load_model(name: str = PRODUCT_MODEL) -> StanceModel:
    """The shipped model `name` (once per process)."""
    return open_model(models_dir(), name)


def predict(s1: str, s2: str) -> tuple[Label, dict[str, float]]:
    """The stance of claim `s2` towards claim `s1` with the shipped model: (label, probabilities).

    >>> predict("الجيش ينسحب من البلدة", "الجيش ينسحب من البلدة")[0]
    'agree'
    """
    return load_model().predict_many([(s1, s2)])[0]
