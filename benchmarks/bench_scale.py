"""How the cost of `rasad analyze` grows with the input: the local engine and Spark (local mode) on
1k, 4k, 16k and all 31,030 SaudiNewsNet records.

Each run is a fresh `rasad analyze FILE --out DIR --engine E --workers W` subprocess, as a user would
start it. Reported per run: wall seconds, articles/s, CPU seconds of the whole process tree (main,
pool workers; for Spark the JVM and its Python workers, summed from /proc while they run), and the peak
of the tree's summed RSS and PSS (sampled from /proc, as `bench_pipeline.py` does). `per_1k_s` is wall
seconds per 1,000 records: near-constant across sizes means near-linear growth.

The samples are JSONL files of SaudiNewsNet records (`/work/snn/sample1000.jsonl`, `sample4000.jsonl`,
`all.jsonl`); `--make-sample 16000` draws a sample of the full file with a fixed seed (`--seed`),
keeping the records' order.

    python benchmarks/bench_scale.py --input /work/snn/sample1000.jsonl --engine local --engine spark
    python benchmarks/bench_scale.py --make-sample 16000 --input /work/snn/all.jsonl --sample-out /tmp/s16k.jsonl
    python benchmarks/bench_scale.py --input /tmp/s16k.jsonl --engine spark --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import run_analyze


def make_sample(source: Path, n: int, out: Path, seed: int) -> int:
    """Write `n` records of `source` drawn with `seed`, in their original order; returns how many."""
    lines = [line for line in source.open(encoding="utf-8") if line.strip()]
    chosen = sorted(random.Random(seed).sample(range(len(lines)), min(n, len(lines))))
    with out.open("w", encoding="utf-8") as fh:
        fh.writelines(lines[i] for i in chosen)
    return len(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True, help="a JSONL file of SaudiNewsNet records")
    parser.add_argument("--engine", action="append", choices=("local", "spark"), help="repeatable (default: both)")
    parser.add_argument("--workers", type=int, default=2, help="local processes, or Spark's local[N] cores")
    parser.add_argument("--make-sample", type=int, metavar="N", help="only write a sample of N records of --input")
    parser.add_argument("--sample-out", type=Path, help="where --make-sample writes")
    parser.add_argument("--seed", type=int, default=16000)
    parser.add_argument("--out", type=Path, help="keep the outputs in OUT/<engine> (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print JSON lines only")
    args = parser.parse_args(argv)
    if args.make_sample:
        if not args.sample_out:
            parser.error("--make-sample needs --sample-out")
        print(f"{make_sample(args.input, args.make_sample, args.sample_out, args.seed)} records -> {args.sample_out}")
        return 0
    records = sum(1 for line in args.input.open(encoding="utf-8") if line.strip())
    tmp = Path(tempfile.mkdtemp(prefix="rasad-bench-scale-"))
    try:
        for engine in args.engine or ["local", "spark"]:
            out = (args.out or tmp) / engine
            if out.exists():
                shutil.rmtree(out)
            env = {**os.environ, "RASAD_SPARK_MASTER": f"local[{args.workers}]"}
            run = run_analyze(args.input, out, args.workers, ["--engine", engine], env)
            result = {"input": str(args.input), "records": records, "engine": engine, "workers": args.workers,
                      "articles": run["articles_out"], "errors": run["errors"], "wall_s": round(run["wall_s"], 1),
                      "articles_per_s": round(records / run["wall_s"], 1),
                      "per_1k_s": round(1000 * run["wall_s"] / records, 1), "cpu_s": round(run["tree_cpu_s"], 1),
                      "peak_rss_mb": round(run["peak_rss_mb"]), "peak_pss_mb": round(run["peak_pss_mb"]),
                      "processes": run["processes"], "load_avg_1m": round(os.getloadavg()[0], 1)}
            if args.json:
                print(json.dumps(result), flush=True)
            else:
                print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
