"""One pass of the stdlib HTML parser over a page: metadata, fallback main text, and script bodies.

Used for metadata trafilatura leaves out (raw published time, `<html lang>`), as the fallback text
extractor when trafilatura finds nothing, and to check that no script text leaked into its output.
The parser is not recursive, so deeply nested garbage cannot exhaust the stack. Text inside
script, style, template, svg and similar elements is never collected as text; attributes (onload,
href="javascript:...") are never text either.

>>> scan = scan_html("<title>T</title><nav>menu</nav><p>Hello <script>evil()</script>world</p>")
>>> scan.title, scan.main_text()
('T', 'Hello world')
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# Never text: code, styling, embedded documents, form controls.
_NEVER_TEXT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "textarea",
        "select",
        "option",
        "button",
        "title",
    }
)
# Page furniture: skipped unless nothing else has text.
_LAYOUT = frozenset({"nav", "header", "footer", "aside", "form", "menu", "dialog"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "address",
        "center",
        "body",
        "br",
        "hr",
        *_LAYOUT,
    }
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# Metadata names (meta property/name/itemprop, lower-cased), most reliable first.
_META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "site_name": ("og:site_name", "application-name", "publisher"),
    "published": (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "article.published",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "date",
    ),
    "url": ("og:url",),
    "lang": ("content-language", "og:locale", "dc.language", "language"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
}
_JSON_LD_TYPES = ("article", "newsarticle", "reportagenews", "blogposting", "analysisnewsarticle", "webpage")
_MAX_BLOCKS_TO_ALIGN = 2000  # bounds the work of restore_paragraph_breaks on huge pages
_MAX_JSON_LD = 1_000_000  # bytes of one JSON-LD block we are willing to parse


@dataclass
class _Block:
    text: str
    in_article: bool
    in_paragraph: bool
    in_main: bool
    in_layout: bool


@dataclass
class HtmlScan:
    """What one pass over a page found."""

    title: str | None = None
    lang: str | None = None
    canonical: str | None = None
    time_datetime: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    json_ld: dict[str, str] = field(default_factory=dict)
    script_bodies: list[str] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)

    def metadata(self, key: str) -> str | None:
        """The first `<meta>` value for `key` (title, site_name, published, url, lang, author)."""
        for name in _META_FIELDS[key]:
            value = self.meta.get(name)
            if value:
                return value
        return None

    def main_text(self) -> str:
        """Paragraphs of the main text, one per line: <article>, else <p>, else <main>, else all."""
        content = [b for b in self.blocks if not b.in_layout]
        for chosen in (
            [b for b in content if b.in_article],
            [b for b in content if b.in_paragraph],
            [b for b in content if b.in_main],
            content,
            self.blocks,
        ):
            if chosen:
                return "\n".join(b.text for b in chosen)
        return ""

    def restore_paragraph_breaks(self, text: str) -> str:
        """Put a newline back where a page block starts but `text` has only a space.

        Some extractor fallbacks join paragraphs with spaces; the page's own blocks say where
        paragraphs begin.

        >>> scan = scan_html("<p>First one.</p><p>Second one.</p>")
        >>> scan.restore_paragraph_breaks("First one. Second one.")
        'First one.\\nSecond one.'
        """
        if "\n" in text:
            return text  # the extractor kept its paragraphs
        chars = list(text)
        cursor = 0
        for block in self.blocks[:_MAX_BLOCKS_TO_ALIGN]:
            found = text.find(block.text, cursor)
            end = found + len(block.text)
            if found == -1 or len(block.text) < 8 or (end < len(text) and not text[end].isspace()):
                continue
            if found > 0 and chars[found - 1] == " ":
                chars[found - 1] = "\n"
            cursor = end
        return "".join(chars)

    def leaked_script(self, text: str) -> bool:
        """True when `text` contains a line of any script or style body found on the page."""
        for body in self.script_bodies:
            for line in body.splitlines():
                line = line.strip()
                if len(line) >= 12 and line[:80] in text:
                    return True
        return False


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = HtmlScan()
        self._skip: list[str] = []  # open elements whose text is never collected
        self._skip_counts: Counter[str] = Counter()
        self._open: Counter[str] = Counter()  # open article/p/main/layout elements
        self._buffer: list[str] = []
        self._buffer_state: tuple[bool, bool, bool, bool] | None = None
        self._in_title = False
        self._title: list[str] = []
        self._raw: list[str] = []  # text of the current script/style
        self._raw_kind: str | None = None

    # -- tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html":
            self.scan.lang = self.scan.lang or values.get("lang") or values.get("xml:lang") or None
        elif tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.scan.canonical = self.scan.canonical or values.get("href") or None
        elif tag == "time" and values.get("datetime") and not self.scan.time_datetime:
            self.scan.time_datetime = values["datetime"].strip()
        if tag in _VOID:
            if tag in _BLOCKS:
                self._flush()
            return
        if tag == "body" and self._skip_counts["title"]:
            self._close_skip("title")  # an unclosed <title> must not hide the page
        if tag in _BLOCKS:
            self._flush()
            self._open["p"] = 0  # a block start closes an open <p> (HTML's implied end tag)
        if tag in ("script", "style"):  # html.parser reads their content as raw text
            self._raw = []
            self._raw_kind = values.get("type", "").lower() if tag == "script" else "style"
        if self._skip:
            self._push_skip(tag)  # inside skipped content: track nesting so end tags pair up
        elif tag in _NEVER_TEXT or "hidden" in values or values.get("aria-hidden") == "true":
            self._push_skip(tag)
            self._in_title = tag == "title" and self.scan.title is None
        elif tag in ("article", "p", "main") or tag in _LAYOUT:
            self._open[tag] += 1
        elif values.get("role") == "main":
            self._open["main"] += 1
            self._open["role-main:" + tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <div/> opens nothing; only record metadata and line breaks.
        if tag in ("meta", "link", "time", "html", "br", "hr"):
            self.handle_starttag(tag, attrs)
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if self._skip_counts[tag]:
            self._close_skip(tag)
        elif self._open[tag]:
            self._open[tag] -= 1
        elif self._open["role-main:" + tag]:
            self._open["role-main:" + tag] -= 1
            self._open["main"] -= 1

    # -- text
    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._in_title:
                self._title.append(data)
            elif self._raw_kind is not None:
                self._raw.append(data)
            return
        state = (self._open["article"] > 0, self._open["p"] > 0, self._open["main"] > 0, self._layout())
        if self._buffer_state is not None and state != self._buffer_state:
            self._flush()
        self._buffer_state = state
        self._buffer.append(data)

    def close(self) -> None:
        super().close()
        if self._raw_kind is not None:
            self._end_raw()  # an unclosed <script> at the end of the page
        self._flush()
        if self._in_title:
            self._end_title()

    # -- helpers
    def _layout(self) -> bool:
        return any(self._open[tag] for tag in _LAYOUT)

    def _close_skip(self, tag: str) -> None:
        """Pop skipped elements up to and including the innermost open `tag`."""
        while self._skip:
            popped = self._skip.pop()
            self._skip_counts[popped] -= 1
            if popped == tag:
                break
        if tag in ("script", "style") and self._raw_kind is not None:
            self._end_raw()
        if tag == "title" and self._in_title:
            self._end_title()

    def _end_title(self) -> None:
        self._in_title = False
        self.scan.title = _HTML_SPACE.sub(" ", "".join(self._title)).strip() or None

    def _push_skip(self, tag: str) -> None:
        self._skip.append(tag)
        self._skip_counts[tag] += 1

    def _flush(self) -> None:
        text = _HTML_SPACE.sub(" ", "".join(self._buffer)).strip()
        if text and self._buffer_state is not None:
            self.scan.blocks.append(_Block(text, *self._buffer_state))
        self._buffer = []
        self._buffer_state = None

    def _end_raw(self) -> None:
        body = "".join(self._raw)
        if self._raw_kind == "application/ld+json":
            self._json_ld(body)
        elif body.strip():
            self.scan.script_bodies.append(body)
        self._raw = []
        self._raw_kind = None

    def _meta(self, values: dict[str, str]) -> None:
        key = (
            values.get("property") or values.get("name") or values.get("itemprop") or values.get("http-equiv")
        )
        content = (values.get("content") or values.get("datetime") or "").strip()
        if key and content:
            self.scan.meta.setdefault(key.strip().lower(), content)

    def _json_ld(self, body: str) -> None:
        if len(body) > _MAX_JSON_LD:
            return
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return
        for node in _json_ld_nodes(data):
            kind = node.get("@type")
            kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
            if not any(k in _JSON_LD_TYPES for k in kinds):
                continue
            found = {
                "published": node.get("datePublished"),
                "title": node.get("headline"),
                "url": node.get("url"),
                "lang": node.get("inLanguage"),
                "site_name": _name_of(node.get("publisher")),
                "author": _name_of(node.get("author")),
            }
            for key, value in found.items():
                if isinstance(value, str) and value.strip():
                    self.scan.json_ld.setdefault(key, value.strip())


def _json_ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document (walked iteratively; @graph lists included)."""
    stack = [data]
    visited = 0
    while stack and visited < 10_000:
        item = stack.pop()
        visited += 1
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return str(value["name"])
    if isinstance(value, list):
        names = [name for name in (_name_of(v) for v in value) if name]
        return ", ".join(names) or None
    return None


def scan_html(html: str) -> HtmlScan:
    """Parse `html` once; never raises on malformed markup."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
