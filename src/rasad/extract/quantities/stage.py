"""The registered `quantities` stage."""

from __future__ import annotations

from collections.abc import Sequence

from rasad.article import Article, Dateline, Quantity, TimeExpression
from rasad.pipeline import article_stage
from rasad.settings import Settings

from .scan import find_quantities

# Kinds of number that are parts of a date or clock time (the day and year of a dateline, the
# ordinal day of "في الخامس من شباط"): inside a time expression they are not quantities.
DATE_PART_KINDS = frozenset({"date", "year", "time"})


def without_date_parts(quantities: Sequence[Quantity], times: Sequence[TimeExpression]) -> list[Quantity]:
    """The quantities that are not a date part lying inside one of `times`.

    >>> from rasad.extract.timex import find_times
    >>> text = "الثلاثاء 14 آذار 2023 وصلت 30 شاحنة"
    >>> [q.text for q in without_date_parts(find_quantities(text, "ar"), find_times(text, "ar"))]
    ['30']
    """
    spans = [(t.start, t.end) for t in times]
    return [q for q in quantities
            if q.kind not in DATE_PART_KINDS or not any(s <= q.start and q.end <= e for s, e in spans)]


@article_stage("quantities", requires=("text", "lang", "times", "dateline"), assigns=("quantities",))
def quantities_stage(article: Article, settings: Settings) -> Article:
    """Numbers with value, kind and what they count; dates from `article.times` when present, and
    the parts of those dates and of the dateline left out."""
    found = without_date_parts(find_quantities(article.text, article.lang, article.times), article.times)
    article.quantities = outside_dateline(found, article.dateline)
    return article


def outside_dateline(quantities: Sequence[Quantity], dateline: Dateline | None) -> list[Quantity]:
    """The quantities that are not inside the dateline (`الكويت - 22 - 2 (كونا) --`: a day and a month,
    metadata rather than content)."""
    if dateline is None:
        return list(quantities)
    return [q for q in quantities if not (dateline.start <= q.start and q.end <= dateline.end)]
