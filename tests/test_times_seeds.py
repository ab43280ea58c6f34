"""Time expressions in the shared seed articles (read at test time, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.article import Article, Source
from rasad.extract.times import times_stage
from rasad.extract.timex import find_times
from rasad.settings import Settings


def seed(seeds_dir: Path, prefix: str) -> str:
    found = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if len(found) != 1:
        pytest.fail(f"seed {prefix} missing in {seeds_dir}")
    return found[0].read_text(encoding="utf-8")


def by_text(text: str, lang: str, published: str | None) -> dict[str, tuple[str | None, str]]:
    return {t.text: (t.value, t.calendar) for t in find_times(text, lang, published)}


def test_000_without_published_keeps_the_year_unknown(seeds_dir: Path) -> None:
    found = by_text(seed(seeds_dir, "000"), "ar", None)
    assert found["13 نيسان الماضي"] == ("--04-13", "gregorian")
    assert found["23 أيار"] == ("--05-23", "gregorian")


def test_000_with_published_resolves_the_year(seeds_dir: Path) -> None:
    found = by_text(seed(seeds_dir, "000"), "ar", "2023-06-01")
    assert found["13 نيسان الماضي"] == ("2023-04-13", "gregorian")
    assert found["23 أيار"] == ("2023-05-23", "gregorian")


def test_001_dual_month_date_and_no_run_date(seeds_dir: Path) -> None:
    found = by_text(seed(seeds_dir, "001"), "ar", None)
    assert found["17 يونيو/ حزيران 2018"] == ("2018-06-17", "gregorian")
    assert found["أيلول عام 2016"] == ("2016-09", "gregorian")
    assert found["30 كانون الثاني/ يناير الماضي"] == ("--01-30", "gregorian")
    # "اليوم الاحد" and "أمس" with no published date: unresolved, never the run date.
    assert found["اليوم الاحد"][0] is None
    assert found["أمس"][0] is None


def test_002_count_is_not_a_year(seeds_dir: Path) -> None:
    text = seed(seeds_dir, "002")
    times = find_times(text, "ar", "2022-01-25")
    assert not any("5000" in t.text for t in times)
    assert times[0].value == "2022-01-25"
    assert "25 . 01 . 2022" in times[0].text


def test_004_solar_hijri_month(seeds_dir: Path) -> None:
    assert by_text(seed(seeds_dir, "004"), "fa", None)["آبان ۱۳۹۸"] == (
        "2019-10-23/2019-11-21",
        "solar_hijri",
    )


def test_stage_on_a_seed(seeds_dir: Path) -> None:
    text = seed(seeds_dir, "000")
    article = Article(source=Source(sha256="0", format="txt"), text=text, lang="ar", published="2023-06-01")
    out = times_stage(article, Settings(workers=1))
    assert [t.value for t in out.times] == ["2023-04-13", "2023-05-23"]
    for t in out.times:
        assert text[t.start : t.end] == t.text
