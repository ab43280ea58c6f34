"""Regressions (issue 7): parts of dates are not quantities in the stage's output; ordinals stay ranks;
a vague amount is labelled by its range, never `None trucks`."""

from __future__ import annotations

import pytest

from rasad.eval.datelines import analyze_text
from rasad.extract.quantities.render import ordinal, quantity_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حلب - سانا - الثلاثاء 14 آذار 2023\nوصلت 30 شاحنة.", [("30", "count")]),
        ("وصلت في الخامس من شباط الماضي 12 حافلة.", [("12", "count")]),
        ("بدأ المشروع في 3 أيار 2021 ويضم 40 منزلاً.", [("40", "count")]),
        ("وصلت دفعة ثانية من المساعدات تضم 25 شاحنة.", [("ثانية", "ordinal"), ("25", "count")]),
        ("عاد في عام 2019 نحو 500 لاجئ.", [("نحو 500", "count")]),
        ("حماة - 21/02/2023\nاستقبل المركز 60 مراجعاً.", [("60", "count")]),
        ("الكويت - 14 - 3 (كونا) -- استقبل المركز 60 مراجعاً.", [("60", "count")]),
    ],
)
def test_stage_leaves_out_date_parts(text: str, expected: list[tuple[str, str]]) -> None:
    article = analyze_text(text, "ar")
    assert [(q.text, q.kind) for q in article.quantities] == expected


def test_vague_amount_label_has_no_none() -> None:
    article = analyze_text("دخلت عشرات الشاحنات إلى المدينة.", "ar")
    assert article.quantities, "the vague amount is found"
    labels = [quantity_label(q) for q in article.quantities]
    assert labels == ["20–99 trucks"]
    assert quantity_label(article.as_dict()["quantities"][0]) == "20–99 trucks"


@pytest.mark.parametrize(("text", "lang", "shown", "value"), [
    ("The meeting began at 10:20 in Geneva.", "en", "10:20 (time of day)", 10 + 20 / 60),
    ("The convoy left at 07:05 from the border.", "en", "7:05 (time of day)", 7 + 5 / 60),
])
def test_clock_time_keeps_its_decimal_value_and_shows_as_a_clock(text: str, lang: str, shown: str,
                                                                 value: float) -> None:
    """articles.jsonl keeps the value in decimal hours (scripts read it); labels show the clock."""
    quantities = [q for q in analyze_text(text, lang).as_dict()["quantities"] if q["kind"] == "time"]
    assert len(quantities) == 1
    assert quantities[0]["value"] == pytest.approx(value)
    assert quantity_label(quantities[0]) == shown


@pytest.mark.parametrize(
    ("record", "label"),
    [
        ({"value": None, "low": 200, "high": 999, "approximate": True, "counted": "families"}, "200–999 families"),
        ({"value": 20, "low": 20, "high": None, "approximate": True, "counted": "people wounded"},
         "more than 20 people wounded"),
        ({"value": 3, "kind": "ordinal", "counted": None}, "3rd (ordinal)"),
        ({"value": 12000, "approximate": False, "counted": None}, "12,000"),
        ({"value": None, "low": None, "high": None, "counted": "trucks"}, "some trucks"),
    ],
)
def test_quantity_label(record: dict[str, object], label: str) -> None:
    assert quantity_label(record) == label


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (22, "22nd")])
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text
