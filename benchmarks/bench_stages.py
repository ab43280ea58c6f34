"""CPU time per article stage, in one process (no pool, no output files): where does the time go?

Reads the inputs with rasad's own readers, warms the models up on the first document (and the
short-text language detector, which loads each script's models on first use, on the first lines of
the first 200 documents),
then runs every stage on every document and adds up `time.process_time()` per stage (CPU time, which
is less noisy than wall time on a shared machine). Loading a model once is left out of the rates.

    python benchmarks/bench_stages.py /work/snn/sample1000.jsonl
    python benchmarks/bench_stages.py /work/snn/sample200.jsonl --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from rasad.article import Article, RawDocument
from rasad.errors import InputError
from rasad.ingest import read_inputs
from rasad.pipeline import resolve
from rasad.settings import Settings
from rasad.text.langid import detect_language


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    args = parser.parse_args(argv)
    settings = Settings(workers=1, progress=False)
    stages = resolve(settings.stages)
    raws = [r for r in read_inputs(args.inputs, settings) if isinstance(r, RawDocument)]
    if not raws:
        raise SystemExit("bench: no documents read")
    for raw in raws[:200]:  # first lines (titles): the short-text detector loads each script's models
        detect_language(raw.text.strip().split("\n", 1)[0][:50])
    per_stage: dict[str, float] = defaultdict(float)
    chars = failed = 0
    started = time.process_time()
    for index, raw in enumerate(raws):
        article = Article.from_raw(raw)
        chars += len(article.text)
        for stage in stages:
            t0 = time.process_time()
            try:
                article = stage.func(article, settings)
            except (InputError, Exception):  # the stage fails as it would in a run; count it
                failed += 1
                break
            if index:  # the first document pays for loading models: left out of the per-stage rates
                per_stage[stage.name] += time.process_time() - t0
    total = time.process_time() - started
    measured = sum(per_stage.values())
    result = {
        "documents": len(raws),
        "failed": failed,
        "cpu_s": round(total, 2),
        "articles_per_cpu_s": round((len(raws) - 1) / measured, 1) if measured else None,
        "chars_per_cpu_s": round(chars / total),
        "stage_ms_per_article": {k: round(1000 * v / (len(raws) - 1), 2) for k, v in per_stage.items()},
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            if isinstance(value, dict):
                for name, ms in sorted(value.items(), key=lambda kv: -kv[1]):
                    print(f"  {name:14} {ms:8.2f} ms")
            else:
                print(f"{key:22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
