"""Quality gate: time expressions must score at least the floors in tests/floors.json ("timex")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.eval.timex import DEFAULT_GOLD, GoldError, evaluate, main

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))["timex"]


def test_meets_floor(shared_dir: Path) -> None:
    result = evaluate(DEFAULT_GOLD, shared_dir)
    errors = "\n".join(map(str, result["errors"]))
    assert result["precision"] >= FLOORS["precision"], errors
    assert result["recall"] >= FLOORS["recall"], errors
    assert result["gold"] >= 90  # every seed and example document is annotated


def test_main_prints_json_last(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--shared", str(shared_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"precision", "recall", "f1", "span"} <= set(result)


def test_missing_gold_fails_loudly(tmp_path: Path, shared_dir: Path) -> None:
    with pytest.raises(GoldError):
        evaluate(tmp_path / "nope.json", shared_dir)
    assert main(["--gold", str(tmp_path / "nope.json"), "--shared", str(shared_dir)]) == 2


def test_a_wrong_value_counts_against_precision_and_recall(tmp_path: Path, shared_dir: Path) -> None:
    gold = {
        "documents": [
            {
                "corpus": "seeds",
                "file": "004_1466ee4cbd6c5b37.txt",
                "lang": "fa",
                "published": None,
                "times": [{"text": "آبان ۱۳۹۸", "occurrence": 0, "value": "1398", "calendar": "solar_hijri"}],
            }
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = evaluate(path, shared_dir)
    assert (result["precision"], result["recall"]) == (0.0, 0.0)
    assert result["span"]["recall"] == 1.0
