"""`rasad eval timex`: precision and recall of time expressions on five gold sets, reported separately.

- `dev`: `src/rasad/eval/gold/timex.json`, the gold the extractor was tuned on; each document names a seed
  (`<shared>/corpus/seeds`) or a bundled example (`examples/corpus`) file.
- `heldout`: `src/rasad/eval/gold/heldout.json`, blind documents with their text embedded (since used for tuning).
- `heldout2`: `src/rasad/eval/gold/heldout2.json`, a second set of blind documents in the same format.
- `heldout3`: `src/rasad/eval/gold/heldout3.json`, a third set of blind documents in the same format.
- `test`: `src/rasad/eval/gold/blind_test.json`, the final blind set in the same document format; reported as
  missing (not an error) while the file does not exist.

Document-format gold (`{"guidelines": ..., "documents": [{"id", "lang", "published", "text", "times":
[{"text", "occurrence", "value", "calendar", "value_alternatives"?}], ...}]}`) locates each annotation
by its exact `text` and `occurrence` (0-based index among identical substrings of the document text).

A prediction is *correct* when its span overlaps the gold expression's span and its value equals the
gold value or one of its `value_alternatives` (None == None); span-only scores drop the value
condition. Matching is one-to-one: each gold expression matches at most one prediction and each
prediction at most one gold expression (a maximum matching, so the order of spans does not matter).

    python -m rasad.eval.timex --set heldout --json
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rasad.article import TimeExpression
from rasad.eval import common
from rasad.eval.common import (
    DEFAULT_SHARED,
    EXAMPLES,
    GOLD_DIR,
    TEST_GOLD,
    GoldError,
    add_set_arguments,
    chosen_paths,
    find_occurrence,
    match_one_to_one,
    prf,
)
from rasad.extract.timex import find_times
from rasad.text.tokens import proclitic_letters

DEV_GOLD = GOLD_DIR / "timex.json"
DEFAULT_GOLD = DEV_GOLD


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    text: str
    value: str | None
    calendar: str
    alternatives: tuple[str | None, ...] = ()

    def accepts(self, value: str | None) -> bool:
        """Whether a predicted value is the gold value or one of its alternatives."""
        return value == self.value or value in self.alternatives


# --- reference-format gold (documents named by corpus and file) -----------------------------------


class _ArticleHTML(HTMLParser):
    """Collects the text of <h1> and <p> elements inside <article> (or the whole page if none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth_article = 0
        self._open: list[str] = []
        self.saw_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._depth_article += 1
            self.saw_article = True
        if tag in ("h1", "p"):
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth_article -= 1
        if tag in ("h1", "p") and self._open:
            text = self._open.pop()
            if self._depth_article > 0:
                self.blocks.append(text.strip())

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1] += data


def read_document(path: Path, record: int | None = None) -> str:
    """The text evaluated for one gold document (see the gold file's guidelines)."""
    if not path.is_file():
        raise GoldError(f"gold names {path}, which does not exist")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256")
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        lines = [ln for ln in text.splitlines() if ln.strip()] if suffix == ".jsonl" else [text]
        obj: dict[str, Any] = json.loads(lines[(record or 1) - 1])
        body = obj.get("text") or obj.get("maintext") or ""
        return f"{obj.get('title') or ''}\n{body}"
    if suffix in (".html", ".htm"):
        parser = _ArticleHTML()
        parser.feed(text)
        if not parser.saw_article:
            return html.unescape(re.sub(r"<[^>]+>", " ", text))
        return "\n".join(parser.blocks)
    return text


def _locate_word(text: str, phrase: str, occurrence: int, where: str) -> tuple[int, int]:
    # Whole words only: "شنبه" must not be found inside "یکشنبه".
    # An Arabic proclitic (و ف ب ل ك) may be glued before the phrase: "ويوليو".
    start = rf"(?:(?<!\w)|(?<=(?<!\w)[{proclitic_letters('ar', 'conj', 'prep')}]))"
    found = list(re.finditer(rf"{start}{re.escape(phrase)}(?!\w)", text))
    if occurrence >= len(found):
        raise GoldError(f"{where}: occurrence {occurrence} of {phrase!r} not found in the text")
    return found[occurrence].span()


def _document_path(doc: dict[str, Any], shared_dir: Path) -> Path:
    if doc.get("corpus") == "seeds":
        return shared_dir / "corpus" / "seeds" / doc["file"]
    if doc.get("corpus") == "examples":
        return EXAMPLES / doc["file"]
    raise GoldError(f"unknown corpus {doc.get('corpus')!r} (expected 'seeds' or 'examples')")


# --- scoring --------------------------------------------------------------------------------------


def load_gold(gold_path: Path, shared_dir: Path) -> list[tuple[dict[str, Any], str, list[GoldTime]]]:
    """Each gold document with its text and located gold expressions (either gold format)."""
    if not gold_path.is_file():
        raise GoldError(f"gold file {gold_path} does not exist")
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        docs = data["documents"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GoldError(f"{gold_path}: not a timex gold file ({exc})") from exc
    out = []
    for n, doc in enumerate(docs):
        embedded = isinstance(doc.get("text"), str)
        if embedded:
            text, where = doc["text"], f"{gold_path.name}:{doc.get('id', n)}"
        else:
            text = read_document(_document_path(doc, shared_dir), doc.get("record"))
            where = f"{doc['file']}#{doc.get('record', '')}"
        locate = find_occurrence if embedded else _locate_word
        golds = []
        for g in doc.get("times", []):
            start, end = locate(text, g["text"], g.get("occurrence", 0), where)
            alternatives = tuple(g.get("value_alternatives") or ())
            golds.append(GoldTime(start, end, g["text"], g["value"], g.get("calendar", "gregorian"), alternatives))
        out.append((doc, text, golds))
    return out


def _doc_name(doc: dict[str, Any], n: int) -> str:
    if "file" in doc:
        return str(doc["file"]) + (f"#{doc['record']}" if doc.get("record") else "")
    return str(doc.get("id", n))


def _overlaps(a: TimeExpression, b: GoldTime) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(gold_path: Path, shared_dir: Path) -> dict[str, Any]:
    """Score `find_times` on one gold file (either format).

    Returns precision/recall/f1 (span overlap and accepted value), `span` (overlap only), counts, and
    `errors`: the unmatched predictions and gold expressions, for reading.

    Example: ``evaluate(HELDOUT_GOLD, DEFAULT_SHARED)["precision"]``.
    True
    """
    n_pred = n_gold = correct = span_correct = 0
    errors: list[dict[str, Any]] = []
    for n, (doc, text, golds) in enumerate(load_gold(gold_path, shared_dir)):
        preds = find_times(text, doc["lang"], doc.get("published"))
        name = _doc_name(doc, n)
        n_pred += len(preds)
        n_gold += len(golds)
        matched = match_one_to_one(preds, golds, lambda p, g: _overlaps(p, g) and g.accepts(p.value))
        span_correct += len(match_one_to_one(preds, golds, _overlaps))
        correct += len(matched)
        used = set(matched.values())
        for i, p in enumerate(preds):
            if i not in used:
                hits = [g.value for g in golds if _overlaps(p, g)]
                errors.append(
                    {"doc": name, "kind": "false_positive", "text": p.text, "got": p.value,
                     "expected": hits or "not a time"}
                )
        for j, g in enumerate(golds):
            if j not in matched:
                found = [p.value for p in preds if _overlaps(p, g)]
                errors.append(
                    {"doc": name, "kind": "miss", "text": g.text, "expected": g.value,
                     "got": found or "not found"}
                )
    result: dict[str, Any] = prf(correct, n_pred, n_gold)
    result["span"] = prf(span_correct, n_pred, n_gold)
    result.update(predicted=n_pred, gold=n_gold, correct=correct, errors=errors)
    return result


def set_paths(test_gold: Path | None = None) -> dict[str, Path]:
    """The gold file of each set: dev, heldout, heldout2, heldout3 and test."""
    return common.set_paths(DEV_GOLD, test_gold or TEST_GOLD)


def evaluate_sets(paths: dict[str, Path], shared_dir: Path) -> dict[str, Any]:
    """Score each named gold file (see `rasad.eval.common.evaluate_sets`)."""
    return common.evaluate_sets(paths, lambda path: evaluate(path, shared_dir),
                                dev_sources=(shared_dir / "corpus" / "seeds", EXAMPLES))


def _print_set(name: str, result: dict[str, Any]) -> None:
    if result.get("missing"):
        print(f"[{name}] not scored: {result['path']}: {result['reason']}")
        return
    print(f"[{name}] gold {result['gold']}, predicted {result['predicted']}")
    print(f"{'':12}{'precision':>10}{'recall':>10}{'f1':>10}")
    for label, scores in (("span+value", result), ("span only", result["span"])):
        print(f"{label:12}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}")
    for e in result["errors"]:
        print(f"  {e['kind']:15} {e['doc']}: {e['text']!r} got {e['got']!r} expected {e['expected']!r}")


def main(argv: list[str] | None = None) -> int:
    """Command line: `rasad eval timex [--set dev|heldout|heldout2|heldout3|test|all] [--gold PATH] [--json]`.

    `--gold PATH` replaces the gold file of the chosen set (with `all`, only that file is scored, as
    set "gold"). Example: `python -m rasad.eval.timex --set heldout --json | tail -1`
    """
    parser = argparse.ArgumentParser(
        prog="rasad eval timex",
        description="Precision/recall of time expressions on the dev, heldout, heldout2, heldout3 and test gold "
        "(example: rasad eval timex --set heldout --json).",
    )
    add_set_arguments(parser)
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder with the seeds"
    )
    args = parser.parse_args(argv)
    paths = chosen_paths(args, set_paths())
    try:
        result = evaluate_sets(paths, args.shared)
    except GoldError as exc:
        print(f"rasad eval timex: {exc}", file=sys.stderr)
        return 2
    for name in paths:
        _print_set(name, result[name])
    if args.json:
        summary = {
            k: ({kk: vv for kk, vv in v.items() if kk != "errors"} if isinstance(v, dict) else v)
            for k, v in result.items()
        }
        print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
