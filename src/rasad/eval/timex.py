"""`rasad eval timex`: precision and recall of time expressions against a hand-written gold file.

The gold (`tests/gold/timex.json`) lists, per document of the shared seeds or the bundled example
corpus, every time expression: its text, which occurrence of that text, the expected value and
calendar, and the article's published date. A prediction is *correct* when its span overlaps the
gold expression's span and its value equals the gold value exactly (None == None); span-only scores
drop the value condition.

    python -m rasad.eval.timex --json
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
from rasad.extract.timex import find_times

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO / "tests" / "gold" / "timex.json"
DEFAULT_SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "corpus"


class GoldError(Exception):
    """The gold file or a document it names is missing or malformed."""


@dataclass(frozen=True)
class GoldTime:
    start: int
    end: int
    text: str
    value: str | None
    calendar: str


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


def _locate(text: str, phrase: str, occurrence: int, where: str) -> tuple[int, int]:
    # Whole words only: "شنبه" must not be found inside "یکشنبه".
    # An Arabic proclitic (و ف ب ل ك) may be glued before the phrase: "ويوليو".
    start = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك]))"
    found = list(re.finditer(rf"{start}{re.escape(phrase)}(?!\w)", text))
    if occurrence >= len(found):
        raise GoldError(f"{where}: occurrence {occurrence} of {phrase!r} not found in the text")
    return found[occurrence].span()


def _document_path(doc: dict[str, Any], shared_dir: Path) -> Path:
    if doc["corpus"] == "seeds":
        return shared_dir / "corpus" / "seeds" / doc["file"]
    if doc["corpus"] == "examples":
        return EXAMPLES / doc["file"]
    raise GoldError(f"unknown corpus {doc['corpus']!r} (expected 'seeds' or 'examples')")


def load_gold(gold_path: Path, shared_dir: Path) -> list[tuple[dict[str, Any], str, list[GoldTime]]]:
    """Each gold document with its text and located gold expressions."""
    if not gold_path.is_file():
        raise GoldError(f"gold file {gold_path} does not exist")
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    out = []
    for doc in data["documents"]:
        text = read_document(_document_path(doc, shared_dir), doc.get("record"))
        where = f"{doc['file']}#{doc.get('record', '')}"
        golds = []
        for g in doc["times"]:
            start, end = _locate(text, g["text"], g.get("occurrence", 0), where)
            golds.append(GoldTime(start, end, g["text"], g["value"], g.get("calendar", "gregorian")))
        out.append((doc, text, golds))
    return out


def _overlaps(a: TimeExpression, b: GoldTime) -> bool:
    return a.start < b.end and b.start < a.end


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(gold_path: Path, shared_dir: Path) -> dict[str, Any]:
    """Score `find_times` on the gold documents.

    Returns precision/recall/f1 (span overlap and exact value), `span` (overlap only), counts, and
    `errors`: the false positives and misses, for reading.

    >>> evaluate(DEFAULT_GOLD, DEFAULT_SHARED)["precision"] >= 0  # doctest: +SKIP
    True
    """
    n_pred = n_gold = tp_pred = tp_gold = span_pred = span_gold = 0
    errors: list[dict[str, Any]] = []
    for doc, text, golds in load_gold(gold_path, shared_dir):
        preds = find_times(text, doc["lang"], doc.get("published"))
        name = doc["file"] + (f"#{doc['record']}" if doc.get("record") else "")
        n_pred += len(preds)
        n_gold += len(golds)
        for p in preds:
            hits = [g for g in golds if _overlaps(p, g)]
            span_pred += bool(hits)
            if any(g.value == p.value for g in hits):
                tp_pred += 1
            else:
                expected = [g.value for g in hits] or "not a time"
                errors.append(
                    {
                        "doc": name,
                        "kind": "false_positive",
                        "text": p.text,
                        "got": p.value,
                        "expected": expected,
                    }
                )
        for g in golds:
            found = [p for p in preds if _overlaps(p, g)]
            span_gold += bool(found)
            if any(p.value == g.value for p in found):
                tp_gold += 1
            else:
                errors.append(
                    {
                        "doc": name,
                        "kind": "miss",
                        "text": g.text,
                        "expected": g.value,
                        "got": [p.value for p in found] or "not found",
                    }
                )
    result: dict[str, Any] = _prf(tp_pred, n_pred, tp_gold, n_gold)
    result["span"] = _prf(span_pred, n_pred, span_gold, n_gold)
    result.update(
        predicted=n_pred, gold=n_gold, correct_predicted=tp_pred, correct_gold=tp_gold, errors=errors
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: `rasad eval timex [--gold PATH] [--shared DIR] [--json]`.

    Example: `python -m rasad.eval.timex --json | tail -1`
    """
    parser = argparse.ArgumentParser(
        prog="rasad eval timex",
        description="Precision/recall of time expressions on the hand-annotated gold "
        "(example: rasad eval timex --json).",
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"gold file (default {DEFAULT_GOLD})")
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder with the seeds"
    )
    parser.add_argument("--json", action="store_true", help="end with one JSON line holding the scores")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.gold, args.shared)
    except GoldError as exc:
        print(f"rasad eval timex: {exc}", file=sys.stderr)
        return 2
    print(f"{'':12}{'precision':>10}{'recall':>10}{'f1':>10}")
    for label, scores in (("span+value", result), ("span only", result["span"])):
        print(f"{label:12}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}")
    print(f"gold {result['gold']}, predicted {result['predicted']}")
    for e in result["errors"]:
        print(f"  {e['kind']:15} {e['doc']}: {e['text']!r} got {e['got']!r} expected {e['expected']!r}")
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "errors"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
