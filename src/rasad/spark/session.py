"""The Spark session rasad runs on: the active one (a notebook's, a test's), spark-submit's (its master
and settings), else a local one for this machine.

A local session binds to 127.0.0.1 (`SPARK_LOCAL_IP`, unless set) and runs the Python workers with this
interpreter, so the workers import the same rasad; its master is `RASAD_SPARK_MASTER` or
`local[workers]`.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import TYPE_CHECKING

from rasad.spark import require_pyspark

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_DRIVER_MEMORY = "1g"  # the driver only ships inputs and receives articles: a small heap is enough


def spark_session(workers: int = 2) -> tuple[SparkSession, bool]:
    """The session to run on, and whether this call started it (then the caller stops it).

    >>> spark_session.__name__
    'spark_session'
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("rasad").config("spark.python.worker.reuse", "true")  # models kept
    if not submitted():  # spark-submit has set the master, memory and the rest: keep them
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (builder.master(os.environ.get("RASAD_SPARK_MASTER") or f"local[{workers}]")
                   .config("spark.driver.memory", os.environ.get("RASAD_SPARK_DRIVER_MEMORY", LOCAL_DRIVER_MEMORY))
                   .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false"))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    atexit.register(session.stop)  # kept for the corpus stages' blocking, stopped when the process ends
    return session, True


def submitted() -> bool:
    """Whether spark-submit (or `pyspark`) started this process: it passes the JVM it launched, with the
    cluster's settings, in `PYSPARK_GATEWAY_PORT`."""
    return "PYSPARK_GATEWAY_PORT" in os.environ
