"""`rasad analyze ../shared/corpus/seeds` end to end: the facts the foundation issue asks for,
read from the written articles.jsonl (not from stage internals)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.cli import main

PERSIAN_ONLY_IN_ARABIC = set("یکھ")


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("seeds")
    assert main(["analyze", str(seeds_dir), "--out", str(out), "--no-progress"]) == 0
    records = [json.loads(x) for x in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    assert (out / "errors.jsonl").read_text("utf-8") == "", "no seed may fail"
    by_seed = {Path(r["source"]["path"]).name[:3]: r for r in records}
    assert sorted(by_seed) == ["000", "001", "002", "003", "004"]
    return by_seed


def test_languages(seeds_out: dict[str, dict]) -> None:
    assert [seeds_out[k]["lang"] for k in sorted(seeds_out)] == ["ar", "ar", "ar", "ar", "fa"]


def test_003_keeps_body_and_loses_ticker(seeds_out: dict[str, dict], seeds_dir: Path) -> None:
    rec = seeds_out["003"]
    raw = next(seeds_dir.glob("003_*.txt")).read_text("utf-8")
    body_last = [p for p in raw.split("آخر الأخبار")[0].splitlines() if p.strip()][-1]
    assert body_last.strip()[:60] in rec["text"]
    assert "آخر الأخبار" not in rec["text"]
    tickers = [r for r in rec["removed"] if r["kind"] == "boilerplate" and "آخر الأخبار" in r["text"]]
    assert tickers and "معرض دمشق الدولي" in tickers[0]["text"]


def test_002_repeated_paragraph_kept_once(seeds_out: dict[str, dict]) -> None:
    rec = seeds_out["002"]
    repeats = [r for r in rec["removed"] if r["kind"] == "repeated_paragraph"]
    assert len(repeats) == 1
    assert rec["text"].count(repeats[0]["text"].strip()) == 1


@pytest.mark.parametrize("word", ["سرکرده‌های", "بین‌الملل", "تروریست‌ها", "دفاع‌پرس"])
def test_004_zwnj_repaired(seeds_out: dict[str, dict], word: str) -> None:
    assert word in seeds_out["004"]["text"]
    assert word.replace("\u200c", "") not in seeds_out["004"]["text"].replace(word, "")


@pytest.mark.parametrize("word", ["هواپیماهای", "خودروهای", "مرزهای"])
def test_004_words_without_zwnj_untouched(seeds_out: dict[str, dict], word: str) -> None:
    assert word in seeds_out["004"]["text"]


def test_001_has_no_persian_letters_left(seeds_out: dict[str, dict]) -> None:
    assert not PERSIAN_ONLY_IN_ARABIC & set(seeds_out["001"]["text"])
    assert seeds_out["001"]["normalization"].get("canonical_letters", 0) > 0


def test_002_published_and_citing_sputnik(seeds_out: dict[str, dict]) -> None:
    rec = seeds_out["002"]
    assert rec["published"] == "2022-01-25"
    assert "Sputnik" in rec["cited_outlets"]


def test_004_defa_press_citing_sputnik(seeds_out: dict[str, dict]) -> None:
    rec = seeds_out["004"]
    assert rec["outlet"] == "Defa Press"
    assert "Sputnik" in rec["cited_outlets"]
    assert any(e["role"] == "publisher" and e["outlet"] == "Defa Press" for e in rec["outlet_evidence"])


def test_offsets_point_at_their_text(seeds_out: dict[str, dict]) -> None:
    for rec in seeds_out.values():
        text = rec["text"]
        for key in ("entities", "times", "quantities", "outlet_evidence"):
            for span in rec[key]:
                if span["end"] > span["start"]:
                    assert text[span["start"]:span["end"]] == span["text"], (key, span)
        for para in rec["paragraphs"]:
            assert text[para["start"]:para["end"]].strip()


def test_hasakah_one_id_with_coordinates(seeds_out: dict[str, dict], tmp_path: Path) -> None:
    ids = {e["entity_id"] for rec in seeds_out.values() for e in rec["entities"]
           if e["text"].endswith(("الحسكة", "الحسکه", "حسکه"))}
    assert len(ids) == 1


def test_seed_numbers_and_dates(seeds_out: dict[str, dict]) -> None:
    q004 = {q["text"]: q for q in seeds_out["004"]["quantities"]}
    assert q004["۷۵۰"]["value"] == 750 and q004["۷۵۰"]["counted"] == "ISIS members"
    t000 = {t["text"]: t["value"] for t in seeds_out["000"]["times"]}
    assert "--04-13" in t000.values()
    assert seeds_out["000"]["published"] is None
