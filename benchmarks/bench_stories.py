"""Benchmark: the stories corpus stage (and reuse, when that stage is registered) on an analysed corpus,
with wall time and peak memory. Target: all 31,030 SaudiNewsNet articles in <= 120 s on 2 cores, peak
memory <= 2 GB.

Reads an analysed `articles.jsonl` (e.g. from `rasad analyze /work/snn/sample4000.jsonl --out OUT`),
loads it into a fresh store (not timed as the stage), then times the corpus stages on it.

    python benchmarks/bench_stories.py OUT/articles.jsonl
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import rasad.stages  # noqa: F401  (registers the corpus stages)
from rasad.corpus.runner import CORPUS_REGISTRY, resolve_corpus, run_corpus_stages
from rasad.outputs import iter_jsonl
from rasad.settings import Settings
from rasad.store.duck import Store


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles_jsonl", type=Path)
    args = parser.parse_args()
    names = [n for n in ("stories", "reuse") if n in CORPUS_REGISTRY]  # reuse reads the stories table
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        folder = Path(tmp)
        ids = [record["id"] for record in iter_jsonl(args.articles_jsonl)]
        results: dict[str, object] = {"articles": len(ids), "stages": names}
        started = time.perf_counter()
        with Store(folder / "rasad.duckdb") as store:
            store.upsert_jsonl(args.articles_jsonl)
            store.set_collection(ids)
            results["upsert_s"] = round(time.perf_counter() - started, 1)
            results["rss_after_upsert_mb"] = peak_rss_mb()
            errors: list[str] = []
            for stage in resolve_corpus(names):
                started = time.perf_counter()
                run_corpus_stages(store, folder, Settings(), [stage], on_error=lambda e: errors.append(e.detail))
                results[f"{stage.name}_s"] = round(time.perf_counter() - started, 1)
            if errors:
                results["errors"] = errors
        stories = json.loads((folder / "stories.json").read_text("utf-8"))
        sizes = [len(s["articles"]) for s in stories]
        results["stories"] = len(stories)
        results["stories_with_2_or_more"] = sum(1 for n in sizes if n > 1)
        results["largest_story"] = max(sizes, default=0)
        results["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
