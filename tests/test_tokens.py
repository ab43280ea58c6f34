"""The one tokenizer module: schemes, offsets, and the proclitic table."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.kb.names import WORD, word_spans, words_clear_of
from rasad.text.tokens import SCHEMES, article, proclitic_letters, proclitics, suffixes, tokenize, words


@pytest.mark.parametrize(
    ("text", "scheme", "expected"),
    [
        # ZWNJ stays inside a Persian word for NER, and splits nothing for quantities
        ("می\u200cشود، خانه\u200cها", "ner", ["می\u200cشود", "،", "خانه\u200cها"]),
        ("۱۲\u200cهزار نفر", "quantity", ["۱۲", "\u200cهزار", "نفر"]),
        # tatweel and diacritics are part of the word
        ("الـعراقُ اليومَ", "ner", ["الـعراقُ", "اليومَ"]),
        ("ألفاً.", "quantity", ["ألفاً", "."]),
        # digits in three scripts, with separators
        ("٣٫٥ و 12,000 و ۱۴۰۲", "ner", ["٣٫٥", "و", "12,000", "و", "۱۴۰۲"]),
        ("٣٫٥ و 12,000 و ۱۴۰۲", "quantity", ["٣٫٥", "و", "12,000", "و", "۱۴۰۲"]),
        # proclitics stay on the word: splitting is the matchers' job
        ("وبالحسكة وللتحالف", "word", ["وبالحسكة", "وللتحالف"]),
        ("«سانا»: 5 قتلى", "word", ["سانا", "5", "قتلى"]),
        ("کشورهای ایران", "arabic_word", ["کشورهای", "ایران"]),
        ("the U.S. and al-Assad's O'Brien", "en_name", ["the", "U.S.", "and", "al-Assad's", "O'Brien"]),
    ],
)
def test_schemes(text: str, scheme: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text, scheme)] == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("نحو 12 ألفاً.", ["word", "num", "word", "punct"]), ("3.5 km", ["num", "word"])],
)
def test_kinds(text: str, kinds: list[str]) -> None:
    assert [t.kind for t in tokenize(text, "quantity")] == kinds


def test_norm_and_newlines() -> None:
    toks = tokenize("قتلى\nعشرة", "quantity", norm=str.upper)
    assert [(t.norm, t.newline_before) for t in toks] == [("قتلى", False), ("عشرة", True)]


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="quantity"):
        tokenize("x", "whitespace")


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@given(st.text(st.sampled_from("وبالحسكة می\u200cشود ۱۲٫۵ 3,000 U.S. «»،.\nـَ"), max_size=30))
def test_offsets_point_at_the_token_text(scheme: str, text: str) -> None:
    toks = tokenize(text, scheme)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert all(a.end <= b.start for a, b in pairwise(toks))


@pytest.mark.parametrize(
    ("used_by", "expected"),
    [
        ("outlets", {"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"}),
        ("numbers", {"وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"}),
        ("names", {"ولل", "فلل", "لل", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"}),
        ("outlet_keys", {"وبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "فب", "فل",
                         "و", "ف", "ب", "ل", "ك"}),
        ("ner", {"وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "ولل", "فلل", "ال", "و", "ف", "ب", "ل", "ك"}),
    ],
)
def test_each_matcher_strips_its_proclitics_longest_first(used_by: str, expected: set[str]) -> None:
    prefixes = [p.prefix for p in proclitics("ar", used_by)]
    assert set(prefixes) == expected
    assert [len(p) for p in prefixes] == sorted((len(p) for p in prefixes), reverse=True)


def test_li_plus_article_restores_the_article() -> None:
    restored = {p.prefix: p.restore for p in proclitics("ar", "names") if p.restore}
    assert restored == {"لل": "ال", "ولل": "ال", "فلل": "ال"}


def test_letters_and_article() -> None:
    assert (proclitic_letters("ar", "conj"), proclitic_letters("ar", "prep")) == ("وف", "بلك")
    assert article("ar") == "ال"
    assert proclitics("fa", "numbers") == () and proclitic_letters("en", "conj") == "" and article("fa") == ""


def test_words() -> None:
    assert words("قال لـ«سانا» 12") == ["قال", "لـ", "سانا", "12"]


@pytest.mark.parametrize(
    ("used_by", "expected"),
    [
        ("names", ("هایی", "های", "ها", "ست", "است")),
        ("ner", ("هایی", "های", "ها", "ترین", "تر", "ان", "ات", "ای", "یی", "ی")),
        ("zwnj_comparative", ("ترین", "تری", "تر")),
        ("zwnj_after_heh", ("اند", "ایم", "اید", "ای", "اش")),
    ],
)
def test_persian_suffixes_in_each_matchers_order(used_by: str, expected: tuple[str, ...]) -> None:
    assert suffixes("fa", used_by) == expected
    assert suffixes("ar", used_by) == ()


@pytest.mark.parametrize(
    ("word", "number_readings", "name_keys"),
    [
        ("والمدينة", ("والمدينه", "مدينه", "المدينه", "مدينه"), ["والمدينه", "مدينه"]),
        ("فالمدينة", ("فالمدينه", "مدينه", "المدينه", "مدينه"), ["فالمدينه", "مدينه"]),
        ("بالمدينة", ("بالمدينه", "مدينه", "المدينه", "مدينه"), ["بالمدينه", "مدينه"]),
        ("كالمدينة", ("كالمدينه", "مدينه", "المدينه", "مدينه"), ["كالمدينه", "مدينه"]),
        ("للمدينة", ("للمدينه", "مدينه", "لمدينه"), ["للمدينه", "مدينه", "لمدينه"]),
        ("المدينة", ("المدينه", "مدينه"), ["مدينه"]),
        ("وبمدينة", ("وبمدينه", "بمدينه"), ["وبمدينه", "مدينه", "بمدينه"]),
    ],
)
def test_matchers_read_proclitics_from_the_one_table(
    word: str, number_readings: tuple[str, ...], name_keys: list[str]
) -> None:
    from rasad.extract.numbers import clitic_variants
    from rasad.kb.names import arabic_variants

    assert clitic_variants(word, "ar") == number_readings
    assert [v.key for v in arabic_variants(word)] == name_keys


WORD_SPAN_CASES = [
    ("قال إن بشار الأسد في دمشق", [(7, 17)]),
    ("قال إن بشار الأسد في دمشق", [(8, 9), (21, 26)]),
    ("وزارة الخارجية-الإيرانية أعلنت", [(0, 5), (14, 15)]),
    ("وزیر امور خارجه‌ی ایران", [(16, 17)]),
    ("في دمشق", [(2, 3), (4, 4)]),
    ("", [(0, 0)]),
]


@pytest.mark.parametrize(("text", "spans"), WORD_SPAN_CASES)
def test_words_clear_of_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """`words_clear_of` says of each word what a look at its characters says."""
    words = word_spans(text)
    taken = bytearray(len(text) + 1)
    for start, end in spans:
        taken[start:end] = b"\x01" * (end - start)
    assert words_clear_of(words, spans) == [not any(taken[s:e]) for s, e, _ in words]
    assert [(s, e, w) for s, e, w in words] == [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
