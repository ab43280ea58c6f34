"""Per-article time limit: an article still being analysed after `seconds` of CPU time (or, as a
backstop for a block that waits without computing, `WALL_FACTOR` times that in wall-clock time)
becomes an InputError. CPU time, because a busy machine must not turn a normal article into an error.

The limit uses POSIX interval timers (`SIGPROF` for the process's CPU time, `SIGALRM` for wall time) in
the process that analyses the article: a pool worker, or the main process with `--workers 1`. Where there
is no such timer (Windows) or the analysis runs outside the main thread, the block runs without a limit.
The timer interrupts Python code between instructions; a single call into C code (a regex, the CRF
tagger) finishes first.

>>> with time_limit(0, "a.txt"):  # 0: no limit
...     pass
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from rasad.errors import InputError

# Entries a per-word memo (an `lru_cache` over words or short names) keeps. A pool worker holds about a
# dozen of them at ~250 bytes an entry: bounded here (~100 MB in all when full), where 65,536 to 200,000
# entries each let a worker keep growing (+360 MB over 2,000 SaudiNewsNet articles, more on a larger corpus).
MEMO_WORDS = 1 << 15
WALL_FACTOR = 10  # the wall-clock backstop, in multiples of the CPU-time limit


class _Expired(BaseException):
    """Raised by the timer inside the analysis. A BaseException, so that a stage's own
    `except Exception` cannot swallow it; `time_limit` turns it into an InputError."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired


def can_limit() -> bool:
    """Whether a time limit can be enforced here (a POSIX timer, in the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, source: str) -> Iterator[None]:
    """Run the block with a limit of `seconds` (0: none); raise `InputError` naming `source` when over.

    >>> with time_limit(0.05, "long.txt"):  # doctest: +ELLIPSIS
    ...     while True:
    ...         pass
    Traceback (most recent call last):
    rasad.errors.InputError: long.txt: analysis took too long (over the limit of 0.05 CPU-seconds per article; ...)
    """
    if seconds <= 0 or not can_limit():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _expire), signal.signal(signal.SIGALRM, _expire)
    try:
        try:
            signal.setitimer(signal.ITIMER_PROF, seconds)
            signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:  # also when a timer fires just as the block ends
        raise InputError(
            source,
            "analysis took too long",
            f"over the limit of {seconds:g} CPU-seconds per article; split the text into articles, "
            "or raise the limit with --max-article-seconds",
        ) from None
    finally:
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])
