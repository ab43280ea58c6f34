"""CSV/TSV files: a header row, then one article per row (format `csv`).

Columns are found by the names in `settings.csv` (case-insensitive), falling back to the common
synonyms in `rasad.ingest.fields` (maintext, headline, published_at, ...). `Source.record` is the
1-based data row (the header is not counted; blank lines are skipped). The delimiter is the one of
`, ; TAB |` that best splits the header into known column names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from rasad.article import RawDocument
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.encoding import decode_bytes
from rasad.ingest.fields import FIELD_NAMES, find_key, lowered_keys, record_to_document
from rasad.settings import CsvColumns, Settings

_DELIMITERS = (",", ";", "\t", "|")
_CSV_FIELD_LIMIT_MAX = 2**31 - 1  # csv.field_size_limit takes a C long (32-bit on Windows)


def read_csv(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read a comma/semicolon/pipe-separated file with a header row.

    >>> data = "headline,maintext\\nT,Body\\n".encode()
    >>> doc = next(read_csv(FileInput("a.csv", data), Settings(workers=1)))
    >>> doc.title, doc.text, doc.source.record
    ('T', 'Body', 1)
    """
    yield from _read_delimited(file, settings, delimiter=None)


def read_tsv(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read a tab-separated file with a header row (same rules as `read_csv`)."""
    yield from _read_delimited(file, settings, delimiter="\t")


def _read_delimited(
    file: FileInput, settings: Settings, delimiter: str | None
) -> Iterator[RawDocument | ErrorRecord]:
    text, encoding = decode_bytes(file.data, file.name)
    _allow_fields_up_to(settings.max_file_bytes)
    columns = settings.csv
    delimiter = delimiter or _choose_delimiter(
        text[: text.find("\n") if "\n" in text else len(text)], columns
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
    except (StopIteration, csv.Error) as err:
        raise InputError(file.name, "no CSV header", f"the first line must name the columns ({err})") from err

    preferred = _preferred(columns)
    keys = lowered_keys(header)
    if find_key(keys, "text", preferred["text"]) is None:
        accepted = ", ".join(dict.fromkeys((columns.text, *FIELD_NAMES["text"])))
        raise InputError(
            file.name,
            "no text column",
            f"the header ({', '.join(header)[:200]}) has none of the columns {accepted}; "
            "name the text column in the CSV settings (text column, e.g. --csv-text)",
        )

    row_number = 0
    yielded = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            row_number += 1
            yield ErrorRecord(file.record_name(row_number), "bad CSV row", f"line {reader.line_num}: {err}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        yielded = True
        yield _row_document(file, header, row, row_number, reader.line_num, delimiter, preferred, encoding)
    if not yielded and row_number == 0:
        raise InputError(file.name, "no records in file", "the CSV file has a header but no rows")


def _row_document(
    file: FileInput,
    header: list[str],
    row: list[str],
    row_number: int,
    line: int,
    delimiter: str,
    preferred: dict[str, str],
    encoding: str,
) -> RawDocument | ErrorRecord:
    name = file.record_name(row_number)
    while len(row) > len(header) and not row[-1].strip():
        row = row[:-1]  # trailing empty cells some spreadsheets add
    if len(row) != len(header):
        shown = "TAB" if delimiter == "\t" else delimiter
        return ErrorRecord(
            name,
            "bad CSV row",
            f"row {row_number} (ending on line {line}) has {len(row)} fields but the header has "
            f"{len(header)}; quote fields that contain {shown!r}, quotes or line breaks",
        )
    record: dict[str, str] = {}
    for column, cell in zip(header, row, strict=True):
        record.setdefault(column, cell)
    try:
        return record_to_document(record, file.source("csv", encoding, record=row_number), name, preferred)
    except InputError as err:
        return err.record()


def _preferred(columns: CsvColumns) -> dict[str, str]:
    return {
        "text": columns.text,
        "title": columns.title,
        "date": columns.date,
        "url": columns.url,
        "source": columns.source,
        "language": columns.language,
    }


def _choose_delimiter(header_line: str, columns: CsvColumns) -> str:
    """The delimiter that splits the header into the most known column names (ties: more cells)."""
    known = {name.lower() for names in FIELD_NAMES.values() for name in names}
    known |= {name.strip().lower() for name in _preferred(columns).values()}
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error:  # e.g. a stray carriage return: the reader proper reports the file's error
            cells = header_line.split(delimiter)
        score = (sum(cell.strip().lower() in known for cell in cells), len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _allow_fields_up_to(size: int) -> None:
    """Let one field be as large as a whole accepted file (the csv default, 128 KiB, is too small).

    This is process-wide csv state; it is only ever raised, never lowered.
    """
    wanted = min(size + 1, _CSV_FIELD_LIMIT_MAX)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
