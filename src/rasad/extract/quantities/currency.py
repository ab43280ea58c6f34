"""The country of a bare currency word: `60 ألف ليرة` in an article about Lebanon → "Lebanese pounds".

Data: `rasad/lang/currency_nations.tsv` (country and nationality words per generic currency label).

>>> national_labels("ar")["لبنان"]["lira"]
'Lebanese pounds'
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rasad.extract.numbers import fold


@cache
def national_labels(lang: str) -> dict[str, dict[str, str]]:
    """Folded country/nationality word → {generic currency label: national label} for `lang`."""
    text = (files("rasad") / "lang" / "currency_nations.tsv").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, term, currency, label = line.split("\t")[:4]
        if code == lang or lang not in ("ar", "fa", "en"):
            out.setdefault(fold(term), {})[currency] = label
    return out


@cache
def generic_currencies(lang: str) -> frozenset[str]:
    """The generic currency labels that a country can make national (lira, pounds, rials ...)."""
    return frozenset(c for by_currency in national_labels(lang).values() for c in by_currency)
