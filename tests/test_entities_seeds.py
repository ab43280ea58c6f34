"""The entities stage on the five real seed articles (read from ../shared at test time)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from rasad.article import Article, Source
from rasad.extract.entities import entities_stage
from rasad.kb.link import describe
from rasad.kb.names import arabic_key
from rasad.settings import Settings

# Seed file prefix → language (000–003 are Arabic, 004 is Persian).
LANGS = {"000": "ar", "001": "ar", "002": "ar", "003": "ar", "004": "fa"}
HASAKAH = (arabic_key("الحسكة"),)


def _article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    article = Article(source=Source(sha256="seed", format="txt", path=path.name), text=text)
    article.lang = LANGS[path.name[:3]]
    return entities_stage(article, Settings(workers=1))


@pytest.fixture(scope="module")
def analysed(seed_files: list[Path]) -> dict[str, Article]:
    return {path.name[:3]: _article(path) for path in seed_files}


def _ids(article: Article) -> set[str]:
    return {e.entity_id for e in article.entities if e.entity_id}


def test_offsets_and_ids(analysed: dict[str, Article]) -> None:
    for article in analysed.values():
        assert article.entities
        for entity in article.entities:
            assert article.text[entity.start : entity.end] == entity.text
            assert entity.entity_id
        spans = sorted((e.start, e.end) for e in article.entities)
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), "overlapping entities"


def test_hasakah_has_one_id_with_coordinates(analysed: dict[str, Article]) -> None:
    naming = [a for a in analysed.values() if any(k in arabic_key(a.text) for k in HASAKAH)]
    assert len(naming) >= 4
    for article in naming:
        ids = {
            e.entity_id
            for e in article.entities
            if arabic_key(e.text).endswith(HASAKAH[0]) and e.entity_id and not e.entity_id.startswith("fac:")
        }
        assert ids == {"gpe:hasakah"}, (article.source.path, ids)
    info = describe("gpe:hasakah")
    assert info is not None and info.lat is not None and info.lon is not None
    assert abs(info.lat - 36.5) < 0.1 and abs(info.lon - 40.75) < 0.1


def test_isis_has_one_id_across_arabic_and_persian(analysed: dict[str, Article]) -> None:
    for key, article in analysed.items():
        assert "org:isis" in _ids(article), key
        daesh = [e for e in article.entities if "داعش" in e.text]
        assert daesh and all(e.entity_id == "org:isis" for e in daesh), key


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_sdf_has_one_id(analysed: dict[str, Article], seed: str) -> None:
    article = analysed[seed]
    assert "org:sdf" in _ids(article)
    sdf = [e for e in article.entities if e.text.endswith("قسد")]
    assert sdf and all(e.entity_id == "org:sdf" for e in sdf)


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_the_prison_is_linked(analysed: dict[str, Article], seed: str) -> None:
    assert "fac:ghwayran-prison" in _ids(analysed[seed])


def test_persian_and_arabic_share_place_ids(analysed: dict[str, Article]) -> None:
    shared = _ids(analysed["004"]) & (_ids(analysed["000"]) | _ids(analysed["001"]) | _ids(analysed["002"]))
    assert {"gpe:hasakah", "org:isis", "gpe:deir-ez-zor", "gpe:syria"} <= shared
