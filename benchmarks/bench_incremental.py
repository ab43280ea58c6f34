"""Incremental ingest: what does adding a batch of new articles to a large store cost, compared with
analysing the batch alone?

Builds (once, kept in --work) a store of the first --base records of a JSONL corpus with `rasad
ingest`, then measures, in this process with one worker (CPU time: `time.process_time()`, steadier
than wall time on a shared machine):

1. `analyze`: the --batch new records analysed alone into an empty folder (`rasad analyze`);
2. `ingest`: the same records added to a copy of the base store (`rasad ingest --store`), with the
   CPU time of each step (article stages, store, each corpus stage).

Base and batch are disjoint, drawn from the corpus in a fixed pseudo-random order (a hash of each
record), so a base of 4,000 and one of 30,000 hold the same kind of articles.

    python benchmarks/bench_incremental.py --corpus /work/snn/all.jsonl --base 4000 --batch 1000
    nice python benchmarks/bench_incremental.py --base 30000 --batch 1000 --json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import time
from pathlib import Path
from typing import Any

from rasad.analyze import analyze
from rasad.monitor.ingest import ingest
from rasad.settings import Settings


def split(corpus: Path, base: int, batch: int, work: Path) -> tuple[Path, Path]:
    """`base.jsonl` (the first `base` records in a fixed shuffle) and `batch.jsonl` (the last `batch`)."""
    base_file, batch_file = work / f"base{base}.jsonl", work / f"batch{batch}.jsonl"  # the batch: the last
    # records in that order, the same whatever the base
    if not base_file.exists() or not batch_file.exists():
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        if len(lines) < base + batch:
            raise SystemExit(f"bench: {corpus} has {len(lines)} records: too few for base {base} + batch {batch}")
        lines.sort(key=lambda line: hashlib.sha1(line.encode("utf-8")).digest())  # a fixed shuffle
        base_file.write_text("".join(lines[:base]), encoding="utf-8")
        batch_file.write_text("".join(lines[-batch:]), encoding="utf-8")
    return base_file, batch_file


def cpu(work: Any) -> tuple[float, float, Any]:
    """(CPU seconds, wall seconds, result) of `work()`."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu0, time.perf_counter() - wall0, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("/work/snn/all.jsonl"))
    parser.add_argument("--base", type=int, default=4000, help="records in the base store")
    parser.add_argument("--batch", type=int, default=1000, help="new records added")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rasad-bench-incremental"))
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--no-alone", action="store_true", help="skip analysing the batch alone (measured before)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    settings = Settings(workers=1, progress=False, report=False)
    base_file, batch_file = split(args.corpus, args.base, args.batch, args.work)
    base_store = args.work / f"store{args.base}"
    base_cpu = None
    if not (base_store / "rasad.duckdb").exists():
        base_cpu, _, _ = cpu(lambda: ingest([base_file], base_store, settings))
    else:  # a store built by an earlier rasad: bring its corpus tables up to date (nothing new is added)
        ingest([], base_store, settings)
    # Warm the models up (50 base records) so that neither measurement pays for loading them.
    warm = args.work / "warm"
    shutil.rmtree(warm, ignore_errors=True)
    warm.mkdir()
    with base_file.open(encoding="utf-8") as fh:
        (warm / "warm.jsonl").write_text("".join(line for _, line in zip(range(50), fh, strict=False)), "utf-8")
    analyze([warm / "warm.jsonl"], warm / "out", settings)
    alone = args.work / "alone"
    shutil.rmtree(alone, ignore_errors=True)
    alone_cpu, alone_wall, alone_summary = (0.0, 0.0, None) if args.no_alone else \
        cpu(lambda: analyze([batch_file], alone, settings))
    grown = args.work / "grown"
    shutil.rmtree(grown, ignore_errors=True)
    shutil.copytree(base_store, grown)
    inc_cpu, inc_wall, inc = cpu(lambda: ingest([batch_file], grown, settings))
    result = {
        "base_articles": inc.total - inc.added, "batch_records": args.batch, "added": inc.added,
        "analyze_alone": {"cpu_s": round(alone_cpu, 1), "wall_s": round(alone_wall, 1),
                          "articles": alone_summary.articles if alone_summary else None},
        "ingest_into_store": {"cpu_s": round(inc_cpu, 1), "wall_s": round(inc_wall, 1),
                              "steps_cpu_s": inc.cpu_seconds, "alerts": len(inc.alerts)},
        "ratio_cpu": round(inc_cpu / alone_cpu, 2) if alone_cpu else None,
        "base_build_cpu_s": round(base_cpu, 1) if base_cpu is not None else None,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"base store: {result['base_articles']:,} articles; batch: {args.batch:,} records, {inc.added:,} new")
    print(f"  analyse the batch alone:     {alone_cpu:7.1f} CPU-s  ({alone_wall:.1f} s wall)")
    print(f"  ingest it into the store:    {inc_cpu:7.1f} CPU-s  ({inc_wall:.1f} s wall)  "
          f"ratio {result['ratio_cpu']}")
    for step, seconds in inc.cpu_seconds.items():
        print(f"    {step:34} {seconds:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
