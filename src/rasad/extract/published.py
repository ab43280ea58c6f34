"""The publication date: from a metadata value in any common format, or from a URL.

Only full calendar days count: a month or a year alone is not a publication date.

>>> parse_published("2023-05-14T08:30:00+03:00"), parse_published("Sun, 14 May 2023 08:30:00 GMT")
('2023-05-14', '2023-05-14')
>>> parse_published("2023-05") is None
True
>>> date_from_url("https://example.org/news/2023/05/14/story-title/")
'2023-05-14'
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from functools import cache

from rasad.kb.outlets import fold_chars
from rasad.text.calendars import day_first, gregorian_day
from rasad.text.data import read_tsv

MIN_YEAR, MAX_YEAR = 1900, 2100

_YMD = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?=$|[T\s_,]|\d{1,2}:)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?=$|[\s,T])")
# English month-name forms (the C-locale names that `strptime` knows), a clock time may follow.
_NAMED_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y",
                  "%b. %d, %Y")
_WEEKDAY_PREFIX = re.compile(r"^[A-Za-z]+,\s+(?=[A-Za-z]+\.? \d|\d)")
_NAMED = re.compile(r"^([A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]+,?\s+\d{4})")
_URL_SLASHED = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[?#])")
_URL_DASHED = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


def _day(year: int, month: int, day: int) -> str | None:
    return gregorian_day(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None


def parse_published(value: str | None) -> str | None:
    """`YYYY-MM-DD` from a metadata date: ISO 8601 (the date as written, whatever the zone),
    RFC 822, `2023/05/14`, `14/05/2023`, `May 14, 2023`, `14 May 2023`, any digit set; Arabic and
    Persian month names through `rasad.extract.timex` when available. None for anything else.

    >>> parse_published("۱۴/۰۵/۲۰۲۳"), parse_published("May 14, 2023 10:00 AM")
    ('2023-05-14', '2023-05-14')
    """
    if not value or not value.strip():
        return None
    text = fold_chars(value).strip()
    m = _YMD.match(text)
    if m:
        return _day(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    m = _COMPACT.match(text)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.match(text)
    if m:
        year = int(m.group(4))
        return day_first(year, int(m.group(1)), int(m.group(3))) if MIN_YEAR <= year <= MAX_YEAR else None
    rfc = _rfc822(text)
    if rfc:
        return rfc
    named = _english_named(text)
    if named:
        return named
    return _other_calendars(value)


def _rfc822(text: str) -> str | None:
    if not re.search(r"\d{1,2}:\d{2}", text):
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _day(parsed.year, parsed.month, parsed.day)


def _english_named(text: str) -> str | None:
    m = _NAMED.match(_WEEKDAY_PREFIX.sub("", text))
    if not m:
        return None
    candidate = " ".join(m.group(1).split())
    for fmt in _NAMED_FORMATS:
        try:
            parsed = dt.datetime.strptime(candidate, fmt)
        except ValueError:
            continue
        return _day(parsed.year, parsed.month, parsed.day)
    return None


def _other_calendars(value: str) -> str | None:
    try:
        from rasad.extract.timex import parse_absolute_date
    except ImportError:
        return None
    parsed = parse_absolute_date(value)
    if parsed and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed[0]):
        return parsed[0]
    return None


def date_from_url(url: str | None) -> str | None:
    """A full date written in a URL path (`/2023/05/14/`, `2023-05-14`), or None.

    >>> date_from_url("https://example.org/2023-05-14-talks.html"), date_from_url("https://x.org/2023/05/")
    ('2023-05-14', None)
    """
    if not url:
        return None
    for pattern in (_URL_SLASHED, _URL_DASHED):
        for m in pattern.finditer(url):
            found = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None


# "today" words that, directly before a full date early in an article, state the publication day:
# "أعلنت الوزارة اليوم الثلاثاء 11 نيسان 2023" / "امروز سه‌شنبه ۲۲ فروردین ۱۴۰۲" / "today, April 11, 2023".
_TODAY = r"(?:اليوم|امروز|\btoday)"
_TODAY_BEFORE_DATE = re.compile(_TODAY + r"[\s,،(]+(?:\S+[\s,،(]+)?$", re.IGNORECASE)
_TODAY_OPENS_DATE = re.compile(_TODAY + r"[\s,،]", re.IGNORECASE)
# A head without any "today" word (most) has no date stated as today: no need to look for dates.
_ANY_TODAY = re.compile(_TODAY.replace(r"\b", ""), re.IGNORECASE)
TODAY_DATE_WINDOW = 600  # characters from the start of the text that are searched


def date_stated_as_today(text: str, lang: str | None) -> tuple[str, int, int] | None:
    """`(YYYY-MM-DD, start, end)` of a full date written right after "today" (اليوم/امروز/today, a
    weekday may sit between) near the top of the text, else None.

    >>> date_stated_as_today("أعلنت الوزارة اليوم الثلاثاء 11 نيسان 2023 أن القافلة وصلت.", "ar")
    ('2023-04-11', 14, 42)
    >>> date_stated_as_today("وصلت القافلة في 11 نيسان 2023.", "ar") is None
    True
    """
    from rasad.extract.timex import find_times

    head = text[:TODAY_DATE_WINDOW]
    if not _ANY_TODAY.search(head):
        return None
    for expr in find_times(head, lang or "ar", None):
        if expr.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", expr.value) and not expr.relative:
            before = head[max(0, expr.start - 40) : expr.start]
            if _TODAY_OPENS_DATE.match(expr.text) or _TODAY_BEFORE_DATE.search(before):
                return expr.value, expr.start, expr.end
    return None


LEAD_CHARS = 400  # the headline and lead sentence are searched within this many characters
LEAD_LANGS = ("fa",)  # Tasnim and IRNA state the day in the lead: "... روز سه‌شنبه ۲ خرداد ۱۴۰۲ ..."


@cache
def _weekday_names(lang: str) -> tuple[str, ...]:
    return tuple(fold_chars(row[0]).replace("\u200c", "").replace(" ", "") for row in read_tsv(lang, "weekdays.tsv"))


def date_in_lead(text: str, lang: str | None) -> tuple[str, int, int] | None:
    """`(YYYY-MM-DD, start, end)` of a full date written with its weekday in the lead sentence (up to
    the first full stop, after the headline, within LEAD_CHARS characters) of a Persian article, else
    None: Tasnim and IRNA
    state the publication day that way. A date without a weekday (a past event) is not enough.

    >>> date_in_lead("به گزارش ایرنا، وزیر روز سه‌شنبه ۲ خرداد ۱۴۰۲ وارد مسقط شد.", "fa")
    ('2023-05-23', 21, 45)
    >>> date_in_lead("به گزارش ایرنا، زلزله‌ای که در ۵ دی ۱۳۸۲ رخ داد.", "fa") is None
    True
    """
    if lang not in LEAD_LANGS:
        return None
    from rasad.extract.timex import find_times

    head = text[:LEAD_CHARS]
    end = re.search(r"[.!؟?](?:\s|$)", head)  # the headline (no final stop) and the lead's first sentence
    lead = head[: end.start() + 1] if end else head
    weekdays = _weekday_names(lang)
    for expr in find_times(lead, lang, None):
        if not expr.value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", expr.value) or expr.relative:
            continue
        words = fold_chars(re.split(r"\d", expr.text, maxsplit=1)[0]).replace("\u200c", "").replace(" ", "")
        if any(w and w in words for w in weekdays):
            return expr.value, expr.start, expr.end
    return None
