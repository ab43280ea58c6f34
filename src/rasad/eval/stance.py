"""`rasad eval stance`: macro-F1 of the shipped stance model on the ANS Arabic news-stance corpus.

    rasad eval stance --data ../shared/data --json

The corpus (`claims/ar/ans/stance/{train,dev,test}.csv`, columns s1, s2, stance) pairs a news
headline with a paraphrase (agree), a contradiction (disagree) or an unrelated headline (other).
The model trains on train, is tuned on dev, and is scored here on test (`--split dev` for error
analysis while tuning). Reported: macro-F1 over the three classes (the headline number; `other` is
rare, so it weighs as much as the others), per-class precision / recall / F1, the confusion matrix
(gold → predicted) and the speed.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasad.eval.common import prf, print_scores, run_model_eval

STANCE_DIR = Path("claims") / "ar" / "ans" / "stance"
SPLITS = ("train", "dev", "test")


def split_path(data_dir: Path, split: str) -> Path:
    """The CSV file of one split under the shared data folder."""
    return data_dir / STANCE_DIR / f"{split}.csv"


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(s1, s2, stance) rows of an ANS stance CSV file."""
    if not path.is_file():
        raise FileNotFoundError(f"stance data {path} not found (pass --data, the shared data folder)")
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["s1"], row["s2"], row["stance"]) for row in csv.DictReader(handle)]


def score(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Macro-F1 and per-class precision / recall / F1, with the confusion counts.

    >>> score(["agree", "disagree"], ["agree", "agree"], ["agree", "disagree"])["macro_f1"]
    0.3333
    """
    pairs = Counter(zip(gold, predicted, strict=True))
    per_class = {}
    for label in labels:
        correct = pairs[label, label]
        n_pred = sum(n for (_, p), n in pairs.items() if p == label)
        n_gold = sum(n for (g, _), n in pairs.items() if g == label)
        per_class[label] = {**prf(correct, n_pred, n_gold), "gold": n_gold, "predicted": n_pred}
        if not n_pred:  # nothing predicted: precision is undefined, and the class F1 is 0
            per_class[label].update(precision=0.0, f1=0.0)
    return {
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
        "accuracy": round(sum(pairs[x, x] for x in labels) / max(len(gold), 1), 4),
        "per_class": per_class,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(pairs.items())},
    }


def evaluate(data_dir: Path, split: str = "test", model_name: str | None = None,
             models: Path | None = None) -> dict[str, Any]:
    """Score a stance model (the shipped product model by default) on one split.

    Example: ``evaluate(Path("../shared/data"))["macro_f1"]``.
    """
    from rasad.claims.stance import LABELS, PRODUCT_MODEL, load_model, open_model

    rows = read_pairs(split_path(data_dir, split))
    name = model_name or PRODUCT_MODEL
    model = open_model(models, name) if models is not None else load_model(name)
    started = time.process_time()
    predicted = [label for label, _ in model.predict_many([(s1, s2) for s1, s2, _ in rows])]
    seconds = time.process_time() - started
    result = score([g for _, _, g in rows], predicted, LABELS)
    result.update(split=split, model=model.name, feature_groups=list(model.groups), pairs=len(rows),
                  pairs_per_cpu_second=round(len(rows) / max(seconds, 1e-9), 1))
    return result


def main(argv: list[str] | None = None) -> int:
    ran = run_model_eval(argv, "stance", __doc__, "claims/", SPLITS, evaluate)
    if ran is None:
        return 2
    args, result = ran
    lines = [f"stance {result['split']} ({result['pairs']} pairs, model {result['model']}): "
             f"macro-F1 {result['macro_f1']:.4f}  accuracy {result['accuracy']:.4f}  "
             f"({result['pairs_per_cpu_second']} pairs per CPU second)"]
    return print_scores(lines, result["per_class"], 9, result if args.json else None)


if __name__ == "__main__":
    raise SystemExit(main())
