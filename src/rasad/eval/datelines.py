"""Scoring datelines, publication dates and date-part quantities on a document-format gold file.

Each document (`src/rasad/eval/gold/blind_datelines.json`, never tuned on; `src/rasad/eval/gold/dev_datelines.json`,
tuned on) gives the expected `published` date (or null), the `dateline_outlet` (or null), relative
`times` whose value depends on `published`, and every quantity the `quantities` stage should emit.
Each document runs through the article stages with its gold language (language id is not scored).

- `published`: share of documents whose `published` equals the gold (null included);
- `outlet`: share of documents with a gold dateline outlet whose dateline names that outlet;
- `times`: share of gold relative times found with the gold value;
- `quantities`: precision/recall over the stage's quantities (overlap, same value, ordinal or not).

    python -m rasad.eval.datelines src/rasad/eval/gold/dev_datelines.json --show
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rasad.article import Article, Quantity, RawDocument, Source
from rasad.eval.common import GOLD_DIR, find_occurrence, match_one_to_one, prf, read_document_gold
from rasad.kb.outlets import registry
from rasad.pipeline import REGISTRY, load_stages
from rasad.settings import Settings

BLIND_GOLD = GOLD_DIR / "blind_datelines.json"
DEV_GOLD = GOLD_DIR / "dev_datelines.json"
STAGES = ("normalize", "clean", "letters", "segment", "metadata", "times", "quantities")


def analyze_text(text: str, lang: str) -> Article:
    """`text` through the article stages (without language id: `lang` is given)."""
    settings = Settings(workers=1)
    article = Article.from_raw(RawDocument(source=Source(path="gold.txt", sha256="0", format="txt"), text=text))
    article.lang = lang
    load_stages()
    for name in STAGES:  # no language id stage: `lang` is given
        article = REGISTRY[name].func(article, settings)
    return article


def _same_outlet(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None:
        return found == gold
    outlet = registry().by_name(gold)
    return found == (outlet.name if outlet else gold)


def _quantity_ok(pred: Quantity, gold: dict[str, Any], span: tuple[int, int]) -> bool:
    overlaps = pred.start < span[1] and span[0] < pred.end
    ordinal = (pred.kind == "ordinal") == (gold.get("kind") == "ordinal")
    return overlaps and ordinal and pred.value == gold.get("value")


def score(path: Path) -> dict[str, Any]:
    """Scores on one gold file, with the documents that missed something under `errors`."""
    docs = read_document_gold(path)
    published_ok = outlets = outlets_ok = times = times_ok = 0
    tp = n_pred = n_gold = 0
    errors: list[str] = []
    for doc in docs:
        article = analyze_text(doc["text"], doc["lang"])
        if article.published == doc.get("published"):
            published_ok += 1
        else:
            errors.append(f"{doc['id']}: published {article.published} != {doc.get('published')}")
        if doc.get("dateline_outlet"):
            outlets += 1
            found = article.dateline.outlet if article.dateline else None
            if _same_outlet(found, doc["dateline_outlet"]):
                outlets_ok += 1
            else:
                errors.append(f"{doc['id']}: dateline outlet {found} != {doc['dateline_outlet']}")
        for gold_time in doc.get("times") or []:
            times += 1
            span = find_occurrence(article.text, gold_time["text"], gold_time["occurrence"], doc["id"])
            values = {t.value for t in article.times if t.start <= span[0] and span[1] <= t.end}
            if gold_time["value"] in values:
                times_ok += 1
            else:
                errors.append(f"{doc['id']}: time {gold_time['text']!r} = {sorted(map(str, values))}")
        golds = doc.get("quantities") or []
        located = [(g, find_occurrence(article.text, g["text"], g["occurrence"], doc["id"])) for g in golds]
        matched = match_one_to_one(article.quantities, located, lambda p, g: _quantity_ok(p, g[0], g[1]))
        tp, n_pred, n_gold = tp + len(matched), n_pred + len(article.quantities), n_gold + len(golds)
        used = set(matched.values())
        extra = [f"{q.text!r}={q.kind}:{q.value}" for n, q in enumerate(article.quantities) if n not in used]
        missed = [g["text"] for n, g in enumerate(golds) if n not in matched]
        if extra or missed:
            errors.append(f"{doc['id']}: quantities extra {extra} missed {missed}")
    return {
        "documents": len(docs),
        "published": round(published_ok / len(docs), 3) if docs else 0.0,
        "outlet": round(outlets_ok / outlets, 3) if outlets else 1.0,
        "times": round(times_ok / times, 3) if times else 1.0,
        "quantities": prf(tp, n_pred, n_gold),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the scores of one gold file as JSON (`--show` adds the misses)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEV_GOLD)
    parser.add_argument("--show", action="store_true", help="list the documents that missed something")
    args = parser.parse_args(argv)
    result = score(args.gold)
    if not args.show:
        result.pop("errors")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
