"""Number parsing core: digits in any script and separator, number words in ar/fa/en."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.extract.numbers import fold, parse_digits, words_value

LATIN, ARABIC_INDIC, PERSIAN = "0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,000", 12000),
        ("12٬000", 12000),
        ("3٫5", 3.5),
        ("1.5", 1.5),
        ("۷۵۰", 750),
        ("٥٠٠٠", 5000),
        ("۱۲٬۵۰۰", 12500),
        ("1,234,567", 1234567),
        ("1.500.000", 1500000),
        ("2,300.75", 2300.75),
        ("007", 7),
        ("12,34", None),
        ("1.2.3", None),
        ("abc", None),
    ],
)
def test_parse_digits(text: str, expected: float | None) -> None:
    assert parse_digits(text) == expected


def test_whole_values_are_ints() -> None:
    assert isinstance(parse_digits("12,000"), int)
    assert isinstance(parse_digits("3٫5"), float)


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        ("أربعة", "ar", (4, False)),
        ("ثلاث", "ar", (3, False)),
        ("عشرين", "ar", (20, False)),
        ("خمسة وعشرون", "ar", (25, False)),
        ("الثامنة والعشرين", "ar", (28, True)),
        ("مئة", "ar", (100, False)),
        ("مائة", "ar", (100, False)),
        ("مئتين", "ar", (200, False)),
        ("ثلاثمائة", "ar", (300, False)),
        ("ثلاث مئة", "ar", (300, False)),
        ("ألفين", "ar", (2000, False)),
        ("ملياري", "ar", (2_000_000_000, False)),
        ("مليونين", "ar", (2_000_000, False)),
        ("أحد عشر", "ar", (11, False)),
        ("اثنا عشر", "ar", (12, False)),
        ("ثلاثة آلاف وخمسمئة", "ar", (3500, False)),
        ("مئة وخمسة وعشرون ألفا", "ar", (125000, False)),
        ("الأولى", "ar", (1, True)),
        ("الثاني", "ar", (2, True)),
        ("شصت و دو", "fa", (62, False)),
        ("شصت و دومین", "fa", (62, True)),
        ("یک میلیون", "fa", (1_000_000, False)),
        ("دو هزار و پانصد", "fa", (2500, False)),
        ("صد و بیست و سه", "fa", (123, False)),
        ("سوم", "fa", (3, True)),
        ("twenty eight", "en", (28, False)),
        ("two hundred", "en", (200, False)),
        ("one hundred and five", "en", (105, False)),
        ("two thousand five hundred", "en", (2500, False)),
        ("one million two hundred thousand", "en", (1_200_000, False)),
        ("twenty eighth", "en", (28, True)),
        ("first", "en", (1, True)),
    ],
)
def test_words_value(words: str, lang: str, expected: tuple[int, bool]) -> None:
    assert words_value(words.split(), lang) == expected


@pytest.mark.parametrize(
    ("words", "lang"),
    [("ثلاثة أربعة", "ar"), ("خمسة وستة", "ar"), ("الاثنين", "ar"), ("five three", "en"), ("الثانوية", "ar")],
)
def test_words_that_do_not_compose(words: str, lang: str) -> None:
    assert words_value(words.split(), lang) is None


def test_fold_matches_spelling_variants() -> None:
    assert fold("إرهابيّين") == fold("ارهابيين")
    assert fold("سُجَناء") == fold("سجناء")
    assert fold("ده‌ها") == fold("دهها")
    assert fold("الأمریکیة") == fold("الامريكيه")


# ----- round trips -----


def group(n: int, sep: str) -> str:
    s = str(n)
    if not sep:
        return s
    parts = []
    while len(s) > 3:
        parts.append(s[-3:])
        s = s[:-3]
    parts.append(s)
    return sep.join(reversed(parts))


@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from([LATIN, ARABIC_INDIC, PERSIAN]),
    st.sampled_from(["", ",", "٬", "'"]),
)
def test_digits_round_trip(n: int, digits: str, sep: str) -> None:
    text = group(n, sep).translate(str.maketrans(LATIN, digits))
    assert parse_digits(text) == n


AR_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
AR_TENS = {20: "عشرون", 30: "ثلاثون", 40: "أربعون", 50: "خمسون", 60: "ستون", 70: "سبعون", 80: "ثمانون",
           90: "تسعون"}
AR_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"]


def ar_below_1000(n: int) -> list[str]:
    parts: list[str] = []
    if n >= 100:
        parts.append(AR_HUNDREDS[n // 100])
    rest = n % 100
    words: list[str] = []
    if 1 <= rest <= 10:
        words = [AR_UNITS[rest]]
    elif 11 <= rest <= 19:
        words = [{11: "أحد", 12: "اثنا"}.get(rest, AR_UNITS[rest - 10]), "عشر"]
    elif rest >= 20:
        words = ([AR_UNITS[rest % 10], "و" + AR_TENS[rest - rest % 10]] if rest % 10
                 else [AR_TENS[rest]])
    if parts and words:
        words[0] = "و" + words[0]
    return parts + words


def ar_words(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    out: list[str] = []
    if thousands == 1:
        out = ["ألف"]
    elif thousands == 2:
        out = ["ألفان"]
    elif 3 <= thousands <= 10:
        out = [*ar_below_1000(thousands), "آلاف"]
    elif thousands:
        out = [*ar_below_1000(thousands), "ألف"]
    tail = ar_below_1000(rest)
    if out and tail:
        tail[0] = "و" + tail[0]
    return out + tail


FA_UNITS = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده", "سیزده",
            "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
FA_TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
FA_HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]


def fa_below_1000(n: int) -> list[str]:
    parts: list[str] = []
    if n >= 100:
        parts.append(FA_HUNDREDS[n // 100])
    rest = n % 100
    if rest >= 20:
        parts.append(FA_TENS[rest // 10])
        rest %= 10
    if rest:
        parts.append(FA_UNITS[rest])
    return " و ".join(parts).split()


def fa_words(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    out = [*fa_below_1000(thousands), "هزار"] if thousands else []
    tail = fa_below_1000(rest)
    return out + (["و"] if out and tail else []) + tail


EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def en_below_1000(n: int, use_and: bool) -> list[str]:
    out: list[str] = []
    if n >= 100:
        out += [EN_UNITS[n // 100], "hundred"]
        if n % 100 and use_and:
            out.append("and")
    rest = n % 100
    if rest >= 20:
        out.append(EN_TENS[rest // 10])
        rest %= 10
    if rest:
        out.append(EN_UNITS[rest])
    return out


def en_words(n: int, use_and: bool) -> list[str]:
    thousands, rest = divmod(n, 1000)
    out = [*en_below_1000(thousands, use_and), "thousand"] if thousands else []
    return out + en_below_1000(rest, use_and)


NUMBERS = st.integers(min_value=1, max_value=999_999)


@given(NUMBERS)
def test_arabic_words_round_trip(n: int) -> None:
    assert words_value(ar_words(n), "ar") == (n, False), ar_words(n)


@given(NUMBERS)
def test_persian_words_round_trip(n: int) -> None:
    assert words_value(fa_words(n), "fa") == (n, False), fa_words(n)


@given(NUMBERS, st.booleans())
def test_english_words_round_trip(n: int, use_and: bool) -> None:
    assert words_value(en_words(n, use_and), "en") == (n, False), en_words(n, use_and)
