"""One search folding (`rasad.text.fold.SEARCH`, `search_words`, `search_stem`): the report's page
(in Chromium) and `rasad serve` (tantivy) find the same articles for the same query, whatever the
spelling: Arabic with or without its article and proclitics, Persian ی/ک/ه and ZWNJ, diacritics,
English in any case, and the names of a linked place in three scripts.

The report searches titles, outlets and entity names; serve searches whole texts too. Each article's
text here is its title, so both look at the same words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasad.analyze import analyze
from rasad.outputs import iter_articles
from rasad.report.html import write_report
from rasad.settings import Settings
from report_browser import Watched, chromium, open_report

TITLES = {
    "hasakah-ar": ("ar", "اجتماع مجلس المحافظة في الحسكة"),
    "hasakah-fa": ("fa", "نشست شورای استان در حسکه"),
    "hasakah-en": ("en", "Council meets in Hasakah"),
    "clitics": ("ar", "وصول الوفد إلى دمشق وبغداد"),
    "books-fa": ("fa", "کتاب‌های تازه در نمایشگاه کتاب تهران"),
    "school": ("ar", "افتتاح مَدرسةٍ جديدة في الرياض"),
    "caps": ("en", "NORWAY AND CHILE SIGN FISHING DEAL"),
}
HASAKAH = {"hasakah-ar", "hasakah-fa", "hasakah-en"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles above analysed (text = title), with their report."""
    src = tmp_path_factory.mktemp("parity-input")
    items = [{"title": title, "text": title, "date": f"2024-04-0{n + 1}", "url": f"https://example.org/{key}"}
             for n, (key, (_, title)) in enumerate(TITLES.items())]
    (src / "articles.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    out = tmp_path_factory.mktemp("parity") / "out"
    analyze([src], out, Settings(workers=1, progress=False))
    write_report(out)
    return out


@pytest.fixture(scope="module")
def keys(folder: Path) -> dict[str, str]:
    """Article id → the key of TITLES it was made from."""
    by_title = {title: key for key, (_, title) in TITLES.items()}
    return {r["id"]: by_title[r["title"]] for r in iter_articles(folder)}


@pytest.fixture(scope="module")
def served(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from rasad.serve.folder import AnalysisFolder

    return AnalysisFolder(folder, tmp_path_factory.mktemp("parity-index") / "index")


@pytest.fixture(scope="module")
def page(folder: Path) -> Iterator[Watched]:
    with chromium() as browser:
        watched = open_report(browser, folder / "report.html", "articles")
        yield watched
        assert watched.problems() == []


@pytest.mark.parametrize(("query", "expected"), [
    # a place in three scripts and spellings (the names of its linked entity)
    ("الحسكة", HASAKAH), ("الحسكه", HASAKAH), ("حسكة", HASAKAH), ("حسکه", HASAKAH),
    ("Hasakah", HASAKAH), ("HASAKAH", HASAKAH),
    # the article and proclitics come off a query word
    ("بالحسكة", HASAKAH), ("والحسكة", HASAKAH), ("للحسكة", HASAKAH),
    # and a conjunction off a text word (وبغداد), while a query word keeps it
    ("بغداد", {"clitics"}), ("وبغداد", {"clitics"}), ("دمشق", {"clitics"}),
    # Persian ی ک ه against Arabic ي ك ة, and ZWNJ typed, left out, or the letters joined
    ("کتاب‌های", {"books-fa"}), ("کتابهای", {"books-fa"}), ("كتابهاي", {"books-fa"}), ("نمايشگاه", {"books-fa"}),
    # diacritics, ta marbuta, the article
    ("مدرسة", {"school"}), ("مَدْرَسَة", {"school"}), ("المدرسه", {"school"}), ("الریاض", {"school"}),
    # English in any case
    ("norway", {"caps"}), ("Chile", {"caps"}), ("FISHING deal", {"caps"}),
    # every word must match
    ("مجلس الحسكة", {"hasakah-ar"}), ("Council Hasakah", {"hasakah-en"}), ("غائب", set()),
])
def test_report_and_serve_find_the_same_articles(query: str, expected: set[str], page: Watched, served: Any,
                                                 keys: dict[str, str]) -> None:
    from rasad.serve.records import ArticleQuery

    in_report = {keys[i] for i in page.page.evaluate("q => window.__rasad.find(q)", query)}
    in_serve = {keys[a["id"]] for a in served.find(ArticleQuery(query, size=100)).results}
    assert in_serve == expected
    assert in_report == expected
