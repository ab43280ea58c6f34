"""Where a run's time and memory go: each step's CPU and wall seconds and the main process's memory.

Off unless the environment variable `RASAD_TIMINGS` names a file: `rasad analyze` then writes one JSON
line per step into it (appended), which `benchmarks/bench_pipeline.py` prints. Each line holds the
step's name, its wall and CPU seconds (`cpu_s`: this process's user + system time; `children_cpu_s`:
that of the child processes it waited for, e.g. a pool's workers), the main process's resident memory
at the step's end (`rss_mb`) and its peak during the step (`peak_rss_mb`: the kernel's high-water
mark, reset at each step's start where the kernel allows it).

>>> timer = StepTimer(None)  # off: records nothing
>>> with timer.step("corpus stage entities"):
...     pass
>>> timer.steps
[]
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ENV = "RASAD_TIMINGS"


def _status_mb(key: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM) in MB; 0 where there is none."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS mark of this process (Linux: `echo 5 > /proc/self/clear_refs`)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


class StepTimer:
    """Records steps into `path` (nothing when it is None); `StepTimer.from_env()` reads `RASAD_TIMINGS`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.steps: list[dict[str, Any]] = []

    @classmethod
    def from_env(cls) -> StepTimer:
        value = os.environ.get(ENV, "")
        return cls(Path(value) if value else None)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the block as step `name`."""
        if self.path is None:
            yield
            return
        _reset_peak()
        wall, before = time.perf_counter(), os.times()
        try:
            yield
        finally:
            after = os.times()
            self.record({
                "step": name,
                "wall_s": round(time.perf_counter() - wall, 3),
                "cpu_s": round(after.user + after.system - before.user - before.system, 3),
                "children_cpu_s": round(after.children_user + after.children_system
                                        - before.children_user - before.children_system, 3),
                "rss_mb": round(_status_mb("VmRSS")),
                "peak_rss_mb": round(_status_mb("VmHWM")),
            })

    def record(self, row: dict[str, Any]) -> None:
        self.steps.append(row)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(row) + "\n")


def step_table(steps: list[dict[str, Any]]) -> str:
    """The records of a timings file as an aligned table, one line a step (for the benchmarks).

    >>> print(step_table([{"step": "store", "wall_s": 1.0, "cpu_s": 0.9, "children_cpu_s": 0.0,
    ...                    "rss_mb": 300, "peak_rss_mb": 350}]))  # doctest: +NORMALIZE_WHITESPACE
    step wall_s cpu_s child_cpu rss_mb peak_mb
    store 1.00 0.90 0.00 300 350
    """
    lines = [f"{'step':28} {'wall_s':>8} {'cpu_s':>8} {'child_cpu':>9} {'rss_mb':>7} {'peak_mb':>7}"]
    lines += [f"{s['step']:28} {s['wall_s']:8.2f} {s['cpu_s']:8.2f} {s['children_cpu_s']:9.2f} "
              f"{s['rss_mb']:7} {s['peak_rss_mb']:7}" for s in steps]
    return "\n".join(lines)
