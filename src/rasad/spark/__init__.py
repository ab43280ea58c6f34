"""rasad on Apache Spark (`rasad analyze --engine spark`, `python -m rasad.spark_job`).

PySpark is an optional extra (`pip install 'rasad[spark]'`, Java 17 or later): nothing here imports it
at module level, and `require_pyspark()` turns its absence into a one-line `UsageError` that says how
to install it.

- `executor.SparkExecutor`: the article stages as `mapPartitions` over the input, on the executor
  protocol of `rasad.executors` (the stages are unchanged; each Python worker loads its models once,
  then is reused for the next partitions);
- `session.spark_session`: the running session (spark-submit's, a notebook's), else a local one;
- `blocking.candidate_pairs`: the `stories` stage's blocking (rare shared keys within the time
  window) as Spark joins: no all-pairs, only the candidate pairs reach the driver.

>>> INSTALL_HINT.startswith("--engine spark needs PySpark")
True
"""

from __future__ import annotations

from rasad.errors import UsageError

INSTALL_HINT = ("--engine spark needs PySpark and Java 17+: pip install 'rasad[spark]' "
                "(or pip install pyspark), and apt-get install openjdk-17-jre-headless")


def require_pyspark() -> None:
    """Raise `UsageError` (one line: how to install it) when PySpark cannot be imported."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise UsageError(INSTALL_HINT) from exc
