"""What the time and quantity evaluators share: the gold sets, reading document-format gold,
one-to-one matching, precision/recall/F1, scoring several sets and choosing them on the command line.

Document-format gold (`{"documents": [{"id", "lang", "published", "text", ...}]}`) locates each
annotation by its exact `text` and `occurrence` (0-based index among identical substrings of the
document text).

>>> prf(3, 4, 6)
{'precision': 0.75, 'recall': 0.5, 'f1': 0.6}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

# The gold sets ship with the package (`rasad eval` works installed); REPO and what lies beside it
# exist only in a source checkout (the dev sets read the seeds and the bundled examples from there).
GOLD_DIR = Path(__file__).resolve().parent / "gold"
REPO = Path(__file__).resolve().parents[3]
HELDOUT_GOLD = GOLD_DIR / "heldout.json"
HELDOUT2_GOLD = GOLD_DIR / "heldout2.json"
HELDOUT3_GOLD = GOLD_DIR / "heldout3.json"
TEST_GOLD = GOLD_DIR / "blind_test.json"
DEFAULT_SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "corpus"
SET_NAMES = ("dev", "heldout", "heldout2", "heldout3", "test")

P = TypeVar("P")
G = TypeVar("G")


class GoldError(Exception):
    """The gold file or a document it names is missing or malformed."""


def read_document_gold(path: Path) -> list[dict[str, Any]]:
    """The documents of a document-format gold file (each with `text`, `lang`, `published`).

    Example: ``read_document_gold(HELDOUT_GOLD)[0]["lang"]`` is one of ``ar``, ``fa``, ``en``.
    True
    """
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a JSON gold file ({exc})") from exc
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        raise GoldError(f"{path}: no 'documents' list")
    for n, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise GoldError(f"{path}: document {n} has no embedded 'text'")
    return docs


def is_document_gold(path: Path) -> bool:
    """Whether `path` holds document-format gold (documents with their text embedded)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    docs = data.get("documents") if isinstance(data, dict) else None
    return isinstance(docs, list) and all(isinstance(d, dict) and "text" in d for d in docs)


def find_occurrence(text: str, phrase: str, occurrence: int, where: str) -> tuple[int, int]:
    """Span of the `occurrence`-th (0-based) substring `phrase` of `text`.

    >>> find_occurrence("5 and 5", "5", 1, "doc")
    (6, 7)
    """
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(phrase, pos + 1)
        if pos < 0 or not phrase:
            raise GoldError(f"{where}: occurrence {occurrence} of {phrase!r} not found in the text")
    return pos, pos + len(phrase)


def match_one_to_one(preds: Sequence[P], golds: Sequence[G], ok: Callable[[P, G], bool]) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: prediction index} over the pairs where `ok` holds.

    >>> match_one_to_one([1, 1], [1], lambda p, g: p == g)
    {0: 0}
    """
    return match_best_one_to_one(preds, golds, lambda p, g: 0.0 if ok(p, g) else None)


def match_best_one_to_one(preds: Sequence[P], golds: Sequence[G],
                          weight: Callable[[P, G], float | None]) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: prediction index} over the pairs whose `weight` is
    not None, the heaviest pairs taken first (two claims with the same action in one sentence pair by
    their shared roles, not by their order).

    >>> match_best_one_to_one(["a1", "b2"], ["b", "a"], lambda p, g: 1.0 if p[0] == g else 0.0)
    {0: 1, 1: 0}
    """
    weights = [[(n, weight(p, g)) for n, p in enumerate(preds)] for g in golds]
    edges = [[n for n, w in sorted(row, key=lambda e: -(e[1] or 0.0)) if w is not None] for row in weights]
    owner: dict[int, int] = {}  # prediction -> gold
    for _, g, n in sorted(((w, g, n) for g, row in enumerate(weights) for n, w in row if w), reverse=True):
        if n not in owner and g not in owner.values():
            owner[n] = g  # the heaviest pairs first; augmenting paths below only add pairs

    def augment(g: int, seen: set[int]) -> bool:
        for n in edges[g]:
            if n in seen:
                continue
            seen.add(n)
            if n not in owner or augment(owner[n], seen):
                owner[n] = g
                return True
        return False

    matched = set(owner.values())
    for g in range(len(golds)):
        if g not in matched:
            augment(g, set())
    return dict(sorted((g, n) for n, g in owner.items()))


def prf(correct: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 (rounded to 4 places) from one-to-one matches."""
    p = correct / n_pred if n_pred else 1.0
    r = correct / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def overall(sets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Headline scores: those of `test` if evaluated, else `heldout`, else the first set present."""
    present: list[str] = [n for n in ("test", "heldout", "dev") if n in sets and not sets[n].get("missing")]
    present += [name for name in sets if name not in present and not sets[name].get("missing")]
    if not present:
        return {}
    best = sets[present[0]]
    return {"headline_set": present[0], **{k: best[k] for k in ("precision", "recall", "f1")}}


def set_paths(dev_gold: Path, test_gold: Path) -> dict[str, Path]:
    """The gold file of each set: dev (the evaluator's own), heldout, heldout2, heldout3 and test."""
    return {"dev": dev_gold, "heldout": HELDOUT_GOLD, "heldout2": HELDOUT2_GOLD, "heldout3": HELDOUT3_GOLD,
            "test": test_gold}


def evaluate_sets(
    paths: dict[str, Path], evaluate: Callable[[Path], dict[str, Any]], dev_sources: Sequence[Path] = ()
) -> dict[str, Any]:
    """Score each named gold file with `evaluate`; a missing `test` file, or a `dev` set whose
    `dev_sources` (the folders its documents are read from) are missing, is reported as
    `{"missing": true, "path": ..., "reason": ...}`. The result holds one entry per set plus the
    headline scores (see `overall`)."""
    sets: dict[str, dict[str, Any]] = {}
    for name, path in paths.items():
        absent = [str(p) for p in dev_sources if not p.is_dir()] if name == "dev" else []
        if name == "test" and not path.exists():
            sets[name] = {"missing": True, "path": str(path), "reason": "the file does not exist"}
        elif absent and not is_document_gold(path):
            sets[name] = {"missing": True, "path": str(path),
                          "reason": f"its documents are read from {', '.join(absent)}, not found here; "
                          "run from a source checkout beside ../shared, or pass --shared and --examples"}
        else:
            sets[name] = evaluate(path)
    return {**sets, **overall(sets)}


def add_set_arguments(parser: argparse.ArgumentParser) -> None:
    """The `--set`, `--gold` and `--json` options both evaluators take."""
    parser.add_argument("--set", dest="which", choices=(*SET_NAMES, "all"), default="all",
                        help="which gold set to score (default all)")
    parser.add_argument("--gold", type=Path, help="score this gold file instead of the set's own")
    parser.add_argument("--json", action="store_true", help="end with one JSON line holding the scores")


def add_model_eval_arguments(parser: argparse.ArgumentParser, holds: str, splits: Sequence[str]) -> None:
    """`--data`, `--split` (default test), `--model`, `--json`: the options of `rasad eval` for a model
    trained on a split of `../shared/data` (`holds`: the folder it reads there, for the help)."""
    parser.add_argument("--data", type=Path, required=True, help=f"the shared data folder (holds {holds})")
    parser.add_argument("--split", choices=splits, default="test", help="which split to score (default test)")
    parser.add_argument("--model", default=None, help="a shipped model name (default: the product's)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line holding the scores")


def run_model_eval(
    argv: list[str] | None, task: str, doc: str | None, holds: str, splits: Sequence[str],
    evaluate: Callable[[Path, str, str | None], dict[str, Any]],
) -> tuple[argparse.Namespace, Any] | None:
    """Parse the options of `rasad eval TASK` (`add_model_eval_arguments`) and run
    `evaluate(data, split, model)`: (options, result), or None after saying on stderr that the data
    is missing."""
    parser = argparse.ArgumentParser(prog=f"rasad eval {task}", description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_eval_arguments(parser, holds, splits)
    args = parser.parse_args(argv)
    try:
        return args, evaluate(args.data, args.split, args.model)
    except FileNotFoundError as exc:
        print(f"rasad eval {task}: {exc}", file=sys.stderr)
        return None


def print_scores(head: list[str], per_class: dict[str, dict[str, Any]], width: int,
                 result: dict[str, Any] | None) -> int:
    """Print the headline lines, a line of precision / recall / F1 per class, then the result as one
    JSON line (when given); returns 0, the exit code."""
    lines = [*head]
    lines += [f"  {label:{width}} " + "  ".join(f"{k[0].upper()} {r[k]:.4f}" for k in ("precision", "recall", "f1"))
              + f"  (gold {r['gold']}, predicted {r['predicted']})" for label, r in per_class.items()]
    if result is not None:
        lines.append(json.dumps(result, ensure_ascii=False))
    print("\n".join(lines))
    return 0


def add_model_train_arguments(parser: argparse.ArgumentParser, holds: str, product: str) -> None:
    """`--data`, `--out`, `--name`: the options of `rasad train` for a shipped model."""
    parser.add_argument("--data", type=Path, required=True, help=f"the shared data folder (holds {holds})")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: the package's models/)")
    parser.add_argument("--name", default=product, help=f"model name (default {product})")


def chosen_paths(args: argparse.Namespace, defaults: dict[str, Path]) -> dict[str, Path]:
    """The sets `--set`/`--gold` ask for: `--gold` replaces the chosen set's file (with `all`, only
    that file is scored, as set "gold")."""
    if args.gold is not None:
        return {"gold" if args.which == "all" else args.which: args.gold}
    return defaults if args.which == "all" else {args.which: defaults[args.which]}


def run_gold_set_main(
    argv: list[str] | None, task: str, doc: str | None, datasets: dict[str, Path],
    score: Callable[[Path], dict[str, Any]], headline: Callable[[dict[str, Any]], str],
) -> int:
    """The command line of an evaluator over embedded-text gold sets (`--dataset NAME`, `--json`):
    prints one JSON object, or the `headline` and one line per error."""
    parser = argparse.ArgumentParser(
        prog=f"rasad eval {task}", description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", choices=sorted(datasets), default="dev", help="which gold set (default dev)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        result = {"dataset": args.dataset, **score(datasets[args.dataset])}
    except GoldError as exc:
        print(f"rasad eval {task}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{task} ({args.dataset}): {headline(result)}")
    for error in result.get("errors", []):
        print("  ", json.dumps(error, ensure_ascii=False))
    return 0
