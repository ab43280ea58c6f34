"""Parquet files: one article per row, columns named like JSON fields (`text`/`content`, `title`,
`date`, `url`, `source`, ...; see `rasad.ingest.fields`). Read with DuckDB (a core dependency), in
batches, so a large file is never held as Python objects at once. `Source.record` is the 1-based row.

A date or timestamp column becomes its ISO string; a row without usable text yields an ErrorRecord and
the rows after it are still read.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from rasad.article import RawDocument
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.fields import record_to_document
from rasad.settings import Settings

BATCH = 1000  # rows fetched from DuckDB at a time


def read_parquet(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read a `.parquet` file, one RawDocument per row.

    >>> import duckdb, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = duckdb.sql("COPY (SELECT 'T' AS title, 'نص الخبر' AS text) TO '" + str(folder / "a.parquet") + "'")
    >>> docs = list(read_parquet(FileInput("a.parquet", (folder / "a.parquet").read_bytes()), Settings(workers=1)))
    >>> docs[0].title, docs[0].text, docs[0].source.record
    ('T', 'نص الخبر', 1)
    """
    with tempfile.TemporaryDirectory(prefix="rasad-parquet-") as tmp:
        path = Path(tmp) / "input.parquet"  # the bytes read within the size limit, not the file again
        path.write_bytes(file.data)
        con = duckdb.connect()
        try:
            quoted = str(path).replace("'", "''")
            try:
                cursor = con.execute(f"SELECT * FROM read_parquet('{quoted}')")
            except duckdb.Error as err:
                raise InputError(file.name, "invalid Parquet file", f"{err}; is it really Parquet?") from err
            columns = [d[0] for d in cursor.description]
            index = 0
            while rows := cursor.fetchmany(BATCH):
                for row in rows:
                    index += 1
                    yield _document_or_error(file, dict(zip(columns, map(_plain, row), strict=True)), index)
        finally:
            con.close()


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO strings (what a JSON export would hold)."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _document_or_error(file: FileInput, record: dict[str, Any], index: int) -> RawDocument | ErrorRecord:
    name = file.record_name(index)
    try:
        return record_to_document(record, file.source("parquet", "binary", record=index), name)
    except InputError as err:
        return err.record()
