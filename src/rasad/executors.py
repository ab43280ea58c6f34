"""Where per-article work runs: one small protocol, a serial and a process-pool implementation.

An executor maps a picklable, module-level function over items and yields the results **in input
order** (like `concurrent.futures.Executor.map`), then is closed. Stages never see it, so a Spark
executor (`mapPartitions` over a DataFrame) can be added beside these without touching a stage.

>>> with SerialExecutor() as executor:
...     list(executor.map(abs, [-2, 1, -3]))
[2, 1, 3]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from rasad.text.lingua_shared import SharedLingua

T = TypeVar("T")
R = TypeVar("R")

# Items a pool worker analyses before the pool is replaced by fresh workers (`ProcessExecutor`): on
# SaudiNewsNet one process grows to ~670 MB after 500 articles, ~780 MB after 2,000 and ~1 GB after
# 15,000 (memos filling, fragmentation); a fresh worker costs about 1.5 CPU-s of model loading.
RECYCLE_AFTER = 2000
SPAWN_MIN_ITEMS = 500  # fewer items than this are not worth starting fresh workers for (`spawn_executor`)


Crash = Callable[[T, BaseException], R]
"""What to yield for an item whose worker process died (a segfault in a native library, the OOM
killer) instead of ending the whole run: `on_crash(item, error)`."""


class Executor(Protocol):
    """Runs `func` over `items`; results come back in input order."""

    def map(self, func: Callable[[T], R], items: Iterable[T], on_crash: Crash[T, R] | None = None) -> Iterator[R]: ...

    def close(self) -> None: ...


class WorkerService(Protocol):
    """A server the workers of a pool share, so that each does not load the same model (e.g.
    `rasad.text.lingua_shared.SharedLingua`): `start()` starts it (once) and gives the arguments of
    `connect`, which each worker runs when it starts; `close()` stops it."""

    def start(self) -> tuple[Any, ...]: ...

    def connect(self, *args: Any) -> None: ...

    def close(self) -> None: ...


class _Closing:
    """Context-manager support: `with make_executor(...) as executor:` closes it."""

    def close(self) -> None:  # pragma: no cover - overridden where there is something to free
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SerialExecutor(_Closing):
    """Runs everything in this process, one item at a time (`--workers 1`)."""

    def map(self, func: Callable[[T], R], items: Iterable[T], on_crash: Crash[T, R] | None = None) -> Iterator[R]:
        for item in items:  # a crash here is this process's: nothing is left to report it
            yield func(item)


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


class ProcessExecutor(_Closing):
    """A local process pool. Items are sent in chunks, with at most `window` chunks in flight, so a
    long input is never all submitted (or all held in memory) at once.

    The pool starts on the first `map`. The workers load the models their items need themselves:
    pages a forked worker shares with its parent still count in each process's RSS, so models the
    parent loaded would count three times with two workers.

    When a worker dies, every chunk in flight fails with it. With `on_crash`, the pool is restarted
    and those chunks' items are run again one at a time, so the item that kills its worker is found,
    reported through `on_crash`, and the others are analysed; without it the error ends the map.

    After `recycle_after` items per worker (None: never), the chunks in flight are finished and the
    pool is replaced by fresh workers, which load their models again: a worker's memory grows
    with what it has seen (allocator fragmentation, every language model it met), and this bounds
    it on a long input at the cost of a reload. A `service` (a server the workers share) is started
    with the first pool, kept across recycling, and stopped on `close`.
    """

    def __init__(self, workers: int, chunksize: int = 4, window: int | None = None,
                 recycle_after: int | None = RECYCLE_AFTER, service: WorkerService | None = None,
                 mp_context: BaseContext | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1 (got {workers})")
        if chunksize < 1:
            raise ValueError(f"chunksize must be >= 1 (got {chunksize})")
        if recycle_after is not None and recycle_after < 1:
            raise ValueError(f"recycle_after must be >= 1 or None (got {recycle_after})")
        self.workers = workers
        self.chunksize = chunksize
        self.window = window or 32 * workers  # deep enough that one slow article does not idle the others
        self.recycle_after = recycle_after
        self.service = service
        self.mp_context = mp_context  # None: the platform's default (fork on Linux)
        self._pool: ProcessPoolExecutor | None = None
        self._pool_items = 0  # items submitted to the current pool

    def map(self, func: Callable[[T], R], items: Iterable[T], on_crash: Crash[T, R] | None = None) -> Iterator[R]:
        run = partial(_run_chunk, func)
        pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        iterator = iter(items)
        for chunk in iter(lambda: list(islice(iterator, self.chunksize)), []):
            if self.recycle_after is not None and self._pool_items >= self.recycle_after * self.workers:
                while pending:  # the old workers finish their chunks before fresh ones start
                    yield from self._results(func, *pending.popleft(), on_crash)
                self._restart()
            pending.append((chunk, self._submit(run, chunk)))
            if len(pending) >= self.window:
                yield from self._results(func, *pending.popleft(), on_crash)
        while pending:
            yield from self._results(func, *pending.popleft(), on_crash)

    def _submit(self, func: Callable[[list[T]], list[R]], chunk: list[T]) -> Future[list[R]]:
        if self._pool is None:
            if self.service is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.mp_context)
            else:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=self.service.connect,
                                                 initargs=self.service.start(), mp_context=self.mp_context)
            self._pool_items = 0
        self._pool_items += len(chunk)
        try:
            return self._pool.submit(func, chunk)
        except BrokenProcessPool as exc:  # a worker died since the last chunk: this one is run again
            failed: Future[list[R]] = Future()  # with those in flight (see `_results`)
            failed.set_exception(exc)
            return failed

    def _results(
        self, func: Callable[[T], R], chunk: list[T], future: Future[list[R]], on_crash: Crash[T, R] | None
    ) -> list[R]:
        try:
            return future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
            self._restart()
        except CancelledError:  # not started when a restart shut its pool down: run again below
            if on_crash is None:
                raise
        results = []
        for item in chunk:  # one at a time, so a crash names its item
            try:
                results.extend(self._submit(partial(_run_chunk, func), [item]).result())
            except BrokenProcessPool as exc:
                self._restart()
                results.append(on_crash(item, exc))
        return results

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        if self.service is not None:
            self.service.close()


def make_executor(workers: int, engine: str = "local") -> Executor:
    """The executor for `workers` local processes: serial for 1, a process pool above; with
    `engine="spark"`, `mapPartitions` on Spark (`rasad.spark.executor`; PySpark is an optional extra).

    >>> type(make_executor(1)).__name__
    'SerialExecutor'
    """
    if engine == "spark":
        from rasad.spark import require_pyspark
        from rasad.spark.executor import SparkExecutor

        require_pyspark()
        return SparkExecutor(workers)
    # lingua's models (237 MB) load once, in a server the workers share, not in each of them
    return SerialExecutor() if workers == 1 else ProcessExecutor(workers, service=SharedLingua())


def spawn_executor(workers: int, context: WorkerService, items: int | None = None) -> Executor:
    """An executor for per-item work after the article stages (rewriting `articles.jsonl`, a corpus
    stage's per-article part): serial for 1 worker (`context` connected in this process), else a pool
    of fresh processes (`spawn`: a forked copy of this process, which by then holds the whole run's
    names and store cache, would count in each worker's RSS), each given `context` once. Items go in
    chunks of 16; no recycling. Serial too for fewer than `SPAWN_MIN_ITEMS` `items` (when known): a
    fresh worker takes a second or two to import rasad.

    >>> class Nothing:
    ...     def start(self): return ()
    ...     def connect(self): pass
    ...     def close(self): pass
    >>> list(spawn_executor(1, Nothing()).map(abs, [-1, 2]))
    [1, 2]
    """
    if workers == 1 or (items is not None and items < SPAWN_MIN_ITEMS):
        context.connect(*context.start())
        return SerialExecutor()
    return ProcessExecutor(workers, chunksize=16, recycle_after=None, service=context, mp_context=get_context("spawn"))
