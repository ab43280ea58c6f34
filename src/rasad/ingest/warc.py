"""Web archives: `.warc` and `.warc.gz` files (the CC-NEWS format), read with FastWARC (format `warc`).

Each `response` record holding an HTML page becomes one RawDocument (its main text found as for an
`.html` file). Provenance goes into the `Source`: `path` is the WARC file, `url` the record's
`WARC-Target-URI`, `record` its 1-based number among the file's response records, `record_id` its
`WARC-Record-ID`, `captured` its `WARC-Date`, `http_status` the HTTP status, `offset` the byte offset
of the record in the file. Responses that are not pages (images, redirects, HTTP errors) are
reported as errors naming the record. A broken or truncated record is reported too, and reading
goes on with the next record: in a gzip file at the next gzip member that holds a WARC record.

FastWARC is an optional dependency (`pip install 'rasad[warc]'`).
"""

from __future__ import annotations

import mmap
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasad.article import RawDocument, sha256_bytes
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.walk import FoundFile
from rasad.settings import Settings

WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_HEADER = re.compile(rb"^(WARC-Record-ID|WARC-Target-URI|WARC-Date):[ \t]*(.*?)\r?$", re.MULTILINE)
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def is_warc(name: str) -> bool:
    """Whether a file name is a WARC file.

    >>> is_warc("CC-NEWS-20240305.warc.gz"), is_warc("page.html")
    (True, False)
    """
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass
class _Position:
    """Where the reader is: the next offset to read from, the last record start, records seen."""

    offset: int = 0
    last_start: int = -1
    number: int = 0


def read_warc(found: FoundFile, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Yield a RawDocument per HTML response record of a WARC file, an ErrorRecord per bad record.

    Example::

        for item in read_warc(FoundFile("crawl.warc.gz", Path("crawl.warc.gz")), Settings()):
            print(item.source.url if isinstance(item, RawDocument) else item.error)
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as err:
        raise InputError(found.name, "WARC support is not installed",
                         "install it with: pip install 'rasad[warc]' (FastWARC)") from err
    size = found.path.stat().st_size
    at = _Position()
    if size == 0:
        raise InputError(found.name, "empty file", "the WARC file has no records")
    with found.path.open("rb") as fh:
        if not fh.read(8).startswith((_GZIP_MAGIC, b"WARC/")):
            raise InputError(found.name, "not a WARC file", "a WARC file starts with a `WARC/1.0` header "
                             "(or is gzip-compressed, .warc.gz)")
    gzipped = found.name.lower().endswith(".gz")
    with found.path.open("rb") as fh:
        while at.offset < size:
            fh.seek(at.offset)
            current: int | None = None
            try:
                records = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True,
                                          max_content_length=settings.max_file_bytes)
                for record in records:
                    current = _absolute(record.stream_pos, at.offset)
                    at.number += 1
                    item = _document(found, record, current, at.number, settings)
                    if isinstance(item, ErrorRecord) and gzipped and not _intact(found, current):
                        item = ErrorRecord(item.source, "truncated WARC record",
                                           f"the gzip member at byte {current} ends early ({item.error}); "
                                           "the records after it are still read")
                    yield item
                    at.last_start, current = current, None
                resume = _resume_after(found, at.last_start, size) if gzipped else None
                if resume is None:
                    break
                at.offset = resume  # FastWARC stopped at a damaged member: go on after it
            except OSError as err:
                broken = current if current is not None else _after(found, at.last_start)
                if broken is None:
                    break
                if current is None:
                    at.number += 1
                resume = _next_member(found, broken + 1)
                yield _broken(found, broken, at.number, str(err))
                if resume is None:
                    break
                at.offset, at.last_start = resume, broken
    if at.number == 0:
        raise InputError(found.name, "no WARC response records", "the file holds no readable response "
                         "record (is it a WARC file? CC-NEWS files are .warc.gz)")


def _absolute(stream_pos: int, started_at: int) -> int:
    """FastWARC gives positions in the file it was handed (a seeked file: from the file's start)."""
    return stream_pos if stream_pos >= started_at else started_at + stream_pos


def _document(found: FoundFile, record: Any, offset: int, number: int, settings: Settings) -> RawDocument | ErrorRecord:
    """The page of one response record, or the error that says why it is not one."""
    name = f"{found.name}#{number}"
    headers = record.headers
    record_id = headers.get("WARC-Record-ID")
    target = headers.get("WARC-Target-URI")
    where = f"record {record_id or '(no id)'} at byte {offset}"
    if not record_id or not target:
        return ErrorRecord(name, "truncated WARC record", f"{where} ends before its headers do; "
                           "the records after it are still read")
    payload = record.reader.read()
    if len(payload) < record.content_length:
        return ErrorRecord(name, "truncated WARC record",
                           f"{where} ({target}): {len(payload):,} of {record.content_length:,} bytes; "
                           "the records after it are still read")
    status = record.http_headers.status_code if record.http_headers is not None else None
    content_type = (record.http_content_type or "").lower()
    if status is not None and not 200 <= status < 300:
        return ErrorRecord(name, f"HTTP status {status}", f"{where} ({target}) is not a page with an article")
    if content_type not in _PAGE_TYPES:
        return ErrorRecord(name, "not an HTML page", f"{where} ({target}) holds {content_type}")
    from rasad.ingest.html import read_html_page

    try:
        doc = read_html_page(FileInput(name, payload), record.http_charset)
    except InputError as err:
        return ErrorRecord(name, err.error, f"{where} ({target}): {err.detail}")
    doc.source.format = "warc"
    doc.source.path = found.name
    doc.source.url = target
    doc.source.record = number
    doc.source.record_id = record_id
    doc.source.captured = headers.get("WARC-Date")
    doc.source.http_status = status
    doc.source.offset = offset
    doc.source.sha256 = sha256_bytes(payload)
    doc.url = doc.url or target
    return doc


def _broken(found: FoundFile, offset: int, number: int, reason: str) -> ErrorRecord:
    """The error for a record that cannot be decompressed or parsed, with what its headers still say."""
    found_headers = _salvage_headers(found, offset)
    named = ", ".join(f"{k} {v}" for k, v in found_headers.items())
    return ErrorRecord(f"{found.name}#{number}", "broken WARC record",
                       f"at byte {offset}{' (' + named + ')' if named else ''}: {reason}; "
                       "the records after it are still read")


def _intact(found: FoundFile, start: int) -> bool:
    """Whether the gzip member at `start` decompresses to its end."""
    inflate = zlib.decompressobj(31)
    with found.path.open("rb") as fh:
        fh.seek(start)
        while not inflate.eof and (chunk := fh.read(65536)):
            try:
                inflate.decompress(chunk)
            except zlib.error:
                return False
    return inflate.eof


def _resume_after(found: FoundFile, last_start: int, size: int) -> int | None:
    """Where to go on when FastWARC stopped before the end of a `.warc.gz`: the next record after the
    last one read (None at the end of the file)."""
    if last_start < 0:
        return None
    end = _after(found, last_start)
    if end is None or end >= size:
        return None
    resume = _next_member(found, end)
    return resume if resume is not None and resume > last_start else None


def _after(found: FoundFile, start: int) -> int | None:
    """Where the record after the one at `start` begins: the end of its gzip member (a `.warc.gz`;
    whatever follows may be garbage), else the next record header."""
    if start < 0:
        return 0
    if not found.name.lower().endswith(".gz"):
        return _next_member(found, start + 1)
    inflate = zlib.decompressobj(31)
    with found.path.open("rb") as fh:
        fh.seek(start)
        read = 0
        while not inflate.eof and (chunk := fh.read(65536)):
            read += len(chunk)
            try:
                inflate.decompress(chunk)
            except zlib.error:
                return _next_member(found, start + 1)
        return start + read - len(inflate.unused_data) if inflate.eof else None


def _next_member(found: FoundFile, start: int) -> int | None:
    """The offset of the next record at or after `start`: a gzip member that decompresses to a WARC
    header (a `.warc.gz`), or a `WARC/1.` line start (a plain `.warc`)."""
    gzipped = found.name.lower().endswith(".gz")
    with found.path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        at = max(start, 0)
        while True:
            at = data.find(_GZIP_MAGIC if gzipped else _WARC_MAGIC, at)
            if at < 0:
                return None
            if not gzipped:
                return at
            try:
                head = zlib.decompressobj(31).decompress(data[at:at + 4096], 16)
            except zlib.error:
                head = b""
            if head.startswith(_WARC_MAGIC):
                return at
            at += 1


def _salvage_headers(found: FoundFile, offset: int) -> dict[str, str]:
    """The WARC headers that can still be read from a broken record (decompressed as far as it goes)."""
    with found.path.open("rb") as fh:
        fh.seek(offset)
        raw = fh.read(65536)
    if found.name.lower().endswith(".gz"):
        inflate, text = zlib.decompressobj(31), b""
        for low in range(0, len(raw), 256):
            try:
                text += inflate.decompress(raw[low:low + 256])
            except zlib.error:
                break
            if b"\r\n\r\n" in text:
                break
    else:
        text = raw
    head = text.split(b"\r\n\r\n", 1)[0]
    return {m.group(1).decode(): m.group(2).decode("utf-8", "replace") for m in _HEADER.finditer(head)}
