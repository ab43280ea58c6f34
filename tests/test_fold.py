"""The one folding module: each flag of `Folding`, the named foldings, and the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.fold import (
    MATCHING_KEY,
    NARRATIVE,
    NER_AR,
    NER_FA,
    NUMBER,
    SCAN,
    SEARCH,
    TIMEX,
    TIMEX_WORDS,
    TRANSLIT,
    Folding,
    fold,
    fold_text,
    search_bare,
    search_rules,
    search_stem,
    search_words,
)


@pytest.mark.parametrize(
    ("folding", "text", "expected"),
    [
        # one letter step at a time
        (Folding(letters=frozenset({"alef"})), "أحمد إلى ٱلبيت آمن", "احمد الى البيت آمن"),
        (Folding(letters=frozenset({"alef_madda"})), "آمن أحمد", "امن أحمد"),
        (Folding(letters=frozenset({"hamza_seat"})), "مؤتمر رئيس", "موتمر رييس"),
        (Folding(letters=frozenset({"teh_marbuta"})), "مدرسة كبيرة", "مدرسه كبيره"),
        (Folding(letters=frozenset({"alef_maqsura"})), "على مستشفى", "علي مستشفي"),
        (Folding(letters=frozenset({"farsi_yeh"})), "ایران", "ايران"),
        (Folding(letters=frozenset({"keheh"})), "کتاب", "كتاب"),
        (Folding(letters=frozenset({"heh_yeh"})), "خانۀ ما", "خانه ما"),
        (Folding(letters=frozenset({"heh_doachashmee", "heh_ae"})), "ھیئت ە", "هیئت ه"),
        (Folding(letters="all"), "ٲ ے ڪ ہ ۃ", "ا ي ك ه ه"),
        # towards Persian letters
        (Folding(letters=frozenset({"arabic_yeh", "arabic_kaf", "alef_maqsura"}), script="fa"), "كيف موسى",
         "کیف موسی"),
        # marks, tatweel, hamza
        (Folding(marks=frozenset({"harakat"})), "مُحَمَّدٌ", "محمد"),
        (Folding(marks=frozenset({"harakat"})), "ـ\u0653", "ـ\u0653"),
        (Folding(marks=frozenset({"extended"})), "ا\u0653", "ا"),
        (Folding(tatweel=True), "جـــميل", "جميل"),
        (Folding(hamza=True), "سماء", "سما"),
        # invisible characters and spaces
        (Folding(zwnj="drop"), "می\u200cشود", "میشود"),
        (Folding(zwnj="space"), "می\u200cشود", "می شود"),
        (Folding(zwj=True, bidi="drop", alm=True), "\u200fسلام\u200d\u061c", "سلام"),
        (Folding(bidi="space"), "\u200eسلام\u200f", " سلام "),
        (Folding(no_break_spaces=True, thin_space=True), "۱۲\u00a0۰۰۰\u2009تن\u202fاز", "۱۲ ۰۰۰ تن از"),
        # digits in three scripts
        (Folding(digits="ascii"), "٢٠٢٣ ۱۴۰۲ 2024", "2023 1402 2024"),
        (Folding(digits="unicode"), "٢٠ ۱۴ २० ²", "20 14 20 2"),
        # case and spaces
        (Folding(case="lower"), "Al-Jazeera", "al-jazeera"),
        (Folding(case="casefold"), "Straße", "strasse"),
        (Folding(squash_spaces=True), "  حلب \n\t دمشق ", "حلب دمشق"),
        (Folding(nfc=True), "ا\u0654", "أ"),
    ],
)
def test_each_flag(folding: Folding, text: str, expected: str) -> None:
    assert fold(text, folding) == expected
    assert folding(text) == expected


@pytest.mark.parametrize(
    ("folding", "a", "b"),
    [
        (MATCHING_KEY, "إلى المدرسة", "الي المدرسه"),
        (MATCHING_KEY, "الأمريكیة  ۲۰۲۲", "الامريكيه 2022"),
        (MATCHING_KEY, "می‌شود", "میشود"),
        (MATCHING_KEY, "قـــوات", "قوات"),
        (SCAN, "دفاع‌پرس", "دفاع پرس"),
        (SCAN, "وكالةُ سانا", "وكاله سانا"),
        (NUMBER, "إرهابيّين", "ارهابيين"),
        (NUMBER, "خمسة\u200cوعشرون", "خمسهوعشرون"),
        (TIMEX, "أيّار ٢٠٢٣", "ايّار 2023"),
        (TIMEX_WORDS, "الماضــي  القريبِ", "الماضي القريب"),
        (TRANSLIT, "مُصعب\u200cالحلبي", "مصعبالحلبي"),
    ],
)
def test_named_foldings_fold_variants_together(folding: Folding, a: str, b: str) -> None:
    assert folding(a) == folding(b)


@pytest.mark.parametrize("text", ["أيّار ٢٠٢٣", "می\u200cشود\u200f", "۱۴۰۲\u00a0اردیبهشت", "Monday, 5 May"])
def test_timex_folding_keeps_length(text: str) -> None:
    assert len(TIMEX(text)) == len(text)


def test_unknown_steps_are_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="teh_marbuta"):
        fold("x", Folding(letters=frozenset({"teh_marbota"})))
    with pytest.raises(ValueError, match="harakat"):
        Folding(marks=frozenset({"tashkil"}))


def test_fold_text_needs_an_offset_keeping_folding() -> None:
    assert not MATCHING_KEY.keeps_offsets and SCAN.keeps_offsets and TIMEX.keeps_offsets
    with pytest.raises(ValueError, match="at most one character"):
        fold_text("نص", MATCHING_KEY)


_ARABIC_SCRIPT_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" \u200c\u200d\u200e\u200f\u00a0\u202f\u0640abcXYZ019\n"),
    ),
    max_size=40,
)


@given(_ARABIC_SCRIPT_TEXT)
def test_offset_map_round_trips(text: str) -> None:
    folded = fold_text(text, SCAN)
    assert folded.folded == SCAN(text)
    assert len(folded.index) == len(folded.folded)
    assert list(folded.index) == sorted(set(folded.index))
    for i, pos in enumerate(folded.index):
        assert SCAN(text[pos]) == folded.folded[i]  # each folded character comes from its original one
    dropped = set(range(len(text))) - set(folded.index)
    assert all(SCAN(text[pos]) == "" for pos in dropped)
    start, end = folded.span(0, len(folded.folded))
    assert SCAN(text[start:end]) == folded.folded


@given(_ARABIC_SCRIPT_TEXT)
def test_narrative_folding_is_scan_then_ascii_lower_case_with_offsets(text: str) -> None:
    """What `narratives.match` did before with SCAN and an ASCII lower-casing table: the same text."""
    ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    assert NARRATIVE(text) == SCAN(text).translate(ascii_lower)
    assert NARRATIVE.keeps_offsets
    folded = fold_text(text, NARRATIVE)
    assert folded.index == fold_text(text, SCAN).index


@pytest.mark.parametrize(("text", "expected"), [
    ("ISIS الأمريكیة", "isis الامريكيه"),
    ("Ünited İran", "Ünited İran"),  # only A-Z: a length-changing lower() never runs
    ("دفاع‌پرس CIA", "دفاع پرس cia"),
])
def test_narrative_folding_lower_cases_only_ascii(text: str, expected: str) -> None:
    assert NARRATIVE(text) == expected and len(NARRATIVE(text)) == len(text)


@given(_ARABIC_SCRIPT_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_span_maps_back_to_text_that_folds_the_same(text: str, a: int, b: int) -> None:
    folded = fold_text(text, SCAN)
    start, end = sorted((min(a, len(folded.folded)), min(b, len(folded.folded))))
    text_start, text_end = folded.span(start, end)
    assert 0 <= text_start <= text_end <= len(text)
    assert SCAN(text[text_start:text_end]) == folded.folded[start:end]


@pytest.mark.parametrize(
    ("folding", "text", "expected"),
    [
        # the shipped NER models were trained on exactly these forms
        (NER_AR, "أَحمد", "احمد"),
        (NER_AR, "مدرسة ٢٠٢٣ ABC", "مدرسة 2023 abc"),
        (NER_AR, "ۀ ی ک ئ ؤ", "ه ي ك ئ ؤ"),
        (NER_FA, "علي", "علی"),
        (NER_FA, "می\u200cشود", "میشود"),
        (NER_FA, "آمريكا كشور", "آمریکا کشور"),
        # the time lexicon keeps lengths; the number lexicon drops marks and lower-cases
        (TIMEX, "۲۴ اردیبهشت\u200c۱۴۰۲", "24 ارديبهشت 1402"),
        (NUMBER, "ثلاثةُ آلافٍ Thousand", "ثلاثه الاف thousand"),
    ],
)
def test_named_foldings_exactly(folding: Folding, text: str, expected: str) -> None:
    assert folding(text) == expected


@pytest.mark.parametrize(
    "word",
    ["مدرسة", "کتابها", "Damascus2024", "٢٠٢٤", "۱۴۰۳", "إلى", "آمریکا", "وَالمدرسة", "الـعراق", "ﻣﺮﺣﺒﺎ", "می\u200cشود"],
)
@pytest.mark.parametrize("folding", [NER_AR, NER_FA, MATCHING_KEY])
def test_fold_skips_normalizing_plain_words_with_the_same_result(word: str, folding: Folding) -> None:
    """Words of plain letters and digits skip `normalize_text` and NFC; the result must not change."""
    import dataclasses
    import unicodedata

    from rasad.text.normalize import normalize_text

    cleaned = normalize_text(word)[0] if folding.normalize else word
    cleaned = unicodedata.normalize("NFC", cleaned) if folding.nfc else cleaned
    rest = dataclasses.replace(folding, normalize=False, nfc=False)  # the steps after them, as they were
    assert fold(word, folding) == fold(cleaned, rest)


@pytest.mark.parametrize(("text", "expected"), [
    ("الحسكة، حسکه و Hasakah", ["الحسكه", "حسكه", "و", "hasakah"]),
    ("کتاب\u200cهای تازه", ["كتابهاي", "تازه"]),  # a ZWNJ joins: the word typed without it is the same
    ("مَدْرَسَةٌ ٱلسَّماء", ["مدرسه", "السما"]),  # marks, wasla and a final hamza go
    ("IRNA ۱۴۰۲ ٢٠٢٣", ["irna", "1402", "2023"]),
    ("\u200fالرياض\u00a0اليوم", ["الرياض", "اليوم"]),
])
def test_search_words(text: str, expected: list[str]) -> None:
    assert search_words(text) == expected


@pytest.mark.parametrize(("word", "stem", "bare"), [
    ("الحسكه", "حسكه", "حسكه"),
    ("بالحسكه", "حسكه", "حسكه"),
    ("للحسكه", "حسكه", "حسكه"),
    ("وطهران", "وطهران", "طهران"),  # a conjunction comes off text words only (search_bare)
    ("الى", "الى", "الى"),  # too short to lose its article
    ("وزن", "وزن", "وزن"),  # too short to lose a conjunction
    ("hasakah", "hasakah", "hasakah"),
])
def test_search_stem_and_bare(word: str, stem: str, bare: str) -> None:
    assert (search_stem(word), search_bare(word)) == (stem, bare)


def test_search_rules_are_what_the_page_needs() -> None:
    rules = search_rules()
    assert all(SEARCH(ch) == value.lower().strip() for ch, value in rules["table"].items() if not ch.isspace())
    assert rules["prefixes"] == sorted(rules["prefixes"], key=len, reverse=True) and "ال" in rules["prefixes"]
    assert search_stem("والحسكه") == "والحسكه"[len(next(p for p in rules["prefixes"] if "والحسكه".startswith(p))):]
