"""Quality gate: the shipped persuasion model must score at least the floors in tests/floors.json
("persuasion") on ArMPro's test split (never used for training or choosing), and beat the
majority-class and random baselines clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.eval.persuasion import NO_TECHNIQUE, evaluate, main, read_split, score, split_path
from rasad.framing.persuasion import PRODUCT_MODEL, load_model

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))["persuasion"]
MARGIN = 0.02  # how far above the better baseline each headline score must be


@pytest.fixture(scope="module")
def test_result(shared_dir: Path) -> dict:
    return evaluate(shared_dir / "data", "test")


@pytest.mark.parametrize("metric", ["micro_f1", "macro_f1"])
def test_shipped_model_meets_floor_and_beats_baselines(test_result: dict, metric: str) -> None:
    assert test_result["model"] == PRODUCT_MODEL, "the floor must hold for the model the product runs"
    assert test_result["paragraphs"] > 1000
    floor = FLOORS["test"][metric]
    assert test_result[metric] >= floor, f"{metric} {test_result[metric]:.4f} below floor {floor}"
    best_baseline = max(b[metric] for b in test_result["baselines"].values())
    assert test_result[metric] >= best_baseline + MARGIN


def test_most_trained_techniques_are_found_on_test(test_result: dict) -> None:
    found = [t for t in test_result["techniques"] if test_result["per_label"][t]["f1"] > 0]
    assert len(found) >= len(test_result["techniques"]) // 2  # the rarest trained ones may miss
    assert test_result["per_label"][NO_TECHNIQUE]["f1"] > 0


def test_the_shipped_model_trained_on_dev_only() -> None:
    meta = load_model().meta
    assert meta["trained_on"] == {"armpro": "dev"}
    assert set(meta["data_sha256"]) == {f"persuasion/ar/armpro/multilabel_{s}.jsonl" for s in ("dev", "test")}
    assert meta["command"].startswith("rasad train persuasion")
    assert set(meta["thresholds"]) == set(meta["techniques"])


def test_the_splits_are_disjoint(shared_dir: Path) -> None:
    dev = {text for text, _ in read_split(split_path(shared_dir / "data", "dev"))}
    test = {text for text, _ in read_split(split_path(shared_dir / "data", "test"))}
    assert dev and test and not dev & test


@pytest.mark.parametrize(("gold", "predicted", "micro", "macro"), [
    ([{"a"}, {"b"}], [{"a"}, {"b"}], 1.0, 1.0),
    ([{"a", "b"}, {NO_TECHNIQUE}], [{"a"}, {NO_TECHNIQUE}], 0.8, 0.6667),
    ([{"a"}, {"a"}], [{"b"}, {"b"}], 0.0, 0.0),
])
def test_score(gold: list[set[str]], predicted: list[set[str]], micro: float, macro: float) -> None:
    result = score([frozenset(g) for g in gold], [frozenset(p) for p in predicted])
    assert (result["micro_f1"], result["macro_f1"]) == (micro, macro)


def test_main_prints_json_last(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(shared_dir / "data"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"micro_f1", "macro_f1", "per_label", "baselines"} <= set(result)
    assert set(result["baselines"]) == {"majority", "random"}


def test_main_says_where_the_data_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "not found" in capsys.readouterr().err
