"""Benchmark: throughput and peak memory of `rasad analyze` on a synthetic corpus.

The corpus is the bundled examples (and the seeds, when ../shared is present) repeated until it
holds --articles articles, each copy made unique by a numbered line after its headline.

    python benchmarks/bench_pipeline.py --articles 400 --workers 2
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rasad.analyze import analyze
from rasad.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(target: Path, n_articles: int) -> int:
    sources = [p for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    sources += sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    texts = []
    for p in sources:
        raw = p.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1256"))
    chars = 0
    for i in range(n_articles):
        head, _, rest = texts[i % len(texts)].partition("\n")
        text = f"{head}\nنسخة رقم {i} copy {i}\n{rest}"  # a unique line after the headline
        (target / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="rasad-bench-"))
    try:
        corpus, out = tmp / "corpus", tmp / "out"
        corpus.mkdir()
        chars = build_corpus(corpus, args.articles)
        start = time.perf_counter()
        summary = analyze([corpus], out, Settings(workers=args.workers, progress=False))
        seconds = time.perf_counter() - start
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {
            "articles": summary.articles,
            "errors": summary.errors,
            "workers": args.workers,
            "seconds": round(seconds, 2),
            "articles_per_s": round(summary.articles / seconds, 1),
            "chars_per_s": round(chars / seconds),
            "peak_rss_main_mb": round(self_rss),
            "peak_rss_worker_mb": round(child_rss),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.json:
        for k, v in result.items():
            print(f"{k:20} {v}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
