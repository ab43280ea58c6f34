"""Build word-cluster tables for the NER features from unlabeled text (run once; output is shipped).

    PYTHONPATH=src .venv/bin/python scripts/build_clusters.py --lang ar --data ../shared/data
    PYTHONPATH=src .venv/bin/python scripts/build_clusters.py --lang fa --data ../shared/data

Method: positional co-occurrence counts (±1, ±2 words) of the most frequent words against the most
frequent context words → PPMI (context smoothing 0.75) → randomized SVD → unit vectors → k-means at
several granularities (spherical, fixed seed). Each word gets one cluster id per granularity.
Arabic text: the SaudiNewsNet articles. Persian text: the training splits only (PEYMA train+dev,
ArmanPersoNER fold-1 train), never a test split. Needs numpy (build time only).
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rasad.extract.ner.datasets import load_split
from rasad.extract.ner.features import norm
from rasad.extract.ner.model import read_table, write_table
from rasad.extract.ner.tokenize import tokenize

SEED = 7


def arabic_text(data_dir: Path) -> Iterator[list[str]]:
    for zpath in sorted((data_dir / "news/ar/saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for member in zf.namelist():
                for art in json.loads(zf.read(member).decode("utf-8")):
                    for field in ("title", "content"):
                        text = art.get(field) or ""
                        for para in text.split("\n"):
                            words = [norm(t.text, "ar") for t in tokenize(para, "ar")]
                            if words:
                                yield words


def persian_text(data_dir: Path) -> Iterator[list[str]]:
    for dataset, split in (("peyma", "train"), ("peyma", "dev"), ("arman", "train")):
        for sent in load_split(dataset, split, data_dir):
            yield [norm(w, "fa") for w in sent.words]


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 25) -> np.ndarray:
    """Spherical k-means (rows of x are unit vectors); returns the cluster of each row."""
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        chunks = [np.argmax(x[i : i + 8192] @ centers.T, axis=1) for i in range(0, len(x), 8192)]
        labels = np.concatenate(chunks)
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
            else:
                centers[c] = x[rng.integers(len(x))]
    return labels


def build(
    sentences: Iterator[list[str]],
    vocab_size: int,
    context_size: int,
    min_count: int,
    dims: int,
    ks: list[int],
    offsets: list[int],
) -> dict[str, tuple[str, ...]]:
    sents = list(sentences)
    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, n in counts.most_common(vocab_size) if n >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    v, c = len(vocab), min(context_size, len(vocab))
    boundary = v  # id for out-of-vocabulary words and sentence breaks
    ids = np.fromiter((index.get(w, boundary) for s in sents for w in [*s, ""]), dtype=np.int64)
    print(f"{len(ids)} tokens, vocabulary {v}, contexts {c}")
    blocks = []
    for off in offsets:
        w, ctx = (ids[:-off], ids[off:]) if off > 0 else (ids[-off:], ids[:off])
        keep = (w < v) & (ctx < c)
        blocks.append(np.bincount(w[keep] * c + ctx[keep], minlength=v * c).reshape(v, c).astype(np.float32))
    m = np.concatenate(blocks, axis=1)
    total = m.sum()
    row = m.sum(axis=1, keepdims=True) + 1e-9
    col = m.sum(axis=0, keepdims=True) ** 0.75
    col = col / col.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(m / total / (row / total) / (col + 1e-12))
    m = np.maximum(pmi, 0, out=pmi).astype(np.float32)
    m[~np.isfinite(m)] = 0
    rng = np.random.default_rng(SEED)
    # randomized SVD
    q = m @ rng.standard_normal((m.shape[1], dims + 20)).astype(np.float32)
    for _ in range(2):
        q, _r = np.linalg.qr(q)
        q = m @ (m.T @ q)
    q, _r = np.linalg.qr(q)
    u_small, s, _vt = np.linalg.svd(q.T @ m, full_matrices=False)
    vectors = (q @ u_small[:, :dims]) * np.sqrt(s[:dims])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    table: dict[str, list[str]] = {w: [] for w in vocab}
    for level, k in enumerate(ks):
        labels = kmeans(vectors, k, rng)
        prefix = "abcdefgh"[level]
        for word, lab in zip(vocab, labels.tolist(), strict=True):
            table[word].append(f"{prefix}{lab}")
        print(f"k={k} done")
    return {w: tuple(vals) for w, vals in table.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", required=True, choices=["ar", "fa"])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("src/rasad/models"))
    parser.add_argument("--vocab", type=int, default=60000)
    parser.add_argument("--contexts", type=int, default=1500)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--ks", default="32,128,512")
    parser.add_argument("--also", type=Path, default=None, help="another cluster table to append")
    parser.add_argument("--offsets", default="-2,-1,1,2", help="context positions counted")
    args = parser.parse_args(argv)
    text = arabic_text(args.data) if args.lang == "ar" else persian_text(args.data)
    ks = [int(k) for k in args.ks.split(",")]
    offsets = [int(o) for o in args.offsets.split(",")]
    table = build(text, args.vocab, args.contexts, args.min_count, args.dims, ks, offsets)
    if args.also:
        # Add another language's clusters (e.g. Arabic news for Persian names) as extra columns.
        width = len(ks)
        other = read_table(args.also)
        extra_width = len(next(iter(other.values())))
        merged = {w: (*v, *[""] * extra_width) for w, v in table.items()}
        for word, ids in other.items():
            key = norm(word, args.lang)
            own = merged.get(key, ("",) * (width + extra_width))[:width]
            merged[key] = (*own, *("x" + i for i in ids))
        table = merged
    out = args.out / f"clusters-{args.lang}.tsv.gz"
    write_table(out, table)
    print(f"wrote {len(table)} words → {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
