"""A compact byte code for article texts in report.html: ASCII as itself, the ~100 commonest Arabic-
script characters and punctuation as one byte each (UTF-8 needs two or three), anything else escaped.
Deflate then compresses Arabic and Persian text about a fifth smaller than UTF-8.

A chunk of articles is packed as gzip(u32 length of JSON, JSON of the spans, then each text as u32
length + coded bytes); the page decodes the texts with the table `CODE_CHARS`.

Compressed bytes go into the page as they are (`embed`): report.html is a windows-1252 page whose only
non-ASCII bytes are these blocks, so a byte costs one byte (base64 would cost 4/3). The few bytes that
the HTML parser would change or read as markup (NUL, CR, `<`) are escaped with `~`.

>>> decode(encode("قال ۲ «مسؤول» 🙂 x"))
'قال ۲ «مسؤول» 🙂 x'
"""

from __future__ import annotations

import gzip
import json
import struct
from collections.abc import Sequence
from typing import Any

ESCAPE = 0x80  # followed by the code point in three bytes (big-endian)
FIRST_CODE = 0x81
_RANGES = ((0x0621, 0x0652), (0x0660, 0x066D), (0x06F0, 0x06F9))
_SINGLES = "\u0670\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u060c\u061b\u061f\u0640\u200c«»“”‘’–—…\u00a0•"
CODE_CHARS = "".join(chr(c) for lo, hi in _RANGES for c in range(lo, hi + 1)) + _SINGLES
_TABLE = {ord(ch): chr(FIRST_CODE + i) for i, ch in enumerate(CODE_CHARS)}
_DECODE = {FIRST_CODE + i: ch for i, ch in enumerate(CODE_CHARS)}


def encode(text: str) -> bytes:
    """`text` in the report's byte code (see the module doc)."""
    table = dict(_TABLE)
    for ch in set(text):
        code = ord(ch)
        if code >= 0x80 and code not in table:
            table[code] = chr(ESCAPE) + "".join(map(chr, code.to_bytes(3, "big")))
    return text.translate(table).encode("latin-1")


def decode(data: bytes) -> str:
    """The text of `encode` (the page does the same in JavaScript)."""
    out: list[str] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < ESCAPE:
            out.append(chr(b))
        elif b == ESCAPE:
            out.append(chr(int.from_bytes(data[i + 1:i + 4], "big")))
            i += 3
        else:
            out.append(_DECODE[b])
        i += 1
    return "".join(out)


# Bytes the HTML parser would alter or read as markup inside <script>, and how `embed` writes them.
_ESCAPES = ((b"~", b"~>"), (b"\x00", b"~@"), (b"\r", b"~M"), (b"<", b"~|"))
# windows-1252 as browsers decode it (WHATWG): bytes 0x80-0x9F as these characters; the rest as Latin-1.
WINDOWS_1252_C1 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0))


def embed(data: bytes) -> str:
    r"""Bytes as the text of a <script> block of a windows-1252 page (write the page as Latin-1).

    >>> embed(b"a<~\x00\xff")
    'a~|~>~@\xff'
    """
    for raw, escaped in _ESCAPES:
        data = data.replace(raw, escaped)
    return data.decode("latin-1")


def unembed(text: str) -> bytes:
    """The bytes of `embed`.

    >>> unembed(embed(bytes(range(256)))) == bytes(range(256))
    True
    """
    data = text.encode("latin-1")
    out = bytearray()
    i = 0
    while i < len(data):
        if data[i] == ord("~"):
            out.append(data[i + 1] ^ 0x40)
            i += 2
        else:
            out.append(data[i])
            i += 1
    return bytes(out)


def pack(value: Any) -> str:
    """A JSON value gzip-compressed, for a <script> block (see `embed`).

    >>> unpack(pack({"a": "ب"}))
    {'a': 'ب'}
    """
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return embed(gzip.compress(raw, compresslevel=9, mtime=0))


def unpack(text: str) -> Any:
    """The JSON value of `pack` (for tests and tools that read a report back)."""
    return json.loads(gzip.decompress(unembed(text)))


def pack_chunk(spans: Sequence[Any], texts: Sequence[str]) -> str:
    """One chunk of articles: their spans (JSON) and texts (coded), gzip-compressed (see `embed`)."""
    head = json.dumps(spans, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    parts = [struct.pack(">I", len(head)), head]
    for text in texts:
        coded = encode(text)
        parts += [struct.pack(">I", len(coded)), coded]
    return embed(gzip.compress(b"".join(parts), compresslevel=9, mtime=0))


def unpack_chunk(packed: str) -> list[dict[str, Any]]:
    """The articles of `pack_chunk`, each its spans with `text` (for tests and tools)."""
    raw = gzip.decompress(unembed(packed))
    (size,) = struct.unpack(">I", raw[:4])
    spans = json.loads(raw[4:4 + size])
    pos, texts = 4 + size, []
    while pos < len(raw):
        (n,) = struct.unpack(">I", raw[pos:pos + 4])
        texts.append(decode(raw[pos + 4:pos + 4 + n]))
        pos += 4 + n
    return [{**s, "text": t} for s, t in zip(spans, texts, strict=True)]
