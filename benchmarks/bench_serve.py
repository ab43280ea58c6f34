"""`rasad serve` on an analysis folder: CPU time to load it and build the search index, and per search
(the API's `find`: tantivy, filters, facets), with the number of articles each query finds.

Spelling variants are measured side by side (Arabic, Persian letters, English): each group should
find about the same articles. Works on a copy: it writes the folder's `search-index/`.

    python benchmarks/bench_serve.py /tmp/serve/snn1000
    python benchmarks/bench_serve.py /tmp/serve/snn4000 --json
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from rasad.outputs import SEARCH_INDEX
from rasad.serve.folder import AnalysisFolder
from rasad.serve.records import ArticleQuery

# Groups of spellings of one name: Arabic, Arabic with Persian letters, English (and the entity id).
VARIANTS = [
    ("الرياض", "الریاض", "Riyadh"),
    ("جدة", "جده", "Jeddah"),
    ("مكة", "مکه", "Makkah"),
    ("داعش", "ISIS", "org:isis"),
    ("الحسكة", "حسکه", "Hasakah"),
    ("اليمن", "یمن", "Yemen"),
    ("السعودية", "سعودیه", "Saudi Arabia"),
]
REPEATS = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="an analysis folder (a copy: the index is written into it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    args = parser.parse_args(argv)
    shutil.rmtree(args.folder / SEARCH_INDEX, ignore_errors=True)
    start = time.process_time()
    folder = AnalysisFolder(args.folder)
    build = time.process_time() - start
    start = time.process_time()
    folder.close()
    folder = AnalysisFolder(args.folder)  # the index is reused this time
    reopen = time.process_time() - start
    rows = []
    for group in VARIANTS:
        for query in group:
            start = time.process_time()
            for _ in range(REPEATS):
                page = folder.find(ArticleQuery(q=query))
            rows.append({"query": query, "found": page.total, "ms": 1000 * (time.process_time() - start) / REPEATS})
    start = time.process_time()
    for _ in range(REPEATS):
        everything = folder.find(ArticleQuery())
    listing = 1000 * (time.process_time() - start) / REPEATS
    result = {"articles": len(folder.articles), "load_and_index_s": round(build, 2), "reopen_s": round(reopen, 2),
              "list_all_ms": round(listing, 1), "list_all_total": everything.total,
              "queries": [r | {"ms": round(r["ms"], 1)} for r in rows]}
    folder.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{result['articles']:,} articles: load + index {build:.2f} s CPU, reopen {reopen:.2f} s, "
          f"list all {listing:.1f} ms")
    for row in rows:
        print(f"  {row['query']:>14}  {row['found']:5d} articles  {row['ms']:6.1f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
