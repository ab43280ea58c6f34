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
  Indefinites (`عدة`, `چند`, `several`) are not number expressions; an indefinite Arabic dual of a known
  counted noun (`صاروخين`, `شخصين`) is a count of 2.

Layout: `tokens` (tokenizer), `found` (the expression being built), `base` (scanner state and token
helpers), `dates` (month names, numeric dates, clocks), `parse` (one number at a token), `ranges`
(compounds and ranges), `approx` (approximators, bounds, minus), `nouns` (the counted noun phrase),
`kinds` (count/year/date/percent/money/other), `currency` (the country of a
bare currency word), `labels` (what a count counts), `scan` (the driver,
`find_quantities`), `stage` (the registered stage). The scanner is one class built in layers, each
module's class extending the one before: ScannerBase → DateScanner → NumberParser → RangeJoiner →
Approximator → NounFinder → KindClassifier → CountLabeler → Scanner.

>>> found = find_quantities("نقل نحو 12 ألفاً من مسلحي داعش", "ar")
>>> [(q.text, q.value, q.approximate, q.counted) for q in found]
[('نحو 12 ألفاً', 12000, True, 'ISIS members')]
>>> [(q.text, q.kind) for q in find_quantities("In 2016, 40 ISIS fighters left", "en")]
[('2016', 'year'), ('40', 'count')]
"""

from __future__ import annotations

from .dates import month_index
from .found import Found
from .nouns import MEASURES, QUOTES, SENTENCE_BREAK, group_links
from .scan import Scanner, find_quantities
from .stage import quantities_stage
from .tokens import Token, tokenize

__all__ = [
    "MEASURES",
    "QUOTES",
    "SENTENCE_BREAK",
    "Found",
    "Scanner",
    "Token",
    "find_quantities",
    "group_links",
    "month_index",
    "quantities_stage",
    "tokenize",
]
