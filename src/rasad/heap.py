"""Give memory back between the steps of a run: what one corpus stage freed should not stay in this
process's resident memory while the next one runs (CPython's small-object arenas and glibc's heap keep
freed pages until asked).

>>> release()  # a full garbage collection, then glibc's malloc_trim where there is one
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def release() -> None:
    """Collect garbage (cycles of freed records) and return the free heap to the system (glibc only)."""
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
