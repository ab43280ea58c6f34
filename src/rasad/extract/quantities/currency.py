"""The country of a bare currency word: `60 ألف ليرة` in an article about Lebanon → "Lebanese pounds".

Data: `rasad/lang/currency_nations.tsv` (country and nationality words per generic currency label).

>>> national_labels("ar")["لبنان"]["lira"]
'Lebanese pounds'
"""

from __future__ import annotations

from functools import cache

from rasad.extract.numbers import fold
from rasad.text.data import read_tsv


@cache
def national_labels(lang: str) -> dict[str, dict[str, str]]:
    """Folded country/nationality word → {generic currency label: national label} for `lang`."""
    out: dict[str, dict[str, str]] = {}
    for row in read_tsv("", "currency_nations.tsv"):
        code, term, currency, label = row[:4]
        if code == lang or lang not in ("ar", "fa", "en"):
            out.setdefault(fold(term), {})[currency] = label
    return out


@cache
def generic_currencies(lang: str) -> frozenset[str]:
    """The generic currency labels that a country can make national (lira, pounds, rials ...)."""
    return frozenset(c for by_currency in national_labels(lang).values() for c in by_currency)
