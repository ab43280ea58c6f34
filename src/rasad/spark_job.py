"""The `spark-submit` entry point: `rasad analyze … --engine spark` on the cluster spark-submit names.

    spark-submit --master yarn --deploy-mode client --conf spark.executor.memory=3g \\
        "$(python -c 'import rasad.spark_job as j; print(j.__file__)')" /data/news.parquet --out /data/out

The arguments are those of `rasad analyze` (`--engine spark` is added). The session spark-submit
configured (master, executors, memory) runs the article stages and the stories' blocking; the driver
reads the inputs, writes the output folder (articles.jsonl, articles.parquet, the DuckDB store, the
corpus files, report.html), so INPUT and `--out` are paths the driver can read and write (a local disk,
or a mounted bucket such as /dbfs/... on Databricks). Every node needs the same rasad installed
(`pip install 'rasad[spark]'` in the image, bootstrap action or init script). Also runs as
`python -m rasad.spark_job …` (a local session, `RASAD_SPARK_MASTER` or `local[WORKERS]`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run `rasad analyze ARGS --engine spark` (on spark-submit's cluster when it started this process).

    >>> main.__module__
    'rasad.spark_job'
    """
    from rasad.cli import main as rasad_main

    args = list(sys.argv[1:] if argv is None else argv)
    return rasad_main(["analyze", *args, "--engine", "spark"])


if __name__ == "__main__":
    sys.exit(main())
