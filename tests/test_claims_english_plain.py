"""Claims in English without a translation model: a time the article gives no date to resolve reads as
the relative day or weekday it names, and common source and people phrases read as their gloss, not a
romanisation ("(Awl Mn Ams)" was shown for أول من أمس, "'Ms'ul Askri'" for مسؤول عسكري)."""

from __future__ import annotations

import pytest

from rasad.extract.claims_english import english_name, render_claim, time_english


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("أول من أمس", "ar", "the day before yesterday"),
    ("مساء أمس", "ar", "yesterday"),
    ("الأسبوع الماضي", "ar", "last week"),
    ("يوم الجمعة", "ar", "on Friday"),
    ("دیروز", "fa", "yesterday"),
    ("yesterday", "en", "yesterday"),
])
def test_an_unresolved_time_names_its_day(text: str, lang: str, expected: str) -> None:
    assert time_english({"text": text, "value": None}, lang) == expected


def test_a_resolved_time_gives_its_date() -> None:
    assert time_english({"text": "أمس", "value": "2024-03-04"}, "ar") == "on 2024-03-04"


def test_a_time_that_names_no_day_is_romanised_in_brackets() -> None:
    rendered = time_english({"text": "في وقت لاحق", "value": None}, "ar")
    assert rendered.startswith("(") and rendered.endswith(")")


def test_the_claim_sentence_uses_it() -> None:
    claim = {"action": "kill", "certainty": "asserted", "actor": None, "patient": {"text": "soldiers"},
             "quantity": None, "time": {"text": "أول من أمس", "value": None}, "attribution": None}
    assert render_claim(claim, None) == "Soldiers killed the day before yesterday."


@pytest.mark.parametrize(("text", "expected"), [
    ("مسؤول عسكري", "a military official"),
    ("مصادر أهلية", "local sources"),
    ("مصادرُ محليةٌ", "local sources"),  # case endings fold away
    ("معتقلاً", "detainees"),
    ("منابع آگاه", "informed sources"),
    ("بازداشت‌شدگان", "detainees"),
    ("بازداشت شدگان", "detainees"),
])
def test_a_common_phrase_reads_as_its_gloss(text: str, expected: str) -> None:
    assert english_name({"text": text}, "ar") == expected


def test_a_phrase_with_more_words_than_the_gloss_is_still_romanised() -> None:
    assert english_name({"text": "مصادر أهلية في ريف المدينة"}, "ar") != "local sources"


def test_an_anonymous_source_reads_in_english() -> None:
    claim = {"action": "kill", "certainty": "attributed", "actor": None, "patient": {"text": "جنود"},
             "quantity": None, "time": None,
             "attribution": {"text": "مسؤول عسكري", "source_kind": "anonymous", "cited_outlet": None}}
    assert render_claim(claim, None) == "Soldiers killed — according to 'a military official' (anonymous)."
