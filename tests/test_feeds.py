"""Feeds, URLs and the polite fetcher, against a local server on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path

import pytest

from local_server import Site, serve
from rasad.article import RawDocument
from rasad.errors import ErrorRecord
from rasad.ingest import read_inputs
from rasad.ingest.feeds import shared_fetcher
from rasad.ingest.fetch import Fetcher, FetchOptions
from rasad.settings import Settings

BODY_AR = ("أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في مدينة الطائف يضم مئتي سرير "
           "ويخدم سكان القرى المجاورة، بحسب بيان رسمي صدر صباح الأحد.")
BODY_EN = "The city council approved a new budget for public transport on Monday after a long debate."

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار الطائف</title><language>ar</language>
<item><title>مستشفى جديد</title><link>https://news.example/1</link><guid>tag:news.example,1</guid>
<pubDate>Sun, 03 Mar 2024 09:00:00 GMT</pubDate><description>&lt;p&gt;{BODY_AR}&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://news.example/2</link></item>
</channel></rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>City wire</title>
<entry><title>Budget passed</title><id>urn:city:7</id><link href="https://city.example/7"/>
<updated>2024-03-04T12:00:00Z</updated><content type="html">&lt;p&gt;{BODY_EN}&lt;/p&gt;</content></entry>
</feed>""".encode()


@pytest.fixture(autouse=True)
def _fast_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never wait: the shared fetcher's sleep is a no-op."""
    shared_fetcher.cache_clear()
    monkeypatch.setattr("rasad.ingest.fetch.time.sleep", lambda _s: None)


def _docs(items: list[RawDocument | ErrorRecord]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


@pytest.mark.parametrize(("name", "data", "title", "url", "entry_id", "published"), [
    ("taif.rss", RSS, "مستشفى جديد", "https://news.example/1", "tag:news.example,1", "Sun, 03 Mar 2024 09:00:00 GMT"),
    ("city.atom", ATOM, "Budget passed", "https://city.example/7", "urn:city:7", "2024-03-04T12:00:00Z"),
])
def test_feed_files(tmp_path: Path, name: str, data: bytes, title: str, url: str, entry_id: str,
                    published: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_inputs([path], Settings(workers=1)))
    docs = _docs(items)
    assert docs, items
    doc = docs[0]
    assert (doc.title, doc.source.url, doc.source.record_id, doc.published) == (title, url, entry_id, published)
    assert doc.source.format == "feed" and doc.source.path == str(path) and doc.source.record == 1
    assert doc.text in (BODY_AR, BODY_EN)


def test_an_entry_without_text_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "taif.rss"
    path.write_bytes(RSS)
    errors = [i for i in read_inputs([path], Settings(workers=1)) if isinstance(i, ErrorRecord)]
    assert [(e.source, e.error) for e in errors] == [(f"{path}#2", "feed entry has no text")]


def test_an_xml_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_bytes(b"<?xml version='1.0'?><config><a>1</a></config>")
    [error] = list(read_inputs([path], Settings(workers=1)))
    assert isinstance(error, ErrorRecord) and error.error == "not an RSS or Atom feed"


@pytest.mark.parametrize("content", ["", "# nothing yet\n\n"])
def test_a_url_list_without_urls(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.urls"
    path.write_text(content, encoding="utf-8")
    [error] = list(read_inputs([path], Settings(workers=1)))
    assert isinstance(error, ErrorRecord) and error.error in ("no URLs in file", "empty file")


def _article_page(text: str) -> bytes:
    return f"<html lang='ar'><head><title>عنوان</title></head><body><p>{text}</p></body></html>".encode()


def test_urls_and_url_lists_from_a_local_server(tmp_path: Path) -> None:
    site = Site(pages={
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/a.html": (200, "text/html; charset=utf-8", _article_page(BODY_AR)),
        "/private/b.html": (200, "text/html", _article_page(BODY_AR)),
        "/feed.xml": (200, "application/rss+xml", ATOM),
    }, first_statuses={"/a.html": [503, 503]})
    with serve(site):
        listing = tmp_path / "today.urls"
        listing.write_text(f"# today's pages\n{site.base}/a.html\n{site.base}/private/b.html\n"
                           f"{site.base}/missing.html\nnot-a-url\n", encoding="utf-8")
        items = list(read_inputs([listing, f"{site.base}/feed.xml"], Settings(workers=1, fetch_retries=3)))
    docs, errors = _docs(items), [i for i in items if isinstance(i, ErrorRecord)]
    assert [d.source.url for d in docs] == [f"{site.base}/a.html", "https://city.example/7"]
    page = docs[0]
    assert (page.source.format, page.source.http_status, page.text) == ("html", 200, BODY_AR)
    assert page.source.captured and docs[1].source.format == "feed" and docs[1].source.http_status == 200
    assert [(e.error, e.detail.split(";")[0]) for e in errors] == [
        ("cannot fetch URL", "disallowed by robots.txt"),
        ("cannot fetch URL", "HTTP status 404"),
        ("not a URL", "line 5 is 'not-a-url'"),
    ]
    assert site.requests.count("/a.html") == 3  # two 503 answers, retried
    assert site.requests.count("/robots.txt") == 1  # read once per host
    assert "/private/b.html" not in site.requests


def test_the_rate_limit_spaces_requests_to_one_host() -> None:
    waits: list[float] = []
    now = [100.0]
    fetcher = Fetcher(FetchOptions(interval=2.0, retries=0), sleep=waits.append, clock=lambda: now[0])
    site = Site(pages={"/a": (200, "text/html", b"<p>a</p>"), "/b": (200, "text/html", b"<p>b</p>")})
    with serve(site):
        statuses = [fetcher.get(f"{site.base}/{p}").status for p in ("a", "b")]
    assert statuses == [200, 200]
    assert waits == [2.0, 2.0]  # robots.txt, then /a, then /b: each waits its turn (the clock stands still)


def test_retries_back_off_exponentially() -> None:
    waits: list[float] = []
    fetcher = Fetcher(FetchOptions(interval=0.0, retries=3, backoff=0.5), sleep=waits.append)
    site = Site(pages={"/a": (200, "text/html", b"<p>a</p>")}, first_statuses={"/a": [500, 502, 503]})
    with serve(site):
        result = fetcher.get(f"{site.base}/a")
    assert (result.status, result.attempts, result.ok) == (200, 4, True)
    assert waits == [0.5, 1.0, 2.0]


def test_a_feed_entry_with_a_summary_only_is_read_from_its_page_once() -> None:
    site = Site()
    with serve(site):
        feed = (f"<rss version='2.0'><channel><title>Wire</title><item><title>Hospital</title>"
                f"<link>{site.base}/story.html</link><description>A new hospital.</description></item>"
                "</channel></rss>").encode()
        site.pages.update({"/feed.rss": (200, "application/rss+xml", feed),
                           "/story.html": (200, "text/html; charset=utf-8", _article_page(BODY_AR))})
        settings = Settings(workers=1)
        polls = [_docs(list(read_inputs([f"{site.base}/feed.rss"], settings))) for _ in range(2)]
    assert [[(d.text, d.source.format, d.source.url, d.title) for d in docs] for docs in polls] == \
        [[(BODY_AR, "feed", f"{site.base}/story.html", "Hospital")]] * 2
    assert site.requests.count("/feed.rss") == 2 and site.requests.count("/story.html") == 1
