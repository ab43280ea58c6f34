"""Unicode clean-up and matching keys: tables of Arabic, Persian and English strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.letters import canonical_letters
from rasad.text.normalize import matching_key, normalize_text

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الـــمدينة الكبيرة", "المدينة الكبيرة"),  # kashida
        ("السوق ـ المدينة", "السوق - المدينة"),  # free-standing tatweel is a dash
        ("\u200fقال\u200e الوزير", "قال الوزير"),  # RLM/LRM
        ("\u202bنص\u202c مضمن", "نص مضمن"),  # embedding
        ("\u2067عربي\u2069", "عربي"),  # isolates
        ("\u061cنص", "نص"),  # Arabic letter mark
        ("كل\u200bمة", "كلمة"),  # ZWSP
        ("\ufeffبداية", "بداية"),  # BOM
        ("سو\u00adق", "سوق"),  # soft hyphen
        ("با\u200dزار", "بازار"),  # ZWJ between letters
        ("می\u200cروند", "می\u200cروند"),  # ZWNJ kept between letters
        ("می\u200c\u200cروند", "می\u200cروند"),  # doubled ZWNJ
        ("کتاب\u200c ها", "کتاب ها"),  # stray ZWNJ before a space
        ("\ufee3\ufeae\ufea3\ufe92\ufe8e", "مرحبا"),  # presentation forms
        ("\ufefb", "لا"),  # lam-alef ligature
        ("ا\u0653", "آ"),  # NFC composes madda
        ("a\u00a0\u00a0b", "a b"),  # NBSP
        ("  سطر أول  \n\n\n\nسطر ثان\t", "سطر أول\n\nسطر ثان"),
        ("line\r\nnext", "line\nnext"),
        ("٢٥ و ۲۵ و 25", "٢٥ و ۲۵ و 25"),  # digits kept as written
        ("ي ی ك ک", "ي ی ك ک"),  # letters kept (the letters stage decides)
        ("Hello   World", "Hello World"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text)[0] == expected


def test_normalize_report_counts() -> None:
    text, report = normalize_text("\u200fالـــخبر\u200b \ufee3ـن\u200e")
    assert text == "الخبر من"
    assert report["bidi_controls"] == 2
    assert report["zero_width"] == 1
    assert report["tatweel"] == 4
    assert report["presentation_forms"] == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أحمد", "احمد"),
        ("إيران", "ايران"),
        ("آمريكا", "امريكا"),
        ("مؤسسة", "موسسه"),
        ("هيئة", "هييه"),
        ("مدرسة", "مدرسه"),
        ("مصطفى", "مصطفي"),
        ("ایران", "إيران"),
        ("کرکوک", "كركوك"),
        ("مُحَمَّد", "محمد"),
        ("الـــعراق", "العراق"),
        ("می\u200cشود", "میشود"),
        ("٢٠٢٢", "2022"),
        ("۱۴۰۱", "1401"),
        ("ISIS  Fighters", "isis fighters"),
        ("  دير   الزور ", "دير الزور"),
    ],
)
def test_matching_key_folds_spellings(a: str, b: str) -> None:
    assert matching_key(a) == matching_key(b)


@pytest.mark.parametrize(("a", "b"), [("سوريا", "روسيا"), ("عمر", "عمرو"), ("2021", "2022")])
def test_matching_key_keeps_distinct_words(a: str, b: str) -> None:
    assert matching_key(a) != matching_key(b)


_ALPHABET = st.sampled_from(
    [*"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىیکگپچژھ0123456789٠١٢۱۲ abcXYZ.,؟،\n\t\r",
     "\u200c", "\u200b", "\u200d", "\u200f", "\u0640", "\u064e", "\u0651", "\u0653", "\u00a0", "\ufeff",
     "\ufee3", "\ufefb", "\ufe70", "\u202b", "\u2028", "\u00ad", "\x07"]
)


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_normalize_is_idempotent(text: str) -> None:
    once, _ = normalize_text(text)
    assert normalize_text(once)[0] == once


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_matching_key_is_idempotent(text: str) -> None:
    key = matching_key(text)
    assert matching_key(key) == key


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("الامریکي", "ar", "الامريكي"),  # Persian yeh/keheh in an Arabic word
        ("الارھاب", "ar", "الارهاب"),  # heh doachashmee
        ("في", "ar", "في"),  # already Arabic
        ("على", "ar", "على"),  # alef maqsura stays in Arabic
        ("مدرسة", "ar", "مدرسة"),
        ("كشورهاي", "fa", "کشورهای"),  # Arabic yeh/kaf in a Persian word
        ("مصطفى", "fa", "مصطفی"),
        ("خانۀ", "fa", "خانۀ"),  # ezafe heh stays in Persian
        ("ميدان", "en", "ميدان"),  # no map for other languages
    ],
)
def test_canonical_letters(text: str, lang: str, expected: str) -> None:
    assert canonical_letters(text, lang)[0] == expected


@given(st.text(alphabet=_ALPHABET, max_size=60), st.sampled_from(["ar", "fa", "en", "und"]))
def test_canonical_letters_preserve_length(text: str, lang: str) -> None:
    mapped, changed = canonical_letters(text, lang)
    assert len(mapped) == len(text)
    assert changed == sum(a != b for a, b in zip(text, mapped, strict=True))
