"""`rasad eval quantities`: quantity extraction on five gold sets, reported separately.

- `dev`: `src/rasad/eval/gold/quantities.jsonl`, the gold the extractor was tuned on. Each line names a file
  (`source`: `seeds` under `<shared>/corpus/seeds`, or `examples` under the bundled `examples/corpus`),
  the expression `text`, an optional `context` that contains it (to pick the right occurrence), the
  `occurrence` index of `context` (or `text`), and the expected `value`, `approximate`, `kind`,
  `counted`, `low`, `high`.
- `heldout`: `src/rasad/eval/gold/heldout.json`, `heldout2`: `src/rasad/eval/gold/heldout2.json`, `heldout3`:
  `src/rasad/eval/gold/heldout3.json`, and `test`:
  `src/rasad/eval/gold/blind_test.json` — document-format gold
  (documents with embedded `text`, `lang` and a `quantities` list located by `text` + `occurrence`;
  see `rasad.eval.common.read_document_gold`). A missing `test` file is reported as missing.

Headline precision/recall/F1 are over *count* quantities: a predicted count is correct when it overlaps
a gold count, has the same kind and the same value (or, for vague amounts and ranges with no value,
the same low/high). Matching is one-to-one (a maximum matching per document). `all_kinds` scores every
quantity the same way. On the matched counts:

- `counted_exact`: share whose `counted` label equals the gold label after lowercasing and collapsing
  whitespace (two missing labels are equal);
- `counted_head`: share whose labels have the same *head noun* (`head_noun`): the last word of the
  label's leading noun phrase, which ends before the first preposition, conjunction, participle
  (-ed/-ing) or post-modifier ("civilians killed" → civilian, "tonnes of explosives" → tonne,
  "ISIS members" → member, "people needing shelter" → person), lowercased and singularized.

    python -m rasad.eval.quantities --set heldout --json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.article import Quantity
from rasad.eval import common
from rasad.eval.common import TEST_GOLD, find_occurrence, match_one_to_one, prf, read_document_gold
from rasad.extract.quantities import find_quantities

DEV_GOLD = common.GOLD_DIR / "quantities.jsonl"
DEFAULT_GOLD = DEV_GOLD
DEFAULT_EXAMPLES = common.EXAMPLES

_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "police": "police"}
# Words that end the head noun phrase of a label: prepositions, conjunctions, post-modifiers.
_BREAKS = {"of", "in", "on", "at", "for", "from", "with", "to", "by", "and", "or", "dependent", "missing",
           "dead", "held", "hurt", "slain", "shot", "taken", "left", "seized", "alive"}


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
    text: str = ""


def guess_lang(text: str) -> str:
    """Language of a gold file: Persian letters → fa, Arabic letters → ar, else en."""
    if any(ch in text for ch in "پچژگ") or text.count("ی") > text.count("ي"):
        return "fa"
    if sum("\u0600" <= ch <= "\u06ff" for ch in text) > len(text) / 10:
        return "ar"
    return "en"


def singular(word: str) -> str:
    """A crude English singular: `singular("families") == "family"`, `singular("people") == "person"`."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def head_noun(label: str | None) -> str | None:
    """The head noun of a counted label, lowercased and singularized (None for no label).

    >>> [head_noun(x) for x in ("civilians killed", "tonnes of explosives", "ISIS members", None)]
    ['civilian', 'tonne', 'member', None]
    >>> head_noun("people dependent on aid"), head_noun("drones and missiles")
    ('person', 'drone')
    """
    if label is None:
        return None
    words = re.findall(r"[\w'-]+", label.lower())
    for n, word in enumerate(words[1:], 1):
        if word in _BREAKS or word.endswith(("ed", "ing")):
            words = words[:n]
            break
    return singular(words[-1]) if words else ""


def _norm_label(label: str | None) -> str | None:
    return " ".join(label.lower().split()) if label is not None else None


def _item(source: str, file: str, start: int, row: dict[str, Any]) -> GoldItem:
    return GoldItem(source, file, start, start + len(row["text"]), row.get("value"), row.get("kind", "count"),
                    bool(row.get("approximate")), row.get("counted"), row.get("low"), row.get("high"),
                    row["text"])


def load_gold(gold_path: Path, dirs: dict[str, Path]) -> tuple[list[GoldItem], dict[tuple[str, str], str]]:
    """Gold items of the dev JSONL with resolved offsets, and the texts they refer to (by (source, file))."""
    if not gold_path.is_file():
        raise FileNotFoundError(f"gold file {gold_path} does not exist")
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
        base, _ = find_occurrence(texts[key], context, row.get("occurrence", 0), f"{gold_path}:{n}")
        items.append(_item(row["source"], row["file"], base + context.index(row["text"]), row))
    return items, texts


def load_document_gold(
    gold_path: Path,
) -> tuple[list[GoldItem], dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Gold items of a document-format file, the document texts and their languages (by ("doc", id))."""
    items: list[GoldItem] = []
    texts: dict[tuple[str, str], str] = {}
    langs: dict[tuple[str, str], str] = {}
    for n, doc in enumerate(read_document_gold(gold_path)):
        key = ("doc", str(doc.get("id", n)))
        texts[key] = doc["text"]
        langs[key] = doc.get("lang") or guess_lang(doc["text"])
        for row in doc.get("quantities", []):
            where = f"{gold_path.name}:{key[1]}"
            start, _ = find_occurrence(doc["text"], row["text"], row.get("occurrence", 0), where)
            items.append(_item(*key, start, row))
    return items, texts, langs


def same_value(q: Quantity, g: GoldItem) -> bool:
    if g.value is None:
        return q.value is None and q.low == g.low and q.high == g.high
    return q.value is not None and abs(q.value - g.value) <= 1e-4 * max(1.0, abs(g.value))


def _correct(q: Quantity, g: GoldItem) -> bool:
    return q.start < g.end and g.start < q.end and q.kind == g.kind and same_value(q, g)


def score(gold: list[GoldItem], predicted: dict[tuple[str, str], list[Quantity]],
          kinds: Iterable[str] | None) -> dict[str, Any]:
    """Precision/recall/F1 and counted-label agreement over items whose kind is in `kinds` (None: all)."""
    wanted = set(kinds) if kinds is not None else None
    gold_items = [g for g in gold if wanted is None or g.kind in wanted]
    preds = {k: [q for q in qs if wanted is None or q.kind in wanted] for k, qs in predicted.items()}
    matched = exact = head = 0
    misses: list[str] = []
    extra: list[str] = []
    labels: list[str] = []
    for key, qs in preds.items():
        golds = [g for g in gold_items if (g.source, g.file) == key]
        pairs = match_one_to_one(qs, golds, _correct)
        matched += len(pairs)
        for j, g in enumerate(golds):
            if j not in pairs:
                near = [f"{q.text!r}={q.kind}:{q.value}/{q.low}-{q.high}" for q in qs
                        if q.start < g.end and g.start < q.end]
                misses.append(f"{key[1]}@{g.start}: {g.text!r} {g.kind} {g.value}/{g.low}-{g.high}"
                              f" got {near or 'nothing'}")
                continue
            q = qs[pairs[j]]
            exact += _norm_label(q.counted) == _norm_label(g.counted)
            same_head = head_noun(q.counted) == head_noun(g.counted)
            head += same_head
            if _norm_label(q.counted) != _norm_label(g.counted):
                labels.append(f"{key[1]}: {g.text!r} gold {g.counted!r} got {q.counted!r}"
                              f"{'' if same_head else ' (head differs)'}")
        used = set(pairs.values())
        extra += [f"{key[1]}@{q.start}: {q.kind} {q.text!r}" for n, q in enumerate(qs) if n not in used]
    n_pred = sum(len(v) for v in preds.values())
    result: dict[str, Any] = prf(matched, n_pred, len(gold_items))
    result.update(
        counted_exact=round(exact / matched, 4) if matched else 0.0,
        counted_head=round(head / matched, 4) if matched else 0.0,
        gold=len(gold_items), predicted=n_pred, matched=matched,
        missed=misses, spurious=extra, counted_errors=labels,
    )
    return result


def _score_all(gold: list[GoldItem], texts: dict[tuple[str, str], str],
               langs: dict[tuple[str, str], str]) -> dict[str, Any]:
    predicted = {key: find_quantities(text, langs[key]) for key, text in texts.items()}
    result = score(gold, predicted, ("count",))
    result["all_kinds"] = score(gold, predicted, None)
    result["files"] = len(texts)
    return result


def evaluate(gold_path: Path, shared_dir: Path, examples_dir: Path) -> dict[str, Any]:
    """Score `find_quantities` on one gold file: dev JSONL (`.jsonl`) or document-format JSON.

    Example: ``evaluate(HELDOUT_GOLD, common.DEFAULT_SHARED, DEFAULT_EXAMPLES)["counted_head"]``.
    (True, True)
    """
    if gold_path.suffix.lower() == ".jsonl":
        dirs = {"seeds": shared_dir / "corpus" / "seeds", "examples": examples_dir}
        gold, texts = load_gold(gold_path, dirs)
        langs = {key: guess_lang(text) for key, text in texts.items()}
    else:
        gold, texts, langs = load_document_gold(gold_path)
    return _score_all(gold, texts, langs)


def set_paths(test_gold: Path | None = None) -> dict[str, Path]:
    """The gold file of each set: dev, heldout, heldout2, heldout3 and test."""
    return common.set_paths(DEV_GOLD, test_gold or TEST_GOLD)


def evaluate_sets(paths: dict[str, Path], shared_dir: Path, examples_dir: Path) -> dict[str, Any]:
    """Score each named gold file (see `rasad.eval.common.evaluate_sets`)."""
    return common.evaluate_sets(paths, lambda path: evaluate(path, shared_dir, examples_dir),
                                dev_sources=(shared_dir / "corpus" / "seeds", examples_dir))


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    drop = ("missed", "spurious", "counted_errors")
    return {k: (_summary(v) if isinstance(v, dict) else v) for k, v in result.items() if k not in drop}


def _print_set(name: str, result: dict[str, Any]) -> None:
    if result.get("missing"):
        print(f"[{name}] not scored: {result['path']}: {result['reason']}")
        return
    for part_name, part in (("counts", result), ("all kinds", result["all_kinds"])):
        print(f"[{name}] {part_name}: P={part['precision']:.3f} R={part['recall']:.3f} F1={part['f1']:.3f} "
              f"counted exact={part['counted_exact']:.3f} head={part['counted_head']:.3f} "
              f"(gold {part['gold']}, predicted {part['predicted']})")
        for line in part["missed"]:
            print(f"  missed   {line}")
        for line in part["spurious"]:
            print(f"  spurious {line}")
    for line in result["counted_errors"]:
        print(f"  counted  {line}")


def main(argv: list[str] | None = None) -> int:
    """`rasad eval quantities [--set dev|heldout|heldout2|heldout3|test|all] [--gold PATH] [--json]`.

    Prints each set's scores and errors; with --json the last line is one JSON object
    {"dev": {...}, "heldout": {...}, "heldout2": {...}, "heldout3": {...}, "test": {...}, "precision", "recall", "f1"}.
    `--gold PATH` replaces the chosen set's gold file (with `all`, only that file is scored, as set "gold").

    Example: python -m rasad.eval.quantities --set heldout --json
    """
    parser = argparse.ArgumentParser(prog="rasad eval quantities", description=__doc__.split("\n")[0])
    common.add_set_arguments(parser)
    parser.add_argument("--shared", type=Path, default=common.DEFAULT_SHARED, help="the shared folder (seeds)")
    parser.add_argument("--examples", type=Path, default=DEFAULT_EXAMPLES, help="bundled example corpus")
    args = parser.parse_args(argv)
    paths = common.chosen_paths(args, set_paths())
    try:
        result = evaluate_sets(paths, args.shared, args.examples)
    except (FileNotFoundError, ValueError, KeyError, common.GoldError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name in paths:
        _print_set(name, result[name])
    if args.json:
        print(json.dumps(_summary(result), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
