"""The attributions stage: sources, their kinds, the outlet they are credited to, and the chain; the
seeds' attribution chains; the eval command and its floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.article import Article, RawDocument, Source
from rasad.cli import main
from rasad.eval import attributions as evaluation
from rasad.extract.attributions import KINDS, lexicon
from rasad.pipeline import analyze_document, resolve
from rasad.settings import Settings

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
SETTINGS = Settings(workers=1, progress=False)


def analyse(text: str, name: str = "t.txt") -> Article:
    raw = RawDocument(Source(sha256=f"{abs(hash(text)):064x}"[:64], format="txt", path=name), text)
    return analyze_document(raw, SETTINGS, resolve(SETTINGS.stages))


def sources(text: str) -> list[tuple[str, str]]:
    return [(a.source, a.source_kind) for a in analyse(text).attributions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic: verb first, the source after it; the anaphor takes the earlier source's kind
        ("وذكرت مصادر ميدانية أن القافلة وصلت إلى البلدة.\nوأضافت المصادر أن الطريق مغلق.",
         [("مصادر ميدانية", "anonymous"), ("المصادر", "anonymous")]),
        # an indefinite official is anonymous, a definite ministry is official
        ("قال مسؤول أمني إن الهجوم فشل.\nوأعلنت وزارة النقل إغلاق المطار.",
         [("مسؤول أمني", "anonymous"), ("وزارة النقل", "official")]),
        # a report is a document; a source phrase before its verb
        ("وبحسب دراسة جامعية فإن الأسعار ارتفعت.\nمصادر تجارية تؤكد أن السوق هادئة.",
         [("دراسة جامعية", "document"), ("مصادر تجارية", "anonymous")]),
        # Persian: the source opens the clause, the verb closes it
        ("منابع محلی از انفجار در بندر خبر دادند.\nسخنگوی دولت افزود که تحقیقات ادامه دارد.",
         [("منابع محلی", "anonymous"), ("سخنگوی دولت", "official")]),
        # English: source before the verb; "officials" without a determiner are unnamed
        ("Port officials said the ship had docked. The transport ministry said on Friday it was investigating.",
         [("Port officials", "anonymous"), ("The transport ministry", "official")]),
        ("According to a leaked memo, the plan was approved in May.", [("a leaked memo", "document")]),
    ],
)
def test_sources_and_their_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert sources(text) == expected


def test_a_relay_names_the_outlet_and_the_source() -> None:
    article = analyse("نقلت وكالة رويترز عن مصادر مطلعة أن المفاوضات توقفت.")
    assert len(article.attributions) == 1
    attribution = article.attributions[0]
    assert (attribution.source, attribution.source_kind, attribution.cited_outlet) == (
        "مصادر مطلعة", "anonymous", "Reuters")
    assert [link["role"] for link in attribution.chain] == ["cited_outlet", "source"]


def test_an_outlet_credited_between_source_and_verb_is_cited() -> None:
    article = analyse("منابع آگاه به خبرگزاری اسپوتنیک گفتند که مذاکرات متوقف شده است.")
    assert [(a.source, a.cited_outlet) for a in article.attributions] == [("منابع آگاه", "Sputnik")]


def test_a_verb_with_no_named_source_is_not_an_attribution() -> None:
    assert sources("وأوضح أن الوزارة رفعت جاهزية المستشفيات.") == []


def test_every_kind_the_stage_writes_is_a_contract_kind() -> None:
    texts = ["قال مسؤول أمني إن الهجوم فشل.", "According to a leaked memo, the plan was approved.",
             "منابع محلی از انفجار در بندر خبر دادند."]
    found = [a for text in texts for a in analyse(text).attributions]
    assert found
    assert all(a.source_kind in KINDS for a in found)


def test_spans_point_into_the_text() -> None:
    article = analyse("وذكرت مصادر ميدانية أن القافلة وصلت.\nSources said it was late.")
    assert article.attributions
    for a in article.attributions:
        assert article.text[a.start:a.end] == a.text
        assert a.source_start is not None and a.source_end is not None
        assert article.text[a.source_start:a.source_end] == a.source


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_lexicons_load(lang: str) -> None:
    lex = lexicon(lang)
    assert lex.verbs and lex.nouns and lex.stops


# --- the seeds -----------------------------------------------------------------------------------


def seed(seeds_dir: Path, prefix: str) -> Article:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return analyse(path.read_text("utf-8"), path.name)


def test_seed_000_cites_anonymous_sources(seeds_dir: Path) -> None:
    article = seed(seeds_dir, "000")
    kinds = [a.source_kind for a in article.attributions]
    assert kinds and set(kinds) == {"anonymous"}


def test_seed_002_claims_come_from_the_named_analyst_speaking_to_sputnik(seeds_dir: Path) -> None:
    article = seed(seeds_dir, "002")
    people = [a for a in article.attributions if a.source_kind == "named_person"]
    assert people and all(a.entity_id == people[0].entity_id for a in people)
    assert any("رحمون" in a.source for a in people)
    assert any(a.cited_outlet == "Sputnik" for a in people)


def test_seed_004_chain_is_anonymous_sources_then_sputnik_then_defa_press(seeds_dir: Path) -> None:
    article = seed(seeds_dir, "004")
    chains = [[link["name"] if link["role"] != "source" else link["kind"] for link in a.chain]
              for a in article.attributions]
    assert ["Defa Press", "Sputnik", "anonymous"] in chains


def test_seed_003_anonymous_sources_speak_to_sana(seeds_dir: Path) -> None:
    article = seed(seeds_dir, "003")
    assert any(a.source_kind == "anonymous" and a.cited_outlet == "SANA" for a in article.attributions)


# --- eval ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset", ["dev", "blind"])
def test_eval_attributions_meets_its_floors(dataset: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "attributions", "--dataset", dataset, "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    floors = FLOORS["attributions"][dataset]
    assert result["gold"] > 0 and result["matched"] > 0
    for metric, floor in floors.items():
        assert result[metric] >= floor, f"{dataset} {metric} {result[metric]} fell below the floor {floor}"


def test_eval_scores_a_perfect_and_an_empty_prediction(tmp_path: Path) -> None:
    gold = [{"id": "x", "lang": "ar", "text": "قال مسؤول أمني إن الهجوم فشل.",
             "attributions": [{"source": "مسؤول أمني", "source_kind": "anonymous"}]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    result = evaluation.score(path)
    assert (result["precision"], result["recall"], result["kind_accuracy"]) == (1.0, 1.0, 1.0)
    gold[0]["attributions"] = [{"source": "الهجوم", "source_kind": "official"}]
    path.write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    result = evaluation.score(path)
    assert (result["precision"], result["recall"]) == (0.0, 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "وأضاف: \"حقق الفريق اللقب للمرة الثالثة\".",  # a quotation follows the verb: no source phrase
        "نقل البيانات عن بعد لشركة السيارات صار ممكناً.",  # نقل as "transfer", not a relay
        "أكد استعداد لبنان للتعاون مع الجيران.",  # the subject is dropped; لبنان is what is talked about
    ],
)
def test_no_attribution_without_a_source(text: str) -> None:
    assert sources(text) == []
