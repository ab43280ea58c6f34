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
    """Start (or join) the Spark session, then run `rasad analyze ARGS --engine spark`.

    >>> main.__module__
    'rasad.spark_job'
    """
    from rasad.cli import main as rasad_main
    from rasad.errors import UsageError
    from rasad.spark import require_pyspark

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        require_pyspark()
    except UsageError as exc:
        print(f"rasad: error: {exc}", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    if SparkSession.getActiveSession() is None and _submitted():
        SparkSession.builder.appName("rasad").getOrCreate()  # spark-submit's master and settings
    return rasad_main(["analyze", *args, "--engine", "spark"])


def _submitted() -> bool:
    """Whether spark-submit started this process (it sets the master in the JVM it launched)."""
    import os

    return "PYSPARK_GATEWAY_PORT" in os.environ or "SPARK_SUBMIT_OPTS" in os.environ or bool(
        os.environ.get("SPARK_ENV_LOADED"))


if __name__ == "__main__":
    sys.exit(main())
