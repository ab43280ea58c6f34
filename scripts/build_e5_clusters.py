"""Turn the e5 word vectors from `embed_vocab.py` into the shipped cluster tables (build time only).

    .venv/bin/python scripts/build_e5_clusters.py --data ../shared/data --work /tmp/rasad-e5 [--write fa,ar]

Method: the Persian and Arabic vectors are pooled (one multilingual space), centered and
PCA-whitened (top `--dims` components, each scaled to unit variance, so the crowded raw cosines
spread out), L2-normalized and clustered with spherical k-means at several granularities (fixed
seed). `e5clusters-LANG.tsv.gz` maps each normalized word to its cluster ids (`ea12,eb301,...`);
a language's own words come first, the other language's words fill in keys it lacks (Arabic news
words give Persian names and places a cluster). `--dev` writes tables without the words seen only in
the dev sentences to `WORK/dev/` (for choosing settings on dev honestly). Needs numpy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_clusters import kmeans
from embed_vocab import vocab

from rasad.extract.ner.features import norm
from rasad.extract.ner.model import write_table

SEED = 11
LANGS = ("fa", "ar")


def whiten(x: np.ndarray, dims: int) -> np.ndarray:
    """Center, project on the top `dims` principal components at unit variance, L2-normalize."""
    x = x - x.mean(axis=0)
    _u, s, vt = np.linalg.svd(x[:: max(1, len(x) // 50000)], full_matrices=False)
    proj = vt[:dims].T / (s[:dims] / np.sqrt(len(x[:: max(1, len(x) // 50000)])) + 1e-6)
    y = (x @ proj).astype(np.float32)
    return y / (np.linalg.norm(y, axis=1, keepdims=True) + 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("src/rasad/models"))
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--ks", default="64,256,1024")
    parser.add_argument("--dev", action="store_true")
    parser.add_argument("--write", default="fa", help="tables to write (both vector sets are pooled)")
    args = parser.parse_args(argv)
    words: list[tuple[str, str]] = []
    vecs = []
    for lang in LANGS:
        lw = (args.work / f"words-{lang}.txt").read_text(encoding="utf-8").split("\n")[:-1]
        v = np.load(args.work / f"vectors-{lang}.npy").astype(np.float32)
        words.extend((lang, w) for w in lw[: len(v)])
        vecs.append(v[: len(lw)])
    x = whiten(np.concatenate(vecs), args.dims)
    rng = np.random.default_rng(SEED)
    ids: list[list[str]] = [[] for _ in words]
    for level, k in enumerate(int(k) for k in args.ks.split(",")):
        labels = kmeans(x, k, rng)
        for i, lab in enumerate(labels.tolist()):
            ids[i].append(f"e{'abcdefgh'[level]}{lab}")
        print(f"k={k} done", flush=True)
    out_dir = args.work / "dev" if args.dev else args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    for lang in args.write.split(","):
        allowed = None
        if args.dev:
            allowed = {norm(w, lang) for w in vocab(lang, args.data, args.out, dev_free=True)}
            other = next(o for o in LANGS if o != lang)
            allowed |= {norm(w, lang) for w in vocab(other, args.data, args.out, dev_free=True)}
        table: dict[str, tuple[str, ...]] = {}
        for own in (True, False):
            for (wlang, word), wid in zip(words, ids, strict=True):
                if (wlang == lang) != own:
                    continue
                key = norm(word, lang)
                if key not in table and (allowed is None or key in allowed):
                    table[key] = tuple(wid)
        path = out_dir / f"e5clusters-{lang}.tsv.gz"
        write_table(path, table)
        print(f"wrote {len(table)} words → {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
