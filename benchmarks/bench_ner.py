"""Tagging speed of the shipped NER models on one core: tokens/s and peak RSS.

    .venv/bin/python benchmarks/bench_ner.py [--data ../shared/data]

Tags the ANERcorp test sentences (ar) and the PEYMA test sentences (fa) with the product path
(features + CRF), after the model is loaded, and prints tokens/s per language and the peak RSS.
English: spaCy's NER (`rasad.extract.ner.english`) on the shipped en-news gold paragraphs, words/s
(CPU time).
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


def bench_english() -> float:
    """Words per CPU second of the English model on the en-news paragraphs (after loading it)."""
    from rasad.eval.ner_en import EN_SETS, read_gold
    from rasad.extract.ner.english import predict_english

    texts = [doc["text"] for doc in read_gold(EN_SETS["en-news"])]
    predict_english(texts[0])  # load
    started = time.process_time()
    for text in texts:
        predict_english(text)
    return sum(len(t.split()) for t in texts) / (time.process_time() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description="NER tagging speed")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    for lang in ("ar", "fa"):
        print(f"{lang}: {bench(lang, args.data):,.0f} tokens/s")
    print(f"en: {bench_english():,.0f} words/s (spaCy NER only, 50-word paragraphs)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
