"""`rasad.text.regex.skipping`: the same matches as the plain pattern, led by a lookahead when known."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.regex import first_chars, skipping

PATTERNS = [
    r"(?<![\d:])([01]?\d|2[0-3])[:：](\d\d)(?![\d:])",
    r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك]))(?:في\s+)?(?P<m>كانون الثاني|شباط|آذار)(?:\s+(?P<y>\d{4}))?",
    r"(?<!\w)(?:يوم\s+)?(?:ال)?(?:اثنين|ثلاثاء)(?!\w)",
    r"(?:x?y*)?z+|\d{2,}",
    r"(?>ab|a)c",
    r"[^\W\d_]++",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!\w)(?:يوم\s+)?(?:الاثنين|\d+)", r"[\dاي]"),
        (r"(?:x?y*)?z+|\d{2,}", r"[\dxyz]"),
        (r"(?=\d)[a-c]", "[a-c]"),  # a lookahead is zero width: the class after it begins the match
        (r"(?i:monday)", None),  # case-insensitive parts: not worked out
        (r"x*", None),  # matches the empty string: any position
        (r".ab", None),
        (r"[^a]b", None),
        (r"(a)\1", "[a]"),
    ],
)
def test_first_chars(pattern: str, expected: str | None) -> None:
    assert first_chars(pattern) == expected


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize(
    "text",
    ["", "12:30 و9:05 و25:61 1:2", "وفي كانون الثاني 2024 وبشباط ثم آذار", "يوم الاثنين، والثلاثاء", "xyzz z 123 4",
     "abc ac aac", "كلمات ١٢ words"],
)
def test_the_same_matches_as_the_plain_pattern(pattern: str, text: str) -> None:
    plain, fast = re.compile(pattern), skipping(pattern)
    expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected


@given(st.text(alphabet="0129:：xyzabc وفبلكيومالثنين شباطآذر\n٢", max_size=40))
def test_the_same_matches_on_any_text(text: str) -> None:
    for pattern in PATTERNS:
        plain, fast = re.compile(pattern), skipping(pattern)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
