"""How many EUvsDisinfo cases each catalogue narrative's English phrases match.

Reads `../shared/data/narratives/euvsdisinfo/posts.csv` (title and keywords of 10,892 documented
disinformation cases) and matches each row's title (not its keywords, which are the reference) with
the narratives' English key phrases (`rasad.narratives.match`, the matcher of the `narratives` stage). Beside
each count: the cases EUvsDisinfo itself tagged with the narrative's reference keywords (below), how
many of those the phrases match (recall against the tags) and how many matched cases carry one of
the tags (agreement). The cases' text is only counted, never printed or copied.

    python benchmarks/narratives_euvsdisinfo.py [--posts PATH] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from rasad.narratives.catalogue import bundled_catalogue
from rasad.narratives.match import phrase_hits, phrase_matchers

DEFAULT_POSTS = Path(__file__).resolve().parents[1].parent / "shared/data/narratives/euvsdisinfo/posts.csv"
# EUvsDisinfo keywords that tag each narrative's cases (their own labels; a rough reference).
REFERENCE_KEYWORDS = {
    "us-isis-collusion": {"Daesh"},
    "occupation-oil-theft": {"Occupation"},
    "sdf-separatist-militia": {"Kurdistan"},
    "staged-chemical-attacks": {"Chemical weapons/attack", "White Helmets"},
    "humanitarian-pretext": {"humanitarian aid"},
    "sanctions-cause-shortages": {"Sanctions"},
    "us-biolabs": {"Biological weapons", "Lugar Laboratory", "laboratory"},
    "foreign-orchestrated-unrest": {"Colour revolutions", "Protest"},
    "iranian-interference": set(),
}


def evaluate(posts: Path) -> dict[str, dict[str, object]]:
    """Per narrative: cases matched, reference-tagged cases, recall and agreement, top phrases."""
    narratives = bundled_catalogue()
    matchers = phrase_matchers(narratives)
    with posts.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        raise SystemExit(f"{posts}: no rows")
    out: dict[str, dict[str, object]] = {}
    for narrative in narratives:
        reference = REFERENCE_KEYWORDS.get(narrative.id, set())
        matched = tagged = both = 0
        phrases: Counter[str] = Counter()
        for row in rows:
            keywords = {k.strip() for k in row["keywords"].split("+")}
            hits = phrase_hits(row["title"], "en", {"en": matchers[narrative.id]["en"]})
            is_tagged = bool(keywords & reference)
            tagged += is_tagged
            if hits:
                matched += 1
                both += is_tagged
                phrases.update({h.phrase for h in hits})
        out[narrative.id] = {
            "cases": len(rows), "matched": matched, "tagged": tagged,
            "recall_of_tagged": round(both / tagged, 3) if tagged else None,
            "matched_and_tagged": round(both / matched, 3) if matched else None,
            "top_phrases": dict(phrases.most_common(5)),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=Path, default=DEFAULT_POSTS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.posts.exists():
        print(f"missing {args.posts} (../shared beside the checkout)", file=sys.stderr)
        return 2
    result = evaluate(args.posts)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{'narrative':30} {'matched':>7} {'tagged':>6} {'recall':>6} {'agree':>6}  top phrases")
    for nid, r in result.items():
        print(f"{nid:30} {r['matched']:>7} {r['tagged']:>6} {r['recall_of_tagged'] or '-':>6} "
              f"{r['matched_and_tagged'] or '-':>6}  {r['top_phrases']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
