"""The output folder: its file names, atomic writers and readers.

Everything that reads an output folder (the report, `rasad report`, a later UI, user scripts) goes
through this module; `rasad.analyze` writes through it. It imports nothing else from rasad, so it
sits below both the writer and the readers.

Example::

    for record in iter_articles(Path("out")):
        print(record["id"], record["lang"])
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

ARTICLES = "articles.jsonl"
ARTICLES_PARQUET = "articles.parquet"  # the same articles as Parquet (--parquet, --engine spark)
PARTIAL = ARTICLES + ".partial"  # flushed line by line while the run goes on
ERRORS = "errors.jsonl"
ENTITIES = "entities.json"
STORIES = "stories.json"  # written by the stories corpus stage
REUSE = "reuse.json"  # written by the reuse corpus stage
CLAIM_CLUSTERS = "claim_clusters.json"  # written by the claims corpus stage
CONTRADICTIONS = "contradictions.json"  # written by the claims corpus stage
NARRATIVES = "narratives.json"  # written by the narratives corpus stage
STORE = "rasad.duckdb"
REPORT = "report.html"

ANNOTATIONS = "annotations.jsonl"  # analysts' verdicts, exported by `rasad serve` from the store
SEARCH_INDEX = "search-index"  # folder of `rasad serve`'s full-text index (rebuilt when articles change)


class JsonlWriter:
    """Appends one JSON object per line and flushes, so a crash keeps every finished line.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     writer = JsonlWriter(Path(tmp) / "x.jsonl")
    ...     writer.write({"a": 1})
    ...     writer.close()
    ...     (Path(tmp) / "x.jsonl").read_text()
    '{"a": 1}\\n'
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: TextIO = path.open("w", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._fh.write(dumps_line(record))
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def dumps_line(record: dict[str, Any]) -> str:
    """One JSONL line, exactly as every rasad JSONL file writes it."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_lines_atomic(path: Path, lines: Iterable[str], encoding: str = "utf-8") -> None:
    """Write `lines` to `path` through a temporary file swapped in at the end."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding=encoding) as fh:
        fh.writelines(lines)
    os.replace(tmp, path)


def write_json_atomic(path: Path, value: Any) -> None:
    """Write one JSON value (indented, UTF-8) to `path` atomically."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file, one at a time (nothing when the file does not exist)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def iter_articles(out_dir: Path) -> Iterator[dict[str, Any]]:
    """The records of `out_dir/articles.jsonl`, streamed."""
    return iter_jsonl(out_dir / ARTICLES)


def iter_article_offsets(out_dir: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of `out_dir/articles.jsonl` with the byte offset of each line, for `read_article_at`."""
    path = out_dir / ARTICLES
    if not path.exists():
        return
    offset = 0
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                yield offset, json.loads(line)
            offset += len(line)


def read_article_at(out_dir: Path, offset: int) -> dict[str, Any]:
    """The record on the line of `out_dir/articles.jsonl` that starts at byte `offset` (one seek, one line)."""
    with (out_dir / ARTICLES).open("rb") as fh:
        fh.seek(offset)
        record: dict[str, Any] = json.loads(fh.readline())
    return record


def read_articles(out_dir: Path) -> list[dict[str, Any]]:
    """All records of `out_dir/articles.jsonl` (for the report and small folders)."""
    return list(iter_articles(out_dir))


def read_errors(out_dir: Path) -> list[dict[str, Any]]:
    """The records of `out_dir/errors.jsonl`."""
    return list(iter_jsonl(out_dir / ERRORS))


def read_json(out_dir: Path, name: str, default: Any = None) -> Any:
    """A JSON output file of `out_dir` such as `entities.json` (`default` when it is missing)."""
    path = out_dir / name
    if not path.exists():
        return default
    return json.loads(path.read_text(encoding="utf-8"))
