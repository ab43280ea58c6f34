"""Finding time mentions: what a span says (day, month, year, calendar, relative word), unresolved.

`find_mentions(text, lang)` returns non-overlapping `Mention`s; `rasad.extract.timex.resolve` turns
them into values against a published date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from rasad.extract.timex import lexicon
from rasad.extract.timex.patterns import LangPatterns, patterns
from rasad.text import calendars
from rasad.text.data import read_tsv
from rasad.text.fold import MARK_GROUPS, TATWEEL, TIMEX_WORDS
from rasad.text.tokens import article, proclitic_letters
from rasad.text.tokens import words as word_tokens

# Gap between a weekday and the date it names ("الثلاثاء 25 . 01 . 2022", "Monday, May 1").
_WEEKDAY_GAP = re.compile(r"^[\s,،]*$")
# Four digits: numeric dates, years and seasons need them (a third of news articles have none).
_FOUR_DIGITS = re.compile(r"\d{4}")
# What the patterns tolerate inside a name (`patterns._MARKS`), and space runs (`\s+` between words).
_TOLERATED = re.compile(f"[{MARK_GROUPS['harakat']}{TATWEEL}]+")
_SPACES = re.compile(r"\s+")


@cache
def _coordination() -> re.Pattern[str]:
    """Gap text that joins two coordinated mentions ("يونيو/ حزيران ويوليو/ تموز الماضيين"): nothing,
    a comma or dash, or a coordination word of any language (`coordination` in relative.tsv)."""
    words = [re.escape(w) for lang in lexicon.LANGS for w in lexicon.words_of_kind(lang, "coordination")]
    return re.compile(rf"^\s*(?:،|,|-|–|{'|'.join(words)})?\s*$")


@cache
def _definite_next() -> re.Pattern[str]:
    """"اليوم" followed by a definite noun is "the … day" (اليوم الوطني، اليوم التالي), not "today"."""
    return re.compile(rf"\s+{article('ar')}\w")


@cache
def _era_keys() -> dict[tuple[str, str], str]:
    """(era suffix without dots, spaces or tatweel, language or "") → calendar (`lang/eras.tsv`)."""
    return {(row[1], row[3] if len(row) > 3 else ""): row[2] for row in read_tsv("", "eras.tsv") if row[0] == "key"}


@cache
def _ago_units(lang: str) -> dict[str, str]:
    """A unit word of "3 days ago" (the `ago_day` … `ago_year` rows of relative.tsv, lower-cased) → unit."""
    return {w.lower(): unit for unit in ("day", "week", "month", "year")
            for w in lexicon.words_of_kind(lang, f"ago_{unit}")}


@dataclass
class Mention:
    start: int
    end: int
    kind: str  # date | weekday | relative | year | clock | vague
    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday
    marker: str | None = None  # past | future | current | following
    unit: str | None = None  # relative unit: day | week | month | year
    amount: int | None = None
    year_offset: int | None = None  # year named relatively: "من العام الماضي" = -1
    months: int = 1  # months covered from `month` on: 3 for a season
    rule: str = ""  # which pattern found it (`timex:numeric-date`, `timex:levantine-month`, ...)


def _era_calendar(era: str | None, lang: str, year: int) -> str | None:
    """The calendar an era suffix names, or the default for a 13xx/14xx year; None for Gregorian."""
    if era:
        e = era.replace(".", "").replace(" ", "").replace(TATWEEL, "")
        keys = _era_keys()
        return keys.get((e, "")) or keys.get((e, lang)) or "hijri"
    if 1300 <= year <= 1500 and lang in ("ar", "fa"):
        return "solar_hijri"
    return None


@cache
def _month_table(lang: str) -> dict[str, tuple[int, str, str]]:
    return {m.name: (m.month, m.calendar, m.family) for m in lexicon.months(lang)}


def _squash(s: str) -> str:
    """No harakat or tatweel, one space between words (`rasad.text.fold.TIMEX_WORDS`)."""
    return TIMEX_WORDS(s)


def _lookup(table: dict[str, tuple[int, str, str]], name: str | None) -> tuple[int, str, str] | None:
    if name is None:
        return None
    key = _squash(name)
    return table.get(key) or table.get(key.rstrip("."))


def _marker_kind(lang: str, word: str | None) -> str | None:
    if not word:
        return None
    key = _squash(word).lower()
    for w in lexicon.relative_words(lang):
        if w.phrase.lower() == key and w.kind in ("past", "future", "current", "following"):
            return w.kind
    return None


_YEAR_OFFSET = {"past": -1, "future": 1, "current": 0}


def _future_context(text: str, lang: str, start: int) -> bool:
    """Whether a future marker ("المقبل", "next", "آینده") is among the few words before `start`
    in the same sentence ("قبل موسم الزراعة المقبل في تشرين الثاني")."""
    before = re.split(r"[.!?؟\n]", text[max(0, start - 40) : start])[-1]
    words = word_tokens(before)[-4:]
    future = {w.lower() for w in lexicon.words_of_kind(lang, "future")}
    return any(w.lower() in future for w in words)


def _future_after(text: str, lang: str, end: int) -> bool:
    """Whether a future auxiliary ("خواهد", "will", "سوف") follows `end` in the same sentence
    ("تا پایان شهریور ... اضافه خواهد شد")."""
    after = re.split(r"[.!?؟\n]", text[end : end + 120])[0]
    aux = {w.lower() for w in lexicon.words_of_kind(lang, "future_aux")}
    return any(w.lower() in aux for w in word_tokens(after))


def _named(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    table = _month_table(lang)
    out = []
    for m in pats.named.finditer(text):
        g = m.groupdict()
        tag = next((t for t in ("", "b", "c") if g.get(f"m1{t}")), "")
        first = _lookup(table, g.get(f"m1{tag}"))
        if first is None:
            continue
        second = _lookup(table, g.get(f"m2{tag}"))
        month, calendar, family = first
        if second is not None and second[0] != month:
            # "أيلول/ سبتمبر" names one month twice; anything else is two things: keep the first.
            second = None
        day_text = g.get("day") or g.get("day2")
        day = int(day_text) if day_text else None
        if g.get("dayw"):
            day = next(w.amount for w in lexicon.relative_words(lang) if w.phrase == _squash(g["dayw"]))
            if _after_definite_noun(text, m.start("dayw"), lang):
                day, g["dayw"] = None, None  # "الأسبوع الثاني من يناير": the ordinal is the week's
        year = int(g["year"]) if g.get("year") else None
        marker = _marker_kind(lang, g.get("marker") or g.get("pre"))
        if day is not None and not 1 <= day <= 31:
            continue
        short = len(_squash(g[f"m1{tag}"]).replace(" ", "")) <= 2
        if calendar in ("solar_hijri", "hijri") and lang != "fa" and year is None:
            continue  # "مهر", "رجب", "صفر" in Arabic text are words or names unless a year follows
        if calendar == "hijri" and year is None and day is None:
            continue
        if short and lang == "fa" and year is None and day is None and not g.get("mw"):
            continue  # "مه", "می", "دی" (Persian) need a day, a year or "ماه" before them
        # Maghrebi names of 5+ letters (جويلية، أفريل) are unambiguous; ماي، جوان، أوت need context.
        distinctive = family == "maghrebi" and len(_squash(g[f"m1{tag}"])) >= 5
        if family == "maghrebi" and day is None and year is None and not (g.get("mw") or marker or distinctive):
            continue
        year_offset = _YEAR_OFFSET.get(_marker_kind(lang, g.get("rym")) or "") if g.get("rym") else None
        has_context = bool(g.get("mw") or marker or second or g.get("pre") or g.get("yw") or distinctive)
        has_context = has_context or year_offset is not None
        if g.get("mah"):
            has_context = True  # "آبان ماه", "اردیبهشت‌ماه"
        if family == "english" and _squash(g[f"m1{tag}"]) not in lexicon.word_set("en", "ambiguous_month"):
            has_context = True  # "the February earthquake"; but "May" and "March" are also words
        if day is None and year is None and not has_context:
            continue
        start = m.start(f"m1{tag}")
        if day_text is not None and g.get("day"):
            start = m.start("day")
        if g.get("dayw"):
            start = m.start("dayw")
        if g.get("mw"):
            start = min(start, m.start("mw"))
        if lang == "en" and marker and g.get("pre"):
            start = m.start("pre")
        end = m.end()
        if year is not None:
            era_cal = _era_calendar(g.get("era"), lang, year)
            if era_cal and era_cal != calendar and calendar == "gregorian" and era_cal != "gregorian":
                continue  # a Gregorian month with a Hijri year: not a date we can trust
        undated = marker is None and year is None and year_offset is None
        if undated and (_future_context(text, lang, start) or _future_after(text, lang, end)):
            marker = "future"
        out.append(Mention(start, end, "date", calendar, year, month, day, marker=marker, year_offset=year_offset,
                           rule=f"timex:{family.replace('_', '-')}-month"))
    return out


def _seasons(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    """Solar Hijri seasons with a year ("تابستان ۱۴۰۱"): three months from the season's first."""
    first = {w.phrase: w.amount for w in lexicon.relative_words(lang) if w.kind == "season"}
    out: list[Mention] = []
    if not first or not _FOUR_DIGITS.search(text):
        return out  # no season words (Arabic, English) or no year: the pattern cannot match
    for m in pats.season.finditer(text):
        year, month = int(m.group("year")), first.get(_squash(m.group("season")))
        if month is None or not 1300 <= year <= 1500:
            continue
        out.append(Mention(m.start(), m.end(), "date", "solar_hijri", year, month, months=3, rule="timex:season"))
    return out


def _anchor_following(ms: list[Mention]) -> list[Mention]:
    """A month "التالي" (following) is the next such month after the last dated mention before it."""
    for i, m in enumerate(ms):
        if m.marker != "following" or m.year is not None or m.month is None:
            continue
        anchor = next((p for p in reversed(ms[:i]) if p.year is not None and p.month is not None), None)
        if anchor is None or anchor.calendar != m.calendar:
            m.marker = "future"
            continue
        assert anchor.year is not None and anchor.month is not None
        m.year = anchor.year if m.month > anchor.month else anchor.year + 1
        m.marker = None
    return ms


def _numeric(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    out: list[Mention] = []
    if not _FOUR_DIGITS.search(text):
        return out
    for m in pats.numeric.finditer(text):
        g = m.groupdict()
        if g["y"]:
            year = int(g["y"])
            day, month = calendars.day_and_month(int(g["d"]), int(g["m"]), lang)
        else:
            year, month, day = int(g["y2"]), int(g["m2"]), int(g["d2"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        calendar = _era_calendar(g.get("era"), lang, year) or "gregorian"
        if calendar == "gregorian" and not 1000 <= year <= 2200:
            continue
        out.append(Mention(m.start(), m.end(), "date", calendar, year, month, day, rule="timex:numeric-date"))
    return out


def _years(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    out: list[Mention] = []
    if not _FOUR_DIGITS.search(text):
        return out
    for m in pats.year.finditer(text):
        year = int(m.group("year"))
        era = m.group("era")
        calendar = _era_calendar(era, lang, year) or "gregorian"
        bare = m.group("yw") is None  # only a preposition before the number
        if calendar == "gregorian" and not (1000 <= year <= 2200):
            continue
        if (
            bare
            and not era
            and not (1900 <= year <= 2100 or (calendar != "gregorian" and 1300 <= year <= 1500))
        ):
            continue
        start = m.start("yw") if m.group("yw") else m.start("year")
        out.append(Mention(start, m.end(), "year", calendar, year, rule="timex:year"))
    return out


@cache
def _relative_phrases(lang: str) -> dict[str, lexicon.RelativeWord]:
    """The relative words of `lang` (days, weeks, months, years, vague) by their lowercased phrase."""
    return {
        re.sub(r"\s+", " ", w.phrase.lower()): w
        for w in lexicon.relative_words(lang)
        if w.kind in ("day", "week", "month", "year", "vague")
    }


def _relative(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    by_phrase = _relative_phrases(lang)
    out = []
    for m in pats.relative.finditer(text):
        key = _squash(m.group(0)).lower()
        word = by_phrase.get(key)
        if word is None:
            continue
        if (
            key in lexicon.word_set("ar", "today")
            and _definite_next().match(text, m.end())
            and not _weekday_at(text, lang, m.end())
        ):
            continue
        if word.kind == "vague":
            out.append(Mention(m.start(), m.end(), "vague", amount=word.amount, rule="timex:vague-word"))
        else:
            # Persian "سال گذشته", "ماه آینده" count Solar Hijri years and months.
            calendar = "solar_hijri" if lang == "fa" and word.kind in ("month", "year") else "gregorian"
            out.append(Mention(m.start(), m.end(), "relative", calendar, unit=word.kind, amount=word.amount,
                               rule="timex:relative-word"))
    for m in pats.ago.finditer(text) if _may_hold_all(text, lang, "ago_before", "ago_after") else ():
        n = int(m.group("n"))
        unit = _ago_units(lang).get(m.group("unit").lower())
        if unit is None:
            continue
        if unit == "week":
            unit, n = "day", n * 7
        out.append(Mention(m.start(), m.end(), "relative", unit=unit, amount=-n, rule="timex:n-units-ago"))
    return out


def _weekday_at(text: str, lang: str, pos: int) -> bool:
    while pos < len(text) and text[pos].isspace():  # not text[pos:].lstrip(): quadratic on a long line
        pos += 1
    m = patterns(lang).weekday.match(text, pos)
    return m is not None and not m.group("intro")


def _after_word(text: str, pos: int, words: set[str]) -> bool:
    """Whether the word just before `pos` (an Arabic proclitic allowed) is one of `words`."""
    before = word_tokens(text[max(0, pos - 20) : pos])
    if not before or not words or text[pos - 1 : pos].isalnum():
        return False
    last = before[-1]
    clitics = proclitic_letters("ar", "conj", "prep")
    return last in words or (len(last) > 3 and last[0] in clitics and last[1:] in words)


def _after_definite_noun(text: str, pos: int, lang: str) -> bool:
    """Whether an Arabic definite noun (not a weekday) directly precedes `pos`: "الأسبوع الثاني"."""
    before = word_tokens(text[max(0, pos - 20) : pos])
    if lang != "ar" or not before or not text[pos - 1 : pos].isspace():
        return False
    weekdays = {w.name for w in lexicon.weekdays(lang)}
    return before[-1].startswith(article(lang)) and before[-1] not in weekdays


def _plain_names(names: list[str]) -> tuple[str, ...]:
    return tuple(_SPACES.sub(" ", _TOLERATED.sub("", name)).strip() for name in names)


@cache
def _weekday_names(lang: str) -> tuple[str, ...]:
    """The weekday names without tolerated marks, one space between words (see `_may_name_weekday`)."""
    return _plain_names([w.name for w in lexicon.weekdays(lang)])


def _may_name_weekday(text: str, lang: str) -> bool:
    """False when no weekday name is in the text even with the marks and tatweel the pattern
    tolerates left out and space runs as one space: then the weekday pattern cannot match (most
    articles). English names keep the pattern's own rules."""
    if lang == "en":
        return True
    plain = _SPACES.sub(" ", _TOLERATED.sub("", text))
    return any(name in plain for name in _weekday_names(lang))


def _weekdays(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    table = {w.name: w for w in lexicon.weekdays(lang)}
    blockers = set(lexicon.words_of_kind(lang, "weekday_block"))
    out: list[Mention] = []
    if not _may_name_weekday(text, lang):
        return out
    for m in pats.weekday.finditer(text):
        name = table.get(_squash(m.group("wd")))
        if name is None:
            continue
        intro = m.group("intro")
        marker = _marker_kind(lang, m.groupdict().get("marker") or (intro if lang == "en" else None))
        if name.needs_context and not (intro or marker):
            continue
        if not (intro or marker) and _after_word(text, m.start(), blockers):
            continue  # "صلاة الجمعة": the Friday prayer, not a day
        out.append(Mention(m.start(), m.end(), "weekday", weekday=name.isoweekday, marker=marker, rule="timex:weekday"))
    return out


def _may_hold_all(text: str, lang: str, *kinds: str) -> bool:
    """False when the (folded) text holds no word of one of `kinds` that a pattern needs literally
    (`patterns._plain`, case kept): the pattern cannot match, and is not run. A kind without words
    needs nothing."""
    return all(any(w in text for w in words) for words in (lexicon.word_set(lang, k) for k in kinds) if words)


def _clocks(text: str, lang: str, pats: LangPatterns) -> list[Mention]:
    if lang != "en" and not _may_hold_all(text, lang, "hour_word"):
        return []  # "الساعة", "ساعت" stand before every clock time outside English
    return [Mention(m.start(), m.end(), "clock", rule="timex:clock") for m in pats.clock.finditer(text)]


def _choose(cands: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions, longest first."""
    chosen: list[Mention] = []
    starts: list[int] = []  # of the chosen mentions, which do not overlap: sorted starts, so sorted ends
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect_left(starts, c.end)  # chosen mentions starting before c ends: the first i
        if i == 0 or ends[i - 1] <= c.start:  # not a scan of all chosen: quadratic on a long text
            chosen.append(c)
            starts.insert(i, c.start)
            ends.insert(i, c.end)
    return sorted(chosen, key=lambda c: c.start)


def _merge_weekdays(text: str, ms: list[Mention]) -> list[Mention]:
    """Fold a weekday into the date or relative day beside it ("الثلاثاء 25 . 01 . 2022", "اليوم الأحد")."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and _WEEKDAY_GAP.match(text[prev.end : m.start]):
            if prev.kind == "weekday" and prev.marker is None and m.kind in ("date",) and m.day is not None:
                out[-1] = replace(m, start=prev.start, weekday=prev.weekday)
                continue
            if prev.kind == "relative" and prev.unit == "day" and m.kind == "date" and m.day is not None:
                out[-1] = replace(m, start=prev.start)  # "اليوم الثلاثاء 11 نيسان 2023": the date decides
                continue
            if m.kind == "weekday" and m.marker is None and prev.kind == "relative" and prev.unit == "day":
                out[-1] = replace(prev, end=m.end, weekday=m.weekday)
                continue
        out.append(m)
    return out


def _coordinate(text: str, ms: list[Mention]) -> list[Mention]:
    """Share a year or past/future marker across coordinated months ("يونيو ويوليو الماضيين")."""
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        if (
            a.kind == b.kind == "date"
            and a.calendar == b.calendar
            and _coordination().match(text[a.end : b.start])
        ):
            if a.year is None and b.year is not None and (a.month or 13) <= (b.month or 0):
                a.year = b.year
            if a.marker is None and b.marker is not None and a.year is None:
                a.marker = b.marker
    return ms


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Time mentions in `text` (any string; folded internally), sorted by start, non-overlapping."""
    lang = lang if lang in lexicon.LANGS else "ar"
    folded = lexicon.fold(text)
    pats = patterns(lang)
    cands: list[Mention] = []
    for finder in (_numeric, _named, _years, _relative, _weekdays, _clocks, _seasons):
        cands.extend(finder(folded, lang, pats))
    return _anchor_following(_coordinate(folded, _merge_weekdays(folded, _choose(cands))))
