"""What every format reader receives, and the reader signature."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rasad.article import RawDocument, Source, sha256_bytes
from rasad.errors import ErrorRecord
from rasad.settings import Settings

if TYPE_CHECKING:
    from rasad.ingest.walk import FoundFile


@dataclass(frozen=True)
class FileInput:
    """One file's raw bytes; `name` is the path as the user gave it."""

    name: str
    data: bytes = field(repr=False)

    def source(self, format: str, encoding: str, record: int | None = None) -> Source:
        """The Source for a document from this file (`record` is 1-based in multi-record files).

        >>> FileInput("a.txt", b"hi").source("txt", "utf-8").sha256[:8]
        '8f434346'
        """
        return Source(
            sha256=self.sha256, format=format, path=self.name, record=record, encoding=encoding
        )

    @cached_property
    def sha256(self) -> str:
        """The file's sha256, hashed once (a JSONL export of 30,000 records is hashed once, not per record)."""
        return sha256_bytes(self.data)

    def record_name(self, record: int) -> str:
        """How errors name one record: `path#record` (as `Source.name` does)."""
        return f"{self.name}#{record}"


# A reader turns one file into documents and per-record errors. It may raise InputError for a
# problem with the whole file; read_inputs turns that into an ErrorRecord.
Reader = Callable[[FileInput, Settings], Iterator[RawDocument | ErrorRecord]]
# A path reader reads a file from its path itself (WARC files larger than memory, feeds, URL lists).
PathReader = Callable[["FoundFile", Settings], Iterator[RawDocument | ErrorRecord]]
