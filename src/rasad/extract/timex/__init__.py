"""Time expressions in Arabic, Persian and English news text, resolved to calendar values.

Two public functions:

- `find_times(text, lang, published)` → every time expression with its span and contract value
  (see `rasad.extract.timex.resolve` for how relative and partial expressions are resolved).
- `parse_absolute_date(text)` → `(ISO date, calendar)` when the whole string is one absolute
  calendar day (for metadata fields and datelines), else None.

>>> parse_absolute_date("۲۴ اسفند ۱۴۰۱")
('2023-03-15', 'solar_hijri')
>>> [(t.text, t.value) for t in find_times("وفي 13 نيسان الماضي قالت", "ar", "2023-06-01")]
[('13 نيسان الماضي', '2023-04-13')]
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

from rasad.article import TimeExpression
from rasad.extract.timex import resolve
from rasad.extract.timex.lexicon import LANGS, fold
from rasad.extract.timex.mentions import Mention, find_mentions

__all__ = ["find_times", "parse_absolute_date", "parse_published"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
# What may surround a date in a metadata field or dateline: punctuation, a clock time, a time zone.
_LEFTOVER = re.compile(
    r"^(?:[\s,،.\-—–|/:()]|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm|AM|PM|ص|م))?|[+-]\d{2}:?\d{2}|Z|GMT|UTC|at|الساعه|ساعت)*$"
)


def parse_published(published: str | None) -> dt.date | None:
    """The date part of an ISO `published` value (`YYYY-MM-DD…`), or None."""
    if not published:
        return None
    m = _ISO.match(published) or re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _expression(text: str, m: Mention, published: dt.date | None, lang: str) -> TimeExpression:
    return TimeExpression(
        start=m.start,
        end=m.end,
        text=text[m.start : m.end],
        value=resolve.value(m, published, lang),
        calendar=m.calendar,
        granularity=resolve.granularity(m),
        relative=resolve.is_relative(m),
        rule=m.rule or None,
    )


def find_times(text: str, lang: str, published: str | None = None) -> list[TimeExpression]:
    """All time expressions in `text`, with offsets, values resolved against `published` (ISO date).

    `lang` is `ar`, `fa` or `en` (anything else is read as Arabic). Without `published`, relative
    expressions get value None and day-month dates `--MM-DD`: the run date is never used.

    >>> [(t.text, t.value, t.calendar) for t in find_times("رئیس‌جمهور آبان ۱۳۹۸ گفت", "fa", None)]
    [('آبان ۱۳۹۸', '2019-10-23/2019-11-21', 'solar_hijri')]
    """
    when = parse_published(published)
    out = []
    for m in find_mentions(text, lang):
        expr = _expression(text, m, when, lang)
        if expr.value is None and m.kind in ("date", "year") and m.year is not None:
            continue  # "31 شباط 2023": no such day, so not a date
        out.append(expr)
    return out


def parse_absolute_date(text: str) -> tuple[str, str] | None:
    """`(YYYY-MM-DD, calendar)` when `text` as a whole is one absolute calendar day, else None.

    Accepts month names of every family, numeric dates in any digit set, Solar Hijri and Hijri
    dates, ISO and RFC 2822 timestamps; a weekday, clock time or punctuation around the date is fine.

    >>> parse_absolute_date("25 . 01 . 2022"), parse_absolute_date("May 14, 2023")
    (('2022-01-25', 'gregorian'), ('2023-05-14', 'gregorian'))
    >>> parse_absolute_date("in 2023") is None
    True
    """
    if not text or not text.strip():
        return None
    iso = _ISO.match(fold(text))
    if iso:
        day = parse_published(fold(text))
        return (day.isoformat(), "gregorian") if day else None
    if re.search(r"\d{4} \d{2}:\d{2}", text) and re.match(r"^\s*[A-Z][a-z]{2},", text):
        try:
            return (parsedate_to_datetime(text).date().isoformat(), "gregorian")
        except (TypeError, ValueError):
            pass
    folded = fold(text)
    for lang in LANGS:
        mentions = [m for m in find_mentions(text, lang) if m.kind == "date" and m.year and m.day]
        if len(mentions) != 1:
            continue
        m = mentions[0]
        if not _LEFTOVER.match(folded[: m.start] + " " + folded[m.end :]):
            continue
        value = resolve.value(m, None, lang)
        if value and len(value) == 10:
            return value, m.calendar
    return None
