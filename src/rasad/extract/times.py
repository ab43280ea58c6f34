"""The `times` stage: every time expression in the article, resolved against `article.published`.

Relative expressions (أمس، الأسبوع الماضي، "13 نيسان الماضي") resolve against the published date and
never against the run date; without one they get value None (or `--MM-DD` for a day and month).
A date inside the article's dateline is kept: it is a real date in the text.

>>> from rasad.article import Article, Source
>>> from rasad.settings import Settings
>>> a = Article(Source(sha256="0", format="txt"), text="نقلت القوات أمس", lang="ar", published="2023-05-14")
>>> [t.value for t in times_stage(a, Settings(workers=1)).times]
['2023-05-13']
"""

from __future__ import annotations

from rasad.article import Article
from rasad.extract.timex import find_times
from rasad.pipeline import article_stage
from rasad.settings import Settings


@article_stage("times", requires=("text", "lang", "published"), assigns=("times",))
def times_stage(article: Article, settings: Settings) -> Article:
    """Find time expressions (dates, months, years, relative days, weekdays, Solar Hijri and Hijri dates)."""
    article.times = find_times(article.text, article.lang, article.published)
    return article
