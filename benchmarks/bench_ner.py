"""Tagging speed of the shipped NER models on one core: tokens/s and peak RSS.

    .venv/bin/python benchmarks/bench_ner.py [--data ../shared/data]

Tags the ANERcorp test sentences (ar) and the PEYMA test sentences (fa) with the product path
(features + CRF), after the model is loaded, and prints tokens/s per language and the peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from rasad.extract.ner.datasets import load_split
from rasad.extract.ner.model import PRODUCT_MODELS, load_model

ROOT = Path(__file__).resolve().parents[1]
CASES = {"ar": "anercorp", "fa": "peyma"}


def bench(lang: str, data_dir: Path, name: str | None = None) -> float:
    sentences = [s.words for s in load_split(CASES[lang], "test", data_dir)]
    model = load_model(name or PRODUCT_MODELS[lang])
    model.tag(sentences[0])  # warm up
    started = time.perf_counter()
    n = 0
    for words in sentences:
        model.tag(words)
        n += len(words)
    return n / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description="NER tagging speed")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    for lang in ("ar", "fa"):
        print(f"{lang}: {bench(lang, args.data):,.0f} tokens/s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
