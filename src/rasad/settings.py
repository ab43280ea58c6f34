"""All run options in one place (trafilatura-style): one frozen, picklable settings object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

ENGINES = ("local", "spark")


@dataclass(frozen=True)
class CsvColumns:
    """Which CSV columns hold which fields (`--csv-text`, `--csv-title`, ...)."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"
    language: str = "language"


@dataclass(frozen=True)
class Settings:
    """Options for `rasad analyze`. Every stage receives this object and reads only what it needs.

    >>> Settings(workers=1).workers
    1
    """

    workers: int = field(default_factory=lambda: max(1, min(2, os.cpu_count() or 1)))
    stages: tuple[str, ...] | None = None  # None: the default pipeline
    corpus_stages: tuple[str, ...] | None = None  # None: the default corpus stages
    csv: CsvColumns = field(default_factory=CsvColumns)
    max_file_bytes: int = 50 * 1024 * 1024  # one-article files (.txt, .html, .json) larger than this are refused
    # Files of many records (.jsonl, .csv, .tsv) may be larger: each record is still held to max_article_chars.
    max_records_file_bytes: int = 1024 * 1024 * 1024
    min_text_chars: int = 20  # shorter texts are reported as errors ("empty or nearly empty")
    max_article_chars: int = 200_000  # longer articles are refused (the longest real news seen: ~34k)
    max_article_seconds: float = 60.0  # CPU-seconds after which an article is given up (0: no limit)
    fetch_interval: float = 1.0  # seconds between two requests to one host (URLs, feeds, .urls lists)
    fetch_retries: int = 3  # retries of a URL after a network error, 429 or 5xx, with back-off
    progress: bool = True
    report: bool = True
    store: bool = True
    narratives: tuple[str, ...] = ()  # narrative catalogue files added to the bundled one (--narratives)
    engine: str = "local"  # where article stages run: "local" (this machine's processes) or "spark"
    parquet: bool = False  # also write articles.parquet (the spark engine always does)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1 (got {self.workers}); use 1 to run in one process")
        if self.max_file_bytes < 1 or self.max_records_file_bytes < 1:
            raise ValueError("max_file_bytes and max_records_file_bytes must be positive")
        if self.max_article_chars < 1:
            raise ValueError(f"max_article_chars must be >= 1 (got {self.max_article_chars})")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)} (got {self.engine!r})")
        if self.max_article_seconds < 0:
            raise ValueError(f"max_article_seconds must be >= 0 (got {self.max_article_seconds}); 0 means no limit")

    def with_options(self, **changes: Any) -> Settings:
        return replace(self, **changes)
