"""Regular expressions for time expressions, built once per language from the language data.

Patterns run on `lexicon.fold(text)` (same length as the text), so match offsets are text offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rasad.extract.timex import lexicon

# Arabic diacritics and tatweel, tolerated inside and after words.
_MARKS = "[\u064b-\u0652\u0670\u0640]*"
# A word may carry one Arabic proclitic (و ف ب ل ك) or two (وب، فل…) directly before it.
_AR_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
_START = r"(?<!\w)"
_END = r"(?!\w)"
# Era suffixes after a year: هـ / ه.ق (Hijri), ه.ش / ش (Solar Hijri), م / AD (Gregorian).
_ERA = (
    r"(?:\s*(?P<era>ه\u0640*\.?\s*ق\.?|ه\u0640*\.?\s*ش\.?|ه\u0640*(?!\w)|هجري[هي]?|للهجره|ق(?!\w)|قمري|ش(?!\w)|شمسي|"
    r"خورشيدي|م(?!\w)|ميلادي[هي]?|للميلاد|AH|A\.H\.|AD|A\.D\.|CE|BC))?"
)


# Clock hours written as ordinals: "الساعة الثانية فجراً" (folded: ة → ه).
_HOUR_WORDS = r"ال(?:واحده|ثانيه|ثالثه|رابعه|خامسه|سادسه|سابعه|ثامنه|تاسعه|عاشره|حاديه عشره|ثانيه عشره)(?!\w)"


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
    start = _AR_START if lang == "ar" else _START
    month_alt = _alt([m.name for m in lexicon.months(lang)])
    weekday_alt = _alt([w.name for w in lexicon.weekdays(lang)])
    marker_alt = _alt(lexicon.words_of_kind(lang, "past", "future", "current", "following"))
    year_marker_alt = _alt(lexicon.words_of_kind(lang, "past", "future", "current"))
    month_word = _alt(lexicon.words_of_kind(lang, "month_word"))
    year_word = _alt(lexicon.words_of_kind(lang, "year_word"))
    prep = _alt(lexicon.words_of_kind(lang, "year_prep"))
    rel_alt = _alt(lexicon.words_of_kind(lang, "day", "week", "month", "year", "vague"))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    in_word = r"(?:\s*(?:من\s+)?)" if lang == "ar" else r"\s*"
    day_part = rf"(?:{day}{in_word})?"
    day_words = lexicon.words_of_kind(lang, "day_ordinal")
    if day_words:
        # "اول آوریل"; Arabic ordinal days need "من": "السابع من أكتوبر" (not "الأسبوع الثاني يناير"),
        # except أول (first): "أول يونيو"
        ordinal_gap = r"(?:\s+من\s+|(?<=اول)\s+)" if lang == "ar" else r"\s*"  # أول يونيو
        day_part = rf"(?:{day}{in_word}|(?P<dayw>{_alt(day_words)}){_END}{ordinal_gap})?"
    year = r"(?P<year>\d{4})(?!\d)"

    # Persian may glue or attach "ماه" to the month name: "اردیبهشت‌ماه", "اردیبهشتماه", "دی ماه".
    mah = r"(?P<mah>\s*ماه)?" if lang == "fa" else ""

    def months(tag: str = "") -> str:
        first = rf"(?P<m1{tag}>{month_alt}){mah if not tag else ''}{_END}"
        return rf"{first}(?:\s*[/(]\s*(?P<m2{tag}>{month_alt}){_END}(?:\s*\))?)?"

    if lang == "en":
        pre_marker = r"(?:(?P<pre>(?i:last|next|this|early|late|mid|in|since|by|until|from|on))\s+)?"
        named = (
            rf"{_START}{pre_marker}(?:"
            rf"(?:{day}\s+(?:of\s+)?{months()})"
            rf"|(?:{months('b')}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))"
            rf"|(?:{months('c')}))"
            rf"(?:,?\s+{year}{_ERA}|\s+of\s+(?P<rym>(?i:{year_marker_alt}))\s+(?P<ryw>(?i:{year_word})))?{_END}"
        )
        marker = ""
    else:
        named = (
            rf"{start}(?:(?P<pre>{prep})\s+)?{day_part}(?:(?P<mw>{month_word}){_END}\s*)?{months()}"
            rf"(?:[\s,،]*(?:من\s+)?(?:(?P<yw>{year_word}){_END}\s*)?{year}{_ERA}"
            # a year named relatively: "تشرين الأول من العام الماضي", "مهر سال گذشته"
            rf"|\s+(?:من\s+)?(?P<ryw>{year_word})\s+(?P<rym>{year_marker_alt}){_MARKS}{_END})?"
        )
        marker = rf"(?:\s+(?P<marker>{marker_alt}){_MARKS}{_END})?"
        named += marker
    numeric = (
        r"(?<![\d.,/:-])(?:(?P<d>[0-3]?\d)\s{0,2}(?P<s1>[./-])\s{0,2}(?P<m>[0-3]?\d)\s{0,2}(?P=s1)\s{0,2}(?P<y>\d{4})"
        r"|(?P<y2>\d{4})\s{0,2}(?P<s2>[./-])\s{0,2}(?P<m2>[01]?\d)\s{0,2}(?P=s2)\s{0,2}(?P<d2>[0-3]?\d))(?![\d/])"
        + _ERA
    )
    if lang == "en":
        year_pat = rf"{_START}(?:(?P<yw>(?i:year|the year))|(?P<pre>(?i:{prep})))\s+{year}{_ERA}{_END}"
    else:
        year_pat = rf"{start}(?:(?P<yw>{year_word})|(?P<pre>{prep})){_END}\s*{year}{_ERA}"
    year_pat += r"(?!\s*(?:/|-|\.\d|من|الف|مليون|مليار|%|٪|تن|نفر|شخص|person|people|km|kilomet))"
    relative = rf"{_START}(?i:{rel_alt}){_END}" if lang == "en" else rf"{start}(?:{rel_alt}){_MARKS}{_END}"
    weekday_intro = {
        "ar": r"يوم|ليل|ليله|فجر|صباح|مساء|ظهر|عصر|ظهيره",
        "fa": r"روز|شب|شامگاه|بامداد|صبح|عصر|ظهر",
        "en": r"(?i:on|last|next|this|late on|early on)",
    }[lang]
    weekday = rf"{start}(?:(?P<intro>{weekday_intro})\s+)?(?P<wd>{weekday_alt}){_END}{marker}"
    clock = {
        "ar": rf"{start}الساعه\s+(?P<h>\d{{1,2}}|{_HOUR_WORDS})(?:[:.](?P<min>\d{{2}}))?"
        rf"(?:\s+(?:صباحا|مساء|ظهرا|فجرا|ليلا|عصرا|بعد الظهر){_MARKS})?(?!\d)",
        "fa": rf"{start}ساعت\s+(?P<h>\d{{1,2}})(?:[:.](?P<min>\d{{2}}))?"
        r"(?:\s+(?:صبح|بامداد|عصر|شب|بعدازظهر))?(?!\d)",
        "en": r"(?<![\w.:])(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?i:a\.m\.|p\.m\.|am|pm)(?!\w)",
    }[lang]
    ago = {
        "ar": rf"{start}قبل\s+(?P<n>\d{{1,3}})\s+"
        rf"(?P<unit>ايام|يوما|يوم|اسابيع|اسبوعا|اسبوع|اشهر|شهرا|شهور|سنوات|اعوام|سنه|عاما){_END}",
        "fa": rf"{_START}(?P<n>\d{{1,3}})\s+(?P<unit>روز|هفته|ماه|سال)\s+(?:پیش|قبل){_END}".replace(
            "پیش", "پيش"
        ),
        "en": r"(?<!\w)(?P<n>\d{1,3})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+ago(?!\w)",
    }[lang]
    season_alt = _alt(lexicon.words_of_kind(lang, "season")) or r"(?!x)x"
    season = rf"{start}(?P<season>{season_alt})(?:\s+(?:{year_word}))?\s*{year}{_END}"
    return LangPatterns(
        lang=lang,
        named=re.compile(named),
        numeric=re.compile(numeric),
        year=re.compile(year_pat),
        relative=re.compile(relative),
        weekday=re.compile(weekday),
        clock=re.compile(clock),
        ago=re.compile(ago),
        season=re.compile(season),
    )
