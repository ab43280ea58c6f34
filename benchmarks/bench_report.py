"""report.html at scale, measured in Debian's Chromium: file size, build CPU time, time until the
page is usable, and time per keystroke of the article filter (matching and redrawing the table).

An output folder of `rasad analyze` (e.g. of /work/snn/sample1000.jsonl) or a generated folder of N
distinct articles (tests/report_corpus.py):

    .venv/bin/python benchmarks/bench_report.py OUT_DIR [OUT_DIR ...] [--synthetic 5000] [--json]

"usable" is performance.now() when the first view is drawn (from navigation start), the median of
3 loads; the filter types a query one key at a time and reports each keystroke's update.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from rasad.report.html import write_report
from report_browser import chromium, open_report, show
from report_corpus import synthetic_folder

QUERIES = ("الحسكه", "Hasakah", "الرياض")


def measure(browser: Any, out_dir: Path) -> dict[str, Any]:
    cpu = time.process_time()
    report = write_report(out_dir)
    build_cpu = time.process_time() - cpu
    loads = []
    for _ in range(3):
        watched = open_report(browser, report)
        loads.append(watched.page.evaluate("window.__rasad.readyAt"))
        watched.page.close()
    watched = open_report(browser, report)
    show(watched, "articles")
    keystrokes: dict[str, list[float]] = {}
    for query in QUERIES:
        watched.page.fill("#q", "")
        watched.page.evaluate("window.__rasad.updateTimes = []")
        watched.page.locator("#q").press_sequentially(query)
        keystrokes[query] = watched.page.evaluate("window.__rasad.updateTimes")
    all_keys = [t for times in keystrokes.values() for t in times]
    count = watched.page.evaluate("window.__rasad.match({})")
    open_article = time.perf_counter()
    show(watched, f"article/{count - 1}")
    article_ms = (time.perf_counter() - open_article) * 1000
    problems = watched.problems()
    watched.page.close()
    return {
        "folder": str(out_dir), "articles": count, "size_mb": round(report.stat().st_size / 1e6, 2),
        "build_cpu_s": round(build_cpu, 2), "usable_ms_median": round(statistics.median(loads)),
        "usable_ms_all": [round(x) for x in loads],
        "keystroke_ms_median": round(statistics.median(all_keys), 1), "keystroke_ms_max": round(max(all_keys), 1),
        "keystroke_ms": {q: [round(t, 1) for t in times] for q, times in keystrokes.items()},
        "open_last_article_ms": round(article_ms), "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--synthetic", type=int, default=0, help="also a generated folder of N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        folders = list(args.folders)
        if args.synthetic:
            folders.append(synthetic_folder(Path(tmp) / f"synthetic{args.synthetic}", args.synthetic))
        for folder in folders:
            results.append(measure(browser, folder))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for r in results:
        print(f"{r['folder']}: {r['articles']} articles, {r['size_mb']} MB, build {r['build_cpu_s']} s CPU, "
              f"usable in {r['usable_ms_median']} ms {r['usable_ms_all']}, keystroke median "
              f"{r['keystroke_ms_median']} ms / max {r['keystroke_ms_max']} ms, last article opened in "
              f"{r['open_last_article_ms']} ms, problems: {r['problems'] or 'none'}")


if __name__ == "__main__":
    main()
