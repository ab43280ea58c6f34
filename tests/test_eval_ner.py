"""Quality gate: the shipped NER models must score at least the floors in tests/floors.json ("ner")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.eval.ner import evaluate, main, score
from rasad.eval.ner_en import EN_SETS, evaluate_en_news, read_gold
from rasad.extract.ner import PRODUCT_TYPES
from rasad.extract.ner.model import PRODUCT_MODELS, models_dir

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))["ner"]


@pytest.mark.parametrize(("dataset", "lang"), [("anercorp", "ar"), ("peyma", "fa"), ("arman", "fa")])
def test_shipped_model_meets_floor(shared_dir: Path, dataset: str, lang: str) -> None:
    result = evaluate(dataset, shared_dir / "data")
    assert result["model"] == PRODUCT_MODELS[lang], "the floor must hold for the model the product runs"
    assert result["f1"] >= FLOORS[dataset], f"{dataset}: F1 {result['f1']:.4f} below floor {FLOORS[dataset]}"
    assert result["precision"] > 0 and result["recall"] > 0
    assert set(result["per_type"]) <= PRODUCT_TYPES


def test_the_shipped_persian_model_never_trained_on_a_test_split() -> None:
    meta = json.loads((models_dir() / "ner-fa.json").read_text(encoding="utf-8"))
    assert meta["trained_on"] == {"peyma": "train", "arman": "train"}


@pytest.mark.parametrize(
    ("gold", "pred", "f1"),
    [
        ([["B-PER", "I-PER", "O"]], [["B-PER", "I-PER", "O"]], 1.0),
        ([["B-PER", "I-PER", "O"]], [["B-PER", "O", "O"]], 0.0),  # partial span is wrong
        ([["B-PER", "O", "B-LOC"]], [["B-ORG", "O", "B-LOC"]], 0.5),  # wrong type is wrong
        ([["O", "O"]], [["O", "O"]], 0.0),
    ],
)
def test_score_exact_span_and_type(gold: list[list[str]], pred: list[list[str]], f1: float) -> None:
    assert score(gold, pred)["f1"] == f1


def test_main_prints_json_last(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dataset", "anercorp", "--data", str(shared_dir / "data"), "--json"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last)
    assert {"f1", "precision", "recall", "per_type"} <= set(result)
    assert {"PER", "LOC", "ORG", "MISC"} <= set(result["per_type"])


@pytest.mark.parametrize("dataset", sorted(EN_SETS))
def test_english_entities_meet_floor(dataset: str) -> None:
    result = evaluate_en_news(dataset)
    assert result["gold"] >= 100 and result["predicted"] > 0
    assert result["f1"] >= FLOORS[dataset], f"{dataset}: F1 {result['f1']:.4f} below floor {FLOORS[dataset]}"
    assert set(result["per_type"]) <= {"PER", "ORG", "LOC", "MISC"}
    assert result["per_source"]["model"]["correct"] > 0, "the floor must hold with the English model running"


def test_english_gold_has_several_hundred_entities_of_each_main_type() -> None:
    entities = [e for doc in read_gold(EN_SETS["en-news"]) for e in doc["entities"]]
    counts = {kind: sum(e["type"] == kind for e in entities) for kind in ("PER", "ORG", "LOC")}
    assert len(entities) >= 300 and min(counts.values()) >= 50, counts


def test_main_scores_english_news_without_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dataset", "en-news", "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["dataset"] == "en-news" and {"PER", "ORG", "LOC"} <= set(result["per_type"])


def test_corpus_datasets_still_need_data() -> None:
    with pytest.raises(SystemExit):
        main(["--dataset", "anercorp"])
