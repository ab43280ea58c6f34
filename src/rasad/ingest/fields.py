"""Map the fields of a JSON record or CSV row (news-please style and common names) to a RawDocument.

>>> doc = record_to_document({"Headline": "T", "maintext": "Body"}, Source(sha256="0", format="json"), "f#1")
>>> doc.title, doc.text
('T', 'Body')
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from rasad.article import RawDocument, Source
from rasad.errors import InputError
from rasad.ingest.encoding import normalize_newlines

# An HTML character reference: what a scraper left in a title it did not unescape (&#8220;, &amp;).
_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")

# Accepted names per field, most specific first; matched case-insensitively.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body", "article", "article_text", "full_text", "fulltext"),
    "title": ("title", "headline"),
    "date": (
        "date",
        "date_publish",
        "published",
        "published_at",
        "pubdate",
        "publish_date",
        "date_published",
        "datepublished",
        "publication_date",
    ),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "source_domain", "site", "outlet", "site_name", "sitename", "publisher"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline", "creator"),
}


def find_key(keys: Mapping[str, str], field: str, preferred: str | None = None) -> str | None:
    """The record key holding `field`: the `preferred` name if present, else a known synonym.

    `keys` maps lower-cased, stripped names to the record's own spelling.

    >>> find_key({"pubdate": "pubDate"}, "date")
    'pubDate'
    """
    names = ((preferred,) if preferred else ()) + FIELD_NAMES[field]
    for candidate in names:
        key = keys.get(candidate.strip().lower())
        if key is not None:
            return key
    return None


def lowered_keys(names: Any) -> dict[str, str]:
    """`{"Title": ...}` -> `{"title": "Title"}` (the first spelling wins)."""
    out: dict[str, str] = {}
    for name in names:
        if isinstance(name, str):
            out.setdefault(name.strip().lower(), name)
    return out


# Lists and objects nested deeper than this inside one field are refused (a record is an article,
# not a tree; deep nesting is a broken or hostile export).
MAX_FIELD_DEPTH = 20


class _TooDeep(Exception):
    pass


def record_to_document(
    record: Mapping[str, Any],
    source: Source,
    name: str,
    preferred: Mapping[str, str] | None = None,
) -> RawDocument:
    """Build a RawDocument from one record; raise `InputError` when it has no usable text.

    >>> record_to_document({"text": True}, Source(sha256="0", format="json"), "f#1")
    Traceback (most recent call last):
    rasad.errors.InputError: f#1: text is not a string (the field 'text' holds true; put the article text there)
    """
    keys = lowered_keys(record)
    preferred = preferred or {}
    text_key = find_key(keys, "text", preferred.get("text"))
    if text_key is None:
        found = ", ".join(sorted(str(k) for k in record)[:20]) or "none"
        accepted = ", ".join(FIELD_NAMES["text"])
        raise InputError(
            name, "record has no text", f"none of the fields {accepted} is present (fields found: {found})"
        )
    current = text_key
    try:
        text = _as_text(record[text_key], "\n", strip=False)
        if text is None and not _is_empty(record[text_key]):
            raise InputError(
                name,
                "text is not a string",
                f"the field {text_key!r} holds {_kind(record[text_key])}; put the article text there",
            )
        if text is None or not text.strip():
            raise InputError(name, "empty text", f"the field {text_key!r} is empty")

        def value(field: str, joiner: str = ", ") -> str | None:
            nonlocal current
            key = find_key(keys, field, preferred.get(field))
            current = key or field
            return None if key is None else _as_text(record[key], joiner)

        return RawDocument(
            source=source,
            text=normalize_newlines(text),
            title=unescape_references(value("title")),
            published=value("date"),
            url=value("url"),
            site_name=value("source"),
            lang_hint=value("language"),
            author=value("author"),
        )
    except _TooDeep:
        raise InputError(
            name,
            "record nested too deep",
            f"the field {current!r} nests lists or objects more than {MAX_FIELD_DEPTH} levels deep; "
            "flatten it to a string",
        ) from None


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | Mapping) and not value)


def _kind(value: Any) -> str:
    """How a JSON value is named in messages: `true`, `an object`, `a list`, ..."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "an object, not a string"
    if isinstance(value, list | tuple):
        return "a list with no text in it"
    return f"a {type(value).__name__}"


def _as_text(value: Any, joiner: str, strip: bool = True, depth: int = 0) -> str | None:
    """A field value as a string: lists are joined, objects give their `name`, empty becomes None."""
    if depth > MAX_FIELD_DEPTH:
        raise _TooDeep
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        out = value
    elif isinstance(value, int | float):
        out = str(value)
    elif isinstance(value, list | tuple):
        parts = [_as_text(item, joiner, strip, depth + 1) for item in value]
        out = joiner.join(part for part in parts if part)
    elif isinstance(value, Mapping):
        for key in ("name", "title", "domain", "url", "text"):
            if isinstance(value.get(key), str):
                return _as_text(value[key], joiner, strip, depth + 1)
        return None
    else:
        return None
    if strip:
        out = normalize_newlines(out).strip()
    return out or None


def unescape_references(title: str | None) -> str | None:
    """A record's title with HTML character references resolved: a title is one line of plain text,
    so `&#8220;` or `&amp;` in it was left there by the scraper that exported the record.

    >>> unescape_references("توزيع &#8220;الكتب&#8221; على المدارس")
    'توزيع “الكتب” على المدارس'
    >>> unescape_references("AT&T profits")
    'AT&T profits'
    """
    if title is None or not _REFERENCE.search(title):
        return title
    return html.unescape(title)
