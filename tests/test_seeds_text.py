"""The text stages on the five real seed articles (read from ../shared at test time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.pipeline import REGISTRY, Stage, analyze_document, resolve
from rasad.settings import Settings

TEXT_STAGES = ["normalize", "clean", "langid", "letters", "segment"]
Z = "\u200c"


def _stages() -> list[Stage]:
    try:
        return resolve(TEXT_STAGES)
    except ImportError:  # other stage modules may not exist yet: use the text stages alone
        import rasad.text.stages  # noqa: F401

        return [REGISTRY[name] for name in TEXT_STAGES]


@pytest.fixture(scope="module")
def seeds(seed_files: list[Path]) -> dict[str, tuple[str, Article]]:
    out = {}
    for path in seed_files:
        raw_text = path.read_text(encoding="utf-8")
        raw = RawDocument(source=Source(sha256="0", format="txt", path=str(path)), text=raw_text)
        out[path.name[:3]] = (raw_text, analyze_document(raw, Settings(workers=1), _stages()))
    return out


def test_languages(seeds: dict[str, tuple[str, Article]]) -> None:
    assert [seeds[k][1].lang for k in sorted(seeds)] == ["ar", "ar", "ar", "ar", "fa"]
    for _, article in seeds.values():
        assert {p.lang for p in article.paragraphs} == {article.lang}


def test_001_has_no_persian_letters_left(seeds: dict[str, tuple[str, Article]]) -> None:
    raw, article = seeds["001"]
    assert any(ch in raw for ch in "یکھ")
    assert not any(ch in article.text for ch in "یکھ")
    assert article.normalization["canonical_letters"] == sum(raw.count(ch) for ch in "یکھ")


def test_002_repeated_paragraph_once(seeds: dict[str, tuple[str, Article]]) -> None:
    raw, article = seeds["002"]
    lines = [line for line in raw.splitlines() if line.strip()]
    repeated = [line for line in lines if lines.count(line) > 1]
    assert repeated, "seed 002 should repeat a paragraph"
    para = repeated[0].strip()
    assert article.text.count(para) == 1
    assert [r.text for r in article.removed if r.kind == "repeated_paragraph"] == [para]


def test_003_keeps_body_and_loses_ticker(seeds: dict[str, tuple[str, Article]]) -> None:
    raw, article = seeds["003"]
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    header = lines.index("آخر الأخبار")
    last_body = lines[header - 1].replace("\u00a0", " ")
    assert article.text.endswith(" ".join(last_body.split()))
    tickers = [r for r in article.removed if r.kind == "boilerplate"]
    assert len(tickers) == 1
    assert tickers[0].text.startswith("آخر الأخبار")
    assert "آخر الأخبار" not in article.text
    assert lines[header + 1].split()[0] not in article.text.split()[-50:]
    assert lines[0] in article.text  # the title line stays


def test_004_zwnj_repaired(seeds: dict[str, tuple[str, Article]]) -> None:
    raw, article = seeds["004"]
    for word in ("سرکرده" + Z + "های", "بین" + Z + "الملل", "تروریست" + Z + "ها"):
        assert word.replace(Z, "") in raw
        assert word in article.text
        assert word.replace(Z, "") not in article.text.replace(word, "")
    for word in ("هواپیماهای", "خودروهای", "مرزهای"):
        assert word in raw and word in article.text
    for prefix in ("می", "نمی"):
        for token in raw.split():
            if token.startswith(prefix) and token.replace(prefix, prefix + Z, 1) in article.text:
                assert token not in article.text.split()
    assert article.normalization["zwnj_repaired"] >= 10


def test_004_footer_marker_removed(seeds: dict[str, tuple[str, Article]]) -> None:
    _, article = seeds["004"]
    assert "انتهای پیام" not in article.text
    assert any(r.rule == "footer:انتهای پیام" for r in article.removed)
    assert article.text.startswith("به گزارش")  # the credit the metadata stage needs stays


def test_002_source_credit_stays(seeds: dict[str, tuple[str, Article]]) -> None:
    raw, article = seeds["002"]
    last = [line for line in raw.splitlines() if line.strip()][-1].strip()
    assert article.text.endswith(last)


def test_offsets_round_trip(seeds: dict[str, tuple[str, Article]]) -> None:
    for _, article in seeds.values():
        assert article.paragraphs and article.sentences
        text = article.text
        for p in article.paragraphs:
            assert text[p.start : p.end].strip() == text[p.start : p.end] != ""
        for s in article.sentences:
            p = article.paragraphs[s.paragraph]
            assert p.start <= s.start < s.end <= p.end


def test_002_dateline_is_not_split(seeds: dict[str, tuple[str, Article]]) -> None:
    _, article = seeds["002"]
    first = article.sentences[0]
    assert "2022" in article.text[first.start : first.end]
    assert article.text[first.start : first.end].count(" . ") >= 2
