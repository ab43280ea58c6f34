"""Make what ingest hands on valid Unicode: lone surrogates and file names that are not UTF-8.

A JSON string may hold `"\\udfff"` (half of a UTF-16 pair, e.g. an emoji cut by a length limit); Python
keeps it as a lone surrogate, which cannot be written as UTF-8 and breaks hashing and language id.
It becomes U+FFFD (as a decoder does with broken bytes; `normalize` counts them as
`replacement_chars`). A file name with bytes that are not UTF-8 reaches Python as surrogate escapes;
it is shown with each such byte written `\\xNN`, so it is still clear and nothing is lost.

>>> replace_lone_surrogates("نص\\udfff")
('نص�', 1)
>>> display_path("bad\\udcffname.txt")
'bad\\\\xffname.txt'
"""

from __future__ import annotations

import os
import re
from dataclasses import fields, replace

from rasad.article import RawDocument

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """Join surrogate pairs into their character and turn lone surrogates into U+FFFD.

    Returns the text and how many lone surrogates were replaced.

    >>> replace_lone_surrogates("a\\ud83d\\ude00b")
    ('a😀b', 0)
    """
    if not _SURROGATE.search(text):
        return text, 0
    repaired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    lone = repaired.count("\ufffd") - text.count("\ufffd")
    return repaired, lone


def repair_document(doc: RawDocument) -> RawDocument:
    """The document with every text field free of lone surrogates (the same object when clean).

    >>> from rasad.article import Source
    >>> repair_document(RawDocument(Source(sha256="0", format="json"), "x\\ud800", title="t")).text
    'x�'
    """
    changes: dict[str, str] = {}
    for f in fields(doc):
        value = getattr(doc, f.name)
        if isinstance(value, str):
            repaired, count = replace_lone_surrogates(value)
            if count:
                changes[f.name] = repaired
    return replace(doc, **changes) if changes else doc  # type: ignore[arg-type]


def display_path(name: str) -> str:
    """A path as text that is always valid UTF-8: undecodable bytes are written `\\xNN`.

    >>> display_path("ملف.txt")
    'ملف.txt'
    """
    if not _SURROGATE.search(name):
        return name
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # surrogates that are not byte escapes (from a JSON path, say)
        return replace_lone_surrogates(name)[0]
    return raw.decode("utf-8", "backslashreplace")
