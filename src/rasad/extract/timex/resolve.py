"""Turning mentions into contract values, against the article's published date (never the run date).

Rules (documented in docs of `find_times`):
- a full date → `YYYY-MM-DD`; a Gregorian month → `YYYY-MM`, a Gregorian year → `YYYY`; a Solar Hijri or
  Hijri month or year → the Gregorian interval `START/END` it covers.
- a day and month without a year → with a published date, the latest such day on or before it (the
  next one after it when the text says المقبل / next, or when that next one is at most 45 days after
  publication and the text gives no past marker); without one, `--MM-DD` (Gregorian) or
  null (Solar Hijri / Hijri, whose Gregorian day depends on the year).
- a month without a year → with a published date, the latest such month on or before the published
  month (strictly before with الماضي / last, strictly after with المقبل / next); without one, null.
- a weekday → with a published date, the latest such day on or before it (the published day itself
  counts), strictly before with الماضي / last, strictly after with المقبل / next; without one, null.
- a month with a relative year ("تشرين الأول من العام الماضي") → that month of the published year plus
  the offset; a Solar Hijri season with a year → the interval of its three months.
- relative words (أمس، الأسبوع الماضي، سال گذشته…) → offset from the published date; a week is the
  calendar week starting on the language's first weekday; without a published date, null.
- vague expressions (قبل عدة أيام، a few days ago) and clock times → null.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rasad.extract.timex.mentions import Mention
from rasad.text import calendars

# A day-month without year or marker falls this many days after publication at most; further
# ahead, the latest past occurrence is taken (news mostly reports what happened).
SOON_DAYS = 45
# First day of the week (ISO weekday): Saturday for Arabic and Persian, Monday for English.
WEEK_START = {"ar": 6, "fa": 6, "en": 1}


def _interval(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()}/{last.isoformat()}"


def _month_value(calendar: str, year: int, month: int) -> str:
    if calendar == "gregorian":
        return f"{year:04d}-{month:02d}"
    return _interval(*calendars.month_span(calendar, year, month))


def _year_value(calendar: str, year: int) -> str:
    if calendar == "gregorian":
        return f"{year:04d}"
    return _interval(*calendars.year_span(calendar, year))


def _calendar_today(calendar: str, day: dt.date) -> tuple[int, int, int]:
    if calendar == "solar_hijri":
        return calendars.gregorian_to_solar(day)
    if calendar == "hijri":
        return calendars.gregorian_to_hijri(day)
    return day.year, day.month, day.day


def _day_without_year(m: Mention, published: dt.date | None) -> str | None:
    assert m.month is not None and m.day is not None
    if published is None:
        if m.calendar != "gregorian":
            return None
        return f"--{m.month:02d}-{m.day:02d}"
    year0 = _calendar_today(m.calendar, published)[0]
    candidates = []
    for year in range(year0 - 8, year0 + 9):
        try:
            candidates.append(calendars.to_gregorian(m.calendar, year, m.month, m.day))
        except ValueError:
            continue
    past = [d for d in candidates if d <= published]
    future = [d for d in candidates if d > published]
    if m.marker == "future" and future:
        return min(future).isoformat()
    if m.marker == "current":  # "18 أكتوبر الجاري": this year's
        same = [d for d in candidates if _calendar_today(m.calendar, d)[0] == year0]
        if same:
            return same[0].isoformat()
    if m.marker is None and future and (min(future) - published).days <= SOON_DAYS:
        return min(future).isoformat()  # "until 30 Ordibehesht", a few days after publication
    return max(past).isoformat() if past else None


def _month_without_year(m: Mention, published: dt.date | None) -> str | None:
    if published is None or m.month is None:
        return None
    y, mo, _ = _calendar_today(m.calendar, published)
    if m.marker == "future":
        year = y if m.month > mo else y + 1
    elif m.marker == "past":
        year = y if m.month < mo else y - 1
    elif m.marker == "current":
        year = y
    else:
        year = y if m.month <= mo else y - 1
    return _month_value(m.calendar, year, m.month)


def _weekday(m: Mention, published: dt.date | None) -> str | None:
    if published is None or m.weekday is None:
        return None
    delta = (published.isoweekday() - m.weekday) % 7
    if m.marker == "future":
        return (published + dt.timedelta(days=(m.weekday - published.isoweekday()) % 7 or 7)).isoformat()
    if m.marker == "past" and delta == 0:
        delta = 7
    return (published - dt.timedelta(days=delta)).isoformat()


def _relative(m: Mention, published: dt.date | None, lang: str) -> str | None:
    if published is None or m.amount is None:
        return None
    if m.unit == "day":
        return (published + dt.timedelta(days=m.amount)).isoformat()
    if m.unit == "week":
        start = published - dt.timedelta(days=(published.isoweekday() - WEEK_START.get(lang, 1)) % 7)
        start += dt.timedelta(weeks=m.amount)
        return _interval(start, start + dt.timedelta(days=6))
    year, month, _ = _calendar_today(m.calendar, published)
    if m.unit == "month":
        index = year * 12 + month - 1 + m.amount
        return _month_value(m.calendar, index // 12, index % 12 + 1)
    if m.unit == "year":
        return _year_value(m.calendar, year + m.amount)
    return None


def granularity(m: Mention) -> str:
    if m.kind == "clock":
        return "time"
    if m.kind == "vague":
        return "interval"
    if m.kind in ("weekday",):
        return "day"
    if m.kind == "relative":
        return {"day": "day", "week": "interval"}.get(m.unit or "", m.unit or "day")
    if m.kind == "year":
        return "year"
    if m.months > 1:
        return "interval"
    if m.day is not None:
        return "day"
    return "month"


def is_relative(m: Mention) -> bool:
    """Whether the value depends on the published date."""
    if m.kind in ("relative", "weekday", "vague"):
        return True
    return m.kind == "date" and m.year is None


def value(m: Mention, published: dt.date | None, lang: str) -> str | None:
    """The contract value of a mention, or None when it cannot be resolved."""
    try:
        if m.kind == "relative":
            return _relative(m, published, lang)
        if m.kind == "weekday":
            return _weekday(m, published)
        if m.kind == "year" and m.year is not None:
            return _year_value(m.calendar, m.year)
        if m.kind != "date" or m.month is None:
            return None
        if m.year is None and m.year_offset is not None:
            # "تشرين الأول من العام الماضي": the year is relative to the published one
            if published is None:
                return None
            m = replace(m, year=_calendar_today(m.calendar, published)[0] + m.year_offset)
        return _date_value(m, published)
    except (ValueError, OverflowError):
        return None


def _date_value(m: Mention, published: dt.date | None) -> str | None:
    """The value of a date mention with a month (year, day and months span optional)."""
    assert m.month is not None
    if m.months > 1 and m.year is not None:
        last = m.year * 12 + m.month - 1 + m.months - 1
        first_day = calendars.month_span(m.calendar, m.year, m.month)[0]
        return _interval(first_day, calendars.month_span(m.calendar, last // 12, last % 12 + 1)[1])
    if m.year is None:
        return _day_without_year(m, published) if m.day is not None else _month_without_year(m, published)
    if m.day is None:
        return _month_value(m.calendar, m.year, m.month)
    return calendars.to_gregorian(m.calendar, m.year, m.month, m.day).isoformat()
