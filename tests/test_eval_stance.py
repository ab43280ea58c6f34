"""Quality gate: the shipped stance model must score at least the floors in tests/floors.json ("stance")
on the ANS stance corpus (test: never used for training or tuning; dev: used to choose the L2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.claims.stance import PRODUCT_MODEL, load_model
from rasad.eval.stance import evaluate, main

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))["stance"]


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_shipped_model_meets_floor(shared_dir: Path, split: str) -> None:
    result = evaluate(shared_dir / "data", split)
    assert result["model"] == PRODUCT_MODEL, "the floor must hold for the model the product runs"
    assert result["pairs"] > 300
    floor = FLOORS[split]["macro_f1"]
    assert result["macro_f1"] >= floor, f"{split}: macro-F1 {result['macro_f1']:.4f} below floor {floor}"
    assert all(c["f1"] > 0 for c in result["per_class"].values()), "every class must be found"


def test_the_shipped_model_trained_on_train_only() -> None:
    meta = load_model().meta
    assert meta["trained_on"] == {"ans-stance": "train"}
    assert set(meta["data_sha256"]) == {f"claims/ar/ans/stance/{s}.csv" for s in ("train", "dev", "test")}
    assert meta["command"].startswith("rasad train stance")


def test_main_prints_json_last(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(shared_dir / "data"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"macro_f1", "per_class", "confusion"} <= set(result)
    assert set(result["per_class"]) == {"agree", "disagree", "other"}
    assert {"precision", "recall", "f1"} <= set(result["per_class"]["other"])


def test_main_says_where_the_data_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "not found" in capsys.readouterr().err
