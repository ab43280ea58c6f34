"""Fetch URLs politely with httpx: robots.txt honoured, one request per host per interval, retries
with exponential back-off on network errors, 429 and 5xx, and the HTTP status recorded.

Only `rasad ingest`/`rasad watch`/`rasad analyze` given URLs (or a `.urls` file, or a feed URL) use
the network; nothing else in rasad does.

Example::

    fetcher = Fetcher(FetchOptions(interval=2.0))
    result = fetcher.get("https://example.org/news/1.html")
    print(result.status, len(result.data))
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from rasad import __version__

USER_AGENT = f"rasad/{__version__} (+offline news analysis; honours robots.txt)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_REMEMBERED = 2000  # pages `get_once` remembers (the oldest is forgotten first)


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch: seconds between two requests to one host, retries, back-off, timeout.

    >>> FetchOptions(interval=0.5).retries
    3
    """

    interval: float = 1.0
    retries: int = 3
    backoff: float = 1.0  # first retry after this many seconds, then twice as long each time
    timeout: float = 20.0
    user_agent: str = USER_AGENT
    max_bytes: int = 50 * 1024 * 1024


@dataclass
class FetchResult:
    """One URL's outcome: `status` (None when no response came), the body, when it was fetched, and
    `error` when it could not be used."""

    url: str
    status: int | None = None
    data: bytes = b""
    content_type: str = ""
    charset: str | None = None
    fetched: str = ""
    error: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


@dataclass
class Fetcher:
    """A polite HTTP client; `sleep` and `clock` are injectable so tests never wait."""

    options: FetchOptions = field(default_factory=FetchOptions)
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))
    clock: Callable[[], float] = field(default=lambda: time.monotonic())
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _pages: dict[str, FetchResult] = field(default_factory=dict)

    def get_once(self, url: str) -> FetchResult:
        """`get(url)`, remembered: an article page a feed links to is fetched once per process (a
        `rasad watch` polling the feed does not fetch its pages again)."""
        if url not in self._pages:
            result = self.get(url)
            if not result.ok:
                return result
            if len(self._pages) >= MAX_REMEMBERED:
                self._pages.pop(next(iter(self._pages)))
            self._pages[url] = result
        return self._pages[url]

    def get(self, url: str) -> FetchResult:
        """Fetch `url` (after its host's robots.txt allows it); never raises for a network problem.

        Example::

            Fetcher().get("http://127.0.0.1:8000/a.html").status   # 200
        """
        import httpx

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return FetchResult(url, error="not an http(s) URL")
        if not self.allowed(url):
            return FetchResult(url, error="disallowed by robots.txt")
        result = FetchResult(url)
        for attempt in range(self.options.retries + 1):
            result.attempts = attempt + 1
            self._wait_turn(parts.netloc)
            try:
                with httpx.Client(timeout=self.options.timeout, follow_redirects=True,
                                  headers={"User-Agent": self.options.user_agent}) as client:
                    response = client.get(url)
            except httpx.HTTPError as err:
                result.error = f"{type(err).__name__}: {err}"
                if attempt < self.options.retries:
                    self.sleep(self.options.backoff * 2 ** attempt)
                continue
            result.status = response.status_code
            result.fetched = datetime.now(UTC).isoformat(timespec="seconds")
            if response.status_code in _RETRY_STATUS and attempt < self.options.retries:
                result.error = f"HTTP status {response.status_code}"
                self.sleep(max(self.options.backoff * 2 ** attempt, _retry_after(response.headers)))
                continue
            if not 200 <= response.status_code < 300:
                result.error = f"HTTP status {response.status_code}"
                return result
            result.data = response.content[: self.options.max_bytes]
            result.content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            result.charset = response.charset_encoding
            result.error = None
            return result
        return result

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch `url` (no robots.txt: yes)."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._read_robots(host, parts.netloc)
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.options.user_agent, url)

    def _read_robots(self, host: str, netloc: str) -> urllib.robotparser.RobotFileParser | None:
        import httpx

        self._wait_turn(netloc)
        try:
            with httpx.Client(timeout=self.options.timeout, follow_redirects=True,
                              headers={"User-Agent": self.options.user_agent}) as client:
                response = client.get(f"{host}/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the page request itself will say what is wrong
        if response.status_code >= 400:
            return None  # no robots.txt: everything is allowed
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser

    def _wait_turn(self, netloc: str) -> None:
        """Sleep until `interval` seconds have passed since the last request to this host."""
        last = self._last.get(netloc)
        if last is not None:
            wait = self.options.interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[netloc] = self.clock()


def _retry_after(headers: object) -> float:
    """A `Retry-After` header in seconds (0 when absent or a date)."""
    value = getattr(headers, "get", lambda _k, _d=None: None)("retry-after")
    try:
        return min(float(value), 300.0) if value is not None else 0.0
    except ValueError:
        return 0.0


def is_url(given: str) -> bool:
    """Whether an input names a URL rather than a path.

    >>> is_url("https://example.org/feed.xml"), is_url("news/feed.xml")
    (True, False)
    """
    return given.lower().startswith(("http://", "https://"))
