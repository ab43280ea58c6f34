"""Turn raw bytes into text, choosing the encoding carefully (Arabic and Persian legacy files included).

Order of evidence: known binary signatures, then a byte-order mark (UTF-8, UTF-16, UTF-32), then
NUL/control bytes (UTF-16 without a BOM, or binary), then strict UTF-8, then a charset the container
declares (HTML `<meta charset>`), then nearly-valid UTF-8, and last the legacy code pages, scored by
how much the decoded text looks like real text (see `plausibility`). windows-1256 is tried first
among the legacy candidates because charset detectors often mistake short Arabic for something else.

>>> decode_bytes("سلام".encode("cp1256"), "x.txt")
('سلام', 'windows-1256')
>>> decode_bytes(b"\\xef\\xbb\\xbfhi", "x.txt")
('hi', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
from collections import Counter

from charset_normalizer import from_bytes

from rasad.errors import InputError
from rasad.ingest.magic import binary_hint, binary_kind
from rasad.ingest.plausibility import arabic_share, plausibility

SAMPLE_BYTES = 64 * 1024  # how much of a file the heuristics look at
MIN_PLAUSIBILITY = 0.9  # a candidate decoding below this is not accepted
CONVERT_HINT = "convert the file to UTF-8, e.g. `iconv -f WINDOWS-1256 -t UTF-8 in.txt > out.txt`"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy code pages, most likely first (ties go to the earlier one).
LEGACY_CANDIDATES: tuple[str, ...] = ("windows-1256", "windows-1252", "iso-8859-6", "cp720")
# What HTML declarations really mean (WHATWG Encoding Standard): "latin1" pages are windows-1252.
_DECLARED_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "utf8": "utf-8",
}
_HARMLESS_CONTROLS = frozenset(b"\t\n\r\f\v\x1a\x1b")  # \x1a: DOS end-of-file, \x1b: terminal escapes
_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return `(text, encoding)` or raise `InputError` naming `name`.

    `declared` is a charset the container names (HTML meta); it is used only when the bytes agree.
    An incomplete character at the very end (a cut download) becomes U+FFFD, as browsers do.
    Line endings are left as they are (see `normalize_newlines`).

    >>> decode_bytes("é".encode("utf-16"), "a.txt")[0]
    'é'
    """
    if not data.strip():
        raise InputError(name, "empty file", "the file has no text; remove it or fill it")
    kind = binary_kind(data)
    if kind:
        raise InputError(name, "binary file, not text", f"looks like a {kind}; {binary_hint(kind)}")
    text, encoding = _decode(data, name, declared)
    if not text.strip():
        raise InputError(name, "empty file", f"only whitespace after decoding as {encoding}")
    return text, encoding


def normalize_newlines(text: str) -> str:
    """Turn every line ending (CRLF, CR, U+2028, U+2029, NEL) into `\\n`.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").translate(_NEWLINES)


def _decode(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, encoding, name), (
                "utf-8-sig" if bom == codecs.BOM_UTF8 else encoding
            )

    sample = data[:SAMPLE_BYTES]
    if b"\x00" in data or _control_share(sample) > 0.02:
        utf16 = _guess_utf16(data)
        if utf16:
            return utf16
        raise InputError(
            name,
            "binary file, not text",
            "it contains NUL or control bytes; rasad reads text files (.txt, .html, .json, .jsonl, .csv). "
            "If it is text in UTF-16/UTF-32 without a byte-order mark, save it as UTF-8",
        )

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err

    declared_codec = _known_codec(declared)
    if declared_codec and declared_codec != "utf-8":
        text = _strict(data, declared_codec)
        if text is not None and plausibility(text[:SAMPLE_BYTES]) >= MIN_PLAUSIBILITY:
            return text, declared_codec

    lenient = _mostly_utf8(data)
    if lenient is not None:
        return lenient, "utf-8"

    return _decode_legacy(data, sample, name, utf8_error)


def _decode_with_bom(data: bytes, bom: bytes, encoding: str, name: str) -> str:
    body = data[len(bom) :]
    text = body.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
    if bad == 0 or _only_tail_incomplete(body, encoding) or bad * 1000 <= len(text):
        return text
    raise InputError(
        name,
        "undecodable bytes",
        f"the file starts with a {encoding} byte-order mark but {bad} byte sequences are not {encoding}; "
        + CONVERT_HINT,
    )


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (or a character cut at the end): keep it, with U+FFFD marks."""
    if _only_tail_incomplete(data, "utf-8"):
        return data.decode("utf-8", errors="replace")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if not ch.isascii() and ch != "\ufffd")
    return text if multibyte >= 20 * bad else None


def _decode_legacy(data: bytes, sample: bytes, name: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    candidates = list(LEGACY_CANDIDATES)
    guessed = _charset_normalizer_guess(sample)
    if guessed and codecs.lookup(guessed).name not in {codecs.lookup(c).name for c in candidates}:
        candidates.append(guessed)

    scored: list[tuple[float, int, str, str]] = []  # (score, -priority, codec, sample text)
    for priority, codec in enumerate(candidates):
        text = _strict_prefix(sample, codec, final=len(sample) == len(data))
        if text is not None:
            scored.append((plausibility(text), -priority, codec, text))
    scored.sort(reverse=True)

    # Arabic first: a clean windows-1256 reading that is mostly Arabic letters wins outright.
    for score, _, codec, text in scored:
        if codec == "windows-1256" and score >= MIN_PLAUSIBILITY and arabic_share(text) >= 0.3:
            scored.sort(key=lambda item: item[2] != "windows-1256")
            break

    for score, _, codec, sample_text in scored:
        if score < MIN_PLAUSIBILITY:
            break
        full = _strict(data, codec)
        if full is not None:
            if (
                codec == "windows-1256"
                and not arabic_share(sample_text)
                and _strict(data, "windows-1252") == full
            ):
                codec = "windows-1252"  # identical text, no Arabic: name the Western code page
            return full, codec

    best = f"; best was {scored[0][2]} at {scored[0][0]:.0%} readable" if scored else ""
    raise InputError(
        name,
        "undecodable bytes",
        f"not UTF-8 (invalid byte at offset {utf8_error.start}) and no legacy encoding tried "
        f"({', '.join(candidates)}) gives readable text{best}; " + CONVERT_HINT,
    )


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: one byte of each pair (the high byte) takes only a few values."""
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    even, odd = _concentration(sample[0::2]), _concentration(sample[1::2])
    if odd >= 0.9 and even < odd - 0.2:
        codec = "utf-16-le"
    elif even >= 0.9 and odd < even - 0.2:
        codec = "utf-16-be"
    else:
        return None
    text = data.decode(codec, errors="replace")
    head = text[: SAMPLE_BYTES // 2]
    if not any(ch.isalpha() for ch in head) or plausibility(head) < MIN_PLAUSIBILITY:
        return None
    if "\ufffd" in text and not _only_tail_incomplete(data, codec):
        return None
    return text, codec


def _concentration(values: bytes) -> float:
    """Share of `values` covered by their three most common byte values."""
    if not values:
        return 0.0
    return sum(count for _, count in Counter(values).most_common(3)) / len(values)


def _control_share(sample: bytes) -> float:
    controls = sum(1 for b in sample if (b < 0x20 or b == 0x7F) and b not in _HARMLESS_CONTROLS)
    return controls / max(1, len(sample))


def _only_tail_incomplete(data: bytes, codec: str) -> bool:
    """True when `data` is valid in `codec` except for an incomplete character at the very end."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict_prefix(sample: bytes, codec: str, final: bool) -> str | None:
    """Decode a sample strictly, tolerating a multi-byte character cut by the sample's end."""
    try:
        return codecs.getincrementaldecoder(codec)(errors="strict").decode(sample, final=final)
    except (UnicodeDecodeError, LookupError):
        return None


def _known_codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _DECLARED_ALIASES.get(label, label)
    try:
        codecs.lookup(label)
    except LookupError:
        return None
    return label


def _charset_normalizer_guess(sample: bytes) -> str | None:
    try:
        best = from_bytes(sample).best()
    except Exception:  # a detector failure must not stop decoding; the candidates above remain
        return None
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best.encoding)
