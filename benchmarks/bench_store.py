"""Benchmark: the steps after the article stages — upsert into the DuckDB store, the corpus stages,
and a second upsert of the same articles (a re-run into the same folder) — with peak memory.

Reads an analysed `articles.jsonl` (e.g. from `rasad analyze /work/snn/sample1000.jsonl --out OUT`)
and repeats its records with fresh ids until there are --articles of them, so the store steps can be
measured at the size of the whole SaudiNewsNet corpus without analysing it.

    python benchmarks/bench_store.py OUT/articles.jsonl --articles 31000
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

from rasad.corpus.runner import resolve_corpus, run_corpus_stages
from rasad.outputs import iter_jsonl
from rasad.settings import Settings
from rasad.store.duck import Store


def repeated(path: Path, n_articles: int) -> Iterator[dict]:
    """The records of `path`, repeated with ids made unique by a copy number, `n_articles` in all."""
    made = 0
    for copy in count():
        before = made
        for record in iter_jsonl(path):
            if made == n_articles:
                return
            record["id"] = f"{copy:04d}{record['id'][4:]}"
            made += 1
            yield record
        if made == before:
            raise SystemExit(f"{path} holds no articles")


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles_jsonl", type=Path)
    parser.add_argument("--articles", type=int, default=31_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        folder = Path(tmp)
        source = folder / "articles.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            ids = []
            for record in repeated(args.articles_jsonl, args.articles):
                ids.append(record["id"])
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        results: dict[str, float | int] = {"articles": len(ids), "json_mb": source.stat().st_size // 2**20}
        started = time.perf_counter()
        with Store(folder / "rasad.duckdb") as store:
            store.upsert_jsonl(source)
            store.set_collection(ids)
            results["upsert_s"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            run_corpus_stages(store, folder, Settings(), resolve_corpus(None))
            results["corpus_stages_s"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            store.upsert_jsonl(source)
            results["re_upsert_s"] = round(time.perf_counter() - started, 1)
        results["store_mb"] = (folder / "rasad.duckdb").stat().st_size // 2**20
        results["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
