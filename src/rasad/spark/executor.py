"""`SparkExecutor`: the executor protocol of `rasad.executors` on Spark.

The items are sent in batches; each batch becomes an RDD of `partitions` slices that the function runs
over with `mapPartitions`, and the results come back in input order (a partition's results in its
items' order, partitions in order). The Python workers are reused (`spark.python.worker.reuse`), so a
worker loads the models its articles need once (`functools.cache` in the stages) and keeps them for the
next partitions: models load once per executor, never on the driver.

A task whose Python worker dies (a segfault, the OOM killer) fails its job after Spark's retries; with
`on_crash`, that batch's items are run again one per job so the item at fault is reported and the
others are analysed.

>>> SparkExecutor(batch_size=0)
Traceback (most recent call last):
ValueError: batch_size must be >= 1 (got 0)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from rasad.executors import Crash, _Closing

if TYPE_CHECKING:
    from pyspark import SparkContext

T = TypeVar("T")
R = TypeVar("R")

BATCH = 2000  # items per Spark job: bounds what the driver holds, big enough to keep every core busy
SLICES_PER_CORE = 4  # partitions per core in a batch, so one slow partition does not idle the others


def _run_partition(func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    for item in items:
        yield func(item)


class SparkExecutor(_Closing):
    """Runs `func` over items as `mapPartitions` on Spark; results in input order."""

    def __init__(self, workers: int = 2, batch_size: int = BATCH) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1 (got {batch_size})")
        self.workers = workers
        self.batch_size = batch_size
        self._session: Any = None

    def _context(self) -> SparkContext:
        if self._session is None:
            from rasad.spark.session import spark_session

            self._session, _ = spark_session(self.workers)
        context: SparkContext = self._session.sparkContext
        return context

    def map(self, func: Callable[[T], R], items: Iterable[T], on_crash: Crash[T, R] | None = None) -> Iterator[R]:
        """The next batch's job runs while this one's results are consumed (and the batch after it is
        read), so the Python workers never sit idle long enough for Spark to stop them (one minute)
        and load their models again."""
        iterator = iter(items)
        context = self._context()
        pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasad-spark") as jobs:
            for batch in iter(lambda: list(islice(iterator, self.batch_size)), []):
                pending.append((batch, jobs.submit(self._collect, context, func, batch)))
                if len(pending) > 1:
                    yield from self._results(context, func, *pending.popleft(), on_crash)
            while pending:
                yield from self._results(context, func, *pending.popleft(), on_crash)

    @staticmethod
    def _collect(context: SparkContext, func: Callable[[T], R], batch: list[T]) -> list[R]:
        slices = max(1, min(len(batch), SLICES_PER_CORE * context.defaultParallelism))
        return context.parallelize(batch, slices).mapPartitions(partial(_run_partition, func)).collect()

    def _results(self, context: SparkContext, func: Callable[[T], R], batch: list[T], job: Future[list[R]],
                 on_crash: Crash[T, R] | None) -> list[R]:
        try:
            return job.result()
        except Exception:  # Py4JJavaError: a task failed after its retries
            if on_crash is None:
                raise
        run = partial(_run_partition, func)
        results: list[R] = []
        for item in batch:  # one job per item, so a crash names its item
            try:
                results.extend(context.parallelize([item], 1).mapPartitions(run).collect())
            except Exception as exc:
                results.append(on_crash(item, exc))
        return results

    def close(self) -> None:
        """Nothing to free: a session this executor started stays up for the corpus stages' blocking
        (`rasad.spark.blocking`) and is stopped when the process ends."""
        self._session = None
