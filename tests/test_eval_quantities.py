"""Quality gate: quantity extraction must not fall below the per-set floors in tests/floors.json.

Floors are per set: "dev" (the tuned gold), "heldout" and, once the lead adds it, "test". A set with a
floor whose gold file is missing fails; nothing is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rasad.eval.quantities as quantities_eval
from rasad.eval.quantities import evaluate, head_noun, main, set_paths

ROOT = Path(__file__).resolve().parents[1]
FLOORS: dict[str, dict[str, float]] = json.loads((ROOT / "tests" / "floors.json").read_text(encoding="utf-8"))[
    "quantities"
]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quantities_meet_floors(name: str, shared_dir: Path, examples_dir: Path) -> None:
    path = set_paths()[name]
    assert path.is_file(), f"floors.json has quantity floors for {name!r} but its gold {path} is missing"
    result = evaluate(path, shared_dir, examples_dir)
    assert result["gold"] > 0 and result["files"] >= 5
    for key, floor in FLOORS[name].items():
        assert result[key] >= floor, f"{name} {key} {result[key]} fell below the floor {floor}"


@pytest.mark.parametrize(
    ("label", "head"),
    [
        ("civilians killed", "civilian"),
        ("people killed", "person"),
        ("tonnes of explosives", "tonne"),
        ("ISIS members", "member"),
        ("families displaced", "family"),
        ("detainees released on bail", "detainee"),
        ("people needing shelter", "person"),
        ("US dollars", "dollar"),
        (None, None),
    ],
)
def test_head_noun(label: str | None, head: str | None) -> None:
    assert head_noun(label) == head


def _doc_gold(tmp_path: Path, quantities: list[dict[str, object]]) -> Path:
    doc = {"id": "q1", "lang": "en", "published": None, "text": "Police arrested 12 protesters and dozens of others.",
           "times": [], "quantities": quantities}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"documents": [doc]}), encoding="utf-8")
    return path


def test_document_gold_scores_counts_and_labels(tmp_path: Path, shared_dir: Path, examples_dir: Path) -> None:
    gold = [
        {"text": "12", "occurrence": 0, "value": 12, "low": None, "high": None, "approximate": False,
         "kind": "count", "counted": "protesters arrested"},
        {"text": "dozens", "occurrence": 0, "value": None, "low": 20, "high": 99, "approximate": True,
         "kind": "count", "counted": "others"},
    ]
    result = evaluate(_doc_gold(tmp_path, gold), shared_dir, examples_dir)
    assert (result["precision"], result["recall"], result["matched"]) == (1.0, 1.0, 2)
    assert result["counted_head"] >= result["counted_exact"]


def test_document_gold_one_to_one(tmp_path: Path, shared_dir: Path, examples_dir: Path) -> None:
    row = {"text": "12", "occurrence": 0, "value": 12, "low": None, "high": None, "approximate": False,
           "kind": "count", "counted": None}
    result = evaluate(_doc_gold(tmp_path, [row, row]), shared_dir, examples_dir)
    assert result["recall"] == 0.5  # one prediction cannot match two gold items


def test_main_prints_json_last(tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quantities_eval, "TEST_GOLD", tmp_path / "no_test_yet.json")
    assert main(["--shared", str(shared_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"dev", "heldout", "test", "precision", "recall", "f1"} <= set(data)
    assert data["test"]["missing"] is True
    assert data["test"]["path"] == str(tmp_path / "no_test_yet.json")
    assert data["recall"] == data["heldout"]["recall"]
    assert {"precision", "recall", "f1", "counted_exact", "counted_head"} <= set(data["dev"])


def test_missing_test_set_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--set", "test", "--gold", str(tmp_path / "nope.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["test"]["missing"] is True


def test_missing_gold_file_is_an_error(tmp_path: Path, shared_dir: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"source": "seeds", "file": "nope.txt", "text": "1", "value": 1}\n', encoding="utf-8")
    assert main(["--gold", str(gold), "--shared", str(shared_dir)]) == 2
    assert main(["--set", "heldout", "--gold", str(tmp_path / "none.json")]) == 2


def test_installed_without_shared_scores_the_shipped_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As installed from a wheel: no ../shared seeds and no examples folder. The dev set cannot be
    # read and says why; the shipped heldout and test sets are still scored.
    args = ["--shared", str(tmp_path / "no-shared"), "--examples", str(tmp_path / "no-examples"), "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["dev"]["missing"] is True and "no-shared" in data["dev"]["reason"]
    assert data["heldout"]["recall"] > 0 and data["test"]["recall"] > 0
