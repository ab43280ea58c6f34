"""Finding the number expressions of a text: the scanner's driver and `find_quantities`."""

from __future__ import annotations

from collections.abc import Sequence

from rasad.article import Quantity, TimeExpression
from rasad.extract.numbers import as_number

from .found import Found
from .labels import CountLabeler


class Scanner(CountLabeler):
    """Scan one text: dates and clocks first, then numbers left to right."""

    def run(self) -> list[Quantity]:
        self.months()
        out = self.numeric_dates()
        found_list: list[Found] = []
        i = 0
        for start in self.starts():  # the tokens where an expression may start, left to right
            if start < i or start in self.taken:
                continue
            i = start
            found = self.parse_at(i)
            if found is None:
                found = self.dual_at(i)
                if found is None:
                    i += 1
                    continue
                self.counted_dual(found)
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
            rule=quantity_rule(f),
        )


def quantity_rule(f: Found) -> str:
    """`quantity:FORM+LABEL`: how the number is written (digits, number-words, ordinal-word,
    vague-word, dual) and what labelled it (`noun`: the counted noun phrase after it, `label`: a
    label without a noun phrase, `bare`: a count with nothing counted, else its kind: year, date,
    ordinal, percent, money, other).

    >>> quantity_rule(Found(0, 1, 40, digits=True, kind="count", counted="ISIS members", counted_text="عنصرا"))
    'quantity:digits+noun'
    """
    form = "dual" if f.dual else "digits" if f.digits else "vague-word" if f.vague else (
        "ordinal-word" if f.ordinal else "number-words")
    kind = f.kind or "count"
    label = kind if kind != "count" else "noun" if f.counted_text else "label" if f.counted else "bare"
    return f"quantity:{form}+{label}"


def find_quantities(text: str, lang: str, times: Sequence[TimeExpression] = ()) -> list[Quantity]:
    """All number expressions in `text`, sorted by offset. `times` (optional) marks date spans.

    >>> [(q.value, q.counted) for q in find_quantities("۷۵۰ تروریست داعش را خارج کردند", "fa")]
    [(750, 'ISIS members')]
    """
    return Scanner(text, lang, times).run()
