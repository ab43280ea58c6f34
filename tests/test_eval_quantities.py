"""Quality gate: quantity extraction on the gold must not fall below the floors in tests/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

from rasad.eval.quantities import evaluate, main

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "quantities.jsonl"
FLOORS = ROOT / "tests" / "floors.json"


def test_quantities_meet_floors(shared_dir: Path, examples_dir: Path) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["quantities"]
    result = evaluate(GOLD, shared_dir, examples_dir)
    assert result["gold"] > 0 and result["files"] >= 5
    for key in ("precision", "recall", "counted_accuracy"):
        assert result[key] >= floors[key], f"{key} {result[key]} fell below the floor {floors[key]}"


def test_main_prints_json_last(shared_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--shared", str(shared_dir), "--json"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    data = json.loads(last)
    assert {"precision", "recall", "f1", "counted_accuracy"} <= set(data)


def test_missing_gold_file_is_an_error(tmp_path: Path, shared_dir: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"source": "seeds", "file": "nope.txt", "text": "1", "value": 1}\n', encoding="utf-8")
    assert main(["--gold", str(gold), "--shared", str(shared_dir)]) == 2
