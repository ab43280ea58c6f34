"""Inline datelines at the top of an article, and the dates written in them.

Recognised forms (the dateline may follow a headline line):

- slashes: `السيمر / فيينا / الثلاثاء 25 . 01 . 2022 ——-` (outlet / place / weekday date, dash run)
- place and outlet: `دمشق - سانا`, `تهران - ایرنا -`, `الحسكة – (سانا)`
- wire style: `WASHINGTON (Reuters) -`, `BEIRUT, May 3 (Reuters) -`, `HASAKAH, Syria, May 28 (Reuters) -`
  (a day-month without a year gives no `date`)
- the outlet alone on its line: `الثورة:`
- a weekday and date after any of these: `دمشق - سانا - الثلاثاء 14 آذار 2023`,
  `القدس (رويترز) - الاثنين 18 أيلول 2023`; a place and a date: `دمشق - 12/06/2023`
- agency forms: `الدوحة في 15 يناير /قنا/`, `الكويت - 22 - 2 (كونا) --`, `عمان 9 تموز (بترا) -`,
  `الرياض 14 شوال 1444 هـ الموافق 04 مايو 2023 م واس` (the Gregorian date is the one kept)

>>> d = find_dateline("دمشق - سانا\\nأعلنت الوزارة اليوم ...")
>>> d.place, d.outlet, d.text
('دمشق', 'SANA', 'دمشق - سانا')
>>> parse_date("25 . 01 . 2022")
('2022-01-25', 'gregorian')

A date alone on one of the first lines (`14 أيار 2023` under the headline) is found separately by
`find_date_line`: it is the publication date, but not part of the dateline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeVar

from rasad.article import Dateline
from rasad.kb.outlets import CLOSE_QUOTES, LANGS, OPEN_QUOTES, FoldedText, Outlet, fold_chars, fold_text, registry
from rasad.text.calendars import numeric_date
from rasad.text.data import read_tsv

_T = TypeVar("_T")

WINDOW = 200  # a dateline starts within the first ~200 characters
MAX_LINES = 3  # ... on one of the first lines (a headline may come first)
HEADLINE_MAX_WORDS = 25
DATE_LINE_MAX_CHARS = 60

_LETTERS = r"[^\W\d_]+"
_WORDS = rf"{_LETTERS}(?:[ \t]+{_LETTERS}){{0,3}}"
_DASHES = r"\-–—_=ـ"
_NUM_DATE = r"\d{1,4}[ \t]*[./\-][ \t]*\d{1,2}[ \t]*[./\-][ \t]*\d{1,4}"
_MONTH_NAME = rf"{_LETTERS}(?:[ \t]+{_LETTERS})?"  # كانون الثاني
# Levantine and Egyptian names side by side: كانون الثاني/يناير, يناير/كانون الثاني, كانون الثاني (يناير)
_MONTH = rf"{_MONTH_NAME}(?:[ \t]*/[ \t]*{_MONTH_NAME}|[ \t]*\([ \t]*{_LETTERS}[ \t]*\))?"
_NAME_DATE = (
    rf"\d{{1,2}}[ \t]+{_MONTH}\.?(?:[ \t]*[,،]?[ \t]*\d{{4}})?"
    rf"|{_LETTERS}\.?[ \t]+\d{{1,2}}(?:[ \t]*,?[ \t]*\d{{4}})?"
)
_DATE = rf"(?:{_NUM_DATE}|{_NAME_DATE})"
_DAY_MONTH_NUM = rf"\d{{1,2}}[ \t]*[{_DASHES}/.][ \t]*\d{{1,2}}"  # KUNA's "22 - 2"
_ERA = r"(?:[ \t]*[^\W\d_]{1,2}\.?(?![^\W\d_]))?"  # هـ / م after a year
_END = rf"(?P<end>[ \t]*(?:[{_DASHES}]+|:))?"


@cache
def _weekdays() -> str:
    """One regex alternation of weekday names (from lang/<iso>/weekdays.tsv), longest first."""
    names = {fold_chars(row[0]).strip() for lang in LANGS for row in read_tsv(lang, "weekdays.tsv")}
    ordered = sorted((n for n in names if n), key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s?") for n in ordered)


@cache
def _dateline_words(role: str) -> str:
    """One regex alternation of the dateline words of `role` (lang/<iso>/dateline_words.tsv)."""
    words = {fold_chars(row[1]).strip() for lang in LANGS for row in read_tsv(lang, "dateline_words.tsv")
             if row[0] == role and len(row) > 1}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w) or "(?!)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    weekday = _weekdays() or "(?!)"
    flags = re.IGNORECASE
    return {
        "equivalent": re.compile(
            rf"^[ \t]*(?P<place>{_WORDS})[ \t]+(?P<hijri>{_NAME_DATE}){_ERA}[ \t]+(?:{_dateline_words('equivalent')})"
            rf"[ \t]+(?P<date>{_DATE}){_ERA}(?:[ \t]*[{_DASHES}]?[ \t]*(?P<outlet>{_LETTERS}))?{_END}",
            flags,
        ),
        "in_date_slash": re.compile(
            rf"^[ \t]*(?P<place>{_WORDS})[ \t]+(?:(?:{_dateline_words('in')})[ \t]+)?(?P<date>{_DATE})"
            rf"[ \t]*/[ \t]*(?P<outlet>[^/\n]{{2,30}}?)[ \t]*/{_END}",
            flags,
        ),
        "tail_date": re.compile(
            rf"[ \t]*(?:[{_DASHES}]+|[,،])?[ \t]*(?:(?P<weekday>{weekday})[ \t]*[,،]?[ \t]*)?"
            rf"(?P<date>{_DATE}){_END}",
            flags,
        ),
        "slashes": re.compile(
            rf"^[ \t]*(?P<a>{_WORDS})[ \t]*/[ \t]*(?P<b>{_WORDS})"
            rf"(?:[ \t]*/[ \t]*(?:(?P<weekday>{weekday})[ \t]*[,،]?[ \t]*)?(?P<date>{_DATE}))?{_END}",
            flags,
        ),
        "place_date": re.compile(
            rf"^[ \t]*(?P<place>{_WORDS})[ \t]*(?:/|[{_DASHES}]+)[ \t]*(?:(?P<weekday>{weekday})[ \t]*[,،]?[ \t]*)?"
            rf"(?P<date>{_DATE}){_END}",
            flags,
        ),
        "wire": re.compile(
            rf"^[ \t]*(?P<place>{_WORDS})(?:[ \t]*[,،][ \t]*(?P<region>{_WORDS}))?"
            rf"(?:(?:[ \t]*[,،{_DASHES}][ \t]*|[ \t]+)(?P<date>{_DATE}|{_DAY_MONTH_NUM}))?[ \t]*(?:[{_DASHES}][ \t]*)?"
            rf"\([ \t]*(?P<outlet>[^()\n]{{2,40}}?)[ \t]*\){_END}",
            flags,
        ),
        "dash": re.compile(
            rf"^[ \t]*(?P<place>{_WORDS})[ \t]*[{_DASHES}]+[ \t]*[{re.escape(OPEN_QUOTES)}]?[ \t]*"
            rf"(?P<rest>{_LETTERS}(?:[ \t]+{_LETTERS}){{0,3}})",
            flags,
        ),
        "colon": re.compile(
            rf"^[ \t]*[{re.escape(OPEN_QUOTES)}]?(?P<outlet>[^\n:]{{2,40}}?)[{re.escape(CLOSE_QUOTES)}]?"
            rf"[ \t]*:[ \t]*$"
        ),
    }


def parse_numeric_date(text: str, lang: str | None = None) -> tuple[str, str] | None:
    """A numeric date (see `rasad.text.calendars.numeric_date`): `(ISO date, calendar)` or None.

    >>> parse_numeric_date("۲۵/۰۱/۲۰۲۲"), parse_numeric_date("1401/12/24", "fa")
    (('2022-01-25', 'gregorian'), ('2023-03-15', 'solar_hijri'))
    """
    return numeric_date(fold_chars(text), lang)


def parse_date(text: str, lang: str | None = None) -> tuple[str, str] | None:
    """`(ISO value, calendar)` for the date written in a dateline, or None.

    Numeric forms are parsed here; month names (`3 أيار 2022`, `۲۴ اسفند ۱۴۰۱`, `May 3`) by
    `rasad.extract.timex.parse_absolute_date` when that module is available.

    >>> parse_date("2022-01-25")
    ('2022-01-25', 'gregorian')
    """
    numeric = parse_numeric_date(text, lang)
    if numeric or re.fullmatch(r"[\d\s./\-]+", fold_chars(text)):
        return numeric
    try:
        from rasad.extract.timex import parse_absolute_date
    except ImportError:
        return None
    return parse_absolute_date(text)


@dataclass(frozen=True)
class _Slots:
    """What a dateline form found on a line: its end and which regex groups hold which part."""

    end: int
    outlet: str | None = None  # canonical name
    outlet_group: str | None = None  # group holding an outlet name that is not in the registry
    place_group: str | None = None
    weekday_group: str | None = None
    date_group: str | None = None
    place_span: tuple[int, int] | None = None  # the place, when it is not a regex group (after a byline)


def _slashes(line: str, m: re.Match[str]) -> _Slots | None:
    reg = registry()
    a, b = reg.by_name(m.group("a")), reg.by_name(m.group("b"))
    has_date = m.group("date") is not None
    terminated = m.group("end") is not None or not line[m.end():].strip()
    if not has_date and not ((a or b) and terminated):
        return None
    if a is None and b is not None:  # place / outlet
        return _Slots(m.end(), outlet=b.name, place_group="a", weekday_group="weekday", date_group="date")
    return _Slots(m.end(), outlet=a.name if a else None, outlet_group=None if a else "a", place_group="b",
                  weekday_group="weekday", date_group="date")


def _place_date(m: re.Match[str], lang: str | None) -> _Slots | None:
    if parse_date(m.group("date"), lang) is None:
        return None
    outlet = registry().by_name(m.group("place"))
    if outlet is not None:
        return _Slots(m.end(), outlet=outlet.name, weekday_group="weekday", date_group="date")
    return _Slots(m.end(), place_group="place", weekday_group="weekday", date_group="date")


def _wire(line: str, m: re.Match[str]) -> _Slots | None:
    outlet = registry().by_name(m.group("outlet"))
    if outlet is None or (m.group("end") is None and line[m.end():].strip()):
        return None  # "الرئيس الأسد (سانا) يقول": a parenthesis in a sentence, not a dateline
    return _Slots(m.end(), outlet=outlet.name, place_group="place", date_group="date")


def _registered(m: re.Match[str]) -> _Slots | None:
    """`الدوحة في 15 يناير /قنا/`: the outlet between slashes must be a registered one."""
    outlet = registry().by_name(m.group("outlet"))
    return _Slots(m.end(), outlet=outlet.name, place_group="place", date_group="date") if outlet else None


def _equivalent(m: re.Match[str], lang: str | None) -> _Slots | None:
    """`الرياض 14 شوال 1444 هـ الموافق 04 مايو 2023 م واس`: the Gregorian date after "الموافق"."""
    if parse_date(m.group("date"), lang) is None:
        return None
    outlet = registry().by_name(m.group("outlet")) if m.group("outlet") else None
    return _Slots(m.end(), outlet=outlet.name if outlet else None, place_group="place", date_group="date")


def _colon(m: re.Match[str]) -> _Slots | None:
    outlet = registry().by_name(m.group("outlet"))
    return _Slots(m.end(), outlet=outlet.name) if outlet else None


def _dash(line: str, m: re.Match[str]) -> _Slots | None:
    reg = registry()
    rest = m.group("rest")
    words = list(re.finditer(_LETTERS, rest))
    for n in range(len(words), 0, -1):
        name = rest[: words[n - 1].end()]
        outlet = reg.by_name(name)
        if outlet is None:
            continue
        end = m.start("rest") + words[n - 1].end()
        tail = re.match(rf"[{re.escape(CLOSE_QUOTES)}]?(?:[ \t]*(?:[{_DASHES}]+|:))?", line[end:])
        tail_end = end + (tail.end() if tail else 0)
        terminated = tail_end > end or not line[end:].strip()
        if reg.is_ambiguous(name) and not terminated:
            return None
        byline = _after_byline(line, end, tail_end, outlet)
        if byline is not None:
            return replace(byline, outlet=outlet.name)
        return _Slots(tail_end, outlet=outlet.name, place_group="place")
    return None


def _after_byline(line: str, end: int, tail_end: int, outlet: Outlet) -> _Slots | None:
    """A byline (author, outlet) rather than a place and outlet: `نواف الغضوري- سبق- تبوك:` (the place
    follows, up to a colon), or a web outlet's `عمر إبراهيم – عين اليوم` (news websites sign with the
    author, so no place); else None."""
    if tail_end > end:
        after = re.match(rf"[ \t]*(?P<place>{_LETTERS}(?:[ \t]+{_LETTERS})?)[ \t]*:", line[tail_end:])
        if after:
            return _Slots(tail_end + after.end(), place_span=(tail_end + after.start("place"),
                                                               tail_end + after.end("place")))
    return _Slots(tail_end) if outlet.kind == "website" else None


def _tail_date(line: str, slots: _Slots, m: re.Match[str], lang: str | None) -> re.Match[str] | None:
    """A weekday and full date right after a dateline that has none (`دمشق - سانا - الثلاثاء 14 آذار
    2023`), else None."""
    if slots.date_group is not None and m.group(slots.date_group) is not None:
        return None
    tail = _patterns()["tail_date"].match(line, slots.end)
    if tail is None:
        return None
    parsed = parse_date(tail.group("date"), lang)
    return tail if parsed and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed[0]) else None


def _build(folded: FoldedText, offset: int, m: re.Match[str], slots: _Slots, lang: str | None,
           tail: re.Match[str] | None = None, rule: str | None = None) -> Dateline:
    text = folded.text

    def original(group: str | None, match: re.Match[str] = m) -> str | None:
        if group is None or match.group(group) is None:
            return None
        s, e = folded.span(offset + match.start(group), offset + match.end(group))
        return text[s:e].strip() or None

    raw_end = offset + (tail.end() if tail else slots.end)
    while raw_end > offset and folded.folded[raw_end - 1].isspace():
        raw_end -= 1
    raw_start = offset + m.start()
    while raw_start < raw_end and folded.folded[raw_start].isspace():
        raw_start += 1
    start, stop = folded.span(raw_start, raw_end)
    date_text = original("date", tail) if tail else original(slots.date_group)
    parsed = parse_date(date_text, lang) if date_text else None
    return Dateline(
        start=start,
        end=stop,
        text=text[start:stop],
        place=_place_at(folded, offset, slots.place_span) if slots.place_span else original(slots.place_group),
        outlet=slots.outlet or original(slots.outlet_group),
        weekday=original("weekday", tail) if tail else original(slots.weekday_group),
        date=parsed[0] if parsed else None,
        rule=rule,
    )


def _place_at(folded: FoldedText, offset: int, span: tuple[int, int]) -> str | None:
    s, e = folded.span(offset + span[0], offset + span[1])
    return folded.text[s:e].strip() or None


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= HEADLINE_MAX_WORDS and not stripped.endswith((".", "!", "?", "؟", "…"))


def find_dateline(text: str | FoldedText, lang: str | None = None) -> Dateline | None:
    """The inline dateline near the top of `text`, or None. Offsets are into the original text.

    >>> d = find_dateline("WASHINGTON (Reuters) - The talks ended.")
    >>> d.place, d.outlet, d.text
    ('WASHINGTON', 'Reuters', 'WASHINGTON (Reuters) -')
    """
    folded = text if isinstance(text, FoldedText) else fold_text(text)
    patterns = _patterns()
    return _first_in_top_lines(
        folded.folded, lambda line_offset, line: _parse_line(folded, line_offset, line, patterns, lang)
    )


def _first_in_top_lines(text: str, parse: Callable[[int, str], _T | None]) -> _T | None:
    """The first non-None `parse(line_offset, line)` over the first non-empty lines of `text`: at most
    MAX_LINES lines starting within WINDOW characters, going on past a line only while it looks like
    a headline."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        line_offset, offset = offset, offset + len(line) + 1
        if line_offset > WINDOW:
            break
        if not line.strip():
            continue
        seen += 1
        found = parse(line_offset, line)
        if found is not None:
            return found
        if seen >= MAX_LINES or not _looks_like_headline(line):
            break
    return None


def _parse_line(folded: FoldedText, offset: int, line: str, patterns: dict[str, re.Pattern[str]],
                lang: str | None) -> Dateline | None:
    parsers: tuple[tuple[str, Callable[[re.Match[str]], _Slots | None]], ...] = (
        ("equivalent", lambda m: _equivalent(m, lang)),
        ("in_date_slash", _registered),
        ("slashes", lambda m: _slashes(line, m)),
        ("place_date", lambda m: _place_date(m, lang)),
        ("wire", lambda m: _wire(line, m)),
        ("colon", _colon),
        ("dash", lambda m: _dash(line, m)),
    )
    for name, parse in parsers:
        m = patterns[name].match(line)
        slots = parse(m) if m else None
        if m and slots:
            return _build(folded, offset, m, slots, lang, _tail_date(line, slots, m, lang),
                          rule="dateline:" + name.replace("_", "-"))
    return None


@dataclass(frozen=True)
class DateLine:
    """A line near the top that holds only a full date: `text[start:end]`, `date` is `YYYY-MM-DD`."""

    start: int
    end: int
    text: str
    date: str


def find_date_line(text: str | FoldedText, lang: str | None = None) -> DateLine | None:
    """A full calendar date standing alone on one of the first 3 non-empty lines (below a headline,
    above a dateline), or None. A weekday, a clock time or a trailing dash run may surround the date;
    a day and month without a year is not enough.

    >>> d = find_date_line("عنوان الخبر هنا\\n14 أيار 2023\\n\\nالحسكة - سانا\\nنص الخبر ...")
    >>> d.text, d.date, (d.start, d.end)
    ('14 أيار 2023', '2023-05-14', (16, 28))
    >>> find_date_line("عنوان الخبر هنا\\n14 أيار\\nنص الخبر ...") is None
    True
    """
    original = text.text if isinstance(text, FoldedText) else text
    return _first_in_top_lines(original, lambda line_offset, line: _date_line(line, line_offset, lang))


def _date_line(line: str, offset: int, lang: str | None) -> DateLine | None:
    stripped = line.strip()
    core = re.sub(rf"[ \t{_DASHES}|]+$", "", stripped)
    if not core or len(core) > DATE_LINE_MAX_CHARS or not re.search(r"\d", core):
        return None
    parsed = parse_date(core, lang)
    if parsed is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", parsed[0]):
        return None
    start = offset + line.index(stripped)
    return DateLine(start, start + len(stripped), stripped, parsed[0])
