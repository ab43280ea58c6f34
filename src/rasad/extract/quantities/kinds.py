"""Deciding what a number is: count, year, date, time, ordinal, percent, money or other (codes,
measures, ages, parts of names).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, cached_property

from rasad.extract.counted import word_forms
from rasad.extract.numbers import clitic_variants, lexicon

from .currency import generic_currencies, national_labels
from .found import Found
from .nouns import MEASURES, NounFinder


@cache
def _currency_names(lex_lang: str) -> dict[tuple[str, ...], str]:
    """The currency names and words of `lexicon(lex_lang)` in one table (built once, not per number)."""
    context = lexicon(lex_lang).context
    return {**context.get("currency_name", {}), **context.get("currency", {})}


class KindClassifier(NounFinder):
    """Sets the kind of a number from its context."""

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
            found.kind, found.counted = "money", self.national_currency(cur[1], j + cur[0], i)
            found.counted_text = self.text[self.toks[j].start : self.toks[j + cur[0] - 1].end]
            found.after = j + cur[0]
            return
        rate = self.phrase_at(j, self.role("rate"))
        if rate and self.currency_at(j + rate[0]):  # 30.9 to the dollar
            found.kind = "money"
            named = self.currency_before(self.start_token(found))
            found.counted = self.national_currency(named, i, i) if named else None
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

    def national_currency(self, label: str, after: int, at: int) -> str:
        """A bare currency (`ليرة`, `pounds`) with its country: a nationality word right after it
        (`جنيه مصري`), else the country or nationality named nearest to token `at` in the text."""
        if label not in generic_currencies(self.lang):
            return label
        index = self._nationals.get(label)
        if not index:
            return label
        positions, nationals = index
        for k in range(after, min(after + 2, len(self.toks))):
            i = bisect_left(positions, k)
            if i < len(positions) and positions[i] == k:
                return nationals[i]
        # The nearest position (the earlier one on a tie), found by bisection: scanning every token
        # for every currency would be quadratic in the length of the text.
        i = bisect_left(positions, at)
        if i == len(positions) or (i > 0 and at - positions[i - 1] <= positions[i] - at):
            i -= 1
        return nationals[i]

    def _inside_time(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a time expression (bisection over the times sorted by start,
        with the running maximum of their ends: checking every time for every number is quadratic)."""
        starts, max_ends = self._time_index
        i = bisect_left(starts, end)  # times starting before `end`: the first i
        return i > 0 and max_ends[i - 1] > start

    @cached_property
    def _time_index(self) -> tuple[list[int], list[int]]:
        ordered = sorted(self.times, key=lambda t: t.start)
        max_ends: list[int] = []
        for t in ordered:
            max_ends.append(max(t.end, max_ends[-1]) if max_ends else t.end)
        return [t.start for t in ordered], max_ends

    @cached_property
    def _nationals(self) -> dict[str, tuple[list[int], list[str]]]:
        """For each currency label, the token positions naming a country or nationality with that
        currency (ascending), and the national currency each names (its first word form decides)."""
        nations = national_labels(self.lang)
        index: dict[str, tuple[list[int], list[str]]] = {}
        for k in range(len(self.toks)):
            if not self.is_word(k):
                continue
            seen: set[str] = set()
            for form in word_forms(self.toks[k].text, self.lang):
                for label, national in nations.get(form.removesuffix("'s"), {}).items():
                    if national and label not in seen:
                        seen.add(label)
                        positions, names = index.setdefault(label, ([], []))
                        positions.append(k)
                        names.append(national)
        return index

    def currency_before(self, k: int) -> str | None:
        """The currency named earlier in the sentence (`the Yemeni rial slid to 1,650 against the dollar`)."""
        names = _currency_names(self.lex.lang)
        for m in range(k - 1, max(k - 25, -1), -1):
            tok = self.toks[m]
            if tok.kind == "punct" and tok.text in ".؟?!\n":
                break
            hit = self.phrase_at(m, names) if self.is_word(m) else None
            if hit:
                return hit[1]
        return None

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
        if self._inside_time(tok.start, tok.end):
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

    def thousands_dot(self, found: Found) -> None:
        """`1.402 جريح`: a dot before three digits in a count of people or things is a thousands
        separator (a fraction of a person is impossible); measures keep the decimal."""
        tok = self.toks[found.first]
        if (found.digits and isinstance(found.value, float) and found.counted_text is not None
                and found.counted not in MEASURES and found.last == found.first + 1
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
