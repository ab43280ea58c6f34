"""Evaluate the NER models the product runs: exact span + type match, CoNLL-style P/R/F1 (micro), per type.

    python -m rasad.eval.ner --dataset anercorp --data ../shared/data --json
    python -m rasad.eval.ner --dataset en-news --json      # English: the shipped gold (rasad.eval.ner_en)

Test splits: ANERcorp — the last 20% of sentences; PEYMA — test.txt; ArmanPersoNER — test_fold1.txt.
None of them is read for training. Each set is tagged by the product's model for its language (`ar`,
`fa`) exactly as `rasad analyze` runs it (the product's annotation domain), and scored on the entity
types the product reports that the set annotates: ANERcorp PER/ORG/LOC/MISC, PEYMA PER/ORG/LOC (its
dates, times, money and percentages belong to other stages), Arman PER/ORG/LOC/FAC/EVENT/MISC.
Corpus tokens are re-tokenized like running text for tagging and the predicted tags are mapped back
to the corpus tokens, so gold spans are scored exactly as annotated.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.eval.ner_en import EN_SETS, evaluate_en_news
from rasad.extract.ner import PRODUCT_TYPES
from rasad.extract.ner.datasets import DATASETS, Sentence, load_split, project_tags, retokenize
from rasad.extract.ner.model import PRODUCT_MODELS, NerModel, load_model
from rasad.extract.ner.spans import bio_spans

# The language of each test set: it is scored with the product's model for that language.
DATASET_LANGS = {"anercorp": "ar", "peyma": "fa", "arman": "fa"}


def tag_corpus(model: NerModel, sentences: list[Sentence], domain: str | None = None) -> list[list[str]]:
    """Predicted tags for each sentence, aligned with the corpus tokens."""
    out = []
    for sent in sentences:
        pieces, owner = retokenize(sent)
        tags = model.tag(pieces.words, domain=domain)
        out.append(project_tags(tags, owner, len(sent.words)))
    return out


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Any]:
    """CoNLL-style exact-match scores: `precision`, `recall`, `f1` (micro) and `per_type`.

    >>> score([["B-PER", "I-PER", "O"]], [["B-PER", "I-PER", "B-LOC"]])["precision"]
    0.5
    """
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = set(bio_spans(g_tags))
        p = set(bio_spans(p_tags))
        n_gold.update(s[2] for s in g)
        n_pred.update(s[2] for s in p)
        tp.update(s[2] for s in g & p)

    def prf(t: int, ng: int, np_: int) -> dict[str, Any]:
        prec = t / np_ if np_ else 0.0
        rec = t / ng if ng else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "gold": ng,
            "predicted": np_,
            "correct": t,
        }

    result = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    result["per_type"] = {k: prf(tp[k], n_gold[k], n_pred[k]) for k in sorted(n_gold | n_pred)}
    return result


def only_types(tags: list[str], types: frozenset[str]) -> list[str]:
    """Tags of other entity types become `O`.

    >>> only_types(["B-PER", "B-DAT", "I-DAT", "O"], frozenset({"PER"}))
    ['B-PER', 'O', 'O', 'O']
    """
    return [t if t == "O" or t[2:] in types else "O" for t in tags]


def evaluate(dataset: str, data_dir: Path) -> dict[str, Any]:
    """Score the product's model for `dataset`'s language (anercorp | peyma | arman) on its test split,
    as the product runs it, on the entity types the product reports that the set annotates.

    Example: ``evaluate("anercorp", Path("../shared/data"))["f1"]``.
    """
    if dataset not in DATASET_LANGS:
        raise ValueError(f"unknown NER dataset {dataset!r}; choose one of {', '.join(DATASETS)}")
    test = load_split(dataset, "test", data_dir)
    model = load_model(PRODUCT_MODELS[DATASET_LANGS[dataset]])
    types = PRODUCT_TYPES & {t[2:] for s in test for t in s.tags if t != "O"}
    started = time.perf_counter()
    pred = tag_corpus(model, test)  # no domain: the product's own
    seconds = time.perf_counter() - started
    result = score([only_types(s.tags, types) for s in test], [only_types(p, types) for p in pred])
    n_tokens = sum(len(s.words) for s in test)
    result.update(
        dataset=dataset,
        model=model.name,
        types=sorted(types),
        sentences=len(test),
        tokens=n_tokens,
        tokens_per_second=round(n_tokens / seconds),
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rasad.eval.ner",
        description="Score the NER model the product runs on a test split.",
        epilog="example: python -m rasad.eval.ner --dataset anercorp --data ../shared/data --json",
    )
    parser.add_argument("--dataset", required=True, choices=(*DATASETS, *EN_SETS))
    parser.add_argument("--data", type=Path, help="the shared data folder (holds ner/); not for en-news")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line last")
    args = parser.parse_args(argv)
    if args.dataset in EN_SETS:
        return _main_en_news(args.dataset, args.json)
    if args.data is None:
        parser.error(f"--data is required for {args.dataset}")
    try:
        result = evaluate(args.dataset, args.data)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"{args.dataset}: P {result['precision']:.4f}  R {result['recall']:.4f}  F1 {result['f1']:.4f}"
        f"  ({result['tokens']} tokens, {result['tokens_per_second']} tok/s, model {result['model']})"
    )
    for kind, r in result["per_type"].items():
        print(f"  {kind:6} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  (gold {r['gold']})")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0


def _main_en_news(dataset: str, as_json: bool) -> int:
    result = evaluate_en_news(dataset)
    print(
        f"{dataset}: P {result['precision']:.4f}  R {result['recall']:.4f}  F1 {result['f1']:.4f}"
        f"  ({result['words']} words, {result['words_per_cpu_second']} words/CPU s, model {result['model']})"
    )
    for kind, r in result["per_type"].items():
        print(f"  {kind:6} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  (gold {r['gold']})")
    for source, r in result["per_source"].items():
        print(f"  {source:9} {r['correct']} of {r['predicted']} right")
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
