"""rasad.text.calendars: the one place that reads numeric dates and converts Solar Hijri / Hijri dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.calendars import (
    day_and_month,
    day_first,
    gregorian_to_solar,
    numeric_date,
    plausible_numeric_date,
    solar_to_gregorian,
    ymd_calendars,
)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("14/05/2023", None, ("2023-05-14", "gregorian")),
        ("14 . 05 . 2023", "ar", ("2023-05-14", "gregorian")),
        ("١٤-٠٥-٢٠٢٣", "ar", ("2023-05-14", "gregorian")),
        ("05/31/2023", "en", ("2023-05-31", "gregorian")),  # day first impossible: month first
        ("2023/05/14", None, ("2023-05-14", "gregorian")),
        ("۱۴۰۲/۰۲/۲۴", "fa", ("2023-05-14", "solar_hijri")),
        ("1402/2/24", "fa", ("2023-05-14", "solar_hijri")),
        ("1402/2/24", "ar", None),  # Arabic text: no Solar Hijri reading of a numeric date
        ("1402/12/30", "fa", None),  # no such day (1402 is not a leap year)
        ("31/02/2023", None, None),
        ("14/05/1650", None, None),
        ("14/05", None, None),
    ],
)
def test_numeric_date(text: str, lang: str | None, expected: tuple[str, str] | None) -> None:
    assert numeric_date(text, lang) == expected


@pytest.mark.parametrize(
    ("groups", "plausible"),
    [(("2023", "05", "14"), True), (("14", "05", "2023"), True), (("14", "05", "23"), True),
     (("٢٠٢٣", "٠٥", "١٤"), True), (("3", "15", "2023"), False), (("14", "05", "123"), False)],
)
def test_plausible_numeric_date(groups: tuple[str, str, str], plausible: bool) -> None:
    assert plausible_numeric_date(*groups) is plausible


def test_calendar_data_is_read_per_language() -> None:
    assert ymd_calendars("fa") == (("solar_hijri", 1200, 1700),)
    assert ymd_calendars("ar") == () and ymd_calendars("xx") == ()


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31)))
def test_solar_round_trip(day: dt.date) -> None:
    assert solar_to_gregorian(*gregorian_to_solar(day)) == day


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31)))
def test_day_first_reads_every_day(day: dt.date) -> None:
    assert day_first(day.year, day.day, day.month) == day.isoformat()


@pytest.mark.parametrize(
    ("first", "second", "lang", "expected"),
    [(5, 6, "ar", (5, 6)), (5, 6, "fa", (5, 6)), (5, 6, "en", (6, 5)), (5, 20, "ar", (20, 5)),
     (20, 5, "en", (20, 5)), (5, 6, "xx", (5, 6))],
)
def test_day_and_month(first: int, second: int, lang: str, expected: tuple[int, int]) -> None:
    assert day_and_month(first, second, lang) == expected
