"""Pre-passes before numbers are scanned: month names, weekdays, numeric dates and clock times."""

from __future__ import annotations

from functools import cache, lru_cache

from rasad.article import Quantity
from rasad.extract.numbers import as_number, clitic_variants, lexicon, parse_digits, written_forms
from rasad.limits import MEMO_WORDS
from rasad.text.calendars import plausible_numeric_date
from rasad.text.regex import skipping

from .base import ScannerBase

# led by a lookahead for a digit: the engine skips to digits instead of trying the lookbehind everywhere
_NUMERIC_DATE = skipping(
    r"(?<![\d.,/])(\d{1,4})[ \t]*([./-])[ \t]*(\d{1,2})[ \t]*\2[ \t]*(\d{1,4})(?![\d]|[.,/]\d)"
)
_CLOCK = skipping(r"(?<![\d:])([01]?\d|2[0-3])[:：](\d\d)(?![\d:])")


@cache
def month_index(lang: str) -> dict[str, tuple[int, ...]]:
    """Positions in `lexicon(lang).months` of the month names, by their first folded word."""
    index: dict[str, list[int]] = {}
    for n, month in enumerate(lexicon(lang).months):
        index.setdefault(month[0], []).append(n)
    return {word: tuple(ns) for word, ns in index.items()}


@cache
def _weekday_firsts(lex_lang: str) -> frozenset[str]:
    """First folded words of the weekday phrases of `lexicon(lex_lang)`."""
    return frozenset(key[0] for key in lexicon(lex_lang).context.get("weekday", {}))


@lru_cache(maxsize=MEMO_WORDS)
def _may_name_date(word: str, lex_lang: str, lang: str) -> bool:
    """Whether a word token may start a weekday phrase or a month name (`DateScanner.months`):
    one memoised test per word before the phrase lookups."""
    variants = clitic_variants(word, lang)
    if lang == "fa":
        norm = variants[0]
        if norm.endswith("ماه") and len(norm) > 4:
            variants = (*variants, norm[:-3])
    index, firsts = month_index(lex_lang), _weekday_firsts(lex_lang)
    return any(v in index or v in firsts for v in variants)


@cache
def _date_forms(lex_lang: str, lang: str) -> frozenset[str]:
    """The folded words `_may_name_date` may accept (but Persian words ending in ماه): a quick reject."""
    return written_forms(set(month_index(lex_lang)) | _weekday_firsts(lex_lang), lang)


class DateScanner(ScannerBase):
    """Marks month names and weekdays, finds numeric dates and clock times."""

    def months(self) -> None:
        index = month_index(self.lex.lang)
        forms, persian = _date_forms(self.lex.lang, self.lang), self.lang == "fa"
        for i, tok in enumerate(self.toks):
            if tok.kind != "word" or i in self.month_end:
                continue
            if tok.norm not in forms and not (persian and tok.norm.endswith("ماه")):
                continue  # most words: no form of them names a month or a weekday
            if not _may_name_date(tok.text, self.lex.lang, self.lang):
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

    def numeric_dates(self) -> list[Quantity]:
        out: list[Quantity] = []
        for m in _NUMERIC_DATE.finditer(self.text):
            if not plausible_numeric_date(m.group(1), m.group(3), m.group(4)):
                continue
            # one token group, no value
            out.append(self.quantity(m.start(), m.end(), None, "date", "quantity:numeric-date"))
            self.taken.update(self.token_range(m.start(), m.end()))
        for m in _CLOCK.finditer(self.text):
            if any(k in self.taken for k in self.token_range(m.start(), m.end())):
                continue
            value = as_number(int(parse_digits(m.group(1)) or 0) + int(parse_digits(m.group(2)) or 0) / 60)
            out.append(self.quantity(m.start(), m.end(), value, "time", "quantity:clock"))
            self.taken.update(self.token_range(m.start(), m.end()))
        return out

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
