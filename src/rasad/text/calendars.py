"""Calendars, in one place: Solar Hijri (via jdatetime) and tabular Islamic (Hijri lunar) arithmetic,
and reading numeric dates (`25/01/2022`, `2022-01-25`, `1401/12/24`) for datelines, metadata values,
quantities and time expressions.

The Hijri conversion is the arithmetical (tabular, civil epoch) calendar: it can differ from the
observed or Umm al-Qura calendar by one or two days. Values for Hijri dates carry that imprecision.

>>> solar_to_gregorian(1401, 12, 24)
datetime.date(2023, 3, 15)
>>> hijri_to_gregorian(1444, 9, 1)
datetime.date(2023, 3, 23)
>>> numeric_date("25 . 01 . 2022"), numeric_date("۱۴۰۱/۱۲/۲۴", "fa")
(('2022-01-25', 'gregorian'), ('2023-03-15', 'solar_hijri'))
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import jdatetime

from rasad.text.data import read_tsv

LANGS = ("ar", "fa", "en")  # languages with a lang/<iso>/calendar.tsv

# Julian day number of 1 Muharram 1 AH (16 July 622, Julian) minus one.
_HIJRI_EPOCH_JDN = 1948439
# date.toordinal() of a Julian day number: ordinal 1 (0001-01-01) is JDN 1721426.
_ORDINAL_OFFSET = 1721425


def solar_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a Solar Hijri date; raises ValueError when the date does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def gregorian_to_solar(day: dt.date) -> tuple[int, int, int]:
    """Solar Hijri (year, month, day) of a Gregorian date."""
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def solar_month_days(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def hijri_month_days(year: int, month: int) -> int:
    """Length of a month in the tabular Islamic calendar (odd months 30, even 29, leap Dhu al-Hijjah 30)."""
    if month % 2 == 1:
        return 30
    if month == 12 and (14 + 11 * year) % 30 < 11:
        return 30
    return 29


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a tabular Hijri date; raises ValueError when the date does not exist."""
    if not (1 <= month <= 12 and 1 <= day <= hijri_month_days(year, month) and year >= 1):
        raise ValueError(f"no such Hijri date: {year}-{month}-{day}")
    jdn = day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + _HIJRI_EPOCH_JDN
    return dt.date.fromordinal(jdn - _ORDINAL_OFFSET)


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int]:
    """Tabular Hijri (year, month, day) of a Gregorian date."""
    jdn = day.toordinal() + _ORDINAL_OFFSET
    year = (30 * (jdn - _HIJRI_EPOCH_JDN - 1) + 10646) // 10631
    month = 12
    while month > 1 and hijri_to_gregorian(year, month, 1) > day:
        month -= 1
    return year, month, (day - hijri_to_gregorian(year, month, 1)).days + 1


def month_span(calendar: str, year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a month in `calendar` (gregorian, solar_hijri or hijri)."""
    if calendar == "solar_hijri":
        return solar_to_gregorian(year, month, 1), solar_to_gregorian(
            year, month, solar_month_days(year, month)
        )
    if calendar == "hijri":
        return hijri_to_gregorian(year, month, 1), hijri_to_gregorian(
            year, month, hijri_month_days(year, month)
        )
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def year_span(calendar: str, year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a year in `calendar`."""
    return month_span(calendar, year, 1)[0], month_span(calendar, year, 12)[1]


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date:
    if calendar == "solar_hijri":
        return solar_to_gregorian(year, month, day)
    if calendar == "hijri":
        return hijri_to_gregorian(year, month, day)
    return dt.date(year, month, day)


# Numeric dates: day-month-year (any of . / - as separator, the same twice) or year-month-day.
_DMY = re.compile(r"^(\d{1,2})\s*([./\-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*([./\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
GREGORIAN_MIN_YEAR = 1700  # a 4-digit year below this in a numeric date is not Gregorian


@cache
def ymd_calendars(lang: str) -> tuple[tuple[str, int, int], ...]:
    """`(calendar, low, high)` for year-month-day dates with a year before 1700 in `lang` text, from
    lang/<lang>/calendar.tsv (`ymd_calendar` rows); none for languages without the file.

    >>> ymd_calendars("fa")
    (('solar_hijri', 1200, 1700),)
    """
    if lang not in LANGS:
        return ()
    return tuple((row[1], int(row[2]), int(row[3])) for row in read_tsv(lang, "calendar.tsv")
                 if row[0] == "ymd_calendar" and len(row) >= 4)


@cache
def numeric_order(lang: str) -> str:
    """`dmy` or `mdy`: how a day-month-year date in running text of `lang` is read when both readings
    are possible (lang/<lang>/calendar.tsv `numeric_order`; `dmy` when not given).

    >>> numeric_order("ar"), numeric_order("en")
    ('dmy', 'mdy')
    """
    if lang not in LANGS:
        return "dmy"
    rows = [row[1] for row in read_tsv(lang, "calendar.tsv") if row[0] == "numeric_order" and len(row) > 1]
    return rows[0] if rows else "dmy"


def day_and_month(first: int, second: int, lang: str) -> tuple[int, int]:
    """`(day, month)` of the two leading numbers of a day-month-year date in `lang` text: in the
    language's order (`numeric_order`) when that reading is possible, else the other way round when only
    that one is.

    >>> day_and_month(5, 6, "ar"), day_and_month(5, 6, "en"), day_and_month(5, 20, "ar")
    ((5, 6), (6, 5), (20, 5))
    """
    if numeric_order(lang) == "mdy" and first <= 12 and second <= 31:
        return second, first
    if second > 12 and first <= 12:
        return second, first
    return first, second


def gregorian_day(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` of a Gregorian date, or None when it does not exist.

    >>> gregorian_day(2023, 2, 29) is None, gregorian_day(2024, 2, 29)
    (True, '2024-02-29')
    """
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def day_first(year: int, first: int, second: int) -> str | None:
    """A day-month-year date read day first, month first only when day first is impossible.

    >>> day_first(2023, 5, 14), day_first(2023, 5, 31)
    ('2023-05-14', '2023-05-31')
    """
    return gregorian_day(year, second, first) or gregorian_day(year, first, second)


def calendar_day(calendar: str, year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` (Gregorian) of a date in `calendar`, or None when it does not exist."""
    try:
        return to_gregorian(calendar, year, month, day).isoformat()
    except ValueError:
        return None


def numeric_date(text: str, lang: str | None = None) -> tuple[str, str] | None:
    """`(ISO date, calendar)` of a whole numeric date: day-month-year (`25 . 01 . 2022`, `25/01/2022`;
    month-day-year only when the day-first reading is impossible) or year-month-day (`2022-01-25`;
    `1401/12/24` is Solar Hijri when `lang` is "fa": `ymd_calendars`). Any digit set. None otherwise.

    >>> numeric_date("۲۵/۰۱/۲۰۲۲"), numeric_date("1401/12/24") is None
    (('2022-01-25', 'gregorian'), True)
    """
    folded = text.translate(_DIGITS).strip()
    m = _DMY.match(folded)
    if m:
        year = int(m.group(4))
        value = day_first(year, int(m.group(1)), int(m.group(3)))
        return (value, "gregorian") if value and year >= GREGORIAN_MIN_YEAR else None
    m = _YMD.match(folded)
    if m:
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if year >= GREGORIAN_MIN_YEAR:
            value = gregorian_day(year, month, day)
            return (value, "gregorian") if value else None
        for calendar, low, high in ymd_calendars(lang or ""):
            if low <= year < high:
                value = calendar_day(calendar, year, month, day)
                return (value, calendar) if value else None
    return None


def plausible_numeric_date(first: str, second: str, third: str) -> bool:
    """Whether three digit groups (`14/05/2023`, `2023-05-14`, `14.05.23`) can be a date: year-month-day
    with a 4-digit year, or day-month-year with a 2- or 4-digit year. Any digit set.

    >>> plausible_numeric_date("2023", "05", "14"), plausible_numeric_date("14", "05", "2023")
    (True, True)
    >>> plausible_numeric_date("3", "15", "2023")
    False
    """
    a, b, c = int(first or 0), int(second or 0), int(third or 0)
    ymd = len(first) == 4 and 1 <= b <= 12 and 1 <= c <= 31
    dmy = 1 <= a <= 31 and 1 <= b <= 12 and len(third) in (2, 4)
    return ymd or dmy
