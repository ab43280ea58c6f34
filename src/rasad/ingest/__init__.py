"""Ingest: read files and folders into `RawDocument`s, one per article, or `ErrorRecord`s.

Formats: `.txt`; `.html`/`.htm`/`.xhtml`; `.json` (an object or a list of objects) and
`.jsonl`/`.ndjson` (one object per line); `.csv` and `.tsv` (a header row, one article per row);
`.warc`/`.warc.gz` web archives (`warc`); `.rss`/`.atom`/`.xml` feeds and `.urls` URL lists
(`feeds`); http(s) URLs given as inputs (fetched after the files, `fetch`);
`.parquet` (one article per row).
Encodings are detected per file (`rasad.ingest.encoding`). Nothing here raises for bad input.

>>> from rasad.settings import Settings
>>> [type(item).__name__ for item in read_inputs(["/no/such/file.txt"], Settings(workers=1))]
['ErrorRecord']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from rasad.article import RawDocument
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput, PathReader, Reader
from rasad.ingest.csvfmt import read_csv, read_tsv
from rasad.ingest.encoding import decode_bytes
from rasad.ingest.fetch import is_url
from rasad.ingest.html import read_html
from rasad.ingest.jsonfmt import read_json, read_json_lines
from rasad.ingest.parquetfmt import read_parquet
from rasad.ingest.repair import repair_document
from rasad.ingest.text import read_text
from rasad.ingest.walk import FoundFile, read_limited, walk_paths
from rasad.settings import Settings

__all__ = ["READERS", "SUPPORTED_EXTENSIONS", "decode_bytes", "read_file", "read_inputs"]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".json": read_json,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".csv": read_csv,
    ".tsv": read_tsv,
    ".parquet": read_parquet,
}
# Read from their path by their own readers (`_path_reader`): web archives, feeds, URL lists.
PATH_EXTENSIONS = (".warc", ".warc.gz", ".rss", ".atom", ".xml", ".urls")
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(READERS) + PATH_EXTENSIONS


def read_inputs(paths: Sequence[str | Path], settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Lazily yield one RawDocument per article found under `paths`, or an ErrorRecord per bad input.

    Folders are walked recursively in sorted order; hidden files and folders inside them are
    skipped. Never raises for bad input: missing paths, unsupported types, files over
    `settings.max_file_bytes`, undecodable or malformed files and records, and articles over
    `settings.max_article_chars` all become ErrorRecords. Lone surrogates become U+FFFD.

    >>> from rasad.settings import Settings
    >>> next(read_inputs(["notes.xyz"], Settings(workers=1))).error
    'file not found'
    """
    if isinstance(paths, str | Path):  # one path given bare: do not iterate its characters
        paths = [paths]
    urls = [str(p) for p in paths if is_url(str(p))]
    for item in walk_paths([p for p in paths if not is_url(str(p))] if urls else paths):
        if isinstance(item, ErrorRecord):
            yield item
        else:
            yield from read_file(item, settings)
    for url in urls:  # fetched after the files, each once
        yield from _guarded_url(url, settings)


def _guarded_url(url: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    from rasad.ingest.feeds import read_url

    try:
        for item in read_url(url, settings):
            yield item if isinstance(item, ErrorRecord) else _checked(item, settings)
    except Exception as err:  # a reader bug must not stop the other inputs
        yield ErrorRecord(url, "could not read URL", f"{type(err).__name__}: {err}; please report this as a rasad bug")


# Formats that hold many articles, one record each: their size limit is `max_records_file_bytes`.
RECORD_FORMATS = frozenset({".jsonl", ".ndjson", ".csv", ".tsv", ".parquet"})


def file_limit(extension: str, settings: Settings) -> int:
    """The largest file of this type that is read, in bytes.

    >>> file_limit(".jsonl", Settings(workers=1)) > file_limit(".txt", Settings(workers=1))
    True
    """
    return settings.max_records_file_bytes if extension in RECORD_FORMATS else settings.max_file_bytes


def read_file(found: FoundFile, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Read one file with the reader for its extension; every failure becomes an ErrorRecord."""
    path_reader = _path_reader(found.name)
    if path_reader is not None:  # read from the file itself (a WARC file may be larger than memory)
        yield from _guarded(found, path_reader(found, settings), settings)
        return
    extension = found.path.suffix.lower()
    reader = READERS.get(extension)
    if reader is None:
        shown = extension or "(no extension)"
        yield ErrorRecord(
            found.name,
            f"unsupported file type {shown}",
            f"supported types: {', '.join(SUPPORTED_EXTENSIONS)}; rename or convert the file",
        )
        return
    try:
        file = FileInput(found.name, read_limited(found, file_limit(extension, settings)))
        for item in reader(file, settings):
            yield item if isinstance(item, ErrorRecord) else _checked(item, settings)
    except InputError as err:
        yield err.record()
    except Exception as err:  # a reader bug must not stop the other inputs
        yield ErrorRecord(
            found.name,
            "could not read file",
            f"{type(err).__name__}: {err}; please report this as a rasad bug",
        )


def _path_reader(name: str) -> PathReader | None:
    """The reader for formats read from their path rather than from bytes in memory: WARC files,
    feeds and URL lists (`rasad.ingest.feeds`)."""
    from rasad.ingest.feeds import FEED_SUFFIXES, URL_LIST_SUFFIXES, read_feed_file, read_url_list
    from rasad.ingest.warc import is_warc, read_warc

    lowered = name.lower()
    if is_warc(lowered):
        return read_warc
    if lowered.endswith(FEED_SUFFIXES):
        return read_feed_file
    if lowered.endswith(URL_LIST_SUFFIXES):
        return read_url_list
    return None


def _guarded(found: FoundFile, items: Iterator[RawDocument | ErrorRecord],
             settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """A path reader's items, checked; an exception ends that file with an ErrorRecord (the records
    already read are kept)."""
    try:
        for item in items:
            yield item if isinstance(item, ErrorRecord) else _checked(item, settings)
    except InputError as err:
        yield err.record()
    except OSError as err:
        yield ErrorRecord(found.name, "cannot read file", f"{err.strerror or err}; check its permissions")
    except Exception as err:  # a reader bug must not stop the other inputs
        yield ErrorRecord(found.name, "could not read file",
                          f"{type(err).__name__}: {err}; please report this as a rasad bug")


def _checked(doc: RawDocument, settings: Settings) -> RawDocument | ErrorRecord:
    """The document made valid Unicode, or an error when its text is over the size limit."""
    if len(doc.text) > settings.max_article_chars:
        return ErrorRecord(
            doc.source.name,
            "article too long",
            f"{len(doc.text):,} characters is over the limit of {settings.max_article_chars:,}; "
            "split it into articles, or raise the limit with --max-article-chars",
        )
    return repair_document(doc)
