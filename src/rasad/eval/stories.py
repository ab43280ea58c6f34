"""`rasad eval stories`: B-cubed precision, recall and F1 of `stories.json` against the gold stories.

B-cubed (Bagga & Baldwin 1998) scores each gold article: precision is the share of its predicted
story that is in its gold story, recall the share of its gold story that is in its predicted story;
both are averaged over the articles. Only the gold's articles count: other articles of an `--out`
folder are ignored, and a gold article missing from the analysis counts as a story of its own.

    rasad eval stories --json                  # analyse examples/corpus, score against examples/gold
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rasad.eval.common import GoldError
from rasad.eval.corpus_gold import Dataset, article_ids, read_output, resolve_members, run_main
from rasad.outputs import STORIES

EPILOG = """\
examples:
  rasad eval stories --json                  analyse examples/corpus, score against examples/gold
  rasad eval stories --dataset blind --json  the blind set (never tune on it)
  rasad eval stories --out out/ --show       score an existing analysis; list splits and merges
"""


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering; both map item -> cluster label, and only
    the items of `gold` are scored (an item missing from `predicted` is a cluster of its own).

    >>> bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"})
    {'precision': 1.0, 'recall': 1.0, 'f1': 1.0}
    >>> bcubed({"a": "1", "b": "1"}, {"a": "x", "b": "y"})
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6667}
    """
    if not gold:
        raise ValueError("bcubed needs at least one gold item")
    pred = {item: predicted.get(item, f"\0missing:{item}") for item in gold}
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item in gold:
        pred_members.setdefault(pred[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        in_pred, in_gold = pred_members[pred[item]], gold_members[gold[item]]
        overlap = len(in_pred & in_gold)
        precision += overlap / len(in_pred)
        recall += overlap / len(in_gold)
    p, r = precision / len(gold), recall / len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def story_of_article(stories: Sequence[Mapping[str, Any]]) -> tuple[dict[str, str], list[str]]:
    """({article id: story id}, [articles listed in more than one story]) from `stories.json`."""
    owner: dict[str, str] = {}
    repeated: list[str] = []
    for n, story in enumerate(stories):
        story_id = str(story.get("id", f"#{n}"))
        for article in story.get("articles") or []:
            if article in owner:
                repeated.append(article)
            else:
                owner[article] = story_id
    return owner, repeated


def _details(pred: dict[str, str], gold: dict[str, str]) -> dict[str, list[list[str]]]:
    """Gold stories the prediction split, and predicted stories that merge several gold stories."""
    def groups(labels: dict[str, str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item, label in sorted(labels.items()):
            out.setdefault(label, []).append(item)
        return out

    by_gold, by_pred = groups(gold), groups(pred)
    split = [[label, *sorted({pred[i] for i in items})] for label, items in by_gold.items()
             if len({pred[i] for i in items}) > 1]
    merged = [[story, *sorted({gold[i] for i in items})] for story, items in by_pred.items()
              if len({gold[i] for i in items}) > 1]
    return {"split": split, "merged": merged, "predicted": [items for _, items in sorted(by_pred.items())]}


def score(data: Dataset, out_dir: Path) -> dict[str, Any]:
    """B-cubed scores of `out_dir/stories.json` against `data`'s gold stories."""
    gold_stories = data.read_gold("stories.json")
    if not isinstance(gold_stories, dict) or not gold_stories:
        raise GoldError(f"{data.gold / 'stories.json'}: expected {{story label: [file names]}}")
    gold = {member: label for label, members in gold_stories.items() for member in members}
    stories = read_output(out_dir, STORIES, "stories")
    owner, repeated = story_of_article(stories)
    ids, missing = resolve_members(list(gold), article_ids(out_dir))
    # an article the analysis holds but no story lists is a story of its own (the contract says
    # every article is in exactly one story, so this is counted, not forgiven)
    pred = {name: owner.get(article_id, f"unlisted:{article_id}") for name, article_id in ids.items()}
    scores = bcubed(pred, gold)
    return {
        "dataset": data.name,
        **scores,
        "articles": len(gold),
        "stories_gold": len(gold_stories),
        "stories_predicted": len({pred.get(name, name) for name in gold}),
        "missing_articles": missing,
        "unlisted_articles": sorted(n for n, label in pred.items() if label.startswith("unlisted:")),
        "in_several_stories": len(repeated),
        "details": _details({n: pred.get(n, f"missing:{n}") for n in gold}, gold),
    }


def main(argv: list[str] | None = None) -> int:
    """`rasad eval stories`: print B-cubed precision, recall and F1 (and the story counts)."""
    return run_main(argv, "B-cubed precision, recall and F1 of stories.json against the gold stories.",
                    EPILOG, score)


if __name__ == "__main__":
    raise SystemExit(main())
