"""JSON (one object, a list of objects, or an object wrapping such a list) and JSON Lines files.

Each object becomes one RawDocument (format `json`); fields are mapped by `rasad.ingest.fields`.
`Source.record` is the 1-based index in a JSON list, or the 1-based line number in JSON Lines.
A bad record or line yields an ErrorRecord and the rest of the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from rasad.article import RawDocument
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.encoding import decode_bytes
from rasad.ingest.fields import find_key, lowered_keys, record_to_document
from rasad.settings import Settings

# Keys under which exports commonly wrap their list of articles: {"articles": [...]}.
_WRAPPER_KEYS = ("articles", "items", "data", "results", "records", "documents", "docs", "entries", "posts")


def read_json(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read a `.json` file; a file of one object per line is read as JSON Lines.

    >>> docs = list(read_json(FileInput("a.json", b'[{"title": "T", "text": "Body"}]'), Settings(workers=1)))
    >>> docs[0].title, docs[0].source.record
    ('T', 1)
    """
    text, encoding = decode_bytes(file.data, file.name)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several top-level values: JSON Lines saved as .json
            yield from _read_lines(file, text, encoding)
            return
        raise InputError(
            file.name,
            "invalid JSON",
            f"{err.msg} at line {err.lineno}, column {err.colno}; fix the file, "
            "or save one object per line as .jsonl so one bad record does not hide the others",
        ) from err
    except (ValueError, RecursionError) as err:  # e.g. nesting too deep, integer too long
        raise InputError(file.name, "invalid JSON", f"{type(err).__name__}: {err}") from err

    records = _records(parsed, file.name)
    if not records:
        raise InputError(file.name, "no records in file", "the JSON list is empty")
    if not any(isinstance(record, Mapping) for record in records):  # one error, not one per item
        kinds = sorted({type(record).__name__ for record in records})
        raise InputError(
            file.name,
            "JSON is not a list of objects",
            f"the list holds {len(records):,} values of type {', '.join(kinds)}; "
            "rasad reads one object per article, e.g. [{\"title\": ..., \"text\": ...}]",
        )
    for index, record in enumerate(records, start=1):
        yield _document_or_error(file, record, index, encoding)


def read_json_lines(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read a `.jsonl` file: one JSON object per line; blank lines are ignored.

    >>> file = FileInput("a.jsonl", b'{"text": "A"}\\nnot json\\n')
    >>> items = list(read_json_lines(file, Settings(workers=1)))
    >>> items[0].text, items[1].source
    ('A', 'a.jsonl#2')
    """
    text, encoding = decode_bytes(file.data, file.name)
    yield from _read_lines(file, text, encoding)


def _read_lines(file: FileInput, text: str, encoding: str) -> Iterator[RawDocument | ErrorRecord]:
    seen_any = False
    for line_number, line in _lines(text):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            reason = err.msg if isinstance(err, json.JSONDecodeError) else f"{type(err).__name__}: {err}"
            column = f", column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
            yield ErrorRecord(
                file.record_name(line_number),
                "invalid JSON line",
                f"line {line_number}{column}: {reason}; fix or remove that line",
            )
            continue
        yield _document_or_error(file, record, line_number, encoding)
    if not seen_any:
        raise InputError(file.name, "no records in file", "the file has only blank lines")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines split on `\\n` only (U+2028 inside a JSON string is not a line break)."""
    start = 0
    number = 1
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield number, text[start:end]
        start = end + 1
        number += 1


def _records(parsed: Any, name: str) -> list[Any]:
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, Mapping):
        if find_key(lowered_keys(parsed), "text") is None:
            for key in _WRAPPER_KEYS:
                found = lowered_keys(parsed).get(key)
                if found is not None and isinstance(parsed[found], list):
                    return list(parsed[found])
        return [parsed]
    raise InputError(
        name, "JSON is not an object or a list of objects", f"the file holds a {type(parsed).__name__}"
    )


def _document_or_error(file: FileInput, record: Any, index: int, encoding: str) -> RawDocument | ErrorRecord:
    name = file.record_name(index)
    if not isinstance(record, Mapping):
        return ErrorRecord(
            name, "record is not a JSON object", f"record {index} is a {type(record).__name__}"
        )
    try:
        return record_to_document(record, file.source("json", encoding, record=index), name)
    except InputError as err:
        return err.record()
    except Exception as err:  # a bug with one record must not lose the records after it
        return ErrorRecord(
            name, "could not read record", f"{type(err).__name__}: {err}; please report this as a rasad bug"
        )
