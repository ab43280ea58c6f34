"""Evaluate quantity extraction against hand-written gold (`tests/gold/quantities.jsonl`).

Each gold line names a file (`source`: `seeds` under `<shared>/corpus/seeds`, or `examples` under the
bundled `examples/corpus`), the expression `text`, an optional `context` that contains it (to pick the
right occurrence), the `occurrence` index of `context` (or `text`), and the expected `value`,
`approximate`, `kind`, `counted`, `low`, `high`.

Headline precision/recall/F1 are over *count* quantities: a predicted count is correct when it overlaps
a gold count and has the same value (or the same low/high for vague amounts). `all_kinds` scores every
quantity the same way with the kind required to match. `counted_accuracy` is the share of matched gold
counts whose `counted` label is equal.

    python -m rasad.eval.quantities --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.article import Quantity
from rasad.extract.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = ROOT / "tests" / "gold" / "quantities.jsonl"
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_EXAMPLES = ROOT / "examples" / "corpus"


@dataclass
class GoldItem:
    source: str
    file: str
    start: int
    end: int
    value: float | None
    kind: str
    approximate: bool
    counted: str | None
    low: float | None
    high: float | None


def guess_lang(text: str) -> str:
    """Language of a gold file: Persian letters → fa, Arabic letters → ar, else en."""
    if any(ch in text for ch in "پچژگ") or text.count("ی") > text.count("ي"):
        return "fa"
    if sum("\u0600" <= ch <= "\u06ff" for ch in text) > len(text) / 10:
        return "ar"
    return "en"


def locate(text: str, needle: str, occurrence: int, where: str) -> int:
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{where}: {needle!r} occurrence {occurrence} not found")
    return pos


def load_gold(gold_path: Path, dirs: dict[str, Path]) -> tuple[list[GoldItem], dict[tuple[str, str], str]]:
    """Gold items with resolved offsets, and the texts they refer to (keyed by (source, file))."""
    items: list[GoldItem] = []
    texts: dict[tuple[str, str], str] = {}
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        key = (row["source"], row["file"])
        if key not in texts:
            path = dirs[row["source"]] / row["file"]
            if not path.is_file():
                raise FileNotFoundError(f"{gold_path}:{n}: gold refers to {path}, which is missing")
            texts[key] = path.read_text(encoding="utf-8")
        context = row.get("context") or row["text"]
        base = locate(texts[key], context, row.get("occurrence", 0), f"{gold_path}:{n}")
        start = base + context.index(row["text"])
        items.append(
            GoldItem(row["source"], row["file"], start, start + len(row["text"]), row.get("value"),
                     row.get("kind", "count"), bool(row.get("approximate")), row.get("counted"),
                     row.get("low"), row.get("high"))
        )
    return items, texts


def same_value(q: Quantity, g: GoldItem) -> bool:
    if g.value is None:
        return q.value is None and q.low == g.low and q.high == g.high
    return q.value is not None and abs(q.value - g.value) <= 1e-4 * max(1.0, abs(g.value))


def score(gold: list[GoldItem], predicted: dict[tuple[str, str], list[Quantity]],
          kinds: Iterable[str] | None) -> dict[str, Any]:
    """Precision/recall/F1 and counted accuracy over items whose kind is in `kinds` (None: all)."""
    wanted = set(kinds) if kinds is not None else None
    gold_items = [g for g in gold if wanted is None or g.kind in wanted]
    preds = {k: [q for q in qs if wanted is None or q.kind in wanted] for k, qs in predicted.items()}
    used: set[tuple[tuple[str, str], int]] = set()
    matched = counted_ok = 0
    misses: list[str] = []
    for g in gold_items:
        key = (g.source, g.file)
        hit = None
        for n, q in enumerate(preds.get(key, [])):
            if (key, n) in used or not (q.start < g.end and g.start < q.end):
                continue
            if same_value(q, g) and q.kind == g.kind:
                hit = n
                break
        if hit is None:
            misses.append(f"{g.file}@{g.start}: {g.kind} {g.value}")
            continue
        used.add((key, hit))
        matched += 1
        counted_ok += preds[key][hit].counted == g.counted
    n_pred = sum(len(v) for v in preds.values())
    extra = [f"{k[1]}@{q.start}: {q.kind} {q.text!r}" for k, qs in preds.items()
             for n, q in enumerate(qs) if (k, n) not in used]
    precision = matched / n_pred if n_pred else 1.0
    recall = matched / len(gold_items) if gold_items else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "counted_accuracy": round(counted_ok / matched, 4) if matched else 0.0,
        "gold": len(gold_items), "predicted": n_pred, "matched": matched,
        "missed": misses, "spurious": extra,
    }


def evaluate(gold_path: Path, shared_dir: Path, examples_dir: Path) -> dict[str, Any]:
    """Score `find_quantities` on every file the gold names (counts headline, plus all kinds).

    >>> r = evaluate(DEFAULT_GOLD, DEFAULT_SHARED, DEFAULT_EXAMPLES)  # doctest: +SKIP
    >>> r["precision"], r["recall"]  # doctest: +SKIP
    (1.0, 1.0)
    """
    dirs = {"seeds": shared_dir / "corpus" / "seeds", "examples": examples_dir}
    gold, texts = load_gold(gold_path, dirs)
    predicted = {key: find_quantities(text, guess_lang(text)) for key, text in texts.items()}
    result = score(gold, predicted, ("count",))
    result["all_kinds"] = score(gold, predicted, None)
    result["files"] = len(texts)
    return result


def main(argv: list[str] | None = None) -> int:
    """`rasad eval quantities`: print the scores; with --json the last line is a JSON object.

    Example: python -m rasad.eval.quantities --shared ../shared --json
    """
    parser = argparse.ArgumentParser(prog="rasad eval quantities", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (seeds)")
    parser.add_argument("--examples", type=Path, default=DEFAULT_EXAMPLES, help="bundled example corpus")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.gold, args.shared, args.examples)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, part in (("counts", result), ("all kinds", result["all_kinds"])):
        print(f"{name}: P={part['precision']:.3f} R={part['recall']:.3f} F1={part['f1']:.3f} "
              f"counted={part['counted_accuracy']:.3f} (gold {part['gold']}, predicted {part['predicted']})")
        for line in part["missed"]:
            print(f"  missed   {line}")
        for line in part["spurious"]:
            print(f"  spurious {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
