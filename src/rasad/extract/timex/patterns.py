"""Regular expressions for time expressions, built once per language from the language data.

Patterns run on `lexicon.fold(text)` (same length as the text), so match offsets are text offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasad.extract.timex import lexicon
from rasad.text.data import read_tsv
from rasad.text.fold import MARK_GROUPS, TATWEEL
from rasad.text.regex import skipping
from rasad.text.tokens import proclitic_letters

# Arabic diacritics and tatweel, tolerated inside and after words.
_MARKS = f"[{MARK_GROUPS['harakat']}{TATWEEL}]*"
_START = r"(?<!\w)"
_END = r"(?!\w)"


def _ar_start() -> str:
    """A word start that may follow one Arabic proclitic (و ف ب ل ك) or two (وب، فل…)."""
    conj, prep = proclitic_letters("ar", "conj"), proclitic_letters("ar", "prep")
    return rf"(?:(?<!\w)|(?<=(?<!\w)[{conj}{prep}])|(?<=(?<!\w)[{conj}][{prep}]))"


@cache
def era() -> str:
    """Era suffixes after a year (`lang/eras.tsv`): هـ / ه.ق (Hijri), ه.ش / ش (Solar Hijri), م / AD."""
    alternatives = "|".join(row[1] for row in read_tsv("", "eras.tsv") if row[0] == "pattern")
    return rf"(?:\s*(?P<era>{alternatives}))?"


def _plain(lang: str, *kinds: str) -> str:
    """An alternation of a language's words of some kinds, in file order, exactly as written."""
    return "|".join(re.escape(w).replace("\\ ", " ") for w in lexicon.words_of_kind(lang, *kinds))


def _tolerant(phrase_alternation: str) -> str:
    """Allow Arabic diacritics/tatweel between the letters of literal Arabic phrases."""
    out = []
    for ch in phrase_alternation:
        out.append(ch)
        if "\u0600" <= ch <= "\u06ff":
            out.append(_MARKS)
    return "".join(out)


@dataclass(frozen=True)
class LangPatterns:
    lang: str
    named: re.Pattern[str]  # dates with a month name (day / month / year parts optional)
    numeric: re.Pattern[str]  # 25.01.2022, 2023-03-14, ۱۴۰۱/۱۲/۲۴
    year: re.Pattern[str]  # a bare year after a year word or preposition
    relative: re.Pattern[str]  # أمس, last week, هفته گذشته …
    weekday: re.Pattern[str]  # (يوم) الاثنين (الماضي)
    clock: re.Pattern[str]  # الساعة 10 صباحاً, 10 a.m.
    ago: re.Pattern[str]  # قبل 3 أيام, 3 days ago
    season: re.Pattern[str]  # تابستان ۱۴۰۱ (a season word before a year)


def _alt(phrases: list[str]) -> str:
    return _tolerant(lexicon.alternation(phrases))


@cache
def patterns(lang: str) -> LangPatterns:
    """The compiled patterns for `lang` (ar, fa or en)."""
    start = _ar_start() if lang == "ar" else _START
    month_alt = _alt([m.name for m in lexicon.months(lang)])
    weekday_alt = _alt([w.name for w in lexicon.weekdays(lang)])
    marker_alt = _alt(lexicon.words_of_kind(lang, "past", "future", "current", "following"))
    year_marker_alt = _alt(lexicon.words_of_kind(lang, "past", "future", "current"))
    month_word = _alt(lexicon.words_of_kind(lang, "month_word"))
    year_word = _alt(lexicon.words_of_kind(lang, "year_word"))
    prep = _alt(lexicon.words_of_kind(lang, "year_prep"))
    rel_alt = _alt(lexicon.words_of_kind(lang, "day", "week", "month", "year", "vague"))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    of = _plain("ar", "of")  # "من" (of); Persian patterns accept it too
    in_word = rf"(?:\s*(?:{of}\s+)?)" if lang == "ar" else r"\s*"
    day_part = rf"(?:{day}{in_word})?"
    day_words = lexicon.words_of_kind(lang, "day_ordinal")
    if day_words:
        # "اول آوریل"; Arabic ordinal days need "من": "السابع من أكتوبر" (not "الأسبوع الثاني يناير"),
        # except أول (first): "أول يونيو"
        first = _plain(lang, "first_ordinal")
        ordinal_gap = rf"(?:\s+{of}\s+|(?<={first})\s+)" if lang == "ar" else r"\s*"  # أول يونيو
        day_part = rf"(?:{day}{in_word}|(?P<dayw>{_alt(day_words)}){_END}{ordinal_gap})?"
    year = r"(?P<year>\d{4})(?!\d)"

    # Persian may glue or attach "ماه" to the month name: "اردیبهشت‌ماه", "اردیبهشتماه", "دی ماه".
    month_after = _plain(lang, "month_after")
    mah = rf"(?P<mah>\s*(?:{month_after}))?" if month_after else ""

    def months(tag: str = "") -> str:
        first = rf"(?P<m1{tag}>{month_alt}){mah if not tag else ''}{_END}"
        return rf"{first}(?:\s*[/(]\s*(?P<m2{tag}>{month_alt}){_END}(?:\s*\))?)?"

    if lang == "en":
        pre_marker = rf"(?:(?P<pre>(?i:{_plain(lang, 'month_pre')}))\s+)?"
        named = (
            rf"{_START}{pre_marker}(?:"
            rf"(?:{day}\s+(?:of\s+)?{months()})"
            rf"|(?:{months('b')}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))"
            rf"|(?:{months('c')}))"
            rf"(?:,?\s+{year}{era()}|\s+of\s+(?P<rym>(?i:{year_marker_alt}))\s+(?P<ryw>(?i:{year_word})))?{_END}"
        )
        marker = ""
    else:
        named = (
            rf"{start}(?:(?P<pre>{prep})\s+)?{day_part}(?:(?P<mw>{month_word}){_END}\s*)?{months()}"
            rf"(?:[\s,،]*(?:{of}\s+)?(?:(?P<yw>{year_word}){_END}\s*)?{year}{era()}"
            # a year named relatively: "تشرين الأول من العام الماضي", "مهر سال گذشته"
            rf"|\s+(?:{of}\s+)?(?P<ryw>{year_word})\s+(?P<rym>{year_marker_alt}){_MARKS}{_END})?"
        )
        marker = rf"(?:\s+(?P<marker>{marker_alt}){_MARKS}{_END})?"
        named += marker
    numeric = (
        r"(?<![\d.,/:-])(?:(?P<d>[0-3]?\d)\s{0,2}(?P<s1>[./-])\s{0,2}(?P<m>[0-3]?\d)\s{0,2}(?P=s1)\s{0,2}(?P<y>\d{4})"
        r"|(?P<y2>\d{4})\s{0,2}(?P<s2>[./-])\s{0,2}(?P<m2>[01]?\d)\s{0,2}(?P=s2)\s{0,2}(?P<d2>[0-3]?\d))(?![\d/])"
        + era()
    )
    if lang == "en":
        year_noun = _plain(lang, "year_noun")
        year_pat = rf"{_START}(?:(?P<yw>(?i:{year_noun}))|(?P<pre>(?i:{prep})))\s+{year}{era()}{_END}"
    else:
        year_pat = rf"{start}(?:(?P<yw>{year_word})|(?P<pre>{prep})){_END}\s*{year}{era()}"
    not_year = "|".join(re.escape(row[0]) for row in read_tsv("", "not_after_year.txt"))
    year_pat += rf"(?!\s*(?:/|-|\.\d|%|٪|{not_year}))"
    relative = rf"{_START}(?i:{rel_alt}){_END}" if lang == "en" else rf"{start}(?:{rel_alt}){_MARKS}{_END}"
    weekday_intro = _plain(lang, "weekday_intro")
    if lang == "en":
        weekday_intro = f"(?i:{weekday_intro})"
    weekday = rf"{start}(?:(?P<intro>{weekday_intro})\s+)?(?P<wd>{weekday_alt}){_END}{marker}"
    day_part = _plain(lang, "day_part")
    if lang == "en":
        clock = rf"(?<![\w.:])(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?i:{day_part})(?!\w)"
    else:
        hour_ordinal = _plain(lang, "hour_ordinal")
        hour = rf"\d{{1,2}}|(?:{hour_ordinal})(?!\w)" if hour_ordinal else r"\d{1,2}"
        clock = (
            rf"{start}(?:{_plain(lang, 'hour_word')})\s+(?P<h>{hour})(?:[:.](?P<min>\d{{2}}))?"
            rf"(?:\s+(?:{day_part}){_MARKS if lang == 'ar' else ''})?(?!\d)"
        )
    units = "|".join(_plain(lang, f"ago_{unit}") for unit in ("day", "week", "month", "year"))
    if lang == "en":
        units = f"(?i:{units})"
    before, after = _plain(lang, "ago_before"), _plain(lang, "ago_after")
    ago = rf"{start}(?:{before})\s+" if before else _START
    ago += rf"(?P<n>\d{{1,3}})\s+(?P<unit>{units})"
    ago += rf"\s+(?:{after}){_END}" if after else _END
    season_alt = _alt(lexicon.words_of_kind(lang, "season")) or r"(?!x)x"
    season = rf"{start}(?P<season>{season_alt})(?:\s+(?:{year_word}))?\s*{year}{_END}"
    return LangPatterns(  # each scans whole texts: led by a lookahead for its first characters
        lang=lang,
        named=skipping(named),
        numeric=skipping(numeric),
        year=skipping(year_pat),
        relative=skipping(relative),
        weekday=skipping(weekday),
        clock=skipping(clock),
        ago=skipping(ago),
        season=skipping(season),
    )
