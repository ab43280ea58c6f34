"""Benchmark what `rasad analyze` does after the article stages (articles.jsonl, store, corpus stages,
report) without running the article stages again: the articles of an earlier run's `articles.jsonl`
are replayed as if just analysed, then the rest of `analyze()` runs as usual in this process.

It prints each step's wall and CPU seconds (this process's, and its child processes': a pool's), the
main process's RSS at its end and its peak during it (`rasad.timings`), and the peak RSS of the whole
replay (sampled from /proc). The replayed records
already carry the earlier run's cross-script name ids, so the output can differ from a real run's
in those ids: use it for time and memory, and `rasad analyze` with compare_outputs.py for identity.

    python benchmarks/bench_corpus.py /tmp/out4000/articles.jsonl
    python benchmarks/bench_corpus.py /tmp/full31k/articles.jsonl --limit 16000 --out /tmp/c16k
    python benchmarks/bench_corpus.py /tmp/out4000/articles.jsonl --profile /tmp/corpus.prof
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss(threading.Thread):
    """Samples this process's RSS until stopped; `peak_mb` is the highest seen."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval, self.peak_mb = interval, 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak_mb = max(self.peak_mb, _rss_mb())
            self._stop_event.wait(self.interval)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def replay(path: Path, limit: int | None) -> Iterator[Any]:
    """The articles of `path` (at most `limit`), as `rasad.analyze.analysed` would yield them."""
    from rasad.article import Article

    with path.open(encoding="utf-8") as fh:
        for line in islice(fh, limit):
            record = json.loads(line)
            record.pop("duplicate_sources", None)
            yield Article.from_dict(record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path, help="an earlier run's articles.jsonl")
    parser.add_argument("--limit", type=int, help="replay only the first N articles")
    parser.add_argument("--out", type=Path, help="the output folder (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=2, help="the --workers setting of the replayed run")
    parser.add_argument("--no-report", action="store_true", help="do not write report.html")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the replay here")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    args = parser.parse_args(argv)

    import rasad.analyze as analyze_module
    from rasad.settings import Settings
    from rasad.timings import step_table

    tmp = Path(tempfile.mkdtemp(prefix="rasad-bench-corpus-"))
    out = args.out or tmp / "out"
    shutil.rmtree(out, ignore_errors=True)
    timings = tmp / "timings.jsonl"
    os.environ["RASAD_TIMINGS"] = str(timings)
    analyze_module.analysed = lambda inputs, settings, report_error, accept=None: replay(args.articles, args.limit)
    settings = Settings(workers=args.workers, progress=False, report=not args.no_report)
    peak = PeakRss()
    peak.start()
    profile = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        if profile:
            profile.enable()
        summary = analyze_module.analyze([args.articles], out, settings)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        result: dict[str, Any] = {
            "articles": summary.articles, "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s": round(time.process_time() - cpu, 2), "peak_rss_mb": round(peak.stop()),
            "steps": [json.loads(line) for line in timings.open(encoding="utf-8")],
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
        return 0
    for key, value in result.items():
        if key != "steps":
            print(f"{key:14} {value}")
    print(step_table(result["steps"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
