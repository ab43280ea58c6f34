"""Plain-text files: one article per file, the decoded text with line endings normalized."""

from __future__ import annotations

from collections.abc import Iterator

from rasad.article import RawDocument
from rasad.errors import ErrorRecord
from rasad.ingest.base import FileInput
from rasad.ingest.encoding import decode_bytes, normalize_newlines
from rasad.settings import Settings


def read_text(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Yield the file as one RawDocument (format `txt`).

    >>> doc = next(read_text(FileInput("a.txt", "سطر\\r\\nآخر".encode()), Settings(workers=1)))
    >>> doc.text, doc.source.encoding
    ('سطر\\nآخر', 'utf-8')
    """
    text, encoding = decode_bytes(file.data, file.name)
    yield RawDocument(source=file.source("txt", encoding), text=normalize_newlines(text))
