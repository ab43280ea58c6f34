"""The metadata stage on the real seed articles (read from ../shared at test time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.extract.metadata import metadata_stage
from rasad.settings import Settings


def analyse(seed_files: list[Path], number: str, lang: str) -> Article:
    path = next((p for p in seed_files if p.name.startswith(number + "_")), None)
    if path is None:
        pytest.fail(f"seed {number} is missing from {seed_files[0].parent}")
    data = path.read_bytes()
    raw = RawDocument(source=Source(path=str(path), sha256="seed", format="txt"), text=data.decode("utf-8"))
    article = Article.from_raw(raw)
    article.lang = lang
    return metadata_stage(article, Settings(workers=1))


def check_evidence(article: Article) -> None:
    for item in article.outlet_evidence:
        assert item.role in ("publisher", "cited")
        assert article.text[item.start:item.end] == item.text
        assert item.rule


def test_seed_002_al_sumer_vienna_citing_sputnik(seed_files: list[Path]) -> None:
    a = analyse(seed_files, "002", "ar")
    assert a.published == "2022-01-25"
    assert a.published_source == "dateline"
    assert a.dateline is not None
    assert a.dateline.place == "فيينا"
    assert a.dateline.outlet == "Al-Sumer"
    assert a.dateline.start == 0
    assert a.outlet == "Al-Sumer"
    assert "Sputnik" in a.cited_outlets
    assert "Al-Sumer" not in a.cited_outlets
    rules = {e.rule for e in a.outlet_evidence if e.outlet == "Sputnik"}
    assert {"ar:interview", "ar:source_line"} <= rules
    check_evidence(a)


def test_seed_004_defa_press_citing_sputnik(seed_files: list[Path]) -> None:
    a = analyse(seed_files, "004", "fa")
    assert a.outlet == "Defa Press"
    assert a.cited_outlets == ["Sputnik"]
    publisher = next(e for e in a.outlet_evidence if e.role == "publisher")
    assert publisher.start == 0 and publisher.rule == "fa:lead"
    check_evidence(a)


def test_seed_003_al_thawra_citing_sana(seed_files: list[Path]) -> None:
    a = analyse(seed_files, "003", "ar")
    assert a.outlet == "Al-Thawra"
    assert a.cited_outlets == ["SANA"]
    assert a.dateline is not None and a.dateline.text.startswith("الثورة")
    assert a.title is not None and a.text.startswith(a.title)
    check_evidence(a)


def test_seed_001_cites_sana(seed_files: list[Path]) -> None:
    a = analyse(seed_files, "001", "ar")
    assert "SANA" in a.cited_outlets
    assert a.published is None  # no date in the text's dateline or metadata: never the run date
    check_evidence(a)


def test_seed_000_headline_title(seed_files: list[Path]) -> None:
    a = analyse(seed_files, "000", "ar")
    first_line = a.text.split("\n", 1)[0].strip()
    assert a.title == first_line
    assert a.outlet is None and a.cited_outlets == []
