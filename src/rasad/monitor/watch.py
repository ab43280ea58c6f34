"""`watch()`: poll folders, files, feeds and URLs on an interval and ingest what is new (`rasad watch`).

Each poll walks the local inputs and passes on only the files that are new or changed since the last
poll (by size and modification time, remembered in `DIR/watch_state.json`, so a restarted watch does
not read old files again); URLs and feed URLs are fetched on every poll, and what they hold is
deduplicated by content hash in `ingest()`. A poll with nothing new costs a folder listing.

Example::

    for summary in watch(["inbox/", "https://example.org/feed.xml"], Path("store"), every=600):
        print(summary.added if summary else "nothing new")
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rasad.errors import ErrorRecord
from rasad.ingest.fetch import is_url
from rasad.ingest.walk import FoundFile, walk_paths
from rasad.monitor.alerts import AlertOptions
from rasad.monitor.ingest import IngestSummary, ingest
from rasad.settings import Settings

STATE = "watch_state.json"
_QUIET_ERRORS = frozenset({"no input files in folder"})  # an empty inbox is normal between polls


def watch(
    inputs: Sequence[str | Path],
    store_dir: Path,
    settings: Settings | None = None,
    alert_options: AlertOptions | None = None,
    every: float = 300.0,
    max_iterations: int | None = None,
    on_error: Callable[[ErrorRecord], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[IngestSummary | None]:
    """Poll `inputs` every `every` seconds (`max_iterations` polls, or forever); yield each poll's
    `IngestSummary` (None when nothing was new). The caller may add files between two polls."""
    store_dir.mkdir(parents=True, exist_ok=True)
    state_path = store_dir / STATE
    seen = _load(state_path)
    urls = [str(i) for i in inputs if is_url(str(i))]
    local = [i for i in inputs if not is_url(str(i))]
    iteration = 0
    while max_iterations is None or iteration < max_iterations:
        if iteration:
            sleep(every)
        iteration += 1
        changed: list[str] = []
        stamps: dict[str, list[int]] = {}
        for item in walk_paths(local) if local else ():
            if isinstance(item, ErrorRecord):
                if on_error and item.error not in _QUIET_ERRORS:
                    on_error(item)
                continue
            stamp = _stamp(item)
            if stamp is not None and seen.get(item.name) != stamp:
                changed.append(item.name)
                stamps[item.name] = stamp
        if not changed and not urls:
            yield None
            continue
        summary = ingest([*changed, *urls], store_dir, settings, alert_options, on_error)
        seen.update(stamps)
        _save(state_path, seen)
        yield summary


def _stamp(found: FoundFile) -> list[int] | None:
    try:
        info = os.stat(found.path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _load(path: Path) -> dict[str, list[int]]:
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(k): list(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _save(path: Path, seen: dict[str, list[int]]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"files": seen}, ensure_ascii=False, indent=0), encoding="utf-8")
    os.replace(tmp, path)
