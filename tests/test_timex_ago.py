"""Regression: "قبل N أسابيع" (the broken plural of week) crashed `find_times` with a bare StopIteration
(issue 7: a SaudiNewsNet record failed the metadata stage). Every unit spelling resolves or is skipped."""

from __future__ import annotations

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.extract.metadata import metadata_stage
from rasad.extract.timex import find_times
from rasad.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انطلقت الحملة قبل 3 أسابيع في المدينة", ("قبل 3 أسابيع", "2023-05-24")),
        ("وصل الوفد قبل 2 أسبوع إلى العاصمة", ("قبل 2 أسبوع", "2023-05-31")),
        ("أغلق المعبر قبل 4 أيام بسبب القصف", ("قبل 4 أيام", "2023-06-10")),
        ("اندلع الحريق قبل 5 أشهر في الغابة", ("قبل 5 أشهر", "2023-01")),
    ],
)
def test_ago_with_every_unit_spelling(text: str, expected: tuple[str, str]) -> None:
    found = [(t.text, t.value) for t in find_times(text, "ar", "2023-06-14")]
    assert expected in found


def test_metadata_stage_survives_weeks_ago_in_the_lead() -> None:
    text = "أعلنت اللجنة أمس نتائج التحقيق الذي بدأ قبل 3 أسابيع فقط من موعد البطولة."
    article = Article.from_raw(RawDocument(source=Source(path="t.txt", sha256="0", format="txt"), text=text))
    article.lang = "ar"
    result = metadata_stage(article, Settings(workers=1))
    assert result.published is None
