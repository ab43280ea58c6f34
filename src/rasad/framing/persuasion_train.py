"""Train the shipped persuasion model on the ArMPro dev split, choosing the L2 penalty and each
technique's threshold by cross-validation on that split.

    rasad train persuasion --data ../shared/data
    rasad train persuasion --data ../shared/data --name ar-try --out /tmp/m --l2 1,3,10

Techniques with at least `--min-paragraphs` training paragraphs get a logistic regression each
(class-balanced, L2, full-batch Adam in numpy, over `rasad.framing.persuasion.paragraph_features`).
Writes `persuasion-NAME.tsv.gz` (weights) and `persuasion-NAME.json` (command, data sha256s,
techniques, thresholds, parameters, the cross-validated score of every L2 tried, dev and test scores)
to `--out` (default: the package's models/). The test split is scored once, after every choice.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rasad.claims.stance.linear import LinearModel
from rasad.eval.common import add_model_train_arguments
from rasad.eval.persuasion import (
    ARMPRO_DIR,
    NO_TECHNIQUE,
    SPLITS,
    TRAIN_SPLIT,
    Example,
    evaluate,
    read_split,
    score,
    split_path,
    with_no_technique,
)
from rasad.extract.ner.datasets import sha256_file
from rasad.extract.ner.model import models_dir
from rasad.framing.persuasion import BIAS, PRODUCT_MODEL, model_paths, paragraph_features

DEFAULT_L2 = (3.0, 10.0, 30.0)
FOLDS = 5
ITERATIONS = 300
LEARNING_RATE = 0.05
MIN_PARAGRAPHS = 15
MIN_WEIGHT = 1e-3
MIN_DF = 2  # a feature must occur in this many training paragraphs
THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.1, 0.96, 0.05))
NEVER = 1.01  # a threshold no probability reaches: the technique is not reported

Row = dict[str, float]


def feature_rows(texts: Sequence[str]) -> list[Row]:
    """The features of each paragraph, a repeated feature summed."""
    rows = []
    for text in texts:
        row: Row = {}
        for name, value in paragraph_features(text):
            row[name] = row.get(name, 0.0) + value
        rows.append(row)
    return rows


def fit(rows: Sequence[Row], y: np.ndarray, l2: float, iterations: int = ITERATIONS,
        learning_rate: float = LEARNING_RATE) -> tuple[dict[str, int], np.ndarray]:
    """One class-balanced logistic regression per column of `y` (n × k, 0/1) over the features seen in
    at least `MIN_DF` rows: (vocabulary, weights). The rows are few, so the matrix is dense."""
    df: Counter[str] = Counter(name for row in rows for name in row)
    vocab = {name: j for j, name in enumerate(sorted(n for n, c in df.items() if c >= MIN_DF or n == BIAS))}
    x = dense(rows, vocab)
    n, k = y.shape
    positives = y.sum(axis=0)
    pos_weight = (n - positives) / np.maximum(positives, 1)  # balanced: both classes weigh alike
    sample_weight = np.where(y > 0, pos_weight, 1.0).astype(np.float32)
    w = np.zeros((len(vocab), k), dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    beta1, beta2 = 0.9, 0.999
    for t in range(1, iterations + 1):
        p = 1 / (1 + np.exp(-(x @ w)))
        g = x.T @ ((p - y) * sample_weight / n) + l2 * w / n
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        w -= learning_rate * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + 1e-8)
    return vocab, w


def dense(rows: Sequence[Row], vocab: dict[str, int]) -> np.ndarray:
    """The rows as a dense float32 matrix over `vocab` (features outside it are dropped)."""
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for i, row in enumerate(rows):
        for name, value in row.items():
            j = vocab.get(name)
            if j is not None:
                x[i, j] = value
    return x


def probabilities(vocab: dict[str, int], w: np.ndarray, rows: Sequence[Row]) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-(dense(rows, vocab) @ w))), dtype=float)


def _label_matrix(data: Sequence[Example], techniques: Sequence[str]) -> np.ndarray:
    return np.array([[1.0 if t in labels else 0.0 for t in techniques] for _, labels in data], dtype=np.float32)


def _predicted(probs: np.ndarray, techniques: Sequence[str], thresholds: Sequence[float]) -> list[frozenset[str]]:
    return [with_no_technique([t for t, p, th in zip(techniques, row, thresholds, strict=True) if p >= th])
            for row in probs]


def best_thresholds(probs: np.ndarray, y: np.ndarray, gold: Sequence[frozenset[str]],
                    techniques: Sequence[str]) -> list[float]:
    """Thresholds (one per technique; above 1 means never) that maximise the mean of micro- and
    macro-F1 (as `rasad eval persuasion` scores them) on these out-of-fold probabilities, by
    coordinate ascent from "never"."""
    thresholds = [NEVER] * len(techniques)
    best = _objective(probs, thresholds, gold, techniques)
    for _ in range(2):
        for j in range(len(techniques)):
            for th in (*THRESHOLDS, NEVER):
                trial = [*thresholds[:j], th, *thresholds[j + 1:]]
                value = _objective(probs, trial, gold, techniques)
                if value > best + 1e-9:
                    best, thresholds = value, trial
    return thresholds


def _objective(probs: np.ndarray, thresholds: Sequence[float], gold: Sequence[frozenset[str]],
               techniques: Sequence[str]) -> float:
    result = score(gold, _predicted(probs, techniques, thresholds))
    return (result["micro_f1"] + result["macro_f1"]) / 2


def cross_validate(rows: Sequence[Row], y: np.ndarray, l2: float) -> np.ndarray:
    """Out-of-fold probabilities: fold f holds the paragraphs whose index is f modulo `FOLDS`."""
    out = np.zeros_like(y)
    index = np.arange(len(rows))
    for fold in range(FOLDS):
        held = index % FOLDS == fold
        vocab, w = fit([r for r, h in zip(rows, held, strict=True) if not h], y[~held], l2)
        out[held] = probabilities(vocab, w, [r for r, h in zip(rows, held, strict=True) if h])
    return out


def train(data_dir: Path, out_dir: Path, name: str, l2_grid: Sequence[float], min_paragraphs: int,
          command: str) -> dict[str, Any]:
    """Choose the L2 and thresholds by cross-validation on dev, fit on all of dev, write the model."""
    started = time.process_time()
    data = read_split(split_path(data_dir, TRAIN_SPLIT))
    counts = Counter(label for _, labels in data for label in labels if label != NO_TECHNIQUE)
    techniques = sorted(t for t, n in counts.items() if n >= min_paragraphs)
    rows = feature_rows([text for text, _ in data])
    y = _label_matrix(data, techniques)
    gold = [labels for _, labels in data]
    tuning: dict[str, dict[str, float]] = {}
    best: tuple[float, float, list[float]] | None = None
    for l2 in l2_grid:
        oof = cross_validate(rows, y, l2)
        thresholds = best_thresholds(oof, y, gold, techniques)
        result = score(gold, _predicted(oof, techniques, thresholds))
        tuning[f"{l2:g}"] = {"micro_f1": result["micro_f1"], "macro_f1": result["macro_f1"]}
        print(f"l2 {l2:g}: cross-validated micro-F1 {result['micro_f1']:.4f} macro-F1 {result['macro_f1']:.4f}",
              flush=True)
        objective = (result["micro_f1"] + result["macro_f1"]) / 2
        if best is None or objective > best[0]:
            best = (objective, l2, thresholds)
    assert best is not None
    _, l2, thresholds = best
    vocab, w = fit(rows, y, l2)
    kept = {feature: tuple(float(x) for x in w[j]) for feature, j in vocab.items() if np.abs(w[j]).max() >= MIN_WEIGHT}
    out_dir.mkdir(parents=True, exist_ok=True)
    card_path, weights_path = model_paths(out_dir, name)
    LinearModel(tuple(techniques), kept).save(weights_path)
    meta: dict[str, Any] = {
        "name": name,
        "lang": "ar",
        "command": command,
        "algorithm": "one logistic regression per technique, balanced class weights, L2, full-batch Adam (numpy); "
                     "features: word keys, forms without proclitics, word bigrams, character 3-4-grams, length",
        "techniques": techniques,
        "thresholds": dict(zip(techniques, thresholds, strict=True)),
        "params": {"l2": l2, "iterations": ITERATIONS, "learning_rate": LEARNING_RATE, "folds": FOLDS,
                   "min_paragraphs": min_paragraphs},
        "tuning_cv_dev": tuning,
        "trained_on": {"armpro": TRAIN_SPLIT},
        "features": len(kept),
        "licence": "ArMPro, CC BY-NC-SA 4.0 (Hasanain, Ahmad and Alam, LREC-COLING 2024)",
        "data_sha256": {str(ARMPRO_DIR / f"multilabel_{s}.jsonl"): sha256_file(split_path(data_dir, s))
                        for s in SPLITS},
        "scores": {},
    }
    card_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for split in SPLITS:  # score what was written, as it will be loaded
        result = evaluate(data_dir, split, name, out_dir)
        meta["scores"][split] = {k: result[k] for k in ("micro_f1", "macro_f1", "baselines")}
    meta["train_cpu_seconds"] = round(time.process_time() - started, 1)
    card_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


def arguments() -> argparse.ArgumentParser:
    """The options of `rasad train persuasion`."""
    parser = argparse.ArgumentParser(
        prog="rasad train persuasion", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_model_train_arguments(parser, "persuasion/", PRODUCT_MODEL)
    parser.add_argument("--l2", default=",".join(f"{x:g}" for x in DEFAULT_L2), help="L2 penalties to try")
    parser.add_argument("--min-paragraphs", type=int, default=MIN_PARAGRAPHS,
                        help=f"train a technique seen in at least this many paragraphs (default {MIN_PARAGRAPHS})")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = arguments().parse_args(argv)
    out_dir = args.out or models_dir()
    l2_grid = tuple(float(x) for x in args.l2.split(","))
    command = " ".join(["rasad train persuasion", *(argv if argv is not None else sys.argv[1:])])
    try:
        meta = train(args.data, out_dir, args.name, l2_grid, args.min_paragraphs, command)
    except FileNotFoundError as exc:
        print(f"rasad train persuasion: {exc}", file=sys.stderr)
        return 2
    for split, result in meta["scores"].items():
        base = result["baselines"]
        print(f"{split}: micro-F1 {result['micro_f1']:.4f} macro-F1 {result['macro_f1']:.4f}  "
              f"(majority {base['majority']['micro_f1']:.4f}/{base['majority']['macro_f1']:.4f}, "
              f"random {base['random']['micro_f1']:.4f}/{base['random']['macro_f1']:.4f})")
    print(f"{meta['features']} features, {len(meta['techniques'])} techniques, l2 {meta['params']['l2']:g}, "
          f"{meta['train_cpu_seconds']} CPU s → {out_dir}/persuasion-{meta['name']}.tsv.gz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
