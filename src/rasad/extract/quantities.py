"""The `quantities` stage: every number in the text, its value, its kind and what it counts.

`find_quantities(text, lang)` finds digits in any script (`12,000`, `۷۵۰`, `3٫5`), number words and
compounds (`خمسة وعشرون`, `شصت و دو`, `twenty-eight`), scales (`12 ألفاً`), approximators
(`نحو`, `بیش از`, `more than`) and vague amounts (`المئات`, `صدها`, `dozens`), and labels each with a
kind: count, year, date, time, ordinal, percent, money or other (codes, ids, model numbers).

Conventions (documented choices):
- `value` is the number as written (`أكثر من 60` → 60); bounds go to `low`/`high`: "more than N" and
  "at least N" give `low = N` (the stated bound, not N+1), "less than N" / "up to N" give `high = N`.
- Vague amounts have `value = None`, `approximate = True` and a range from `vague.tsv`
  (`عشرات` 20–99, `مئات` 200–999, `آلاف` 2000–9999).
- In a written date the day is kind "date" (value = the day) and the year kind "year"
  (`14 أيار 2023` → 14 date, 2023 year; `عام 2016`, `آبان ۱۳۹۸` → year). A numeric date written as
  one token group (`3/4/2023`, `25 . 01 . 2022`, `۱۴۰۲/۰۱/۲۸`) is one quantity of kind "date" with
  value None.
- Weak words are numbers only with support: Persian `یک` and English `a` need a scale or a counter
  (`یک میلیون`, `یک نفر`), `نه`/`one` need a counted noun; `أحد`/`إحدى` only in compounds (`أحد عشر`).
  Dual nouns (`دفعتين`) and indefinites (`عدة`, `چند`, `several`) are not number expressions.

>>> found = find_quantities("نقل نحو 12 ألفاً من مسلحي داعش", "ar")
>>> [(q.text, q.value, q.approximate, q.counted) for q in found]
[('نحو 12 ألفاً', 12000, True, 'ISIS members')]
>>> [(q.text, q.kind) for q in find_quantities("In 2016, 40 ISIS fighters left", "en")]
[('2016', 'year'), ('40', 'count')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from rasad.article import Article, Quantity, TimeExpression
from rasad.extract.counted import GlossaryEntry, events, glossary
from rasad.extract.numbers import (
    Lexicon,
    NumberWord,
    as_number,
    as_teen,
    ascii_digits,
    can_follow,
    clitic_variants,
    compose,
    compose_since,
    fold,
    has_conjunction,
    lexicon,
    lookup_vague,
    lookup_word,
    parse_digits,
)
from rasad.pipeline import article_stage
from rasad.settings import Settings

_WORD = r"[A-Za-z]+|(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640\u200c\u200d])+"
_TOKEN = re.compile(rf"(?P<num>\d+(?:[.,٫٬،'’]\d+)*)|(?P<word>{_WORD})|(?P<punct>\S)")
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/])(\d{1,4})[ \t]*([./-])[ \t]*(\d{1,2})[ \t]*\2[ \t]*(\d{1,4})(?![\d]|[.,/]\d)"
)
_DECIMAL_COMMA = re.compile(r"(\d+),(\d{1,2})")
_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:：](\d\d)(?![\d:])")
# Labels of measures whose label names the material measured: "tonnes of food".
_MEASURES = {"tonnes", "kilograms", "litres", "barrels", "cubic metres"}
SENTENCE_BREAK = set(".،,؛;:!?؟()[]{}«»\n")
QUOTES = set("\"'“”‘’«»")
LINK_WORDS = {"تنظيم", "جماعه", "مجموعه", "عصابات", "ميليشيا", "group", "of", "the", "from", "in", "في", "من",
              "از", "گروه", "گروهك", "سازمان", "در"}


def _singular(word: str) -> str:
    """A crude English singular for label heads: `civilians` → `civilian`, `people` stays."""
    irregular = {"children": "child", "women": "woman", "men": "man", "gunmen": "gunman",
                 "militiamen": "militiaman", "families": "family", "mercenaries": "mercenary"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@cache
def month_index(lang: str) -> dict[str, tuple[int, ...]]:
    """Positions in `lexicon(lang).months` of the month names, by their first folded word."""
    index: dict[str, list[int]] = {}
    for n, month in enumerate(lexicon(lang).months):
        index.setdefault(month[0], []).append(n)
    return {word: tuple(ns) for word, ns in index.items()}


@dataclass
class Token:
    start: int
    end: int
    text: str
    kind: str  # num | word | punct
    norm: str = ""
    newline_before: bool = False


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        newline = "\n" in text[last : m.start()]
        tokens.append(Token(m.start(), m.end(), m.group(), kind, fold(m.group()), newline))
        last = m.end()
    return tokens


@dataclass
class Found:
    """A number expression being built: token range, value and what is known about it."""

    first: int  # token index of the number itself
    last: int  # token index after the number (and its scale)
    value: int | float | None
    ordinal: bool = False
    digits: bool = False
    low: float | None = None
    high: float | None = None
    vague: bool = False
    span_start: int | None = None  # char offsets when the span grows (approximator, percent sign, الـ)
    span_end: int | None = None
    kind: str | None = None
    approximate: bool = False
    counted: str | None = None
    counted_text: str | None = None
    definite: bool = False
    after: int = 0  # token index after everything consumed (percent sign, currency, ...)


class Scanner:
    """Scan one text: dates and clocks first, then numbers left to right."""

    def __init__(self, text: str, lang: str, times: Sequence[TimeExpression] = ()) -> None:
        self.text = text
        self.lang = lang if lang in ("ar", "fa", "en") else "und"
        self.lex: Lexicon = lexicon(lang)
        self.toks = tokenize(text)
        self.times = [t for t in times if t.end > t.start]
        self.gloss = glossary()
        self.taken: set[int] = set()
        self.month_end: dict[int, int] = {}  # token index of a month name -> token index after it
        self.main_group = self._main_group()
        self.events = events(self.lang)
        self.last_event: tuple[str, str] | None = None  # the event of the last counted number
        self.disaster = self.events.is_disaster([t.text for t in self.toks if t.kind == "word"])

    # ----- helpers over tokens -----
    def word(self, i: int) -> str:
        return self.toks[i].norm if 0 <= i < len(self.toks) else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "word"

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j touch (no space between)."""
        return 0 <= i < j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def phrase_at(self, i: int, phrases: dict[tuple[str, ...], str] | None) -> tuple[int, str] | None:
        """Longest context phrase starting at token i: (length, label)."""
        if not phrases:
            return None
        for n in (3, 2, 1):
            if i + n > len(self.toks):
                continue
            key = tuple(self.toks[k].norm for k in range(i, i + n))
            if key in phrases:
                return n, phrases[key]
            if n == 1 and self.is_word(i):
                for variant in clitic_variants(self.toks[i].text, self.lang):
                    if (variant,) in phrases:
                        return 1, phrases[(variant,)]
        return None

    def phrase_before(self, i: int, phrases: dict[tuple[str, ...], str] | None) -> int | None:
        """Length of the longest phrase ending just before token i."""
        if not phrases:
            return None
        for n in (3, 2, 1):
            if i - n < 0:
                continue
            key = tuple(self.toks[k].norm for k in range(i - n, i))
            if key in phrases:
                return n
            if n == 1 and any((v,) in phrases for v in clitic_variants(self.toks[i - 1].text, self.lang)):
                return 1
        return None

    def role(self, name: str) -> dict[tuple[str, ...], str]:
        return self.lex.context.get(name, {})

    # ----- groups -----
    def _main_group(self) -> str | None:
        counts: Counter[str] = Counter()
        words = [t.text for t in self.toks if t.kind == "word"]
        for k in range(len(words)):
            hit = self.gloss.match(words[k : k + 4], self.lang, ("group",))
            if hit:
                counts[hit[0].label] += 1
        return counts.most_common(1)[0][0] if counts else None

    # ----- pre-passes -----
    def months(self) -> None:
        index = month_index(self.lex.lang)
        for i in range(len(self.toks)):
            if self.toks[i].kind != "word" or i in self.month_end:
                continue
            weekday = self.phrase_at(i, self.role("weekday"))
            if weekday:  # سه شنبه: a weekday, not the number three
                self.taken.update(range(i, i + weekday[0]))
                continue
            variants = clitic_variants(self.toks[i].text, self.lang)
            if self.lang == "fa" and self.toks[i].norm.endswith("ماه") and len(self.toks[i].norm) > 4:
                variants = (*variants, self.toks[i].norm[:-3])  # تیرماه
            candidates = sorted({n for v in variants for n in index.get(v, ())})
            for month in (self.lex.months[n] for n in candidates):
                n = len(month)
                if i + n > len(self.toks):
                    continue
                if all(self.toks[i + m].norm == month[m] for m in range(1, n)):
                    self.month_end[i] = i + n
                    self.taken.update(range(i, i + n))
                    break

    def token_range(self, start: int, end: int) -> list[int]:
        return [k for k, t in enumerate(self.toks) if t.start >= start and t.end <= end]

    def numeric_dates(self) -> list[Quantity]:
        out: list[Quantity] = []
        for m in _NUMERIC_DATE.finditer(self.text):
            a, b, c = (int(parse_digits(m.group(k)) or 0) for k in (1, 3, 4))
            iso = len(m.group(1)) == 4 and 1 <= b <= 12 and 1 <= c <= 31
            dmy = 1 <= a <= 31 and 1 <= b <= 12 and len(m.group(4)) in (2, 4)
            if not (iso or dmy):
                continue
            out.append(self.quantity(m.start(), m.end(), None, "date"))  # one token group, no value
            self.taken.update(self.token_range(m.start(), m.end()))
        for m in _CLOCK.finditer(self.text):
            if any(k in self.taken for k in self.token_range(m.start(), m.end())):
                continue
            value = as_number(int(parse_digits(m.group(1)) or 0) + int(parse_digits(m.group(2)) or 0) / 60)
            out.append(self.quantity(m.start(), m.end(), value, "time"))
            self.taken.update(self.token_range(m.start(), m.end()))
        return out

    def quantity(self, start: int, end: int, value: float | None, kind: str) -> Quantity:
        return Quantity(start=start, end=end, text=self.text[start:end], value=value, kind=kind)

    # ----- number parsing -----
    def parse_at(self, i: int) -> Found | None:
        tok = self.toks[i]
        if tok.kind == "num":
            return self.parse_digits_at(i)
        if tok.kind != "word":
            return None
        vague = self.parse_vague_at(i)
        return vague or self.parse_words_at(i)

    def parse_digits_at(self, i: int) -> Found | None:
        value = parse_digits(self.toks[i].text) or self.decimal_comma(i)
        if value is None:
            return None
        found = Found(i, i + 1, value, digits=True)
        j = i + 1
        if self.is_word(j) and not self.toks[j].newline_before and not self.phrase_at(j, self.role("percent")):
            entry = lookup_word(self.toks[j].text, self.lex)
            if entry and (
                entry.type in ("scale", "plural", "hundred")
                or (entry.type == "abbrev" and self.adjacent(i, j))
            ):
                factor = 100 if entry.type == "hundred" else entry.value
                found.value = as_number(round(value * factor, 6))
                found.last = j + 1
            elif self.adjacent(i, j) and self.word(j) in ("st", "nd", "rd", "th"):
                found.ordinal, found.last = True, j + 1
        prev = i - 1
        if (self.is_word(prev) and self.adjacent(prev, i)
                and (self.word(prev) == "ال" or self.toks[prev].text.endswith("\u0640"))):
            found.definite, found.span_start = True, self.toks[prev].start  # الـ62
        return found

    def decimal_comma(self, i: int) -> float | None:
        """`2,5 مليار`, `13,6 في المائة`: a comma before one or two digits is a decimal comma when a scale
        word or a percent follows."""
        m = _DECIMAL_COMMA.fullmatch(self.toks[i].text)
        if m is None:
            return None
        entry = lookup_word(self.toks[i + 1].text, self.lex) if self.is_word(i + 1) else None
        percent = i + 1 < len(self.toks) and self.phrase_at(i + 1, self.role("percent")) is not None
        if not percent and (entry is None or entry.type not in ("scale", "plural")):
            return None
        return float(f"{parse_digits(m.group(1))}.{ascii_digits(m.group(2))}")

    def parse_vague_at(self, i: int) -> Found | None:
        rng = lookup_vague(self.toks[i].text, self.lex)
        if rng is None:
            return None
        low, high = rng
        j = i + 1
        k = j + 1 if self.word(j) == "of" and self.is_word(j + 1) else j
        entry = lookup_word(self.toks[k].text, self.lex) if self.is_word(k) else None
        scale_range = lookup_vague(self.toks[k].text, self.lex) if self.is_word(k) else None
        if entry and entry.type in ("scale", "plural") and entry.value >= 1000 and low < 1000:
            low, high, j = low * entry.value, (high + 1) * entry.value - 1, k + 1
        elif scale_range and low < 1000 and scale_range[0] >= 2000:  # مئات الآلاف, tens of thousands
            unit = scale_range[0] // 2
            low, high, j = low * unit, (high + 1) * unit - 1, k + 1
        return Found(i, j, None, low=low, high=high, vague=True, approximate=True)

    def parse_words_at(self, i: int) -> Found | None:
        entries: list[NumberWord] = []
        j = i
        since_scale = 0
        while j < len(self.toks):
            tok = self.toks[j]
            if entries and tok.newline_before:
                break
            conj = False
            k = j
            if entries and tok.kind == "punct" and tok.text == "-" and self.adjacent(j - 1, j):
                k = j + 1  # twenty-eight
            elif entries and tok.norm in ("و", "and"):
                conj, k = True, j + 1
            if not self.is_word(k):
                break
            entry = lookup_word(self.toks[k].text, self.lex)
            if entry is None or entry.type in ("block", "abbrev"):
                break
            if not entries and entry.type == "plural":
                break
            if entries:
                conj = conj or has_conjunction(self.toks[k].text, self.lex)
                entry = as_teen(entry, entries[-1], conj)
                if not can_follow(entries[-1], entry, conj, since_scale):
                    break
            entries.append(entry)
            since_scale = 0 if entry.type in ("scale", "plural", "whole") else compose_since(entries)
            j = k + 1
        if not entries:
            return None
        if len(entries) == 1 and not self.single_word_ok(entries[0], j):
            return None
        return Found(i, j, compose(entries), ordinal=any(e.type == "ordinal" for e in entries))

    def single_word_ok(self, entry: NumberWord, nxt: int) -> bool:
        """Weak number words stand alone only before a counter (or, for `weak`, a counted noun)."""
        if entry.flags == "compound":
            return False
        if entry.flags not in ("weak", "article"):
            return True
        words = [t.text for t in self.toks[nxt : nxt + 4] if t.kind == "word"]
        if not words or not self.is_word(nxt):
            return False
        roles = ("counter",) if entry.flags == "article" else ("counter", "noun")
        hit = self.gloss.match(words, self.lang, roles)
        return hit is not None and hit[0].label not in ("times",)

    # ----- context -----
    def approximator(self, found: Found) -> None:
        start = found.first - (1 if found.definite else 0)
        for approx in self.lex.approximators:
            n = len(approx.words)
            if approx.position == "before" and start - n >= 0:
                words = [self.toks[k].norm for k in range(start - n, start)]
                variants = clitic_variants(self.toks[start - n].text, self.lang)
                if words[1:] == list(approx.words[1:]) and approx.words[0] in variants:
                    if any(self.toks[k].kind != "word" for k in range(start - n, start)):
                        continue
                    self.apply_approx(found, approx.mode)
                    found.span_start = self.toks[start - n].start + self.clitic_length(start - n, approx.words[0])
                    return
        for approx in self.lex.approximators:
            n = len(approx.words)
            if approx.position == "after":
                words = [self.toks[k].norm for k in range(found.last, min(found.last + n, len(self.toks)))]
                if tuple(words) == approx.words:
                    self.apply_approx(found, approx.mode)
                    found.span_end = self.toks[found.last + n - 1].end
                    found.after = max(found.after, found.last + n)
                    return

    def clitic_length(self, k: int, word: str) -> int:
        """Characters of a proclitic glued before `word` in token k (`بنحو` → 1), 0 if none."""
        text = self.toks[k].text
        for n in range(1, min(3, len(text) - 1)):
            if fold(text[n:]) == word:
                return n
        return 0

    @staticmethod
    def apply_approx(found: Found, mode: str) -> None:
        found.approximate = True
        if found.value is None:
            return
        if mode in ("more", "atleast"):
            found.low = found.value
        elif mode in ("less", "atmost"):
            found.high = found.value

    def classify(self, found: Found) -> None:
        """Set the kind: other, percent, money, ordinal, time, date, year or count."""
        i, j = found.first, found.last
        tok = self.toks[i]
        found.after = max(found.after, j)
        if (found.digits and self.is_code(found)) or self.is_measure(found) or self.is_age(found):
            found.kind = "other"
            return
        pct = self.phrase_at(j, self.role("percent"))
        if pct:
            found.kind = "percent"
            found.span_end = self.toks[j + pct[0] - 1].end
            found.after = j + pct[0]
            return
        cur = self.phrase_at(j, self.role("currency"))
        if cur:
            found.kind, found.counted = "money", cur[1]
            found.counted_text = self.text[self.toks[j].start : self.toks[j + cur[0] - 1].end]
            found.after = j + cur[0]
            return
        rate = self.phrase_at(j, self.role("rate"))
        if rate and self.currency_at(j + rate[0]):  # 30.9 to the dollar
            found.kind = "money"
            return
        if i > 0 and (self.toks[i - 1].text,) in self.role("currency_prefix"):
            found.kind, found.counted = "money", self.role("currency_prefix")[(self.toks[i - 1].text,)]
            found.span_start = self.toks[i - 1].start
            return
        if found.ordinal and not found.digits and self.phrase_before(i, self.role("time_marker")):
            found.kind = "time"  # الساعة الثانية
            return
        if found.ordinal and not found.digits and self.ordinal_day(found):
            found.kind = "date"  # السابع من أكتوبر, اول آوریل
            return
        if found.ordinal or (found.definite and self.ordinal_context(i - 1)):
            found.kind = "ordinal"
            return
        if found.vague:
            found.kind = "count"
            return
        if found.digits and self.is_name_part(found):
            found.kind = "other"
            return
        time_kind = self.time_kind(found)
        if time_kind:
            found.kind = time_kind
            return
        if found.digits and len(tok.text) <= 4 and isinstance(found.value, int):
            date_kind = self.date_kind(found)
            if date_kind:
                found.kind = date_kind
                return
            if self.is_year(found):
                found.kind = "year"
                return
        found.kind = "count"

    def currency_at(self, k: int) -> bool:
        """A currency starts at token k, after an optional "U.S."/"US" (`to the U.S. dollar`)."""
        while k < len(self.toks) and self.toks[k].text in ("U", "S", ".", "US"):
            k += 1
        return k < len(self.toks) and self.phrase_at(k, self.role("currency")) is not None

    def is_measure(self, found: Found) -> bool:
        """A unit after the number (`21 درجة مئوية`, `6.3 ریشتر`, `95 octane`) or a measure word before it
        (`magnitude 5.9`) makes it a measurement, kind other."""
        return (self.phrase_at(found.last, self.role("measure")) is not None
                or self.phrase_before(self.start_token(found), self.role("measure_before")) is not None)

    def is_age(self, found: Found) -> bool:
        """An age word a few words before (`سن السبعين`, `aged five to 14`, `سن مصدومان بین ۲۰ تا ۶۰`)."""
        if found.approximate or found.vague:
            return False
        for k in self.clause_words(self.start_token(found) - 1, -1, 3):
            if self.phrase_before(k + 1, self.role("age_marker")):
                return True
        return False

    def is_name_part(self, found: Found) -> bool:
        """Digits that end a name: a few words after a name marker (`رزمایش پیامبر اعظم ۱۸`), or in English
        right after a capitalised name inside a sentence (`the Jeddah 1 centre`) with no counted noun."""
        i = found.first
        if found.span_start is not None or found.last != i + 1 or not self.is_word(i - 1):
            return False
        words = self.clause_words(i - 1, -1, 4)
        if any(self.phrase_before(k + 1, self.role("name_marker")) for k in words[1:]):
            return True
        prev = self.toks[i - 1].text
        if self.lang != "en" or not (prev[:1].isupper() and prev[1:].islower()) or len(words) < 2:
            return False
        if (i - 1) in self.month_end or any(e == i for e in self.month_end.values()) or prev.endswith("day"):
            return False
        if not self.toks[words[1]].text[:1].islower():
            return False
        head = self.noun_after(found.last)
        if head is None or not self.toks[head[0]].text[:1].islower():
            return False
        nouns = [k for k in range(head[0], head[0] + 3) if self.noun_at(k) is not None]
        return not nouns or not self.toks[nouns[0]].text.endswith("s")  # a name's noun is singular

    def is_code(self, found: Found) -> bool:
        i = found.first
        digits = re.sub(r"\D", "", self.toks[i].text)
        if self.toks[i].text.isdigit() and (len(digits) >= 9 or (len(digits) >= 7 and digits[0] == "0")):
            return True
        prev = i - 1
        if prev >= 0 and self.adjacent(prev, i) and not found.definite:
            if self.toks[prev].kind == "word" and self.toks[prev].text.isascii():
                return True  # G20, S300
            if self.toks[prev].text in "-+" and self.adjacent(prev - 1, prev) and self.is_word(prev - 1):
                return True  # F-16, إس-400
        nxt = found.last
        suffixes = ("st", "nd", "rd", "th", "k", "m")
        if (nxt < len(self.toks) and self.adjacent(i, nxt) and self.toks[nxt].kind == "word"
                and self.toks[nxt].text.isascii() and self.toks[nxt].norm not in suffixes):
            return True  # 5G
        k = i - 1
        while k >= 0 and (
            (self.toks[k].kind == "punct" and self.toks[k].text in "/:-#.")
            or (self.toks[k].kind == "num" and self.adjacent(k, k + 1) and self.toks[k + 1].text == "/")
        ):
            k -= 1  # resolution 77/228: the number after the slash belongs to the same identifier
        return self.phrase_before(k + 1, self.role("code_marker")) is not None

    def ordinal_day(self, found: Found) -> bool:
        """An ordinal word naming a day of a month: before the month name, in Arabic after "من"
        (السابع من أكتوبر), and not the ordinal of a definite noun (الأسبوع الثاني من يناير)."""
        j = found.last
        if self.lang == "ar" and self.word(j) == "من":
            j += 1
        elif self.lang == "ar" and any(v.startswith("ال") for v in clitic_variants(self.toks[found.first].text, "ar")):
            return False
        if j not in self.month_end:
            return False
        prev = self.start_token(found) - 1
        return not (self.lang == "ar" and self.is_word(prev) and self.word(prev).startswith("ال"))

    def time_word_part(self, found: Found) -> bool:
        """An ordinal word that belongs to a time word before it: أمس الأول (the day before yesterday)."""
        if not found.ordinal or found.digits:
            return False
        return self.phrase_before(found.first, self.role("ordinal_block")) is not None

    def is_designation(self, found: Found) -> bool:
        """Digits glued by a hyphen to a word are a model designation (F-16, إف-16), not a quantity."""
        i = found.first
        return (found.digits and i >= 2 and self.toks[i - 1].text == "-" and self.adjacent(i - 1, i)
                and self.adjacent(i - 2, i - 1) and self.is_word(i - 2))

    def ordinal_context(self, i: int) -> bool:
        markers = self.role("ordinal_context")
        for k in range(max(0, i - 4), i):
            if any((v,) in markers for v in clitic_variants(self.toks[k].text, self.lang)):
                return True
        return False

    def time_kind(self, found: Found) -> str | None:
        value = found.value
        if value is None or not 0 <= value <= 24 or found.approximate:
            return None
        if self.phrase_before(found.first, self.role("time_marker")) or self.phrase_at(
            found.last, self.role("time_suffix")
        ):
            return "time"
        return None

    def date_kind(self, found: Found) -> str | None:
        """'date' for a day or year next to a month name or inside a time expression; 'year' without a day."""
        i = found.first
        value = found.value if isinstance(found.value, int) else -1
        tok = self.toks[i]
        for t in self.times:
            if t.start < tok.end and tok.start < t.end:
                return "year" if 1000 <= value <= 2200 else "date"
        if 1 <= value <= 31 and (found.last in self.month_end or self.month_end_before(i) is not None):
            return "date"
        k = i - 1
        if k >= 0 and self.toks[k].text == ",":
            k -= 1
        if value >= 100 and k >= 0 and self.toks[k].kind == "num" and self.month_end_before(k) is not None:
            return "year"  # June 5, 2023
        if value >= 100 and self.month_end_before(i) is not None:
            head = self.noun_after(found.last) if value < 1000 else None
            return None if head is not None and head[1] is not None else "year"  # أفريل 312 حادث
        return None

    def month_end_before(self, i: int) -> int | None:
        """Start token of a month-name chain (`يونيو/ حزيران`, `أيلول عام`) ending just before i."""
        k = i - 1
        if k >= 0 and self.phrase_before(i, self.role("year_marker")):
            k -= 1
        elif k >= 1 and self.toks[k].text == "." and self.adjacent(k - 1, k) and k in self.month_end.values():
            k -= 1  # "Oct. 13"
        chain_start = None
        while k >= 0:
            starts = [s for s, e in self.month_end.items() if e == k + 1]
            if not starts:
                break
            chain_start = starts[0]
            k = chain_start - 1
            if k >= 0 and self.toks[k].text == "/":
                k -= 1
            else:
                break
        return chain_start

    def is_year(self, found: Found) -> bool:
        value = found.value
        if not isinstance(value, int) or found.approximate or found.last != found.first + 1:
            return False
        if self.phrase_before(found.first, self.role("year_marker")) and 1000 <= value <= 2200:
            return True
        persian = bool(re.search("[\u06f0-\u06f9]", self.toks[found.first].text)) or self.lang == "fa"
        if not (1900 <= value <= 2100 or (persian and 1300 <= value <= 1499)):
            return False
        head = self.noun_after(found.last)
        return head is None or (head[1] is None and not self.phrase_at(found.last, self.role("partitive")))

    # ----- counted -----
    def noun_after(self, j: int) -> tuple[int, GlossaryEntry | None] | None:
        """The head noun after token j (skipping a partitive): (token index, glossary entry or None)."""
        if j >= len(self.toks) or self.toks[j].newline_before:
            return None
        k = j
        if self.toks[k].text == "-" and self.adjacent(k - 1, k):
            k += 1  # 55-kilometre
        if self.is_word(k) and self.phrase_at(k, self.role("partitive")) and self.is_word(k + 1):
            k += 1
        if (
            not self.is_word(k)
            or self.phrase_at(k, self.role("stop"))
            or self.phrase_at(k, self.role("link"))
            or self.parse_at(k) is not None
        ):
            return None
        hit = self.noun_at(k)
        if hit is None:  # an adjective or two before a known noun: four collection centres, US troops
            for skip in (1, 2):
                if self.is_word(k + skip) and not self.phrase_at(k + skip, self.role("stop")):
                    later = self.noun_at(k + skip)
                    if later is not None and later.role == "noun":
                        return k, later
                else:
                    break
        return k, hit

    def noun_at(self, k: int) -> GlossaryEntry | None:
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        hit = self.gloss.noun(words, self.lang)
        return hit[0] if hit else None

    def counted(self, found: Found) -> None:
        """Label what `found` counts: [qualifier] + head noun + [event participle]."""
        noun_end = self.counted_noun(found)
        end = self.material_after(found, noun_end)
        qualifier = self.qualifier_near(found, end) if end == noun_end else None
        event = self.event_near(found, end)
        if event is None and self.last_event is not None and self.after_subset_word(found):
            event = self.last_event  # 12 killed, including two children → children killed
        self.last_event = event
        found.counted = self.compose_label(found.counted, qualifier, event)

    def counted_noun(self, found: Found) -> int | None:
        """Set the glossary label and counted text; the last token of the counted phrase."""
        head = self.noun_after(found.after)
        if head is None:
            return None
        k, entry = head
        end = self.noun_end(k, entry)
        if entry is not None and entry.role == "counter":  # ۱۵۰ تن از عناصر, سه فروند پهپاد
            after = None if self.events_word_at(k + 1) else self.noun_after(k + 1)
            if after and after[1] is not None and after[1].role != "counter":
                k, entry = after
                end = self.noun_end(k, entry)
                found.counted_text = self.text[self.toks[found.after].start : self.toks[end].end]
                group, group_end = self.group_after(end + 1)
                if group_end is not None:
                    found.counted_text = self.text[self.toks[found.after].start : self.toks[group_end].end]
                found.counted = self.gloss.label_with_group(after[1], group)
                return group_end if group_end is not None else end
        if entry is not None and entry.role == "group":  # 40 ISIS fighters, ۷۰ داعشی
            noun = self.noun_at(end + 1) if self.is_word(end + 1) else None
            if noun is not None and noun.role == "noun":
                end = self.noun_end(end + 1, noun)
                found.counted_text = self.text[self.toks[k].start : self.toks[end].end]
                found.counted = self.gloss.label_with_group(noun, entry.label)
                return end
        group, group_end = self.group_after(end + 1)
        if group_end is not None:
            end = group_end
            if end + 1 < len(self.toks) and self.toks[end + 1].text in QUOTES:
                end += 1
        found.counted_text = self.text[self.toks[k].start : self.toks[end].end]
        if entry is not None:
            found.counted = self.gloss.label_with_group(entry, group)
        return end

    def material_after(self, found: Found, end: int | None) -> int | None:
        """`1,500 tonnes of food`, `۴۰ تن مواد غذایی`: a measure takes the material after it into its label
        (after an optional partitive); returns the last token of the counted phrase."""
        if end is None or found.counted not in _MEASURES:
            return end
        k = end + 1
        if self.is_word(k) and self.phrase_at(k, self.role("partitive")):
            k += 1
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        hit = self.gloss.match(words, self.lang, ("material",)) if self.is_word(k) else None
        if hit is None:
            return end
        found.counted = f"{found.counted} of {hit[0].label}"
        last = k + hit[1] - 1
        found.counted_text = self.text[self.toks[found.after].start : self.toks[last].end]
        return last

    def events_word_at(self, k: int) -> bool:
        """Whether an event or subset word starts at token k: after a counter it is what happened
        (۹۰ نفر بازداشت شدند) or who is among them (۹ نفر از جمله چهار کودک), not the counted noun."""
        words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
        return self.is_word(k) and self.events.at(words) is not None

    def start_token(self, found: Found) -> int:
        """Token index where the expression's span starts (approximators and الـ included)."""
        k = found.first
        if found.span_start is not None:
            while k > 0 and self.toks[k - 1].start >= found.span_start:
                k -= 1
        return k

    def clause_words(self, start: int, step: int, limit: int) -> list[int]:
        """Up to `limit` word tokens from `start` going by `step`, stopping at a break or a number."""
        out: list[int] = []
        k = start
        while 0 <= k < len(self.toks) and len(out) < limit:
            tok = self.toks[k]
            if tok.kind != "word" or k in self.taken or (step > 0 and tok.newline_before and out):
                break
            out.append(k)
            if step < 0 and tok.newline_before:
                break
            k += step
        return out

    def event_at(self, k: int) -> tuple[str, str, int] | None:
        words = [t.text for t in self.toks[k : k + 6] if t.kind == "word"]
        hit = self.events.at(words)
        return hit if hit is not None and hit[1] not in ("disaster", "subset") else None

    def after_subset_word(self, found: Found) -> bool:
        """The number follows بينهم / including / از جمله: it is part of the count before it."""
        for k in self.clause_words(self.start_token(found) - 1, -1, 2):
            words = [t.text for t in self.toks[k : k + 3] if t.kind == "word"]
            hit = self.events.at(words)
            if hit is not None and hit[1] == "subset":
                return True
        return False

    def event_near(self, found: Found, end: int | None) -> tuple[str, str] | None:
        """What happened to the counted: an event word just before the number (مقتل 12، killed 12) or
        in the words after the counted noun (۱۴ نفر کشته شدند، 12 people were killed)."""
        for k in self.clause_words(self.start_token(found) - 1, -1, 3):
            hit = self.event_at(k)
            if hit:
                return hit[0], hit[1]
        after = (end if end is not None else max(found.last, found.after) - 1) + 1
        for k in self.clause_words(after, 1, 4):
            hit = self.event_at(k)
            if hit:
                return hit[0], hit[1]
        return None

    def qualifier_near(self, found: Found, end: int | None) -> str | None:
        """A nationality or kind in the counted noun phrase: `9 جنود سوريين`, `US soldiers`, `سرباز آمریکایی`."""
        if end is None:
            return None
        candidates = [*range(max(found.last, found.after), end), end + 1]
        for k in candidates:
            if self.is_word(k) and not self.toks[k].newline_before:
                words = [t.text for t in self.toks[k : k + 4] if t.kind == "word"]
                hit = self.gloss.match(words, self.lang, ("qualifier",))
                if hit:
                    return hit[0].label
        return None

    def compose_label(self, label: str | None, qualifier: str | None,
                      event: tuple[str, str] | None) -> str | None:
        """[qualifier] + head noun + [event participle]; people-events without a noun count people."""
        ev = self.events
        head = label.split()[-1].lower() if label else None
        person = head is None or _singular(head) in ev.person_heads
        if event is not None:
            participle, applies = event
            fits = applies == "any" or (applies == "person") == person
            if not fits or (label is None and applies != "person"):
                event = None
        if label is None:
            if event is None:
                return None
            label = "people"
        if qualifier and qualifier.lower() not in label.lower():
            label = f"{qualifier} {label}"
        if event is not None:
            participle = event[0]
            words = label.lower().split()
            if participle not in words and (_singular(words[-1]), participle) not in ev.status:
                label = f"{label} {participle}"
        if self.disaster:
            label = re.sub(r"\bwounded\b", "injured", label)
        return label

    def noun_end(self, k: int, entry: GlossaryEntry | None) -> int:
        """Last token of the glossary noun starting at or shortly after token k."""
        if entry is None:
            return k
        for m in range(k, min(k + 3, len(self.toks))):
            words = [t.text for t in self.toks[m : m + 4] if t.kind == "word"]
            hit = self.gloss.noun(words, self.lang)
            if hit and hit[0] == entry:
                return m + hit[1] - 1
        return k

    def group_after(self, k: int) -> tuple[str | None, int | None]:
        """A group named within a few linking words after token k: (label, last token index)."""
        unknown = 0
        for m in range(k, min(k + 6, len(self.toks))):
            tok = self.toks[m]
            if tok.newline_before or (tok.kind == "punct" and tok.text in SENTENCE_BREAK):
                break
            if tok.kind != "word":
                if tok.text in QUOTES:
                    continue
                break
            words = [t.text for t in self.toks[m : m + 4] if t.kind == "word"]
            hit = self.gloss.group(words, self.lang)
            if hit:
                entry, n = hit
                label = entry.label if entry.role == "group" else self.main_group
                last = m
                count = 1
                while count < n and last + 1 < len(self.toks):
                    last += 1
                    if self.toks[last].kind == "word":
                        count += 1
                return label, last
            if tok.norm in LINK_WORDS or any(v in LINK_WORDS for v in clitic_variants(tok.text, self.lang)):
                continue
            unknown += 1
            if unknown > 1:
                break
        return None, None

    # ----- driver -----
    def run(self) -> list[Quantity]:
        self.months()
        out = self.numeric_dates()
        found_list: list[Found] = []
        i = 0
        while i < len(self.toks):
            if i in self.taken:
                i += 1
                continue
            found = self.parse_at(i)
            if found is None:
                found = self.dual_at(i)
                if found is None:
                    i += 1
                    continue
                found_list.append(found)
                i = found.last
                continue
            if self.is_designation(found) or self.time_word_part(found):
                i = found.last
                continue
            self.join_compound(found)
            self.join_range(found)
            self.approximator(found)
            self.negative(found)
            self.classify(found)
            is_range = found.low is not None and found.high is not None and not found.vague
            if found.kind == "count" and is_range and self.phrase_at(found.after, self.role("age")):
                found.kind = "other"  # جوانان ۱۸ تا ۳۵ ساله: an age range
            if found.kind in ("count",):
                self.counted(found)
                self.thousands_dot(found)
                self.compared_money(found, found_list)
            found_list.append(found)
            i = max(found.last, found.after)
        self.share_counted(found_list)
        out.extend(self.to_quantity(f) for f in found_list)
        return sorted(out, key=lambda q: (q.start, q.end))

    def negative(self, found: Found) -> None:
        """`منفی ۲۱`, `minus 5`: a minus word right before the number negates it and joins the span."""
        k = self.start_token(found)
        if found.value is None or found.approximate or not self.phrase_before(k, self.role("negative")):
            return
        found.value = -found.value
        found.span_start = self.toks[k - 1].start

    def thousands_dot(self, found: Found) -> None:
        """`1.402 جريح`: a dot before three digits in a count of people or things is a thousands
        separator (a fraction of a person is impossible); measures keep the decimal."""
        tok = self.toks[found.first]
        if (found.digits and isinstance(found.value, float) and found.counted_text is not None
                and found.counted not in _MEASURES and found.last == found.first + 1
                and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", tok.text)):
            found.value = int(tok.text.replace(".", ""))

    def compared_money(self, found: Found, before: list[Found]) -> None:
        """`traded at 615,000 to the dollar, down from 420,000`: a bare number compared with an amount of
        money just before it (from, مقابل) in the same sentence is money too."""
        if found.counted is not None or not before or before[-1].kind != "money":
            return
        prev = before[-1]
        words = self.clause_words(self.start_token(found) - 1, -1, 2)
        if not words or self.word(words[0]) not in ("from", "مقابل", "than", "versus"):
            return
        gap = range(max(prev.last, prev.after), self.start_token(found))
        if any(self.toks[k].text in "!?؟" or self.toks[k].newline_before
               or (self.toks[k].text == "." and len(self.toks[k - 1].text) > 1) for k in gap):
            return  # another sentence ("U.S." is not a sentence end)
        found.kind, found.counted = "money", prev.counted

    def join_compound(self, found: Found) -> None:
        """`دو میلیون و ۴۰۰ هزار`: a scaled amount, "و"/"and", then a smaller amount is one number."""
        j = found.last
        if found.vague or not found.value or found.value < 1000 or self.word(j) not in ("و", "and"):
            return
        unit = 1000
        while found.value % (unit * 1000) == 0:
            unit *= 1000
        if found.value % unit:
            return
        nxt = self.parse_at(j + 1) if j + 1 < len(self.toks) else None
        if nxt is None or nxt.vague or not nxt.value or nxt.value >= unit or nxt.ordinal:
            return
        found.value = as_number(found.value + nxt.value)
        found.last = nxt.last
        found.digits = found.digits and nxt.digits

    def join_range(self, found: Found) -> None:
        """`۱۸ تا ۳۵`, `18 to 35`: two plain numbers joined by a range word are one range (no value)."""
        j = found.last
        hit = self.phrase_at(j, self.role("range")) if found.value is not None and not found.vague else None
        if hit is None and self.word(j) in ("و", "and") and self.phrase_before(found.first, self.role("between")):
            hit = (1, "")  # بين 18 و45, between 21,000 and 23,000
        if hit is None or found.ordinal or j + hit[0] >= len(self.toks):
            return
        nxt = self.parse_at(j + hit[0])
        first = found.value
        if first is None or nxt is None or nxt.vague or nxt.ordinal or nxt.value is None or first >= nxt.value:
            return
        if all(1300 <= v <= 2200 for v in (first, nxt.value)):
            return  # "from 2020 to 2023", "۱۳۹۸ تا ۱۴۰۱": two years
        found.low, found.high, found.value = found.value, nxt.value, None
        found.last = nxt.last

    def dual_at(self, i: int) -> Found | None:
        """An indefinite Arabic dual of a counted noun (مروحيتان، طائرتين، دفعتين) counts two; a dual
        adjective after it (طائرتين مسيرتين) is the same two and names them. Definite duals
        (المسيرتين) refer back to a count already made and are skipped."""
        entry = self.dual_noun(i)
        if entry is None:
            return None
        last = i + 1
        more = self.dual_noun(last)
        if more is not None:
            entry, last = more, last + 1
        found = Found(i, last, 2, kind="count", after=last)
        word = self.toks[i].text
        if len(word) > 5 and fold(word[0]) in "وفبلك" and self.dual_noun_text(word[1:]) is not None:
            found.span_start = self.toks[i].start + 1  # وصاروخين: the conjunction is not the number
        found.counted = entry.label
        found.counted_text = self.text[self.toks[i].start : self.toks[last - 1].end]
        return found

    def dual_noun(self, i: int) -> GlossaryEntry | None:
        """The glossary noun whose indefinite Arabic dual is token i, if any."""
        if self.lang != "ar" or not self.is_word(i) or i in self.taken:
            return None
        return self.dual_noun_text(self.toks[i].text)

    def dual_noun_text(self, word: str) -> GlossaryEntry | None:
        """The glossary noun whose indefinite Arabic dual is `word` (see `dual_noun`)."""
        if any(v.startswith("ال") for v in clitic_variants(word, self.lang)):
            return None
        for suffix, singular in (("تان", "ة"), ("تين", "ة"), ("ان", ""), ("ين", "")):
            stem = word[: -len(suffix)] + singular if word.endswith(suffix) else ""
            if len(stem) < 3:
                continue
            people_only = len(stem) == 3  # شخصين; short stems are too often other words (شهرين)
            if suffix == "ين" and not self.dual_not_plural(stem):
                continue
            hit = self.gloss.match([stem], self.lang, ("noun",))
            if hit and people_only and hit[0].label != "people":
                continue
            if hit and any(tuple(fold(v).split()) == hit[0].words for v in clitic_variants(stem, self.lang)):
                return hit[0]
        return None

    @staticmethod
    def dual_not_plural(stem: str) -> bool:
        """Whether `stem` + ين reads as a dual (صاروخين، جنديين) rather than a sound masculine plural:
        participles (مسلحين، معتقلين) and nisba adjectives (مدنيين، سوريين) take the plural ين."""
        bare = fold(stem)
        for prefix in ("و", "ف", "ب", "ل", "ك"):
            if bare.startswith(prefix) and len(bare) > 4:
                bare = bare[1:]
                break
        return not bare.startswith(("م", "ال")) and not bare.endswith("ي")

    def share_counted(self, found_list: list[Found]) -> None:
        """`المئات بل الآلاف من المدنيين`: an amount joined to the next one shares its noun."""
        for a, b in pairwise(found_list):
            if a.counted_text is None and b.counted_text and a.kind == b.kind == "count":
                gap = range(max(a.last, a.after), b.first)
                if 1 <= len(gap) <= 2 and all(
                    self.phrase_at(g, self.role("link")) or self.word(g) in ("ال",) for g in gap
                ):
                    a.counted, a.counted_text = b.counted, b.counted_text

    def to_quantity(self, f: Found) -> Quantity:
        start = f.span_start if f.span_start is not None else self.toks[f.first].start
        end = f.span_end if f.span_end is not None else self.toks[f.last - 1].end
        value = as_number(f.value) if f.value is not None else None
        return Quantity(
            start=start,
            end=end,
            text=self.text[start:end],
            value=value,
            approximate=f.approximate,
            counted=f.counted,
            kind=f.kind or "count",
            low=f.low,
            high=f.high,
            counted_text=f.counted_text,
        )


def find_quantities(text: str, lang: str, times: Sequence[TimeExpression] = ()) -> list[Quantity]:
    """All number expressions in `text`, sorted by offset. `times` (optional) marks date spans.

    >>> [(q.value, q.counted) for q in find_quantities("۷۵۰ تروریست داعش را خارج کردند", "fa")]
    [(750, 'ISIS members')]
    """
    return Scanner(text, lang, times).run()


@article_stage("quantities", requires=("text", "lang"), assigns=("quantities",))
def quantities_stage(article: Article, settings: Settings) -> Article:
    """Numbers with value, kind and what they count; dates from `article.times` when present."""
    article.quantities = find_quantities(article.text, article.lang, article.times)
    return article
