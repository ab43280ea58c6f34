"""Regressions (issue 7): outlets that share a name are told apart by domain and country; the
SaudiNewsNet source slugs resolve to registry outlets; the outlet's country and state affiliation
are written beside `outlet`."""

from __future__ import annotations

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.extract.metadata import domain_country, metadata_stage
from rasad.kb.outlets import registry
from rasad.settings import Settings

SNN_SLUGS = ["alriyadh", "aljazirah", "alyaum", "aleqtisadiya", "aawsat", "okaz", "almadina", "alweeam",
             "3alyoum", "sabq", "arreyadi", "arriyadiyah"]


def run(site_name: str | None, url: str | None, text: str = "أعلنت البلدية افتتاح حديقة جديدة.") -> Article:
    raw = RawDocument(source=Source(path="t.json", sha256="0", format="json"), text=text, site_name=site_name,
                      url=url)
    article = Article.from_raw(raw)
    article.lang = "ar"
    return metadata_stage(article, Settings(workers=1))


@pytest.mark.parametrize(
    ("site_name", "url", "outlet", "country"),
    [
        ("alwatan", "http://www.alwatan.com.sa/Local/News_Detail.aspx?ArticleID=7", "Al-Watan (Saudi Arabia)", "SA"),
        ("الوطن", "https://www.alwatan.com.sa/article/12", "Al-Watan (Saudi Arabia)", "SA"),
        ("الوطن", "https://alwatan.sy/archives/1", "Al-Watan (Syria)", "SY"),
        ("was", "http://www.spa.gov.sa/1390001", "Saudi Press Agency", "SA"),
        ("sabq", "https://sabq.org/abc", "Sabq", "SA"),
        ("okaz", None, "Okaz", "SA"),
    ],
)
def test_shared_names_are_told_apart_by_domain(site_name: str, url: str | None, outlet: str, country: str) -> None:
    article = run(site_name, url)
    assert (article.outlet, article.country) == (outlet, country)


def test_shared_name_on_an_unregistered_domain_of_another_country_is_not_the_registered_outlet() -> None:
    article = run("الوطن", "https://www.alwatan.example.sa/news/3")
    assert article.outlet != "Al-Watan (Syria)"


@pytest.mark.parametrize("slug", SNN_SLUGS)
def test_saudinewsnet_slugs_resolve(slug: str) -> None:
    outlet = registry().by_name(slug)
    assert outlet is not None and outlet.country == "SA"


@pytest.mark.parametrize(
    ("text", "outlet", "affiliation"),
    [
        ("دمشق - سانا\nافتتحت المحافظة مدرسة جديدة.", "SANA", "Syrian state news agency"),
        ("الكويت - كونا - الأحد 5 مارس 2023\nافتتحت الوزارة مدرسة جديدة.", "KUNA", "Kuwaiti state news agency"),
        ("بيروت (الميادين) - قال مراسلنا إن الطريق مفتوح.", "Al Mayadeen", None),
    ],
)
def test_country_and_state_affiliation_beside_outlet(text: str, outlet: str, affiliation: str | None) -> None:
    article = run(None, None, text)
    record = article.as_dict()
    assert (record["outlet"], record["state_affiliation"]) == (outlet, affiliation)
    assert list(record)[list(record).index("outlet") + 1 : list(record).index("outlet") + 3] == [
        "country", "state_affiliation"]
    assert Article.from_dict(record).country == record["country"] is not None


@pytest.mark.parametrize(("url", "country"), [("https://www.okaz.com.sa/x", "SA"), ("https://sana.sy", "SY"),
                                              ("https://sabq.org/", None), ("not a url", None),
                                              ("https://news.example.tv/a", None), ("https://x.co/b", None)])
def test_domain_country(url: str, country: str | None) -> None:
    assert domain_country(url) == country


@pytest.mark.parametrize(
    ("url", "text", "cited"),
    [
        ("https://www.alwatan.com.sa/article/5", 'وقال المدير لـ"الوطن" إن المشروع اكتمل.', []),
        ("https://alwatan.sy/archives/5", 'وقال المدير لـ"الوطن" إن المشروع اكتمل.', []),
        ("https://www.okaz.com.sa/news/5", 'وقال المدير لـ"الوطن" إن المشروع اكتمل.', ["Al-Watan (Syria)"]),
    ],
)
def test_own_short_name_is_not_a_citation(url: str, text: str, cited: list[str]) -> None:
    assert run(None, url, text).cited_outlets == cited
