"""HTML pages: main text and metadata via trafilatura, with our own stdlib fallback (format `html`).

trafilatura gives the main text (paragraphs separated by newlines; no tables, no comments) and
cleaned metadata. Our scan (`rasad.ingest.htmlscan`) gives the raw published time as written in the
page, `<html lang>`, and the fallback text when trafilatura finds nothing, fails, or its output
contains a line of a script or style body (never trusted then).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import trafilatura

from rasad.article import RawDocument
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.encoding import decode_bytes, normalize_newlines
from rasad.ingest.htmlscan import scan_html
from rasad.settings import Settings

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements trafilatura would otherwise keep as text.
_PRUNE = [
    "//noscript",
    "//textarea",
    "//template",
    "//select",
    "//button",
    "//svg",
    "//math",
    "//iframe",
    "//object",
    "//embed",
    "//*[@hidden]",
    "//*[@aria-hidden='true']",
]


def read_html(file: FileInput, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Yield the page's main text with its metadata as one RawDocument.

    >>> page = b"<html lang='en'><title>T</title><body><p>Hello <script>x()</script>there.</p></body></html>"
    >>> doc = next(read_html(FileInput("a.html", page), Settings(workers=1)))
    >>> doc.text, doc.title, doc.lang_hint
    ('Hello there.', 'T', 'en')
    """
    yield read_html_page(file)


def read_html_page(file: FileInput, http_charset: str | None = None) -> RawDocument:
    """The page's main text with its metadata; `http_charset` is what an HTTP header declared (the
    page's own `<meta charset>` wins). Raises `InputError` for a page without article text.

    >>> read_html_page(FileInput("a.html", b"<p>Hello there.</p>"), "utf-8").text
    'Hello there.'
    """
    text, encoding = decode_bytes(file.data, file.name, declared_charset(file.data) or http_charset)
    scan = scan_html(text)
    extracted = _trafilatura(text)
    body = extracted.get("text") or ""
    if not body.strip() or scan.leaked_script(body):
        body = scan.main_text()
    else:
        body = scan.restore_paragraph_breaks(body)
    body = normalize_newlines(body).strip()  # whitespace around HTML text is markup, not content
    if not body.strip():
        raise InputError(
            file.name,
            "no article text in HTML",
            "the page has no visible paragraphs (is it a script-only page?)",
        )

    def first(*values: Any) -> str | None:
        for value in values:
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    return RawDocument(
        source=file.source("html", encoding),
        text=body,
        title=first(extracted.get("title"), scan.metadata("title"), scan.json_ld.get("title"), scan.title),
        published=first(
            scan.metadata("published"),
            scan.json_ld.get("published"),
            scan.time_datetime,
            extracted.get("date"),
        ),
        url=first(scan.canonical, extracted.get("url"), scan.metadata("url"), scan.json_ld.get("url")),
        site_name=first(extracted.get("sitename"), scan.metadata("site_name"), scan.json_ld.get("site_name")),
        lang_hint=first(
            scan.lang, scan.metadata("lang"), scan.json_ld.get("lang"), extracted.get("language")
        ),
        author=first(extracted.get("author"), scan.metadata("author"), scan.json_ld.get("author")),
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (`<meta charset>` or the XML declaration).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    'windows-1256'
    """
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _trafilatura(html: str) -> dict[str, Any]:
    """trafilatura's main text and metadata as a dict; empty when it finds nothing or fails."""
    # lxml refuses str input that still carries an XML encoding declaration.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            prune_xpath=_PRUNE,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # any failure inside the extractor: our own scan takes over
        return {}
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    return {
        key: getattr(document, key, None)
        for key in ("text", "title", "date", "url", "sitename", "language", "author")
    }
