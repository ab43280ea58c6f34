"""The registered `quantities` stage."""

from __future__ import annotations

from collections.abc import Sequence

from rasad.article import Article, Quantity, TimeExpression
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


@article_stage("quantities", requires=("text", "lang"), assigns=("quantities",))
def quantities_stage(article: Article, settings: Settings) -> Article:
    """Numbers with value, kind and what they count; dates from `article.times` when present, and
    the parts of those dates left out."""
    article.quantities = without_date_parts(find_quantities(article.text, article.lang, article.times),
                                            article.times)
    return article
