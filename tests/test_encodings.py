"""Encoding detection: BOMs, UTF-8, legacy Arabic/Persian code pages, binary and empty files."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rasad.errors import InputError
from rasad.ingest.encoding import decode_bytes, normalize_newlines
from rasad.ingest.magic import binary_kind
from rasad.ingest.plausibility import plausibility

# Our own example sentences (Arabic, Persian, English).
ARABIC = "وصل الوفد إلى العاصمة مساء الأحد، وبدأت المحادثات صباح اليوم التالي."
ARABIC_SHORT = "نعم"
PERSIAN = "امروز بازار شهر شلوغ بود و مردم برای خرید میوه آمده بودند."
# Legacy Persian files in windows-1256 use Arabic yeh (ي) and kaf-like letters the code page has;
# پ چ ژ گ ک and ZWNJ are all in windows-1256.
PERSIAN_1256 = "پدر و مادرش گفتند که چند روز ديگر به کتابخانه مي\u200cروند تا ژورنال‌ها را ببينند.".replace(
    "‌", "\u200c"
)
ENGLISH = "The committee met on Tuesday and published its report a week later."
FRENCH = "Le comité s'est réuni mardi à Genève et a publié son rapport été."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ARABIC, "utf-8", "utf-8"),
        (PERSIAN, "utf-8", "utf-8"),
        (ENGLISH, "utf-8", "utf-8"),
        (ARABIC, "utf-8-sig", "utf-8-sig"),
        (PERSIAN, "utf-8-sig", "utf-8-sig"),
        (ARABIC, "utf-16", "utf-16-le"),  # Python's utf-16 writes a little-endian BOM
        (PERSIAN, "utf-32", "utf-32-le"),
        (ARABIC, "cp1256", "windows-1256"),
        (ARABIC_SHORT, "cp1256", "windows-1256"),
        ("مرحبا بكم", "cp1256", "windows-1256"),
        (PERSIAN_1256, "cp1256", "windows-1256"),
        (ARABIC, "utf-16-le", "utf-16-le"),  # no BOM
        (ARABIC, "utf-16-be", "utf-16-be"),  # no BOM
        (ENGLISH, "utf-16-le", "utf-16-le"),  # no BOM
        (FRENCH, "cp1252", "windows-1252"),
        ("وصل الوفد إلى العاصمة مساء الأحد", "iso8859_6", "iso-8859-6"),
    ],
)
def test_decodes_and_names_encoding(text: str, codec: str, expected: str) -> None:
    decoded, encoding = decode_bytes(text.encode(codec), "sample.txt")
    assert decoded == text
    assert encoding == expected


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    ],
)
def test_bom_is_stripped(bom: bytes, codec: str, expected: str) -> None:
    decoded, encoding = decode_bytes(bom + PERSIAN.encode(codec), "fa.txt")
    assert decoded == PERSIAN
    assert encoding == expected


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01" + bytes(9), "executable"),
    ],
)
def test_known_binary_formats_are_refused(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "image.txt")
    assert info.value.error == "binary file, not text"
    assert what in info.value.detail
    assert info.value.source == "image.txt"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_with_nuls_are_binary(seed: int) -> None:
    rng = random.Random(seed)
    noise = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    with pytest.raises(InputError) as info:
        decode_bytes(noise, "noise.txt")
    assert info.value.error == "binary file, not text"
    assert "UTF-8" in info.value.detail  # says how to fix a BOM-less UTF-16 text


def test_single_nul_in_text_is_binary() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(ENGLISH.encode() + b"\x00" + ENGLISH.encode(), "mixed.txt")


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\r\n\t  \n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_empty_files(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "empty.txt")
    assert info.value.error == "empty file"


@pytest.mark.parametrize("text", [ARABIC.rstrip("."), PERSIAN.rstrip("."), "مرحبا 😀", "café"])
def test_truncated_utf8_marks_the_cut_character(text: str) -> None:
    # A download cut inside the last character: keep everything before it and mark the cut with
    # U+FFFD (what browsers do), so an analyst can see the text was cut.
    data = text.encode("utf-8")[:-1]
    decoded, encoding = decode_bytes(data, "cut.txt")
    assert encoding == "utf-8"
    assert decoded == text[:-1] + "\ufffd"


def test_truncated_utf16_with_bom_keeps_the_rest() -> None:
    data = codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le") + b"\x27"
    decoded, encoding = decode_bytes(data, "cut16.txt")
    assert encoding == "utf-16-le"
    assert decoded == ARABIC + "\ufffd"


def test_a_few_broken_bytes_in_long_utf8_are_replaced() -> None:
    data = (ARABIC * 10).encode() + b"\xff" + (PERSIAN * 10).encode()
    decoded, encoding = decode_bytes(data, "mostly.txt")
    assert encoding == "utf-8"
    assert decoded == ARABIC * 10 + "\ufffd" + PERSIAN * 10


def test_undecodable_bytes_name_what_was_tried_and_how_to_fix() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(InputError) as info:
        decode_bytes(data, "garbage.txt")
    assert info.value.error == "undecodable bytes"
    assert "UTF-8" in info.value.detail and "windows-1256" in info.value.detail
    assert "convert the file to UTF-8" in info.value.detail


@pytest.mark.parametrize(
    ("declared", "text", "codec", "expected"),
    [
        ("windows-1256", ARABIC, "cp1256", "windows-1256"),
        ("iso-8859-1", ARABIC, "cp1256", "windows-1256"),  # wrong declaration: the bytes win
        ("iso-8859-1", FRENCH, "cp1252", "windows-1252"),  # latin1 pages are windows-1252
        ("no-such-charset", ARABIC, "cp1256", "windows-1256"),
        ("windows-1256", ARABIC, "utf-8", "utf-8"),  # valid UTF-8 beats the declaration
    ],
)
def test_declared_charset_is_used_only_when_the_bytes_agree(
    declared: str, text: str, codec: str, expected: str
) -> None:
    decoded, encoding = decode_bytes(text.encode(codec), "page.html", declared)
    assert (decoded, encoding) == (text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb\rc", "a\nb\nc"),
        ("سطر\u2028سطر", "سطر\nسطر"),
        ("بند\u2029بند", "بند\nبند"),
        ("x\r\n\r\ny", "x\n\ny"),
        ("no change\n", "no change\n"),
    ],
)
def test_normalize_newlines(text: str, expected: str) -> None:
    assert normalize_newlines(text) == expected


@pytest.mark.parametrize(
    ("text", "low"),
    [
        (ARABIC, False),
        (PERSIAN_1256, False),
        (FRENCH, False),
        (ARABIC.encode("cp1256").decode("cp1252"), True),  # Arabic read as Western
        (ARABIC.encode("utf-8").decode("cp1256"), True),  # UTF-8 read as windows-1256
        (ARABIC.encode("cp1256").decode("cp720", errors="replace"), True),
    ],
)
def test_plausibility_separates_text_from_mojibake(text: str, low: bool) -> None:
    assert (plausibility(text) < 0.9) is low


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_utf8_round_trip(text: str) -> None:
    data = text.encode("utf-8")
    assume(text.strip() and binary_kind(data) is None and not text.startswith("\ufeff"))
    assume(not any((ch < " " and ch not in "\t\n\r\f\v") or ch == "\x7f" for ch in text))
    assert decode_bytes(data, "prop.txt") == (text, "utf-8")


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.sampled_from(["utf-16-le", "utf-16-be", "utf-8"]))
def test_text_with_bom_round_trips(text: str, codec: str) -> None:
    assume(text.strip())
    assume(not (codec == "utf-16-le" and text.startswith("\x00")))  # would read as a UTF-32 BOM
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}
    decoded, _ = decode_bytes(bom[codec] + text.encode(codec), "prop.txt")
    assert decoded == text
