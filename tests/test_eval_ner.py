"""Quality gate: the shipped NER models must score at least the floors in tests/floors.json ("ner")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.eval.ner import evaluate, main, score
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
