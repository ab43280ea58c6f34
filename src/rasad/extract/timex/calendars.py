"""Calendar arithmetic: Solar Hijri (via jdatetime) and the tabular Islamic (Hijri lunar) calendar.

The Hijri conversion is the arithmetical (tabular, civil epoch) calendar: it can differ from the
observed or Umm al-Qura calendar by one or two days. Values for Hijri dates carry that imprecision.

>>> solar_to_gregorian(1401, 12, 24)
datetime.date(2023, 3, 15)
>>> hijri_to_gregorian(1444, 9, 1)
datetime.date(2023, 3, 23)
"""

from __future__ import annotations

import datetime as dt

import jdatetime

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
