"""Translations across languages in `reuse.json`: sentence anchors, the anchor-guided sentence alignment,
and the pairs the reuse stage reports (an Arabic report, its Persian and English translations, and an
independent English report of the same fire that must not pair). All texts are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasad.analyze import analyze
from rasad.corpus.reuse.anchors import Unit
from rasad.corpus.reuse.sentence_align import align_units, check_translation
from rasad.settings import Settings
from rasad.store.duck import Store


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


AR_SOURCE = _text(
    'حريق يلتهم 37 محلاً في سوق الهال بحمص',
    'حمص - سانا',
    'التهم حريق ضخم فجر اليوم الأحد 37 محلاً تجارياً في سوق الهال القديم بمدينة حمص، وأصيب ثلاثة '
    'عمال بحروق طفيفة.',
    'وقال قائد فوج الإطفاء في حمص العميد نزار الخطيب إن 6 سيارات إطفاء شاركت في إخماد الحريق الذي '
    'استمر نحو 4 ساعات.',
    'وأوضح الخطيب أن الأسباب الأولية تشير إلى ماس كهربائي في أحد المستودعات، وأن الأضرار المادية '
    'تقدر بنحو 900 مليون ليرة سورية.',
    'وكان السوق نفسه قد تعرض لحريق مماثل في آب 2019 أتى على 12 محلاً.',
)

FA_TRANSLATION = _text(
    'آتش\u200cسوزی ۳۷ مغازه را در بازار میوه و تره\u200cبار حمص سوزاند',
    'به گزارش ایرنا به نقل از خبرگزاری رسمی سوریه (سانا)، آتش\u200cسوزی بزرگی بامداد یکشنبه ۲۱ مرداد ۱۴۰۳'
    ' در بازار قدیمی میوه و تره\u200cبار شهر حمص ۳۷ مغازه را سوزاند و سه کارگر دچار سوختگی سطحی شدند.',
    'سرتیپ «نزار الخطیب»، فرمانده آتش\u200cنشانی حمص گفت که ۶ خودروی آتش\u200cنشانی در خاموش کردن این آتش که '
    'حدود ۴ ساعت ادامه داشت، شرکت کردند.',
    'به گفته الخطیب، بررسی\u200cهای اولیه نشان می\u200cدهد که اتصال برق در یکی از انبارها علت حادثه بوده و '
    'خسارت مالی حدود ۹۰۰ میلیون لیره سوری برآورد می\u200cشود.',
    'این بازار در اوت ۲۰۱۹ نیز دچار آتش\u200cسوزی مشابهی شده بود که ۱۲ مغازه را از بین برد.',
    'انتهای پیام/',
)

EN_TRANSLATION = _text(
    'Fire destroys 37 shops in Homs wholesale market',
    'HOMS, Aug 11 (SANA) - A huge fire tore through 37 shops in the old wholesale market of Homs at '
    'dawn on Sunday, and three workers suffered minor burns.',
    'Brigadier Nizar al-Khatib, head of the Homs fire brigade, said 6 fire engines took part in '
    'putting out the blaze, which burned for about 4 hours.',
    'Initial findings point to an electrical fault in a warehouse, al-Khatib said, putting the '
    'damage at about 900 million Syrian pounds.',
    'The same market was hit by a similar fire in August 2019 that destroyed 12 shops.',
)

EN_INDEPENDENT = _text(
    "Blaze guts Homs market as Syria's economic crisis deepens",
    'BEIRUT, Aug 11 (Reuters) - Traders in the Syrian city of Homs counted their losses on Sunday '
    'after an overnight fire gutted part of the old wholesale market.',
    'Syrian state media said 37 shops were destroyed and three workers hurt, and that it took '
    'firefighters about 4 hours with 6 engines to bring the blaze under control.',
    'A shopkeeper who gave his name only as Abu Ahmad said he had lost goods worth 40 million pounds'
    ' and had no insurance.',
    'Officials blamed an electrical fault and put the damage at 900 million Syrian pounds, about '
    '$60,000 at the black market rate.',
    'Power cuts of up to 20 hours a day have forced many traders in Homs to rely on makeshift '
    'generators and wiring.',
    'The market burned before, in 2019.',
)

FEED = [
    ("source", "https://sana.example/homs-fire", "2024-08-11", AR_SOURCE),
    ("fa", "https://irna.example/homs-fire", "2024-08-11", FA_TRANSLATION),
    ("en", "https://en.sana.example/homs-fire", "2024-08-12", EN_TRANSLATION),
    ("independent", "https://reuters.example/homs-fire", "2024-08-11", EN_INDEPENDENT),
]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The four articles analysed end to end; {name: article id}."""
    folder = tmp_path_factory.mktemp("translation")
    corpus = folder / "in"
    corpus.mkdir()
    rows = [{"url": url, "date": day, "text": text} for _, url, day, text in FEED]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = folder / "out"
    analyze([corpus], out, Settings(workers=1, progress=False, report=False))
    by_record = {json.loads(line)["source"]["record"]: json.loads(line)["id"]
                 for line in (out / "articles.jsonl").read_text("utf-8").splitlines()}
    return out, {name: by_record[n] for n, (name, *_) in enumerate(FEED, start=1)}


def _pairs(out: Path, ids: dict[str, str]) -> dict[frozenset[str], dict[str, Any]]:
    names = {article_id: name for name, article_id in ids.items()}
    records = json.loads((out / "reuse.json").read_text("utf-8"))
    return {frozenset((names[r["a"]], names[r["b"]])): r for r in records}


@pytest.mark.parametrize(("first", "second"), [("source", "fa"), ("source", "en"), ("fa", "en")])
def test_translations_pair_with_their_source_and_each_other(analysed: tuple[Path, dict[str, str]], first: str,
                                                             second: str) -> None:
    out, ids = analysed
    record = _pairs(out, ids).get(frozenset((first, second)))
    assert record is not None, sorted(map(sorted, _pairs(out, ids)))
    assert record["kind"] == "translation"
    assert record["similarity"] >= 0.8
    assert record["evidence"]["coverage_a"] >= 0.8 and record["evidence"]["coverage_b"] >= 0.8
    assert {"n:37", "n:900000000"} <= {anchor["key"] for anchor in record["evidence"]["anchors"]}


def test_an_independent_report_of_the_same_fire_is_not_a_translation(analysed: tuple[Path, dict[str, str]]) -> None:
    out, ids = analysed
    pairs = _pairs(out, ids)
    assert pairs, "the translations are found"
    assert [sorted(p) for p in pairs if "independent" in p] == []


def test_passages_align_sentences_that_keep_their_numbers(analysed: tuple[Path, dict[str, str]]) -> None:
    out, ids = analysed
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in (out / "articles.jsonl").read_text("utf-8").splitlines()}
    record = _pairs(out, ids)[frozenset(("source", "fa"))]
    a_text, b_text = texts[record["a"]], texts[record["b"]]
    aligned = [(a_text[p["a_start"]:p["a_end"]], b_text[p["b_start"]:p["b_end"]]) for p in record["passages"]]
    assert len(aligned) >= 4
    by_number = {n: [(a, b) for a, b in aligned if n in a] for n in ("900", "2019", "6 ")}
    assert by_number["900"] and all("۹۰۰" in b for _, b in by_number["900"])
    assert by_number["2019"] and all("۲۰۱۹" in b for _, b in by_number["2019"])
    assert by_number["6 "] and all("۶" in b for _, b in by_number["6 "])


def test_who_published_first_and_the_store_rows(analysed: tuple[Path, dict[str, str]]) -> None:
    out, ids = analysed
    pairs = _pairs(out, ids)
    assert pairs[frozenset(("source", "en"))]["first"] == ids["source"]  # 11 August, then 12 August
    assert pairs[frozenset(("source", "fa"))]["first"] is None  # the same day
    with Store(out / "rasad.duckdb") as store:
        rows = [r for r in store.iter_rows("reuse_pairs") if r["kind"] == "translation"]
    assert sorted((r["a"], r["b"]) for r in rows) == sorted(
        (r["a"], r["b"]) for r in pairs.values() if r["kind"] == "translation")
    assert all(r["rule"] and r["evidence"]["languages"] for r in rows)


def _units(*keys: str, length: int = 100) -> list[Unit]:
    """Sentences of `length` characters, each with the anchors given as 'n:4 t:sbh' (or '' for none)."""
    return [Unit(n * (length + 1), n * (length + 1) + length, frozenset(k.split())) for n, k in enumerate(keys)]


SOURCE = _units("n:4 t:sbh d:2024-03-05", "n:8 n:13", "", "n:2017 e:gpe:deir-ez-zor")


@pytest.mark.parametrize(("other", "translation"), [
    (_units("n:4 t:sbh d:2024-03-05", "n:8 n:13", "", "n:2017 e:gpe:deir-ez-zor"), True),  # the same sentences
    (_units("n:4 t:sbh", "n:8 n:13 e:gpe:mayadin", "", "n:2017 e:gpe:deir-ez-zor", "", length=110), True),
    (_units("n:5 t:sbh d:2024-03-05", "n:9 n:14", "", "n:2018 e:gpe:deir-ez-zor"), False),  # other numbers
    (_units("n:2017 e:gpe:deir-ez-zor", "", "n:8 n:13", "n:4 t:sbh d:2024-03-05"), False),  # another order
    (_units("n:4 t:sbh d:2024-03-05", "n:8 n:13", "", "n:2017 e:gpe:deir-ez-zor", "n:40 e:org:sdf",
            "n:3 t:brk", "n:12 e:gpe:hasakah"), False),  # three sentences of its own
], ids=["translation", "some anchors lost, a sign-off added", "other numbers", "another order",
        "paragraphs of its own"])
def test_the_verdict_needs_most_sentences_in_order_with_their_numbers(other: list[Unit], translation: bool) -> None:
    assert check_translation(SOURCE, other, {}).is_translation is translation


def test_a_sentence_split_in_two_is_one_bead() -> None:
    split = _units("n:4 t:sbh d:2024-03-05", "n:8", "n:13", "", "n:2017 e:gpe:deir-ez-zor", length=50)
    split[0] = Unit(0, 100, split[0].keys)
    beads = [(b.a1 - b.a0, b.b1 - b.b0) for b in align_units(SOURCE, split, {}) if b.matched]
    assert (1, 2) in beads and sum(a for a, _ in beads) == len(SOURCE)


def test_reuse_still_reports_copies_when_the_stories_stage_fails(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    import rasad.stages  # noqa: F401  (registers the corpus stages)
    from rasad.corpus.runner import CORPUS_REGISTRY

    def broken(corpus: object, settings: object) -> None:
        raise RuntimeError("stories broke")

    monkeypatch.setitem(CORPUS_REGISTRY, "stories", replace(CORPUS_REGISTRY["stories"], func=broken))
    corpus = tmp_path / "in"
    corpus.mkdir()
    rows = [{"url": url, "date": day, "text": text} for _, url, day, text in FEED]
    edited = AR_SOURCE.replace("ضخم", "كبير")  # a copy with one word changed
    rows.append({"url": "https://copy.example/homs-fire", "date": "2024-08-12", "text": edited})
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "out"
    analyze([corpus], out, Settings(workers=1, progress=False, report=False))
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    failed = [e.get("stage") for e in errors]
    assert "stories" in failed and "reuse" not in failed
    records = json.loads((out / "reuse.json").read_text("utf-8"))
    assert [r["kind"] for r in records] == ["near_duplicate"]  # and no translation: no stories to read
