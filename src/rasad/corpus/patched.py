"""An output file given as the changes to the one an earlier run wrote (`rasad ingest`).

A corpus stage's JSON output is a list of records written with `indent=1`
(`outputs.write_json_atomic`). In an incremental run a stage that knows which records changed returns
a `PatchedRecords` instead of the whole list: the key of every record in file order, and the changed
records. The runner then copies the text of every other record from the file as it was, so that only
the changed records are encoded (Python's indenting encoder is slow) and the unchanged ones need not
be read back from the store. The file is byte for byte the one the whole list would give. When the
earlier file lacks a record (deleted, or written by something else), `fallback()` gives the whole list.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "x.json"
>>> write_json_atomic(path, [{"id": "a", "n": [1]}, {"id": "b", "n": 2}])
>>> PatchedRecords(["b", "c", "a"], {"c": {"id": "c", "n": 3}}, lambda: []).write(path)
1
>>> json.loads(path.read_text())
[{'id': 'b', 'n': 2}, {'id': 'c', 'n': 3}, {'id': 'a', 'n': [1]}]
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.outputs import write_json_atomic


@dataclass
class PatchedRecords:
    """A JSON list of records, each with a unique key (the value of its first field, or the tuple of
    its first fields `key`), given as the keys in file order (`order`), the records that changed
    (`fresh`, by key) and the whole list (`fallback`)."""

    order: list[Any]
    fresh: dict[Any, dict[str, Any]]
    fallback: Callable[[], list[dict[str, Any]]]
    key: tuple[str, ...] = ("id",)

    def write(self, path: Path) -> int:
        """Write the file; returns how many records were encoded (all of them through `fallback`)."""
        earlier = record_texts(path, self.key)
        if earlier is None or any(k not in self.fresh and k not in earlier for k in self.order):
            records = self.fallback()
            write_json_atomic(path, records)
            return len(records)
        parts = [_indented(self.fresh[k]) if k in self.fresh else earlier[k] for k in self.order]
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text("[\n" + ",\n".join(parts) + "\n]" if parts else "[]", encoding="utf-8")
        os.replace(tmp, path)
        return sum(1 for k in self.order if k in self.fresh)


def _indented(record: dict[str, Any]) -> str:
    """One record as an item of a list written with `indent=1` (every line one space further in)."""
    return "\n".join(" " + line for line in json.dumps(record, ensure_ascii=False, indent=1).split("\n"))


def record_texts(path: Path, key: tuple[str, ...]) -> dict[Any, str] | None:
    """The records of a list file written with `indent=1`, by their `key` fields (the first of each;
    one field: its value, several: the tuple) → the record's text in the file. None when the file is
    missing or not such a list. Records are separated by a line ` },` (nested values are indented
    further; a JSON string holds no newline)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text == "[]":
        return {}
    if not text.startswith("[\n {\n") or not text.endswith("\n }\n]"):
        return None
    chunks = text[2:-2].split("\n },\n")
    texts: dict[Any, str] = {}
    for n, chunk in enumerate(chunks):
        item = chunk if n == len(chunks) - 1 else chunk + "\n }"
        lines = item.split("\n", len(key) + 1)
        if lines[0] != " {" or len(lines) < len(key) + 1:
            return None
        values = []
        for field, line in zip(key, lines[1:], strict=False):
            prefix = f'  "{field}": '
            if not line.startswith(prefix):
                return None
            value = line[len(prefix):].removesuffix(",")
            if value.startswith('"') and value.endswith('"') and "\\" not in value:
                values.append(value[1:-1])  # a string without escapes (ids): no need to parse it
                continue
            try:
                values.append(json.loads(value))
            except ValueError:
                return None
        texts[values[0] if len(key) == 1 else tuple(values)] = item
    return texts
