"""RSS and Atom feeds (format `feed`), URLs and URL lists.

- A feed file (`.rss`, `.atom`, `.xml` holding a feed) or a feed URL: one RawDocument per entry, its
  text from the entry's content (or summary), parsed with feedparser from bytes (feedparser never
  touches the network here). For a feed read from a URL, an entry whose text is shorter than
  `FULL_TEXT_CHARS` is replaced by its linked page, fetched politely (`rasad.ingest.fetch`).
- A URL given as an input: fetched; a feed is read as above, anything else as an HTML page.
- A URL list (`.urls`: one URL per line, `#` comments): each URL fetched and read as above.

Provenance: `Source.url` is the entry's link (or the page's URL), `record_id` the entry's id,
`captured` when it was fetched, `http_status` the HTTP status, `record` the entry's 1-based number.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from rasad.article import RawDocument, Source, sha256_bytes
from rasad.errors import ErrorRecord, InputError
from rasad.ingest.base import FileInput
from rasad.ingest.fetch import Fetcher, FetchOptions, FetchResult, is_url
from rasad.ingest.html import read_html_page
from rasad.ingest.walk import FoundFile, read_limited
from rasad.settings import Settings

FEED_SUFFIXES = (".rss", ".atom", ".xml")
URL_LIST_SUFFIXES = (".urls",)
FULL_TEXT_CHARS = 300  # a feed entry from the web with less text than this is read from its page
_FEED_TYPES = ("xml", "rss", "atom")


@cache
def shared_fetcher(interval: float, retries: int) -> Fetcher:
    """One fetcher per process and options, so the per-host rate limit holds across a whole run."""
    return Fetcher(FetchOptions(interval=interval, retries=retries))


def fetcher_for(settings: Settings) -> Fetcher:
    return shared_fetcher(settings.fetch_interval, settings.fetch_retries)


def read_feed_file(found: FoundFile, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """The entries of a feed file (never fetching anything).

    Example::

        for doc in read_feed_file(FoundFile("news.rss", Path("news.rss")), Settings()): print(doc.title)
    """
    data = read_limited(found, settings.max_file_bytes)
    yield from feed_documents(data, found.name, None, settings)


def read_url_list(found: FoundFile, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Fetch every URL of a `.urls` file (one per line; blank lines and `# comments` skipped)."""
    text = read_limited(found, settings.max_file_bytes).decode("utf-8", "replace")
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, url) for n, url in lines if url and not url.startswith("#")]
    if not lines:
        raise InputError(found.name, "no URLs in file", "a .urls file holds one http(s) URL per line")
    for number, url in lines:
        if not is_url(url):
            yield ErrorRecord(f"{found.name}#{number}", "not a URL", f"line {number} is {url[:80]!r}; "
                              "a .urls file holds one http(s) URL per line")
            continue
        yield from read_url(url, settings)


def read_url(url: str, settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """Fetch `url`: a feed's entries, or the page as one article; a failure is one ErrorRecord."""
    result = fetcher_for(settings).get(url)
    if not result.ok:
        yield ErrorRecord(url, "cannot fetch URL", _fetch_problem(result))
        return
    if _looks_like_feed(result):
        try:
            yield from feed_documents(result.data, url, result, settings)
        except InputError as err:
            yield err.record()
        return
    try:
        doc = read_html_page(FileInput(url, result.data), result.charset)
    except InputError as err:
        yield err.record()
        return
    yield _web_source(doc, result, "html")


def feed_documents(data: bytes, where: str, fetched: FetchResult | None,
                   settings: Settings) -> Iterator[RawDocument | ErrorRecord]:
    """One RawDocument per entry of the feed in `data` (`fetched`: how the feed itself was fetched,
    None for a file); raises InputError when `data` is not a feed.

    >>> rss = b'''<rss version="2.0"><channel><title>Wire</title><item><title>T</title>
    ... <link>https://example.org/1</link><description>&lt;p&gt;Hello from the wire.&lt;/p&gt;</description>
    ... </item></channel></rss>'''
    >>> doc = next(feed_documents(rss, "wire.rss", None, Settings(workers=1)))
    >>> doc.title, doc.text, doc.source.url, doc.site_name
    ('T', 'Hello from the wire.', 'https://example.org/1', 'Wire')
    """
    import feedparser

    parsed = feedparser.parse(data)  # bytes: feedparser parses, it does not fetch
    if not parsed.entries:
        reason = f"{parsed.get('bozo_exception')}" if parsed.get("bozo") else "it has no entries"
        raise InputError(where, "not an RSS or Atom feed", f"{reason}; a feed file holds <rss> or <feed>")
    channel = parsed.get("feed", {})
    for number, entry in enumerate(parsed.entries, start=1):
        name = f"{where}#{number}"
        try:
            yield _entry_document(entry, channel, name, number, where, fetched, settings)
        except InputError as err:
            yield err.record()


def _entry_document(entry: Any, channel: Any, name: str, number: int, where: str, fetched: FetchResult | None,
                    settings: Settings) -> RawDocument:
    link = entry.get("link")
    html = _entry_html(entry)
    doc: RawDocument | None = None
    if html.strip():
        try:
            doc = read_html_page(FileInput(name, html.encode("utf-8")), "utf-8")
        except InputError:
            doc = None
    status = fetched.status if fetched else None
    captured = fetched.fetched if fetched else None
    if fetched is not None and link and is_url(link) and (doc is None or len(doc.text) < FULL_TEXT_CHARS):
        page = fetcher_for(settings).get_once(link)  # a summary only: read the article from its page
        if page.ok:
            doc = read_html_page(FileInput(link, page.data), page.charset)
            status, captured = page.status, page.fetched
    if doc is None:
        raise InputError(name, "feed entry has no text", "the entry has neither content nor a summary")
    doc.source = Source(sha256=sha256_bytes(html.encode("utf-8")), format="feed",
                        path=None if fetched else where, url=link or (where if fetched else None), record=number,
                        encoding="utf-8", record_id=entry.get("id"), captured=captured, http_status=status)
    doc.title = entry.get("title") or doc.title
    doc.published = entry.get("published") or entry.get("updated") or doc.published
    doc.url = link or doc.url
    doc.site_name = doc.site_name or channel.get("title")
    doc.lang_hint = doc.lang_hint or channel.get("language")
    doc.author = entry.get("author") or doc.author
    return doc


def _entry_html(entry: Any) -> str:
    """An entry's longest content block, else its summary."""
    blocks = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(blocks, key=len, default="")
    return best if best.strip() else str(entry.get("summary", "") or "")


def _looks_like_feed(result: FetchResult) -> bool:
    head = result.data[:512].lstrip().lower()
    return any(t in result.content_type for t in _FEED_TYPES) or head.startswith((b"<?xml", b"<rss", b"<feed"))


def _web_source(doc: RawDocument, result: FetchResult, format: str) -> RawDocument:
    doc.source = Source(sha256=sha256_bytes(result.data), format=format, url=result.url,
                        encoding=doc.source.encoding, captured=result.fetched, http_status=result.status)
    doc.url = doc.url or result.url
    return doc


def _fetch_problem(result: FetchResult) -> str:
    tries = f" after {result.attempts} attempts" if result.attempts > 1 else ""
    return f"{result.error}{tries}; check the URL, or try again later"
