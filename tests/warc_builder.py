"""Build small CC-NEWS-style WARC files for tests: one gzip member per `response` record."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Page:
    uri: str
    html: str
    status: int = 200
    date: str = "2024-03-05T10:00:00Z"
    content_type: str = "text/html; charset=utf-8"

    @property
    def record_id(self) -> str:
        return f"<urn:uuid:00000000-0000-4000-8000-{hashlib.sha1(self.uri.encode()).hexdigest()[:12]}>"


def record_bytes(page: Page) -> bytes:
    """One WARC `response` record (headers, HTTP response, the blank lines after it)."""
    body = page.html.encode("utf-8")
    http = (f"HTTP/1.1 {page.status} X\r\nContent-Type: {page.content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {page.record_id}\r\nWARC-Date: {page.date}\r\n"
            f"WARC-Target-URI: {page.uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: Path, pages: list[Page], broken: dict[int, str | float] | None = None) -> Path:
    """Write `pages` as a `.warc.gz`; `broken` maps a record's index to `truncate` (its gzip member
    cut in half), a fraction (cut there) or `garbage` (replaced by bytes that are not gzip)."""
    broken = broken or {}
    with path.open("wb") as fh:
        for index, page in enumerate(pages):
            member = gzip.compress(record_bytes(page))
            damage = broken.get(index)
            if damage == "truncate" or isinstance(damage, float):
                member = member[: int(len(member) * (0.5 if damage == "truncate" else float(damage)))]
            elif broken.get(index) == "garbage":
                member = b"this is not a gzip member " * 3
            fh.write(member)
    return path


def page_html(title: str, paragraphs: list[str], lang: str = "ar") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html lang='{lang}'><head><title>{title}</title></head><body><article>{body}</article></body></html>"
