"""A claim's time in English when the article gives no date to resolve it against: the relative day
or weekday it names, not a romanisation ("(Awl Mn Ams)" was shown for أول من أمس)."""

from __future__ import annotations

import pytest

from rasad.extract.claims_english import render_claim, time_english


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
