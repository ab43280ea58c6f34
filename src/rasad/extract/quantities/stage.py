"""The registered `quantities` stage."""

from __future__ import annotations

from rasad.article import Article
from rasad.pipeline import article_stage
from rasad.settings import Settings

from .scan import find_quantities


@article_stage("quantities", requires=("text", "lang", "times"), assigns=("quantities",))
def quantities_stage(article: Article, settings: Settings) -> Article:
    """Numbers with value, kind and what they count; dates from `article.times` when present."""
    article.quantities = find_quantities(article.text, article.lang, article.times)
    return article
