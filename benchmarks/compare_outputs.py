"""Compare two `articles.jsonl` files field by field: did an optimisation change the output?

Articles are matched by their source (path and record), so a changed text that changes the content
id is reported as a change, not as a missing article.

    python benchmarks/compare_outputs.py before/articles.jsonl after/articles.jsonl
    python benchmarks/compare_outputs.py before/ after/ --ignore rule,score --show 5
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def _load(path: Path) -> dict[str, dict[str, Any]]:
    if path.is_dir():
        path = path / "articles.jsonl"
    records: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                src = record.get("source") or {}
                records[f"{src.get('path') or src.get('url')}#{src.get('record')}"] = record
    return records


def _strip(value: Any, ignore: frozenset[str]) -> Any:
    """`value` without the keys in `ignore`, at any depth."""
    if isinstance(value, dict):
        return {k: _strip(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        return [_strip(v, ignore) for v in value]
    return value


def compare(before: Path, after: Path, ignore: frozenset[str], show: int) -> int:
    """Print what differs; return the number of articles that differ (0: identical)."""
    old, new = _load(before), _load(after)
    changed_fields: Counter[str] = Counter()
    examples: list[str] = []
    differing = 0
    for key in sorted(set(old) | set(new)):
        if key not in old or key not in new:
            differing += 1
            changed_fields["<only in " + ("after" if key not in old else "before") + ">"] += 1
            continue
        a, b = _strip(old[key], ignore), _strip(new[key], ignore)
        fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
        if fields:
            differing += 1
            changed_fields.update(fields)
            if len(examples) < show:
                f = fields[0]
                examples.append(f"{key} {f}:\n  before {json.dumps(a.get(f), ensure_ascii=False)[:400]}"
                                f"\n  after  {json.dumps(b.get(f), ensure_ascii=False)[:400]}")
    print(f"{len(old)} before, {len(new)} after, {differing} differ")
    for name, count in changed_fields.most_common():
        print(f"  {name}: {count}")
    for example in examples:
        print(example)
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore", default="", help="comma-separated keys to ignore at any depth")
    parser.add_argument("--show", type=int, default=3, help="print this many example differences")
    args = parser.parse_args(argv)
    ignore = frozenset(k for k in args.ignore.split(",") if k)
    return 1 if compare(args.before, args.after, ignore, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
