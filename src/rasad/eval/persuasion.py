"""`rasad eval persuasion`: micro- and macro-F1 of the shipped persuasion model on ArMPro (test split).

    rasad eval persuasion --data ../shared/data --json

ArMPro (`persuasion/ar/armpro/multilabel_{dev,test}.jsonl`, CC BY-NC-SA 4.0) labels Arabic news
paragraphs with the persuasion techniques they use (23 techniques; a paragraph without any is
`no_technique`). The model trains on dev (thresholds chosen by cross-validation on dev) and is scored
here on test, never used to choose anything (`--split dev` scores the training data). Every paragraph
carries the predicted techniques, or `no_technique` when none is predicted. Reported: micro-F1 over
all (paragraph, label) decisions and macro-F1 over the labels present in the gold set, per-label
precision / recall / F1, beside two baselines: majority-class (every paragraph gets the most frequent
label of the training split) and random (each label drawn with its training frequency; the mean of
ten seeded draws).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasad.eval.common import prf, print_scores, run_model_eval

ARMPRO_DIR = Path("persuasion") / "ar" / "armpro"
SPLITS = ("dev", "test")
TRAIN_SPLIT = "dev"
NO_TECHNIQUE = "no_technique"
RANDOM_SEEDS = 10

Example = tuple[str, frozenset[str]]


def split_path(data_dir: Path, split: str) -> Path:
    """The JSONL file of one ArMPro split under the shared data folder."""
    return data_dir / ARMPRO_DIR / f"multilabel_{split}.jsonl"


def read_split(path: Path) -> list[Example]:
    """(paragraph, techniques) of an ArMPro multilabel file; no technique gives `{no_technique}`."""
    if not path.is_file():
        raise FileNotFoundError(f"persuasion data {path} not found (pass --data, the shared data folder)")
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                out.append((row["paragraph"], frozenset(row["labels"]) or frozenset({NO_TECHNIQUE})))
    return out


def with_no_technique(labels: Sequence[str] | frozenset[str]) -> frozenset[str]:
    """The predicted labels, or `{no_technique}` when there are none."""
    return frozenset(labels) or frozenset({NO_TECHNIQUE})


def score(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> dict[str, Any]:
    """Micro-F1 over all (paragraph, label) decisions, macro-F1 over the gold labels, per label P/R/F1.

    >>> r = score([frozenset({"a"}), frozenset({"b"})], [frozenset({"a"}), frozenset({"a"})])
    >>> r["micro_f1"], r["macro_f1"]
    (0.5, 0.3333)
    """
    labels = sorted({label for g in gold for label in g})
    correct: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        n_gold.update(g)
        n_pred.update(p)
        correct.update(g & p)
    per_label = {label: {**prf(correct[label], n_pred[label], n_gold[label]), "gold": n_gold[label],
                         "predicted": n_pred[label]} for label in labels}
    for row in per_label.values():
        if not row["predicted"]:
            row.update(precision=0.0, f1=0.0)
    micro = prf(sum(correct.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {"micro_f1": micro["f1"], "micro_precision": micro["precision"], "micro_recall": micro["recall"],
            "macro_f1": round(sum(r["f1"] for r in per_label.values()) / max(len(labels), 1), 4),
            "per_label": per_label}


def baselines(train: Sequence[Example], gold: Sequence[frozenset[str]]) -> dict[str, dict[str, float]]:
    """Majority-class and (seeded, averaged) random baselines, scored like the model."""
    counts: Counter[str] = Counter(label for _, labels in train for label in labels)
    majority = counts.most_common(1)[0][0]
    out = {"majority": _headline(score(gold, [frozenset({majority})] * len(gold))) | {"label": majority}}
    priors = {label: n / len(train) for label, n in sorted(counts.items()) if label != NO_TECHNIQUE}
    draws = []
    for seed in range(RANDOM_SEEDS):
        rng = random.Random(seed)
        predicted = [with_no_technique([label for label, p in priors.items() if rng.random() < p]) for _ in gold]
        draws.append(_headline(score(gold, predicted)))
    out["random"] = {k: round(sum(d[k] for d in draws) / len(draws), 4) for k in draws[0]}
    return out


def _headline(result: dict[str, Any]) -> dict[str, Any]:
    return {"micro_f1": result["micro_f1"], "macro_f1": result["macro_f1"]}


def evaluate(data_dir: Path, split: str = "test", model_name: str | None = None,
             models: Path | None = None) -> dict[str, Any]:
    """Score a persuasion model (the shipped product model by default) on one ArMPro split.

    Example: ``evaluate(Path("../shared/data"))["micro_f1"]``.
    """
    from rasad.framing.persuasion import PRODUCT_MODEL, load_model, open_model

    rows = read_split(split_path(data_dir, split))
    train = read_split(split_path(data_dir, TRAIN_SPLIT))
    name = model_name or PRODUCT_MODEL
    model = open_model(models, name) if models is not None else load_model(name)
    started = time.process_time()
    predicted = [with_no_technique([t["name"] for t in model.predict(text)]) for text, _ in rows]
    seconds = time.process_time() - started
    gold = [labels for _, labels in rows]
    result = score(gold, predicted)
    result.update(split=split, model=model.name, paragraphs=len(rows), techniques=list(model.techniques),
                  baselines=baselines(train, gold),
                  paragraphs_per_cpu_second=round(len(rows) / max(seconds, 1e-9), 1))
    return result


def main(argv: list[str] | None = None) -> int:
    ran = run_model_eval(argv, "persuasion", __doc__, "persuasion/", SPLITS, evaluate)
    if ran is None:
        return 2
    args, result = ran
    base = result["baselines"]
    lines = [f"persuasion {result['split']} ({result['paragraphs']} paragraphs, model {result['model']}): "
             f"micro-F1 {result['micro_f1']:.4f}  macro-F1 {result['macro_f1']:.4f}  "
             f"({result['paragraphs_per_cpu_second']} paragraphs per CPU second)",
             f"  baselines: majority ({base['majority']['label']}) micro-F1 {base['majority']['micro_f1']:.4f} "
             f"macro-F1 {base['majority']['macro_f1']:.4f}; random micro-F1 {base['random']['micro_f1']:.4f} "
             f"macro-F1 {base['random']['macro_f1']:.4f}"]
    return print_scores(lines, result["per_label"], 34, result if args.json else None)


if __name__ == "__main__":
    raise SystemExit(main())
