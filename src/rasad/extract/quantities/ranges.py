"""Two numbers that are one expression: compounds (`دو میلیون و ۴۰۰ هزار`) and ranges (`18 to 35`)."""

from __future__ import annotations

from rasad.extract.numbers import as_number

from .found import Found
from .parse import NumberParser


class RangeJoiner(NumberParser):
    """Joins a number with the next one into a compound or a range."""

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
