"""`rasad eval attributions`: how well the attributions stage finds sources and their kinds.

Four gold sets ship with rasad, all invented articles with their text embedded:
- `dev` (`gold/attributions_dev.json`): written for tuning the stage;
- `dev3` (`gold/attributions_dev3.json`): the sources of the `dev3` claims set's 24 articles;
- `blind` (`gold/blind_attributions/gold.json`): written before the stage existed, never tuned on;
- `blind2` (`gold/blind2_attributions/gold.json`): 28 longer articles written on 2026-11-30 before any tuning on them,
  never tuned on.

Each gold attribution names its `source` (an exact substring, `occurrence` 1-based), its
`source_kind` and, when the article credits an outlet for it, `cited_outlet`. The article runs
through all article stages; a predicted attribution matches a gold one when their source spans
overlap (one-to-one). Reported: precision, recall and F1 of sources, the accuracy of `source_kind`
over the matches, and the accuracy of the cited outlet over the matches where gold or prediction
names one (names compared by folded key, either containing the other: "وكالة سبوتنيك" ~ "Sputnik"
through the outlet registry's aliases).

    rasad eval attributions --dataset dev --json
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.article import Attribution, RawDocument, Source
from rasad.eval.common import GOLD_DIR, GoldError, find_occurrence, match_one_to_one, prf, run_gold_set_main
from rasad.pipeline import analyze_document, resolve
from rasad.settings import Settings
from rasad.text.normalize import matching_key

DATASETS = {
    "dev": GOLD_DIR / "attributions_dev.json",
    "dev3": GOLD_DIR / "attributions_dev3.json",
    "blind": GOLD_DIR / "blind_attributions" / "gold.json",
    "blind2": GOLD_DIR / "blind2_attributions" / "gold.json",
}


def _same_outlet(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return gold == predicted
    from rasad.kb.outlets import registry

    def names(name: str) -> set[str]:
        keys = {matching_key(name)}
        outlet = registry().by_name(name)
        if outlet is not None:
            keys.add(matching_key(outlet.name))
        return keys

    g, p = names(gold), names(predicted)
    return bool(g & p) or any(a in b or b in a for a in g for b in p)


def score(path: Path) -> dict[str, Any]:
    """The scores of one gold file."""
    try:
        articles = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc})") from exc
    settings = Settings(workers=1, progress=False)
    stages = resolve(settings.stages)
    matched = n_pred = n_gold = kind_ok = 0
    cited_ok = cited_n = 0
    confusion: Counter[str] = Counter()
    misses: list[dict[str, str]] = []
    for item in articles:
        raw = RawDocument(Source(sha256=f"gold-{item['id']}", format="txt", path=item["id"]), item["text"])
        article = analyze_document(raw, settings, stages)
        offset = article.text.find(item["text"].strip()[:40])  # cleaning may move the text; realign
        golds = []
        for g in item["attributions"]:
            start, end = find_occurrence(item["text"], g["source"], g.get("occurrence", 1) - 1, item["id"])
            shift = offset - item["text"].find(item["text"].strip()[:40]) if offset >= 0 else 0
            golds.append((start + shift, end + shift, g))
        preds: list[Attribution] = article.attributions
        pairs = match_one_to_one(preds, golds, lambda p, g: _overlaps(p, g[0], g[1]))
        n_pred += len(preds)
        n_gold += len(golds)
        matched += len(pairs)
        for gi, pi in pairs.items():
            gold, pred = golds[gi][2], preds[pi]
            kind_ok += pred.source_kind == gold["source_kind"]
            confusion[f"{gold['source_kind']}->{pred.source_kind}"] += 1
            if gold.get("cited_outlet") or pred.cited_outlet:
                cited_n += 1
                cited_ok += _same_outlet(gold.get("cited_outlet"), pred.cited_outlet)
        for gi, (_, _, g) in enumerate(golds):
            if gi not in pairs:
                misses.append({"article": item["id"], "missed": g["source"]})
        used = set(pairs.values())
        misses.extend({"article": item["id"], "spurious": p.source} for i, p in enumerate(preds) if i not in used)
    return {
        **prf(matched, n_pred, n_gold),
        "gold": n_gold, "predicted": n_pred, "matched": matched,
        "kind_accuracy": round(kind_ok / matched, 4) if matched else 0.0,
        "cited_outlet_accuracy": round(cited_ok / cited_n, 4) if cited_n else 1.0,
        "kinds": dict(sorted(confusion.items())),
        "errors": misses,
    }


def _overlaps(pred: Attribution, start: int, end: int) -> bool:
    s = pred.source_start if pred.source_start is not None else pred.start
    e = pred.source_end if pred.source_end is not None else pred.end
    return s < end and start < e


def _headline(r: dict[str, Any]) -> str:
    return (f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
            f"source_kind accuracy {r['kind_accuracy']:.3f}  cited outlet accuracy {r['cited_outlet_accuracy']:.3f}  "
            f"({r['matched']} of {r['gold']} gold, {r['predicted']} predicted)")


def main(argv: list[str] | None = None) -> int:
    return run_gold_set_main(argv, "attributions", __doc__, DATASETS, score, _headline)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
