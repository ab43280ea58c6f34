"""Recognize common binary file types by their first bytes ("magic numbers").

>>> binary_kind(b"%PDF-1.7 ...")
'PDF document'
>>> binary_kind(b"plain text") is None
True
"""

from __future__ import annotations

# (prefix, what it is, how to get text out of it)
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image", "images are not read; use the article text instead"),
    (b"\xff\xd8\xff", "JPEG image", "images are not read; use the article text instead"),
    (b"GIF87a", "GIF image", "images are not read; use the article text instead"),
    (b"GIF89a", "GIF image", "images are not read; use the article text instead"),
    (b"%PDF-", "PDF document", "extract its text first, e.g. `pdftotext file.pdf file.txt`"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)", "unpack it or save the text as .txt/.html/.csv"),
    (b"PK\x05\x06", "empty ZIP archive", "unpack it or save the text as .txt/.html/.csv"),
    (b"\x1f\x8b", "gzip-compressed file", "decompress it first, e.g. `gunzip file.gz`"),
    (b"BZh", "bzip2-compressed file", "decompress it first, e.g. `bunzip2 file.bz2`"),
    (b"\xfd7zXZ\x00", "xz-compressed file", "decompress it first, e.g. `unxz file.xz`"),
    (b"(\xb5/\xfd", "zstd-compressed file", "decompress it first, e.g. `unzstd file.zst`"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive", "unpack it first"),
    (b"Rar!\x1a\x07", "RAR archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)", "save it as .txt or .csv"),
    (b"SQLite format 3\x00", "SQLite database", "export the articles as .jsonl or .csv"),
    (b"\x7fELF", "executable program", "this is not a text file"),
    (b"\x00asm", "WebAssembly binary", "this is not a text file"),
    (b"OggS", "Ogg media file", "media files are not read"),
    (b"ID3", "MP3 audio file", "media files are not read"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video", "media files are not read"),
)


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` starts with, or None when it has no known signature."""
    for prefix, kind, _ in _SIGNATURES:
        if data.startswith(prefix) and _confirm(prefix, data):
            return kind
    if data[4:8] in (b"ftyp",):
        return "MP4/MOV media file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "RIFF media file"
    return None


def binary_hint(kind: str) -> str:
    """How to turn a file of this kind into something rasad reads."""
    for _, known, hint in _SIGNATURES:
        if known == kind:
            return hint
    return "media files are not read"


def _confirm(prefix: bytes, data: bytes) -> bool:
    # Short text-like prefixes need more evidence before we call a file binary.
    if prefix == b"BZh":
        return data[3:4].isdigit() and data[4:10] == b"1AY&SY"
    if prefix == b"ID3":
        return len(data) > 5 and data[3] < 0x10
    if prefix == b"OggS":
        return data[4:5] == b"\x00"
    return True
