"""The SaudiNewsNet records the benchmarks run on, read straight from `../shared` (never repeated)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "ar" / "saudinewsnet"


def read_records(data_dir: Path = DEFAULT_DIR) -> list[dict[str, Any]]:
    """Every record (`source, url, date_extracted, title, author, content`), zips and members in name
    order. Fails loudly when the data is missing: a benchmark must not quietly measure nothing."""
    zips = sorted(data_dir.glob("*.zip"))
    if not zips:
        raise SystemExit(f"bench: no SaudiNewsNet zips in {data_dir}; pass --data DIR (../shared is needed)")
    records: list[dict[str, Any]] = []
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".json"):
                    records.extend(json.loads(archive.read(name)))
    if not records:
        raise SystemExit(f"bench: the zips in {data_dir} hold no records")
    return records
